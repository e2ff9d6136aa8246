/* Identity data (DOMAIN.md §6): NIK structure, phone numbers to E.164,
   e-mail addresses. */
#include "idcheck.h"
#include <criterion/criterion.h>
#include <string.h>

/* ---- NIK ---- */

Test (idcheck, nik_female)
{
  /* 35.77.01 (Jawa Timur), born 01-01-1990, day 01 + 40 = 41. */
  bool female = false, known = false;
  cr_assert_eq (idcheck_nik ("3577014101900001", &female, &known), NIK_OK);
  cr_assert (female);
  cr_assert (known);
}

Test (idcheck, nik_male)
{
  bool female = true, known = false;
  cr_assert_eq (idcheck_nik ("3577010101900001", &female, &known), NIK_OK);
  cr_assert (!female);
  cr_assert (known);
  /* 31.74.01 (Jakarta Selatan), born 05-12-85, sequence 0002. */
  female = true;
  cr_assert_eq (idcheck_nik ("3174010512850002", &female, NULL), NIK_OK);
  cr_assert (!female);
  /* 65.71 Kota Tarakan (Kalimantan Utara), last sequence number. */
  cr_assert_eq (idcheck_nik ("6571023112999999", &female, &known), NIK_OK);
  cr_assert (!female);
  cr_assert (known);
}

Test (idcheck, nik_date_edges)
{
  bool female;
  /* 29 February: the year has no century, so it is always allowed. */
  cr_assert_eq (idcheck_nik ("3201012902010001", &female, NULL), NIK_OK);
  cr_assert_eq (idcheck_nik ("3201016902010001", &female, NULL), NIK_OK);
  cr_assert (female);
  /* 31 January for a woman: 71. */
  cr_assert_eq (idcheck_nik ("3201017101990001", &female, NULL), NIK_OK);
  cr_assert (female);
  cr_assert_eq (idcheck_nik ("3201013112990001", NULL, NULL), NIK_OK);
  cr_assert_eq (idcheck_nik ("3201013006990001", NULL, NULL), NIK_OK);
}

Test (idcheck, nik_errors)
{
  static const struct {
    const char *nik;
    enum nik_result want;
  } cases[] = {
    { "", NIK_BAD_LENGTH },
    { "357701410190001", NIK_BAD_LENGTH },        /* 15 */
    { "35770141019000011", NIK_BAD_LENGTH },      /* 17 */
    { "3577 0141 0190 0001", NIK_BAD_LENGTH },    /* as printed on cards */
    { "35.77.01.410190.0001", NIK_BAD_LENGTH },
    { "357701410190 001", NIK_NOT_DIGITS },
    { "35770141019000a1", NIK_NOT_DIGITS },
    { "3577014101900-01", NIK_NOT_DIGITS },
    { "\xef\xbc\x93" "5770141019000", NIK_NOT_DIGITS },  /* full-width 3 */
    { "0077014101900001", NIK_BAD_REGION },
    { "3500014101900001", NIK_BAD_REGION },
    { "3577004101900001", NIK_BAD_REGION },
    { "3577010001900001", NIK_BAD_DATE },         /* day 00 */
    { "3577014001900001", NIK_BAD_DATE },         /* day 40 */
    { "3577013201900001", NIK_BAD_DATE },         /* day 32 */
    { "3577013901900001", NIK_BAD_DATE },         /* day 39 */
    { "3577017201900001", NIK_BAD_DATE },         /* day 72 */
    { "3577019901900001", NIK_BAD_DATE },         /* day 99 */
    { "3577010100900001", NIK_BAD_DATE },         /* month 00 */
    { "3577010113900001", NIK_BAD_DATE },         /* month 13 */
    { "3577013104900001", NIK_BAD_DATE },         /* 31 April */
    { "3577017104900001", NIK_BAD_DATE },         /* 31 April, woman */
    { "3577013002900001", NIK_BAD_DATE },         /* 30 February */
    { "3577017002900001", NIK_BAD_DATE },         /* 30 February, woman */
    { "3577014101900000", NIK_BAD_SEQUENCE },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
  {
    bool female = true;
    enum nik_result r = idcheck_nik (cases[i].nik, &female, NULL);
    cr_assert_eq (r, cases[i].want, "%s: got %d, want %d", cases[i].nik,
                  (int) r, (int) cases[i].want);
    cr_assert (!female, "%s: female set on an invalid NIK", cases[i].nik);
  }
  cr_assert_eq (idcheck_nik (NULL, NULL, NULL), NIK_BAD_LENGTH);
}

Test (idcheck, nik_unknown_province_is_a_warning)
{
  bool female, known = true;
  /* 99, 20 and 10 are no province: the NIK is still accepted. */
  cr_assert_eq (idcheck_nik ("9977014101900001", &female, &known), NIK_OK);
  cr_assert (!known);
  known = true;
  cr_assert_eq (idcheck_nik ("2077014101900001", &female, &known), NIK_OK);
  cr_assert (!known);
  known = true;
  cr_assert_eq (idcheck_nik ("1077014101900001", &female, &known), NIK_OK);
  cr_assert (!known);
  /* All 38 codes are known, and nothing else from 01 to 99. */
  static const int codes[] = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31,
                               32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63,
                               64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91,
                               92, 93, 94, 95, 96 };
  cr_assert_eq (sizeof codes / sizeof codes[0], 38);
  int n_known = 0;
  for (int p = 1; p <= 99; p++)
  {
    char nik[17];
    memcpy (nik, "0077014101900001", 17);
    nik[0] = (char) ('0' + p / 10);
    nik[1] = (char) ('0' + p % 10);
    cr_assert_eq (idcheck_nik (nik, NULL, &known), NIK_OK, "%s", nik);
    bool listed = false;
    for (size_t i = 0; i < 38; i++)
      listed |= codes[i] == p;
    cr_assert_eq (known, listed, "province %02d", p);
    n_known += known;
  }
  cr_assert_eq (n_known, 38);
}

Test (idcheck, nik_messages)
{
  cr_assert_str_eq (idcheck_nik_message (NIK_BAD_LENGTH),
                    "NIK harus 16 angka.");
  cr_assert_str_eq (idcheck_nik_message (NIK_BAD_DATE),
                    "Tanggal lahir dalam NIK tidak valid.");
  const enum nik_result all[] = { NIK_OK, NIK_BAD_LENGTH, NIK_NOT_DIGITS,
                                  NIK_BAD_REGION, NIK_BAD_DATE,
                                  NIK_BAD_SEQUENCE };
  for (size_t i = 0; i < 6; i++)
  {
    const char *m = idcheck_nik_message (all[i]);
    cr_assert_not_null (m);
    cr_assert_gt (strlen (m), 5);
    cr_assert_not_null (strstr (m, "NIK"), "%s", m);
    for (size_t j = 0; j < i; j++)
      cr_assert_str_neq (m, idcheck_nik_message (all[j]));
  }
  cr_assert_not_null (idcheck_nik_message ((enum nik_result) 99));
}

/* ---- phone ---- */

static void
expect_phone (const char *in, const char *want, bool want_mobile)
{
  char out[17];
  bool mobile = !want_mobile;
  memset (out, 'x', sizeof out);
  cr_assert (idcheck_phone (in, out, sizeof out, &mobile), "refused \"%s\"",
             in);
  cr_assert_str_eq (out, want, "\"%s\"", in);
  cr_assert_eq (mobile, want_mobile, "\"%s\" mobile", in);
}

static void
refuse_phone (const char *in)
{
  char out[17] = "untouched";
  bool mobile = true;
  cr_assert (!idcheck_phone (in, out, sizeof out, &mobile), "accepted \"%s\""
             " as %s", in, out);
  cr_assert (!mobile, "\"%s\"", in);
}

Test (idcheck, phone_mobile_forms)
{
  expect_phone ("081234567890", "+6281234567890", true);
  expect_phone ("6281234567890", "+6281234567890", true);
  expect_phone ("+6281234567890", "+6281234567890", true);
  expect_phone ("0812-3456-7890", "+6281234567890", true);
  expect_phone ("0812 3456 7890", "+6281234567890", true);
  expect_phone ("+62 812-3456-7890", "+6281234567890", true);
  expect_phone ("+62 (812) 3456.7890", "+6281234567890", true);
  expect_phone ("  0812 3456 7890  ", "+6281234567890", true);
  expect_phone ("62 812 3456 7890", "+6281234567890", true);
  /* Every mobile prefix 81-83, 85-89 (Telkomsel, Indosat, XL, ...). */
  expect_phone ("0838-1234-5678", "+6283812345678", true);
  expect_phone ("0857 1234 5678", "+6285712345678", true);
  expect_phone ("0896-1234-5678", "+6289612345678", true);
  /* Shortest and longest: 8[1-35-9] then 7 and 10 digits. */
  expect_phone ("0812345678", "+62812345678", true);
  expect_phone ("0812345678901", "+62812345678901", true);
}

Test (idcheck, phone_landlines)
{
  expect_phone ("021-5551234", "+62215551234", false);
  expect_phone ("(021) 555 1234", "+62215551234", false);
  expect_phone ("+62 21 5551234", "+62215551234", false);
  expect_phone ("0215551234", "+62215551234", false);
  /* Jakarta 8-digit subscriber numbers. */
  expect_phone ("021-2955-1234", "+622129551234", false);
  /* Kota Tarakan 0551, Denpasar 0361, Medan 061, Jayapura 0967. */
  expect_phone ("0551-21234", "+6255121234", false);
  expect_phone ("(0361) 223456", "+62361223456", false);
  expect_phone ("061-4512345", "+62614512345", false);
  expect_phone ("0967 533123", "+62967533123", false);
}

Test (idcheck, phone_refusals)
{
  refuse_phone ("");
  refuse_phone ("   ");
  refuse_phone ("-");
  refuse_phone ("+62");
  refuse_phone ("08");
  refuse_phone ("081234567");          /* mobile, 6 digits after 81: short */
  refuse_phone ("08123456789012");     /* mobile, 11 after 81: long */
  refuse_phone ("021-555");            /* landline too short */
  refuse_phone ("021-5551234-5678");   /* landline too long */
  refuse_phone ("0812abc4567");
  refuse_phone ("O81234567890");       /* letter O */
  refuse_phone ("0812 3456 7890 ext 1");
  refuse_phone ("0812/3456/7890");
  refuse_phone ("+61412345678");       /* Australia */
  refuse_phone ("+1 202 555 0123");
  refuse_phone ("+0812345678901");
  refuse_phone ("++6281234567890");
  refuse_phone ("0+6281234567890");
  refuse_phone ("0062 812 3456 7890"); /* international prefix: retype */
  refuse_phone ("62 0812 3456 7890");  /* trunk 0 after the country code */
  refuse_phone ("+62 0812 3456 7890");
  refuse_phone ("081234567890\n");
  /* No 0, 62 or +62: ambiguous, refused (the form asks for 08...). */
  refuse_phone ("81234567890");
  refuse_phone ("8123 4567 890");
  refuse_phone ("215551234");
  /* 8 is the mobile range: 80.., 84.. and short 8.. are not landlines. */
  refuse_phone ("0841234567890");
  refuse_phone ("0800-1234-567");
  refuse_phone ("081234567");
  refuse_phone ("0812-3456-7890-1234-5678-9012-3456-7890-1234");
  cr_assert (!idcheck_phone (NULL, NULL, 0, NULL));
}

Test (idcheck, phone_output_capacity)
{
  char out[17];
  /* 15 characters + NUL fit in 16; 15 bytes do not. */
  cr_assert (idcheck_phone ("0812345678901", out, 16, NULL));
  cr_assert_str_eq (out, "+62812345678901");
  cr_assert (!idcheck_phone ("0812345678901", out, 15, NULL));
  cr_assert (idcheck_phone ("021-5551234", out, 13, NULL));
  cr_assert (!idcheck_phone ("021-5551234", out, 12, NULL));
}

/* ---- e-mail ---- */

Test (idcheck, email)
{
  static const char *good[] = {
    "warga@example.go.id", "a.b+tag@sub.example.com", "x@y.co",
    "nama_saya-01@disdukcapil.tarakankota.go.id", "A@B.ID",
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
    cr_assert (idcheck_email (good[i]), "refused %s", good[i]);
  static const char *bad[] = {
    "", "no-at", "a@@b.com", "a@b@c.com", "@b.com", "a@", "a b@c.com",
    "a@b c.com", " a@b.com", "a@b.com ", "a@b.com\n", "a@b\r\n.com",
    "a@b", "a@b.", "a@.com", "a@b.c", ".a@b.com", "a.@b.com", "a..b@c.com",
    "a@b..com", "a@-b.com", "a@b.com-", "a@b-.com", "<a@b.com>",
    "a,b@c.com", "a;b@c.com", "a@[127.0.0.1]", "\"a\"@b.com", "a:b@c.com",
    "a(b)@c.com", "a\\b@c.com", "a\tb@c.com",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert (!idcheck_email (bad[i]), "accepted \"%s\"", bad[i]);
  cr_assert (!idcheck_email (NULL));
  /* Length limits: local part 64, whole address 254. */
  char s[300];
  memset (s, 'a', 64);
  strcpy (s + 64, "@b.com");
  cr_assert (idcheck_email (s));
  memset (s, 'a', 65);
  strcpy (s + 65, "@b.com");
  cr_assert (!idcheck_email (s));
  strcpy (s, "a@");
  for (int i = 2; i < 250; i++)  /* labels of 9 letters */
    s[i] = i % 10 == 0 ? '.' : 'b';
  strcpy (s + 250, ".com");      /* 254 */
  cr_assert (idcheck_email (s));
  strcpy (s + 250, ".coms");     /* 255 */
  cr_assert (!idcheck_email (s));
}
