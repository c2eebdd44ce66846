/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Sending a station's new and changed rows to the event server. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-store-private.h"
#include "sync/gp-server.h"
#include "sync/gp-sync-local.h"
#include "sync/gp-sync.h"

#define STUDENT_COLUMNS \
  "student_no, name, code, college, class_name, id_last4, school, major, level, education, graduation_year," \
  " time_slot, paid, id_number, batch_name, walk_in"
#define BATCH_COLUMNS \
  "name, school, profile, starts_on, ends_on, rooms, time_slots, payment_tracked, export_naming"

/* The station's columns for STUDENT_COLUMNS and BATCH_COLUMNS. */
#define LOCAL_STUDENT_SELECT \
  "SELECT s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4, s.school, s.major, s.level," \
  " s.education, s.graduation_year, s.time_slot, s.paid, s.id_number, b.name, s.walk_in" \
  " FROM students s LEFT JOIN batches b ON b.id = s.batch_id"
#define LOCAL_BATCH_SELECT "SELECT " BATCH_COLUMNS " FROM batches ORDER BY id"

/* The details a station fills in where the server has none, as `merge`
 * does; a roster import replaces them. */
static const char *const student_details[] = { "college", "class_name", "school", "major", "time_slot", NULL };
static const char *const roster_details[] = {
  "name", "code", "college", "class_name", "id_last4", "school", "major", "level", "education",
  "graduation_year", "time_slot", "paid", "id_number", "batch_name", NULL
};
static const char *const batch_details[] = {
  "school", "profile", "starts_on", "ends_on", "rooms", "time_slots", "payment_tracked", "export_naming", NULL
};

/* INSERT … ON CONFLICT DO UPDATE that takes @details from the row sent
 * (@replace) or only where the server's are NULL, and gives the row a new
 * seq only when something changed, so sending twice changes nothing.
 * A student on any roster is no walk-in. */
static char *
upsert_sql (const char         *table,
            const char         *key,
            const char         *columns,
            int                 n_columns,
            const char *const  *details,
            gboolean            replace,
            gboolean            walk_in)
{
  GString *sql = g_string_new (NULL);
  GString *old = g_string_new (NULL);
  GString *new = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (%s, seq) VALUES (", table, columns);
  for (int i = 1; i <= n_columns; i++)
    g_string_append_printf (sql, "$%d, ", i);
  g_string_append_printf (sql, "nextval ('change_seq')) ON CONFLICT (%s) DO UPDATE SET ", key);
  for (int i = 0; details[i] != NULL; i++)
    {
      const char *d = details[i];

      g_string_append_printf (sql, "%s = coalesce (%s.%s, %s.%s), ", d,
                              replace ? "excluded" : table, d, replace ? table : "excluded", d);
      g_string_append_printf (old, "%s%s.%s", i > 0 ? ", " : "", table, d);
      g_string_append_printf (new, "%scoalesce (%s.%s, %s.%s)", i > 0 ? ", " : "",
                              replace ? "excluded" : table, d, replace ? table : "excluded", d);
    }
  if (walk_in)
    {
      g_string_append_printf (sql, "walk_in = least (%s.walk_in, excluded.walk_in), ", table);
      g_string_append_printf (old, ", %s.walk_in", table);
      g_string_append_printf (new, ", least (%s.walk_in, excluded.walk_in)", table);
    }
  g_string_append_printf (sql, "seq = nextval ('change_seq') WHERE (%s) IS DISTINCT FROM (%s)", old->str, new->str);
  g_string_free (old, TRUE);
  g_string_free (new, TRUE);
  return g_string_free (sql, FALSE);
}

static gboolean
send_rows (PGconn      *conn,
           const char  *sql,
           GPtrArray   *rows,
           GError     **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      g_autoptr(PGresult) result = gp_server_exec (conn, sql, row->len, (const char * const *) row->pdata,
                                                   PGRES_COMMAND_OK, error);

      if (result == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
send_roster (PGconn      *conn,
             GPtrArray   *batches,
             GPtrArray   *students,
             gboolean     replace,
             GError     **error)
{
  g_autofree char *batch_sql = upsert_sql ("batches", "name", BATCH_COLUMNS, 9, batch_details, replace, FALSE);
  g_autofree char *student_sql = upsert_sql ("students", "student_no", STUDENT_COLUMNS, 16,
                                             replace ? roster_details : student_details, replace, TRUE);

  return send_rows (conn, batch_sql, batches, error) && send_rows (conn, student_sql, students, error);
}

/* Each capture with its standardized JPEG: the bytes go as binary. */
static gboolean
send_captures (PGconn      *conn,
               GPtrArray   *captures,
               const char  *station,
               GError     **error)
{
  const char *sql =
    "INSERT INTO captures (uid, student_no, station, created_at, status, checks, operator, status_reason,"
    "                      updated_at, photo_name, photo, pushed_by, seq)"
    " VALUES ($1, $2, coalesce ($3, $12), $4, $5, $6, $7, $8, $9, $10, $11, $12, nextval ('change_seq'))"
    " ON CONFLICT (uid) DO UPDATE SET status = excluded.status, checks = excluded.checks,"
    "  status_reason = excluded.status_reason, updated_at = excluded.updated_at,"
    "  pushed_by = excluded.pushed_by, seq = nextval ('change_seq')"
    /* `merge`'s rule: the later decision wins. */
    " WHERE excluded.updated_at > captures.updated_at";

  for (guint i = 0; i < captures->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (captures, i);
      const char *photo_path = g_ptr_array_index (row, 9);
      g_autofree char *bytes = NULL;
      g_autofree char *folder_path = g_path_get_dirname (photo_path);
      g_autofree char *folder = g_path_get_basename (folder_path);
      g_autofree char *base = g_path_get_basename (photo_path);
      g_autofree char *name = g_build_filename (folder, base, NULL);
      gsize length = 0;
      const char *values[12];
      int lengths[12] = { 0 };
      int formats[12] = { 0 };
      PGresult *result;

      if (!g_file_get_contents (photo_path, &bytes, &length, error))
        return FALSE;
      for (int v = 0; v < 9; v++)
        values[v] = g_ptr_array_index (row, v);
      values[9] = name;
      values[10] = bytes;
      lengths[10] = (int) length;
      formats[10] = 1;
      values[11] = station;
      result = PQexecParams (conn, sql, 12, NULL, values, lengths, formats, 0);
      if (!gp_server_check (conn, result, PGRES_COMMAND_OK, error))
        return FALSE;
      PQclear (result);
    }
  return TRUE;
}

typedef struct
{
  GPtrArray *batches;
  GPtrArray *students;
  GPtrArray *captures;
  GPtrArray *print_jobs;
  GPtrArray *audit;
} Pending;

static void
pending_clear (Pending *p)
{
  g_clear_pointer (&p->batches, g_ptr_array_unref);
  g_clear_pointer (&p->students, g_ptr_array_unref);
  g_clear_pointer (&p->captures, g_ptr_array_unref);
  g_clear_pointer (&p->print_jobs, g_ptr_array_unref);
  g_clear_pointer (&p->audit, g_ptr_array_unref);
}

/* What the server lacks, read in one go under the store's lock. */
static gboolean
read_pending (GpStore   *store,
              Pending   *p,
              GError   **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));

  if (!gp_sync_local_ensure (store, error))
    return FALSE;
  p->captures = gp_sync_local_rows (store,
                                    "SELECT c.uid, s.student_no, c.station, c.created_at, c.status, c.checks,"
                                    " c.operator, c.status_reason, coalesce (c.updated_at, c.created_at),"
                                    " c.photo_path, " GP_SYNC_CAPTURE_STAMP ("c")
                                    " FROM captures c JOIN students s ON s.id = c.student_id"
                                    " WHERE " GP_SYNC_CAPTURE_PENDING " ORDER BY c.id",
                                    NULL, error);
  if (p->captures == NULL)
    return FALSE;
  /* The students of those photos go along: walk-ins, and a roster the
   * server may not have. */
  p->students = gp_sync_local_rows (store,
                                    LOCAL_STUDENT_SELECT
                                    " WHERE s.id IN (SELECT c.student_id FROM captures c WHERE "
                                    GP_SYNC_CAPTURE_PENDING ") OR (" GP_SYNC_WALK_IN_PENDING ")"
                                    " ORDER BY s.id",
                                    NULL, error);
  if (p->students == NULL)
    return FALSE;
  p->batches = gp_sync_local_rows (store, LOCAL_BATCH_SELECT, NULL, error);
  if (p->batches == NULL)
    return FALSE;
  p->print_jobs = gp_sync_local_rows (store,
                                      "SELECT p.uid, c.uid, p.printer, p.pdf_path, p.cups_job_id, p.status,"
                                      " p.created_at FROM print_jobs p JOIN captures c ON c.id = p.capture_id"
                                      " WHERE " GP_SYNC_PRINT_JOB_PENDING " ORDER BY p.id",
                                      NULL, error);
  if (p->print_jobs == NULL)
    return FALSE;
  p->audit = gp_sync_local_rows (store,
                                 "SELECT a.uid, a.at, a.actor, a.action, s.student_no, c.uid, a.detail"
                                 " FROM audit_log a LEFT JOIN students s ON s.id = a.student_id"
                                 " LEFT JOIN captures c ON c.id = a.capture_id"
                                 " WHERE " GP_SYNC_AUDIT_PENDING " ORDER BY a.id",
                                 NULL, error);
  return p->audit != NULL;
}

/* After the server committed: what it now has, so the next push skips it. */
static gboolean
mark_sent (GpStore   *store,
           Pending   *p,
           GError   **error)
{
  const char *what = _("record the station’s sync state");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));
  guint i;

  if (!gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  for (i = 0; i < p->captures->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (p->captures, i);

      if (!gp_sync_local_mark (store, g_ptr_array_index (row, 0), g_ptr_array_index (row, 10), error))
        goto fail;
    }
  for (i = 0; i < p->students->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (p->students, i);
      g_autofree char *key = g_strconcat ("student:", (const char *) g_ptr_array_index (row, 0), NULL);

      if (!gp_sync_local_mark (store, key, "", error))
        goto fail;
    }
  for (i = 0; i < p->print_jobs->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (p->print_jobs, i);

      if (!gp_sync_local_mark (store, g_ptr_array_index (row, 0), g_ptr_array_index (row, 5), error))
        goto fail;
    }
  for (i = 0; i < p->audit->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (p->audit, i);

      if (!gp_sync_local_mark (store, g_ptr_array_index (row, 0), "", error))
        goto fail;
    }
  return gp_store_exec (store, "COMMIT", what, error);

fail:
  sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
commit_push (PGconn      *conn,
             const char  *station,
             GError     **error)
{
  const char *params[] = { station };
  g_autoptr(PGresult) notify = gp_server_exec (conn, "SELECT pg_notify ('gradphoto', $1)", 1, params,
                                               PGRES_TUPLES_OK, error);

  return notify != NULL && gp_server_command (conn, "COMMIT", error);
}

gboolean
gp_sync_push (PGconn      *conn,
              GpStore     *store,
              const char  *station,
              guint       *pushed,
              GError     **error)
{
  const char *job_sql =
    "INSERT INTO print_jobs (uid, capture_uid, printer, pdf_path, cups_job_id, status, created_at, pushed_by, seq)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nextval ('change_seq'))"
    " ON CONFLICT (uid) DO UPDATE SET status = excluded.status, pushed_by = excluded.pushed_by,"
    "  seq = nextval ('change_seq')"
    " WHERE print_jobs.status IS DISTINCT FROM excluded.status"
    "  AND print_jobs.status NOT IN " GP_STORE_PRINT_OVER_SQL;
  const char *audit_sql =
    "INSERT INTO audit_log (uid, at, actor, action, student_no, capture_uid, detail, pushed_by, seq)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nextval ('change_seq')) ON CONFLICT (uid) DO NOTHING";
  Pending p = { 0 };
  gboolean ok;
  guint n;

  g_return_val_if_fail (conn != NULL && GP_IS_STORE (store) && station != NULL, FALSE);

  if (!read_pending (store, &p, error))
    {
      pending_clear (&p);
      return FALSE;
    }
  n = p.captures->len + p.print_jobs->len + p.audit->len + p.students->len;
  if (pushed != NULL)
    *pushed = n;
  if (n == 0)
    {
      pending_clear (&p);
      return TRUE;
    }
  /* The station's name rides along as each row's last column. */
  for (guint i = 0; i < p.print_jobs->len; i++)
    g_ptr_array_add (g_ptr_array_index (p.print_jobs, i), g_strdup (station));
  for (guint i = 0; i < p.audit->len; i++)
    g_ptr_array_add (g_ptr_array_index (p.audit, i), g_strdup (station));

  ok = gp_server_begin_locked (conn, error)
       && send_roster (conn, p.batches, p.students, FALSE, error)
       && send_captures (conn, p.captures, station, error)
       && send_rows (conn, job_sql, p.print_jobs, error)
       && send_rows (conn, audit_sql, p.audit, error)
       && commit_push (conn, station, error);
  if (!ok)
    PQclear (PQexec (conn, "ROLLBACK"));
  ok = ok && mark_sent (store, &p, error);
  pending_clear (&p);
  return ok;
}

gboolean
gp_sync_push_roster (PGconn      *conn,
                     GpStore     *store,
                     guint       *students,
                     GError     **error)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) roster = NULL;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));

    batches = gp_sync_local_rows (store, LOCAL_BATCH_SELECT, NULL, error);
    roster = batches != NULL ? gp_sync_local_rows (store, LOCAL_STUDENT_SELECT " ORDER BY s.id", NULL, error) : NULL;
  }
  if (roster == NULL)
    return FALSE;
  if (students != NULL)
    *students = roster->len;
  if (!gp_server_begin_locked (conn, error)
      || !send_roster (conn, batches, roster, TRUE, error)
      || !commit_push (conn, "", error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return TRUE;
}
