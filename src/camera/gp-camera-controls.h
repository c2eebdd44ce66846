/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_CAMERA_CONTROL_AUTO (-1)

typedef enum {
  GP_POWER_LINE_OFF,
  GP_POWER_LINE_50HZ,
  GP_POWER_LINE_60HZ,
} GpPowerLine;

/* What a webcam lets us set; GP_CAMERA_CONTROL_AUTO leaves it to the camera. */
typedef struct {
  GpPowerLine  power_line;
  int          exposure;       /* exposure_time_absolute, 100 µs units */
  int          white_balance;  /* kelvin */
  int          focus;          /* focus_absolute */
} GpCameraControls;

void   gp_camera_controls_init       (GpCameraControls       *controls);
char  *gp_camera_controls_to_string  (const GpCameraControls *controls);

G_END_DECLS
