/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Turns the --camera option into the source end of a GStreamer pipeline. */
#define G_LOG_DOMAIN "gp-camera-spec"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <string.h>

#include "camera/gp-camera.h"
#include "camera/gp-camera-devices.h"
#include "camera/gp-camera-spec.h"

static GpCameraSpec *
spec_new (GpCameraKind  kind,
          const char   *arg)
{
  GpCameraSpec *spec = g_new0 (GpCameraSpec, 1);

  spec->kind = kind;
  spec->arg = g_strdup (arg);
  return spec;
}

void
gp_camera_spec_free (GpCameraSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->arg);
  g_free (spec);
}

GpCameraSpec *
gp_camera_spec_parse (const char  *text,
                      GError     **error)
{
  static const struct {
    const char   *prefix;
    GpCameraKind  kind;
  } kinds[] = {
    { "v4l2:", GP_CAMERA_KIND_V4L2 },
    { "frames:", GP_CAMERA_KIND_FRAMES },
    { "pipeline:", GP_CAMERA_KIND_PIPELINE },
  };

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_equal (text, "auto") || *text == '\0')
    return spec_new (GP_CAMERA_KIND_AUTO, NULL);
  if (g_str_equal (text, "demo"))
    return spec_new (GP_CAMERA_KIND_DEMO, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_prefix (text, kinds[i].prefix) && text[strlen (kinds[i].prefix)] != '\0')
      return spec_new (kinds[i].kind, text + strlen (kinds[i].prefix));

  g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SPEC,
               _("Unknown camera “%s”. Use auto, demo, v4l2:/dev/videoN, frames:FOLDER or pipeline:DESCRIPTION."),
               text);
  return NULL;
}

/* "auto" becomes the first webcam, or the demo camera when there is none. */
GpCameraSpec *
gp_camera_spec_resolve (const GpCameraSpec *spec)
{
  g_autoptr(GPtrArray) devices = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->kind != GP_CAMERA_KIND_AUTO)
    return spec_new (spec->kind, spec->arg);
  devices = gp_camera_devices_list ();
  if (devices->len > 0)
    return spec_new (GP_CAMERA_KIND_V4L2, ((GpCameraDevice *) g_ptr_array_index (devices, 0))->spec + strlen ("v4l2:"));
  return spec_new (GP_CAMERA_KIND_DEMO, NULL);
}

/* Webcams: MJPEG 1080p30 first (USB 2 cannot carry raw 1080p30), then raw
 * YUYV, then smaller sizes; decodebin decodes once, before the tee. */
#define WEBCAM_CAPS \
  "image/jpeg,width=1920,height=1080,framerate=30/1;" \
  "video/x-raw,format=YUY2,width=1920,height=1080,framerate=30/1;" \
  "image/jpeg,width=1280,height=720,framerate=30/1;" \
  "video/x-raw,format=YUY2,width=1280,height=720;" \
  "image/jpeg;video/x-raw"

/* The source part of the pipeline; it must end in raw video or something
 * decodebin can turn into it. Demo and frames are fed through an appsrc.
 * controls (v4l2src extra-controls) apply to webcams only. */
char *
gp_camera_spec_to_source (const GpCameraSpec *spec,
                          const char         *controls)
{
  g_autofree char *quoted = NULL;
  g_autofree char *extra = NULL;

  switch (spec->kind)
    {
    case GP_CAMERA_KIND_DEMO:
    case GP_CAMERA_KIND_FRAMES:
      return g_strdup ("appsrc name=source");
    case GP_CAMERA_KIND_V4L2:
      quoted = g_strescape (spec->arg, NULL);
      if (controls != NULL)
        extra = g_strdup_printf (" extra-controls=\"%s\"", controls);
      return g_strdup_printf ("v4l2src name=source device=\"%s\"%s ! capsfilter caps=\"%s\" ! decodebin",
                              quoted, extra != NULL ? extra : "", WEBCAM_CAPS);
    case GP_CAMERA_KIND_PIPELINE:
      return g_strdup (spec->arg);
    case GP_CAMERA_KIND_AUTO:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gp_camera_spec_to_string (const GpCameraSpec *spec)
{
  switch (spec->kind)
    {
    case GP_CAMERA_KIND_AUTO:
      return g_strdup ("auto");
    case GP_CAMERA_KIND_DEMO:
      return g_strdup ("demo");
    case GP_CAMERA_KIND_V4L2:
      return g_strconcat ("v4l2:", spec->arg, NULL);
    case GP_CAMERA_KIND_FRAMES:
      return g_strconcat ("frames:", spec->arg, NULL);
    case GP_CAMERA_KIND_PIPELINE:
    default:
      return g_strconcat ("pipeline:", spec->arg, NULL);
    }
}
