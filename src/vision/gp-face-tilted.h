/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face-detector.h"

G_BEGIN_DECLS

GArray  *gp_face_detect_tilted  (GpFaceDetector  *detector,
                                 const GpFrame   *frame,
                                 double           degrees,
                                 GError         **error);

G_END_DECLS
