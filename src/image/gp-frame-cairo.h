#pragma once

#include <cairo.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

cairo_surface_t  *gp_frame_to_cairo    (const GpFrame   *frame);
GpFrame          *gp_frame_from_cairo  (cairo_surface_t *surface);

G_END_DECLS
