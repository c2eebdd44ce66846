/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* What one capture brings: the two JPEG files and how they came about. */
typedef struct
{
  gint64       student_id;
  const char  *student_no;
  GBytes      *original;        /* the full camera frame (or the photo brought in) */
  GBytes      *photo;           /* the standardized 480 × 640 JPEG */
  const char  *checks;          /* JSON; {"passed": true, …} approves the capture */
  const char  *station;
  const char  *operator_name;
} GpCaptureRequest;

/* Saves a capture durably: both files under
 * @photos_dir/<学号>/<学号>-<time>[-original].jpg go to temp names, are
 * fsynced and renamed, the folder is fsynced, and only then is the row
 * committed. When this returns an id, the capture survives a crash; when it
 * fails, neither file nor row is left behind. @photo_path (optional) gets
 * the standardized file's path. Returns the capture id, or -1. */
gint64  gp_capture_save  (GpStore                 *store,
                          const char              *photos_dir,
                          const GpCaptureRequest  *request,
                          char                   **photo_path,
                          GError                 **error);

G_END_DECLS
