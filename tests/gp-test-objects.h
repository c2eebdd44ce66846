/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Things that stand behind a person in a classroom. */
typedef enum {
  GP_TEST_OBJECT_NONE,
  GP_TEST_OBJECT_FLAG,      /* a red flag on a pole, beside the head */
  GP_TEST_OBJECT_PHOTO_FLAG,  /* the flag photographed beside the astronaut,
                               * moved beside the head */
  GP_TEST_OBJECT_POSTER,    /* a poster on the wall, beside the head */
  GP_TEST_OBJECT_SHOULDER,  /* someone else's shoulder, at the side */
} GpTestObject;

/* Draws @object into @rgb (float RGB, @width × @height), before the person
 * is drawn over it, placed from the eyes' midpoint (@eyes_x, @eyes_y) and
 * the eye distance @eye_d; @side is 1 for the image's right, -1 its left. */
void  gp_test_object_draw  (GpTestObject  object,
                            int           side,
                            float        *rgb,
                            int           width,
                            int           height,
                            double        eyes_x,
                            double        eyes_y,
                            double        eye_d);

G_END_DECLS
