/* Whistleblowing rules (DOMAIN.md §4, wbs.h): the receipt (format, typing
   leniency, refusals, randomness), the report lifecycle written out arrow
   by arrow, status names and labels, and small-count suppression. */
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static void
init (void)
{
  cr_assert (vault_init ());
}

TestSuite (wbs, .init = init);

/* ---- receipts ---- */

/* A new receipt, checked for shape: TEXT is LOOKUP + SECRET in six groups
   of four joined by dashes, every character from the alphabet. */
static void
new_receipt (char lookup[WBS_LOOKUP_LEN + 1], char secret[WBS_SECRET_LEN + 1],
             char text[WBS_RECEIPT_TEXT])
{
  wbs_receipt_new (lookup, secret, text);
  cr_assert_eq (strlen (lookup), WBS_LOOKUP_LEN, "lookup '%s'", lookup);
  cr_assert_eq (strlen (secret), WBS_SECRET_LEN, "secret '%s'", secret);
  cr_assert_eq (strlen (text), 29, "text '%s'", text);
  char joined[WBS_LOOKUP_LEN + WBS_SECRET_LEN + 1];
  snprintf (joined, sizeof joined, "%s%s", lookup, secret);
  for (size_t i = 0, j = 0; i < 29; i++)
  {
    if (i % 5 == 4)
    {
      cr_assert_eq (text[i], '-', "'%s': no dash at %zu", text, i);
      continue;
    }
    cr_assert_not_null (strchr (alphabet, text[i]), "'%s': '%c' at %zu",
                        text, text[i], i);
    cr_assert_eq (text[i], joined[j], "'%s' is not %s", text, joined);
    j++;
  }
}

static void
assert_parses (const char *typed, const char *lookup, const char *secret)
{
  char l[WBS_LOOKUP_LEN + 1] = "", s[WBS_SECRET_LEN + 1] = "";
  cr_assert (wbs_receipt_parse (typed, l, s), "'%s' refused", typed);
  cr_assert_str_eq (l, lookup, "'%s': lookup", typed);
  cr_assert_str_eq (s, secret, "'%s': secret", typed);
}

static void
assert_refused (const char *typed)
{
  char l[WBS_LOOKUP_LEN + 1], s[WBS_SECRET_LEN + 1];
  cr_assert_not (wbs_receipt_parse (typed, l, s), "'%s' accepted",
                 typed ? typed : "(null)");
}

static void
lower (char *s)
{
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z')
      *s = (char) (*s - 'A' + 'a');
}

Test (wbs, receipt_round_trip_in_any_typing)
{
  char lookup[WBS_LOOKUP_LEN + 1], secret[WBS_SECRET_LEN + 1];
  char text[WBS_RECEIPT_TEXT], typed[128];
  for (int n = 0; n < 50; n++)
  {
    new_receipt (lookup, secret, text);
    /* as shown */
    assert_parses (text, lookup, secret);
    /* lower case */
    snprintf (typed, sizeof typed, "%s", text);
    lower (typed);
    assert_parses (typed, lookup, secret);
    /* no dashes */
    snprintf (typed, sizeof typed, "%s%s", lookup, secret);
    assert_parses (typed, lookup, secret);
    /* spaces instead of dashes, padding around it, mixed case */
    size_t o = 0;
    o += (size_t) snprintf (typed + o, sizeof typed - o, "  ");
    for (size_t i = 0; text[i]; i++)
      typed[o++] = text[i] == '-' ? ' '
                   : (i % 2 && text[i] >= 'A' && text[i] <= 'Z')
                   ? (char) (text[i] - 'A' + 'a') : text[i];
    snprintf (typed + o, sizeof typed - o, " \t\r\n");
    assert_parses (typed, lookup, secret);
    /* separators anywhere, doubled, tabs and newlines */
    snprintf (typed, sizeof typed, "%.2s--%.6s\t%.5s \n%.11s-%s", lookup,
              lookup + 2, secret, secret + 5, "");
    assert_parses (typed, lookup, secret);
  }
}

Test (wbs, receipt_fixed_examples)
{
  assert_parses ("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", "ABCDEFGH",
                 "JKLMNPQRSTUVWXYZ");
  assert_parses ("abcd efgh jklm npqr stuv wxyz", "ABCDEFGH",
                 "JKLMNPQRSTUVWXYZ");
  assert_parses ("2345678923456789ABCDEFGH", "23456789", "23456789ABCDEFGH");
  /* lower-case l is the letter L, which the alphabet has */
  assert_parses ("llll-llll-llll-llll-llll-llll", "LLLLLLLL",
                 "LLLLLLLLLLLLLLLL");
}

Test (wbs, receipt_refusals)
{
  const char *good = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ";
  char t[64];
  assert_refused (NULL);
  assert_refused ("");
  assert_refused ("   - - -  ");
  /* wrong length: 23 and 25 characters, 8 (the lookup alone) */
  assert_refused ("ABCD-EFGH-JKLM-NPQR-STUV-WXY");
  assert_refused ("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ2");
  assert_refused ("ABCDEFGH");
  assert_refused ("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-ABCD-EFGH-JKLM-NPQR");
  /* characters outside the alphabet, in any position, either case */
  const char bad[] = { '0', '1', 'O', 'I', 'o', 'i', '_', '.', '+', '/',
                       ':', '#', '*', '"', '\'', ',', ';', '=', '%', '\\',
                       '\x7f', '\x01' };
  for (size_t b = 0; b < sizeof bad; b++)
    for (size_t pos = 0; pos < strlen (good); pos += 2)
    {
      if (good[pos] == '-')
        continue;
      snprintf (t, sizeof t, "%s", good);
      t[pos] = bad[b];
      assert_refused (t);
    }
  /* a 25th character that is a symbol, and non-ASCII bytes */
  assert_refused ("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ.");
  assert_refused ("ABCD-EFGH-JKLM-NPQR-STUV-WXY\xc3\x89");
  assert_refused ("ABCD\xe2\x80\x93" "EFGH-JKLM-NPQR-STUV-WXYZ"); /* en dash */
  assert_refused ("\xef\xbc\xa1" "BCD-EFGH-JKLM-NPQR-STUV-WXYZ"); /* fullwidth A */
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

Test (wbs, receipt_entropy_sanity)
{
  enum { N = 1000 };
  static char lookups[N][WBS_LOOKUP_LEN + 1];
  static char secrets[N][WBS_SECRET_LEN + 1];
  static char texts[N][WBS_RECEIPT_TEXT];
  char *pl[N], *pt[N], *ps[N];
  long count[256] = { 0 };
  long at[WBS_LOOKUP_LEN + WBS_SECRET_LEN][256];
  memset (at, 0, sizeof at);
  for (int i = 0; i < N; i++)
  {
    new_receipt (lookups[i], secrets[i], texts[i]);
    pl[i] = lookups[i];
    pt[i] = texts[i];
    ps[i] = secrets[i];
    for (size_t j = 0; j < WBS_LOOKUP_LEN; j++)
    {
      count[(unsigned char) lookups[i][j]]++;
      at[j][(unsigned char) lookups[i][j]]++;
    }
    for (size_t j = 0; j < WBS_SECRET_LEN; j++)
    {
      count[(unsigned char) secrets[i][j]]++;
      at[WBS_LOOKUP_LEN + j][(unsigned char) secrets[i][j]]++;
    }
  }
  qsort (pl, N, sizeof pl[0], cmp_str);
  qsort (pt, N, sizeof pt[0], cmp_str);
  qsort (ps, N, sizeof ps[0], cmp_str);
  for (int i = 1; i < N; i++)
  {
    cr_assert_str_neq (pl[i - 1], pl[i], "lookup repeated: %s", pl[i]);
    cr_assert_str_neq (pt[i - 1], pt[i], "receipt repeated: %s", pt[i]);
    cr_assert_str_neq (ps[i - 1], ps[i], "secret repeated: %s", ps[i]);
  }
  /* 24 000 characters over 32 symbols: 750 each expected; a uniform source
     stays well inside 600..900 (more than 5 standard deviations). */
  for (size_t c = 0; alphabet[c]; c++)
  {
    long n = count[(unsigned char) alphabet[c]];
    cr_assert (n > 600 && n < 900, "'%c' appears %ld times in 24000",
               alphabet[c], n);
  }
  long total = 0;
  for (size_t c = 0; c < 256; c++)
    total += count[c];
  cr_assert_eq (total, N * (WBS_LOOKUP_LEN + WBS_SECRET_LEN),
                "characters outside the alphabet");
  /* Every position varies: at least 28 of the 32 symbols in 1000 draws,
     and none takes more than 10 %. */
  for (size_t j = 0; j < WBS_LOOKUP_LEN + WBS_SECRET_LEN; j++)
  {
    int seen = 0;
    for (size_t c = 0; alphabet[c]; c++)
    {
      long n = at[j][(unsigned char) alphabet[c]];
      seen += n > 0;
      cr_assert_lt (n, 100, "position %zu: '%c' %ld times in 1000", j,
                    alphabet[c], n);
    }
    cr_assert_geq (seen, 28, "position %zu: only %d symbols", j, seen);
  }
  /* The lookup and the secret of one receipt are independent draws: the
     secret never starts with the lookup. */
  int same = 0;
  for (int i = 0; i < N; i++)
    same += 0 == strncmp (lookups[i], secrets[i], 4);
  cr_assert_lt (same, 3, "%d secrets begin like their lookup", same);
}

/* ---- lifecycle ---- */

struct arrow {
  enum wstatus from, to;
};

/* The complete list of allowed transitions (DOMAIN.md §4). */
static const struct arrow allowed[] = {
  { WS_DITERIMA, WS_DITELAAH },
  { WS_DITELAAH, WS_TIDAK_MEMENUHI },
  { WS_DITELAAH, WS_DITERUSKAN_APIP },
  { WS_DITELAAH, WS_DITERUSKAN_APH_KPK },
  { WS_DITELAAH, WS_DIINVESTIGASI },
  { WS_DIINVESTIGASI, WS_TERBUKTI },
  { WS_DIINVESTIGASI, WS_TIDAK_TERBUKTI },
  { WS_TIDAK_MEMENUHI, WS_SELESAI },
  { WS_DITERUSKAN_APIP, WS_SELESAI },
  { WS_DITERUSKAN_APH_KPK, WS_SELESAI },
  { WS_TERBUKTI, WS_SELESAI },
  { WS_TIDAK_TERBUKTI, WS_SELESAI },
};

static bool
listed (int from, int to)
{
  for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
    if ((int) allowed[i].from == from && (int) allowed[i].to == to)
      return true;
  return false;
}

Test (wbs, every_transition_matches_the_list)
{
  int n = 0;
  for (int f = 0; f < WS__COUNT; f++)
    for (int t = 0; t < WS__COUNT; t++)
    {
      bool got = wstatus_allowed (f, t);
      cr_assert_eq (got, listed (f, t), "%s -> %s: %s", wstatus_name (f),
                    wstatus_name (t), got ? "allowed" : "refused");
      n += got;
    }
  cr_assert_eq (n, (int) (sizeof allowed / sizeof allowed[0]));
}

Test (wbs, sample_of_refused_transitions)
{
  static const struct arrow refused[] = {
    { WS_DITERIMA, WS_DITERIMA },          /* no self loops */
    { WS_DITERIMA, WS_SELESAI },           /* no shortcut to the end */
    { WS_DITERIMA, WS_DIINVESTIGASI },     /* must be reviewed first */
    { WS_DITERIMA, WS_TERBUKTI },
    { WS_DITELAAH, WS_DITERIMA },          /* no going back */
    { WS_DITELAAH, WS_TERBUKTI },          /* not without investigation */
    { WS_DITELAAH, WS_SELESAI },
    { WS_DIINVESTIGASI, WS_SELESAI },      /* needs a finding */
    { WS_DIINVESTIGASI, WS_DITERUSKAN_APIP },
    { WS_TERBUKTI, WS_TIDAK_TERBUKTI },
    { WS_TIDAK_MEMENUHI, WS_DITELAAH },
    { WS_DITERUSKAN_APIP, WS_DITERUSKAN_APH_KPK },
    { WS_SELESAI, WS_DITERIMA },           /* final */
    { WS_SELESAI, WS_DITELAAH },
    { WS_SELESAI, WS_SELESAI },
  };
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
    cr_assert_not (wstatus_allowed (refused[i].from, refused[i].to),
                   "%s -> %s allowed", wstatus_name (refused[i].from),
                   wstatus_name (refused[i].to));
  /* SELESAI is final; out-of-range values are refused, not read past. */
  for (int t = 0; t < WS__COUNT; t++)
    cr_assert_not (wstatus_allowed (WS_SELESAI, t));
  cr_assert_not (wstatus_allowed (WS__COUNT, WS_SELESAI));
  cr_assert_not (wstatus_allowed ((enum wstatus) -1, WS_DITELAAH));
  cr_assert_not (wstatus_allowed (WS_DITERIMA, WS__COUNT));
}

Test (wbs, every_status_reachable_from_diterima)
{
  bool seen[WS__COUNT] = { [WS_DITERIMA] = true };
  for (int round = 0; round < WS__COUNT; round++)
    for (int f = 0; f < WS__COUNT; f++)
      for (int t = 0; t < WS__COUNT; t++)
        if (seen[f] && wstatus_allowed (f, t))
          seen[t] = true;
  for (int s = 0; s < WS__COUNT; s++)
    cr_assert (seen[s], "%s unreachable", wstatus_name (s));
}

/* ---- names and labels ---- */

Test (wbs, status_names_and_labels)
{
  static const struct {
    enum wstatus s;
    const char *name, *label_has;
  } t[] = {
    { WS_DITERIMA, "DITERIMA", "Diterima" },
    { WS_DITELAAH, "DITELAAH", "ditelaah" },
    { WS_TIDAK_MEMENUHI, "TIDAK_MEMENUHI", "Tidak memenuhi" },
    { WS_DITERUSKAN_APIP, "DITERUSKAN_APIP", "APIP" },
    { WS_DITERUSKAN_APH_KPK, "DITERUSKAN_APH_KPK", "KPK" },
    { WS_DIINVESTIGASI, "DIINVESTIGASI", "diinvestigasi" },
    { WS_TERBUKTI, "TERBUKTI", "Terbukti" },
    { WS_TIDAK_TERBUKTI, "TIDAK_TERBUKTI", "Tidak terbukti" },
    { WS_SELESAI, "SELESAI", "Selesai" },
  };
  cr_assert_eq (sizeof t / sizeof t[0], WS__COUNT);
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
  {
    cr_assert_str_eq (wstatus_name (t[i].s), t[i].name);
    cr_assert_eq (wstatus_from_name (t[i].name), (int) t[i].s, "%s",
                  t[i].name);
    const char *l = wstatus_label (t[i].s);
    cr_assert_not_null (l, "%s has no label", t[i].name);
    cr_assert_not_null (strstr (l, t[i].label_has), "%s: label '%s'",
                        t[i].name, l);
    cr_assert_str_neq (l, t[i].name, "%s: label is the code", t[i].name);
    /* labels are distinct */
    for (size_t j = 0; j < i; j++)
      cr_assert_str_neq (l, wstatus_label (t[j].s));
  }
  /* Names are exact: no case folding, no prefixes, no complaint statuses. */
  const char *unknown[] = { "diterima", "Diterima", "DITERIMA ", " SELESAI",
                            "DITERUSKAN", "DITERUSKAN_APH", "DIVERIFIKASI",
                            "", "SELESAI\n" };
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
    cr_assert_eq (wstatus_from_name (unknown[i]), -1, "'%s' accepted",
                  unknown[i]);
  cr_assert_eq (wstatus_from_name (NULL), -1);
  cr_assert_null (wstatus_name (WS__COUNT));
  cr_assert_null (wstatus_label (WS__COUNT));
  cr_assert_null (wstatus_name ((enum wstatus) -1));
}

/* ---- published counts ---- */

/* ---- the report key: derivation, sealing, opening, tampering ---- */

#include "wbs_keys.h"

Test (wbs, report_key_opens_for_the_team_and_the_receipt_only)
{
  unsigned char pk[VAULT_PK_BYTES], *sk = vault_secret_new (VAULT_SK_BYTES);
  unsigned char k[32], k2[32];
  cr_assert_not_null (sk);
  vault_keypair (pk, sk);
  char lookup[WBS_LOOKUP_LEN + 1], secret[WBS_SECRET_LEN + 1],
       text[WBS_RECEIPT_TEXT];
  wbs_receipt_new (lookup, secret, text);
  struct wbs_rec w = { 0 };
  snprintf (w.lookup, sizeof w.lookup, "%s", lookup);
  cr_assert (wbs_report_key_new (pk, lookup, secret, k, w.key_team,
                                 w.reporter_salt, w.key_reporter));

  /* The reporter, with the secret; the team, with the unit's key. */
  memset (k2, 0, sizeof k2);
  cr_assert (wbs_key_from_secret (&w, secret, k2));
  cr_assert_arr_eq (k, k2, 32);
  memset (k2, 0, sizeof k2);
  cr_assert (vault_key_open (sk, w.key_team, k2));
  cr_assert_arr_eq (k, k2, 32);

  /* A wrong secret (one character off), another report's lookup, an
     altered wrap or salt: nothing opens. */
  char wrong[WBS_SECRET_LEN + 1];
  snprintf (wrong, sizeof wrong, "%s", secret);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  cr_assert_not (wbs_key_from_secret (&w, wrong, k2));
  struct wbs_rec moved = w;
  snprintf (moved.lookup, sizeof moved.lookup, "%s",
            0 == strcmp (lookup, "AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
  cr_assert_not (wbs_key_from_secret (&moved, secret, k2));
  for (size_t i = 0; i < sizeof w.key_reporter; i += 7)
  {
    struct wbs_rec t = w;
    t.key_reporter[i] ^= 0x01;
    cr_assert_not (wbs_key_from_secret (&t, secret, k2), "byte %zu", i);
  }
  struct wbs_rec salted = w;
  salted.reporter_salt[3] ^= 0x80;
  cr_assert_not (wbs_key_from_secret (&salted, secret, k2));
  for (size_t i = 0; i < sizeof w.key_team; i += 9)
  {
    unsigned char t[sizeof w.key_team];
    memcpy (t, w.key_team, sizeof t);
    t[i] ^= 0x01;
    cr_assert_not (vault_key_open (sk, t, k2), "byte %zu", i);
  }
  /* Another unit's key does not open the team's copy. */
  unsigned char pk2[VAULT_PK_BYTES], *sk2 = vault_secret_new (VAULT_SK_BYTES);
  vault_keypair (pk2, sk2);
  cr_assert_not (vault_key_open (sk2, w.key_team, k2));

  /* Records under the key: bound to their kind and report. */
  unsigned char *ct = NULL;
  size_t len = 0;
  cr_assert (wbs_encrypt_text (k, "msg", lookup, "Uang pelicin Rp 2 juta.",
                               &ct, &len));
  cr_assert_null (memmem (ct, len, "pelicin", 7), "plain text in the record");
  char *back = wbs_decrypt_text (k, "msg", lookup, ct, len);
  cr_assert_str_eq (back, "Uang pelicin Rp 2 juta.");
  free (back);
  back = wbs_decrypt_text (k, "note", lookup, ct, len);
  cr_assert_str_eq (back, "", "a message opened as a note");
  free (back);
  back = wbs_decrypt_text (k, "msg", moved.lookup, ct, len);
  cr_assert_str_eq (back, "", "a record moved to another report opened");
  free (back);
  ct[len / 2] ^= 0x01;
  back = wbs_decrypt_text (k, "msg", lookup, ct, len);
  cr_assert_str_eq (back, "", "an altered record opened");
  free (back);
  k2[0] = k[0] ^ 0xff;
  memcpy (k2 + 1, k + 1, 31);
  ct[len / 2] ^= 0x01;
  back = wbs_decrypt_text (k2, "msg", lookup, ct, len);
  cr_assert_str_eq (back, "", "opened under another key");
  free (back);
  free (ct);
  vault_secret_free (sk);
  vault_secret_free (sk2);
}

/* Issue 10, finding 7: a message sealed now (seal 2) opens only as sent
   (sender, author, internal note or not); one written before (seal 1,
   bound to the report only, as migration 0008 marks them) still opens;
   neither opens as the other kind. */
Test (wbs, message_seal_binds_the_sender_and_old_messages_open)
{
  unsigned char k[32], *ct = NULL, *old = NULL;
  size_t len, old_len;
  cr_assert (vault_init ());
  vault_key_new (k);
  cr_assert (wbs_encrypt_message (k, "ABCD2345", "team", "wbs1", false,
                                  "Mohon datang hari Senin.", &ct, &len));
  char *t = wbs_decrypt_message (k, "ABCD2345", WBS_MSG_SEAL, "team", "wbs1",
                                 false, ct, len);
  cr_assert_str_eq (t, "Mohon datang hari Senin.");
  free (t);
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", WBS_MSG_SEAL,
                                       "reporter", NULL, false, ct, len));
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", WBS_MSG_SEAL, "team",
                                       "admin", false, ct, len));
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", WBS_MSG_SEAL, "team",
                                       "wbs1", true, ct, len));
  cr_assert_null (wbs_decrypt_message (k, "ABCD2346", WBS_MSG_SEAL, "team",
                                       "wbs1", false, ct, len));
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", 1, "team", "wbs1",
                                       false, ct, len), "opened as seal 1");
  /* Written as before the migration. */
  cr_assert (wbs_encrypt_text (k, "msg", "ABCD2345", "Pesan lama.", &old,
                               &old_len));
  t = wbs_decrypt_message (k, "ABCD2345", 1, "reporter", NULL, false, old,
                           old_len);
  cr_assert_str_eq (t, "Pesan lama.");
  free (t);
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", WBS_MSG_SEAL,
                                       "reporter", NULL, false, old,
                                       old_len), "opened as seal 2");
  cr_assert_null (wbs_decrypt_message (k, "ABCD2345", 3, "reporter", NULL,
                                       false, old, old_len));
  free (ct);
  free (old);
}
