/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's SQLite database: the store object, its schema and migrations,
 * opening (and opening a read-only copy). The rows live in gp-store-students.c,
 * gp-store-captures.c, gp-store-print-jobs.c and gp-audit.c, around the one
 * statement helper of gp-store-sql.c. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/gp-durable.h"

#include "store/gp-store.h"
#include "store/gp-store-private.h"
#include "store/gp-student-state.h"

#define NOW_UTC GP_STORE_NOW_UTC

/* Entry i upgrades a database from user_version i to i + 1. Shipped entries
 * are never edited: a schema change is a new entry at the end. */
static const char *const migrations[] = {
  "CREATE TABLE students ("
  "  id          INTEGER PRIMARY KEY,"
  "  student_no  TEXT NOT NULL UNIQUE,"
  "  name        TEXT NOT NULL,"
  "  code        TEXT,"
  "  college     TEXT,"
  "  class_name  TEXT,"
  "  id_last4    TEXT,"
  "  updated_at  TEXT NOT NULL DEFAULT (" NOW_UTC ")"
  ");"
  "CREATE UNIQUE INDEX students_code ON students (code);"
  "CREATE TABLE captures ("
  "  id             INTEGER PRIMARY KEY,"
  "  student_id     INTEGER NOT NULL REFERENCES students (id),"
  "  original_path  TEXT NOT NULL,"
  "  photo_path     TEXT NOT NULL,"
  "  station        TEXT,"
  "  created_at     TEXT NOT NULL DEFAULT (" NOW_UTC "),"
  "  status         TEXT NOT NULL DEFAULT 'captured'"
  ");"
  "CREATE INDEX captures_student ON captures (student_id);"
  "CREATE TABLE print_jobs ("
  "  id           INTEGER PRIMARY KEY,"
  "  capture_id   INTEGER NOT NULL REFERENCES captures (id),"
  "  printer      TEXT,"
  "  pdf_path     TEXT NOT NULL,"
  "  cups_job_id  INTEGER,"
  "  status       TEXT NOT NULL,"
  "  created_at   TEXT NOT NULL DEFAULT (" NOW_UTC ")"
  ");"
  "CREATE INDEX print_jobs_capture ON print_jobs (capture_id);",

  /* v2 (issue 5): batches, the fuller roster, the capture workflow, the audit
   * log. Existing students join the "default" batch. */
  "CREATE TABLE batches ("
  "  id               INTEGER PRIMARY KEY,"
  "  name             TEXT NOT NULL UNIQUE,"
  "  school           TEXT,"
  "  profile          TEXT,"
  "  starts_on        TEXT,"
  "  ends_on          TEXT,"
  "  rooms            TEXT,"
  "  time_slots       TEXT,"
  "  payment_tracked  INTEGER NOT NULL DEFAULT 0,"
  "  export_naming    TEXT,"
  "  created_at       TEXT NOT NULL DEFAULT (" NOW_UTC ")"
  ");"
  "INSERT INTO batches (id, name) VALUES (1, 'default');"
  "ALTER TABLE students ADD COLUMN batch_id INTEGER REFERENCES batches (id);"
  "UPDATE students SET batch_id = 1;"
  "ALTER TABLE students ADD COLUMN school TEXT;"
  "ALTER TABLE students ADD COLUMN major TEXT;"
  "ALTER TABLE students ADD COLUMN level TEXT;"
  "ALTER TABLE students ADD COLUMN education TEXT;"
  "ALTER TABLE students ADD COLUMN graduation_year TEXT;"
  "ALTER TABLE students ADD COLUMN time_slot TEXT;"
  "ALTER TABLE students ADD COLUMN paid INTEGER;"
  /* Kept only when the batch's export naming needs it; never shown. */
  "ALTER TABLE students ADD COLUMN id_number TEXT;"
  "ALTER TABLE students ADD COLUMN chosen_capture_id INTEGER REFERENCES captures (id);"
  "CREATE INDEX students_batch ON students (batch_id);"
  "CREATE INDEX students_class ON students (college, class_name);"
  /* uid names a capture across stations, so merging is idempotent. */
  "ALTER TABLE captures ADD COLUMN uid TEXT;"
  "ALTER TABLE captures ADD COLUMN checks TEXT;"
  "ALTER TABLE captures ADD COLUMN operator TEXT;"
  "ALTER TABLE captures ADD COLUMN retake INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE captures ADD COLUMN status_reason TEXT;"
  "ALTER TABLE captures ADD COLUMN updated_at TEXT;"
  "UPDATE captures SET uid = lower (hex (randomblob (16))),"
  "  retake = (SELECT count(*) FROM captures older"
  "            WHERE older.student_id = captures.student_id AND older.id < captures.id);"
  "CREATE UNIQUE INDEX captures_uid ON captures (uid);"
  "CREATE INDEX captures_status ON captures (status);"
  "CREATE TRIGGER captures_default_uid AFTER INSERT ON captures WHEN NEW.uid IS NULL"
  " BEGIN UPDATE captures SET uid = lower (hex (randomblob (16))) WHERE id = NEW.id; END;"
  "CREATE TRIGGER captures_status_insert BEFORE INSERT ON captures"
  " WHEN NEW.status NOT IN ('captured', 'approved', 'printed', 'exported', 'rejected', 'missing')"
  " BEGIN SELECT RAISE (ABORT, 'unknown capture status'); END;"
  "CREATE TRIGGER captures_status_update BEFORE UPDATE OF status ON captures"
  " WHEN NEW.status NOT IN ('captured', 'approved', 'printed', 'exported', 'rejected', 'missing')"
  " BEGIN SELECT RAISE (ABORT, 'unknown capture status'); END;"
  "CREATE TABLE audit_log ("
  "  id          INTEGER PRIMARY KEY,"
  "  at          TEXT NOT NULL DEFAULT (" NOW_UTC "),"
  "  actor       TEXT,"
  "  action      TEXT NOT NULL,"
  "  student_id  INTEGER REFERENCES students (id),"
  "  capture_id  INTEGER REFERENCES captures (id),"
  "  detail      TEXT"
  ");"
  "CREATE INDEX audit_log_student ON audit_log (student_id);",

  /* v3 (issue 5): print jobs and audit entries get a uid, as captures have,
   * so merging copies each once. Older rows are named by a hash of what never
   * changes in them (gp_stable_uid), so copies of one station's database
   * upgraded apart still agree. */
  "ALTER TABLE print_jobs ADD COLUMN uid TEXT;"
  "UPDATE print_jobs SET uid = gp_stable_uid ('print_jobs', id, created_at, printer, pdf_path, cups_job_id,"
  "  (SELECT uid FROM captures WHERE captures.id = print_jobs.capture_id));"
  "CREATE UNIQUE INDEX print_jobs_uid ON print_jobs (uid);"
  "CREATE TRIGGER print_jobs_default_uid AFTER INSERT ON print_jobs WHEN NEW.uid IS NULL"
  " BEGIN UPDATE print_jobs SET uid = lower (hex (randomblob (16))) WHERE id = NEW.id; END;"
  "ALTER TABLE audit_log ADD COLUMN uid TEXT;"
  "UPDATE audit_log SET uid = gp_stable_uid ('audit_log', id, at, actor, action, detail,"
  "  (SELECT student_no FROM students WHERE students.id = audit_log.student_id),"
  "  (SELECT uid FROM captures WHERE captures.id = audit_log.capture_id));"
  "CREATE UNIQUE INDEX audit_log_uid ON audit_log (uid);"
  "CREATE TRIGGER audit_log_default_uid AFTER INSERT ON audit_log WHEN NEW.uid IS NULL"
  " BEGIN UPDATE audit_log SET uid = lower (hex (randomblob (16))) WHERE id = NEW.id; END;",

  /* v4 (issue 16): a walk-in is photographed without being on the roster
   * the school gave; reports flag them. */
  "ALTER TABLE students ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;",
};

struct _GpStore
{
  GObject   parent_instance;

  GMutex    lock;
  sqlite3  *db;
  char     *path;
};

G_DEFINE_TYPE (GpStore, gp_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (gp-store-error-quark, gp_store_error)

static void
gp_store_finalize (GObject *object)
{
  GpStore *self = GP_STORE (object);

  /* Closing the last connection checkpoints the WAL into the main file. */
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Could not close %s: %s", self->path, sqlite3_errmsg (self->db));
  g_mutex_clear (&self->lock);
  g_free (self->path);

  G_OBJECT_CLASS (gp_store_parent_class)->finalize (object);
}

static void
gp_store_class_init (GpStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_store_finalize;
}

static void
gp_store_init (GpStore *self)
{
  g_mutex_init (&self->lock);
}

static gint64
read_user_version (GpStore     *self,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, "PRAGMA user_version", what, error);

  if (stmt == NULL)
    return -1;
  return gp_store_query_int (self, stmt, what, error);
}

static gboolean
set_newer_schema_error (GpStore  *self,
                        gint64    version,
                        GError  **error)
{
  g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NEWER_SCHEMA,
               _("The database “%s” was written by a newer GradPhoto (schema version %d; this version knows up to %d). "
                 "Install the newer GradPhoto, or choose another data folder. The database was not changed."),
               self->path, (int) version, (int) G_N_ELEMENTS (migrations));
  return FALSE;
}

static gboolean
migrate (GpStore  *self,
         GError  **error)
{
  const char *what = _("upgrade the database");
  g_autofree char *set_version = NULL;
  gint64 version;
  gsize i;

  /* Another station process may have migrated while we waited for the lock. */
  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  version = read_user_version (self, what, error);
  if (version < 0)
    goto fail;
  if (version > (gint64) G_N_ELEMENTS (migrations))
    {
      set_newer_schema_error (self, version, error);
      goto fail;
    }
  for (i = (gsize) version; i < G_N_ELEMENTS (migrations); i++)
    if (!gp_store_exec (self, migrations[i], what, error))
      goto fail;

  /* PRAGMA takes no bound parameters; the value is our own constant. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) G_N_ELEMENTS (migrations));
  if (!gp_store_exec (self, set_version, what, error)
      || !gp_store_exec (self, "COMMIT", what, error))
    goto fail;
  return TRUE;

fail:
  /* The error already set is the one worth reporting; a failed ROLLBACK only
   * means SQLite had rolled back by itself. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* gp_stable_uid (…): 32 hex digits of SHA-256 over the arguments, each
 * with its type and length first, so (NULL) ≠ ('') and ('a', 'bc') ≠ ('ab', 'c'). */
static void
sql_stable_uid (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *uid = NULL;
  int i;

  for (i = 0; i < argc; i++)
    {
      const guchar *text = sqlite3_value_text (argv[i]);
      int length = sqlite3_value_bytes (argv[i]);
      char head[32];

      g_snprintf (head, sizeof head, "%d:%d:", sqlite3_value_type (argv[i]), length);
      g_checksum_update (sum, (const guchar *) head, -1);
      if (text != NULL)
        g_checksum_update (sum, text, length);
    }
  uid = g_strndup (g_checksum_get_string (sum), 32);
  sqlite3_result_text (context, uid, -1, SQLITE_TRANSIENT);
}

static gboolean
set_journal_mode (GpStore  *self,
                  GError  **error)
{
  const char *what = _("open the database");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, "PRAGMA journal_mode = WAL", what, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  /* Some network file systems cannot do WAL; rollback journaling is still safe. */
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_message ("%s stays in %s journal mode", self->path, sqlite3_column_text (stmt, 0));
  return TRUE;
}

/* What every connection needs before its first statement. */
static gboolean
prepare_connection (GpStore     *self,
                    const char  *what,
                    GError     **error)
{
  int rc;

  /* Extended codes tell a foreign-key failure from other constraints. */
  sqlite3_extended_result_codes (self->db, 1);
  /* Migration v3 names older rows with it. */
  rc = sqlite3_create_function_v2 (self->db, "gp_stable_uid", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   NULL, sql_stable_uid, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return gp_store_exec (self, "PRAGMA busy_timeout = 5000", what, error);
}

static gboolean
open_database (GpStore  *self,
               GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *what = g_strdup_printf (_("open the database “%s”"), self->path);
  gint64 version;
  int rc, fd;

  if (g_mkdir_with_parents (dir, GP_DURABLE_DIR_MODE) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_CANNOT_OPEN,
                   _("Could not create the folder “%s”: %s. Check that the disk is connected and writable."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* SQLite would create the file 0644 (and its -wal and -shm like it):
   * create it private first. An existing file keeps its mode. */
  fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, GP_DURABLE_FILE_MODE);
  if (fd >= 0)
    {
      gboolean private = fchmod (fd, GP_DURABLE_FILE_MODE) == 0;

      close (fd);
      if (!private && !gp_durable_make_private (self->path, error))
        return FALSE;
    }
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  /* Read the version before anything that writes (WAL changes the file
   * header), so a database from a newer GradPhoto stays byte-for-byte intact. */
  if (!prepare_connection (self, what, error))
    return FALSE;
  version = read_user_version (self, what, error);
  if (version < 0)
    return FALSE;
  if (version > (gint64) G_N_ELEMENTS (migrations))
    return set_newer_schema_error (self, version, error);

  if (!set_journal_mode (self, error)
      || !gp_store_exec (self, "PRAGMA synchronous = FULL", what, error)
      /* A 50 000-student import fits in the page cache instead of spilling. */
      || !gp_store_exec (self, "PRAGMA cache_size = -65536", what, error)
      || !gp_store_exec (self, "PRAGMA foreign_keys = ON", what, error))
    return FALSE;

  if (version < (gint64) G_N_ELEMENTS (migrations))
    return migrate (self, error);
  return TRUE;
}

/* ---- For the store's own modules (gp-store-private.h) ------------------- */

GMutex *
gp_store_get_lock (GpStore *self)
{
  return &self->lock;
}

sqlite3 *
gp_store_get_db (GpStore *self)
{
  return self->db;
}

GpStore *
gp_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(GpStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_database (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Copies the database file at @path into @self's connection, opening the
 * file read-only. */
static int
copy_read_only (GpStore     *self,
                const char  *path)
{
  sqlite3 *file = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &file, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (self->db, "main", file, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (self->db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  sqlite3_close (file);
  return rc;
}

GpStore *
gp_store_open_copy (const char  *path,
                    GError     **error)
{
  g_autoptr(GpStore) self = NULL;
  g_autofree char *what = NULL;
  gint64 version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  what = g_strdup_printf (_("read the station database “%s”"), path);
  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_read_only (self, path);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  if (!prepare_connection (self, what, error))
    return NULL;
  /* An empty file reads as an empty database of version 0. */
  version = rc == SQLITE_OK ? read_user_version (self, what, error) : 0;
  if (version < 0)
    return NULL;
  if (version == 0)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a GradPhoto station database: it is empty or another program wrote it. "
                     "Choose the station.db from the station’s data folder."),
                   path);
      return NULL;
    }
  if (version > (gint64) G_N_ELEMENTS (migrations))
    {
      set_newer_schema_error (self, version, error);
      return NULL;
    }
  if (!gp_store_exec (self, "PRAGMA foreign_keys = ON", what, error)
      || (version < (gint64) G_N_ELEMENTS (migrations) && !migrate (self, error)))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
gp_store_get_path (GpStore *self)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);

  return self->path;
}
