/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_LAYOUT_ERROR (gp_layout_error_quark ())

typedef enum {
  GP_LAYOUT_ERROR_NOT_FOUND,  /* no layout file of that name */
  GP_LAYOUT_ERROR_INVALID,    /* the file is not a valid layout */
} GpLayoutError;

/* The layout every station has, also when no layout file is installed. */
#define GP_LAYOUT_DEFAULT_NAME "4x6-33x48"

typedef enum {
  GP_PAPER_4X6,
  GP_PAPER_5X7,
  GP_PAPER_A6,
  GP_PAPER_A4,
} GpPaper;

typedef enum {
  GP_LABEL_NAME       = 1 << 0,
  GP_LABEL_STUDENT_NO = 1 << 1,
  GP_LABEL_CLASS      = 1 << 2,
} GpLabelFields;

/* How photos go on a sheet. Lengths are millimetres on the paper as it is
 * fed (portrait); margins are top, right, bottom, left. */
typedef struct {
  char          *name;          /* the file name without .layout */
  char          *title;         /* Name= in the user's language */
  char          *path;          /* the file; NULL for the built-in default */
  GpPaper        paper;
  double         paper_width;
  double         paper_height;
  double         photo_width;
  double         photo_height;
  guint          copies;        /* per-student sheet; 0: as many as fit */
  double         margins[4];
  double         gap_x;         /* the smallest gap between photos */
  double         gap_y;
  gboolean       cut_lines;
  gboolean       header;        /* a line naming the student or class */
  GpLabelFields  labels;
  double         label_font_size;  /* points */
} GpLayout;

/* Where the photos go: worked out from a layout, in millimetres on the
 * sheet as drawn (turned 90° on the paper when @landscape). */
typedef struct {
  gboolean  landscape;
  guint     columns;
  guint     rows;
  double    width;          /* the sheet as drawn */
  double    height;
  double    margins[4];     /* top, right, bottom, left, as drawn */
  double    x;              /* the first photo's top-left corner */
  double    y;
  double    step_x;         /* from one photo to the next */
  double    step_y;
  double    header_height;  /* 0 without a header */
  double    label_height;   /* 0 without labels */
} GpLayoutGrid;

GQuark       gp_layout_error_quark    (void);

GpLayout    *gp_layout_new_default    (void);
GpLayout    *gp_layout_load_file      (const char      *path,
                                       GError         **error);
GpLayout    *gp_layout_load           (const char      *name,
                                       GError         **error);
char       **gp_layout_list_names     (void);
char       **gp_layout_get_dirs       (void);
void         gp_layout_get_grid       (const GpLayout  *layout,
                                       GpLayoutGrid    *grid);
guint        gp_layout_get_photos_per_page (const GpLayout *layout);
guint        gp_layout_get_label_lines (const GpLayout *layout);
GpLayout    *gp_layout_copy           (const GpLayout  *layout);
void         gp_layout_free           (GpLayout        *layout);

const char  *gp_paper_to_string       (GpPaper          paper);
const char  *gp_paper_get_pwg_name    (GpPaper          paper);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpLayout, gp_layout_free)

G_END_DECLS
