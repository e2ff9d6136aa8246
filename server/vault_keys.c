/*
 * The key hierarchy: user keys wrapped under Argon2id, unit keys sealed to
 * users and wrapped under the recovery key, per-record keys.  See vault.h.
 */
#include "vault.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert (VAULT_PK_BYTES == crypto_box_PUBLICKEYBYTES, "pk");
_Static_assert (VAULT_SK_BYTES == crypto_box_SECRETKEYBYTES, "sk");
_Static_assert (VAULT_SEALED_BYTES == 32 + crypto_box_SEALBYTES, "seal");
_Static_assert (VAULT_NONCE_BYTES
                == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce");
_Static_assert (VAULT_MAC_BYTES == crypto_aead_xchacha20poly1305_ietf_ABYTES,
                "mac");
_Static_assert (VAULT_SALT_BYTES == crypto_pwhash_SALTBYTES, "salt");

static const char user_ad_prefix[] = "wadah user key v1";

unsigned char *
vault_secret_new (size_t n)
{
  unsigned char *p = sodium_malloc (n);
  if (p)
    sodium_memzero (p, n);
  return p;
}

void
vault_secret_free (void *p)
{
  if (p)
    sodium_free (p);   /* wipes before freeing */
}

void
vault_wipe (void *p, size_t n)
{
  sodium_memzero (p, n);
}

/* Argon2id(password, salt) -> 32-byte key in secret memory. */
static unsigned char *
derive (const char *password, const unsigned char salt[VAULT_SALT_BYTES])
{
  unsigned char *k = vault_secret_new (32);
  if (NULL == k)
    return NULL;
  vault_kdf_counted ();
  if (0 != crypto_pwhash (k, 32, password, strlen (password), salt,
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE,
                          crypto_pwhash_ALG_ARGON2ID13))
  {
    vault_secret_free (k);
    return NULL;
  }
  return k;
}

static void
user_ad (const unsigned char pk[VAULT_PK_BYTES], unsigned char ad[64])
{
  memcpy (ad, user_ad_prefix, sizeof user_ad_prefix - 1);
  memcpy (ad + sizeof user_ad_prefix - 1, pk, VAULT_PK_BYTES);
}

static void
aead_wrap (const unsigned char *key, const unsigned char *secret,
           const unsigned char *ad, size_t adlen,
           unsigned char wrapped[VAULT_WRAPPED_BYTES])
{
  randombytes_buf (wrapped, VAULT_NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped + VAULT_NONCE_BYTES,
                                              NULL, secret, 32, ad, adlen,
                                              NULL, wrapped, key);
}

static bool
aead_unwrap (const unsigned char *key,
             const unsigned char wrapped[VAULT_WRAPPED_BYTES],
             const unsigned char *ad, size_t adlen, unsigned char *secret)
{
  return 0 == crypto_aead_xchacha20poly1305_ietf_decrypt (
    secret, NULL, NULL, wrapped + VAULT_NONCE_BYTES,
    VAULT_WRAPPED_BYTES - VAULT_NONCE_BYTES, ad, adlen, wrapped, key);
}

bool
vault_user_rewrap (const unsigned char *sk,
                   const unsigned char pk[VAULT_PK_BYTES],
                   const char *password, unsigned char salt[VAULT_SALT_BYTES],
                   unsigned char wrapped[VAULT_WRAPPED_BYTES])
{
  unsigned char ad[64];
  randombytes_buf (salt, VAULT_SALT_BYTES);
  unsigned char *k = derive (password, salt);
  if (NULL == k)
    return false;
  user_ad (pk, ad);
  aead_wrap (k, sk, ad, sizeof user_ad_prefix - 1 + VAULT_PK_BYTES, wrapped);
  vault_secret_free (k);
  return true;
}

bool
vault_user_keygen (const char *password, unsigned char pk[VAULT_PK_BYTES],
                   unsigned char salt[VAULT_SALT_BYTES],
                   unsigned char wrapped[VAULT_WRAPPED_BYTES])
{
  unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
  if (NULL == sk)
    return false;
  crypto_box_keypair (pk, sk);
  bool ok = vault_user_rewrap (sk, pk, password, salt, wrapped);
  vault_secret_free (sk);
  return ok;
}

bool
vault_user_unlock (const char *password,
                   const unsigned char pk[VAULT_PK_BYTES],
                   const unsigned char salt[VAULT_SALT_BYTES],
                   const unsigned char wrapped[VAULT_WRAPPED_BYTES],
                   unsigned char *sk)
{
  unsigned char ad[64];
  unsigned char *k = derive (password, salt);
  if (NULL == k)
    return false;
  user_ad (pk, ad);
  bool ok = aead_unwrap (k, wrapped, ad,
                         sizeof user_ad_prefix - 1 + VAULT_PK_BYTES, sk);
  vault_secret_free (k);
  return ok && vault_key_matches (pk, sk);
}

void
vault_keypair (unsigned char pk[VAULT_PK_BYTES], unsigned char *sk)
{
  crypto_box_keypair (pk, sk);
}

bool
vault_key_matches (const unsigned char pk[VAULT_PK_BYTES],
                   const unsigned char *sk)
{
  unsigned char derived[VAULT_PK_BYTES];
  crypto_scalarmult_base (derived, sk);
  return 0 == sodium_memcmp (derived, pk, VAULT_PK_BYTES);
}

void
vault_seal_key (const unsigned char *secret,
                const unsigned char recipient_pk[VAULT_PK_BYTES],
                unsigned char sealed[VAULT_SEALED_BYTES])
{
  crypto_box_seal (sealed, secret, 32, recipient_pk);
}

bool
vault_open_key (const unsigned char sealed[VAULT_SEALED_BYTES],
                const unsigned char pk[VAULT_PK_BYTES],
                const unsigned char *sk, unsigned char *out)
{
  return 0 == crypto_box_seal_open (out, sealed, VAULT_SEALED_BYTES, pk, sk);
}

/* ---- recovery key ---- */

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
vault_base32 (const unsigned char *in, size_t len, char *out)
{
  size_t o = 0;
  unsigned int acc = 0;
  int bits = 0;
  for (size_t i = 0; i < len; i++)
  {
    acc = (acc << 8) | in[i];
    bits += 8;
    while (bits >= 5)
    {
      out[o++] = b32[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0)
    out[o++] = b32[(acc << (5 - bits)) & 31];
  out[o] = '\0';
}

void
vault_recovery_new (unsigned char *key, char text[VAULT_RECOVERY_TEXT])
{
  char plain[60];
  size_t o = 0;
  randombytes_buf (key, 32);
  vault_base32 (key, 32, plain);            /* 52 characters */
  for (size_t i = 0; plain[i]; i++)
  {
    if (i > 0 && i % 4 == 0)
      text[o++] = '-';
    text[o++] = plain[i];
  }
  text[o] = '\0';
  sodium_memzero (plain, sizeof plain);
}

bool
vault_recovery_parse (const char *text, unsigned char *key)
{
  unsigned int acc = 0;
  int bits = 0;
  size_t o = 0, chars = 0;
  for (; *text; text++)
  {
    char c = *text;
    if (c == '-' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
      continue;
    if (c >= 'a' && c <= 'z')
      c = (char) (c - 'a' + 'A');
    const char *p = strchr (b32, c);
    if (NULL == p || c == '\0')
      return false;
    acc = (acc << 5) | (unsigned int) (p - b32);
    bits += 5;
    chars++;
    if (bits >= 8)
    {
      if (o == 32)
        return false;
      key[o++] = (unsigned char) (acc >> (bits - 8));
      bits -= 8;
    }
  }
  return o == 32 && chars == 52;
}

void
vault_wrap_key (const unsigned char *key, const unsigned char *secret,
                const char *ad, unsigned char wrapped[VAULT_WRAPPED_BYTES])
{
  aead_wrap (key, secret, (const unsigned char *) ad, strlen (ad), wrapped);
}

bool
vault_unwrap_key (const unsigned char *key,
                  const unsigned char wrapped[VAULT_WRAPPED_BYTES],
                  const char *ad, unsigned char *secret)
{
  return aead_unwrap (key, wrapped, (const unsigned char *) ad, strlen (ad),
                      secret);
}

/* ---- records ---- */

_Static_assert (VAULT_RECORD_KEY_BYTES
                == crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES + 32
                   + crypto_box_MACBYTES, "record key");

#define EPHEMERAL_SECONDS 1
#define EPHEMERAL_USES 1000

/* Sealing a record key to a unit public key.
 *
 * sealed = ephemeral public key (32) || nonce (24) || box (32 + 16)
 *
 * One X25519 exchange per thread serves up to EPHEMERAL_USES records made
 * within EPHEMERAL_SECONDS (an exchange per record would cost more than
 * everything else a complaint costs), but no key that sealed a record
 * outlives it.  The exchange gives a chain key c0 (crypto_box_beforenm
 * of the unit public key and the ephemeral secret key, which is wiped at
 * once); record i is boxed (XSalsa20-Poly1305) under
 *
 *     b_i || c_{i+1} = the first 64 bytes of ChaCha20 keyed with c_i
 *
 * (Bernstein's "fast key erasure" generator), and c_i and b_i are wiped
 * right after sealing it (issue 10, finding 7).  What stays in the
 * thread's memory between records is c_{i+1}, from which no earlier b or
 * c can be computed (that would break ChaCha20 as a PRF), so a memory
 * snapshot of the server opens no record sealed before it.  The nonce
 * says which record of the chain this is: 8 bytes "wadahCK1", i in 4
 * bytes (big-endian), 12 random bytes.  The holder of the unit secret key
 * recomputes c0 and steps the chain i times (at most EPHEMERAL_USES).
 *
 * Records sealed before the chain existed (random nonce, boxed under c0
 * itself) still open: a nonce without the marker, or whose chained box
 * does not open, is opened as one of those. */
static const unsigned char chain_mark[8] = { 'w', 'a', 'd', 'a', 'h', 'C',
                                             'K', '1' };

/* This thread's chain for one unit public key: c_i in secret memory, the
   ephemeral public key, and i. */
static __thread struct {
  unsigned char unit_pk[VAULT_PK_BYTES];
  unsigned char eph_pk[VAULT_PK_BYTES];
  unsigned char *chain;
  time_t born;
  unsigned int uses;
} eph;

/* B = the box key of chain key C; then C becomes the next chain key: the
   first 64 bytes of ChaCha20 under C (the "fast key erasure" generator). */
static void
chain_step (unsigned char *c, unsigned char *b)
{
  static const unsigned char zero_nonce[crypto_stream_chacha20_NONCEBYTES];
  unsigned char out[64];
  crypto_stream_chacha20 (out, sizeof out, zero_nonce, c);
  memcpy (b, out, 32);
  memcpy (c, out + 32, 32);
  sodium_memzero (out, sizeof out);
}

static bool
ephemeral_for (const unsigned char unit_pk[VAULT_PK_BYTES])
{
  time_t now = time (NULL);
  if (eph.chain && eph.uses < EPHEMERAL_USES
      && now - eph.born < EPHEMERAL_SECONDS
      && 0 == memcmp (eph.unit_pk, unit_pk, VAULT_PK_BYTES))
    return true;
  if (NULL == eph.chain && NULL == (eph.chain = vault_secret_new (
                                      crypto_box_BEFORENMBYTES)))
    return false;
  unsigned char *esk = vault_secret_new (crypto_box_SECRETKEYBYTES);
  if (NULL == esk)
    return false;
  crypto_box_keypair (eph.eph_pk, esk);
  int rc = crypto_box_beforenm (eph.chain, unit_pk, esk);
  vault_secret_free (esk);
  if (0 != rc)
  {
    sodium_memzero (eph.chain, crypto_box_BEFORENMBYTES);
    eph.uses = EPHEMERAL_USES;      /* never used as it is */
    return false;
  }
  memcpy (eph.unit_pk, unit_pk, VAULT_PK_BYTES);
  eph.born = now;
  eph.uses = 0;
  return true;
}

void
vault_key_new (unsigned char k[32])
{
  crypto_aead_xchacha20poly1305_ietf_keygen (k);
}

_Static_assert (crypto_box_BEFORENMBYTES == 32
                && crypto_secretbox_KEYBYTES == 32
                && crypto_box_NONCEBYTES == crypto_secretbox_NONCEBYTES
                && crypto_box_MACBYTES == crypto_secretbox_MACBYTES,
                "crypto_box_afternm is crypto_secretbox");

bool
vault_key_seal (const unsigned char unit_pk[VAULT_PK_BYTES],
                const unsigned char k[32],
                unsigned char sealed_key[VAULT_RECORD_KEY_BYTES])
{
  unsigned char b[32];
  if (! ephemeral_for (unit_pk))
    return false;
  unsigned char *p = sealed_key;
  memcpy (p, eph.eph_pk, VAULT_PK_BYTES);
  p += VAULT_PK_BYTES;
  memcpy (p, chain_mark, sizeof chain_mark);
  for (int i = 0; i < 4; i++)
    p[8 + i] = (unsigned char) (eph.uses >> (24 - 8 * i));
  randombytes_buf (p + 12, crypto_box_NONCEBYTES - 12);
  chain_step (eph.chain, b);
  eph.uses++;
  crypto_secretbox_easy (p + crypto_box_NONCEBYTES, k, 32, p, b);
  sodium_memzero (b, sizeof b);
  return true;
}

bool
vault_key_open (const unsigned char *unit_sk,
                const unsigned char sealed_key[VAULT_RECORD_KEY_BYTES],
                unsigned char k[32])
{
  const unsigned char *nonce = sealed_key + VAULT_PK_BYTES;
  const unsigned char *box = nonce + crypto_box_NONCEBYTES;
  unsigned char c[32], b[32];
  bool ok = false;
  if (0 != crypto_box_beforenm (c, sealed_key, unit_sk))
    return false;
  if (0 == memcmp (nonce, chain_mark, sizeof chain_mark))
  {
    unsigned long i = 0;
    for (int n = 0; n < 4; n++)
      i = (i << 8) | nonce[8 + n];
    if (i < EPHEMERAL_USES)
    {
      unsigned char ci[32];
      memcpy (ci, c, sizeof ci);
      for (unsigned long n = 0; n <= i; n++)
        chain_step (ci, b);
      ok = 0 == crypto_secretbox_open_easy (k, box, 32 + crypto_box_MACBYTES,
                                            nonce, b);
      sodium_memzero (ci, sizeof ci);
      sodium_memzero (b, sizeof b);
    }
  }
  if (! ok)      /* sealed before the chain (box under c0 itself) */
    ok = 0 == crypto_box_open_easy_afternm (k, box,
                                            32 + crypto_box_MACBYTES, nonce,
                                            c);
  sodium_memzero (c, sizeof c);
  return ok;
}

bool
vault_encrypt (const unsigned char k[32], const char *ad, const void *plain,
               size_t len, unsigned char **out, size_t *out_len)
{
  size_t n = VAULT_NONCE_BYTES + len + VAULT_MAC_BYTES;
  unsigned char *o = malloc (n);
  if (NULL == o)
    return false;
  randombytes_buf (o, VAULT_NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (o + VAULT_NONCE_BYTES, NULL,
                                              plain, len,
                                              (const unsigned char *) ad,
                                              strlen (ad), NULL, o, k);
  *out = o;
  *out_len = n;
  return true;
}

bool
vault_decrypt (const unsigned char k[32], const char *ad,
               const unsigned char *ct, size_t ct_len, char **out,
               size_t *out_len)
{
  if (ct_len < VAULT_NONCE_BYTES + VAULT_MAC_BYTES)
    return false;
  size_t n = ct_len - VAULT_NONCE_BYTES - VAULT_MAC_BYTES;
  char *o = malloc (n + 1);
  if (NULL == o)
    return false;
  if (0 != crypto_aead_xchacha20poly1305_ietf_decrypt (
        (unsigned char *) o, NULL, NULL, ct + VAULT_NONCE_BYTES,
        ct_len - VAULT_NONCE_BYTES, (const unsigned char *) ad, strlen (ad),
        ct, k))
  {
    free (o);
    return false;
  }
  o[n] = '\0';
  *out = o;
  *out_len = n;
  return true;
}

bool
vault_secret_key (const char *secret,
                  const unsigned char salt[VAULT_SALT_BYTES],
                  unsigned char k[32])
{
  vault_kdf_counted ();
  return 0 == crypto_pwhash (k, 32, secret, strlen (secret), salt,
                             crypto_pwhash_OPSLIMIT_MIN,
                             crypto_pwhash_MEMLIMIT_MIN,
                             crypto_pwhash_ALG_ARGON2ID13);
}

bool
vault_record_seal (const unsigned char unit_pk[VAULT_PK_BYTES],
                   const char *ad, const void *plain, size_t len,
                   unsigned char **ct, size_t *ct_len,
                   unsigned char sealed_key[VAULT_RECORD_KEY_BYTES])
{
  /* The record key lives for microseconds: a wiped stack buffer, not
     sodium_malloc (whose mmap/mprotect per call costs more than all the
     cryptography here). */
  unsigned char k[32];
  vault_key_new (k);
  bool ok = vault_key_seal (unit_pk, k, sealed_key)
            && vault_encrypt (k, ad, plain, len, ct, ct_len);
  sodium_memzero (k, sizeof k);
  return ok;
}

bool
vault_record_open (const unsigned char unit_pk[VAULT_PK_BYTES],
                   const unsigned char *unit_sk,
                   const unsigned char sealed_key[VAULT_RECORD_KEY_BYTES],
                   const char *ad, const unsigned char *ct, size_t ct_len,
                   char **plain, size_t *len)
{
  unsigned char k[32];
  (void) unit_pk;
  bool ok = vault_key_open (unit_sk, sealed_key, k)
            && vault_decrypt (k, ad, ct, ct_len, plain, len);
  sodium_memzero (k, sizeof k);
  return ok;
}

/* ---- hashing ---- */

void
vault_hash_parts (unsigned char out[VAULT_HASH_BYTES], size_t n,
                  const void *const *parts, const size_t *lens)
{
  crypto_generichash_state st;
  crypto_generichash_init (&st, NULL, 0, VAULT_HASH_BYTES);
  for (size_t i = 0; i < n; i++)
  {
    /* Length-prefix each part so that part boundaries are unambiguous. */
    unsigned char l[8];
    uint64_t v = lens[i];
    for (int b = 0; b < 8; b++)
      l[b] = (unsigned char) (v >> (8 * b));
    crypto_generichash_update (&st, l, sizeof l);
    crypto_generichash_update (&st, parts[i], lens[i]);
  }
  crypto_generichash_final (&st, out, VAULT_HASH_BYTES);
}

void
vault_token_hash (const unsigned char token[VAULT_TOKEN_BYTES],
                  unsigned char out[VAULT_HASH_BYTES])
{
  crypto_generichash (out, VAULT_HASH_BYTES, token, VAULT_TOKEN_BYTES, NULL,
                      0);
}

void
vault_seal (const void *msg, size_t len,
            const unsigned char pk[VAULT_PK_BYTES], unsigned char *sealed)
{
  crypto_box_seal (sealed, msg, len, pk);
}

bool
vault_open_sealed (const unsigned char *sealed, size_t sealed_len,
                   const unsigned char pk[VAULT_PK_BYTES],
                   const unsigned char *sk, unsigned char *out)
{
  if (sealed_len < VAULT_SEAL_OVERHEAD)
    return false;
  return 0 == crypto_box_seal_open (out, sealed, sealed_len, pk, sk);
}
