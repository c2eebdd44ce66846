#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *gp_checks_to_json  (GArray     *checks,
                           gboolean    passed,
                           const char *profile);

G_END_DECLS
