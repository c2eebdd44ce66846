/* Hands photo sheets to CUPS and asks how the job is doing. The default
 * connection honours CUPS_SERVER, which is how tests use a private cupsd. */
#define G_LOG_DOMAIN "gp-printer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cups/cups.h>
#include <unistd.h>

#include "print/gp-printer.h"

G_DEFINE_QUARK (gp-printer-error-quark, gp_printer_error)

/* The sheet is drawn at 4×6 in with its own margins: print it 1:1. */
#define SHEET_MEDIA "na_index-4x6_4x6in"

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

/* Turns a CUPS error into a GError that says what to do about it. */
static void
set_error_for_status (GError       **error,
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
    default:
      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FAILED,
                   _("Printing on “%s” failed: %s. Check that the printer is switched on and has paper, then print again."),
                   printer, reason);
      break;
    }
}

static void
set_cups_error (GError     **error,
                const char  *printer)
{
  set_error_for_status (error, cupsLastError (), cupsLastErrorString (), printer);
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
      set_error_for_status (error, status, reason, printer);
      return;
    }

  http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (),
                       1, 5000, NULL);
  if (http == NULL)
    {
      set_cups_error (error, printer);
      return;
    }
  dest = cupsGetNamedDest (http, printer, NULL);
  if (dest == NULL && cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
    set_cups_error (error, printer);
  else
    set_error_for_status (error, status, reason, printer);
  cupsFreeDests (dest != NULL ? 1 : 0, dest);
  httpClose (http);
}

/**
 * gp_printer_submit:
 * @printer: a CUPS destination name
 * @pdf_path: a 4×6 in PDF sheet
 * @title: (nullable): the job name shown in the queue
 * @job_id: (out) (optional): the new job's id
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Queues the sheet unscaled on 4×6 in media, in colour. Blocks while the
 * file is sent: call it from a worker thread.
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
  g_autofree char *basename = NULL;
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

  n_options = cupsAddOption ("media", SHEET_MEDIA, n_options, &options);
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
  g_debug ("Queued “%s” on %s as job %d", pdf_path, printer, id);
  if (job_id != NULL)
    *job_id = id;
  return TRUE;
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

/**
 * gp_printer_get_job_state:
 * @printer: the destination the job was sent to
 * @job_id: the id from gp_printer_submit()
 * @state: (out): where to store the job's state
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Asks CUPS for one job's state with Get-Job-Attributes, rather than
 * listing every job in the history.
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
  char uri[HTTP_MAX_URI];
  ipp_t *request;
  ipp_t *response;
  ipp_attribute_t *attr;

  g_return_val_if_fail (printer != NULL, FALSE);
  g_return_val_if_fail (job_id > 0, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", printer);
  request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddInteger (request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (wanted), NULL, wanted);

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
        set_cups_error (error, printer);
      return FALSE;
    }

  attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM);
  if (attr == NULL)
    {
      ippDelete (response);
      g_set_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FAILED,
                   _("The print service did not say how job %d is doing. Look at the printer’s queue."),
                   job_id);
      return FALSE;
    }
  *state = state_from_ipp (ippGetInteger (attr, 0));
  ippDelete (response);
  return TRUE;
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
