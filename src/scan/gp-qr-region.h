/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "scan/gp-qr-grid.h"

G_BEGIN_DECLS

/* Where a QR code probably is: a box around finder patterns that look like
 * one code, in pixels of the frame. */
typedef struct {
  int       x;
  int       y;
  int       width;
  int       height;
  double    module;     /* estimated module size in px */
  gboolean  inverted;   /* light modules on a dark background */
  guint     finders;    /* finder patterns seen: 3 for a whole code */
  gboolean  has_grid;   /* with 3 finders: where its modules lie */
  GpQrGrid  grid;
  double    match;      /* with a grid: the share of finder cells as they should be */
} GpQrRegion;

GArray  *gp_qr_region_find_all  (const guint8     *pixels,
                                 int               width,
                                 int               height,
                                 int               stride);
guint8  *gp_qr_region_crop      (const GpQrRegion *region,
                                 const guint8     *pixels,
                                 int               stride,
                                 int              *width,
                                 int              *height);

G_END_DECLS
