/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Crossing between our RGB buffers and cairo's native-endian xRGB32. */
#define G_LOG_DOMAIN "gp-frame-cairo"

#include "image/gp-frame-cairo.h"

cairo_surface_t *
gp_frame_to_cairo (const GpFrame *frame)
{
  cairo_surface_t *surface;
  guint8 *pixels;
  int stride;

  g_return_val_if_fail (frame != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, frame->width, frame->height);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < frame->height; y++)
    {
      const guint8 *src = frame->data + (gsize) y * frame->stride;
      guint32 *dst = (guint32 *) (gpointer) (pixels + (gsize) y * stride);

      for (int x = 0; x < frame->width; x++)
        {
          if (frame->format == GP_FRAME_RGB)
            dst[x] = 0xff000000u | (guint32) src[3 * x] << 16 | (guint32) src[3 * x + 1] << 8 | src[3 * x + 2];
          else
            dst[x] = 0xff000000u | (guint32) src[x] * 0x010101u;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

GpFrame *
gp_frame_from_cairo (cairo_surface_t *surface)
{
  GpFrame *frame;
  const guint8 *pixels;
  int stride;

  g_return_val_if_fail (surface != NULL, NULL);

  cairo_surface_flush (surface);
  frame = gp_frame_new (GP_FRAME_RGB,
                        cairo_image_surface_get_width (surface),
                        cairo_image_surface_get_height (surface));
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < frame->height; y++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      guint8 *dst = frame->data + (gsize) y * frame->stride;

      for (int x = 0; x < frame->width; x++)
        {
          dst[3 * x] = (src[x] >> 16) & 0xff;
          dst[3 * x + 1] = (src[x] >> 8) & 0xff;
          dst[3 * x + 2] = src[x] & 0xff;
        }
    }
  return frame;
}
