/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-profile.h"

G_BEGIN_DECLS

#define GP_PHOTO_ENCODE_ERROR (gp_photo_encode_error_quark ())

typedef enum {
  GP_PHOTO_ENCODE_ERROR_TOO_LARGE,  /* over the size window even at the quality floor */
  GP_PHOTO_ENCODE_ERROR_TOO_SMALL,  /* under the size window even at quality 100 */
} GpPhotoEncodeError;

GQuark    gp_photo_encode_error_quark  (void);

GpFrame  *gp_photo_resample            (const GpFrame    *frame,
                                        double            x,
                                        double            y,
                                        double            width,
                                        double            height,
                                        int               out_width,
                                        int               out_height);
GBytes   *gp_photo_encode              (const GpFrame    *photo,
                                        const GpProfile  *profile,
                                        int              *quality,
                                        GError          **error);
gboolean  gp_photo_write               (GBytes           *jpeg,
                                        const char       *path,
                                        GError          **error);

G_END_DECLS
