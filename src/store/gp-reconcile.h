/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* What start-up reconciliation found and did (or, when not @repaired,
 * would do); each array holds paths (char *), "missing" entries are
 * "photo N: PATH". */
typedef struct
{
  gboolean   repaired;      /* FALSE: only checked, nothing changed */
  GPtrArray *recovered;     /* a photo without a row: given its row back */
  GPtrArray *unrecorded;    /* files no row names and that cannot be recovered; left in place */
  GPtrArray *missing;       /* rows whose file is gone; marked missing */
  GPtrArray *temp_removed;  /* temp files of a save that was cut short; removed */
  GPtrArray *temp_in_use;   /* temp files of a running GradPhoto; left alone */
} GpReconcileReport;

void      gp_reconcile_report_free      (GpReconcileReport        *report);
gboolean  gp_reconcile_report_is_clean  (const GpReconcileReport  *report);
/* One translated line per finding; "" when clean. */
char     *gp_reconcile_report_describe  (const GpReconcileReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpReconcileReport, gp_reconcile_report_free)

/* Brings the database and @photos_dir back in agreement after a crash: a
 * photo file without a row gets its row back (status captured, audit
 * logged) when its folder names a student on the roster, otherwise it is
 * reported; a row whose photo is gone is marked missing (and no longer
 * chosen); temp files of dead processes are removed. Nothing is dropped
 * without being in the report. Row changes are one transaction. */
GpReconcileReport *gp_store_reconcile  (GpStore      *store,
                                        const char   *photos_dir,
                                        GError      **error);
/* The same checks; with @repair FALSE nothing is changed (no row, no file)
 * and the report says what a repair would do. */
GpReconcileReport *gp_store_check_photos (GpStore     *store,
                                          const char  *photos_dir,
                                          gboolean     repair,
                                          GError     **error);

G_END_DECLS
