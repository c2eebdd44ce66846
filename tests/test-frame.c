/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include "image/gp-frame.h"

static void
test_rows_padded_like_gstreamer (void)
{
  g_autoptr(GpFrame) rgb = gp_frame_new (GP_FRAME_RGB, 5, 2);
  g_autoptr(GpFrame) gray = gp_frame_new (GP_FRAME_GRAY, 5, 2);

  g_assert_cmpint (rgb->stride, ==, 16);
  g_assert_cmpint (gray->stride, ==, 8);
}

static void
test_downscale_averages (void)
{
  g_autoptr(GpFrame) checker = gp_frame_new (GP_FRAME_GRAY, 64, 64);
  g_autoptr(GpFrame) small = NULL;

  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 64; x++)
      checker->data[y * checker->stride + x] = ((x + y) % 2) ? 255 : 0;
  small = gp_frame_crop_scale (checker, 0, 0, 64, 64, 16, 16);
  /* A box filter turns a fine checkerboard into even grey, not aliasing. */
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      g_assert_cmpint (ABS ((int) small->data[y * small->stride + x] - 128), <=, 1);
}

static void
test_gray_uses_luma (void)
{
  g_autoptr(GpFrame) rgb = gp_frame_new (GP_FRAME_RGB, 3, 1);
  g_autoptr(GpFrame) gray = NULL;

  rgb->data[0] = 255;             /* red */
  rgb->data[4] = 255;             /* green */
  rgb->data[8] = 255;             /* blue */
  gray = gp_frame_to_gray (rgb);
  g_assert_cmpint (gray->data[1], >, gray->data[0]);
  g_assert_cmpint (gray->data[0], >, gray->data[2]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frame/layout/rows-padded-like-gstreamer", test_rows_padded_like_gstreamer);
  g_test_add_func ("/frame/scale/downscale-averages", test_downscale_averages);
  g_test_add_func ("/frame/gray/uses-luma", test_gray_uses_luma);
  return g_test_run ();
}
