/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_TIME_SLOT_ERROR (gp_time_slot_error_quark ())

typedef enum {
  GP_TIME_SLOT_ERROR_INVALID,
} GpTimeSlotError;

GQuark gp_time_slot_error_quark (void);

/* When a college (or one student) is expected at the station, as schools
 * write it on the timetable: "08:00-10:00", "11月21日 8:00~10:00",
 * "2026-11-21 13:30-15:00". */
typedef struct {
  int year, month, day;   /* 0: any day (or any year) */
  int start, end;         /* minutes after midnight, end excluded */
} GpTimeSlot;

/* One entry of a batch's time slots. */
typedef struct {
  char       *college;
  GpTimeSlot  slot;
} GpCollegeSlot;

void        gp_college_slot_free       (GpCollegeSlot     *slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpCollegeSlot, gp_college_slot_free)

gboolean    gp_time_slot_parse         (const char        *text,
                                        GpTimeSlot        *slot,
                                        GError           **error);
gboolean    gp_time_slot_contains      (const GpTimeSlot  *slot,
                                        GDateTime         *when);
/* "08:00–10:00", with "11-21 " before it when the slot has a day. */
char       *gp_time_slot_to_string     (const GpTimeSlot  *slot);

/* A batch's time slots: entries "COLLEGE=SLOT" or "COLLEGE SLOT", separated
 * by ';', '；' or new lines; a college may have several. Returns a
 * GPtrArray of GpCollegeSlot, or NULL with @error naming the bad entry. */
GPtrArray  *gp_time_slots_parse        (const char        *text,
                                        GError           **error);

typedef enum {
  GP_SLOT_UNKNOWN,   /* no slot given for this student */
  GP_SLOT_INSIDE,
  GP_SLOT_OUTSIDE,
} GpSlotVerdict;

/* Whether @when falls in the student's slot: the roster's own 时间段 for the
 * student (@student_slot) when it parses, else the batch's slots for
 * @college. @expected, when not NULL, is set to the slots that apply, for
 * the message (NULL when unknown). */
GpSlotVerdict gp_time_slot_check       (const char        *student_slot,
                                        const char        *batch_slots,
                                        const char        *college,
                                        GDateTime         *when,
                                        char             **expected);

G_END_DECLS
