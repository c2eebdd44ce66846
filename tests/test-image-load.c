/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Images people bring, told apart by their first bytes; sizes checked from
 * the header before anything is decoded. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "image/gp-image-load.h"

/* A PNG whose header claims @width × @height; its pixel data is one byte
 * short of anything, so only the header is ever read when it is refused. */
static char *
write_png_header (const char *dir,
                  guint32     width,
                  guint32     height)
{
  guint8 png[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  guint32 be_width = GUINT32_TO_BE (width), be_height = GUINT32_TO_BE (height);
  char *path = g_build_filename (dir, "big.png", NULL);
  g_autoptr(GError) error = NULL;

  memcpy (png + 16, &be_width, 4);
  memcpy (png + 20, &be_height, 4);
  png[24] = 8;  /* bit depth */
  png[25] = 2;  /* RGB */
  g_file_set_contents (path, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
  return path;
}

/* A 389 KB PNG of 20000 × 20000 pixels used to cost 20 s and 4.3 GB before
 * its size was looked at; it is refused from its header, with the same cap
 * and message as a JPEG. */
static void
test_png_size_from_header (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-image-XXXXXX", NULL);
  g_autofree char *path = write_png_header (dir, 20000, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = gp_image_load (path, NULL, &error);

  g_assert_null (frame);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "20000 × 20000"));
  g_assert_nonnull (strstr (error->message, "144 megapixels"));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-load/png/size-from-header", test_png_size_from_header);
  return g_test_run ();
}
