/* See tamper.h. */
#include "tamper.h"
#include "audit.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char drop_triggers[] =
  "DROP TRIGGER IF EXISTS audit_log_no_update;"
  "DROP TRIGGER IF EXISTS audit_log_no_delete;"
  "DROP TRIGGER IF EXISTS audit_checkpoints_no_update;"
  "DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;";

static bool
exec (sqlite3 *db, const char *sql)
{
  char *err = NULL;
  if (SQLITE_OK == sqlite3_exec (db, sql, NULL, NULL, &err))
    return true;
  fprintf (stderr, "tamper: %s\n", err ? err : "?");
  sqlite3_free (err);
  return false;
}

bool
tamper_sql (const char *db_path, const char *sql)
{
  sqlite3 *db;
  if (SQLITE_OK != sqlite3_open (db_path, &db))
    return false;
  sqlite3_busy_timeout (db, 5000);
  bool ok = exec (db, drop_triggers) && exec (db, sql);
  sqlite3_close (db);
  return ok;
}

static void
text (sqlite3_stmt *st, int col, char *out, size_t cap)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  snprintf (out, cap, "%s", t ? (const char *) t : "");
}

bool
tamper_rechain (const char *db_path, int64_t id)
{
  sqlite3 *db;
  sqlite3_stmt *rd = NULL, *wr = NULL;
  bool ok = false;
  /* Per unit: its last place and unit hash (unit ids are small here). */
  enum { MAX_UNITS = 64 };
  int64_t seq[MAX_UNITS] = { 0 };
  unsigned char uh[MAX_UNITS][32];
  unsigned char prev[32] = { 0 };
  memset (uh, 0, sizeof uh);
  if (SQLITE_OK != sqlite3_open (db_path, &db))
    return false;
  sqlite3_busy_timeout (db, 5000);
  char del[120];
  snprintf (del, sizeof del, "DELETE FROM audit_log WHERE id = %lld;",
            (long long) id);
  if (! exec (db, "BEGIN;") || ! exec (db, drop_triggers) || ! exec (db, del)
      || ! exec (db, "CREATE TEMP TABLE old AS SELECT * FROM audit_log;"
                     "DELETE FROM audit_log;"))
    goto done;
  if (SQLITE_OK != sqlite3_prepare_v2 (db, "SELECT at, unit_id, actor,"
                                       " action, object, detail FROM old"
                                       " ORDER BY id", -1, &rd, NULL)
      || SQLITE_OK != sqlite3_prepare_v2 (db, "INSERT INTO audit_log (id, at,"
                                          " unit_id, actor, action, object,"
                                          " detail, prev_hash, hash, unit_seq,"
                                          " unit_prev_hash, unit_hash) VALUES"
                                          " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                          " ?9, ?10, ?11, ?12)", -1, &wr,
                                          NULL))
    goto done;
  int64_t n = 0;
  while (SQLITE_ROW == sqlite3_step (rd))
  {
    struct audit_row r;
    memset (&r, 0, sizeof r);
    r.id = ++n;
    r.at = sqlite3_column_int64 (rd, 0);
    r.unit_id = sqlite3_column_int64 (rd, 1);
    if (r.unit_id < 0 || r.unit_id >= MAX_UNITS)
      goto done;
    text (rd, 2, r.actor, sizeof r.actor);
    text (rd, 3, r.action, sizeof r.action);
    text (rd, 4, r.object, sizeof r.object);
    text (rd, 5, r.detail, sizeof r.detail);
    memcpy (r.prev_hash, prev, 32);
    audit_entry_hash (&r, r.hash);
    memcpy (prev, r.hash, 32);
    r.unit_seq = ++seq[r.unit_id];
    memcpy (r.unit_prev_hash, uh[r.unit_id], 32);
    audit_unit_hash (&r, r.unit_hash);
    memcpy (uh[r.unit_id], r.unit_hash, 32);
    sqlite3_reset (wr);
    sqlite3_bind_int64 (wr, 1, r.id);
    sqlite3_bind_int64 (wr, 2, r.at);
    if (r.unit_id)
      sqlite3_bind_int64 (wr, 3, r.unit_id);
    else
      sqlite3_bind_null (wr, 3);
    sqlite3_bind_text (wr, 4, r.actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (wr, 5, r.action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (wr, 6, r.object, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (wr, 7, r.detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob (wr, 8, r.prev_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob (wr, 9, r.hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (wr, 10, r.unit_seq);
    sqlite3_bind_blob (wr, 11, r.unit_prev_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob (wr, 12, r.unit_hash, 32, SQLITE_TRANSIENT);
    if (SQLITE_DONE != sqlite3_step (wr))
      goto done;
  }
  ok = exec (db, "DROP TABLE old; COMMIT;");
done:
  sqlite3_finalize (rd);
  sqlite3_finalize (wr);
  if (! ok)
    exec (db, "ROLLBACK;");
  sqlite3_close (db);
  return ok;
}
