/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *gp_checks_to_json  (GArray     *checks,
                           gboolean    passed,
                           const char *profile);

G_END_DECLS
