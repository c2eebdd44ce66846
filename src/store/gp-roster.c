/* Imports the student roster from a CSV file exported by the registrar. */
#define G_LOG_DOMAIN "gp-roster"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/gp-text.h"
#include "store/gp-csv.h"
#include "store/gp-roster.h"

typedef enum
{
  COL_NO,
  COL_NAME,
  COL_CODE,
  COL_COLLEGE,
  COL_CLASS,
  COL_ID,
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
  { COL_COLLEGE, "所在学院" }, { COL_COLLEGE, "college" }, { COL_COLLEGE, "school" },
  { COL_COLLEGE, "faculty" },
  { COL_CLASS, "班级" }, { COL_CLASS, "班号" }, { COL_CLASS, "班级名称" },
  { COL_CLASS, "class" }, { COL_CLASS, "classname" },
  { COL_ID, "证件号码" }, { COL_ID, "证件号" }, { COL_ID, "证件号后4位" },
  { COL_ID, "证件号后四位" }, { COL_ID, "身份证号" }, { COL_ID, "身份证号码" },
  { COL_ID, "身份证后4位" }, { COL_ID, "身份证后四位" }, { COL_ID, "idnumber" },
  { COL_ID, "idno" }, { COL_ID, "idlast4" },
};

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

/* The delimiter is whichever one makes the best header out of the first
 * records; ties go to the comma. */
static gboolean
find_layout (const char  *text,
             Layout      *layout,
             GError     **error)
{
  gsize d;

  memset (layout, 0, sizeof *layout);
  for (d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GpCsvReader) reader = gp_csv_reader_new (text, delimiters[d]);
      guint record;

      for (record = 0; record < HEADER_SEARCH_RECORDS; record++)
        {
          g_auto(GStrv) fields = NULL;
          int columns[N_COLUMNS];
          guint score;

          /* A syntax error is reported by the full read that follows. */
          if (!gp_csv_reader_next (reader, &fields, NULL, NULL))
            break;
          score = match_header (fields, columns);
          if (score > layout->score)
            {
              layout->delimiter = delimiters[d];
              layout->header_record = record;
              layout->score = score;
              memcpy (layout->columns, columns, sizeof columns);
            }
        }
    }

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

/* Only the last four characters are needed to tell namesakes apart. */
static char *
last4 (char *id_number)
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
  p = n > 4 ? g_utf8_offset_to_pointer (compact->str, n - 4) : compact->str;
  return g_utf8_strup (p, -1);
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

typedef struct
{
  GpRosterReport *report;
  GPtrArray      *students;
  GHashTable     *lines_by_no;
  GHashTable     *lines_by_code;
} Import;

static void
take_record (Import        *import,
             const Layout  *layout,
             char         **fields,
             guint          line)
{
  g_autoptr(GpStudent) student = gp_student_new ();
  gpointer earlier;

  import->report->rows++;
  student->student_no = field_value (fields, layout->columns[COL_NO]);
  student->name = field_value (fields, layout->columns[COL_NAME]);
  student->code = field_value (fields, layout->columns[COL_CODE]);
  student->college = field_value (fields, layout->columns[COL_COLLEGE]);
  student->class_name = field_value (fields, layout->columns[COL_CLASS]);
  student->id_last4 = last4 (field_value (fields, layout->columns[COL_ID]));

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
  if (is_scientific_notation (student->student_no))
    {
      add_problem (import->report,
                   _("line %u: 学号 %s was turned into a number by the spreadsheet; "
                     "format the 学号 column as text and export the roster again"),
                   line, student->student_no);
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

static char *
decode (const guint8  *data,
        gsize          length,
        GError       **error)
{
  g_autofree char *text = NULL;

  if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("The roster is saved as UTF-16 (“Unicode text”). Save it again as “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (length >= 4 && (memcmp (data, "PK\003\004", 4) == 0 || memcmp (data, "\320\317\021\340", 4) == 0))
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_ENCODING,
                   _("This is a spreadsheet workbook, not a CSV file. In the spreadsheet choose Save As → “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\357\273\277", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (memchr (data, '\0', length) == NULL)
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

GpRosterReport *
gp_roster_import_bytes (GpStore  *store,
                        GBytes   *bytes,
                        GError  **error)
{
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GPtrArray) students = NULL;
  g_autoptr(GHashTable) lines_by_no = NULL;
  g_autoptr(GHashTable) lines_by_code = NULL;
  g_autoptr(GpCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  Import import;
  Layout layout;
  guint record;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (text == NULL || !find_layout (text, &layout, error))
    return NULL;

  report = g_new0 (GpRosterReport, 1);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  lines_by_no = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import = (Import) { report, students, lines_by_no, lines_by_code };

  reader = gp_csv_reader_new (text, layout.delimiter);
  for (record = 0;; record++)
    {
      g_auto(GStrv) fields = NULL;
      guint line = 0;

      if (!gp_csv_reader_next (reader, &fields, &line, &local_error))
        break;
      if (record > layout.header_record && !is_blank_record (fields))
        take_record (&import, &layout, fields, line);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (report->rows == 0)
    {
      g_set_error (error, GP_ROSTER_ERROR, GP_ROSTER_ERROR_EMPTY,
                   _("The roster has a header row but no students. Check that you chose the right file."));
      return NULL;
    }
  if (students->len > 0
      && !gp_store_upsert_students (store, students, &report->inserted, &report->updated, error))
    return NULL;
  return g_steal_pointer (&report);
}

GpRosterReport *
gp_roster_import_file (GpStore     *store,
                       const char  *path,
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
  return gp_roster_import_bytes (store, bytes, error);
}
