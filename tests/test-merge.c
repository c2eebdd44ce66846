/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Merging a station database that may be crafted or broken: the source is
 * only read, only the station's own JPEGs are copied, and a merge that
 * fails leaves nothing behind. */
#define G_LOG_DOMAIN "test-merge"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "store/gp-merge.h"
#include "store/gp-store.h"

#include "gp-test-util.h"

#define JPEG "\xFF\xD8\xFF\xE0"

typedef struct
{
  char    *dir;
  char    *station;      /* the station's data dir */
  char    *station_db;
  char    *main_db;
  char    *main_photos;
  GpStore *main_store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gp-merge-XXXXXX", &error);
  g_assert_no_error (error);
  f->station = g_build_filename (f->dir, "station", NULL);
  f->station_db = g_build_filename (f->station, "station.db", NULL);
  f->main_db = g_build_filename (f->dir, "main", "station.db", NULL);
  f->main_photos = g_build_filename (f->dir, "main", "photos", NULL);
  f->main_store = gp_store_open (f->main_db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->main_store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->station);
  g_free (f->station_db);
  g_free (f->main_db);
  g_free (f->main_photos);
}

/* A station with three students on its roster and one photo of each
 * student number in @photographed; closed again. */
static void
make_station (Fixture            *f,
              const char * const *photographed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = gp_store_open (f->station_db, &error);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autofree char *photos = g_build_filename (f->station, "photos", NULL);
  static const char * const roster[][2] = {
    { "2021000001", "赵小明" }, { "2021000002", "钱多多" }, { "2021000003", "孙小美" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (roster); i++)
    {
      GpStudent *s = gp_student_new ();

      s->student_no = g_strdup (roster[i][0]);
      s->name = g_strdup (roster[i][1]);
      g_ptr_array_add (students, s);
    }
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; photographed[i] != NULL; i++)
    gp_test_capture (store, photos, photographed[i], "station", photographed[i]);
}

static void
station_sql (Fixture    *f,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->station_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Every regular file below @dir but the database's, relative to it, sorted
 * and joined by spaces. */
static char *
list_files (const char *dir)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sh", "-c",
                         "cd \"$1\" && find . -type f ! -name 'station.db*' | LC_ALL=C sort | tr '\\n' ' '",
                         "sh", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (g_strstrip (out));
}

/* A v2 station database stays v2, byte for byte: it is upgraded in memory. */
static void
test_source_left_unchanged (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const photographed[] = { "2021000001", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpMergeReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  make_station (f, photographed);
  station_sql (f, "PRAGMA journal_mode = DELETE;"
                  "DROP TRIGGER print_jobs_default_uid; DROP INDEX print_jobs_uid;"
                  "ALTER TABLE print_jobs DROP COLUMN uid;"
                  "DROP TRIGGER audit_log_default_uid; DROP INDEX audit_log_uid;"
                  "ALTER TABLE audit_log DROP COLUMN uid;"
                  "ALTER TABLE students DROP COLUMN walk_in;"
                  "PRAGMA user_version = 2;");
  g_assert_true (g_file_get_contents (f->station_db, &before, &before_length, NULL));

  report = gp_store_merge (f->main_store, f->station_db, f->main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->captures_added, ==, 1);

  g_assert_true (g_file_get_contents (f->station_db, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  gp_test_assert_sql (f->station_db, "PRAGMA user_version", "2");
}

/* An empty file named as a source stays empty instead of becoming a database. */
static void
test_source_empty_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
  GStatBuf st;

  write_file (path, "");
  g_assert_null (gp_store_merge (f->main_store, path, f->main_photos, &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NOT_A_DATABASE);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  /* Not a database at all: the same refusal, not "move it away". */
  g_clear_error (&error);
  write_file (path, "student_no,name\n2021000001,赵小明\n");
  g_assert_null (gp_store_merge (f->main_store, path, f->main_photos, &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NOT_A_DATABASE);
}

/* Rows naming files elsewhere (a secret, a symlink out of photos/, a ".."
 * path) or files that are no JPEG are listed as problems and copied nowhere. */
static void
test_files_only_own_jpegs (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const photographed[] = { "2021000001", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpMergeReport) report = NULL;
  g_autofree char *secret = g_build_filename (f->dir, "secret", "2021000002", "key.jpg", NULL);
  g_autofree char *link = g_build_filename (f->station, "photos", "2021000003", "link.jpg", NULL);
  g_autofree char *text = g_build_filename (f->station, "photos", "2021000003", "notes.jpg", NULL);
  g_autofree char *above = g_build_filename (f->station, "photos", "x.jpg", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *main_dir = g_path_get_dirname (f->main_db);
  g_autofree char *files = NULL;

  make_station (f, photographed);
  write_file (secret, JPEG "secret");
  write_file (text, "not a photo");
  write_file (above, JPEG "above");
  g_assert_cmpint (symlink (secret, link), ==, 0);
  sql = g_strdup_printf ("INSERT INTO captures (student_id, original_path, photo_path, station)"
                         " VALUES (2, '%1$s', '%1$s', 'x'), (3, '%2$s', '%2$s', 'x'), (3, '%3$s', '%3$s', 'x'),"
                         "        (1, '%4$s/photos/2021000001/../x.jpg', '%4$s/photos/2021000001/../x.jpg', 'x')",
                         secret, link, text, f->station);
  station_sql (f, sql);

  report = gp_store_merge (f->main_store, f->station_db, f->main_photos, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->captures_added, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 4);
  files = list_files (main_dir);
  g_test_message ("%s", files);
  g_assert_true (g_regex_match_simple ("^\\./photos/2021000001/2021000001-[^/ ]+-original\\.jpg "
                                       "\\./photos/2021000001/2021000001-[^/ ]+\\.jpg$",
                                       files, 0, 0));
}

/* A merge that fails halfway removes the photos it had copied, so a later
 * reconcile does not take them for lost captures, and merging again after
 * the cause is fixed gives one row per photo. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const photographed[] = { "2021000001", "2021000002", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpMergeReport) report = NULL;
  g_autofree char *blocker = g_build_filename (f->main_photos, "2021000002", NULL);
  g_autofree char *files = NULL;

  make_station (f, photographed);
  /* Student 1's photo is copied first; student 2's folder cannot be made. */
  station_sql (f, "UPDATE captures SET created_at = '2026-01-01T08:00:00Z' WHERE student_id = 1;"
                  "UPDATE captures SET created_at = '2026-01-01T09:00:00Z' WHERE student_id = 2;");
  write_file (blocker, "in the way");

  g_assert_null (gp_store_merge (f->main_store, f->station_db, f->main_photos, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  files = list_files (f->main_photos);
  g_assert_cmpstr (files, ==, "./2021000002");
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM captures", "0");

  g_clear_error (&error);
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  report = gp_store_merge (f->main_store, f->station_db, f->main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->captures_added, ==, 2);
  gp_test_assert_sql (f->main_db, "SELECT count(*) || ' ' || count(DISTINCT photo_path) FROM captures", "2 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/merge/source/left-unchanged", test_source_left_unchanged);
  ADD ("/merge/source/empty-refused", test_source_empty_refused);
  ADD ("/merge/files/only-own-jpegs", test_files_only_own_jpegs);
  ADD ("/merge/all-or-nothing", test_all_or_nothing);

  return g_test_run ();
}
