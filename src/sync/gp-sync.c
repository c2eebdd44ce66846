/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* One push-and-pull, and the backlog a station has not sent. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-store-private.h"
#include "sync/gp-server.h"
#include "sync/gp-sync-local.h"
#include "sync/gp-sync.h"

void
gp_sync_report_free (GpSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->merge, gp_merge_report_free);
  g_free (report);
}

int
gp_sync_count_backlog (GpStore  *store,
                       GError  **error)
{
  const char *what = _("count the rows the event server has not had");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (store), -1);

  locker = g_mutex_locker_new (gp_store_get_lock (store));
  if (!gp_sync_local_ensure (store, error))
    return -1;
  stmt = gp_store_prepare (store,
                           "SELECT (SELECT count(*) FROM captures c WHERE " GP_SYNC_CAPTURE_PENDING ")"
                           " + (SELECT count(*) FROM print_jobs p WHERE " GP_SYNC_PRINT_JOB_PENDING ")"
                           " + (SELECT count(*) FROM audit_log a WHERE " GP_SYNC_AUDIT_PENDING ")"
                           " + (SELECT count(*) FROM students s WHERE " GP_SYNC_WALK_IN_PENDING ")",
                           what, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (store, rc, what, error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

/* The station's line for `server status`. */
static gboolean
record_station (PGconn      *conn,
                const char  *station,
                int          backlog,
                GError     **error)
{
  g_autofree char *backlog_text = g_strdup_printf ("%d", backlog);
  const char *params[] = { station, backlog_text };
  g_autoptr(PGresult) result = NULL;

  result = gp_server_exec (conn,
                           "INSERT INTO stations (name, last_sync, backlog)"
                           " VALUES ($1, to_char (now () AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $2)"
                           " ON CONFLICT (name) DO UPDATE SET last_sync = excluded.last_sync,"
                           "  backlog = excluded.backlog",
                           2, params, PGRES_COMMAND_OK, error);
  return result != NULL;
}

GpSyncReport *
gp_sync_run (PGconn      *conn,
             GpStore     *store,
             const char  *photos_dir,
             const char  *station,
             GError     **error)
{
  g_autoptr(GpSyncReport) report = g_new0 (GpSyncReport, 1);

  g_return_val_if_fail (conn != NULL && GP_IS_STORE (store), NULL);
  g_return_val_if_fail (photos_dir != NULL && station != NULL, NULL);

  if (!gp_sync_push (conn, store, station, &report->pushed, error)
      || !gp_sync_pull (conn, store, photos_dir, station, &report->pulled, &report->merge, error))
    return NULL;
  report->backlog = gp_sync_count_backlog (store, error);
  if (report->backlog < 0 || !record_station (conn, station, report->backlog, error))
    return NULL;
  return g_steal_pointer (&report);
}
