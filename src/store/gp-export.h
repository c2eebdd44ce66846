/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

#define GP_EXPORT_ERROR (gp_export_error_quark ())

typedef enum
{
  GP_EXPORT_ERROR_TEMPLATE,
  GP_EXPORT_ERROR_EXISTS,
  GP_EXPORT_ERROR_ZIP,
} GpExportError;

GQuark gp_export_error_quark (void);

#define GP_EXPORT_DEFAULT_NAMING "{student_no}.jpg"
#define GP_EXPORT_MANIFEST "manifest.csv"
/* The walk-ins among the exported photos, for the school to check: the
 * manifest's columns, the walk-ins' rows. */
#define GP_EXPORT_WALK_INS "walk-ins.csv"
#define GP_EXPORT_ZIP "photos.zip"

typedef struct
{
  guint       exported;   /* files written */
  guint       unchanged;  /* already there with the same bytes */
  GPtrArray  *conflicts;  /* char *: a different file is already there; not overwritten */
  GPtrArray  *problems;   /* char *: a student not exported, and why */
  char       *manifest;   /* the manifest CSV's path */
  char       *zip;        /* the archive's path with --zip, else NULL */
  guint       replaced;   /* of exported: files an earlier export wrote, replaced by a newer chosen photo */
  guint       walk_ins;   /* of the photos in the manifest: walk-ins' */
  char       *walk_ins_manifest; /* walk-ins.csv's path when written beside the photos, else NULL */
} GpExportReport;

void            gp_export_report_free  (GpExportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpExportReport, gp_export_report_free)

/* The file name @template gives @student: {student_no}, {name}, {code},
 * {college}, {class}, {major}, {school}, {level}, {education}, {year},
 * {time_slot}, {id_last4}, {id_number}, {batch}. NULL with @error set for an
 * unknown field, a field the student lacks, or a name leaving the folder. */
char           *gp_export_expand_name  (const char       *template,
                                        const GpStudent  *student,
                                        const char       *id_number,
                                        const char       *batch,
                                        GError          **error);

/* Whether @naming is a template gp_export_expand_name() can fill for a
 * student who has every field; @error says what is wrong with it. */
gboolean        gp_export_check_naming (const char       *naming,
                                        GError          **error);

/* Copies the chosen photo of every approved student into @out_dir, named
 * by @naming (NULL: the batch's naming, else {student_no}.jpg), writes
 * manifest.csv beside them, with the walk-ins' rows in walk-ins.csv too
 * when there are any, and marks the photos exported. A different file
 * already under a name is never overwritten: it is listed in conflicts.
 * With @zip the photos and manifest go into @out_dir/photos.zip instead,
 * which must not exist yet. */
GpExportReport *gp_export_run          (GpStore          *store,
                                        const char       *out_dir,
                                        const char       *naming,
                                        gboolean          zip,
                                        const char       *actor,
                                        GError          **error);

/* gp_export_run() for the done students (gp-student-state.h) of @batch
 * only (NULL: every batch). In a folder holding an earlier export, a file
 * its manifest lists, with the same SHA-256 still, is this program's own:
 * it is replaced when the student's chosen photo changed. */
GpExportReport *gp_export_run_batch    (GpStore          *store,
                                        const char       *out_dir,
                                        const char       *naming,
                                        gboolean          zip,
                                        const char       *batch,
                                        const char       *actor,
                                        GError          **error);

G_END_DECLS
