/* gradphoto-admin status: how far the session has come. */
#define G_LOG_DOMAIN "gp-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/gp-admin-commands.h"
#include "admin/gp-admin-output.h"

int
gp_admin_status (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStore) store = NULL;
  int students, photographed;

  if (!gp_admin_parse (&argc, &argv, _("— show how many students are photographed"), NULL, &json, &error))
    return gp_admin_fail (error, json);

  store = gp_admin_open_store (&error);
  if (store == NULL)
    return gp_admin_fail (error, json);
  students = gp_store_count_students (store, &error);
  photographed = students >= 0 ? gp_store_count_photographed (store, &error) : -1;
  if (photographed < 0)
    return gp_admin_fail (error, json);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "students");
      json_builder_add_int_value (builder, students);
      json_builder_set_member_name (builder, "photographed");
      json_builder_add_int_value (builder, photographed);
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, students - photographed);
      json_builder_end_object (builder);
      gp_admin_print_json (builder);
    }
  else
    g_print (_("%d students on the roster, %d photographed, %d still missing.\n"),
             students, photographed, students - photographed);
  return 0;
}
