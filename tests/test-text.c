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

/* A caller that forgot to validate must not make the mask read past the end. */
static void
test_mask_invalid_utf8 (void)
{
  static const char * const cases[] = { "\xF9", "\xE8\xB5", "a\xF0\x9F", "\xC3" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = g_strdup (cases[i]);
      g_autofree char *masked = gp_text_mask_name (copy);

      g_assert_true (g_utf8_validate (masked, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (masked, -1), <=, strlen (cases[i]));
    }
}

static void
test_control_characters_found (void)
{
  g_assert_false (gp_text_has_control ("赵小明 Zhao"));
  g_assert_true (gp_text_has_control ("赵\a"));
  g_assert_true (gp_text_has_control ("a\tb"));
  g_assert_true (gp_text_has_control ("\x1b[2J"));
  g_assert_true (gp_text_has_control ("x\xC2\x85"));  /* U+0085, a C1 control */
}

/* A printer's status message, as CUPS hands it on, shown on one line. */
static void
test_clean_line (void)
{
  static const struct { const char *text; gsize max; const char *clean; } cases[] = {
    { "Out of paper", 256, "Out of paper" },
    { "Tray 2\nempty\a", 256, "Tray 2 empty " },
    { "\x1b[2Jcleared", 256, " [2Jcleared" },
    { "bad \xF9 byte", 256, "bad \xEF\xBF\xBD byte" },
    { "纸盒已空", 7, "纸盒" },
    { "abcdef", 3, "abc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = gp_text_clean_line (cases[i].text, cases[i].max);

      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/mask/keeps-first-character", test_mask_keeps_first_character);
  g_test_add_func ("/text/bytes/utf8-then-gb18030", test_bytes_utf8_then_gb18030);
  g_test_add_func ("/text/bytes/invalid-refused", test_bytes_invalid_refused);
  g_test_add_func ("/text/mask/invalid-utf8", test_mask_invalid_utf8);
  g_test_add_func ("/text/control/found", test_control_characters_found);
  g_test_add_func ("/text/clean-line", test_clean_line);
  return g_test_run ();
}
