/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Waiting for a job on the tests' private cupsd, and failing fast when the
 * printer or the job has stopped: a broken printer costs a test seconds,
 * never the meson timeout. */
#include "config.h"

#include <cups/cups.h>
#include <gio/gio.h>

#include "gp-test-cups.h"

char *
gp_test_cups_job_file (const char *cupsd_dir,
                       int         job_id)
{
  g_autofree char *name = g_strdup_printf ("job-%d.pdf", job_id);

  return g_build_filename (cupsd_dir, "out", name, NULL);
}

typedef struct {
  int   state;          /* ipp_jstate_t or ipp_pstate_t; 0 when unknown */
  char *reasons;        /* the state reasons, comma-separated */
  char *message;        /* the state message, or "" */
} State;

static void
state_clear (State *s)
{
  g_clear_pointer (&s->reasons, g_free);
  g_clear_pointer (&s->message, g_free);
  s->state = 0;
}

static char *
join_reasons (ipp_attribute_t *attr)
{
  GString *text = g_string_new (NULL);
  int i;

  for (i = 0; attr != NULL && i < ippGetCount (attr); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", ippGetString (attr, i, NULL));
  return g_string_free (text, FALSE);
}

/* One IPP request for @op on @resource's object; FALSE when CUPS has no such object. */
static gboolean
ask (ipp_op_t    op,
     const char *uri_tag,
     const char *uri,
     const char *state_attr,
     const char *reasons_attr,
     const char *message_attr,
     State      *out)
{
  ipp_t *request = ippNewRequest (op);
  ipp_t *response;
  ipp_attribute_t *attr;
  gboolean found;

  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, uri_tag, NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  found = response != NULL && ippGetStatusCode (response) <= IPP_STATUS_OK_EVENTS_COMPLETE;
  if (found)
    {
      attr = ippFindAttribute (response, state_attr, IPP_TAG_ENUM);
      out->state = attr != NULL ? ippGetInteger (attr, 0) : 0;
      out->reasons = join_reasons (ippFindAttribute (response, reasons_attr, IPP_TAG_KEYWORD));
      attr = ippFindAttribute (response, message_attr, IPP_TAG_TEXT);
      out->message = g_strdup (attr != NULL ? ippGetString (attr, 0, NULL) : "");
    }
  ippDelete (response);
  return found;
}

static const char *
job_state_name (int state)
{
  switch (state)
    {
    case IPP_JSTATE_PENDING: return "pending";
    case IPP_JSTATE_HELD: return "held";
    case IPP_JSTATE_PROCESSING: return "processing";
    case IPP_JSTATE_STOPPED: return "stopped";
    case IPP_JSTATE_CANCELED: return "canceled";
    case IPP_JSTATE_ABORTED: return "aborted";
    case IPP_JSTATE_COMPLETED: return "completed";
    default: return "unknown";
    }
}

gboolean
gp_test_cups_wait_job (const char  *printer,
                       int          job_id,
                       int          want_state,
                       double       seconds,
                       GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  char printer_uri[HTTP_MAX_URI];
  char job_uri[HTTP_MAX_URI];
  State job = { 0 }, dev = { 0 };

  httpAssembleURIf (HTTP_URI_CODING_ALL, printer_uri, sizeof printer_uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", printer);
  httpAssembleURIf (HTTP_URI_CODING_ALL, job_uri, sizeof job_uri, "ipp", NULL, "localhost", 0,
                    "/jobs/%d", job_id);
  for (;;)
    {
      gboolean job_over, printer_stopped;

      state_clear (&job);
      state_clear (&dev);
      if (!ask (IPP_OP_GET_JOB_ATTRIBUTES, "job-uri", job_uri, "job-state", "job-state-reasons",
                "job-printer-state-message", &job))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "CUPS has no job %d (%s)",
                       job_id, cupsLastErrorString ());
          return FALSE;
        }
      if (!ask (IPP_OP_GET_PRINTER_ATTRIBUTES, "printer-uri", printer_uri, "printer-state",
                "printer-state-reasons", "printer-state-message", &dev))
        dev.state = 0;
      if (job.state == want_state)
        break;
      /* A held job waits for someone to release it: as good as stopped here. */
      job_over = job.state == IPP_JSTATE_HELD || job.state == IPP_JSTATE_STOPPED || job.state == IPP_JSTATE_CANCELED ||
                 job.state == IPP_JSTATE_ABORTED || job.state == IPP_JSTATE_COMPLETED;
      printer_stopped = dev.state == IPP_PSTATE_STOPPED;
      if (job_over || printer_stopped || g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "job %d on %s is %s (%s), not %s%s; the printer is %s (%s): \"%s\"",
                       job_id, printer, job_state_name (job.state), job.reasons,
                       job_state_name (want_state),
                       job_over || printer_stopped ? "" : " in time",
                       printer_stopped ? "stopped" : dev.state == IPP_PSTATE_PROCESSING ? "processing" : "idle",
                       dev.reasons ? dev.reasons : "", dev.message ? dev.message : "");
          state_clear (&job);
          state_clear (&dev);
          return FALSE;
        }
      g_usleep (G_USEC_PER_SEC / 20);
    }
  state_clear (&job);
  state_clear (&dev);
  return TRUE;
}
