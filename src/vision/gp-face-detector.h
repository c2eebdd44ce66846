/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

#define GP_FACE_DETECTOR_ERROR (gp_face_detector_error_quark ())

typedef enum {
  GP_FACE_DETECTOR_ERROR_MODEL_MISSING,  /* the landmark model file is absent */
  GP_FACE_DETECTOR_ERROR_MODEL_INVALID,  /* present but unreadable or corrupt */
  GP_FACE_DETECTOR_ERROR_FAILED,         /* dlib failed while analysing a frame */
} GpFaceDetectorError;

/* dlib's HOG frontal face detector and 68-point shape predictor. Loading
 * takes ~0.7 s: do it off the UI thread. A detector may be used from several
 * threads; detection itself is serialised. */
typedef struct _GpFaceDetector GpFaceDetector;

GQuark           gp_face_detector_error_quark  (void);

GpFaceDetector  *gp_face_detector_new          (const char      *predictor_path,
                                                GError         **error);
void             gp_face_detector_free         (GpFaceDetector  *detector);

/* The shared detector with the configured model (DLIB_PREDICTOR), loaded on
 * the first call; owned by the library, never freed. */
GpFaceDetector  *gp_face_detector_get_default  (GError         **error);

/* Faces in an RGB or GRAY frame, best score first, as a GArray of GpFace
 * (landmarks fitted as by gp_face_detector_fit()).
 * Finds faces at least 15 % of the frame's short side wide (and at least
 * 80 px: 162 px in 1080p, 108 px in 720p),
 * dropping weak detections. */
GArray          *gp_face_detector_detect       (GpFaceDetector  *detector,
                                                const GpFrame   *frame,
                                                GError         **error);

/* The same, dropping detections below @min_score instead of the default's
 * (gp_face_detector_default_min_score()). */
GArray          *gp_face_detector_detect_scored (GpFaceDetector  *detector,
                                                 const GpFrame   *frame,
                                                 double           min_score,
                                                 GError         **error);

/* The same with explicit limits: min_face is the smallest face width to find,
 * in frame pixels (the frame is shrunk so it spans ~80 px, or enlarged when
 * smaller); detections scoring below min_score are dropped. */
GArray          *gp_face_detector_detect_full  (GpFaceDetector  *detector,
                                                const GpFrame   *frame,
                                                double           min_face,
                                                double           min_score,
                                                GError         **error);

/* Fits the landmarks to the face in face's box (left, top, right, bottom,
 * placed on the face as detect() places them; the box is kept), as
 * detect() does for the boxes it finds: the box is rebuilt from the fitted
 * eyes and nose and the fit repeated until it settles, so the landmarks
 * hardly depend on where the box started. For a face found in an earlier
 * frame. */
gboolean         gp_face_detector_fit          (GpFaceDetector  *detector,
                                                const GpFrame   *frame,
                                                GpFace          *face,
                                                GError         **error);

/* The defaults detect() uses. */
#define GP_FACE_DETECTOR_MIN_FACE_FRACTION 0.15
double           gp_face_detector_default_min_score (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpFaceDetector, gp_face_detector_free)

G_END_DECLS
