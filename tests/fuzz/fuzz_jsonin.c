/*
 * server/jsonin.c, the request-body JSON parser, against Jansson:
 * jsonin.h promises to accept exactly what json_loadb (...,
 * JSON_REJECT_DUPLICATES, ...) accepts and to build equal values.  Any
 * disagreement is a finding, so are memory errors and leaks.
 */
#include "fuzz.h"
#include "jsonin.h"
#include <jansson.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char err[80];
  json_error_t jerr;
  const char *buf = (const char *) data;
  json_t *a = jsonin_parse (buf, size, err);
  if (a)
    FUZZ_CHECK ('\0' == err[0], "error text on success: %s", err);
  else
    FUZZ_CHECK ('\0' != err[0] && memchr (err, '\0', 80), "no error text");
  /* Jansson's stream layer drops a NUL that follows a number ("[1\0]" is
     [1] to it); a NUL outside a string is never JSON and jsonin refuses
     every NUL (tests/unit/test_jsonin.c). */
  if (memchr (data, 0, size))
  {
    FUZZ_CHECK (NULL == a, "jsonin accepts a NUL byte");
    return 0;
  }
  json_t *b = json_loadb (buf, size, JSON_REJECT_DUPLICATES, &jerr);
  FUZZ_CHECK ((NULL == a) == (NULL == b), "jsonin %s, jansson %s",
              a ? "accepts" : err, b ? "accepts" : jerr.text);
  if (a && b)
    FUZZ_CHECK (json_equal (a, b), "the values differ");
  json_decref (a);
  json_decref (b);
  return 0;
}
