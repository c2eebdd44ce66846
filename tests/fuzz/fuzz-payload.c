/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A scanned or typed code, as bytes from outside: what it means, and its
 * name masked for the screen. */
#include "config.h"

#include "core/gp-text.h"
#include "scan/gp-payload.h"

#include "fuzz-util.h"

static void
parse (const char *text)
{
  g_autoptr(GpPayload) payload = gp_payload_parse (text);

  g_assert (payload->value != NULL);
  if (payload->kind == GP_PAYLOAD_STUDENT_NUMBER)
    g_assert (gp_text_is_student_no (payload->value));
  if (payload->name != NULL)
    {
      g_autofree char *masked = gp_text_mask_name (payload->name);

      g_assert (g_utf8_validate (payload->name, -1, NULL));
      g_assert (!gp_text_has_control (payload->name));
      g_assert (g_utf8_validate (masked, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* As the scanner hands it on (UTF-8 or GB18030), and raw, as a typed
   * code or a caller that forgot to check might. */
  g_autofree char *text = gp_text_from_bytes (data, size, NULL);
  g_autofree char *raw = g_strndup ((const char *) data, size);

  if (text != NULL)
    parse (text);
  parse (raw);
  return 0;
}
