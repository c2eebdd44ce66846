/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Image buffers and the few geometric operations the station needs. */
#define G_LOG_DOMAIN "gp-frame"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gp-frame.h"

G_DEFINE_BOXED_TYPE (GpFrame, gp_frame, gp_frame_ref, gp_frame_unref)

GpFrame *
gp_frame_new (GpFrameFormat format,
              int           width,
              int           height)
{
  GpFrame *frame;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  frame = g_new0 (GpFrame, 1);
  frame->format = format;
  frame->width = width;
  frame->height = height;
  /* Rows padded to 4 bytes, as GStreamer lays out RGB and GRAY8 video. */
  frame->stride = (width * (format == GP_FRAME_RGB ? 3 : 1) + 3) & ~3;
  frame->data = g_malloc0 ((gsize) frame->stride * (gsize) height);
  g_atomic_ref_count_init (&frame->ref_count);
  return frame;
}

/* Whether an image of this size, read from a file's header, may be decoded:
 * a 389 KB PNG can claim 20000 × 20000 pixels and cost gigabytes. */
gboolean
gp_frame_size_allowed (guint64   width,
                       guint64   height,
                       GError  **error)
{
  if (width * height <= GP_FRAME_MAX_PIXELS && width <= G_MAXINT / 4 && height <= G_MAXINT / 4)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The image is %u × %u pixels, too large to process. Use a photo of at most %u megapixels."),
               (guint) MIN (width, G_MAXUINT), (guint) MIN (height, G_MAXUINT),
               (guint) (GP_FRAME_MAX_PIXELS / 1000000));
  return FALSE;
}

GpFrame *
gp_frame_ref (GpFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  g_atomic_ref_count_inc (&frame->ref_count);
  return frame;
}

void
gp_frame_unref (GpFrame *frame)
{
  g_return_if_fail (frame != NULL);
  if (g_atomic_ref_count_dec (&frame->ref_count))
    {
      g_free (frame->data);
      g_free (frame);
    }
}

int
gp_frame_channels (const GpFrame *frame)
{
  return frame->format == GP_FRAME_RGB ? 3 : 1;
}

GpFrame *
gp_frame_to_gray (const GpFrame *frame)
{
  GpFrame *gray;

  g_return_val_if_fail (frame != NULL, NULL);

  gray = gp_frame_new (GP_FRAME_GRAY, frame->width, frame->height);
  for (int y = 0; y < frame->height; y++)
    {
      const guint8 *src = frame->data + (gsize) y * frame->stride;
      guint8 *dst = gray->data + (gsize) y * gray->stride;

      if (frame->format == GP_FRAME_GRAY)
        {
          memcpy (dst, src, frame->width);
          continue;
        }
      /* BT.601 luma in fixed point. */
      for (int x = 0; x < frame->width; x++, src += 3)
        dst[x] = (guint8) ((77 * src[0] + 150 * src[1] + 29 * src[2]) >> 8);
    }
  return gray;
}

/* Box-filtered resample of a source rectangle: each output pixel averages
 * the source pixels it covers, so downscaling does not alias. */
GpFrame *
gp_frame_crop_scale (const GpFrame *frame,
                     int            x,
                     int            y,
                     int            width,
                     int            height,
                     int            out_width,
                     int            out_height)
{
  GpFrame *out;
  g_autofree int *spans = NULL;
  int ch;
  double sx, sy;

  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (x >= 0 && y >= 0 && width > 0 && height > 0, NULL);
  g_return_val_if_fail (x + width <= frame->width && y + height <= frame->height, NULL);

  ch = gp_frame_channels (frame);
  out = gp_frame_new (frame->format, out_width, out_height);
  sx = (double) width / out_width;
  sy = (double) height / out_height;
  /* Each column's source span, once rather than on every row. */
  spans = g_new (int, 2 * (gsize) out_width);
  for (int ox = 0; ox < out_width; ox++)
    {
      spans[2 * ox] = x + (int) floor (ox * sx);
      spans[2 * ox + 1] = MAX (spans[2 * ox] + 1, MIN (x + width, x + (int) floor ((ox + 1) * sx)));
    }

  for (int oy = 0; oy < out_height; oy++)
    {
      int y0 = y + (int) floor (oy * sy);
      int y1 = MAX (y0 + 1, MIN (y + height, y + (int) floor ((oy + 1) * sy)));
      guint8 *dst = out->data + (gsize) oy * out->stride;

      for (int ox = 0; ox < out_width; ox++)
        {
          int x0 = spans[2 * ox], x1 = spans[2 * ox + 1];
          guint32 sum[3] = { 0, 0, 0 };
          guint32 n = (guint32) ((x1 - x0) * (y1 - y0));

          for (int yy = y0; yy < y1; yy++)
            {
              const guint8 *src = frame->data + (gsize) yy * frame->stride + (gsize) x0 * ch;
              for (int xx = x0; xx < x1; xx++, src += ch)
                for (int c = 0; c < ch; c++)
                  sum[c] += src[c];
            }
          for (int c = 0; c < ch; c++)
            dst[ox * ch + c] = (guint8) ((sum[c] + n / 2) / n);
        }
    }
  return out;
}
