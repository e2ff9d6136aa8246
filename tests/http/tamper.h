/*
 * What an attacker who holds the data directory (but not the audit key)
 * can do to the audit log, for the tests and the audit bench: plain SQL
 * behind the server's back, and deleting an entry then recomputing every
 * hash after it (both chains) so that the log is consistent again.
 */
#ifndef WADAH_TEST_TAMPER_H
#define WADAH_TEST_TAMPER_H
#include <stdbool.h>
#include <stdint.h>

/* Run SQL on the database at DB_PATH (the append-only triggers are
   dropped first); false with the error on stderr. */
bool tamper_sql (const char *db_path, const char *sql);
/* Delete entry ID (0: none), renumber the entries after it and recompute
   prev_hash/hash and unit_seq/unit_prev_hash/unit_hash of the whole log.
   The stored checkpoints are left as they are. */
bool tamper_rechain (const char *db_path, int64_t id);
#endif
