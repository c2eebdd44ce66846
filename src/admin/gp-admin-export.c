/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin export, report and merge: what leaves the station. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "store/gp-export.h"
#include "store/gp-merge.h"
#include "store/gp-report.h"

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *items)
{
  guint i;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (i = 0; i < items->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
}

static void
print_lines (GPtrArray *items)
{
  guint i;

  for (i = 0; i < items->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (items, i));
}

/* Exit status 0 when everything went out, 1 on failure, 2 wrong usage,
 * 4 when some files were not written (conflicts or problems). */
int
gp_admin_export (int    argc,
                 char **argv)
{
  gboolean json = FALSE, zip = FALSE;
  g_autofree char *out = NULL;
  g_autofree char *naming = NULL;
  g_autofree char *batch = NULL;
  GOptionEntry entries[] = {
    GP_ADMIN_BATCH_OPTION (&batch),
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Folder to export into"), N_("DIR") },
    { "naming", 0, 0, G_OPTION_ARG_STRING, &naming, N_("File names, e.g. {student_no}.jpg"), N_("TEMPLATE") },
    { "zip", 0, 0, G_OPTION_ARG_NONE, &zip, N_("Put the photos and the manifest into DIR/photos.zip"), NULL },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpExportReport) report = NULL;

  if (!gp_admin_parse (&argc, &argv, _("— export the approved photos"), entries, &json, &error))
    return gp_admin_fail (error, json);
  if (out == NULL || argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin export --out DIR [--batch NAME] [--naming TEMPLATE] [--zip] [--json]\n"));
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  report = gp_export_run_batch (store, out, naming, zip, batch, g_get_user_name (), &error);
  if (report == NULL)
    return gp_admin_fail (error, json);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "exported");
      json_builder_add_int_value (builder, report->exported);
      json_builder_set_member_name (builder, "replaced");
      json_builder_add_int_value (builder, report->replaced);
      json_builder_set_member_name (builder, "unchanged");
      json_builder_add_int_value (builder, report->unchanged);
      gp_admin_add_string (builder, "manifest", report->manifest);
      gp_admin_add_string (builder, "zip", report->zip);
      json_builder_set_member_name (builder, "walk_ins");
      json_builder_add_int_value (builder, report->walk_ins);
      gp_admin_add_string (builder, "walk_ins_manifest", report->walk_ins_manifest);
      add_strings (builder, "conflicts", report->conflicts);
      add_strings (builder, "problems", report->problems);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      g_print (_("%u photos exported, %u already there, %u conflicts, %u problems.\n"),
               report->exported, report->unchanged, report->conflicts->len, report->problems->len);
      if (report->replaced > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u photo of an earlier export replaced by the newly chosen one.\n",
                              "%u photos of an earlier export replaced by the newly chosen ones.\n",
                              report->replaced),
                 report->replaced);
      if (report->walk_ins > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u of them is a walk-in, not on the school’s roster: %s lists them for the school to check.\n",
                              "%u of them are walk-ins, not on the school’s roster: %s lists them for the school to check.\n",
                              report->walk_ins),
                 report->walk_ins, GP_EXPORT_WALK_INS);
      print_lines (report->conflicts);
      print_lines (report->problems);
    }
  return report->conflicts->len > 0 || report->problems->len > 0 ? 4 : 0;
}

int
gp_admin_report (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autofree char *out = NULL;
  g_autofree char *batch = NULL;
  GOptionEntry entries[] = {
    GP_ADMIN_BATCH_OPTION (&batch),
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The report file, .csv or .xlsx"), N_("FILE") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  guint walk_ins = 0;

  if (!gp_admin_parse (&argc, &argv, _("— write the progress report per college and class"), entries, &json, &error))
    return gp_admin_fail (error, json);
  if (out == NULL || argc != 1)
    {
      g_printerr (_("Usage: gradphoto-admin report --out FILE.csv|FILE.xlsx [--batch NAME] [--json]\n"));
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL || !gp_report_write_batch (store, out, batch, &walk_ins, &error))
    return gp_admin_fail (error, json);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, out);
      json_builder_set_member_name (builder, "walk_ins");
      json_builder_add_int_value (builder, walk_ins);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    {
      g_print (_("Report written to %s.\n"), out);
      if (walk_ins > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u walk-in, not on the school’s roster, is listed on its own: check them with the school.\n",
                              "%u walk-ins, not on the school’s roster, are listed on their own: check them with the school.\n",
                              walk_ins),
                 walk_ins);
    }
  return 0;
}

/* Exit status 0 merged, 1 failed, 2 wrong usage, 4 merged with conflicts or problems. */
int
gp_admin_merge (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autofree char *into = NULL;
  GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_FILENAME, &into, N_("The main database to merge into"), N_("MAIN.db") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *photos_dir = NULL;
  g_autofree char *into_dir = NULL;
  gboolean any_conflict = FALSE;
  int i;

  if (!gp_admin_parse (&argc, &argv, _("STATION.db… — merge the stations’ databases"), entries, &json, &error))
    return gp_admin_fail (error, json);
  if (into == NULL || argc < 2)
    {
      g_printerr (_("Usage: gradphoto-admin merge STATION.db… --into MAIN.db [--json]\n"));
      return 2;
    }
  store = gp_store_open (into, &error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  /* The main database keeps its photos beside it, like a station's. */
  into_dir = g_path_get_dirname (into);
  photos_dir = g_build_filename (into_dir, "photos", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "stations");
  json_builder_begin_array (builder);
  for (i = 1; i < argc; i++)
    {
      g_autoptr(GpMergeReport) report = gp_store_merge (store, argv[i], photos_dir, &error);

      if (report == NULL)
        return gp_admin_fail (error, json);
      any_conflict |= report->conflicts->len > 0 || report->problems->len > 0;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "station");
      json_builder_add_string_value (builder, argv[i]);
      json_builder_set_member_name (builder, "students_added");
      json_builder_add_int_value (builder, report->students_added);
      json_builder_set_member_name (builder, "captures_added");
      json_builder_add_int_value (builder, report->captures_added);
      json_builder_set_member_name (builder, "captures_known");
      json_builder_add_int_value (builder, report->captures_known);
      json_builder_set_member_name (builder, "print_jobs_added");
      json_builder_add_int_value (builder, report->print_jobs_added);
      json_builder_set_member_name (builder, "audit_added");
      json_builder_add_int_value (builder, report->audit_added);
      add_strings (builder, "conflicts", report->conflicts);
      add_strings (builder, "problems", report->problems);
      json_builder_end_object (builder);
      if (!json)
        {
          /* Translators: the station database, then counts */
          g_print (_("%s: %u new students, %u new photos, %u already merged, %u new print jobs, "
                     "%u new audit entries, %u conflicts, %u problems.\n"),
                   argv[i], report->students_added, report->captures_added, report->captures_known,
                   report->print_jobs_added, report->audit_added, report->conflicts->len, report->problems->len);
          print_lines (report->conflicts);
          print_lines (report->problems);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (json)
    gp_admin_print_json (builder);
  return any_conflict ? 4 : 0;
}
