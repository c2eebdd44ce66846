#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_PRINTER_ERROR (gp_printer_error_quark ())

typedef enum {
  GP_PRINTER_ERROR_FILE,           /* the sheet to print cannot be read */
  GP_PRINTER_ERROR_NOT_FOUND,      /* no such printer or job */
  GP_PRINTER_ERROR_NOT_ACCEPTING,  /* the printer rejects new jobs */
  GP_PRINTER_ERROR_UNAVAILABLE,    /* the print service cannot be reached */
  GP_PRINTER_ERROR_FAILED,         /* anything else CUPS reports */
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
GPtrArray   *gp_printer_list               (GError          **error);
const char  *gp_print_job_state_to_string  (GpPrintJobState   state);

G_END_DECLS
