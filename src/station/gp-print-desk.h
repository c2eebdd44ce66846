/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "print/gp-printer.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* What CUPS says of @record's job now, also written to the store when the
 * job is not over yet and its state changed. *@job is NULL for a sheet that
 * went to a file, or with *@problem set when CUPS did not answer; FALSE
 * with @error set only when the store failed. */
gboolean  gp_print_desk_refresh  (GpStore           *store,
                                  GpPrintJobRecord  *record,
                                  GpPrintJob       **job,
                                  char             **problem,
                                  GError           **error);
/* Cancels @record's CUPS job, marks its rows cancelled and audits it as
 * @actor's. Blocks on CUPS and SQLite. */
gboolean  gp_print_desk_cancel   (GpStore           *store,
                                  GpPrintJobRecord  *record,
                                  const char        *actor,
                                  GError           **error);
/* Sends @record's sheet to @printer again, on the paper of its layout, as a
 * new print_jobs row audited as @actor's. Returns the new row's id, or -1
 * with @error set. *@job as for gp_print_desk_refresh(). */
gint64    gp_print_desk_reprint  (GpStore                 *store,
                                  const GpPrintJobRecord  *record,
                                  const char              *printer,
                                  const char              *actor,
                                  GpPrintJob             **job,
                                  char                   **problem,
                                  GError                 **error);

G_END_DECLS
