/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

/* Set, the kiosk quits without the PIN: for tests only. */
#define GP_STAFF_MODE_TEST_QUIT_ENV "GRADPHOTO_TEST_QUIT"

#define GP_TYPE_STAFF_MODE (gp_staff_mode_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffMode, gp_staff_mode, GP, STAFF_MODE, GtkStack)

/* Puts staff mode over @window's student screen, adds the app.staff,
 * app.staff-leave and app.staff-mode actions, and makes the window refuse
 * to close. */
GpStaffMode *gp_staff_mode_attach   (GtkWindow    *window,
                                     GpStation    *station);
/* TRUE when the kiosk may quit now (in staff mode); otherwise the PIN is
 * asked for, and the kiosk quits once it is given. */
gboolean     gp_staff_mode_may_quit (GpStaffMode  *self);
/* Who staff actions and photos are recorded as. */
char        *gp_staff_operator      (GSettings    *settings);
/* A staff action into the audit log, with the operator's name, written off
 * the main thread. */
void         gp_staff_audit         (GpStation    *station,
                                     GSettings    *settings,
                                     const char   *action,
                                     const char   *detail);

G_END_DECLS
