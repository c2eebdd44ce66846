/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_CSV_ERROR (gp_csv_error_quark ())

typedef enum
{
  GP_CSV_ERROR_UNCLOSED_QUOTE,
} GpCsvError;

GQuark gp_csv_error_quark (void);

typedef struct _GpCsvReader GpCsvReader;

/* Borrows @text (UTF-8, NUL-terminated), which must outlive the reader. */
GpCsvReader *gp_csv_reader_new  (const char   *text,
                                 char          delimiter);
void         gp_csv_reader_free (GpCsvReader  *reader);

/* Reads one RFC 4180 record. TRUE with @fields (free with g_strfreev) and
 * the 1-based physical line the record starts on; FALSE at the end, or
 * with @error set for a quote that is never closed. */
gboolean     gp_csv_reader_next (GpCsvReader  *reader,
                                 char       ***fields,
                                 guint        *line,
                                 GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpCsvReader, gp_csv_reader_free)

G_END_DECLS
