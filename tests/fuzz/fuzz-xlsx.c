/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* An .xlsx workbook (a zip of XML parts) as staff bring it. */
#include "config.h"

#include "store/gp-xlsx.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gp_xlsx_read_rows (bytes, &error);

  g_assert ((rows == NULL) == (error != NULL));
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GpXlsxRow *row = g_ptr_array_index (rows, i);

      for (guint j = 0; row->cells[j] != NULL; j++)
        g_assert (g_utf8_validate (row->cells[j], -1, NULL));
    }
  return 0;
}
