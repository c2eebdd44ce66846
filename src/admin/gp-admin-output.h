#pragma once

#include <json-glib/json-glib.h>

#include "store/gp-store.h"

G_BEGIN_DECLS

/* What every subcommand shares: the opened store and how to report. */
typedef struct {
  gboolean  json;
} GpAdminOptions;

GpStore  *gp_admin_open_store   (GError       **error);
void      gp_admin_print_json   (JsonBuilder   *builder);
int       gp_admin_fail         (const GError  *error,
                                 gboolean       json);

G_END_DECLS
