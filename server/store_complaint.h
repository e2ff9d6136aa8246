/*
 * The store's complaint side (sql/0003-complaints.sql): a unit's
 * categories, sections, templates, settings and holidays, and the
 * complaints with their events, messages and attachments.  Same status
 * conventions as store.h.  Functions taking a store_conn run inside write
 * jobs; those taking a store read on the calling thread's connection.
 */
#ifndef WADAH_STORE_COMPLAINT_H
#define WADAH_STORE_COMPLAINT_H
#include "store.h"

/* A code/name pair: categories, sections. */
struct coded {
  int64_t id;
  char code[48];
  char name[160];
};

enum store_status store_category_list (struct store *s, int64_t unit_id,
                                       struct coded **rows, size_t *n);
enum store_status store_category_by_code (struct store *s, int64_t unit_id,
                                          const char *code, struct coded *out);
enum store_status store_category_upsert (struct store_conn *c, int64_t unit_id,
                                         const char *code, const char *name);
enum store_status store_section_list (struct store *s, int64_t unit_id,
                                      struct coded **rows, size_t *n);
enum store_status store_section_upsert (struct store_conn *c, int64_t unit_id,
                                        const char *code, const char *name);

struct template_row {
  int64_t id;
  char title[160];
  char body[2048];
};
enum store_status store_template_list (struct store *s, int64_t unit_id,
                                       struct template_row **rows, size_t *n);
enum store_status store_template_insert (struct store_conn *c,
                                         int64_t unit_id, const char *title,
                                         const char *body);

/* A unit setting as text into OUT; STORE_NO_ROW when unset. */
enum store_status store_setting_get (struct store *s, int64_t unit_id,
                                     const char *key, char *out, size_t cap);
enum store_status store_setting_set (struct store_conn *c, int64_t unit_id,
                                     const char *key, const char *value);

struct holiday_row {
  char day[11];
  char name[120];
  char kind[24];
  int64_t unit_id;          /* 0: national */
};
/* National holidays and the unit's own, by date. */
enum store_status store_holiday_list (struct store *s, int64_t unit_id,
                                      struct holiday_row **rows, size_t *n);
enum store_status store_conn_holiday_list (struct store_conn *c,
                                           int64_t unit_id,
                                           struct holiday_row **rows,
                                           size_t *n);
enum store_status store_holiday_upsert (struct store_conn *c, int64_t unit_id,
                                        const char *day, const char *name,
                                        const char *kind);
/* A national holiday, unless that day is already recorded. */
enum store_status store_holiday_seed (struct store_conn *c, const char *day,
                                      const char *name, const char *kind);
enum store_status store_holiday_delete (struct store_conn *c, int64_t unit_id,
                                        const char *day);

/* ---- complaints ---- */

struct complaint_new {
  int64_t unit_id;
  int year;                     /* for the tracking number */
  const char *prefix;           /* "ADU" */
  char tracking[32];            /* out */
  int64_t id;                   /* out */
  char public_id[40];
  int64_t category_id;
  const char *class_, *channel, *lapor_id, *privacy;
  const char *description, *location, *incident_date, *requested;
  const unsigned char *identity_ct;
  size_t identity_ct_len;
  const unsigned char *identity_key;   /* STORE_RECORD_KEY bytes or NULL */
  const char *access_hash;
  int64_t received_at;
  char received_date[11];
  char due_date[11];
  const char *entered_by;       /* NULL when the citizen filed it */
  int64_t entered_at;           /* 0: RECEIVED_AT (typed in on receipt) */
  const char *source;           /* NULL: "live"; "import" */
};
/* Take the next tracking number and insert; fills TRACKING and ID. */
enum store_status store_complaint_insert (struct store_conn *c,
                                          struct complaint_new *n);

struct complaint_rec {
  int64_t id;
  char tracking[32];
  char public_id[40];
  char category_code[48], category_name[160];
  char class_[32], channel[16], lapor_id[64], privacy[10];
  char *description, *location, *incident_date, *requested;  /* malloc'ed */
  unsigned char *identity_ct;                  /* malloc'ed, or NULL */
  size_t identity_ct_len;
  bool has_identity;
  unsigned char identity_key[STORE_RECORD_KEY];
  char access_hash[128];
  int64_t received_at;
  char received_date[11];
  char status[24];
  int64_t status_at;
  char due_date[11];
  char section_code[48], section_name[160];
  char unsur[64];
  int64_t followed_up_at, last_activity_at;
  char verdict[16];
  char *public_response;                       /* malloc'ed, or NULL */
  char published_by[48];
  int64_t published_at;
  char entered_by[48];
};
void store_complaint_rec_free (struct complaint_rec *r);
enum store_status store_complaint_get (struct store *s, int64_t unit_id,
                                       const char *tracking,
                                       struct complaint_rec *out);
enum store_status store_conn_complaint_get (struct store_conn *c,
                                            int64_t unit_id,
                                            const char *tracking,
                                            struct complaint_rec *out);

struct complaint_filter {
  const char *status, *category, *channel;
  const char *overdue_on;       /* local date; NULL: no filter */
};
struct complaint_row {
  char tracking[32];
  char category_code[48], category_name[160];
  char class_[32], channel[16], privacy[10];
  int64_t received_at;
  char status[24];
  char due_date[11];
  char unsur[64];
  char excerpt[200];
};
enum store_status store_complaint_list (struct store *s, int64_t unit_id,
                                        const struct complaint_filter *f,
                                        struct complaint_row **rows,
                                        size_t *n);

/* One history event (sql/0005-reports.sql): KIND "STATUS", "REPLY",
   "VERDICT", "UNSUR", "PUBLICATION" or "SECTION".  Events that do not move
   the status have FROM NULL and TO "". */
struct complaint_event_new {
  const char *kind;
  const char *from, *to;
  int64_t at;
  const char *actor;            /* user name, "pelapor", "sistem" */
  const char *note;             /* NULL: no event is written */
  int64_t section_id;           /* 0: none */
  const char *value;            /* VERDICT/UNSUR/PUBLICATION value or NULL */
};
enum store_status store_complaint_event_insert (
  struct store_conn *c, int64_t id, const struct complaint_event_new *e);
/* A status change to E->TO at E->AT with deadline DUE_DATE, and its event
   E (when E->NOTE is not NULL; with NOTE NULL only the deadline moves, no
   history line: the message that moved it is in the conversation
   already).  E->SECTION_ID > 0 also sets the complaint's section. */
enum store_status store_complaint_set_status (
  struct store_conn *c, int64_t id, const char *due_date,
  const struct complaint_event_new *e);
/* SENDER "officer" or "reporter"; INTERNAL notes only for officers.
   FOLLOW_UP marks the first officer reply as the follow-up. */
enum store_status store_complaint_message (struct store_conn *c, int64_t id,
                                           int64_t at, const char *sender,
                                           const char *author,
                                           const char *body, bool internal,
                                           bool follow_up);
/* The SKM unsur tags ("U3,U7"), with an UNSUR event by ACTOR at AT. */
enum store_status store_complaint_set_unsur (struct store_conn *c, int64_t id,
                                             const char *unsur, int64_t at,
                                             const char *actor);
/* Publish TEXT (NULL withdraws), with a PUBLICATION event. */
enum store_status store_complaint_publish (struct store_conn *c, int64_t id,
                                           const char *text, const char *by,
                                           int64_t at);
enum store_status store_complaint_verdict (struct store_conn *c, int64_t id,
                                           const char *verdict, int64_t at);

struct complaint_event {
  int64_t at;
  char actor[48];
  char from[24], to[24];
  char note[512];
};
enum store_status store_complaint_events (struct store *s, int64_t id,
                                          struct complaint_event **rows,
                                          size_t *n);
/* The same on a write job's connection. */
enum store_status store_conn_complaint_events (struct store_conn *c,
                                               int64_t id,
                                               struct complaint_event **rows,
                                               size_t *n);
struct complaint_message {
  int64_t at;
  char sender[12];
  char author[48];
  char body[4096];
  bool internal;
};
enum store_status store_complaint_messages (struct store *s, int64_t id,
                                            bool with_internal,
                                            struct complaint_message **rows,
                                            size_t *n);

struct public_row {
  char tracking[32];
  char category[160];
  char received_date[11];
  char status[24];
  char response[2048];
  int64_t published_at;
};
enum store_status store_complaint_public (struct store *s, int64_t unit_id,
                                          struct public_row **rows, size_t *n);

struct autoclose_row {
  int64_t id;
  char tracking[32];
  int64_t unit_id;
  char due_date[11];
  int utc_offset_min;
  char unit_slug[48];
};
enum store_status store_complaint_autoclose_candidates (
  struct store *s, struct autoclose_row **rows, size_t *n);

struct attachment_row {
  int64_t id;
  char file[48];
  char mime[48];
  int64_t size;
  unsigned char sealed_key[STORE_RECORD_KEY];
  int64_t at;
  char sender[12];
};
enum store_status store_attachment_insert (struct store_conn *c,
                                           int64_t complaint_id,
                                           const struct attachment_row *a);
enum store_status store_attachments (struct store *s, int64_t complaint_id,
                                     struct attachment_row **rows, size_t *n);
#endif
