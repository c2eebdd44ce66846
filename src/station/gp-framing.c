/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Live framing advice: while a student sits for the photo, faces are found on
 * the newest camera frame, off the main thread, and turned into the one
 * thing to fix next (closer, centre, straighten, open eyes…). */
#define G_LOG_DOMAIN "gp-framing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "station/gp-framing.h"
#include "vision/gp-face-detector.h"

/* Advice changes at most this often: enough to follow a person moving, and
 * leaves the core to the preview and the scanner. */
#define ADVICE_INTERVAL_US (150 * 1000)

/* Some enlargement of a 720p camera's picture is acceptable; more is blur. */
#define MAX_UPSCALE 1.25

struct _GpFraming
{
  GObject        parent_instance;

  GpProfile     *profile;
  GMainContext  *context;
  GThread       *thread;
  GMutex         lock;
  GCond          cond;
  GpFrame       *pending;   /* newest frame not yet analysed */
  gboolean       paused;
  gboolean       stopping;
};

enum {
  SIGNAL_ADVICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GpFraming, gp_framing, G_TYPE_OBJECT)

const char *
gp_framing_hint_message (GpFramingHint hint)
{
  switch (hint)
    {
    case GP_FRAMING_NO_FACE:
      return _("Sit in front of the camera and look at it.");
    case GP_FRAMING_MANY_FACES:
      return _("Only one person in front of the camera, please.");
    case GP_FRAMING_COME_CLOSER:
      return _("Come a little closer.");
    case GP_FRAMING_MOVE_BACK:
      return _("Move back a little.");
    case GP_FRAMING_MOVE_LEFT:
      return _("Move a little to your left.");
    case GP_FRAMING_MOVE_RIGHT:
      return _("Move a little to your right.");
    case GP_FRAMING_MOVE_DOWN:
      return _("Sit a little lower.");
    case GP_FRAMING_MOVE_UP:
      return _("Sit up a little.");
    case GP_FRAMING_STRAIGHTEN:
      return _("Hold your head straight, not tilted.");
    case GP_FRAMING_FACE_CAMERA:
      return _("Turn your face straight to the camera.");
    case GP_FRAMING_OPEN_EYES:
      return _("Open your eyes.");
    case GP_FRAMING_CLOSE_MOUTH:
      return _("Close your mouth.");
    case GP_FRAMING_GOOD:
    default:
      return _("Good. Hold still.");
    }
}

/* Where the photo would be cut if taken now, and the first thing in the way:
 * position problems before pose, pose before expression. */
void
gp_framing_advise (const GpProfile *profile,
                   const GpFrame   *frame,
                   const GpFace    *faces,
                   guint            n_faces,
                   GpFramingAdvice *advice)
{
  const GpCheckLimits *checks = profile->checks;
  int frame_width = frame->width, frame_height = frame->height;
  GpFaceGeometry g;
  double scale;

  memset (advice, 0, sizeof *advice);
  advice->frame_width = frame_width;
  advice->frame_height = frame_height;
  if (n_faces == 0)
    {
      advice->hint = GP_FRAMING_NO_FACE;
      return;
    }
  if (n_faces > 1)
    {
      advice->hint = GP_FRAMING_MANY_FACES;
      return;
    }

  /* The eyes measured as the eyes-open check measures them. */
  gp_face_geometry_in_frame (&faces[0], frame, &g);
  advice->has_face = TRUE;
  advice->left_eye = g.left_eye;
  advice->right_eye = g.right_eye;

  /* Photo pixels per frame pixel when the face width lands mid-range. */
  scale = (profile->face_width[0] + profile->face_width[1]) / 2 / MAX (g.face_width, 1);
  advice->crop_height = profile->height_min / scale;
  advice->crop_width = profile->width_min / scale;
  advice->crop_top = g.eye_line_y - (profile->eye_line[0] + profile->eye_line[1]) / 2 / scale;
  advice->crop_left = g.center_x - advice->crop_width / 2;

  /* Too far when even the smallest allowed face needs too much enlarging;
   * too close when even the largest allowed one does not fit the frame.
   * The image's left is the person's right: the camera faces them. */
  if (profile->face_width[0] / MAX (g.face_width, 1) > MAX_UPSCALE)
    advice->hint = GP_FRAMING_COME_CLOSER;
  else if (profile->height_min * g.face_width / profile->face_width[1] > frame_height)
    advice->hint = GP_FRAMING_MOVE_BACK;
  else if (advice->crop_left < 0)
    advice->hint = GP_FRAMING_MOVE_LEFT;
  else if (advice->crop_left + advice->crop_width > frame_width)
    advice->hint = GP_FRAMING_MOVE_RIGHT;
  else if (advice->crop_top < 0)
    advice->hint = GP_FRAMING_MOVE_DOWN;
  else if (advice->crop_top + advice->crop_height > frame_height)
    advice->hint = GP_FRAMING_MOVE_UP;
  /* Pose advice for what would fail; warnings are shown with the photo. */
  else if (fabs (g.roll) > checks[GP_CHECK_ROLL].max)
    advice->hint = GP_FRAMING_STRAIGHTEN;
  else if (fabs (g.yaw) > checks[GP_CHECK_YAW].max)
    advice->hint = GP_FRAMING_FACE_CAMERA;
  else if (MIN (g.left_eye_open, g.right_eye_open) < checks[GP_CHECK_EYES_OPEN].min)
    advice->hint = GP_FRAMING_OPEN_EYES;
  else if (g.mouth_open > checks[GP_CHECK_MOUTH_CLOSED].max)
    advice->hint = GP_FRAMING_CLOSE_MOUTH;
  else
    advice->hint = GP_FRAMING_GOOD;
}

typedef struct {
  GWeakRef         framing;
  GpFramingAdvice  advice;
} Delivery;

static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;
  g_autoptr(GpFraming) self = g_weak_ref_get (&delivery->framing);

  if (self != NULL && !self->paused)
    g_signal_emit (self, signals[SIGNAL_ADVICE], 0, &delivery->advice);
  return G_SOURCE_REMOVE;
}

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_weak_ref_clear (&delivery->framing);
  g_free (delivery);
}

/* Always through an idle source: g_main_context_invoke() would run the
 * callback right here, on the worker, when nobody iterates the context. */
static void
attach_delivery (GMainContext *context,
                 Delivery     *delivery)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, deliver, delivery, delivery_free);
  g_source_attach (source, context);
}

static gpointer
worker (gpointer data)
{
  GpFraming *self = data;
  g_autoptr(GError) load_error = NULL;
  GpFaceDetector *detector = gp_face_detector_get_default (&load_error);

  if (detector == NULL)
    g_warning ("No framing advice: %s", load_error->message);

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      g_autoptr(GpFrame) frame = NULL;
      g_autoptr(GArray) faces = NULL;
      g_autoptr(GError) error = NULL;
      Delivery *delivery;
      gint64 started;

      while (!self->stopping && (self->pending == NULL || self->paused))
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        break;
      frame = g_steal_pointer (&self->pending);
      g_mutex_unlock (&self->lock);

      started = g_get_monotonic_time ();
      if (detector != NULL)
        faces = gp_face_detector_detect (detector, frame, &error);
      if (faces != NULL)
        {
          delivery = g_new0 (Delivery, 1);
          g_weak_ref_init (&delivery->framing, self);
          gp_framing_advise (self->profile, frame, (const GpFace *) (gpointer) faces->data, faces->len,
                             &delivery->advice);
          attach_delivery (self->context, delivery);
        }
      else if (error != NULL)
        g_debug ("Framing: %s", error->message);

      /* Pace the analysis; newer frames replace older ones meanwhile. */
      g_mutex_lock (&self->lock);
      g_cond_wait_until (&self->cond, &self->lock, started + ADVICE_INTERVAL_US);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* From a streaming thread: keeps only the newest frame, never blocks on analysis. */
void
gp_framing_push_frame (GpFraming *self,
                       GpFrame   *gray)
{
  g_return_if_fail (GP_IS_FRAMING (self));

  g_mutex_lock (&self->lock);
  if (!self->paused)
    {
      g_clear_pointer (&self->pending, gp_frame_unref);
      self->pending = gp_frame_ref (gray);
      g_cond_signal (&self->cond);
    }
  g_mutex_unlock (&self->lock);
}

void
gp_framing_set_paused (GpFraming *self,
                       gboolean   paused)
{
  g_return_if_fail (GP_IS_FRAMING (self));

  g_mutex_lock (&self->lock);
  self->paused = paused;
  if (paused)
    g_clear_pointer (&self->pending, gp_frame_unref);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
gp_framing_dispose (GObject *object)
{
  GpFraming *self = GP_FRAMING (object);

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stopping = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  G_OBJECT_CLASS (gp_framing_parent_class)->dispose (object);
}

static void
gp_framing_finalize (GObject *object)
{
  GpFraming *self = GP_FRAMING (object);

  g_clear_pointer (&self->pending, gp_frame_unref);
  g_clear_pointer (&self->profile, gp_profile_free);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (gp_framing_parent_class)->finalize (object);
}

static void
gp_framing_class_init (GpFramingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_framing_dispose;
  object_class->finalize = gp_framing_finalize;

  /* The advice is borrowed: copy what you keep. */
  signals[SIGNAL_ADVICE] =
    g_signal_new ("advice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
gp_framing_init (GpFraming *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_ref_thread_default ();
  self->paused = TRUE;
}

GpFraming *
gp_framing_new (const GpProfile *profile)
{
  GpFraming *self;

  g_return_val_if_fail (profile != NULL, NULL);

  self = g_object_new (GP_TYPE_FRAMING, NULL);
  self->profile = gp_profile_copy (profile);
  self->thread = g_thread_new ("gp-framing", worker, self);
  return self;
}
