#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         gp_paths_set_data_dir  (const char *dir);
const char  *gp_paths_get_data_dir  (void);
char        *gp_paths_database      (void);
char        *gp_paths_photos_dir    (void);
char        *gp_paths_sheets_dir    (void);
char        *gp_paths_sheet         (const char *stem,
                                     const char *layout_name);

G_END_DECLS
