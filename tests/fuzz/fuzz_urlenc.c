/*
 * server/urlenc.c: application/x-www-form-urlencoded bodies and query
 * strings.  The first byte chooses the pair limit, the rest is the body.
 * Parsed pairs must be sound (keys non-empty UTF-8 text without NULs,
 * values NUL-terminated at their length, at most the limit), urlenc_get
 * must find each key's first value, and percent-encoding the pairs again
 * must parse back to the same pairs, also through urlenc_from_pairs.
 */
#include "fuzz.h"
#include "urlenc.h"
#include "utf8.h"

static size_t
encode (const char *s, size_t n, char *out)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  for (size_t i = 0; i < n; i++)
  {
    unsigned char c = (unsigned char) s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
      out[o++] = (char) c;
    else if (c == ' ')
      out[o++] = '+';
    else
    {
      out[o++] = '%';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    }
  }
  return o;
}

static void
same_pairs (const struct urlenc *a, const struct urlenc *b)
{
  FUZZ_CHECK (a->n == b->n, "%zu pairs, then %zu", a->n, b->n);
  for (size_t i = 0; i < a->n; i++)
  {
    FUZZ_CHECK (0 == strcmp (a->pairs[i].key, b->pairs[i].key),
                "key %zu differs", i);
    FUZZ_CHECK (a->pairs[i].value_len == b->pairs[i].value_len
                && 0 == memcmp (a->pairs[i].value, b->pairs[i].value,
                                a->pairs[i].value_len),
                "value %zu differs", i);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct urlenc u, again, copy;
  if (size < 1)
    return 0;
  size_t max_pairs = data[0] % 70;
  char *body = fuzz_str (data + 1, size - 1);
  size_t len = size - 1;
  if (! urlenc_parse (body, len, max_pairs, &u))
  {
    FUZZ_CHECK (0 == u.n && NULL == u.pairs && NULL == u.storage,
                "a refused body leaves pairs behind");
    free (body);
    return 0;
  }
  FUZZ_CHECK (u.n <= max_pairs, "%zu pairs over the limit %zu", u.n,
              max_pairs);
  size_t enc_cap = 3 * len + 2 * u.n + 1, e = 0;
  char *enc = malloc (enc_cap);
  FUZZ_CHECK (enc != NULL, "out of memory");
  for (size_t i = 0; i < u.n; i++)
  {
    const struct form_pair *p = &u.pairs[i];
    size_t kl = strlen (p->key);
    FUZZ_CHECK (kl > 0 && utf8_valid_text (p->key, kl), "bad key %zu", i);
    FUZZ_CHECK ('\0' == p->value[p->value_len], "value %zu unterminated", i);
    const char *first = urlenc_get (&u, p->key);
    size_t j = 0;
    while (0 != strcmp (u.pairs[j].key, p->key))
      j++;
    FUZZ_CHECK (first == u.pairs[j].value, "urlenc_get misses key %zu", i);
    if (i)
      enc[e++] = '&';
    e += encode (p->key, kl, enc + e);
    enc[e++] = '=';
    e += encode (p->value, p->value_len, enc + e);
  }
  FUZZ_CHECK (urlenc_parse (enc, e, max_pairs, &again),
              "the re-encoded pairs are refused");
  same_pairs (&u, &again);

  const char **keys = calloc (u.n + 1, sizeof *keys);
  const char **vals = calloc (u.n + 1, sizeof *vals);
  size_t *lens = calloc (u.n + 1, sizeof *lens);
  FUZZ_CHECK (keys && vals && lens, "out of memory");
  for (size_t i = 0; i < u.n; i++)
  {
    keys[i] = u.pairs[i].key;
    vals[i] = u.pairs[i].value;
    lens[i] = u.pairs[i].value_len;
  }
  FUZZ_CHECK (urlenc_from_pairs (&copy, keys, vals, lens, u.n),
              "urlenc_from_pairs refuses parsed pairs");
  same_pairs (&u, &copy);
  urlenc_free (&copy);
  free (keys);
  free (vals);
  free (lens);
  urlenc_free (&again);
  urlenc_free (&u);
  free (enc);
  free (body);
  return 0;
}
