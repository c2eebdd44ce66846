/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Imports the student roster from a CSV file or an .xlsx workbook exported by the registrar. */
#define G_LOG_DOMAIN "gp-roster"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/gp-text.h"
#include "store/gp-csv.h"
#include "store/gp-roster.h"
#include "store/gp-xlsx.h"

typedef enum
{
  COL_NO,
  COL_NAME,
  COL_CODE,
  COL_COLLEGE,
  COL_CLASS,
  COL_ID,
  COL_SCHOOL,
  COL_MAJOR,
  COL_LEVEL,
  COL_EDUCATION,
  COL_YEAR,
  COL_SLOT,
  COL_PAID,
  N_COLUMNS
} Column;

/* Spellings as normalize_header() leaves them: case-folded, without
 * spaces, '_', '-', '*' or a bracketed remark such as "（必填）". */
static const struct
{
  Column      column;
  const char *name;
} header_names[] = {
  { COL_NO, "学号" }, { COL_NO, "学生学号" }, { COL_NO, "studentno" },
  { COL_NO, "studentid" }, { COL_NO, "studentnumber" },
  { COL_NAME, "姓名" }, { COL_NAME, "学生姓名" }, { COL_NAME, "name" },
  { COL_NAME, "studentname" }, { COL_NAME, "fullname" },
  { COL_CODE, "采集码" }, { COL_CODE, "图像采集码" }, { COL_CODE, "学信网采集码" },
  { COL_CODE, "code" }, { COL_CODE, "collectioncode" }, { COL_CODE, "chsicode" },
  { COL_COLLEGE, "学院" }, { COL_COLLEGE, "分院" }, { COL_COLLEGE, "院系" },
  { COL_COLLEGE, "所在学院" }, { COL_COLLEGE, "学院名称" }, { COL_COLLEGE, "分院名称" },
  { COL_COLLEGE, "college" }, { COL_COLLEGE, "faculty" }, { COL_COLLEGE, "department" },
  { COL_CLASS, "班级" }, { COL_CLASS, "班号" }, { COL_CLASS, "班级名称" },
  { COL_CLASS, "class" }, { COL_CLASS, "classname" },
  { COL_ID, "证件号码" }, { COL_ID, "证件号" }, { COL_ID, "证件号后4位" },
  { COL_ID, "证件号后四位" }, { COL_ID, "身份证号" }, { COL_ID, "身份证号码" },
  { COL_ID, "身份证后4位" }, { COL_ID, "身份证后四位" }, { COL_ID, "idnumber" },
  { COL_ID, "idno" }, { COL_ID, "idlast4" },
  { COL_SCHOOL, "学校" }, { COL_SCHOOL, "学校名称" }, { COL_SCHOOL, "院校" }, { COL_SCHOOL, "院校名称" },
  { COL_SCHOOL, "school" }, { COL_SCHOOL, "university" },
  { COL_MAJOR, "专业" }, { COL_MAJOR, "专业名称" }, { COL_MAJOR, "所学专业" }, { COL_MAJOR, "major" },
  { COL_LEVEL, "层次" }, { COL_LEVEL, "培养层次" }, { COL_LEVEL, "学历层次" }, { COL_LEVEL, "level" },
  { COL_EDUCATION, "学历类别" }, { COL_EDUCATION, "学生类别" }, { COL_EDUCATION, "学习形式" },
  { COL_EDUCATION, "education" }, { COL_EDUCATION, "educationtype" },
  { COL_YEAR, "届" }, { COL_YEAR, "届别" }, { COL_YEAR, "毕业年份" }, { COL_YEAR, "毕业年度" },
  { COL_YEAR, "毕业届别" }, { COL_YEAR, "graduationyear" }, { COL_YEAR, "year" },
  { COL_SLOT, "时间段" }, { COL_SLOT, "拍摄时间段" }, { COL_SLOT, "采集时间段" }, { COL_SLOT, "拍摄时间" },
  { COL_SLOT, "timeslot" }, { COL_SLOT, "slot" },
  { COL_PAID, "是否缴费" }, { COL_PAID, "缴费" }, { COL_PAID, "缴费状态" }, { COL_PAID, "已缴费" },
  { COL_PAID, "paid" },
};

/* 是否缴费 as rosters write it. */
static const char *const paid_yes[] = { "是", "已缴费", "已缴", "已交", "y", "yes", "true", "1", "√" };
static const char *const paid_no[] = { "否", "未缴费", "未缴", "未交", "n", "no", "false", "0", "×" };

static const char delimiters[] = { ',', ';', '\t' };

/* Exports often start with a title row or two above the header. */
#define HEADER_SEARCH_RECORDS 10

typedef struct
{
  char   delimiter;
  guint  header_record;
  int    columns[N_COLUMNS];
  guint  score;
} Layout;

G_DEFINE_QUARK (gp-roster-error-quark, gp_roster_error)

void
gp_roster_report_free (GpRosterReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static gboolean
is_ignorable (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF;
}

/* Trims Unicode spaces (U+3000 included) and unwraps ="0123", which
 * spreadsheets use to keep leading zeros; empty becomes NULL. */
static char *
clean_value (const char *field)
{
  const char *start = field, *end = field + strlen (field);

  while (start < end && is_ignorable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && is_ignorable (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (end - start >= 3 && start[0] == '=' && start[1] == '"' && end[-1] == '"')
    {
      start += 2;
      end--;
    }
  if (start == end)
    return NULL;
  return g_strndup (start, (gsize) (end - start));
}

static char *
field_value (char  **fields,
             int     column)
{
  if (column < 0 || (guint) column >= g_strv_length (fields))
    return NULL;
  return clean_value (fields[column]);
}

static char *
normalize_header (const char *field)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;

  for (p = field; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08 /* （ */ || c == '[' || c == 0x3010 /* 【 */)
        break;
      if (is_ignorable (c) || c == '_' || c == '-' || c == '*' || c == ':' || c == 0xFF1A)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_utf8_casefold (out->str, -1);
}

static guint
match_header (char  **fields,
              int    *columns)
{
  guint score = 0;
  guint i, k;

  for (k = 0; k < N_COLUMNS; k++)
    columns[k] = -1;
  for (i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *name = normalize_header (fields[i]);

      for (k = 0; k < G_N_ELEMENTS (header_names); k++)
        if (strcmp (name, header_names[k].name) == 0)
          {
            if (columns[header_names[k].column] < 0)
              {
                columns[header_names[k].column] = (int) i;
                score++;
              }
            break;
          }
    }
  return score;
}

typedef struct
{
  guint   line;
  char  **fields;
} Record;

static void
record_free (Record *record)
{
  g_strfreev (record->fields);
  g_free (record);
}

/* Every record of @text, or the first @max ones; NULL with @error set for
 * a quote that is never closed. */
static GPtrArray *
read_csv (const char  *text,
          char         delimiter,
          guint        max,
          GError     **error)
{
  g_autoptr(GpCsvReader) reader = gp_csv_reader_new (text, delimiter);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GError) local_error = NULL;

  while (records->len < max)
    {
      Record *record = g_new0 (Record, 1);

      if (!gp_csv_reader_next (reader, &record->fields, &record->line, &local_error))
        {
          g_free (record);
          break;
        }
      g_ptr_array_add (records, record);
    }
  /* A sample (no @error) keeps the records before a syntax error. */
  if (local_error != NULL && error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&records);
}

static void
best_header (GPtrArray  *records,
             char        delimiter,
             Layout     *layout)
{
  guint record;

  for (record = 0; record < MIN (records->len, HEADER_SEARCH_RECORDS); record++)
    {
      int columns[N_COLUMNS];
      guint score = match_header (((Record *) g_ptr_array_index (records, record))->fields, columns);

      if (score > layout->score)
        {
          layout->delimiter = delimiter;
          layout->header_record = record;
          layout->score = score;
          memcpy (layout->columns, columns, sizeof columns);
        }
    }
}

static gboolean
check_layout (const Layout  *layout,
              GError       **error)
{
  if (layout->score == 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_NO_HEADER,
                   _("No header row was found in the roster. The first row must name the columns, "
                     "for example 学号,姓名,采集码,学院,班级."));
      return FALSE;
    }
  if (layout->columns[COL_NO] < 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_MISSING_COLUMN,
                   _("The roster has no 学号 (student number) column. Add it to the header row, "
                     "for example 学号,姓名,采集码,学院,班级."));
      return FALSE;
    }
  if (layout->columns[COL_NAME] < 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_MISSING_COLUMN,
                   _("The roster has no 姓名 (name) column. Add it to the header row, "
                     "for example 学号,姓名,采集码,学院,班级."));
      return FALSE;
    }
  return TRUE;
}

/* The delimiter is whichever one makes the best header out of the first
 * records; ties go to the comma. A syntax error in that sample is reported
 * by the full read that follows. */
static GPtrArray *
read_csv_records (const char  *text,
                  Layout      *layout,
                  GError     **error)
{
  gsize d;

  memset (layout, 0, sizeof *layout);
  for (d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GPtrArray) sample = read_csv (text, delimiters[d], HEADER_SEARCH_RECORDS, NULL);

      if (sample != NULL)
        best_header (sample, delimiters[d], layout);
    }
  if (!check_layout (layout, error))
    return NULL;
  return read_csv (text, layout->delimiter, G_MAXUINT, error);
}

static gboolean
is_blank_record (char **fields)
{
  guint i;

  for (i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = clean_value (fields[i]);

      if (value != NULL)
        return FALSE;
    }
  return TRUE;
}

/* Only the last four characters are needed to tell namesakes apart; the
 * full number is kept (in @full) only when the export naming needs it. */
static char *
last4 (char  *id_number,
       char **full)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  const char *p;
  glong n;

  if (id_number == NULL)
    return NULL;
  for (p = id_number; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_ignorable (g_utf8_get_char (p)))
      g_string_append_unichar (compact, g_utf8_get_char (p));
  g_free (id_number);

  n = g_utf8_strlen (compact->str, -1);
  if (full != NULL && n > 4)
    *full = g_utf8_strup (compact->str, -1);
  p = n > 4 ? g_utf8_offset_to_pointer (compact->str, n - 4) : compact->str;
  return g_utf8_strup (p, -1);
}

/* -1 when the cell is empty; -2 when it is neither yes nor no. */
static int
parse_paid (const char *value)
{
  g_autofree char *folded = NULL;
  gsize i;

  if (value == NULL)
    return -1;
  folded = g_utf8_casefold (value, -1);
  for (i = 0; i < G_N_ELEMENTS (paid_yes); i++)
    if (g_str_equal (folded, paid_yes[i]))
      return 1;
  for (i = 0; i < G_N_ELEMENTS (paid_no); i++)
    if (g_str_equal (folded, paid_no[i]))
      return 0;
  return -2;
}

/* Spreadsheets turn long digit strings into "2.021E+09" unless the column
 * is formatted as text; such a 学号 is lost and must not be imported. */
static gboolean
is_scientific_notation (const char *value)
{
  const char *e = strpbrk (value, "Ee");
  const char *p;

  if (e == NULL || e == value || e[1] != '+' || e[2] == '\0')
    return FALSE;
  for (p = value; *p != '\0'; p++)
    if (p != e && p != e + 1 && !g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

static void add_problem (GpRosterReport *report,
                         const char     *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GpRosterReport *report,
             const char     *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* No roster value is longer than a collection code may be; a longer one is
 * a mistake or an attack (a 10 MB name made printing take half a minute). */
#define MAX_FIELD_BYTES 1024

/* A line break or tab inside a cell becomes a space, so labels, file names
 * and CSV rows stay on one line. Returns FALSE for text a station must not
 * store: not UTF-8, U+FFFD (an XLSX _x0000_ or _xD800_), other control
 * characters (BEL, ESC), or too long. */
static gboolean
tidy_field (char *value)
{
  if (value == NULL)
    return TRUE;
  if (strlen (value) > MAX_FIELD_BYTES || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  g_strdelimit (value, "\t\r\n", ' ');
  /* U+FFFD stands for text that was lost before it reached us. */
  return !gp_text_has_control (value) && g_utf8_strchr (value, -1, 0xFFFD) == NULL;
}

typedef struct
{
  GpRosterReport *report;
  GPtrArray      *students;
  GHashTable     *lines_by_no;
  GHashTable     *lines_by_code;
  gboolean        keep_id_number;
} Import;

static void
take_record (Import        *import,
             const Layout  *layout,
             char         **fields,
             guint          line)
{
  g_autoptr(GpStudent) student = gp_student_new ();
  g_autofree char *paid = NULL;
  gpointer earlier;

  import->report->rows++;
  student->student_no = field_value (fields, layout->columns[COL_NO]);
  student->name = field_value (fields, layout->columns[COL_NAME]);
  student->code = field_value (fields, layout->columns[COL_CODE]);
  student->college = field_value (fields, layout->columns[COL_COLLEGE]);
  student->class_name = field_value (fields, layout->columns[COL_CLASS]);
  student->id_last4 = last4 (field_value (fields, layout->columns[COL_ID]),
                             import->keep_id_number ? &student->id_number : NULL);
  student->school = field_value (fields, layout->columns[COL_SCHOOL]);
  student->major = field_value (fields, layout->columns[COL_MAJOR]);
  student->level = field_value (fields, layout->columns[COL_LEVEL]);
  student->education = field_value (fields, layout->columns[COL_EDUCATION]);
  student->graduation_year = field_value (fields, layout->columns[COL_YEAR]);
  student->time_slot = field_value (fields, layout->columns[COL_SLOT]);
  paid = field_value (fields, layout->columns[COL_PAID]);
  student->paid = parse_paid (paid);

  if (student->student_no == NULL)
    {
      add_problem (import->report, _("line %u: missing 学号"), line);
      return;
    }
  if (student->name == NULL)
    {
      add_problem (import->report, _("line %u: missing 姓名"), line);
      return;
    }
  {
    const struct { char *value; const char *column; } checked[] = {
      { student->student_no, "学号" }, { student->name, "姓名" }, { student->code, "采集码" },
      { student->college, "学院" }, { student->class_name, "班级" }, { student->id_last4, "证件号码" },
      { student->id_number, "证件号码" }, { student->school, "学校" }, { student->major, "专业" },
      { student->level, "层次" }, { student->education, "学历类别" }, { student->graduation_year, "届" },
      { student->time_slot, "时间段" }, { paid, "是否缴费" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
      if (!tidy_field (checked[i].value))
        {
          /* Translators: %s is a column name such as 姓名 */
          add_problem (import->report, _("line %u: the %s holds control characters, text that is not UTF-8 "
                                         "or more than %u bytes; correct the cell and import again"),
                       line, checked[i].column, (guint) MAX_FIELD_BYTES);
          return;
        }
  }
  if (is_scientific_notation (student->student_no))
    {
      add_problem (import->report,
                   _("line %u: 学号 %s was turned into a number by the spreadsheet; "
                     "format the 学号 column as text and export the roster again"),
                   line, student->student_no);
      return;
    }
  if (!gp_text_is_student_no (student->student_no))
    {
      add_problem (import->report,
                   _("line %u: 学号 %s is not a student number: use letters, digits, “-” and “_” only, "
                     "at most %u, with at least one digit"),
                   line, student->student_no, (guint) GP_TEXT_MAX_STUDENT_NO);
      return;
    }
  earlier = g_hash_table_lookup (import->lines_by_no, student->student_no);
  if (earlier != NULL)
    {
      add_problem (import->report, _("line %u: 学号 %s already appears on line %u; this row was skipped"),
                   line, student->student_no, GPOINTER_TO_UINT (earlier));
      return;
    }
  if (student->code != NULL)
    {
      earlier = g_hash_table_lookup (import->lines_by_code, student->code);
      if (earlier != NULL)
        {
          add_problem (import->report, _("line %u: 采集码 %s is already used on line %u; this row was skipped"),
                       line, student->code, GPOINTER_TO_UINT (earlier));
          return;
        }
      g_hash_table_insert (import->lines_by_code, g_strdup (student->code), GUINT_TO_POINTER (line));
    }
  if (student->paid == -2)
    {
      add_problem (import->report, _("line %u: 是否缴费 “%s” is neither yes nor no; the student was imported "
                                     "with payment unknown"),
                   line, paid);
      student->paid = -1;
    }
  g_hash_table_insert (import->lines_by_no, g_strdup (student->student_no), GUINT_TO_POINTER (line));
  g_ptr_array_add (import->students, g_steal_pointer (&student));
}

static gboolean
is_blank_text (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A file saved partly as UTF-8 and partly as GBK (rows pasted from two
 * sources) would be read as GBK and its UTF-8 names garbled (鏄庢槑):
 * the first line of each, 1-based, or FALSE when it is one or the other. */
static gboolean
find_mixed_lines (const guint8  *data,
                  gsize          length,
                  guint         *utf8_line,
                  guint         *other_line)
{
  const guint8 *line = data, *end = data + length;
  guint number = 1;

  *utf8_line = *other_line = 0;
  while (line < end)
    {
      const guint8 *next = memchr (line, '\n', (gsize) (end - line));
      gsize size = (next != NULL ? next : end) - line;
      gboolean valid = g_utf8_validate ((const char *) line, (gssize) size, NULL);

      /* Only a line with a multi-byte character tells: ASCII is both. */
      for (gsize i = 0; valid && *utf8_line == 0 && i < size; i++)
        if (line[i] >= 0xE0)
          *utf8_line = number;
      if (!valid && *other_line == 0)
        *other_line = number;
      if (next == NULL)
        break;
      line = next + 1;
      number++;
    }
  return *utf8_line != 0 && *other_line != 0;
}

static char *
decode (const guint8  *data,
        gsize          length,
        GError       **error)
{
  guint utf8_line, other_line;

  g_autofree char *text = NULL;

  if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("The roster is saved as UTF-16 (“Unicode text”). Save it again as “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (length >= 4 && memcmp (data, "\320\317\021\340", 4) == 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("This is an old Excel workbook (.xls). In the spreadsheet choose Save As → .xlsx or “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\357\273\277", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* Empty bytes may have no data pointer at all: not for memchr. */
  if (length == 0)
    text = g_strdup ("");
  else if (!g_utf8_validate ((const char *) data, (gssize) length, NULL)
           && find_mixed_lines (data, length, &utf8_line, &other_line))
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("The roster mixes UTF-8 (line %u) and GBK (line %u) text, so some names would be garbled. "
                     "Save it again from the spreadsheet as “CSV UTF-8” and import that file."),
                   utf8_line, other_line);
      return NULL;
    }
  else if (memchr (data, '\0', length) == NULL)
    text = gp_text_from_bytes (data, length, NULL);
  if (text == NULL)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("The roster is not text in UTF-8 or GBK. Save it from the spreadsheet as “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (is_blank_text (text))
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_EMPTY,
                   _("The roster file is empty. Choose the CSV file exported from the student roster."));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
is_workbook (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return length >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

static GPtrArray *
read_workbook (GBytes   *bytes,
               Layout   *layout,
               GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_error = NULL;
  guint i;

  rows = gp_xlsx_read_rows (bytes, &local_error);
  if (rows == NULL)
    {
      /* Translators: %s says what is wrong with the workbook and what to do */
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING, _("The roster cannot be read: %s"),
                   local_error->message);
      return NULL;
    }
  records = g_ptr_array_new_full (rows->len, (GDestroyNotify) record_free);
  for (i = 0; i < rows->len; i++)
    {
      GpXlsxRow *row = g_ptr_array_index (rows, i);
      Record *record = g_new0 (Record, 1);

      record->line = row->row;
      record->fields = g_steal_pointer (&row->cells);
      g_ptr_array_add (records, record);
    }
  if (records->len == 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_EMPTY,
                   _("The workbook’s first sheet is empty. Put the roster on the first sheet and import it again."));
      return NULL;
    }
  memset (layout, 0, sizeof *layout);
  best_header (records, ',', layout);
  if (!check_layout (layout, error))
    return NULL;
  return g_steal_pointer (&records);
}

static GPtrArray *
read_records (GBytes   *bytes,
              Layout   *layout,
              GError  **error)
{
  g_autofree char *text = NULL;

  if (is_workbook (bytes))
    return read_workbook (bytes, layout, error);
  text = decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (text == NULL)
    return NULL;
  return read_csv_records (text, layout, error);
}

GpRosterReport *
gp_roster_import_bytes (GpStore  *store,
                        GBytes   *bytes,
                        GError  **error)
{
  return gp_roster_import_bytes_to_batch (store, bytes, NULL, error);
}

GpRosterReport *
gp_roster_import_bytes_to_batch (GpStore     *store,
                                 GBytes      *bytes,
                                 const char  *batch_name,
                                 GError     **error)
{
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GPtrArray) students = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) lines_by_no = NULL;
  g_autoptr(GHashTable) lines_by_code = NULL;
  g_autoptr(GpBatch) batch = NULL;
  Import import;
  Layout layout;
  gint64 batch_id;
  guint i;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = read_records (bytes, &layout, error);
  if (records == NULL)
    return NULL;

  report = g_new0 (GpRosterReport, 1);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  lines_by_no = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  batch = gp_store_find_batch (store, batch_name != NULL ? batch_name : GP_STORE_DEFAULT_BATCH, error);
  if (batch == NULL && error != NULL && *error != NULL)
    return NULL;
  import = (Import) { report, students, lines_by_no, lines_by_code,
                      batch != NULL && batch->export_naming != NULL
                      && strstr (batch->export_naming, "{id_number}") != NULL };

  for (i = layout.header_record + 1; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (!is_blank_record (record->fields))
        take_record (&import, &layout, record->fields, record->line);
    }

  if (report->rows == 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_EMPTY,
                   _("The roster has a header row but no students. Check that you chose the right file."));
      return NULL;
    }
  if (batch != NULL)
    batch_id = batch->id;
  else
    {
      GpBatch wanted = { .name = (char *) (batch_name != NULL ? batch_name : GP_STORE_DEFAULT_BATCH) };

      batch_id = gp_store_ensure_batch (store, &wanted, error);
      if (batch_id < 0)
        return NULL;
    }
  for (i = 0; i < students->len; i++)
    ((GpStudent *) g_ptr_array_index (students, i))->batch_id = batch_id;
  if (students->len > 0
      && !gp_store_upsert_students (store, students, &report->inserted, &report->updated, error))
    return NULL;
  /* Stored only while the batch's naming needs it: once the naming has
   * changed, importing the roster again drops what an earlier import kept. */
  if (!import.keep_id_number && !gp_store_forget_id_numbers (store, batch_id, error))
    return NULL;
  return g_steal_pointer (&report);
}

GpRosterReport *
gp_roster_import_file (GpStore     *store,
                       const char  *path,
                       GError     **error)
{
  return gp_roster_import_file_to_batch (store, path, NULL, error);
}

GpRosterReport *
gp_roster_import_file_to_batch (GpStore     *store,
                                const char  *path,
                                const char  *batch_name,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* Translators: %s is the system's reason, which names the file */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the roster: %s. Check that the file still exists and its disk is connected."),
                   local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return gp_roster_import_bytes_to_batch (store, bytes, batch_name, error);
}
