/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Tests for the station database, on real SQLite files in a temp dir. */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "store/gp-store.h"

#include "gp-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gp-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: open must create it. */
  f->path = g_build_filename (f->dir, "station", "station.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GpStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GpStore *store = gp_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static GpStudent *
make_student (const char *student_no,
              const char *name,
              const char *code)
{
  GpStudent *s = gp_student_new ();

  s->student_no = g_strdup (student_no);
  s->name = g_strdup (name);
  s->code = g_strdup (code);
  s->college = g_strdup ("计算机学院");
  s->class_name = g_strdup ("计科2101");
  return s;
}

static gint64
add_student (GpStore    *store,
             const char *student_no,
             const char *name,
             const char *code)
{
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpStudent) found = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (students, make_student (student_no, name, code));
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);
  found = gp_store_find_student_by_no (store, student_no, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found->id;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_open_creates_schema (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (gp_store_get_path (store), ==, f->path);
  g_assert_cmpint (gp_store_count_students (store, &error), ==, 0);
  g_assert_no_error (error);

  gp_test_assert_sql (f->path, "PRAGMA user_version", "4");
  gp_test_assert_sql (f->path, "PRAGMA journal_mode", "wal");
  gp_test_assert_sql (f->path,
              "SELECT group_concat (name, ' ') FROM"
              " (SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name)",
              "audit_log audit_log_default_uid audit_log_student audit_log_uid batches captures"
              " captures_default_uid captures_status captures_status_insert captures_status_update"
              " captures_student captures_uid print_jobs print_jobs_capture print_jobs_default_uid"
              " print_jobs_uid students students_batch students_class students_code");
}

static void
test_open_reopen_keeps_data (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GError) error = NULL;
  gint64 student_id;

  student_id = add_student (store, "2021000001", "赵小明", "GP7K2M9X");
  g_assert_cmpint (gp_store_add_capture (store, student_id, "/p/a.jpg", "/p/b.jpg", "A", &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (f);
  student = gp_store_find_student_by_code (store, "GP7K2M9X", &error);
  g_assert_no_error (error);
  g_assert_nonnull (student);
  g_assert_cmpstr (student->name, ==, "赵小明");
  g_assert_cmpint (gp_store_count_captures (store, student_id, &error), ==, 1);
  g_assert_no_error (error);
  gp_test_assert_sql (f->path, "PRAGMA user_version", "4");
}

static void
test_open_newer_schema_refused (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = NULL;

  add_student (store, "2021000001", "赵小明", NULL);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* Rollback journaling, so that even switching it to WAL would show in the bytes. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 7",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = read_bytes (f->path);

  store = gp_store_open (f->path, &error);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, f->path));

  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_not_a_database (Fixture       *f,
                          gconstpointer  data)
{
  static const char *const contents[] = {
    "学号,姓名\n",
    "This is a text file that somebody saved where the station database should be. "
    "It is long enough to fill a whole SQLite header and then some more text.\n",
  };
  gsize i;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0755), ==, 0);
  for (i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "notes.db", NULL);
      g_autoptr(GpStore) store = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, contents[i], -1, &error);
      g_assert_no_error (error);

      store = gp_store_open (path, &error);
      g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_NOT_A_DATABASE);
      g_assert_null (store);

      after = read_bytes (path);
      g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                       contents[i], strlen (contents[i]));
    }
}

static void
test_student_lookup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GpStudent) by_code = NULL;
  g_autoptr(GpStudent) by_no = NULL;
  g_autoptr(GpStudent) missing = NULL;
  g_autoptr(GpStudent) copy = NULL;
  g_autoptr(GError) error = NULL;

  add_student (store, "2021000001", "赵小明", "GP7K2M9X");
  add_student (store, "2021000002", "钱多多", "GP3H8Q1Z");

  by_code = gp_store_find_student_by_code (store, "GP3H8Q1Z", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_code);
  g_assert_cmpstr (by_code->student_no, ==, "2021000002");
  g_assert_cmpstr (by_code->name, ==, "钱多多");
  g_assert_cmpstr (by_code->college, ==, "计算机学院");
  g_assert_cmpstr (by_code->class_name, ==, "计科2101");
  g_assert_null (by_code->id_last4);

  by_no = gp_store_find_student_by_no (store, "2021000001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_no);
  g_assert_cmpstr (by_no->code, ==, "GP7K2M9X");

  missing = gp_store_find_student_by_code (store, "NOSUCHCODE", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  missing = gp_store_find_student_by_no (store, "2099999999", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  copy = g_boxed_copy (GP_TYPE_STUDENT, by_code);
  g_assert_cmpint (copy->id, ==, by_code->id);
  g_assert_cmpstr (copy->name, ==, by_code->name);
  g_assert_true (copy->name != by_code->name);
}

static void
test_capture_durable_row (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GpCapture) capture = NULL;
  g_autoptr(GpCapture) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 student_id, other_id, first, second;

  student_id = add_student (store, "2021000001", "赵小明", "GP7K2M9X");
  other_id = add_student (store, "2021000002", "钱多多", "GP3H8Q1Z");
  g_assert_cmpint (gp_store_count_captures (store, student_id, &error), ==, 0);

  first = gp_store_add_capture (store, student_id, "/photos/o1.jpg", "/photos/p1.jpg", "station-1", &error);
  g_assert_no_error (error);
  second = gp_store_add_capture (store, student_id, "/photos/o2.jpg", "/photos/p2.jpg", "station-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);
  g_assert_cmpint (gp_store_count_captures (store, student_id, &error), ==, 2);
  g_assert_cmpint (gp_store_count_captures (store, other_id, &error), ==, 0);
  g_assert_no_error (error);

  capture = gp_store_get_capture (store, second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_cmpint (capture->id, ==, second);
  g_assert_cmpint (capture->student_id, ==, student_id);
  g_assert_cmpstr (capture->original_path, ==, "/photos/o2.jpg");
  g_assert_cmpstr (capture->photo_path, ==, "/photos/p2.jpg");
  g_assert_cmpstr (capture->station, ==, "station-1");
  g_assert_cmpstr (capture->status, ==, "captured");
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       capture->created_at, 0, 0));

  missing = gp_store_get_capture (store, second + 100, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* Committed means visible to another connection at once. */
  gp_test_assert_sql (f->path, "SELECT count(*) FROM captures", "2");
}

static void
test_capture_progress (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  gint64 zhao, qian;
  GpStudent *next;

  next = gp_store_find_next_uncaptured (store, &error);
  g_assert_no_error (error);
  g_assert_null (next);

  zhao = add_student (store, "2021000001", "赵小明", "GP7K2M9X");
  qian = add_student (store, "2021000002", "钱多多", "GP3H8Q1Z");
  g_assert_cmpint (gp_store_count_photographed (store, &error), ==, 0);

  next = gp_store_find_next_uncaptured (store, &error);
  g_assert_cmpint (next->id, ==, zhao);
  gp_student_free (next);

  /* Two photos of one student still count as one student photographed. */
  gp_store_add_capture (store, zhao, "/o1.jpg", "/p1.jpg", NULL, &error);
  gp_store_add_capture (store, zhao, "/o2.jpg", "/p2.jpg", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gp_store_count_photographed (store, &error), ==, 1);
  next = gp_store_find_next_uncaptured (store, &error);
  g_assert_cmpint (next->id, ==, qian);
  gp_student_free (next);

  gp_store_add_capture (store, qian, "/o3.jpg", "/p3.jpg", NULL, &error);
  g_assert_cmpint (gp_store_count_photographed (store, &error), ==, 2);
  next = gp_store_find_next_uncaptured (store, &error);
  g_assert_no_error (error);
  g_assert_null (next);
}

static void
test_capture_unknown_student (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gp_store_add_capture (store, 4242, "/o.jpg", "/p.jpg", NULL, &error), ==, -1);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_CONSTRAINT);
  gp_test_assert_sql (f->path, "SELECT count(*) FROM captures", "0");
}

static void
test_print_job_row (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 student_id, capture_id, to_pdf, to_printer;

  student_id = add_student (store, "2021000001", "赵小明", NULL);
  capture_id = gp_store_add_capture (store, student_id, "/o.jpg", "/p.jpg", NULL, &error);
  g_assert_no_error (error);

  to_pdf = gp_store_add_print_job (store, capture_id, NULL, "/sheets/s1.pdf", 0, "saved", &error);
  g_assert_no_error (error);
  to_printer = gp_store_add_print_job (store, capture_id, "DNP_DS620", "/sheets/s2.pdf", 17, "sent", &error);
  g_assert_no_error (error);
  g_assert_cmpint (to_pdf, >, 0);
  g_assert_cmpint (to_printer, >, to_pdf);

  expected = g_strdup_printf ("%" G_GINT64_FORMAT "|NULL|/sheets/s1.pdf|NULL|saved;"
                              "%" G_GINT64_FORMAT "|DNP_DS620|/sheets/s2.pdf|17|sent",
                              capture_id, capture_id);
  gp_test_assert_sql (f->path,
              "SELECT group_concat (capture_id || '|' || ifnull (printer, 'NULL') || '|' || pdf_path"
              " || '|' || ifnull (cups_job_id, 'NULL') || '|' || status, ';')"
              " FROM (SELECT * FROM print_jobs ORDER BY id)",
              expected);

  gp_test_assert_sql (f->path, "SELECT count(DISTINCT uid) FROM print_jobs", "2");

  g_assert_cmpint (gp_store_add_print_job (store, capture_id + 1, NULL, "/x.pdf", 0, "saved", &error), ==, -1);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_CONSTRAINT);
  gp_test_assert_sql (f->path, "SELECT count(*) FROM print_jobs", "2");
}

static void
upsert (GpStore    *store,
        GPtrArray  *students,
        guint       expect_inserted,
        guint       expect_updated)
{
  g_autoptr(GError) error = NULL;
  guint inserted = 99, updated = 99;

  g_assert_true (gp_store_upsert_students (store, students, &inserted, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inserted, ==, expect_inserted);
  g_assert_cmpuint (updated, ==, expect_updated);
}

static void
test_student_upsert_updates (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GpStudent) zhao = NULL;
  g_autoptr(GpStudent) qian = NULL;
  g_autoptr(GpStudent) sun = NULL;
  g_autoptr(GError) error = NULL;
  GpStudent *s;

  g_ptr_array_add (students, make_student ("2021000001", "赵小明", "GP7K2M9X"));
  g_ptr_array_add (students, make_student ("2021000002", "钱多多", "GP3H8Q1Z"));
  upsert (store, students, 2, 0);
  upsert (store, students, 0, 0);

  /* A renamed student, a student with no code in this roster, a new one. */
  s = g_ptr_array_index (students, 0);
  g_free (s->name);
  s->name = g_strdup ("赵晓明");
  s = g_ptr_array_index (students, 1);
  g_clear_pointer (&s->code, g_free);
  g_ptr_array_add (students, make_student ("2021000003", "孙小美", "GP5T4R2W"));
  upsert (store, students, 1, 1);
  g_assert_cmpint (gp_store_count_students (store, &error), ==, 3);

  zhao = gp_store_find_student_by_no (store, "2021000001", &error);
  g_assert_cmpstr (zhao->name, ==, "赵晓明");
  qian = gp_store_find_student_by_no (store, "2021000002", &error);
  g_assert_cmpstr (qian->code, ==, "GP3H8Q1Z");
  g_clear_pointer (&zhao, gp_student_free);
  g_clear_pointer (&qian, gp_student_free);

  /* A code handed to another student moves with the newer roster. */
  g_ptr_array_set_size (students, 0);
  g_ptr_array_add (students, make_student ("2021000003", "孙小美", "GP7K2M9X"));
  upsert (store, students, 0, 1);
  sun = gp_store_find_student_by_code (store, "GP7K2M9X", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sun->student_no, ==, "2021000003");
  zhao = gp_store_find_student_by_no (store, "2021000001", &error);
  g_assert_null (zhao->code);
  g_assert_cmpint (gp_store_count_students (store, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_student_upsert_invalid (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (students, make_student ("2021000001", "赵小明", NULL));
  g_ptr_array_add (students, make_student ("2021000002", "", NULL));
  g_assert_false (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gp_store_count_students (store, &error), ==, 0);
  g_assert_no_error (error);
}

#define CAPTURES_PER_THREAD 150

typedef struct
{
  GpStore    *store;
  gint64      student_id;
  const char *code;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  int i;

  for (i = 0; i < CAPTURES_PER_THREAD; i++)
    {
      g_autoptr(GpStudent) student = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *photo = g_strdup_printf ("/photos/%s-%d.jpg", w->code, i);

      student = gp_store_find_student_by_code (w->store, w->code, &error);
      g_assert_no_error (error);
      g_assert_cmpint (student->id, ==, w->student_id);
      g_assert_cmpint (gp_store_add_capture (w->store, w->student_id, photo, photo, w->code, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpint (gp_store_count_captures (w->store, w->student_id, &error), >, i);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads_concurrent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GpStore) second = NULL;
  g_autoptr(GError) error = NULL;
  Worker workers[3];
  GThread *threads[3];
  gsize i;

  workers[0] = (Worker) { store, add_student (store, "2021000001", "赵小明", "GP7K2M9X"), "GP7K2M9X" };
  workers[1] = (Worker) { store, add_student (store, "2021000002", "钱多多", "GP3H8Q1Z"), "GP3H8Q1Z" };
  /* A second connection, as a second process would have, waits on SQLite's lock. */
  second = open_store (f);
  workers[2] = (Worker) { second, add_student (second, "2021000003", "孙小美", "GP5T4R2W"), "GP5T4R2W" };

  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    threads[i] = g_thread_new ("store-worker", worker_run, &workers[i]);
  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    g_thread_join (threads[i]);

  for (i = 0; i < G_N_ELEMENTS (workers); i++)
    g_assert_cmpint (gp_store_count_captures (store, workers[i].student_id, &error), ==, CAPTURES_PER_THREAD);
  g_assert_no_error (error);
  gp_test_assert_sql (f->path, "SELECT count(DISTINCT photo_path) FROM captures", "450");
}

/* A v1 database as the first GradPhoto wrote it, migrated in place. */
static void
test_open_migrates_v1 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GpCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE students (id INTEGER PRIMARY KEY, student_no TEXT NOT NULL UNIQUE,"
                                 " name TEXT NOT NULL, code TEXT, college TEXT, class_name TEXT, id_last4 TEXT,"
                                 " updated_at TEXT NOT NULL DEFAULT 'x');"
                                 "CREATE UNIQUE INDEX students_code ON students (code);"
                                 "CREATE TABLE captures (id INTEGER PRIMARY KEY,"
                                 " student_id INTEGER NOT NULL REFERENCES students (id),"
                                 " original_path TEXT NOT NULL, photo_path TEXT NOT NULL, station TEXT,"
                                 " created_at TEXT NOT NULL DEFAULT 'x', status TEXT NOT NULL DEFAULT 'captured');"
                                 "CREATE INDEX captures_student ON captures (student_id);"
                                 "CREATE TABLE print_jobs (id INTEGER PRIMARY KEY,"
                                 " capture_id INTEGER NOT NULL REFERENCES captures (id), printer TEXT,"
                                 " pdf_path TEXT NOT NULL, cups_job_id INTEGER, status TEXT NOT NULL,"
                                 " created_at TEXT NOT NULL DEFAULT 'x');"
                                 "CREATE INDEX print_jobs_capture ON print_jobs (capture_id);"
                                 "INSERT INTO students (student_no, name, code) VALUES ('2021000001', '赵小明', 'GP7K2M9X');"
                                 "INSERT INTO captures (student_id, original_path, photo_path) VALUES (1, '/a-o.jpg', '/a.jpg');"
                                 "INSERT INTO captures (student_id, original_path, photo_path) VALUES (1, '/b-o.jpg', '/b.jpg');"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = open_store (f);
  gp_test_assert_sql (f->path, "PRAGMA user_version", "4");
  gp_test_assert_sql (f->path, "SELECT group_concat (batch_id) FROM students", "1");
  gp_test_assert_sql (f->path, "SELECT name FROM batches WHERE id = 1", "default");
  gp_test_assert_sql (f->path, "SELECT group_concat (retake) FROM captures", "0,1");
  gp_test_assert_sql (f->path, "SELECT count(DISTINCT uid) FROM captures", "2");
  gp_test_assert_sql (f->path, "SELECT count(*) FROM pragma_foreign_key_check", "0");
  student = gp_store_find_student_by_code (store, "GP7K2M9X", &error);
  g_assert_nonnull (student);
  g_assert_cmpint (student->batch_id, ==, 1);
  capture = gp_store_find_latest_capture (store, student->id, &error);
  g_assert_cmpstr (capture->photo_path, ==, "/b.jpg");
  g_assert_cmpstr (capture->status, ==, "captured");
}

/* captured → approved (checks or override) → printed → exported; rejected. */
static void
test_capture_workflow (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCapture) chosen = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  int counts[GP_N_CAPTURE_STATUSES];
  gint64 student_id, first, second;

  student_id = add_student (store, "2021000001", "赵小明", "GP7K2M9X");
  first = gp_store_add_capture (store, student_id, "/p/1-o.jpg", "/p/1.jpg", "A", &error);
  second = gp_store_add_capture (store, student_id, "/p/2-o.jpg", "/p/2.jpg", "A", &error);
  g_assert_no_error (error);

  /* No checks passed: approving needs a reason; printing needs approval. */
  g_assert_false (gp_store_set_capture_status (store, first, GP_CAPTURE_APPROVED, NULL, "staff", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gp_store_set_capture_status (store, first, GP_CAPTURE_PRINTED, NULL, "staff", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gp_store_set_capture_status (store, first, GP_CAPTURE_REJECTED, NULL, "staff", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gp_store_set_capture_status (store, first, GP_CAPTURE_APPROVED, "studio photo, checked by eye",
                                              "staff", &error));
  g_assert_true (gp_store_set_capture_status (store, second, GP_CAPTURE_APPROVED, "better light", "staff", &error));
  chosen = gp_store_find_chosen_capture (store, student_id, &error);
  g_assert_cmpint (chosen->id, ==, second);
  g_clear_pointer (&chosen, gp_capture_free);
  g_assert_true (gp_store_set_capture_status (store, second, GP_CAPTURE_PRINTED, NULL, "staff", &error));
  g_assert_true (gp_store_set_capture_status (store, second, GP_CAPTURE_EXPORTED, NULL, "staff", &error));
  /* Rejecting the chosen one falls back to the other approved capture. */
  g_assert_true (gp_store_set_capture_status (store, second, GP_CAPTURE_REJECTED, "eyes closed", "staff", &error));
  g_assert_no_error (error);
  chosen = gp_store_find_chosen_capture (store, student_id, &error);
  g_assert_cmpint (chosen->id, ==, first);
  g_assert_false (gp_store_set_capture_status (store, 424242, GP_CAPTURE_APPROVED, "x", "staff", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  history = gp_store_list_captures (store, student_id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((GpCapture *) g_ptr_array_index (history, 1))->status_reason, ==, "eyes closed");
  g_assert_true (gp_store_count_statuses (store, counts, &error));
  g_assert_cmpint (counts[GP_CAPTURE_APPROVED], ==, 1);
  g_assert_cmpint (counts[GP_CAPTURE_REJECTED], ==, 1);
  classes = gp_store_count_classes (store, &error);
  g_assert_cmpuint (classes->len, ==, 1);
  g_assert_cmpint (((GpClassCount *) g_ptr_array_index (classes, 0))->approved, ==, 1);
  gp_test_assert_sql (f->path, "SELECT group_concat (action, ' ') FROM (SELECT action FROM audit_log ORDER BY id)",
              "override-approve override-approve printed exported rejected");
  /* An unknown status never reaches the table. */
  g_assert_cmpint (gp_store_add_capture (store, student_id, "/p/3-o.jpg", "/p/3.jpg", "A", &error), >, 0);
  gp_test_assert_sql (f->path, "SELECT count(*) FROM captures WHERE status NOT IN"
              " ('captured', 'approved', 'printed', 'exported', 'rejected', 'missing')", "0");
}

/* A capture of a new student, approved by staff when @approve. */
static gint64
add_capture_of (GpStore    *store,
                const char *student_no,
                const char *name,
                gboolean    approve)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = g_strdup_printf ("/p/%s.jpg", student_no);
  gint64 student_id = add_student (store, student_no, name, NULL);
  gint64 id = gp_store_add_capture (store, student_id, photo, photo, "A", &error);

  g_assert_no_error (error);
  if (approve)
    g_assert_true (gp_store_set_capture_status (store, id, GP_CAPTURE_APPROVED, "checked by eye", "staff", &error));
  g_assert_no_error (error);
  return id;
}

static void
assert_status (GpStore    *store,
               gint64      capture_id,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCapture) capture = gp_store_get_capture (store, capture_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_cmpstr (capture->status, ==, expected);
}

static int
set_job (GpStore    *store,
         int         cups_job_id,
         const char *status)
{
  g_autoptr(GError) error = NULL;
  int changed = gp_store_set_print_job_status (store, "GradPhotoTest", cups_job_id, status, &error);

  g_assert_no_error (error);
  return changed;
}

#define AUDIT_ACTIONS "SELECT group_concat (action, ' ') FROM (SELECT action FROM audit_log ORDER BY id)"

/* A CUPS job moves its approved photos to printed once, when it completes;
 * a photo on the same class sheet that is not approved keeps its status. */
static void
test_print_completed_job_marks_printed (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCapture) chosen = NULL;
  g_autofree char *detail = NULL;
  int counts[GP_N_CAPTURE_STATUSES];
  gint64 zhao, qian, job;

  zhao = add_capture_of (store, "2021000001", "赵小明", TRUE);
  qian = add_capture_of (store, "2021000002", "钱多多", FALSE);
  /* A class sheet: one CUPS job, a row per photo. */
  job = gp_store_add_print_job (store, zhao, "GradPhotoTest", "/sheets/class.pdf", 17, "pending", &error);
  g_assert_cmpint (gp_store_add_print_job (store, qian, "GradPhotoTest", "/sheets/class.pdf", 17, "pending", &error),
                   >, job);
  g_assert_no_error (error);
  assert_status (store, zhao, "approved");

  g_assert_cmpint (set_job (store, 17, "processing"), ==, 2);
  assert_status (store, zhao, "approved");
  g_assert_cmpint (set_job (store, 17, "completed"), ==, 2);
  assert_status (store, zhao, "printed");
  assert_status (store, qian, "captured");
  detail = g_strdup_printf ("print job %" G_GINT64_FORMAT ": GradPhotoTest job 17", job);
  gp_test_assert_sql (f->path, "SELECT detail FROM audit_log WHERE action = 'printed'", detail);
  gp_test_assert_sql (f->path, "SELECT actor FROM audit_log WHERE action = 'printed'", "print");
  gp_test_assert_sql (f->path, "SELECT detail LIKE '%stays captured, not approved' FROM audit_log"
              " WHERE action = 'print-completed'", "1");

  /* Told again, or told something else once it is over: nothing moves. */
  g_assert_cmpint (set_job (store, 17, "completed"), ==, 0);
  g_assert_cmpint (set_job (store, 17, "canceled"), ==, 0);
  g_assert_cmpint (set_job (store, 99, "completed"), ==, 0);
  gp_test_assert_sql (f->path, "SELECT group_concat (DISTINCT status) FROM print_jobs", "completed");
  gp_test_assert_sql (f->path, AUDIT_ACTIONS, "override-approve printed print-completed");

  g_assert_true (gp_store_count_statuses (store, counts, &error));
  g_assert_cmpint (counts[GP_CAPTURE_PRINTED], ==, 1);
  g_assert_cmpint (counts[GP_CAPTURE_CAPTURED], ==, 1);
  g_assert_cmpint (counts[GP_CAPTURE_APPROVED], ==, 0);
  /* A printed photo is still the student's chosen one. */
  chosen = gp_store_find_chosen_capture (store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chosen);
  g_assert_cmpint (chosen->id, ==, zhao);
}

/* No printer set: the sheet written as PDF is the print; a PDF asked for
 * instead of printing is not. A cancelled job prints nothing. */
static void
test_print_written_sheet_marks_printed (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  gint64 zhao, qian, sun;

  zhao = add_capture_of (store, "2021000001", "赵小明", TRUE);
  qian = add_capture_of (store, "2021000002", "钱多多", TRUE);
  sun = add_capture_of (store, "2021000003", "孙小美", TRUE);
  g_assert_cmpint (gp_store_add_print_job (store, zhao, NULL, "/sheets/1.pdf", 0, GP_PRINT_JOB_STATUS_WRITTEN,
                                           &error), >, 0);
  g_assert_cmpint (gp_store_add_print_job (store, qian, NULL, "/tmp/preview.pdf", 0, GP_PRINT_JOB_STATUS_SAVED,
                                           &error), >, 0);
  g_assert_cmpint (gp_store_add_print_job (store, sun, "GradPhotoTest", "/sheets/3.pdf", 21, "pending",
                                           &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (set_job (store, 21, GP_PRINT_JOB_STATUS_CANCELED), ==, 1);

  assert_status (store, zhao, "printed");
  assert_status (store, qian, "approved");
  assert_status (store, sun, "approved");
  gp_test_assert_sql (f->path, "SELECT actor || ' ' || detail FROM audit_log WHERE action = 'printed'",
              "print print job 1: /sheets/1.pdf");

  g_assert_true (gp_print_job_status_is_done ("completed"));
  g_assert_true (gp_print_job_status_is_done ("written"));
  g_assert_false (gp_print_job_status_is_done ("saved"));
  g_assert_false (gp_print_job_status_is_done ("processing"));
  g_assert_true (gp_print_job_status_is_over ("saved"));
  g_assert_true (gp_print_job_status_is_over ("aborted"));
  g_assert_false (gp_print_job_status_is_over ("held"));
  g_assert_false (gp_print_job_status_is_over ("submitted"));
}

/* Printing again keeps printed; exported stays exported. */
static void
test_print_again_keeps_status (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  gint64 zhao;

  zhao = add_capture_of (store, "2021000001", "赵小明", TRUE);
  gp_store_add_print_job (store, zhao, NULL, "/sheets/1.pdf", 0, GP_PRINT_JOB_STATUS_WRITTEN, &error);
  gp_store_add_print_job (store, zhao, "GradPhotoTest", "/sheets/1.pdf", 30, GP_PRINT_JOB_STATUS_COMPLETED, &error);
  g_assert_no_error (error);
  assert_status (store, zhao, "printed");

  g_assert_true (gp_store_set_capture_status (store, zhao, GP_CAPTURE_EXPORTED, NULL, "staff", &error));
  gp_store_add_print_job (store, zhao, "GradPhotoTest", "/sheets/1.pdf", 31, "processing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (set_job (store, 31, "completed"), ==, 1);
  assert_status (store, zhao, "exported");
  gp_test_assert_sql (f->path, AUDIT_ACTIONS, "override-approve printed print-completed exported print-completed");
  gp_test_assert_sql (f->path, "SELECT group_concat (substr (detail, instr (detail, ';') + 2), '|') FROM"
              " (SELECT detail FROM audit_log WHERE action = 'print-completed' ORDER BY id)",
              "stays printed|stays exported");
}

/* The kiosk prints before review: a photo that failed its checks keeps its
 * status when printed, and becomes printed once staff approve it. */
static void
test_print_approving_printed_capture (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCapture) chosen = NULL;
  gint64 zhao, qian;

  zhao = add_capture_of (store, "2021000001", "赵小明", FALSE);
  qian = add_capture_of (store, "2021000002", "钱多多", FALSE);
  gp_store_add_print_job (store, zhao, NULL, "/sheets/1.pdf", 0, GP_PRINT_JOB_STATUS_WRITTEN, &error);
  gp_store_add_print_job (store, qian, NULL, "/tmp/1.pdf", 0, GP_PRINT_JOB_STATUS_SAVED, &error);
  g_assert_no_error (error);
  assert_status (store, zhao, "captured");

  g_assert_true (gp_store_set_capture_status (store, zhao, GP_CAPTURE_APPROVED, "looked fine", "staff", &error));
  g_assert_true (gp_store_set_capture_status (store, qian, GP_CAPTURE_APPROVED, "looked fine", "staff", &error));
  g_assert_no_error (error);
  assert_status (store, zhao, "printed");
  assert_status (store, qian, "approved");
  gp_test_assert_sql (f->path, AUDIT_ACTIONS, "print-completed override-approve printed override-approve");
  gp_test_assert_sql (f->path, "SELECT actor FROM audit_log WHERE action = 'printed'", "staff");
  chosen = gp_store_find_chosen_capture (store, 1, &error);
  g_assert_nonnull (chosen);
  g_assert_cmpint (chosen->id, ==, zhao);
}

/* What a sheet shows: the approved photo, else the latest not rejected. */
static void
test_print_printable_capture (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  GpCapture *found;
  gint64 student_id, first, second, third;

  student_id = add_student (store, "2021000001", "赵小明", NULL);
  first = gp_store_add_capture (store, student_id, "/p/1.jpg", "/p/1.jpg", "A", &error);
  second = gp_store_add_capture (store, student_id, "/p/2.jpg", "/p/2.jpg", "A", &error);
  g_assert_no_error (error);
  g_assert_true (gp_store_set_capture_status (store, second, GP_CAPTURE_REJECTED, "eyes closed", "staff", &error));

  found = gp_store_find_printable_capture (store, student_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, first);
  gp_capture_free (found);
  photos = gp_store_list_class_photos (store, "计科2101", &error);
  g_assert_cmpint (((GpClassPhoto *) g_ptr_array_index (photos, 0))->capture_id, ==, first);
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* An approved photo wins over a later one not reviewed yet. */
  g_assert_true (gp_store_set_capture_status (store, first, GP_CAPTURE_APPROVED, "ok", "staff", &error));
  third = gp_store_add_capture (store, student_id, "/p/3.jpg", "/p/3.jpg", "A", &error);
  found = gp_store_find_printable_capture (store, student_id, &error);
  g_assert_cmpint (found->id, ==, first);
  gp_capture_free (found);

  g_assert_true (gp_store_set_capture_status (store, first, GP_CAPTURE_REJECTED, "blurred", "staff", &error));
  g_assert_true (gp_store_set_capture_status (store, third, GP_CAPTURE_REJECTED, "blurred", "staff", &error));
  g_assert_no_error (error);
  found = gp_store_find_printable_capture (store, student_id, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  photos = gp_store_list_class_photos (store, "计科2101", &error);
  g_assert_cmpint (((GpClassPhoto *) g_ptr_array_index (photos, 0))->capture_id, ==, 0);
  g_assert_null (((GpClassPhoto *) g_ptr_array_index (photos, 0))->photo_path);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_bytes (from);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (to);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Two copies of one v2 database, upgraded apart, give each older print
 * job and audit entry the same uid, so merging both copies adds each once. */
static void
test_open_migrates_v2_stable_uids (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GpStore) first = NULL;
  g_autoptr(GpStore) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_a = g_build_filename (f->dir, "a", "station.db", NULL);
  g_autofree char *copy_b = g_build_filename (f->dir, "b", "station.db", NULL);
  g_autofree char *uids_a = NULL;
  g_autofree char *uids_b = NULL;
  /* The first four rows, in the order they were written. */
  const char *uids = "SELECT group_concat (uid, ' ') FROM"
                     " (SELECT uid, 0 AS t, id FROM print_jobs UNION ALL SELECT uid, 1, id FROM audit_log"
                     "  ORDER BY t, id LIMIT 4)";
  sqlite3 *db = NULL;
  gint64 zhao, qian;

  zhao = add_capture_of (store, "2021000001", "赵小明", TRUE);
  qian = add_capture_of (store, "2021000002", "钱多多", TRUE);
  gp_store_add_print_job (store, zhao, "GradPhotoTest", "/sheets/1.pdf", 5, "pending", &error);
  gp_store_add_print_job (store, qian, "GradPhotoTest", "/sheets/1.pdf", 5, "pending", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Back to v2 as GradPhoto wrote it: no uid on print_jobs or audit_log, no walk_in. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA journal_mode = DELETE;"
                                 "DROP TRIGGER print_jobs_default_uid; DROP INDEX print_jobs_uid;"
                                 "ALTER TABLE print_jobs DROP COLUMN uid;"
                                 "DROP TRIGGER audit_log_default_uid; DROP INDEX audit_log_uid;"
                                 "ALTER TABLE audit_log DROP COLUMN uid;"
                                 "ALTER TABLE students DROP COLUMN walk_in;"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  copy_file (f->path, copy_a);
  copy_file (f->path, copy_b);

  first = gp_store_open (copy_a, &error);
  g_assert_no_error (error);
  /* The station goes on working before the second copy is upgraded. */
  g_assert_cmpint (gp_store_set_print_job_status (first, "GradPhotoTest", 5, "completed", &error), ==, 2);
  g_assert_no_error (error);
  second = gp_store_open (copy_b, &error);
  g_assert_no_error (error);

  gp_test_assert_sql (copy_a, "PRAGMA user_version", "4");
  gp_test_assert_sql (copy_a, "SELECT count(*) FROM audit_log", "4");
  gp_test_assert_sql (copy_b, "SELECT count(*) FROM audit_log", "2");
  gp_test_assert_sql (copy_a, "SELECT count(DISTINCT uid) FROM (SELECT uid FROM print_jobs UNION ALL"
              " SELECT uid FROM audit_log)", "6");
  gp_test_assert_sql (copy_a, "SELECT min (length (uid)) || ' ' || max (length (uid)) FROM audit_log", "32 32");
  uids_a = gp_test_sql_value (copy_a, uids);
  uids_b = gp_test_sql_value (copy_b, uids);
  g_assert_nonnull (uids_a);
  g_assert_cmpstr (uids_a, ==, uids_b);
}

/* A long roster import holds the write lock; what is refused meanwhile
 * says to wait, not to close a second kiosk that is not there. */
static void
test_busy_says_wait (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GpStore) store = open_store (f);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GError) error = NULL;
  sqlite3 *writer = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_ptr_array_add (students, make_student ("2021000001", "赵小明", NULL));
  g_assert_false (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "roster import"));
  g_assert_null (strstr (error->message, "Close"));
  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/creates-schema", test_open_creates_schema);
  ADD ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  ADD ("/store/open/newer-schema-refused", test_open_newer_schema_refused);
  ADD ("/store/open/not-a-database", test_open_not_a_database);
  ADD ("/store/student/lookup", test_student_lookup);
  ADD ("/store/student/upsert-updates", test_student_upsert_updates);
  ADD ("/store/student/upsert-invalid", test_student_upsert_invalid);
  ADD ("/store/capture/durable-row", test_capture_durable_row);
  ADD ("/store/capture/unknown-student", test_capture_unknown_student);
  ADD ("/store/capture/progress", test_capture_progress);
  ADD ("/store/print-job/row", test_print_job_row);
  ADD ("/store/threads/concurrent", test_threads_concurrent);
  ADD ("/store/open/migrates-v1", test_open_migrates_v1);
  ADD ("/store/capture/workflow", test_capture_workflow);
  ADD ("/store/open/migrates-v2-stable-uids", test_open_migrates_v2_stable_uids);
  ADD ("/store/print/completed-job-marks-printed", test_print_completed_job_marks_printed);
  ADD ("/store/print/written-sheet-marks-printed", test_print_written_sheet_marks_printed);
  ADD ("/store/print/again-keeps-status", test_print_again_keeps_status);
  ADD ("/store/print/approving-printed-capture", test_print_approving_printed_capture);
  ADD ("/store/print/printable-capture", test_print_printable_capture);
  ADD ("/store/busy/says-wait", test_busy_says_wait);

  return g_test_run ();
}
