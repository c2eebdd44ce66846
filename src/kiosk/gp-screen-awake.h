#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gp_screen_awake_start (GtkWidget *widget);

G_END_DECLS
