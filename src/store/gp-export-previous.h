/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What an earlier export left in a folder, from its manifest.csv: each
 * file's name and SHA-256, so a new export may replace the files it wrote
 * itself and nothing else. An empty table when there is no readable
 * manifest. */
GHashTable  *gp_export_previous_read  (const char  *out_dir);

/* Whether @path, listed as @name, is a file an earlier export wrote and
 * that nobody has changed since: its bytes still have the listed SHA-256. */
gboolean     gp_export_previous_owns  (GHashTable  *previous,
                                       const char  *name,
                                       const char  *path);

G_END_DECLS
