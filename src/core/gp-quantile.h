/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @values (doubles) in place and returns the one at @share of the way
 * up (0.5: the median, taken from above for an even count); NAN when empty. */
double  gp_quantile  (GArray  *values,
                      double   share);

G_END_DECLS
