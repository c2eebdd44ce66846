/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Backdrop separation against the composites' true masks: overlap, error
 * at the edges, and the replaced backdrop exactly the profile's colour. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "photo/gp-crop.h"
#include "photo/gp-matte.h"

#include "gp-test-portrait.h"

typedef struct {
  const char     *name;
  GpTestSubject   subject;
  GpTestBackdrop  backdrop;
  double          eyes_x;   /* in frame widths */
  double          min_iou;
  double          max_edge_error;
  const double   *clothing;  /* recoloured clothing (with the folds), or NULL */
} Case;

#define RGB(r, g, b) ((const double[3]) { r, g, b })

/* Measured: IoU 0.99 / 0.94 / 0.98, edge error 0.21–0.36 (hopper blue,
 * hopper white or grey: the white collar is lost, astronaut blue). On
 * white the astronaut's white suit partly goes with the cloth: IoU 0.92. */
static const Case cases[] = {
  { "hopper-blue", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 0.5, 0.98, 0.25 },
  { "hopper-blue-left", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 0.35, 0.98, 0.25 },
  { "hopper-white", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_WHITE, 0.5, 0.93, 0.3 },
  { "hopper-grey", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_GREY, 0.5, 0.93, 0.3 },
  { "astronaut-blue", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, 0.5, 0.97, 0.4 },
  { "astronaut-white", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_WHITE, 0.6, 0.9, 0.45 },
  /* Clothing darker than a blue cloth, of its colour or of none, is not
   * the cloth in shadow. (Mid grey on white is: IoU 0.57, the grey's
   * lighter folds go with the backdrop.) */
  { "navy-suit-on-blue", GP_TEST_SUBJECT_HOPPER, GP_TEST_BACKDROP_BLUE, 0.5, 0.97, 0.3, RGB (40, 50, 100) },
  { "dark-grey-suit-on-blue", GP_TEST_SUBJECT_ASTRONAUT, GP_TEST_BACKDROP_BLUE, 0.5, 0.97, 0.4, RGB (90, 90, 90) },
};

static void
ellipse_from_truth (const GpTestPortraitTruth *t, GpEllipse *e)
{
  double eye_y = (t->left_eye_y + t->right_eye_y) / 2;

  e->x = t->face_center_x;
  e->rx = t->face_width / 2;
  e->y = (eye_y - 0.25 * t->face_width + t->chin_y) / 2;
  e->ry = (t->chin_y - eye_y + 0.25 * t->face_width) / 2 * 1.2;
}

static void
test_against_truth (gconstpointer data)
{
  const Case *c = data;
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpMatte) matte = NULL;
  g_autoptr(GpFrame) photo = NULL;
  static const guint8 colours[][3] = { { 100, 197, 255 }, { 255, 255, 255 }, { 240, 240, 240 } };
  GpEllipse ellipse;
  guint64 inter = 0, uni = 0, edge_n = 0, bg_n = 0, bg_exact = 0;
  double edge_err = 0, iou;

  gp_test_portrait_spec_init (&spec, c->subject, 1280, 720);
  spec.scale *= 1.4;
  spec.eyes_x = c->eyes_x * spec.width;
  spec.eyes_y = 0.5 * spec.height;
  spec.backdrop = c->backdrop;
  if (c->clothing != NULL)
    {
      spec.clothing_tint = 1;
      memcpy (spec.clothing_rgb, c->clothing, sizeof spec.clothing_rgb);
    }
  frame = gp_test_portrait_compose (&spec, &truth);
  ellipse_from_truth (&truth, &ellipse);
  matte = gp_matte_new (frame, &ellipse);
  /* Replace a backdrop with another colour, so the test sees each change. */
  photo = gp_matte_composite (matte, frame, colours[(c->backdrop + 1) % 3]);

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      {
        int a = matte->alpha->data[(gsize) y * matte->alpha->stride + x];
        int m = truth.mask->data[(gsize) y * truth.mask->stride + x];
        gboolean fa = a >= 128, fm = m >= 128;
        gboolean edge = FALSE;

        inter += fa && fm;
        uni += fa || fm;
        /* The edge band: within 2 pixels of the true boundary. */
        for (int dy = -2; dy <= 2 && !edge; dy++)
          for (int dx = -2; dx <= 2 && !edge; dx++)
            {
              int yy = CLAMP (y + dy, 0, frame->height - 1), xx = CLAMP (x + dx, 0, frame->width - 1);

              edge = (truth.mask->data[(gsize) yy * truth.mask->stride + xx] >= 128) != fm;
            }
        if (edge)
          {
            edge_err += abs (a - m) / 255.0;
            edge_n++;
          }
        /* Clear backdrop, away from the person: exactly the new colour. */
        if (m == 0 && !edge)
          {
            const guint8 *p = photo->data + (gsize) y * photo->stride + (gsize) x * 3;

            bg_n++;
            bg_exact += memcmp (p, colours[(c->backdrop + 1) % 3], 3) == 0;
          }
      }
  iou = (double) inter / MAX (uni, 1);
  edge_err /= MAX (edge_n, 1);
  g_test_message ("%s: IoU %.4f, mean alpha error at the edges %.3f, backdrop replaced exactly %.4f",
                  c->name, iou, edge_err, (double) bg_exact / bg_n);
  g_assert_cmpfloat (iou, >=, c->min_iou);
  g_assert_cmpfloat (edge_err, <=, c->max_edge_error);
  g_assert_cmpfloat ((double) bg_exact / bg_n, >=, 0.995);
  gp_test_portrait_truth_clear (&truth);
}

/* A second person beside the first is no part of the matte. */
static void
test_second_person_removed (void)
{
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpMatte) matte = NULL;
  GpEllipse ellipse;
  guint64 wrong = 0;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1280, 720);
  spec.eyes_x = 0.4 * spec.width;
  spec.second_face = TRUE;
  frame = gp_test_portrait_compose (&spec, &truth);
  ellipse_from_truth (&truth, &ellipse);
  matte = gp_matte_new (frame, &ellipse);
  for (int y = 0; y < frame->height; y++)
    for (int x = (int) (0.7 * frame->width); x < frame->width; x++)
      wrong += matte->alpha->data[(gsize) y * matte->alpha->stride + x] >= 128
               && truth.mask->data[(gsize) y * truth.mask->stride + x] < 128;
  g_test_message ("second person's pixels kept: %" G_GUINT64_FORMAT, wrong);
  g_assert_cmpuint (wrong, <, 200);
  gp_test_portrait_truth_clear (&truth);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/matte/truth/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_against_truth);
    }
  g_test_add_func ("/photo/matte/second-person-removed", test_second_person_removed);
  return g_test_run ();
}
