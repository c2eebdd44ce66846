/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The students' states per batch (issue 16), and exporting again into a
 * folder after the chosen photo changed. */
#define G_LOG_DOMAIN "test-progress"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "store/gp-capture-save.h"
#include "store/gp-export.h"
#include "store/gp-student-state.h"
#include "store/gp-walk-in.h"

#include "gp-test-util.h"

#define FAILED_CHECKS "{\"passed\":false,\"checks\":[{\"id\":\"sharpness\",\"status\":\"fail\"}," \
                      "{\"id\":\"exposure\",\"status\":\"pass\"},{\"id\":\"tilt\",\"status\":\"fail\"}]}"
#define PASSED_CHECKS "{\"passed\":true,\"checks\":[]}"

typedef struct
{
  char    *dir;
  char    *photos;
  GpStore *store;
} Fixture;

/* Two batches: the on-site one and a later 补采 one. */
static const struct
{
  const char *no, *name, *college, *class_name, *batch;
} roster[] = {
  { "2026000101", "赵一", "信息工程学院", "信工2201", "现场" },
  { "2026000102", "钱二", "信息工程学院", "信工2201", "现场" },
  { "2026000103", "孙三", "信息工程学院", "信工2201", "现场" },
  { "2026000104", "李四", "外国语学院", "英语2201", "现场" },
  { "2026000201", "周五", "外国语学院", "英语2201", "补采" },
  { "2026000202", "吴六", "外国语学院", "英语2201", "补采" },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gp-progress-XXXXXX", &error);
  g_assert_no_error (error);
  f->photos = g_build_filename (f->dir, "photos", NULL);
  {
    g_autofree char *path = g_build_filename (f->dir, "station.db", NULL);

    f->store = gp_store_open (path, &error);
    g_assert_no_error (error);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (roster); i++)
    {
      g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
      GpStudent *s = gp_student_new ();
      GpBatch batch = { .name = (char *) roster[i].batch };

      s->student_no = g_strdup (roster[i].no);
      s->name = g_strdup (roster[i].name);
      s->college = g_strdup (roster[i].college);
      s->class_name = g_strdup (roster[i].class_name);
      s->batch_id = gp_store_ensure_batch (f->store, &batch, &error);
      g_assert_no_error (error);
      g_ptr_array_add (students, s);
      g_assert_true (gp_store_upsert_students (f->store, students, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->photos);
}

/* A photo of @no holding @bytes with the check results @checks. */
static gint64
take (Fixture     *f,
      const char  *no,
      const char  *bytes,
      const char  *checks)
{
  return gp_test_capture_checked (f->store, f->photos, no, "A101", "photographer", checks, bytes);
}

static void
decide (Fixture         *f,
        gint64           capture_id,
        GpCaptureStatus  status,
        const char      *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_store_set_capture_status (f->store, capture_id, status, reason, "staff", &error));
  g_assert_no_error (error);
}

static GpStudentProgress *
find (GPtrArray  *progress,
      const char *no)
{
  for (guint i = 0; i < progress->len; i++)
    {
      GpStudentProgress *p = g_ptr_array_index (progress, i);

      if (g_str_equal (p->student->student_no, no))
        return p;
    }
  g_assert_not_reached ();
}

/* One student in each state; a rejected photo followed by one that awaits
 * a decision is to review, not to call back. */
static void
make_every_state (Fixture *f)
{
  gint64 id;

  take (f, "2026000101", "zhao", PASSED_CHECKS);                        /* done */
  id = take (f, "2026000102", "qian-1", PASSED_CHECKS);
  decide (f, id, GP_CAPTURE_REJECTED, "eyes closed");
  take (f, "2026000102", "qian-2", FAILED_CHECKS);                      /* to review */
  id = take (f, "2026000103", "sun", FAILED_CHECKS);
  decide (f, id, GP_CAPTURE_REJECTED, "hair over the eyebrows");        /* call back */
  /* 李四: not yet. 补采: 周五 approved by staff, 吴六 not yet. */
  id = take (f, "2026000201", "zhou", FAILED_CHECKS);
  decide (f, id, GP_CAPTURE_APPROVED, "checked by hand");
}

static void
test_progress_every_state (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GpProgressCount) all = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autofree char *detail = NULL;
  GpStudentProgress *p;

  make_every_state (f);
  progress = gp_store_list_progress (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, G_N_ELEMENTS (roster));

  g_assert_cmpint (find (progress, "2026000101")->state, ==, GP_STUDENT_DONE);
  p = find (progress, "2026000102");
  g_assert_cmpint (p->state, ==, GP_STUDENT_REVIEW);
  g_assert_cmpint (p->photos, ==, 2);
  g_assert_cmpstr (p->failed_checks, ==, "sharpness, tilt");
  g_assert_cmpstr (p->operator_name, ==, "photographer");
  p = find (progress, "2026000103");
  g_assert_cmpint (p->state, ==, GP_STUDENT_CALLBACK);
  g_assert_cmpstr (p->reason, ==, "hair over the eyebrows");
  detail = gp_student_progress_detail (p);
  g_assert_cmpstr (detail, ==, "rejected: hair over the eyebrows");
  p = find (progress, "2026000104");
  g_assert_cmpint (p->state, ==, GP_STUDENT_NOT_YET);
  g_assert_cmpint (p->capture_id, ==, 0);
  p = find (progress, "2026000201");
  g_assert_cmpint (p->state, ==, GP_STUDENT_DONE);
  g_assert_cmpstr (p->batch, ==, "补采");

  all = gp_progress_count_all (progress);
  g_assert_cmpint (all->students, ==, 6);
  g_assert_cmpint (all->states[GP_STUDENT_DONE], ==, 2);
  g_assert_cmpint (all->states[GP_STUDENT_REVIEW], ==, 1);
  g_assert_cmpint (all->states[GP_STUDENT_CALLBACK], ==, 1);
  g_assert_cmpint (all->states[GP_STUDENT_NOT_YET], ==, 2);
  /* The older counters read the same definition. */
  g_assert_cmpint (gp_store_count_photographed (f->store, &error), ==, 3);
  classes = gp_store_count_classes (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (classes->len, ==, 2);
  g_assert_cmpint (((GpClassCount *) g_ptr_array_index (classes, 0))->photographed, ==, 2);
  g_assert_cmpint (((GpClassCount *) g_ptr_array_index (classes, 0))->approved, ==, 1);
}

static void
test_progress_per_batch (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) onsite = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GpProgressCount) count = NULL;
  int statuses[GP_N_CAPTURE_STATUSES];

  make_every_state (f);
  onsite = gp_store_list_progress (f->store, "现场", &error);
  g_assert_no_error (error);
  later = gp_store_list_progress (f->store, "补采", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (onsite->len, ==, 4);
  g_assert_cmpuint (later->len, ==, 2);
  count = gp_progress_count_all (later);
  g_assert_cmpint (count->states[GP_STUDENT_DONE], ==, 1);
  g_assert_cmpint (count->states[GP_STUDENT_NOT_YET], ==, 1);

  g_assert_true (gp_store_count_batch_statuses (f->store, "补采", statuses, &error));
  g_assert_cmpint (statuses[GP_CAPTURE_APPROVED], ==, 1);
  g_assert_cmpint (statuses[GP_CAPTURE_REJECTED], ==, 0);

  g_assert_null (gp_store_list_progress (f->store, "no-such-batch", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no-such-batch"));
}

static void
test_progress_walk_in_and_lost_file (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GpProgressCount) all = NULL;
  g_autofree char *path = g_build_filename (f->dir, "station.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *detail = NULL;
  gint64 id;
  GpStudentProgress *p;

  /* The approved photo's file went missing: the student must come back. */
  id = take (f, "2026000104", "li", PASSED_CHECKS);
  sql = g_strdup_printf ("UPDATE captures SET status = 'missing' WHERE id = %lld RETURNING id", (long long) id);
  g_free (gp_test_sql_value (path, sql));
  gp_test_assert_sql (path, "UPDATE students SET walk_in = 1 WHERE student_no = '2026000202' RETURNING walk_in", "1");

  progress = gp_store_list_progress (f->store, NULL, &error);
  g_assert_no_error (error);
  p = find (progress, "2026000104");
  g_assert_cmpint (p->state, ==, GP_STUDENT_CALLBACK);
  detail = gp_student_progress_detail (p);
  g_assert_cmpstr (detail, ==, "the photo file is lost");
  g_assert_true (find (progress, "2026000202")->walk_in);
  all = gp_progress_count_all (progress);
  g_assert_cmpint (all->walk_ins, ==, 1);
}

/* Issue 16: after a reject and a new approval, exporting again into the
 * same folder replaces the file it wrote, and the manifest lists everyone. */
static void
test_export_again_replaces_own_file (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *zhao = g_build_filename (out, "2026000101.jpg", NULL);
  g_autofree char *zhou = g_build_filename (out, "2026000201.jpg", NULL);
  g_autofree char *manifest = NULL;
  g_autoptr(GpExportReport) first = NULL;
  g_autoptr(GpExportReport) again = NULL;
  g_autoptr(GpExportReport) edited = NULL;
  gint64 id;

  id = take (f, "2026000101", "zhao-first", PASSED_CHECKS);
  take (f, "2026000201", "zhou", PASSED_CHECKS);
  first = gp_export_run_batch (f->store, out, NULL, FALSE, NULL, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->exported, ==, 2);

  decide (f, id, GP_CAPTURE_REJECTED, "eyes closed");
  take (f, "2026000101", "zhao-second", PASSED_CHECKS);
  again = gp_export_run_batch (f->store, out, NULL, FALSE, NULL, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->conflicts->len, ==, 0);
  g_assert_cmpuint (again->problems->len, ==, 0);
  g_assert_cmpuint (again->exported, ==, 1);
  g_assert_cmpuint (again->replaced, ==, 1);
  g_assert_cmpuint (again->unchanged, ==, 1);
  gp_test_assert_file_text (zhao, "\xFF\xD8\xFF\xE0" "zhao-second");
  g_assert_true (g_file_get_contents (again->manifest, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "2026000101.jpg,2026000101,"));
  g_assert_nonnull (strstr (manifest, "2026000201.jpg,2026000201,"));

  /* A file someone changed since is no longer ours: never overwritten. */
  g_assert_true (g_file_set_contents (zhou, "retouched by hand", -1, NULL));
  take (f, "2026000201", "zhou-second", PASSED_CHECKS);
  edited = gp_export_run_batch (f->store, out, NULL, FALSE, NULL, "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edited->replaced, ==, 0);
  g_assert_cmpuint (edited->conflicts->len, ==, 1);
  gp_test_assert_file_text (zhou, "retouched by hand");
}

static void
test_export_one_batch (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "补采", NULL);
  g_autofree char *onsite = g_build_filename (out, "2026000101.jpg", NULL);
  g_autofree char *later = g_build_filename (out, "2026000201.jpg", NULL);
  g_autoptr(GpExportReport) report = NULL;

  make_every_state (f);
  report = gp_export_run_batch (f->store, out, NULL, FALSE, "补采", "staff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->exported, ==, 1);
  g_assert_true (g_file_test (later, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (onsite, G_FILE_TEST_EXISTS));
}

/* A walk-in added at the station is flagged, counted in its batch, listed
 * among the walk-ins and audited; a 学号 the roster has, or a wrong ID ending, is refused. */
static void
test_walk_in_added (Fixture       *f,
                    gconstpointer  data)
{
  GpWalkIn walk_in = { "2026000999", "郑七", "外国语学院", "日语2201", "123X", "现场" };
  GpWalkIn known = { "2026000101", "赵一", "信息工程学院", "信工2201", NULL, NULL };
  GpWalkIn bad_last4 = { "2026000998", "王八", "外国语学院", "日语2201", "12a4", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GpProgressCount) all = NULL;
  g_autoptr(GpStudentProgress) p = NULL;
  g_autoptr(GPtrArray) walk_ins = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  id = gp_store_add_walk_in (f->store, &walk_in, "王老师", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  p = gp_store_find_progress (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (p->walk_in);
  g_assert_cmpstr (p->batch, ==, "现场");
  g_assert_cmpstr (p->student->id_last4, ==, "123X");
  g_assert_cmpint (p->state, ==, GP_STUDENT_NOT_YET);
  progress = gp_store_list_progress (f->store, "现场", &error);
  g_assert_no_error (error);
  all = gp_progress_count_all (progress);
  g_assert_cmpint (all->students, ==, 5);
  g_assert_cmpint (all->walk_ins, ==, 1);
  /* The walk-ins' list that status, report and export give the school: this one only. */
  walk_ins = gp_progress_walk_ins (progress);
  g_assert_cmpuint (walk_ins->len, ==, 1);
  g_assert_cmpstr (((GpStudentProgress *) g_ptr_array_index (walk_ins, 0))->student->student_no, ==, "2026000999");
  sql = g_strdup_printf ("SELECT actor || ' ' || action || ' ' || detail FROM audit_log WHERE student_id = %lld",
                         (long long) id);
  gp_test_assert_sql (gp_store_get_path (f->store), sql, "王老师 walk-in 2026000999");

  g_assert_cmpint (gp_store_add_walk_in (f->store, &known, NULL, &error), ==, -1);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "on the roster already"));
  g_clear_error (&error);
  g_assert_cmpint (gp_store_add_walk_in (f->store, &bad_last4, NULL, &error), ==, -1);
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/progress/every-state", test_progress_every_state);
  ADD ("/progress/per-batch", test_progress_per_batch);
  ADD ("/progress/walk-in-and-lost-file", test_progress_walk_in_and_lost_file);
  ADD ("/progress/walk-in/added-flagged-counted-listed-audited", test_walk_in_added);
  ADD ("/export/again-replaces-own-file", test_export_again_replaces_own_file);
  ADD ("/export/one-batch", test_export_one_batch);

  return g_test_run ();
}
