/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode's Settings page: printer (from CUPS, with its state), sheet
 * layout, photo profile, batch, station name and operator, and beside them
 * the camera (gp-staff-camera.c). Each change is
 * written to GSettings, which the station follows at once
 * (gp-settings-apply.c), and audited. */
#define G_LOG_DOMAIN "gp-staff-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk/gp-staff-camera.h"
#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-staff-settings.h"
#include "photo/gp-profile.h"
#include "print/gp-layout.h"
#include "print/gp-printer-info.h"

struct _GpStaffSettings
{
  GtkGrid        parent_instance;

  /* template widgets */
  GtkComboBoxText *printer_combo;
  GtkComboBoxText *layout_combo;
  GtkComboBoxText *profile_combo;
  GtkEntry      *batch_entry;
  GtkEntry      *station_entry;
  GtkEntry      *operator_entry;
  GtkLabel      *message_label;

  /* owned */
  GpStaffCamera *camera;
  GpStation     *station;
  GSettings     *settings;
  GCancellable  *cancellable;
  gboolean       filling;     /* the widgets are being set, not changed */
};

G_DEFINE_FINAL_TYPE (GpStaffSettings, gp_staff_settings, GTK_TYPE_GRID)

void
gp_staff_settings_applied (GpStation  *station,
                           GSettings  *settings,
                           GtkLabel   *message_label,
                           const char *key,
                           const char *value)
{
  g_autofree char *detail = g_strdup_printf ("%s=%s", key, value);
  /* Translators: a setting's name and its new value, e.g. "printer: PhotoPrinter" */
  g_autofree char *said = g_strdup_printf (_("Applied: %s = “%s”."), key, value);

  gp_staff_audit (station, settings, "setting", detail);
  gtk_label_set_text (message_label, said);
}

static void
write_setting (GpStaffSettings *self,
               const char      *key,
               const char      *value)
{
  g_autofree char *old = g_settings_get_string (self->settings, key);

  if (g_str_equal (old, value))
    return;
  g_settings_set_string (self->settings, key, value);
  gp_staff_settings_applied (self->station, self->settings, self->message_label, key, value);
}

static void
fill_names (GtkComboBoxText  *combo,
            char            **names,
            const char       *active)
{
  gtk_combo_box_text_remove_all (combo);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_combo_box_text_append (combo, names[i], names[i]);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), active);
}

static void
list_printers_in_thread (GTask        *task,
                         gpointer      source,
                         gpointer      data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *printers = gp_printer_list_info (&error);

  if (printers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, printers, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_printers (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GpStaffSettings *self = GP_STAFF_SETTINGS (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *active = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->filling = TRUE;
  active = g_settings_get_string (self->settings, "printer");
  gtk_combo_box_text_remove_all (self->printer_combo);
  gtk_combo_box_text_append (self->printer_combo, "", _("No printer: save sheets as PDF files"));
  for (guint i = 0; printers != NULL && i < printers->len; i++)
    {
      GpPrinterInfo *info = g_ptr_array_index (printers, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", info->name,
                                               info->advice != NULL ? info->advice
                                                                    : gp_printer_state_to_string (info->state));

      gtk_combo_box_text_append (self->printer_combo, info->name, text);
    }
  /* A printer CUPS no longer lists stays chosen, and says so. */
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->printer_combo), active))
    {
      g_autofree char *missing = g_strdup_printf (_("%s — not known to CUPS"), active);

      gtk_combo_box_text_append (self->printer_combo, active, missing);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->printer_combo), active);
    }
  self->filling = FALSE;
  if (error != NULL)
    gtk_label_set_text (self->message_label, error->message);
}

void
gp_staff_settings_refresh (GpStaffSettings *self)
{
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) layouts = gp_layout_list_names ();
  g_auto(GStrv) profiles = gp_profile_list_names ();
  g_autofree char *layout = g_settings_get_string (self->settings, "layout");
  g_autofree char *profile = g_settings_get_string (self->settings, "profile");
  g_autofree char *batch = g_settings_get_string (self->settings, "batch");
  g_autofree char *station = g_settings_get_string (self->settings, "station-name");
  g_autofree char *operator_name = g_settings_get_string (self->settings, "operator");

  g_return_if_fail (GP_IS_STAFF_SETTINGS (self));

  self->filling = TRUE;
  fill_names (self->layout_combo, layouts, layout);
  fill_names (self->profile_combo, profiles, profile);
  gtk_entry_set_text (self->batch_entry, batch);
  gtk_entry_set_text (self->station_entry, station);
  gtk_entry_set_text (self->operator_entry, operator_name);
  self->filling = FALSE;

  gp_staff_camera_refresh (self->camera);
  task = g_task_new (self, self->cancellable, on_printers, NULL);
  g_task_run_in_thread (task, list_printers_in_thread);
}

static void
on_combo_changed (GtkComboBox     *combo,
                  GpStaffSettings *self)
{
  const char *id = gtk_combo_box_get_active_id (combo);

  if (self->filling || id == NULL)
    return;
  if (combo == GTK_COMBO_BOX (self->printer_combo))
    write_setting (self, "printer", id);
  else if (combo == GTK_COMBO_BOX (self->layout_combo))
    write_setting (self, "layout", id);
  else
    write_setting (self, "profile", id);
}

typedef struct {
  GpStore  *store;
  char     *batch;
} BatchCheck;

static void
batch_check_free (BatchCheck *check)
{
  g_object_unref (check->store);
  g_free (check->batch);
  g_free (check);
}

static void
check_batch_in_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  BatchCheck *check = data;
  GError *error = NULL;
  g_autoptr(GpBatch) batch = gp_store_find_batch (check->store, check->batch, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, batch != NULL);
}

static void
on_batch_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GpStaffSettings *self = GP_STAFF_SETTINGS (source);
  BatchCheck *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    write_setting (self, "batch", check->batch);
  else if (error == NULL)
    {
      unknown = g_strdup_printf (_("There is no batch “%s”. Create it with “gradphoto-admin batch” or check the "
                                   "name."), check->batch);
      gtk_label_set_text (self->message_label, unknown);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->message_label, error->message);
}

static void
on_entry_activate (GtkEntry        *entry,
                   GpStaffSettings *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
  g_autoptr(GTask) task = NULL;
  BatchCheck *check;

  if (entry == self->station_entry)
    write_setting (self, "station-name", text);
  else if (entry == self->operator_entry)
    write_setting (self, "operator", text);
  else if (*text == '\0')
    write_setting (self, "batch", text);
  else
    {
      check = g_new0 (BatchCheck, 1);
      check->store = g_object_ref (gp_station_get_store (self->station));
      check->batch = g_steal_pointer (&text);
      task = g_task_new (self, self->cancellable, on_batch_checked, NULL);
      g_task_set_task_data (task, check, (GDestroyNotify) batch_check_free);
      g_task_run_in_thread (task, check_batch_in_thread);
    }
}

static void
gp_staff_settings_dispose (GObject *object)
{
  GpStaffSettings *self = GP_STAFF_SETTINGS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_settings_parent_class)->dispose (object);
}

static void
gp_staff_settings_class_init (GpStaffSettingsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_settings_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, printer_combo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, layout_combo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, profile_combo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, batch_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, station_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffSettings, message_label);
}

static void
gp_staff_settings_init (GpStaffSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->printer_combo, "changed", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->layout_combo, "changed", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->profile_combo, "changed", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->batch_entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect (self->station_entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect (self->operator_entry, "activate", G_CALLBACK (on_entry_activate), self);
}

GtkWidget *
gp_staff_settings_new (GpStation *station,
                       GSettings *settings)
{
  GpStaffSettings *self = g_object_new (GP_TYPE_STAFF_SETTINGS, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  self->camera = GP_STAFF_CAMERA (gp_staff_camera_new (station, settings, self->message_label));
  gtk_grid_attach (GTK_GRID (self), GTK_WIDGET (self->camera), 2, 0, 1, 7);
  return GTK_WIDGET (self);
}
