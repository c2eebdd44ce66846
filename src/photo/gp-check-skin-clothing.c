/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Clothing of the skin's colour (yellows and beiges, which some schools'
 * notices warn against): the face then seems to run into the shoulders. */
#define G_LOG_DOMAIN "gp-check-skin-clothing"

#include "config.h"

#include <math.h>

#include "photo/gp-check-colour.h"
#include "photo/gp-check-skin-clothing.h"
#include "photo/gp-shoulder-band.h"

/* Skin tones, of any person, lie in a narrow band of hues (reds to
 * yellows) at moderate chroma. Clothing there reads as skin when it is
 * also about as light as this face's skin or lighter: a brown suit is of
 * the hues but much darker. White and greys have too little chroma, an
 * orange or red top too much or the wrong hue. */
#define SKIN_HUE_MIN     30.0   /* degrees in CIELAB's a*b* plane */
#define SKIN_HUE_MAX     95.0
#define SKIN_CHROMA_MIN  10.0
#define SKIN_CHROMA_MAX  55.0
#define SKIN_DARKER_MAX  20.0   /* L* below the cheeks' median */

static gboolean
reads_as_skin (const GpLab *lab,
               const GpLab *skin)
{
  double chroma = hypot (lab->a, lab->b);
  double hue = atan2 (lab->b, lab->a) * 180 / G_PI;

  return hue >= SKIN_HUE_MIN && hue <= SKIN_HUE_MAX
         && chroma >= SKIN_CHROMA_MIN && chroma <= SKIN_CHROMA_MAX
         && lab->l >= skin->l - SKIN_DARKER_MAX;
}

/**
 * gp_check_skin_clothing_share:
 * @matte: the separation of @photo (its person)
 * @skin: the cheeks' colour (gp_check_colour_cheeks())
 *
 * Looks at the person's pixels on the shoulders beside the collar (the
 * middle, where a neckline shows skin, is left out).
 *
 * Returns: the share of them that read as skin, 0–1; 0 when the photo
 *   ends above the shoulders
 */
double
gp_check_skin_clothing_share (const GpFrame *photo,
                              const GpMatte *matte,
                              const GpFace  *face,
                              const GpLab   *skin)
{
  GpShoulderBand band;
  guint n = 0, close = 0;

  g_return_val_if_fail (photo != NULL && photo->format == GP_FRAME_RGB, NAN);
  g_return_val_if_fail (matte != NULL && matte->alpha->width == photo->width
                        && matte->alpha->height == photo->height, NAN);
  g_return_val_if_fail (face != NULL && skin != NULL, NAN);

  gp_shoulder_band_init (&band, face);
  for (int y = (int) ceil (MAX (band.top, 0)); y < photo->height; y += 2)
    for (int x = (int) MAX (0, ceil (band.centre_x - gp_shoulder_band_half_width (&band, y)));
         x <= MIN (photo->width - 1, band.centre_x + gp_shoulder_band_half_width (&band, y)); x += 2)
      {
        GpLab lab;

        if (gp_shoulder_band_in_middle (&band, x)
            || matte->alpha->data[(gsize) y * matte->alpha->stride + x] < 200)
          continue;
        n++;
        gp_check_colour_to_lab (photo->data + (gsize) y * photo->stride + (gsize) x * 3, &lab);
        close += reads_as_skin (&lab, skin);
      }
  return n > 0 ? (double) close / n : 0;
}
