/*
 * Key custody: the operations on unit and user keys that combine the
 * vault (cryptography) and the store (rows).  Run inside write jobs.
 */
#ifndef WADAH_CUSTODY_H
#define WADAH_CUSTODY_H
#include "roles.h"
#include "store.h"
#include "vault.h"

/* Create both unit key pairs and wrap their secret halves under the
   recovery key RECOVERY (32 bytes, secret memory). */
enum store_status custody_unit_keys_create (struct store_conn *c,
                                            int64_t unit_id,
                                            const unsigned char *recovery);
/* Recover the secret key of KIND with the recovery key into SK (secret
   memory).  STORE_NO_ROW when the recovery key is wrong. */
enum store_status custody_unit_key_recover (struct store_conn *c,
                                            int64_t unit_id,
                                            enum key_kind kind,
                                            const unsigned char *recovery,
                                            unsigned char *sk);
/* Seal the unit secret key SK of KIND to USER's public key (a grant).
   GRANTED_BY 0 means by the recovery key. */
enum store_status custody_grant (struct store_conn *c, int64_t unit_id,
                                 enum key_kind kind, const unsigned char *sk,
                                 const struct user_rec *user,
                                 int64_t granted_by);
/* STORE_OK when RECOVERY (32 bytes, secret memory) is UNIT_ID's recovery
   key, STORE_NO_ROW when it is not. */
enum store_status custody_recovery_check (struct store_conn *c,
                                          int64_t unit_id,
                                          const unsigned char *recovery);
/* Name USER_ID of UNIT_ID a custodian, which takes the unit's recovery key
   RECOVERY (STORE_NO_ROW when it is not): an administrator cannot name
   one, so cannot approve their own identity requests through an account
   of their own (issue 10, finding 4).  The caller also gives the user a
   password no administrator knows (wadah user custodian). */
enum store_status custody_custodian_grant (struct store_conn *c,
                                           int64_t unit_id, int64_t user_id,
                                           const unsigned char *recovery);
/* A new user with a fresh key pair wrapped under PASSWORD. */
enum store_status custody_user_create (struct store_conn *c, int64_t unit_id,
                                       const char *username,
                                       const char *password,
                                       unsigned int roles, int64_t *id);
/* Minimum password length and the common-password check.  Returns NULL
   when acceptable, else a reason in Bahasa Indonesia. */
const char *custody_password_problem (const char *password,
                                      const char *username);
#define CUSTODY_PASSWORD_MIN 10
#endif
