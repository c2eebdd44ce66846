/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* dlib's HOG face detector and 68-point landmarks behind a C API: the only
 * C++ in GradPhoto. No exception crosses this file's boundary. */
#define G_LOG_DOMAIN "gp-face-detector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
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

/* The landmark fit is repeated on a box rebuilt from its own stable points
 * until the box moves less than this share of its width: one repeat for
 * most faces of the test composites, three or four for the worst. */
#define BOX_SETTLED 0.01
#define MAX_FITS 6

/* HOG's boxes sit lower on the face than the boxes the landmarks settle in,
 * by 6 % of their width on average (0–15 %): the first fit starts that much
 * higher, as a box too low can settle on the nose and mouth as eyes. */
#define HOG_BOX_LOW 0.06

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

/* The points that move least with the box: the two eye centres and the
 * nose (27–35); the jaw and brows move most. The mouth is left out: it
 * moves with the expression, and in a fit gone wrong (the shape grown about
 * the eyes, the mouth on the chin) it held the box wrong for five refits,
 * where eyes and nose alone let go after two. */
#define N_STABLE 3

/* dlib's 68-point model, laid out for speed. dlib keeps each of its 120 000
 * leaves (68 point offsets) in an allocation of its own, and a fit reads
 * one leaf of each of 7 500 trees: spread over 65 MB, that is a cache and
 * TLB miss a leaf, which on a busy or virtual machine made the two fits
 * of a capture cost 20–55 ms. Here the leaves are in one block on huge
 * pages, and a cascade level first walks all its trees, prefetching the
 * leaves it lands on, then adds them. The sums are dlib's own, in dlib's
 * order, so the landmarks are the same to the bit. */
struct Split {
  uint32_t idx1, idx2;
  float    thresh;
};

struct LandmarkModel {
  dlib::matrix<float, 0, 1> initial_shape;
  std::vector<std::vector<unsigned long>> anchor_idx;
  std::vector<std::vector<dlib::vector<float, 2>>> deltas;
  std::vector<size_t> level_first;  /* each level's first tree, and the end */
  std::vector<Split> splits;        /* n_splits per tree */
  size_t n_splits = 0, n_values = 0;
  float *leaves = nullptr;          /* (n_splits + 1) × n_values per tree */

  ~LandmarkModel () { free (leaves); }
};

struct _GpFaceDetector {
  dlib::frontal_face_detector detector;
  LandmarkModel model;
  /* The predictor's mean shape's stable points, in units of its training
   * box (0,0 top left, 1,1 bottom right): where a box puts them. */
  dlib::dpoint mean_stable[N_STABLE];
  std::mutex lock;  /* object_detector's operator() is not const */
};

template <typename P>
static dlib::dpoint
mean_point (const P &part,
            int      first,
            int      n)
{
  dlib::dpoint sum (0, 0);

  for (int i = first; i < first + n; i++)
    sum += dlib::dpoint (part (i));
  return sum / n;
}

template <typename P>
static void
stable_points (const P      &part,
               dlib::dpoint  out[N_STABLE])
{
  out[0] = mean_point (part, 36, 6);
  out[1] = mean_point (part, 42, 6);
  out[2] = mean_point (part, 27, 9);
}

/* Huge pages hold the leaves when the kernel lends them (madvise mode);
 * otherwise the block is still one, in order. */
#define HUGE_PAGE ((size_t) 2 << 20)

/* Reads dlib's shape_predictor file as dlib writes it (format version 1:
 * the mean shape, the forests level by level, each split's anchors and
 * deltas), a tree at a time, so the model is never in memory twice. */
static void
load_model (const char    *path,
            LandmarkModel &m)
{
  std::ifstream in (path, std::ios::binary);
  /* One tree read into again and again: its leaves keep their size, so
   * reading does not allocate. */
  dlib::impl::regression_tree tree;
  unsigned long n_levels;
  size_t leaves_size = 0;
  int version;

  dlib::deserialize (version, in);
  if (version != 1)
    throw dlib::error ("unknown model format");
  dlib::deserialize (m.initial_shape, in);
  if (m.initial_shape.size () != 2 * GP_FACE_N_LANDMARKS)
    throw dlib::error ("not a 68-point model");
  m.n_values = m.initial_shape.size ();
  dlib::deserialize (n_levels, in);
  m.level_first.push_back (0);
  for (unsigned long level = 0; level < n_levels; level++)
    {
      unsigned long n_trees;

      dlib::deserialize (n_trees, in);
      for (unsigned long t = 0; t < n_trees; t++)
        {
          size_t tree_index = m.level_first.back () + t, leaf_floats;

          /* Found by argument-dependent lookup: a friend of the tree. */
          deserialize (tree, in);
          if (m.leaves == nullptr)
            {
              m.n_splits = tree.splits.size ();
              /* Sized from the first level: in dlib's models every level
               * has as many trees, all of one depth; others are refused. */
              leaves_size = n_levels * n_trees * (m.n_splits + 1) * m.n_values * sizeof (float);
              leaves_size = (leaves_size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
              if (posix_memalign ((void **) &m.leaves, HUGE_PAGE, leaves_size) != 0)
                throw std::bad_alloc ();
              madvise (m.leaves, leaves_size, MADV_HUGEPAGE);
            }
          if (tree.splits.size () != m.n_splits || tree.leaf_values.size () != m.n_splits + 1)
            throw dlib::error ("trees of unequal depth");
          leaf_floats = (m.n_splits + 1) * m.n_values;
          if ((tree_index + 1) * leaf_floats * sizeof (float) > leaves_size)
            throw dlib::error ("more trees than the first level suggests");
          for (const auto &split : tree.splits)
            {
              if (split.idx1 > UINT32_MAX || split.idx2 > UINT32_MAX)
                throw dlib::error ("split index out of range");
              m.splits.push_back (Split { (uint32_t) split.idx1, (uint32_t) split.idx2, split.thresh });
            }
          for (size_t l = 0; l <= m.n_splits; l++)
            {
              if ((size_t) tree.leaf_values[l].size () != m.n_values)
                throw dlib::error ("leaf of the wrong size");
              std::copy (tree.leaf_values[l].begin (), tree.leaf_values[l].end (),
                         m.leaves + tree_index * leaf_floats + l * m.n_values);
            }
        }
      m.level_first.push_back (m.level_first.back () + n_trees);
    }
  dlib::deserialize (m.anchor_idx, in);
  dlib::deserialize (m.deltas, in);
  if (m.anchor_idx.size () != n_levels || m.deltas.size () != n_levels)
    throw dlib::error ("anchors do not match the levels");
  for (unsigned long level = 0; level < n_levels; level++)
    {
      if (m.anchor_idx[level].size () != m.deltas[level].size ())
        throw dlib::error ("anchors do not match the deltas");
      for (unsigned long anchor : m.anchor_idx[level])
        if (anchor >= m.n_values / 2)
          throw dlib::error ("anchor out of range");
    }
  for (unsigned long level = 0; level < n_levels; level++)
    for (size_t i = m.level_first[level]; i < m.level_first[level + 1]; i++)
      for (size_t k = 0; k < m.n_splits; k++)
        {
          const Split &split = m.splits[i * m.n_splits + k];

          if (split.idx1 >= m.deltas[level].size () || split.idx2 >= m.deltas[level].size ())
            throw dlib::error ("split index out of range");
        }
}

/* dlib's shape_predictor::operator() on the flat model. */
static dlib::full_object_detection
predict (const LandmarkModel     &m,
         const GpGrayView        &view,
         const dlib::rectangle   &rect)
{
  dlib::matrix<float, 0, 1> shape = m.initial_shape;
  std::vector<float> features;
  std::vector<const float *> landed;
  std::vector<dlib::point> parts (m.n_values / 2);
  const size_t leaf_floats = (m.n_splits + 1) * m.n_values;

  for (size_t level = 0; level + 1 < m.level_first.size (); level++)
    {
      size_t first = m.level_first[level], n_trees = m.level_first[level + 1] - first;

      dlib::impl::extract_feature_pixel_values (view, rect, shape, m.initial_shape, m.anchor_idx[level],
                                                m.deltas[level], features);
      landed.resize (n_trees);
      for (size_t t = 0; t < n_trees; t++)
        {
          const Split *split = &m.splits[(first + t) * m.n_splits];
          size_t i = 0;

          while (i < m.n_splits)
            i = features[split[i].idx1] - features[split[i].idx2] > split[i].thresh ? 2 * i + 1 : 2 * i + 2;
          landed[t] = m.leaves + (first + t) * leaf_floats + (i - m.n_splits) * m.n_values;
          for (size_t b = 0; b < m.n_values * sizeof (float); b += 64)
            __builtin_prefetch ((const char *) landed[t] + b);
        }
      for (size_t t = 0; t < n_trees; t++)
        for (size_t v = 0; v < m.n_values; v++)
          shape (v) += landed[t][v];
    }
  {
    const dlib::point_transform_affine to_image = dlib::impl::unnormalizing_tform (rect);

    for (size_t i = 0; i < parts.size (); i++)
      parts[i] = to_image (dlib::impl::location (shape, i));
  }
  return dlib::full_object_detection (rect, parts);
}

static void
set_mean_stable (GpFaceDetector *detector)
{
  const dlib::matrix<float, 0, 1> &shape = detector->model.initial_shape;

  stable_points ([&shape] (int i) { return dlib::dpoint (shape (2 * i), shape (2 * i + 1)); },
                 detector->mean_stable);
}

typedef struct {
  double left, top, width;  /* square, as dlib's training boxes */
} Box;

/* The box whose mean-shape stable points best match `points` (least
 * squares over scale and shift; the rotation only keeps a tilted face's
 * scale right, as dlib's boxes do not turn). */
static Box
box_from_stable (const GpFaceDetector *detector,
                 const dlib::dpoint    points[N_STABLE])
{
  dlib::dpoint mc (0, 0), pc (0, 0);
  double dot = 0, cross = 0, norm = 0, w;

  for (int i = 0; i < N_STABLE; i++)
    {
      mc += detector->mean_stable[i] / N_STABLE;
      pc += points[i] / N_STABLE;
    }
  for (int i = 0; i < N_STABLE; i++)
    {
      dlib::dpoint m = detector->mean_stable[i] - mc, p = points[i] - pc;

      dot += m.dot (p);
      cross += m.x () * p.y () - m.y () * p.x ();
      norm += m.length_squared ();
    }
  w = std::hypot (dot, cross) / norm;
  return Box { pc.x () - w * mc.x (), pc.y () - w * mc.y (), w };
}

static dlib::rectangle
to_rectangle (const Box &b)
{
  return dlib::rectangle (std::lround (b.left), std::lround (b.top),
                          std::lround (b.left + b.width) - 1, std::lround (b.top + b.width) - 1);
}

/* The 68 landmarks move with the box they are fitted in, the jaw most, and
 * a box only slightly off can give a whole shape grown about the eyes: fit,
 * rebuild the box from the fitted stable points as the predictor's training
 * boxes relate to them, and fit again until the box agrees with its own
 * landmarks. The last fit is kept: a wrong one can look settled for a step
 * and then move on. */
static void
fit_landmarks (const GpFaceDetector *detector,
               const GpGrayView     &view,
               const Box            &start,
               GpFace               *face)
{
  dlib::full_object_detection shape;
  dlib::dpoint points[N_STABLE];
  Box box = start, next;

  box.top -= HOG_BOX_LOW * box.width;
  for (int fit = 0; fit < MAX_FITS; fit++)
    {
      double moved;

      shape = predict (detector->model, view, to_rectangle (box));
      stable_points ([&shape] (int i) { return shape.part (i); }, points);
      next = box_from_stable (detector, points);
      /* How far the box's edges move, as a share of its width. */
      moved = (std::fabs (next.left - box.left) + std::fabs (next.top - box.top)
               + std::fabs (next.left + next.width - box.left - box.width)
               + std::fabs (next.top + next.width - box.top - box.width)) / (4 * box.width);
      if (moved < BOX_SETTLED || !(next.width > 1))
        break;
      box = next;
    }
  for (int i = 0; i < GP_FACE_N_LANDMARKS; i++)
    {
      face->landmarks[i].x = shape.part (i).x ();
      face->landmarks[i].y = shape.part (i).y ();
    }
}

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
      load_model (predictor_path, detector->model);
      set_mean_stable (detector);
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
 * and fits landmarks on the full-resolution gray frame, where the pixels
 * are exact. */
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

      if (d.first < min_score)
        continue;
      face.score = d.first;
      face.left = d.second.left () * factor;
      face.top = d.second.top () * factor;
      face.right = (d.second.right () + 1) * factor;
      face.bottom = (d.second.bottom () + 1) * factor;
      fit_landmarks (detector, full_view,
                     Box { face.left, face.top, face.right - face.left }, &face);
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

gboolean
gp_face_detector_fit (GpFaceDetector  *detector,
                      const GpFrame   *frame,
                      GpFace          *face,
                      GError         **error)
{
  g_autoptr(GpFrame) gray = NULL;
  GpGrayView view;

  g_return_val_if_fail (detector != NULL, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);
  g_return_val_if_fail (face != NULL && face->right > face->left, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gray = gp_frame_to_gray (frame);
  view.frame = gray;
  try
    {
      fit_landmarks (detector, view,
                     Box { face->left, face->top, face->right - face->left }, face);
    }
  catch (const std::exception &e)
    {
      g_set_error (error, GP_FACE_DETECTOR_ERROR, GP_FACE_DETECTOR_ERROR_FAILED,
                   _("Face detection failed: %s"), e.what ());
      return FALSE;
    }
  return TRUE;
}

GArray *
gp_face_detector_detect (GpFaceDetector  *detector,
                         const GpFrame   *frame,
                         GError         **error)
{
  return gp_face_detector_detect_scored (detector, frame, DEFAULT_MIN_SCORE, error);
}

GArray *
gp_face_detector_detect_scored (GpFaceDetector  *detector,
                                const GpFrame   *frame,
                                double           min_score,
                                GError         **error)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return gp_face_detector_detect_full (detector, frame,
                                       MAX (HOG_MIN_FACE,
                                            MIN (frame->width, frame->height) * GP_FACE_DETECTOR_MIN_FACE_FRACTION),
                                       min_score, error);
}
