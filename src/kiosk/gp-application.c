/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The kiosk application: options, settings, the station, and the actions
 * that buttons, keys and tests all go through. */
#define G_LOG_DOMAIN "gp-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-paths.h"
#include "gp-resources.h"
#include "kiosk/gp-application.h"
#include "kiosk/gp-ask.h"
#include "kiosk/gp-geometry.h"
#include "kiosk/gp-keyboard-lock.h"
#include "kiosk/gp-screen-awake.h"
#include "kiosk/gp-server-status.h"
#include "kiosk/gp-settings-apply.h"
#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-window.h"
#include "station/gp-demo-student.h"
#include "store/gp-reconcile.h"
#include "store/gp-roster.h"
#include "sync/gp-sync-worker.h"

struct _GpApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  char           *camera_option;
  char           *printer_option;
  char           *server_option;
  gboolean        windowed;
  GpStation      *station;
  GpSyncWorker   *sync_worker;    /* NULL without an event server */
  GSimpleAction  *phase_action;
  GpAsk           ask;
  GpStaffMode    *staff;   /* the window's */
};

G_DEFINE_FINAL_TYPE (GpApplication, gp_application, GTK_TYPE_APPLICATION)

static const char *
demo_data_dir (void)
{
  const char *dir = g_getenv ("GRADPHOTO_DATADIR");

  return dir != NULL ? dir : PKGDATADIR;
}

static void
show_fatal (GpApplication *self,
            const char    *message)
{
  GtkWidget *dialog;

  g_printerr ("gradphoto: %s\n", message);
  dialog = gtk_message_dialog_new (NULL, GTK_DIALOG_MODAL, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("GradPhoto cannot start"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_widget_show (dialog);
}

/* The demo camera films the demo roster's students, so a fresh station
 * without a roster gets that one. */
static gboolean
import_demo_roster (GpStore  *store,
                    GError  **error)
{
  g_autofree char *path = g_build_filename (demo_data_dir (), "demo-roster.csv", NULL);
  g_autoptr(GpRosterReport) report = NULL;
  int students = gp_store_count_students (store, error);

  if (students != 0)
    return students > 0;
  report = gp_roster_import_file (store, path, error);
  return report != NULL;
}

/* Shows @kind's question (GP_ASK_NONE: none); TRUE when it was just asked
 * and this second press answers yes. */
static gboolean
ask (GpApplication *self,
     GpAskKind      kind)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gboolean confirmed = FALSE;

  if (kind == GP_ASK_NONE)
    gp_ask_clear (&self->ask);
  else
    confirmed = gp_ask_confirmed (&self->ask, kind, g_get_monotonic_time ());
  if (GP_IS_WINDOW (window))
    gp_window_set_question (GP_WINDOW (window), gp_ask_question (self->ask.kind));
  return confirmed;
}

static void
on_phase_changed (GpApplication *self)
{
  GpPhase phase = gp_station_get_phase (self->station);

  g_simple_action_set_state (self->phase_action, g_variant_new_string (gp_phase_to_string (phase)));
  /* A question is about the screen it was asked on. */
  if (phase != GP_PHASE_PRINTING)
    ask (self, GP_ASK_NONE);
}

/* A crash can leave a photo without its record, or the reverse: repair
 * what can be repaired and say what was found. */
static void
reconcile_store (GpStore *store)
{
  g_autofree char *photos_dir = gp_paths_photos_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GpReconcileReport) report = gp_store_reconcile (store, photos_dir, &error);
  g_autofree char *text = NULL;

  if (report == NULL)
    g_message ("%s", error->message);
  else if (!gp_reconcile_report_is_clean (report))
    {
      text = gp_reconcile_report_describe (report);
      g_message ("%s", text);
    }
}

static GpStation *
create_station (GpApplication  *self,
                GError        **error)
{
  g_autofree char *db_path = gp_paths_database ();
  g_autofree char *camera_text = NULL;
  g_autofree char *station_name = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *operator_name = NULL;
  g_autoptr(GpCameraSpec) spec = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpCamera) camera = NULL;
  g_autoptr(GpStation) station = NULL;

  camera_text = self->camera_option != NULL ? g_strdup (self->camera_option)
                                            : g_settings_get_string (self->settings, "camera");
  spec = gp_camera_spec_parse (camera_text, error);
  if (spec == NULL)
    return NULL;
  store = gp_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  reconcile_store (store);
  camera = gp_camera_new (spec, error);
  if (camera == NULL)
    return NULL;
  gp_camera_set_preview_mirrored (camera, g_settings_get_boolean (self->settings, "mirror-preview"));
  gp_settings_apply_camera_controls (self->settings, camera);

  station = gp_station_new (store, camera);
  profile = g_settings_get_string (self->settings, "profile");
  if (!gp_station_set_profile (station, profile, error))
    return NULL;
  batch = g_settings_get_string (self->settings, "batch");
  if (!gp_station_set_batch (station, batch, error))
    return NULL;
  station_name = g_settings_get_string (self->settings, "station-name");
  gp_station_set_name (station, station_name);
  operator_name = g_settings_get_string (self->settings, "operator");
  gp_station_set_operator (station, operator_name);
  printer = self->printer_option != NULL ? g_strdup (self->printer_option)
                                         : g_settings_get_string (self->settings, "printer");
  gp_station_set_printer (station, printer);
  layout = g_settings_get_string (self->settings, "layout");
  gp_station_set_layout (station, layout);

  if (gp_camera_get_kind (camera) == GP_CAMERA_KIND_DEMO)
    {
      g_autofree char *mask_path = g_build_filename (demo_data_dir (), "portraits",
                                                     "portrait-hopper-mask.png", NULL);

      if (!import_demo_roster (store, error) ||
          !gp_demo_student_attach (station, gp_camera_get_frame_source (camera), DEMO_PORTRAIT,
                                   mask_path, error))
        return NULL;
    }
  return g_steal_pointer (&station);
}

/* With an event server, the station keeps in step with the other rooms;
 * without one it works alone, as it always did. */
static void
start_sync (GpApplication *self,
            GpWindow      *window)
{
  g_autofree char *server = self->server_option != NULL ? g_strdup (self->server_option)
                                                        : g_settings_get_string (self->settings, "server");
  g_autofree char *name = g_settings_get_string (self->settings, "station-name");
  g_autofree char *photos_dir = gp_paths_photos_dir ();

  if (*server == '\0')
    return;
  self->sync_worker = gp_sync_worker_new (gp_station_get_store (self->station), photos_dir, server,
                                          *name != '\0' ? name : g_get_host_name ());
  gp_window_add_status (window, gp_server_status_new (self->sync_worker));
  gp_sync_worker_start (self->sync_worker);
}

static void
gp_application_activate (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GpWindow *window;

  if (self->station != NULL)
    {
      gtk_window_present (gtk_application_get_active_window (GTK_APPLICATION (app)));
      return;
    }

  self->station = create_station (self, &error);
  if (self->station == NULL)
    {
      show_fatal (self, error->message);
      return;
    }
  g_signal_connect_object (self->station, "notify::phase", G_CALLBACK (on_phase_changed), self, G_CONNECT_SWAPPED);

  window = gp_window_new (GTK_APPLICATION (app), self->station);
  start_sync (self, window);
  g_set_weak_pointer (&self->staff, gp_staff_mode_attach (GTK_WINDOW (window), self->station));
  if (!self->windowed && g_settings_get_boolean (self->settings, "fullscreen"))
    {
      gp_window_cover_screen (window);
      gp_keyboard_lock (GTK_WINDOW (window));
    }
  gtk_window_present (GTK_WINDOW (window));
  /* A station waits between students: the screen must not blank. */
  gtk_application_inhibit (GTK_APPLICATION (app), GTK_WINDOW (window),
                           GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                           _("Photographing students"));
  gp_screen_awake_start (GTK_WIDGET (window));

  /* A camera that fails to start is shown on screen; the station waits for it. */
  if (!gp_station_start (self->station, &error))
    {
      g_warning ("%s", error->message);
      gp_window_show_camera_error (window, error->message);
    }
  on_phase_changed (self);
}

static void
on_capture (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;
  if (self->station != NULL)
    gp_station_capture (self->station);
}

static void
on_retake (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;
  if (self->station != NULL)
    gp_station_retake (self->station);
}

/* Once the photo's sheet is made, a second one is asked for first: a double
 * click prints once. */
static void
on_print (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;

  if (self->station == NULL)
    return;
  if (gp_station_get_phase (self->station) == GP_PHASE_PRINTED && !ask (self, GP_ASK_REPRINT))
    return;
  gp_station_print (self->station);
}

static void
on_next (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;
  if (self->station != NULL)
    gp_station_next (self->station);
}

/* Enter: the next student, asking first when that drops the student on
 * screen, or leaves them without the sheet the station prints. */
static void
on_proceed (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;
  GpPhase phase;

  if (self->station == NULL)
    return;
  phase = gp_station_get_phase (self->station);
  if (phase == GP_PHASE_IDENTIFIED && !ask (self, GP_ASK_DROP_STUDENT))
    return;
  if (phase == GP_PHASE_CAPTURED && gp_station_get_printer (self->station) != NULL &&
      !ask (self, GP_ASK_NEXT_UNPRINTED))
    return;
  gp_station_next (self->station);
}

/* Esc: no to the question on screen. */
static void
on_cancel (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ask (user_data, GP_ASK_NONE);
}

/* For codes the camera cannot read: the photographer types the code or 学号. */
static void
on_enter_code (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;
  if (self->station != NULL)
    gp_station_submit_code (self->station, g_variant_get_string (param, NULL));
}

/* Test-only: the layout test reads where each label and button is. */
static void
on_test_geometry (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr(GError) error = NULL;

  if (window != NULL && !gp_geometry_write (window, g_variant_get_string (param, NULL), &error))
    g_warning ("%s", error->message);
}

/* Outside staff mode, the staff PIN first: anyone in the queue can press Ctrl+Q. */
static void
on_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GpApplication *self = user_data;

  if (self->staff == NULL || gp_staff_mode_may_quit (self->staff))
    g_application_quit (G_APPLICATION (self));
}

/* Read-only: its state tells tests and screen readers where the station is. */
static void
on_phase_change_state (GSimpleAction *action, GVariant *value, gpointer user_data)
{
}

static const GActionEntry app_actions[] = {
  { .name = "capture", .activate = on_capture },
  { .name = "retake", .activate = on_retake },
  { .name = "print", .activate = on_print },
  { .name = "next", .activate = on_next },
  { .name = "proceed", .activate = on_proceed },
  { .name = "cancel", .activate = on_cancel },
  { .name = "enter-code", .activate = on_enter_code, .parameter_type = "s" },
  { .name = "quit", .activate = on_quit },
  { .name = "phase", .state = "'waiting'", .change_state = on_phase_change_state },
};

static void
gp_application_startup (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (gp_application_parent_class)->startup (app);
  gp_register_resource ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  self->phase_action = G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "phase"));
  if (g_getenv ("GRADPHOTO_TEST_HOOKS") != NULL)
    {
      static const GActionEntry test_actions[] = {
        { .name = "test-geometry", .activate = on_test_geometry, .parameter_type = "s" },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (app), test_actions, G_N_ELEMENTS (test_actions), app);
    }
  /* The other keys depend on the phase and on typing a code: gp-keys.c. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  gtk_css_provider_load_from_resource (css, APP_PATH "/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (), GTK_STYLE_PROVIDER (css),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
}

static int
gp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GpApplication *self = GP_APPLICATION (app);
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gradphoto %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "camera", "s", &self->camera_option);
  g_variant_dict_lookup (options, "printer", "s", &self->printer_option);
  g_variant_dict_lookup (options, "server", "s", &self->server_option);
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    gp_paths_set_data_dir (data_dir);
  self->windowed = g_variant_dict_contains (options, "windowed");

  /* The running kiosk keeps its camera, printer and folder: options given to
   * a second launch would be dropped without a word. */
  if (self->camera_option != NULL || self->printer_option != NULL || data_dir != NULL || self->windowed)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("gradphoto: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          g_printerr ("gradphoto: %s\n", _("GradPhoto is already running in this session, with its own camera, "
                                            "printer and data folder. Quit it (Ctrl+Q) to start it with other "
                                            "options."));
          return 2;
        }
    }
  return -1;
}

static void
gp_application_shutdown (GApplication *app)
{
  GpApplication *self = GP_APPLICATION (app);

  if (self->sync_worker != NULL)
    gp_sync_worker_stop (self->sync_worker);
  g_clear_object (&self->sync_worker);
  g_clear_weak_pointer (&self->staff);
  g_clear_object (&self->station);
  G_APPLICATION_CLASS (gp_application_parent_class)->shutdown (app);
}

static void
gp_application_finalize (GObject *object)
{
  GpApplication *self = GP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->camera_option);
  g_free (self->printer_option);
  g_free (self->server_option);
  G_OBJECT_CLASS (gp_application_parent_class)->finalize (object);
}

static void
gp_application_class_init (GpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gp_application_finalize;
  app_class->startup = gp_application_startup;
  app_class->activate = gp_application_activate;
  app_class->shutdown = gp_application_shutdown;
  app_class->handle_local_options = gp_application_handle_local_options;
}

static void
gp_application_init (GpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "camera", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Camera: auto, demo, v4l2:/dev/videoN, frames:FOLDER or pipeline:DESCRIPTION"), N_("CAMERA") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Folder for the station's database, photos and sheets"), N_("DIR") },
    { "printer", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("CUPS printer for photo sheets (default: the setting; none writes PDF files)"), N_("PRINTER") },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Event server: a PostgreSQL connection string or service name (default: the setting; empty works alone)"),
      N_("URI") },
    { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run in a window instead of fullscreen"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->settings = g_settings_new (APP_ID);
}

GpApplication *
gp_application_new (void)
{
  return g_object_new (GP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
