/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* Reads QR codes from the newest camera frame on a worker thread and reports
 * each code once, in the main context the scanner was created in. */
#define G_LOG_DOMAIN "gp-scanner"

#include "config.h"

#include "scan/gp-scanner.h"

#define DEFAULT_DEBOUNCE_MS 3000
#define NORMAL_EVERY_US (250 * G_TIME_SPAN_MILLISECOND)

/* Lets results in flight find the scanner, or learn it is gone, from any thread. */
typedef struct {
  gatomicrefcount ref_count;
  GWeakRef        scanner;
} Link;

/* The codes of one frame on their way to the main context. */
typedef struct {
  Link      *link;
  GPtrArray *codes;
  gint64     seen;
} Delivery;

struct _GpScanner
{
  GObject       parent_instance;

  /* Set in init, read-only afterwards. */
  GMainContext *context;
  Link         *link;
  GThread      *worker;

  /* Shared with the worker and the streaming threads, guarded by lock. */
  GMutex        lock;
  GCond         wake;
  GpFrame      *slot;
  gint64        slot_time;
  gboolean      paused;
  gboolean      stopping;

  guint         frames_scanned;  /* atomic */
  int           disposed;        /* atomic */

  /* Main context only. */
  guint         debounce_ms;
  GHashTable   *recent;          /* raw GBytes → gint64 *, when last seen (µs) */
  gint64        last_sighting;   /* monotonic µs a code was last in view, 0: never */
};

G_DEFINE_FINAL_TYPE (GpScanner, gp_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEBOUNCE_MS,
  PROP_PAUSED,
  PROP_FRAMES_SCANNED,
  N_PROPS
};

enum {
  CODE_SCANNED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static Link *
link_ref (Link *link)
{
  g_atomic_ref_count_inc (&link->ref_count);
  return link;
}

static void
link_unref (Link *link)
{
  if (g_atomic_ref_count_dec (&link->ref_count))
    {
      g_weak_ref_clear (&link->scanner);
      g_free (link);
    }
}

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  link_unref (delivery->link);
  g_ptr_array_unref (delivery->codes);
  g_free (delivery);
}

/* TRUE when the payload was reported before and has stayed in view since;
 * every sighting renews the window. */
static gboolean
is_repeat (GpScanner *self,
           GBytes    *raw,
           gint64     seen)
{
  gint64 window = (gint64) self->debounce_ms * G_TIME_SPAN_MILLISECOND;
  GHashTableIter iter;
  gpointer last;
  gboolean repeat;

  g_hash_table_iter_init (&iter, self->recent);
  while (g_hash_table_iter_next (&iter, NULL, &last))
    if (seen - *(gint64 *) last >= window)
      g_hash_table_iter_remove (&iter);

  repeat = g_hash_table_contains (self->recent, raw);
  g_hash_table_insert (self->recent, g_bytes_ref (raw), g_memdup2 (&seen, sizeof seen));
  return repeat;
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *delivery = data;
  g_autoptr(GpScanner) self = g_weak_ref_get (&delivery->link->scanner);

  if (self == NULL || gp_scanner_get_paused (self))
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < delivery->codes->len; i++)
    {
      GpQrCode *code = g_ptr_array_index (delivery->codes, i);

      /* A handler may have run g_object_run_dispose (). */
      if (g_atomic_int_get (&self->disposed))
        break;
      self->last_sighting = MAX (self->last_sighting, delivery->seen);
      if (!is_repeat (self, code->raw, delivery->seen))
        g_signal_emit (self, signals[CODE_SCANNED], 0, code);
    }
  return G_SOURCE_REMOVE;
}

/* An idle source rather than g_main_context_invoke (), which would run the
 * callback right here on the worker when it can acquire the default context. */
static void
deliver (GpScanner *self,
         GPtrArray *codes,
         gint64     seen)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source;

  delivery->link = link_ref (self->link);
  delivery->codes = codes;
  delivery->seen = seen;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, delivery, delivery_free);
  g_source_set_static_name (source, "[gradphoto] scanned codes");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static gpointer
worker_main (gpointer data)
{
  GpScanner *self = data;
  g_autoptr(GpQrReader) reader = gp_qr_reader_new ();
  gint64 last_normal = 0;

  for (;;)
    {
      GpFrame *frame;
      GPtrArray *codes;
      gint64 seen;

      g_mutex_lock (&self->lock);
      while (self->slot == NULL && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          return NULL;
        }
      frame = g_steal_pointer (&self->slot);
      seen = self->slot_time;
      g_mutex_unlock (&self->lock);

      /* Every frame the fast read (~10 ms at 1080p); four times a second
       * all crops around lone finders, tens of ms on a checked shirt. Never
       * zbar over the whole frame: 150 ms that would hold up the next
       * frame. Measured in tests/bench (bench-qr, bench-scanner). */
      if (seen - last_normal >= NORMAL_EVERY_US)
        {
          gp_qr_reader_set_effort (reader, GP_QR_EFFORT_NORMAL);
          last_normal = seen;
        }
      else
        gp_qr_reader_set_effort (reader, GP_QR_EFFORT_FAST);
      codes = gp_qr_reader_decode (reader, frame);
      gp_frame_unref (frame);
      g_atomic_int_inc (&self->frames_scanned);

      if (codes->len > 0)
        deliver (self, codes, seen);
      else
        g_ptr_array_unref (codes);
    }
}

static void
gp_scanner_dispose (GObject *object)
{
  GpScanner *self = GP_SCANNER (object);

  g_atomic_int_set (&self->disposed, TRUE);
  if (self->worker != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stopping = TRUE;
      g_clear_pointer (&self->slot, gp_frame_unref);
      g_cond_signal (&self->wake);
      g_mutex_unlock (&self->lock);
      /* Waits for at most one decode: zbar cannot be interrupted. */
      g_thread_join (g_steal_pointer (&self->worker));
    }
  g_weak_ref_set (&self->link->scanner, NULL);

  G_OBJECT_CLASS (gp_scanner_parent_class)->dispose (object);
}

static void
gp_scanner_finalize (GObject *object)
{
  GpScanner *self = GP_SCANNER (object);

  g_clear_pointer (&self->link, link_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);

  G_OBJECT_CLASS (gp_scanner_parent_class)->finalize (object);
}

static void
gp_scanner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GpScanner *self = GP_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEBOUNCE_MS:
      g_value_set_uint (value, self->debounce_ms);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, gp_scanner_get_paused (self));
      break;
    case PROP_FRAMES_SCANNED:
      g_value_set_uint (value, gp_scanner_get_frames_scanned (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_scanner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GpScanner *self = GP_SCANNER (object);

  switch (prop_id)
    {
    case PROP_DEBOUNCE_MS:
      gp_scanner_set_debounce_ms (self, g_value_get_uint (value));
      break;
    case PROP_PAUSED:
      gp_scanner_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_scanner_class_init (GpScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_scanner_dispose;
  object_class->finalize = gp_scanner_finalize;
  object_class->get_property = gp_scanner_get_property;
  object_class->set_property = gp_scanner_set_property;

  properties[PROP_DEBOUNCE_MS] =
    g_param_spec_uint ("debounce-ms", NULL, NULL,
                       0, 10 * 60 * 1000, DEFAULT_DEBOUNCE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Counted on the worker, so never notified. */
  properties[PROP_FRAMES_SCANNED] =
    g_param_spec_uint ("frames-scanned", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The code is borrowed for the emission; copy it with gp_qr_code_copy () to keep it. */
  signals[CODE_SCANNED] =
    g_signal_new ("code-scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GP_TYPE_QR_CODE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gp_scanner_init (GpScanner *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->recent = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                        (GDestroyNotify) g_bytes_unref, g_free);
  self->context = g_main_context_ref_thread_default ();

  self->link = g_new0 (Link, 1);
  g_atomic_ref_count_init (&self->link->ref_count);
  g_weak_ref_init (&self->link->scanner, self);

  self->worker = g_thread_new ("gp-scanner", worker_main, self);
}

/* Signals are emitted in the thread-default main context of the caller. */
GpScanner *
gp_scanner_new (void)
{
  return g_object_new (GP_TYPE_SCANNER, NULL);
}

/* Safe from any thread and never waits for a decode: the frame replaces
 * any older one still waiting. The frame must not change afterwards. */
void
gp_scanner_push_frame (GpScanner *self,
                       GpFrame   *frame)
{
  GpFrame *dropped = NULL;

  g_return_if_fail (GP_IS_SCANNER (self));
  g_return_if_fail (frame != NULL);

  g_mutex_lock (&self->lock);
  if (!self->paused && !self->stopping)
    {
      dropped = g_steal_pointer (&self->slot);
      self->slot = gp_frame_ref (frame);
      self->slot_time = g_get_monotonic_time ();
      g_cond_signal (&self->wake);
    }
  g_mutex_unlock (&self->lock);

  if (dropped != NULL)
    gp_frame_unref (dropped);
}

/* While paused, frames are ignored and codes already read are not reported. */
void
gp_scanner_set_paused (GpScanner *self,
                       gboolean   paused)
{
  GpFrame *dropped = NULL;
  gboolean changed;

  g_return_if_fail (GP_IS_SCANNER (self));

  paused = !!paused;
  g_mutex_lock (&self->lock);
  changed = self->paused != paused;
  self->paused = paused;
  if (paused)
    dropped = g_steal_pointer (&self->slot);
  g_mutex_unlock (&self->lock);

  if (dropped != NULL)
    gp_frame_unref (dropped);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
gp_scanner_get_paused (GpScanner *self)
{
  gboolean paused;

  g_return_val_if_fail (GP_IS_SCANNER (self), FALSE);

  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);
  return paused;
}

void
gp_scanner_set_debounce_ms (GpScanner *self,
                            guint      debounce_ms)
{
  g_return_if_fail (GP_IS_SCANNER (self));

  if (self->debounce_ms == debounce_ms)
    return;
  self->debounce_ms = debounce_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBOUNCE_MS]);
}

guint
gp_scanner_get_debounce_ms (GpScanner *self)
{
  g_return_val_if_fail (GP_IS_SCANNER (self), 0);

  return self->debounce_ms;
}

/* Forgets the codes seen, so the next sighting of any of them is reported;
 * call it in the main context when waiting for the next student. */
void
gp_scanner_reset_debounce (GpScanner *self)
{
  g_return_if_fail (GP_IS_SCANNER (self));

  g_hash_table_remove_all (self->recent);
}

guint
gp_scanner_get_frames_scanned (GpScanner *self)
{
  g_return_val_if_fail (GP_IS_SCANNER (self), 0);

  return (guint) g_atomic_int_get (&self->frames_scanned);
}

/* When a code, read or refused, was last in view (monotonic µs; 0: never),
 * repeats included: what is said about a code lasts while it is shown. */
gint64
gp_scanner_get_last_sighting (GpScanner *self)
{
  g_return_val_if_fail (GP_IS_SCANNER (self), 0);
  return self->last_sighting;
}
