/*
 * The slow part of a staff login, free of HTTP so that a unit test can
 * run it: the password, the user's key pair, the second factor, and the
 * unit keys granted to the user.  h_auth.c runs it in the slow-work pool
 * and records the outcome.
 *
 * Every attempt costs the same two Argon2id runs, whatever is wrong with
 * it: the password hash is verified and the user's key pair unwrapped
 * under the typed password (for an unknown unit, an unknown or disabled
 * user, against dummy material made once with the same parameters), and a
 * TOTP secret is opened and a code checked (a dummy secret when the
 * password was wrong or the user has no second factor).  So neither the
 * answer nor its time tells whether the user exists, whether the password
 * was right but the code wrong, or whether the user has a second factor
 * (issue 10, finding 5: a right password with a wrong code used to take
 * twice as long as a wrong password).  Only a successful login does more
 * (opening the unit keys granted to the user), which its answer says
 * anyway.
 *
 * Thread rules: login_check may run in any thread; it reads the store
 * through that thread's reader connection.
 */
#ifndef WADAH_LOGIN_H
#define WADAH_LOGIN_H
#include "session.h"
#include "store.h"
#include <stdbool.h>
#include <stdint.h>

struct login_attempt {
  /* In (owned by the caller). */
  const char *unit;
  const char *user;
  const char *password;
  const char *totp;          /* may be NULL or "" */
  uint64_t now;              /* Unix seconds, for the TOTP step */
  /* Out. */
  bool ok;
  int64_t unit_id;           /* 0 when the unit is unknown */
  /* The typed name when it names an account of that unit (enabled or
     not), else "": the only form of a failed login's user name that may
     be written down (a password typed into the user field must not). */
  char account[48];
  int64_t totp_step;         /* > 0 on success with TOTP: record it */
  struct session tmpl;       /* on success: owns the unlocked unit keys */
};

/* Check A against the store S; fills A's outputs.  On success A->tmpl
   holds the session to create (user, unit, roles, unit secret keys in
   vault_secret_new memory, which the caller frees or hands on). */
void login_check (struct store *s, struct login_attempt *a);
#endif
