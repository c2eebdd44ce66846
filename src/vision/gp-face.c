/* Face geometry from the landmarks that depend least on the detection box. */
#define G_LOG_DOMAIN "gp-face"

#include "config.h"

#include <math.h>

#include "vision/gp-face.h"

/* Cheek-to-cheek width in eye distances (eye centre to eye centre), measured
 * on the test portraits from landmarks 1–15 fitted to a well-placed box:
 * those jaw points slide with the box, the eyes hardly do. */
#define FACE_WIDTH_PER_EYE_DISTANCE 2.05

static GpPoint
mean_point (const GpFace *face,
            int           first,
            int           n)
{
  GpPoint p = { 0, 0 };

  for (int i = first; i < first + n; i++)
    {
      p.x += face->landmarks[i].x;
      p.y += face->landmarks[i].y;
    }
  p.x /= n;
  p.y /= n;
  return p;
}

static double
dist (GpPoint a,
      GpPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

/* Eye aspect ratio (Soukupová and Čech 2016): lid gap over eye width, which
 * does not depend on the face's size. */
static double
eye_aspect_ratio (const GpFace *face,
                  int           first)
{
  const GpPoint *p = face->landmarks + first;
  double width = dist (p[0], p[3]);

  if (width <= 0)
    return 0;
  return (dist (p[1], p[5]) + dist (p[2], p[4])) / (2 * width);
}

void
gp_face_geometry (const GpFace   *face,
                  GpFaceGeometry *geometry)
{
  const GpPoint *lm;
  GpPoint eyes_mid, mouth_mid, nose;
  double dx, dy, len, mouth_width, gap;

  g_return_if_fail (face != NULL);
  g_return_if_fail (geometry != NULL);

  lm = face->landmarks;
  /* Eye centres: the mean of six eyelid points, the most stable landmarks. */
  geometry->left_eye = mean_point (face, 36, 6);
  geometry->right_eye = mean_point (face, 42, 6);
  dx = geometry->right_eye.x - geometry->left_eye.x;
  dy = geometry->right_eye.y - geometry->left_eye.y;
  geometry->eye_distance = hypot (dx, dy);
  geometry->eye_line_y = (geometry->left_eye.y + geometry->right_eye.y) / 2;
  /* Roll from the eye line alone: the jaw and brows tilt with the box. */
  geometry->roll = atan2 (dy, dx) * 180 / G_PI;

  /* Yaw: the nose tip leaves the line through the eye and mouth midpoints
   * when the head turns; the offset in eye distances is size-free. */
  eyes_mid.x = (geometry->left_eye.x + geometry->right_eye.x) / 2;
  eyes_mid.y = geometry->eye_line_y;
  mouth_mid.x = (lm[48].x + lm[54].x) / 2;
  mouth_mid.y = (lm[48].y + lm[54].y) / 2;
  nose = lm[30];
  len = dist (eyes_mid, mouth_mid);
  if (len > 0 && geometry->eye_distance > 0)
    {
      /* Signed distance of the nose tip from the midline, positive towards
       * the image's right. */
      double cross = (mouth_mid.x - eyes_mid.x) * (nose.y - eyes_mid.y)
                     - (mouth_mid.y - eyes_mid.y) * (nose.x - eyes_mid.x);
      geometry->yaw = -cross / len / geometry->eye_distance;
    }
  else
    geometry->yaw = 0;

  geometry->left_eye_open = eye_aspect_ratio (face, 36);
  geometry->right_eye_open = eye_aspect_ratio (face, 42);

  /* Mouth: inner-lip gap (61–67, 62–66, 63–65) over the corner-to-corner width. */
  mouth_width = dist (lm[48], lm[54]);
  gap = (dist (lm[61], lm[67]) + dist (lm[62], lm[66]) + dist (lm[63], lm[65])) / 3;
  geometry->mouth_open = mouth_width > 0 ? gap / mouth_width : 0;

  geometry->face_width = FACE_WIDTH_PER_EYE_DISTANCE * geometry->eye_distance;
  /* Centre between the eyes: the nose and chin swing with yaw, the eyes less. */
  geometry->center_x = eyes_mid.x;
}
