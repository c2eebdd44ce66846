/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Synthetic 1080p webcam frames of a collection code held up to the camera,
 * with their ground truth: paper or a phone screen (dark mode too), turned,
 * tilted in perspective, blurred, noisy, with glare. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "camera/gp-demo-scene.h"
#include "image/gp-frame-cairo.h"
#include "image/gp-jpeg.h"

#include "qr-optics.h"
#include "qr-scenes.h"

static const char *const surnames[] = { "赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈" };
static const char *const given_names[] = { "小明", "多多", "悦然", "思远", "文静", "子涵", "一鸣", "雨桐" };
static const char *const words[] = {
  "信息工程学院", "外国语学院", "经济管理学院", "计科", "软件", "毕业", "图像采集", "学信网",
  "本科", "硕士研究生", "二〇二六届", "照片", "采集点", "教学楼", "备注", "确认",
};

const char *
qr_carrier_to_string (QrCarrier carrier)
{
  static const char *const names[] = { "paper", "paper-inverted", "phone-light", "phone-dark" };

  g_return_val_if_fail (carrier < QR_N_CARRIERS, NULL);
  return names[carrier];
}

void
qr_scene_free (QrScene *scene)
{
  if (scene == NULL)
    return;
  g_free (scene->path);
  g_free (scene->payload);
  g_free (scene);
}

static const char *
pick (GRand             *rand,
      const char *const *list,
      guint              n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static void
append_alnum (GRand   *rand,
              GString *s,
              gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[g_rand_int_range (rand, 0, 34)]);
}

/* 20 to 200 bytes in one of the forms schools and CHSI use. */
static char *
random_payload (GRand    *rand,
                gboolean *chinese)
{
  gsize target = (gsize) g_rand_int_range (rand, 20, 201);
  GString *s = g_string_new (NULL);
  char number[16];
  int form = g_rand_int_range (rand, 0, 5);

  g_snprintf (number, sizeof number, "2026%06d", g_rand_int_range (rand, 0, 1000000));
  *chinese = form == 1 || form == 4;
  switch (form)
    {
    case 0:
      g_string_append (s, "CHSI");
      break;
    case 1:
      g_string_append_printf (s, "学号=%s;姓名=%s%s;备注=", number,
                              PICK (rand, surnames), PICK (rand, given_names));
      break;
    case 2:
      g_string_append_printf (s, "https://xz.example.edu.cn/txcj/?xh=%s&t=", number);
      break;
    case 3:
      g_string_append_printf (s, "{\"student_no\":\"%s\",\"t\":\"", number);
      break;
    default:
      g_string_append (s, PICK (rand, words));
      break;
    }
  while (s->len < target)
    {
      if (*chinese)
        g_string_append (s, PICK (rand, words));
      else
        append_alnum (rand, s, 1);
    }
  /* Cut back to the length drawn, on a character boundary. */
  while (s->len > target)
    g_string_truncate (s, (gsize) (g_utf8_find_prev_char (s->str, s->str + s->len) - s->str));
  if (form == 3 && s->len >= 2)
    {
      g_string_truncate (s, (gsize) (g_utf8_find_prev_char (s->str, s->str + s->len - 1) - s->str));
      g_string_append (s, "\"}");
    }
  return g_string_free (s, FALSE);
}

QrScene *
qr_scene_random (GRand    *rand,
                 gboolean  with_code)
{
  QrScene *scene = g_new0 (QrScene, 1);
  double carrier = g_rand_double (rand);

  scene->seed = g_rand_int (rand);
  if (with_code)
    scene->payload = random_payload (rand, &scene->chinese);
  scene->carrier = carrier < 0.25 ? QR_CARRIER_PAPER
                 : carrier < 0.35 ? QR_CARRIER_PAPER_INVERTED
                 : carrier < 0.65 ? QR_CARRIER_PHONE_LIGHT
                 : QR_CARRIER_PHONE_DARK;
  scene->module = g_rand_double_range (rand, 2, 8);
  scene->roll = g_rand_double_range (rand, -30, 30);
  scene->tilt = g_rand_double_range (rand, 0, 40);
  scene->blur = g_rand_double (rand) < 0.45 ? 0 : g_rand_double_range (rand, 0.5, 1.6);
  scene->noise = g_rand_double (rand) < 0.85 ? g_rand_double_range (rand, 2, 8) : g_rand_double_range (rand, 8, 14);
  scene->gain = g_rand_double_range (rand, 0.5, 1.1);
  scene->glare = g_rand_double (rand) < (scene->carrier >= QR_CARRIER_PHONE_LIGHT ? 0.3 : 0.12);
  return scene;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           double      size,
           double      x,
           double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A classroom: a wall with posters and writing, and the student's shirt,
 * striped or checked, which is what fools 1D and finder detectors. */
static void
draw_background (cairo_t *cr,
                 GRand   *rand,
                 double   gain)
{
  cairo_pattern_t *wall = cairo_pattern_create_linear (0, 0, 0, QR_SCENE_HEIGHT);
  double c1 = g_rand_double_range (rand, 0.55, 0.85) * gain, c2 = g_rand_double_range (rand, 0.45, 0.8) * gain;
  int posters = g_rand_int_range (rand, 2, 6);
  double torso_x = g_rand_double_range (rand, 300, 1000), torso_w = g_rand_double_range (rand, 600, 900);
  double period = g_rand_double_range (rand, 6, 30);
  int shirt = g_rand_int_range (rand, 0, 3);

  cairo_pattern_add_color_stop_rgb (wall, 0, c1, c1 * 0.98, c1 * 0.93);
  cairo_pattern_add_color_stop_rgb (wall, 1, c2, c2 * 0.97, c2 * 0.92);
  cairo_set_source (cr, wall);
  cairo_paint (cr);
  cairo_pattern_destroy (wall);

  for (int i = 0; i < posters; i++)
    {
      double x = g_rand_double_range (rand, 0, QR_SCENE_WIDTH - 200), y = g_rand_double_range (rand, 0, 600);
      double w = g_rand_double_range (rand, 100, 500), h = g_rand_double_range (rand, 100, 400);

      cairo_set_source_rgb (cr, g_rand_double (rand) * gain, g_rand_double (rand) * gain, g_rand_double (rand) * gain);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      if (g_rand_boolean (rand))
        {
          double ink = g_rand_boolean (rand) ? 0.05 : 0.95 * gain;

          cairo_set_source_rgb (cr, ink, ink, ink);
          draw_text (cr, PICK (rand, words), g_rand_double_range (rand, 20, 60), x + 10, y + 10);
        }
    }

  /* Head and shoulders in the lower half. */
  cairo_set_source_rgb (cr, 0.85 * gain, 0.68 * gain, 0.55 * gain);
  cairo_arc (cr, torso_x + torso_w / 2, 420, 120, 0, 2 * G_PI);
  cairo_fill (cr);
  gp_demo_scene_rounded_rect (cr, torso_x, 560, torso_w, 700, 120);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, g_rand_double (rand) * gain, g_rand_double (rand) * gain, g_rand_double (rand) * gain);
  cairo_paint (cr);
  if (shirt > 0)
    {
      cairo_set_source_rgb (cr, 0.95 * gain, 0.95 * gain, 0.95 * gain);
      for (double x = torso_x; x < torso_x + torso_w; x += period)
        cairo_rectangle (cr, x, 560, period / 2, 700);
      if (shirt == 2)
        for (double y = 560; y < 1260; y += period)
          cairo_rectangle (cr, torso_x, y, torso_w, period / 3);
      cairo_fill (cr);
    }
  cairo_reset_clip (cr);
}

/* The code's width in modules, quiet zone included. */
static int
code_modules (const char *payload)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cairo_t *cr = cairo_create (surface);
  double size = 0;

  gp_demo_scene_draw_qr (cr, (const guint8 *) payload, strlen (payload), 1, FALSE, &size, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return (int) size;
}

/* The paper or phone, upright and at a finer scale than the frame; returns
 * it and where the code's centre and width are on it. */
static cairo_surface_t *
draw_carrier (const QrScene  *scene,
              GRand          *rand,
              int             src_module,
              double         *code_cx,
              double         *code_cy,
              double         *code_size,
              GError        **error)
{
  double c = (double) code_modules (scene->payload) * src_module;
  gboolean phone = scene->carrier >= QR_CARRIER_PHONE_LIGHT;
  gboolean inverted = scene->carrier == QR_CARRIER_PAPER_INVERTED || scene->carrier == QR_CARRIER_PHONE_DARK;
  double w, h, code_x, code_y, screen, body;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (phone)
    {
      double sw = c / g_rand_double_range (rand, 0.75, 0.92), sh = sw * g_rand_double_range (rand, 1.9, 2.1);
      double bezel = sw * 0.04;

      w = sw + 2 * bezel;
      h = sh + 2 * bezel;
      code_x = (w - c) / 2;
      code_y = bezel + sh * g_rand_double_range (rand, 0.2, 0.4);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
      cr = cairo_create (surface);
      body = g_rand_double_range (rand, 0.06, 0.25);
      cairo_set_source_rgb (cr, body, body, body * 1.1);
      gp_demo_scene_rounded_rect (cr, 0, 0, w, h, w * 0.08);
      cairo_fill (cr);
      screen = scene->carrier == QR_CARRIER_PHONE_DARK ? g_rand_double_range (rand, 0.04, 0.14)
                                                      : g_rand_double_range (rand, 0.88, 1.0);
      cairo_set_source_rgb (cr, screen, screen, screen);
      gp_demo_scene_rounded_rect (cr, bezel, bezel, sw, sh, w * 0.05);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1 - screen, 1 - screen, 1 - screen);
      draw_text (cr, "学信网 图像采集码", sw * 0.06, bezel + sw * 0.1, bezel + sh * 0.06);
      draw_text (cr, PICK (rand, words), sw * 0.05, bezel + sw * 0.1, code_y + c + sh * 0.04);
    }
  else
    {
      double margin = c * g_rand_double_range (rand, 0.05, 0.3);
      double paper = g_rand_double_range (rand, 0.85, 1.0);

      w = c + 2 * margin;
      h = c + 2 * margin + c * 0.25;
      code_x = margin;
      code_y = margin + c * 0.2;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, paper, paper, paper * 0.96);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, "图像采集码", c * 0.08, margin, margin);
    }

  cairo_translate (cr, code_x, code_y);
  ok = gp_demo_scene_draw_qr (cr, (const guint8 *) scene->payload, strlen (scene->payload),
                              src_module, inverted, NULL, error);
  /* Screens and prints never have the full contrast of the drawing. */
  {
    double veil = g_rand_double_range (rand, 0.3, 0.7);

    cairo_set_source_rgba (cr, veil, veil, veil, g_rand_double_range (rand, 0, phone ? 0.35 : 0.2));
    cairo_rectangle (cr, 0, 0, c, c);
    cairo_fill (cr);
  }
  cairo_destroy (cr);

  *code_cx = code_x + c / 2;
  *code_cy = code_y + c / 2;
  *code_size = c;
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

static gboolean
place_code (const QrScene    *scene,
            GRand            *rand,
            cairo_surface_t  *frame,
            GError          **error)
{
  int src_module = (int) ceil (2 * scene->module);
  double scale = scene->module / src_module;
  double cu, cv, csize, yaw, pitch, lo_x = 0, hi_x = 0, lo_y = 0, hi_y = 0, gx, gy;
  cairo_surface_t *card;
  cairo_rectangle_int_t box;
  QrMatrix h;

  card = draw_carrier (scene, rand, src_module, &cu, &cv, &csize, error);
  if (card == NULL)
    return FALSE;

  /* Where the code may go so it stays whole in the frame, 20 px to spare. */
  yaw = g_rand_double_range (rand, -scene->tilt, scene->tilt) * G_PI / 180;
  pitch = (g_rand_boolean (rand) ? 1 : -1) * scene->tilt * G_PI / 180;
  if (g_rand_boolean (rand))
    {
      double swap = yaw;

      yaw = pitch;
      pitch = swap;
    }
  qr_optics_homography (scale, scene->roll * G_PI / 180, pitch, yaw, cu, cv, 0, 0, h);
  for (int i = 0; i < 4; i++)
    {
      double x, y;

      qr_optics_project (h, cu + (i & 1 ? 0.5 : -0.5) * csize, cv + (i & 2 ? 0.5 : -0.5) * csize, &x, &y);
      lo_x = MIN (lo_x, x);
      hi_x = MAX (hi_x, x);
      lo_y = MIN (lo_y, y);
      hi_y = MAX (hi_y, y);
    }
  gx = -lo_x + 20 < QR_SCENE_WIDTH - 20 - hi_x ? g_rand_double_range (rand, -lo_x + 20, QR_SCENE_WIDTH - 20 - hi_x)
                                              : QR_SCENE_WIDTH / 2.0;
  gy = -lo_y + 20 < QR_SCENE_HEIGHT - 20 - hi_y ? g_rand_double_range (rand, -lo_y + 20, QR_SCENE_HEIGHT - 20 - hi_y)
                                               : QR_SCENE_HEIGHT / 2.0;
  qr_optics_homography (scale, scene->roll * G_PI / 180, pitch, yaw, cu, cv, gx, gy, h);

  /* Paper is lit by the room; a screen shines by itself. */
  if (scene->carrier < QR_CARRIER_PHONE_LIGHT)
    {
      cairo_t *cr = cairo_create (card);

      cairo_set_operator (cr, CAIRO_OPERATOR_ATOP);
      cairo_set_source_rgba (cr, 0, 0, 0, 1 - scene->gain / 1.1);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  qr_optics_warp (frame, card, h, &box);
  cairo_surface_destroy (card);

  if (scene->glare)
    {
      cairo_t *cr = cairo_create (frame);
      double x, y;

      qr_optics_project (h, cu + g_rand_double_range (rand, -0.4, 0.4) * csize,
               cv + g_rand_double_range (rand, -0.4, 0.4) * csize, &x, &y);
      qr_optics_glare (cr, rand, x, y, csize * scale);
      cairo_destroy (cr);
    }
  if (scene->blur > 0)
    qr_optics_blur (frame, &box, scene->blur);
  return TRUE;
}

/* The frame as the webcam sends it, before JPEG compression. */
GpFrame *
qr_scene_render (const QrScene  *scene,
                 GError        **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (scene->seed);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, QR_SCENE_WIDTH, QR_SCENE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GpFrame *frame = NULL;

  draw_background (cr, rand, scene->gain);
  cairo_destroy (cr);
  if (scene->payload == NULL || place_code (scene, rand, surface, error))
    {
      qr_optics_noise (surface, scene->noise, g_rand_int (rand) ^ (scene->frame * 2654435761u));
      frame = gp_frame_from_cairo (surface);
    }
  cairo_surface_destroy (surface);
  return frame;
}

static void
write_manifest_line (GString       *manifest,
                     const QrScene *scene)
{
  g_autofree char *escaped = NULL;
  g_autofree char *name = g_path_get_basename (scene->path);
  char high[129];

  /* Escape control characters and quotes only, so Chinese stays readable. */
  for (int i = 0; i < 128; i++)
    high[i] = (char) (0x80 + i);
  high[128] = '\0';
  escaped = g_strescape (scene->payload != NULL ? scene->payload : "", high);

  g_string_append_printf (manifest, "%s\t%s\t%.2f\t%.1f\t%.1f\t%.2f\t%.1f\t%.2f\t%d\t%s\n", name,
                          scene->payload != NULL ? qr_carrier_to_string (scene->carrier) : "none",
                          scene->module, scene->roll, scene->tilt, scene->blur, scene->noise, scene->gain,
                          scene->glare, escaped);
}

/* Writes frames f000.jpg … as a webcam's MJPEG would (quality 90), codes
 * first, then frames without a code, and a manifest.tsv of the truth. */
GPtrArray *
qr_scene_write_set (const char  *dir,
                    guint        n_codes,
                    guint        n_blank,
                    guint32      seed,
                    GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) scenes = g_ptr_array_new_with_free_func ((GDestroyNotify) qr_scene_free);
  g_autoptr(GString) manifest = g_string_new ("file\tcarrier\tmodule\troll\ttilt\tblur\tnoise\tgain\tglare\tpayload\n");
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.tsv", NULL);

  for (guint i = 0; i < n_codes + n_blank; i++)
    {
      QrScene *scene = qr_scene_random (rand, i < n_codes);
      g_autoptr(GpFrame) frame = NULL;
      g_autofree char *name = g_strdup_printf ("f%03u.jpg", i);

      scene->path = g_build_filename (dir, name, NULL);
      g_ptr_array_add (scenes, scene);
      frame = qr_scene_render (scene, error);
      if (frame == NULL || !gp_jpeg_save (frame, scene->path, 90, 72, error))
        return NULL;
      write_manifest_line (manifest, scene);
    }
  if (!g_file_set_contents (manifest_path, manifest->str, (gssize) manifest->len, error))
    return NULL;
  return g_steal_pointer (&scenes);
}
