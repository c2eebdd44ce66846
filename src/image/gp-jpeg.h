/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

#define GP_JPEG_ERROR (gp_jpeg_error_quark ())

typedef enum {
  GP_JPEG_ERROR_ENCODE,
  GP_JPEG_ERROR_DECODE,
} GpJpegError;

GQuark    gp_jpeg_error_quark  (void);

GBytes   *gp_jpeg_encode       (const GpFrame  *frame,
                                int             quality,
                                int             dpi,
                                GError        **error);
GpFrame  *gp_jpeg_decode       (GBytes         *jpeg,
                                GError        **error);
GpFrame  *gp_jpeg_load         (const char     *path,
                                GError        **error);
gboolean  gp_jpeg_save         (const GpFrame  *frame,
                                const char     *path,
                                int             quality,
                                int             dpi,
                                GError        **error);

G_END_DECLS
