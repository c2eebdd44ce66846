/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

GpFrame  *gp_image_load  (const char  *path,
                          gsize       *file_size,
                          GError     **error);

G_END_DECLS
