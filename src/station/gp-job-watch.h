/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

#define GP_TYPE_JOB_WATCH (gp_job_watch_get_type ())
G_DECLARE_FINAL_TYPE (GpJobWatch, gp_job_watch, GP, JOB_WATCH, GObject)

/* Asks CUPS about @job_id on @printer every second until the job is over,
 * records each state it sees in @store, and emits ::notice (text, is-error)
 * with what the photographer should know. */
GpJobWatch  *gp_job_watch_new   (GpStore     *store,
                                 const char  *printer,
                                 int          job_id);
/* No more questions and no more ::notice; a question under way is dropped. */
void         gp_job_watch_stop  (GpJobWatch  *self);

G_END_DECLS
