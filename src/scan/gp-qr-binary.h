/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dark or light for every pixel of a grey frame, from a threshold per
 * 8 × 8 block; borrows the pixels. */
typedef struct {
  const guint8  *pixels;
  int            width;
  int            height;
  int            stride;
  int            blocks_x;
  int            blocks_y;
  guint8        *threshold;
} GpQrBinary;

#define GP_QR_BINARY_BLOCK 8

GpQrBinary  *gp_qr_binary_new   (const guint8 *pixels,
                                 int           width,
                                 int           height,
                                 int           stride);
void         gp_qr_binary_free  (GpQrBinary   *binary);

static inline gboolean
gp_qr_binary_is_dark (const GpQrBinary *binary,
                      int               x,
                      int               y)
{
  return binary->pixels[(gsize) y * (gsize) binary->stride + (gsize) x] <
         binary->threshold[(y / GP_QR_BINARY_BLOCK) * binary->blocks_x + x / GP_QR_BINARY_BLOCK];
}

static inline gboolean
gp_qr_binary_contains (const GpQrBinary *binary,
                       int               x,
                       int               y)
{
  return x >= 0 && y >= 0 && x < binary->width && y < binary->height;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpQrBinary, gp_qr_binary_free)

G_END_DECLS
