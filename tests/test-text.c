/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include <string.h>

#include "core/gp-text.h"

static void
test_mask_keeps_first_character (void)
{
  static const struct { const char *name, *masked; } cases[] = {
    { "赵小明", "赵**" },
    { "欧阳娜娜", "欧***" },
    { "李", "李" },
    { "Anna Lee", "A******" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = gp_text_mask_name (cases[i].name);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
}

static void
test_bytes_utf8_then_gb18030 (void)
{
  const char *utf8 = "学号=2026000101";
  g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autofree char *from_utf8 = NULL;
  g_autofree char *from_gbk = NULL;
  const char *encoding = NULL;

  from_utf8 = gp_text_from_bytes ((const guint8 *) utf8, strlen (utf8), &encoding);
  g_assert_cmpstr (from_utf8, ==, utf8);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  from_gbk = gp_text_from_bytes ((const guint8 *) gbk, strlen (gbk), &encoding);
  g_assert_cmpstr (from_gbk, ==, utf8);
  g_assert_cmpstr (encoding, ==, "GB18030");
}

static void
test_bytes_invalid_refused (void)
{
  /* 0x80 alone is neither UTF-8 nor a GB18030 sequence. */
  const guint8 junk[] = { 'a', 0x80 };

  g_assert_null (gp_text_from_bytes (junk, sizeof junk, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/mask/keeps-first-character", test_mask_keeps_first_character);
  g_test_add_func ("/text/bytes/utf8-then-gb18030", test_bytes_utf8_then_gb18030);
  g_test_add_func ("/text/bytes/invalid-refused", test_bytes_invalid_refused);
  return g_test_run ();
}
