/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Each student's state in a batch: done, to review, call back, not yet. */
#define G_LOG_DOMAIN "gp-student-state"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/gp-store-private.h"
#include "store/gp-student-state.h"

const char *
gp_student_state_to_string (GpStudentState state)
{
  static const char *const names[] = { "done", "review", "callback", "not-yet" };

  g_return_val_if_fail (state < GP_N_STUDENT_STATES, NULL);
  return names[state];
}

const char *
gp_student_state_describe (GpStudentState state)
{
  g_return_val_if_fail (state < GP_N_STUDENT_STATES, NULL);

  switch (state)
    {
    case GP_STUDENT_DONE:
      /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
      return _("Done");
    case GP_STUDENT_REVIEW:
      /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
      return _("To review");
    case GP_STUDENT_CALLBACK:
      /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
      return _("Call back");
    case GP_STUDENT_NOT_YET:
    case GP_N_STUDENT_STATES:
    default:
      /* Translators: a worksheet name, at most 31 characters, without brackets, colons or slashes */
      return _("Not photographed yet");
    }
}

void
gp_student_progress_free (GpStudentProgress *progress)
{
  if (progress == NULL)
    return;
  gp_student_free (progress->student);
  g_free (progress->batch);
  g_free (progress->captured_at);
  g_free (progress->capture_status);
  g_free (progress->operator_name);
  g_free (progress->failed_checks);
  g_free (progress->reason);
  g_free (progress);
}

void
gp_progress_count_free (GpProgressCount *count)
{
  if (count == NULL)
    return;
  g_free (count->college);
  g_free (count->class_name);
  g_free (count);
}

/* The photo that decides each student's state, and the state, in one pass:
 * an accepted photo wins, then the oldest one awaiting a decision, then the
 * latest one (which is then rejected or lost). */
#define PROGRESS_SQL \
  "WITH k AS (" \
  "  SELECT " GP_STORE_STUDENT_COLUMNS ", walk_in," \
  "         " GP_STUDENT_DONE_CAPTURE_SQL ("s") " AS accepted," \
  "         (SELECT min (id) FROM captures WHERE student_id = s.id AND status = 'captured') AS waiting," \
  "         (SELECT max (id) FROM captures WHERE student_id = s.id) AS latest," \
  "         (SELECT count(*) FROM captures WHERE student_id = s.id) AS photos" \
  "  FROM students s)" \
  " SELECT k.*, b.name," \
  "        CASE WHEN k.accepted IS NOT NULL THEN 0 WHEN k.waiting IS NOT NULL THEN 1" \
  "             WHEN k.latest IS NOT NULL THEN 2 ELSE 3 END," \
  "        c.id, c.created_at, c.status, c.operator, c.status_reason," \
  "        (SELECT group_concat (json_extract (j.value, '$.id'), ', ')" \
  "         FROM json_each (CASE WHEN json_valid (c.checks) THEN c.checks END, '$.checks') j" \
  "         WHERE json_extract (j.value, '$.status') = 'fail')" \
  " FROM k LEFT JOIN batches b ON b.id = k.batch_id" \
  " LEFT JOIN captures c ON c.id = coalesce (k.accepted, k.waiting, k.latest)" \
  " WHERE (?1 IS NULL OR b.name = ?1) AND (?2 IS NULL OR k.id = ?2)" \
  " ORDER BY k.college, k.class_name, length (k.student_no), k.student_no"

/* The students of @batch, or the one student @student_id (> 0). */
static GPtrArray *
query_progress (GpStore     *store,
                const char  *batch,
                gint64       student_id,
                GError     **error)
{
  const char *what = _("list where each student stands");
  g_autoptr(GpBatch) known = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (batch != NULL)
    {
      known = gp_store_find_batch (store, batch, error);
      if (known == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                         _("There is no batch “%s”. Give the name used with “gradphoto-admin import-roster --batch”."),
                         batch);
          return NULL;
        }
    }

  locker = g_mutex_locker_new (gp_store_get_lock (store));
  stmt = gp_store_prepare (store, PROGRESS_SQL, what, error);
  if (stmt == NULL)
    return NULL;
  rc = gp_store_bind_optional (stmt, 1, batch);
  if (rc == SQLITE_OK && student_id > 0)
    rc = sqlite3_bind_int64 (stmt, 2, student_id);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_progress_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpStudentProgress *p = g_new0 (GpStudentProgress, 1);

      p->student = gp_store_student_from_row (stmt, 0);
      p->walk_in = sqlite3_column_int (stmt, 15) != 0;
      p->photos = sqlite3_column_int (stmt, 19);
      p->batch = gp_store_column_dup (stmt, 20);
      p->state = (GpStudentState) sqlite3_column_int (stmt, 21);
      p->capture_id = sqlite3_column_int64 (stmt, 22);
      p->captured_at = gp_store_column_dup (stmt, 23);
      p->capture_status = gp_store_column_dup (stmt, 24);
      p->operator_name = gp_store_column_dup (stmt, 25);
      if (p->state == GP_STUDENT_CALLBACK)
        p->reason = gp_store_column_dup (stmt, 26);
      if (p->state == GP_STUDENT_REVIEW)
        p->failed_checks = gp_store_column_dup (stmt, 27);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
gp_store_list_progress (GpStore     *store,
                        const char  *batch,
                        GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_progress (store, batch, 0, error);
}

GpStudentProgress *
gp_store_find_progress (GpStore  *store,
                        gint64    student_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (student_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = query_progress (store, NULL, student_id, error);
  if (list == NULL || list->len == 0)
    return NULL;
  return g_ptr_array_steal_index (list, 0);
}

static void
count_one (GpProgressCount         *count,
           const GpStudentProgress *p)
{
  count->students++;
  count->states[p->state]++;
  if (p->walk_in)
    count->walk_ins++;
}

GpProgressCount *
gp_progress_count_all (GPtrArray *progress)
{
  GpProgressCount *count = g_new0 (GpProgressCount, 1);

  g_return_val_if_fail (progress != NULL, count);

  for (guint i = 0; i < progress->len; i++)
    count_one (count, g_ptr_array_index (progress, i));
  return count;
}

GPtrArray *
gp_progress_count_classes (GPtrArray *progress)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_progress_count_free);
  GpProgressCount *current = NULL;

  g_return_val_if_fail (progress != NULL, counts);

  /* @progress is sorted by college and class, so a class is one run. */
  for (guint i = 0; i < progress->len; i++)
    {
      const GpStudentProgress *p = g_ptr_array_index (progress, i);

      if (current == NULL || g_strcmp0 (current->college, p->student->college) != 0
          || g_strcmp0 (current->class_name, p->student->class_name) != 0)
        {
          current = g_new0 (GpProgressCount, 1);
          current->college = g_strdup (p->student->college);
          current->class_name = g_strdup (p->student->class_name);
          g_ptr_array_add (counts, current);
        }
      count_one (current, p);
    }
  return counts;
}

/* The entries of @progress that @keep accepts (borrowed pointers). */
static GPtrArray *
select_progress (GPtrArray  *progress,
                 gboolean  (*keep) (const GpStudentProgress *p, GpStudentState state),
                 GpStudentState state)
{
  GPtrArray *matching = g_ptr_array_new ();

  g_return_val_if_fail (progress != NULL, matching);

  for (guint i = 0; i < progress->len; i++)
    {
      GpStudentProgress *p = g_ptr_array_index (progress, i);

      if (keep (p, state))
        g_ptr_array_add (matching, p);
    }
  return matching;
}

static gboolean
in_state (const GpStudentProgress *p,
          GpStudentState           state)
{
  return p->state == state;
}

static gboolean
is_walk_in (const GpStudentProgress *p,
            GpStudentState           state)
{
  return p->walk_in;
}

GPtrArray *
gp_progress_filter (GPtrArray      *progress,
                    GpStudentState  state)
{
  return select_progress (progress, in_state, state);
}

GPtrArray *
gp_progress_walk_ins (GPtrArray *progress)
{
  return select_progress (progress, is_walk_in, GP_N_STUDENT_STATES);
}

gboolean
gp_store_count_batch_statuses (GpStore     *store,
                               const char  *batch,
                               int          counts[GP_N_CAPTURE_STATUSES],
                               GError     **error)
{
  const char *what = _("count the photos");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (counts, 0, sizeof (int) * GP_N_CAPTURE_STATUSES);
  locker = g_mutex_locker_new (gp_store_get_lock (store));
  stmt = gp_store_prepare (store,
                           "SELECT c.status, count(*) FROM captures c"
                           " JOIN students s ON s.id = c.student_id LEFT JOIN batches b ON b.id = s.batch_id"
                           " WHERE ?1 IS NULL OR b.name = ?1 GROUP BY c.status",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  rc = gp_store_bind_optional (stmt, 1, batch);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpCaptureStatus status;

      if (gp_capture_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status))
        counts[status] = sqlite3_column_int (stmt, 1);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

char *
gp_student_progress_detail (const GpStudentProgress *p)
{
  g_return_val_if_fail (p != NULL, NULL);

  switch (p->state)
    {
    case GP_STUDENT_DONE:
      return g_strdup (p->capture_status);
    case GP_STUDENT_REVIEW:
      if (p->failed_checks != NULL)
        /* Translators: the ids of the checks the photo failed */
        return g_strdup_printf (_("failed: %s"), p->failed_checks);
      return g_strdup (_("awaits a decision"));
    case GP_STUDENT_CALLBACK:
      if (g_strcmp0 (p->capture_status, "missing") == 0)
        return g_strdup (_("the photo file is lost"));
      if (p->reason != NULL)
        /* Translators: why staff rejected the photo */
        return g_strdup_printf (_("rejected: %s"), p->reason);
      return g_strdup (_("rejected"));
    case GP_STUDENT_NOT_YET:
    case GP_N_STUDENT_STATES:
    default:
      return g_strdup ("");
    }
}
