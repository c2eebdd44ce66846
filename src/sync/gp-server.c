/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The event server: connecting to PostgreSQL and its versioned schema. */
#define G_LOG_DOMAIN "gp-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sync/gp-server.h"

G_DEFINE_QUARK (gp-server-error-quark, gp_server_error)

/* Entry i upgrades the server from version i to i + 1. Shipped entries are
 * never edited. Timestamps are text in the stations' own UTC format, so
 * "newer" compares the same here as in `merge`. seq orders every change:
 * a station pulls what has a seq above the last one it saw. */
static const char *const migrations[] = {
  "CREATE SEQUENCE change_seq;"
  "CREATE TABLE stations ("
  "  name       text PRIMARY KEY,"
  "  last_sync  text,"
  "  backlog    integer NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE batches ("
  "  name             text PRIMARY KEY,"
  "  school           text,"
  "  profile          text,"
  "  starts_on        text,"
  "  ends_on          text,"
  "  rooms            text,"
  "  time_slots       text,"
  "  payment_tracked  integer NOT NULL DEFAULT 0,"
  "  export_naming    text,"
  "  seq              bigint NOT NULL"
  ");"
  "CREATE TABLE students ("
  "  student_no       text PRIMARY KEY,"
  "  name             text NOT NULL,"
  "  code             text,"
  "  college          text,"
  "  class_name       text,"
  "  id_last4         text,"
  "  school           text,"
  "  major            text,"
  "  level            text,"
  "  education        text,"
  "  graduation_year  text,"
  "  time_slot        text,"
  "  paid             integer,"
  "  id_number        text,"
  "  batch_name       text,"
  "  walk_in          integer NOT NULL DEFAULT 0,"
  "  seq              bigint NOT NULL"
  ");"
  "CREATE INDEX students_seq ON students (seq);"
  "CREATE TABLE captures ("
  "  uid            text PRIMARY KEY,"
  "  student_no     text NOT NULL,"
  "  station        text,"
  "  created_at     text NOT NULL,"
  "  status         text NOT NULL,"
  "  checks         text,"
  "  operator       text,"
  "  status_reason  text,"
  "  updated_at     text NOT NULL,"
  "  photo_name     text NOT NULL,"
  "  photo          bytea NOT NULL,"
  "  pushed_by      text NOT NULL,"
  "  seq            bigint NOT NULL"
  ");"
  "CREATE INDEX captures_seq ON captures (seq);"
  "CREATE TABLE print_jobs ("
  "  uid          text PRIMARY KEY,"
  "  capture_uid  text NOT NULL,"
  "  printer      text,"
  "  pdf_path     text NOT NULL,"
  "  cups_job_id  integer,"
  "  status       text NOT NULL,"
  "  created_at   text NOT NULL,"
  "  pushed_by    text NOT NULL,"
  "  seq          bigint NOT NULL"
  ");"
  "CREATE TABLE audit_log ("
  "  uid          text PRIMARY KEY,"
  "  at           text NOT NULL,"
  "  actor        text,"
  "  action       text NOT NULL,"
  "  student_no   text,"
  "  capture_uid  text,"
  "  detail       text,"
  "  pushed_by    text NOT NULL,"
  "  seq          bigint NOT NULL"
  ");"
  "CREATE INDEX batches_seq ON batches (seq);"
  "CREATE INDEX print_jobs_seq ON print_jobs (seq);"
  "CREATE INDEX audit_log_seq ON audit_log (seq);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GP_SERVER_SCHEMA_VERSION);

static void
set_failed (PGconn      *conn,
            GError     **error)
{
  g_autofree char *message = g_strdup (PQerrorMessage (conn));

  g_strstrip (message);
  g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_FAILED,
               /* Translators: the server's own message follows */
               _("The event server refused a request: %s. Check the server’s log and that "
                 "“gradphoto-admin --server … server init” was run with this version."),
               message);
}

PGresult *
gp_server_exec (PGconn             *conn,
                const char         *sql,
                int                 n_params,
                const char * const *params,
                ExecStatusType      expect,
                GError            **error)
{
  /* Without parameters, PQexec: it runs several statements at once. */
  PGresult *result = n_params == 0 ? PQexec (conn, sql)
                                   : PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  return gp_server_check (conn, result, expect, error) ? result : NULL;
}

gboolean
gp_server_check (PGconn          *conn,
                 PGresult        *result,
                 ExecStatusType   expect,
                 GError         **error)
{
  if (PQresultStatus (result) == expect)
    return TRUE;
  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_UNREACHABLE,
                 _("The connection to the event server was lost. The station keeps working offline "
                   "and sends its rows when the server is back."));
  else
    set_failed (conn, error);
  PQclear (result);
  return FALSE;
}

gboolean
gp_server_command (PGconn      *conn,
                   const char  *sql,
                   GError     **error)
{
  g_autoptr(PGresult) result = gp_server_exec (conn, sql, 0, NULL, PGRES_COMMAND_OK, error);

  return result != NULL;
}

const char *
gp_server_value (const PGresult *result,
                 int             row,
                 int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return PQgetvalue (result, row, column);
}

gboolean
gp_server_begin_locked (PGconn   *conn,
                        GError  **error)
{
  g_autoptr(PGresult) lock = NULL;

  if (!gp_server_command (conn, "BEGIN", error))
    return FALSE;
  lock = gp_server_exec (conn, "SELECT pg_advisory_xact_lock (17)", 0, NULL, PGRES_TUPLES_OK, error);
  if (lock == NULL)
    PQclear (PQexec (conn, "ROLLBACK"));
  return lock != NULL;
}

/* The version recorded in gp_schema; 0 when the table is empty, -1 when
 * it does not exist. */
static int
read_version (PGconn   *conn,
              GError  **error)
{
  g_autoptr(PGresult) exists = gp_server_exec (conn, "SELECT to_regclass ('gp_schema') IS NOT NULL", 0, NULL,
                                               PGRES_TUPLES_OK, error);
  g_autoptr(PGresult) version = NULL;

  if (exists == NULL)
    return -2;
  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return -1;
  version = gp_server_exec (conn, "SELECT coalesce (max (version), 0) FROM gp_schema", 0, NULL,
                            PGRES_TUPLES_OK, error);
  if (version == NULL)
    return -2;
  return atoi (PQgetvalue (version, 0, 0));
}

PGconn *
gp_server_connect (const char  *server,
                   gboolean     check_schema,
                   GError     **error)
{
  /* A bare word names a service; anything else is a connection string. */
  gboolean service = strchr (server, '=') == NULL && strstr (server, "://") == NULL;
  const char *keywords[] = { service ? "service" : "dbname", "connect_timeout", "application_name", NULL };
  const char *values[] = { server, "5", "gradphoto", NULL };
  g_autoptr(PGconn) conn = NULL;
  int version;

  g_return_val_if_fail (server != NULL, NULL);

  conn = PQconnectdbParams (keywords, values, !service);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (conn));

      g_strstrip (message);
      g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_UNREACHABLE,
                   /* Translators: the server setting, then libpq's message */
                   _("The event server “%s” cannot be reached (%s). The station keeps working offline; "
                     "check the network, the server and its address."),
                   server, message);
      return NULL;
    }
  if (!check_schema)
    return g_steal_pointer (&conn);
  version = read_version (conn, error);
  if (version == -2)
    return NULL;
  if (version < GP_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_NO_SCHEMA,
                   _("The event server “%s” has no GradPhoto tables of this version yet. "
                     "Run “gradphoto-admin --server %s server init” once."),
                   server, server);
      return NULL;
    }
  if (version > GP_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_NEWER_SCHEMA,
                   _("The event server “%s” was set up by a newer GradPhoto. Update this station."), server);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

gboolean
gp_server_init (PGconn      *conn,
                int         *version,
                GError     **error)
{
  g_autofree char *update = NULL;
  int found;

  /* One station at a time: a second init waits, then finds the work done. */
  if (!gp_server_begin_locked (conn, error))
    return FALSE;
  found = read_version (conn, error);
  if (found == -2)
    goto fail;
  if (found == -1)
    {
      if (!gp_server_command (conn, "CREATE TABLE gp_schema (version integer NOT NULL)", error))
        goto fail;
      found = 0;
    }
  if (version != NULL)
    *version = found;
  if (found > GP_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, GP_SERVER_ERROR, GP_SERVER_ERROR_NEWER_SCHEMA,
                   _("The event server was set up by a newer GradPhoto. Update this station."));
      goto fail;
    }
  for (int i = found; i < GP_SERVER_SCHEMA_VERSION; i++)
    if (!gp_server_command (conn, migrations[i], error))
      goto fail;
  update = g_strdup_printf ("DELETE FROM gp_schema; INSERT INTO gp_schema VALUES (%d); COMMIT",
                            GP_SERVER_SCHEMA_VERSION);
  return gp_server_command (conn, update, error);

fail:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

void
gp_server_station_free (GpServerStation *station)
{
  if (station == NULL)
    return;
  g_free (station->name);
  g_free (station->last_sync);
  g_free (station);
}

GPtrArray *
gp_server_list_stations (PGconn      *conn,
                         GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *stations;

  result = gp_server_exec (conn,
                           "SELECT s.name, s.last_sync, s.backlog,"
                           "  (SELECT count(*) FROM captures c WHERE c.station = s.name)"
                           " FROM stations s ORDER BY s.name",
                           0, NULL, PGRES_TUPLES_OK, error);
  if (result == NULL)
    return NULL;
  stations = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_server_station_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      GpServerStation *station = g_new0 (GpServerStation, 1);

      station->name = g_strdup (gp_server_value (result, i, 0));
      station->last_sync = g_strdup (gp_server_value (result, i, 1));
      station->backlog = atoi (PQgetvalue (result, i, 2));
      station->captures = atoi (PQgetvalue (result, i, 3));
      g_ptr_array_add (stations, station);
    }
  return stations;
}
