/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin import-roster FILE: the school's student list into the station. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "store/gp-roster.h"
#include "sync/gp-server.h"
#include "sync/gp-sync.h"

int
gp_admin_import_roster (int    argc,
                        char **argv)
{
  gboolean json = FALSE;
  g_autofree char *batch = NULL;
  g_autofree char *naming = NULL;
  GOptionEntry entries[] = {
    { "batch", 0, 0, G_OPTION_ARG_STRING, &batch, N_("The batch (event) the students belong to"), N_("NAME") },
    { "naming", 0, 0, G_OPTION_ARG_STRING, &naming, N_("The batch’s export file names, e.g. {student_no}.jpg"), N_("TEMPLATE") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpRosterReport) report = NULL;

  if (!gp_admin_parse (&argc, &argv, _("FILE — import a roster (CSV or .xlsx)"), entries, &json, &error))
    return gp_admin_fail (error, json);
  if (argc != 2)
    {
      g_printerr (_("Usage: gradphoto-admin import-roster FILE [--batch NAME [--naming TEMPLATE]] [--json]\n"));
      return 2;
    }

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  /* The naming first: it decides whether full ID numbers are kept. */
  if (naming != NULL)
    {
      GpBatch wanted = { .name = batch != NULL ? batch : (char *) GP_STORE_DEFAULT_BATCH, .export_naming = naming };

      if (gp_store_ensure_batch (store, &wanted, &error) < 0)
        return gp_admin_fail (error, json);
    }
  report = gp_roster_import_file_to_batch (store, argv[1], batch, &error);
  if (report == NULL)
    return gp_admin_fail (error, json);
  /* With --server the store is the event's, read by the same rules as a
   * station's: what it now holds goes to the server for every station. */
  if (gp_admin_get_server () != NULL)
    {
      g_autoptr(PGconn) conn = gp_server_connect (gp_admin_get_server (), TRUE, &error);

      if (conn == NULL || !gp_sync_push_roster (conn, store, NULL, &error))
        return gp_admin_fail (error, json);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, argv[1]);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, report->rows);
      json_builder_set_member_name (builder, "inserted");
      json_builder_add_int_value (builder, report->inserted);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, report->updated);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (report->problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      /* Translators: roster import summary */
      g_print (_("%u rows: %u new students, %u updated, %u problems.\n"),
               report->rows, report->inserted, report->updated, report->problems->len);
      for (guint i = 0; i < report->problems->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->problems, i));
    }
  return 0;
}
