/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Writes the kiosk's geometry for the layout test (tests/e2e-kiosk-layout):
 * the monitor, the toplevel, and each drawn label and button with the area
 * that clips it, so the test can tell that nothing is cut off. */
#define G_LOG_DOMAIN "gp-geometry"

#include "config.h"

#include "kiosk/gp-geometry.h"

typedef struct {
  GtkWidget *toplevel;
  GString   *out;
} Walk;

static void
append_rect (GString      *out,
             GtkWidget    *widget,
             GtkWidget    *toplevel)
{
  int x = 0, y = 0;

  gtk_widget_translate_coordinates (widget, toplevel, 0, 0, &x, &y);
  g_string_append_printf (out, " %d %d %d %d", x, y,
                          gtk_widget_get_allocated_width (widget), gtk_widget_get_allocated_height (widget));
}

/* The nearest ancestor that cuts its children off at its edges. */
static GtkWidget *
clip_of (GtkWidget *widget,
         GtkWidget *toplevel)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_VIEWPORT (w) || GTK_IS_OVERLAY (w) || w == toplevel)
      return w;
  return toplevel;
}

static void
walk (GtkWidget *widget,
      gpointer   user_data)
{
  Walk *walk_data = user_data;
  const char *kind = NULL;
  const char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (!gtk_widget_is_drawable (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      kind = "label";
      text = gtk_label_get_text (GTK_LABEL (widget));
    }
  else if (GTK_IS_BUTTON (widget))
    {
      kind = "button";
      text = gtk_button_get_label (GTK_BUTTON (widget));
      /* An icon button is named by its tooltip. */
      if (text == NULL)
        text = tooltip = gtk_widget_get_tooltip_text (widget);
    }
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      /* Content taller than its view is content the station cannot see. */
      g_string_append_printf (walk_data->out, "scroll %d %d\n",
                              (int) gtk_adjustment_get_upper (v), (int) gtk_adjustment_get_page_size (v));
    }
  if (kind != NULL && text != NULL && *text != '\0')
    {
      g_autofree char *flat = g_strdelimit (g_strdup (text), "\n\t", ' ');

      g_string_append (walk_data->out, kind);
      append_rect (walk_data->out, widget, walk_data->toplevel);
      append_rect (walk_data->out, clip_of (widget, walk_data->toplevel), walk_data->toplevel);
      g_string_append_printf (walk_data->out, "\t%s\n", flat);
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), walk, walk_data);
}

gboolean
gp_geometry_write (GtkWindow   *window,
                   const char  *path,
                   GError     **error)
{
  GtkWidget *toplevel = GTK_WIDGET (window);
  GdkDisplay *display = gtk_widget_get_display (toplevel);
  GdkMonitor *monitor = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GdkRectangle area = { 0 };
  Walk walk_data = { toplevel, out };
  int width, height;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (gtk_widget_get_window (toplevel) != NULL)
    monitor = gdk_display_get_monitor_at_window (display, gtk_widget_get_window (toplevel));
  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &area);
  if (gtk_widget_get_window (toplevel) != NULL)
    {
      width = gdk_window_get_width (gtk_widget_get_window (toplevel));
      height = gdk_window_get_height (gtk_widget_get_window (toplevel));
    }
  else
    gtk_window_get_size (window, &width, &height);
  g_string_append_printf (out, "monitor %d %d\nwindow %d %d\n", area.width, area.height, width, height);
  gtk_container_forall (GTK_CONTAINER (toplevel), walk, &walk_data);
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}
