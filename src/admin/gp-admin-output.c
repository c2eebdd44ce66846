/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Shared plumbing of the staff commands: the store and the report format. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "sync/gp-sync-event.h"

static char *server;
static char *event_dir;

static void
remove_event_dir (void)
{
  if (event_dir != NULL)
    gp_sync_remove_dir (event_dir);
}

void
gp_admin_set_server (const char *uri)
{
  g_free (server);
  server = g_strdup (uri);
}

const char *
gp_admin_get_server (void)
{
  return server;
}

/* Parses a subcommand's options; every reporting command takes --json. */
gboolean
gp_admin_parse (int            *argc,
                char         ***argv,
                const char     *usage,
                GOptionEntry   *extra,
                gboolean       *json,
                GError        **error)
{
  GOptionEntry json_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Report as JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (usage);

  g_option_context_add_main_entries (context, json_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

/* With --server, the whole event pulled into a temporary store: the
 * commands then run the same code on it as on one station's database. */
GpStore *
gp_admin_open_store (GError **error)
{
  g_autofree char *path = NULL;
  GpStore *store;

  if (server == NULL)
    {
      path = gp_paths_database ();
      return gp_store_open (path, error);
    }
  g_return_val_if_fail (event_dir == NULL, NULL);
  store = gp_sync_open_event (server, &event_dir, error);
  if (store != NULL)
    atexit (remove_event_dir);
  return store;
}

GpStudent *
gp_admin_find_student (GpStore     *store,
                       const char  *student_no,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GpStudent *student = gp_store_find_student_by_no (store, student_no, &local_error);

  if (student == NULL && local_error == NULL)
    g_set_error (&local_error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                 _("No student has the number %s. Check it against the roster."), student_no);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return student;
}

/* One JSON object per line, so scripts can stream the output. */
void
gp_admin_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  g_print ("%s\n", text);
}

void
gp_admin_add_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
gp_admin_fail (const GError *error,
               gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  g_printerr ("gradphoto-admin: %s\n", error->message);
  return 1;
}
