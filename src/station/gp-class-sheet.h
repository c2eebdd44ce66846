/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "print/gp-layout.h"
#include "print/gp-printer.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

/* A class's students split by whether they have a photo to print. */
typedef struct {
  char       *class_name;
  GPtrArray  *printed;   /* GpClassPhoto with a photo, in 学号 order */
  GPtrArray  *missing;   /* GpClassPhoto without one */
} GpClassSheet;

/* What a printed class sheet became. */
typedef struct {
  char        *pdf;
  guint        pages;
  int          job_id;   /* 0 when the sheet was only written as a file */
  GpPrintJob  *job;      /* NULL when CUPS was not asked or did not answer */
} GpClassSheetPrint;

/* The students of @class_name (of @batch only, unless NULL), whether or not
 * any has a photo; empty lists when no student is in that class. */
GpClassSheet  *gp_class_sheet_collect  (GpStore             *store,
                                        const char          *class_name,
                                        const char          *batch,
                                        GError             **error);
/* The GpSheetPhoto of each GpClassPhoto of @photos, borrowing their text. */
GArray        *gp_class_sheet_photos   (GPtrArray           *photos);
/* Returns the number of pages, 0 with @error set. */
guint          gp_class_sheet_render   (const GpClassSheet  *sheet,
                                        const GpLayout      *layout,
                                        const char          *pdf_path,
                                        GError             **error);
/* One print_jobs row per photo of @photos: each student's print is on record. */
gboolean       gp_class_sheet_record   (GpStore             *store,
                                        GPtrArray           *photos,
                                        const char          *printer,
                                        const char          *pdf_path,
                                        int                  job_id,
                                        const char          *status,
                                        GError             **error);
/* Renders the sheet into sheets/, queues it on @printer (NULL: only the
 * file, "written") and records it. Blocks: call it from a worker thread. */
GpClassSheetPrint *gp_class_sheet_print (GpStore            *store,
                                         const GpClassSheet *sheet,
                                         const GpLayout     *layout,
                                         const char         *printer,
                                         GError            **error);
void           gp_class_sheet_free        (GpClassSheet       *sheet);
void           gp_class_sheet_print_free  (GpClassSheetPrint  *print);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpClassSheet, gp_class_sheet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpClassSheetPrint, gp_class_sheet_print_free)

G_END_DECLS
