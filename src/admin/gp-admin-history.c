/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin history: every photo of one student and every decision. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-text.h"
#include "store/gp-audit.h"

static void
add_captures (JsonBuilder *builder,
              GPtrArray   *captures,
              gint64       chosen)
{
  json_builder_set_member_name (builder, "captures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < captures->len; i++)
    {
      GpCapture *c = g_ptr_array_index (captures, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, c->id);
      gp_admin_add_string (builder, "created_at", c->created_at);
      gp_admin_add_string (builder, "station", c->station);
      gp_admin_add_string (builder, "operator", c->operator_name);
      json_builder_set_member_name (builder, "retake");
      json_builder_add_int_value (builder, c->retake);
      gp_admin_add_string (builder, "status", c->status);
      gp_admin_add_string (builder, "reason", c->status_reason);
      gp_admin_add_string (builder, "photo", c->photo_path);
      json_builder_set_member_name (builder, "chosen");
      json_builder_add_boolean_value (builder, c->id == chosen);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_audit (JsonBuilder *builder,
           GPtrArray   *entries)
{
  json_builder_set_member_name (builder, "audit");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      GpAuditEntry *e = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      gp_admin_add_string (builder, "at", e->at);
      gp_admin_add_string (builder, "actor", e->actor);
      gp_admin_add_string (builder, "action", e->action);
      json_builder_set_member_name (builder, "capture");
      if (e->capture_id > 0)
        json_builder_add_int_value (builder, e->capture_id);
      else
        json_builder_add_null_value (builder);
      gp_admin_add_string (builder, "detail", e->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_text (const GpStudent *student,
            GPtrArray       *captures,
            gint64           chosen,
            GPtrArray       *entries)
{
  g_autofree char *masked = gp_text_mask_name (student->name);

  g_print ("%s %s\n", student->student_no, masked);
  if (captures->len == 0)
    g_print (_("  No photo yet.\n"));
  for (guint i = 0; i < captures->len; i++)
    {
      GpCapture *c = g_ptr_array_index (captures, i);

      /* Translators: photo number, time, station, who took it, status, then "(chosen)" or nothing */
      g_print (_("  photo %lld  %s  %s  %s  %s%s\n"), (long long) c->id, c->created_at,
               c->station != NULL ? c->station : "—", c->operator_name != NULL ? c->operator_name : "—",
               c->status, c->id == chosen ? _(" (chosen)") : "");
      if (c->status_reason != NULL)
        g_print ("      %s\n", c->status_reason);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GpAuditEntry *e = g_ptr_array_index (entries, i);

      g_print ("  %s  %s  %s  %s\n", e->at, e->actor != NULL ? e->actor : "—", e->action,
               e->detail != NULL ? e->detail : "");
    }
}

int
gp_admin_history (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  g_autofree char *student_no = NULL;
  GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_STRING, &student_no, N_("The student’s number (学号)"), N_("NO") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GPtrArray) captures = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GpCapture) chosen = NULL;

  if (!gp_admin_parse (&argc, &argv, _("— every photo of a student and every decision on them"), entries,
                       &json, &error))
    return gp_admin_fail (error, json);
  if (student_no == NULL || argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin history --student NO [--json]\n"));
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  student = gp_admin_find_student (store, student_no, &error);
  if (student == NULL)
    return gp_admin_fail (error, json);
  captures = gp_store_list_captures (store, student->id, &error);
  chosen = captures != NULL ? gp_store_find_chosen_capture (store, student->id, &error) : NULL;
  if (error != NULL || (audit = gp_store_list_audit (store, student->id, &error)) == NULL)
    return gp_admin_fail (error, json);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      gp_admin_add_string (builder, "student_no", student->student_no);
      add_captures (builder, captures, chosen != NULL ? chosen->id : 0);
      add_audit (builder, audit);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    print_text (student, captures, chosen != NULL ? chosen->id : 0, audit);
  return 0;
}
