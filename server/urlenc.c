/* See urlenc.h.  Decoding never grows the text, so one buffer of the input
   size holds every decoded key and value. */
#include "urlenc.h"
#include "utf8.h"
#include <stdlib.h>
#include <string.h>

static int
hexval (char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decode S[0..LEN) into DST; returns the decoded length or -1. */
static long
decode (const char *s, size_t len, char *dst)
{
  size_t o = 0;
  for (size_t i = 0; i < len; i++)
  {
    if (s[i] == '+')
      dst[o++] = ' ';
    else if (s[i] == '%')
    {
      if (i + 2 >= len)
        return -1;
      int h = hexval (s[i + 1]), l = hexval (s[i + 2]);
      if (h < 0 || l < 0)
        return -1;
      dst[o++] = (char) (h * 16 + l);
      i += 2;
    }
    else
      dst[o++] = s[i];
  }
  dst[o] = '\0';
  return (long) o;
}

bool
urlenc_parse (const char *body, size_t len, size_t max_pairs,
              struct urlenc *out)
{
  memset (out, 0, sizeof *out);
  /* Each pair needs at most its input bytes plus two NULs. */
  out->storage = malloc (len + 2 * (max_pairs + 1) + 1);
  out->pairs = calloc (max_pairs ? max_pairs : 1, sizeof *out->pairs);
  if (NULL == out->storage || NULL == out->pairs)
    goto fail;
  char *w = out->storage;
  size_t i = 0;
  while (i < len)
  {
    size_t end = i;
    while (end < len && body[end] != '&')
      end++;
    if (end > i)
    {
      size_t eq = i;
      while (eq < end && body[eq] != '=')
        eq++;
      if (out->n == max_pairs)
        goto fail;
      struct form_pair *p = &out->pairs[out->n++];
      long kl = decode (body + i, eq - i, w);
      if (kl <= 0 || ! utf8_valid_text (w, (size_t) kl)
          || strlen (w) != (size_t) kl)
        goto fail;
      p->key = w;
      w += kl + 1;
      long vl = eq < end ? decode (body + eq + 1, end - eq - 1, w)
                         : decode ("", 0, w);
      if (vl < 0)
        goto fail;
      p->value = w;
      p->value_len = (size_t) vl;
      w += vl + 1;
    }
    i = end + 1;
  }
  return true;
fail:
  urlenc_free (out);
  return false;
}

bool
urlenc_from_pairs (struct urlenc *out, const char *const *keys,
                   const char *const *values, const size_t *lens, size_t n)
{
  size_t total = 1;
  memset (out, 0, sizeof *out);
  for (size_t i = 0; i < n; i++)
    total += strlen (keys[i]) + lens[i] + 2;
  out->storage = malloc (total);
  out->pairs = calloc (n ? n : 1, sizeof *out->pairs);
  if (NULL == out->storage || NULL == out->pairs)
  {
    urlenc_free (out);
    return false;
  }
  char *w = out->storage;
  for (size_t i = 0; i < n; i++)
  {
    size_t kl = strlen (keys[i]);
    if (0 == kl || ! utf8_valid_text (keys[i], kl))
    {
      urlenc_free (out);
      return false;
    }
    memcpy (w, keys[i], kl + 1);
    out->pairs[i].key = w;
    w += kl + 1;
    memcpy (w, values[i], lens[i]);
    w[lens[i]] = '\0';
    out->pairs[i].value = w;
    out->pairs[i].value_len = lens[i];
    w += lens[i] + 1;
  }
  out->n = n;
  return true;
}

void
urlenc_free (struct urlenc *u)
{
  free (u->pairs);
  free (u->storage);
  memset (u, 0, sizeof *u);
}

const char *
urlenc_get (const struct urlenc *u, const char *key)
{
  for (size_t i = 0; i < u->n; i++)
    if (0 == strcmp (u->pairs[i].key, key))
      return u->pairs[i].value;
  return NULL;
}
