/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's SQLite database: roster, captures and print jobs. */
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
G_DEFINE_BOXED_TYPE (GpStudent, gp_student, gp_student_copy, gp_student_free)
G_DEFINE_BOXED_TYPE (GpCapture, gp_capture, gp_capture_copy, gp_capture_free)

GpStudent *
gp_student_new (void)
{
  GpStudent *student = g_new0 (GpStudent, 1);

  student->paid = -1;
  return student;
}

GpStudent *
gp_student_copy (const GpStudent *student)
{
  GpStudent *copy;

  g_return_val_if_fail (student != NULL, NULL);

  copy = g_new0 (GpStudent, 1);
  copy->id = student->id;
  copy->student_no = g_strdup (student->student_no);
  copy->name = g_strdup (student->name);
  copy->code = g_strdup (student->code);
  copy->college = g_strdup (student->college);
  copy->class_name = g_strdup (student->class_name);
  copy->id_last4 = g_strdup (student->id_last4);
  copy->batch_id = student->batch_id;
  copy->school = g_strdup (student->school);
  copy->major = g_strdup (student->major);
  copy->level = g_strdup (student->level);
  copy->education = g_strdup (student->education);
  copy->graduation_year = g_strdup (student->graduation_year);
  copy->time_slot = g_strdup (student->time_slot);
  copy->paid = student->paid;
  copy->id_number = g_strdup (student->id_number);
  return copy;
}

void
gp_student_free (GpStudent *student)
{
  if (student == NULL)
    return;
  g_free (student->student_no);
  g_free (student->name);
  g_free (student->code);
  g_free (student->college);
  g_free (student->class_name);
  g_free (student->id_last4);
  g_free (student->school);
  g_free (student->major);
  g_free (student->level);
  g_free (student->education);
  g_free (student->graduation_year);
  g_free (student->time_slot);
  g_free (student->id_number);
  g_free (student);
}

GpCapture *
gp_capture_copy (const GpCapture *capture)
{
  GpCapture *copy;

  g_return_val_if_fail (capture != NULL, NULL);

  copy = g_new0 (GpCapture, 1);
  copy->id = capture->id;
  copy->student_id = capture->student_id;
  copy->original_path = g_strdup (capture->original_path);
  copy->photo_path = g_strdup (capture->photo_path);
  copy->station = g_strdup (capture->station);
  copy->created_at = g_strdup (capture->created_at);
  copy->status = g_strdup (capture->status);
  copy->uid = g_strdup (capture->uid);
  copy->checks = g_strdup (capture->checks);
  copy->operator_name = g_strdup (capture->operator_name);
  copy->retake = capture->retake;
  copy->status_reason = g_strdup (capture->status_reason);
  copy->updated_at = g_strdup (capture->updated_at);
  return copy;
}

void
gp_capture_free (GpCapture *capture)
{
  if (capture == NULL)
    return;
  g_free (capture->original_path);
  g_free (capture->photo_path);
  g_free (capture->station);
  g_free (capture->created_at);
  g_free (capture->status);
  g_free (capture->uid);
  g_free (capture->checks);
  g_free (capture->operator_name);
  g_free (capture->status_reason);
  g_free (capture->updated_at);
  g_free (capture);
}

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

/* Turns a SQLite result code into a message that tells the operator what
 * to do; @what is a translated verb phrase ("save the photo record"). */
static void
set_sqlite_error (GpStore     *self,
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
                                  sqlite3_errmsg (self->db));
      break;
    default:
      code = GP_STORE_ERROR_FAILED;
      reason = g_strdup_printf (_("the database reported “%s”. Restart GradPhoto; if this happens again, report it."),
                                self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    }

  /* Translators: the first %s is an action such as "save the photo record", the second the reason and what to do */
  g_set_error (error, GP_STORE_ERROR, code, _("Could not %s: %s"), what, reason);
}

static sqlite3_stmt *
prepare (GpStore     *self,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Fixed SQL only (schema, transactions, pragmas): values are always bound. */
static gboolean
exec_sql (GpStore     *self,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (GpStore       *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs a query returning one integer (count, pragma value); -1 on error. */
static gint64
query_int (GpStore       *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static int
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *value)
{
  if (value == NULL || *value == '\0')
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gint64
read_user_version (GpStore     *self,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", what, error);

  if (stmt == NULL)
    return -1;
  return query_int (self, stmt, what, error);
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
  if (!exec_sql (self, "BEGIN IMMEDIATE", what, error))
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
    if (!exec_sql (self, migrations[i], what, error))
      goto fail;

  /* PRAGMA takes no bound parameters; the value is our own constant. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) G_N_ELEMENTS (migrations));
  if (!exec_sql (self, set_version, what, error)
      || !exec_sql (self, "COMMIT", what, error))
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA journal_mode = WAL", what, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, what, error);
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
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return exec_sql (self, "PRAGMA busy_timeout = 5000", what, error);
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
      set_sqlite_error (self, rc, what, error);
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
      || !exec_sql (self, "PRAGMA synchronous = FULL", what, error)
      /* A 50 000-student import fits in the page cache instead of spilling. */
      || !exec_sql (self, "PRAGMA cache_size = -65536", what, error)
      || !exec_sql (self, "PRAGMA foreign_keys = ON", what, error))
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

void
gp_store_set_error (GpStore     *self,
                    int          rc,
                    const char  *what,
                    GError     **error)
{
  set_sqlite_error (self, rc, what, error);
}

sqlite3_stmt *
gp_store_prepare (GpStore     *self,
                  const char  *sql,
                  const char  *what,
                  GError     **error)
{
  return prepare (self, sql, what, error);
}

gboolean
gp_store_exec (GpStore     *self,
               const char  *sql,
               const char  *what,
               GError     **error)
{
  return exec_sql (self, sql, what, error);
}

gboolean
gp_store_step_done (GpStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  return step_done (self, stmt, what, error);
}

int
gp_store_bind_optional (sqlite3_stmt *stmt,
                        int           index,
                        const char   *value)
{
  return bind_optional (stmt, index, value);
}

char *
gp_store_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  return column_dup (stmt, column);
}

GpStudent *
gp_store_student_from_row (sqlite3_stmt *stmt,
                           int           first)
{
  GpStudent *student = gp_student_new ();

  student->id = sqlite3_column_int64 (stmt, first);
  student->student_no = column_dup (stmt, first + 1);
  student->name = column_dup (stmt, first + 2);
  student->code = column_dup (stmt, first + 3);
  student->college = column_dup (stmt, first + 4);
  student->class_name = column_dup (stmt, first + 5);
  student->id_last4 = column_dup (stmt, first + 6);
  student->batch_id = sqlite3_column_int64 (stmt, first + 7);
  student->school = column_dup (stmt, first + 8);
  student->major = column_dup (stmt, first + 9);
  student->level = column_dup (stmt, first + 10);
  student->education = column_dup (stmt, first + 11);
  student->graduation_year = column_dup (stmt, first + 12);
  student->time_slot = column_dup (stmt, first + 13);
  student->paid = sqlite3_column_type (stmt, first + 14) == SQLITE_NULL
                  ? -1 : sqlite3_column_int (stmt, first + 14);
  return student;
}

GpCapture *
gp_store_capture_from_row (sqlite3_stmt *stmt,
                           int           first)
{
  GpCapture *capture = g_new0 (GpCapture, 1);

  capture->id = sqlite3_column_int64 (stmt, first);
  capture->student_id = sqlite3_column_int64 (stmt, first + 1);
  capture->original_path = column_dup (stmt, first + 2);
  capture->photo_path = column_dup (stmt, first + 3);
  capture->station = column_dup (stmt, first + 4);
  capture->created_at = column_dup (stmt, first + 5);
  capture->status = column_dup (stmt, first + 6);
  capture->uid = column_dup (stmt, first + 7);
  capture->checks = column_dup (stmt, first + 8);
  capture->operator_name = column_dup (stmt, first + 9);
  capture->retake = sqlite3_column_int (stmt, first + 10);
  capture->status_reason = column_dup (stmt, first + 11);
  capture->updated_at = column_dup (stmt, first + 12);
  return capture;
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
      set_sqlite_error (self, rc, what, error);
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
  if (!exec_sql (self, "PRAGMA foreign_keys = ON", what, error)
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

static GpStudent *
find_student (GpStore     *self,
              const char  *sql,
              const char  *key,
              GError     **error)
{
  const char *what = _("look up the student");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, what, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = key != NULL ? sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) : SQLITE_OK;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }

  return gp_store_student_from_row (stmt, 0);
}

#define SELECT_STUDENT "SELECT " GP_STORE_STUDENT_COLUMNS " FROM students "

GpStudent *
gp_store_find_student_by_code (GpStore     *self,
                               const char  *code,
                               GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self, SELECT_STUDENT "WHERE code = ?1", code, error);
}

GpStudent *
gp_store_find_student_by_no (GpStore     *self,
                             const char  *student_no,
                             GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (student_no != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self, SELECT_STUDENT "WHERE student_no = ?1", student_no, error);
}

GpStudent *
gp_store_find_next_uncaptured (GpStore  *self,
                               GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self,
                       SELECT_STUDENT "WHERE NOT EXISTS"
                       " (SELECT 1 FROM captures WHERE captures.student_id = students.id)"
                       " ORDER BY id LIMIT 1",
                       NULL, error);
}

static int
count (GpStore     *self,
       const char  *sql,
       const char  *what,
       GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, what, error);

  if (stmt == NULL)
    return -1;
  return (int) query_int (self, stmt, what, error);
}

int
gp_store_count_students (GpStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return count (self, "SELECT count(*) FROM students", _("count the students"), error);
}

int
gp_store_count_photographed (GpStore  *self,
                             GError  **error)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GpProgressCount) all = NULL;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  progress = gp_store_list_progress (self, NULL, error);
  if (progress == NULL)
    return -1;
  all = gp_progress_count_all (progress);
  return all->states[GP_STUDENT_DONE] + all->states[GP_STUDENT_REVIEW];
}

/* An empty field on re-import keeps what the database has. */
#define UPSERT_KEEP(col) "  " col " = coalesce (excluded." col ", students." col ")"
#define UPSERT_CHANGED(col) "  OR students." col " IS NOT coalesce (excluded." col ", students." col ")"

/* Checked before the transaction so a bad entry cannot leave half an import. */
static gboolean
check_students (GPtrArray  *students,
                GError    **error)
{
  guint i;

  for (i = 0; i < students->len; i++)
    {
      const GpStudent *s = g_ptr_array_index (students, i);

      if (s == NULL || s->student_no == NULL || *s->student_no == '\0'
          || s->name == NULL || *s->name == '\0')
        {
          g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                       _("Student %u of %u has no student number or no name. Fix the roster and import it again."),
                       i + 1, students->len);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
upsert_one (GpStore          *self,
            const GpStudent  *s,
            sqlite3_stmt     *exists,
            sqlite3_stmt     *free_code,
            sqlite3_stmt     *upsert,
            gboolean         *was_inserted,
            gboolean         *was_updated,
            const char       *what,
            GError          **error)
{
  gboolean existed = FALSE;
  int rc;

  sqlite3_reset (exists);
  rc = sqlite3_bind_text (exists, 1, s->student_no, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (exists);
      existed = rc == SQLITE_ROW;
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }

  /* CHSI codes are unique; when a newer roster moves one, the newer wins. */
  if (s->code != NULL && *s->code != '\0')
    {
      sqlite3_reset (free_code);
      if ((rc = sqlite3_bind_text (free_code, 1, s->code, -1, SQLITE_TRANSIENT)) != SQLITE_OK
          || (rc = sqlite3_bind_text (free_code, 2, s->student_no, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
        {
          set_sqlite_error (self, rc, what, error);
          return FALSE;
        }
      if (!step_done (self, free_code, what, error))
        return FALSE;
    }

  sqlite3_reset (upsert);
  if ((rc = sqlite3_bind_text (upsert, 1, s->student_no, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (upsert, 2, s->name, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = bind_optional (upsert, 3, s->code)) != SQLITE_OK
      || (rc = bind_optional (upsert, 4, s->college)) != SQLITE_OK
      || (rc = bind_optional (upsert, 5, s->class_name)) != SQLITE_OK
      || (rc = bind_optional (upsert, 6, s->id_last4)) != SQLITE_OK
      || (rc = s->batch_id > 0 ? sqlite3_bind_int64 (upsert, 7, s->batch_id)
                               : sqlite3_bind_null (upsert, 7)) != SQLITE_OK
      || (rc = bind_optional (upsert, 8, s->school)) != SQLITE_OK
      || (rc = bind_optional (upsert, 9, s->major)) != SQLITE_OK
      || (rc = bind_optional (upsert, 10, s->level)) != SQLITE_OK
      || (rc = bind_optional (upsert, 11, s->education)) != SQLITE_OK
      || (rc = bind_optional (upsert, 12, s->graduation_year)) != SQLITE_OK
      || (rc = bind_optional (upsert, 13, s->time_slot)) != SQLITE_OK
      || (rc = s->paid >= 0 ? sqlite3_bind_int (upsert, 14, s->paid)
                            : sqlite3_bind_null (upsert, 14)) != SQLITE_OK
      || (rc = bind_optional (upsert, 15, s->id_number)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  if (!step_done (self, upsert, what, error))
    return FALSE;

  *was_inserted = !existed;
  /* The DO UPDATE's WHERE skips unchanged rows, so changes() is 0 for them. */
  *was_updated = existed && sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
gp_store_forget_id_numbers (GpStore  *self,
                            gint64    batch_id,
                            GError  **error)
{
  const char *what = _("remove the stored ID numbers");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self,
                  "UPDATE students SET id_number = NULL, updated_at = " NOW_UTC
                  " WHERE batch_id = ?1 AND id_number IS NOT NULL",
                  what, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_bind_int64 (stmt, 1, batch_id)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return FALSE;
    }
  return step_done (self, stmt, what, error);
}

gboolean
gp_store_upsert_students (GpStore     *self,
                          GPtrArray   *students,
                          guint       *inserted,
                          guint       *updated,
                          GError     **error)
{
  const char *what = _("save the roster");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) free_code = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  guint n_inserted = 0, n_updated = 0;
  guint i;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (students != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_students (students, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  exists = prepare (self, "SELECT 1 FROM students WHERE student_no = ?1", what, error);
  if (exists == NULL)
    return FALSE;
  free_code = prepare (self,
                       "UPDATE students SET code = NULL, updated_at = " NOW_UTC
                       " WHERE code = ?1 AND student_no <> ?2",
                       what, error);
  if (free_code == NULL)
    return FALSE;
  upsert = prepare (self,
                    "INSERT INTO students (student_no, name, code, college, class_name, id_last4,"
                    "                      batch_id, school, major, level, education, graduation_year,"
                    "                      time_slot, paid, id_number)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce (?7, 1), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                    " ON CONFLICT (student_no) DO UPDATE SET"
                    "  name = excluded.name,"
                    UPSERT_KEEP ("code") "," UPSERT_KEEP ("college") "," UPSERT_KEEP ("class_name") ","
                    UPSERT_KEEP ("id_last4") "," "batch_id = coalesce (?7, students.batch_id),"
                    UPSERT_KEEP ("school") "," UPSERT_KEEP ("major") "," UPSERT_KEEP ("level") ","
                    UPSERT_KEEP ("education") "," UPSERT_KEEP ("graduation_year") ","
                    UPSERT_KEEP ("time_slot") "," UPSERT_KEEP ("paid") "," UPSERT_KEEP ("id_number") ","
                    "  updated_at = " NOW_UTC
                    " WHERE students.name IS NOT excluded.name"
                    "  OR students.batch_id IS NOT coalesce (?7, students.batch_id)"
                    UPSERT_CHANGED ("code") UPSERT_CHANGED ("college") UPSERT_CHANGED ("class_name")
                    UPSERT_CHANGED ("id_last4") UPSERT_CHANGED ("school") UPSERT_CHANGED ("major")
                    UPSERT_CHANGED ("level") UPSERT_CHANGED ("education")
                    UPSERT_CHANGED ("graduation_year") UPSERT_CHANGED ("time_slot")
                    UPSERT_CHANGED ("paid") UPSERT_CHANGED ("id_number"),
                    what, error);
  if (upsert == NULL)
    return FALSE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  for (i = 0; i < students->len; i++)
    {
      gboolean was_inserted, was_updated;

      if (!upsert_one (self, g_ptr_array_index (students, i), exists, free_code, upsert,
                       &was_inserted, &was_updated, what, error))
        goto fail;
      n_inserted += was_inserted ? 1 : 0;
      n_updated += was_updated ? 1 : 0;
    }
  if (!exec_sql (self, "COMMIT", what, error))
    goto fail;

  if (inserted != NULL)
    *inserted = n_inserted;
  if (updated != NULL)
    *updated = n_updated;
  return TRUE;

fail:
  /* Keep the first error: a failed ROLLBACK means SQLite already rolled back. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gint64
gp_store_add_capture (GpStore     *self,
                      gint64       student_id,
                      const char  *original_path,
                      const char  *photo_path,
                      const char  *station,
                      GError     **error)
{
  const char *what = _("save the photo record");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (original_path != NULL, -1);
  g_return_val_if_fail (photo_path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self,
                  "INSERT INTO captures (student_id, original_path, photo_path, station)"
                  " VALUES (?1, ?2, ?3, ?4)",
                  what, error);
  if (stmt == NULL)
    return -1;
  if ((rc = sqlite3_bind_int64 (stmt, 1, student_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 2, original_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 3, photo_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = bind_optional (stmt, 4, station)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return -1;
    }
  /* Autocommit with synchronous=FULL: the row is on disk when this returns. */
  if (!step_done (self, stmt, what, error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

int
gp_store_count_captures (GpStore  *self,
                         gint64    student_id,
                         GError  **error)
{
  const char *what = _("count the student’s photos");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self, "SELECT count(*) FROM captures WHERE student_id = ?1", what, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_bind_int64 (stmt, 1, student_id);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return -1;
    }
  return (int) query_int (self, stmt, what, error);
}

/* One capture row chosen by @where_sql over ?1 = @key; NULL without error when none. */
static GpCapture *
query_capture (GpStore     *self,
               const char  *where_sql,
               gint64       key,
               const char  *what,
               GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *sql = g_strconcat ("SELECT " GP_STORE_CAPTURE_COLUMNS " FROM captures ", where_sql, NULL);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, what, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, key);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }

  return gp_store_capture_from_row (stmt, 0);
}

GpCapture *
gp_store_get_capture (GpStore  *self,
                      gint64    capture_id,
                      GError  **error)
{
  const char *what = _("read the photo record");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self, "WHERE id = ?1", capture_id, what, error);
}

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

  locker = g_mutex_locker_new (&self->lock);
  if (!exec_sql (self, "BEGIN IMMEDIATE", what, error))
    return -1;
  stmt = prepare (self,
                  "INSERT INTO print_jobs (capture_id, printer, pdf_path, cups_job_id, status)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
                  what, error);
  if (stmt == NULL)
    goto fail;
  if ((rc = sqlite3_bind_int64 (stmt, 1, capture_id)) != SQLITE_OK
      || (rc = bind_optional (stmt, 2, printer)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 3, pdf_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = cups_job_id > 0 ? sqlite3_bind_int (stmt, 4, cups_job_id)
                               : sqlite3_bind_null (stmt, 4)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 5, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      goto fail;
    }
  if (!step_done (self, stmt, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if ((gp_print_job_status_is_done (status) && !gp_store_print_done_locked (self, id, PRINT_ACTOR, error))
      || !exec_sql (self, "COMMIT", what, error))
    goto fail;
  return id;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

/* ---- Class sheets (issue 6) ------------------------------------------- */

void
gp_class_photo_free (GpClassPhoto *photo)
{
  if (photo == NULL)
    return;
  gp_student_free (photo->student);
  g_free (photo->photo_path);
  g_free (photo);
}

/* The capture to print for student row @s: the chosen (approved) one; until
 * one is approved the latest one that is neither rejected nor missing. */
#define PRINTABLE_CAPTURE_ID(s) \
  "coalesce (" s ".chosen_capture_id, (SELECT max (id) FROM captures WHERE captures.student_id = " s ".id" \
  " AND captures.status NOT IN ('rejected', 'missing')))"

/* 学号 of unequal width sort by length first, so 9 comes before 10. */
GPtrArray *
gp_store_list_class_photos (GpStore     *self,
                            const char  *class_name,
                            GError     **error)
{
  const char *what = _("list the class’s photos");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (class_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self,
                  "SELECT s.id, s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4,"
                  "       c.id, c.photo_path"
                  " FROM students s"
                  " LEFT JOIN captures c ON c.id = " PRINTABLE_CAPTURE_ID ("s")
                  " WHERE s.class_name = ?1"
                  " ORDER BY length (s.student_no), s.student_no",
                  what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_text (stmt, 1, class_name, -1, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }

  photos = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpClassPhoto *photo = g_new0 (GpClassPhoto, 1);

      photo->student = gp_student_new ();
      photo->student->id = sqlite3_column_int64 (stmt, 0);
      photo->student->student_no = column_dup (stmt, 1);
      photo->student->name = column_dup (stmt, 2);
      photo->student->code = column_dup (stmt, 3);
      photo->student->college = column_dup (stmt, 4);
      photo->student->class_name = column_dup (stmt, 5);
      photo->student->id_last4 = column_dup (stmt, 6);
      photo->capture_id = sqlite3_column_int64 (stmt, 7);
      photo->photo_path = column_dup (stmt, 8);
      g_ptr_array_add (photos, photo);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&photos);
}

GpCapture *
gp_store_find_latest_capture (GpStore  *self,
                              gint64    student_id,
                              GError  **error)
{
  const char *what = _("look up the student’s latest photo");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self, "WHERE student_id = ?1 ORDER BY id DESC LIMIT 1", student_id, what, error);
}

GpCapture *
gp_store_find_printable_capture (GpStore  *self,
                                 gint64    student_id,
                                 GError  **error)
{
  const char *what = _("look up the student’s photo to print");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self,
                        "WHERE id = (SELECT " PRINTABLE_CAPTURE_ID ("s") " FROM students s WHERE s.id = ?1)",
                        student_id, what, error);
}

char **
gp_store_list_classes (GpStore  *self,
                       GError  **error)
{
  const char *what = _("list the classes");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self,
                  "SELECT DISTINCT class_name FROM students"
                  " WHERE class_name IS NOT NULL ORDER BY class_name",
                  what, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (classes, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
      return NULL;
    }
  return g_strv_builder_end (classes);
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
  record->student_no = column_dup (stmt, 2);
  record->name = column_dup (stmt, 3);
  record->printer = column_dup (stmt, 4);
  record->pdf_path = column_dup (stmt, 5);
  record->cups_job_id = sqlite3_column_int (stmt, 6);
  record->status = column_dup (stmt, 7);
  record->created_at = column_dup (stmt, 8);
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

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self, PRINT_JOB_COLUMNS " ORDER BY p.id", what, error);
  if (stmt == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_print_job_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, print_job_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
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

  locker = g_mutex_locker_new (&self->lock);
  stmt = prepare (self, PRINT_JOB_COLUMNS " WHERE p.id = ?1", what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, what, error);
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
  locker = g_mutex_locker_new (&self->lock);
  if (!exec_sql (self, "BEGIN IMMEDIATE", what, error))
    return -1;
  rows = prepare (self,
                  "SELECT id FROM print_jobs WHERE printer = ?1 AND cups_job_id = ?2 AND status IS NOT ?3"
                  " AND status NOT IN " GP_STORE_PRINT_OVER_SQL " ORDER BY id",
                  what, error);
  update = prepare (self, "UPDATE print_jobs SET status = ?2 WHERE id = ?1", what, error);
  if (rows == NULL || update == NULL)
    goto fail;
  if ((rc = sqlite3_bind_text (rows, 1, printer, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_int (rows, 2, cups_job_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (rows, 3, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (update, 2, status, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, what, error);
      goto fail;
    }
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, what, error);
      goto fail;
    }

  for (i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_reset (update);
      rc = sqlite3_bind_int64 (update, 1, id);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, rc, what, error);
          goto fail;
        }
      if (!step_done (self, update, what, error)
          || (done && !gp_store_print_done_locked (self, id, PRINT_ACTOR, error)))
        goto fail;
    }
  if (!exec_sql (self, "COMMIT", what, error))
    goto fail;
  return (int) ids->len;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}
