/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* From a scanned code to a student the station may photograph. */
#define G_LOG_DOMAIN "gp-identify"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scan/gp-code.h"
#include "scan/gp-payload.h"
#include "core/gp-text.h"
#include "station/gp-identify.h"
#include "store/gp-student-state.h"
#include "store/gp-time-slot.h"

void
gp_identification_free (GpIdentification *identification)
{
  if (identification == NULL)
    return;
  g_clear_pointer (&identification->student, gp_student_free);
  g_free (identification->notice);
  g_free (identification);
}

static GpIdentification *
refuse (GpIdentification *result,
        char             *notice)
{
  g_clear_pointer (&result->student, gp_student_free);
  g_free (result->notice);
  result->notice = notice;
  result->is_error = TRUE;
  return result;
}

static char *
unknown_code_notice (const char *code)
{
  g_autoptr(GpPayload) payload = gp_payload_parse (code);
  g_autofree char *read = gp_code_excerpt (code, -1);

  if (payload->kind == GP_PAYLOAD_STUDENT_NUMBER)
    return g_strdup_printf (_("This code gives 学号 %s, which is not on the roster. "
                              "Ask the staff at the desk to check the student list."), payload->value);
  /* Translators: %s is what was read, e.g. “GPDEMO7K3Q9X2M4T” */
  return g_strdup_printf (_("Read “%s”: not on the roster. Ask the staff at the desk to check the student list."),
                          read);
}

static const char *
status_words (const char *status)
{
  GpCaptureStatus value;

  if (status == NULL || !gp_capture_status_from_string (status, &value))
    return status != NULL ? status : "";
  switch (value)
    {
    case GP_CAPTURE_CAPTURED:
      return _("taken, not yet approved");
    case GP_CAPTURE_APPROVED:
      return _("approved");
    case GP_CAPTURE_PRINTED:
      return _("approved and printed");
    case GP_CAPTURE_EXPORTED:
      return _("exported");
    case GP_CAPTURE_REJECTED:
      return _("rejected");
    case GP_CAPTURE_MISSING:
    case GP_N_CAPTURE_STATUSES:
    default:
      return _("file missing");
    }
}

/* When, where and how the latest earlier photo went, so the photographer
 * knows whether this is a retake or a mistake. */
static void
describe_previous (GString         *notice,
                   GpStore         *store,
                   const GpStudent *student,
                   int              count)
{
  g_autoptr(GpCapture) latest = gp_store_find_latest_capture (store, student->id, NULL);
  g_autofree char *when = NULL;

  if (latest == NULL)
    return;
  when = gp_text_local_time (latest->created_at, "%m-%d %H:%M");
  /* Translators: count, then date and time, station name and what became of the photo */
  g_string_append_printf (notice, g_dngettext (GETTEXT_PACKAGE,
                                               "Photographed %1$d time before: %2$s at station %3$s, %4$s. "
                                               "A new photo will be kept as a retake.",
                                               "Photographed %1$d times before; the latest %2$s at station %3$s, "
                                               "%4$s. A new photo will be kept as a retake.",
                                               count),
                          count, when != NULL ? when : "?", latest->station != NULL ? latest->station : "?",
                          status_words (latest->status));
}

/* The student's own batch: its name for the refusal, its slots for the warning. */
static GpBatch *
student_batch (GpStore          *store,
               const GpStudent  *student,
               GError          **error)
{
  if (student->batch_id <= 0)
    return gp_store_find_batch (store, GP_STORE_DEFAULT_BATCH, error);
  return gp_store_get_batch (store, student->batch_id, error);
}

static char *
slot_warning (const GpStudent *student,
              const GpBatch   *batch,
              GDateTime       *now)
{
  g_autofree char *expected = NULL;

  if (gp_time_slot_check (student->time_slot, batch != NULL ? batch->time_slots : NULL, student->college,
                          now, &expected) != GP_SLOT_OUTSIDE)
    return NULL;
  /* Translators: %s is one or more time slots, e.g. "11-21 08:00–10:00" */
  return g_strdup_printf (_("Not this student’s time slot (%s). Photograph them if there is time, "
                            "or ask them to come back then."), expected);
}

GpIdentification *
gp_identify (GpStore    *store,
             const char *code,
             gint64      batch_id,
             GDateTime  *now)
{
  g_autoptr(GpIdentification) result = g_new0 (GpIdentification, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpBatch) batch = NULL;
  g_autoptr(GString) notice = g_string_new (NULL);
  g_autofree char *slot = NULL;
  g_autoptr(GpStudentProgress) progress = NULL;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  result->student = gp_payload_find_student (code, store, NULL, &error);
  if (error != NULL)
    return refuse (g_steal_pointer (&result), g_strdup (error->message));
  /* Never guess: an unknown code records nothing against anyone. */
  if (result->student == NULL)
    return refuse (g_steal_pointer (&result), unknown_code_notice (code));

  batch = student_batch (store, result->student, &error);
  if (error != NULL)
    return refuse (g_steal_pointer (&result), g_strdup (error->message));
  if (batch_id > 0 && (batch == NULL || batch->id != batch_id))
    return refuse (g_steal_pointer (&result),
                   g_strdup_printf (_("This code is for batch “%s”, not the one this station collects. "
                                      "Send the student to the staff at the desk."),
                                    batch != NULL ? batch->name : "?"));

  result->previous_captures = gp_store_count_captures (store, result->student->id, &error);
  if (result->previous_captures < 0)
    return refuse (g_steal_pointer (&result), g_strdup (error->message));
  if (result->previous_captures > 0)
    describe_previous (notice, store, result->student, result->previous_captures);
  progress = gp_store_find_progress (store, result->student->id, &error);
  if (error != NULL)
    return refuse (g_steal_pointer (&result), g_strdup (error->message));
  if (progress != NULL && progress->state == GP_STUDENT_CALLBACK)
    {
      g_autofree char *why = gp_student_progress_detail (progress);

      g_string_append_c (notice, '\n');
      /* Translators: why the earlier photos cannot be used, e.g. "rejected: eyes closed" */
      g_string_append_printf (notice, _("Called back: no earlier photo can be used (%s)."), why);
    }
  result->unpaid = batch != NULL && batch->payment_tracked && result->student->paid == 0;
  slot = slot_warning (result->student, batch, now);
  if (slot != NULL)
    g_string_append_printf (notice, "%s%s", notice->len > 0 ? "\n" : "", slot);
  if (notice->len > 0)
    result->notice = g_strdup (notice->str);
  return g_steal_pointer (&result);
}
