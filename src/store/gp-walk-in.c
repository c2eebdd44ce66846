/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Walk-ins: students the roster lacks, added at the station and flagged so
 * that status, report and export list them for the school to check. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/gp-text.h"
#include "store/gp-store-private.h"
#include "store/gp-walk-in.h"

static gboolean
present (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
valid (const GpWalkIn  *w,
       GError         **error)
{
  if (w->student_no == NULL || !gp_text_is_student_no (w->student_no))
    g_set_error_literal (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                         _("A 学号 is letters and digits, up to 32 of them. Type it as on the student card."));
  else if (!present (w->name) || !present (w->college) || !present (w->class_name))
    g_set_error_literal (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                         _("A walk-in needs a 学号, a name, a college and a class. Fill them all in."));
  else if (present (w->id_last4) && (strlen (w->id_last4) != 4 ||
                                     strspn (w->id_last4, "0123456789Xx") != 4))
    g_set_error_literal (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                         _("The last 4 characters of an ID number are digits or X. Check them, or leave them out."));
  else
    return TRUE;
  return FALSE;
}

gint64
gp_store_add_walk_in (GpStore         *self,
                      const GpWalkIn  *walk_in,
                      const char      *actor,
                      GError         **error)
{
  const char *what = _("add the walk-in");
  const char *batch_name = present (walk_in->batch) ? walk_in->batch : GP_STORE_DEFAULT_BATCH;
  g_autoptr(GpStudent) known = NULL;
  g_autoptr(GpBatch) batch = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (GP_IS_STORE (self) && walk_in != NULL, -1);

  if (!valid (walk_in, error))
    return -1;
  known = gp_store_find_student_by_no (self, walk_in->student_no, &local_error);
  if (known == NULL && local_error == NULL)
    batch = gp_store_find_batch (self, batch_name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  if (known != NULL)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   _("Student %s (%s) is on the roster already: scan or type the code instead."),
                   known->student_no, known->name);
      return -1;
    }

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return -1;
  stmt = gp_store_prepare (self,
                           "INSERT INTO students (student_no, name, college, class_name, id_last4, batch_id, walk_in)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
                           what, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, walk_in->student_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, walk_in->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, walk_in->college, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, walk_in->class_name, -1, SQLITE_TRANSIENT);
  gp_store_bind_optional (stmt, 5, walk_in->id_last4);
  if (batch != NULL)
    sqlite3_bind_int64 (stmt, 6, batch->id);
  else
    sqlite3_bind_null (stmt, 6);
  if (!gp_store_step_done (self, stmt, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gp_store_get_db (self));
  if (!gp_store_audit_locked (self, actor, "walk-in", id, 0, walk_in->student_no, error) ||
      !gp_store_exec (self, "COMMIT", what, error))
    goto fail;
  return id;

fail:
  gp_store_exec (self, "ROLLBACK", what, NULL);
  return -1;
}
