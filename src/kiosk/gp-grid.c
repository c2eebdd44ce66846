/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The tables of staff mode's pages: grids of labels filled again on each
 * refresh. */
#define G_LOG_DOMAIN "gp-grid"

#include "config.h"

#include "kiosk/gp-grid.h"

void
gp_grid_clear (GtkGrid *grid)
{
  GList *children;

  g_return_if_fail (GTK_IS_GRID (grid));

  children = gtk_container_get_children (GTK_CONTAINER (grid));
  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  g_list_free (children);
}

GtkWidget *
gp_grid_cell (GtkGrid    *grid,
              int         column,
              int         row,
              const char *text,
              float       xalign)
{
  GtkWidget *label;

  g_return_val_if_fail (GTK_IS_GRID (grid), NULL);

  label = gtk_label_new (text != NULL ? text : "—");
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_show (label);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}
