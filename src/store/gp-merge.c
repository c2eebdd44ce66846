/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Consolidates the rooms' station databases into one. */
#define G_LOG_DOMAIN "gp-merge"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gp-durable.h"
#include "store/gp-merge.h"
#include "store/gp-store-private.h"

void
gp_merge_report_free (GpMergeReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->conflicts);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

/* Copies every row of @sql on @source into @dest's temp table @table by
 * column position; both run under their own store's lock. */
static gboolean
copy_rows (GpStore     *source,
           const char  *sql,
           GpStore     *dest,
           const char  *insert_sql,
           GError     **error)
{
  const char *what = _("merge the station database");
  g_autoptr(sqlite3_stmt) select = gp_store_prepare (source, sql, what, error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc, i, n;

  if (select == NULL)
    return FALSE;
  insert = gp_store_prepare (dest, insert_sql, what, error);
  if (insert == NULL)
    return FALSE;
  n = sqlite3_column_count (select);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      sqlite3_reset (insert);
      for (i = 0; i < n; i++)
        {
          rc = sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
          if (rc != SQLITE_OK)
            {
              gp_store_set_error (dest, rc, what, error);
              return FALSE;
            }
        }
      if (!gp_store_step_done (dest, insert, what, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (source, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  PHOTO_FOUND,
  PHOTO_MISSING,
  PHOTO_REFUSED,
} PhotoLookup;

/* A station photo's bytes, from photos/ beside the station's database (the
 * station's own data dir, or a USB stick with station.db and photos/ copied
 * from it), under the folder and name the row records. The row's path is
 * never opened as it is: a crafted database could name any readable file.
 * The file must resolve to photos/FOLDER/NAME (no "..", no symlink leading
 * out) and be a JPEG; @folder and @base are then its real names. */
static PhotoLookup
read_station_photo (const char  *recorded,
                    const char  *station_photos,
                    GBytes     **bytes,
                    char       **folder,
                    char       **base)
{
  g_autofree char *recorded_base = g_path_get_basename (recorded);
  g_autofree char *recorded_dir = g_path_get_dirname (recorded);
  g_autofree char *recorded_folder = g_path_get_basename (recorded_dir);
  g_autofree char *candidate = NULL;
  g_autofree char *real = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *real_photos = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (station_photos == NULL)
    return PHOTO_MISSING;
  candidate = g_build_filename (station_photos, recorded_folder, recorded_base, NULL);
  real = realpath (candidate, NULL);
  if (real == NULL)
    return errno == ENOENT || errno == ENOTDIR ? PHOTO_MISSING : PHOTO_REFUSED;
  real_dir = g_path_get_dirname (real);
  real_photos = g_path_get_dirname (real_dir);
  if (strcmp (real_photos, station_photos) != 0 || !g_file_test (real, G_FILE_TEST_IS_REGULAR)
      || !g_file_get_contents (real, &contents, &length, NULL)
      || length < 3 || memcmp (contents, "\xFF\xD8\xFF", 3) != 0)
    return PHOTO_REFUSED;
  *bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  *folder = g_path_get_basename (real_dir);
  *base = g_path_get_basename (real);
  return PHOTO_FOUND;
}

/* Copies a photo into @photos_dir under its folder and name; a different
 * file already there keeps its name and the copy gets the uid appended.
 * A file written is added to @written, to be removed if the merge fails. */
static char *
copy_photo (GBytes      *bytes,
            const char  *folder,
            const char  *base,
            const char  *photos_dir,
            const char  *uid,
            GPtrArray   *written,
            GError     **error)
{
  g_autofree char *target = g_build_filename (photos_dir, folder, base, NULL);
  g_autofree char *existing = NULL;
  gsize length, existing_length = 0;
  const guint8 *contents = g_bytes_get_data (bytes, &length);

  if (g_file_get_contents (target, &existing, &existing_length, NULL))
    {
      g_autofree char *stem = NULL;

      if (existing_length == length && memcmp (existing, contents, length) == 0)
        return g_steal_pointer (&target);
      stem = g_strndup (target, strlen (target) - (g_str_has_suffix (target, ".jpg") ? 4 : 0));
      g_free (target);
      target = g_strdup_printf ("%s-%s.jpg", stem, uid);
    }
  if (!gp_durable_write (target, contents, length, error))
    return NULL;
  g_ptr_array_add (written, g_strdup (target));
  return g_steal_pointer (&target);
}

typedef struct
{
  GpStore       *store;
  GpMergeReport *report;
  const char    *photos_dir;
  char          *station_photos;  /* real path; NULL when the station has no photos/ */
  char          *station_db;
  GPtrArray     *written;         /* files copied by this merge */
} Merge;

static gboolean
merge_captures (Merge    *merge,
                GError  **error)
{
  const char *what = _("merge the station database");
  GpStore *store = merge->store;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) known = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  rows = gp_store_prepare (store,
                           "SELECT uid, student_no, original_path, photo_path, station, created_at, status,"
                           "       checks, operator, status_reason, updated_at FROM merge_captures ORDER BY created_at, uid",
                           what, error);
  known = gp_store_prepare (store, "SELECT id, updated_at FROM captures WHERE uid = ?1", what, error);
  update = gp_store_prepare (store,
                             "UPDATE captures SET status = ?2, checks = ?3, status_reason = ?4, updated_at = ?5"
                             " WHERE uid = ?1",
                             what, error);
  insert = gp_store_prepare (store,
                             "INSERT INTO captures (uid, student_id, original_path, photo_path, station, created_at,"
                             "                      status, checks, operator, status_reason, updated_at, retake)"
                             " SELECT ?1, s.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                             "  (SELECT count(*) FROM captures c WHERE c.student_id = s.id)"
                             " FROM students s WHERE s.student_no = ?2",
                             what, error);
  if (rows == NULL || known == NULL || update == NULL || insert == NULL)
    return FALSE;

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *uid = (const char *) sqlite3_column_text (rows, 0);
      const char *student_no = (const char *) sqlite3_column_text (rows, 1);
      const char *recorded_original = (const char *) sqlite3_column_text (rows, 2);
      const char *recorded_photo = (const char *) sqlite3_column_text (rows, 3);
      g_autoptr(GBytes) photo_bytes = NULL;
      g_autoptr(GBytes) original_bytes = NULL;
      g_autofree char *photo_folder = NULL, *photo_base = NULL;
      g_autofree char *original_folder = NULL, *original_base = NULL;
      PhotoLookup lookup;
      g_autofree char *photo = NULL;
      g_autofree char *original = NULL;
      g_autoptr(GError) local_error = NULL;
      int i;

      sqlite3_reset (known);
      sqlite3_bind_text (known, 1, uid, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (known);
      if (rc == SQLITE_ROW)
        {
          /* Seen before: the station may have approved or rejected it since. */
          if (g_strcmp0 ((const char *) sqlite3_column_text (rows, 10),
                         (const char *) sqlite3_column_text (known, 1)) > 0)
            {
              sqlite3_reset (update);
              sqlite3_bind_value (update, 1, sqlite3_column_value (rows, 0));
              sqlite3_bind_value (update, 2, sqlite3_column_value (rows, 6));
              sqlite3_bind_value (update, 3, sqlite3_column_value (rows, 7));
              sqlite3_bind_value (update, 4, sqlite3_column_value (rows, 9));
              sqlite3_bind_value (update, 5, sqlite3_column_value (rows, 10));
              if (!gp_store_step_done (store, update, what, error))
                return FALSE;
            }
          merge->report->captures_known++;
          continue;
        }
      if (rc != SQLITE_DONE)
        {
          gp_store_set_error (store, rc, what, error);
          return FALSE;
        }

      lookup = read_station_photo (recorded_photo, merge->station_photos, &photo_bytes, &photo_folder, &photo_base);
      /* A missing original is replaced by the photo, as before originals were kept. */
      if (lookup == PHOTO_FOUND && g_strcmp0 (recorded_original, recorded_photo) != 0
          && read_station_photo (recorded_original, merge->station_photos, &original_bytes, &original_folder,
                                 &original_base) == PHOTO_REFUSED)
        lookup = PHOTO_REFUSED;
      if (lookup == PHOTO_MISSING)
        {
          g_ptr_array_add (merge->report->problems,
                           /* Translators: 学号, then a file path */
                           g_strdup_printf (_("%s: the photo %s is not in photos/ beside the station’s database; "
                                              "copy the station’s photos folder next to it and merge again"),
                                            student_no, recorded_photo));
          continue;
        }
      if (lookup == PHOTO_REFUSED)
        {
          g_ptr_array_add (merge->report->problems,
                           /* Translators: 学号, then a file path */
                           g_strdup_printf (_("%s: the photo %s leads outside the station’s photos folder or is not "
                                              "a JPEG, so it was not copied; check where this station database "
                                              "came from"),
                                            student_no, recorded_photo));
          continue;
        }
      photo = copy_photo (photo_bytes, photo_folder, photo_base, merge->photos_dir, uid, merge->written,
                          &local_error);
      if (photo != NULL)
        original = original_bytes != NULL
                   ? copy_photo (original_bytes, original_folder, original_base, merge->photos_dir, uid,
                                 merge->written, &local_error)
                   : g_strdup (photo);
      if (photo == NULL || original == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      sqlite3_reset (insert);
      for (i = 1; i <= 11; i++)
        sqlite3_bind_value (insert, i, sqlite3_column_value (rows, i - 1));
      sqlite3_bind_text (insert, 3, original, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, photo, -1, SQLITE_TRANSIENT);
      if (!gp_store_step_done (store, insert, what, error))
        return FALSE;
      merge->report->captures_added++;
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* The latest approved capture wins; students approved at more than one
 * station are listed with the photo kept. */
static gboolean
choose_and_list_conflicts (Merge    *merge,
                           GError  **error)
{
  const char *what = _("merge the station database");
  GpStore *store = merge->store;
  g_autoptr(sqlite3_stmt) students = NULL;
  g_autoptr(sqlite3_stmt) conflicts = NULL;
  int rc;

  students = gp_store_prepare (store,
                               "SELECT DISTINCT s.id FROM students s JOIN merge_captures m"
                               " ON m.student_no = s.student_no",
                               what, error);
  if (students == NULL)
    return FALSE;
  while ((rc = sqlite3_step (students)) == SQLITE_ROW)
    if (!gp_store_rechoose_locked (store, sqlite3_column_int64 (students, 0), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return FALSE;
    }

  conflicts = gp_store_prepare (store,
                                "SELECT s.student_no, s.name, kept.station, kept.created_at,"
                                "       group_concat (DISTINCT coalesce (other.station, '?'))"
                                " FROM students s JOIN captures kept ON kept.id = s.chosen_capture_id"
                                " JOIN captures other ON other.student_id = s.id AND other.id <> kept.id"
                                "  AND other.status IN ('approved', 'printed', 'exported')"
                                "  AND coalesce (other.station, '?') <> coalesce (kept.station, '?')"
                                " WHERE s.student_no IN (SELECT student_no FROM merge_captures)"
                                " GROUP BY s.id ORDER BY length (s.student_no), s.student_no",
                                what, error);
  if (conflicts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (conflicts)) == SQLITE_ROW)
    g_ptr_array_add (merge->report->conflicts,
                     /* Translators: 学号, name, the station kept, its time, the other stations */
                     g_strdup_printf (_("%s %s: approved at more than one station; kept the latest, from %s at %s "
                                        "(also approved at %s)"),
                                      (const char *) sqlite3_column_text (conflicts, 0),
                                      (const char *) sqlite3_column_text (conflicts, 1),
                                      sqlite3_column_text (conflicts, 2) != NULL
                                      ? (const char *) sqlite3_column_text (conflicts, 2) : "?",
                                      (const char *) sqlite3_column_text (conflicts, 3),
                                      (const char *) sqlite3_column_text (conflicts, 4)));
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* The one number @sql counts, for the report; -1 on error. */
static int
count_rows (GpStore     *store,
            const char  *sql,
            GError     **error)
{
  const char *what = _("merge the station database");
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (store, sql, what, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (store, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, what, error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

/* After the captures, so each row finds its capture by uid; in the
 * station's order, so its history reads the same here. A status that
 * is over in the main database stays: an older copy of a station's
 * database never turns a completed job back into a pending one. */
static gboolean
merge_print_jobs_and_audit (Merge    *merge,
                            GError  **error)
{
  const char *what = _("merge the station database");
  int jobs_before, audit_before, jobs_after, audit_after;

  jobs_before = count_rows (merge->store, "SELECT count(*) FROM print_jobs", error);
  audit_before = jobs_before < 0 ? -1 : count_rows (merge->store, "SELECT count(*) FROM audit_log", error);
  if (audit_before < 0
      || !gp_store_exec (merge->store,
                         "INSERT INTO print_jobs (uid, capture_id, printer, pdf_path, cups_job_id, status, created_at)"
                         " SELECT m.uid, c.id, m.printer, m.pdf_path, m.cups_job_id, m.status, m.created_at"
                         " FROM merge_print_jobs m JOIN captures c ON c.uid = m.capture_uid"
                         " WHERE true ORDER BY m.rowid"
                         " ON CONFLICT (uid) DO UPDATE SET status = excluded.status"
                         "  WHERE print_jobs.status IS NOT excluded.status"
                         "  AND print_jobs.status NOT IN " GP_STORE_PRINT_OVER_SQL ";"
                         /* An entry merged before its capture points at it once it is merged. */
                         "INSERT INTO audit_log (uid, at, actor, action, student_id, capture_id, detail)"
                         " SELECT m.uid, m.at, m.actor, m.action, s.id, c.id, m.detail"
                         " FROM merge_audit m LEFT JOIN students s ON s.student_no = m.student_no"
                         " LEFT JOIN captures c ON c.uid = m.capture_uid"
                         " WHERE true ORDER BY m.rowid"
                         " ON CONFLICT (uid) DO UPDATE SET capture_id = excluded.capture_id"
                         "  WHERE audit_log.capture_id IS NULL AND excluded.capture_id IS NOT NULL;",
                         what, error))
    return FALSE;
  jobs_after = count_rows (merge->store, "SELECT count(*) FROM print_jobs", error);
  audit_after = jobs_after < 0 ? -1 : count_rows (merge->store, "SELECT count(*) FROM audit_log", error);
  if (audit_after < 0)
    return FALSE;
  merge->report->print_jobs_added = (guint) (jobs_after - jobs_before);
  merge->report->audit_added = (guint) (audit_after - audit_before);
  return TRUE;
}

static gboolean
load_station (Merge    *merge,
              GError  **error)
{
  const char *what = _("merge the station database");
  g_autoptr(GpStore) source = NULL;
  g_autoptr(GMutexLocker) source_locker = NULL;

  source = gp_store_open_copy (merge->station_db, error);
  if (source == NULL)
    return FALSE;
  source_locker = g_mutex_locker_new (gp_store_get_lock (source));
  if (!gp_store_exec (merge->store,
                      "CREATE TEMP TABLE merge_batches AS SELECT * FROM batches WHERE 0;"
                      "CREATE TEMP TABLE merge_students AS SELECT *, '' AS batch_name FROM students WHERE 0;"
                      "CREATE TEMP TABLE merge_captures (uid, student_no, original_path, photo_path, station,"
                      "  created_at, status, checks, operator, status_reason, updated_at);"
                      "CREATE TEMP TABLE merge_print_jobs (uid, capture_uid, printer, pdf_path, cups_job_id,"
                      "  status, created_at);"
                      "CREATE TEMP TABLE merge_audit (uid, at, actor, action, student_no, capture_uid, detail);",
                      what, error))
    return FALSE;
  return copy_rows (source, "SELECT * FROM batches", merge->store,
                    "INSERT INTO merge_batches SELECT * FROM (SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    error)
         && copy_rows (source,
                       "SELECT s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4, s.school, s.major,"
                       " s.level, s.education, s.graduation_year, s.time_slot, s.paid, s.id_number, b.name, s.walk_in"
                       " FROM students s LEFT JOIN batches b ON b.id = s.batch_id",
                       merge->store,
                       "INSERT INTO merge_students (student_no, name, code, college, class_name, id_last4, school,"
                       " major, level, education, graduation_year, time_slot, paid, id_number, batch_name, walk_in)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                       error)
         && copy_rows (source,
                       "SELECT c.uid, s.student_no, c.original_path, c.photo_path, c.station, c.created_at,"
                       " c.status, c.checks, c.operator, c.status_reason, coalesce (c.updated_at, c.created_at)"
                       " FROM captures c JOIN students s ON s.id = c.student_id WHERE c.status <> 'missing'",
                       merge->store,
                       "INSERT INTO merge_captures VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                       error)
         && copy_rows (source,
                       "SELECT p.uid, c.uid, p.printer, p.pdf_path, p.cups_job_id, p.status, p.created_at"
                       " FROM print_jobs p JOIN captures c ON c.id = p.capture_id ORDER BY p.id",
                       merge->store,
                       "INSERT INTO merge_print_jobs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       error)
         && copy_rows (source,
                       "SELECT a.uid, a.at, a.actor, a.action, s.student_no, c.uid, a.detail FROM audit_log a"
                       " LEFT JOIN students s ON s.id = a.student_id LEFT JOIN captures c ON c.id = a.capture_id"
                       " ORDER BY a.id",
                       merge->store,
                       "INSERT INTO merge_audit VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       error);
}

GpMergeReport *
gp_store_merge (GpStore     *store,
                const char  *station_db,
                const char  *photos_dir,
                GError     **error)
{
  return gp_store_merge_from (store, station_db, photos_dir, station_db, error);
}

GpMergeReport *
gp_store_merge_from (GpStore     *store,
                     const char  *station_db,
                     const char  *photos_dir,
                     const char  *source,
                     GError     **error)
{
  const char *what = _("merge the station database");
  g_autoptr(GpMergeReport) report = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autofree char *station_dir = NULL;
  g_autofree char *station_photos_path = NULL;
  g_autofree char *station_photos = NULL;
  g_autoptr(GPtrArray) written = NULL;
  Merge merge;
  int before = 0;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (station_db != NULL, NULL);
  g_return_val_if_fail (photos_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (station_db, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_CANNOT_OPEN,
                   _("The station database “%s” does not exist. Check the path and that the USB drive is connected."),
                   station_db);
      return NULL;
    }
  report = g_new0 (GpMergeReport, 1);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  station_dir = g_path_get_dirname (station_db);
  station_photos_path = g_build_filename (station_dir, "photos", NULL);
  station_photos = realpath (station_photos_path, NULL);
  written = g_ptr_array_new_with_free_func (g_free);
  merge = (Merge) { store, report, photos_dir, station_photos, (char *) station_db, written };

  locker = g_mutex_locker_new (gp_store_get_lock (store));
  if (!gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return NULL;
  count = gp_store_prepare (store, "SELECT count(*) FROM students", what, error);
  if (count == NULL || sqlite3_step (count) != SQLITE_ROW)
    goto fail;
  before = sqlite3_column_int (count, 0);
  g_clear_pointer (&count, sqlite3_finalize);

  if (!load_station (&merge, error)
      || !gp_store_exec (store,
                         "INSERT INTO batches (name, school, profile, starts_on, ends_on, rooms, time_slots,"
                         "                     payment_tracked, export_naming)"
                         " SELECT name, school, profile, starts_on, ends_on, rooms, time_slots, payment_tracked,"
                         "        export_naming FROM merge_batches WHERE true"
                         " ON CONFLICT (name) DO NOTHING;"
                         "INSERT INTO students (student_no, name, code, college, class_name, id_last4, school, major,"
                         "                      level, education, graduation_year, time_slot, paid, id_number,"
                         "                      batch_id, walk_in)"
                         " SELECT m.student_no, m.name,"
                         "  CASE WHEN EXISTS (SELECT 1 FROM students o WHERE o.code = m.code"
                         "                    AND o.student_no <> m.student_no) THEN NULL ELSE m.code END,"
                         "  m.college, m.class_name, m.id_last4, m.school, m.major, m.level, m.education,"
                         "  m.graduation_year, m.time_slot, m.paid, m.id_number,"
                         "  coalesce ((SELECT id FROM batches b WHERE b.name = m.batch_name), 1), m.walk_in"
                         " FROM merge_students m WHERE true"
                         " ON CONFLICT (student_no) DO UPDATE SET"
                         "  college = coalesce (students.college, excluded.college),"
                         "  class_name = coalesce (students.class_name, excluded.class_name),"
                         "  school = coalesce (students.school, excluded.school),"
                         "  major = coalesce (students.major, excluded.major),"
                         "  time_slot = coalesce (students.time_slot, excluded.time_slot),"
                         /* A student on any station's roster is no walk-in. */
                         "  walk_in = min (students.walk_in, excluded.walk_in);",
                         what, error)
      || !merge_captures (&merge, error)
      || !merge_print_jobs_and_audit (&merge, error)
      || !choose_and_list_conflicts (&merge, error))
    goto fail;

  count = gp_store_prepare (store, "SELECT count(*) FROM students", what, error);
  if (count == NULL || sqlite3_step (count) != SQLITE_ROW)
    goto fail;
  report->students_added = (guint) (sqlite3_column_int (count, 0) - before);
  g_clear_pointer (&count, sqlite3_finalize);

  if ((report->captures_added + report->print_jobs_added + report->audit_added > 0
       && source != NULL && !gp_store_audit_locked (store, NULL, "merge", 0, 0, source, error))
      || !gp_store_exec (store,
                         "DROP TABLE merge_batches; DROP TABLE merge_students; DROP TABLE merge_captures;"
                         "DROP TABLE merge_print_jobs; DROP TABLE merge_audit;"
                         "COMMIT",
                         what, error))
    goto fail;
  return g_steal_pointer (&report);

fail:
  /* All or nothing: photos copied for rows that are rolled back would be
   * taken for lost captures by the next reconcile. */
  for (guint i = 0; i < written->len; i++)
    g_unlink (g_ptr_array_index (written, i));
  g_clear_pointer (&count, sqlite3_finalize);
  sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (gp_store_get_db (store),
                "DROP TABLE IF EXISTS temp.merge_batches; DROP TABLE IF EXISTS temp.merge_students;"
                " DROP TABLE IF EXISTS temp.merge_captures; DROP TABLE IF EXISTS temp.merge_print_jobs;"
                " DROP TABLE IF EXISTS temp.merge_audit;",
                NULL, NULL, NULL);
  return NULL;
}
