/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The eyebrows check: a fringe painted over the brows (placed from the
 * hand-marked brows, of several hair colours, at several sizes and
 * backdrops) fails it; the portraits as they are, and a fringe that ends
 * above the brows, pass it. A dark fringe over the astronaut's brows hides
 * her face from the detector: refused as "no face found", not here. */
#include "config.h"

#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"

#include "gp-test-hair.h"
#include "gp-test-portrait.h"

typedef struct {
  const char     *name;
  GpTestSubject   subject;
  GpTestBackdrop  backdrop;
  double          zoom;       /* the face's size: 1 the kiosk's framing */
  double          depth;      /* the fringe's edge below the arch tops, in
                               * eye distances; 0: no fringe */
  double          rgb[3];
  gboolean        covered;
} Fringe;

static const Fringe fringes[] = {
  { "hopper", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, 0, { 0 }, FALSE },
  { "astronaut", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, 1.5, 0, { 0 }, FALSE },
  { "astronaut-far-on-white", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, 1, 0, { 0 }, FALSE },
  { "fringe-above-brows", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, -0.35, { 35, 28, 25 }, FALSE },
  { "fringe-above-brows-astronaut", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY, 1.5, -0.3, { 60, 42, 30 }, FALSE },
  { "black-fringe", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, 0.15, { 30, 25, 25 }, TRUE },
  { "black-fringe-to-lids", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, 0.3, { 30, 25, 25 }, TRUE },
  { "dark-brown-fringe-far", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_WHITE, 1, 0.15, { 60, 42, 30 }, TRUE },
  { "light-brown-fringe-astronaut", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY, 1.5, 0.08, { 140, 100, 60 }, TRUE },
  { "fringe-to-brow-middle", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_GREY, 1.5, 0.06, { 45, 35, 30 }, TRUE },
};

static void
test_fringe (gconstpointer data)
{
  const Fringe *fr = data;
  GpTestPortraitSpec spec;
  g_autoptr(GpProfile) profile = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *c;

  gp_test_portrait_spec_init (&spec, fr->subject, 1280, 720);
  spec.scale *= fr->zoom;
  spec.eyes_y = 0.5 * spec.height;
  spec.backdrop = fr->backdrop;
  profile = gp_profile_load (gp_test_portrait_profile_name (fr->backdrop), NULL);
  frame = gp_test_portrait_compose (&spec, NULL);
  if (fr->depth != 0)
    gp_test_fringe_draw (frame, &spec, fr->depth, fr->rgb);
  r = gp_standardize (frame, profile, NULL, NULL);
  g_assert_nonnull (r->checks);
  c = gp_checks_find (r->checks, GP_CHECK_EYEBROWS);
  g_assert_nonnull (c);
  g_test_message ("%s: eyebrows = %g: %s", fr->name, c->value, gp_check_status_to_string (c->status));
  if (fr->covered)
    {
      g_assert_cmpint (c->status, ==, GP_CHECK_FAIL);
      g_assert_nonnull (c->message);
    }
  else
    g_assert_cmpint (c->status, ==, GP_CHECK_PASS);
}

int
main (int argc, char *argv[])
{
  g_autofree char *shipped = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The shipped profiles, whatever is installed. */
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (fringes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/eyebrows/%s/%s",
                                               fringes[i].covered ? "covered" : "shown", fringes[i].name);

      g_test_add_data_func (path, &fringes[i], test_fringe);
    }
  return g_test_run ();
}
