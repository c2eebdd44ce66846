/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What several tests need: cleaning up temp trees, running checking tools. */
#include <glib/gstdio.h>
#include <stdarg.h>

#include <sqlite3.h>

#include "store/gp-capture-save.h"

#include "gp-test-util.h"

void
gp_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  /* A link is removed, never followed: it may point into the system. */
  dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          gp_test_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

/* CUPS's admin tools live in sbin, which a normal user's PATH may lack. */
static char *
find_tool (const char *tool)
{
  const char *const dirs[] = { "/usr/sbin", "/sbin" };
  char *path = g_find_program_in_path (tool);

  for (guint i = 0; path == NULL && i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *candidate = g_build_filename (dirs[i], tool, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&candidate);
    }
  return path;
}

/* Runs a tool; a missing tool fails the test and names the package to install. */
gboolean
gp_test_run_tool (char       **out,
                  const char  *package,
                  const char  *tool,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *path = find_tool (tool);
  const char *arg;
  va_list ap;
  int status = 0;

  if (path == NULL)
    {
      g_test_fail_printf ("%s is not installed: install the Debian package %s", tool, package);
      return FALSE;
    }
  g_ptr_array_add (argv, path);
  va_start (ap, tool);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  /* Captured even when unused, so nothing pollutes the TAP stream. */
  if (out == NULL)
    out = &ignored;
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_fail_printf ("%s failed: %s %s", tool, error->message, err ? err : "");
      return FALSE;
    }
  return TRUE;
}

char *
gp_test_sql_value (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return result;
}

void
gp_test_assert_sql (const char *path,
                    const char *sql,
                    const char *expected)
{
  g_autofree char *value = gp_test_sql_value (path, sql);

  g_assert_cmpstr (value, ==, expected);
}

void
gp_test_assert_file_text (const char *path,
                          const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, expected);
}

gint64
gp_test_capture_checked (GpStore     *store,
                         const char  *photos_dir,
                         const char  *student_no,
                         const char  *station,
                         const char  *operator_name,
                         const char  *checks,
                         const char  *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (store, student_no, &error);
  g_autofree char *jpeg = g_strconcat ("\xFF\xD8\xFF\xE0", contents, NULL);
  g_autoptr(GBytes) photo = g_bytes_new (jpeg, strlen (jpeg));
  GpCaptureRequest request = { 0, student_no, photo, photo, checks, station, operator_name };
  gint64 id;

  g_assert_no_error (error);
  g_assert_nonnull (student);
  request.student_id = student->id;
  id = gp_capture_save (store, photos_dir, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
gp_test_capture (GpStore     *store,
                 const char  *photos_dir,
                 const char  *student_no,
                 const char  *station,
                 const char  *contents)
{
  return gp_test_capture_checked (store, photos_dir, student_no, station, NULL, "{\"passed\": true}", contents);
}
