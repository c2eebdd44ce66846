/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Check results as the JSON the store keeps with a capture; "passed" is what
 * approves it (see gp-capture-save.c). */
#define G_LOG_DOMAIN "gp-checks-json"

#include <math.h>

#include "photo/gp-checks.h"
#include "photo/gp-checks-json.h"
#include "photo/gp-profile.h"

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4g", value));
}

char *
gp_checks_to_json (GArray     *checks,
                   gboolean    passed,
                   const char *profile)
{
  GString *out = g_string_new ("{\"passed\":");
  g_autofree char *escaped = g_strescape (profile != NULL ? profile : "", NULL);

  g_string_append (out, passed ? "true" : "false");
  g_string_append_printf (out, ",\"profile\":\"%s\",\"checks\":[", escaped);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const GpCheck *check = &g_array_index (checks, GpCheck, i);

      g_string_append_printf (out, "%s{\"id\":\"%s\",\"status\":\"%s\",\"value\":", i > 0 ? "," : "",
                              gp_check_id_to_string (check->id), gp_check_status_to_string (check->status));
      append_number (out, check->value);
      g_string_append (out, ",\"min\":");
      append_number (out, check->min);
      g_string_append (out, ",\"max\":");
      append_number (out, check->max);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}
