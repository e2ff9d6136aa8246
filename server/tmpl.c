/* See tmpl.h.  Interpreted directly from the embedded text: templates are
   small and pages are not the hot path (the API is). */
#include "tmpl.h"
#include "embed.h"
#include "log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMPL_MAX_DEPTH 16
/* Sections of any kind and partials inside one another: the shipped
   templates nest at most 7 deep.  Bounds the recursion (an inverted
   section pushes no context, so TMPL_MAX_DEPTH does not hold it). */
#define TMPL_MAX_NEST 32

struct tctx {
  json_t *stack[TMPL_MAX_DEPTH];
  int top;                /* index of the innermost context */
  int partial_depth;
  int nest;               /* render calls inside the outermost one */
};

static json_t *
lookup (struct tctx *t, const char *name, size_t len)
{
  if (len == 1 && name[0] == '.')
    return t->stack[t->top];
  const char *dot = memchr (name, '.', len);
  size_t first = dot ? (size_t) (dot - name) : len;
  char key[128];
  if (first >= sizeof key)
    return NULL;
  memcpy (key, name, first);
  key[first] = '\0';
  json_t *v = NULL;
  for (int i = t->top; i >= 0 && NULL == v; i--)
    v = json_object_get (t->stack[i], key);
  while (v && dot)
  {
    const char *seg = dot + 1;
    dot = memchr (seg, '.', len - (size_t) (seg - name));
    size_t sl = dot ? (size_t) (dot - seg) : len - (size_t) (seg - name);
    if (sl >= sizeof key)
      return NULL;
    memcpy (key, seg, sl);
    key[sl] = '\0';
    if (json_is_array (v))
    {
      char *end;
      unsigned long idx = strtoul (key, &end, 10);
      v = (*key && ! *end) ? json_array_get (v, idx) : NULL;
    }
    else
      v = json_object_get (v, key);
  }
  return v;
}

static bool
truthy (json_t *v)
{
  if (NULL == v)
    return false;
  switch (json_typeof (v))
  {
  case JSON_OBJECT: return true;
  case JSON_ARRAY: return json_array_size (v) > 0;
  case JSON_STRING: return json_string_length (v) > 0;
  case JSON_INTEGER: return json_integer_value (v) != 0;
  case JSON_REAL: return json_real_value (v) != 0;
  case JSON_TRUE: return true;
  default: return false;
  }
}

static void
emit (struct buf *out, json_t *v, bool raw)
{
  char num[64];
  const char *s = NULL;

  if (json_is_string (v))
    s = json_string_value (v);
  else if (json_is_integer (v))
  {
    snprintf (num, sizeof num, "%lld", (long long) json_integer_value (v));
    s = num;
  }
  else if (json_is_real (v))
  {
    snprintf (num, sizeof num, "%.2f", json_real_value (v));
    s = num;
  }
  if (NULL == s)
    return;
  if (raw)
    buf_puts (out, s);
  else
    buf_html_escape (out, s);
}

/* Filters, written {{name|filter}}: the data stays machine-readable (the
   same objects feed the JSON API) and the page shows what a person reads.
   "waktu": 2026-11-21T20:10:10+07:00 -> 21 November 2026 20.10 WIB;
   "tanggal" (and "waktu" given only a date): 2026-11-21 -> 21 November
   2026.  Anything that does not parse
   is shown as it is. */
static void
emit_filtered (struct buf *out, json_t *v, const char *f, size_t fl)
{
  static const char *const months[] = {
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
    "Agustus", "September", "Oktober", "November", "Desember"
  };
  const char *s = json_string_value (v);
  int y, mo, d, h, mi, sec, oh, om, n = 0;
  char sign;
  char txt[80];
  bool waktu = fl == 5 && 0 == memcmp (f, "waktu", 5);
  bool tanggal = fl == 7 && 0 == memcmp (f, "tanggal", 7);
  if (s && waktu
      && 9 == sscanf (s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d%n", &y, &mo, &d,
                      &h, &mi, &sec, &sign, &oh, &om, &n)
      && (size_t) n == strlen (s) && mo >= 1 && mo <= 12
      && (sign == '+' || sign == '-'))
  {
    const char *zone = NULL;
    char other[16];
    if (sign == '+' && om == 0 && oh >= 7 && oh <= 9)
      zone = (const char *const[]) { "WIB", "WITA", "WIT" }[oh - 7];
    else
    {
      snprintf (other, sizeof other, "UTC%c%02d:%02d", sign, oh, om);
      zone = other;
    }
    snprintf (txt, sizeof txt, "%d %s %d %02d.%02d %s", d, months[mo - 1], y,
              h, mi, zone);
    buf_html_escape (out, txt);
    return;
  }
  if (s && (tanggal || waktu) && 3 == sscanf (s, "%4d-%2d-%2d%n", &y, &mo, &d, &n)
      && (size_t) n == strlen (s) && mo >= 1 && mo <= 12)
  {
    snprintf (txt, sizeof txt, "%d %s %d", d, months[mo - 1], y);
    buf_html_escape (out, txt);
    return;
  }
  emit (out, v, false);
}

static void
trim (const char **s, size_t *len)
{
  while (*len > 0 && (**s == ' ' || **s == '\t'))
    (*s)++, (*len)--;
  while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

/* Find the {{/name}} closing the section that starts at BODY; nested
   sections of the same name are skipped.  Returns the offset of "{{/" and
   sets *AFTER to just past its "}}", or -1. */
static long
find_close (const char *body, size_t len, const char *name, size_t nlen,
            size_t *after)
{
  int depth = 0;
  size_t i = 0;
  while (i + 4 < len)
  {
    const char *o = memmem (body + i, len - i, "{{", 2);
    if (NULL == o)
      return -1;
    size_t at = (size_t) (o - body);
    const char *c = memmem (o, len - at, "}}", 2);
    if (NULL == c)
      return -1;
    const char *tag = o + 2;
    size_t tl = (size_t) (c - tag);
    char kind = tl ? tag[0] : 0;
    if (kind == '#' || kind == '^' || kind == '/')
    {
      const char *n = tag + 1;
      size_t nl = tl - 1;
      trim (&n, &nl);
      if (nl == nlen && 0 == memcmp (n, name, nlen))
      {
        if (kind == '/')
        {
          if (0 == depth)
          {
            *after = (size_t) (c - body) + 2;
            return (long) at;
          }
          depth--;
        }
        else
          depth++;
      }
    }
    i = (size_t) (c - body) + 2;
  }
  return -1;
}

static bool render (struct tctx *t, const char *s, size_t len,
                    struct buf *out);

/* Render a section body or a partial one level further in. */
static bool
render_in (struct tctx *t, const char *s, size_t len, struct buf *out)
{
  if (t->nest >= TMPL_MAX_NEST)
  {
    LOG_E ("template: sections nested too deep");
    return false;
  }
  t->nest++;
  bool ok = render (t, s, len, out);
  t->nest--;
  return ok;
}

static bool
render_partial (struct tctx *t, const char *name, size_t nlen,
                struct buf *out)
{
  char fname[96];
  if (nlen + 6 > sizeof fname || t->partial_depth >= 8)
    return false;
  snprintf (fname, sizeof fname, "%.*s.html", (int) nlen, name);
  const struct embed_file *f = embed_find (embed_templates, fname);
  if (NULL == f)
  {
    LOG_E ("template %s not found", fname);
    return false;
  }
  t->partial_depth++;
  bool ok = render_in (t, f->data, f->len, out);
  t->partial_depth--;
  return ok;
}

static bool
render (struct tctx *t, const char *s, size_t len, struct buf *out)
{
  size_t i = 0;
  while (i < len)
  {
    const char *o = memmem (s + i, len - i, "{{", 2);
    if (NULL == o)
    {
      buf_append (out, s + i, len - i);
      return true;
    }
    buf_append (out, s + i, (size_t) (o - (s + i)));
    size_t at = (size_t) (o - s);
    bool triple = at + 2 < len && o[2] == '{';
    const char *tag = o + (triple ? 3 : 2);
    const char *close = memmem (tag, len - (size_t) (tag - s),
                                triple ? "}}}" : "}}", triple ? 3 : 2);
    if (NULL == close)
    {
      LOG_E ("template: unclosed tag");
      return false;
    }
    size_t tl = (size_t) (close - tag);
    i = (size_t) (close - s) + (triple ? 3 : 2);
    const char *name = tag;
    size_t nl = tl;
    trim (&name, &nl);
    if (triple)
    {
      emit (out, lookup (t, name, nl), true);
      continue;
    }
    char kind = nl ? name[0] : 0;
    if (kind == '!')
      continue;
    if (kind == '>' || kind == '#' || kind == '^' || kind == '/')
    {
      name++;
      nl--;
      trim (&name, &nl);
    }
    if (kind == '>')
    {
      if (! render_partial (t, name, nl, out))
        return false;
      continue;
    }
    if (kind == '/')
    {
      LOG_E ("template: stray close tag %.*s", (int) nl, name);
      return false;
    }
    if (kind != '#' && kind != '^')
    {
      const char *bar = memchr (name, '|', nl);
      if (bar)
      {
        size_t vl = (size_t) (bar - name), fl = nl - vl - 1;
        const char *f = bar + 1;
        trim (&name, &vl);
        trim (&f, &fl);
        emit_filtered (out, lookup (t, name, vl), f, fl);
      }
      else
        emit (out, lookup (t, name, nl), false);
      continue;
    }
    size_t after;
    long end = find_close (s + i, len - i, name, nl, &after);
    if (end < 0)
    {
      LOG_E ("template: section %.*s not closed", (int) nl, name);
      return false;
    }
    const char *body = s + i;
    size_t blen = (size_t) end;
    json_t *v = lookup (t, name, nl);
    i += after;
    if (kind == '^')
    {
      if (! truthy (v) && ! render_in (t, body, blen, out))
        return false;
      continue;
    }
    if (! truthy (v))
      continue;
    if (t->top + 1 >= TMPL_MAX_DEPTH)
    {
      LOG_E ("template: sections nested too deep");
      return false;
    }
    if (json_is_array (v))
    {
      size_t k;
      json_t *e;
      json_array_foreach (v, k, e)
      {
        t->stack[++t->top] = e;
        bool ok = render_in (t, body, blen, out);
        t->top--;
        if (! ok)
          return false;
      }
    }
    else
    {
      json_t *push = json_is_object (v) ? v : t->stack[t->top];
      t->stack[++t->top] = push;
      bool ok = render_in (t, body, blen, out);
      t->top--;
      if (! ok)
        return false;
    }
  }
  return true;
}

bool
tmpl_render_text (const char *text, size_t len, json_t *ctx, struct buf *out)
{
  struct tctx t = { .top = 0 };
  t.stack[0] = ctx;
  return render (&t, text, len, out) && ! out->oom;
}

bool
tmpl_render (const char *name, json_t *ctx, struct buf *out)
{
  const struct embed_file *f = embed_find (embed_templates, name);
  if (NULL == f)
  {
    LOG_E ("template %s not found", name);
    return false;
  }
  return tmpl_render_text (f->data, f->len, ctx, out);
}
