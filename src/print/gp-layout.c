/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Sheet layouts: keyfiles in data/layouts/ that users can override or add
 * to, and the grid of photos a layout gives on its paper. */
#define G_LOG_DOMAIN "gp-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/gp-keyfile-dirs.h"
#include "print/gp-layout.h"

G_DEFINE_QUARK (gp-layout-error-quark, gp_layout_error)

#define GROUP        "Layout"
#define SUFFIX       ".layout"
#define PT_PER_MM    (72.0 / 25.4)
/* Noto Sans CJK's line height is 1.448 em. */
#define LINE_EM      1.45
#define LABEL_GAP_MM 0.8   /* air between a photo and its label */
#define HEADER_GAP_MM 1.0

static const struct {
  const char *keyword;
  double      width;
  double      height;
  const char *pwg;
} papers[] = {
  [GP_PAPER_4X6] = { "4x6", 101.6, 152.4, "na_index-4x6_4x6in" },
  [GP_PAPER_5X7] = { "5x7", 127.0, 177.8, "na_5x7_5x7in" },
  [GP_PAPER_A6] = { "A6", 105.0, 148.0, "iso_a6_105x148mm" },
  [GP_PAPER_A4] = { "A4", 210.0, 297.0, "iso_a4_210x297mm" },
};

static const struct {
  const char    *keyword;
  GpLabelFields  field;
} label_fields[] = {
  { "name", GP_LABEL_NAME },
  { "student_no", GP_LABEL_STUDENT_NO },
  { "class", GP_LABEL_CLASS },
};

static const char * const known_keys[] = {
  "Name", "Paper", "PhotoWidth", "PhotoHeight", "Copies", "Margins", "Gaps",
  "CutLines", "Header", "Labels", "LabelFontSize",
};

const char *
gp_paper_to_string (GpPaper paper)
{
  g_return_val_if_fail ((guint) paper < G_N_ELEMENTS (papers), NULL);

  return papers[paper].keyword;
}

/**
 * gp_paper_get_pwg_name:
 *
 * Returns: the IPP (PWG 5101.1) media name of @paper, as CUPS knows it
 */
const char *
gp_paper_get_pwg_name (GpPaper paper)
{
  g_return_val_if_fail ((guint) paper < G_N_ELEMENTS (papers), NULL);

  return papers[paper].pwg;
}

/* The same values as data/layouts/4x6-33x48.layout; a test keeps them equal. */
GpLayout *
gp_layout_new_default (void)
{
  GpLayout *layout = g_new0 (GpLayout, 1);
  guint i;

  layout->name = g_strdup (GP_LAYOUT_DEFAULT_NAME);
  layout->title = g_strdup (_("4 × 6 in sheet, 33 × 48 mm photos"));
  layout->paper = GP_PAPER_4X6;
  layout->paper_width = papers[GP_PAPER_4X6].width;
  layout->paper_height = papers[GP_PAPER_4X6].height;
  layout->photo_width = 33.0;
  layout->photo_height = 48.0;
  layout->copies = 0;
  for (i = 0; i < 4; i++)
    layout->margins[i] = 5.0;
  layout->gap_x = layout->gap_y = 3.0;
  layout->cut_lines = TRUE;
  layout->header = TRUE;
  layout->labels = GP_LABEL_NAME | GP_LABEL_STUDENT_NO;
  layout->label_font_size = 7.0;
  return layout;
}

GpLayout *
gp_layout_copy (const GpLayout *layout)
{
  GpLayout *copy;

  g_return_val_if_fail (layout != NULL, NULL);

  copy = g_memdup2 (layout, sizeof *layout);
  copy->name = g_strdup (layout->name);
  copy->title = g_strdup (layout->title);
  copy->path = g_strdup (layout->path);
  return copy;
}

void
gp_layout_free (GpLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->name);
  g_free (layout->title);
  g_free (layout->path);
  g_free (layout);
}

guint
gp_layout_get_label_lines (const GpLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  /* Name and 学号 share a line; the class gets its own. */
  return ((layout->labels & (GP_LABEL_NAME | GP_LABEL_STUDENT_NO)) != 0 ? 1 : 0)
         + ((layout->labels & GP_LABEL_CLASS) != 0 ? 1 : 0);
}

/* Fits @count items of @size with at least @gap between them into @avail;
 * the slack is spread evenly, edges included, as wide gaps are easier to cut. */
static guint
fit_line (double  avail,
          double  size,
          double  gap,
          double *start,
          double *step)
{
  /* A hair of tolerance, so 2 × 48 + 3 fits into exactly 99 mm. */
  guint count = (guint) MAX (0.0, floor ((avail + gap + 1e-6) / (size + gap)));
  double spread;

  if (count == 0)
    {
      *start = *step = 0;
      return 0;
    }
  spread = (avail - count * size) / (count + 1);
  if (spread >= gap)
    {
      *start = spread;
      *step = size + spread;
    }
  else
    {
      *start = (avail - count * size - (count - 1) * gap) / 2;
      *step = size + gap;
    }
  return count;
}

static void
grid_for (const GpLayout *layout,
          gboolean        landscape,
          GpLayoutGrid   *grid)
{
  const double *m = layout->margins;
  double avail_w, avail_h, start_x, start_y;
  guint lines = gp_layout_get_label_lines (layout);

  memset (grid, 0, sizeof *grid);
  grid->landscape = landscape;
  if (!landscape)
    {
      grid->width = layout->paper_width;
      grid->height = layout->paper_height;
      memcpy (grid->margins, m, sizeof grid->margins);
    }
  else
    {
      /* Turned 90° clockwise: the paper's right edge is the sheet's top. */
      grid->width = layout->paper_height;
      grid->height = layout->paper_width;
      grid->margins[0] = m[1];
      grid->margins[1] = m[2];
      grid->margins[2] = m[3];
      grid->margins[3] = m[0];
    }
  if (layout->header)
    grid->header_height = (layout->label_font_size + 1) * LINE_EM / PT_PER_MM + HEADER_GAP_MM;
  if (lines > 0)
    grid->label_height = lines * layout->label_font_size * LINE_EM / PT_PER_MM + LABEL_GAP_MM;

  avail_w = grid->width - grid->margins[1] - grid->margins[3];
  avail_h = grid->height - grid->margins[0] - grid->margins[2] - grid->header_height;
  grid->columns = fit_line (avail_w, layout->photo_width, layout->gap_x, &start_x, &grid->step_x);
  grid->rows = fit_line (avail_h, layout->photo_height + grid->label_height, layout->gap_y,
                         &start_y, &grid->step_y);
  if (grid->columns == 0 || grid->rows == 0)
    grid->columns = grid->rows = 0;
  grid->x = grid->margins[3] + start_x;
  grid->y = grid->margins[0] + grid->header_height + start_y;
}

/**
 * gp_layout_get_grid:
 *
 * Works out where the photos go. The sheet is turned to landscape only when
 * that fits more photos on a page.
 */
void
gp_layout_get_grid (const GpLayout *layout,
                    GpLayoutGrid   *grid)
{
  GpLayoutGrid landscape;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (grid != NULL);

  grid_for (layout, FALSE, grid);
  grid_for (layout, TRUE, &landscape);
  if (landscape.columns * landscape.rows > grid->columns * grid->rows)
    *grid = landscape;
}

guint
gp_layout_get_photos_per_page (const GpLayout *layout)
{
  GpLayoutGrid grid;

  g_return_val_if_fail (layout != NULL, 0);

  gp_layout_get_grid (layout, &grid);
  return grid.columns * grid.rows;
}

/* ---- Loading ---------------------------------------------------------- */

typedef struct {
  const char  *path;
  GKeyFile    *keyfile;
  char       **lines;
} Source;

static guint
find_line (const Source *src,
           const char   *key)
{
  return gp_keyfile_find_key_line (src->lines, GROUP, key);
}

G_GNUC_PRINTF (4, 5)
static gboolean
invalid (const Source  *src,
         const char    *key,
         GError       **error,
         const char    *format,
         ...)
{
  g_autofree char *problem = NULL;
  va_list ap;
  guint line = find_line (src, key);

  va_start (ap, format);
  problem = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* A missing key has no line of its own: point at its group. */
  if (line == 0)
    line = MAX (find_line (src, NULL), 1);
  g_set_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_INVALID,
               /* Translators: file, line number, key, then what is wrong with it */
               _("The layout file “%s”, line %u, key “%s”: %s. Correct the file, or remove it."),
               src->path, line, key, problem);
  return FALSE;
}

/* NULL with no error when an optional key is absent. */
static char *
get_value (const Source  *src,
           const char    *key,
           gboolean       required,
           GError       **error)
{
  char *value = g_key_file_get_value (src->keyfile, GROUP, key, NULL);

  if (value == NULL && required)
    invalid (src, key, error, "%s", _("the key is missing"));
  return value != NULL ? g_strstrip (value) : NULL;
}

static gboolean
get_numbers (const Source  *src,
             const char    *key,
             gboolean       required,
             double         fallback,
             double         min,
             double         max,
             guint          n_allowed_a,
             guint          n_allowed_b,
             double        *values,
             guint         *n_values,
             GError       **error)
{
  g_autofree char *value = get_value (src, key, required, error);
  g_auto(GStrv) parts = NULL;
  guint n, i;

  if (value == NULL)
    {
      if (required)
        return FALSE;
      values[0] = fallback;
      *n_values = 1;
      return TRUE;
    }
  parts = gp_keyfile_split_list (value, &n);
  if (n != n_allowed_a && n != n_allowed_b)
    {
      if (n_allowed_a == n_allowed_b)
        return invalid (src, key, error, _("“%s” is not one number"), value);
      return invalid (src, key, error, _("“%s” must be %u or %u numbers separated by “;”"),
                      value, n_allowed_a, n_allowed_b);
    }
  for (i = 0; i < n; i++)
    {
      g_autofree char *problem = NULL;

      if (!gp_keyfile_parse_number (parts[i], min, max, &values[i], &problem))
        return invalid (src, key, error, "%s", problem);
    }
  *n_values = n;
  return TRUE;
}

static gboolean
get_number (const Source  *src,
            const char    *key,
            gboolean       required,
            double         fallback,
            double         min,
            double         max,
            double        *value,
            GError       **error)
{
  guint n;

  return get_numbers (src, key, required, fallback, min, max, 1, 1, value, &n, error);
}

static gboolean
get_boolean (const Source  *src,
             const char    *key,
             gboolean       fallback,
             gboolean      *result,
             GError       **error)
{
  g_autofree char *value = get_value (src, key, FALSE, error);

  if (value == NULL)
    *result = fallback;
  else if (g_str_equal (value, "true"))
    *result = TRUE;
  else if (g_str_equal (value, "false"))
    *result = FALSE;
  else
    return invalid (src, key, error, _("“%s” is neither true nor false"), value);
  return TRUE;
}

static gboolean
get_paper (const Source  *src,
           GpLayout      *layout,
           GError       **error)
{
  g_autofree char *value = get_value (src, "Paper", TRUE, error);
  guint i;

  if (value == NULL)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (value, papers[i].keyword) == 0)
      {
        layout->paper = (GpPaper) i;
        layout->paper_width = papers[i].width;
        layout->paper_height = papers[i].height;
        return TRUE;
      }
  return invalid (src, "Paper", error, _("“%s” is not a paper size this version knows (4x6, 5x7, A6, A4)"),
                  value);
}

static gboolean
get_labels (const Source  *src,
            GpLayout      *layout,
            GError       **error)
{
  g_autofree char *value = get_value (src, "Labels", FALSE, error);
  g_auto(GStrv) parts = NULL;
  guint i, j;

  if (value == NULL)
    {
      layout->labels = GP_LABEL_NAME | GP_LABEL_STUDENT_NO;
      return TRUE;
    }
  layout->labels = 0;
  parts = g_strsplit (value, ";", -1);
  for (i = 0; parts[i] != NULL; i++)
    {
      char *field = g_strstrip (parts[i]);
      gboolean known = FALSE;

      if (*field == '\0')
        continue;
      for (j = 0; j < G_N_ELEMENTS (label_fields); j++)
        if (g_str_equal (field, label_fields[j].keyword))
          {
            layout->labels |= label_fields[j].field;
            known = TRUE;
          }
      if (!known)
        return invalid (src, "Labels", error,
                        _("“%s” is not a label field (name, student_no, class)"), field);
    }
  return TRUE;
}

static gboolean
check_keys (const Source  *src,
            GError       **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, GROUP, NULL, NULL);
  guint i, j;

  for (i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strndup (keys[i], strcspn (keys[i], "["));
      gboolean known = FALSE;

      for (j = 0; j < G_N_ELEMENTS (known_keys); j++)
        known |= g_str_equal (base, known_keys[j]);
      /* A misspelt optional key would otherwise print with the default. */
      if (!known)
        return invalid (src, keys[i], error, "%s", _("this version knows no such key"));
    }
  return TRUE;
}

static gboolean
parse_layout (const Source  *src,
              GpLayout      *layout,
              GError       **error)
{
  double copies, margins[4], gaps[2];
  guint n_margins, n_gaps, i;

  if (!g_key_file_has_group (src->keyfile, GROUP))
    return invalid (src, "Paper", error, "%s", _("the file has no [Layout] group"));
  if (!check_keys (src, error)
      || !get_paper (src, layout, error)
      || !get_number (src, "PhotoWidth", TRUE, 0, 10, 200, &layout->photo_width, error)
      || !get_number (src, "PhotoHeight", TRUE, 0, 10, 200, &layout->photo_height, error)
      || !get_number (src, "Copies", FALSE, 0, 0, 100, &copies, error)
      || !get_numbers (src, "Margins", FALSE, 5, 0, 50, 1, 4, margins, &n_margins, error)
      || !get_numbers (src, "Gaps", FALSE, 3, 0, 50, 1, 2, gaps, &n_gaps, error)
      || !get_boolean (src, "CutLines", TRUE, &layout->cut_lines, error)
      || !get_boolean (src, "Header", TRUE, &layout->header, error)
      || !get_labels (src, layout, error)
      || !get_number (src, "LabelFontSize", FALSE, 7, 4, 24, &layout->label_font_size, error))
    return FALSE;

  if (copies != floor (copies))
    return invalid (src, "Copies", error, _("%g is not a whole number"), copies);
  layout->copies = (guint) copies;
  for (i = 0; i < 4; i++)
    layout->margins[i] = margins[n_margins == 4 ? i : 0];
  layout->gap_x = gaps[0];
  layout->gap_y = gaps[n_gaps == 2 ? 1 : 0];

  if (gp_layout_get_photos_per_page (layout) == 0)
    return invalid (src, "PhotoWidth", error,
                    _("a %g × %g mm photo with its label does not fit inside the margins of %s paper"),
                    layout->photo_width, layout->photo_height, papers[layout->paper].keyword);
  layout->title = g_key_file_get_locale_string (src->keyfile, GROUP, "Name", NULL, NULL);
  if (layout->title == NULL)
    layout->title = g_strdup (layout->name);
  return TRUE;
}

/**
 * gp_layout_load_file:
 * @path: a `.layout` keyfile
 * @error: return location for a #GP_LAYOUT_ERROR
 *
 * Reads and checks a layout. A problem is reported with the file, the line
 * and the key, so whoever wrote the file can fix it.
 *
 * Returns: (transfer full): the layout, or %NULL
 */
GpLayout *
gp_layout_load_file (const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GpLayout) layout = g_new0 (GpLayout, 1);
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_auto(GStrv) lines = NULL;
  Source src = { path, keyfile, NULL };
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, GP_LAYOUT_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? GP_LAYOUT_ERROR_NOT_FOUND : GP_LAYOUT_ERROR_INVALID,
                   _("Could not read the layout file: %s. Check that the file exists and can be read."),
                   local_error->message);
      return NULL;
    }
  src.lines = lines = g_strsplit (contents, "\n", -1);
  if (!g_key_file_load_from_data (keyfile, contents, length, G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    {
      guint bad = gp_keyfile_find_bad_line (lines);
      g_autofree char *text = g_strstrip (g_strdup (bad <= g_strv_length (lines) ? lines[bad - 1] : ""));

      g_set_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_INVALID,
                   /* Translators: file, line number, the line's text, then GLib's reason */
                   _("The layout file “%s”, line %u (“%s”): %s. Correct the file, or remove it."),
                   path, bad, text, local_error->message);
      return NULL;
    }

  basename = g_path_get_basename (path);
  layout->name = g_str_has_suffix (basename, SUFFIX)
                 ? g_strndup (basename, strlen (basename) - strlen (SUFFIX))
                 : g_strdup (basename);
  layout->path = g_strdup (path);
  if (!parse_layout (&src, layout, error))
    return NULL;
  return g_steal_pointer (&layout);
}

/**
 * gp_layout_get_dirs:
 *
 * The folders searched for layouts, the first winning: see
 * gp_keyfile_dirs_get().
 *
 * Returns: (transfer full): the folders
 */
char **
gp_layout_get_dirs (void)
{
  return gp_keyfile_dirs_get ("layouts");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * gp_layout_list_names:
 *
 * Returns: (transfer full): the names of every layout found, sorted
 */
char **
gp_layout_list_names (void)
{
  g_auto(GStrv) found = gp_keyfile_dirs_list_names ("layouts", SUFFIX);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_strv_builder_addv (builder, (const char **) found);
  if (!g_strv_contains ((const char * const *) found, GP_LAYOUT_DEFAULT_NAME))
    g_strv_builder_add (builder, GP_LAYOUT_DEFAULT_NAME);
  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

/**
 * gp_layout_load:
 * @name: a layout name such as "4x6-33x48"
 * @error: return location for a #GP_LAYOUT_ERROR
 *
 * Loads the layout from the first folder of gp_layout_get_dirs() that has
 * it, so a user's file overrides a built-in one of the same name. A
 * malformed file is refused, not skipped. The default layout is built in
 * too, for when no file is installed.
 *
 * Returns: (transfer full): the layout, or %NULL
 */
GpLayout *
gp_layout_load (const char  *name,
                GError     **error)
{
  g_auto(GStrv) dirs = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *available = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*name == '\0' || *name == '.' || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      g_set_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_NOT_FOUND,
                   _("“%s” is not a layout name. Give the name of a layout file without “.layout”, such as %s."),
                   name, GP_LAYOUT_DEFAULT_NAME);
      return NULL;
    }

  file = g_strconcat (name, SUFFIX, NULL);
  path = gp_keyfile_dirs_find ("layouts", file);
  if (path != NULL)
    return gp_layout_load_file (path, error);
  if (g_str_equal (name, GP_LAYOUT_DEFAULT_NAME))
    return gp_layout_new_default ();

  dirs = gp_layout_get_dirs ();
  names = gp_layout_list_names ();
  available = g_strjoinv (", ", names);
  g_set_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_NOT_FOUND,
               _("There is no layout “%s”. Choose one of: %s; or add the file %s to %s."),
               name, available, file, dirs[0]);
  return NULL;
}
