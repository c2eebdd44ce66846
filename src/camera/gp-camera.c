/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's camera: one live pipeline, split by a tee into the preview,
 * a gray analysis tap and a full-resolution capture tap. */
#define G_LOG_DOMAIN "gp-camera"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <string.h>

#include "camera/gp-camera.h"
#include "camera/gp-demo-scene.h"
#include "camera/gp-sample-luma.h"

struct _GpCamera
{
  GObject            parent_instance;

  GpCameraSpec      *spec;
  char              *description;
  GpFrameSource     *frame_source;   /* demo and frames: cameras only */
  GstElement        *pipeline;
  GstElement        *preview_sink;
  GstElement        *preview_caps;
  GstAppSink        *analysis;
  GstAppSink        *capture;
  guint              bus_watch;
  GpCameraState      state;
  GpCameraFrameFunc  frame_func;
  gpointer           frame_data;
  int                preview_width;
  int                preview_height;
  gint               frame_width;    /* atomic: written on the streaming thread */
  gint               frame_height;
  gboolean           mirror_preview;
  char              *controls;       /* v4l2src extra-controls, or NULL */
  GpCameraControls   control_values;
  /* While switching to another camera (gp_camera_switch_async()): the one
   * to go back to if the new one fails to play. */
  GTask             *switch_task;
  GpCameraSpec      *previous_spec;
  guint              switch_timeout;
  guint              retry_source;
  GstDeviceMonitor  *monitor;
  guint              monitor_watch;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_DESCRIPTION,
  PROP_CONTROLS,
  N_PROPS
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GpCamera, gp_camera, G_TYPE_OBJECT)
G_DEFINE_QUARK (gp-camera-error-quark, gp_camera_error)

/* How often a disconnected camera is tried again. */
#define RETRY_MS 500

/* Everything after the tee is I420, decoded once. The analysis branch takes
 * the luma plane as its gray frame without converting (gp_sample_luma()). */
#define PIPELINE_TAIL \
  " ! videoconvert ! video/x-raw,format=I420 ! tee name=t" \
  " t. ! queue leaky=downstream max-size-buffers=1 ! videoscale ! capsfilter name=preview_caps" \
  " ! videoflip name=preview_flip ! videoconvert name=preview_out" \
  " t. ! queue leaky=downstream max-size-buffers=1" \
  " ! appsink name=analysis max-buffers=1 drop=true sync=false wait-on-eos=false" \
  " t. ! queue leaky=downstream max-size-buffers=1" \
  " ! appsink name=capture max-buffers=1 drop=true sync=false wait-on-eos=false"

static void
set_state (GpCamera      *self,
           GpCameraState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The analysis branch's frames, to the scanner and the framing guide. */
static GstFlowReturn
on_analysis_sample (GstAppSink *sink,
                    gpointer    user_data)
{
  GpCamera *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  g_autoptr(GpFrame) gray = NULL;

  if (sample == NULL || (gray = gp_sample_luma (sample)) == NULL)
    return GST_FLOW_OK;

  g_atomic_int_set (&self->frame_width, gray->width);
  g_atomic_int_set (&self->frame_height, gray->height);
  if (self->frame_func != NULL)
    self->frame_func (gray, self->frame_data);
  return GST_FLOW_OK;
}

static void disconnect_and_retry (GpCamera *self);
static gboolean switch_failed (GpCamera *self, const char *reason);
static void switch_done (GpCamera *self);

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  GpCamera *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("Pipeline error: %s (%s)", gst_error->message, debug);
        if (switch_failed (self, gst_error->message))
          return G_SOURCE_REMOVE;
        error = g_error_new (GP_CAMERA_ERROR, GP_CAMERA_ERROR_PIPELINE,
                             _("The camera stopped: %s. Check that it is plugged in; GradPhoto reconnects by itself."),
                             gst_error->message);
        disconnect_and_retry (self);
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      }
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_EOS:
      {
        /* A live camera never ends: an end of stream is an unplugged one. */
        g_autoptr(GError) error = g_error_new (GP_CAMERA_ERROR, GP_CAMERA_ERROR_PIPELINE,
                                               _("The camera stopped sending pictures. Check that it is plugged in; GradPhoto reconnects by itself."));
        if (switch_failed (self, error->message))
          return G_SOURCE_REMOVE;
        disconnect_and_retry (self);
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      }
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline))
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING)
            {
              set_state (self, GP_CAMERA_STATE_PLAYING);
              switch_done (self);
            }
        }
      break;

    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
apply_preview_size (GpCamera *self)
{
  g_autoptr(GstCaps) caps = NULL;

  if (self->preview_caps == NULL)
    return;
  /* videoscale keeps the picture's aspect ratio inside these bounds. */
  caps = gst_caps_new_simple ("video/x-raw",
                              "width", GST_TYPE_INT_RANGE, 16, MAX (32, self->preview_width),
                              "height", GST_TYPE_INT_RANGE, 16, MAX (32, self->preview_height),
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_object_set (self->preview_caps, "caps", caps, NULL);
}

static gboolean
build_pipeline (GpCamera  *self,
                GError   **error)
{
  g_autofree char *source = gp_camera_spec_to_source (self->spec, self->controls);
  g_autofree char *text = g_strconcat (source, PIPELINE_TAIL, NULL);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GstElement) preview_out = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_analysis_sample };

  self->pipeline = gst_parse_launch_full (text, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &parse_error);
  if (self->pipeline == NULL)
    {
      g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_PIPELINE,
                   _("Could not set up the camera “%s”: %s"), self->description, parse_error->message);
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);

  self->preview_caps = gst_bin_get_by_name (GST_BIN (self->pipeline), "preview_caps");
  self->analysis = GST_APP_SINK (gst_bin_get_by_name (GST_BIN (self->pipeline), "analysis"));
  self->capture = GST_APP_SINK (gst_bin_get_by_name (GST_BIN (self->pipeline), "capture"));
  preview_out = gst_bin_get_by_name (GST_BIN (self->pipeline), "preview_out");
  gst_app_sink_set_callbacks (self->analysis, &callbacks, self, NULL);
  apply_preview_size (self);
  {
    g_autoptr(GstElement) flip = gst_bin_get_by_name (GST_BIN (self->pipeline), "preview_flip");
    gst_util_set_object_arg (G_OBJECT (flip), "method", self->mirror_preview ? "horizontal-flip" : "none");
  }

  if (self->preview_sink == NULL)
    self->preview_sink = gst_object_ref_sink (gst_element_factory_make ("fakesink", NULL));
  /* The bin takes a reference of its own; ours outlives rebuilds. */
  gst_bin_add (GST_BIN (self->pipeline), self->preview_sink);
  if (!gst_element_link (preview_out, self->preview_sink))
    {
      g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_PIPELINE,
                   _("Could not connect the camera preview to the screen."));
      return FALSE;
    }

  /* A demo camera switched away from keeps its frame source, unused. */
  if (self->frame_source != NULL && (self->spec->kind == GP_CAMERA_KIND_DEMO || self->spec->kind == GP_CAMERA_KIND_FRAMES))
    {
      g_autoptr(GstElement) appsrc = gst_bin_get_by_name (GST_BIN (self->pipeline), "source");
      if (!gp_frame_source_start (self->frame_source, GST_APP_SRC (appsrc), error))
        return FALSE;
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  return TRUE;
}

/* Drops the pipeline but keeps the configuration, so it can be rebuilt. */
static void
teardown (GpCamera *self)
{
  if (self->frame_source != NULL)
    gp_frame_source_stop (self->frame_source);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_clear_object (&self->preview_caps);
  gst_clear_object (&self->analysis);
  gst_clear_object (&self->capture);
  if (self->pipeline != NULL && self->preview_sink != NULL)
    gst_bin_remove (GST_BIN (self->pipeline), self->preview_sink);
  gst_clear_object (&self->pipeline);
}

static gboolean
try_start (GpCamera  *self,
           GError   **error)
{
  if (self->pipeline == NULL && !build_pipeline (self, error))
    {
      teardown (self);
      return FALSE;
    }
  set_state (self, GP_CAMERA_STATE_STARTING);
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE,
                   _("The camera “%s” could not be started. Check that it is plugged in and not used by another program."),
                   self->description);
      teardown (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
retry_start (gpointer user_data)
{
  GpCamera *self = user_data;
  g_autoptr(GError) error = NULL;

  if (try_start (self, &error))
    {
      self->retry_source = 0;
      return G_SOURCE_REMOVE;
    }
  g_debug ("Camera still unavailable: %s", error->message);
  set_state (self, GP_CAMERA_STATE_DISCONNECTED);
  return G_SOURCE_CONTINUE;
}

/* Unplugged, bumped or failed: show it, and keep trying, so the camera is
 * back within a retry period of its return without anyone touching the station. */
static void
disconnect_and_retry (GpCamera *self)
{
  teardown (self);
  set_state (self, GP_CAMERA_STATE_DISCONNECTED);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (RETRY_MS, retry_start, self);
}

static gboolean
on_device_message (GstBus     *bus,
                   GstMessage *message,
                   gpointer    user_data)
{
  GpCamera *self = user_data;

  /* A webcam plugged back in: no need to wait for the next retry. */
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_ADDED && self->retry_source != 0)
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      if (retry_start (self) == G_SOURCE_CONTINUE)
        self->retry_source = g_timeout_add (RETRY_MS, retry_start, self);
    }
  return G_SOURCE_CONTINUE;
}

static void
watch_devices (GpCamera *self)
{
  g_autoptr(GstBus) bus = NULL;

  if (self->spec->kind != GP_CAMERA_KIND_V4L2 || self->monitor != NULL)
    return;
  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Video/Source", NULL);
  bus = gst_device_monitor_get_bus (self->monitor);
  self->monitor_watch = gst_bus_add_watch (bus, on_device_message, self);
  if (!gst_device_monitor_start (self->monitor))
    g_debug ("No device monitoring: reconnecting by retries only");
}

gboolean
gp_camera_start (GpCamera  *self,
                 GError   **error)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), FALSE);

  watch_devices (self);
  if (!try_start (self, error))
    {
      disconnect_and_retry (self);
      return FALSE;
    }
  return TRUE;
}

/* Ends reconnect retries and device watching, which outlive the pipeline. */
static void
stop_watching (GpCamera *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->monitor_watch, g_source_remove);
  if (self->monitor != NULL)
    gst_device_monitor_stop (self->monitor);
  gst_clear_object (&self->monitor);
}

void
gp_camera_stop (GpCamera *self)
{
  g_return_if_fail (GP_IS_CAMERA (self));

  stop_watching (self);
  teardown (self);
  set_state (self, GP_CAMERA_STATE_STOPPED);
}

static GpFrame *
sample_to_rgb (GstSample  *sample,
               GError    **error)
{
  GstVideoInfo in_info, out_info;
  GstVideoFrame in_frame, out_frame;
  GstVideoConverter *converter;
  g_autoptr(GstBuffer) out_buffer = NULL;
  GpFrame *frame;

  if (!gst_video_info_from_caps (&in_info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&in_frame, &in_info, gst_sample_get_buffer (sample), GST_MAP_READ))
    {
      g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_NO_FRAME,
                   _("The camera sent a picture in a format GradPhoto cannot read."));
      return NULL;
    }

  frame = gp_frame_new (GP_FRAME_RGB, GST_VIDEO_INFO_WIDTH (&in_info), GST_VIDEO_INFO_HEIGHT (&in_info));
  gst_video_info_set_format (&out_info, GST_VIDEO_FORMAT_RGB, (guint) frame->width, (guint) frame->height);
  out_info.fps_n = in_info.fps_n;
  out_info.fps_d = in_info.fps_d;
  out_info.par_n = in_info.par_n;
  out_info.par_d = in_info.par_d;
  out_buffer = gst_buffer_new_wrapped_full (0, frame->data, (gsize) frame->stride * frame->height, 0,
                                            (gsize) frame->stride * frame->height, NULL, NULL);
  gst_video_frame_map (&out_frame, &out_info, out_buffer, GST_MAP_WRITE);
  converter = gst_video_converter_new (&in_info, &out_info, NULL);
  gst_video_converter_frame (converter, &in_frame, &out_frame);
  gst_video_converter_free (converter);
  gst_video_frame_unmap (&out_frame);
  gst_video_frame_unmap (&in_frame);
  return frame;
}

static void
capture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GstAppSink *sink = task_data;
  g_autoptr(GstSample) sample = NULL;
  GError *error = NULL;
  GpFrame *frame;

  /* Drop the frame already waiting: the photo is the moment after the press. */
  g_clear_pointer (&sample, gst_sample_unref);
  sample = gst_app_sink_try_pull_sample (sink, 0);
  g_clear_pointer (&sample, gst_sample_unref);
  sample = gst_app_sink_try_pull_sample (sink, 3 * GST_SECOND);
  if (sample == NULL)
    {
      g_task_return_new_error (task, GP_CAMERA_ERROR, GP_CAMERA_ERROR_NO_FRAME,
                               _("The camera sent no picture. Check that it is plugged in, then try again."));
      return;
    }
  frame = sample_to_rgb (sample, &error);
  if (frame == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) gp_frame_unref);
}

void
gp_camera_capture_async (GpCamera            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GP_IS_CAMERA (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_camera_capture_async);
  if (self->capture == NULL || self->state != GP_CAMERA_STATE_PLAYING)
    {
      g_task_return_new_error (task, GP_CAMERA_ERROR, GP_CAMERA_ERROR_NO_FRAME,
                               _("The camera is not running. Check that it is plugged in."));
      return;
    }
  g_task_set_task_data (task, gst_object_ref (self->capture), gst_object_unref);
  g_task_run_in_thread (task, capture_thread);
}

GpFrame *
gp_camera_capture_finish (GpCamera      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GpCameraState
gp_camera_get_state (GpCamera *self)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), GP_CAMERA_STATE_STOPPED);
  return self->state;
}

const char *
gp_camera_get_description (GpCamera *self)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), NULL);
  return self->description;
}

/* The size of the pictures the camera delivers, once the first has arrived. */
gboolean
gp_camera_get_frame_size (GpCamera *self,
                          int      *width,
                          int      *height)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), FALSE);

  *width = g_atomic_int_get (&self->frame_width);
  *height = g_atomic_int_get (&self->frame_height);
  return *width > 0 && *height > 0;
}

GpCameraKind
gp_camera_get_kind (GpCamera *self)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), GP_CAMERA_KIND_AUTO);
  return self->spec->kind;
}

GpFrameSource *
gp_camera_get_frame_source (GpCamera *self)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), NULL);
  return self->frame_source;
}

void
gp_camera_set_preview_sink (GpCamera   *self,
                            GstElement *sink)
{
  g_return_if_fail (GP_IS_CAMERA (self));
  g_return_if_fail (self->pipeline == NULL);

  gst_object_replace ((GstObject **) &self->preview_sink, GST_OBJECT (gst_object_ref_sink (sink)));
  gst_object_unref (sink);
}

GstElement *
gp_camera_get_preview_sink (GpCamera *self)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), NULL);
  return self->preview_sink;
}

void
gp_camera_set_preview_size (GpCamera *self,
                            int       max_width,
                            int       max_height)
{
  g_return_if_fail (GP_IS_CAMERA (self));

  if (max_width == self->preview_width && max_height == self->preview_height)
    return;
  self->preview_width = max_width;
  self->preview_height = max_height;
  apply_preview_size (self);
}

void
gp_camera_set_controls (GpCamera               *self,
                        const GpCameraControls *controls)
{
  g_return_if_fail (GP_IS_CAMERA (self));

  g_free (self->controls);
  self->controls = gp_camera_controls_to_string (controls);
  self->control_values = *controls;
  /* v4l2src sends extra-controls to a device it has open at once; others
   * take them when the pipeline is next built. */
  if (self->pipeline != NULL)
    {
      g_autoptr(GstElement) source = gst_bin_get_by_name (GST_BIN (self->pipeline), "source");

      if (source != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (source), "extra-controls") != NULL)
        gst_util_set_object_arg (G_OBJECT (source), "extra-controls", self->controls);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLS]);
}

gboolean
gp_camera_get_controls (GpCamera         *self,
                        GpCameraControls *controls)
{
  g_return_val_if_fail (GP_IS_CAMERA (self), FALSE);

  *controls = self->control_values;
  return self->controls != NULL;
}

/* A mirror is what people expect to face; the captured photo never is one. */
void
gp_camera_set_preview_mirrored (GpCamera *self,
                                gboolean  mirrored)
{
  g_return_if_fail (GP_IS_CAMERA (self));
  g_return_if_fail (self->pipeline == NULL);

  self->mirror_preview = mirrored;
}

void
gp_camera_set_frame_func (GpCamera          *self,
                          GpCameraFrameFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (GP_IS_CAMERA (self));
  g_return_if_fail (self->pipeline == NULL);

  self->frame_func = func;
  self->frame_data = user_data;
}

static void
gp_camera_dispose (GObject *object)
{
  GpCamera *self = GP_CAMERA (object);

  /* Also ends reconnect retries and device watching, which outlive the pipeline. */
  if (self->spec != NULL)
    gp_camera_stop (self);
  g_clear_handle_id (&self->switch_timeout, g_source_remove);
  g_clear_object (&self->switch_task);
  gst_clear_object (&self->preview_sink);
  g_clear_object (&self->frame_source);
  G_OBJECT_CLASS (gp_camera_parent_class)->dispose (object);
}

static void
gp_camera_finalize (GObject *object)
{
  GpCamera *self = GP_CAMERA (object);

  gp_camera_spec_free (self->spec);
  gp_camera_spec_free (self->previous_spec);
  g_free (self->description);
  g_free (self->controls);
  G_OBJECT_CLASS (gp_camera_parent_class)->finalize (object);
}

static void
gp_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GpCamera *self = GP_CAMERA (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CONTROLS:
      g_value_set_string (value, self->controls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_camera_class_init (GpCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_camera_dispose;
  object_class->finalize = gp_camera_finalize;
  object_class->get_property = gp_camera_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      GP_CAMERA_STATE_STOPPED, GP_CAMERA_STATE_DISCONNECTED, GP_CAMERA_STATE_STOPPED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What --camera would say for the camera in use: "demo", "v4l2:/dev/video0"… */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The controls as v4l2src's extra-controls; NULL until set. */
  properties[PROP_CONTROLS] =
    g_param_spec_string ("controls", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
gp_camera_init (GpCamera *self)
{
  self->preview_width = 1280;
  self->preview_height = 720;
  gp_camera_controls_init (&self->control_values);
}

#define SOURCE_FPS 30

/* Demo and frames: cameras are fed from a frame source. A demo camera
 * switched to keeps the frame source it had, and with it the demo student. */
static gboolean
prepare_frames (GpCamera  *self,
                GError   **error)
{
  if (self->spec->kind == GP_CAMERA_KIND_DEMO && self->frame_source == NULL)
    {
      g_autoptr(GpFrame) blank = gp_frame_new (GP_FRAME_RGB, GP_DEMO_SCENE_WIDTH, GP_DEMO_SCENE_HEIGHT);
      self->frame_source = gp_frame_source_new (SOURCE_FPS);
      gp_frame_source_set_frame (self->frame_source, blank);
    }
  else if (self->spec->kind == GP_CAMERA_KIND_FRAMES)
    {
      if (self->frame_source == NULL)
        self->frame_source = gp_frame_source_new (SOURCE_FPS);
      if (!gp_frame_source_set_folder (self->frame_source, self->spec->arg, error))
        return FALSE;
    }
  return TRUE;
}

/* How long a camera switched to has to start playing. */
#define SWITCH_TIMEOUT_S 10

static void
set_spec (GpCamera     *self,
          GpCameraSpec *spec)
{
  gp_camera_spec_free (self->spec);
  self->spec = spec;
  g_free (self->description);
  self->description = gp_camera_spec_to_string (spec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* The camera switched to plays: it stays. */
static void
switch_done (GpCamera *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->switch_task);

  if (task == NULL)
    return;
  g_clear_handle_id (&self->switch_timeout, g_source_remove);
  g_clear_pointer (&self->previous_spec, gp_camera_spec_free);
  g_task_return_boolean (task, TRUE);
}

/* The camera switched to failed: back to the previous one, which is
 * restarted, and the switch fails saying why. FALSE when not switching. */
static gboolean
switch_failed (GpCamera   *self,
               const char *reason)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->switch_task);
  g_autoptr(GError) ignored = NULL;
  g_autofree char *failed = NULL;

  if (task == NULL)
    return FALSE;
  g_clear_handle_id (&self->switch_timeout, g_source_remove);
  failed = g_strdup (self->description);
  stop_watching (self);
  teardown (self);
  set_spec (self, g_steal_pointer (&self->previous_spec));
  watch_devices (self);
  if (!try_start (self, &ignored))
    disconnect_and_retry (self);
  g_task_return_new_error (task, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE,
                           /* Translators: the camera tried, e.g. v4l2:/dev/video2, its error, then the camera kept */
                           _("The camera “%s” did not start (%s); “%s” is still in use. Check that it is plugged in "
                             "and not used by another program, then choose it again."),
                           failed, reason, self->description);
  return TRUE;
}

static gboolean
on_switch_timeout (gpointer user_data)
{
  GpCamera *self = user_data;

  self->switch_timeout = 0;
  switch_failed (self, _("no picture came"));
  return G_SOURCE_REMOVE;
}

void
gp_camera_switch_async (GpCamera            *self,
                        const GpCameraSpec  *spec,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GpCameraSpec) resolved = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GP_IS_CAMERA (self));
  g_return_if_fail (spec != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_camera_switch_async);
  resolved = gp_camera_spec_resolve (spec);
  text = gp_camera_spec_to_string (resolved);
  if (g_str_equal (text, self->description))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->switch_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The camera is being switched already. Wait a moment, then choose again."));
      return;
    }

  /* The old pipeline lets go of its device before the new one opens it. */
  stop_watching (self);
  teardown (self);
  self->previous_spec = g_steal_pointer (&self->spec);
  set_spec (self, g_steal_pointer (&resolved));
  self->switch_task = g_steal_pointer (&task);
  if (!prepare_frames (self, &error) || (watch_devices (self), !try_start (self, &error)))
    {
      switch_failed (self, error->message);
      return;
    }
  self->switch_timeout = g_timeout_add_seconds (SWITCH_TIMEOUT_S, on_switch_timeout, self);
}

gboolean
gp_camera_switch_finish (GpCamera      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GpCamera *
gp_camera_new (const GpCameraSpec  *spec,
               GError             **error)
{
  g_autoptr(GpCamera) self = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  self = g_object_new (GP_TYPE_CAMERA, NULL);
  self->spec = gp_camera_spec_resolve (spec);
  self->description = gp_camera_spec_to_string (self->spec);

  if (!prepare_frames (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
