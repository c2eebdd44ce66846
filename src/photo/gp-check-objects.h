/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "photo/gp-matte.h"

G_BEGIN_DECLS

double  gp_check_objects_share  (const GpMatte    *matte,
                                 const GpEllipse  *face);

G_END_DECLS
