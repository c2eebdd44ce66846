#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

GpFrame  *gp_image_load  (const char  *path,
                          gsize       *file_size,
                          GError     **error);

G_END_DECLS
