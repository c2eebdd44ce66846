/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Hands photo sheets to CUPS on the layout's paper, and asks how the job is
 * doing. The default connection honours CUPS_SERVER, which is how tests use a
 * private cupsd. */
#define G_LOG_DOMAIN "gp-printer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cups/cups.h>
#include <math.h>
#include <unistd.h>

#include "print/gp-printer.h"
#include "print/gp-printer-info.h"
#include "print/gp-printer-private.h"

G_DEFINE_QUARK (gp-printer-error-quark, gp_printer_error)

static GpPrinterError
error_code_from_ipp (ipp_status_t status)
{
  switch (status)
    {
    case IPP_STATUS_ERROR_NOT_FOUND:
      return GP_PRINTER_ERROR_NOT_FOUND;
    case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
      return GP_PRINTER_ERROR_NOT_ACCEPTING;
    case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
      return GP_PRINTER_ERROR_UNAVAILABLE;
    default:
      return GP_PRINTER_ERROR_FAILED;
    }
}

void
gp_printer_build_uri (char       *uri,
                      gsize       size,
                      const char *printer)
{
  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, (int) size, "ipp", NULL, "localhost", 0,
                    "/printers/%s", printer);
}

/* Turns a CUPS error into a GError that says what to do about it. */
void
gp_printer_set_status_error (GError       **error,
                             ipp_status_t   status,
                             const char    *reason,
                             const char    *printer)
{
  GpPrinterError code = error_code_from_ipp (status);

  switch (code)
    {
    case GP_PRINTER_ERROR_NOT_FOUND:
      g_set_error (error, GP_PRINTER_ERROR, code,
                   _("The printer “%s” was not found (%s). Choose an existing printer in the settings."),
                   printer, reason);
      break;
    case GP_PRINTER_ERROR_NOT_ACCEPTING:
      g_set_error (error, GP_PRINTER_ERROR, code,
                   _("The printer “%s” is not accepting jobs (%s). Set it to accept jobs in the printer settings, then print again."),
                   printer, reason);
      break;
    case GP_PRINTER_ERROR_UNAVAILABLE:
      g_set_error (error, GP_PRINTER_ERROR, code,
                   _("The print service cannot be reached (%s). Check that CUPS is running, then print again."),
                   reason);
      break;
    case GP_PRINTER_ERROR_FILE:
    case GP_PRINTER_ERROR_FAILED:
    case GP_PRINTER_ERROR_MEDIA:
    case GP_PRINTER_ERROR_FINISHED:
    default:
      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FAILED,
                   _("Printing on “%s” failed: %s. Check that the printer is switched on and has paper, then print again."),
                   printer, reason);
      break;
    }
}

void
gp_printer_set_last_error (GError     **error,
                           const char  *printer)
{
  gp_printer_set_status_error (error, cupsLastError (), cupsLastErrorString (), printer);
}

/* libcups 2.4 reports both a missing printer and an unreachable server as an
 * internal error with strerror (ENOENT); ask again to tell the user which. */
static void
set_submit_error (GError     **error,
                  const char  *printer)
{
  g_autofree char *reason = g_strdup (cupsLastErrorString ());
  ipp_status_t status = cupsLastError ();
  cups_dest_t *dest;
  http_t *http;

  if (status != IPP_STATUS_ERROR_INTERNAL)
    {
      gp_printer_set_status_error (error, status, reason, printer);
      return;
    }

  http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (),
                       1, 5000, NULL);
  if (http == NULL)
    {
      gp_printer_set_last_error (error, printer);
      return;
    }
  dest = cupsGetNamedDest (http, printer, NULL);
  if (dest == NULL && cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
    gp_printer_set_last_error (error, printer);
  else
    gp_printer_set_status_error (error, status, reason, printer);
  cupsFreeDests (dest != NULL ? 1 : 0, dest);
  httpClose (http);
}

/* libcups reports an unreachable server as a missing printer when looking a
 * destination up: try to connect to tell the user which. */
static void
set_missing_dest_error (GError     **error,
                        const char  *printer)
{
  g_autofree char *reason = g_strdup (cupsLastErrorString ());
  http_t *http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (),
                               1, 5000, NULL);

  if (http == NULL)
    {
      /* Translators: why the print service cannot be reached; %s is its address */
      g_autofree char *no_answer = g_strdup_printf (_("no answer at %s"), cupsServer ());

      gp_printer_set_status_error (error, IPP_STATUS_ERROR_SERVICE_UNAVAILABLE, no_answer, printer);
      return;
    }
  httpClose (http);
  gp_printer_set_status_error (error, IPP_STATUS_ERROR_NOT_FOUND, reason, printer);
}

/* The layout's paper as a media name the printer knows: its PWG name when
 * the printer lists that, else the name CUPS matches to the size. */
static char *
choose_media (const char      *printer,
              const GpLayout  *layout,
              GError         **error)
{
  const char *pwg = gp_paper_get_pwg_name (layout->paper);
  cups_dest_t *dest = cupsGetNamedDest (CUPS_HTTP_DEFAULT, printer, NULL);
  cups_dinfo_t *dinfo;
  cups_size_t size;
  char *media = NULL;

  if (dest == NULL)
    {
      set_missing_dest_error (error, printer);
      return NULL;
    }
  dinfo = cupsCopyDestInfo (CUPS_HTTP_DEFAULT, dest);
  if (dinfo == NULL || cupsCheckDestSupported (CUPS_HTTP_DEFAULT, dest, dinfo, "media", pwg))
    /* Without the printer's details, CUPS still maps a PWG name to its own. */
    media = g_strdup (pwg);
  else if (cupsGetDestMediaBySize (CUPS_HTTP_DEFAULT, dest, dinfo,
                                   (int) lround (layout->paper_width * 100),
                                   (int) lround (layout->paper_height * 100),
                                   CUPS_MEDIA_FLAGS_DEFAULT, &size))
    media = g_strdup (size.media);
  else
    g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_MEDIA,
                 _("The printer “%s” has no %s paper, which the layout “%s” needs. "
                   "Choose a layout for the paper the printer has, or add the paper size to the printer."),
                 printer, gp_paper_to_string (layout->paper), layout->name);
  cupsFreeDestInfo (dinfo);
  cupsFreeDests (1, dest);
  return media;
}

/**
 * gp_printer_submit_sheet:
 * @printer: a CUPS destination name
 * @pdf_path: a PDF sheet rendered with @layout
 * @layout: (nullable): the sheet's layout; %NULL for the built-in 4×6 in default
 * @title: (nullable): the job name shown in the queue
 * @job_id: (out) (optional): the new job's id
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Queues the sheet unscaled on the layout's paper, in colour: the sheet is
 * drawn at the paper's size with its own margins, so it must print 1:1.
 * Submitting the same file again is a reprint. Blocks while the file is
 * sent: call it from a worker thread.
 *
 * Returns: %TRUE if CUPS accepted the job
 */
gboolean
gp_printer_submit_sheet (const char      *printer,
                         const char      *pdf_path,
                         const GpLayout  *layout,
                         const char      *title,
                         int             *job_id,
                         GError         **error)
{
  g_autoptr(GpLayout) fallback = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *media = NULL;
  cups_option_t *options = NULL;
  int n_options = 0;
  int id;

  g_return_val_if_fail (printer != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Checked here, because CUPS would first create a job and then cancel it. */
  if (g_access (pdf_path, R_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FILE,
                   _("The photo sheet “%s” cannot be read: %s. Create the sheet again, then print."),
                   pdf_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (title == NULL)
    title = basename = g_path_get_basename (pdf_path);
  if (layout == NULL)
    layout = fallback = gp_layout_new_default ();
  media = choose_media (printer, layout, error);
  if (media == NULL)
    return FALSE;

  n_options = cupsAddOption ("media", media, n_options, &options);
  n_options = cupsAddOption ("print-scaling", "none", n_options, &options);
  n_options = cupsAddOption ("print-color-mode", "color", n_options, &options);
  n_options = cupsAddOption ("document-format", CUPS_FORMAT_PDF, n_options, &options);
  id = cupsPrintFile2 (CUPS_HTTP_DEFAULT, printer, pdf_path, title, n_options, options);
  cupsFreeOptions (n_options, options);

  if (id <= 0)
    {
      set_submit_error (error, printer);
      return FALSE;
    }
  g_debug ("Queued “%s” on %s as job %d on %s", pdf_path, printer, id, media);
  if (job_id != NULL)
    *job_id = id;
  return TRUE;
}

/**
 * gp_printer_submit:
 * @printer: a CUPS destination name
 * @pdf_path: a sheet of the built-in 4×6 in layout
 * @title: (nullable): the job name shown in the queue
 * @job_id: (out) (optional): the new job's id
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * gp_printer_submit_sheet() with the default layout.
 *
 * Returns: %TRUE if CUPS accepted the job
 */
gboolean
gp_printer_submit (const char  *printer,
                   const char  *pdf_path,
                   const char  *title,
                   int         *job_id,
                   GError     **error)
{
  return gp_printer_submit_sheet (printer, pdf_path, NULL, title, job_id, error);
}

static GpPrintJobState
state_from_ipp (int state)
{
  switch (state)
    {
    case IPP_JSTATE_HELD:
      return GP_PRINT_JOB_HELD;
    case IPP_JSTATE_PROCESSING:
      return GP_PRINT_JOB_PROCESSING;
    case IPP_JSTATE_STOPPED:
      return GP_PRINT_JOB_STOPPED;
    case IPP_JSTATE_CANCELED:
      return GP_PRINT_JOB_CANCELED;
    case IPP_JSTATE_ABORTED:
      return GP_PRINT_JOB_ABORTED;
    case IPP_JSTATE_COMPLETED:
      return GP_PRINT_JOB_COMPLETED;
    case IPP_JSTATE_PENDING:
    default:
      return GP_PRINT_JOB_PENDING;
    }
}

/* Get-Job-Attributes for one job, rather than listing the whole history. */
static ipp_t *
request_job (const char          *printer,
             int                  job_id,
             const char * const  *wanted,
             int                  n_wanted,
             GError             **error)
{
  char uri[HTTP_MAX_URI];
  ipp_t *request;
  ipp_t *response;

  gp_printer_build_uri (uri, sizeof uri, printer);
  request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 n_wanted, NULL, wanted);

  /* cupsDoRequest frees the request. */
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  if (cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      ippDelete (response);
      if (cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
        g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                     _("Print job %d is not known to the print service (%s). Print the sheet again."),
                     job_id, cupsLastErrorString ());
      else
        gp_printer_set_last_error (error, printer);
      return NULL;
    }
  if (ippFindAttribute (response, "job-state", IPP_TAG_ENUM) == NULL)
    {
      ippDelete (response);
      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FAILED,
                   _("The print service did not say how job %d is doing. Look at the printer’s queue."),
                   job_id);
      return NULL;
    }
  return response;
}

/**
 * gp_printer_get_job_state:
 * @printer: the destination the job was sent to
 * @job_id: the id from gp_printer_submit()
 * @state: (out): where to store the job's state
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Returns: %TRUE if @state was set
 */
gboolean
gp_printer_get_job_state (const char       *printer,
                          int               job_id,
                          GpPrintJobState  *state,
                          GError          **error)
{
  static const char * const wanted[] = { "job-state" };
  ipp_t *response;

  g_return_val_if_fail (printer != NULL, FALSE);
  g_return_val_if_fail (job_id > 0, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  response = request_job (printer, job_id, wanted, G_N_ELEMENTS (wanted), error);
  if (response == NULL)
    return FALSE;
  *state = state_from_ipp (ippGetInteger (ippFindAttribute (response, "job-state", IPP_TAG_ENUM), 0));
  ippDelete (response);
  return TRUE;
}

void
gp_print_job_free (GpPrintJob *job)
{
  if (job == NULL)
    return;
  g_strfreev (job->reasons);
  g_free (job->message);
  g_free (job->advice);
  g_free (job);
}

/* Why a job waits is usually the printer's doing: say what the printer needs. */
static char *
with_printer_advice (const char *printer,
                     const char *sentence,
                     gboolean    only_if_not_ready)
{
  g_autoptr(GpPrinterInfo) info = gp_printer_get_info (printer, NULL);

  if (info == NULL || (only_if_not_ready && info->state != GP_PRINTER_STOPPED &&
                       info->accepting && info->reasons[0] == NULL))
    return g_strdup (sentence);
  return g_strdup_printf ("%s %s", sentence, info->advice);
}

static char *
job_advice (const char       *printer,
            const GpPrintJob *job)
{
  g_autofree char *quoted = job->message != NULL
                            /* Translators: the printer's message about the job */
                            ? g_strdup_printf (_(" (“%s”)"), job->message) : g_strdup ("");

  switch (job->state)
    {
    case GP_PRINT_JOB_PENDING:
      return with_printer_advice (printer, _("Waiting in the printer’s queue."), TRUE);
    case GP_PRINT_JOB_HELD:
      return g_strdup_printf (_("The job is held in the queue: release it (lp -i %d -H resume, or in the printer "
                                "settings), or cancel it."), job->id);
    case GP_PRINT_JOB_PROCESSING:
      return with_printer_advice (printer, _("Printing."), TRUE);
    case GP_PRINT_JOB_STOPPED:
      {
        g_autofree char *stuck = g_strdup_printf (_("Stuck: check the printer. The job stopped while printing%s; "
                                                    "once the printer works, restart the job in the printer "
                                                    "settings, or cancel it and print the sheet again."), quoted);

        return with_printer_advice (printer, stuck, TRUE);
      }
    case GP_PRINT_JOB_CANCELED:
      return g_strdup (_("The job was cancelled. Print the sheet again if it is still needed."));
    case GP_PRINT_JOB_ABORTED:
      return g_strdup_printf (_("The printer gave up on the job%s. Check the printer, then print the sheet again."),
                              quoted);
    case GP_PRINT_JOB_COMPLETED:
      return g_strdup (_("Printed."));
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gp_printer_get_job:
 * @printer: the destination the job was sent to
 * @job_id: the id from gp_printer_submit_sheet()
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Asks CUPS how a job is doing and says what to do: a job left in
 * processing-stopped is stuck, often while the printer itself says idle.
 *
 * Returns: (transfer full): the job, or %NULL
 */
GpPrintJob *
gp_printer_get_job (const char  *printer,
                    int          job_id,
                    GError     **error)
{
  static const char * const wanted[] = { "job-state", "job-state-reasons", "job-printer-state-message" };
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  ipp_attribute_t *attr;
  ipp_t *response;
  GpPrintJob *job;
  int i;

  g_return_val_if_fail (printer != NULL, NULL);
  g_return_val_if_fail (job_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  response = request_job (printer, job_id, wanted, G_N_ELEMENTS (wanted), error);
  if (response == NULL)
    return NULL;

  job = g_new0 (GpPrintJob, 1);
  job->id = job_id;
  job->state = state_from_ipp (ippGetInteger (ippFindAttribute (response, "job-state", IPP_TAG_ENUM), 0));
  attr = ippFindAttribute (response, "job-state-reasons", IPP_TAG_KEYWORD);
  for (i = 0; attr != NULL && i < ippGetCount (attr); i++)
    if (!g_str_equal (ippGetString (attr, i, NULL), "none"))
      g_strv_builder_add (reasons, ippGetString (attr, i, NULL));
  job->reasons = g_strv_builder_end (reasons);
  attr = ippFindAttribute (response, "job-printer-state-message", IPP_TAG_TEXT);
  if (attr != NULL && ippGetString (attr, 0, NULL) != NULL && *ippGetString (attr, 0, NULL) != '\0')
    job->message = g_strdup (ippGetString (attr, 0, NULL));
  ippDelete (response);
  job->advice = job_advice (printer, job);
  return job;
}

/**
 * gp_printer_cancel_job:
 * @printer: the destination the job was sent to
 * @job_id: the job
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Cancels a job that has not finished; a finished one gives
 * %GP_PRINTER_ERROR_FINISHED.
 *
 * Returns: %TRUE if the job was cancelled
 */
gboolean
gp_printer_cancel_job (const char  *printer,
                       int          job_id,
                       GError     **error)
{
  ipp_status_t status;

  g_return_val_if_fail (printer != NULL, FALSE);
  g_return_val_if_fail (job_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  status = cupsCancelJob2 (CUPS_HTTP_DEFAULT, printer, job_id, 0);
  if (status <= IPP_STATUS_OK_EVENTS_COMPLETE)
    return TRUE;
  if (status == IPP_STATUS_ERROR_NOT_POSSIBLE)
    g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FINISHED,
                 _("Print job %d has already finished (%s), so it cannot be cancelled."),
                 job_id, cupsLastErrorString ());
  else if (status == IPP_STATUS_ERROR_NOT_FOUND)
    g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                 _("Print job %d is not known to the print service (%s). Look at the printer’s queue."),
                 job_id, cupsLastErrorString ());
  else
    gp_printer_set_last_error (error, printer);
  return FALSE;
}

/**
 * gp_printer_list:
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Returns: (transfer full) (element-type utf8): the names of the print
 *   destinations, or %NULL if the print service could not be asked
 */
GPtrArray *
gp_printer_list (GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  cups_dest_t *dests = NULL;
  int n_dests;
  int i;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_dests = cupsGetDests2 (CUPS_HTTP_DEFAULT, &dests);
  /* No printers at all is an answer, not a failure. */
  if (n_dests == 0 && cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE &&
      cupsLastError () != IPP_STATUS_ERROR_NOT_FOUND)
    {
      g_set_error (error, GP_PRINTER_ERROR, error_code_from_ipp (cupsLastError ()),
                   _("Could not list the printers (%s). Check that CUPS is running."),
                   cupsLastErrorString ());
      return NULL;
    }

  for (i = 0; i < n_dests; i++)
    {
      /* lpoptions instances are settings presets, not more printers. */
      if (dests[i].instance == NULL)
        g_ptr_array_add (names, g_strdup (dests[i].name));
    }
  cupsFreeDests (n_dests, dests);
  return g_steal_pointer (&names);
}

const char *
gp_print_job_state_to_string (GpPrintJobState state)
{
  switch (state)
    {
    case GP_PRINT_JOB_PENDING:
      return "pending";
    case GP_PRINT_JOB_HELD:
      return "held";
    case GP_PRINT_JOB_PROCESSING:
      return "processing";
    case GP_PRINT_JOB_STOPPED:
      return "stopped";
    case GP_PRINT_JOB_CANCELED:
      return "canceled";
    case GP_PRINT_JOB_ABORTED:
      return "aborted";
    case GP_PRINT_JOB_COMPLETED:
      return "completed";
    default:
      g_return_val_if_reached ("unknown");
    }
}
