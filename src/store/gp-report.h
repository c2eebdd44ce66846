/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"
#include "store/gp-student-state.h"

G_BEGIN_DECLS

#define GP_REPORT_ERROR (gp_report_error_quark ())

typedef enum
{
  GP_REPORT_ERROR_FORMAT,
  GP_REPORT_ERROR_WRITE,
} GpReportError;

GQuark gp_report_error_quark (void);

/* Writes the progress report of every batch: gp_report_write_batch() with
 * @batch NULL. */
gboolean  gp_report_write        (GpStore     *store,
                                  const char  *path,
                                  GError     **error);
/* Writes the progress report of @batch (NULL: every batch): per college and
 * class the students in each state (gp-student-state.h), then a list of the
 * students in each state with college, class and 学号, then the walk-ins
 * with where each stands, for the school to check (the list is there, with
 * its header, when there are none). @path ends in .csv (UTF-8 with BOM, the
 * tables one after the other) or .xlsx (a sheet each). @n_walk_ins
 * (nullable) is set to the number of walk-ins listed. */
gboolean  gp_report_write_batch  (GpStore     *store,
                                  const char  *path,
                                  const char  *batch,
                                  guint       *n_walk_ins,
                                  GError     **error);
/* Writes the per-class counts @classes (GpProgressCount; NULL: none), the
 * lists of students @lists (GpStudentProgress, per state; NULL: none) and
 * the walk-ins' list @walk_ins (NULL: none). */
gboolean  gp_report_write_lists  (const char  *path,
                                  GPtrArray   *classes,
                                  GPtrArray   *lists[GP_N_STUDENT_STATES],
                                  GPtrArray   *walk_ins,
                                  GError     **error);

G_END_DECLS
