/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry point, one per target. */
int    LLVMFuzzerTestOneInput  (const uint8_t *data,
                                size_t         size);

/* A file of this process's own temp folder named @name holding @data, for
 * loaders that read files: its path, the same for every call. */
const char  *fuzz_write_file   (const char    *name,
                                const uint8_t *data,
                                size_t         size);

G_END_DECLS
