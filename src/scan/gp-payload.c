/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What a scanned payload means, and whose it is on the roster. A payload is
 * an opaque collection code, matched whole and exactly; schools that print
 * their own codes may put a student number in key=value pairs, JSON or a
 * URL query instead. Whatever is unclear stays opaque: never a guess. */
#define G_LOG_DOMAIN "gp-payload"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "core/gp-text.h"
#include "scan/gp-payload.h"

G_DEFINE_QUARK (gp-payload-error-quark, gp_payload_error)

/* Keys naming the student number, as written in the README; case, '_',
 * '-' and spaces do not matter. */
static const char * const number_keys[] = {
  "学号", "學號", "xh", "xuehao", "sno", "stuno", "stu_no", "student_no", "studentno",
  "student_number", "studentnumber", "studentid", "student_id", "stuid", "stu_id", NULL,
};
/* Keys naming the student, checked against the roster when present. */
static const char * const name_keys[] = { "姓名", "xm", "xingming", "name", NULL };

typedef struct {
  char      *number;
  char      *name;
  gboolean   unclear;  /* two numbers, or a number key with no number */
} Found;

static void
found_clear (Found *found)
{
  g_free (found->number);
  g_free (found->name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

const char * const *
gp_payload_number_keys (void)
{
  return number_keys;
}

void
gp_payload_free (GpPayload *payload)
{
  if (payload == NULL)
    return;
  g_free (payload->value);
  g_free (payload->name);
  g_free (payload);
}

/* Lower case ASCII, without '_', '-' and spaces. */
static char *
normalise_key (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    if (*p != '_' && *p != '-' && *p != ' ')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
key_in (const char         *key,
        const char * const *keys)
{
  g_autofree char *normal = normalise_key (key);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *candidate = normalise_key (keys[i]);

      if (strcmp (normal, candidate) == 0)
        return TRUE;
    }
  return FALSE;
}

/* %-escapes decode to any bytes, so a value is text from outside like the
 * code itself: UTF-8, else GB18030. One that is neither, or that holds
 * control characters, makes the payload unclear rather than being used. */
static void
consider (Found      *found,
          const char *key,
          const char *raw_value)
{
  g_autofree char *value = gp_text_from_bytes ((const guint8 *) raw_value, strlen (raw_value), NULL);

  if (value == NULL || gp_text_has_control (value))
    {
      if (key_in (key, number_keys) || key_in (key, name_keys))
        found->unclear = TRUE;
      return;
    }
  g_strstrip (value);
  if (key_in (key, number_keys))
    {
      if (!gp_text_is_student_no (value) || (found->number != NULL && strcmp (found->number, value) != 0))
        found->unclear = TRUE;
      else if (found->number == NULL)
        found->number = g_steal_pointer (&value);
    }
  else if (key_in (key, name_keys) && value[0] != '\0' && found->name == NULL)
    found->name = g_steal_pointer (&value);
}

/* {"student_no": "2026000101"} or {"学号": 2026000101}: top-level members only. */
static void
from_json (const char *text,
           Found      *found)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      g_autofree char *value = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        value = g_strdup ("");
      consider (found, key, value);
    }
}

static void
from_query (const char *query,
            Found      *found)
{
  GUriParamsIter iter;
  char *key, *value;

  g_uri_params_iter_init (&iter, query, -1, "&;", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &key, &value, NULL))
    {
      consider (found, key, value);
      g_free (key);
      g_free (value);
    }
}

/* https://…/?xh=2026000101, or a query after the fragment's '?' as
 * single-page sites put it. */
static void
from_url (const char *text,
          Found      *found)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT, NULL);
  const char *fragment;

  if (uri == NULL)
    return;
  if (g_uri_get_query (uri) != NULL)
    from_query (g_uri_get_query (uri), found);
  fragment = g_uri_get_fragment (uri);
  if (found->number == NULL && fragment != NULL && strchr (fragment, '?') != NULL)
    from_query (strchr (fragment, '?') + 1, found);
}

static gboolean
is_separator (gunichar c)
{
  return c == ';' || c == '&' || c == ',' || c == '|' || c == 0xff0c /* ， */ || c == 0xff1b /* ； */ ||
         c == 0x3001 /* 、 */ || g_unichar_isspace (c);
}

static gboolean
is_assignment (gunichar c)
{
  return c == '=' || c == ':' || c == 0xff1d /* ＝ */ || c == 0xff1a /* ： */;
}

/* 学号=2026000101;姓名=赵小明, sno=2026000101&name=…, 学号：2026000101 班级：…
 * Spaces may follow the '=' or ':'; a value ends at the next separator. */
static void
from_pairs (const char *text,
            Found      *found)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *key = p, *value, *after;
      g_autofree char *key_text = NULL;
      g_autofree char *value_text = NULL;
      g_autofree char *unescaped = NULL;

      while (*p != '\0' && !is_separator (g_utf8_get_char (p)) && !is_assignment (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      /* "key = value": spaces before the '=' too. */
      for (after = p; *after != '\0' && g_unichar_isspace (g_utf8_get_char (after));)
        after = g_utf8_next_char (after);
      if (after > p && *after != '\0' && is_assignment (g_utf8_get_char (after)))
        {
          key_text = g_strndup (key, (gsize) (p - key));
          p = after;
        }
      else if (*p == '\0' || is_separator (g_utf8_get_char (p)))
        {
          /* A word without '=' or ':', skipped with its separator. */
          if (*p != '\0')
            p = g_utf8_next_char (p);
          continue;
        }
      if (key_text == NULL)
        key_text = g_strndup (key, (gsize) (p - key));
      p = g_utf8_next_char (p);
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      value = p;
      while (*p != '\0' && !is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      value_text = g_strndup (value, (gsize) (p - value));
      if (strchr (value_text, '%') != NULL)
        unescaped = g_uri_unescape_string (value_text, NULL);
      consider (found, key_text, unescaped != NULL ? unescaped : value_text);
    }
}

/* Never fails: what is not clearly a student number is an opaque code. */
GpPayload *
gp_payload_parse (const char *text)
{
  g_auto(Found) found = { NULL, NULL, FALSE };
  g_autofree char *trimmed = NULL;
  GpPayload *payload;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  /* Stepping through invalid UTF-8 would read past the end (found by
   * fuzzing); such text can only be matched whole. */
  trimmed = g_strstrip (g_strdup (text));
  scheme = g_uri_peek_scheme (trimmed);
  if (!g_utf8_validate (trimmed, -1, NULL))
    found.unclear = TRUE;
  else if (trimmed[0] == '{')
    from_json (trimmed, &found);
  else if (scheme != NULL && (strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0))
    from_url (trimmed, &found);
  else
    from_pairs (trimmed, &found);

  payload = g_new0 (GpPayload, 1);
  if (found.number != NULL && !found.unclear)
    {
      payload->kind = GP_PAYLOAD_STUDENT_NUMBER;
      payload->value = g_steal_pointer (&found.number);
      payload->name = g_steal_pointer (&found.name);
    }
  else
    {
      payload->kind = GP_PAYLOAD_OPAQUE;
      payload->value = g_strdup (text);
    }
  return payload;
}

/* The roster's student for a scanned payload: the whole payload as a
 * collection code first, then the student number it carries; an opaque
 * payload may be a 学号 itself, as staff type one when a phone's code will
 * not scan. NULL with no error set when nobody matches; an error when the
 * name in the code is not the roster's. @matched_by tells which column
 * matched: GP_PAYLOAD_OPAQUE for 采集码, GP_PAYLOAD_STUDENT_NUMBER for 学号. */
GpStudent *
gp_payload_find_student (const char     *text,
                         GpStore        *store,
                         GpPayloadKind  *matched_by,
                         GError        **error)
{
  g_autoptr(GpPayload) payload = NULL;
  g_autoptr(GpStudent) student = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (GP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  student = gp_store_find_student_by_code (store, text, &local_error);
  if (student != NULL || local_error != NULL)
    {
      if (matched_by != NULL)
        *matched_by = GP_PAYLOAD_OPAQUE;
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return g_steal_pointer (&student);
    }

  payload = gp_payload_parse (text);
  student = gp_store_find_student_by_no (store, payload->value, error);
  if (student == NULL)
    return NULL;
  /* A mistyped number in a school's own code would name someone else. */
  if (payload->name != NULL && student->name != NULL && strcmp (payload->name, student->name) != 0)
    {
      g_autofree char *in_code = gp_text_mask_name (payload->name);
      g_autofree char *on_roster = gp_text_mask_name (student->name);

      g_set_error (error, GP_PAYLOAD_ERROR, GP_PAYLOAD_ERROR_WRONG_NAME,
                   /* Translators: the names are masked, like 赵** */
                   _("This code is for %s, but 学号 %s belongs to %s on the roster. "
                     "Ask the staff at the desk to check the student's code."),
                   in_code, payload->value, on_roster);
      return NULL;
    }
  if (matched_by != NULL)
    *matched_by = GP_PAYLOAD_STUDENT_NUMBER;
  return g_steal_pointer (&student);
}
