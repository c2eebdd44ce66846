/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gp_screen_awake_start (GtkWidget *widget);

G_END_DECLS
