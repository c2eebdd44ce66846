/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Questions the kiosk asks before an action nobody can undo in a queue:
 * dropping the student on screen, moving on with nothing printed, printing
 * a second sheet. The same press again within a while answers yes. */
#define G_LOG_DOMAIN "gp-ask"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk/gp-ask.h"

/* Long enough to read the question; short enough that a stale one does not
 * answer for the next student. */
#define ASK_VALID_US (8 * G_USEC_PER_SEC)

/* TRUE when @kind was asked just before: go ahead. Otherwise it is asked now. */
gboolean
gp_ask_confirmed (GpAsk     *ask,
                  GpAskKind  kind,
                  gint64     now)
{
  g_return_val_if_fail (ask != NULL, FALSE);

  if (ask->kind == kind && now - ask->asked_at <= ASK_VALID_US)
    {
      gp_ask_clear (ask);
      return TRUE;
    }
  ask->kind = kind;
  ask->asked_at = now;
  return FALSE;
}

void
gp_ask_clear (GpAsk *ask)
{
  g_return_if_fail (ask != NULL);
  ask->kind = GP_ASK_NONE;
  ask->asked_at = 0;
}

const char *
gp_ask_question (GpAskKind kind)
{
  switch (kind)
    {
    case GP_ASK_DROP_STUDENT:
      return _("Not this student? Press Enter again to let the next one come, or Esc to stay.");
    case GP_ASK_NEXT_UNPRINTED:
      return _("Nothing was printed for this student. Press Enter again to go on without a sheet, "
               "or P to print.");
    case GP_ASK_REPRINT:
      return _("This photo’s sheet was already made. Press P (Print) again for another one.");
    case GP_ASK_NONE:
    default:
      return NULL;
    }
}
