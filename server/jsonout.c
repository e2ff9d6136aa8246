/* See jsonout.h. */
#include "jsonout.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSONOUT_MAX_DEPTH 2048

/* Append N bytes: the common case (room enough) without a call. */
static inline void
put (struct buf *b, const char *s, size_t n)
{
  if (b->p && b->len + n < b->cap)
  {
    memcpy (b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
  }
  else
    buf_append (b, s, n);
}

static inline void
put1 (struct buf *b, char c)
{
  if (b->p && b->len + 1 < b->cap)
  {
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
  }
  else
    buf_append (b, &c, 1);
}

/* As Jansson's utf8_iterate: the length of the UTF-8 sequence at S (at
   most N bytes) and its code point in *CP; 0 when it is not valid UTF-8
   (a stray or overlong sequence, a surrogate, beyond U+10FFFF). */
static size_t
utf8_next (const unsigned char *s, size_t n, int32_t *cp)
{
  unsigned char u = s[0];
  size_t size;
  int32_t v;
  if (u < 0x80)
  {
    *cp = u;
    return 1;
  }
  if (u < 0xC2)
    return 0;
  if (u <= 0xDF)
  {
    size = 2;
    v = u & 0x1F;
  }
  else if (u <= 0xEF)
  {
    size = 3;
    v = u & 0xF;
  }
  else if (u <= 0xF4)
  {
    size = 4;
    v = u & 0x7;
  }
  else
    return 0;
  if (size > n)
    return 0;
  for (size_t i = 1; i < size; i++)
  {
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
    v = (v << 6) + (s[i] & 0x3F);
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)
      || (size == 2 && v < 0x80) || (size == 3 && v < 0x800)
      || (size == 4 && v < 0x10000))
    return 0;
  *cp = v;
  return size;
}

static const char hex[] = "0123456789ABCDEF";

static void
put_u (struct buf *b, unsigned int u)
{
  char e[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15],
                hex[(u >> 4) & 15], hex[u & 15] };
  put (b, e, 6);
}

/* A string as Jansson writes it; ASCII: JSON_ENSURE_ASCII (and then the
   text must be valid UTF-8, as Jansson checks: false when it is not). */
static bool
string (struct buf *b, const char *s, size_t n, bool ascii)
{
  const unsigned char *u = (const unsigned char *) s;
  put1 (b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++)
  {
    unsigned char c = u[i];
    if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || ! ascii))
      continue;
    put (b, s + run, i - run);
    if (c >= 0x80)
    {
      int32_t cp;
      size_t len = utf8_next (u + i, n - i, &cp);
      if (0 == len)
        return false;
      if (cp < 0x10000)
        put_u (b, (unsigned int) cp);
      else
      {
        cp -= 0x10000;
        put_u (b, 0xD800 | (unsigned int) ((cp & 0xffc00) >> 10));
        put_u (b, 0xDC00 | (unsigned int) (cp & 0x3ff));
      }
      i += len - 1;
      run = i + 1;
      continue;
    }
    run = i + 1;
    char e[2] = { '\\', 0 };
    switch (c)
    {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default:
      put_u (b, c);
      continue;
    }
    put (b, e, 2);
  }
  put (b, s + run, n - run);
  put1 (b, '"');
  return true;
}

/* As Jansson's jsonp_dtostr: "%.*g", then ".0" when it would read back as
   an integer, and no '+' or leading zeros in the exponent. */
static bool
real (struct buf *b, double d, int precision)
{
  char t[64];
  if (! isfinite (d))
    return false;
  int n = snprintf (t, sizeof t - 3, "%.*g", precision ? precision : 17, d);
  if (n < 0 || (size_t) n >= sizeof t - 3)
    return false;
  size_t len = (size_t) n;
  if (NULL == strchr (t, '.') && NULL == strchr (t, 'e'))
  {
    memcpy (t + len, ".0", 3);
    len += 2;
  }
  char *start = strchr (t, 'e');
  if (start)
  {
    start++;
    char *end = start + 1;
    if ('-' == *start)
      start++;
    while ('0' == *end)
      end++;
    if (end != start)
    {
      memmove (start, end, len - (size_t) (end - t) + 1);
      len -= (size_t) (end - start);
    }
  }
  put (b, t, len);
  return true;
}

/* An integer as "%" JSON_INTEGER_FORMAT writes it. */
static void
integer (struct buf *b, json_int_t v)
{
  char t[24];
  char *e = t + sizeof t, *p = e;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long) v
                               : (unsigned long long) v;
  do
  {
    *--p = (char) ('0' + u % 10);
    u /= 10;
  }
  while (u);
  if (v < 0)
    *--p = '-';
  put (b, p, (size_t) (e - p));
}

/* The state of one canonical write: a stack of object members being
   written (each object's members sorted in place on it), and per depth
   the key order of the last object seen there (a register has 100,000
   objects of the same keys: their order is found once). */
struct member {
  const char *key;
  size_t len;
  json_t *value;
};

#define SHAPE_DEPTHS 16
#define SHAPE_KEYS 64

struct shape {
  size_t n;
  const char *key[SHAPE_KEYS];      /* in insertion order, in the model */
  size_t len[SHAPE_KEYS];
  unsigned char perm[SHAPE_KEYS];   /* sorted position -> insertion index */
};

struct canon {
  struct buf *b;
  int precision;
  bool ascii, sorted;
  struct member *m;
  size_t n, cap;
  struct shape *shapes;             /* SHAPE_DEPTHS, or NULL */
  struct member t[SHAPE_KEYS];      /* scratch of a reorder */
  const struct jsonout_rows *rows;  /* virtual arrays, or NULL */
  size_t n_rows;
};

/* Jansson's compare_keys: the bytes, then the shorter first. */
static int
key_cmp (const struct member *a, const struct member *b)
{
  size_t min = a->len < b->len ? a->len : b->len;
  int r = memcmp (a->key, b->key, min);
  if (r)
    return r;
  return a->len < b->len ? -1 : a->len > b->len;
}

static int
key_cmp_q (const void *a, const void *b)
{
  return key_cmp (a, b);
}

static void
sort_members (struct member *m, size_t n)
{
  if (n > 24)
  {
    qsort (m, n, sizeof *m, &key_cmp_q);
    return;
  }
  for (size_t i = 1; i < n; i++)
  {
    struct member t = m[i];
    size_t j = i;
    while (j > 0 && key_cmp (&m[j - 1], &t) > 0)
    {
      m[j] = m[j - 1];
      j--;
    }
    m[j] = t;
  }
}

static bool cvalue (struct canon *c, const json_t *v, int depth);

static bool
cobject (struct canon *c, const json_t *v, int depth)
{
  size_t n = json_object_size (v);
  const char *k;
  size_t kl, i = 0;
  json_t *x;
  if (0 == n)
  {
    put (c->b, "{}", 2);
    return true;
  }
  if (! c->sorted)
  {
    put1 (c->b, '{');
    json_object_keylen_foreach ((json_t *) v, k, kl, x)
    {
      if (i++)
        put1 (c->b, ',');
      if (! string (c->b, k, kl, c->ascii))
        return false;
      put1 (c->b, ':');
      if (! cvalue (c, x, depth + 1))
        return false;
    }
    put1 (c->b, '}');
    return true;
  }
  if (c->n + n > c->cap)
  {
    size_t cap = c->cap ? c->cap : 256;
    while (cap < c->n + n)
      cap *= 2;
    struct member *p = realloc (c->m, cap * sizeof *p);
    if (NULL == p)
      return false;
    c->m = p;
    c->cap = cap;
  }
  size_t base = c->n;
  struct member *m = c->m + base;
  json_object_keylen_foreach ((json_t *) v, k, kl, x)
  {
    if (i == n)
      return false;
    m[i].key = k;
    m[i].len = kl;
    m[i].value = x;
    i++;
  }
  if (i != n)
    return false;
  c->n += n;
  struct shape *s = depth < SHAPE_DEPTHS && n <= SHAPE_KEYS
                    ? &c->shapes[depth] : NULL;
  if (s)
  {
    struct member *t = c->t;
    bool hit = s->n == n;
    for (i = 0; hit && i < n; i++)
      hit = s->len[i] == m[i].len
            && (s->key[i] == m[i].key
                || 0 == memcmp (s->key[i], m[i].key, m[i].len));
    memcpy (t, m, n * sizeof *m);
    if (! hit)
    {
      /* Sort the insertion indexes by key, and remember the order for
         the next object of the same keys. */
      for (i = 0; i < n; i++)
      {
        s->key[i] = m[i].key;
        s->len[i] = m[i].len;
        m[i].value = (json_t *) (uintptr_t) i;
      }
      s->n = n;
      sort_members (m, n);
      for (i = 0; i < n; i++)
        s->perm[i] = (unsigned char) (uintptr_t) m[i].value;
    }
    for (i = 0; i < n; i++)
      m[i] = t[s->perm[i]];
  }
  else
    sort_members (m, n);
  put1 (c->b, '{');
  for (i = 0; i < n; i++)
  {
    /* C->m may move while a member is written: index it afresh. */
    struct member e = c->m[base + i];
    if (i)
      put1 (c->b, ',');
    if (! string (c->b, e.key, e.len, c->ascii))
      return false;
    put1 (c->b, ':');
    if (! cvalue (c, e.value, depth + 1))
      return false;
  }
  put1 (c->b, '}');
  c->n = base;
  return true;
}

static bool
cvalue (struct canon *c, const json_t *v, int depth)
{
  struct buf *b = c->b;
  if (depth >= JSONOUT_MAX_DEPTH
      && (json_is_object (v) || json_is_array (v)))
    return false;
  switch (json_typeof (v))
  {
  case JSON_OBJECT:
    return cobject (c, v, depth);
  case JSON_ARRAY:
    {
      for (size_t k = 0; k < c->n_rows; k++)
        if (c->rows[k].at == v)
        {
          const struct jsonout_rows *vr = &c->rows[k];
          put1 (b, '[');
          for (size_t i = 0; i < vr->n; i++)
          {
            const json_t *e = vr->get (vr->cls, i);
            if (i)
              put1 (b, ',');
            if (NULL == e || ! cvalue (c, e, depth + 1))
              return false;
          }
          put1 (b, ']');
          return true;
        }
      size_t n = json_array_size (v);
      put1 (b, '[');
      for (size_t i = 0; i < n; i++)
      {
        if (i)
          put1 (b, ',');
        if (! cvalue (c, json_array_get (v, i), depth + 1))
          return false;
      }
      put1 (b, ']');
      return true;
    }
  case JSON_STRING:
    return string (b, json_string_value (v), json_string_length (v),
                   c->ascii);
  case JSON_INTEGER:
    integer (b, json_integer_value (v));
    return true;
  case JSON_REAL:
    return real (b, json_real_value (v), c->precision);
  case JSON_TRUE:
    put (b, "true", 4);
    return true;
  case JSON_FALSE:
    put (b, "false", 5);
    return true;
  case JSON_NULL:
    put (b, "null", 4);
    return true;
  }
  return false;
}

static bool
write_json (struct buf *b, const json_t *v, int precision, bool sorted,
            bool ascii, const struct jsonout_rows *rows, size_t n_rows)
{
  if (NULL == v)
    return false;
  struct canon c0 = { .b = b, .precision = precision, .ascii = ascii,
                      .sorted = sorted, .rows = rows, .n_rows = n_rows },
               *c = &c0;
  if (sorted)
  {
    /* The shape cache and scratch are large: on the heap. */
    c = malloc (sizeof *c);
    if (NULL == c)
      return false;
    *c = c0;
    c->shapes = calloc (SHAPE_DEPTHS, sizeof *c->shapes);
    if (NULL == c->shapes)
    {
      free (c);
      return false;
    }
  }
  bool ok = cvalue (c, v, 0);
  free (c->m);
  free (c->shapes);
  if (c != &c0)
    free (c);
  return ok && ! b->oom;
}

bool
jsonout_append (struct buf *b, const json_t *v, int precision)
{
  return write_json (b, v, precision, false, false, NULL, 0);
}

char *
jsonout_dumps (const json_t *v, int precision)
{
  struct buf b = { 0 };
  if (! jsonout_append (&b, v, precision))
  {
    buf_free (&b);
    return NULL;
  }
  return buf_steal (&b, NULL);
}

bool
jsonout_append_sorted (struct buf *b, const json_t *v, int precision,
                       bool ensure_ascii)
{
  return write_json (b, v, precision, true, ensure_ascii, NULL, 0);
}

bool
jsonout_append_sorted_rows (struct buf *b, const json_t *v, int precision,
                            bool ensure_ascii,
                            const struct jsonout_rows *rows, size_t n_rows)
{
  return write_json (b, v, precision, true, ensure_ascii, rows, n_rows);
}

char *
jsonout_dumps_sorted (const json_t *v, int precision, bool ensure_ascii)
{
  struct buf b = { 0 };
  if (! jsonout_append_sorted (&b, v, precision, ensure_ascii))
  {
    buf_free (&b);
    return NULL;
  }
  return buf_steal (&b, NULL);
}
