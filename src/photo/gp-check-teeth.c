/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Teeth between the lips: a smile that shows them is an open mouth to the
 * standard, even when the lips' landmarks meet over it. */
#define G_LOG_DOMAIN "gp-check-teeth"

#include "config.h"

#include <math.h>

#include "photo/gp-check-teeth.h"

/* Teeth are bright and nearly grey beside skin and lips of the same light:
 * their chroma (max − min channel, over luma) under CHROMA_SHARE of the
 * skin's, and their luma at least LUMA_SHARE of the skin's. Lip highlights
 * stay as red as the lip around them. */
#define CHROMA_SHARE 0.4
#define LUMA_SHARE   0.75

static inline double
luma (const guint8 *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

static inline double
chroma (const guint8 *p)
{
  return (MAX (p[0], MAX (p[1], p[2])) - MIN (p[0], MIN (p[1], p[2]))) / MAX (luma (p), 1);
}

static gboolean
in_polygon (const GpPoint *lm, int first, int n, double x, double y)
{
  gboolean inside = FALSE;

  for (int i = 0, j = n - 1; i < n; j = i++)
    {
      GpPoint a = lm[first + i], b = lm[first + j];

      if ((a.y > y) != (b.y > y) && x < b.x + (y - b.y) * (a.x - b.x) / (a.y - b.y))
        inside = !inside;
    }
  return inside;
}

/* The skin's mean luma and chroma over the cheeks beside the nose. */
static void
skin_colour (const GpFrame *f, const GpFace *face, double *skin_luma, double *skin_chroma)
{
  const GpPoint *lm = face->landmarks;
  const int sides[2][2] = { { 41, 31 }, { 35, 46 } };
  int y0 = (int) CLAMP (lm[29].y, 0, f->height), y1 = (int) CLAMP (lm[33].y, 0, f->height);
  double sum_luma = 0, sum_chroma = 0;
  guint n = 0;

  for (int s = 0; s < 2; s++)
    {
      int x0 = (int) CLAMP (lm[sides[s][0]].x, 0, f->width), x1 = (int) CLAMP (lm[sides[s][1]].x, 0, f->width);

      for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++, n++)
          {
            const guint8 *p = f->data + (gsize) y * f->stride + (gsize) x * 3;

            sum_luma += luma (p);
            sum_chroma += chroma (p);
          }
    }
  *skin_luma = n > 0 ? sum_luma / n : NAN;
  *skin_chroma = n > 0 ? sum_chroma / n : NAN;
}

/**
 * gp_check_teeth_share:
 * @photo: the finished photo
 * @face: the face in @photo's pixels
 *
 * The share of the mouth, inside the lips' outer outline, whose pixels are
 * teeth: bright and much less coloured than the skin. Closed lips are as
 * coloured as the skin or more; a grin's teeth fill much of the outline.
 *
 * Returns: 0–1, or NAN when the mouth or the cheeks are outside the photo
 */
double
gp_check_teeth_share (const GpFrame  *photo,
                      const GpFace   *face)
{
  const GpPoint *lm;
  double skin_luma, skin_chroma, x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n = 0, hit = 0;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (face != NULL, NAN);

  lm = face->landmarks;
  skin_colour (photo, face, &skin_luma, &skin_chroma);
  if (!isfinite (skin_luma))
    return NAN;
  for (int i = 48; i < 60; i++)
    {
      x0 = MIN (x0, lm[i].x);
      x1 = MAX (x1, lm[i].x);
      y0 = MIN (y0, lm[i].y);
      y1 = MAX (y1, lm[i].y);
    }
  for (int y = (int) MAX (0, ceil (y0)); y <= (int) MIN (photo->height - 1, floor (y1)); y++)
    for (int x = (int) MAX (0, ceil (x0)); x <= (int) MIN (photo->width - 1, floor (x1)); x++)
      if (in_polygon (lm, 48, 12, x, y))
        {
          const guint8 *p = photo->data + (gsize) y * photo->stride + (gsize) x * 3;

          n++;
          hit += luma (p) >= LUMA_SHARE * skin_luma && chroma (p) <= CHROMA_SHARE * skin_chroma;
        }
  return n > 0 ? (double) hit / n : NAN;
}
