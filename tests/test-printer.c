/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Printing against a real, private cupsd (tests/private-cupsd) whose queue
 * GradPhotoTest writes each job, through pdftopdf, into DIR/out/job-<id>.pdf. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <cups/cups.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "print/gp-printer.h"
#include "print/gp-printer-info.h"
#include "print/gp-sheet.h"

#include "gp-test-cups.h"
#include "gp-test-util.h"

#define PRINTER     "GradPhotoTest"
#define JOB_TIMEOUT 30.0

typedef struct {
  char *dir;
  char *sock;
  char *pdf;
} Fixture;

/* Read by the signal handler: a failed assertion aborts before tear-down runs. */
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

static void
write_sheet (const char *dir, const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = gp_frame_new (GP_FRAME_RGB, 480, 640);
  g_autofree char *photo = g_build_filename (dir, "2021000002.jpg", NULL);
  GpSheetPhoto info = { photo, "钱多多", "2021000002", "数学2102班" };
  int y;

  for (y = 0; y < frame->height; y++)
    {
      guint8 *row = frame->data + (gsize) y * frame->stride;
      int x;

      for (x = 0; x < frame->width; x++)
        {
          row[3 * x] = 100;
          row[3 * x + 1] = (guint8) (197 - y / 8);
          row[3 * x + 2] = 255;
        }
    }
  g_assert_true (gp_jpeg_save (frame, photo, 90, 300, &error));
  g_assert_no_error (error);
  g_assert_true (gp_sheet_render_student (NULL, &info, pdf, &error));
  g_assert_no_error (error);
}

/* Without its private server a test could reach the system's CUPS: stop here. */
static void
start_cupsd (const char *dir,
             const char *sock)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "private-cupsd", NULL);
  g_autofree char *expected = g_strdup_printf ("CUPS_SERVER=%s\n", sock);
  const char *argv[] = { script, "start", dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s could not start a private cupsd: %s\n%s", script, error->message, err ? err : "");
  g_assert_cmpstr (out, ==, expected);
}

/* Each test gets a fresh cupsd in the same folder, so CUPS_SERVER is set once. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_file = NULL;
  g_autofree char *pid_text = NULL;

  f->dir = g_strdup (cupsd_dir);
  f->sock = g_build_filename (f->dir, "cups.sock", NULL);
  f->pdf = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_assert_cmpstr (g_getenv ("CUPS_SERVER"), ==, f->sock);
  write_sheet (f->dir, f->pdf);

  start_cupsd (f->dir, f->sock);
  pid_file = g_build_filename (f->dir, "cupsd.pid", NULL);
  g_file_get_contents (pid_file, &pid_text, NULL, &error);
  g_assert_no_error (error);
  cupsd_pid = (sig_atomic_t) atoi (pid_text);
  g_assert_cmpint (cupsd_pid, >, 0);
  /* libcups keeps its connection per thread: drop the one to the last test's cupsd. */
  cupsSetServer (NULL);
}

static void
empty_folder (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      gp_test_remove_tree (child);
    }
  g_dir_close (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "private-cupsd", NULL);
  const char *argv[] = { script, "stop", f->dir, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, NULL);
  cupsd_pid = 0;
  empty_folder (f->dir);
  g_free (f->dir);
  g_free (f->sock);
  g_free (f->pdf);
}

/* Waits until the job is in @want; a stopped, held or cancelled job or a
 * paused printer fails the test at once, saying why. */
static void
wait_for_job (int             job_id,
              ipp_jstate_t    want)
{
  g_autoptr(GError) error = NULL;

  if (!gp_test_cups_wait_job (PRINTER, job_id, want, JOB_TIMEOUT, &error))
    g_error ("%s", error->message);
}

/* The file the private cupsd's backend wrote for the job. */
static char *
printed_file (Fixture *f,
              int      job_id)
{
  return gp_test_cups_job_file (f->dir, job_id);
}

static gboolean
was_printed (Fixture *f,
             int      job_id)
{
  g_autofree char *printed = printed_file (f, job_id);

  return g_file_test (printed, G_FILE_TEST_EXISTS);
}

static void
assert_printed_4x6 (Fixture *f,
                    int      job_id)
{
  g_autofree char *printed = printed_file (f, job_id);
  g_autofree char *info = NULL;
  g_autofree char *images = NULL;

  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
  if (!gp_test_run_tool (&info, "poppler-utils", "pdfinfo", printed, NULL) ||
      !gp_test_run_tool (&images, "poppler-utils", "pdfimages", "-list", printed, NULL))
    return;
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "Page size:       288 x 432 pts"));
  /* The photos come through CUPS still as the original JPEG streams. */
  g_assert_nonnull (strstr (images, " jpeg "));
}

static int
submit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  int job_id = 0;

  g_assert_true (gp_printer_submit (PRINTER, f->pdf, "钱多多 2021000002", &job_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (job_id, >, 0);
  return job_id;
}

static void
test_submit_completes (Fixture *f, gconstpointer data)
{
  int job_id = submit (f);

  wait_for_job (job_id, IPP_JSTATE_COMPLETED);
  assert_printed_4x6 (f, job_id);
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = gp_printer_list (&error);
  guint i;
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (names);
  for (i = 0; i < names->len; i++)
    found |= g_str_equal (names->pdata[i], PRINTER);
  g_assert_true (found);
}

static void
test_disabled_keeps_pending (Fixture *f, gconstpointer data)
{
  gint64 until;
  int job_id;

  if (!gp_test_run_tool (NULL, "cups-client", "cupsdisable", "-h", f->sock, PRINTER, NULL))
    return;
  job_id = submit (f);

  /* Well past the ~30 ms a job takes on an enabled queue. */
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_autoptr(GError) error = NULL;
      GpPrintJobState state;

      g_assert_true (gp_printer_get_job_state (PRINTER, job_id, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gp_print_job_state_to_string (state), ==, "pending");
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_assert_false (was_printed (f, job_id));

  if (!gp_test_run_tool (NULL, "cups-client", "cupsenable", "-h", f->sock, PRINTER, NULL))
    return;
  wait_for_job (job_id, IPP_JSTATE_COMPLETED);
  assert_printed_4x6 (f, job_id);
}

static void
test_rejecting_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int job_id = -1;

  if (!gp_test_run_tool (NULL, "cups-client", "cupsreject", "-h", f->sock, PRINTER, NULL))
    return;
  g_assert_false (gp_printer_submit (PRINTER, f->pdf, NULL, &job_id, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_ACCEPTING);
  g_test_message ("%s", error->message);
  g_assert_cmpint (job_id, ==, -1);
}

static void
test_unknown_printer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gp_printer_submit ("NoSuchPrinter", f->pdf, NULL, NULL, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
}

static void
test_missing_sheet (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);

  g_assert_false (gp_printer_submit (PRINTER, missing, NULL, NULL, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FILE);
  g_test_message ("%s", error->message);
}

static void
test_unknown_job (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GpPrintJobState state;

  g_assert_false (gp_printer_get_job_state (PRINTER, 4242, &state, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
}

static void
test_service_down (Fixture *f, gconstpointer data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "private-cupsd", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (!gp_test_run_tool (NULL, "cups-daemon", script, "stop", f->dir, NULL))
    return;
  cupsd_pid = 0;
  cupsSetServer (NULL);

  g_assert_false (gp_printer_submit (PRINTER, f->pdf, NULL, NULL, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  names = gp_printer_list (&error);
  g_assert_null (names);
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_null (gp_printer_list_info (&error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_null (gp_printer_get_info (PRINTER, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_UNAVAILABLE);
}

static void
test_state_names (void)
{
  static const struct {
    GpPrintJobState state;
    const char     *name;
  } names[] = {
    { GP_PRINT_JOB_PENDING, "pending" },
    { GP_PRINT_JOB_HELD, "held" },
    { GP_PRINT_JOB_PROCESSING, "processing" },
    { GP_PRINT_JOB_STOPPED, "stopped" },
    { GP_PRINT_JOB_CANCELED, "canceled" },
    { GP_PRINT_JOB_ABORTED, "aborted" },
    { GP_PRINT_JOB_COMPLETED, "completed" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (gp_print_job_state_to_string (names[i].state), ==, names[i].name);
}

/* ---- layouts, printer states, cancel, reprint ------------------------- */

static char *
render_with (Fixture    *f,
             const char *layout_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpLayout) layout = gp_layout_load (layout_name, &error);
  g_autofree char *photo = g_build_filename (f->dir, "2021000002.jpg", NULL);
  g_autofree char *name = g_strdup_printf ("%s.pdf", layout_name);
  char *pdf = g_build_filename (f->dir, name, NULL);
  GpSheetPhoto info = { photo, "钱多多", "2021000002", "数学2102班" };

  g_assert_no_error (error);
  g_assert_true (gp_sheet_render_student (layout, &info, pdf, &error));
  g_assert_no_error (error);
  return pdf;
}

/* A `pdfimages -list` row from its "jpeg" field on: jpeg, interp, object,
 * ID, x-ppi. */
static int
x_ppi_after_jpeg (const char *row)
{
  g_autofree char *line = g_strndup (row, strcspn (row, "\n"));
  g_auto(GStrv) fields = g_strsplit_set (g_strstrip (line), " ", -1);
  guint i, seen = 0;

  for (i = 0; fields[i] != NULL; i++)
    if (fields[i][0] != '\0' && ++seen == 5)
      return atoi (fields[i]);
  return 0;
}

/* The printed page is the layout's paper (A6 as the PPD rounds it). */
static void
test_media_per_layout (Fixture *f, gconstpointer data)
{
  /* 640 px over the photo's height: printed 1:1, not scaled to the page. */
  static const struct {
    const char *layout;
    const char *page_size;
    guint       images;
    int         ppi;
  } layouts[] = {
    { "4x6-33x48", "288 x 432 pts", 4, 339 },
    { "5x7-35x49", "360 x 504 pts", 8, 332 },
    { "a6-33x48", "297 x 420 pts", 4, 339 },
    { "a4-labels-25x35", "595 x 842 pts", 4, 464 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autoptr(GpLayout) layout = gp_layout_load (layouts[i].layout, NULL);
      g_autofree char *pdf = render_with (f, layouts[i].layout);
      g_autofree char *info = NULL;
      g_autofree char *images = NULL;
      g_autofree char *printed = NULL;
      g_autoptr(GError) error = NULL;
      int job_id = 0;
      guint n_images = 0;
      const char *p;

      g_assert_true (gp_printer_submit_sheet (PRINTER, pdf, layout, NULL, &job_id, &error));
      g_assert_no_error (error);
      wait_for_job (job_id, IPP_JSTATE_COMPLETED);
      printed = printed_file (f, job_id);
      if (!gp_test_run_tool (&info, "poppler-utils", "pdfinfo", printed, NULL) ||
          !gp_test_run_tool (&images, "poppler-utils", "pdfimages", "-list", printed, NULL))
        return;
      g_test_message ("%s printed on %.*s", layouts[i].layout,
                      (int) strcspn (strstr (info, "Page size:"), "\n"), strstr (info, "Page size:"));
      g_assert_nonnull (strstr (info, layouts[i].page_size));
      for (p = strstr (images, " jpeg "); p != NULL; p = strstr (p + 1, " jpeg "))
        {
          g_assert_cmpint (ABS (x_ppi_after_jpeg (p) - layouts[i].ppi), <=, 2);
          n_images++;
        }
      g_assert_cmpuint (n_images, ==, layouts[i].images);
    }
}

/* A printer without the layout's paper refuses before a job exists. */
static void
test_media_missing (Fixture *f, gconstpointer data)
{
  g_autofree char *ppd = g_test_build_filename (G_TEST_DIST, "data", "gradphoto-test-4x6.ppd", NULL);
  g_autofree char *a4 = render_with (f, "a4-labels-25x35");
  g_autoptr(GpLayout) layout = gp_layout_load ("a4-labels-25x35", NULL);
  g_autoptr(GError) error = NULL;
  int job_id = -1;

  if (!gp_test_run_tool (NULL, "cups-client", "lpadmin", "-h", f->sock, "-p", "Only4x6", "-E",
                         "-v", "file:/dev/null", "-P", ppd, NULL))
    return;
  g_assert_false (gp_printer_submit_sheet ("Only4x6", a4, layout, NULL, &job_id, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_MEDIA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "A4"));
  g_assert_cmpint (job_id, ==, -1);
}

static void
test_info_ready (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrinterInfo) info = gp_printer_get_info (PRINTER, &error);
  g_autoptr(GPtrArray) all = NULL;
  gboolean listed = FALSE;
  guint i;

  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, PRINTER);
  g_assert_cmpstr (gp_printer_state_to_string (info->state), ==, "idle");
  g_assert_true (info->accepting);
  g_assert_cmpuint (g_strv_length (info->reasons), ==, 0);
  g_assert_cmpstr (info->advice, ==, "Ready to print.");
  g_assert_cmpstr (info->make_and_model, ==, "GradPhoto Test Printer");

  all = gp_printer_list_info (&error);
  g_assert_no_error (error);
  for (i = 0; i < all->len; i++)
    {
      GpPrinterInfo *p = g_ptr_array_index (all, i);

      if (g_str_equal (p->name, PRINTER))
        {
          listed = TRUE;
          g_assert_cmpint (p->state, ==, GP_PRINTER_IDLE);
          g_assert_true (p->accepting);
        }
    }
  g_assert_true (listed);
}

static void
test_unknown_printer_info (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrinterInfo) info = gp_printer_get_info ("NoSuchPrinter", &error);

  g_assert_null (info);
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND);
}

/* Paused: the job waits, the app says why and what to do, and it prints
 * once the printer is resumed. */
static void
test_disabled_reported (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrinterInfo) info = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  g_autoptr(GpPrintJob) done = NULL;
  int job_id;

  if (!gp_test_run_tool (NULL, "cups-client", "cupsdisable", "-h", f->sock, "-r", "Ribbon change", PRINTER, NULL))
    return;
  info = gp_printer_get_info (PRINTER, &error);
  g_assert_no_error (error);
  g_test_message ("%s", info->advice);
  g_assert_cmpint (info->state, ==, GP_PRINTER_STOPPED);
  g_assert_true (gp_printer_info_has_reason (info, "paused"));
  g_assert_cmpstr (info->message, ==, "Ribbon change");
  g_assert_true (info->accepting);
  g_assert_nonnull (strstr (info->advice, "paused"));
  g_assert_nonnull (strstr (info->advice, "Ribbon change"));
  g_assert_nonnull (strstr (info->advice, "cupsenable " PRINTER));

  job_id = submit (f);
  g_usleep (G_USEC_PER_SEC / 2);
  job = gp_printer_get_job (PRINTER, job_id, &error);
  g_assert_no_error (error);
  g_test_message ("%s", job->advice);
  g_assert_cmpint (job->state, ==, GP_PRINT_JOB_PENDING);
  g_assert_nonnull (strstr (job->advice, "queue"));
  g_assert_nonnull (strstr (job->advice, "cupsenable " PRINTER));
  g_assert_false (was_printed (f, job_id));

  if (!gp_test_run_tool (NULL, "cups-client", "cupsenable", "-h", f->sock, PRINTER, NULL))
    return;
  wait_for_job (job_id, IPP_JSTATE_COMPLETED);
  done = gp_printer_get_job (PRINTER, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done->advice, ==, "Printed.");
  assert_printed_4x6 (f, job_id);
}

static void
test_rejecting_reported (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrinterInfo) info = NULL;

  if (!gp_test_run_tool (NULL, "cups-client", "cupsreject", "-h", f->sock, PRINTER, NULL))
    return;
  info = gp_printer_get_info (PRINTER, &error);
  g_assert_no_error (error);
  g_test_message ("%s", info->advice);
  g_assert_false (info->accepting);
  g_assert_nonnull (strstr (info->advice, "cupsaccept " PRINTER));
}

/* What a backend reports about the device, set as cupsd lets a backend set it. */
static void
set_printer_reason (const char *reason,
                    const char *message)
{
  char uri[HTTP_MAX_URI];
  ipp_t *request = ippNewRequest (IPP_OP_CUPS_ADD_MODIFY_PRINTER);

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0,
                    "/printers/%s", PRINTER);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddString (request, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "printer-state-reasons", NULL, reason);
  ippAddString (request, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-state-message", NULL, message);
  ippDelete (cupsDoRequest (CUPS_HTTP_DEFAULT, request, "/admin/"));
  g_assert_cmpint (cupsLastError (), <=, IPP_STATUS_OK_EVENTS_COMPLETE);
}

static void
test_out_of_paper_reported (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrinterInfo) info = NULL;

  set_printer_reason ("media-empty-error", "Load 4x6 paper");
  info = gp_printer_get_info (PRINTER, &error);
  g_assert_no_error (error);
  g_test_message ("%s", info->advice);
  g_assert_true (gp_printer_info_has_reason (info, "media-empty"));
  g_assert_cmpstr (info->message, ==, "Load 4x6 paper");
  g_assert_nonnull (strstr (info->advice, "out of paper"));
}

/* An unwritable device: the job sits in processing-stopped while the printer
 * says idle. Only the job's state shows it. */
static void
test_processing_stopped (Fixture *f, gconstpointer data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *device = g_strdup_printf ("file:%s/printed.pdf", blocker);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  g_autoptr(GpPrinterInfo) info = NULL;
  int job_id;

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  if (!gp_test_run_tool (NULL, "cups-client", "lpadmin", "-h", f->sock, "-p", PRINTER, "-v", device, NULL))
    return;
  job_id = submit (f);
  wait_for_job (job_id, IPP_JSTATE_STOPPED);
  job = gp_printer_get_job (PRINTER, job_id, &error);
  g_assert_no_error (error);
  g_test_message ("%s", job->advice);
  g_assert_true (g_str_has_prefix (job->advice, "Stuck: check the printer."));
  info = gp_printer_get_info (PRINTER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, GP_PRINTER_IDLE);

  /* A stuck job can be cancelled. */
  g_assert_true (gp_printer_cancel_job (PRINTER, job_id, &error));
  g_assert_no_error (error);
  wait_for_job (job_id, IPP_JSTATE_CANCELED);
}

/* A printer whose device fails (the backend cannot write; CUPS pauses the
 * queue): waiting for the job gives up in seconds, saying the printer
 * stopped, and the app names the printer and what to do. */
static void
test_failing_backend_fails_fast (Fixture *f, gconstpointer data)
{
  g_autofree char *ppd = g_test_build_filename (G_TEST_DIST, "data", "gradphoto-test.ppd", NULL);
  g_autofree char *device = g_strdup_printf ("gptest:%s/no-such-folder", f->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  g_autoptr(GpPrinterInfo) info = NULL;
  gint64 start;
  int job_id = 0;

  if (!gp_test_run_tool (NULL, "cups-client", "lpadmin", "-h", f->sock, "-p", "Broken", "-E",
                         "-v", device, "-P", ppd, NULL))
    return;
  g_assert_true (gp_printer_submit ("Broken", f->pdf, "钱多多 2021000002", &job_id, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_false (gp_test_cups_wait_job ("Broken", job_id, IPP_JSTATE_COMPLETED, 60, &error));
  g_test_message ("gave up after %.2f s: %s", (g_get_monotonic_time () - start) / 1e6, error->message);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (error->message, "the printer is stopped"));
  g_clear_error (&error);

  info = gp_printer_get_info ("Broken", &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, GP_PRINTER_STOPPED);
  job = gp_printer_get_job ("Broken", job_id, &error);
  g_assert_no_error (error);
  g_test_message ("%s", job->advice);
  g_assert_nonnull (strstr (job->advice, "paused"));
  g_assert_nonnull (strstr (job->advice, "cupsenable Broken"));
}

static void
test_cancel_pending (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpPrintJob) job = NULL;
  int job_id;

  if (!gp_test_run_tool (NULL, "cups-client", "cupsdisable", "-h", f->sock, PRINTER, NULL))
    return;
  job_id = submit (f);
  g_assert_true (gp_printer_cancel_job (PRINTER, job_id, &error));
  g_assert_no_error (error);
  job = gp_printer_get_job (PRINTER, job_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->state, ==, GP_PRINT_JOB_CANCELED);
  g_test_message ("%s", job->advice);

  /* Resuming the printer does not bring it back. */
  if (!gp_test_run_tool (NULL, "cups-client", "cupsenable", "-h", f->sock, PRINTER, NULL))
    return;
  g_usleep (G_USEC_PER_SEC / 2);
  wait_for_job (job_id, IPP_JSTATE_CANCELED);
  g_assert_false (was_printed (f, job_id));

  g_assert_false (gp_printer_cancel_job (PRINTER, job_id, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_FINISHED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (gp_printer_cancel_job (PRINTER, 4242, &error));
  g_assert_error (error, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND);
}

/* A reprint is the same sheet submitted again: a new job, the same page. */
static void
test_reprint (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_len = 0, second_len = 0;
  int job_1 = submit (f);
  int job_2;

  g_autofree char *first_file = printed_file (f, job_1);
  g_autofree char *second_file = NULL;

  wait_for_job (job_1, IPP_JSTATE_COMPLETED);
  g_assert_true (g_file_get_contents (first_file, &first, &first_len, NULL));

  job_2 = submit (f);
  g_assert_cmpint (job_2, >, job_1);
  wait_for_job (job_2, IPP_JSTATE_COMPLETED);
  second_file = printed_file (f, job_2);
  g_assert_true (g_file_get_contents (second_file, &second, &second_len, NULL));
  assert_printed_4x6 (f, job_2);
  g_assert_cmpuint (first_len, >, 0);
  g_assert_cmpuint (second_len, ==, first_len);
}

typedef struct {
  const char     *name;
  GpPrinterState  state;
  const char     *reasons[3];
  const char     *message;
  gboolean        accepting;
  const char     *expect[3];   /* in the advice */
} AdviceCase;

static const AdviceCase advice_cases[] = {
  { "ready", GP_PRINTER_IDLE, { NULL }, NULL, TRUE, { "Ready to print.", NULL } },
  { "printing", GP_PRINTER_PROCESSING, { NULL }, NULL, TRUE, { "Printing.", NULL } },
  { "paused-with-message", GP_PRINTER_STOPPED, { "paused", NULL }, "Lunch", TRUE, { "paused (“Lunch”)", "cupsenable P", NULL } },
  { "out-of-paper", GP_PRINTER_IDLE, { "media-empty-error", NULL }, NULL, TRUE, { "out of paper", NULL } },
  { "needs-paper-and-paused", GP_PRINTER_STOPPED, { "media-needed", "paused", NULL }, NULL, TRUE, { "needs paper", "paused", NULL } },
  { "offline-then-resume", GP_PRINTER_STOPPED, { "offline-report", NULL }, NULL, TRUE, { "offline", "Then resume it", NULL } },
  { "stopped-unknown-reason", GP_PRINTER_STOPPED, { NULL }, "Filter failed", TRUE, { "Check the printer", "Filter failed", NULL } },
  { "not-accepting", GP_PRINTER_IDLE, { NULL }, NULL, FALSE, { "not accepting", "cupsaccept P", NULL } },
  { "jam-and-low-toner", GP_PRINTER_IDLE, { "media-jam-error", "toner-low-warning", NULL }, NULL, TRUE, { "jammed", "running low", NULL } },
  /* "media-emptyish" is not "media-empty" with a suffix. */
  { "suffix-must-be-whole-word", GP_PRINTER_IDLE, { "media-emptyish", NULL }, NULL, TRUE, { "Ready to print.", NULL } },
};

static void
test_advice (gconstpointer data)
{
  const AdviceCase *c = data;
  g_autofree char *advice = gp_printer_describe ("P", c->state, c->reasons, c->message, c->accepting);
  guint i;

  g_test_message ("%s", advice);
  for (i = 0; c->expect[i] != NULL; i++)
    g_assert_nonnull (strstr (advice, c->expect[i]));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sock = NULL;
  g_autofree char *shipped = NULL;
  int status;
  guint i;

  g_test_init (&argc, &argv, NULL);

  /* Set before any thread exists: setenv is not thread-safe. */
  cupsd_dir = g_dir_make_tmp ("gp-printer-XXXXXX", &error);
  g_assert_no_error (error);
  sock = g_build_filename (cupsd_dir, "cups.sock", NULL);
  g_setenv ("CUPS_SERVER", sock, TRUE);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);

  signal (SIGABRT, on_fatal_signal);
  signal (SIGSEGV, on_fatal_signal);
  signal (SIGTERM, on_fatal_signal);
  signal (SIGINT, on_fatal_signal);

  g_test_add_func ("/printer/job-state/names", test_state_names);
  ADD ("/printer/submit/completes-into-file", test_submit_completes);
  ADD ("/printer/submit/unknown-printer", test_unknown_printer);
  ADD ("/printer/submit/missing-sheet", test_missing_sheet);
  ADD ("/printer/list/has-test-printer", test_list);
  ADD ("/printer/disabled/pending-until-enabled", test_disabled_keeps_pending);
  ADD ("/printer/rejecting/submit-fails", test_rejecting_fails);
  ADD ("/printer/job-state/unknown-job", test_unknown_job);
  ADD ("/printer/service/down", test_service_down);
  ADD ("/printer/media/page-size-per-layout", test_media_per_layout);
  ADD ("/printer/media/missing-paper-refused", test_media_missing);
  ADD ("/printer/info/ready", test_info_ready);
  ADD ("/printer/info/unknown-printer", test_unknown_printer_info);
  ADD ("/printer/info/out-of-paper", test_out_of_paper_reported);
  ADD ("/printer/disabled/reported-paused-then-completes", test_disabled_reported);
  ADD ("/printer/rejecting/reported", test_rejecting_reported);
  ADD ("/printer/job/processing-stopped-is-stuck", test_processing_stopped);
  ADD ("/printer/job/cancel-pending", test_cancel_pending);
  ADD ("/printer/wait/failing-backend-fails-fast", test_failing_backend_fails_fast);
  ADD ("/printer/job/reprint-same-sheet", test_reprint);
  for (i = 0; i < G_N_ELEMENTS (advice_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/printer/advice/%s", advice_cases[i].name);

      g_test_add_data_func (path, &advice_cases[i], test_advice);
    }

  status = g_test_run ();
  gp_test_remove_tree (cupsd_dir);
  g_free (cupsd_dir);
  return status;
}
