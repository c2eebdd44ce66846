/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin review and callback: the photos awaiting a decision and
 * the students to call back, from the students' states. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "store/gp-report.h"
#include "store/gp-student-state.h"

/* The students of @batch in @state; NULL with @error set. */
static GPtrArray *
list_state (const char      *batch,
            GpStudentState   state,
            GPtrArray      **all,
            GError         **error)
{
  g_autoptr(GpStore) store = gp_admin_open_store (error);

  if (store == NULL)
    return NULL;
  *all = gp_store_list_progress (store, batch, error);
  if (*all == NULL)
    return NULL;
  return gp_progress_filter (*all, state);
}

static void
add_student (JsonBuilder             *builder,
             const GpStudentProgress *p)
{
  gp_admin_add_string (builder, "student_no", p->student->student_no);
  gp_admin_add_string (builder, "name", p->student->name);
  gp_admin_add_string (builder, "college", p->student->college);
  gp_admin_add_string (builder, "class", p->student->class_name);
  gp_admin_add_string (builder, "batch", p->batch);
  json_builder_set_member_name (builder, "walk_in");
  json_builder_add_boolean_value (builder, p->walk_in);
  json_builder_set_member_name (builder, "photos");
  json_builder_add_int_value (builder, p->photos);
  json_builder_set_member_name (builder, "capture");
  json_builder_add_int_value (builder, p->capture_id);
  gp_admin_add_string (builder, "captured_at", p->captured_at);
  gp_admin_add_string (builder, "operator", p->operator_name);
}

static void
print_student (const GpStudentProgress *p)
{
  g_autofree char *detail = gp_student_progress_detail (p);

  /* Translators: photo number, time, 学号, name, college, class, then what decides the state */
  g_print (_("  photo %lld  %s  %s %s  %s %s  %s%s\n"), (long long) p->capture_id,
           p->captured_at != NULL ? p->captured_at : "—", p->student->student_no, p->student->name,
           p->student->college != NULL ? p->student->college : "—",
           p->student->class_name != NULL ? p->student->class_name : "—", detail,
           p->walk_in ? _(" (walk-in)") : "");
}

static void
print_json (const char *batch,
            const char *member,
            GPtrArray  *list,
            gboolean    review)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  gp_admin_add_string (builder, "batch", batch);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, list->len);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const GpStudentProgress *p = g_ptr_array_index (list, i);

      json_builder_begin_object (builder);
      add_student (builder, p);
      if (review)
        {
          g_auto(GStrv) failed = g_strsplit (p->failed_checks != NULL ? p->failed_checks : "", ", ", -1);

          json_builder_set_member_name (builder, "failed_checks");
          json_builder_begin_array (builder);
          for (guint k = 0; failed[k] != NULL; k++)
            if (*failed[k] != '\0')
              json_builder_add_string_value (builder, failed[k]);
          json_builder_end_array (builder);
        }
      else
        {
          g_autofree char *detail = gp_student_progress_detail (p);

          gp_admin_add_string (builder, "status", p->capture_status);
          gp_admin_add_string (builder, "reason", detail);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  gp_admin_print_json (builder);
}

/* Oldest photo first: the one waiting longest is decided first. */
static int
compare_oldest (gconstpointer a,
                gconstpointer b)
{
  const GpStudentProgress *pa = *(const GpStudentProgress **) a;
  const GpStudentProgress *pb = *(const GpStudentProgress **) b;
  int by_time = g_strcmp0 (pa->captured_at, pb->captured_at);

  if (by_time != 0)
    return by_time;
  return pa->capture_id < pb->capture_id ? -1 : pa->capture_id > pb->capture_id;
}

int
gp_admin_review_list (int    argc,
                      char **argv)
{
  gboolean json = FALSE;
  g_autofree char *batch = NULL;
  GOptionEntry entries[] = {
    GP_ADMIN_BATCH_OPTION (&batch),
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!gp_admin_parse (&argc, &argv, _("— list the photos awaiting a decision, oldest first"), entries, &json,
                       &error))
    return gp_admin_fail (error, json);
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin review [--batch NAME] [--json]\n"));
      return 2;
    }
  list = list_state (batch, GP_STUDENT_REVIEW, &all, &error);
  if (list == NULL)
    return gp_admin_fail (error, json);
  g_ptr_array_sort (list, compare_oldest);
  if (json)
    print_json (batch, "photos", list, TRUE);
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u photo awaits a decision (approve or reject it):\n",
                            "%u photos await a decision (approve or reject them):\n", list->len),
               list->len);
      for (guint i = 0; i < list->len; i++)
        print_student (g_ptr_array_index (list, i));
    }
  return 0;
}

int
gp_admin_callback (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  g_autofree char *batch = NULL;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    GP_ADMIN_BATCH_OPTION (&batch),
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Also write the list to a .xlsx or .csv file"), N_("FILE") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!gp_admin_parse (&argc, &argv, _("— list the students to call back, with the reason"), entries, &json,
                       &error))
    return gp_admin_fail (error, json);
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin callback [--batch NAME] [--json | --out FILE.xlsx]\n"));
      return 2;
    }
  list = list_state (batch, GP_STUDENT_CALLBACK, &all, &error);
  if (list == NULL)
    return gp_admin_fail (error, json);
  if (out != NULL)
    {
      GPtrArray *lists[GP_N_STUDENT_STATES] = { NULL };

      lists[GP_STUDENT_CALLBACK] = list;
      if (!gp_report_write_lists (out, NULL, lists, NULL, &error))
        return gp_admin_fail (error, json);
    }
  if (json)
    print_json (batch, "students", list, FALSE);
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u student to call back (every photo rejected or lost):\n",
                            "%u students to call back (every photo rejected or lost):\n", list->len),
               list->len);
      for (guint i = 0; i < list->len; i++)
        print_student (g_ptr_array_index (list, i));
      if (out != NULL)
        g_print (_("List written to %s.\n"), out);
    }
  return 0;
}
