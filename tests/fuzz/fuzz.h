/*
 * Helpers shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c).  Each
 * harness checks the properties its parser promises and calls
 * FUZZ_CHECK, which aborts (a finding with a reproducer) when one fails.
 */
#ifndef WADAH_FUZZ_H
#define WADAH_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond, ...)                                             \
  do {                                                                    \
    if (! (cond))                                                         \
    {                                                                     \
      fprintf (stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__,   \
               #cond);                                                    \
      fprintf (stderr, __VA_ARGS__);                                      \
      fputc ('\n', stderr);                                               \
      abort ();                                                           \
    }                                                                     \
  } while (0)

/* DATA[0..SIZE) as a malloc'ed NUL-terminated string (it may hold NULs
   of its own). */
static inline char *
fuzz_str (const uint8_t *data, size_t size)
{
  char *s = malloc (size + 1);
  if (NULL == s)
    abort ();
  memcpy (s, data, size);
  s[size] = '\0';
  return s;
}

/* Split DATA at the first NUL byte: *A (before) and *B (after, possibly
   empty), both malloc'ed strings.  Lengths in *AL and *BL. */
static inline void
fuzz_split (const uint8_t *data, size_t size, char **a, size_t *al, char **b,
            size_t *bl)
{
  const uint8_t *z = memchr (data, 0, size);
  size_t n = z ? (size_t) (z - data) : size;
  *a = fuzz_str (data, n);
  *al = n;
  *b = z ? fuzz_str (z + 1, size - n - 1) : fuzz_str (data, 0);
  *bl = z ? size - n - 1 : 0;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
#endif
