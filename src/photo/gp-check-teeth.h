#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

double  gp_check_teeth_share  (const GpFrame  *photo,
                               const GpFace   *face);

G_END_DECLS
