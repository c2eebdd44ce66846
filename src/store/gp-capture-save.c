/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The durable capture save: files first, each fsynced and renamed, then the
 * row. Shared by the kiosk, gradphoto-admin and the crash test. */
#define G_LOG_DOMAIN "gp-capture-save"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "core/gp-durable.h"
#include "store/gp-capture-save.h"
#include "store/gp-store-private.h"

static gboolean
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: a file name, then the system's reason */
               _("Could not save the photo file “%s”: %s. Check that the disk is not full and the folder is writable."),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* A new folder's own name must reach the disk too: fsync its parent. */
static gboolean
ensure_directory (const char  *dir,
                  GError     **error)
{
  g_autofree char *parent = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  parent = g_path_get_dirname (dir);
  if (!ensure_directory (parent, error))
    return FALSE;
  if (g_mkdir (dir, GP_DURABLE_DIR_MODE) != 0 && errno != EEXIST)
    return set_file_error (error, errno, dir);
  return gp_durable_fsync_directory (parent, error);
}

/* A 学号 names a folder: keep it one path component. */
static char *
folder_name (const char *student_no)
{
  char *name = g_strdup (student_no);

  g_strdelimit (name, "/\\", '_');
  if (name[0] == '.')
    name[0] = '_';
  return name;
}

static gint64
insert_row (GpStore                 *store,
            const GpCaptureRequest  *request,
            const char              *original,
            const char              *photo,
            GError                 **error)
{
  const char *what = _("save the photo record");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) passed = NULL;
  gint64 id;
  int rc;

  if (!gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return -1;
  insert = gp_store_prepare (store,
                             "INSERT INTO captures (student_id, original_path, photo_path, station,"
                             "                      checks, operator, retake, status, updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                             "  (SELECT count(*) FROM captures WHERE student_id = ?1),"
                             "  CASE WHEN json_valid (?5) AND json_extract (?5, '$.passed') = 1"
                             "   THEN 'approved' ELSE 'captured' END, " GP_STORE_NOW_UTC ")",
                             what, error);
  if (insert == NULL)
    goto fail;
  if ((rc = sqlite3_bind_int64 (insert, 1, request->student_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (insert, 2, original, -1, SQLITE_STATIC)) != SQLITE_OK
      || (rc = sqlite3_bind_text (insert, 3, photo, -1, SQLITE_STATIC)) != SQLITE_OK
      || (rc = gp_store_bind_optional (insert, 4, request->station)) != SQLITE_OK
      || (rc = gp_store_bind_optional (insert, 5, request->checks)) != SQLITE_OK
      || (rc = gp_store_bind_optional (insert, 6, request->operator_name)) != SQLITE_OK)
    {
      gp_store_set_error (store, rc, what, error);
      goto fail;
    }
  if (!gp_store_step_done (store, insert, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gp_store_get_db (store));

  /* A capture that passed its checks is approved, so it is the chosen one. */
  passed = gp_store_prepare (store,
                             "UPDATE students SET chosen_capture_id = ?1 WHERE id = ?2"
                             " AND (SELECT status FROM captures WHERE id = ?1) = 'approved'",
                             what, error);
  if (passed == NULL)
    goto fail;
  if ((rc = sqlite3_bind_int64 (passed, 1, id)) != SQLITE_OK
      || (rc = sqlite3_bind_int64 (passed, 2, request->student_id)) != SQLITE_OK)
    {
      gp_store_set_error (store, rc, what, error);
      goto fail;
    }
  /* synchronous=FULL: COMMIT returns once the WAL is on disk. */
  if (!gp_store_step_done (store, passed, what, error)
      || !gp_store_exec (store, "COMMIT", what, error))
    goto fail;
  return id;

fail:
  sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

gint64
gp_capture_save (GpStore                 *store,
                 const char              *photos_dir,
                 const GpCaptureRequest  *request,
                 char                   **photo_path,
                 GError                 **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *original = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *tmp_original = NULL;
  g_autofree char *tmp_photo = NULL;
  gint64 id;
  guint n;

  g_return_val_if_fail (GP_IS_STORE (store), -1);
  g_return_val_if_fail (photos_dir != NULL, -1);
  g_return_val_if_fail (request != NULL && request->student_no != NULL, -1);
  g_return_val_if_fail (request->original != NULL && request->photo != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  folder = folder_name (request->student_no);
  dir = g_build_filename (photos_dir, folder, NULL);
  if (!ensure_directory (dir, error))
    return -1;

  /* Two captures within a millisecond get a suffix rather than one file. */
  for (n = 0;; n++)
    {
      g_autofree char *base = g_strdup_printf ("%s-%s-%03d", folder, stamp,
                                               g_date_time_get_microsecond (now) / 1000);
      g_autofree char *unique = n == 0 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);

      g_free (original);
      g_free (photo);
      original = g_strdup_printf ("%s/%s-original.jpg", dir, unique);
      photo = g_strdup_printf ("%s/%s.jpg", dir, unique);
      if (!g_file_test (original, G_FILE_TEST_EXISTS) && !g_file_test (photo, G_FILE_TEST_EXISTS))
        break;
    }

  tmp_original = gp_durable_write_temp (dir, g_bytes_get_data (request->original, NULL),
                                       g_bytes_get_size (request->original), error);
  if (tmp_original == NULL)
    return -1;
  tmp_photo = gp_durable_write_temp (dir, g_bytes_get_data (request->photo, NULL),
                                    g_bytes_get_size (request->photo), error);
  if (tmp_photo == NULL)
    {
      g_unlink (tmp_original);
      return -1;
    }
  /* The photo first: cut short between the two, reconcile can still give
   * the standardized photo its row back; an original alone it could not. */
  if (g_rename (tmp_photo, photo) != 0)
    {
      set_file_error (error, errno, photo);
      g_unlink (tmp_original);
      g_unlink (tmp_photo);
      return -1;
    }
  if (g_rename (tmp_original, original) != 0)
    {
      set_file_error (error, errno, original);
      g_unlink (photo);
      g_unlink (tmp_original);
      return -1;
    }
  if (!gp_durable_fsync_directory (dir, error))
    goto undo;

  id = insert_row (store, request, original, photo, error);
  if (id < 0)
    goto undo;
  if (photo_path != NULL)
    *photo_path = g_steal_pointer (&photo);
  return id;

undo:
  /* Reported as not saved, so it must not come back as a photo either. */
  g_unlink (original);
  g_unlink (photo);
  gp_durable_fsync_directory (dir, NULL);
  return -1;
}
