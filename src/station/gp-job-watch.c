/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Follows one print job after the station sent it, so printer trouble shows
 * on the station's screen while the student is still there. */
#define G_LOG_DOMAIN "gp-job-watch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "print/gp-printer.h"
#include "print/gp-printer-info.h"
#include "station/gp-job-watch.h"

struct _GpJobWatch
{
  GObject        parent_instance;

  GpStore       *store;
  char          *printer;
  int            job_id;
  GCancellable  *cancellable;
  guint          source;
};

enum {
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GpJobWatch, gp_job_watch, G_TYPE_OBJECT)

typedef struct {
  GpStore     *store;
  char        *printer;
  int          job_id;
  GpPrintJob  *job;
  gboolean     printer_trouble;
} Question;

static void
question_free (Question *question)
{
  g_clear_object (&question->store);
  g_free (question->printer);
  g_clear_pointer (&question->job, gp_print_job_free);
  g_free (question);
}

/* CUPS calls block: the job and its printer are asked on a worker thread. */
static void
ask_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Question *question = task_data;
  g_autoptr(GpPrinterInfo) info = NULL;
  GError *error = NULL;

  question->job = gp_printer_get_job (question->printer, question->job_id, &error);
  if (question->job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Once CUPS completes the job, the store marks the approved photo printed. */
  if (gp_store_set_print_job_status (question->store, question->printer, question->job_id,
                                     gp_print_job_state_to_string (question->job->state), &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  info = gp_printer_get_info (question->printer, NULL);
  question->printer_trouble = info != NULL && (info->state == GP_PRINTER_STOPPED || !info->accepting);
  g_task_return_boolean (task, TRUE);
}

static gboolean tick (gpointer user_data);

static void
on_answered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GpJobWatch *self = GP_JOB_WATCH (source);
  Question *question = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  GpPrintJobState state;
  gboolean over;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_signal_emit (self, signals[SIGNAL_NOTICE], 0, error->message, TRUE);
      /* The print service may come back; a job it has forgotten will not. */
      if (!g_error_matches (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND))
        self->source = g_timeout_add_seconds (1, tick, self);
      return;
    }
  state = question->job->state;
  over = state == GP_PRINT_JOB_COMPLETED || state == GP_PRINT_JOB_CANCELED || state == GP_PRINT_JOB_ABORTED;
  /* Translators: printer, job number, the job's state, then what to do */
  notice = g_strdup_printf (_("Printer %s, job %d: %s. %s"), question->printer, question->job_id,
                            gp_print_job_state_to_string (state), question->job->advice);
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, notice,
                 state == GP_PRINT_JOB_CANCELED || state == GP_PRINT_JOB_ABORTED
                 || state == GP_PRINT_JOB_STOPPED || state == GP_PRINT_JOB_HELD
                 || (!over && question->printer_trouble));
  if (!over)
    self->source = g_timeout_add_seconds (1, tick, self);
}

static gboolean
tick (gpointer user_data)
{
  GpJobWatch *self = user_data;
  g_autoptr(GTask) task = NULL;
  Question *question;

  self->source = 0;
  question = g_new0 (Question, 1);
  question->store = g_object_ref (self->store);
  question->printer = g_strdup (self->printer);
  question->job_id = self->job_id;
  task = g_task_new (self, self->cancellable, on_answered, NULL);
  g_task_set_task_data (task, question, (GDestroyNotify) question_free);
  g_task_run_in_thread (task, ask_thread);
  return G_SOURCE_REMOVE;
}

void
gp_job_watch_stop (GpJobWatch *self)
{
  g_return_if_fail (GP_IS_JOB_WATCH (self));

  g_clear_handle_id (&self->source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
}

static void
gp_job_watch_dispose (GObject *object)
{
  gp_job_watch_stop (GP_JOB_WATCH (object));
  G_OBJECT_CLASS (gp_job_watch_parent_class)->dispose (object);
}

static void
gp_job_watch_finalize (GObject *object)
{
  GpJobWatch *self = GP_JOB_WATCH (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->printer);
  G_OBJECT_CLASS (gp_job_watch_parent_class)->finalize (object);
}

static void
gp_job_watch_class_init (GpJobWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_job_watch_dispose;
  object_class->finalize = gp_job_watch_finalize;

  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
gp_job_watch_init (GpJobWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

GpJobWatch *
gp_job_watch_new (GpStore    *store,
                  const char *printer,
                  int         job_id)
{
  GpJobWatch *self;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (printer != NULL, NULL);

  self = g_object_new (GP_TYPE_JOB_WATCH, NULL);
  self->store = g_object_ref (store);
  self->printer = g_strdup (printer);
  self->job_id = job_id;
  self->source = g_timeout_add_seconds (1, tick, self);
  return self;
}
