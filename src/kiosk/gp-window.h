/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

#define GP_TYPE_WINDOW (gp_window_get_type ())

G_DECLARE_FINAL_TYPE (GpWindow, gp_window, GP, WINDOW, GtkApplicationWindow)

GpWindow  *gp_window_new  (GtkApplication *application,
                           GpStation      *station);
void       gp_window_cover_screen (GpWindow *self);
void       gp_window_show_camera_error (GpWindow   *self,
                                        const char *message);
void       gp_window_set_question (GpWindow   *self,
                                   const char *question);
/* Adds @widget to the top bar, after the station's name. */
void       gp_window_add_status   (GpWindow  *self,
                                   GtkWidget *widget);

G_END_DECLS
