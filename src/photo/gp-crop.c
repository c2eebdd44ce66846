/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Where the photo lies in the frame: the scale and offset that put head
 * top, eye line and face width inside the profile's ranges. */
#define G_LOG_DOMAIN "gp-crop"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "photo/gp-crop.h"
#include "photo/gp-photo-encode.h"

G_DEFINE_QUARK (gp-crop-error-quark, gp_crop_error)

/* Enlarging the frame more than this shows as a soft photo. */
#define MAX_UPSCALE     1.5
/* The head top is searched at this face width, in pixels. */
#define SEARCH_FACE     160.0
/* Reference pixels kept inside the head-top and eye-line ranges. */
#define MARGIN          4.0

/**
 * gp_crop_face_ellipse:
 *
 * An ellipse over the face from brows to chin and cheek to cheek, from the
 * landmarks: the matte's anchor.
 */
void
gp_crop_face_ellipse (const GpFace *face,
                      GpEllipse    *ellipse)
{
  GpFaceGeometry g;
  double brow = G_MAXDOUBLE, chin = face->landmarks[8].y;

  g_return_if_fail (face != NULL && ellipse != NULL);

  gp_face_geometry (face, &g);
  for (int i = 17; i <= 26; i++)
    brow = MIN (brow, face->landmarks[i].y);
  ellipse->x = g.center_x;
  ellipse->rx = MAX (g.face_width / 2, 4);
  ellipse->ry = MAX ((chin - brow) / 2 * 1.2, 4);
  ellipse->y = (brow + chin) / 2 - ellipse->ry * 0.1;
}

/**
 * gp_crop_find_head_top:
 * @head_top: (out): the row of @frame where the hair begins
 *
 * Finds the top of the head in the image — the first rows of person above
 * the face, hair included — with a matte of the region around the head at
 * a reduced scale.
 *
 * Returns: %FALSE with a #GP_CROP_ERROR when the head is cut off
 */
gboolean
gp_crop_find_head_top (const GpFrame  *frame,
                       const GpFace   *face,
                       double         *head_top,
                       GError        **error)
{
  GpFaceGeometry g;
  GpEllipse ellipse;
  g_autoptr(GpFrame) region = NULL;
  g_autoptr(GpMatte) matte = NULL;
  double x0, x1, y0, y1, s;
  int top;

  g_return_val_if_fail (frame != NULL && face != NULL && head_top != NULL, FALSE);

  gp_face_geometry (face, &g);
  gp_crop_face_ellipse (face, &ellipse);
  /* The head and the backdrop beside it, down to the chin. */
  x0 = MAX (0, g.center_x - 1.6 * g.face_width);
  x1 = MIN (frame->width, g.center_x + 1.6 * g.face_width);
  y0 = MAX (0, g.eye_line_y - 2.2 * g.face_width);
  y1 = MIN (frame->height, g.eye_line_y + 0.6 * g.face_width);
  s = MIN (1.0, SEARCH_FACE / MAX (g.face_width, 1));
  region = gp_photo_resample (frame, x0, y0, x1 - x0, y1 - y0,
                              MAX (8, (int) lrint ((x1 - x0) * s)), MAX (8, (int) lrint ((y1 - y0) * s)));
  s = region->width / (x1 - x0);
  ellipse.x = (ellipse.x - x0) * s;
  ellipse.y = (ellipse.y - y0) * s;
  ellipse.rx *= s;
  ellipse.ry *= s;
  matte = gp_matte_new (region, &ellipse);
  top = gp_matte_head_top (matte, &ellipse);
  if (top <= 0)
    {
      g_set_error (error, GP_CROP_ERROR, GP_CROP_ERROR_TOO_HIGH, "%s",
                   _("The top of the head is cut off. Sit lower, or tilt the camera up."));
      return FALSE;
    }
  *head_top = y0 + top / s;
  return TRUE;
}

static int
gcd (int a, int b)
{
  while (b != 0)
    {
      int t = a % b;

      a = b;
      b = t;
    }
  return a;
}

static double
clamp_into (double value, double lo, double hi)
{
  return value < lo ? lo : (value > hi ? hi : value);
}

/* Places a crop of scale @k (photo pixels at the smallest height per frame
 * pixel); %FALSE with the reason when it does not fit the frame. */
static gboolean
place (const GpProfile      *profile,
       int                   frame_width,
       int                   frame_height,
       const GpFaceGeometry *geometry,
       double                head_top,
       double                k,
       GpCrop               *crop,
       GpCropError          *reason)
{
  /* A margin inside the ranges: the photo's own matte finds the head top
   * a pixel or two from where the coarse search did. */
  double ht[2] = { profile->head_top[0] + MARGIN, profile->head_top[1] - MARGIN };
  double el[2] = { profile->eye_line[0] + MARGIN, profile->eye_line[1] - MARGIN };
  double h0 = profile->height_min, eye = geometry->eye_line_y;
  double u_lo, u_hi, u, ref_width, centring, x_lo, x_hi;
  GpCheckLimits centre;
  int out_h, out_w;

  out_h = profile->height_min;
  if (profile->height_max > profile->height_min)
    {
      /* A whole number of aspect-ratio steps, so width:height stays exact. */
      int step = profile->height_min / gcd (profile->width_min, profile->height_min);

      out_h = (int) clamp_into (floor (h0 / k / step) * step, profile->height_min, profile->height_max);
    }
  out_w = (int) clamp_into (lrint (out_h * (double) profile->width_min / profile->height_min),
                            profile->width_min, profile->width_max);
  crop->out_width = out_w;
  crop->out_height = out_h;
  crop->scale = k * out_h / h0;
  crop->height = h0 / k;
  ref_width = out_w * h0 / out_h;
  crop->width = ref_width / k;

  if (crop->scale > MAX_UPSCALE)
    {
      *reason = GP_CROP_ERROR_TOO_FAR;
      return FALSE;
    }
  if (crop->height > frame_height || crop->width > frame_width)
    {
      *reason = GP_CROP_ERROR_TOO_CLOSE;
      return FALSE;
    }

  /* Centred, or as near as the centring check's good range allows. */
  gp_profile_get_limits (profile, GP_CHECK_CENTRING, (int) h0, &centre);
  centring = MAX (0, centre.good_max) / k;
  x_lo = geometry->center_x - crop->width / 2 - centring;
  x_hi = geometry->center_x - crop->width / 2 + centring;
  crop->x = clamp_into (geometry->center_x - crop->width / 2, MAX (0, x_lo), MIN (frame_width - crop->width, x_hi));
  if (crop->x < -0.01 || crop->x + crop->width > frame_width + 0.01
      || crop->x < x_lo - 0.01 || crop->x > x_hi + 0.01)
    {
      *reason = GP_CROP_ERROR_OFF_CENTRE;
      return FALSE;
    }

  /* u: the crop's top in reference pixels (k · y); every range allowing,
   * then inside the frame if the ranges leave room to move. */
  u_lo = MAX (eye * k - el[1], head_top * k - ht[1]);
  u_hi = MIN (eye * k - el[0], head_top * k - ht[0]);
  if (u_lo > u_hi)
    {
      *reason = GP_CROP_ERROR_PROPORTIONS;
      return FALSE;
    }
  u = ((eye * k - (el[0] + el[1]) / 2) + (head_top * k - (ht[0] + ht[1]) / 2)) / 2;
  u = clamp_into (u, u_lo, u_hi);
  if (u < 0)
    u = MIN (0, u_hi);
  if (u + h0 > frame_height * k)
    u = MAX (frame_height * k - h0, u_lo);
  crop->y = u / k;
  if (crop->y < -0.01)
    {
      *reason = GP_CROP_ERROR_TOO_HIGH;
      return FALSE;
    }
  if (crop->y + crop->height > frame_height + 0.01)
    {
      *reason = GP_CROP_ERROR_TOO_LOW;
      return FALSE;
    }
  crop->x = MAX (0, crop->x);
  crop->y = MAX (0, crop->y);
  return TRUE;
}

/* How far a placement got before failing: size, then sides, then top. */
static int
rank (GpCropError reason)
{
  switch (reason)
    {
    case GP_CROP_ERROR_OFF_CENTRE:
      return 2;
    case GP_CROP_ERROR_TOO_HIGH:
    case GP_CROP_ERROR_TOO_LOW:
      return 3;
    default:
      return 1;
    }
}

/**
 * gp_crop_compute:
 * @geometry: the face, in frame pixels
 * @head_top: the row where the hair begins, from gp_crop_find_head_top()
 *
 * Chooses scale and offset so that head top, eye line and face width land
 * inside the profile's ranges, as near their middles as they allow, with
 * the face centred. When the frame's edges do not allow that, other scales
 * within the ranges are tried, nearest first. Profiles with a size range
 * get the largest photo the frame's detail supports.
 *
 * Returns: %FALSE with a #GP_CROP_ERROR saying what the person should do
 */
gboolean
gp_crop_compute (const GpProfile      *profile,
                 int                   frame_width,
                 int                   frame_height,
                 const GpFaceGeometry *geometry,
                 double                head_top,
                 GpCrop               *crop,
                 GError              **error)
{
  const double *fw = profile->face_width;
  double ht[2] = { profile->head_top[0] + MARGIN, profile->head_top[1] - MARGIN };
  double el[2] = { profile->eye_line[0] + MARGIN, profile->eye_line[1] - MARGIN };
  double face = geometry->face_width, dh = geometry->eye_line_y - head_top;
  double k_lo, k_hi, k;
  GpCropError reason = GP_CROP_ERROR_PROPORTIONS, first = GP_CROP_ERROR_PROPORTIONS;
  const char *message;

  g_return_val_if_fail (profile != NULL && geometry != NULL && crop != NULL, FALSE);

  k_lo = MAX (fw[0] / face, (el[0] - ht[1]) / dh);
  k_hi = MIN (fw[1] / face, (el[1] - ht[0]) / dh);
  if (face > 0 && dh > 0 && k_lo <= k_hi)
    {
      /* Least squares towards the middles of face width and eye-to-top. */
      double f_mid = (fw[0] + fw[1]) / 2, d_mid = (el[0] + el[1]) / 2 - (ht[0] + ht[1]) / 2;

      k = clamp_into ((face * f_mid + dh * d_mid) / (face * face + dh * dh), k_lo, k_hi);
      for (int step = 0; step <= 40; step++)
        {
          double t = k + (step % 2 == 0 ? 1 : -1) * ((step + 1) / 2) * (k_hi - k_lo) / 20;

          if (t < k_lo - 1e-9 || t > k_hi + 1e-9)
            continue;
          if (place (profile, frame_width, frame_height, geometry, head_top, t, crop, &reason))
            return TRUE;
          /* Report the scale that came nearest to fitting. */
          if (step == 0 || rank (reason) > rank (first))
            first = reason;
        }
      reason = first;
    }
  switch (reason)
    {
    case GP_CROP_ERROR_TOO_FAR:
      message = _("The face is too small in the picture. Come closer to the camera.");
      break;
    case GP_CROP_ERROR_TOO_CLOSE:
      message = _("The head is too large for the picture. Move back from the camera.");
      break;
    case GP_CROP_ERROR_OFF_CENTRE:
      message = _("The face is too near the edge of the picture. Move to the middle, in front of the camera.");
      break;
    case GP_CROP_ERROR_TOO_HIGH:
      message = _("The head is too near the top of the picture. Sit lower, or tilt the camera up.");
      break;
    case GP_CROP_ERROR_TOO_LOW:
      message = _("The face is too low in the picture. Sit up straight, or tilt the camera down.");
      break;
    case GP_CROP_ERROR_PROPORTIONS:
    default:
      message = _("The head’s height and width do not fit the photo’s proportions. Face the camera, sit upright and keep hair and headwear off the head’s top.");
      break;
    }
  g_set_error_literal (error, GP_CROP_ERROR, reason, message);
  return FALSE;
}
