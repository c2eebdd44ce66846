/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Earrings painted onto composited portraits, hung from the ear lobes'
 * hand marks, for the earrings check. */
#define G_LOG_DOMAIN "gp-test-earring"

#include "config.h"

#include <math.h>

#include "gp-test-earring.h"

#define GOLD      { 215, 170, 60 }
#define SILVER    { 196, 198, 205 }
#define PEARL     { 242, 236, 224 }
#define RED       { 200, 30, 45 }
#define TURQUOISE { 30, 170, 185 }

static const GpTestEarring earrings[] = {
  { "gold hoops", GP_TEST_EARRING_HOOP, GOLD, 0.3, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "small gold hoops", GP_TEST_EARRING_HOOP, GOLD, 0.18, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "large gold hoop, left ear, dim", GP_TEST_EARRING_HOOP, GOLD, 0.45, GP_TEST_EARS_LEFT, 0.75, 0, 0 },
  { "silver hoops", GP_TEST_EARRING_HOOP, SILVER, 0.25, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "pearl studs", GP_TEST_EARRING_STUD, PEARL, 0.08, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "small pearl studs", GP_TEST_EARRING_STUD, PEARL, 0.06, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "pearl stud, right ear, dim", GP_TEST_EARRING_STUD, PEARL, 0.08, GP_TEST_EARS_RIGHT, 0.75, 0, 0 },
  { "silver studs", GP_TEST_EARRING_STUD, SILVER, 0.07, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "gold studs", GP_TEST_EARRING_STUD, GOLD, 0.07, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "silver drops", GP_TEST_EARRING_DROP, SILVER, 0.3, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "long silver drop, left ear", GP_TEST_EARRING_DROP, SILVER, 0.45, GP_TEST_EARS_LEFT, 1, 0, 0 },
  { "red drops", GP_TEST_EARRING_DROP, RED, 0.3, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "red drops, bright", GP_TEST_EARRING_DROP, RED, 0.25, GP_TEST_EARS_BOTH, 1.2, 0, 0 },
  { "turquoise drops", GP_TEST_EARRING_DROP, TURQUOISE, 0.3, GP_TEST_EARS_BOTH, 1, 0, 0 },
  { "pearl drops, low on the lobe", GP_TEST_EARRING_DROP, PEARL, 0.25, GP_TEST_EARS_BOTH, 1, 0.02, 0.04 },
  { "gold drops, dim", GP_TEST_EARRING_DROP, GOLD, 0.3, GP_TEST_EARS_BOTH, 0.7, 0, 0 },
  { "silver studs, high on the lobe", GP_TEST_EARRING_STUD, SILVER, 0.07, GP_TEST_EARS_BOTH, 1, -0.02, -0.04 },
  { "gold hoop, right ear, bright", GP_TEST_EARRING_HOOP, GOLD, 0.3, GP_TEST_EARS_RIGHT, 1.15, 0, 0 },
};

const GpTestEarring *
gp_test_earrings (guint *n_earrings)
{
  *n_earrings = G_N_ELEMENTS (earrings);
  return earrings;
}

/* A lit sphere's shade at (@u, @v) of its disc of radius 1, light from the
 * upper left, with a small highlight; 0 outside. */
static double
sphere_shade (double u, double v)
{
  double rr = u * u + v * v, n, glint;

  if (rr > 1)
    return 0;
  n = (-0.5 * u - 0.6 * v + 0.62 * sqrt (1 - rr));
  glint = exp (-((u + 0.35) * (u + 0.35) + (v + 0.4) * (v + 0.4)) / 0.03);
  return 0.45 + 0.5 * MAX (n, 0) + 0.6 * glint;
}

/* The earring's shade at (@u, @v) from its piercing, in eye distances, v
 * down; 0 outside. The shade multiplies the colour; above 1 it whitens. */
static double
shade_at (const GpTestEarring *e, double u, double v)
{
  const double wire = 0.012;

  switch (e->shape)
    {
    case GP_TEST_EARRING_STUD:
      return sphere_shade (u / (e->size / 2), v / (e->size / 2));
    case GP_TEST_EARRING_DROP:
      {
        double rx = 0.16 * e->size, ry = 0.3 * e->size;
        double cy = e->size - ry;

        if (fabs (u) <= wire && v >= 0 && v <= cy - ry + 0.01)
          return 0.8;
        /* A teardrop: narrower at its top. */
        return sphere_shade (u / (rx * (0.75 + 0.25 * CLAMP ((v - (cy - ry)) / ry, 0, 1))), (v - cy) / ry);
      }
    case GP_TEST_EARRING_HOOP:
      {
        double r = e->size / 2, t = 0.018 + 0.03 * e->size, d = hypot (u, v - r) - (r - t);
        double across = d / t, along = atan2 (v - r, u);

        if (fabs (across) > 1)
          return 0;
        /* A tube lit from the upper left: brighter where it faces up-left. */
        return 0.5 + 0.35 * sqrt (1 - across * across) + 0.5 * exp (-across * across / 0.1) * MAX (0, -sin (along + G_PI / 4));
      }
    default:
      g_return_val_if_reached (0);
    }
}

void
gp_test_earring_draw (GpFrame                  *frame,
                      const GpTestPortraitSpec *spec,
                      const GpTestEarring      *earring)
{
  GpTestHead head;
  double lx, ly, rx, ry, ed, c, sn;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && spec != NULL && earring != NULL);

  gp_test_portrait_marked_head (spec, &head);
  gp_test_portrait_source_eyes (spec->subject, &lx, &ly, &rx, &ry);
  ed = spec->scale * hypot (rx - lx, ry - ly);
  c = cos (spec->roll * G_PI / 180);
  sn = sin (spec->roll * G_PI / 180);
  for (int side = 0; side < 2; side++)
    {
      double out = side ? 1 : -1, ox, oy;

      if ((side == 0 && earring->ears == GP_TEST_EARS_RIGHT) || (side == 1 && earring->ears == GP_TEST_EARS_LEFT))
        continue;
      ox = head.lobes[side][0] + (out * earring->dx * c - earring->dy * sn) * ed;
      oy = head.lobes[side][1] + (out * earring->dx * sn + earring->dy * c) * ed;
      for (int y = (int) MAX (0, oy - 0.1 * ed); y < (int) MIN (frame->height, oy + (earring->size + 0.1) * ed); y++)
        for (int x = (int) MAX (0, ox - (earring->size + 0.1) * ed); x < (int) MIN (frame->width, ox + (earring->size + 0.1) * ed); x++)
          {
            guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
            double cover = 0, shade = 0;

            /* 3 × 3 samples a pixel, for smooth outlines. */
            for (int j = 0; j < 9; j++)
              {
                double px = x + (j % 3 - 1) / 3.0 - ox, py = y + (j / 3 - 1) / 3.0 - oy;
                double q = shade_at (earring, (px * c + py * sn) / ed, (-px * sn + py * c) / ed);

                cover += q > 0;
                shade += q;
              }
            if (cover == 0)
              continue;
            for (int k = 0; k < 3; k++)
              {
                double s = shade / cover * earring->light;
                /* Past full light the colour goes towards white, as a glint does. */
                double metal = s <= 1 ? earring->rgb[k] * s : earring->rgb[k] + (255 - earring->rgb[k]) * MIN (s - 1, 1);

                p[k] = (guint8) CLAMP (lround ((cover * metal + (9 - cover) * p[k]) / 9), 0, 255);
              }
          }
    }
}

