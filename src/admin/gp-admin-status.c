/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin status: how far the session has come. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"

int
gp_admin_status (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  int students, photographed;
  int statuses[GP_N_CAPTURE_STATUSES];
  g_autoptr(GPtrArray) classes = NULL;
  guint i;

  if (!gp_admin_parse (&argc, &argv, _("— show how many students are photographed"), NULL, &json, &error))
    return gp_admin_fail (error, json);

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  students = gp_store_count_students (store, &error);
  photographed = students >= 0 ? gp_store_count_photographed (store, &error) : -1;
  if (photographed < 0 || !gp_store_count_statuses (store, statuses, &error)
      || (classes = gp_store_count_classes (store, &error)) == NULL)
    return gp_admin_fail (error, json);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "students");
      json_builder_add_int_value (builder, students);
      json_builder_set_member_name (builder, "photographed");
      json_builder_add_int_value (builder, photographed);
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, students - photographed);
      json_builder_set_member_name (builder, "captures");
      json_builder_begin_object (builder);
      for (i = 0; i < GP_N_CAPTURE_STATUSES; i++)
        {
          json_builder_set_member_name (builder, gp_capture_status_to_string (i));
          json_builder_add_int_value (builder, statuses[i]);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "classes");
      json_builder_begin_array (builder);
      for (i = 0; i < classes->len; i++)
        {
          GpClassCount *c = g_ptr_array_index (classes, i);

          json_builder_begin_object (builder);
          gp_admin_add_string (builder, "college", c->college);
          gp_admin_add_string (builder, "class", c->class_name);
          json_builder_set_member_name (builder, "students");
          json_builder_add_int_value (builder, c->students);
          json_builder_set_member_name (builder, "photographed");
          json_builder_add_int_value (builder, c->photographed);
          json_builder_set_member_name (builder, "approved");
          json_builder_add_int_value (builder, c->approved);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      g_print (_("%d students on the roster, %d photographed, %d still missing.\n"),
               students, photographed, students - photographed);
      /* Translators: photo counts per status; keep the status words as they are */
      g_print (_("Photos: %d captured, %d approved, %d printed, %d exported, %d rejected, %d missing.\n"),
               statuses[GP_CAPTURE_CAPTURED], statuses[GP_CAPTURE_APPROVED], statuses[GP_CAPTURE_PRINTED],
               statuses[GP_CAPTURE_EXPORTED], statuses[GP_CAPTURE_REJECTED], statuses[GP_CAPTURE_MISSING]);
      for (i = 0; i < classes->len; i++)
        {
          GpClassCount *c = g_ptr_array_index (classes, i);

          /* Translators: college, class, then counts */
          g_print (_("  %s %s: %d on the roster, %d photographed, %d approved\n"),
                   c->college != NULL ? c->college : "—", c->class_name != NULL ? c->class_name : "—",
                   c->students, c->photographed, c->approved);
        }
    }
  return 0;
}
