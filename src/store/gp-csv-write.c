/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Cells of the CSV files staff open in Excel or WPS (manifest.csv,
 * report.csv): RFC 4180 quoting, and text that a spreadsheet would run as
 * a formula kept as text. */
#define G_LOG_DOMAIN "gp-csv-write"

#include "config.h"

#include <string.h>

#include "store/gp-csv-write.h"

/* A roster name such as =HYPERLINK(…) becomes a live formula when the
 * file is opened; a leading apostrophe makes the spreadsheet show it as
 * the text it is (OWASP's advice for CSV injection). */
static gboolean
starts_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

/* Appends @value (NULL: empty) as one cell, without a separator. */
void
gp_csv_write_cell (GString    *out,
                   const char *value)
{
  gboolean formula;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    value = "";
  formula = starts_formula (value);
  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
