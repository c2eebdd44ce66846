/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin server init|status and sync: the event server. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "sync/gp-server.h"
#include "sync/gp-sync.h"

static PGconn *
connect_server (gboolean   check_schema,
                GError   **error)
{
  const char *server = gp_admin_get_server ();

  if (server == NULL)
    {
      g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_UNREACHABLE,
                   _("No event server given. Put --server followed by its connection string or service "
                     "name before the command."));
      return NULL;
    }
  return gp_server_connect (server, check_schema, error);
}

static int
server_init (gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = connect_server (FALSE, &error);
  int version = 0;

  if (conn == NULL || !gp_server_init (conn, &version, &error))
    return gp_admin_fail (error, json);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "from_version");
      json_builder_add_int_value (builder, version);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, GP_SERVER_SCHEMA_VERSION);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else if (version == GP_SERVER_SCHEMA_VERSION)
    g_print (_("The event server is ready (schema version %d, unchanged).\n"), version);
  else
    g_print (_("The event server is ready (schema version %d, was %d).\n"), GP_SERVER_SCHEMA_VERSION, version);
  return 0;
}

static int
server_status (gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = connect_server (TRUE, &error);
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (conn == NULL || (stations = gp_server_list_stations (conn, &error)) == NULL)
    return gp_admin_fail (error, json);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "stations");
  json_builder_begin_array (builder);
  if (!json && stations->len == 0)
    g_print (_("No station has synced yet.\n"));
  for (guint i = 0; i < stations->len; i++)
    {
      GpServerStation *s = g_ptr_array_index (stations, i);

      json_builder_begin_object (builder);
      gp_admin_add_string (builder, "station", s->name);
      gp_admin_add_string (builder, "last_sync", s->last_sync);
      json_builder_set_member_name (builder, "backlog");
      json_builder_add_int_value (builder, s->backlog);
      json_builder_set_member_name (builder, "captures");
      json_builder_add_int_value (builder, s->captures);
      json_builder_end_object (builder);
      if (!json)
        /* Translators: station name, time of its last sync, then counts */
        g_print (_("%s: last sync %s, %d rows not yet sent, %d photos on the server\n"),
                 s->name, s->last_sync != NULL ? s->last_sync : _("never"), s->backlog, s->captures);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (json)
    gp_admin_print_json (builder);
  return 0;
}

int
gp_admin_server (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;

  if (!gp_admin_parse (&argc, &argv, _("init|status — set up the event server, or list its stations"),
                       NULL, &json, &error))
    return gp_admin_fail (error, json);
  if (argc == 2 && g_str_equal (argv[1], "init"))
    return server_init (json);
  if (argc == 2 && g_str_equal (argv[1], "status"))
    return server_status (json);
  g_printerr (_("Usage: gradphoto-admin --server URI server init|status [--json]\n"));
  return 2;
}

int
gp_admin_sync (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  g_autofree char *station = NULL;
  GOptionEntry entries[] = {
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("This station’s name, as its photos record it"), N_("NAME") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpSyncReport) report = NULL;
  g_autofree char *path = gp_paths_database ();
  g_autofree char *photos_dir = gp_paths_photos_dir ();
  int backlog;

  if (!gp_admin_parse (&argc, &argv, _("— send this station’s new rows to the event server and receive the others’"),
                       entries, &json, &error))
    return gp_admin_fail (error, json);
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin [--data-dir DIR] --server URI sync [--station NAME] [--json]\n"));
      return 2;
    }
  /* The station's own database, never the event's. */
  store = gp_store_open (path, &error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  conn = connect_server (TRUE, &error);
  if (conn != NULL)
    report = gp_sync_run (conn, store, photos_dir, station != NULL ? station : g_get_host_name (), &error);
  if (report == NULL)
    {
      g_autoptr(GError) count_error = NULL;

      backlog = gp_sync_count_backlog (store, &count_error);
      gp_admin_fail (error, json);
      if (backlog >= 0)
        /* Translators: a count of database rows */
        g_printerr (_("%d rows wait for the next sync.\n"), backlog);
      return 1;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, report->pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, report->pulled);
      json_builder_set_member_name (builder, "backlog");
      json_builder_add_int_value (builder, report->backlog);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      for (guint i = 0; report->merge != NULL && i < report->merge->conflicts->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (report->merge->conflicts, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      /* Translators: counts of rows sent, photos received, rows left */
      g_print (_("Sent %u rows, received %u photos; %d rows wait.\n"), report->pushed, report->pulled,
               report->backlog);
      for (guint i = 0; report->merge != NULL && i < report->merge->conflicts->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->merge->conflicts, i));
    }
  return report->backlog == 0 ? 0 : 1;
}
