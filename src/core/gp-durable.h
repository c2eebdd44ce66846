/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_DURABLE_ERROR (gp_durable_error_quark ())

/* Private by default: a station's files are students' faces, names and ID
 * numbers. Folders are made 0700 and files 0600, whatever the umask. */
#define GP_DURABLE_DIR_MODE  0700
#define GP_DURABLE_FILE_MODE 0600

GQuark    gp_durable_error_quark     (void);

gboolean  gp_durable_write           (const char    *path,
                                      const guint8  *data,
                                      gsize          length,
                                      GError       **error);
/* A new temp file in dir (named as reconciliation expects) holding data,
 * fsynced and closed, for the caller to rename: its path, or NULL. */
char     *gp_durable_write_temp      (const char    *dir,
                                      const guint8  *data,
                                      gsize          length,
                                      GError       **error);
gboolean  gp_durable_fsync_directory (const char    *dir,
                                      GError       **error);
/* For files another library wrote (SQLite, libzip, libxlsxwriter): 0600. */
gboolean  gp_durable_make_private    (const char    *path,
                                      GError       **error);

G_END_DECLS
