/* See login.h. */
#include "login.h"
#include "log.h"
#include "vault.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A hash to verify against when the user does not exist, made once with
   the same parameters as real ones. */
static char dummy_hash[VAULT_PWHASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init (void)
{
  char pw[49];
  vault_random_hex (pw, 24);
  if (! vault_password_hash (pw, dummy_hash))
    dummy_hash[0] = '\0';
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
  if (! known)
  {
    /* Same work as a wrong password. */
    vault_password_verify (dummy_hash, a->password);
    return;
  }
  if (! vault_password_verify (u.pw_hash, a->password))
    return;
  unsigned char *usk = vault_secret_new (VAULT_SK_BYTES);
  if (NULL == usk
      || ! vault_user_unlock (a->password, u.public_key, u.key_salt,
                              u.key_wrapped, usk))
  {
    LOG_E ("user %lld: password verified but key does not unwrap",
           (long long) u.id);
    vault_secret_free (usk);
    return;
  }
  if (u.has_totp)
  {
    unsigned char secret[20];
    int64_t step = -1;
    if (vault_open_sealed (u.totp_sealed, STORE_TOTP_SEALED, u.public_key,
                           usk, secret))
      step = vault_totp_check (secret, sizeof secret, a->now,
                               a->totp ? a->totp : "");
    vault_wipe (secret, sizeof secret);
    if (step < 0 || step <= u.totp_last_step)
    {
      vault_secret_free (usk);
      return;
    }
    a->totp_step = step;
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
