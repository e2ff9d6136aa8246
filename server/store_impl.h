/* Private to store*.c: the connection type and statement access. */
#ifndef WADAH_STORE_IMPL_H
#define WADAH_STORE_IMPL_H
#include "store.h"
#include <sqlite3.h>
#include <stdio.h>

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
/* Map an SQLite result code onto a store_status. */
enum store_status store_status_of (int rc);

/* Step ST (bound by the caller) to the end, FILL-ing one ROW_SIZE row per
   result row into a malloc'ed array (*ROWS, *N; NULL and 0 when empty).
   Resets ST. */
enum store_status store_collect (sqlite3_stmt *st, size_t row_size,
                                 void (*fill) (sqlite3_stmt *st, void *row),
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
  const unsigned char *t = sqlite3_column_text (st, col);
  snprintf (dst, cap, "%s", t ? (const char *) t : "");
}
#endif
