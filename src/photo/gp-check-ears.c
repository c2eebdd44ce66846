/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Ears covered by hair, for the profiles that want both ears seen: beside
 * the face's outline, between the eyes' and the nose's height, an ear is
 * skin; hair over it is not. */
#define G_LOG_DOMAIN "gp-check-ears"

#include "config.h"

#include <math.h>

#include "photo/gp-check-colour.h"
#include "photo/gp-check-ears.h"

/* The skin share of the strip beside one side of the outline: landmarks
 * @top (eye height) to @top + 3 going down, @out -1 leftwards or 1. */
static double
beside_outline (const GpFrame *photo,
                const GpFace  *face,
                int            top,
                int            step,
                int            out,
                double         ed,
                const GpLab   *skin)
{
  const GpPoint *lm = face->landmarks;
  guint n = 0, skin_n = 0;

  for (int k = 0; k < 3; k++)
    {
      const GpPoint *a = &lm[top + k * step], *b = &lm[top + (k + 1) * step];

      for (int y = MAX (0, (int) a->y); y < MIN (photo->height, (int) b->y); y++)
        {
          double edge = a->x + (y - a->y) / MAX (b->y - a->y, 1) * (b->x - a->x);

          for (int i = 0; i < (int) (0.25 * ed); i++)
            {
              int x = (int) (edge + out * (0.05 * ed + i));

              if (x < 0 || x >= photo->width)
                continue;
              n++;
              skin_n += gp_check_colour_near (photo, x, y, skin, GP_CHECK_SKIN_DELTA_E);
            }
        }
    }
  return n > 0 ? (double) skin_n / n : 0;
}

/**
 * gp_check_ears_skin:
 * @skin: the cheeks' colour (gp_check_colour_cheeks())
 *
 * Returns: the share of skin beside the outline, on the side that shows
 *   less of it, 0–1
 */
double
gp_check_ears_skin (const GpFrame *photo,
                    const GpFace  *face,
                    const GpLab   *skin)
{
  GpFaceGeometry g;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB && face != NULL && skin != NULL, NAN);

  gp_face_geometry (face, &g);
  return MIN (beside_outline (photo, face, 0, 1, -1, g.eye_distance, skin),
              beside_outline (photo, face, 16, -1, 1, g.eye_distance, skin));
}
