/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <sqlite3.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* For the store's own modules (capture save, reconcile, merge, export,
 * report), which run SQL on the store's connection. Hold the lock from
 * gp_store_get_lock() around any use of gp_store_get_db(); the public
 * gp_store_*() functions take that lock themselves and must not be called
 * while holding it. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define GP_STORE_NOW_UTC "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

#define GP_STORE_STUDENT_COLUMNS \
  "id, student_no, name, code, college, class_name, id_last4, batch_id, school, major," \
  " level, education, graduation_year, time_slot, paid"
#define GP_STORE_CAPTURE_COLUMNS \
  "id, student_id, original_path, photo_path, station, created_at, status, uid, checks," \
  " operator, retake, status_reason, updated_at"

/* The print_jobs statuses gp_print_job_status_is_done() accepts, for SQL. */
#define GP_STORE_PRINT_DONE_SQL "('" GP_PRINT_JOB_STATUS_COMPLETED "', '" GP_PRINT_JOB_STATUS_WRITTEN "')"
/* And those gp_print_job_status_is_over() accepts. */
#define GP_STORE_PRINT_OVER_SQL \
  "('" GP_PRINT_JOB_STATUS_COMPLETED "', '" GP_PRINT_JOB_STATUS_WRITTEN "', '" GP_PRINT_JOB_STATUS_SAVED "', '" \
  GP_PRINT_JOB_STATUS_CANCELED "', 'aborted')"

/* A database file copied into memory and upgraded there: the file is only
 * read, never changed (a station's database being merged). An empty file
 * or a database GradPhoto did not write is refused. */
GpStore       *gp_store_open_copy         (const char    *path,
                                           GError       **error);
GMutex        *gp_store_get_lock          (GpStore       *self);
sqlite3       *gp_store_get_db            (GpStore       *self);

void           gp_store_set_error         (GpStore       *self,
                                           int            rc,
                                           const char    *what,
                                           GError       **error);
sqlite3_stmt  *gp_store_prepare           (GpStore       *self,
                                           const char    *sql,
                                           const char    *what,
                                           GError       **error);
gboolean       gp_store_exec              (GpStore       *self,
                                           const char    *sql,
                                           const char    *what,
                                           GError       **error);
/* Steps a query returning one integer (count, pragma value); -1 on error. */
gint64         gp_store_query_int         (GpStore       *self,
                                           sqlite3_stmt  *stmt,
                                           const char    *what,
                                           GError       **error);
gboolean       gp_store_step_done         (GpStore       *self,
                                           sqlite3_stmt  *stmt,
                                           const char    *what,
                                           GError       **error);
/* Binds NULL for NULL or "". */
int            gp_store_bind_optional     (sqlite3_stmt  *stmt,
                                           int            index,
                                           const char    *value);
char          *gp_store_column_dup        (sqlite3_stmt  *stmt,
                                           int            column);
/* Rows selected with GP_STORE_*_COLUMNS starting at column @first. */
GpStudent     *gp_store_student_from_row  (sqlite3_stmt  *stmt,
                                           int            first);
GpCapture     *gp_store_capture_from_row  (sqlite3_stmt  *stmt,
                                           int            first);
/* Within the caller's transaction, lock held. */
gboolean       gp_store_audit_locked      (GpStore       *self,
                                           const char    *actor,
                                           const char    *action,
                                           gint64         student_id,
                                           gint64         capture_id,
                                           const char    *detail,
                                           GError       **error);
/* Sets the student's chosen capture to their latest approved, printed or
 * exported one (by time, then id), or NULL; lock held. */
gboolean       gp_store_rechoose_locked   (GpStore       *self,
                                           gint64         student_id,
                                           GError       **error);

/* Print job @print_job_id is done: its capture becomes printed when it is
 * approved ("printed" in the audit log) and keeps its status otherwise
 * ("print-completed"). Within the caller's transaction, lock held. */
gboolean       gp_store_print_done_locked (GpStore       *self,
                                           gint64         print_job_id,
                                           const char    *actor,
                                           GError       **error);

G_END_DECLS
