/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

#define GP_REPORT_ERROR (gp_report_error_quark ())

typedef enum
{
  GP_REPORT_ERROR_FORMAT,
  GP_REPORT_ERROR_WRITE,
} GpReportError;

GQuark gp_report_error_quark (void);

/* Writes the progress report: per college and class the roster against
 * the photographed and approved students, then every student not
 * photographed yet. @path ends in .csv (UTF-8 with BOM, the two tables one
 * after the other) or .xlsx (one sheet each). */
gboolean  gp_report_write  (GpStore     *store,
                            const char  *path,
                            GError     **error);

G_END_DECLS
