/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode's Review page: each photo of the station's batch awaiting a
 * decision, with the photo, the failed checks and the full name; approve
 * or reject it with a reason, by the store's rules, as gradphoto-admin
 * approve and reject do. */
#define G_LOG_DOMAIN "gp-staff-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-text.h"
#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-staff-review.h"
#include "store/gp-student-state.h"

#define PHOTO_HEIGHT 280

struct _GpStaffReview
{
  GtkBox         parent_instance;

  /* template widgets */
  GtkListBox    *list;
  GtkImage      *photo;
  GtkLabel      *name_label;
  GtkLabel      *detail_label;
  GtkEntry      *reason_entry;
  GtkLabel      *message_label;

  /* owned */
  GpStation     *station;
  GSettings     *settings;
  GCancellable  *cancellable;
  GPtrArray     *progress;   /* every student of the batch */
  GPtrArray     *waiting;    /* borrowed from progress: the list's rows */
  GHashTable    *photos;     /* capture id → photo path, of the waiting ones */
  GSimpleActionGroup *actions;
};

G_DEFINE_FINAL_TYPE (GpStaffReview, gp_staff_review, GTK_TYPE_BOX)

static const GpStudentProgress *
selected (GpStaffReview *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  return self->waiting != NULL && index >= 0 && (guint) index < self->waiting->len
         ? g_ptr_array_index (self->waiting, index) : NULL;
}

static void
show_selected (GpStaffReview *self)
{
  const GpStudentProgress *p = selected (self);
  const char *path;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_entry), p != NULL);
  for (guint i = 0; i < 2; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              i == 0 ? "approve" : "reject")),
                                 p != NULL);
  if (p == NULL || self->photos == NULL)
    {
      gtk_image_clear (self->photo);
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->detail_label, "");
      return;
    }
  /* One photo of a few hundred kB, read as it is picked. */
  path = g_hash_table_lookup (self->photos, &p->capture_id);
  if (path != NULL)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, PHOTO_HEIGHT * 3 / 4, PHOTO_HEIGHT, TRUE, NULL);
  gtk_image_set_from_pixbuf (self->photo, pixbuf);
  gtk_label_set_text (self->name_label, p->student->name);
  detail = gp_student_progress_detail (p);
  when = gp_text_local_time (p->captured_at, "%m-%d %H:%M");
  /* Translators: 学号, college, class, then the failed checks */
  text = g_strdup_printf (_("%s · %s · %s\nPhoto %lld, taken %s: %s"), p->student->student_no,
                          p->student->college != NULL ? p->student->college : "—",
                          p->student->class_name != NULL ? p->student->class_name : "—",
                          (long long) p->capture_id, when != NULL ? when : "—", detail);
  gtk_label_set_text (self->detail_label, text);
}

static void
on_row_selected (GtkListBox    *list,
                 GtkListBoxRow *row,
                 GpStaffReview *self)
{
  gtk_label_set_text (self->message_label, "");
  show_selected (self);
}

static void
fill_list (GpStaffReview *self)
{
  GList *rows = gtk_container_get_children (GTK_CONTAINER (self->list));

  /* What was just decided stays said while the next photo shows. */
  g_signal_handlers_block_by_func (self->list, on_row_selected, self);
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  g_list_free (rows);
  for (guint i = 0; i < self->waiting->len; i++)
    {
      const GpStudentProgress *p = g_ptr_array_index (self->waiting, i);
      g_autofree char *text = g_strdup_printf ("%s  %s\n%s %s", p->student->student_no, p->student->name,
                                               p->student->college != NULL ? p->student->college : "",
                                               p->student->class_name != NULL ? p->student->class_name : "");
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_show (label);
      gtk_container_add (GTK_CONTAINER (self->list), label);
    }
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  g_signal_handlers_unblock_by_func (self->list, on_row_selected, self);
  show_selected (self);
  /* The reason is typed next, then Alt+A or Alt+R. */
  if (self->waiting->len > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
}

typedef struct {
  GPtrArray   *progress;
  GHashTable  *photos;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->progress, g_ptr_array_unref);
  g_clear_pointer (&loaded->photos, g_hash_table_unref);
  g_free (loaded);
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GpStore *store = data;
  GpStaffReview *self = source;
  g_autofree char *batch = g_settings_get_string (self->settings, "batch");
  GError *error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->photos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  loaded->progress = gp_store_list_progress (store, *batch != '\0' ? batch : NULL, &error);
  for (guint i = 0; loaded->progress != NULL && i < loaded->progress->len; i++)
    {
      const GpStudentProgress *p = g_ptr_array_index (loaded->progress, i);
      g_autoptr(GpCapture) capture = NULL;

      if (p->state != GP_STUDENT_REVIEW)
        continue;
      capture = gp_store_get_capture (store, p->capture_id, NULL);
      if (capture != NULL && capture->photo_path != NULL)
        g_hash_table_insert (loaded->photos, g_memdup2 (&p->capture_id, sizeof p->capture_id),
                             g_strdup (capture->photo_path));
    }
  if (loaded->progress == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GpStaffReview *self = GP_STAFF_REVIEW (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->message_label, error->message);
      return;
    }
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->photos, g_hash_table_unref);
  self->progress = g_steal_pointer (&loaded->progress);
  self->photos = g_steal_pointer (&loaded->photos);
  loaded_free (loaded);
  self->waiting = gp_progress_filter (self->progress, GP_STUDENT_REVIEW);
  fill_list (self);
}

void
gp_staff_review_refresh (GpStaffReview *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GP_IS_STAFF_REVIEW (self));

  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_task_data (task, g_object_ref (gp_station_get_store (self->station)), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

typedef struct {
  GpStore         *store;
  gint64           capture_id;
  GpCaptureStatus  status;
  char            *reason;
  char            *actor;
} Decision;

static void
decision_free (Decision *d)
{
  g_object_unref (d->store);
  g_free (d->reason);
  g_free (d->actor);
  g_free (d);
}

static void
decide_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Decision *d = data;
  GError *error = NULL;

  if (gp_store_set_capture_status (d->store, d->capture_id, d->status, d->reason, d->actor, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_decided (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GpStaffReview *self = GP_STAFF_REVIEW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->message_label, error->message);
      return;
    }
  gtk_label_set_text (self->message_label, user_data);
  gtk_entry_set_text (self->reason_entry, "");
  gp_staff_review_refresh (self);
}

static void
decide (GpStaffReview   *self,
        GpCaptureStatus  status)
{
  const GpStudentProgress *p = selected (self);
  const char *reason = gtk_entry_get_text (self->reason_entry);
  g_autoptr(GTask) task = NULL;
  Decision *d;

  if (p == NULL)
    return;
  d = g_new0 (Decision, 1);
  d->store = g_object_ref (gp_station_get_store (self->station));
  d->capture_id = p->capture_id;
  d->status = status;
  d->reason = *reason != '\0' ? g_strdup (reason) : NULL;
  d->actor = gp_staff_operator (self->settings);
  task = g_task_new (self, self->cancellable, on_decided,
                     status == GP_CAPTURE_APPROVED ? _("Approved.") : _("Rejected: the student is listed to call back."));
  g_task_set_task_data (task, d, (GDestroyNotify) decision_free);
  g_task_run_in_thread (task, decide_in_thread);
}

static void
on_approve (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  decide (user_data, GP_CAPTURE_APPROVED);
}

static void
on_reject (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  decide (user_data, GP_CAPTURE_REJECTED);
}

static void
gp_staff_review_dispose (GObject *object)
{
  GpStaffReview *self = GP_STAFF_REVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->photos, g_hash_table_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_review_parent_class)->dispose (object);
}

static void
gp_staff_review_class_init (GpStaffReviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_review_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-review.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, list);
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, photo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, name_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffReview, message_label);
}

static void
gp_staff_review_init (GpStaffReview *self)
{
  static const GActionEntry actions[] = {
    { .name = "approve", .activate = on_approve },
    { .name = "reject", .activate = on_reject },
  };
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "review", G_ACTION_GROUP (self->actions));
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  show_selected (self);
}

GtkWidget *
gp_staff_review_new (GpStation *station,
                     GSettings *settings)
{
  GpStaffReview *self = g_object_new (GP_TYPE_STAFF_REVIEW, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
