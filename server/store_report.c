/*
 * The report side's store functions (reports/rstore.h): history read at a
 * cut-off, the unit's document data, narratives, the recommendation
 * tracker and artefacts.  The only file of the report side that speaks
 * SQL; queries in sql/report_*.sql.
 */
#include "rstore.h"
#include "store_impl.h"
#include <stdlib.h>
#include <string.h>

static char *
col_dup (sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  return strdup (t ? (const char *) t : "");
}

static void
bind_text (sqlite3_stmt *st, int i, const char *v)
{
  sqlite3_bind_text (st, i, v ? v : "", -1, SQLITE_STATIC);
}

/* ---- complaints ---- */

enum store_status
rs_complaints (struct store *s, int64_t unit_id, const char *from,
               const char *to, rs_complaint_cb cb, void *cls)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_COMPLAINTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, from);
  bind_text (st, 3, to);
  struct rs_complaint cur;
  struct rs_event *ev = NULL;
  size_t n_ev = 0, cap = 0;
  bool have = false, go = true;
  enum store_status r = STORE_OK;
  int rc;
  while (go && SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    int64_t id = sqlite3_column_int64 (st, 0);
    if (! have || id != cur.id)
    {
      if (have)
        go = cb (cls, &cur, ev, n_ev);
      for (size_t i = 0; i < n_ev; i++)
        free ((char *) ev[i].value);
      n_ev = 0;
      if (! go)
        break;
      memset (&cur, 0, sizeof cur);
      cur.id = id;
      store_copy_text (cur.tracking, sizeof cur.tracking, st, 1);
      cur.received_at = sqlite3_column_int64 (st, 2);
      store_copy_text (cur.received_date, sizeof cur.received_date, st, 3);
      store_copy_text (cur.channel, sizeof cur.channel, st, 4);
      store_copy_text (cur.class_, sizeof cur.class_, st, 5);
      cur.category_id = sqlite3_column_int64 (st, 6);
      store_copy_text (cur.privacy, sizeof cur.privacy, st, 7);
      store_copy_text (cur.lapor_id, sizeof cur.lapor_id, st, 8);
      const unsigned char *src = sqlite3_column_text (st, 9);
      cur.imported = src && 0 == strcmp ((const char *) src, "import");
      have = true;
    }
    if (SQLITE_NULL == sqlite3_column_type (st, 10))
      continue;
    if (n_ev == cap)
    {
      size_t nc = cap ? 2 * cap : 16;
      struct rs_event *p = realloc (ev, nc * sizeof *p);
      if (NULL == p)
      {
        r = STORE_HARD_ERROR;
        go = false;
        have = false;
        break;
      }
      ev = p;
      cap = nc;
    }
    struct rs_event *e = &ev[n_ev++];
    memset (e, 0, sizeof *e);
    e->id = sqlite3_column_int64 (st, 10);
    e->at = sqlite3_column_int64 (st, 11);
    store_copy_text (e->kind, sizeof e->kind, st, 12);
    store_copy_text (e->from, sizeof e->from, st, 13);
    store_copy_text (e->to, sizeof e->to, st, 14);
    e->section_id = sqlite3_column_int64 (st, 15);
    store_copy_text (e->actor, sizeof e->actor, st, 16);
    if (SQLITE_NULL != sqlite3_column_type (st, 17))
      e->value = col_dup (st, 17);
  }
  if (go && have)
    cb (cls, &cur, ev, n_ev);
  for (size_t i = 0; i < n_ev; i++)
    free ((char *) ev[i].value);
  free (ev);
  if (go && SQLITE_DONE != rc && STORE_OK == r)
    r = store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

static void
fill_channel (sqlite3_stmt *st, void *row)
{
  struct rs_channel_count *c = row;
  store_copy_text (c->channel, sizeof c->channel, st, 0);
  c->n = sqlite3_column_int64 (st, 1);
  c->with_lapor = sqlite3_column_int64 (st, 2);
}

enum store_status
rs_channel_counts (struct store *s, int64_t unit_id, const char *from,
                   const char *to, struct rs_channel_count **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_CHANNEL_COUNTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, from);
  bind_text (st, 3, to);
  return store_collect (st, sizeof **rows, &fill_channel, (void **) rows, n);
}

enum store_status
rs_audit_head (struct store *s, int64_t at, int64_t *id,
               unsigned char hash[32])
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_AUDIT_HEAD);
  sqlite3_bind_int64 (st, 1, at);
  int rc = sqlite3_step (st);
  enum store_status r = STORE_NO_ROW;
  if (SQLITE_ROW == rc)
  {
    *id = sqlite3_column_int64 (st, 0);
    r = store_blob_to (st, 1, hash, 32) ? STORE_OK : STORE_HARD_ERROR;
  }
  else if (SQLITE_DONE != rc)
    r = store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

/* ---- document data ---- */

enum store_status
rs_profile_get (struct store *s, int64_t unit_id, struct rs_profile *out)
{
  memset (out, 0, sizeof *out);
  snprintf (out->lke_version, sizeof out->lke_version, "2024");
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_PROFILE_GET);
  sqlite3_bind_int64 (st, 1, unit_id);
  int rc = sqlite3_step (st);
  enum store_status r = STORE_NO_ROW;
  if (SQLITE_ROW == rc)
  {
    out->kop = col_dup (st, 0);
    out->logo = store_blob_dup (st, 1, &out->logo_len);
    store_copy_text (out->place, sizeof out->place, st, 2);
    store_copy_text (out->lke_version, sizeof out->lke_version, st, 3);
    out->channels = col_dup (st, 4);
    r = (out->kop && out->channels) ? STORE_OK : STORE_HARD_ERROR;
  }
  else if (SQLITE_DONE != rc)
    r = store_status_of (rc);
  sqlite3_reset (st);
  if (NULL == out->kop)
    out->kop = strdup ("[]");
  if (NULL == out->channels)
    out->channels = strdup ("[]");
  if (NULL == out->kop || NULL == out->channels)
    r = STORE_HARD_ERROR;
  return r;
}

void
rs_profile_free (struct rs_profile *p)
{
  free (p->kop);
  free (p->logo);
  free (p->channels);
  memset (p, 0, sizeof *p);
}

enum store_status
rs_profile_set (struct store_conn *c, int64_t unit_id, const char *kop,
                const char *place, const char *lke_version,
                const char *channels, const unsigned char *logo,
                size_t logo_len, bool drop_logo, int64_t at)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_PROFILE_SET);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, kop);
  store_bind_blob_opt (st, 3, logo, logo_len);
  bind_text (st, 4, place);
  bind_text (st, 5, lke_version);
  bind_text (st, 6, channels);
  sqlite3_bind_int64 (st, 7, at);
  sqlite3_bind_int (st, 8, drop_logo);
  return store_step_done (st);
}

static void
fill_signatory (sqlite3_stmt *st, void *row)
{
  struct rs_signatory *g = row;
  g->id = sqlite3_column_int64 (st, 0);
  store_copy_text (g->role, sizeof g->role, st, 1);
  store_copy_text (g->jabatan, sizeof g->jabatan, st, 2);
  store_copy_text (g->name, sizeof g->name, st, 3);
  store_copy_text (g->pangkat, sizeof g->pangkat, st, 4);
  store_copy_text (g->nip, sizeof g->nip, st, 5);
  store_copy_text (g->valid_from, sizeof g->valid_from, st, 6);
  store_copy_text (g->valid_to, sizeof g->valid_to, st, 7);
}

enum store_status
rs_signatories (struct store *s, int64_t unit_id, struct rs_signatory **rows,
                size_t *n)
{
  return store_list_of (s, Q_REPORT_SIGNATORIES, unit_id, -1, sizeof **rows,
                        &fill_signatory, (void **) rows, n);
}

enum store_status
rs_signatory_add (struct store_conn *c, int64_t unit_id,
                  const struct rs_signatory *g, int64_t at, int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_SIGNATORY_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, g->role);
  bind_text (st, 3, g->jabatan);
  bind_text (st, 4, g->name);
  bind_text (st, 5, g->pangkat);
  bind_text (st, 6, g->nip);
  bind_text (st, 7, g->valid_from);
  store_bind_text_opt (st, 8, g->valid_to);
  sqlite3_bind_int64 (st, 9, at);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && id)
    *id = sqlite3_last_insert_rowid (c->db);
  return r;
}

enum store_status
rs_signatory_end (struct store_conn *c, int64_t unit_id, int64_t id,
                  const char *day)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_SIGNATORY_END);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int64 (st, 2, id);
  bind_text (st, 3, day);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

static void
fill_activity (sqlite3_stmt *st, void *row)
{
  struct rs_activity *a = row;
  a->id = sqlite3_column_int64 (st, 0);
  store_copy_text (a->kind, sizeof a->kind, st, 1);
  store_copy_text (a->day, sizeof a->day, st, 2);
  store_copy_text (a->title, sizeof a->title, st, 3);
  store_copy_text (a->place, sizeof a->place, st, 4);
  a->participants = sqlite3_column_int64 (st, 5);
  store_copy_text (a->evidence_ref, sizeof a->evidence_ref, st, 6);
}

enum store_status
rs_activities (struct store *s, int64_t unit_id, const char *kind,
               const char *from, const char *to, struct rs_activity **rows,
               size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_ACTIVITIES);
  sqlite3_bind_int64 (st, 1, unit_id);
  store_bind_text_opt (st, 2, kind);
  bind_text (st, 3, from);
  bind_text (st, 4, to);
  return store_collect (st, sizeof **rows, &fill_activity, (void **) rows, n);
}

enum store_status
rs_activity_add (struct store_conn *c, int64_t unit_id,
                 const struct rs_activity *a, const char *by, int64_t at,
                 int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_ACTIVITY_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, a->kind);
  bind_text (st, 3, a->day);
  bind_text (st, 4, a->title);
  bind_text (st, 5, a->place);
  if (a->participants >= 0)
    sqlite3_bind_int64 (st, 6, a->participants);
  else
    sqlite3_bind_null (st, 6);
  bind_text (st, 7, a->evidence_ref);
  bind_text (st, 8, by);
  sqlite3_bind_int64 (st, 9, at);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && id)
    *id = sqlite3_last_insert_rowid (c->db);
  return r;
}

/* ---- narratives ---- */

static void
fill_narrative (sqlite3_stmt *st, void *row)
{
  struct rs_narrative *n = row;
  store_copy_text (n->slot, sizeof n->slot, st, 0);
  n->version = sqlite3_column_int (st, 1);
  n->text = col_dup (st, 2);
  n->at = sqlite3_column_int64 (st, 3);
}

static void
drop_narrative (void *row)
{
  free (((struct rs_narrative *) row)->text);
}

enum store_status
rs_narratives (struct store *s, int64_t unit_id, const char *doc,
               const char *period, int64_t at, struct rs_narrative **rows,
               size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_NARRATIVES);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, doc);
  bind_text (st, 3, period);
  sqlite3_bind_int64 (st, 4, at);
  enum store_status r = store_collect_owned (st, sizeof **rows,
                                             &fill_narrative,
                                             &drop_narrative,
                                             (void **) rows, n);
  for (size_t i = 0; STORE_OK == r && i < *n; i++)
    if (NULL == (*rows)[i].text)
      r = STORE_HARD_ERROR;
  if (STORE_OK != r)
  {
    rs_narratives_free (*rows, *n);
    *rows = NULL;
    *n = 0;
  }
  return r;
}

void
rs_narratives_free (struct rs_narrative *rows, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free (rows[i].text);
  free (rows);
}

enum store_status
rs_narrative_add (struct store_conn *c, int64_t unit_id, const char *doc,
                  const char *period, const char *slot, const char *text,
                  const char *author, int64_t at, int *version)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_NARRATIVE_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, doc);
  bind_text (st, 3, period);
  bind_text (st, 4, slot);
  bind_text (st, 5, text);
  bind_text (st, 6, author);
  sqlite3_bind_int64 (st, 7, at);
  int rc = sqlite3_step (st);
  enum store_status r = store_status_of (rc);
  if (SQLITE_ROW == rc)
  {
    if (version)
      *version = sqlite3_column_int (st, 0);
    r = STORE_OK;
    rc = sqlite3_step (st);
  }
  else if (SQLITE_DONE == rc)
    r = STORE_HARD_ERROR;
  sqlite3_reset (st);
  return r;
}

/* ---- tracker ---- */

static void
fill_rec (sqlite3_stmt *st, void *row)
{
  struct rs_rec *r = row;
  r->id = sqlite3_column_int64 (st, 0);
  store_copy_text (r->domain, sizeof r->domain, st, 1);
  store_copy_text (r->source_doc, sizeof r->source_doc, st, 2);
  store_copy_text (r->source_period, sizeof r->source_period, st, 3);
  store_copy_text (r->source_date, sizeof r->source_date, st, 4);
  store_copy_text (r->unsur, sizeof r->unsur, st, 5);
  r->finding = col_dup (st, 6);
  r->text = col_dup (st, 7);
  store_copy_text (r->pic_jabatan, sizeof r->pic_jabatan, st, 8);
  store_copy_text (r->target_date, sizeof r->target_date, st, 9);
  r->indicator = col_dup (st, 10);
}

static void
drop_rec (void *row)
{
  struct rs_rec *r = row;
  free (r->finding);
  free (r->text);
  free (r->indicator);
  for (size_t i = 0; i < r->n_events; i++)
  {
    free (r->events[i].note);
    free (r->events[i].evidence_ref);
  }
  free (r->events);
}

void
rs_recs_free (struct rs_rec *rows, size_t n)
{
  for (size_t i = 0; i < n; i++)
    drop_rec (&rows[i]);
  free (rows);
}

enum store_status
rs_recs (struct store *s, int64_t unit_id, const char *domain,
         struct rs_rec **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  return rs_recs_conn (c, unit_id, domain, rows, n);
}

enum store_status
rs_recs_conn (struct store_conn *c, int64_t unit_id, const char *domain,
              struct rs_rec **rows, size_t *n)
{
  *rows = NULL;
  *n = 0;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_RECS);
  sqlite3_bind_int64 (st, 1, unit_id);
  store_bind_text_opt (st, 2, domain);
  enum store_status r = store_collect_owned (st, sizeof **rows, &fill_rec,
                                             &drop_rec, (void **) rows, n);
  if (STORE_OK != r)
    return r;
  st = store_stmt (c, Q_REPORT_REC_EVENTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  store_bind_text_opt (st, 2, domain);
  int rc;
  size_t k = 0;
  while (SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    int64_t rec = sqlite3_column_int64 (st, 0);
    /* Items are ordered by date, events by item id: find the item. */
    if (k >= *n || (*rows)[k].id != rec)
      for (k = 0; k < *n && (*rows)[k].id != rec; k++)
        ;
    if (k >= *n)
      continue;
    struct rs_rec *it = &(*rows)[k];
    struct rs_rec_event *p = realloc (it->events, (it->n_events + 1)
                                      * sizeof *p);
    if (NULL == p)
    {
      rc = SQLITE_NOMEM;
      break;
    }
    it->events = p;
    struct rs_rec_event *e = &p[it->n_events++];
    e->at = sqlite3_column_int64 (st, 1);
    store_copy_text (e->status, sizeof e->status, st, 2);
    e->note = col_dup (st, 3);
    e->evidence_ref = col_dup (st, 4);
  }
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
  {
    rs_recs_free (*rows, *n);
    *rows = NULL;
    *n = 0;
    return SQLITE_NOMEM == rc ? STORE_HARD_ERROR : store_status_of (rc);
  }
  return STORE_OK;
}

enum store_status
rs_rec_add (struct store_conn *c, int64_t unit_id, const struct rs_rec_new *r,
            int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_REC_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, r->domain);
  bind_text (st, 3, r->source_doc);
  bind_text (st, 4, r->source_period);
  bind_text (st, 5, r->source_date);
  if (r->artifact_id > 0)
    sqlite3_bind_int64 (st, 6, r->artifact_id);
  else
    sqlite3_bind_null (st, 6);
  store_bind_text_opt (st, 7, r->unsur);
  bind_text (st, 8, r->finding);
  bind_text (st, 9, r->text);
  bind_text (st, 10, r->pic_jabatan);
  store_bind_text_opt (st, 11, r->pic_name);
  bind_text (st, 12, r->target_date);
  bind_text (st, 13, r->indicator);
  bind_text (st, 14, r->created_by);
  sqlite3_bind_int64 (st, 15, r->created_at);
  enum store_status s = store_step_done (st);
  if (STORE_OK == s && id)
    *id = sqlite3_last_insert_rowid (c->db);
  return s;
}

enum store_status
rs_rec_event_add (struct store_conn *c, int64_t unit_id, int64_t rec_id,
                  int64_t at, const char *status, const char *note,
                  const char *evidence_ref, const char *actor)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_REC_EVENT_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int64 (st, 2, rec_id);
  sqlite3_bind_int64 (st, 3, at);
  bind_text (st, 4, status);
  bind_text (st, 5, note);
  store_bind_text_opt (st, 6, evidence_ref);
  bind_text (st, 7, actor);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && 0 == sqlite3_changes (c->db))
    return STORE_NO_ROW;
  return r;
}

/* ---- artefacts ---- */

enum store_status
rs_artifact_add (struct store_conn *c, int64_t unit_id,
                 const struct rs_artifact_new *a, int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_ARTIFACT_ADD);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, a->doc);
  bind_text (st, 3, a->period);
  bind_text (st, 4, a->variant);
  bind_text (st, 5, a->format);
  bind_text (st, 6, a->params);
  bind_text (st, 7, a->narrative_versions);
  bind_text (st, 8, a->sha256);
  bind_text (st, 9, a->model_sha256);
  bind_text (st, 10, a->file_name);
  sqlite3_bind_blob (st, 11, a->content, (int) a->content_len,
                     SQLITE_STATIC);
  bind_text (st, 12, a->created_by);
  sqlite3_bind_int64 (st, 13, a->created_at);
  enum store_status r = store_step_done (st);
  if (STORE_OK == r && id)
    *id = sqlite3_last_insert_rowid (c->db);
  return r;
}

static void
fill_artifact (sqlite3_stmt *st, void *row)
{
  struct rs_artifact *a = row;
  a->id = sqlite3_column_int64 (st, 0);
  store_copy_text (a->doc, sizeof a->doc, st, 1);
  store_copy_text (a->period, sizeof a->period, st, 2);
  store_copy_text (a->variant, sizeof a->variant, st, 3);
  store_copy_text (a->format, sizeof a->format, st, 4);
  store_copy_text (a->sha256, sizeof a->sha256, st, 5);
  store_copy_text (a->model_sha256, sizeof a->model_sha256, st, 6);
  store_copy_text (a->file_name, sizeof a->file_name, st, 7);
  a->params = col_dup (st, 8);
  a->narrative_versions = col_dup (st, 9);
  store_copy_text (a->created_by, sizeof a->created_by, st, 10);
  a->created_at = sqlite3_column_int64 (st, 11);
  a->size = sqlite3_column_int64 (st, 12);
}

static void
drop_artifact (void *row)
{
  struct rs_artifact *a = row;
  free (a->params);
  free (a->narrative_versions);
}

void
rs_artifacts_free (struct rs_artifact *rows, size_t n)
{
  for (size_t i = 0; i < n; i++)
    drop_artifact (&rows[i]);
  free (rows);
}

enum store_status
rs_artifacts (struct store *s, int64_t unit_id, const char *period,
              struct rs_artifact **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_ARTIFACTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  store_bind_text_opt (st, 2, period);
  return store_collect_owned (st, sizeof **rows, &fill_artifact,
                              &drop_artifact, (void **) rows, n);
}

enum store_status
rs_artifact_content (struct store *s, int64_t unit_id, int64_t id,
                     struct rs_artifact *meta, unsigned char **content,
                     size_t *len)
{
  struct store_conn *c = store_reader (s);
  *content = NULL;
  *len = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_ARTIFACT_GET);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int64 (st, 2, id);
  int rc = sqlite3_step (st);
  enum store_status r = STORE_NO_ROW;
  if (SQLITE_ROW == rc)
  {
    fill_artifact (st, meta);
    *content = store_blob_dup (st, 13, len);
    r = *content ? STORE_OK : STORE_HARD_ERROR;
    if (STORE_OK != r)
      drop_artifact (meta);
  }
  else if (SQLITE_DONE != rc)
    r = store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

/* ---- whistleblowing (D3) ---- */

enum store_status
rs_wbs_reports (struct store *s, int64_t unit_id, const char *from,
                const char *to, int64_t cutoff_ts, rs_wbs_cb cb, void *cls)
{
  struct store_conn *c = store_reader (s);
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_WBS_REPORTS);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, from);
  bind_text (st, 3, to);
  sqlite3_bind_int64 (st, 4, cutoff_ts);
  struct rs_wbs cur;
  unsigned char *body = NULL;
  struct rs_wbs_event *ev = NULL;
  size_t n_ev = 0, cap = 0;
  bool have = false, go = true;
  enum store_status r = STORE_OK;
  int rc;
  memset (&cur, 0, sizeof cur);
  while (go && SQLITE_ROW == (rc = sqlite3_step (st)))
  {
    int64_t id = sqlite3_column_int64 (st, 0);
    if (! have || id != cur.id)
    {
      if (have)
        go = cb (cls, &cur, ev, n_ev);
      free (body);
      body = NULL;
      n_ev = 0;
      have = false;
      if (! go)
        break;
      memset (&cur, 0, sizeof cur);
      cur.id = id;
      store_copy_text (cur.lookup, sizeof cur.lookup, st, 1);
      if (! store_blob_to (st, 2, cur.key_team, sizeof cur.key_team))
        memset (cur.key_team, 0, sizeof cur.key_team);
      body = store_blob_dup (st, 3, &cur.body_len);
      cur.body_ct = body;
      cur.has_identity = 0 != sqlite3_column_int (st, 4);
      cur.received_at = sqlite3_column_int64 (st, 5);
      store_copy_text (cur.received_date, sizeof cur.received_date, st, 6);
      const unsigned char *src = sqlite3_column_text (st, 7);
      cur.imported = src && 0 == strcmp ((const char *) src, "import");
      cur.team_msgs = sqlite3_column_int64 (st, 8);
      cur.reporter_msgs = sqlite3_column_int64 (st, 9);
      cur.req_diajukan = sqlite3_column_int64 (st, 10);
      cur.req_disetujui = sqlite3_column_int64 (st, 11);
      cur.req_ditolak = sqlite3_column_int64 (st, 12);
      have = true;
    }
    if (SQLITE_NULL == sqlite3_column_type (st, 13))
      continue;
    if (n_ev == cap)
    {
      size_t nc = cap ? 2 * cap : 16;
      struct rs_wbs_event *p = realloc (ev, nc * sizeof *p);
      if (NULL == p)
      {
        r = STORE_HARD_ERROR;
        go = false;
        have = false;
        break;
      }
      ev = p;
      cap = nc;
    }
    struct rs_wbs_event *e = &ev[n_ev++];
    memset (e, 0, sizeof *e);
    e->id = sqlite3_column_int64 (st, 13);
    e->at = sqlite3_column_int64 (st, 14);
    store_copy_text (e->from, sizeof e->from, st, 15);
    store_copy_text (e->to, sizeof e->to, st, 16);
  }
  if (go && have)
    cb (cls, &cur, ev, n_ev);
  free (body);
  free (ev);
  /* The lookup was only the body's associated data: leave no copy. */
  memset (cur.lookup, 0, sizeof cur.lookup);
  if (go && SQLITE_DONE != rc && STORE_OK == r)
    r = store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

enum store_status
rs_wbs_team_count (struct store *s, int64_t unit_id, const char *role,
                   int64_t at, int64_t *n)
{
  struct store_conn *c = store_reader (s);
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_WBS_TEAM_COUNT);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, role);
  sqlite3_bind_int64 (st, 3, at);
  int rc = sqlite3_step (st);
  enum store_status r = STORE_OK;
  if (SQLITE_ROW == rc)
    *n = sqlite3_column_int64 (st, 0);
  else
    r = store_status_of (rc);
  sqlite3_reset (st);
  return r;
}

static void
fill_user_name (sqlite3_stmt *st, void *row)
{
  struct rs_user_name *u = row;
  store_copy_text (u->name, sizeof u->name, st, 0);
}

enum store_status
rs_wbs_team_names (struct store *s, int64_t unit_id, const char *role,
                   int64_t at, struct rs_user_name **rows, size_t *n)
{
  struct store_conn *c = store_reader (s);
  *rows = NULL;
  *n = 0;
  if (NULL == c)
    return STORE_HARD_ERROR;
  sqlite3_stmt *st = store_stmt (c, Q_REPORT_WBS_TEAM_NAMES);
  sqlite3_bind_int64 (st, 1, unit_id);
  bind_text (st, 2, role);
  sqlite3_bind_int64 (st, 3, at);
  return store_collect (st, sizeof **rows, &fill_user_name, (void **) rows,
                        n);
}
