/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode's Walk-in page: a student the roster lacks is added, flagged
 * as a walk-in for the school to check, and called up at the station to be
 * photographed at once. */
#define G_LOG_DOMAIN "gp-staff-walkin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-staff-walkin.h"
#include "store/gp-walk-in.h"

struct _GpStaffWalkin
{
  GtkGrid        parent_instance;

  /* template widgets */
  GtkEntry      *no_entry;
  GtkEntry      *name_entry;
  GtkEntry      *college_entry;
  GtkEntry      *class_entry;
  GtkEntry      *last4_entry;
  GtkWidget     *add_button;
  GtkLabel      *message_label;

  /* owned */
  GpStation     *station;
  GSettings     *settings;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (GpStaffWalkin, gp_staff_walkin, GTK_TYPE_GRID)

typedef struct {
  GpStore  *store;
  char     *fields[6];   /* as GpWalkIn: 学号, name, college, class, last 4, batch */
  char     *actor;
} Adding;

static void
adding_free (Adding *a)
{
  g_object_unref (a->store);
  for (guint i = 0; i < G_N_ELEMENTS (a->fields); i++)
    g_free (a->fields[i]);
  g_free (a->actor);
  g_free (a);
}

static void
add_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Adding *a = data;
  GpWalkIn walk_in = { a->fields[0], a->fields[1], a->fields[2], a->fields[3], a->fields[4], a->fields[5] };
  GError *error = NULL;

  if (gp_store_add_walk_in (a->store, &walk_in, a->actor, &error) > 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back to the student screen with the walk-in called up, as if the 学号 was typed. */
static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GpStaffWalkin *self = GP_STAFF_WALKIN (source);
  Adding *a = g_task_get_task_data (G_TASK (result));
  GActionGroup *app = G_ACTION_GROUP (g_application_get_default ());
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->add_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->message_label, error->message);
      return;
    }
  g_action_group_activate_action (app, "staff-leave", NULL);
  g_action_group_activate_action (app, "enter-code", g_variant_new_string (a->fields[0]));
  gp_staff_walkin_reset (self);
}

static char *
field (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_entry_get_text (entry)));
}

static void
on_add (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpStaffWalkin *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_added, NULL);
  Adding *a = g_new0 (Adding, 1);

  a->store = g_object_ref (gp_station_get_store (self->station));
  a->fields[0] = field (self->no_entry);
  a->fields[1] = field (self->name_entry);
  a->fields[2] = field (self->college_entry);
  a->fields[3] = field (self->class_entry);
  a->fields[4] = field (self->last4_entry);
  a->fields[5] = g_settings_get_string (self->settings, "batch");
  a->actor = gp_staff_operator (self->settings);
  g_task_set_task_data (task, a, (GDestroyNotify) adding_free);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  g_task_run_in_thread (task, add_in_thread);
}

void
gp_staff_walkin_reset (GpStaffWalkin *self)
{
  GtkEntry *entries[] = { self->no_entry, self->name_entry, self->college_entry, self->class_entry,
                          self->last4_entry };

  g_return_if_fail (GP_IS_STAFF_WALKIN (self));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_entry_set_text (entries[i], "");
  gtk_label_set_text (self->message_label, "");
}

static void
on_map (GtkWidget *widget)
{
  GpStaffWalkin *self = GP_STAFF_WALKIN (widget);

  gtk_widget_grab_default (self->add_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->no_entry));
}

static void
gp_staff_walkin_dispose (GObject *object)
{
  GpStaffWalkin *self = GP_STAFF_WALKIN (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_walkin_parent_class)->dispose (object);
}

static void
gp_staff_walkin_class_init (GpStaffWalkinClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_walkin_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-walkin.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, no_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, college_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, class_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, last4_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, add_button);
  gtk_widget_class_bind_template_child (widget_class, GpStaffWalkin, message_label);
}

static void
gp_staff_walkin_init (GpStaffWalkin *self)
{
  static const GActionEntry actions[] = {
    { .name = "add", .activate = on_add },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "walkin", G_ACTION_GROUP (group));
  g_signal_connect_after (self, "map", G_CALLBACK (on_map), NULL);
}

GtkWidget *
gp_staff_walkin_new (GpStation *station,
                     GSettings *settings)
{
  GpStaffWalkin *self = g_object_new (GP_TYPE_STAFF_WALKIN, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
