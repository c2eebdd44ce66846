/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin standardize and check: photos from files, for frames
 * saved by a camera and for photos students bring from a studio. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-durable.h"
#include "image/gp-image-load.h"
#include "image/gp-jpeg.h"
#include "photo/gp-standardize.h"

#define EXIT_STATUS_HELP \
  N_("Exit status: 0 when every photo is compliant, 1 when any is not (or could not be read), 2 on wrong usage or an unusable profile.")

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_point (JsonBuilder *builder,
           const char  *name,
           GpPoint      p)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, p.x);
  json_builder_add_double_value (builder, p.y);
  json_builder_end_array (builder);
}

static void
print_json (const char                *input,
            const GpStandardizeResult *r,
            gsize                      file_size)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_add_string_value (b, input);
  json_builder_set_member_name (b, "output");
  if (r->output != NULL)
    json_builder_add_string_value (b, r->output);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, r->ok);
  json_builder_set_member_name (b, "error");
  if (r->error != NULL)
    json_builder_add_string_value (b, r->error->message);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "face");
  if (r->has_face)
    {
      json_builder_begin_object (b);
      add_point (b, "left_eye", r->left_eye);
      add_point (b, "right_eye", r->right_eye);
      add_number (b, "head_top", r->head_top);
      add_number (b, "face_width", r->face_width);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; r->checks != NULL && i < r->checks->len; i++)
    {
      const GpCheck *c = &g_array_index (r->checks, GpCheck, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, gp_check_id_to_string (c->id));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, gp_check_status_to_string (c->status));
      add_number (b, "value", c->value);
      add_number (b, "min", c->min);
      add_number (b, "max", c->max);
      json_builder_set_member_name (b, "message");
      if (c->message != NULL)
        json_builder_add_string_value (b, c->message);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "jpeg");
  if (r->jpeg != NULL || file_size > 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, r->jpeg != NULL ? (gint64) g_bytes_get_size (r->jpeg) : (gint64) file_size);
      json_builder_set_member_name (b, "quality");
      if (r->quality > 0)
        json_builder_add_int_value (b, r->quality);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  add_number (b, "ms", r->ms_total);
  json_builder_end_object (b);
  gp_admin_print_json (b);
}

static void
print_text (const char                *input,
            const GpStandardizeResult *r)
{
  if (!r->ok)
    {
      g_printerr (_("%s: %s\n"), input, r->error->message);
      return;
    }
  for (guint i = 0; i < r->checks->len; i++)
    {
      const GpCheck *c = &g_array_index (r->checks, GpCheck, i);

      if (c->status == GP_CHECK_WARN)
        g_print (_("%s: warning (%s): %s\n"), input, gp_check_id_to_string (c->id), c->message);
    }
  if (r->output != NULL)
    g_print (_("%s → %s (%zu bytes, JPEG quality %d)\n"), input, r->output, g_bytes_get_size (r->jpeg),
             r->quality);
  else
    g_print (_("%s: compliant\n"), input);
}

static GpProfile *
parse (int          *argc,
       char       ***argv,
       const char   *usage,
       const char   *summary,
       GOptionEntry *extra,
       gboolean     *json,
       GError      **error)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Report as JSON, one object per photo"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autofree char *profile_name = NULL;
  GOptionEntry profile_entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("The photo profile (default: chsi-blue)"), N_("NAME") },
    { NULL },
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(summary));
  g_option_context_set_description (context, _(EXIT_STATUS_HELP));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, profile_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return NULL;
  if (*argc < 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s", _("Name at least one photo."));
      return NULL;
    }
  return gp_profile_load (profile_name, error);
}

int
gp_admin_standardize (int    argc,
                      char **argv)
{
  gboolean json = FALSE;
  g_autofree char *out_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) profile = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Write the photos to this folder"), N_("DIR") },
    { NULL },
  };
  int status = 0;

  profile = parse (&argc, &argv, _("IN… — make profile-compliant photos of camera frames"),
                   N_("Each photo is written to DIR under its input’s name, with .jpg, only when it is compliant."),
                   entries, &json, &error);
  if (profile == NULL)
    return gp_admin_fail (error, json) + 1;
  if (out_dir == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s", _("Say where the photos go with --out DIR."));
      return gp_admin_fail (error, json) + 1;
    }
  if (g_mkdir_with_parents (out_dir, GP_DURABLE_DIR_MODE) != 0)
    {
      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Could not create the folder “%s”: %s. Choose a folder you can write to."),
                   out_dir, g_strerror (errno));
      return gp_admin_fail (error, json) + 1;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GpStandardizeResult) result = NULL;
      g_autoptr(GpFrame) frame = NULL;
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *name = NULL;
      g_autofree char *output = NULL;
      char *dot = strrchr (base, '.');
      gsize size = 0;

      if (dot != NULL && dot != base)
        *dot = '\0';
      name = g_strconcat (base, ".jpg", NULL);
      output = g_build_filename (out_dir, name, NULL);
      frame = gp_image_load (argv[i], &size, &error);
      if (frame != NULL)
        result = gp_standardize (frame, profile, NULL, output);
      else
        {
          result = g_new0 (GpStandardizeResult, 1);
          result->error = g_steal_pointer (&error);
        }
      if (!result->ok)
        status = 1;
      if (json)
        print_json (argv[i], result, 0);
      else
        print_text (argv[i], result);
    }
  return status;
}

int
gp_admin_check (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) profile = NULL;
  int status = 0;

  profile = parse (&argc, &argv, _("IMAGE… — check finished photos against a profile"),
                   N_("Checks photos made elsewhere (a studio’s): size, file size and every compliance check. Nothing is written."),
                   NULL, &json, &error);
  if (profile == NULL)
    return gp_admin_fail (error, json) + 1;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GpStandardizeResult) result = NULL;
      g_autoptr(GpFrame) frame = NULL;
      gsize size = 0;

      frame = gp_image_load (argv[i], &size, &error);
      if (frame != NULL)
        result = gp_standardize_check (frame, size, profile, NULL);
      else
        {
          result = g_new0 (GpStandardizeResult, 1);
          result->error = g_steal_pointer (&error);
        }
      if (!result->ok)
        status = 1;
      if (json)
        print_json (argv[i], result, size);
      else
        print_text (argv[i], result);
    }
  return status;
}
