/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Test portraits: cut-out public-domain portraits on generated backdrops,
 * with the ground truth the checks are measured against. */
#define G_LOG_DOMAIN "gp-test-portrait"

#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "image/gp-frame-cairo.h"
#include "image/gp-jpeg.h"

#include "gp-test-portrait.h"

#define ASTRONAUT_PNG "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

/* Measured once by hand on the originals at 4–8× zoom (centre of the eye
 * opening); dlib's landmark means at full resolution agree within 0.5 px on
 * the astronaut and 3 px on Hopper, whose glasses shift the eyelid points.
 * Face width: cheek to cheek at the cheekbones; chin: lowest skin point. */
typedef struct {
  const char *path;
  const char *mask;
  double      left_eye[2];
  double      right_eye[2];
  double      face_width;
  double      chin_y;
  /* The clothing: the person below collar_y, except the bare neck (a
   * polygon, traced on the original at 3–4× zoom); centre_x is the middle
   * of the shirt front. */
  double      collar_y;
  double      neck[7][2];
  int         n_neck;
  double      centre_x;
  gboolean    glasses;
} Source;

static const Source sources[] = {
  [GP_TEST_SUBJECT_HOPPER] = { DEMO_PORTRAIT, "portrait-hopper-mask.png",
                               { 224.0, 190.5 }, { 304.0, 188.0 }, 186.0, 332.0,
                               295.0, { { 196, 290 }, { 338, 290 }, { 322, 345 }, { 255, 412 }, { 204, 340 } }, 5,
                               258.0, TRUE },
  [GP_TEST_SUBJECT_ASTRONAUT] = { ASTRONAUT_PNG, "portrait-astronaut-mask.png",
                                  { 203.5, 102.0 }, { 246.5, 103.5 }, 94.0, 178.5,
                                  150.0, { { 150, 140 }, { 300, 140 }, { 290, 172 }, { 258, 178 }, { 225, 191 },
                                           { 186, 184 }, { 160, 172 } }, 7, 222.0, FALSE },
};

static const guint8 backdrop_colours[][3] = {
  [GP_TEST_BACKDROP_BLUE] = { 100, 197, 255 },
  [GP_TEST_BACKDROP_WHITE] = { 255, 255, 255 },
  [GP_TEST_BACKDROP_GREY] = { 240, 240, 240 },
};

static const char * const profile_names[] = {
  [GP_TEST_BACKDROP_BLUE] = "chsi-blue",
  [GP_TEST_BACKDROP_WHITE] = "white",
  [GP_TEST_BACKDROP_GREY] = "light-grey",
};

const char *
gp_test_portrait_profile_name (GpTestBackdrop backdrop)
{
  g_return_val_if_fail ((guint) backdrop < G_N_ELEMENTS (profile_names), NULL);
  return profile_names[backdrop];
}

static const char * const subject_keys[] = {
  [GP_TEST_SUBJECT_HOPPER] = "hopper",
  [GP_TEST_SUBJECT_ASTRONAUT] = "astronaut",
};

static guint8
clamp_u8 (double v)
{
  return (guint8) CLAMP (lround (v), 0, 255);
}

/* The hand-marked mouth, eyes, outline and nose of a portrait, in its
 * pixels. inner_upper and inner_lower run from the inner left corner to the
 * inner right one; each eye's lids from its image-left corner to the other,
 * the outline's sides from the eye line down, the nose from the bridge. */
typedef struct {
  double left[2], right[2], upper_top[2], lower_bottom[2];
  double inner_upper[5][2], inner_lower[5][2];
  double eye_upper[2][5][2], eye_lower[2][5][2];
  double outline[2][8][2], chin[2], nose[4][2];
  double brows[2][3][2];   /* each brow's image-left end, arch top, other end */
} Marks;

static void
read_point (JsonObject *o, const char *key, double p[2])
{
  JsonArray *a = json_object_get_array_member (o, key);

  p[0] = json_array_get_double_element (a, 0);
  p[1] = json_array_get_double_element (a, 1);
}

/* @n points of the array @key of @o. */
static void
read_points (JsonObject *o, const char *key, double (*p)[2], guint n)
{
  JsonArray *a = json_object_get_array_member (o, key);

  g_assert_cmpuint (json_array_get_length (a), ==, n);
  for (guint i = 0; i < n; i++)
    for (int k = 0; k < 2; k++)
      p[i][k] = json_array_get_double_element (json_array_get_array_element (a, i), k);
}

/* One eye's lids: the corners at both ends of each, the three marks between. */
static void
read_eye (JsonObject *o, const char *side, double (*upper)[2], double (*lower)[2])
{
  g_autofree char *corners = g_strdup_printf ("%s-eye-corners", side);
  g_autofree char *up = g_strdup_printf ("%s-eye-upper", side);
  g_autofree char *low = g_strdup_printf ("%s-eye-lower", side);
  double c[2][2];

  read_points (o, corners, c, 2);
  read_points (o, up, upper + 1, 3);
  read_points (o, low, lower + 1, 3);
  memcpy (upper[0], c[0], sizeof c[0]);
  memcpy (lower[0], c[0], sizeof c[0]);
  memcpy (upper[4], c[1], sizeof c[1]);
  memcpy (lower[4], c[1], sizeof c[1]);
}

static void
marks_load (GpTestSubject subject, Marks *m)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "portrait-marks.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonArray *up, *low;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("cannot read %s: %s", path, error->message);
  o = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), subject_keys[subject]);
  read_point (o, "mouth-left", m->left);
  read_point (o, "mouth-right", m->right);
  read_point (o, "upper-lip-top", m->upper_top);
  read_point (o, "lower-lip-bottom", m->lower_bottom);
  read_point (o, "inner-left", m->inner_upper[0]);
  read_point (o, "inner-right", m->inner_upper[4]);
  up = json_object_get_array_member (o, "inner-upper");
  low = json_object_get_array_member (o, "inner-lower");
  for (int i = 0; i < 3; i++)
    for (int k = 0; k < 2; k++)
      {
        m->inner_upper[i + 1][k] = json_array_get_double_element (json_array_get_array_element (up, i), k);
        m->inner_lower[i + 1][k] = json_array_get_double_element (json_array_get_array_element (low, i), k);
      }
  memcpy (m->inner_lower[0], m->inner_upper[0], sizeof m->inner_lower[0]);
  memcpy (m->inner_lower[4], m->inner_upper[4], sizeof m->inner_lower[4]);
  read_eye (o, "left", m->eye_upper[0], m->eye_lower[0]);
  read_eye (o, "right", m->eye_upper[1], m->eye_lower[1]);
  read_points (o, "outline-left", m->outline[0], 8);
  read_points (o, "outline-right", m->outline[1], 8);
  read_point (o, "chin", m->chin);
  read_points (o, "nose", m->nose, 4);
  {
    JsonArray *brows = json_object_get_array_member (o, "brows");

    for (guint b = 0; b < 2; b++)
      for (guint i = 0; i < 3; i++)
        for (guint k = 0; k < 2; k++)
          m->brows[b][i][k] = json_array_get_double_element (
            json_array_get_array_element (json_array_get_array_element (brows, b), i), k);
  }
}

/* y of the polyline @pts (ascending x) at x, held level past its ends. */
static double
polyline_y (const double (*pts)[2], int n, double x)
{
  if (x <= pts[0][0])
    return pts[0][1];
  for (int i = 1; i < n; i++)
    if (x <= pts[i][0])
      return pts[i - 1][1] + (x - pts[i - 1][0]) / (pts[i][0] - pts[i - 1][0]) * (pts[i][1] - pts[i - 1][1]);
  return pts[n - 1][1];
}

/* Closes parted lips in a source portrait: the opening between the marked
 * inner lips becomes lip, shaded from the upper lip's colour to the lower
 * one's, with a darker line where they meet. */
static void
close_lips (GpFrame *rgb, const Marks *m)
{
  double gap = 0;

  for (int i = 0; i < 5; i++)
    gap = MAX (gap, m->inner_lower[i][1] - m->inner_upper[i][1]);
  if (gap < 1)
    return;
  for (int x = (int) ceil (m->inner_upper[0][0]); x <= (int) floor (m->inner_upper[4][0]); x++)
    {
      double top = polyline_y (m->inner_upper, 5, x), bottom = polyline_y (m->inner_lower, 5, x);
      double meet = (top + bottom) / 2;
      int y0 = (int) floor (top - 1), y1 = (int) ceil (bottom + 1);
      const guint8 *above = rgb->data + (gsize) MAX (y0 - 1, 0) * rgb->stride + (gsize) x * 3;
      const guint8 *below = rgb->data + (gsize) MIN (y1 + 1, rgb->height - 1) * rgb->stride + (gsize) x * 3;

      for (int y = y0; y <= y1; y++)
        {
          guint8 *p = rgb->data + (gsize) y * rgb->stride + (gsize) x * 3;
          double t = (y - (y0 - 1.0)) / (y1 - y0 + 2.0), line = 1 - 0.3 * exp (-(y - meet) * (y - meet));

          for (int c = 0; c < 3; c++)
            p[c] = clamp_u8 (((1 - t) * above[c] + t * below[c]) * line);
        }
    }
}

void
gp_test_portrait_source_eyes (GpTestSubject  subject,
                              double        *left_x,
                              double        *left_y,
                              double        *right_x,
                              double        *right_y)
{
  *left_x = sources[subject].left_eye[0];
  *left_y = sources[subject].left_eye[1];
  *right_x = sources[subject].right_eye[0];
  *right_y = sources[subject].right_eye[1];
}

static double
source_eye_distance (GpTestSubject subject)
{
  const Source *s = &sources[subject];

  return hypot (s->right_eye[0] - s->left_eye[0], s->right_eye[1] - s->left_eye[1]);
}

void
gp_test_portrait_spec_init (GpTestPortraitSpec *spec,
                            GpTestSubject       subject,
                            int                 width,
                            int                 height)
{
  memset (spec, 0, sizeof *spec);
  spec->width = width;
  spec->height = height;
  spec->backdrop = GP_TEST_BACKDROP_BLUE;
  spec->cloth = TRUE;
  spec->seed = 1;
  spec->shadow_level = 0.7;
  spec->subject = subject;
  spec->scale = 0.06 * width / source_eye_distance (subject);
  spec->eyes_x = width / 2.0;
  spec->eyes_y = 0.4 * height;
  spec->brightness = 1.0;
  for (int c = 0; c < 3; c++)
    spec->clothing_rgb[c] = -1;
  spec->glare_radius = 0.25;
  for (int c = 0; c < 3; c++)
    spec->lens_rgb[c] = 255;
  spec->glare_aspect = 1.0;
  spec->second_subject = subject == GP_TEST_SUBJECT_HOPPER ? GP_TEST_SUBJECT_ASTRONAUT
                                                           : GP_TEST_SUBJECT_HOPPER;
  spec->second_scale = 0.045 * width / source_eye_distance (spec->second_subject);
  spec->second_eyes_x = 0.82 * width;
  spec->second_eyes_y = 0.45 * height;
}

static GpFrame *
load_png (const char *path,
          gboolean    gray)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  GpFrame *rgb, *out;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read %s: %s", path, cairo_status_to_string (cairo_surface_status (surface)));
  rgb = gp_frame_from_cairo (surface);
  cairo_surface_destroy (surface);
  if (!gray)
    return rgb;
  /* The masks are greyscale: R = G = B = alpha. */
  out = gp_frame_new (GP_FRAME_GRAY, rgb->width, rgb->height);
  for (int y = 0; y < rgb->height; y++)
    for (int x = 0; x < rgb->width; x++)
      out->data[y * out->stride + x] = rgb->data[y * rgb->stride + 3 * x];
  gp_frame_unref (rgb);
  return out;
}

GpFrame *
gp_test_portrait_load_source (GpTestSubject   subject,
                              GpFrame       **mask)
{
  const Source *s = &sources[subject];
  GpFrame *frame;

  if (g_str_has_suffix (s->path, ".jpg"))
    {
      g_autoptr(GError) error = NULL;

      frame = gp_jpeg_load (s->path, &error);
      if (frame == NULL)
        g_error ("cannot read %s: %s", s->path, error->message);
    }
  else
    frame = load_png (s->path, FALSE);

  if (mask != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "portraits", s->mask, NULL);

      *mask = load_png (path, TRUE);
      g_assert_cmpint ((*mask)->width, ==, frame->width);
      g_assert_cmpint ((*mask)->height, ==, frame->height);
    }
  return frame;
}

/* Separable Gaussian blur of a float plane, edges clamped. */
static void
blur_plane (float *plane,
            int    width,
            int    height,
            double sigma)
{
  int radius = (int) ceil (3 * sigma);
  g_autofree float *kernel = g_new (float, 2 * radius + 1);
  g_autofree float *tmp = g_new (float, (gsize) width * height);
  double sum = 0;

  if (sigma <= 0)
    return;
  for (int i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = (float) exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * radius; i++)
    kernel[i] /= (float) sum;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        float acc = 0;

        for (int i = -radius; i <= radius; i++)
          acc += kernel[i + radius] * plane[(gsize) y * width + CLAMP (x + i, 0, width - 1)];
        tmp[(gsize) y * width + x] = acc;
      }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        float acc = 0;

        for (int i = -radius; i <= radius; i++)
          acc += kernel[i + radius] * tmp[(gsize) CLAMP (y + i, 0, height - 1) * width + x];
        plane[(gsize) y * width + x] = acc;
      }
}

/* Cloth: a side-to-side gradient, light falling off from the centre, a few
 * low-frequency wrinkle bands and grain. Returns float RGB. */
static float *
make_backdrop (const GpTestPortraitSpec *spec)
{
  const guint8 *nominal = backdrop_colours[spec->backdrop];
  float *rgb = g_new (float, (gsize) spec->width * spec->height * 3);
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);
  double wrinkle[3][4];

  for (int i = 0; i < 3; i++)
    {
      double angle = g_rand_double_range (rand, 0, G_PI);

      wrinkle[i][0] = cos (angle);
      wrinkle[i][1] = sin (angle);
      wrinkle[i][2] = 2 * G_PI / (spec->width * g_rand_double_range (rand, 0.08, 0.3));
      wrinkle[i][3] = g_rand_double_range (rand, 0, 2 * G_PI);
    }

  for (int y = 0; y < spec->height; y++)
    for (int x = 0; x < spec->width; x++)
      {
        float *p = rgb + ((gsize) y * spec->width + x) * 3;
        double light = 1;

        if (spec->cloth)
          {
            double nx = (x - spec->width / 2.0) / spec->width;
            double ny = (y - spec->height / 2.0) / spec->height;

            light = 1.02 - 0.10 * nx - 0.22 * (nx * nx + ny * ny);
            for (int i = 0; i < 3; i++)
              light += 0.025 * sin ((x * wrinkle[i][0] + y * wrinkle[i][1]) * wrinkle[i][2]
                                    + wrinkle[i][3]);
            /* Creases: narrow dark valleys with a lit ridge beside each,
             * five times as frequent as the wrinkles. */
            for (int i = 0; i < 3 && spec->folds > 0; i++)
              {
                double phase = sin ((x * wrinkle[i][0] + y * wrinkle[i][1]) * 5 * wrinkle[i][2] + wrinkle[i][3]);

                light += spec->folds * (0.4 * phase - pow (MAX (phase, 0), 8));
              }
            /* A lamp aimed at the cloth, up and to the right of the person. */
            if (spec->hot_spot > 0)
              light += spec->hot_spot * exp (-((nx - 0.28) * (nx - 0.28) + (ny + 0.25) * (ny + 0.25)) / (2 * 0.12 * 0.12));
          }
        for (int c = 0; c < 3; c++)
          p[c] = (float) (nominal[c] * light);
        if (spec->cloth)
          {
            double grain = g_rand_double_range (rand, -1, 1) + g_rand_double_range (rand, -1, 1);

            for (int c = 0; c < 3; c++)
              p[c] += (float) (3 * grain);
          }
      }
  return rgb;
}

typedef struct {
  GpFrame *rgb;
  GpFrame *mask;
  double   scale;
  double   cos_r, sin_r;
  double   src_cx, src_cy;  /* the eye midpoint in the source */
  double   dst_cx, dst_cy;  /* ... and in the frame */
  double   clothing_luma;   /* the clothing's median luma in the source */
} Placement;

static gboolean
in_polygon (const double (*poly)[2], int n, double x, double y)
{
  gboolean inside = FALSE;

  for (int i = 0, j = n - 1; i < n; j = i++)
    if ((poly[i][1] > y) != (poly[j][1] > y)
        && x < poly[j][0] + (y - poly[j][1]) * (poly[i][0] - poly[j][0]) / (poly[i][1] - poly[j][1]))
      inside = !inside;
  return inside;
}

/* Whether source point (sx, sy) is clothing that clothing_rgb covers. */
static gboolean
is_covered (const Source *s, GpTestCover cover, double sx, double sy)
{
  if (sy < s->collar_y || in_polygon (s->neck, s->n_neck, sx, sy))
    return FALSE;
  /* An open jacket leaves the shirt front between its edges. */
  return cover != GP_TEST_COVER_OPEN_JACKET || fabs (sx - s->centre_x) > 0.35 * s->face_width;
}

/* The median luma of the clothing, which recolouring keeps as the mean
 * shade of the new colour. */
static double
clothing_luma (const Placement *pl, const Source *s)
{
  guint hist[256] = { 0 }, n = 0, acc = 0;

  for (int y = 0; y < pl->rgb->height; y++)
    for (int x = 0; x < pl->rgb->width; x++)
      {
        const guint8 *p = pl->rgb->data + (gsize) y * pl->rgb->stride + (gsize) x * 3;

        if (pl->mask->data[(gsize) y * pl->mask->stride + x] < 128 || !is_covered (s, GP_TEST_COVER_ALL, x, y))
          continue;
        hist[clamp_u8 (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2])]++;
        n++;
      }
  for (int i = 0; i < 256; i++)
    if ((acc += hist[i]) * 2 >= n && n > 0)
      return MAX (i, 8);
  return 128;
}

static void
placement_init (Placement     *pl,
                GpTestSubject  subject,
                double         scale,
                double         eyes_x,
                double         eyes_y,
                double         roll,
                gboolean       own_smile)
{
  const Source *s = &sources[subject];

  pl->rgb = gp_test_portrait_load_source (subject, &pl->mask);
  if (!own_smile)
    {
      Marks m;

      marks_load (subject, &m);
      close_lips (pl->rgb, &m);
    }
  pl->scale = scale;
  pl->cos_r = cos (roll * G_PI / 180);
  pl->sin_r = sin (roll * G_PI / 180);
  pl->src_cx = (s->left_eye[0] + s->right_eye[0]) / 2;
  pl->src_cy = (s->left_eye[1] + s->right_eye[1]) / 2;
  pl->dst_cx = eyes_x;
  pl->dst_cy = eyes_y;
  pl->clothing_luma = clothing_luma (pl, s);
}

static void
placement_clear (Placement *pl)
{
  g_clear_pointer (&pl->rgb, gp_frame_unref);
  g_clear_pointer (&pl->mask, gp_frame_unref);
}

/* Source point → frame point: scale, then rotate about the eye midpoint. */
static void
place_point (const Placement *pl,
             double           sx,
             double           sy,
             double          *fx,
             double          *fy)
{
  double dx = (sx - pl->src_cx) * pl->scale;
  double dy = (sy - pl->src_cy) * pl->scale;

  *fx = pl->dst_cx + dx * pl->cos_r - dy * pl->sin_r;
  *fy = pl->dst_cy + dx * pl->sin_r + dy * pl->cos_r;
}

/* Bilinear sample of the source at (sx, sy); rows below the portrait repeat
 * its last row, so the body reaches the bottom of the frame. */
static double
sample (const Placement *pl,
        double           sx,
        double           sy,
        double           rgb[3])
{
  const GpFrame *f = pl->rgb;
  int x0, y0;
  double fx, fy, alpha = 0;

  if (sx < 0 || sx > f->width - 1 || sy < 0)
    return 0;
  sy = MIN (sy, f->height - 1);
  x0 = MIN ((int) sx, f->width - 2);
  y0 = MIN ((int) sy, f->height - 2);
  fx = sx - x0;
  fy = sy - y0;
  rgb[0] = rgb[1] = rgb[2] = 0;
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++)
      {
        double w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
        const guint8 *p = f->data + (gsize) (y0 + j) * f->stride + (gsize) (x0 + i) * 3;

        alpha += w * pl->mask->data[(gsize) (y0 + j) * pl->mask->stride + x0 + i];
        for (int c = 0; c < 3; c++)
          rgb[c] += w * p[c];
      }
  return alpha / 255;
}

/* Draws one person over `out` (float RGB), writing its alpha into `alpha`
 * when non-NULL. The bad-variant effects apply to the main person only. */
static void
draw_person (const GpTestPortraitSpec *spec,
             const Placement          *pl,
             gboolean                  main_person,
             float                    *out,
             float                    *alpha_out)
{
  const Source *s = &sources[spec->subject];
  double face_half = s->face_width * pl->scale / 2;

  for (int y = 0; y < spec->height; y++)
    for (int x = 0; x < spec->width; x++)
      {
        double dx = x - pl->dst_cx, dy = y - pl->dst_cy;
        /* Inverse of place_point(). */
        double sx = pl->src_cx + (dx * pl->cos_r + dy * pl->sin_r) / pl->scale;
        double sy = pl->src_cy + (-dx * pl->sin_r + dy * pl->cos_r) / pl->scale;
        double rgb[3], a;
        float *p = out + ((gsize) y * spec->width + x) * 3;

        a = sample (pl, sx, sy, rgb);
        if (a <= 0)
          continue;
        if (main_person)
          {
            /* Face-aligned coordinates, in frame pixels. */
            double u = dx * pl->cos_r + dy * pl->sin_r;
            double gain = spec->brightness;

            if (spec->clothing_tint > 0 && is_covered (s, spec->clothing_cover, sx, sy))
              {
                /* The new colour, shaded by the old fabric's folds: light
                 * relative to the clothing's median, softened as a lighter
                 * fabric shows them. */
                double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
                double shade = CLAMP (pow (MAX (luma, 1) / pl->clothing_luma, 0.35), 0.65, 1.12);

                for (int c = 0; c < 3; c++)
                  {
                    double target = spec->clothing_rgb[c] >= 0 ? spec->clothing_rgb[c]
                                                               : backdrop_colours[spec->backdrop][c];

                    rgb[c] += spec->clothing_tint * (MIN (255, target * shade) - rgb[c]);
                  }
              }
            if (spec->side_light != 0 && fabs (u) < 2 * face_half)
              {
                double t = CLAMP ((u + face_half) / (2 * face_half), 0, 1);

                gain *= spec->side_light > 0 ? 1 - spec->side_light * (1 - t)
                                             : 1 + spec->side_light * t;
              }
            for (int c = 0; c < 3; c++)
              rgb[c] *= gain;
            if (alpha_out != NULL)
              alpha_out[(gsize) y * spec->width + x] = (float) a;
          }
        for (int c = 0; c < 3; c++)
          p[c] = (float) (a * rgb[c] + (1 - a) * p[c]);
      }
}

static void
eyes_in_frame (const Placement *pl,
               GpTestSubject    subject,
               double          *lx,
               double          *ly,
               double          *rx,
               double          *ry)
{
  const Source *s = &sources[subject];

  place_point (pl, s->left_eye[0], s->left_eye[1], lx, ly);
  place_point (pl, s->right_eye[0], s->right_eye[1], rx, ry);
}

static double
smoothstep (double e0, double e1, double x)
{
  double t = CLAMP ((x - e0) / (e1 - e0), 0, 1);

  return t * t * (3 - 2 * t);
}

/* The face's axes from the eyes: @u along the eye line, @v down the face,
 * both in eye distances from the image-left eye. */
typedef struct {
  double ox, oy;     /* the image-left eye */
  double ex, ey;     /* unit vector, left eye to right eye */
  double d;          /* eye distance */
} FaceAxes;

static void
face_axes_init (FaceAxes *ax, double lx, double ly, double rx, double ry)
{
  ax->ox = lx;
  ax->oy = ly;
  ax->d = hypot (rx - lx, ry - ly);
  ax->ex = (rx - lx) / ax->d;
  ax->ey = (ry - ly) / ax->d;
}

static void
face_axes_to (const FaceAxes *ax, double x, double y, double *u, double *v)
{
  *u = ((x - ax->ox) * ax->ex + (y - ax->oy) * ax->ey) / ax->d;
  *v = (-(x - ax->ox) * ax->ey + (y - ax->oy) * ax->ex) / ax->d;
}

/* Distance from (u, v) to the segment a–b, all in eye distances. */
static double
segment_distance (double u, double v, double au, double av, double bu, double bv)
{
  double du = bu - au, dv = bv - av;
  double t = CLAMP (((u - au) * du + (v - av) * dv) / (du * du + dv * dv), 0, 1);

  return hypot (u - au - t * du, v - av - t * dv);
}

/* A lens outline in eye distances: its centre from the eye's (outward,
 * down), half-width, half-height and the superellipse exponent. */
typedef struct {
  double du, dv, a, b, n;
} Lens;

/* Hopper's own lenses, traced on the original at 4× zoom; the glasses
 * drawn on a subject without. */
static const Lens hopper_lens = { 0.11, 0.16, 0.43, 0.33, 2.4 };
static const Lens drawn_lens = { 0.03, 0.04, 0.41, 0.28, 2.8 };

/* Signed distance, roughly (along the ray from the centre), from the lens
 * outline: negative inside. */
static double
lens_distance (const Lens *lens, gboolean right, double u, double v)
{
  double cu = right ? 1 + lens->du : -lens->du, cv = lens->dv;
  double r = pow (pow (fabs ((u - cu) / lens->a), lens->n) + pow (fabs ((v - cv) / lens->b), lens->n), 1 / lens->n);

  return hypot (u - cu, v - cv) * (1 - 1 / MAX (r, 1e-6));
}

/* The frame pixels glasses can cover, [x0, x1) × [y0, y1), and the face's
 * axes; returns one pixel in eye distances, for soft edges. */
static double
glasses_region (const GpTestPortraitSpec *spec, double lx, double ly, double rx, double ry, FaceAxes *ax,
                int *x0, int *x1, int *y0, int *y1)
{
  face_axes_init (ax, lx, ly, rx, ry);
  *x0 = MAX (0, (int) (lx - ax->d));
  *x1 = MIN (spec->width, (int) (rx + ax->d));
  *y0 = MAX (0, (int) (MIN (ly, ry) - ax->d));
  *y1 = MIN (spec->height, (int) (MAX (ly, ry) + ax->d));
  return 1 / ax->d;
}

/* Plain glasses: two rounded lenses a bridge apart, dark frames, temples
 * to the side of the face; the clear lenses darken the eyes a little. With
 * @frames FALSE only the lenses of glasses the subject wears (@l): a tint,
 * if the spec asks for one, darkens and colours what each lens shows. */
static void
draw_glasses (const GpTestPortraitSpec *spec,
              float                    *rgb,
              double                    lx,
              double                    ly,
              double                    rx,
              double                    ry,
              const Lens               *l,
              gboolean                  frames)
{
  static const double frame_rgb[3] = { 42, 34, 32 };
  const double rim = 0.035;
  const double half_face = sources[spec->subject].face_width / 2 * spec->scale;
  double top = MAX (spec->lens_rgb[0], MAX (spec->lens_rgb[1], spec->lens_rgb[2]));
  FaceAxes ax;
  double px;
  int x0, x1, y0, y1;

  px = glasses_region (spec, lx, ly, rx, ry, &ax, &x0, &x1, &y0, &y1);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        float *p = rgb + ((gsize) y * spec->width + x) * 3;
        double u, v, cover = 0, inside = 0, bridge;

        face_axes_to (&ax, x, y, &u, &v);
        for (int side = 0; side < 2; side++)
          {
            double dist = lens_distance (l, side, u, v);
            double outer = side ? 1 + l->du + l->a : -l->du - l->a;
            double temple_end = 0.5 + (side ? 1 : -1) * 0.95 * half_face / ax.d;

            inside = MAX (inside, 1 - smoothstep (-px, px, dist));
            cover = MAX (cover, 1 - smoothstep (rim / 2 - px, rim / 2 + px, fabs (dist)));
            cover = MAX (cover, 1 - smoothstep (0.4 * rim - px, 0.4 * rim + px,
                                                segment_distance (u, v, outer, l->dv - 0.3 * l->b,
                                                                  temple_end, l->dv - 0.32 * l->b)));
          }
        bridge = segment_distance (u, v, -l->du + 0.93 * l->a, l->dv - 0.45 * l->b,
                                   1 + l->du - 0.93 * l->a, l->dv - 0.45 * l->b);
        cover = frames ? MAX (cover, 1 - smoothstep (0.4 * rim - px, 0.4 * rim + px, bridge)) : 0;
        for (int c = 0; c < 3; c++)
          {
            double pass = (1 - spec->lens_tint) * spec->lens_rgb[c] / MAX (top, 1);
            double value = p[c] * (1 - (frames ? 0.04 : 0) * inside) * (1 - inside + inside * pass);

            p[c] = (float) (cover * frame_rgb[c] + (1 - cover) * value);
          }
      }
}

/* A specular reflection of a light on one lens: light added to what the
 * lens shows, an elliptical spot with a flat core and a soft edge, ending
 * at the lens's outline and clipped as a sensor clips. Without glasses,
 * the same spot lies on the eye's region. */
static void
draw_glare (const GpTestPortraitSpec *spec,
            float                    *rgb,
            double                    lx,
            double                    ly,
            double                    rx,
            double                    ry,
            gboolean                  right)
{
  const Lens *lens = sources[spec->subject].glasses ? &hopper_lens : spec->glasses ? &drawn_lens : NULL;
  double long_axis = spec->glare_radius, short_axis = spec->glare_radius * spec->glare_aspect;
  double cu, cv, angle, ca, sa, cx, cy, reach;
  FaceAxes ax;

  face_axes_init (&ax, lx, ly, rx, ry);
  /* Mirrored on the right lens: outward is the other way. */
  cu = right ? 1 + spec->glare_dx : -spec->glare_dx;
  cv = spec->glare_dy;
  angle = (right ? -spec->glare_angle : spec->glare_angle) * G_PI / 180;
  ca = cos (angle);
  sa = sin (angle);
  cx = lx + (cu * ax.ex - cv * ax.ey) * ax.d;
  cy = ly + (cu * ax.ey + cv * ax.ex) * ax.d;
  reach = long_axis * ax.d + 2;
  for (int y = MAX (0, (int) (cy - reach)); y < MIN (spec->height, (int) (cy + reach) + 1); y++)
    for (int x = MAX (0, (int) (cx - reach)); x < MIN (spec->width, (int) (cx + reach) + 1); x++)
      {
        float *p = rgb + ((gsize) y * spec->width + x) * 3;
        double u, v, du, dv, w;

        face_axes_to (&ax, x, y, &u, &v);
        du = (u - cu) * ca + (v - cv) * sa;
        dv = -(u - cu) * sa + (v - cv) * ca;
        w = spec->glare * (1 - smoothstep (0.4, 1, hypot (du / long_axis, dv / short_axis)));
        if (lens != NULL)
          w *= 1 - smoothstep (-1 / ax.d, 1 / ax.d, lens_distance (lens, right, u, v));
        for (int c = 0; c < 3; c++)
          p[c] = (float) MIN (255.0, p[c] + w * 255);
      }
}

static GpFrame *
to_frame (const float *rgb,
          int          width,
          int          height)
{
  GpFrame *frame = gp_frame_new (GP_FRAME_RGB, width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      frame->data[(gsize) y * frame->stride + x] = clamp_u8 (rgb[(gsize) y * width * 3 + x]);
  return frame;
}

GpFrame *
gp_test_portrait_backdrop (const GpTestPortraitSpec *spec)
{
  g_autofree float *rgb = make_backdrop (spec);

  return to_frame (rgb, spec->width, spec->height);
}

GpFrame *
gp_test_portrait_compose (const GpTestPortraitSpec *spec,
                          GpTestPortraitTruth      *truth)
{
  gsize n = (gsize) spec->width * spec->height;
  g_autofree float *rgb = make_backdrop (spec);
  g_autofree float *alpha = g_new0 (float, n);
  Placement pl;
  double lx, ly, rx, ry, eye_d;

  g_return_val_if_fail (spec->width > 0 && spec->height > 0 && spec->scale > 0, NULL);

  placement_init (&pl, spec->subject, spec->scale, spec->eyes_x, spec->eyes_y, spec->roll, spec->own_smile);
  if (spec->object != GP_TEST_OBJECT_NONE)
    {
      eyes_in_frame (&pl, spec->subject, &lx, &ly, &rx, &ry);
      gp_test_object_draw (spec->object, spec->object_side, rgb, spec->width, spec->height,
                           (lx + rx) / 2, (ly + ry) / 2, hypot (rx - lx, ry - ly));
    }

  if (spec->second_face)
    {
      Placement second;

      placement_init (&second, spec->second_subject, spec->second_scale,
                      spec->second_eyes_x, spec->second_eyes_y, 0, FALSE);
      draw_person (spec, &second, FALSE, rgb, NULL);
      if (truth != NULL)
        eyes_in_frame (&second, spec->second_subject,
                       &truth->second_left_eye_x, &truth->second_left_eye_y,
                       &truth->second_right_eye_x, &truth->second_right_eye_y);
      placement_clear (&second);
    }

  if (spec->cloth)
    {
      /* The person's shadow on the cloth: the silhouette, shifted right and
       * down, softened. Drawn before the person so it only darkens cloth. */
      g_autofree float *shadow = g_new0 (float, n);
      g_autofree float *scratch = g_new0 (float, n * 3);
      int ox = spec->width / 30, oy = spec->height / 60;

      draw_person (spec, &pl, TRUE, scratch, alpha);
      for (int y = 0; y < spec->height; y++)
        for (int x = 0; x < spec->width; x++)
          if (x - ox >= 0 && y - oy >= 0)
            shadow[(gsize) y * spec->width + x] = alpha[(gsize) (y - oy) * spec->width + x - ox];
      blur_plane (shadow, spec->width, spec->height, spec->width / 80.0);
      for (gsize i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
          rgb[i * 3 + c] *= (float) (1 - (1 - spec->shadow_level) * shadow[i]);
    }

  draw_person (spec, &pl, TRUE, rgb, alpha);
  eyes_in_frame (&pl, spec->subject, &lx, &ly, &rx, &ry);
  eye_d = hypot (rx - lx, ry - ly);

  if (sources[spec->subject].glasses && spec->lens_tint > 0)
    draw_glasses (spec, rgb, lx, ly, rx, ry, &hopper_lens, FALSE);
  else if (spec->glasses && !sources[spec->subject].glasses)
    draw_glasses (spec, rgb, lx, ly, rx, ry, &drawn_lens, TRUE);
  if (spec->glare > 0)
    {
      if (spec->glare_lens != GP_TEST_LENS_RIGHT)
        draw_glare (spec, rgb, lx, ly, rx, ry, FALSE);
      if (spec->glare_lens != GP_TEST_LENS_LEFT)
        draw_glare (spec, rgb, lx, ly, rx, ry, TRUE);
    }

  for (int c = 0; c < 3 && spec->blur > 0; c++)
    {
      g_autofree float *plane = g_new (float, n);

      for (gsize i = 0; i < n; i++)
        plane[i] = rgb[i * 3 + c];
      blur_plane (plane, spec->width, spec->height, spec->blur);
      for (gsize i = 0; i < n; i++)
        rgb[i * 3 + c] = plane[i];
    }

  if (spec->noise > 0)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed ^ 0x5eed);

      /* Box–Muller: two uniform draws, one Gaussian. */
      for (gsize i = 0; i < n * 3; i++)
        rgb[i] += (float) (spec->noise * sqrt (-2 * log (1 - g_rand_double (rand)))
                           * cos (2 * G_PI * g_rand_double (rand)));
    }

  if (truth != NULL)
    {
      const Source *s = &sources[spec->subject];
      double cx, cy;

      truth->left_eye_x = lx;
      truth->left_eye_y = ly;
      truth->right_eye_x = rx;
      truth->right_eye_y = ry;
      truth->eye_distance = eye_d;
      truth->roll = spec->roll;
      truth->face_width = s->face_width * spec->scale;
      place_point (&pl, (s->left_eye[0] + s->right_eye[0]) / 2, s->chin_y, &cx, &cy);
      truth->chin_y = cy;
      truth->face_center_x = (lx + rx) / 2;
      truth->head_top_y = -1;
      for (int y = 0; y < spec->height && truth->head_top_y < 0; y++)
        for (int x = 0; x < spec->width; x++)
          if (alpha[(gsize) y * spec->width + x] >= 0.5f)
            {
              truth->head_top_y = y;
              break;
            }
      truth->mask = gp_frame_new (GP_FRAME_GRAY, spec->width, spec->height);
      for (int y = 0; y < spec->height; y++)
        for (int x = 0; x < spec->width; x++)
          truth->mask->data[(gsize) y * truth->mask->stride + x] =
            clamp_u8 (255 * alpha[(gsize) y * spec->width + x]);
      truth->n_faces = spec->second_face ? 2 : 1;
      memcpy (truth->backdrop_rgb, backdrop_colours[spec->backdrop], 3);
    }

  placement_clear (&pl);
  return to_frame (rgb, spec->width, spec->height);
}

/* Only the transform of @spec's placement: place_point() needs no pixels. */
static void
placement_transform (Placement *pl, const GpTestPortraitSpec *spec)
{
  const Source *s = &sources[spec->subject];

  pl->scale = spec->scale;
  pl->cos_r = cos (spec->roll * G_PI / 180);
  pl->sin_r = sin (spec->roll * G_PI / 180);
  pl->src_cx = (s->left_eye[0] + s->right_eye[0]) / 2;
  pl->src_cy = (s->left_eye[1] + s->right_eye[1]) / 2;
  pl->dst_cx = spec->eyes_x;
  pl->dst_cy = spec->eyes_y;
}

void
gp_test_portrait_marked_face (const GpTestPortraitSpec *spec,
                              GpFace                   *face)
{
  Placement pl = { 0 };
  Marks m;
  GpPoint *lm = face->landmarks;
  /* The slots of the 68-point layout the marks fill. */
  static const int upper[5] = { 60, 61, 62, 63, 64 }, lower[5] = { 60, 67, 66, 65, 64 };

  g_return_if_fail (spec != NULL && face != NULL);

  marks_load (spec->subject, &m);
  placement_transform (&pl, spec);

  memset (face, 0, sizeof *face);
  for (int i = 0; i < GP_FACE_N_LANDMARKS; i++)
    lm[i].x = lm[i].y = NAN;
  place_point (&pl, m.left[0], m.left[1], &lm[48].x, &lm[48].y);
  place_point (&pl, m.right[0], m.right[1], &lm[54].x, &lm[54].y);
  place_point (&pl, m.upper_top[0], m.upper_top[1], &lm[51].x, &lm[51].y);
  place_point (&pl, m.lower_bottom[0], m.lower_bottom[1], &lm[57].x, &lm[57].y);
  for (int i = 0; i < 5; i++)
    {
      place_point (&pl, m.inner_upper[i][0], m.inner_upper[i][1], &lm[upper[i]].x, &lm[upper[i]].y);
      place_point (&pl, m.inner_lower[i][0], m.inner_lower[i][1], &lm[lower[i]].x, &lm[lower[i]].y);
    }
  /* The eyes as the 68-point layout has them: corners 36 and 39 (42, 45),
   * lid points at a third and two thirds of the width, upper 37–38
   * (43–44), lower 41–40 (47–46). */
  for (int e = 0; e < 2; e++)
    {
      const double (*up)[2] = m.eye_upper[e], (*low)[2] = m.eye_lower[e];
      GpPoint *p = lm + 36 + 6 * e;

      for (int i = 1; i <= 2; i++)
        {
          double x = up[0][0] + i / 3.0 * (up[4][0] - up[0][0]);

          place_point (&pl, x, polyline_y (up, 5, x), &p[i].x, &p[i].y);
          place_point (&pl, x, polyline_y (low, 5, x), &p[6 - i].x, &p[6 - i].y);
        }
      place_point (&pl, up[0][0], up[0][1], &p[0].x, &p[0].y);
      place_point (&pl, up[4][0], up[4][1], &p[3].x, &p[3].y);
    }
  /* The outline: 0–7 down the image-left side, the chin 8, 16–9 down the
   * other; the nose's bridge 27, ridge 29, tip 30 and base 33. */
  for (int i = 0; i < 8; i++)
    {
      place_point (&pl, m.outline[0][i][0], m.outline[0][i][1], &lm[i].x, &lm[i].y);
      place_point (&pl, m.outline[1][i][0], m.outline[1][i][1], &lm[16 - i].x, &lm[16 - i].y);
    }
  place_point (&pl, m.chin[0], m.chin[1], &lm[8].x, &lm[8].y);
  place_point (&pl, m.nose[0][0], m.nose[0][1], &lm[27].x, &lm[27].y);
  place_point (&pl, m.nose[1][0], m.nose[1][1], &lm[29].x, &lm[29].y);
  place_point (&pl, m.nose[2][0], m.nose[2][1], &lm[30].x, &lm[30].y);
  place_point (&pl, m.nose[3][0], m.nose[3][1], &lm[33].x, &lm[33].y);
  /* The brows: 17, 19, 21 and 22, 24, 26, their ends and arch tops. */
  for (int b = 0; b < 2; b++)
    for (int i = 0; i < 3; i++)
      place_point (&pl, m.brows[b][i][0], m.brows[b][i][1], &lm[17 + 5 * b + 2 * i].x, &lm[17 + 5 * b + 2 * i].y);
}

void
gp_test_portrait_marked_head (const GpTestPortraitSpec *spec,
                              GpTestHead               *head)
{
  static const char * const keys[] = { "head-top", "head-left", "head-right", "forehead-top", "brow-top",
                                       "lobe-left", "lobe-right" };
  double *points[] = { head->top, head->left, head->right, head->forehead, head->brow, head->lobes[0], head->lobes[1] };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "portrait-marks.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Placement pl = { 0 };
  JsonObject *o;

  g_return_if_fail (spec != NULL && head != NULL);

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("cannot read %s: %s", path, error->message);
  o = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), subject_keys[spec->subject]);
  placement_transform (&pl, spec);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      double p[2];

      read_point (o, keys[i], p);
      place_point (&pl, p[0], p[1], &points[i][0], &points[i][1]);
    }
}

gboolean
gp_test_portrait_save_png (const GpFrame  *frame,
                           const char     *path,
                           GError        **error)
{
  cairo_surface_t *surface = gp_frame_to_cairo (frame);
  cairo_status_t status = cairo_surface_write_to_png (surface, path);

  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

void
gp_test_portrait_truth_clear (GpTestPortraitTruth *truth)
{
  g_clear_pointer (&truth->mask, gp_frame_unref);
}
