/*
 * The tamper-evident audit log: append (inside a store job, so an action
 * and its entry commit together) and verify the BLAKE2b chain.
 *
 *   hash(n) = BLAKE2b-256(hash(n-1), id, at, unit, actor, action, object,
 *                         detail), hash(0) = 32 zero bytes
 */
#ifndef WADAH_AUDIT_H
#define WADAH_AUDIT_H
#include "store.h"

/* Append an entry (UNIT_ID 0 when none).  Must run inside a write job. */
enum store_status audit_append (struct store_conn *c, int64_t unit_id,
                                const char *actor, const char *action,
                                const char *object, const char *detail);
/* The hash an entry must have, given its fields and prev_hash. */
void audit_entry_hash (const struct audit_row *r, unsigned char out[32]);

struct audit_verdict {
  bool ok;
  int64_t entries;            /* entries checked */
  int64_t bad_id;             /* first entry that does not match (0: none) */
  const char *reason;         /* why it does not match */
  unsigned char head[32];     /* hash of the last entry */
};
/* Walk the whole chain. */
enum store_status audit_verify (struct store *s, struct audit_verdict *v);
/* The same walk over the database file DB_PATH, read as it is (not
   migrated; backups and restores); ERR (200 bytes) says why it could not
   be read. */
enum store_status audit_verify_file (const char *db_path,
                                     struct audit_verdict *v, char err[200]);
#endif
