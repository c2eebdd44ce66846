/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* One way in for every code, read from a QR code, typed by a keyboard-wedge
 * scanner or by the photographer: the same limits, then the same
 * normalisation, so " 2026000104 " and "２０２６０００１０４" are the same 学号. */
#define G_LOG_DOMAIN "gp-code"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/gp-text.h"
#include "scan/gp-code.h"

G_DEFINE_QUARK (gp-code-error-quark, gp_code_error)

#define CONTROL_PROBLEM N_("This code contains control characters such as tabs or line breaks, so it is not " \
                           "a collection code. Ask the student to open the image collection code on the CHSI website.")

static gboolean
too_long (gsize    length,
          GError **error)
{
  if (length <= GP_CODE_MAX_BYTES)
    return FALSE;
  /* Plain %u: xgettext cannot read G_GSIZE_FORMAT inside a msgid. */
  g_set_error (error, GP_CODE_ERROR, GP_CODE_ERROR_TOO_LONG,
               _("This code holds %u bytes, more than a collection code can (%u). "
                 "Ask the student to open the image collection code on the CHSI website."),
               (guint) MIN (length, G_MAXUINT), (guint) GP_CODE_MAX_BYTES);
  return TRUE;
}

/* C0 controls and DEL are single bytes in both UTF-8 and GB18030 (never
 * trail bytes), so they can be found before decoding; an embedded NUL would
 * otherwise cut the GB18030 conversion short. */
static gboolean
has_byte_control (const guint8 *data,
                  gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] < 0x20 || data[i] == 0x7f)
      return TRUE;
  return FALSE;
}

/* Decodes a QR code's bytes, then normalises the text like a typed code. */
char *
gp_code_from_bytes (const guint8  *data,
                    gsize          length,
                    const char   **encoding,
                    GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (too_long (length, error))
    return NULL;
  if (has_byte_control (data, length))
    {
      g_set_error_literal (error, GP_CODE_ERROR, GP_CODE_ERROR_CONTROL, _(CONTROL_PROBLEM));
      return NULL;
    }
  text = gp_text_from_bytes (data, length, encoding);
  if (text == NULL)
    {
      g_set_error_literal (error, GP_CODE_ERROR, GP_CODE_ERROR_ENCODING,
                           _("The text in this code is neither UTF-8 nor GB18030. "
                             "Ask the student to open the image collection code on the CHSI website."));
      return NULL;
    }
  return gp_code_normalise (text, error);
}

/* Chinese input methods type full-width forms (U+FF01–U+FF5E) and the
 * ideographic space; codes and 学号 are ASCII. */
static gunichar
half_width (gunichar c)
{
  if (c >= 0xff01 && c <= 0xff5e)
    return c - 0xfee0;
  if (c == 0x3000)
    return ' ';
  return c;
}

/* Trimmed, with full-width forms made half-width; NULL with an error for
 * text over the byte limit, with control characters (C0, DEL, C1), or empty. */
char *
gp_code_normalise (const char  *text,
                   GError     **error)
{
  g_autoptr(GString) out = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (text);
  if (too_long (length, error))
    return NULL;
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error_literal (error, GP_CODE_ERROR, GP_CODE_ERROR_ENCODING,
                           _("The text in this code is neither UTF-8 nor GB18030. "
                             "Ask the student to open the image collection code on the CHSI website."));
      return NULL;
    }
  out = g_string_sized_new (length);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        {
          g_set_error_literal (error, GP_CODE_ERROR, GP_CODE_ERROR_CONTROL, _(CONTROL_PROBLEM));
          return NULL;
        }
      g_string_append_unichar (out, half_width (c));
    }
  g_strstrip (out->str);
  if (out->str[0] == '\0')
    {
      g_set_error_literal (error, GP_CODE_ERROR, GP_CODE_ERROR_EMPTY,
                           _("The code is empty. Type the 学号 or the collection code, then press Enter."));
      return NULL;
    }
  return g_strdup (out->str);
}

/* What was read, to show: the first 40 characters, with control characters
 * and bytes that are not UTF-8 escaped (\n, \t, \x1b), and "…" when cut. */
char *
gp_code_excerpt (const char *data,
                 gssize      length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p, *end;
  guint shown = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  end = data + length;
  for (p = data; p < end && shown < 40; shown++)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guint8) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  if (p < end)
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
