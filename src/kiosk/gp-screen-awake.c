/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Keeps an X display from blanking while the kiosk runs. GtkApplication's
 * inhibit asks the session manager, but a kiosk often runs without one
 * (a bare X server, xinit): there the X screen saver must be reset. */
#define G_LOG_DOMAIN "gp-screen-awake"

#include "config.h"

#include "kiosk/gp-screen-awake.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/gdkx.h>
#endif

/* Well under the shortest delay `xset s` takes (1 s); one cheap request. */
#define RESET_EVERY_MS 500

#ifdef GDK_WINDOWING_X11
static void
stop_resetting (GtkWidget *widget,
                gpointer   source)
{
  g_source_remove (GPOINTER_TO_UINT (source));
}

static gboolean
reset_screen_saver (gpointer user_data)
{
  GtkWidget *widget = user_data;
  GdkDisplay *display = gtk_widget_get_display (widget);

  XResetScreenSaver (gdk_x11_display_get_xdisplay (display));
  return G_SOURCE_CONTINUE;
}
#endif

/* Until @widget is destroyed. */
void
gp_screen_awake_start (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (widget)))
    {
      guint source = g_timeout_add (RESET_EVERY_MS, reset_screen_saver, widget);

      g_signal_connect (widget, "destroy", G_CALLBACK (stop_resetting), GUINT_TO_POINTER (source));
    }
#endif
}
