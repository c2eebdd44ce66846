/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The earrings check: both portraits with bare lobes pass it on every
 * backdrop, at several sizes, lights and positions; studs, drops and hoops
 * hung from the lobes' hand marks (metal, pearl, coloured; one ear or both)
 * fail it, but for the few each scene names: a dim pearl stud on the
 * astronaut, whose lobes are under her hair, reads as little as the hair's
 * edge. The benchmark counts every earring on every backdrop. Hopper's cap
 * is another check's business. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"

#include "gp-test-earring.h"
#include "gp-test-portrait.h"

typedef struct {
  const char          *name;
  GpTestSubject        subject;
  GpTestBackdrop       backdrop;
  double               zoom;
  double               brightness;
  double               dx;        /* the eyes moved from the middle, in frame widths */
  const char * const  *missed;    /* the earrings that pass here, by name */
  double               shirt[3];  /* the clothing's colour; all 0: as photographed */
} Scene;

static const char * const astronaut_missed[] = { "pearl stud, right ear, dim", NULL };
static const char * const astronaut_white_missed[] = { "pearl stud, right ear, dim", "small pearl studs", NULL };
static const char * const astronaut_grey_missed[] = { "pearl stud, right ear, dim", "silver hoops", NULL };
static const char * const hopper_missed[] = { "large gold hoop, left ear, dim", NULL };
static const char * const none_missed[] = { NULL };

static const Scene scenes[] = {
  { "astronaut", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, 1.5, 1, 0, astronaut_missed },
  { "astronaut-far-on-white", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, 1, 1, 0.05, astronaut_white_missed },
  { "astronaut-on-grey-dim", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_GREY, 1.3, 0.8, -0.04, astronaut_grey_missed },
  { "hopper", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1.5, 1, 0, hopper_missed },
  { "hopper-far-on-white", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_WHITE, 1, 1, -0.05, none_missed },
  { "hopper-on-grey-bright", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_GREY, 1.5, 1.15, 0.03, none_missed },
  /* A white collar's edge below the lobe is a sliver, not a jewel. */
  { "hopper-white-shirt", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 1, 1, 0.02, none_missed, { 245, 245, 245 } },
};

typedef struct {
  const Scene          *scene;
  const GpTestEarring  *earring;  /* NULL: bare lobes */
} Case;

static GpStandardizeResult *
photograph (const Case *c, const GpProfile *profile)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpFrame) frame = NULL;

  gp_test_portrait_spec_init (&spec, c->scene->subject, 1280, 720);
  spec.scale *= c->scene->zoom;
  spec.eyes_y = 0.45 * spec.height;
  spec.eyes_x += c->scene->dx * spec.width;
  spec.brightness = c->scene->brightness;
  spec.backdrop = c->scene->backdrop;
  if (c->scene->shirt[0] + c->scene->shirt[1] + c->scene->shirt[2] > 0)
    {
      spec.clothing_tint = 1;
      memcpy (spec.clothing_rgb, c->scene->shirt, sizeof spec.clothing_rgb);
    }
  frame = gp_test_portrait_compose (&spec, NULL);
  if (c->earring != NULL)
    gp_test_earring_draw (frame, &spec, c->earring);
  /* GP_TEST_EARRINGS_PNG=DIR: the frames, to look at. */
  if (g_getenv ("GP_TEST_EARRINGS_PNG") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", c->scene->name, c->earring ? c->earring->name : "bare");
      g_autofree char *path = g_build_filename (g_getenv ("GP_TEST_EARRINGS_PNG"), name, NULL);

      g_assert_true (gp_test_portrait_save_png (frame, path, NULL));
    }
  return gp_standardize (frame, profile, NULL, NULL);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GpProfile) profile = gp_profile_load (gp_test_portrait_profile_name (c->scene->backdrop), NULL);
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *check;

  g_assert_nonnull (profile);
  r = photograph (c, profile);
  check = gp_checks_find (r->checks, GP_CHECK_EARRINGS);
  g_assert_nonnull (check);
  g_test_message ("%s, %s: earrings = %g: %s", c->scene->name, c->earring ? c->earring->name : "bare",
                  check->value, gp_check_status_to_string (check->status));
  if (c->earring != NULL)
    {
      g_assert_cmpint (check->status, ==, GP_CHECK_FAIL);
      g_assert_nonnull (check->message);
    }
  else
    g_assert_cmpint (check->status, ==, GP_CHECK_PASS);
}

static void
add_case (GPtrArray *cases, const Scene *scene, const GpTestEarring *earring)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *path = NULL;

  c->scene = scene;
  c->earring = earring;
  path = g_strdup_printf ("/photo/earrings/%s/%s/%s", earring ? "worn" : "bare", scene->name,
                          earring ? earring->name : "lobes");
  g_strdelimit (path + strlen ("/photo/earrings/"), " ,", '-');
  g_test_add_data_func (path, c, test_case);
  g_ptr_array_add (cases, c);
}

int
main (int argc, char *argv[])
{
  g_autofree char *shipped = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  const GpTestEarring *earrings;
  guint n_earrings;

  g_test_init (&argc, &argv, NULL);
  /* The shipped profiles, whatever is installed. */
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  earrings = gp_test_earrings (&n_earrings);
  for (guint s = 0; s < G_N_ELEMENTS (scenes); s++)
    {
      add_case (cases, &scenes[s], NULL);
      for (guint e = 0; e < n_earrings; e++)
        if (!g_strv_contains (scenes[s].missed, earrings[e].name))
          add_case (cases, &scenes[s], &earrings[e]);
    }
  return g_test_run ();
}
