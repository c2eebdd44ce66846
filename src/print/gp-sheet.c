/* One 4×6 in PDF page of a student's diploma photos, laid out to be cut out
 * and stuck onto certificates, with labels that say whose they are. */
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

#define PT_PER_MM   (72.0 / 25.4)

/* Geometry in millimetres. 4×6 in is 288 × 432 pt exactly. */
#define PAGE_W_MM   101.6
#define PAGE_H_MM   152.4
#define PHOTO_W_MM  33.0   /* the usual diploma photo size */
#define PHOTO_H_MM  48.0
#define MARGIN_MM   5.0    /* most photo printers cannot print closer to the edge */
#define MIN_GAP_MM  3.0    /* room for a blade between two photos */
#define HEADER_H_MM 5.0
#define LABEL_H_MM  4.5    /* a 7 pt CJK line under the photo, plus air */
#define LABEL_GAP_MM 0.8

#define LABEL_FONT  "Noto Sans CJK SC, Sans 7"
#define HEADER_FONT "Noto Sans CJK SC, Sans Bold 8"

typedef struct {
  int    columns;
  int    rows;
  double gap_x;  /* mm between columns, and before the first */
  double gap_y;
} Layout;

static void
compute_layout (Layout *layout)
{
  double avail_w = PAGE_W_MM - 2 * MARGIN_MM;
  double avail_h = PAGE_H_MM - 2 * MARGIN_MM - HEADER_H_MM;
  double cell_h = PHOTO_H_MM + LABEL_H_MM;

  layout->columns = (int) floor ((avail_w + MIN_GAP_MM) / (PHOTO_W_MM + MIN_GAP_MM));
  layout->rows = (int) floor ((avail_h + MIN_GAP_MM) / (cell_h + MIN_GAP_MM));
  /* Spread the slack evenly: wider gaps are easier to cut, and no gap is below the minimum. */
  layout->gap_x = (avail_w - layout->columns * PHOTO_W_MM) / (layout->columns + 1);
  layout->gap_y = (avail_h - layout->rows * cell_h) / (layout->rows + 1);
}

/**
 * gp_sheet_copies_per_page:
 *
 * Returns: how many copies of the photo one sheet holds.
 */
guint
gp_sheet_copies_per_page (void)
{
  Layout layout;

  compute_layout (&layout);
  return (guint) (layout.columns * layout.rows);
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
 * embeds the original bytes instead of re-encoding them. */
static cairo_surface_t *
surface_from_jpeg (GBytes      *jpeg,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpFrame) frame = NULL;
  cairo_surface_t *surface;
  guint8 *pixels;
  int stride;
  int y;

  frame = gp_jpeg_decode (jpeg, &local_error);
  if (frame == NULL)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO,
                   _("The photo “%s” cannot be printed: %s"), path, local_error->message);
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

static PangoLayout *
new_text (PangoContext *context,
          const char   *font,
          const char   *text,
          double        width_mm)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width_mm * PT_PER_MM * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* Crop to fill, centred: the registrar cuts along the cell, so the photo must cover it. */
static void
draw_photo (cairo_t         *cr,
            cairo_surface_t *photo,
            double           x,
            double           y)
{
  double cell_w = PHOTO_W_MM * PT_PER_MM;
  double cell_h = PHOTO_H_MM * PT_PER_MM;
  int w = cairo_image_surface_get_width (photo);
  int h = cairo_image_surface_get_height (photo);
  double scale = MAX (cell_w / w, cell_h / h);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, cell_w, cell_h);
  cairo_clip (cr);
  cairo_translate (cr, x + (cell_w - w * scale) / 2, y + (cell_h - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, photo, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  /* A hairline on the cell edge: visible enough to cut along, gone once cut. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.3);
  cairo_rectangle (cr, x, y, cell_w, cell_h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_sheet (cairo_t            *cr,
            cairo_surface_t    *photo,
            const GpSheetPhoto *info)
{
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(PangoLayout) header = NULL;
  g_autoptr(PangoLayout) label = NULL;
  g_autofree char *header_text = NULL;
  g_autofree char *label_text = NULL;
  cairo_font_options_t *options;
  Layout layout;
  int row, column;

  compute_layout (&layout);

  /* Page units are points; metrics must not snap to a screen's pixel grid. */
  pango_cairo_context_set_resolution (context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  /* The sheet goes to a Chinese registrar whatever the kiosk's language, so its
   * words are fixed rather than translated. */
  if (info->class_name != NULL && info->class_name[0] != '\0')
    header_text = g_strdup_printf ("%s　学号 %s　%s", info->name, info->student_no, info->class_name);
  else
    header_text = g_strdup_printf ("%s　学号 %s", info->name, info->student_no);
  label_text = g_strdup_printf ("%s  %s", info->name, info->student_no);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  header = new_text (context, HEADER_FONT, header_text, PAGE_W_MM - 2 * MARGIN_MM);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, MARGIN_MM * PT_PER_MM, MARGIN_MM * PT_PER_MM);
  pango_cairo_show_layout (cr, header);

  label = new_text (context, LABEL_FONT, label_text, PHOTO_W_MM + layout.gap_x);
  for (row = 0; row < layout.rows; row++)
    for (column = 0; column < layout.columns; column++)
      {
        double x = MARGIN_MM + layout.gap_x + column * (PHOTO_W_MM + layout.gap_x);
        double y = MARGIN_MM + HEADER_H_MM + layout.gap_y
                   + row * (PHOTO_H_MM + LABEL_H_MM + layout.gap_y);

        draw_photo (cr, photo, x * PT_PER_MM, y * PT_PER_MM);
        cairo_set_source_rgb (cr, 0, 0, 0);
        cairo_move_to (cr, (x - layout.gap_x / 2) * PT_PER_MM,
                       (y + PHOTO_H_MM + LABEL_GAP_MM) * PT_PER_MM);
        pango_cairo_show_layout (cr, label);
      }
  g_object_unref (context);
}

/**
 * gp_sheet_render_student:
 * @photo: the student's photo and identifying text
 * @pdf_path: where to save the sheet
 * @error: return location for a #GP_SHEET_ERROR
 *
 * Renders one 4×6 in page with as many 33 × 48 mm copies of the photo as fit,
 * cut lines and labels. The file appears complete or not at all.
 *
 * Returns: %TRUE if the sheet was saved
 */
gboolean
gp_sheet_render_student (const GpSheetPhoto  *photo,
                         const char          *pdf_path,
                         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *image;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (photo != NULL, FALSE);
  g_return_val_if_fail (photo->photo_path != NULL, FALSE);
  g_return_val_if_fail (photo->name != NULL, FALSE);
  g_return_val_if_fail (photo->student_no != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Decode and embed the very same bytes, so what was checked is what prints. */
  if (!g_file_get_contents (photo->photo_path, &contents, &length, &local_error))
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_PHOTO,
                   _("Could not read the photo: %s. Check that the photo folder is available, or take the photo again."),
                   local_error->message);
      return FALSE;
    }
  jpeg = g_bytes_new_take (contents, length);
  image = surface_from_jpeg (jpeg, photo->photo_path, error);
  if (image == NULL)
    return FALSE;

  pdf = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf,
                                                 PAGE_W_MM * PT_PER_MM, PAGE_H_MM * PT_PER_MM);
  title = g_strdup_printf ("%s %s", photo->name, photo->student_no);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "GradPhoto");

  cr = cairo_create (surface);
  draw_sheet (cr, image, photo);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (image);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_RENDER,
                   _("Could not draw the photo sheet: %s. Close other programs and try again."),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (!gp_durable_write (pdf_path, pdf->data, pdf->len, &local_error))
    {
      g_set_error (error, GP_SHEET_ERROR, GP_SHEET_ERROR_WRITE,
                   _("The photo sheet was not saved. %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
