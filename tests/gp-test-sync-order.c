/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Checks the order of the calls gp-syscall-recorder.so logged against what
 * survives a power cut: a file's data must be fsynced before its rename, the
 * folder fsynced after the rename (or a mkdir) and before the database
 * commit, and the commit's WAL fsynced. A SIGKILL cannot tell these apart:
 * the page cache outlives the process. */
#include <string.h>

#include "gp-test-sync-order.h"

typedef struct
{
  char  kind;      /* 'w'rite, 's'ync, 'r'ename, 'm'kdir */
  char *id;        /* device:inode of the file (or new folder) */
  char *dir_id;    /* rename, mkdir: the folder the name is in */
  char *path;      /* write, sync: the file's name then; rename: the old name */
  char *new_path;  /* rename: the new name; mkdir: the folder */
} Event;

static void
event_free (Event *e)
{
  g_free (e->id);
  g_free (e->dir_id);
  g_free (e->path);
  g_free (e->new_path);
  g_free (e);
}

static GPtrArray *
read_events (const char *log_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);

  g_file_get_contents (log_path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      guint n = g_strv_length (f);
      Event *e;

      if (n == 0 || f[0][0] == '\0')
        continue;
      e = g_new0 (Event, 1);
      e->kind = f[0][0];
      if ((e->kind == 'w' || e->kind == 's') && n == 3)
        {
          e->id = g_strdup (f[1]);
          e->path = g_strdup (f[2]);
        }
      else if (e->kind == 'r' && n == 5)
        {
          e->id = g_strdup (f[1]);
          e->dir_id = g_strdup (f[2]);
          e->path = g_strdup (f[3]);
          e->new_path = g_strdup (f[4]);
        }
      else if (e->kind == 'm' && n == 4)
        {
          e->id = g_strdup (f[1]);
          e->dir_id = g_strdup (f[2]);
          e->new_path = g_strdup (f[3]);
        }
      else
        g_error ("unreadable line in the syscall log: %s", lines[i]);
      g_ptr_array_add (events, e);
    }
  return events;
}

/* The first event in [from, to) of @kind on the file @id (or, when @id is
 * NULL, on the file named @path); -1 when there is none. */
static int
find (GPtrArray  *events,
      int         from,
      int         to,
      char        kind,
      const char *id,
      const char *path)
{
  for (int i = MAX (from, 0); i < to; i++)
    {
      Event *e = g_ptr_array_index (events, i);

      if (e->kind == kind
          && (id != NULL ? g_strcmp0 (e->id, id) == 0 : g_strcmp0 (e->path, path) == 0))
        return i;
    }
  return -1;
}

static int
find_last (GPtrArray  *events,
           int         before,
           char        kind,
           const char *id)
{
  for (int i = before - 1; i >= 0; i--)
    {
      Event *e = g_ptr_array_index (events, i);

      if (e->kind == kind && g_strcmp0 (e->id, id) == 0)
        return i;
    }
  return -1;
}

/* The first write after @from to a file that is not the database's: where
 * the next save begins, or the end of the log. */
static int
find_next_file_write (GPtrArray  *events,
                      int         from,
                      const char *db_path)
{
  for (int i = from; i < (int) events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);

      if (e->kind == 'w' && !g_str_has_prefix (e->path, db_path))
        return i;
    }
  return (int) events->len;
}

/* From the change at @at, the next database commit must come after the
 * folder @dir_id is fsynced, and the commit's WAL must be fsynced before
 * the next save begins. */
static void
check_until_commit (GPtrArray   *events,
                    int          at,
                    const char  *dir_id,
                    const char  *wal_path,
                    const char  *what,
                    GPtrArray   *problems,
                    GHashTable  *commits)
{
  g_autofree char *db_path = g_strndup (wal_path, strlen (wal_path) - strlen ("-wal"));
  int n = (int) events->len;
  int commit_write = find (events, at + 1, n, 'w', NULL, wal_path);
  int next_save, last_wal_write, commit_sync;

  if (commit_write < 0)
    {
      g_ptr_array_add (problems, g_strdup_printf ("no database commit followed %s", what));
      return;
    }
  if (find (events, at + 1, commit_write, 's', dir_id, NULL) < 0)
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s was not made durable before the database commit: the folder holding "
                                      "its name was not fsynced, so a power cut could keep the row and lose the name",
                                      what));
  /* The WAL's header can have a sync of its own before the row's frames. */
  next_save = find_next_file_write (events, commit_write, db_path);
  last_wal_write = commit_write;
  for (int i = commit_write; i < next_save; i++)
    {
      Event *e = g_ptr_array_index (events, i);

      if (e->kind == 'w' && g_strcmp0 (e->path, wal_path) == 0)
        last_wal_write = i;
    }
  commit_sync = find (events, last_wal_write + 1, next_save, 's', NULL, wal_path);
  if (commit_sync < 0)
    g_ptr_array_add (problems,
                     g_strdup_printf ("the database commit after %s was written to %s but never fsynced",
                                      what, wal_path));
  else
    g_hash_table_add (commits, GINT_TO_POINTER (commit_sync));
}

GPtrArray *
gp_test_sync_order_problems (const char        *log_path,
                             const char        *data_dir,
                             const char        *wal_path,
                             GpTestSyncCounts  *counts)
{
  g_autoptr(GPtrArray) events = read_events (log_path);
  g_autoptr(GHashTable) commits = g_hash_table_new (NULL, NULL);
  g_autofree char *prefix = g_strconcat (data_dir, "/", NULL);
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  memset (counts, 0, sizeof *counts);
  for (int i = 0; i < (int) events->len; i++)
    {
      Event *e = g_ptr_array_index (events, i);
      g_autofree char *what = NULL;

      if (e->new_path == NULL || !g_str_has_prefix (e->new_path, prefix))
        continue;
      if (e->kind == 'r')
        {
          int last_write = find_last (events, i, 'w', e->id);

          counts->renamed++;
          if (last_write >= 0 && find (events, last_write + 1, i, 's', e->id, NULL) < 0)
            g_ptr_array_add (problems,
                             g_strdup_printf ("the data written to %s was not fsynced before it was "
                                              "renamed to %s: a power cut could leave it empty or torn",
                                              e->path, e->new_path));
          what = g_strdup_printf ("the rename to %s", e->new_path);
        }
      else
        {
          counts->folders++;
          what = g_strdup_printf ("the new folder %s", e->new_path);
        }
      check_until_commit (events, i, e->dir_id, wal_path, what, problems, commits);
    }
  counts->commits = g_hash_table_size (commits);
  return problems;
}
