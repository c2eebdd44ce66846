#pragma once

#include "camera/gp-frame-source.h"
#include "station/gp-station.h"

G_BEGIN_DECLS

gboolean  gp_demo_student_attach  (GpStation      *station,
                                   GpFrameSource  *source,
                                   const char     *portrait_path,
                                   const char     *mask_path,
                                   GError        **error);

G_END_DECLS
