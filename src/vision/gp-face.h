#pragma once

#include <glib.h>

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
  double   yaw;            /* about -1..1, 0 = frontal, positive = nose towards image right */
  double   left_eye_open;  /* eye aspect ratio: ~0.25–0.35 open, < ~0.15 closed */
  double   right_eye_open;
  double   mouth_open;     /* inner-lip gap / mouth width: ~0 closed */
  double   face_width;     /* cheek to cheek, estimated */
  double   center_x;
} GpFaceGeometry;

void  gp_face_geometry  (const GpFace   *face,
                         GpFaceGeometry *geometry);

G_END_DECLS
