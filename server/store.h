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

/* ---- write jobs ---- */

struct store_job {
  /* Runs inside the group's transaction, in its own savepoint; returns a
     store_status.  A negative result rolls back this job only. */
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
enum store_status store_user_insert (struct store_conn *c, int64_t unit_id,
                                     const char *username, const char *pw_hash,
                                     const char *const *roles, size_t n_roles);
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

#define STORE_SURVEY_MAX_ITEMS 32

struct survey_record {
  char public_id[40];
  int64_t unit_id;
  const char *form_id;
  int form_version;
  int64_t service_id;
  int64_t submitted_at;
  char local_date[11];
  const char *gender, *education, *occupation, *occupation_other, *suggestion;
  int age;                    /* 0 when not given */
  size_t n_answers;
  struct { char item[8]; int value; } answers[STORE_SURVEY_MAX_ITEMS];
};

enum store_status store_survey_insert (struct store_conn *c,
                                       const struct survey_record *r);

/* Totals for a unit, form and date range [FROM, TO] (YYYY-MM-DD). */
struct survey_totals_row {
  int64_t service_id;
  char item[8];
  int64_t sum;
  int64_t count;
};
enum store_status store_survey_totals (struct store *s, int64_t unit_id,
                                       const char *form_id, const char *from,
                                       const char *to,
                                       struct survey_totals_row **rows,
                                       size_t *n_rows);
struct survey_count_row { int64_t service_id; int64_t respondents; };
enum store_status store_survey_respondents (struct store *s, int64_t unit_id,
                                            const char *form_id,
                                            const char *from, const char *to,
                                            struct survey_count_row **rows,
                                            size_t *n_rows);
struct survey_dist_row { char item[8]; int value; int64_t count; };
enum store_status store_survey_distribution (struct store *s, int64_t unit_id,
                                             const char *form_id,
                                             const char *from, const char *to,
                                             struct survey_dist_row **rows,
                                             size_t *n_rows);
#endif
