/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A photo profile keyfile a user put into profiles/. */
#include "config.h"

#include "photo/gp-profile.h"

#include "fuzz-util.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_write_file ("fuzz.profile", data, size);
  g_autoptr(GError) error = NULL;
  GpProfile *profile = gp_profile_load_file (path, &error);

  g_assert ((profile == NULL) == (error != NULL));
  gp_profile_free (profile);
  return 0;
}
