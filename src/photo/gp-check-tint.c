/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Tinted or dark glasses: the lenses let through less light than the skin
 * around them gets. */
#define G_LOG_DOMAIN "gp-check-tint"

#include "config.h"

#include <math.h>

#include "photo/gp-check-glare.h"
#include "photo/gp-check-tint.h"

static inline double
luma (const guint8 *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

static gboolean
in_eye (const GpPoint *lm, int first, double x, double y)
{
  gboolean inside = FALSE;

  for (int i = 0, j = 5; i < 6; j = i++)
    {
      GpPoint a = lm[first + i], b = lm[first + j];

      if ((a.y > y) != (b.y > y) && x < b.x + (y - b.y) * (a.x - b.x) / (a.y - b.y))
        inside = !inside;
    }
  return inside;
}

/* Mean luma of the cheeks from the nose tip to below the nose, outside
 * the nose: lit as the lenses' region is, and below any lens. */
static double
cheek_luma (const GpFrame *f, const GpFace *face, double eye_distance)
{
  const GpPoint *lm = face->landmarks;
  const double spans[2][2] = { { lm[36].x, lm[31].x - 0.1 * eye_distance },
                               { lm[35].x + 0.1 * eye_distance, lm[45].x } };
  double sum = 0;
  guint n = 0;

  for (int s = 0; s < 2; s++)
    for (int y = (int) MAX (0, lm[30].y); y < (int) MIN (f->height, lm[33].y); y++)
      for (int x = (int) MAX (0, spans[s][0]); x < (int) MIN (f->width, spans[s][1]); x++, n++)
        sum += luma (f->data + (gsize) y * f->stride + (gsize) x * 3);
  return n > 0 ? sum / n : NAN;
}

/**
 * gp_check_tint_light:
 * @photo: the finished photo
 * @face: the face in @photo's pixels
 *
 * For each eye, the mean luma where a lens of ordinary glasses lies, the
 * eye's own opening left out, over the cheeks' below: clear glasses and
 * bare eyes keep most of the skin's light (eyelids and sockets are a
 * little darker), tinted lenses and sunglasses take a share away.
 *
 * Returns: the darker lens's share, about 0.8–1 without tint; NAN when
 * the face's parts are outside the photo
 */
double
gp_check_tint_light (const GpFrame  *photo,
                     const GpFace   *face)
{
  GpFaceGeometry g;
  double skin, darkest = INFINITY;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (face != NULL, NAN);

  gp_face_geometry (face, &g);
  skin = cheek_luma (photo, face, g.eye_distance);
  if (!isfinite (skin) || skin < 1)
    return NAN;
  for (int first = 36; first <= 42; first += 6)
    {
      GpCheckLens l;
      double sum = 0;
      guint n = 0;

      gp_check_lens_for_eye (face, g.eye_distance, first, &l);
      for (int y = (int) MAX (0, ceil (l.y - l.ry)); y <= (int) MIN (photo->height - 1, floor (l.y + l.ry)); y++)
        for (int x = (int) MAX (0, ceil (l.x - l.rx)); x <= (int) MIN (photo->width - 1, floor (l.x + l.rx)); x++)
          if (gp_check_lens_contains (&l, x, y) && !in_eye (face->landmarks, first, x, y))
            {
              sum += luma (photo->data + (gsize) y * photo->stride + (gsize) x * 3);
              n++;
            }
      if (n == 0)
        return NAN;
      darkest = MIN (darkest, sum / n / skin);
    }
  return darkest;
}
