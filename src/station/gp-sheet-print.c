/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* One student's sheet, from photo to CUPS job and its row: rendering and
 * CUPS both block, so the whole of it runs off the main loop. */
#define G_LOG_DOMAIN "gp-sheet-print"

#include "config.h"

#include "print/gp-printer.h"
#include "print/gp-sheet.h"
#include "station/gp-sheet-print.h"

typedef struct {
  GpStore    *store;
  GpStudent  *student;
  gint64      capture_id;
  char       *photo_path;
  char       *sheet_path;
  char       *printer;
  GpLayout   *layout;
  int         job_id;
} SheetPrint;

static void
sheet_print_free (SheetPrint *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->student, gp_student_free);
  g_free (job->photo_path);
  g_free (job->sheet_path);
  g_free (job->printer);
  g_clear_pointer (&job->layout, gp_layout_free);
  g_free (job);
}

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SheetPrint *job = task_data;
  GpSheetPhoto photo = {
    .photo_path = job->photo_path,
    .name = job->student->name,
    .student_no = job->student->student_no,
    .class_name = job->student->class_name,
  };
  g_autofree char *title = g_strdup_printf ("GradPhoto %s", job->student->student_no);
  GError *error = NULL;

  if (!gp_sheet_render_student (job->layout, &photo, job->sheet_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->printer != NULL &&
      !gp_printer_submit_sheet (job->printer, job->sheet_path, job->layout, title, &job->job_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (gp_store_add_print_job (job->store, job->capture_id, job->printer, job->sheet_path,
                              job->job_id, job->printer != NULL ? "submitted" : "written",
                              &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, job->job_id);
}

void
gp_sheet_print_async (GpStore             *store,
                      const GpStudent     *student,
                      gint64               capture_id,
                      const char          *photo_path,
                      const char          *sheet_path,
                      const char          *printer,
                      const GpLayout      *layout,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SheetPrint *job;

  g_return_if_fail (GP_IS_STORE (store));
  g_return_if_fail (student != NULL && photo_path != NULL && sheet_path != NULL && layout != NULL);

  job = g_new0 (SheetPrint, 1);
  job->store = g_object_ref (store);
  job->student = gp_student_copy (student);
  job->capture_id = capture_id;
  job->photo_path = g_strdup (photo_path);
  job->sheet_path = g_strdup (sheet_path);
  job->printer = printer != NULL && *printer != '\0' ? g_strdup (printer) : NULL;
  job->layout = gp_layout_copy (layout);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gp_sheet_print_async);
  g_task_set_task_data (task, job, (GDestroyNotify) sheet_print_free);
  g_task_run_in_thread (task, print_thread);
}

gboolean
gp_sheet_print_finish (GAsyncResult  *result,
                       int           *job_id,
                       GError       **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  id = g_task_propagate_int (G_TASK (result), error);
  if (id < 0)
    return FALSE;
  if (job_id != NULL)
    *job_id = (int) id;
  return TRUE;
}
