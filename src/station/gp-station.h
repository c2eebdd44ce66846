/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>

#include "camera/gp-camera.h"
#include "station/gp-framing.h"
#include "store/gp-store.h"

G_BEGIN_DECLS

typedef enum {
  GP_PHASE_WAITING,     /* for the next student's collection code */
  GP_PHASE_IDENTIFIED,  /* student known, being framed */
  GP_PHASE_CAPTURING,
  GP_PHASE_CAPTURED,    /* photo saved and recorded */
  GP_PHASE_PRINTING,
  GP_PHASE_PRINTED,
} GpPhase;

#define GP_TYPE_STATION (gp_station_get_type ())

G_DECLARE_FINAL_TYPE (GpStation, gp_station, GP, STATION, GObject)

GpStation        *gp_station_new            (GpStore     *store,
                                             GpCamera    *camera);
const char       *gp_phase_to_string        (GpPhase      phase);
gboolean          gp_station_start          (GpStation   *self,
                                             GError     **error);
GpPhase           gp_station_get_phase      (GpStation   *self);
const GpStudent  *gp_station_get_student    (GpStation   *self);
int               gp_station_get_previous_captures (GpStation *self);
gboolean          gp_station_get_student_unpaid (GpStation *self);
const char       *gp_station_get_notice     (GpStation   *self);
gboolean          gp_station_get_notice_is_error (GpStation *self);
const char       *gp_station_get_photo_path (GpStation   *self);
const char       *gp_station_get_sheet_path (GpStation   *self);
GpStore          *gp_station_get_store      (GpStation   *self);
GpCamera         *gp_station_get_camera     (GpStation   *self);
void              gp_station_set_printer    (GpStation   *self,
                                             const char  *printer);
/* NULL when sheets are only written as files. */
const char       *gp_station_get_printer    (GpStation   *self);
void              gp_station_set_layout     (GpStation   *self,
                                             const char  *name);
void              gp_station_set_name       (GpStation   *self,
                                             const char  *name);
/* NULL or "": the session's user name. */
void              gp_station_set_operator   (GpStation   *self,
                                             const char  *name);
void              gp_station_submit_code    (GpStation   *self,
                                             const char  *code);
void              gp_station_capture        (GpStation   *self);
void              gp_station_retake         (GpStation   *self);
void              gp_station_print          (GpStation   *self);
void              gp_station_next           (GpStation   *self);
/* NULL or "": codes of every batch on the roster are taken. */
gboolean          gp_station_set_batch      (GpStation   *self,
                                             const char  *name,
                                             GError     **error);
gboolean          gp_station_set_profile    (GpStation   *self,
                                             const char  *name,
                                             GError     **error);
GpFraming        *gp_station_get_framing    (GpStation   *self);
GArray           *gp_station_get_checks     (GpStation   *self);
gboolean          gp_station_get_photo_passed (GpStation *self);

G_END_DECLS
