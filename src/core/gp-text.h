/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *gp_text_mask_name     (const char   *name);
char  *gp_text_from_bytes    (const guint8 *data,
                              gsize         length,
                              const char  **encoding);

G_END_DECLS
