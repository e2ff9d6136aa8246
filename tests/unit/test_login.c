/* The slow part of a staff login (login.c) on a temporary store: every
   failed attempt does the same expensive work, whatever was wrong with it
   (issue 10, finding 5: a right password with a wrong TOTP code took twice
   as long as a wrong password, which told the password was right). */
#include "custody.h"
#include "login.h"
#include "store.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PW "kata-sandi-yang-benar"

static char dir[64];
static struct store *st;
static unsigned char totp_secret[20];

struct setup {
  int64_t unit_id;
};

/* A unit with its keys, a user "ani" with TOTP, a user "budi" without, a
   disabled user "cici". */
static enum store_status
make_users (struct store_conn *c, void *cls)
{
  struct setup *su = cls;
  unsigned char *rk = vault_secret_new (32);
  int64_t ani, budi, cici;
  enum store_status s = store_unit_insert (c, "demo", "Demo", 420,
                                           &su->unit_id);
  if (STORE_OK == s)
  {
    vault_random (rk, 32);
    s = custody_unit_keys_create (c, su->unit_id, rk);
  }
  vault_secret_free (rk);
  if (STORE_OK == s)
    s = custody_user_create (c, su->unit_id, "ani", PW, ROLE_ADMIN, &ani);
  if (STORE_OK == s)
    s = custody_user_create (c, su->unit_id, "budi", PW, ROLE_ADMIN, &budi);
  if (STORE_OK == s)
    s = custody_user_create (c, su->unit_id, "cici", PW, ROLE_ADMIN, &cici);
  if (STORE_OK == s)
    s = store_user_set_disabled (c, cici, true);
  if (STORE_OK != s)
    return s;
  struct user_rec u;
  if (STORE_OK != (s = store_conn_user_by_name (c, "demo", "ani", &u)))
    return s;
  unsigned char sealed[20 + VAULT_SEAL_OVERHEAD];
  vault_random (totp_secret, sizeof totp_secret);
  vault_seal (totp_secret, sizeof totp_secret, u.public_key, sealed);
  return store_user_set_totp (c, ani, sealed);
}

static void
setup (void)
{
  char path[128];
  struct setup su;
  cr_assert (vault_init ());
  snprintf (dir, sizeof dir, "/tmp/wadah-unit-XXXXXX");
  cr_assert_not_null (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/t.db", dir);
  cr_assert_eq (store_open (path, true, &st), STORE_OK);
  cr_assert_eq (store_write_sync (st, make_users, &su), STORE_OK);
}

static void
teardown (void)
{
  char cmd[160];
  store_close (st);
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq (system (cmd), 0);
}

TestSuite (login, .init = setup, .fini = teardown, .timeout = 120);

/* One attempt: its outcome, the Argon2id runs it made and its seconds. */
static bool
attempt (const char *unit, const char *user, const char *pw,
         const char *totp, unsigned long *runs, double *secs)
{
  struct login_attempt a = { .unit = unit, .user = user, .password = pw,
                             .totp = totp, .now = (uint64_t) time (NULL) };
  struct timespec t0, t1;
  unsigned long before = vault_kdf_runs ();
  clock_gettime (CLOCK_MONOTONIC, &t0);
  login_check (st, &a);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  *runs = vault_kdf_runs () - before;
  *secs = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  for (int k = 0; k < KEY_KINDS; k++)
    vault_secret_free (a.tmpl.unit_sk[k]);
  return a.ok;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

Test (login, a_wrong_second_factor_costs_what_a_wrong_password_costs)
{
  static const struct {
    const char *what, *unit, *user, *pw, *totp;
  } fail[] = {
    { "right password, wrong TOTP", "demo", "ani", PW, "000000" },
    { "right password, no TOTP", "demo", "ani", PW, NULL },
    { "wrong password, user with TOTP", "demo", "ani", "salah-sandi-12",
      "000000" },
    { "wrong password, user without TOTP", "demo", "budi", "salah-sandi-12",
      NULL },
    { "unknown user", "demo", "nobody", PW, "000000" },
    { "disabled user, right password", "demo", "cici", PW, NULL },
    { "unknown unit", "nowhere", "ani", PW, "000000" },
  };
  enum { N = sizeof fail / sizeof fail[0], TRIES = 5 };
  unsigned long runs[N];
  double med[N];
  unsigned long r;
  double t;
  /* The first attempt of a process also makes the dummy material. */
  attempt ("demo", "nobody", PW, NULL, &r, &t);
  for (size_t i = 0; i < N; i++)
  {
    double ts[TRIES];
    for (int k = 0; k < TRIES; k++)
    {
      cr_assert_not (attempt (fail[i].unit, fail[i].user, fail[i].pw,
                              fail[i].totp, &r, &ts[k]), "%s", fail[i].what);
      if (k > 0)
        cr_assert_eq (r, runs[i], "%s: %lu then %lu Argon2id runs",
                      fail[i].what, runs[i], r);
      runs[i] = r;
    }
    qsort (ts, TRIES, sizeof ts[0], cmp_double);
    med[i] = ts[TRIES / 2];
    cr_log_info ("%-34s %lu Argon2id runs, median %.0f ms", fail[i].what,
                 runs[i], med[i] * 1000);
  }
  for (size_t i = 1; i < N; i++)
    cr_assert_eq (runs[i], runs[0],
                  "%s: %lu Argon2id runs, %s: %lu", fail[i].what, runs[i],
                  fail[0].what, runs[0]);
  /* And a success costs no less (the code of now opens it). */
  char code[7];
  vault_totp_code (totp_secret, sizeof totp_secret,
                   (uint64_t) time (NULL) / 30, code);
  cr_assert (attempt ("demo", "ani", PW, code, &r, &t));
  cr_assert_eq (r, runs[0], "success: %lu runs", r);
  cr_assert (attempt ("demo", "budi", PW, NULL, &r, &t));
  cr_assert_eq (r, runs[0], "success without TOTP: %lu runs", r);
}
