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
