/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Earrings and other jewellery at the ear lobes. A lobe hangs just outside
 * the jaw's outline at about the nose base's height; what hangs on it or
 * below it (a stud, a drop, a hoop) is a small blob that stands out from
 * all around it, where hair, a collar or the neck's edge are long or wide
 * and the shadow under a lobe is darker than what is around it. */
#define G_LOG_DOMAIN "gp-check-earrings"

#include "config.h"

#include <math.h>

#include "photo/gp-check-colour.h"
#include "photo/gp-check-earrings.h"

/* The ring of samples a jewel pixel must differ from, in eye distances:
 * wider than a stud or a hoop's wire, narrower than a drop is long. */
#define RING 0.1
/* How far (CIE76) a sample must be from the pixel to count as different,
 * and how many of the ring's 8 must be: a straight line through the pixel
 * (a hair, a collar's edge) leaves 6, an edge about 4; a hoop's curved
 * wire or a stud all 8. */
#define RING_DELTA_E 18.0
#define RING_MIN     7

/* How far inside the person's outline jewel pixels are sought, in eye
 * distances. */
#define MARGIN 0.03

/* The window around a lobe, in eye distances from the nose base's height
 * and the jaw's outline there: lobes were found 0.1 above to 0.15 below
 * that height on the portraits' hand marks, and drops hang below them. */
#define TOP     0.2
#define BOTTOM  0.5
#define INWARD  0.1
#define OUTWARD 0.4

enum { NONE, JEWEL };

static double
cie76 (const GpLab *x, const GpLab *y)
{
  return sqrt ((x->l - y->l) * (x->l - y->l) + (x->a - y->a) * (x->a - y->a) + (x->b - y->b) * (x->b - y->b));
}

/* The outline's x at height @y, between landmarks @i and @i + @step. */
static double
outline_x (const GpPoint *lm, int i, int step, double y)
{
  const GpPoint *a = &lm[i], *b = &lm[i + step];

  return a->x + (y - a->y) / MAX (b->y - a->y, 1) * (b->x - a->x);
}

/* Whether the matte holds the person at (@x, @y) and @margin pixels
 * around it. */
static gboolean
inside (const GpFrame *alpha, int x, int y, int margin)
{
  const int dx[5] = { 0, margin, -margin, 0, 0 }, dy[5] = { 0, 0, 0, margin, -margin };

  for (int k = 0; k < 5; k++)
    {
      int u = CLAMP (x + dx[k], 0, alpha->width - 1), v = CLAMP (y + dy[k], 0, alpha->height - 1);

      if (alpha->data[(gsize) v * alpha->stride + u] < 128)
        return FALSE;
    }
  return TRUE;
}

/* Whether the pixel @here is jewellery against the samples @ring (offsets
 * in @here's array) around it and the cheeks' colour @skin. */
static gboolean
jewel (const GpLab *here, const int ring[8], const GpLab *skin)
{
  double c = hypot (here->a, here->b);
  int differ = 0, lighter = 0, richer = 0;

  for (int k = 0; k < 8; k++)
    {
      const GpLab *s = here + ring[k];

      differ += cie76 (here, s) > RING_DELTA_E;
      lighter += here->l > s->l;
      richer += c > hypot (s->a, s->b) + 5;
    }
  /* A fleck of the lobe's own skin is not jewellery; nor is the shadow
   * under a lobe or dark hair, darker and no more colourful than most of
   * what is around. */
  return differ >= RING_MIN && cie76 (here, skin) > RING_DELTA_E && (lighter >= 4 || richer >= 4);
}

/* Takes the 8-connected blob of @mask at @start (clearing it): its size,
 * and whether it reaches the window's border. */
static guint
blob_take (guint8 *mask, int w, int h, int start, GArray *stack, gboolean *edge)
{
  guint n = 0;

  g_array_set_size (stack, 0);
  g_array_append_val (stack, start);
  mask[start] = NONE;
  while (stack->len > 0)
    {
      int i = g_array_index (stack, int, stack->len - 1), x = i % w, y = i / w;

      g_array_set_size (stack, stack->len - 1);
      n++;
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1)
        *edge = TRUE;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int j = (y + dy) * w + x + dx;

            if (x + dx < 0 || x + dx >= w || y + dy < 0 || y + dy >= h || mask[j] == NONE)
              continue;
            mask[j] = NONE;
            g_array_append_val (stack, j);
          }
    }
  return n;
}

/* The largest blob of jewel pixels around one lobe, @out -1 for the
 * image's left side, among those wholly inside the window: long hair, a
 * collar's edge or the neck's outline run out of it. */
static guint
around_lobe (const GpFrame *photo,
             const GpMatte *matte,
             const GpFace  *face,
             int            out,
             double         ed,
             const GpLab   *skin)
{
  const GpPoint *lm = face->landmarks;
  double lobe_y = lm[33].y;
  double edge = out < 0 ? outline_x (lm, 2, 1, lobe_y) : outline_x (lm, 14, -1, lobe_y);
  double xa = edge - out * INWARD * ed, xb = edge + out * OUTWARD * ed;
  int r = MAX (2, (int) lround (RING * ed)), d = (int) lround (r * M_SQRT1_2);
  int x0 = MAX (0, (int) floor (MIN (xa, xb)) - r), x1 = MIN (photo->width, (int) ceil (MAX (xa, xb)) + r);
  int y0 = MAX (0, (int) floor (lobe_y - TOP * ed) - r), y1 = MIN (photo->height, (int) ceil (lobe_y + BOTTOM * ed) + r);
  int w = x1 - x0, mw = w - 2 * r, mh = y1 - y0 - 2 * r, margin = MAX (1, (int) lround (MARGIN * ed));
  int ring[8] = { r, -r, r * w, -r * w, d * w + d, d * w - d, -d * w + d, -d * w - d };
  g_autofree GpLab *lab = NULL;
  g_autofree guint8 *mask = NULL;
  g_autoptr(GArray) stack = NULL;
  guint n = 0;

  if (mw <= 2 || mh <= 2)
    return 0;
  lab = g_new (GpLab, (gsize) w * (y1 - y0));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      gp_check_colour_to_lab (photo->data + (gsize) y * photo->stride + (gsize) x * 3,
                              &lab[(gsize) (y - y0) * w + (x - x0)]);

  mask = g_new0 (guint8, (gsize) mw * mh);
  for (int y = 0; y < mh; y++)
    for (int x = 0; x < mw; x++)
      /* Jewellery is on the person, not on the backdrop; the person's
       * outline is a thin line of its own. */
      if (inside (matte->alpha, x + x0 + r, y + y0 + r, margin))
        mask[y * mw + x] = jewel (&lab[(gsize) (y + r) * w + x + r], ring, skin) ? JEWEL : NONE;

  stack = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < mw * mh; i++)
    if (mask[i] != NONE)
      {
        gboolean at_edge = FALSE;
        guint size = blob_take (mask, mw, mh, i, stack, &at_edge);

        if (!at_edge)
          n = MAX (n, size);
      }
  return n;
}

/**
 * gp_check_earrings_jewel:
 * @matte: the person's matte in @photo
 * @skin: the cheeks' colour (gp_check_colour_cheeks())
 *
 * Returns: the largest blob of jewel pixels at either lobe, in
 *   thousandths of the squared eye distance
 */
double
gp_check_earrings_jewel (const GpFrame *photo,
                         const GpMatte *matte,
                         const GpFace  *face,
                         const GpLab   *skin)
{
  GpFaceGeometry g;
  guint n;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB && matte != NULL && face != NULL
                        && skin != NULL, NAN);

  gp_face_geometry (face, &g);
  if (g.eye_distance <= 0)
    return NAN;
  n = MAX (around_lobe (photo, matte, face, -1, g.eye_distance, skin),
           around_lobe (photo, matte, face, 1, g.eye_distance, skin));
  return 1000.0 * n / (g.eye_distance * g.eye_distance);
}
