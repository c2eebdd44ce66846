/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A photo or screenshot people bring: JPEG or PNG, or anything else. */
#include "config.h"

#include "image/gp-image-load.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_write_file ("fuzz-image", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFrame) frame = gp_image_load (path, NULL, &error);

  g_assert ((frame == NULL) == (error != NULL));
  if (frame != NULL)
    g_assert ((guint64) frame->width * (guint64) frame->height <= GP_FRAME_MAX_PIXELS);
  return 0;
}
