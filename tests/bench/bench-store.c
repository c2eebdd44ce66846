/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Store benchmarks (issue 5): roster import, code lookup and the durable
 * capture save, with peers from the same run. The capture save's peer is
 * the bare floor written here against libc and libsqlite3 (two files
 * written, fsynced, renamed, their folder fsynced, then one row committed
 * with synchronous=FULL in WAL mode), not our own durable writer. */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/gp-capture-save.h"
#include "store/gp-roster.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

#define ROSTER_ROWS 50000
#define LOOKUPS 20000
#define SAVES 100

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, (size_t) n, sizeof *values, compare_double);
  return values[n / 2];
}

static void
row (const char *what,
     double      value,
     const char *unit,
     const char *target,
     const char *peer)
{
  printf ("| %-34s | %10.3f %-3s | %-8s | %-40s |\n", what, value, unit, target, peer);
}

/* One file, the plain POSIX way to make it durable. */
static void
bare_durable_write (const char   *dir,
                    const char   *name,
                    const guint8 *bytes,
                    gsize         length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  int fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int dir_fd;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, bytes, length), ==, (gssize) length);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
  g_assert_cmpint (rename (tmp, path), ==, 0);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  g_assert_cmpint (fsync (dir_fd), ==, 0);
  close (dir_fd);
}

static sqlite3 *
bare_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                 "CREATE TABLE captures (id INTEGER PRIMARY KEY, student TEXT, original TEXT,"
                                 " photo TEXT, taken_at TEXT DEFAULT CURRENT_TIMESTAMP)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  return db;
}

/* The same save with nothing of ours: two files, then the row. */
static void
bare_save (sqlite3      *db,
           const char   *dir,
           int           i,
           const guint8 *bytes)
{
  g_autofree char *original = g_strdup_printf ("%d-original.jpg", i);
  g_autofree char *photo = g_strdup_printf ("%d.jpg", i);
  sqlite3_stmt *stmt = NULL;

  bare_durable_write (dir, original, bytes, 400 * 1024);
  bare_durable_write (dir, photo, bytes, 60 * 1024);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO captures (student, original, photo) VALUES (?1, ?2, ?3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "2025000001", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, original, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, photo, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "roster.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "station.db", NULL);
  g_autofree char *peer_db = g_build_filename (dir, "peer.db", NULL);
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  g_autofree char *peer_dir = g_build_filename (dir, "peer", NULL);
  g_autofree char *peer_text = NULL;
  g_autoptr(GString) text = g_string_new ("学号,姓名,采集码,学院,班级,证件号码\n");
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpRosterReport) report = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) photo = NULL;
  double save_ms[SAVES], peer_ms[SAVES];
  g_autofree char *bare_db = g_build_filename (dir, "bare.db", NULL);
  sqlite3 *bare = NULL;
  double import_s, sqlite_import_s, lookup_total_ms = 0, lookup_max_ms = 0;
  guint8 *bytes;
  gint64 start;
  int i;

  g_assert_no_error (error);
  for (i = 0; i < ROSTER_ROWS; i++)
    g_string_append_printf (text, "20250%05d,学生%d,GP%08X,学院%d,班级%d,1101051999010%05d\n",
                            i, i, (guint) i * 2654435761u, i % 20, i % 600, i);
  g_file_set_contents (csv, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  store = gp_store_open (db, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  report = gp_roster_import_file (store, csv, &error);
  import_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (report->inserted, ==, ROSTER_ROWS);

  /* The peer: the sqlite3 shell's own CSV import of the same file. */
  {
    g_autofree char *command = g_strdup_printf ("sqlite3 -cmd '.mode csv' %s '.import %s students'", peer_db, csv);
    int status = 0;

    start = g_get_monotonic_time ();
    if (!g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || status != 0)
      sqlite_import_s = -1;
    else
      sqlite_import_s = (g_get_monotonic_time () - start) / 1e6;
  }

  for (i = 0; i < LOOKUPS; i++)
    {
      int k = g_random_int_range (0, ROSTER_ROWS);
      g_autofree char *code = g_strdup_printf ("GP%08X", (guint) k * 2654435761u);
      g_autoptr(GpStudent) found = NULL;
      double ms;

      start = g_get_monotonic_time ();
      found = gp_store_find_student_by_code (store, code, &error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_assert_nonnull (found);
      lookup_total_ms += ms;
      lookup_max_ms = MAX (lookup_max_ms, ms);
    }

  /* Photo sizes as the kiosk writes them: a 1080p frame and a 480 × 640 JPEG. */
  bytes = g_malloc (400 * 1024);
  for (i = 0; i < 400 * 1024; i++)
    bytes[i] = (guint8) g_random_int ();
  original = g_bytes_new (bytes, 400 * 1024);
  photo = g_bytes_new (bytes, 60 * 1024);
  student = gp_store_find_student_by_no (store, "2025000001", &error);
  g_mkdir_with_parents (peer_dir, 0700);
  bare = bare_open (bare_db);
  for (i = 0; i < SAVES; i++)
    {
      GpCaptureRequest request = { student->id, student->student_no, original, photo, NULL, "bench", NULL };

      start = g_get_monotonic_time ();
      g_assert_cmpint (gp_capture_save (store, photos, &request, NULL, &error), >, 0);
      save_ms[i] = (g_get_monotonic_time () - start) / 1e3;

      start = g_get_monotonic_time ();
      bare_save (bare, peer_dir, i, bytes);
      peer_ms[i] = (g_get_monotonic_time () - start) / 1e3;
    }
  sqlite3_close (bare);
  g_free (bytes);

  printf ("| %-34s | %14s | %-8s | %-40s |\n", "figure", "value", "target", "peer (same run)");
  printf ("|%s|%s|%s|%s|\n", "------------------------------------", "----------------",
          "----------", "------------------------------------------");
  peer_text = sqlite_import_s >= 0 ? g_strdup_printf ("sqlite3 CLI .import: %.3f s", sqlite_import_s)
                                   : g_strdup ("sqlite3 CLI not available");
  row ("import 50 000-row roster (CSV)", import_s, "s", "<= 2 s", peer_text);
  g_free (peer_text);
  peer_text = g_strdup_printf ("max %.3f ms over %d lookups", lookup_max_ms, LOOKUPS);
  row ("code lookup at 50 000 rows (mean)", lookup_total_ms / LOOKUPS, "ms", "<= 1 ms", peer_text);
  g_free (peer_text);
  peer_text = g_strdup_printf ("bare libc + libsqlite3, same work: %.3f ms", median (peer_ms, SAVES));
  row ("durable capture save (median)", median (save_ms, SAVES), "ms", "<= 20 ms", peer_text);

  g_clear_object (&store);
  gp_test_remove_tree (dir);
  return import_s <= 2.0 && lookup_total_ms / LOOKUPS <= 1.0 && median (save_ms, SAVES) <= 20.0 ? 0 : 1;
}
