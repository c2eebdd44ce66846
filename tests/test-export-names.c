/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Export names a disk cannot hold: one student's problem, not the export's. */
#define G_LOG_DOMAIN "test-export-names"

#include "config.h"

#include <string.h>

#include "store/gp-export.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

/* A 300-byte name ({name}: 100 characters of three bytes) used to abort
 * the whole export with advice about a full disk, leaving the files before
 * it behind with no manifest and nothing marked exported. */
static void
test_long_name_is_a_problem (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-export-names-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "station.db", NULL);
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *manifest = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GpStore) store = gp_store_open (db, &error);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpExportReport) report = NULL;
  int counts[GP_N_CAPTURE_STATUSES];
  static const char * const numbers[] = { "2021000001", "2021000002", "2021000003" };

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    g_string_append (long_name, "赵");
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      GpStudent *s = gp_student_new ();

      s->student_no = g_strdup (numbers[i]);
      s->name = g_strdup (i == 1 ? long_name->str : "钱多多");
      g_ptr_array_add (students, s);
    }
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    gp_test_capture (store, photos, numbers[i], "a", numbers[i]);

  report = gp_export_run (store, out, "{student_no}-{name}.jpg", FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->exported, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_test_message ("%s", (char *) g_ptr_array_index (report->problems, 0));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, 0), "2021000002: "));
  g_assert_true (g_file_get_contents (report->manifest, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "2021000003-钱多多.jpg"));
  g_assert_null (strstr (manifest, "2021000002"));
  g_assert_true (gp_store_count_statuses (store, counts, &error));
  g_assert_cmpint (counts[GP_CAPTURE_EXPORTED], ==, 2);

  g_clear_object (&store);
  gp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/names/too-long-is-a-problem", test_long_name_is_a_problem);
  return g_test_run ();
}
