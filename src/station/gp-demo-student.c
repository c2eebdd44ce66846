/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The demo camera's actor: holds up the next roster student's code while
 * the station waits, then sits for the photo. Lets the whole station run,
 * and be tested, without a webcam or a person. */
#define G_LOG_DOMAIN "gp-demo-student"

#include "config.h"

#include "camera/gp-demo-scene.h"
#include "station/gp-demo-student.h"

/* How long the next student takes to walk up and hold out the phone. */
#define WALK_UP_MS 1500

typedef struct {
  GpFrameSource *source;
  GpFrame       *portrait;
  GpStation     *station;   /* borrowed: the station owns us */
  guint          walk_up;
} DemoStudent;

static void
demo_student_free (gpointer data)
{
  DemoStudent *demo = data;

  g_clear_handle_id (&demo->walk_up, g_source_remove);
  g_clear_object (&demo->source);
  g_clear_pointer (&demo->portrait, gp_frame_unref);
  g_free (demo);
}

static gboolean
hold_up_code (gpointer user_data)
{
  DemoStudent *demo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStudent) student = NULL;
  g_autoptr(GpFrame) card = NULL;

  demo->walk_up = 0;
  /* Once everyone is photographed, nobody walks up. */
  student = gp_store_find_next_uncaptured (gp_station_get_store (demo->station), &error);
  if (student == NULL || student->code == NULL)
    return G_SOURCE_REMOVE;
  card = gp_demo_scene_render_card (student->code, GP_DEMO_SCENE_WIDTH, GP_DEMO_SCENE_HEIGHT, &error);
  if (card == NULL)
    g_warning ("Demo card: %s", error->message);
  else
    gp_frame_source_set_frame (demo->source, card);
  return G_SOURCE_REMOVE;
}

static void
show_next_code (DemoStudent *demo)
{
  g_autoptr(GpFrame) empty = gp_demo_scene_render_empty (GP_DEMO_SCENE_WIDTH, GP_DEMO_SCENE_HEIGHT);

  gp_frame_source_set_frame (demo->source, empty);
  g_clear_handle_id (&demo->walk_up, g_source_remove);
  demo->walk_up = g_timeout_add (WALK_UP_MS, hold_up_code, demo);
}

static void
on_phase (GpStation   *station,
          GParamSpec  *pspec,
          DemoStudent *demo)
{
  switch (gp_station_get_phase (station))
    {
    case GP_PHASE_WAITING:
      show_next_code (demo);
      break;
    case GP_PHASE_IDENTIFIED:
      g_clear_handle_id (&demo->walk_up, g_source_remove);
      gp_frame_source_set_frame (demo->source, demo->portrait);
      break;
    case GP_PHASE_CAPTURING:
    case GP_PHASE_CAPTURED:
    case GP_PHASE_PRINTING:
    case GP_PHASE_PRINTED:
    default:
      break;
    }
}

gboolean
gp_demo_student_attach (GpStation      *station,
                        GpFrameSource  *source,
                        const char     *portrait_path,
                        const char     *mask_path,
                        GError        **error)
{
  DemoStudent *demo;
  GpFrame *portrait;

  g_return_val_if_fail (GP_IS_STATION (station), FALSE);
  g_return_val_if_fail (GP_IS_FRAME_SOURCE (source), FALSE);

  portrait = gp_demo_scene_render_portrait (portrait_path, mask_path, GP_DEMO_SCENE_WIDTH, GP_DEMO_SCENE_HEIGHT, error);
  if (portrait == NULL)
    return FALSE;

  demo = g_new0 (DemoStudent, 1);
  demo->source = g_object_ref (source);
  demo->portrait = portrait;
  demo->station = station;
  g_object_set_data_full (G_OBJECT (station), "gp-demo-student", demo, demo_student_free);
  g_signal_connect (station, "notify::phase", G_CALLBACK (on_phase), demo);
  show_next_code (demo);
  return TRUE;
}
