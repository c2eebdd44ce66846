/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The gray frame the analysis takes from the camera's decoded video. */
#define G_LOG_DOMAIN "gp-sample-luma"

#include "config.h"

#include <gst/video/video.h>
#include <string.h>

#include "camera/gp-sample-luma.h"

/**
 * gp_sample_luma:
 * @sample: a planar YUV sample (the camera's I420)
 *
 * Plane 0 of @sample is its luma: copied out row by row, it is the gray
 * frame, with no conversion (a GRAY8 conversion of 1080p30 costs about an
 * eighth of a core).
 *
 * Returns: (transfer full) (nullable): the gray frame; %NULL when @sample
 *   has no video it can map
 */
GpFrame *
gp_sample_luma (GstSample *sample)
{
  GstVideoInfo info;
  GstVideoFrame vframe;
  GpFrame *gray;

  g_return_val_if_fail (sample != NULL, NULL);

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample))
      || !gst_video_frame_map (&vframe, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return NULL;
  gray = gp_frame_new (GP_FRAME_GRAY, GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  for (int y = 0; y < gray->height; y++)
    memcpy (gray->data + (gsize) y * gray->stride,
            (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&vframe, 0) + (gsize) y * GST_VIDEO_FRAME_PLANE_STRIDE (&vframe, 0),
            gray->width);
  gst_video_frame_unmap (&vframe);
  return gray;
}
