/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <cairo.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

cairo_surface_t  *gp_frame_to_cairo    (const GpFrame   *frame);
GpFrame          *gp_frame_from_cairo  (cairo_surface_t *surface);

G_END_DECLS
