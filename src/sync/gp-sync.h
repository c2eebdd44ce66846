/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <libpq-fe.h>

#include "store/gp-merge.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* One push-and-pull between a station's store and the event server. */
typedef struct
{
  guint           pushed;    /* rows sent: captures, print jobs, audit entries, walk-ins */
  guint           pulled;    /* captures received */
  int             backlog;   /* rows still unsent after the push */
  GpMergeReport  *merge;     /* what the pull changed, by `merge`'s rules; NULL when nothing came */
} GpSyncReport;

void            gp_sync_report_free  (GpSyncReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpSyncReport, gp_sync_report_free)

/* Rows of @store the server has not had in their present state; needs no
 * server. -1 with @error set on failure. */
int             gp_sync_count_backlog (GpStore      *store,
                                       GError      **error);

/* Sends @store's new and changed rows as station @station, in one server
 * transaction, and wakes the other stations (NOTIFY). Rows are keyed by
 * their uids: sending again changes nothing. */
gboolean        gp_sync_push         (PGconn       *conn,
                                      GpStore      *store,
                                      const char   *station,
                                      guint        *pushed,
                                      GError      **error);

/* Receives what changed on the server since the last pull and merges it
 * into @store with `merge`'s rules (gp_store_merge()), photos into
 * @photos_dir: the roster, and the captures other stations sent or
 * decided. With @station NULL everything comes, print jobs and the audit
 * log too (the whole event, for staff). */
gboolean        gp_sync_pull         (PGconn       *conn,
                                      GpStore      *store,
                                      const char   *photos_dir,
                                      const char   *station,
                                      guint        *pulled,
                                      GpMergeReport **report,
                                      GError      **error);

/* Push, pull, and the station's line in `server status`. */
GpSyncReport   *gp_sync_run          (PGconn       *conn,
                                      GpStore      *store,
                                      const char   *photos_dir,
                                      const char   *station,
                                      GError      **error);

/* The roster of @store (batches and students, no photos) to the server, as
 * `import-roster --server` does. */
gboolean        gp_sync_push_roster  (PGconn       *conn,
                                      GpStore      *store,
                                      guint        *students,
                                      GError      **error);

G_END_DECLS
