/* The audit log's rows.  The chain arithmetic is in audit.c; this file
   only moves rows. */
#include "store_impl.h"
#include <stdint.h>
#include <stdlib.h>

enum store_status
store_audit_last (struct store_conn *c, int64_t *id, unsigned char hash[32])
{
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_LAST);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
  {
    *id = sqlite3_column_int64 (st, 0);
    r = store_blob_to (st, 1, hash, 32) ? STORE_OK : STORE_HARD_ERROR;
  }
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
store_audit_unit_last (struct store *s, struct store_conn *c,
                       int64_t unit_id, int64_t *seq, unsigned char hash[32])
{
  if (NULL == c && NULL == (c = store_reader (s)))
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_UNIT_LAST);
  if (unit_id > 0)
    sqlite3_bind_int64 (st, 1, unit_id);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
  {
    *seq = sqlite3_column_int64 (st, 0);
    r = store_blob_to (st, 1, hash, 32) ? STORE_OK : STORE_HARD_ERROR;
  }
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
store_audit_unit_at (struct store_conn *c, int64_t unit_id, int64_t seq,
                     int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_UNIT_AT);
  if (unit_id > 0)
    sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int64 (st, 2, seq);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
  {
    *id = sqlite3_column_int64 (st, 0);
    r = STORE_OK;
  }
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
store_audit_insert (struct store_conn *c, const struct audit_row *a)
{
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_INSERT);
  sqlite3_bind_int64 (st, 1, a->id);
  sqlite3_bind_int64 (st, 2, a->at);
  if (a->unit_id > 0)
    sqlite3_bind_int64 (st, 3, a->unit_id);
  else
    sqlite3_bind_null (st, 3);
  sqlite3_bind_text (st, 4, a->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, a->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, a->object, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, a->detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 8, a->prev_hash, 32, SQLITE_STATIC);
  sqlite3_bind_blob (st, 9, a->hash, 32, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 10, a->unit_seq);
  sqlite3_bind_blob (st, 11, a->unit_prev_hash, 32, SQLITE_STATIC);
  sqlite3_bind_blob (st, 12, a->unit_hash, 32, SQLITE_STATIC);
  return store_step_done (st);
}

/* Copy text column COL into DST (CAP bytes); false when it does not fit. */
static bool
audit_text (char *dst, size_t cap, sqlite3_stmt *st, int col)
{
  store_copy_text (dst, cap, st, col);
  return (size_t) sqlite3_column_bytes (st, col) < cap;
}

static void
audit_from_row (sqlite3_stmt *st, struct audit_row *a, bool full)
{
  memset (a, 0, sizeof *a);
  a->id = sqlite3_column_int64 (st, 0);
  a->at = sqlite3_column_int64 (st, 1);
  int col = 2;
  bool ok = true;
  if (full)
    a->unit_id = sqlite3_column_int64 (st, col++);
  ok &= audit_text (a->actor, sizeof a->actor, st, col++);
  ok &= audit_text (a->action, sizeof a->action, st, col++);
  ok &= audit_text (a->object, sizeof a->object, st, col++);
  ok &= audit_text (a->detail, sizeof a->detail, st, col++);
  if (full)
  {
    /* A field that does not fit, or a blob of the wrong size (left
       zeroed), marks the row: verification names it.  A text cut to fit
       could otherwise hide what was appended to it. */
    ok &= store_blob_to (st, col, a->prev_hash, 32);
    ok &= store_blob_to (st, col + 1, a->hash, 32);
    a->unit_seq = sqlite3_column_int64 (st, col + 2);
    ok &= store_blob_to (st, col + 3, a->unit_prev_hash, 32);
    ok &= store_blob_to (st, col + 4, a->unit_hash, 32);
    a->malformed = ! ok;
  }
}

enum store_status
store_audit_walk (struct store *s, struct store_conn *c, bool unit_chain,
                  int64_t unit_id, int64_t from,
                  bool (*cb) (void *cls, const struct audit_row *r),
                  void *cls)
{
  struct audit_row a;
  int rc;
  if (NULL == c && NULL == (c = store_reader (s)))
    return STORE_HARD_ERROR;
  sqlite3_stmt *st;
  if (unit_chain)
  {
    st = store_stmt (c, Q_AUDIT_UNIT_WALK);
    if (unit_id > 0)
      sqlite3_bind_int64 (st, 1, unit_id);
    sqlite3_bind_int64 (st, 2, from);
  }
  else
  {
    st = store_stmt (c, Q_AUDIT_WALK);
    sqlite3_bind_int64 (st, 1, from);
  }
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    audit_from_row (st, &a, true);
    if (! cb (cls, &a))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  sqlite3_reset (st);
  return SQLITE_DONE == rc ? STORE_OK : store_status_of (rc);
}

enum store_status
store_audit_log_id (struct store *s, struct store_conn *c,
                    unsigned char id[16])
{
  if (NULL == c && NULL == (c = store_reader (s)))
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_LOG_ID);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
    r = store_blob_to (st, 0, id, 16) ? STORE_OK : STORE_HARD_ERROR;
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

static void
fill_id (sqlite3_stmt *st, void *row)
{
  *(int64_t *) row = sqlite3_column_int64 (st, 0);
}

enum store_status
store_audit_unit_ids (struct store_conn *c, int64_t **ids, size_t *n)
{
  return store_collect (store_stmt (c, Q_AUDIT_UNIT_IDS), sizeof **ids,
                        &fill_id, (void **) ids, n);
}

enum store_status
store_audit_checkpoint_insert (struct store_conn *c,
                               struct audit_checkpoint *cp)
{
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_CHECKPOINT_INSERT);
  char chain[2] = { cp->chain, '\0' };
  sqlite3_bind_int64 (st, 1, cp->at);
  sqlite3_bind_text (st, 2, chain, 1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, cp->unit_id);
  sqlite3_bind_int64 (st, 4, cp->count);
  sqlite3_bind_blob (st, 5, cp->head, 32, SQLITE_STATIC);
  sqlite3_bind_blob (st, 6, cp->public_key, 32, SQLITE_STATIC);
  sqlite3_bind_blob (st, 7, cp->signature, 64, SQLITE_STATIC);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r)
    cp->id = sqlite3_last_insert_rowid (c->db);
  return r;
}

/* A row of the checkpoint queries; a blob of the wrong size is left
   zeroed, so its signature fails. */
static void
fill_checkpoint (sqlite3_stmt *st, void *row)
{
  struct audit_checkpoint *cp = row;
  memset (cp, 0, sizeof *cp);
  cp->id = sqlite3_column_int64 (st, 0);
  cp->at = sqlite3_column_int64 (st, 1);
  const unsigned char *ch = sqlite3_column_text (st, 2);
  cp->chain = ch ? (char) ch[0] : '?';
  cp->unit_id = sqlite3_column_int64 (st, 3);
  cp->count = sqlite3_column_int64 (st, 4);
  store_blob_to (st, 5, cp->head, 32);
  store_blob_to (st, 6, cp->public_key, 32);
  store_blob_to (st, 7, cp->signature, 64);
}

enum store_status
store_audit_checkpoint_last (struct store *s, struct store_conn *c,
                             char chain, int64_t unit_id,
                             struct audit_checkpoint *out)
{
  if (NULL == c && NULL == (c = store_reader (s)))
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_CHECKPOINT_LAST);
  char ch[2] = { chain, '\0' };
  sqlite3_bind_text (st, 1, ch, 1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, unit_id);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
  {
    fill_checkpoint (st, out);
    r = STORE_OK;
  }
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
store_audit_checkpoints (struct store *s, struct store_conn *c, char chain,
                         int64_t unit_id, struct audit_checkpoint **rows,
                         size_t *n)
{
  *rows = NULL;
  *n = 0;
  if (NULL == c && NULL == (c = store_reader (s)))
    return STORE_HARD_ERROR;
  sqlite3_stmt *st;
  if (chain)
  {
    char ch[2] = { chain, '\0' };
    st = store_stmt (c, Q_AUDIT_CHECKPOINTS_OF);
    sqlite3_bind_text (st, 1, ch, 1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (st, 2, unit_id);
  }
  else
    st = store_stmt (c, Q_AUDIT_CHECKPOINTS_ALL);
  return store_collect (st, sizeof **rows, &fill_checkpoint, (void **) rows,
                        n);
}

enum store_status
store_audit_search (struct store *s, int64_t unit_id,
                    const struct audit_filter *f, struct audit_row **rows,
                    size_t *n)
{
  struct store_conn *c = store_reader (s);
  struct audit_row *v;
  size_t len = 0;
  int rc;
  int limit = f->limit > 0 && f->limit <= 500 ? f->limit : 100;
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  v = calloc ((size_t) limit, sizeof *v);
  if (NULL == v)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_SEARCH);
  sqlite3_bind_int64 (st, 1, unit_id);
  if (f->actor)
    sqlite3_bind_text (st, 2, f->actor, -1, SQLITE_STATIC);
  if (f->action)
    sqlite3_bind_text (st, 3, f->action, -1, SQLITE_STATIC);
  if (f->from)
    sqlite3_bind_int64 (st, 4, f->from);
  if (f->to)
    sqlite3_bind_int64 (st, 5, f->to);
  sqlite3_bind_int (st, 6, limit);
  sqlite3_bind_int64 (st, 7, f->before_id > 0 ? f->before_id : INT64_MAX);
  while (len < (size_t) limit && SQLITE_ROW == (rc = sqlite3_step (st)))
    audit_from_row (st, &v[len++], false);
  if (len == (size_t) limit)
    rc = SQLITE_DONE;
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
  {
    free (v);
    return store_status_of (rc);
  }
  *rows = v;
  *n = len;
  return STORE_OK;
}
