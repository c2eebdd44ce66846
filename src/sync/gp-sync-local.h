/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <sqlite3.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* The station's side of sync, kept in its own database so a copy of it
 * knows what was sent: sync_rows holds, per uid, the state of the row the
 * server has (a capture's "updated_at|status", a print job's status, "" for
 * rows that never change); sync_state holds the last change seen. Within
 * the store's lock (gp-store-private.h). */

/* A capture's state as sync compares it, for SQL on captures alias @c. */
#define GP_SYNC_CAPTURE_STAMP(c) "coalesce (" c ".updated_at, " c ".created_at) || '|' || " c ".status"

/* Rows not on the server in their present state, for SQL. */
#define GP_SYNC_CAPTURE_PENDING \
  "c.status <> 'missing' AND NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.uid = c.uid" \
  " AND r.stamp = " GP_SYNC_CAPTURE_STAMP ("c") ")"
#define GP_SYNC_PRINT_JOB_PENDING \
  "NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.uid = p.uid AND r.stamp = p.status)"
#define GP_SYNC_AUDIT_PENDING "NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.uid = a.uid)"
#define GP_SYNC_WALK_IN_PENDING \
  "s.walk_in = 1 AND NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.uid = 'student:' || s.student_no)"

gboolean   gp_sync_local_ensure    (GpStore      *store,
                                    GError      **error);
gint64     gp_sync_local_get_seq   (GpStore      *store,
                                    GError      **error);
gboolean   gp_sync_local_set_seq   (GpStore      *store,
                                    gint64        seq,
                                    GError      **error);
/* Records that the server has @uid in state @stamp. */
gboolean   gp_sync_local_mark      (GpStore      *store,
                                    const char   *uid,
                                    const char   *stamp,
                                    GError      **error);

/* Every row of @sql (with text parameters @params, NULL-terminated) as a
 * GPtrArray of GPtrArray of char * (NULL for SQL NULL). */
GPtrArray *gp_sync_local_rows      (GpStore      *store,
                                    const char   *sql,
                                    const char  **params,
                                    GError      **error);

G_END_DECLS
