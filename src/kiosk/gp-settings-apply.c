/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Settings changed while the kiosk runs apply to the next student and the
 * next print, without a restart. */
#define G_LOG_DOMAIN "gp-settings-apply"

#include "config.h"

#include "kiosk/gp-settings-apply.h"

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

  g_return_if_fail (G_IS_SETTINGS (settings) && GP_IS_STATION (station));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", keys[i], NULL);
      g_autofree char *read_once = NULL;

      g_signal_connect_object (settings, signal, G_CALLBACK (on_changed), station, 0);
      /* Some backends only say what changed for keys read since connecting. */
      read_once = g_settings_get_string (settings, keys[i]);
    }
}
