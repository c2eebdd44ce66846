/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

/* From now on, a change of the printer, layout, profile, batch, station
 * name, operator, camera or camera control setting applies to @station at
 * once, whoever makes it (staff mode's Settings page, gsettings). */
void  gp_settings_apply_follow  (GSettings  *settings,
                                 GpStation  *station);
/* Gives @camera the controls the settings hold: power-line frequency,
 * exposure, white balance, focus. */
void  gp_settings_apply_camera_controls (GSettings *settings,
                                         GpCamera  *camera);

G_END_DECLS
