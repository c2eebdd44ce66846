/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Earrings and other jewellery at the ear lobes. A lobe hangs just outside
 * the jaw's outline at about the nose base's height; what hangs on it or
 * below it (a stud, a drop, a hoop) is a small blob that stands out from
 * all around it and is not the colour of skin: a lobe's own shading, the
 * crease above it and the shadow under it are skin darker or redder; hair,
 * a collar or the neck's edge are long and run out of the window. */
#define G_LOG_DOMAIN "gp-check-earrings"

#include "config.h"

#include <math.h>
#include <string.h>

#include "photo/gp-check-colour.h"
#include "photo/gp-check-earrings.h"

/* The rings of samples a jewel pixel must differ from, in eye distances:
 * the wider reaches past a stud or a drop, the narrower fits inside a
 * small hoop, whose wire the wider ring would land on again. */
#define RING_WIDE   0.1
#define RING_NARROW 0.065
/* How far (CIE76) a pixel must be from all samples of a ring but the
 * nearest one to stand out: a straight line through the pixel (a hair, a
 * collar's edge) leaves two samples near. */
#define STAND_OUT 22.0

/* Skin, lit more or less: the cheeks' hue within this many degrees and
 * their chroma times 0.25–1.8. Pearl, silver and gold are outside it; the
 * redder shadow under a lobe, its crease and grey hair the colour of
 * faded skin are inside. */
#define SKIN_HUE    20.0
#define SKIN_CHROMA_MIN 0.25
#define SKIN_CHROMA_MAX 1.8
/* Dark and dull (black or brown hair, dark clothing, a shadow) is not
 * jewellery: metal and pearl are lighter, coloured stones more colourful.
 * Nor is anything darker than BLACK_L, whose hue is noise: the deepest
 * shadow under a lobe. */
#define DARK_L      45.0
#define DULL_CHROMA 25.0
#define BLACK_L     20.0

/* The window around a lobe, in eye distances from the nose base's height
 * and the jaw's outline there: lobes were found 0.1 above to 0.15 below
 * that height on the portraits' hand marks, and drops hang below them. */
#define TOP     0.2
#define BOTTOM  0.5
#define INWARD  0.1
#define OUTWARD 0.4

/* What stand_out() compares a pixel of the window with. */
typedef struct {
  int          wide[8];    /* the rings' samples, as offsets from the pixel */
  int          narrow[8];
  const GpLab *skin;
} Window;

static double
cie76 (const GpLab *x, const GpLab *y)
{
  return sqrt ((x->l - y->l) * (x->l - y->l) + (x->a - y->a) * (x->a - y->a) + (x->b - y->b) * (x->b - y->b));
}

static void
ring_offsets (int r, int width, int ring[8])
{
  int d = (int) lround (r * M_SQRT1_2);
  const int offsets[8] = { r, -r, r * width, -r * width, d * width + d, d * width - d, -d * width + d, -d * width - d };

  memcpy (ring, offsets, sizeof offsets);
}

/* How far @here is from the second nearest of @ring's samples. */
static double
ring_distance (const GpLab *here, const int ring[8])
{
  double nearest = INFINITY, second = INFINITY;

  for (int k = 0; k < 8; k++)
    {
      double d = cie76 (here, here + ring[k]);

      if (d < nearest)
        {
          second = nearest;
          nearest = d;
        }
      else if (d < second)
        second = d;
    }
  return second;
}

static gboolean
skin_like (const GpLab *p, const GpLab *skin)
{
  double c = hypot (p->a, p->b), skin_c = hypot (skin->a, skin->b);
  double hue = fabs (atan2 (p->b, p->a) - atan2 (skin->b, skin->a));

  if (hue > G_PI)
    hue = 2 * G_PI - hue;
  return c >= SKIN_CHROMA_MIN * skin_c && c <= SKIN_CHROMA_MAX * skin_c && hue < SKIN_HUE * G_PI / 180;
}

/* How far beyond STAND_OUT the pixel @here stands out, or 0 when it is no
 * jewel. */
static double
stand_out (const Window *win, const GpLab *here)
{
  double d;

  if (here->l < BLACK_L || (here->l < DARK_L && hypot (here->a, here->b) < DULL_CHROMA)
      || skin_like (here, win->skin))
    return 0;
  d = MAX (ring_distance (here, win->wide), ring_distance (here, win->narrow));
  return MAX (d - STAND_OUT, 0);
}

/* Whether the matte says @person at (@x, @y) and @reach pixels around. */
static gboolean
all_around (const GpFrame *alpha, int x, int y, int reach, gboolean person)
{
  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++)
      {
        int u = CLAMP (x + dx, 0, alpha->width - 1), v = CLAMP (y + dy, 0, alpha->height - 1);

        if ((alpha->data[(gsize) v * alpha->stride + u] >= 128) != person)
          return FALSE;
      }
  return TRUE;
}

/* Where jewellery is looked for: on the person, and on what the matte
 * took for backdrop (grey metal or pearl on a white or grey cloth reads as
 * the cloth's shadow), but not within a few pixels of the outline, whose
 * blend of person and cloth stands out from both: 2 px inside (a lit
 * outline's light fringe), 3 outside (the matte's soft edge). */
static gboolean
searched (const GpFrame *alpha, int x, int y)
{
  return all_around (alpha, x, y, 2, TRUE) || all_around (alpha, x, y, 3, FALSE);
}

/* The smallest blob that can be jewellery, in pixels each way: a stud is
 * round, a drop or hoop wide; a collar's or a glasses' edge is a sliver. */
#define MIN_SIDE 3
/* How thick a blob must be on average, as its pixels over its longest
 * side: a light fringe along a lit jaw or a frame's edge is a line one
 * pixel wide however long it runs (1–1.2 on the composites' good photos),
 * the smallest stud and a hoop's wire are fuller (1.4 and more). */
#define MIN_THICKNESS 1.3

/* Takes the 8-connected blob of @weight at @start (clearing it): the sum
 * of its weights; 0 when it reaches the window's border, is narrower
 * than MIN_SIDE either way or thinner than MIN_THICKNESS. */
static double
blob_take (double *weight, int w, int h, int start, GArray *stack)
{
  double sum = 0;
  int left = w, right = -1, top = h, bottom = -1, n = 0, across, down;
  gboolean edge = FALSE;

  g_array_set_size (stack, 0);
  g_array_append_val (stack, start);
  sum += weight[start];
  weight[start] = 0;
  while (stack->len > 0)
    {
      int i = g_array_index (stack, int, stack->len - 1), x = i % w, y = i / w;

      g_array_set_size (stack, stack->len - 1);
      n++;
      left = MIN (left, x);
      right = MAX (right, x);
      top = MIN (top, y);
      bottom = MAX (bottom, y);
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1)
        edge = TRUE;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int j = (y + dy) * w + x + dx;

            if (x + dx < 0 || x + dx >= w || y + dy < 0 || y + dy >= h || weight[j] == 0)
              continue;
            sum += weight[j];
            weight[j] = 0;
            g_array_append_val (stack, j);
          }
    }
  across = right - left + 1;
  down = bottom - top + 1;
  return edge || across < MIN_SIDE || down < MIN_SIDE || n < MIN_THICKNESS * MAX (across, down) ? 0 : sum;
}

/* The outline's x at height @y, between landmarks @i and @i + @step. */
static double
outline_x (const GpPoint *lm, int i, int step, double y)
{
  const GpPoint *a = &lm[i], *b = &lm[i + step];

  return a->x + (y - a->y) / MAX (b->y - a->y, 1) * (b->x - a->x);
}

/* The strongest blob of jewel pixels around one lobe, @out -1 for the
 * image's left side, as the sum of its pixels' stand_out() / 10. */
static double
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
  int r = MAX (2, (int) lround (RING_WIDE * ed));
  int x0 = MAX (0, (int) floor (MIN (xa, xb)) - r), x1 = MIN (photo->width, (int) ceil (MAX (xa, xb)) + r);
  int y0 = MAX (0, (int) floor (lobe_y - TOP * ed) - r), y1 = MIN (photo->height, (int) ceil (lobe_y + BOTTOM * ed) + r);
  int w = x1 - x0, mw = w - 2 * r, mh = y1 - y0 - 2 * r;
  g_autofree GpLab *lab = NULL;
  g_autofree double *weight = NULL;
  g_autoptr(GArray) stack = NULL;
  Window win = { .skin = skin };
  double best = 0;

  if (mw <= 2 || mh <= 2)
    return 0;
  lab = g_new (GpLab, (gsize) w * (y1 - y0));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      gp_check_colour_to_lab (photo->data + (gsize) y * photo->stride + (gsize) x * 3,
                              &lab[(gsize) (y - y0) * w + (x - x0)]);
  ring_offsets (r, w, win.wide);
  ring_offsets (MAX (2, (int) lround (RING_NARROW * ed)), w, win.narrow);

  weight = g_new0 (double, (gsize) mw * mh);
  for (int y = 0; y < mh; y++)
    for (int x = 0; x < mw; x++)
      if (searched (matte->alpha, x + x0 + r, y + y0 + r))
        weight[y * mw + x] = stand_out (&win, &lab[(gsize) (y + r) * w + x + r]) / 10;

  stack = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < mw * mh; i++)
    if (weight[i] > 0)
      {
        double sum = blob_take (weight, mw, mh, i, stack);

        best = MAX (best, sum);
      }
  return best;
}

/**
 * gp_check_earrings_jewel:
 * @photo: the crop before the backdrop was replaced, where jewellery the
 *   matte took for backdrop is still there (or the photo)
 * @matte: the person's matte in @photo
 * @skin: the cheeks' colour (gp_check_colour_cheeks())
 *
 * Returns: the strongest blob of jewel pixels at either lobe: its pixels,
 *   each weighted by how far it stands out (per 10 ΔE beyond 22), in
 *   thousandths of the squared eye distance
 */
double
gp_check_earrings_jewel (const GpFrame *photo,
                         const GpMatte *matte,
                         const GpFace  *face,
                         const GpLab   *skin)
{
  GpFaceGeometry g;
  double left, right;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB && matte != NULL && face != NULL
                        && skin != NULL, NAN);

  gp_face_geometry (face, &g);
  if (g.eye_distance <= 0)
    return NAN;
  left = around_lobe (photo, matte, face, -1, g.eye_distance, skin);
  right = around_lobe (photo, matte, face, 1, g.eye_distance, skin);
  return 1000.0 * MAX (left, right) / (g.eye_distance * g.eye_distance);
}
