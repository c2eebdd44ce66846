/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GP_PRINTER_IDLE,
  GP_PRINTER_PROCESSING,
  GP_PRINTER_STOPPED,
} GpPrinterState;

/* A CUPS destination as the print desk needs to see it. */
typedef struct {
  char            *name;
  char            *description;     /* printer-info; may be NULL */
  char            *location;        /* may be NULL */
  char            *make_and_model;  /* may be NULL */
  GpPrinterState   state;
  char           **reasons;         /* printer-state-reasons, without "none" */
  char            *message;         /* printer-state-message; may be NULL */
  gboolean         accepting;
  gboolean         is_default;
  char            *advice;          /* what to do, in the user's language */
} GpPrinterInfo;

GpPrinterInfo  *gp_printer_get_info           (const char           *printer,
                                               GError              **error);
GPtrArray      *gp_printer_list_info          (GError              **error);
char           *gp_printer_describe           (const char           *printer,
                                               GpPrinterState        state,
                                               const char * const   *reasons,
                                               const char           *message,
                                               gboolean              accepting);
gboolean        gp_printer_info_has_reason    (const GpPrinterInfo  *info,
                                               const char           *reason);
const char     *gp_printer_state_to_string    (GpPrinterState        state);
void            gp_printer_info_free          (GpPrinterInfo        *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpPrinterInfo, gp_printer_info_free)

G_END_DECLS
