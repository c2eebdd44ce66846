/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Settings changed while the kiosk runs apply to the next student and the
 * next print, without a restart. */
#define G_LOG_DOMAIN "gp-settings-apply"

#include "config.h"

#include "kiosk/gp-settings-apply.h"

void
gp_settings_apply_camera_controls (GSettings *settings,
                                   GpCamera  *camera)
{
  g_return_if_fail (G_IS_SETTINGS (settings) && GP_IS_CAMERA (camera));

  gp_camera_set_controls (camera, &(GpCameraControls) {
    .power_line = g_settings_get_enum (settings, "power-line-frequency"),
    .exposure = g_settings_get_int (settings, "exposure"),
    .white_balance = g_settings_get_int (settings, "white-balance"),
    .focus = g_settings_get_int (settings, "focus"),
  });
}

static void
on_switched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The Settings page switches, and says why it failed, before it writes. */
  if (!gp_camera_switch_finish (GP_CAMERA (source), result, &error))
    g_warning ("%s", error->message);
}

static void
on_camera_changed (GSettings  *settings,
                   const char *key,
                   GpStation  *station)
{
  GpCamera *camera = gp_station_get_camera (station);
  g_autofree char *text = NULL;
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (key, "camera"))
    {
      gp_settings_apply_camera_controls (settings, camera);
      return;
    }
  text = g_settings_get_string (settings, key);
  spec = gp_camera_spec_parse (text, &error);
  if (spec == NULL)
    g_warning ("%s", error->message);
  else
    gp_camera_switch_async (camera, spec, NULL, on_switched, NULL);
}

static void
on_changed (GSettings  *settings,
            const char *key,
            GpStation  *station)
{
  g_autofree char *value = g_settings_get_string (settings, key);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (key, "printer"))
    gp_station_set_printer (station, value);
  else if (g_str_equal (key, "layout"))
    gp_station_set_layout (station, value);
  else if (g_str_equal (key, "station-name"))
    gp_station_set_name (station, value);
  else if (g_str_equal (key, "operator"))
    gp_station_set_operator (station, value);
  else if (g_str_equal (key, "profile"))
    gp_station_set_profile (station, value, &error);
  else if (g_str_equal (key, "batch"))
    gp_station_set_batch (station, value, &error);
  /* The Settings page checks a profile or batch before it writes one. */
  if (error != NULL)
    g_warning ("%s", error->message);
}

void
gp_settings_apply_follow (GSettings *settings,
                          GpStation *station)
{
  const char *keys[] = { "printer", "layout", "station-name", "operator", "profile", "batch" };
  const char *camera_keys[] = { "camera", "power-line-frequency", "exposure", "white-balance", "focus" };

  g_return_if_fail (G_IS_SETTINGS (settings) && GP_IS_STATION (station));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);
      g_autofree char *read_once = NULL;

      g_signal_connect_object (settings, signal, G_CALLBACK (on_changed), station, 0);
      /* Some backends only say what changed for keys read since connecting. */
      read_once = g_settings_get_string (settings, keys[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (camera_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", camera_keys[i], NULL);
      g_autoptr(GVariant) read_once = NULL;

      g_signal_connect_object (settings, signal, G_CALLBACK (on_camera_changed), station, 0);
      read_once = g_settings_get_value (settings, camera_keys[i]);
    }
}
