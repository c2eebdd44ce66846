/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What a printer is doing, from its IPP attributes, and what the print desk
 * should do about it: paused, out of paper, offline, not accepting jobs. */
#define G_LOG_DOMAIN "gp-printer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cups/cups.h>
#include <string.h>

#include "core/gp-text.h"
#include "print/gp-printer.h"
#include "print/gp-printer-info.h"
#include "print/gp-printer-private.h"

/* A status message longer than this is not one a person wrote. */
#define MAX_MESSAGE_BYTES 256

static const char * const printer_attributes[] = {
  "printer-name", "printer-info", "printer-location", "printer-make-and-model",
  "printer-state", "printer-state-reasons", "printer-state-message",
  "printer-is-accepting-jobs", "printer-type",
};

/* printer-state-reasons keywords (RFC 8011, PWG 5100.9) and what to do.
 * A reason may carry an -error, -warning or -report suffix. */
static const struct {
  const char *reason;
  const char *advice;
} reason_advice[] = {
  { "media-empty", N_("The printer is out of paper: load paper.") },
  { "media-needed", N_("The printer needs paper: load paper.") },
  { "media-jam", N_("Paper is jammed in the printer: clear the jam as its panel shows.") },
  { "door-open", N_("A door of the printer is open: close it.") },
  { "cover-open", N_("A cover of the printer is open: close it.") },
  { "input-tray-missing", N_("A paper tray is missing: put it back.") },
  { "marker-supply-empty", N_("The printer is out of ink or ribbon: replace it.") },
  { "toner-empty", N_("The printer is out of toner: replace the cartridge.") },
  { "offline", N_("The printer is offline: check that it is switched on and its cable is plugged in.") },
  { "shutdown", N_("The printer is switched off: switch it on.") },
  { "connecting-to-device", N_("CUPS cannot reach the printer: check that it is switched on and connected.") },
  { "cups-missing-filter", N_("The printer’s driver is missing: install the printer again.") },
  { "media-low", N_("Paper is running low: have more ready.") },
  { "marker-supply-low", N_("Ink or ribbon is running low: have a spare ready.") },
  { "toner-low", N_("Toner is running low: have a spare cartridge ready.") },
};

const char *
gp_printer_state_to_string (GpPrinterState state)
{
  switch (state)
    {
    case GP_PRINTER_IDLE:
      return "idle";
    case GP_PRINTER_PROCESSING:
      return "processing";
    case GP_PRINTER_STOPPED:
      return "stopped";
    default:
      g_return_val_if_reached ("unknown");
    }
}

void
gp_printer_info_free (GpPrinterInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->description);
  g_free (info->location);
  g_free (info->make_and_model);
  g_strfreev (info->reasons);
  g_free (info->message);
  g_free (info->advice);
  g_free (info);
}

static gboolean
reason_matches (const char *reason,
                const char *keyword)
{
  gsize len = strlen (keyword);

  return strncmp (reason, keyword, len) == 0 && (reason[len] == '\0' || reason[len] == '-');
}

static gboolean
has_reason (const char * const *reasons,
            const char         *keyword)
{
  guint i;

  for (i = 0; reasons != NULL && reasons[i] != NULL; i++)
    if (reason_matches (reasons[i], keyword))
      return TRUE;
  return FALSE;
}

gboolean
gp_printer_info_has_reason (const GpPrinterInfo *info,
                            const char          *reason)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  return has_reason ((const char * const *) info->reasons, reason);
}

/**
 * gp_printer_describe:
 * @printer: the printer's name
 * @state: its printer-state
 * @reasons: (nullable) (array zero-terminated=1): its printer-state-reasons
 * @message: (nullable): its printer-state-message
 * @accepting: its printer-is-accepting-jobs
 *
 * Says in a sentence or a few what the printer is doing and what to do.
 *
 * Returns: (transfer full): the advice, in the user's language
 */
char *
gp_printer_describe (const char         *printer,
                     GpPrinterState      state,
                     const char * const *reasons,
                     const char         *message,
                     gboolean            accepting)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quoted = NULL;
  gboolean specific = FALSE;
  guint i;

  g_return_val_if_fail (printer != NULL, NULL);

  if (message != NULL && *message != '\0')
    {
      /* The printer's words, shown on the kiosk and echoed to a terminal. */
      g_autofree char *clean = gp_text_clean_line (message, MAX_MESSAGE_BYTES);

      /* Translators: the printer's own message, put after "paused" or "stopped" */
      quoted = g_strdup_printf (_(" (“%s”)"), clean);
    }
  else
    quoted = g_strdup ("");

  if (!accepting)
    g_ptr_array_add (parts, g_strdup_printf (_("The printer “%s” is not accepting jobs: new sheets are refused. "
                                               "Let it accept jobs again (cupsaccept %s, or in the printer settings)."),
                                             printer, printer));
  for (i = 0; i < G_N_ELEMENTS (reason_advice); i++)
    if (has_reason (reasons, reason_advice[i].reason))
      {
        g_ptr_array_add (parts, g_strdup (_(reason_advice[i].advice)));
        specific = TRUE;
      }
  if (state == GP_PRINTER_STOPPED && has_reason (reasons, "paused"))
    g_ptr_array_add (parts, g_strdup_printf (_("The printer is paused%s: sheets wait in its queue and print once it is "
                                               "resumed (cupsenable %s, or in the printer settings)."),
                                             quoted, printer));
  else if (state == GP_PRINTER_STOPPED && specific)
    g_ptr_array_add (parts, g_strdup_printf (_("The printer has stopped%s. Then resume it (cupsenable %s, or in the "
                                               "printer settings); waiting sheets print."),
                                             quoted, printer));
  else if (state == GP_PRINTER_STOPPED)
    g_ptr_array_add (parts, g_strdup_printf (_("The printer has stopped%s. Check the printer, then resume it "
                                               "(cupsenable %s, or in the printer settings); waiting sheets print."),
                                             quoted, printer));

  if (parts->len == 0)
    return g_strdup (state == GP_PRINTER_PROCESSING ? _("Printing.") : _("Ready to print."));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}

static char **
strings_of (ipp_attribute_t *attr)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int i;

  for (i = 0; i < ippGetCount (attr); i++)
    {
      const char *value = ippGetString (attr, i, NULL);

      if (value != NULL && !g_str_equal (value, "none"))
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static char *
string_or_null (ipp_attribute_t *attr)
{
  const char *value = ippGetString (attr, 0, NULL);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Reads one printer's attributes, from @attr to the end of its group. */
static GpPrinterInfo *
read_printer (ipp_t            *response,
              ipp_attribute_t **attr)
{
  GpPrinterInfo *info = g_new0 (GpPrinterInfo, 1);

  info->accepting = TRUE;
  for (; *attr != NULL && ippGetGroupTag (*attr) == IPP_TAG_PRINTER; *attr = ippNextAttribute (response))
    {
      const char *name = ippGetName (*attr);

      if (name == NULL)
        break;
      if (g_str_equal (name, "printer-name"))
        info->name = string_or_null (*attr);
      else if (g_str_equal (name, "printer-info"))
        info->description = string_or_null (*attr);
      else if (g_str_equal (name, "printer-location"))
        info->location = string_or_null (*attr);
      else if (g_str_equal (name, "printer-make-and-model"))
        info->make_and_model = string_or_null (*attr);
      else if (g_str_equal (name, "printer-state"))
        switch (ippGetInteger (*attr, 0))
          {
          case IPP_PSTATE_PROCESSING:
            info->state = GP_PRINTER_PROCESSING;
            break;
          case IPP_PSTATE_STOPPED:
            info->state = GP_PRINTER_STOPPED;
            break;
          case IPP_PSTATE_IDLE:
          default:
            info->state = GP_PRINTER_IDLE;
            break;
          }
      else if (g_str_equal (name, "printer-state-reasons"))
        info->reasons = strings_of (*attr);
      else if (g_str_equal (name, "printer-state-message"))
        info->message = string_or_null (*attr);
      else if (g_str_equal (name, "printer-is-accepting-jobs"))
        info->accepting = ippGetBoolean (*attr, 0);
      else if (g_str_equal (name, "printer-type"))
        info->is_default = (ippGetInteger (*attr, 0) & CUPS_PRINTER_DEFAULT) != 0;
    }
  if (info->reasons == NULL)
    info->reasons = g_new0 (char *, 1);
  if (info->name != NULL)
    info->advice = gp_printer_describe (info->name, info->state, (const char * const *) info->reasons,
                                        info->message, info->accepting);
  return info;
}

/**
 * gp_printer_get_info:
 * @printer: a CUPS destination name
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Asks CUPS for the printer's state with Get-Printer-Attributes. Blocks:
 * call it from a worker thread.
 *
 * Returns: (transfer full): the printer's state, or %NULL
 */
GpPrinterInfo *
gp_printer_get_info (const char  *printer,
                     GError     **error)
{
  char uri[HTTP_MAX_URI];
  ipp_t *request;
  ipp_t *response;
  ipp_attribute_t *attr;
  GpPrinterInfo *info;

  g_return_val_if_fail (printer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gp_printer_build_uri (uri, sizeof uri, printer);
  request = ippNewRequest (IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (printer_attributes), NULL, printer_attributes);
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  if (response == NULL || cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      ippDelete (response);
      gp_printer_set_last_error (error, printer);
      return NULL;
    }
  for (attr = ippFirstAttribute (response); attr != NULL && ippGetGroupTag (attr) != IPP_TAG_PRINTER;)
    attr = ippNextAttribute (response);
  info = read_printer (response, &attr);
  ippDelete (response);
  if (info->name == NULL)
    {
      info->name = g_strdup (printer);
      info->advice = gp_printer_describe (info->name, info->state, (const char * const *) info->reasons,
                                          info->message, info->accepting);
    }
  return info;
}

/**
 * gp_printer_list_info:
 * @error: return location for a #GP_PRINTER_ERROR
 *
 * Lists every print destination with its state, in one CUPS-Get-Printers
 * request. No printers at all is an empty array, not an error.
 *
 * Returns: (transfer full) (element-type GpPrinterInfo): the printers, or %NULL
 */
GPtrArray *
gp_printer_list_info (GError **error)
{
  g_autoptr(GPtrArray) printers = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_printer_info_free);
  ipp_t *request;
  ipp_t *response;
  ipp_attribute_t *attr;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = ippNewRequest (IPP_OP_CUPS_GET_PRINTERS);
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                 G_N_ELEMENTS (printer_attributes), NULL, printer_attributes);
  response = cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/");
  if (cupsLastError () == IPP_STATUS_ERROR_NOT_FOUND)
    {
      ippDelete (response);
      return g_steal_pointer (&printers);
    }
  if (response == NULL || cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      ippDelete (response);
      g_set_error (error, GP_PRINTER_ERROR,
                   cupsLastError () == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE
                   ? GP_PRINTER_ERROR_UNAVAILABLE : GP_PRINTER_ERROR_FAILED,
                   _("Could not list the printers: the print service at %s did not answer (%s). Check that CUPS is running."),
                   cupsServer (), cupsLastErrorString ());
      return NULL;
    }

  attr = ippFirstAttribute (response);
  while (attr != NULL)
    {
      GpPrinterInfo *info;

      while (attr != NULL && ippGetGroupTag (attr) != IPP_TAG_PRINTER)
        attr = ippNextAttribute (response);
      if (attr == NULL)
        break;
      info = read_printer (response, &attr);
      if (info->name != NULL)
        g_ptr_array_add (printers, info);
      else
        gp_printer_info_free (info);
      if (attr != NULL)
        attr = ippNextAttribute (response);
    }
  ippDelete (response);
  return g_steal_pointer (&printers);
}
