/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Finds QR finder patterns of either polarity in a grey frame, cheaply, and
 * groups them into regions worth decoding: zbar then reads a small crop of
 * known polarity instead of the whole frame twice. */
#define G_LOG_DOMAIN "gp-qr-region"

#include "config.h"

#include <math.h>
#include <string.h>

#include "scan/gp-qr-binary.h"
#include "scan/gp-qr-region.h"

/* Every other row: the 3-module centre of a 2 px code still gets 3 rows. */
#define ROW_STEP 2
/* Smaller patterns (under 1.7 px a module) cannot be decoded; noise makes many. */
#define MIN_PATTERN 12
/* Grey levels between a finder's dark and light rings: noise in a flat
 * wall makes patterns of the right shape but not of this contrast. */
#define MIN_RING_CONTRAST 30
#define MAX_CANDIDATES 1024
/* Finders tried in threes: the ones seen on most rows. */
#define MAX_GROUPED 40
#define MAX_REGIONS 6
/* Threes of finders checked against the frame before giving up. */
#define MAX_FITS 16
/* Share of finder cells as they should be for three finders to be a code.
 * On bench-qr's frames codes read score 0.9–1 (a few blurred ones 0.4–0.8),
 * threes made of textures 0.4–0.7; 0.6 read the most codes (0.7: 2% fewer). */
#define MIN_GRID_MATCH 0.6
/* So many finder-like patterns this close (in modules) are a texture. */
#define LATTICE_NEIGHBOURS 3
#define LATTICE_REACH 10
/* How far around a lone finder its code may reach, in modules. */
#define LONE_REACH 40
/* zbar reads modules of 4 px and more reliably; smaller ones are doubled. */
#define CROP_UPSCALE_BELOW 3.5

typedef struct {
  double    x;
  double    y;
  double    module;
  gboolean  inverted;
  guint     hits;
  gboolean  used;
} Candidate;

/* 1:1:3:1:1, as a line through a finder's centre cuts it, measured edge to
 * edge as ZXing does: a threshold too high or too low widens every dark run
 * and narrows every light one alike, so sums of neighbours keep their
 * ratios (2:4:4:2) through blur. Integers: it runs at every edge. */
static inline gboolean
ratios_ok (const int runs[5])
{
  int p0 = runs[0] + runs[1], p1 = runs[1] + runs[2], p2 = runs[2] + runs[3], p3 = runs[3] + runs[4];
  int sum = p0 + p1 + p2 + p3;  /* 12 modules */

  if (runs[0] + runs[1] + runs[2] + runs[3] + runs[4] < MIN_PATTERN)
    return FALSE;
  return ABS (12 * p0 - 2 * sum) < sum && ABS (12 * p3 - 2 * sum) < sum &&
         ABS (24 * p1 - 8 * sum) < 3 * sum && ABS (24 * p2 - 8 * sum) < 3 * sum &&
         runs[2] > runs[1] && runs[2] > runs[3] && runs[2] >= runs[0] && runs[2] >= runs[4];
}

/* Counts pixels of one colour from (*x, *y) on along (dx, dy), up to limit + 1. */
static int
walk (const GpQrBinary *b,
      int              *x,
      int              *y,
      int               dx,
      int               dy,
      gboolean          dark,
      int               limit)
{
  int n = 0;

  while (n <= limit && gp_qr_binary_contains (b, *x, *y) && gp_qr_binary_is_dark (b, *x, *y) == dark)
    {
      n++;
      *x += dx;
      *y += dy;
    }
  return n;
}

/* Walks through (x, y) along (dx, dy) and checks the same ratios there;
 * moves the point to the middle of the centre run and gives the length of
 * 12 modules, edge to edge. */
static gboolean
cross_check (const GpQrBinary *b,
             double           *px,
             double           *py,
             int               dx,
             int               dy,
             gboolean          inverted,
             int               limit,
             int              *span)
{
  int x = (int) *px, y = (int) *py, xx = x, yy = y, runs[5], back;
  gboolean centre = !inverted;
  double shift;

  /* Centre, light and outer ring backwards, then onwards from the centre. */
  runs[2] = walk (b, &xx, &yy, -dx, -dy, centre, limit);
  runs[1] = walk (b, &xx, &yy, -dx, -dy, !centre, limit);
  runs[0] = walk (b, &xx, &yy, -dx, -dy, centre, limit);
  back = runs[2];
  xx = x + dx;
  yy = y + dy;
  runs[2] += walk (b, &xx, &yy, dx, dy, centre, limit);
  runs[3] = walk (b, &xx, &yy, dx, dy, !centre, limit);
  runs[4] = walk (b, &xx, &yy, dx, dy, centre, limit);

  for (int i = 0; i < 5; i++)
    if (runs[i] == 0 || runs[i] > limit)
      return FALSE;
  if (back == 0 || !ratios_ok (runs))
    return FALSE;
  shift = (runs[2] - 2 * back + 1) / 2.0;
  *px = x + 0.5 + dx * shift;
  *py = y + 0.5 + dy * shift;
  *span = runs[0] + 2 * runs[1] + 2 * runs[2] + 2 * runs[3] + runs[4];
  return TRUE;
}

static void
add_candidate (GArray   *candidates,
               double    x,
               double    y,
               double    module,
               gboolean  inverted)
{
  Candidate fresh = { x, y, module, inverted, 1, FALSE };

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      double reach = MAX (c->module, module);

      if (c->inverted == inverted && fabs (c->x - x) <= reach && fabs (c->y - y) <= reach &&
          MAX (c->module, module) < 1.5 * MIN (c->module, module))
        {
          c->x = (c->x * c->hits + x) / (c->hits + 1);
          c->y = (c->y * c->hits + y) / (c->hits + 1);
          c->module = (c->module * c->hits + module) / (c->hits + 1);
          c->hits++;
          return;
        }
    }
  if (candidates->len < MAX_CANDIDATES)
    g_array_append_val (candidates, fresh);
}

/* Mean grey of the outer ring and centre against the ring between. */
static gboolean
contrast_ok (const guint8 *row,
             const int     runs[5],
             int           end)
{
  guint sums[2] = { 0, 0 }, counts[2] = { 0, 0 };
  int x = end - runs[0] - runs[1] - runs[2] - runs[3] - runs[4];
  int difference;

  for (int i = 0; i < 5; i++)
    for (int k = 0; k < runs[i]; k++, x++)
      {
        sums[i % 2] += row[x];
        counts[i % 2]++;
      }
  difference = (int) (sums[0] / counts[0]) - (int) (sums[1] / counts[1]);
  return ABS (difference) >= MIN_RING_CONTRAST;
}

/* A pattern ending at x on row y: confirm it down, along again and along
 * the diagonal, where checks and stripes rarely pass. */
static void
confirm (const GpQrBinary *b,
         const int         runs[5],
         int               x,
         int               y,
         gboolean          inverted,
         GArray           *candidates)
{
  int across = runs[0] + runs[1] + runs[2] + runs[3] + runs[4], down, along, diagonal;
  double cx = x - runs[4] - runs[3] - runs[2] / 2.0, cy = y, dx, dy;

  if (!contrast_ok (b->pixels + (gsize) y * (gsize) b->stride, runs, x))
    return;
  if (!cross_check (b, &cx, &cy, 0, 1, inverted, across, &down))
    return;
  /* Rotation and tilt stretch one direction, never by 2. */
  if (down < across || down > 4 * across)
    return;
  if (!cross_check (b, &cx, &cy, 1, 0, inverted, 2 * across, &along))
    return;
  dx = cx;
  dy = cy;
  if (!cross_check (b, &dx, &dy, 1, 1, inverted, 2 * across, &diagonal))
    return;
  add_candidate (candidates, cx, cy, (along + down) / 24.0, inverted);
}

/* The last five runs of a row, and their total. */
typedef struct {
  int  runs[5];
  int  total;
  int  completed;
} Window;

/* A run of `count` pixels ended at x: slide the window and look for a
 * finder there. Noise makes runs of a pixel or two by the thousand, so the
 * total is kept as it slides and checked first. */
static inline void
end_run (const GpQrBinary *b,
         Window           *w,
         int               count,
         int               x,
         int               y,
         gboolean          dark,
         GArray           *candidates)
{
  w->total += count - w->runs[0];
  memmove (w->runs, w->runs + 1, 4 * sizeof w->runs[0]);
  w->runs[4] = count;
  /* The outer runs have the centre's colour: dark, or light when inverted. */
  if (++w->completed >= 5 && w->total >= MIN_PATTERN && ratios_ok (w->runs))
    confirm (b, w->runs, x, y, !dark, candidates);
}

static void
scan_row (const GpQrBinary *b,
          int               y,
          GArray           *candidates)
{
  const guint8 *row = b->pixels + (gsize) y * (gsize) b->stride;
  const guint8 *threshold = b->threshold + (y / GP_QR_BINARY_BLOCK) * b->blocks_x;
  Window w = { { 0, 0, 0, 0, 0 }, 0, 0 };
  gboolean dark = row[0] < threshold[0];
  int count = 0;

  /* Block by block, so the threshold stays in a register. */
  for (int x0 = 0; x0 < b->width; x0 += GP_QR_BINARY_BLOCK)
    {
      int end = MIN (x0 + GP_QR_BINARY_BLOCK, b->width);
      guint8 t = threshold[x0 / GP_QR_BINARY_BLOCK];

      for (int x = x0; x < end; x++)
        {
          gboolean here = row[x] < t;

          if (G_LIKELY (here == dark))
            {
              count++;
              continue;
            }
          end_run (b, &w, count, x, y, dark, candidates);
          dark = here;
          count = 1;
        }
    }
  end_run (b, &w, count, b->width, y, dark, candidates);
}

static double
distance (const Candidate *a,
          const Candidate *b)
{
  return hypot (a->x - b->x, a->y - b->y);
}

/* How well three finders make the corners of one code; < 0 when they do not.
 * Sets *corner to the index (0–2) of the one at the right angle. */
static double
triple_score (const Candidate *c[3],
              int             *corner)
{
  double best = -1;
  double lo = MIN (MIN (c[0]->module, c[1]->module), c[2]->module);
  double hi = MAX (MAX (c[0]->module, c[1]->module), c[2]->module);
  double module = (c[0]->module + c[1]->module + c[2]->module) / 3;

  if (c[0]->inverted != c[1]->inverted || c[0]->inverted != c[2]->inverted || hi > 1.7 * lo)
    return -1;
  for (int k = 0; k < 3; k++)
    {
      const Candidate *b = c[k], *a = c[(k + 1) % 3], *d = c[(k + 2) % 3];
      double la = distance (a, b), ld = distance (d, b), cosine;

      /* Versions 1 to 40 put the centres 14 to 170 modules apart. */
      if (la < 10 * module || ld < 10 * module || la > 180 * module || ld > 180 * module ||
          MAX (la, ld) > 1.8 * MIN (la, ld))
        continue;
      /* Perspective bends the right angle, but not past 60° or 120°. */
      cosine = ((a->x - b->x) * (d->x - b->x) + (a->y - b->y) * (d->y - b->y)) / (la * ld);
      if (fabs (cosine) > 0.5)
        continue;
      if (best < 0 || 1 - fabs (cosine) > best)
        {
          best = 1 - fabs (cosine);
          *corner = k;
        }
    }
  if (best < 0)
    return -1;
  return best + c[0]->hits + c[1]->hits + c[2]->hits;
}

/* Inside the parallelogram spanned by the finders' centres, or within
 * 4 modules of it. */
static gboolean
inside_code (const Candidate *c,
             const Candidate *corner,
             const Candidate *a,
             const Candidate *d)
{
  double ax = a->x - corner->x, ay = a->y - corner->y, dx = d->x - corner->x, dy = d->y - corner->y;
  double px = c->x - corner->x, py = c->y - corner->y;
  double det = ax * dy - ay * dx, u, v, slack;

  if (fabs (det) < 1)
    return FALSE;
  u = (px * dy - py * dx) / det;
  v = (ax * py - ay * px) / det;
  slack = 4 * corner->module / MAX (hypot (ax, ay), 1);
  return u > -slack && u < 1 + slack && v > -slack && v < 1 + slack;
}

static GpQrRegion *
add_region (GArray           *regions,
            const GpQrBinary *b,
            double            x0,
            double            y0,
            double            x1,
            double            y1,
            double            margin,
            double            module,
            gboolean          inverted,
            guint             finders)
{
  GpQrRegion region = { 0 };
  int left = (int) MAX (0, floor (x0 - margin)), top = (int) MAX (0, floor (y0 - margin));
  int right = (int) MIN (b->width, ceil (x1 + margin)), bottom = (int) MIN (b->height, ceil (y1 + margin));

  if (regions->len >= MAX_REGIONS || right - left < 8 || bottom - top < 8)
    return NULL;
  region.x = left;
  region.y = top;
  region.width = right - left;
  region.height = bottom - top;
  region.module = module;
  region.inverted = inverted;
  region.finders = finders;
  g_array_append_val (regions, region);
  return &g_array_index (regions, GpQrRegion, regions->len - 1);
}

/* The three finders of a code: its box, and its grid fitted to them; FALSE
 * when the frame does not show finder patterns there. */
static gboolean
add_code (GArray           *regions,
          const GpQrBinary *b,
          const Candidate  *corner,
          const Candidate  *a,
          const Candidate  *d)
{
  double fx = a->x + d->x - corner->x, fy = a->y + d->y - corner->y;
  double module = MIN (MIN (a->module, d->module), corner->module);
  double leg = MAX (distance (a, corner), distance (d, corner));
  GpQrRegion *region;
  GpQrGrid grid;
  double centres[3][2], match;

  /* A code is never a mirror image: with y growing downwards, the top
   * right finder is the one clockwise from the corner. */
  if ((a->x - corner->x) * (d->y - corner->y) - (a->y - corner->y) * (d->x - corner->x) < 0)
    {
      const Candidate *swap = a;

      a = d;
      d = swap;
    }
  centres[0][0] = corner->x;
  centres[0][1] = corner->y;
  centres[1][0] = a->x;
  centres[1][1] = a->y;
  centres[2][0] = d->x;
  centres[2][1] = d->y;
  if (!gp_qr_grid_fit (&grid, b, (const double (*)[2]) centres, (a->module + d->module + corner->module) / 3,
                       corner->inverted))
    return FALSE;
  match = gp_qr_grid_match (&grid, b, corner->inverted);
  if (match < MIN_GRID_MATCH)
    return FALSE;

  region = add_region (regions, b,
                       MIN (MIN (a->x, d->x), MIN (corner->x, fx)), MIN (MIN (a->y, d->y), MIN (corner->y, fy)),
                       MAX (MAX (a->x, d->x), MAX (corner->x, fx)), MAX (MAX (a->y, d->y), MAX (corner->y, fy)),
                       7 * module + 0.1 * leg, module, corner->inverted, 3);
  if (region != NULL)
    {
      region->has_grid = TRUE;
      region->grid = grid;
      region->match = match;
    }
  return TRUE;
}

/* Checks, dots and stripes on clothes make finder-like patterns on a lattice,
 * many close together; a code's finders are at least 14 modules apart, with
 * at most a few finder-like patterns of its data near them. */
static void
drop_lattices (GArray *candidates)
{
  g_autofree guint8 *crowded = g_new0 (guint8, candidates->len);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      guint near = 0;

      for (guint j = 0; j < candidates->len && near < LATTICE_NEIGHBOURS; j++)
        {
          const Candidate *o = &g_array_index (candidates, Candidate, j);

          /* Seen on about as many rows: a code's data makes weak ones only. */
          if (j != i && o->inverted == c->inverted && 2 * o->hits >= c->hits && o->hits >= 2 &&
              MAX (o->module, c->module) < 1.3 * MIN (o->module, c->module) &&
              distance (o, c) < LATTICE_REACH * c->module)
            near++;
        }
      crowded[i] = near >= LATTICE_NEIGHBOURS;
    }
  for (guint i = candidates->len; i-- > 0;)
    if (crowded[i])
      g_array_remove_index (candidates, i);
}

static gboolean
tried (GArray      *rejected,
       const guint  set[3])
{
  for (guint i = 0; i < rejected->len; i += 3)
    if (memcmp (&g_array_index (rejected, guint, i), set, 3 * sizeof set[0]) == 0)
      return TRUE;
  return FALSE;
}

/* Whole codes first (three finders), then what is left of codes partly
 * hidden by glare or a thumb. */
static void
group (const GpQrBinary *b,
       GArray           *candidates,
       GArray           *regions)
{
  guint n = MIN (candidates->len, MAX_GROUPED);
  g_autoptr(GArray) rejected = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint fits = 0; fits < MAX_FITS && regions->len < MAX_REGIONS; fits++)
    {
      guint best_set[3] = { 0, 0, 0 };
      const Candidate *corner, *a, *d;
      double best = -1;
      int best_corner = 0;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          for (guint k = j + 1; k < n; k++)
            {
              const guint index[3] = { i, j, k };
              const Candidate *set[3] = {
                &g_array_index (candidates, Candidate, i),
                &g_array_index (candidates, Candidate, j),
                &g_array_index (candidates, Candidate, k),
              };
              int at = 0;
              double score;

              if (set[0]->used || set[1]->used || set[2]->used)
                continue;
              score = triple_score (set, &at);
              if (score > best && !tried (rejected, index))
                {
                  best = score;
                  best_corner = at;
                  memcpy (best_set, index, sizeof index);
                }
            }
      if (best < 0)
        break;

      corner = &g_array_index (candidates, Candidate, best_set[best_corner]);
      a = &g_array_index (candidates, Candidate, best_set[(best_corner + 1) % 3]);
      d = &g_array_index (candidates, Candidate, best_set[(best_corner + 2) % 3]);
      if (!add_code (regions, b, corner, a, d))
        {
          g_array_append_vals (rejected, best_set, 3);
          continue;
        }
      /* Finder-like patterns inside the code are its data, not more codes. */
      for (guint i = 0; i < n; i++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, i);

          if (c == corner || c == a || c == d || inside_code (c, corner, a, d))
            c->used = TRUE;
        }
    }

  /* A lone finder seen on several rows: the code lies somewhere around it. */
  for (guint i = 0; i < n; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      if (!c->used && c->hits >= 2)
        {
          add_region (regions, b, c->x, c->y, c->x, c->y, LONE_REACH * c->module, c->module, c->inverted, 1);
          c->used = TRUE;
        }
    }
}

static int
by_hits (gconstpointer a,
         gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return (int) y->hits - (int) x->hits;
}

/* Regions most likely to hold a code first; empty when the frame is too
 * small to binarize in blocks. */
GArray *
gp_qr_region_find_all (const guint8 *pixels,
                       int           width,
                       int           height,
                       int           stride)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (GpQrRegion));
  g_autoptr(GpQrBinary) binary = NULL;
  g_autoptr(GArray) candidates = NULL;

  g_return_val_if_fail (pixels != NULL, regions);

  binary = gp_qr_binary_new (pixels, width, height, stride);
  if (binary == NULL)
    return regions;
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (int y = ROW_STEP / 2; y < height; y += ROW_STEP)
    scan_row (binary, y, candidates);
  drop_lattices (candidates);
  g_array_sort (candidates, by_hits);
  group (binary, candidates, regions);
  return regions;
}

/* The region's pixels as a tightly packed copy, dark modules dark (inverted
 * when the code is light on dark), doubled in size when its modules are too
 * small for zbar. */
guint8 *
gp_qr_region_crop (const GpQrRegion *region,
                   const guint8     *pixels,
                   int               stride,
                   int              *width,
                   int              *height)
{
  const guint8 *origin;
  guint8 *out;
  int factor, w, h;

  g_return_val_if_fail (region != NULL && pixels != NULL, NULL);

  factor = region->module < CROP_UPSCALE_BELOW ? 2 : 1;
  w = region->width * factor;
  h = region->height * factor;
  origin = pixels + (gsize) region->y * (gsize) stride + (gsize) region->x;
  out = g_malloc ((gsize) w * (gsize) h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        /* Bilinear, from the centres of the output pixels. */
        double sx = (x + 0.5) / factor - 0.5, sy = (y + 0.5) / factor - 0.5;
        int x0 = CLAMP ((int) floor (sx), 0, region->width - 1), y0 = CLAMP ((int) floor (sy), 0, region->height - 1);
        int x1 = MIN (x0 + 1, region->width - 1), y1 = MIN (y0 + 1, region->height - 1);
        double ax = CLAMP (sx - x0, 0, 1), ay = CLAMP (sy - y0, 0, 1);
        const guint8 *r0 = origin + (gsize) y0 * (gsize) stride, *r1 = origin + (gsize) y1 * (gsize) stride;
        int value = (int) lround ((r0[x0] * (1 - ax) + r0[x1] * ax) * (1 - ay) + (r1[x0] * (1 - ax) + r1[x1] * ax) * ay);

        out[(gsize) y * (gsize) w + (gsize) x] = (guint8) (region->inverted ? 255 - value : value);
      }
  *width = w;
  *height = h;
  return out;
}
