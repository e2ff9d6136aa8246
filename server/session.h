/*
 * Staff sessions, held in memory only: a random 256-bit token whose
 * BLAKE2b hash is the key (the token itself is never stored), the user's
 * roles, a CSRF token, and the unit secret keys the login unlocked, in
 * locked memory.  Logout, idle timeout, absolute timeout, disabling the
 * user, a password change or reset, or a restart wipe them.  An account
 * holds at most SESSION_PER_USER sessions at once: a further login ends
 * the one unused longest.
 *
 * Thread rules: every function is safe to call from any thread.  A session
 * returned by session_find/session_create is referenced; release it with
 * session_release.  Keys stay valid until then even if it is destroyed
 * meanwhile.
 */
#ifndef WADAH_SESSION_H
#define WADAH_SESSION_H
#include "roles.h"
#include <stdbool.h>
#include <stdint.h>

#define SESSION_TOKEN_HEX 65
#define SESSION_PER_USER 8

struct session {
  unsigned char token_hash[32];
  char csrf[SESSION_TOKEN_HEX];     /* hex, sent back as X-CSRF-Token */
  int64_t user_id;
  int64_t unit_id;
  char unit_slug[48];
  char username[48];
  unsigned int roles;
  int64_t created;
  int64_t last_seen;
  bool has_totp;
  unsigned char unit_pk[KEY_KINDS][32];
  unsigned char *unit_sk[KEY_KINDS];  /* NULL unless granted and unlocked */
  /* private */
  int refs;
  bool dead;
};

void session_configure (unsigned int idle_s, unsigned int absolute_s);
/* A new session for a logged-in user; takes ownership of the secret keys
   in S (unit_sk).  Writes the cookie token (hex) to TOKEN.  When the user
   already holds SESSION_PER_USER sessions, the one unused longest ends.
   NULL when the table is full. */
struct session *session_create (const struct session *s,
                                char token[SESSION_TOKEN_HEX]);
/* The live session of a cookie token, or NULL (unknown, expired). */
struct session *session_find (const char *token);
void session_release (struct session *s);
/* Log out: the session is gone for new requests and its keys are wiped
   once the last request using it ends. */
void session_destroy (struct session *s);
/* End every session of a user (disabled, password reset, key revoked). */
void session_destroy_user (int64_t user_id);
/* End every session of a user but KEEP (may be NULL): the user changed
   their password in KEEP, and whoever else used the old one is out. */
void session_destroy_user_except (int64_t user_id,
                                  const struct session *keep);
/* Unlocked secret key of KIND, or NULL. */
const unsigned char *session_unit_key (const struct session *s,
                                       enum key_kind kind);
/* End the sessions past their idle or absolute timeout, wiping their keys
   (called periodically, so an abandoned session's keys do not wait for the
   next request to be wiped). */
void session_sweep (void);
/* Wipe everything (shutdown). */
void session_clear_all (void);
#endif
