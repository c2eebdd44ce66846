/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"
#include "photo/gp-profile.h"
#include "vision/gp-face.h"

#include "gp-test-portrait.h"

G_BEGIN_DECLS

/* Expression and pose faults painted into a composited frame, for the
 * eyes-open, mouth-closed, teeth and yaw checks. Each edit changes only the
 * face and is placed by points of the clean frame: on the test portraits
 * from their hand marks (gp_test_face_edit_portrait()), elsewhere from the
 * landmarks of a detector run before the edit; frames are GP_FRAME_RGB. */

typedef enum {
  GP_TEST_FACE_NONE,         /* no edit */
  GP_TEST_FACE_EYES_CLOSED,  /* strength: share of the eye opening the upper
                              * lids cover, 0..1; 1 = shut */
  GP_TEST_FACE_MOUTH_OPEN,   /* strength: the gap between the lips at their
                              * middle, in mouth widths (0.3 = talking) */
  GP_TEST_FACE_HEAD_TURNED,  /* strength: degrees of yaw; positive turns the
                              * nose towards the image's right */
  GP_TEST_FACE_TEETH,        /* a grin: strength is the gap between the lips
                              * as for MOUTH_OPEN, filled with teeth */
} GpTestFaceEditKind;

/* A bad variant for the evaluation: every one of these must fail `check`. */
typedef struct {
  const char          *name;
  GpTestFaceEditKind   kind;
  double               strength;
  GpCheckId            check;
} GpTestFaceEdit;

/* The standard bad variants, several strengths of each edit. */
const GpTestFaceEdit  *gp_test_face_edits            (guint              *n_edits);

void                   gp_test_face_close_eyes       (GpFrame            *frame,
                                                      const GpFace       *face,
                                                      double              closed);
void                   gp_test_face_open_mouth       (GpFrame            *frame,
                                                      const GpFace       *face,
                                                      double              gap);
void                   gp_test_face_show_teeth       (GpFrame            *frame,
                                                      const GpFace       *face,
                                                      double              gap);
void                   gp_test_face_turn_head        (GpFrame            *frame,
                                                      const GpFace       *face,
                                                      double              degrees);

void                   gp_test_face_edit_apply       (GpFrame            *frame,
                                                      const GpFace       *face,
                                                      GpTestFaceEditKind  kind,
                                                      double              strength);

/* Applies the edit to a composite of @spec, placed from the portrait's hand
 * marks (gp_test_portrait_marked_face()), never from the detector the
 * edits test. */
gboolean               gp_test_face_edit_portrait    (GpFrame                  *frame,
                                                      const GpTestPortraitSpec *spec,
                                                      GpTestFaceEditKind        kind,
                                                      double                    strength,
                                                      GError                  **error);

G_END_DECLS
