/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gtk/gtk.h>

#include "sync/gp-sync-worker.h"

G_BEGIN_DECLS

#define GP_TYPE_SERVER_STATUS (gp_server_status_get_type ())

G_DECLARE_FINAL_TYPE (GpServerStatus, gp_server_status, GP, SERVER_STATUS, GtkLabel)

/* The top bar's word on the event server: connected, the rows still to
 * send, or offline since when; the reason in the tooltip. */
GtkWidget  *gp_server_status_new  (GpSyncWorker  *worker);

G_END_DECLS
