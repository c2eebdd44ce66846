/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Batches, the capture workflow and the audit log of the station database. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/gp-store.h"
#include "store/gp-store-private.h"
#include "store/gp-student-state.h"

static const char *const status_names[GP_N_CAPTURE_STATUSES] = {
  "captured", "approved", "printed", "exported", "rejected", "missing",
};

const char *
gp_capture_status_to_string (GpCaptureStatus status)
{
  g_return_val_if_fail (status < GP_N_CAPTURE_STATUSES, NULL);

  return status_names[status];
}

gboolean
gp_capture_status_from_string (const char      *text,
                               GpCaptureStatus *status)
{
  guint i;

  g_return_val_if_fail (text != NULL, FALSE);

  for (i = 0; i < GP_N_CAPTURE_STATUSES; i++)
    if (g_str_equal (text, status_names[i]))
      {
        if (status != NULL)
          *status = (GpCaptureStatus) i;
        return TRUE;
      }
  return FALSE;
}

void
gp_batch_free (GpBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->name);
  g_free (batch->school);
  g_free (batch->profile);
  g_free (batch->starts_on);
  g_free (batch->ends_on);
  g_free (batch->rooms);
  g_free (batch->time_slots);
  g_free (batch->export_naming);
  g_free (batch);
}

void
gp_class_count_free (GpClassCount *count)
{
  if (count == NULL)
    return;
  g_free (count->college);
  g_free (count->class_name);
  g_free (count);
}

gint64
gp_store_ensure_batch (GpStore        *self,
                       const GpBatch  *batch,
                       GError        **error)
{
  const char *what = _("save the batch");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (batch != NULL && batch->name != NULL && *batch->name != '\0', -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  upsert = gp_store_prepare (self,
                             "INSERT INTO batches (name, school, profile, starts_on, ends_on, rooms,"
                             "                     time_slots, payment_tracked, export_naming)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                             " ON CONFLICT (name) DO UPDATE SET"
                             "  school = coalesce (excluded.school, school),"
                             "  profile = coalesce (excluded.profile, profile),"
                             "  starts_on = coalesce (excluded.starts_on, starts_on),"
                             "  ends_on = coalesce (excluded.ends_on, ends_on),"
                             "  rooms = coalesce (excluded.rooms, rooms),"
                             "  time_slots = coalesce (excluded.time_slots, time_slots),"
                             "  payment_tracked = max (excluded.payment_tracked, payment_tracked),"
                             "  export_naming = coalesce (excluded.export_naming, export_naming)",
                             what, error);
  if (upsert == NULL)
    return -1;
  if ((rc = sqlite3_bind_text (upsert, 1, batch->name, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 2, batch->school)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 3, batch->profile)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 4, batch->starts_on)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 5, batch->ends_on)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 6, batch->rooms)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 7, batch->time_slots)) != SQLITE_OK
      || (rc = sqlite3_bind_int (upsert, 8, batch->payment_tracked ? 1 : 0)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 9, batch->export_naming)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return -1;
    }
  if (!gp_store_step_done (self, upsert, what, error))
    return -1;

  find = gp_store_prepare (self, "SELECT id FROM batches WHERE name = ?1", what, error);
  if (find == NULL)
    return -1;
  rc = sqlite3_bind_text (find, 1, batch->name, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return -1;
    }
  return sqlite3_column_int64 (find, 0);
}

static GpBatch *
query_batch (GpStore     *self,
             const char  *where_sql,
             const char  *text_key,
             gint64       int_key,
             GError     **error)
{
  const char *what = _("look up the batch");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (self));
  g_autofree char *sql = g_strconcat ("SELECT id, name, school, profile, starts_on, ends_on, rooms,"
                                      " time_slots, payment_tracked, export_naming FROM batches ",
                                      where_sql, NULL);
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, sql, what, error);
  GpBatch *batch;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = text_key != NULL ? sqlite3_bind_text (stmt, 1, text_key, -1, SQLITE_TRANSIENT)
                        : sqlite3_bind_int64 (stmt, 1, int_key);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  batch = g_new0 (GpBatch, 1);
  batch->id = sqlite3_column_int64 (stmt, 0);
  batch->name = gp_store_column_dup (stmt, 1);
  batch->school = gp_store_column_dup (stmt, 2);
  batch->profile = gp_store_column_dup (stmt, 3);
  batch->starts_on = gp_store_column_dup (stmt, 4);
  batch->ends_on = gp_store_column_dup (stmt, 5);
  batch->rooms = gp_store_column_dup (stmt, 6);
  batch->time_slots = gp_store_column_dup (stmt, 7);
  batch->payment_tracked = sqlite3_column_int (stmt, 8) != 0;
  batch->export_naming = gp_store_column_dup (stmt, 9);
  return batch;
}

GpBatch *
gp_store_find_batch (GpStore     *self,
                     const char  *name,
                     GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_batch (self, "WHERE name = ?1", name, 0, error);
}

GpBatch *
gp_store_get_batch (GpStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_batch (self, "WHERE id = ?1", NULL, id, error);
}

gboolean
gp_store_rechoose_locked (GpStore  *self,
                          gint64    student_id,
                          GError  **error)
{
  const char *what = _("choose the student’s photo");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gp_store_prepare (self,
                           "UPDATE students SET chosen_capture_id ="
                           " (SELECT id FROM captures WHERE student_id = ?1"
                           "   AND status IN ('approved', 'printed', 'exported')"
                           "  ORDER BY created_at DESC, id DESC LIMIT 1)"
                           " WHERE id = ?1",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_bind_int64 (stmt, 1, student_id);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return gp_store_step_done (self, stmt, what, error);
}

static gboolean
transition_allowed (GpCaptureStatus from,
                    GpCaptureStatus to)
{
  switch (to)
    {
    case GP_CAPTURE_APPROVED:
      return from == GP_CAPTURE_CAPTURED || from == GP_CAPTURE_REJECTED;
    case GP_CAPTURE_PRINTED:
      return from == GP_CAPTURE_APPROVED || from == GP_CAPTURE_EXPORTED;
    case GP_CAPTURE_EXPORTED:
      return from == GP_CAPTURE_APPROVED || from == GP_CAPTURE_PRINTED;
    case GP_CAPTURE_REJECTED:
      return from != GP_CAPTURE_MISSING;
    case GP_CAPTURE_MISSING:
      return TRUE;
    case GP_CAPTURE_CAPTURED:
    case GP_N_CAPTURE_STATUSES:
    default:
      return FALSE;
    }
}

gboolean
gp_store_print_done_locked (GpStore     *self,
                            gint64       print_job_id,
                            const char  *actor,
                            GError     **error)
{
  const char *what = _("mark the photo printed");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *detail = NULL;
  GpCaptureStatus from;
  gint64 student_id, capture_id;
  int rc;

  stmt = gp_store_prepare (self,
                           "SELECT c.status, c.student_id, c.id, p.printer, p.cups_job_id, p.pdf_path"
                           " FROM print_jobs p JOIN captures c ON c.id = p.capture_id WHERE p.id = ?1",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_bind_int64 (stmt, 1, print_job_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return FALSE;
    }
  if (!gp_capture_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &from))
    from = GP_CAPTURE_MISSING;
  student_id = sqlite3_column_int64 (stmt, 1);
  capture_id = sqlite3_column_int64 (stmt, 2);
  /* The audit log is a record, not a message: it is not translated. */
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    sheet = g_strdup_printf ("print job %lld: %s job %d", (long long) print_job_id,
                             (const char *) sqlite3_column_text (stmt, 3), sqlite3_column_int (stmt, 4));
  else
    sheet = g_strdup_printf ("print job %lld: %s", (long long) print_job_id,
                             (const char *) sqlite3_column_text (stmt, 5));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (from != GP_CAPTURE_APPROVED)
    {
      /* Printed and exported stay as they are; printing approves nothing. */
      detail = g_strdup_printf ("%s; stays %s%s", sheet, status_names[from],
                                from == GP_CAPTURE_PRINTED || from == GP_CAPTURE_EXPORTED ? "" : ", not approved");
      return gp_store_audit_locked (self, actor, "print-completed", student_id, capture_id, detail, error);
    }

  update = gp_store_prepare (self,
                             "UPDATE captures SET status = 'printed', updated_at = " GP_STORE_NOW_UTC
                             " WHERE id = ?1",
                             what, error);
  if (update == NULL)
    return FALSE;
  rc = sqlite3_bind_int64 (update, 1, capture_id);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return gp_store_step_done (self, update, what, error)
         && gp_store_audit_locked (self, actor, "printed", student_id, capture_id, sheet, error);
}

/* The latest done print job of a capture, 0 when none, -1 on error. */
static gint64
find_done_print_job_locked (GpStore     *self,
                            gint64       capture_id,
                            const char  *what,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gp_store_prepare (self,
                           "SELECT coalesce (max (id), 0) FROM print_jobs"
                           " WHERE capture_id = ?1 AND status IN " GP_STORE_PRINT_DONE_SQL,
                           what, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_bind_int64 (stmt, 1, capture_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
update_status_locked (GpStore          *self,
                      gint64            capture_id,
                      gint64            student_id,
                      GpCaptureStatus   status,
                      const char       *reason,
                      const char       *what,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gp_store_prepare (self,
                           "UPDATE captures SET status = ?2, status_reason = ?3,"
                           " updated_at = " GP_STORE_NOW_UTC " WHERE id = ?1",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_bind_int64 (stmt, 1, capture_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 2, status_names[status], -1, SQLITE_STATIC)) != SQLITE_OK
      || (rc = gp_store_bind_optional (stmt, 3, reason)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  if (!gp_store_step_done (self, stmt, what, error))
    return FALSE;

  if (status == GP_CAPTURE_APPROVED)
    {
      g_autoptr(sqlite3_stmt) choose = gp_store_prepare (self,
                                                         "UPDATE students SET chosen_capture_id = ?1"
                                                         " WHERE id = ?2",
                                                         what, error);
      if (choose == NULL)
        return FALSE;
      if ((rc = sqlite3_bind_int64 (choose, 1, capture_id)) != SQLITE_OK
          || (rc = sqlite3_bind_int64 (choose, 2, student_id)) != SQLITE_OK)
        {
          gp_store_set_error (self, rc, what, error);
          return FALSE;
        }
      return gp_store_step_done (self, choose, what, error);
    }
  if (status == GP_CAPTURE_REJECTED || status == GP_CAPTURE_MISSING)
    return gp_store_rechoose_locked (self, student_id, error);
  return TRUE;
}

gboolean
gp_store_set_capture_status (GpStore          *self,
                             gint64            capture_id,
                             GpCaptureStatus   status,
                             const char       *reason,
                             const char       *actor,
                             GError          **error)
{
  const char *what = _("change the photo’s status");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GpCaptureStatus from;
  gint64 student_id;
  gboolean checks_passed;
  gboolean has_reason = reason != NULL && *reason != '\0';
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (status < GP_N_CAPTURE_STATUSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  stmt = gp_store_prepare (self,
                           "SELECT status, student_id,"
                           " CASE WHEN json_valid (checks) THEN json_extract (checks, '$.passed') = 1"
                           " ELSE 0 END"
                           " FROM captures WHERE id = ?1",
                           what, error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_bind_int64 (stmt, 1, capture_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   _("There is no photo number %lld. Check the number with “gradphoto-admin status”."),
                   (long long) capture_id);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      goto fail;
    }
  if (!gp_capture_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &from))
    from = GP_CAPTURE_MISSING;
  student_id = sqlite3_column_int64 (stmt, 1);
  checks_passed = sqlite3_column_int (stmt, 2) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (from == status)
    return gp_store_exec (self, "COMMIT", what, error);
  if (!transition_allowed (from, status))
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   /* Translators: the photo number, its status now, the status asked for */
                   _("Photo %lld is %s and cannot become %s. Take a new photo instead."),
                   (long long) capture_id, status_names[from], status_names[status]);
      goto fail;
    }
  if (status == GP_CAPTURE_APPROVED && !checks_passed && !has_reason)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   _("Photo %lld has not passed the photo checks. Approve it with a reason "
                     "(a staff override), or take a new photo."),
                   (long long) capture_id);
      goto fail;
    }
  if (status == GP_CAPTURE_REJECTED && !has_reason)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   _("Say why photo %lld is rejected, so the student can be told what to change."),
                   (long long) capture_id);
      goto fail;
    }

  if (!update_status_locked (self, capture_id, student_id, status, reason, what, error)
      || !gp_store_audit_locked (self, actor,
                                 status == GP_CAPTURE_APPROVED && !checks_passed ? "override-approve"
                                                                                 : status_names[status],
                                 student_id, capture_id, reason, error))
    goto fail;
  /* Its sheet is out already (the kiosk prints before review): say so. */
  if (status == GP_CAPTURE_APPROVED)
    {
      gint64 done_job = find_done_print_job_locked (self, capture_id, what, error);

      if (done_job < 0
          || (done_job > 0 && !gp_store_print_done_locked (self, done_job, actor, error)))
        goto fail;
    }
  if (!gp_store_exec (self, "COMMIT", what, error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (gp_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static GPtrArray *
query_captures (GpStore     *self,
                const char  *where_sql,
                gint64       key,
                const char  *what,
                GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (self));
  g_autofree char *sql = g_strconcat ("SELECT " GP_STORE_CAPTURE_COLUMNS " FROM captures ", where_sql, NULL);
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, sql, what, error);
  g_autoptr(GPtrArray) captures = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, key);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  captures = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_capture_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (captures, gp_store_capture_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&captures);
}

GpCapture *
gp_store_find_chosen_capture (GpStore  *self,
                              gint64    student_id,
                              GError  **error)
{
  g_autoptr(GPtrArray) captures = NULL;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  captures = query_captures (self,
                             "WHERE id = (SELECT chosen_capture_id FROM students WHERE id = ?1)",
                             student_id, _("look up the student’s chosen photo"), error);
  if (captures == NULL || captures->len == 0)
    return NULL;
  return gp_capture_copy (g_ptr_array_index (captures, 0));
}

GPtrArray *
gp_store_list_captures (GpStore  *self,
                        gint64    student_id,
                        GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_captures (self, "WHERE student_id = ?1 ORDER BY id", student_id,
                         _("list the student’s photos"), error);
}

gboolean
gp_store_count_statuses (GpStore  *self,
                         int       counts[GP_N_CAPTURE_STATUSES],
                         GError  **error)
{
  return gp_store_count_batch_statuses (self, NULL, counts, error);
}

GPtrArray *
gp_store_count_classes (GpStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  GPtrArray *counts;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  progress = gp_store_list_progress (self, NULL, error);
  if (progress == NULL)
    return NULL;
  classes = gp_progress_count_classes (progress);
  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_count_free);
  for (guint i = 0; i < classes->len; i++)
    {
      GpProgressCount *c = g_ptr_array_index (classes, i);
      GpClassCount *count = g_new0 (GpClassCount, 1);

      count->college = g_strdup (c->college);
      count->class_name = g_strdup (c->class_name);
      count->students = c->students;
      count->photographed = c->states[GP_STUDENT_DONE] + c->states[GP_STUDENT_REVIEW];
      count->approved = c->states[GP_STUDENT_DONE];
      g_ptr_array_add (counts, count);
    }
  return counts;
}
