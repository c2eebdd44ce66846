/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What the kiosk and gradphoto-admin say about a printer, from what CUPS
 * reports; no CUPS server needed. */
#include "config.h"

#include <string.h>

#include "print/gp-printer-info.h"

/* The printer's own message is text from outside: no line breaks or
 * terminal escapes reach the screen, and a huge one is cut. */
static void
test_message_cleaned (void)
{
  static const char * const paused[] = { "paused", NULL };
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autofree char *escaped = gp_printer_describe ("Photo", GP_PRINTER_STOPPED, paused,
                                                  "Tray\n2\x1b[2J\a empty \xF9", TRUE);
  g_autofree char *cut = gp_printer_describe ("Photo", GP_PRINTER_STOPPED, paused, huge, TRUE);

  g_test_message ("%s", escaped);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
  g_assert_null (strpbrk (escaped, "\n\x1b\a"));
  g_assert_nonnull (strstr (escaped, "Tray 2 [2J  empty"));
  g_assert_cmpuint (strlen (cut), <, 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/printer/describe/message-cleaned", test_message_cleaned);
  return g_test_run ();
}
