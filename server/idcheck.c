/*
 * Checks of the identity data a citizen types into a complaint or survey
 * form (DOMAIN.md §6): NIK, Indonesian phone numbers normalised to E.164,
 * e-mail addresses.  Pure functions: the handlers call them while
 * validating a form and show idcheck_nik_message to the citizen.
 */
#include "idcheck.h"
#include <string.h>

/* The 38 province codes (Kemendagri).  NIKs are never re-issued when a
   province splits, so older codes stay valid for old cards. */
static const unsigned char idcheck_provinces[] = {
  11, 12, 13, 14, 15, 16, 17, 18, 19,       /* Sumatera */
  21,                                       /* Kepulauan Riau */
  31, 32, 33, 34, 35, 36,                   /* Jawa */
  51, 52, 53,                               /* Bali, Nusa Tenggara */
  61, 62, 63, 64, 65,                       /* Kalimantan */
  71, 72, 73, 74, 75, 76,                   /* Sulawesi */
  81, 82,                                   /* Maluku */
  91, 92, 93, 94, 95, 96,                   /* Papua */
};

static int
two (const char *s)
{
  return (s[0] - '0') * 10 + (s[1] - '0');
}

static bool
province_known (int code)
{
  for (size_t i = 0; i < sizeof idcheck_provinces; i++)
    if (idcheck_provinces[i] == code)
      return true;
  return false;
}

enum nik_result
idcheck_nik (const char *nik, bool *female, bool *prov_known)
{
  if (female != NULL)
    *female = false;
  if (prov_known != NULL)
    *prov_known = false;
  if (nik == NULL || strlen (nik) != 16)
    return NIK_BAD_LENGTH;
  for (size_t i = 0; i < 16; i++)
    if (nik[i] < '0' || nik[i] > '9')
      return NIK_NOT_DIGITS;
  int prov = two (nik), regency = two (nik + 2), district = two (nik + 4);
  if (prov_known != NULL)
    *prov_known = province_known (prov);
  if (prov == 0 || regency == 0 || district == 0)
    return NIK_BAD_REGION;
  int day = two (nik + 6), month = two (nik + 8);
  bool f = day > 40;
  if (f)
    day -= 40;
  /* The year has no century, so 29 February is accepted for any year. */
  static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                 31 };
  if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1])
    return NIK_BAD_DATE;
  if (strcmp (nik + 12, "0000") == 0)
    return NIK_BAD_SEQUENCE;
  if (female != NULL)
    *female = f;
  return NIK_OK;
}

const char *
idcheck_nik_message (enum nik_result r)
{
  switch (r)
  {
  case NIK_OK:
    return "NIK valid.";
  case NIK_BAD_LENGTH:
    return "NIK harus 16 angka.";
  case NIK_NOT_DIGITS:
    return "NIK hanya boleh berisi angka, tanpa spasi atau titik.";
  case NIK_BAD_REGION:
    return "Kode wilayah dalam NIK tidak valid.";
  case NIK_BAD_DATE:
    return "Tanggal lahir dalam NIK tidak valid.";
  case NIK_BAD_SEQUENCE:
    return "Nomor urut dalam NIK tidak valid.";
  }
  return "NIK tidak valid.";
}

/* National significant number (after +62) lengths. */
#define PHONE_NSN_MIN 8
#define PHONE_NSN_MAX 12
/* Characters of input looked at: generous for separators, bounded. */
#define PHONE_IN_MAX 40

static bool
phone_sep (char ch)
{
  return ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')';
}

bool
idcheck_phone (const char *in, char *out, size_t cap, bool *mobile)
{
  char d[PHONE_IN_MAX + 1];
  size_t nd = 0;
  bool plus = false;
  if (mobile != NULL)
    *mobile = false;
  if (in == NULL || strlen (in) > PHONE_IN_MAX)
    return false;
  const char *p = in;
  while (*p == ' ')
    p++;
  if (*p == '+')
  {
    plus = true;
    p++;
  }
  for (; *p != '\0'; p++)
  {
    if (*p >= '0' && *p <= '9')
      d[nd++] = *p;
    else if (!phone_sep (*p))
      return false;      /* letters, a second '+', '/', ... */
  }
  d[nd] = '\0';
  /* The national number (NSN) after +62.  Forms accepted: +62…, 62… and
     the trunk prefix 0….  A bare "812…" is refused: it may be a number
     whose leading 0 was lost or one typed for another country, and the
     citizen can simply retype it with 08. */
  const char *nsn;
  if (strncmp (d, "62", 2) == 0)
    nsn = d + 2;
  else if (!plus && d[0] == '0')
    nsn = d + 1;
  else
    return false;
  size_t n = strlen (nsn);
  if (n < PHONE_NSN_MIN || n > PHONE_NSN_MAX || nsn[0] == '0')
    return false;
  bool mob = false;
  if (nsn[0] == '8')
  {
    /* 8 is the mobile range: 8[1-35-9] then 7-10 digits.  Anything else
       starting with 8 (a mobile number too short or too long, 84…) is a
       typo, not a landline: no area code starts with 8. */
    if (nsn[1] == '0' || nsn[1] == '4' || n < 9)
      return false;
    mob = true;
  }
  if (cap < n + 4)
    return false;
  memcpy (out, "+62", 3);
  memcpy (out + 3, nsn, n + 1);
  if (mobile != NULL)
    *mobile = mob;
  return true;
}

/* Characters never accepted unquoted in an address; quoted local parts
   are not worth supporting for a complaint form. */
static bool
email_bad_char (unsigned char ch)
{
  return ch <= 0x20 || ch == 0x7f || strchr ("()<>[]\\,;:\"", ch) != NULL;
}

bool
idcheck_email (const char *s)
{
  if (s == NULL)
    return false;
  size_t len = strlen (s);
  if (len < 6 || len > 254)       /* a@b.cd */
    return false;
  const char *at = strchr (s, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return false;
  for (const char *p = s; *p != '\0'; p++)
    if (email_bad_char ((unsigned char) *p))
      return false;
  size_t local = (size_t) (at - s);
  if (local < 1 || local > 64 || s[0] == '.' || at[-1] == '.'
      || memmem (s, local, "..", 2) != NULL)
    return false;
  const char *dom = at + 1;
  const char *dot = strrchr (dom, '.');
  if (dot == NULL || dom[0] == '.' || dom[0] == '-' || strstr (dom, "..")
      || strstr (dom, ".-") || strstr (dom, "-.") || strlen (dot + 1) < 2
      || s[len - 1] == '-')
    return false;
  return true;
}
