/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint       students_added;
  guint       captures_added;
  guint       captures_known;  /* already merged before: updated if the station changed them */
  guint       print_jobs_added;
  guint       audit_added;     /* the station's audit log entries */
  GPtrArray  *conflicts;       /* char *: a student approved at two stations, and which photo is kept */
  GPtrArray  *problems;        /* char *: a capture not merged, and why */
} GpMergeReport;

void            gp_merge_report_free  (GpMergeReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpMergeReport, gp_merge_report_free)

/* Merges the station database @station_db (and its photos) into @store:
 * batches and students by name and 学号 (missing details filled in),
 * captures by their uid, their files copied under @photos_dir; print jobs
 * and audit log entries by their uid, pointing at the merged captures and
 * students. A print job waits for a later merge while its capture is not
 * merged; a print job's status follows the station's until it is over.
 * Merging the same station again changes nothing. A student approved at
 * several stations keeps the latest approved capture and is listed in
 * conflicts. The rows go in one transaction. */
GpMergeReport  *gp_store_merge        (GpStore     *store,
                                       const char  *station_db,
                                       const char  *photos_dir,
                                       GError     **error);

/* The same; the audit entry of the merge names @source instead of
 * @station_db, and there is none when @source is NULL (a pull from the
 * event server, whose rows the server already records). */
GpMergeReport  *gp_store_merge_from   (GpStore     *store,
                                       const char  *station_db,
                                       const char  *photos_dir,
                                       const char  *source,
                                       GError     **error);

G_END_DECLS
