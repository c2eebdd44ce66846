/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GP_PROFILE_ERROR (gp_profile_error_quark ())

typedef enum {
  GP_PROFILE_ERROR_NOT_FOUND,  /* no profile file of that name */
  GP_PROFILE_ERROR_INVALID,    /* the file is not a valid profile */
} GpProfileError;

/* The profile every station has, also when no profile file is installed. */
#define GP_PROFILE_DEFAULT_NAME "chsi-blue"

/* The compliance checks, in the order they are reported. */
typedef enum {
  GP_CHECK_FACES,
  GP_CHECK_FACE_WIDTH,
  GP_CHECK_EYE_LINE,
  GP_CHECK_HEAD_TOP,
  GP_CHECK_CENTRING,
  GP_CHECK_ROLL,
  GP_CHECK_YAW,
  GP_CHECK_EYES_OPEN,
  GP_CHECK_MOUTH_CLOSED,
  GP_CHECK_SHARPNESS,
  GP_CHECK_EXPOSURE,
  GP_CHECK_CLIPPING,
  GP_CHECK_EVEN_LIGHT,
  GP_CHECK_BACKGROUND,
  GP_CHECK_CLOTHING,
  GP_CHECK_GLARE,
  GP_CHECK_TEETH,
  GP_CHECK_TINTED_GLASSES,
  GP_CHECK_BACKGROUND_OBJECTS,
  GP_CHECK_SKIN_CLOTHING,
  GP_CHECK_EYEBROWS,
  GP_CHECK_EARS,
  GP_CHECK_HEADWEAR,
  GP_CHECK_EARRINGS,
  GP_CHECK_N
} GpCheckId;

/* A value inside [good_min, good_max] passes, inside [min, max] warns,
 * outside fails; without a warning band the good range is the range. */
typedef struct {
  double  min;
  double  max;
  double  good_min;
  double  good_max;
} GpCheckLimits;

/* A photo specification. Geometry is in pixels of a photo height_min
 * high and scales with the photo's height. */
typedef struct {
  char           *name;         /* the file name without .profile */
  char           *title;        /* Name= in the user's language */
  char           *path;         /* the file; NULL for the built-in default */
  int             width_min;    /* equal to width_max for a fixed size */
  int             width_max;
  int             height_min;
  int             height_max;
  int             dpi;
  guint8          background[3];
  double          head_top[2];  /* from the top edge, hair included */
  double          eye_line[2];
  double          face_width[2];
  int             quality_min;
  gsize           file_size_min;
  gsize           file_size_max;
  GpCheckLimits   checks[GP_CHECK_N];
} GpProfile;

GQuark       gp_profile_error_quark   (void);

GpProfile   *gp_profile_new_default   (void);
GpProfile   *gp_profile_load_file     (const char       *path,
                                       GError          **error);
GpProfile   *gp_profile_load          (const char       *name,
                                       GError          **error);
char       **gp_profile_list_names    (void);
GpProfile   *gp_profile_copy          (const GpProfile  *profile);
void         gp_profile_free          (GpProfile        *profile);
void         gp_profile_get_limits    (const GpProfile  *profile,
                                       GpCheckId         id,
                                       int               height,
                                       GpCheckLimits    *limits);

const char  *gp_check_id_to_string    (GpCheckId         id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpProfile, gp_profile_free)

G_END_DECLS
