/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest student number accepted; longer values are not one. */
#define GP_TEXT_MAX_STUDENT_NO 32

char  *gp_text_mask_name     (const char   *name);
char  *gp_text_from_bytes    (const guint8 *data,
                              gsize         length,
                              const char  **encoding);
gboolean gp_text_has_control (const char   *text);
gboolean gp_text_is_student_no (const char  *text);
char    *gp_text_clean_line    (const char  *text,
                                gsize        max_bytes);
/* A stored UTC time (ISO 8601) as local time in @format; the text itself
 * when it does not parse. */
char    *gp_text_local_time    (const char  *iso_utc,
                                const char  *format);

G_END_DECLS
