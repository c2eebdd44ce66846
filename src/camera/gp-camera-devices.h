/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A webcam the device monitor sees. */
typedef struct {
  char  *spec;   /* as --camera takes it: "v4l2:/dev/video0" */
  char  *name;   /* what the device calls itself */
} GpCameraDevice;

void        gp_camera_device_free   (GpCameraDevice *device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpCameraDevice, gp_camera_device_free)

/* The webcams (GstDeviceMonitor, Video/Source) with a V4L2 device path, in
 * the monitor's order; empty when there are none. Blocks briefly: call it
 * off the main thread in the UI. */
GPtrArray  *gp_camera_devices_list  (void);

G_END_DECLS
