/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* The distinct colleges of the students of @batch (NULL: of every
 * student), sorted; an empty list when the roster names none. */
char        **gp_store_list_colleges        (GpStore      *store,
                                             const char   *batch,
                                             GError      **error);

/* The college of @colleges that reads most like @name: the one sharing the
 * most of its characters in order, then the one fewest edits away; NULL
 * when @colleges is empty. */
const char   *gp_college_closest            (const char   *name,
                                             char        **colleges);

/* Refuses a time slot (GpCollegeSlot) for a college that is none of
 * @colleges, naming the roster's colleges and the closest one. Anything
 * goes while @colleges is empty: no roster to check against yet. */
gboolean      gp_time_slots_check_colleges  (GPtrArray    *slots,
                                             char        **colleges,
                                             GError      **error);

G_END_DECLS
