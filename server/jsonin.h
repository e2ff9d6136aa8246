/*
 * Request bodies to Jansson values, faster.
 *
 * Jansson's own parser reads one byte at a time through a stream layer and
 * took 8-12 us for a 531-byte complaint, the largest single cost of the
 * HTTP threads.  This one reads the buffer directly and copies plain ASCII
 * strings without a second pass, and builds the same json_t values, so
 * everything after it is still Jansson.
 *
 * It accepts exactly what json_loadb (buf, len, JSON_REJECT_DUPLICATES, ...)
 * accepts and builds equal values: an object or array at the top, strict
 * UTF-8, no control characters in strings, no \u0000, surrogate pairs only
 * as pairs, no duplicate keys, integers that fit json_int_t, reals that do
 * not overflow, at most JSONIN_MAX_DEPTH nested arrays/objects.  The unit
 * tests hold it to that against Jansson itself.
 */
#ifndef WADAH_JSONIN_H
#define WADAH_JSONIN_H
#include <jansson.h>
#include <stddef.h>

#define JSONIN_MAX_DEPTH 2048   /* Jansson's JSON_PARSER_DEFAULT_MAX_DEPTH */

/* Parse BUF[0..LEN).  NULL on any error, with a short English reason and
   the byte offset in ERR (always set to a string, never NULL); the value
   (reference owned by the caller) otherwise. */
json_t *jsonin_parse (const char *buf, size_t len, char err[80]);
#endif
