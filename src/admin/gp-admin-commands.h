/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each subcommand parses its own options and returns the exit status. */
int  gp_admin_batch          (int    argc,
                              char **argv);
int  gp_admin_capture        (int    argc,
                              char **argv);
int  gp_admin_history        (int    argc,
                              char **argv);
int  gp_admin_import_roster  (int    argc,
                              char **argv);
int  gp_admin_status         (int    argc,
                              char **argv);
int  gp_admin_verify         (int    argc,
                              char **argv);
int  gp_admin_print          (int    argc,
                              char **argv);
int  gp_admin_printers       (int    argc,
                              char **argv);
int  gp_admin_jobs           (int    argc,
                              char **argv);
int  gp_admin_cancel         (int    argc,
                              char **argv);
int  gp_admin_reprint        (int    argc,
                              char **argv);
int  gp_admin_scan           (int    argc,
                              char **argv);
int  gp_admin_export         (int    argc,
                              char **argv);
int  gp_admin_report         (int    argc,
                              char **argv);
int  gp_admin_merge          (int    argc,
                              char **argv);
int  gp_admin_approve        (int    argc,
                              char **argv);
int  gp_admin_reject         (int    argc,
                              char **argv);
int  gp_admin_standardize    (int    argc,
                              char **argv);
int  gp_admin_check          (int    argc,
                              char **argv);
int  gp_admin_review_list    (int    argc,
                              char **argv);
int  gp_admin_callback       (int    argc,
                              char **argv);
int  gp_admin_staff_pin      (int    argc,
                              char **argv);

int  gp_admin_identify       (int    argc,
                              char **argv);
int  gp_admin_server         (int    argc,
                              char **argv);
int  gp_admin_sync           (int    argc,
                              char **argv);

G_END_DECLS
