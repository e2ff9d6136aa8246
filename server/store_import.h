/*
 * The store's side of wadah import (import.h): look-ups of a unit's codes
 * and the inserts that the live paths do not have, because an imported
 * record arrives with its number, its history and its final state.  Every
 * function runs inside a write job, on that job's connection; same status
 * conventions as store.h.  Ciphertexts are opaque blobs here.
 */
#ifndef WADAH_STORE_IMPORT_H
#define WADAH_STORE_IMPORT_H
#include "store.h"

/* The id of the unit's active complaint category, section (bidang) or
   service type with CODE into *ID; STORE_NO_ROW when there is none. */
enum store_status store_import_category_id (struct store_conn *c,
                                            int64_t unit_id, const char *code,
                                            int64_t *id);
enum store_status store_import_section_id (struct store_conn *c,
                                           int64_t unit_id, const char *code,
                                           int64_t *id);
enum store_status store_import_service_id (struct store_conn *c,
                                           int64_t unit_id, const char *code,
                                           int64_t *id);
/* STORE_OK when the unit already has a complaint TRACKING, STORE_NO_ROW
   when not. */
enum store_status store_import_tracking_exists (struct store_conn *c,
                                                int64_t unit_id,
                                                const char *tracking);

/* A complaint as it stands after its imported history (strings borrowed;
   NULL or "" is stored as NULL where the column allows it). */
struct import_complaint_row {
  int64_t unit_id;
  const char *tracking, *public_id;
  int64_t category_id;
  const char *class_, *channel, *lapor_id, *privacy;
  const char *description, *location, *incident_date, *requested;
  const unsigned char *identity_ct;     /* NULL: no identity */
  size_t identity_ct_len;
  const unsigned char *identity_key;    /* STORE_RECORD_KEY bytes */
  const char *access_hash;
  int64_t received_at;                  /* also entered_at */
  const char *received_date;
  const char *status;
  int64_t status_at;
  const char *due_date;
  int64_t section_id;                   /* 0: none */
  const char *unsur;                    /* "" when none */
  int64_t last_activity_at;
  const char *verdict;                  /* NULL: none */
  const char *public_response, *published_by;   /* NULL: not published */
  int64_t published_at;
};
/* Insert with source 'import'; *ID gets the row id.  No event is written
   (the caller writes the whole history with
   store_complaint_event_insert). */
enum store_status store_import_complaint_insert (
  struct store_conn *c, const struct import_complaint_row *r, int64_t *id);
/* Raise the unit's sequence of YEAR to at least SEQ, so that live
   numbering continues after the imported numbers. */
enum store_status store_import_seq_raise (struct store_conn *c,
                                          int64_t unit_id, int year,
                                          int64_t seq);

/* Mark WBS report ID as imported, with its last activity. */
enum store_status store_import_wbs_finish (struct store_conn *c, int64_t id,
                                          int64_t last_activity_at);
/* An identity request with its decision (DECIDED_AT 0 and DECIDED_BY
   NULL while MENUNGGU); REASON_CT is encrypted under the report key. */
enum store_status store_import_wbs_request (struct store_conn *c,
                                            int64_t report_id,
                                            const char *requested_by,
                                            const unsigned char *reason_ct,
                                            size_t reason_len,
                                            int64_t requested_at,
                                            const char *decided_by,
                                            int64_t decided_at,
                                            const char *status);

/* Record (or replace) the published IKM of PERIOD; NRR is JSON text or
   NULL. */
enum store_status store_import_history_upsert (struct store_conn *c,
                                               int64_t unit_id,
                                               const char *period,
                                               int64_t respondents,
                                               double ikm25, const char *nrr,
                                               const char *source);

/* A recommendation / RTL item (REPORTS.md §4); optional strings NULL. */
struct import_rec_row {
  int64_t unit_id;
  const char *domain, *source_doc, *source_period, *source_date;
  const char *unsur, *finding, *text, *pic_jabatan, *pic_name;
  const char *target_date, *indicator, *created_by;
  int64_t created_at;
};
enum store_status store_import_rec_insert (struct store_conn *c,
                                           const struct import_rec_row *r,
                                           int64_t *id);
enum store_status store_import_rec_event (struct store_conn *c,
                                          int64_t rec_id, int64_t at,
                                          const char *status,
                                          const char *note,
                                          const char *evidence_ref,
                                          const char *actor);

/* Record form FORM_ID version VERSION (SHA256 hex, DEFINITION) unless it
   is recorded; STORE_NO_ROW when it is recorded with another hash (see
   store_form_version_register, which does the same in its own job). */
enum store_status store_import_form_register (struct store_conn *c,
                                              const char *form_id,
                                              int version, const char *sha256,
                                              const char *definition);
#endif
