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

#include "qr-scenes.h"

/* A 1080p webcam's focal length in pixels (about 65° across). */
#define FOCAL 1500.0

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
pick (GRand              *rand,
      const char *const  *list,
      guint               n)
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

static void
rounded_rect (cairo_t *cr,
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
  rounded_rect (cr, torso_x, 560, torso_w, 700, 120);
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
      rounded_rect (cr, 0, 0, w, h, w * 0.08);
      cairo_fill (cr);
      screen = scene->carrier == QR_CARRIER_PHONE_DARK ? g_rand_double_range (rand, 0.04, 0.14)
                                                      : g_rand_double_range (rand, 0.88, 1.0);
      cairo_set_source_rgb (cr, screen, screen, screen);
      rounded_rect (cr, bezel, bezel, sw, sh, w * 0.05);
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

typedef double Mat3[3][3];

static void
mat3_invert (Mat3 m,
             Mat3 out)
{
  double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
             - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
             + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);

  out[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
  out[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
  out[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
  out[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
  out[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
  out[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
  out[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
  out[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
  out[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
}

static void
project (Mat3    h,
         double  u,
         double  v,
         double *x,
         double *y)
{
  double w = h[2][0] * u + h[2][1] * v + h[2][2];

  *x = (h[0][0] * u + h[0][1] * v + h[0][2]) / w;
  *y = (h[1][0] * u + h[1][1] * v + h[1][2]) / w;
}

/* The card's plane turned by roll, pitch and yaw and seen by a pinhole
 * camera; maps card pixels (u, v) to frame pixels, the code's centre to
 * (px, py) with `scale` frame pixels per card pixel there. */
static void
homography (double scale,
            double roll,
            double pitch,
            double yaw,
            double cu,
            double cv,
            double px,
            double py,
            Mat3   h)
{
  double cr = cos (roll), sr = sin (roll), cp = cos (pitch), sp = sin (pitch), cy = cos (yaw), sy = sin (yaw);
  /* R = Ry(yaw) · Rx(pitch) · Rz(roll); only its first two columns matter for a plane. */
  double r1[3] = { cy * cr + sy * sp * sr, cp * sr, -sy * cr + cy * sp * sr };
  double r2[3] = { -cy * sr + sy * sp * cr, cp * cr, sy * sr + cy * sp * cr };
  double t[3];

  for (int i = 0; i < 3; i++)
    {
      r1[i] *= scale;
      r2[i] *= scale;
      t[i] = (i == 2 ? FOCAL : 0) - cu * r1[i] - cv * r2[i];
    }
  for (int j = 0; j < 3; j++)
    {
      double col[3] = { r1[j], r2[j], t[j] };

      for (int i = 0; i < 3; i++)
        h[j][i] = col[i] * (j < 2 ? FOCAL : 1);
    }
  /* K adds the principal point: row 0 += px · row 2, row 1 += py · row 2. */
  for (int i = 0; i < 3; i++)
    {
      h[0][i] += px * h[2][i];
      h[1][i] += py * h[2][i];
    }
}

static void
sample (const guint8 *data,
        int           stride,
        int           width,
        int           height,
        double        u,
        double        v,
        double        acc[4])
{
  int x0 = (int) floor (u - 0.5), y0 = (int) floor (v - 0.5);
  double fx = u - 0.5 - x0, fy = v - 0.5 - y0;

  for (int dy = 0; dy < 2; dy++)
    for (int dx = 0; dx < 2; dx++)
      {
        int x = x0 + dx, y = y0 + dy;
        double wgt = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
        guint32 p;

        if (x < 0 || y < 0 || x >= width || y >= height)
          continue;
        p = ((const guint32 *) (gconstpointer) (data + (gsize) y * stride))[x];
        acc[0] += wgt * (p >> 24);
        acc[1] += wgt * ((p >> 16) & 0xff);
        acc[2] += wgt * ((p >> 8) & 0xff);
        acc[3] += wgt * (p & 0xff);
      }
}

/* Draws the card into the frame through the homography, 2 × 2 samples a
 * pixel, and returns the frame box it covers. */
static void
warp (cairo_surface_t       *frame,
      cairo_surface_t       *card,
      Mat3                   h,
      cairo_rectangle_int_t *box)
{
  int cw = cairo_image_surface_get_width (card), ch = cairo_image_surface_get_height (card);
  int cstride = cairo_image_surface_get_stride (card), fstride = cairo_image_surface_get_stride (frame);
  const guint8 *cdata;
  guint8 *fdata;
  double corners[4][2] = { { 0, 0 }, { cw, 0 }, { 0, ch }, { cw, ch } };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  Mat3 inv;

  for (int i = 0; i < 4; i++)
    {
      double x, y;

      project (h, corners[i][0], corners[i][1], &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  box->x = CLAMP ((int) floor (x0), 0, QR_SCENE_WIDTH);
  box->y = CLAMP ((int) floor (y0), 0, QR_SCENE_HEIGHT);
  box->width = CLAMP ((int) ceil (x1), 0, QR_SCENE_WIDTH) - box->x;
  box->height = CLAMP ((int) ceil (y1), 0, QR_SCENE_HEIGHT) - box->y;

  mat3_invert (h, inv);
  cairo_surface_flush (card);
  cairo_surface_flush (frame);
  cdata = cairo_image_surface_get_data (card);
  fdata = cairo_image_surface_get_data (frame);
  for (int y = box->y; y < box->y + box->height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (fdata + (gsize) y * fstride);

      for (int x = box->x; x < box->x + box->width; x++)
        {
          double acc[4] = { 0, 0, 0, 0 };
          double a;
          guint32 p = row[x];
          guint32 out = 0xff000000u;

          for (int s = 0; s < 4; s++)
            {
              double u, v;

              project (inv, x + 0.25 + 0.5 * (s & 1), y + 0.25 + 0.5 * (s >> 1), &u, &v);
              sample (cdata, cstride, cw, ch, u, v, acc);
            }
          a = acc[0] / 4 / 255.0;
          if (a <= 0)
            continue;
          /* Premultiplied source over the opaque frame. */
          for (int c = 1; c < 4; c++)
            {
              double dst = (p >> (8 * (3 - c))) & 0xff;
              double value = acc[c] / 4 + dst * (1 - a);

              out |= (guint32) CLAMP (lround (value), 0, 255) << (8 * (3 - c));
            }
          row[x] = out;
        }
    }
  cairo_surface_mark_dirty (frame);
}

/* A reflection of a window or lamp: a bright, soft ellipse over the code. */
static void
draw_glare (cairo_t *cr,
            GRand   *rand,
            double   x,
            double   y,
            double   size)
{
  double r = size * g_rand_double_range (rand, 0.15, 0.45);
  cairo_pattern_t *spot = cairo_pattern_create_radial (0, 0, 0, 0, 0, r);

  cairo_pattern_add_color_stop_rgba (spot, 0, 1, 1, 1, g_rand_double_range (rand, 0.55, 0.95));
  cairo_pattern_add_color_stop_rgba (spot, 0.4, 1, 1, 1, g_rand_double_range (rand, 0.3, 0.6));
  cairo_pattern_add_color_stop_rgba (spot, 1, 1, 1, 1, 0);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, g_rand_double_range (rand, 0, G_PI));
  cairo_scale (cr, 1, g_rand_double_range (rand, 0.25, 1));
  cairo_set_source (cr, spot);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (spot);
}

/* Separable gaussian blur of a box of an xRGB32 surface. */
static void
blur_box (cairo_surface_t             *surface,
          const cairo_rectangle_int_t *box,
          double                       sigma)
{
  int radius = (int) ceil (3 * sigma), n = 2 * radius + 1;
  int stride = cairo_image_surface_get_stride (surface);
  g_autofree double *kernel = g_new (double, n);
  g_autofree guint32 *line = g_new (guint32, MAX (box->width, box->height));
  guint8 *data;
  double sum = 0;

  for (int i = 0; i < n; i++)
    sum += kernel[i] = exp (-(i - radius) * (i - radius) / (2 * sigma * sigma));
  for (int i = 0; i < n; i++)
    kernel[i] /= sum;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int pass = 0; pass < 2; pass++)
    {
      int lines = pass == 0 ? box->height : box->width, length = pass == 0 ? box->width : box->height;

      for (int l = 0; l < lines; l++)
        {
          guint32 *first = (guint32 *) (gpointer) (data + (gsize) (box->y + (pass == 0 ? l : 0)) * stride) +
                           box->x + (pass == 0 ? 0 : l);
          gsize step = pass == 0 ? 1 : (gsize) stride / 4;

          for (int i = 0; i < length; i++)
            line[i] = first[i * step];
          for (int i = 0; i < length; i++)
            {
              double acc[3] = { 0, 0, 0 };
              guint32 out = 0xff000000u;

              for (int k = 0; k < n; k++)
                {
                  guint32 p = line[CLAMP (i + k - radius, 0, length - 1)];

                  acc[0] += kernel[k] * ((p >> 16) & 0xff);
                  acc[1] += kernel[k] * ((p >> 8) & 0xff);
                  acc[2] += kernel[k] * (p & 0xff);
                }
              for (int c = 0; c < 3; c++)
                out |= (guint32) CLAMP (lround (acc[c]), 0, 255) << (16 - 8 * c);
              first[i * step] = out;
            }
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* Sensor noise, roughly gaussian: a sum of four uniform bytes from xorshift. */
static void
add_noise (cairo_surface_t *surface,
           double           sigma,
           guint32          seed)
{
  guint32 state = seed | 1;
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;
  double scale = sigma / 147.8;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < QR_SCENE_HEIGHT; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < QR_SCENE_WIDTH; x++)
        {
          guint32 out = 0xff000000u;
          int n;

          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          n = (int) lround (((int) (state & 0xff) + (int) ((state >> 8) & 0xff) + (int) ((state >> 16) & 0xff) +
                             (int) (state >> 24) - 510) * scale);
          for (int c = 0; c < 3; c++)
            out |= (guint32) CLAMP ((int) ((row[x] >> (16 - 8 * c)) & 0xff) + n, 0, 255) << (16 - 8 * c);
          row[x] = out;
        }
    }
  cairo_surface_mark_dirty (surface);
}

static gboolean
place_code (const QrScene   *scene,
            GRand           *rand,
            cairo_surface_t *frame,
            GError         **error)
{
  int src_module = (int) ceil (2 * scene->module);
  double scale = scene->module / src_module;
  double cu, cv, csize, yaw, pitch, lo_x = 0, hi_x = 0, lo_y = 0, hi_y = 0, gx, gy;
  cairo_surface_t *card;
  cairo_rectangle_int_t box;
  Mat3 h;

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
  homography (scale, scene->roll * G_PI / 180, pitch, yaw, cu, cv, 0, 0, h);
  for (int i = 0; i < 4; i++)
    {
      double x, y;

      project (h, cu + (i & 1 ? 0.5 : -0.5) * csize, cv + (i & 2 ? 0.5 : -0.5) * csize, &x, &y);
      lo_x = MIN (lo_x, x);
      hi_x = MAX (hi_x, x);
      lo_y = MIN (lo_y, y);
      hi_y = MAX (hi_y, y);
    }
  gx = -lo_x + 20 < QR_SCENE_WIDTH - 20 - hi_x ? g_rand_double_range (rand, -lo_x + 20, QR_SCENE_WIDTH - 20 - hi_x)
                                              : QR_SCENE_WIDTH / 2.0;
  gy = -lo_y + 20 < QR_SCENE_HEIGHT - 20 - hi_y ? g_rand_double_range (rand, -lo_y + 20, QR_SCENE_HEIGHT - 20 - hi_y)
                                               : QR_SCENE_HEIGHT / 2.0;
  homography (scale, scene->roll * G_PI / 180, pitch, yaw, cu, cv, gx, gy, h);

  /* Paper is lit by the room; a screen shines by itself. */
  if (scene->carrier < QR_CARRIER_PHONE_LIGHT)
    {
      cairo_t *cr = cairo_create (card);

      cairo_set_operator (cr, CAIRO_OPERATOR_ATOP);
      cairo_set_source_rgba (cr, 0, 0, 0, 1 - scene->gain / 1.1);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  warp (frame, card, h, &box);
  cairo_surface_destroy (card);

  if (scene->glare)
    {
      cairo_t *cr = cairo_create (frame);
      double x, y;

      project (h, cu + g_rand_double_range (rand, -0.4, 0.4) * csize,
               cv + g_rand_double_range (rand, -0.4, 0.4) * csize, &x, &y);
      draw_glare (cr, rand, x, y, csize * scale);
      cairo_destroy (cr);
    }
  if (scene->blur > 0)
    blur_box (frame, &box, scene->blur);
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
      add_noise (surface, scene->noise, g_rand_int (rand));
      frame = gp_frame_from_cairo (surface);
    }
  cairo_surface_destroy (surface);
  return frame;
}

static void
write_manifest_line (GString       *manifest,
                     const QrScene *scene)
{
  g_autofree char *escaped = g_strescape (scene->payload != NULL ? scene->payload : "", "");
  g_autofree char *name = g_path_get_basename (scene->path);

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
