/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The whole event pulled into a temporary store, for the staff commands. */
#define G_LOG_DOMAIN "gp-sync"

#include "config.h"

#include <glib/gstdio.h>

#include "sync/gp-server.h"
#include "sync/gp-sync-event.h"
#include "sync/gp-sync.h"

void
gp_sync_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        gp_sync_remove_dir (child);
      }
  g_remove (path);
}

GpStore *
gp_sync_open_event (const char  *server,
                    char       **dir,
                    GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *photos_dir = NULL;

  g_return_val_if_fail (server != NULL && dir != NULL, NULL);

  conn = gp_server_connect (server, TRUE, error);
  if (conn == NULL)
    return NULL;
  tmp = g_dir_make_tmp ("gradphoto-event-XXXXXX", error);
  if (tmp == NULL)
    return NULL;
  db_path = g_build_filename (tmp, "event.db", NULL);
  photos_dir = g_build_filename (tmp, "photos", NULL);
  store = gp_store_open (db_path, error);
  if (store == NULL || !gp_sync_pull (conn, store, photos_dir, NULL, NULL, NULL, error))
    {
      g_clear_object (&store);
      gp_sync_remove_dir (tmp);
      return NULL;
    }
  *dir = g_steal_pointer (&tmp);
  return g_steal_pointer (&store);
}
