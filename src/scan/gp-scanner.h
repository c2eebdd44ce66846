/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

#include "image/gp-frame.h"
#include "scan/gp-qr-reader.h"

G_BEGIN_DECLS

#define GP_TYPE_SCANNER (gp_scanner_get_type ())

G_DECLARE_FINAL_TYPE (GpScanner, gp_scanner, GP, SCANNER, GObject)

GpScanner  *gp_scanner_new                (void);
void        gp_scanner_push_frame         (GpScanner *self,
                                           GpFrame   *frame);
void        gp_scanner_set_paused         (GpScanner *self,
                                           gboolean   paused);
gboolean    gp_scanner_get_paused         (GpScanner *self);
void        gp_scanner_set_debounce_ms    (GpScanner *self,
                                           guint      debounce_ms);
guint       gp_scanner_get_debounce_ms    (GpScanner *self);
void        gp_scanner_reset_debounce     (GpScanner *self);
guint       gp_scanner_get_frames_scanned (GpScanner *self);
gint64      gp_scanner_get_last_sighting  (GpScanner *self);

G_END_DECLS
