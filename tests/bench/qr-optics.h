/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef double QrMatrix[3][3];

void  qr_optics_homography  (double                       scale,
                             double                       roll,
                             double                       pitch,
                             double                       yaw,
                             double                       cu,
                             double                       cv,
                             double                       px,
                             double                       py,
                             QrMatrix                     h);
void  qr_optics_project     (QrMatrix                     h,
                             double                       u,
                             double                       v,
                             double                      *x,
                             double                      *y);
void  qr_optics_warp        (cairo_surface_t             *frame,
                             cairo_surface_t             *card,
                             QrMatrix                     h,
                             cairo_rectangle_int_t       *box);
void  qr_optics_glare       (cairo_t                     *cr,
                             GRand                       *rand,
                             double                       x,
                             double                       y,
                             double                       size);
void  qr_optics_blur        (cairo_surface_t             *surface,
                             const cairo_rectangle_int_t *box,
                             double                       sigma);
void  qr_optics_noise       (cairo_surface_t             *surface,
                             double                       sigma,
                             guint32                      seed);

G_END_DECLS
