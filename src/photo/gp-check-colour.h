/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

/* A colour in CIELAB (D65 white): L from 0 (black) to 100 (white). */
typedef struct {
  double l;
  double a;
  double b;
} GpLab;

void    gp_check_colour_to_lab   (const guint8  rgb[3],
                                  GpLab        *lab);
double  gp_check_colour_delta_e  (const GpLab  *x,
                                  const GpLab  *y);

/* A pixel this close (CIEDE2000) to the cheeks' colour is skin: foreheads
 * and ears are often lighter or redder than cheeks, hair is much further. */
#define GP_CHECK_SKIN_DELTA_E 20.0

/* Whether @photo's pixel at (@x, @y) is within @delta_e of @lab. */
gboolean gp_check_colour_near    (const GpFrame *photo,
                                  int            x,
                                  int            y,
                                  const GpLab   *lab,
                                  double         delta_e);

/* The cheeks' median colour in @photo: below the eyes, beside the nose,
 * above the mouth, where neither hair nor glasses are. */
void    gp_check_colour_cheeks   (const GpFrame *photo,
                                  const GpFace  *face,
                                  GpLab         *skin);

G_END_DECLS
