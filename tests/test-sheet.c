/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

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
#include "store/gp-store.h"

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

static guint
default_photos_per_page (void)
{
  g_autoptr(GpLayout) layout = gp_layout_new_default ();

  return gp_layout_get_photos_per_page (layout);
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

  g_assert_true (gp_sheet_render_student (NULL, &f->info, f->pdf, &error));
  g_assert_no_error (error);
}

static void
test_layout_copies (Fixture *f, gconstpointer data)
{
  /* 2 columns × 2 rows of 33 × 48 mm with label, 5 mm margins, 3 mm gaps on 4×6 in;
   * a third row would need 3 × 48 + 10 > 152.4 mm. */
  g_assert_cmpuint (default_photos_per_page (), ==, 4);
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
  g_assert_cmpuint (n_images, ==, default_photos_per_page ());
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
  g_assert_cmpuint (labels, ==, default_photos_per_page () + 1);
  for (labels = 0, p = strstr (text, "2021000001"); p != NULL; p = strstr (p + 1, "2021000001"))
    labels++;
  g_assert_cmpuint (labels, ==, default_photos_per_page () + 1);
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

  g_assert_false (gp_sheet_render_student (NULL, &f->info, f->pdf, &error));
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
  g_assert_false (gp_sheet_render_student (NULL, &f->info, pdf, &error));
  g_assert_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* ---- layouts and class sheets ----------------------------------------- */

static const char * const class_names[] = {
  "赵小明", "钱多多", "孙悦然", "李思远", "周文静", "吴子涵", "郑欧阳",
};
static const char * const class_numbers[] = {
  "2021000101", "2021000102", "2021000103", "2021000104", "2021000105", "2021000106", "2021000107",
};
#define CLASS_SIZE G_N_ELEMENTS (class_names)
#define CLASS_NAME "计科2101"

/* Paths are owned by the fixture's folder; the array by the caller. */
static GpSheetPhoto *
make_class (Fixture *f, char ***paths)
{
  g_autoptr(GpFrame) frame = make_portrait ();
  GpSheetPhoto *photos = g_new0 (GpSheetPhoto, CLASS_SIZE);
  guint i;

  *paths = g_new0 (char *, CLASS_SIZE + 1);
  for (i = 0; i < CLASS_SIZE; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s.jpg", class_numbers[i]);

      (*paths)[i] = g_build_filename (f->dir, file, NULL);
      g_assert_true (gp_jpeg_save (frame, (*paths)[i], 90, 300, &error));
      g_assert_no_error (error);
      photos[i].photo_path = (*paths)[i];
      photos[i].name = class_names[i];
      photos[i].student_no = class_numbers[i];
      photos[i].class_name = CLASS_NAME;
    }
  return photos;
}

static GpLayout *
load_layout (const char *name)
{
  g_autoptr(GError) error = NULL;
  GpLayout *layout = gp_layout_load (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static guint
count_pages (const char *pdf)
{
  g_autofree char *info = NULL;
  const char *pages;

  if (!gp_test_run_tool (&info, POPPLER, "pdfinfo", pdf, NULL))
    return 0;
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) atoi (pages + strlen ("Pages:"));
}

/* pdfimages -list: one row per placed image, after two header lines. */
static guint
count_images (const char *pdf,
              guint       page)
{
  g_autofree char *out = NULL;
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_auto(GStrv) lines = NULL;
  guint n = 0, i;

  if (!gp_test_run_tool (&out, POPPLER, "pdfimages", "-list", "-f", first, "-l", first, pdf, NULL))
    return 0;
  lines = g_strsplit (out, "\n", -1);
  for (i = 2; lines[i] != NULL; i++)
    if (strstr (lines[i], " image ") != NULL && strstr (lines[i], " jpeg ") != NULL)
      n++;
  return n;
}

/* -layout keeps the reading order, also on a sheet drawn turned. */
static char *
text_of (const char *pdf)
{
  char *text = NULL;

  if (!gp_test_run_tool (&text, POPPLER, "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL))
    return g_strdup ("");
  return text;
}

static guint
count_in (const char *text,
          const char *needle)
{
  const char *p;
  guint n = 0;

  for (p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_in_order (const char          *text,
                 const char * const  *needles,
                 guint                n_needles)
{
  const char *from = text;
  guint i;

  for (i = 0; i < n_needles; i++)
    {
      const char *at = strstr (from, needles[i]);

      if (at == NULL)
        g_error ("“%s” is missing or out of order in:\n%s", needles[i], text);
      from = at + strlen (needles[i]);
    }
}

static void
test_class_seven_on_4x6 (Fixture *f, gconstpointer data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree GpSheetPhoto *photos = make_class (f, &paths);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = g_build_filename (f->dir, "class", NULL);
  guint page;

  g_assert_cmpuint (gp_sheet_count_pages (NULL, CLASS_SIZE), ==, 2);
  g_assert_true (gp_sheet_render_class (NULL, CLASS_NAME, photos, CLASS_SIZE, f->pdf, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_pages (f->pdf), ==, 2);
  g_assert_cmpuint (count_images (f->pdf, 1), ==, 4);
  g_assert_cmpuint (count_images (f->pdf, 2), ==, 3);

  text = text_of (f->pdf);
  g_test_message ("%s", text);
  assert_in_order (text, class_numbers, CLASS_SIZE);
  assert_in_order (text, class_names, CLASS_SIZE);
  g_assert_cmpuint (count_in (text, CLASS_NAME), ==, 2);
  g_assert_nonnull (strstr (text, "第 1/2 页"));
  g_assert_nonnull (strstr (text, "第 2/2 页"));

  /* Both pages render, at the paper's size. */
  if (!gp_test_run_tool (NULL, POPPLER, "pdftoppm", "-r", "100", "-png", f->pdf, prefix, NULL))
    return;
  for (page = 1; page <= 2; page++)
    {
      g_autofree char *name = g_strdup_printf ("class-%u.png", page);
      g_autofree char *png_path = g_build_filename (f->dir, name, NULL);
      cairo_surface_t *png = cairo_image_surface_create_from_png (png_path);

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 400);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
      cairo_surface_destroy (png);
    }
}

/* The class sheet the registrar gets: from the store, in 学号 order, the
 * latest photo of each, and nobody without a photo. */
static void
test_class_from_store (Fixture *f, gconstpointer data)
{
  static const guint shuffled[] = { 4, 0, 6, 2, 5, 1, 3 };
  g_autofree char *db = g_build_filename (f->dir, "station.db", NULL);
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GArray) photos = g_array_new (FALSE, TRUE, sizeof (GpSheetPhoto));
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) classes = NULL;
  g_autofree GpSheetPhoto *made = make_class (f, &paths);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *expected[CLASS_SIZE];
  guint i, n_expected = 0;

  store = gp_store_open (db, &error);
  g_assert_no_error (error);
  for (i = 0; i < CLASS_SIZE; i++)
    {
      GpStudent *s = gp_student_new ();

      s->student_no = g_strdup (class_numbers[shuffled[i]]);
      s->name = g_strdup (class_names[shuffled[i]]);
      s->class_name = g_strdup (CLASS_NAME);
      g_ptr_array_add (students, s);
    }
  {
    GpStudent *other = gp_student_new ();

    other->student_no = g_strdup ("2021000100");
    other->name = g_strdup ("王其他");
    other->class_name = g_strdup ("数学2102");
    g_ptr_array_add (students, other);
  }
  g_assert_true (gp_store_upsert_students (store, students, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Everyone but 孙悦然 (index 2) is photographed; 钱多多 twice, the second counts. */
  for (i = 0; i < CLASS_SIZE; i++)
    {
      g_autoptr(GpStudent) s = gp_store_find_student_by_no (store, class_numbers[shuffled[i]], &error);

      g_assert_no_error (error);
      if (shuffled[i] == 2)
        continue;
      if (shuffled[i] == 1)
        g_assert_cmpint (gp_store_add_capture (store, s->id, "/gone.jpg", "/gone.jpg", "test", &error), >, 0);
      g_assert_cmpint (gp_store_add_capture (store, s->id, paths[shuffled[i]], paths[shuffled[i]], "test", &error),
                       >, 0);
      g_assert_no_error (error);
    }

  listed = gp_store_list_class_photos (store, CLASS_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, CLASS_SIZE);
  for (i = 0; i < listed->len; i++)
    {
      GpClassPhoto *photo = g_ptr_array_index (listed, i);

      g_assert_cmpstr (photo->student->student_no, ==, class_numbers[i]);
      if (i == 2)
        {
          g_assert_null (photo->photo_path);
          g_assert_cmpint (photo->capture_id, ==, 0);
          continue;
        }
      g_assert_cmpstr (photo->photo_path, ==, paths[i]);
      g_assert_cmpint (photo->capture_id, >, 0);
      g_array_append_vals (photos, &made[i], 1);
      expected[n_expected++] = class_numbers[i];
    }
  classes = gp_store_list_classes (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (classes, ((const char * const[]) { "数学2102", CLASS_NAME, NULL }));

  g_assert_true (gp_sheet_render_class (NULL, CLASS_NAME, (GpSheetPhoto *) (gpointer) photos->data,
                                        photos->len, f->pdf, &error));
  g_assert_no_error (error);
  text = text_of (f->pdf);
  assert_in_order (text, expected, n_expected);
  g_assert_null (strstr (text, class_numbers[2]));
  g_assert_null (strstr (text, "2021000100"));
}

/* Each layout's sheet is its paper, exactly, upright as fed. */
static const struct {
  const char *layout;
  const char *page_size;
  guint       images;
} layout_pages[] = {
  { "4x6-33x48", "288 x 432 pts", 4 },
  { "5x7-35x49", "360 x 504 pts", 8 },
  { "a6-33x48", "297.638 x 419.528 pts", 4 },
  { "a4-labels-25x35", "595.276 x 841.89 pts (A4)", 4 },
};

static void
test_page_size_per_layout (Fixture *f, gconstpointer data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (layout_pages); i++)
    {
      g_autoptr(GpLayout) layout = load_layout (layout_pages[i].layout);
      g_autoptr(GError) error = NULL;
      g_autofree char *info = NULL;

      g_assert_true (gp_sheet_render_student (layout, &f->info, f->pdf, &error));
      g_assert_no_error (error);
      if (!gp_test_run_tool (&info, POPPLER, "pdfinfo", f->pdf, NULL))
        return;
      g_test_message ("%s: %u images", layout_pages[i].layout, count_images (f->pdf, 1));
      g_assert_nonnull (strstr (info, layout_pages[i].page_size));
      g_assert_cmpuint (count_pages (f->pdf), ==, 1);
      g_assert_cmpuint (count_images (f->pdf, 1), ==, layout_pages[i].images);
    }
}

/* The longest run of the portrait's green top band along one pixel row. */
static int
longest_green_run (const char *png_path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (png_path);
  const guint8 *pixels;
  int stride, x, y, longest = 0;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  pixels = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  for (y = 0; y < cairo_image_surface_get_height (png); y++)
    {
      int run = 0;

      for (x = 0; x < cairo_image_surface_get_width (png); x++)
        {
          guint32 px = *(const guint32 *) (gconstpointer) (pixels + (gsize) y * stride + (gsize) x * 4);
          gboolean green = ((px >> 8) & 0xff) > 200 && ((px >> 16) & 0xff) < 80 && (px & 0xff) < 80;

          run = green ? run + 1 : 0;
          longest = MAX (longest, run);
        }
    }
  cairo_surface_destroy (png);
  return longest;
}

/* 5 × 7 in fits eight 35 × 49 mm photos across and six upright: the sheet
 * is drawn turned on the upright page, so the photos' top bands run down it. */
static void
test_landscape_turns_sheet (Fixture *f, gconstpointer data)
{
  g_autoptr(GpLayout) upright = gp_layout_new_default ();
  g_autoptr(GpLayout) turned = load_layout ("5x7-35x49");
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png_path = g_build_filename (f->dir, "page.png", NULL);
  g_autoptr(GError) error = NULL;
  GpLayoutGrid grid;
  int upright_run, turned_run;

  gp_layout_get_grid (turned, &grid);
  g_assert_true (grid.landscape);

  g_assert_true (gp_sheet_render_student (upright, &f->info, f->pdf, &error));
  g_assert_no_error (error);
  if (!gp_test_run_tool (NULL, POPPLER, "pdftoppm", "-r", "150", "-png", "-singlefile", f->pdf, prefix, NULL))
    return;
  upright_run = longest_green_run (png_path);

  g_assert_true (gp_sheet_render_student (turned, &f->info, f->pdf, &error));
  g_assert_no_error (error);
  if (!gp_test_run_tool (NULL, POPPLER, "pdftoppm", "-r", "150", "-png", "-singlefile", f->pdf, prefix, NULL))
    return;
  turned_run = longest_green_run (png_path);

  /* Upright: the band spans the 33 mm photo (≈ 195 px); turned: its ≈ 1 mm thickness. */
  g_test_message ("longest green run: upright %d px, turned %d px", upright_run, turned_run);
  g_assert_cmpint (upright_run, >, 150);
  g_assert_cmpint (turned_run, <, 15);
  g_assert_cmpuint (count_images (f->pdf, 1), ==, 8);
}

static void
test_copies_span_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GpLayout) layout = gp_layout_new_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  layout->copies = 6;
  g_assert_true (gp_sheet_render_student (layout, &f->info, f->pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (f->pdf), ==, 2);
  g_assert_cmpuint (count_images (f->pdf, 1), ==, 4);
  g_assert_cmpuint (count_images (f->pdf, 2), ==, 2);
  text = text_of (f->pdf);
  g_assert_nonnull (strstr (text, "第 2/2 页"));

  layout->copies = 1;
  g_assert_true (gp_sheet_render_student (layout, &f->info, f->pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (f->pdf), ==, 1);
  g_assert_cmpuint (count_images (f->pdf, 1), ==, 1);
}

/* Grey pixels on a sheet with neither labels nor header come from cut lines only. */
static guint
count_grey (const char *png_path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (png_path);
  const guint8 *pixels = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  guint n = 0;
  int x, y;

  for (y = 0; y < cairo_image_surface_get_height (png); y++)
    for (x = 0; x < cairo_image_surface_get_width (png); x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (pixels + (gsize) y * stride + (gsize) x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (r == g && g == b && r > 100 && r < 235)
          n++;
      }
  cairo_surface_destroy (png);
  return n;
}

static void
test_cut_lines_on_off (Fixture *f, gconstpointer data)
{
  g_autoptr(GpLayout) layout = gp_layout_new_default ();
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png_path = g_build_filename (f->dir, "page.png", NULL);
  guint with_lines, without;
  int pass;

  layout->labels = 0;
  layout->header = FALSE;
  for (pass = 0; pass < 2; pass++)
    {
      g_autoptr(GError) error = NULL;

      layout->cut_lines = pass == 0;
      g_assert_true (gp_sheet_render_student (layout, &f->info, f->pdf, &error));
      g_assert_no_error (error);
      if (!gp_test_run_tool (NULL, POPPLER, "pdftoppm", "-r", "150", "-png", "-singlefile", f->pdf, prefix, NULL))
        return;
      if (pass == 0)
        with_lines = count_grey (png_path);
      else
        without = count_grey (png_path);
    }
  g_test_message ("grey pixels: %u with cut lines, %u without", with_lines, without);
  /* Four rectangles of 33 × 48 mm at 150 dpi: over 1800 px of outline. */
  g_assert_cmpuint (with_lines, >, 1000);
  g_assert_cmpuint (without, <, 50);
}

/* The A4 label layout prints name, 学号 and class under every photo. */
static void
test_label_fields (Fixture *f, gconstpointer data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree GpSheetPhoto *photos = make_class (f, &paths);
  g_autoptr(GpLayout) layout = load_layout ("a4-labels-25x35");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gp_sheet_render_class (layout, CLASS_NAME, photos, CLASS_SIZE, f->pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pages (f->pdf), ==, 1);
  g_assert_cmpuint (count_images (f->pdf, 1), ==, CLASS_SIZE);
  text = text_of (f->pdf);
  g_test_message ("%s", text);
  /* The header and every label. */
  g_assert_cmpuint (count_in (text, CLASS_NAME), ==, CLASS_SIZE + 1);
  assert_in_order (text, class_numbers, CLASS_SIZE);

  layout->labels = GP_LABEL_STUDENT_NO;
  layout->header = FALSE;
  g_assert_true (gp_sheet_render_class (layout, CLASS_NAME, photos, CLASS_SIZE, f->pdf, &error));
  g_assert_no_error (error);
  g_free (text);
  text = text_of (f->pdf);
  g_assert_null (strstr (text, CLASS_NAME));
  g_assert_null (strstr (text, class_names[0]));
  assert_in_order (text, class_numbers, CLASS_SIZE);
}

static void
test_class_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gp_sheet_render_class (NULL, CLASS_NAME, NULL, 0, f->pdf, &error));
  g_assert_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_EMPTY);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));
}

/* One missing photo fails the class sheet, naming the student. */
static void
test_class_bad_photo (Fixture *f, gconstpointer data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree GpSheetPhoto *photos = make_class (f, &paths);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_remove (paths[5]), ==, 0);
  g_assert_false (gp_sheet_render_class (NULL, CLASS_NAME, photos, CLASS_SIZE, f->pdf, &error));
  g_assert_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, class_numbers[5]));
  g_assert_nonnull (strstr (error->message, class_names[5]));
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_autofree char *shipped = NULL;
  guint i;

  g_test_init (&argc, &argv, NULL);
  /* The shipped layouts, not installed ones; set before any thread exists. */
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);

  ADD ("/sheet/layout/two-by-two", test_layout_copies, NULL);
  ADD ("/sheet/render/page-4x6-in", test_page_size, NULL);
  ADD ("/sheet/render/one-jpeg-per-copy", test_images_are_jpeg, NULL);
  ADD ("/sheet/render/jpeg-bytes-unchanged", test_jpeg_bytes_unchanged, NULL);
  ADD ("/sheet/render/labels-name-and-number", test_text, NULL);
  ADD ("/sheet/render/crop-fills-cell", test_crop_fills_cell, NULL);
  ADD ("/sheet/error/unwritable-folder", test_unwritable_folder, NULL);
  for (i = 0; i < G_N_ELEMENTS (bad_photos); i++)
    ADD (bad_photos[i].path, test_bad_photo, &bad_photos[i]);
  ADD ("/sheet/layout/page-size-per-layout", test_page_size_per_layout, NULL);
  ADD ("/sheet/layout/landscape-turns-sheet", test_landscape_turns_sheet, NULL);
  ADD ("/sheet/layout/copies-span-pages", test_copies_span_pages, NULL);
  ADD ("/sheet/layout/cut-lines-on-off", test_cut_lines_on_off, NULL);
  ADD ("/sheet/layout/label-fields", test_label_fields, NULL);
  ADD ("/sheet/class/seven-students-4x6", test_class_seven_on_4x6, NULL);
  ADD ("/sheet/class/from-store-in-student-no-order", test_class_from_store, NULL);
  ADD ("/sheet/class/empty", test_class_empty, NULL);
  ADD ("/sheet/class/missing-photo-named", test_class_bad_photo, NULL);

  return g_test_run ();
}
