/*
 * server/tmpl.c, the mustache-subset renderer.  The input is a template,
 * optionally followed by a NUL and a JSON context (else a fixed one with
 * nested objects, arrays, dates for the filters and markup in strings).
 * Partials ({{> name}}) reach the real templates of forms/templates.
 * Beyond memory safety: a template without markup of its own and without
 * raw tags ({{{ }}}) must render no markup character from the context.
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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text, *jtext, err[80];
  size_t tl, jl;
  struct buf out = { 0 };
  fuzz_split (data, size, &text, &tl, &jtext, &jl);
  json_t *ctx = jl ? jsonin_parse (jtext, jl, err) : NULL;
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
