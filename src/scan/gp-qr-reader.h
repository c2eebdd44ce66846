/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

/* One QR code found in a frame, read or refused. */
typedef struct {
  char     *payload;   /* UTF-8 text, NULL when refused */
  char     *encoding;  /* "UTF-8" or "GB18030", NULL when refused */
  gboolean  inverted;  /* light modules on a dark background */
  char     *problem;   /* translated reason when refused, else NULL */
  GBytes   *raw;       /* the bytes as stored in the code */
} GpQrCode;

#define GP_TYPE_QR_CODE (gp_qr_code_get_type ())

GType      gp_qr_code_get_type  (void) G_GNUC_CONST;
GpQrCode  *gp_qr_code_copy      (const GpQrCode *code);
void       gp_qr_code_free      (GpQrCode       *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpQrCode, gp_qr_code_free)

/* How hard to look. A camera shows the code again 33 ms later, a file
 * does not. */
typedef enum {
  GP_QR_EFFORT_FAST,      /* codes whose three finders are seen, then ~5 ms of crops around other finders */
  GP_QR_EFFORT_NORMAL,    /* crops around every finder seen, however long that takes */
  GP_QR_EFFORT_THOROUGH,  /* then zbar over the whole frame, in both polarities */
} GpQrEffort;

/* Wraps one zbar scanner; not thread-safe, use one reader per thread. */
typedef struct _GpQrReader GpQrReader;

GpQrReader  *gp_qr_reader_new         (void);
void         gp_qr_reader_free        (GpQrReader    *reader);
void         gp_qr_reader_set_effort  (GpQrReader    *reader,
                                       GpQrEffort     effort);
GpQrEffort   gp_qr_reader_get_effort  (GpQrReader    *reader);
GPtrArray   *gp_qr_reader_decode      (GpQrReader    *reader,
                                       const GpFrame *frame);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpQrReader, gp_qr_reader_free)

G_END_DECLS
