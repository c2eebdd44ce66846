/* dlib's HOG face detector and 68-point landmarks behind a C API: the only
 * C++ in GradPhoto. No exception crosses this file's boundary. */
#define G_LOG_DOMAIN "gp-face-detector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <vector>

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/serialize.h>

#include "vision/gp-face-detector.h"

/* HOG's sliding window: faces narrower than this are not found. */
#define HOG_MIN_FACE 80.0

/* Measured on the test composites (tests/test-face.c): real faces score
 * 0.6–2.5; the weak "faces" on clothing and backdrop wrinkles, which appear
 * when the image is upsampled, score below 0.25. */
#define DEFAULT_MIN_SCORE 0.3

/* A read-only view of a GRAY GpFrame as a dlib image, so neither the detector
 * nor the shape predictor copies the frame. */
struct GpGrayView {
  const GpFrame *frame = nullptr;
};

namespace dlib {
template <> struct image_traits<GpGrayView> {
  typedef unsigned char pixel_type;
};
}

static inline long num_rows (const GpGrayView &v) { return v.frame->height; }
static inline long num_columns (const GpGrayView &v) { return v.frame->width; }
static inline long width_step (const GpGrayView &v) { return v.frame->stride; }
static inline const void *image_data (const GpGrayView &v) { return v.frame->data; }

struct _GpFaceDetector {
  dlib::frontal_face_detector detector;
  dlib::shape_predictor predictor;
  std::mutex lock;  /* object_detector's operator() is not const */
};

G_DEFINE_QUARK (gp-face-detector-error-quark, gp_face_detector_error)

double
gp_face_detector_default_min_score (void)
{
  return DEFAULT_MIN_SCORE;
}

GpFaceDetector *
gp_face_detector_new (const char  *predictor_path,
                      GError     **error)
{
  GpFaceDetector *detector;

  g_return_val_if_fail (predictor_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (predictor_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_MISSING,
                   _("The face landmark model %s is missing. Install the package libdlib-data."),
                   predictor_path);
      return NULL;
    }

  try
    {
      detector = new GpFaceDetector ();
    }
  catch (const std::exception &e)
    {
      g_set_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_FAILED,
                   _("The face detector could not start: %s"), e.what ());
      return NULL;
    }

  try
    {
      detector->detector = dlib::get_frontal_face_detector ();
      dlib::deserialize (predictor_path) >> detector->predictor;
      if (detector->predictor.num_parts () != GP_FACE_N_LANDMARKS)
        throw dlib::error ("not a 68-point model");
    }
  catch (const std::exception &e)
    {
      delete detector;
      g_set_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_INVALID,
                   _("The face landmark model %s cannot be read (%s). Reinstall the package libdlib-data."),
                   predictor_path, e.what ());
      return NULL;
    }
  return detector;
}

void
gp_face_detector_free (GpFaceDetector *detector)
{
  delete detector;
}

GpFaceDetector *
gp_face_detector_get_default (GError **error)
{
  static std::mutex default_lock;
  static GpFaceDetector *default_detector;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A failed load is not cached: installing the model fixes it without a restart. */
  std::lock_guard<std::mutex> guard (default_lock);
  if (default_detector == NULL)
    default_detector = gp_face_detector_new (DLIB_PREDICTOR, error);
  return default_detector;
}

static bool
better_face (const GpFace &a,
             const GpFace &b)
{
  return a.score > b.score;
}

/* Detects on `small` (the frame resampled by `factor`, frame px per small px)
 * and fits landmarks on the full-resolution gray frame: the box's position
 * moves the landmarks, so they are best fitted where the pixels are exact. */
static void
detect_faces (GpFaceDetector          *detector,
              const GpFrame           *gray,
              const GpFrame           *small,
              double                   factor,
              double                   min_score,
              std::vector<GpFace>     &faces)
{
  std::vector<std::pair<double, dlib::rectangle>> found;
  GpGrayView full_view, small_view;

  full_view.frame = gray;
  small_view.frame = small;
  {
    std::lock_guard<std::mutex> guard (detector->lock);
    detector->detector (small_view, found, std::min (min_score, 0.0));
  }

  for (const auto &d : found)
    {
      GpFace face;
      dlib::rectangle box;
      dlib::full_object_detection shape;

      if (d.first < min_score)
        continue;
      face.score = d.first;
      face.left = d.second.left () * factor;
      face.top = d.second.top () * factor;
      face.right = (d.second.right () + 1) * factor;
      face.bottom = (d.second.bottom () + 1) * factor;
      box = dlib::rectangle ((long) face.left, (long) face.top,
                             (long) face.right - 1, (long) face.bottom - 1);
      shape = detector->predictor (full_view, box);
      for (int i = 0; i < GP_FACE_N_LANDMARKS; i++)
        {
          face.landmarks[i].x = shape.part (i).x ();
          face.landmarks[i].y = shape.part (i).y ();
        }
      faces.push_back (face);
    }
  std::sort (faces.begin (), faces.end (), better_face);
}

GArray *
gp_face_detector_detect_full (GpFaceDetector  *detector,
                              const GpFrame   *frame,
                              double           min_face,
                              double           min_score,
                              GError         **error)
{
  g_autoptr(GpFrame) gray = NULL;
  g_autoptr(GpFrame) small = NULL;
  std::vector<GpFace> faces;
  double factor;
  int small_w, small_h;
  GArray *result;

  g_return_val_if_fail (detector != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (min_face > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gray = gp_frame_to_gray (frame);
  /* Shrink so the smallest wanted face spans HOG's window; enlarge when the
   * wanted faces are smaller than the window. */
  factor = min_face / HOG_MIN_FACE;
  small_w = MAX (1, (int) lround (gray->width / factor));
  small_h = MAX (1, (int) lround (gray->height / factor));
  if (small_w == gray->width && small_h == gray->height)
    small = gp_frame_ref (gray);
  else
    small = gp_frame_crop_scale (gray, 0, 0, gray->width, gray->height, small_w, small_h);
  factor = (double) gray->width / small_w;

  try
    {
      detect_faces (detector, gray, small, factor, min_score, faces);
    }
  catch (const std::exception &e)
    {
      g_set_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_FAILED,
                   _("Face detection failed: %s"), e.what ());
      return NULL;
    }

  result = g_array_sized_new (FALSE, FALSE, sizeof (GpFace), faces.size ());
  if (!faces.empty ())
    g_array_append_vals (result, faces.data (), faces.size ());
  return result;
}

GArray *
gp_face_detector_detect (GpFaceDetector  *detector,
                         const GpFrame   *frame,
                         GError         **error)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return gp_face_detector_detect_full (detector, frame,
                                       MAX (HOG_MIN_FACE,
                                            MIN (frame->width, frame->height) * GP_FACE_DETECTOR_MIN_FACE_FRACTION),
                                       DEFAULT_MIN_SCORE, error);
}
