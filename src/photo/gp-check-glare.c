/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Reflections on glasses: near-white pixels where a lens would be, brighter
 * than the brightest of the face's own skin. */
#define G_LOG_DOMAIN "gp-check-glare"

#include "config.h"

#include <math.h>

#include "photo/gp-check-glare.h"

/* A reflection of a light is near white: its darkest channel (0–255) at
 * least LEVEL_MIN, and MARGIN above the skin's own highlights, so a
 * brightly lit face does not read as glare. */
#define LEVEL_MIN 228
#define LEVEL_MAX 250
#define MARGIN    25

/* Where a lens of ordinary glasses lies: wider than the eye, a little
 * below and outside it, down to the cheekbone. */
typedef struct {
  double x, y, rx, ry;
} Lens;

static void
lens_for_eye (const GpFace *face, double eye_distance, int first, Lens *lens)
{
  double outward = first == 36 ? -1 : 1;

  lens->x = lens->y = 0;
  for (int i = first; i < first + 6; i++)
    {
      lens->x += face->landmarks[i].x / 6;
      lens->y += face->landmarks[i].y / 6;
    }
  lens->x += outward * 0.05 * eye_distance;
  lens->y += 0.1 * eye_distance;
  lens->rx = 0.45 * eye_distance;
  lens->ry = 0.32 * eye_distance;
}

static gboolean
in_lens (const Lens *lens, int x, int y)
{
  double dx = (x - lens->x) / lens->rx, dy = (y - lens->y) / lens->ry;

  return dx * dx + dy * dy <= 1;
}

static inline int
darkest (const GpFrame *f, int x, int y)
{
  const guint8 *p = f->data + (gsize) y * f->stride + (gsize) x * 3;

  return MIN (p[0], MIN (p[1], p[2]));
}

/* The skin's highlights: the 99.5th percentile of the darkest channel over
 * the face from the forehead to the lips, the lenses left out. */
static int
skin_highlight (const GpFrame *f, const GpFace *face, const GpFaceGeometry *g, const Lens lenses[2])
{
  const GpPoint *lm = face->landmarks;
  guint hist[256] = { 0 }, n = 0, acc = 0;
  int x0 = (int) CLAMP (lm[1].x, 0, f->width), x1 = (int) CLAMP (lm[15].x, 0, f->width);
  int y0 = (int) CLAMP (g->eye_line_y - 0.5 * g->eye_distance, 0, f->height);
  int y1 = (int) CLAMP (lm[57].y, 0, f->height);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (!in_lens (&lenses[0], x, y) && !in_lens (&lenses[1], x, y))
        {
          hist[darkest (f, x, y)]++;
          n++;
        }
  for (int i = 0; i < 256; i++)
    if ((acc += hist[i]) >= 0.995 * n)
      return i;
  return 255;
}

/**
 * gp_check_glare_share:
 * @photo: the finished photo
 * @face: the face in @photo's pixels
 *
 * For each eye, the share of the ellipse where a lens of ordinary glasses
 * lies whose pixels are near white and brighter than the skin's own
 * highlights: a specular reflection of a light. Catchlights in the eyes and
 * glints on a frame are a few pixels; a reflection over the eye is a
 * share of the lens. Without glasses, a highlight as bright on the eyes'
 * region counts the same.
 *
 * Returns: the larger of the two eyes' shares, 0–1
 */
double
gp_check_glare_share (const GpFrame  *photo,
                      const GpFace   *face)
{
  GpFaceGeometry g;
  Lens lenses[2];
  double worst = 0;
  int level;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (face != NULL, NAN);

  gp_face_geometry (face, &g);
  lens_for_eye (face, g.eye_distance, 36, &lenses[0]);
  lens_for_eye (face, g.eye_distance, 42, &lenses[1]);
  level = CLAMP (skin_highlight (photo, face, &g, lenses) + MARGIN, LEVEL_MIN, LEVEL_MAX);
  for (int i = 0; i < 2; i++)
    {
      const Lens *l = &lenses[i];
      guint n = 0, hit = 0;

      for (int y = (int) MAX (0, ceil (l->y - l->ry)); y <= (int) MIN (photo->height - 1, floor (l->y + l->ry)); y++)
        for (int x = (int) MAX (0, ceil (l->x - l->rx)); x <= (int) MIN (photo->width - 1, floor (l->x + l->rx)); x++)
          if (in_lens (l, x, y))
            {
              n++;
              hit += darkest (photo, x, y) >= level;
            }
      if (n > 0)
        worst = MAX (worst, (double) hit / n);
    }
  return worst;
}
