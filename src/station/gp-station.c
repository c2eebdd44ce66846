/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* One station's workflow: wait for a code, identify the student, capture,
 * record durably, print. The kiosk shows it; tests drive it the same way. */
#define G_LOG_DOMAIN "gp-station"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-paths.h"
#include "photo/gp-standardize.h"
#include "print/gp-layout.h"
#include "scan/gp-code.h"
#include "scan/gp-scanner.h"
#include "station/gp-capture-record.h"
#include "station/gp-elsewhere.h"
#include "station/gp-framing.h"
#include "station/gp-identify.h"
#include "station/gp-job-watch.h"
#include "station/gp-sheet-print.h"
#include "station/gp-station.h"

/* What is said about a code that identifies nobody lasts until the next
 * code, or until no code was seen for this long. */
#define CODE_NOTICE_MS 3000

struct _GpStation
{
  GObject        parent_instance;

  GpStore       *store;
  GpCamera      *camera;
  GpScanner     *scanner;
  GCancellable  *cancellable;

  GpPhase        phase;
  GpStudent     *student;
  int            previous_captures;
  gboolean       unpaid;
  guint          code_notice_timer;
  gint64         code_notice_at;  /* monotonic µs */
  gint64         capture_id;
  char          *notice;
  gboolean       notice_is_error;
  char          *photo_path;
  char          *sheet_path;
  char          *printer;
  char          *name;
  char          *operator_name;  /* the photographer, recorded with each photo */
  gint64         batch_id;      /* 0: codes of every batch are taken */

  GpProfile     *profile;
  GpFraming     *framing;
  GArray        *checks;        /* GpCheck of the last capture, or NULL */
  gboolean       photo_passed;

  GpLayout      *layout;        /* NULL when the layout setting is broken */
  char          *layout_error;
  GpJobWatch    *watch;         /* the last sheet's CUPS job, until it is over */
};

enum {
  PROP_0,
  PROP_PHASE,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GpStation, gp_station, G_TYPE_OBJECT)

const char *
gp_phase_to_string (GpPhase phase)
{
  static const char * const names[] = {
    "waiting", "identified", "capturing", "captured", "printing", "printed",
  };

  g_return_val_if_fail (phase <= GP_PHASE_PRINTED, NULL);
  return names[phase];
}

static void
set_notice (GpStation  *self,
            const char *notice,
            gboolean    is_error)
{
  g_clear_handle_id (&self->code_notice_timer, g_source_remove);
  g_free (self->notice);
  self->notice = g_strdup (notice);
  self->notice_is_error = is_error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

static void
set_phase (GpStation *self,
           GpPhase    phase)
{
  self->phase = phase;
  gp_scanner_set_paused (self->scanner, phase != GP_PHASE_WAITING);
  gp_framing_set_paused (self->framing, phase != GP_PHASE_IDENTIFIED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
stop_polling (GpStation *self)
{
  if (self->watch == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->watch, self);
  gp_job_watch_stop (self->watch);
  g_clear_object (&self->watch);
}

static gboolean
code_notice_tick (gpointer user_data)
{
  GpStation *self = user_data;
  gint64 last = MAX (self->code_notice_at, gp_scanner_get_last_sighting (self->scanner));

  if (g_get_monotonic_time () - last < CODE_NOTICE_MS * G_TIME_SPAN_MILLISECOND)
    return G_SOURCE_CONTINUE;
  self->code_notice_timer = 0;
  set_notice (self, NULL, FALSE);
  return G_SOURCE_REMOVE;
}

/* A refused code's notice, gone once the code has left the camera. */
static void
set_code_notice (GpStation  *self,
                 const char *notice)
{
  set_notice (self, notice, TRUE);
  self->code_notice_at = g_get_monotonic_time ();
  self->code_notice_timer = g_timeout_add (250, code_notice_tick, self);
}

static void
on_code_scanned (GpScanner *scanner,
                 GpQrCode  *code,
                 gpointer   user_data)
{
  GpStation *self = user_data;
  gsize length = 0;
  const char *raw;

  if (self->phase != GP_PHASE_WAITING)
    return;
  if (code->payload == NULL)
    {
      g_autofree char *read = NULL;
      g_autofree char *notice = NULL;

      raw = g_bytes_get_data (code->raw, &length);
      read = gp_code_excerpt (raw, (gssize) length);
      /* Translators: why the code is refused, then what was read */
      notice = g_strdup_printf (_("%s Read: “%s”."), code->problem, read);
      set_code_notice (self, notice);
      return;
    }
  gp_station_submit_code (self, code->payload);
}

void
gp_station_submit_code (GpStation  *self,
                        const char *code)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GpIdentification) who = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *said = NULL;

  g_return_if_fail (GP_IS_STATION (self));
  g_return_if_fail (code != NULL);

  if (self->phase != GP_PHASE_WAITING)
    return;

  /* Typed codes pass the limits and normalisation scanned ones did. */
  normal = gp_code_normalise (code, &error);
  if (normal == NULL)
    {
      g_autofree char *read = gp_code_excerpt (code, -1);
      g_autofree char *notice = g_strdup_printf (_("%s Read: “%s”."), error->message, read);

      set_code_notice (self, notice);
      return;
    }
  now = g_date_time_new_now_local ();
  who = gp_identify (self->store, normal, self->batch_id, now);
  if (who->student == NULL)
    {
      set_code_notice (self, who->notice);
      return;
    }
  g_clear_pointer (&self->student, gp_student_free);
  self->student = g_steal_pointer (&who->student);
  self->previous_captures = who->previous_captures;
  self->unpaid = who->unpaid;
  /* Photographed in another room (known through the event server): said first. */
  elsewhere = gp_elsewhere_notice (self->store, self->student->id, self->name, NULL);
  said = elsewhere != NULL && who->notice != NULL ? g_strjoin ("\n", elsewhere, who->notice, NULL)
                                                  : g_strdup (elsewhere != NULL ? elsewhere : who->notice);
  set_notice (self, said, FALSE);
  set_phase (self, GP_PHASE_IDENTIFIED);
}

gboolean
gp_station_set_batch (GpStation   *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(GpBatch) batch = NULL;

  g_return_val_if_fail (GP_IS_STATION (self), FALSE);

  if (name == NULL || *name == '\0')
    {
      self->batch_id = 0;
      return TRUE;
    }
  batch = gp_store_find_batch (self->store, name, error);
  if (batch == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                     _("This station collects for batch “%s”, which is not in its database. Import that "
                       "batch’s roster (gradphoto-admin import-roster --batch), or clear the batch setting."),
                     name);
      return FALSE;
    }
  self->batch_id = batch->id;
  return TRUE;
}

typedef struct {
  GpStore    *store;
  GpFrame    *frame;
  GpStudent  *student;
  char       *photos_dir;
  char       *station;
  char       *operator_name;
  char       *photo_path;
  gint64      capture_id;
  GpProfile  *profile;
  GArray     *checks;
  gboolean    passed;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->frame, gp_frame_unref);
  g_clear_pointer (&job->student, gp_student_free);
  g_free (job->photos_dir);
  g_free (job->station);
  g_free (job->operator_name);
  g_free (job->photo_path);
  g_clear_pointer (&job->profile, gp_profile_free);
  g_clear_pointer (&job->checks, g_array_unref);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GpStandardizeResult) standard = NULL;
  GpCaptureBy by = { .station = job->station, .operator_name = job->operator_name };
  GError *error = NULL;

  job->capture_id = gp_capture_record (job->store, job->photos_dir, job->student, job->frame, NULL,
                                       job->profile, &by, &standard, &job->photo_path, &error);
  if (job->capture_id < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  job->passed = standard->ok;
  job->checks = g_array_ref (standard->checks);
  g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GpStation *self = GP_STATION (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_notice (self, error->message, TRUE);
      set_phase (self, GP_PHASE_IDENTIFIED);
      return;
    }
  self->capture_id = job->capture_id;
  g_free (self->photo_path);
  self->photo_path = g_strdup (job->photo_path);
  g_clear_pointer (&self->checks, g_array_unref);
  self->checks = g_array_ref (job->checks);
  self->photo_passed = job->passed;
  if (job->passed)
    set_notice (self, NULL, FALSE);
  else
    {
      const GpCheck *failure = gp_checks_first_failure (job->checks);
      /* Translators: %s says what to fix, from the photo checks */
      g_autofree char *notice = g_strdup_printf (_("This photo would be refused: %s Please retake it."),
                                                 failure != NULL && failure->message != NULL ? failure->message : "");
      set_notice (self, notice, TRUE);
    }
  set_phase (self, GP_PHASE_CAPTURED);
}

static void
on_captured (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GpStation) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GpFrame *frame;
  SaveJob *job;

  frame = gp_camera_capture_finish (GP_CAMERA (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&frame, gp_frame_unref);
      return;
    }
  if (frame == NULL)
    {
      set_notice (self, error->message, TRUE);
      set_phase (self, GP_PHASE_IDENTIFIED);
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->store = g_object_ref (self->store);
  job->frame = frame;
  job->student = gp_student_copy (self->student);
  job->photos_dir = gp_paths_photos_dir ();
  job->station = g_strdup (self->name);
  job->operator_name = g_strdup (self->operator_name);
  job->profile = gp_profile_copy (self->profile);
  task = g_task_new (self, self->cancellable, on_saved, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

void
gp_station_capture (GpStation *self)
{
  g_return_if_fail (GP_IS_STATION (self));

  if (self->phase != GP_PHASE_IDENTIFIED)
    return;
  set_phase (self, GP_PHASE_CAPTURING);
  gp_camera_capture_async (self->camera, self->cancellable, on_captured, g_object_ref (self));
}

void
gp_station_retake (GpStation *self)
{
  g_return_if_fail (GP_IS_STATION (self));

  if (self->phase != GP_PHASE_CAPTURED && self->phase != GP_PHASE_PRINTED)
    return;
  self->previous_captures++;
  stop_polling (self);
  set_notice (self, NULL, FALSE);
  set_phase (self, GP_PHASE_IDENTIFIED);
}

static void
on_watch_notice (GpStation  *self,
                 const char *notice,
                 gboolean    is_error)
{
  set_notice (self, notice, is_error);
}

/* Until the job is over, so printer trouble shows in the notice. */
static void
start_polling (GpStation  *self,
               const char *printer,
               int         job_id)
{
  stop_polling (self);
  self->watch = gp_job_watch_new (self->store, printer, job_id);
  g_signal_connect_object (self->watch, "notice", G_CALLBACK (on_watch_notice), self, G_CONNECT_SWAPPED);
}

typedef struct {
  GpStation  *station;
  char       *printer;
  char       *sheet_path;
} Printing;

static void
printing_free (Printing *printing)
{
  g_object_unref (printing->station);
  g_free (printing->printer);
  g_free (printing->sheet_path);
  g_free (printing);
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Printing *printing = user_data;
  GpStation *self = printing->station;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  int job_id = 0;

  if (!gp_sheet_print_finish (result, &job_id, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_notice (self, error->message, TRUE);
          set_phase (self, GP_PHASE_CAPTURED);
        }
      printing_free (printing);
      return;
    }
  g_free (self->sheet_path);
  self->sheet_path = g_strdup (printing->sheet_path);
  if (printing->printer != NULL)
    notice = g_strdup_printf (_("Sent to printer %s (job %d)."), printing->printer, job_id);
  else
    notice = g_strdup_printf (_("No printer is set up: the sheet was saved as %s."), printing->sheet_path);
  set_notice (self, notice, FALSE);
  set_phase (self, GP_PHASE_PRINTED);
  if (printing->printer != NULL)
    start_polling (self, printing->printer, job_id);
  printing_free (printing);
}

void
gp_station_print (GpStation *self)
{
  g_autofree char *stem = NULL;
  Printing *printing;

  g_return_if_fail (GP_IS_STATION (self));

  if (self->phase != GP_PHASE_CAPTURED && self->phase != GP_PHASE_PRINTED)
    return;
  if (self->layout == NULL)
    {
      set_notice (self, self->layout_error, TRUE);
      return;
    }

  stop_polling (self);
  /* Named after the layout, as gradphoto-admin names sheets, so a reprint finds its paper. */
  stem = g_strdup_printf ("%s-%" G_GINT64_FORMAT, self->student->student_no, self->capture_id);
  printing = g_new0 (Printing, 1);
  printing->station = g_object_ref (self);
  printing->printer = self->printer != NULL && *self->printer != '\0' ? g_strdup (self->printer) : NULL;
  printing->sheet_path = gp_paths_sheet (stem, self->layout->name);

  set_phase (self, GP_PHASE_PRINTING);
  gp_sheet_print_async (self->store, self->student, self->capture_id, self->photo_path,
                        printing->sheet_path, printing->printer, self->layout,
                        self->cancellable, on_printed, printing);
}

void
gp_station_next (GpStation *self)
{
  g_return_if_fail (GP_IS_STATION (self));

  if (self->phase == GP_PHASE_CAPTURING || self->phase == GP_PHASE_PRINTING)
    return;
  stop_polling (self);
  g_clear_pointer (&self->student, gp_student_free);
  g_clear_pointer (&self->photo_path, g_free);
  g_clear_pointer (&self->sheet_path, g_free);
  self->capture_id = 0;
  self->previous_captures = 0;
  gp_scanner_reset_debounce (self->scanner);
  set_notice (self, NULL, FALSE);
  set_phase (self, GP_PHASE_WAITING);
}

/* Both ignore frames while paused: the scanner waits for a code, the
 * framing advice for a student in front of the camera. */
static void
push_frame (GpFrame  *gray,
            gpointer  user_data)
{
  GpStation *self = user_data;

  gp_scanner_push_frame (self->scanner, gray);
  gp_framing_push_frame (self->framing, gray);
}

static void
on_camera_state (GpStation *self)
{
  if (gp_camera_get_state (self->camera) == GP_CAMERA_STATE_PLAYING && self->notice_is_error)
    set_notice (self, NULL, FALSE);
}

gboolean
gp_station_start (GpStation  *self,
                  GError    **error)
{
  g_return_val_if_fail (GP_IS_STATION (self), FALSE);

  gp_camera_set_frame_func (self->camera, push_frame, self);
  g_signal_connect_object (self->camera, "notify::state", G_CALLBACK (on_camera_state), self, G_CONNECT_SWAPPED);
  set_phase (self, GP_PHASE_WAITING);
  return gp_camera_start (self->camera, error);
}

GpPhase
gp_station_get_phase (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), GP_PHASE_WAITING);
  return self->phase;
}

const GpStudent *
gp_station_get_student (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->student;
}

/* The batch records payment and this student has not paid: staff decide. */
gboolean
gp_station_get_student_unpaid (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), FALSE);
  return self->student != NULL && self->unpaid;
}

int
gp_station_get_previous_captures (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), 0);
  return self->previous_captures;
}

const char *
gp_station_get_notice (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->notice;
}

gboolean
gp_station_get_notice_is_error (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), FALSE);
  return self->notice_is_error;
}

const char *
gp_station_get_photo_path (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->photo_path;
}

const char *
gp_station_get_sheet_path (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->sheet_path;
}

GpStore *
gp_station_get_store (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->store;
}

GpCamera *
gp_station_get_camera (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->camera;
}

void
gp_station_set_printer (GpStation  *self,
                        const char *printer)
{
  g_return_if_fail (GP_IS_STATION (self));
  g_free (self->printer);
  self->printer = g_strdup (printer);
}

const char *
gp_station_get_printer (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->printer != NULL && *self->printer != '\0' ? self->printer : NULL;
}

/* A broken layout setting is shown now and refuses printing, rather than
 * printing on paper nobody chose. */
void
gp_station_set_layout (GpStation  *self,
                       const char *name)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GP_IS_STATION (self));
  g_return_if_fail (name != NULL);

  g_clear_pointer (&self->layout, gp_layout_free);
  g_clear_pointer (&self->layout_error, g_free);
  self->layout = gp_layout_load (name, &error);
  if (self->layout != NULL)
    return;
  self->layout_error = g_strdup (error->message);
  set_notice (self, self->layout_error, TRUE);
}

void
gp_station_set_name (GpStation  *self,
                     const char *name)
{
  g_return_if_fail (GP_IS_STATION (self));
  g_free (self->name);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : g_get_host_name ());
}

void
gp_station_set_operator (GpStation  *self,
                         const char *name)
{
  g_return_if_fail (GP_IS_STATION (self));
  g_free (self->operator_name);
  self->operator_name = g_strdup (name != NULL && *name != '\0' ? name : g_get_user_name ());
}

gboolean
gp_station_set_profile (GpStation   *self,
                        const char  *name,
                        GError     **error)
{
  GpProfile *profile;

  g_return_val_if_fail (GP_IS_STATION (self), FALSE);

  profile = gp_profile_load (name, error);
  if (profile == NULL)
    return FALSE;
  g_clear_pointer (&self->profile, gp_profile_free);
  self->profile = profile;
  /* The advice follows the profile's ranges. */
  g_clear_object (&self->framing);
  self->framing = gp_framing_new (profile);
  gp_framing_set_paused (self->framing, self->phase != GP_PHASE_IDENTIFIED);
  return TRUE;
}

GpFraming *
gp_station_get_framing (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->framing;
}

GArray *
gp_station_get_checks (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), NULL);
  return self->checks;
}

gboolean
gp_station_get_photo_passed (GpStation *self)
{
  g_return_val_if_fail (GP_IS_STATION (self), FALSE);
  return self->photo_passed;
}

static void
gp_station_dispose (GObject *object)
{
  GpStation *self = GP_STATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->code_notice_timer, g_source_remove);
  stop_polling (self);
  if (self->camera != NULL)
    gp_camera_stop (self->camera);
  g_clear_object (&self->scanner);
  g_clear_object (&self->framing);
  g_clear_object (&self->camera);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gp_station_parent_class)->dispose (object);
}

static void
gp_station_finalize (GObject *object)
{
  GpStation *self = GP_STATION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->student, gp_student_free);
  g_free (self->notice);
  g_free (self->photo_path);
  g_free (self->sheet_path);
  g_free (self->printer);
  g_free (self->name);
  g_free (self->operator_name);
  g_clear_pointer (&self->layout, gp_layout_free);
  g_free (self->layout_error);
  g_clear_pointer (&self->profile, gp_profile_free);
  g_clear_pointer (&self->checks, g_array_unref);
  G_OBJECT_CLASS (gp_station_parent_class)->finalize (object);
}

static void
gp_station_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GpStation *self = GP_STATION (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_station_class_init (GpStationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_station_dispose;
  object_class->finalize = gp_station_finalize;
  object_class->get_property = gp_station_get_property;

  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL, GP_PHASE_WAITING, GP_PHASE_PRINTED, GP_PHASE_WAITING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gp_station_init (GpStation *self)
{
  self->cancellable = g_cancellable_new ();
  self->scanner = gp_scanner_new ();
  self->name = g_strdup (g_get_host_name ());
  self->layout = gp_layout_new_default ();
  self->profile = gp_profile_new_default ();
  self->framing = gp_framing_new (self->profile);
  g_signal_connect_object (self->scanner, "code-scanned", G_CALLBACK (on_code_scanned), self, 0);
}

GpStation *
gp_station_new (GpStore  *store,
                GpCamera *camera)
{
  GpStation *self;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (GP_IS_CAMERA (camera), NULL);

  self = g_object_new (GP_TYPE_STATION, NULL);
  self->store = g_object_ref (store);
  self->camera = g_object_ref (camera);
  return self;
}
