/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

#include "gp-test-portrait.h"

G_BEGIN_DECLS

/* Headwear painted onto a composited portrait, placed by the portrait's
 * hand-marked head (gp_test_portrait_marked_head()), never by the landmarks
 * the checks use. A headband or hair band is not headwear for the standard
 * and is not drawn here. */

typedef enum {
  GP_TEST_HAT_PEAKED_CAP,  /* a cap with a visor over the forehead */
  GP_TEST_HAT_BEANIE,      /* a knitted cap, taller than the hair, ribbed */
  GP_TEST_HAT_WIDE_BRIM,   /* a crown and a flat brim wider than the head */
} GpTestHatShape;

typedef struct {
  const char      *name;
  GpTestHatShape   shape;
  double           rgb[3];  /* the cloth's colour in full light, 0–255 */
  double           size;    /* 1 = as wide as the head's outline */
  double           depth;   /* the lower edge: 0 at the forehead's top mark,
                             * 1 at the brows; negative is higher */
  double           light;   /* multiplies the colour; 1 = as given */
  double           dx;      /* sideways, in head widths */
  double           noise;   /* the camera's noise on the cloth: Gaussian,
                             * sigma in levels; 0: ±3 levels, even */
} GpTestHat;

/* The standard bad variants: shapes, colours, sizes, positions and lights. */
const GpTestHat  *gp_test_hats      (guint                    *n_hats);

void              gp_test_hat_draw  (GpFrame                  *frame,
                                     const GpTestPortraitSpec *spec,
                                     const GpTestHat          *hat);

G_END_DECLS
