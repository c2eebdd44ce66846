/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Compliance checks: every check fails on its bad variant of a composite
 * and nothing fails on the good one; thresholds come from the profile. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>

#include "photo/gp-check-clothing.h"
#include "photo/gp-check-colour.h"
#include "photo/gp-checks.h"
#include "photo/gp-crop.h"
#include "photo/gp-matte.h"
#include "photo/gp-photo-encode.h"
#include "photo/gp-standardize.h"

#include "gp-test-face-edit.h"
#include "gp-test-portrait.h"

static GpProfile *profile;

static void
spec_for (GpTestPortraitSpec *spec, GpTestSubject subject, int width)
{
  gp_test_portrait_spec_init (spec, subject, width, width * 9 / 16);
  spec->scale *= 1.5;
  spec->eyes_y = 0.5 * spec->height;
}

static GpStandardizeResult *
standardize (const GpTestPortraitSpec *spec)
{
  g_autoptr(GpFrame) frame = gp_test_portrait_compose (spec, NULL);

  return gp_standardize (frame, profile, NULL, NULL);
}

static GpCheckStatus
status_of_checks (GArray *checks, GpCheckId id)
{
  GpCheck *c = gp_checks_find (checks, id);

  g_assert_nonnull (c);
  g_test_message ("%s = %g (%g to %g): %s", gp_check_id_to_string (id), c->value, c->min, c->max,
                  gp_check_status_to_string (c->status));
  return c->status;
}

static GpCheckStatus
status_of (GpStandardizeResult *r, GpCheckId id)
{
  return status_of_checks (r->checks, id);
}

/* Hopper wears her cap in every composite: good for every check but that
 * one, which must fail. */
static gboolean
expected_fail (GpTestSubject subject, GpCheckId id)
{
  return subject == GP_TEST_SUBJECT_HOPPER && id == GP_CHECK_HEADWEAR;
}

static void
test_good (gconstpointer data)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GPOINTER_TO_INT (data), 1280);
  r = standardize (&spec);
  if (spec.subject == GP_TEST_SUBJECT_HOPPER)
    g_assert_error (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_CHECK_FAILED);
  else
    g_assert_no_error (r->error);
  g_assert_cmpuint (r->checks->len, ==, GP_CHECK_N);
  for (guint i = 0; i < r->checks->len; i++)
    {
      const GpCheck *c = &g_array_index (r->checks, GpCheck, i);

      g_test_message ("%s = %g: %s", gp_check_id_to_string (c->id), c->value, gp_check_status_to_string (c->status));
      g_assert_cmpint (c->id, ==, i);
      g_assert_cmpint (c->status == GP_CHECK_FAIL, ==, expected_fail (spec.subject, c->id));
      g_assert_true ((c->status == GP_CHECK_PASS) == (c->message == NULL));
    }
}

/* A variant; zero fields keep the neutral composite (brightness 1,
 * Hopper, the blue backdrop and profile). */
typedef struct {
  const char     *name;
  GpCheckId       check;
  GpTestSubject   subject;
  GpTestBackdrop  backdrop;
  double          blur, brightness, side_light, roll;
  double          tint;           /* clothing towards rgb (NULL: the backdrop's colour) */
  const double   *rgb;
  GpTestCover     cover;
  gboolean        glasses;
  double          glare, glare_radius, glare_dx, glare_dy;
  GpTestLens      lens;
  GpTestFaceEditKind edit;        /* a face edit painted on */
  double          edit_strength;
  gboolean        own_smile;      /* the astronaut's teeth as photographed */
  double          noise;          /* sensor noise, sigma in levels */
  int             width;          /* the frame: 0 = 1280 × 720 */
  double          lens_tint;      /* tinted lenses, towards lens_rgb */
  const double   *lens_rgb;
  double          zoom;           /* the face's size over the default
                                   * composite's (0: 1.5, close framing) */
  GpTestObject    object;         /* behind the person, at object_side */
  int             object_side;
} Variant;

#define RGB(r, g, b) ((const double[3]) { r, g, b })

static const Variant variants[] = {
  { "blur", GP_CHECK_SHARPNESS, .blur = 3.5 },
  { "dark", GP_CHECK_EXPOSURE, .brightness = 0.35 },
  { "side-light-left", GP_CHECK_EVEN_LIGHT, .side_light = 0.6 },
  { "side-light-right", GP_CHECK_EVEN_LIGHT, .side_light = -0.6 },
  { "blue-clothes", GP_CHECK_CLOTHING, .tint = 0.9 },
  { "pale-blue-sweater", GP_CHECK_CLOTHING, GP_TEST_SUBJECT_ASTRONAUT, .tint = 1, .rgb = RGB (135, 205, 245) },
  { "white-shirt-on-white", GP_CHECK_CLOTHING, .backdrop = GP_TEST_BACKDROP_WHITE, .tint = 1,
    .rgb = RGB (250, 250, 250) },
  { "light-grey-on-light-grey", GP_CHECK_CLOTHING, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY, .tint = 1,
    .rgb = RGB (225, 225, 225) },
  { "glare", GP_CHECK_GLARE, .glare = 1 },
  { "glare-small-spot", GP_CHECK_GLARE, .glare = 1, .glare_radius = 0.12, .glare_dx = 0.12, .glare_dy = -0.1 },
  { "glare-both-lenses", GP_CHECK_GLARE, GP_TEST_SUBJECT_ASTRONAUT, .glasses = TRUE, .glare = 0.9,
    .glare_radius = 0.17, .glare_dx = 0.1, .glare_dy = -0.08, .lens = GP_TEST_LENS_BOTH },
  { "glare-right-lens-on-white", GP_CHECK_GLARE, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE,
    .glasses = TRUE, .glare = 0.8, .glare_radius = 0.2, .glare_dx = -0.1, .glare_dy = 0.1, .lens = GP_TEST_LENS_RIGHT },
  { "tilted", GP_CHECK_ROLL, .roll = 9 },
  { "tilted-other-way", GP_CHECK_ROLL, .roll = -9 },
  { "eyes-shut", GP_CHECK_EYES_OPEN, .edit = GP_TEST_FACE_EYES_CLOSED, .edit_strength = 1 },
  { "eyes-shut-astronaut", GP_CHECK_EYES_OPEN, GP_TEST_SUBJECT_ASTRONAUT, .edit = GP_TEST_FACE_EYES_CLOSED,
    .edit_strength = 1 },
  { "eyes-nearly-shut-on-white", GP_CHECK_EYES_OPEN, .backdrop = GP_TEST_BACKDROP_WHITE,
    .edit = GP_TEST_FACE_EYES_CLOSED, .edit_strength = 0.75 },
  { "mouth-open", GP_CHECK_MOUTH_CLOSED, .edit = GP_TEST_FACE_MOUTH_OPEN, .edit_strength = 0.35 },
  { "mouth-open-astronaut", GP_CHECK_MOUTH_CLOSED, GP_TEST_SUBJECT_ASTRONAUT, .edit = GP_TEST_FACE_MOUTH_OPEN,
    .edit_strength = 0.25 },
  { "turned-right", GP_CHECK_YAW, .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = 15 },
  { "turned-left-astronaut", GP_CHECK_YAW, GP_TEST_SUBJECT_ASTRONAUT, .edit = GP_TEST_FACE_HEAD_TURNED,
    .edit_strength = -15 },
  /* A turn of 10°, which the yaw limit must catch: the hand-placed turns
   * of 15° read as low as 0.22. */
  { "turned-10-left", GP_CHECK_YAW, .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = -10 },
  { "turned-10-right-astronaut-on-grey", GP_CHECK_YAW, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY,
    .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = 10 },
  /* Turned so far that the detector scores the face below its usual
   * threshold: still the yaw check, not "no face found". */
  { "turned-25-right-astronaut", GP_CHECK_YAW, GP_TEST_SUBJECT_ASTRONAUT, .edit = GP_TEST_FACE_HEAD_TURNED,
    .edit_strength = 25 },
  { "turned-20-left-astronaut-on-grey", GP_CHECK_YAW, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY,
    .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = -20 },
  /* A smile that shows the teeth, the lips hardly apart. */
  { "smile-as-photographed", GP_CHECK_TEETH, GP_TEST_SUBJECT_ASTRONAUT, .own_smile = TRUE },
  { "grin", GP_CHECK_TEETH, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.12 },
  { "grin-astronaut-on-white", GP_CHECK_TEETH, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE,
    .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.1 },
  { "grin-lit-dimmer", GP_CHECK_TEETH, .brightness = 0.75, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.1 },
  /* Sunglasses, and tinted lenses on Hopper's own glasses and drawn ones. */
  { "sunglasses", GP_CHECK_TINTED_GLASSES, GP_TEST_SUBJECT_ASTRONAUT, .glasses = TRUE, .lens_tint = 0.8 },
  { "grey-tint", GP_CHECK_TINTED_GLASSES, .lens_tint = 0.5 },
  { "brown-tint-on-white", GP_CHECK_TINTED_GLASSES, .backdrop = GP_TEST_BACKDROP_WHITE, .lens_tint = 0.5,
    .lens_rgb = RGB (255, 200, 140) },
  { "green-tint-astronaut", GP_CHECK_TINTED_GLASSES, GP_TEST_SUBJECT_ASTRONAUT, .glasses = TRUE, .lens_tint = 0.45,
    .lens_rgb = RGB (150, 255, 170) },
  /* A focus blur of 2.5 px at 1080p, and through sensor noise. */
  { "blur-1080p", GP_CHECK_SHARPNESS, .blur = 2.5, .width = 1920, .zoom = 1 },
  { "blur-1080p-noisy", GP_CHECK_SHARPNESS, GP_TEST_SUBJECT_ASTRONAUT, .blur = 2.5, .noise = 4, .width = 1920,
    .zoom = 1 },
  /* Things behind the person that touch the outline, so the separation
   * keeps them: the flag photographed beside the astronaut, and drawn ones. */
  { "photographed-flag", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_PHOTO_FLAG, .object_side = -1 },
  { "photographed-flag-astronaut-on-white", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_SUBJECT_ASTRONAUT,
    GP_TEST_BACKDROP_WHITE, .object = GP_TEST_OBJECT_PHOTO_FLAG, .object_side = 1, .zoom = 1 },
  { "flag-right", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_FLAG, .object_side = 1 },
  { "flag-left-astronaut-far", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_SUBJECT_ASTRONAUT, .object = GP_TEST_OBJECT_FLAG,
    .object_side = -1, .zoom = 1 },
  { "poster-left-astronaut-on-white", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE,
    .object = GP_TEST_OBJECT_POSTER, .object_side = -1 },
  { "shoulder-behind", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_SHOULDER, .object_side = 1 },
  { "shoulder-behind-on-grey", GP_CHECK_BACKGROUND_OBJECTS, .backdrop = GP_TEST_BACKDROP_GREY,
    .object = GP_TEST_OBJECT_SHOULDER, .object_side = -1, .zoom = 1 },
};

/* Good in the ways the clothing and glare checks look at: clothing plainly
 * unlike the background, glasses without reflections. */
static const Variant good_variants[] = {
  { "white-shirt-on-blue", GP_CHECK_N, .tint = 1, .rgb = RGB (245, 245, 245) },
  { "dark-suit-on-white", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, .tint = 1,
    .rgb = RGB (30, 30, 30) },
  { "blue-shirt-on-white", GP_CHECK_N, .backdrop = GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (60, 110, 190) },
  { "astronaut-glasses", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, .glasses = TRUE },
  /* Brighter skin is not glare: the level follows the skin's highlights. */
  { "astronaut-glasses-lit-brighter", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, .brightness = 1.15, .glasses = TRUE },
  { "hopper-lit-brighter", GP_CHECK_N, .brightness = 1.15 },
  /* Dark suits on the blue cloth are clothing, not the cloth in shadow. */
  { "navy-suit-on-blue", GP_CHECK_N, .tint = 1, .rgb = RGB (40, 50, 100) },
  { "dark-grey-suit-on-blue", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, .tint = 1, .rgb = RGB (90, 90, 90) },
  /* A slight turn and parted lips are within the limits. */
  { "turned-slightly", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, .edit = GP_TEST_FACE_HEAD_TURNED,
    .edit_strength = 5 },
  { "turned-slightly-left-on-white", GP_CHECK_N, .backdrop = GP_TEST_BACKDROP_WHITE,
    .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = -5 },
  { "lips-just-parted", GP_CHECK_N, .edit = GP_TEST_FACE_MOUTH_OPEN, .edit_strength = 0.05 },
  /* A sharp webcam frame: sensor noise is not detail. */
  { "sharp-1080p-noisy", GP_CHECK_N, .noise = 4, .width = 1920 },
  { "sharp-1080p-noisy-astronaut", GP_CHECK_N, GP_TEST_SUBJECT_ASTRONAUT, .noise = 6, .width = 1920 },
};

static GpStandardizeResult *
standardize_variant (const Variant *v)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpProfile) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = NULL;

  spec_for (&spec, v->subject, v->width > 0 ? v->width : 1280);
  if (v->zoom > 0)
    spec.scale *= v->zoom / 1.5;
  spec.own_smile = v->own_smile;
  spec.lens_tint = v->lens_tint;
  for (int c = 0; c < 3 && v->lens_rgb != NULL; c++)
    spec.lens_rgb[c] = v->lens_rgb[c];
  spec.noise = v->noise;
  spec.backdrop = v->backdrop;
  spec.blur = v->blur;
  spec.brightness = v->brightness > 0 ? v->brightness : 1;
  spec.side_light = v->side_light;
  spec.roll = v->roll;
  spec.clothing_tint = v->tint;
  for (int c = 0; c < 3 && v->rgb != NULL; c++)
    spec.clothing_rgb[c] = v->rgb[c];
  spec.clothing_cover = v->cover;
  spec.glasses = v->glasses;
  spec.glare = v->glare;
  if (v->glare_radius > 0)
    spec.glare_radius = v->glare_radius;
  spec.glare_dx = v->glare_dx;
  spec.glare_dy = v->glare_dy;
  spec.glare_lens = v->lens;
  spec.object = v->object;
  spec.object_side = v->object_side;
  p = gp_profile_load (gp_test_portrait_profile_name (v->backdrop), &error);
  g_assert_no_error (error);
  frame = gp_test_portrait_compose (&spec, NULL);
  if (v->edit != GP_TEST_FACE_NONE)
    {
      gp_test_face_edit_portrait (frame, &spec, v->edit, v->edit_strength, &error);
      g_assert_no_error (error);
    }
  return gp_standardize (frame, p, NULL, NULL);
}

static void
test_variant (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GpStandardizeResult) r = standardize_variant (v);

  g_test_message ("%s: %s", v->name, r->error != NULL ? r->error->message : "ok");
  g_assert_cmpint (status_of (r, v->check), ==, GP_CHECK_FAIL);
  g_assert_false (r->ok);
  g_assert_nonnull (gp_checks_find (r->checks, v->check)->message);
  /* A reflection is what to fix, even when the eyes behind it read as shut. */
  if (v->check == GP_CHECK_GLARE)
    g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_GLARE);
  /* Dark lenses are what to fix, not the light they darken. */
  if (v->check == GP_CHECK_TINTED_GLASSES)
    g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_TINTED_GLASSES);
}

/* Nothing fails; a brightly lit face may warn of glare. */
static void
test_good_variant (gconstpointer data)
{
  const Variant *v = data;
  g_autoptr(GpStandardizeResult) r = standardize_variant (v);

  g_test_message ("%s: %s", v->name, r->error != NULL ? r->error->message : "ok");
  g_assert_nonnull (r->checks);
  for (guint i = 0; i < GP_CHECK_N; i++)
    g_assert_cmpint (status_of (r, i) == GP_CHECK_FAIL, ==, expected_fail (v->subject, i));
  g_assert_cmpint (status_of (r, GP_CHECK_CLOTHING), ==, GP_CHECK_PASS);
  if (v->subject == GP_TEST_SUBJECT_HOPPER)
    g_assert_error (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_CHECK_FAILED);
  else
    g_assert_no_error (r->error);
}

/* The clothing check given the photo before its backdrop was replaced (the
 * crop of the frame, separated again), as gp_checks_run() takes it. */
typedef struct {
  const char     *name;
  GpTestSubject   subject;
  GpTestBackdrop  cloth;
  const char     *profile;
  double          tint;
  const double   *rgb;
  GpTestCover     cover;
  GpCheckStatus   expected;
} OriginalCase;

static const OriginalCase original_cases[] = {
  /* The separation drops the jacket with the cloth; the shirt stays. */
  { "open-jacket", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, "chsi-blue", 1, RGB (135, 205, 245),
    GP_TEST_COVER_OPEN_JACKET, GP_CHECK_FAIL },
  /* On white cloth the separation drops the orange suit (its ring reads as
   * shaded white): not the clothing's fault. */
  { "shoulders-lost-by-separation", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, "white", 0, NULL,
    GP_TEST_COVER_ALL, GP_CHECK_PASS },
  /* Blue on the blue cloth, for a white-background profile: it turns white
   * with the cloth. */
  { "clothing-like-the-cloth", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, "white", 1, NULL,
    GP_TEST_COVER_ALL, GP_CHECK_FAIL },
};

static void
test_clothing_with_original (gconstpointer data)
{
  const OriginalCase *t = data;
  GpTestPortraitSpec spec;
  g_autoptr(GpProfile) p = gp_profile_load (t->profile, NULL);
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpStandardizeResult) r = NULL;
  g_autoptr(GpFrame) original = NULL;
  g_autoptr(GpMatte) matte = NULL;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  GpCheckInput input = { 0 };
  GpEllipse ellipse;

  spec_for (&spec, t->subject, 1280);
  spec.backdrop = t->cloth;
  spec.clothing_tint = t->tint;
  for (int c = 0; c < 3 && t->rgb != NULL; c++)
    spec.clothing_rgb[c] = t->rgb[c];
  spec.clothing_cover = t->cover;
  frame = gp_test_portrait_compose (&spec, NULL);
  r = gp_standardize (frame, p, NULL, NULL);
  g_assert_nonnull (r->photo);
  original = gp_photo_resample (frame, r->crop.x, r->crop.y, r->crop.width, r->crop.height,
                                r->crop.out_width, r->crop.out_height);
  faces = gp_face_detector_detect (gp_face_detector_get_default (NULL), r->photo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  gp_crop_face_ellipse (&g_array_index (faces, GpFace, 0), &ellipse);
  matte = gp_matte_new (original, &ellipse);
  input.photo = r->photo;
  input.matte = matte;
  input.faces = (const GpFace *) faces->data;
  input.n_faces = 1;
  input.original = original;
  checks = gp_checks_run (&input, p);
  g_assert_cmpint (status_of_checks (checks, GP_CHECK_CLOTHING), ==, t->expected);
}

/* Overexposed, but not so far that the face is lost: the clipping check
 * itself fails, and at 1.6 it is the reason given. */
static void
test_clipped (void)
{
  static const double brightness[] = { 1.6, 1.8 };

  for (guint i = 0; i < G_N_ELEMENTS (brightness); i++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpStandardizeResult) r = NULL;

      spec_for (&spec, GP_TEST_SUBJECT_HOPPER, 1280);
      spec.brightness = brightness[i];
      r = standardize (&spec);
      g_assert_false (r->ok);
      g_assert_cmpuint (r->checks->len, >, 1);
      g_assert_cmpint (status_of (r, GP_CHECK_CLIPPING), ==, GP_CHECK_FAIL);
      if (i == 0)
        g_assert_nonnull (strstr (r->error->message, "“clipping”"));
    }
}

static void
test_two_faces (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER, 1280);
  spec.eyes_x = 0.4 * spec.width;
  spec.second_face = TRUE;
  r = standardize (&spec);
  g_assert_error (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_FACES);
  g_assert_cmpint (status_of (r, GP_CHECK_FACES), ==, GP_CHECK_FAIL);
}

/* Landmark-only checks, with the landmarks moved as a closed eye, an open
 * mouth or a turned head would move them. */
static void
test_landmarks (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;
  g_autoptr(GpFaceDetector) unused = NULL;
  GpFaceDetector *detector;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) faces = NULL;
  GpFaceGeometry g;
  static const GpCheckId ids[] = { GP_CHECK_EYES_OPEN, GP_CHECK_MOUTH_CLOSED, GP_CHECK_YAW };

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER, 1280);
  r = standardize (&spec);
  /* Her cap fails the headwear check; the photo is what is needed here. */
  g_assert_error (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_CHECK_FAILED);
  g_assert_nonnull (r->photo);
  detector = gp_face_detector_get_default (&error);
  g_assert_no_error (error);
  faces = gp_face_detector_detect (detector, r->photo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GpFace face = g_array_index (faces, GpFace, 0);
      GpCheckInput input = { r->photo, NULL, &face, 1 };
      g_autoptr(GArray) checks = NULL;
      GpPoint *lm = face.landmarks;

      if (ids[i] == GP_CHECK_EYES_OPEN)
        for (int e = 36; e <= 42; e += 6)
          {
            /* Lids together on the eye's axis. */
            double y = (lm[e].y + lm[e + 3].y) / 2;

            lm[e + 1].y = lm[e + 2].y = lm[e + 4].y = lm[e + 5].y = y;
          }
      else if (ids[i] == GP_CHECK_MOUTH_CLOSED)
        for (int m = 61; m <= 63; m++)
          {
            lm[m].y -= 0.2 * g.eye_distance;
            lm[m + 4].y += 0.2 * g.eye_distance;
          }
      else
        for (int n = 27; n <= 35; n++)
          lm[n].x += 0.5 * g.eye_distance;
      checks = gp_checks_run (&input, profile);
      g_assert_cmpint (gp_checks_find (checks, ids[i])->status, ==, GP_CHECK_FAIL);
    }
}

/* check on a photo made elsewhere: the cloth backdrop is no plain colour. */
static void
test_unreplaced_backdrop (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) made = NULL;
  g_autoptr(GpStandardizeResult) checked = NULL;
  g_autoptr(GpStandardizeResult) raw = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpFrame) cut = NULL;
  GpCrop *c;
  g_autoptr(GpProfile) bare = gp_profile_new_default ();

  /* Hopper's cap is not what this is about: the headwear rule is lifted. */
  bare->checks[GP_CHECK_HEADWEAR].max = bare->checks[GP_CHECK_HEADWEAR].good_max = 1;
  spec_for (&spec, GP_TEST_SUBJECT_HOPPER, 1280);
  spec.backdrop = GP_TEST_BACKDROP_WHITE;
  frame = gp_test_portrait_compose (&spec, NULL);
  made = gp_standardize (frame, bare, NULL, NULL);
  g_assert_no_error (made->error);
  checked = gp_standardize_check (made->photo, 0, bare, NULL);
  g_assert_no_error (checked->error);
  g_assert_cmpint (status_of (checked, GP_CHECK_BACKGROUND), ==, GP_CHECK_PASS);

  c = &made->crop;
  cut = gp_photo_resample (frame, c->x, c->y, c->width, c->height, c->out_width, c->out_height);
  raw = gp_standardize_check (cut, 0, bare, NULL);
  g_assert_false (raw->ok);
  g_assert_cmpint (status_of (raw, GP_CHECK_BACKGROUND), ==, GP_CHECK_FAIL);
}

/* CIEDE2000 against pairs from Sharma, Wu and Dalal's test data (2005),
 * which exercise the hue-angle and chroma-weighting corner cases. */
static void
test_delta_e (void)
{
  static const struct {
    GpLab  x, y;
    double expected;
  } pairs[] = {
    { { 50, 2.6772, -79.7751 }, { 50, 0, -82.7485 }, 2.0425 },
    { { 50, 3.1571, -77.2803 }, { 50, 0, -82.7485 }, 2.8615 },
    { { 50, 0, 0 }, { 50, -1, 2 }, 2.3669 },
    { { 50, 2.5, 0 }, { 73, 25, -18 }, 27.1492 },
    { { 50, 2.5, 0 }, { 61, -5, 29 }, 22.8977 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 2.0776, 0.0795, -1.1350 }, { 0.9033, -0.0636, -0.5514 }, 0.9082 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpfloat_with_epsilon (gp_check_colour_delta_e (&pairs[i].x, &pairs[i].y), pairs[i].expected, 1e-4);
      g_assert_cmpfloat_with_epsilon (gp_check_colour_delta_e (&pairs[i].y, &pairs[i].x), pairs[i].expected, 1e-4);
    }
}

/* sRGB white is L 100 and neutral; the CHSI blue as a colour meter reads it. */
static void
test_lab (void)
{
  static const guint8 white[3] = { 255, 255, 255 }, blue[3] = { 100, 197, 255 }, grey[3] = { 240, 240, 240 };
  GpLab w, b, g;

  gp_check_colour_to_lab (white, &w);
  gp_check_colour_to_lab (blue, &b);
  gp_check_colour_to_lab (grey, &g);
  g_assert_cmpfloat_with_epsilon (w.l, 100, 0.01);
  g_assert_cmpfloat_with_epsilon (w.a, 0, 0.01);
  g_assert_cmpfloat_with_epsilon (w.b, 0, 0.01);
  g_assert_cmpfloat_with_epsilon (b.l, 76.0, 0.1);
  g_assert_cmpfloat_with_epsilon (b.a, -11.8, 0.1);
  g_assert_cmpfloat_with_epsilon (b.b, -37.1, 0.1);
  /* White and light grey: close, but more than a just-noticeable step. */
  g_assert_cmpfloat (gp_check_colour_delta_e (&w, &g), >, 2);
  g_assert_cmpfloat (gp_check_colour_delta_e (&w, &g), <, GP_CHECK_CLOTHING_DELTA_E);
}

static void
test_statuses (void)
{
  g_assert_cmpstr (gp_check_status_to_string (GP_CHECK_PASS), ==, "pass");
  g_assert_cmpstr (gp_check_status_to_string (GP_CHECK_WARN), ==, "warn");
  g_assert_cmpstr (gp_check_status_to_string (GP_CHECK_FAIL), ==, "fail");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *shipped = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  profile = gp_profile_new_default ();

  g_test_add_func ("/photo/checks/statuses", test_statuses);
  g_test_add_func ("/photo/checks/colour/delta-e-reference-pairs", test_delta_e);
  g_test_add_func ("/photo/checks/colour/srgb-to-lab", test_lab);
  g_test_add_data_func ("/photo/checks/good/hopper", GINT_TO_POINTER (GP_TEST_SUBJECT_HOPPER), test_good);
  g_test_add_data_func ("/photo/checks/good/astronaut", GINT_TO_POINTER (GP_TEST_SUBJECT_ASTRONAUT), test_good);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/checks/bad/%s", variants[i].name);

      g_test_add_data_func (path, &variants[i], test_variant);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/checks/good/%s", good_variants[i].name);

      g_test_add_data_func (path, &good_variants[i], test_good_variant);
    }
  g_test_add_func ("/photo/checks/bad/clipped", test_clipped);
  g_test_add_func ("/photo/checks/bad/two-faces", test_two_faces);
  g_test_add_func ("/photo/checks/bad/landmarks", test_landmarks);
  g_test_add_func ("/photo/checks/bad/unreplaced-backdrop", test_unreplaced_backdrop);
  for (guint i = 0; i < G_N_ELEMENTS (original_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/checks/clothing/with-original/%s", original_cases[i].name);

      g_test_add_data_func (path, &original_cases[i], test_clothing_with_original);
    }
  status = g_test_run ();
  gp_profile_free (profile);
  return status;
}
