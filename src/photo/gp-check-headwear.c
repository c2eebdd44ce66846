/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Headwear: what covers the head above the brows, told from hair and skin. */
#define G_LOG_DOMAIN "gp-check-headwear"

#include "config.h"

#include <math.h>

#include "photo/gp-check-headwear.h"

static inline double
luma (const guint8 *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

static inline const guint8 *
pixel (const GpFrame *f, int x, int y)
{
  return f->data + (gsize) CLAMP (y, 0, f->height - 1) * f->stride + (gsize) CLAMP (x, 0, f->width - 1) * 3;
}

/* Local gradient (see texture_map) over luma (+ 10) below which a region is
 * smooth, as cloth is and hair with its strands is not: the astronaut's
 * hair, as photographed and darkened to black, reads 0.053 or more at its
 * tenth percentile; caps and beanies, black or beige, knitted or not, with
 * a webcam's noise, 0.013 to 0.035 at their median. */
#define TEXTURE_MIN 0.045

typedef enum { SKIN, HAIR, COVER } Kind;

typedef struct {
  double r, g, l;  /* the cheeks' chromaticity and luma */
} Skin;

/* Hair is skin's hue or grey, darker than skin, and has strands: a local
 * texture that cloth, lit smoothly, does not have. */
static Kind
classify (const guint8 *p, double texture, const Skin *skin)
{
  double sum = MAX (p[0] + p[1] + p[2], 1), l = luma (p);
  int hi = MAX (p[0], MAX (p[1], p[2])), lo = MIN (p[0], MIN (p[1], p[2]));

  if (p[2] <= p[0] + 5 && p[2] <= p[1] + 8 && p[1] <= p[0] + 8 && hi - lo <= 0.6 * hi
      && l < 1.15 * skin->l && texture >= TEXTURE_MIN * (l + 10))
    return HAIR;
  if (fabs (p[0] / sum - skin->r) < 0.035 && fabs (p[1] / sum - skin->g) < 0.035
      && l > 0.6 * skin->l && l < 1.25 * skin->l)
    return SKIN;
  return COVER;
}

/* Well inside the person: the outline's pixels mix with the backdrop. */
static gboolean
inside (const GpFrame *alpha, int x, int y)
{
  static const int d[5][2] = { { 0, 0 }, { -3, 0 }, { 3, 0 }, { 0, -3 }, { 0, 3 } };

  for (int i = 0; i < 5; i++)
    {
      int xx = x + d[i][0], yy = y + d[i][1];

      if (xx < 0 || yy < 0 || xx >= alpha->width || yy >= alpha->height
          || alpha->data[(gsize) yy * alpha->stride + xx] < 200)
        return FALSE;
    }
  return TRUE;
}

/* The mean of @in's (w × h, row-major) values within @r along each row,
 * then each column, cut at the edges: a (2r + 1)² box mean in two passes. */
static void
box_mean (float *in, int w, int h, int r)
{
  g_autofree float *rows = g_new (float, (gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double sum = 0;
        int n = 0;

        for (int d = MAX (-r, -x); d <= MIN (r, w - 1 - x); d++, n++)
          sum += in[y * w + x + d];
        rows[y * w + x] = sum / n;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double sum = 0;
        int n = 0;

        for (int d = MAX (-r, -y); d <= MIN (r, h - 1 - y); d++, n++)
          sum += rows[(y + d) * w + x];
        in[y * w + x] = sum / n;
      }
}

/* Strands: the mean gradient (differences 3 pixels either side) over 7 × 7
 * pixels of luma first averaged over 11 × 11, for the box x0..x1 × y0..y1
 * (inclusive); row-major, (x1 - x0 + 1) wide. The averaging takes away a
 * webcam's noise, which on dark cloth is as strong as a strand's edge and,
 * in a frame enlarged to the photo, grains a few pixels wide; locks of hair
 * are wider and keep their edges. */
static float *
texture_map (const GpFrame *f, int x0, int y0, int x1, int y1)
{
  int w = x1 - x0 + 1, h = y1 - y0 + 1;
  g_autofree float *l = g_new (float, (gsize) w * h);
  float *t = g_new0 (float, (gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      l[y * w + x] = luma (pixel (f, x0 + x, y0 + y));
  box_mean (l, w, h, 5);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int xl = MAX (x - 3, 0), xr = MIN (x + 3, w - 1), yu = MAX (y - 3, 0), yd = MIN (y + 3, h - 1);

        t[y * w + x] = fabs (l[y * w + xr] - l[y * w + xl]) + fabs (l[yd * w + x] - l[yu * w + x]);
      }
  box_mean (t, w, h, 3);
  return t;
}

/**
 * gp_check_headwear_cover:
 * @photo: the finished photo
 * @matte: (nullable): the person in @photo; %NULL when no outline can be
 *   trusted (a hat the backdrop's colour), to look only at the band above
 *   the brows that is head on any head
 * @face: the face in @photo's pixels
 *
 * Scans each column between the brows' outer ends upwards, from just above
 * the brows to the top of the head, and counts what covers the head: what
 * is neither skin nor hair (cloth of a colour hair does not have, or of
 * hair's colours but smooth), and smooth skin-coloured cloth lying above
 * hair, where no forehead can be. Cloth as grained as hair (a coarse knit,
 * fur) would read as hair.
 *
 * Returns: the share of the head above the brows that is covered, 0–1;
 * NAN when the head is not in the photo
 */
double
gp_check_headwear_cover (const GpFrame  *photo,
                         const GpMatte  *matte,
                         const GpFace   *face)
{
  const GpPoint *lm;
  GpFaceGeometry g;
  Skin skin;
  double ed, brow = INFINITY, sum[3] = { 0 };
  int x0, x1, y0, y1, w;
  guint n = 0, covered = 0;
  g_autofree float *texture = NULL;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (face != NULL, NAN);

  lm = face->landmarks;
  gp_face_geometry (face, &g);
  ed = g.eye_distance;
  for (int i = 17; i <= 26; i++)
    brow = MIN (brow, lm[i].y);
  /* Skin: the cheeks beside the nose, from its tip to below it. */
  for (int y = (int) MAX (0, lm[30].y); y < (int) MIN (photo->height, lm[33].y); y++)
    for (int x = (int) MAX (0, lm[36].x); x < (int) MIN (photo->width, lm[45].x); x++)
      if (fabs (x - lm[30].x) > 0.2 * ed)
        {
          const guint8 *p = pixel (photo, x, y);

          for (int c = 0; c < 3; c++)
            sum[c] += p[c];
          n++;
        }
  if (n == 0)
    return NAN;
  skin.r = sum[0] / MAX (sum[0] + sum[1] + sum[2], 1);
  skin.g = sum[1] / MAX (sum[0] + sum[1] + sum[2], 1);
  skin.l = (0.299 * sum[0] + 0.587 * sum[1] + 0.114 * sum[2]) / n;

  x0 = (int) CLAMP (lm[17].x, 0, photo->width - 1);
  x1 = (int) CLAMP (lm[26].x, 0, photo->width - 1);
  y1 = (int) MIN (brow - 0.1 * ed, photo->height - 1);
  /* A forehead and a hairline fit in 0.9 eye distances above the brows. */
  y0 = matte != NULL ? 0 : (int) MAX (brow - 0.9 * ed, 0);
  if (y1 <= y0 || x1 <= x0)
    return NAN;
  texture = texture_map (photo, x0, y0, x1, y1);
  w = x1 - x0 + 1;
  n = 0;
  for (int x = x0; x <= x1; x++)
    {
      guint hair = 0;

      for (int y = y1; y >= y0; y--)
        {
          const guint8 *p = pixel (photo, x, y);
          double t = texture[(y - y0) * w + x - x0];
          Kind kind;

          if (matte != NULL && !inside (matte->alpha, x, y))
            continue;
          kind = classify (p, t, &skin);
          n++;
          hair += kind == HAIR;
          /* Smooth and of skin's colour above hair is cloth; a few hairs
           * over the forehead do not make it so. */
          covered += kind == COVER || (kind == SKIN && hair > 0.05 * ed && t < TEXTURE_MIN * (luma (p) + 10));
        }
    }
  return n > 0 ? (double) covered / n : NAN;
}
