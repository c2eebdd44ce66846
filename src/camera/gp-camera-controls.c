/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Webcam settings as the V4L2 controls v4l2src applies at start
 * (its extra-controls structure). Controls a device lacks are ignored. */
#define G_LOG_DOMAIN "gp-camera-controls"

#include "camera/gp-camera-controls.h"

void
gp_camera_controls_init (GpCameraControls *controls)
{
  /* Mains power in China is 50 Hz: the anti-flicker setting to start from. */
  controls->power_line = GP_POWER_LINE_50HZ;
  controls->exposure = GP_CAMERA_CONTROL_AUTO;
  controls->white_balance = GP_CAMERA_CONTROL_AUTO;
  controls->focus = GP_CAMERA_CONTROL_AUTO;
}

char *
gp_camera_controls_to_string (const GpCameraControls *controls)
{
  GString *out = g_string_new ("c");

  g_return_val_if_fail (controls != NULL, NULL);

  g_string_append_printf (out, ",power_line_frequency=(int)%d", controls->power_line);
  if (controls->exposure != GP_CAMERA_CONTROL_AUTO)
    /* 1 is V4L2_EXPOSURE_MANUAL */
    g_string_append_printf (out, ",auto_exposure=(int)1,exposure_time_absolute=(int)%d", controls->exposure);
  if (controls->white_balance != GP_CAMERA_CONTROL_AUTO)
    g_string_append_printf (out, ",white_balance_automatic=(int)0,white_balance_temperature=(int)%d",
                            controls->white_balance);
  if (controls->focus != GP_CAMERA_CONTROL_AUTO)
    g_string_append_printf (out, ",focus_automatic_continuous=(int)0,focus_absolute=(int)%d", controls->focus);
  return g_string_free (out, FALSE);
}
