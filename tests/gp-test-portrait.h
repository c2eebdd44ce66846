/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face.h"

#include "gp-test-objects.h"

G_BEGIN_DECLS

/* Test portraits: public-domain portraits cut out once (masks in tests/data/)
 * and composited onto generated backdrops, so that every geometric fact the
 * checks measure is known exactly. Frames are GP_FRAME_RGB.
 *
 * Conventions: "left eye" is the eye on the image's left (the person's right
 * eye); roll is in degrees, positive when the eye on the image's right is
 * lower (head turned clockwise as seen on screen, y pointing down). */

typedef enum {
  GP_TEST_SUBJECT_HOPPER,     /* grace_hopper.jpg, python-matplotlib-data */
  GP_TEST_SUBJECT_ASTRONAUT,  /* astronaut.png, python3-skimage */
} GpTestSubject;

typedef enum {
  GP_TEST_BACKDROP_BLUE,      /* light-blue cloth, nominal (100, 197, 255) */
  GP_TEST_BACKDROP_WHITE,     /* nominal (255, 255, 255) */
  GP_TEST_BACKDROP_GREY,      /* nominal (240, 240, 240) */
} GpTestBackdrop;

/* Which part of the clothing clothing_rgb covers. */
typedef enum {
  GP_TEST_COVER_ALL,          /* everything below the neck: a sweater, a suit */
  GP_TEST_COVER_OPEN_JACKET,  /* all but a strip down the middle: an open jacket
                               * over the subject's own shirt */
} GpTestCover;

/* Which lens a glare spot is on; the image-left lens is the person's right. */
typedef enum {
  GP_TEST_LENS_LEFT,
  GP_TEST_LENS_RIGHT,
  GP_TEST_LENS_BOTH,          /* mirrored about the face's midline, as two
                               * lights 45° left and right make them */
} GpTestLens;

typedef struct {
  /* The frame. */
  int            width;           /* e.g. 1920 × 1080 or 1280 × 720 */
  int            height;
  GpTestBackdrop backdrop;
  gboolean       cloth;           /* TRUE: gradient, light fall-off, wrinkles,
                                   * noise and the person's shadow; FALSE: the
                                   * nominal colour, flat */
  guint32        seed;            /* noise and wrinkle pattern */
  /* Cloth light the matte's model (one colour times a smooth quadratic
   * field) does not have; only with cloth. */
  double         folds;           /* sharp creases: their depth, 0 = none,
                                   * 0.15 = deep folds of a hung cloth */
  double         hot_spot;        /* a lamp's hot spot: light added at its
                                   * centre (0.4 = 40 % brighter), 0 = none */
  double         shadow_level;    /* the cloth's brightness in the person's
                                   * shadow, 0..1; 0.7 by default */

  /* The person. */
  GpTestSubject  subject;
  double         scale;           /* frame pixels per source pixel */
  double         eyes_x;          /* where the midpoint of the two eyes lands */
  double         eyes_y;
  double         roll;            /* degrees, rotation about the eye midpoint */

  /* Bad variants; the defaults from gp_test_portrait_spec_init() are neutral. */
  gboolean       own_smile;       /* the astronaut's teeth as photographed;
                                   * FALSE paints her lips closed, from the
                                   * hand-marked mouth */
  double         noise;           /* sensor noise: Gaussian, sigma in 0–255
                                   * levels per channel, whole frame; 0 = none */
  double         blur;            /* Gaussian sigma in frame pixels, whole frame; 0 = none */
  double         brightness;      /* multiplies the person's RGB; 1 = as shot,
                                   * 0.35 = dark face, 1.8 = clipped */
  double         side_light;      /* -1..1: the face's image-left side darkened
                                   * by this fraction, ramping to 0 at the right
                                   * side (negative: the right side darker) */
  double         clothing_tint;   /* 0..1: the clothing recoloured towards
                                   * clothing_rgb, keeping its folds and shading */
  double         clothing_rgb[3]; /* negative: the backdrop's nominal colour */
  GpTestCover    clothing_cover;
  gboolean       glasses;         /* draw glasses on a subject without (the
                                   * astronaut); Hopper wears her own */
  double         glare;           /* a specular reflection on the glasses: light
                                   * added to the lens, 1 = clips to white at
                                   * the spot's core; 0 = none */
  double         glare_radius;    /* the spot's long half-axis, in eye distances */
  double         glare_aspect;    /* short over long half-axis, 0..1 */
  double         glare_angle;     /* degrees, of the long axis from horizontal */
  double         glare_dx;        /* the spot's centre from the eye's, in eye */
  double         glare_dy;        /* distances: dx > 0 outwards, dy > 0 down */
  GpTestLens     glare_lens;
  double         lens_tint;       /* tinted lenses or sunglasses: the share of
                                   * light the lenses take away, 0..1; on
                                   * Hopper's own glasses or drawn ones */
  double         lens_rgb[3];     /* the tint's colour (0–255); the lens lets
                                   * each channel through in proportion */
  gboolean       second_face;     /* a second, smaller person beside the first */
  GpTestSubject  second_subject;
  double         second_scale;
  double         second_eyes_x;
  double         second_eyes_y;
  /* Behind the person. */
  GpTestObject   object;
  int            object_side;     /* 1: the image's right, -1: its left */
} GpTestPortraitSpec;

typedef struct {
  /* The main person, in frame pixels. */
  double    left_eye_x, left_eye_y;    /* centre of the image-left eye */
  double    right_eye_x, right_eye_y;
  double    eye_distance;
  double    roll;                      /* degrees, as in the spec */
  double    head_top_y;                /* first frame row where the mask is ≥ 50 %
                                        * (hair included); may be < 0 if cut off */
  double    chin_y;                    /* bottom of the chin */
  double    face_width;                /* cheek to cheek at the ears' height */
  double    face_center_x;
  GpFrame  *mask;                      /* GRAY, 255 = the main person, soft at hair;
                                        * the second person is not in it */
  /* The second person, when spec->second_face. */
  int       n_faces;
  double    second_left_eye_x, second_left_eye_y;
  double    second_right_eye_x, second_right_eye_y;
  guint8    backdrop_rgb[3];           /* the nominal backdrop colour */
} GpTestPortraitTruth;

/* Neutral defaults: blue cloth, the subject with an eye distance of about
 * 0.06 × width, eyes centred horizontally at 40 % of the height, upright. */
/* The shipped profile of @backdrop's colour: chsi-blue, white, light-grey. */
const char *gp_test_portrait_profile_name (GpTestBackdrop          backdrop);

void      gp_test_portrait_spec_init    (GpTestPortraitSpec        *spec,
                                         GpTestSubject              subject,
                                         int                        width,
                                         int                        height);

/* Composes the frame; fills truth when non-NULL (free with
 * gp_test_portrait_truth_clear()). Aborts the test if the portrait files are
 * missing (they come with the build dependencies). */
GpFrame  *gp_test_portrait_compose      (const GpTestPortraitSpec  *spec,
                                         GpTestPortraitTruth       *truth);

/* Only the backdrop, as compose() would make it without a person. */
GpFrame  *gp_test_portrait_backdrop     (const GpTestPortraitSpec  *spec);

/* The original portrait (RGB) and its mask (GRAY), as loaded. */
GpFrame  *gp_test_portrait_load_source  (GpTestSubject              subject,
                                         GpFrame                  **mask);

/* Eye centres in the original portrait, measured once (see the .c). */
void      gp_test_portrait_source_eyes  (GpTestSubject              subject,
                                         double                    *left_x,
                                         double                    *left_y,
                                         double                    *right_x,
                                         double                    *right_y);

/* The points marked by hand on the original portrait
 * (tests/data/portrait-marks.json), placed in the frame as @spec composes it,
 * in their slots of the 68-point layout: the face's outline (0–16), the
 * brows' ends and arch tops (17, 19, 21, 22, 24, 26), the nose (27, 29, 30,
 * 33), the eyes (36–47), the mouth's corners, middles and
 * inner lips (48, 51, 54, 57, 60–67). The other landmarks are NAN. Face
 * edits placed from these do not depend on the detector they test. */
void      gp_test_portrait_marked_face  (const GpTestPortraitSpec  *spec,
                                         GpFace                    *face);

/* The head's hand marks (tests/data/portrait-marks.json) in frame pixels,
 * as @spec composes the portrait: for placing headwear on it. */
typedef struct {
  double  top[2];       /* highest point of the hair (or headwear) */
  double  left[2];      /* outermost points of its outline at the temples */
  double  right[2];
  double  forehead[2];  /* where hair (or a brim) begins above the forehead */
  double  brow[2];      /* the brows' top edge at the face's middle line */
  double  lobes[2][2];  /* where earrings are pierced, image-left lobe first */
} GpTestHead;

void      gp_test_portrait_marked_head  (const GpTestPortraitSpec  *spec,
                                         GpTestHead                *head);

/* Writes a frame as PNG, for looking at a failing case by eye. */
gboolean  gp_test_portrait_save_png     (const GpFrame             *frame,
                                         const char                *path,
                                         GError                   **error);

void      gp_test_portrait_truth_clear  (GpTestPortraitTruth       *truth);

G_END_DECLS
