/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The clothing checks look at the same place: the shoulders beside the
 * collar, where clothing meets the background. */
#include "config.h"

#include <math.h>

#include "photo/gp-shoulder-band.h"

void
gp_shoulder_band_init (GpShoulderBand *band,
                       const GpFace   *face)
{
  GpFaceGeometry g;

  g_return_if_fail (band != NULL && face != NULL);

  gp_face_geometry (face, &g);
  /* Below the chin by a neck's length: the collar and shoulders. */
  band->top = face->landmarks[8].y + 0.35 * g.face_width;
  band->centre_x = g.center_x;
  band->face_width = g.face_width;
}

double
gp_shoulder_band_half_width (const GpShoulderBand *band,
                             int                   y)
{
  return band->face_width * MIN (0.5 + 1.5 * (y - band->top) / band->face_width, 1.15);
}

/* The middle of the band (collar, shirt front, tie, the neck's skin) is left
 * to the shirt; the shoulders beside it meet the background. */
gboolean
gp_shoulder_band_in_middle (const GpShoulderBand *band,
                            int                   x)
{
  return fabs (x - band->centre_x) < 0.45 * band->face_width;
}
