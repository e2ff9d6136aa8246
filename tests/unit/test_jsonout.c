/* server/jsonout.c against json_dumps (JSON_COMPACT | JSON_REAL_PRECISION):
   the same text, byte for byte, for hand-picked and random values. */
#include "jsonout.h"
#include <criterion/criterion.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
same (const json_t *v, int precision)
{
  size_t flags = JSON_COMPACT | JSON_ENCODE_ANY;
  if (precision)
    flags |= JSON_REAL_PRECISION (precision);
  char *a = jsonout_dumps (v, precision);
  char *b = json_dumps (v, flags);
  cr_assert_not_null (b);
  cr_assert_not_null (a, "jsonout failed where Jansson wrote %s", b);
  cr_assert_str_eq (a, b);
  free (a);
  free (b);
}

Test (jsonout, edge_cases)
{
  static const char *const docs[] = {
    "{}", "[]", "{\"a\":\"b\",\"c\":[1,-2,true,false,null,{}],\"d\":{\"e\":[]}}",
    "[\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"]",
    "[\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"]", "{\"k\\n\\\"\":\"v\"}",
    "[9223372036854775807,-9223372036854775808,0]",
    "[0.1,1.5,-0.0,1e20,1e-5,123456789012345678,3.141592653589793,1e300,"
    "2.2250738585072014e-308,5e-324,100.0,1e16,0.30000000000000004]",
    "{\"z\":1,\"a\":2,\"m\":3}",
  };
  for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
  {
    json_t *v = json_loads (docs[i], 0, NULL);
    cr_assert_not_null (v, "bad test document %s", docs[i]);
    same (v, 0);
    same (v, 15);
    same (v, 3);
    json_decref (v);
  }
  /* Keys with a NUL byte and reals near the limits. */
  json_t *o = json_object ();
  json_object_setn_new (o, "a\0b", 3, json_string ("x"));
  json_object_set_new (o, "max", json_real (DBL_MAX));
  json_object_set_new (o, "min", json_real (-DBL_MIN));
  same (o, 0);
  same (o, 15);
  json_decref (o);
}

static unsigned long long rng_state = 0xD1B54A32D192ED03ULL;

static unsigned int
rnd (unsigned int n)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned int) (rng_state % n);
}

static json_t *
random_value (int depth)
{
  static const char *const strs[] = {
    "", "x", "Siti Rahayu", "a\"b", "c\\d", "tab\there", "nl\n", "\x01\x1f",
    "\x7f", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "/slash/",
    "Jl. Merdeka No. 17, Bandung",
  };
  switch (depth > 4 ? 2 + rnd (5) : rnd (7))
  {
  case 0:
    {
      json_t *o = json_object ();
      for (unsigned int i = rnd (5); i > 0; i--)
        json_object_set_new (o, strs[rnd (sizeof strs / sizeof *strs)],
                             random_value (depth + 1));
      return o;
    }
  case 1:
    {
      json_t *a = json_array ();
      for (unsigned int i = rnd (5); i > 0; i--)
        json_array_append_new (a, random_value (depth + 1));
      return a;
    }
  case 2:
    return json_string (strs[rnd (sizeof strs / sizeof *strs)]);
  case 3:
    return json_integer ((json_int_t) rng_state >> rnd (64));
  case 4:
    {
      /* Reals of every magnitude, both signs, some integral. */
      double d = (double) (rnd (2000000) - 1000000) / (1 + rnd (1000));
      int e = (int) rnd (600) - 300;
      for (; e > 0; e--)
        d *= 10;
      for (; e < 0; e++)
        d /= 10;
      return json_real (rnd (4) ? d : (double) (long long) d);
    }
  case 5:
    return json_boolean (rnd (2));
  default:
    return json_null ();
  }
}

Test (jsonout, random_values_match_jansson)
{
  for (int i = 0; i < 50000; i++)
  {
    json_t *v = random_value (0);
    same (v, 0);
    same (v, 15);
    json_decref (v);
  }
}

/* The sorted mode against json_dumps (JSON_SORT_KEYS | JSON_COMPACT
   [| JSON_ENSURE_ASCII] | JSON_REAL_PRECISION): the canonical text of the
   report models. */
static void
same_sorted (const json_t *v, int precision, bool ascii)
{
  size_t flags = JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY;
  if (precision)
    flags |= JSON_REAL_PRECISION (precision);
  if (ascii)
    flags |= JSON_ENSURE_ASCII;
  char *a = jsonout_dumps_sorted (v, precision, ascii);
  char *b = json_dumps (v, flags);
  cr_assert_not_null (b);
  cr_assert_not_null (a, "jsonout failed where Jansson wrote %s", b);
  cr_assert_str_eq (a, b);
  free (a);
  free (b);
}

Test (jsonout, sorted_edge_cases)
{
  static const char *const docs[] = {
    "{}", "[]", "{\"z\":1,\"a\":2,\"m\":3}",
    "{\"ab\":1,\"a\":2,\"b\":3,\"\":4,\"aa\":5,\"B\":6,\"_\":7,\"~\":8}",
    "{\"b\":{\"y\":[{\"q\":1,\"p\":2},{\"p\":3,\"q\":4}],\"x\":null},\"a\":[]}",
    "[\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"]",
    "[\"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u0080 \\u07ff \\u0800 \\uffff"
    " \\ud800\\udc00 \\udbff\\udfff\"]",
    "{\"\\u00e9\":1,\"e\":2,\"\\u20ac\":3,\"\\ud83d\\ude00\":4,\"f\":5}",
    "[9223372036854775807,-9223372036854775808,0,-1,10,-10]",
    "[0.1,1.5,-0.0,1e20,1e-5,3.141592653589793,100.0,0.30000000000000004]",
    /* Rows of the same keys in other orders, and other key sets between. */
    "[{\"b\":1,\"a\":2,\"c\":3},{\"b\":1,\"a\":2,\"c\":3},{\"a\":1,\"b\":2,"
    "\"c\":3},{\"b\":1,\"a\":2},{\"b\":1,\"a\":2,\"cc\":3},{\"b\":1,\"a\":2,"
    "\"c\":3}]",
  };
  for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
  {
    json_t *v = json_loads (docs[i], 0, NULL);
    cr_assert_not_null (v, "bad test document %s", docs[i]);
    for (int ascii = 0; ascii < 2; ascii++)
    {
      same_sorted (v, 0, ascii);
      same_sorted (v, 12, ascii);
      same_sorted (v, 3, ascii);
    }
    json_decref (v);
  }
  /* Keys with a NUL byte (a prefix of another key), many keys (sorted
     without the cache). */
  json_t *o = json_object ();
  json_object_setn_new (o, "a\0b", 3, json_string ("x"));
  json_object_setn_new (o, "a", 1, json_string ("y"));
  json_object_setn_new (o, "a\0", 2, json_string ("z"));
  for (int i = 0; i < 100; i++)
  {
    char k[16];
    snprintf (k, sizeof k, "k%d", (i * 37) % 100);
    json_object_set_new (o, k, json_integer (i));
  }
  same_sorted (o, 0, true);
  same_sorted (o, 12, false);
  json_decref (o);
  /* Not UTF-8: Jansson refuses to write it, and so does the ASCII mode. */
  json_t *bad = json_pack ("[o]", json_string_nocheck ("a\xc3"));
  cr_assert_null (json_dumps (bad, JSON_SORT_KEYS | JSON_ENSURE_ASCII));
  cr_assert_null (jsonout_dumps_sorted (bad, 0, true));
  json_decref (bad);
  static const char *const invalid[] = { "\xc0\x80", "\xed\xa0\x80",
                                         "\xf4\x90\x80\x80", "\x80", "\xe2\x82",
                                         "\xf5\x80\x80\x80", "\xe0\x80\xaf" };
  for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
  {
    bad = json_pack ("{s:o}", "k", json_string_nocheck (invalid[i]));
    cr_assert_null (json_dumps (bad, JSON_SORT_KEYS | JSON_ENSURE_ASCII));
    cr_assert_null (jsonout_dumps_sorted (bad, 0, true), "invalid %zu", i);
    json_decref (bad);
  }
}

/* A table: rows of keys from a fixed set, mostly all of them in one
   order, sometimes shuffled, one missing or one more. */
static json_t *
random_table (void)
{
  static const char *const keys[] = {
    "no", "tracking", "lapor_id", "received_date", "channel", "class",
    "category", "category_name", "unsur", "section", "section_name",
    "status", "tgl_disposisi", "tgl_tindak_lanjut", "tepat_waktu", "n",
    "nama", "caf\xc3\xa9", "a", "ab", "" };
  const size_t nk = sizeof keys / sizeof *keys;
  json_t *a = json_array ();
  for (unsigned int r = rnd (40); r > 0; r--)
  {
    size_t order[sizeof keys / sizeof *keys];
    for (size_t i = 0; i < nk; i++)
      order[i] = i;
    if (0 == rnd (4))
      for (size_t i = nk - 1; i > 0; i--)
      {
        size_t j = rnd ((unsigned int) i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    size_t skip = rnd (3) ? nk : rnd ((unsigned int) nk);
    json_t *o = json_object ();
    for (size_t i = 0; i < nk; i++)
      if (order[i] != skip)
        json_object_set_new (o, keys[order[i]], random_value (3));
    json_array_append_new (a, o);
  }
  return a;
}

Test (jsonout, sorted_random_values_match_jansson)
{
  for (int i = 0; i < 30000; i++)
  {
    json_t *v = random_value (0);
    same_sorted (v, 0, true);
    same_sorted (v, 12, false);
    json_decref (v);
  }
  for (int i = 0; i < 3000; i++)
  {
    json_t *v = json_pack ("{s:o, s:o, s:[o]}", "rows", random_table (),
                           "more", random_table (), "nested",
                           random_table ());
    same_sorted (v, 12, true);
    same_sorted (v, 0, false);
    json_decref (v);
  }
}

/* A virtual array writes, in its place, exactly the text of the same rows
   held in the tree, though every row is one object refilled. */
struct vrows {
  json_t *row;
  size_t fail_at;               /* (size_t) -1: never */
};

static const json_t *
vrow (void *cls, size_t i)
{
  struct vrows *v = cls;
  if (i == v->fail_at)
    return NULL;
  json_object_set_new (v->row, "no", json_integer ((json_int_t) i + 1));
  json_object_set_new (v->row, "nama", json_sprintf ("baris é %zu", i));
  json_object_set_new (v->row, "ok", json_boolean (i % 2));
  json_object_set_new (v->row, "nilai", i % 3 ? json_real (i / 3.0)
                                               : json_null ());
  return v->row;
}

Test (jsonout, sorted_virtual_rows_match_the_tree)
{
  struct vrows v = { .row = json_object (), .fail_at = (size_t) -1 };
  json_t *plain = json_pack ("{s:i, s:[]}", "z", 1, "register");
  json_t *rows = json_object_get (plain, "register");
  for (size_t i = 0; i < 50; i++)
    json_array_append_new (rows, json_deep_copy (vrow (&v, i)));
  char *want = json_dumps (plain, JSON_SORT_KEYS | JSON_COMPACT
                           | JSON_REAL_PRECISION (12) | JSON_ENSURE_ASCII);
  json_t *model = json_pack ("{s:i, s:[]}", "z", 1, "register");
  struct jsonout_rows vr = { .at = json_object_get (model, "register"),
                             .n = 50, .get = vrow, .cls = &v };
  struct buf b = { 0 };
  cr_assert (jsonout_append_sorted_rows (&b, model, 12, true, &vr, 1));
  buf_puts (&b, "");
  cr_assert_str_eq (b.p, want);
  buf_free (&b);
  /* Without the rows the array is what it is: empty. */
  char *bare = jsonout_dumps_sorted (model, 12, true);
  cr_assert_str_eq (bare, "{\"register\":[],\"z\":1}");
  free (bare);
  /* A row that cannot be made fails the write. */
  v.fail_at = 7;
  struct buf c = { 0 };
  cr_assert_not (jsonout_append_sorted_rows (&c, model, 12, true, &vr, 1));
  buf_free (&c);
  free (want);
  json_decref (plain);
  json_decref (model);
  json_decref (v.row);
}

/* Through a buffer with a sink, a text longer than the buffer arrives
   whole and in order; a failing sink fails the write. */
struct collect {
  struct buf all;
  size_t calls, fail_after;
};

static bool
collect_write (void *cls, const char *data, size_t len)
{
  struct collect *c = cls;
  if (++c->calls > c->fail_after)
    return false;
  buf_append (&c->all, data, len);
  return true;
}

Test (jsonout, sink_passes_a_long_text_through_a_small_buffer)
{
  json_t *v = json_array ();
  for (int i = 0; i < 500; i++)
    json_array_append_new (v, json_pack ("{s:i, s:s}", "n", i, "s",
                                         "teks \"kutip\" dan é"));
  char *want = jsonout_dumps_sorted (v, 12, true);
  struct collect c = { .fail_after = (size_t) -1 };
  struct buf b = { .sink = collect_write, .sink_cls = &c };
  b.p = malloc (64);
  b.cap = 64;
  cr_assert (jsonout_append_sorted (&b, v, 12, true));
  cr_assert (buf_flush (&b));
  cr_assert_eq (b.cap, 64, "the buffer never grew");
  cr_assert_gt (c.calls, 100);
  cr_assert_str_eq (c.all.p, want);
  buf_free (&b);
  buf_free (&c.all);
  struct collect f = { .fail_after = 3 };
  struct buf fb = { .sink = collect_write, .sink_cls = &f };
  cr_assert_not (jsonout_append_sorted (&fb, v, 12, true) && buf_flush (&fb));
  cr_assert (fb.oom);
  buf_free (&fb);
  buf_free (&f.all);
  free (want);
  json_decref (v);
}
