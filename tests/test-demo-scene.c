/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#include "config.h"

#include <string.h>

#include "camera/gp-demo-scene.h"
#include "scan/gp-qr-reader.h"

/* The demo camera's card must be readable by the kiosk's own scanner. */
static void
test_card_scans_back_to_its_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) card = gp_demo_scene_render_card ("GPDEMO7K3Q9X2M4T", GP_DEMO_SCENE_WIDTH,
                                                       GP_DEMO_SCENE_HEIGHT, &error);
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_no_error (error);
  codes = gp_qr_reader_decode (reader, card);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (((GpQrCode *) g_ptr_array_index (codes, 0))->payload, ==, "GPDEMO7K3Q9X2M4T");
}

static void
test_portrait_on_blue_backdrop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mask = g_test_build_filename (G_TEST_DIST, "..", "data", "portraits",
                                                 "portrait-hopper-mask.png", NULL);
  g_autoptr(GpFrame) scene = gp_demo_scene_render_portrait (DEMO_PORTRAIT, mask, 1280, 720, &error);
  const guint8 *corner;

  g_assert_no_error (error);
  g_assert_cmpint (scene->width, ==, 1280);
  corner = scene->data + 10 * scene->stride + 3 * 10;
  g_assert_cmpint (corner[2], >, corner[0] + 80);
}

static void
test_missing_portrait_says_which_package (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) scene = gp_demo_scene_render_portrait ("/nonexistent/portrait.jpg", "/nonexistent/mask.png",
                                                                  640, 360, &error);

  g_assert_null (scene);
  g_assert_error (error, GP_DEMO_SCENE_ERROR, GP_DEMO_SCENE_ERROR_PORTRAIT);
  g_assert_nonnull (strstr (error->message, "python-matplotlib-data"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo-scene/card/scans-back-to-its-code", test_card_scans_back_to_its_code);
  g_test_add_func ("/demo-scene/portrait/blue-backdrop", test_portrait_on_blue_backdrop);
  g_test_add_func ("/demo-scene/portrait/missing-says-which-package", test_missing_portrait_says_which_package);
  return g_test_run ();
}
