/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gst/app/gstappsrc.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

#define GP_TYPE_FRAME_SOURCE (gp_frame_source_get_type ())

G_DECLARE_FINAL_TYPE (GpFrameSource, gp_frame_source, GP, FRAME_SOURCE, GObject)

GpFrameSource  *gp_frame_source_new         (int             fps);
gboolean        gp_frame_source_set_folder  (GpFrameSource  *self,
                                             const char     *dir,
                                             GError        **error);
void            gp_frame_source_set_frame   (GpFrameSource  *self,
                                             GpFrame        *frame);
gboolean        gp_frame_source_start       (GpFrameSource  *self,
                                             GstAppSrc      *appsrc,
                                             GError        **error);
void            gp_frame_source_stop        (GpFrameSource  *self);

G_END_DECLS
