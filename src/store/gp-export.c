/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Export of the approved photos for upload, named by a template. */
#define G_LOG_DOMAIN "gp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/gp-durable.h"
#include "store/gp-csv-write.h"
#include "store/gp-export.h"
#include "store/gp-export-previous.h"
#include "store/gp-store-private.h"
#include "store/gp-student-state.h"

G_DEFINE_QUARK (gp-export-error-quark, gp_export_error)

void
gp_export_report_free (GpExportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->conflicts);
  g_ptr_array_unref (report->problems);
  g_free (report->manifest);
  g_free (report->walk_ins_manifest);
  g_free (report->zip);
  g_free (report);
}

static const char *
field (const char       *name,
       const GpStudent  *s,
       const char       *id_number,
       const char       *batch,
       gboolean         *known)
{
  *known = TRUE;
  if (g_str_equal (name, "student_no")) return s->student_no;
  if (g_str_equal (name, "name")) return s->name;
  if (g_str_equal (name, "code")) return s->code;
  if (g_str_equal (name, "college")) return s->college;
  if (g_str_equal (name, "class")) return s->class_name;
  if (g_str_equal (name, "major")) return s->major;
  if (g_str_equal (name, "school")) return s->school;
  if (g_str_equal (name, "level")) return s->level;
  if (g_str_equal (name, "education")) return s->education;
  if (g_str_equal (name, "year")) return s->graduation_year;
  if (g_str_equal (name, "time_slot")) return s->time_slot;
  if (g_str_equal (name, "id_last4")) return s->id_last4;
  if (g_str_equal (name, "id_number")) return id_number;
  if (g_str_equal (name, "batch")) return batch;
  *known = FALSE;
  return NULL;
}

/* A value is one name component: no separators or control characters. */
static void
append_value (GString    *out,
              const char *value)
{
  const char *p;

  for (p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
          || c == '>' || c == '|' || g_unichar_iscntrl (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
}

char *
gp_export_expand_name (const char       *template,
                       const GpStudent  *student,
                       const char       *id_number,
                       const char       *batch,
                       GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  const char *p = template;
  guint i;

  g_return_val_if_fail (template != NULL, NULL);
  g_return_val_if_fail (student != NULL, NULL);

  while (*p != '\0')
    {
      const char *close;
      g_autofree char *name = NULL;
      const char *value;
      gboolean known;

      if (*p != '{')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE,
                       _("The naming “%s” has a “{” without its “}”. Write fields as {student_no}."), template);
          return NULL;
        }
      name = g_strndup (p + 1, (gsize) (close - p - 1));
      value = field (name, student, id_number, batch, &known);
      if (!known)
        {
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE,
                       _("The naming “%s” uses an unknown field {%s}. Use {student_no}, {name}, {code}, {college}, "
                         "{class}, {major}, {school}, {level}, {education}, {year}, {time_slot}, {id_last4}, "
                         "{id_number} or {batch}."),
                       template, name);
          return NULL;
        }
      if (value == NULL || *value == '\0')
        {
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE,
                       /* Translators: 学号, then a field name such as college */
                       _("Student %s has no {%s} on the roster, which the naming needs. Import a roster with that "
                         "column, or choose another naming."),
                       student->student_no, name);
          return NULL;
        }
      append_value (out, value);
      p = close + 1;
    }

  /* The template's own "/" makes folders, but never one outside @out_dir. */
  parts = g_strsplit (out->str, "/", -1);
  for (i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      {
        g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_TEMPLATE,
                     _("The naming “%s” gives “%s”, which is not a file name inside the export folder. "
                       "Use a naming such as {student_no}.jpg."),
                     template, out->str);
        return NULL;
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  GpStudent *student;
  char      *id_number;
  char      *batch;
  char      *batch_naming;
  gint64     capture_id;
  char      *photo_path;
  char      *created_at;
} Entry;

static void
entry_free (Entry *entry)
{
  gp_student_free (entry->student);
  g_free (entry->id_number);
  g_free (entry->batch);
  g_free (entry->batch_naming);
  g_free (entry->photo_path);
  g_free (entry->created_at);
  g_free (entry);
}

/* The done students of @batch (NULL: every batch) with their accepted photo. */
static GPtrArray *
list_approved (GpStore     *store,
               const char  *batch,
               GError     **error)
{
  const char *what = _("list the approved photos");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  int rc;

  stmt = gp_store_prepare (store,
                           "SELECT s.id, s.student_no, s.name, s.code, s.college, s.class_name, s.id_last4,"
                           "       s.batch_id, s.school, s.major, s.level, s.education, s.graduation_year,"
                           "       s.time_slot, s.paid, s.id_number, b.name, b.export_naming,"
                           "       c.id, c.photo_path, c.created_at"
                           " FROM students s JOIN captures c ON c.id = " GP_STUDENT_DONE_CAPTURE_SQL ("s")
                           " LEFT JOIN batches b ON b.id = s.batch_id"
                           " WHERE ?1 IS NULL OR b.name = ?1"
                           " ORDER BY length (s.student_no), s.student_no",
                           what, error);
  if (stmt == NULL)
    return NULL;
  rc = gp_store_bind_optional (stmt, 1, batch);
  if (rc != SQLITE_OK)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->student = gp_store_student_from_row (stmt, 0);
      entry->id_number = gp_store_column_dup (stmt, 15);
      entry->batch = gp_store_column_dup (stmt, 16);
      entry->batch_naming = gp_store_column_dup (stmt, 17);
      entry->capture_id = sqlite3_column_int64 (stmt, 18);
      entry->photo_path = gp_store_column_dup (stmt, 19);
      entry->created_at = gp_store_column_dup (stmt, 20);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      gp_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static void
manifest_row (GString      *manifest,
              const char   *file,
              const Entry  *entry,
              GBytes       *photo)
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
  g_autofree char *id = g_strdup_printf ("%lld", (long long) entry->capture_id);
  const char *values[] = { file, entry->student->student_no, entry->student->name, entry->student->college,
                           entry->student->class_name, id, entry->created_at, sum };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i > 0)
        g_string_append_c (manifest, ',');
      gp_csv_write_cell (manifest, values[i]);
    }
  g_string_append (manifest, "\r\n");
}

/* Marks what went out as exported, with one audit entry for the run. */
static gboolean
mark_exported (GpStore     *store,
               GArray      *ids,
               const char  *out_dir,
               const char  *actor,
               GError     **error)
{
  const char *what = _("mark the photos exported");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (gp_store_get_lock (store));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *detail = NULL;
  guint i;
  int rc;

  if (!gp_store_exec (store, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  stmt = gp_store_prepare (store,
                           "UPDATE captures SET status = 'exported', updated_at = " GP_STORE_NOW_UTC
                           " WHERE id = ?1 AND status <> 'exported'",
                           what, error);
  if (stmt == NULL)
    goto fail;
  for (i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      rc = sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (rc != SQLITE_OK)
        {
          gp_store_set_error (store, rc, what, error);
          goto fail;
        }
      if (!gp_store_step_done (store, stmt, what, error))
        goto fail;
    }
  detail = g_strdup_printf ("%u photos to %s", ids->len, out_dir);
  if (!gp_store_audit_locked (store, actor, "export", 0, 0, detail, error)
      || !gp_store_exec (store, "COMMIT", what, error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (gp_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Could not write “%s”: %s. Check that the disk is not full and the folder is writable."),
               path, g_strerror (saved));
  return FALSE;
}

/* Writes @path unless a different file is there that an earlier export
 * (@previous, may be NULL) did not write; TRUE when it is now ours. */
static gboolean
write_unless_different (GpExportReport  *report,
                        GHashTable      *previous,
                        const char      *path,
                        const char      *shown,
                        GBytes          *bytes,
                        gboolean        *written,
                        GError         **error)
{
  g_autofree char *existing = NULL;
  gsize length = 0;

  *written = FALSE;
  if (g_file_get_contents (path, &existing, &length, NULL))
    {
      if (length == g_bytes_get_size (bytes) && memcmp (existing, g_bytes_get_data (bytes, NULL), length) == 0)
        return TRUE;
      if (gp_export_previous_owns (previous, shown, path))
        {
          if (!gp_durable_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
            return FALSE;
          report->replaced++;
          *written = TRUE;
          return TRUE;
        }
      /* Translators: %s is a file name in the export folder */
      g_ptr_array_add (report->conflicts,
                       g_strdup_printf (_("%s: a different file is already there; it was not overwritten"), shown));
      return FALSE;
    }
  if (!gp_durable_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;
  *written = TRUE;
  return TRUE;
}

/* Puts the manifest @name into @archive, or else into @out_dir, where an
 * older one that differs is kept under a dated name, not lost. */
static gboolean
put_manifest (GpExportReport  *report,
              zip_t           *archive,
              const char      *out_dir,
              const char      *name,
              GBytes          *bytes,
              GError         **error)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  gboolean written;

  if (archive != NULL)
    {
      zip_source_t *source = zip_source_buffer (archive, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0);

      if (source == NULL || zip_file_add (archive, name, source, ZIP_FL_ENC_UTF_8) < 0)
        {
          if (source != NULL)
            zip_source_free (source);
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_ZIP, _("Could not create “%s”: %s. Check that the disk is not full and the folder is writable."),
                       report->zip, zip_strerror (archive));
          return FALSE;
        }
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS)
      && !write_unless_different (report, NULL, path, name, bytes, &written, NULL))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".csv"));
      g_autofree char *previous = g_strdup_printf ("%s/%s-%s.csv", out_dir, stem, stamp);

      g_free (g_ptr_array_steal_index (report->conflicts, report->conflicts->len - 1));
      if (g_rename (path, previous) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write “%s”: %s. Check that the disk is not full and the folder is writable."),
                       previous, g_strerror (saved));
          return FALSE;
        }
    }
  return gp_durable_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

/* The ids of the walk-ins of @batch, as gp_progress_walk_ins() lists them. */
static GHashTable *
walk_in_ids (GpStore     *store,
             const char  *batch,
             GError     **error)
{
  g_autoptr(GPtrArray) progress = gp_store_list_progress (store, batch, error);
  g_autoptr(GPtrArray) walk_ins = NULL;
  GHashTable *ids;

  if (progress == NULL)
    return NULL;
  walk_ins = gp_progress_walk_ins (progress);
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < walk_ins->len; i++)
    {
      GpStudentProgress *p = g_ptr_array_index (walk_ins, i);

      g_hash_table_add (ids, g_memdup2 (&p->student->id, sizeof p->student->id));
    }
  return ids;
}

gboolean
gp_export_check_naming (const char  *naming,
                        GError     **error)
{
  g_autoptr(GpStudent) probe = gp_student_new ();
  g_autofree char *probe_name = NULL;

  g_return_val_if_fail (naming != NULL, FALSE);

  /* A student who has every field: only the template itself can fail. */
  probe->student_no = g_strdup ("x");
  probe->name = g_strdup ("x");
  probe->code = g_strdup ("x");
  probe->college = g_strdup ("x");
  probe->class_name = g_strdup ("x");
  probe->major = g_strdup ("x");
  probe->school = g_strdup ("x");
  probe->level = g_strdup ("x");
  probe->education = g_strdup ("x");
  probe->graduation_year = g_strdup ("x");
  probe->time_slot = g_strdup ("x");
  probe->id_last4 = g_strdup ("x");
  probe_name = gp_export_expand_name (naming, probe, "x", "x", error);
  return probe_name != NULL;
}

GpExportReport *
gp_export_run (GpStore     *store,
               const char  *out_dir,
               const char  *naming,
               gboolean     zip,
               const char  *actor,
               GError     **error)
{
  return gp_export_run_batch (store, out_dir, naming, zip, NULL, actor, error);
}

GpExportReport *
gp_export_run_batch (GpStore     *store,
                     const char  *out_dir,
                     const char  *naming,
                     gboolean     zip,
                     const char  *batch,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(GHashTable) earlier = NULL;
  g_autoptr(GpExportReport) report = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) exported = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GString) manifest = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GHashTable) walk_ins = NULL;
  g_autoptr(GString) walk_in_manifest = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GBytes) walk_in_bytes = NULL;
  g_autofree char *zip_tmp = NULL;
  zip_t *archive = NULL;
  guint i;

  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (out_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = g_new0 (GpExportReport, 1);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->manifest = g_build_filename (out_dir, GP_EXPORT_MANIFEST, NULL);

  /* A bad template fails before anything is written. */
  if (naming != NULL && !gp_export_check_naming (naming, error))
    return NULL;

  if (g_mkdir_with_parents (out_dir, GP_DURABLE_DIR_MODE) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the export folder “%s”: %s. Check that the disk is connected and writable."),
                   out_dir, g_strerror (saved));
      return NULL;
    }
  if (zip)
    {
      int zerr = 0;

      report->zip = g_build_filename (out_dir, GP_EXPORT_ZIP, NULL);
      if (g_file_test (report->zip, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_EXISTS,
                       _("“%s” already exists and was not overwritten. Export into another folder, or move the old archive away."),
                       report->zip);
          return NULL;
        }
      zip_tmp = g_strdup_printf ("%s/.tmp-%u-photos.zip", out_dir, (guint) getpid ());
      g_unlink (zip_tmp);
      archive = zip_open (zip_tmp, ZIP_CREATE | ZIP_EXCL, &zerr);
      if (archive == NULL)
        {
          zip_error_t ze;

          zip_error_init_with_code (&ze, zerr);
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_ZIP,
                       _("Could not create “%s”: %s. Check that the disk is not full and the folder is writable."),
                       zip_tmp, zip_error_strerror (&ze));
          zip_error_fini (&ze);
          return NULL;
        }
    }

  entries = list_approved (store, batch, error);
  if (entries == NULL)
    goto fail;
  walk_ins = walk_in_ids (store, batch, error);
  if (walk_ins == NULL)
    goto fail;
  earlier = gp_export_previous_read (out_dir);
  g_string_append (manifest, "file,student_no,name,college,class,capture_id,captured_at,sha256\r\n");
  g_string_append (walk_in_manifest, manifest->str + 3);
  for (i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      const char *template = naming != NULL ? naming
                             : entry->batch_naming != NULL ? entry->batch_naming : GP_EXPORT_DEFAULT_NAMING;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = gp_export_expand_name (template, entry->student, entry->id_number, entry->batch,
                                                     &local_error);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) photo = NULL;
      gsize length = 0;
      gboolean written = FALSE;

      if (name == NULL)
        {
          g_ptr_array_add (report->problems, g_strdup (local_error->message));
          continue;
        }
      if (!g_file_get_contents (entry->photo_path, &contents, &length, &local_error))
        {
          g_ptr_array_add (report->problems,
                           /* Translators: 学号, then the system's reason */
                           g_strdup_printf (_("%s: the photo cannot be read (%s); run the kiosk once to check the "
                                              "photos, or take the photo again"),
                                            entry->student->student_no, local_error->message));
          continue;
        }
      photo = g_bytes_new_take (g_steal_pointer (&contents), length);

      if (archive != NULL)
        {
          zip_source_t *source = zip_source_buffer (archive, g_bytes_get_data (photo, NULL), length, 0);

          if (source == NULL || zip_file_add (archive, name, source, ZIP_FL_ENC_UTF_8) < 0)
            {
              if (source != NULL)
                zip_source_free (source);
              g_ptr_array_add (report->conflicts,
                               g_strdup_printf (_("%s: a different file is already there; it was not overwritten"), name));
              continue;
            }
          g_ptr_array_add (keep, g_bytes_ref (photo));
          written = TRUE;
        }
      else
        {
          g_autofree char *path = g_build_filename (out_dir, name, NULL);

          if (!write_unless_different (report, earlier, path, name, photo, &written, &local_error))
            {
              /* A name the disk cannot hold is this student's problem, not the export's. */
              if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG))
                g_ptr_array_add (report->problems,
                                 /* Translators: 学号, then a file name */
                                 g_strdup_printf (_("%s: the file name “%s” is too long for the disk; export again "
                                                    "with a naming of fewer fields"),
                                                  entry->student->student_no, name));
              else if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  goto fail;
                }
              continue;
            }
        }
      if (written)
        report->exported++;
      else
        report->unchanged++;
      manifest_row (manifest, name, entry, photo);
      if (g_hash_table_contains (walk_ins, &entry->student->id))
        {
          manifest_row (walk_in_manifest, name, entry, photo);
          report->walk_ins++;
        }
      g_array_append_val (exported, entry->capture_id);
    }

  manifest_bytes = g_string_free_to_bytes (g_steal_pointer (&manifest));
  walk_in_bytes = g_string_free_to_bytes (g_steal_pointer (&walk_in_manifest));
  /* Only exports with walk-ins have their list, and one left by an earlier
   * export into the folder is brought up to date rather than left stale. */
  report->walk_ins_manifest = g_build_filename (out_dir, GP_EXPORT_WALK_INS, NULL);
  if (report->walk_ins == 0 && (archive != NULL || !g_file_test (report->walk_ins_manifest, G_FILE_TEST_EXISTS)))
    g_clear_pointer (&report->walk_ins_manifest, g_free);
  if (archive != NULL)
    {
      if (!put_manifest (report, archive, out_dir, GP_EXPORT_MANIFEST, manifest_bytes, error)
          || (report->walk_ins > 0
              && !put_manifest (report, archive, out_dir, GP_EXPORT_WALK_INS, walk_in_bytes, error)))
        goto fail;
      if (zip_close (archive) != 0)
        {
          g_set_error (error, GP_EXPORT_ERROR, GP_EXPORT_ERROR_ZIP, _("Could not create “%s”: %s. Check that the disk is not full and the folder is writable."),
                       report->zip, zip_strerror (archive));
          goto fail;
        }
      archive = NULL;
      g_clear_pointer (&report->manifest, g_free);
      g_clear_pointer (&report->walk_ins_manifest, g_free);
      if (!gp_durable_make_private (zip_tmp, error) || !sync_file (zip_tmp, error))
        goto fail;
      if (g_rename (zip_tmp, report->zip) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write “%s”: %s. Check that the disk is not full and the folder is writable."),
                       report->zip, g_strerror (saved));
          goto fail;
        }
      if (!gp_durable_fsync_directory (out_dir, error))
        return NULL;
    }
  else if (!put_manifest (report, NULL, out_dir, GP_EXPORT_MANIFEST, manifest_bytes, error)
           || (report->walk_ins_manifest != NULL
               && !put_manifest (report, NULL, out_dir, GP_EXPORT_WALK_INS, walk_in_bytes, error)))
    return NULL;

  if (exported->len > 0 && !mark_exported (store, exported, out_dir, actor, error))
    return NULL;
  return g_steal_pointer (&report);

fail:
  if (archive != NULL)
    zip_discard (archive);
  if (zip_tmp != NULL)
    g_unlink (zip_tmp);
  return NULL;
}
