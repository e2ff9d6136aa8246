/* Escaping, templates, UTF-8 and url-encoded parsing. */
#include "buf.h"
#include "tmpl.h"
#include "urlenc.h"
#include "utf8.h"
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *
render (const char *tpl, const char *json)
{
  struct buf b = { 0 };
  json_t *ctx = json_loads (json, 0, NULL);
  cr_assert_not_null (ctx, "bad test json");
  bool ok = tmpl_render_text (tpl, strlen (tpl), ctx, &b);
  json_decref (ctx);
  if (! ok)
  {
    buf_free (&b);
    return NULL;
  }
  return buf_steal (&b, NULL);
}

Test (escape, html_specials)
{
  struct buf b = { 0 };
  buf_html_escape (&b, "<script>alert('x')</script> & \"q\"");
  cr_assert_str_eq (b.p, "&lt;script&gt;alert(&#39;x&#39;)&lt;&#47;script"
                         "&gt; &amp; &quot;q&quot;");
  buf_free (&b);
}

Test (tmpl, escapes_by_default)
{
  char *s = render ("<p title=\"{{t}}\">{{t}}</p>",
                    "{\"t\":\"\\\"><img src=x onerror=alert(1)>\"}");
  cr_assert_str_eq (s, "<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)"
                       "&gt;\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
                       "</p>");
  free (s);
}

Test (tmpl, raw_only_with_triple)
{
  char *s = render ("{{{h}}}|{{h}}", "{\"h\":\"<b>x</b>\"}");
  cr_assert_str_eq (s, "<b>x</b>|&lt;b&gt;x&lt;&#47;b&gt;");
  free (s);
}

Test (tmpl, sections_lists_and_inverted)
{
  char *s = render ("{{#xs}}[{{n}}]{{/xs}}{{^xs}}none{{/xs}}"
                    "{{#o}}<{{a.b}}>{{/o}}{{#f}}F{{/f}}{{^f}}notf{{/f}}",
                    "{\"xs\":[{\"n\":1},{\"n\":\"two\"}],"
                    "\"o\":{\"a\":{\"b\":\"deep\"}},\"f\":false}");
  cr_assert_str_eq (s, "[1][two]<deep>notf");
  free (s);
  s = render ("{{#xs}}x{{/xs}}{{^xs}}none{{/xs}}{{missing}}", "{\"xs\":[]}");
  cr_assert_str_eq (s, "none");
  free (s);
}

Test (tmpl, nested_same_name_and_outer_lookup)
{
  char *s = render ("{{#a}}{{#a}}in{{/a}}{{top}}{{/a}}",
                    "{\"a\":{\"a\":true},\"top\":\"T\"}");
  cr_assert_str_eq (s, "inT");
  free (s);
}

Test (tmpl, malformed_templates_fail)
{
  cr_assert_null (render ("{{#a}}open", "{\"a\":true}"));
  cr_assert_null (render ("{{/a}}", "{}"));
  cr_assert_null (render ("{{a", "{}"));
  cr_assert_null (render ("{{> no-such-partial}}", "{}"));
}

/* Sections of any kind and partials nest at most TMPL_MAX_NEST deep:
   inverted sections once recursed without a bound, so a template nesting
   them deeply overflowed the stack, scanning for each closing tag on
   every level on the way (seen while looking into a fuzz_tmpl timeout,
   whose cause was nested loops: see tests/fuzz/fuzz_tmpl.c).  The
   shipped templates nest at most 7 deep. */
static char *
nested (const char *open, const char *close, int levels)
{
  size_t ol = strlen (open), cl = strlen (close);
  char *t = malloc ((ol + cl) * (size_t) levels + 2);
  cr_assert_not_null (t);
  size_t n = 0;
  for (int i = 0; i < levels; i++, n += ol)
    memcpy (t + n, open, ol);
  t[n++] = 'x';
  for (int i = 0; i < levels; i++, n += cl)
    memcpy (t + n, close, cl);
  t[n] = '\0';
  return t;
}

Test (tmpl, nesting_is_bounded, .timeout = 60)
{
  char *t = nested ("{{^no}}", "{{/no}}", 20);
  char *s = render (t, "{}");
  cr_assert_str_eq (s, "x", "20 levels are fine");
  free (s);
  free (t);
  t = nested ("{{^no}}", "{{/no}}", 40);
  cr_assert_null (render (t, "{}"), "40 inverted sections rendered");
  free (t);
  t = nested ("{{#yes}}", "{{/yes}}", 40);
  cr_assert_null (render (t, "{\"yes\":true}"), "40 sections rendered");
  free (t);
  t = nested ("{{^no}}", "{{/no}}", 2000);
  cr_assert_null (render (t, "{}"));
  free (t);
}

Test (utf8, validity)
{
  const char *ok = "Jalan Sudirman \xc3\xa9 \xe2\x82\xac";
  cr_assert (utf8_valid_text (ok, strlen (ok)));
  cr_assert (utf8_valid_text ("a\tb\nc\r", 6));
  cr_assert_not (utf8_valid_text ("\xc0\xaf", 2));          /* overlong */
  cr_assert_not (utf8_valid_text ("\xed\xa0\x80", 3));      /* surrogate */
  cr_assert_not (utf8_valid_text ("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
  cr_assert_not (utf8_valid_text ("\xe2\x82", 2));          /* truncated */
  cr_assert_not (utf8_valid_text ("a\0b", 3));              /* NUL */
  cr_assert_not (utf8_valid_text ("\x1b[31m", 5));          /* control */
  cr_assert_not (utf8_valid_text ("\x7f", 1));
  cr_assert_eq (utf8_length ("\xc3\xa9t\xc3\xa9"), 3);
}

Test (urlenc, parse)
{
  struct urlenc u;
  const char *b = "a=1&b=hello+world&c=%41%42&d=&e&&f=%E2%82%AC";
  cr_assert (urlenc_parse (b, strlen (b), 16, &u));
  cr_assert_eq (u.n, 6);
  cr_assert_str_eq (urlenc_get (&u, "b"), "hello world");
  cr_assert_str_eq (urlenc_get (&u, "c"), "AB");
  cr_assert_str_eq (urlenc_get (&u, "d"), "");
  cr_assert_str_eq (urlenc_get (&u, "e"), "");
  cr_assert_str_eq (urlenc_get (&u, "f"), "\xe2\x82\xac");
  cr_assert_null (urlenc_get (&u, "zz"));
  urlenc_free (&u);
}

Test (urlenc, refuses_bad_input)
{
  struct urlenc u;
  const char *bad[] = { "a=%4", "a=%zz", "a=%", "%ff=1", "=1", "%00=1" };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_not (urlenc_parse (bad[i], strlen (bad[i]), 16, &u), "%s",
                   bad[i]);
  cr_assert_not (urlenc_parse ("a=1&b=2&c=3", 11, 2, &u));
  /* A NUL in a value is kept (with its length) for the forms engine to
     refuse. */
  cr_assert (urlenc_parse ("a=x%00y", 7, 4, &u));
  cr_assert_eq (u.pairs[0].value_len, 3);
  urlenc_free (&u);
}

Test (tmpl, time_and_date_filters)
{
  char *s = render ("{{a|waktu}}/{{b|waktu}}/{{c|tanggal}}/{{d|waktu}}/"
                    "{{e | tanggal}}",
                    "{\"a\":\"2026-11-21T20:10:10+07:00\","
                    "\"b\":\"2026-01-02T08:05:00+08:00\","
                    "\"c\":\"2026-08-17\",\"d\":\"<not a time>\","
                    "\"e\":\"2026-13-01\"}");
  cr_assert_str_eq (s, "21 November 2026 20.10 WIB/2 Januari 2026 08.05 WITA/"
                       "17 Agustus 2026/&lt;not a time&gt;/2026-13-01");
  free (s);
  s = render ("{{a|waktu}}", "{\"a\":\"2026-11-21T20:10:10+05:30\"}");
  cr_assert_str_eq (s, "21 November 2026 20.10 UTC+05:30");
  free (s);
  /* A WBS reporter's acts are kept to the day: "waktu" shows the date. */
  s = render ("{{a|waktu}}", "{\"a\":\"2026-11-21\"}");
  cr_assert_str_eq (s, "21 November 2026");
  free (s);
}
