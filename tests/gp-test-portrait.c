/* Test portraits: cut-out public-domain portraits on generated backdrops,
 * with the ground truth the checks are measured against. */
#define G_LOG_DOMAIN "gp-test-portrait"

#include "config.h"

#include <cairo.h>
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
} Source;

static const Source sources[] = {
  [GP_TEST_SUBJECT_HOPPER] = { DEMO_PORTRAIT, "portrait-hopper-mask.png",
                               { 224.0, 190.5 }, { 304.0, 188.0 }, 186.0, 332.0 },
  [GP_TEST_SUBJECT_ASTRONAUT] = { ASTRONAUT_PNG, "portrait-astronaut-mask.png",
                                  { 203.5, 102.0 }, { 246.5, 103.5 }, 94.0, 178.5 },
};

static const guint8 backdrop_colours[][3] = {
  [GP_TEST_BACKDROP_BLUE] = { 100, 197, 255 },
  [GP_TEST_BACKDROP_WHITE] = { 255, 255, 255 },
  [GP_TEST_BACKDROP_GREY] = { 240, 240, 240 },
};

static guint8
clamp_u8 (double v)
{
  return (guint8) CLAMP (lround (v), 0, 255);
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
  spec->subject = subject;
  spec->scale = 0.06 * width / source_eye_distance (subject);
  spec->eyes_x = width / 2.0;
  spec->eyes_y = 0.4 * height;
  spec->brightness = 1.0;
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
} Placement;

static void
placement_init (Placement     *pl,
                GpTestSubject  subject,
                double         scale,
                double         eyes_x,
                double         eyes_y,
                double         roll)
{
  const Source *s = &sources[subject];

  pl->rgb = gp_test_portrait_load_source (subject, &pl->mask);
  pl->scale = scale;
  pl->cos_r = cos (roll * G_PI / 180);
  pl->sin_r = sin (roll * G_PI / 180);
  pl->src_cx = (s->left_eye[0] + s->right_eye[0]) / 2;
  pl->src_cy = (s->left_eye[1] + s->right_eye[1]) / 2;
  pl->dst_cx = eyes_x;
  pl->dst_cy = eyes_y;
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
  double chin_offset = (s->chin_y - pl->src_cy) * pl->scale;

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
            double v = -dx * pl->sin_r + dy * pl->cos_r;
            double gain = spec->brightness;

            if (spec->side_light != 0 && fabs (u) < 2 * face_half)
              {
                double t = CLAMP ((u + face_half) / (2 * face_half), 0, 1);

                gain *= spec->side_light > 0 ? 1 - spec->side_light * (1 - t)
                                             : 1 + spec->side_light * t;
              }
            for (int c = 0; c < 3; c++)
              rgb[c] *= gain;
            if (spec->clothing_tint > 0 && v > chin_offset + 0.15 * face_half)
              {
                /* Keep the shading, take the hue of the blue cloth. */
                double luma = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 180.0;

                for (int c = 0; c < 3; c++)
                  rgb[c] += spec->clothing_tint * (backdrop_colours[GP_TEST_BACKDROP_BLUE][c]
                                                   * MIN (1.2, 0.6 + luma) - rgb[c]);
              }
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

  placement_init (&pl, spec->subject, spec->scale, spec->eyes_x, spec->eyes_y, spec->roll);

  if (spec->second_face)
    {
      Placement second;

      placement_init (&second, spec->second_subject, spec->second_scale,
                      spec->second_eyes_x, spec->second_eyes_y, 0);
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
          rgb[i * 3 + c] *= 1 - 0.3f * shadow[i];
    }

  draw_person (spec, &pl, TRUE, rgb, alpha);
  eyes_in_frame (&pl, spec->subject, &lx, &ly, &rx, &ry);
  eye_d = hypot (rx - lx, ry - ly);

  if (spec->glare > 0)
    {
      /* A specular spot on the lens: white, a quarter of the eye distance. */
      double radius = 0.25 * eye_d;

      for (int y = MAX (0, (int) (ly - radius)); y < MIN (spec->height, (int) (ly + radius) + 1); y++)
        for (int x = MAX (0, (int) (lx - radius)); x < MIN (spec->width, (int) (lx + radius) + 1); x++)
          {
            double d = hypot (x - lx, y - ly) / radius;
            double w = spec->glare * CLAMP (1.5 - 1.5 * d, 0, 1);
            float *p = rgb + ((gsize) y * spec->width + x) * 3;

            for (int c = 0; c < 3; c++)
              p[c] = (float) (w * 255 + (1 - w) * p[c]);
          }
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
