/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The ears check, off unless a profile asks: with the limits such a
 * profile sets, Hopper's ears (seen in her portrait) pass, and fail once
 * locks of hair are painted over them (placed from the hand-marked
 * outline); the astronaut's own bob covers her ears and fails. With the
 * built-in limits nothing fails. */
#include "config.h"

#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"

#include "gp-test-hair.h"
#include "gp-test-portrait.h"

/* What a profile that asks writes: ears=0.45;1;0.5;1 */
static const GpCheckLimits asked = { 0.45, 1, 0.5, 1 };

typedef struct {
  const char     *name;
  GpTestSubject   subject;
  GpTestBackdrop  backdrop;
  double          zoom;
  const double   *locks;    /* hair painted over the ears; NULL: none */
  gboolean        covered;
} Ears;

#define RGB(r, g, b) ((const double[3]) { r, g, b })

static const Ears ears[] = {
  { "hopper", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, NULL, FALSE },
  { "hopper-far-on-white", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_WHITE, 1, NULL, FALSE },
  { "hopper-on-grey", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_GREY, 1.5, NULL, FALSE },
  { "astronaut-own-bob", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, 1.5, NULL, TRUE },
  { "astronaut-own-bob-far-on-white", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, 1, NULL, TRUE },
  { "black-locks", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, RGB (30, 25, 25), TRUE },
  { "brown-locks-far-on-grey", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_GREY, 1, RGB (90, 62, 40), TRUE },
};

static GpStandardizeResult *
photograph (const Ears *e, const GpProfile *profile)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpFrame) frame = NULL;

  gp_test_portrait_spec_init (&spec, e->subject, 1280, 720);
  spec.scale *= e->zoom;
  spec.eyes_y = 0.5 * spec.height;
  spec.backdrop = e->backdrop;
  frame = gp_test_portrait_compose (&spec, NULL);
  if (e->locks != NULL)
    gp_test_side_locks_draw (frame, &spec, e->locks);
  return gp_standardize (frame, profile, NULL, NULL);
}

static void
test_asked (gconstpointer data)
{
  const Ears *e = data;
  g_autoptr(GpProfile) profile = gp_profile_load (gp_test_portrait_profile_name (e->backdrop), NULL);
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *c;

  g_assert_nonnull (profile);
  profile->checks[GP_CHECK_EARS] = asked;
  r = photograph (e, profile);
  c = gp_checks_find (r->checks, GP_CHECK_EARS);
  g_assert_nonnull (c);
  g_test_message ("%s: ears = %g: %s", e->name, c->value, gp_check_status_to_string (c->status));
  if (e->covered)
    {
      g_assert_cmpint (c->status, ==, GP_CHECK_FAIL);
      g_assert_nonnull (c->message);
    }
  else
    g_assert_cmpint (c->status, ==, GP_CHECK_PASS);
}

/* Off by default: the astronaut's covered ears pass the built-in limits. */
static void
test_off_by_default (void)
{
  g_autoptr(GpProfile) profile = gp_profile_new_default ();
  g_autoptr(GpStandardizeResult) r = photograph (&ears[3], profile);

  g_assert_cmpint (gp_checks_find (r->checks, GP_CHECK_EARS)->status, ==, GP_CHECK_PASS);
}

int
main (int argc, char *argv[])
{
  g_autofree char *shipped = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The shipped profiles, whatever is installed. */
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (ears); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/ears/%s/%s", ears[i].covered ? "covered" : "shown",
                                               ears[i].name);

      g_test_add_data_func (path, &ears[i], test_asked);
    }
  g_test_add_func ("/photo/ears/off-by-default", test_off_by_default);
  return g_test_run ();
}
