/*
 * The store's side of wadah import (store_import.h): the unit's codes, the
 * complaint insert with a given tracking number and final state, the
 * sequence raise, and the rows the live paths write one change at a time
 * (identity request decisions, imported survey rows, survey history, the
 * tracker).  Queries in sql/import_*.sql, listed in
 * store_queries_import.def.
 */
#include "store_import.h"
#include "store_impl.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ?1 = UNIT_ID, ?2 = CODE; the first column of the row into *ID. */
static enum store_status
code_id (struct store_conn *c, enum store_query q, int64_t unit_id,
         const char *code, int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, q);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, code, -1, SQLITE_STATIC);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc && id)
    *id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return SQLITE_ROW == rc ? STORE_OK
         : SQLITE_DONE == rc ? STORE_NO_ROW : store_status_of (rc);
}

enum store_status
store_import_category_id (struct store_conn *c, int64_t unit_id,
                          const char *code, int64_t *id)
{
  return code_id (c, Q_IMPORT_CATEGORY_ID, unit_id, code, id);
}

enum store_status
store_import_section_id (struct store_conn *c, int64_t unit_id,
                         const char *code, int64_t *id)
{
  return code_id (c, Q_IMPORT_SECTION_ID, unit_id, code, id);
}

enum store_status
store_import_service_id (struct store_conn *c, int64_t unit_id,
                         const char *code, int64_t *id)
{
  return code_id (c, Q_IMPORT_SERVICE_ID, unit_id, code, id);
}

enum store_status
store_import_tracking_exists (struct store_conn *c, int64_t unit_id,
                              const char *tracking)
{
  return code_id (c, Q_IMPORT_TRACKING_EXISTS, unit_id, tracking, NULL);
}

static void
bind_id_opt (sqlite3_stmt *st, int i, int64_t id)
{
  if (id > 0)
    sqlite3_bind_int64 (st, i, id);
  else
    sqlite3_bind_null (st, i);
}

enum store_status
store_import_complaint_insert (struct store_conn *c,
                               const struct import_complaint_row *r,
                               int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_COMPLAINT_INSERT);
  sqlite3_bind_int64 (st, 1, r->unit_id);
  sqlite3_bind_text (st, 2, r->tracking, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, r->public_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, r->category_id);
  sqlite3_bind_text (st, 5, r->class_, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, r->channel, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 7, r->lapor_id);
  sqlite3_bind_text (st, 8, r->privacy, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, r->description, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 10, r->location);
  store_bind_text_opt (st, 11, r->incident_date);
  store_bind_text_opt (st, 12, r->requested);
  if (r->identity_ct)
  {
    sqlite3_bind_blob (st, 13, r->identity_ct, (int) r->identity_ct_len,
                       SQLITE_STATIC);
    sqlite3_bind_blob (st, 14, r->identity_key, STORE_RECORD_KEY,
                       SQLITE_STATIC);
  }
  else
  {
    sqlite3_bind_null (st, 13);
    sqlite3_bind_null (st, 14);
  }
  sqlite3_bind_text (st, 15, r->access_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 16, r->received_at);
  sqlite3_bind_text (st, 17, r->received_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 18, r->status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 19, r->status_at);
  store_bind_text_opt (st, 20, r->due_date);
  bind_id_opt (st, 21, r->section_id);
  sqlite3_bind_text (st, 22, r->unsur ? r->unsur : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 23, r->last_activity_at);
  store_bind_text_opt (st, 24, r->verdict);
  if (r->public_response)
  {
    sqlite3_bind_text (st, 25, r->public_response, -1, SQLITE_STATIC);
    store_bind_text_opt (st, 26, r->published_by);
    sqlite3_bind_int64 (st, 27, r->published_at);
  }
  else
  {
    sqlite3_bind_null (st, 25);
    sqlite3_bind_null (st, 26);
    sqlite3_bind_null (st, 27);
  }
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
    return store_status_of (rc);
  *id = sqlite3_last_insert_rowid (c->db);
  return STORE_OK;
}

enum store_status
store_import_seq_raise (struct store_conn *c, int64_t unit_id, int year,
                        int64_t seq)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_COMPLAINT_SEQ_RAISE);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_int (st, 2, year);
  sqlite3_bind_int64 (st, 3, seq);
  return store_step_done (st);
}

enum store_status
store_import_wbs_finish (struct store_conn *c, int64_t id,
                         int64_t last_activity_at)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_WBS_FINISH);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, last_activity_at);
  return store_step_done (st);
}

enum store_status
store_import_wbs_request (struct store_conn *c, int64_t report_id,
                          const char *requested_by,
                          const unsigned char *reason_ct, size_t reason_len,
                          int64_t requested_at, const char *decided_by,
                          int64_t decided_at, const char *status)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_WBS_REQUEST_INSERT);
  sqlite3_bind_int64 (st, 1, report_id);
  sqlite3_bind_text (st, 2, requested_by, -1, SQLITE_STATIC);
  sqlite3_bind_blob (st, 3, reason_ct, (int) reason_len, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, requested_at);
  store_bind_text_opt (st, 5, decided_by);
  if (decided_at > 0)
    sqlite3_bind_int64 (st, 6, decided_at);
  else
    sqlite3_bind_null (st, 6);
  sqlite3_bind_text (st, 7, status, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_import_history_upsert (struct store_conn *c, int64_t unit_id,
                             const char *period, int64_t respondents,
                             double ikm25, const char *nrr,
                             const char *source)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_SURVEY_HISTORY_UPSERT);
  sqlite3_bind_int64 (st, 1, unit_id);
  sqlite3_bind_text (st, 2, period, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, respondents);
  sqlite3_bind_double (st, 4, ikm25);
  store_bind_text_opt (st, 5, nrr);
  sqlite3_bind_text (st, 6, source ? source : "", -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_import_rec_insert (struct store_conn *c,
                         const struct import_rec_row *r, int64_t *id)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_REC_INSERT);
  sqlite3_bind_int64 (st, 1, r->unit_id);
  sqlite3_bind_text (st, 2, r->domain, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, r->source_doc, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, r->source_period, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, r->source_date, -1, SQLITE_STATIC);
  store_bind_text_opt (st, 6, r->unsur);
  sqlite3_bind_text (st, 7, r->finding ? r->finding : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 8, r->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, r->pic_jabatan ? r->pic_jabatan : "", -1,
                     SQLITE_STATIC);
  store_bind_text_opt (st, 10, r->pic_name);
  sqlite3_bind_text (st, 11, r->target_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 12, r->indicator ? r->indicator : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (st, 13, r->created_by, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 14, r->created_at);
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
    return store_status_of (rc);
  *id = sqlite3_last_insert_rowid (c->db);
  return STORE_OK;
}

enum store_status
store_import_rec_event (struct store_conn *c, int64_t rec_id, int64_t at,
                        const char *status, const char *note,
                        const char *evidence_ref, const char *actor)
{
  sqlite3_stmt *st = store_stmt (c, Q_IMPORT_REC_EVENT_INSERT);
  sqlite3_bind_int64 (st, 1, rec_id);
  sqlite3_bind_int64 (st, 2, at);
  sqlite3_bind_text (st, 3, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, note ? note : "", -1, SQLITE_STATIC);
  store_bind_text_opt (st, 5, evidence_ref);
  sqlite3_bind_text (st, 6, actor, -1, SQLITE_STATIC);
  return store_step_done (st);
}

enum store_status
store_import_form_register (struct store_conn *c, const char *form_id,
                            int version, const char *sha256,
                            const char *definition)
{
  sqlite3_stmt *st = store_stmt (c, Q_FORM_VERSION_GET);
  sqlite3_bind_text (st, 1, form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, version);
  int rc = sqlite3_step (st);
  if (SQLITE_ROW == rc)
  {
    const char *have = (const char *) sqlite3_column_text (st, 0);
    bool same = have && 0 == strcmp (have, sha256);
    sqlite3_reset (st);
    return same ? STORE_OK : STORE_NO_ROW;
  }
  sqlite3_reset (st);
  if (SQLITE_DONE != rc)
    return store_status_of (rc);
  st = store_stmt (c, Q_FORM_VERSION_INSERT);
  sqlite3_bind_text (st, 1, form_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, version);
  sqlite3_bind_text (st, 3, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, definition, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 5, (sqlite3_int64) time (NULL));
  return store_step_done (st);
}
