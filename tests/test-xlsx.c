/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The workbook reader on small hand-made packages: what a hostile or odd
 * worksheet costs and how it is refused. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

#include "store/gp-xlsx.h"

/* A workbook whose first (and only) sheet is @rows, <row> elements. */
static GBytes *
make_workbook (const char *rows)
{
  static const char workbook[] = "<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>";
  g_autofree char *sheet = g_strconcat ("<worksheet><sheetData>", rows, "</sheetData></worksheet>", NULL);
  g_autofree char *dir = g_dir_make_tmp ("gp-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "roster.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  int failed = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &failed);

  g_assert_nonnull (zip);
  g_assert_cmpint (zip_file_add (zip, "xl/workbook.xml",
                                 zip_source_buffer (zip, workbook, strlen (workbook), 0), 0), >=, 0);
  g_assert_cmpint (zip_file_add (zip, "xl/worksheets/sheet1.xml",
                                 zip_source_buffer (zip, sheet, strlen (sheet), 0), 0), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_remove (path);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* Spreadsheets write styled empty cells far to the right; they make rows
 * no longer. */
static void
test_blank_cells_not_padded (void)
{
  g_autoptr(GBytes) bytes = make_workbook ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>学号</t></is></c>"
                                           "<c r=\"B1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
                                           "<c r=\"XFD1\" s=\"1\"/></row>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gp_xlsx_read_rows (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (g_strv_length (((GpXlsxRow *) g_ptr_array_index (rows, 0))->cells), ==, 2);
}

/* One value in column XFD on each of 300 rows (a 15 KB workbook) used to
 * cost 664 MB; it is refused at once, naming the row. */
static void
test_far_column_refused (void)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;

  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (rows, "<row r=\"%u\"><c r=\"XFD%u\"><v>1</v></c></row>", i, i);
  bytes = make_workbook (rows->str);
  read = gp_xlsx_read_rows (bytes, &error);
  g_assert_null (read);
  g_assert_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Row 1 "));
}

/* Our own errors from inside the sheet are not wrapped in a second "damaged". */
static void
test_bad_shared_string_said_once (void)
{
  g_autoptr(GBytes) bytes = make_workbook ("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>99</v></c></row>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gp_xlsx_read_rows (bytes, &error);
  const char *first;

  g_assert_null (rows);
  g_assert_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  first = strstr (error->message, "damaged");
  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, "damaged"));
  g_assert_nonnull (strstr (error->message, "row 2"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/blank-cells-not-padded", test_blank_cells_not_padded);
  g_test_add_func ("/xlsx/far-column-refused", test_far_column_refused);
  g_test_add_func ("/xlsx/bad-shared-string-said-once", test_bad_shared_string_said_once);
  return g_test_run ();
}
