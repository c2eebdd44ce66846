/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_REVIEW (gp_staff_review_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffReview, gp_staff_review, GP, STAFF_REVIEW, GtkBox)

GtkWidget  *gp_staff_review_new      (GpStation     *station,
                                      GSettings     *settings);
/* Reads the photos awaiting a decision again. */
void        gp_staff_review_refresh  (GpStaffReview *self);

G_END_DECLS
