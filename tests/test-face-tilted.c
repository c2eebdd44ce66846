/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Tilted heads: found in the frame turned back, their landmarks put back
 * where the eyes are in the frame, and the student told to straighten up
 * rather than that no face is there. */
#include "config.h"

#include <math.h>
#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"
#include "vision/gp-face-tilted.h"

#include "gp-test-portrait.h"

/* The places a 720p webcam frame puts the student in, as bench-standardize
 * does: three across, two heights. */
static void
spec_at (GpTestPortraitSpec *spec, GpTestSubject subject, double roll, int place)
{
  gp_test_portrait_spec_init (spec, subject, 1280, 720);
  spec->scale *= 1920.0 / 1280 * 0.95;
  spec->eyes_x = spec->width * (0.45 + 0.05 * (place % 3));
  spec->eyes_y = spec->height * 0.48 + (place % 2) * 10;
  spec->seed = place + 1;
  spec->roll = roll;
}

/* Searched turned back by as much as it is tilted, the face's eyes come
 * back to where the composite drew them. */
static void
test_landmarks_back_in_frame (void)
{
  GpFaceDetector *detector;
  g_autoptr(GError) error = NULL;

  detector = gp_face_detector_get_default (&error);
  g_assert_no_error (error);
  for (int sign = -1; sign <= 1; sign += 2)
    {
      GpTestPortraitSpec spec;
      GpTestPortraitTruth truth;
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;
      GpFaceGeometry g;

      spec_at (&spec, GP_TEST_SUBJECT_HOPPER, 12 * sign, 1);
      frame = gp_test_portrait_compose (&spec, &truth);
      faces = gp_face_detect_tilted (detector, frame, 12 * sign, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (faces->len, ==, 1);
      gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
      g_test_message ("roll %g: eyes at (%.1f, %.1f) (%.1f, %.1f), drawn at (%.1f, %.1f) (%.1f, %.1f); roll %.1f",
                      spec.roll, g.left_eye.x, g.left_eye.y, g.right_eye.x, g.right_eye.y,
                      truth.left_eye_x, truth.left_eye_y, truth.right_eye_x, truth.right_eye_y, g.roll);
      g_assert_cmpfloat (fabs (g.left_eye.x - truth.left_eye_x), <, 0.1 * truth.eye_distance);
      g_assert_cmpfloat (fabs (g.left_eye.y - truth.left_eye_y), <, 0.1 * truth.eye_distance);
      g_assert_cmpfloat (fabs (g.right_eye.x - truth.right_eye_x), <, 0.1 * truth.eye_distance);
      g_assert_cmpfloat (fabs (g.right_eye.y - truth.right_eye_y), <, 0.1 * truth.eye_distance);
      g_assert_cmpfloat (fabs (g.roll - spec.roll), <, 3);
      gp_test_portrait_truth_clear (&truth);
    }
}

/* Tilted 9°, each way, in every place: the roll check fails with its
 * instruction; never "no face found". */
static void
test_tilted_told_to_straighten (void)
{
  g_autoptr(GpProfile) profile = gp_profile_new_default ();

  for (int place = 0; place < 6; place++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        GpTestPortraitSpec spec;
        g_autoptr(GpFrame) frame = NULL;
        g_autoptr(GpStandardizeResult) r = NULL;
        const GpCheck *roll;

        spec_at (&spec, GP_TEST_SUBJECT_ASTRONAUT, 9 * sign, place);
        frame = gp_test_portrait_compose (&spec, NULL);
        r = gp_standardize (frame, profile, NULL, NULL);
        g_test_message ("place %d, roll %g: %s", place, spec.roll, r->error != NULL ? r->error->message : "ok");
        g_assert_false (r->ok);
        roll = gp_checks_find (r->checks, GP_CHECK_ROLL);
        g_assert_nonnull (roll);
        g_assert_cmpint (roll->status, ==, GP_CHECK_FAIL);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *shipped = NULL;

  g_test_init (&argc, &argv, NULL);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  g_test_add_func ("/face/tilted/landmarks-back-in-frame", test_landmarks_back_in_frame);
  g_test_add_func ("/face/tilted/told-to-straighten-up", test_tilted_told_to_straighten);
  return g_test_run ();
}
