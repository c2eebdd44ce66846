/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GP_CAMERA_KIND_AUTO,
  GP_CAMERA_KIND_DEMO,
  GP_CAMERA_KIND_V4L2,
  GP_CAMERA_KIND_FRAMES,
  GP_CAMERA_KIND_PIPELINE,
} GpCameraKind;

/* What --camera asked for: auto, demo, v4l2:/dev/videoN, frames:DIR or pipeline:DESC. */
typedef struct {
  GpCameraKind  kind;
  char         *arg;
} GpCameraSpec;

GpCameraSpec  *gp_camera_spec_parse          (const char          *text,
                                              GError             **error);
GpCameraSpec  *gp_camera_spec_resolve        (const GpCameraSpec  *spec);
char          *gp_camera_spec_to_source      (const GpCameraSpec  *spec,
                                              const char          *controls);
char          *gp_camera_spec_to_string      (const GpCameraSpec  *spec);
void           gp_camera_spec_free           (GpCameraSpec        *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpCameraSpec, gp_camera_spec_free)

G_END_DECLS
