/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's print jobs as `gradphoto-admin jobs, cancel, reprint` and
 * staff mode's Printing page handle them: CUPS's word on each job kept in
 * the store, a job cancelled, a sheet sent again. */
#define G_LOG_DOMAIN "gp-print-desk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "print/gp-layout.h"
#include "station/gp-print-desk.h"

/* A job CUPS no longer knows is described, not fatal: a list goes on. */
static GpPrintJob *
live_job (const char  *printer,
          int          job_id,
          char       **problem)
{
  g_autoptr(GError) error = NULL;
  GpPrintJob *job = gp_printer_get_job (printer, job_id, &error);

  if (job == NULL)
    *problem = g_strdup (error->message);
  return job;
}

gboolean
gp_print_desk_refresh (GpStore           *store,
                       GpPrintJobRecord  *record,
                       GpPrintJob       **job,
                       char             **problem,
                       GError           **error)
{
  const char *now;

  g_return_val_if_fail (GP_IS_STORE (store) && record != NULL && job != NULL && problem != NULL, FALSE);

  *job = NULL;
  *problem = NULL;
  if (record->printer == NULL || record->cups_job_id <= 0)
    return TRUE;
  *job = live_job (record->printer, record->cups_job_id, problem);
  if (*job == NULL || gp_print_job_status_is_over (record->status))
    return TRUE;
  now = gp_print_job_state_to_string ((*job)->state);
  if (g_str_equal (record->status, now))
    return TRUE;
  if (gp_store_set_print_job_status (store, record->printer, record->cups_job_id, now, error) < 0)
    return FALSE;
  g_free (record->status);
  record->status = g_strdup (now);
  return TRUE;
}

gboolean
gp_print_desk_cancel (GpStore           *store,
                      GpPrintJobRecord  *record,
                      const char        *actor,
                      GError           **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (GP_IS_STORE (store) && record != NULL && actor != NULL, FALSE);

  if (record->printer == NULL || record->cups_job_id <= 0)
    {
      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FINISHED,
                   _("Print job %d was saved as %s, not sent to a printer: there is nothing to cancel."),
                   (int) record->id, record->pdf_path);
      return FALSE;
    }
  if (!gp_printer_cancel_job (record->printer, record->cups_job_id, error))
    return FALSE;
  if (gp_store_set_print_job_status (store, record->printer, record->cups_job_id,
                                     GP_PRINT_JOB_STATUS_CANCELED, error) < 0)
    return FALSE;
  detail = g_strdup_printf ("print job %d: %s job %d", (int) record->id, record->printer, record->cups_job_id);
  if (!gp_store_audit (store, actor, "cancel-print", 0, record->capture_id, detail, error))
    return FALSE;
  g_free (record->status);
  record->status = g_strdup (GP_PRINT_JOB_STATUS_CANCELED);
  return TRUE;
}

/* Sheets are named after their layout ("…-4x6-33x48.pdf"): a reprint goes
 * on the same paper. NULL when the name does not tell. */
static GpLayout *
layout_of_sheet (const char *pdf_path)
{
  g_auto(GStrv) names = gp_layout_list_names ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%s.pdf", names[i]);

      if (g_str_has_suffix (pdf_path, suffix))
        return gp_layout_load (names[i], NULL);
    }
  return NULL;
}

gint64
gp_print_desk_reprint (GpStore                 *store,
                       const GpPrintJobRecord  *record,
                       const char              *printer,
                       const char              *actor,
                       GpPrintJob             **job,
                       char                   **problem,
                       GError                 **error)
{
  g_autoptr(GpLayout) layout = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  int job_id = 0;
  gint64 id;

  g_return_val_if_fail (GP_IS_STORE (store) && record != NULL && printer != NULL && actor != NULL, -1);
  g_return_val_if_fail (job != NULL && problem != NULL, -1);

  *job = NULL;
  *problem = NULL;
  title = g_strdup_printf ("GradPhoto %s", record->student_no != NULL ? record->student_no : record->pdf_path);
  layout = layout_of_sheet (record->pdf_path);
  if (layout != NULL ? !gp_printer_submit_sheet (printer, record->pdf_path, layout, title, &job_id, error)
                     : !gp_printer_submit (printer, record->pdf_path, title, &job_id, error))
    return -1;
  /* The job is queued: not knowing its state yet is worth a word, not a failure. */
  *job = live_job (printer, job_id, problem);
  id = gp_store_add_print_job (store, record->capture_id, printer, record->pdf_path, job_id,
                               *job != NULL ? gp_print_job_state_to_string ((*job)->state)
                                            : GP_PRINT_JOB_STATUS_SUBMITTED,
                               error);
  if (id < 0)
    return -1;
  detail = g_strdup_printf ("print job %d again as %d: %s job %d", (int) record->id, (int) id, printer, job_id);
  if (!gp_store_audit (store, actor, "reprint", 0, record->capture_id, detail, error))
    return -1;
  return id;
}
