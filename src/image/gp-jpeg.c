/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* JPEG in and out through libjpeg-turbo; errors come back as GError,
 * never as libjpeg's default exit(). */
#define G_LOG_DOMAIN "gp-jpeg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>

#include "core/gp-durable.h"
#include "image/gp-jpeg.h"

G_DEFINE_QUARK (gp-jpeg-error-quark, gp_jpeg_error)

typedef struct {
  struct jpeg_error_mgr parent;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} ErrorManager;

static void
on_jpeg_error (j_common_ptr cinfo)
{
  ErrorManager *mgr = (ErrorManager *) cinfo->err;

  mgr->parent.format_message (cinfo, mgr->message);
  longjmp (mgr->jump, 1);
}

static void
on_jpeg_message (j_common_ptr cinfo,
                 int          level)
{
  /* Warnings about corrupt data (a cut-short file) are counted and turned
   * into an error by the caller, not printed. */
  if (level < 0)
    cinfo->err->num_warnings++;
}

GBytes *
gp_jpeg_encode (const GpFrame  *frame,
                int             quality,
                int             dpi,
                GError        **error)
{
  struct jpeg_compress_struct cinfo;
  ErrorManager err;
  unsigned char *buffer = NULL;
  unsigned long size = 0;

  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (quality >= 1 && quality <= 100, NULL);

  cinfo.err = jpeg_std_error (&err.parent);
  err.parent.error_exit = on_jpeg_error;
  err.parent.emit_message = on_jpeg_message;
  if (setjmp (err.jump))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      g_set_error (error, GP_JPEG_ERROR, GP_JPEG_ERROR_ENCODE,
                   _("Could not encode the photo as JPEG: %s"), err.message);
      return NULL;
    }

  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = (JDIMENSION) frame->width;
  cinfo.image_height = (JDIMENSION) frame->height;
  cinfo.input_components = gp_frame_channels (frame);
  cinfo.in_color_space = frame->format == GP_FRAME_RGB ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.write_JFIF_header = TRUE;
  cinfo.density_unit = 1; /* dots per inch */
  cinfo.X_density = (UINT16) dpi;
  cinfo.Y_density = (UINT16) dpi;
  cinfo.optimize_coding = TRUE;
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = frame->data + (gsize) cinfo.next_scanline * frame->stride;
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  return g_bytes_new_with_free_func (buffer, size, free, buffer);
}

/* A plain conversion, no colour profile: good enough to find a face and
 * check a photo. Adobe's files store CMYK inverted. */
static void
cmyk_to_rgb (const guint8  *cmyk,
             guint8        *rgb,
             JDIMENSION     width,
             gboolean       inverted)
{
  for (JDIMENSION x = 0; x < width; x++, cmyk += 4, rgb += 3)
    {
      guint k = inverted ? cmyk[3] : 255u - cmyk[3];

      for (int i = 0; i < 3; i++)
        rgb[i] = (guint8) (((inverted ? cmyk[i] : 255u - cmyk[i]) * k + 127) / 255);
    }
}

GpFrame *
gp_jpeg_decode (GBytes  *jpeg,
                GError **error)
{
  struct jpeg_decompress_struct cinfo;
  ErrorManager err;
  GpFrame *volatile frame = NULL;
  guint8 *volatile cmyk_row = NULL;
  gboolean cmyk;
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (jpeg != NULL, NULL);

  data = g_bytes_get_data (jpeg, &length);
  cinfo.err = jpeg_std_error (&err.parent);
  err.parent.error_exit = on_jpeg_error;
  err.parent.emit_message = on_jpeg_message;
  if (setjmp (err.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      if (frame != NULL)
        gp_frame_unref (frame);
      g_free (cmyk_row);
      g_set_error (error, GP_JPEG_ERROR, GP_JPEG_ERROR_DECODE,
                   _("This is not a readable JPEG image (%s). Use a photo saved as .jpg."),
                   err.message);
      return NULL;
    }

  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) length);
  jpeg_read_header (&cinfo, TRUE);
  if (!gp_frame_size_allowed (cinfo.image_width, cinfo.image_height, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }
  /* Print shops and Photoshop save CMYK; libjpeg converts it to nothing else. */
  cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_start_decompress (&cinfo);
  frame = gp_frame_new (GP_FRAME_RGB, (int) cinfo.output_width, (int) cinfo.output_height);
  if (cmyk)
    cmyk_row = g_malloc ((gsize) cinfo.output_width * 4);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = frame->data + (gsize) cinfo.output_scanline * frame->stride;

      if (!cmyk)
        {
          jpeg_read_scanlines (&cinfo, &row, 1);
          continue;
        }
      row = cmyk_row;
      jpeg_read_scanlines (&cinfo, &row, 1);
      cmyk_to_rgb (cmyk_row, frame->data + (gsize) (cinfo.output_scanline - 1) * frame->stride,
                   cinfo.output_width, cinfo.saw_Adobe_marker);
    }
  g_clear_pointer (&cmyk_row, g_free);
  /* A truncated file decodes with a warning and grey rows: refuse it. */
  if (err.parent.num_warnings > 0)
    {
      err.parent.format_message ((j_common_ptr) &cinfo, err.message);
      jpeg_destroy_decompress (&cinfo);
      gp_frame_unref (frame);
      g_set_error (error, GP_JPEG_ERROR, GP_JPEG_ERROR_DECODE,
                   _("The JPEG image is damaged or cut short (%s). Copy the file again."),
                   err.message);
      return NULL;
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  return frame;
}

GpFrame *
gp_jpeg_load (const char  *path,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  return gp_jpeg_decode (bytes, error);
}

gboolean
gp_jpeg_save (const GpFrame  *frame,
              const char     *path,
              int             quality,
              int             dpi,
              GError        **error)
{
  g_autoptr(GBytes) bytes = gp_jpeg_encode (frame, quality, dpi, error);
  gsize length = 0;
  const guint8 *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return gp_durable_write (path, data, length, error);
}
