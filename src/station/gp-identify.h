/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* Who a scanned code is for, and what the photographer must know first. */
typedef struct {
  GpStudent  *student;            /* NULL: refused, nothing may be recorded */
  int         previous_captures;
  char       *notice;             /* NULL when there is nothing to say */
  gboolean    is_error;
  gboolean    unpaid;             /* the batch records payment; this student has not paid */
} GpIdentification;

void              gp_identification_free (GpIdentification *identification);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpIdentification, gp_identification_free)

/* Matches @code against the roster (the 采集码, then a 学号 the payload
 * carries). With @batch_id > 0 a student of another batch is refused.
 * A student outside their time slot at @now, or photographed before, is
 * identified with a warning. */
GpIdentification *gp_identify            (GpStore          *store,
                                          const char       *code,
                                          gint64            batch_id,
                                          GDateTime        *now);

G_END_DECLS
