/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Face geometry from the landmarks that depend least on the detection box,
 * and the eyes' openness from the image. */
#define G_LOG_DOMAIN "gp-face"

#include "config.h"

#include <math.h>

#include "core/gp-quantile.h"
#include "image/gp-frame.h"
#include "vision/gp-face.h"

/* Cheek-to-cheek width in eye distances (eye centre to eye centre), measured
 * on the test portraits from landmarks 1–15 fitted to a well-placed box:
 * those jaw points slide with the box, the eyes hardly do. */
#define FACE_WIDTH_PER_EYE_DISTANCE 2.05

/* Iris, pupil and lashes are darker than half the surrounding skin's
 * luma; lid creases, eye sockets and glasses' shadows are not. */
#define DARK_SHARE 0.5

/* Narrower eyes (frame px, corner to corner) are measured by landmarks only. */
#define MIN_EYE_WIDTH 8

/* A reflection on glasses hides the eye behind it, and then the landmarks
 * decide: when the skin around the eye is near white, or a quarter of the
 * eye's middle is brighter than that skin by GLARE_SHARE. On the composites
 * that quarter of a shut lid reached 1.01 times the skin, with reflections
 * 1.07–3.1: the weakest reflections still read as shut eyes, which the
 * glare check also fails, rather than a shut lid read as a reflection. */
#define GLARE_LUMA 240
#define GLARE_SHARE 1.15

/* Blur spreads the iris's edge until too little of it is dark: an eye is
 * too blurred to tell when its sharpest change of luma across EDGE_SPAN
 * eye widths, down the middle of the eye, is under EDGE_MIN of the skin's
 * luma. Sharp eyes, open or shut, measured 0.29–0.82 on the composites,
 * blurred ones (σ 2–4 px at 720p) 0.12–0.26; those above the limit still
 * read open. */
#define EDGE_SPAN 0.03
#define EDGE_MIN 0.2

static GpPoint
mean_point (const GpFace *face,
            int           first,
            int           n)
{
  GpPoint p = { 0, 0 };

  for (int i = first; i < first + n; i++)
    {
      p.x += face->landmarks[i].x;
      p.y += face->landmarks[i].y;
    }
  p.x /= n;
  p.y /= n;
  return p;
}

static double
dist (GpPoint a,
      GpPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

/* Eye aspect ratio (Soukupová and Čech 2016): lid gap over eye width, which
 * does not depend on the face's size. */
static double
eye_aspect_ratio (const GpFace *face,
                  int           first)
{
  const GpPoint *p = face->landmarks + first;
  double width = dist (p[0], p[3]);

  if (width <= 0)
    return 0;
  return (dist (p[1], p[5]) + dist (p[2], p[4])) / (2 * width);
}

void
gp_face_geometry (const GpFace   *face,
                  GpFaceGeometry *geometry)
{
  const GpPoint *lm;
  double dx, dy, mouth_width, gap;

  g_return_if_fail (face != NULL);
  g_return_if_fail (geometry != NULL);

  lm = face->landmarks;
  /* Eye centres: the mean of six eyelid points, the most stable landmarks. */
  geometry->left_eye = mean_point (face, 36, 6);
  geometry->right_eye = mean_point (face, 42, 6);
  dx = geometry->right_eye.x - geometry->left_eye.x;
  dy = geometry->right_eye.y - geometry->left_eye.y;
  geometry->eye_distance = hypot (dx, dy);
  geometry->eye_line_y = (geometry->left_eye.y + geometry->right_eye.y) / 2;
  /* Roll from the eye line alone: the jaw and brows tilt with the box. */
  geometry->roll = atan2 (dy, dx) * 180 / G_PI;

  /* Yaw: turning moves the nose and the eyes sideways within the face's
   * outline, which stays. The nose tip's offset from the middle of the
   * outline (jaw points 0–4 and their mirror images 16–12), along the eye
   * line and in eye distances, is size- and roll-free: about 0.023 a degree
   * on the turned heads of tests/gp-test-face-edit.c, placed from points
   * marked by hand (0.05–0.16 at 5°, 0.22–0.41 at 15°). */
  if (geometry->eye_distance > 0)
    {
      double ux = dx / geometry->eye_distance, uy = dy / geometry->eye_distance;
      double middle = 0;

      for (int k = 0; k < 5; k++)
        middle += ((lm[k].x + lm[16 - k].x) * ux + (lm[k].y + lm[16 - k].y) * uy) / 2 / 5;
      geometry->yaw = (lm[30].x * ux + lm[30].y * uy - middle) / geometry->eye_distance;
    }
  else
    geometry->yaw = 0;

  geometry->left_eye_open = eye_aspect_ratio (face, 36);
  geometry->right_eye_open = eye_aspect_ratio (face, 42);

  /* Mouth: inner-lip gap (61–67, 62–66, 63–65) over the corner-to-corner width. */
  mouth_width = dist (lm[48], lm[54]);
  gap = (dist (lm[61], lm[67]) + dist (lm[62], lm[66]) + dist (lm[63], lm[65])) / 3;
  geometry->mouth_open = mouth_width > 0 ? gap / mouth_width : 0;

  geometry->face_width = FACE_WIDTH_PER_EYE_DISTANCE * geometry->eye_distance;
  /* Centre between the eyes: the nose and chin swing with yaw, the eyes less. */
  geometry->center_x = (geometry->left_eye.x + geometry->right_eye.x) / 2;
}

static double
luma_at (const GpFrame *frame,
         double         x,
         double         y)
{
  int x0, y0, ch = frame->format == GP_FRAME_RGB ? 3 : 1;
  double fx, fy, v[4];

  x = CLAMP (x, 0, frame->width - 1.001);
  y = CLAMP (y, 0, frame->height - 1.001);
  x0 = (int) x;
  y0 = (int) y;
  fx = x - x0;
  fy = y - y0;
  for (int i = 0; i < 4; i++)
    {
      const guint8 *p = frame->data + (gsize) (y0 + i / 2) * frame->stride + (gsize) (x0 + i % 2) * ch;

      v[i] = ch == 3 ? 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] : p[0];
    }
  return (1 - fy) * ((1 - fx) * v[0] + fx * v[1]) + fy * ((1 - fx) * v[2] + fx * v[3]);
}

/* Coordinates on one eye: s runs along it from the corner on the image's
 * left (0) to the other (1), t across it from its centre, downwards; both
 * in eye widths, so that they follow a tilted head. */
typedef struct {
  GpPoint corner;
  double  width;
  double  ux, uy;       /* along the eye */
  double  centre;       /* the centre's offset across from the corner, px */
  double  upper_s[4], upper_t[4];
  double  lower_s[4], lower_t[4];
} EyeCoords;

static void
eye_coords_init (EyeCoords    *e,
                 const GpFace *face,
                 int           first)
{
  static const int upper[4] = { 0, 1, 2, 3 }, lower[4] = { 0, 5, 4, 3 };
  const GpPoint *p = face->landmarks + first;
  GpPoint c = mean_point (face, first, 6);

  e->corner = p[0];
  e->width = dist (p[0], p[3]);
  e->ux = (p[3].x - p[0].x) / MAX (e->width, 1e-6);
  e->uy = (p[3].y - p[0].y) / MAX (e->width, 1e-6);
  e->centre = -(c.x - p[0].x) * e->uy + (c.y - p[0].y) * e->ux;
  for (int i = 0; i < 4; i++)
    {
      const GpPoint *q = &p[upper[i]], *r = &p[lower[i]];

      e->upper_s[i] = ((q->x - p[0].x) * e->ux + (q->y - p[0].y) * e->uy) / MAX (e->width, 1e-6);
      e->upper_t[i] = (-(q->x - p[0].x) * e->uy + (q->y - p[0].y) * e->ux - e->centre) / MAX (e->width, 1e-6);
      e->lower_s[i] = ((r->x - p[0].x) * e->ux + (r->y - p[0].y) * e->uy) / MAX (e->width, 1e-6);
      e->lower_t[i] = (-(r->x - p[0].x) * e->uy + (r->y - p[0].y) * e->ux - e->centre) / MAX (e->width, 1e-6);
    }
}

static double
eye_luma (const EyeCoords *e,
          const GpFrame   *frame,
          double           s,
          double           t)
{
  double across = e->centre + t * e->width;

  return luma_at (frame, e->corner.x + s * e->width * e->ux - across * e->uy,
                  e->corner.y + s * e->width * e->uy + across * e->ux);
}

/* An eyelid's t at s, through its four landmarks. */
static double
lid_at (const double *s,
        const double *t,
        double        at)
{
  for (int i = 0; i < 3; i++)
    if (at <= s[i + 1] || i == 2)
      return t[i] + (t[i + 1] - t[i]) * (at - s[i]) / MAX (s[i + 1] - s[i], 1e-6);
  return t[3];
}

/* How open one eye looks in the image: down the middle half of the eye,
 * the height of what is much darker than the skin around it (iris, pupil,
 * lashes) inside the eyelid outline, over the eye's width. A shut eye shows
 * only its lash line there, wherever the landmarks put the lids. -1 when
 * it cannot be told: the eye too small, blurred or hidden by a reflection
 * on glasses (which the sharpness and glare checks report). */
static double
eye_openness (const GpFace  *face,
              const GpFrame *frame,
              int            first)
{
  EyeCoords e;
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) middle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) column = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  double skin, step;
  int columns, reach;

  eye_coords_init (&e, face, first);
  if (e.width < MIN_EYE_WIDTH)
    return -1;
  step = 1 / e.width;

  /* The skin: bands just outside the lids, above and below. */
  for (double s = 0.15; s <= 0.85; s += step)
    for (double t = 0.1; t <= 0.25; t += step)
      {
        double above = eye_luma (&e, frame, s, lid_at (e.upper_s, e.upper_t, s) - t);
        double below = eye_luma (&e, frame, s, lid_at (e.lower_s, e.lower_t, s) + t);

        g_array_append_val (ring, above);
        g_array_append_val (ring, below);
      }
  skin = gp_quantile (ring, 0.5);

  columns = MAX (5, (int) (0.5 * e.width));
  reach = MAX (1, (int) lround (EDGE_SPAN * e.width));
  for (int i = 0; i < columns; i++)
    {
      double s = 0.25 + 0.5 * i / (columns - 1);
      double t1 = lid_at (e.lower_s, e.lower_t, s) + 0.06;
      double dark = 0, edge = 0;

      g_array_set_size (column, 0);
      for (double t = lid_at (e.upper_s, e.upper_t, s) - 0.06; t <= t1; t += step)
        {
          double l = eye_luma (&e, frame, s, t);

          dark += l < DARK_SHARE * skin;
          g_array_append_val (column, l);
          g_array_append_val (middle, l);
        }
      for (guint k = reach; k + reach < column->len; k++)
        edge = MAX (edge, fabs (g_array_index (column, double, k + reach)
                                - g_array_index (column, double, k - reach)) / skin);
      dark *= step;
      g_array_append_val (heights, dark);
      g_array_append_val (edges, edge);
    }
  if (skin > GLARE_LUMA || gp_quantile (middle, 0.75) > GLARE_SHARE * skin
      || gp_quantile (edges, 0.5) < EDGE_MIN)
    return -1;
  return gp_quantile (heights, 0.5);
}

void
gp_face_geometry_in_frame (const GpFace   *face,
                           const GpFrame  *frame,
                           GpFaceGeometry *geometry)
{
  double left, right;

  g_return_if_fail (frame != NULL);

  gp_face_geometry (face, geometry);
  left = eye_openness (face, frame, 36);
  right = eye_openness (face, frame, 42);
  if (left >= 0)
    geometry->left_eye_open = left;
  if (right >= 0)
    geometry->right_eye_open = right;
}
