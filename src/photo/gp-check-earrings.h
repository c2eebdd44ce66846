/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-check-colour.h"
#include "photo/gp-matte.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

double  gp_check_earrings_jewel  (const GpFrame  *photo,
                                  const GpMatte  *matte,
                                  const GpFace   *face,
                                  const GpLab    *skin);

G_END_DECLS
