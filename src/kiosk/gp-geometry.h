/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the layout test only: where every visible label and button is. */
gboolean gp_geometry_write (GtkWindow   *window,
                            const char  *path,
                            GError     **error);

G_END_DECLS
