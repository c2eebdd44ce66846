/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Removes every child of @grid, for a table shown again. */
void        gp_grid_clear  (GtkGrid    *grid);
/* A shown label of @text ("—" when NULL) at @column, @row. */
GtkWidget  *gp_grid_cell   (GtkGrid    *grid,
                            int         column,
                            int         row,
                            const char *text,
                            float       xalign);

G_END_DECLS
