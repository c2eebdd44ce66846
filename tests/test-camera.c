/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The camera pipeline, run for real on the demo source, replayed frames,
 * videotestsrc and a device that does not exist. */
#include <glib/gstdio.h>
#include <string.h>
#include <gst/gst.h>

#include "camera/gp-camera.h"
#include "camera/gp-demo-scene.h"
#include "image/gp-jpeg.h"

#include "gp-test-util.h"

typedef struct {
  GMainLoop *loop;
  GpFrame   *captured;
  GError    *error;
  gint       analysis_frames;
  int        analysis_width;
} Fixture;

static void
on_frame (GpFrame  *gray,
          gpointer  user_data)
{
  Fixture *f = user_data;

  g_assert_cmpint (gray->format, ==, GP_FRAME_GRAY);
  f->analysis_width = gray->width;
  g_atomic_int_inc (&f->analysis_frames);
}

static void
on_captured (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  f->captured = gp_camera_capture_finish (GP_CAMERA (source), result, &f->error);
  g_main_loop_quit (f->loop);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_for_playing (GpCamera  *camera,
                  GMainLoop *loop)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gp_camera_get_state (camera) != GP_CAMERA_STATE_PLAYING &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_PLAYING);
}

static void
run_capture (const char *spec_text,
             int         expect_width,
             int         expect_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse (spec_text, &error);
  g_autoptr(GpCamera) camera = NULL;
  Fixture f = { 0 };

  g_assert_no_error (error);
  camera = gp_camera_new (spec, &error);
  g_assert_no_error (error);
  f.loop = g_main_loop_new (NULL, FALSE);
  gp_camera_set_frame_func (camera, on_frame, &f);
  g_assert_true (gp_camera_start (camera, &error));
  g_assert_no_error (error);
  wait_for_playing (camera, f.loop);

  gp_camera_capture_async (camera, NULL, on_captured, &f);
  g_main_loop_run (f.loop);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.captured);
  g_assert_cmpint (f.captured->format, ==, GP_FRAME_RGB);
  g_assert_cmpint (f.captured->width, ==, expect_width);
  g_assert_cmpint (f.captured->height, ==, expect_height);
  g_assert_cmpint (g_atomic_int_get (&f.analysis_frames), >, 0);
  g_assert_cmpint (f.analysis_width, ==, expect_width);

  gp_camera_stop (camera);
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_STOPPED);
  gp_frame_unref (f.captured);
  g_main_loop_unref (f.loop);
}

static void
test_demo_capture_full_resolution (void)
{
  run_capture ("demo", 1280, 720);
}

static void
test_videotestsrc_capture (void)
{
  run_capture ("pipeline:videotestsrc is-live=true ! video/x-raw,width=1920,height=1080,framerate=30/1", 1920, 1080);
}

/* The captured picture is the source's picture, not mirrored or recoloured. */
static void
test_frames_folder_replays_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-frames-XXXXXX", NULL);
  g_autoptr(GpFrame) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GpCamera) camera = NULL;
  g_autofree char *path = g_build_filename (dir, "f000.jpg", NULL);
  g_autofree char *text = g_strconcat ("frames:", dir, NULL);
  Fixture f = { 0 };
  const guint8 *left, *right;

  /* Left half red, right half blue: a mirror or channel swap would show. */
  card = gp_frame_new (GP_FRAME_RGB, 640, 480);
  for (int y = 0; y < card->height; y++)
    for (int x = 0; x < card->width; x++)
      {
        guint8 *p = card->data + y * card->stride + 3 * x;
        p[0] = x < 320 ? 220 : 20;
        p[2] = x < 320 ? 20 : 220;
      }
  g_assert_true (gp_jpeg_save (card, path, 95, 300, &error));
  g_assert_no_error (error);

  spec = gp_camera_spec_parse (text, &error);
  camera = gp_camera_new (spec, &error);
  g_assert_no_error (error);
  f.loop = g_main_loop_new (NULL, FALSE);
  g_assert_true (gp_camera_start (camera, &error));
  wait_for_playing (camera, f.loop);
  gp_camera_capture_async (camera, NULL, on_captured, &f);
  g_main_loop_run (f.loop);
  g_assert_no_error (f.error);
  g_assert_cmpint (f.captured->width, ==, 640);
  left = f.captured->data + 240 * f.captured->stride + 3 * 100;
  right = f.captured->data + 240 * f.captured->stride + 3 * 540;
  g_assert_cmpint (left[0], >, 180);
  g_assert_cmpint (left[2], <, 60);
  g_assert_cmpint (right[2], >, 180);
  g_assert_cmpint (right[0], <, 60);

  gp_camera_stop (camera);
  gp_frame_unref (f.captured);
  g_main_loop_unref (f.loop);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_empty_frames_folder_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-frames-XXXXXX", NULL);
  g_autofree char *text = g_strconcat ("frames:", dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse (text, &error);
  g_autoptr(GpCamera) camera = gp_camera_new (spec, &error);

  g_assert_null (camera);
  g_assert_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE);
  g_rmdir (dir);
}

static void
test_unknown_spec_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("webcam", &error);

  g_assert_null (spec);
  g_assert_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SPEC);
}

/* A missing webcam is a visible state and an error, never a crash. */
static void
test_missing_device_disconnected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("v4l2:/dev/video-gradphoto-missing", &error);
  g_autoptr(GpCamera) camera = gp_camera_new (spec, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gboolean started;

  g_assert_no_error (error);
  started = gp_camera_start (camera, &error);
  if (started)
    {
      /* The failure arrives asynchronously on the bus. */
      guint timeout = g_timeout_add_seconds (10, quit_loop, loop);
      g_signal_connect_swapped (camera, "error", G_CALLBACK (g_main_loop_quit), loop);
      g_main_loop_run (loop);
      g_source_remove (timeout);
    }
  else
    g_assert_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE);
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_DISCONNECTED);
}

static void
write_frames (const char *dir,
              int         count)
{
  g_autoptr(GpFrame) frame = gp_frame_new (GP_FRAME_RGB, 320, 240);

  g_mkdir_with_parents (dir, 0755);
  for (int i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%03d.jpg", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      memset (frame->data, 40 * i, (gsize) frame->stride * frame->height);
      g_assert_true (gp_jpeg_save (frame, path, 90, 72, NULL));
    }
}

static gint64
wait_for_state (GpCamera      *camera,
                GpCameraState  state,
                gint64         timeout_us)
{
  gint64 start = g_get_monotonic_time ();

  /* Polls rather than blocks: a stalled camera must fail the test, not hang it. */
  while (gp_camera_get_state (camera) != state && g_get_monotonic_time () - start < timeout_us)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  g_assert_cmpint (gp_camera_get_state (camera), ==, state);
  return g_get_monotonic_time ();
}

/* Frames that vanish mid-stream (the folder moved away, as a webcam is
 * unplugged) disconnect the camera; it is back by itself within 2 s of the
 * frames returning, and captures work again, with the same preview sink. */
static void
test_reconnects_when_source_returns (void)
{
  g_autofree char *top = g_dir_make_tmp ("gp-reconnect-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (top, "frames", NULL);
  g_autofree char *away = g_build_filename (top, "away", NULL);
  g_autofree char *text = g_strconcat ("frames:", dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GpCamera) camera = NULL;
  Fixture f = { 0 };
  gint64 returned_at, back_at;
  guint errors = 0;

  write_frames (dir, 4);
  spec = gp_camera_spec_parse (text, &error);
  camera = gp_camera_new (spec, &error);
  g_assert_no_error (error);
  gp_camera_set_preview_sink (camera, gst_element_factory_make ("fakesink", NULL));
  g_signal_connect_swapped (camera, "error", G_CALLBACK (g_atomic_int_inc), &errors);
  g_assert_true (gp_camera_start (camera, &error));
  wait_for_state (camera, GP_CAMERA_STATE_PLAYING, 10 * G_USEC_PER_SEC);

  g_assert_cmpint (g_rename (dir, away), ==, 0);
  wait_for_state (camera, GP_CAMERA_STATE_DISCONNECTED, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (errors, >=, 1);

  /* Still gone: it stays disconnected, retrying, without crashing. */
  g_usleep (G_USEC_PER_SEC);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_DISCONNECTED);

  g_assert_cmpint (g_rename (away, dir), ==, 0);
  returned_at = g_get_monotonic_time ();
  back_at = wait_for_state (camera, GP_CAMERA_STATE_PLAYING, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (back_at - returned_at, <, 2 * G_USEC_PER_SEC);

  f.loop = g_main_loop_new (NULL, FALSE);
  gp_camera_capture_async (camera, NULL, on_captured, &f);
  g_main_loop_run (f.loop);
  g_assert_no_error (f.error);
  g_assert_cmpint (f.captured->width, ==, 320);

  gp_camera_stop (camera);
  gp_frame_unref (f.captured);
  g_main_loop_unref (f.loop);
  gp_test_remove_tree (top);
}

/* The webcam source must be a valid pipeline, with the controls applied;
 * building it needs no device. */
static void
test_webcam_source_carries_controls (void)
{
  GpCameraControls controls;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("v4l2:/dev/video7", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) v4l2src = NULL;
  GstStructure *extra = NULL;
  int value = 0;

  gp_camera_controls_init (&controls);
  controls.white_balance = 5500;
  text = gp_camera_controls_to_string (&controls);
  source = gp_camera_spec_to_source (spec, text);
  g_assert_nonnull (strstr (source, "image/jpeg,width=1920,height=1080,framerate=30/1"));
  description = g_strconcat (source, " ! fakesink", NULL);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  v4l2src = gst_bin_get_by_name (GST_BIN (pipeline), "source");
  g_object_get (v4l2src, "extra-controls", &extra, NULL);
  g_assert_nonnull (extra);
  g_assert_true (gst_structure_get_int (extra, "power_line_frequency", &value));
  g_assert_cmpint (value, ==, GP_POWER_LINE_50HZ);
  g_assert_true (gst_structure_get_int (extra, "white_balance_temperature", &value));
  g_assert_cmpint (value, ==, 5500);
  g_assert_true (gst_structure_get_int (extra, "white_balance_automatic", &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_false (gst_structure_has_field (extra, "exposure_time_absolute"));
  gst_structure_free (extra);
}

static void
on_switched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  f->analysis_frames = gp_camera_switch_finish (GP_CAMERA (source), result, &f->error) ? 1 : -1;
  g_main_loop_quit (f->loop);
}

/* Switches @camera to @text and waits for the outcome: 1 switched, -1 not. */
static int
switch_to (GpCamera   *camera,
           const char *text,
           GError    **error)
{
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse (text, NULL);
  Fixture f = { .loop = g_main_loop_new (NULL, FALSE) };

  gp_camera_switch_async (camera, spec, NULL, on_switched, &f);
  g_main_loop_run (f.loop);
  g_main_loop_unref (f.loop);
  if (f.error != NULL)
    g_propagate_error (error, f.error);
  return f.analysis_frames;
}

static char *
description_of (GpCamera *camera)
{
  char *text = NULL;

  g_object_get (camera, "description", &text, NULL);
  return text;
}

/* The Settings page's camera chooser: another camera plays in its place,
 * and back to the demo camera, whose frames are fed again. */
static void
test_switch_to_another_camera (void)
{
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("demo", NULL);
  g_autoptr(GpCamera) camera = gp_camera_new (spec, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *test_source = "pipeline:videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1";
  int width = 0, height = 0;
  gint64 deadline;

  g_assert_true (gp_camera_start (camera, &error));
  wait_for_playing (camera, loop);
  g_assert_cmpint (switch_to (camera, test_source, &error), ==, 1);
  g_assert_no_error (error);
  description = description_of (camera);
  g_assert_true (g_str_has_prefix (description, "pipeline:videotestsrc"));
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_PLAYING);
  /* The pictures are the new camera's. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((!gp_camera_get_frame_size (camera, &width, &height) || width != 320) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (width, ==, 320);
  g_assert_cmpint (height, ==, 240);

  g_assert_cmpint (switch_to (camera, "demo", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_PLAYING);
  g_assert_cmpstr (gp_camera_get_description (camera), ==, "demo");
  /* The camera in use again: nothing to restart. */
  g_assert_cmpint (switch_to (camera, "demo", &error), ==, 1);
  gp_camera_stop (camera);
}

/* A device that does not start: the previous camera plays again, and the
 * error names both. */
static void
test_switch_to_failing_device_keeps_previous (void)
{
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("pipeline:videotestsrc is-live=true", NULL);
  g_autoptr(GpCamera) camera = gp_camera_new (spec, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_camera_start (camera, &error));
  wait_for_playing (camera, loop);
  g_assert_cmpint (switch_to (camera, "v4l2:/dev/video-gradphoto-missing", &error), ==, -1);
  g_assert_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, "v4l2:/dev/video-gradphoto-missing"));
  g_assert_nonnull (strstr (error->message, "“pipeline:videotestsrc is-live=true” is still in use"));
  g_assert_cmpstr (gp_camera_get_description (camera), ==, "pipeline:videotestsrc is-live=true");
  wait_for_playing (camera, loop);
  gp_camera_stop (camera);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(int *) user_data)++;
}

/* Controls set on a running camera are what it reports and sends on:
 * the extra-controls string v4l2src takes (no V4L2 device exists here). */
static void
test_controls_set_while_running (void)
{
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("pipeline:videotestsrc is-live=true", NULL);
  g_autoptr(GpCamera) camera = gp_camera_new (spec, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GpCameraControls controls, got;
  int notified = 0;

  gp_camera_controls_init (&controls);
  g_assert_false (gp_camera_get_controls (camera, &got));
  g_assert_true (gp_camera_start (camera, &error));
  wait_for_playing (camera, loop);
  g_signal_connect (camera, "notify::controls", G_CALLBACK (count_notify), &notified);
  controls.exposure = 200;
  controls.power_line = GP_POWER_LINE_60HZ;
  gp_camera_set_controls (camera, &controls);
  g_assert_true (gp_camera_get_controls (camera, &got));
  g_assert_cmpint (got.exposure, ==, 200);
  g_assert_cmpint (got.power_line, ==, GP_POWER_LINE_60HZ);
  g_assert_cmpint (got.white_balance, ==, GP_CAMERA_CONTROL_AUTO);
  g_assert_cmpint (notified, ==, 1);
  g_object_get (camera, "controls", &text, NULL);
  g_assert_cmpstr (text, ==, "c,power_line_frequency=(int)2,auto_exposure=(int)1,exposure_time_absolute=(int)200");
  g_assert_cmpint (gp_camera_get_state (camera), ==, GP_CAMERA_STATE_PLAYING);
  gp_camera_stop (camera);
}

static void
test_auto_without_webcam_is_demo (void)
{
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("auto", NULL);
  g_autoptr(GpCameraSpec) resolved = NULL;

  /* Machines running the tests have no webcam: auto must fall back to demo. */
  if (g_file_test ("/dev/video0", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("a video device exists on this machine");
      return;
    }
  resolved = gp_camera_spec_resolve (spec);
  g_assert_cmpint (resolved->kind, ==, GP_CAMERA_KIND_DEMO);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/camera/demo/capture-full-resolution", test_demo_capture_full_resolution);
  g_test_add_func ("/camera/pipeline/videotestsrc-capture", test_videotestsrc_capture);
  g_test_add_func ("/camera/frames/replays-images-unmirrored", test_frames_folder_replays_images);
  g_test_add_func ("/camera/frames/empty-folder-refused", test_empty_frames_folder_refused);
  g_test_add_func ("/camera/spec/unknown-refused", test_unknown_spec_refused);
  g_test_add_func ("/camera/v4l2/missing-device-disconnected", test_missing_device_disconnected);
  g_test_add_func ("/camera/auto/no-webcam-is-demo", test_auto_without_webcam_is_demo);
  g_test_add_func ("/camera/reconnect/when-source-returns", test_reconnects_when_source_returns);
  g_test_add_func ("/camera/v4l2/source-carries-controls", test_webcam_source_carries_controls);
  g_test_add_func ("/camera/switch/to-another-camera", test_switch_to_another_camera);
  g_test_add_func ("/camera/switch/failing-device-keeps-previous", test_switch_to_failing_device_keeps_previous);
  g_test_add_func ("/camera/controls/set-while-running", test_controls_set_while_running);

  return g_test_run ();
}
