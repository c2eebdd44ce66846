/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "image/gp-frame.h"
#include "photo/gp-profile.h"
#include "photo/gp-standardize.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* Who took a photo and where, recorded with it. */
typedef struct {
  const char  *station;
  const char  *operator_name;
} GpCaptureBy;

/* Standardizes @frame to @profile and checks it; when that gives a photo,
 * saves it durably for @student under @photos_dir with @original (NULL: the
 * frame itself, encoded), approved when every check passed. Returns the
 * capture's id, or -1 with @error. @standard receives the standardizing's
 * result whenever it ran, so a caller can say which check or fault it was. */
gint64  gp_capture_record  (GpStore               *store,
                            const char            *photos_dir,
                            const GpStudent       *student,
                            const GpFrame         *frame,
                            GBytes                *original,
                            const GpProfile       *profile,
                            const GpCaptureBy     *by,
                            GpStandardizeResult  **standard,
                            char                 **photo_path,
                            GError               **error);

G_END_DECLS
