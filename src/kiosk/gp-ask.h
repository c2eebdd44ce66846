/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GP_ASK_NONE,
  GP_ASK_DROP_STUDENT,    /* Enter on the identified screen */
  GP_ASK_NEXT_UNPRINTED,  /* Enter on the check screen, nothing printed */
  GP_ASK_REPRINT,         /* Print once the photo's sheet is made */
} GpAskKind;

/* A question that a second press of the same key or button answers yes. */
typedef struct {
  GpAskKind  kind;
  gint64     asked_at;   /* monotonic µs */
} GpAsk;

gboolean    gp_ask_confirmed (GpAsk     *ask,
                              GpAskKind  kind,
                              gint64     now);
void        gp_ask_clear     (GpAsk     *ask);
const char *gp_ask_question  (GpAskKind  kind);

G_END_DECLS
