/* See login.h. */
#include "login.h"
#include "log.h"
#include "vault.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an attempt is checked against when there is no usable account
   (unknown unit or user, disabled, no key pair), made once with the same
   parameters as real ones: a password hash, a wrapped user key pair, and
   a TOTP secret sealed to a key pair whose secret half is at hand. */
static struct {
  char pw_hash[VAULT_PWHASH_LEN];
  unsigned char pk[VAULT_PK_BYTES];
  unsigned char salt[VAULT_SALT_BYTES];
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  unsigned char totp_pk[VAULT_PK_BYTES];
  unsigned char *totp_sk;
  unsigned char totp_sealed[STORE_TOTP_SEALED];
} dummy;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init (void)
{
  char pw[49];
  unsigned char secret[20];
  _Static_assert (STORE_TOTP_SEALED == sizeof secret + VAULT_SEAL_OVERHEAD,
                  "TOTP seal");
  vault_random_hex (pw, 24);
  if (! vault_password_hash (pw, dummy.pw_hash)
      || ! vault_user_keygen (pw, dummy.pk, dummy.salt, dummy.wrapped))
    LOG_E ("cannot make the dummy login material");
  dummy.totp_sk = vault_secret_new (VAULT_SK_BYTES);
  if (dummy.totp_sk)
    vault_keypair (dummy.totp_pk, dummy.totp_sk);
  vault_random (secret, sizeof secret);
  vault_seal (secret, sizeof secret, dummy.totp_pk, dummy.totp_sealed);
  vault_wipe (secret, sizeof secret);
  vault_wipe (pw, sizeof pw);
}

void
login_check (struct store *st, struct login_attempt *a)
{
  struct user_rec u;
  struct unit unit;
  bool known = false;

  pthread_once (&dummy_once, &dummy_init);
  if (STORE_OK == store_unit_by_slug (st, a->unit, &unit))
    a->unit_id = unit.id;
  if (a->unit_id
      && STORE_OK == store_user_by_name (st, a->unit, a->user, &u))
  {
    snprintf (a->account, sizeof a->account, "%s", u.username);
    known = ! u.disabled && u.has_keys;
  }
  /* The same work on every path: verify the password, unwrap the key
     pair (each one Argon2id run), open a TOTP secret and check the code;
     only then decide. */
  bool pw_ok = vault_password_verify (known ? u.pw_hash : dummy.pw_hash,
                                      a->password);
  unsigned char *usk = vault_secret_new (VAULT_SK_BYTES);
  bool key_ok = NULL != usk
                && vault_user_unlock (a->password,
                                      known ? u.public_key : dummy.pk,
                                      known ? u.key_salt : dummy.salt,
                                      known ? u.key_wrapped : dummy.wrapped,
                                      usk);
  bool real_totp = known && pw_ok && key_ok && u.has_totp;
  unsigned char secret[20];
  int64_t step = -1;
  if ((real_totp || dummy.totp_sk)
      && vault_open_sealed (real_totp ? u.totp_sealed : dummy.totp_sealed,
                         STORE_TOTP_SEALED,
                         real_totp ? u.public_key : dummy.totp_pk,
                         real_totp ? usk : dummy.totp_sk, secret))
    step = vault_totp_check (secret, sizeof secret, a->now,
                             a->totp ? a->totp : "");
  vault_wipe (secret, sizeof secret);
  if (known && pw_ok && ! key_ok)
    LOG_E ("user %lld: password verified but key does not unwrap",
           (long long) u.id);
  bool ok = known && pw_ok && key_ok;
  if (ok && u.has_totp)
  {
    ok = step >= 0 && step > u.totp_last_step;
    a->totp_step = ok ? step : 0;
  }
  if (! ok)
  {
    vault_secret_free (usk);
    return;
  }
  /* Open the unit keys sealed to this user. */
  struct grant_row *g = NULL;
  size_t n = 0;
  if (STORE_OK == store_grants_of_user (st, u.unit_id, u.id, &g, &n))
    for (size_t i = 0; i < n; i++)
    {
      int k = key_kind_from_name (g[i].kind);
      if (k < 0 || a->tmpl.unit_sk[k])
        continue;
      unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
      if (sk
          && STORE_OK == store_unit_key_get (st, u.unit_id, g[i].kind,
                                             a->tmpl.unit_pk[k], NULL)
          && vault_open_key (g[i].sealed, u.public_key, usk, sk)
          && vault_key_matches (a->tmpl.unit_pk[k], sk))
        a->tmpl.unit_sk[k] = sk;
      else
        vault_secret_free (sk);
    }
  free (g);
  vault_secret_free (usk);
  a->tmpl.user_id = u.id;
  a->tmpl.unit_id = u.unit_id;
  snprintf (a->tmpl.unit_slug, sizeof a->tmpl.unit_slug, "%s", a->unit);
  snprintf (a->tmpl.username, sizeof a->tmpl.username, "%s", u.username);
  a->tmpl.roles = u.roles;
  a->tmpl.has_totp = u.has_totp;
  a->ok = true;
}
