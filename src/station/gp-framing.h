/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

#include "image/gp-frame.h"
#include "photo/gp-profile.h"
#include "vision/gp-face.h"

G_BEGIN_DECLS

/* What the person in front of the camera should do, from the live picture. */
typedef enum {
  GP_FRAMING_NO_FACE,
  GP_FRAMING_MANY_FACES,
  GP_FRAMING_COME_CLOSER,
  GP_FRAMING_MOVE_BACK,
  GP_FRAMING_MOVE_LEFT,     /* the person's own left */
  GP_FRAMING_MOVE_RIGHT,
  GP_FRAMING_MOVE_DOWN,
  GP_FRAMING_MOVE_UP,
  GP_FRAMING_STRAIGHTEN,
  GP_FRAMING_FACE_CAMERA,
  GP_FRAMING_OPEN_EYES,
  GP_FRAMING_CLOSE_MOUTH,
  GP_FRAMING_GOOD,
} GpFramingHint;

typedef struct {
  GpFramingHint  hint;
  int            frame_width;
  int            frame_height;
  gboolean       has_face;
  GpPoint        left_eye;     /* frame pixels */
  GpPoint        right_eye;
  double         crop_left;    /* where the photo would be cut, frame pixels */
  double         crop_top;
  double         crop_width;
  double         crop_height;
} GpFramingAdvice;

#define GP_TYPE_FRAMING (gp_framing_get_type ())

G_DECLARE_FINAL_TYPE (GpFraming, gp_framing, GP, FRAMING, GObject)

GpFraming      *gp_framing_new             (const GpProfile       *profile);
void            gp_framing_push_frame      (GpFraming             *self,
                                            GpFrame               *gray);
void            gp_framing_set_paused      (GpFraming             *self,
                                            gboolean               paused);
const char     *gp_framing_hint_message    (GpFramingHint          hint);
/* Advice for `frame` (GRAY or RGB) with the faces found in it. */
void            gp_framing_advise          (const GpProfile       *profile,
                                            const GpFrame         *frame,
                                            const GpFace          *faces,
                                            guint                  n_faces,
                                            GpFramingAdvice       *advice);

G_END_DECLS
