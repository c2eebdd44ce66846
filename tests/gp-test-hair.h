/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

#include "gp-test-portrait.h"

G_BEGIN_DECLS

/* Paints a fringe of hair of colour @rgb over the forehead of a composite of
 * @spec, placed from the hand-marked brows: its ragged lower edge @depth eye
 * distances below the line through the brows' arch tops (0.15 covers the
 * brows, negative ends above them). */
void  gp_test_fringe_draw  (GpFrame                  *frame,
                            const GpTestPortraitSpec *spec,
                            double                    depth,
                            const double              rgb[3]);

/* Paints locks of hair of colour @rgb over both ears of a composite of
 * @spec, placed from the hand-marked face outline: from above the eyes
 * down to the nose's base, from just inside the outline outwards. */
void  gp_test_side_locks_draw  (GpFrame                  *frame,
                                const GpTestPortraitSpec *spec,
                                const double              rgb[3]);

G_END_DECLS
