/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  renamed;  /* files renamed into the data dir */
  guint  folders;  /* folders made in it */
  guint  commits;  /* synced database commits that followed them */
} GpTestSyncCounts;

/* Reads the log gp-syscall-recorder.so wrote while captures were saved
 * under @data_dir, whose database writes its WAL to @wal_path, and returns
 * what a power cut could lose, one sentence each naming the file (empty
 * when nothing): data renamed before it was fsynced, a rename or a new
 * folder whose directory was not fsynced before the next database commit,
 * a commit whose WAL was not fsynced. */
GPtrArray  *gp_test_sync_order_problems  (const char        *log_path,
                                          const char        *data_dir,
                                          const char        *wal_path,
                                          GpTestSyncCounts  *counts);

G_END_DECLS
