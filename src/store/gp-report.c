/* The registrar's progress report, as CSV or as an .xlsx workbook. */
#define G_LOG_DOMAIN "gp-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/gp-durable.h"
#include "store/gp-csv-write.h"
#include "store/gp-report.h"
#include "store/gp-store-private.h"

G_DEFINE_QUARK (gp-report-error-quark, gp_report_error)

/* Students without a capture that is neither rejected nor missing. */
static GPtrArray *
list_not_photographed (GpStore  *store,
                       GError  **error)
{
  const char *what = _("list the students not photographed");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  int rc;

  stmt = gp_store_prepare (store,
                           "SELECT " GP_STORE_STUDENT_COLUMNS " FROM students s"
                           " WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.student_id = s.id"
                           "                   AND c.status NOT IN ('rejected', 'missing'))"
                           " ORDER BY college, class_name, length (student_no), student_no",
                           what, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (students, gp_store_student_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&students);
}

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  gp_csv_write_cell (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_int (GString *out,
         int      value,
         gboolean last)
{
  g_string_append_printf (out, "%d%s", value, last ? "\r\n" : ",");
}

static gboolean
write_csv (const char  *path,
           GPtrArray   *classes,
           GPtrArray   *missing,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  guint i;

  csv_field (out, _("College"), FALSE);
  csv_field (out, _("Class"), FALSE);
  csv_field (out, _("On roster"), FALSE);
  csv_field (out, _("Photographed"), FALSE);
  csv_field (out, _("Approved"), FALSE);
  csv_field (out, _("Not photographed"), TRUE);
  for (i = 0; i < classes->len; i++)
    {
      GpClassCount *c = g_ptr_array_index (classes, i);

      csv_field (out, c->college, FALSE);
      csv_field (out, c->class_name, FALSE);
      csv_int (out, c->students, FALSE);
      csv_int (out, c->photographed, FALSE);
      csv_int (out, c->approved, FALSE);
      csv_int (out, c->students - c->photographed, TRUE);
    }
  g_string_append (out, "\r\n");
  csv_field (out, _("Student number"), FALSE);
  csv_field (out, _("Name"), FALSE);
  csv_field (out, _("College"), FALSE);
  csv_field (out, _("Class"), FALSE);
  csv_field (out, _("Time slot"), TRUE);
  for (i = 0; i < missing->len; i++)
    {
      GpStudent *s = g_ptr_array_index (missing, i);

      csv_field (out, s->student_no, FALSE);
      csv_field (out, s->name, FALSE);
      csv_field (out, s->college, FALSE);
      csv_field (out, s->class_name, FALSE);
      csv_field (out, s->time_slot, TRUE);
    }
  return gp_durable_write (path, (const guint8 *) out->str, out->len, error);
}

static void
xlsx_row (lxw_worksheet  *sheet,
          lxw_row_t       row,
          const char    **values,
          gsize           n,
          lxw_format     *format)
{
  gsize i;

  for (i = 0; i < n; i++)
    worksheet_write_string (sheet, row, (lxw_col_t) i, values[i] != NULL ? values[i] : "", format);
}

static gboolean
write_xlsx (const char  *path,
            GPtrArray   *classes,
            GPtrArray   *missing,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.tmp-%u-report.xlsx", dir, (guint) getpid ());
  const char *summary_header[] = { _("College"), _("Class"), _("On roster"), _("Photographed"),
                                   _("Approved"), _("Not photographed") };
  const char *missing_header[] = { _("Student number"), _("Name"), _("College"), _("Class"), _("Time slot") };
  lxw_workbook *workbook;
  lxw_worksheet *summary, *list;
  lxw_format *bold;
  lxw_error rc;
  guint i;

  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_WRITE,
                   _("Could not write the report “%s”. Check that the folder exists and is writable."), path);
      return FALSE;
    }
  /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
  summary = workbook_add_worksheet (workbook, _("Summary"));
  /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
  list = workbook_add_worksheet (workbook, _("Not photographed"));
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  xlsx_row (summary, 0, summary_header, G_N_ELEMENTS (summary_header), bold);
  for (i = 0; i < classes->len; i++)
    {
      GpClassCount *c = g_ptr_array_index (classes, i);
      const char *names[] = { c->college, c->class_name };

      xlsx_row (summary, i + 1, names, G_N_ELEMENTS (names), NULL);
      worksheet_write_number (summary, i + 1, 2, c->students, NULL);
      worksheet_write_number (summary, i + 1, 3, c->photographed, NULL);
      worksheet_write_number (summary, i + 1, 4, c->approved, NULL);
      worksheet_write_number (summary, i + 1, 5, c->students - c->photographed, NULL);
    }
  xlsx_row (list, 0, missing_header, G_N_ELEMENTS (missing_header), bold);
  for (i = 0; i < missing->len; i++)
    {
      GpStudent *s = g_ptr_array_index (missing, i);
      /* 学号 as text, so the spreadsheet never shows it as 2.02E+09. */
      const char *values[] = { s->student_no, s->name, s->college, s->class_name, s->time_slot };

      xlsx_row (list, i + 1, values, G_N_ELEMENTS (values), NULL);
    }

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_WRITE,
                   /* Translators: a file name, then libxlsxwriter's reason */
                   _("Could not write the report “%s”: %s. Check that the disk is not full and the folder is writable."),
                   path, lxw_strerror (rc));
      return FALSE;
    }
  if (!gp_durable_make_private (tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_WRITE,
                   _("Could not write the report “%s”: %s. Check that the disk is not full and the folder is writable."),
                   path, g_strerror (saved));
      return FALSE;
    }
  return gp_durable_fsync_directory (dir, error);
}

gboolean
gp_report_write (GpStore     *store,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (GP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_FORMAT,
                   _("The report “%s” must end in .csv or .xlsx. Choose a name such as report.xlsx."), path);
      return FALSE;
    }
  classes = gp_store_count_classes (store, error);
  if (classes == NULL)
    return FALSE;
  missing = list_not_photographed (store, error);
  if (missing == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".csv"))
    return write_csv (path, classes, missing, error);
  return write_xlsx (path, classes, missing, error);
}
