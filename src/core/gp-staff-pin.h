/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GP_STAFF_PIN_ERROR (gp_staff_pin_error_quark ())

typedef enum {
  GP_STAFF_PIN_ERROR_INVALID,     /* not 4 to 12 digits */
  GP_STAFF_PIN_ERROR_NOT_SET,
  GP_STAFF_PIN_ERROR_WRONG,
  GP_STAFF_PIN_ERROR_LOCKED,      /* too many wrong PINs: wait */
  GP_STAFF_PIN_ERROR_FAILED,      /* the file or the hashing failed */
} GpStaffPinError;

/* Wrong PINs in a row that lock entry, and the first lock's length. */
#define GP_STAFF_PIN_TRIES    5
#define GP_STAFF_PIN_LOCK_US  (60 * G_USEC_PER_SEC)

#define GP_TYPE_STAFF_PIN (gp_staff_pin_get_type ())
G_DECLARE_FINAL_TYPE (GpStaffPin, gp_staff_pin, GP, STAFF_PIN, GObject)

GQuark       gp_staff_pin_error_quark  (void);

/* The PIN kept in @path (the data dir's staff-pin when NULL). */
GpStaffPin  *gp_staff_pin_new          (const char    *path);
gboolean     gp_staff_pin_is_set       (GpStaffPin    *self);
gboolean     gp_staff_pin_valid        (const char    *pin,
                                        GError       **error);
/* Stores @pin's Argon2id hash, and nothing else, in a 0600 file. */
gboolean     gp_staff_pin_set          (GpStaffPin    *self,
                                        const char    *pin,
                                        GError       **error);
/* TRUE when @pin is the staff PIN; FALSE with WRONG (saying how many tries
 * are left), LOCKED (saying how long to wait) or another error. @now is
 * monotonic µs. Hashing takes ~0.1 s: call it off the main thread. */
gboolean     gp_staff_pin_check        (GpStaffPin    *self,
                                        const char    *pin,
                                        gint64         now,
                                        GError       **error);
/* Microseconds until entry is open again; 0 when it is. */
gint64       gp_staff_pin_locked_for   (GpStaffPin    *self,
                                        gint64         now);

G_END_DECLS
