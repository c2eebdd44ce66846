/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* After stdio.h, which it needs. */
#include <jpeglib.h>

#include "image/gp-jpeg.h"

static GpFrame *
make_photo (void)
{
  GpFrame *frame = gp_frame_new (GP_FRAME_RGB, 480, 640);

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      {
        guint8 *p = frame->data + y * frame->stride + 3 * x;
        p[0] = 100;
        p[1] = 197;
        p[2] = 255;
      }
  return frame;
}

/* JFIF density is read straight from the header: APP0 at offset 2. */
static void
test_encode_tags_dpi_and_round_trips (void)
{
  g_autoptr(GpFrame) photo = make_photo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = gp_jpeg_encode (photo, 90, 300, &error);
  g_autoptr(GpFrame) back = NULL;
  const guint8 *data;
  gsize length;

  g_assert_no_error (error);
  data = g_bytes_get_data (jpeg, &length);
  g_assert_cmpmem (data + 6, 5, "JFIF\0", 5);
  g_assert_cmpint (data[13], ==, 1);                       /* dots per inch */
  g_assert_cmpint (data[14] << 8 | data[15], ==, 300);
  g_assert_cmpint (data[16] << 8 | data[17], ==, 300);

  back = gp_jpeg_decode (jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->width, ==, 480);
  g_assert_cmpint (back->height, ==, 640);
  g_assert_cmpint (ABS (back->data[0] - 100), <=, 3);
  g_assert_cmpint (ABS (back->data[2] - 255), <=, 3);
}

static void
test_decode_refuses_bad_input (void)
{
  g_autoptr(GpFrame) photo = make_photo ();
  g_autoptr(GBytes) jpeg = gp_jpeg_encode (photo, 90, 300, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  g_autoptr(GBytes) truncated = g_bytes_new (data, length / 2);
  g_autoptr(GBytes) text = g_bytes_new_static ("not a jpeg at all", 17);
  GBytes *bad[] = { truncated, text };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFrame) frame = gp_jpeg_decode (bad[i], &error);

      g_assert_null (frame);
      g_assert_error (error, GP_JPEG_ERROR, GP_JPEG_ERROR_DECODE);
    }
}

static void
test_save_writes_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-jpeg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "photo.jpg", NULL);
  g_autoptr(GpFrame) photo = make_photo ();
  g_autoptr(GpFrame) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_jpeg_save (photo, path, 90, 300, &error));
  loaded = gp_jpeg_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->width, ==, 480);
  g_unlink (path);
  g_rmdir (dir);
}

/* A CMYK JPEG as print shops and Photoshop save them (Adobe marker,
 * inverted values) decodes to its colour instead of being refused. */
static void
test_decode_cmyk (void)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  guint8 row[16 * 4];
  JSAMPROW rows[1] = { row };
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  /* Inverted: 255 - C, 255 - M, 255 - Y, 255 - K of (155, 58, 0, 0). */
  for (guint x = 0; x < 16; x++)
    memcpy (row + 4 * x, (guint8[]) { 100, 197, 255, 255 }, 4);
  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = 16;
  cinfo.image_height = 16;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, 95, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    jpeg_write_scanlines (&cinfo, rows, 1);
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  jpeg = g_bytes_new_with_free_func (buffer, size, free, buffer);

  frame = gp_jpeg_decode (jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (frame->width, ==, 16);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (ABS ((int) frame->data[8 * frame->stride + 3 * 8 + i] - (int) row[i]), <=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jpeg/encode/tags-dpi-and-round-trips", test_encode_tags_dpi_and_round_trips);
  g_test_add_func ("/jpeg/decode/refuses-truncated-and-junk", test_decode_refuses_bad_input);
  g_test_add_func ("/jpeg/save/writes-file", test_save_writes_file);
  g_test_add_func ("/jpeg/decode/cmyk", test_decode_cmyk);
  return g_test_run ();
}
