/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Clothing that blends into the background: the share of the shoulders,
 * beside the collar, that has the background's colour in the photo. */
#define G_LOG_DOMAIN "gp-check-clothing"

#include "config.h"

#include <math.h>
#include <string.h>

#include "photo/gp-check-clothing.h"
#include "photo/gp-check-colour.h"
#include "photo/gp-shoulder-band.h"

static inline const guint8 *
pixel (const GpFrame *f, int x, int y)
{
  return f->data + (gsize) y * f->stride + (gsize) x * 3;
}

static double
difference (const guint8 rgb[3], const GpLab *lab)
{
  GpLab x;

  gp_check_colour_to_lab (rgb, &x);
  return gp_check_colour_delta_e (&x, lab);
}

/* The cloth behind the person, as the original shows it in the top third
 * where the matte finds backdrop: its median colour. Lower down, the
 * matte's fitted field may have followed clothing of nearly its colour. */
static gboolean
cloth_colour (const GpFrame *original, const GpMatte *matte, GpLab *lab)
{
  guint hist[3][256] = { { 0 } }, n = 0;
  guint8 median[3];

  for (int y = 0; y < original->height / 3; y += 2)
    for (int x = 0; x < original->width; x += 2)
      if (matte->alpha->data[(gsize) y * matte->alpha->stride + x] == 0)
        {
          for (int c = 0; c < 3; c++)
            hist[c][pixel (original, x, y)[c]]++;
          n++;
        }
  /* Too little backdrop to say: the person fills the frame. */
  if (n < 100)
    return FALSE;
  for (int c = 0; c < 3; c++)
    {
      guint acc = 0;
      int i = 0;

      while ((acc += hist[c][i]) * 2 < n)
        i++;
      median[c] = (guint8) i;
    }
  gp_check_colour_to_lab (median, lab);
  return TRUE;
}

/* Whether the photo shows no torso at all below the neck: in the middle of
 * the band, hardly any person unlike the background. */
static gboolean
torso_gone (const GpFrame *photo, const GpMatte *matte, const GpShoulderBand *b, const GpLab *bg)
{
  guint n = 0, kept = 0;

  /* The band is wider than its middle on every row. */
  for (int y = (int) ceil (MAX (b->top, 0)); y < photo->height; y += 2)
    for (int x = (int) MAX (0, ceil (b->centre_x - 0.45 * b->face_width));
         x < MIN (photo->width, b->centre_x + 0.45 * b->face_width); x += 2)
      {
        n++;
        kept += matte->alpha->data[(gsize) y * matte->alpha->stride + x] >= 128
                && difference (pixel (photo, x, y), bg) >= GP_CHECK_CLOTHING_DELTA_E;
      }
  return n > 0 && kept < 0.3 * n;
}

/**
 * gp_check_clothing_share:
 * @photo: the photo as it will be delivered
 * @original: (nullable): @photo before its backdrop was replaced; %NULL
 *   when @photo is as taken or the original is not at hand
 * @matte: (nullable): the separation of @original (or of @photo)
 * @face: the face in @photo's pixels
 * @background: the profile's background colour
 *
 * Looks at the shoulders where their outline meets the background: a
 * band from below the neck to the bottom edge, widening with the
 * shoulders' slope, without its middle (collar, shirt front, tie), which
 * may be white under a dark jacket. A pixel there blends when it is within
 * %GP_CHECK_CLOTHING_DELTA_E of @background, and, where the backdrop was
 * replaced (exactly @background where @matte finds backdrop), when
 * @original had clothing of that colour or of the cloth's behind the
 * person (which the separation could not tell from the cloth), or no torso
 * is left at all. A shoulder the separation dropped for another reason is
 * not the clothing's fault; without @original it cannot be told apart.
 *
 * Returns: the share of blending pixels, 0–1; 0 when the photo ends above
 *   the shoulders
 */
double
gp_check_clothing_share (const GpFrame  *photo,
                         const GpFrame  *original,
                         const GpMatte  *matte,
                         const GpFace   *face,
                         const guint8    background[3])
{
  GpLab bg, cloth;
  GpShoulderBand band;
  gboolean has_cloth = FALSE;
  int gone = -1;  /* not yet known */
  guint n = 0, blend = 0;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (original == NULL || (original->format == GP_FRAME_RGB && original->width == photo->width
                                             && original->height == photo->height), NAN);
  g_return_val_if_fail (matte == NULL || (matte->alpha->width == photo->width
                                          && matte->alpha->height == photo->height), NAN);
  g_return_val_if_fail (face != NULL && background != NULL, NAN);

  gp_shoulder_band_init (&band, face);
  gp_check_colour_to_lab (background, &bg);
  if (original != NULL && matte != NULL)
    has_cloth = cloth_colour (original, matte, &cloth);
  for (int y = (int) ceil (MAX (band.top, 0)); y < photo->height; y += 2)
    for (int x = (int) MAX (0, ceil (band.centre_x - gp_shoulder_band_half_width (&band, y)));
         x <= MIN (photo->width - 1, band.centre_x + gp_shoulder_band_half_width (&band, y)); x += 2)
      {
        const guint8 *p = pixel (photo, x, y), *o;

        if (gp_shoulder_band_in_middle (&band, x))
          continue;
        n++;
        if (difference (p, &bg) >= GP_CHECK_CLOTHING_DELTA_E)
          continue;
        /* A colour of its own: what the registry gets. */
        if (matte == NULL || matte->alpha->data[(gsize) y * matte->alpha->stride + x] != 0
            || memcmp (p, background, 3) != 0)
          {
            blend++;
            continue;
          }
        o = original != NULL ? pixel (original, x, y) : NULL;
        if (o != NULL && (difference (o, &bg) < GP_CHECK_CLOTHING_DELTA_E
                          || (has_cloth && difference (o, &cloth) < GP_CHECK_CLOTHING_DELTA_E)))
          blend++;
        else
          {
            if (gone < 0)
              gone = torso_gone (photo, matte, &band, &bg);
            blend += gone;
          }
      }
  return n > 0 ? (double) blend / n : 0;
}
