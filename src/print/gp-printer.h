/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "print/gp-layout.h"

G_BEGIN_DECLS

#define GP_PRINTER_ERROR (gp_printer_error_quark ())

typedef enum {
  GP_PRINTER_ERROR_FILE,           /* the sheet to print cannot be read */
  GP_PRINTER_ERROR_NOT_FOUND,      /* no such printer or job */
  GP_PRINTER_ERROR_NOT_ACCEPTING,  /* the printer rejects new jobs */
  GP_PRINTER_ERROR_UNAVAILABLE,    /* the print service cannot be reached */
  GP_PRINTER_ERROR_FAILED,         /* anything else CUPS reports */
  GP_PRINTER_ERROR_MEDIA,          /* the printer has no paper of the layout's size */
  GP_PRINTER_ERROR_FINISHED,       /* the job is over: nothing to cancel */
} GpPrinterError;

typedef enum {
  GP_PRINT_JOB_PENDING,
  GP_PRINT_JOB_HELD,
  GP_PRINT_JOB_PROCESSING,
  GP_PRINT_JOB_STOPPED,
  GP_PRINT_JOB_CANCELED,
  GP_PRINT_JOB_ABORTED,
  GP_PRINT_JOB_COMPLETED,
} GpPrintJobState;

/* A job as CUPS sees it, and what to do about it. */
typedef struct {
  int               id;
  GpPrintJobState   state;
  char            **reasons;   /* job-state-reasons */
  char             *message;   /* the printer's message about the job; may be NULL */
  char             *advice;    /* what to do, in the user's language */
} GpPrintJob;

GQuark       gp_printer_error_quark        (void);
gboolean     gp_printer_submit             (const char       *printer,
                                            const char       *pdf_path,
                                            const char       *title,
                                            int              *job_id,
                                            GError          **error);
gboolean     gp_printer_get_job_state      (const char       *printer,
                                            int               job_id,
                                            GpPrintJobState  *state,
                                            GError          **error);
gboolean     gp_printer_submit_sheet       (const char       *printer,
                                            const char       *pdf_path,
                                            const GpLayout   *layout,
                                            const char       *title,
                                            int              *job_id,
                                            GError          **error);
GpPrintJob  *gp_printer_get_job            (const char       *printer,
                                            int               job_id,
                                            GError          **error);
gboolean     gp_printer_cancel_job         (const char       *printer,
                                            int               job_id,
                                            GError          **error);
GPtrArray   *gp_printer_list               (GError          **error);
const char  *gp_print_job_state_to_string  (GpPrintJobState   state);
void         gp_print_job_free             (GpPrintJob       *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpPrintJob, gp_print_job_free)

G_END_DECLS
