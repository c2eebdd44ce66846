/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Finds QR codes in a frame and turns their bytes into text. Our finder
 * search locates each code and its module grid (gp-qr-region, gp-qr-grid);
 * zbar decodes an upright, evenly sampled copy of just that code, in the
 * right polarity. That is ~10× faster than zbar on the whole 1080p frame,
 * and reads more: tilted and dark-mode codes. Measured in tests/bench. */
#define G_LOG_DOMAIN "gp-qr-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zbar.h>

#include "scan/gp-code.h"
#include "scan/gp-qr-reader.h"
#include "scan/gp-qr-region.h"

/* A sampled code: zbar's sweet spot is 4 px a module; the standard's
 * quiet zone is 4 modules, one more leaves room for a grid slightly off. */
#define SAMPLE_SCALE 4
#define SAMPLE_QUIET 5
/* A grid whose sample did not read is tried as it is in the frame when its
 * finders match this well: codes score 0.9 and more, textures 0.7 and less. */
#define CROP_GRID_MATCH 0.8
/* Pixels of crops the fast path may hand zbar (~5 ms): enough for the small
 * codes whose finders it half saw, not for checked shirts' false finders. */
#define FAST_CROP_BUDGET (300 * 1000)

struct _GpQrReader
{
  zbar_image_scanner_t *scanner;
  GpQrEffort            effort;
};

G_DEFINE_BOXED_TYPE (GpQrCode, gp_qr_code, gp_qr_code_copy, gp_qr_code_free)

GpQrCode *
gp_qr_code_copy (const GpQrCode *code)
{
  GpQrCode *copy;

  g_return_val_if_fail (code != NULL, NULL);

  copy = g_new0 (GpQrCode, 1);
  copy->payload = g_strdup (code->payload);
  copy->encoding = g_strdup (code->encoding);
  copy->inverted = code->inverted;
  copy->problem = g_strdup (code->problem);
  copy->raw = code->raw != NULL ? g_bytes_ref (code->raw) : NULL;
  return copy;
}

void
gp_qr_code_free (GpQrCode *code)
{
  if (code == NULL)
    return;
  g_free (code->payload);
  g_free (code->encoding);
  g_free (code->problem);
  g_clear_pointer (&code->raw, g_bytes_unref);
  g_free (code);
}

static GpQrCode *
code_new (const guint8 *data,
          gsize         length,
          gboolean      inverted)
{
  GpQrCode *code = g_new0 (GpQrCode, 1);
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;

  code->raw = g_bytes_new (data, length);
  code->inverted = inverted;

  /* The same limits and normalisation as a typed code. */
  code->payload = gp_code_from_bytes (data, length, &encoding, &error);
  if (code->payload == NULL)
    code->problem = g_strdup (error->message);
  else
    code->encoding = g_strdup (encoding);
  return code;
}

GpQrReader *
gp_qr_reader_new (void)
{
  GpQrReader *reader = g_new0 (GpQrReader, 1);
  int failed = 0;

  reader->effort = GP_QR_EFFORT_THOROUGH;
  reader->scanner = zbar_image_scanner_create ();
  /* QR only: the other symbologies cost 3× the time and read 1D codes out of noise. */
  failed |= zbar_image_scanner_set_config (reader->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  failed |= zbar_image_scanner_set_config (reader->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  /* Keep the bytes: zbar would guess SJIS or Big5 for Chinese text. */
  failed |= zbar_image_scanner_set_config (reader->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  g_assert (failed == 0);
  return reader;
}

void
gp_qr_reader_free (GpQrReader *reader)
{
  if (reader == NULL)
    return;
  zbar_image_scanner_destroy (reader->scanner);
  g_free (reader);
}

void
gp_qr_reader_set_effort (GpQrReader *reader,
                         GpQrEffort  effort)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (effort <= GP_QR_EFFORT_THOROUGH);

  reader->effort = effort;
}

GpQrEffort
gp_qr_reader_get_effort (GpQrReader *reader)
{
  g_return_val_if_fail (reader != NULL, GP_QR_EFFORT_THOROUGH);

  return reader->effort;
}

static gboolean
has_code (GPtrArray *codes,
          GBytes    *raw)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_bytes_equal (((GpQrCode *) g_ptr_array_index (codes, i))->raw, raw))
      return TRUE;
  return FALSE;
}

/* Adds the codes zbar finds in tightly packed grey pixels, each once. */
static guint
scan (GpQrReader   *reader,
      const guint8 *pixels,
      int           width,
      int           height,
      gboolean      inverted,
      GPtrArray    *codes)
{
  zbar_image_t *image = zbar_image_create ();
  const zbar_symbol_t *symbol;
  guint found = 0;

  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) width, (unsigned) height);
  zbar_image_set_data (image, pixels, (unsigned long) width * (unsigned long) height, NULL);

  if (zbar_scan_image (reader->scanner, image) < 0)
    g_critical ("zbar refused a %dx%d grey image", width, height);

  for (symbol = zbar_image_first_symbol (image); symbol != NULL; symbol = zbar_symbol_next (symbol))
    {
      g_autoptr(GBytes) raw = NULL;

      if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
        continue;
      raw = g_bytes_new (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
      if (has_code (codes, raw))
        continue;
      g_ptr_array_add (codes, code_new (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), inverted));
      found++;
    }

  zbar_image_destroy (image);
  return found;
}

static guint
scan_crop (GpQrReader       *reader,
           const guint8     *pixels,
           int               stride,
           const GpQrRegion *region,
           GPtrArray        *codes)
{
  g_autofree guint8 *crop = NULL;
  int width, height;

  crop = gp_qr_region_crop (region, pixels, stride, &width, &height);
  return scan (reader, crop, width, height, region->inverted, codes);
}

/* Codes whose three finders were seen, sampled upright through their grid,
 * or as they are in the frame when the grid is off (a bent page, say). */
static void
scan_grids (GpQrReader   *reader,
            const guint8 *pixels,
            int           width,
            int           height,
            int           stride,
            GArray       *regions,
            GPtrArray    *codes)
{
  for (guint i = 0; i < regions->len; i++)
    {
      const GpQrRegion *region = &g_array_index (regions, GpQrRegion, i);
      g_autofree guint8 *sample = NULL;
      int side;

      if (!region->has_grid)
        continue;
      sample = gp_qr_grid_sample (&region->grid, pixels, width, height, stride,
                                  SAMPLE_SCALE, SAMPLE_QUIET, region->inverted, &side);
      /* Only where the finders are clearly there: textures make grids too. */
      if (scan (reader, sample, side, side, region->inverted, codes) == 0 && region->match >= CROP_GRID_MATCH)
        scan_crop (reader, pixels, stride, region, codes);
    }
}

/* The boxes around lone finders, for codes partly hidden by glare or a
 * thumb, or whose other finders were missed, and around grids not tried
 * yet; stops at the first code. */
static void
scan_other_crops (GpQrReader   *reader,
                  const guint8 *pixels,
                  int           stride,
                  GArray       *regions,
                  gsize         budget,
                  GPtrArray    *codes)
{
  for (guint i = 0; i < regions->len && codes->len == 0; i++)
    {
      const GpQrRegion *region = &g_array_index (regions, GpQrRegion, i);
      gsize area = (gsize) region->width * (gsize) region->height * (region->module < 3.5 ? 4 : 1);

      if ((region->has_grid && region->match >= CROP_GRID_MATCH) || area > budget)
        continue;
      budget -= area;
      scan_crop (reader, pixels, stride, region, codes);
    }
}

/* Returns the codes found, each read or refused with a reason. */
GPtrArray *
gp_qr_reader_decode (GpQrReader    *reader,
                     const GpFrame *frame)
{
  g_autoptr(GpFrame) gray = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autofree guint8 *packed = NULL;
  const guint8 *pixels;
  int width, height, stride;
  GPtrArray *codes;
  gsize n;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);

  if (frame->format != GP_FRAME_GRAY)
    frame = gray = gp_frame_to_gray (frame);
  pixels = frame->data;
  width = frame->width;
  height = frame->height;
  stride = frame->stride;

  codes = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_qr_code_free);
  regions = gp_qr_region_find_all (pixels, width, height, stride);
  scan_grids (reader, pixels, width, height, stride, regions, codes);
  if (codes->len == 0)
    scan_other_crops (reader, pixels, stride, regions,
                      reader->effort == GP_QR_EFFORT_FAST ? FAST_CROP_BUDGET : G_MAXSIZE, codes);
  if (codes->len > 0 || reader->effort < GP_QR_EFFORT_THOROUGH)
    return codes;

  /* Last, zbar's own search over the whole frame, which wants it tightly
   * packed; light-on-dark codes in a negative copy: our retry rather than
   * ZBAR_CFG_TEST_INVERTED, which does the same but does not say which
   * pass found the code. */
  n = (gsize) width * (gsize) height;
  packed = g_malloc (n);
  for (int y = 0; y < height; y++)
    memcpy (packed + (gsize) y * (gsize) width, pixels + (gsize) y * (gsize) stride, (gsize) width);
  if (scan (reader, packed, width, height, FALSE, codes) > 0)
    return codes;
  for (gsize i = 0; i < n; i++)
    packed[i] = 255 - packed[i];
  scan (reader, packed, width, height, TRUE, codes);
  return codes;
}
