/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The event server's state in the kiosk's top bar. */
#define G_LOG_DOMAIN "gp-server-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk/gp-server-status.h"

struct _GpServerStatus
{
  GtkLabel       parent_instance;

  GpSyncWorker  *worker;
};

G_DEFINE_FINAL_TYPE (GpServerStatus, gp_server_status, GTK_TYPE_LABEL)

static void
update (GpServerStatus *self)
{
  int backlog = gp_sync_worker_get_backlog (self->worker);
  GDateTime *since = gp_sync_worker_get_offline_since (self->worker);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  switch (gp_sync_worker_get_state (self->worker))
    {
    case GP_SYNC_STATE_CONNECTING:
      text = g_strdup (_("Event server: connecting…"));
      break;
    case GP_SYNC_STATE_CONNECTED:
      if (backlog > 0)
        /* Translators: %d is a number of database rows */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Event server: connected, %d row to send",
                                             "Event server: connected, %d rows to send", backlog),
                                backlog);
      else
        text = g_strdup (_("Event server: connected"));
      break;
    case GP_SYNC_STATE_OFFLINE:
    default:
      {
        g_autofree char *clock = since != NULL ? g_date_time_format (since, "%H:%M") : g_strdup ("?");

        /* Translators: a time such as 10:32, then a number of database rows kept for later */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Event server: offline since %s, %d row waiting",
                                             "Event server: offline since %s, %d rows waiting", MAX (backlog, 0)),
                                clock, MAX (backlog, 0));
      }
      break;
    }
  gtk_label_set_text (GTK_LABEL (self), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), gp_sync_worker_get_message (self->worker));
  if (gp_sync_worker_get_state (self->worker) == GP_SYNC_STATE_OFFLINE)
    gtk_style_context_add_class (style, "offline");
  else
    gtk_style_context_remove_class (style, "offline");
}

static void
gp_server_status_dispose (GObject *object)
{
  GpServerStatus *self = GP_SERVER_STATUS (object);

  g_clear_object (&self->worker);
  G_OBJECT_CLASS (gp_server_status_parent_class)->dispose (object);
}

static void
gp_server_status_class_init (GpServerStatusClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gp_server_status_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "label");
}

static void
gp_server_status_init (GpServerStatus *self)
{
  /* Styled like the station's name beside it. */
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self)), "station");
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self)), "server");
}

GtkWidget *
gp_server_status_new (GpSyncWorker *worker)
{
  GpServerStatus *self;

  g_return_val_if_fail (GP_IS_SYNC_WORKER (worker), NULL);

  self = g_object_new (GP_TYPE_SERVER_STATUS, "visible", TRUE, NULL);
  self->worker = g_object_ref (worker);
  g_signal_connect_object (worker, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
