/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Start-up reconciliation of the photo files and the capture rows. */
#define G_LOG_DOMAIN "gp-reconcile"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "store/gp-reconcile.h"
#include "store/gp-store-private.h"

#define TEMP_PREFIX ".tmp-"
#define ORIGINAL_SUFFIX "-original.jpg"

void
gp_reconcile_report_free (GpReconcileReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->recovered);
  g_ptr_array_unref (report->unrecorded);
  g_ptr_array_unref (report->missing);
  g_ptr_array_unref (report->temp_removed);
  g_ptr_array_unref (report->temp_in_use);
  g_free (report);
}

gboolean
gp_reconcile_report_is_clean (const GpReconcileReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->recovered->len == 0 && report->unrecorded->len == 0 && report->missing->len == 0
         && report->temp_removed->len == 0 && report->temp_in_use->len == 0;
}

#define DESCRIBE(items, format) \
  for (i = 0; i < (items)->len; i++) \
    g_string_append_printf (out, format, (const char *) g_ptr_array_index ((items), i))

char *
gp_reconcile_report_describe (const GpReconcileReport *report)
{
  GString *out;
  guint i;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  if (!report->repaired)
    {
      /* Translators: %s is a file path */
      DESCRIBE (report->recovered, _("A photo has no record; a repair gives it one: %s\n"));
      /* Translators: %s is a file path */
      DESCRIBE (report->unrecorded, _("A file in the photos folder has no record and cannot be given one: %s\n"));
      /* Translators: %s is "photo NUMBER: PATH" */
      DESCRIBE (report->missing, _("A recorded photo’s file is missing (%s); a repair marks it missing, "
                                   "then take the photo again\n"));
      /* Translators: %s is a file path */
      DESCRIBE (report->temp_removed, _("A half-written file of an interrupted save; a repair removes it: %s\n"));
      /* Translators: %s is a file path */
      DESCRIBE (report->temp_in_use, _("Left a file that another running GradPhoto is writing: %s\n"));
      return g_string_free (out, FALSE);
    }
  /* Translators: %s is a file path */
  DESCRIBE (report->recovered, _("Recovered a photo that had no record: %s\n"));
  /* Translators: %s is a file path */
  DESCRIBE (report->unrecorded, _("A file in the photos folder has no record and was left in place: %s\n"));
  /* Translators: %s is "photo NUMBER: PATH" */
  DESCRIBE (report->missing, _("A recorded photo’s file is missing (%s); take the photo again\n"));
  /* Translators: %s is a file path */
  DESCRIBE (report->temp_removed, _("Removed a half-written file of an interrupted save: %s\n"));
  /* Translators: %s is a file path */
  DESCRIBE (report->temp_in_use, _("Left a file that another running GradPhoto is writing: %s\n"));
  return g_string_free (out, FALSE);
}

/* ".tmp-<pid>-XXXXXX": the writer is alive when its pid still runs. */
static gboolean
temp_writer_alive (const char *name)
{
  char *end = NULL;
  guint64 pid = g_ascii_strtoull (name + strlen (TEMP_PREFIX), &end, 10);

  if (end == name + strlen (TEMP_PREFIX) || *end != '-' || pid == 0 || pid > G_MAXINT)
    return FALSE;
  if ((pid_t) pid == getpid ())
    return TRUE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

typedef struct
{
  GpStore            *store;
  GpReconcileReport  *report;
  gboolean            repair;      /* FALSE: files are only listed, never removed */
  GHashTable         *known;       /* canonical paths the rows name */
  GHashTable         *students;    /* 学号 → student id */
  sqlite3_stmt       *insert;
} Walk;

static char *
canonical (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/* The file's time, so a recovered capture sorts where it was taken. */
static char *
file_time (const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) when = NULL;

  if (g_stat (path, &st) != 0)
    return NULL;
  when = g_date_time_new_from_unix_utc (st.st_mtime);
  return when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static gboolean
recover (Walk        *walk,
         gint64       student_id,
         const char  *photo,
         const char  *original,
         GError     **error)
{
  const char *what = _("recover a photo record");
  g_autofree char *taken = file_time (photo);
  sqlite3_stmt *insert = walk->insert;
  int rc;

  sqlite3_reset (walk->insert);
  if ((rc = sqlite3_bind_int64 (insert, 1, student_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (insert, 2, original, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (insert, 3, photo, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = gp_store_bind_optional (insert, 4, taken)) != SQLITE_OK)
    {
      gp_store_set_error (walk->store, rc, what, error);
      return FALSE;
    }
  if (!gp_store_step_done (walk->store, insert, what, error))
    return FALSE;
  if (!gp_store_audit_locked (walk->store, "reconcile", "recovered", student_id,
                              sqlite3_last_insert_rowid (gp_store_get_db (walk->store)), photo, error))
    return FALSE;
  g_ptr_array_add (walk->report->recovered, g_strdup (photo));
  return TRUE;
}

/* Photos before originals, so an original is seen after its photo claimed it. */
static int
compare_originals_last (gconstpointer a,
                        gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  gboolean x_original = g_str_has_suffix (x, ORIGINAL_SUFFIX);
  gboolean y_original = g_str_has_suffix (y, ORIGINAL_SUFFIX);

  if (x_original != y_original)
    return x_original ? 1 : -1;
  return strcmp (x, y);
}

static gboolean
walk_student_dir (Walk        *walk,
                  const char  *dir,
                  const char  *folder,
                  GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = NULL;
  gpointer student = NULL;
  const char *name;
  guint i;

  if (handle == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_originals_last);
  student = g_hash_table_lookup (walk->students, folder);

  for (i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *key = canonical (path);

      if (g_str_has_prefix (file, TEMP_PREFIX))
        {
          if (temp_writer_alive (file))
            g_ptr_array_add (walk->report->temp_in_use, g_strdup (path));
          else if (!walk->repair || g_unlink (path) == 0)
            g_ptr_array_add (walk->report->temp_removed, g_strdup (path));
          else
            g_ptr_array_add (walk->report->unrecorded, g_strdup (path));
          continue;
        }
      if (g_hash_table_contains (walk->known, key) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      /* The standardized photo brings its original along; an original
       * alone, or a photo of someone not on the roster, stays a report. */
      if (student != NULL && g_str_has_suffix (file, ".jpg") && !g_str_has_suffix (file, ORIGINAL_SUFFIX))
        {
          g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".jpg"));
          g_autofree char *original = g_strconcat (stem, ORIGINAL_SUFFIX, NULL);
          g_autofree char *original_key = canonical (original);
          gboolean has_original = g_file_test (original, G_FILE_TEST_IS_REGULAR)
                                  && !g_hash_table_contains (walk->known, original_key);

          if (!recover (walk, GPOINTER_TO_SIZE (student), path, has_original ? original : path, error))
            return FALSE;
          g_hash_table_add (walk->known, g_steal_pointer (&key));
          if (has_original)
            g_hash_table_add (walk->known, g_steal_pointer (&original_key));
          continue;
        }
      g_ptr_array_add (walk->report->unrecorded, g_strdup (path));
    }
  return TRUE;
}

static gboolean
walk_photos (Walk        *walk,
             const char  *photos_dir,
             GError     **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  guint i;

  if (!g_file_test (photos_dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  handle = g_dir_open (photos_dir, 0, error);
  if (handle == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_originals_last);

  for (i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (photos_dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!walk_student_dir (walk, path, entry, error))
            return FALSE;
        }
      else if (g_str_has_prefix (entry, TEMP_PREFIX) && !temp_writer_alive (entry)
               && (!walk->repair || g_unlink (path) == 0))
        g_ptr_array_add (walk->report->temp_removed, g_strdup (path));
      else
        g_ptr_array_add (walk->report->unrecorded, g_strdup (path));
    }
  return TRUE;
}

typedef struct
{
  gint64 capture_id;
  gint64 student_id;
} Gone;

/* Loads what the rows name and marks the rows whose photo is gone. */
static gboolean
check_rows (Walk     *walk,
            GError  **error)
{
  const char *what = _("check the photo records");
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (Gone));
  int rc;
  guint i;

  rows = gp_store_prepare (walk->store,
                           "SELECT id, student_id, original_path, photo_path, status FROM captures ORDER BY id",
                           what, error);
  if (rows == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *original = (const char *) sqlite3_column_text (rows, 2);
      const char *photo = (const char *) sqlite3_column_text (rows, 3);
      gboolean marked = g_strcmp0 ((const char *) sqlite3_column_text (rows, 4), "missing") == 0;
      Gone ids = { sqlite3_column_int64 (rows, 0), sqlite3_column_int64 (rows, 1) };

      g_hash_table_add (walk->known, canonical (original));
      g_hash_table_add (walk->known, canonical (photo));
      if (marked)
        continue;
      if (!g_file_test (photo, G_FILE_TEST_IS_REGULAR))
        {
          g_array_append_val (gone, ids);
          g_ptr_array_add (walk->report->missing, g_strdup_printf ("%lld: %s", (long long) ids.capture_id, photo));
        }
      else if (!g_file_test (original, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (walk->report->missing, g_strdup_printf ("%lld: %s", (long long) ids.capture_id, original));
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (walk->store, rc, what, error);
      return FALSE;
    }

  mark = gp_store_prepare (walk->store,
                           "UPDATE captures SET status = 'missing', status_reason = 'file missing',"
                           " updated_at = " GP_STORE_NOW_UTC " WHERE id = ?1",
                           what, error);
  if (mark == NULL)
    return FALSE;
  for (i = 0; i < gone->len; i++)
    {
      Gone *ids = &g_array_index (gone, Gone, i);

      sqlite3_reset (mark);
      rc = sqlite3_bind_int64 (mark, 1, ids->capture_id);
      if (rc != SQLITE_OK)
        {
          gp_store_set_error (walk->store, rc, what, error);
          return FALSE;
        }
      if (!gp_store_step_done (walk->store, mark, what, error)
          || !gp_store_rechoose_locked (walk->store, ids->student_id, error)
          || !gp_store_audit_locked (walk->store, "reconcile", "missing", ids->student_id, ids->capture_id,
                                     NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_students (Walk     *walk,
               GError  **error)
{
  const char *what = _("check the photo records");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (walk->store, "SELECT id, student_no FROM students",
                                                   what, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *folder = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      /* The folder name gp_capture_save() gives this 学号. */
      g_strdelimit (folder, "/\\", '_');
      if (folder[0] == '.')
        folder[0] = '_';
      g_hash_table_insert (walk->students, g_steal_pointer (&folder),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (walk->store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

GpReconcileReport *
gp_store_reconcile (GpStore     *store,
                    const char  *photos_dir,
                    GError     **error)
{
  return gp_store_check_photos (store, photos_dir, TRUE, error);
}

GpReconcileReport *
gp_store_check_photos (GpStore     *store,
                       const char  *photos_dir,
                       gboolean     repair,
                       GError     **error)
{
  const char *what = _("check the photo records");
  g_autoptr(GpReconcileReport) report = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GHashTable) students = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  Walk walk;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (photos_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = g_new0 (GpReconcileReport, 1);
  report->repaired = repair;
  report->recovered = g_ptr_array_new_with_free_func (g_free);
  report->unrecorded = g_ptr_array_new_with_free_func (g_free);
  report->missing = g_ptr_array_new_with_free_func (g_free);
  report->temp_removed = g_ptr_array_new_with_free_func (g_free);
  report->temp_in_use = g_ptr_array_new_with_free_func (g_free);
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  students = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (store));
  if (!gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return NULL;
  insert = gp_store_prepare (store,
                             "INSERT INTO captures (student_id, original_path, photo_path, created_at,"
                             "                      retake, status, status_reason, updated_at)"
                             " VALUES (?1, ?2, ?3, coalesce (?4, " GP_STORE_NOW_UTC "),"
                             "  (SELECT count(*) FROM captures WHERE student_id = ?1), 'captured',"
                             "  'recovered at start', " GP_STORE_NOW_UTC ")",
                             what, error);
  walk = (Walk) { store, report, repair, known, students, insert };
  /* A check makes the same changes as a repair, to find what a repair
   * would find after them, and rolls them back. */
  if (insert == NULL
      || !load_students (&walk, error)
      || !check_rows (&walk, error)
      || !walk_photos (&walk, photos_dir, error)
      || !gp_store_exec (store, repair ? "COMMIT" : "ROLLBACK", what, error))
    {
      sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  return g_steal_pointer (&report);
}
