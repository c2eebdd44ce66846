/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

/* An ellipse where a lens of ordinary glasses lies, in the photo's pixels. */
typedef struct {
  double x, y, rx, ry;
} GpCheckLens;

double    gp_check_glare_share    (const GpFrame      *photo,
                                   const GpFace       *face);
void      gp_check_lens_for_eye   (const GpFace       *face,
                                   double              eye_distance,
                                   int                 first,
                                   GpCheckLens        *lens);
gboolean  gp_check_lens_contains  (const GpCheckLens  *lens,
                                   int                 x,
                                   int                 y);

G_END_DECLS
