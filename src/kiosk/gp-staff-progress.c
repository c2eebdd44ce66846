/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode's Progress page: the station's batch done, to review, to call
 * back and not yet, per college and class; students per hour over the last
 * 30 minutes; the last 20 students; the colleges whose time slot is now. */
#define G_LOG_DOMAIN "gp-staff-progress"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-text.h"
#include "kiosk/gp-grid.h"
#include "kiosk/gp-staff-progress.h"
#include "store/gp-student-state.h"
#include "store/gp-time-slot.h"

#define RATE_WINDOW_MIN 30
#define RECENT 20

struct _GpStaffProgress
{
  GtkBox         parent_instance;

  /* template widgets */
  GtkLabel      *totals_label;
  GtkLabel      *rate_label;
  GtkLabel      *now_label;
  GtkGrid       *classes_grid;
  GtkGrid       *recent_grid;

  /* owned */
  GpStation     *station;
  GSettings     *settings;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (GpStaffProgress, gp_staff_progress, GTK_TYPE_BOX)

/* What the page shows, worked out off the main thread. */
typedef struct {
  GPtrArray        *progress;
  GpProgressCount  *all;
  GPtrArray        *classes;
  GPtrArray        *recent;     /* borrowed from progress, newest first */
  int               last_window;
  char            **now_colleges;
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_clear_pointer (&s->recent, g_ptr_array_unref);
  g_clear_pointer (&s->classes, g_ptr_array_unref);
  g_clear_pointer (&s->all, gp_progress_count_free);
  g_clear_pointer (&s->progress, g_ptr_array_unref);
  g_strfreev (s->now_colleges);
  g_free (s);
}

static gint64
taken_at (const GpStudentProgress *p)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (p->captured_at == NULL)
    return 0;
  utc = g_time_zone_new_utc ();
  when = g_date_time_new_from_iso8601 (p->captured_at, utc);
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 ta = taken_at (*(GpStudentProgress * const *) a);
  gint64 tb = taken_at (*(GpStudentProgress * const *) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static char **
colleges_now (GpStore    *store,
              const char *batch_name)
{
  g_autoptr(GpBatch) batch = gp_store_find_batch (store, batch_name, NULL);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();

  if (batch != NULL && batch->time_slots != NULL)
    slots = gp_time_slots_parse (batch->time_slots, NULL);
  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      GpCollegeSlot *slot = g_ptr_array_index (slots, i);

      if (gp_time_slot_contains (&slot->slot, now))
        g_strv_builder_add (found, slot->college);
    }
  return g_strv_builder_end (found);
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GpStaffProgress *self = source;
  GpStore *store = data;
  g_autofree char *batch = g_settings_get_string (self->settings, "batch");
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - RATE_WINDOW_MIN * 60;
  GError *error = NULL;
  Snapshot *s = g_new0 (Snapshot, 1);

  s->progress = gp_store_list_progress (store, *batch != '\0' ? batch : NULL, &error);
  if (s->progress == NULL)
    {
      snapshot_free (s);
      g_task_return_error (task, error);
      return;
    }
  s->all = gp_progress_count_all (s->progress);
  s->classes = gp_progress_count_classes (s->progress);
  s->recent = g_ptr_array_new ();
  for (guint i = 0; i < s->progress->len; i++)
    {
      GpStudentProgress *p = g_ptr_array_index (s->progress, i);

      if (p->state == GP_STUDENT_NOT_YET)
        continue;
      g_ptr_array_add (s->recent, p);
      if (taken_at (p) >= since)
        s->last_window++;
    }
  g_ptr_array_sort (s->recent, newest_first);
  if (s->recent->len > RECENT)
    g_ptr_array_set_size (s->recent, RECENT);
  s->now_colleges = colleges_now (store, *batch != '\0' ? batch : GP_STORE_DEFAULT_BATCH);
  g_task_return_pointer (task, s, (GDestroyNotify) snapshot_free);
}

static void
cell (GtkGrid    *grid,
      int         column,
      int         row,
      const char *text)
{
  gp_grid_cell (grid, column, row, text, column < 2 ? 0 : 1);
}

static void
number (GtkGrid *grid,
        int      column,
        int      row,
        int      value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  cell (grid, column, row, text);
}

static void
show_classes (GpStaffProgress *self,
              Snapshot        *s)
{
  /* Translators: the headings of the per-class table in staff mode */
  const char *headings[] = { N_("College"), N_("Class"), N_("Students"), N_("Done"), N_("To review"),
                             N_("Call back"), N_("Not yet") };

  gp_grid_clear (self->classes_grid);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    cell (self->classes_grid, i, 0, _(headings[i]));
  for (guint i = 0; i < s->classes->len; i++)
    {
      GpProgressCount *c = g_ptr_array_index (s->classes, i);

      cell (self->classes_grid, 0, i + 1, c->college);
      cell (self->classes_grid, 1, i + 1, c->class_name);
      number (self->classes_grid, 2, i + 1, c->students);
      number (self->classes_grid, 3, i + 1, c->states[GP_STUDENT_DONE]);
      number (self->classes_grid, 4, i + 1, c->states[GP_STUDENT_REVIEW]);
      number (self->classes_grid, 5, i + 1, c->states[GP_STUDENT_CALLBACK]);
      number (self->classes_grid, 6, i + 1, c->states[GP_STUDENT_NOT_YET]);
    }
}

static void
show_recent (GpStaffProgress *self,
             Snapshot        *s)
{
  gp_grid_clear (self->recent_grid);
  for (guint i = 0; i < s->recent->len; i++)
    {
      GpStudentProgress *p = g_ptr_array_index (s->recent, i);
      g_autofree char *hhmm = gp_text_local_time (p->captured_at, "%H:%M");

      cell (self->recent_grid, 0, i, hhmm);
      cell (self->recent_grid, 1, i, p->student->student_no);
      cell (self->recent_grid, 2, i, p->student->name);
      cell (self->recent_grid, 3, i, gp_student_state_describe (p->state));
    }
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GpStaffProgress *self = GP_STAFF_PROGRESS (source);
  g_autoptr(GError) error = NULL;
  Snapshot *s = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *totals = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *now = NULL;

  if (s == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->totals_label, error->message);
      return;
    }
  /* Translators: the batch's totals at the top of staff mode's Progress page */
  totals = g_strdup_printf (_("%d students: %d done, %d to review, %d to call back, %d not yet; %d walk-ins."),
                            s->all->students, s->all->states[GP_STUDENT_DONE], s->all->states[GP_STUDENT_REVIEW],
                            s->all->states[GP_STUDENT_CALLBACK], s->all->states[GP_STUDENT_NOT_YET],
                            s->all->walk_ins);
  gtk_label_set_text (self->totals_label, totals);
  rate = g_strdup_printf (_("%d students an hour (%d photographed in the last 30 minutes)."),
                          s->last_window * 60 / RATE_WINDOW_MIN, s->last_window);
  gtk_label_set_text (self->rate_label, rate);
  if (s->now_colleges[0] == NULL)
    now = g_strdup (_("No college’s time slot is now."));
  else
    {
      g_autofree char *names = g_strjoinv ("、", s->now_colleges);

      /* Translators: the colleges expected at the station now */
      now = g_strdup_printf (_("Time slot now: %s"), names);
    }
  gtk_label_set_text (self->now_label, now);
  show_classes (self, s);
  show_recent (self, s);
  snapshot_free (s);
}

void
gp_staff_progress_refresh (GpStaffProgress *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GP_IS_STAFF_PROGRESS (self));

  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_task_data (task, g_object_ref (gp_station_get_store (self->station)), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
gp_staff_progress_dispose (GObject *object)
{
  GpStaffProgress *self = GP_STAFF_PROGRESS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_progress_parent_class)->dispose (object);
}

static void
gp_staff_progress_class_init (GpStaffProgressClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_progress_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffProgress, totals_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffProgress, rate_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffProgress, now_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffProgress, classes_grid);
  gtk_widget_class_bind_template_child (widget_class, GpStaffProgress, recent_grid);
}

static void
gp_staff_progress_init (GpStaffProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
gp_staff_progress_new (GpStation *station,
                       GSettings *settings)
{
  GpStaffProgress *self = g_object_new (GP_TYPE_STAFF_PROGRESS, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
