/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* The whole event as one store: every station's rows pulled from @server
 * into a new database in a temporary folder (@dir), photos included, with
 * `merge`'s rules, so the staff commands run their usual code on it. The
 * caller removes @dir with gp_sync_remove_dir() when done. */
GpStore  *gp_sync_open_event  (const char  *server,
                               char       **dir,
                               GError     **error);

/* Removes @path and everything under it. */
void      gp_sync_remove_dir  (const char  *path);

G_END_DECLS
