/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* CSV files staff open in a spreadsheet: quoting, and no formulas from
 * roster text, in the cells and in manifest.csv and report.csv. */
#define G_LOG_DOMAIN "test-csv-write"

#include "config.h"

#include <string.h>

#include "store/gp-csv-write.h"
#include "store/gp-export.h"
#include "store/gp-report.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

static void
test_cells (void)
{
  static const struct { const char *value, *cell; } cases[] = {
    { "赵小明", "赵小明" },
    { NULL, "" },
    { "计算机学院, 软件系", "\"计算机学院, 软件系\"" },
    { "孙\"小\"美", "\"孙\"\"小\"\"美\"" },
    { "=HYPERLINK(\"http://x.example/\",\"点击\")", "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"点击\"\")\"" },
    { "+86 138", "\"'+86 138\"" },
    { "-2+3", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\t=1", "\"'\t=1\"" },
    { "\r=1", "\"'\r=1\"" },
    { "a=b", "a=b" },
    { "2021-000001", "2021-000001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      gp_csv_write_cell (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].cell);
    }
}

/* A roster name made to be a formula stays text in both files. */
static void
test_files_keep_formulas_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-csv-write-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "station.db", NULL);
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *report = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *manifest_text = NULL;
  g_autofree char *report_text = NULL;
  g_autoptr(GpStore) store = gp_store_open (db, &error);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpExportReport) exported = NULL;
  GpStudent *s = gp_student_new ();
  const char *formula = "=HYPERLINK(\"http://x.example/\",\"点击\")";
  const char *kept = "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"点击\"\")\"";

  g_assert_no_error (error);
  s->student_no = g_strdup ("2021000001");
  s->name = g_strdup (formula);
  s->college = g_strdup ("@学院");
  s->class_name = g_strdup ("+计科2101");
  g_ptr_array_add (students, s);
  g_ptr_array_add (students, gp_student_copy (s));
  g_free (((GpStudent *) g_ptr_array_index (students, 1))->student_no);
  ((GpStudent *) g_ptr_array_index (students, 1))->student_no = g_strdup ("2021000002");
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  gp_test_capture (store, photos, "2021000001", "a", "photo");

  exported = gp_export_run (store, out, NULL, FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (exported->manifest, &manifest_text, NULL, NULL));
  g_assert_nonnull (strstr (manifest_text, kept));
  g_assert_nonnull (strstr (manifest_text, ",\"'@学院\",\"'+计科2101\","));

  g_assert_true (gp_report_write (store, report, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_nonnull (strstr (report_text, "\"'@学院\",\"'+计科2101\","));
  g_assert_nonnull (strstr (report_text, kept));

  g_clear_object (&store);
  gp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-write/cells", test_cells);
  g_test_add_func ("/csv-write/files-keep-formulas-text", test_files_keep_formulas_text);
  return g_test_run ();
}
