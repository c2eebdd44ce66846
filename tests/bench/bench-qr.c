/* How well and how fast collection codes are read: synthetic 1080p webcam
 * frames (tests/bench/qr-scenes.c) read by our reader, by zbarimg and by
 * ZXing-cpp's ZXingReader, on the same frames in one run. Prints the decode
 * rate and the median and 95th percentile milliseconds per frame of each,
 * then the rates by condition. Exits 1 when our reader reads fewer codes
 * than ZXing-cpp.
 *
 *   bench-qr [--frames N] [--blank N] [--seed N] [--keep DIR]
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "scan/gp-qr-reader.h"

#include "gp-test-util.h"
#include "qr-scenes.h"

/* Reads one frame; returns the payloads found (raw bytes), or NULL when the
 * reader could not run at all. */
typedef GPtrArray *(*ReadFunc) (gpointer     data,
                                const char  *path,
                                double      *cpu_ms);

typedef struct {
  const char  *name;
  const char  *note;
  ReadFunc     read;
  gpointer     data;
  /* Results. */
  gboolean     available;
  double      *wall;
  double      *cpu;
  guint        decoded;
  guint        wrong;
  guint        by_group[16][2];  /* [group][decoded, frames] */
} Reader;

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

static GPtrArray *
read_ours (gpointer    data,
           const char *path,
           double     *cpu_ms)
{
  GpQrReader *reader = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = gp_jpeg_load (path, &error);
  g_autoptr(GpFrame) gray = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  GPtrArray *payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 start;

  g_assert_no_error (error);
  /* The camera's analysis branch delivers grey frames. */
  gray = gp_frame_to_gray (frame);
  start = g_get_monotonic_time ();
  codes = gp_qr_reader_decode (reader, gray);
  /* One thread: the time of the read alone is its CPU time. */
  *cpu_ms = (g_get_monotonic_time () - start) / 1000.0;
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (payloads, g_bytes_ref (((GpQrCode *) g_ptr_array_index (codes, i))->raw));
  return payloads;
}

/* A tool per frame, as a script would run it; its CPU time from wait4 (). */
static GPtrArray *
read_tool (gpointer    data,
           const char *path,
           double     *cpu_ms)
{
  const char *const *args = data;
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
  *cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;

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
      g_autoptr(GPtrArray) payloads = reader->read (reader->data, scene->path, &reader->cpu[i]);
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

/* What starting a tool costs before it reads anything, for the reader of
 * the table: a 16 × 16 grey JPEG. */
static double
startup_ms (Reader     *reader,
            const char *tiny)
{
  double times[5], cpu;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) payloads = reader->read (reader->data, tiny, &cpu);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return percentile (times, G_N_ELEMENTS (times), 0.5);
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
  };
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

  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    run_reader (&readers[r], scenes, (guint) n_codes);

  g_print ("%-28s %-24s %9s %7s %6s %9s %8s %10s\n", "reader", "", "decoded", "", "wrong", "median ms", "p95 ms",
           "read alone");
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
      if (reader->read == read_tool)
        g_print ("  (start-up alone %.1f ms)", startup_ms (reader, tiny));
      g_print ("\n");
    }
  g_print ("\nms per frame: ours = JPEG decode + grey + read, in process, one thread; a tool = one process per\n"
           "frame, start-up and JPEG decode included (wall clock). \"read alone\", median/p95 ms: ours = the\n"
           "read without the JPEG decode; a tool = its CPU time (from wait4). \"wrong\" = any other payload.\n\n");

  g_print ("%-32s", "decoded, by condition");
  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    if (readers[r].available)
      g_print (" %11s", (const char *[]) { "ours fast", "ours thor.", "zbarimg", "ZXing", "ZXing -fast" }[r]);
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

  if (readers[3].available)
    {
      gboolean met = readers[0].decoded >= readers[3].decoded;

      g_print ("\nTarget: decode rate at least ZXing-cpp's: ours %.1f%% (each camera frame), ZXing-cpp %.1f%%: %s\n",
               100.0 * readers[0].decoded / n_codes, 100.0 * readers[3].decoded / n_codes, met ? "met" : "MISSED");
      if (!met)
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
