/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Faces the detector misses because the head is tilted: the frame turned
 * back, searched again, and what is found put back in the frame's pixels. */
#define G_LOG_DOMAIN "gp-face-tilted"

#include "config.h"

#include <math.h>

#include "vision/gp-face-tilted.h"

/* (x, y) turned by (c, s) about (cx, cy). */
static GpPoint
turn (double x, double y, double cx, double cy, double c, double s)
{
  GpPoint p = { cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c };

  return p;
}

/* @frame (grey) turned by @degrees about its centre, bilinear; what comes
 * from outside the frame is mid grey, which no face is made of. */
static GpFrame *
turned (const GpFrame *frame, double degrees)
{
  g_autoptr(GpFrame) grey = gp_frame_to_gray (frame);
  GpFrame *out = gp_frame_new (GP_FRAME_GRAY, frame->width, frame->height);
  double a = -degrees * G_PI / 180, c = cos (a), s = sin (a);
  double cx = (frame->width - 1) / 2.0, cy = (frame->height - 1) / 2.0;

  for (int y = 0; y < out->height; y++)
    for (int x = 0; x < out->width; x++)
      {
        /* The source of each pixel: turned the other way. */
        GpPoint p = turn (x, y, cx, cy, c, s);
        int x0 = (int) floor (p.x), y0 = (int) floor (p.y);
        double fx = p.x - x0, fy = p.y - y0, v = 128;

        if (x0 >= 0 && y0 >= 0 && x0 + 1 < grey->width && y0 + 1 < grey->height)
          {
            const guint8 *r0 = grey->data + (gsize) y0 * grey->stride + x0, *r1 = r0 + grey->stride;

            v = (1 - fy) * ((1 - fx) * r0[0] + fx * r0[1]) + fy * ((1 - fx) * r1[0] + fx * r1[1]);
          }
        out->data[(gsize) y * out->stride + x] = (guint8) lround (v);
      }
  return out;
}

/**
 * gp_face_detect_tilted:
 * @degrees: how far to turn the frame before searching, clockwise on screen
 *
 * Searches @frame turned by @degrees about its centre, for a head tilted
 * the other way by about as much.
 *
 * Returns: (transfer full) (element-type GpFace): the faces found, in
 *   @frame's pixels (each box the bounds of the turned box); %NULL on error
 */
GArray *
gp_face_detect_tilted (GpFaceDetector  *detector,
                       const GpFrame   *frame,
                       double           degrees,
                       GError         **error)
{
  g_autoptr(GpFrame) search = NULL;
  GArray *faces;
  double a = degrees * G_PI / 180, c = cos (a), s = sin (a);
  double cx = (frame->width - 1) / 2.0, cy = (frame->height - 1) / 2.0;

  g_return_val_if_fail (detector != NULL && frame != NULL, NULL);

  search = turned (frame, degrees);
  faces = gp_face_detector_detect (detector, search, error);
  if (faces == NULL)
    return NULL;
  for (guint i = 0; i < faces->len; i++)
    {
      GpFace *f = &g_array_index (faces, GpFace, i);
      double xs[2] = { f->left, f->right }, ys[2] = { f->top, f->bottom };

      /* Back into the frame: turned the other way. */
      for (int k = 0; k < GP_FACE_N_LANDMARKS; k++)
        f->landmarks[k] = turn (f->landmarks[k].x, f->landmarks[k].y, cx, cy, c, -s);
      f->left = f->top = INFINITY;
      f->right = f->bottom = -INFINITY;
      for (int k = 0; k < 4; k++)
        {
          GpPoint p = turn (xs[k % 2], ys[k / 2], cx, cy, c, -s);

          f->left = MIN (f->left, p.x);
          f->right = MAX (f->right, p.x);
          f->top = MIN (f->top, p.y);
          f->bottom = MAX (f->bottom, p.y);
        }
    }
  return faces;
}
