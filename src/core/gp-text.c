/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Text helpers shared by the scanner, the roster and the screen. */
#define G_LOG_DOMAIN "gp-text"

#include "gp-text.h"

/* Shown on a screen the queue can see: keep the first character only. */
char *
gp_text_mask_name (const char *name)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

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
