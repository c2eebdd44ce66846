/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* From a frame to the file: composites at several positions and scales
 * give photos whose true geometry is inside the profile's ranges, on the
 * profile's colour; frames that cannot give one are refused, no file. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "photo/gp-standardize.h"

#include "gp-test-portrait.h"
#include "gp-test-util.h"

static char *tmp_dir;

static double
to_photo (double v, double origin, double scale)
{
  return (v + 0.5 - origin) * scale - 0.5;
}

/* Every pixel of the photo's top corners and sides above the shoulders is
 * the profile's colour, within JPEG's error. */
static void
assert_background (const GpFrame *photo, const guint8 colour[3], int tolerance)
{
  static const double boxes[][4] = {
    { 0.0, 0.0, 0.12, 0.12 }, { 0.88, 0.0, 1.0, 0.12 }, { 0.0, 0.3, 0.06, 0.45 }, { 0.94, 0.3, 1.0, 0.45 },
  };

  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    for (int y = (int) (boxes[b][1] * photo->height); y < (int) (boxes[b][3] * photo->height); y++)
      for (int x = (int) (boxes[b][0] * photo->width); x < (int) (boxes[b][2] * photo->width); x++)
        for (int c = 0; c < 3; c++)
          {
            int v = photo->data[(gsize) y * photo->stride + (gsize) x * 3 + c];

            if (ABS (v - colour[c]) > tolerance)
              g_error ("background at (%d, %d) channel %d is %d, not %d", x, y, c, v, colour[c]);
          }
}

static void
assert_jfif_dpi (GBytes *jpeg, int dpi)
{
  gsize n;
  const guint8 *d = g_bytes_get_data (jpeg, &n);

  g_assert_cmpuint (n, >, 18);
  g_assert_cmpmem (d + 6, 5, "JFIF", 5);
  g_assert_cmpint (d[13], ==, 1);
  g_assert_cmpint (d[14] << 8 | d[15], ==, dpi);
  g_assert_cmpint (d[16] << 8 | d[17], ==, dpi);
}

typedef struct {
  GpTestSubject  subject;
  int            width;
  double         eye_distance;  /* in frame widths */
  double         eyes_x;        /* in frame widths */
  double         eyes_y;        /* in frame heights */
  GpTestBackdrop backdrop;
  const char    *profile;
  gboolean       margin;        /* the crop reaches past the frame's top or side */
} Case;

static void
run_good (const Case *c, guint index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) profile = gp_profile_load (c->profile, &error);
  GpTestPortraitSpec spec;
  GpTestPortraitTruth truth = { 0 };
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpStandardizeResult) r = NULL;
  g_autoptr(GpFrame) decoded = NULL;
  g_autofree char *name = g_strdup_printf ("good-%u.jpg", index);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *written = NULL;
  gsize written_len = 0;
  double lx, ly, rx, ry, sx, sy, s, eye_line, head_top, face_width, centre;

  g_assert_no_error (error);
  /* Hopper wears her cap; these cases are about the geometry and the file,
   * so her photos are made with the headwear rule lifted from the profile. */
  if (c->subject == GP_TEST_SUBJECT_HOPPER)
    profile->checks[GP_CHECK_HEADWEAR].max = profile->checks[GP_CHECK_HEADWEAR].good_max = 1;
  gp_test_portrait_spec_init (&spec, c->subject, c->width, c->width * 9 / 16);
  gp_test_portrait_source_eyes (c->subject, &lx, &ly, &rx, &ry);
  spec.scale = c->eye_distance * c->width / hypot (rx - lx, ry - ly);
  spec.eyes_x = c->eyes_x * spec.width;
  spec.eyes_y = c->eyes_y * spec.height;
  spec.backdrop = c->backdrop;
  spec.seed = index + 1;
  frame = gp_test_portrait_compose (&spec, &truth);
  r = gp_standardize (frame, profile, NULL, path);
  g_test_message ("case %u: %s", index, r->error != NULL ? r->error->message : "ok");
  g_assert_no_error (r->error);
  g_test_message ("crop %.1f, %.1f, %.1f × %.1f of %d × %d", r->crop.x, r->crop.y, r->crop.width, r->crop.height,
                  frame->width, frame->height);
  g_assert_true ((r->crop.x < -0.01 || r->crop.y < -0.01 || r->crop.x + r->crop.width > frame->width + 0.01)
                 == c->margin);
  g_assert_cmpfloat (r->crop.y + r->crop.height, <=, frame->height + 0.01);
  /* The margin is the background colour, shoulders cut at the frame's
   * edge included: a pixel more than one frame pixel outside it. */
  for (int y = 0; y < r->photo->height && c->margin; y++)
    for (int x = 0; x < r->photo->width; x++)
      {
        double fx = r->crop.x + (x + 0.5) / r->crop.scale, fy = r->crop.y + (y + 0.5) / r->crop.scale;

        if (fx < -1 || fy < -1 || fx > frame->width + 1)
          g_assert_cmpmem (r->photo->data + (gsize) y * r->photo->stride + (gsize) x * 3, 3, profile->background, 3);
      }
  g_assert_no_error (r->error);
  g_assert_true (r->ok);
  g_assert_cmpstr (r->output, ==, path);

  /* The true geometry, moved into the photo: scale and offset only. */
  sx = r->crop.x;
  sy = r->crop.y;
  s = r->crop.scale;
  eye_line = to_photo ((truth.left_eye_y + truth.right_eye_y) / 2, sy, s);
  head_top = to_photo (truth.head_top_y, sy, s);
  face_width = truth.face_width * s;
  centre = to_photo (truth.face_center_x, sx, s) - r->width / 2.0;
  g_test_message ("eye line %.1f, head top %.1f, face width %.1f, centre %+.1f; measured eye line %.1f head top %.1f",
                  eye_line, head_top, face_width, centre, (r->left_eye.y + r->right_eye.y) / 2, r->head_top);
  g_assert_cmpfloat (eye_line, >=, profile->eye_line[0] * r->height / profile->height_min);
  g_assert_cmpfloat (eye_line, <=, profile->eye_line[1] * r->height / profile->height_min);
  /* The 50 % row of a soft hair edge, measured at another scale: a pixel. */
  g_assert_cmpfloat (head_top, >=, profile->head_top[0] * r->height / profile->height_min - 1.5);
  g_assert_cmpfloat (head_top, <=, profile->head_top[1] * r->height / profile->height_min + 1.5);
  g_assert_cmpfloat (face_width, >=, profile->face_width[0] * r->height / profile->height_min);
  g_assert_cmpfloat (face_width, <=, profile->face_width[1] * r->height / profile->height_min);
  g_assert_cmpfloat (fabs (centre), <=, 20.0 * r->height / profile->height_min);
  /* Landmark eye centres sit a few pixels off the hand-measured ones (glasses). */
  g_assert_cmpfloat (fabs (r->left_eye.y - to_photo (truth.left_eye_y, sy, s)), <=, 8 * MAX (s, 1.0));

  /* The file: as encoded, in the size window, quality floor, dpi. */
  g_assert_true (g_file_get_contents (path, &written, &written_len, NULL));
  g_assert_cmpmem (written, written_len, g_bytes_get_data (r->jpeg, NULL), g_bytes_get_size (r->jpeg));
  g_assert_cmpuint (written_len, >=, profile->file_size_min);
  g_assert_cmpuint (written_len, <=, profile->file_size_max);
  g_assert_cmpint (r->quality, >=, profile->quality_min);
  assert_jfif_dpi (r->jpeg, profile->dpi);
  decoded = gp_jpeg_decode (r->jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (decoded->format, ==, GP_FRAME_RGB);
  g_assert_cmpint (decoded->width, ==, r->width);
  g_assert_cmpint (decoded->height, ==, r->height);
  g_assert_cmpint (decoded->width * profile->height_min, ==, decoded->height * profile->width_min);
  assert_background (r->photo, profile->background, 0);
  assert_background (decoded, profile->background, 8);
  gp_test_portrait_truth_clear (&truth);
}

static const Case good_cases[] = {
  { GP_TEST_SUBJECT_HOPPER, 1280, 0.09, 0.5, 0.5, GP_TEST_BACKDROP_BLUE, "chsi-blue" },
  { GP_TEST_SUBJECT_HOPPER, 1280, 0.085, 0.42, 0.52, GP_TEST_BACKDROP_BLUE, "chsi-blue" },
  { GP_TEST_SUBJECT_HOPPER, 1280, 0.092, 0.58, 0.47, GP_TEST_BACKDROP_BLUE, "white" },
  { GP_TEST_SUBJECT_HOPPER, 1280, 0.08, 0.5, 0.47, GP_TEST_BACKDROP_GREY, "light-grey" },
  { GP_TEST_SUBJECT_ASTRONAUT, 1280, 0.09, 0.5, 0.45, GP_TEST_BACKDROP_BLUE, "chsi-blue" },
  { GP_TEST_SUBJECT_ASTRONAUT, 1280, 0.08, 0.45, 0.5, GP_TEST_BACKDROP_WHITE, "white" },
  { GP_TEST_SUBJECT_HOPPER, 1920, 0.06, 0.5, 0.4, GP_TEST_BACKDROP_BLUE, "chsi-blue" },
  { GP_TEST_SUBJECT_HOPPER, 1920, 0.06, 0.5, 0.4, GP_TEST_BACKDROP_BLUE, "upload" },
  /* The head inside the frame, but the standard room above it or the
   * photo's width not: the margin is the background colour. */
  { GP_TEST_SUBJECT_HOPPER, 1280, 0.09, 0.5, 0.35, GP_TEST_BACKDROP_BLUE, "chsi-blue", TRUE },
  { GP_TEST_SUBJECT_ASTRONAUT, 1280, 0.09, 0.16, 0.45, GP_TEST_BACKDROP_WHITE, "white", TRUE },
};

static void
test_good (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);

  run_good (&good_cases[i], i);
}

typedef struct {
  const char *name;
  int         domain;   /* 0: crop, 1: standardize */
  int         code;
} Refusal;

static void
test_refused (void)
{
  static const Refusal cases[] = {
    { "no-face", 1, GP_STANDARDIZE_ERROR_NO_FACE },
    { "two-faces", 1, GP_STANDARDIZE_ERROR_FACES },
    { "off-centre", 0, GP_CROP_ERROR_OFF_CENTRE },
    { "too-small", 0, GP_CROP_ERROR_TOO_FAR },
    { "too-large", 0, GP_CROP_ERROR_TOO_CLOSE },
    { "cut-off", 0, GP_CROP_ERROR_TOO_HIGH },
    { "huge", 1, GP_STANDARDIZE_ERROR_TOO_LARGE },
  };
  g_autoptr(GpProfile) profile = gp_profile_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GpStandardizeResult) r = NULL;
      g_autofree char *path = g_build_filename (tmp_dir, "refused.jpg", NULL);
      const char *name = cases[i].name;

      gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_HOPPER, 1280, 720);
      spec.scale *= 1.3;
      if (g_str_equal (name, "no-face"))
        frame = gp_test_portrait_backdrop (&spec);
      else if (g_str_equal (name, "huge"))
        frame = gp_frame_new (GP_FRAME_RGB, 6000, 4000);
      else
        {
          if (g_str_equal (name, "two-faces"))
            spec.second_face = TRUE;
          else if (g_str_equal (name, "off-centre"))
            spec.eyes_x = 0.1 * spec.width;
          else if (g_str_equal (name, "too-small"))
            spec.scale *= 0.55;
          /* The whole head in the frame, too large for the photo: move back. */
          else if (g_str_equal (name, "too-large"))
            {
              spec.scale *= 1.9;
              spec.eyes_y = 0.55 * spec.height;
            }
          else if (g_str_equal (name, "cut-off"))
            spec.eyes_y = 0.18 * spec.height;
          frame = gp_test_portrait_compose (&spec, NULL);
        }
      r = gp_standardize (frame, profile, NULL, path);
      g_test_message ("%s: %s", name, r->error != NULL ? r->error->message : "ok");
      g_assert_false (r->ok);
      g_assert_nonnull (r->error);
      if (cases[i].domain == 1)
        g_assert_error (r->error, GP_STANDARDIZE_ERROR, cases[i].code);
      else
        g_assert_error (r->error, GP_CROP_ERROR, cases[i].code);
      g_assert_null (r->output);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shipped = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);
  tmp_dir = g_dir_make_tmp ("gp-test-standardize-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/photo/standardize/good/%u-%s-%s", i,
                                               good_cases[i].subject == GP_TEST_SUBJECT_HOPPER ? "hopper" : "astronaut",
                                               good_cases[i].profile);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_good);
    }
  g_test_add_func ("/photo/standardize/refused-without-file", test_refused);
  status = g_test_run ();
  gp_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
