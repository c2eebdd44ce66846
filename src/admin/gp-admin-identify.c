/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin identify CODE: what a station says when CODE is scanned. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "station/gp-elsewhere.h"
#include "station/gp-identify.h"

int
gp_admin_identify (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  g_autofree char *station = NULL;
  GOptionEntry entries[] = {
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("The station (room) scanning it (default: the host name)"), N_("NAME") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpIdentification) who = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autofree char *elsewhere = NULL;

  if (!gp_admin_parse (&argc, &argv, _("CODE — say what a station says when this code is scanned"),
                       entries, &json, &error))
    return gp_admin_fail (error, json);
  if (argc != 2)
    {
      g_printerr (_("Usage: gradphoto-admin identify CODE [--station NAME] [--json]\n"));
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  who = gp_identify (store, argv[1], 0, now);
  if (who->student != NULL)
    {
      elsewhere = gp_elsewhere_notice (store, who->student->id, station != NULL ? station : g_get_host_name (),
                                       &error);
      if (error != NULL)
        return gp_admin_fail (error, json);
    }
  g_string_append (notice, elsewhere != NULL ? elsewhere : "");
  if (who->notice != NULL)
    g_string_append_printf (notice, "%s%s", notice->len > 0 ? "\n" : "", who->notice);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, who->student != NULL);
      gp_admin_add_string (builder, "student_no", who->student != NULL ? who->student->student_no : NULL);
      gp_admin_add_string (builder, "notice", notice->len > 0 ? notice->str : NULL);
      json_builder_set_member_name (builder, "elsewhere");
      json_builder_add_boolean_value (builder, elsewhere != NULL);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      if (who->student != NULL)
        g_print ("%s %s\n", who->student->student_no, who->student->name);
      if (notice->len > 0)
        g_print ("%s\n", notice->str);
    }
  return who->student != NULL ? 0 : 1;
}
