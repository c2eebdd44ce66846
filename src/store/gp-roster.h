/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

#define GP_ROSTER_ERROR (gp_roster_error_quark ())

typedef enum
{
  GP_ROSTER_ERROR_EMPTY,
  GP_ROSTER_ERROR_ENCODING,
  GP_ROSTER_ERROR_NO_HEADER,
  GP_ROSTER_ERROR_MISSING_COLUMN,
} GpRosterError;

GQuark gp_roster_error_quark (void);

typedef struct
{
  guint      rows;      /* data rows read, good and bad */
  guint      inserted;
  guint      updated;
  GPtrArray *problems;  /* char *, e.g. "line 7: missing 学号" */
} GpRosterReport;

void            gp_roster_report_free  (GpRosterReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpRosterReport, gp_roster_report_free)

/* Imports a CSV roster (UTF-8 with or without BOM, or GBK/GB18030; comma,
 * semicolon or tab) or an .xlsx workbook's first sheet. Bad rows land in
 * the report's problems and the good ones are saved in one transaction. */
GpRosterReport *gp_roster_import_file  (GpStore         *store,
                                        const char      *path,
                                        GError         **error);
GpRosterReport *gp_roster_import_bytes (GpStore         *store,
                                        GBytes          *bytes,
                                        GError         **error);
/* The same into the batch @batch_name (created when new; NULL: the default
 * batch). Full ID numbers are kept only when the batch's export naming
 * uses {id_number}; otherwise only their last 4 characters. */
GpRosterReport *gp_roster_import_file_to_batch  (GpStore     *store,
                                                 const char  *path,
                                                 const char  *batch_name,
                                                 GError     **error);
GpRosterReport *gp_roster_import_bytes_to_batch (GpStore     *store,
                                                 GBytes      *bytes,
                                                 const char  *batch_name,
                                                 GError     **error);

G_END_DECLS
