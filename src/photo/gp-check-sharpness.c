/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Focus and motion blur, read from how wide the face's strong edges are
 * (eyes, brows, nostrils, lips, glasses) rather than from how much fine
 * texture it has: smooth young skin is not blur, and sensor noise is not
 * detail. */
#define G_LOG_DOMAIN "gp-check-sharpness"

#include "config.h"

#include <math.h>

#include "core/gp-quantile.h"
#include "photo/gp-check-sharpness.h"

/* Every edge is first smoothed by BASE (it keeps noise out of the
 * gradients), then by RE_BLUR more: a step edge blurred by s has its
 * steepest gradient fall by sqrt ((s² + BASE²) / (s² + BASE² + RE_BLUR²)),
 * which gives s without knowing the edge's contrast. */
#define BASE    1.0
#define RE_BLUR 1.5
/* Edges count from this share of the region's strongest gradient. */
#define STRONG  0.3

static inline double
luma (const guint8 *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

/* Separable Gaussian blur of a w × h plane, edges clamped. */
static void
blur (float *plane, int w, int h, double sigma)
{
  int r = (int) ceil (3 * sigma);
  g_autofree float *k = g_new (float, 2 * r + 1);
  g_autofree float *tmp = g_new (float, (gsize) w * h);
  double sum = 0;

  for (int i = -r; i <= r; i++)
    sum += k[i + r] = (float) exp (-i * i / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * r; i++)
    k[i] /= (float) sum;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float acc = 0;

        for (int i = -r; i <= r; i++)
          acc += k[i + r] * plane[(gsize) y * w + CLAMP (x + i, 0, w - 1)];
        tmp[(gsize) y * w + x] = acc;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float acc = 0;

        for (int i = -r; i <= r; i++)
          acc += k[i + r] * tmp[(gsize) CLAMP (y + i, 0, h - 1) * w + x];
        plane[(gsize) y * w + x] = acc;
      }
}

static inline void
gradient (const float *plane, int w, int x, int y, double *gx, double *gy)
{
  *gx = (plane[(gsize) y * w + x + 1] - plane[(gsize) y * w + x - 1]) / 2;
  *gy = (plane[(gsize) (y + 1) * w + x] - plane[(gsize) (y - 1) * w + x]) / 2;
}

/**
 * gp_check_sharpness_blur:
 * @photo: the finished photo
 * @face: the face in @photo's pixels
 *
 * The blur of the face's strong edges: the median, over the edge pixels
 * of the region from the brows to the lips, of the Gaussian sigma that
 * widens a step as much, in pixels of a face 240 pixels wide.
 *
 * Returns: sigma (about 1 for a sharp photo), or NAN without edges
 */
double
gp_check_sharpness_blur (const GpFrame  *photo,
                         const GpFace   *face)
{
  const GpPoint *lm;
  GpFaceGeometry g;
  g_autofree float *a = NULL, *b = NULL;
  g_autoptr(GArray) sigmas = g_array_new (FALSE, FALSE, sizeof (double));
  double strongest = 0;
  int x0, y0, w, h;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (face != NULL, NAN);

  lm = face->landmarks;
  gp_face_geometry (face, &g);
  x0 = (int) CLAMP (floor (lm[36].x - 0.3 * g.eye_distance), 0, photo->width);
  w = (int) CLAMP (ceil (lm[45].x + 0.3 * g.eye_distance), 0, photo->width) - x0;
  y0 = (int) CLAMP (floor (MIN (lm[19].y, lm[24].y) - 0.2 * g.eye_distance), 0, photo->height);
  h = (int) CLAMP (ceil (lm[57].y + 0.1 * g.eye_distance), 0, photo->height) - y0;
  if (w < 8 || h < 8 || g.face_width <= 0)
    return NAN;

  a = g_new (float, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      a[(gsize) y * w + x] = (float) luma (photo->data + (gsize) (y0 + y) * photo->stride + (gsize) (x0 + x) * 3);
  blur (a, w, h, BASE);
  b = g_memdup2 (a, sizeof (float) * w * h);
  blur (b, w, h, RE_BLUR);

  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        double gx, gy;

        gradient (a, w, x, y, &gx, &gy);
        strongest = MAX (strongest, hypot (gx, gy));
      }
  for (int y = 2; y < h - 2; y++)
    for (int x = 2; x < w - 2; x++)
      {
        double gx, gy, ga, gb, nx, ny, before, after, ratio;
        int dx, dy;

        gradient (a, w, x, y, &gx, &gy);
        ga = hypot (gx, gy);
        if (ga < STRONG * strongest || ga <= 0)
          continue;
        /* Only the steepest point across the edge. */
        nx = gx / ga;
        ny = gy / ga;
        dx = (int) lround (nx);
        dy = (int) lround (ny);
        gradient (a, w, x - dx, y - dy, &gx, &gy);
        before = hypot (gx, gy);
        gradient (a, w, x + dx, y + dy, &gx, &gy);
        after = hypot (gx, gy);
        if (before > ga || after > ga)
          continue;
        gradient (b, w, x, y, &gx, &gy);
        gb = hypot (gx, gy);
        ratio = ga / MAX (gb, 1e-6);
        if (ratio <= 1)
          continue;
        {
          double s2 = RE_BLUR * RE_BLUR / (ratio * ratio - 1) - BASE * BASE;
          double s = sqrt (MAX (s2, 0)) * 240.0 / g.face_width;

          g_array_append_val (sigmas, s);
        }
      }
  if (sigmas->len == 0)
    return NAN;
  return gp_quantile (sigmas, 0.5);
}
