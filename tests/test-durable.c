/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include <glib/gstdio.h>

#include "core/gp-durable.h"

static void
test_write_replaces_atomically (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-durable-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "photo.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  gsize length = 0;
  int entries = 0;

  g_assert_true (gp_durable_write (path, (const guint8 *) "first", 5, &error));
  g_assert_no_error (error);
  g_assert_true (gp_durable_write (path, (const guint8 *) "second", 6, &error));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "second");

  /* No temp file is left next to the result. */
  d = g_dir_open (sub, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    entries++;
  g_assert_cmpint (entries, ==, 1);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_unwritable_place_is_an_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gp-durable-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "photo.jpg", NULL);
  g_autoptr(GError) error = NULL;

  /* A file where a folder should be: fails even for root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (gp_durable_write (path, (const guint8 *) "data", 4, &error));
  g_assert_true (error != NULL && error->domain == G_FILE_ERROR);
  g_unlink (blocker);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/durable/write/replaces-atomically", test_write_replaces_atomically);
  g_test_add_func ("/durable/write/unwritable-place-is-an-error", test_unwritable_place_is_an_error);
  return g_test_run ();
}
