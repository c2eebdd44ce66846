/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The staff PIN that opens staff mode and quits the kiosk: kept only as an
 * Argon2id hash, with wrong guesses locking entry for longer and longer. */
#define G_LOG_DOMAIN "gp-staff-pin"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "core/gp-durable.h"
#include "core/gp-paths.h"
#include "core/gp-staff-pin.h"

#define PIN_MIN 4
#define PIN_MAX 12

struct _GpStaffPin
{
  GObject  parent_instance;

  char    *path;
  GMutex   lock;       /* checks may run in several threads */
  guint    wrong;      /* wrong PINs since the last right one */
  guint    locks;      /* locks since the last right PIN */
  gint64   open_at;    /* monotonic µs when entry opens again */
};

G_DEFINE_FINAL_TYPE (GpStaffPin, gp_staff_pin, G_TYPE_OBJECT)
G_DEFINE_QUARK (gp-staff-pin-error-quark, gp_staff_pin_error)

static void
gp_staff_pin_finalize (GObject *object)
{
  GpStaffPin *self = GP_STAFF_PIN (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gp_staff_pin_parent_class)->finalize (object);
}

static void
gp_staff_pin_class_init (GpStaffPinClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_staff_pin_finalize;
}

static void
gp_staff_pin_init (GpStaffPin *self)
{
  g_mutex_init (&self->lock);
}

GpStaffPin *
gp_staff_pin_new (const char *path)
{
  GpStaffPin *self = g_object_new (GP_TYPE_STAFF_PIN, NULL);

  self->path = path != NULL ? g_strdup (path) : g_build_filename (gp_paths_get_data_dir (), "staff-pin", NULL);
  return self;
}

gboolean
gp_staff_pin_is_set (GpStaffPin *self)
{
  g_return_val_if_fail (GP_IS_STAFF_PIN (self), FALSE);
  return g_file_test (self->path, G_FILE_TEST_IS_REGULAR);
}

gboolean
gp_staff_pin_valid (const char  *pin,
                    GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      length = 0;
  if (length < PIN_MIN || length > PIN_MAX)
    {
      g_set_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_INVALID,
                   _("A staff PIN is %d to %d digits, and nothing else. Choose another."), PIN_MIN, PIN_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sodium_ready (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_FAILED,
                           _("The cryptography library could not start. Reinstall libsodium."));
      return FALSE;
    }
  return TRUE;
}

gboolean
gp_staff_pin_set (GpStaffPin  *self,
                  const char  *pin,
                  GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (GP_IS_STAFF_PIN (self), FALSE);

  if (!gp_staff_pin_valid (pin, error) || !sodium_ready (error))
    return FALSE;
  if (crypto_pwhash_str (hash, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_FAILED,
                           _("There is not enough memory to protect the staff PIN. Close other programs "
                             "and try again."));
      return FALSE;
    }
  return gp_durable_write (self->path, (const guint8 *) hash, strlen (hash), error);
}

static gboolean
still_locked (GpStaffPin  *self,
              gint64       now,
              GError     **error)
{
  gint64 wait = self->open_at - now;

  if (wait <= 0)
    return FALSE;
  g_set_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_LOCKED,
               g_dngettext (GETTEXT_PACKAGE, "Too many wrong PINs. Try again in %d second.",
                            "Too many wrong PINs. Try again in %d seconds.", (gulong) ((wait + 999999) / G_USEC_PER_SEC)),
               (int) ((wait + 999999) / G_USEC_PER_SEC));
  return TRUE;
}

/* Each run of wrong PINs locks entry twice as long as the one before. */
static void
count_wrong (GpStaffPin  *self,
             gint64       now,
             GError     **error)
{
  guint left;

  self->wrong++;
  if (self->wrong % GP_STAFF_PIN_TRIES == 0)
    {
      self->open_at = now + (GP_STAFF_PIN_LOCK_US << MIN (self->locks, 10));
      self->locks++;
      still_locked (self, now, error);
      return;
    }
  left = GP_STAFF_PIN_TRIES - self->wrong % GP_STAFF_PIN_TRIES;
  g_set_error (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_WRONG,
               g_dngettext (GETTEXT_PACKAGE, "Wrong PIN. %u try left before entry locks.",
                            "Wrong PIN. %u tries left before entry locks.", left), left);
}

gboolean
gp_staff_pin_check (GpStaffPin  *self,
                    const char  *pin,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (GP_IS_STAFF_PIN (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (still_locked (self, now, error))
    return FALSE;
  if (!g_file_get_contents (self->path, &hash, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, GP_STAFF_PIN_ERROR, GP_STAFF_PIN_ERROR_NOT_SET,
                             _("No staff PIN is set. Set one with “gradphoto-admin staff-pin set”."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!sodium_ready (error))
    return FALSE;
  g_strchomp (hash);
  if (pin == NULL || crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      count_wrong (self, now, error);
      return FALSE;
    }
  self->wrong = 0;
  self->locks = 0;
  return TRUE;
}

gint64
gp_staff_pin_locked_for (GpStaffPin *self,
                         gint64      now)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (GP_IS_STAFF_PIN (self), 0);
  locker = g_mutex_locker_new (&self->lock);
  return MAX (self->open_at - now, 0);
}
