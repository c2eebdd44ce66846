/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Print jobs: their rows, statuses and what a finished sheet does to its photos. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "store/gp-store.h"
#include "store/gp-store-private.h"

/* The audit log's actor for what the print queue, not a person, did. */
#define PRINT_ACTOR "print"

gboolean
gp_print_job_status_is_done (const char *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  return g_str_equal (status, GP_PRINT_JOB_STATUS_COMPLETED) || g_str_equal (status, GP_PRINT_JOB_STATUS_WRITTEN);
}

gboolean
gp_print_job_status_is_over (const char *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  return gp_print_job_status_is_done (status) || g_str_equal (status, GP_PRINT_JOB_STATUS_SAVED)
         || g_str_equal (status, GP_PRINT_JOB_STATUS_CANCELED) || g_str_equal (status, "aborted");
}

gint64
gp_store_add_print_job (GpStore     *self,
                        gint64       capture_id,
                        const char  *printer,
                        const char  *pdf_path,
                        int          cups_job_id,
                        const char  *status,
                        GError     **error)
{
  const char *what = _("save the print job");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (pdf_path != NULL, -1);
  g_return_val_if_fail (status != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return -1;
  stmt = gp_store_prepare (self,
                           "INSERT INTO print_jobs (capture_id, printer, pdf_path, cups_job_id, status)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)",
                           what, error);
  if (stmt == NULL)
    goto fail;
  if ((rc = sqlite3_bind_int64 (stmt, 1, capture_id)) != SQLITE_OK
      || (rc = gp_store_bind_optional (stmt, 2, printer)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 3, pdf_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = cups_job_id > 0 ? sqlite3_bind_int (stmt, 4, cups_job_id)
                               : sqlite3_bind_null (stmt, 4)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 5, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      goto fail;
    }
  if (!gp_store_step_done (self, stmt, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gp_store_get_db (self));
  if ((gp_print_job_status_is_done (status) && !gp_store_print_done_locked (self, id, PRINT_ACTOR, error))
      || !gp_store_exec (self, "COMMIT", what, error))
    goto fail;
  return id;

fail:
  sqlite3_exec (gp_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

/* ---- Print jobs (issue 6) ---------------------------------------------- */

void
gp_print_job_record_free (GpPrintJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->student_no);
  g_free (record->name);
  g_free (record->printer);
  g_free (record->pdf_path);
  g_free (record->status);
  g_free (record->created_at);
  g_free (record);
}

#define PRINT_JOB_COLUMNS \
  "SELECT p.id, p.capture_id, s.student_no, s.name, p.printer, p.pdf_path," \
  "       p.cups_job_id, p.status, p.created_at" \
  " FROM print_jobs p" \
  " LEFT JOIN captures c ON c.id = p.capture_id" \
  " LEFT JOIN students s ON s.id = c.student_id"

static GpPrintJobRecord *
print_job_from_row (sqlite3_stmt *stmt)
{
  GpPrintJobRecord *record = g_new0 (GpPrintJobRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->capture_id = sqlite3_column_int64 (stmt, 1);
  record->student_no = gp_store_column_dup (stmt, 2);
  record->name = gp_store_column_dup (stmt, 3);
  record->printer = gp_store_column_dup (stmt, 4);
  record->pdf_path = gp_store_column_dup (stmt, 5);
  record->cups_job_id = sqlite3_column_int (stmt, 6);
  record->status = gp_store_column_dup (stmt, 7);
  record->created_at = gp_store_column_dup (stmt, 8);
  return record;
}

GPtrArray *
gp_store_list_print_jobs (GpStore  *self,
                          GError  **error)
{
  const char *what = _("list the print jobs");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self, PRINT_JOB_COLUMNS " ORDER BY p.id", what, error);
  if (stmt == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_print_job_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, print_job_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GpPrintJobRecord *
gp_store_get_print_job (GpStore  *self,
                        gint64    id,
                        GError  **error)
{
  const char *what = _("look up the print job");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self, PRINT_JOB_COLUMNS " WHERE p.id = ?1", what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return print_job_from_row (stmt);
}

int
gp_store_set_print_job_status (GpStore     *self,
                               const char  *printer,
                               int          cups_job_id,
                               const char  *status,
                               GError     **error)
{
  const char *what = _("update the print job");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean done;
  guint i;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (printer != NULL, -1);
  g_return_val_if_fail (status != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  done = gp_print_job_status_is_done (status);
  locker = g_mutex_locker_new (gp_store_get_lock (self));
  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return -1;
  rows = gp_store_prepare (self,
                           "SELECT id FROM print_jobs WHERE printer = ?1 AND cups_job_id = ?2 AND status IS NOT ?3"
                           " AND status NOT IN " GP_STORE_PRINT_OVER_SQL " ORDER BY id",
                           what, error);
  update = gp_store_prepare (self, "UPDATE print_jobs SET status = ?2 WHERE id = ?1", what, error);
  if (rows == NULL || update == NULL)
    goto fail;
  if ((rc = sqlite3_bind_text (rows, 1, printer, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_int (rows, 2, cups_job_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (rows, 3, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (update, 2, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      goto fail;
    }
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      goto fail;
    }

  for (i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_reset (update);
      rc = sqlite3_bind_int64 (update, 1, id);
      if (rc != SQLITE_OK)
        {
          gp_store_set_error (self, rc, what, error);
          goto fail;
        }
      if (!gp_store_step_done (self, update, what, error)
          || (done && !gp_store_print_done_locked (self, id, PRINT_ACTOR, error)))
        goto fail;
    }
  if (!gp_store_exec (self, "COMMIT", what, error))
    goto fail;
  return (int) ids->len;

fail:
  sqlite3_exec (gp_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return -1;
}
