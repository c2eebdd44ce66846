/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "core/gp-staff-pin.h"
#include "gp-test-util.h"

typedef struct {
  char        *dir;
  char        *path;
  GpStaffPin  *pin;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("gp-staff-pin-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "staff-pin", NULL);
  f->pin = gp_staff_pin_new (f->path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->pin);
  gp_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_file_holds_only_the_hash (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_false (gp_staff_pin_is_set (f->pin));
  g_assert_true (gp_staff_pin_set (f->pin, "482916", &error));
  g_assert_no_error (error);
  g_assert_true (gp_staff_pin_is_set (f->pin));
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "$argon2id$"));
  g_assert_null (strstr (contents, "482916"));
  g_assert_null (strchr (contents, '\n'));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_right_pin_opens (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_staff_pin_set (f->pin, "482916", NULL));
  g_assert_true (gp_staff_pin_check (f->pin, "482916", 0, &error));
  g_assert_no_error (error);
  g_assert_false (gp_staff_pin_check (f->pin, "482917", 0, &error));
  g_assert_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_WRONG);
}

static void
test_unset_pin_says_how_to_set (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gp_staff_pin_check (f->pin, "1234", 0, &error));
  g_assert_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_NOT_SET);
  g_assert_nonnull (strstr (error->message, "staff-pin set"));
}

static void
test_only_4_to_12_digits (Fixture *f, gconstpointer data)
{
  const char *refused[] = { "", "123", "1234567890123", "12a4", "12 34", "１２３４" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gp_staff_pin_set (f->pin, refused[i], &error));
      g_assert_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_INVALID);
    }
  g_assert_false (gp_staff_pin_is_set (f->pin));
  g_assert_true (gp_staff_pin_valid ("1234", NULL));
  g_assert_true (gp_staff_pin_valid ("123456789012", NULL));
}

static void
wrong (Fixture *f, gint64 now, int expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gp_staff_pin_check (f->pin, "0000", now, &error));
  g_assert_error (error, GP_STAFF_PIN_ERROR, expected);
}

/* Five wrong PINs lock entry for 60 s, even to the right PIN; the next
 * five lock it for 120 s; the right PIN starts again from 60 s. */
static void
test_five_wrong_lock_then_doubling (Fixture *f, gconstpointer data)
{
  const gint64 s = G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  gint64 t = 1000 * s;

  g_assert_true (gp_staff_pin_set (f->pin, "482916", NULL));
  for (int i = 0; i < 4; i++)
    wrong (f, t, GP_STAFF_PIN_ERROR_WRONG);
  g_assert_cmpint (gp_staff_pin_locked_for (f->pin, t), ==, 0);
  wrong (f, t, GP_STAFF_PIN_ERROR_LOCKED);
  g_assert_cmpint (gp_staff_pin_locked_for (f->pin, t), ==, 60 * s);

  g_assert_false (gp_staff_pin_check (f->pin, "482916", t + 59 * s, &error));
  g_assert_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_clear_error (&error);

  t += 60 * s;
  for (int i = 0; i < 4; i++)
    wrong (f, t, GP_STAFF_PIN_ERROR_WRONG);
  wrong (f, t, GP_STAFF_PIN_ERROR_LOCKED);
  g_assert_cmpint (gp_staff_pin_locked_for (f->pin, t), ==, 120 * s);

  t += 120 * s;
  g_assert_true (gp_staff_pin_check (f->pin, "482916", t, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    wrong (f, t, i < 4 ? GP_STAFF_PIN_ERROR_WRONG : GP_STAFF_PIN_ERROR_LOCKED);
  g_assert_cmpint (gp_staff_pin_locked_for (f->pin, t), ==, 60 * s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/staff-pin/file/holds-only-the-argon2id-hash", test_file_holds_only_the_hash);
  ADD ("/staff-pin/check/right-pin-opens-wrong-does-not", test_right_pin_opens);
  ADD ("/staff-pin/check/unset-says-how-to-set", test_unset_pin_says_how_to_set);
  ADD ("/staff-pin/set/only-4-to-12-digits", test_only_4_to_12_digits);
  ADD ("/staff-pin/lock/five-wrong-lock-60s-then-doubling", test_five_wrong_lock_then_doubling);
  return g_test_run ();
}
