/*
 * server/tmpl.c, the mustache-subset renderer.  The input is a template,
 * optionally followed by a NUL and a JSON context (else a fixed one with
 * nested objects, arrays, dates for the filters and markup in strings).
 * Partials ({{> name}}) reach the real templates of forms/templates.
 * Beyond memory safety: a template without markup of its own and without
 * raw tags ({{{ }}}) must render no markup character from the context.
 * Nested loops may ask for exponential output by design: see affordable.
 */
#include "fuzz.h"
#include "jsonin.h"
#include "log.h"
#include "tmpl.h"

static json_t *fixed;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  char err[80];
  static const char ctx[] =
    "{\"title\":\"<b>\\\"x\\\" & 'y'</b>\",\"n\":3,\"z\":0,\"r\":2.5,"
    "\"t\":true,\"f\":false,\"nul\":null,\"e\":\"\",\"when\":"
    "\"2026-11-21T20:10:10+07:00\",\"day\":\"2026-02-30\",\"other\":"
    "\"2026-01-01T00:00:00-03:30\",\"items\":[{\"name\":\"a</li>\",\"k\":1},"
    "{\"name\":\"b\",\"sub\":[1,2,[3,\"<i>\"]]},\"s\",7,[]],\"a\":{\"b\":{"
    "\"c\":\"deep<\",\"d\":[{\"e\":\"x\"}]},\"unit\":{\"slug\":\"demo\"}},"
    "\"errors\":{\"nama\":{\"code\":\"required\",\"message\":\"Wajib\"}},"
    "\"fields\":[{\"name\":\"nama\",\"label\":\"Nama\",\"text\":true,"
    "\"value\":\"<script>\"}],\"csrf\":\"abc\",\"unit\":{\"slug\":\"demo\","
    "\"name\":\"Dinas <Demo>\"}}";
  fixed = jsonin_parse (ctx, sizeof ctx - 1, err);
  if (NULL == fixed)
  {
    fprintf (stderr, "fuzz_tmpl: context: %s\n", err);
    abort ();
  }
  /* Malformed templates are logged as bugs: not here, thousands a second. */
  log_set_level ((enum log_level) (LOG_ERROR + 1));
  return 0;
}

/* The longest array anywhere in V. */
static size_t
max_array (json_t *v)
{
  size_t m = json_is_array (v) ? json_array_size (v) : 0, i;
  const char *k;
  json_t *x;
  if (json_is_array (v))
    json_array_foreach (v, i, x)
    {
      size_t n = max_array (x);
      m = n > m ? n : m;
    }
  else if (json_is_object (v))
    json_object_foreach (v, k, x)
    {
      size_t n = max_array (x);
      m = n > m ? n : m;
    }
  return m;
}

static size_t
count (const char *s, const char *what)
{
  size_t n = 0;
  for (const char *p = s; (p = strstr (p, what)); p++)
    n++;
  return n;
}

/* Nested sections repeat their body once per element of the array they
   walk: {{#items}} nested ten times over five items asks for 5^10
   bodies, which is what the template says (templates are ours, compiled
   in).  Inputs that may ask for that much work are skipped; a partial
   counts as two sections. */
static bool
affordable (const char *text, size_t len, json_t *ctx)
{
  size_t sections = count (text, "{{#") + 2 * count (text, "{{>");
  double a = (double) max_array (ctx), cost = (double) len + 1;
  for (size_t i = 0; i < sections && a > 1; i++)
    if ((cost *= a) > 5e7)
      return false;
  return true;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text, *jtext, err[80];
  size_t tl, jl;
  struct buf out = { 0 };
  fuzz_split (data, size, &text, &tl, &jtext, &jl);
  json_t *ctx = jl ? jsonin_parse (jtext, jl, err) : NULL;
  if (! affordable (text, tl, ctx ? ctx : fixed))
  {
    json_decref (ctx);
    free (text);
    free (jtext);
    return 0;
  }
  bool ok = tmpl_render_text (text, tl, ctx ? ctx : fixed, &out);
  if (ok && NULL == strstr (text, "{{{") && NULL == strpbrk (text, "<>\"'"))
  {
    for (size_t i = 0; i < out.len; i++)
      FUZZ_CHECK (NULL == memchr ("<>\"'", out.p[i], 4),
                  "markup character %c at %zu not escaped", out.p[i], i);
  }
  buf_free (&out);
  json_decref (ctx);
  free (text);
  free (jtext);
  return 0;
}
