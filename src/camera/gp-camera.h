/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include "camera/gp-camera-controls.h"
#include "camera/gp-camera-spec.h"
#include "camera/gp-frame-source.h"
#include "image/gp-frame.h"

G_BEGIN_DECLS

#define GP_CAMERA_ERROR (gp_camera_error_quark ())

typedef enum {
  GP_CAMERA_ERROR_SPEC,
  GP_CAMERA_ERROR_SOURCE,
  GP_CAMERA_ERROR_PIPELINE,
  GP_CAMERA_ERROR_NO_FRAME,
} GpCameraError;

typedef enum {
  GP_CAMERA_STATE_STOPPED,
  GP_CAMERA_STATE_STARTING,
  GP_CAMERA_STATE_PLAYING,
  GP_CAMERA_STATE_DISCONNECTED,
} GpCameraState;

/* Called on a streaming thread with a gray analysis frame; must not block. */
typedef void (*GpCameraFrameFunc) (GpFrame  *gray,
                                   gpointer  user_data);

#define GP_TYPE_CAMERA (gp_camera_get_type ())

G_DECLARE_FINAL_TYPE (GpCamera, gp_camera, GP, CAMERA, GObject)

GQuark          gp_camera_error_quark      (void);

GpCamera       *gp_camera_new              (const GpCameraSpec   *spec,
                                            GError              **error);
GpCameraState   gp_camera_get_state        (GpCamera             *self);
const char     *gp_camera_get_description  (GpCamera             *self);
GpCameraKind    gp_camera_get_kind         (GpCamera             *self);
GpFrameSource  *gp_camera_get_frame_source (GpCamera             *self);
gboolean        gp_camera_get_frame_size   (GpCamera             *self,
                                            int                  *width,
                                            int                  *height);
void            gp_camera_set_preview_mirrored (GpCamera         *self,
                                            gboolean              mirrored);
/* Also to a running webcam at once (v4l2src's extra-controls). */
void            gp_camera_set_controls     (GpCamera             *self,
                                            const GpCameraControls *controls);
/* The controls last set (defaults until then); FALSE when none were set. */
gboolean        gp_camera_get_controls     (GpCamera             *self,
                                            GpCameraControls     *controls);
/* The preview sink set, or NULL. */
GstElement     *gp_camera_get_preview_sink (GpCamera             *self);
/* Restarts on the camera @spec; when it does not play, the previous camera
 * is restarted and the switch fails with GP_CAMERA_ERROR_SOURCE saying so.
 * Succeeds at once when @spec is the camera in use. */
void            gp_camera_switch_async     (GpCamera             *self,
                                            const GpCameraSpec   *spec,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean        gp_camera_switch_finish    (GpCamera             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void            gp_camera_set_preview_sink (GpCamera             *self,
                                            GstElement           *sink);
void            gp_camera_set_preview_size (GpCamera             *self,
                                            int                   max_width,
                                            int                   max_height);
void            gp_camera_set_frame_func   (GpCamera             *self,
                                            GpCameraFrameFunc     func,
                                            gpointer              user_data);
gboolean        gp_camera_start            (GpCamera             *self,
                                            GError              **error);
void            gp_camera_stop             (GpCamera             *self);
void            gp_camera_capture_async    (GpCamera             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GpFrame        *gp_camera_capture_finish   (GpCamera             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
