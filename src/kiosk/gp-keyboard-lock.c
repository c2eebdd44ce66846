/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING.
 *
 * GTK 3 has no keyboard-shortcuts inhibit call (that is GTK 4); what it has
 * is a keyboard grab on the seat. Under X11, while one client holds an
 * active keyboard grab, the window manager's passive key grabs (Alt+F4,
 * Alt+Tab, Super, its launcher keys) do not fire: every key comes to the
 * kiosk. It does not stop what the X server or the kernel handle
 * themselves (Ctrl+Alt+F1… VT switches, Ctrl+Alt+Backspace when enabled,
 * SysRq), nor a pointer reaching panels. Under Wayland GTK 3.24 turns the
 * grab into a keyboard-shortcuts-inhibit request, which the compositor may
 * refuse or ask the user about. The window refusing delete-event is the
 * backstop for what gets through.
 */
#define G_LOG_DOMAIN "gp-keyboard-lock"

#include "config.h"

#include "kiosk/gp-keyboard-lock.h"

/* A grab is lost when a menu or another client grabs; it is taken back. */
#define REGRAB_MS 1000

static void
grab (GtkWindow *window)
{
  GdkWindow *surface = gtk_widget_get_window (GTK_WIDGET (window));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkDevice *keyboard = seat != NULL ? gdk_seat_get_keyboard (seat) : NULL;
  GdkGrabStatus status;

  if (surface == NULL || keyboard == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      gdk_display_device_is_grabbed (display, keyboard))
    return;
  /* owner_events: keys still reach the kiosk's own focused widget. */
  status = gdk_seat_grab (seat, surface, GDK_SEAT_CAPABILITY_KEYBOARD, TRUE, NULL, NULL, NULL, NULL);
  if (status != GDK_GRAB_SUCCESS)
    g_debug ("keyboard grab refused (%d); trying again", status);
}

static gboolean
keep_grab (gpointer user_data)
{
  grab (GTK_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_map (GtkWidget *widget,
        GdkEvent  *event,
        gpointer   user_data)
{
  grab (GTK_WINDOW (widget));
  return FALSE;
}

static void
stop_timer (gpointer id)
{
  g_source_remove (GPOINTER_TO_UINT (id));
}

void
gp_keyboard_lock (GtkWindow *window)
{
  guint timer;

  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect (window, "map-event", G_CALLBACK (on_map), NULL);
  /* The window owns the timer: it ends with it. */
  timer = g_timeout_add (REGRAB_MS, keep_grab, window);
  g_object_set_data_full (G_OBJECT (window), "gp-keyboard-lock", GUINT_TO_POINTER (timer), stop_timer);
}
