/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin approve and reject: the staff's decisions on a photo. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"

/* The photo named by CAPTURE-ID, or the latest photo of --student NO. */
static gint64
find_capture (GpStore     *store,
              int          argc,
              char       **argv,
              const char  *student_no,
              GError     **error)
{
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GpCapture) capture = NULL;
  char *end = NULL;
  gint64 id;

  if (student_no == NULL)
    {
      id = g_ascii_strtoll (argv[1], &end, 10);
      return end != argv[1] && *end == '\0' && id > 0 ? id : 0;
    }
  student = gp_admin_find_student (store, student_no, error);
  if (student == NULL)
    return -1;
  capture = gp_store_find_latest_capture (store, student->id, error);
  if (capture == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                     _("Student %s has no photo yet. Take the photo first."), student_no);
      return -1;
    }
  return capture->id;
}

static int
review (int              argc,
        char           **argv,
        GpCaptureStatus  status,
        const char      *summary)
{
  gboolean json = FALSE;
  g_autofree char *reason = NULL;
  g_autofree char *student_no = NULL;
  GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_STRING, &student_no, N_("The student’s latest photo"), N_("NO") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required to reject, or to approve a photo that failed its checks)"), N_("TEXT") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpCapture) capture = NULL;
  gint64 id;

  if (!gp_admin_parse (&argc, &argv, summary, entries, &json, &error))
    return gp_admin_fail (error, json);
  if ((student_no == NULL) == (argc != 2))
    {
      g_printerr (_("Usage: gradphoto-admin %s (CAPTURE-ID | --student NO) [--reason TEXT] [--json]\n"),
                  status == GP_CAPTURE_APPROVED ? "approve" : "reject");
      return 2;
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  id = find_capture (store, argc, argv, student_no, &error);
  if (id == 0)
    {
      g_printerr (_("“%s” is not a photo number. Use the number “gradphoto-admin status” shows, or --student NO.\n"),
                  argv[1]);
      return 2;
    }
  if (id < 0 || !gp_store_set_capture_status (store, id, status, reason, g_get_user_name (), &error))
    return gp_admin_fail (error, json);
  /* An approved photo whose sheet is already out goes straight to printed. */
  capture = gp_store_get_capture (store, id, &error);
  if (capture == NULL)
    return gp_admin_fail (error, json);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "capture");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, capture->status);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else if (g_str_equal (capture->status, "printed"))
    g_print (_("Photo %lld approved; its sheet was printed already, so it is marked printed.\n"), (long long) id);
  else if (status == GP_CAPTURE_APPROVED)
    g_print (_("Photo %lld approved.\n"), (long long) id);
  else
    g_print (_("Photo %lld rejected.\n"), (long long) id);
  return 0;
}

int
gp_admin_approve (int    argc,
                  char **argv)
{
  return review (argc, argv, GP_CAPTURE_APPROVED, _("CAPTURE-ID — approve a photo"));
}

int
gp_admin_reject (int    argc,
                 char **argv)
{
  return review (argc, argv, GP_CAPTURE_REJECTED, _("CAPTURE-ID — reject a photo, so it is taken again"));
}
