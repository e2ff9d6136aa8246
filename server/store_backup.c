/*
 * Database files as backups see them (store.h, "backups"): a consistent
 * snapshot of the live database while the server writes, and reads of a
 * snapshot or of a database being restored.  These open the file on a
 * connection of their own, read-only, with no pragma, no migration and no
 * statement but the one they run, so that what they read is the file as
 * it is: a snapshot is archived byte for byte, and a restore checks the
 * bytes the archive held before anything changes them.
 */
#include "store_impl.h"
#include "embed.h"
#include <stdio.h>
#include <string.h>

static void
set_err (char err[200], sqlite3 *db, const char *what)
{
  snprintf (err, 200, "%s: %s", what, db ? sqlite3_errmsg (db)
            : "out of memory");
}

sqlite3 *
store_file_open (const char *path, char err[200])
{
  sqlite3 *db = NULL;
  if (SQLITE_OK != sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY
                                    | SQLITE_OPEN_NOMUTEX, NULL))
  {
    set_err (err, db, "cannot open the database");
    sqlite3_close_v2 (db);
    return NULL;
  }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

sqlite3_stmt *
store_file_prepare (sqlite3 *db, const char *name, char err[200])
{
  const struct embed_file *f = embed_find (embed_sql, name);
  sqlite3_stmt *st = NULL;
  if (NULL == f)
  {
    snprintf (err, 200, "query file sql/%s is missing from the build", name);
    return NULL;
  }
  if (SQLITE_OK != sqlite3_prepare_v2 (db, f->data, (int) f->len, &st, NULL))
  {
    set_err (err, db, "cannot read the database");
    sqlite3_finalize (st);
    return NULL;
  }
  return st;
}

/* Run SQL on DB; false with ERR set. */
static bool
exec_or_err (sqlite3 *db, const char *sql, char err[200], const char *what)
{
  if (SQLITE_OK == sqlite3_exec (db, sql, NULL, NULL, NULL))
    return true;
  set_err (err, db, what);
  return false;
}

enum store_status
store_snapshot (const char *db_path, const char *dest_path, char err[200])
{
  /* The online backup API copying every page in one step: the step holds
     one read transaction on the live database, so in WAL mode it sees the
     database as of its start and neither waits for nor blocks the
     server's writer.  (Copied in several steps it would start again
     after every write of another connection, and under steady writes
     might never finish.)  VACUUM INTO gives the same snapshot but
     rebuilds every table and index: 1.6 s against 0.4 s here for a
     160 MB database (README, "Backup and restore"). */
  sqlite3 *src = store_file_open (db_path, err), *dst = NULL;
  sqlite3_backup *b = NULL;
  enum store_status ret = STORE_HARD_ERROR;
  if (NULL == src)
    return STORE_HARD_ERROR;
  if (SQLITE_OK != sqlite3_open_v2 (dest_path, &dst, SQLITE_OPEN_READWRITE
                                    | SQLITE_OPEN_NOMUTEX, NULL))
  {
    set_err (err, dst, "cannot open the snapshot file");
    goto cleanup;
  }
  /* The copy is made durable by the archive's fsync, not here. */
  if (! exec_or_err (dst, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;",
                     err, "cannot prepare the snapshot file"))
    goto cleanup;
  if (NULL == (b = sqlite3_backup_init (dst, "main", src, "main")))
  {
    set_err (err, dst, "cannot snapshot the database");
    goto cleanup;
  }
  int rc = sqlite3_backup_step (b, -1);
  int fin = sqlite3_backup_finish (b);
  if (SQLITE_DONE != rc || SQLITE_OK != fin)
  {
    ret = store_status_of (SQLITE_DONE != rc ? rc : fin);
    if (STORE_OK == ret)
      ret = STORE_HARD_ERROR;
    snprintf (err, 200, "cannot snapshot the database: %s",
              sqlite3_errstr (SQLITE_DONE != rc ? rc : fin));
    goto cleanup;
  }
  /* Page 1 came from a WAL database and says so; a snapshot is read
     alone, so it becomes an ordinary rollback-journal file (reopened, as
     this connection took journal_mode OFF). */
  sqlite3_close_v2 (dst);
  dst = NULL;
  if (SQLITE_OK != sqlite3_open_v2 (dest_path, &dst, SQLITE_OPEN_READWRITE
                                    | SQLITE_OPEN_NOMUTEX, NULL))
  {
    set_err (err, dst, "cannot open the snapshot file");
    goto cleanup;
  }
  if (! exec_or_err (dst, "PRAGMA journal_mode=DELETE;", err,
                     "cannot finish the snapshot file"))
    goto cleanup;
  ret = STORE_OK;
cleanup:
  sqlite3_close_v2 (dst);
  sqlite3_close_v2 (src);
  return ret;
}

/* Step ST to its end, calling ROW for each row; the status of the end. */
static enum store_status
each_row (sqlite3 *db, sqlite3_stmt *st, bool (*row) (sqlite3_stmt *, void *),
          void *cls, char err[200])
{
  int rc;
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
    if (! row (st, cls))
      return STORE_OK;
  if (SQLITE_DONE == rc)
    return STORE_OK;
  set_err (err, db, "cannot read the database");
  enum store_status s = store_status_of (rc);
  return STORE_OK == s ? STORE_HARD_ERROR : s;
}

/* Run query file NAME on the database at PATH, ROW per result row. */
enum store_status
store_file_query (const char *path, const char *name,
                  bool (*row) (sqlite3_stmt *st, void *cls), void *cls,
                  char err[200])
{
  sqlite3 *db = store_file_open (path, err);
  if (NULL == db)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_file_prepare (db, name, err);
  enum store_status s = st ? each_row (db, st, row, cls, err)
                           : STORE_HARD_ERROR;
  sqlite3_finalize (st);
  sqlite3_close_v2 (db);
  return s;
}

static bool
schema_row (sqlite3_stmt *st, void *cls)
{
  *(int *) cls = sqlite3_column_int (st, 0);
  return false;
}

enum store_status
store_file_schema (const char *path, int *version, char err[200])
{
  *version = -1;
  enum store_status s = store_file_query (path, "schema_version_get.sql",
                                          &schema_row, version, err);
  if (STORE_OK == s && *version < 0)
  {
    snprintf (err, 200, "the database records no schema version");
    return STORE_NO_ROW;
  }
  return s;
}

struct check {
  bool ok;
  char *err;
};

static bool
check_row (sqlite3_stmt *st, void *cls)
{
  struct check *c = cls;
  const unsigned char *t = sqlite3_column_text (st, 0);
  c->ok = t && 0 == strcmp ((const char *) t, "ok");
  if (! c->ok)
    snprintf (c->err, 200, "the database is damaged: %s",
              t ? (const char *) t : "?");
  return false;
}

enum store_status
store_file_check (const char *path, char err[200])
{
  struct check c = { false, err };
  sqlite3 *db = store_file_open (path, err);
  sqlite3_stmt *st = NULL;
  enum store_status s = STORE_HARD_ERROR;
  if (NULL == db)
    return STORE_HARD_ERROR;
  if (SQLITE_OK != sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &st,
                                       NULL))
    set_err (err, db, "the database cannot be read");
  else if (STORE_OK == (s = each_row (db, st, &check_row, &c, err)))
    s = c.ok ? STORE_OK : STORE_NO_ROW;
  sqlite3_finalize (st);
  sqlite3_close_v2 (db);
  return s;
}

struct files {
  bool (*cb) (void *cls, const char *file);
  void *cls;
};

static bool
file_row (sqlite3_stmt *st, void *cls)
{
  struct files *f = cls;
  const unsigned char *t = sqlite3_column_text (st, 0);
  return f->cb (f->cls, t ? (const char *) t : "");
}

enum store_status
store_file_attachments (const char *path,
                        bool (*cb) (void *cls, const char *file), void *cls,
                        char err[200])
{
  struct files f = { cb, cls };
  return store_file_query (path, "backup_attachments.sql", &file_row, &f,
                           err);
}
