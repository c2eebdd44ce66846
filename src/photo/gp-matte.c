/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Separates the person from a real cloth backdrop: the backdrop's colour is
 * fitted as a smooth field (gradient, fall-off), each pixel's distance from
 * it gives alpha, with shadows (the same colour, darker) still backdrop. */
#define G_LOG_DOMAIN "gp-matte"

#include "config.h"

#include <math.h>
#include <string.h>

#include "core/gp-quantile.h"
#include "photo/gp-matte.h"

#define N_TERMS      6
#define SHADE_MIN    0.55  /* a shadow keeps the colour down to this brightness */
#define SHADE_MAX    1.2
#define FIT_SHADE_MIN 0.75 /* the cloth's own light, for the fit: no shadows */
#define FIT_SHADE_MAX 1.25
#define EDGE_RADIUS  2     /* pixels from the backdrop where alpha is measured, not set */
#define KEEP_RADIUS  4     /* soft alpha kept this far from the person */

void
gp_matte_free (GpMatte *matte)
{
  if (matte == NULL)
    return;
  g_clear_pointer (&matte->alpha, gp_frame_unref);
  g_free (matte);
}

static void
terms (double u, double v, double t[N_TERMS])
{
  t[0] = 1;
  t[1] = u;
  t[2] = v;
  t[3] = u * u;
  t[4] = u * v;
  t[5] = v * v;
}

/* The field along row @v as a quadratic in u, for terms()' order:
 * row[0] + (row[1] + row[2] u) u. */
static void
field_row (const double coef[N_TERMS], double v, double row[3])
{
  row[0] = coef[0] + coef[2] * v + coef[5] * v * v;
  row[1] = coef[1] + coef[4] * v;
  row[2] = coef[3];
}

static double
field_at (const double coef[N_TERMS], const double t[N_TERMS])
{
  double sum = 0;

  for (int i = 0; i < N_TERMS; i++)
    sum += coef[i] * t[i];
  return sum;
}

/* The fitted backdrop colour at pixel (@x, @y), before any shadow. */
void
gp_matte_backdrop_at (const GpMatte *matte,
                      double         x,
                      double         y,
                      double         rgb[3])
{
  double t[N_TERMS];

  g_return_if_fail (matte != NULL);

  terms (2.0 * x / matte->alpha->width - 1, 2.0 * y / matte->alpha->height - 1, t);
  for (int c = 0; c < 3; c++)
    rgb[c] = CLAMP (field_at (matte->field[c], t), 0, 255);
}

/* How far a pixel is from the backdrop's colour: the chroma difference,
 * plus brightness only beyond what shadows and light fall-off explain. */
static inline double
distance (const guint8 *p, const double b[3])
{
  double pb = p[0] * b[0] + p[1] * b[1] + p[2] * b[2];
  double bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + 1e-6;
  double k = pb / bb, r2 = 0, extra = 0;

  for (int c = 0; c < 3; c++)
    {
      double d = p[c] - k * b[c];
      r2 += d * d;
    }
  if (k < SHADE_MIN)
    extra = (SHADE_MIN - k) * sqrt (bb);
  else if (k > SHADE_MAX)
    extra = (k - SHADE_MAX) * sqrt (bb);
  return sqrt (r2 + extra * extra);
}

/* Solves the normal equations by Gaussian elimination with pivoting. */
static gboolean
solve (double a[N_TERMS][N_TERMS], double b[N_TERMS], double x[N_TERMS])
{
  for (int i = 0; i < N_TERMS; i++)
    {
      int p = i;

      for (int r = i + 1; r < N_TERMS; r++)
        if (fabs (a[r][i]) > fabs (a[p][i]))
          p = r;
      if (fabs (a[p][i]) < 1e-9)
        return FALSE;
      for (int c = 0; c < N_TERMS; c++)
        {
          double tmp = a[i][c];
          a[i][c] = a[p][c];
          a[p][c] = tmp;
        }
      {
        double tmp = b[i];
        b[i] = b[p];
        b[p] = tmp;
      }
      for (int r = i + 1; r < N_TERMS; r++)
        {
          double f = a[r][i] / a[i][i];

          for (int c = i; c < N_TERMS; c++)
            a[r][c] -= f * a[i][c];
          b[r] -= f * b[i];
        }
    }
  for (int i = N_TERMS - 1; i >= 0; i--)
    {
      double sum = b[i];

      for (int c = i + 1; c < N_TERMS; c++)
        sum -= a[i][c] * x[c];
      x[i] = sum / a[i][i];
    }
  return TRUE;
}

static gboolean
in_hair_zone (const GpEllipse *face, double x, double y)
{
  /* Hair and ears reach well beyond the face's own ellipse. */
  double dx = (x - face->x) / (face->rx * 1.9);
  double dy = (y - (face->y - face->ry * 0.3)) / (face->ry * 2.0);

  return dx * dx + dy * dy < 1.0;
}

/* The median colour of the top edge and of the sides beside the head:
 * there is backdrop, whatever the person wears. */
static void
seed_colour (const GpFrame *frame, const GpEllipse *face, double seed[3])
{
  GArray *ch[3];
  int band = MAX (2, frame->width / 60);
  int step = MAX (1, frame->width / 200);
  int bottom = (int) MIN (frame->height, face->y + face->ry);

  for (int c = 0; c < 3; c++)
    ch[c] = g_array_new (FALSE, FALSE, sizeof (double));
  for (int y = 0; y < bottom; y += step)
    for (int x = 0; x < frame->width; x += step)
      {
        const guint8 *p;

        if (y >= band && x >= band && x < frame->width - band)
          continue;
        if (in_hair_zone (face, x, y))
          continue;
        p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
        for (int c = 0; c < 3; c++)
          {
            double v = p[c];
            g_array_append_val (ch[c], v);
          }
      }
  for (int c = 0; c < 3; c++)
    {
      if (ch[c]->len == 0)
        {
          seed[c] = 128;
          continue;
        }
      seed[c] = gp_quantile (ch[c], 0.5);
    }
  for (int c = 0; c < 3; c++)
    g_array_unref (ch[c]);
}

/* Whether a pixel may be a sample of the lit cloth at the current field:
 * its colour's, and brightness within FIT_SHADE of it. Shadows take no
 * part in the fit (they are backdrop, but not the cloth's own light). */
static gboolean
is_cloth_sample (const guint8 *p, const double b[3], double threshold, double *d)
{
  double bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2] + 1e-6;
  double k = (p[0] * b[0] + p[1] * b[1] + p[2] * b[2]) / bb;

  *d = distance (p, b);
  return *d <= threshold && k >= FIT_SHADE_MIN && k <= FIT_SHADE_MAX;
}

/* Fits the field to grid samples close to the current estimate, in passes
 * with a narrowing threshold, so the person drops out of the fit. The
 * cloth is one colour whose light varies: the field is that colour times a
 * quadratic brightness, so it can darken or brighten but never turn to the
 * colour of what the person wears. */
static void
fit_field (GpMatte *matte, const GpFrame *frame, const GpEllipse *face)
{
  int step = MAX (1, (int) sqrt ((double) frame->width * frame->height / 20000.0));
  double seed[3], colour[3], norm;
  double threshold[] = { 60, 30, 22 };
  g_autoptr(GArray) residuals = g_array_new (FALSE, FALSE, sizeof (double));

  seed_colour (frame, face, seed);
  memset (matte->field, 0, sizeof matte->field);
  for (int c = 0; c < 3; c++)
    matte->field[c][0] = seed[c];

  for (guint pass = 0; pass < G_N_ELEMENTS (threshold); pass++)
    {
      double ata[N_TERMS][N_TERMS] = { { 0 } };
      double atb[N_TERMS] = { 0 }, sum[3] = { 0 }, a[N_TERMS][N_TERMS], brightness[N_TERMS];
      guint n = 0;

      g_array_set_size (residuals, 0);
      for (int y = step / 2; y < frame->height; y += step)
        for (int x = step / 2; x < frame->width; x += step)
          {
            const guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
            double t[N_TERMS], b[3], d, k;

            if (in_hair_zone (face, x, y))
              continue;
            /* Below the chin the clothing can fill most of the frame: the
             * first fit takes the backdrop seen above it only. */
            if (pass == 0 && y > face->y + face->ry)
              continue;
            terms (2.0 * x / frame->width - 1, 2.0 * y / frame->height - 1, t);
            for (int c = 0; c < 3; c++)
              b[c] = field_at (matte->field[c], t);
            if (!is_cloth_sample (p, b, threshold[pass], &d))
              continue;
            g_array_append_val (residuals, d);
            /* The sample's brightness along the seed's colour. */
            k = (p[0] * seed[0] + p[1] * seed[1] + p[2] * seed[2])
                / (seed[0] * seed[0] + seed[1] * seed[1] + seed[2] * seed[2] + 1e-6);
            for (int i = 0; i < N_TERMS; i++)
              {
                for (int j = 0; j < N_TERMS; j++)
                  ata[i][j] += t[i] * t[j];
                atb[i] += t[i] * k;
              }
            for (int c = 0; c < 3; c++)
              sum[c] += p[c] / MAX (k, 0.05);
            n++;
          }
      matte->samples = n;
      /* Too few samples for a curved field: keep what we have. */
      if (n < 60)
        break;
      memcpy (a, ata, sizeof a);
      if (!solve (a, atb, brightness))
        break;
      /* The cloth's colour at the seed's brightness: its mean chroma. */
      for (int c = 0; c < 3; c++)
        colour[c] = sum[c] / n;
      norm = (colour[0] * seed[0] + colour[1] * seed[1] + colour[2] * seed[2])
             / (seed[0] * seed[0] + seed[1] * seed[1] + seed[2] * seed[2] + 1e-6);
      for (int c = 0; c < 3; c++)
        for (int i = 0; i < N_TERMS; i++)
          matte->field[c][i] = colour[c] / MAX (norm, 1e-6) * brightness[i];
    }
  if (residuals->len > 0)
    {
      matte->noise = gp_quantile (residuals, 0.5);
    }
}

/* Running maximum over a (2r+1)² square, separably. */
static void
max_filter (float *data, int w, int h, int r)
{
  g_autofree float *tmp = g_new (float, (gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float m = 0;

        for (int k = MAX (0, x - r); k <= MIN (w - 1, x + r); k++)
          m = MAX (m, data[(gsize) y * w + k]);
        tmp[(gsize) y * w + x] = m;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float m = 0;

        for (int k = MAX (0, y - r); k <= MIN (h - 1, y + r); k++)
          m = MAX (m, tmp[(gsize) k * w + x]);
        data[(gsize) y * w + x] = m;
      }
}

/* Keeps only the person: the foreground connected to the face. Islands
 * (wrinkles, creases, a second person) go back to the backdrop. */
static void
keep_person (float *alpha, int w, int h, const GpEllipse *face)
{
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) w * h);
  g_autofree int *queue = g_new (int, (gsize) w * h);
  g_autofree float *near = g_new0 (float, (gsize) w * h);
  int head = 0, tail = 0;
  int sx = CLAMP ((int) face->x, 0, w - 1), sy = CLAMP ((int) face->y, 0, h - 1);

  /* The face centre is foreground whatever its colour. */
  for (int y = MAX (0, sy - 2); y <= MIN (h - 1, sy + 2); y++)
    for (int x = MAX (0, sx - 2); x <= MIN (w - 1, sx + 2); x++)
      {
        int i = y * w + x;

        alpha[i] = 1;
        seen[i] = 1;
        queue[tail++] = i;
      }
  while (head < tail)
    {
      int i = queue[head++];
      int x = i % w, y = i / w;
      int next[4] = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1 };

      for (int k = 0; k < 4; k++)
        if (next[k] >= 0 && !seen[next[k]] && alpha[next[k]] >= 0.5f)
          {
            seen[next[k]] = 1;
            queue[tail++] = next[k];
          }
    }
  /* Inside the face is person whatever its colour: eye whites and
   * highlights match a white backdrop, and a partial alpha there would tint
   * them with the new background. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double dx = (x - face->x) / (0.85 * face->rx), dy = (y - face->y) / (0.85 * face->ry);

        if (dx * dx + dy * dy < 1.0)
          {
            alpha[y * w + x] = 1;
            seen[y * w + x] = 1;
          }
      }
  for (gsize i = 0; i < (gsize) w * h; i++)
    near[i] = seen[i];
  max_filter (near, w, h, KEEP_RADIUS);
  for (gsize i = 0; i < (gsize) w * h; i++)
    if (!seen[i] && (alpha[i] >= 0.5f || near[i] == 0))
      alpha[i] = 0;
}

/* Fills holes: backdrop-coloured parts inside the person (eye whites on a
 * white backdrop, blue eyes on blue) that the border cannot reach. */
static void
fill_holes (float *alpha, int w, int h)
{
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) w * h);
  g_autofree int *queue = g_new (int, (gsize) w * h);
  int head = 0, tail = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if ((y == 0 || x == 0 || x == w - 1) && alpha[y * w + x] < 0.5f)
        {
          seen[y * w + x] = 1;
          queue[tail++] = y * w + x;
        }
  while (head < tail)
    {
      int i = queue[head++];
      int x = i % w, y = i / w;
      int next[4] = { x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1 };

      for (int k = 0; k < 4; k++)
        if (next[k] >= 0 && !seen[next[k]] && alpha[next[k]] < 0.5f)
          {
            seen[next[k]] = 1;
            queue[tail++] = next[k];
          }
    }
  for (gsize i = 0; i < (gsize) w * h; i++)
    if (!seen[i] && alpha[i] < 0.5f)
      alpha[i] = 1;
}

/**
 * gp_matte_new:
 * @frame: an RGB frame with the person in front of a backdrop
 * @face: the face, in @frame's pixels
 *
 * Fits the backdrop's colour field to the pixels around the person and
 * gives each pixel an alpha from its distance to it: soft where hair or an
 * edge mixes person and backdrop, exactly 0 on the backdrop.
 *
 * Returns: (transfer full): the matte
 */
GpMatte *
gp_matte_new (const GpFrame   *frame,
              const GpEllipse *face)
{
  g_autoptr(GpMatte) matte = g_new0 (GpMatte, 1);
  int w, h;
  g_autofree float *dist = NULL;
  g_autofree float *alpha = NULL;
  g_autofree float *peak = NULL;
  g_autofree float *near_bg = NULL;
  double t0, t1;

  g_return_val_if_fail (frame != NULL && frame->format == GP_FRAME_RGB, NULL);
  g_return_val_if_fail (face != NULL, NULL);

  w = frame->width;
  h = frame->height;
  fit_field (matte, frame, face);
  /* Above the backdrop's own noise, so its grain stays backdrop. */
  t0 = MAX (12.0, 2.5 * matte->noise);
  t1 = t0 + MAX (28.0, 3.0 * matte->noise);

  dist = g_new (float, (gsize) w * h);
  near_bg = g_new (float, (gsize) w * h);
  for (int y = 0; y < h; y++)
    {
      double v = 2.0 * y / h - 1, row[3][3], b[3];
      const guint8 *p = frame->data + (gsize) y * frame->stride;

      /* Along a row the field is a quadratic in u: its three coefficients
       * once a row rather than six terms a pixel. */
      for (int c = 0; c < 3; c++)
        field_row (matte->field[c], v, row[c]);
      for (int x = 0; x < w; x++, p += 3)
        {
          gsize i = (gsize) y * w + x;
          double u = 2.0 * x / w - 1;

          for (int c = 0; c < 3; c++)
            b[c] = row[c][0] + (row[c][1] + row[c][2] * u) * u;
          dist[i] = (float) distance (p, b);
          near_bg[i] = dist[i] < t0 ? 1.0f : 0.0f;
        }
    }
  /* Next to the backdrop a pixel may be a mix: alpha is its distance over
   * the distance of the pure person nearby, so none of the old backdrop
   * stays in it (no halo). Further in, the person is opaque. */
  peak = g_memdup2 (dist, sizeof (float) * w * h);
  max_filter (peak, w, h, EDGE_RADIUS + 1);
  max_filter (near_bg, w, h, EDGE_RADIUS);
  alpha = g_new (float, (gsize) w * h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      double a;

      if (dist[i] <= t0)
        a = 0;
      else if (near_bg[i] > 0)
        a = dist[i] / MAX (peak[i], t1);
      else
        {
          a = (dist[i] - t0) / (t1 - t0);
          a = a >= 1 ? 1 : a * a * (3 - 2 * a);
        }
      alpha[i] = (float) CLAMP (a, 0.0, 1.0);
    }
  keep_person (alpha, w, h, face);
  fill_holes (alpha, w, h);

  matte->alpha = gp_frame_new (GP_FRAME_GRAY, w, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      matte->alpha->data[(gsize) y * matte->alpha->stride + x]
        = (guint8) lrintf (alpha[(gsize) y * w + x] * 255.0f);
  return g_steal_pointer (&matte);
}

/**
 * gp_matte_head_top:
 *
 * The top of the head, hair included: the first row above the face where
 * the person covers a pixel, in this row and the next (the matte keeps
 * only the person, so this is hair, not noise).
 *
 * Returns: the row, or 0 when the person reaches the top edge
 */
int
gp_matte_head_top (const GpMatte   *matte,
                   const GpEllipse *face)
{
  const GpFrame *a;
  int x0, x1, run = 0;

  g_return_val_if_fail (matte != NULL && face != NULL, 0);

  a = matte->alpha;
  x0 = CLAMP ((int) (face->x - 1.5 * face->rx), 0, a->width - 1);
  x1 = CLAMP ((int) (face->x + 1.5 * face->rx), 0, a->width - 1);
  for (int y = 0; y < MIN (a->height, (int) face->y); y++)
    {
      const guint8 *row = a->data + (gsize) y * a->stride;
      gboolean hit = FALSE;

      for (int x = x0; x <= x1 && !hit; x++)
        hit = row[x] >= 128;
      run = hit ? run + 1 : 0;
      if (run == 2)
        return y - 1;
    }
  return (int) face->y;
}

/**
 * gp_matte_composite:
 * @background: the profile's colour
 *
 * Replaces the backdrop with @background exactly. Mixed pixels lose the
 * old backdrop's share (I − (1 − α)·B_old) and take the new one's, which
 * also removes the backdrop's colour spill from hair edges.
 *
 * Returns: (transfer full): the photo
 */
GpFrame *
gp_matte_composite (const GpMatte  *matte,
                    const GpFrame  *frame,
                    const guint8    background[3])
{
  GpFrame *out;
  int w, h;

  g_return_val_if_fail (matte != NULL && frame != NULL, NULL);
  g_return_val_if_fail (frame->width == matte->alpha->width && frame->height == matte->alpha->height, NULL);

  w = frame->width;
  h = frame->height;
  out = gp_frame_new (GP_FRAME_RGB, w, h);
  for (int y = 0; y < h; y++)
    {
      const guint8 *p = frame->data + (gsize) y * frame->stride;
      const guint8 *a = matte->alpha->data + (gsize) y * matte->alpha->stride;
      guint8 *o = out->data + (gsize) y * out->stride;
      double v = 2.0 * y / h - 1, t[N_TERMS];

      for (int x = 0; x < w; x++, p += 3, o += 3)
        {
          double al = a[x] / 255.0;

          if (a[x] == 0)
            memcpy (o, background, 3);
          else if (a[x] == 255)
            memcpy (o, p, 3);
          else
            {
              terms (2.0 * x / w - 1, v, t);
              for (int c = 0; c < 3; c++)
                {
                  double old = CLAMP (field_at (matte->field[c], t), 0, 255);
                  double value = p[c] - (1 - al) * (old - background[c]);

                  o[c] = (guint8) CLAMP (lrint (value), 0, 255);
                }
            }
        }
    }
  return out;
}
