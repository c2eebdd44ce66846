/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A student photographed in another room, as the station says it. */
#define G_LOG_DOMAIN "gp-elsewhere"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "station/gp-elsewhere.h"
#include "store/gp-student-state.h"

/* "10:32" in the station's time zone for a stored UTC time. */
static char *
local_clock (const char *stored)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = stored != NULL ? g_date_time_new_from_iso8601 (stored, utc) : NULL;
  g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup (stored != NULL ? stored : "?");
}

char *
gp_elsewhere_notice (GpStore     *store,
                     gint64       student_id,
                     const char  *station,
                     GError     **error)
{
  g_autoptr(GPtrArray) captures = NULL;
  g_autoptr(GpStudentProgress) progress = NULL;
  g_autofree char *clock = NULL;
  GpCapture *latest = NULL;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);

  captures = gp_store_list_captures (store, student_id, error);
  if (captures == NULL)
    return NULL;
  /* The latest photo from another room: the list is oldest first. */
  for (guint i = captures->len; i > 0 && latest == NULL; i--)
    {
      GpCapture *c = g_ptr_array_index (captures, i - 1);

      if (c->station != NULL && g_strcmp0 (c->station, station) != 0)
        latest = c;
    }
  if (latest == NULL)
    return NULL;
  progress = gp_store_find_progress (store, student_id, error);
  if (progress == NULL)
    return NULL;
  clock = local_clock (latest->created_at);
  /* Translators: the other station's name (a room), a time such as 10:32, then where the student stands */
  return g_strdup_printf (_("Already photographed in room %s (%s), %s."), latest->station, clock,
                          gp_student_state_describe (progress->state));
}
