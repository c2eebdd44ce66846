/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Photo sheets as PDF at the paper's exact size: a student's copies, or a
 * whole class in 学号 order, laid out by a GpLayout to be cut out and stuck
 * onto certificates, with labels that say whose they are. */
#define G_LOG_DOMAIN "gp-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "core/gp-durable.h"
#include "image/gp-jpeg.h"
#include "print/gp-sheet.h"

G_DEFINE_QUARK (gp-sheet-error-quark, gp_sheet_error)

#define PT_PER_MM     (72.0 / 25.4)
#define LABEL_GAP_MM  0.8   /* as in gp-layout.c: air between a photo and its label */
#define FONT_FAMILY   "Noto Sans CJK SC, Sans"

typedef struct {
  const GpLayout        *layout;
  GpLayoutGrid           grid;
  GByteArray            *pdf;
  cairo_surface_t       *surface;
  cairo_t               *cr;
  PangoContext          *context;
  PangoFontDescription  *label_font;
  PangoFontDescription  *header_font;
} Sheet;

/**
 * gp_sheet_count_pages:
 * @layout: (nullable): the layout; %NULL for the built-in default
 * @n_photos: how many photos go on the sheets
 *
 * Returns: the pages @n_photos photos take
 */
guint
gp_sheet_count_pages (const GpLayout *layout,
                      guint           n_photos)
{
  g_autoptr(GpLayout) fallback = layout == NULL ? gp_layout_new_default () : NULL;
  guint per_page = gp_layout_get_photos_per_page (layout != NULL ? layout : fallback);

  g_return_val_if_fail (per_page > 0, 0);
  return (n_photos + per_page - 1) / per_page;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo needs pixels, but with the JPEG attached as mime data the PDF
 * embeds the original bytes instead of re-encoding them. Decoding and
 * embedding the very same bytes means what was checked is what prints. */
static cairo_surface_t *
load_photo (const GpSheetPhoto  *photo,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpFrame) frame = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  cairo_surface_t *surface;
  char *contents = NULL;
  gsize length = 0;
  guint8 *pixels;
  int stride;
  int y;

  if (!g_file_get_contents (photo->photo_path, &contents, &length, &local_error))
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO,
                   _("Could not read the photo of %s (%s): %s. Check that the photo folder is available, or take the photo again."),
                   photo->name, photo->student_no, local_error->message);
      return NULL;
    }
  jpeg = g_bytes_new_take (contents, length);
  frame = gp_jpeg_decode (jpeg, &local_error);
  if (frame == NULL)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO,
                   _("The photo “%s” of %s (%s) cannot be printed: %s"),
                   photo->photo_path, photo->name, photo->student_no, local_error->message);
      return NULL;
    }
  g_assert (frame->format == GP_FRAME_RGB);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, frame->width, frame->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_RENDER,
                   _("Could not prepare the photo for printing: %s. Close other programs and try again."),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (y = 0; y < frame->height; y++)
    {
      const guint8 *src = frame->data + (gsize) y * frame->stride;
      guint32 *dst = (guint32 *) (gpointer) (pixels + (gsize) y * stride);
      int x;

      for (x = 0; x < frame->width; x++, src += 3)
        dst[x] = ((guint32) src[0] << 16) | ((guint32) src[1] << 8) | src[2];
    }
  cairo_surface_mark_dirty (surface);

  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                               g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  return surface;
}

static PangoFontDescription *
font_at (double   points,
         gboolean bold)
{
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) lround (points * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  return desc;
}

static void
sheet_begin (Sheet          *sheet,
             const GpLayout *layout,
             const char     *title)
{
  cairo_font_options_t *options;

  sheet->layout = layout;
  gp_layout_get_grid (layout, &sheet->grid);
  sheet->pdf = g_byte_array_new ();
  /* The page is the paper as fed, always: a landscape sheet is drawn turned. */
  sheet->surface = cairo_pdf_surface_create_for_stream (append_to_array, sheet->pdf,
                                                        layout->paper_width * PT_PER_MM,
                                                        layout->paper_height * PT_PER_MM);
  cairo_pdf_surface_set_metadata (sheet->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (sheet->surface, CAIRO_PDF_METADATA_CREATOR, "GradPhoto");
  sheet->cr = cairo_create (sheet->surface);
  sheet->context = pango_cairo_create_context (sheet->cr);

  /* Page units are points; metrics must not snap to a screen's pixel grid. */
  pango_cairo_context_set_resolution (sheet->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (sheet->context, options);
  cairo_font_options_destroy (options);

  sheet->label_font = font_at (layout->label_font_size, FALSE);
  sheet->header_font = font_at (layout->label_font_size + 1, TRUE);
}

static PangoLayout *
new_text (Sheet                      *sheet,
          const PangoFontDescription *font,
          const char                 *text,
          double                      width_mm)
{
  PangoLayout *layout = pango_layout_new (sheet->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width_mm * PT_PER_MM * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* Drawing is in millimetres on the sheet as laid out. */
static void
sheet_begin_page (Sheet      *sheet,
                  const char *header)
{
  cairo_t *cr = sheet->cr;
  const GpLayoutGrid *grid = &sheet->grid;

  cairo_identity_matrix (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (grid->landscape)
    {
      /* Turned 90° clockwise: the sheet's top runs down the paper's right edge. */
      cairo_translate (cr, sheet->layout->paper_width * PT_PER_MM, 0);
      cairo_rotate (cr, G_PI / 2);
    }
  cairo_scale (cr, PT_PER_MM, PT_PER_MM);

  if (sheet->layout->header && header != NULL)
    {
      g_autoptr(PangoLayout) text = new_text (sheet, sheet->header_font, header,
                                               grid->width - grid->margins[1] - grid->margins[3]);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, grid->margins[3], grid->margins[0]);
      cairo_scale (cr, 1 / PT_PER_MM, 1 / PT_PER_MM);
      pango_cairo_show_layout (cr, text);
      cairo_restore (cr);
    }
}

static char *
label_text (const GpLayout     *layout,
            const GpSheetPhoto *photo)
{
  GString *text = g_string_new (NULL);

  if ((layout->labels & GP_LABEL_NAME) != 0)
    g_string_append (text, photo->name);
  if ((layout->labels & GP_LABEL_STUDENT_NO) != 0)
    {
      if (text->len > 0)
        g_string_append (text, "  ");
      g_string_append (text, photo->student_no);
    }
  if ((layout->labels & GP_LABEL_CLASS) != 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, photo->class_name != NULL ? photo->class_name : "");
    }
  return g_string_free (text, FALSE);
}

/* Crop to fill, centred: the registrar cuts along the cell, so the photo must cover it. */
static void
sheet_draw_photo (Sheet              *sheet,
                  guint               cell,
                  cairo_surface_t    *image,
                  const GpSheetPhoto *photo)
{
  const GpLayout *layout = sheet->layout;
  const GpLayoutGrid *grid = &sheet->grid;
  cairo_t *cr = sheet->cr;
  double x = grid->x + (cell % grid->columns) * grid->step_x;
  double y = grid->y + (cell / grid->columns) * grid->step_y;
  double w = layout->photo_width, h = layout->photo_height;
  int iw = cairo_image_surface_get_width (image);
  int ih = cairo_image_surface_get_height (image);
  double scale = MAX (w / iw, h / ih);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  if (layout->cut_lines)
    {
      /* A hairline on the cell edge: visible enough to cut along, gone once cut. */
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.1);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  if (layout->labels != 0)
    {
      g_autofree char *text = label_text (layout, photo);
      /* As wide as the photo and the gap beside it, centred under the photo. */
      double label_w = grid->columns > 1 ? grid->step_x : w + layout->gap_x;
      g_autoptr(PangoLayout) label = new_text (sheet, sheet->label_font, text, label_w);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x + (w - label_w) / 2, y + h + LABEL_GAP_MM);
      cairo_scale (cr, 1 / PT_PER_MM, 1 / PT_PER_MM);
      pango_cairo_show_layout (cr, label);
      cairo_restore (cr);
    }
}

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->label_font, pango_font_description_free);
  g_clear_pointer (&sheet->header_font, pango_font_description_free);
  g_clear_object (&sheet->context);
  g_clear_pointer (&sheet->cr, cairo_destroy);
  g_clear_pointer (&sheet->surface, cairo_surface_destroy);
  g_clear_pointer (&sheet->pdf, g_byte_array_unref);
}

/* Finishes the PDF and saves it: the file appears complete or not at all. */
static gboolean
sheet_save (Sheet       *sheet,
            const char  *pdf_path,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  cairo_status_t status = cairo_status (sheet->cr);

  g_clear_pointer (&sheet->cr, cairo_destroy);
  cairo_surface_finish (sheet->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (sheet->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_RENDER,
                   _("Could not draw the photo sheet: %s. Close other programs and try again."),
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!gp_durable_write (pdf_path, sheet->pdf->data, sheet->pdf->len, &local_error))
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_WRITE,
                   _("The photo sheet was not saved. %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * gp_sheet_render_student:
 * @layout: (nullable): the layout; %NULL for the built-in 4×6 in default
 * @photo: the student's photo and identifying text
 * @pdf_path: where to save the sheet
 * @error: return location for a #GP_SHEET_ERROR
 *
 * Renders the layout's number of copies of one photo (as many as fit on a
 * page when that is 0), with cut lines and labels as the layout says. The
 * file appears complete or not at all.
 *
 * Returns: %TRUE if the sheet was saved
 */
gboolean
gp_sheet_render_student (const GpLayout      *layout,
                         const GpSheetPhoto  *photo,
                         const char          *pdf_path,
                         GError             **error)
{
  g_autoptr(GpLayout) fallback = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *image;
  Sheet sheet = { NULL, };
  guint per_page, copies, pages, page, i;
  gboolean saved;

  g_return_val_if_fail (photo != NULL, FALSE);
  g_return_val_if_fail (photo->photo_path != NULL, FALSE);
  g_return_val_if_fail (photo->name != NULL, FALSE);
  g_return_val_if_fail (photo->student_no != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (layout == NULL)
    layout = fallback = gp_layout_new_default ();
  image = load_photo (photo, error);
  if (image == NULL)
    return FALSE;

  per_page = gp_layout_get_photos_per_page (layout);
  copies = layout->copies > 0 ? layout->copies : per_page;
  pages = gp_sheet_count_pages (layout, copies);
  title = g_strdup_printf ("%s %s", photo->name, photo->student_no);
  sheet_begin (&sheet, layout, title);
  for (page = 0; page < pages; page++)
    {
      g_autofree char *header = NULL;

      /* The sheet goes to a Chinese registrar whatever the kiosk's language, so its
       * words are fixed rather than translated. */
      if (photo->class_name != NULL && photo->class_name[0] != '\0')
        header = g_strdup_printf ("%s　学号 %s　%s", photo->name, photo->student_no, photo->class_name);
      else
        header = g_strdup_printf ("%s　学号 %s", photo->name, photo->student_no);
      if (pages > 1)
        {
          char *numbered = g_strdup_printf ("%s　第 %u/%u 页", header, page + 1, pages);

          g_free (header);
          header = numbered;
        }
      sheet_begin_page (&sheet, header);
      for (i = 0; i < per_page && page * per_page + i < copies; i++)
        sheet_draw_photo (&sheet, i, image, photo);
      cairo_show_page (sheet.cr);
    }
  saved = sheet_save (&sheet, pdf_path, error);
  sheet_clear (&sheet);
  cairo_surface_destroy (image);
  return saved;
}

/**
 * gp_sheet_render_class:
 * @layout: (nullable): the layout; %NULL for the built-in 4×6 in default
 * @class_name: (nullable): the class, for the header
 * @photos: (array length=n_photos): one photo per student, in the order
 *   they go on the sheets (学号 order)
 * @n_photos: how many; at least one
 * @pdf_path: where to save the sheets
 * @error: return location for a #GP_SHEET_ERROR
 *
 * Renders one labelled copy of each photo, on as many pages as needed, each
 * page headed with the class and the page number.
 *
 * Returns: %TRUE if the sheets were saved
 */
gboolean
gp_sheet_render_class (const GpLayout      *layout,
                       const char          *class_name,
                       const GpSheetPhoto  *photos,
                       guint                n_photos,
                       const char          *pdf_path,
                       GError             **error)
{
  g_autoptr(GpLayout) fallback = NULL;
  Sheet sheet = { NULL, };
  guint per_page, pages, page, i;
  gboolean saved;

  g_return_val_if_fail (photos != NULL || n_photos == 0, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_photos == 0)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_EMPTY,
                   _("No student of class “%s” has a photo yet, so there is nothing to print. Photograph the class first."),
                   class_name != NULL ? class_name : "");
      return FALSE;
    }
  if (layout == NULL)
    layout = fallback = gp_layout_new_default ();

  per_page = gp_layout_get_photos_per_page (layout);
  pages = gp_sheet_count_pages (layout, n_photos);
  sheet_begin (&sheet, layout, class_name != NULL ? class_name : "GradPhoto");
  for (page = 0; page < pages; page++)
    {
      g_autofree char *header = NULL;

      /* Fixed Chinese, like the student sheet: it is for the registrar. */
      if (class_name != NULL && class_name[0] != '\0')
        header = g_strdup_printf ("%s　第 %u/%u 页　共 %u 人", class_name, page + 1, pages, n_photos);
      else
        header = g_strdup_printf ("第 %u/%u 页　共 %u 人", page + 1, pages, n_photos);
      sheet_begin_page (&sheet, header);
      for (i = 0; i < per_page && page * per_page + i < n_photos; i++)
        {
          const GpSheetPhoto *photo = &photos[page * per_page + i];
          /* cairo holds on to each photo it embeds; ours can go at once. */
          cairo_surface_t *image = load_photo (photo, error);

          if (image == NULL)
            {
              sheet_clear (&sheet);
              return FALSE;
            }
          sheet_draw_photo (&sheet, i, image, photo);
          cairo_surface_destroy (image);
        }
      cairo_show_page (sheet.cr);
    }
  saved = sheet_save (&sheet, pdf_path, error);
  sheet_clear (&sheet);
  return saved;
}
