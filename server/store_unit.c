/* Units, their service types, populations, users and form versions. */
#include "store_impl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
unit_from_row (sqlite3_stmt *st, struct unit *u)
{
  u->id = sqlite3_column_int64 (st, 0);
  store_copy_text (u->slug, sizeof u->slug, st, 1);
  store_copy_text (u->name, sizeof u->name, st, 2);
  u->utc_offset_min = sqlite3_column_int (st, 3);
}

enum store_status
store_conn_unit_by_slug (struct store_conn *c, const char *slug,
                         struct unit *out)
{
  sqlite3_stmt *st = store_stmt (c, Q_UNIT_BY_SLUG);
  sqlite3_bind_text (st, 1, slug, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
    unit_from_row (st, out);
  sqlite3_reset (st);
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

/* Units and service types are read on every submission and change only by
   an administrator's command: each thread keeps the ones it has seen for a
   few seconds.  Only hits are cached, so a new unit or service is visible
   at once; a renamed or disabled one within STORE_CACHE_SECONDS. */
#define STORE_CACHE_SECONDS 5
#define STORE_CACHE_SLOTS 8

static __thread struct {
  struct store *s;
  time_t until;
  struct unit u;
} unit_cache[STORE_CACHE_SLOTS];
static __thread unsigned int unit_cache_next;

static __thread struct {
  struct store *s;
  time_t until;
  int64_t unit_id;
  struct service sv;
} service_cache[STORE_CACHE_SLOTS * 4];
static __thread unsigned int service_cache_next;

enum store_status
store_unit_by_slug (struct store *s, const char *slug, struct unit *out)
{
  time_t now = time (NULL);
  for (size_t i = 0; i < STORE_CACHE_SLOTS; i++)
    if (unit_cache[i].s == s && unit_cache[i].until > now
        && 0 == strcmp (unit_cache[i].u.slug, slug))
    {
      *out = unit_cache[i].u;
      return STORE_OK;
    }
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  enum store_status st = store_conn_unit_by_slug (c, slug, out);
  if (STORE_OK == st)
  {
    unsigned int k = unit_cache_next++ % STORE_CACHE_SLOTS;
    unit_cache[k].s = s;
    unit_cache[k].until = now + STORE_CACHE_SECONDS;
    unit_cache[k].u = *out;
  }
  return st;
}

enum store_status
store_unit_list (struct store *s,
                 bool (*cb) (void *cls, const struct unit *u), void *cls)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_UNIT_LIST);
  int rc;
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    struct unit u;
    unit_from_row (st, &u);
    if (! cb (cls, &u))
    {
      rc = SQLITE_DONE;
      break;
    }
  }
  sqlite3_reset (st);
  return SQLITE_DONE == rc ? STORE_OK : store_status_of (rc);
}

static enum store_status store_service_by_code_db (struct store *s,
                                                   int64_t unit_id,
                                                   const char *code,
                                                   struct service *out);

static void
service_from_row (sqlite3_stmt *st, struct service *sv)
{
  sv->id = sqlite3_column_int64 (st, 0);
  store_copy_text (sv->code, sizeof sv->code, st, 1);
  store_copy_text (sv->name, sizeof sv->name, st, 2);
}

static void
fill_service (sqlite3_stmt *st, void *row)
{
  service_from_row (st, row);
}

enum store_status
store_service_list (struct store *s, int64_t unit_id, struct service **out,
                    size_t *n)
{
  struct store_conn *c = store_reader (s);
  *out = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_SERVICE_LIST);
  sqlite3_bind_int64 (st, 1, unit_id);
  return store_collect (st, sizeof **out, &fill_service, (void **) out, n);
}

enum store_status
store_service_by_code (struct store *s, int64_t unit_id, const char *code,
                       struct service *out)
{
  time_t now = time (NULL);
  const size_t slots = sizeof service_cache / sizeof service_cache[0];
  for (size_t i = 0; i < slots; i++)
    if (service_cache[i].s == s && service_cache[i].until > now
        && service_cache[i].unit_id == unit_id
        && 0 == strcmp (service_cache[i].sv.code, code))
    {
      *out = service_cache[i].sv;
      return STORE_OK;
    }
  enum store_status st = store_service_by_code_db (s, unit_id, code, out);
  if (STORE_OK == st)
  {
    unsigned int k = service_cache_next++ % slots;
    service_cache[k].s = s;
    service_cache[k].until = now + STORE_CACHE_SECONDS;
    service_cache[k].unit_id = unit_id;
    service_cache[k].sv = *out;
  }
  return st;
}

static enum store_status
store_service_by_code_db (struct store *s, int64_t unit_id, const char *code,
                          struct service *out)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_SERVICE_BY_CODE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
    service_from_row (st, out);
  sqlite3_reset (st);
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

enum store_status
store_population_get (struct store *s, int64_t unit_id, const char *period,
                      int64_t *population)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_POPULATION_GET);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, period, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
    *population = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

enum store_status
store_unit_insert (struct store_conn *c, const char *slug, const char *name,
                   int utc_offset_min, int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_UNIT_INSERT);
  sqlite3_bind_text (st, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 3, utc_offset_min);
  sqlite3_bind_int64 (st, 4, (sqlite3_int64) time (NULL));
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && id)
    *id = sqlite3_last_insert_rowid (c->db);
  return r;
}

enum store_status
store_service_upsert (struct store_conn *c, int64_t unit_id, const char *code,
                      const char *name)
{
  sqlite3_stmt *st = store_stmt (c, Q_SERVICE_UPSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, name, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_service_disable (struct store_conn *c, int64_t unit_id,
                       const char *code)
{
  sqlite3_stmt *st = store_stmt (c, Q_SERVICE_DISABLE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

enum store_status
store_population_set (struct store_conn *c, int64_t unit_id,
                      const char *period, int64_t n)
{
  sqlite3_stmt *st = store_stmt (c, Q_POPULATION_SET);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, period, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, n);
  return store_step_done (st);
}

struct form_reg {
  const char *form_id, *sha256, *definition;
  int version;
};

static enum store_status
form_register_run (struct store_conn *c, void *cls)
{
  struct form_reg *f = cls;
  sqlite3_stmt *st = store_stmt (c, Q_FORM_VERSION_GET);
  sqlite3_bind_text (st, 1, f->form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, f->version);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
  {
    const char *have = (const char *) sqlite3_column_text (st, 0);
    bool same = have && 0 == strcmp (have, f->sha256);
    sqlite3_reset (st);
    return same ? STORE_OK : STORE_NO_ROW;
  }
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
    return store_status_of (rc);
  st = store_stmt (c, Q_FORM_VERSION_INSERT);
  sqlite3_bind_text (st, 1, f->form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, f->version);
  sqlite3_bind_text (st, 3, f->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, f->definition, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 5, (sqlite3_int64) time (NULL));
  return store_step_done (st);
}

enum store_status
store_form_version_register (struct store *s, const char *form_id,
                             int version, const char *sha256,
                             const char *definition)
{
  struct form_reg f = { form_id, sha256, definition, version };
  return store_write_sync (s, &form_register_run, &f);
}
