/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <cups/cups.h>
#include <glib.h>

G_BEGIN_DECLS

/* Shared by gp-printer.c and gp-printer-info.c; not part of the API. */
void  gp_printer_set_status_error  (GError       **error,
                                    ipp_status_t   status,
                                    const char    *reason,
                                    const char    *printer);
void  gp_printer_set_last_error    (GError       **error,
                                    const char    *printer);
void  gp_printer_build_uri         (char          *uri,
                                    gsize          size,
                                    const char    *printer);

G_END_DECLS
