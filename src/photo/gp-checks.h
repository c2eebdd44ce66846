/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-matte.h"
#include "photo/gp-profile.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

typedef enum {
  GP_CHECK_PASS,
  GP_CHECK_WARN,
  GP_CHECK_FAIL,
} GpCheckStatus;

/* One compliance check's outcome, in the photo's pixels. */
typedef struct {
  GpCheckId      id;
  GpCheckStatus  status;
  double         value;
  double         min;
  double         max;
  const char    *message;  /* what to do, translated; NULL when it passes */
} GpCheck;

/* What the checks look at: the finished photo and the faces found in it
 * (best first). @matte may be NULL: the checks then separate the person
 * from a backdrop of the profile's colour themselves. @original, when the
 * backdrop was replaced, is the photo before (same size), which @matte
 * separates: the clothing check then tells clothing of the background's
 * colour from clothing the separation lost for another reason. */
typedef struct {
  const GpFrame  *photo;
  const GpMatte  *matte;
  const GpFace   *faces;
  guint           n_faces;
  const GpFrame  *original;
} GpCheckInput;

const char     *gp_check_status_to_string  (GpCheckStatus       status);
GArray         *gp_checks_run              (const GpCheckInput *input,
                                            const GpProfile    *profile);
void            gp_checks_add              (GArray             *checks,
                                            const GpProfile    *profile,
                                            int                 height,
                                            GpCheckId           id,
                                            double              value);
const GpCheck  *gp_checks_first_failure    (GArray             *checks);
GpCheck        *gp_checks_find             (GArray             *checks,
                                            GpCheckId           id);

G_END_DECLS
