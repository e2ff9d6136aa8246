/*
 * The store's engine room: connections, prepared statements, migrations and
 * the group-commit writer.  Domain queries live in store_*.c and use the
 * statements prepared here.
 */
#include "store_impl.h"
#include "embed.h"
#include "log.h"
#include "vault.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const store_query_names[Q__COUNT] = {
#define X(e, name) name,
#include "store_queries.def"
#undef X
};

/* Largest number of jobs committed in one transaction. */
#define STORE_GROUP_MAX 256

/* Transaction control on the writer's connection, prepared once. */
enum tx { TX_BEGIN, TX_COMMIT, TX_ROLLBACK, TX_SAVEPOINT, TX_RELEASE,
          TX_ROLLBACK_TO, TX__COUNT };
static const char *const tx_sql[TX__COUNT] = {
  "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "SAVEPOINT job", "RELEASE job",
  "ROLLBACK TO job"
};

/* The WAL is checkpointed by its own thread once it holds this many pages,
   so that the writer never pays for it inline.  8000 pages (32 MiB): the
   index pages every commit rewrites are copied once per checkpoint, and
   at 2000 the checkpointer took 7-10% of the server's CPU under complaint
   load against about 3% here (perf, tests/bench). */
#define STORE_CHECKPOINT_PAGES 8000

struct store {
  char *path;
  sqlite3_stmt *tx[TX__COUNT];
  pthread_t checkpointer;
  bool checkpointer_running;
  bool checkpoint_wanted;
  pthread_cond_t ckpt_cond;         /* wakes the checkpointer */
  struct store_conn *wconn;         /* writer's connection (and the CLI's) */
  pthread_key_t reader_key;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  struct store_job *head, *tail;    /* queue of pending jobs */
  pthread_t writer;
  bool writer_running;
  bool stopping;
  int schema_version;
  /* For /metrics (under lock). */
  unsigned int queued;
  unsigned long long groups, jobs, failed;
  unsigned long long group_size[STORE_GROUP_BUCKETS];
};

/* The highest migration number in the build.  Numbers may have gaps: a
   number is reserved when a change is planned, and branches that each
   add one are merged in any order (see store_migrate). */
static int
store_migration_count (void)
{
  int n = 0;
  for (const struct embed_file *f = embed_sql; f->name; f++)
  {
    int v = 0, i = 0;
    for (; i < 4 && f->name[i] >= '0' && f->name[i] <= '9'; i++)
      v = v * 10 + (f->name[i] - '0');
    if (4 == i && '-' == f->name[4] && v > n)
      n = v;
  }
  return n;
}

static const struct embed_file *
store_migration (int version)
{
  char want[8];
  snprintf (want, sizeof want, "%04d-", version);
  for (const struct embed_file *f = embed_sql; f->name; f++)
    if (0 == strncmp (f->name, want, 5))
      return f;
  return NULL;
}

enum store_status
store_status_of (int rc)
{
  switch (rc)
  {
  case SQLITE_OK:
  case SQLITE_DONE:
    return STORE_OK;
  case SQLITE_ROW:
    return STORE_OK;
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return STORE_BUSY;
  case SQLITE_CONSTRAINT:
    return STORE_NO_ROW;
  default:
    return STORE_HARD_ERROR;
  }
}

unsigned char *
store_blob_dup (sqlite3_stmt *st, int col, size_t *len)
{
  const void *b = sqlite3_column_blob (st, col);
  int n = sqlite3_column_bytes (st, col);
  *len = 0;
  if (NULL == b || n <= 0)
    return NULL;
  unsigned char *p = malloc ((size_t) n);
  if (p)
  {
    memcpy (p, b, (size_t) n);
    *len = (size_t) n;
  }
  return p;
}

enum store_status
store_list_of_owned (struct store *s, enum store_query q, int64_t id,
                     int flag, size_t row_size,
                     void (*fill) (sqlite3_stmt *st, void *row),
                     void (*drop) (void *row), void **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, q);
  sqlite3_bind_int64 (st, 1, id);
  if (flag >= 0)
    sqlite3_bind_int (st, 2, flag);
  return store_collect_owned (st, row_size, fill, drop, rows, n);
}

enum store_status
store_list_of (struct store *s, enum store_query q, int64_t id, int flag,
               size_t row_size, void (*fill) (sqlite3_stmt *st, void *row),
               void **rows, size_t *n)
{
  return store_list_of_owned (s, q, id, flag, row_size, fill, NULL, rows, n);
}

enum store_status
store_collect (sqlite3_stmt *st, size_t row_size,
               void (*fill) (sqlite3_stmt *st, void *row), void **rows,
               size_t *n)
{
  return store_collect_owned (st, row_size, fill, NULL, rows, n);
}

/* Free the LEN rows of V (with what they own) after a failure. */
static void
collect_drop (char *v, size_t len, size_t row_size, void (*drop) (void *row))
{
  for (size_t i = 0; drop && i < len; i++)
    drop (v + i * row_size);
  free (v);
}

enum store_status
store_collect_owned (sqlite3_stmt *st, size_t row_size,
                     void (*fill) (sqlite3_stmt *st, void *row),
                     void (*drop) (void *row), void **rows, size_t *n)
{
  char *v = NULL;
  size_t len = 0, cap = 0;
  int rc;

  *rows = NULL;
  *n = 0;
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    if (len == cap)
    {
      cap = cap ? cap * 2 : 16;
      char *nv = realloc (v, cap * row_size);
      if (NULL == nv)
      {
        collect_drop (v, len, row_size, drop);
        sqlite3_reset (st);
        return STORE_HARD_ERROR;
      }
      v = nv;
    }
    memset (v + len * row_size, 0, row_size);
    fill (st, v + len * row_size);
    len++;
  }
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
  {
    collect_drop (v, len, row_size, drop);
    return store_status_of (rc);
  }
  *rows = v;
  *n = len;
  return STORE_OK;
}

static bool
store_exec (sqlite3 *db, const char *sql)
{
  char *err = NULL;
  if (SQLITE_OK != sqlite3_exec (db, sql, NULL, NULL, &err))
  {
    LOG_E ("sqlite: %s", err ? err : "?");
    sqlite3_free (err);
    return false;
  }
  return true;
}

static void
store_conn_free (struct store_conn *c)
{
  if (NULL == c)
    return;
  for (int i = 0; i < Q__COUNT; i++)
    sqlite3_finalize (c->q[i]);
  sqlite3_close_v2 (c->db);
  free (c);
}

static void
store_reader_free (void *p)
{
  store_conn_free (p);
}

/* wadah_hash_parts (a, b, ...): vault_hash_parts over the arguments, a
   blob as its bytes, anything else as its text (integers in decimal,
   NULL as nothing).  Migrations use it to chain existing rows the way
   the C code chains new ones (sql/0007-audit-anchor.sql). */
static void
store_fn_hash_parts (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const void *parts[16];
  size_t lens[16];
  unsigned char out[VAULT_HASH_BYTES];
  if (argc < 1 || argc > 16)
  {
    sqlite3_result_error (ctx, "wadah_hash_parts takes 1 to 16 parts", -1);
    return;
  }
  for (int i = 0; i < argc; i++)
  {
    if (SQLITE_BLOB == sqlite3_value_type (argv[i]))
      parts[i] = sqlite3_value_blob (argv[i]);
    else
      parts[i] = sqlite3_value_text (argv[i]);
    lens[i] = (size_t) sqlite3_value_bytes (argv[i]);
    if (NULL == parts[i])
      parts[i] = "";
  }
  vault_hash_parts (out, (size_t) argc, parts, lens);
  sqlite3_result_blob (ctx, out, sizeof out, SQLITE_TRANSIENT);
}

/* Open a connection; prepare the statements unless the schema is not there
   yet (PREPARE false, used before migrations). */
static struct store_conn *
store_conn_open (const char *path, bool create, bool readonly, bool prepare)
{
  struct store_conn *c = calloc (1, sizeof *c);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  if (NULL == c)
    return NULL;
  if (create)
    flags |= SQLITE_OPEN_CREATE;
  if (SQLITE_OK != sqlite3_open_v2 (path, &c->db, flags, NULL))
  {
    LOG_E ("cannot open database %s: %s", path,
           c->db ? sqlite3_errmsg (c->db) : "out of memory");
    goto fail;
  }
  sqlite3_extended_result_codes (c->db, 0);
  sqlite3_busy_timeout (c->db, 5000);
  if (SQLITE_OK != sqlite3_create_function (c->db, "wadah_hash_parts", -1,
                                            SQLITE_UTF8
                                            | SQLITE_DETERMINISTIC, NULL,
                                            &store_fn_hash_parts, NULL,
                                            NULL))
    goto fail;
  if (! store_exec (c->db,
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA secure_delete=ON;"))
    goto fail;
  if (readonly && ! store_exec (c->db, "PRAGMA query_only=ON;"))
    goto fail;
  if (prepare)
    for (int i = 0; i < Q__COUNT; i++)
    {
      char fname[96];
      snprintf (fname, sizeof fname, "%s.sql", store_query_names[i]);
      const struct embed_file *f = embed_find (embed_sql, fname);
      if (NULL == f)
      {
        LOG_E ("query file sql/%s is missing from the build", fname);
        goto fail;
      }
      if (SQLITE_OK != sqlite3_prepare_v3 (c->db, f->data, (int) f->len,
                                           SQLITE_PREPARE_PERSISTENT,
                                           &c->q[i], NULL))
      {
        LOG_E ("cannot prepare sql/%s: %s", fname, sqlite3_errmsg (c->db));
        goto fail;
      }
    }
  return c;
fail:
  store_conn_free (c);
  return NULL;
}

static enum store_status
store_migrate (struct store *s)
{
  sqlite3 *db = s->wconn->db;
  sqlite3_stmt *st = NULL;
  int have = 0;
  int newest = store_migration_count ();

  const struct embed_file *create = embed_find (embed_sql,
                                                "schema_version_create.sql");
  const struct embed_file *get = embed_find (embed_sql,
                                             "schema_version_get.sql");
  const struct embed_file *add = embed_find (embed_sql,
                                             "schema_version_insert.sql");
  const struct embed_file *has = embed_find (embed_sql,
                                             "schema_version_has.sql");
  if (NULL == create || NULL == get || NULL == add || NULL == has)
  {
    LOG_E ("schema_version_*.sql missing from the build");
    return STORE_HARD_ERROR;
  }
  if (! store_exec (db, create->data))
    return STORE_HARD_ERROR;
  if (SQLITE_OK != sqlite3_prepare_v2 (db, get->data, -1, &st, NULL))
    return STORE_HARD_ERROR;
  if (SQLITE_ROW == sqlite3_step (st))
    have = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  if (have > newest)
  {
    LOG_E ("database schema version %d is newer than this program (%d);"
           " refusing to open it", have, newest);
    return STORE_HARD_ERROR;
  }
  /* Every migration of the build not yet applied, in order: also one
     below the highest applied, when a number that was free became a
     migration (two branches merged in the other order). */
  for (int v = 1; v <= newest; v++)
  {
    const struct embed_file *f = store_migration (v);
    if (NULL == f)
      continue;                     /* a number not (yet) used */
    if (SQLITE_OK != sqlite3_prepare_v2 (db, has->data, -1, &st, NULL))
      return STORE_HARD_ERROR;
    sqlite3_bind_int (st, 1, v);
    bool applied = SQLITE_ROW == sqlite3_step (st);
    sqlite3_finalize (st);
    if (applied)
      continue;
    if (! store_exec (db, "BEGIN IMMEDIATE;"))
      return STORE_HARD_ERROR;
    if (! store_exec (db, f->data))
    {
      LOG_E ("migration %s failed", f->name);
      store_exec (db, "ROLLBACK;");
      return STORE_HARD_ERROR;
    }
    if (SQLITE_OK != sqlite3_prepare_v2 (db, add->data, -1, &st, NULL))
    {
      store_exec (db, "ROLLBACK;");
      return STORE_HARD_ERROR;
    }
    sqlite3_bind_int (st, 1, v);
    sqlite3_bind_text (st, 2, f->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (st, 3, (sqlite3_int64) time (NULL));
    int rc = sqlite3_step (st);
    sqlite3_finalize (st);
    if (SQLITE_DONE != rc || ! store_exec (db, "COMMIT;"))
    {
      store_exec (db, "ROLLBACK;");
      return STORE_HARD_ERROR;
    }
    LOG_I ("applied migration %s", f->name);
  }
  s->schema_version = newest;
  return STORE_OK;
}

/* The database and its -wal and -shm files are the owner's alone,
   whatever the umask: a new database file is made 0600 before SQLite
   opens it (SQLite gives the -wal and -shm files the database file's
   mode), and any of the three found readable or writable by others (an
   older version, a careless copy) is closed up.  False when PATH cannot be
   made private. */
static bool
store_files_private (const char *path, bool create)
{
  static const char *const suffix[] = { "", "-wal", "-shm" };
  if (create)
  {
    int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
      close (fd);
    else if (EEXIST != errno)
    {
      LOG_E ("cannot create database %s: %s", path, strerror (errno));
      return false;
    }
  }
  for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
  {
    char p[4096];
    struct stat st;
    snprintf (p, sizeof p, "%s%s", path, suffix[i]);
    if (0 != stat (p, &st) || 0 == (st.st_mode & 077))
      continue;
    if (0 != chmod (p, st.st_mode & 0700))
    {
      LOG_E ("cannot make %s private (mode %03o): %s", p,
             (unsigned) (st.st_mode & 0777), strerror (errno));
      return false;
    }
    LOG_W ("%s was mode %03o; made it %03o", p,
           (unsigned) (st.st_mode & 0777), (unsigned) (st.st_mode & 0700));
  }
  return true;
}

enum store_status
store_open (const char *path, bool create, struct store **out)
{
  struct store *s = calloc (1, sizeof *s);
  struct store_conn *boot;

  if (NULL == s)
    return STORE_HARD_ERROR;
  s->path = strdup (path);
  pthread_mutex_init (&s->lock, NULL);
  pthread_cond_init (&s->cond, NULL);
  pthread_cond_init (&s->ckpt_cond, NULL);
  pthread_key_create (&s->reader_key, &store_reader_free);
  if (! store_files_private (path, create))
    goto fail;
  /* Migrate on a bare connection, then reopen with statements prepared
     against the final schema. */
  boot = store_conn_open (path, create, false, false);
  if (NULL == boot)
    goto fail;
  s->wconn = boot;
  if (STORE_OK != store_migrate (s))
    goto fail;
  store_conn_free (boot);
  s->wconn = store_conn_open (path, false, false, true);
  if (NULL == s->wconn)
    goto fail;
  *out = s;
  return STORE_OK;
fail:
  store_close (s);
  return STORE_HARD_ERROR;
}

int
store_schema_version (struct store *s, int *newest)
{
  if (newest)
    *newest = store_migration_count ();
  return s->schema_version;
}

int
store_schema_newest (void)
{
  return store_migration_count ();
}

struct store_conn *
store_reader (struct store *s)
{
  struct store_conn *c = pthread_getspecific (s->reader_key);
  if (NULL != c)
    return c;
  c = store_conn_open (s->path, false, true, true);
  if (NULL != c)
    pthread_setspecific (s->reader_key, c);
  return c;
}

static bool
tx (struct store *s, enum tx t)
{
  sqlite3_stmt *st = s->tx[t];
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
  {
    LOG_E ("sqlite: %s: %s", tx_sql[t], sqlite3_errmsg (s->wconn->db));
    return false;
  }
  return true;
}

/* Run one group: BEGIN, every job, COMMIT.  Jobs almost never fail, so
   the group first runs without savepoints; if one does fail, the group is
   rolled back and run again with each job in its own savepoint, so that a
   failing job rolls back alone.  Sets each job's status; a failed COMMIT
   fails every job of the group. */
static void
store_run_group (struct store *s, struct store_job *jobs)
{
  bool ok = tx (s, TX_BEGIN);
  bool clean = ok;

  for (struct store_job *j = jobs; ok && NULL != j; j = j->next)
  {
    j->status = j->run (s->wconn, j->cls);
    if (j->status < 0 || j->status == STORE_NO_ROW)
    {
      clean = false;
      break;
    }
  }
  if (ok && ! clean)
  {
    tx (s, TX_ROLLBACK);
    ok = tx (s, TX_BEGIN);
    for (struct store_job *j = jobs; ok && NULL != j; j = j->next)
    {
      tx (s, TX_SAVEPOINT);
      j->status = j->run (s->wconn, j->cls);
      if (j->status < 0 || j->status == STORE_NO_ROW)
        tx (s, TX_ROLLBACK_TO);
      tx (s, TX_RELEASE);
    }
  }
  if (! ok)
  {
    for (struct store_job *j = jobs; NULL != j; j = j->next)
      j->status = STORE_BUSY;
    return;
  }
  if (! tx (s, TX_COMMIT))
  {
    tx (s, TX_ROLLBACK);
    for (struct store_job *j = jobs; NULL != j; j = j->next)
      if (j->status >= 0)
        j->status = STORE_HARD_ERROR;
  }
}

/* Called by SQLite after each commit on the writer's connection with the
   WAL's size; wakes the checkpointer instead of checkpointing inline. */
static int
store_wal_hook (void *cls, sqlite3 *db, const char *name, int pages)
{
  struct store *s = cls;
  (void) db;
  (void) name;
  if (pages >= STORE_CHECKPOINT_PAGES && s->checkpointer_running)
  {
    pthread_mutex_lock (&s->lock);
    s->checkpoint_wanted = true;
    pthread_cond_signal (&s->ckpt_cond);
    pthread_mutex_unlock (&s->lock);
  }
  return SQLITE_OK;
}

static void *
store_checkpointer_main (void *cls)
{
  struct store *s = cls;
  struct store_conn *c = store_conn_open (s->path, false, false, false);
  if (NULL == c)
    return NULL;
  for (;;)
  {
    pthread_mutex_lock (&s->lock);
    while (! s->checkpoint_wanted && ! s->stopping)
      pthread_cond_wait (&s->ckpt_cond, &s->lock);
    bool stop = s->stopping;
    s->checkpoint_wanted = false;
    pthread_mutex_unlock (&s->lock);
    if (stop)
      break;
    /* PASSIVE: copies what it can without blocking the writer or
       readers; the next wake-up continues. */
    int log_pages = 0, done_pages = 0;
    sqlite3_wal_checkpoint_v2 (c->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
                               &log_pages, &done_pages);
  }
  store_conn_free (c);
  return NULL;
}

static void *
store_writer_main (void *cls)
{
  struct store *s = cls;

  for (;;)
  {
    struct store_job *group, *last;
    size_t n = 0;

    pthread_mutex_lock (&s->lock);
    while (NULL == s->head && ! s->stopping)
      pthread_cond_wait (&s->cond, &s->lock);
    if (NULL == s->head)
    {
      pthread_mutex_unlock (&s->lock);
      break;
    }
    group = last = s->head;
    for (n = 1; n < STORE_GROUP_MAX && NULL != last->next; n++)
      last = last->next;
    s->head = last->next;
    if (NULL == s->head)
      s->tail = NULL;
    last->next = NULL;
    s->queued -= (unsigned int) n;
    pthread_mutex_unlock (&s->lock);

    store_run_group (s, group);
    unsigned long long failed = 0;
    for (struct store_job *j = group, *next; NULL != j; j = next)
    {
      next = j->next;   /* done() may free the job */
      failed += STORE_OK != j->status;
      j->done (j->cls, j->status);
    }
    size_t b = 0;
    while (b + 1 < STORE_GROUP_BUCKETS && ((size_t) 1 << b) < n)
      b++;
    pthread_mutex_lock (&s->lock);
    s->groups++;
    s->jobs += n;
    s->failed += failed;
    s->group_size[b]++;
    pthread_mutex_unlock (&s->lock);
  }
  return NULL;
}

bool
store_writer_start (struct store *s)
{
  for (int t = 0; t < TX__COUNT; t++)
    if (NULL == s->tx[t]
        && SQLITE_OK != sqlite3_prepare_v3 (s->wconn->db, tx_sql[t], -1,
                                            SQLITE_PREPARE_PERSISTENT,
                                            &s->tx[t], NULL))
      return false;
  /* Checkpoints move to their own thread (see store_wal_hook); the writer
     gets a larger page cache, as it touches the indexes of every insert. */
  if (! store_exec (s->wconn->db, "PRAGMA cache_size=-32768;"))
    return false;
  s->checkpointer_running = true;
  if (0 != pthread_create (&s->checkpointer, NULL, &store_checkpointer_main,
                           s))
  {
    s->checkpointer_running = false;
    return false;
  }
  sqlite3_wal_hook (s->wconn->db, &store_wal_hook, s);
  if (0 != pthread_create (&s->writer, NULL, &store_writer_main, s))
    return false;
  s->writer_running = true;
  return true;
}

void
store_submit (struct store *s, struct store_job *job)
{
  job->next = NULL;
  if (! s->writer_running)
  {
    /* No writer (CLI): run inline as a group of one. */
    for (int t = 0; t < TX__COUNT; t++)
      if (NULL == s->tx[t])
        sqlite3_prepare_v3 (s->wconn->db, tx_sql[t], -1,
                            SQLITE_PREPARE_PERSISTENT, &s->tx[t], NULL);
    store_run_group (s, job);
    job->done (job->cls, job->status);
    return;
  }
  pthread_mutex_lock (&s->lock);
  if (NULL == s->tail)
    s->head = job;
  else
    s->tail->next = job;
  s->tail = job;
  s->queued++;
  pthread_cond_signal (&s->cond);
  pthread_mutex_unlock (&s->lock);
}

void
store_stats (struct store *s, struct store_stats *out)
{
  pthread_mutex_lock (&s->lock);
  out->queued = s->queued;
  out->groups = s->groups;
  out->jobs = s->jobs;
  out->failed = s->failed;
  for (int i = 0; i < STORE_GROUP_BUCKETS; i++)
    out->group_size[i] = s->group_size[i];
  pthread_mutex_unlock (&s->lock);
}

struct store_sync {
  enum store_status (*run) (struct store_conn *, void *);
  void *cls;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  bool done;
  enum store_status status;
};

static enum store_status
store_sync_run (struct store_conn *c, void *cls)
{
  struct store_sync *w = cls;
  return w->run (c, w->cls);
}

static void
store_sync_done (void *cls, enum store_status status)
{
  struct store_sync *w = cls;
  pthread_mutex_lock (&w->lock);
  w->status = status;
  w->done = true;
  pthread_cond_signal (&w->cond);
  pthread_mutex_unlock (&w->lock);
}

enum store_status
store_write_sync (struct store *s,
                  enum store_status (*run) (struct store_conn *, void *),
                  void *cls)
{
  struct store_sync w = { .run = run, .cls = cls };
  struct store_job job = { .run = &store_sync_run,
                           .done = &store_sync_done,
                           .cls = &w };

  pthread_mutex_init (&w.lock, NULL);
  pthread_cond_init (&w.cond, NULL);
  store_submit (s, &job);
  pthread_mutex_lock (&w.lock);
  while (! w.done)
    pthread_cond_wait (&w.cond, &w.lock);
  pthread_mutex_unlock (&w.lock);
  pthread_mutex_destroy (&w.lock);
  pthread_cond_destroy (&w.cond);
  return w.status;
}

void
store_close (struct store *s)
{
  if (NULL == s)
    return;
  if (s->writer_running || s->checkpointer_running)
  {
    pthread_mutex_lock (&s->lock);
    s->stopping = true;
    pthread_cond_broadcast (&s->cond);
    pthread_cond_broadcast (&s->ckpt_cond);
    pthread_mutex_unlock (&s->lock);
    if (s->writer_running)
      pthread_join (s->writer, NULL);
    if (s->checkpointer_running)
      pthread_join (s->checkpointer, NULL);
  }
  for (int t = 0; t < TX__COUNT; t++)
    sqlite3_finalize (s->tx[t]);
  struct store_conn *r = pthread_getspecific (s->reader_key);
  if (r)
  {
    pthread_setspecific (s->reader_key, NULL);
    store_conn_free (r);
  }
  pthread_key_delete (s->reader_key);
  store_conn_free (s->wconn);
  free (s->path);
  free (s);
}
