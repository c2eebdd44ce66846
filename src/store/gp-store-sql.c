/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The store's one statement helper: prepare, bind, step and the errors that say what to do. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "store/gp-store.h"
#include "store/gp-store-private.h"

/* Turns a SQLite result code into a message that tells the operator what
 * to do; @what is a translated verb phrase ("save the photo record"). */
void
gp_store_set_error (GpStore     *self,
                    int          rc,
                    const char  *what,
                    GError     **error)
{
  GpStoreError code;
  g_autofree char *reason = NULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = GP_STORE_ERROR_DISK_FULL;
      reason = g_strdup (_("the disk is full. Free space on the disk and try again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = GP_STORE_ERROR_LOCKED;
      reason = g_strdup (_("another GradPhoto program is writing to this database, such as a roster import, a "
                           "merge or another station. Wait until it has finished and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = GP_STORE_ERROR_READ_ONLY;
      reason = g_strdup (_("the database file cannot be written. Check that the disk is not write-protected and the folder is writable."));
      break;
    case SQLITE_CANTOPEN:
      code = GP_STORE_ERROR_CANNOT_OPEN;
      reason = g_strdup (_("the database file cannot be opened. Check that the disk is connected and the folder is writable."));
      break;
    case SQLITE_NOTADB:
      code = GP_STORE_ERROR_NOT_A_DATABASE;
      reason = g_strdup (_("the file is not a GradPhoto database. Choose another file, or move this one away so a new database can be created."));
      break;
    case SQLITE_CORRUPT:
      code = GP_STORE_ERROR_CORRUPT;
      reason = g_strdup (_("the database is damaged. Restore it from a backup."));
      break;
    case SQLITE_IOERR:
      code = GP_STORE_ERROR_IO;
      reason = g_strdup (_("the disk could not be read or written. Check that the disk is connected, then try again."));
      break;
    case SQLITE_CONSTRAINT:
      code = GP_STORE_ERROR_CONSTRAINT;
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        reason = g_strdup (_("it refers to a student or photo that is not in the database. Scan the student’s code again."));
      else
        reason = g_strdup_printf (_("it conflicts with data already in the database (%s). Check the roster for duplicates."),
                                  sqlite3_errmsg (gp_store_get_db (self)));
      break;
    default:
      code = GP_STORE_ERROR_FAILED;
      reason = g_strdup_printf (_("the database reported “%s”. Restart GradPhoto; if this happens again, report it."),
                                gp_store_get_db (self) != NULL ? sqlite3_errmsg (gp_store_get_db (self)) : sqlite3_errstr (rc));
      break;
    }

  /* Translators: the first %s is an action such as "save the photo record", the second the reason and what to do */
  g_set_error (error, GP_STORE_ERROR, code, _("Could not %s: %s"), what, reason);
}

sqlite3_stmt *
gp_store_prepare (GpStore     *self,
                  const char  *sql,
                  const char  *what,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (gp_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Fixed SQL only (schema, transactions, pragmas): values are always bound. */
gboolean
gp_store_exec (GpStore     *self,
               const char  *sql,
               const char  *what,
               GError     **error)
{
  int rc = sqlite3_exec (gp_store_get_db (self), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Steps a statement that returns no rows. */
gboolean
gp_store_step_done (GpStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs a query returning one integer (count, pragma value); -1 on error. */
gint64
gp_store_query_int (GpStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

int
gp_store_bind_optional (sqlite3_stmt *stmt,
                        int           index,
                        const char   *value)
{
  if (value == NULL || *value == '\0')
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

char *
gp_store_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}
