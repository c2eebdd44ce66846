/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Eyebrows covered by a fringe: the standard wants them seen. The
 * landmarks place brows even under hair, from the face's shape; what tells
 * is the forehead just above them, skin when they show, hair when not. */
#define G_LOG_DOMAIN "gp-check-brows"

#include "config.h"

#include <math.h>

#include "photo/gp-check-brows.h"
#include "photo/gp-check-colour.h"

/* The skin share of the band above one brow (landmarks @first to
 * @first + 4): from 0.3 eye distances above its arch down to 0.06 above
 * the brow itself. */
static double
above_brow (const GpFrame *photo,
            const GpFace  *face,
            int            first,
            double         ed,
            const GpLab   *skin)
{
  const GpPoint *lm = face->landmarks;
  double x0 = lm[first].x, x1 = lm[first + 4].x, arch = G_MAXDOUBLE;
  guint n = 0, skin_n = 0;

  for (int i = first; i < first + 5; i++)
    arch = MIN (arch, lm[i].y);
  for (int x = MAX (0, (int) ceil (x0)); x <= MIN (photo->width - 1, (int) x1); x++)
    {
      /* The brow's line here, between its landmarks. */
      int i = first;
      double t, brow;

      while (i < first + 3 && lm[i + 1].x < x)
        i++;
      t = CLAMP ((x - lm[i].x) / MAX (lm[i + 1].x - lm[i].x, 1), 0, 1);
      brow = lm[i].y + t * (lm[i + 1].y - lm[i].y);
      for (int y = MAX (0, (int) (brow - 0.14 * ed)); y < MIN (photo->height, (int) (brow - 0.02 * ed)); y++)
        {
          n++;
          skin_n += gp_check_colour_near (photo, x, y, skin, GP_CHECK_SKIN_DELTA_E);
        }
    }
  return n > 0 ? (double) skin_n / n : 1;
}

/**
 * gp_check_brows_skin:
 * @skin: the cheeks' colour (gp_check_colour_cheeks())
 *
 * Returns: the share of skin above the brow that shows less of it, 0–1:
 *   about 0.6 or more when both brows show, near 0 under a fringe
 */
double
gp_check_brows_skin (const GpFrame *photo,
                     const GpFace  *face,
                     const GpLab   *skin)
{
  GpFaceGeometry g;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB && face != NULL && skin != NULL, NAN);

  gp_face_geometry (face, &g);
  return MIN (above_brow (photo, face, 17, g.eye_distance, skin),
              above_brow (photo, face, 22, g.eye_distance, skin));
}
