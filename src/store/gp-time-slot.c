/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Time slots: when each college is expected at the station. */
#define G_LOG_DOMAIN "gp-time-slot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "store/gp-time-slot.h"

G_DEFINE_QUARK (gp-time-slot-error-quark, gp_time_slot_error)

/* Timetables come from spreadsheets typed by hand: Chinese and ASCII
 * punctuation, an optional year and weekday, "至" or a dash between. */
#define SLOT_PATTERN \
  "^\\s*(?:(?:(\\d{4})\\s*[-/年.]\\s*)?(\\d{1,2})\\s*[-/月.]\\s*(\\d{1,2})\\s*日?" \
  "\\s*(?:[(（][^)）]*[)）])?\\s*)?" \
  "(\\d{1,2})\\s*[:：]\\s*(\\d{2})\\s*(?:-|–|—|~|～|－|至|到)\\s*(\\d{1,2})\\s*[:：]\\s*(\\d{2})\\s*$"

void
gp_college_slot_free (GpCollegeSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->college);
  g_free (slot);
}

static int
group_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return text != NULL && *text != '\0' ? atoi (text) : 0;
}

gboolean
gp_time_slot_parse (const char  *text,
                    GpTimeSlot  *slot,
                    GError     **error)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  GpTimeSlot parsed = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (SLOT_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (regex, text, 0, &match))
    {
      g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                   _("“%s” is not a time slot. Write it like “08:00-10:00” or “11月21日 08:00-10:00”."), text);
      return FALSE;
    }
  parsed.year = group_int (match, 1);
  parsed.month = group_int (match, 2);
  parsed.day = group_int (match, 3);
  parsed.start = group_int (match, 4) * 60 + group_int (match, 5);
  parsed.end = group_int (match, 6) * 60 + group_int (match, 7);
  if ((parsed.month != 0 && (parsed.month > 12 || parsed.day < 1 || parsed.day > 31))
      || group_int (match, 5) > 59 || group_int (match, 7) > 59
      || parsed.end > 24 * 60 || parsed.end <= parsed.start)
    {
      g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                   _("“%s” is not a possible time slot: check the date and that it ends after it starts."), text);
      return FALSE;
    }
  *slot = parsed;
  return TRUE;
}

gboolean
gp_time_slot_contains (const GpTimeSlot *slot,
                       GDateTime        *when)
{
  g_autoptr(GDateTime) local = NULL;
  int minute;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  local = g_date_time_to_local (when);
  if (slot->year != 0 && g_date_time_get_year (local) != slot->year)
    return FALSE;
  if (slot->month != 0
      && (g_date_time_get_month (local) != slot->month || g_date_time_get_day_of_month (local) != slot->day))
    return FALSE;
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  return minute >= slot->start && minute < slot->end;
}

char *
gp_time_slot_to_string (const GpTimeSlot *slot)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (slot != NULL, NULL);

  if (slot->month != 0)
    day = g_strdup_printf ("%02d-%02d ", slot->month, slot->day);
  return g_strdup_printf ("%s%02d:%02d–%02d:%02d", day != NULL ? day : "",
                          slot->start / 60, slot->start % 60, slot->end / 60, slot->end % 60);
}

/* Splits at ';', '；' and new lines (@lists) or also at commas (@items). */
static char **
split_entries (const char *text,
               gboolean    commas)
{
  static GRegex *lists, *items;
  GRegex **regex = commas ? &items : &lists;

  if (g_once_init_enter (regex))
    g_once_init_leave (regex, g_regex_new (commas ? "[;；\\n,，、]" : "[;；\\n]", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_split (*regex, text, 0);
}

/* Adds the colleges of @names ("法学院、商学院", also ',' or '，') to @pending. */
static void
add_names (GPtrArray  *pending,
           const char *names)
{
  g_auto(GStrv) items = split_entries (names, TRUE);

  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_ptr_array_add (pending, g_strdup (items[i]));
}

/* One entry per college of @pending, at @slot; FALSE when there is none. */
static gboolean
add_colleges (GPtrArray         *slots,
              GPtrArray         *pending,
              const GpTimeSlot  *slot)
{
  for (guint i = 0; i < pending->len; i++)
    {
      GpCollegeSlot *entry = g_new0 (GpCollegeSlot, 1);

      entry->college = g_strdup (g_ptr_array_index (pending, i));
      entry->slot = *slot;
      g_ptr_array_add (slots, entry);
    }
  if (pending->len == 0)
    return FALSE;
  g_ptr_array_set_size (pending, 0);
  return TRUE;
}

/* Replaces each alias's short name by the college it stands for; an alias
 * no slot uses is refused as a mistake. */
static gboolean
resolve_aliases (GPtrArray   *slots,
                 GPtrArray   *aliases,
                 GError     **error)
{
  for (guint i = 0; i < aliases->len; i += 3)
    {
      const char *short_name = g_ptr_array_index (aliases, i);
      const char *full_name = g_ptr_array_index (aliases, i + 1);
      gboolean used = FALSE;

      for (guint k = 0; k < slots->len; k++)
        {
          GpCollegeSlot *entry = g_ptr_array_index (slots, k);

          if (g_str_equal (entry->college, short_name))
            {
              g_free (entry->college);
              entry->college = g_strdup (full_name);
              used = TRUE;
            }
        }
      if (!used)
        {
          g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                       _("“%s” is not a college’s time slot. Write it like “计算机学院=08:00-10:00”."),
                       (const char *) g_ptr_array_index (aliases, i + 2));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
gp_time_slots_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_college_slot_free);
  /* Colleges named alone, waiting for the slot of a later entry. */
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  /* Short name, full name, the entry: three items per alias. */
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *waiting = NULL;
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  entries = split_entries (text, FALSE);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (entries[i]));
      const char *equals = strstr (line, "=");
      g_autofree char *names = NULL;
      g_autofree char *rest = NULL;
      GpTimeSlot slot;

      if (*line == '\0')
        continue;
      if (equals == NULL)
        equals = strstr (line, "＝");
      if (equals != NULL)
        {
          names = g_strndup (line, equals - line);
          rest = g_strdup (g_utf8_next_char (equals));
        }
      else
        {
          /* "计算机学院 08:00-10:00": the slot starts at the first digit. */
          gsize at = strcspn (line, "0123456789");

          names = g_strndup (line, at);
          rest = g_strdup (line + at);
        }
      g_strstrip (names);
      g_strstrip (rest);
      if (equals == NULL && *rest == '\0')
        {
          /* "法学院;商学院=08:30-09:30": 法学院 takes 商学院's slot. */
          add_names (pending, names);
          g_free (waiting);
          waiting = g_strdup (line);
          continue;
        }
      if (gp_time_slot_parse (rest, &slot, NULL))
        {
          add_names (pending, names);
          if (add_colleges (slots, pending, &slot))
            continue;
        }
      else if (equals != NULL && *rest != '\0' && *names != '\0' && strpbrk (rest, "0123456789") == NULL
               && strpbrk (names, ",，、") == NULL)
        {
          /* "历文院=历史文化学院": the timetable's short name for a college. */
          g_ptr_array_add (aliases, g_steal_pointer (&names));
          g_ptr_array_add (aliases, g_steal_pointer (&rest));
          g_ptr_array_add (aliases, g_steal_pointer (&line));
          continue;
        }
      g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                   _("“%s” is not a college’s time slot. Write it like “计算机学院=08:00-10:00”."), line);
      return NULL;
    }
  if (pending->len > 0)
    {
      g_set_error (error, GP_TIME_SLOT_ERROR, GP_TIME_SLOT_ERROR_INVALID,
                   _("“%s” is not a college’s time slot. Write it like “计算机学院=08:00-10:00”."), waiting);
      return NULL;
    }
  if (!resolve_aliases (slots, aliases, error))
    return NULL;
  return g_steal_pointer (&slots);
}

static void
append_expected (GString          *expected,
                 const GpTimeSlot *slot)
{
  g_autofree char *text = gp_time_slot_to_string (slot);

  if (expected->len > 0)
    g_string_append (expected, "、");
  g_string_append (expected, text);
}

GpSlotVerdict
gp_time_slot_check (const char  *student_slot,
                    const char  *batch_slots,
                    const char  *college,
                    GDateTime   *when,
                    char       **expected)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean known = FALSE, inside = FALSE;

  g_return_val_if_fail (when != NULL, GP_SLOT_UNKNOWN);

  if (student_slot != NULL)
    {
      g_auto(GStrv) items = split_entries (student_slot, TRUE);

      for (guint i = 0; items[i] != NULL; i++)
        {
          GpTimeSlot slot;

          if (!gp_time_slot_parse (items[i], &slot, NULL))
            continue;
          known = TRUE;
          inside |= gp_time_slot_contains (&slot, when);
          append_expected (text, &slot);
        }
    }
  /* An unreadable roster slot falls back to the batch's timetable. */
  if (!known && batch_slots != NULL && college != NULL)
    {
      g_autoptr(GPtrArray) slots = gp_time_slots_parse (batch_slots, NULL);

      for (guint i = 0; slots != NULL && i < slots->len; i++)
        {
          GpCollegeSlot *entry = g_ptr_array_index (slots, i);

          if (!g_str_equal (entry->college, college))
            continue;
          known = TRUE;
          inside |= gp_time_slot_contains (&entry->slot, when);
          append_expected (text, &entry->slot);
        }
    }
  if (expected != NULL)
    *expected = known ? g_strdup (text->str) : NULL;
  if (!known)
    return GP_SLOT_UNKNOWN;
  return inside ? GP_SLOT_INSIDE : GP_SLOT_OUTSIDE;
}
