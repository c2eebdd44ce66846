/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-checks.h"
#include "photo/gp-crop.h"
#include "photo/gp-profile.h"
#include "vision/gp-face-detector.h"

G_BEGIN_DECLS

#define GP_STANDARDIZE_ERROR (gp_standardize_error_quark ())

typedef enum {
  GP_STANDARDIZE_ERROR_NO_FACE,
  GP_STANDARDIZE_ERROR_FACES,         /* more than one person */
  GP_STANDARDIZE_ERROR_TOO_LARGE,     /* more pixels than a camera gives */
  GP_STANDARDIZE_ERROR_CHECK_FAILED,  /* a compliance check failed */
  GP_STANDARDIZE_ERROR_FILE,          /* a photo's size or file size is off-profile */
} GpStandardizeError;

typedef enum {
  GP_STAGE_DETECT,   /* face detection and landmarks (one detector call) */
  GP_STAGE_CROP,     /* head top, scale and offset, resample */
  GP_STAGE_MATTE,    /* backdrop separation and replacement */
  GP_STAGE_ENCODE,   /* JPEG at the best quality that fits, and the file */
  GP_STAGE_CHECKS,
  GP_STAGE_N
} GpStage;

/* Everything known about one photo; geometry in the photo's pixels. */
typedef struct {
  gboolean  ok;          /* a compliant photo (written, when asked) */
  GError   *error;       /* why not, when !ok */
  char     *output;      /* the file written, or NULL */
  int       width;
  int       height;
  gboolean  has_face;    /* the fields below are set */
  GpPoint   left_eye;
  GpPoint   right_eye;
  double    head_top;
  double    face_width;
  GArray   *checks;      /* GpCheck; empty when it never got that far */
  GBytes   *jpeg;        /* NULL unless encoded */
  int       quality;     /* JPEG quality; 0 when not known */
  GpFrame  *photo;       /* the photo before encoding, or NULL */
  GpCrop    crop;        /* where it lies in the frame, when width > 0 */
  double    ms[GP_STAGE_N];
  double    ms_total;
} GpStandardizeResult;

GQuark                gp_standardize_error_quark  (void);
const char           *gp_stage_to_string          (GpStage               stage);

GpStandardizeResult  *gp_standardize              (const GpFrame        *frame,
                                                   const GpProfile      *profile,
                                                   GpFaceDetector       *detector,
                                                   const char           *output);
GpStandardizeResult  *gp_standardize_check        (const GpFrame        *photo,
                                                   gsize                 file_size,
                                                   const GpProfile      *profile,
                                                   GpFaceDetector       *detector);
void                  gp_standardize_result_free  (GpStandardizeResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpStandardizeResult, gp_standardize_result_free)

G_END_DECLS
