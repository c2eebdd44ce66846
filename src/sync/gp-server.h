/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define GP_SERVER_ERROR (gp_server_error_quark ())

typedef enum
{
  GP_SERVER_ERROR_UNREACHABLE,   /* no connection: the station works offline */
  GP_SERVER_ERROR_NO_SCHEMA,     /* `server init` was never run */
  GP_SERVER_ERROR_NEWER_SCHEMA,
  GP_SERVER_ERROR_FAILED,        /* a statement failed */
} GpServerError;

GQuark    gp_server_error_quark   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* The event server's schema version this build writes. */
#define GP_SERVER_SCHEMA_VERSION 1

/* Connects to @server: a libpq connection string ("host=… dbname=…" or a
 * postgresql:// URI) or, when it is a bare word, a service name from the
 * service file. Passwords come only from libpq's own .pgpass or service
 * file. With @check_schema the schema must be this build's. */
PGconn   *gp_server_connect       (const char  *server,
                                   gboolean     check_schema,
                                   GError     **error);
/* Creates the schema or migrates it to GP_SERVER_SCHEMA_VERSION; @version
 * gets the version it had (0: none). */
gboolean  gp_server_init          (PGconn      *conn,
                                   int         *version,
                                   GError     **error);

/* Runs @sql with text parameters (NULL is SQL NULL); NULL with @error set
 * when it does not return @expect. */
PGresult *gp_server_exec          (PGconn             *conn,
                                   const char         *sql,
                                   int                 n_params,
                                   const char * const *params,
                                   ExecStatusType      expect,
                                   GError            **error);
/* Whether @result has status @expect; if not, frees it and sets @error. */
gboolean  gp_server_check         (PGconn             *conn,
                                   PGresult           *result,
                                   ExecStatusType      expect,
                                   GError            **error);
gboolean  gp_server_command       (PGconn      *conn,
                                   const char  *sql,
                                   GError     **error);
/* Begins a transaction holding the server's one writers' lock: writers
 * take their seqs in turn, so a seq becomes visible only after every lower
 * one and a pull never skips a row. */
gboolean  gp_server_begin_locked  (PGconn      *conn,
                                   GError     **error);
/* Value of row @row, column @column; NULL for SQL NULL. */
const char *gp_server_value       (const PGresult *result,
                                   int             row,
                                   int             column);

/* One line per station, for `server status`. */
typedef struct
{
  char   *name;
  char   *last_sync;     /* ISO 8601 UTC; NULL: never */
  int     backlog;       /* rows the station had not pushed at its last sync */
  int     captures;      /* captures it pushed */
} GpServerStation;

void       gp_server_station_free  (GpServerStation *station);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpServerStation, gp_server_station_free)

GPtrArray *gp_server_list_stations  (PGconn      *conn,
                                     GError     **error);

G_END_DECLS
