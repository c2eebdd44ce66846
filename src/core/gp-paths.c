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
