/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The skin-clothing check, off unless a profile asks: with the limits such
 * a profile sets, tops of the skin's colour (yellows, beiges, tans) fail on
 * both portraits and the other colours pass; with the built-in limits
 * nothing fails. */
#include "config.h"

#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"

#include "gp-test-portrait.h"

/* What a profile that asks writes: skin-clothing=0;0.35;0;0.2 */
static const GpCheckLimits asked = { 0, 0.35, 0, 0.2 };

typedef struct {
  const char     *name;
  GpTestSubject   subject;
  double          rgb[3];
  gboolean        close_to_skin;
} Top;

static const Top tops[] = {
  { "beige", GP_TEST_SUBJECT_HOPPER, { 225, 185, 150 }, TRUE },
  { "light-yellow", GP_TEST_SUBJECT_HOPPER, { 235, 200, 150 }, TRUE },
  { "tan", GP_TEST_SUBJECT_ASTRONAUT, { 205, 150, 115 }, TRUE },
  { "beige-astronaut", GP_TEST_SUBJECT_ASTRONAUT, { 225, 180, 150 }, TRUE },
  { "navy", GP_TEST_SUBJECT_HOPPER, { 40, 50, 100 }, FALSE },
  { "white", GP_TEST_SUBJECT_ASTRONAUT, { 245, 245, 245 }, FALSE },
  { "burgundy", GP_TEST_SUBJECT_HOPPER, { 110, 30, 45 }, FALSE },
  { "dark-grey", GP_TEST_SUBJECT_ASTRONAUT, { 90, 90, 90 }, FALSE },
  { "black", GP_TEST_SUBJECT_HOPPER, { 30, 30, 30 }, FALSE },
  { "brown", GP_TEST_SUBJECT_HOPPER, { 110, 75, 50 }, FALSE },
  { "orange", GP_TEST_SUBJECT_ASTRONAUT, { 235, 110, 40 }, FALSE },
  { "khaki", GP_TEST_SUBJECT_HOPPER, { 195, 176, 128 }, TRUE },
};

static GpStandardizeResult *
photograph (const Top *top, const GpProfile *profile)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpFrame) frame = NULL;

  gp_test_portrait_spec_init (&spec, top->subject, 1280, 720);
  spec.scale *= 1.5;
  spec.eyes_y = 0.5 * spec.height;
  spec.clothing_tint = 1;
  for (int c = 0; c < 3; c++)
    spec.clothing_rgb[c] = top->rgb[c];
  frame = gp_test_portrait_compose (&spec, NULL);
  return gp_standardize (frame, profile, NULL, NULL);
}

static void
test_asked (gconstpointer data)
{
  const Top *top = data;
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *c;

  profile->checks[GP_CHECK_SKIN_CLOTHING] = asked;
  r = photograph (top, profile);
  c = gp_checks_find (r->checks, GP_CHECK_SKIN_CLOTHING);
  g_test_message ("%s: skin-clothing = %g: %s", top->name, c->value, gp_check_status_to_string (c->status));
  if (top->close_to_skin)
    {
      g_assert_cmpint (c->status, ==, GP_CHECK_FAIL);
      g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_SKIN_CLOTHING);
      g_assert_nonnull (c->message);
    }
  else
    g_assert_cmpint (c->status, ==, GP_CHECK_PASS);
}

/* Off by default: the same beige top passes the built-in profile's check. */
static void
test_off_by_default (void)
{
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpStandardizeResult) r = photograph (&tops[0], profile);

  g_assert_nonnull (r->checks);
  g_assert_cmpint (gp_checks_find (r->checks, GP_CHECK_SKIN_CLOTHING)->status, ==, GP_CHECK_PASS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tops); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/skin-clothing/%s/%s",
                                               tops[i].close_to_skin ? "fails" : "passes", tops[i].name);

      g_test_add_data_func (path, &tops[i], test_asked);
    }
  g_test_add_func ("/photo/skin-clothing/off-by-default", test_off_by_default);
  return g_test_run ();
}
