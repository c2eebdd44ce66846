/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The previous export's manifest: which files in the folder are ours. */
#define G_LOG_DOMAIN "gp-export"

#include "config.h"

#include "store/gp-csv.h"
#include "store/gp-export.h"
#include "store/gp-export-previous.h"

static int
column (char       **header,
        const char  *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  return -1;
}

GHashTable *
gp_export_previous_read (const char *out_dir)
{
  GHashTable *previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GpCsvReader) reader = NULL;
  g_auto(GStrv) header = NULL;
  char **fields = NULL;
  const char *start;
  int file_column, sum_column;

  g_return_val_if_fail (out_dir != NULL, previous);

  path = g_build_filename (out_dir, GP_EXPORT_MANIFEST, NULL);
  /* A manifest that cannot be read vouches for nothing: nothing is replaced. */
  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    return previous;
  start = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
  reader = gp_csv_reader_new (start, ',');
  if (!gp_csv_reader_next (reader, &header, NULL, NULL))
    return previous;
  file_column = column (header, "file");
  sum_column = column (header, "sha256");
  if (file_column < 0 || sum_column < 0)
    return previous;
  while (gp_csv_reader_next (reader, &fields, NULL, NULL))
    {
      guint n = g_strv_length (fields);

      if ((guint) MAX (file_column, sum_column) < n && *fields[file_column] != '\0')
        g_hash_table_replace (previous, g_strdup (fields[file_column]), g_ascii_strdown (fields[sum_column], -1));
      g_strfreev (fields);
    }
  return previous;
}

gboolean
gp_export_previous_owns (GHashTable *previous,
                         const char *name,
                         const char *path)
{
  const char *listed;
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize length = 0;

  g_return_val_if_fail (name != NULL && path != NULL, FALSE);

  listed = previous != NULL ? g_hash_table_lookup (previous, name) : NULL;
  if (listed == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  return g_str_equal (sum, listed);
}
