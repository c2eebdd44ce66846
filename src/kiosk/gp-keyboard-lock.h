/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps the keyboard grabbed by @window while it is on screen, so the
 * window manager's shortcuts do not reach it (see gp-keyboard-lock.c). */
void  gp_keyboard_lock  (GtkWindow *window);

G_END_DECLS
