/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Staff mode's Printing page: each CUPS printer in words with what to do;
 * the station's print jobs, newest first, with CUPS's state now, to cancel
 * or print again; each class with and without a photo, to print its sheet.
 * CUPS and the store are asked in GTask threads; each action is audited
 * with the operator. */
#define G_LOG_DOMAIN "gp-staff-printing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-text.h"
#include "kiosk/gp-grid.h"
#include "kiosk/gp-staff-mode.h"
#include "kiosk/gp-staff-printing.h"
#include "print/gp-printer-info.h"
#include "station/gp-class-sheet.h"
#include "station/gp-print-desk.h"
#include "store/gp-student-state.h"

#define JOBS_SHOWN 30

struct _GpStaffPrinting
{
  GtkBox         parent_instance;

  /* template widgets */
  GtkGrid       *printers_grid;
  GtkGrid       *jobs_grid;
  GtkGrid       *classes_grid;
  GtkLabel      *message_label;

  /* owned */
  GpStation     *station;
  GSettings     *settings;
  GCancellable  *cancellable;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (GpStaffPrinting, gp_staff_printing, GTK_TYPE_BOX)

/* ---- Worked out off the main thread --------------------------------- */

typedef struct {
  GpPrintJobRecord *record;
  GpPrintJob       *job;      /* NULL: a file, or CUPS did not answer */
  char             *problem;
} JobLine;

typedef struct {
  char  *college;
  char  *class_name;
  guint  with_photo;
  guint  without;
} ClassLine;

typedef struct {
  GPtrArray  *printers;    /* GpPrinterInfo; NULL with printers_error */
  char       *printers_error;
  GPtrArray  *jobs;        /* JobLine, newest first */
  GPtrArray  *classes;     /* ClassLine */
} Snapshot;

static void
job_line_free (JobLine *line)
{
  gp_print_job_record_free (line->record);
  g_clear_pointer (&line->job, gp_print_job_free);
  g_free (line->problem);
  g_free (line);
}

static void
class_line_free (ClassLine *line)
{
  g_free (line->college);
  g_free (line->class_name);
  g_free (line);
}

static void
snapshot_free (Snapshot *s)
{
  g_clear_pointer (&s->printers, g_ptr_array_unref);
  g_free (s->printers_error);
  g_clear_pointer (&s->jobs, g_ptr_array_unref);
  g_clear_pointer (&s->classes, g_ptr_array_unref);
  g_free (s);
}

typedef struct {
  GpStore  *store;
  char     *batch;     /* NULL: every batch */
  char     *printer;   /* the station's; NULL: sheets go to files */
  char     *layout;
  char     *actor;
  gint64    row;       /* the print_jobs row acted on */
  char     *class_name;
} Request;

static void
request_free (Request *r)
{
  g_clear_object (&r->store);
  g_free (r->batch);
  g_free (r->printer);
  g_free (r->layout);
  g_free (r->actor);
  g_free (r->class_name);
  g_free (r);
}

static gboolean
load_jobs (GpStore    *store,
           Snapshot   *s,
           GError    **error)
{
  g_autoptr(GPtrArray) records = gp_store_list_print_jobs (store, error);

  if (records == NULL)
    return FALSE;
  s->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_line_free);
  /* The rows move to the lines, which free them. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = records->len; i > 0; i--)
    {
      JobLine *line = g_new0 (JobLine, 1);

      line->record = g_ptr_array_index (records, i - 1);
      g_ptr_array_add (s->jobs, line);
      if (s->jobs->len <= JOBS_SHOWN
          && !gp_print_desk_refresh (store, line->record, &line->job, &line->problem, error))
        return FALSE;
    }
  if (s->jobs->len > JOBS_SHOWN)
    g_ptr_array_set_size (s->jobs, JOBS_SHOWN);
  return TRUE;
}

static gboolean
load_classes (GpStore     *store,
              const char  *batch,
              Snapshot    *s,
              GError     **error)
{
  g_autoptr(GPtrArray) progress = gp_store_list_progress (store, batch, error);
  g_autoptr(GPtrArray) counts = NULL;

  if (progress == NULL)
    return FALSE;
  counts = gp_progress_count_classes (progress);
  s->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) class_line_free);
  for (guint i = 0; i < counts->len; i++)
    {
      GpProgressCount *c = g_ptr_array_index (counts, i);
      g_autoptr(GpClassSheet) sheet = NULL;
      ClassLine *line;

      if (c->class_name == NULL)
        continue;
      sheet = gp_class_sheet_collect (store, c->class_name, batch, error);
      if (sheet == NULL)
        return FALSE;
      line = g_new0 (ClassLine, 1);
      line->college = g_strdup (c->college);
      line->class_name = g_strdup (c->class_name);
      line->with_photo = sheet->printed->len;
      line->without = sheet->missing->len;
      g_ptr_array_add (s->classes, line);
    }
  return TRUE;
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Request *r = data;
  g_autoptr(GError) printers_error = NULL;
  GError *error = NULL;
  Snapshot *s = g_new0 (Snapshot, 1);

  /* A print service that does not answer is shown; the jobs and classes still are. */
  s->printers = gp_printer_list_info (&printers_error);
  if (s->printers == NULL)
    s->printers_error = g_strdup (printers_error->message);
  if (!load_jobs (r->store, s, &error) || !load_classes (r->store, r->batch, s, &error))
    {
      snapshot_free (s);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, s, (GDestroyNotify) snapshot_free);
}

/* ---- Shown on the main thread ---------------------------------------- */

static GtkWidget *
cell (GtkGrid    *grid,
      int         column,
      int         row,
      const char *text)
{
  return gp_grid_cell (grid, column, row, text, 0);
}

/* Long advice wraps under its row instead of widening the page. */
static void
note (GtkGrid    *grid,
      int         column,
      int         row,
      int         width,
      const char *text)
{
  GtkWidget *label = cell (grid, column, row, text);

  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_container_child_set (GTK_CONTAINER (grid), label, "width", width, NULL);
}

static void
button (GtkGrid    *grid,
        int         column,
        int         row,
        const char *label,
        const char *action,
        GVariant   *target)
{
  GtkWidget *widget = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (widget), target);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_show (widget);
  gtk_grid_attach (grid, widget, column, row, 1, 1);
}

static const char *
printer_state_words (const GpPrinterInfo *info)
{
  if (!info->accepting)
    return C_("printer state", "Rejecting jobs");
  if (gp_printer_info_has_reason (info, "media-empty") || gp_printer_info_has_reason (info, "media-needed"))
    return C_("printer state", "Out of paper");
  if (gp_printer_info_has_reason (info, "offline-report") || gp_printer_info_has_reason (info, "connecting-to-device"))
    return C_("printer state", "Offline");
  if (info->state == GP_PRINTER_STOPPED)
    return C_("printer state", "Paused");
  if (info->state == GP_PRINTER_PROCESSING)
    return C_("printer state", "Printing");
  return C_("printer state", "Ready");
}

static const char *
job_state_words (const char *status)
{
  static const struct { const char *status; const char *words; } table[] = {
    { GP_PRINT_JOB_STATUS_SUBMITTED, NC_("print job", "Sent") },
    { "pending", NC_("print job", "Waiting") },
    { "held", NC_("print job", "Held") },
    { "processing", NC_("print job", "Printing") },
    { "stopped", NC_("print job", "Stopped") },
    { GP_PRINT_JOB_STATUS_CANCELED, NC_("print job", "Cancelled") },
    { "aborted", NC_("print job", "Failed") },
    { GP_PRINT_JOB_STATUS_COMPLETED, NC_("print job", "Printed") },
    { GP_PRINT_JOB_STATUS_WRITTEN, NC_("print job", "Saved as a file") },
    { GP_PRINT_JOB_STATUS_SAVED, NC_("print job", "Saved as a PDF") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (status, table[i].status))
      return g_dpgettext2 (GETTEXT_PACKAGE, "print job", table[i].words);
  return status;
}

static void
show_printers (GpStaffPrinting *self,
               Snapshot        *s)
{
  int row = 0;

  gp_grid_clear (self->printers_grid);
  if (s->printers == NULL || s->printers->len == 0)
    {
      note (self->printers_grid, 0, 0, 2, s->printers_error != NULL ? s->printers_error
                                          : _("No printers are set up in CUPS: sheets are saved as PDF files."));
      return;
    }
  for (guint i = 0; i < s->printers->len; i++)
    {
      GpPrinterInfo *p = g_ptr_array_index (s->printers, i);

      GtkWidget *words;

      /* A gap between printers: the advice belongs to the name above it. */
      gtk_widget_set_margin_top (cell (self->printers_grid, 0, row, p->name), i > 0 ? 10 : 0);
      words = cell (self->printers_grid, 1, row++, printer_state_words (p));
      gtk_widget_set_margin_top (words, i > 0 ? 10 : 0);
      if (!p->accepting || p->state == GP_PRINTER_STOPPED || p->reasons[0] != NULL)
        gtk_style_context_add_class (gtk_widget_get_style_context (words), "needs-care");
      note (self->printers_grid, 0, row++, 2, p->advice);
    }
}

static void
show_jobs (GpStaffPrinting *self,
           Snapshot        *s)
{
  /* Translators: the headings of the print jobs table in staff mode */
  const char *headings[] = { N_("Time"), N_("Student number"), N_("Name"), N_("Printer"), N_("State") };
  int row = 1;

  gp_grid_clear (self->jobs_grid);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    cell (self->jobs_grid, i, 0, _(headings[i]));
  if (s->jobs->len == 0)
    cell (self->jobs_grid, 0, 1, _("Nothing has been printed yet."));
  for (guint i = 0; i < s->jobs->len; i++)
    {
      JobLine *line = g_ptr_array_index (s->jobs, i);
      GpPrintJobRecord *r = line->record;
      g_autofree char *hhmm = gp_text_local_time (r->created_at, "%H:%M");
      g_autofree char *where = NULL;
      GtkWidget *state;

      if (r->printer != NULL)
        /* Translators: a printer and its CUPS job number */
        where = g_strdup_printf (_("%s, job %d"), r->printer, r->cups_job_id);
      cell (self->jobs_grid, 0, row, hhmm);
      cell (self->jobs_grid, 1, row, r->student_no);
      cell (self->jobs_grid, 2, row, r->name);
      cell (self->jobs_grid, 3, row, where != NULL ? where : _("a file"));
      state = cell (self->jobs_grid, 4, row, job_state_words (r->status));
      if (line->problem != NULL || (line->job != NULL && (line->job->state == GP_PRINT_JOB_STOPPED
                                                          || line->job->state == GP_PRINT_JOB_HELD
                                                          || line->job->state == GP_PRINT_JOB_ABORTED)))
        gtk_style_context_add_class (gtk_widget_get_style_context (state), "needs-care");
      if (r->printer != NULL && r->cups_job_id > 0 && !gp_print_job_status_is_over (r->status))
        button (self->jobs_grid, 5, row, _("Cancel"), "printing.cancel", g_variant_new_int64 (r->id));
      button (self->jobs_grid, 6, row, _("Reprint"), "printing.reprint", g_variant_new_int64 (r->id));
      row++;
      /* What to do about a job that waits, stopped or failed. */
      if (line->problem != NULL || (line->job != NULL && !gp_print_job_status_is_over (r->status)
                                    && line->job->state != GP_PRINT_JOB_PROCESSING))
        note (self->jobs_grid, 1, row++, 6, line->problem != NULL ? line->problem : line->job->advice);
    }
}

static void
show_classes (GpStaffPrinting *self,
              Snapshot        *s)
{
  /* Translators: the headings of the class sheets table in staff mode */
  const char *headings[] = { N_("College"), N_("Class"), N_("With a photo"), N_("Without") };

  gp_grid_clear (self->classes_grid);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    cell (self->classes_grid, i, 0, _(headings[i]));
  for (guint i = 0; i < s->classes->len; i++)
    {
      ClassLine *line = g_ptr_array_index (s->classes, i);
      g_autofree char *with = g_strdup_printf ("%u", line->with_photo);
      g_autofree char *without = g_strdup_printf ("%u", line->without);

      cell (self->classes_grid, 0, i + 1, line->college);
      cell (self->classes_grid, 1, i + 1, line->class_name);
      cell (self->classes_grid, 2, i + 1, with);
      cell (self->classes_grid, 3, i + 1, without);
      if (line->with_photo > 0)
        button (self->classes_grid, 4, i + 1, _("Print sheet"), "printing.print-class",
                g_variant_new_string (line->class_name));
    }
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Snapshot *s = g_task_propagate_pointer (G_TASK (result), &error);
  GpStaffPrinting *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = GP_STAFF_PRINTING (source);
  if (s == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  show_printers (self, s);
  show_jobs (self, s);
  show_classes (self, s);
  snapshot_free (s);
}

static GTask *
new_task (GpStaffPrinting     *self,
          GAsyncReadyCallback  done)
{
  GTask *task = g_task_new (self, self->cancellable, done, NULL);
  Request *r = g_new0 (Request, 1);
  g_autofree char *batch = g_settings_get_string (self->settings, "batch");
  g_autofree char *layout = g_settings_get_string (self->settings, "layout");

  r->store = g_object_ref (gp_station_get_store (self->station));
  r->batch = *batch != '\0' ? g_steal_pointer (&batch) : NULL;
  r->printer = g_strdup (gp_station_get_printer (self->station));
  r->layout = *layout != '\0' ? g_steal_pointer (&layout) : g_strdup (GP_LAYOUT_DEFAULT_NAME);
  r->actor = gp_staff_operator (self->settings);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  return task;
}

void
gp_staff_printing_refresh (GpStaffPrinting *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GP_IS_STAFF_PRINTING (self));

  task = new_task (self, on_loaded);
  g_task_run_in_thread (task, load_in_thread);
}

/* ---- Actions ---------------------------------------------------------- */

static GpPrintJobRecord *
find_row (Request  *r,
          GError  **error)
{
  GError *local = NULL;
  GpPrintJobRecord *record = gp_store_get_print_job (r->store, r->row, &local);

  if (record == NULL && local == NULL)
    g_set_error (&local, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                 _("There is no print job %d any more. The list is shown again."), (int) r->row);
  if (local != NULL)
    g_propagate_error (error, local);
  return record;
}

static void
cancel_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Request *r = data;
  GError *error = NULL;
  g_autoptr(GpPrintJobRecord) record = find_row (r, &error);

  if (record == NULL || !gp_print_desk_cancel (r->store, record, r->actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Translators: a CUPS job number, a printer */
  g_task_return_pointer (task, g_strdup_printf (_("Cancelled job %d on %s."), record->cups_job_id, record->printer),
                         g_free);
}

static void
reprint_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Request *r = data;
  GError *error = NULL;
  g_autoptr(GpPrintJobRecord) record = find_row (r, &error);
  g_autoptr(GpPrintJob) job = NULL;
  g_autofree char *problem = NULL;
  const char *printer;

  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The printer chosen on the Settings page now, else the one it went to. */
  printer = r->printer != NULL ? r->printer : record->printer;
  if (printer == NULL)
    {
      g_task_return_new_error (task, GP_PRINTER_ERROR, GP_PRINTER_ERROR_NOT_FOUND,
                               _("No printer is chosen: choose one on the Settings page, then print again."));
      return;
    }
  if (gp_print_desk_reprint (r->store, record, printer, r->actor, &job, &problem, &error) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Translators: a student number, a printer */
  g_task_return_pointer (task, g_strdup_printf (_("The sheet of %s is sent to %s again."), record->student_no, printer),
                         g_free);
}

static void
print_class_in_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  Request *r = data;
  GError *error = NULL;
  g_autoptr(GpLayout) layout = gp_layout_load (r->layout, &error);
  g_autoptr(GpClassSheet) sheet = NULL;
  g_autoptr(GpClassSheetPrint) print = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *done = NULL;

  if (layout != NULL)
    sheet = gp_class_sheet_collect (r->store, r->class_name, r->batch, &error);
  if (sheet != NULL)
    print = gp_class_sheet_print (r->store, sheet, layout, r->printer, &error);
  if (print != NULL)
    {
      detail = g_strdup_printf ("class %s: %u students, %s job %d", r->class_name, sheet->printed->len,
                                r->printer != NULL ? r->printer : print->pdf, print->job_id);
      if (!gp_store_audit (r->store, r->actor, "print-class", 0, 0, detail, &error))
        g_clear_pointer (&print, gp_class_sheet_print_free);
    }
  if (print == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (r->printer != NULL)
    /* Translators: class, students, pages, printer */
    done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The class sheet of %s (%u students, %u page) is sent to %s.",
                                         "The class sheets of %s (%u students, %u pages) are sent to %s.", print->pages),
                            r->class_name, sheet->printed->len, print->pages, r->printer);
  else
    /* Translators: class, students, pages, file */
    done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The class sheet of %s (%u students, %u page) is saved as %s.",
                                         "The class sheets of %s (%u students, %u pages) are saved as %s.", print->pages),
                            r->class_name, sheet->printed->len, print->pages, print->pdf);
  g_task_return_pointer (task, g_steal_pointer (&done), g_free);
}

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = g_task_propagate_pointer (G_TASK (result), &error);
  GpStaffPrinting *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = GP_STAFF_PRINTING (source);
  self->busy = FALSE;
  gtk_label_set_text (self->message_label, done != NULL ? done : error->message);
  gp_staff_printing_refresh (self);
}

static void
start_action (GpStaffPrinting *self,
              GTaskThreadFunc  func,
              gint64           row,
              const char      *class_name,
              const char      *working)
{
  g_autoptr(GTask) task = NULL;
  Request *r;

  /* One CUPS action at a time: a second click must not print twice. */
  if (self->busy)
    return;
  self->busy = TRUE;
  task = new_task (self, on_action_done);
  r = g_task_get_task_data (task);
  r->row = row;
  r->class_name = g_strdup (class_name);
  gtk_label_set_text (self->message_label, working);
  g_task_run_in_thread (task, func);
}

static void
on_cancel (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  start_action (user_data, cancel_in_thread, g_variant_get_int64 (param), NULL, _("Cancelling…"));
}

static void
on_reprint (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  start_action (user_data, reprint_in_thread, g_variant_get_int64 (param), NULL, _("Printing…"));
}

static void
on_print_class (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  start_action (user_data, print_class_in_thread, 0, g_variant_get_string (param, NULL), _("Printing…"));
}

static const GActionEntry page_actions[] = {
  { .name = "cancel", .activate = on_cancel, .parameter_type = "x" },
  { .name = "reprint", .activate = on_reprint, .parameter_type = "x" },
  { .name = "print-class", .activate = on_print_class, .parameter_type = "s" },
};

static void
gp_staff_printing_dispose (GObject *object)
{
  GpStaffPrinting *self = GP_STAFF_PRINTING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->station);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gp_staff_printing_parent_class)->dispose (object);
}

static void
gp_staff_printing_class_init (GpStaffPrintingClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gp_staff_printing_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-staff-printing.ui");
  gtk_widget_class_bind_template_child (widget_class, GpStaffPrinting, printers_grid);
  gtk_widget_class_bind_template_child (widget_class, GpStaffPrinting, jobs_grid);
  gtk_widget_class_bind_template_child (widget_class, GpStaffPrinting, classes_grid);
  gtk_widget_class_bind_template_child (widget_class, GpStaffPrinting, message_label);
}

static void
gp_staff_printing_init (GpStaffPrinting *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), page_actions, G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "printing", G_ACTION_GROUP (group));
}

GtkWidget *
gp_staff_printing_new (GpStation *station,
                       GSettings *settings)
{
  GpStaffPrinting *self = g_object_new (GP_TYPE_STAFF_PRINTING, NULL);

  self->station = g_object_ref (station);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
