/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The GradPhoto contributors
 * Licensed under the GNU GPL, version 3 or any later version: see COPYING. */

/* What a scanned payload means, and whose it is on a real roster. */
#include "config.h"

#include <string.h>

#include "scan/gp-payload.h"

#include "gp-test-util.h"

#define N GP_PAYLOAD_STUDENT_NUMBER
#define O GP_PAYLOAD_OPAQUE

typedef struct {
  const char    *path;
  const char    *text;
  GpPayloadKind  kind;
  const char    *value;  /* NULL: the text itself */
  const char    *name;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "/payload/parse/opaque/chsi-code", "GPDEMO7K3Q9X2M4T", O },
  { "/payload/parse/opaque/kept-exactly", "  GPDEMO 7K3Q  ", O },
  { "/payload/parse/opaque/base64-padding", "Q0hTSS1UWENKLTIwMjEwMDAwMDE==", O },
  { "/payload/parse/opaque/colon-prefix", "CHSI:TXCJ:7F3A9C", O },
  { "/payload/parse/opaque/empty", "", O },
  { "/payload/parse/pairs/chinese", "学号=2026000101;姓名=赵小明", N, "2026000101", "赵小明" },
  { "/payload/parse/pairs/traditional", "學號=2026000101", N, "2026000101" },
  { "/payload/parse/pairs/fullwidth", "学号：2026000101，姓名：钱多多", N, "2026000101", "钱多多" },
  { "/payload/parse/pairs/space-after-colon", "XH: 2026000101  班级: 计科2201", N, "2026000101" },
  { "/payload/parse/pairs/ampersand-escaped", "sno=2026000101&name=Zhao%20Xiaoming", N, "2026000101", "Zhao Xiaoming" },
  { "/payload/parse/pairs/key-spelling", "Student-No = 2026000101", N, "2026000101" },
  { "/payload/parse/pairs/letters-in-number", "stuid=B2026-0101", N, "B2026-0101" },
  { "/payload/parse/pairs/same-number-twice", "学号=2026000101;xh=2026000101", N, "2026000101" },
  { "/payload/parse/pairs/two-numbers-unclear", "学号=2026000101;sno=2026000102", O },
  { "/payload/parse/pairs/name-not-number", "学号=赵小明", O },
  { "/payload/parse/pairs/number-too-long", "学号=123456789012345678901234567890123", O },
  { "/payload/parse/pairs/no-number-key", "姓名=赵小明;班级=计科2201", O },
  { "/payload/parse/json/string", "{\"student_no\":\"2026000101\",\"name\":\"赵小明\"}", N, "2026000101", "赵小明" },
  { "/payload/parse/json/integer", "{\"学号\": 2026000101}", N, "2026000101" },
  { "/payload/parse/json/camel-case", "{\"studentId\":\"2026000101\",\"batch\":2026}", N, "2026000101" },
  { "/payload/parse/json/nested-ignored", "{\"data\":{\"student_no\":\"2026000101\"}}", O },
  { "/payload/parse/json/fraction-unclear", "{\"sno\":2026000101.5}", O },
  { "/payload/parse/json/broken", "{\"student_no\":\"2026000101\"", O },
  { "/payload/parse/json/array", "[\"2026000101\"]", O },
  { "/payload/parse/url/query", "https://xz.example.edu.cn/txcj/?xh=2026000101", N, "2026000101" },
  { "/payload/parse/url/upper-case", "HTTPS://example.edu.cn/c?XH=2026000101&t=7f3a", N, "2026000101" },
  { "/payload/parse/url/fragment-query", "https://example.edu.cn/#/photo?sno=2026000101", N, "2026000101" },
  { "/payload/parse/url/escaped", "http://example.edu.cn/?student_no=2026000101&name=%E8%B5%B5%E5%B0%8F%E6%98%8E",
    N, "2026000101", "赵小明" },
  { "/payload/parse/url/no-number", "https://example.edu.cn/code/GPDEMO7K3Q9X2M4T", O },
  /* %-escapes decode to bytes: they are text from outside like the code itself. */
  { "/payload/parse/escaped/invalid-utf8-name", "sno=2026000101&name=%F9", O },
  { "/payload/parse/escaped/invalid-utf8-number", "xh=2026%FF000101", O },
  { "/payload/parse/escaped/control-in-name", "sno=2026000101&name=Zhao%07", O },
  /* Found by fuzzing: a caller that hands on bytes unchecked. */
  { "/payload/parse/invalid-utf8-opaque", "2\"sden11;],\"name\":\"\xe8}", O },
  { "/payload/parse/escaped/gb18030-name", "sno=2026000101&name=%D5%D4%D0%A1%C3%F7", N, "2026000101", "赵小明" },
};

static void
test_parse (gconstpointer data)
{
  const ParseCase *pc = data;
  g_autoptr(GpPayload) payload = gp_payload_parse (pc->text);

  g_assert_cmpint (payload->kind, ==, pc->kind);
  g_assert_cmpstr (payload->value, ==, pc->value != NULL ? pc->value : pc->text);
  g_assert_cmpstr (payload->name, ==, pc->name);
}

/* Every accepted key is in the README's section for schools. */
static void
test_keys_documented (void)
{
  g_autofree char *readme_path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *keys = gp_payload_number_keys ();
  const char *section;

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_no_error (error);
  section = strstr (readme, "### What a collection code may contain");
  g_assert_nonnull (section);
  g_assert_true (g_strv_contains (keys, "学号"));
  g_assert_true (g_strv_contains (keys, "student_no"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", keys[i]);

      if (strstr (section, quoted) == NULL)
        g_test_fail_printf ("README does not list the key %s", quoted);
    }
}

typedef struct {
  char     *dir;
  GpStore  *store;
} Fixture;

static GpStudent *
student (const char *number,
         const char *name,
         const char *code)
{
  GpStudent *s = gp_student_new ();

  s->student_no = g_strdup (number);
  s->name = g_strdup (name);
  s->code = g_strdup (code);
  return s;
}

/* A code that happens to look like pairs still belongs to its own student. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify) gp_student_free);
  g_autofree char *path = NULL;
  guint inserted = 0, updated = 0;

  f->dir = g_dir_make_tmp ("gp-payload-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "station.db", NULL);
  f->store = gp_store_open (path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (students, student ("2026000101", "赵小明", "GPDEMO7K3Q9X2M4T"));
  g_ptr_array_add (students, student ("2026000102", "钱多多", "sno=2026000101"));
  g_ptr_array_add (students, student ("2026000103", "孙悦然", NULL));
  g_assert_true (gp_store_upsert_students (f->store, students, &inserted, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inserted, ==, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  gp_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct {
  const char    *path;
  const char    *text;
  const char    *student_no;  /* NULL: nobody */
  GpPayloadKind  matched_by;
  gboolean       wrong_name;
} MatchCase;

static const MatchCase match_cases[] = {
  { "/payload/roster/collection-code", "GPDEMO7K3Q9X2M4T", "2026000101", O },
  { "/payload/roster/code-before-number", "sno=2026000101", "2026000102", O },
  { "/payload/roster/pairs", "学号=2026000103;姓名=孙悦然", "2026000103", N },
  { "/payload/roster/pairs-without-name", "xh=2026000103", "2026000103", N },
  { "/payload/roster/json", "{\"student_no\":\"2026000103\"}", "2026000103", N },
  { "/payload/roster/json-integer", "{\"学号\":2026000101}", "2026000101", N },
  { "/payload/roster/url", "https://xz.example.edu.cn/txcj/?xh=2026000103", "2026000103", N },
  { "/payload/roster/typed-number", "2026000103", "2026000103", N },
  { "/payload/roster/unknown-code", "GPDEMO0000000000", NULL },
  { "/payload/roster/code-is-case-sensitive", "gpdemo7k3q9x2m4t", NULL },
  { "/payload/roster/unknown-number", "学号=2026000199;姓名=周文静", NULL },
  { "/payload/roster/two-numbers-nobody", "学号=2026000101;sno=2026000103", NULL },
  /* Used to read past the end of the name while masking it for the message. */
  { "/payload/roster/undecodable-name-nobody", "sno=2026000101&name=%F9", NULL },
  { "/payload/roster/wrong-name-refused", "学号=2026000103;姓名=赵小明", NULL, O, TRUE },
};

static void
test_match (Fixture       *f,
            gconstpointer  data)
{
  const MatchCase *mc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpStudent) found = NULL;
  GpPayloadKind matched_by = 99;

  found = gp_payload_find_student (mc->text, f->store, &matched_by, &error);
  if (mc->wrong_name)
    {
      g_assert_error (error, GP_PAYLOAD_ERROR, GP_PAYLOAD_ERROR_WRONG_NAME);
      g_test_message ("%s", error->message);
      /* Names stay masked on the kiosk's screen. */
      g_assert_null (strstr (error->message, "孙悦然"));
      g_assert_nonnull (strstr (error->message, "2026000103"));
    }
  else
    g_assert_no_error (error);

  if (mc->student_no == NULL)
    {
      g_assert_null (found);
      g_assert_cmpint (matched_by, ==, 99);
      return;
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (found->student_no, ==, mc->student_no);
  g_assert_cmpint (matched_by, ==, mc->matched_by);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    g_test_add_data_func (parse_cases[i].path, &parse_cases[i], test_parse);
  g_test_add_func ("/payload/keys/documented", test_keys_documented);
  for (guint i = 0; i < G_N_ELEMENTS (match_cases); i++)
    g_test_add (match_cases[i].path, Fixture, &match_cases[i], fixture_set_up, test_match, fixture_tear_down);

  return g_test_run ();
}
