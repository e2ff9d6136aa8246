/*
 * Growable byte buffer.  Allocation failure is sticky (oom) instead of
 * fatal so that a handler can answer 500 rather than abort the process.
 */
#include "buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The doubling capacity that holds LEN + EXTRA + 1 bytes; 0 on
   overflow. */
static size_t
grown_cap (size_t cap, size_t len, size_t extra)
{
  if (len + extra + 1 <= cap)
    return cap;
  if (extra > ((size_t) -1) / 4)
    return 0;
  cap = cap ? cap : 256;
  while (cap < len + extra + 1)
  {
    if (cap > ((size_t) -1) / 2)
      return 0;
    cap *= 2;
  }
  return cap;
}

size_t
buf_cap_for (const struct buf *b, size_t len)
{
  return grown_cap (b->cap, b->sink ? 0 : b->len, len);
}

static bool
buf_reserve (struct buf *b, size_t extra)
{
  if (b->oom)
    return false;
  if (b->len + extra + 1 <= b->cap)
    return true;
  if (b->sink && b->len > 0)
  {
    if (! buf_flush (b))
      return false;
    if (extra + 1 <= b->cap)
      return true;
  }
  size_t cap = grown_cap (b->cap, b->len, extra);
  if (0 == cap)
  {
    b->oom = true;
    return false;
  }
  char *p = realloc (b->p, cap);
  if (NULL == p)
  {
    b->oom = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

bool
buf_flush (struct buf *b)
{
  if (b->oom || NULL == b->sink)
    return false;
  if (b->len && ! b->sink (b->sink_cls, b->p, b->len))
  {
    b->oom = true;
    return false;
  }
  b->len = 0;
  if (b->p)
    b->p[0] = '\0';
  return true;
}

void
buf_append (struct buf *b, const void *data, size_t len)
{
  if (! buf_reserve (b, len))
    return;
  if (len > 0)
    memcpy (b->p + b->len, data, len);
  b->len += len;
  b->p[b->len] = '\0';
}

void
buf_puts (struct buf *b, const char *s)
{
  buf_append (b, s, strlen (s));
}

void
buf_printf (struct buf *b, const char *fmt, ...)
{
  va_list ap;
  char small[256];

  va_start (ap, fmt);
  int n = vsnprintf (small, sizeof small, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  if ((size_t) n < sizeof small)
  {
    buf_append (b, small, (size_t) n);
    return;
  }
  if (! buf_reserve (b, (size_t) n))
    return;
  va_start (ap, fmt);
  vsnprintf (b->p + b->len, (size_t) n + 1, fmt, ap);
  va_end (ap);
  b->len += (size_t) n;
}

void
buf_html_escape (struct buf *b, const char *s)
{
  const char *run = s;

  for (; *s; s++)
  {
    const char *rep;
    switch (*s)
    {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    case '/': rep = "&#47;"; break;
    default: continue;
    }
    buf_append (b, run, (size_t) (s - run));
    buf_puts (b, rep);
    run = s + 1;
  }
  buf_append (b, run, (size_t) (s - run));
}

char *
buf_steal (struct buf *b, size_t *len)
{
  char *p = b->p;
  if (NULL == p)
    p = calloc (1, 1);
  if (len)
    *len = b->len;
  b->p = NULL;
  b->len = b->cap = 0;
  return p;
}

void
buf_free (struct buf *b)
{
  free (b->p);
  b->p = NULL;
  b->len = b->cap = 0;
  b->oom = false;
}
