/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include "store/gp-store.h"

G_BEGIN_DECLS

/* One row of the audit log: who did what, when, to which photo. */
typedef struct {
  gint64  id;
  char   *at;          /* UTC, ISO 8601 */
  char   *actor;       /* NULL when unknown */
  char   *action;
  gint64  capture_id;  /* 0 when the entry is about no photo */
  char   *detail;
} GpAuditEntry;

void        gp_audit_entry_free     (GpAuditEntry  *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpAuditEntry, gp_audit_entry_free)

/* The audit log of one student (its photos' entries included), oldest
 * first: a GPtrArray of GpAuditEntry, or NULL with @error set. */
GPtrArray  *gp_store_list_audit     (GpStore       *self,
                                     gint64         student_id,
                                     GError       **error);

G_END_DECLS
