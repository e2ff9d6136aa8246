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
