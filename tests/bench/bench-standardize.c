/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Standardization (issue 4): per-stage time and peak RSS on 1080p and 720p
 * composites, beside ImageMagick doing crop/resize/encode alone and
 * Debian's facedetect doing detection alone; then the evaluation: per-check
 * recall on bad variants, false fails on good ones, and whether every
 * photo reported ok meets every geometry and file rule. Exits non-zero when
 * a target is missed, so `meson test --benchmark` reports it. */
#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "image/gp-jpeg.h"
#include "photo/gp-photo-encode.h"
#include "photo/gp-standardize.h"

#include "gp-test-earring.h"
#include "gp-test-face-edit.h"
#include "gp-test-hair.h"
#include "gp-test-hat.h"
#include "gp-test-portrait.h"
#include "gp-test-util.h"

#define RUNS 8

static char *tmp_dir;

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static void
spec_for (GpTestPortraitSpec *spec, GpTestSubject subject, int width, int i)
{
  gp_test_portrait_spec_init (spec, subject, width, width * 9 / 16);
  /* A 720p webcam needs the person closer for a 480 × 640 photo. */
  if (width < 1920)
    spec->scale *= 1920.0 / width * 0.95;
  spec->eyes_x = spec->width * (0.45 + 0.05 * (i % 3));
  spec->eyes_y = spec->height * (width < 1920 ? 0.48 : 0.42) + (i % 2) * 10;
  spec->seed = i + 1;
}

/* Runs a command RUNS times; the median wall time in ms, or NAN when it
 * cannot run or exits above @ok_up_to (gradphoto-admin standardize exits 1
 * for a photo it made that fails a check: the demo portrait's cap). */
static double
time_command (char **argv,
              int    ok_up_to)
{
  double t[RUNS];

  for (int r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      int status = 0;

      if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL)
          || !WIFEXITED (status) || WEXITSTATUS (status) > ok_up_to)
        return NAN;
      t[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (t, RUNS);
}

/* The median total in ms. */
static double
bench_speed (const GpProfile *profile, int width)
{
  double stages[GP_STAGE_N][RUNS], total[RUNS], magick, detect_peer, ours_cold, median_total;
  GpCrop crop = { 0 };
  int quality = 0;
  g_autofree char *ppm = g_build_filename (tmp_dir, "frame.ppm", NULL);
  g_autofree char *jpg = g_build_filename (tmp_dir, "frame.jpg", NULL);
  g_autofree char *out = g_build_filename (tmp_dir, "magick.jpg", NULL);

  for (int r = 0; r < RUNS; r++)
    {
      GpTestPortraitSpec spec;
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GpStandardizeResult) res = NULL;

      spec_for (&spec, r % 2 ? GP_TEST_SUBJECT_ASTRONAUT : GP_TEST_SUBJECT_HOPPER, width, r);
      frame = gp_test_portrait_compose (&spec, NULL);
      res = gp_standardize (frame, profile, NULL, NULL);
      if (res->width == 0)
        g_error ("%d: %s", width, res->error->message);
      for (int s = 0; s < GP_STAGE_N; s++)
        stages[s][r] = res->ms[s];
      total[r] = res->ms_total;
      if (r == 0)
        {
          g_autoptr(GString) header = g_string_new (NULL);
          g_autoptr(GError) error = NULL;

          crop = res->crop;
          quality = res->quality;
          g_string_printf (header, "P6\n%d %d\n255\n", frame->width, frame->height);
          for (int y = 0; y < frame->height; y++)
            g_string_append_len (header, (const char *) frame->data + (gsize) y * frame->stride, frame->width * 3);
          g_file_set_contents (ppm, header->str, header->len, &error);
          g_assert_no_error (error);
          gp_jpeg_save (frame, jpg, 92, 72, &error);
          g_assert_no_error (error);
        }
    }

  {
    g_autofree char *geometry = g_strdup_printf ("%dx%d+%d+%d", (int) lrint (crop.width), (int) lrint (crop.height),
                                                 (int) lrint (crop.x), (int) lrint (crop.y));
    g_autofree char *size = g_strdup_printf ("%dx%d!", crop.out_width, crop.out_height);
    g_autofree char *q = g_strdup_printf ("%d", quality);
    char *magick_argv[] = { "convert", ppm, "-crop", geometry, "-filter", "box", "-resize", size,
                            "-density", "300", "-units", "PixelsPerInch", "-quality", q, out, NULL };
    char *facedetect_argv[] = { "facedetect", jpg, NULL };
    g_autofree char *admin = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "admin", "gradphoto-admin", NULL);
    char *ours_argv[] = { admin, "standardize", jpg, "--out", tmp_dir, NULL };

    magick = time_command (magick_argv, 0);
    detect_peer = time_command (facedetect_argv, 0);
    ours_cold = time_command (ours_argv, 1);
  }

  printf ("%dp frame (%d runs, median ms, one core):\n", width * 9 / 16, RUNS);
  for (int s = 0; s < GP_STAGE_N; s++)
    printf ("  %-8s %7.1f ms%s\n", gp_stage_to_string (s), median (stages[s], RUNS),
            s == GP_STAGE_DETECT ? "  (HOG + 68 landmarks: one detector call)" : "");
  median_total = median (total, RUNS);
  printf ("  %-8s %7.1f ms  (warm: models loaded once; target ≤ 150 ms at 1080p)\n", "total", median_total);
  printf ("  cold, a new process per run (starting, loading its model, reading the file):\n");
  printf ("    ours: gradphoto-admin standardize, the whole pipeline %.1f ms (JPEG in)\n", ours_cold);
  if (isnan (detect_peer))
    printf ("    peer: facedetect detection alone: not run (install Debian's facedetect)\n");
  else
    printf ("    peer: facedetect (OpenCV Haar) detection alone %.1f ms (JPEG in)\n", detect_peer);
  printf ("    peer: ImageMagick convert crop+resize+encode alone %.1f ms (PPM in; no model to load)\n", magick);
  return median_total;
}

/* ---- Evaluation --------------------------------------------------------- */

/* A variant of the composite; zero fields keep spec_for()'s neutral
 * values (brightness and scale 1, the profile of the blue backdrop). */
typedef struct {
  const char     *name;
  GpCheckId       check;      /* the check it should fail; GP_CHECK_N: the crop refuses */
  GpTestBackdrop  backdrop;   /* and the profile of its colour */
  double          blur, brightness, side_light, roll, scale, eyes_x;
  gboolean        second;
  /* Clothing: tint towards rgb (NULL: the backdrop's colour) over cover. */
  double          tint;
  const double   *rgb;
  GpTestCover     cover;
  /* Glasses and a reflection on them (radius 0: a quarter eye distance). */
  gboolean        glasses;
  double          glare, glare_radius, glare_aspect, glare_angle, glare_dx, glare_dy;
  GpTestLens      lens;
  /* A face edit painted on after compositing. */
  GpTestFaceEditKind edit;
  double          edit_strength;
  gboolean        own_smile;  /* the astronaut's teeth as photographed (run
                               * on the astronaut only) */
  double          noise;      /* sensor noise, sigma in levels */
  int             width;      /* the frame, at the kiosk's framing; 0: 720p */
  double          lens_tint;  /* tinted lenses, towards lens_rgb (NULL: grey) */
  const double   *lens_rgb;
  GpTestObject    object;     /* behind the person, at object_side (1: right) */
  int             object_side;
  gboolean        hopper_only;  /* not run on the astronaut, for the reason
                                 * given beside the variant (README) */
  double          fringe;       /* hair over the brows: its edge below the
                                 * arch tops, in eye distances; 0: none */
  const double   *fringe_rgb;
} Variant;

#define RGB(r, g, b) ((const double[3]) { r, g, b })

static const Variant variants[] = {
  { "blur σ3", GP_CHECK_SHARPNESS, .blur = 3 },
  { "blur σ4", GP_CHECK_SHARPNESS, .blur = 4 },
  { "dark 0.35", GP_CHECK_EXPOSURE, .brightness = 0.35 },
  { "dark 0.45", GP_CHECK_EXPOSURE, .brightness = 0.45 },
  { "bright 1.8", GP_CHECK_CLIPPING, .brightness = 1.8 },
  { "left side dark 0.6", GP_CHECK_EVEN_LIGHT, .side_light = 0.6 },
  { "right side dark 0.6", GP_CHECK_EVEN_LIGHT, .side_light = -0.6 },
  { "blue clothes 0.9", GP_CHECK_CLOTHING, .tint = 0.9 },
  { "blue clothes 0.8", GP_CHECK_CLOTHING, .tint = 0.8 },
  { "glare 1.0", GP_CHECK_GLARE, .glasses = TRUE, .glare = 1 },
  { "glare 0.7", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.7 },
  { "tilted 9°", GP_CHECK_ROLL, .roll = 9 },
  { "tilted -9°", GP_CHECK_ROLL, .roll = -9 },
  { "two faces", GP_CHECK_FACES, .eyes_x = 0.38, .second = TRUE },
  { "off-centre", GP_CHECK_N, .eyes_x = 0.1 },
  { "too small", GP_CHECK_N, .scale = 0.4 },
  { "too large", GP_CHECK_N, .scale = 2.6 },
  /* Added last, so the variants above keep their positions and seeds.
   * Clothing of about the background's colour, shaded by the original's
   * folds: all of it, or an open jacket over the subject's own shirt. */
  { "pale blue sweater", GP_CHECK_CLOTHING, .tint = 1, .rgb = RGB (135, 205, 245) },
  { "sky-blue open jacket", GP_CHECK_CLOTHING, .tint = 1, .rgb = RGB (110, 185, 240), .cover = GP_TEST_COVER_OPEN_JACKET },
  { "white shirt on white", GP_CHECK_CLOTHING, GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (250, 250, 250) },
  { "off-white open jacket on white", GP_CHECK_CLOTHING, GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (245, 243, 235),
    .cover = GP_TEST_COVER_OPEN_JACKET },
  { "light grey sweater on grey", GP_CHECK_CLOTHING, GP_TEST_BACKDROP_GREY, .tint = 1, .rgb = RGB (225, 225, 225) },
  { "white open jacket on grey", GP_CHECK_CLOTHING, GP_TEST_BACKDROP_GREY, .tint = 1, .rgb = RGB (252, 252, 252),
    .cover = GP_TEST_COVER_OPEN_JACKET },
  /* Reflections of a light on the glasses (drawn on the astronaut, Hopper's
   * own): light added to the lens, clipping at the core, soft at the edge. */
  { "small hot spot, upper outer", GP_CHECK_GLARE, .glasses = TRUE, .glare = 1, .glare_radius = 0.12,
    .glare_dx = 0.12, .glare_dy = -0.1 },
  { "softbox streak, right lens", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.9, .glare_radius = 0.3,
    .glare_aspect = 0.4, .glare_angle = 25, .glare_dx = 0.05, .glare_dy = -0.05, .lens = GP_TEST_LENS_RIGHT },
  { "both lenses, mirrored spots", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.9, .glare_radius = 0.17,
    .glare_dx = 0.1, .glare_dy = -0.08, .lens = GP_TEST_LENS_BOTH },
  { "both lenses, broad 0.6", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.6, .glare_radius = 0.3,
    .lens = GP_TEST_LENS_BOTH },
  { "right lens, lower inner", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.8, .glare_radius = 0.2,
    .glare_dx = -0.1, .glare_dy = 0.1, .lens = GP_TEST_LENS_RIGHT },
  { "tilted oval over the iris", GP_CHECK_GLARE, .glasses = TRUE, .glare = 1, .glare_radius = 0.22,
    .glare_aspect = 0.6, .glare_angle = -30 },
  /* A focus blur at 1080p, through sensor noise and in dimmer light. */
  { "blur σ2.5 at 1080p", GP_CHECK_SHARPNESS, .blur = 2.5, .width = 1920 },
  { "blur σ2.5 at 1080p, noise σ4", GP_CHECK_SHARPNESS, .blur = 2.5, .noise = 4, .width = 1920 },
  { "blur σ3 at 1080p, lit 0.8", GP_CHECK_SHARPNESS, .blur = 3, .brightness = 0.8, .width = 1920 },
  /* Teeth between the lips: a grin painted from the hand-marked mouth, and
   * the astronaut's own smile. */
  { "grin 0.1", GP_CHECK_TEETH, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.1 },
  { "grin 0.15 on white", GP_CHECK_TEETH, GP_TEST_BACKDROP_WHITE, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.15 },
  { "grin 0.08 on grey", GP_CHECK_TEETH, GP_TEST_BACKDROP_GREY, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.08 },
  { "grin 0.12, lit 0.8", GP_CHECK_TEETH, .brightness = 0.8, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.12 },
  { "grin 0.12, glasses", GP_CHECK_TEETH, .glasses = TRUE, .edit = GP_TEST_FACE_TEETH, .edit_strength = 0.12 },
  { "smile as photographed", GP_CHECK_TEETH, .own_smile = TRUE },
  { "smile as photographed on white", GP_CHECK_TEETH, GP_TEST_BACKDROP_WHITE, .own_smile = TRUE },
  /* Sunglasses and tinted lenses (Hopper's own glasses, drawn ones on the
   * astronaut): the share of light taken away, and the tint's colour. */
  { "sunglasses 0.8", GP_CHECK_TINTED_GLASSES, .glasses = TRUE, .lens_tint = 0.8 },
  { "grey tint 0.5", GP_CHECK_TINTED_GLASSES, .glasses = TRUE, .lens_tint = 0.5 },
  { "brown tint 0.5 on white", GP_CHECK_TINTED_GLASSES, GP_TEST_BACKDROP_WHITE, .glasses = TRUE, .lens_tint = 0.5,
    .lens_rgb = RGB (255, 200, 140) },
  { "green tint 0.45 on grey", GP_CHECK_TINTED_GLASSES, GP_TEST_BACKDROP_GREY, .glasses = TRUE, .lens_tint = 0.45,
    .lens_rgb = RGB (150, 255, 170) },
  { "grey tint 0.6, lit 1.15", GP_CHECK_TINTED_GLASSES, .brightness = 1.15, .glasses = TRUE, .lens_tint = 0.6 },
  { "rose tint 0.25", GP_CHECK_TINTED_GLASSES, .glasses = TRUE, .lens_tint = 0.25, .lens_rgb = RGB (255, 170, 190) },
  /* Hair over the brows. Dark fringes hide the astronaut's face from the
   * detector altogether ("no face found"): run on Hopper only. */
  { "black fringe over the brows", GP_CHECK_EYEBROWS, .fringe = 0.15, .fringe_rgb = RGB (30, 25, 25),
    .hopper_only = TRUE },
  { "dark brown fringe to the lids on white", GP_CHECK_EYEBROWS, GP_TEST_BACKDROP_WHITE, .fringe = 0.3,
    .fringe_rgb = RGB (60, 42, 30), .hopper_only = TRUE },
  { "light brown fringe", GP_CHECK_EYEBROWS, .fringe = 0.08, .fringe_rgb = RGB (140, 100, 60) },
  { "mid brown fringe on grey, lit 0.85", GP_CHECK_EYEBROWS, GP_TEST_BACKDROP_GREY, .brightness = 0.85,
    .fringe = 0.1, .fringe_rgb = RGB (100, 70, 45) },
  /* Behind the person and touching the outline: a flag (drawn, and the one
   * photographed beside the astronaut), a poster, the next person's shoulder.
   * The astronaut's suit rises beside her neck as high as a neighbour's
   * shoulder would: on her, the shoulder is not one the outline can show. */
  /* Tops of the skin's colour, with skin-clothing asked for (load_profile()). */
  { "beige top", GP_CHECK_SKIN_CLOTHING, .tint = 1, .rgb = RGB (225, 185, 150) },
  { "light yellow top", GP_CHECK_SKIN_CLOTHING, .tint = 1, .rgb = RGB (235, 200, 150) },
  { "khaki on white", GP_CHECK_SKIN_CLOTHING, GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (195, 176, 128) },
  { "tan on grey, lit 0.85", GP_CHECK_SKIN_CLOTHING, GP_TEST_BACKDROP_GREY, .brightness = 0.85, .tint = 1,
    .rgb = RGB (205, 150, 115) },
  { "pale peach open jacket", GP_CHECK_SKIN_CLOTHING, .tint = 1, .rgb = RGB (240, 200, 170),
    .cover = GP_TEST_COVER_OPEN_JACKET },
  { "flag right", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_FLAG, .object_side = 1 },
  { "flag left on white", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_BACKDROP_WHITE, .object = GP_TEST_OBJECT_FLAG,
    .object_side = -1 },
  { "photographed flag left", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_PHOTO_FLAG, .object_side = -1 },
  { "photographed flag right on grey, lit 0.8", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_BACKDROP_GREY, .brightness = 0.8,
    .object = GP_TEST_OBJECT_PHOTO_FLAG, .object_side = 1 },
  { "poster left", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_POSTER, .object_side = -1 },
  { "poster right on white, lit 1.15", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_BACKDROP_WHITE, .brightness = 1.15,
    .object = GP_TEST_OBJECT_POSTER, .object_side = 1 },
  { "shoulder behind right", GP_CHECK_BACKGROUND_OBJECTS, .object = GP_TEST_OBJECT_SHOULDER, .object_side = 1,
    .hopper_only = TRUE },
  { "shoulder behind left on grey", GP_CHECK_BACKGROUND_OBJECTS, GP_TEST_BACKDROP_GREY,
    .object = GP_TEST_OBJECT_SHOULDER, .object_side = -1, .hopper_only = TRUE },
  { "shoulder behind left, lit 0.85", GP_CHECK_BACKGROUND_OBJECTS, .brightness = 0.85,
    .object = GP_TEST_OBJECT_SHOULDER, .object_side = -1, .hopper_only = TRUE },
  { "flag right, smaller face (0.85)", GP_CHECK_BACKGROUND_OBJECTS, .scale = 0.85, .object = GP_TEST_OBJECT_FLAG,
    .object_side = 1 },
};

/* Good photos beyond the plain ones: clothing plainly unlike the
 * background, and glasses without reflections. */
static const Variant good_variants[] = {
  { "white shirt on blue", .tint = 1, .rgb = RGB (245, 245, 245) },
  { "dark navy suit on blue", .tint = 1, .rgb = RGB (30, 36, 60) },
  { "glasses on blue", .glasses = TRUE },
  { "black on white", .backdrop = GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (30, 30, 30) },
  { "blue shirt on white", .backdrop = GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (60, 110, 190) },
  { "glasses on white", .backdrop = GP_TEST_BACKDROP_WHITE, .glasses = TRUE },
  { "burgundy on grey", .backdrop = GP_TEST_BACKDROP_GREY, .tint = 1, .rgb = RGB (110, 30, 45) },
  { "glasses on grey", .backdrop = GP_TEST_BACKDROP_GREY, .glasses = TRUE },
  { "glasses, lit brighter (1.15)", .brightness = 1.15, .glasses = TRUE },
  { "glasses, lit dimmer (0.8)", .brightness = 0.8, .glasses = TRUE },
  /* Dark suits on blue, and grey on white: darker than the cloth, of the
   * cloth's own colour or none, the kind a separation takes for shadow.
   * Mid grey on white still is, on Hopper: her jacket's lighter folds go
   * with the cloth, and the clothing check fails the photo. */
  { "navy (40, 50, 100) on blue", .tint = 1, .rgb = RGB (40, 50, 100) },
  { "dark grey (90, 90, 90) on blue", .tint = 1, .rgb = RGB (90, 90, 90) },
  { "mid grey (128, 128, 128) on white", .backdrop = GP_TEST_BACKDROP_WHITE, .tint = 1, .rgb = RGB (128, 128, 128) },
  /* A turn within the limits, painted as the bad ones are (the painting
   * itself must not fail a photo). Parted lips are left out: the
   * astronaut's own smile already measures 0.15 of the 0.2 allowed. */
  { "turned 5° right", .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = 5 },
  { "turned 5° left", .edit = GP_TEST_FACE_HEAD_TURNED, .edit_strength = -5 },
  /* Added last, as above. Sharp 1080p frames with a webcam's sensor
   * noise, and lips just parted (the astronaut's are painted closed). */
  { "sharp 1080p, noise σ4", .noise = 4, .width = 1920 },
  { "sharp 1080p, noise σ6, lit 0.85", .noise = 6, .brightness = 0.85, .width = 1920 },
  { "lips parted 0.05", .edit = GP_TEST_FACE_MOUTH_OPEN, .edit_strength = 0.05 },
};

/* Not counted: a reflection too faint to reach near white. Shown so the
 * figures above are not read as covering it. */
static const Variant limit_variants[] = {
  { "faint reflection 0.45", GP_CHECK_GLARE, .glasses = TRUE, .glare = 0.45 },
};

static const GpTestBackdrop backdrops[] = { GP_TEST_BACKDROP_BLUE, GP_TEST_BACKDROP_WHITE, GP_TEST_BACKDROP_GREY };

typedef struct {
  guint ok_photos, ok_compliant;
  guint good, good_plain, good_ok, false_fail[GP_CHECK_N + 1];
  guint bad[GP_CHECK_N + 1], caught[GP_CHECK_N + 1], refused[GP_CHECK_N + 1];
  guint bg_bad, bg_caught;
  guint no_face[GP_CHECK_N + 1];  /* bad variants caught by "no face found" */
  /* Each check's values on good photos and on its own bad variants. */
  double good_lo[GP_CHECK_N], good_hi[GP_CHECK_N], bad_lo[GP_CHECK_N], bad_hi[GP_CHECK_N];
} Tally;

static double
to_photo (double v, double origin, double scale)
{
  return (v + 0.5 - origin) * scale - 0.5;
}

/* Every geometry and file rule, on the true geometry. */
static gboolean
compliant (const GpStandardizeResult *r, const GpTestPortraitTruth *t, const GpProfile *p)
{
  double f = (double) r->height / p->height_min;
  double eye = to_photo ((t->left_eye_y + t->right_eye_y) / 2, r->crop.y, r->crop.scale);
  double top = to_photo (t->head_top_y, r->crop.y, r->crop.scale);
  double width = t->face_width * r->crop.scale;
  double centre = to_photo (t->face_center_x, r->crop.x, r->crop.scale) - r->width / 2.0;
  gsize bytes = g_bytes_get_size (r->jpeg);

  return eye >= p->eye_line[0] * f && eye <= p->eye_line[1] * f
         && top >= p->head_top[0] * f - 1.5 && top <= p->head_top[1] * f + 1.5
         && width >= p->face_width[0] * f && width <= p->face_width[1] * f
         && fabs (centre) <= 20 * f
         && bytes >= p->file_size_min && bytes <= p->file_size_max && r->quality >= p->quality_min
         && r->width >= p->width_min && r->width <= p->width_max;
}

static void
tally_ok (Tally *t, const GpStandardizeResult *r, const GpTestPortraitTruth *truth, const GpProfile *p)
{
  if (!r->ok)
    return;
  t->ok_photos++;
  t->ok_compliant += compliant (r, truth, p);
}

/* The profiles as shipped, and skin-clothing turned on as a profile that
 * asks for it would (skin-clothing=0;0.35;0;0.2), so its recall and its
 * false fails are both measured. */
static const GpCheckLimits skin_clothing_asked = { 0, 0.35, 0, 0.2 };

static GpProfile *
load_profile (const char *name)
{
  GpProfile *profile = gp_profile_load (name, NULL);

  profile->checks[GP_CHECK_SKIN_CLOTHING] = skin_clothing_asked;
  return profile;
}

static void
widen (double *lo, double *hi, double value)
{
  *lo = MIN (*lo, value);
  *hi = MAX (*hi, value);
}

static void
apply_variant (GpTestPortraitSpec *spec, const Variant *var)
{
  spec->backdrop = var->backdrop;
  spec->blur = var->blur;
  spec->brightness = var->brightness > 0 ? var->brightness : 1;
  spec->side_light = var->side_light;
  spec->roll = var->roll;
  spec->scale *= var->scale > 0 ? var->scale : 1;
  spec->second_face = var->second;
  if (var->eyes_x > 0)
    spec->eyes_x = var->eyes_x * spec->width;
  spec->clothing_tint = var->tint;
  for (int c = 0; c < 3 && var->rgb != NULL; c++)
    spec->clothing_rgb[c] = var->rgb[c];
  spec->clothing_cover = var->cover;
  spec->glasses = var->glasses;
  spec->glare = var->glare;
  if (var->glare_radius > 0)
    spec->glare_radius = var->glare_radius;
  if (var->glare_aspect > 0)
    spec->glare_aspect = var->glare_aspect;
  spec->glare_angle = var->glare_angle;
  spec->glare_dx = var->glare_dx;
  spec->glare_dy = var->glare_dy;
  spec->glare_lens = var->lens;
  spec->object = var->object;
  spec->object_side = var->object_side;
}

static GpStandardizeResult *
run_variant (const Variant *var, int subject, int width, guint index, GpTestPortraitTruth *truth,
             GpProfile **profile)
{
  GpTestPortraitSpec spec;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  spec_for (&spec, subject, var->width > 0 ? var->width : width, index);
  apply_variant (&spec, var);
  spec.own_smile = var->own_smile;
  spec.noise = var->noise;
  spec.lens_tint = var->lens_tint;
  for (int c = 0; c < 3 && var->lens_rgb != NULL; c++)
    spec.lens_rgb[c] = var->lens_rgb[c];
  *profile = load_profile (gp_test_portrait_profile_name (var->backdrop));
  frame = gp_test_portrait_compose (&spec, truth);
  if (var->fringe != 0)
    gp_test_fringe_draw (frame, &spec, var->fringe, var->fringe_rgb);
  if (var->edit != GP_TEST_FACE_NONE
      && !gp_test_face_edit_portrait (frame, &spec, var->edit, var->edit_strength, &error))
    g_error ("%s: %s", var->name, error->message);
  return gp_standardize (frame, *profile, NULL, NULL);
}

/* A bad variant: whether its check failed (or the crop refused it). */
static void
tally_bad (Tally *t, const Variant *var, const GpStandardizeResult *r, const GpTestPortraitTruth *truth,
           const GpProfile *profile, const char *subject)
{
  gboolean caught;

  /* A refusal by the checks (Hopper's cap) is not the crop's. */
  if (var->check == GP_CHECK_N)
    caught = !r->ok && !g_error_matches (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_CHECK_FAILED);
  else
    {
      GpCheck *c = gp_checks_find (r->checks, var->check);

      /* Caught only when the check that names the fault fails: a face the
       * detector does not find is refused, but with another instruction. */
      caught = c != NULL && c->status == GP_CHECK_FAIL;
      if (c != NULL && isfinite (c->value))
        widen (&t->bad_lo[var->check], &t->bad_hi[var->check], c->value);
      t->no_face[var->check] += g_error_matches (r->error, GP_STANDARDIZE_ERROR, GP_STANDARDIZE_ERROR_NO_FACE);
    }
  t->bad[var->check]++;
  t->caught[var->check] += caught;
  t->refused[var->check] += !r->ok;
  if (!caught)
    printf ("  missed: %s, %s: %s\n", var->name, subject,
            r->error != NULL ? r->error->message : "reported ok");
  tally_ok (t, r, truth, profile);
}

/* A good photo: every failed check is a false fail. */
static void
tally_good (Tally *t, const GpStandardizeResult *r, const GpTestPortraitTruth *truth, const GpProfile *p,
            const char *name)
{
  /* Hopper wears her cap: a bad photo for the headwear check, a good one
   * for every other. */
  gboolean cap = strstr (name, "hopper") != NULL, ok = r->ok;
  guint fails = 0;

  for (guint i = 0; i < r->checks->len; i++)
    fails += g_array_index (r->checks, GpCheck, i).status == GP_CHECK_FAIL;
  /* Refused for her cap alone is what every other check allows. */
  if (cap && !ok && r->checks->len == GP_CHECK_N && fails == 1
      && gp_checks_find (r->checks, GP_CHECK_HEADWEAR)->status == GP_CHECK_FAIL)
    ok = TRUE;
  t->good++;
  t->good_ok += ok;
  if (cap)
    {
      GpCheck *c = gp_checks_find (r->checks, GP_CHECK_HEADWEAR);

      t->bad[GP_CHECK_HEADWEAR]++;
      t->caught[GP_CHECK_HEADWEAR] += c != NULL && c->status == GP_CHECK_FAIL;
      t->refused[GP_CHECK_HEADWEAR] += !r->ok;
      if (c != NULL && isfinite (c->value))
        widen (&t->bad_lo[GP_CHECK_HEADWEAR], &t->bad_hi[GP_CHECK_HEADWEAR], c->value);
    }
  for (guint i = 0; i < r->checks->len; i++)
    {
      const GpCheck *c = &g_array_index (r->checks, GpCheck, i);

      if (cap && c->id == GP_CHECK_HEADWEAR)
        continue;
      if (c->status == GP_CHECK_FAIL)
        t->false_fail[c->id]++;
      if (isfinite (c->value))
        widen (&t->good_lo[c->id], &t->good_hi[c->id], c->value);
    }
  if (r->checks->len == 0)
    t->false_fail[GP_CHECK_N]++;
  if (!ok)
    printf ("  good %s refused: %s\n", name, r->error->message);
  tally_ok (t, r, truth, p);
}

/* Standardizes @frame, composed from @spec (which @truth describes) with
 * @var's fault drawn on, and counts it for @var's check. */
static void
tally_drawn (Tally *t, const Variant *var, const GpTestPortraitSpec *spec, const GpFrame *frame,
             GpTestPortraitTruth *truth)
{
  const char *backdrop = gp_test_portrait_profile_name (spec->backdrop);
  g_autoptr(GpProfile) profile = gp_profile_load (backdrop, NULL);
  g_autoptr(GpStandardizeResult) r = gp_standardize (frame, profile, NULL, NULL);
  g_autofree char *where = g_strdup_printf ("%s on %s", spec->subject == GP_TEST_SUBJECT_ASTRONAUT ? "astronaut"
                                                                                                     : "hopper",
                                            backdrop);

  tally_bad (t, var, r, truth, profile, where);
  gp_test_portrait_truth_clear (truth);
}

/* Caps and hats painted on the astronaut, on every backdrop, in two
 * places; a head and hat this tall needs the person farther back than the
 * other composites. Numbered apart, as the face edits are. */
static void
tally_hats (Tally *t)
{
  guint n_hats, index = 2000;
  const GpTestHat *hats = gp_test_hats (&n_hats);

  for (guint h = 0; h < n_hats; h++)
    for (guint b = 0; b < G_N_ELEMENTS (backdrops); b++)
      for (int pos = 0; pos < 2; pos++, index++)
        {
          Variant var = { hats[h].name, GP_CHECK_HEADWEAR, backdrops[b] };
          GpTestPortraitSpec spec;
          GpTestPortraitTruth truth = { 0 };
          g_autoptr(GpFrame) frame = NULL;

          gp_test_portrait_spec_init (&spec, GP_TEST_SUBJECT_ASTRONAUT, 1280, 720);
          spec.eyes_x = spec.width * (0.46 + 0.08 * pos);
          spec.eyes_y = spec.height * 0.55;
          spec.backdrop = backdrops[b];
          spec.seed = index + 1;
          /* The camera's noise on the face as on the cloth. */
          spec.noise = hats[h].noise;
          frame = gp_test_portrait_compose (&spec, &truth);
          gp_test_hat_draw (frame, &spec, &hats[h]);
          tally_drawn (t, &var, &spec, frame, &truth);
        }
}

/* Earrings hung from the lobes' hand marks on both portraits (Hopper's cap
 * is the headwear check's business), on every backdrop, in two places.
 * Numbered apart, as the face edits are. */
static void
tally_earrings (Tally *t)
{
  guint n_earrings, index = 3000;
  const GpTestEarring *earrings = gp_test_earrings (&n_earrings);

  for (guint e = 0; e < n_earrings; e++)
    for (guint b = 0; b < G_N_ELEMENTS (backdrops); b++)
      for (int subject = 0; subject < 2; subject++, index++)
        {
          Variant var = { earrings[e].name, GP_CHECK_EARRINGS, backdrops[b] };
          GpTestPortraitSpec spec;
          GpTestPortraitTruth truth = { 0 };
          g_autoptr(GpFrame) frame = NULL;

          gp_test_portrait_spec_init (&spec, subject, 1280, 720);
          spec.eyes_x = spec.width * (0.46 + 0.08 * (index % 2));
          spec.eyes_y = spec.height * 0.45;
          spec.backdrop = backdrops[b];
          spec.seed = index + 1;
          frame = gp_test_portrait_compose (&spec, &truth);
          gp_test_earring_draw (frame, &spec, &earrings[e]);
          tally_drawn (t, &var, &spec, frame, &truth);
        }
}

/* Whether @part of @whole is at least @share (at most, when !at_least);
 * prints the verdict beside the figure. */
static gboolean
meets (guint part, guint whole, double share, gboolean at_least)
{
  gboolean ok = whole == 0 || (at_least ? part >= share * whole : part <= share * whole);

  printf (" %5.1f %% %s", whole > 0 ? 100.0 * part / whole : 0.0, ok ? "  " : "✗ ");
  return ok;
}

/* Returns whether every recall and false-fail target is met. */
static gboolean
evaluate (void)
{
  Tally t = { 0 };
  const int width = 1280;
  guint index = 0, n_bad = 0;
  gboolean met = TRUE;

  for (int c = 0; c < GP_CHECK_N; c++)
    {
      t.good_lo[c] = t.bad_lo[c] = INFINITY;
      t.good_hi[c] = t.bad_hi[c] = -INFINITY;
    }

  for (int subject = 0; subject < 2; subject++)
    for (guint b = 0; b < G_N_ELEMENTS (backdrops); b++)
      for (int pos = 0; pos < 3; pos++, index++)
        {
          g_autoptr(GpProfile) profile = load_profile (gp_test_portrait_profile_name (backdrops[b]));
          GpTestPortraitSpec spec;
          GpTestPortraitTruth truth = { 0 };
          g_autoptr(GpFrame) frame = NULL;
          g_autoptr(GpStandardizeResult) r = NULL;

          g_autofree char *name = g_strdup_printf ("frame %u, %s", index, subject ? "astronaut" : "hopper");

          spec_for (&spec, subject, width, index);
          spec.backdrop = backdrops[b];
          frame = gp_test_portrait_compose (&spec, &truth);
          r = gp_standardize (frame, profile, NULL, NULL);
          tally_good (&t, r, &truth, profile, name);
          t.good_plain++;
          /* The same crop without the backdrop replaced, as a studio's photo
           * on a cloth: the background check's bad variant. */
          if (r->width > 0 && backdrops[b] == GP_TEST_BACKDROP_BLUE)
            {
              g_autoptr(GpFrame) cut = gp_photo_resample (frame, r->crop.x, r->crop.y, r->crop.width,
                                                          r->crop.height, r->crop.out_width, r->crop.out_height);
              g_autoptr(GpStandardizeResult) raw = gp_standardize_check (cut, 0, profile, NULL);
              GpCheck *bg = raw->checks->len > 0 ? gp_checks_find (raw->checks, GP_CHECK_BACKGROUND) : NULL;

              t.bg_bad++;
              t.bg_caught += bg != NULL && bg->status == GP_CHECK_FAIL;
            }
          gp_test_portrait_truth_clear (&truth);
        }

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    for (int subject = 0; subject < 2; subject++)
      for (int pos = 0; pos < 2; pos++, index++)
        {
          const Variant *var = &variants[v];
          g_autoptr(GpProfile) profile = NULL;
          GpTestPortraitTruth truth = { 0 };
          g_autoptr(GpStandardizeResult) r = NULL;

          if ((var->own_smile && subject == GP_TEST_SUBJECT_HOPPER)
              || (var->hopper_only && subject == GP_TEST_SUBJECT_ASTRONAUT))
            continue;
          r = run_variant (var, subject, width, index, &truth, &profile);

          tally_bad (&t, var, r, &truth, profile, subject ? "astronaut" : "hopper");
          gp_test_portrait_truth_clear (&truth);
        }

  /* Shut eyes, an open mouth and a turned head, painted on each subject
   * on every backdrop; numbered apart, so the good variants below keep their
   * positions and seeds. */
  {
    guint n_edits, edit_index = 1000;
    const GpTestFaceEdit *edits = gp_test_face_edits (&n_edits);

    for (guint e = 0; e < n_edits; e++)
      for (guint b = 0; b < G_N_ELEMENTS (backdrops); b++)
        for (int subject = 0; subject < 2; subject++)
          for (int pos = 0; pos < 2; pos++, edit_index++)
            {
              Variant var = { edits[e].name, edits[e].check, backdrops[b],
                              .edit = edits[e].kind, .edit_strength = edits[e].strength };
              g_autoptr(GpProfile) profile = NULL;
              GpTestPortraitTruth truth = { 0 };
              g_autoptr(GpStandardizeResult) r = run_variant (&var, subject, width, edit_index, &truth,
                                                              &profile);
              g_autofree char *where = g_strdup_printf ("%s on %s", subject ? "astronaut" : "hopper",
                                                        gp_test_portrait_profile_name (backdrops[b]));

              tally_bad (&t, &var, r, &truth, profile, where);
              gp_test_portrait_truth_clear (&truth);
            }
  }

  tally_hats (&t);
  tally_earrings (&t);

  for (guint v = 0; v < G_N_ELEMENTS (good_variants); v++)
    for (int subject = 0; subject < 2; subject++)
      for (int pos = 0; pos < 2; pos++, index++)
        {
          g_autoptr(GpProfile) profile = NULL;
          GpTestPortraitTruth truth = { 0 };
          g_autoptr(GpStandardizeResult) r = run_variant (&good_variants[v], subject, width, index, &truth,
                                                          &profile);
          g_autofree char *name = g_strdup_printf ("%s, %s", good_variants[v].name, subject ? "astronaut" : "hopper");

          tally_good (&t, r, &truth, profile, name);
          gp_test_portrait_truth_clear (&truth);
        }

  for (int c = 0; c <= GP_CHECK_N; c++)
    n_bad += t.bad[c];
  printf ("\nEvaluation on 720p composites, and 1080p for sharpness (%u good: %u plain, %u dressed unlike the "
          "background, with glasses, sensor noise or parted lips; %u bad variants, and %u backdrops not replaced):\n",
          t.good, t.good_plain, t.good - t.good_plain, n_bad, t.bg_bad);
  printf ("  a fault counts as caught only when the check that names it fails\n");
  printf ("  %-13s %8s %8s %12s %8s %15s   %s\n", "check", "recall", "(≥ 95 %)", "false fails", "(≤ 3 %)",
          "refused", "value on good photos | on its bad variants (fails outside)");
  for (int c = 0; c <= GP_CHECK_N; c++)
    {
      const char *name = c == GP_CHECK_N ? "crop refusal" : gp_check_id_to_string (c);
      guint caught = c == GP_CHECK_BACKGROUND ? t.bg_caught : t.caught[c];
      guint bad = c == GP_CHECK_BACKGROUND ? t.bg_bad : t.bad[c];
      g_autofree char *recall = bad ? g_strdup_printf ("%u/%u", caught, bad) : g_strdup ("—");
      g_autofree char *refused = t.bad[c] ? g_strdup_printf ("%u/%u", t.refused[c], t.bad[c]) : g_strdup ("—");
      g_autofree char *ff = g_strdup_printf ("%u/%u", t.false_fail[c], t.good);

      printf ("  %-13s %8s", name, recall);
      if (bad > 0)
        met &= meets (caught, bad, 0.95, TRUE);
      else
        printf ("    —     ");
      printf (" %12s", ff);
      met &= meets (t.false_fail[c], t.good, 0.03, FALSE);
      printf (" %15s", refused);
      if (c < GP_CHECK_N && t.bad[c] > 0 && isfinite (t.bad_lo[c]))
        {
          g_autoptr(GpProfile) p = load_profile (NULL);

          printf ("   %.3g–%.3g | %.3g–%.3g (%g–%g)", t.good_lo[c], t.good_hi[c], t.bad_lo[c], t.bad_hi[c],
                  p->checks[c].min, p->checks[c].max);
        }
      printf ("\n");
    }
  for (int c = 0; c < GP_CHECK_N; c++)
    if (t.no_face[c] > 0)
      printf ("  %s: %u of its %u bad variants were refused as \"no face found\" instead (not counted as caught)\n",
              gp_check_id_to_string (c), t.no_face[c], t.bad[c]);
  printf ("  good photos reported ok: %u/%u; refused", t.good_ok, t.good);
  met &= meets (t.good - t.good_ok, t.good, 0.05, FALSE);
  printf ("(target ≤ 5 %%)\n");
  printf ("  photos reported ok that meet every geometry and file rule: %u/%u (target: all)%s\n",
          t.ok_compliant, t.ok_photos, t.ok_compliant == t.ok_photos ? "" : " ✗");
  met &= t.ok_compliant == t.ok_photos;

  printf ("\nKnown limits, not counted above (the check's outcome, value):\n");
  for (guint v = 0; v < G_N_ELEMENTS (limit_variants); v++)
    {
      const Variant *var = &limit_variants[v];
      g_autoptr(GString) line = g_string_new (NULL);

      for (int subject = 0; subject < 2; subject++)
        for (int pos = 0; pos < 2; pos++, index++)
          {
            g_autoptr(GpProfile) profile = NULL;
            GpTestPortraitTruth truth = { 0 };
            g_autoptr(GpStandardizeResult) r = run_variant (var, subject, width, index, &truth, &profile);
            GpCheck *c = gp_checks_find (r->checks, var->check);

            g_string_append_printf (line, " %s %.3g", c != NULL ? gp_check_status_to_string (c->status) : "—",
                                    c != NULL ? c->value : NAN);
            gp_test_portrait_truth_clear (&truth);
          }
      printf ("  %-34s %s:%s\n", var->name, gp_check_id_to_string (var->check), line->str);
    }
  return met;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) profile = NULL;
  cpu_set_t one;
  gint64 start;
  double total_1080p, rss;
  gboolean met = TRUE;

  g_test_init (&argc, &argv, NULL);
  CPU_ZERO (&one);
  CPU_SET (0, &one);
  sched_setaffinity (0, sizeof one, &one);
  tmp_dir = g_dir_make_tmp ("gp-bench-standardize-XXXXXX", &error);
  g_assert_no_error (error);
  profile = gp_profile_load (NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  gp_face_detector_get_default (&error);
  g_assert_no_error (error);
  printf ("models loaded in %.0f ms; peak RSS %.0f MB\n", (g_get_monotonic_time () - start) / 1000.0, peak_rss_mb ());
  total_1080p = bench_speed (profile, 1920);
  bench_speed (profile, 1280);
  rss = peak_rss_mb ();
  printf ("peak RSS with models loaded, after both: %.0f MB (target ≤ 200 MB)\n", rss);
  if (!(total_1080p <= 150))
    {
      printf ("✗ missed: 1080p shutter → checked photo %.1f ms median, target ≤ 150 ms\n", total_1080p);
      met = FALSE;
    }
  if (rss > 200)
    {
      printf ("✗ missed: peak RSS %.0f MB, target ≤ 200 MB\n", rss);
      met = FALSE;
    }
  if (g_getenv ("GP_BENCH_NO_EVALUATION") == NULL)
    met &= evaluate ();
  else
    printf ("evaluation skipped (GP_BENCH_NO_EVALUATION): only the speed and memory targets were measured\n");
  gp_test_remove_tree (tmp_dir);
  printf ("\n%s\n", met ? "every target measured was met" : "✗ a target was missed (marked ✗ above)");
  return met ? 0 : 1;
}
