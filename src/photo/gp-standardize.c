/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* From a camera frame to a compliant photo: faces, crop, backdrop, JPEG,
 * checks — one call, with the time each stage took. */
#define G_LOG_DOMAIN "gp-standardize"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "photo/gp-check-headwear.h"
#include "photo/gp-crop.h"
#include "photo/gp-matte.h"
#include "photo/gp-photo-encode.h"
#include "photo/gp-standardize.h"
#include "vision/gp-face-tilted.h"

G_DEFINE_QUARK (gp-standardize-error-quark, gp_standardize_error)

/* Six times a 1080p frame: more is not a camera frame. */
#define MAX_PIXELS (6 * 1920 * 1080)

static const char * const stage_names[GP_STAGE_N] = {
  [GP_STAGE_DETECT] = "detect",
  [GP_STAGE_CROP] = "crop",
  [GP_STAGE_MATTE] = "matte",
  [GP_STAGE_ENCODE] = "encode",
  [GP_STAGE_CHECKS] = "checks",
};

const char *
gp_stage_to_string (GpStage stage)
{
  g_return_val_if_fail ((guint) stage < GP_STAGE_N, NULL);

  return stage_names[stage];
}

void
gp_standardize_result_free (GpStandardizeResult *result)
{
  if (result == NULL)
    return;
  g_clear_error (&result->error);
  g_free (result->output);
  g_clear_pointer (&result->checks, g_array_unref);
  g_clear_pointer (&result->jpeg, g_bytes_unref);
  g_clear_pointer (&result->photo, gp_frame_unref);
  g_free (result);
}

static GpStandardizeResult *
result_new (void)
{
  GpStandardizeResult *result = g_new0 (GpStandardizeResult, 1);

  result->checks = g_array_new (FALSE, FALSE, sizeof (GpCheck));
  return result;
}

static void
lap (GpStandardizeResult *result, GpStage stage, gint64 *since)
{
  gint64 now = g_get_monotonic_time ();

  result->ms[stage] += (now - *since) / 1000.0;
  *since = now;
}

static GpStandardizeResult *
finish (GpStandardizeResult *result, gint64 start)
{
  result->ms_total = (g_get_monotonic_time () - start) / 1000.0;
  result->ok = result->error == NULL;
  return result;
}

/* A face count the photo cannot have, as the face check reports it. */
static void
count_faces (GpStandardizeResult *result, const GpProfile *profile, guint n)
{
  GpCheckLimits l;
  GpCheck check = { GP_CHECK_FACES, GP_CHECK_FAIL, n, 0, 0, NULL };

  gp_profile_get_limits (profile, GP_CHECK_FACES, profile->height_min, &l);
  check.min = l.min;
  check.max = l.max;
  if (n == 0)
    {
      check.message = _("No face found: look straight into the camera.");
      g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_NO_FACE, "%s",
                   _("No face was found. Look straight into the camera, in good light."));
    }
  else
    {
      check.message = _("Only one person may be in the picture.");
      g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_FACES,
                   _("%u faces were found. Only one person may be in the picture."), n);
    }
  g_array_append_val (result->checks, check);
}

/* Turns of the frame to search when no face is found upright, in degrees. */
static const double tilts[] = { 12, -12 };

/* The weakest detection taken as a face when no other is found: dlib's
 * own threshold. */
#define TURNED_MIN_SCORE 0.0

static GArray *
detect (GpStandardizeResult *result,
        const GpFrame       *frame,
        const GpProfile     *profile,
        GpFaceDetector      *detector)
{
  g_autoptr(GArray) faces = NULL;

  if ((gint64) frame->width * frame->height > MAX_PIXELS)
    {
      g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_TOO_LARGE,
                   _("The image has %d × %d pixels, more than a camera frame. Use the camera’s picture, not a scan or a collage."),
                   frame->width, frame->height);
      return NULL;
    }
  if (detector == NULL)
    detector = gp_face_detector_get_default (&result->error);
  if (detector == NULL)
    return NULL;
  faces = gp_face_detector_detect (detector, frame, &result->error);
  if (faces == NULL)
    return NULL;
  /* The detector finds heads tilted up to about 8°; one tilted more is
   * searched for in the frame turned back, so that the student is told to
   * straighten up rather than that no face is there. */
  for (int i = 0; faces->len == 0 && i < (int) G_N_ELEMENTS (tilts); i++)
    {
      g_array_unref (faces);
      faces = gp_face_detect_tilted (detector, frame, tilts[i], &result->error);
      if (faces == NULL)
        return NULL;
    }
  /* A head turned 20–25° away scores 0–0.3, where the default drops it:
   * when nothing else is found, the best of the weak detections is taken,
   * so that the student is told to face the camera (the yaw check) rather
   * than that no face is there. Only the best: weak detections are no
   * count of faces. */
  if (faces->len == 0)
    {
      g_array_unref (faces);
      faces = gp_face_detector_detect_scored (detector, frame, TURNED_MIN_SCORE, &result->error);
      if (faces == NULL)
        return NULL;
      if (faces->len > 1)
        g_array_set_size (faces, 1);
    }
  if (faces->len != 1)
    {
      count_faces (result, profile, faces->len);
      return NULL;
    }
  return g_steal_pointer (&faces);
}

/* Where the crop reaches past the frame's top or sides, the photo is the
 * background colour: those rows and columns were only the frame's edge
 * repeated. */
static void
fill_margin (GpFrame *photo, const GpFrame *frame, const GpCrop *crop, const guint8 colour[3])
{
  if (crop->x >= 0 && crop->y >= 0 && crop->x + crop->width <= frame->width)
    return;
  for (int y = 0; y < photo->height; y++)
    {
      double sy = crop->y + (y + 0.5) / crop->scale;

      for (int x = 0; x < photo->width; x++)
        {
          double sx = crop->x + (x + 0.5) / crop->scale;

          if (sy < 0 || sx < 0 || sx > frame->width)
            memcpy (photo->data + (gsize) y * photo->stride + (gsize) x * 3, colour, 3);
        }
    }
}

static void
set_geometry (GpStandardizeResult *result, const GpFace *face, const GpMatte *matte)
{
  GpFaceGeometry g;
  GpEllipse ellipse;

  gp_face_geometry (face, &g);
  gp_crop_face_ellipse (face, &ellipse);
  result->has_face = TRUE;
  result->left_eye = g.left_eye;
  result->right_eye = g.right_eye;
  result->face_width = g.face_width;
  result->head_top = gp_matte_head_top (matte, &ellipse);
}

static void
fail_on_checks (GpStandardizeResult *result)
{
  const GpCheck *failed = gp_checks_first_failure (result->checks);

  if (failed != NULL)
    g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_CHECK_FAILED,
                 /* Translators: the check's id, then what to do */
                 _("The photo fails the “%s” check. %s"),
                 gp_check_id_to_string (failed->id), failed->message);
}

/* @face, found in a frame, to the pixels of the part of it from (@x0, @y0)
 * resampled by @scale (pixel centres at whole numbers). */
static void
place_face (GpFace *face, double x0, double y0, double scale)
{
  face->left = (face->left + 0.5 - x0) * scale - 0.5;
  face->right = (face->right + 0.5 - x0) * scale - 0.5;
  face->top = (face->top + 0.5 - y0) * scale - 0.5;
  face->bottom = (face->bottom + 0.5 - y0) * scale - 0.5;
  for (int i = 0; i < GP_FACE_N_LANDMARKS; i++)
    {
      face->landmarks[i].x = (face->landmarks[i].x + 0.5 - x0) * scale - 0.5;
      face->landmarks[i].y = (face->landmarks[i].y + 0.5 - y0) * scale - 0.5;
    }
}

/* A head whose height and width do not fit is, as often as not, a hat of
 * the backdrop's colour that the separation takes for backdrop. The band
 * just above the brows, head on any head, is looked at in the frame, at
 * the photo's scale: when a hat covers it, that is the instruction to give. */
static void
refuse_headwear_instead (GpStandardizeResult *result,
                         const GpFrame       *frame,
                         const GpFace        *face,
                         const GpProfile     *profile)
{
  GpFaceGeometry g;
  GpFace scaled = *face;
  const GpCheck *hat;
  g_autoptr(GpFrame) region = NULL;
  double x0, y0, x1, y1, s;

  gp_face_geometry (face, &g);
  x0 = MAX (0, g.center_x - g.face_width);
  x1 = MIN (frame->width, g.center_x + g.face_width);
  y0 = MAX (0, g.eye_line_y - 1.5 * g.face_width);
  y1 = MIN (frame->height, g.eye_line_y + 0.8 * g.face_width);
  s = (profile->face_width[0] + profile->face_width[1]) / 2 / MAX (g.face_width, 1);
  if (x1 - x0 < 8 || y1 - y0 < 8)
    return;
  region = gp_photo_resample (frame, x0, y0, x1 - x0, y1 - y0,
                              MAX (8, (int) lrint ((x1 - x0) * s)), MAX (8, (int) lrint ((y1 - y0) * s)));
  place_face (&scaled, x0, y0, region->width / (x1 - x0));
  gp_checks_add (result->checks, profile, region->height, GP_CHECK_HEADWEAR,
                 gp_check_headwear_cover (region, NULL, &scaled));
  hat = gp_checks_find (result->checks, GP_CHECK_HEADWEAR);
  if (hat->status == GP_CHECK_FAIL)
    {
      g_clear_error (&result->error);
      fail_on_checks (result);
    }
}

/**
 * gp_standardize:
 * @frame: an RGB camera frame
 * @detector: (nullable): the face detector; %NULL for the shared one
 * @output: (nullable): where to write the photo
 *
 * Makes the profile's photo from @frame: one face, cropped by scale and
 * offset only, the backdrop replaced by the profile's colour, encoded at
 * the best quality that fits, then checked. The file is written only when
 * every check passes (warnings allowed).
 *
 * Returns: (transfer full): the result, never %NULL; see its @ok and @error
 */
GpStandardizeResult *
gp_standardize (const GpFrame   *frame,
                const GpProfile *profile,
                GpFaceDetector  *detector,
                const char      *output)
{
  GpStandardizeResult *result = result_new ();
  gint64 start = g_get_monotonic_time (), since = start;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GpFrame) cropped = NULL;
  g_autoptr(GpMatte) matte = NULL;
  GpFace face;
  GpFaceGeometry g;
  GpEllipse ellipse;
  GpCrop crop;
  double head_top;
  GpCheckInput input = { 0 };

  g_return_val_if_fail (frame != NULL && profile != NULL, result);

  faces = detect (result, frame, profile, detector);
  lap (result, GP_STAGE_DETECT, &since);
  if (faces == NULL)
    return finish (result, start);

  face = g_array_index (faces, GpFace, 0);
  gp_face_geometry (&face, &g);
  if (!gp_crop_find_head_top (frame, &face, &head_top, &result->error)
      || !gp_crop_compute (profile, frame->width, frame->height, &g, head_top, &crop, &result->error))
    {
      if (g_error_matches (result->error, GP_CROP_ERROR, GP_CROP_ERROR_PROPORTIONS))
        refuse_headwear_instead (result, frame, &face, profile);
      lap (result, GP_STAGE_CROP, &since);
      return finish (result, start);
    }
  cropped = gp_photo_resample (frame, crop.x, crop.y, crop.width, crop.height, crop.out_width, crop.out_height);
  place_face (&face, crop.x, crop.y, crop.scale);
  result->width = crop.out_width;
  result->height = crop.out_height;
  result->crop = crop;
  lap (result, GP_STAGE_CROP, &since);

  gp_crop_face_ellipse (&face, &ellipse);
  matte = gp_matte_new (cropped, &ellipse);
  result->photo = gp_matte_composite (matte, cropped, profile->background);
  fill_margin (result->photo, frame, &crop, profile->background);
  set_geometry (result, &face, matte);
  lap (result, GP_STAGE_MATTE, &since);

  result->jpeg = gp_photo_encode (result->photo, profile, &result->quality, &result->error);
  lap (result, GP_STAGE_ENCODE, &since);

  input.photo = result->photo;
  /* The clothing check tells clothes of the backdrop's colour from clothes
   * the matte dropped by looking at the crop before replacement. */
  input.original = cropped;
  input.matte = matte;
  input.faces = &face;
  input.n_faces = 1;
  g_array_unref (result->checks);
  result->checks = gp_checks_run (&input, profile);
  lap (result, GP_STAGE_CHECKS, &since);
  if (result->error == NULL)
    fail_on_checks (result);

  if (result->error == NULL && output != NULL)
    {
      if (gp_photo_write (result->jpeg, output, &result->error))
        result->output = g_strdup (output);
      lap (result, GP_STAGE_ENCODE, &since);
    }
  return finish (result, start);
}

/**
 * gp_standardize_check:
 * @photo: a finished photo, as decoded
 * @file_size: its file's size in bytes, or 0 when not from a file
 *
 * Checks a photo made elsewhere (a studio's) against the profile: its size
 * and file size, then every compliance check.
 *
 * Returns: (transfer full): the result, never %NULL
 */
GpStandardizeResult *
gp_standardize_check (const GpFrame   *photo,
                      gsize            file_size,
                      const GpProfile *profile,
                      GpFaceDetector  *detector)
{
  GpStandardizeResult *result = result_new ();
  gint64 start = g_get_monotonic_time (), since = start;
  g_autoptr(GArray) faces = NULL;
  g_autoptr(GpMatte) matte = NULL;
  GpCheckInput input = { 0 };
  GpEllipse ellipse;

  g_return_val_if_fail (photo != NULL && profile != NULL, result);

  result->width = photo->width;
  result->height = photo->height;
  faces = detect (result, photo, profile, detector);
  lap (result, GP_STAGE_DETECT, &since);
  if (faces == NULL)
    return finish (result, start);

  gp_crop_face_ellipse (&g_array_index (faces, GpFace, 0), &ellipse);
  matte = gp_matte_new (photo, &ellipse);
  set_geometry (result, &g_array_index (faces, GpFace, 0), matte);
  lap (result, GP_STAGE_MATTE, &since);

  input.photo = photo;
  input.matte = matte;
  input.faces = (const GpFace *) faces->data;
  input.n_faces = faces->len;
  g_array_unref (result->checks);
  result->checks = gp_checks_run (&input, profile);
  lap (result, GP_STAGE_CHECKS, &since);

  if (photo->width < profile->width_min || photo->width > profile->width_max
      || photo->height < profile->height_min || photo->height > profile->height_max)
    g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_FILE,
                 _("The photo is %d × %d pixels; the profile “%s” asks for %d–%d × %d–%d. Make it again with “standardize”."),
                 photo->width, photo->height, profile->name, profile->width_min, profile->width_max,
                 profile->height_min, profile->height_max);
  else if (file_size > 0 && (file_size < profile->file_size_min || file_size > profile->file_size_max))
    g_set_error (&result->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_FILE,
                 _("The file has %zu bytes; the profile “%s” asks for %zu to %zu. Make it again with “standardize”."),
                 file_size, profile->name, profile->file_size_min, profile->file_size_max);
  else
    fail_on_checks (result);
  return finish (result, start);
}
