/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Time slots as schools write them, and whether a moment falls inside. */
#include "config.h"

#include <string.h>

#include "store/gp-slot-colleges.h"
#include "store/gp-time-slot.h"

static GDateTime *
local (int year, int month, int day, int hour, int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

typedef struct {
  const char *text;
  int         year, month, day, start, end;
} Form;

static const Form forms[] = {
  { "08:00-10:00", 0, 0, 0, 8 * 60, 10 * 60 },
  { " 8:00 ~ 9:30 ", 0, 0, 0, 8 * 60, 9 * 60 + 30 },
  { "13：30至15：00", 0, 0, 0, 13 * 60 + 30, 15 * 60 },
  { "11月21日 08:00-10:00", 0, 11, 21, 8 * 60, 10 * 60 },
  { "11月21日（周六）08:00－10:00", 0, 11, 21, 8 * 60, 10 * 60 },
  { "2026-11-21 14:00–16:00", 2026, 11, 21, 14 * 60, 16 * 60 },
  { "2026/11/21 14:00～16:00", 2026, 11, 21, 14 * 60, 16 * 60 },
  { "2026年11月21日 00:00-24:00", 2026, 11, 21, 0, 24 * 60 },
  { "11-21 07:30到08:15", 0, 11, 21, 7 * 60 + 30, 8 * 60 + 15 },
};

static void
test_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      GpTimeSlot slot;

      g_test_message ("%s", forms[i].text);
      g_assert_true (gp_time_slot_parse (forms[i].text, &slot, &error));
      g_assert_no_error (error);
      g_assert_cmpint (slot.year, ==, forms[i].year);
      g_assert_cmpint (slot.month, ==, forms[i].month);
      g_assert_cmpint (slot.day, ==, forms[i].day);
      g_assert_cmpint (slot.start, ==, forms[i].start);
      g_assert_cmpint (slot.end, ==, forms[i].end);
    }
}

static void
test_refused (void)
{
  static const char * const bad[] = {
    "", "morning", "08:00", "10:00-08:00", "08:00-08:00", "25:00-26:00", "08:60-09:00",
    "13月1日 08:00-09:00", "11月32日 08:00-09:00", "08:00-24:01", "08:00-10:00 extra",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GpTimeSlot slot;

      g_test_message ("%s", bad[i]);
      g_assert_false (gp_time_slot_parse (bad[i], &slot, &error));
      g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
    }
}

/* The start is inside, the end is not; a dated slot is only that day. */
static void
test_contains (void)
{
  GpTimeSlot slot;
  g_autoptr(GDateTime) start = local (2026, 11, 21, 8, 0);
  g_autoptr(GDateTime) before = local (2026, 11, 21, 7, 59);
  g_autoptr(GDateTime) end = local (2026, 11, 21, 10, 0);
  g_autoptr(GDateTime) next_day = local (2026, 11, 22, 9, 0);

  g_assert_true (gp_time_slot_parse ("11月21日 08:00-10:00", &slot, NULL));
  g_assert_true (gp_time_slot_contains (&slot, start));
  g_assert_false (gp_time_slot_contains (&slot, before));
  g_assert_false (gp_time_slot_contains (&slot, end));
  g_assert_false (gp_time_slot_contains (&slot, next_day));
  g_assert_true (gp_time_slot_parse ("08:00-10:00", &slot, NULL));
  g_assert_true (gp_time_slot_contains (&slot, next_day));
}

static void
test_batch_slots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = gp_time_slots_parse ("信息工程学院=11月21日 08:00-10:00；\n"
                                                    "外国语学院 10:00-12:00; 信息工程学院＝11-22 08:00-09:00;",
                                                    &error);
  GpCollegeSlot *third;

  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 3);
  g_assert_cmpstr (((GpCollegeSlot *) slots->pdata[1])->college, ==, "外国语学院");
  third = slots->pdata[2];
  g_assert_cmpstr (third->college, ==, "信息工程学院");
  g_assert_cmpint (third->slot.day, ==, 22);

  g_assert_null (gp_time_slots_parse ("信息工程学院=noon", &error));
  g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gp_time_slots_parse ("=08:00-09:00", &error));
  g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
}

/* The seeds' timetables: several colleges per slot, separated by '、', ','
 * or even ';' (which also separates entries), and short names. */
static void
test_batch_grouped_and_aliases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  const char *expected[][2] = {
    { "法学院", "08:30" }, { "商学院", "08:30" }, { "外国语学院", "09:30" }, { "理学院", "09:30" },
    { "历史文化学院", "10:30" }, { "体育学院", "10:30" }, { "美术学院", "10:30" },
  };
  char **roster = (char *[]) { "体育学院", "历史文化学院", "商学院", "外国语学院", "法学院", "理学院", "美术学院", NULL };
  g_autoptr(GDateTime) at_ten = local (2026, 11, 21, 10, 0);
  g_autoptr(GDateTime) at_eleven = local (2026, 11, 21, 11, 0);

  slots = gp_time_slots_parse ("法学院、商学院=08:30-09:30;外国语学院, 理学院 09:30-10:30\n"
                               "历文院;体育学院，美术学院=10:30-11:30；历文院=历史文化学院", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < slots->len; i++)
    {
      GpCollegeSlot *entry = slots->pdata[i];
      g_autofree char *start = g_strdup_printf ("%02d:%02d", entry->slot.start / 60, entry->slot.start % 60);

      g_assert_cmpstr (entry->college, ==, expected[i][0]);
      g_assert_cmpstr (start, ==, expected[i][1]);
    }
  g_assert_true (gp_time_slots_check_colleges (slots, roster, &error));
  g_assert_no_error (error);
  /* The station's warning finds the college under its roster name. */
  g_assert_cmpint (gp_time_slot_check (NULL, "历文院、法学院=10:30-11:30;历文院=历史文化学院", "历史文化学院", at_ten,
                                       NULL), ==, GP_SLOT_OUTSIDE);
  g_assert_cmpint (gp_time_slot_check (NULL, "历文院、法学院=10:30-11:30;历文院=历史文化学院", "历史文化学院", at_eleven,
                                       NULL), ==, GP_SLOT_INSIDE);

  /* A name left without a slot, or an alias no slot uses, is a mistake. */
  g_assert_null (gp_time_slots_parse ("法学院;商学院", &error));
  g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gp_time_slots_parse ("法学院=08:30-09:30;历文院=历史文化学院", &error));
  g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
  g_clear_error (&error);
}

/* A college the roster does not have is refused with the roster's colleges
 * and the closest one, so the warnings are never silently off. */
static void
test_batch_unknown_college (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = gp_time_slots_parse ("历文院=08:00-09:00", &error);
  char **roster = (char *[]) { "外国语学院", "历史文化学院", "法学院", NULL };
  char **none = (char *[]) { NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (gp_college_closest ("历文院", roster), ==, "历史文化学院");
  g_assert_cmpstr (gp_college_closest ("法律学院", roster), ==, "法学院");
  g_assert_null (gp_college_closest ("法学院", none));
  g_assert_true (gp_time_slots_check_colleges (slots, none, &error));
  g_assert_false (gp_time_slots_check_colleges (slots, roster, &error));
  g_assert_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“历史文化学院”"));
  g_assert_nonnull (strstr (error->message, "外国语学院、历史文化学院、法学院"));
}

/* The roster's own 时间段 wins; an unreadable one falls back to the
 * college's slots in the batch; none at all is unknown, not a warning. */
static void
test_check (void)
{
  const char *batch = "信息工程学院=08:00-10:00;信息工程学院=14:00-16:00;外国语学院=10:00-12:00";
  g_autoptr(GDateTime) nine = local (2026, 11, 21, 9, 0);
  g_autoptr(GDateTime) three = local (2026, 11, 21, 15, 0);
  g_autofree char *expected = NULL;

  g_assert_cmpint (gp_time_slot_check (NULL, batch, "信息工程学院", nine, NULL), ==, GP_SLOT_INSIDE);
  g_assert_cmpint (gp_time_slot_check (NULL, batch, "信息工程学院", three, NULL), ==, GP_SLOT_INSIDE);
  g_assert_cmpint (gp_time_slot_check (NULL, batch, "外国语学院", nine, &expected), ==, GP_SLOT_OUTSIDE);
  g_assert_cmpstr (expected, ==, "10:00–12:00");
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (gp_time_slot_check ("11月21日 14:00-15:00", batch, "信息工程学院", nine, &expected),
                   ==, GP_SLOT_OUTSIDE);
  g_assert_cmpstr (expected, ==, "11-21 14:00–15:00");
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (gp_time_slot_check ("上午", batch, "信息工程学院", nine, NULL), ==, GP_SLOT_INSIDE);
  g_assert_cmpint (gp_time_slot_check ("08:00-08:30，09:00-09:30", NULL, NULL, nine, NULL), ==, GP_SLOT_INSIDE);
  g_assert_cmpint (gp_time_slot_check (NULL, batch, "法学院", nine, &expected), ==, GP_SLOT_UNKNOWN);
  g_assert_null (expected);
  g_assert_cmpint (gp_time_slot_check (NULL, NULL, "法学院", nine, NULL), ==, GP_SLOT_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-slot/parse/written-forms", test_forms);
  g_test_add_func ("/time-slot/parse/impossible-refused", test_refused);
  g_test_add_func ("/time-slot/contains/start-in-end-out", test_contains);
  g_test_add_func ("/time-slot/batch/college-entries", test_batch_slots);
  g_test_add_func ("/time-slot/check/roster-slot-then-college", test_check);
  g_test_add_func ("/time-slot/batch/grouped-colleges-and-aliases", test_batch_grouped_and_aliases);
  g_test_add_func ("/time-slot/batch/unknown-college-refused", test_batch_unknown_college);
  return g_test_run ();
}
