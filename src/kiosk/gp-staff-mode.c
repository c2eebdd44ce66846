/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode and the lock around it: the student screen is all the queue
 * sees; the staff PIN opens staff mode or quits, and every entry, wrong
 * PIN and staff action goes into the audit log with the operator's name. */
#define G_LOG_DOMAIN "gp-staff-mode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/gp-staff-pin.h"
#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-staff-printing.h"
#include "kiosk/gp-staff-progress.h"
#include "kiosk/gp-staff-review.h"
#include "kiosk/gp-staff-settings.h"
#include "kiosk/gp-staff-walkin.h"
#include "kiosk/gp-settings-apply.h"

typedef enum {
  STATE_STUDENTS,
  STATE_PIN,
  STATE_STAFF,
} State;

typedef enum {
  WANT_ENTER,
  WANT_QUIT,
} Want;

struct _GpStaffMode
{
  GtkStack       parent_instance;

  /* template widgets */
  GtkLabel      *pin_title;
  GtkEntry      *pin_entry;
  GtkLabel      *pin_message;
  GtkLabel      *operator_label;
  GtkLabel      *idle_label;
  GtkStack      *pages;

  /* borrowed */
  GtkWindow     *window;
  GtkStack      *screens;
  GApplication  *app;

  /* owned */
  GpStation     *station;
  GpStaffPin    *pin;
  GSettings     *settings;
  GCancellable  *cancellable;
  char          *chosen;       /* a new PIN typed once, until typed again */
  State          state;
  Want           want;
  gboolean       checking;
  gint64         last_input;   /* monotonic µs */
  guint          idle_timer;
};

G_DEFINE_FINAL_TYPE (GpStaffMode, gp_staff_mode, GTK_TYPE_STACK)

static const char *const state_names[] = { "students", "pin", "staff" };

/* As photos record it: the operator setting, empty is the session's user. */
char *
gp_staff_operator (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "operator");

  return *name != '\0' ? g_steal_pointer (&name) : g_strdup (g_get_user_name ());
}

static char *
operator_name (GpStaffMode *self)
{
  return gp_staff_operator (self->settings);
}

/* The audit log is kept by the store: written off the main thread. */
static void
audit (GpStore    *store,
       const char *actor,
       const char *action,
       const char *detail)
{
  g_autoptr(GError) error = NULL;

  if (!gp_store_audit (store, actor, action, 0, 0, detail, &error))
    g_message ("%s", error->message);
}

typedef struct {
  GpStore     *store;
  GpStaffPin  *pin;
  char        *typed;      /* NULL: only an audit entry */
  gboolean     setting;    /* typed is a new PIN */
  char        *actor;
  char        *action;     /* audited once the PIN is right */
  char        *detail;
} Job;

static void
job_free (Job *job)
{
  if (job->typed != NULL)
    explicit_bzero (job->typed, strlen (job->typed));
  g_free (job->typed);
  g_free (job->actor);
  g_free (job->action);
  g_free (job->detail);
  g_clear_object (&job->pin);
  g_clear_object (&job->store);
  g_free (job);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      data,
         GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  gboolean ok = TRUE;

  if (job->typed != NULL && job->setting)
    {
      ok = gp_staff_pin_set (job->pin, job->typed, &error);
      if (ok)
        audit (job->store, job->actor, "staff-pin-set", NULL);
    }
  else if (job->typed != NULL)
    {
      ok = gp_staff_pin_check (job->pin, job->typed, g_get_monotonic_time (), &error);
      if (!ok)
        audit (job->store, job->actor, "staff-pin-wrong", error->message);
    }
  if (ok)
    {
      audit (job->store, job->actor, job->action, job->detail);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static GTask *
start_job (GpStaffMode         *self,
           const char          *action,
           const char          *detail,
           GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, done, NULL);
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (gp_station_get_store (self->station));
  job->pin = g_object_ref (self->pin);
  job->actor = operator_name (self);
  job->action = g_strdup (action);
  job->detail = g_strdup (detail);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return g_steal_pointer (&task);
}

static void
set_state (GpStaffMode *self,
           State        state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->app), "staff-mode");

  self->state = state;
  gtk_stack_set_visible_child_name (self->screens, state == STATE_STUDENTS ? "student" : "staff");
  if (state != STATE_STUDENTS)
    gtk_stack_set_visible_child_name (GTK_STACK (self), state == STATE_PIN ? "pin" : "staff");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (state_names[state]));
}

static void
show_pin_prompt (GpStaffMode *self)
{
  const char *title;

  if (!gp_staff_pin_is_set (self->pin))
    title = self->chosen == NULL ? _("Choose a staff PIN (4 to 12 digits)") : _("Type the new staff PIN again");
  else if (self->want == WANT_QUIT)
    title = _("Staff PIN to quit GradPhoto");
  else
    title = _("Staff PIN");
  gtk_label_set_text (self->pin_title, title);
  gtk_entry_set_text (self->pin_entry, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_entry), TRUE);
  set_state (self, STATE_PIN);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
ask_pin (GpStaffMode *self,
         Want         want)
{
  self->want = want;
  gtk_label_set_text (self->pin_message, "");
  show_pin_prompt (self);
}

/* Staff pages show what the store holds now. */
static void
refresh_page (GpStaffMode *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);

  if (self->state != STATE_STAFF)
    return;
  if (GP_IS_STAFF_PROGRESS (page))
    gp_staff_progress_refresh (GP_STAFF_PROGRESS (page));
  else if (GP_IS_STAFF_REVIEW (page))
    gp_staff_review_refresh (GP_STAFF_REVIEW (page));
  else if (GP_IS_STAFF_SETTINGS (page))
    gp_staff_settings_refresh (GP_STAFF_SETTINGS (page));
  else if (GP_IS_STAFF_PRINTING (page))
    gp_staff_printing_refresh (GP_STAFF_PRINTING (page));
}

/* Also when the Settings page changes the operator. */
static void
show_operator (GpStaffMode *self)
{
  g_autofree char *name = operator_name (self);
  g_autofree char *text = NULL;

  /* Translators: the photographer's name in staff mode's top bar */
  text = g_strdup_printf (_("Operator: %s"), name);
  gtk_label_set_text (self->operator_label, text);
}

static void
show_staff (GpStaffMode *self)
{
  g_autofree char *idle_text = NULL;
  guint idle = g_settings_get_uint (self->settings, "staff-idle-timeout");

  show_operator (self);
  if (idle % 60 == 0)
    idle_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Staff mode closes by itself after %u minute without a key or a click.",
                                              "Staff mode closes by itself after %u minutes without a key or a click.",
                                              idle / 60), idle / 60);
  else
    idle_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Staff mode closes by itself after %u second without a key or a click.",
                                              "Staff mode closes by itself after %u seconds without a key or a click.",
                                              idle), idle);
  gtk_label_set_text (self->idle_label, idle_text);
  set_state (self, STATE_STAFF);
  refresh_page (self);
  gtk_window_set_focus (self->window, NULL);
}

static void
audit_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
audit_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Job *job = data;

  audit (job->store, job->actor, job->action, job->detail);
  g_task_return_boolean (task, TRUE);
}

void
gp_staff_audit (GpStation  *station,
                GSettings  *settings,
                const char *action,
                const char *detail)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, audit_done, NULL);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (GP_IS_STATION (station) && action != NULL);

  job->store = g_object_ref (gp_station_get_store (station));
  job->actor = gp_staff_operator (settings);
  job->action = g_strdup (action);
  job->detail = g_strdup (detail);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, audit_in_thread);
}

static void
leave (GpStaffMode *self,
       const char  *why)
{
  if (self->state == STATE_STAFF)
    gp_staff_audit (self->station, self->settings, "staff-leave", why);
  g_clear_pointer (&self->chosen, g_free);
  gtk_entry_set_text (self->pin_entry, "");
  gtk_label_set_text (self->pin_message, "");
  set_state (self, STATE_STUDENTS);
  gtk_window_set_focus (self->window, NULL);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GpStaffMode *self = GP_STAFF_MODE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->checking = FALSE;
      g_clear_pointer (&self->chosen, g_free);
      gtk_label_set_text (self->pin_message, error->message);
      show_pin_prompt (self);
      return;
    }
  self->checking = FALSE;
  g_clear_pointer (&self->chosen, g_free);
  if (self->state != STATE_PIN)
    return;   /* left while the PIN was checked */
  if (self->want == WANT_QUIT)
    g_application_quit (self->app);
  else
    show_staff (self);
}

/* Without a PIN yet, the first one is chosen here, typed twice. */
static void
on_pin_activate (GtkEntry    *entry,
                 GpStaffMode *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = g_strdup (gtk_entry_get_text (entry));
  gboolean setting = !gp_staff_pin_is_set (self->pin);
  Job *job;

  gtk_entry_set_text (entry, "");
  if (self->checking || self->state != STATE_PIN)
    return;
  if (setting && self->chosen == NULL)
    {
      if (!gp_staff_pin_valid (typed, &error))
        gtk_label_set_text (self->pin_message, error->message);
      else
        {
          self->chosen = g_steal_pointer (&typed);
          gtk_label_set_text (self->pin_message, "");
        }
      show_pin_prompt (self);
      return;
    }
  if (setting && !g_str_equal (self->chosen, typed))
    {
      g_clear_pointer (&self->chosen, g_free);
      gtk_label_set_text (self->pin_message, _("The two PINs differ. Choose a staff PIN again."));
      show_pin_prompt (self);
      return;
    }

  task = start_job (self, self->want == WANT_QUIT ? "quit" : "staff-enter", NULL, on_checked);
  job = g_task_get_task_data (task);
  job->typed = g_steal_pointer (&typed);
  job->setting = setting;
  self->checking = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (entry), FALSE);
  gtk_label_set_text (self->pin_message, _("Checking…"));
  g_task_run_in_thread (task, run_job);
}

static gboolean
on_pin_key (GtkWidget   *widget,
            GdkEventKey *event,
            GpStaffMode *self)
{
  if (event->keyval != GDK_KEY_Escape)
    return FALSE;
  leave (self, NULL);
  return TRUE;
}

static gboolean
on_window_event (GtkWidget   *widget,
                 GdkEvent    *event,
                 GpStaffMode *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return FALSE;
}

/* Staff mode left open at a station in a queue closes by itself. */
static gboolean
check_idle (gpointer user_data)
{
  GpStaffMode *self = user_data;
  gint64 idle = (gint64) g_settings_get_uint (self->settings, "staff-idle-timeout") * G_USEC_PER_SEC;

  if (self->state != STATE_STUDENTS && !self->checking && g_get_monotonic_time () - self->last_input >= idle)
    leave (self, "no input");
  return G_SOURCE_CONTINUE;
}

/* Closing the window (Alt+F4, the window manager's close) is quitting. */
static gboolean
on_delete (GtkWidget   *widget,
           GdkEvent    *event,
           GpStaffMode *self)
{
  if (gp_staff_mode_may_quit (self))
    g_application_quit (self->app);
  return TRUE;
}

gboolean
gp_staff_mode_may_quit (GpStaffMode *self)
{
  g_return_val_if_fail (GP_IS_STAFF_MODE (self), FALSE);

  if (g_getenv (GP_STAFF_MODE_TEST_QUIT_ENV) != NULL)
    return TRUE;
  if (self->state == STATE_STAFF)
    {
      g_autofree char *actor = operator_name (self);

      /* The process ends next: this one entry is written before it does. */
      audit (gp_station_get_store (self->station), actor, "quit", NULL);
      return TRUE;
    }
  if (self->state != STATE_PIN || self->want != WANT_QUIT)
    ask_pin (self, WANT_QUIT);
  return FALSE;
}

static void
on_staff (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpStaffMode *self = user_data;

  if (self->state == STATE_STUDENTS)
    ask_pin (self, WANT_ENTER);
  else
    leave (self, NULL);
}

static void
on_staff_page (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpStaffMode *self = user_data;
  const char *name = g_variant_get_string (param, NULL);

  if (self->state == STATE_STAFF && gtk_stack_get_child_by_name (self->pages, name) != NULL)
    gtk_stack_set_visible_child_name (self->pages, name);
}

static void
on_staff_leave (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  leave (user_data, NULL);
}

/* Read-only: tests read where the kiosk is from its state. */
static void
on_staff_mode_change_state (GSimpleAction *action, GVariant *value, gpointer user_data)
{
}

static const GActionEntry staff_actions[] = {
  { .name = "staff", .activate = on_staff },
  { .name = "staff-leave", .activate = on_staff_leave },
  { .name = "staff-page", .activate = on_staff_page, .parameter_type = "s" },
  { .name = "staff-mode", .state = "'students'", .change_state = on_staff_mode_change_state },
};

static void
gp_staff_mode_dispose (GObject *object)
{
  GpStaffMode *self = GP_STAFF_MODE (object);

  if (self->app != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (staff_actions); i++)
      g_action_map_remove_action (G_ACTION_MAP (self->app), staff_actions[i].name);
  self->app = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_timer, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->station);
  g_clear_object (&self->pin);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->chosen, g_free);
  G_OBJECT_CLASS (gp_staff_mode_parent_class)->dispose (object);
}

static void
gp_staff_mode_class_init (GpStaffModeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_mode_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, pin_title);
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, pin_message);
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, operator_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, idle_label);
  gtk_widget_class_bind_template_child (widget_class, GpStaffMode, pages);
}

static void
gp_staff_mode_init (GpStaffMode *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->pin = gp_staff_pin_new (NULL);
  g_signal_connect (self->pin_entry, "activate", G_CALLBACK (on_pin_activate), self);
  g_signal_connect (self->pin_entry, "key-press-event", G_CALLBACK (on_pin_key), self);
}

GpStaffMode *
gp_staff_mode_attach (GtkWindow *window,
                      GpStation *station)
{
  static const char *staff_accels[] = { "<Control><Alt>s", NULL };
  GtkWidget *student = gtk_bin_get_child (GTK_BIN (window));
  GtkApplication *app = gtk_window_get_application (window);
  GpStaffMode *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window) && GTK_IS_WIDGET (student) && app != NULL, NULL);

  self = g_object_new (GP_TYPE_STAFF_MODE, NULL);
  self->window = window;
  self->app = G_APPLICATION (app);
  self->station = g_object_ref (station);
  self->last_input = g_get_monotonic_time ();
  gtk_stack_add_titled (self->pages, gp_staff_progress_new (station, self->settings), "progress", _("Progress"));
  gtk_stack_add_titled (self->pages, gp_staff_review_new (station, self->settings), "review", _("Review"));
  gtk_stack_add_titled (self->pages, gp_staff_printing_new (station, self->settings), "printing", _("Printing"));
  gtk_stack_add_titled (self->pages, gp_staff_settings_new (station, self->settings), "settings", _("Settings"));
  gtk_stack_add_titled (self->pages, gp_staff_walkin_new (station, self->settings), "walk-in", _("Walk-in"));
  gp_settings_apply_follow (self->settings, station);
  g_signal_connect_object (self->settings, "changed::operator", G_CALLBACK (show_operator), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages, "notify::visible-child", G_CALLBACK (refresh_page), self, G_CONNECT_SWAPPED);

  /* The student screen and this one, never both: staff pages show full names. */
  self->screens = GTK_STACK (gtk_stack_new ());
  g_object_ref (student);
  gtk_container_remove (GTK_CONTAINER (window), student);
  gtk_stack_add_named (self->screens, student, "student");
  g_object_unref (student);
  gtk_stack_add_named (self->screens, GTK_WIDGET (self), "staff");
  gtk_widget_show (GTK_WIDGET (self->screens));
  gtk_container_add (GTK_CONTAINER (window), GTK_WIDGET (self->screens));
  gtk_stack_set_visible_child_name (self->screens, "student");

  g_action_map_add_action_entries (G_ACTION_MAP (app), staff_actions, G_N_ELEMENTS (staff_actions), self);
  gtk_application_set_accels_for_action (app, "app.staff", staff_accels);
  g_signal_connect_object (window, "delete-event", G_CALLBACK (on_delete), self, 0);
  g_signal_connect_object (window, "event", G_CALLBACK (on_window_event), self, 0);
  self->idle_timer = g_timeout_add_seconds (1, check_idle, self);
  return self;
}
