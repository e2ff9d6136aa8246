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
/* A 128-bit public id as 32 hex digits: 48 bits of milliseconds then 80
   random bits, so ids sort by time and index inserts append. */
void vault_sortable_id (char out[33]);
/* SHA-256 of DATA as 64 hex digits plus NUL. */
void vault_sha256_hex (const void *data, size_t len, char out[65]);
/* SHA-256 over data that arrives in pieces (files streamed into or out
   of a backup): init, update any number of times, then final writes the
   64 hex digits plus NUL.  The state is opaque and holds no secret. */
struct vault_sha256 {
  _Alignas (16) unsigned char opaque[128];
};
void vault_sha256_init (struct vault_sha256 *h);
void vault_sha256_update (struct vault_sha256 *h, const void *data,
                          size_t len);
void vault_sha256_final (struct vault_sha256 *h, char out[65]);
/* Argon2id hash of a staff password in crypto_pwhash_str format.  OUT must
   hold VAULT_PWHASH_LEN bytes.  False on out-of-memory. */
#define VAULT_PWHASH_LEN 128
bool vault_password_hash (const char *password, char out[VAULT_PWHASH_LEN]);
bool vault_password_verify (const char *hash, const char *password);
/* Argon2id hash of a random access code or receipt secret (at least 60
   bits of entropy): the work factor is the minimum (1 pass, 8 KiB), as the
   secret's entropy, not the hash's cost, defeats guessing; a per-record
   salt is part of the string.  Verify with vault_password_verify. */
bool vault_code_hash (const char *code, char out[VAULT_PWHASH_LEN]);
/* Constant-time equality of two buffers of length LEN. */
bool vault_equal (const void *a, const void *b, size_t len);
/* Argon2id runs this process has made so far (hashes, verifications, key
   derivations, at any work factor): lets a test check that two paths do
   the same expensive work without timing them. */
unsigned long vault_kdf_runs (void);
/* vault*.c only: count one run. */
void vault_kdf_counted (void);
#endif

/* ------------------------------------------------------------------ */
/* Key hierarchy (DESIGN.md "Keys and secrets").                        */
/*                                                                      */
/*   user key pair (X25519): secret half wrapped with XChaCha20-Poly1305 */
/*     under Argon2id(password, per-user salt)                          */
/*   unit key pairs (identity, wbs): secret halves sealed               */
/*     (crypto_box_seal) to each user granted them, and wrapped under   */
/*     the unit's recovery key                                          */
/*   record keys: random per record, sealed to the unit public key;     */
/*     the record's fields are encrypted under it with the record id as */
/*     associated data                                                  */
/*                                                                      */
/* Secret keys live in sodium_malloc'ed memory (guarded, locked, wiped  */
/* on free): allocate with vault_secret_new, free with                  */
/* vault_secret_free.                                                   */
/* ------------------------------------------------------------------ */

#define VAULT_PK_BYTES 32
#define VAULT_SK_BYTES 32
#define VAULT_SALT_BYTES 16
#define VAULT_NONCE_BYTES 24
#define VAULT_MAC_BYTES 16
/* nonce || ciphertext || tag of a wrapped 32-byte secret */
#define VAULT_WRAPPED_BYTES (VAULT_NONCE_BYTES + 32 + VAULT_MAC_BYTES)
/* crypto_box_seal of a 32-byte secret */
#define VAULT_SEALED_BYTES (32 + 48)
/* recovery key as shown: 52 base32 characters in groups of 4 */
#define VAULT_RECOVERY_TEXT 70
#define VAULT_TOKEN_BYTES 32
#define VAULT_HASH_BYTES 32

/* Locked, guarded memory for N bytes (NULL on failure); free with
   vault_secret_free, which wipes it. */
unsigned char *vault_secret_new (size_t n);
void vault_secret_free (void *p);
void vault_wipe (void *p, size_t n);

/* A new user key pair: PK out, SALT out, WRAPPED out (the secret key under
   Argon2id(PASSWORD, SALT)).  False on out-of-memory. */
bool vault_user_keygen (const char *password,
                        unsigned char pk[VAULT_PK_BYTES],
                        unsigned char salt[VAULT_SALT_BYTES],
                        unsigned char wrapped[VAULT_WRAPPED_BYTES]);
/* Unwrap a user's secret key into SK (vault_secret_new memory).  False
   when the password is wrong or the data was tampered with. */
bool vault_user_unlock (const char *password,
                        const unsigned char pk[VAULT_PK_BYTES],
                        const unsigned char salt[VAULT_SALT_BYTES],
                        const unsigned char wrapped[VAULT_WRAPPED_BYTES],
                        unsigned char *sk);
/* Wrap an unlocked SK under a new password (fresh SALT and WRAPPED). */
bool vault_user_rewrap (const unsigned char *sk,
                        const unsigned char pk[VAULT_PK_BYTES],
                        const char *password,
                        unsigned char salt[VAULT_SALT_BYTES],
                        unsigned char wrapped[VAULT_WRAPPED_BYTES]);

/* A new X25519 key pair; SK must be vault_secret_new memory. */
void vault_keypair (unsigned char pk[VAULT_PK_BYTES], unsigned char *sk);
/* Seal a 32-byte SECRET to RECIPIENT_PK (anyone can seal; only the holder
   of the recipient's secret key can open). */
void vault_seal_key (const unsigned char *secret,
                     const unsigned char recipient_pk[VAULT_PK_BYTES],
                     unsigned char sealed[VAULT_SEALED_BYTES]);
/* Open a sealed 32-byte secret with the recipient's key pair into OUT
   (vault_secret_new memory).  False when it was not sealed to that key or
   was altered. */
bool vault_open_key (const unsigned char sealed[VAULT_SEALED_BYTES],
                     const unsigned char pk[VAULT_PK_BYTES],
                     const unsigned char *sk, unsigned char *out);
/* Does SK belong to PK? */
bool vault_key_matches (const unsigned char pk[VAULT_PK_BYTES],
                        const unsigned char *sk);

/* Recovery key: 32 random bytes into KEY (secret memory) and their
   grouped base32 text (e.g. "ABCD-EFGH-…").  Parsing ignores case, spaces
   and dashes. */
void vault_recovery_new (unsigned char *key, char text[VAULT_RECOVERY_TEXT]);
bool vault_recovery_parse (const char *text, unsigned char *key);
/* Wrap / unwrap a 32-byte secret under a 32-byte key with associated data
   AD (binds the wrap to its place, e.g. "unit:3:wbs"). */
void vault_wrap_key (const unsigned char *key, const unsigned char *secret,
                     const char *ad, unsigned char wrapped[VAULT_WRAPPED_BYTES]);
bool vault_unwrap_key (const unsigned char *key,
                       const unsigned char wrapped[VAULT_WRAPPED_BYTES],
                       const char *ad, unsigned char *secret);

/* Records.  vault_record_seal encrypts PLAIN (LEN bytes) under a fresh
   record key with AD as associated data; *CT (malloc'ed) receives
   nonce || ciphertext || tag, SEALED_KEY the record key sealed to UNIT_PK:
   ephemeral public key || nonce || box of the record key.  The record key
   and the key that boxed it are wiped right after use.  The ephemeral key
   pair is per thread and renewed every second (or 1000 records), its
   secret wiped at once: one X25519 exchange serves many submissions, each
   boxed under its own step of a one-way chain from it (vault_keys.c), so
   that, as with crypto_box_seal, nothing left in memory after a record is
   sealed opens it.
   vault_record_open reverses it with the unit's key pair; *PLAIN is
   malloc'ed and NUL-terminated.  Both false on failure (tampering, wrong
   key, moved ciphertext). */
#define VAULT_RECORD_KEY_BYTES (32 + 24 + 32 + 16)
bool vault_record_seal (const unsigned char unit_pk[VAULT_PK_BYTES],
                        const char *ad, const void *plain, size_t len,
                        unsigned char **ct, size_t *ct_len,
                        unsigned char sealed_key[VAULT_RECORD_KEY_BYTES]);
bool vault_record_open (const unsigned char unit_pk[VAULT_PK_BYTES],
                        const unsigned char *unit_sk,
                        const unsigned char sealed_key[VAULT_RECORD_KEY_BYTES],
                        const char *ad, const unsigned char *ct, size_t ct_len,
                        char **plain, size_t *len);

/* The pieces of a record seal, for records that keep their key (a WBS
   report's key also encrypts its later messages):
   vault_key_new draws a 32-byte key; vault_key_seal seals it to a unit
   public key (same format and ephemeral scheme as vault_record_seal);
   vault_key_open opens it with the unit's key pair; vault_encrypt and
   vault_decrypt are XChaCha20-Poly1305 under it with AD (*OUT malloc'ed;
   decrypt NUL-terminates).  False on failure or tampering. */
void vault_key_new (unsigned char k[32]);
bool vault_key_seal (const unsigned char unit_pk[VAULT_PK_BYTES],
                     const unsigned char k[32],
                     unsigned char sealed_key[VAULT_RECORD_KEY_BYTES]);
bool vault_key_open (const unsigned char *unit_sk,
                     const unsigned char sealed_key[VAULT_RECORD_KEY_BYTES],
                     unsigned char k[32]);
bool vault_encrypt (const unsigned char k[32], const char *ad,
                    const void *plain, size_t len, unsigned char **out,
                    size_t *out_len);
bool vault_decrypt (const unsigned char k[32], const char *ad,
                    const unsigned char *ct, size_t ct_len, char **out,
                    size_t *out_len);
/* A 32-byte key from a high-entropy SECRET and SALT (Argon2id, minimum
   work factor, as for vault_code_hash). */
bool vault_secret_key (const char *secret,
                       const unsigned char salt[VAULT_SALT_BYTES],
                       unsigned char k[32]);

/* BLAKE2b-256 of N parts, each preceded by its length (8 bytes, little
   endian), so that part boundaries are unambiguous. */
void vault_hash_parts (unsigned char out[VAULT_HASH_BYTES], size_t n,
                       const void *const *parts, const size_t *lens);
/* A session token: 32 random bytes; its stored form is its BLAKE2b-256. */
void vault_token_hash (const unsigned char token[VAULT_TOKEN_BYTES],
                       unsigned char out[VAULT_HASH_BYTES]);
/* Keyed hash (BLAKE2b with a process-random key) of a client address, for
   in-memory rate limiting without keeping the address. */
uint64_t vault_addr_tag (const void *addr, size_t len);

/* TOTP (RFC 6238: HMAC-SHA-1, 30 s, 6 digits).  SECRET is raw bytes.
   Accepts the code of NOW and of one step either side; returns the
   matching step (to refuse replays) or -1. */
int64_t vault_totp_check (const unsigned char *secret, size_t len,
                          uint64_t now, const char *code);
/* The code for a step (tests, enrolment display). */
void vault_totp_code (const unsigned char *secret, size_t len, uint64_t step,
                      char out[7]);
/* Base32 (RFC 4648, no padding) of LEN bytes into OUT (2*LEN+1 bytes is
   always enough). */
void vault_base32 (const unsigned char *in, size_t len, char *out);

/* Seal / open a message of any length to a public key (crypto_box_seal):
   SEALED holds LEN + VAULT_SEAL_OVERHEAD bytes. */
#define VAULT_SEAL_OVERHEAD 48
void vault_seal (const void *msg, size_t len,
                 const unsigned char pk[VAULT_PK_BYTES], unsigned char *sealed);
bool vault_open_sealed (const unsigned char *sealed, size_t sealed_len,
                        const unsigned char pk[VAULT_PK_BYTES],
                        const unsigned char *sk, unsigned char *out);

/* Hex: LEN bytes as 2*LEN lowercase digits plus NUL into OUT (2*LEN+1
   bytes).  vault_unhex reads exactly 2*LEN hex digits (either case) and
   nothing else from HEX; false otherwise. */
void vault_hex (const void *in, size_t len, char *out);
bool vault_unhex (const char *hex, void *out, size_t len);

/* Ed25519 signatures (the audit checkpoints).  A key is kept as its
   32-byte seed; vault_sign_keypair draws a seed (SEED: vault_secret_new
   memory) and gives its public key; vault_sign_public derives the public
   key of a seed.  vault_sign signs MSG with the key of SEED;
   vault_sign_verify checks a signature against a public key. */
#define VAULT_SIGN_PK_BYTES 32
#define VAULT_SIGN_SEED_BYTES 32
#define VAULT_SIGNATURE_BYTES 64
void vault_sign_keypair (unsigned char pk[VAULT_SIGN_PK_BYTES],
                         unsigned char *seed);
void vault_sign_public (const unsigned char *seed,
                        unsigned char pk[VAULT_SIGN_PK_BYTES]);
void vault_sign (const unsigned char *seed, const void *msg, size_t len,
                 unsigned char sig[VAULT_SIGNATURE_BYTES]);
bool vault_sign_verify (const unsigned char pk[VAULT_SIGN_PK_BYTES],
                        const void *msg, size_t len,
                        const unsigned char sig[VAULT_SIGNATURE_BYTES]);
