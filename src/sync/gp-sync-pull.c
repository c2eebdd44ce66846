/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Receiving the event's changes and merging them with `merge`'s rules. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "store/gp-store-private.h"
#include "sync/gp-server.h"
#include "sync/gp-sync-event.h"
#include "sync/gp-sync-local.h"
#include "sync/gp-sync.h"

/* What one pull receives, in one snapshot of the server. */
typedef struct
{
  PGresult *batches;
  PGresult *students;
  PGresult *captures;
  PGresult *print_jobs;   /* NULL for a station */
  PGresult *audit;        /* NULL for a station */
  gint64    seq;          /* the last change received */
  gboolean  more;         /* captures were left for the next round */
} Received;

/* Captures per round at a station: the store's lock is held while a round
 * is merged, and the kiosk's own queries wait for it meanwhile. */
#define ROUND 50

static void
received_clear (Received *r)
{
  g_clear_pointer (&r->batches, PQclear);
  g_clear_pointer (&r->students, PQclear);
  g_clear_pointer (&r->captures, PQclear);
  g_clear_pointer (&r->print_jobs, PQclear);
  g_clear_pointer (&r->audit, PQclear);
}

static gboolean
receive (PGconn      *conn,
         gint64       since,
         const char  *station,
         int          limit,
         Received    *r,
         GError     **error)
{
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  g_autofree char *limit_text = limit > 0 ? g_strdup_printf ("%d", limit) : NULL;
  const char *params[] = { since_text, station, limit_text };
  g_autoptr(PGresult) seq = NULL;
  /* Captures another station sent or decided; all of them for the event. */
  const char *mine = "($2::text IS NULL OR pushed_by <> $2)";

  if (!gp_server_command (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  seq = gp_server_exec (conn,
                        "SELECT greatest ((SELECT max (seq) FROM batches), (SELECT max (seq) FROM students),"
                        " (SELECT max (seq) FROM captures), (SELECT max (seq) FROM print_jobs),"
                        " (SELECT max (seq) FROM audit_log), $1::bigint)",
                        1, params, PGRES_TUPLES_OK, error);
  if (seq == NULL)
    goto fail;
  r->seq = g_ascii_strtoll (PQgetvalue (seq, 0, 0), NULL, 10);
  r->batches = gp_server_exec (conn,
                               "SELECT name, school, profile, starts_on, ends_on, rooms, time_slots, payment_tracked,"
                               " export_naming FROM batches WHERE seq > $1 ORDER BY seq",
                               1, params, PGRES_TUPLES_OK, error);
  if (r->batches == NULL)
    goto fail;
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT uid, student_no, station, created_at, status, checks, operator, status_reason, updated_at,"
      " photo_name, photo, seq FROM captures WHERE seq > $1 AND %s ORDER BY seq LIMIT $3::integer", mine);
    g_autofree char *students_sql = g_strdup_printf (
      "SELECT s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4, s.school, s.major, s.level,"
      " s.education, s.graduation_year, s.time_slot, s.paid, s.id_number, s.batch_name, s.walk_in"
      " FROM students s WHERE s.seq > $1"
      " OR s.student_no IN (SELECT student_no FROM captures WHERE seq > $1 AND %s) ORDER BY s.seq", mine);

    r->captures = gp_server_exec (conn, sql, 3, params, PGRES_TUPLES_OK, error);
    if (r->captures == NULL)
      goto fail;
    /* Cut short: the next round starts after the last capture received. */
    r->more = limit > 0 && PQntuples (r->captures) == limit;
    if (r->more)
      r->seq = g_ascii_strtoll (PQgetvalue (r->captures, limit - 1, 11), NULL, 10);
    r->students = gp_server_exec (conn, students_sql, 2, params, PGRES_TUPLES_OK, error);
    if (r->students == NULL)
      goto fail;
  }
  if (station == NULL)
    {
      r->print_jobs = gp_server_exec (conn,
                                      "SELECT uid, capture_uid, printer, pdf_path, cups_job_id, status, created_at"
                                      " FROM print_jobs WHERE seq > $1 ORDER BY seq",
                                      1, params, PGRES_TUPLES_OK, error);
      r->audit = r->print_jobs == NULL ? NULL
                 : gp_server_exec (conn,
                                   "SELECT uid, at, actor, action, student_no, capture_uid, detail"
                                   " FROM audit_log WHERE seq > $1 ORDER BY seq",
                                   1, params, PGRES_TUPLES_OK, error);
      if (r->audit == NULL)
        goto fail;
    }
  return gp_server_command (conn, "COMMIT", error);

fail:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

/* Runs @sql on @store once per row of @result, binding its columns in
 * order as text; @extra_first extra values go before them. */
static gboolean
insert_rows (GpStore     *store,
             const char  *sql,
             PGresult    *result,
             GError     **error)
{
  const char *what = _("receive the event server’s rows");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (result == NULL || PQntuples (result) == 0)
    return TRUE;
  stmt = gp_store_prepare (store, sql, what, error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      sqlite3_reset (stmt);
      for (int c = 0; c < PQnfields (result); c++)
        gp_store_bind_optional (stmt, c + 1, gp_server_value (result, i, c));
      if (!gp_store_step_done (store, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

/* A file or folder name from the server, never one that leads elsewhere. */
static char *
safe_name (char        *name,
           const char  *fallback)
{
  if (*name == '\0' || g_str_equal (name, ".") || g_str_equal (name, "..") || strchr (name, '/') != NULL)
    {
      g_free (name);
      return g_strdup (fallback);
    }
  return name;
}

/* The photos go beside the temporary database, where `merge` looks. */
static gboolean
write_photos (PGresult    *captures,
              const char  *dir,
              GPtrArray   *paths,
              GError     **error)
{
  for (int i = 0; i < PQntuples (captures); i++)
    {
      const char *name = PQgetvalue (captures, i, 9);
      g_autofree char *folder_path = g_path_get_dirname (name);
      g_autofree char *folder = safe_name (g_path_get_basename (folder_path), "received");
      g_autofree char *fallback = g_strdup_printf ("received-%d.jpg", i);
      g_autofree char *base = safe_name (g_path_get_basename (name), fallback);
      g_autofree char *folder_dir = g_build_filename (dir, "photos", folder, NULL);
      char *path = g_build_filename (folder_dir, base, NULL);
      size_t length = 0;
      unsigned char *bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (captures, i, 10), &length);
      gboolean ok;

      g_ptr_array_add (paths, path);
      if (bytes == NULL || g_mkdir_with_parents (folder_dir, 0755) != 0)
        {
          PQfreemem (bytes);
          g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_FAILED,
                       _("Could not keep a photo received from the event server in %s. Check the free disk space."),
                       dir);
          return FALSE;
        }
      ok = g_file_set_contents (path, (const char *) bytes, length, error);
      PQfreemem (bytes);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* A station database holding what was received, for gp_store_merge_from(). */
static gboolean
write_station (const char  *db_path,
               const char  *dir,
               Received    *r,
               GError     **error)
{
  const char *what = _("receive the event server’s rows");
  g_autoptr(GpStore) station = gp_store_open (db_path, error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) capture = NULL;

  if (station == NULL || !write_photos (r->captures, dir, paths, error))
    return FALSE;
  locker = g_mutex_locker_new (gp_store_get_lock (station));
  if (!gp_store_exec (station, "BEGIN", what, error)
      || !insert_rows (station,
                       "INSERT INTO batches (name, school, profile, starts_on, ends_on, rooms, time_slots,"
                       " payment_tracked, export_naming) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                       " ON CONFLICT (name) DO UPDATE SET school = excluded.school, profile = excluded.profile,"
                       " starts_on = excluded.starts_on, ends_on = excluded.ends_on, rooms = excluded.rooms,"
                       " time_slots = excluded.time_slots, payment_tracked = excluded.payment_tracked,"
                       " export_naming = excluded.export_naming",
                       r->batches, error)
      || !insert_rows (station,
                       "INSERT INTO students (student_no, name, code, college, class_name, id_last4, school, major,"
                       " level, education, graduation_year, time_slot, paid, id_number, batch_id, walk_in)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                       " coalesce ((SELECT id FROM batches WHERE name = ?15), 1), ?16)",
                       r->students, error))
    return FALSE;
  capture = gp_store_prepare (station,
                              "INSERT INTO captures (uid, student_id, station, created_at, status, checks, operator,"
                              " status_reason, updated_at, original_path, photo_path)"
                              " SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10 FROM students"
                              " WHERE student_no = ?2",
                              what, error);
  if (capture == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (r->captures); i++)
    {
      sqlite3_reset (capture);
      for (int c = 0; c < 9; c++)
        gp_store_bind_optional (capture, c + 1, gp_server_value (r->captures, i, c));
      sqlite3_bind_text (capture, 10, g_ptr_array_index (paths, i), -1, SQLITE_TRANSIENT);
      if (!gp_store_step_done (station, capture, what, error))
        return FALSE;
    }
  return insert_rows (station,
                      "INSERT INTO print_jobs (uid, capture_id, printer, pdf_path, cups_job_id, status, created_at)"
                      " SELECT ?1, id, ?3, ?4, ?5, ?6, ?7 FROM captures WHERE uid = ?2",
                      r->print_jobs, error)
         && insert_rows (station,
                         "INSERT INTO audit_log (uid, at, actor, action, student_id, capture_id, detail)"
                         " VALUES (?1, ?2, ?3, ?4, (SELECT id FROM students WHERE student_no = ?5),"
                         " (SELECT id FROM captures WHERE uid = ?6), ?7)",
                         r->audit, error)
         && gp_store_exec (station, "COMMIT", what, error);
}

/* What the station now has from the server, so it is not sent back. */
static gboolean
mark_received (GpStore   *store,
               Received  *r,
               GError   **error)
{
  const char *what = _("record the station’s sync state");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));

  if (!gp_sync_local_ensure (store, error) || !gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  for (int i = 0; i < PQntuples (r->captures); i++)
    {
      g_autofree char *stamp = g_strconcat (PQgetvalue (r->captures, i, 8), "|",
                                            PQgetvalue (r->captures, i, 4), NULL);

      if (!gp_sync_local_mark (store, PQgetvalue (r->captures, i, 0), stamp, error))
        goto fail;
    }
  for (int i = 0; i < PQntuples (r->students); i++)
    {
      g_autofree char *key = g_strconcat ("student:", PQgetvalue (r->students, i, 0), NULL);

      if (!gp_sync_local_mark (store, key, "", error))
        goto fail;
    }
  if (!gp_sync_local_set_seq (store, r->seq, error))
    goto fail;
  return gp_store_exec (store, "COMMIT", what, error);

fail:
  sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Folds a round's merge report into the pull's. */
static void
add_report (GpMergeReport **total,
            GpMergeReport  *round)
{
  if (round == NULL)
    return;
  if (*total == NULL)
    {
      *total = round;
      return;
    }
  (*total)->students_added += round->students_added;
  (*total)->captures_added += round->captures_added;
  (*total)->captures_known += round->captures_known;
  (*total)->print_jobs_added += round->print_jobs_added;
  (*total)->audit_added += round->audit_added;
  g_ptr_array_extend_and_steal ((*total)->conflicts, g_steal_pointer (&round->conflicts));
  g_ptr_array_extend_and_steal ((*total)->problems, g_steal_pointer (&round->problems));
  round->conflicts = g_ptr_array_new ();
  round->problems = g_ptr_array_new ();
  gp_merge_report_free (round);
}

static gboolean
pull_round (PGconn          *conn,
            GpStore         *store,
            const char      *photos_dir,
            const char      *station,
            guint           *pulled,
            GpMergeReport  **report,
            gboolean        *more,
            GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  GpMergeReport *merged = NULL;
  Received r = { 0 };
  gint64 since;
  gboolean ok = FALSE;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));

    since = gp_sync_local_ensure (store, error) ? gp_sync_local_get_seq (store, error) : -1;
  }
  /* The whole event comes at once: its print jobs need their captures. */
  if (since < 0 || !receive (conn, since, station, station != NULL ? ROUND : 0, &r, error))
    goto out;
  *pulled += PQntuples (r.captures);
  *more = r.more;
  if (PQntuples (r.batches) + PQntuples (r.students) + PQntuples (r.captures)
      + (r.print_jobs != NULL ? PQntuples (r.print_jobs) + PQntuples (r.audit) : 0) > 0)
    {
      dir = g_dir_make_tmp ("gradphoto-pull-XXXXXX", error);
      if (dir == NULL)
        goto out;
      db_path = g_build_filename (dir, "station.db", NULL);
      if (!write_station (db_path, dir, &r, error))
        goto out;
      merged = gp_store_merge_from (store, db_path, photos_dir, NULL, error);
      if (merged == NULL)
        goto out;
      add_report (report, merged);
    }
  ok = mark_received (store, &r, error);

out:
  if (dir != NULL)
    gp_sync_remove_dir (dir);
  received_clear (&r);
  return ok;
}

gboolean
gp_sync_pull (PGconn          *conn,
              GpStore         *store,
              const char      *photos_dir,
              const char      *station,
              guint           *pulled,
              GpMergeReport  **report,
              GError         **error)
{
  g_autoptr(GpMergeReport) total = NULL;
  gboolean more = TRUE;
  guint count = 0;

  g_return_val_if_fail (conn != NULL && GP_IS_STORE (store) && photos_dir != NULL, FALSE);

  while (more)
    if (!pull_round (conn, store, photos_dir, station, &count, &total, &more, error))
      return FALSE;
  if (pulled != NULL)
    *pulled = count;
  if (report != NULL)
    *report = g_steal_pointer (&total);
  return TRUE;
}
