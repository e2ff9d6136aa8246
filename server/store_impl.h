/* Private to store*.c: the connection type and statement access. */
#ifndef WADAH_STORE_IMPL_H
#define WADAH_STORE_IMPL_H
#include "store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

enum store_query {
#define X(e, name) e,
#include "store_queries.def"
#undef X
  Q__COUNT
};

struct store_conn {
  sqlite3 *db;
  sqlite3_stmt *q[Q__COUNT];
};

/* This thread's read connection (opened on first use); NULL on failure. */
struct store_conn *store_reader (struct store *s);
/* Backups (store_backup.c): open the database file PATH read-only on a
   bare connection (no pragma, no migration, no statement prepared); NULL
   with ERR set on failure. */
sqlite3 *store_file_open (const char *path, char err[200]);
/* Prepare the embedded query file NAME ("audit_all.sql") on DB; NULL with
   ERR set on failure. */
sqlite3_stmt *store_file_prepare (sqlite3 *db, const char *name,
                                  char err[200]);
/* Run query file NAME on the database file PATH (as store_file_open),
   calling ROW for each result row until it returns false. */
enum store_status store_file_query (const char *path, const char *name,
                                    bool (*row) (sqlite3_stmt *st,
                                                 void *cls),
                                    void *cls, char err[200]);
/* Map an SQLite result code onto a store_status. */
enum store_status store_status_of (int rc);

/* Step ST (bound by the caller) to the end, FILL-ing one ROW_SIZE row per
   result row into a malloc'ed array (*ROWS, *N; NULL and 0 when empty).
   Resets ST. */
enum store_status store_collect (sqlite3_stmt *st, size_t row_size,
                                 void (*fill) (sqlite3_stmt *st, void *row),
                                 void **rows, size_t *n);
/* The same for rows that own memory FILL allocated: on a failure after
   some rows, DROP frees what each filled row owns before the array goes. */
enum store_status store_collect_owned (sqlite3_stmt *st, size_t row_size,
                                       void (*fill) (sqlite3_stmt *st,
                                                     void *row),
                                       void (*drop) (void *row),
                                       void **rows, size_t *n);

/* Reset and clear the bindings of a statement before use. */
static inline sqlite3_stmt *
store_stmt (struct store_conn *c, enum store_query q)
{
  sqlite3_stmt *st = c->q[q];
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return st;
}

static inline void
store_copy_text (char *dst, size_t cap, sqlite3_stmt *st, int col)
{
  /* As snprintf (dst, cap, "%s", text) without the formatter: reports
     copy a few million columns. */
  const unsigned char *t = sqlite3_column_text (st, col);
  size_t n = t ? strnlen ((const char *) t, cap - 1) : 0;
  memcpy (dst, t ? (const char *) t : "", n);
  dst[n] = '\0';
}

/* Step a statement that returns no rows, and reset it. */
static inline enum store_status
store_step_done (sqlite3_stmt *st)
{
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  return store_status_of (rc);
}

/* Bind V, or NULL when V is NULL or empty. */
static inline void
store_bind_text_opt (sqlite3_stmt *st, int i, const char *v)
{
  if (v && *v)
    sqlite3_bind_text (st, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, i);
}

static inline void
store_bind_blob_opt (sqlite3_stmt *st, int i, const unsigned char *p,
                     size_t n)
{
  if (p && n)
    sqlite3_bind_blob (st, i, p, (int) n, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, i);
}

/* Copy a blob column of exactly LEN bytes into DST; false otherwise. */
static inline bool
store_blob_to (sqlite3_stmt *st, int col, unsigned char *dst, size_t len)
{
  const void *b = sqlite3_column_blob (st, col);
  if (NULL == b || (size_t) sqlite3_column_bytes (st, col) != len)
    return false;
  memcpy (dst, b, len);
  return true;
}

/* A malloc'ed copy of a blob column (NULL and *LEN 0 when empty). */
unsigned char *store_blob_dup (sqlite3_stmt *st, int col, size_t *len);

/* Read query Q with ?1 = ID (and ?2 = FLAG when FLAG >= 0) on this thread's
   reader, collecting the rows as store_collect does. */
enum store_status store_list_of (struct store *s, enum store_query q,
                                 int64_t id, int flag, size_t row_size,
                                 void (*fill) (sqlite3_stmt *st, void *row),
                                 void **rows, size_t *n);
/* The same with store_collect_owned's DROP. */
enum store_status store_list_of_owned (struct store *s, enum store_query q,
                                       int64_t id, int flag, size_t row_size,
                                       void (*fill) (sqlite3_stmt *st,
                                                     void *row),
                                       void (*drop) (void *row),
                                       void **rows, size_t *n);
#endif
