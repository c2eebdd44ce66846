/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gst/gst.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

GpFrame  *gp_sample_luma  (GstSample  *sample);

G_END_DECLS
