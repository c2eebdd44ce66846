/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Closed eyes, an open mouth and a turned head painted into composited
 * portraits, placed by the portrait's hand marks or the clean frame's
 * landmarks. */
#define G_LOG_DOMAIN "gp-test-face-edit"

#include "config.h"

#include <math.h>


#include "gp-test-face-edit.h"

/* A priori "not open" / "not closed" / "not frontal", chosen before
 * measuring: eyes at least three quarters covered, lips apart by a quarter
 * of the mouth's width or more, the head turned 15° or more. */
static const GpTestFaceEdit edits[] = {
  { "eyes shut", GP_TEST_FACE_EYES_CLOSED, 1.0, GP_CHECK_EYES_OPEN },
  { "eyes 90 % shut", GP_TEST_FACE_EYES_CLOSED, 0.9, GP_CHECK_EYES_OPEN },
  { "eyes 75 % shut", GP_TEST_FACE_EYES_CLOSED, 0.75, GP_CHECK_EYES_OPEN },
  { "mouth open 0.25", GP_TEST_FACE_MOUTH_OPEN, 0.25, GP_CHECK_MOUTH_CLOSED },
  { "mouth open 0.35", GP_TEST_FACE_MOUTH_OPEN, 0.35, GP_CHECK_MOUTH_CLOSED },
  { "mouth open 0.5", GP_TEST_FACE_MOUTH_OPEN, 0.5, GP_CHECK_MOUTH_CLOSED },
  { "turned 15° right", GP_TEST_FACE_HEAD_TURNED, 15, GP_CHECK_YAW },
  { "turned 20° left", GP_TEST_FACE_HEAD_TURNED, -20, GP_CHECK_YAW },
  { "turned 25° right", GP_TEST_FACE_HEAD_TURNED, 25, GP_CHECK_YAW },
  { "turned 15° left", GP_TEST_FACE_HEAD_TURNED, -15, GP_CHECK_YAW },
};

const GpTestFaceEdit *
gp_test_face_edits (guint *n_edits)
{
  *n_edits = G_N_ELEMENTS (edits);
  return edits;
}

static guint8
clamp_u8 (double v)
{
  return (guint8) CLAMP (lround (v), 0, 255);
}

static double
smoothstep (double e0,
            double e1,
            double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0, 1);

  return t * t * (3 - 2 * t);
}

static double
dist (GpPoint a,
      GpPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

/* Bilinear sample of an RGB buffer shaped like `frame`, edges clamped. */
static void
sample (const GpFrame *frame,
        const guint8  *data,
        double         x,
        double         y,
        double         rgb[3])
{
  int x0, y0;
  double fx, fy;

  x = CLAMP (x, 0, frame->width - 1.001);
  y = CLAMP (y, 0, frame->height - 1.001);
  x0 = (int) x;
  y0 = (int) y;
  fx = x - x0;
  fy = y - y0;
  for (int c = 0; c < 3; c++)
    {
      const guint8 *p = data + (gsize) y0 * frame->stride + (gsize) x0 * 3 + c;

      rgb[c] = (1 - fy) * ((1 - fx) * p[0] + fx * p[3])
               + fy * ((1 - fx) * p[frame->stride] + fx * p[frame->stride + 3]);
    }
}

static void
put (GpFrame      *frame,
     int           x,
     int           y,
     const double  rgb[3])
{
  guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;

  for (int c = 0; c < 3; c++)
    p[c] = clamp_u8 (rgb[c]);
}

/* ---- Eyes --------------------------------------------------------------- */

/* Fills the pixels of `rgb` (w × h floats, 3 a pixel) where `inside` is set
 * with the smooth surface through the pixels around them (Laplace's
 * equation, from a column-wise first guess): no edge shows where it ends. */
static void
fill_smooth (float          *rgb,
             const gboolean *inside,
             int             w,
             int             h)
{
  for (int x = 0; x < w; x++)
    {
      int y = 0;

      while (y < h)
        {
          int y0 = y, y1;

          if (!inside[y * w + x])
            {
              y++;
              continue;
            }
          while (y < h && inside[y * w + x])
            y++;
          y1 = y;
          for (int k = y0; k < y1; k++)
            for (int c = 0; c < 3; c++)
              {
                float top = rgb[(MAX (y0 - 1, 0) * w + x) * 3 + c];
                float bottom = rgb[(MIN (y1, h - 1) * w + x) * 3 + c];
                float t = (float) (k - y0 + 1) / (y1 - y0 + 1);

                rgb[(k * w + x) * 3 + c] = (1 - t) * top + t * bottom;
              }
        }
    }
  for (int it = 0; it < 4 * MAX (w, h); it++)
    for (int y = 1; y < h - 1; y++)
      for (int x = 1; x < w - 1; x++)
        if (inside[y * w + x])
          for (int c = 0; c < 3; c++)
            rgb[(y * w + x) * 3 + c] = 0.25f * (rgb[(y * w + x - 1) * 3 + c] + rgb[(y * w + x + 1) * 3 + c]
                                                + rgb[((y - 1) * w + x) * 3 + c] + rgb[((y + 1) * w + x) * 3 + c]);
}

static int
compare_float (gconstpointer a,
               gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

/* Outside the region and next to it. */
static gboolean
on_border (const gboolean *inside,
           int             w,
           int             x,
           int             y)
{
  return !inside[y * w + x] && (inside[y * w + x - 1] || inside[y * w + x + 1]
                                || inside[(y - 1) * w + x] || inside[(y + 1) * w + x]);
}

static float
luma_of (const float *p)
{
  return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
}

/* Brightens the pixels bordering the region that are darker than most of
 * the border: lashes, lid creases and glasses rims there would otherwise
 * shade the whole lid. */
static void
lift_dark_border (float          *rgb,
                  const gboolean *inside,
                  int             w,
                  int             h)
{
  g_autoptr(GArray) lumas = g_array_new (FALSE, FALSE, sizeof (float));
  float floor_luma;

  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      if (on_border (inside, w, x, y))
        {
          float l = luma_of (rgb + (y * w + x) * 3);

          g_array_append_val (lumas, l);
        }
  if (lumas->len == 0)
    return;
  g_array_sort (lumas, compare_float);
  floor_luma = 0.9f * g_array_index (lumas, float, lumas->len / 2);
  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      if (on_border (inside, w, x, y))
        {
          float *p = rgb + (y * w + x) * 3;
          float l = luma_of (p);

          if (l < floor_luma)
            for (int c = 0; c < 3; c++)
              p[c] *= floor_luma / MAX (l, 1.0f);
        }
}

/* One eye: the lids close over `closed` of the opening, the upper one
 * ending in a dark lash line. The lid continues the skin around the eye smoothly
 * (not its creases and lashes); the lid contours are the eyelid landmarks
 * smoothed into arcs. */
static void
close_eye (GpFrame      *frame,
           const guint8 *orig,
           const GpFace *face,
           int           first,
           double        closed)
{
  const GpPoint *p = face->landmarks + first;
  GpPoint a = p[0], b = p[3];  /* the corners, image-left first */
  double w = b.x - a.x, slope, hu, hl, margin, ext, soft, lash;
  g_autofree float *fill = NULL;
  g_autofree gboolean *inside = NULL;
  int x0, x1, y0, y1, bw, bh;

  if (w < 2)
    return;
  slope = (b.y - a.y) / w;
  /* Lid heights from the corner line, as arcs through the landmarks. */
  hu = ((a.y + slope * (p[1].x - a.x) - p[1].y) + (a.y + slope * (p[2].x - a.x) - p[2].y)) / 2 / 0.866;
  hl = ((p[5].y - a.y - slope * (p[5].x - a.x)) + (p[4].y - a.y - slope * (p[4].x - a.x))) / 2 / 0.866;
  hu = MAX (hu, 0.12 * w);
  hl = MAX (hl, 0.08 * w);
  /* The landmarks sit on the lid margins: cover a little beyond them. */
  margin = 0.12 * w;
  ext = 0.12 * w;
  soft = MAX (0.8, 0.04 * w);
  lash = MAX (0.7, 0.045 * w);

  x0 = MAX (0, (int) floor (a.x - ext - 2));
  x1 = MIN (frame->width - 1, (int) ceil (b.x + ext + 2));
  y0 = MAX (0, (int) floor (MIN (a.y, b.y) - hu - margin - 3));
  y1 = MIN (frame->height - 1, (int) ceil (MAX (a.y, b.y) + hl + margin + 3));
  bw = x1 - x0 + 1;
  bh = y1 - y0 + 1;
  if (bw < 3 || bh < 3)
    return;
  fill = g_new (float, (gsize) bw * bh * 3);
  inside = g_new0 (gboolean, (gsize) bw * bh);
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        double tc = CLAMP ((x - a.x) / w, 0, 1);
        double bump = pow (sin (G_PI * tc), 0.7);
        double c = a.y + slope * (x - a.x);
        double top = c - hu * bump - margin * (0.5 + 0.5 * bump);
        double bottom = c + hl * bump + margin * (0.5 + 0.5 * bump);
        const guint8 *px = orig + (gsize) y * frame->stride + (gsize) x * 3;

        for (int k = 0; k < 3; k++)
          fill[((y - y0) * bw + x - x0) * 3 + k] = px[k];
        inside[(y - y0) * bw + x - x0] = x > a.x - ext && x < b.x + ext && y > top - soft && y < bottom + soft
                                         && x > x0 && x < x1 && y > y0 && y < y1;
      }
  lift_dark_border (fill, inside, bw, bh);
  fill_smooth (fill, inside, bw, bh);

  for (int x = x0; x <= x1; x++)
    {
      double tc = CLAMP ((x - a.x) / w, 0, 1);
      double bump = pow (sin (G_PI * tc), 0.7);
      double c = a.y + slope * (x - a.x);
      double top = c - hu * bump - margin * (0.5 + 0.5 * bump);
      double bottom = c + hl * bump + margin * (0.5 + 0.5 * bump);
      /* Shut lids meet a little below the corner line: the upper lid comes
       * down and the lower one up, so that `closed` of the opening, lid
       * margin to lid margin, is covered. */
      double edge = (c - hu * bump) + closed * (hu + 0.3 * hl) * bump;
      double lower_edge = c + hl * bump - closed * 0.7 * hl * bump;
      double fill_end = closed >= 1 ? bottom : edge;
      double ends = smoothstep (a.x - ext, a.x - ext + 2 * soft, x)
                    * (1 - smoothstep (b.x + ext - 2 * soft, b.x + ext, x));
      double taper = pow (sin (G_PI * tc), 0.35);

      for (int y = y0; y <= y1; y++)
        {
          double alpha = ends * MIN (1, smoothstep (top - soft, top + soft, y)
                                        * (1 - smoothstep (fill_end - soft, fill_end + soft, y))
                                        + smoothstep (lower_edge - soft, lower_edge + soft, y)
                                        * (1 - smoothstep (bottom - soft, bottom + soft, y)));
          double d = (y - edge) / lash;
          double dark = 0.7 * taper * exp (-d * d / 2) * (ends > 0.5);
          double rgb[3];

          sample (frame, orig, x, y, rgb);
          for (int k = 0; k < 3; k++)
            rgb[k] = (alpha * fill[((y - y0) * bw + x - x0) * 3 + k] + (1 - alpha) * rgb[k]) * (1 - dark);
          put (frame, x, y, rgb);
        }
    }
}

void
gp_test_face_close_eyes (GpFrame      *frame,
                         const GpFace *face,
                         double        closed)
{
  g_autofree guint8 *orig = NULL;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && face != NULL);

  closed = CLAMP (closed, 0, 1);
  orig = g_memdup2 (frame->data, (gsize) frame->stride * frame->height);
  close_eye (frame, orig, face, 36, closed);
  close_eye (frame, orig, face, 42, closed);
}

/* ---- Mouth -------------------------------------------------------------- */

/* The curve through landmarks idx[0..n-1] (left to right) at column x,
 * straight beyond its ends. */
static double
curve_y (const GpFace *face,
         const int    *idx,
         int           n,
         double        x)
{
  const GpPoint *lm = face->landmarks;

  for (int i = 0; i + 1 < n; i++)
    {
      GpPoint p = lm[idx[i]], q = lm[idx[i + 1]];

      if ((x <= q.x || i + 2 == n) && q.x > p.x)
        return p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x);
    }
  return lm[idx[0]].y;
}

static const int upper_inner_lip[] = { 60, 61, 62, 63, 64 };
static const int lower_inner_lip[] = { 60, 67, 66, 65, 64 };

/* The lower lip and jaw drop by `gap` mouth widths at the middle: a smooth
 * vertical warp that stretches the lips' meeting line open (lips parting
 * from the corners), carries the chin down and fades out on the neck and
 * towards the cheeks; the opening is painted as a dark mouth whose top
 * `teeth` share shows the upper teeth (1: teeth from lip to lip, a grin). */
static void
open_mouth (GpFrame      *frame,
            const GpFace *face,
            double        gap,
            double        teeth_share)
{
  const GpPoint *lm;
  g_autofree guint8 *orig = NULL;
  double mw, g, cx, chin, lip_bottom, a, lips_a, soft, band, neck;
  int x0, x1;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && face != NULL);

  lm = face->landmarks;
  mw = dist (lm[48], lm[54]);
  g = MAX (gap, 0) * mw;
  if (g <= 0 || mw < 4)
    return;
  orig = g_memdup2 (frame->data, (gsize) frame->stride * frame->height);
  cx = (lm[62].x + lm[66].x) / 2;
  chin = lm[8].y;
  lip_bottom = lm[57].y + 0.1 * mw;
  a = MAX (dist (lm[60], lm[64]) / 2, 2);       /* the opening's half-width */
  lips_a = 0.55 * mw;                           /* the lips' half-width */
  soft = MAX (0.8, 0.02 * mw);
  band = MAX (1.0, 0.03 * mw);                  /* where the lips meet */
  neck = 0.8 * mw;

  x0 = MAX (0, (int) floor (cx - mw));
  x1 = MIN (frame->width - 1, (int) ceil (cx + mw));
  for (int x = x0; x <= x1; x++)
    {
      double dx = fabs (x - cx);
      /* The jaw drops as a whole in the middle, less towards the cheeks;
       * the lips part most in the middle and not at all at the corners. */
      double jaw = dx < 0.35 * mw ? 1 : pow (cos (G_PI / 2 * MIN (1, (dx - 0.35 * mw) / (0.6 * mw))), 2);
      double lips = dx < lips_a ? sqrt (1 - (dx / lips_a) * (dx / lips_a)) : 0;
      double up = curve_y (face, upper_inner_lip, 5, x), low = curve_y (face, lower_inner_lip, 5, x);
      double meet = (up + low) / 2;
      double open = dx < a ? g * sqrt (1 - (dx / a) * (dx / a)) : 0;
      int y_start = MAX (0, (int) floor (meet - band - 1));
      int y_end = MIN (frame->height - 1, (int) ceil (chin + neck + g));

      for (int y = y_start; y <= y_end; y++)
        {
          double lo = y - g - 1, hi = y + 1, rgb[3];

          /* The source row: solve ys + shift (ys) = y, shift rising across
           * the lips' meeting line, constant to the chin, fading below. */
          for (int it = 0; it < 30; it++)
            {
              double ys = (lo + hi) / 2;
              double w = smoothstep (meet - band, meet + band, ys);
              double lipness = 1 - smoothstep (meet, lip_bottom, ys);
              double shift = g * w * (lipness * lips + (1 - lipness) * jaw)
                             * (1 - smoothstep (chin, chin + neck, ys));

              if (ys + shift < y)
                lo = ys;
              else
                hi = ys;
            }
          sample (frame, orig, x, (lo + hi) / 2, rgb);

          if (open > 0)
            {
              /* The opening, from the upper inner lip down by `open`. */
              double top = up, bottom = low + open;
              double alpha = smoothstep (top - soft, top + soft, y) * (1 - smoothstep (bottom - soft, bottom + soft, y));

              if (alpha > 0)
                {
                  double shade = 1 - 0.45 * (dx / a) * (dx / a);
                  double inside[3] = { 50 * shade, 22 * shade, 24 * shade };
                  double teeth_end = top + teeth_share * (bottom - top);

                  if (dx < (teeth_share < 1 ? 0.8 : 0.9) * a && y < teeth_end + soft)
                    {
                      double t = smoothstep (teeth_end - soft, teeth_end + soft, y);
                      double phase = fmod (dx, 0.2 * a), line = MAX (0.5, 0.015 * a);
                      double edge = phase < line || phase > 0.2 * a - line ? 0.8 : 1;
                      double teeth[3] = { 215 * shade * edge, 205 * shade * edge, 190 * shade * edge };

                      for (int k = 0; k < 3; k++)
                        inside[k] = t * inside[k] + (1 - t) * teeth[k];
                    }
                  for (int k = 0; k < 3; k++)
                    rgb[k] = alpha * inside[k] + (1 - alpha) * rgb[k];
                }
            }
          put (frame, x, y, rgb);
        }
    }
}

void
gp_test_face_open_mouth (GpFrame      *frame,
                         const GpFace *face,
                         double        gap)
{
  open_mouth (frame, face, gap, 0.3);
}

void
gp_test_face_show_teeth (GpFrame      *frame,
                         const GpFace *face,
                         double        gap)
{
  open_mouth (frame, face, gap, 1);
}

/* ---- Head --------------------------------------------------------------- */

/* The face outline's x on the image-left (jaw points 0–8) or right (16–8)
 * side at row y; above the ears, the ears' x. */
static double
outline_x (const GpFace *face,
           gboolean      right,
           double        y)
{
  const GpPoint *lm = face->landmarks;

  for (int i = 0; i < 8; i++)
    {
      GpPoint p = lm[right ? 16 - i : i], q = lm[right ? 15 - i : i + 1];

      if (i == 0 && y <= p.y)
        return p.x;
      if (y >= p.y && y <= q.y && q.y > p.y)
        return p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y);
    }
  return lm[8].x;
}

/* How far the nose stands out of the face at row y, in eye distances, and
 * the nose's x there: bridge (27) to tip (30) to base (33) to upper lip (51). */
static double
nose_depth (const GpFace *face,
            double        y,
            double       *nose_x)
{
  static const struct {
    int     landmark;
    double  depth;
  } ridge[] = { { 27, 0.12 }, { 29, 0.3 }, { 30, 0.45 }, { 33, 0.22 }, { 51, 0.05 } };
  const GpPoint *lm = face->landmarks;

  *nose_x = lm[30].x;
  if (y <= lm[27].y)
    {
      *nose_x = lm[27].x;
      return ridge[0].depth * smoothstep (lm[27].y - 0.5 * (lm[30].y - lm[27].y), lm[27].y, y);
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (ridge); i++)
    {
      GpPoint p = lm[ridge[i].landmark], q = lm[ridge[i + 1].landmark];

      if (y >= p.y && y <= q.y && q.y > p.y)
        {
          double t = (y - p.y) / (q.y - p.y);

          *nose_x = p.x + t * (q.x - p.x);
          return ridge[i].depth + t * (ridge[i + 1].depth - ridge[i].depth);
        }
    }
  *nose_x = lm[51].x;
  return 0;
}

/* A turn about the neck's axis seen through a horizontal warp: the face's
 * middle moves by R sin θ relative to its outline (R: half the face's
 * width), falling off as cos towards the outline, which stays; the nose
 * moves further by its depth × sin θ. The far cheek is compressed, the near
 * one stretched; hair and backdrop beyond the outline are untouched. */
void
gp_test_face_turn_head (GpFrame      *frame,
                        const GpFace *face,
                        double        degrees)
{
  const GpPoint *lm;
  g_autofree guint8 *orig = NULL;
  g_autofree double *fwd = NULL;
  GpFaceGeometry g;
  GpPoint le, re;
  double s, ed, eye_y, top, full_top, chin, bottom, r_max;
  int y0, y1;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && face != NULL);

  lm = face->landmarks;
  s = sin (degrees * G_PI / 180);
  gp_face_geometry (face, &g);
  le = g.left_eye;
  re = g.right_eye;
  ed = dist (le, re);
  if (fabs (s) < 1e-6 || ed < 4)
    return;
  orig = g_memdup2 (frame->data, (gsize) frame->stride * frame->height);
  eye_y = (le.y + re.y) / 2;
  full_top = eye_y - 0.8 * ed;
  top = eye_y - 1.6 * ed;
  chin = lm[8].y;
  bottom = chin + 0.5 * ed;
  r_max = (lm[16].x - lm[0].x) / 2;
  fwd = g_new (double, frame->width + 1);

  y0 = MAX (0, (int) floor (top));
  y1 = MIN (frame->height - 1, (int) ceil (bottom));
  for (int y = y0; y <= y1; y++)
    {
      double env = smoothstep (top, full_top, y) * (1 - smoothstep (chin, bottom, y));
      double l = outline_x (face, FALSE, y), r = outline_x (face, TRUE, y);
      double c = (l + r) / 2, half = MAX ((r - l) / 2, 0.75 * r_max);
      double nose_x, depth = nose_depth (face, y, &nose_x) * ed;
      double sigma = (0.12 + 0.08 * smoothstep (lm[27].y, lm[30].y, y)) * ed;
      int xa = MAX (0, (int) floor (c - half) - 1), xb = MIN (frame->width - 1, (int) ceil (c + half) + 1);
      int src = xa;

      if (env <= 0)
        continue;
      /* Forward map over the face's span, kept monotonic: where it would
       * fold, the far side is hidden behind the nose. */
      for (int x = xa; x <= xb; x++)
        {
          double u = (x - c) / half;
          double d = fabs (u) < 1 ? half * s * cos (G_PI / 2 * u) : 0;

          d += s * depth * exp (-(x - nose_x) * (x - nose_x) / (2 * sigma * sigma));
          fwd[x - xa] = x + env * d;
          if (x > xa)
            fwd[x - xa] = MAX (fwd[x - xa], fwd[x - xa - 1] + 1e-3);
        }
      for (int x = xa; x <= xb; x++)
        {
          double rgb[3], sx;

          while (src < xb && fwd[src + 1 - xa] < x)
            src++;
          if (fwd[src - xa] >= x || src >= xb)
            sx = src;
          else
            sx = src + (x - fwd[src - xa]) / (fwd[src + 1 - xa] - fwd[src - xa]);
          sample (frame, orig, sx, y, rgb);
          put (frame, x, y, rgb);
        }
    }
}

void
gp_test_face_edit_apply (GpFrame            *frame,
                         const GpFace       *face,
                         GpTestFaceEditKind  kind,
                         double              strength)
{
  switch (kind)
    {
    case GP_TEST_FACE_NONE:
      break;
    case GP_TEST_FACE_EYES_CLOSED:
      gp_test_face_close_eyes (frame, face, strength);
      break;
    case GP_TEST_FACE_MOUTH_OPEN:
      gp_test_face_open_mouth (frame, face, strength);
      break;
    case GP_TEST_FACE_HEAD_TURNED:
      gp_test_face_turn_head (frame, face, strength);
      break;
    case GP_TEST_FACE_TEETH:
      gp_test_face_show_teeth (frame, face, strength);
      break;
    default:
      g_return_if_reached ();
    }
}

gboolean
gp_test_face_edit_portrait (GpFrame                  *frame,
                            const GpTestPortraitSpec *spec,
                            GpTestFaceEditKind        kind,
                            double                    strength,
                            GError                  **error)
{
  GpFace marked;

  gp_test_portrait_marked_face (spec, &marked);
  gp_test_face_edit_apply (frame, &marked, kind, strength);
  return TRUE;
}
