/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Binarizes a grey frame in blocks, as ZXing's hybrid binarizer does: each
 * block's threshold is the mean of the 5 × 5 blocks around it, which holds
 * up under glare and uneven light where one global threshold would not. */
#define G_LOG_DOMAIN "gp-qr-binary"

#include "config.h"

#include "scan/gp-qr-binary.h"

#define BLOCK GP_QR_BINARY_BLOCK
/* Below this range of grey a block is flat: no edge to take a mean across. */
#define FLAT_CONTRAST 24

static guint8
block_average (const GpQrBinary *b,
               const guint8     *average,
               int               bx,
               int               by)
{
  int x0 = MIN (bx * BLOCK, b->width - BLOCK), y0 = MIN (by * BLOCK, b->height - BLOCK);
  guint sum = 0, lo = 255, hi = 0, neighbours;

  /* Every other row is enough for a mean and a range, at half the cost. */
  for (int y = y0; y < y0 + BLOCK; y += 2)
    {
      const guint8 *row = b->pixels + (gsize) y * (gsize) b->stride + x0;

      for (int x = 0; x < BLOCK; x++)
        {
          sum += row[x];
          lo = MIN (lo, row[x]);
          hi = MAX (hi, row[x]);
        }
    }
  if (hi - lo > FLAT_CONTRAST)
    return (guint8) (sum / (BLOCK * BLOCK / 2));

  /* A flat block is background unless its neighbours, already done, say it
   * lies inside something darker. */
  if (bx == 0 || by == 0)
    return (guint8) (lo / 2);
  neighbours = (average[(by - 1) * b->blocks_x + bx] + 2u * average[by * b->blocks_x + bx - 1] +
                average[(by - 1) * b->blocks_x + bx - 1]) / 4;
  return (guint8) (lo < neighbours ? neighbours : lo / 2);
}

/* NULL when the frame is smaller than the 5 × 5 blocks a threshold needs. */
GpQrBinary *
gp_qr_binary_new (const guint8 *pixels,
                  int           width,
                  int           height,
                  int           stride)
{
  g_autoptr(GpQrBinary) b = NULL;
  g_autofree guint8 *average = NULL;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (stride >= width, NULL);

  if (width < 5 * BLOCK || height < 5 * BLOCK)
    return NULL;

  b = g_new0 (GpQrBinary, 1);
  b->pixels = pixels;
  b->width = width;
  b->height = height;
  b->stride = stride;
  b->blocks_x = (width + BLOCK - 1) / BLOCK;
  b->blocks_y = (height + BLOCK - 1) / BLOCK;
  b->threshold = g_new (guint8, (gsize) b->blocks_x * (gsize) b->blocks_y);
  average = g_new (guint8, (gsize) b->blocks_x * (gsize) b->blocks_y);

  for (int by = 0; by < b->blocks_y; by++)
    for (int bx = 0; bx < b->blocks_x; bx++)
      average[by * b->blocks_x + bx] = block_average (b, average, bx, by);

  for (int by = 0; by < b->blocks_y; by++)
    for (int bx = 0; bx < b->blocks_x; bx++)
      {
        int cx = CLAMP (bx, 2, b->blocks_x - 3), cy = CLAMP (by, 2, b->blocks_y - 3);
        guint sum = 0;

        for (int y = cy - 2; y <= cy + 2; y++)
          for (int x = cx - 2; x <= cx + 2; x++)
            sum += average[y * b->blocks_x + x];
        b->threshold[by * b->blocks_x + bx] = (guint8) (sum / 25);
      }
  return g_steal_pointer (&b);
}

void
gp_qr_binary_free (GpQrBinary *binary)
{
  if (binary == NULL)
    return;
  g_free (binary->threshold);
  g_free (binary);
}
