/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Things in the background: a flag, a poster, someone else's shoulder. The
 * matte keeps whatever touches the person, so they are not backdrop to the
 * background check; they break the person's outline instead. */
#define G_LOG_DOMAIN "gp-check-objects"

#include "config.h"

#include "photo/gp-check-objects.h"

/* Above the nose the person is a head: hair, ears and a hat stay inside an
 * ellipse this many face half-widths across and face half-heights tall,
 * centred this far above the face's centre. Measured on the test
 * portraits: the astronaut's full bob reaches 1.73 half-widths out. */
#define HEAD_RX      1.8
#define HEAD_RY      2.0
#define HEAD_RAISE   0.5

/* Seen from above, a person is one hill: the head at the top, the outline
 * going down on both sides to the shoulders and on to the photo's edges.
 * Bumps smaller than this share of the photo's height are the matte's soft
 * edge. */
#define BUMP_SHARE   0.015

static gboolean
is_person (const GpFrame *alpha,
           int            x,
           int            y)
{
  return alpha->data[(gsize) y * alpha->stride + x] >= 128;
}

/* The person's pixels beside or above the head, above the nose. */
static double
beside_head (const GpFrame   *alpha,
             const GpEllipse *face)
{
  double cy = face->y - HEAD_RAISE * face->ry, rx = HEAD_RX * face->rx, ry = HEAD_RY * face->ry;
  double n = 0;

  for (int y = 0; y < MIN ((int) face->y, alpha->height); y++)
    for (int x = 0; x < alpha->width; x++)
      {
        double u = (x - face->x) / rx, v = (y - cy) / ry;

        n += u * u + v * v > 1 && is_person (alpha, x, y);
      }
  return n;
}

/* Walking outwards from the face's column on both sides, keeping the lowest
 * outline seen so far: the person's pixels that rise above it. */
static double
above_outline (const GpFrame   *alpha,
               const GpEllipse *face)
{
  g_autofree int *top = g_new (int, alpha->width);
  int centre = CLAMP ((int) face->x, 0, alpha->width - 1);
  int bump = (int) (BUMP_SHARE * alpha->height);
  double n = 0;

  for (int x = 0; x < alpha->width; x++)
    {
      top[x] = alpha->height;
      for (int y = 0; y < alpha->height && top[x] == alpha->height; y++)
        if (is_person (alpha, x, y))
          top[x] = y;
    }
  for (int side = -1; side <= 1; side += 2)
    {
      int lowest = top[centre];

      for (int x = centre; x >= 0 && x < alpha->width; x += side)
        {
          if (top[x] + bump < lowest)
            n += lowest - top[x];
          lowest = MAX (lowest, top[x]);
        }
    }
  return n;
}

/**
 * gp_check_objects_share:
 *
 * Returns: the share of the photo taken by what is kept with the person
 * but is not the person's shape: 0 for a person alone
 */
double
gp_check_objects_share (const GpMatte   *matte,
                        const GpEllipse *face)
{
  double area;

  g_return_val_if_fail (matte != NULL && face != NULL, 0);

  area = (double) matte->alpha->width * matte->alpha->height;
  return MAX (beside_head (matte->alpha, face), above_outline (matte->alpha, face)) / area;
}
