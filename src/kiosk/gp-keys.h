/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

const char *gp_keys_action (GpPhase      phase,
                            guint        keyval,
                            guint        state);
gboolean    gp_keys_press  (GtkWindow   *window,
                            GtkWidget   *code_entry,
                            GpPhase      phase,
                            GdkEventKey *event);

G_END_DECLS
