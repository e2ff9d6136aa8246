/* See store_wbs.h. */
#include "store_wbs.h"
#include "store_complaint.h"
#include "store_impl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum store_status
store_wbs_insert (struct store_conn *c, struct wbs_new *n)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_INSERT);
  sqlite3_bind_int64 (st, 1, n->unit_id);
  sqlite3_bind_text (st, 2, n->lookup, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, n->secret_hash, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 4, n->reporter_salt, 16, SQLITE_STATIC);
  sqlite3_bind_blob (st, 5, n->key_team, STORE_RECORD_KEY, SQLITE_STATIC);
  sqlite3_bind_blob (st, 6, n->key_reporter, STORE_WRAPPED, SQLITE_STATIC);
  sqlite3_bind_blob (st, 7, n->body_ct, (int) n->body_len, SQLITE_STATIC);
  sqlite3_bind_int (st, 8, n->has_identity ? 1 : 0);
  sqlite3_bind_int64 (st, 9, n->at);
  sqlite3_bind_text (st, 10, n->received_date, -1, SQLITE_STATIC);
  if (n->due_date[0])
    sqlite3_bind_text (st, 11, n->due_date, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 11);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  n->id = sqlite3_last_insert_rowid (c->db);
  st = store_stmt (c, Q_WBS_EVENT_INSERT);
  sqlite3_bind_int64 (st, 1, n->id);
  sqlite3_bind_int64 (st, 2, n->at);
  sqlite3_bind_text (st, 3, "pelapor", -1, SQLITE_STATIC);
  sqlite3_bind_null (st, 4);
  sqlite3_bind_text (st, 5, "DITERIMA", -1, SQLITE_STATIC);
  sqlite3_bind_null (st, 6);
  return store_step_done (st);
}

void
store_wbs_rec_free (struct wbs_rec *r)
{
  free (r->body_ct);
  memset (r, 0, sizeof *r);
}

enum store_status
store_conn_wbs_get (struct store_conn *c, int64_t unit_id, const char *lookup,
                    struct wbs_rec *o)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_BY_LOOKUP);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, lookup, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW != rc)
  {
    sqlite3_reset (st);
    return SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
  }
  memset (o, 0, sizeof *o);
  o->id = sqlite3_column_int64 (st, 0);
  store_copy_text (o->lookup, sizeof o->lookup, st, 1);
  store_copy_text (o->secret_hash, sizeof o->secret_hash, st, 2);
  bool ok = store_blob_to (st, 3, o->reporter_salt, 16)
            && store_blob_to (st, 4, o->key_team, STORE_RECORD_KEY)
            && store_blob_to (st, 5, o->key_reporter, STORE_WRAPPED);
  o->body_ct = store_blob_dup (st, 6, &o->body_len);
  o->has_identity = 0 != sqlite3_column_int (st, 7);
  store_copy_text (o->status, sizeof o->status, st, 8);
  o->status_at = sqlite3_column_int64 (st, 9);
  o->received_at = sqlite3_column_int64 (st, 10);
  store_copy_text (o->received_date, sizeof o->received_date, st, 11);
  store_copy_text (o->due_date, sizeof o->due_date, st, 12);
  sqlite3_reset (st);
  if (! ok || NULL == o->body_ct)
  {
    store_wbs_rec_free (o);
    return STORE_HARD_ERROR;
  }
  return STORE_OK;
}

enum store_status
store_wbs_get (struct store *s, int64_t unit_id, const char *lookup,
               struct wbs_rec *out)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  return store_conn_wbs_get (c, unit_id, lookup, out);
}

static void
fill_row (sqlite3_stmt *st, void *row)
{
  struct wbs_row *r = row;
  store_copy_text (r->lookup, sizeof r->lookup, st, 0);
  store_copy_text (r->status, sizeof r->status, st, 1);
  r->received_at = sqlite3_column_int64 (st, 2);
  store_copy_text (r->due_date, sizeof r->due_date, st, 3);
  r->has_identity = 0 != sqlite3_column_int (st, 4);
}

enum store_status
store_wbs_list (struct store *s, int64_t unit_id, const char *status,
                struct wbs_row **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_WBS_LIST);
  sqlite3_bind_int64 (st, 1, unit_id);
  if (status && *status)
    sqlite3_bind_text (st, 2, status, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 2);
  return store_collect (st, sizeof **rows, &fill_row, (void **) rows, n);
}

void
store_wbs_items_free (struct wbs_item *items, size_t n)
{
  for (size_t i = 0; items && i < n; i++)
    free (items[i].ct);
  free (items);
}

/* What one wbs_item owns, for a list read that fails half-way. */
static void
drop_item (void *row)
{
  free (((struct wbs_item *) row)->ct);
}

static void
fill_event (sqlite3_stmt *st, void *row)
{
  struct wbs_item *e = row;
  e->at = sqlite3_column_int64 (st, 0);
  store_copy_text (e->actor, sizeof e->actor, st, 1);
  store_copy_text (e->from, sizeof e->from, st, 2);
  store_copy_text (e->to, sizeof e->to, st, 3);
  e->ct = store_blob_dup (st, 4, &e->ct_len);
}

static void
fill_message (sqlite3_stmt *st, void *row)
{
  struct wbs_item *m = row;
  m->id = sqlite3_column_int64 (st, 0);
  m->at = sqlite3_column_int64 (st, 1);
  store_copy_text (m->from, sizeof m->from, st, 2);
  store_copy_text (m->actor, sizeof m->actor, st, 3);
  m->ct = store_blob_dup (st, 4, &m->ct_len);
  m->internal = 0 != sqlite3_column_int (st, 5);
  m->seal = sqlite3_column_int (st, 6);
}

static void
fill_request (sqlite3_stmt *st, void *row)
{
  struct wbs_item *q = row;
  q->id = sqlite3_column_int64 (st, 0);
  store_copy_text (q->actor, sizeof q->actor, st, 1);
  q->ct = store_blob_dup (st, 2, &q->ct_len);
  q->at = sqlite3_column_int64 (st, 3);
  store_copy_text (q->decided_by, sizeof q->decided_by, st, 4);
  q->decided_at = sqlite3_column_int64 (st, 5);
  store_copy_text (q->to, sizeof q->to, st, 6);
}

static void
fill_forward (sqlite3_stmt *st, void *row)
{
  struct wbs_item *f = row;
  f->id = sqlite3_column_int64 (st, 0);
  f->at = sqlite3_column_int64 (st, 1);
  store_copy_text (f->actor, sizeof f->actor, st, 2);
  store_copy_text (f->to, sizeof f->to, st, 3);
  f->ct = store_blob_dup (st, 4, &f->ct_len);
}

enum store_status
store_wbs_forwards (struct store *s, int64_t id, struct wbs_item **rows,
                    size_t *n)
{
  return store_list_of_owned (s, Q_WBS_FORWARDS_OF, id, -1, sizeof **rows,
                              &fill_forward, &drop_item, (void **) rows, n);
}

enum store_status
store_wbs_events (struct store *s, int64_t id, struct wbs_item **rows,
                  size_t *n)
{
  return store_list_of_owned (s, Q_WBS_EVENTS_OF, id, -1, sizeof **rows,
                              &fill_event, &drop_item, (void **) rows, n);
}

enum store_status
store_wbs_messages (struct store *s, int64_t id, bool with_internal,
                    struct wbs_item **rows, size_t *n)
{
  return store_list_of_owned (s, Q_WBS_MESSAGES_OF, id,
                              with_internal ? 1 : 0, sizeof **rows,
                              &fill_message, &drop_item, (void **) rows, n);
}

enum store_status
store_wbs_identity_requests (struct store *s, int64_t id,
                             struct wbs_item **rows, size_t *n)
{
  return store_list_of_owned (s, Q_WBS_IDENTITY_REQUESTS_OF, id, -1,
                              sizeof **rows, &fill_request, &drop_item,
                              (void **) rows, n);
}

enum store_status
store_wbs_set_status (struct store_conn *c, int64_t id, const char *from,
                      const char *to, int64_t at, const char *due,
                      const char *actor, const unsigned char *note_ct,
                      size_t note_len)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_SET_STATUS);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, at);
  if (due && *due)
    sqlite3_bind_text (st, 4, due, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 4);
  enum store_status r = store_step_done (st);
  if (STORE_OK != r)
    return r;
  st = store_stmt (c, Q_WBS_EVENT_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_text (st, 3, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, to, -1, SQLITE_STATIC);
  store_bind_blob_opt (st, 6, note_ct, note_len);
  return store_step_done (st);
}

enum store_status
store_wbs_message (struct store_conn *c, int64_t id, int64_t at,
                   const char *sender, const char *author,
                   const unsigned char *ct, size_t len, bool internal,
                   int seal)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_MESSAGE_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_text (st, 3, sender, -1, SQLITE_STATIC);
  if (author)
    sqlite3_bind_text (st, 4, author, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 4);
  sqlite3_bind_blob (st, 5, ct, (int) len, SQLITE_STATIC);
  sqlite3_bind_int (st, 6, internal ? 1 : 0);
  sqlite3_bind_int (st, 7, seal);
  return store_step_done (st);
}

enum store_status
store_wbs_forward (struct store_conn *c, int64_t id, int64_t at,
                   const char *target, const char *by,
                   const unsigned char *ct, size_t len)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_FORWARD_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_text (st, 3, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, by, -1, SQLITE_STATIC);
  store_bind_blob_opt (st, 5, ct, len);
  return store_step_done (st);
}

enum store_status
store_wbs_identity_request (struct store_conn *c, int64_t id, const char *by,
                            const unsigned char *ct, size_t len, int64_t at,
                            const char *status)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_IDENTITY_REQUEST_INSERT);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, by, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, ct, (int) len, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, at);
  sqlite3_bind_text (st, 5, status, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_wbs_identity_decide (struct store_conn *c, int64_t unit_id,
                           int64_t request_id, const char *status,
                           const char *by, int64_t at, char lookup[12],
                           enum wbs_refusal *why)
{
  /* Only a pending request on a report of the decider's own unit, and
     never one the decider made: two people see an identity, not one. */
  sqlite3_stmt *st = store_stmt (c, Q_WBS_IDENTITY_REQUEST_GET);
  sqlite3_bind_int64 (st, 1, request_id);
  sqlite3_bind_int64 (st, 2, unit_id);
  int rc = sqlite3_step (st);
  *why = WBS_REFUSED_NOT_FOUND;
  if (SQLITE_ROW != rc)
  {
    sqlite3_reset (st);
    return SQLITE_DONE == rc ? STORE_NO_ROW : STORE_HARD_ERROR;
  }
  char requester[48], granter[48] = "";
  store_copy_text (requester, sizeof requester, st, 0);
  bool pending = 0 == strcmp ((const char *) sqlite3_column_text (st, 1),
                              "MENUNGGU");
  store_copy_text (lookup, 12, st, 2);
  sqlite3_reset (st);
  /* And only a custodian granted with the recovery key (the session's
     roles are checked again here, at the moment of deciding: a role
     taken away, or an account disabled, since the login counts), never
     for the account that granted them the role. */
  st = store_stmt (c, Q_CUSTODIAN_OF);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, by, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  bool custodian = SQLITE_ROW == rc;
  if (custodian)
    store_copy_text (granter, sizeof granter, st, 0);
  sqlite3_reset (st);
  if (SQLITE_ROW != rc && SQLITE_DONE != rc)
    return STORE_HARD_ERROR;
  *why = ! pending ? WBS_REFUSED_DECIDED
         : 0 == strcmp (requester, by) ? WBS_REFUSED_OWN
         : ! custodian ? WBS_REFUSED_NOT_CUSTODIAN
         : 0 == strcmp (requester, granter) ? WBS_REFUSED_GRANTER
         : WBS_REFUSED_NONE;
  if (WBS_REFUSED_NONE != *why)
    return STORE_NO_ROW;
  st = store_stmt (c, Q_WBS_IDENTITY_REQUEST_DECIDE);
  sqlite3_bind_int64 (st, 1, request_id);
  sqlite3_bind_text (st, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, by, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, at);
  return store_step_done (st);
}

static void
fill_pending (sqlite3_stmt *st, void *row)
{
  struct wbs_pending *p = row;
  p->id = sqlite3_column_int64 (st, 0);
  store_copy_text (p->lookup, sizeof p->lookup, st, 1);
  store_copy_text (p->requested_by, sizeof p->requested_by, st, 2);
  p->requested_at = sqlite3_column_int64 (st, 3);
}

enum store_status
store_wbs_identity_pending (struct store *s, int64_t unit_id,
                            struct wbs_pending **rows, size_t *n)
{
  return store_list_of (s, Q_WBS_IDENTITY_REQUESTS_PENDING, unit_id, -1,
                        sizeof **rows, &fill_pending, (void **) rows, n);
}

static void
fill_count (sqlite3_stmt *st, void *row)
{
  struct wbs_count *w = row;
  store_copy_text (w->status, sizeof w->status, st, 0);
  w->n = sqlite3_column_int64 (st, 1);
}

enum store_status
store_wbs_counts (struct store *s, int64_t unit_id, const char *from,
                  const char *to, struct wbs_count **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_WBS_COUNTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, to, -1, SQLITE_STATIC);
  return store_collect (st, sizeof **rows, &fill_count, (void **) rows, n);
}

enum store_status
store_wbs_attachment_insert (struct store_conn *c, int64_t report_id,
                             const struct attachment_row *a,
                             const char *sender, int64_t at)
{
  sqlite3_stmt *st = store_stmt (c, Q_WBS_ATTACHMENT_INSERT);
  sqlite3_bind_int64 (st, 1, report_id);
  sqlite3_bind_text (st, 2, a->file, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, a->sealed_key, STORE_RECORD_KEY, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, a->size);
  sqlite3_bind_int64 (st, 5, at);
  sqlite3_bind_text (st, 6, sender, -1, SQLITE_STATIC);
  return store_step_done (st);
}

static void
fill_attachment (sqlite3_stmt *st, void *row)
{
  struct attachment_row *a = row;
  a->id = sqlite3_column_int64 (st, 0);
  store_copy_text (a->file, sizeof a->file, st, 1);
  store_blob_to (st, 2, a->sealed_key, STORE_RECORD_KEY);
  a->size = sqlite3_column_int64 (st, 3);
  a->at = sqlite3_column_int64 (st, 4);
  store_copy_text (a->sender, sizeof a->sender, st, 5);
  snprintf (a->mime, sizeof a->mime, "application/octet-stream");
}

enum store_status
store_wbs_attachments (struct store *s, int64_t report_id,
                       struct attachment_row **rows, size_t *n)
{
  return store_list_of (s, Q_WBS_ATTACHMENTS_OF, report_id, -1,
                        sizeof **rows, &fill_attachment, (void **) rows, n);
}
