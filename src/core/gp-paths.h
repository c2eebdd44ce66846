/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         gp_paths_set_data_dir  (const char *dir);
const char  *gp_paths_get_data_dir  (void);
char        *gp_paths_database      (void);
char        *gp_paths_photos_dir    (void);
char        *gp_paths_sheets_dir    (void);
char        *gp_paths_sheet         (const char *stem,
                                     const char *layout_name);

G_END_DECLS
