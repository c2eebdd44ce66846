/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What the fuzz targets share: files for the loaders that read files. */
#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-util.h"

const char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  static char *dir;
  static GHashTable *paths;
  const char *path;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("gp-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      paths = g_hash_table_new (g_str_hash, g_str_equal);
    }
  path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      char *built = g_build_filename (dir, name, NULL);

      g_hash_table_insert (paths, g_strdup (name), built);
      path = built;
    }
  /* No fsync: thousands of runs a second, and nothing to keep. */
  g_assert (g_file_set_contents_full (path, (const char *) data, (gssize) size, G_FILE_SET_CONTENTS_NONE, 0600,
                                      NULL));
  return path;
}
