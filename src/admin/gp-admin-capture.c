/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin capture --student NO IMAGE: a photo the student brings
 * (a studio photo, the "local album" route) goes through the kiosk's own
 * standardization and checks into the same records. A photo that fails the
 * checks is recorded but not approved.
 *
 * Exit status: 0 recorded and approved; 1 refused (no usable photo, or
 * failing checks); 2 wrong usage; 3 no such student. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-paths.h"
#include "image/gp-image-load.h"
#include "station/gp-capture-record.h"
#include "photo/gp-standardize.h"

static void
add_checks (JsonBuilder *builder,
            GArray      *checks)
{
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const GpCheck *check = &g_array_index (checks, GpCheck, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, gp_check_id_to_string (check->id));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, gp_check_status_to_string (check->status));
      json_builder_set_member_name (builder, "message");
      if (check->message != NULL)
        json_builder_add_string_value (builder, check->message);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
report (gboolean              json,
        const GpStudent      *student,
        gint64                capture_id,
        const char           *photo_path,
        GpStandardizeResult  *result,
        const GError         *error)
{
  gboolean approved = capture_id > 0 && result->ok;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, approved);
      json_builder_set_member_name (builder, "student");
      json_builder_add_string_value (builder, student->student_no);
      json_builder_set_member_name (builder, "capture");
      if (capture_id > 0)
        json_builder_add_int_value (builder, capture_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, approved ? "approved" : capture_id > 0 ? "captured" : "refused");
      json_builder_set_member_name (builder, "photo");
      if (photo_path != NULL)
        json_builder_add_string_value (builder, photo_path);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "error");
      if (error != NULL)
        json_builder_add_string_value (builder, error->message);
      else
        json_builder_add_null_value (builder);
      add_checks (builder, result != NULL ? result->checks : NULL);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
      return;
    }

  if (error != NULL)
    g_print (_("%s: not recorded: %s\n"), student->student_no, error->message);
  else if (approved)
    g_print (_("%s: recorded and approved as capture %lld: %s\n"),
             student->student_no, (long long) capture_id, photo_path);
  else
    {
      g_print (_("%s: recorded as capture %lld, not approved; it fails these checks:\n"),
               student->student_no, (long long) capture_id);
      for (guint i = 0; i < result->checks->len; i++)
        {
          const GpCheck *check = &g_array_index (result->checks, GpCheck, i);
          if (check->status == GP_CHECK_FAIL && check->message != NULL)
            g_print ("  %s: %s\n", gp_check_id_to_string (check->id), check->message);
        }
    }
}

int
gp_admin_capture (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  g_autofree char *student_no = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *operator_name = NULL;
  g_autofree char *station = NULL;
  GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_STRING, &student_no, N_("The student's number (学号)"), N_("NO") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Photo profile (default: chsi-blue)"), N_("NAME") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Who records the photo (default: your user name)"), N_("NAME") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("The station (room) recording it (default: the host name)"), N_("NAME") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GpProfile) profile = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GpStandardizeResult) result = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *photos_dir = gp_paths_photos_dir ();
  g_autofree char *photo_path = NULL;
  GpCaptureBy by = { 0 };
  gint64 capture_id;

  if (!gp_admin_parse (&argc, &argv, _("--student NO IMAGE — record a photo the student brings"),
                       entries, &json, &error))
    return gp_admin_fail (error, json);
  if (argc != 2 || student_no == NULL)
    {
      g_printerr (_("Usage: gradphoto-admin capture --student NO IMAGE [--profile NAME] [--json]\n"));
      return 2;
    }

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  student = gp_store_find_student_by_no (store, student_no, &error);
  if (student == NULL)
    {
      if (error == NULL)
        g_set_error (&error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                     _("No student %s on the roster. Check the number, or import the roster first."), student_no);
      gp_admin_fail (error, json);
      return 3;
    }
  profile = gp_profile_load (profile_name, &error);
  if (profile == NULL)
    return gp_admin_fail (error, json);

  frame = gp_image_load (argv[1], NULL, &error);
  if (frame == NULL)
    {
      report (json, student, -1, NULL, NULL, error);
      return 1;
    }
  /* The file as brought is kept as the original, byte for byte. */
  {
    char *contents = NULL;
    gsize length = 0;

    if (!g_file_get_contents (argv[1], &contents, &length, &error))
      return gp_admin_fail (error, json);
    original = g_bytes_new_take (contents, length);
  }
  by.station = station != NULL ? station : g_get_host_name ();
  by.operator_name = operator_name != NULL ? operator_name : g_get_user_name ();
  capture_id = gp_capture_record (store, photos_dir, student, frame, original, profile, &by,
                                  &result, &photo_path, &error);
  if (capture_id < 0)
    {
      /* A frame that gives no photo is the student's to retake; anything else is the station's. */
      if (result == NULL || result->jpeg != NULL)
        return gp_admin_fail (error, json);
      report (json, student, -1, NULL, result, error);
      return 1;
    }

  report (json, student, capture_id, photo_path, result, NULL);
  return result->ok ? 0 : 1;
}
