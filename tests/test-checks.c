/* Compliance checks: every check fails on its bad variant of a composite
 * and nothing fails on the good one; thresholds come from the profile. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-photo-encode.h"
#include "photo/gp-standardize.h"

#include "gp-test-portrait.h"

static GpProfile *profile;

static void
spec_for (GpTestPortraitSpec *spec, GpTestSubject subject)
{
  gp_test_portrait_spec_init (spec, subject, 1280, 720);
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
status_of (GpStandardizeResult *r, GpCheckId id)
{
  GpCheck *c = gp_checks_find (r->checks, id);

  g_assert_nonnull (c);
  g_test_message ("%s = %g (%g to %g): %s", gp_check_id_to_string (id), c->value, c->min, c->max,
                  gp_check_status_to_string (c->status));
  return c->status;
}

static void
test_good (gconstpointer data)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GPOINTER_TO_INT (data));
  r = standardize (&spec);
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->checks->len, ==, GP_CHECK_N);
  for (guint i = 0; i < r->checks->len; i++)
    {
      const GpCheck *c = &g_array_index (r->checks, GpCheck, i);

      g_test_message ("%s = %g: %s", gp_check_id_to_string (c->id), c->value, gp_check_status_to_string (c->status));
      g_assert_cmpint (c->id, ==, i);
      g_assert_cmpint (c->status, !=, GP_CHECK_FAIL);
      g_assert_true ((c->status == GP_CHECK_PASS) == (c->message == NULL));
    }
}

typedef struct {
  const char *name;
  GpCheckId   check;
  double      blur, brightness, side_light, clothing_tint, glare, roll;
} Variant;

static const Variant variants[] = {
  { "blur", GP_CHECK_SHARPNESS, 3.5, 1, 0, 0, 0, 0 },
  { "dark", GP_CHECK_EXPOSURE, 0, 0.35, 0, 0, 0, 0 },
  { "side-light-left", GP_CHECK_EVEN_LIGHT, 0, 1, 0.6, 0, 0, 0 },
  { "side-light-right", GP_CHECK_EVEN_LIGHT, 0, 1, -0.6, 0, 0, 0 },
  { "blue-clothes", GP_CHECK_CLOTHING, 0, 1, 0, 0.9, 0, 0 },
  { "glare", GP_CHECK_GLARE, 0, 1, 0, 0, 1, 0 },
  { "tilted", GP_CHECK_ROLL, 0, 1, 0, 0, 0, 9 },
  { "tilted-other-way", GP_CHECK_ROLL, 0, 1, 0, 0, 0, -9 },
};

static void
test_variant (gconstpointer data)
{
  const Variant *v = data;
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
  spec.blur = v->blur;
  spec.brightness = v->brightness;
  spec.side_light = v->side_light;
  spec.clothing_tint = v->clothing_tint;
  spec.glare = v->glare;
  spec.roll = v->roll;
  r = standardize (&spec);
  g_test_message ("%s: %s", v->name, r->error != NULL ? r->error->message : "ok");
  g_assert_false (r->ok);
  g_assert_cmpint (status_of (r, v->check), ==, GP_CHECK_FAIL);
  g_assert_nonnull (gp_checks_find (r->checks, v->check)->message);
}

/* Overexposed: HOG may no longer find the face; if it does, it fails. */
static void
test_clipped (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
  spec.brightness = 1.8;
  r = standardize (&spec);
  g_assert_false (r->ok);
  if (r->checks->len > 1)
    g_assert_cmpint (status_of (r, GP_CHECK_CLIPPING), ==, GP_CHECK_FAIL);
  else
    g_assert_error (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_NO_FACE);
}

static void
test_two_faces (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
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

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
  r = standardize (&spec);
  g_assert_no_error (r->error);
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

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
  spec.backdrop = GP_TEST_BACKDROP_WHITE;
  frame = gp_test_portrait_compose (&spec, NULL);
  made = gp_standardize (frame, profile, NULL, NULL);
  g_assert_no_error (made->error);
  checked = gp_standardize_check (made->photo, 0, profile, NULL);
  g_assert_no_error (checked->error);
  g_assert_cmpint (status_of (checked, GP_CHECK_BACKGROUND), ==, GP_CHECK_PASS);

  c = &made->crop;
  cut = gp_photo_resample (frame, c->x, c->y, c->width, c->height, c->out_width, c->out_height);
  raw = gp_standardize_check (cut, 0, profile, NULL);
  g_assert_false (raw->ok);
  g_assert_cmpint (status_of (raw, GP_CHECK_BACKGROUND), ==, GP_CHECK_FAIL);
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
  int status;

  g_test_init (&argc, &argv, NULL);
  profile = gp_profile_new_default ();

  g_test_add_func ("/photo/checks/statuses", test_statuses);
  g_test_add_data_func ("/photo/checks/good/hopper", GINT_TO_POINTER (GP_TEST_SUBJECT_HOPPER), test_good);
  g_test_add_data_func ("/photo/checks/good/astronaut", GINT_TO_POINTER (GP_TEST_SUBJECT_ASTRONAUT), test_good);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/checks/bad/%s", variants[i].name);

      g_test_add_data_func (path, &variants[i], test_variant);
    }
  g_test_add_func ("/photo/checks/bad/clipped", test_clipped);
  g_test_add_func ("/photo/checks/bad/two-faces", test_two_faces);
  g_test_add_func ("/photo/checks/bad/landmarks", test_landmarks);
  g_test_add_func ("/photo/checks/bad/unreplaced-backdrop", test_unreplaced_backdrop);
  status = g_test_run ();
  gp_profile_free (profile);
  return status;
}
