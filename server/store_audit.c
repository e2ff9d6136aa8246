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
  return store_step_done (st);
}

static void
audit_from_row (sqlite3_stmt *st, struct audit_row *a, bool full)
{
  memset (a, 0, sizeof *a);
  a->id = sqlite3_column_int64 (st, 0);
  a->at = sqlite3_column_int64 (st, 1);
  int col = 2;
  if (full)
    a->unit_id = sqlite3_column_int64 (st, col++);
  store_copy_text (a->actor, sizeof a->actor, st, col++);
  store_copy_text (a->action, sizeof a->action, st, col++);
  store_copy_text (a->object, sizeof a->object, st, col++);
  store_copy_text (a->detail, sizeof a->detail, st, col++);
  if (full)
  {
    /* A blob of the wrong size is left zeroed: verification fails. */
    store_blob_to (st, col, a->prev_hash, 32);
    store_blob_to (st, col + 1, a->hash, 32);
  }
}

enum store_status
store_audit_all (struct store *s,
                 bool (*cb) (void *cls, const struct audit_row *r), void *cls)
{
  struct store_conn *c = store_reader (s);
  struct audit_row a;
  int rc;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_AUDIT_ALL);
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
