/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "camera/gp-demo-scene.h"
#include "image/gp-frame-cairo.h"
#include "scan/gp-qr-reader.h"

/* One code to draw: where, how large, turned by how much. */
typedef struct {
  GBytes   *payload;
  double    x;
  double    y;
  double    module;
  double    angle;     /* degrees */
  gboolean  inverted;
} Placement;

/* A grey wall with codes on it, as the camera's grey analysis frame. */
static GpFrame *
render_codes (int              width,
              int              height,
              const Placement *codes,
              guint            n_codes)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GpFrame) rgb = NULL;

  cairo_set_source_rgb (cr, 0.62, 0.6, 0.57);
  cairo_paint (cr);
  for (guint i = 0; i < n_codes; i++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (codes[i].payload, &length);

      cairo_save (cr);
      cairo_translate (cr, codes[i].x, codes[i].y);
      cairo_rotate (cr, codes[i].angle * G_PI / 180.0);
      g_assert_true (gp_demo_scene_draw_qr (cr, data, length, codes[i].module,
                                            codes[i].inverted, NULL, &error));
      g_assert_no_error (error);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  rgb = gp_frame_from_cairo (surface);
  cairo_surface_destroy (surface);
  return gp_frame_to_gray (rgb);
}

static GBytes *
gb18030_payload (void)
{
  gsize written = 0;
  char *bytes = g_convert ("学号=2021000001;姓名=钱多多", -1, "GB18030", "UTF-8", NULL, &written, NULL);

  g_assert_nonnull (bytes);
  /* Otherwise the case would not test the fallback. */
  g_assert_false (g_utf8_validate (bytes, (gssize) written, NULL));
  return g_bytes_new_take (bytes, written);
}

static GBytes *
repeated_payload (gsize length)
{
  char *bytes = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    bytes[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 36];
  return g_bytes_new_take (bytes, length);
}

static GBytes *
payload_1024 (void)
{
  return repeated_payload (1024);
}

static GBytes *
payload_1100 (void)
{
  return repeated_payload (1100);
}

/* Text after the NUL is valid GB18030 too, so only the control check can refuse it. */
static GBytes *
payload_nul (void)
{
  return g_bytes_new_static ("2021000001\0" "2021000002", 21);
}

typedef struct {
  const char  *path;
  const char  *payload;            /* or made by make_payload */
  GBytes    *(*make_payload) (void);
  int          width;
  int          height;
  double       module;
  double       angle;
  gboolean     inverted;
  const char  *expect_text;        /* NULL: refused, or compared with the payload */
  const char  *expect_encoding;    /* NULL: refused */
  const char  *expect_problem;     /* a word of the (untranslated) reason */
} ReadCase;

static const ReadCase read_cases[] = {
  { "/scan/qr-reader/ascii", "CHSI-TXCJ-2021000001-7F3A9C", NULL,
    1280, 720, 6, 0, FALSE, "CHSI-TXCJ-2021000001-7F3A9C", "UTF-8" },
  { "/scan/qr-reader/utf8-chinese", "学号=2021000001;姓名=赵小明", NULL,
    1280, 720, 6, 0, FALSE, "学号=2021000001;姓名=赵小明", "UTF-8" },
  { "/scan/qr-reader/gb18030", NULL, gb18030_payload,
    1280, 720, 6, 0, FALSE, "学号=2021000001;姓名=钱多多", "GB18030" },
  { "/scan/qr-reader/inverted", "学号=2021000002", NULL,
    1280, 720, 6, 0, TRUE, "学号=2021000002", "UTF-8" },
  { "/scan/qr-reader/rotated-20", "CHSI-TXCJ-2021000003", NULL,
    1280, 720, 6, 20, FALSE, "CHSI-TXCJ-2021000003", "UTF-8" },
  { "/scan/qr-reader/4px-modules-720p", "CHSI-TXCJ-2021000004-学号", NULL,
    1280, 720, 4, 0, FALSE, "CHSI-TXCJ-2021000004-学号", "UTF-8" },
  { "/scan/qr-reader/1080p", "CHSI-TXCJ-2021000005", NULL,
    1920, 1080, 6, 0, FALSE, "CHSI-TXCJ-2021000005", "UTF-8" },
  { "/scan/qr-reader/1024-bytes-accepted", NULL, payload_1024,
    1280, 720, 4, 0, FALSE, NULL /* checked against the payload */, "UTF-8" },
  { "/scan/qr-reader/refused/tab", "2021000001\t赵小明", NULL,
    1280, 720, 6, 0, FALSE, NULL, NULL, "control" },
  { "/scan/qr-reader/refused/newline", "2021000001\n", NULL,
    1280, 720, 6, 0, FALSE, NULL, NULL, "control" },
  { "/scan/qr-reader/refused/nul", NULL, payload_nul,
    1280, 720, 6, 0, FALSE, NULL, NULL, "control" },
  { "/scan/qr-reader/refused/delete", "2021000001\x7f", NULL,
    1280, 720, 6, 0, FALSE, NULL, NULL, "control" },
  { "/scan/qr-reader/refused/c1-control", "2021000001\xc2\x85", NULL,
    1280, 720, 6, 0, FALSE, NULL, NULL, "control" },
  { "/scan/qr-reader/refused/not-utf8-nor-gb18030", "2021000001\xff\xfe", NULL,
    1280, 720, 6, 0, FALSE, NULL, NULL, "GB18030" },
  { "/scan/qr-reader/refused/1100-bytes", NULL, payload_1100,
    1280, 720, 4, 0, FALSE, NULL, NULL, "1024" },
};

static gboolean
case_refused (const ReadCase *rc)
{
  return rc->expect_encoding == NULL;
}

static void
read_case (const ReadCase *rc,
           GpQrEffort      effort)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  Placement placement;
  GpQrCode *code;

  payload = rc->make_payload != NULL ? rc->make_payload ()
                                     : g_bytes_new_static (rc->payload, strlen (rc->payload));
  placement = (Placement) { payload, 200, 60, rc->module, rc->angle, rc->inverted };
  frame = render_codes (rc->width, rc->height, &placement, 1);

  gp_qr_reader_set_effort (reader, effort);
  codes = gp_qr_reader_decode (reader, frame);
  g_assert_cmpuint (codes->len, ==, 1);
  code = g_ptr_array_index (codes, 0);

  g_assert_true (g_bytes_equal (code->raw, payload));
  g_assert_cmpint (code->inverted, ==, rc->inverted);
  if (case_refused (rc))
    {
      g_assert_null (code->payload);
      g_assert_null (code->encoding);
      g_assert_nonnull (code->problem);
      g_test_message ("problem: %s", code->problem);
      g_assert_nonnull (strstr (code->problem, rc->expect_problem));
    }
  else
    {
      g_assert_null (code->problem);
      g_assert_cmpstr (code->encoding, ==, rc->expect_encoding);
      if (rc->expect_text != NULL)
        g_assert_cmpstr (code->payload, ==, rc->expect_text);
      else
        g_assert_cmpmem (code->payload, strlen (code->payload),
                         g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    }
}

static void
test_read (gconstpointer data)
{
  read_case (data, GP_QR_EFFORT_THOROUGH);
}

/* What the kiosk does on every camera frame finds these codes too. */
static void
test_read_fast (gconstpointer data)
{
  read_case (data, GP_QR_EFFORT_FAST);
}

static void
test_blank (void)
{
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) frame = render_codes (1280, 720, NULL, 0);
  g_autoptr(GPtrArray) codes = gp_qr_reader_decode (reader, frame);

  g_assert_nonnull (codes);
  g_assert_cmpuint (codes->len, ==, 0);
}

static void
test_two_codes (void)
{
  g_autoptr(GBytes) a = g_bytes_new_static ("学号=2021000001", strlen ("学号=2021000001"));
  g_autoptr(GBytes) b = g_bytes_new_static ("学号=2021000002", strlen ("学号=2021000002"));
  Placement placements[] = {
    { a, 100, 100, 6, 0, FALSE },
    { b, 700, 150, 6, 10, FALSE },
  };
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) frame = render_codes (1280, 720, placements, G_N_ELEMENTS (placements));
  g_autoptr(GPtrArray) codes = gp_qr_reader_decode (reader, frame);
  gboolean seen_a = FALSE, seen_b = FALSE;

  g_assert_cmpuint (codes->len, ==, 2);
  for (guint i = 0; i < codes->len; i++)
    {
      GpQrCode *code = g_ptr_array_index (codes, i);

      seen_a |= g_strcmp0 (code->payload, "学号=2021000001") == 0;
      seen_b |= g_strcmp0 (code->payload, "学号=2021000002") == 0;
    }
  g_assert_true (seen_a);
  g_assert_true (seen_b);
}

/* The camera's RGB frames are accepted as they are. */
static void
test_rgb_frame (void)
{
  g_autoptr(GBytes) a = g_bytes_new_static ("CHSI-TXCJ-2021000006", 20);
  Placement placement = { a, 300, 100, 5, 0, FALSE };
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) gray = render_codes (1280, 720, &placement, 1);
  g_autoptr(GpFrame) rgb = gp_frame_new (GP_FRAME_RGB, gray->width, gray->height);
  g_autoptr(GPtrArray) codes = NULL;

  for (int y = 0; y < gray->height; y++)
    for (int x = 0; x < gray->width; x++)
      memset (rgb->data + (gsize) y * rgb->stride + 3 * x, gray->data[(gsize) y * gray->stride + x], 3);

  codes = gp_qr_reader_decode (reader, rgb);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (((GpQrCode *) g_ptr_array_index (codes, 0))->payload, ==, "CHSI-TXCJ-2021000006");
}

static void
test_code_copy (void)
{
  g_autoptr(GBytes) a = g_bytes_new_static ("学号=2021000007", strlen ("学号=2021000007"));
  Placement placement = { a, 300, 100, 6, 0, TRUE };
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) frame = render_codes (1280, 720, &placement, 1);
  g_autoptr(GPtrArray) codes = gp_qr_reader_decode (reader, frame);
  g_autoptr(GpQrCode) copy = NULL;

  g_assert_cmpuint (codes->len, ==, 1);
  copy = g_boxed_copy (GP_TYPE_QR_CODE, g_ptr_array_index (codes, 0));
  g_ptr_array_set_size (codes, 0);
  g_assert_cmpstr (copy->payload, ==, "学号=2021000007");
  g_assert_cmpstr (copy->encoding, ==, "UTF-8");
  g_assert_true (copy->inverted);
  g_assert_true (g_bytes_equal (copy->raw, a));
}

/* One code drawn through an arbitrary cairo matrix, over a grey wall; a
 * veil of @veil_alpha over it lowers its contrast as a dim screen does. */
static GpFrame *
render_transformed (const char           *text,
                    int                   width,
                    int                   height,
                    const cairo_matrix_t *matrix,
                    double                module,
                    gboolean              inverted,
                    double                veil_alpha)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GpFrame) rgb = NULL;
  double size = 0;

  cairo_set_source_rgb (cr, 0.62, 0.6, 0.57);
  cairo_paint (cr);
  cairo_transform (cr, matrix);
  g_assert_true (gp_demo_scene_draw_qr (cr, (const guint8 *) text, strlen (text), module, inverted, &size, &error));
  g_assert_no_error (error);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, veil_alpha);
  cairo_rectangle (cr, 0, 0, size, size);
  cairo_fill (cr);
  cairo_destroy (cr);
  rgb = gp_frame_from_cairo (surface);
  cairo_surface_destroy (surface);
  return gp_frame_to_gray (rgb);
}

static void
assert_reads (GpFrame    *frame,
              const char *text,
              gboolean    inverted,
              GpQrEffort  effort)
{
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GPtrArray) codes = NULL;
  GpQrCode *code;

  gp_qr_reader_set_effort (reader, effort);
  codes = gp_qr_reader_decode (reader, frame);
  g_assert_cmpuint (codes->len, ==, 1);
  code = g_ptr_array_index (codes, 0);
  g_assert_cmpstr (code->payload, ==, text);
  g_assert_cmpint (code->inverted, ==, inverted);
}

/* Held at an angle: sheared and squashed, 1080p, read on the fast path. */
static void
test_tilted (void)
{
  cairo_matrix_t matrix;

  cairo_matrix_init (&matrix, 0.9, 0.35, -0.25, 0.7, 700, 250);
  {
    g_autoptr(GpFrame) frame = render_transformed ("学号=2026000101;姓名=赵小明", 1920, 1080, &matrix, 7, FALSE, 0);

    assert_reads (frame, "学号=2026000101;姓名=赵小明", FALSE, GP_QR_EFFORT_FAST);
  }
}

/* A phone in dark mode with the brightness down: light modules, low contrast. */
static void
test_dark_mode_dim (void)
{
  cairo_matrix_t matrix;
  g_autoptr(GpFrame) frame = NULL;

  cairo_matrix_init_translate (&matrix, 900, 300);
  frame = render_transformed ("CHSI-TXCJ-2026000102-5D1E", 1920, 1080, &matrix, 5, TRUE, 0.55);
  assert_reads (frame, "CHSI-TXCJ-2026000102-5D1E", TRUE, GP_QR_EFFORT_FAST);
}

/* 3 px modules in a 1080p frame: zbar reads them only doubled. */
static void
test_small_modules (void)
{
  cairo_matrix_t matrix;
  g_autoptr(GpFrame) frame = NULL;

  cairo_matrix_init_translate (&matrix, 1200, 600);
  cairo_matrix_rotate (&matrix, 0.3);
  frame = render_transformed ("学号=2026000103", 1920, 1080, &matrix, 3, FALSE, 0);
  assert_reads (frame, "学号=2026000103", FALSE, GP_QR_EFFORT_FAST);
}

/* Widths that are not a multiple of 4 pad each row of a grey frame. */
static void
test_padded_rows (void)
{
  cairo_matrix_t matrix;
  g_autoptr(GpFrame) frame = NULL;

  cairo_matrix_init_translate (&matrix, 20, 20);
  frame = render_transformed ("GPDEMO7K3Q9X2M4T", 198, 199, &matrix, 6, FALSE, 0);
  g_assert_cmpint (frame->stride, !=, frame->width);
  assert_reads (frame, "GPDEMO7K3Q9X2M4T", FALSE, GP_QR_EFFORT_FAST);
  assert_reads (frame, "GPDEMO7K3Q9X2M4T", FALSE, GP_QR_EFFORT_THOROUGH);
}

/* Checks and stripes, like shirts, make finder-like patterns but no code. */
static void
test_textures_read_nothing (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GpFrame) rgb = NULL;
  g_autoptr(GpFrame) gray = NULL;
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GPtrArray) codes = NULL;

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.4);
  for (int y = 0; y < 1080; y += 24)
    for (int x = 0; x < 960; x += 24)
      cairo_rectangle (cr, x, y, 12 + (x / 24) % 3 * 4, 12 + (y / 24) % 2 * 6);
  for (int x = 960; x < 1920; x += 14)
    cairo_rectangle (cr, x, 0, 5 + (x / 14) % 4, 1080);
  cairo_fill (cr);
  cairo_destroy (cr);
  rgb = gp_frame_from_cairo (surface);
  cairo_surface_destroy (surface);
  gray = gp_frame_to_gray (rgb);

  codes = gp_qr_reader_decode (reader, gray);
  g_assert_cmpuint (codes->len, ==, 0);
}

/* Random bytes are no collection code: reported as refused, with a reason. */
static void
test_junk_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  guint8 junk[120];
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  Placement placement;
  GpQrCode *code;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  payload = g_bytes_new (junk, sizeof junk);
  placement = (Placement) { payload, 300, 100, 5, 0, FALSE };
  frame = render_codes (1280, 720, &placement, 1);
  codes = gp_qr_reader_decode (reader, frame);
  g_assert_cmpuint (codes->len, ==, 1);
  code = g_ptr_array_index (codes, 0);
  g_assert_true (g_bytes_equal (code->raw, payload));
  g_assert_null (code->payload);
  g_assert_nonnull (code->problem);
  g_test_message ("problem: %s", code->problem);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Only with -m perf: median decode time of 20 frames for each size. */
static void
test_decode_time (void)
{
  static const struct { int width, height; gboolean with_code; } sizes[] = {
    { 1280, 720, TRUE }, { 1280, 720, FALSE }, { 1920, 1080, TRUE }, { 1920, 1080, FALSE },
  };
  g_autoptr(GBytes) a = g_bytes_new_static ("CHSI-TXCJ-2021000008-7F3A9C", 27);
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      Placement placement = { a, sizes[s].width / 3.0, sizes[s].height / 5.0, 6, 10, FALSE };
      g_autoptr(GpFrame) frame = render_codes (sizes[s].width, sizes[s].height,
                                               &placement, sizes[s].with_code ? 1 : 0);
      gint64 times[20];

      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) codes = gp_qr_reader_decode (reader, frame);

          times[i] = g_get_monotonic_time () - start;
          g_assert_cmpuint (codes->len, ==, sizes[s].with_code ? 1 : 0);
        }
      qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_times);
      g_test_minimized_result (times[G_N_ELEMENTS (times) / 2] / 1000.0,
                               "decode %dx%d %s: %.1f ms (median of 20)",
                               sizes[s].width, sizes[s].height,
                               sizes[s].with_code ? "with a code" : "without a code",
                               times[G_N_ELEMENTS (times) / 2] / 1000.0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *fast = g_strconcat ("/scan/qr-reader/fast/", read_cases[i].path + strlen ("/scan/qr-reader/"),
                                           NULL);

      g_test_add_data_func (read_cases[i].path, &read_cases[i], test_read);
      g_test_add_data_func (fast, &read_cases[i], test_read_fast);
    }
  g_test_add_func ("/scan/qr-reader/tilted-1080p", test_tilted);
  g_test_add_func ("/scan/qr-reader/dark-mode-dim", test_dark_mode_dim);
  g_test_add_func ("/scan/qr-reader/3px-modules-1080p", test_small_modules);
  g_test_add_func ("/scan/qr-reader/padded-rows", test_padded_rows);
  g_test_add_func ("/scan/qr-reader/textures-read-nothing", test_textures_read_nothing);
  g_test_add_func ("/scan/qr-reader/refused/junk-bytes", test_junk_bytes);
  g_test_add_func ("/scan/qr-reader/blank-frame", test_blank);
  g_test_add_func ("/scan/qr-reader/two-codes", test_two_codes);
  g_test_add_func ("/scan/qr-reader/rgb-frame", test_rgb_frame);
  g_test_add_func ("/scan/qr-reader/code-copy", test_code_copy);
  if (g_test_perf ())
    g_test_add_func ("/scan/qr-reader/perf/decode-time", test_decode_time);

  return g_test_run ();
}
