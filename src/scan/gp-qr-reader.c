/* Finds QR codes in a frame with zbar and turns their bytes into text. */
#define G_LOG_DOMAIN "gp-qr-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zbar.h>

#include "core/gp-text.h"
#include "scan/gp-qr-reader.h"

struct _GpQrReader
{
  zbar_image_scanner_t *scanner;
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

/* C0 controls and DEL are single bytes in both UTF-8 and GB18030 (never
 * trail bytes), so they can be found before decoding; an embedded NUL would
 * otherwise cut the GB18030 conversion short. */
static gboolean
has_byte_control (const guint8 *data,
                  gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] < 0x20 || data[i] == 0x7f)
      return TRUE;
  return FALSE;
}

/* C1 controls only exist once the text is decoded. */
static gboolean
has_text_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CONTROL)
      return TRUE;
  return FALSE;
}

#define CONTROL_PROBLEM N_("This code contains control characters such as tabs or line breaks, so it is not " \
                           "a collection code. Ask the student to open the image collection code on the CHSI website.")

static GpQrCode *
code_new (const guint8 *data,
          gsize         length,
          gboolean      inverted)
{
  GpQrCode *code = g_new0 (GpQrCode, 1);
  const char *encoding = NULL;
  char *text = NULL;

  code->raw = g_bytes_new (data, length);
  code->inverted = inverted;

  /* Plain %u: xgettext cannot read G_GSIZE_FORMAT inside a msgid. */
  if (length > GP_QR_MAX_PAYLOAD)
    code->problem = g_strdup_printf (_("This code holds %u bytes, more than a collection code can (%u). "
                                       "Ask the student to open the image collection code on the CHSI website."),
                                     (guint) MIN (length, G_MAXUINT), (guint) GP_QR_MAX_PAYLOAD);
  else if (has_byte_control (data, length))
    code->problem = g_strdup (_(CONTROL_PROBLEM));
  else if ((text = gp_text_from_bytes (data, length, &encoding)) == NULL)
    code->problem = g_strdup (_("The text in this code is neither UTF-8 nor GB18030. "
                                "Ask the student to open the image collection code on the CHSI website."));
  else if (has_text_control (text))
    code->problem = g_strdup (_(CONTROL_PROBLEM));

  if (code->problem == NULL)
    {
      code->payload = g_steal_pointer (&text);
      code->encoding = g_strdup (encoding);
    }
  g_free (text);
  return code;
}

GpQrReader *
gp_qr_reader_new (void)
{
  GpQrReader *reader = g_new0 (GpQrReader, 1);
  int failed = 0;

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
      if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
        continue;
      g_ptr_array_add (codes, code_new ((const guint8 *) zbar_symbol_get_data (symbol),
                                        zbar_symbol_get_data_length (symbol), inverted));
      found++;
    }

  zbar_image_destroy (image);
  return found;
}

/* Returns the codes found, each read or refused with a reason; light-on-dark
 * codes are looked for only when no dark-on-light code was found. */
GPtrArray *
gp_qr_reader_decode (GpQrReader    *reader,
                     const GpFrame *frame)
{
  g_autoptr(GpFrame) gray = NULL;
  g_autofree guint8 *negative = NULL;
  const guint8 *pixels;
  GPtrArray *codes;
  gsize n;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);

  /* zbar wants tightly packed 8-bit grey. */
  if (frame->format == GP_FRAME_GRAY && frame->stride == frame->width)
    pixels = frame->data;
  else
    {
      gray = gp_frame_to_gray (frame);
      pixels = gray->data;
    }

  codes = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_qr_code_free);
  if (scan (reader, pixels, frame->width, frame->height, FALSE, codes) > 0)
    return codes;

  /* Our own retry rather than ZBAR_CFG_TEST_INVERTED, which does the same
   * but does not say which pass found the code. */
  n = (gsize) frame->width * (gsize) frame->height;
  negative = g_malloc (n);
  for (gsize i = 0; i < n; i++)
    negative[i] = 255 - pixels[i];
  scan (reader, negative, frame->width, frame->height, TRUE, codes);
  return codes;
}
