/* See store_complaint.h. */
#include "store_complaint.h"
#include "store_impl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *
dup_col (sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  return t ? strdup ((const char *) t) : NULL;
}

/* ---- unit configuration ---- */

static void
fill_coded (sqlite3_stmt *st, void *row)
{
  struct coded *c = row;
  c->id = sqlite3_column_int64 (st, 0);
  store_copy_text (c->code, sizeof c->code, st, 1);
  store_copy_text (c->name, sizeof c->name, st, 2);
}

static enum store_status
coded_list (struct store *s, enum store_query q, int64_t unit_id,
            struct coded **rows, size_t *n)
{
  return store_list_of (s, q, unit_id, -1,
                        sizeof **rows, &fill_coded, (void **) rows, n);
}

enum store_status
store_category_list (struct store *s, int64_t unit_id, struct coded **rows,
                     size_t *n)
{
  return coded_list (s, Q_CATEGORY_LIST, unit_id, rows, n);
}

enum store_status
store_section_list (struct store *s, int64_t unit_id, struct coded **rows,
                    size_t *n)
{
  return coded_list (s, Q_SECTION_LIST, unit_id, rows, n);
}

/* Read on every complaint and changed only by an administrator's command:
   like units and services (store_unit.c), each thread keeps the ones it
   has found for a few seconds. */
#define CATEGORY_CACHE_SECONDS 5
static __thread struct {
  struct store *s;
  time_t until;
  int64_t unit_id;
  struct coded cat;
} category_cache[16];
static __thread unsigned int category_cache_next;

enum store_status
store_category_by_code (struct store *s, int64_t unit_id, const char *code,
                        struct coded *out)
{
  time_t now = time (NULL);
  const size_t slots = sizeof category_cache / sizeof category_cache[0];
  for (size_t i = 0; i < slots; i++)
    if (category_cache[i].s == s && category_cache[i].until > now
        && category_cache[i].unit_id == unit_id
        && 0 == strcmp (category_cache[i].cat.code, code))
    {
      *out = category_cache[i].cat;
      return STORE_OK;
    }
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_CATEGORY_BY_CODE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
    fill_coded (st, out);
  sqlite3_reset (st);
  if (SQLITE_ROW == rc)
  {
    unsigned int k = category_cache_next++ % slots;
    category_cache[k].s = s;
    category_cache[k].until = now + CATEGORY_CACHE_SECONDS;
    category_cache[k].unit_id = unit_id;
    category_cache[k].cat = *out;
  }
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

static enum store_status
coded_upsert (struct store_conn *c, enum store_query q, int64_t unit_id,
              const char *code, const char *name)
{
  sqlite3_stmt *st = store_stmt (c, q);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, name, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_category_upsert (struct store_conn *c, int64_t unit_id,
                       const char *code, const char *name)
{
  return coded_upsert (c, Q_CATEGORY_UPSERT, unit_id, code, name);
}

enum store_status
store_section_upsert (struct store_conn *c, int64_t unit_id,
                      const char *code, const char *name)
{
  return coded_upsert (c, Q_SECTION_UPSERT, unit_id, code, name);
}

static void
fill_template (sqlite3_stmt *st, void *row)
{
  struct template_row *t = row;
  t->id = sqlite3_column_int64 (st, 0);
  store_copy_text (t->title, sizeof t->title, st, 1);
  store_copy_text (t->body, sizeof t->body, st, 2);
}

enum store_status
store_template_list (struct store *s, int64_t unit_id,
                     struct template_row **rows, size_t *n)
{
  return store_list_of (s, Q_TEMPLATE_LIST, unit_id, -1,
                        sizeof **rows, &fill_template, (void **) rows, n);
}

enum store_status
store_template_insert (struct store_conn *c, int64_t unit_id,
                       const char *title, const char *body)
{
  return coded_upsert (c, Q_TEMPLATE_INSERT, unit_id, title, body);
}

enum store_status
store_setting_get (struct store *s, int64_t unit_id, const char *key,
                   char *out, size_t cap)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_SETTING_GET);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, key, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
    store_copy_text (out, cap, st, 0);
  sqlite3_reset (st);
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

enum store_status
store_setting_set (struct store_conn *c, int64_t unit_id, const char *key,
                   const char *value)
{
  return coded_upsert (c, Q_SETTING_SET, unit_id, key, value);
}

static void
fill_holiday (sqlite3_stmt *st, void *row)
{
  struct holiday_row *h = row;
  store_copy_text (h->day, sizeof h->day, st, 0);
  store_copy_text (h->name, sizeof h->name, st, 1);
  store_copy_text (h->kind, sizeof h->kind, st, 2);
  h->unit_id = sqlite3_column_int64 (st, 3);
}

enum store_status
store_conn_holiday_list (struct store_conn *c, int64_t unit_id,
                         struct holiday_row **rows, size_t *n)
{
  sqlite3_stmt *st = store_stmt (c, Q_HOLIDAY_LIST);
  sqlite3_bind_int64 (st, 1, unit_id);
  return store_collect (st, sizeof **rows, &fill_holiday, (void **) rows, n);
}

enum store_status
store_holiday_list (struct store *s, int64_t unit_id,
                    struct holiday_row **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  return store_conn_holiday_list (c, unit_id, rows, n);
}

enum store_status
store_holiday_upsert (struct store_conn *c, int64_t unit_id, const char *day,
                      const char *name, const char *kind)
{
  sqlite3_stmt *st = store_stmt (c, Q_HOLIDAY_UPSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, kind, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_holiday_seed (struct store_conn *c, const char *day, const char *name,
                    const char *kind)
{
  sqlite3_stmt *st = store_stmt (c, Q_HOLIDAY_SEED);
  sqlite3_bind_text (st, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, kind, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_holiday_delete (struct store_conn *c, int64_t unit_id, const char *day)
{
  sqlite3_stmt *st = store_stmt (c, Q_HOLIDAY_DELETE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, day, -1, SQLITE_STATIC);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

/* ---- complaints ---- */

enum store_status
store_complaint_insert (struct store_conn *c, struct complaint_new *n)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_SEQ_NEXT);
  sqlite3_bind_int64 (st, 1, n->unit_id);
  sqlite3_bind_int (st, 2, n->year);
  enum store_status r0 = store_step_done (st);
  if (STORE_OK != r0)
    return r0;
  st = store_stmt (c, Q_COMPLAINT_SEQ_GET);
  sqlite3_bind_int64 (st, 1, n->unit_id);
  sqlite3_bind_int (st, 2, n->year);
  int rc = sqlite3_step (st);
  int64_t seq = SQLITE_ROW == rc ? sqlite3_column_int64 (st, 0) : 0;
  sqlite3_reset (st);
  if (SQLITE_ROW != rc)
    return SQLITE_DONE == rc ? STORE_HARD_ERROR : store_status_of (rc);
  snprintf (n->tracking, sizeof n->tracking, "%s-%04d-%06lld", n->prefix,
            n->year, (long long) seq);

  st = store_stmt (c, Q_COMPLAINT_INSERT);
  sqlite3_bind_int64 (st, 1, n->unit_id);
  sqlite3_bind_text (st, 2, n->tracking, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, n->public_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, n->category_id);
  sqlite3_bind_text (st, 5, n->class_, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, n->channel, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 7, n->lapor_id);
  sqlite3_bind_text (st, 8, n->privacy, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, n->description, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 10, n->location);
  store_bind_text_opt (st, 11, n->incident_date);
  store_bind_text_opt (st, 12, n->requested);
  if (n->identity_ct)
  {
    sqlite3_bind_blob (st, 13, n->identity_ct, (int) n->identity_ct_len,
                       SQLITE_STATIC);
    sqlite3_bind_blob (st, 14, n->identity_key, STORE_RECORD_KEY, SQLITE_STATIC);
  }
  else
  {
    sqlite3_bind_null (st, 13);
    sqlite3_bind_null (st, 14);
  }
  sqlite3_bind_text (st, 15, n->access_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 16, n->received_at);
  sqlite3_bind_text (st, 17, n->received_date, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 18, n->due_date);
  store_bind_text_opt (st, 19, n->entered_by);
  sqlite3_bind_int64 (st, 20, n->entered_at ? n->entered_at : n->received_at);
  sqlite3_bind_text (st, 21, n->source ? n->source : "live", -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
    return store_status_of (rc);
  n->id = sqlite3_last_insert_rowid (c->db);
  struct complaint_event_new e = {
    .kind = "STATUS", .to = "DITERIMA", .at = n->received_at,
    .actor = n->entered_by ? n->entered_by : "pelapor", .note = "" };
  return store_complaint_event_insert (c, n->id, &e);
}

void
store_complaint_rec_free (struct complaint_rec *r)
{
  free (r->description);
  free (r->location);
  free (r->incident_date);
  free (r->requested);
  free (r->identity_ct);
  free (r->public_response);
  memset (r, 0, sizeof *r);
}

enum store_status
store_conn_complaint_get (struct store_conn *c, int64_t unit_id,
                          const char *tracking, struct complaint_rec *o)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_BY_TRACKING);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, tracking, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW != rc)
  {
    sqlite3_reset (st);
    return SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  }
  memset (o, 0, sizeof *o);
  o->id = sqlite3_column_int64 (st, 0);
  store_copy_text (o->tracking, sizeof o->tracking, st, 1);
  store_copy_text (o->public_id, sizeof o->public_id, st, 2);
  store_copy_text (o->category_code, sizeof o->category_code, st, 3);
  store_copy_text (o->category_name, sizeof o->category_name, st, 4);
  store_copy_text (o->class_, sizeof o->class_, st, 5);
  store_copy_text (o->channel, sizeof o->channel, st, 6);
  store_copy_text (o->lapor_id, sizeof o->lapor_id, st, 7);
  store_copy_text (o->privacy, sizeof o->privacy, st, 8);
  o->description = dup_col (st, 9);
  o->location = dup_col (st, 10);
  o->incident_date = dup_col (st, 11);
  o->requested = dup_col (st, 12);
  int ctl = sqlite3_column_bytes (st, 13);
  const void *ct = sqlite3_column_blob (st, 13);
  const void *key = sqlite3_column_blob (st, 14);
  if (ct && ctl > 0 && key
      && STORE_RECORD_KEY == sqlite3_column_bytes (st, 14))
  {
    o->identity_ct = malloc ((size_t) ctl);
    if (o->identity_ct)
    {
      memcpy (o->identity_ct, ct, (size_t) ctl);
      o->identity_ct_len = (size_t) ctl;
      memcpy (o->identity_key, key, STORE_RECORD_KEY);
      o->has_identity = true;
    }
  }
  store_copy_text (o->access_hash, sizeof o->access_hash, st, 15);
  o->received_at = sqlite3_column_int64 (st, 16);
  store_copy_text (o->received_date, sizeof o->received_date, st, 17);
  store_copy_text (o->status, sizeof o->status, st, 18);
  o->status_at = sqlite3_column_int64 (st, 19);
  store_copy_text (o->due_date, sizeof o->due_date, st, 20);
  store_copy_text (o->section_code, sizeof o->section_code, st, 21);
  store_copy_text (o->section_name, sizeof o->section_name, st, 22);
  store_copy_text (o->unsur, sizeof o->unsur, st, 23);
  o->followed_up_at = sqlite3_column_int64 (st, 24);
  o->last_activity_at = sqlite3_column_int64 (st, 25);
  store_copy_text (o->verdict, sizeof o->verdict, st, 26);
  o->public_response = dup_col (st, 27);
  store_copy_text (o->published_by, sizeof o->published_by, st, 28);
  o->published_at = sqlite3_column_int64 (st, 29);
  store_copy_text (o->entered_by, sizeof o->entered_by, st, 30);
  sqlite3_reset (st);
  return STORE_OK;
}

enum store_status
store_complaint_get (struct store *s, int64_t unit_id, const char *tracking,
                     struct complaint_rec *out)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  return store_conn_complaint_get (c, unit_id, tracking, out);
}

static void
fill_row (sqlite3_stmt *st, void *row)
{
  struct complaint_row *r = row;
  store_copy_text (r->tracking, sizeof r->tracking, st, 0);
  store_copy_text (r->category_code, sizeof r->category_code, st, 1);
  store_copy_text (r->category_name, sizeof r->category_name, st, 2);
  store_copy_text (r->class_, sizeof r->class_, st, 3);
  store_copy_text (r->channel, sizeof r->channel, st, 4);
  store_copy_text (r->privacy, sizeof r->privacy, st, 5);
  r->received_at = sqlite3_column_int64 (st, 6);
  store_copy_text (r->status, sizeof r->status, st, 7);
  store_copy_text (r->due_date, sizeof r->due_date, st, 8);
  store_copy_text (r->unsur, sizeof r->unsur, st, 9);
  store_copy_text (r->excerpt, sizeof r->excerpt, st, 10);
}

enum store_status
store_complaint_list (struct store *s, int64_t unit_id,
                      const struct complaint_filter *f,
                      struct complaint_row **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_LIST);
  sqlite3_bind_int64 (st, 1, unit_id);
  store_bind_text_opt (st, 2, f->status);
  store_bind_text_opt (st, 3, f->category);
  store_bind_text_opt (st, 4, f->channel);
  store_bind_text_opt (st, 5, f->overdue_on);
  return store_collect (st, sizeof **rows, &fill_row, (void **) rows, n);
}

enum store_status
store_complaint_event_insert (struct store_conn *c, int64_t id,
                              const struct complaint_event_new *e)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_EVENT_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, e->at);
  sqlite3_bind_text (st, 3, e->actor, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 4, e->from);
  sqlite3_bind_text (st, 5, e->to ? e->to : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, e->note ? e->note : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, e->kind ? e->kind : "STATUS", -1, SQLITE_STATIC);
  if (e->section_id > 0)
    sqlite3_bind_int64 (st, 8, e->section_id);
  else
    sqlite3_bind_null (st, 8);
  if (e->value)
    sqlite3_bind_text (st, 9, e->value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 9);
  return store_step_done (st);
}

enum store_status
store_complaint_set_status (struct store_conn *c, int64_t id,
                            const char *due_date,
                            const struct complaint_event_new *e)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_SET_STATUS);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, e->to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, e->at);
  store_bind_text_opt (st, 4, due_date);
  if (e->section_id > 0)
    sqlite3_bind_int64 (st, 5, e->section_id);
  else
    sqlite3_bind_null (st, 5);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r || NULL == e->note)
    return r;
  return store_complaint_event_insert (c, id, e);
}

enum store_status
store_complaint_message (struct store_conn *c, int64_t id, int64_t at,
                         const char *sender, const char *author,
                         const char *body, bool internal, bool follow_up)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_MESSAGE_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_text (st, 3, sender, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 4, author);
  sqlite3_bind_text (st, 5, body, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 6, internal ? 1 : 0);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r || internal)
    return r;
  st = store_stmt (c, Q_COMPLAINT_TOUCH);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_int (st, 3, follow_up ? 1 : 0);
  return store_step_done (st);
}

enum store_status
store_complaint_set_unsur (struct store_conn *c, int64_t id,
                           const char *unsur, int64_t at, const char *actor)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_SET_UNSUR);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, unsur, -1, SQLITE_STATIC);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  struct complaint_event_new e = { .kind = "UNSUR", .to = "", .at = at,
                                   .actor = actor, .note = "",
                                   .value = unsur };
  return store_complaint_event_insert (c, id, &e);
}

enum store_status
store_complaint_publish (struct store_conn *c, int64_t id, const char *text,
                         const char *by, int64_t at)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_SET_PUBLICATION);
  sqlite3_bind_int64 (st, 1, id);
  store_bind_text_opt (st, 2, text);
  store_bind_text_opt (st, 3, text ? by : NULL);
  if (text)
    sqlite3_bind_int64 (st, 4, at);
  else
    sqlite3_bind_null (st, 4);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  struct complaint_event_new e = { .kind = "PUBLICATION", .to = "", .at = at,
                                   .actor = by, .note = "",
                                   .value = text ? text : "" };
  return store_complaint_event_insert (c, id, &e);
}

enum store_status
store_complaint_verdict (struct store_conn *c, int64_t id,
                         const char *verdict, int64_t at)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_SET_VERDICT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, verdict, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, at);
  return store_step_done (st);
}

static void
fill_event (sqlite3_stmt *st, void *row)
{
  struct complaint_event *e = row;
  e->at = sqlite3_column_int64 (st, 0);
  store_copy_text (e->actor, sizeof e->actor, st, 1);
  store_copy_text (e->from, sizeof e->from, st, 2);
  store_copy_text (e->to, sizeof e->to, st, 3);
  store_copy_text (e->note, sizeof e->note, st, 4);
}

enum store_status
store_complaint_events (struct store *s, int64_t id,
                        struct complaint_event **rows, size_t *n)
{
  return store_list_of (s, Q_COMPLAINT_EVENTS_OF, id, -1,
                        sizeof **rows, &fill_event, (void **) rows, n);
}

enum store_status
store_conn_complaint_events (struct store_conn *c, int64_t id,
                             struct complaint_event **rows, size_t *n)
{
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_EVENTS_OF);
  sqlite3_bind_int64 (st, 1, id);
  return store_collect (st, sizeof **rows, &fill_event, (void **) rows, n);
}

static void
fill_message (sqlite3_stmt *st, void *row)
{
  struct complaint_message *m = row;
  m->at = sqlite3_column_int64 (st, 0);
  store_copy_text (m->sender, sizeof m->sender, st, 1);
  store_copy_text (m->author, sizeof m->author, st, 2);
  store_copy_text (m->body, sizeof m->body, st, 3);
  m->internal = 0 != sqlite3_column_int (st, 4);
}

enum store_status
store_complaint_messages (struct store *s, int64_t id, bool with_internal,
                          struct complaint_message **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_MESSAGES_OF);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int (st, 2, with_internal ? 1 : 0);
  return store_collect (st, sizeof **rows, &fill_message, (void **) rows, n);
}

static void
fill_public (sqlite3_stmt *st, void *row)
{
  struct public_row *p = row;
  store_copy_text (p->tracking, sizeof p->tracking, st, 0);
  store_copy_text (p->category, sizeof p->category, st, 1);
  store_copy_text (p->received_date, sizeof p->received_date, st, 2);
  store_copy_text (p->status, sizeof p->status, st, 3);
  store_copy_text (p->response, sizeof p->response, st, 4);
  p->published_at = sqlite3_column_int64 (st, 5);
}

enum store_status
store_complaint_public (struct store *s, int64_t unit_id,
                        struct public_row **rows, size_t *n)
{
  return store_list_of (s, Q_COMPLAINT_PUBLIC_LIST, unit_id, -1,
                        sizeof **rows, &fill_public, (void **) rows, n);
}

static void
fill_autoclose (sqlite3_stmt *st, void *row)
{
  struct autoclose_row *a = row;
  a->id = sqlite3_column_int64 (st, 0);
  store_copy_text (a->tracking, sizeof a->tracking, st, 1);
  a->unit_id = sqlite3_column_int64 (st, 2);
  store_copy_text (a->due_date, sizeof a->due_date, st, 3);
  a->utc_offset_min = sqlite3_column_int (st, 4);
  store_copy_text (a->unit_slug, sizeof a->unit_slug, st, 5);
}

enum store_status
store_complaint_autoclose_candidates (struct store *s,
                                      struct autoclose_row **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_COMPLAINT_AUTOCLOSE_CANDIDATES);
  return store_collect (st, sizeof **rows, &fill_autoclose, (void **) rows,
                        n);
}

enum store_status
store_attachment_insert (struct store_conn *c, int64_t complaint_id,
                         const struct attachment_row *a)
{
  sqlite3_stmt *st = store_stmt (c, Q_ATTACHMENT_INSERT);
  sqlite3_bind_int64 (st, 1, complaint_id);
  sqlite3_bind_text (st, 2, a->file, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, a->mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, a->size);
  sqlite3_bind_blob (st, 5, a->sealed_key, STORE_RECORD_KEY, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 6, a->at);
  sqlite3_bind_text (st, 7, a->sender, -1, SQLITE_STATIC);
  return store_step_done (st);
}

static void
fill_attachment (sqlite3_stmt *st, void *row)
{
  struct attachment_row *a = row;
  a->id = sqlite3_column_int64 (st, 0);
  store_copy_text (a->file, sizeof a->file, st, 1);
  store_copy_text (a->mime, sizeof a->mime, st, 2);
  a->size = sqlite3_column_int64 (st, 3);
  const void *k = sqlite3_column_blob (st, 4);
  if (k && STORE_RECORD_KEY == sqlite3_column_bytes (st, 4))
    memcpy (a->sealed_key, k, STORE_RECORD_KEY);
  a->at = sqlite3_column_int64 (st, 5);
  store_copy_text (a->sender, sizeof a->sender, st, 6);
}

enum store_status
store_attachments (struct store *s, int64_t complaint_id,
                   struct attachment_row **rows, size_t *n)
{
  return store_list_of (s, Q_ATTACHMENTS_OF, complaint_id, -1,
                        sizeof **rows, &fill_attachment, (void **) rows, n);
}
