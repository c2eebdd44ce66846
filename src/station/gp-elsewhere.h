/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* What the photographer must know when a student was photographed at
 * another station (known here through the event server): where, when and
 * where they stand, e.g. "已在 201 教室拍摄 (10:32)，已完成。". NULL with no
 * error set when every photo of the student was taken at @station (or
 * there is none). */
char  *gp_elsewhere_notice  (GpStore     *store,
                             gint64       student_id,
                             const char  *station,
                             GError     **error);

G_END_DECLS
