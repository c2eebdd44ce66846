#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  gp_csv_write_cell  (GString     *out,
                          const char  *value);

G_END_DECLS
