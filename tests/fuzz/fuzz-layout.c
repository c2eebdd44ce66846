/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A sheet layout keyfile a user put into layouts/. */
#include "config.h"

#include "print/gp-layout.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_write_file ("fuzz.layout", data, size);
  g_autoptr(GError) error = NULL;
  GpLayout *layout = gp_layout_load_file (path, &error);

  g_assert ((layout == NULL) == (error != NULL));
  gp_layout_free (layout);
  return 0;
}
