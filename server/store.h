/*
 * The store: SQLite in WAL mode behind a narrow interface.  Only store*.c
 * include sqlite3.h.
 *
 * Threads: any thread may call the read functions; each thread gets its own
 * read connection, opened on first use and kept for the thread's life.
 * Writes are jobs run by one writer thread, which commits them in groups
 * (many jobs, one transaction, one fsync with synchronous=FULL); a job's
 * completion callback runs only after its group is durably committed.
 *
 * Status convention (callers switch over all of them):
 *   STORE_HARD_ERROR  a bug or I/O failure; answer 500
 *   STORE_BUSY        the database stayed locked; answer 503, may retry
 *   STORE_NO_ROW      nothing matched / constraint refused (see function)
 *   STORE_OK          done
 */
#ifndef WADAH_STORE_H
#define WADAH_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_status {
  STORE_HARD_ERROR = -2,
  STORE_BUSY = -1,
  STORE_NO_ROW = 0,
  STORE_OK = 1
};

struct store;
struct store_conn;   /* a connection with its prepared statements */

/* Open (creating if CREATE) the database at PATH and apply pending
   migrations.  Refuses a database newer than this program.  On success
   *OUT owns the store; free with store_close. */
enum store_status store_open (const char *path, bool create,
                              struct store **out);
/* Start the group-commit writer thread (serve only). */
bool store_writer_start (struct store *s);
/* Stop the writer after the queued jobs are committed, close everything. */
void store_close (struct store *s);
/* Schema version of the open database and the newest this program knows. */
int store_schema_version (struct store *s, int *newest);
/* The newest schema version this program knows (its last migration). */
int store_schema_newest (void);

/* ---- backups (store_backup.c) ----
   These take the path of a database file and open it on a connection of
   their own, read-only and never migrated, so that they read the file as
   it is.  ERR (200 bytes) gets an English reason on failure. */

/* Write a consistent copy of the database at DB_PATH as of one moment to
   DEST_PATH (which must not exist or be empty; the caller creates it
   0600), while the server goes on writing.  The copy is the live file
   page for page, turned into rollback-journal mode so that it is read
   alone. */
enum store_status store_snapshot (const char *db_path, const char *dest_path,
                                  char err[200]);
/* The schema version recorded in the database file PATH. */
enum store_status store_file_schema (const char *path, int *version,
                                     char err[200]);
/* SQLite's quick_check of the database file PATH: STORE_OK when sound,
   STORE_NO_ROW (ERR says what) when damaged. */
enum store_status store_file_check (const char *path, char err[200]);
/* CB for each attachment file name (complaint and WBS evidence,
   attachments/<file>.bin) the database file PATH references, in name
   order, until CB returns false. */
enum store_status store_file_attachments (const char *path,
                                          bool (*cb) (void *cls,
                                                      const char *file),
                                          void *cls, char err[200]);


/* ---- write jobs ---- */

struct store_job {
  /* Runs inside the group's transaction; returns a store_status.  A
     negative result or STORE_NO_ROW rolls back this job only: the group is
     then run again with each job in its own savepoint, so RUN must be
     safe to call twice (it may only change the database and its own
     CLS). */
  enum store_status (*run) (struct store_conn *c, void *cls);
  /* Called once the group is committed (or failed), from the writer thread,
     with the final status of this job. */
  void (*done) (void *cls, enum store_status status);
  void *cls;
  struct store_job *next;     /* private */
  enum store_status status;   /* private */
};

/* Queue JOB; JOB must stay valid until its done callback. */
void store_submit (struct store *s, struct store_job *job);

/* The writer's figures for /metrics: jobs waiting, groups committed, jobs
   run and failed, and groups by size: bucket b counts groups of at most
   2^b jobs (the last bucket, the rest). */
#define STORE_GROUP_BUCKETS 10
struct store_stats {
  unsigned int queued;
  unsigned long long groups, jobs, failed;
  unsigned long long group_size[STORE_GROUP_BUCKETS];
};
void store_stats (struct store *s, struct store_stats *out);
/* Run RUN in its own transaction and wait for the commit (CLI, tests). */
enum store_status store_write_sync (struct store *s,
                                    enum store_status (*run) (struct store_conn *,
                                                              void *),
                                    void *cls);

/* ---- domain records ---- */

struct unit {
  int64_t id;
  char slug[48];
  char name[160];
  int utc_offset_min;
};

struct service {
  int64_t id;
  char code[48];
  char name[160];
};

enum store_status store_unit_by_slug (struct store *s, const char *slug,
                                      struct unit *out);
/* Calls CB for each unit, ordered by name; stops when CB returns false. */
enum store_status store_unit_list (struct store *s,
                                   bool (*cb) (void *cls, const struct unit *u),
                                   void *cls);
/* Active services of UNIT_ID, in display order; *OUT is malloc'ed. */
enum store_status store_service_list (struct store *s, int64_t unit_id,
                                      struct service **out, size_t *n);
enum store_status store_service_by_code (struct store *s, int64_t unit_id,
                                         const char *code,
                                         struct service *out);
enum store_status store_population_get (struct store *s, int64_t unit_id,
                                        const char *period,
                                        int64_t *population);

/* Write-side helpers for use inside jobs. */
enum store_status store_unit_insert (struct store_conn *c, const char *slug,
                                     const char *name, int utc_offset_min,
                                     int64_t *id);
enum store_status store_service_upsert (struct store_conn *c, int64_t unit_id,
                                        const char *code, const char *name);
enum store_status store_service_disable (struct store_conn *c,
                                         int64_t unit_id, const char *code);

enum store_status store_population_set (struct store_conn *c, int64_t unit_id,
                                        const char *period, int64_t n);
/* Unit lookup on the writer's own connection (inside jobs). */
enum store_status store_conn_unit_by_slug (struct store_conn *c,
                                           const char *slug, struct unit *out);

/* Record form ID version VERSION with SHA256 (hex) and its DEFINITION text.
   STORE_NO_ROW when that version is already recorded with another hash
   (the definition changed without a version bump). */
enum store_status store_form_version_register (struct store *s,
                                               const char *form_id,
                                               int version,
                                               const char *sha256,
                                               const char *definition);

/* ---- survey ---- */

/* Answers are stored by position: the n-th scale question of the form
   version (see sql/0001-init.sql). */
#define STORE_SURVEY_ITEMS 16

struct survey_record {
  char public_id[40];
  int64_t unit_id;
  const char *form_id;
  int form_version;
  int64_t service_id;
  int64_t submitted_at;
  char local_date[11];
  const char *gender, *education, *occupation, *occupation_other, *suggestion;
  int age;                               /* 0 when not given */
  int answers[STORE_SURVEY_ITEMS];       /* 0 when not answered */
  const char *channel;                   /* online | kiosk | kertas; NULL */
  const char *source;                    /* NULL: "live"; "import" */
};

enum store_status store_survey_insert (struct store_conn *c,
                                       const struct survey_record *r);

/* Per form version and service: respondents, and the sum and count of
   answers at each position; per form version: how many gave value v (1-4)
   at each position.  For a unit, form and date range [FROM, TO]
   (YYYY-MM-DD), summed from the per-day aggregates that the insert trigger
   keeps (sql/0006-survey-days.sql).  Both arrays malloc'ed. */
struct survey_totals_row {
  int form_version;
  int64_t service_id;
  int64_t respondents;
  int64_t sum[STORE_SURVEY_ITEMS];
  int64_t count[STORE_SURVEY_ITEMS];
};
struct survey_dist_row {
  int form_version;
  int64_t count[STORE_SURVEY_ITEMS][4];
};
enum store_status store_survey_aggregate (struct store *s, int64_t unit_id,
                                          const char *form_id,
                                          const char *from, const char *to,
                                          struct survey_totals_row **totals,
                                          size_t *n_totals,
                                          struct survey_dist_row **dist,
                                          size_t *n_dist);
/* The recorded definition text of a form version (malloc'ed). */
enum store_status store_form_version_definition (struct store *s,
                                                 const char *form_id,
                                                 int version, char **text);

/* ---- staff, keys, audit ---- */

#define STORE_KEY 32
#define STORE_WRAPPED 72      /* nonce + 32 + tag */
#define STORE_SEALED 80       /* crypto_box_seal of 32 bytes */
#define STORE_RECORD_KEY 104  /* a record key sealed to a unit (vault.h) */
#define STORE_TOTP_SEALED 68  /* crypto_box_seal of a 20-byte TOTP secret */

struct user_rec {
  int64_t id;
  int64_t unit_id;
  char username[48];
  char pw_hash[128];
  bool disabled;
  bool has_keys;
  unsigned char public_key[STORE_KEY];
  unsigned char key_salt[16];
  unsigned char key_wrapped[STORE_WRAPPED];
  bool has_totp;
  unsigned char totp_sealed[STORE_TOTP_SEALED];
  int64_t totp_last_step;
  unsigned int roles;         /* enum role bits */
};

/* User USERNAME of the unit SLUG, with roles (reader or writer conn). */
enum store_status store_user_by_name (struct store *s, const char *slug,
                                      const char *username,
                                      struct user_rec *out);
enum store_status store_conn_user_by_name (struct store_conn *c,
                                           const char *slug,
                                           const char *username,
                                           struct user_rec *out);
struct user_row {
  int64_t id;
  char username[48];
  bool disabled;
  bool has_totp;
  int64_t created_at;
  unsigned int roles;
};
enum store_status store_user_list (struct store *s, int64_t unit_id,
                                   struct user_row **rows, size_t *n);
/* Insert a user with its key material; STORE_NO_ROW when the name is
   taken. ROLES is a mask of enum role. */
enum store_status store_user_insert (struct store_conn *c, int64_t unit_id,
                                     const char *username, const char *pw_hash,
                                     unsigned int roles,
                                     const unsigned char pk[STORE_KEY],
                                     const unsigned char salt[16],
                                     const unsigned char wrapped[STORE_WRAPPED],
                                     int64_t *id);
/* New password hash and key material (password change or reset). */
enum store_status store_user_set_keys (struct store_conn *c, int64_t user_id,
                                       const char *pw_hash,
                                       const unsigned char pk[STORE_KEY],
                                       const unsigned char salt[16],
                                       const unsigned char wrapped[STORE_WRAPPED]);
enum store_status store_user_set_disabled (struct store_conn *c,
                                           int64_t user_id, bool disabled);
/* SEALED NULL removes the second factor. */
enum store_status store_user_set_totp (struct store_conn *c, int64_t user_id,
                                       const unsigned char *sealed);
/* Custodians (migration 0008).  Grant: USER_ID gets the custodian role,
   granted at AT by GRANTED_BY (0: the recovery key, on the command line).
   Only the recovery key's holder may call it (custody.h).  Revoke: the role
   goes (a password reset, wadah user custodian --revoke); *WAS (may be
   NULL) says whether the user held it. */
enum store_status store_custodian_grant (struct store_conn *c,
                                         int64_t user_id, int64_t at,
                                         int64_t granted_by);
enum store_status store_custodian_revoke (struct store_conn *c,
                                          int64_t user_id, bool *was);
/* Record a used TOTP step; STORE_NO_ROW when it is not newer (replay). */
enum store_status store_user_totp_step (struct store_conn *c, int64_t user_id,
                                        int64_t step);

enum store_status store_unit_key_insert (struct store_conn *c, int64_t unit_id,
                                         const char *kind,
                                         const unsigned char pk[STORE_KEY],
                                         const unsigned char wrapped[STORE_WRAPPED]);
enum store_status store_unit_key_get (struct store *s, int64_t unit_id,
                                      const char *kind,
                                      unsigned char pk[STORE_KEY],
                                      unsigned char wrapped[STORE_WRAPPED]);
enum store_status store_conn_unit_key_get (struct store_conn *c,
                                           int64_t unit_id, const char *kind,
                                           unsigned char pk[STORE_KEY],
                                           unsigned char wrapped[STORE_WRAPPED]);
/* GRANTED_BY 0: granted with the recovery key. */
enum store_status store_grant_upsert (struct store_conn *c, int64_t unit_id,
                                      const char *kind, int64_t user_id,
                                      const unsigned char sealed[STORE_SEALED],
                                      int64_t granted_by);
/* STORE_NO_ROW when there was no such grant. */
enum store_status store_grant_delete (struct store_conn *c, int64_t unit_id,
                                      const char *kind, int64_t user_id);
enum store_status store_grant_delete_user (struct store_conn *c,
                                           int64_t user_id);
struct grant_row {
  char kind[12];
  char username[48];
  unsigned char sealed[STORE_SEALED];
};
/* The grants held by USER_ID in UNIT_ID (kind and sealed key). */
enum store_status store_grants_of_user (struct store *s, int64_t unit_id,
                                        int64_t user_id,
                                        struct grant_row **rows, size_t *n);
/* Who holds which key in a unit (kind and username). */
enum store_status store_grants_of_unit (struct store *s, int64_t unit_id,
                                        struct grant_row **rows, size_t *n);

struct audit_row {
  int64_t id;
  int64_t at;
  int64_t unit_id;            /* 0: none */
  char actor[48];
  char action[48];
  char object[128];
  char detail[512];
  unsigned char prev_hash[32];
  unsigned char hash[32];
  int64_t unit_seq;           /* place in the unit's chain, from 1 */
  unsigned char unit_prev_hash[32];
  unsigned char unit_hash[32];
  bool malformed;             /* read: a field too long for the buffers
                                 above, or a hash of the wrong size */
};
/* The newest entry's id and hash; STORE_NO_ROW when the log is empty. */
enum store_status store_audit_last (struct store_conn *c, int64_t *id,
                                    unsigned char hash[32]);
/* The newest entry of UNIT_ID's chain (0: entries of no unit): its
   unit_seq and unit_hash; STORE_NO_ROW when the chain is empty.  On C or,
   when C is NULL, on this thread's reader of S. */
enum store_status store_audit_unit_last (struct store *s,
                                         struct store_conn *c,
                                         int64_t unit_id, int64_t *seq,
                                         unsigned char hash[32]);
enum store_status store_audit_insert (struct store_conn *c,
                                      const struct audit_row *row);
/* The id of the entry at place SEQ of UNIT_ID's chain; STORE_NO_ROW when
   there is none. */
enum store_status store_audit_unit_at (struct store_conn *c, int64_t unit_id,
                                       int64_t seq, int64_t *id);
/* The entries of the global chain with id >= FROM in id order or, when
   UNIT_CHAIN, those of UNIT_ID's chain with unit_seq >= FROM in chain
   order; CB returns false to stop.  On C (a writer job's connection) or,
   when C is NULL, on this thread's reader of S. */
enum store_status store_audit_walk (struct store *s, struct store_conn *c,
                                    bool unit_chain, int64_t unit_id,
                                    int64_t from,
                                    bool (*cb) (void *cls,
                                                const struct audit_row *r),
                                    void *cls);
/* The log's random id (sql/0007-audit-anchor.sql); S's reader when C is
   NULL. */
enum store_status store_audit_log_id (struct store *s, struct store_conn *c,
                                      unsigned char id[16]);
/* The ids of the units (ascending), for walking every unit chain; *IDS
   malloc'ed. */
enum store_status store_audit_unit_ids (struct store_conn *c, int64_t **ids,
                                        size_t *n);

/* A signed head of a chain (see audit.h). */
struct audit_checkpoint {
  int64_t id;                 /* row id (0: not stored, e.g. an anchor) */
  int64_t at;                 /* when it was signed, Unix seconds */
  char chain;                 /* 'g' global, 'u' a unit's */
  int64_t unit_id;            /* the unit of a 'u' chain (0: no unit) */
  int64_t count;              /* entries covered */
  unsigned char head[32];     /* the hash of the last of them */
  unsigned char public_key[32];
  unsigned char signature[64];
};
enum store_status store_audit_checkpoint_insert (struct store_conn *c,
                                                 struct audit_checkpoint *cp);
/* The newest checkpoint of a chain (largest count, then newest row);
   STORE_NO_ROW when it has none.  S's reader when C is NULL. */
enum store_status store_audit_checkpoint_last (struct store *s,
                                               struct store_conn *c,
                                               char chain, int64_t unit_id,
                                               struct audit_checkpoint *out);
/* Stored checkpoints in (chain, unit, count, id) order: all of them, or
   when CHAIN is not 0 those of one chain; *ROWS malloc'ed.  S's reader
   when C is NULL. */
enum store_status store_audit_checkpoints (struct store *s,
                                           struct store_conn *c, char chain,
                                           int64_t unit_id,
                                           struct audit_checkpoint **rows,
                                           size_t *n);
struct audit_filter {
  const char *actor;          /* NULL: any */
  const char *action;         /* NULL: any */
  int64_t from, to;           /* Unix seconds; 0: open */
  int64_t before_id;          /* 0: newest */
  int limit;
};
enum store_status store_audit_search (struct store *s, int64_t unit_id,
                                      const struct audit_filter *f,
                                      struct audit_row **rows, size_t *n);
#endif
