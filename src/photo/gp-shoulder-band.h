/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "vision/gp-face.h"

G_BEGIN_DECLS

/* Where a person sitting upright has clothing in the photo: a band from
 * below the neck to the bottom edge, widening with the shoulders' slope. */
typedef struct {
  double top;
  double centre_x;
  double face_width;
} GpShoulderBand;

void      gp_shoulder_band_init        (GpShoulderBand        *band,
                                        const GpFace          *face);
double    gp_shoulder_band_half_width  (const GpShoulderBand  *band,
                                        int                    y);
gboolean  gp_shoulder_band_in_middle   (const GpShoulderBand  *band,
                                        int                    x);

G_END_DECLS
