#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      gp_test_remove_tree  (const char  *path);
gboolean  gp_test_run_tool     (char       **out,
                                const char  *package,
                                const char  *tool,
                                ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
