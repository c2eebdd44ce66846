/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "camera/gp-demo-scene.h"
#include "image/gp-frame-cairo.h"
#include "scan/gp-scanner.h"

#define CODE_A "学号=2021000001;姓名=赵小明"
#define CODE_B "学号=2021000002;姓名=钱多多"

static GThread *main_thread;

/* A 720p grey frame of a grey wall, with the payload's code on it unless
 * NULL, light on dark when inverted. */
static GpFrame *
code_frame_full (const char *payload,
                 gboolean    inverted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) rgb = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.62, 0.6, 0.57);
  cairo_paint (cr);
  if (payload != NULL)
    {
      cairo_translate (cr, 400, 150);
      g_assert_true (gp_demo_scene_draw_qr (cr, (const guint8 *) payload, strlen (payload),
                                            6, inverted, NULL, &error));
      g_assert_no_error (error);
    }
  cairo_destroy (cr);
  rgb = gp_frame_from_cairo (surface);
  cairo_surface_destroy (surface);
  return gp_frame_to_gray (rgb);
}

static GpFrame *
code_frame (const char *payload)
{
  return code_frame_full (payload, FALSE);
}

/* A camera's streaming thread: pushes the frames in order, then repeats
 * the last one until duration_ms have passed. */
typedef struct {
  GpScanner  *scanner;
  GPtrArray  *frames;
  guint       duration_ms;
  gulong      interval_us;
  guint       pushed;
  gboolean    done;
} Pusher;

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
pusher_main (gpointer data)
{
  Pusher *pusher = data;
  gint64 end = g_get_monotonic_time () + pusher->duration_ms * G_TIME_SPAN_MILLISECOND;
  GpFrame *last = g_ptr_array_index (pusher->frames, pusher->frames->len - 1);

  for (guint i = 0; i < pusher->frames->len; i++, pusher->pushed++)
    {
      gp_scanner_push_frame (pusher->scanner, g_ptr_array_index (pusher->frames, i));
      if (pusher->interval_us > 0)
        g_usleep (pusher->interval_us);
    }
  while (g_get_monotonic_time () < end)
    {
      gp_scanner_push_frame (pusher->scanner, last);
      pusher->pushed++;
      g_usleep (MAX (pusher->interval_us, 1000));
    }
  g_idle_add (set_flag_cb, &pusher->done);
  return NULL;
}

static void
run_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_for (guint ms)
{
  gboolean elapsed = FALSE;

  g_timeout_add (ms, set_flag_cb, &elapsed);
  while (!elapsed)
    g_main_context_iteration (NULL, TRUE);
}

/* Pushes from another thread while the main loop runs; returns the pushes. */
static guint
push_from_thread (GpScanner *scanner,
                  GpFrame  **frames,
                  guint      n_frames,
                  guint      duration_ms,
                  gulong     interval_us)
{
  Pusher pusher = { scanner, g_ptr_array_new (), duration_ms, interval_us, 0, FALSE };
  GThread *thread;

  for (guint i = 0; i < n_frames; i++)
    g_ptr_array_add (pusher.frames, frames[i]);
  thread = g_thread_new ("pusher", pusher_main, &pusher);
  run_until (&pusher.done);
  g_thread_join (thread);
  g_ptr_array_unref (pusher.frames);
  return pusher.pushed;
}

typedef struct {
  GpScanner *scanner;
  GPtrArray *payloads;   /* char *, NULL for refused codes */
  GPtrArray *problems;
  gint64     last_report;
  gboolean   last_inverted;
} Fixture;

static void
on_code_scanned (GpScanner *scanner,
                 GpQrCode  *code,
                 Fixture   *fixture)
{
  g_assert_true (g_thread_self () == main_thread);
  g_ptr_array_add (fixture->payloads, g_strdup (code->payload));
  g_ptr_array_add (fixture->problems, g_strdup (code->problem));
  fixture->last_report = g_get_monotonic_time ();
  fixture->last_inverted = code->inverted;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->scanner = gp_scanner_new ();
  fixture->payloads = g_ptr_array_new_with_free_func (g_free);
  fixture->problems = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->scanner, "code-scanned", G_CALLBACK (on_code_scanned), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->scanner);
  g_ptr_array_unref (fixture->payloads);
  g_ptr_array_unref (fixture->problems);
}

static void
assert_reports (Fixture           *fixture,
                const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (fixture->payloads->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->payloads, i), ==, expected[i]);
}

/* A code held up for a second at 30 fps is one report; after a reset it is
 * reported again, and a different code is reported at once. */
static void
test_debounce (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GpFrame) a = code_frame (CODE_A);
  g_autoptr(GpFrame) b = code_frame (CODE_B);
  gint64 pushed_b;

  g_assert_cmpuint (gp_scanner_get_debounce_ms (fixture->scanner), ==, 3000);
  push_from_thread (fixture->scanner, &a, 1, 1000, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, NULL });
  g_assert_cmpuint (gp_scanner_get_frames_scanned (fixture->scanner), >, 1);

  push_from_thread (fixture->scanner, &a, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, NULL });

  gp_scanner_reset_debounce (fixture->scanner);
  push_from_thread (fixture->scanner, &a, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, CODE_A, NULL });

  pushed_b = g_get_monotonic_time ();
  push_from_thread (fixture->scanner, &b, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, CODE_A, CODE_B, NULL });
  g_assert_cmpint (fixture->last_report - pushed_b, <, 1000 * G_TIME_SPAN_MILLISECOND);
}

/* The window runs from when the code was last seen, not first reported. */
static void
test_debounce_window (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GpFrame) a = code_frame (CODE_A);

  gp_scanner_set_debounce_ms (fixture->scanner, 400);
  push_from_thread (fixture->scanner, &a, 1, 1200, G_USEC_PER_SEC / 30);
  run_for (800);
  assert_reports (fixture, (const char *const[]) { CODE_A, NULL });

  push_from_thread (fixture->scanner, &a, 1, 0, 0);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, CODE_A, NULL });
}

/* 50 stale frames pushed in a burst are dropped, not queued. */
static void
test_newest_frame_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GpFrame) blank = code_frame (NULL);
  g_autoptr(GpFrame) b = code_frame (CODE_B);
  GpFrame *frames[51];
  guint pushed, scanned;

  for (guint i = 0; i < 50; i++)
    frames[i] = blank;
  frames[50] = b;
  pushed = push_from_thread (fixture->scanner, frames, G_N_ELEMENTS (frames), 0, 0);
  run_for (500);

  assert_reports (fixture, (const char *const[]) { CODE_B, NULL });
  scanned = gp_scanner_get_frames_scanned (fixture->scanner);
  g_test_message ("pushed %u frames, scanned %u", pushed, scanned);
  g_assert_cmpuint (pushed, ==, 51);
  g_assert_cmpuint (scanned, >=, 1);
  g_assert_cmpuint (scanned, <, pushed);
}

static void
test_paused (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GpFrame) a = code_frame (CODE_A);
  gboolean paused = FALSE;

  gp_scanner_set_paused (fixture->scanner, TRUE);
  g_object_get (fixture->scanner, "paused", &paused, NULL);
  g_assert_true (paused);
  push_from_thread (fixture->scanner, &a, 1, 500, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { NULL });
  g_assert_cmpuint (gp_scanner_get_frames_scanned (fixture->scanner), ==, 0);

  gp_scanner_set_paused (fixture->scanner, FALSE);
  push_from_thread (fixture->scanner, &a, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_A, NULL });
}

/* The kiosk says why a code cannot be used, so refused codes are reported too. */
static void
test_refused_reported (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GpFrame) bad = code_frame ("2021000001\t赵小明");

  push_from_thread (fixture->scanner, &bad, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  g_assert_cmpuint (fixture->problems->len, ==, 1);
  g_assert_null (g_ptr_array_index (fixture->payloads, 0));
  g_assert_nonnull (g_ptr_array_index (fixture->problems, 0));
}

/* A phone in dark mode: light modules on a dark screen, reported as such. */
static void
test_dark_mode_reported (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GpFrame) dark = code_frame_full (CODE_B, TRUE);

  push_from_thread (fixture->scanner, &dark, 1, 300, G_USEC_PER_SEC / 30);
  run_for (300);
  assert_reports (fixture, (const char *const[]) { CODE_B, NULL });
  g_assert_true (fixture->last_inverted);
}

static guint emissions;

static gboolean
count_emission (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               data)
{
  emissions++;
  return TRUE;
}

/* Dropping the scanner while it decodes, or with results on their way to
 * the main loop, neither crashes nor emits afterwards. */
static void
test_unref_while_busy (void)
{
  g_autoptr(GpFrame) a = code_frame (CODE_A);
  guint signal_id = g_signal_lookup ("code-scanned", GP_TYPE_SCANNER);
  gulong hook;

  hook = g_signal_add_emission_hook (signal_id, 0, count_emission, NULL, NULL);
  for (guint round = 0; round < 20; round++)
    {
      GpScanner *scanner = gp_scanner_new ();

      emissions = 0;
      gp_scanner_push_frame (scanner, a);
      if (round % 2 == 0)
        g_usleep (round * 1000);
      else
        while (gp_scanner_get_frames_scanned (scanner) == 0)
          g_usleep (1000);
      g_object_unref (scanner);
      run_for (50);
      g_assert_cmpuint (emissions, ==, 0);
    }

  /* The hook does see emissions of a scanner that stays. */
  {
    g_autoptr(GpScanner) scanner = gp_scanner_new ();

    gp_scanner_push_frame (scanner, a);
    while (emissions == 0)
      g_main_context_iteration (NULL, TRUE);
  }
  g_signal_remove_emission_hook (signal_id, hook);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  g_type_ensure (GP_TYPE_SCANNER);

  g_test_add ("/scan/scanner/debounce", Fixture, NULL, fixture_set_up, test_debounce, fixture_tear_down);
  g_test_add ("/scan/scanner/debounce-from-last-seen", Fixture, NULL,
              fixture_set_up, test_debounce_window, fixture_tear_down);
  g_test_add ("/scan/scanner/newest-frame-only", Fixture, NULL,
              fixture_set_up, test_newest_frame_only, fixture_tear_down);
  g_test_add ("/scan/scanner/paused", Fixture, NULL, fixture_set_up, test_paused, fixture_tear_down);
  g_test_add ("/scan/scanner/refused-reported", Fixture, NULL,
              fixture_set_up, test_refused_reported, fixture_tear_down);
  g_test_add ("/scan/scanner/dark-mode-reported", Fixture, NULL,
              fixture_set_up, test_dark_mode_reported, fixture_tear_down);
  g_test_add_func ("/scan/scanner/unref-while-busy", test_unref_while_busy);

  return g_test_run ();
}
