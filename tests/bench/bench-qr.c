/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* How well and how fast collection codes are read: synthetic 1080p webcam
 * frames (tests/bench/qr-scenes.c) read by our reader, by zbarimg and by
 * ZXing-cpp's ZXingReader, on the same frames in one run. Prints the decode
 * rate and the median and 95th percentile milliseconds per frame of each,
 * then the rates by condition. ZXing-cpp 1.4 cannot invert an image by
 * itself, so it is also given a negated copy of each frame it does not read
 * (as a script around it would), which is the fair peer for light-on-dark
 * codes. Exits 1 when our reader reads fewer codes than that peer.
 *
 *   bench-qr [--frames N] [--blank N] [--seed N] [--keep DIR]
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "scan/gp-qr-reader.h"

#include "gp-test-util.h"
#include "qr-scenes.h"

typedef struct Reader Reader;

/* Reads one frame; returns the payloads found (raw bytes), or NULL when the
 * reader could not run at all. @work_ms: the CPU of the work a reader does
 * per frame (JPEG decode and read), a tool's start-up taken off. */
typedef GPtrArray *(*ReadFunc) (const Reader *reader,
                                const char   *path,
                                double       *work_ms);

struct Reader {
  const char  *name;
  const char  *note;
  ReadFunc     read;
  gpointer     data;
  /* Results. */
  gboolean     available;
  double      *wall;
  double      *cpu;
  double       startup_cpu;  /* a tool's CPU before it reads anything */
  double       startup_wall;
  guint        decoded;
  guint        wrong;
  guint        by_group[16][2];  /* [group][decoded, frames] */
};

/* Conditions the rates are broken down by. */
static const char *const group_names[] = {
  "paper", "paper, inverted print", "phone, light mode", "phone, dark mode",
  "modules 2-3 px", "modules 3-4 px", "modules 4-6 px", "modules 6-8 px",
  "sharp", "blurred", "glare", "tilted > 25 deg", "Chinese payload",
  "dark on light (ZXing can read)",
};

static guint
scene_groups (const QrScene *scene,
              guint          groups[8])
{
  guint n = 0;

  groups[n++] = scene->carrier;
  groups[n++] = scene->module < 3 ? 4 : scene->module < 4 ? 5 : scene->module < 6 ? 6 : 7;
  groups[n++] = scene->blur > 0 ? 9 : 8;
  if (scene->glare)
    groups[n++] = 10;
  if (scene->tilt > 25)
    groups[n++] = 11;
  if (scene->chinese)
    groups[n++] = 12;
  if (scene->carrier == QR_CARRIER_PAPER || scene->carrier == QR_CARRIER_PHONE_LIGHT)
    groups[n++] = 13;
  return n;
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static GPtrArray *
read_ours (const Reader *self,
           const char   *path,
           double       *work_ms)
{
  GpQrReader *reader = self->data;
  double cpu_start = thread_cpu_ms ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = gp_jpeg_load (path, &error);
  g_autoptr(GpFrame) gray = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  GPtrArray *payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_assert_no_error (error);
  /* The camera's analysis branch delivers grey frames. */
  gray = gp_frame_to_gray (frame);
  codes = gp_qr_reader_decode (reader, gray);
  /* The same work a tool does per frame but start-up: JPEG decode, grey, read. */
  *work_ms = thread_cpu_ms () - cpu_start;
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (payloads, g_bytes_ref (((GpQrCode *) g_ptr_array_index (codes, i))->raw));
  return payloads;
}

/* A tool per frame, as a script would run it; its CPU time from wait4 (). */
static GPtrArray *
read_tool (const Reader *self,
           const char   *path,
           double       *work_ms)
{
  const char *const *args = self->data;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  GPtrArray *payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GPid pid;
  int fd, status;
  struct rusage usage;
  guint8 buffer[4096];
  gssize got;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &fd, NULL, &error))
    {
      g_ptr_array_unref (payloads);
      return NULL;
    }
  while ((got = read (fd, buffer, sizeof buffer)) > 0)
    g_byte_array_append (out, buffer, (guint) got);
  close (fd);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4 failed");
  g_spawn_close_pid (pid);
  *work_ms = MAX (0.0, (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                       (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0 - self->startup_cpu);

  /* zbarimg --raw ends each code with a newline; ZXingReader -bytes writes
   * the bytes alone. Payloads here never hold a newline. */
  if (strcmp (args[0], "zbarimg") == 0)
    {
      gsize start = 0;

      for (gsize i = 0; i < out->len; i++)
        if (out->data[i] == '\n')
          {
            g_ptr_array_add (payloads, g_bytes_new (out->data + start, i - start));
            start = i + 1;
          }
    }
  else if (out->len > 0)
    g_ptr_array_add (payloads, g_bytes_new (out->data, out->len));
  return payloads;
}

/* The negated copy of a frame, written beside it (see write_negated ()). */
static char *
negated_path (const char *path)
{
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".jpg"));

  return g_strconcat (stem, "-neg.jpg", NULL);
}

/* ZXing-cpp 1.4 reads dark-on-light codes only: a frame it does not read is
 * given to it again negated, as a script around it would. */
static GPtrArray *
read_tool_then_negated (const Reader *self,
                        const char   *path,
                        double       *work_ms)
{
  g_autofree char *negated = negated_path (path);
  GPtrArray *payloads = read_tool (self, path, work_ms);
  double second = 0;

  if (payloads == NULL || payloads->len > 0)
    return payloads;
  g_ptr_array_unref (payloads);
  payloads = read_tool (self, negated, &second);
  *work_ms += second;
  return payloads;
}

static void
write_negated (GPtrArray *scenes)
{
  for (guint i = 0; i < scenes->len; i++)
    {
      const QrScene *scene = g_ptr_array_index (scenes, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFrame) frame = gp_jpeg_load (scene->path, &error);
      g_autofree char *negated = negated_path (scene->path);

      g_assert_no_error (error);
      for (int y = 0; y < frame->height; y++)
        {
          guint8 *row = frame->data + (gsize) y * frame->stride;

          for (int x = 0; x < frame->width * gp_frame_channels (frame); x++)
            row[x] = 255 - row[x];
        }
      /* Quality 95: the copy should not be worse than the frame it negates. */
      g_assert_true (gp_jpeg_save (frame, negated, 95, 72, &error));
      g_assert_no_error (error);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (const double *values,
            guint         n,
            double        p)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof *values);

  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return sorted[MIN (n - 1, (guint) (p * n))];
}

static void
run_reader (Reader    *reader,
            GPtrArray *scenes,
            guint      n_codes)
{
  reader->wall = g_new0 (double, scenes->len);
  reader->cpu = g_new0 (double, scenes->len);
  reader->available = TRUE;
  for (guint i = 0; i < scenes->len; i++)
    {
      const QrScene *scene = g_ptr_array_index (scenes, i);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) payloads = reader->read (reader, scene->path, &reader->cpu[i]);
      gboolean hit = FALSE;
      guint groups[8], n;

      reader->wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (payloads == NULL)
        {
          reader->available = FALSE;
          return;
        }
      for (guint j = 0; j < payloads->len; j++)
        {
          gsize length;
          const char *bytes = g_bytes_get_data (g_ptr_array_index (payloads, j), &length);

          if (scene->payload != NULL && length == strlen (scene->payload) && memcmp (bytes, scene->payload, length) == 0)
            hit = TRUE;
          else
            reader->wrong++;
        }
      if (i >= n_codes)
        continue;
      reader->decoded += hit;
      n = scene_groups (scene, groups);
      for (guint g = 0; g < n; g++)
        {
          reader->by_group[groups[g]][0] += hit;
          reader->by_group[groups[g]][1]++;
        }
    }
}

/* What starting a tool costs before it reads anything (a 16 × 16 grey
 * JPEG), wall and CPU: taken off each frame's CPU so that the "work" column
 * compares the same work, ours in process and a tool's. */
static void
measure_startup (Reader     *reader,
                 const char *tiny)
{
  double wall[5], cpu[5];

  reader->startup_cpu = 0;
  for (guint i = 0; i < G_N_ELEMENTS (wall); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) payloads = read_tool (reader, tiny, &cpu[i]);

      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  reader->startup_wall = percentile (wall, G_N_ELEMENTS (wall), 0.5);
  reader->startup_cpu = percentile (cpu, G_N_ELEMENTS (cpu), 0.5);
}

int
main (int    argc,
      char **argv)
{
  static const char *const zbar_args[] = {
    "zbarimg", "--nodbus", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", "-Sqrcode.binary", "-Stest-inverted", NULL,
  };
  static const char *const zxing_args[] = { "ZXingReader", "-format", "QRCode", "-bytes", NULL };
  static const char *const zxing_fast_args[] = { "ZXingReader", "-fast", "-format", "QRCode", "-bytes", NULL };
  int n_codes = 320, n_blank = 32, seed = 20260301;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_codes, "Frames with a code (default 320)", "N" },
    { "blank", 0, 0, G_OPTION_ARG_INT, &n_blank, "Frames without a code (default 32)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the scenes (default 20260301)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the frames and manifest.tsv into DIR and keep them", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- QR decode rate and speed against zbarimg and ZXing-cpp");
  g_autoptr(GError) error = NULL;
  g_autoptr(GpQrReader) fast = gp_qr_reader_new ();
  g_autoptr(GpQrReader) thorough = gp_qr_reader_new ();
  g_autoptr(GPtrArray) scenes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tiny = NULL;
  g_autoptr(GpFrame) tiny_frame = gp_frame_new (GP_FRAME_GRAY, 16, 16);
  Reader readers[] = {
    { "ours, each camera frame", "(fast)", read_ours, fast },
    { "ours, gradphoto-admin scan", "(thorough)", read_ours, thorough },
    { "zbarimg 0.23", "(QR only, inverted too)", read_tool, (gpointer) zbar_args },
    { "ZXingReader 1.4", "(-format QRCode)", read_tool, (gpointer) zxing_args },
    { "ZXingReader 1.4 -fast", "", read_tool, (gpointer) zxing_fast_args },
    { "ZXingReader 1.4 + negated", "(negated copy if unread)", read_tool_then_negated, (gpointer) zxing_args },
  };
  const guint fair_peer = 5;
  gint64 start;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  gp_qr_reader_set_effort (fast, GP_QR_EFFORT_FAST);
  gp_qr_reader_set_effort (thorough, GP_QR_EFFORT_THOROUGH);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("gp-bench-qr-XXXXXX", &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0755);
  start = g_get_monotonic_time ();
  scenes = qr_scene_write_set (dir, (guint) n_codes, (guint) n_blank, (guint32) seed, &error);
  g_assert_no_error (error);
  g_print ("Generated %d frames with a code and %d without, 1920x1080 JPEG quality 90, seed %d, in %.0f s\n"
           "(payloads of 20-200 bytes, ASCII and Chinese; modules 2-8 px; turned up to +-30 deg; tilted up to 40 deg;\n"
           "paper, inverted prints and phone screens in light and dark mode; blur, noise, glare).\n\n",
           n_codes, n_blank, seed, (g_get_monotonic_time () - start) / 1e6);

  memset (tiny_frame->data, 128, (gsize) tiny_frame->stride * 16);
  tiny = g_build_filename (dir, "tiny.jpg", NULL);
  g_assert_true (gp_jpeg_save (tiny_frame, tiny, 90, 72, &error));

  write_negated (scenes);

  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      if (readers[r].read != read_ours)
        measure_startup (&readers[r], tiny);
      run_reader (&readers[r], scenes, (guint) n_codes);
    }

  g_print ("%-28s %-24s %9s %7s %6s %9s %8s %12s\n", "reader", "", "decoded", "", "wrong", "median ms", "p95 ms",
           "work ms");
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      Reader *reader = &readers[r];

      if (!reader->available)
        {
          g_print ("%-28s %-24s not installed (Debian package %s)\n", reader->name, reader->note,
                   reader->read == read_tool && ((const char *const *) reader->data)[0][0] == 'z' ? "zbar-tools"
                                                                                                  : "zxing-cpp-tools");
          continue;
        }
      g_print ("%-28s %-24s %5u/%-3d %6.1f%% %6u %9.1f %8.1f", reader->name, reader->note, reader->decoded, n_codes,
               100.0 * reader->decoded / n_codes, reader->wrong,
               percentile (reader->wall, scenes->len, 0.5), percentile (reader->wall, scenes->len, 0.95));
      g_print (" %5.1f/%-5.1f", percentile (reader->cpu, scenes->len, 0.5), percentile (reader->cpu, scenes->len, 0.95));
      if (reader->read != read_ours)
        g_print ("  (start-up %.1f ms wall, %.1f ms CPU)", reader->startup_wall, reader->startup_cpu);
      g_print ("\n");
    }
  g_print ("\nmedian/p95 ms: wall clock per frame; ours warm (in process, one thread), a tool cold (one process\n"
           "per frame, start-up included), so these two columns are not like with like.\n"
           "work ms (median/p95), like with like: the CPU of JPEG decode + read; ours measured on its thread,\n"
           "a tool's from wait4 less its start-up CPU (a 16x16 frame). \"wrong\" = any other payload.\n"
           "ZXing-cpp 1.4 cannot invert: \"+ negated\" runs it again on a negated copy of a frame it did not\n"
           "read (its work then counts both runs); that is the fair peer for light-on-dark codes.\n\n");

  g_print ("%-32s", "decoded, by condition");
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    if (readers[r].available)
      g_print (" %11s", (const char *[]) { "ours fast", "ours thor.", "zbarimg", "ZXing", "ZXing -fast", "ZXing+neg" }[r]);
  g_print ("\n");
  for (guint g = 0; g < G_N_ELEMENTS (group_names); g++)
    {
      if (readers[0].by_group[g][1] == 0)
        continue;
      g_print ("%-32s", group_names[g]);
      for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
        if (readers[r].available)
          g_print (" %5.1f%% %4u", 100.0 * readers[r].by_group[g][0] / readers[r].by_group[g][1],
                   readers[r].by_group[g][1]);
      g_print ("\n");
    }

  if (readers[fair_peer].available)
    {
      gboolean met = readers[0].decoded >= readers[fair_peer].decoded;

      g_print ("\nTarget: decode rate at least ZXing-cpp's given negated copies: ours %.1f%% (each camera frame),\n"
               "ZXing-cpp + negated %.1f%%: %s\n",
               100.0 * readers[0].decoded / n_codes, 100.0 * readers[fair_peer].decoded / n_codes,
               met ? "met" : "MISSED");
      if (!met)
        status = 1;
    }
  else
    {
      g_print ("\nTarget not measured: ZXingReader is missing (Debian package zxing-cpp-tools)\n");
      status = 1;
    }
  if (keep != NULL)
    g_print ("Frames and manifest.tsv kept in %s\n", dir);
  else
    gp_test_remove_tree (dir);
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      g_free (readers[r].wall);
      g_free (readers[r].cpu);
    }
  return status;
}
