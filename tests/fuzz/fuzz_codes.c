/*
 * What a reporter or officer types that is not a form: complaint access
 * codes (complaint_code_normalise), WBS receipts (wbs_receipt_parse), the
 * unit recovery key (vault_recovery_parse), TOTP codes (vault_totp_check),
 * dates (cal_parse), survey periods (period_parse), lifecycle status
 * names and unit settings (unit_setting_problem).  Each accepted text must
 * come out canonical: normalising the canonical form again gives it back,
 * and a date or period read back is the one that was written.
 */
#include "fuzz.h"
#include "calendar.h"
#include "complaint.h"
#include "complaint_status.h"
#include "ikm.h"
#include "roles.h"
#include "settings.h"
#include "vault.h"
#include "wbs.h"
#include <ctype.h>

static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static bool
in_alphabet (const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if ('\0' == s[i] || NULL == strchr (code_alphabet, s[i]))
      return false;
  return true;
}

static void
access_code (const char *s)
{
  char norm[13], again[13], grouped[20], lower[20];
  if (! complaint_code_normalise (s, norm))
    return;
  FUZZ_CHECK (12 == strlen (norm) && in_alphabet (norm, 12), "code %s",
              norm);
  FUZZ_CHECK (complaint_code_normalise (norm, again)
              && 0 == strcmp (norm, again), "%s is not canonical", norm);
  snprintf (grouped, sizeof grouped, "%.4s-%.4s-%.4s", norm, norm + 4,
            norm + 8);
  for (size_t i = 0; i <= strlen (grouped); i++)
    lower[i] = (char) tolower ((unsigned char) grouped[i]);
  FUZZ_CHECK (complaint_code_normalise (lower, again)
              && 0 == strcmp (norm, again), "%s is refused", lower);
}

static void
receipt (const char *s)
{
  char lookup[WBS_LOOKUP_LEN + 1], secret[WBS_SECRET_LEN + 1];
  char l2[WBS_LOOKUP_LEN + 1], s2[WBS_SECRET_LEN + 1], text[40];
  if (! wbs_receipt_parse (s, lookup, secret))
    return;
  FUZZ_CHECK (8 == strlen (lookup) && in_alphabet (lookup, 8)
              && 16 == strlen (secret) && in_alphabet (secret, 16),
              "receipt %s %s", lookup, secret);
  snprintf (text, sizeof text, "%.4s-%.4s-%.4s-%.4s-%.4s-%.4s", lookup,
            lookup + 4, secret, secret + 4, secret + 8, secret + 12);
  FUZZ_CHECK (wbs_receipt_parse (text, l2, s2) && 0 == strcmp (l2, lookup)
              && 0 == strcmp (s2, secret), "%s does not read back", text);
}

static void
recovery (const char *s)
{
  unsigned char key[32], again[32];
  char text[60];
  if (! vault_recovery_parse (s, key))
    return;
  vault_base32 (key, sizeof key, text);
  FUZZ_CHECK (52 == strlen (text), "base32 of 32 bytes: %zu", strlen (text));
  FUZZ_CHECK (vault_recovery_parse (text, again)
              && 0 == memcmp (key, again, 32), "%s does not read back", text);
}

static void
totp (const char *s)
{
  static const unsigned char secret[20] = "12345678901234567890";
  const uint64_t now = 1767225600;    /* 2026-01-01 */
  int64_t step = vault_totp_check (secret, sizeof secret, now, s);
  FUZZ_CHECK (-1 == step || (step >= (int64_t) (now / 30 - 1)
                             && step <= (int64_t) (now / 30 + 1)),
              "step %lld", (long long) step);
  if (step >= 0)
  {
    char want[7];
    vault_totp_code (secret, sizeof secret, (uint64_t) step, want);
    FUZZ_CHECK (0 == strcmp (want, s), "%s accepted for %s", s, want);
  }
}

static void
date (const char *s)
{
  int32_t day;
  char back[11];
  if (! cal_parse (s, &day))
    return;
  cal_format (day, back);
  FUZZ_CHECK (0 == strcmp (back, s), "%s reads back as %s", s, back);
}

static void
period (const char *s)
{
  struct period p;
  int32_t from, to;
  if (! period_parse (s, &p))
    return;
  FUZZ_CHECK (0 == strcmp (p.key, s), "%s is period %s", s, p.key);
  FUZZ_CHECK (cal_parse (p.from, &from) && cal_parse (p.to, &to)
              && from <= to, "%s runs %s to %s", s, p.from, p.to);
}

static void
names (const char *s)
{
  int c = cstatus_from_name (s);
  if (c >= 0)
    FUZZ_CHECK (0 == strcmp (cstatus_name ((enum cstatus) c), s),
                "complaint status %s", s);
  int w = wstatus_from_name (s);
  if (w >= 0)
    FUZZ_CHECK (w < WS__COUNT && 0 == strcmp (wstatus_name (w), s),
                "WBS status %s", s);
  (void) role_from_name (s);
  (void) key_kind_from_name (s);
}

/* The first byte picks a known key (below 0xF0) with the rest as its
   value, or (from 0xF0) the rest is KEY NUL VALUE. */
static void
setting (const uint8_t *data, size_t size)
{
  size_t nkeys = 0;
  while (unit_setting_keys[nkeys])
    nkeys++;
  if (size < 1)
    return;
  char why[120];
  char *key, *value;
  size_t kl, vl;
  fuzz_split (data + 1, size - 1, &key, &kl, &value, &vl);
  const char *problem =
    data[0] < 0xF0
    ? unit_setting_problem (unit_setting_keys[data[0] % nkeys], key, why,
                            sizeof why)
    : unit_setting_problem (key, value, why, sizeof why);
  if (problem == why)
    FUZZ_CHECK (memchr (why, '\0', sizeof why), "unterminated reason");
  free (key);
  free (value);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *s = fuzz_str (data, size);
  access_code (s);
  receipt (s);
  recovery (s);
  totp (s);
  date (s);
  period (s);
  names (s);
  setting (data, size);
  free (s);
  return 0;
}
