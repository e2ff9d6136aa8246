/* Staff users, unit keys and key grants (the audit log's rows are in
   store_audit.c). */
#include "roles.h"
#include "store_impl.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned int
roles_of (struct store_conn *c, int64_t user_id)
{
  unsigned int mask = 0;
  sqlite3_stmt *st = store_stmt (c, Q_USER_ROLES);
  sqlite3_bind_int64 (st, 1, user_id);
  while (SQLITE_ROW == sqlite3_step (st))
    mask |= role_from_name ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return mask;
}

enum store_status
store_conn_user_by_name (struct store_conn *c, const char *slug,
                         const char *username, struct user_rec *out)
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_BY_NAME);
  sqlite3_bind_text (st, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, username, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW != rc)
  {
    sqlite3_reset (st);
    return SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  }
  memset (out, 0, sizeof *out);
  out->id = sqlite3_column_int64 (st, 0);
  out->unit_id = sqlite3_column_int64 (st, 1);
  store_copy_text (out->username, sizeof out->username, st, 2);
  store_copy_text (out->pw_hash, sizeof out->pw_hash, st, 3);
  out->disabled = 0 != sqlite3_column_int (st, 4);
  out->has_keys = store_blob_to (st, 5, out->public_key, STORE_KEY)
                  && store_blob_to (st, 6, out->key_salt, 16)
                  && store_blob_to (st, 7, out->key_wrapped, STORE_WRAPPED);
  out->has_totp = store_blob_to (st, 8, out->totp_sealed, STORE_TOTP_SEALED);
  out->totp_last_step = sqlite3_column_int64 (st, 9);
  sqlite3_reset (st);
  out->roles = roles_of (c, out->id);
  return STORE_OK;
}

enum store_status
store_user_by_name (struct store *s, const char *slug, const char *username,
                    struct user_rec *out)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  return store_conn_user_by_name (c, slug, username, out);
}

static void
fill_user (sqlite3_stmt *st, void *row)
{
  struct user_row *u = row;
  u->id = sqlite3_column_int64 (st, 0);
  store_copy_text (u->username, sizeof u->username, st, 1);
  u->disabled = 0 != sqlite3_column_int (st, 2);
  u->created_at = sqlite3_column_int64 (st, 3);
  u->has_totp = 0 != sqlite3_column_int (st, 4);
}

enum store_status
store_user_list (struct store *s, int64_t unit_id, struct user_row **rows,
                 size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_USER_LIST);
  sqlite3_bind_int64 (st, 1, unit_id);
  enum store_status r = store_collect (st, sizeof **rows, &fill_user,
                                       (void **) rows, n);
  for (size_t i = 0; STORE_OK == r && i < *n; i++)
    (*rows)[i].roles = roles_of (c, (*rows)[i].id);
  return r;
}

enum store_status
store_user_insert (struct store_conn *c, int64_t unit_id, const char *username,
                   const char *pw_hash, unsigned int roles,
                   const unsigned char pk[STORE_KEY],
                   const unsigned char salt[16],
                   const unsigned char wrapped[STORE_WRAPPED], int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_INSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, username, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, pw_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, (sqlite3_int64) time (NULL));
  sqlite3_bind_blob (st, 5, pk, STORE_KEY, SQLITE_STATIC);
  sqlite3_bind_blob (st, 6, salt, 16, SQLITE_STATIC);
  sqlite3_bind_blob (st, 7, wrapped, STORE_WRAPPED, SQLITE_STATIC);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  int64_t uid = sqlite3_last_insert_rowid (c->db);
  const char *name;
  for (size_t i = 0; NULL != (name = role_nth (roles, i)); i++)
  {
    st = store_stmt (c, Q_USER_ROLE_INSERT);
    sqlite3_bind_int64 (st, 1, uid);
    sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
    r = store_step_done (st);
    if (STORE_OK != r)
      return r;
  }
  if (id)
    *id = uid;
  return STORE_OK;
}

enum store_status
store_custodian_grant (struct store_conn *c, int64_t user_id, int64_t at,
                       int64_t granted_by)
{
  sqlite3_stmt *st = store_stmt (c, Q_CUSTODIAN_ROLE_INSERT);
  sqlite3_bind_int64 (st, 1, user_id);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  st = store_stmt (c, Q_CUSTODIAN_INSERT);
  sqlite3_bind_int64 (st, 1, user_id);
  sqlite3_bind_int64 (st, 2, at);
  if (granted_by > 0)
    sqlite3_bind_int64 (st, 3, granted_by);
  else
    sqlite3_bind_null (st, 3);
  return store_step_done (st);
}

enum store_status
store_custodian_revoke (struct store_conn *c, int64_t user_id, bool *was)
{
  sqlite3_stmt *st = store_stmt (c, Q_CUSTODIAN_ROLE_DELETE);
  sqlite3_bind_int64 (st, 1, user_id);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  bool had = sqlite3_changes (c->db) > 0;
  st = store_stmt (c, Q_CUSTODIAN_DELETE);
  sqlite3_bind_int64 (st, 1, user_id);
  r = store_step_done (st);
  if (was)
    *was = had;
  return r;
}

enum store_status
store_user_set_keys (struct store_conn *c, int64_t user_id,
                     const char *pw_hash, const unsigned char pk[STORE_KEY],
                     const unsigned char salt[16],
                     const unsigned char wrapped[STORE_WRAPPED])
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_SET_KEYS);
  sqlite3_bind_int64 (st, 1, user_id);
  sqlite3_bind_text (st, 2, pw_hash, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, pk, STORE_KEY, SQLITE_STATIC);
  sqlite3_bind_blob (st, 4, salt, 16, SQLITE_STATIC);
  sqlite3_bind_blob (st, 5, wrapped, STORE_WRAPPED, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 6, (sqlite3_int64) time (NULL));
  return store_step_done (st);
}

enum store_status
store_user_set_disabled (struct store_conn *c, int64_t user_id,
                         bool disabled)
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_SET_DISABLED);
  sqlite3_bind_int64 (st, 1, user_id);
  sqlite3_bind_int (st, 2, disabled ? 1 : 0);
  return store_step_done (st);
}

enum store_status
store_user_set_totp (struct store_conn *c, int64_t user_id,
                     const unsigned char *sealed)
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_SET_TOTP);
  sqlite3_bind_int64 (st, 1, user_id);
  if (sealed)
    sqlite3_bind_blob (st, 2, sealed, STORE_TOTP_SEALED, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 2);
  return store_step_done (st);
}

enum store_status
store_user_totp_step (struct store_conn *c, int64_t user_id, int64_t step)
{
  sqlite3_stmt *st = store_stmt (c, Q_USER_SET_TOTP_STEP);
  sqlite3_bind_int64 (st, 1, user_id);
  sqlite3_bind_int64 (st, 2, step);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

enum store_status
store_unit_key_insert (struct store_conn *c, int64_t unit_id,
                       const char *kind, const unsigned char pk[STORE_KEY],
                       const unsigned char wrapped[STORE_WRAPPED])
{
  sqlite3_stmt *st = store_stmt (c, Q_UNIT_KEY_INSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, pk, STORE_KEY, SQLITE_STATIC);
  sqlite3_bind_blob (st, 4, wrapped, STORE_WRAPPED, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 5, (sqlite3_int64) time (NULL));
  return store_step_done (st);
}

enum store_status
store_conn_unit_key_get (struct store_conn *c, int64_t unit_id,
                         const char *kind, unsigned char pk[STORE_KEY],
                         unsigned char wrapped[STORE_WRAPPED])
{
  sqlite3_stmt *st = store_stmt (c, Q_UNIT_KEY_GET);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, kind, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  enum store_status r;
  if (SQLITE_ROW == rc)
    r = store_blob_to (st, 0, pk, STORE_KEY)
        && (NULL == wrapped || store_blob_to (st, 1, wrapped, STORE_WRAPPED))
        ? STORE_OK : STORE_HARD_ERROR;
  else
    r = SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
store_unit_key_get (struct store *s, int64_t unit_id, const char *kind,
                    unsigned char pk[STORE_KEY],
                    unsigned char wrapped[STORE_WRAPPED])
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  return store_conn_unit_key_get (c, unit_id, kind, pk, wrapped);
}

enum store_status
store_grant_upsert (struct store_conn *c, int64_t unit_id, const char *kind,
                    int64_t user_id, const unsigned char sealed[STORE_SEALED],
                    int64_t granted_by)
{
  sqlite3_stmt *st = store_stmt (c, Q_GRANT_UPSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, user_id);
  sqlite3_bind_blob (st, 4, sealed, STORE_SEALED, SQLITE_STATIC);
  if (granted_by > 0)
    sqlite3_bind_int64 (st, 5, granted_by);
  else
    sqlite3_bind_null (st, 5);
  sqlite3_bind_int64 (st, 6, (sqlite3_int64) time (NULL));
  return store_step_done (st);
}

enum store_status
store_grant_delete (struct store_conn *c, int64_t unit_id, const char *kind,
                    int64_t user_id)
{
  sqlite3_stmt *st = store_stmt (c, Q_GRANT_DELETE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, user_id);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

enum store_status
store_grant_delete_user (struct store_conn *c, int64_t user_id)
{
  sqlite3_stmt *st = store_stmt (c, Q_GRANT_DELETE_USER);
  sqlite3_bind_int64 (st, 1, user_id);
  return store_step_done (st);
}

static void
fill_grant_sealed (sqlite3_stmt *st, void *row)
{
  struct grant_row *g = row;
  store_copy_text (g->kind, sizeof g->kind, st, 0);
  /* A blob of the wrong size stays zeroed and will not open. */
  store_blob_to (st, 1, g->sealed, STORE_SEALED);
}

static void
fill_grant_user (sqlite3_stmt *st, void *row)
{
  struct grant_row *g = row;
  store_copy_text (g->kind, sizeof g->kind, st, 0);
  store_copy_text (g->username, sizeof g->username, st, 1);
}

static enum store_status
grant_rows (struct store *s, enum store_query q, int64_t a, int64_t b,
            bool with_user, struct grant_row **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, q);
  sqlite3_bind_int64 (st, 1, a);
  if (! with_user)
    sqlite3_bind_int64 (st, 2, b);
  return store_collect (st, sizeof **rows,
                        with_user ? &fill_grant_user : &fill_grant_sealed,
                        (void **) rows, n);
}

enum store_status
store_grants_of_user (struct store *s, int64_t unit_id, int64_t user_id,
                      struct grant_row **rows, size_t *n)
{
  return grant_rows (s, Q_GRANTS_OF_USER, user_id, unit_id, false, rows, n);
}

enum store_status
store_grants_of_unit (struct store *s, int64_t unit_id,
                      struct grant_row **rows, size_t *n)
{
  return grant_rows (s, Q_GRANTS_OF_UNIT, unit_id, 0, true, rows, n);
}
