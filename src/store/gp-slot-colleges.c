/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A batch's timetable against its roster: every college named is one the
 * roster has, so the time-slot warnings are never silently off. */
#define G_LOG_DOMAIN "gp-slot-colleges"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/gp-slot-colleges.h"
#include "store/gp-store-private.h"
#include "store/gp-time-slot.h"

char **
gp_store_list_colleges (GpStore     *store,
                        const char  *batch,
                        GError     **error)
{
  const char *what = _("list the roster’s colleges");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) colleges = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (store));
  stmt = gp_store_prepare (store,
                           "SELECT DISTINCT s.college FROM students s LEFT JOIN batches b ON b.id = s.batch_id"
                           " WHERE s.college IS NOT NULL AND s.college <> '' AND (?1 IS NULL OR b.name = ?1)"
                           " ORDER BY s.college",
                           what, error);
  if (stmt == NULL)
    return NULL;
  rc = gp_store_bind_optional (stmt, 1, batch);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (colleges, (const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_strv_builder_end (colleges);
}

/* Over characters, not bytes: with @common the length of the longest run
 * of characters both share in order (an abbreviation keeps all of its own),
 * else the edit distance. */
static guint
compare (const char *a,
         const char *b,
         gboolean    common)
{
  glong n = 0, m = 0;
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, &n);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, &m);
  g_autofree guint *row = g_new (guint, m + 1);

  for (glong j = 0; j <= m; j++)
    row[j] = common ? 0 : (guint) j;
  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0];

      row[0] = common ? 0 : (guint) i;
      for (glong j = 1; j <= m; j++)
        {
          guint above = row[j];
          gboolean same = x[i - 1] == y[j - 1];

          if (common)
            row[j] = same ? diagonal + 1 : MAX (row[j], row[j - 1]);
          else
            row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + !same);
          diagonal = above;
        }
    }
  return row[m];
}

const char *
gp_college_closest (const char  *name,
                    char       **colleges)
{
  const char *best = NULL;
  guint best_common = 0, best_distance = G_MAXUINT;

  g_return_val_if_fail (name != NULL, NULL);

  /* "历文院" is 历史文化学院 (all three characters, in order), not 法学院
   * (fewer edits, one character shared). */
  for (guint i = 0; colleges != NULL && colleges[i] != NULL; i++)
    {
      guint common = compare (name, colleges[i], TRUE);
      guint distance = compare (name, colleges[i], FALSE);

      if (best == NULL || common > best_common || (common == best_common && distance < best_distance))
        {
          best = colleges[i];
          best_common = common;
          best_distance = distance;
        }
    }
  return best;
}

gboolean
gp_time_slots_check_colleges (GPtrArray  *slots,
                              char      **colleges,
                              GError    **error)
{
  g_return_val_if_fail (slots != NULL, FALSE);

  if (colleges == NULL || colleges[0] == NULL)
    return TRUE;
  for (guint i = 0; i < slots->len; i++)
    {
      const char *college = ((GpCollegeSlot *) g_ptr_array_index (slots, i))->college;
      g_autofree char *known = NULL;
      const char *closest;

      if (g_strv_contains ((const char *const *) colleges, college))
        continue;
      closest = gp_college_closest (college, colleges);
      known = g_strjoinv ("、", colleges);
      g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                   /* Translators: the timetable's name, the closest roster college, the roster's colleges, then an
                    * alias to write */
                   _("No college on the roster is called “%s”; the closest is “%s”. The roster’s colleges are: %s. "
                     "Write the roster’s name, or add an alias such as “%s=%s”."),
                   college, closest, known, college, closest);
      return FALSE;
    }
  return TRUE;
}
