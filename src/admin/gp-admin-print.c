/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin print: a student's or a whole class's photo sheets, to a
 * CUPS printer or a PDF file; gradphoto-admin printers: what each printer is
 * doing.
 *
 * Each student's photo to print is their approved one, or until one is
 * approved their latest photo that is not rejected (the kiosk prints before
 * review too). A sheet saved in sheets/ because no printer is set counts as
 * printed ("written"); one asked for with --pdf does not ("saved"): the
 * store moves approved photos to "printed" when their job is done.
 *
 * Exit status of print: 0 printed (queued) or saved, 1 failed, 2 wrong
 * usage, 3 nothing to print (no such student or class, or no photo yet).
 * Of printers: 0 listed, 1 CUPS could not be asked, 2 wrong usage. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "print/gp-layout.h"
#include "print/gp-printer.h"
#include "print/gp-printer-info.h"
#include "print/gp-sheet.h"
#include "station/gp-class-sheet.h"
#include "store/gp-student-state.h"

#define EXIT_NOTHING_TO_PRINT 3

typedef struct {
  char       *student_no;
  char       *class_name;
  char       *layout_name;
  char       *printer;
  char       *pdf;
  char       *batch;
  gboolean    json;
} PrintOptions;

/* What went on the sheet, for the report and the print_jobs rows. */
typedef struct {
  GpLayout   *layout;
  GPtrArray  *printed;   /* GpClassPhoto, in sheet order */
  GPtrArray  *missing;   /* GpClassPhoto without a photo (class sheets) */
  char       *pdf;
  guint       pages;
  int         job_id;
  GpPrintJob *job;
} PrintRun;

static void
print_run_clear (PrintRun *run)
{
  g_clear_pointer (&run->layout, gp_layout_free);
  g_clear_pointer (&run->printed, g_ptr_array_unref);
  g_clear_pointer (&run->missing, g_ptr_array_unref);
  g_clear_pointer (&run->pdf, g_free);
  g_clear_pointer (&run->job, gp_print_job_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PrintRun, print_run_clear)

/* The kiosk's printer setting, when its schema is installed: the admin prints
 * where the station does. */
static char *
configured_printer (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *printer;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "printer"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  printer = g_settings_get_string (settings, "printer");
  if (*printer == '\0')
    g_clear_pointer (&printer, g_free);
  return printer;
}

static int
nothing_to_print (gboolean    json,
                  const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (GP_SHEET_ERROR, GP_SHEET_ERROR_EMPTY, message);

  gp_admin_fail (error, json);
  return EXIT_NOTHING_TO_PRINT;
}

static int
collect_student (GpStore       *store,
                 PrintOptions  *options,
                 PrintRun      *run,
                 GError       **error)
{
  g_autoptr(GpStudent) student = gp_store_find_student_by_no (store, options->student_no, error);
  g_autoptr(GpCapture) capture = NULL;
  g_autofree char *message = NULL;
  g_autofree char *stem = NULL;
  GpClassPhoto *photo;

  if (student == NULL && *error != NULL)
    return 1;
  if (student == NULL)
    {
      message = g_strdup_printf (_("No student with the number %s is on the roster. Check the number, or import the roster again."),
                                 options->student_no);
      return nothing_to_print (options->json, message);
    }
  capture = gp_store_find_printable_capture (store, student->id, error);
  if (capture == NULL && *error != NULL)
    return 1;
  if (capture == NULL)
    {
      int taken = gp_store_count_captures (store, student->id, error);

      if (taken < 0)
        return 1;
      if (taken > 0)
        message = g_strdup_printf (_("Every photo of %s (%s) was rejected or its file is missing, so there is "
                                     "nothing to print. Take a new photo first."),
                                   student->name, student->student_no);
      else
        message = g_strdup_printf (_("%s (%s) has no photo yet. Photograph the student first."),
                                   student->name, student->student_no);
      return nothing_to_print (options->json, message);
    }

  photo = g_new0 (GpClassPhoto, 1);
  photo->student = g_steal_pointer (&student);
  photo->capture_id = capture->id;
  photo->photo_path = g_strdup (capture->photo_path);
  g_ptr_array_add (run->printed, photo);
  stem = g_strdup_printf ("%s-%" G_GINT64_FORMAT, photo->student->student_no, photo->capture_id);
  run->pdf = options->pdf != NULL ? g_canonicalize_filename (options->pdf, NULL)
                                  : gp_paths_sheet (stem, run->layout->name);
  return 0;
}

static int
collect_class (GpStore       *store,
               PrintOptions  *options,
               PrintRun      *run,
               GError       **error)
{
  g_autoptr(GpClassSheet) sheet = gp_class_sheet_collect (store, options->class_name, options->batch, error);
  g_autofree char *message = NULL;
  g_autofree char *stem = NULL;
  gboolean empty;

  if (sheet == NULL)
    return 1;
  empty = sheet->printed->len == 0 && sheet->missing->len == 0;
  if (empty && options->batch != NULL)
    {
      message = g_strdup_printf (_("No student of the batch “%s” is in the class “%s”. Check the batch and class "
                                   "with “gradphoto-admin status --batch %s”."),
                                 options->batch, options->class_name, options->batch);
      return nothing_to_print (options->json, message);
    }
  if (empty)
    {
      g_auto(GStrv) classes = gp_store_list_classes (store, error);
      g_autofree char *known = NULL;

      if (classes == NULL)
        return 1;
      known = g_strjoinv (", ", classes);
      message = g_strdup_printf (_("No student on the roster is in the class “%s”. The classes are: %s."),
                                 options->class_name, known);
      return nothing_to_print (options->json, message);
    }
  g_ptr_array_extend_and_steal (run->printed, g_steal_pointer (&sheet->printed));
  g_ptr_array_extend_and_steal (run->missing, g_steal_pointer (&sheet->missing));
  if (run->printed->len == 0)
    {
      message = g_strdup_printf (_("No student of class “%s” has a photo yet, so there is nothing to print. Photograph the class first."),
                                 options->class_name);
      return nothing_to_print (options->json, message);
    }
  stem = g_strdup_printf ("class-%s", options->class_name);
  run->pdf = options->pdf != NULL ? g_canonicalize_filename (options->pdf, NULL)
                                  : gp_paths_sheet (stem, run->layout->name);
  return 0;
}

static gboolean
render (PrintOptions  *options,
        PrintRun      *run,
        GError       **error)
{
  g_autoptr(GArray) photos = gp_class_sheet_photos (run->printed);

  if (options->student_no != NULL)
    {
      guint per_page = gp_layout_get_photos_per_page (run->layout);

      run->pages = gp_sheet_count_pages (run->layout, run->layout->copies > 0 ? run->layout->copies : per_page);
      return gp_sheet_render_student (run->layout, &g_array_index (photos, GpSheetPhoto, 0), run->pdf, error);
    }
  run->pages = gp_sheet_count_pages (run->layout, photos->len);
  return gp_sheet_render_class (run->layout, options->class_name, (GpSheetPhoto *) (gpointer) photos->data,
                                photos->len, run->pdf, error);
}

/* In the state CUPS gave the job when it was queued. */
static gboolean
record (GpStore       *store,
        PrintOptions  *options,
        const char    *printer,
        PrintRun      *run,
        GError       **error)
{
  const char *status;

  if (printer == NULL)
    status = options->pdf != NULL ? GP_PRINT_JOB_STATUS_SAVED : GP_PRINT_JOB_STATUS_WRITTEN;
  else
    status = run->job != NULL ? gp_print_job_state_to_string (run->job->state) : GP_PRINT_JOB_STATUS_SUBMITTED;
  return gp_class_sheet_record (store, run->printed, printer, run->pdf, run->job_id, status, error);
}

static void
add_students (JsonBuilder *builder,
              const char  *member,
              GPtrArray   *photos)
{
  guint i;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (i = 0; i < photos->len; i++)
    {
      GpClassPhoto *p = g_ptr_array_index (photos, i);

      json_builder_begin_object (builder);
      gp_admin_add_string (builder, "student_no", p->student->student_no);
      gp_admin_add_string (builder, "name", p->student->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
report_json (PrintOptions *options,
             const char   *printer,
             PrintRun     *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  gp_admin_add_string (builder, "kind", options->student_no != NULL ? "student" : "class");
  gp_admin_add_string (builder, "class", options->class_name);
  gp_admin_add_string (builder, "layout", run->layout->name);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_int_value (builder, run->pages);
  add_students (builder, "students", run->printed);
  add_students (builder, "missing", run->missing);
  gp_admin_add_string (builder, "pdf", run->pdf);
  gp_admin_add_string (builder, "printer", printer);
  json_builder_set_member_name (builder, "job");
  if (run->job_id > 0)
    json_builder_add_int_value (builder, run->job_id);
  else
    json_builder_add_null_value (builder);
  gp_admin_add_string (builder, "state", run->job != NULL ? gp_print_job_state_to_string (run->job->state) : NULL);
  gp_admin_add_string (builder, "advice", run->job != NULL ? run->job->advice : NULL);
  json_builder_end_object (builder);
  gp_admin_print_json (builder);
}

static void
report_text (PrintOptions *options,
             const char   *printer,
             PrintRun     *run)
{
  g_autofree char *what = NULL;
  guint i;

  if (options->student_no != NULL)
    {
      GpClassPhoto *p = g_ptr_array_index (run->printed, 0);

      /* Translators: name, student number, pages, layout name; put into "Sent %s to…" and "Saved %s as…" */
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the sheet of %s (%s: %u page, layout %s)",
                                           "the sheets of %s (%s: %u pages, layout %s)", run->pages),
                              p->student->name, p->student->student_no, run->pages, run->layout->name);
    }
  else
    /* Translators: class, number of students, pages, layout name; put into "Sent %s to…" and "Saved %s as…" */
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the class sheet of %s (%u students on %u page, layout %s)",
                                         "the class sheets of %s (%u students on %u pages, layout %s)", run->pages),
                            options->class_name, run->printed->len, run->pages, run->layout->name);

  if (printer != NULL)
    {
      /* Translators: the sheet, then printer, job number, the job's state */
      g_print (_("Sent %s to the printer %s as job %d (%s).\n"), what, printer, run->job_id,
               run->job != NULL ? gp_print_job_state_to_string (run->job->state) : "?");
      if (run->job != NULL)
        g_print ("%s\n", run->job->advice);
    }
  else
    g_print (_("Saved %s as %s.\n"), what, run->pdf);

  if (run->missing->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u student of the class has no photo yet:\n",
                            "%u students of the class have no photo yet:\n", run->missing->len),
               run->missing->len);
      for (i = 0; i < run->missing->len; i++)
        {
          GpClassPhoto *p = g_ptr_array_index (run->missing, i);

          g_print ("  %s  %s\n", p->student->student_no, p->student->name);
        }
    }
}

int
gp_admin_print (int    argc,
                char **argv)
{
  PrintOptions options = { NULL, };
  GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_STRING, &options.student_no, N_("Print the sheet of the student with this number"), N_("NO") },
    { "class", 0, 0, G_OPTION_ARG_STRING, &options.class_name, N_("Print the sheets of a whole class, in student number order"), N_("NAME") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &options.layout_name, N_("Sheet layout (default 4x6-33x48)"), N_("NAME") },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &options.printer, N_("CUPS printer (default: the station’s printer setting)"), N_("PRINTER") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf, N_("Save the sheets as this PDF file instead of printing"), N_("FILE") },
    GP_ADMIN_BATCH_OPTION (&options.batch),
    { NULL },
  };
  g_auto(PrintRun) run = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *title = NULL;
  int status;

  if (!gp_admin_parse (&argc, &argv,
                       _("(--student NO | --class NAME) — print photo sheets\n\n"
                         "Exit status: 0 printed or saved, 1 failed, 2 wrong usage, 3 nothing to print."),
                       entries, &options.json, &error))
    {
      gp_admin_fail (error, options.json);
      status = 2;
      goto out;
    }
  if (argc != 1 || (options.student_no == NULL) == (options.class_name == NULL)
      || (options.printer != NULL && options.pdf != NULL) || (options.batch != NULL && options.class_name == NULL))
    {
      g_printerr (_("Usage: gradphoto-admin print (--student NO | --class NAME [--batch NAME]) [--layout NAME] "
                    "[--printer PRINTER | --pdf FILE] [--json]\n"));
      status = 2;
      goto out;
    }

  status = 1;
  run.layout = gp_layout_load (options.layout_name != NULL ? options.layout_name : GP_LAYOUT_DEFAULT_NAME, &error);
  if (run.layout == NULL)
    goto fail;
  store = gp_admin_open_store (&error);
  if (store == NULL)
    goto fail;
  run.printed = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  run.missing = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  status = options.student_no != NULL ? collect_student (store, &options, &run, &error)
                                      : collect_class (store, &options, &run, &error);
  if (status == EXIT_NOTHING_TO_PRINT)
    goto out;
  status = 1;
  if (error != NULL || !render (&options, &run, &error))
    goto fail;

  printer = options.printer != NULL ? g_strdup (options.printer)
            : options.pdf == NULL ? configured_printer () : NULL;
  if (printer != NULL)
    {
      g_autoptr(GError) job_error = NULL;

      title = g_strdup_printf ("GradPhoto %s", options.student_no != NULL ? options.student_no : options.class_name);
      if (!gp_printer_submit_sheet (printer, run.pdf, run.layout, title, &run.job_id, &error))
        goto fail;
      run.job = gp_printer_get_job (printer, run.job_id, &job_error);
      /* The job is queued: not knowing its state yet is worth a word, not a failure. */
      if (run.job == NULL)
        g_printerr ("gradphoto-admin: %s\n", job_error->message);
    }
  if (!record (store, &options, printer, &run, &error))
    goto fail;

  if (options.json)
    report_json (&options, printer, &run);
  else
    report_text (&options, printer, &run);
  status = 0;
  goto out;

fail:
  gp_admin_fail (error, options.json);
out:
  g_free (options.student_no);
  g_free (options.class_name);
  g_free (options.layout_name);
  g_free (options.printer);
  g_free (options.pdf);
  g_free (options.batch);
  return status;
}

int
gp_admin_printers (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) printers = NULL;
  guint i;

  if (!gp_admin_parse (&argc, &argv, _("— list the printers and what each is doing"), NULL, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin printers [--json]\n"));
      return 2;
    }

  printers = gp_printer_list_info (&error);
  if (printers == NULL)
    return gp_admin_fail (error, json);

  if (!json && printers->len == 0)
    {
      g_autofree char *sheets = gp_paths_sheets_dir ();

      g_print (_("No printers are set up in CUPS: sheets are saved as PDF files in %s.\n"), sheets);
      return 0;
    }
  for (i = 0; i < printers->len; i++)
    {
      GpPrinterInfo *p = g_ptr_array_index (printers, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          guint j;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "ok");
          json_builder_add_boolean_value (builder, TRUE);
          gp_admin_add_string (builder, "name", p->name);
          gp_admin_add_string (builder, "description", p->description);
          gp_admin_add_string (builder, "location", p->location);
          gp_admin_add_string (builder, "make_and_model", p->make_and_model);
          gp_admin_add_string (builder, "state", gp_printer_state_to_string (p->state));
          json_builder_set_member_name (builder, "reasons");
          json_builder_begin_array (builder);
          for (j = 0; p->reasons[j] != NULL; j++)
            json_builder_add_string_value (builder, p->reasons[j]);
          json_builder_end_array (builder);
          gp_admin_add_string (builder, "message", p->message);
          json_builder_set_member_name (builder, "accepting");
          json_builder_add_boolean_value (builder, p->accepting);
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, p->is_default);
          gp_admin_add_string (builder, "advice", p->advice);
          json_builder_end_object (builder);
          gp_admin_print_json (builder);
        }
      else
        {
          g_autofree char *reasons = g_strjoinv (", ", p->reasons);
          const char *state = p->state == GP_PRINTER_IDLE ? C_("printer state", "idle")
                              : p->state == GP_PRINTER_PROCESSING ? C_("printer state", "printing")
                              : C_("printer state", "stopped");

          /* Translators: printer name, "(default)" or nothing, state, whether it accepts jobs */
          g_print (_("%s%s: %s, %s"), p->name, p->is_default ? _(" (default)") : "", state,
                   p->accepting ? _("accepting jobs") : _("not accepting jobs"));
          if (*reasons != '\0')
            g_print (" [%s]", reasons);
          g_print ("\n  %s\n", p->advice);
        }
    }
  return 0;
}
