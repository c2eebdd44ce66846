/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The Settings page's camera: the webcams the device monitor sees and the
 * demo camera, the anti-flicker, exposure and white balance controls, and
 * the live preview beside them. A control is written to GSettings, which
 * the camera follows at once (gp-settings-apply.c); a camera is switched
 * to first and written only once it plays. Each change is audited. */
#define G_LOG_DOMAIN "gp-staff-camera"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "camera/gp-camera-devices.h"
#include "kiosk/gp-staff-camera.h"
#include "kiosk/gp-staff-settings.h"

struct _GpStaffCamera
{
  GtkGrid          parent_instance;

  /* template widgets */
  GtkBox          *preview_box;
  GtkComboBoxText *camera_combo;
  GtkComboBoxText *power_line_combo;
  GtkSpinButton   *exposure_spin;
  GtkSpinButton   *white_balance_spin;
  GtkLabel        *state_label;

  /* borrowed */
  GtkLabel        *message_label;

  /* owned */
  GpStation       *station;
  GSettings       *settings;
  GCancellable    *cancellable;
  GtkWidget       *preview_home;  /* where the student screen shows the preview */
  gboolean         filling;       /* the widgets are being set, not changed */
};

G_DEFINE_FINAL_TYPE (GpStaffCamera, gp_staff_camera, GTK_TYPE_GRID)

static GpCamera *
camera_of (GpStaffCamera *self)
{
  return gp_station_get_camera (self->station);
}

static void
say (GpStaffCamera *self,
     const char    *key,
     const char    *value)
{
  gp_staff_settings_applied (self->station, self->settings, self->message_label, key, value);
}

static char *
control_text (int         value,
              const char *unit)
{
  if (value == GP_CAMERA_CONTROL_AUTO)
    return g_strdup (_("automatic"));
  return g_strdup_printf ("%d %s", value, unit);
}

/* What the camera in use reports, not what the widgets say: a change shows
 * here once the camera has it. */
static void
show_camera_state (GpStaffCamera *self)
{
  GpCamera *camera = camera_of (self);
  GpCameraControls controls;
  const char *power_lines[] = { N_("off"), N_("50 Hz"), N_("60 Hz") };
  g_autofree char *exposure = NULL;
  g_autofree char *white_balance = NULL;
  g_autofree char *text = NULL;

  gp_camera_get_controls (camera, &controls);
  /* Translators: exposure in units of 100 µs */
  exposure = control_text (controls.exposure, _("× 100 µs"));
  white_balance = control_text (controls.white_balance, "K");
  /* Translators: the camera in use, then its controls */
  text = g_strdup_printf (_("In use: %s. Anti-flicker %s, exposure %s, white balance %s."),
                          gp_camera_get_description (camera),
                          _(power_lines[CLAMP (controls.power_line, 0, (int) G_N_ELEMENTS (power_lines) - 1)]),
                          exposure, white_balance);
  gtk_label_set_text (self->state_label, text);
}

static void
fill_cameras (GpStaffCamera *self,
              GPtrArray     *devices)
{
  const char *in_use = gp_camera_get_description (camera_of (self));

  self->filling = TRUE;
  gtk_combo_box_text_remove_all (self->camera_combo);
  gtk_combo_box_text_append (self->camera_combo, "demo", _("Demo camera (a portrait, no webcam)"));
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      GpCameraDevice *device = g_ptr_array_index (devices, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", device->name, device->spec);

      gtk_combo_box_text_append (self->camera_combo, device->spec, text);
    }
  /* A camera given with --camera, or one unplugged, stays listed while in use. */
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->camera_combo), in_use))
    {
      gtk_combo_box_text_append (self->camera_combo, in_use, in_use);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->camera_combo), in_use);
    }
  self->filling = FALSE;
}

static void
list_devices_in_thread (GTask        *task,
                        gpointer      source,
                        gpointer      data,
                        GCancellable *cancellable)
{
  g_task_return_pointer (task, gp_camera_devices_list (), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_devices (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GPtrArray) devices = g_task_propagate_pointer (G_TASK (result), NULL);

  if (devices != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    fill_cameras (GP_STAFF_CAMERA (source), devices);
}

void
gp_staff_camera_refresh (GpStaffCamera *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *power_line = NULL;

  g_return_if_fail (GP_IS_STAFF_CAMERA (self));

  self->filling = TRUE;
  power_line = g_settings_get_string (self->settings, "power-line-frequency");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->power_line_combo), power_line);
  gtk_spin_button_set_value (self->exposure_spin, g_settings_get_int (self->settings, "exposure"));
  gtk_spin_button_set_value (self->white_balance_spin, g_settings_get_int (self->settings, "white-balance"));
  self->filling = FALSE;
  fill_cameras (self, NULL);
  show_camera_state (self);

  task = g_task_new (self, self->cancellable, on_devices, NULL);
  g_task_run_in_thread (task, list_devices_in_thread);
}

static void
on_switched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GpStaffCamera) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *in_use;

  if (!gp_camera_switch_finish (GP_CAMERA (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->message_label, error->message);
      fill_cameras (self, NULL);
      return;
    }
  in_use = gp_camera_get_description (GP_CAMERA (source));
  g_settings_set_string (self->settings, "camera", in_use);
  say (self, "camera", in_use);
}

static void
on_camera_chosen (GtkComboBox   *combo,
                  GpStaffCamera *self)
{
  const char *id = gtk_combo_box_get_active_id (combo);
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || id == NULL || g_str_equal (id, gp_camera_get_description (camera_of (self))))
    return;
  spec = gp_camera_spec_parse (id, &error);
  if (spec == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  /* Translators: the camera being started, e.g. v4l2:/dev/video2 */
  {
    g_autofree char *starting = g_strdup_printf (_("Starting the camera “%s”…"), id);
    gtk_label_set_text (self->message_label, starting);
  }
  gp_camera_switch_async (camera_of (self), spec, self->cancellable, on_switched, g_object_ref (self));
}

static void
on_power_line_chosen (GtkComboBox   *combo,
                      GpStaffCamera *self)
{
  const char *id = gtk_combo_box_get_active_id (combo);
  g_autofree char *old = g_settings_get_string (self->settings, "power-line-frequency");

  if (self->filling || id == NULL || g_str_equal (id, old))
    return;
  g_settings_set_string (self->settings, "power-line-frequency", id);
  say (self, "power-line-frequency", id);
}

static void
on_spin_changed (GtkSpinButton *spin,
                 GpStaffCamera *self)
{
  const char *key = spin == self->exposure_spin ? "exposure" : "white-balance";
  int value = gtk_spin_button_get_value_as_int (spin);
  char text[16];

  if (self->filling || value == g_settings_get_int (self->settings, key))
    return;
  g_settings_set_int (self->settings, key, value);
  g_snprintf (text, sizeof text, "%d", value);
  say (self, key, text);
}

/* The student screen is hidden in staff mode: its preview, the same sink
 * and widget, is shown here meanwhile rather than drawn a second time. */
static void
borrow_preview (GpStaffCamera *self)
{
  GstElement *sink = gp_camera_get_preview_sink (camera_of (self));
  g_autoptr(GtkWidget) video = NULL;
  GtkWidget *parent;

  if (sink == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (sink), "widget") == NULL)
    return;
  g_object_get (sink, "widget", &video, NULL);
  parent = video != NULL ? gtk_widget_get_parent (video) : NULL;
  if (parent == NULL || parent == GTK_WIDGET (self->preview_box))
    return;
  g_set_object (&self->preview_home, parent);
  gtk_container_remove (GTK_CONTAINER (parent), video);
  gtk_container_add (GTK_CONTAINER (self->preview_box), video);
}

static void
return_preview (GpStaffCamera *self)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->preview_box));
  g_autoptr(GtkWidget) home = g_steal_pointer (&self->preview_home);
  GtkWidget *video = children != NULL ? children->data : NULL;

  if (video == NULL || home == NULL)
    return;
  g_object_ref (video);
  gtk_container_remove (GTK_CONTAINER (self->preview_box), video);
  gtk_container_add (GTK_CONTAINER (home), video);
  g_object_unref (video);
}

static void
gp_staff_camera_dispose (GObject *object)
{
  GpStaffCamera *self = GP_STAFF_CAMERA (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_home);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_camera_parent_class)->dispose (object);
}

static void
gp_staff_camera_class_init (GpStaffCameraClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_camera_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-camera.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, preview_box);
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, camera_combo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, power_line_combo);
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, exposure_spin);
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, white_balance_spin);
  gtk_widget_class_bind_template_child (widget_class, GpStaffCamera, state_label);
}

static void
gp_staff_camera_init (GpStaffCamera *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->camera_combo, "changed", G_CALLBACK (on_camera_chosen), self);
  g_signal_connect (self->power_line_combo, "changed", G_CALLBACK (on_power_line_chosen), self);
  g_signal_connect (self->exposure_spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  g_signal_connect (self->white_balance_spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (borrow_preview), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (return_preview), NULL);
}

GtkWidget *
gp_staff_camera_new (GpStation *station,
                     GSettings *settings,
                     GtkLabel  *message_label)
{
  GpStaffCamera *self = g_object_new (GP_TYPE_STAFF_CAMERA, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  self->message_label = message_label;
  g_signal_connect_object (gp_station_get_camera (station), "notify::description",
                           G_CALLBACK (show_camera_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gp_station_get_camera (station), "notify::controls",
                           G_CALLBACK (show_camera_state), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
