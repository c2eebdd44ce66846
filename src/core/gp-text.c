/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Text helpers shared by the scanner, the roster and the screen. */
#define G_LOG_DOMAIN "gp-text"

#include "gp-text.h"

#include <string.h>

/* Shown on a screen the queue can see: keep the first character only.
 * Invalid UTF-8 is repaired first: stepping through it as UTF-8 would read
 * past the end of the string. */
char *
gp_text_mask_name (const char *name)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    name = valid = g_utf8_make_valid (name, -1);
  out = g_string_new (NULL);
  for (p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (p == name)
        g_string_append_unichar (out, g_utf8_get_char (p));
      else if (!g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_c (out, '*');
    }
  return g_string_free (out, FALSE);
}

/* Bytes from outside (QR payloads, roster files) are UTF-8 or, in China,
 * GB18030 (a superset of GBK); anything else is refused with NULL. */
char *
gp_text_from_bytes (const guint8  *data,
                    gsize          length,
                    const char   **encoding)
{
  char *converted;
  gsize written = 0;

  if (g_utf8_validate ((const char *) data, (gssize) length, NULL))
    {
      if (encoding != NULL)
        *encoding = "UTF-8";
      return g_strndup ((const char *) data, length);
    }

  converted = g_convert ((const char *) data, (gssize) length, "UTF-8", "GB18030",
                         NULL, &written, NULL);
  if (converted != NULL && encoding != NULL)
    *encoding = "GB18030";
  return converted;
}

/* C0 and C1 controls and DEL: tabs, line breaks, BEL, terminal escapes.
 * @text must be valid UTF-8. */
gboolean
gp_text_has_control (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CONTROL)
      return TRUE;
  return FALSE;
}

/* Letters, digits, '-' and '_', at least one digit: what schools number
 * with. A 学号 names a folder and files, so nothing else is one ('/', '\\',
 * a leading '.', spaces, zero-width characters). */
gboolean
gp_text_is_student_no (const char *text)
{
  gsize length;
  gboolean digit = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  if (length == 0 || length > GP_TEXT_MAX_STUDENT_NO)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
      digit |= g_ascii_isdigit (*p);
    }
  return digit;
}

/* Text another program sent us (a printer's status message) made safe to
 * show on one line: invalid UTF-8 repaired, control characters (line
 * breaks, terminal escapes) turned into spaces, and cut at @max_bytes on a
 * character boundary. */
char *
gp_text_clean_line (const char *text,
                    gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize before = out->len;

      g_string_append_unichar (out, g_unichar_type (c) == G_UNICODE_CONTROL ? ' ' : c);
      if (out->len > max_bytes)
        {
          g_string_truncate (out, before);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

char *
gp_text_local_time (const char *iso_utc,
                    const char *format)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (iso_utc == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (when != NULL)
    local = g_date_time_to_local (when);
  return local != NULL ? g_date_time_format (local, format) : g_strdup (iso_utc);
}
