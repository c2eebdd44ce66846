/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GP_STORE_ERROR (gp_store_error_quark ())

typedef enum
{
  GP_STORE_ERROR_FAILED,
  GP_STORE_ERROR_CANNOT_OPEN,
  GP_STORE_ERROR_NOT_A_DATABASE,
  GP_STORE_ERROR_NEWER_SCHEMA,
  GP_STORE_ERROR_CORRUPT,
  GP_STORE_ERROR_DISK_FULL,
  GP_STORE_ERROR_LOCKED,
  GP_STORE_ERROR_READ_ONLY,
  GP_STORE_ERROR_IO,
  GP_STORE_ERROR_CONSTRAINT,
  GP_STORE_ERROR_INVALID,
} GpStoreError;

GQuark gp_store_error_quark (void);

/* A roster entry. Optional fields are NULL when unknown. */
typedef struct
{
  gint64  id;
  char   *student_no;
  char   *name;
  char   *code;
  char   *college;
  char   *class_name;
  char   *id_last4;
  /* Schema v2 (issue 5). batch_id 0: the default batch, or the one the
   * student is already in. paid: -1 unknown, 0 no, 1 yes. */
  gint64  batch_id;
  char   *school;
  char   *major;
  char   *level;
  char   *education;
  char   *graduation_year;
  char   *time_slot;
  int     paid;
  /* Written on import when the batch's export naming needs it; lookups
   * never read it back, so it is never shown. */
  char   *id_number;
} GpStudent;

#define GP_TYPE_STUDENT (gp_student_get_type ())

GType      gp_student_get_type (void) G_GNUC_CONST;
GpStudent *gp_student_new      (void);
GpStudent *gp_student_copy     (const GpStudent *student);
void       gp_student_free     (GpStudent       *student);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpStudent, gp_student_free)

typedef struct
{
  gint64  id;
  gint64  student_id;
  char   *original_path;
  char   *photo_path;
  char   *station;
  char   *created_at;
  char   *status;
  /* Schema v2 (issue 5). */
  char   *uid;
  char   *checks;         /* JSON text; NULL when nothing was checked */
  char   *operator_name;
  int     retake;         /* 0 for a student's first capture */
  char   *status_reason;
  char   *updated_at;
} GpCapture;

#define GP_TYPE_CAPTURE (gp_capture_get_type ())

GType      gp_capture_get_type (void) G_GNUC_CONST;
GpCapture *gp_capture_copy     (const GpCapture *capture);
void       gp_capture_free     (GpCapture       *capture);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpCapture, gp_capture_free)

#define GP_TYPE_STORE (gp_store_get_type ())

G_DECLARE_FINAL_TYPE (GpStore, gp_store, GP, STORE, GObject)

/* Every call is serialised on an internal lock, so one GpStore may be
 * shared between the main thread and GTask worker threads. */
GpStore   *gp_store_open                  (const char  *path,
                                           GError     **error);
const char *gp_store_get_path             (GpStore     *self);

/* NULL with no error set when no student matches. */
GpStudent *gp_store_find_student_by_code  (GpStore     *self,
                                           const char  *code,
                                           GError     **error);
GpStudent *gp_store_find_student_by_no    (GpStore     *self,
                                           const char  *student_no,
                                           GError     **error);
int        gp_store_count_students        (GpStore     *self,
                                           GError     **error);
/* Students with a photo neither rejected nor lost: done or to review
 * (gp-student-state.h); -1 with @error set on failure. */
int        gp_store_count_photographed    (GpStore     *self,
                                           GError     **error);
/* The first student in roster order without a capture; NULL with no
 * error set when everyone has been photographed. */
GpStudent *gp_store_find_next_uncaptured  (GpStore     *self,
                                           GError     **error);

/* Keyed on student_no, in one transaction. NULL or empty optional fields
 * keep what the database already has; a code given to one student is taken
 * away from any other. @updated counts existing students whose details
 * actually changed. */
gboolean   gp_store_upsert_students       (GpStore     *self,
                                           GPtrArray   *students,
                                           guint       *inserted,
                                           guint       *updated,
                                           GError     **error);
/* Drops the full ID numbers stored for the students of batch @batch_id
 * (the last 4 characters stay). */
gboolean   gp_store_forget_id_numbers     (GpStore     *self,
                                           gint64       batch_id,
                                           GError     **error);

/* The files must already be on disk; this commits the row durably.
 * Returns the new row id, or -1 with @error set. */
gint64     gp_store_add_capture           (GpStore     *self,
                                           gint64       student_id,
                                           const char  *original_path,
                                           const char  *photo_path,
                                           const char  *station,
                                           GError     **error);
int        gp_store_count_captures        (GpStore     *self,
                                           gint64       student_id,
                                           GError     **error);
/* NULL with no error set when there is no such capture. */
GpCapture *gp_store_get_capture           (GpStore     *self,
                                           gint64       capture_id,
                                           GError     **error);

/* print_jobs.status: CUPS job states ("pending", "processing", …,
 * gp_print_job_state_to_string()) or one of these. */
#define GP_PRINT_JOB_STATUS_SUBMITTED "submitted"  /* queued; CUPS not asked yet */
#define GP_PRINT_JOB_STATUS_COMPLETED "completed"  /* CUPS printed it */
#define GP_PRINT_JOB_STATUS_WRITTEN   "written"    /* no printer is set: the sheet is a PDF in sheets/ */
#define GP_PRINT_JOB_STATUS_SAVED     "saved"      /* a PDF asked for instead of printing */
#define GP_PRINT_JOB_STATUS_CANCELED  "canceled"

/* Whether a job in @status has put its photos on paper (completed, or
 * written as the station's PDF sheet). */
gboolean   gp_print_job_status_is_done    (const char  *status);
/* Whether @status can no longer change: done, saved, canceled or aborted. */
gboolean   gp_print_job_status_is_over    (const char  *status);

/* @printer NULL means the sheet went to a PDF file; @cups_job_id <= 0 is
 * stored as NULL. A job that is already done (gp_print_job_status_is_done())
 * marks its capture printed as gp_store_set_print_job_status() does, in the
 * same transaction. Returns the new row id, or -1 with @error set. */
gint64     gp_store_add_print_job         (GpStore     *self,
                                           gint64       capture_id,
                                           const char  *printer,
                                           const char  *pdf_path,
                                           int          cups_job_id,
                                           const char  *status,
                                           GError     **error);

/* Class sheets (issue 6): a student of a class and their latest photo. */
typedef struct
{
  GpStudent *student;
  gint64     capture_id;  /* 0 when the student has no photo yet */
  char      *photo_path;  /* NULL when the student has no photo yet */
} GpClassPhoto;

void        gp_class_photo_free           (GpClassPhoto  *photo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpClassPhoto, gp_class_photo_free)

/* Every student of @class_name in 学号 order, each with the photo to print
 * (gp_store_find_printable_capture()); an empty array when no student is in
 * that class. */
GPtrArray  *gp_store_list_class_photos    (GpStore       *self,
                                           const char    *class_name,
                                           GError       **error);
/* NULL with no error set when the student has no capture. */
GpCapture  *gp_store_find_latest_capture  (GpStore       *self,
                                           gint64         student_id,
                                           GError       **error);
/* The photo to print for a student: the chosen (approved) one, or until one
 * is approved the latest capture that is neither rejected nor missing. NULL
 * with no error set when there is none. */
GpCapture  *gp_store_find_printable_capture (GpStore     *self,
                                             gint64       student_id,
                                             GError     **error);
/* The distinct class names on the roster, sorted. */
char      **gp_store_list_classes         (GpStore       *self,
                                           GError       **error);

/* Print jobs (issue 6): a print_jobs row with its student, for the print desk. */
typedef struct
{
  gint64  id;
  gint64  capture_id;
  char   *student_no;
  char   *name;
  char   *printer;      /* NULL: the sheet went to a PDF file */
  char   *pdf_path;
  int     cups_job_id;  /* 0 when there is none */
  char   *status;
  char   *created_at;
} GpPrintJobRecord;

void              gp_print_job_record_free      (GpPrintJobRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpPrintJobRecord, gp_print_job_record_free)

/* Every print_jobs row, oldest first. */
GPtrArray        *gp_store_list_print_jobs      (GpStore          *self,
                                                 GError          **error);
/* NULL with no error set when there is no such row. */
GpPrintJobRecord *gp_store_get_print_job        (GpStore          *self,
                                                 gint64            id,
                                                 GError          **error);
/* Sets the status of every row of one CUPS job (a class sheet has a row
 * per student). When the job becomes done, in the same transaction, each of
 * its approved captures becomes printed, with an audit entry ("printed");
 * a capture that is printed or exported already keeps its status, and one
 * that is not approved (captured, rejected, missing) keeps its status too,
 * since printing is not approval: both get a "print-completed" audit entry
 * instead. A row whose job is over (gp_print_job_status_is_over()) keeps
 * its status. Returns how many rows changed, or -1 with @error set. */
int               gp_store_set_print_job_status (GpStore          *self,
                                                 const char       *printer,
                                                 int               cups_job_id,
                                                 const char       *status,
                                                 GError          **error);

/* ---- Batches and the capture workflow (issue 5) ------------------------ */

/* An event: one school's collection days. */
typedef struct
{
  gint64    id;
  char     *name;
  char     *school;
  char     *profile;
  char     *starts_on;        /* YYYY-MM-DD */
  char     *ends_on;
  char     *rooms;            /* free text, e.g. "A101;A102" */
  char     *time_slots;       /* free text, e.g. "计算机学院 08:00-10:00" */
  gboolean  payment_tracked;
  char     *export_naming;    /* NULL: {student_no}.jpg */
} GpBatch;

void     gp_batch_free (GpBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpBatch, gp_batch_free)

#define GP_STORE_DEFAULT_BATCH "default"

/* Creates the batch named @batch->name or updates it; NULL fields keep what
 * is stored. Returns its id, or -1 with @error set. */
gint64      gp_store_ensure_batch       (GpStore        *self,
                                         const GpBatch  *batch,
                                         GError        **error);
/* NULL with no error set when there is no such batch. */
GpBatch    *gp_store_find_batch         (GpStore        *self,
                                         const char     *name,
                                         GError        **error);
GpBatch    *gp_store_get_batch          (GpStore        *self,
                                         gint64          id,
                                         GError        **error);

typedef enum
{
  GP_CAPTURE_CAPTURED,
  GP_CAPTURE_APPROVED,
  GP_CAPTURE_PRINTED,
  GP_CAPTURE_EXPORTED,
  GP_CAPTURE_REJECTED,
  GP_CAPTURE_MISSING,    /* its file is gone (found by reconcile) */
  GP_N_CAPTURE_STATUSES
} GpCaptureStatus;

const char *gp_capture_status_to_string   (GpCaptureStatus   status);
gboolean    gp_capture_status_from_string (const char       *text,
                                           GpCaptureStatus  *status);

/* Moves a capture along captured → approved → printed → exported, or to
 * rejected. Approving needs passed checks ({"passed": true}) or a @reason
 * (a staff override); rejecting needs a @reason. An approved capture
 * becomes the student's chosen one; rejecting the chosen one falls back to
 * the student's latest other approved capture. Approving a capture whose
 * sheet was already printed (a done print job) makes it printed at once.
 * Each change is written to the audit log with @actor, in one transaction. */
gboolean    gp_store_set_capture_status   (GpStore          *self,
                                           gint64            capture_id,
                                           GpCaptureStatus   status,
                                           const char       *reason,
                                           const char       *actor,
                                           GError          **error);
/* NULL with no error set when the student has no chosen capture. */
GpCapture  *gp_store_find_chosen_capture  (GpStore          *self,
                                           gint64            student_id,
                                           GError          **error);
/* The student's captures, oldest first: the full history. */
GPtrArray  *gp_store_list_captures        (GpStore          *self,
                                           gint64            student_id,
                                           GError          **error);
/* Counts captures per GpCaptureStatus into @counts. */
gboolean    gp_store_count_statuses       (GpStore          *self,
                                           int               counts[GP_N_CAPTURE_STATUSES],
                                           GError          **error);

/* A staff action worth keeping; ids <= 0 are stored as NULL. */
gboolean    gp_store_audit                (GpStore          *self,
                                           const char       *actor,
                                           const char       *action,
                                           gint64            student_id,
                                           gint64            capture_id,
                                           const char       *detail,
                                           GError          **error);

/* Per college and class: the roster against the photos. */
typedef struct
{
  char  *college;       /* NULL when the roster has none */
  char  *class_name;
  int    students;
  int    photographed;  /* with a capture neither rejected nor missing */
  int    approved;      /* with a chosen capture */
} GpClassCount;

void        gp_class_count_free           (GpClassCount     *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpClassCount, gp_class_count_free)

/* Sorted by college, then class. */
GPtrArray  *gp_store_count_classes        (GpStore          *self,
                                           GError          **error);

G_END_DECLS
