/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin jobs, cancel and reprint: the station's print jobs as
 * recorded, with what CUPS says about each now.
 *
 * JOB-ID is the number of a print_jobs row, the first column of `jobs`.
 * `jobs` records what CUPS says of each job that is not over yet, so a job
 * CUPS has completed marks its approved photos printed (see the store).
 * Exit status: 0 done, 1 failed, 2 wrong usage, 3 no such job. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "print/gp-printer.h"
#include "station/gp-print-desk.h"

#define EXIT_NO_SUCH_JOB 3

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value > 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
report_json (const GpPrintJobRecord *record,
             const GpPrintJob       *job,
             const char             *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, record->id);
  gp_admin_add_string (builder, "student_no", record->student_no);
  gp_admin_add_string (builder, "name", record->name);
  gp_admin_add_string (builder, "printer", record->printer);
  gp_admin_add_string (builder, "pdf", record->pdf_path);
  add_int_or_null (builder, "job", record->cups_job_id);
  gp_admin_add_string (builder, "status", record->status);
  gp_admin_add_string (builder, "created_at", record->created_at);
  gp_admin_add_string (builder, "state", job != NULL ? gp_print_job_state_to_string (job->state) : NULL);
  gp_admin_add_string (builder, "advice", job != NULL ? job->advice : problem);
  json_builder_end_object (builder);
  gp_admin_print_json (builder);
}

static void
report_text (const GpPrintJobRecord *record,
             const GpPrintJob       *job,
             const char             *problem)
{
  g_print ("%" G_GINT64_FORMAT "  %s  %s %s: ", record->id, record->created_at,
           record->student_no != NULL ? record->student_no : "?",
           record->name != NULL ? record->name : "?");
  if (record->printer == NULL)
    g_print (_("saved as %s\n"), record->pdf_path);
  else if (job != NULL)
    /* Translators: printer, CUPS job number, the job's state, what to do */
    g_print (_("%s job %d, %s\n  %s\n"), record->printer, record->cups_job_id,
             gp_print_job_state_to_string (job->state), job->advice);
  else
    /* Translators: printer, CUPS job number, the status recorded, why CUPS cannot say more */
    g_print (_("%s job %d, %s\n  %s\n"), record->printer, record->cups_job_id, record->status,
             problem != NULL ? problem : "");
}

int
gp_admin_jobs (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint i;

  if (!gp_admin_parse (&argc, &argv, _("— list the print jobs and what CUPS says about each"), NULL, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin jobs [--json]\n"));
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  records = gp_store_list_print_jobs (store, &error);
  if (records == NULL)
    return gp_admin_fail (error, json);
  if (!json && records->len == 0)
    g_print (_("Nothing has been printed yet.\n"));
  for (i = 0; i < records->len; i++)
    {
      GpPrintJobRecord *record = g_ptr_array_index (records, i);
      g_autofree char *problem = NULL;
      g_autoptr(GpPrintJob) job = NULL;

      if (!gp_print_desk_refresh (store, record, &job, &problem, &error))
        return gp_admin_fail (error, json);
      if (json)
        report_json (record, job, problem);
      else
        report_text (record, job, problem);
    }
  return 0;
}

/* The row named by the one argument; the exit status when there is none. */
static int
find_record (const char        *arg,
             gboolean           json,
             GpStore          **store,
             GpPrintJobRecord **record)
{
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (arg, &end, 10);

  if (*arg == '\0' || *end != '\0' || id <= 0)
    {
      g_printerr (_("gradphoto-admin: “%s” is not a job number. Run “gradphoto-admin jobs” to see them.\n"), arg);
      return 2;
    }
  *store = gp_admin_open_store (&error);
  if (*store == NULL)
    return gp_admin_fail (error, json);
  *record = gp_store_get_print_job (*store, id, &error);
  if (*record != NULL)
    return 0;
  if (error == NULL)
    {
      g_set_error (&error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                   _("There is no print job %s. Run “gradphoto-admin jobs” to see them."), arg);
      gp_admin_fail (error, json);
      return EXIT_NO_SUCH_JOB;
    }
  return gp_admin_fail (error, json);
}

int
gp_admin_cancel (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpPrintJobRecord) record = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  g_autofree char *problem = NULL;
  int status;

  if (!gp_admin_parse (&argc, &argv, _("JOB-ID — cancel a print job that has not printed yet"), NULL, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (_("Usage: gradphoto-admin cancel JOB-ID [--json]\n"));
      return 2;
    }
  status = find_record (argv[1], json, &store, &record);
  if (status != 0)
    return status;
  if (!gp_print_desk_cancel (store, record, g_get_user_name (), &error)
      || !gp_print_desk_refresh (store, record, &job, &problem, &error))
    return gp_admin_fail (error, json);
  if (json)
    report_json (record, job, problem);
  else
    /* Translators: row number, printer, CUPS job number */
    g_print (_("Cancelled print job %d (%s job %d).\n"), (int) record->id, record->printer,
             record->cups_job_id);
  return 0;
}

int
gp_admin_reprint (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  g_autofree char *printer_option = NULL;
  GOptionEntry entries[] = {
    { "printer", 0, 0, G_OPTION_ARG_STRING, &printer_option, N_("CUPS printer (default: the one the job went to)"), N_("PRINTER") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpPrintJobRecord) record = NULL;
  g_autoptr(GpPrintJobRecord) again = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  g_autofree char *problem = NULL;
  const char *printer;
  gint64 id;
  int status;

  if (!gp_admin_parse (&argc, &argv, _("JOB-ID — print a job’s sheet again"), entries, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (_("Usage: gradphoto-admin reprint JOB-ID [--printer PRINTER] [--json]\n"));
      return 2;
    }
  status = find_record (argv[1], json, &store, &record);
  if (status != 0)
    return status;
  printer = printer_option != NULL ? printer_option : record->printer;
  if (printer == NULL)
    {
      g_set_error (&error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                   _("Print job %d was saved as a PDF file. Name a printer with --printer."),
                   (int) record->id);
      return gp_admin_fail (error, json);
    }

  id = gp_print_desk_reprint (store, record, printer, g_get_user_name (), &job, &problem, &error);
  if (id < 0)
    return gp_admin_fail (error, json);
  again = gp_store_get_print_job (store, id, &error);
  if (again == NULL)
    return gp_admin_fail (error, json);

  if (json)
    report_json (again, job, problem);
  else
    {
      /* Translators: old row number, new row number, printer, CUPS job number */
      g_print (_("Printing job %d again as job %d (%s job %d).\n"),
               (int) record->id, (int) again->id, printer, again->cups_job_id);
      if (job != NULL)
        g_print ("%s\n", job->advice);
    }
  return 0;
}
