/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What each key does in the kiosk. A photographer works from the keyboard
 * (Space capture, R retake, P print, Enter next, Esc cancel), and in the
 * waiting phase whatever is typed is a code: keyboard-wedge barcode
 * scanners type the code and Enter within ~100 ms. */
#define G_LOG_DOMAIN "gp-keys"

#include "config.h"

#include "kiosk/gp-keys.h"

/* The app action for a key in a phase, or NULL. */
const char *
gp_keys_action (GpPhase phase,
                guint   keyval,
                guint   state)
{
  if ((state & (GDK_CONTROL_MASK | GDK_MOD1_MASK | GDK_SUPER_MASK)) != 0)
    return NULL;
  switch (keyval)
    {
    case GDK_KEY_space:
      return phase == GP_PHASE_IDENTIFIED ? "capture" : NULL;
    case GDK_KEY_r:
    case GDK_KEY_R:
      return phase == GP_PHASE_CAPTURED || phase == GP_PHASE_PRINTED ? "retake" : NULL;
    case GDK_KEY_p:
    case GDK_KEY_P:
      return phase == GP_PHASE_CAPTURED || phase == GP_PHASE_PRINTED ? "print" : NULL;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      return phase != GP_PHASE_WAITING ? "proceed" : NULL;
    case GDK_KEY_Escape:
      return "cancel";
    default:
      return NULL;
    }
}

static gboolean
is_typed_character (GdkEventKey *event)
{
  gunichar c = gdk_keyval_to_unicode (event->keyval);

  return (event->state & (GDK_CONTROL_MASK | GDK_MOD1_MASK | GDK_SUPER_MASK)) == 0 &&
         c != 0 && g_unichar_isprint (c);
}

static void
open_entry (GtkWidget *code_entry)
{
  gtk_widget_show (code_entry);
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (code_entry));
}

/* Runs before the window's own handling, so keys mean the same whichever
 * button has focus, except Space and Enter on a button reached with Tab. */
gboolean
gp_keys_press (GtkWindow   *window,
               GtkWidget   *code_entry,
               GpPhase      phase,
               GdkEventKey *event)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));
  const char *action;

  if (focus == code_entry && gtk_widget_get_visible (code_entry))
    {
      if (event->keyval != GDK_KEY_Escape)
        return FALSE;   /* the entry takes it; Enter submits */
      gtk_entry_set_text (GTK_ENTRY (code_entry), "");
      gtk_widget_hide (code_entry);
      return TRUE;
    }
  if (phase == GP_PHASE_WAITING && (event->keyval == GDK_KEY_F2 || is_typed_character (event)))
    {
      open_entry (code_entry);
      if (event->keyval != GDK_KEY_F2)
        gtk_widget_event (code_entry, (GdkEvent *) event);
      return TRUE;
    }
  if (GTK_IS_BUTTON (focus) && gtk_window_get_focus_visible (window) &&
      (event->keyval == GDK_KEY_space || event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter))
    return FALSE;
  action = gp_keys_action (phase, event->keyval, event->state);
  if (action == NULL || app == NULL)
    return FALSE;
  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  return TRUE;
}
