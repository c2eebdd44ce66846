/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Photo profiles: keyfiles in data/profiles/ that users can override or
 * add to, giving the size, background, geometry and check thresholds. */
#define G_LOG_DOMAIN "gp-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "core/gp-keyfile-dirs.h"
#include "photo/gp-profile.h"

G_DEFINE_QUARK (gp-profile-error-quark, gp_profile_error)

#define GROUP        "Profile"
#define CHECKS_GROUP "Checks"
#define SUFFIX       ".profile"
#define SUBDIR       "profiles"

/* Ids as they appear in reports and in the [Checks] group, with the
 * built-in thresholds; the geometric ones are in reference pixels. */
static const struct {
  const char    *id;
  GpCheckLimits  limits;
} check_table[GP_CHECK_N] = {
  [GP_CHECK_FACES] = { "faces", { 1, 1, 1, 1 } },
  [GP_CHECK_FACE_WIDTH] = { "face-width", { 180, 300, 180, 300 } },
  [GP_CHECK_EYE_LINE] = { "eye-line", { 200, 300, 200, 300 } },
  [GP_CHECK_HEAD_TOP] = { "head-top", { 50, 110, 50, 110 } },
  [GP_CHECK_CENTRING] = { "centring", { -20, 20, -12, 12 } },
  [GP_CHECK_ROLL] = { "roll", { -5, 5, -3, 3 } },
  /* Yaw and eyes-open are set between what the test composites read with
   * the head turned 5° or the eyes open and with a turn of 10° or more or
   * the lids over three quarters of the eye (edits placed from hand marks). */
  [GP_CHECK_YAW] = { "yaw", { -0.2, 0.2, -0.15, 0.15 } },
  [GP_CHECK_EYES_OPEN] = { "eyes-open", { 0.17, 1, 0.2, 1 } },
  [GP_CHECK_MOUTH_CLOSED] = { "mouth-closed", { 0, 0.2, 0, 0.1 } },
  [GP_CHECK_SHARPNESS] = { "sharpness", { 0, 2.0, 0, 1.4 } },
  [GP_CHECK_EXPOSURE] = { "exposure", { 95, 215, 110, 200 } },
  [GP_CHECK_CLIPPING] = { "clipping", { 0, 0.05, 0, 0.02 } },
  [GP_CHECK_EVEN_LIGHT] = { "even-light", { -0.14, 0.14, -0.1, 0.1 } },
  [GP_CHECK_BACKGROUND] = { "background", { 0, 14, 0, 8 } },
  [GP_CHECK_CLOTHING] = { "clothing", { 0, 0.25, 0, 0.1 } },
  [GP_CHECK_GLARE] = { "glare", { 0, 0.02, 0, 0.008 } },
  [GP_CHECK_TEETH] = { "teeth", { 0, 0.08, 0, 0.04 } },
  [GP_CHECK_TINTED_GLASSES] = { "tinted-glasses", { 0.65, 10, 0.75, 10 } },
  [GP_CHECK_BACKGROUND_OBJECTS] = { "background-objects", { 0, 0.005, 0, 0.002 } },
  /* Off unless a profile asks: a share never goes above 1. */
  [GP_CHECK_SKIN_CLOTHING] = { "skin-clothing", { 0, 1, 0, 1 } },
  [GP_CHECK_EYEBROWS] = { "eyebrows", { 0.3, 1, 0.4, 1 } },
  /* Off unless a profile asks: a share never goes below 0. */
  [GP_CHECK_EARS] = { "ears", { 0, 1, 0, 1 } },
  [GP_CHECK_HEADWEAR] = { "headwear", { 0, 0.4, 0, 0.3 } },
  /* Good photos read 0 on the test composites (the only light there is
   * the outline's fringe, a line too thin to count), the smallest pearl
   * studs 0.25, other studs, drops and hoops 0.4–15. */
  [GP_CHECK_EARRINGS] = { "earrings", { 0, 0.2, 0, 0.1 } },
};

static const char * const known_keys[] = {
  "Name", "Width", "Height", "Dpi", "Background", "HeadTop", "EyeLine",
  "FaceWidth", "QualityMin", "FileSize",
};

const char *
gp_check_id_to_string (GpCheckId id)
{
  g_return_val_if_fail ((guint) id < GP_CHECK_N, NULL);

  return check_table[id].id;
}

static void
set_range (double *range, double min, double max)
{
  range[0] = min;
  range[1] = max;
}

/* The same values as data/profiles/chsi-blue.profile; a test keeps them equal. */
GpProfile *
gp_profile_new_default (void)
{
  GpProfile *profile = g_new0 (GpProfile, 1);
  static const guint8 blue[3] = { 100, 197, 255 };
  guint i;

  profile->name = g_strdup (GP_PROFILE_DEFAULT_NAME);
  profile->title = g_strdup (_("CHSI diploma photo, blue background"));
  profile->width_min = profile->width_max = 480;
  profile->height_min = profile->height_max = 640;
  profile->dpi = 300;
  memcpy (profile->background, blue, 3);
  set_range (profile->head_top, 50, 110);
  set_range (profile->eye_line, 200, 300);
  set_range (profile->face_width, 180, 300);
  profile->quality_min = 60;
  profile->file_size_min = 20480;
  profile->file_size_max = 40000;
  for (i = 0; i < GP_CHECK_N; i++)
    profile->checks[i] = check_table[i].limits;
  return profile;
}

GpProfile *
gp_profile_copy (const GpProfile *profile)
{
  GpProfile *copy;

  g_return_val_if_fail (profile != NULL, NULL);

  copy = g_memdup2 (profile, sizeof *profile);
  copy->name = g_strdup (profile->name);
  copy->title = g_strdup (profile->title);
  copy->path = g_strdup (profile->path);
  return copy;
}

void
gp_profile_free (GpProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->name);
  g_free (profile->title);
  g_free (profile->path);
  g_free (profile);
}

/**
 * gp_profile_get_limits:
 * @height: the photo's height in pixels
 *
 * The thresholds of check @id for a photo @height high: geometric limits
 * scale from the profile's smallest height to @height.
 */
void
gp_profile_get_limits (const GpProfile *profile,
                       GpCheckId        id,
                       int              height,
                       GpCheckLimits   *limits)
{
  const double *range = NULL;
  double scale;

  g_return_if_fail (profile != NULL && limits != NULL);
  g_return_if_fail ((guint) id < GP_CHECK_N);

  *limits = profile->checks[id];
  if (id == GP_CHECK_FACE_WIDTH)
    range = profile->face_width;
  else if (id == GP_CHECK_EYE_LINE)
    range = profile->eye_line;
  else if (id == GP_CHECK_HEAD_TOP)
    range = profile->head_top;
  if (range != NULL)
    {
      limits->min = limits->good_min = range[0];
      limits->max = limits->good_max = range[1];
    }
  if (range == NULL && id != GP_CHECK_CENTRING)
    return;
  scale = height > 0 ? (double) height / profile->height_min : 1.0;
  limits->min *= scale;
  limits->max *= scale;
  limits->good_min *= scale;
  limits->good_max *= scale;
}

/* ---- Loading ---------------------------------------------------------- */

typedef struct {
  const char  *path;
  GKeyFile    *keyfile;
  char       **lines;
} Source;

G_GNUC_PRINTF (5, 6)
static gboolean
invalid (const Source  *src,
         const char    *group,
         const char    *key,
         GError       **error,
         const char    *format,
         ...)
{
  g_autofree char *problem = NULL;
  va_list ap;
  guint line = gp_keyfile_find_key_line (src->lines, group, key);

  va_start (ap, format);
  problem = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* A missing key has no line of its own: point at its group. */
  if (line == 0)
    line = MAX (gp_keyfile_find_key_line (src->lines, group, NULL), 1);
  g_set_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_INVALID,
               /* Translators: file, line number, key, then what is wrong with it */
               _("The profile file “%s”, line %u, key “%s”: %s. Correct the file, or remove it."),
               src->path, line, key, problem);
  return FALSE;
}

/* Reads @key as @n_min to @n_max numbers separated by ";"; an absent
 * optional key leaves @values alone and sets *@n to 0. */
static gboolean
get_numbers (const Source  *src,
             const char    *group,
             const char    *key,
             gboolean       required,
             double         min,
             double         max,
             guint          n_min,
             guint          n_max,
             double        *values,
             guint         *n,
             GError       **error)
{
  g_autofree char *value = g_key_file_get_value (src->keyfile, group, key, NULL);
  g_auto(GStrv) parts = NULL;
  guint count, i;

  *n = 0;
  if (value == NULL)
    return required ? invalid (src, group, key, error, "%s", _("the key is missing")) : TRUE;
  parts = gp_keyfile_split_list (g_strstrip (value), &count);
  if (count < n_min || count > n_max)
    {
      if (n_min == n_max)
        return invalid (src, group, key, error, _("“%s” must be %u numbers separated by “;”"),
                        value, n_min);
      return invalid (src, group, key, error, _("“%s” must be %u to %u numbers separated by “;”"),
                      value, n_min, n_max);
    }
  for (i = 0; i < count; i++)
    {
      g_autofree char *problem = NULL;

      if (!gp_keyfile_parse_number (parts[i], min, max, &values[i], &problem))
        return invalid (src, group, key, error, "%s", problem);
    }
  *n = count;
  return TRUE;
}

/* A range "min;max" with min ≤ max, or one number for both. */
static gboolean
get_range (const Source  *src,
           const char    *key,
           double         min,
           double         max,
           gboolean       whole,
           double        *range,
           GError       **error)
{
  guint n;

  if (!get_numbers (src, GROUP, key, TRUE, min, max, 1, 2, range, &n, error))
    return FALSE;
  if (n == 1)
    range[1] = range[0];
  if (range[0] > range[1])
    return invalid (src, GROUP, key, error, _("the smallest value %g is larger than the largest %g"),
                    range[0], range[1]);
  if (whole && (range[0] != floor (range[0]) || range[1] != floor (range[1])))
    return invalid (src, GROUP, key, error, "%s", _("the values must be whole numbers"));
  return TRUE;
}

static gboolean
check_keys (const Source  *src,
            GError       **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, GROUP, NULL, NULL);
  g_auto(GStrv) checks = g_key_file_get_keys (src->keyfile, CHECKS_GROUP, NULL, NULL);
  g_auto(GStrv) groups = g_key_file_get_groups (src->keyfile, NULL);
  guint i, j;

  for (i = 0; groups[i] != NULL; i++)
    if (!g_str_equal (groups[i], GROUP) && !g_str_equal (groups[i], CHECKS_GROUP))
      return invalid (src, groups[i], groups[i], error, _("this version knows no group [%s]"), groups[i]);
  for (i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strndup (keys[i], strcspn (keys[i], "["));
      gboolean known = FALSE;

      for (j = 0; j < G_N_ELEMENTS (known_keys); j++)
        known |= g_str_equal (base, known_keys[j]);
      /* A misspelt optional key would otherwise be ignored. */
      if (!known)
        return invalid (src, GROUP, keys[i], error, "%s", _("this version knows no such key"));
    }
  for (i = 0; checks != NULL && checks[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (j = 0; j < GP_CHECK_N; j++)
        known |= g_str_equal (checks[i], check_table[j].id);
      if (!known)
        return invalid (src, CHECKS_GROUP, checks[i], error, "%s", _("this version knows no such check"));
    }
  return TRUE;
}

static gboolean
parse_checks (const Source  *src,
              GpProfile     *profile,
              GError       **error)
{
  guint i;

  for (i = 0; i < GP_CHECK_N; i++)
    {
      double v[4];
      guint n;

      if (!get_numbers (src, CHECKS_GROUP, check_table[i].id, FALSE, -1e6, 1e6, 2, 4, v, &n, error))
        return FALSE;
      if (n == 0)
        continue;
      if (n == 3)
        return invalid (src, CHECKS_GROUP, check_table[i].id, error,
                        "%s", _("give min;max or min;max;good-min;good-max"));
      if (n == 2)
        {
          v[2] = v[0];
          v[3] = v[1];
        }
      if (!(v[0] <= v[2] && v[2] <= v[3] && v[3] <= v[1]))
        return invalid (src, CHECKS_GROUP, check_table[i].id, error, "%s",
                        _("the good range must lie inside min;max, each range smallest first"));
      profile->checks[i] = (GpCheckLimits) { v[0], v[1], v[2], v[3] };
    }
  return TRUE;
}

static gboolean
parse_profile (const Source  *src,
               GpProfile     *profile,
               GError       **error)
{
  double width[2], height[2], dpi, colour[3], quality, size[2];
  guint n, i;

  if (!g_key_file_has_group (src->keyfile, GROUP))
    return invalid (src, GROUP, "Width", error, "%s", _("the file has no [Profile] group"));
  if (!check_keys (src, error)
      || !get_range (src, "Width", 64, 8000, TRUE, width, error)
      || !get_range (src, "Height", 64, 8000, TRUE, height, error)
      || !get_numbers (src, GROUP, "Dpi", TRUE, 72, 2400, 1, 1, &dpi, &n, error)
      || !get_numbers (src, GROUP, "Background", TRUE, 0, 255, 3, 3, colour, &n, error)
      || !get_range (src, "HeadTop", 0, 8000, FALSE, profile->head_top, error)
      || !get_range (src, "EyeLine", 0, 8000, FALSE, profile->eye_line, error)
      || !get_range (src, "FaceWidth", 1, 8000, FALSE, profile->face_width, error)
      || !get_numbers (src, GROUP, "QualityMin", TRUE, 1, 100, 1, 1, &quality, &n, error)
      || !get_range (src, "FileSize", 1024, 1e9, TRUE, size, error)
      || !parse_checks (src, profile, error))
    return FALSE;

  profile->width_min = (int) width[0];
  profile->width_max = (int) width[1];
  profile->height_min = (int) height[0];
  profile->height_max = (int) height[1];
  profile->dpi = (int) dpi;
  for (i = 0; i < 3; i++)
    {
      if (colour[i] != floor (colour[i]))
        return invalid (src, GROUP, "Background", error, "%s", _("the values must be whole numbers"));
      profile->background[i] = (guint8) colour[i];
    }
  profile->quality_min = (int) quality;
  profile->file_size_min = (gsize) size[0];
  profile->file_size_max = (gsize) size[1];
  if (profile->head_top[1] >= profile->eye_line[0] || profile->eye_line[1] >= profile->height_min)
    return invalid (src, GROUP, "EyeLine", error,
                    _("the eye line must lie below the head top and inside the %d pixel height"),
                    profile->height_min);
  if (profile->face_width[1] > profile->width_min)
    return invalid (src, GROUP, "FaceWidth", error, _("the face cannot be wider than the photo (%d pixels)"),
                    profile->width_min);
  profile->title = g_key_file_get_locale_string (src->keyfile, GROUP, "Name", NULL, NULL);
  if (profile->title == NULL)
    profile->title = g_strdup (profile->name);
  return TRUE;
}

/**
 * gp_profile_load_file:
 * @path: a `.profile` keyfile
 * @error: return location for a #GP_PROFILE_ERROR
 *
 * Reads and checks a profile. A problem is reported with the file, the
 * line and the key, so whoever wrote the file can fix it.
 *
 * Returns: (transfer full): the profile, or %NULL
 */
GpProfile *
gp_profile_load_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GpProfile) profile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_auto(GStrv) lines = NULL;
  Source src = { path, keyfile, NULL };
  gsize length = 0;
  guint i;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, GP_PROFILE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? GP_PROFILE_ERROR_NOT_FOUND : GP_PROFILE_ERROR_INVALID,
                   _("Could not read the profile file: %s. Check that the file exists and can be read."),
                   local_error->message);
      return NULL;
    }
  src.lines = lines = g_strsplit (contents, "\n", -1);
  if (!g_key_file_load_from_data (keyfile, contents, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      guint bad = gp_keyfile_find_bad_line (lines);
      g_autofree char *text = g_strstrip (g_strdup (bad <= g_strv_length (lines) ? lines[bad - 1] : ""));

      g_set_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_INVALID,
                   /* Translators: file, line number, the line's text, then GLib's reason */
                   _("The profile file “%s”, line %u (“%s”): %s. Correct the file, or remove it."),
                   path, bad, text, local_error->message);
      return NULL;
    }

  profile = g_new0 (GpProfile, 1);
  for (i = 0; i < GP_CHECK_N; i++)
    profile->checks[i] = check_table[i].limits;
  basename = g_path_get_basename (path);
  profile->name = g_str_has_suffix (basename, SUFFIX)
                  ? g_strndup (basename, strlen (basename) - strlen (SUFFIX))
                  : g_strdup (basename);
  profile->path = g_strdup (path);
  if (!parse_profile (&src, profile, error))
    return NULL;
  return g_steal_pointer (&profile);
}

/**
 * gp_profile_list_names:
 *
 * Returns: (transfer full): the names of every profile found, sorted, the
 *   built-in default among them
 */
char **
gp_profile_list_names (void)
{
  g_auto(GStrv) found = gp_keyfile_dirs_list_names (SUBDIR, SUFFIX);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* The default is listed first when no file provides it. */
  if (!g_strv_contains ((const char * const *) found, GP_PROFILE_DEFAULT_NAME))
    g_strv_builder_add (builder, GP_PROFILE_DEFAULT_NAME);
  g_strv_builder_addv (builder, (const char **) found);
  return g_strv_builder_end (builder);
}

/**
 * gp_profile_load:
 * @name: (nullable): a profile name such as "chsi-blue"; %NULL for the default
 * @error: return location for a #GP_PROFILE_ERROR
 *
 * Loads the profile from the first folder of gp_keyfile_dirs_get() that
 * has it, so a user's file overrides a built-in one of the same name. A
 * malformed file is refused, not skipped.
 *
 * Returns: (transfer full): the profile, or %NULL
 */
GpProfile *
gp_profile_load (const char  *name,
                 GError     **error)
{
  g_auto(GStrv) dirs = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *available = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = GP_PROFILE_DEFAULT_NAME;
  if (*name == '\0' || *name == '.' || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      g_set_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_NOT_FOUND,
                   _("“%s” is not a profile name. Give the name of a profile file without “.profile”, such as %s."),
                   name, GP_PROFILE_DEFAULT_NAME);
      return NULL;
    }
  file = g_strconcat (name, SUFFIX, NULL);
  path = gp_keyfile_dirs_find (SUBDIR, file);
  if (path != NULL)
    return gp_profile_load_file (path, error);
  if (g_str_equal (name, GP_PROFILE_DEFAULT_NAME))
    return gp_profile_new_default ();

  dirs = gp_keyfile_dirs_get (SUBDIR);
  names = gp_profile_list_names ();
  available = g_strjoinv (", ", names);
  g_set_error (error, GP_PROFILE_ERROR, GP_PROFILE_ERROR_NOT_FOUND,
               _("There is no photo profile “%s”. Choose one of: %s; or add the file %s to %s."),
               name, available, file, dirs[0]);
  return NULL;
}
