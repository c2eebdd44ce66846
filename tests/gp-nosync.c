/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* An LD_PRELOAD fault for the durability test: fsync and fdatasync return
 * success without syncing anything, as on a disk that lies. Preloaded
 * before gp-syscall-recorder.so, the recorder never sees the calls, so
 * the durability test must fail and name the writes left unsynced:
 *   LD_PRELOAD=_build/tests/gp-nosync.so meson test -C _build capture-save */
#include <unistd.h>

int
fsync (int fd)
{
  return 0;
}

int
fdatasync (int fd)
{
  return 0;
}
