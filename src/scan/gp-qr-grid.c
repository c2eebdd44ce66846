/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Fits a QR code's module grid to its finder centres and, from version 2
 * on, to the alignment pattern near its fourth corner, as ZXing's detector
 * does. Sampling the frame through that map gives zbar an upright code with
 * even modules, which it reads far more often than a tilted one. */
#define G_LOG_DOMAIN "gp-qr-grid"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scan/gp-qr-grid.h"

typedef double Matrix[3][3];

/* The map taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to the
 * four points given in that order. */
static void
square_to_quad (const double  q[4][2],
                Matrix        m)
{
  double dx3 = q[0][0] - q[1][0] + q[2][0] - q[3][0], dy3 = q[0][1] - q[1][1] + q[2][1] - q[3][1];
  double a13 = 0, a23 = 0;

  if (fabs (dx3) > 1e-9 || fabs (dy3) > 1e-9)
    {
      double dx1 = q[1][0] - q[2][0], dx2 = q[3][0] - q[2][0], dy1 = q[1][1] - q[2][1], dy2 = q[3][1] - q[2][1];
      double denominator = dx1 * dy2 - dx2 * dy1;

      a13 = (dx3 * dy2 - dx2 * dy3) / denominator;
      a23 = (dx1 * dy3 - dx3 * dy1) / denominator;
    }
  m[0][0] = q[1][0] - q[0][0] + a13 * q[1][0];
  m[0][1] = q[3][0] - q[0][0] + a23 * q[3][0];
  m[0][2] = q[0][0];
  m[1][0] = q[1][1] - q[0][1] + a13 * q[1][1];
  m[1][1] = q[3][1] - q[0][1] + a23 * q[3][1];
  m[1][2] = q[0][1];
  m[2][0] = a13;
  m[2][1] = a23;
  m[2][2] = 1;
}

/* The adjugate: the inverse up to a factor, which a projective map ignores. */
static void
adjugate (Matrix m,
          Matrix out)
{
  out[0][0] = m[1][1] * m[2][2] - m[1][2] * m[2][1];
  out[0][1] = m[0][2] * m[2][1] - m[0][1] * m[2][2];
  out[0][2] = m[0][1] * m[1][2] - m[0][2] * m[1][1];
  out[1][0] = m[1][2] * m[2][0] - m[1][0] * m[2][2];
  out[1][1] = m[0][0] * m[2][2] - m[0][2] * m[2][0];
  out[1][2] = m[0][2] * m[1][0] - m[0][0] * m[1][2];
  out[2][0] = m[1][0] * m[2][1] - m[1][1] * m[2][0];
  out[2][1] = m[0][1] * m[2][0] - m[0][0] * m[2][1];
  out[2][2] = m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

static void
multiply (Matrix a,
          Matrix b,
          Matrix out)
{
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

void
gp_qr_grid_map (const GpQrGrid *grid,
                double          u,
                double          v,
                double         *x,
                double         *y)
{
  const double *m = grid->to_frame;
  double w = m[6] * u + m[7] * v + m[8];

  *x = (m[0] * u + m[1] * v + m[2]) / w;
  *y = (m[3] * u + m[4] * v + m[5]) / w;
}

static inline gboolean
is_module (const GpQrBinary *b,
           double            x,
           double            y,
           gboolean          inverted)
{
  int xi = (int) floor (x), yi = (int) floor (y);

  return gp_qr_binary_contains (b, xi, yi) && gp_qr_binary_is_dark (b, xi, yi) != inverted;
}

/* Light module, centre, light module along a line: each pair near 2 modules. */
static gboolean
alignment_runs_ok (int    light_before,
                   int    centre,
                   int    light_after,
                   double module)
{
  int before = light_before + centre, after = centre + light_after;

  return before > 1.3 * module && before < 2.8 * module && after > 1.3 * module && after < 2.8 * module;
}

/* From (x, y) on the centre module, out both ways along (dx, dy) to the dark
 * ring; moves the point to the middle of the centre. */
static gboolean
alignment_cross_check (const GpQrBinary *b,
                       double           *px,
                       double           *py,
                       int               dx,
                       int               dy,
                       double            module,
                       gboolean          inverted)
{
  int x = (int) *px, y = (int) *py, limit = (int) ceil (3 * module);
  int runs[2][2] = { { 0, 0 }, { 0, 0 } };  /* [way][centre, light] */

  if (!is_module (b, x, y, inverted))
    return FALSE;
  for (int way = 0; way < 2; way++)
    {
      int step = way == 0 ? -1 : 1, xx = x + (way == 0 ? 0 : dx), yy = y + (way == 0 ? 0 : dy);

      while (gp_qr_binary_contains (b, xx, yy) && is_module (b, xx, yy, inverted) && runs[way][0] <= limit)
        {
          runs[way][0]++;
          xx += step * dx;
          yy += step * dy;
        }
      while (gp_qr_binary_contains (b, xx, yy) && !is_module (b, xx, yy, inverted) && runs[way][1] <= limit)
        {
          runs[way][1]++;
          xx += step * dx;
          yy += step * dy;
        }
      /* The ring must follow the light module. */
      if (runs[way][1] == 0 || runs[way][1] > limit || !is_module (b, xx, yy, inverted))
        return FALSE;
    }
  if (!alignment_runs_ok (runs[0][1], runs[0][0] + runs[1][0], runs[1][1], module))
    return FALSE;
  *px = x + 0.5 + dx * (runs[1][0] - runs[0][0] + 1) / 2.0;
  *py = y + 0.5 + dy * (runs[1][0] - runs[0][0] + 1) / 2.0;
  return TRUE;
}

/* The pattern's light ring and dark ring, sampled along the code's own
 * axes, tell it from data modules that happen to alternate. */
static gboolean
rings_ok (const GpQrBinary *b,
          double            x,
          double            y,
          const double      axis_u[2],
          const double      axis_v[2],
          gboolean          inverted)
{
  guint wrong = 0;

  for (int i = -2; i <= 2; i++)
    for (int j = -2; j <= 2; j++)
      {
        int ring = MAX (ABS (i), ABS (j));
        gboolean module;

        if (ring == 0)
          continue;
        module = is_module (b, x + i * axis_u[0] + j * axis_v[0], y + i * axis_u[1] + j * axis_v[1], inverted);
        wrong += module != (ring == 2);
      }
  return wrong <= 2;
}

/* The alignment pattern nearest to (px, py), searched row by row. */
static gboolean
find_alignment (const GpQrBinary *b,
                double           *px,
                double           *py,
                double            module,
                double            radius,
                const double      axis_u[2],
                const double      axis_v[2],
                gboolean          inverted)
{
  int x0 = MAX (0, (int) (*px - radius)), x1 = MIN (b->width, (int) (*px + radius));
  int y0 = MAX (0, (int) (*py - radius)), y1 = MIN (b->height, (int) (*py + radius));
  double best = G_MAXDOUBLE, best_x = 0, best_y = 0;

  for (int y = y0; y < y1; y++)
    {
      int runs[5] = { 0, 0, 0, 0, 0 }, count = 0, completed = 0;
      gboolean dark = x0 < x1 && is_module (b, x0, y, inverted);

      for (int x = x0; x <= x1; x++)
        {
          gboolean here = x < x1 ? is_module (b, x, y, inverted) : !dark;
          double cx, cy = y;

          if (here == dark)
            {
              count++;
              continue;
            }
          memmove (runs, runs + 1, 4 * sizeof runs[0]);
          runs[4] = count;
          completed++;
          dark = here;
          count = 1;
          /* … ring, light, centre, light, ring: just left the ring (dark). */
          if (completed < 5 || here || !alignment_runs_ok (runs[1], runs[2], runs[3], module))
            continue;
          cx = x - runs[4] - runs[3] - runs[2] / 2.0;
          if (!alignment_cross_check (b, &cx, &cy, 0, 1, module, inverted) ||
              !alignment_cross_check (b, &cx, &cy, 1, 0, module, inverted) ||
              !rings_ok (b, cx, cy, axis_u, axis_v, inverted))
            continue;
          if (hypot (cx - *px, cy - *py) < best)
            {
              best = hypot (cx - *px, cy - *py);
              best_x = cx;
              best_y = cy;
            }
        }
    }
  if (best > radius)
    return FALSE;
  *px = best_x;
  *py = best_y;
  return TRUE;
}

/* The share of the three finder patterns' cells, with the light separators
 * around them, that the frame shows as they should be. Checks, dots and
 * stripes on clothes make finder-like lines, but not whole finders where a
 * code's grid puts them. (Adding the timing patterns separated no better:
 * blur erases them first.) */
double
gp_qr_grid_match (const GpQrGrid   *grid,
                  const GpQrBinary *binary,
                  gboolean          inverted)
{
  const double centres[3][2] = { { 3, 3 }, { grid->size - 4, 3 }, { 3, grid->size - 4 } };
  guint right = 0, all = 0;

  for (int f = 0; f < 3; f++)
    for (int i = -4; i <= 4; i++)
      for (int j = -4; j <= 4; j++)
        {
          int ring = MAX (ABS (i), ABS (j));
          double x, y;

          gp_qr_grid_map (grid, centres[f][0] + i + 0.5, centres[f][1] + j + 0.5, &x, &y);
          right += is_module (binary, x, y, inverted) == (ring != 2 && ring != 4);
          all++;
        }
  return (double) right / all;
}

/* A finder's module size measured along the line to another finder, that
 * is along the code's own axis, edge to edge through its rings; 0 when the
 * rings are not there. Lines across a turned code would be longer. */
static double
module_along (const GpQrBinary *b,
              const double      from[2],
              const double      to[2],
              gboolean          inverted)
{
  double length = hypot (to[0] - from[0], to[1] - from[1]);
  double ux = (to[0] - from[0]) / length / 2, uy = (to[1] - from[1]) / length / 2;  /* half-pixel steps */
  int runs[2][3] = { { 0, 0, 0 }, { 0, 0, 0 } };  /* [way][centre, light, ring] */
  int limit = 2 * (int) length;

  for (int way = 0; way < 2; way++)
    {
      int step = way == 0 ? 1 : -1, t = way == 0 ? 0 : -1;

      for (int run = 0; run < 3; run++)
        {
          gboolean module = run != 1;

          while (runs[way][run] <= limit && is_module (b, from[0] + t * ux, from[1] + t * uy, inverted) == module)
            {
              runs[way][run]++;
              t += step;
            }
          if (runs[way][run] == 0 || runs[way][run] > limit)
            return 0;
        }
    }
  /* Edge to edge, ring + light + centre + light + ring counts 12 modules
   * whatever the threshold did to the runs' widths. */
  return (runs[0][2] + 2 * runs[0][1] + 2 * (runs[0][0] + runs[1][0]) + 2 * runs[1][1] + runs[1][2]) / 2.0 / 12;
}

/* Sizes are 17 + 4 × version modules; the finders' centres sit 3.5 modules
 * in from the edges. */
static int
estimate_size (double top,
               double left,
               double module)
{
  int size = (int) lround ((top + left) / 2 / module) + 7;

  size = 17 + 4 * (int) lround ((size - 17) / 4.0);
  return CLAMP (size, 21, 177);
}

/* @centres are the finders' centres as the code reads: top left, top right,
 * bottom left. FALSE when they cannot be corners of one code. */
gboolean
gp_qr_grid_fit (GpQrGrid          *grid,
                const GpQrBinary  *binary,
                const double       centres[3][2],
                double             module,
                gboolean           inverted)
{
  const double *corner = centres[0], *right = centres[1], *bottom = centres[2];
  double top = hypot (right[0] - corner[0], right[1] - corner[1]);
  double left = hypot (bottom[0] - corner[0], bottom[1] - corner[1]);
  double axis_u[2], axis_v[2], fourth[2], span, inset;
  double modules[4][2], frame[4][2];
  Matrix from_square, to_square, to_frame, m;

  g_return_val_if_fail (grid != NULL && binary != NULL && module > 0, FALSE);

  /* Measured both ways along each axis, as ZXing does; the finders' own
   * estimate is only the fallback. */
  {
    double along[4] = {
      module_along (binary, corner, right, inverted), module_along (binary, right, corner, inverted),
      module_along (binary, corner, bottom, inverted), module_along (binary, bottom, corner, inverted),
    };
    double sum = 0;
    guint n = 0;

    for (int i = 0; i < 4; i++)
      if (along[i] > 0)
        {
          sum += along[i];
          n++;
        }
    if (n >= 2)
      module = sum / n;
  }
  grid->size = estimate_size (top, left, module);
  span = grid->size - 7;
  for (int i = 0; i < 2; i++)
    {
      axis_u[i] = (right[i] - corner[i]) / span;
      axis_v[i] = (bottom[i] - corner[i]) / span;
    }

  /* Without perspective the fourth finder-like corner would be here … */
  inset = grid->size >= 25 ? 3 : 0;
  for (int i = 0; i < 2; i++)
    fourth[i] = corner[i] + (span - inset) * (axis_u[i] + axis_v[i]);
  /* … and the alignment pattern, 3 modules further in, near it. */
  grid->aligned = grid->size >= 25 &&
                  find_alignment (binary, &fourth[0], &fourth[1], module, module * MAX (4, grid->size / 6.0),
                                  axis_u, axis_v, inverted);
  if (!grid->aligned)
    {
      inset = 0;
      for (int i = 0; i < 2; i++)
        fourth[i] = corner[i] + span * (axis_u[i] + axis_v[i]);
    }

  /* Module coordinates of the four points, in the unit square's order. */
  modules[0][0] = 3.5;
  modules[0][1] = 3.5;
  modules[1][0] = grid->size - 3.5;
  modules[1][1] = 3.5;
  modules[2][0] = grid->size - 3.5 - inset;
  modules[2][1] = grid->size - 3.5 - inset;
  modules[3][0] = 3.5;
  modules[3][1] = grid->size - 3.5;
  memcpy (frame[0], corner, sizeof frame[0]);
  memcpy (frame[1], right, sizeof frame[1]);
  memcpy (frame[2], fourth, sizeof frame[2]);
  memcpy (frame[3], bottom, sizeof frame[3]);

  square_to_quad ((const double (*)[2]) modules, from_square);
  adjugate (from_square, to_square);
  square_to_quad ((const double (*)[2]) frame, to_frame);
  multiply (to_frame, to_square, m);
  if (fabs (m[2][2]) < 1e-12)
    return FALSE;
  for (int i = 0; i < 9; i++)
    grid->to_frame[i] = m[i / 3][i % 3] / m[2][2];
  return TRUE;
}

/* The code upright, @scale pixels a module, with @quiet modules of quiet
 * zone around it; dark modules come out dark, inverting when asked.
 * Returns a tightly packed square of *side pixels. */
guint8 *
gp_qr_grid_sample (const GpQrGrid *grid,
                   const guint8   *pixels,
                   int             width,
                   int             height,
                   int             stride,
                   int             scale,
                   int             quiet,
                   gboolean        invert,
                   int            *side)
{
  guint8 *out;
  int n;

  g_return_val_if_fail (grid != NULL && pixels != NULL, NULL);
  g_return_val_if_fail (scale > 0 && quiet >= 0, NULL);

  n = (grid->size + 2 * quiet) * scale;
  out = g_malloc ((gsize) n * (gsize) n);

  for (int y = 0; y < n; y++)
    for (int x = 0; x < n; x++)
      {
        double fx, fy;
        int x0, y0, value = 255;

        gp_qr_grid_map (grid, (x + 0.5) / scale - quiet, (y + 0.5) / scale - quiet, &fx, &fy);
        fx -= 0.5;
        fy -= 0.5;
        x0 = (int) floor (fx);
        y0 = (int) floor (fy);
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height)
          {
            const guint8 *p = pixels + (gsize) y0 * (gsize) stride + (gsize) x0;
            double ax = fx - x0, ay = fy - y0;

            value = (int) lround ((p[0] * (1 - ax) + p[1] * ax) * (1 - ay) +
                                  (p[stride] * (1 - ax) + p[stride + 1] * ax) * ay);
            if (invert)
              value = 255 - value;
          }
        out[(gsize) y * (gsize) n + (gsize) x] = (guint8) value;
      }
  *side = n;
  return out;
}
