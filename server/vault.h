/*
 * The vault: every use of libsodium goes through here (only vault*.c
 * include sodium.h).  This first part holds randomness, hashing and staff
 * password hashing; the key hierarchy of DESIGN.md ("Keys and secrets")
 * grows here too.
 */
#ifndef WADAH_VAULT_H
#define WADAH_VAULT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Initialise libsodium; false when it cannot (the program must stop). */
bool vault_init (void);
void vault_random (void *out, size_t len);
/* LEN random bytes as 2*LEN lowercase hex digits plus NUL into OUT. */
void vault_random_hex (char *out, size_t len);
/* SHA-256 of DATA as 64 hex digits plus NUL. */
void vault_sha256_hex (const void *data, size_t len, char out[65]);
/* Argon2id hash of a staff password in crypto_pwhash_str format.  OUT must
   hold VAULT_PWHASH_LEN bytes.  False on out-of-memory. */
#define VAULT_PWHASH_LEN 128
bool vault_password_hash (const char *password, char out[VAULT_PWHASH_LEN]);
bool vault_password_verify (const char *hash, const char *password);
/* Constant-time equality of two buffers of length LEN. */
bool vault_equal (const void *a, const void *b, size_t len);
#endif
