/* Photo sheets, checked with poppler's tools the way a print shop would:
 * page size, embedded images, text, and what the page looks like. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "print/gp-sheet.h"

#include "gp-test-util.h"

#define POPPLER "poppler-utils"

typedef struct {
  char *dir;
  char *photo;
  char *pdf;
  GpSheetPhoto info;
} Fixture;

static void
set_pixel (GpFrame *frame, int x, int y, guint8 r, guint8 g, guint8 b)
{
  guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;

  p[0] = r;
  p[1] = g;
  p[2] = b;
}

static void
fill_rect (GpFrame *frame, int x0, int y0, int x1, int y1, guint8 r, guint8 g, guint8 b)
{
  int x, y;

  for (y = y0; y < y1; y++)
    for (x = x0; x < x1; x++)
      set_pixel (frame, x, y, r, g, b);
}

/* A 480×640 stand-in portrait: blue backdrop, a face, shoulders; red bands at
 * the sides that crop-to-fill must cut away, green bands top and bottom it must keep. */
static GpFrame *
make_portrait (void)
{
  GpFrame *frame = gp_frame_new (GP_FRAME_RGB, 480, 640);
  int x, y;

  fill_rect (frame, 0, 0, 480, 640, 100, 197, 255);
  for (y = 0; y < 640; y++)
    for (x = 0; x < 480; x++)
      {
        double fx = (x - 240) / 95.0, fy = (y - 260) / 125.0;
        double sx = (x - 240) / 230.0, sy = (y - 700) / 250.0;

        if (fx * fx + fy * fy <= 1.0)
          set_pixel (frame, x, y, 232, 190, 160);
        else if (sx * sx + sy * sy <= 1.0)
          set_pixel (frame, x, y, 40, 40, 48);
      }
  fill_rect (frame, 0, 0, 12, 640, 255, 0, 0);
  fill_rect (frame, 468, 0, 480, 640, 255, 0, 0);
  fill_rect (frame, 12, 0, 468, 12, 0, 255, 0);
  fill_rect (frame, 12, 628, 468, 640, 0, 255, 0);
  return frame;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = make_portrait ();

  f->dir = g_dir_make_tmp ("gp-sheet-XXXXXX", &error);
  g_assert_no_error (error);
  f->photo = g_build_filename (f->dir, "2021000001.jpg", NULL);
  f->pdf = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_assert_true (gp_jpeg_save (frame, f->photo, 90, 300, &error));
  g_assert_no_error (error);
  f->info.photo_path = f->photo;
  f->info.name = "赵小明";
  f->info.student_no = "2021000001";
  f->info.class_name = "计算机2101班";
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->photo);
  g_free (f->pdf);
}

static void
render (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_sheet_render_student (&f->info, f->pdf, &error));
  g_assert_no_error (error);
}

static void
test_layout_copies (Fixture *f, gconstpointer data)
{
  /* 2 columns × 2 rows of 33 × 48 mm with label, 5 mm margins, 3 mm gaps on 4×6 in;
   * a third row would need 3 × 48 + 10 > 152.4 mm. */
  g_assert_cmpuint (gp_sheet_copies_per_page (), ==, 4);
}

static void
test_page_size (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  render (f);
  if (!gp_test_run_tool (&out, POPPLER, "pdfinfo", f->pdf, NULL))
    return;
  g_assert_nonnull (strstr (out, "Pages:           1\n"));
  g_assert_nonnull (strstr (out, "Page size:       288 x 432 pts"));
}

/* pdfimages -list: one row per placed image, after two header lines. */
static void
test_images_are_jpeg (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_images = 0;
  guint i;

  render (f);
  if (!gp_test_run_tool (&out, POPPLER, "pdfimages", "-list", f->pdf, NULL))
    return;
  lines = g_strsplit (out, "\n", -1);
  for (i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      guint j;

      if (lines[i][0] == '\0')
        continue;
      for (j = 0; cols[j] != NULL; j++)
        if (cols[j][0] != '\0')
          g_ptr_array_add (fields, cols[j]);
      g_assert_cmpuint (fields->len, >=, 14);
      g_assert_cmpstr (fields->pdata[2], ==, "image");
      g_assert_cmpstr (fields->pdata[3], ==, "480");
      g_assert_cmpstr (fields->pdata[4], ==, "640");
      g_assert_cmpstr (fields->pdata[8], ==, "jpeg");
      /* 640 px over 48 mm is 339 ppi both ways: crop-to-fill at the right size. */
      g_assert_cmpint (atoi (fields->pdata[12]), >=, 337);
      g_assert_cmpint (atoi (fields->pdata[12]), <=, 340);
      g_assert_cmpint (atoi (fields->pdata[13]), >=, 337);
      g_assert_cmpint (atoi (fields->pdata[13]), <=, 340);
      n_images++;
    }
  g_assert_cmpuint (n_images, ==, gp_sheet_copies_per_page ());
}

/* The embedded stream must be the photo file itself, not a re-encoding. */
static void
test_jpeg_bytes_unchanged (Fixture *f, gconstpointer data)
{
  g_autofree char *prefix = g_build_filename (f->dir, "extracted", NULL);
  g_autofree char *first = g_build_filename (f->dir, "extracted-000.jpg", NULL);
  g_autofree char *original = NULL;
  g_autofree char *embedded = NULL;
  gsize original_len = 0, embedded_len = 0;
  g_autoptr(GError) error = NULL;

  render (f);
  if (!gp_test_run_tool (NULL, POPPLER, "pdfimages", "-j", "-f", "1", "-l", "1", f->pdf, prefix, NULL))
    return;
  g_file_get_contents (f->photo, &original, &original_len, &error);
  g_assert_no_error (error);
  g_file_get_contents (first, &embedded, &embedded_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (embedded, embedded_len, original, original_len);
}

static void
test_text (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  const char *p;
  guint labels = 0;

  render (f);
  if (!gp_test_run_tool (&text, POPPLER, "pdftotext", "-enc", "UTF-8", f->pdf, "-", NULL) ||
      !gp_test_run_tool (&fonts, POPPLER, "pdffonts", f->pdf, NULL))
    return;
  g_assert_nonnull (strstr (text, "学号"));
  g_assert_nonnull (strstr (text, "计算机2101班"));
  /* The header plus a label under every copy name the student. */
  for (p = strstr (text, "赵小明"); p != NULL; p = strstr (p + 1, "赵小明"))
    labels++;
  g_assert_cmpuint (labels, ==, gp_sheet_copies_per_page () + 1);
  for (labels = 0, p = strstr (text, "2021000001"); p != NULL; p = strstr (p + 1, "2021000001"))
    labels++;
  g_assert_cmpuint (labels, ==, gp_sheet_copies_per_page () + 1);
  g_assert_nonnull (strstr (fonts, "NotoSansCJK"));
}

static void
count_colours (cairo_surface_t *png, guint *red, guint *green, guint *blue)
{
  const guint8 *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  int x, y;

  *red = *green = *blue = 0;
  for (y = 0; y < cairo_image_surface_get_height (png); y++)
    for (x = 0; x < cairo_image_surface_get_width (png); x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + (gsize) y * stride + (gsize) x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (r > 200 && g < 80 && b < 80)
          (*red)++;
        else if (g > 200 && r < 80 && b < 80)
          (*green)++;
        else if (b > 230 && g > 170 && g < 220 && r < 130)
          (*blue)++;
      }
}

/* Crop-to-fill centred: the side bands fall outside the cell, the top and bottom stay. */
static void
test_crop_fills_cell (Fixture *f, gconstpointer data)
{
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png_path = g_build_filename (f->dir, "page.png", NULL);
  cairo_surface_t *png;
  guint red, green, blue;

  render (f);
  if (!gp_test_run_tool (NULL, POPPLER, "pdftoppm", "-r", "150", "-png", "-singlefile", f->pdf, prefix, NULL))
    return;
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
  count_colours (png, &red, &green, &blue);
  cairo_surface_destroy (png);

  g_assert_cmpuint (red, ==, 0);
  g_assert_cmpuint (green, >, 0);
  g_assert_cmpuint (blue, >, 1000);
}

typedef struct {
  const char *path;
  const char *contents;  /* NULL: the file does not exist */
  gssize      length;    /* -1: the whole string; -2: half of a real JPEG */
} BadPhoto;

static const BadPhoto bad_photos[] = {
  { "/sheet/error/missing-photo", NULL, 0 },
  { "/sheet/error/not-a-jpeg", "this is not a photo\n", -1 },
  { "/sheet/error/truncated-jpeg", NULL, -2 },
};

static void
test_bad_photo (Fixture *f, gconstpointer data)
{
  const BadPhoto *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (bad->length == -2)
    {
      g_autofree char *jpeg = NULL;
      gsize len = 0;

      g_file_get_contents (f->photo, &jpeg, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (f->photo, jpeg, (gssize) len / 2, &error);
      g_assert_no_error (error);
    }
  else if (bad->contents != NULL)
    {
      g_file_set_contents (f->photo, bad->contents, bad->length, &error);
      g_assert_no_error (error);
    }
  else
    g_assert_cmpint (g_remove (f->photo), ==, 0);

  g_assert_false (gp_sheet_render_student (&f->info, f->pdf, &error));
  g_assert_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));

  /* Nothing half-written either: only the photo (if any) is in the folder. */
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "2021000001.jpg");
}

/* A file where the folder should be fails even as root, unlike chmod. */
static void
test_unwritable_folder (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *pdf = g_build_filename (blocker, "sheet.pdf", NULL);

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  g_assert_false (gp_sheet_render_student (&f->info, pdf, &error));
  g_assert_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  ADD ("/sheet/layout/two-by-two", test_layout_copies, NULL);
  ADD ("/sheet/render/page-4x6-in", test_page_size, NULL);
  ADD ("/sheet/render/one-jpeg-per-copy", test_images_are_jpeg, NULL);
  ADD ("/sheet/render/jpeg-bytes-unchanged", test_jpeg_bytes_unchanged, NULL);
  ADD ("/sheet/render/labels-name-and-number", test_text, NULL);
  ADD ("/sheet/render/crop-fills-cell", test_crop_fills_cell, NULL);
  ADD ("/sheet/error/unwritable-folder", test_unwritable_folder, NULL);
  for (i = 0; i < G_N_ELEMENTS (bad_photos); i++)
    ADD (bad_photos[i].path, test_bad_photo, &bad_photos[i]);

  return g_test_run ();
}
