/* Printing against a real, private cupsd (tests/private-cupsd) whose queue
 * GradPhotoTest writes each job, through pdftopdf, into DIR/out/printed.pdf. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <cups/cups.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "print/gp-printer.h"
#include "print/gp-sheet.h"

#include "gp-test-util.h"

#define PRINTER     "GradPhotoTest"
#define JOB_TIMEOUT (30 * G_USEC_PER_SEC)

typedef struct {
  char *dir;
  char *sock;
  char *pdf;
  char *printed;
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
  g_assert_true (gp_sheet_render_student (&info, pdf, &error));
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
  f->printed = g_build_filename (f->dir, "out", "printed.pdf", NULL);
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
  g_free (f->printed);
}

static gboolean
is_final (GpPrintJobState state)
{
  return state == GP_PRINT_JOB_COMPLETED || state == GP_PRINT_JOB_CANCELED ||
         state == GP_PRINT_JOB_ABORTED || state == GP_PRINT_JOB_STOPPED;
}

/* Polls until the job is in @want or a final state, or the timeout passes. */
static GpPrintJobState
wait_for_job (int job_id, GpPrintJobState want)
{
  gint64 deadline = g_get_monotonic_time () + JOB_TIMEOUT;
  GpPrintJobState state = GP_PRINT_JOB_PENDING;

  do
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (gp_printer_get_job_state (PRINTER, job_id, &state, &error));
      g_assert_no_error (error);
      if (state == want || is_final (state))
        break;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  while (g_get_monotonic_time () < deadline);
  return state;
}

static void
assert_printed_4x6 (Fixture *f)
{
  g_autofree char *info = NULL;
  g_autofree char *images = NULL;

  g_assert_true (g_file_test (f->printed, G_FILE_TEST_IS_REGULAR));
  if (!gp_test_run_tool (&info, "poppler-utils", "pdfinfo", f->printed, NULL) ||
      !gp_test_run_tool (&images, "poppler-utils", "pdfimages", "-list", f->printed, NULL))
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

  g_assert_cmpstr (gp_print_job_state_to_string (wait_for_job (job_id, GP_PRINT_JOB_COMPLETED)),
                   ==, "completed");
  assert_printed_4x6 (f);
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
  g_assert_false (g_file_test (f->printed, G_FILE_TEST_EXISTS));

  if (!gp_test_run_tool (NULL, "cups-client", "cupsenable", "-h", f->sock, PRINTER, NULL))
    return;
  g_assert_cmpstr (gp_print_job_state_to_string (wait_for_job (job_id, GP_PRINT_JOB_COMPLETED)),
                   ==, "completed");
  assert_printed_4x6 (f);
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sock = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Set before any thread exists: setenv is not thread-safe. */
  cupsd_dir = g_dir_make_tmp ("gp-printer-XXXXXX", &error);
  g_assert_no_error (error);
  sock = g_build_filename (cupsd_dir, "cups.sock", NULL);
  g_setenv ("CUPS_SERVER", sock, TRUE);

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

  status = g_test_run ();
  gp_test_remove_tree (cupsd_dir);
  g_free (cupsd_dir);
  return status;
}
