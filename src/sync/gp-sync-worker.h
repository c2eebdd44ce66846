/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

typedef enum
{
  GP_SYNC_STATE_CONNECTING,  /* not yet reached */
  GP_SYNC_STATE_CONNECTED,
  GP_SYNC_STATE_OFFLINE,     /* unreachable or failing: the station works on, the backlog waits */
} GpSyncState;

#define GP_TYPE_SYNC_WORKER (gp_sync_worker_get_type ())

G_DECLARE_FINAL_TYPE (GpSyncWorker, gp_sync_worker, GP, SYNC_WORKER, GObject)

/* Keeps @store in step with the event server @server, as station @station,
 * on a thread of its own: it sends new rows as soon as they are committed,
 * and pulls when another station announces a change (LISTEN/NOTIFY). Its
 * signals are emitted on the main context of the thread that created it:
 * "changed" when the state or backlog changes, "pulled" (guint captures)
 * after other stations' photos arrived. */
GpSyncWorker *gp_sync_worker_new         (GpStore       *store,
                                          const char    *photos_dir,
                                          const char    *server,
                                          const char    *station);
void          gp_sync_worker_start       (GpSyncWorker  *self);
/* Stops the thread and waits for it; a sync under way finishes first. */
void          gp_sync_worker_stop        (GpSyncWorker  *self);

GpSyncState   gp_sync_worker_get_state   (GpSyncWorker  *self);
/* Rows not yet sent; -1 before the first count. */
int           gp_sync_worker_get_backlog (GpSyncWorker  *self);
/* When the server was last lost; NULL while connected. */
GDateTime    *gp_sync_worker_get_offline_since (GpSyncWorker *self);
/* Why it is offline; NULL while connected. */
const char   *gp_sync_worker_get_message (GpSyncWorker  *self);

G_END_DECLS
