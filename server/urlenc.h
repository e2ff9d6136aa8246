/*
 * application/x-www-form-urlencoded parsing (WHATWG rules: '&' separates,
 * '+' is space, %XX escapes).  Also used for query strings.
 */
#ifndef WADAH_URLENC_H
#define WADAH_URLENC_H
#include "forms.h"
#include <stddef.h>

struct urlenc {
  struct form_pair *pairs;   /* keys and values decoded, NUL-terminated */
  size_t n;
  char *storage;             /* owns the decoded text */
};

/* Parse BODY[0..LEN) into OUT with at most MAX_PAIRS pairs.  Returns false
   on a malformed escape or too many pairs; OUT is then empty.  Keys must be
   valid UTF-8 without controls; values are checked later by the forms
   engine. */
bool urlenc_parse (const char *body, size_t len, size_t max_pairs,
                   struct urlenc *out);
void urlenc_free (struct urlenc *u);
/* Build OUT from N already decoded KEYS and VALUES (with their lengths),
   copying them.  False on out-of-memory or an unusable key. */
bool urlenc_from_pairs (struct urlenc *out, const char *const *keys,
                        const char *const *values, const size_t *lens,
                        size_t n);
/* The first value of KEY, or NULL. */
const char *urlenc_get (const struct urlenc *u, const char *key);
#endif
