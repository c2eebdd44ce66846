/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin scan IMAGE…: the kiosk's QR reader on photos and
 * screenshots, with the roster's student each code belongs to. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "image/gp-image-load.h"
#include "image/gp-frame-cairo.h"
#include "image/gp-jpeg.h"
#include "scan/gp-payload.h"
#include "scan/gp-qr-reader.h"

/* The first code on the roster wins; a code whose name is not the roster's
 * has its reason in *problem. FALSE only when the store fails. */
static gboolean
find_student (GpStore        *store,
              GPtrArray      *codes,
              GpStudent     **student,
              GpPayloadKind  *matched_by,
              GPtrArray      *problems,
              GError        **error)
{
  for (guint i = 0; i < codes->len && *student == NULL; i++)
    {
      GpQrCode *code = g_ptr_array_index (codes, i);
      g_autoptr(GError) local_error = NULL;

      if (code->payload == NULL)
        continue;
      *student = gp_payload_find_student (code->payload, store, matched_by, &local_error);
      if (g_error_matches (local_error, GP_PAYLOAD_ERROR, GP_PAYLOAD_ERROR_WRONG_NAME))
        g_ptr_array_index (problems, i) = g_strdup (local_error->message);
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static void
print_json (const char       *file,
            GPtrArray        *codes,
            GPtrArray        *problems,
            const GpStudent  *student,
            GpPayloadKind     matched_by,
            int               captures,
            double            ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    {
      GpQrCode *code = g_ptr_array_index (codes, i);
      const char *problem = code->problem != NULL ? code->problem : g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "payload");
      json_builder_add_string_value (builder, code->payload);
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, code->encoding);
      json_builder_set_member_name (builder, "inverted");
      json_builder_add_boolean_value (builder, code->inverted);
      if (problem != NULL)
        {
          json_builder_set_member_name (builder, "problem");
          json_builder_add_string_value (builder, problem);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "student");
  if (student == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "student_no");
      json_builder_add_string_value (builder, student->student_no);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, student->name);
      json_builder_set_member_name (builder, "class");
      json_builder_add_string_value (builder, student->class_name);
      json_builder_set_member_name (builder, "matched_by");
      json_builder_add_string_value (builder, matched_by == GP_PAYLOAD_OPAQUE ? "code" : "student-number");
      json_builder_set_member_name (builder, "captures");
      json_builder_add_int_value (builder, captures);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "ms");
  json_builder_add_int_value (builder, lround (ms));
  json_builder_end_object (builder);
  gp_admin_print_json (builder);
}

static void
print_text (const char       *file,
            GPtrArray        *codes,
            GPtrArray        *problems,
            const GpStudent  *student,
            GpPayloadKind     matched_by,
            int               captures,
            double            ms)
{
  if (codes->len == 0)
    /* Translators: %s is a file name */
    g_print (_("%s: no code found (%.0f ms)\n"), file, ms);
  for (guint i = 0; i < codes->len; i++)
    {
      GpQrCode *code = g_ptr_array_index (codes, i);

      if (code->payload == NULL)
        g_print (_("%s: a code that cannot be used: %s\n"), file, code->problem);
      else
        /* Translators: file: payload (encoding[, light on dark]) */
        g_print (_("%s: %s (%s%s, %.0f ms)\n"), file, code->payload, code->encoding,
                 code->inverted ? _(", light on dark") : "", ms);
      if (g_ptr_array_index (problems, i) != NULL)
        g_print ("  %s\n", (const char *) g_ptr_array_index (problems, i));
    }
  if (student != NULL)
    {
      g_print (matched_by == GP_PAYLOAD_OPAQUE ? _("  %s %s, by the collection code (采集码)") /* 学号, name */
                                               : _("  %s %s, by the student number (学号)"),
               student->student_no, student->name);
      if (captures == 0)
        g_print (_("; not photographed yet\n"));
      else
        /* Translators: after the student's name; %d is a number of photos */
        g_print (g_dngettext (GETTEXT_PACKAGE, "; photographed once\n", "; photographed %d times\n", captures),
                 captures);
    }
  else if (codes->len > 0)
    g_print (_("  not on the roster\n"));
}

static void
report_unreadable (const char   *file,
                   const GError *error,
                   gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, file);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    g_printerr ("gradphoto-admin: %s\n", error->message);
}

int
gp_admin_scan (int    argc,
               char **argv)
{
  gboolean json = FALSE, unreadable = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();

  if (!gp_admin_parse (&argc, &argv,
                       _("IMAGE… — read collection codes in photos or screenshots (JPEG, PNG)\n\n"
                         "Reads every code in each image as the kiosk does, looking harder than it\n"
                         "can on live video, and finds each code's student on the roster. With\n"
                         "--json, one object a line: {\"file\", \"codes\": [{\"payload\", \"encoding\",\n"
                         "\"inverted\"}], \"student\" (or null), \"ms\"}, or {\"file\", \"error\"}.\n\n"
                         "Exit status: 0 when every image could be read, with codes or without;\n"
                         "1 when some image could not be read (each is reported, the others are\n"
                         "still scanned) or the database cannot be opened; 2 for wrong arguments."),
                       NULL, &json, &error))
    return gp_admin_fail (error, json);
  if (argc < 2)
    {
      g_printerr (_("Usage: gradphoto-admin scan IMAGE… [--json]\n"));
      return 2;
    }

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  /* One image is all there is: no next frame to wait for. */
  gp_qr_reader_set_effort (reader, GP_QR_EFFORT_THOROUGH);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GpFrame) frame = gp_image_load (argv[i], NULL, &local_error);
      g_autoptr(GPtrArray) codes = NULL;
      g_autoptr(GpStudent) student = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      GpPayloadKind matched_by = GP_PAYLOAD_OPAQUE;
      int captures = 0;
      gint64 start;
      double ms;

      if (frame == NULL)
        {
          report_unreadable (argv[i], local_error, json);
          unreadable = TRUE;
          continue;
        }
      start = g_get_monotonic_time ();
      codes = gp_qr_reader_decode (reader, frame);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_ptr_array_set_size (problems, (int) codes->len);
      if (!find_student (store, codes, &student, &matched_by, problems, &local_error) ||
          (student != NULL && (captures = gp_store_count_captures (store, student->id, &local_error)) < 0))
        return gp_admin_fail (local_error, json);

      if (json)
        print_json (argv[i], codes, problems, student, matched_by, captures, ms);
      else
        print_text (argv[i], codes, problems, student, matched_by, captures, ms);
    }
  return unreadable ? 1 : 0;
}
