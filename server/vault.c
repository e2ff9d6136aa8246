/* See vault.h. */
#include "vault.h"
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

static unsigned char vault_addr_key[crypto_shorthash_KEYBYTES];
static atomic_ulong vault_kdf_count;

void
vault_kdf_counted (void)
{
  atomic_fetch_add_explicit (&vault_kdf_count, 1, memory_order_relaxed);
}

unsigned long
vault_kdf_runs (void)
{
  return atomic_load_explicit (&vault_kdf_count, memory_order_relaxed);
}

bool
vault_init (void)
{
  if (sodium_init () < 0)
    return false;
  /* A per-process key: address tags cannot be reversed or compared across
     restarts, and are never written anywhere. */
  randombytes_buf (vault_addr_key, sizeof vault_addr_key);
  return true;
}

uint64_t
vault_addr_tag (const void *addr, size_t len)
{
  unsigned char out[crypto_shorthash_BYTES];
  uint64_t v;
  crypto_shorthash (out, addr, len, vault_addr_key);
  memcpy (&v, out, sizeof v);
  return v;
}

void
vault_random (void *out, size_t len)
{
  randombytes_buf (out, len);
}

void
vault_random_hex (char *out, size_t len)
{
  unsigned char raw[64];
  if (len > sizeof raw)
    len = sizeof raw;
  randombytes_buf (raw, len);
  sodium_bin2hex (out, 2 * len + 1, raw, len);
  sodium_memzero (raw, sizeof raw);
}

void
vault_sortable_id (char out[33])
{
  unsigned char raw[16];
  struct timespec ts;
  clock_gettime (CLOCK_REALTIME, &ts);
  uint64_t ms = (uint64_t) ts.tv_sec * 1000 + (uint64_t) ts.tv_nsec / 1000000;
  for (int i = 0; i < 6; i++)
    raw[i] = (unsigned char) (ms >> (40 - 8 * i));
  randombytes_buf (raw + 6, 10);
  sodium_bin2hex (out, 33, raw, sizeof raw);
}

void
vault_sha256_hex (const void *data, size_t len, char out[65])
{
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256 (h, data, len);
  sodium_bin2hex (out, 65, h, sizeof h);
}

_Static_assert (sizeof (crypto_hash_sha256_state)
                <= sizeof (((struct vault_sha256 *) 0)->opaque),
                "vault_sha256 too small for libsodium's state");

void
vault_sha256_init (struct vault_sha256 *h)
{
  crypto_hash_sha256_init ((crypto_hash_sha256_state *) h->opaque);
}

void
vault_sha256_update (struct vault_sha256 *h, const void *data, size_t len)
{
  crypto_hash_sha256_update ((crypto_hash_sha256_state *) h->opaque, data,
                             len);
}

void
vault_sha256_final (struct vault_sha256 *h, char out[65])
{
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final ((crypto_hash_sha256_state *) h->opaque, d);
  sodium_bin2hex (out, 65, d, sizeof d);
}

bool
vault_password_hash (const char *password, char out[VAULT_PWHASH_LEN])
{
  _Static_assert (VAULT_PWHASH_LEN >= crypto_pwhash_STRBYTES, "hash size");
  vault_kdf_counted ();
  return 0 == crypto_pwhash_str (out, password, strlen (password),
                                 crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool
vault_code_hash (const char *code, char out[VAULT_PWHASH_LEN])
{
  vault_kdf_counted ();
  return 0 == crypto_pwhash_str_alg (out, code, strlen (code),
                                     crypto_pwhash_OPSLIMIT_MIN,
                                     crypto_pwhash_MEMLIMIT_MIN,
                                     crypto_pwhash_ALG_ARGON2ID13);
}

bool
vault_password_verify (const char *hash, const char *password)
{
  vault_kdf_counted ();
  return 0 == crypto_pwhash_str_verify (hash, password, strlen (password));
}

bool
vault_equal (const void *a, const void *b, size_t len)
{
  return 0 == sodium_memcmp (a, b, len);
}

void
vault_hex (const void *in, size_t len, char *out)
{
  sodium_bin2hex (out, 2 * len + 1, in, len);
}

bool
vault_unhex (const char *hex, void *out, size_t len)
{
  size_t got = 0;
  const char *end = NULL;
  if (NULL == hex || strlen (hex) != 2 * len)
    return false;
  return 0 == sodium_hex2bin (out, len, hex, 2 * len, NULL, &got, &end)
         && got == len && end == hex + 2 * len;
}

/* libsodium's Ed25519 secret key is seed || public key: made on the stack
   of each call from the seed, and wiped. */
void
vault_sign_keypair (unsigned char pk[VAULT_SIGN_PK_BYTES],
                    unsigned char *seed)
{
  randombytes_buf (seed, VAULT_SIGN_SEED_BYTES);
  vault_sign_public (seed, pk);
}

void
vault_sign_public (const unsigned char *seed,
                   unsigned char pk[VAULT_SIGN_PK_BYTES])
{
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair (pk, sk, seed);
  sodium_memzero (sk, sizeof sk);
}

void
vault_sign (const unsigned char *seed, const void *msg, size_t len,
            unsigned char sig[VAULT_SIGNATURE_BYTES])
{
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair (pk, sk, seed);
  crypto_sign_detached (sig, NULL, msg, len, sk);
  sodium_memzero (sk, sizeof sk);
}

bool
vault_sign_verify (const unsigned char pk[VAULT_SIGN_PK_BYTES],
                   const void *msg, size_t len,
                   const unsigned char sig[VAULT_SIGNATURE_BYTES])
{
  return 0 == crypto_sign_verify_detached (sig, msg, len, pk);
}
