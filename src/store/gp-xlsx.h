/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_XLSX_ERROR (gp_xlsx_error_quark ())

typedef enum
{
  GP_XLSX_ERROR_NOT_A_WORKBOOK,
  GP_XLSX_ERROR_DAMAGED,
  GP_XLSX_ERROR_TOO_LARGE,
} GpXlsxError;

GQuark gp_xlsx_error_quark (void);

/* One row of a worksheet: @row is its 1-based number as the spreadsheet
 * shows it; @cells (NULL-terminated) has "" for empty cells before the last. */
typedef struct
{
  guint   row;
  char  **cells;
} GpXlsxRow;

void        gp_xlsx_row_free   (GpXlsxRow  *row);

/* Reads the first worksheet of an Office Open XML workbook (.xlsx): shared
 * and inline strings as text, numbers as the digits they hold (an integer
 * such as 2110216050 never turns into 2.11021605E9). Returns GpXlsxRow *s
 * in sheet order, rows without any value left out. */
GPtrArray  *gp_xlsx_read_rows  (GBytes     *workbook,
                                GError    **error);

G_END_DECLS
