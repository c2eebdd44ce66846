/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Crop geometry: scale and offset put head top, eye line and face width
 * inside the profile's ranges, near their middles; frames that cannot give
 * that are refused with what to do; the resampler keeps geometry exact. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>

#include "photo/gp-crop.h"
#include "photo/gp-photo-encode.h"

static void
geometry (GpFaceGeometry *g, double cx, double eye_y, double face_width)
{
  memset (g, 0, sizeof *g);
  g->center_x = cx;
  g->eye_line_y = eye_y;
  g->face_width = face_width;
  g->eye_distance = face_width / 2.05;
}

static void
test_in_ranges (void)
{
  static const struct {
    double cx, eye_y, face, head_top;
  } cases[] = {
    { 960, 500, 240, 300 }, { 900, 450, 200, 290 }, { 1000, 560, 280, 340 }, { 960, 520, 250, 320 },
  };
  g_autoptr(GpProfile) p = gp_profile_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GpFaceGeometry g;
      GpCrop c;
      double eye, top, width, centre;

      geometry (&g, cases[i].cx, cases[i].eye_y, cases[i].face);
      g_assert_true (gp_crop_compute (p, 1920, 1080, &g, cases[i].head_top, &c, &error));
      g_assert_no_error (error);
      eye = (cases[i].eye_y - c.y) * c.scale;
      top = (cases[i].head_top - c.y) * c.scale;
      width = cases[i].face * c.scale;
      centre = (cases[i].cx - c.x) * c.scale - 240;
      g_test_message ("eye %.1f top %.1f width %.1f centre %.1f", eye, top, width, centre);
      g_assert_cmpint (c.out_width, ==, 480);
      g_assert_cmpint (c.out_height, ==, 640);
      g_assert_cmpfloat_with_epsilon (c.width * c.scale, 480, 1e-6);
      g_assert_cmpfloat (eye, >=, 200);
      g_assert_cmpfloat (eye, <=, 300);
      g_assert_cmpfloat (top, >=, 50);
      g_assert_cmpfloat (top, <=, 110);
      g_assert_cmpfloat (width, >=, 180);
      g_assert_cmpfloat (width, <=, 300);
      g_assert_cmpfloat (fabs (centre), <, 0.5);
      g_assert_cmpfloat (c.x, >=, 0);
      g_assert_cmpfloat (c.y, >=, 0);
      g_assert_cmpfloat (c.x + c.width, <=, 1920 + 1e-6);
      g_assert_cmpfloat (c.y + c.height, <=, 1080 + 1e-6);
    }
}

static void
test_refused (void)
{
  static const struct {
    const char *name;
    double      cx, eye_y, face, head_top;
    int         code;
  } cases[] = {
    { "too-far", 960, 500, 120, 420, GP_CROP_ERROR_TOO_FAR },
    { "too-close", 960, 600, 700, 150, GP_CROP_ERROR_TOO_CLOSE },
    { "left-edge", 120, 500, 240, 300, GP_CROP_ERROR_OFF_CENTRE },
    { "right-edge", 1850, 500, 240, 300, GP_CROP_ERROR_OFF_CENTRE },
    { "top", 960, 210, 240, 10, GP_CROP_ERROR_TOO_HIGH },
    { "bottom", 960, 1000, 240, 800, GP_CROP_ERROR_TOO_LOW },
    { "tall-head", 960, 500, 240, 100, GP_CROP_ERROR_PROPORTIONS },
  };
  g_autoptr(GpProfile) p = gp_profile_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GpFaceGeometry g;
      GpCrop c;

      geometry (&g, cases[i].cx, cases[i].eye_y, cases[i].face);
      g_assert_false (gp_crop_compute (p, 1920, 1080, &g, cases[i].head_top, &c, &error));
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_error (error, GP_CROP_ERROR, cases[i].code);
    }
}

/* The upload profile: as large as the detail allows, exactly 3:4. */
static void
test_size_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) p = NULL;
  GpFaceGeometry g;
  GpCrop c;

  g_setenv ("GRADPHOTO_DATADIR", g_test_get_filename (G_TEST_DIST, "..", "data", NULL), TRUE);
  p = gp_profile_load ("upload", &error);
  g_assert_no_error (error);
  geometry (&g, 960, 500, 300);
  g_assert_true (gp_crop_compute (p, 1920, 1080, &g, 280, &c, &error));
  g_assert_cmpint (c.out_height, >, 640);
  g_assert_cmpint (c.out_width * 4, ==, c.out_height * 3);
  g_assert_cmpfloat (c.scale, <=, 1.0);
}

static void
test_resample (void)
{
  g_autoptr(GpFrame) src = gp_frame_new (GP_FRAME_RGB, 300, 200);
  g_autoptr(GpFrame) half = NULL;
  g_autoptr(GpFrame) shifted = NULL;

  /* A horizontal ramp: area averages of a ramp are the ramp at the centre. */
  for (int y = 0; y < src->height; y++)
    for (int x = 0; x < src->width; x++)
      for (int c = 0; c < 3; c++)
        src->data[(gsize) y * src->stride + (gsize) x * 3 + c] = (guint8) (x / 2 + c);
  half = gp_photo_resample (src, 0, 0, 300, 200, 150, 100);
  for (int x = 0; x < 150; x++)
    g_assert_cmpint (ABS (half->data[(gsize) 50 * half->stride + (gsize) x * 3] - x), <=, 1);
  /* Fractional offsets move the content by fractions, not whole pixels. */
  shifted = gp_photo_resample (src, 10.5, 0, 200, 100, 100, 50);
  g_assert_cmpint (ABS (shifted->data[(gsize) 10 * shifted->stride + 20 * 3] - (int) ((10.5 + 41) / 2)), <=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/photo/crop/in-ranges", test_in_ranges);
  g_test_add_func ("/photo/crop/refused-with-what-to-do", test_refused);
  g_test_add_func ("/photo/crop/size-range", test_size_range);
  g_test_add_func ("/photo/crop/resample", test_resample);
  return g_test_run ();
}
