/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Photos are never mirrored, with the settings a station starts with: the
 * preview is a mirror (mirror-preview defaults to true), while the original
 * and the standardized photo the station saves show the scene as the camera
 * saw it. The scene is asymmetric: the person stands left of centre. */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "core/gp-paths.h"
#include "image/gp-jpeg.h"
#include "photo/gp-profile.h"
#include "photo/gp-standardize.h"
#include "station/gp-station.h"
#include "vision/gp-face-detector.h"

#include "gp-test-portrait.h"
#include "gp-test-util.h"

#define STUDENT_NO "2026000101"

static GpFrame *
mirror (const GpFrame *frame)
{
  GpFrame *out = gp_frame_new (frame->format, frame->width, frame->height);
  int channels = gp_frame_channels (frame);

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      memcpy (out->data + (gsize) y * out->stride + (gsize) channels * (frame->width - 1 - x),
              frame->data + (gsize) y * frame->stride + (gsize) channels * x, channels);
  return out;
}

/* Mean absolute difference per channel of two RGB frames of one size. */
static double
difference (const GpFrame *a,
            const GpFrame *b)
{
  double sum = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < 3 * a->width; x++)
      sum += ABS (a->data[(gsize) y * a->stride + x] - b->data[(gsize) y * b->stride + x]);
  return sum / (3.0 * a->width * a->height);
}

/* @seen shows @reference and not its mirror image: by a wide margin, as
 * JPEG and colour conversions leave small differences of their own. */
static void
assert_shows (const char    *what,
              const GpFrame *seen,
              const GpFrame *reference)
{
  g_autoptr(GpFrame) mirrored = mirror (reference);
  double as_is = difference (seen, reference);
  double flipped = difference (seen, mirrored);

  g_test_message ("%s: %.1f from what it should show, %.1f from that mirrored", what, as_is, flipped);
  if (!(as_is < 8 && flipped > 3 * as_is))
    g_test_fail_printf ("%s is the wrong way round: it differs by %.1f from what it should show and by "
                        "%.1f from that mirrored", what, as_is, flipped);
}

static GpFrame *
sample_to_frame (GstSample *sample)
{
  GstVideoInfo info;
  GstVideoFrame vframe;
  GpFrame *frame;

  g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
  g_assert_cmpint (GST_VIDEO_INFO_FORMAT (&info), ==, GST_VIDEO_FORMAT_RGB);
  g_assert_true (gst_video_frame_map (&vframe, &info, gst_sample_get_buffer (sample), GST_MAP_READ));
  frame = gp_frame_new (GP_FRAME_RGB, GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  for (int y = 0; y < frame->height; y++)
    memcpy (frame->data + (gsize) y * frame->stride,
            (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&vframe, 0) + (gsize) y * GST_VIDEO_FRAME_PLANE_STRIDE (&vframe, 0),
            (gsize) 3 * frame->width);
  gst_video_frame_unmap (&vframe);
  return frame;
}

static void
wait_for_phase (GpStation *station,
                GpPhase    phase)
{
  /* The first capture loads the face models: slow under the sanitizers. */
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  /* Polls: a capture that fails goes back a phase and waits for nothing. */
  while (gp_station_get_phase (station) != phase && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (gp_station_get_phase (station) != phase)
    g_error ("the station is %s, not %s: %s", gp_phase_to_string (gp_station_get_phase (station)),
             gp_phase_to_string (phase), gp_station_get_notice (station));
}

static void
test_default_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.gradphoto.GradPhoto");
  g_autofree char *dir = g_dir_make_tmp ("gp-mirror-XXXXXX", &error);
  g_autofree char *frames = g_build_filename (dir, "frames", NULL);
  g_autofree char *frame_path = g_build_filename (frames, "f000.jpg", NULL);
  g_autofree char *spec_text = g_strconcat ("frames:", frames, NULL);
  g_autofree char *db = NULL;
  g_autofree char *profile_name = g_settings_get_string (settings, "profile");
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  GpStudent *student = gp_student_new ();
  GpTestPortraitSpec portrait;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) scene = NULL;
  g_autoptr(GpFrame) preview = NULL;
  g_autoptr(GpFrame) original = NULL;
  g_autoptr(GpFrame) photo = NULL;
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GpCamera) camera = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStation) station = NULL;
  g_autoptr(GpCapture) capture = NULL;
  g_autoptr(GpProfile) profile = NULL;
  g_autoptr(GpStandardizeResult) expected = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGB", NULL);
  GstElement *sink;
  GpFaceDetector *detector;

  g_assert_no_error (error);
  g_assert_true (g_settings_get_boolean (settings, "mirror-preview"));

  /* The person left of centre, lit from the right, on the cloth backdrop:
   * the photo, cropped around the face, still has a dark side. */
  gp_test_portrait_spec_init (&portrait, GP_TEST_SUBJECT_HOPPER, 1280, 720);
  portrait.eyes_x = 0.38 * portrait.width;
  portrait.side_light = 0.5;
  scene = gp_test_portrait_compose (&portrait, &truth);
  g_assert_cmpint (g_mkdir_with_parents (frames, 0755), ==, 0);
  g_assert_true (gp_jpeg_save (scene, frame_path, 95, 72, &error));
  g_assert_no_error (error);

  gp_paths_set_data_dir (dir);
  db = gp_paths_database ();
  store = gp_store_open (db, &error);
  g_assert_no_error (error);
  student->student_no = g_strdup (STUDENT_NO);
  student->name = g_strdup ("赵小明");
  student->code = g_strdup ("GPMIRROR1");
  g_ptr_array_add (students, student);
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Set up as the kiosk sets up its camera and station from the settings. */
  spec = gp_camera_spec_parse (spec_text, &error);
  g_assert_no_error (error);
  camera = gp_camera_new (spec, &error);
  g_assert_no_error (error);
  gp_camera_set_preview_mirrored (camera, g_settings_get_boolean (settings, "mirror-preview"));
  sink = gst_element_factory_make ("appsink", NULL);
  g_object_set (sink, "caps", caps, "max-buffers", 1, "drop", TRUE, "sync", FALSE, NULL);
  gp_camera_set_preview_sink (camera, gst_object_ref (sink));
  station = gp_station_new (store, camera);
  g_assert_true (gp_station_set_profile (station, profile_name, &error));
  g_assert_no_error (error);
  g_assert_true (gp_station_start (station, &error));
  g_assert_no_error (error);

  while (gp_camera_get_state (camera) != GP_CAMERA_STATE_PLAYING)
    g_main_context_iteration (NULL, TRUE);
  gp_station_submit_code (station, STUDENT_NO);
  wait_for_phase (station, GP_PHASE_IDENTIFIED);
  gp_station_capture (station);
  wait_for_phase (station, GP_PHASE_CAPTURED);

  /* The preview shows the scene the preview size allows, as a mirror. */
  sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_SECOND);
  g_assert_nonnull (sample);
  preview = sample_to_frame (sample);
  {
    g_autoptr(GpFrame) mirrored = mirror (scene);

    assert_shows ("the preview (the scene mirrored)", preview, mirrored);
  }

  capture = gp_store_get_capture (store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  original = gp_jpeg_load (capture->original_path, &error);
  g_assert_no_error (error);
  assert_shows ("the original (the scene)", original, scene);

  /* The photo is the one standardizing the original gives, not a mirror
   * image of it (the original was checked above). */
  profile = gp_profile_load (profile_name, &error);
  g_assert_no_error (error);
  detector = gp_face_detector_get_default (&error);
  g_assert_no_error (error);
  expected = gp_standardize (original, profile, detector, NULL);
  g_assert_nonnull (expected->photo);
  photo = gp_jpeg_load (capture->photo_path, &error);
  g_assert_no_error (error);
  assert_shows ("the photo (the original standardized)", photo, expected->photo);

  gp_camera_stop (camera);
  g_clear_object (&station);
  g_clear_object (&store);
  gst_object_unref (sink);
  gp_test_portrait_truth_clear (&truth);
  gp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mirror/default-settings/preview-mirrored-photo-and-original-not", test_default_settings);

  return g_test_run ();
}
