/* The vault: user key wrapping, sealing unit keys to users, the recovery
   key, records, tampering, TOTP. */
#include "vault.h"
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static void
init (void)
{
  cr_assert (vault_init ());
}

TestSuite (vault, .init = init);

Test (vault, user_key_round_trip_and_wrong_password)
{
  unsigned char pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES];
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
  cr_assert (vault_user_keygen ("kata sandi panjang", pk, salt, wrapped));
  cr_assert (vault_user_unlock ("kata sandi panjang", pk, salt, wrapped, sk));
  cr_assert (vault_key_matches (pk, sk));
  cr_assert_not (vault_user_unlock ("kata sandi panjanG", pk, salt, wrapped,
                                    sk));
  /* Tampering with any byte of the wrap, or swapping the public key, is
     detected. */
  for (size_t i = 0; i < VAULT_WRAPPED_BYTES; i += 7)
  {
    wrapped[i] ^= 1;
    cr_assert_not (vault_user_unlock ("kata sandi panjang", pk, salt,
                                      wrapped, sk), "byte %zu", i);
    wrapped[i] ^= 1;
  }
  unsigned char other[VAULT_PK_BYTES];
  memcpy (other, pk, sizeof other);
  other[0] ^= 1;
  cr_assert_not (vault_user_unlock ("kata sandi panjang", other, salt,
                                    wrapped, sk));
  /* Re-wrapping under a new password keeps the same key pair. */
  cr_assert (vault_user_unlock ("kata sandi panjang", pk, salt, wrapped, sk));
  cr_assert (vault_user_rewrap (sk, pk, "sandi baru yang panjang", salt,
                                wrapped));
  cr_assert_not (vault_user_unlock ("kata sandi panjang", pk, salt, wrapped,
                                    sk));
  cr_assert (vault_user_unlock ("sandi baru yang panjang", pk, salt, wrapped,
                                sk));
  vault_secret_free (sk);
}

Test (vault, grant_seals_unit_key_to_one_user_only)
{
  unsigned char upk[32], apk[32], bpk[32], sealed[VAULT_SEALED_BYTES];
  unsigned char *usk = vault_secret_new (32), *ask = vault_secret_new (32);
  unsigned char *bsk = vault_secret_new (32), *got = vault_secret_new (32);
  vault_keypair (upk, usk);
  vault_keypair (apk, ask);
  vault_keypair (bpk, bsk);
  vault_seal_key (usk, apk, sealed);
  cr_assert (vault_open_key (sealed, apk, ask, got));
  cr_assert_eq (memcmp (got, usk, 32), 0);
  cr_assert (vault_key_matches (upk, got));
  cr_assert_not (vault_open_key (sealed, bpk, bsk, got), "wrong recipient");
  sealed[40] ^= 0x80;
  cr_assert_not (vault_open_key (sealed, apk, ask, got), "tampered");
  vault_secret_free (usk);
  vault_secret_free (ask);
  vault_secret_free (bsk);
  vault_secret_free (got);
}

Test (vault, recovery_key_text_and_wrap)
{
  unsigned char *key = vault_secret_new (32), *again = vault_secret_new (32);
  unsigned char *secret = vault_secret_new (32), *out = vault_secret_new (32);
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  char text[VAULT_RECOVERY_TEXT];
  vault_recovery_new (key, text);
  cr_assert_eq (strlen (text), 52 + 12);
  cr_assert (vault_recovery_parse (text, again));
  cr_assert_eq (memcmp (key, again, 32), 0);
  /* Typed in lower case, with spaces instead of dashes. */
  char typed[VAULT_RECOVERY_TEXT];
  for (size_t i = 0; text[i]; i++)
    typed[i] = text[i] == '-' ? ' ' : (char) (text[i] | 0x20);
  typed[strlen (text)] = '\0';
  cr_assert (vault_recovery_parse (typed, again));
  cr_assert_eq (memcmp (key, again, 32), 0);
  cr_assert_not (vault_recovery_parse ("ABCD-EFGH", again));
  text[5] = '1';   /* not in the alphabet */
  cr_assert_not (vault_recovery_parse (text, again));

  memset (secret, 0x5a, 32);
  vault_wrap_key (key, secret, "unit:1:identity", wrapped);
  cr_assert (vault_unwrap_key (key, wrapped, "unit:1:identity", out));
  cr_assert_eq (memcmp (secret, out, 32), 0);
  cr_assert_not (vault_unwrap_key (key, wrapped, "unit:1:wbs", out));
  cr_assert_not (vault_unwrap_key (again == key ? key : secret, wrapped,
                                   "unit:1:identity", out));
  vault_secret_free (key);
  vault_secret_free (again);
  vault_secret_free (secret);
  vault_secret_free (out);
}

Test (vault, record_seal_open_and_tampering)
{
  unsigned char upk[32], sealed[VAULT_RECORD_KEY_BYTES];
  unsigned char *usk = vault_secret_new (32);
  unsigned char *ct;
  size_t ct_len, len;
  char *plain;
  const char *msg = "{\"name\":\"Siti Aminah\",\"nik\":\"3577014101900001\"}";
  vault_keypair (upk, usk);
  cr_assert (vault_record_seal (upk, "complaint:7", msg, strlen (msg), &ct,
                                &ct_len, sealed));
  cr_assert_null (memmem (ct, ct_len, "Siti", 4), "plaintext in ciphertext");
  cr_assert (vault_record_open (upk, usk, sealed, "complaint:7", ct, ct_len,
                                &plain, &len));
  cr_assert_str_eq (plain, msg);
  free (plain);
  /* Moved to another row: the associated data no longer matches. */
  cr_assert_not (vault_record_open (upk, usk, sealed, "complaint:8", ct,
                                    ct_len, &plain, &len));
  ct[ct_len / 2] ^= 1;
  cr_assert_not (vault_record_open (upk, usk, sealed, "complaint:7", ct,
                                    ct_len, &plain, &len));
  ct[ct_len / 2] ^= 1;
  cr_assert_not (vault_record_open (upk, usk, sealed, "complaint:7", ct, 10,
                                    &plain, &len));
  /* A tampered sealed key, or another unit's key, does not open. */
  sealed[40] ^= 1;
  cr_assert_not (vault_record_open (upk, usk, sealed, "complaint:7", ct,
                                    ct_len, &plain, &len));
  sealed[40] ^= 1;
  cr_assert (vault_record_open (upk, usk, sealed, "complaint:7", ct, ct_len,
                                &plain, &len));
  free (plain);
  unsigned char opk[32];
  unsigned char *osk = vault_secret_new (32);
  vault_keypair (opk, osk);
  cr_assert_not (vault_record_open (opk, osk, sealed, "complaint:7", ct,
                                    ct_len, &plain, &len));
  vault_secret_free (osk);
  /* Records sealed in a row share the ephemeral key but open alone. */
  unsigned char *ct2;
  size_t ct2_len;
  unsigned char sealed2[VAULT_RECORD_KEY_BYTES];
  cr_assert (vault_record_seal (upk, "complaint:8", "dua", 3, &ct2, &ct2_len,
                                sealed2));
  cr_assert_not (vault_record_open (upk, usk, sealed, "complaint:8", ct2,
                                    ct2_len, &plain, &len));
  cr_assert (vault_record_open (upk, usk, sealed2, "complaint:8", ct2,
                                ct2_len, &plain, &len));
  cr_assert_str_eq (plain, "dua");
  free (plain);
  free (ct2);
  free (ct);
  vault_secret_free (usk);
}

Test (vault, totp_rfc6238_vectors)
{
  const unsigned char *secret = (const unsigned char *) "12345678901234567890";
  struct { uint64_t t; const char *code; } v[] = {
    { 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
    { 1234567890, "005924" }, { 2000000000, "279037" },
    { 20000000000ULL, "353130" },
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
  {
    char code[7];
    vault_totp_code (secret, 20, v[i].t / 30, code);
    cr_assert_str_eq (code, v[i].code, "T=%llu", (unsigned long long) v[i].t);
    cr_assert_eq (vault_totp_check (secret, 20, v[i].t, v[i].code),
                  (int64_t) (v[i].t / 30));
  }
  /* One step of clock drift either way is accepted, two are not. */
  cr_assert_geq (vault_totp_check (secret, 20, 59 + 30, "287082"), 0);
  cr_assert_lt (vault_totp_check (secret, 20, 59 + 60, "287082"), 0);
  cr_assert_lt (vault_totp_check (secret, 20, 59, "287083"), 0);
  cr_assert_lt (vault_totp_check (secret, 20, 59, "28708"), 0);
  cr_assert_lt (vault_totp_check (secret, 20, 59, NULL), 0);
}

Test (vault, hashes_and_tokens)
{
  unsigned char a[32], b[32];
  const void *p1[] = { "ab", "c" };
  const void *p2[] = { "a", "bc" };
  size_t l1[] = { 2, 1 }, l2[] = { 1, 2 };
  vault_hash_parts (a, 2, p1, l1);
  vault_hash_parts (b, 2, p2, l2);
  cr_assert_neq (memcmp (a, b, 32), 0, "part boundaries must matter");
  cr_assert_eq (vault_addr_tag ("1.2.3.4", 7), vault_addr_tag ("1.2.3.4", 7));
  cr_assert_neq (vault_addr_tag ("1.2.3.4", 7), vault_addr_tag ("1.2.3.5", 7));
  char b32[80];
  vault_base32 ((const unsigned char *) "foobar", 6, b32);
  cr_assert_str_eq (b32, "MZXW6YTBOI");
}

/* SHA-256 in pieces equals SHA-256 at once (FIPS 180-2 "abc" and the
   two-block vector), whatever the cut. */
Test (vault, sha256_streamed_in_pieces)
{
  static const char abc2[] =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  char once[65], streamed[65];
  struct vault_sha256 h;
  vault_sha256_init (&h);
  vault_sha256_update (&h, "a", 1);
  vault_sha256_update (&h, "bc", 2);
  vault_sha256_final (&h, streamed);
  cr_assert_str_eq (streamed, "ba7816bf8f01cfea414140de5dae2223"
                    "b00361a396177a9cb410ff61f20015ad");
  vault_sha256_hex (abc2, strlen (abc2), once);
  cr_assert_str_eq (once, "248d6a61d20638b8e5c026930c3e6039"
                    "a33ce45964ff2167f6ecedd419db06c1");
  for (size_t cut = 0; cut <= strlen (abc2); cut++)
  {
    vault_sha256_init (&h);
    vault_sha256_update (&h, abc2, cut);
    vault_sha256_update (&h, abc2 + cut, strlen (abc2) - cut);
    vault_sha256_final (&h, streamed);
    cr_assert_str_eq (streamed, once, "cut at %zu", cut);
  }
  vault_sha256_init (&h);
  vault_sha256_final (&h, streamed);
  cr_assert_str_eq (streamed, "e3b0c44298fc1c149afbf4c8996fb924"
                    "27ae41e4649b934ca495991b7852b855");
}

/* Issue 10, finding 7: the key that seals a record key is wiped right
   after use.  Record keys sealed in a row come from one X25519 exchange
   but each under its own step of a one-way chain (vault_keys.c); every
   one opens with the unit key, past the 1000 a chain serves; one whose
   place in the chain was altered does not; one sealed before the chain
   (boxed under the exchange's key itself) still does. */
Test (vault, sealed_record_keys_chain_and_old_ones_open)
{
  enum { N = 1005 };
  unsigned char upk[32];
  unsigned char *usk = vault_secret_new (32);
  vault_keypair (upk, usk);
  unsigned char (*sealed)[VAULT_RECORD_KEY_BYTES] = malloc (
    N * sizeof *sealed);
  unsigned char (*keys)[32] = malloc (N * sizeof *keys);
  for (int i = 0; i < N; i++)
  {
    vault_key_new (keys[i]);
    cr_assert (vault_key_seal (upk, keys[i], sealed[i]));
  }
  for (int i = 0; i < N; i++)
  {
    unsigned char k[32];
    cr_assert (vault_key_open (usk, sealed[i], k), "record %d", i);
    cr_assert_eq (memcmp (k, keys[i], 32), 0, "record %d", i);
  }
  /* A record key told it is another one of its chain does not open. */
  unsigned char k[32];
  sealed[5][32 + 11] ^= 1;
  cr_assert_not (vault_key_open (usk, sealed[5], k));
  sealed[5][32 + 11] ^= 1;
  cr_assert (vault_key_open (usk, sealed[5], k));
  /* A record key sealed the way it was before the chain. */
  unsigned char old[VAULT_RECORD_KEY_BYTES], epk[32], esk[32], pre[32];
  crypto_box_keypair (epk, esk);
  cr_assert_eq (crypto_box_beforenm (pre, upk, esk), 0);
  memcpy (old, epk, 32);
  randombytes_buf (old + 32, crypto_box_NONCEBYTES);
  crypto_box_easy_afternm (old + 32 + crypto_box_NONCEBYTES, keys[0], 32,
                           old + 32, pre);
  cr_assert (vault_key_open (usk, old, k));
  cr_assert_eq (memcmp (k, keys[0], 32), 0);
  free (sealed);
  free (keys);
  vault_secret_free (usk);
}
