/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* The kiosk screen: live preview with the framing guide on the left, the
 * current step for the student on the right. */
#define G_LOG_DOMAIN "gp-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/gp-text.h"
#include "kiosk/gp-guide.h"
#include "kiosk/gp-keys.h"
#include "kiosk/gp-window.h"
#include "photo/gp-checks.h"

/* Below this monitor height the compact styles apply, from these the large
 * (1440p) and the extra large (2160p). */
#define COMPACT_BELOW 900
#define LARGE_FROM 1400
#define XLARGE_FROM 2000
/* A camera outage is shown once it has lasted this long: a reconnect that
 * takes a moment should not flash red at the student. */
#define OUTAGE_SHOWN_AFTER_MS 1000

struct _GpWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkLabel             *station_label;
  GtkOverlay           *preview_overlay;
  GtkBox               *preview_box;
  GtkDrawingArea       *guide_area;
  GtkLabel             *camera_label;
  GtkLabel             *advice_label;
  GtkLabel             *checks_label;
  GtkLabel             *step_label;
  GtkStack             *phase_stack;
  GtkLabel             *name_label;
  GtkLabel             *detail_label;
  GtkLabel             *unpaid_label;
  GtkLabel             *record_label;
  GtkLabel             *busy_label;
  GtkLabel             *done_label;
  GtkImage             *photo_image;
  GtkLabel             *notice_label;
  GtkLabel             *question_label;
  GtkWidget            *code_button;
  GtkWidget            *code_entry;

  /* owned */
  GpStation            *station;
  guint                 guide_timer;
  int                   thumb_height;  /* of the photo shown for checking, 3:4 */
  char                 *camera_cause;  /* the camera's last error, for the overlay */
  guint                 outage_timer;
};

G_DEFINE_FINAL_TYPE (GpWindow, gp_window, GTK_TYPE_APPLICATION_WINDOW)

static void
update_notice (GpWindow *self)
{
  const char *notice = gp_station_get_notice (self->station);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->notice_label));

  gboolean shown = notice != NULL && *notice != '\0';
  /* What is said about the student just identified (photographed before,
   * not their time slot) goes next to the name, where the photographer looks. */
  gboolean about_student = shown && !gp_station_get_notice_is_error (self->station) &&
                           gp_station_get_phase (self->station) == GP_PHASE_IDENTIFIED;

  gtk_label_set_text (self->notice_label, shown ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), shown && !about_student);
  gtk_label_set_text (self->record_label, about_student ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->record_label), about_student);
  if (gp_station_get_notice_is_error (self->station))
    gtk_style_context_add_class (style, "error");
  else
    gtk_style_context_remove_class (style, "error");
}

static void
show_student (GpWindow *self)
{
  const GpStudent *student = gp_station_get_student (self->station);
  g_autofree char *masked = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  if (student == NULL)
    return;
  masked = gp_text_mask_name (student->name);
  /* Translators: student number, college and class on the kiosk screen */
  g_string_printf (detail, _("Student no. %s\n%s · %s"), student->student_no,
                   student->college != NULL ? student->college : "",
                   student->class_name != NULL ? student->class_name : "");
  if (student->id_last4 != NULL && *student->id_last4 != '\0')
    {
      g_string_append_c (detail, '\n');
      /* Translators: the last 4 characters of the student's ID number, for them to confirm */
      g_string_append_printf (detail, _("ID number ends in %s: is that yours?"), student->id_last4);
    }
  gtk_label_set_text (self->name_label, masked);
  gtk_label_set_text (self->detail_label, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->unpaid_label), gp_station_get_student_unpaid (self->station));
}

static void
show_photo (GpWindow *self)
{
  const char *path = gp_station_get_photo_path (self->station);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (path != NULL)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, self->thumb_height * 3 / 4, self->thumb_height, TRUE, NULL);
  gtk_image_set_from_pixbuf (self->photo_image, pixbuf);
}

static void
on_advice (GpFraming             *framing,
           const GpFramingAdvice *advice,
           GpWindow              *self)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->advice_label));

  gtk_label_set_text (self->advice_label, gp_framing_hint_message (advice->hint));
  if (advice->hint == GP_FRAMING_GOOD)
    gtk_style_context_add_class (style, "good");
  else
    gtk_style_context_remove_class (style, "good");
  gtk_widget_set_visible (GTK_WIDGET (self->advice_label),
                          gp_station_get_phase (self->station) == GP_PHASE_IDENTIFIED);
}

/* What the checks found: the verdict, then each thing to fix or to note. */
static void
show_checks (GpWindow *self)
{
  GArray *checks = gp_station_get_checks (self->station);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, gp_station_get_photo_passed (self->station)
                         ? _("✔ Meets the photo standard.")
                         : _("✘ Does not meet the photo standard."));
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const GpCheck *check = &g_array_index (checks, GpCheck, i);

      if (check->status != GP_CHECK_PASS && check->message != NULL)
        g_string_append_printf (text, "\n%s %s", check->status == GP_CHECK_FAIL ? "✘" : "⚠", check->message);
    }
  gtk_label_set_text (self->checks_label, text->str);
}

static void
update_phase (GpWindow *self)
{
  GpPhase phase = gp_station_get_phase (self->station);

  switch (phase)
    {
    case GP_PHASE_WAITING:
      gtk_label_set_text (self->step_label, _("Step 1 of 3 · Show your code"));
      gtk_stack_set_visible_child_name (self->phase_stack, "waiting");
      break;
    case GP_PHASE_IDENTIFIED:
      gtk_label_set_text (self->step_label, _("Step 2 of 3 · Photo"));
      show_student (self);
      gtk_stack_set_visible_child_name (self->phase_stack, "identified");
      break;
    case GP_PHASE_CAPTURING:
      gtk_label_set_text (self->busy_label, _("Hold still…"));
      gtk_stack_set_visible_child_name (self->phase_stack, "busy");
      break;
    case GP_PHASE_CAPTURED:
      gtk_label_set_text (self->step_label, _("Step 3 of 3 · Check and print"));
      gtk_label_set_text (self->done_label, _("Photo saved. Check it below."));
      show_photo (self);
      show_checks (self);
      gtk_stack_set_visible_child_name (self->phase_stack, "done");
      break;
    case GP_PHASE_PRINTING:
      gtk_label_set_text (self->busy_label, _("Preparing the photo sheet…"));
      gtk_stack_set_visible_child_name (self->phase_stack, "busy");
      break;
    case GP_PHASE_PRINTED:
    default:
      gtk_label_set_text (self->done_label, gp_station_get_printer (self->station) != NULL
                                            ? _("Photo sheet sent to the printer. Thank you!")
                                            : _("No printer: the sheet was saved as a file. Thank you!"));
      gtk_stack_set_visible_child_name (self->phase_stack, "done");
      break;
    }
  if (phase != GP_PHASE_IDENTIFIED)
    gtk_widget_hide (GTK_WIDGET (self->advice_label));
  if (phase != GP_PHASE_WAITING)
    {
      gtk_entry_set_text (GTK_ENTRY (self->code_entry), "");
      gtk_widget_hide (self->code_entry);
    }
  /* The keys act on the new screen, not on a button of the old one. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->guide_area));
}

static gboolean
on_key_press (GtkWidget   *widget,
              GdkEventKey *event,
              GpWindow    *self)
{
  /* Staff mode covers the student screen: its keys are its own. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->phase_stack)))
    return FALSE;
  return gp_keys_press (GTK_WINDOW (self), self->code_entry, gp_station_get_phase (self->station), event);
}

static void
on_code_activate (GtkEntry *entry,
                  GpWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *code = g_strdup (gtk_entry_get_text (entry));

  gtk_entry_set_text (entry, "");
  gtk_widget_hide (GTK_WIDGET (entry));
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "enter-code", g_variant_new_string (code));
}

static void
on_type_code (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GpWindow *self = user_data;

  gtk_widget_show (self->code_entry);
  gtk_widget_grab_focus (self->code_entry);
}

/* NULL or "": no question. */
void
gp_window_set_question (GpWindow   *self,
                        const char *question)
{
  g_return_if_fail (GP_IS_WINDOW (self));

  gtk_label_set_text (self->question_label, question != NULL ? question : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_label), question != NULL && *question != '\0');
}

static gboolean
show_outage (gpointer user_data)
{
  GpWindow *self = user_data;
  g_autofree char *text = NULL;

  self->outage_timer = 0;
  if (self->camera_cause != NULL)
    /* Translators: %s is the camera's error, e.g. no element "nosuchelement" */
    text = g_strdup_printf (_("The camera is not working: %s"), self->camera_cause);
  else
    text = g_strdup (_("Camera disconnected. Check the cable; the picture comes back by itself."));
  gtk_label_set_text (self->camera_label, text);
  gtk_widget_show (GTK_WIDGET (self->camera_label));
  return G_SOURCE_REMOVE;
}

static void
update_camera_state (GpWindow *self)
{
  GpCameraState state = gp_camera_get_state (gp_station_get_camera (self->station));

  if (state == GP_CAMERA_STATE_DISCONNECTED)
    {
      if (self->outage_timer == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->camera_label)))
        self->outage_timer = g_timeout_add (OUTAGE_SHOWN_AFTER_MS, show_outage, self);
      return;
    }
  if (state == GP_CAMERA_STATE_PLAYING)
    {
      g_clear_handle_id (&self->outage_timer, g_source_remove);
      g_clear_pointer (&self->camera_cause, g_free);
      gtk_widget_hide (GTK_WIDGET (self->camera_label));
    }
}

static void
on_camera_error (GpCamera     *camera,
                 const GError *error,
                 GpWindow     *self)
{
  gp_window_show_camera_error (self, error->message);
}

/* What went wrong, in the camera's own words: the overlay shows it once the
 * outage has lasted OUTAGE_SHOWN_AFTER_MS. */
void
gp_window_show_camera_error (GpWindow   *self,
                             const char *message)
{
  g_return_if_fail (GP_IS_WINDOW (self));

  g_free (self->camera_cause);
  self->camera_cause = g_strdup (message);
  if (gtk_widget_get_visible (GTK_WIDGET (self->camera_label)))
    show_outage (self);
  else
    update_camera_state (self);
}

static gboolean
on_guide_draw (GtkWidget *widget,
               cairo_t   *cr,
               GpWindow  *self)
{
  int fw = 0, fh = 0;

  gp_camera_get_frame_size (gp_station_get_camera (self->station), &fw, &fh);
  gp_guide_draw (cr, gtk_widget_get_allocated_width (widget), gtk_widget_get_allocated_height (widget),
                 fw, fh, gp_station_get_phase (self->station));
  return FALSE;
}

/* The frame size is known only once video flows; redraw until it is. */
static gboolean
refresh_guide (gpointer user_data)
{
  GpWindow *self = user_data;
  int fw, fh;

  gtk_widget_queue_draw (GTK_WIDGET (self->guide_area));
  if (gp_camera_get_frame_size (gp_station_get_camera (self->station), &fw, &fh))
    {
      self->guide_timer = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_preview_size_allocate (GtkWidget     *widget,
                          GtkAllocation *allocation,
                          GpWindow      *self)
{
  /* Scale before the sink: sink-side scaling of 1080p costs a whole core.
   * Only for the student screen: staff mode's camera page borrows the
   * widget at a smaller size, and the sink draws it smaller there. A caps
   * change on the running pipeline for each borrow and return can leave
   * the sink with frames of the size before it (a black preview). */
  if (gtk_widget_get_parent (widget) != GTK_WIDGET (self->preview_box))
    return;
  gp_camera_set_preview_size (gp_station_get_camera (self->station),
                              allocation->width, allocation->height);
}

static void
gp_window_dispose (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);

  g_clear_handle_id (&self->guide_timer, g_source_remove);
  g_clear_handle_id (&self->outage_timer, g_source_remove);
  g_clear_pointer (&self->camera_cause, g_free);
  g_clear_object (&self->station);
  G_OBJECT_CLASS (gp_window_parent_class)->dispose (object);
}

static void
gp_window_class_init (GpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/gp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpWindow, station_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, preview_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, preview_box);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, guide_area);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, camera_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, advice_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, checks_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, phase_stack);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, name_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, unpaid_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, record_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, done_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, photo_image);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, code_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, code_entry);
}

static void
gp_window_init (GpWindow *self)
{
  static const GActionEntry actions[] = {
    { .name = "type-code", .activate = on_type_code },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_signal_connect (self, "key-press-event", G_CALLBACK (on_key_press), self);
  g_signal_connect (self->code_entry, "activate", G_CALLBACK (on_code_activate), self);
  gtk_overlay_set_overlay_pass_through (self->preview_overlay, GTK_WIDGET (self->guide_area), TRUE);
}

static void
show_camera_name (GpWindow *self)
{
  /* Translators: the camera in use, e.g. "Camera: demo" */
  g_autofree char *text = g_strdup_printf (_("Camera: %s"),
                                           gp_camera_get_description (gp_station_get_camera (self->station)));

  gtk_label_set_text (self->station_label, text);
}

/* The preview sink must be in place before the station starts the camera. */
static void
attach_preview (GpWindow *self)
{
  GpCamera *camera = gp_station_get_camera (self->station);
  GstElement *sink = gst_element_factory_make ("gtksink", NULL);
  g_autoptr(GtkWidget) video = NULL;

  if (sink == NULL)
    {
      g_warning ("gtksink is missing (Debian package gstreamer1.0-gtk3): no preview");
      return;
    }
  g_object_get (sink, "widget", &video, NULL);
  gtk_widget_set_hexpand (video, TRUE);
  gtk_widget_set_vexpand (video, TRUE);
  /* Tab goes from button to button, not through the picture. */
  gtk_widget_set_can_focus (video, FALSE);
  gtk_widget_show (video);
  gtk_container_add (GTK_CONTAINER (self->preview_box), video);
  gp_camera_set_preview_sink (camera, sink);
  g_signal_connect (video, "size-allocate", G_CALLBACK (on_preview_size_allocate), self);
}

/* Type and photo sizes follow the monitor, so each phase fits from 1280×720
 * to 3840×2160 and reads from the queue. */
static void
fit_monitor (GpWindow     *self,
             GdkRectangle *area)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_remove_class (style, "compact");
  gtk_style_context_remove_class (style, "large");
  gtk_style_context_remove_class (style, "xlarge");
  if (area->height < COMPACT_BELOW)
    {
      gtk_style_context_add_class (style, "compact");
      self->thumb_height = 168;
    }
  else if (area->height >= XLARGE_FROM)
    {
      gtk_style_context_add_class (style, "xlarge");
      self->thumb_height = 720;
    }
  else if (area->height >= LARGE_FROM)
    {
      gtk_style_context_add_class (style, "large");
      self->thumb_height = 480;
    }
  else
    self->thumb_height = 320;
}

static GdkMonitor *
primary_monitor (GpWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = gdk_display_get_primary_monitor (display);

  return monitor != NULL ? monitor : gdk_display_get_monitor (display, 0);
}

/* Fullscreen needs a window manager; a kiosk may run without one, so the
 * window also sizes itself to the monitor. */
void
gp_window_cover_screen (GpWindow *self)
{
  GdkMonitor *monitor = primary_monitor (self);
  GdkRectangle area;

  if (monitor != NULL)
    {
      gdk_monitor_get_geometry (monitor, &area);
      fit_monitor (self, &area);
      gtk_window_move (GTK_WINDOW (self), area.x, area.y);
      gtk_window_set_default_size (GTK_WINDOW (self), area.width, area.height);
    }
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_fullscreen (GTK_WINDOW (self));
}

void
gp_window_add_status (GpWindow  *self,
                      GtkWidget *widget)
{
  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_container_add (GTK_CONTAINER (gtk_widget_get_parent (GTK_WIDGET (self->station_label))), widget);
}

GpWindow *
gp_window_new (GtkApplication *application,
               GpStation      *station)
{
  GpWindow *self;
  GdkMonitor *monitor;

  self = g_object_new (GP_TYPE_WINDOW, "application", application, NULL);
  self->station = g_object_ref (station);
  self->thumb_height = 320;
  monitor = primary_monitor (self);
  if (monitor != NULL)
    {
      GdkRectangle area;
      int width, height;

      gdk_monitor_get_workarea (monitor, &area);
      fit_monitor (self, &area);
      /* A window on a small screen starts no larger than it. */
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, area.width), MIN (height, area.height));
    }

  attach_preview (self);
  g_signal_connect (self->guide_area, "draw", G_CALLBACK (on_guide_draw), self);
  g_signal_connect_object (station, "notify::phase", G_CALLBACK (update_phase), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (station, "notify::notice", G_CALLBACK (update_notice), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (station, "notify::phase", G_CALLBACK (update_notice), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gp_station_get_framing (station), "advice",
                           G_CALLBACK (on_advice), self, 0);
  g_signal_connect_object (gp_station_get_camera (station), "notify::state",
                           G_CALLBACK (update_camera_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gp_station_get_camera (station), "error", G_CALLBACK (on_camera_error), self, 0);
  self->guide_timer = g_timeout_add (200, refresh_guide, self);

  /* Also after staff mode's Settings page switched to another camera. */
  g_signal_connect_object (gp_station_get_camera (station), "notify::description",
                           G_CALLBACK (show_camera_name), self, G_CONNECT_SWAPPED);
  show_camera_name (self);
  update_phase (self);
  update_notice (self);
  update_camera_state (self);
  return self;
}
