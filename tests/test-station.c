/* The station's workflow without a screen: the demo camera, the real
 * scanner, a real database and sheets written as PDF. */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "core/gp-paths.h"
#include "station/gp-demo-student.h"
#include "station/gp-station.h"
#include "store/gp-roster.h"

#include "gp-test-util.h"

typedef struct {
  char       *dir;
  GpStore    *store;
  GpStation  *station;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *roster = g_test_build_filename (G_TEST_DIST, "..", "data", "demo-roster.csv", NULL);
  g_autoptr(GpCameraSpec) spec = gp_camera_spec_parse ("demo", NULL);
  g_autoptr(GpCamera) camera = NULL;
  g_autoptr(GpRosterReport) report = NULL;

  f->dir = g_dir_make_tmp ("gp-station-XXXXXX", NULL);
  gp_paths_set_data_dir (f->dir);
  db = gp_paths_database ();
  f->store = gp_store_open (db, &error);
  g_assert_no_error (error);
  report = gp_roster_import_file (f->store, roster, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->inserted, ==, 6);

  camera = gp_camera_new (spec, &error);
  g_assert_no_error (error);
  f->station = gp_station_new (f->store, camera);
  g_assert_true (gp_demo_student_attach (f->station, gp_camera_get_frame_source (camera), DEMO_PORTRAIT, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->station);
  g_clear_object (&f->store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
wait_for_phase (GpStation *station,
                GpPhase    phase)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gp_station_get_phase (station) != phase && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gp_phase_to_string (gp_station_get_phase (station)), ==, gp_phase_to_string (phase));
}

static int
count_rows (GpStore    *store,
            const char *student_no)
{
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (store, student_no, NULL);

  return gp_store_count_captures (store, student->id, NULL);
}

/* Scan → identify → capture → durable files and row → sheet, then the next student. */
static void
test_one_student_end_to_end (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCapture) capture = NULL;
  const char *sheet;

  g_assert_true (gp_station_start (f->station, &error));
  g_assert_no_error (error);

  wait_for_phase (f->station, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2026000101");

  gp_station_capture (f->station);
  wait_for_phase (f->station, GP_PHASE_CAPTURED);
  g_assert_true (g_file_test (gp_station_get_photo_path (f->station), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_rows (f->store, "2026000101"), ==, 1);
  capture = gp_store_get_capture (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (capture->photo_path, ==, gp_station_get_photo_path (f->station));
  g_assert_true (g_file_test (capture->original_path, G_FILE_TEST_IS_REGULAR));

  gp_station_print (f->station);
  wait_for_phase (f->station, GP_PHASE_PRINTED);
  sheet = gp_station_get_sheet_path (f->station);
  g_assert_true (g_str_has_suffix (sheet, ".pdf"));
  g_assert_true (g_file_test (sheet, G_FILE_TEST_IS_REGULAR));

  /* The demo actor then brings the next student on the roster. */
  gp_station_next (f->station);
  wait_for_phase (f->station, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2026000102");
}

static void
test_unknown_code_records_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  gp_station_submit_code (f->station, "NOT-ON-THE-ROSTER");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (gp_station_get_notice (f->station));
  gp_station_capture (f->station);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
}

static void
test_already_photographed_is_flagged (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (f->store, "2026000103", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gp_store_add_capture (f->store, student->id, "/a.jpg", "/b.jpg", "test", &error), >, 0);
  gp_station_submit_code (f->station, student->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_cmpint (gp_station_get_previous_captures (f->station), ==, 1);
  g_assert_false (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (gp_station_get_notice (f->station));
}

/* Staff may type a 学号 when a phone's code cannot be read. */
static void
test_student_number_identifies (Fixture       *f,
                                gconstpointer  data)
{
  gp_station_submit_code (f->station, "2026000104");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->name, ==, "李思远");
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/station/flow/one-student-end-to-end", Fixture, NULL, fixture_setup,
              test_one_student_end_to_end, fixture_teardown);
  g_test_add ("/station/scan/unknown-code-records-nothing", Fixture, NULL, fixture_setup,
              test_unknown_code_records_nothing, fixture_teardown);
  g_test_add ("/station/scan/already-photographed-flagged", Fixture, NULL, fixture_setup,
              test_already_photographed_is_flagged, fixture_teardown);
  g_test_add ("/station/scan/student-number-identifies", Fixture, NULL, fixture_setup,
              test_student_number_identifies, fixture_teardown);
  return g_test_run ();
}
