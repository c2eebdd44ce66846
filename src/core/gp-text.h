#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *gp_text_mask_name     (const char   *name);
char  *gp_text_from_bytes    (const guint8 *data,
                              gsize         length,
                              const char  **encoding);
gboolean gp_text_has_control (const char   *text);

G_END_DECLS
