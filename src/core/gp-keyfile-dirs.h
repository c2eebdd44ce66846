/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Keyfiles that users can add to or override (layouts, photo profiles):
 * where they are searched and how a bad line is found for the message. */
char   **gp_keyfile_dirs_get         (const char   *subdir);
char   **gp_keyfile_dirs_list_names  (const char   *subdir,
                                      const char   *suffix);
char    *gp_keyfile_dirs_find        (const char   *subdir,
                                      const char   *file);
guint    gp_keyfile_find_key_line    (char * const *lines,
                                      const char   *group,
                                      const char   *key);
guint    gp_keyfile_find_bad_line    (char * const *lines);

/* Values of a layout's or profile's keys. */
GStrv    gp_keyfile_split_list       (const char   *value,
                                      guint        *n);
gboolean gp_keyfile_parse_number     (const char   *text,
                                      double        min,
                                      double        max,
                                      double       *number,
                                      char        **problem);

G_END_DECLS
