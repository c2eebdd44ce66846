/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin: the staff command line. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"

static const struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "import-roster", gp_admin_import_roster, N_("Import the school's roster (CSV or Excel .xlsx)") },
  { "batch", gp_admin_batch, N_("Show or set a batch: school, dates, rooms, time slots") },
  { "capture", gp_admin_capture, N_("Record a photo a student brings, through the photo checks") },
  { "history", gp_admin_history, N_("Show every photo of a student and every decision on them") },
  { "status", gp_admin_status, N_("Show how many students are photographed") },
  { "review", gp_admin_review_list, N_("List the photos awaiting a decision, oldest first") },
  { "callback", gp_admin_callback, N_("List the students to call back: every photo rejected") },
  { "verify", gp_admin_verify, N_("Check that the photos and their records agree, and repair them") },
  { "print", gp_admin_print, N_("Print photo sheets of a student or a class") },
  { "printers", gp_admin_printers, N_("List the printers and what each is doing") },
  { "jobs", gp_admin_jobs, N_("List the print jobs and what CUPS says about each") },
  { "cancel", gp_admin_cancel, N_("Cancel a print job that has not printed yet") },
  { "reprint", gp_admin_reprint, N_("Print a job’s sheet again") },
  { "export", gp_admin_export, N_("Export the approved photos with a manifest") },
  { "report", gp_admin_report, N_("Write the progress report per college and class") },
  { "merge", gp_admin_merge, N_("Merge the stations’ databases into one") },
  { "approve", gp_admin_approve, N_("Approve a photo (with a reason: a staff override)") },
  { "reject", gp_admin_reject, N_("Reject a photo, so it is taken again") },
  { "scan", gp_admin_scan, N_("Read collection codes in photos and find their students") },
  { "standardize", gp_admin_standardize, N_("Make profile-compliant photos of camera frames") },
  { "check", gp_admin_check, N_("Check finished photos against a photo profile") },
  { "identify", gp_admin_identify, N_("Say what a station says when a student’s code is scanned") },
  { "server", gp_admin_server, N_("Set up the event server, or list its stations") },
  { "sync", gp_admin_sync, N_("Send this station’s rows to the event server and receive the others’") },
  { "staff-pin", gp_admin_staff_pin, N_("Set the PIN that opens the kiosk’s staff mode") },
};

/* With --server these read the whole event, or write to the server; the
 * others change one station's database and need --data-dir instead. */
static const char *const server_commands[] = {
  "import-roster", "status", "review", "callback", "history", "export", "report", "print", "server", "sync", NULL
};

static int
usage (int status)
{
  g_print (_("Usage: gradphoto-admin [--data-dir DIR] [--server URI] COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nRun “gradphoto-admin COMMAND --help” for a command's options.\n"));
  return status;
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GRADPHOTO_LOCALEDIR");
  int first = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --data-dir and --server apply to every command, so they come before it. */
  while (first < argc && (g_str_has_prefix (argv[first], "--data-dir") || g_str_has_prefix (argv[first], "--server")))
    {
      gboolean data_dir = g_str_has_prefix (argv[first], "--data-dir");
      const char *value;

      if (strchr (argv[first], '=') != NULL)
        value = strchr (argv[first], '=') + 1;
      else if (first + 1 < argc)
        value = argv[++first];
      else
        return usage (2);
      if (data_dir)
        gp_paths_set_data_dir (value);
      else
        gp_admin_set_server (value);
      first++;
    }
  if (first >= argc)
    return usage (2);
  if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h") || g_str_equal (argv[first], "help"))
    return usage (0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[first], commands[i].name))
      {
        /* --help then reads "gradphoto-admin COMMAND [OPTION…]". */
        g_autofree char *prgname = g_strconcat ("gradphoto-admin ", commands[i].name, NULL);
        g_set_prgname (prgname);
        if (gp_admin_get_server () != NULL && !g_strv_contains (server_commands, argv[first]))
          {
            g_printerr (_("gradphoto-admin: “%s” changes one station’s database; run it on the station "
                          "with --data-dir, without --server.\n"), argv[first]);
            return 2;
          }
        return commands[i].run (argc - first, argv + first);
      }

  g_printerr (_("gradphoto-admin: unknown command “%s”.\n\n"), argv[first]);
  return usage (2);
}
