/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Where a station keeps its database, photos and sheets: one data dir,
 * $XDG_DATA_HOME/gradphoto unless --data-dir says otherwise. */
#define G_LOG_DOMAIN "gp-paths"

#include "gp-paths.h"

static char *data_dir;

void
gp_paths_set_data_dir (const char *dir)
{
  g_free (data_dir);
  data_dir = dir != NULL ? g_canonicalize_filename (dir, NULL) : NULL;
}

const char *
gp_paths_get_data_dir (void)
{
  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "gradphoto", NULL);
  return data_dir;
}

char *
gp_paths_database (void)
{
  return g_build_filename (gp_paths_get_data_dir (), "station.db", NULL);
}

char *
gp_paths_photos_dir (void)
{
  return g_build_filename (gp_paths_get_data_dir (), "photos", NULL);
}

char *
gp_paths_sheets_dir (void)
{
  return g_build_filename (gp_paths_get_data_dir (), "sheets", NULL);
}

/* sheets/STEM-LAYOUT.pdf. The stem comes from a 学号 or a class name, so
 * it must not make folders or hidden files: '/' and '\\' become '_', and
 * so does a leading '.'. */
char *
gp_paths_sheet (const char *stem,
                const char *layout_name)
{
  g_autofree char *dir = gp_paths_sheets_dir ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (stem != NULL, NULL);
  g_return_val_if_fail (layout_name != NULL, NULL);

  name = g_strdup_printf ("%s-%s.pdf", stem, layout_name);
  g_strdelimit (name, "/\\", '_');
  if (name[0] == '.')
    name[0] = '_';
  return g_build_filename (dir, name, NULL);
}
