/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* A live camera made of pictures: the demo scenes or a folder of frames,
 * pushed into an appsrc at a steady rate from a thread of its own. */
#define G_LOG_DOMAIN "gp-frame-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/video/video.h>

#include "camera/gp-camera.h"
#include "camera/gp-frame-source.h"
#include "image/gp-jpeg.h"

struct _GpFrameSource
{
  GObject     parent_instance;

  int         fps;
  GThread    *thread;
  GMutex      lock;
  GCond       cond;
  gboolean    running;
  GstAppSrc  *appsrc;
  GpFrame    *frame;      /* repeated while no folder is set */
  char       *folder;
  GPtrArray  *files;      /* replayed in order, looping */
  guint       next_file;
  int         caps_width;
  int         caps_height;
};

G_DEFINE_FINAL_TYPE (GpFrameSource, gp_frame_source, G_TYPE_OBJECT)

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
list_folder (GpFrameSource  *self,
             GError        **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GpFrame) first = NULL;
  const char *name;

  d = g_dir_open (self->folder, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      if (g_str_has_suffix (lower, ".jpg") || g_str_has_suffix (lower, ".jpeg"))
        g_ptr_array_add (files, g_build_filename (self->folder, name, NULL));
    }
  if (files->len == 0)
    {
      g_set_error (error, GP_CAMERA_ERROR, GP_CAMERA_ERROR_SOURCE,
                   _("The folder “%s” has no .jpg frames to replay."), self->folder);
      return FALSE;
    }
  g_ptr_array_sort (files, compare_names);

  /* The first frame fixes the stream's size before the pipeline starts. */
  first = gp_jpeg_load (g_ptr_array_index (files, 0), error);
  if (first == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = g_steal_pointer (&files);
  self->next_file = 0;
  g_clear_pointer (&self->frame, gp_frame_unref);
  self->frame = g_steal_pointer (&first);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
gp_frame_source_set_folder (GpFrameSource  *self,
                            const char     *dir,
                            GError        **error)
{
  g_return_val_if_fail (GP_IS_FRAME_SOURCE (self), FALSE);

  g_free (self->folder);
  self->folder = g_strdup (dir);
  return list_folder (self, error);
}

void
gp_frame_source_set_frame (GpFrameSource *self,
                           GpFrame       *frame)
{
  g_return_if_fail (GP_IS_FRAME_SOURCE (self));
  g_return_if_fail (frame != NULL && frame->format == GP_FRAME_RGB);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->frame, gp_frame_unref);
  self->frame = gp_frame_ref (frame);
  g_mutex_unlock (&self->lock);
}

/* NULL when a replayed frame cannot be read: the folder went away, as a
 * webcam does when unplugged, and the pipeline is told so. */
static GpFrame *
next_frame_locked (GpFrameSource *self)
{
  if (self->files != NULL)
    {
      const char *path = g_ptr_array_index (self->files, self->next_file);
      g_autoptr(GError) error = NULL;
      GpFrame *frame;

      self->next_file = (self->next_file + 1) % self->files->len;
      frame = gp_jpeg_load (path, &error);
      if (frame == NULL)
        {
          GST_ELEMENT_ERROR (self->appsrc, RESOURCE, READ,
                             ("%s", error->message), ("frame %s", path));
          return NULL;
        }
      g_clear_pointer (&self->frame, gp_frame_unref);
      self->frame = frame;
    }
  return self->frame != NULL ? gp_frame_ref (self->frame) : NULL;
}

static GstBuffer *
wrap_frame (GpFrame *frame)
{
  return gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY, frame->data,
                                      (gsize) frame->stride * frame->height, 0,
                                      (gsize) frame->stride * frame->height,
                                      frame, (GDestroyNotify) gp_frame_unref);
}

static void
update_caps (GpFrameSource *self,
             GpFrame       *frame)
{
  g_autoptr(GstCaps) caps = NULL;
  GstVideoInfo info;

  if (frame->width == self->caps_width && frame->height == self->caps_height)
    return;
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGB, (guint) frame->width, (guint) frame->height);
  info.fps_n = self->fps;
  info.fps_d = 1;
  caps = gst_video_info_to_caps (&info);
  gst_app_src_set_caps (self->appsrc, caps);
  self->caps_width = frame->width;
  self->caps_height = frame->height;
}

static gpointer
pump (gpointer data)
{
  GpFrameSource *self = data;
  gint64 interval = G_USEC_PER_SEC / self->fps;
  gint64 next = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  while (self->running)
    {
      GpFrame *frame = next_frame_locked (self);

      if (frame == NULL)
        break;
      update_caps (self, frame);
      g_mutex_unlock (&self->lock);
      gst_app_src_push_buffer (self->appsrc, wrap_frame (frame));
      g_mutex_lock (&self->lock);

      /* Keep to the clock: a slow frame does not make the next ones late. */
      next += interval;
      if (next < g_get_monotonic_time ())
        next = g_get_monotonic_time ();
      while (self->running && g_cond_wait_until (&self->cond, &self->lock, next))
        ;
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

gboolean
gp_frame_source_start (GpFrameSource  *self,
                       GstAppSrc      *appsrc,
                       GError        **error)
{
  g_return_val_if_fail (GP_IS_FRAME_SOURCE (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  /* A replayed folder is read again: it may have come back since. */
  if (self->folder != NULL && !list_folder (self, error))
    return FALSE;

  self->appsrc = g_object_ref (appsrc);
  self->caps_width = self->caps_height = 0;
  g_object_set (appsrc,
                "is-live", TRUE,
                "do-timestamp", TRUE,
                "format", GST_FORMAT_TIME,
                "max-buffers", (guint64) 2,
                "leaky-type", GST_APP_LEAKY_TYPE_DOWNSTREAM,
                NULL);
  g_mutex_lock (&self->lock);
  if (self->frame != NULL)
    update_caps (self, self->frame);
  self->running = TRUE;
  g_mutex_unlock (&self->lock);
  self->thread = g_thread_new ("gp-frame-source", pump, self);
  return TRUE;
}

void
gp_frame_source_stop (GpFrameSource *self)
{
  g_return_if_fail (GP_IS_FRAME_SOURCE (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->running = FALSE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_object (&self->appsrc);
}

static void
gp_frame_source_finalize (GObject *object)
{
  GpFrameSource *self = GP_FRAME_SOURCE (object);

  gp_frame_source_stop (self);
  g_clear_pointer (&self->frame, gp_frame_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_free (self->folder);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (gp_frame_source_parent_class)->finalize (object);
}

static void
gp_frame_source_class_init (GpFrameSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_frame_source_finalize;
}

static void
gp_frame_source_init (GpFrameSource *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

GpFrameSource *
gp_frame_source_new (int fps)
{
  GpFrameSource *self;

  g_return_val_if_fail (fps > 0 && fps <= 120, NULL);

  self = g_object_new (GP_TYPE_FRAME_SOURCE, NULL);
  self->fps = fps;
  return self;
}
