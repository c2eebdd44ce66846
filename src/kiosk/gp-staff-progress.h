/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_PROGRESS (gp_staff_progress_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffProgress, gp_staff_progress, GP, STAFF_PROGRESS, GtkBox)

GtkWidget  *gp_staff_progress_new      (GpStation       *station,
                                        GSettings       *settings);
/* Reads where the batch stands again. */
void        gp_staff_progress_refresh  (GpStaffProgress *self);

G_END_DECLS
