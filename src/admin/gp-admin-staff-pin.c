/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* gradphoto-admin staff-pin set: the PIN that opens the kiosk's staff mode.
 * Asked twice without echo on a terminal; read from stdin for scripts. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"
#include "core/gp-staff-pin.h"

/* One line of stdin, without its line end; NULL at end of input. */
static char *
read_line (const char *prompt)
{
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char buffer[64] = "";
  char *line;

  if (terminal)
    {
      g_printerr ("%s", prompt);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

/* Exit status 0 set, 1 refused or failed, 2 wrong usage. */
int
gp_admin_staff_pin (int    argc,
                    char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  g_autoptr(GpStaffPin) pin = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  gboolean same;

  if (!gp_admin_parse (&argc, &argv, _("set — set the PIN that opens the kiosk’s staff mode"), NULL, &json, &error))
    {
      gp_admin_fail (error, json);
      return 2;
    }
  if (argc != 2 || !g_str_equal (argv[1], "set"))
    {
      g_printerr (_("Usage: gradphoto-admin staff-pin set [--json] (the PIN is asked for, or read from stdin)\n"));
      return 2;
    }

  first = read_line (_("New staff PIN (4 to 12 digits): "));
  if (!gp_staff_pin_valid (first, &error))
    return gp_admin_fail (error, json);
  if (isatty (STDIN_FILENO))
    {
      again = read_line (_("The same PIN again: "));
      same = again != NULL && g_str_equal (first, again);
      explicit_bzero (again, again != NULL ? strlen (again) : 0);
      if (!same)
        {
          g_set_error_literal (&error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_INVALID,
                               _("The two PINs differ. Nothing was changed: run the command again."));
          return gp_admin_fail (error, json);
        }
    }
  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  pin = gp_staff_pin_new (NULL);
  same = gp_staff_pin_set (pin, first, &error);
  explicit_bzero (first, strlen (first));
  if (!same || !gp_store_audit (store, g_get_user_name (), "staff-pin-set", 0, 0, NULL, &error))
    return gp_admin_fail (error, json);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    g_print (_("The staff PIN is set. The kiosk asks for it to open staff mode and to quit.\n"));
  return 0;
}
