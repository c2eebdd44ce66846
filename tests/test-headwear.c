/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The headwear check: caps and hats of every shape in colours hair does not
 * have, painted onto the astronaut, fail it; Hopper's own cap fails it with
 * the instruction to take it off; bare heads (her hair as photographed and
 * darkened, at several sizes, places and lights) pass. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>

#include "photo/gp-checks.h"
#include "photo/gp-standardize.h"

#include "gp-test-hat.h"
#include "gp-test-portrait.h"

static GpProfile *profile;

static void
spec_for (GpTestPortraitSpec *spec, GpTestSubject subject)
{
  gp_test_portrait_spec_init (spec, subject, 1280, 720);
  spec->scale *= 1.5;
  spec->eyes_y = 0.5 * spec->height;
}

/* Dark hair: the person above the forehead's top mark, where there is
 * only hair, darkened with its strands kept. */
static void
darken_hair (GpFrame *frame, const GpTestPortraitSpec *spec, const GpTestPortraitTruth *truth, double light)
{
  GpTestHead head;

  gp_test_portrait_marked_head (spec, &head);
  for (int y = 0; y < MIN (head.forehead[1], frame->height); y++)
    for (int x = 0; x < frame->width; x++)
      {
        guint8 *p = frame->data + (gsize) y * frame->stride + (gsize) x * 3;
        double a = truth->mask->data[(gsize) y * truth->mask->stride + x] / 255.0;

        for (int c = 0; c < 3; c++)
          p[c] = (guint8) lround (p[c] * (1 - a + a * light));
      }
}

static const GpCheck *
headwear_of (const GpTestPortraitSpec *spec, const GpTestHat *hat, double hair_light, GpStandardizeResult **result)
{
  GpTestPortraitTruth truth;
  g_autoptr(GpFrame) frame = gp_test_portrait_compose (spec, &truth);
  const GpCheck *c;

  if (hair_light > 0)
    darken_hair (frame, spec, &truth, hair_light);
  gp_test_portrait_truth_clear (&truth);
  if (hat != NULL)
    gp_test_hat_draw (frame, spec, hat);
  *result = gp_standardize (frame, profile, NULL, NULL);
  /* For looking at a case by eye. */
  if (g_getenv ("GP_TEST_SAVE_DIR") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s.png", g_getenv ("GP_TEST_SAVE_DIR"),
                                               hat != NULL ? hat->name : "bare");

      gp_test_portrait_save_png ((*result)->photo != NULL ? (*result)->photo : frame, name, NULL);
    }
  g_test_message ("%s", (*result)->error != NULL ? (*result)->error->message : "ok");
  c = gp_checks_find ((*result)->checks, GP_CHECK_HEADWEAR);
  g_assert_nonnull (c);
  g_test_message ("headwear = %g (%g to %g): %s", c->value, c->min, c->max, gp_check_status_to_string (c->status));
  return c;
}

static void
test_hat (gconstpointer data)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *c;

  const GpTestHat *hat = data;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1280, 720);
  spec.eyes_y = 0.55 * spec.height;
  /* The camera's noise on the face as on the cloth. */
  spec.noise = hat->noise;
  c = headwear_of (&spec, hat, 0, &r);
  g_assert_cmpint (c->status, ==, GP_CHECK_FAIL);
  g_assert_false (r->ok);
  /* What the visor's shadow or the brim makes other checks fail too is
   * the hat's doing: the instruction is to take it off. */
  g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_HEADWEAR);
}

/* A white hat on the white or light-grey backdrop those profiles ask for. */
static void
test_white_hat_on_white (gconstpointer data)
{
  const GpTestBackdrop *backdrop = data;
  guint n_hats;
  const GpTestHat *hats = gp_test_hats (&n_hats);
  g_autoptr(GpProfile) shipped = gp_profile_load (gp_test_portrait_profile_name (*backdrop), NULL);
  GpProfile *blue = profile;
  GpTestPortraitSpec spec;

  profile = shipped;
  for (guint i = 0; i < n_hats; i++)
    if (hats[i].rgb[0] > 200 && hats[i].rgb[2] > 200)
      {
        g_autoptr(GpStandardizeResult) r = NULL;

        gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1280, 720);
        spec.eyes_y = 0.55 * spec.height;
        spec.backdrop = *backdrop;
        g_assert_cmpint (headwear_of (&spec, &hats[i], 0, &r)->status, ==, GP_CHECK_FAIL);
        g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_HEADWEAR);
      }
  profile = blue;
}

static void
test_hopper_cap (void)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;
  const GpCheck *c;

  spec_for (&spec, GP_TEST_SUBJECT_HOPPER);
  c = headwear_of (&spec, NULL, 0, &r);
  g_assert_cmpint (c->status, ==, GP_CHECK_FAIL);
  g_assert_false (r->ok);
  g_assert_cmpint (gp_checks_first_failure (r->checks)->id, ==, GP_CHECK_HEADWEAR);
  g_assert_cmpstr (c->message, ==, "Take off the hat or cap: the head must be uncovered.");
}

/* Bare heads: the hair as photographed and darkened, at several sizes,
 * places and lights. */
typedef struct {
  const char *name;
  double      zoom;        /* over the neutral composite's size */
  double      eyes_x;      /* share of the width */
  double      brightness;
  double      hair_light;  /* 0: the hair as photographed */
  double      noise;
} Bare;

static const Bare bares[] = {
  { "astronaut", 1.5, 0.5, 1, 0, 0 },
  { "astronaut-small-left", 1.1, 0.45, 1, 0, 0 },
  { "astronaut-dim-noisy", 1.3, 0.52, 0.75, 0, 5 },
  { "dark-brown-hair", 1.5, 0.5, 1, 0.5, 0 },
  { "black-hair", 1.3, 0.5, 1, 0.3, 3 },
};

static void
test_bare (gconstpointer data)
{
  const Bare *b = data;
  GpTestPortraitSpec spec;
  g_autoptr(GpStandardizeResult) r = NULL;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1280, 720);
  spec.scale *= b->zoom;
  spec.eyes_y = 0.5 * spec.height;
  spec.eyes_x = b->eyes_x * spec.width;
  spec.brightness = b->brightness;
  spec.noise = b->noise;
  g_assert_cmpint (headwear_of (&spec, NULL, b->hair_light, &r)->status, ==, GP_CHECK_PASS);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *shipped = NULL;
  const GpTestHat *hats;
  guint n_hats;
  int status;
  static const GpTestBackdrop white = GP_TEST_BACKDROP_WHITE, grey = GP_TEST_BACKDROP_GREY;

  g_test_init (&argc, &argv, NULL);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  profile = gp_profile_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (bares); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/headwear/bare/%s", bares[i].name);

      g_test_add_data_func (path, &bares[i], test_bare);
    }
  g_test_add_func ("/photo/headwear/hopper-cap", test_hopper_cap);
  g_test_add_data_func ("/photo/headwear/white-hat-on/white", &white, test_white_hat_on_white);
  g_test_add_data_func ("/photo/headwear/white-hat-on/light-grey", &grey, test_white_hat_on_white);
  hats = gp_test_hats (&n_hats);
  for (guint i = 0; i < n_hats; i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/headwear/hat/%s", hats[i].name);

      g_test_add_data_func (path, &hats[i], test_hat);
    }
  status = g_test_run ();
  gp_profile_free (profile);
  return status;
}
