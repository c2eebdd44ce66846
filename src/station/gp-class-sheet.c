/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Class sheets, as `gradphoto-admin print --class` and staff mode's
 * Printing page make them: the class's students with and without a photo,
 * the sheet rendered, queued and put on record. */
#define G_LOG_DOMAIN "gp-class-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-paths.h"
#include "print/gp-sheet.h"
#include "station/gp-class-sheet.h"
#include "store/gp-student-state.h"

/* Keeps the photos of @all whose student is in @batch. */
static gboolean
keep_batch (GpStore     *store,
            const char  *batch,
            GPtrArray   *all,
            GError     **error)
{
  g_autoptr(GPtrArray) progress = gp_store_list_progress (store, batch, error);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint i;

  if (progress == NULL)
    return FALSE;
  for (i = 0; i < progress->len; i++)
    g_hash_table_add (ids, &((GpStudentProgress *) g_ptr_array_index (progress, i))->student->id);
  for (i = all->len; i > 0; i--)
    if (!g_hash_table_contains (ids, &((GpClassPhoto *) g_ptr_array_index (all, i - 1))->student->id))
      g_ptr_array_remove_index (all, i - 1);
  return TRUE;
}

GpClassSheet *
gp_class_sheet_collect (GpStore     *store,
                        const char  *class_name,
                        const char  *batch,
                        GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GpClassSheet *sheet;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (class_name != NULL, NULL);

  all = gp_store_list_class_photos (store, class_name, error);
  if (all == NULL || (batch != NULL && !keep_batch (store, batch, all, error)))
    return NULL;
  sheet = g_new0 (GpClassSheet, 1);
  sheet->class_name = g_strdup (class_name);
  sheet->printed = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  sheet->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  /* The photos move to the two lists, which free them. */
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      GpClassPhoto *photo = g_ptr_array_index (all, i);

      g_ptr_array_add (photo->photo_path != NULL ? sheet->printed : sheet->missing, photo);
    }
  return sheet;
}

GArray *
gp_class_sheet_photos (GPtrArray *photos)
{
  GArray *sheet_photos = g_array_new (FALSE, TRUE, sizeof (GpSheetPhoto));

  for (guint i = 0; i < photos->len; i++)
    {
      GpClassPhoto *p = g_ptr_array_index (photos, i);
      GpSheetPhoto photo = { p->photo_path, p->student->name, p->student->student_no, p->student->class_name };

      g_array_append_val (sheet_photos, photo);
    }
  return sheet_photos;
}

guint
gp_class_sheet_render (const GpClassSheet  *sheet,
                       const GpLayout      *layout,
                       const char          *pdf_path,
                       GError             **error)
{
  g_autoptr(GArray) photos = NULL;

  g_return_val_if_fail (sheet != NULL && layout != NULL && pdf_path != NULL, 0);

  photos = gp_class_sheet_photos (sheet->printed);
  if (!gp_sheet_render_class (layout, sheet->class_name, (GpSheetPhoto *) (gpointer) photos->data, photos->len,
                              pdf_path, error))
    return 0;
  return gp_sheet_count_pages (layout, photos->len);
}

gboolean
gp_class_sheet_record (GpStore     *store,
                       GPtrArray   *photos,
                       const char  *printer,
                       const char  *pdf_path,
                       int          job_id,
                       const char  *status,
                       GError     **error)
{
  for (guint i = 0; i < photos->len; i++)
    {
      GpClassPhoto *p = g_ptr_array_index (photos, i);

      if (gp_store_add_print_job (store, p->capture_id, printer, pdf_path, job_id, status, error) < 0)
        return FALSE;
    }
  return TRUE;
}

GpClassSheetPrint *
gp_class_sheet_print (GpStore            *store,
                      const GpClassSheet *sheet,
                      const GpLayout     *layout,
                      const char         *printer,
                      GError            **error)
{
  g_autoptr(GpClassSheetPrint) print = g_new0 (GpClassSheetPrint, 1);
  g_autofree char *stem = NULL;
  g_autofree char *title = NULL;
  const char *status = GP_PRINT_JOB_STATUS_WRITTEN;

  g_return_val_if_fail (GP_IS_STORE (store) && sheet != NULL && layout != NULL, NULL);

  if (sheet->printed->len == 0)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_EMPTY,
                   _("No student of class “%s” has a photo yet, so there is nothing to print. Photograph the class first."),
                   sheet->class_name);
      return NULL;
    }
  stem = g_strdup_printf ("class-%s", sheet->class_name);
  print->pdf = gp_paths_sheet (stem, layout->name);
  print->pages = gp_class_sheet_render (sheet, layout, print->pdf, error);
  if (print->pages == 0)
    return NULL;
  if (printer != NULL)
    {
      title = g_strdup_printf ("GradPhoto %s", sheet->class_name);
      if (!gp_printer_submit_sheet (printer, print->pdf, layout, title, &print->job_id, error))
        return NULL;
      /* The job is queued: not knowing its state yet is no failure. */
      print->job = gp_printer_get_job (printer, print->job_id, NULL);
      status = print->job != NULL ? gp_print_job_state_to_string (print->job->state) : GP_PRINT_JOB_STATUS_SUBMITTED;
    }
  if (!gp_class_sheet_record (store, sheet->printed, printer, print->pdf, print->job_id, status, error))
    return NULL;
  return g_steal_pointer (&print);
}

void
gp_class_sheet_free (GpClassSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->class_name);
  g_clear_pointer (&sheet->printed, g_ptr_array_unref);
  g_clear_pointer (&sheet->missing, g_ptr_array_unref);
  g_free (sheet);
}

void
gp_class_sheet_print_free (GpClassSheetPrint *print)
{
  if (print == NULL)
    return;
  g_free (print->pdf);
  g_clear_pointer (&print->job, gp_print_job_free);
  g_free (print);
}
