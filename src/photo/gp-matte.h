/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

/* Where the face is, roughly: an ellipse from the landmarks. The matte
 * keeps the person connected to it and takes no backdrop samples in it. */
typedef struct {
  double  x;
  double  y;
  double  rx;
  double  ry;
} GpEllipse;

/* The person separated from a cloth backdrop. */
typedef struct {
  GpFrame  *alpha;      /* GRAY, 255 = person, soft at hair and edges */
  double    field[3][6];  /* the backdrop’s colour, a quadratic in x and y */
  double    noise;      /* the backdrop's typical deviation from the field */
  guint     samples;    /* backdrop samples the field was fitted to */
} GpMatte;

GpMatte  *gp_matte_new         (const GpFrame    *frame,
                                const GpEllipse  *face);
void      gp_matte_free        (GpMatte          *matte);
void      gp_matte_backdrop_at (const GpMatte    *matte,
                                double            x,
                                double            y,
                                double            rgb[3]);
int       gp_matte_head_top    (const GpMatte    *matte,
                                const GpEllipse  *face);
GpFrame  *gp_matte_composite   (const GpMatte    *matte,
                                const GpFrame    *frame,
                                const guint8      background[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpMatte, gp_matte_free)

G_END_DECLS
