/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin batch: the event's school, dates, rooms and timetable. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "photo/gp-profile.h"
#include "store/gp-export.h"
#include "store/gp-slot-colleges.h"
#include "store/gp-time-slot.h"

static gboolean
valid_date (const char *text)
{
  int y, m, d;
  char tail;

  return sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen (text) == 10
         && g_date_valid_dmy (d, m, y);
}

/* "2026-11-21" or "2026-11-21..2026-11-23". */
static gboolean
parse_dates (const char  *text,
             GpBatch     *batch,
             GError     **error)
{
  const char *dots = strstr (text, "..");

  batch->starts_on = dots != NULL ? g_strndup (text, dots - text) : g_strdup (text);
  batch->ends_on = g_strdup (dots != NULL ? dots + 2 : text);
  if (!valid_date (batch->starts_on) || !valid_date (batch->ends_on)
      || strcmp (batch->starts_on, batch->ends_on) > 0)
    {
      g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                   _("“%s” are not the batch’s dates. Write them like 2026-11-21 or 2026-11-21..2026-11-23."),
                   text);
      return FALSE;
    }
  return TRUE;
}

/* Every college the timetable names is on the batch's roster (or, before
 * the batch has students, on no roster yet), aliases resolved. */
static gboolean
check_slot_colleges (GpStore       *store,
                     const GpBatch *batch,
                     GError       **error)
{
  g_autoptr(GPtrArray) slots = gp_time_slots_parse (batch->time_slots, error);
  g_auto(GStrv) colleges = NULL;

  if (slots == NULL)
    return FALSE;
  colleges = gp_store_list_colleges (store, batch->name, error);
  return colleges != NULL && gp_time_slots_check_colleges (slots, colleges, error);
}

/* Refuses what the station could not use later, before anything is saved. */
static gboolean
validate (GpBatch     *batch,
          const char  *dates,
          const char  *payment,
          GError     **error)
{
  if (dates != NULL && !parse_dates (dates, batch, error))
    return FALSE;
  if (batch->profile != NULL)
    {
      g_autoptr(GpProfile) profile = gp_profile_load (batch->profile, error);

      if (profile == NULL)
        return FALSE;
    }
  if (batch->time_slots != NULL)
    {
      g_autoptr(GPtrArray) slots = gp_time_slots_parse (batch->time_slots, error);

      if (slots == NULL)
        return FALSE;
    }
  if (batch->export_naming != NULL && !gp_export_check_naming (batch->export_naming, error))
    return FALSE;
  if (payment != NULL)
    {
      if (g_str_equal (payment, "yes") || g_str_equal (payment, "是"))
        batch->payment_tracked = TRUE;
      else if (!g_str_equal (payment, "no") && !g_str_equal (payment, "否"))
        {
          g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                       _("--payment takes yes or no, not “%s”."), payment);
          return FALSE;
        }
    }
  return TRUE;
}

static void
show (const GpBatch *batch,
      gboolean       json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      gp_admin_add_string (builder, "name", batch->name);
      gp_admin_add_string (builder, "school", batch->school);
      gp_admin_add_string (builder, "profile", batch->profile);
      gp_admin_add_string (builder, "starts_on", batch->starts_on);
      gp_admin_add_string (builder, "ends_on", batch->ends_on);
      gp_admin_add_string (builder, "rooms", batch->rooms);
      gp_admin_add_string (builder, "time_slots", batch->time_slots);
      json_builder_set_member_name (builder, "payment_tracked");
      json_builder_add_boolean_value (builder, batch->payment_tracked);
      gp_admin_add_string (builder, "naming", batch->export_naming);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
      return;
    }
  g_print (_("Batch:      %s\n"), batch->name);
  g_print (_("School:     %s\n"), batch->school != NULL ? batch->school : "—");
  g_print (_("Profile:    %s\n"), batch->profile != NULL ? batch->profile : "—");
  g_print (_("Dates:      %s – %s\n"), batch->starts_on != NULL ? batch->starts_on : "—",
           batch->ends_on != NULL ? batch->ends_on : "—");
  g_print (_("Rooms:      %s\n"), batch->rooms != NULL ? batch->rooms : "—");
  g_print (_("Time slots: %s\n"), batch->time_slots != NULL ? batch->time_slots : "—");
  g_print (_("Payment:    %s\n"), batch->payment_tracked ? _("tracked") : _("not tracked"));
  g_print (_("Naming:     %s\n"), batch->export_naming != NULL ? batch->export_naming : "{student_no}.jpg");
}

int
gp_admin_batch (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  g_autofree char *dates = NULL;
  g_autofree char *payment = NULL;
  g_autoptr(GpBatch) wanted = g_new0 (GpBatch, 1);
  GOptionEntry entries[] = {
    { "school", 0, 0, G_OPTION_ARG_STRING, &wanted->school, N_("The school’s name"), N_("NAME") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &wanted->profile, N_("The photo profile of the batch"), N_("NAME") },
    { "dates", 0, 0, G_OPTION_ARG_STRING, &dates, N_("The collection days, e.g. 2026-11-21..2026-11-23"), N_("FROM[..TO]") },
    { "rooms", 0, 0, G_OPTION_ARG_STRING, &wanted->rooms, N_("The rooms photographing, e.g. A101;A102"), N_("ROOMS") },
    { "slots", 0, 0, G_OPTION_ARG_STRING, &wanted->time_slots, N_("Each college’s time slot, e.g. \"计算机学院=08:00-10:00;外语学院=10:00-12:00\""), N_("SLOTS") },
    { "payment", 0, 0, G_OPTION_ARG_STRING, &payment, N_("Whether payment is tracked: yes or no"), N_("yes|no") },
    { "naming", 0, 0, G_OPTION_ARG_STRING, &wanted->export_naming, N_("The batch’s export file names, e.g. {student_no}.jpg"), N_("TEMPLATE") },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpBatch) batch = NULL;
  gboolean changing;
  int status = 0;

  if (!gp_admin_parse (&argc, &argv, _("[NAME] — show or set a batch (the event)"), entries, &json, &error))
    status = gp_admin_fail (error, json);
  else if (argc > 2)
    {
      g_printerr (_("Usage: gradphoto-admin batch [NAME] [--school S] [--profile P] [--dates FROM[..TO]] "
                    "[--rooms R] [--slots SLOTS] [--payment yes|no] [--naming TEMPLATE] [--json]\n"));
      status = 2;
    }
  else
    {
      wanted->name = g_strdup (argc == 2 ? argv[1] : GP_STORE_DEFAULT_BATCH);
      changing = wanted->school != NULL || wanted->profile != NULL || dates != NULL || wanted->rooms != NULL
                 || wanted->time_slots != NULL || payment != NULL || wanted->export_naming != NULL;
      if (changing && !validate (wanted, dates, payment, &error))
        status = gp_admin_fail (error, json);
      else if ((store = gp_admin_open_store (&error)) == NULL)
        status = gp_admin_fail (error, json);
      else if (wanted->time_slots != NULL && !check_slot_colleges (store, wanted, &error))
        status = gp_admin_fail (error, json);
      else if (changing && gp_store_ensure_batch (store, wanted, &error) < 0)
        status = gp_admin_fail (error, json);
      else if (changing && !gp_store_audit (store, g_get_user_name (), "batch", 0, 0, wanted->name, &error))
        status = gp_admin_fail (error, json);
      else if ((batch = gp_store_find_batch (store, wanted->name, &error)) == NULL)
        {
          if (error == NULL)
            g_set_error (&error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                         _("There is no batch “%s”. Give its details to create it, e.g. --school."), wanted->name);
          status = gp_admin_fail (error, json);
        }
      else
        show (batch, json);
    }
  return status;
}
