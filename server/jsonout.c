/* See jsonout.h. */
#include "jsonout.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSONOUT_MAX_DEPTH 2048

static void
string (struct buf *b, const char *s, size_t n)
{
  static const char hex[] = "0123456789ABCDEF";
  buf_append (b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++)
  {
    unsigned char c = (unsigned char) s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    buf_append (b, s + run, i - run);
    run = i + 1;
    char e[6] = { '\\', 0 };
    size_t el = 2;
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
      e[1] = 'u';
      e[2] = '0';
      e[3] = '0';
      e[4] = hex[c >> 4];
      e[5] = hex[c & 15];
      el = 6;
    }
    buf_append (b, e, el);
  }
  buf_append (b, s + run, n - run);
  buf_append (b, "\"", 1);
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
  buf_append (b, t, len);
  return true;
}

static bool
value (struct buf *b, const json_t *v, int precision, int depth)
{
  char t[32];
  switch (json_typeof (v))
  {
  case JSON_OBJECT:
    {
      const char *k;
      size_t kl;
      json_t *x;
      bool first = true;
      if (depth >= JSONOUT_MAX_DEPTH)
        return false;
      buf_append (b, "{", 1);
      json_object_keylen_foreach ((json_t *) v, k, kl, x)
      {
        if (! first)
          buf_append (b, ",", 1);
        first = false;
        string (b, k, kl);
        buf_append (b, ":", 1);
        if (! value (b, x, precision, depth + 1))
          return false;
      }
      buf_append (b, "}", 1);
      return true;
    }
  case JSON_ARRAY:
    {
      if (depth >= JSONOUT_MAX_DEPTH)
        return false;
      buf_append (b, "[", 1);
      for (size_t i = 0; i < json_array_size (v); i++)
      {
        if (i)
          buf_append (b, ",", 1);
        if (! value (b, json_array_get (v, i), precision, depth + 1))
          return false;
      }
      buf_append (b, "]", 1);
      return true;
    }
  case JSON_STRING:
    string (b, json_string_value (v), json_string_length (v));
    return true;
  case JSON_INTEGER:
    buf_append (b, t, (size_t) snprintf (t, sizeof t, "%" JSON_INTEGER_FORMAT,
                                         json_integer_value (v)));
    return true;
  case JSON_REAL:
    return real (b, json_real_value (v), precision);
  case JSON_TRUE:
    buf_append (b, "true", 4);
    return true;
  case JSON_FALSE:
    buf_append (b, "false", 5);
    return true;
  case JSON_NULL:
    buf_append (b, "null", 4);
    return true;
  }
  return false;
}

bool
jsonout_append (struct buf *b, const json_t *v, int precision)
{
  return NULL != v && value (b, v, precision, 0) && ! b->oom;
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
