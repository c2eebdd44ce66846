/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "scan/gp-qr-binary.h"

G_BEGIN_DECLS

/* Where a code's modules lie in the frame: a projective map from module
 * coordinates (0 to size across the code, the quiet zone outside) to frame
 * pixels, fitted to its finder patterns and alignment pattern. */
typedef struct {
  int       size;         /* modules a side: 21, 25, … 177 */
  double    to_frame[9];  /* row-major 3 × 3 */
  gboolean  aligned;      /* fitted to the alignment pattern too: perspective corrected */
} GpQrGrid;

gboolean  gp_qr_grid_fit     (GpQrGrid          *grid,
                              const GpQrBinary  *binary,
                              const double       centres[3][2],
                              double             module,
                              gboolean           inverted);
double    gp_qr_grid_match   (const GpQrGrid    *grid,
                              const GpQrBinary  *binary,
                              gboolean           inverted);
void      gp_qr_grid_map     (const GpQrGrid    *grid,
                              double             u,
                              double             v,
                              double            *x,
                              double            *y);
guint8   *gp_qr_grid_sample  (const GpQrGrid    *grid,
                              const guint8      *pixels,
                              int                width,
                              int                height,
                              int                stride,
                              int                scale,
                              int                quiet,
                              gboolean           invert,
                              int               *side);

G_END_DECLS
