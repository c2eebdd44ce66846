/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

#include "gp-test-portrait.h"

G_BEGIN_DECLS

/* Earrings painted onto a composited portrait, hung from the ear lobes'
 * hand marks (gp_test_portrait_marked_head()), never from the landmarks
 * the checks use. Shaded as metal or pearl, with a highlight. */

typedef enum {
  GP_TEST_EARRING_STUD,  /* a round stud on the lobe */
  GP_TEST_EARRING_DROP,  /* a wire and a teardrop hanging below the lobe */
  GP_TEST_EARRING_HOOP,  /* a ring of wire hanging from the lobe */
} GpTestEarringShape;

typedef enum {
  GP_TEST_EARS_BOTH,
  GP_TEST_EARS_LEFT,     /* the image's left */
  GP_TEST_EARS_RIGHT,
} GpTestEars;

typedef struct {
  const char         *name;
  GpTestEarringShape  shape;
  double              rgb[3];  /* the metal's, pearl's or stone's colour, 0–255 */
  double              size;    /* in eye distances: a stud's diameter, a drop's
                                * length, a hoop's diameter */
  GpTestEars          ears;
  double              light;   /* multiplies the colour; 1 = as given */
  double              dx;      /* moved from the mark, in eye distances, */
  double              dy;      /* outwards and down */
} GpTestEarring;

/* The standard bad variants: shapes, colours, sizes, sides, lights and positions. */
const GpTestEarring  *gp_test_earrings      (guint                    *n_earrings);

void                  gp_test_earring_draw  (GpFrame                  *frame,
                                             const GpTestPortraitSpec *spec,
                                             const GpTestEarring      *earring);

G_END_DECLS
