/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin status: how far the session has come. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "store/gp-student-state.h"

static void
add_int (JsonBuilder *builder,
         const char  *member,
         int          value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* "photographed" and "missing" as before, now from the students' states:
 * a photo neither rejected nor lost, or not. */
static void
add_counts (JsonBuilder           *builder,
            const GpProgressCount *count)
{
  int photographed = count->states[GP_STUDENT_DONE] + count->states[GP_STUDENT_REVIEW];

  add_int (builder, "students", count->students);
  add_int (builder, "photographed", photographed);
  add_int (builder, "missing", count->students - photographed);
  add_int (builder, "approved", count->states[GP_STUDENT_DONE]);
  for (guint i = 0; i < GP_N_STUDENT_STATES; i++)
    add_int (builder, gp_student_state_to_string (i), count->states[i]);
  add_int (builder, "walk_ins", count->walk_ins);
}

int
gp_admin_status (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autofree char *batch = NULL;
  GOptionEntry entries[] = {
    GP_ADMIN_BATCH_OPTION (&batch),
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GPtrArray) walk_ins = NULL;   /* borrowed from progress */
  g_autoptr(GpProgressCount) all = NULL;
  int statuses[GP_N_CAPTURE_STATUSES];
  guint i;

  if (!gp_admin_parse (&argc, &argv, _("— show how many students are photographed"), entries, &json, &error))
    return gp_admin_fail (error, json);

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  progress = gp_store_list_progress (store, batch, &error);
  if (progress == NULL || !gp_store_count_batch_statuses (store, batch, statuses, &error))
    return gp_admin_fail (error, json);
  all = gp_progress_count_all (progress);
  classes = gp_progress_count_classes (progress);
  walk_ins = gp_progress_walk_ins (progress);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      gp_admin_add_string (builder, "batch", batch);
      add_counts (builder, all);
      json_builder_set_member_name (builder, "captures");
      json_builder_begin_object (builder);
      for (i = 0; i < GP_N_CAPTURE_STATUSES; i++)
        add_int (builder, gp_capture_status_to_string (i), statuses[i]);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "classes");
      json_builder_begin_array (builder);
      for (i = 0; i < classes->len; i++)
        {
          GpProgressCount *c = g_ptr_array_index (classes, i);

          json_builder_begin_object (builder);
          gp_admin_add_string (builder, "college", c->college);
          gp_admin_add_string (builder, "class", c->class_name);
          add_counts (builder, c);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "walk_in_students");
      json_builder_begin_array (builder);
      for (i = 0; i < walk_ins->len; i++)
        {
          GpStudentProgress *p = g_ptr_array_index (walk_ins, i);

          json_builder_begin_object (builder);
          gp_admin_add_string (builder, "student_no", p->student->student_no);
          gp_admin_add_string (builder, "name", p->student->name);
          gp_admin_add_string (builder, "college", p->student->college);
          gp_admin_add_string (builder, "class", p->student->class_name);
          gp_admin_add_string (builder, "state", gp_student_state_to_string (p->state));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      /* Translators: counts of students; "walk-ins" came without being on the roster */
      g_print (_("%d students: %d done, %d to review, %d to call back, %d not photographed yet; %d walk-ins.\n"),
               all->students, all->states[GP_STUDENT_DONE], all->states[GP_STUDENT_REVIEW],
               all->states[GP_STUDENT_CALLBACK], all->states[GP_STUDENT_NOT_YET], all->walk_ins);
      /* Translators: photo counts per status; keep the status words as they are */
      g_print (_("Photos: %d captured, %d approved, %d printed, %d exported, %d rejected, %d missing.\n"),
               statuses[GP_CAPTURE_CAPTURED], statuses[GP_CAPTURE_APPROVED], statuses[GP_CAPTURE_PRINTED],
               statuses[GP_CAPTURE_EXPORTED], statuses[GP_CAPTURE_REJECTED], statuses[GP_CAPTURE_MISSING]);
      for (i = 0; i < classes->len; i++)
        {
          GpProgressCount *c = g_ptr_array_index (classes, i);

          /* Translators: college, class, then counts of students */
          g_print (_("  %s %s: %d students, %d done, %d to review, %d to call back, %d not yet\n"),
                   c->college != NULL ? c->college : "—", c->class_name != NULL ? c->class_name : "—",
                   c->students, c->states[GP_STUDENT_DONE], c->states[GP_STUDENT_REVIEW],
                   c->states[GP_STUDENT_CALLBACK], c->states[GP_STUDENT_NOT_YET]);
        }
      if (walk_ins->len > 0)
        g_print (_("Walk-ins, not on the school’s roster: check them with the school.\n"));
      for (i = 0; i < walk_ins->len; i++)
        {
          GpStudentProgress *p = g_ptr_array_index (walk_ins, i);

          /* Translators: 学号, name, college, class, then where the student stands */
          g_print (_("  %s %s  %s %s: %s\n"), p->student->student_no, p->student->name,
                   p->student->college != NULL ? p->student->college : "—",
                   p->student->class_name != NULL ? p->student->class_name : "—",
                   gp_student_state_describe (p->state));
        }
    }
  return 0;
}
