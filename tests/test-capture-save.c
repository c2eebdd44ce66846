/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The durable capture save, start-up reconciliation, a crash test (a real
 * child process killed with SIGKILL while it saves), and the order of the
 * save's writes, fsyncs, renames and commits as a preloaded recorder logs
 * them in that child (gp-syscall-recorder.c, gp-test-sync-order.c). */
#define G_LOG_DOMAIN "test-capture-save"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/gp-capture-save.h"
#include "store/gp-reconcile.h"
#include "store/gp-store.h"

#include "gp-test-sync-order.h"
#include "gp-test-util.h"

#define STUDENT_NO "2021000001"

typedef struct
{
  char    *dir;
  char    *db;
  char    *photos;
  GpStore *store;
  gint64   student_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpStudent) found = NULL;
  GpStudent *s = gp_student_new ();

  f->dir = g_dir_make_tmp ("gp-capture-save-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "station.db", NULL);
  f->photos = g_build_filename (f->dir, "photos", NULL);
  f->store = gp_store_open (f->db, &error);
  g_assert_no_error (error);
  s->student_no = g_strdup (STUDENT_NO);
  s->name = g_strdup ("赵小明");
  s->code = g_strdup ("GP7K2M9X");
  g_ptr_array_add (students, s);
  g_assert_true (gp_store_upsert_students (f->store, students, NULL, NULL, &error));
  found = gp_store_find_student_by_no (f->store, STUDENT_NO, &error);
  g_assert_nonnull (found);
  f->student_id = found->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->photos);
}

static gint64
save (Fixture     *f,
      const char  *checks,
      char       **photo_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) original = g_bytes_new_static ("original-bytes", 14);
  g_autoptr(GBytes) photo = g_bytes_new_static ("photo-bytes", 11);
  GpCaptureRequest request = { f->student_id, STUDENT_NO, original, photo, checks, "A101", "钱老师" };
  gint64 id = gp_capture_save (f->store, f->photos, &request, photo_path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_save_files_and_row (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GpCapture) capture = NULL;
  g_autoptr(GpCapture) second = NULL;
  g_autoptr(GpCapture) chosen = NULL;
  gint64 id, id2;

  id = save (f, NULL, &path);
  capture = gp_store_get_capture (f->store, id, &error);
  g_assert_nonnull (capture);
  g_assert_cmpstr (capture->photo_path, ==, path);
  g_assert_true (g_str_has_prefix (path, f->photos));
  g_assert_true (g_file_get_contents (capture->photo_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "photo-bytes");
  g_assert_true (g_str_has_suffix (capture->original_path, "-original.jpg"));
  g_assert_true (g_file_test (capture->original_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (capture->status, ==, "captured");
  g_assert_cmpstr (capture->station, ==, "A101");
  g_assert_cmpstr (capture->operator_name, ==, "钱老师");
  g_assert_cmpint (capture->retake, ==, 0);
  g_assert_nonnull (capture->uid);

  /* Same millisecond or not, a second capture gets its own files and the
   * next retake number; passed checks approve it and make it the chosen one. */
  id2 = save (f, "{\"passed\": true, \"checks\": []}", NULL);
  second = gp_store_get_capture (f->store, id2, &error);
  g_assert_cmpint (second->retake, ==, 1);
  g_assert_cmpstr (second->status, ==, "approved");
  g_assert_cmpstr (second->photo_path, !=, capture->photo_path);
  chosen = gp_store_find_chosen_capture (f->store, f->student_id, &error);
  g_assert_nonnull (chosen);
  g_assert_cmpint (chosen->id, ==, id2);
}

static void
test_save_unknown_student (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autofree char *dir = g_build_filename (f->photos, "2099999999", NULL);
  GpCaptureRequest request = { 999999, "2099999999", bytes, bytes, NULL, NULL, NULL };
  g_autoptr(GDir) listing = NULL;

  g_assert_cmpint (gp_capture_save (f->store, f->photos, &request, NULL, &error), ==, -1);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_CONSTRAINT);
  /* Reported as not saved: no file stays behind either. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_reconcile_cases (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpReconcileReport) report = NULL;
  g_autoptr(GpReconcileReport) again = NULL;
  g_autoptr(GpCapture) gone = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *gone_path = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *orphan = g_build_filename (f->photos, STUDENT_NO, STUDENT_NO "-20240601T080000-000.jpg", NULL);
  g_autofree char *orphan_original = g_build_filename (f->photos, STUDENT_NO,
                                                       STUDENT_NO "-20240601T080000-000-original.jpg", NULL);
  g_autofree char *stranger = g_build_filename (f->photos, "2099999999", "2099999999-x.jpg", NULL);
  g_autofree char *dead_temp = g_build_filename (f->photos, STUDENT_NO, ".tmp-999999999-abcdef", NULL);
  g_autofree char *live_temp = NULL;
  g_autofree char *description = NULL;
  gint64 gone_id, kept_id;

  gone_id = save (f, "{\"passed\": true}", &gone_path);
  kept_id = save (f, NULL, &kept_path);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);
  write_file (orphan, "orphan");
  write_file (orphan_original, "orphan-original");
  write_file (stranger, "stranger");
  write_file (dead_temp, "half");
  live_temp = g_strdup_printf ("%s/%s/.tmp-%u-ghijkl", f->photos, STUDENT_NO, (guint) getppid ());
  write_file (live_temp, "being written");

  report = gp_store_reconcile (f->store, f->photos, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_false (gp_reconcile_report_is_clean (report));

  /* A photo without a row gets its row back, its original with it. */
  g_assert_cmpuint (report->recovered->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->recovered, 0), ==, orphan);
  history = gp_store_list_captures (f->store, f->student_id, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((GpCapture *) g_ptr_array_index (history, 2))->original_path, ==, orphan_original);
  g_assert_cmpstr (((GpCapture *) g_ptr_array_index (history, 2))->created_at, !=, NULL);
  /* A photo of someone not on the roster is reported and left in place. */
  g_assert_cmpuint (report->unrecorded->len, ==, 1);
  g_assert_true (g_file_test (stranger, G_FILE_TEST_EXISTS));
  /* A row without its file is marked missing and no longer chosen. */
  g_assert_cmpuint (report->missing->len, ==, 1);
  gone = gp_store_get_capture (f->store, gone_id, &error);
  g_assert_cmpstr (gone->status, ==, "missing");
  g_assert_null (gp_store_find_chosen_capture (f->store, f->student_id, &error));
  g_assert_no_error (error);
  /* A dead writer's temp file goes; a live one's stays. */
  g_assert_cmpuint (report->temp_removed->len, ==, 1);
  g_assert_false (g_file_test (dead_temp, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (report->temp_in_use->len, ==, 1);
  g_assert_true (g_file_test (live_temp, G_FILE_TEST_EXISTS));
  description = gp_reconcile_report_describe (report);
  g_assert_nonnull (strstr (description, orphan));
  g_assert_nonnull (strstr (description, stranger));
  g_assert_cmpint (kept_id, >, 0);

  /* Repaired is repaired: a second pass finds only what it must leave. */
  g_unlink (live_temp);
  again = gp_store_reconcile (f->store, f->photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->recovered->len + again->missing->len + again->temp_removed->len, ==, 0);
  g_assert_cmpuint (again->unrecorded->len, ==, 1);
}

static char *
query_one (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

#define RECORDED_SAVES 2

/* Runs the crash test's child for RECORDED_SAVES saves with @preload loaded
 * after any library the suite itself runs under, and returns what the
 * recorder's log says a power cut could lose. */
static GPtrArray *
run_recorded (Fixture           *f,
              const char        *preload,
              GpTestSyncCounts  *counts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "gp-crash-capture", NULL);
  g_autofree char *count = g_strdup_printf ("%d", RECORDED_SAVES);
  /* Names as the recorder reads them back from /proc, symlinks resolved. */
  g_autofree char *data_dir = realpath (f->dir, NULL);
  g_autofree char *log = g_build_filename (data_dir, "syscalls.log", NULL);
  g_autofree char *wal = g_build_filename (data_dir, "station.db-wal", NULL);
  g_autofree char *libs = NULL;
  g_autofree char *asan = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { child, data_dir, STUDENT_NO, count, NULL };
  int status;

  libs = g_strjoin (" ", g_environ_getenv (envp, "LD_PRELOAD") ?: "", preload, NULL);
  envp = g_environ_setenv (envp, "LD_PRELOAD", libs, TRUE);
  envp = g_environ_setenv (envp, "GP_SYSCALL_LOG", log, TRUE);
  /* Under the sanitizers a preloaded library comes before their runtime. */
  asan = g_strconcat (g_environ_getenv (envp, "ASAN_OPTIONS") ?: "", ":verify_asan_link_order=0", NULL);
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", asan, TRUE);

  /* The child opens the database itself; this process must not hold it. */
  g_clear_object (&f->store);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("gp-crash-capture failed: %s\n%s", error->message, err);
  return gp_test_sync_order_problems (log, data_dir, wal, counts);
}

static char *
preload_path (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static void
test_synced_before_commit (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *recorder = preload_path ("gp-syscall-recorder.so");
  g_autoptr(GPtrArray) problems = NULL;
  GpTestSyncCounts counts;

  problems = run_recorded (f, recorder, &counts);
  if (problems->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_test_fail_printf ("a power cut could lose a save reported as saved:\n  %s", joined);
      return;
    }
  /* Each save renames its photo and its original; the first makes the
   * photos folder and the student's folder; each commits its row. */
  g_assert_cmpuint (counts.renamed, ==, 2 * RECORDED_SAVES);
  g_assert_cmpuint (counts.folders, ==, 2);
  g_assert_cmpuint (counts.commits, ==, RECORDED_SAVES);
}

/* The check above must see a disk that does not sync: with fsync and
 * fdatasync made no-ops, it names every write left unsynced. */
static void
test_unsynced_write_is_named (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *recorder = preload_path ("gp-syscall-recorder.so");
  g_autofree char *nosync = preload_path ("gp-nosync.so");
  g_autofree char *libs = g_strjoin (" ", nosync, recorder, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  GpTestSyncCounts counts;
  guint data_unsynced = 0, wal_unsynced = 0;

  problems = run_recorded (f, libs, &counts);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *p = g_ptr_array_index (problems, i);

      if (strstr (p, "/.tmp-") != NULL && strstr (p, "was not fsynced before it was renamed") != NULL)
        data_unsynced++;
      if (strstr (p, "station.db-wal but never fsynced") != NULL)
        wal_unsynced++;
    }
  g_assert_cmpuint (counts.renamed, ==, 2 * RECORDED_SAVES);
  g_assert_cmpuint (data_unsynced, ==, counts.renamed);
  g_assert_cmpuint (wal_unsynced, >, 0);
}

#define CRASH_ROUNDS 20
#define CRASH_CAPTURES "200"

/* A killed process leaves the page cache behind, so this proves the order
 * of files and row and what reconcile does with a cut-short save, not that
 * anything reached the disk: /capture/save/synced-before-commit does. */
static void
test_crash_sigkill (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "gp-crash-capture", NULL);
  guint reported = 0;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint round, recovered = 0, temps = 0, killed = 0;
  guint i;

  /* The child opens the database itself; this process must not hold it. */
  g_clear_object (&f->store);
  for (round = 0; round < CRASH_ROUNDS; round++)
    {
      const char *argv[] = { child, f->dir, STUDENT_NO, CRASH_CAPTURES, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GpStore) store = NULL;
      g_autoptr(GpReconcileReport) report = NULL;
      g_autoptr(GpReconcileReport) again = NULL;
      g_autofree char *check = NULL;
      g_autofree char *rows = NULL;
      GString *out = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      char buffer[4096];
      GPid pid;
      int out_fd, status;
      gssize n;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      /* From just after start to well into the run. */
      g_usleep (g_test_rand_int_range (20, 1500) * 1000);
      if (kill (pid, SIGKILL) == 0)
        killed++;
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (out, buffer, n);
      close (out_fd);

      /* Only whole lines were reported: a cut-off number was never said. */
      lines = g_strsplit (out->str, "\n", -1);
      for (i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (lines[i], NULL, 10);

          g_array_append_val (ids, id);
        }
      g_string_free (out, TRUE);
      reported += ids->len;

      check = query_one (f->db, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      store = gp_store_open (f->db, &error);
      g_assert_no_error (error);
      for (i = 0; i < ids->len; i++)
        {
          g_autoptr(GpCapture) capture = gp_store_get_capture (store, g_array_index (ids, gint64, i), &error);

          g_assert_no_error (error);
          g_assert_nonnull (capture);
          g_assert_true (g_file_test (capture->photo_path, G_FILE_TEST_IS_REGULAR));
          g_assert_true (g_file_test (capture->original_path, G_FILE_TEST_IS_REGULAR));
        }
      report = gp_store_reconcile (store, f->photos, &error);
      g_assert_no_error (error);
      /* A saved capture is never missing; what the kill cut short is either
       * recovered (files renamed, row not committed) or a removed temp file. */
      g_assert_cmpuint (report->missing->len, ==, 0);
      g_assert_cmpuint (report->unrecorded->len, ==, 0);
      g_assert_cmpuint (report->temp_in_use->len, ==, 0);
      recovered += report->recovered->len;
      temps += report->temp_removed->len;
      again = gp_store_reconcile (store, f->photos, &error);
      g_assert_true (gp_reconcile_report_is_clean (again));
      rows = query_one (f->db, "SELECT count(*) FROM captures");
      g_assert_cmpint (g_ascii_strtoll (rows, NULL, 10), >=, ids->len);
      g_array_set_size (ids, 0);
    }
  g_test_message ("crash test: %u rounds, %u children killed, %u captures reported saved and found, "
                  "%u recovered by reconcile, %u temp files removed",
                  CRASH_ROUNDS, killed, reported, recovered, temps);
  g_assert_cmpuint (reported, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/capture/save/files-and-row", test_save_files_and_row);
  ADD ("/capture/save/unknown-student-leaves-nothing", test_save_unknown_student);
  ADD ("/capture/save/synced-before-commit", test_synced_before_commit);
  ADD ("/capture/save/unsynced-write-is-named", test_unsynced_write_is_named);
  ADD ("/capture/reconcile/each-case", test_reconcile_cases);
  ADD ("/capture/crash/sigkill-rounds", test_crash_sigkill);

  return g_test_run ();
}
