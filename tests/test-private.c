/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A station's files are private whatever the umask: folders 0700, the
 * database (with its -wal and -shm), photos, exports and reports 0600. */
#define G_LOG_DOMAIN "test-private"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/gp-export.h"
#include "store/gp-merge.h"
#include "store/gp-report.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

/* Fails for each file or folder below @dir (itself included) whose mode
 * is not private; returns how many files were looked at. */
static guint
assert_private_tree (const char *dir)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;
  GStatBuf st;
  guint files = 0;

  g_assert_cmpint (g_lstat (dir, &st), ==, 0);
  if (!S_ISDIR (st.st_mode))
    {
      if ((st.st_mode & 0777) != 0600)
        g_test_fail_printf ("%s is %03o, not 600", dir, st.st_mode & 0777);
      return 1;
    }
  if ((st.st_mode & 0777) != 0700)
    g_test_fail_printf ("the folder %s is %03o, not 700", dir, st.st_mode & 0777);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      files += assert_private_tree (path);
    }
  return files;
}

static void
test_station_files_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("gp-private-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *db = g_build_filename (data_dir, "station.db", NULL);
  g_autofree char *photos = g_build_filename (data_dir, "photos", NULL);
  g_autofree char *main_db = g_build_filename (root, "main", "station.db", NULL);
  g_autofree char *main_photos = g_build_filename (root, "main", "photos", NULL);
  g_autofree char *out = g_build_filename (root, "export", NULL);
  g_autofree char *zip_out = g_build_filename (root, "export-zip", NULL);
  g_autofree char *report_csv = g_build_filename (root, "reports", "report.csv", NULL);
  g_autofree char *report_xlsx = g_build_filename (root, "reports", "report.xlsx", NULL);
  g_autofree char *reports = g_path_get_dirname (report_csv);
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStore) main_store = NULL;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpExportReport) exported = NULL;
  g_autoptr(GpExportReport) zipped = NULL;
  g_autoptr(GpMergeReport) merged = NULL;
  GpStudent *s = gp_student_new ();
  mode_t saved_umask;

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (root, 0700), ==, 0);
  /* The most permissive umask: every mode below comes from GradPhoto itself. */
  saved_umask = umask (0);

  store = gp_store_open (db, &error);
  g_assert_no_error (error);
  s->student_no = g_strdup ("2021000001");
  s->name = g_strdup ("赵小明");
  s->class_name = g_strdup ("计科2101");
  g_ptr_array_add (students, s);
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);
  gp_test_capture (store, photos, "2021000001", "a", "photo");

  g_assert_true (gp_report_write (store, report_csv, &error));
  g_assert_no_error (error);
  g_assert_true (gp_report_write (store, report_xlsx, &error));
  g_assert_no_error (error);
  zipped = gp_export_run (store, zip_out, NULL, TRUE, "staff", &error);
  g_assert_no_error (error);
  exported = gp_export_run (store, out, NULL, FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->exported, ==, 1);

  main_store = gp_store_open (main_db, &error);
  g_assert_no_error (error);
  merged = gp_store_merge (main_store, db, main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->captures_added, ==, 1);

  umask (saved_umask);
  /* While the stores are open: their -wal and -shm files too. */
  g_assert_cmpuint (assert_private_tree (data_dir), >=, 5);
  g_assert_cmpuint (assert_private_tree (out), ==, 2);
  g_assert_cmpuint (assert_private_tree (zip_out), ==, 1);
  g_assert_cmpuint (assert_private_tree (reports), ==, 2);
  g_assert_cmpuint (assert_private_tree (root), >=, 14);

  g_clear_object (&store);
  g_clear_object (&main_store);
  gp_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/private/station-files", test_station_files_private);
  return g_test_run ();
}
