/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The audit log: writing an entry, and reading a student's history back,
 * staff actions included. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-audit.h"
#include "store/gp-store-private.h"

gboolean
gp_store_audit_locked (GpStore     *self,
                       const char  *actor,
                       const char  *action,
                       gint64       student_id,
                       gint64       capture_id,
                       const char  *detail,
                       GError     **error)
{
  const char *what = _("write the audit log");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gp_store_prepare (self,
                           "INSERT INTO audit_log (actor, action, student_id, capture_id, detail)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = gp_store_bind_optional (stmt, 1, actor)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 2, action, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = student_id > 0 ? sqlite3_bind_int64 (stmt, 3, student_id)
                              : sqlite3_bind_null (stmt, 3)) != SQLITE_OK
      || (rc = capture_id > 0 ? sqlite3_bind_int64 (stmt, 4, capture_id)
                              : sqlite3_bind_null (stmt, 4)) != SQLITE_OK
      || (rc = gp_store_bind_optional (stmt, 5, detail)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return gp_store_step_done (self, stmt, what, error);
}

gboolean
gp_store_audit (GpStore     *self,
                const char  *actor,
                const char  *action,
                gint64       student_id,
                gint64       capture_id,
                const char  *detail,
                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  return gp_store_audit_locked (self, actor, action, student_id, capture_id, detail, error);
}

void
gp_audit_entry_free (GpAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->detail);
  g_free (entry);
}

GPtrArray *
gp_store_list_audit (GpStore  *self,
                     gint64    student_id,
                     GError  **error)
{
  const char *what = _("read the audit log");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_audit_entry_free);
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  /* Entries about a photo may lack the student: merged before it was known. */
  stmt = gp_store_prepare (self,
                           "SELECT id, at, actor, action, capture_id, detail FROM audit_log"
                           " WHERE student_id = ?1"
                           "    OR capture_id IN (SELECT id FROM captures WHERE student_id = ?1)"
                           " ORDER BY at, id",
                           what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, student_id);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpAuditEntry *entry = g_new0 (GpAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = gp_store_column_dup (stmt, 1);
      entry->actor = gp_store_column_dup (stmt, 2);
      entry->action = gp_store_column_dup (stmt, 3);
      entry->capture_id = sqlite3_column_int64 (stmt, 4);
      entry->detail = gp_store_column_dup (stmt, 5);
      g_ptr_array_add (entries, entry);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
