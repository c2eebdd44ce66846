/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* A student who is not on the roster, added at the station. */
typedef struct {
  const char  *student_no;
  const char  *name;
  const char  *college;
  const char  *class_name;
  const char  *id_last4;   /* optional */
  const char  *batch;      /* NULL or "": the default batch */
} GpWalkIn;

/* Adds @walk_in flagged as a walk-in, for the school to check, audited with
 * @actor. Refuses a 学号 the roster already has. Returns the student's id,
 * or -1 with @error saying what to fix. */
gint64  gp_store_add_walk_in  (GpStore         *self,
                               const GpWalkIn  *walk_in,
                               const char      *actor,
                               GError         **error);

G_END_DECLS
