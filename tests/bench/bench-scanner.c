/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The scanner thread as the kiosk runs it, on one core: a camera thread
 * decodes 1080p MJPEG frames (as a webcam sends them) and pushes them at
 * 30 fps; the student lifts a code into view at frame k. Measures the time
 * from the camera having frame k to the "code-scanned" signal in the main
 * loop, over many students, then the process's CPU over 10 s at 30 fps,
 * idle and with a code held up, the MJPEG decoding included (GStreamer's,
 * to I420, as the kiosk's pipeline decodes). The codes are
 * the ones an independent reader (zbarimg) reads from one frame, not the
 * ones ours reads: ours missing one counts as infinitely late. Exits 1 when
 * a target is missed: 100 ms median, 150 ms 95th percentile, half a core.
 *
 *   bench-scanner [--students N] [--seed N]
 */
#define _GNU_SOURCE
#include "config.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib.h>
#include <gst/app/app.h>

#include "camera/gp-sample-luma.h"
#include "image/gp-jpeg.h"
#include "scan/gp-scanner.h"

#include "gp-test-util.h"
#include "qr-scenes.h"

#define FRAME_US (G_USEC_PER_SEC / 30)
#define GIVE_UP_US (3 * G_USEC_PER_SEC)
#define MEDIAN_TARGET 100.0
#define P95_TARGET 150.0
#define CPU_TARGET 50.0

/* The camera's streaming thread: `before` frames without the code, then the
 * code's frames in turn until told to stop. */
typedef struct {
  GpScanner  *scanner;
  GBytes     *empty;       /* MJPEG frames */
  GBytes     *code[2];
  GPtrArray  *frames;      /* or these in turn, for the CPU runs */
  guint       before;
  gint64      until;       /* stop pushing then, or 0 */
  gint64      code_shown;  /* when frame k was pushed */
  gint        stop;        /* atomic */
} Camera;

/* The webcam's decoding as the kiosk's pipeline has it (src/camera:
 * decodebin, then I420, whose luma plane the analysis branch copies out). */
typedef struct {
  GstElement  *pipeline;
  GstAppSrc   *src;
  GstAppSink  *sink;
} Decoder;

static Decoder decoder;

static void
decoder_start (void)
{
  g_autoptr(GError) error = NULL;

  decoder.pipeline = gst_parse_launch ("appsrc name=src caps=image/jpeg,framerate=30/1 ! decodebin"
                                       " ! videoconvert ! video/x-raw,format=I420"
                                       " ! appsink name=sink sync=false max-buffers=1", &error);
  g_assert_no_error (error);
  decoder.src = GST_APP_SRC (gst_bin_get_by_name (GST_BIN (decoder.pipeline), "src"));
  decoder.sink = GST_APP_SINK (gst_bin_get_by_name (GST_BIN (decoder.pipeline), "sink"));
  gst_element_set_state (decoder.pipeline, GST_STATE_PLAYING);
}

static void
decoder_stop (void)
{
  gst_element_set_state (decoder.pipeline, GST_STATE_NULL);
  gst_object_unref (decoder.src);
  gst_object_unref (decoder.sink);
  gst_object_unref (decoder.pipeline);
}

static void
push_mjpeg (GpScanner *scanner,
            GBytes    *jpeg)
{
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GpFrame) gray = NULL;

  g_assert_cmpint (gst_app_src_push_buffer (decoder.src, gst_buffer_new_wrapped_bytes (jpeg)), ==, GST_FLOW_OK);
  sample = gst_app_sink_pull_sample (decoder.sink);
  g_assert_nonnull (sample);
  gray = gp_sample_luma (sample);
  g_assert_nonnull (gray);
  gp_scanner_push_frame (scanner, gray);
}

static gpointer
camera_main (gpointer data)
{
  Camera *camera = data;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; !g_atomic_int_get (&camera->stop); i++)
    {
      gint64 due = start + (gint64) i * FRAME_US, now = g_get_monotonic_time ();

      if (camera->until > 0 && due >= camera->until)
        break;
      if (due > now)
        g_usleep ((gulong) (due - now));
      if (camera->frames != NULL)
        push_mjpeg (camera->scanner, g_ptr_array_index (camera->frames, i % camera->frames->len));
      else if (i < camera->before)
        push_mjpeg (camera->scanner, camera->empty);
      else
        {
          /* A webcam's frame exists once it has arrived, before decoding. */
          if (i == camera->before)
            camera->code_shown = g_get_monotonic_time ();
          push_mjpeg (camera->scanner, camera->code[i % 2]);
        }
    }
  return NULL;
}

typedef struct {
  const char *expected;
  gint64      seen;
  gboolean    done;
} Wait;

static void
on_code_scanned (GpScanner *scanner,
                 GpQrCode  *code,
                 Wait      *wait)
{
  if (!wait->done && g_strcmp0 (code->payload, wait->expected) == 0)
    {
      wait->seen = g_get_monotonic_time ();
      wait->done = TRUE;
    }
}

/* The scene as a webcam's MJPEG frame. */
static GBytes *
render_mjpeg (const QrScene *scene)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) rgb = qr_scene_render (scene, &error);
  GBytes *jpeg;

  g_assert_no_error (error);
  jpeg = gp_jpeg_encode (rgb, 85, 72, &error);
  g_assert_no_error (error);
  return jpeg;
}

/* Whether zbarimg reads @payload from the frame: the judge of which codes
 * are readable, independent of the reader under test. */
static gboolean
judge_reads (GBytes     *jpeg,
             const char *payload,
             const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "judge.jpg", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "zbarimg", "--nodbus", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", "-Sqrcode.binary", "-Stest-inverted",
    path, NULL,
  };
  int status = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), (gssize) g_bytes_get_size (jpeg),
                                      &error));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("zbarimg (Debian package zbar-tools) is needed as the judge: %s", error->message);
  return out != NULL && g_str_has_prefix (out, payload) && out[strlen (payload)] == '\n';
}

/* A student whose code the judge reads from one frame. */
static QrScene *
readable_scene (GRand      *rand,
                const char *dir,
                GBytes    **frames)
{
  for (;;)
    {
      g_autoptr(QrScene) scene = qr_scene_random (rand, TRUE);
      QrScene empty;

      frames[1] = render_mjpeg (scene);
      if (!judge_reads (frames[1], scene->payload, dir))
        {
          g_clear_pointer (&frames[1], g_bytes_unref);
          continue;
        }
      scene->frame = 1;
      frames[2] = render_mjpeg (scene);
      empty = *scene;
      empty.payload = NULL;
      frames[0] = render_mjpeg (&empty);
      return g_steal_pointer (&scene);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop, asleep between events, until *flag or @us have passed. */
static void
run_until (gboolean *flag,
           gint64    us)
{
  gboolean elapsed = FALSE;
  guint timeout = g_timeout_add ((guint) (us / 1000), set_flag_cb, &elapsed);

  while (!*flag && !elapsed)
    g_main_context_iteration (NULL, TRUE);
  if (!elapsed)
    g_source_remove (timeout);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Share of one core the whole process used while @frames came at 30 fps,
 * in turn. */
static double
cpu_share (GpScanner *scanner,
           GPtrArray *frames,
           guint      seconds)
{
  Camera camera = { scanner, NULL, { NULL, NULL }, NULL, 0, 0, 0, 0 };
  GThread *thread;
  double cpu = cpu_seconds ();
  gint64 start = g_get_monotonic_time ();
  gboolean never = FALSE;

  camera.frames = frames;
  camera.until = start + seconds * G_USEC_PER_SEC;
  thread = g_thread_new ("camera", camera_main, &camera);
  run_until (&never, seconds * G_USEC_PER_SEC);
  g_thread_join (thread);
  return 100 * (cpu_seconds () - cpu) / ((g_get_monotonic_time () - start) / 1e6);
}

int
main (int    argc,
      char **argv)
{
  int students = 60, seed = 20260302;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "Print each student's latency and scene", NULL },
    { "students", 0, 0, G_OPTION_ARG_INT, &students, "Codes held up (default 60)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the scenes (default 20260302)", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- recognition latency and CPU of the scanner");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GpScanner) scanner = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) idle_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) held_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint missed = 0;
  double median, p95, idle, held;
  g_autofree char *median_text = NULL;
  g_autofree char *p95_text = NULL;
  cpu_set_t one;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  /* One core for every thread: the scanner's, the camera's and the main loop. */
  CPU_ZERO (&one);
  CPU_SET (0, &one);
  if (sched_setaffinity (0, sizeof one, &one) != 0)
    g_printerr ("Could not keep to one core; the figures are for all cores.\n");

  gst_init (NULL, NULL);
  decoder_start ();
  rand = g_rand_new_with_seed ((guint32) seed);
  dir = g_dir_make_tmp ("gp-bench-scanner-XXXXXX", &error);
  g_assert_no_error (error);
  scanner = gp_scanner_new ();
  for (int s = 0; s < students; s++)
    {
      GBytes *frames[3] = { NULL, NULL, NULL };
      g_autoptr(QrScene) scene = readable_scene (rand, dir, frames);
      Wait wait = { scene->payload, 0, FALSE };
      Camera camera = { scanner, frames[0], { frames[1], frames[2] }, NULL, 0, 0, 0, 0 };
      GThread *thread;
      gulong handler;

      /* Half a second to a second of the student before the code comes up,
       * so it arrives at any point of the scanner's cycle. */
      camera.before = 15 + (guint) g_rand_int_range (rand, 0, 15);
      handler = g_signal_connect (scanner, "code-scanned", G_CALLBACK (on_code_scanned), &wait);
      thread = g_thread_new ("camera", camera_main, &camera);
      run_until (&wait.done, camera.before * FRAME_US + GIVE_UP_US);
      g_atomic_int_set (&camera.stop, TRUE);
      g_thread_join (thread);
      g_signal_handler_disconnect (scanner, handler);
      gp_scanner_reset_debounce (scanner);

      /* A code never reported counts as infinitely late. */
      {
        double ms = wait.done ? (wait.seen - camera.code_shown) / 1000.0 : G_MAXDOUBLE;

        g_array_append_val (latencies, ms);
        missed += !wait.done;
        if (list)
          g_print ("%3d: %s ms  %s, module %.1f px, turned %.0f, tilted %.0f deg, blur %.1f, glare %d\n", s,
                   wait.done ? g_strdup_printf ("%6.0f", ms) : "missed", qr_carrier_to_string (scene->carrier),
                   scene->module, scene->roll, scene->tilt, scene->blur, scene->glare);
      }
      /* Ten students' scenes for the CPU runs. */
      if (s < 10)
        {
          g_ptr_array_add (idle_frames, g_bytes_ref (frames[0]));
          g_ptr_array_add (held_frames, g_bytes_ref (frames[s % 2 + 1]));
        }
      for (int i = 0; i < 3; i++)
        g_bytes_unref (frames[i]);
    }

  g_array_sort (latencies, compare_doubles);
  median = g_array_index (latencies, double, latencies->len / 2);
  p95 = g_array_index (latencies, double, MIN (latencies->len - 1, latencies->len * 95 / 100));
  median_text = median < G_MAXDOUBLE ? g_strdup_printf ("%.0f", median) : g_strdup ("(missed)");
  p95_text = p95 < G_MAXDOUBLE ? g_strdup_printf ("%.0f", p95) : g_strdup ("(missed)");
  g_print ("Recognition at 1080p MJPEG, 30 fps, one core (decoding included): %d codes held up, each\n"
           "one that zbarimg reads from its first frame (an independent judge), scenes as in bench-qr; time\n"
           "from the camera having the first frame with the code to the \"code-scanned\" signal in the main\n"
           "loop (misses count as infinitely late):\n"
           "  median %s ms (target %.0f), 95th percentile %s ms (target %.0f), not reported within 3 s: %u\n",
           students, median_text, MEDIAN_TARGET, p95_text, P95_TARGET, missed);

  idle = cpu_share (scanner, idle_frames, 10);
  held = cpu_share (scanner, held_frames, 10);
  g_print ("CPU of the process at 30 fps over 10 s (getrusage, MJPEG decoding included), share of one core\n"
           "(target %.0f%%):\n"
           "  waiting for a student %.0f%%, a code held up %.0f%%; %u frames scanned in all\n",
           CPU_TARGET, idle, held, gp_scanner_get_frames_scanned (scanner));

  if (median > MEDIAN_TARGET || p95 > P95_TARGET || MAX (idle, held) > CPU_TARGET)
    {
      g_print ("A target was MISSED.\n");
      status = 1;
    }
  decoder_stop ();
  gp_test_remove_tree (dir);
  return status;
}
