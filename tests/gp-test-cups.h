/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file the private cupsd's backend wrote for @job_id (tests/private-cupsd). */
char     *gp_test_cups_job_file  (const char  *cupsd_dir,
                                  int          job_id);

/* Waits up to @seconds until CUPS job @job_id on @printer is in @want_state
 * (an ipp_jstate_t). Gives up at once when the job is stopped, cancelled or
 * aborted, or the printer is stopped, unless that is what is wanted: the
 * error then says the job's state and the printer's message. Asks CUPS
 * itself (libcups), not the code under test. */
gboolean  gp_test_cups_wait_job  (const char  *printer,
                                  int          job_id,
                                  int          want_state,
                                  double       seconds,
                                  GError     **error);

G_END_DECLS
