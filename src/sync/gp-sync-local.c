/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's record of what the event server already has. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-store-private.h"
#include "sync/gp-sync-local.h"

gboolean
gp_sync_local_ensure (GpStore  *store,
                      GError  **error)
{
  /* Outside the store's migrations: only stations that sync need them, and
   * merge and export never read them. */
  return gp_store_exec (store,
                        "CREATE TABLE IF NOT EXISTS sync_rows (uid TEXT PRIMARY KEY, stamp TEXT NOT NULL);"
                        "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT);",
                        _("prepare the station database for the event server"), error);
}

gint64
gp_sync_local_get_seq (GpStore  *store,
                       GError  **error)
{
  const char *what = _("read the station’s sync state");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (store,
                                                   "SELECT value FROM sync_state WHERE key = 'pulled_seq'",
                                                   what, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  gp_store_set_error (store, rc, what, error);
  return -1;
}

gboolean
gp_sync_local_set_seq (GpStore  *store,
                       gint64    seq,
                       GError  **error)
{
  const char *what = _("record the station’s sync state");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (store,
                                                   "INSERT OR REPLACE INTO sync_state (key, value)"
                                                   " VALUES ('pulled_seq', ?1)",
                                                   what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return gp_store_step_done (store, stmt, what, error);
}

gboolean
gp_sync_local_mark (GpStore     *store,
                    const char  *uid,
                    const char  *stamp,
                    GError     **error)
{
  const char *what = _("record the station’s sync state");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (store,
                                                   "INSERT OR REPLACE INTO sync_rows (uid, stamp) VALUES (?1, ?2)",
                                                   what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
  return gp_store_step_done (store, stmt, what, error);
}

GPtrArray *
gp_sync_local_rows (GpStore      *store,
                    const char   *sql,
                    const char  **params,
                    GError      **error)
{
  const char *what = _("read the station’s rows for the event server");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (store, sql, what, error);
  g_autoptr(GPtrArray) rows = NULL;
  int rc, n;

  if (stmt == NULL)
    return NULL;
  for (int i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  n = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_full (n, g_free);

      for (int i = 0; i < n; i++)
        g_ptr_array_add (row, gp_store_column_dup (stmt, i));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
