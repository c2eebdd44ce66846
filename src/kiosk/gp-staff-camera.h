/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_CAMERA (gp_staff_camera_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffCamera, gp_staff_camera, GP, STAFF_CAMERA, GtkGrid)

/* The camera part of the Settings page; says what it did in @message_label. */
GtkWidget  *gp_staff_camera_new      (GpStation      *station,
                                      GSettings      *settings,
                                      GtkLabel       *message_label);
/* Lists the webcams and reads the settings again. */
void        gp_staff_camera_refresh  (GpStaffCamera  *self);

G_END_DECLS
