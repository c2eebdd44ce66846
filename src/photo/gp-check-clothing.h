/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-matte.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

/* Clothing closer than this CIEDE2000 difference to the background blends
 * into it (pale blue on the blue, white or light grey on white). */
#define GP_CHECK_CLOTHING_DELTA_E 10.0

double  gp_check_clothing_share  (const GpFrame  *photo,
                                  const GpFrame  *original,
                                  const GpMatte  *matte,
                                  const GpFace   *face,
                                  const guint8    background[3]);

G_END_DECLS
