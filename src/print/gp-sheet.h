/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "print/gp-layout.h"

G_BEGIN_DECLS

#define GP_SHEET_ERROR (gp_sheet_error_quark ())

typedef enum {
  GP_SHEET_ERROR_PHOTO,   /* the photo is missing or not a readable JPEG */
  GP_SHEET_ERROR_RENDER,  /* cairo could not draw the page */
  GP_SHEET_ERROR_WRITE,   /* the PDF could not be saved */
  GP_SHEET_ERROR_EMPTY,   /* a class sheet without a single photo */
} GpSheetError;

/* One student's photo and the text that identifies the sheet. */
typedef struct {
  const char *photo_path;  /* a JPEG file */
  const char *name;
  const char *student_no;
  const char *class_name;  /* may be NULL */
} GpSheetPhoto;

GQuark    gp_sheet_error_quark      (void);
guint     gp_sheet_count_pages      (const GpLayout      *layout,
                                     guint                n_photos);
gboolean  gp_sheet_render_student   (const GpLayout      *layout,
                                     const GpSheetPhoto  *photo,
                                     const char          *pdf_path,
                                     GError             **error);
gboolean  gp_sheet_render_class     (const GpLayout      *layout,
                                     const char          *class_name,
                                     const GpSheetPhoto  *photos,
                                     guint                n_photos,
                                     const char          *pdf_path,
                                     GError             **error);

G_END_DECLS
