/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* How different two colours look: sRGB to CIELAB, and the CIEDE2000
 * difference, which unlike a distance in RGB is about as large for a
 * just-visible change in a pale blue as in a grey. */
#define G_LOG_DOMAIN "gp-check-colour"

#include "config.h"

#include <math.h>

#include "core/gp-quantile.h"
#include "photo/gp-check-colour.h"

/* sRGB's transfer function undone, once per channel value. */
static const double *
linear_table (void)
{
  static double table[256];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < 256; i++)
        {
          double c = i / 255.0;

          table[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      g_once_init_leave (&done, 1);
    }
  return table;
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16) / 116;
}

/**
 * gp_check_colour_to_lab:
 * @rgb: an sRGB colour, 0–255
 *
 * Converts @rgb to CIELAB relative to the D65 white of sRGB.
 */
void
gp_check_colour_to_lab (const guint8  rgb[3],
                        GpLab        *lab)
{
  const double *linear = linear_table ();
  double r, g, b, fx, fy, fz;

  g_return_if_fail (rgb != NULL && lab != NULL);

  r = linear[rgb[0]];
  g = linear[rgb[1]];
  b = linear[rgb[2]];
  fx = lab_f ((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
  fy = lab_f (0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
  fz = lab_f ((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883);
  lab->l = 116 * fy - 16;
  lab->a = 500 * (fx - fy);
  lab->b = 200 * (fy - fz);
}

static double
degrees (double radians)
{
  double d = radians * 180 / G_PI;

  return d < 0 ? d + 360 : d;
}

static double
cos_deg (double d)
{
  return cos (d * G_PI / 180);
}

/**
 * gp_check_colour_delta_e:
 *
 * The CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation):
 * about 1 is just noticeable side by side, 10 and more is plainly
 * another colour.
 *
 * Returns: the difference, ≥ 0
 */
double
gp_check_colour_delta_e (const GpLab *x,
                         const GpLab *y)
{
  double c1, c2, c_mean7, g, a1, a2, cp1, cp2, h1, h2, dl, dc, dh, dhp;
  double l_mean, cp_mean, h_mean, t, d_theta, rc, sl, sc, sh, rt;

  g_return_val_if_fail (x != NULL && y != NULL, NAN);

  c1 = hypot (x->a, x->b);
  c2 = hypot (y->a, y->b);
  c_mean7 = pow ((c1 + c2) / 2, 7);
  g = 0.5 * (1 - sqrt (c_mean7 / (c_mean7 + 6103515625.0)));  /* 25^7 */
  a1 = (1 + g) * x->a;
  a2 = (1 + g) * y->a;
  cp1 = hypot (a1, x->b);
  cp2 = hypot (a2, y->b);
  h1 = cp1 == 0 ? 0 : degrees (atan2 (x->b, a1));
  h2 = cp2 == 0 ? 0 : degrees (atan2 (y->b, a2));

  dl = y->l - x->l;
  dc = cp2 - cp1;
  dhp = 0;
  if (cp1 * cp2 != 0)
    {
      dhp = h2 - h1;
      if (dhp > 180)
        dhp -= 360;
      else if (dhp < -180)
        dhp += 360;
    }
  dh = 2 * sqrt (cp1 * cp2) * sin (dhp * G_PI / 360);

  l_mean = (x->l + y->l) / 2;
  cp_mean = (cp1 + cp2) / 2;
  if (cp1 * cp2 == 0)
    h_mean = h1 + h2;
  else if (fabs (h1 - h2) <= 180)
    h_mean = (h1 + h2) / 2;
  else
    h_mean = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  t = 1 - 0.17 * cos_deg (h_mean - 30) + 0.24 * cos_deg (2 * h_mean)
      + 0.32 * cos_deg (3 * h_mean + 6) - 0.20 * cos_deg (4 * h_mean - 63);
  d_theta = 30 * exp (-((h_mean - 275) / 25) * ((h_mean - 275) / 25));
  rc = 2 * sqrt (pow (cp_mean, 7) / (pow (cp_mean, 7) + 6103515625.0));
  sl = 1 + 0.015 * (l_mean - 50) * (l_mean - 50) / sqrt (20 + (l_mean - 50) * (l_mean - 50));
  sc = 1 + 0.045 * cp_mean;
  sh = 1 + 0.015 * cp_mean * t;
  rt = -sin (2 * d_theta * G_PI / 180) * rc;
  return sqrt ((dl / sl) * (dl / sl) + (dc / sc) * (dc / sc) + (dh / sh) * (dh / sh) + rt * (dc / sc) * (dh / sh));
}

gboolean
gp_check_colour_near (const GpFrame *photo,
                      int            x,
                      int            y,
                      const GpLab   *lab,
                      double         delta_e)
{
  GpLab here;

  gp_check_colour_to_lab (photo->data + (gsize) y * photo->stride + (gsize) x * 3, &here);
  return gp_check_colour_delta_e (&here, lab) < delta_e;
}

/* The cheeks' median colour: below the eyes, beside the nose, above the
 * mouth, where neither hair nor glasses are. */
void
gp_check_colour_cheeks (const GpFrame *photo,
                        const GpFace  *face,
                        GpLab         *skin)
{
  const GpPoint *lm = face->landmarks;
  GArray *channel[3];
  guint8 median[3];
  double top = (lm[41].y + lm[46].y) / 2 + 0.3 * (lm[33].y - (lm[41].y + lm[46].y) / 2);
  double bottom = lm[33].y;

  for (int c = 0; c < 3; c++)
    channel[c] = g_array_new (FALSE, FALSE, sizeof (double));
  for (int side = 0; side < 2; side++)
    {
      double x0 = side ? lm[35].x + 0.1 * (lm[45].x - lm[35].x) : lm[36].x;
      double x1 = side ? lm[45].x : lm[31].x - 0.1 * (lm[31].x - lm[36].x);

      for (int y = MAX (0, (int) top); y < MIN (photo->height, (int) bottom); y++)
        for (int x = MAX (0, (int) x0); x < MIN (photo->width, (int) x1); x++)
          for (int c = 0; c < 3; c++)
            {
              double v = photo->data[(gsize) y * photo->stride + (gsize) x * 3 + c];

              g_array_append_val (channel[c], v);
            }
    }
  for (int c = 0; c < 3; c++)
    {
      median[c] = channel[c]->len > 0 ? (guint8) gp_quantile (channel[c], 0.5) : 0;
      g_array_unref (channel[c]);
    }
  gp_check_colour_to_lab (median, skin);
}
