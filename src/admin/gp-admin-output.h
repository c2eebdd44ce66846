/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <json-glib/json-glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* --batch NAME: the reporting commands' choice of one batch's students. */
#define GP_ADMIN_BATCH_OPTION(target) \
  { "batch", 0, 0, G_OPTION_ARG_STRING, (target), N_("Only the students of this batch"), N_("NAME") }

/* What every subcommand shares: its options, the store, how to report. */
gboolean  gp_admin_parse        (int           *argc,
                                 char        ***argv,
                                 const char    *usage,
                                 GOptionEntry  *extra,
                                 gboolean      *json,
                                 GError       **error);
/* The station's database, or with a server set the whole event's. */
GpStore  *gp_admin_open_store   (GError       **error);
/* --server: the event server's connection string or service name. */
void        gp_admin_set_server (const char    *uri);
const char *gp_admin_get_server (void);
/* The roster's student numbered @student_no; NULL with @error set (saying
 * to check the number) when there is none. */
GpStudent *gp_admin_find_student (GpStore      *store,
                                  const char   *student_no,
                                  GError      **error);
void      gp_admin_print_json   (JsonBuilder   *builder);
/* A member whose value is @value, or null when @value is NULL. */
void      gp_admin_add_string   (JsonBuilder   *builder,
                                 const char    *member,
                                 const char    *value);
int       gp_admin_fail         (const GError  *error,
                                 gboolean       json);

G_END_DECLS
