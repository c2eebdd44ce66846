/* Face detection and geometry on composited test portraits with known truth. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>

#include "vision/gp-face-detector.h"

#include "gp-test-portrait.h"

static GpFaceDetector *
detector (void)
{
  g_autoptr(GError) error = NULL;
  GpFaceDetector *d = gp_face_detector_get_default (&error);

  g_assert_no_error (error);
  return d;
}

static GArray *
detect (const GpFrame *frame)
{
  g_autoptr(GError) error = NULL;
  GArray *faces = gp_face_detector_detect (detector (), frame, &error);

  g_assert_no_error (error);
  return faces;
}

typedef struct {
  const char    *name;
  GpTestSubject  subject;
  int            width, height;
  double         eye_distance;  /* frame px */
  double         eyes_x, eyes_y;  /* fractions of the frame */
} Placement;

/* Kiosk framing: faces of 200–450 px in 1080p (eye distance ≈ face / 2.1). */
static const Placement placements[] = {
  { "hopper-1080-centre", GP_TEST_SUBJECT_HOPPER, 1920, 1080, 120, 0.50, 0.40 },
  { "hopper-1080-large", GP_TEST_SUBJECT_HOPPER, 1920, 1080, 200, 0.55, 0.45 },
  { "astronaut-1080-right", GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080, 110, 0.70, 0.35 },
  { "astronaut-1080-small", GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080, 85, 0.45, 0.40 },
  { "hopper-720-centre", GP_TEST_SUBJECT_HOPPER, 1280, 720, 80, 0.50, 0.40 },
  { "astronaut-720-left", GP_TEST_SUBJECT_ASTRONAUT, 1280, 720, 70, 0.35, 0.38 },
  { "astronaut-720-large", GP_TEST_SUBJECT_ASTRONAUT, 1280, 720, 130, 0.50, 0.45 },
};

static void
spec_for (GpTestPortraitSpec *spec,
          const Placement    *p)
{
  double lx, ly, rx, ry;

  gp_test_portrait_spec_init (spec, p->subject, p->width, p->height);
  gp_test_portrait_source_eyes (p->subject, &lx, &ly, &rx, &ry);
  spec->scale = p->eye_distance / hypot (rx - lx, ry - ly);
  spec->eyes_x = p->eyes_x * p->width;
  spec->eyes_y = p->eyes_y * p->height;
}

static void
test_detect_placement (gconstpointer data)
{
  const Placement *p = data;
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  GpFaceGeometry g;
  double tolerance;

  spec_for (&spec, p);
  frame = gp_test_portrait_compose (&spec, &truth);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 1);
  gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);

  /* dlib's eyelid points land within ~4 % of the eye distance of the hand
   * measurement (Hopper's glasses account for most of it). */
  tolerance = MAX (3.0, 0.06 * truth.eye_distance);
  g_test_message ("%s: left eye %+.1f %+.1f, right eye %+.1f %+.1f px (tolerance %.1f)",
                  p->name, g.left_eye.x - truth.left_eye_x, g.left_eye.y - truth.left_eye_y,
                  g.right_eye.x - truth.right_eye_x, g.right_eye.y - truth.right_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.left_eye.x, truth.left_eye_x, tolerance);
  g_assert_cmpfloat_with_epsilon (g.left_eye.y, truth.left_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.right_eye.x, truth.right_eye_x, tolerance);
  g_assert_cmpfloat_with_epsilon (g.right_eye.y, truth.right_eye_y, tolerance);
  g_assert_cmpfloat_with_epsilon (g.face_width, truth.face_width, 0.15 * truth.face_width);
  g_assert_cmpfloat_with_epsilon (g.center_x, truth.face_center_x, tolerance);
  g_assert_cmpfloat (fabs (g.roll), <, 4);
  g_assert_cmpfloat (fabs (g.yaw), <, 0.1);
  gp_test_portrait_truth_clear (&truth);
}

static void
test_roll_rotated (void)
{
  const double rolls[] = { 8, -6, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (rolls); i++)
    {
      GpTestPortraitSpec spec;
      GpTestPortraitTruth truth = { 0 };
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;
      GpFaceGeometry g;
      double upright;

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1920, 1080);
      spec.roll = rolls[i];
      frame = gp_test_portrait_compose (&spec, &truth);
      faces = detect (frame);
      g_assert_cmpuint (faces->len, ==, 1);
      gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
      /* The portrait itself is not level: add its own eye-line angle. */
      upright = atan2 (truth.right_eye_y - truth.left_eye_y,
                       truth.right_eye_x - truth.left_eye_x) * 180 / G_PI;
      g_test_message ("roll %.1f°: measured %.2f°, truth %.2f°", rolls[i], g.roll, upright);
      g_assert_cmpfloat_with_epsilon (g.roll, upright, 2.0);
      gp_test_portrait_truth_clear (&truth);
    }
}

static void
test_none_on_backdrop (void)
{
  const GpTestBackdrop backdrops[] = { GP_TEST_BACKDROP_BLUE, GP_TEST_BACKDROP_WHITE, GP_TEST_BACKDROP_GREY };

  for (guint i = 0; i < G_N_ELEMENTS (backdrops); i++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
      spec.backdrop = backdrops[i];
      spec.seed = 7 + i;
      frame = gp_test_portrait_backdrop (&spec);
      faces = detect (frame);
      g_assert_cmpuint (faces->len, ==, 0);
    }
}

static void
test_two_faces (void)
{
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GArray) faces = NULL;
  gboolean found_second = FALSE;

  gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1920, 1080);
  spec.eyes_x = 0.4 * spec.width;
  spec.second_face = TRUE;
  frame = gp_test_portrait_compose (&spec, &truth);
  g_assert_cmpint (truth.n_faces, ==, 2);
  faces = detect (frame);
  g_assert_cmpuint (faces->len, ==, 2);
  for (guint i = 0; i < faces->len; i++)
    {
      GpFaceGeometry g;

      gp_face_geometry (&g_array_index (faces, GpFace, i), &g);
      if (fabs (g.left_eye.x - truth.second_left_eye_x) < 10 &&
          fabs (g.left_eye.y - truth.second_left_eye_y) < 10)
        found_second = TRUE;
    }
  g_assert_true (found_second);
  g_assert_cmpfloat (g_array_index (faces, GpFace, 0).score, >=,
                     g_array_index (faces, GpFace, 1).score);
  gp_test_portrait_truth_clear (&truth);
}

/* Upsampled, HOG sees a weak "face" in the astronaut's round mission patch. */
static void
test_weak_false_face (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) source = gp_test_portrait_load_source (GP_TEST_SUBJECT_ASTRONAUT, NULL);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) kept = NULL;

  all = gp_face_detector_detect_full (detector (), source, 60, 0.0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpfloat (g_array_index (all, GpFace, 1).score, <, gp_face_detector_default_min_score ());
  /* The patch is on the suit, well below the face. */
  g_assert_cmpfloat (g_array_index (all, GpFace, 1).top, >, g_array_index (all, GpFace, 0).bottom);

  kept = gp_face_detector_detect_full (detector (), source, 60,
                                       gp_face_detector_default_min_score (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 1);
}

static void
test_expression_originals (void)
{
  struct {
    GpTestSubject subject;
    gboolean      mouth_open;  /* the astronaut smiles with her teeth showing */
  } cases[] = {
    { GP_TEST_SUBJECT_HOPPER, FALSE },
    { GP_TEST_SUBJECT_ASTRONAUT, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GpFrame) source = gp_test_portrait_load_source (cases[i].subject, NULL);
      g_autoptr(GArray) faces = detect (source);
      GpFaceGeometry g;

      g_assert_cmpuint (faces->len, ==, 1);
      gp_face_geometry (&g_array_index (faces, GpFace, 0), &g);
      g_test_message ("subject %u: eyes %.3f %.3f, mouth %.3f, yaw %.3f",
                      i, g.left_eye_open, g.right_eye_open, g.mouth_open, g.yaw);
      g_assert_cmpfloat (g.left_eye_open, >, 0.2);
      g_assert_cmpfloat (g.right_eye_open, >, 0.2);
      if (cases[i].mouth_open)
        g_assert_cmpfloat (g.mouth_open, >, 0.1);
      else
        g_assert_cmpfloat (g.mouth_open, <, 0.06);
    }
}

/* A symmetric synthetic face: roll follows the eye line exactly, yaw follows
 * the nose tip. */
static void
test_geometry_synthetic (void)
{
  const struct {
    double roll;
    double nose_shift;  /* in eye distances */
  } cases[] = { { 0, 0 }, { 10, 0 }, { -5, 0.2 }, { 0, -0.15 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GpFace face = { 0 };
      GpFaceGeometry g;
      double c = cos (cases[i].roll * G_PI / 180), s = sin (cases[i].roll * G_PI / 180);

      /* Eyes as hexagons around (±50, 0), mouth corners at (±40, 100), nose at (shift, 60). */
      for (int k = 0; k < 6; k++)
        {
          double a = k * G_PI / 3;

          face.landmarks[36 + k] = (GpPoint) { -50 + 15 * cos (a), 5 * sin (a) };
          face.landmarks[42 + k] = (GpPoint) { 50 + 15 * cos (a), 5 * sin (a) };
        }
      face.landmarks[48] = (GpPoint) { -40, 100 };
      face.landmarks[54] = (GpPoint) { 40, 100 };
      face.landmarks[30] = (GpPoint) { 100 * cases[i].nose_shift, 60 };
      for (int k = 0; k < GP_FACE_N_LANDMARKS; k++)
        {
          GpPoint p = face.landmarks[k];

          face.landmarks[k] = (GpPoint) { 500 + p.x * c - p.y * s, 300 + p.x * s + p.y * c };
        }
      gp_face_geometry (&face, &g);
      g_assert_cmpfloat_with_epsilon (g.roll, cases[i].roll, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.eye_distance, 100, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.yaw, cases[i].nose_shift, 1e-9);
      g_assert_cmpfloat_with_epsilon (g.center_x, 500, 1e-9);
    }
}

static void
test_model_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFaceDetector) d = gp_face_detector_new ("/nonexistent/shape_predictor.dat", &error);

  g_assert_null (d);
  g_assert_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_MISSING);
  g_assert_nonnull (strstr (error->message, "libdlib-data"));
}

static void
test_model_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-face-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GpFaceDetector) d = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "model.dat", NULL);
  g_assert_true (g_file_set_contents (path, "not a model", -1, &error));
  d = gp_face_detector_new (path, &error);
  g_assert_null (d);
  g_assert_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_MODEL_INVALID);
  g_remove (path);
  g_rmdir (dir);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Run with -m perf: median of 10 for each stage, and the peak RSS. */
static void
test_timing (void)
{
  const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 } };
  struct rusage usage;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      double all[10], scan[10];

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, sizes[s][0], sizes[s][1]);
      frame = gp_test_portrait_compose (&spec, NULL);
      for (int i = 0; i < 10; i++)
        {
          g_autoptr(GArray) faces = NULL;
          g_autoptr(GpFrame) gray = NULL;
          g_autoptr(GpFrame) small = NULL;
          gint64 t0 = g_get_monotonic_time ();
          int sw = (int) lround (sizes[s][0] * 80.0 / (0.15 * sizes[s][1]));

          faces = detect (frame);
          all[i] = (g_get_monotonic_time () - t0) / 1000.0;
          g_assert_cmpuint (faces->len, ==, 1);
          /* The scan alone: min_face so large no face is kept, same shrink. */
          t0 = g_get_monotonic_time ();
          gray = gp_frame_to_gray (frame);
          small = gp_frame_crop_scale (gray, 0, 0, gray->width, gray->height,
                                       sw, (int) lround (sw * (double) sizes[s][1] / sizes[s][0]));
          scan[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      qsort (all, 10, sizeof (double), compare_double);
      qsort (scan, 10, sizeof (double), compare_double);
      g_test_message ("%dx%d: gray + downscale %.1f ms, detect + landmarks total %.1f ms (medians of 10)",
                      sizes[s][0], sizes[s][1], (scan[4] + scan[5]) / 2, (all[4] + all[5]) / 2);
    }
  getrusage (RUSAGE_SELF, &usage);
  g_test_message ("peak RSS %ld MB", usage.ru_maxrss / 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (placements); i++)
    {
      g_autofree char *path = g_strdup_printf ("/face/detect/%s", placements[i].name);
      g_test_add_data_func (path, &placements[i], test_detect_placement);
    }
  g_test_add_func ("/face/roll/rotated-composite", test_roll_rotated);
  g_test_add_func ("/face/detect/none-on-blank-backdrop", test_none_on_backdrop);
  g_test_add_func ("/face/detect/two-faces", test_two_faces);
  g_test_add_func ("/face/detect/weak-false-face-filtered", test_weak_false_face);
  g_test_add_func ("/face/expression/originals", test_expression_originals);
  g_test_add_func ("/face/geometry/synthetic", test_geometry_synthetic);
  g_test_add_func ("/face/model/missing", test_model_missing);
  g_test_add_func ("/face/model/corrupt", test_model_corrupt);
  if (g_test_perf ())
    g_test_add_func ("/face/perf/timing", test_timing);

  return g_test_run ();
}
