/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Where a station's files go inside its data dir. */
#include "config.h"

#include <string.h>

#include "core/gp-paths.h"

/* A sheet's name comes from a 学号 or a class name, which a crafted or old
 * database may hold with '..' and separators: the sheet stays in sheets/. */
static void
test_sheet_stays_in_sheets (void)
{
  static const struct { const char *stem, *name; } cases[] = {
    { "2021000001-7", "2021000001-7-4x6-33x48.pdf" },
    { "../../evil", "_._.._evil-4x6-33x48.pdf" },
    { "a\\..\\b", "a_.._b-4x6-33x48.pdf" },
    { ".hidden", "_hidden-4x6-33x48.pdf" },
    { "class-计科/2101", "class-计科_2101-4x6-33x48.pdf" },
  };

  gp_paths_set_data_dir ("/srv/gradphoto");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = gp_paths_sheet (cases[i].stem, "4x6-33x48");
      g_autofree char *expected = g_build_filename ("/srv/gradphoto", "sheets", cases[i].name, NULL);

      g_assert_cmpstr (path, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paths/sheet/stays-in-sheets", test_sheet_stays_in_sheets);
  return g_test_run ();
}
