/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A small reader of .xlsx workbooks: libzip for the package, GMarkup for
 * the XML parts. Only what a roster needs: the first sheet's cell values. */
#define G_LOG_DOMAIN "gp-xlsx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "store/gp-xlsx.h"

/* A roster part far beyond this is a damaged or hostile file. */
#define MAX_PART_SIZE (256u * 1024 * 1024)
/* Rows are arrays up to their last value, so one value in column XFD on
 * every row would cost 16 384 cells a row; a roster has a few dozen columns. */
#define MAX_COLUMNS 256

G_DEFINE_QUARK (gp-xlsx-error-quark, gp_xlsx_error)

void
gp_xlsx_row_free (GpXlsxRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->cells);
  g_free (row);
}

static gboolean
set_damaged (GError     **error,
             const char  *part,
             const char  *reason)
{
  g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_DAMAGED,
               /* Translators: a part of the workbook such as xl/sharedStrings.xml, then the reason */
               _("The workbook is damaged (%s: %s). Open it in the spreadsheet and save it again as .xlsx."),
               part, reason);
  return FALSE;
}

/* NULL without error when the part does not exist. */
static char *
read_part (zip_t       *zip,
           const char  *name,
           gsize       *length,
           GError     **error)
{
  zip_int64_t index = zip_name_locate (zip, name, 0);
  zip_stat_t st;
  zip_file_t *file;
  g_autofree char *data = NULL;
  zip_uint64_t done = 0;

  if (index < 0)
    return NULL;
  if (zip_stat_index (zip, (zip_uint64_t) index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    {
      set_damaged (error, name, zip_strerror (zip));
      return NULL;
    }
  if (st.size > MAX_PART_SIZE)
    {
      g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_TOO_LARGE,
                   _("The workbook is too large to be a roster (%s). Save the roster alone in a new workbook."),
                   name);
      return NULL;
    }
  file = zip_fopen_index (zip, (zip_uint64_t) index, 0);
  if (file == NULL)
    {
      set_damaged (error, name, zip_strerror (zip));
      return NULL;
    }
  data = g_malloc (st.size + 1);
  while (done < st.size)
    {
      zip_int64_t n = zip_fread (file, data + done, st.size - done);

      if (n <= 0)
        {
          set_damaged (error, name, zip_file_strerror (file));
          zip_fclose (file);
          return NULL;
        }
      done += (zip_uint64_t) n;
    }
  zip_fclose (file);
  data[st.size] = '\0';
  *length = st.size;
  return g_steal_pointer (&data);
}

/* Element names without a namespace prefix ("x:row" → "row"). */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
attribute (const char  **names,
           const char  **values,
           const char   *wanted)
{
  guint i;

  for (i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], wanted))
      return values[i];
  return NULL;
}

/* Excel writes control characters as _xHHHH_ (a carriage return is _x000D_). */
static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar) g_ascii_strtoull (p + 2, NULL, 16);

          /* _x0000_ would end the string and _xD800_ is no character:
           * U+FFFD makes the roster refuse the row instead. */
          if (c == 0 || !g_unichar_validate (c))
            c = 0xFFFD;
          if (c != '\r')
            g_string_append_unichar (out, c);
          p += 7;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_part (const char           *text,
            gsize                 length,
            const GMarkupParser  *parser,
            gpointer              user_data,
            const char           *part,
            GError              **error)
{
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (parser, 0, user_data, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!g_markup_parse_context_parse (context, text, (gssize) length, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      /* Our own callbacks' errors already say what is wrong and what to do. */
      if (local_error->domain == GP_XLSX_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return set_damaged (error, part, local_error->message);
    }
  return TRUE;
}

/* ---- shared strings ---------------------------------------------------- */

typedef struct
{
  GPtrArray *strings;
  GString   *current;
  gboolean   in_si;
  guint      phonetic_depth;  /* inside <rPh>: furigana, not the value */
} SharedStrings;

static void
shared_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SharedStrings *ss = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      ss->in_si = TRUE;
      g_string_truncate (ss->current, 0);
    }
  else if (g_str_equal (name, "rPh"))
    ss->phonetic_depth++;
}

static void
shared_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SharedStrings *ss = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      ss->in_si = FALSE;
      g_ptr_array_add (ss->strings, unescape_text (ss->current->str));
    }
  else if (g_str_equal (name, "rPh") && ss->phonetic_depth > 0)
    ss->phonetic_depth--;
}

static void
shared_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SharedStrings *ss = user_data;

  if (ss->in_si && ss->phonetic_depth == 0
      && g_str_equal (local_name (g_markup_parse_context_get_element (context)), "t"))
    g_string_append_len (ss->current, text, (gssize) length);
}

/* ---- the worksheet ----------------------------------------------------- */

typedef struct
{
  GPtrArray   *shared;
  GPtrArray   *rows;
  GPtrArray   *cells;       /* the current row's values, "" for gaps */
  guint        row;
  guint        next_row;
  guint        column;      /* of the current cell, 0-based */
  char        *type;
  GString     *value;       /* <v> */
  GString     *inline_text; /* <is><t> */
  gboolean     in_cell;
  GError      *error;
} Sheet;

/* "AB12" → column 27 (0-based), row 12; FALSE when @ref is not A1 style. */
static gboolean
parse_reference (const char *ref,
                 guint      *column,
                 guint      *row)
{
  guint c = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 16384)
        return FALSE;
      p++;
    }
  if (p == ref)
    return FALSE;
  *column = c - 1;
  if (row != NULL)
    *row = (guint) g_ascii_strtoull (p, NULL, 10);
  return TRUE;
}

/* Numbers are kept as the digits they hold: 2110216050, not 2.11021605E9;
 * a fraction keeps up to 15 significant digits, as the spreadsheet shows. */
static char *
format_number (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == text || *end != '\0' || !isfinite (value))
    return g_strdup (text);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  Sheet *sheet = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "row"))
    {
      const char *r = attribute (names, values, "r");

      sheet->row = r != NULL ? (guint) g_ascii_strtoull (r, NULL, 10) : sheet->next_row;
      sheet->next_row = sheet->row + 1;
      g_ptr_array_set_size (sheet->cells, 0);
    }
  else if (g_str_equal (name, "c"))
    {
      const char *r = attribute (names, values, "r");
      guint column;

      if (r == NULL || !parse_reference (r, &column, NULL))
        column = sheet->cells->len;
      sheet->column = column;
      g_free (sheet->type);
      sheet->type = g_strdup (attribute (names, values, "t"));
      g_string_truncate (sheet->value, 0);
      g_string_truncate (sheet->inline_text, 0);
      sheet->in_cell = TRUE;
    }
}

static char *
cell_value (Sheet *sheet)
{
  const char *type = sheet->type != NULL ? sheet->type : "n";

  if (g_str_equal (type, "s"))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (sheet->value->str, &end, 10);

      if (end == sheet->value->str || index >= sheet->shared->len)
        return NULL;
      return g_strdup (g_ptr_array_index (sheet->shared, index));
    }
  if (g_str_equal (type, "inlineStr"))
    return unescape_text (sheet->inline_text->str);
  if (g_str_equal (type, "n"))
    return sheet->value->len > 0 ? format_number (sheet->value->str) : g_strdup ("");
  return unescape_text (sheet->value->str);
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  Sheet *sheet = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "c") && sheet->in_cell)
    {
      char *value = cell_value (sheet);

      sheet->in_cell = FALSE;
      if (value == NULL)
        {
          g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_DAMAGED,
                       _("The workbook is damaged (row %u refers to a text that is not there). "
                         "Open it in the spreadsheet and save it again as .xlsx."),
                       sheet->row);
          return;
        }
      /* A styled cell without a value makes no room for itself. */
      if (*value == '\0')
        {
          g_free (value);
          return;
        }
      if (sheet->column >= MAX_COLUMNS)
        {
          g_free (value);
          g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_TOO_LARGE,
                       _("Row %u of the workbook has a value beyond the first %u columns, more than a roster "
                         "has. Delete what is far to the right, or copy the roster alone into a new workbook."),
                       sheet->row, (guint) MAX_COLUMNS);
          return;
        }
      while (sheet->cells->len < sheet->column)
        g_ptr_array_add (sheet->cells, g_strdup (""));
      if (sheet->cells->len == sheet->column)
        g_ptr_array_add (sheet->cells, value);
      else
        {
          g_free (g_ptr_array_index (sheet->cells, sheet->column));
          g_ptr_array_index (sheet->cells, sheet->column) = value;
        }
    }
  else if (g_str_equal (name, "row"))
    {
      GpXlsxRow *row;
      guint i;
      gboolean any = FALSE;

      for (i = 0; i < sheet->cells->len && !any; i++)
        any = *(const char *) g_ptr_array_index (sheet->cells, i) != '\0';
      if (!any)
        return;
      row = g_new0 (GpXlsxRow, 1);
      row->row = sheet->row;
      row->cells = g_new0 (char *, sheet->cells->len + 1);
      for (i = 0; i < sheet->cells->len; i++)
        row->cells[i] = g_steal_pointer (&g_ptr_array_index (sheet->cells, i));
      g_ptr_array_set_size (sheet->cells, 0);
      g_ptr_array_add (sheet->rows, row);
    }
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              user_data,
            GError              **error)
{
  Sheet *sheet = user_data;
  const GSList *stack;
  const char *name;

  if (!sheet->in_cell)
    return;
  name = local_name (g_markup_parse_context_get_element (context));
  if (g_str_equal (name, "v"))
    g_string_append_len (sheet->value, text, (gssize) length);
  else if (g_str_equal (name, "t"))
    {
      /* Inline strings: <is><t>…</t></is> or <is><r><t>…</t></r></is>, not <rPh>. */
      for (stack = g_markup_parse_context_get_element_stack (context); stack != NULL; stack = stack->next)
        if (g_str_equal (local_name (stack->data), "rPh"))
          return;
      g_string_append_len (sheet->inline_text, text, (gssize) length);
    }
}

/* ---- the package ------------------------------------------------------- */

typedef struct
{
  char *first_sheet_id;
  char *target;
  const char *wanted_id;
} Workbook;

static void
workbook_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Workbook *wb = user_data;
  const char *name = local_name (element);
  guint i;

  if (g_str_equal (name, "sheet") && wb->first_sheet_id == NULL)
    {
      for (i = 0; names[i] != NULL; i++)
        if (g_str_equal (local_name (names[i]), "id") && strchr (names[i], ':') != NULL)
          wb->first_sheet_id = g_strdup (values[i]);
    }
  else if (g_str_equal (name, "Relationship") && wb->wanted_id != NULL && wb->target == NULL
           && g_strcmp0 (attribute (names, values, "Id"), wb->wanted_id) == 0)
    wb->target = g_strdup (attribute (names, values, "Target"));
}

/* The first sheet in the workbook's order, through its relationship. */
static char *
first_sheet_part (zip_t   *zip,
                  GError **error)
{
  static const GMarkupParser parser = { workbook_start, NULL, NULL, NULL, NULL };
  Workbook wb = { NULL, NULL, NULL };
  g_autofree char *workbook = NULL;
  g_autofree char *rels = NULL;
  gsize length = 0;
  char *part = NULL;

  workbook = read_part (zip, "xl/workbook.xml", &length, error);
  if (workbook == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_NOT_A_WORKBOOK,
                     _("The file is not an .xlsx workbook. Save the roster from the spreadsheet as .xlsx or as “CSV UTF-8”."));
      return NULL;
    }
  if (!parse_part (workbook, length, &parser, &wb, "xl/workbook.xml", error))
    goto out;
  if (wb.first_sheet_id != NULL)
    {
      rels = read_part (zip, "xl/_rels/workbook.xml.rels", &length, error);
      if (rels == NULL && error != NULL && *error != NULL)
        goto out;
      wb.wanted_id = wb.first_sheet_id;
      if (rels != NULL && !parse_part (rels, length, &parser, &wb, "xl/_rels/workbook.xml.rels", error))
        goto out;
    }
  if (wb.target == NULL)
    part = g_strdup ("xl/worksheets/sheet1.xml");
  else if (wb.target[0] == '/')
    part = g_strdup (wb.target + 1);
  else
    part = g_strconcat ("xl/", wb.target, NULL);

out:
  g_free (wb.first_sheet_id);
  g_free (wb.target);
  return part;
}

GPtrArray *
gp_xlsx_read_rows (GBytes  *workbook,
                   GError **error)
{
  static const GMarkupParser shared_parser = { shared_start, shared_end, shared_text, NULL, NULL };
  static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_xlsx_row_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  g_autofree char *part = NULL;
  g_autofree char *text = NULL;
  zip_source_t *source;
  zip_error_t zerror;
  zip_t *zip;
  SharedStrings ss = { shared, current, FALSE, 0 };
  Sheet sheet = { shared, rows, cells, 0, 1, 0, NULL, value, inline_text, FALSE, NULL };
  gboolean ok = FALSE;
  gsize length = 0;

  g_return_val_if_fail (workbook != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zip_error_init (&zerror);
  source = zip_source_buffer_create (g_bytes_get_data (workbook, NULL), g_bytes_get_size (workbook), 0, &zerror);
  zip = source != NULL ? zip_open_from_source (source, ZIP_RDONLY, &zerror) : NULL;
  if (zip == NULL)
    {
      if (source != NULL)
        zip_source_free (source);
      g_set_error (error, GP_XLSX_ERROR, GP_XLSX_ERROR_NOT_A_WORKBOOK,
                   /* Translators: %s is libzip's reason */
                   _("The file is not a readable .xlsx workbook (%s). Save the roster from the spreadsheet as .xlsx or as “CSV UTF-8”."),
                   zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      return NULL;
    }
  zip_error_fini (&zerror);

  text = read_part (zip, "xl/sharedStrings.xml", &length, error);
  if (text == NULL && error != NULL && *error != NULL)
    goto out;
  if (text != NULL && !parse_part (text, length, &shared_parser, &ss, "xl/sharedStrings.xml", error))
    goto out;
  g_clear_pointer (&text, g_free);

  part = first_sheet_part (zip, error);
  if (part == NULL)
    goto out;
  text = read_part (zip, part, &length, error);
  if (text == NULL)
    {
      if (error != NULL && *error == NULL)
        set_damaged (error, part, _("the worksheet is missing"));
      goto out;
    }
  ok = parse_part (text, length, &sheet_parser, &sheet, part, error);

out:
  g_free (sheet.type);
  zip_discard (zip);
  return ok ? g_steal_pointer (&rows) : NULL;
}
