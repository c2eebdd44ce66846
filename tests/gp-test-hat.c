/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Caps and hats painted onto composited portraits, placed by the head's
 * hand marks, for the headwear check. */
#define G_LOG_DOMAIN "gp-test-hat"

#include "config.h"

#include <math.h>

#include "gp-test-hat.h"

#define BLACK { 30, 30, 32 }
#define NAVY  { 35, 45, 90 }
#define WHITE { 235, 235, 230 }
#define RED   { 185, 35, 40 }
#define BEIGE { 215, 180, 145 }  /* close to the astronaut's forehead */

/* Each colour on each shape, then sizes, positions and lights. */
static const GpTestHat hats[] = {
  { "black peaked cap", GP_TEST_HAT_PEAKED_CAP, BLACK, 1, 0.3, 1, 0 },
  { "navy peaked cap", GP_TEST_HAT_PEAKED_CAP, NAVY, 1, 0.3, 1, 0 },
  { "white peaked cap", GP_TEST_HAT_PEAKED_CAP, WHITE, 1, 0.3, 1, 0 },
  { "red peaked cap", GP_TEST_HAT_PEAKED_CAP, RED, 1, 0.3, 1, 0 },
  { "beige peaked cap", GP_TEST_HAT_PEAKED_CAP, BEIGE, 1, 0.3, 1, 0 },
  { "black beanie", GP_TEST_HAT_BEANIE, BLACK, 1, 0.2, 1, 0 },
  { "navy beanie", GP_TEST_HAT_BEANIE, NAVY, 1, 0.2, 1, 0 },
  { "white beanie", GP_TEST_HAT_BEANIE, WHITE, 1, 0.2, 1, 0 },
  { "red beanie", GP_TEST_HAT_BEANIE, RED, 1, 0.2, 1, 0 },
  { "beige beanie", GP_TEST_HAT_BEANIE, BEIGE, 1, 0.2, 1, 0 },
  { "black wide-brim hat", GP_TEST_HAT_WIDE_BRIM, BLACK, 1, 0, 1, 0 },
  { "navy wide-brim hat", GP_TEST_HAT_WIDE_BRIM, NAVY, 1, 0, 1, 0 },
  { "white wide-brim hat", GP_TEST_HAT_WIDE_BRIM, WHITE, 1, 0, 1, 0 },
  { "red wide-brim hat", GP_TEST_HAT_WIDE_BRIM, RED, 1, 0, 1, 0 },
  { "beige wide-brim hat", GP_TEST_HAT_WIDE_BRIM, BEIGE, 1, 0, 1, 0 },
  { "small black cap worn high", GP_TEST_HAT_PEAKED_CAP, BLACK, 0.9, -0.3, 1, 0 },
  { "large navy cap worn low", GP_TEST_HAT_PEAKED_CAP, NAVY, 1.15, 0.6, 1, 0 },
  { "beige cap pushed left, dim", GP_TEST_HAT_PEAKED_CAP, BEIGE, 1, 0.3, 0.7, -0.06 },
  { "black beanie pulled low", GP_TEST_HAT_BEANIE, BLACK, 1.05, 0.6, 1, 0 },
  { "beige beanie worn high, bright", GP_TEST_HAT_BEANIE, BEIGE, 0.95, -0.2, 1.15, 0.04 },
  { "black wide-brim hat, dim", GP_TEST_HAT_WIDE_BRIM, BLACK, 1.1, 0.2, 0.7, 0 },
  { "beige wide-brim hat pushed right", GP_TEST_HAT_WIDE_BRIM, BEIGE, 0.9, -0.2, 1, 0.06 },
  /* A webcam's noise at 1080p, as strong as on the bench's sharp frames. */
  { "black cap, noisy camera", GP_TEST_HAT_PEAKED_CAP, BLACK, 1, 0.3, 1, 0, 4 },
  { "black beanie, dim, noisy camera", GP_TEST_HAT_BEANIE, BLACK, 1, 0.2, 0.8, 0, 6 },
  { "beige beanie, noisy camera", GP_TEST_HAT_BEANIE, BEIGE, 1, 0.2, 1, 0, 6 },
};

const GpTestHat *
gp_test_hats (guint *n_hats)
{
  *n_hats = G_N_ELEMENTS (hats);
  return hats;
}

/* The hat in head axes: u along the eye line, v down, origin at the middle
 * of the hat's lower edge, lengths in head widths. */
typedef struct {
  const GpTestHat *hat;
  double           top;  /* the hair's top above the lower edge */
} Shape;

/* The cloth's shade at (u, v), or 0 outside the hat. */
static double
shade_at (const Shape *s, double u, double v)
{
  double a, b, q;

  switch (s->hat->shape)
    {
    case GP_TEST_HAT_PEAKED_CAP:
      a = 0.52 * s->hat->size;
      b = s->top + 0.03;
      /* The visor, seen from the front: mostly its shaded underside. */
      if (v >= 0 && pow (u / (0.46 * s->hat->size), 2) + pow (v / 0.07, 2) <= 1)
        return v < 0.015 ? 0.85 : 0.6;
      /* The crown's sides come down towards the ears. */
      if (v > 0.06 * (u / a) * (u / a) || fabs (u) > a || (v < 0 && pow (u / a, 2) + pow (v / b, 2) > 1))
        return 0;
      q = (0.8 + 0.25 * CLAMP (-v / b, 0, 1)) * (1 - 0.2 * (u / a) * (u / a));
      /* Seams between the panels. */
      return fabs (u) < 0.006 || fabs (fabs (u) - 0.5 * a) < 0.006 ? 0.85 * q : q;
    case GP_TEST_HAT_BEANIE:
      a = 0.53 * s->hat->size;
      b = 1.1 * s->top + 0.1;
      if (v > 0.04 * (u / a) * (u / a) || fabs (u) > a || (v < 0 && pow (u / a, 2) + pow (v / b, 2) > 1))
        return 0;
      q = (0.82 + 0.22 * CLAMP (-v / b, 0, 1)) * (1 - 0.2 * (u / a) * (u / a));
      /* Knitted ribs, and the turned-up cuff. */
      q *= 1 + 0.07 * sin (2 * G_PI * u / 0.035);
      return v > -0.16 ? 0.95 * q : q;
    case GP_TEST_HAT_WIDE_BRIM:
      if (pow (u / (0.85 * s->hat->size), 2) + pow (v / 0.04, 2) <= 1)
        return v < 0 ? 0.9 : 0.6;
      a = 0.37 * s->hat->size;
      b = s->top + 0.12;
      if (v > 0 || pow (u / a, 2) + pow (v / b, 4) > 1)
        return 0;
      q = (0.8 + 0.25 * CLAMP (-v / b, 0, 1)) * (1 - 0.15 * (u / a) * (u / a));
      /* The band round the crown. */
      return v > -0.14 && v < -0.03 ? 0.5 * q : q;
    default:
      g_return_val_if_reached (0);
    }
}

/* The shadow a brim or visor casts on the forehead: the light kept. */
static double
shadow_at (const Shape *s, double u, double v)
{
  if (s->hat->shape == GP_TEST_HAT_BEANIE || v < 0 || fabs (u) > 0.4 * s->hat->size)
    return 1;
  return 0.7 + 0.3 * CLAMP ((v - 0.05) / 0.15, 0, 1);
}

void
gp_test_hat_draw (GpFrame                  *frame,
                  const GpTestPortraitSpec *spec,
                  const GpTestHat          *hat)
{
  GpTestHead head;
  Shape s = { hat, 0 };
  double width, c, sn, ox, oy, edge;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (hat->name));

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && spec != NULL && hat != NULL);

  gp_test_portrait_marked_head (spec, &head);
  c = cos (spec->roll * G_PI / 180);
  sn = sin (spec->roll * G_PI / 180);
  width = hypot (head.right[0] - head.left[0], head.right[1] - head.left[1]);
  /* The lower edge between the forehead's top and the brows, along the
   * face's middle line. */
  edge = hat->depth * hypot (head.brow[0] - head.forehead[0], head.brow[1] - head.forehead[1]);
  /* From the middle of the temples, along the face's middle line (down,
   * (-sn, c)) to the forehead's top mark, then on by the depth. */
  {
    double mx = (head.left[0] + head.right[0]) / 2, my = (head.left[1] + head.right[1]) / 2;
    double down = -(head.forehead[0] - mx) * sn + (head.forehead[1] - my) * c + edge;

    ox = mx + hat->dx * width * c - down * sn;
    oy = my + hat->dx * width * sn + down * c;
  }
  s.top = ((head.top[0] - ox) * sn - (head.top[1] - oy) * c) / width;

  for (int y = (int) MAX (0, oy - (s.top + 0.6) * width); y < (int) MIN (frame->height, oy + 0.5 * width); y++)
    for (int x = (int) MAX (0, ox - 1.1 * width); x < (int) MIN (frame->width, ox + 1.1 * width); x++)
      {
        guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
        double cover = 0, shade = 0, shadow = 0, noise;

        /* 3 × 3 samples a pixel, for smooth outlines. */
        for (int j = 0; j < 9; j++)
          {
            double px = x + (j % 3 - 1) / 3.0 - ox, py = y + (j / 3 - 1) / 3.0 - oy;
            double u = (px * c + py * sn) / width, v = (-px * sn + py * c) / width;
            double q = shade_at (&s, u, v);

            cover += q > 0;
            shade += q;
            shadow += shadow_at (&s, u, v);
          }
        if (cover == 0 && shadow >= 9)
          continue;
        if (hat->noise > 0)
          /* Box–Muller: two even draws, one Gaussian. */
          noise = hat->noise * sqrt (-2 * log (1 - g_rand_double (rand))) * cos (2 * G_PI * g_rand_double (rand));
        else
          noise = g_rand_double_range (rand, -3, 3);
        for (int k = 0; k < 3; k++)
          {
            double cloth = cover > 0 ? hat->rgb[k] * hat->light * shade / cover + noise : 0;
            double under = p[k] * shadow / 9;

            p[k] = (guint8) CLAMP (lround ((cover * cloth + (9 - cover) * under) / 9), 0, 255);
          }
      }
}
