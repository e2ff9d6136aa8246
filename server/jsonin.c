/* See jsonin.h. */
#include "jsonin.h"
#include "utf8.h"
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jp {
  const unsigned char *p;
  const unsigned char *start;
  const unsigned char *end;
  int depth;
  char *err;
  bool failed;
  char *sb;          /* scratch: strings with escapes or UTF-8, numbers */
  size_t sb_len;
  size_t sb_cap;
};

/* Record the first error (with its byte offset); NULL for the caller. */
static void *
fail (struct jp *j, const char *why)
{
  if (! j->failed)
  {
    snprintf (j->err, 80, "%s at byte %zu", why, (size_t) (j->p - j->start));
    j->failed = true;
  }
  return NULL;
}

static void
skip_ws (struct jp *j)
{
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r'
                           || *j->p == '\t'))
    j->p++;
}

static bool
sb_put (struct jp *j, const void *s, size_t n)
{
  if (0 == n)
    return true;
  if (n > j->sb_cap - j->sb_len)
  {
    size_t cap = j->sb_cap ? j->sb_cap : 256;
    while (cap - j->sb_len < n)
    {
      if (cap > SIZE_MAX / 2)
        return false;
      cap *= 2;
    }
    char *nb = realloc (j->sb, cap);
    if (NULL == nb)
      return false;
    j->sb = nb;
    j->sb_cap = cap;
  }
  memcpy (j->sb + j->sb_len, s, n);
  j->sb_len += n;
  return true;
}

static bool
hex4 (struct jp *j, uint32_t *out)
{
  uint32_t v = 0;
  if (j->end - j->p < 4)
    return false;
  for (int i = 0; i < 4; i++)
  {
    unsigned int c = j->p[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return false;
  }
  j->p += 4;
  *out = v;
  return true;
}

static bool
put_cp (struct jp *j, uint32_t cp)
{
  unsigned char u[4];
  size_t n;
  if (cp < 0x80)
  {
    u[0] = (unsigned char) cp;
    n = 1;
  }
  else if (cp < 0x800)
  {
    u[0] = (unsigned char) (0xC0 | (cp >> 6));
    u[1] = (unsigned char) (0x80 | (cp & 0x3F));
    n = 2;
  }
  else if (cp < 0x10000)
  {
    u[0] = (unsigned char) (0xE0 | (cp >> 12));
    u[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char) (0x80 | (cp & 0x3F));
    n = 3;
  }
  else
  {
    u[0] = (unsigned char) (0xF0 | (cp >> 18));
    u[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char) (0x80 | (cp & 0x3F));
    n = 4;
  }
  return sb_put (j, u, n);
}

/* The escape after a backslash (J->p is past the backslash). */
static bool
escape (struct jp *j)
{
  if (j->p >= j->end)
    return fail (j, "unterminated string"), false;
  unsigned char e = *j->p++;
  char c;
  switch (e)
  {
  case '"': case '\\': case '/':
    c = (char) e;
    break;
  case 'b':
    c = '\b';
    break;
  case 'f':
    c = '\f';
    break;
  case 'n':
    c = '\n';
    break;
  case 'r':
    c = '\r';
    break;
  case 't':
    c = '\t';
    break;
  case 'u':
    {
      uint32_t cp, lo;
      if (! hex4 (j, &cp))
        return fail (j, "invalid \\u escape"), false;
      if (cp >= 0xD800 && cp <= 0xDBFF)
      {
        if (j->end - j->p < 2 || '\\' != j->p[0] || 'u' != j->p[1])
          return fail (j, "lone Unicode surrogate"), false;
        j->p += 2;
        if (! hex4 (j, &lo) || lo < 0xDC00 || lo > 0xDFFF)
          return fail (j, "lone Unicode surrogate"), false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      else if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail (j, "lone Unicode surrogate"), false;
      else if (0 == cp)
        return fail (j, "\\u0000 is not allowed"), false;
      if (! put_cp (j, cp))
        return fail (j, "out of memory"), false;
      return true;
    }
  default:
    j->p--;
    return fail (j, "invalid escape"), false;
  }
  if (! sb_put (j, &c, 1))
    return fail (j, "out of memory"), false;
  return true;
}

/* A string whose opening quote J->p has just passed.  *OUT points into the
   input when it needed no decoding (the common case: no copy), else into
   the scratch buffer (*SCRATCH set), valid until the next string. */
static bool
string (struct jp *j, const char **out, size_t *len, bool *scratch)
{
  const unsigned char *s = j->p;
  while (j->p < j->end)
  {
    unsigned int c = *j->p;
    if ('"' == c)
    {
      *out = (const char *) s;
      *len = (size_t) (j->p - s);
      *scratch = false;
      j->p++;
      return true;
    }
    if ('\\' == c || c < 0x20 || c >= 0x80)
      break;
    j->p++;
  }
  j->sb_len = 0;
  if (! sb_put (j, s, (size_t) (j->p - s)))
    return fail (j, "out of memory"), false;
  while (j->p < j->end)
  {
    unsigned int c = *j->p;
    if ('"' == c)
    {
      j->p++;
      *out = j->sb ? j->sb : "";
      *len = j->sb_len;
      *scratch = true;
      return true;
    }
    if (c < 0x20)
      return fail (j, "control character in a string"), false;
    if ('\\' == c)
    {
      j->p++;
      if (! escape (j))
        return false;
      continue;
    }
    const unsigned char *run = j->p;
    if (c >= 0x80)
    {
      size_t n = utf8_seq_len (j->p, j->end);
      if (0 == n)
        return fail (j, "invalid UTF-8"), false;
      j->p += n;
    }
    else
      while (j->p < j->end && *j->p >= 0x20 && *j->p < 0x80 && '"' != *j->p
             && '\\' != *j->p)
        j->p++;
    if (! sb_put (j, run, (size_t) (j->p - run)))
      return fail (j, "out of memory"), false;
  }
  return fail (j, "unterminated string"), false;
}

static bool
is_digit (const struct jp *j)
{
  return j->p < j->end && *j->p >= '0' && *j->p <= '9';
}

static json_t *
number (struct jp *j)
{
  const unsigned char *s = j->p;
  bool real = false;
  if ('-' == *j->p)
    j->p++;
  if (! is_digit (j))
    return fail (j, "invalid number");
  if ('0' == *j->p)
  {
    j->p++;
    if (is_digit (j))
      return fail (j, "invalid number (leading zero)");
  }
  else
    while (is_digit (j))
      j->p++;
  if (j->p < j->end && '.' == *j->p)
  {
    real = true;
    j->p++;
    if (! is_digit (j))
      return fail (j, "invalid number");
    while (is_digit (j))
      j->p++;
  }
  if (j->p < j->end && ('e' == *j->p || 'E' == *j->p))
  {
    real = true;
    j->p++;
    if (j->p < j->end && ('+' == *j->p || '-' == *j->p))
      j->p++;
    if (! is_digit (j))
      return fail (j, "invalid number");
    while (is_digit (j))
      j->p++;
  }
  j->sb_len = 0;
  if (! sb_put (j, s, (size_t) (j->p - s)) || ! sb_put (j, "", 1))
    return fail (j, "out of memory");
  json_t *v;
  errno = 0;
  if (real)
  {
    double d = strtod (j->sb, NULL);
    if (ERANGE == errno && (d == HUGE_VAL || d == -HUGE_VAL))
      return fail (j, "real number overflow");
    v = json_real (d);
  }
  else
  {
    long long n = strtoll (j->sb, NULL, 10);
    if (ERANGE == errno)
      return fail (j, "integer out of range");
    v = json_integer (n);
  }
  return v ? v : fail (j, "out of memory");
}

static json_t *value (struct jp *j);

static json_t *
literal (struct jp *j, const char *word, json_t *v)
{
  size_t n = strlen (word);
  if ((size_t) (j->end - j->p) < n || 0 != memcmp (j->p, word, n))
    return fail (j, "invalid token");
  j->p += n;
  return v;
}

static json_t *
array (struct jp *j)
{
  json_t *a = json_array ();
  if (NULL == a)
    return fail (j, "out of memory");
  j->p++;
  skip_ws (j);
  if (j->p < j->end && ']' == *j->p)
  {
    j->p++;
    return a;
  }
  for (;;)
  {
    json_t *v = value (j);
    if (NULL == v || 0 != json_array_append_new (a, v))
      goto bad;
    skip_ws (j);
    if (j->p < j->end && ',' == *j->p)
    {
      j->p++;
      skip_ws (j);
      continue;
    }
    if (j->p < j->end && ']' == *j->p)
    {
      j->p++;
      return a;
    }
    fail (j, "',' or ']' expected");
    goto bad;
  }
bad:
  fail (j, "out of memory");
  json_decref (a);
  return NULL;
}

static json_t *
object (struct jp *j)
{
  json_t *o = json_object ();
  if (NULL == o)
    return fail (j, "out of memory");
  j->p++;
  skip_ws (j);
  if (j->p < j->end && '}' == *j->p)
  {
    j->p++;
    return o;
  }
  for (;;)
  {
    const char *k;
    size_t kn;
    bool scratch;
    char *copy = NULL;
    if (j->p >= j->end || '"' != *j->p)
    {
      fail (j, "string or '}' expected");
      goto bad;
    }
    j->p++;
    if (! string (j, &k, &kn, &scratch))
      goto bad;
    if (json_object_getn (o, k, kn))
    {
      fail (j, "duplicate object key");
      goto bad;
    }
    /* The value may reuse the scratch buffer: keep a decoded key aside. */
    if (scratch)
    {
      copy = malloc (kn ? kn : 1);
      if (NULL == copy)
        goto bad;
      memcpy (copy, k, kn);
      k = copy;
    }
    skip_ws (j);
    if (j->p >= j->end || ':' != *j->p)
    {
      free (copy);
      fail (j, "':' expected");
      goto bad;
    }
    j->p++;
    skip_ws (j);
    json_t *v = value (j);
    int rc = v ? json_object_setn_new_nocheck (o, k, kn, v) : -1;
    free (copy);
    if (0 != rc)
      goto bad;
    skip_ws (j);
    if (j->p < j->end && ',' == *j->p)
    {
      j->p++;
      skip_ws (j);
      continue;
    }
    if (j->p < j->end && '}' == *j->p)
    {
      j->p++;
      return o;
    }
    fail (j, "',' or '}' expected");
    goto bad;
  }
bad:
  fail (j, "out of memory");
  json_decref (o);
  return NULL;
}

static json_t *
value (struct jp *j)
{
  if (j->p >= j->end)
    return fail (j, "unexpected end of input");
  /* Jansson counts every value, scalars too, against the limit. */
  if (j->depth >= JSONIN_MAX_DEPTH)
    return fail (j, "nested too deeply");
  switch (*j->p)
  {
  case '{':
  case '[':
    {
      j->depth++;
      json_t *v = '{' == *j->p ? object (j) : array (j);
      j->depth--;
      return v;
    }
  case '"':
    {
      const char *s;
      size_t n;
      bool scratch;
      j->p++;
      if (! string (j, &s, &n, &scratch))
        return NULL;
      json_t *v = json_stringn_nocheck (s, n);
      return v ? v : fail (j, "out of memory");
    }
  case 't':
    return literal (j, "true", json_true ());
  case 'f':
    return literal (j, "false", json_false ());
  case 'n':
    return literal (j, "null", json_null ());
  case '-': case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9':
    return number (j);
  default:
    return fail (j, "invalid token");
  }
}

json_t *
jsonin_parse (const char *buf, size_t len, char err[80])
{
  struct jp j = {
    .p = (const unsigned char *) (buf ? buf : ""),
    .err = err,
  };
  j.start = j.p;
  j.end = j.p + (buf ? len : 0);
  err[0] = '\0';
  skip_ws (&j);
  json_t *v = NULL;
  if (j.p < j.end && ('{' == *j.p || '[' == *j.p))
    v = value (&j);
  else
    fail (&j, "'{' or '[' expected");
  if (v)
  {
    skip_ws (&j);
    if (j.p != j.end)
    {
      json_decref (v);
      v = fail (&j, "end of input expected");
    }
  }
  free (j.sb);
  return v;
}
