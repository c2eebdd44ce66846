/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What a webcam does to a scene: the card seen in perspective through a
 * pinhole camera, glare, focus blur and sensor noise. */
#include "config.h"

#include <math.h>

#include "qr-optics.h"

/* A 1080p webcam's focal length in pixels (about 65 degrees across). */
#define FOCAL 1500.0

static void
invert (QrMatrix m,
        QrMatrix out)
{
  double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
             - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
             + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);

  out[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
  out[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
  out[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
  out[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
  out[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
  out[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
  out[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
  out[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
  out[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
}

void
qr_optics_project (QrMatrix  h,
                   double    u,
                   double    v,
                   double   *x,
                   double   *y)
{
  double w = h[2][0] * u + h[2][1] * v + h[2][2];

  *x = (h[0][0] * u + h[0][1] * v + h[0][2]) / w;
  *y = (h[1][0] * u + h[1][1] * v + h[1][2]) / w;
}

/* The card's plane turned by roll, pitch and yaw and seen by a pinhole
 * camera; maps card pixels (u, v) to frame pixels, the code's centre to
 * (px, py) with `scale` frame pixels per card pixel there. */
void
qr_optics_homography (double   scale,
                      double   roll,
                      double   pitch,
                      double   yaw,
                      double   cu,
                      double   cv,
                      double   px,
                      double   py,
                      QrMatrix h)
{
  double cr = cos (roll), sr = sin (roll), cp = cos (pitch), sp = sin (pitch), cy = cos (yaw), sy = sin (yaw);
  /* R = Ry(yaw) · Rx(pitch) · Rz(roll); only its first two columns matter for a plane. */
  double r1[3] = { cy * cr + sy * sp * sr, cp * sr, -sy * cr + cy * sp * sr };
  double r2[3] = { -cy * sr + sy * sp * cr, cp * cr, sy * sr + cy * sp * cr };
  double t[3];

  for (int i = 0; i < 3; i++)
    {
      r1[i] *= scale;
      r2[i] *= scale;
      t[i] = (i == 2 ? FOCAL : 0) - cu * r1[i] - cv * r2[i];
    }
  for (int j = 0; j < 3; j++)
    {
      double col[3] = { r1[j], r2[j], t[j] };

      for (int i = 0; i < 3; i++)
        h[j][i] = col[i] * (j < 2 ? FOCAL : 1);
    }
  /* K adds the principal point: row 0 += px · row 2, row 1 += py · row 2. */
  for (int i = 0; i < 3; i++)
    {
      h[0][i] += px * h[2][i];
      h[1][i] += py * h[2][i];
    }
}

static void
sample (const guint8 *data,
        int           stride,
        int           width,
        int           height,
        double        u,
        double        v,
        double        acc[4])
{
  int x0 = (int) floor (u - 0.5), y0 = (int) floor (v - 0.5);
  double fx = u - 0.5 - x0, fy = v - 0.5 - y0;

  for (int dy = 0; dy < 2; dy++)
    for (int dx = 0; dx < 2; dx++)
      {
        int x = x0 + dx, y = y0 + dy;
        double wgt = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
        guint32 p;

        if (x < 0 || y < 0 || x >= width || y >= height)
          continue;
        p = ((const guint32 *) (gconstpointer) (data + (gsize) y * stride))[x];
        acc[0] += wgt * (p >> 24);
        acc[1] += wgt * ((p >> 16) & 0xff);
        acc[2] += wgt * ((p >> 8) & 0xff);
        acc[3] += wgt * (p & 0xff);
      }
}

/* Draws the card into the frame through the homography, 2 × 2 samples a
 * pixel, and returns the frame box it covers. */
void
qr_optics_warp (cairo_surface_t       *frame,
                cairo_surface_t       *card,
                QrMatrix               h,
                cairo_rectangle_int_t *box)
{
  int cw = cairo_image_surface_get_width (card), ch = cairo_image_surface_get_height (card);
  int cstride = cairo_image_surface_get_stride (card), fstride = cairo_image_surface_get_stride (frame);
  int fw = cairo_image_surface_get_width (frame), fh = cairo_image_surface_get_height (frame);
  const guint8 *cdata;
  guint8 *fdata;
  double corners[4][2] = { { 0, 0 }, { cw, 0 }, { 0, ch }, { cw, ch } };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  QrMatrix inv;

  for (int i = 0; i < 4; i++)
    {
      double x, y;

      qr_optics_project (h, corners[i][0], corners[i][1], &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  box->x = CLAMP ((int) floor (x0), 0, fw);
  box->y = CLAMP ((int) floor (y0), 0, fh);
  box->width = CLAMP ((int) ceil (x1), 0, fw) - box->x;
  box->height = CLAMP ((int) ceil (y1), 0, fh) - box->y;

  invert (h, inv);
  cairo_surface_flush (card);
  cairo_surface_flush (frame);
  cdata = cairo_image_surface_get_data (card);
  fdata = cairo_image_surface_get_data (frame);
  for (int y = box->y; y < box->y + box->height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (fdata + (gsize) y * fstride);

      for (int x = box->x; x < box->x + box->width; x++)
        {
          double acc[4] = { 0, 0, 0, 0 };
          double a;
          guint32 p = row[x];
          guint32 out = 0xff000000u;

          for (int s = 0; s < 4; s++)
            {
              double u, v;

              qr_optics_project (inv, x + 0.25 + 0.5 * (s & 1), y + 0.25 + 0.5 * (s >> 1), &u, &v);
              sample (cdata, cstride, cw, ch, u, v, acc);
            }
          a = acc[0] / 4 / 255.0;
          if (a <= 0)
            continue;
          /* Premultiplied source over the opaque frame. */
          for (int c = 1; c < 4; c++)
            {
              double dst = (p >> (8 * (3 - c))) & 0xff;
              double value = acc[c] / 4 + dst * (1 - a);

              out |= (guint32) CLAMP (lround (value), 0, 255) << (8 * (3 - c));
            }
          row[x] = out;
        }
    }
  cairo_surface_mark_dirty (frame);
}

/* A reflection of a window or lamp: a bright, soft ellipse over the code. */
void
qr_optics_glare (cairo_t *cr,
                 GRand   *rand,
                 double   x,
                 double   y,
                 double   size)
{
  double r = size * g_rand_double_range (rand, 0.15, 0.45);
  cairo_pattern_t *spot = cairo_pattern_create_radial (0, 0, 0, 0, 0, r);

  cairo_pattern_add_color_stop_rgba (spot, 0, 1, 1, 1, g_rand_double_range (rand, 0.55, 0.95));
  cairo_pattern_add_color_stop_rgba (spot, 0.4, 1, 1, 1, g_rand_double_range (rand, 0.3, 0.6));
  cairo_pattern_add_color_stop_rgba (spot, 1, 1, 1, 1, 0);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, g_rand_double_range (rand, 0, G_PI));
  cairo_scale (cr, 1, g_rand_double_range (rand, 0.25, 1));
  cairo_set_source (cr, spot);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (spot);
}

/* Separable gaussian blur of a box of an xRGB32 surface. */
void
qr_optics_blur (cairo_surface_t             *surface,
                const cairo_rectangle_int_t *box,
                double                       sigma)
{
  int radius = (int) ceil (3 * sigma), n = 2 * radius + 1;
  int stride = cairo_image_surface_get_stride (surface);
  g_autofree double *kernel = g_new (double, n);
  g_autofree guint32 *line = g_new (guint32, MAX (box->width, box->height));
  guint8 *data;
  double sum = 0;

  for (int i = 0; i < n; i++)
    sum += kernel[i] = exp (-(i - radius) * (i - radius) / (2 * sigma * sigma));
  for (int i = 0; i < n; i++)
    kernel[i] /= sum;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int pass = 0; pass < 2; pass++)
    {
      int lines = pass == 0 ? box->height : box->width, length = pass == 0 ? box->width : box->height;

      for (int l = 0; l < lines; l++)
        {
          guint32 *first = (guint32 *) (gpointer) (data + (gsize) (box->y + (pass == 0 ? l : 0)) * stride) +
                           box->x + (pass == 0 ? 0 : l);
          gsize step = pass == 0 ? 1 : (gsize) stride / 4;

          for (int i = 0; i < length; i++)
            line[i] = first[i * step];
          for (int i = 0; i < length; i++)
            {
              double acc[3] = { 0, 0, 0 };
              guint32 out = 0xff000000u;

              for (int k = 0; k < n; k++)
                {
                  guint32 p = line[CLAMP (i + k - radius, 0, length - 1)];

                  acc[0] += kernel[k] * ((p >> 16) & 0xff);
                  acc[1] += kernel[k] * ((p >> 8) & 0xff);
                  acc[2] += kernel[k] * (p & 0xff);
                }
              for (int c = 0; c < 3; c++)
                out |= (guint32) CLAMP (lround (acc[c]), 0, 255) << (16 - 8 * c);
              first[i * step] = out;
            }
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* Sensor noise, roughly gaussian: a sum of four uniform bytes from xorshift. */
void
qr_optics_noise (cairo_surface_t *surface,
                 double           sigma,
                 guint32          seed)
{
  guint32 state = seed | 1;
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;
  double scale = sigma / 147.8;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        {
          guint32 out = 0xff000000u;
          int n;

          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          n = (int) lround (((int) (state & 0xff) + (int) ((state >> 8) & 0xff) + (int) ((state >> 16) & 0xff) +
                             (int) (state >> 24) - 510) * scale);
          for (int c = 0; c < 3; c++)
            out |= (guint32) CLAMP ((int) ((row[x] >> (16 - 8 * c)) & 0xff) + n, 0, 255) << (16 - 8 * c);
          row[x] = out;
        }
    }
  cairo_surface_mark_dirty (surface);
}
