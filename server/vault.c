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
