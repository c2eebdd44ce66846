/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Sheet layouts: the shipped files, user files overriding them, malformed
 * files refused with file, key and line, and the grid a layout gives. */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/gp-paths.h"
#include "print/gp-layout.h"

#include "gp-test-util.h"

/* XDG_DATA_HOME is read once per process: one root for the whole run. */
static char *root;
static char *builtin_dir;

typedef struct {
  char *data_layouts;  /* the data dir's layouts/ */
  char *xdg_layouts;   /* $XDG_DATA_HOME/gradphoto/layouts */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);

  gp_paths_set_data_dir (data_dir);
  f->data_layouts = g_build_filename (data_dir, "layouts", NULL);
  f->xdg_layouts = g_build_filename (root, "xdg", "gradphoto", "layouts", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->data_layouts, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (f->xdg_layouts, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *xdg = g_build_filename (root, "xdg", NULL);

  gp_test_remove_tree (data_dir);
  gp_test_remove_tree (xdg);
  g_free (f->data_layouts);
  g_free (f->xdg_layouts);
}

static char *
write_layout (const char *dir,
              const char *name,
              const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".layout", NULL);
  char *path = g_build_filename (dir, file, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

#define VALID_4X6 \
  "[Layout]\n" \
  "Paper=4x6\n" \
  "PhotoWidth=30\n" \
  "PhotoHeight=40\n"

/* ---- the shipped layouts ---------------------------------------------- */

static const struct {
  const char *name;
  GpPaper     paper;
  double      photo_width;
  double      photo_height;
  guint       copies;
  guint       per_page;
  gboolean    landscape;
  guint       label_lines;
} shipped[] = {
  { "4x6-33x48", GP_PAPER_4X6, 33, 48, 0, 4, FALSE, 1 },
  /* Six fit upright, eight across: the sheet turns. */
  { "5x7-35x49", GP_PAPER_5X7, 35, 49, 0, 8, TRUE, 1 },
  { "a6-33x48", GP_PAPER_A6, 33, 48, 0, 4, FALSE, 1 },
  { "a4-labels-25x35", GP_PAPER_A4, 25, 35, 4, 42, FALSE, 2 },
};

static void
test_shipped_load (Fixture *f, gconstpointer data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpLayout) layout = gp_layout_load (shipped[i].name, &error);
      g_autofree char *dir = NULL;
      GpLayoutGrid grid;

      g_assert_no_error (error);
      g_assert_nonnull (layout);
      g_test_message ("%s: %s", layout->name, layout->title);
      g_assert_cmpstr (layout->name, ==, shipped[i].name);
      dir = g_path_get_dirname (layout->path);
      g_assert_cmpstr (dir, ==, builtin_dir);
      g_assert_cmpint (layout->paper, ==, shipped[i].paper);
      g_assert_cmpfloat (layout->photo_width, ==, shipped[i].photo_width);
      g_assert_cmpfloat (layout->photo_height, ==, shipped[i].photo_height);
      g_assert_cmpuint (layout->copies, ==, shipped[i].copies);
      g_assert_true (layout->cut_lines);
      g_assert_cmpuint (gp_layout_get_label_lines (layout), ==, shipped[i].label_lines);
      gp_layout_get_grid (layout, &grid);
      g_assert_cmpuint (grid.columns * grid.rows, ==, shipped[i].per_page);
      g_assert_cmpint (grid.landscape, ==, shipped[i].landscape);
      g_assert_cmpstr (layout->title, !=, layout->name);
    }
}

/* The kiosk prints with the built-in default: it must be the shipped file. */
static void
test_default_matches_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (builtin_dir, GP_LAYOUT_DEFAULT_NAME ".layout", NULL);
  g_autoptr(GpLayout) file = gp_layout_load_file (path, &error);
  g_autoptr(GpLayout) builtin = gp_layout_new_default ();
  guint i;

  g_assert_no_error (error);
  g_assert_cmpstr (builtin->name, ==, file->name);
  g_assert_null (builtin->path);
  g_assert_cmpint (builtin->paper, ==, file->paper);
  g_assert_cmpfloat (builtin->paper_width, ==, file->paper_width);
  g_assert_cmpfloat (builtin->paper_height, ==, file->paper_height);
  g_assert_cmpfloat (builtin->photo_width, ==, file->photo_width);
  g_assert_cmpfloat (builtin->photo_height, ==, file->photo_height);
  g_assert_cmpuint (builtin->copies, ==, file->copies);
  for (i = 0; i < 4; i++)
    g_assert_cmpfloat (builtin->margins[i], ==, file->margins[i]);
  g_assert_cmpfloat (builtin->gap_x, ==, file->gap_x);
  g_assert_cmpfloat (builtin->gap_y, ==, file->gap_y);
  g_assert_cmpint (builtin->cut_lines, ==, file->cut_lines);
  g_assert_cmpint (builtin->header, ==, file->header);
  g_assert_cmpint (builtin->labels, ==, file->labels);
  g_assert_cmpfloat (builtin->label_font_size, ==, file->label_font_size);
}

static void
test_paper_names (void)
{
  static const struct {
    GpPaper     paper;
    const char *name;
    const char *pwg;
  } papers[] = {
    { GP_PAPER_4X6, "4x6", "na_index-4x6_4x6in" },
    { GP_PAPER_5X7, "5x7", "na_5x7_5x7in" },
    { GP_PAPER_A6, "A6", "iso_a6_105x148mm" },
    { GP_PAPER_A4, "A4", "iso_a4_210x297mm" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_assert_cmpstr (gp_paper_to_string (papers[i].paper), ==, papers[i].name);
      g_assert_cmpstr (gp_paper_get_pwg_name (papers[i].paper), ==, papers[i].pwg);
    }
}

/* ---- user layouts ----------------------------------------------------- */

static void
test_data_dir_overrides (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_layout (f->data_layouts, GP_LAYOUT_DEFAULT_NAME, VALID_4X6);
  g_autoptr(GpLayout) layout = gp_layout_load (GP_LAYOUT_DEFAULT_NAME, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (layout->path, ==, path);
  g_assert_cmpfloat (layout->photo_width, ==, 30);
  /* Name= is optional: the file name stands in. */
  g_assert_cmpstr (layout->title, ==, GP_LAYOUT_DEFAULT_NAME);
}

static void
test_xdg_dir_overrides (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = write_layout (f->xdg_layouts, "a6-33x48", VALID_4X6);
  g_autoptr(GpLayout) layout = gp_layout_load ("a6-33x48", &error);
  g_autoptr(GpLayout) again = NULL;
  g_autofree char *data_path = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (layout->path, ==, xdg);
  g_assert_cmpint (layout->paper, ==, GP_PAPER_4X6);

  /* The data dir is the station's own: it wins over the user's. */
  data_path = write_layout (f->data_layouts, "a6-33x48",
                            "[Layout]\nPaper=A6\nPhotoWidth=20\nPhotoHeight=30\n");
  again = gp_layout_load ("a6-33x48", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->path, ==, data_path);
  g_assert_cmpfloat (again->photo_width, ==, 20);
}

static void
test_new_user_layout (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_layout (f->data_layouts, "5x7-40x50",
                                        "# A school's own size\n"
                                        "[Layout]\n"
                                        "Name=5 × 7 in, 40 × 50 mm\n"
                                        "Name[zh_CN]=5×7 英寸，40×50 毫米\n"
                                        "Paper=5x7\n"
                                        "PhotoWidth=40\n"
                                        "PhotoHeight=50\n"
                                        "Copies=2\n"
                                        "Margins=4;5;6;7\n"
                                        "Gaps=2;4\n"
                                        "CutLines=false\n"
                                        "Header=false\n"
                                        "Labels=class\n"
                                        "LabelFontSize=9\n");
  g_autoptr(GpLayout) layout = gp_layout_load ("5x7-40x50", &error);
  g_auto(GStrv) names = gp_layout_list_names ();
  const char * const expected[] = {
    "4x6-33x48", "5x7-35x49", "5x7-40x50", "a4-labels-25x35", "a6-33x48", NULL,
  };

  g_assert_no_error (error);
  g_assert_cmpstr (layout->path, ==, path);
  g_assert_cmpuint (layout->copies, ==, 2);
  g_assert_cmpfloat (layout->margins[0], ==, 4);
  g_assert_cmpfloat (layout->margins[1], ==, 5);
  g_assert_cmpfloat (layout->margins[2], ==, 6);
  g_assert_cmpfloat (layout->margins[3], ==, 7);
  g_assert_cmpfloat (layout->gap_x, ==, 2);
  g_assert_cmpfloat (layout->gap_y, ==, 4);
  g_assert_false (layout->cut_lines);
  g_assert_false (layout->header);
  g_assert_cmpint (layout->labels, ==, GP_LABEL_CLASS);
  g_assert_cmpfloat (layout->label_font_size, ==, 9);
  g_assert_cmpstrv (names, expected);
}

static void
test_unknown_name (Fixture *f, gconstpointer data)
{
  static const char * const bad_names[] = { "letter-33x48", "../layouts/4x6-33x48", ".hidden", "" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpLayout) layout = gp_layout_load (bad_names[i], &error);

      g_assert_null (layout);
      g_assert_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_NOT_FOUND);
      g_test_message ("%s", error->message);
      if (i == 0)
        g_assert_nonnull (strstr (error->message, "4x6-33x48, 5x7-35x49, a4-labels-25x35, a6-33x48"));
    }
}

/* A station without installed layout files still prints its default sheet. */
static void
test_default_without_files (Fixture *f, gconstpointer data)
{
  g_autofree char *empty = g_build_filename (root, "data", "no-layouts-here", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpLayout) layout = NULL;
  g_autoptr(GpLayout) missing = NULL;

  g_setenv ("GRADPHOTO_DATADIR", empty, TRUE);
  layout = gp_layout_load (GP_LAYOUT_DEFAULT_NAME, &error);
  missing = gp_layout_load ("a6-33x48", NULL);
  g_setenv ("GRADPHOTO_DATADIR", g_getenv ("GP_TEST_DATADIR"), TRUE);

  g_assert_no_error (error);
  g_assert_null (layout->path);
  g_assert_cmpfloat (layout->photo_width, ==, 33);
  g_assert_null (missing);
}

/* ---- malformed layouts ------------------------------------------------ */

typedef struct {
  const char *test;
  const char *contents;
  const char *key;   /* NULL: a syntax error, which names the line's text instead */
  guint       line;
  const char *also;  /* more text the message must have */
} Malformed;

#define HEAD "# comment\n[Layout]\nPaper=4x6\n"

static const Malformed malformed[] = {
  { "/layout/malformed/not-a-number", HEAD "PhotoWidth=abc\nPhotoHeight=48\n", "PhotoWidth", 4, "abc" },
  { "/layout/malformed/unit-in-number", HEAD "PhotoWidth=33mm\nPhotoHeight=48\n", "PhotoWidth", 4, "33mm" },
  { "/layout/malformed/out-of-range", HEAD "PhotoWidth=33\nPhotoHeight=500\n", "PhotoHeight", 5, "500" },
  { "/layout/malformed/unknown-paper", "[Layout]\nPhotoWidth=33\nPhotoHeight=48\nPaper=Letter\n", "Paper", 4, "Letter" },
  { "/layout/malformed/missing-key", HEAD "PhotoWidth=33\n", "PhotoHeight", 2, NULL },
  { "/layout/malformed/unknown-key", HEAD "PhotoWidth=33\nPhotoHeight=48\n\nCutLine=false\n", "CutLine", 7, NULL },
  { "/layout/malformed/not-a-boolean", HEAD "PhotoWidth=33\nPhotoHeight=48\nCutLines=yes\n", "CutLines", 6, "yes" },
  { "/layout/malformed/unknown-label", HEAD "PhotoWidth=33\nPhotoHeight=48\nLabels=name;photo\n", "Labels", 6, "photo" },
  { "/layout/malformed/three-margins", HEAD "PhotoWidth=33\nPhotoHeight=48\nMargins=1;2;3\n", "Margins", 6, "1;2;3" },
  { "/layout/malformed/fractional-copies", HEAD "PhotoWidth=33\nPhotoHeight=48\nCopies=1.5\n", "Copies", 6, "1.5" },
  { "/layout/malformed/font-too-small", HEAD "PhotoWidth=33\nPhotoHeight=48\nLabelFontSize=2\n", "LabelFontSize", 6, NULL },
  { "/layout/malformed/does-not-fit", "[Layout]\nPaper=A6\nPhotoWidth=150\nPhotoHeight=48\n", "PhotoWidth", 3, "A6" },
  /* GKeyFile keeps the last of two: so is the line reported. */
  { "/layout/malformed/last-duplicate", HEAD "PhotoWidth=33\nPhotoHeight=48\nPhotoWidth=x\n", "PhotoWidth", 6, NULL },
  { "/layout/malformed/syntax", HEAD "PhotoWidth=33\nthis line is no key\nPhotoHeight=48\n", NULL, 5, "this line is no key" },
  { "/layout/malformed/no-group", "Paper=4x6\nPhotoWidth=33\n", NULL, 1, "Paper=4x6" },
  { "/layout/malformed/wrong-group", "[Sheet]\nPaper=4x6\n", "Paper", 1, NULL },
};

static void
test_malformed (Fixture *f, gconstpointer data)
{
  const Malformed *bad = data;
  g_autofree char *path = write_layout (f->data_layouts, "broken", bad->contents);
  g_autofree char *line = g_strdup_printf ("line %u", bad->line);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpLayout) layout = gp_layout_load ("broken", &error);

  g_assert_null (layout);
  g_assert_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, line));
  if (bad->key != NULL)
    {
      g_autofree char *key = g_strdup_printf ("key “%s”", bad->key);

      g_assert_nonnull (strstr (error->message, key));
    }
  if (bad->also != NULL)
    g_assert_nonnull (strstr (error->message, bad->also));
}

/* A broken user copy of a shipped layout is refused, not silently replaced. */
static void
test_malformed_override_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_layout (f->data_layouts, GP_LAYOUT_DEFAULT_NAME, HEAD "PhotoWidth=33\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GpLayout) layout = gp_layout_load (GP_LAYOUT_DEFAULT_NAME, &error);

  g_assert_null (layout);
  g_assert_error (error, GP_LAYOUT_ERROR, GP_LAYOUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
}

/* ---- grids ------------------------------------------------------------ */

static GpLayout *
layout_with (GpPaper paper, double width, double height, double photo_w, double photo_h)
{
  GpLayout *layout = gp_layout_new_default ();

  layout->paper = paper;
  layout->paper_width = width;
  layout->paper_height = height;
  layout->photo_width = photo_w;
  layout->photo_height = photo_h;
  return layout;
}

static void
test_grid_default (void)
{
  g_autoptr(GpLayout) layout = gp_layout_new_default ();
  GpLayoutGrid grid;

  /* 2 × 33 mm across 91.6 mm; a third row would need 3 × 48 mm and labels > 137 mm. */
  gp_layout_get_grid (layout, &grid);
  g_assert_false (grid.landscape);
  g_assert_cmpuint (grid.columns, ==, 2);
  g_assert_cmpuint (grid.rows, ==, 2);
  g_assert_cmpfloat (grid.width, ==, 101.6);
  g_assert_cmpfloat (grid.height, ==, 152.4);
  g_assert_cmpuint (gp_layout_get_photos_per_page (layout), ==, 4);
}

/* Landscape photos on 4×6 in: one column of three upright, three columns of two across. */
static void
test_grid_landscape_when_more (void)
{
  g_autoptr(GpLayout) layout = layout_with (GP_PAPER_4X6, 101.6, 152.4, 45, 30);
  GpLayoutGrid grid;

  gp_layout_get_grid (layout, &grid);
  g_assert_true (grid.landscape);
  g_assert_cmpfloat (grid.width, ==, 152.4);
  g_assert_cmpfloat (grid.height, ==, 101.6);
  g_assert_cmpuint (grid.columns, ==, 3);
  g_assert_cmpuint (grid.rows, ==, 2);
}

/* Turning the sheet moves the paper's margins with it. */
static void
test_grid_landscape_margins (void)
{
  g_autoptr(GpLayout) layout = layout_with (GP_PAPER_4X6, 101.6, 152.4, 45, 30);
  GpLayoutGrid grid;

  layout->margins[0] = 1;
  layout->margins[1] = 6;
  layout->margins[2] = 3;
  layout->margins[3] = 4;
  gp_layout_get_grid (layout, &grid);
  g_assert_true (grid.landscape);
  /* Turned clockwise: the paper's right edge is the sheet's top. */
  g_assert_cmpfloat (grid.margins[0], ==, 6);
  g_assert_cmpfloat (grid.margins[1], ==, 3);
  g_assert_cmpfloat (grid.margins[2], ==, 4);
  g_assert_cmpfloat (grid.margins[3], ==, 1);
}

/* Every photo inside the margins, below the header, no two closer than the gap. */
static void
test_grid_inside_and_apart (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (shipped); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GpLayout) layout = gp_layout_load (shipped[i].name, &error);
      GpLayoutGrid grid;
      double right, bottom;

      g_assert_no_error (error);
      gp_layout_get_grid (layout, &grid);
      right = grid.x + (grid.columns - 1) * grid.step_x + layout->photo_width;
      bottom = grid.y + (grid.rows - 1) * grid.step_y + layout->photo_height + grid.label_height;
      g_assert_cmpfloat (grid.x, >=, grid.margins[3]);
      g_assert_cmpfloat (grid.y, >=, grid.margins[0] + grid.header_height);
      g_assert_cmpfloat (right, <=, grid.width - grid.margins[1] + 1e-9);
      g_assert_cmpfloat (bottom, <=, grid.height - grid.margins[2] + 1e-9);
      if (grid.columns > 1)
        g_assert_cmpfloat (grid.step_x - layout->photo_width, >=, layout->gap_x - 1e-9);
      if (grid.rows > 1)
        g_assert_cmpfloat (grid.step_y - layout->photo_height - grid.label_height, >=, layout->gap_y - 1e-9);
    }
}

/* Spreading the slack evenly would squeeze a wide gap below its minimum. */
static void
test_grid_wide_gap_kept (void)
{
  g_autoptr(GpLayout) layout = gp_layout_new_default ();
  GpLayoutGrid grid;

  layout->gap_x = 20;
  gp_layout_get_grid (layout, &grid);
  g_assert_cmpuint (grid.columns, ==, 2);
  g_assert_cmpfloat (grid.step_x - layout->photo_width, >=, 20);
  g_assert_cmpfloat (grid.x, >=, layout->margins[3]);
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shipped_data = NULL;
  g_autofree char *xdg = NULL;
  int status;
  guint i;

  g_test_init (&argc, &argv, NULL);

  /* Set before any thread exists: setenv is not thread-safe. */
  root = g_dir_make_tmp ("gp-layout-XXXXXX", &error);
  g_assert_no_error (error);
  xdg = g_build_filename (root, "xdg", NULL);
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  shipped_data = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  builtin_dir = g_build_filename (shipped_data, "layouts", NULL);
  g_setenv ("GRADPHOTO_DATADIR", shipped_data, TRUE);
  g_setenv ("GP_TEST_DATADIR", shipped_data, TRUE);

  g_test_add_func ("/layout/paper/names", test_paper_names);
  ADD ("/layout/shipped/load", test_shipped_load, NULL);
  ADD ("/layout/shipped/default-is-built-in", test_default_matches_file, NULL);
  ADD ("/layout/shipped/default-without-files", test_default_without_files, NULL);
  ADD ("/layout/user/data-dir-overrides", test_data_dir_overrides, NULL);
  ADD ("/layout/user/xdg-dir-overrides", test_xdg_dir_overrides, NULL);
  ADD ("/layout/user/new-layout-listed", test_new_user_layout, NULL);
  ADD ("/layout/user/unknown-name", test_unknown_name, NULL);
  ADD ("/layout/user/malformed-override-refused", test_malformed_override_refused, NULL);
  for (i = 0; i < G_N_ELEMENTS (malformed); i++)
    ADD (malformed[i].test, test_malformed, &malformed[i]);
  g_test_add_func ("/layout/grid/default-two-by-two", test_grid_default);
  g_test_add_func ("/layout/grid/landscape-when-more", test_grid_landscape_when_more);
  g_test_add_func ("/layout/grid/landscape-margins-turn", test_grid_landscape_margins);
  g_test_add_func ("/layout/grid/wide-gap-kept", test_grid_wide_gap_kept);
  g_test_add_func ("/layout/grid/inside-margins-and-apart", test_grid_inside_and_apart);

  status = g_test_run ();
  gp_test_remove_tree (root);
  g_free (root);
  g_free (builtin_dir);
  return status;
}
