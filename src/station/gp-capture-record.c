/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* From a frame to a recorded photo, the same for the kiosk's shutter and
 * gradphoto-admin capture. */
#define G_LOG_DOMAIN "gp-capture-record"

#include "config.h"

#include "image/gp-jpeg.h"
#include "photo/gp-checks-json.h"
#include "store/gp-capture-save.h"
#include "station/gp-capture-record.h"
#include "vision/gp-face-detector.h"

/* The full camera frame kept beside the photo; the photo itself follows the profile. */
#define ORIGINAL_QUALITY 95

/* The frame is standardized and checked first: a frame that cannot give a
 * photo (no face, cut off) is a retake, and nothing is recorded. Otherwise
 * gp_capture_save() writes both files durably before it commits the row,
 * with the check results; a photo that passed them is approved. */
gint64
gp_capture_record (GpStore               *store,
                   const char            *photos_dir,
                   const GpStudent       *student,
                   const GpFrame         *frame,
                   GBytes                *original,
                   const GpProfile       *profile,
                   const GpCaptureBy     *by,
                   GpStandardizeResult  **standard,
                   char                 **photo_path,
                   GError               **error)
{
  g_autoptr(GpStandardizeResult) result = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autofree char *checks = NULL;
  GpFaceDetector *detector;
  GpCaptureRequest request = { 0 };
  gint64 capture_id;

  g_return_val_if_fail (GP_IS_STORE (store), -1);
  g_return_val_if_fail (student != NULL && frame != NULL && profile != NULL && by != NULL, -1);

  detector = gp_face_detector_get_default (error);
  if (detector == NULL)
    return -1;
  result = gp_standardize (frame, profile, detector, NULL);
  if (result->jpeg == NULL)
    {
      g_propagate_error (error, g_error_copy (result->error));
      if (standard != NULL)
        *standard = g_steal_pointer (&result);
      return -1;
    }
  if (original == NULL)
    {
      encoded = gp_jpeg_encode (frame, ORIGINAL_QUALITY, 72, error);
      if (encoded == NULL)
        return -1;
      original = encoded;
    }
  checks = gp_checks_to_json (result->checks, result->ok, profile->name);
  request.student_id = student->id;
  request.student_no = student->student_no;
  request.original = original;
  request.photo = result->jpeg;
  request.checks = checks;
  request.station = by->station;
  request.operator_name = by->operator_name;
  capture_id = gp_capture_save (store, photos_dir, &request, photo_path, error);
  if (standard != NULL)
    *standard = g_steal_pointer (&result);
  return capture_id;
}
