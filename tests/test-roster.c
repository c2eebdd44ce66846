/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Tests for the CSV roster import, on generated files in a temp dir. */
#define G_LOG_DOMAIN "test-roster"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <xlsxwriter.h>

#include "store/gp-csv.h"
#include "store/gp-roster.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

#define HEADER "学号,姓名,采集码,学院,班级\n"

typedef struct
{
  char    *dir;
  GpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("gp-roster-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "station.db", NULL);
  f->store = gp_store_open (db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GpRosterReport *
import_data (Fixture     *f,
             const char  *data,
             gssize       length,
             GError     **error)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autoptr(GError) local_error = NULL;

  g_file_set_contents (path, data, length, &local_error);
  g_assert_no_error (local_error);
  return gp_roster_import_file (f->store, path, error);
}

/* Imports text that must load without a file-level error. */
static GpRosterReport *
import_ok (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  GpRosterReport *report = import_data (f, text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_student (Fixture    *f,
                const char *student_no,
                const char *name,
                const char *code,
                const char *college,
                const char *class_name,
                const char *id_last4)
{
  g_autoptr(GpStudent) s = NULL;
  g_autoptr(GError) error = NULL;

  s = gp_store_find_student_by_no (f->store, student_no, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpstr (s->code, ==, code);
  g_assert_cmpstr (s->college, ==, college);
  g_assert_cmpstr (s->class_name, ==, class_name);
  g_assert_cmpstr (s->id_last4, ==, id_last4);
}

static void
assert_problems (GpRosterReport     *report,
                 const char *const  *expected)
{
  guint i;

  for (i = 0; expected[i] != NULL; i++)
    {
      g_assert_cmpuint (i, <, report->problems->len);
      g_assert_cmpstr (g_ptr_array_index (report->problems, i), ==, expected[i]);
    }
  g_assert_cmpuint (report->problems->len, ==, i);
}

static int
count_students (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  int n = gp_store_count_students (f->store, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_import_utf8 (Fixture       *f,
                  gconstpointer  data)
{
  const char *prefix = data;
  g_autofree char *text = g_strconcat (prefix,
                                       "学号,姓名,采集码,学院,班级\r\n"
                                       "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\r\n"
                                       "2021000002,钱多多,GP3H8Q1Z,外国语学院,英语2102\r\n",
                                       NULL);
  g_autoptr(GpRosterReport) report = import_ok (f, text);
  static const char *const none[] = { NULL };

  g_assert_cmpuint (report->rows, ==, 2);
  g_assert_cmpuint (report->inserted, ==, 2);
  g_assert_cmpuint (report->updated, ==, 0);
  assert_problems (report, none);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "计算机学院", "计科2101", NULL);
  assert_student (f, "2021000002", "钱多多", "GP3H8Q1Z", "外国语学院", "英语2102", NULL);
}

static void
test_import_gbk (Fixture       *f,
                 gconstpointer  data)
{
  static const char text[] =
    "学号,姓名,图像采集码,分院,班号\r\n"
    "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\r\n"
    "2021000002,钱多多,GP3H8Q1Z,外国语学院,英语2102\r\n";
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gbk = NULL;
  gsize length = 0;

  gbk = g_convert (text, -1, "GBK", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gbk, (gssize) length, NULL));

  report = import_data (f, gbk, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->inserted, ==, 2);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "计算机学院", "计科2101", NULL);
  assert_student (f, "2021000002", "钱多多", "GP3H8Q1Z", "外国语学院", "英语2102", NULL);
}

static void
test_import_delimiter (Fixture       *f,
                       gconstpointer  data)
{
  const char *delimiter = data;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GpRosterReport) report = NULL;
  static const char *const none[] = { NULL };
  static const char *const rows[][5] = {
    { "学号", "姓名", "采集码", "学院", "班级" },
    { "2021000001", "赵小明", "GP7K2M9X", "Computing, Software", "计科2101" },
    { "2021000002", "钱多多", "GP3H8Q1Z", "外国语学院", "英语2102" },
  };
  gsize r;

  /* A comma inside an unquoted field must not split it. */
  for (r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *line = g_strjoinv (delimiter, (char **) rows[r]);
      g_string_append_printf (text, "%s\n", line);
    }
  report = import_ok (f, text->str);
  g_assert_cmpuint (report->inserted, ==, 2);
  assert_problems (report, none);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "Computing, Software", "计科2101", NULL);
  assert_student (f, "2021000002", "钱多多", "GP3H8Q1Z", "外国语学院", "英语2102", NULL);
}

static void
test_import_quoted_newline (Fixture       *f,
                            gconstpointer  data)
{
  const char *eol = data;
  static const char *const lines[] = {
    "学号,姓名,采集码,学院,班级",                                  /* 1 */
    "2021000001,赵小明,GP7K2M9X,\"计算机学院, 软件系\",计科2101",    /* 2 */
    "2021000002,钱多多,GP3H8Q1Z,\"外国语",                          /* 3 */
    "学院\",英语2102",                                              /* 4 */
    "2021000003,\"孙\"\"小\"\"美\",GP5T4R2W,理学院,数学2101",       /* 5 */
    "2021000004,,GP9A1B2C,理学院,数学2101",                         /* 6 */
    "",                                                             /* 7 */
    ",李四四,GP8D3E4F,理学院,数学2101",                             /* 8 */
    NULL,
  };
  static const char *const expected[] = {
    "line 6: missing 姓名",
    "line 8: missing 学号",
    NULL,
  };
  g_autofree char *joined = g_strjoinv (eol, (char **) lines);
  g_autofree char *text = g_strconcat (joined, eol, NULL);
  g_autoptr(GpRosterReport) report = import_ok (f, text);

  g_assert_cmpuint (report->rows, ==, 5);
  g_assert_cmpuint (report->inserted, ==, 3);
  assert_problems (report, expected);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "计算机学院, 软件系", "计科2101", NULL);
  /* A line break inside a cell stays out of labels, file names and CSV rows. */
  assert_student (f, "2021000002", "钱多多", "GP3H8Q1Z", "外国语 学院", "英语2102", NULL);
  assert_student (f, "2021000003", "孙\"小\"美", "GP5T4R2W", "理学院", "数学2101", NULL);
  g_assert_cmpint (count_students (f), ==, 3);
}

static void
test_import_duplicates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GpRosterReport) report = import_ok (f,
    HEADER
    "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\n"
    "2021000002,钱多多,GP3H8Q1Z,外国语学院,英语2102\n"
    "2021000001,赵大明,GP5T4R2W,理学院,数学2101\n"
    "2021000003,孙小美,GP3H8Q1Z,理学院,数学2101\n"
    "2021000004,周一一,GP0K1L2M,理学院,数学2101\n");
  static const char *const expected[] = {
    "line 4: 学号 2021000001 already appears on line 2; this row was skipped",
    "line 5: 采集码 GP3H8Q1Z is already used on line 3; this row was skipped",
    NULL,
  };

  g_assert_cmpuint (report->rows, ==, 5);
  g_assert_cmpuint (report->inserted, ==, 3);
  assert_problems (report, expected);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "计算机学院", "计科2101", NULL);
  g_assert_cmpint (count_students (f), ==, 3);
}

typedef struct
{
  const char *text;
  const char *column;
} MissingColumn;

static void
test_import_missing_column (Fixture       *f,
                            gconstpointer  data)
{
  const MissingColumn *c = data;
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_data (f, c->text, -1, &error);
  g_assert_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_MISSING_COLUMN);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, c->column));
  g_assert_cmpint (count_students (f), ==, 0);
}

static void
test_import_english_header (Fixture       *f,
                            gconstpointer  data)
{
  const char *header = data;
  g_autofree char *text = g_strconcat (header, "\n",
                                       "2021000001,Zhao Xiaoming,GP7K2M9X,Computing,CS2101,110101200301011234\n",
                                       NULL);
  g_autoptr(GpRosterReport) report = import_ok (f, text);

  g_assert_cmpuint (report->inserted, ==, 1);
  assert_student (f, "2021000001", "Zhao Xiaoming", "GP7K2M9X", "Computing", "CS2101", "1234");
}

static void
test_import_id_last4 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GpRosterReport) report = import_ok (f,
    "学号,姓名,证件号码\n"
    "2021000001,赵小明,11010120030101123x\n"
    "2021000002,钱多多, 4401 0620 0302 0256 \n"
    "2021000003,孙小美,K12\n"
    "2021000004,周一一,\n");

  g_assert_cmpuint (report->inserted, ==, 4);
  assert_student (f, "2021000001", "赵小明", NULL, NULL, NULL, "123X");
  assert_student (f, "2021000002", "钱多多", NULL, NULL, NULL, "0256");
  assert_student (f, "2021000003", "孙小美", NULL, NULL, NULL, "K12");
  assert_student (f, "2021000004", "周一一", NULL, NULL, NULL, NULL);
}

static void
test_import_reimport_updates (Fixture       *f,
                              gconstpointer  data)
{
  static const char second[] =
    HEADER
    "2021000001,赵晓明,GP7K2M9X,计算机学院,计科2101\n"
    "2021000002,钱多多,GP3H8Q1Z,外国语学院,英语2102\n"
    "2021000003,孙小美,GP5T4R2W,理学院,数学2101\n";
  g_autoptr(GpRosterReport) first_report = NULL;
  g_autoptr(GpRosterReport) second_report = NULL;
  g_autoptr(GpRosterReport) again = NULL;

  first_report = import_ok (f,
    HEADER
    "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\n"
    "2021000002,钱多多,GP3H8Q1Z,外国语学院,英语2102\n");
  g_assert_cmpuint (first_report->inserted, ==, 2);

  second_report = import_ok (f, second);
  g_assert_cmpuint (second_report->rows, ==, 3);
  g_assert_cmpuint (second_report->inserted, ==, 1);
  g_assert_cmpuint (second_report->updated, ==, 1);
  g_assert_cmpint (count_students (f), ==, 3);
  assert_student (f, "2021000001", "赵晓明", "GP7K2M9X", "计算机学院", "计科2101", NULL);

  again = import_ok (f, second);
  g_assert_cmpuint (again->inserted, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpint (count_students (f), ==, 3);
}

/* Habits of spreadsheet exports: a title row, remarks in header names,
 * ="..." to keep leading zeros, and 学号 mangled into a float. */
static void
test_import_spreadsheet_habits (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GpRosterReport) report = import_ok (f,
    "2025届毕业生图像采集名单,,,,\n"
    "\n"
    "学号（必填）,姓名*,采集码,所在学院,班级\n"
    "=\"0021000001\",赵小明,GP7K2M9X,计算机学院,计科2101\n"
    "0021000002,,GP3H8Q1Z,外国语学院,英语2102\n"
    "2.021E+09,孙小美,GP5T4R2W,理学院,数学2101\n");
  static const char *const expected[] = {
    "line 5: missing 姓名",
    "line 6: 学号 2.021E+09 was turned into a number by the spreadsheet; "
    "format the 学号 column as text and export the roster again",
    NULL,
  };

  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpint (count_students (f), ==, 1);
  assert_problems (report, expected);
  assert_student (f, "0021000001", "赵小明", "GP7K2M9X", "计算机学院", "计科2101", NULL);
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;
  GQuark    (*domain) (void);
  int         code;
} Refused;

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  const Refused *r = data;
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_data (f, r->data, r->length, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, r->domain ());
  g_assert_cmpint (error->code, ==, r->code);
  g_assert_cmpint (count_students (f), ==, 0);
}

/* A workbook as the registrar's spreadsheet writes it: 学号 as numbers,
 * names as shared strings (or inline strings in constant-memory mode). */
static void
test_import_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  gboolean inline_strings = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (f->dir, "roster.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GpStudent) student = NULL;
  lxw_workbook_options options = { .constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "名单");
  const char *header[] = { "学号", "姓名", "学校", "分院", "专业", "班号", "层次", "学历类别", "届", "时间段",
                           "是否缴费", "证件号码" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (header); i++)
    worksheet_write_string (sheet, 0, (lxw_col_t) i, header[i], NULL);
  worksheet_write_number (sheet, 1, 0, 2110216050, NULL);
  worksheet_write_string (sheet, 1, 1, "赵小明", NULL);
  worksheet_write_string (sheet, 1, 2, "示例大学", NULL);
  worksheet_write_string (sheet, 1, 3, "计算机学院", NULL);
  worksheet_write_string (sheet, 1, 4, "软件工程", NULL);
  worksheet_write_number (sheet, 1, 5, 2101, NULL);
  worksheet_write_string (sheet, 1, 6, "本科", NULL);
  worksheet_write_string (sheet, 1, 7, "普通全日制", NULL);
  worksheet_write_number (sheet, 1, 8, 2025, NULL);
  worksheet_write_string (sheet, 1, 9, "6月3日 08:00-10:00", NULL);
  worksheet_write_string (sheet, 1, 10, "是", NULL);
  worksheet_write_string (sheet, 1, 11, "11010519491231002X", NULL);
  /* Row 3 has no name: reported with the row number the spreadsheet shows. */
  worksheet_write_number (sheet, 2, 0, 2110216051, NULL);
  worksheet_write_number (sheet, 3, 0, 2110216052, NULL);
  worksheet_write_string (sheet, 3, 1, "钱多多", NULL);
  worksheet_write_string (sheet, 3, 10, "否", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  report = gp_roster_import_file_to_batch (f->store, path, "2025届毕业生", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->inserted, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->problems, 0), ==, "line 3: missing 姓名");

  student = gp_store_find_student_by_no (f->store, "2110216050", &error);
  g_assert_nonnull (student);
  g_assert_cmpstr (student->name, ==, "赵小明");
  g_assert_cmpstr (student->school, ==, "示例大学");
  g_assert_cmpstr (student->college, ==, "计算机学院");
  g_assert_cmpstr (student->major, ==, "软件工程");
  g_assert_cmpstr (student->class_name, ==, "2101");
  g_assert_cmpstr (student->level, ==, "本科");
  g_assert_cmpstr (student->education, ==, "普通全日制");
  g_assert_cmpstr (student->graduation_year, ==, "2025");
  g_assert_cmpstr (student->time_slot, ==, "6月3日 08:00-10:00");
  g_assert_cmpint (student->paid, ==, 1);
  g_assert_cmpstr (student->id_last4, ==, "002X");
  g_assert_null (student->id_number);
  g_clear_pointer (&student, gp_student_free);
  student = gp_store_find_student_by_no (f->store, "2110216052", &error);
  g_assert_cmpint (student->paid, ==, 0);
  g_assert_cmpint (student->batch_id, >, 1);
}

/* Text a station must not store or echo is refused row by row, with the
 * line and the column: terminal escapes, BEL, a name of megabytes, and
 * student numbers that would share or escape a photos folder. */
static void
test_import_hostile_text (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (1025, 'A');
  g_autofree char *text = g_strconcat (HEADER,
                                       "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\n"
                                       "2021000002,钱\a多多,GP3H8Q1Z,外国语学院,英语2102\n"
                                       "2021000003,孙小美,GP5T4R2W,\x1b[2J理学院,数学2101\n"
                                       "2021000004,", long_name, ",GP0K1L2M,理学院,数学2101\n"
                                       "a/b1,周一一,,理学院,数学2101\n"
                                       "a\\b1,吴二二,,理学院,数学2101\n"
                                       ".hidden1,郑三三,,理学院,数学2101\n"
                                       "2021\u200b000009,王四四,,理学院,数学2101\n"
                                       "a_b1,冯五五,,理学院,数学2101\n",
                                       NULL);
  g_autoptr(GpRosterReport) report = import_ok (f, text);
  static const char *const expected[] = {
    "line 3: the 姓名 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    "line 4: the 学院 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    "line 5: the 姓名 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    "line 6: 学号 a/b1 is not a student number: use letters, digits, “-” and “_” only, at most 32, "
    "with at least one digit",
    "line 7: 学号 a\\b1 is not a student number: use letters, digits, “-” and “_” only, at most 32, "
    "with at least one digit",
    "line 8: 学号 .hidden1 is not a student number: use letters, digits, “-” and “_” only, at most 32, "
    "with at least one digit",
    "line 9: 学号 2021\u200b000009 is not a student number: use letters, digits, “-” and “_” only, at most 32, "
    "with at least one digit",
    NULL,
  };

  assert_problems (report, expected);
  g_assert_cmpuint (report->inserted, ==, 2);
  assert_student (f, "2021000001", "赵小明", "GP7K2M9X", "计算机学院", "计科2101", NULL);
  assert_student (f, "a_b1", "冯五五", NULL, "理学院", "数学2101", NULL);
}

/* Excel's _xHHHH_ escapes that are no character must not cut a name short
 * (_x0000_) or store invalid UTF-8 (_xD800_); BEL written by the
 * spreadsheet as _x0007_ is refused like in CSV. */
static void
test_import_xlsx_escapes (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpRosterReport) report = NULL;
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);
  static const char *const rows[][2] = {
    { "2021000001", "赵小明" },
    { "2021000002", "钱_x0000_多多" },
    { "2021000003", "孙_xD800_小美" },
    { "2021000004", "周\a一一" },
  };
  static const char *const expected[] = {
    "line 3: the 姓名 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    "line 4: the 姓名 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    "line 5: the 姓名 holds control characters, text that is not UTF-8 or more than 1024 bytes; "
    "correct the cell and import again",
    NULL,
  };

  worksheet_write_string (sheet, 0, 0, "学号", NULL);
  worksheet_write_string (sheet, 0, 1, "姓名", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      worksheet_write_string (sheet, (lxw_row_t) i + 1, 0, rows[i][0], NULL);
      worksheet_write_string (sheet, (lxw_row_t) i + 1, 1, rows[i][1], NULL);
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  report = gp_roster_import_file (f->store, path, &error);
  g_assert_no_error (error);
  assert_problems (report, expected);
  g_assert_cmpuint (report->inserted, ==, 1);
}

/* The full ID number is kept only when the batch's export naming uses it. */
static void
test_import_id_number_for_naming (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpRosterReport) plain = NULL;
  g_autoptr(GpRosterReport) named = NULL;
  GpBatch batch = { .name = (char *) "按证件号命名", .export_naming = (char *) "{id_number}.jpg" };
  g_autofree char *path = g_build_filename (f->dir, "ids.csv", NULL);
  g_autofree char *db = g_build_filename (f->dir, "station.db", NULL);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_file_set_contents (path, "学号,姓名,证件号码\n2021000001,赵小明,110105194912310021\n", -1, NULL);
  plain = gp_roster_import_file (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gp_store_ensure_batch (f->store, &batch, &error), >, 0);
  named = gp_roster_import_file_to_batch (f->store, path, batch.name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (named->updated, ==, 1);

  g_assert_cmpint (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT id_number, id_last4 FROM students", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "110105194912310021");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "0021");
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  /* The naming changes back: importing the roster again drops the full number. */
  batch.export_naming = (char *) "{student_no}.jpg";
  g_assert_cmpint (gp_store_ensure_batch (f->store, &batch, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&named, gp_roster_report_free);
  named = gp_roster_import_file_to_batch (f->store, path, batch.name, &error);
  g_assert_no_error (error);
  gp_test_assert_sql (db, "SELECT coalesce (id_number, 'none') || ' ' || id_last4 FROM students", "none 0021");
}

/* Rows pasted from a UTF-8 file into a GBK one used to import as
 * mojibake (鏄庢槑) with no problem reported. */
static void
test_import_mixed_encodings (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gbk = g_convert (HEADER "2021000001,赵小明,GP7K2M9X,计算机学院,计科2101\n", -1,
                                    "GB18030", "UTF-8", NULL, NULL, NULL);
  /* 李明 in UTF-8 is valid GBK too, reading 鏉庢槑. */
  g_autofree char *mixed = g_strconcat (gbk, "2021000002,李明,GP3H8Q1Z,,英语2102\n", NULL);
  g_autoptr(GpRosterReport) report = import_data (f, mixed, -1, &error);

  g_assert_null (report);
  g_assert_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "The roster mixes UTF-8 (line 3) and GBK (line 1) text, so some names "
                                       "would be garbled. Save it again from the spreadsheet as “CSV UTF-8” "
                                       "and import that file.");
  g_assert_cmpint (count_students (f), ==, 0);
}

/* Empty bytes, as a caller may pass them, are an empty roster. */
static void
test_import_empty_bytes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_assert_null (gp_roster_import_bytes (f->store, empty, &error));
  g_assert_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_EMPTY);
}

int
main (int   argc,
      char *argv[])
{
  static const MissingColumn missing[] = {
    { "姓名,采集码\n赵小明,GP7K2M9X\n", "学号" },
    { "学号,采集码,学院\n2021000001,GP7K2M9X,理学院\n", "姓名" },
  };
  static const Refused refused[] = {
    { "empty", "", 0, gp_roster_error_quark, GP_ROSTER_ERROR_EMPTY },
    { "bom-only", "\xEF\xBB\xBF\r\n\r\n", -1, gp_roster_error_quark, GP_ROSTER_ERROR_EMPTY },
    { "header-only", HEADER "\n,,,,\n", -1, gp_roster_error_quark, GP_ROSTER_ERROR_EMPTY },
    { "not-text", "\x80\xFF\x80\xFF,\x81\n", -1, gp_roster_error_quark, GP_ROSTER_ERROR_ENCODING },
    { "utf16", "\xFF\xFE\x66\x5B\xF7\x53", 6, gp_roster_error_quark, GP_ROSTER_ERROR_ENCODING },
    { "xlsx", "PK\003\004\024\0\0\0", 8, gp_roster_error_quark, GP_ROSTER_ERROR_ENCODING },
    { "no-header", "2021000001,赵小明\n2021000002,钱多多\n", -1, gp_roster_error_quark, GP_ROSTER_ERROR_NO_HEADER },
    { "unclosed-quote", HEADER "2021000001,\"赵小明,GP7K2M9X\n", -1, gp_csv_error_quark, GP_CSV_ERROR_UNCLOSED_QUOTE },
  };
  gsize i;

  g_test_init (&argc, &argv, NULL);


#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/roster/import/utf8-bom", "\xEF\xBB\xBF", test_import_utf8);
  ADD ("/roster/import/utf8-plain", "", test_import_utf8);
  ADD ("/roster/import/gbk", NULL, test_import_gbk);
  ADD ("/roster/import/semicolon", ";", test_import_delimiter);
  ADD ("/roster/import/tab", "\t", test_import_delimiter);
  ADD ("/roster/import/quoted-newline/lf", "\n", test_import_quoted_newline);
  ADD ("/roster/import/quoted-newline/crlf", "\r\n", test_import_quoted_newline);
  ADD ("/roster/import/duplicates", NULL, test_import_duplicates);
  ADD ("/roster/import/missing-column/student-no", &missing[0], test_import_missing_column);
  ADD ("/roster/import/missing-column/name", &missing[1], test_import_missing_column);
  ADD ("/roster/import/english-header/spaced", "Student ID,Name,Code,College,Class,ID Number",
       test_import_english_header);
  ADD ("/roster/import/english-header/snake", "student_no,name,code,college,class,id_number",
       test_import_english_header);
  ADD ("/roster/import/id-last4", NULL, test_import_id_last4);
  ADD ("/roster/import/reimport-updates", NULL, test_import_reimport_updates);
  ADD ("/roster/import/spreadsheet-habits", NULL, test_import_spreadsheet_habits);
  ADD ("/roster/import/xlsx/shared-strings", GINT_TO_POINTER (FALSE), test_import_xlsx);
  ADD ("/roster/import/xlsx/inline-strings", GINT_TO_POINTER (TRUE), test_import_xlsx);
  ADD ("/roster/import/hostile-text", NULL, test_import_hostile_text);
  ADD ("/roster/import/xlsx/escapes-no-character", NULL, test_import_xlsx_escapes);
  ADD ("/roster/import/id-number-for-naming", NULL, test_import_id_number_for_naming);
  ADD ("/roster/import/empty-bytes", NULL, test_import_empty_bytes);
  ADD ("/roster/import/mixed-encodings", NULL, test_import_mixed_encodings);
  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/roster/import/refused/%s", refused[i].name);
      ADD (path, &refused[i], test_import_refused);
    }

  return g_test_run ();
}
