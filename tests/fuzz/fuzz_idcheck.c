/*
 * server/idcheck.c: NIK, Indonesian phone numbers and e-mail addresses as
 * a citizen types them.  Beyond memory safety: an accepted NIK is 16
 * digits with a real region and birth date; an accepted phone number
 * comes out as +62 and 8-12 digits, fits the buffer it was given and
 * normalises to itself; an accepted address has one '@' and no character
 * idcheck.h rules out.
 */
#include "fuzz.h"
#include "idcheck.h"
#include <stdbool.h>

static bool
all_digits (const char *s)
{
  for (; *s; s++)
    if (*s < '0' || *s > '9')
      return false;
  return true;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *s = fuzz_str (data, size);
  bool female, known, mobile;

  enum nik_result nr = idcheck_nik (s, &female, &known);
  FUZZ_CHECK (NULL != idcheck_nik_message (nr), "no message");
  if (NIK_OK == nr)
  {
    FUZZ_CHECK (16 == strlen (s) && all_digits (s), "NIK %s", s);
    int day = (s[6] - '0') * 10 + (s[7] - '0');
    FUZZ_CHECK (female == (day > 40), "female flag for day %d", day);
    FUZZ_CHECK (0 != strcmp (s + 12, "0000"), "sequence 0000");
  }
  FUZZ_CHECK (idcheck_nik (s, NULL, NULL) == nr, "NULL flags change it");

  /* The output exactly as large as the caller says, so that ASan sees a
     write past it. */
  size_t cap = 17;
  char *out = malloc (cap);
  FUZZ_CHECK (out != NULL, "out of memory");
  if (idcheck_phone (s, out, cap, &mobile))
  {
    size_t n = strlen (out);
    FUZZ_CHECK (0 == strncmp (out, "+62", 3) && all_digits (out + 3)
                && n >= 3 + 8 && n <= 3 + 12, "phone %s -> %s", s, out);
    FUZZ_CHECK (! mobile || '8' == out[3], "mobile %s", out);
    FUZZ_CHECK (out[3] != '0', "trunk zero kept: %s", out);
    char again[17];
    bool m2;
    FUZZ_CHECK (idcheck_phone (out, again, sizeof again, &m2)
                && 0 == strcmp (out, again) && m2 == mobile,
                "%s does not normalise to itself", out);
    /* One byte too small is refused, never cut. */
    char *small = malloc (n);
    FUZZ_CHECK (small != NULL, "out of memory");
    FUZZ_CHECK (! idcheck_phone (s, small, n, NULL), "cap %zu taken", n);
    free (small);
  }
  free (out);

  if (idcheck_email (s))
  {
    const char *at = strchr (s, '@');
    size_t len = strlen (s);
    FUZZ_CHECK (at && ! strchr (at + 1, '@') && at > s, "address %s", s);
    FUZZ_CHECK (len >= 6 && len <= 254, "length %zu", len);
    FUZZ_CHECK (strchr (at, '.') != NULL, "no dot in the domain: %s", s);
    for (const char *p = s; *p; p++)
      FUZZ_CHECK ((unsigned char) *p > 0x20 && *p != 0x7f
                  && ! strchr ("()<>[]\\,;:\"", *p), "character %02x",
                  (unsigned char) *p);
  }
  free (s);
  return 0;
}
