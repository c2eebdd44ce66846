/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

#define GP_FACE_N_LANDMARKS 68

typedef struct {
  double x, y;
} GpPoint;

/* One detected face, in the pixels of the frame given to the detector.
 * Landmarks follow the iBUG 300-W 68-point layout: 0–16 jaw, 17–26 brows,
 * 27–35 nose, 36–41 and 42–47 the eyes on the image's left and right,
 * 48–67 mouth. */
typedef struct {
  double   left, top, right, bottom;  /* the detection box */
  double   score;                     /* HOG detection confidence */
  GpPoint  landmarks[GP_FACE_N_LANDMARKS];
} GpFace;

/* Geometry derived from the landmarks that move least with the box. "Left"
 * means the image's left (the person's right eye); roll is in degrees,
 * positive when the eye on the image's right is lower. */
typedef struct {
  GpPoint  left_eye;
  GpPoint  right_eye;
  double   eye_distance;
  double   eye_line_y;
  double   roll;
  double   yaw;            /* the nose tip's offset from the middle of the face's
                            * outline, in eye distances: 0 frontal, ~0.02 a
                            * degree, positive = nose towards the image's right */
  double   left_eye_open;  /* ~0.2–0.35 open, < ~0.15 closed: the eye aspect
                            * ratio, or from gp_face_geometry_in_frame() the
                            * visible iris height over the eye's width */
  double   right_eye_open;
  double   mouth_open;     /* inner-lip gap / mouth width: ~0 closed */
  double   face_width;     /* cheek to cheek, estimated */
  double   center_x;
} GpFaceGeometry;

void  gp_face_geometry           (const GpFace   *face,
                                  GpFaceGeometry *geometry);

/* The same, with the eyes' openness measured in `frame`, where the face
 * was found: on glasses and deep-set eyes the eyelid landmarks follow the
 * rims and sockets and stay apart when the lids close. */
void  gp_face_geometry_in_frame  (const GpFace   *face,
                                  const GpFrame  *frame,
                                  GpFaceGeometry *geometry);

G_END_DECLS
