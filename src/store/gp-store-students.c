/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Students and the roster: lookups, counts, the upsert of an import, classes. */
#define G_LOG_DOMAIN "gp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "store/gp-store.h"
#include "store/gp-store-private.h"
#include "store/gp-student-state.h"

G_DEFINE_BOXED_TYPE (GpStudent, gp_student, gp_student_copy, gp_student_free)

GpStudent *
gp_student_new (void)
{
  GpStudent *student = g_new0 (GpStudent, 1);

  student->paid = -1;
  return student;
}

GpStudent *
gp_student_copy (const GpStudent *student)
{
  GpStudent *copy;

  g_return_val_if_fail (student != NULL, NULL);

  copy = g_new0 (GpStudent, 1);
  copy->id = student->id;
  copy->student_no = g_strdup (student->student_no);
  copy->name = g_strdup (student->name);
  copy->code = g_strdup (student->code);
  copy->college = g_strdup (student->college);
  copy->class_name = g_strdup (student->class_name);
  copy->id_last4 = g_strdup (student->id_last4);
  copy->batch_id = student->batch_id;
  copy->school = g_strdup (student->school);
  copy->major = g_strdup (student->major);
  copy->level = g_strdup (student->level);
  copy->education = g_strdup (student->education);
  copy->graduation_year = g_strdup (student->graduation_year);
  copy->time_slot = g_strdup (student->time_slot);
  copy->paid = student->paid;
  copy->id_number = g_strdup (student->id_number);
  return copy;
}

void
gp_student_free (GpStudent *student)
{
  if (student == NULL)
    return;
  g_free (student->student_no);
  g_free (student->name);
  g_free (student->code);
  g_free (student->college);
  g_free (student->class_name);
  g_free (student->id_last4);
  g_free (student->school);
  g_free (student->major);
  g_free (student->level);
  g_free (student->education);
  g_free (student->graduation_year);
  g_free (student->time_slot);
  g_free (student->id_number);
  g_free (student);
}

GpStudent *
gp_store_student_from_row (sqlite3_stmt *stmt,
                           int           first)
{
  GpStudent *student = gp_student_new ();

  student->id = sqlite3_column_int64 (stmt, first);
  student->student_no = gp_store_column_dup (stmt, first + 1);
  student->name = gp_store_column_dup (stmt, first + 2);
  student->code = gp_store_column_dup (stmt, first + 3);
  student->college = gp_store_column_dup (stmt, first + 4);
  student->class_name = gp_store_column_dup (stmt, first + 5);
  student->id_last4 = gp_store_column_dup (stmt, first + 6);
  student->batch_id = sqlite3_column_int64 (stmt, first + 7);
  student->school = gp_store_column_dup (stmt, first + 8);
  student->major = gp_store_column_dup (stmt, first + 9);
  student->level = gp_store_column_dup (stmt, first + 10);
  student->education = gp_store_column_dup (stmt, first + 11);
  student->graduation_year = gp_store_column_dup (stmt, first + 12);
  student->time_slot = gp_store_column_dup (stmt, first + 13);
  student->paid = sqlite3_column_type (stmt, first + 14) == SQLITE_NULL
                  ? -1 : sqlite3_column_int (stmt, first + 14);
  return student;
}

static GpStudent *
find_student (GpStore     *self,
              const char  *sql,
              const char  *key,
              GError     **error)
{
  const char *what = _("look up the student");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (self));
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, sql, what, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = key != NULL ? sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT) : SQLITE_OK;
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }

  return gp_store_student_from_row (stmt, 0);
}

#define SELECT_STUDENT "SELECT " GP_STORE_STUDENT_COLUMNS " FROM students "

GpStudent *
gp_store_find_student_by_code (GpStore     *self,
                               const char  *code,
                               GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self, SELECT_STUDENT "WHERE code = ?1", code, error);
}

GpStudent *
gp_store_find_student_by_no (GpStore     *self,
                             const char  *student_no,
                             GError     **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (student_no != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self, SELECT_STUDENT "WHERE student_no = ?1", student_no, error);
}

GpStudent *
gp_store_find_next_uncaptured (GpStore  *self,
                               GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_student (self,
                       SELECT_STUDENT "WHERE NOT EXISTS"
                       " (SELECT 1 FROM captures WHERE captures.student_id = students.id)"
                       " ORDER BY id LIMIT 1",
                       NULL, error);
}

static int
count (GpStore     *self,
       const char  *sql,
       const char  *what,
       GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (self));
  g_autoptr(sqlite3_stmt) stmt = gp_store_prepare (self, sql, what, error);

  if (stmt == NULL)
    return -1;
  return (int) gp_store_query_int (self, stmt, what, error);
}

int
gp_store_count_students (GpStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return count (self, "SELECT count(*) FROM students", _("count the students"), error);
}

int
gp_store_count_photographed (GpStore  *self,
                             GError  **error)
{
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GpProgressCount) all = NULL;

  g_return_val_if_fail (GP_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  progress = gp_store_list_progress (self, NULL, error);
  if (progress == NULL)
    return -1;
  all = gp_progress_count_all (progress);
  return all->states[GP_STUDENT_DONE] + all->states[GP_STUDENT_REVIEW];
}

/* An empty field on re-import keeps what the database has. */
#define UPSERT_KEEP(col) "  " col " = coalesce (excluded." col ", students." col ")"
#define UPSERT_CHANGED(col) "  OR students." col " IS NOT coalesce (excluded." col ", students." col ")"

/* Checked before the transaction so a bad entry cannot leave half an import. */
static gboolean
check_students (GPtrArray  *students,
                GError    **error)
{
  guint i;

  for (i = 0; i < students->len; i++)
    {
      const GpStudent *s = g_ptr_array_index (students, i);

      if (s == NULL || s->student_no == NULL || *s->student_no == '\0'
          || s->name == NULL || *s->name == '\0')
        {
          g_set_error (error, GP_STORE_ERROR, GP_STORE_ERROR_INVALID,
                       _("Student %u of %u has no student number or no name. Fix the roster and import it again."),
                       i + 1, students->len);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
upsert_one (GpStore          *self,
            const GpStudent  *s,
            sqlite3_stmt     *exists,
            sqlite3_stmt     *free_code,
            sqlite3_stmt     *upsert,
            gboolean         *was_inserted,
            gboolean         *was_updated,
            const char       *what,
            GError          **error)
{
  gboolean existed = FALSE;
  int rc;

  sqlite3_reset (exists);
  rc = sqlite3_bind_text (exists, 1, s->student_no, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (exists);
      existed = rc == SQLITE_ROW;
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }

  /* CHSI codes are unique; when a newer roster moves one, the newer wins. */
  if (s->code != NULL && *s->code != '\0')
    {
      sqlite3_reset (free_code);
      if ((rc = sqlite3_bind_text (free_code, 1, s->code, -1, SQLITE_TRANSIENT)) != SQLITE_OK
          || (rc = sqlite3_bind_text (free_code, 2, s->student_no, -1, SQLITE_TRANSIENT)) != SQLITE_OK)
        {
          gp_store_set_error (self, rc, what, error);
          return FALSE;
        }
      if (!gp_store_step_done (self, free_code, what, error))
        return FALSE;
    }

  sqlite3_reset (upsert);
  if ((rc = sqlite3_bind_text (upsert, 1, s->student_no, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = sqlite3_bind_text (upsert, 2, s->name, -1, SQLITE_TRANSIENT)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 3, s->code)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 4, s->college)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 5, s->class_name)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 6, s->id_last4)) != SQLITE_OK
      || (rc = s->batch_id > 0 ? sqlite3_bind_int64 (upsert, 7, s->batch_id)
                               : sqlite3_bind_null (upsert, 7)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 8, s->school)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 9, s->major)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 10, s->level)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 11, s->education)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 12, s->graduation_year)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 13, s->time_slot)) != SQLITE_OK
      || (rc = s->paid >= 0 ? sqlite3_bind_int (upsert, 14, s->paid)
                            : sqlite3_bind_null (upsert, 14)) != SQLITE_OK
      || (rc = gp_store_bind_optional (upsert, 15, s->id_number)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  if (!gp_store_step_done (self, upsert, what, error))
    return FALSE;

  *was_inserted = !existed;
  /* The DO UPDATE's WHERE skips unchanged rows, so changes() is 0 for them. */
  *was_updated = existed && sqlite3_changes (gp_store_get_db (self)) > 0;
  return TRUE;
}

gboolean
gp_store_forget_id_numbers (GpStore  *self,
                            gint64    batch_id,
                            GError  **error)
{
  const char *what = _("remove the stored ID numbers");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self,
                           "UPDATE students SET id_number = NULL, updated_at = " GP_STORE_NOW_UTC
                           " WHERE batch_id = ?1 AND id_number IS NOT NULL",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_bind_int64 (stmt, 1, batch_id)) != SQLITE_OK)
    {
      gp_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return gp_store_step_done (self, stmt, what, error);
}

gboolean
gp_store_upsert_students (GpStore     *self,
                          GPtrArray   *students,
                          guint       *inserted,
                          guint       *updated,
                          GError     **error)
{
  const char *what = _("save the roster");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) free_code = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  guint n_inserted = 0, n_updated = 0;
  guint i;

  g_return_val_if_fail (GP_IS_STORE (self), FALSE);
  g_return_val_if_fail (students != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_students (students, error))
    return FALSE;

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  exists = gp_store_prepare (self, "SELECT 1 FROM students WHERE student_no = ?1", what, error);
  if (exists == NULL)
    return FALSE;
  free_code = gp_store_prepare (self,
                                "UPDATE students SET code = NULL, updated_at = " GP_STORE_NOW_UTC
                                " WHERE code = ?1 AND student_no <> ?2",
                                what, error);
  if (free_code == NULL)
    return FALSE;
  upsert = gp_store_prepare (self,
                             "INSERT INTO students (student_no, name, code, college, class_name, id_last4,"
                             "                      batch_id, school, major, level, education, graduation_year,"
                             "                      time_slot, paid, id_number)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce (?7, 1), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                             " ON CONFLICT (student_no) DO UPDATE SET"
                             "  name = excluded.name,"
                             UPSERT_KEEP ("code") "," UPSERT_KEEP ("college") "," UPSERT_KEEP ("class_name") ","
                             UPSERT_KEEP ("id_last4") "," "batch_id = coalesce (?7, students.batch_id),"
                             UPSERT_KEEP ("school") "," UPSERT_KEEP ("major") "," UPSERT_KEEP ("level") ","
                             UPSERT_KEEP ("education") "," UPSERT_KEEP ("graduation_year") ","
                             UPSERT_KEEP ("time_slot") "," UPSERT_KEEP ("paid") "," UPSERT_KEEP ("id_number") ","
                             "  updated_at = " GP_STORE_NOW_UTC
                             " WHERE students.name IS NOT excluded.name"
                             "  OR students.batch_id IS NOT coalesce (?7, students.batch_id)"
                             UPSERT_CHANGED ("code") UPSERT_CHANGED ("college") UPSERT_CHANGED ("class_name")
                             UPSERT_CHANGED ("id_last4") UPSERT_CHANGED ("school") UPSERT_CHANGED ("major")
                             UPSERT_CHANGED ("level") UPSERT_CHANGED ("education")
                             UPSERT_CHANGED ("graduation_year") UPSERT_CHANGED ("time_slot")
                             UPSERT_CHANGED ("paid") UPSERT_CHANGED ("id_number"),
                             what, error);
  if (upsert == NULL)
    return FALSE;

  if (!gp_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  for (i = 0; i < students->len; i++)
    {
      gboolean was_inserted, was_updated;

      if (!upsert_one (self, g_ptr_array_index (students, i), exists, free_code, upsert,
                       &was_inserted, &was_updated, what, error))
        goto fail;
      n_inserted += was_inserted ? 1 : 0;
      n_updated += was_updated ? 1 : 0;
    }
  if (!gp_store_exec (self, "COMMIT", what, error))
    goto fail;

  if (inserted != NULL)
    *inserted = n_inserted;
  if (updated != NULL)
    *updated = n_updated;
  return TRUE;

fail:
  /* Keep the first error: a failed ROLLBACK means SQLite already rolled back. */
  sqlite3_exec (gp_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

char **
gp_store_list_classes (GpStore  *self,
                       GError  **error)
{
  const char *what = _("list the classes");
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) classes = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (GP_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (gp_store_get_lock (self));
  stmt = gp_store_prepare (self,
                           "SELECT DISTINCT class_name FROM students"
                           " WHERE class_name IS NOT NULL ORDER BY class_name",
                           what, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (classes, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (self, rc, what, error);
      return NULL;
    }
  return g_strv_builder_end (classes);
}
