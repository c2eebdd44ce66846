/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* From the cropped frame to the file: an exact area-average resample and
 * the highest JPEG quality that fits the profile's file-size window. */
#define G_LOG_DOMAIN "gp-photo-encode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "core/gp-durable.h"
#include "image/gp-jpeg.h"
#include "photo/gp-photo-encode.h"

G_DEFINE_QUARK (gp-photo-encode-error-quark, gp_photo_encode_error)

/* The source pixels an output pixel takes, with their weights. */
typedef struct {
  int    first;
  int    count;
  float *weights;
} Taps;

/* Downscaling averages the exact (fractional) source interval each output
 * pixel covers; upscaling interpolates linearly. Taps outside the frame
 * are clamped to its edge when used. */
static Taps *
make_taps (double  start,
           double  length,
           int     n_out,
           float **storage)
{
  Taps *taps = g_new0 (Taps, n_out);
  double step = length / n_out;
  int max_taps = (int) ceil (MAX (step, 1.0)) + 2;
  float *w = *storage = g_new0 (float, (gsize) n_out * max_taps);

  for (int j = 0; j < n_out; j++, w += max_taps)
    {
      taps[j].weights = w;
      if (step >= 1.0)
        {
          double a = start + j * step, b = a + step;
          int i0 = (int) floor (a);
          double sum = 0;

          taps[j].first = i0;
          for (int i = i0; i < b && taps[j].count < max_taps; i++)
            {
              double cover = MIN (b, i + 1.0) - MAX (a, (double) i);

              if (cover <= 0)
                continue;
              w[taps[j].count++] = (float) cover;
              sum += cover;
            }
          for (int t = 0; t < taps[j].count; t++)
            w[t] = (float) (w[t] / sum);
        }
      else
        {
          double c = start + (j + 0.5) * step - 0.5;
          int i0 = (int) floor (c);

          taps[j].first = i0;
          taps[j].count = 2;
          w[1] = (float) (c - i0);
          w[0] = 1.0f - w[1];
        }
    }
  return taps;
}

static inline int
clamp_index (int i, int n)
{
  return i < 0 ? 0 : (i >= n ? n - 1 : i);
}

/**
 * gp_photo_resample:
 * @x: the source rectangle, in source pixels (fractions allowed)
 *
 * Resamples a rectangle of @frame to @out_width × @out_height with an
 * area-average filter, so the photo does not alias (the box filter of
 * gp_frame_crop_scale() rounds the rectangle to whole pixels, which moves
 * the eye line by up to a pixel at these scales).
 *
 * Returns: (transfer full): the resampled frame
 */
GpFrame *
gp_photo_resample (const GpFrame *frame,
                   double         x,
                   double         y,
                   double         width,
                   double         height,
                   int            out_width,
                   int            out_height)
{
  g_autofree Taps *tx = NULL;
  g_autofree Taps *ty = NULL;
  g_autofree float *wx = NULL;
  g_autofree float *wy = NULL;
  g_autofree float *rows = NULL;
  g_autofree int *offsets = NULL;
  g_autofree float *sums = NULL;
  GpFrame *out;
  int ch, max_tx = 0, y_lo, y_hi;
  gsize row_len;

  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && out_width > 0 && out_height > 0, NULL);

  ch = gp_frame_channels (frame);
  tx = make_taps (x, width, out_width, &wx);
  ty = make_taps (y, height, out_height, &wy);
  out = gp_frame_new (frame->format, out_width, out_height);
  row_len = (gsize) out_width * ch;

  /* Each column's taps as byte offsets in a source row, clamped once here
   * rather than for every row and channel. */
  for (int j = 0; j < out_width; j++)
    max_tx = MAX (max_tx, tx[j].count);
  offsets = g_new (int, (gsize) out_width * max_tx);
  for (int j = 0; j < out_width; j++)
    for (int t = 0; t < tx[j].count; t++)
      offsets[j * max_tx + t] = clamp_index (tx[j].first + t, frame->width) * ch;

  /* Horizontal pass over the source rows the output needs, then vertical. */
  y_lo = clamp_index (ty[0].first, frame->height);
  y_hi = clamp_index (ty[out_height - 1].first + ty[out_height - 1].count, frame->height);
  rows = g_new (float, (gsize) (y_hi - y_lo + 1) * row_len);
  for (int sy = y_lo; sy <= y_hi; sy++)
    {
      const guint8 *src = frame->data + (gsize) sy * frame->stride;
      float *dst = rows + (gsize) (sy - y_lo) * row_len;

      for (int j = 0; j < out_width; j++)
        for (int c = 0; c < ch; c++)
          {
            const int *off = offsets + j * max_tx;
            float sum = 0;

            for (int t = 0; t < tx[j].count; t++)
              sum += tx[j].weights[t] * src[off[t] + c];
            dst[j * ch + c] = sum;
          }
    }
  /* Row by row of taps, so that the inner loop runs along a row. */
  sums = g_new (float, row_len);
  for (int i = 0; i < out_height; i++)
    {
      guint8 *dst = out->data + (gsize) i * out->stride;

      memset (sums, 0, row_len * sizeof *sums);
      for (int t = 0; t < ty[i].count; t++)
        {
          const float *src = rows + (gsize) (clamp_index (ty[i].first + t, frame->height) - y_lo) * row_len;
          float w = ty[i].weights[t];

          for (gsize k = 0; k < row_len; k++)
            sums[k] += w * src[k];
        }
      for (gsize k = 0; k < row_len; k++)
        dst[k] = (guint8) CLAMP (lrintf (sums[k]), 0, 255);
    }
  return out;
}

/**
 * gp_photo_encode:
 * @quality: (out): the quality used
 *
 * Encodes @photo at the highest quality whose file fits the profile's size
 * window, never below its quality floor; the JFIF density is its dpi. No
 * padding: a photo that is too small even at quality 100 is an error.
 *
 * Returns: (transfer full): the JPEG file, or %NULL
 */
GBytes *
gp_photo_encode (const GpFrame    *photo,
                 const GpProfile  *profile,
                 int              *quality,
                 GError          **error)
{
  g_autoptr(GBytes) best = NULL;
  int lo = profile->quality_min, hi = 100, best_q = 0;

  g_return_val_if_fail (photo != NULL && profile != NULL, NULL);
  g_return_val_if_fail (photo->format == GP_FRAME_RGB, NULL);

  /* Size grows with quality: binary search for the last one that fits. */
  while (lo <= hi)
    {
      int mid = (lo + hi + 1) / 2;
      g_autoptr(GBytes) jpeg = gp_jpeg_encode (photo, mid, profile->dpi, error);

      if (jpeg == NULL)
        return NULL;
      if (g_bytes_get_size (jpeg) <= profile->file_size_max)
        {
          g_clear_pointer (&best, g_bytes_unref);
          best = g_steal_pointer (&jpeg);
          best_q = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  if (best == NULL)
    {
      g_set_error (error, GP_PHOTO_ENCODE_ERROR, GP_PHOTO_ENCODE_ERROR_TOO_LARGE,
                   _("The photo does not fit into %zu bytes even at JPEG quality %d. Choose a profile with a larger file size, or photograph against a plainer background."),
                   profile->file_size_max, profile->quality_min);
      return NULL;
    }
  if (g_bytes_get_size (best) < profile->file_size_min)
    {
      g_set_error (error, GP_PHOTO_ENCODE_ERROR, GP_PHOTO_ENCODE_ERROR_TOO_SMALL,
                   _("The photo takes only %zu bytes at JPEG quality %d, under the profile’s %zu. The picture may be blank or out of focus: take it again."),
                   g_bytes_get_size (best), best_q, profile->file_size_min);
      return NULL;
    }
  if (quality != NULL)
    *quality = best_q;
  return g_steal_pointer (&best);
}

/**
 * gp_photo_write:
 *
 * Writes the file atomically: a reader sees the whole photo or none.
 */
gboolean
gp_photo_write (GBytes      *jpeg,
                const char  *path,
                GError     **error)
{
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (jpeg != NULL && path != NULL, FALSE);

  data = g_bytes_get_data (jpeg, &length);
  return gp_durable_write (path, data, length, error);
}
