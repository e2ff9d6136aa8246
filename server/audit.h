/*
 * The tamper-evident audit log: append (inside a store job, so an action
 * and its entry commit together), sign checkpoints of its heads, export
 * anchors, and verify.
 *
 * Two chains run through the same rows (sql/0007-audit-anchor.sql):
 *
 *   global:  hash(n) = BLAKE2b-256(hash(n-1), id, at, unit, actor, action,
 *                                  object, detail), hash(0) = 32 zero bytes
 *   unit:    unit_hash(k) = BLAKE2b-256("wadah-audit-unit/1",
 *                                       unit_hash(k-1), unit, k, hash)
 *            for the k-th entry of a unit (unit 0: entries of no unit)
 *
 * (parts length-prefixed, vault_hash_parts).  The global chain orders
 * everything; a unit chain lets the unit's own page check its entries
 * without reading the other units'.
 *
 * A chain alone proves nothing to whoever holds the database: they can cut
 * its tail, or delete an entry and recompute every hash after it.  So the
 * server signs checkpoints: (log id, chain, unit, count, head hash, time)
 * under an Ed25519 key kept outside the data directory (audit_key_*),
 * stored in audit_checkpoints.  An anchor is one checkpoint as a small
 * JSON file to keep elsewhere.  Verification takes the public key from
 * outside the database (the key file, an anchor, or the command line) and
 * checks: every entry's hashes, every checkpoint's signature, that each
 * chain still holds every checkpoint's and anchor's head at its count
 * (else: rewritten, or truncated when the chain is shorter), and that no
 * anchor is newer than every stored checkpoint (checkpoints deleted).
 *
 * What it cannot see: changes to the entries written after the newest
 * signature (at most audit_checkpoint_entries entries or
 * audit_checkpoint_seconds seconds' worth while serving), unless a
 * document printed a head among them; and anything done by someone who
 * also holds the signing key.
 */
#ifndef WADAH_AUDIT_H
#define WADAH_AUDIT_H
#include "store.h"

#define AUDIT_CHAIN_GLOBAL 'g'
#define AUDIT_CHAIN_UNIT 'u'

/* Append an entry (UNIT_ID 0 when none).  Must run inside a write job. */
enum store_status audit_append (struct store_conn *c, int64_t unit_id,
                                const char *actor, const char *action,
                                const char *object, const char *detail);
/* The hash an entry must have, given its fields and prev_hash. */
void audit_entry_hash (const struct audit_row *r, unsigned char out[32]);
/* The unit hash an entry must have, given unit_id, unit_seq,
   unit_prev_hash and hash. */
void audit_unit_hash (const struct audit_row *r, unsigned char out[32]);
/* Entries appended by this process so far (jobs rolled back included):
   the server compares it with its value at the last checkpoint. */
uint64_t audit_appended (void);

/* ---- the signing key (audit_sign.c) ---- */

struct audit_key;
/* The default key path of data directory DIR: "DIR.audit-key", beside the
   directory and not in it (malloc'ed). */
char *audit_key_default_path (const char *data_dir);
/* Is PATH outside DATA_DIR (following symbolic links of the parts that
   exist)?  A key inside the data directory protects nothing. */
bool audit_key_outside (const char *path, const char *data_dir);
/* Create a new key file at PATH (mode 0600, never over an existing file);
   PK receives its public key.  False with errno set. */
bool audit_key_create (const char *path, unsigned char pk[32]);
/* Load the key file at PATH; NULL with the reason in WHY. */
struct audit_key *audit_key_load (const char *path, char *why, size_t cap);
void audit_key_free (struct audit_key *k);
const unsigned char *audit_key_public (const struct audit_key *k);

/* ---- checkpoints and anchors (audit_sign.c) ---- */

/* Sign CP (chain, unit_id, count, head, at) for the log LOG_ID: fills its
   public_key and signature. */
void audit_checkpoint_sign (const struct audit_key *k,
                            const unsigned char log_id[16],
                            struct audit_checkpoint *cp);
/* Does CP's signature verify under PK for the log LOG_ID? */
bool audit_checkpoint_valid (const struct audit_checkpoint *cp,
                             const unsigned char log_id[16],
                             const unsigned char pk[32]);

enum audit_problem_kind {
  AUDIT_BROKEN,              /* an entry does not match its chain */
  AUDIT_TRUNCATED,           /* chain shorter than a signed count */
  AUDIT_REWRITTEN,           /* the entry at a signed count differs */
  AUDIT_BAD_SIGNATURE,       /* a signature does not verify */
  AUDIT_OTHER_KEY,           /* signed by another key than the trusted one */
  AUDIT_OTHER_LOG,           /* an anchor of another installation's log */
  AUDIT_CHECKPOINTS_DELETED  /* an anchor newer than every stored checkpoint */
};
enum audit_reason {
  AUDIT_R_GAP,               /* ids not consecutive: an entry is missing */
  AUDIT_R_PREV,              /* prev_hash is not the previous entry's hash */
  AUDIT_R_CONTENT,           /* the fields do not give the stored hash */
  AUDIT_R_MALFORMED,         /* a field too long or a hash of wrong size */
  AUDIT_R_UNIT_PLACE,        /* unit_seq not the next place of the unit */
  AUDIT_R_UNIT_PREV,         /* unit_prev_hash is not the previous one's */
  AUDIT_R_UNIT_HASH          /* unit_hash does not match */
};
enum audit_source {
  AUDIT_FROM_CHECKPOINT,     /* a checkpoint stored in the database */
  AUDIT_FROM_ANCHOR,         /* an exported anchor given to verify */
  AUDIT_FROM_HEAD            /* a head printed in a document (unsigned) */
};
struct audit_problem {
  enum audit_problem_kind kind;
  enum audit_source source;
  char chain;                /* AUDIT_CHAIN_GLOBAL or AUDIT_CHAIN_UNIT */
  int64_t unit_id;
  int64_t entry;             /* BROKEN, REWRITTEN: the entry's id */
  int64_t place;             /* unit chain: the place (unit_seq) */
  enum audit_reason reason;  /* BROKEN: why */
  int64_t have;              /* TRUNCATED: entries in the chain;
                                DELETED: newest stored checkpoint's count */
  int64_t want;              /* the count signed (checkpoint or anchor) */
  int64_t at;                /* when that checkpoint or anchor was signed */
};

/* What happened when the server last tried to sign. */
struct audit_checkpoint_result {
  int written;               /* checkpoints written */
  bool refused;              /* a chain no longer holds its last checkpoint */
  struct audit_problem problem;   /* why, when refused */
};
/* Inside a write job: for the global chain and every unit chain whose head
   is past its newest checkpoint, check that the chain still holds that
   checkpoint (signed by K) and runs intact from it to the head, then sign
   the head at time NOW.  A chain that fails is not signed (signing would
   bless the change): R->refused with the first problem; the other chains
   are still signed.  Returns a store status (STORE_OK when refused). */
enum store_status audit_checkpoint_run (struct store_conn *c,
                                        const struct audit_key *k,
                                        int64_t now,
                                        struct audit_checkpoint_result *r);

/* audit_checkpoint_run in its own write job (store_write_sync) at the
   current time. */
enum store_status audit_checkpoint_now (struct store *s,
                                        const struct audit_key *k,
                                        struct audit_checkpoint_result *r);

/* An anchor: one signed checkpoint as a small file to keep elsewhere. */
struct audit_anchor {
  struct audit_checkpoint cp;
  unsigned char log_id[16];
  char unit_slug[48];        /* the unit of a unit chain, for readers ("":
                                none); not signed */
};
/* The anchor file of A: one line of JSON and a newline (malloc'ed). */
char *audit_anchor_text (const struct audit_anchor *a);
/* Read an anchor file's TEXT into A; false with the reason in WHY when it
   is not one (its signature is checked by audit_verify). */
bool audit_anchor_parse (const char *text, struct audit_anchor *a, char *why,
                         size_t cap);

/* ---- verification (audit.c) ---- */

struct audit_verify_opts {
  /* The trusted public key (from the key file, an anchor or the command
     line; never from the database).  NULL: signatures are not checked and
     stored checkpoints are taken as they are. */
  const unsigned char *public_key;
  /* Anchors exported earlier. */
  const struct audit_anchor *anchors;
  size_t n_anchors;
  /* Heads printed in documents: chain 'g', count = entry id, head. */
  const struct audit_checkpoint *heads;
  size_t n_heads;
  /* Walk only the chain of UNIT_ID (a unit's page: reads only its rows
     and its checkpoints).  Otherwise every chain. */
  bool unit_only;
  int64_t unit_id;
};

#define AUDIT_MAX_PROBLEMS 16
struct audit_verdict {
  bool ok;
  int64_t entries;              /* entries of the chain walked (global:
                                   every entry; unit_only: the unit's) */
  unsigned char head[32];       /* its head: hash or unit_hash */
  int64_t checkpoints;          /* stored checkpoints read */
  int64_t checkpoints_valid;    /* of which signed by the trusted key */
  bool signatures_checked;      /* a trusted key was given */
  bool has_newest;
  struct audit_checkpoint newest;   /* newest valid checkpoint of the
                                       walked chain (global, or the unit's) */
  unsigned char log_id[16];
  size_t n_problems;            /* problems[] holds the first ones */
  struct audit_problem problems[AUDIT_MAX_PROBLEMS];
  size_t more_problems;         /* found beyond those */
};
/* Check the log as above; V->ok when nothing is wrong.  The store status
   says whether it could be read. */
enum store_status audit_verify (struct store *s,
                                const struct audit_verify_opts *o,
                                struct audit_verdict *v);
/* One problem as a sentence: English for the command line, or Bahasa
   Indonesia for the pages (times in the zone OFFSET_MIN, else UTC). */
void audit_problem_text (const struct audit_problem *p, bool indonesian,
                         int offset_min, char *out, size_t cap);
/* Unix seconds as "YYYY-MM-DD HH:MM:SS" in zone OFFSET_MIN plus "UTC" or
   the offset ("+07:00"). */
void audit_time_text (int64_t t, int offset_min, char *out, size_t cap);
/* audit_verify (every chain, stored checkpoints unsigned-checked: no key)
   of the database file DB_PATH, a backup's snapshot or a restore's copy:
   opened with the store, so an older schema is first brought up to date
   in that file.  ERR (200 bytes) says why it could not be read; when the
   log is not intact, WHY (200 bytes) names the first problem. */
enum store_status audit_verify_file (const char *db_path,
                                     struct audit_verdict *v, char err[200],
                                     char why[200]);
#endif
