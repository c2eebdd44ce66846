/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A small RFC 4180 CSV tokenizer that keeps track of physical line numbers. */
#define G_LOG_DOMAIN "gp-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-csv.h"

struct _GpCsvReader
{
  const char *pos;
  char        delimiter;
  guint       line;
};

G_DEFINE_QUARK (gp-csv-error-quark, gp_csv_error)

GpCsvReader *
gp_csv_reader_new (const char *text,
                   char        delimiter)
{
  GpCsvReader *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r', NULL);

  self = g_new0 (GpCsvReader, 1);
  self->pos = text;
  self->delimiter = delimiter;
  self->line = 1;
  return self;
}

void
gp_csv_reader_free (GpCsvReader *reader)
{
  g_free (reader);
}

/* Length of the line break at @p (CRLF, LF or a lone CR), 0 if none. */
static int
line_break_length (const char *p)
{
  if (p[0] == '\r' && p[1] == '\n')
    return 2;
  if (p[0] == '\n' || p[0] == '\r')
    return 1;
  return 0;
}

static gboolean
only_spaces (const GString *s)
{
  gsize i;

  for (i = 0; i < s->len; i++)
    if (s->str[i] != ' ' && s->str[i] != '\t')
      return FALSE;
  return TRUE;
}

gboolean
gp_csv_reader_next (GpCsvReader   *self,
                    char        ***fields,
                    guint         *line,
                    GError       **error)
{
  g_autoptr(GPtrArray) row = NULL;
  g_autoptr(GString) field = NULL;
  const char *p;
  guint start_line, quote_line = 0;
  gboolean in_quotes = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;
  p = self->pos;
  if (*p == '\0')
    return FALSE;

  start_line = self->line;
  row = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  for (;;)
    {
      int brk = line_break_length (p);

      if (in_quotes)
        {
          if (*p == '\0')
            {
              g_set_error (error, GP_CSV_ERROR, GP_CSV_ERROR_UNCLOSED_QUOTE,
                           _("The quotation mark opened on line %u is never closed. "
                             "Open the file in a spreadsheet, check that line and save it as CSV again."),
                           quote_line);
              return FALSE;
            }
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (*p == '"')
            {
              in_quotes = FALSE;
              p++;
            }
          else if (brk > 0)
            {
              g_string_append_c (field, '\n');
              self->line++;
              p += brk;
            }
          else
            g_string_append_c (field, *p++);
          continue;
        }

      /* Spreadsheets sometimes pad before the opening quote; a quote later in
       * an unquoted field is kept literally rather than refusing the file. */
      if (*p == '"' && only_spaces (field))
        {
          g_string_truncate (field, 0);
          in_quotes = TRUE;
          quote_line = self->line;
          p++;
        }
      else if (*p == self->delimiter)
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\0' || brk > 0)
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          if (brk > 0)
            self->line++;
          p += brk;
          break;
        }
      else
        g_string_append_c (field, *p++);
    }

  self->pos = p;
  if (line != NULL)
    *line = start_line;
  g_ptr_array_add (row, NULL);
  *fields = (char **) g_ptr_array_free (g_steal_pointer (&row), FALSE);
  return TRUE;
}
