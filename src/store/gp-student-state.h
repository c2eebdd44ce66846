/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* Where each student of a batch stands: the one definition that status,
 * report, review, callback and export all read. */
typedef enum
{
  GP_STUDENT_DONE,       /* an accepted photo: approved, printed or exported */
  GP_STUDENT_REVIEW,     /* none accepted; a photo awaits a decision (failed a check) */
  GP_STUDENT_CALLBACK,   /* photographed, but every photo was rejected or lost */
  GP_STUDENT_NOT_YET,    /* no photo at all */
  GP_N_STUDENT_STATES
} GpStudentState;

/* "done", "review", "callback", "not-yet": the JSON names. */
const char *gp_student_state_to_string  (GpStudentState  state);
/* The heading of the state's list, translated. */
const char *gp_student_state_describe   (GpStudentState  state);

/* The SQL statuses of a capture that counts as accepted. */
#define GP_STUDENT_ACCEPTED_SQL "('approved', 'printed', 'exported')"
/* The accepted capture of student row @s: the chosen one, else the latest
 * accepted one; NULL when there is none. For queries of the store's own
 * modules that need the done students' photos (export). */
#define GP_STUDENT_DONE_CAPTURE_SQL(s) \
  "coalesce ((SELECT id FROM captures WHERE id = " s ".chosen_capture_id AND status IN " GP_STUDENT_ACCEPTED_SQL ")," \
  " (SELECT max (id) FROM captures WHERE student_id = " s ".id AND status IN " GP_STUDENT_ACCEPTED_SQL "))"

/* One student and where they stand, with the photo that decides it. */
typedef struct
{
  GpStudent      *student;
  GpStudentState  state;
  gboolean        walk_in;
  char           *batch;        /* the batch's name */
  int             photos;       /* every capture, rejected ones included */
  /* done: the accepted photo; review: the oldest awaiting a decision;
   * callback: the latest rejected or lost one; not yet: 0 and NULLs. */
  gint64          capture_id;
  char           *captured_at;
  char           *capture_status;
  char           *operator_name;
  char           *failed_checks; /* review: the failed checks' ids, ", " between; NULL when none failed */
  char           *reason;        /* callback: why it was rejected; NULL for a lost file */
} GpStudentProgress;

void        gp_student_progress_free    (GpStudentProgress  *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpStudentProgress, gp_student_progress_free)

/* Every student of @batch (NULL: of every batch), sorted by college, class
 * and 学号. NULL with @error set when @batch names no batch. */
GPtrArray  *gp_store_list_progress      (GpStore            *store,
                                         const char         *batch,
                                         GError            **error);

/* What decides the state, for lists: the accepted photo's status, the
 * failed checks, or why the photo was rejected; "" when not yet. */
char       *gp_student_progress_detail  (const GpStudentProgress *p);

/* Where the student @student_id stands; NULL with no error set when there
 * is no such student. */
GpStudentProgress *gp_store_find_progress (GpStore          *store,
                                           gint64            student_id,
                                           GError          **error);

/* Counts of @progress per state, and walk-ins. */
typedef struct
{
  char  *college;          /* NULL when the roster has none */
  char  *class_name;
  int    students;
  int    states[GP_N_STUDENT_STATES];
  int    walk_ins;
} GpProgressCount;

void        gp_progress_count_free      (GpProgressCount    *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpProgressCount, gp_progress_count_free)

/* The totals of @progress (college and class NULL). */
GpProgressCount *gp_progress_count_all  (GPtrArray          *progress);
/* One count per college and class, in @progress's order. */
GPtrArray  *gp_progress_count_classes   (GPtrArray          *progress);
/* The entries of @progress in @state (borrowed pointers). */
GPtrArray  *gp_progress_filter          (GPtrArray          *progress,
                                         GpStudentState      state);
/* The walk-ins of @progress (borrowed pointers): students added at a
 * station, not on the school's roster. The one list that status, report and
 * export give the school to check. */
GPtrArray  *gp_progress_walk_ins        (GPtrArray          *progress);

/* Photos per GpCaptureStatus of the students of @batch (NULL: every batch). */
gboolean    gp_store_count_batch_statuses (GpStore          *store,
                                           const char       *batch,
                                           int               counts[GP_N_CAPTURE_STATUSES],
                                           GError          **error);

G_END_DECLS
