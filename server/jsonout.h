/*
 * Jansson values to compact JSON text, faster.
 *
 * json_dumps formats through a callback per fragment and took 2-3 us for
 * a five-field object; answers and sealed identities are built on every
 * submission.  This writes straight into a struct buf and gives exactly
 * the text json_dumps (v, JSON_COMPACT | JSON_REAL_PRECISION (p)) gives
 * (keys in insertion order, UTF-8 kept, control characters, '"' and '\'
 * escaped, reals as Jansson prints them), which the unit tests check
 * against Jansson itself.
 */
#ifndef WADAH_JSONOUT_H
#define WADAH_JSONOUT_H
#include "buf.h"
#include <jansson.h>
#include <stdbool.h>

/* Append V to B; PRECISION as JSON_REAL_PRECISION (0: Jansson's 17).
   Strings are written as they are: they must be valid UTF-8, as every
   json_t the server builds is (Jansson checks, jsonin checks).  A scalar
   is written too (json_dumps would want JSON_ENCODE_ANY).  False when V
   cannot be written (nesting over 2048 levels, a real that is not finite)
   or B ran out of memory. */
bool jsonout_append (struct buf *b, const json_t *v, int precision);
/* The same into a new string (caller frees), NULL on failure. */
char *jsonout_dumps (const json_t *v, int precision);
/* As jsonout_append, with every object's keys sorted as JSON_SORT_KEYS
   sorts them (by their bytes, a prefix first) and, when ENSURE_ASCII,
   every character beyond U+007F written as \uXXXX (a surrogate pair
   beyond U+FFFF) as JSON_ENSURE_ASCII writes it: the text of json_dumps
   (v, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION (precision)
   [| JSON_ENSURE_ASCII]), byte for byte.  With ENSURE_ASCII the strings
   and keys must be valid UTF-8 (false when not, as json_dumps fails).
   Objects of the same keys in a row (the rows of a table) are sorted
   once. */
bool jsonout_append_sorted (struct buf *b, const json_t *v, int precision,
                            bool ensure_ascii);
char *jsonout_dumps_sorted (const json_t *v, int precision,
                            bool ensure_ascii);
/* A virtual array: where the writer meets the array AT (by identity) it
   writes the N values GET (CLS, i), i = 0 .. N-1, in its place, asking
   for each when it is written (the value may be reused for the next; NULL
   fails the write).  A table of 100,000 rows is then never a tree of
   100,000 objects. */
struct jsonout_rows {
  const json_t *at;
  size_t n;
  const json_t *(*get) (void *cls, size_t i);
  void *cls;
};
/* As jsonout_append_sorted, with the N_ROWS virtual arrays ROWS. */
bool jsonout_append_sorted_rows (struct buf *b, const json_t *v,
                                 int precision, bool ensure_ascii,
                                 const struct jsonout_rows *rows,
                                 size_t n_rows);
#endif
