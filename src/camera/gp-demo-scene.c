/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What the demo camera films: a phone showing a collection code, then a
 * person in front of the blue backdrop. Tests use the same pictures. */
#define G_LOG_DOMAIN "gp-demo-scene"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "camera/gp-demo-scene.h"
#include "image/gp-frame-cairo.h"
#include "image/gp-jpeg.h"

G_DEFINE_QUARK (gp-demo-scene-error-quark, gp_demo_scene_error)

#define QUIET_ZONE 4

static QRcode *
encode_qr (const guint8  *payload,
           gsize          length,
           GError       **error)
{
  QRcode *qr = QRcode_encodeData ((int) length, payload, 0, QR_ECLEVEL_M);

  if (qr == NULL)
    g_set_error (error, GP_DEMO_SCENE_ERROR, GP_DEMO_SCENE_ERROR_PAYLOAD,
                 _("Could not make a QR code of %u bytes."), (guint) length);
  return qr;
}

/* Draws the code with its quiet zone at the origin of the current transform,
 * so callers can rotate, scale or skew it. */
gboolean
gp_demo_scene_draw_qr (cairo_t       *cr,
                       const guint8  *payload,
                       gsize          length,
                       double         module,
                       gboolean       inverted,
                       double        *size,
                       GError       **error)
{
  QRcode *qr;
  double light = inverted ? 0.05 : 1.0;
  double dark = inverted ? 0.95 : 0.0;
  int modules;

  g_return_val_if_fail (cr != NULL && payload != NULL, FALSE);

  qr = encode_qr (payload, length, error);
  if (qr == NULL)
    return FALSE;

  modules = qr->width + 2 * QUIET_ZONE;
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, light, light, light);
  cairo_rectangle (cr, 0, 0, modules * module, modules * module);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, dark, dark, dark);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        cairo_rectangle (cr, (x + QUIET_ZONE) * module, (y + QUIET_ZONE) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);

  if (size != NULL)
    *size = modules * module;
  QRcode_free (qr);
  return TRUE;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      cx,
           double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, y);
  pango_cairo_show_layout (cr, layout);
}

/* A phone's outline or screen: both the demo card and the scanner's
 * benchmark scenes draw one. */
void
gp_demo_scene_rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The classroom wall the camera sees between students. */
GpFrame *
gp_demo_scene_render_empty (int width,
                            int height)
{
  GpFrame *frame = gp_frame_new (GP_FRAME_RGB, width, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = frame->data + (gsize) y * frame->stride + 3 * x;
        p[0] = 199;
        p[1] = 194;
        p[2] = 184;
      }
  return frame;
}

GpFrame *
gp_demo_scene_render_card (const char  *payload,
                           int          width,
                           int          height,
                           GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double phone_h = height * 0.8, phone_w = phone_h * 0.5;
  double px = (width - phone_w) / 2, py = (height - phone_h) / 2;
  double module, size = 0;
  QRcode *qr;
  int qr_width;
  char font[32];
  GpFrame *frame = NULL;

  g_return_val_if_fail (payload != NULL, NULL);

  /* Modules as large as the phone screen allows, like a real code held up close. */
  qr = encode_qr ((const guint8 *) payload, strlen (payload), error);
  if (qr == NULL)
    return NULL;
  qr_width = qr->width;
  module = floor (phone_w * 0.85 / (qr_width + 2 * QUIET_ZONE));
  QRcode_free (qr);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);

  /* The classroom wall, then a phone held up with the code on its screen. */
  cairo_set_source_rgb (cr, 199 / 255.0, 194 / 255.0, 184 / 255.0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  gp_demo_scene_rounded_rect (cr, px, py, phone_w, phone_h, phone_w * 0.08);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  gp_demo_scene_rounded_rect (cr, px + phone_w * 0.05, py + phone_h * 0.05, phone_w * 0.9, phone_h * 0.9, phone_w * 0.04);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  g_snprintf (font, sizeof font, "Noto Sans CJK SC %d", MAX (6, (int) (phone_w / 20)));
  draw_text (cr, "图像采集码", font, width / 2.0, py + phone_h * 0.1);

  cairo_save (cr);
  cairo_translate (cr, floor ((width - module * (qr_width + 2 * QUIET_ZONE)) / 2), py + phone_h * 0.25);
  if (gp_demo_scene_draw_qr (cr, (const guint8 *) payload, strlen (payload), module, FALSE, &size, error))
    frame = gp_frame_from_cairo (surface);
  cairo_restore (cr);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return frame;
}

/* The mask's gray levels as cairo alpha. */
static cairo_surface_t *
load_mask (const char  *path,
           GError     **error)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *alpha;
  int w, h, src_stride, dst_stride;
  const guint8 *src;
  guint8 *dst;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GP_DEMO_SCENE_ERROR, GP_DEMO_SCENE_ERROR_PORTRAIT,
                   _("The demo camera needs the portrait mask “%s”: %s. Reinstall GradPhoto."),
                   path, cairo_status_to_string (cairo_surface_status (png)));
      cairo_surface_destroy (png);
      return NULL;
    }
  w = cairo_image_surface_get_width (png);
  h = cairo_image_surface_get_height (png);
  alpha = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cairo_surface_flush (png);
  src = cairo_image_surface_get_data (png);
  src_stride = cairo_image_surface_get_stride (png);
  dst = cairo_image_surface_get_data (alpha);
  dst_stride = cairo_image_surface_get_stride (alpha);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      dst[y * dst_stride + x] = src[y * src_stride + 4 * x + 1];  /* green byte of xRGB: the gray level */
  cairo_surface_mark_dirty (alpha);
  cairo_surface_destroy (png);
  return alpha;
}

GpFrame *
gp_demo_scene_render_portrait (const char  *portrait_path,
                               const char  *mask_path,
                               int          width,
                               int          height,
                               GError     **error)
{
  g_autoptr(GpFrame) portrait = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface, *person, *mask;
  cairo_pattern_t *backdrop;
  cairo_t *cr;
  double scale, pw, ph;
  GpFrame *frame;

  portrait = gp_jpeg_load (portrait_path, &local_error);
  if (portrait == NULL)
    {
      g_set_error (error, GP_DEMO_SCENE_ERROR, GP_DEMO_SCENE_ERROR_PORTRAIT,
                   _("The demo camera needs the sample portrait “%s” (Debian package python-matplotlib-data): %s"),
                   portrait_path, local_error->message);
      return NULL;
    }
  mask = load_mask (mask_path, error);
  if (mask == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);

  /* A blue cloth backdrop, brighter in the middle where the lights point. */
  backdrop = cairo_pattern_create_radial (width / 2.0, height / 2.0, height * 0.1,
                                          width / 2.0, height / 2.0, width * 0.7);
  cairo_pattern_add_color_stop_rgb (backdrop, 0, 100 / 255.0, 197 / 255.0, 255 / 255.0);
  cairo_pattern_add_color_stop_rgb (backdrop, 1, 80 / 255.0, 170 / 255.0, 230 / 255.0);
  cairo_set_source (cr, backdrop);
  cairo_paint (cr);
  cairo_pattern_destroy (backdrop);

  /* Seated with room above the head, as a photographer frames a sitter,
   * cut out of the portrait's own background by its mask. */
  person = gp_frame_to_cairo (portrait);
  scale = 0.85 * height / portrait->height;
  pw = portrait->width * scale;
  ph = portrait->height * scale;
  cairo_save (cr);
  cairo_translate (cr, (width - pw) / 2, height - ph);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, person, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_mask_surface (cr, mask, 0, 0);
  cairo_restore (cr);
  cairo_surface_destroy (person);
  cairo_surface_destroy (mask);

  frame = gp_frame_from_cairo (surface);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return frame;
}
