/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Compliance checks on a finished photo: each measures one thing the
 * standard asks, against the profile's limits, and says what to do. */
#define G_LOG_DOMAIN "gp-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "photo/gp-check-brows.h"
#include "photo/gp-check-clothing.h"
#include "photo/gp-check-earrings.h"
#include "photo/gp-check-ears.h"
#include "photo/gp-check-glare.h"
#include "photo/gp-check-headwear.h"
#include "photo/gp-check-sharpness.h"
#include "photo/gp-check-skin-clothing.h"
#include "photo/gp-check-objects.h"
#include "photo/gp-check-teeth.h"
#include "photo/gp-check-tint.h"
#include "photo/gp-checks.h"
#include "photo/gp-crop.h"

/* What to do when the value is below the range, and above it. */
static const struct {
  const char *low;
  const char *high;
} instructions[GP_CHECK_N] = {
  [GP_CHECK_FACES] = { N_("No face found: look straight into the camera."),
                       N_("Only one person may be in the picture.") },
  [GP_CHECK_FACE_WIDTH] = { N_("The face is too small: come closer to the camera."),
                            N_("The face is too large: move back from the camera.") },
  [GP_CHECK_EYE_LINE] = { N_("The eyes are too high in the photo: crop it again with the eyes lower."),
                          N_("The eyes are too low in the photo: crop it again with the eyes higher.") },
  [GP_CHECK_HEAD_TOP] = { N_("Too little room above the head: crop it again with more room."),
                          N_("Too much room above the head: crop it again closer to the head.") },
  [GP_CHECK_CENTRING] = { N_("The face is left of the middle: move to the middle."),
                          N_("The face is right of the middle: move to the middle.") },
  [GP_CHECK_ROLL] = { N_("Hold the head straight, not tilted."),
                      N_("Hold the head straight, not tilted.") },
  [GP_CHECK_YAW] = { N_("Face the camera directly, not turned to one side."),
                     N_("Face the camera directly, not turned to one side.") },
  [GP_CHECK_EYES_OPEN] = { N_("Open both eyes and look into the camera."),
                           N_("Open both eyes and look into the camera.") },
  [GP_CHECK_MOUTH_CLOSED] = { N_("Close the mouth."), N_("Close the mouth.") },
  [GP_CHECK_SHARPNESS] = { N_("The photo is blurred: hold still and check the focus."),
                           N_("The photo is blurred: hold still and check the focus.") },
  [GP_CHECK_EXPOSURE] = { N_("The face is too dark: add light in front of the person."),
                          N_("The face is too bright: reduce the light or the exposure.") },
  [GP_CHECK_CLIPPING] = { N_("Parts of the face are overexposed: reduce the light or the exposure."),
                          N_("Parts of the face are overexposed: reduce the light or the exposure.") },
  [GP_CHECK_EVEN_LIGHT] = { N_("The face’s right side (in the photo) is darker: light both sides evenly."),
                            N_("The face’s left side (in the photo) is darker: light both sides evenly.") },
  [GP_CHECK_BACKGROUND] = { N_("The background is not plain: use a uniform backdrop of the profile’s colour."),
                            N_("The background is not plain: use a uniform backdrop of the profile’s colour.") },
  [GP_CHECK_CLOTHING] = { N_("The clothing is too close to the background colour: wear another colour."),
                          N_("The clothing is too close to the background colour: wear another colour.") },
  [GP_CHECK_GLARE] = { N_("Reflections on the glasses: tilt them slightly, or move the lights."),
                       N_("Reflections on the glasses: tilt them slightly, or move the lights.") },
  [GP_CHECK_TEETH] = { N_("Close the lips: the teeth must not show."),
                       N_("Close the lips: the teeth must not show.") },
  [GP_CHECK_TINTED_GLASSES] = { N_("Tinted glasses or sunglasses: take them off, or wear clear glasses."),
                                N_("Tinted glasses or sunglasses: take them off, or wear clear glasses.") },
  [GP_CHECK_BACKGROUND_OBJECTS] = { N_("Something stands behind the person (a flag, a poster, a chair, another person): clear the backdrop around the head and shoulders."),
                                    N_("Something stands behind the person (a flag, a poster, a chair, another person): clear the backdrop around the head and shoulders.") },
  [GP_CHECK_SKIN_CLOTHING] = { N_("The clothing is close to the skin’s colour: wear a top of another colour (not yellow or beige)."),
                               N_("The clothing is close to the skin’s colour: wear a top of another colour (not yellow or beige).") },
  [GP_CHECK_EYEBROWS] = { N_("Hair covers the eyebrows: brush it aside so both eyebrows show."),
                          N_("Hair covers the eyebrows: brush it aside so both eyebrows show.") },
  [GP_CHECK_EARS] = { N_("Hair covers the ears: tuck it behind them so both ears show."),
                      N_("Hair covers the ears: tuck it behind them so both ears show.") },
  [GP_CHECK_HEADWEAR] = { N_("Take off the hat or cap: the head must be uncovered."),
                          N_("Take off the hat or cap: the head must be uncovered.") },
  [GP_CHECK_EARRINGS] = { N_("Take off the earrings: no jewellery in the photo."),
                          N_("Take off the earrings: no jewellery in the photo.") },
};

const char *
gp_check_status_to_string (GpCheckStatus status)
{
  switch (status)
    {
    case GP_CHECK_PASS:
      return "pass";
    case GP_CHECK_WARN:
      return "warn";
    case GP_CHECK_FAIL:
      return "fail";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * gp_checks_add:
 * @height: the photo's height, which some limits scale with
 *
 * Appends check @id with @value, judged by @profile's limits.
 */
void
gp_checks_add (GArray          *checks,
               const GpProfile *profile,
               int              height,
               GpCheckId        id,
               double           value)
{
  GpCheckLimits l;
  GpCheck check = { id, GP_CHECK_PASS, value, 0, 0, NULL };

  gp_profile_get_limits (profile, id, height, &l);
  check.min = l.min;
  check.max = l.max;
  if (!isfinite (value) || value < l.min || value > l.max)
    check.status = GP_CHECK_FAIL;
  else if (value < l.good_min || value > l.good_max)
    check.status = GP_CHECK_WARN;
  if (check.status != GP_CHECK_PASS)
    check.message = _(isfinite (value) && value > l.good_max ? instructions[id].high : instructions[id].low);
  g_array_append_val (checks, check);
}

typedef struct {
  int x0, y0, x1, y1;  /* inclusive-exclusive */
} Box;

static Box
box_clip (double x0, double y0, double x1, double y1, const GpFrame *f)
{
  Box b = { (int) CLAMP (floor (x0), 0, f->width), (int) CLAMP (floor (y0), 0, f->height),
            (int) CLAMP (ceil (x1), 0, f->width), (int) CLAMP (ceil (y1), 0, f->height) };

  return b;
}

static inline double
luma (const guint8 *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

static double
mean_luma (const GpFrame *f, Box b)
{
  double sum = 0;
  guint n = 0;

  for (int y = b.y0; y < b.y1; y++)
    for (int x = b.x0; x < b.x1; x++, n++)
      sum += luma (f->data + (gsize) y * f->stride + (gsize) x * 3);
  return n > 0 ? sum / n : NAN;
}

/* Share of pixels with every channel at or above @level. */
static double
bright_share (const GpFrame *f, Box b, int level)
{
  guint n = 0, hit = 0;

  for (int y = b.y0; y < b.y1; y++)
    for (int x = b.x0; x < b.x1; x++, n++)
      {
        const guint8 *p = f->data + (gsize) y * f->stride + (gsize) x * 3;

        hit += p[0] >= level && p[1] >= level && p[2] >= level;
      }
  return n > 0 ? (double) hit / n : 0;
}

static double
colour_distance (const double a[3], const guint8 b[3])
{
  return sqrt ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

/* RMS distance of the backdrop's pixels from the profile colour. */
static double
background_deviation (const GpFrame *f, const GpMatte *matte, const guint8 colour[3])
{
  double sum = 0;
  guint n = 0;

  for (int y = 0; y < f->height; y += 2)
    for (int x = 0; x < f->width; x += 2)
      {
        const guint8 *p = f->data + (gsize) y * f->stride + (gsize) x * 3;
        double d[3] = { p[0], p[1], p[2] };
        double dist;

        if (matte->alpha->data[(gsize) y * matte->alpha->stride + x] != 0)
          continue;
        dist = colour_distance (d, colour);
        sum += dist * dist;
        n++;
      }
  return n > 0 ? sqrt (sum / n) : NAN;
}

/**
 * gp_checks_run:
 *
 * Runs every check that the photo allows: with no face, only the face
 * count. Geometric limits scale with the photo's height.
 *
 * Returns: (transfer full) (element-type GpCheck): the checks, in #GpCheckId order
 */
GArray *
gp_checks_run (const GpCheckInput *input,
               const GpProfile    *profile)
{
  GArray *checks = g_array_new (FALSE, FALSE, sizeof (GpCheck));
  const GpFrame *f;
  const GpFace *face;
  const GpPoint *lm;
  g_autoptr(GpMatte) own_matte = NULL;
  const GpMatte *matte;
  GpFaceGeometry g;
  GpEllipse ellipse;
  GpLab cheeks;
  Box skin, left, right;
  double nose_x, ed;
  int h;

  g_return_val_if_fail (input != NULL && input->photo != NULL && profile != NULL, checks);

  f = input->photo;
  h = f->height;
  gp_checks_add (checks, profile, h, GP_CHECK_FACES, input->n_faces);
  if (input->n_faces == 0)
    return checks;

  face = &input->faces[0];
  lm = face->landmarks;
  /* The eyes' openness is read from the photo: the eyelid landmarks
   * follow glasses' rims and deep sockets and stay apart when lids close. */
  gp_face_geometry_in_frame (face, f, &g);
  gp_crop_face_ellipse (face, &ellipse);
  matte = input->matte;
  if (matte == NULL)
    matte = own_matte = gp_matte_new (f, &ellipse);

  ed = g.eye_distance;
  nose_x = lm[30].x;
  gp_checks_add (checks, profile, h, GP_CHECK_FACE_WIDTH, g.face_width);
  gp_checks_add (checks, profile, h, GP_CHECK_EYE_LINE, g.eye_line_y);
  gp_checks_add (checks, profile, h, GP_CHECK_HEAD_TOP, gp_matte_head_top (matte, &ellipse));
  gp_checks_add (checks, profile, h, GP_CHECK_CENTRING, g.center_x - f->width / 2.0);
  gp_checks_add (checks, profile, h, GP_CHECK_ROLL, g.roll);
  gp_checks_add (checks, profile, h, GP_CHECK_YAW, g.yaw);
  gp_checks_add (checks, profile, h, GP_CHECK_EYES_OPEN, MIN (g.left_eye_open, g.right_eye_open));
  gp_checks_add (checks, profile, h, GP_CHECK_MOUTH_CLOSED, g.mouth_open);

  /* The cheeks and nose between the eyes' outer corners, eye line to lip. */
  skin = box_clip (lm[36].x, g.eye_line_y + 0.15 * ed, lm[45].x, lm[51].y, f);
  left = box_clip (lm[36].x, g.eye_line_y + 0.2 * ed, nose_x - 0.15 * ed, lm[33].y, f);
  right = box_clip (nose_x + 0.15 * ed, g.eye_line_y + 0.2 * ed, lm[45].x, lm[33].y, f);
  gp_checks_add (checks, profile, h, GP_CHECK_SHARPNESS, gp_check_sharpness_blur (f, face));
  gp_checks_add (checks, profile, h, GP_CHECK_EXPOSURE, mean_luma (f, skin));
  gp_checks_add (checks, profile, h, GP_CHECK_CLIPPING, bright_share (f, skin, 250));
  {
    double l = mean_luma (f, left), r = mean_luma (f, right);

    gp_checks_add (checks, profile, h, GP_CHECK_EVEN_LIGHT, (r - l) / MAX ((l + r) / 2, 1));
  }
  gp_checks_add (checks, profile, h, GP_CHECK_BACKGROUND, background_deviation (f, matte, profile->background));
  gp_checks_add (checks, profile, h, GP_CHECK_CLOTHING,
                 gp_check_clothing_share (f, input->original, matte, face, profile->background));
  gp_checks_add (checks, profile, h, GP_CHECK_GLARE, gp_check_glare_share (f, face));
  gp_checks_add (checks, profile, h, GP_CHECK_TEETH, gp_check_teeth_share (f, face));
  gp_checks_add (checks, profile, h, GP_CHECK_TINTED_GLASSES, gp_check_tint_light (f, face));
  gp_checks_add (checks, profile, h, GP_CHECK_BACKGROUND_OBJECTS, gp_check_objects_share (matte, &ellipse));
  /* The skin's colour, once for the checks that compare with it. */
  gp_check_colour_cheeks (f, face, &cheeks);
  gp_checks_add (checks, profile, h, GP_CHECK_SKIN_CLOTHING, gp_check_skin_clothing_share (f, matte, face, &cheeks));
  gp_checks_add (checks, profile, h, GP_CHECK_EYEBROWS, gp_check_brows_skin (f, face, &cheeks));
  gp_checks_add (checks, profile, h, GP_CHECK_EARS, gp_check_ears_skin (f, face, &cheeks));
  gp_checks_add (checks, profile, h, GP_CHECK_HEADWEAR, gp_check_headwear_cover (f, matte, face));
  gp_checks_add (checks, profile, h, GP_CHECK_EARRINGS,
                 gp_check_earrings_jewel (input->original != NULL ? input->original : f, matte, face, &cheeks));
  return checks;
}

/**
 * gp_checks_first_failure:
 *
 * Returns: (nullable): the first failed check, %NULL when none failed
 */
const GpCheck *
gp_checks_first_failure (GArray *checks)
{
  const GpCheck *glare, *tint, *hat;

  g_return_val_if_fail (checks != NULL, NULL);

  /* A reflection on glasses hides the eyes, which can then read as shut or
   * as tilted (their landmarks slide to the glint): the instruction to give
   * is about the reflection. Dark lenses also
   * darken the face around the eyes: the instruction is about the lenses,
   * not the light. A cap's visor shadows the brows, a hat covers the ears
   * and its brim stands out beside the head: the instruction is to take
   * it off. */
  glare = gp_checks_find (checks, GP_CHECK_GLARE);
  tint = gp_checks_find (checks, GP_CHECK_TINTED_GLASSES);
  hat = gp_checks_find (checks, GP_CHECK_HEADWEAR);
  for (guint i = 0; i < checks->len; i++)
    {
      const GpCheck *check = &g_array_index (checks, GpCheck, i);

      if (check->status != GP_CHECK_FAIL)
        continue;
      if ((check->id == GP_CHECK_EYES_OPEN || check->id == GP_CHECK_ROLL) && glare != NULL
          && glare->status == GP_CHECK_FAIL)
        return glare;
      if ((check->id == GP_CHECK_EYES_OPEN || check->id == GP_CHECK_EXPOSURE || check->id == GP_CHECK_EVEN_LIGHT)
          && tint != NULL && tint->status == GP_CHECK_FAIL)
        return tint;
      if ((check->id == GP_CHECK_EYEBROWS || check->id == GP_CHECK_EARS || check->id == GP_CHECK_BACKGROUND_OBJECTS)
          && hat != NULL && hat->status == GP_CHECK_FAIL)
        return hat;
      return check;
    }
  return NULL;
}

GpCheck *
gp_checks_find (GArray    *checks,
                GpCheckId  id)
{
  g_return_val_if_fail (checks != NULL, NULL);

  for (guint i = 0; i < checks->len; i++)
    if (g_array_index (checks, GpCheck, i).id == id)
      return &g_array_index (checks, GpCheck, i);
  return NULL;
}
