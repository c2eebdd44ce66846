#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_SHEET_ERROR (gp_sheet_error_quark ())

typedef enum {
  GP_SHEET_ERROR_PHOTO,   /* the photo is missing or not a readable JPEG */
  GP_SHEET_ERROR_RENDER,  /* cairo could not draw the page */
  GP_SHEET_ERROR_WRITE,   /* the PDF could not be saved */
} GpSheetError;

/* One student's photo and the text that identifies the sheet. */
typedef struct {
  const char *photo_path;  /* a JPEG file */
  const char *name;
  const char *student_no;
  const char *class_name;  /* may be NULL */
} GpSheetPhoto;

GQuark    gp_sheet_error_quark      (void);
guint     gp_sheet_copies_per_page  (void);
gboolean  gp_sheet_render_student   (const GpSheetPhoto  *photo,
                                     const char          *pdf_path,
                                     GError             **error);

G_END_DECLS
