/*
 * Indonesian identity data formats (DOMAIN.md §6), free of I/O:
 *   NIK: 16 digits = province(2) regency(2) district(2) + birth date DDMMYY
 *        (DD + 40 for women) + sequence 0001-9999; no check digit.
 *   Phone: 08…, 628…, +628… normalised to E.164 +62…; mobile after +62 is
 *        8[1-35-9] then 7-10 more digits.  Landlines (+62 2x…, area codes)
 *        are accepted too: +62 then a digit 1-7 or 9 and 7-11 more digits
 *        (trunk form 0…: 021-5551234 -> +62215551234).  No area code
 *        starts with 8, so an 8… number that is not a valid mobile one is
 *        refused rather than taken for a landline.  A bare "812…" (no 0,
 *        62 or +62) is refused; so is any other country code.
 *   E-mail: a pragmatic check (one @, dot in the domain, no spaces, none
 *        of ()<>[]\,;:" , no empty or doubled dots, TLD of 2+ characters).
 */
#ifndef WADAH_IDCHECK_H
#define WADAH_IDCHECK_H
#include <stdbool.h>
#include <stddef.h>

enum nik_result {
  NIK_OK = 0,
  NIK_BAD_LENGTH,        /* not 16 characters */
  NIK_NOT_DIGITS,        /* a character other than 0-9 */
  NIK_BAD_REGION,        /* province 00, or regency/district 00 */
  NIK_BAD_DATE,          /* no such birth date (day 1-31 or 41-71, month 1-12,
                            the day must exist in that month; 29 Feb allowed) */
  NIK_BAD_SEQUENCE,      /* 0000 */
};

/* Check a NIK; spaces and dots a person may type are NOT accepted (the
   caller trims surrounding white space).  *FEMALE is set when the day was
   +40.  PROVINCE_KNOWN (may be NULL) is set from a built-in list of the
   38 province codes (11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-96):
   an unknown one is a warning for the caller, not an error. */
enum nik_result idcheck_nik (const char *nik, bool *female,
                             bool *province_known);
/* Bahasa Indonesia message for a result. */
const char *idcheck_nik_message (enum nik_result r);

/* Normalise a phone number to E.164 (+62…) into OUT (at least 17 bytes).
   Accepts spaces, dashes, dots and parentheses between digits.  Returns
   false when it is not an Indonesian number in one of the accepted forms.
   *MOBILE is set for 8[1-35-9]… numbers. */
bool idcheck_phone (const char *in, char *out, size_t cap, bool *mobile);

bool idcheck_email (const char *s);
#endif
