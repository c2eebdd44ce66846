/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>

#include "print/gp-layout.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* Renders @student's sheet of the photo at @photo_path into @sheet_path,
 * sends it to @printer (NULL: only written), and records the print job of
 * capture @capture_id in @store, on a worker thread. */
void      gp_sheet_print_async   (GpStore              *store,
                                  const GpStudent      *student,
                                  gint64                capture_id,
                                  const char           *photo_path,
                                  const char           *sheet_path,
                                  const char           *printer,
                                  const GpLayout       *layout,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
/* The CUPS job number in @job_id (0 when only written). */
gboolean  gp_sheet_print_finish  (GAsyncResult         *result,
                                  int                  *job_id,
                                  GError              **error);

G_END_DECLS
