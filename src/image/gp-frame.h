/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  GP_FRAME_RGB,   /* 3 bytes a pixel, R G B */
  GP_FRAME_GRAY,  /* 1 byte a pixel */
} GpFrameFormat;

/* A plain image buffer: what the camera hands to analysis and capture. */
typedef struct {
  GpFrameFormat  format;
  int            width;
  int            height;
  int            stride;
  guint8        *data;
  /*< private >*/
  gatomicrefcount ref_count;
} GpFrame;

#define GP_TYPE_FRAME (gp_frame_get_type ())

/* The largest image decoded, 144 megapixels: decoders ask before allocating. */
#define GP_FRAME_MAX_PIXELS (12000 * 12000)

GType     gp_frame_get_type         (void) G_GNUC_CONST;
GpFrame  *gp_frame_new              (GpFrameFormat  format,
                                     int            width,
                                     int            height);
GpFrame  *gp_frame_ref              (GpFrame       *frame);
void      gp_frame_unref            (GpFrame       *frame);
int       gp_frame_channels         (const GpFrame *frame);
gboolean  gp_frame_size_allowed     (guint64        width,
                                     guint64        height,
                                     GError       **error);
GpFrame  *gp_frame_to_gray          (const GpFrame *frame);
GpFrame  *gp_frame_crop_scale       (const GpFrame *frame,
                                     int            x,
                                     int            y,
                                     int            width,
                                     int            height,
                                     int            out_width,
                                     int            out_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpFrame, gp_frame_unref)

G_END_DECLS
