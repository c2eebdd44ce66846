#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each subcommand parses its own options and returns the exit status. */
int  gp_admin_import_roster  (int    argc,
                              char **argv);
int  gp_admin_status         (int    argc,
                              char **argv);
int  gp_admin_print          (int    argc,
                              char **argv);
int  gp_admin_printers       (int    argc,
                              char **argv);
int  gp_admin_jobs           (int    argc,
                              char **argv);
int  gp_admin_cancel         (int    argc,
                              char **argv);
int  gp_admin_reprint        (int    argc,
                              char **argv);

G_END_DECLS
