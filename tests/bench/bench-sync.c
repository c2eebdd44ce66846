/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The event server (issue 17): 4 station processes × 100 captures against a
 * private PostgreSQL, each keeping in step with a GpSyncWorker as the kiosk
 * does. Sync lag is the time from a capture committed at one station to
 * its arrival at another (p50, p95 over every pair); catch-up is the time
 * from the server's return after an outage until a backlog of 200 captures
 * made meanwhile at one station has reached another.
 * Targets: p50 <= 1 s, p95 <= 2 s, catch-up <= 10 s.
 *
 *   bench-sync                      the whole run (starts its own server)
 *   bench-sync station DIR URI NAME  one station process (the run spawns 4) */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/gp-capture-save.h"
#include "store/gp-store.h"
#include "sync/gp-server.h"
#include "sync/gp-sync-event.h"
#include "sync/gp-sync-worker.h"
#include "sync/gp-sync.h"

#include "gp-test-util.h"

#define STATIONS     4
#define CAPTURES     100
#define BACKLOG      200
#define INTERVAL_MS  100
#define JPEG "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"

static GBytes *
load_jpeg (void)
{
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (JPEG, &contents, &length, &error))
    g_error ("%s (install python-matplotlib-data)", error->message);
  return g_bytes_new_take (contents, length);
}

static char *
student_no (int station,
            int i)
{
  return g_strdup_printf ("2026%02d%04d", station, i);
}

/* A capture of @no whose operator field carries its commit time (µs), so
 * another process can tell how long it took to arrive. */
static void
capture (GpStore     *store,
         const char  *photos_dir,
         const char  *no,
         const char  *station,
         GBytes      *jpeg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (store, no, &error);
  g_autofree char *stamp = NULL;
  GpCaptureRequest request = { 0 };
  gint64 id;

  if (student == NULL)
    g_error ("no student %s at %s: %s", no, station, error != NULL ? error->message : "not on the roster");
  request.student_id = student->id;
  request.student_no = no;
  request.original = jpeg;
  request.photo = jpeg;
  request.checks = "{\"passed\": true}";
  request.station = station;
  /* Written before the commit, read after the arrival: an upper bound of the lag. */
  stamp = g_strdup_printf ("bench:%" G_GINT64_FORMAT, g_get_real_time ());
  request.operator_name = stamp;
  id = gp_capture_save (store, photos_dir, &request, NULL, &error);
  if (id < 0)
    g_error ("capture at %s: %s", station, error->message);
}

/* ---- One station process ------------------------------------------------ */

typedef struct
{
  GpStore     *store;
  sqlite3     *db;
  char        *photos_dir;
  char        *name;
  int          index;
  GBytes      *jpeg;
  GHashTable  *seen;
  int          taken;
  GMainLoop   *loop;
  GArray      *lags;   /* gint64 µs */
} Station;

/* New captures from the others: their lags, once each. */
static void
collect (Station *s)
{
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time ();

  if (sqlite3_prepare_v2 (s->db, "SELECT uid, operator FROM captures WHERE station <> ?1 AND operator LIKE 'bench:%'",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (s->db));
  sqlite3_bind_text (stmt, 1, s->name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uid = (const char *) sqlite3_column_text (stmt, 0);
      const char *op = (const char *) sqlite3_column_text (stmt, 1);
      gint64 lag;

      if (g_hash_table_contains (s->seen, uid))
        continue;
      g_hash_table_add (s->seen, g_strdup (uid));
      lag = now - g_ascii_strtoll (op + strlen ("bench:"), NULL, 10);
      g_array_append_val (s->lags, lag);
    }
  sqlite3_finalize (stmt);
  if (s->taken >= CAPTURES && g_hash_table_size (s->seen) >= (STATIONS - 1) * CAPTURES)
    g_main_loop_quit (s->loop);
}

static void
on_pulled (GpSyncWorker *worker,
           guint         n,
           Station      *s)
{
  collect (s);
}

static gboolean
take_one (gpointer data)
{
  Station *s = data;
  g_autofree char *no = student_no (s->index, s->taken);

  capture (s->store, s->photos_dir, no, s->name, s->jpeg);
  s->taken++;
  if (s->taken < CAPTURES)
    return G_SOURCE_CONTINUE;
  collect (s);
  return G_SOURCE_REMOVE;
}

static gboolean
give_up (gpointer data)
{
  Station *s = data;

  g_printerr ("%s: gave up waiting, %u of %d others' captures arrived\n", s->name,
              g_hash_table_size (s->seen), (STATIONS - 1) * CAPTURES);
  g_main_loop_quit (s->loop);
  return G_SOURCE_REMOVE;
}

static int
run_station (const char *dir,
             const char *server,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "station.db", NULL);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GpSyncReport) first = NULL;
  g_autoptr(GpSyncWorker) worker = NULL;
  Station s = { 0 };
  char line[16];

  s.name = (char *) name;
  s.index = atoi (name + 1);
  s.photos_dir = g_build_filename (dir, "photos", NULL);
  s.store = gp_store_open (db_path, &error);
  if (s.store == NULL)
    g_error ("%s", error->message);
  /* The roster first, as a station set up before the event. */
  conn = gp_server_connect (server, TRUE, &error);
  first = conn != NULL ? gp_sync_run (conn, s.store, s.photos_dir, name, &error) : NULL;
  if (first == NULL)
    g_error ("%s: %s", name, error->message);
  g_clear_pointer (&conn, PQfinish);
  if (sqlite3_open_v2 (db_path, &s.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot read %s", db_path);
  sqlite3_busy_timeout (s.db, 5000);
  s.jpeg = load_jpeg ();
  s.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.lags = g_array_new (FALSE, FALSE, sizeof (gint64));
  s.loop = g_main_loop_new (NULL, FALSE);

  worker = gp_sync_worker_new (s.store, s.photos_dir, server, name);
  g_signal_connect (worker, "pulled", G_CALLBACK (on_pulled), &s);
  gp_sync_worker_start (worker);

  /* Every station starts capturing together. */
  printf ("ready\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;
  g_timeout_add (INTERVAL_MS, take_one, &s);
  g_timeout_add_seconds (120, give_up, &s);
  g_main_loop_run (s.loop);
  gp_sync_worker_stop (worker);

  for (guint i = 0; i < s.lags->len; i++)
    printf ("lag %" G_GINT64_FORMAT "\n", g_array_index (s.lags, gint64, i));
  printf ("done\n");
  fflush (stdout);
  sqlite3_close (s.db);
  g_object_unref (s.store);
  g_bytes_unref (s.jpeg);
  g_hash_table_unref (s.seen);
  g_array_unref (s.lags);
  g_main_loop_unref (s.loop);
  g_free (s.photos_dir);
  return 0;
}

/* ---- The whole run ------------------------------------------------------ */

static char *
private_postgres (const char *verb,
                  const char *dir)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "private-postgres", NULL);
  const char *argv[] = { script, verb, dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    g_error ("private-postgres %s: %s%s", verb, error != NULL ? error->message : "", err != NULL ? err : "");
  return g_strstrip (g_steal_pointer (&out));
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, gint64, i) / 1e6;
}

/* The roster of every station's students, once, through the server. */
static void
load_roster (const char *dir,
             const char *server,
             int         per_station)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "roster.db", NULL);
  g_autoptr(GpStore) store = gp_store_open (path, &error);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(PGconn) conn = gp_server_connect (server, FALSE, &error);

  if (conn == NULL || !gp_server_init (conn, NULL, &error))
    g_error ("%s", error->message);
  for (int st = 0; st < STATIONS; st++)
    for (int i = 0; i < per_station; i++)
      {
        GpStudent *s = gp_student_new ();

        s->student_no = student_no (st, i);
        s->name = g_strdup_printf ("学生%d-%d", st, i);
        s->college = g_strdup ("信息工程学院");
        s->class_name = g_strdup_printf ("信工22%02d", st);
        g_ptr_array_add (students, s);
      }
  if (!gp_store_upsert_students (store, students, NULL, NULL, &error)
      || !gp_sync_push_roster (conn, store, NULL, &error))
    g_error ("%s", error->message);
}

/* 200 captures at a station while the server is down; the time from its
 * return until another station has them all. */
static double
catch_up (const char *dir,
          const char *pg_dir,
          const char *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_dir = g_build_filename (dir, "s0", NULL);
  g_autofree char *b_dir = g_build_filename (dir, "s1", NULL);
  g_autofree char *a_db = g_build_filename (a_dir, "station.db", NULL);
  g_autofree char *b_db = g_build_filename (b_dir, "station.db", NULL);
  g_autofree char *a_photos = g_build_filename (a_dir, "photos", NULL);
  g_autofree char *b_photos = g_build_filename (b_dir, "photos", NULL);
  g_autoptr(GpStore) a = gp_store_open (a_db, &error);
  g_autoptr(GpStore) b = gp_store_open (b_db, &error);
  g_autoptr(GBytes) jpeg = load_jpeg ();
  g_autoptr(GpSyncWorker) worker_a = NULL;
  g_autoptr(GpSyncWorker) worker_b = NULL;
  g_autofree char *restarted = NULL;
  gint64 start, deadline;
  int now;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  worker_a = gp_sync_worker_new (a, a_photos, server, "s0");
  worker_b = gp_sync_worker_new (b, b_photos, server, "s1");
  g_free (private_postgres ("stop", pg_dir));
  gp_sync_worker_start (worker_a);
  gp_sync_worker_start (worker_b);
  for (int i = 0; i < BACKLOG; i++)
    {
      g_autofree char *no = student_no (0, CAPTURES + i);

      capture (a, a_photos, no, "s0", jpeg);
    }
  restarted = private_postgres ("start", pg_dir);
  start = g_get_monotonic_time ();
  deadline = start + 60 * G_USEC_PER_SEC;
  /* B's own database is the witness: its count of s0's backlog photos. */
  do
    {
      g_autofree char *count = NULL;

      g_usleep (20 * 1000);
      count = gp_test_sql_value (b_db, "SELECT count(*) FROM captures c JOIN students s ON s.id = c.student_id"
                                       " WHERE c.station = 's0' AND CAST (substr (s.student_no, 7) AS INTEGER) >= 100");
      now = atoi (count);
    }
  while (now < BACKLOG && g_get_monotonic_time () < deadline);
  gp_sync_worker_stop (worker_a);
  gp_sync_worker_stop (worker_b);
  if (now < BACKLOG)
    {
      g_printerr ("catch-up: only %d of %d captures arrived within 60 s\n", now, BACKLOG);
      return 60;
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pg_dir = NULL;
  g_autofree char *server = NULL;
  g_autoptr(GArray) lags = g_array_new (FALSE, FALSE, sizeof (gint64));
  GSubprocess *stations[STATIONS];
  GDataInputStream *outputs[STATIONS];
  double p50, p95, catch_up_s;
  int failed = 0;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (argc == 5 && g_str_equal (argv[1], "station"))
    return run_station (argv[2], argv[3], argv[4]);
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("gp-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  /* The postgres user runs the server when we are root. */
  g_chmod (dir, 0755);
  pg_dir = g_build_filename (dir, "pg", NULL);
  server = private_postgres ("start", pg_dir);
  load_roster (dir, server, CAPTURES + BACKLOG);

  for (int i = 0; i < STATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%d", i);
      g_autofree char *station_dir = g_build_filename (dir, name, NULL);

      g_mkdir_with_parents (station_dir, 0755);
      stations[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      "/proc/self/exe", "station", station_dir, server, name, NULL);
      g_assert_no_error (error);
      outputs[i] = g_data_input_stream_new (g_subprocess_get_stdout_pipe (stations[i]));
    }
  for (int i = 0; i < STATIONS; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (outputs[i], NULL, NULL, &error);

      if (g_strcmp0 (line, "ready") != 0)
        g_error ("station s%d did not start: %s", i, error != NULL ? error->message : line);
    }
  for (int i = 0; i < STATIONS; i++)
    g_output_stream_write_all (g_subprocess_get_stdin_pipe (stations[i]), "go\n", 3, NULL, NULL, &error);
  for (int i = 0; i < STATIONS; i++)
    {
      char *line;

      while ((line = g_data_input_stream_read_line (outputs[i], NULL, NULL, NULL)) != NULL
             && !g_str_equal (line, "done"))
        {
          gint64 lag = g_ascii_strtoll (line + strlen ("lag "), NULL, 10);

          g_array_append_val (lags, lag);
          g_free (line);
        }
      g_free (line);
      g_subprocess_wait (stations[i], NULL, NULL);
      g_object_unref (outputs[i]);
      g_object_unref (stations[i]);
    }

  g_array_sort (lags, compare_gint64);
  if (lags->len < STATIONS * (STATIONS - 1) * CAPTURES)
    {
      g_printerr ("only %u of %d arrivals were seen\n", lags->len, STATIONS * (STATIONS - 1) * CAPTURES);
      failed = 1;
    }
  p50 = lags->len > 0 ? percentile (lags, 0.50) : 99;
  p95 = lags->len > 0 ? percentile (lags, 0.95) : 99;
  catch_up_s = catch_up (dir, pg_dir, server);

  g_free (private_postgres ("stop", pg_dir));
  gp_sync_remove_dir (dir);

  printf ("sync lag, %d stations x %d captures, %u arrivals: p50 %.3f s (target <= 1 s), p95 %.3f s (target <= 2 s),"
          " max %.3f s\n", STATIONS, CAPTURES, lags->len, p50, p95,
          lags->len > 0 ? g_array_index (lags, gint64, lags->len - 1) / 1e6 : 0.0);
  printf ("catch-up after an outage, %d captures at one station: %.3f s until another has them (target <= 10 s)\n",
          BACKLOG, catch_up_s);
  if (p50 > 1.0 || p95 > 2.0 || catch_up_s > 10.0)
    failed = 1;
  return failed;
}
