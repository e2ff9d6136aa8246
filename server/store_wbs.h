/*
 * The store's whistleblowing side (sql/0004-wbs.sql).  Ciphertexts are
 * opaque blobs here: all cryptography is the caller's (vault.h).
 */
#ifndef WADAH_STORE_WBS_H
#define WADAH_STORE_WBS_H
#include "store.h"

struct wbs_new {
  int64_t unit_id;
  char lookup[12];
  const char *secret_hash;
  unsigned char reporter_salt[16];
  unsigned char key_team[STORE_RECORD_KEY];
  unsigned char key_reporter[STORE_WRAPPED];
  const unsigned char *body_ct;
  size_t body_len;
  bool has_identity;
  int64_t at;
  char received_date[11];
  char due_date[11];
  int64_t id;                       /* out */
};
enum store_status store_wbs_insert (struct store_conn *c, struct wbs_new *n);

struct wbs_rec {
  int64_t id;
  char lookup[12];
  char secret_hash[128];
  unsigned char reporter_salt[16];
  unsigned char key_team[STORE_RECORD_KEY];
  unsigned char key_reporter[STORE_WRAPPED];
  unsigned char *body_ct;           /* malloc'ed */
  size_t body_len;
  bool has_identity;
  char status[24];
  int64_t status_at, received_at;
  char received_date[11];
  char due_date[11];
};
void store_wbs_rec_free (struct wbs_rec *r);
enum store_status store_wbs_get (struct store *s, int64_t unit_id,
                                 const char *lookup, struct wbs_rec *out);
enum store_status store_conn_wbs_get (struct store_conn *c, int64_t unit_id,
                                      const char *lookup,
                                      struct wbs_rec *out);

struct wbs_row {
  char lookup[12];
  char status[24];
  int64_t received_at;
  char due_date[11];
  bool has_identity;
};
enum store_status store_wbs_list (struct store *s, int64_t unit_id,
                                  const char *status, struct wbs_row **rows,
                                  size_t *n);

/* A ciphertext row: events (NOTE), messages (BODY), identity requests
   (REASON); CT is malloc'ed, free with store_wbs_items_free. */
struct wbs_item {
  int64_t id;
  int64_t at;
  char actor[48];          /* event actor, message author, requester */
  char from[24], to[24];   /* events: statuses; messages: sender in FROM;
                              requests: status in TO */
  bool internal;
  int seal;                /* messages: how the ciphertext is bound
                              (wbs_keys.h) */
  char decided_by[48];
  int64_t decided_at;
  unsigned char *ct;
  size_t ct_len;
};
void store_wbs_items_free (struct wbs_item *items, size_t n);
enum store_status store_wbs_events (struct store *s, int64_t id,
                                    struct wbs_item **rows, size_t *n);
/* Forwardings: ACTOR who, TO the target (APIP, APH_KPK), CT the encrypted
   outside reference (may be NULL). */
enum store_status store_wbs_forwards (struct store *s, int64_t id,
                                      struct wbs_item **rows, size_t *n);
enum store_status store_wbs_messages (struct store *s, int64_t id,
                                      bool with_internal,
                                      struct wbs_item **rows, size_t *n);
enum store_status store_wbs_identity_requests (struct store *s, int64_t id,
                                               struct wbs_item **rows,
                                               size_t *n);

enum store_status store_wbs_set_status (struct store_conn *c, int64_t id,
                                        const char *from, const char *to,
                                        int64_t at, const char *due,
                                        const char *actor,
                                        const unsigned char *note_ct,
                                        size_t note_len);
/* A message; SEAL says how CT is bound to the row (WBS_MSG_SEAL). */
enum store_status store_wbs_message (struct store_conn *c, int64_t id,
                                     int64_t at, const char *sender,
                                     const char *author,
                                     const unsigned char *ct, size_t len,
                                     bool internal, int seal);
enum store_status store_wbs_forward (struct store_conn *c, int64_t id,
                                     int64_t at, const char *target,
                                     const char *by, const unsigned char *ct,
                                     size_t len);
enum store_status store_wbs_identity_request (struct store_conn *c,
                                              int64_t id, const char *by,
                                              const unsigned char *ct,
                                              size_t len, int64_t at,
                                              const char *status);
enum wbs_refusal {
  WBS_REFUSED_NONE,
  WBS_REFUSED_NOT_FOUND,     /* no such request on UNIT_ID's reports */
  WBS_REFUSED_DECIDED,       /* already decided */
  WBS_REFUSED_OWN,           /* BY made it: a second person decides */
  WBS_REFUSED_NOT_CUSTODIAN, /* BY is not (any more) a custodian granted
                                with the recovery key, or is disabled */
  WBS_REFUSED_GRANTER        /* the requester granted BY the role */
};
/* STORE_NO_ROW with *WHY when refused.  LOOKUP gets the report's lookup
   (for the audit entry). */
enum store_status store_wbs_identity_decide (struct store_conn *c,
                                             int64_t unit_id,
                                             int64_t request_id,
                                             const char *status,
                                             const char *by, int64_t at,
                                             char lookup[12],
                                             enum wbs_refusal *why);
struct wbs_pending {
  int64_t id;
  char lookup[12];
  char requested_by[48];
  int64_t requested_at;
};
enum store_status store_wbs_identity_pending (struct store *s,
                                              int64_t unit_id,
                                              struct wbs_pending **rows,
                                              size_t *n);
/* An evidence file (see attach.h; its key sealed to the WBS key). */
struct attachment_row;
enum store_status store_wbs_attachment_insert (struct store_conn *c,
                                               int64_t report_id,
                                               const struct attachment_row *a,
                                               const char *sender,
                                               int64_t at);
enum store_status store_wbs_attachments (struct store *s, int64_t report_id,
                                         struct attachment_row **rows,
                                         size_t *n);
struct wbs_count { char status[24]; int64_t n; };
enum store_status store_wbs_counts (struct store *s, int64_t unit_id,
                                    const char *from, const char *to,
                                    struct wbs_count **rows, size_t *n);
#endif
