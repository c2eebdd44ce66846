/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

#include "image/gp-frame.h"

G_BEGIN_DECLS

#define QR_SCENE_WIDTH 1920
#define QR_SCENE_HEIGHT 1080

/* What carries the code in front of the camera. */
typedef enum {
  QR_CARRIER_PAPER,           /* dark on white paper */
  QR_CARRIER_PAPER_INVERTED,  /* a light-on-dark print */
  QR_CARRIER_PHONE_LIGHT,     /* a phone screen in light mode */
  QR_CARRIER_PHONE_DARK,      /* dark mode: light modules on a dark screen */
  QR_N_CARRIERS,
} QrCarrier;

/* One benchmark frame and its ground truth; payload NULL for a frame
 * without a code. */
typedef struct {
  char      *path;
  char      *payload;
  gboolean   chinese;
  QrCarrier  carrier;
  double     module;   /* px, at the centre of the code */
  double     roll;     /* degrees, in the image plane */
  double     tilt;     /* degrees out of the image plane, the larger of yaw and pitch */
  double     blur;     /* gaussian sigma in px, 0 for none */
  double     noise;    /* sigma in grey levels */
  double     gain;     /* lighting, 1 for a well-lit scene */
  gboolean   glare;
  guint32    seed;     /* renders the same frame again */
  guint      frame;    /* the same scene a frame later: only the sensor noise differs */
} QrScene;

const char  *qr_carrier_to_string  (QrCarrier      carrier);
void         qr_scene_free         (QrScene       *scene);
QrScene     *qr_scene_random       (GRand         *rand,
                                    gboolean       with_code);
GpFrame     *qr_scene_render       (const QrScene *scene,
                                    GError       **error);
GPtrArray   *qr_scene_write_set    (const char    *dir,
                                    guint          n_codes,
                                    guint          n_blank,
                                    guint32        seed,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QrScene, qr_scene_free)

G_END_DECLS
