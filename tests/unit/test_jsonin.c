/* The request-body JSON parser (server/jsonin.c) against Jansson's own
   json_loadb (..., JSON_REJECT_DUPLICATES, ...): the same documents are
   accepted, the accepted ones give equal values.  Hand-picked edge cases,
   then seeded random mutations of real request bodies and random
   documents from a small grammar. */
#include "jsonin.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Both parsers on BUF[0..LEN): false (with a message) when they disagree. */
static bool
same (const char *buf, size_t len, char *why, size_t why_len)
{
  char err[80];
  json_error_t jerr;
  json_t *a = jsonin_parse (buf, len, err);
  bool ok;
  /* Jansson drops a NUL byte that follows a number (its stream layer
     forgets it after the look-ahead), so it takes "[1\0]" for [1]; a NUL
     outside a string is never valid JSON, and jsonin refuses it. */
  if (memchr (buf, '\0', len))
  {
    ok = NULL == a;
    if (! ok)
      snprintf (why, why_len, "jsonin accepts a NUL byte");
    json_decref (a);
    return ok;
  }
  json_t *b = json_loadb (buf, len, JSON_REJECT_DUPLICATES, &jerr);
  if (NULL == a || NULL == b)
  {
    ok = (NULL == a) == (NULL == b);
    if (! ok)
      snprintf (why, why_len, "jsonin %s, jansson %s", a ? "accepts" : err,
                b ? "accepts" : jerr.text);
    if (a)
      cr_assert (! json_is_null (a));
  }
  else
  {
    ok = json_equal (a, b);
    if (! ok)
      snprintf (why, why_len, "values differ");
  }
  if (a)
    cr_assert_str_eq (err, "", "no error text on success");
  else
    cr_assert_neq (err[0], '\0', "an error has a reason");
  json_decref (a);
  json_decref (b);
  return ok;
}

static void
check (const char *doc, bool accept)
{
  char why[200];
  char err[80];
  cr_assert (same (doc, strlen (doc), why, sizeof why), "%s: %s", doc, why);
  json_t *v = jsonin_parse (doc, strlen (doc), err);
  cr_assert_eq (v != NULL, accept, "%s: expected %s (%s)", doc,
                accept ? "accepted" : "refused", err);
  json_decref (v);
}

Test (jsonin, edge_cases)
{
  static const char *const ok[] = {
    "{}", "[]", " \t\r\n{ } \n", "[1,-0,0.5,-1.25e+3,1E-2,0e0]",
    "{\"a\":\"b\",\"c\":[true,false,null],\"d\":{}}",
    "{\"\":1}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
    "[\"\\u00e9\\u20AC\\ud83d\\ude00\"]", "[\"é€😀\"]",
    "[9223372036854775807,-9223372036854775808]", "[1e-400]",
    "[\"\x7f\"]",
    "{\"k\\u00e9\":{\"k\\u00e9\":[{\"x\":1}]}}",
    "{\"a\\u0062\":1,\"b\":2}",
  };
  static const char *const bad[] = {
    "", " ", "\"x\"", "1", "true", "null", "{", "[", "{\"a\"}", "{\"a\":}",
    "{\"a\":1,}", "[1,]", "[01]", "[-]", "[1.]", "[.5]", "[1e]", "[+1]",
    "[9223372036854775808]", "[-9223372036854775809]", "[1e400]",
    "[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]",
    "[\"\\x\"]", "[\"\\u12\"]", "[\"a\nb\"]", "[\"\x01\"]",
    "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xf4\x90\x80\x80\"]",
    "[\"\xe2\x82\"]", "[\"\xff\"]", "[\"abc", "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"\\u0061\":2}", "{\"a\":1} x", "{} {}", "[truex]", "[tru]",
    "[nul]", "{'a':1}", "\xef\xbb\xbf{}", "[1 2]", "{\"a\" 1}", "[\x80]",
    "{1:2}", "[NaN]", "[Infinity]", "[-Infinity]", "{\"a\\u0062\":1,\"ab\":2}",
  };
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
    check (ok[i], true);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    check (bad[i], false);
  /* An embedded NUL, outside and inside a string. */
  char why[200];
  cr_assert (same ("{}\0", 3, why, sizeof why), "%s", why);
  cr_assert (same ("[\"a\0b\"]", 7, why, sizeof why), "%s", why);
  cr_assert (same ("[1\0]", 4, why, sizeof why), "%s", why);
}

Test (jsonin, depth_limit)
{
  size_t n = JSONIN_MAX_DEPTH + 1;
  char *doc = malloc (2 * n + 2);
  char why[200];
  cr_assert_not_null (doc);
  for (size_t depth = JSONIN_MAX_DEPTH; depth <= n; depth++)
  {
    memset (doc, '[', depth);
    memset (doc + depth, ']', depth);
    doc[2 * depth] = '\0';
    check (doc, depth <= JSONIN_MAX_DEPTH);
  }
  cr_assert (same (doc, 2 * n, why, sizeof why), "%s", why);
  /* A scalar counts as a level too: 1 inside depth arrays. */
  for (size_t depth = JSONIN_MAX_DEPTH - 2; depth <= n; depth++)
  {
    memset (doc, '[', depth);
    doc[depth] = '1';
    memset (doc + depth + 1, ']', depth);
    doc[2 * depth + 1] = '\0';
    check (doc, depth < JSONIN_MAX_DEPTH);
  }
  free (doc);
}

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;

static unsigned int
rnd (unsigned int n)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned int) (rng_state % n);
}

/* Bytes that matter to a JSON parser. */
static const char special[] = "{}[]:,\"\\ \n\t-+.eE0123456789ux/tfn\x7f\x01\x00"
                              "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xed\xa0"
                              "\x80\xc0\xff";

static size_t
mutate (const char *seed, size_t len, char *out, size_t cap)
{
  size_t n = len < cap ? len : cap;
  memcpy (out, seed, n);
  unsigned int edits = 1 + rnd (4);
  for (unsigned int e = 0; e < edits; e++)
  {
    size_t at = n ? rnd ((unsigned int) n) : 0;
    switch (rnd (5))
    {
    case 0:  /* replace a byte */
      if (n)
        out[at] = special[rnd (sizeof special - 1)];
      break;
    case 1:  /* insert a byte */
      if (n < cap)
      {
        memmove (out + at + 1, out + at, n - at);
        out[at] = special[rnd (sizeof special - 1)];
        n++;
      }
      break;
    case 2:  /* delete a byte */
      if (n)
      {
        memmove (out + at, out + at + 1, n - at - 1);
        n--;
      }
      break;
    case 3:  /* duplicate a short range */
      {
        size_t l = 1 + rnd (12);
        if (at + l <= n && n + l <= cap)
        {
          memmove (out + at + l, out + at, n - at);
          n += l;
        }
      }
      break;
    default: /* cut */
      n = at;
      break;
    }
  }
  return n;
}

static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  cr_assert_not_null (f, "cannot open %s", path);
  char *p = malloc (1 << 16);
  *len = fread (p, 1, 1 << 16, f);
  fclose (f);
  return p;
}

Test (jsonin, mutations_agree_with_jansson)
{
  size_t n1, n2;
  char *seeds[4];
  size_t lens[4];
  seeds[0] = slurp ("tests/bench/complaint.json", &n1);
  lens[0] = n1;
  seeds[1] = slurp ("tests/bench/survey.json", &n2);
  lens[1] = n2;
  seeds[2] = strdup ("{\"nama\":\"Ni Luh \\u00c9 \\\"Ayu\\\"\",\"n\":[1,2.5e3,"
                     "-0,true,false,null],\"o\":{\"\\ud83d\\ude00\":\"\xf0"
                     "\x9f\x98\x80\",\"t\":\"a\\tb\\n\"}}");
  lens[2] = strlen (seeds[2]);
  seeds[3] = strdup ("[[[{\"a\":[{}]}],[]],{\"b\":{\"c\":{\"d\":[0]}}}]");
  lens[3] = strlen (seeds[3]);
  char buf[1 << 16];
  char why[200];
  unsigned long accepted = 0;
  for (unsigned long i = 0; i < 200000; i++)
  {
    unsigned int s = rnd (4);
    size_t n = mutate (seeds[s], lens[s], buf, sizeof buf);
    if (! same (buf, n, why, sizeof why))
      cr_assert_fail ("mutation %lu of seed %u disagrees: %s: %.*s", i, s,
                      why, (int) n, buf);
    char err[80];
    json_t *v = jsonin_parse (buf, n, err);
    accepted += v != NULL;
    json_decref (v);
  }
  /* The mutations must exercise both outcomes, or the test says nothing. */
  cr_assert_gt (accepted, 1000);
  cr_assert_lt (accepted, 199000);
  for (int s = 0; s < 4; s++)
    free (seeds[s]);
}

/* A random document from a small grammar, into B (NUL-terminated). */
static void
gen (char *b, size_t *n, size_t cap, int depth)
{
#define PUT(str) do { const char *s_ = (str); size_t l_ = strlen (s_); \
                        if (*n + l_ < cap) { memcpy (b + *n, s_, l_); \
                                             *n += l_; } } while (0)
  static const char *const atoms[] = {
    "0", "-1", "12.5", "1e3", "-0.0", "true", "false", "null", "\"\"",
    "\"x\"", "\"\\u00e9\"", "\"\\\\\"", "\"caf\xc3\xa9\"", "\"\\ud83d\\ude00\"",
    "9223372036854775807", "\"a\\/b\"",
  };
  unsigned int k = depth > 5 ? 2 : rnd (4);
  if (k == 0 || k == 1)
  {
    bool obj = k == 0;
    unsigned int items = rnd (5);
    PUT (obj ? "{" : "[");
    for (unsigned int i = 0; i < items; i++)
    {
      if (i)
        PUT (rnd (3) ? "," : " , ");
      if (obj)
      {
        char key[16];
        snprintf (key, sizeof key, "\"k%u\":", rnd (6));
        PUT (key);
      }
      gen (b, n, cap, depth + 1);
    }
    PUT (obj ? "}" : "]");
  }
  else
    PUT (atoms[rnd (sizeof atoms / sizeof *atoms)]);
#undef PUT
  b[*n] = '\0';
}

Test (jsonin, generated_documents_agree_with_jansson)
{
  char buf[1 << 14];
  char why[200];
  for (int i = 0; i < 50000; i++)
  {
    size_t n = 0;
    buf[n++] = rnd (2) ? '{' : '[';
    bool obj = buf[0] == '{';
    if (obj)
    {
      memcpy (buf + n, "\"r\":", 4);
      n += 4;
    }
    gen (buf, &n, sizeof buf - 2, 0);
    buf[n++] = obj ? '}' : ']';
    buf[n] = '\0';
    cr_assert (same (buf, n, why, sizeof why), "%s: %s", buf, why);
  }
}
