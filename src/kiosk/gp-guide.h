/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <cairo.h>

#include "station/gp-station.h"

G_BEGIN_DECLS

void  gp_guide_draw  (cairo_t  *cr,
                      int       width,
                      int       height,
                      int       frame_width,
                      int       frame_height,
                      GpPhase   phase);

G_END_DECLS
