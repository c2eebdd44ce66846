/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's sync thread: push on commit, pull on NOTIFY, retry offline. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <poll.h>
#include <unistd.h>

#include "sync/gp-server.h"
#include "sync/gp-sync-worker.h"
#include "sync/gp-sync.h"

/* How often the thread looks for new local rows, and retries a lost server. */
#define POLL_MS   150
#define RETRY_MS  1000

struct _GpSyncWorker
{
  GObject        parent_instance;

  /* Set at creation, read by the thread. */
  GpStore       *store;
  char          *photos_dir;
  char          *server;
  char          *station;
  GMainContext  *context;

  GThread       *thread;
  int            wake[2];
  gint           stopping;

  /* Main context only. */
  GpSyncState    state;
  int            backlog;
  GDateTime     *offline_since;
  char          *message;
};

G_DEFINE_FINAL_TYPE (GpSyncWorker, gp_sync_worker, G_TYPE_OBJECT)

enum { CHANGED, PULLED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the thread reports, applied on the main context. */
typedef struct
{
  GpSyncWorker *self;
  GpSyncState   state;
  int           backlog;
  char         *message;
  guint         pulled;
} Report;

static void
report_free (Report *report)
{
  g_object_unref (report->self);
  g_free (report->message);
  g_free (report);
}

static gboolean
apply_report (gpointer data)
{
  Report *r = data;
  GpSyncWorker *self = r->self;
  gboolean changed = r->state != self->state || r->backlog != self->backlog
                     || g_strcmp0 (r->message, self->message) != 0;

  if (r->state == GP_SYNC_STATE_OFFLINE && self->offline_since == NULL)
    self->offline_since = g_date_time_new_now_local ();
  else if (r->state == GP_SYNC_STATE_CONNECTED)
    g_clear_pointer (&self->offline_since, g_date_time_unref);
  self->state = r->state;
  self->backlog = r->backlog;
  g_free (self->message);
  self->message = g_strdup (r->message);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  if (r->pulled > 0)
    g_signal_emit (self, signals[PULLED], 0, r->pulled);
  return G_SOURCE_REMOVE;
}

static void
report (GpSyncWorker  *self,
        GpSyncState    state,
        int            backlog,
        const GError  *error,
        guint          pulled)
{
  Report *r = g_new0 (Report, 1);

  r->self = g_object_ref (self);
  r->state = state;
  r->backlog = backlog;
  r->message = error != NULL ? g_strdup (error->message) : NULL;
  r->pulled = pulled;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, apply_report, r, (GDestroyNotify) report_free);
}

/* Sleeps up to @ms, waking early for a notification on @conn or a kick.
 * Returns whether another station announced a change (or we were kicked);
 * @lost is set when the connection broke. */
static gboolean
wait_for_news (GpSyncWorker  *self,
               PGconn        *conn,
               int            ms,
               gboolean      *lost)
{
  struct pollfd fds[2] = { { self->wake[0], POLLIN, 0 }, { conn != NULL ? PQsocket (conn) : -1, POLLIN, 0 } };
  gboolean news = FALSE;
  PGnotify *notify;
  char buf[64];

  if (poll (fds, conn != NULL ? 2 : 1, ms) < 0 && errno != EINTR)
    g_warning ("poll: %s", g_strerror (errno));
  if (fds[0].revents & POLLIN)
    {
      while (read (self->wake[0], buf, sizeof buf) > 0)
        ;
      news = TRUE;
    }
  if (conn == NULL)
    return news;
  if (!PQconsumeInput (conn))
    {
      *lost = TRUE;
      return news;
    }
  while ((notify = PQnotifies (conn)) != NULL)
    {
      /* Our own pushes wake us too; only the others' bring anything. */
      if (g_strcmp0 (notify->extra, self->station) != 0)
        news = TRUE;
      PQfreemem (notify);
    }
  return news;
}

static gpointer
run (gpointer data)
{
  GpSyncWorker *self = data;
  g_autoptr(PGconn) conn = NULL;
  gboolean due = TRUE;
  int last_backlog = -2;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpSyncReport) result = NULL;
      gboolean lost = FALSE;
      int backlog;

      if (conn == NULL)
        {
          conn = gp_server_connect (self->server, TRUE, &error);
          if (conn == NULL || !gp_server_command (conn, "LISTEN gradphoto", &error))
            {
              g_clear_pointer (&conn, PQfinish);
              backlog = gp_sync_count_backlog (self->store, NULL);
              report (self, GP_SYNC_STATE_OFFLINE, backlog, error, 0);
              wait_for_news (self, NULL, RETRY_MS, &lost);
              continue;
            }
          due = TRUE;
        }

      backlog = gp_sync_count_backlog (self->store, &error);
      if (backlog < 0)
        g_warning ("%s", error->message);
      if (due || backlog > 0)
        {
          g_clear_error (&error);
          result = gp_sync_run (conn, self->store, self->photos_dir, self->station, &error);
          if (result == NULL)
            {
              /* A broken connection is reopened; a refused request is retried. */
              if (PQstatus (conn) != CONNECTION_OK)
                g_clear_pointer (&conn, PQfinish);
              report (self, GP_SYNC_STATE_OFFLINE, gp_sync_count_backlog (self->store, NULL), error, 0);
              last_backlog = -2;
              wait_for_news (self, NULL, RETRY_MS, &lost);
              continue;
            }
          report (self, GP_SYNC_STATE_CONNECTED, result->backlog, NULL, result->pulled);
          last_backlog = result->backlog;
          due = FALSE;
        }
      else if (backlog != last_backlog)
        {
          report (self, GP_SYNC_STATE_CONNECTED, backlog, NULL, 0);
          last_backlog = backlog;
        }
      due = wait_for_news (self, conn, POLL_MS, &lost);
      if (lost)
        g_clear_pointer (&conn, PQfinish);
    }
  return NULL;
}

static void
gp_sync_worker_finalize (GObject *object)
{
  GpSyncWorker *self = GP_SYNC_WORKER (object);

  gp_sync_worker_stop (self);
  close (self->wake[0]);
  close (self->wake[1]);
  g_object_unref (self->store);
  g_free (self->photos_dir);
  g_free (self->server);
  g_free (self->station);
  g_main_context_unref (self->context);
  g_clear_pointer (&self->offline_since, g_date_time_unref);
  g_free (self->message);
  G_OBJECT_CLASS (gp_sync_worker_parent_class)->finalize (object);
}

static void
gp_sync_worker_class_init (GpSyncWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_sync_worker_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PULLED] = g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gp_sync_worker_init (GpSyncWorker *self)
{
  g_autoptr(GError) error = NULL;

  self->backlog = -1;
  self->wake[0] = self->wake[1] = -1;
  /* A kick is a byte in this pipe: poll() sees it beside the server's socket. */
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, &error)
      || !g_unix_set_fd_nonblocking (self->wake[0], TRUE, &error)
      || !g_unix_set_fd_nonblocking (self->wake[1], TRUE, &error))
    g_error ("%s", error->message);
}

GpSyncWorker *
gp_sync_worker_new (GpStore     *store,
                    const char  *photos_dir,
                    const char  *server,
                    const char  *station)
{
  GpSyncWorker *self;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (photos_dir != NULL && server != NULL && station != NULL, NULL);

  self = g_object_new (GP_TYPE_SYNC_WORKER, NULL);
  self->store = g_object_ref (store);
  self->photos_dir = g_strdup (photos_dir);
  self->server = g_strdup (server);
  self->station = g_strdup (station);
  self->context = g_main_context_ref_thread_default ();
  return self;
}

void
gp_sync_worker_start (GpSyncWorker *self)
{
  g_return_if_fail (GP_IS_SYNC_WORKER (self));
  g_return_if_fail (self->thread == NULL);

  g_atomic_int_set (&self->stopping, FALSE);
  self->thread = g_thread_new ("gp-sync", run, self);
}

void
gp_sync_worker_stop (GpSyncWorker *self)
{
  g_return_if_fail (GP_IS_SYNC_WORKER (self));

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stopping, TRUE);
  if (write (self->wake[1], "x", 1) < 0)
    g_warning ("could not wake the sync thread: %s", g_strerror (errno));
  g_thread_join (g_steal_pointer (&self->thread));
}

GpSyncState
gp_sync_worker_get_state (GpSyncWorker *self)
{
  g_return_val_if_fail (GP_IS_SYNC_WORKER (self), GP_SYNC_STATE_OFFLINE);
  return self->state;
}

int
gp_sync_worker_get_backlog (GpSyncWorker *self)
{
  g_return_val_if_fail (GP_IS_SYNC_WORKER (self), -1);
  return self->backlog;
}

GDateTime *
gp_sync_worker_get_offline_since (GpSyncWorker *self)
{
  g_return_val_if_fail (GP_IS_SYNC_WORKER (self), NULL);
  return self->offline_since;
}

const char *
gp_sync_worker_get_message (GpSyncWorker *self)
{
  g_return_val_if_fail (GP_IS_SYNC_WORKER (self), NULL);
  return self->message;
}
