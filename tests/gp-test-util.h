/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

void      gp_test_remove_tree  (const char  *path);
gboolean  gp_test_run_tool     (char       **out,
                                const char  *package,
                                const char  *tool,
                                ...) G_GNUC_NULL_TERMINATED;

/* The first value @sql gives on the database file at @path, read with
 * plain SQLite behind the store's back; NULL when there is no row. */
char     *gp_test_sql_value    (const char  *path,
                                const char  *sql);
void      gp_test_assert_sql   (const char  *path,
                                const char  *sql,
                                const char  *expected);

/* The file at @path holds exactly @expected. */
void      gp_test_assert_file_text (const char  *path,
                                    const char  *expected);

/* Saves an approved capture of roster student @student_no at station
 * @station under @photos_dir; its photo and original are @contents after
 * a JPEG's first bytes. Returns the capture id. */
gint64    gp_test_capture      (GpStore     *store,
                                const char  *photos_dir,
                                const char  *student_no,
                                const char  *station,
                                const char  *contents);
/* The same with the checks' JSON (@checks, an approval when it says
 * "passed": true) and the photographer of your choice. */
gint64    gp_test_capture_checked (GpStore     *store,
                                   const char  *photos_dir,
                                   const char  *student_no,
                                   const char  *station,
                                   const char  *operator_name,
                                   const char  *checks,
                                   const char  *contents);

G_END_DECLS
