/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin verify: the check the kiosk makes at start-up, from the
 * command line, so a capture cut short by a killed gradphoto-admin is seen
 * (and, with --repair, recovered) before status, export or merge. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "store/gp-reconcile.h"

static void
add_list (JsonBuilder  *builder,
          const char   *member,
          GPtrArray    *items)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
}

/* Exit status 0 clean, 1 problems found (repaired or not) or the check failed, 2 wrong usage. */
int
gp_admin_verify (int    argc,
                 char **argv)
{
  gboolean json = FALSE, repair = FALSE;
  GOptionEntry entries[] = {
    { "repair", 0, 0, G_OPTION_ARG_NONE, &repair,
      N_("Give recovered photos their records, mark lost ones missing, remove half-written files"), NULL },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpReconcileReport) report = NULL;
  g_autofree char *photos = gp_paths_photos_dir ();
  gboolean clean;

  if (!gp_admin_parse (&argc, &argv, _("— check that the photos and their records agree"), entries, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin verify [--repair] [--json]\n"));
      return 2;
    }

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  report = gp_store_check_photos (store, photos, repair, &error);
  if (report == NULL)
    return gp_admin_fail (error, json);
  clean = gp_reconcile_report_is_clean (report);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "clean");
      json_builder_add_boolean_value (builder, clean);
      json_builder_set_member_name (builder, "repaired");
      json_builder_add_boolean_value (builder, repair);
      add_list (builder, "recovered", report->recovered);
      add_list (builder, "unrecorded", report->unrecorded);
      add_list (builder, "missing", report->missing);
      add_list (builder, "temp_removed", report->temp_removed);
      add_list (builder, "temp_in_use", report->temp_in_use);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else if (clean)
    g_print (_("The photos and their records agree.\n"));
  else
    {
      g_autofree char *text = gp_reconcile_report_describe (report);

      g_print ("%s", text);
      if (!repair)
        g_print (_("Run “gradphoto-admin verify --repair” to repair this.\n"));
    }
  return clean ? 0 : 1;
}
