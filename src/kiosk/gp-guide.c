/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The framing overlay drawn over the live preview: where the crop falls,
 * where the head top and the eyes must be (photo standard, 480 × 640). */
#define G_LOG_DOMAIN "gp-guide"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "kiosk/gp-guide.h"

/* Bands of the national standard, as fractions of the 640-pixel height. */
#define HEAD_TOP_MIN (50.0 / 640.0)
#define HEAD_TOP_MAX (110.0 / 640.0)
#define EYES_MIN (200.0 / 640.0)
#define EYES_MAX (300.0 / 640.0)

/* @px: the type's height in pixels. */
static void
draw_label (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      px)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  /* White on a dark shadow reads on any backdrop. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_move_to (cr, x + 2, y + 2);
  pango_cairo_show_layout (cr, layout);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_band (cairo_t    *cr,
           double      x,
           double      w,
           double      top,
           double      bottom,
           const char *label)
{
  cairo_set_source_rgba (cr, 0.2, 0.9, 0.4, 0.18);
  cairo_rectangle (cr, x, top, w, bottom - top);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.2, 0.9, 0.4, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, (double[]) { 10, 6 }, 2, 0);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x + w, top);
  cairo_move_to (cr, x, bottom);
  cairo_line_to (cr, x + w, bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* The labels grow with the preview, so they read on a 4K screen too. */
  draw_label (cr, label, x + 8, top + 4, MAX (20.0, w / 16.0));
}

void
gp_guide_draw (cairo_t *cr,
               int      width,
               int      height,
               int      frame_width,
               int      frame_height,
               GpPhase  phase)
{
  double scale, pic_w, pic_h, pic_x, pic_y, crop_w, crop_x;

  if (frame_width <= 0 || frame_height <= 0)
    return;

  /* The preview keeps the picture's aspect ratio, centred in the widget. */
  scale = MIN ((double) width / frame_width, (double) height / frame_height);
  pic_w = frame_width * scale;
  pic_h = frame_height * scale;
  pic_x = (width - pic_w) / 2;
  pic_y = (height - pic_h) / 2;

  if (phase == GP_PHASE_WAITING)
    {
      double side = pic_h * 0.75;

      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 6);
      cairo_rectangle (cr, (width - side) / 2, (height - side) / 2, side, side);
      cairo_stroke (cr);
      return;
    }

  /* The crop is the centred 3:4 portrait of the whole height. */
  crop_w = MIN (pic_w, pic_h * 3.0 / 4.0);
  crop_x = pic_x + (pic_w - crop_w) / 2;

  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_rectangle (cr, pic_x, pic_y, crop_x - pic_x, pic_h);
  cairo_rectangle (cr, crop_x + crop_w, pic_y, pic_x + pic_w - crop_x - crop_w, pic_h);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 4);
  cairo_rectangle (cr, crop_x, pic_y, crop_w, pic_h);
  cairo_stroke (cr);

  draw_band (cr, crop_x, crop_w, pic_y + pic_h * HEAD_TOP_MIN, pic_y + pic_h * HEAD_TOP_MAX,
             _("Top of head"));
  draw_band (cr, crop_x, crop_w, pic_y + pic_h * EYES_MIN, pic_y + pic_h * EYES_MAX,
             _("Eyes"));
}
