/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_PRINTING (gp_staff_printing_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffPrinting, gp_staff_printing, GP, STAFF_PRINTING, GtkBox)

GtkWidget  *gp_staff_printing_new      (GpStation       *station,
                                        GSettings       *settings);
/* Asks CUPS and the store again. */
void        gp_staff_printing_refresh  (GpStaffPrinting *self);

G_END_DECLS
