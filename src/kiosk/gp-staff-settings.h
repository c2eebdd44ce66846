/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_STAFF_SETTINGS (gp_staff_settings_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffSettings, gp_staff_settings, GP, STAFF_SETTINGS, GtkGrid)

GtkWidget  *gp_staff_settings_new      (GpStation       *station,
                                        GSettings       *settings);
/* Says in @message_label that the setting @key is now @value, and audits
 * it: what every change made on the page does once written. */
void        gp_staff_settings_applied  (GpStation       *station,
                                        GSettings       *settings,
                                        GtkLabel        *message_label,
                                        const char      *key,
                                        const char      *value);
/* Reads the printers and the settings again. */
void        gp_staff_settings_refresh  (GpStaffSettings *self);

G_END_DECLS
