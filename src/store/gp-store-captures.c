/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Captures: their rows, a student's latest and printable photo, class sheets. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "store/gp-store.h"
#include "store/gp-store-private.h"

G_DEFINE_BOXED_TYPE (GpCapture, gp_capture, gp_capture_copy, gp_capture_free)

GpCapture *
gp_capture_copy (const GpCapture *capture)
{
  GpCapture *copy;

  g_return_val_if_fail (capture != NULL, NULL);

  copy = g_new0 (GpCapture, 1);
  copy->id = capture->id;
  copy->student_id = capture->student_id;
  copy->original_path = g_strdup (capture->original_path);
  copy->photo_path = g_strdup (capture->photo_path);
  copy->station = g_strdup (capture->station);
  copy->created_at = g_strdup (capture->created_at);
  copy->status = g_strdup (capture->status);
  copy->uid = g_strdup (capture->uid);
  copy->checks = g_strdup (capture->checks);
  copy->operator_name = g_strdup (capture->operator_name);
  copy->retake = capture->retake;
  copy->status_reason = g_strdup (capture->status_reason);
  copy->updated_at = g_strdup (capture->updated_at);
  return copy;
}

void
gp_capture_free (GpCapture *capture)
{
  if (capture == NULL)
    return;
  g_free (capture->original_path);
  g_free (capture->photo_path);
  g_free (capture->station);
  g_free (capture->created_at);
  g_free (capture->status);
  g_free (capture->uid);
  g_free (capture->checks);
  g_free (capture->operator_name);
  g_free (capture->status_reason);
  g_free (capture->updated_at);
  g_free (capture);
}

GpCapture *
gp_store_capture_from_row (sqlite3_stmt *stmt,
                           int           first)
{
  GpCapture *capture = g_new0 (GpCapture, 1);

  capture->id = sqlite3_column_int64 (stmt, first);
  capture->student_id = sqlite3_column_int64 (stmt, first + 1);
  capture->original_path = gp_store_column_dup (stmt, first + 2);
  capture->photo_path = gp_store_column_dup (stmt, first + 3);
  capture->station = gp_store_column_dup (stmt, first + 4);
  capture->created_at = gp_store_column_dup (stmt, first + 5);
  capture->status = gp_store_column_dup (stmt, first + 6);
  capture->uid = gp_store_column_dup (stmt, first + 7);
  capture->checks = gp_store_column_dup (stmt, first + 8);
  capture->operator_name = gp_store_column_dup (stmt, first + 9);
  capture->retake = sqlite3_column_int (stmt, first + 10);
  capture->status_reason = gp_store_column_dup (stmt, first + 11);
  capture->updated_at = gp_store_column_dup (stmt, first + 12);
  return capture;
}

gint64
gp_store_add_capture (GpStore     *self,
                      gint64       student_id,
                      const char  *original_path,
                      const char  *photo_path,
                      const char  *station,
                      GError     **error)
{
  const char *what = _("save the photo record");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (original_path != NULL, -1);
  g_return_val_if_fail (photo_path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self,
                           "INSERT INTO captures (student_id, original_path, photo_path, station)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           what, error);
  if (stmt == NULL)
    return -1;
  if ((rc = sqlite3_bind_int64 (stmt, 1, student_id)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 2, original_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (stmt, 3, photo_path, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = gp_store_bind_optional (stmt, 4, station)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return -1;
    }
  /* Autocommit with synchronous=FULL: the row is on disk when this returns. */
  if (!gp_store_step_done (self, stmt, what, error))
    return -1;
  return sqlite3_last_insert_rowid (gp_store_get_db (self));
}

int
gp_store_count_captures (GpStore  *self,
                         gint64    student_id,
                         GError  **error)
{
  const char *what = _("count the student’s photos");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self, "SELECT count(*) FROM captures WHERE student_id = ?1", what, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_bind_int64 (stmt, 1, student_id);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return -1;
    }
  return (int) gp_store_query_int (self, stmt, what, error);
}

/* One capture row chosen by @where_sql over ?1 = @key; NULL without error when none. */
static GpCapture *
query_capture (GpStore     *self,
               const char  *where_sql,
               gint64       key,
               const char  *what,
               GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (self));
  g_autofree char *sql = g_strconcat ("SELECT " GP_STORE_CAPTURE_COLUMNS " FROM captures ", where_sql, NULL);
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, sql, what, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_int64 (stmt, 1, key);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }

  return gp_store_capture_from_row (stmt, 0);
}

GpCapture *
gp_store_get_capture (GpStore  *self,
                      gint64    capture_id,
                      GError  **error)
{
  const char *what = _("read the photo record");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self, "WHERE id = ?1", capture_id, what, error);
}

/* ---- Class sheets (issue 6) ------------------------------------------- */

void
gp_class_photo_free (GpClassPhoto *photo)
{
  if (photo == NULL)
    return;
  gp_student_free (photo->student);
  g_free (photo->photo_path);
  g_free (photo);
}

/* The capture to print for student row @s: the chosen (approved) one; until
 * one is approved the latest one that is neither rejected nor missing. */
#define PRINTABLE_CAPTURE_ID(s) \
  "coalesce (" s ".chosen_capture_id, (SELECT max (id) FROM captures WHERE captures.student_id = " s ".id" \
  " AND captures.status NOT IN ('rejected', 'missing')))"

/* 学号 of unequal width sort by length first, so 9 comes before 10. */
GPtrArray *
gp_store_list_class_photos (GpStore     *self,
                            const char  *class_name,
                            GError     **error)
{
  const char *what = _("list the class’s photos");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (class_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self,
                           "SELECT s.id, s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4,"
                           "       c.id, c.photo_path"
                           " FROM students s"
                           " LEFT JOIN captures c ON c.id = " PRINTABLE_CAPTURE_ID ("s")
                           " WHERE s.class_name = ?1"
                           " ORDER BY length (s.student_no), s.student_no",
                           what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_bind_text (stmt, 1, class_name, -1, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }

  photos = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_class_photo_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpClassPhoto *photo = g_new0 (GpClassPhoto, 1);

      photo->student = gp_student_new ();
      photo->student->id = sqlite3_column_int64 (stmt, 0);
      photo->student->student_no = gp_store_column_dup (stmt, 1);
      photo->student->name = gp_store_column_dup (stmt, 2);
      photo->student->code = gp_store_column_dup (stmt, 3);
      photo->student->college = gp_store_column_dup (stmt, 4);
      photo->student->class_name = gp_store_column_dup (stmt, 5);
      photo->student->id_last4 = gp_store_column_dup (stmt, 6);
      photo->capture_id = sqlite3_column_int64 (stmt, 7);
      photo->photo_path = gp_store_column_dup (stmt, 8);
      g_ptr_array_add (photos, photo);
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&photos);
}

GpCapture *
gp_store_find_latest_capture (GpStore  *self,
                              gint64    student_id,
                              GError  **error)
{
  const char *what = _("look up the student’s latest photo");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self, "WHERE student_id = ?1 ORDER BY id DESC LIMIT 1", student_id, what, error);
}

GpCapture *
gp_store_find_printable_capture (GpStore  *self,
                                 gint64    student_id,
                                 GError  **error)
{
  const char *what = _("look up the student’s photo to print");

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_capture (self,
                        "WHERE id = (SELECT " PRINTABLE_CAPTURE_ID ("s") " FROM students s WHERE s.id = ?1)",
                        student_id, what, error);
}
