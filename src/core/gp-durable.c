/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Writes files so that once we report them saved they survive a crash:
 * temp name in the same directory, fsync, rename, fsync the directory. */
#define G_LOG_DOMAIN "gp-durable"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gp-durable.h"

G_DEFINE_QUARK (gp-durable-error-quark, gp_durable_error)

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: first %s is an action such as "write", then a file name and the system's reason */
               _("Could not %s “%s”: %s. Check that the disk is not full and the folder is writable."),
               what, path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
gp_durable_fsync_directory (const char  *dir,
                            GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return set_errno_error (error, errno, _("open"), dir);
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      return set_errno_error (error, saved, _("sync"), dir);
    }
  close (fd);
  return TRUE;
}

/* Writes @data to a new temp file in @dir and fsyncs it; errors name
 * @shown (the temp file itself when NULL). */
static char *
write_temp (const char    *dir,
            const guint8  *data,
            gsize          length,
            const char    *shown,
            GError       **error)
{
  /* The ".tmp-" prefix lets start-up reconciliation recognise leftovers. */
  g_autofree char *tmp = g_strdup_printf ("%s/.tmp-%u-XXXXXX", dir, (guint) getpid ());
  gsize done = 0;
  int fd, saved;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, GP_DURABLE_FILE_MODE);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("create"), tmp);
      return NULL;
    }
  /* The umask only takes bits away; an unusual one must not make the file unreadable to us. */
  if (fchmod (fd, GP_DURABLE_FILE_MODE) != 0)
    goto fail;
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      done += (gsize) n;
    }
  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  return g_steal_pointer (&tmp);

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  set_errno_error (error, saved, _("write"), shown != NULL ? shown : tmp);
  return NULL;
}

char *
gp_durable_write_temp (const char    *dir,
                       const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return write_temp (dir, data, length, NULL, error);
}

gboolean
gp_durable_write (const char    *path,
                  const guint8  *data,
                  gsize          length,
                  GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, GP_DURABLE_DIR_MODE) != 0)
    return set_errno_error (error, errno, _("create folder"), dir);
  tmp = write_temp (dir, data, length, path, error);
  if (tmp == NULL)
    return FALSE;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved, _("write"), path);
    }
  return gp_durable_fsync_directory (dir, error);
}

gboolean
gp_durable_make_private (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_chmod (path, GP_DURABLE_FILE_MODE) != 0)
    return set_errno_error (error, errno, _("make private"), path);
  return TRUE;
}
