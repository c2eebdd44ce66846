/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Photo profiles: the shipped files, user files overriding them, malformed
 * files refused with file, key and line, and limits scaling with height. */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/gp-paths.h"
#include "photo/gp-profile.h"

#include "gp-test-util.h"

/* XDG_DATA_HOME is read once per process: one root for the whole run. */
static char *root;

static char *
write_profile (const char *dir,
               const char *name,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".profile", NULL);
  char *path = g_build_filename (dir, file, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static const char valid[] =
  "[Profile]\nName=Test\nWidth=480\nHeight=640\nDpi=300\nBackground=1;2;3\n"
  "HeadTop=50;110\nEyeLine=200;300\nFaceWidth=180;300\nQualityMin=60\nFileSize=20480;40000\n";

static void
test_shipped (void)
{
  static const struct {
    const char *name;
    guint8      colour[3];
    int         width_max;
    gsize       size_min, size_max;
  } cases[] = {
    { "chsi-blue", { 100, 197, 255 }, 480, 20480, 40000 },
    { "white", { 255, 255, 255 }, 480, 20480, 40000 },
    { "light-grey", { 240, 240, 240 }, 480, 20480, 40000 },
    { "upload", { 100, 197, 255 }, 1350, 51200, 1000000 },
  };
  g_autoptr(GpProfile) builtin = gp_profile_new_default ();
  g_auto(GStrv) names = gp_profile_list_names ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpProfile) p = gp_profile_load (cases[i].name, &error);

      g_assert_no_error (error);
      g_assert_true (g_strv_contains ((const char * const *) names, cases[i].name));
      g_assert_cmpmem (p->background, 3, cases[i].colour, 3);
      g_assert_cmpint (p->width_min, ==, 480);
      g_assert_cmpint (p->height_min, ==, 640);
      g_assert_cmpint (p->width_max, ==, cases[i].width_max);
      g_assert_cmpint (p->dpi, ==, 300);
      g_assert_cmpint (p->quality_min, ==, 60);
      g_assert_cmpuint (p->file_size_min, ==, cases[i].size_min);
      g_assert_cmpuint (p->file_size_max, ==, cases[i].size_max);
      g_assert_cmpfloat (p->head_top[0], ==, 50);
      g_assert_cmpfloat (p->eye_line[1], ==, 300);
      g_assert_cmpfloat (p->face_width[0], ==, 180);
      /* The built-in default is the shipped blue file. */
      if (g_str_equal (cases[i].name, GP_PROFILE_DEFAULT_NAME))
        {
          g_assert_cmpmem (p->background, 3, builtin->background, 3);
          g_assert_cmpmem (p->checks, sizeof p->checks, builtin->checks, sizeof builtin->checks);
          g_assert_cmpuint (p->file_size_max, ==, builtin->file_size_max);
        }
    }
}

static void
test_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *data_profiles = g_build_filename (data_dir, "profiles", NULL);
  g_autofree char *xdg = g_build_filename (root, "xdg", NULL);
  g_autofree char *xdg_profiles = g_build_filename (xdg, "gradphoto", "profiles", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GpProfile) p = NULL;
  g_autoptr(GString) text = g_string_new (valid);

  gp_paths_set_data_dir (data_dir);
  g_string_replace (text, "Background=1;2;3", "Background=9;9;9", 1);
  a = write_profile (xdg_profiles, "white", valid);
  p = gp_profile_load ("white", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->path, ==, a);
  g_assert_cmpint (p->background[2], ==, 3);
  g_clear_pointer (&p, gp_profile_free);

  b = write_profile (data_profiles, "white", text->str);
  p = gp_profile_load ("white", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->path, ==, b);
  g_assert_cmpint (p->background[2], ==, 9);
  g_clear_pointer (&p, gp_profile_free);

  p = gp_profile_load ("no-such-profile", &error);
  g_assert_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "chsi-blue"));
  g_assert_null (p);
  g_clear_error (&error);
  p = gp_profile_load ("../white", &error);
  g_assert_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_NOT_FOUND);

  gp_test_remove_tree (data_dir);
  gp_test_remove_tree (xdg);
  gp_paths_set_data_dir (NULL);
}

static void
test_malformed (void)
{
  static const struct {
    const char *from;   /* replaced in the valid file */
    const char *to;
    const char *key;    /* named in the message */
    guint       line;
  } cases[] = {
    { "Dpi=300", "Dpi=lots", "Dpi", 5 },
    { "Background=1;2;3", "Background=1;2", "Background", 6 },
    { "Background=1;2;3", "Background=1;2;300", "Background", 6 },
    { "HeadTop=50;110", "HeadTop=110;50", "HeadTop", 7 },
    { "EyeLine=200;300", "EyeLine=20;30", "EyeLine", 8 },
    { "FaceWidth=180;300", "FaceWidth=180;900", "FaceWidth", 9 },
    { "QualityMin=60", "QualityMin=0", "QualityMin", 10 },
    { "Width=480\n", "", "Width", 1 },
    { "Dpi=300", "Dpi=300\nColour=blue", "Colour", 6 },
    { "FileSize=20480;40000\n", "FileSize=20480;40000\n[Checks]\nroll=-5;5;-6;6\n", "roll", 13 },
    { "FileSize=20480;40000\n", "FileSize=20480;40000\n[Checks]\nwobble=1;2\n", "wobble", 13 },
    { "Width=480\n", "Width\n", NULL, 3 },
  };
  g_autofree char *dir = g_build_filename (root, "malformed", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (valid);
      g_autofree char *path = NULL;
      g_autofree char *line = g_strdup_printf ("line %u", cases[i].line);
      g_autoptr(GpProfile) p = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      path = write_profile (dir, "bad", text->str);
      p = gp_profile_load_file (path, &error);
      g_test_message ("%s", error != NULL ? error->message : "(no error)");
      g_assert_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_INVALID);
      g_assert_null (p);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, line));
      if (cases[i].key != NULL)
        {
          g_autofree char *key = g_strdup_printf ("“%s”", cases[i].key);

          g_assert_nonnull (strstr (error->message, key));
        }
    }
  gp_test_remove_tree (dir);
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpProfile) p = gp_profile_load ("upload", &error);
  GpCheckLimits l;

  g_assert_no_error (error);
  /* Geometry scales from 640 to the photo's height; angles do not. */
  gp_profile_get_limits (p, GP_CHECK_EYE_LINE, 1280, &l);
  g_assert_cmpfloat_with_epsilon (l.min, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (l.max, 600, 1e-9);
  gp_profile_get_limits (p, GP_CHECK_ROLL, 1280, &l);
  g_assert_cmpfloat (l.max, ==, p->checks[GP_CHECK_ROLL].max);
  for (guint i = 0; i < GP_CHECK_N; i++)
    {
      g_assert_nonnull (gp_check_id_to_string (i));
      gp_profile_get_limits (p, i, 640, &l);
      g_assert_cmpfloat (l.min, <=, l.good_min);
      g_assert_cmpfloat (l.good_max, <=, l.max);
    }
}

static void
test_checks_group (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (root, "checks", NULL);
  g_autoptr(GString) text = g_string_new (valid);
  g_autofree char *path = NULL;
  g_autoptr(GpProfile) p = NULL;

  g_string_append (text, "[Checks]\nroll=-4;4\nsharpness=3;1000;6;1000\n");
  path = write_profile (dir, "strict", text->str);
  p = gp_profile_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (p->checks[GP_CHECK_ROLL].max, ==, 4);
  g_assert_cmpfloat (p->checks[GP_CHECK_ROLL].good_max, ==, 4);
  g_assert_cmpfloat (p->checks[GP_CHECK_SHARPNESS].good_min, ==, 6);
  gp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = NULL;
  g_autofree char *shipped = NULL;
  int status;

  root = g_dir_make_tmp ("gp-test-profile-XXXXXX", &error);
  g_assert_no_error (error);
  xdg = g_build_filename (root, "xdg", NULL);
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  g_test_init (&argc, &argv, NULL);
  shipped = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped, TRUE);

  g_test_add_func ("/photo/profile/shipped", test_shipped);
  g_test_add_func ("/photo/profile/user-overrides-builtin", test_override);
  g_test_add_func ("/photo/profile/malformed-names-key-and-line", test_malformed);
  g_test_add_func ("/photo/profile/limits-scale-with-height", test_limits);
  g_test_add_func ("/photo/profile/checks-group", test_checks_group);
  status = g_test_run ();
  gp_test_remove_tree (root);
  g_free (root);
  return status;
}
