/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer codes are refused: a collection code or a 学号 is a short token. */
#define GP_CODE_MAX_BYTES 1024

#define GP_CODE_ERROR (gp_code_error_quark ())

typedef enum {
  GP_CODE_ERROR_TOO_LONG,
  GP_CODE_ERROR_CONTROL,   /* tabs, line breaks and other control characters */
  GP_CODE_ERROR_ENCODING,  /* neither UTF-8 nor GB18030 */
  GP_CODE_ERROR_EMPTY,     /* nothing left once trimmed */
} GpCodeError;

GQuark  gp_code_error_quark (void);

char   *gp_code_from_bytes  (const guint8  *data,
                             gsize          length,
                             const char   **encoding,
                             GError       **error);
char   *gp_code_normalise   (const char    *text,
                             GError       **error);
char   *gp_code_excerpt     (const char    *data,
                             gssize         length);

G_END_DECLS
