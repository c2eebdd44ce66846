/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gp-print-wait PRINTER JOB [SECONDS]: the shell tests' way to wait for a
 * job on the private cupsd named by CUPS_SERVER (see gp-test-cups.h).
 * Exit status 0 printed, 1 not printed (the reason on stderr), 2 usage. */
#include "config.h"

#include <cups/cups.h>
#include <stdlib.h>

#include "gp-test-cups.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  double seconds = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 30;

  if (argc < 3 || argc > 4 || atoi (argv[2]) <= 0 || seconds <= 0)
    {
      g_printerr ("usage: %s PRINTER JOB [SECONDS]\n", argv[0]);
      return 2;
    }
  if (!gp_test_cups_wait_job (argv[1], atoi (argv[2]), IPP_JSTATE_COMPLETED, seconds, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
