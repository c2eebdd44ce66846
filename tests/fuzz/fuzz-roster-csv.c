/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A roster file as staff bring it (CSV in UTF-8 or GBK, or anything else),
 * imported into a real store. */
#include "config.h"

#include "store/gp-roster.h"
#include "store/gp-store-private.h"

#include "fuzz-util.h"

static GpStore *
store_get (void)
{
  static GpStore *store;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("gp-fuzz-roster-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "station.db", NULL);

      store = gp_store_open (path, NULL);
      g_assert (store != NULL);
      /* Durability is not what is fuzzed: no fsync per import. */
      g_assert (sqlite3_exec (gp_store_get_db (store), "PRAGMA synchronous = OFF", NULL, NULL, NULL) == SQLITE_OK);
    }
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GpStore *store = store_get ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GpRosterReport) report = gp_roster_import_bytes (store, bytes, NULL);

  if (report != NULL)
    {
      g_assert (report->inserted + report->updated <= report->rows);
      /* Each input starts from an empty roster. */
      g_assert (sqlite3_exec (gp_store_get_db (store), "DELETE FROM students", NULL, NULL, NULL) == SQLITE_OK);
    }
  return 0;
}
