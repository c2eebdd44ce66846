/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

#define GP_DEMO_SCENE_ERROR (gp_demo_scene_error_quark ())

/* 720p keeps the synthetic camera cheap on a station PC. */
#define GP_DEMO_SCENE_WIDTH 1280
#define GP_DEMO_SCENE_HEIGHT 720

typedef enum {
  GP_DEMO_SCENE_ERROR_PAYLOAD,
  GP_DEMO_SCENE_ERROR_PORTRAIT,
} GpDemoSceneError;

GQuark    gp_demo_scene_error_quark      (void);

gboolean  gp_demo_scene_draw_qr          (cairo_t       *cr,
                                          const guint8  *payload,
                                          gsize          length,
                                          double         module,
                                          gboolean       inverted,
                                          double        *size,
                                          GError       **error);
void      gp_demo_scene_rounded_rect     (cairo_t       *cr,
                                          double         x,
                                          double         y,
                                          double         w,
                                          double         h,
                                          double         r);
GpFrame  *gp_demo_scene_render_empty     (int            width,
                                          int            height);
GpFrame  *gp_demo_scene_render_card      (const char    *payload,
                                          int            width,
                                          int            height,
                                          GError       **error);
GpFrame  *gp_demo_scene_render_portrait  (const char    *portrait_path,
                                          const char    *mask_path,
                                          int            width,
                                          int            height,
                                          GError       **error);

G_END_DECLS
