/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Images people bring: photos and phone screenshots, JPEG or PNG, told
 * apart by their first bytes rather than by their names. */
#define G_LOG_DOMAIN "gp-image-load"

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "image/gp-frame-cairo.h"
#include "image/gp-image-load.h"
#include "image/gp-jpeg.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static guint32
read_be32 (const char *p)
{
  guint32 value;

  memcpy (&value, p, sizeof value);
  return GUINT32_FROM_BE (value);
}

/* PNG through cairo, flattened onto white so transparency reads as paper. */
static GpFrame *
load_png (const char  *path,
          GError     **error)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *flat;
  cairo_t *cr;
  GpFrame *frame;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Could not read the PNG image “%s” (%s). Save it again as PNG or JPEG."),
                   path, cairo_status_to_string (cairo_surface_status (png)));
      cairo_surface_destroy (png);
      return NULL;
    }
  flat = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (png),
                                     cairo_image_surface_get_height (png));
  cr = cairo_create (flat);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  frame = gp_frame_from_cairo (flat);
  cairo_surface_destroy (flat);
  cairo_surface_destroy (png);
  return frame;
}

/* An RGB frame of the image at @path; @file_size (optional) gets its size in bytes. */
GpFrame *
gp_image_load (const char  *path,
               gsize       *file_size,
               GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  if (file_size != NULL)
    *file_size = length;
  if (length >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    {
      /* The size is in the IHDR chunk, first after the signature: checked
       * before cairo allocates the whole image. */
      if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Could not read the PNG image “%s” (%s). Save it again as PNG or JPEG."),
                       path, cairo_status_to_string (CAIRO_STATUS_READ_ERROR));
          return NULL;
        }
      if (!gp_frame_size_allowed (read_be32 (data + 16), read_be32 (data + 20), error))
        return NULL;
      return load_png (path, error);
    }
  if (length >= 3 && (guint8) data[0] == 0xff && (guint8) data[1] == 0xd8 && (guint8) data[2] == 0xff)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&data), length);

      return gp_jpeg_decode (bytes, error);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is neither a JPEG nor a PNG image. Take the photo or screenshot again in one of these."),
               path);
  return NULL;
}
