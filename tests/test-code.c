/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Every code, scanned or typed, goes through one normalisation and the same limits. */
#include <string.h>

#include "scan/gp-code.h"

static void
test_typed_is_normalised (void)
{
  static const struct { const char *typed, *code; } cases[] = {
    { " 2026000104 ", "2026000104" },
    { "２０２６０００１０４", "2026000104" },
    { "\u3000ＧＰＤＥＭＯ５Ｂ１Ｄ８Ｇ２Ｋ７Ｚ\u3000", "GPDEMO5B1D8G2K7Z" },
    { "学号＝2026000101；姓名＝赵小明", "学号=2026000101;姓名=赵小明" },
    { "GPDEMO7K3Q9X2M4T", "GPDEMO7K3Q9X2M4T" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = gp_code_normalise (cases[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);
    }
}

static void
test_typed_limits (void)
{
  static const struct { const char *typed; GpCodeError error; } cases[] = {
    { "2026\t000104", GP_CODE_ERROR_CONTROL },
    { "2026000104\n", GP_CODE_ERROR_CONTROL },
    { "2026\xc2\x85" "000104", GP_CODE_ERROR_CONTROL },  /* C1: NEXT LINE */
    { "20260\x7f" "00104", GP_CODE_ERROR_CONTROL },
    { "   ", GP_CODE_ERROR_EMPTY },
    { "\u3000", GP_CODE_ERROR_EMPTY },
    { "\xff\xfe", GP_CODE_ERROR_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = gp_code_normalise (cases[i].typed, &error);

      g_assert_null (code);
      g_assert_error (error, GP_CODE_ERROR, (int) cases[i].error);
    }
}

static void
test_byte_limit (void)
{
  g_autofree char *fits = g_strnfill (GP_CODE_MAX_BYTES, '7');
  g_autofree char *over = g_strnfill (GP_CODE_MAX_BYTES + 1, '7');
  g_autofree char *huge = g_strnfill (60 * 1024, '7');
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = gp_code_normalise (fits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, GP_CODE_MAX_BYTES);
  g_clear_pointer (&code, g_free);

  code = gp_code_normalise (over, &error);
  g_assert_null (code);
  g_assert_error (error, GP_CODE_ERROR, GP_CODE_ERROR_TOO_LONG);
  g_clear_error (&error);

  code = gp_code_from_bytes ((const guint8 *) huge, strlen (huge), NULL, &error);
  g_assert_null (code);
  g_assert_error (error, GP_CODE_ERROR, GP_CODE_ERROR_TOO_LONG);
}

/* A scanned code gets the same treatment once its bytes are text. */
static void
test_scanned_like_typed (void)
{
  const char *utf8 = "　学号＝2026000101 ";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  const guint8 nul[] = { '2', '0', 0, '6' };
  g_autoptr(GError) error = NULL;
  g_autofree char *from_utf8 = gp_code_from_bytes ((const guint8 *) utf8, strlen (utf8), NULL, &error);
  g_autofree char *from_gb = NULL;
  g_autofree char *from_nul = NULL;
  const char *encoding = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (from_utf8, ==, "学号=2026000101");
  from_gb = gp_code_from_bytes ((const guint8 *) gb, strlen (gb), &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_gb, ==, "学号=2026000101");
  g_assert_cmpstr (encoding, ==, "GB18030");
  from_nul = gp_code_from_bytes (nul, sizeof nul, NULL, &error);
  g_assert_null (from_nul);
  g_assert_error (error, GP_CODE_ERROR, GP_CODE_ERROR_CONTROL);
}

/* What was read is shown: 40 characters at most, nothing that moves the text. */
static void
test_excerpt (void)
{
  static const struct { const char *data; gssize length; const char *shown; } cases[] = {
    { "GPDEMO7K3Q9X2M4T", -1, "GPDEMO7K3Q9X2M4T" },
    { "a\tb\nc\x1b[2J", -1, "a\\tb\\nc\\x1b[2J" },
    { "x\0y", 3, "x\\x00y" },
    { "\xff学号", -1, "\\xff学号" },
    { "0123456789012345678901234567890123456789", -1, "0123456789012345678901234567890123456789" },
    { "01234567890123456789012345678901234567890", -1, "0123456789012345678901234567890123456789…" },
    { "学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号", -1,
      "学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号学号…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = gp_code_excerpt (cases[i].data, cases[i].length);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/code/typed/trimmed-and-half-width", test_typed_is_normalised);
  g_test_add_func ("/code/typed/control-empty-encoding-refused", test_typed_limits);
  g_test_add_func ("/code/byte-limit", test_byte_limit);
  g_test_add_func ("/code/scanned/same-as-typed", test_scanned_like_typed);
  g_test_add_func ("/code/excerpt/40-characters-escaped", test_excerpt);
  return g_test_run ();
}
