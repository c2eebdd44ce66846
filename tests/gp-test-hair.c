/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Hair over the brows and the ears, for the eyebrows and ears checks'
 * composites: strands of one colour, lighter and darker, with ragged ends. */
#include "config.h"

#include <math.h>

#include "gp-test-hair.h"

void
gp_test_fringe_draw (GpFrame                  *frame,
                     const GpTestPortraitSpec *spec,
                     double                    depth,
                     const double              rgb[3])
{
  GpFace marked;
  const GpPoint *lm = marked.landmarks;
  double ed, x0, x1, top;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && spec != NULL);

  gp_test_portrait_marked_face (spec, &marked);
  ed = hypot ((lm[42].x + lm[45].x - lm[36].x - lm[39].x) / 2, (lm[42].y + lm[45].y - lm[36].y - lm[39].y) / 2);
  /* From beyond the brows' outer ends, from the arch tops up to the hairline. */
  x0 = lm[17].x - 0.3 * ed;
  x1 = lm[26].x + 0.3 * ed;
  top = MIN (lm[19].y, lm[24].y) - 0.9 * ed;
  for (int x = MAX (0, (int) x0); x < MIN (frame->width, (int) x1); x++)
    {
      /* The arch tops' line, then the strands' ragged ends. */
      double t = (x - lm[19].x) / MAX (lm[24].x - lm[19].x, 1);
      double line = lm[19].y + t * (lm[24].y - lm[19].y);
      double bottom = line + depth * ed + 0.05 * ed * sin (x * 0.9 / ed * 6.1) + 0.03 * ed * sin (x * 2.3 / ed * 4.7);
      double strand = 0.82 + 0.18 * sin (x * 12.0 / ed) * sin (x * 3.1 / ed + 1.3);

      for (int y = MAX (0, (int) top); y < MIN (frame->height, (int) ceil (bottom)); y++)
        {
          guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
          /* Soft at the ends and at the sides. */
          double a = CLAMP (bottom - y, 0, 1) * CLAMP (MIN (x - x0, x1 - x) / (0.1 * ed), 0, 1);

          for (int c = 0; c < 3; c++)
            p[c] = (guint8) CLAMP (a * rgb[c] * strand + (1 - a) * p[c], 0, 255);
        }
    }
}

void
gp_test_side_locks_draw (GpFrame                  *frame,
                         const GpTestPortraitSpec *spec,
                         const double              rgb[3])
{
  GpFace marked;
  const GpPoint *lm = marked.landmarks;
  double ed, top, bottom;

  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB && spec != NULL);

  gp_test_portrait_marked_face (spec, &marked);
  ed = hypot ((lm[42].x + lm[45].x - lm[36].x - lm[39].x) / 2, (lm[42].y + lm[45].y - lm[36].y - lm[39].y) / 2);
  top = MIN (lm[0].y, lm[16].y) - 0.4 * ed;
  bottom = lm[33].y + 0.2 * ed;
  for (int side = 0; side < 2; side++)
    {
      /* Outwards from the outline at the eyes' height. */
      double edge = side ? lm[16].x : lm[0].x, out = side ? 1 : -1;

      for (int i = (int) (-0.12 * ed); i < (int) (0.5 * ed); i++)
        {
          int x = (int) (edge + out * i);
          double strand = 0.82 + 0.18 * sin (i * 12.0 / ed) * sin (i * 3.1 / ed + 1.3);
          double end = bottom + 0.08 * ed * sin (i * 5.3 / ed);

          if (x < 0 || x >= frame->width)
            continue;
          for (int y = MAX (0, (int) top); y < MIN (frame->height, (int) ceil (end)); y++)
            {
              guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
              double a = CLAMP (end - y, 0, 1) * CLAMP ((i + 0.12 * ed) / (0.06 * ed), 0, 1);

              for (int c = 0; c < 3; c++)
                p[c] = (guint8) CLAMP (a * rgb[c] * strand + (1 - a) * p[c], 0, 255);
            }
        }
    }
}
