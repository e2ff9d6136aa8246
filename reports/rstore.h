/*
 * The narrow interface through which reports read (and the few things
 * they write: narratives, document data, tracker items, artefacts).
 * Implemented in server/store_report.c, the only file that knows the SQL.
 * Reads run on the calling thread's reader connection (store.h); writes
 * are functions on a store_conn, for use inside write jobs.
 */
#ifndef WADAH_REPORTS_RSTORE_H
#define WADAH_REPORTS_RSTORE_H
#include "store.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- complaints with their history ---- */

struct rs_complaint {
  int64_t id;
  char tracking[32];
  int64_t received_at;
  char received_date[11];
  char channel[16];
  char class_[24];
  int64_t category_id;
  char privacy[10];
  char lapor_id[64];
  bool imported;
};

struct rs_event {
  int64_t id, at;
  char kind[12];          /* STATUS, REPLY, VERDICT, UNSUR, ... */
  char from[24], to[24];  /* to "" for events that do not move the status */
  int64_t section_id;     /* 0: none */
  char actor[48];
  const char *value;      /* NULL or text, valid during the callback */
};

/* Calls CB once per complaint of UNIT_ID received in [FROM, TO] (local
   dates, inclusive), in order of received_date then id, with all of its
   events in id order
   (whatever their time: the caller applies its cut-off).  CB returns
   false to stop (STORE_OK is still returned). */
typedef bool (*rs_complaint_cb) (void *cls, const struct rs_complaint *c,
                                 const struct rs_event *ev, size_t n_ev);
enum store_status rs_complaints (struct store *s, int64_t unit_id,
                                 const char *from, const char *to,
                                 rs_complaint_cb cb, void *cls);

/* Per channel: complaints received in [FROM, TO] and how many carry a
   SP4N-LAPOR! id. */
struct rs_channel_count {
  char channel[16];
  int64_t n, with_lapor;
};
enum store_status rs_channel_counts (struct store *s, int64_t unit_id,
                                     const char *from, const char *to,
                                     struct rs_channel_count **rows,
                                     size_t *n);

/* ---- the audit chain ---- */

/* The last audit entry at or before AT: its id and hash.  STORE_NO_ROW
   when there is none. */
enum store_status rs_audit_head (struct store *s, int64_t at, int64_t *id,
                                 unsigned char hash[32]);

/* ---- the unit's document data ---- */

struct rs_profile {
  char *kop;              /* JSON array text (malloc'ed) */
  unsigned char *logo;    /* PNG (malloc'ed) or NULL */
  size_t logo_len;
  char place[80];
  char lke_version[8];
  char *channels;         /* JSON array text (malloc'ed) */
};
/* STORE_NO_ROW when the unit has set none (OUT then holds defaults). */
enum store_status rs_profile_get (struct store *s, int64_t unit_id,
                                  struct rs_profile *out);
void rs_profile_free (struct rs_profile *p);
/* KOP and CHANNELS are JSON array texts; LOGO NULL keeps the logo unless
   DROP_LOGO. */
enum store_status rs_profile_set (struct store_conn *c, int64_t unit_id,
                                  const char *kop, const char *place,
                                  const char *lke_version,
                                  const char *channels,
                                  const unsigned char *logo, size_t logo_len,
                                  bool drop_logo, int64_t at);

struct rs_signatory {
  int64_t id;
  char role[12];          /* kepala | penyusun */
  char jabatan[200];
  char name[120];
  char pangkat[80];
  char nip[24];
  char valid_from[11];
  char valid_to[11];      /* "" when open */
};
enum store_status rs_signatories (struct store *s, int64_t unit_id,
                                  struct rs_signatory **rows, size_t *n);
enum store_status rs_signatory_add (struct store_conn *c, int64_t unit_id,
                                    const struct rs_signatory *g, int64_t at,
                                    int64_t *id);
/* Close signatory ID (valid_to = DAY); STORE_NO_ROW when not the unit's. */
enum store_status rs_signatory_end (struct store_conn *c, int64_t unit_id,
                                    int64_t id, const char *day);

struct rs_activity {
  int64_t id;
  char kind[32];
  char day[11];
  char title[200];
  char place[120];
  int64_t participants;   /* -1: not recorded */
  char evidence_ref[200];
};
/* Activities of KIND (NULL: all) with day in [FROM, TO], by day. */
enum store_status rs_activities (struct store *s, int64_t unit_id,
                                 const char *kind, const char *from,
                                 const char *to, struct rs_activity **rows,
                                 size_t *n);
enum store_status rs_activity_add (struct store_conn *c, int64_t unit_id,
                                   const struct rs_activity *a,
                                   const char *by, int64_t at, int64_t *id);

/* ---- narrative slots ---- */

struct rs_narrative {
  char slot[32];
  int version;
  char *text;             /* malloc'ed */
  int64_t at;
};
/* The newest version of each slot of DOC for PERIOD, at or before AT
   (INT64_MAX: the newest of all). */
enum store_status rs_narratives (struct store *s, int64_t unit_id,
                                 const char *doc, const char *period,
                                 int64_t at, struct rs_narrative **rows,
                                 size_t *n);
void rs_narratives_free (struct rs_narrative *rows, size_t n);
/* Store a new version of SLOT; *VERSION gets its number. */
enum store_status rs_narrative_add (struct store_conn *c, int64_t unit_id,
                                    const char *doc, const char *period,
                                    const char *slot, const char *text,
                                    const char *author, int64_t at,
                                    int *version);

/* ---- the recommendation tracker (§4) ---- */

struct rs_rec_event {
  int64_t at;
  char status[24];
  char *note, *evidence_ref;     /* malloc'ed (may be "") */
};
struct rs_rec {
  int64_t id;
  char domain[16];
  char source_doc[40], source_period[12], source_date[11];
  char unsur[4];
  char *finding, *text;          /* malloc'ed */
  char pic_jabatan[200];
  char target_date[11];
  char *indicator;               /* malloc'ed */
  size_t n_events;
  struct rs_rec_event *events;   /* in id order */
};
/* Every item of DOMAIN (NULL: all) with its events. */
enum store_status rs_recs (struct store *s, int64_t unit_id,
                           const char *domain, struct rs_rec **rows,
                           size_t *n);
void rs_recs_free (struct rs_rec *rows, size_t n);
/* The same on a write job's connection. */
enum store_status rs_recs_conn (struct store_conn *c, int64_t unit_id,
                                const char *domain, struct rs_rec **rows,
                                size_t *n);
struct rs_rec_new {
  const char *domain, *source_doc, *source_period, *source_date, *unsur;
  const char *finding, *text, *pic_jabatan, *pic_name, *target_date;
  const char *indicator, *created_by;
  int64_t artifact_id;           /* 0: none */
  int64_t created_at;
};
enum store_status rs_rec_add (struct store_conn *c, int64_t unit_id,
                              const struct rs_rec_new *r, int64_t *id);
/* STORE_NO_ROW when REC_ID is not the unit's. */
enum store_status rs_rec_event_add (struct store_conn *c, int64_t unit_id,
                                    int64_t rec_id, int64_t at,
                                    const char *status, const char *note,
                                    const char *evidence_ref,
                                    const char *actor);

/* ---- artefacts ---- */

struct rs_artifact {
  int64_t id;
  char doc[40], period[12], variant[12], format[8];
  char sha256[65], model_sha256[65];
  char file_name[160];
  char *params, *narrative_versions;   /* malloc'ed JSON */
  char created_by[48];
  int64_t created_at;
  int64_t size;
};
struct rs_artifact_new {
  const char *doc, *period, *variant, *format, *params, *narrative_versions;
  const char *sha256, *model_sha256, *file_name, *created_by;
  const unsigned char *content;
  size_t content_len;
  int64_t created_at;
};
enum store_status rs_artifact_add (struct store_conn *c, int64_t unit_id,
                                   const struct rs_artifact_new *a,
                                   int64_t *id);
/* Artefacts of PERIOD (NULL: all), newest first, without content. */
enum store_status rs_artifacts (struct store *s, int64_t unit_id,
                                const char *period, struct rs_artifact **rows,
                                size_t *n);
void rs_artifacts_free (struct rs_artifact *rows, size_t n);
/* The file of artefact ID (malloc'ed). */
enum store_status rs_artifact_content (struct store *s, int64_t unit_id,
                                       int64_t id, struct rs_artifact *meta,
                                       unsigned char **content, size_t *len);

/* ---- whistleblowing (D3 wbs-monev) ---- */

/* A WBS report as D3 reads it: what is in clear, the sealed report key and
   body (opened by the caller with the unlocked WBS key), and counts up to
   the cut-off.  LOOKUP is the associated data the body is bound to; it is
   never printed. */
struct rs_wbs {
  int64_t id;
  char lookup[12];
  unsigned char key_team[STORE_RECORD_KEY];
  const unsigned char *body_ct;   /* valid during the callback */
  size_t body_len;
  bool has_identity;
  int64_t received_at;
  char received_date[11];
  bool imported;
  int64_t team_msgs;        /* non-internal team messages at <= cut-off */
  int64_t reporter_msgs;    /* reporter messages at <= cut-off */
  int64_t req_diajukan;     /* identity requests made by the cut-off */
  int64_t req_disetujui;    /* ... approved by the cut-off */
  int64_t req_ditolak;      /* ... refused by the cut-off */
};
struct rs_wbs_event {
  int64_t id, at;
  char from[24], to[24];
};
/* Calls CB once per WBS report of UNIT_ID received in [FROM, TO] (local
   dates), in id order, with all of its status events in id order
   (whatever their time: the caller applies its cut-off; CUTOFF_TS bounds
   only the message and request counts).  CB returns false to stop. */
typedef bool (*rs_wbs_cb) (void *cls, const struct rs_wbs *w,
                           const struct rs_wbs_event *ev, size_t n_ev);
enum store_status rs_wbs_reports (struct store *s, int64_t unit_id,
                                  const char *from, const char *to,
                                  int64_t cutoff_ts, rs_wbs_cb cb,
                                  void *cls);
/* Users of UNIT_ID holding ROLE (a role name) created at or before AT and
   not disabled: their number, and (only where a unit chose to print them)
   their user names, malloc'ed, in name order. */
enum store_status rs_wbs_team_count (struct store *s, int64_t unit_id,
                                     const char *role, int64_t at,
                                     int64_t *n);
struct rs_user_name {
  char name[48];
};
enum store_status rs_wbs_team_names (struct store *s, int64_t unit_id,
                                     const char *role, int64_t at,
                                     struct rs_user_name **rows, size_t *n);
#endif
