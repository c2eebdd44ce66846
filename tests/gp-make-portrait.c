/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gp-make-portrait FILE.jpg: the shell tests' studio photo a student
 * brings, one that meets every check: the astronaut (python3-skimage) with
 * her lips closed from the hand marks, on the blue cloth, 1280 × 720. The
 * demo portrait wears a cap and is refused. Run with G_TEST_SRCDIR set to
 * the tests' source folder. Exit status 0 written, 1 not, 2 usage. */
#include "config.h"

#include "image/gp-jpeg.h"

#include "gp-test-portrait.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = NULL;
  GpTestPortraitSpec spec;

  /* The portraits' masks and marks are found as the tests find them. */
  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("usage: %s FILE.jpg\n", argv[0]);
      return 2;
    }
  /* As test-checks' good astronaut: a head a station frames. */
  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1280, 720);
  spec.scale *= 1.5;
  spec.eyes_y = 0.5 * spec.height;
  frame = gp_test_portrait_compose (&spec, NULL);
  if (!gp_jpeg_save (frame, argv[1], 92, 72, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
