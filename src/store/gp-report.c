/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

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
#include "store/gp-student-state.h"

G_DEFINE_QUARK (gp-report-error-quark, gp_report_error)

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

/* The columns of a list of students, and one student's values. */
#define LIST_COLUMNS 10

/* The walk-ins' list says in its last column where each stands, as every
 * one of them is a walk-in; the state lists say who is a walk-in there. */
static void
list_header (const char *header[LIST_COLUMNS],
             gboolean    walk_ins)
{
  const char *names[LIST_COLUMNS] = { _("Student number"), _("Name"), _("College"), _("Class"), _("Batch"),
                                      _("Time slot"), _("Photos"), _("Photo number"), _("Detail"),
                                      /* Translators: a column of the walk-ins' list: done, to review… */
                                      walk_ins ? _("State") : _("Walk-in") };

  memcpy (header, names, sizeof names);
}

/* @values[6..7] and [8] point into @numbers and @detail, which the caller frees. */
static void
list_values (const GpStudentProgress  *p,
             gboolean                  walk_ins,
             const char               *values[LIST_COLUMNS],
             char                      numbers[2][24],
             char                    **detail)
{
  g_snprintf (numbers[0], sizeof numbers[0], "%d", p->photos);
  numbers[1][0] = '\0';
  if (p->capture_id > 0)
    g_snprintf (numbers[1], sizeof numbers[1], "%lld", (long long) p->capture_id);
  *detail = gp_student_progress_detail (p);
  values[0] = p->student->student_no;
  values[1] = p->student->name;
  values[2] = p->student->college;
  values[3] = p->student->class_name;
  values[4] = p->batch;
  values[5] = p->student->time_slot;
  values[6] = numbers[0];
  values[7] = numbers[1];
  values[8] = *detail;
  /* Translators: in the walk-in column of a report */
  values[9] = walk_ins ? gp_student_state_describe (p->state) : p->walk_in ? _("walk-in") : NULL;
}

/* The title of the walk-ins' list. */
static const char *
walk_ins_title (void)
{
  /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
  return _("Walk-ins not on the roster");
}

static void
summary_header (const char *header[8])
{
  const char *names[8] = { _("College"), _("Class"), _("Students"), gp_student_state_describe (GP_STUDENT_DONE),
                           gp_student_state_describe (GP_STUDENT_REVIEW),
                           gp_student_state_describe (GP_STUDENT_CALLBACK),
                           gp_student_state_describe (GP_STUDENT_NOT_YET), _("Walk-ins") };

  memcpy (header, names, sizeof names);
}

/* A titled list of students, a blank line before it unless it comes first. */
static void
csv_list (GString    *out,
          const char *title,
          GPtrArray  *list,
          gboolean    walk_ins)
{
  const char *header[LIST_COLUMNS];
  guint i, k;

  list_header (header, walk_ins);
  if (out->len > 3)
    g_string_append (out, "\r\n");
  csv_field (out, title, TRUE);
  for (k = 0; k < LIST_COLUMNS; k++)
    csv_field (out, header[k], k == LIST_COLUMNS - 1);
  for (i = 0; i < list->len; i++)
    {
      const char *values[LIST_COLUMNS];
      char numbers[2][24];
      g_autofree char *detail = NULL;

      list_values (g_ptr_array_index (list, i), walk_ins, values, numbers, &detail);
      for (k = 0; k < LIST_COLUMNS; k++)
        csv_field (out, values[k], k == LIST_COLUMNS - 1);
    }
}

static gboolean
write_csv (const char  *path,
           GPtrArray   *classes,
           GPtrArray   *lists[GP_N_STUDENT_STATES],
           GPtrArray   *walk_ins,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *header[LIST_COLUMNS];
  guint i, state, k;

  if (classes != NULL)
    {
      summary_header (header);
      for (k = 0; k < 8; k++)
        csv_field (out, header[k], k == 7);
      for (i = 0; i < classes->len; i++)
        {
          GpProgressCount *c = g_ptr_array_index (classes, i);

          csv_field (out, c->college, FALSE);
          csv_field (out, c->class_name, FALSE);
          csv_int (out, c->students, FALSE);
          for (state = 0; state < GP_N_STUDENT_STATES; state++)
            csv_int (out, c->states[state], FALSE);
          csv_int (out, c->walk_ins, TRUE);
        }
    }
  for (state = 0; state < GP_N_STUDENT_STATES; state++)
    if (lists[state] != NULL)
      csv_list (out, gp_student_state_describe (state), lists[state], FALSE);
  if (walk_ins != NULL)
    csv_list (out, walk_ins_title (), walk_ins, TRUE);
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

/* A list of students on a worksheet of its own. */
static void
xlsx_list (lxw_workbook *workbook,
           const char   *title,
           GPtrArray    *list,
           gboolean      walk_ins,
           lxw_format   *bold)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, title);
  const char *header[LIST_COLUMNS];
  guint i;

  list_header (header, walk_ins);
  xlsx_row (sheet, 0, header, LIST_COLUMNS, bold);
  for (i = 0; i < list->len; i++)
    {
      /* 学号 as text, so the spreadsheet never shows it as 2.02E+09. */
      const char *values[LIST_COLUMNS];
      char numbers[2][24];
      g_autofree char *detail = NULL;

      list_values (g_ptr_array_index (list, i), walk_ins, values, numbers, &detail);
      xlsx_row (sheet, i + 1, values, LIST_COLUMNS, NULL);
    }
}

static gboolean
write_xlsx (const char  *path,
            GPtrArray   *classes,
            GPtrArray   *lists[GP_N_STUDENT_STATES],
            GPtrArray   *walk_ins,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.tmp-%u-report.xlsx", dir, (guint) getpid ());
  const char *header[LIST_COLUMNS];
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error rc;
  guint i, state;

  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_WRITE,
                   _("Could not write the report “%s”. Check that the folder exists and is writable."), path);
      return FALSE;
    }
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  if (classes != NULL)
    {
      /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
      sheet = workbook_add_worksheet (workbook, _("Summary"));
      summary_header (header);
      xlsx_row (sheet, 0, header, 8, bold);
      for (i = 0; i < classes->len; i++)
        {
          GpProgressCount *c = g_ptr_array_index (classes, i);
          const char *names[] = { c->college, c->class_name };

          xlsx_row (sheet, i + 1, names, G_N_ELEMENTS (names), NULL);
          worksheet_write_number (sheet, i + 1, 2, c->students, NULL);
          for (state = 0; state < GP_N_STUDENT_STATES; state++)
            worksheet_write_number (sheet, i + 1, (lxw_col_t) (3 + state), c->states[state], NULL);
          worksheet_write_number (sheet, i + 1, 3 + GP_N_STUDENT_STATES, c->walk_ins, NULL);
        }
    }
  for (state = 0; state < GP_N_STUDENT_STATES; state++)
    if (lists[state] != NULL)
      xlsx_list (workbook, gp_student_state_describe (state), lists[state], FALSE, bold);
  if (walk_ins != NULL)
    xlsx_list (workbook, walk_ins_title (), walk_ins, TRUE, bold);

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

static gboolean
check_format (const char  *path,
              gboolean    *csv,
              GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  *csv = g_str_has_suffix (lower, ".csv");
  if (!*csv && !g_str_has_suffix (lower, ".xlsx"))
    {
      g_set_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_FORMAT,
                   _("The report “%s” must end in .csv or .xlsx. Choose a name such as report.xlsx."), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_report_write_lists (const char  *path,
                       GPtrArray   *classes,
                       GPtrArray   *lists[GP_N_STUDENT_STATES],
                       GPtrArray   *walk_ins,
                       GError     **error)
{
  gboolean csv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_format (path, &csv, error))
    return FALSE;
  return csv ? write_csv (path, classes, lists, walk_ins, error) : write_xlsx (path, classes, lists, walk_ins, error);
}

gboolean
gp_report_write_batch (GpStore     *store,
                       const char  *path,
                       const char  *batch,
                       guint       *n_walk_ins,
                       GError     **error)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) walk_ins = NULL;
  GPtrArray *lists[GP_N_STUDENT_STATES];
  gboolean csv, ok;
  guint state;

  g_return_val_if_fail (GP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A bad name fails before the database is read. */
  if (!check_format (path, &csv, error))
    return FALSE;
  progress = gp_store_list_progress (store, batch, error);
  if (progress == NULL)
    return FALSE;
  classes = gp_progress_count_classes (progress);
  for (state = 0; state < GP_N_STUDENT_STATES; state++)
    lists[state] = gp_progress_filter (progress, state);
  walk_ins = gp_progress_walk_ins (progress);
  ok = gp_report_write_lists (path, classes, lists, walk_ins, error);
  for (state = 0; state < GP_N_STUDENT_STATES; state++)
    g_ptr_array_unref (lists[state]);
  if (ok && n_walk_ins != NULL)
    *n_walk_ins = walk_ins->len;
  return ok;
}

gboolean
gp_report_write (GpStore     *store,
                 const char  *path,
                 GError     **error)
{
  return gp_report_write_batch (store, path, NULL, NULL, error);
}
