/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The station's workflow without a screen: the demo camera, the real
 * scanner, a real database and sheets written as PDF. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <cups/cups.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "core/gp-paths.h"
#include "station/gp-demo-student.h"
#include "photo/gp-checks.h"
#include "photo/gp-profile.h"
#include "station/gp-station.h"
#include "store/gp-roster.h"

#include "gp-test-cups.h"
#include "gp-test-util.h"

#define PRINTER "GradPhotoTest"

/* Read by the signal handler: a failed assertion aborts before the test stops cupsd. */
static volatile sig_atomic_t cupsd_pid;
static char *cupsd_dir;

static void
on_fatal_signal (int signum)
{
  if (cupsd_pid > 0)
    kill ((pid_t) cupsd_pid, SIGTERM);
  signal (signum, SIG_DFL);
  raise (signum);
}

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
  g_autofree char *mask = g_test_build_filename (G_TEST_DIST, "..", "data", "portraits",
                                                 "portrait-hopper-mask.png", NULL);

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
  g_assert_true (gp_demo_student_attach (f->station, gp_camera_get_frame_source (camera), DEMO_PORTRAIT,
                                         mask, &error));
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
  /* Generous: the first capture loads the face models, which takes a long
   * time under the sanitizers on a busy machine; only a failure waits it out. */
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (gp_station_get_phase (station) != phase && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gp_phase_to_string (gp_station_get_phase (station)), ==, gp_phase_to_string (phase));
}

/* Space pressed once the camera plays, as a photographer would; again
 * (twice at most) when the camera sent no picture in time, as happens under
 * the sanitizers on a busy machine; what went wrong is said at once. */
static void
press_capture (GpStation *station)
{
  GpCamera *camera = gp_station_get_camera (station);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (gp_camera_get_state (camera) != GP_CAMERA_STATE_PLAYING && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (int press = 0; press < 3; press++)
    {
      gp_station_capture (station);
      while (gp_station_get_phase (station) == GP_PHASE_CAPTURING && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (gp_station_get_phase (station) != GP_PHASE_IDENTIFIED)
        break;
      g_test_message ("capture %d: %s", press + 1, gp_station_get_notice (station));
    }
  if (gp_station_get_phase (station) == GP_PHASE_IDENTIFIED)
    g_error ("no photo: %s", gp_station_get_notice (station));
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

  gp_station_set_operator (f->station, "王老师");
  g_assert_true (gp_station_start (f->station, &error));
  g_assert_no_error (error);

  wait_for_phase (f->station, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2026000101");

  press_capture (f->station);
  wait_for_phase (f->station, GP_PHASE_CAPTURED);
  g_assert_true (g_file_test (gp_station_get_photo_path (f->station), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (count_rows (f->store, "2026000101"), ==, 1);
  capture = gp_store_get_capture (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (capture->photo_path, ==, gp_station_get_photo_path (f->station));
  g_assert_cmpstr (capture->operator_name, ==, "王老师");
  /* The photo went through standardization and its checks; the demo
   * student wears a cap, so it is kept for review, with what to fix. */
  g_assert_false (gp_station_get_photo_passed (f->station));
  g_assert_cmpuint (gp_station_get_checks (f->station)->len, ==, GP_CHECK_N);
  g_assert_cmpint (gp_checks_first_failure (gp_station_get_checks (f->station))->id, ==, GP_CHECK_HEADWEAR);
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "Take off the hat or cap"));
  g_assert_cmpstr (capture->status, ==, "captured");
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
  g_autofree char *db = gp_paths_database ();
  g_autofree char *audit_before = gp_test_sql_value (db, "SELECT count(*) FROM audit_log");
  g_autofree char *photos = g_build_filename (f->dir, "photos", NULL);
  g_autoptr(GDir) folder = NULL;

  gp_station_submit_code (f->station, "NOT-ON-THE-ROSTER");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (gp_station_get_notice (f->station));
  gp_station_capture (f->station);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);

  /* Nothing recorded: no row, no audit entry, no file. */
  gp_test_assert_sql (db, "SELECT count(*) FROM captures", "0");
  gp_test_assert_sql (db, "SELECT count(*) FROM print_jobs", "0");
  gp_test_assert_sql (db, "SELECT count(*) FROM audit_log", audit_before);
  folder = g_dir_open (photos, 0, NULL);
  g_assert_true (folder == NULL || g_dir_read_name (folder) == NULL);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* The notice says what was read, and is gone once no code was seen for 3 s:
 * the next student does not read the last one's error. */
static void
test_unknown_code_notice_shows_and_clears (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  gp_station_submit_code (f->station, "NOT-ON-THE-ROSTER-0123456789-0123456789-0123456789");
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "“NOT-ON-THE-ROSTER-0123456789-0123456789-…”"));
  g_timeout_add (2500, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_nonnull (gp_station_get_notice (f->station));
  g_timeout_add (1000, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_null (gp_station_get_notice (f->station));
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
  /* Where the earlier photo was taken, and what became of it. */
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "at station test, taken, not yet approved"));
}

/* A photo from another room (arrived through the event server) is named
 * with its room; one from this room is a plain retake. */
static void
test_photographed_elsewhere_flagged (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GpStudent) here = gp_store_find_student_by_no (f->store, "2026000103", NULL);
  g_autoptr(GpStudent) there = gp_store_find_student_by_no (f->store, "2026000104", NULL);
  g_autoptr(GError) error = NULL;

  gp_station_set_name (f->station, "201");
  g_assert_cmpint (gp_store_add_capture (f->store, here->id, "/a.jpg", "/b.jpg", "201", &error), >, 0);
  g_assert_cmpint (gp_store_add_capture (f->store, there->id, "/c.jpg", "/d.jpg", "216", &error), >, 0);
  g_assert_no_error (error);

  gp_station_submit_code (f->station, here->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_null (strstr (gp_station_get_notice (f->station), "room"));
  gp_station_next (f->station);
  gp_station_submit_code (f->station, there->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "Already photographed in room 216 ("));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "To review"));
}

/* A student whose every photo was rejected is told apart from a retake. */
static void
test_called_back_says_why (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (f->store, "2026000103", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = gp_store_add_capture (f->store, student->id, "/a.jpg", "/b.jpg", "test", &error);

  g_assert_no_error (error);
  g_assert_true (gp_store_set_capture_status (f->store, id, GP_CAPTURE_REJECTED, "eyes closed", "staff", &error));
  g_assert_no_error (error);
  gp_station_submit_code (f->station, student->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "Called back"));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "eyes closed"));
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

/* A typed code goes through the scanned codes' normalisation and limits. */
static void
test_typed_code_normalised (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (60 * 1024, '2');

  gp_station_submit_code (f->station, huge);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "61440"));

  gp_station_submit_code (f->station, "\u3000２０２６０００１０４ ");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2026000104");
}

/* A layout setting that names no layout: said at once, and nothing prints. */
static void
test_unknown_layout_refuses_printing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gp_station_set_layout (f->station, "letter-9x9");
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "letter-9x9"));

  g_assert_true (gp_station_start (f->station, &error));
  g_assert_no_error (error);
  wait_for_phase (f->station, GP_PHASE_IDENTIFIED);
  press_capture (f->station);
  wait_for_phase (f->station, GP_PHASE_CAPTURED);
  gp_station_print (f->station);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_CAPTURED);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "letter-9x9"));
  g_assert_null (gp_station_get_sheet_path (f->station));
}

static void
wait_for_notice (GpStation  *station,
                 const char *text)
{
  /* The station asks CUPS every second: a notice late by 20 s is a failure. */
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((gp_station_get_notice (station) == NULL || strstr (gp_station_get_notice (station), text) == NULL)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("notice: %s", gp_station_get_notice (station));
  g_assert_nonnull (gp_station_get_notice (station));
  g_assert_nonnull (strstr (gp_station_get_notice (station), text));
}

static void
private_cupsd (const char *command)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "private-cupsd", NULL);
  const char *argv[] = { script, command, cupsd_dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s\n%s", script, command, error->message, err != NULL ? err : "");
}

static void
start_private_cupsd (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_file = g_build_filename (cupsd_dir, "cupsd.pid", NULL);
  g_autofree char *pid_text = NULL;

  private_cupsd ("start");
  g_file_get_contents (pid_file, &pid_text, NULL, &error);
  g_assert_no_error (error);
  cupsd_pid = (sig_atomic_t) atoi (pid_text);
  g_assert_cmpint (cupsd_pid, >, 0);
}

static void
stop_private_cupsd (void)
{
  private_cupsd ("stop");
  cupsd_pid = 0;
}

/* The CUPS job id of the station's last print job, from its database. */
static int
last_cups_job (Fixture *f)
{
  g_autofree char *db = gp_paths_database ();
  g_autofree char *id = gp_test_sql_value (db, "SELECT cups_job_id FROM print_jobs ORDER BY id DESC LIMIT 1");

  g_assert_nonnull (id);
  return atoi (id);
}

/* The demo student: scanned, photographed and sent to @printer. */
static void
print_first_student (Fixture    *f,
                     const char *printer)
{
  g_autoptr(GError) error = NULL;

  gp_station_set_printer (f->station, printer);
  g_assert_true (gp_station_start (f->station, &error));
  g_assert_no_error (error);
  wait_for_phase (f->station, GP_PHASE_IDENTIFIED);
  press_capture (f->station);
  wait_for_phase (f->station, GP_PHASE_CAPTURED);
  gp_station_print (f->station);
  wait_for_phase (f->station, GP_PHASE_PRINTED);
}

/* The kiosk shows what the printer does: a paused printer keeps the job
 * waiting, and the notice says so until the job has printed. */
static void
test_paused_printer_shown_until_printed (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = gp_paths_database ();
  g_autofree char *printed = NULL;
  int job_id;

  start_private_cupsd ();
  if (!gp_test_run_tool (NULL, "cups-client", "cupsdisable", "-h", g_getenv ("CUPS_SERVER"),
                         "-r", "Ribbon change", PRINTER, NULL))
    goto out;

  gp_station_set_layout (f->station, "4x6-33x48");
  print_first_student (f, PRINTER);
  g_assert_true (g_str_has_suffix (gp_station_get_sheet_path (f->station), "-4x6-33x48.pdf"));

  job_id = last_cups_job (f);
  printed = gp_test_cups_job_file (cupsd_dir, job_id);

  wait_for_notice (f->station, "paused");
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "pending"));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "Ribbon change"));
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_false (g_file_test (printed, G_FILE_TEST_EXISTS));
  gp_test_assert_sql (db, "SELECT status FROM print_jobs", "pending");

  if (!gp_test_run_tool (NULL, "cups-client", "cupsenable", "-h", g_getenv ("CUPS_SERVER"), PRINTER, NULL))
    goto out;
  g_assert_true (gp_test_cups_wait_job (PRINTER, job_id, IPP_JSTATE_COMPLETED, 30, &error));
  g_assert_no_error (error);
  wait_for_notice (f->station, "completed");
  g_assert_false (gp_station_get_notice_is_error (f->station));
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_PRINTED);
  gp_test_assert_sql (db, "SELECT status FROM print_jobs", "completed");
  /* The demo student's photo was refused for her cap: printing it
   * approves nothing, it stays to review. */
  gp_test_assert_sql (db, "SELECT status FROM captures", "captured");

out:
  stop_private_cupsd ();
}

/* A queue whose device cannot be opened: CUPS pauses the queue (our test
 * backend cannot write) or stops the job (a file: device that does not exist,
 * since Debian's CUPS 2.4.2-3+deb12u10). The station names the printer and
 * says what to do, and the job stays recorded as CUPS last saw it. */
static void
test_device_cannot_be_opened (Fixture       *f,
                              gconstpointer  data)
{
  const char *kind = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = gp_paths_database ();
  g_autofree char *ppd = g_test_build_filename (G_TEST_DIST, "data", "gradphoto-test.ppd", NULL);
  g_autofree char *device = NULL;
  g_autofree char *status = NULL;
  const char *notice;

  start_private_cupsd ();
  device = g_str_equal (kind, "backend")
           ? g_strdup_printf ("gptest:%s/no-such-folder", cupsd_dir)
           : g_strdup_printf ("file:%s/no-such-folder/sheet.pdf", cupsd_dir);
  if (!gp_test_run_tool (NULL, "cups-client", "lpadmin", "-h", g_getenv ("CUPS_SERVER"), "-p", "Broken",
                         "-E", "-v", device, "-P", ppd, NULL))
    goto out;

  print_first_student (f, "Broken");

  g_assert_false (gp_test_cups_wait_job ("Broken", last_cups_job (f), IPP_JSTATE_COMPLETED, 10, &error));
  g_test_message ("CUPS: %s", error->message);
  wait_for_notice (f->station, g_str_equal (kind, "backend") ? "paused" : "Stuck");
  notice = gp_station_get_notice (f->station);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (notice, "Printer Broken"));
  if (g_str_equal (kind, "backend"))
    g_assert_nonnull (strstr (notice, "cupsenable Broken"));
  else
    g_assert_nonnull (strstr (notice, "cancel it and print the sheet again"));
  status = gp_test_sql_value (db, "SELECT status FROM print_jobs");
  g_assert_cmpstr (status, ==, g_str_equal (kind, "backend") ? "pending" : "stopped");
  /* Refused for the demo student's cap, kept to review; printing changes nothing. */
  gp_test_assert_sql (db, "SELECT status FROM captures", "captured");

out:
  stop_private_cupsd ();
}

/* A school's own code with the 学号 in key=value pairs finds the student;
 * one naming a 学号 not on the roster records nothing and says which. */
static void
test_student_number_payload_identifies (Fixture       *f,
                                        gconstpointer  data)
{
  gp_station_submit_code (f->station, "学号=2026000199;姓名=周文静");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "2026000199"));

  gp_station_submit_code (f->station, "学号=2026000102;姓名=钱多多;班级=计科2201");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2026000102");
  g_assert_false (gp_station_get_notice_is_error (f->station));
}

/* A second batch's roster beside the demo one; returns its student. */
static GpStudent *
import_other_batch (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "other.csv", NULL);
  g_autoptr(GpRosterReport) report = NULL;
  GpStudent *student;

  g_assert_true (g_file_set_contents (csv, "学号,姓名,采集码,学院\n2025000901,孙小梅,GPOTHERBATCH0001,外国语学院\n",
                                      -1, &error));
  report = gp_roster_import_file_to_batch (f->store, csv, "2025春", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->inserted, ==, 1);
  student = gp_store_find_student_by_no (f->store, "2025000901", &error);
  g_assert_no_error (error);
  return student;
}

/* A station collecting for one batch refuses another batch's code and
 * records nothing; with no batch set, every roster student is taken. */
static void
test_other_batch_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GpStudent) other = import_other_batch (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_station_set_batch (f->station, GP_STORE_DEFAULT_BATCH, &error));
  g_assert_no_error (error);
  gp_station_submit_code (f->station, other->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_WAITING);
  g_assert_true (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "2025春"));
  gp_station_capture (f->station);
  g_assert_cmpint (count_rows (f->store, "2025000901"), ==, 0);

  gp_station_submit_code (f->station, "2026000101");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);

  g_assert_false (gp_station_set_batch (f->station, "no-such-batch", &error));
  g_assert_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID);
}

static void
test_any_batch_when_unset (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GpStudent) other = import_other_batch (f);

  g_assert_true (gp_station_set_batch (f->station, "", NULL));
  gp_station_submit_code (f->station, other->code);
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_cmpstr (gp_station_get_student (f->station)->student_no, ==, "2025000901");
}

/* Outside the college's time slot: a warning, but the student may still be
 * photographed. The batch's timetable applies to the college's students. */
static void
test_outside_time_slot_warned (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GpBatch past = { .name = GP_STORE_DEFAULT_BATCH, .time_slots = "信息工程学院=2020-01-01 08:00-09:00" };
  GpBatch always = { .name = GP_STORE_DEFAULT_BATCH, .time_slots = "信息工程学院=00:00-24:00" };

  g_assert_cmpint (gp_store_ensure_batch (f->store, &past, &error), >, 0);
  gp_station_submit_code (f->station, "2026000101");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_false (gp_station_get_notice_is_error (f->station));
  g_assert_nonnull (strstr (gp_station_get_notice (f->station), "01-01 08:00–09:00"));

  gp_station_next (f->station);
  g_assert_cmpint (gp_store_ensure_batch (f->store, &always, &error), >, 0);
  gp_station_submit_code (f->station, "2026000102");
  g_assert_cmpint (gp_station_get_phase (f->station), ==, GP_PHASE_IDENTIFIED);
  g_assert_null (gp_station_get_notice (f->station));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sock = NULL;
  g_autofree char *shipped = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Set before any thread exists: setenv is not thread-safe. */
  cupsd_dir = g_dir_make_tmp ("gp-station-cups-XXXXXX", &error);
  g_assert_no_error (error);
  sock = g_build_filename (cupsd_dir, "cups.sock", NULL);
  g_setenv ("CUPS_SERVER", sock, TRUE);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  signal (SIGABRT, on_fatal_signal);
  signal (SIGSEGV, on_fatal_signal);
  signal (SIGTERM, on_fatal_signal);
  signal (SIGINT, on_fatal_signal);

  gst_init (&argc, &argv);

  g_test_add ("/station/flow/one-student-end-to-end", Fixture, NULL, fixture_setup,
              test_one_student_end_to_end, fixture_teardown);
  g_test_add ("/station/scan/unknown-code-records-nothing", Fixture, NULL, fixture_setup,
              test_unknown_code_records_nothing, fixture_teardown);
  g_test_add ("/station/scan/unknown-code-notice-shows-and-clears", Fixture, NULL, fixture_setup,
              test_unknown_code_notice_shows_and_clears, fixture_teardown);
  g_test_add ("/station/scan/already-photographed-flagged", Fixture, NULL, fixture_setup,
              test_already_photographed_is_flagged, fixture_teardown);
  g_test_add ("/station/scan/photographed-elsewhere-flagged", Fixture, NULL, fixture_setup,
              test_photographed_elsewhere_flagged, fixture_teardown);
  g_test_add ("/station/scan/called-back-says-why", Fixture, NULL, fixture_setup,
              test_called_back_says_why, fixture_teardown);
  g_test_add ("/station/scan/student-number-identifies", Fixture, NULL, fixture_setup,
              test_student_number_identifies, fixture_teardown);
  g_test_add ("/station/scan/typed-code-normalised", Fixture, NULL, fixture_setup,
              test_typed_code_normalised, fixture_teardown);
  g_test_add ("/station/print/unknown-layout-refuses-printing", Fixture, NULL, fixture_setup,
              test_unknown_layout_refuses_printing, fixture_teardown);
  g_test_add ("/station/print/paused-printer-shown-until-printed", Fixture, NULL, fixture_setup,
              test_paused_printer_shown_until_printed, fixture_teardown);
  g_test_add ("/station/print/device-cannot-be-opened/backend-fails", Fixture, "backend", fixture_setup,
              test_device_cannot_be_opened, fixture_teardown);
  g_test_add ("/station/print/device-cannot-be-opened/file-device", Fixture, "file", fixture_setup,
              test_device_cannot_be_opened, fixture_teardown);
  g_test_add ("/station/scan/student-number-payload-identifies", Fixture, NULL, fixture_setup,
              test_student_number_payload_identifies, fixture_teardown);

  g_test_add ("/station/scan/other-batch-refused", Fixture, NULL, fixture_setup,
              test_other_batch_refused, fixture_teardown);
  g_test_add ("/station/scan/any-batch-when-unset", Fixture, NULL, fixture_setup,
              test_any_batch_when_unset, fixture_teardown);
  g_test_add ("/station/scan/outside-time-slot-warned", Fixture, NULL, fixture_setup,
              test_outside_time_slot_warned, fixture_teardown);

  status = g_test_run ();
  gp_test_remove_tree (cupsd_dir);
  g_free (cupsd_dir);
  return status;
}
