/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Export, report and merge (issue 5), on real databases in a temp dir. */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#define _GNU_SOURCE 1
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <zip.h>

#include "store/gp-capture-save.h"
#include "store/gp-export.h"
#include "store/gp-merge.h"
#include "store/gp-report.h"
#include "store/gp-store.h"
#include "store/gp-xlsx.h"

#include "gp-test-util.h"

typedef struct
{
  char    *dir;
  GpStore *store;      /* station a's */
  /* Two rooms' stations and the main database they are merged into. */
  char    *station_a, *station_b, *db_a, *db_b, *main_db, *main_photos;
} Fixture;

static const struct
{
  const char *no, *name, *college, *class_name;
} roster[] = {
  { "2021000001", "赵小明", "计算机学院", "计科2101" },
  { "2021000002", "钱多多", "计算机学院", "计科2101" },
  { "2021000003", "孙小美", "理学院", "数学2101" },
};

static GpStore *
open_station (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, "station.db", NULL);
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  GpStore *store = gp_store_open (path, &error);
  gsize i;

  g_assert_no_error (error);
  for (i = 0; i < G_N_ELEMENTS (roster); i++)
    {
      GpStudent *s = gp_student_new ();

      s->student_no = g_strdup (roster[i].no);
      s->name = g_strdup (roster[i].name);
      s->college = g_strdup (roster[i].college);
      s->class_name = g_strdup (roster[i].class_name);
      g_ptr_array_add (students, s);
    }
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gp-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_station (f->dir, "a");
  f->station_a = g_build_filename (f->dir, "a", NULL);
  f->station_b = g_build_filename (f->dir, "b", NULL);
  f->db_a = g_build_filename (f->station_a, "station.db", NULL);
  f->db_b = g_build_filename (f->station_b, "station.db", NULL);
  f->main_db = g_build_filename (f->dir, "main", "main.db", NULL);
  f->main_photos = g_build_filename (f->dir, "main", "photos", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->station_a);
  g_free (f->station_b);
  g_free (f->db_a);
  g_free (f->db_b);
  g_free (f->main_db);
  g_free (f->main_photos);
}

/* Photos start like a JPEG: merge copies nothing else. */
#define JPEG "\xFF\xD8\xFF"

/* A capture of @no at @store's station, approved when @approve. */
static gint64
capture (GpStore     *store,
         const char  *station_dir,
         const char  *no,
         const char  *bytes,
         gboolean     approve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (store, no, &error);
  g_autofree char *jpeg = g_strconcat (JPEG, bytes, NULL);
  g_autoptr(GBytes) photo = g_bytes_new (jpeg, strlen (jpeg));
  g_autofree char *photos = g_build_filename (station_dir, "photos", NULL);
  g_autofree char *station = g_path_get_basename (station_dir);
  GpCaptureRequest request = { student->id, no, photo, photo, approve ? "{\"passed\": true}" : NULL,
                               station, NULL };
  gint64 id = gp_capture_save (store, photos, &request, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static GpMergeReport *
merge (GpStore    *main_store,
       const char *station_db,
       const char *photos)
{
  g_autoptr(GError) error = NULL;
  GpMergeReport *report = gp_store_merge (main_store, station_db, photos, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_export_naming_and_no_overwrite (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *station = g_build_filename (f->dir, "a", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *first = g_build_filename (out, "计科2101", "2021000001-赵小明.jpg", NULL);
  g_autofree char *second = g_build_filename (out, "计科2101", "2021000002-钱多多.jpg", NULL);
  g_autofree char *second_dir = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GpExportReport) report = NULL;
  g_autoptr(GpExportReport) again = NULL;
  g_autoptr(GpExportReport) bad = NULL;
  g_autoptr(GpCapture) exported = NULL;
  gint64 id;

  id = capture (f->store, station, "2021000001", "photo-one", TRUE);
  capture (f->store, station, "2021000002", "photo-two", TRUE);
  capture (f->store, station, "2021000003", "photo-three", FALSE);  /* not approved: not exported */

  /* A different file already under a name is kept and listed. */
  second_dir = g_path_get_dirname (second);
  g_mkdir_with_parents (second_dir, 0755);
  g_file_set_contents (second, "someone else's file", -1, &error);
  report = gp_export_run (f->store, out, "{class}/{student_no}-{name}.jpg", FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->exported, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->conflicts, 0), "2021000002-钱多多.jpg"));
  text = read_text (second);
  g_assert_cmpstr (text, ==, "someone else's file");
  g_clear_pointer (&text, g_free);
  text = read_text (first);
  g_assert_cmpstr (text, ==, JPEG "photo-one");
  manifest = read_text (report->manifest);
  g_assert_true (g_str_has_prefix (manifest, "\xEF\xBB\xBF" "file,student_no,name"));
  g_assert_nonnull (strstr (manifest, "计科2101/2021000001-赵小明.jpg,2021000001,赵小明"));
  g_assert_null (strstr (manifest, "2021000003"));
  exported = gp_store_get_capture (f->store, id, &error);
  g_assert_cmpstr (exported->status, ==, "exported");

  /* Again: the same file is "unchanged", nothing is rewritten. */
  again = gp_export_run (f->store, out, "{class}/{student_no}-{name}.jpg", FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->exported, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 1);

  /* An unknown field or a name leaving the folder fails before writing. */
  bad = gp_export_run (f->store, out, "{nickname}.jpg", FALSE, "staff", &error);
  g_assert_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE);
  g_assert_null (bad);
  g_clear_error (&error);
  g_assert_null (gp_export_run (f->store, out, "../{student_no}.jpg", FALSE, "staff", &error));
  g_assert_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE);
}

/* Every entry of the zip archive at @path, by name, read with libzip. */
static GHashTable *
read_zip (const char *path)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  int status = 0;
  zip_t *archive = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &status);

  g_assert_nonnull (archive);
  for (zip_int64_t i = 0; i < zip_get_num_entries (archive, 0); i++)
    {
      zip_stat_t stat;
      zip_file_t *file;
      guint8 *data;

      g_assert_cmpint (zip_stat_index (archive, (zip_uint64_t) i, 0, &stat), ==, 0);
      data = g_malloc (stat.size + 1);
      file = zip_fopen_index (archive, (zip_uint64_t) i, 0);
      g_assert_nonnull (file);
      g_assert_cmpint (zip_fread (file, data, stat.size), ==, (zip_int64_t) stat.size);
      zip_fclose (file);
      g_hash_table_insert (entries, g_strdup (stat.name), g_bytes_new_take (data, stat.size));
    }
  zip_discard (archive);
  return entries;
}

static void
test_export_zip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *station = g_build_filename (f->dir, "a", NULL);
  g_autofree char *out = g_build_filename (f->dir, "zip", NULL);
  g_autoptr(GpExportReport) report = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *loose = NULL;
  g_autoptr(GHashTable) archive_entries = NULL;
  GBytes *photo, *manifest;
  gsize length;

  capture (f->store, station, "2021000001", "photo-one", TRUE);
  report = gp_export_run (f->store, out, NULL, TRUE, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->exported, ==, 1);
  g_assert_true (g_file_get_contents (report->zip, &contents, &length, NULL));
  g_assert_cmpmem (contents, 4, "PK\003\004", 4);
  /* Read back as an archive: the photo's own bytes and a manifest naming it. */
  archive_entries = read_zip (report->zip);
  g_assert_cmpuint (g_hash_table_size (archive_entries), ==, 2);
  photo = g_hash_table_lookup (archive_entries, "2021000001.jpg");
  g_assert_nonnull (photo);
  g_assert_cmpmem (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo), JPEG "photo-one", strlen (JPEG "photo-one"));
  manifest = g_hash_table_lookup (archive_entries, "manifest.csv");
  g_assert_nonnull (manifest);
  g_assert_nonnull (memmem (g_bytes_get_data (manifest, NULL), g_bytes_get_size (manifest), "\n2021000001.jpg,2021000001,", 27));
  loose = g_build_filename (out, "2021000001.jpg", NULL);
  g_assert_false (g_file_test (loose, G_FILE_TEST_EXISTS));

  /* An existing archive is never replaced. */
  g_assert_null (gp_export_run (f->store, out, NULL, TRUE, "staff", &error));
  g_assert_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_EXISTS);
}

static void
test_report_csv_and_xlsx (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *station = g_build_filename (f->dir, "a", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autofree char *workbook = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *done, *review, *not_yet;
  gsize length;

  capture (f->store, station, "2021000001", "photo-one", TRUE);
  capture (f->store, station, "2021000002", "photo-two", FALSE);

  g_assert_true (gp_report_write (f->store, csv, &error));
  g_assert_no_error (error);
  text = read_text (csv);
  /* Per class: students, done, to review, call back, not yet, walk-ins. */
  g_assert_nonnull (strstr (text, "计算机学院,计科2101,2,1,1,0,0,0\r\n"));
  g_assert_nonnull (strstr (text, "理学院,数学2101,1,0,0,0,1,0\r\n"));
  /* Then a list per state, in that order. */
  done = strstr (text, "\r\nDone\r\n");
  review = strstr (text, "\r\nTo review\r\n");
  not_yet = strstr (text, "\r\nNot photographed yet\r\n");
  g_assert_true (done != NULL && review > done && not_yet > review);
  g_assert_true (strstr (text, "2021000001,赵小明,计算机学院,计科2101,default,,1,") > done);
  g_assert_true (strstr (text, "2021000002,钱多多,计算机学院,计科2101,default,,1,") > review);
  g_assert_true (strstr (text, "2021000003,孙小美,理学院,数学2101,default,,0,,,\r\n") > not_yet);

  g_assert_true (gp_report_write (f->store, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &workbook, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&workbook), length);
  rows = gp_xlsx_read_rows (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Sorted by college: 理学院 before 计算机学院 in code-point order. */
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 1))->cells[1], ==, "数学2101");
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 1))->cells[6], ==, "1");
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 2))->cells[1], ==, "计科2101");
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 2))->cells[2], ==, "2");
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 2))->cells[3], ==, "1");
  g_assert_cmpstr (((GpXlsxRow *) g_ptr_array_index (rows, 2))->cells[4], ==, "1");

  g_assert_false (gp_report_write (f->store, "/tmp/report.pdf", &error));
  g_assert_error (error, GP_REPORT_ERROR, GP_REPORT_ERROR_FORMAT);
}

static void
test_merge_idempotent_with_conflict (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) b = open_station (f->dir, "b");
  g_autoptr(GpStore) main_store = NULL;
  g_autoptr(GpMergeReport) first_a = NULL;
  g_autoptr(GpMergeReport) first_b = NULL;
  g_autoptr(GpMergeReport) again = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GpCapture) chosen = NULL;
  g_autofree char *text = NULL;

  capture (f->store, f->station_a, "2021000001", "a-photo-of-1", TRUE);
  capture (f->store, f->station_a, "2021000003", "a-photo-of-3", FALSE);
  g_usleep (1100 * 1000);  /* the stations' clocks have one-second resolution */
  capture (b, f->station_b, "2021000001", "b-photo-of-1", TRUE);
  g_clear_object (&f->store);
  g_clear_object (&b);

  main_store = gp_store_open (f->main_db, &error);
  g_assert_no_error (error);
  first_a = gp_store_merge (main_store, f->db_a, f->main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first_a->students_added, ==, 3);
  g_assert_cmpuint (first_a->captures_added, ==, 2);
  first_b = gp_store_merge (main_store, f->db_b, f->main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first_b->students_added, ==, 0);
  g_assert_cmpuint (first_b->captures_added, ==, 1);
  g_assert_cmpuint (first_b->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (first_b->conflicts, 0), "2021000001"));

  /* The latest approved capture, station b's, is the chosen one, and its file was copied. */
  student = gp_store_find_student_by_no (main_store, "2021000001", &error);
  chosen = gp_store_find_chosen_capture (main_store, student->id, &error);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (chosen->station, ==, "b");
  g_assert_true (g_str_has_prefix (chosen->photo_path, f->main_photos));
  text = read_text (chosen->photo_path);
  g_assert_cmpstr (text, ==, JPEG "b-photo-of-1");

  /* Merging again changes nothing. */
  again = gp_store_merge (main_store, f->db_a, f->main_photos, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->students_added, ==, 0);
  g_assert_cmpuint (again->captures_added, ==, 0);
  g_assert_cmpuint (again->captures_known, ==, 2);
  g_clear_pointer (&again, gp_merge_report_free);
  again = gp_store_merge (main_store, f->db_b, f->main_photos, &error);
  g_assert_cmpuint (again->captures_added, ==, 0);
  g_assert_cmpint (gp_store_count_captures (main_store, student->id, &error), ==, 2);
}

/* A walk-in stays one through a merge, unless another station has the
 * student on its roster. */
static void
test_merge_keeps_walk_ins (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) b = open_station (f->dir, "b");
  g_autoptr(GpStore) main_store = NULL;
  g_autoptr(GpMergeReport) first = NULL;
  g_autoptr(GpMergeReport) second = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_clear_object (&b);
  g_assert_cmpint (sqlite3_open (f->db_a, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE students SET walk_in = 1 WHERE student_no IN ('2021000002', '2021000003')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (f->db_b, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE students SET walk_in = 1 WHERE student_no = '2021000003'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  main_store = gp_store_open (f->main_db, &error);
  g_assert_no_error (error);
  first = gp_store_merge (main_store, f->db_a, f->main_photos, &error);
  g_assert_no_error (error);
  gp_test_assert_sql (f->main_db, "SELECT group_concat (student_no) FROM students WHERE walk_in = 1",
                      "2021000002,2021000003");
  second = gp_store_merge (main_store, f->db_b, f->main_photos, &error);
  g_assert_no_error (error);
  gp_test_assert_sql (f->main_db, "SELECT group_concat (student_no) FROM students WHERE walk_in = 1", "2021000003");
}

/* Printed photos are exported like approved ones, and stay exported when
 * printed again. */
static void
test_export_takes_printed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *station = g_build_filename (f->dir, "a", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autoptr(GpExportReport) report = NULL;
  g_autoptr(GpCapture) after = NULL;
  int counts[GP_N_CAPTURE_STATUSES];
  gint64 printed, approved;

  printed = capture (f->store, station, "2021000001", "photo-one", TRUE);
  approved = capture (f->store, station, "2021000002", "photo-two", TRUE);
  g_assert_cmpint (gp_store_add_print_job (f->store, printed, NULL, "/sheets/1.pdf", 0,
                                           GP_PRINT_JOB_STATUS_WRITTEN, &error), >, 0);
  g_assert_true (gp_store_count_statuses (f->store, counts, &error));
  g_assert_cmpint (counts[GP_CAPTURE_PRINTED], ==, 1);
  g_assert_cmpint (counts[GP_CAPTURE_APPROVED], ==, 1);

  report = gp_export_run (f->store, out, NULL, FALSE, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->exported, ==, 2);
  g_assert_true (gp_store_count_statuses (f->store, counts, &error));
  g_assert_cmpint (counts[GP_CAPTURE_EXPORTED], ==, 2);
  g_assert_cmpint (counts[GP_CAPTURE_PRINTED], ==, 0);

  g_assert_cmpint (gp_store_add_print_job (f->store, approved, "GradPhotoTest", "/sheets/2.pdf", 8,
                                           GP_PRINT_JOB_STATUS_COMPLETED, &error), >, 0);
  after = gp_store_get_capture (f->store, approved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->status, ==, "exported");
}

/* Print jobs follow their captures to the main database, once; a job's
 * status follows the station's until it is over, and an older copy of the
 * station's database never turns it back. */
static void
test_merge_copies_print_jobs_once (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_dir = g_build_filename (f->dir, "old", NULL);
  g_autofree char *db_old = g_build_filename (old_dir, "station.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GpStore) main_store = NULL;
  g_autoptr(GpMergeReport) report = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  gsize length;
  gint64 zhao, sun;
  guint i;

  zhao = capture (f->store, f->station_a, "2021000001", "a-photo-of-1", TRUE);
  sun = capture (f->store, f->station_a, "2021000003", "a-photo-of-3", FALSE);
  gp_store_add_print_job (f->store, zhao, "GradPhotoTest", "/sheets/class.pdf", 17, "processing", &error);
  gp_store_add_print_job (f->store, sun, "GradPhotoTest", "/sheets/class.pdf", 17, "processing", &error);
  gp_store_add_print_job (f->store, sun, NULL, "/sheets/3.pdf", 0, GP_PRINT_JOB_STATUS_WRITTEN, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  /* A copy taken while the class sheet was still printing. */
  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0755), ==, 0);
  g_assert_true (g_file_get_contents (f->db_a, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (db_old, contents, length, NULL));

  main_store = gp_store_open (f->main_db, &error);
  g_assert_no_error (error);
  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->print_jobs_added, ==, 3);
  g_clear_pointer (&report, gp_merge_report_free);
  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->print_jobs_added, ==, 0);
  g_clear_pointer (&report, gp_merge_report_free);

  jobs = gp_store_list_print_jobs (main_store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 3);
  for (i = 0; i < jobs->len; i++)
    {
      GpPrintJobRecord *job = g_ptr_array_index (jobs, i);
      g_autoptr(GpCapture) merged = gp_store_get_capture (main_store, job->capture_id, &error);

      /* Each points at the main database's copy of its capture. */
      g_assert_nonnull (merged);
      g_assert_true (g_str_has_prefix (merged->photo_path, f->main_photos));
      g_assert_cmpstr (job->student_no, ==, i == 0 ? "2021000001" : "2021000003");
    }
  gp_test_assert_sql (f->main_db, "SELECT group_concat (status) FROM (SELECT status FROM print_jobs ORDER BY id)",
              "processing,processing,written");
  gp_test_assert_sql (f->main_db, "SELECT count(DISTINCT uid) FROM print_jobs", "3");

  /* The station's sheet comes out; seconds later its copy is merged again. */
  g_usleep (1100 * 1000);
  f->store = gp_store_open (f->db_a, &error);
  g_assert_cmpint (gp_store_set_print_job_status (f->store, "GradPhotoTest", 17, "completed", &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->print_jobs_added, ==, 0);
  g_clear_pointer (&report, gp_merge_report_free);
  gp_test_assert_sql (f->main_db, "SELECT group_concat (status) FROM (SELECT status FROM print_jobs ORDER BY id)",
              "completed,completed,written");
  gp_test_assert_sql (f->main_db, "SELECT status FROM captures WHERE station = 'a' AND photo_path LIKE '%2021000001%'",
              "printed");

  report = merge (main_store, db_old, f->main_photos);
  g_assert_cmpuint (report->print_jobs_added, ==, 0);
  g_assert_cmpuint (report->captures_added, ==, 0);
  gp_test_assert_sql (f->main_db, "SELECT group_concat (status) FROM (SELECT status FROM print_jobs ORDER BY id)",
              "completed,completed,written");
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM print_jobs", "3");
}

/* Audit entries come along once, pointing at the merged students and
 * captures; an entry whose capture could not be merged yet points at it
 * once it is. */
static void
test_merge_copies_audit_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) b = open_station (f->dir, "b");
  g_autoptr(GpStore) main_store = NULL;
  g_autoptr(GpMergeReport) report = NULL;
  g_autoptr(GpCapture) hidden = NULL;
  g_autofree char *hidden_photo = NULL;
  g_autofree char *expected = NULL;
  gint64 zhao, qian, sun;

  zhao = capture (f->store, f->station_a, "2021000001", "a-photo-of-1", FALSE);
  g_assert_true (gp_store_set_capture_status (f->store, zhao, GP_CAPTURE_APPROVED, "checked by eye", "王老师",
                                              &error));
  g_assert_true (gp_store_set_capture_status (f->store, zhao, GP_CAPTURE_REJECTED, "eyes closed", "王老师", &error));
  qian = capture (f->store, f->station_a, "2021000002", "a-photo-of-2", FALSE);
  g_assert_true (gp_store_set_capture_status (f->store, qian, GP_CAPTURE_REJECTED, "blurred", "王老师", &error));
  sun = capture (b, f->station_b, "2021000003", "b-photo-of-3", FALSE);
  g_assert_true (gp_store_audit (b, "李老师", "note", 0, sun, "glasses off next time", &error));
  g_assert_no_error (error);
  /* 钱多多's photo is not on the stick yet. */
  hidden = gp_store_get_capture (f->store, qian, &error);
  hidden_photo = g_strconcat (hidden->photo_path, ".away", NULL);
  g_assert_cmpint (g_rename (hidden->photo_path, hidden_photo), ==, 0);
  g_clear_object (&f->store);
  g_clear_object (&b);

  main_store = gp_store_open (f->main_db, &error);
  g_assert_no_error (error);
  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->audit_added, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_clear_pointer (&report, gp_merge_report_free);
  report = merge (main_store, f->db_b, f->main_photos);
  g_assert_cmpuint (report->audit_added, ==, 1);
  g_clear_pointer (&report, gp_merge_report_free);
  /* The station's entries and one "merge" entry per merge that added something. */
  gp_test_assert_sql (f->main_db, "SELECT group_concat (actor || ':' || action, ' ') FROM"
              " (SELECT actor, action FROM audit_log WHERE action <> 'merge' ORDER BY id)",
              "王老师:override-approve 王老师:rejected 王老师:rejected 李老师:note");
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM audit_log WHERE action = 'merge'", "2");
  /* Each points at the main database's rows, by 学号 and uid (赵小明's two here). */
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM audit_log a JOIN captures c ON c.id = a.capture_id"
              " JOIN students s ON s.id = a.student_id AND s.id = c.student_id AND s.student_no = '2021000001'",
              "2");
  gp_test_assert_sql (f->main_db, "SELECT detail FROM audit_log a JOIN captures c ON c.id = a.capture_id"
              " WHERE c.station = 'b'", "glasses off next time");
  gp_test_assert_sql (f->main_db, "SELECT ifnull (capture_id, 'none') FROM audit_log WHERE detail = 'blurred'", "none");

  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->audit_added, ==, 0);
  g_clear_pointer (&report, gp_merge_report_free);
  report = merge (main_store, f->db_b, f->main_photos);
  g_assert_cmpuint (report->audit_added, ==, 0);
  g_clear_pointer (&report, gp_merge_report_free);
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM audit_log", "6");

  /* The photo arrives: its capture is merged and its entry finds it. */
  g_assert_cmpint (g_rename (hidden_photo, hidden->photo_path), ==, 0);
  report = merge (main_store, f->db_a, f->main_photos);
  g_assert_cmpuint (report->captures_added, ==, 1);
  g_assert_cmpuint (report->audit_added, ==, 0);
  expected = g_strdup (hidden->uid);
  gp_test_assert_sql (f->main_db, "SELECT c.uid FROM audit_log a JOIN captures c ON c.id = a.capture_id"
              " WHERE a.detail = 'blurred'", expected);
  gp_test_assert_sql (f->main_db, "SELECT count(*) FROM audit_log", "7");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export/naming-and-no-overwrite", test_export_naming_and_no_overwrite);
  ADD ("/export/zip", test_export_zip);
  ADD ("/report/csv-and-xlsx", test_report_csv_and_xlsx);
  ADD ("/export/takes-printed", test_export_takes_printed);
  ADD ("/merge/idempotent-with-conflict", test_merge_idempotent_with_conflict);
  ADD ("/merge/copies-print-jobs-once", test_merge_copies_print_jobs_once);
  ADD ("/merge/copies-audit-once", test_merge_copies_audit_once);
  ADD ("/merge/keeps-walk-ins", test_merge_keeps_walk_ins);

  return g_test_run ();
}
