/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Background objects for the composites: drawn here, in sizes relative to
 * the eye distance, never from what our own face code finds. */
#include "config.h"

#include <math.h>

#include "gp-test-objects.h"
#include "gp-test-portrait.h"

static void
fill_rect (float *rgb, int width, int height, double x0, double y0, double x1, double y1,
           const double colour[3])
{
  int xa = MAX (0, (int) floor (MIN (x0, x1))), xb = MIN (width, (int) ceil (MAX (x0, x1)));
  int ya = MAX (0, (int) floor (MIN (y0, y1))), yb = MIN (height, (int) ceil (MAX (y0, y1)));

  for (int y = ya; y < yb; y++)
    for (int x = xa; x < xb; x++)
      for (int c = 0; c < 3; c++)
        rgb[((gsize) y * width + x) * 3 + c] = (float) colour[c];
}

static void
fill_ellipse (float *rgb, int width, int height, double cx, double cy, double rx, double ry,
              const double colour[3])
{
  for (int y = MAX (0, (int) (cy - ry)); y < MIN (height, (int) (cy + ry) + 1); y++)
    for (int x = MAX (0, (int) (cx - rx)); x < MIN (width, (int) (cx + rx) + 1); x++)
      if (((x - cx) * (x - cx)) / (rx * rx) + ((y - cy) * (y - cy)) / (ry * ry) <= 1)
        for (int c = 0; c < 3; c++)
          rgb[((gsize) y * width + x) * 3 + c] = (float) colour[c];
}

/* The flag the astronaut was photographed beside: the source's columns
 * left of her shoulder, rows above her elbow. */
#define PHOTO_FLAG_W 88
#define PHOTO_FLAG_H 300

/* The photographed flag, @w wide, its near edge at @x0 (the far edge at
 * @x0 + @s * @w), its top at @y0, by nearest sampling. */
static void
copy_photo_flag (float *rgb, int width, int height, double x0, double y0, double w, double s)
{
  g_autoptr(GpFrame) src = gp_test_portrait_load_source (GP_TEST_SUBJECT_ASTRONAUT, NULL);
  double scale = PHOTO_FLAG_W / w;

  for (int y = MAX (0, (int) y0); y < MIN (height, (int) (y0 + PHOTO_FLAG_H / scale)); y++)
    for (int i = 0; i < (int) w; i++)
      {
        int x = (int) (x0 + s * i);
        /* Mirrored on the right, so the stars stay on the far side. */
        int sx = CLAMP ((int) ((s > 0 ? i : w - 1 - i) * scale), 0, PHOTO_FLAG_W - 1);
        int sy = CLAMP ((int) ((y - y0) * scale), 0, PHOTO_FLAG_H - 1);
        const guint8 *p = src->data + (gsize) sy * src->stride + (gsize) (PHOTO_FLAG_W - 1 - sx) * 3;

        if (x < 0 || x >= width)
          continue;
        for (int c = 0; c < 3; c++)
          rgb[((gsize) y * width + x) * 3 + c] = p[c];
      }
}

void
gp_test_object_draw (GpTestObject  object,
                     int           side,
                     float        *rgb,
                     int           width,
                     int           height,
                     double        eyes_x,
                     double        eyes_y,
                     double        eye_d)
{
  static const double red[3] = { 205, 35, 40 }, yellow[3] = { 250, 210, 40 }, wood[3] = { 90, 62, 40 };
  static const double paper[3] = { 236, 230, 214 }, ink[3] = { 55, 55, 60 }, orange[3] = { 230, 120, 40 };
  static const double jacket[3] = { 70, 70, 82 };
  double s = side < 0 ? -1 : 1, e = eye_d;

  switch (object)
    {
    case GP_TEST_OBJECT_NONE:
      break;
    case GP_TEST_OBJECT_FLAG:
      /* The cloth reaches behind the hair; the pole goes down to the floor. */
      fill_rect (rgb, width, height, eyes_x + s * 1.95 * e, eyes_y - 1.6 * e,
                 eyes_x + s * 2.05 * e, height, wood);
      fill_rect (rgb, width, height, eyes_x + s * 0.9 * e, eyes_y - 1.6 * e,
                 eyes_x + s * 1.95 * e, eyes_y - 0.4 * e, red);
      for (int i = 0; i < 4; i++)
        fill_ellipse (rgb, width, height, eyes_x + s * (1.75 - 0.18 * (i % 2)) * e,
                      eyes_y - (1.45 - 0.14 * i) * e, 0.05 * e, 0.05 * e, yellow);
      break;
    case GP_TEST_OBJECT_PHOTO_FLAG:
      copy_photo_flag (rgb, width, height, eyes_x + s * 0.9 * e, eyes_y - 1.7 * e, 1.3 * e, s);
      break;
    case GP_TEST_OBJECT_POSTER:
      fill_rect (rgb, width, height, eyes_x + s * 1.0 * e, eyes_y - 1.7 * e,
                 eyes_x + s * 2.7 * e, eyes_y + 0.7 * e, paper);
      fill_rect (rgb, width, height, eyes_x + s * 1.2 * e, eyes_y - 1.5 * e,
                 eyes_x + s * 2.5 * e, eyes_y - 0.9 * e, orange);
      for (int i = 0; i < 5; i++)
        fill_rect (rgb, width, height, eyes_x + s * 1.2 * e, eyes_y - (0.7 - 0.25 * i) * e,
                   eyes_x + s * (2.5 - 0.3 * (i % 2)) * e, eyes_y - (0.62 - 0.25 * i) * e, ink);
      break;
    case GP_TEST_OBJECT_SHOULDER:
      /* The next person in the queue, close behind: a shoulder and the side
       * of a head beside the neck. */
      fill_ellipse (rgb, width, height, eyes_x + s * 2.6 * e, eyes_y + 2.0 * e, 1.1 * e, 0.8 * e, jacket);
      fill_rect (rgb, width, height, eyes_x + s * 1.5 * e, eyes_y + 2.0 * e, eyes_x + s * 3.7 * e, height, jacket);
      break;
    }
}
