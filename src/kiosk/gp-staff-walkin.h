/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_WALKIN (gp_staff_walkin_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffWalkin, gp_staff_walkin, GP, STAFF_WALKIN, GtkGrid)

GtkWidget  *gp_staff_walkin_new    (GpStation     *station,
                                    GSettings     *settings);
/* Empties the form for the next walk-in. */
void        gp_staff_walkin_reset  (GpStaffWalkin *self);

G_END_DECLS
