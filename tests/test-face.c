/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Face detection and geometry on composited test portraits with known truth. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>

#include "photo/gp-profile.h"
#include "vision/gp-face-detector.h"

#include "gp-test-face-edit.h"
#include "gp-test-portrait.h"

static GpFaceDetector *
detector (void)
{
  g_autoptr(GError) error = NULL;
  GpFaceDetector *d = gp_face_detector_get_default (&error);

  g_assert_no_error (error);
  return d;
}

static GArray *
detect (const GpFrame *frame)
{
  g_autoptr(GError) error = NULL;
  GArray *faces = gp_face_detector_detect (detector (), frame, &error);

  g_assert_no_error (error);
  return faces;
}

typedef struct {
  const char    *name;
  GpTestSubject  subject;
  int            width, height;
  double         eye_distance;  /* frame px */
  double         eyes_x, eyes_y;  /* fractions of the frame */
} Placement;

/* Kiosk framing: faces of 200–450 px in 1080p (eye distance ≈ face / 2.1). */
static const Placement placements[] = {
  { "hopper-1080-centre", GP_TEST_SUBJECT_HOPPER, 1920, 1080, 120, 0.50, 0.40 },
  { "hopper-1080-large", GP_TEST_SUBJECT_HOPPER, 1920, 1080, 200, 0.55, 0.45 },
  { "astronaut-1080-right", GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080, 110, 0.70, 0.35 },
  { "astronaut-1080-small", GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080, 85, 0.45, 0.40 },
  { "hopper-720-centre", GP_TEST_SUBJECT_HOPPER, 1280, 720, 80, 0.50, 0.40 },
  { "astronaut-720-left", GP_TEST_SUBJECT_ASTRONAUT, 1280, 720, 70, 0.35, 0.38 },
  { "astronaut-720-large", GP_TEST_SUBJECT_ASTRONAUT, 1280, 720, 130, 0.50, 0.45 },
};

static void
spec_for (GpTestPortraitSpec *spec,
          const Placement    *p)
{
  double lx, ly, rx, ry;

  gp_test_portrait_spec_init (spec, p->subject, p->width, p->height);
  gp_test_portrait_source_eyes (p->subject, &lx, &ly, &rx, &ry);
  spec->scale = p->eye_distance / hypot (rx - lx, ry - ly);
  spec->eyes_x = p->eyes_x * p->width;
  spec->eyes_y = p->eyes_y * p->height;
}

static void
test_detect_placement (gconstpointer data)
{
  const Placement *p = data;
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  GpFaceGeometry g;
  double tolerance;

  spec_for (&spec, p);
  frame = gp_test_portrait_compose (&spec, &truth);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 1);
  gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);

  /* dlib's eyelid points land within ~4 % of the eye distance of the hand
   * measurement (Hopper's glasses account for most of it). */
  tolerance = MAX (3.0, 0.06 * truth.eye_distance);
  g_test_message ("%s: left eye %+.1f %+.1f, right eye %+.1f %+.1f px (tolerance %.1f)",
                  p->name, g.left_eye.x - truth.left_eye_x, g.left_eye.y - truth.left_eye_y,
                  g.right_eye.x - truth.right_eye_x, g.right_eye.y - truth.right_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.left_eye.x, truth.left_eye_x, tolerance);
  g_assert_cmpfloat_with_epsilon (g.left_eye.y, truth.left_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.right_eye.x, truth.right_eye_x, tolerance);
  g_assert_cmpfloat_with_epsilon (g.right_eye.y, truth.right_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.face_width, truth.face_width, 0.15 * truth.face_width);
  g_assert_cmpfloat_with_epsilon (g.center_x, truth.face_center_x, tolerance);
  g_assert_cmpfloat (fabs (g.roll), <, 4);
  g_assert_cmpfloat (fabs (g.yaw), <, 0.1);
  gp_test_portrait_truth_clear (&truth);
}

static void
test_roll_rotated (void)
{
  const double rolls[] = { 8, -6, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (rolls); i++)
    {
      GpTestPortraitSpec spec;
      GpTestPortraitTruth truth = { 0 };
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;
      GpFaceGeometry g;
      double upright;

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080);
      spec.roll = rolls[i];
      frame = gp_test_portrait_compose (&spec, &truth);
      faces = detect (frame);
      g_assert_cmpuint (faces->len, ==, 1);
      gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
      /* The portrait itself is not level: add its own eye-line angle. */
      upright = atan2 (truth.right_eye_y - truth.left_eye_y,
                       truth.right_eye_x - truth.left_eye_x) * 180 / G_PI;
      g_test_message ("roll %.1f°: measured %.2f°, truth %.2f°", rolls[i], g.roll, upright);
      g_assert_cmpfloat_with_epsilon (g.roll, upright, 2.0);
      gp_test_portrait_truth_clear (&truth);
    }
}

static void
test_none_on_backdrop (void)
{
  const GpTestBackdrop backdrops[] = { GP_TEST_BACKDROP_BLUE, GP_TEST_BACKDROP_WHITE, GP_TEST_BACKDROP_GREY };

  for (guint i = 0; i < G_N_ELEMENTS (backdrops); i++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
      spec.backdrop = backdrops[i];
      spec.seed = 7 + i;
      frame = gp_test_portrait_backdrop (&spec);
      faces = detect (frame);
      g_assert_cmpuint (faces->len, ==, 0);
    }
}

static void
test_two_faces (void)
{
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  gboolean found_second = FALSE;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  spec.eyes_x = 0.4 * spec.width;
  spec.second_face = TRUE;
  frame = gp_test_portrait_compose (&spec, &truth);
  g_assert_cmpint (truth.n_faces, ==, 2);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 2);
  for (guint i = 0; i < faces->len; i++)
    {
      GpFaceGeometry g;

      gp_face_geometry (&g_array_index (faces, GpFace, i), &g);
      if (fabs (g.left_eye.x - truth.second_left_eye_x) < 10 &&
          fabs (g.left_eye.y - truth.second_left_eye_y) < 10)
        found_second = TRUE;
    }
  g_assert_true (found_second);
  g_assert_cmpfloat (g_array_index (faces, GpFace, 0).score, >=,
                     g_array_index (faces, GpFace, 1).score);
  gp_test_portrait_truth_clear (&truth);
}

/* Upsampled, HOG sees a weak "face" in the astronaut's round mission patch. */
static void
test_weak_false_face (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) source = gp_test_portrait_load_source (GP_TEST_SUBJECT_ASTRONAUT, NULL);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) kept = NULL;

  all = gp_face_detector_detect_full (detector (), source, 60, 0.0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpfloat (g_array_index (all, GpFace, 1).score, <, gp_face_detector_default_min_score ());
  /* The patch is on the suit, well below the face. */
  g_assert_cmpfloat (g_array_index (all, GpFace, 1).top, >, g_array_index (all, GpFace, 0).bottom);

  kept = gp_face_detector_detect_full (detector (), source, 60,
                                       gp_face_detector_default_min_score (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 1);
}

static void
test_expression_originals (void)
{
  struct {
    GpTestSubject subject;
    gboolean      mouth_open;  /* the astronaut smiles with her teeth showing */
  } cases[] = {
    { GP_TEST_SUBJECT_HOPPER, FALSE },
    { GP_TEST_SUBJECT_ASTRONAUT, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GpFrame) source = gp_test_portrait_load_source (cases[i].subject, NULL);
      g_autoptr(GArray) faces = detect (source);
      GpFaceGeometry g;

      g_assert_cmpuint (faces->len, ==, 1);
      gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
      g_test_message ("subject %u: eyes %.3f %.3f, mouth %.3f, yaw %.3f",
                      i, g.left_eye_open, g.right_eye_open, g.mouth_open, g.yaw);
      g_assert_cmpfloat (g.left_eye_open, >, 0.2);
      g_assert_cmpfloat (g.right_eye_open, >, 0.2);
      if (cases[i].mouth_open)
        g_assert_cmpfloat (g.mouth_open, >, 0.1);
      else
        g_assert_cmpfloat (g.mouth_open, <, 0.06);
    }
}

/* A symmetric synthetic face: roll follows the eye line exactly, yaw follows
 * the nose tip within the face's outline. */
static void
test_geometry_synthetic (void)
{
  const struct {
    double roll;
    double nose_shift;  /* in eye distances */
  } cases[] = { { 0, 0 }, { 10, 0 }, { -5, 0.2 }, { 0, -0.15 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GpFace face = { 0 };
      GpFaceGeometry g;
      double c = cos (cases[i].roll * G_PI / 180), s = sin (cases[i].roll * G_PI / 180);

      /* Eyes as hexagons around (±50, 0), mouth corners at (±40, 100), nose at (shift, 60). */
      for (int k = 0; k < 6; k++)
        {
          double a = k * G_PI / 3;

          face.landmarks[36 + k] = (GpPoint) { -50 + 15 * cos (a), 5 * sin (a) };
          face.landmarks[42 + k] = (GpPoint) { 50 + 15 * cos (a), 5 * sin (a) };
        }
      face.landmarks[48] = (GpPoint) { -40, 100 };
      face.landmarks[54] = (GpPoint) { 40, 100 };
      face.landmarks[30] = (GpPoint) { 100 * cases[i].nose_shift, 60 };
      /* The jaw from ear to ear, symmetric about the face's middle. */
      for (int k = 0; k <= 8; k++)
        {
          double a = G_PI / 2 * k / 8;

          face.landmarks[k] = (GpPoint) { -100 * cos (a), 120 * sin (a) };
          face.landmarks[16 - k] = (GpPoint) { 100 * cos (a), 120 * sin (a) };
        }
      for (int k = 0; k < GP_FACE_N_LANDMARKS; k++)
        {
          GpPoint p = face.landmarks[k];

          face.landmarks[k] = (GpPoint) { 500 + p.x * c - p.y * s, 300 + p.x * s + p.y * c };
        }
      gp_face_geometry (&face, &g);
      g_assert_cmpfloat_with_epsilon (g.roll, cases[i].roll, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.eye_distance, 100, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.yaw, cases[i].nose_shift, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.center_x, 500, 1e-9);
    }
}


/* HOG's box moves with the scale the frame is scanned at: the same face
 * found with another smallest-face size (so another shrink of the frame)
 * gets a box up to 20 % larger or smaller and a tenth of its width off.
 * The landmarks are fitted again in a box rebuilt from their own eyes and
 * nose, so wherever HOG's box was, they must land in the same place; and
 * so for boxes moved by hand as far as HOG's do. */
static void
test_landmarks_stable_under_box_shift (void)
{
  const struct {
    GpTestSubject subject;
    double        eye_distance;
  } cases[] = {
    { GP_TEST_SUBJECT_HOPPER, 130 },
    { GP_TEST_SUBJECT_HOPPER, 100 },
    { GP_TEST_SUBJECT_ASTRONAUT, 110 },
    { GP_TEST_SUBJECT_ASTRONAUT, 150 },
  };
  const double min_faces[] = { 80, 100, 125, 162, 200 };
  const double shifts[][3] = {  /* dx, dy in box widths; scale */
    { -0.07, 0, 1 }, { 0.07, 0, 1 }, { 0, 0.08, 1 }, { 0, -0.06, 1 }, { 0, 0, 0.9 }, { 0, 0, 1.12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GpTestPortraitSpec spec;
      GpTestPortraitTruth truth = { 0 };
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;
      GpFace found;
      GpFaceGeometry g0;
      double lx, ly, rx, ry, worst_eye = 0, worst_mouth = 0, box_min = G_MAXDOUBLE, box_max = 0;

      gp_test_portrait_spec_init (&spec, cases[i].subject, 1920, 1080);
      gp_test_portrait_source_eyes (cases[i].subject, &lx, &ly, &rx, &ry);
      spec.scale = cases[i].eye_distance / hypot (rx - lx, ry - ly);
      frame = gp_test_portrait_compose (&spec, &truth);
      faces = detect (frame);
      g_assert_cmpuint (faces->len, ==, 1);
      found = g_array_index (faces, GpFace, 0);
      gp_face_geometry (&found, &g0);

      for (guint k = 0; k < G_N_ELEMENTS (min_faces) + G_N_ELEMENTS (shifts); k++)
        {
          g_autoptr(GError) error = NULL;
          GpFace face = found;
          GpFaceGeometry g;
          double mouth;

          if (k < G_N_ELEMENTS (min_faces))
            {
              g_autoptr(GArray) again = gp_face_detector_detect_full (detector (), frame, min_faces[k],
                                                                      gp_face_detector_default_min_score (), &error);

              g_assert_no_error (error);
              g_assert_cmpuint (again->len, ==, 1);
              face = g_array_index (again, GpFace, 0);
            }
          else
            {
              const double *sh = shifts[k - G_N_ELEMENTS (min_faces)];
              double w = found.right - found.left;
              double cx = (found.left + found.right) / 2 + sh[0] * w;
              double cy = (found.top + found.bottom) / 2 + sh[1] * w;

              face.left = cx - sh[2] * w / 2;
              face.right = cx + sh[2] * w / 2;
              face.top = cy - sh[2] * w / 2;
              face.bottom = cy + sh[2] * w / 2;
              g_assert_true (gp_face_detector_fit (detector (), frame, &face, &error));
              g_assert_no_error (error);
              /* The box given is kept. */
              g_assert_cmpfloat (face.left, ==, cx - sh[2] * w / 2);
            }
          box_min = MIN (box_min, face.right - face.left);
          box_max = MAX (box_max, face.right - face.left);
          gp_face_geometry (&face, &g);
          mouth = hypot ((face.landmarks[48].x + face.landmarks[54].x) / 2 - (found.landmarks[48].x + found.landmarks[54].x) / 2,
                         (face.landmarks[48].y + face.landmarks[54].y) / 2 - (found.landmarks[48].y + found.landmarks[54].y) / 2);
          worst_eye = MAX (worst_eye, MAX (hypot (g.left_eye.x - g0.left_eye.x, g.left_eye.y - g0.left_eye.y),
                                           hypot (g.right_eye.x - g0.right_eye.x, g.right_eye.y - g0.right_eye.y)));
          worst_mouth = MAX (worst_mouth, mouth);
        }
      g_test_message ("subject %u, eye distance %.0f px, boxes %.0f to %.0f px: eyes move %.1f px at most, "
                      "the mouth %.1f px (%.3f and %.3f eye distances)", cases[i].subject, truth.eye_distance,
                      box_min, box_max, worst_eye, worst_mouth, worst_eye / truth.eye_distance,
                      worst_mouth / truth.eye_distance);
      g_assert_cmpfloat (worst_eye, <, 0.04 * truth.eye_distance);
      g_assert_cmpfloat (worst_mouth, <, 0.1 * truth.eye_distance);
      gp_test_portrait_truth_clear (&truth);
    }
}

/* The known defect: on Grace Hopper with a 130 px eye distance in 1080p,
 * HOG's box is 14 % larger than the face's and one fit grows the whole
 * shape about the eyes (the mouth on the chin, eyes 13–25 px off). */
static void
test_landmarks_box_too_large_recovers (void)
{
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  GpFaceGeometry g;
  const GpFace *face;
  double lx, ly, rx, ry, mouth_y;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  gp_test_portrait_source_eyes (GP_TEST_SUBJECT_HOPPER, &lx, &ly, &rx, &ry);
  spec.scale = 130 / hypot (rx - lx, ry - ly);
  frame = gp_test_portrait_compose (&spec, &truth);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 1);
  face = &g_array_index (faces, GpFace, 0);
  gp_face_geometry (face, &g);
  g_test_message ("box %.0f px; left eye %+.1f %+.1f, right eye %+.1f %+.1f px; mouth %.3f",
                  face->right - face->left, g.left_eye.x - truth.left_eye_x, g.left_eye.y - truth.left_eye_y,
                  g.right_eye.x - truth.right_eye_x, g.right_eye.y - truth.right_eye_y, g.mouth_open);
  g_assert_cmpfloat (hypot (g.left_eye.x - truth.left_eye_x, g.left_eye.y - truth.left_eye_y), <, 0.07 * truth.eye_distance);
  g_assert_cmpfloat (hypot (g.right_eye.x - truth.right_eye_x, g.right_eye.y - truth.right_eye_y), <, 0.07 * truth.eye_distance);
  /* The lips are 1.1 eye distances below the eyes in the portrait, the
   * chin 1.8: the mouth must be on the lips, and closed. */
  mouth_y = (face->landmarks[48].y + face->landmarks[54].y) / 2 - g.eye_line_y;
  g_assert_cmpfloat (mouth_y, >, 0.9 * truth.eye_distance);
  g_assert_cmpfloat (mouth_y, <, 1.3 * truth.eye_distance);
  g_assert_cmpfloat (g.mouth_open, <, 0.06);
  gp_test_portrait_truth_clear (&truth);
}

typedef struct {
  const char          *name;
  GpTestSubject        subject;
  int                  width;
  double               eye_distance;  /* frame px */
  GpTestFaceEditKind   kind;
  double               strength;
} EditCase;

/* Each edit, on both subjects, at the kiosk's 720p and 1080p framings. */
static const EditCase edit_cases[] = {
  { "closed-detected/hopper-1080", GP_TEST_SUBJECT_HOPPER, 1920, 120, GP_TEST_FACE_EYES_CLOSED, 1 },
  { "closed-detected/astronaut-720", GP_TEST_SUBJECT_ASTRONAUT, 1280, 105, GP_TEST_FACE_EYES_CLOSED, 1 },
  { "nearly-closed-detected/hopper-720", GP_TEST_SUBJECT_HOPPER, 1280, 110, GP_TEST_FACE_EYES_CLOSED, 0.75 },
  { "nearly-closed-detected/astronaut-1080", GP_TEST_SUBJECT_ASTRONAUT, 1920, 130, GP_TEST_FACE_EYES_CLOSED, 0.75 },
  { "open-detected/hopper-720", GP_TEST_SUBJECT_HOPPER, 1280, 105, GP_TEST_FACE_MOUTH_OPEN, 0.25 },
  { "open-detected/astronaut-1080", GP_TEST_SUBJECT_ASTRONAUT, 1920, 120, GP_TEST_FACE_MOUTH_OPEN, 0.35 },
  { "turned-right-detected/hopper-1080", GP_TEST_SUBJECT_HOPPER, 1920, 115, GP_TEST_FACE_HEAD_TURNED, 15 },
  { "turned-left-detected/astronaut-720", GP_TEST_SUBJECT_ASTRONAUT, 1280, 105, GP_TEST_FACE_HEAD_TURNED, -15 },
  { "turned-left-detected/hopper-720", GP_TEST_SUBJECT_HOPPER, 1280, 110, GP_TEST_FACE_HEAD_TURNED, -20 },
};

static GpFrame *
compose_edit_case (const EditCase     *c,
                   GpTestPortraitSpec *spec)
{
  double lx, ly, rx, ry;

  gp_test_portrait_spec_init (spec, c->subject, c->width, c->width * 9 / 16);
  gp_test_portrait_source_eyes (c->subject, &lx, &ly, &rx, &ry);
  spec->scale = c->eye_distance / hypot (rx - lx, ry - ly);
  spec->eyes_y = 0.45 * spec->height;
  return gp_test_portrait_compose (spec, NULL);
}

/* What the compliance checks see: the best face's geometry, the eyes
 * measured in the frame. */
static void
measure (const GpFrame  *frame,
         GpFaceGeometry *g)
{
  g_autoptr(GArray) faces = detect (frame);

  g_assert_cmpuint (faces->len, >=, 1);
  gp_face_geometry_in_frame (&g_array_index (faces, GpFace, 0), frame, g);
}

/* The clean composite passes the check the edit is for; the edited one
 * fails it by the default profile's limits, and the edit changes nothing
 * far from the face. */
static void
test_edit_case (gconstpointer data)
{
  const EditCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  GpTestPortraitSpec spec;
  g_autoptr(GpFrame) frame = compose_edit_case (c, &spec);
  g_autoptr(GpFrame) before = gp_frame_crop_scale (frame, 0, 0, frame->width, frame->height,
                                                   frame->width, frame->height);
  GpFaceGeometry clean, edited;
  const GpCheckLimits *limits;
  double value_clean, value_edited;

  measure (frame, &clean);
  g_assert_true (gp_test_face_edit_portrait (frame, &spec, c->kind, c->strength, &error));
  g_assert_no_error (error);
  measure (frame, &edited);
  g_assert_cmpmem (frame->data, frame->stride * 20, before->data, before->stride * 20);

  switch (c->kind)
    {
    case GP_TEST_FACE_EYES_CLOSED:
      limits = &profile->checks[GP_CHECK_EYES_OPEN];
      value_clean = MIN (clean.left_eye_open, clean.right_eye_open);
      value_edited = MIN (edited.left_eye_open, edited.right_eye_open);
      g_assert_cmpfloat (value_clean, >=, limits->min);
      g_assert_cmpfloat (value_edited, <, limits->min);
      break;
    case GP_TEST_FACE_MOUTH_OPEN:
      limits = &profile->checks[GP_CHECK_MOUTH_CLOSED];
      value_clean = clean.mouth_open;
      value_edited = edited.mouth_open;
      g_assert_cmpfloat (value_clean, <=, limits->max);
      g_assert_cmpfloat (value_edited, >, limits->max);
      break;
    case GP_TEST_FACE_HEAD_TURNED:
      limits = &profile->checks[GP_CHECK_YAW];
      value_clean = clean.yaw;
      value_edited = edited.yaw;
      g_assert_cmpfloat (fabs (value_clean), <=, limits->good_max);
      g_assert_cmpfloat (fabs (value_edited), >, limits->max);
      /* The sign says which way: positive is the nose to the image's right. */
      g_assert_cmpint (value_edited > 0, ==, c->strength > 0);
      break;
    default:
      g_assert_not_reached ();
    }
  g_test_message ("%s: %.3f clean, %.3f edited", c->name, value_clean, value_edited);
}

/* The landmarks' eye aspect ratio misses eyes shut behind Hopper's glasses
 * (her eyelid points follow the rims and sockets); the image does not. */
static void
test_eyes_closed_behind_glasses (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  GpFaceGeometry by_landmarks, by_image;
  double lx, ly, rx, ry;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  gp_test_portrait_source_eyes (GP_TEST_SUBJECT_HOPPER, &lx, &ly, &rx, &ry);
  spec.scale = 125 / hypot (rx - lx, ry - ly);
  spec.eyes_x = 0.47 * spec.width;
  spec.backdrop = GP_TEST_BACKDROP_BLUE;
  spec.seed = 19;
  frame = gp_test_portrait_compose (&spec, NULL);
  g_assert_true (gp_test_face_edit_portrait (frame, &spec, GP_TEST_FACE_EYES_CLOSED, 1, &error));
  g_assert_no_error (error);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 1);
  gp_face_geometry (&g_array_index (faces, GpFace, 0), &by_landmarks);
  gp_face_geometry_in_frame (&g_array_index (faces, GpFace, 0), frame, &by_image);
  g_test_message ("landmarks %.3f %.3f, image %.3f %.3f", by_landmarks.left_eye_open,
                  by_landmarks.right_eye_open, by_image.left_eye_open, by_image.right_eye_open);
  g_assert_cmpfloat (MIN (by_image.left_eye_open, by_image.right_eye_open), <,
                     profile->checks[GP_CHECK_EYES_OPEN].min);
}

/* Blur spreads the iris until little of it is darker than half the skin:
 * a blurred open eye must not read as shut (the sharpness check reports
 * the blur); the landmarks decide instead. */
static void
test_eyes_blurred_open (void)
{
  g_autoptr(GpProfile) profile = gp_profile_new_default ();

  for (int subject = 0; subject < 2; subject++)
    for (int sigma = 2; sigma <= 4; sigma++)
      {
        GpTestPortraitSpec spec;
        g_autoptr(GpFrame) frame = NULL;
        GpFaceGeometry g;

        gp_test_portrait_spec_init (&spec, subject, 1280, 720);
        spec.scale *= 1920.0 / 1280 * 0.95;
        spec.eyes_y = 0.48 * spec.height;
        spec.blur = sigma;
        frame = gp_test_portrait_compose (&spec, NULL);
        measure (frame, &g);
        g_test_message ("subject %d, blur %d px: eyes %.3f %.3f", subject, sigma, g.left_eye_open, g.right_eye_open);
        g_assert_cmpfloat (MIN (g.left_eye_open, g.right_eye_open), >=, profile->checks[GP_CHECK_EYES_OPEN].min);
      }
}

static void
test_model_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFaceDetector) d = gp_face_detector_new ("/nonexistent/shape_predictor.dat", &error);

  g_assert_null (d);
  g_assert_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_MISSING);
  g_assert_nonnull (strstr (error->message, "libdlib-data"));
}

static void
test_model_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-face-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GpFaceDetector) d = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "model.dat", NULL);
  g_assert_true (g_file_set_contents (path, "not a model", -1, &error));
  d = gp_face_detector_new (path, &error);
  g_assert_null (d);
  g_assert_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_INVALID);
  g_remove (path);
  g_rmdir (dir);
}

/* The real model cut short, as a broken download leaves it: refused with
 * the reinstall message, not a crash or a half-read model. */
static void
test_model_truncated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) model = g_mapped_file_new (DLIB_PREDICTOR, FALSE, &error);
  g_autofree char *dir = g_dir_make_tmp ("gp-face-XXXXXX", &error);
  const gsize cuts[] = { 4096, 3 << 20 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *path = g_build_filename (dir, "model.dat", NULL);
      g_autoptr(GpFaceDetector) d = NULL;

      g_assert_cmpuint (g_mapped_file_get_length (model), >, cuts[i]);
      g_assert_true (g_file_set_contents (path, g_mapped_file_get_contents (model), cuts[i], &error));
      d = gp_face_detector_new (path, &error);
      g_assert_null (d);
      g_assert_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_INVALID);
      g_assert_nonnull (strstr (error->message, "libdlib-data"));
      g_clear_error (&error);
      g_remove (path);
    }
  g_rmdir (dir);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Run with -m perf: median of 10 for each stage, and the peak RSS. */
static void
test_timing (void)
{
  const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 } };
  struct rusage usage;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      double all[10], scan[10];

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, sizes[s][0], sizes[s][1]);
      frame = gp_test_portrait_compose (&spec, NULL);
      for (int i = 0; i < 10; i++)
        {
          g_autoptr(GArray) faces = NULL;
          g_autoptr(GpFrame) gray = NULL;
          g_autoptr(GpFrame) small = NULL;
          gint64 t0 = g_get_monotonic_time ();
          int sw = (int) lround (sizes[s][0] * 80.0 / (0.15 * sizes[s][1]));

          faces = detect (frame);
          all[i] = (g_get_monotonic_time () - t0) / 1000.0;
          g_assert_cmpuint (faces->len, ==, 1);
          /* The scan alone: min_face so large no face is kept, same shrink. */
          t0 = g_get_monotonic_time ();
          gray = gp_frame_to_gray (frame);
          small = gp_frame_crop_scale (gray, 0, 0, gray->width, gray->height,
                                       sw, (int) lround (sw * (double) sizes[s][1] / sizes[s][0]));
          scan[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      qsort (all, 10, sizeof (double), compare_double);
      qsort (scan, 10, sizeof (double), compare_double);
      g_test_message ("%dx%d: gray + downscale %.1f ms, detect + landmarks total %.1f ms (medians of 10)",
                      sizes[s][0], sizes[s][1], (scan[4] + scan[5]) / 2, (all[4] + all[5]) / 2);
    }
  getrusage (RUSAGE_SELF, &usage);
  g_test_message ("peak RSS %ld MB", usage.ru_maxrss / 1024);
}


/* Run with -m perf: eye-centre error against the composites' truth over
 * placements and scales of both portraits, with the detection time. */
static void
test_perf_eye_error (void)
{
  const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 } };
  const double eye_distances[][5] = { { 75, 100, 130, 160, 200 }, { 55, 70, 90, 110, 135 } };
  const double xs[] = { 0.38, 0.5, 0.62 }, ys[] = { 0.36, 0.44 };

  for (int subject = 0; subject < 2; subject++)
    {
      g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) relative = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      guint n;

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint e = 0; e < 5; e++)
          for (guint x = 0; x < G_N_ELEMENTS (xs); x++)
            for (guint y = 0; y < G_N_ELEMENTS (ys); y++)
              {
                GpTestPortraitSpec spec;
                GpTestPortraitTruth truth = { 0 };
                g_autoptr(GpFrame) frame = NULL;
                g_autoptr(GArray) faces = NULL;
                GpFaceGeometry g;
                double lx, ly, rx, ry, err, ms;
                gint64 t0;

                gp_test_portrait_spec_init (&spec, subject, sizes[s][0], sizes[s][1]);
                gp_test_portrait_source_eyes (subject, &lx, &ly, &rx, &ry);
                spec.scale = eye_distances[s][e] / hypot (rx - lx, ry - ly);
                /* Off the pixel grid by a different fraction each time. */
                spec.eyes_x = xs[x] * spec.width + 0.37 * e;
                spec.eyes_y = ys[y] * spec.height + 0.23 * e;
                spec.seed = 1 + e + 5 * x;
                spec.cloth = (e + x + y) % 2 == 0;
                frame = gp_test_portrait_compose (&spec, &truth);
                t0 = g_get_monotonic_time ();
                faces = detect (frame);
                ms = (g_get_monotonic_time () - t0) / 1000.0;
                g_array_append_val (times, ms);
                g_assert_cmpuint (faces->len, ==, 1);
                gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
                err = MAX (hypot (g.left_eye.x - truth.left_eye_x, g.left_eye.y - truth.left_eye_y),
                           hypot (g.right_eye.x - truth.right_eye_x, g.right_eye.y - truth.right_eye_y));
                g_array_append_val (errors, err);
                err /= truth.eye_distance;
                g_array_append_val (relative, err);
                gp_test_portrait_truth_clear (&truth);
              }
      n = errors->len;
      g_array_sort (errors, compare_double);
      g_array_sort (relative, compare_double);
      g_array_sort (times, compare_double);
      g_test_message ("%s, %u placements (eye distance 55 to 200 px, 720p and 1080p): worse eye off by "
                      "median %.1f px, 90th percentile %.1f px, max %.1f px (%.3f, %.3f, %.3f eye distances); "
                      "detection and landmarks median %.1f ms",
                      subject ? "astronaut" : "Hopper", n, g_array_index (errors, double, n / 2),
                      g_array_index (errors, double, n * 9 / 10), g_array_index (errors, double, n - 1),
                      g_array_index (relative, double, n / 2), g_array_index (relative, double, n * 9 / 10),
                      g_array_index (relative, double, n - 1), g_array_index (times, double, n / 2));
    }
}

/* Run with -m perf: what the eyes-open, mouth-closed and yaw checks make of
 * every standard face edit (gp_test_face_edits()) and of the clean
 * composites, by the default profile's limits, measured in the frame. */
static void
test_perf_expression_checks (void)
{
  const GpCheckId ids[] = { GP_CHECK_EYES_OPEN, GP_CHECK_MOUTH_CLOSED, GP_CHECK_YAW };
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  const GpTestFaceEdit *edits;
  guint n_edits, good = 0, false_fails[3] = { 0 }, bad[3] = { 0 }, caught[3] = { 0 }, lost[3] = { 0 };

  edits = gp_test_face_edits (&n_edits);
  for (int width = 1280; width <= 1920; width += 640)
    for (int subject = 0; subject < 2; subject++)
      for (int i = 0; i < 8; i++)
        {
          GpTestPortraitSpec spec;
          g_autoptr(GpFrame) frame = NULL;
          GpFaceGeometry g;

          gp_test_portrait_spec_init (&spec, subject, width, width * 9 / 16);
          /* The kiosk's framing: a 720p camera needs the person closer. */
          if (width < 1920)
            spec.scale *= 1920.0 / width * 0.95;
          spec.scale *= 0.9 + 0.05 * (i % 5);
          spec.eyes_x = spec.width * (0.44 + 0.04 * (i % 4));
          spec.eyes_y = spec.height * (width < 1920 ? 0.48 : 0.42) + (i % 3) * 8;
          spec.backdrop = i % 3;
          spec.seed = i + 1;
          frame = gp_test_portrait_compose (&spec, NULL);
          measure (frame, &g);
          good++;
          false_fails[0] += MIN (g.left_eye_open, g.right_eye_open) < profile->checks[GP_CHECK_EYES_OPEN].min;
          false_fails[1] += g.mouth_open > profile->checks[GP_CHECK_MOUTH_CLOSED].max;
          false_fails[2] += fabs (g.yaw) > profile->checks[GP_CHECK_YAW].max;

          for (guint e = 0; e < n_edits; e++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(GpFrame) edited = gp_frame_crop_scale (frame, 0, 0, frame->width, frame->height,
                                                               frame->width, frame->height);
              g_autoptr(GArray) faces = NULL;
              guint c = edits[e].check == GP_CHECK_EYES_OPEN ? 0 : edits[e].check == GP_CHECK_MOUTH_CLOSED ? 1 : 2;

              g_assert_true (gp_test_face_edit_portrait (edited, &spec, edits[e].kind, edits[e].strength, &error));
              g_assert_no_error (error);
              faces = detect (edited);
              bad[c]++;
              if (faces->len == 0)
                {
                  lost[c]++;
                  continue;
                }
              gp_face_geometry_in_frame (&g_array_index (faces, GpFace, 0), edited, &g);
              switch (edits[e].check)
                {
                case GP_CHECK_EYES_OPEN:
                  caught[c] += MIN (g.left_eye_open, g.right_eye_open) < profile->checks[GP_CHECK_EYES_OPEN].min;
                  break;
                case GP_CHECK_MOUTH_CLOSED:
                  caught[c] += g.mouth_open > profile->checks[GP_CHECK_MOUTH_CLOSED].max;
                  break;
                default:
                  caught[c] += fabs (g.yaw) > profile->checks[GP_CHECK_YAW].max;
                  break;
                }
            }
        }
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    g_test_message ("%-12s recall %u/%u (%.1f %%; %u more with no face found), false fails %u/%u",
                    gp_check_id_to_string (ids[c]), caught[c], bad[c], 100.0 * caught[c] / bad[c],
                    lost[c], false_fails[c], good);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (placements); i++)
    {
      g_autofree char *path = g_strdup_printf ("/face/detect/%s", placements[i].name);
      g_test_add_data_func (path, &placements[i], test_detect_placement);
    }
  g_test_add_func ("/face/roll/rotated-composite", test_roll_rotated);
  g_test_add_func ("/face/detect/none-on-blank-backdrop", test_none_on_backdrop);
  g_test_add_func ("/face/detect/two-faces", test_two_faces);
  g_test_add_func ("/face/detect/weak-false-face-filtered", test_weak_false_face);
  g_test_add_func ("/face/expression/originals", test_expression_originals);
  g_test_add_func ("/face/geometry/synthetic", test_geometry_synthetic);
  g_test_add_func ("/face/landmarks/stable-under-box-shift", test_landmarks_stable_under_box_shift);
  g_test_add_func ("/face/landmarks/box-too-large-recovers", test_landmarks_box_too_large_recovers);
  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      const char *what = edit_cases[i].kind == GP_TEST_FACE_EYES_CLOSED ? "eyes"
                         : edit_cases[i].kind == GP_TEST_FACE_MOUTH_OPEN ? "mouth" : "yaw";
      g_autofree char *path = g_strdup_printf ("/face/%s/%s", what, edit_cases[i].name);

      g_test_add_data_func (path, &edit_cases[i], test_edit_case);
    }
  g_test_add_func ("/face/eyes/closed-behind-glasses", test_eyes_closed_behind_glasses);
  g_test_add_func ("/face/eyes/blurred-open-not-closed", test_eyes_blurred_open);
  g_test_add_func ("/face/model/missing", test_model_missing);
  g_test_add_func ("/face/model/corrupt", test_model_corrupt);
  g_test_add_func ("/face/model/truncated", test_model_truncated);
  if (g_test_perf ())
    {
      g_test_add_func ("/face/perf/timing", test_timing);
      g_test_add_func ("/face/perf/eye-error", test_perf_eye_error);
      g_test_add_func ("/face/perf/expression-checks", test_perf_expression_checks);
    }

  return g_test_run ();
}
