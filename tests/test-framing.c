/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Live framing advice on composited portraits whose geometry is known. */
#include "config.h"

#include "station/gp-framing.h"
#include "vision/gp-face-detector.h"

#include "gp-test-face-edit.h"
#include "gp-test-portrait.h"

/* Grace Hopper's eyes are 80 px apart in the source portrait. */
#define HOPPER_EYE_DISTANCE 80.0

typedef struct {
  const char     *name;
  double          eye_distance;   /* in the 1080p frame */
  double          eyes_x;         /* fraction of the width */
  double          eyes_y;         /* fraction of the height */
  double          roll;
  gboolean        second_face;
  GpFramingHint   expected;
  /* A face edit painted on, and its strength. */
  GpTestFaceEditKind edit;
  double          strength;
} Case;

static const Case cases[] = {
  { "good", 140, 0.5, 0.4, 0, FALSE, GP_FRAMING_GOOD },
  { "too-far", 60, 0.5, 0.4, 0, FALSE, GP_FRAMING_COME_CLOSER },
  { "too-close", 260, 0.5, 0.45, 0, FALSE, GP_FRAMING_MOVE_BACK },
  /* The image's left is the person's right: they must move to their left. */
  { "at-image-left", 140, 0.13, 0.4, 0, FALSE, GP_FRAMING_MOVE_LEFT },
  { "at-image-right", 140, 0.87, 0.4, 0, FALSE, GP_FRAMING_MOVE_RIGHT },
  { "too-high", 140, 0.5, 0.2, 0, FALSE, GP_FRAMING_MOVE_DOWN },
  { "tilted", 140, 0.5, 0.4, 12, FALSE, GP_FRAMING_STRAIGHTEN },
  { "two-people", 140, 0.4, 0.4, 0, TRUE, GP_FRAMING_MANY_FACES },
  { "eyes-shut", 140, 0.5, 0.4, 0, FALSE, GP_FRAMING_OPEN_EYES, GP_TEST_FACE_EYES_CLOSED, 1 },
  { "turned-away", 140, 0.5, 0.4, 0, FALSE, GP_FRAMING_FACE_CAMERA, GP_TEST_FACE_HEAD_TURNED, 18 },
  { "mouth-open", 140, 0.5, 0.4, 0, FALSE, GP_FRAMING_CLOSE_MOUTH, GP_TEST_FACE_MOUTH_OPEN, 0.35 },
};

static void
test_advice_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  GpFaceDetector *detector = gp_face_detector_get_default (&error);
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  GpFramingAdvice advice;

  g_assert_no_error (error);
  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  spec.scale = c->eye_distance / HOPPER_EYE_DISTANCE;
  spec.eyes_x = c->eyes_x * spec.width;
  spec.eyes_y = c->eyes_y * spec.height;
  spec.roll = c->roll;
  if (c->second_face)
    {
      spec.second_face = TRUE;
      spec.second_subject = GP_TEST_SUBJECT_ASTRONAUT;
      spec.second_scale = 1.5;
      spec.second_eyes_x = 0.78 * spec.width;
      spec.second_eyes_y = 0.4 * spec.height;
    }
  frame = gp_test_portrait_compose (&spec, &truth);
  if (c->edit != GP_TEST_FACE_NONE)
    {
      gp_test_face_edit_portrait (frame, &spec, c->edit, c->strength, &error);
      g_assert_no_error (error);
    }
  faces = gp_face_detector_detect (detector, frame, &error);
  g_assert_no_error (error);

  gp_framing_advise (profile, frame, (const GpFace *) (gpointer) faces->data, faces->len, &advice);
  g_assert_cmpstr (gp_framing_hint_message (advice.hint), ==, gp_framing_hint_message (c->expected));
  if (advice.has_face && c->expected == GP_FRAMING_GOOD)
    {
      /* The crop that would be taken holds the whole head, hair included. */
      g_assert_cmpfloat (advice.crop_top, <, truth.head_top_y);
      g_assert_cmpfloat (advice.crop_top + advice.crop_height, <=, frame->height);
      g_assert_cmpfloat (ABS (advice.left_eye.x - truth.left_eye_x), <, 12);
    }
  gp_test_portrait_truth_clear (&truth);
}

static void
test_no_face_on_backdrop (void)
{
  g_autoptr(GError) error = NULL;
  GpFaceDetector *detector = gp_face_detector_get_default (&error);
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  GpTestPortraitSpec spec;
  GpFramingAdvice advice;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1280, 720);
  frame = gp_test_portrait_backdrop (&spec);
  faces = gp_face_detector_detect (detector, frame, &error);
  g_assert_no_error (error);
  gp_framing_advise (profile, frame, NULL, faces->len, &advice);
  g_assert_cmpint (advice.hint, ==, GP_FRAMING_NO_FACE);
  g_assert_false (advice.has_face);
}

static void
on_advice (GpFraming             *framing,
           const GpFramingAdvice *advice,
           GpFramingAdvice       *out)
{
  *out = *advice;
}

/* Through the worker thread: frames pushed, advice arrives on the main loop. */
static void
test_worker_delivers_advice (void)
{
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpFraming) framing = gp_framing_new (profile);
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpFrame) gray = NULL;
  GpFramingAdvice advice = { .hint = GP_FRAMING_NO_FACE, .frame_width = 0 };
  GpTestPortraitSpec spec;
  gint64 deadline;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  spec.scale = 140 / HOPPER_EYE_DISTANCE;
  frame = gp_test_portrait_compose (&spec, NULL);
  gray = gp_frame_to_gray (frame);
  g_signal_connect (framing, "advice", G_CALLBACK (on_advice), &advice);

  /* Paused (the default): nothing is analysed. */
  gp_framing_push_frame (framing, gray);
  g_usleep (300 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (advice.frame_width, ==, 0);

  gp_framing_set_paused (framing, FALSE);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (advice.frame_width == 0 && g_get_monotonic_time () < deadline)
    {
      gp_framing_push_frame (framing, gray);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  g_assert_cmpint (advice.frame_width, ==, 1920);
  g_assert_cmpint (advice.hint, ==, GP_FRAMING_GOOD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/framing/advice/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_advice_case);
    }
  g_test_add_func ("/framing/advice/no-face-on-backdrop", test_no_face_on_backdrop);
  g_test_add_func ("/framing/worker/delivers-advice", test_worker_delivers_advice);
  return g_test_run ();
}
