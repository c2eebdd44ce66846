/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "camera/gp-frame-source.h"
#include "station/gp-station.h"

G_BEGIN_DECLS

gboolean  gp_demo_student_attach  (GpStation      *station,
                                   GpFrameSource  *source,
                                   const char     *portrait_path,
                                   const char     *mask_path,
                                   GError        **error);

G_END_DECLS
