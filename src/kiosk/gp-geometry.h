#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the layout test only: where every visible label and button is. */
gboolean gp_geometry_write (GtkWindow   *window,
                            const char  *path,
                            GError     **error);

G_END_DECLS
