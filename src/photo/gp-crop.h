/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-matte.h"
#include "photo/gp-profile.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

#define GP_CROP_ERROR (gp_crop_error_quark ())

/* Why a frame cannot give a compliant photo; each says what to do. */
typedef enum {
  GP_CROP_ERROR_TOO_FAR,      /* the face is too small: come closer */
  GP_CROP_ERROR_TOO_CLOSE,    /* the head does not fit: move back */
  GP_CROP_ERROR_OFF_CENTRE,   /* too near the left or right edge */
  GP_CROP_ERROR_TOO_HIGH,     /* the head is cut off or too near the top */
  GP_CROP_ERROR_TOO_LOW,      /* not enough of the shoulders below */
  GP_CROP_ERROR_PROPORTIONS,  /* head top, eyes and face width disagree */
} GpCropError;

/* The source rectangle of the photo and the photo's size: only scale and
 * offset, never rotation or mirroring. */
typedef struct {
  double  x;
  double  y;
  double  width;
  double  height;
  int     out_width;
  int     out_height;
  double  scale;        /* photo pixels per frame pixel */
} GpCrop;

GQuark    gp_crop_error_quark     (void);

void      gp_crop_face_ellipse    (const GpFace          *face,
                                   GpEllipse             *ellipse);
gboolean  gp_crop_find_head_top   (const GpFrame         *frame,
                                   const GpFace          *face,
                                   double                *head_top,
                                   GError               **error);
gboolean  gp_crop_compute         (const GpProfile       *profile,
                                   int                    frame_width,
                                   int                    frame_height,
                                   const GpFaceGeometry  *geometry,
                                   double                 head_top,
                                   GpCrop                *crop,
                                   GError               **error);

G_END_DECLS
