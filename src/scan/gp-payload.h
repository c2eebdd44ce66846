/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "core/gp-text.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* What a scanned payload means. The official format is not public, so a
 * payload is first of all an opaque code; schools' own codes may carry a
 * student number in a plain structure instead. */
typedef enum {
  GP_PAYLOAD_OPAQUE,          /* a collection code, matched whole against the roster's 采集码 */
  GP_PAYLOAD_STUDENT_NUMBER,  /* a 学号 in key=value pairs, JSON or a URL query */
} GpPayloadKind;

typedef struct {
  GpPayloadKind  kind;
  char          *value;  /* the payload as scanned, or the 学号 it carries */
  char          *name;   /* with a 学号, the name beside it if any (姓名=…) */
} GpPayload;

#define GP_PAYLOAD_MAX_NUMBER GP_TEXT_MAX_STUDENT_NO

#define GP_PAYLOAD_ERROR (gp_payload_error_quark ())

typedef enum {
  GP_PAYLOAD_ERROR_WRONG_NAME,  /* the code's name is not the roster's for its 学号 */
} GpPayloadError;

GQuark               gp_payload_error_quark   (void);

GpPayload           *gp_payload_parse         (const char     *text);
void                 gp_payload_free          (GpPayload      *payload);
const char * const  *gp_payload_number_keys   (void);
GpStudent           *gp_payload_find_student  (const char     *text,
                                               GpStore        *store,
                                               GpPayloadKind  *matched_by,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpPayload, gp_payload_free)

G_END_DECLS
