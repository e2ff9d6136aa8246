/* See custody.h. */
#include "custody.h"
#include "embed.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void
unit_ad (int64_t unit_id, enum key_kind kind, char *out, size_t cap)
{
  snprintf (out, cap, "wadah unit key v1:%lld:%s", (long long) unit_id,
            key_kind_name (kind));
}

enum store_status
custody_unit_keys_create (struct store_conn *c, int64_t unit_id,
                          const unsigned char *recovery)
{
  for (int k = 0; k < KEY_KINDS; k++)
  {
    unsigned char pk[VAULT_PK_BYTES], wrapped[VAULT_WRAPPED_BYTES];
    unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
    char ad[80];
    if (NULL == sk)
      return STORE_HARD_ERROR;
    vault_keypair (pk, sk);
    unit_ad (unit_id, (enum key_kind) k, ad, sizeof ad);
    vault_wrap_key (recovery, sk, ad, wrapped);
    vault_secret_free (sk);
    enum store_status st = store_unit_key_insert (c, unit_id,
                                                  key_kind_name (k), pk,
                                                  wrapped);
    if (STORE_OK != st)
      return st;
  }
  return STORE_OK;
}

enum store_status
custody_unit_key_recover (struct store_conn *c, int64_t unit_id,
                          enum key_kind kind, const unsigned char *recovery,
                          unsigned char *sk)
{
  unsigned char pk[VAULT_PK_BYTES], wrapped[VAULT_WRAPPED_BYTES];
  char ad[80];
  enum store_status st = store_conn_unit_key_get (c, unit_id,
                                                  key_kind_name (kind), pk,
                                                  wrapped);
  if (STORE_OK != st)
    return st;
  unit_ad (unit_id, kind, ad, sizeof ad);
  if (! vault_unwrap_key (recovery, wrapped, ad, sk)
      || ! vault_key_matches (pk, sk))
    return STORE_NO_ROW;
  return STORE_OK;
}

enum store_status
custody_recovery_check (struct store_conn *c, int64_t unit_id,
                        const unsigned char *recovery)
{
  unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
  if (NULL == sk)
    return STORE_HARD_ERROR;
  enum store_status st = custody_unit_key_recover (c, unit_id, KEY_WBS,
                                                   recovery, sk);
  vault_secret_free (sk);
  return st;
}

enum store_status
custody_custodian_grant (struct store_conn *c, int64_t unit_id,
                         int64_t user_id, const unsigned char *recovery)
{
  enum store_status st = custody_recovery_check (c, unit_id, recovery);
  if (STORE_OK != st)
    return st;
  return store_custodian_grant (c, user_id, (int64_t) time (NULL), 0);
}

enum store_status
custody_grant (struct store_conn *c, int64_t unit_id, enum key_kind kind,
               const unsigned char *sk, const struct user_rec *user,
               int64_t granted_by)
{
  unsigned char sealed[VAULT_SEALED_BYTES];
  if (! user->has_keys)
    return STORE_NO_ROW;
  vault_seal_key (sk, user->public_key, sealed);
  return store_grant_upsert (c, unit_id, key_kind_name (kind), user->id,
                             sealed, granted_by);
}

enum store_status
custody_user_create (struct store_conn *c, int64_t unit_id,
                     const char *username, const char *password,
                     unsigned int roles, int64_t *id)
{
  char hash[VAULT_PWHASH_LEN];
  unsigned char pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES];
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  if (! vault_password_hash (password, hash)
      || ! vault_user_keygen (password, pk, salt, wrapped))
    return STORE_HARD_ERROR;
  return store_user_insert (c, unit_id, username, hash, roles, pk, salt,
                            wrapped, id);
}

const char *
custody_password_problem (const char *password, const char *username)
{
  size_t n = strlen (password);
  if (n < CUSTODY_PASSWORD_MIN)
    return "Kata sandi paling sedikit 10 karakter.";
  if (n > 256)
    return "Kata sandi paling banyak 256 karakter.";
  if (username && 0 == strcasecmp (password, username))
    return "Kata sandi tidak boleh sama dengan nama pengguna.";
  const struct embed_file *f = embed_find (embed_forms,
                                           "common-passwords.txt");
  if (f)
  {
    const char *p = f->data;
    while (*p)
    {
      const char *e = strchr (p, '\n');
      size_t l = e ? (size_t) (e - p) : strlen (p);
      if (l == n && 0 == strncasecmp (p, password, n))
        return "Kata sandi ini terlalu umum. Pilih yang lain.";
      p += l + (e ? 1 : 0);
    }
  }
  return NULL;
}
