/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The webcams plugged in, for "auto" and the Settings page's chooser. */
#define G_LOG_DOMAIN "gp-camera-devices"

#include "config.h"

#include <gst/gst.h>

#include "camera/gp-camera-devices.h"

void
gp_camera_device_free (GpCameraDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->spec);
  g_free (device->name);
  g_free (device);
}

/* PipeWire's monitor names the path api.v4l2.path, the V4L2 one device.path. */
static const char *
device_path (GstDevice *device)
{
  g_autoptr(GstStructure) props = gst_device_get_properties (device);
  const char *path;

  if (props == NULL)
    return NULL;
  path = gst_structure_get_string (props, "device.path");
  if (path == NULL)
    path = gst_structure_get_string (props, "api.v4l2.path");
  return g_intern_string (path);
}

GPtrArray *
gp_camera_devices_list (void)
{
  g_autoptr(GstDeviceMonitor) monitor = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_camera_device_free);
  GList *devices;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  if (!gst_device_monitor_start (monitor))
    return found;
  devices = gst_device_monitor_get_devices (monitor);
  for (GList *l = devices; l != NULL; l = l->next)
    {
      const char *path = device_path (l->data);
      GpCameraDevice *device;

      if (path == NULL)
        continue;
      device = g_new0 (GpCameraDevice, 1);
      device->spec = g_strconcat ("v4l2:", path, NULL);
      device->name = gst_device_get_display_name (l->data);
      g_ptr_array_add (found, device);
    }
  g_list_free_full (devices, gst_object_unref);
  gst_device_monitor_stop (monitor);
  return found;
}
