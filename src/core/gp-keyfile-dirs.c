/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Where user-extensible keyfiles live, and the line a keyfile problem is
 * on: shared by sheet layouts and photo profiles. */
#define G_LOG_DOMAIN "gp-keyfile-dirs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "core/gp-keyfile-dirs.h"
#include "core/gp-paths.h"

static const char *
builtin_data_dir (void)
{
  const char *dir = g_getenv ("GRADPHOTO_DATADIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

/**
 * gp_keyfile_dirs_get:
 * @subdir: such as "layouts" or "profiles"
 *
 * The folders searched, the first winning: the data dir's @subdir,
 * `$XDG_DATA_HOME/gradphoto/@subdir`, then the built-in one
 * (`$GRADPHOTO_DATADIR/@subdir` or the installed `PKGDATADIR/@subdir`).
 *
 * Returns: (transfer full): the folders
 */
char **
gp_keyfile_dirs_get (const char *subdir)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *data = NULL;
  g_autofree char *user = NULL;
  g_autofree char *builtin = NULL;

  g_return_val_if_fail (subdir != NULL, NULL);

  data = g_build_filename (gp_paths_get_data_dir (), subdir, NULL);
  user = g_build_filename (g_get_user_data_dir (), "gradphoto", subdir, NULL);
  builtin = g_build_filename (builtin_data_dir (), subdir, NULL);
  g_strv_builder_add (builder, data);
  /* With the default data dir, the first two are the same folder. */
  if (!g_str_equal (user, data))
    g_strv_builder_add (builder, user);
  g_strv_builder_add (builder, builtin);
  return g_strv_builder_end (builder);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * gp_keyfile_dirs_list_names:
 *
 * Returns: (transfer full): the file names ending in @suffix found in the
 *   folders of gp_keyfile_dirs_get(), without the suffix, sorted, each once
 */
char **
gp_keyfile_dirs_list_names (const char *subdir,
                            const char *suffix)
{
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint i;

  g_return_val_if_fail (subdir != NULL && suffix != NULL, NULL);

  dirs = gp_keyfile_dirs_get (subdir);
  for (i = 0; dirs[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          char *name;

          if (!g_str_has_suffix (entry, suffix) || entry[0] == '.')
            continue;
          name = g_strndup (entry, strlen (entry) - strlen (suffix));
          if (g_hash_table_contains (seen, name))
            {
              g_free (name);
              continue;
            }
          g_hash_table_add (seen, name);
          g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * gp_keyfile_dirs_find:
 *
 * Returns: (transfer full) (nullable): the path of @file in the first folder
 *   that has it, so a user's file overrides a built-in one
 */
char *
gp_keyfile_dirs_find (const char *subdir,
                      const char *file)
{
  g_auto(GStrv) dirs = NULL;
  guint i;

  g_return_val_if_fail (subdir != NULL && file != NULL, NULL);

  dirs = gp_keyfile_dirs_get (subdir);
  for (i = 0; dirs[i] != NULL; i++)
    {
      char *path = g_build_filename (dirs[i], file, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return NULL;
}

/**
 * gp_keyfile_find_key_line:
 * @key: (nullable): the key, or %NULL for the group's own line
 *
 * GKeyFile names the key but not the line: finds the last line of @group
 * that sets @key, which is the one GKeyFile keeps.
 *
 * Returns: the line number from 1, or 0 when absent
 */
guint
gp_keyfile_find_key_line (char * const *lines,
                          const char   *group,
                          const char   *key)
{
  g_autofree char *header = g_strdup_printf ("[%s]", group);
  gboolean in_group = FALSE;
  guint found = 0;
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *eq;

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '[')
        {
          in_group = g_str_has_prefix (line, header);
          if (key == NULL && in_group)
            return i + 1;
          continue;
        }
      eq = strchr (line, '=');
      if (key != NULL && in_group && eq != NULL)
        {
          g_autofree char *name = g_strndup (line, eq - line);

          if (g_str_equal (g_strchomp (name), key))
            found = i + 1;
        }
    }
  return found;
}

/**
 * gp_keyfile_find_bad_line:
 *
 * Returns: the first line GKeyFile cannot take, for syntax errors that
 *   name none (1 when none stands out)
 */
guint
gp_keyfile_find_bad_line (char * const *lines)
{
  gboolean seen_group = FALSE;
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '[')
        {
          if (!g_str_has_suffix (line, "]"))
            return i + 1;
          seen_group = TRUE;
          continue;
        }
      if (!seen_group || strchr (line, '=') == NULL || *line == '=')
        return i + 1;
    }
  return 1;
}

/**
 * gp_keyfile_split_list:
 * @n: (out): how many values the list holds
 *
 * Splits a ";"-separated value, each part stripped. A trailing ";" is how
 * GKeyFile writes lists: it ends the list, it adds no empty value.
 *
 * Returns: (transfer full): the parts (@n of them count)
 */
GStrv
gp_keyfile_split_list (const char *value,
                       guint      *n)
{
  GStrv parts = g_strsplit (value, ";", -1);
  guint count = g_strv_length (parts);

  for (guint i = 0; i < count; i++)
    g_strstrip (parts[i]);
  if (count > 1 && *parts[count - 1] == '\0')
    count--;
  *n = count;
  return parts;
}

/**
 * gp_keyfile_parse_number:
 * @problem: (out): what is wrong, for the caller's message
 *
 * Reads @text as one finite number from @min to @max.
 */
gboolean
gp_keyfile_parse_number (const char  *text,
                         double       min,
                         double       max,
                         double      *number,
                         char       **problem)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (value))
    {
      *problem = g_strdup_printf (_("“%s” is not a number"), text);
      return FALSE;
    }
  if (value < min || value > max)
    {
      *problem = g_strdup_printf (_("%s is out of range (%g to %g)"), text, min, max);
      return FALSE;
    }
  *number = value;
  return TRUE;
}
