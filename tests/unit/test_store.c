/* The store on a temporary database: migrations, refusing a newer schema,
   group commit, survey totals, form versions. */
#include "roles.h"
#include "store.h"
#include "store_wbs.h"
#include <criterion/criterion.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void
setup (void)
{
  snprintf (dir, sizeof dir, "/tmp/wadah-unit-XXXXXX");
  cr_assert_not_null (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/t.db", dir);
}

static void
teardown (void)
{
  char cmd[160];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq (system (cmd), 0);
}

TestSuite (store, .init = setup, .fini = teardown);

static enum store_status
make_unit (struct store_conn *c, void *cls)
{
  int64_t *id = cls;
  enum store_status st = store_unit_insert (c, "demo", "Demo", 420, id);
  if (STORE_OK != st)
    return st;
  st = store_service_upsert (c, *id, "KTP-el", "KTP");
  if (STORE_OK != st)
    return st;
  return store_service_upsert (c, *id, "KK", "Kartu Keluarga");
}

Test (store, migrations_apply_once_and_record_version)
{
  struct store *s;
  int newest;
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  cr_assert_eq (store_schema_version (s, &newest), newest);
  cr_assert_geq (newest, 1);
  store_close (s);
  /* Reopening applies nothing and keeps the data. */
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  int64_t id;
  cr_assert_eq (store_write_sync (s, make_unit, &id), STORE_OK);
  store_close (s);
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  struct unit u;
  cr_assert_eq (store_unit_by_slug (s, "demo", &u), STORE_OK);
  cr_assert_str_eq (u.name, "Demo");
  cr_assert_eq (store_unit_by_slug (s, "nope", &u), STORE_NO_ROW);
  store_close (s);
}

Test (store, refuses_newer_database)
{
  struct store *s;
  sqlite3 *db;
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  store_close (s);
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "INSERT INTO schema_version VALUES"
                                  " (999, 'future', 0)", NULL, NULL, NULL),
                SQLITE_OK);
  sqlite3_close (db);
  cr_assert_eq (store_open (path, false, &s), STORE_HARD_ERROR);
}

Test (store, does_not_create_without_flag)
{
  struct store *s;
  cr_assert_eq (store_open (path, false, &s), STORE_HARD_ERROR);
  cr_assert_neq (access (path, F_OK), 0);
}

Test (store, form_version_change_without_bump_refused)
{
  struct store *s;
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 1, "aa", "{}"),
                STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 1, "aa", "{}"),
                STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 1, "bb", "{ }"),
                STORE_NO_ROW);
  cr_assert_eq (store_form_version_register (s, "skm", 2, "bb", "{ }"),
                STORE_OK);
  store_close (s);
}

struct counter {
  struct survey_record rec;
  int *done;
  pthread_mutex_t *lock;
};

static enum store_status
insert_run (struct store_conn *c, void *cls)
{
  struct counter *x = cls;
  return store_survey_insert (c, &x->rec);
}

static void
insert_done (void *cls, enum store_status st)
{
  struct counter *x = cls;
  pthread_mutex_lock (x->lock);
  if (STORE_OK == st)
    (*x->done)++;
  pthread_mutex_unlock (x->lock);
}

Test (store, group_commit_and_totals)
{
  struct store *s;
  int64_t unit_id;
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  cr_assert_eq (store_write_sync (s, make_unit, &unit_id), STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 1, "aa", "{}"),
                STORE_OK);
  struct service sv;
  cr_assert_eq (store_service_by_code (s, unit_id, "KK", &sv), STORE_OK);
  cr_assert (store_writer_start (s));

  enum { N = 200 };
  static struct store_job jobs[N];
  static struct counter xs[N];
  int done = 0;
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  for (int i = 0; i < N; i++)
  {
    struct survey_record *r = &xs[i].rec;
    memset (&xs[i], 0, sizeof xs[i]);
    snprintf (r->public_id, sizeof r->public_id, "id-%d", i);
    r->unit_id = unit_id;
    r->form_id = "skm";
    r->form_version = 1;
    r->service_id = sv.id;
    r->submitted_at = 1751304600;
    snprintf (r->local_date, sizeof r->local_date, "2025-0%d-15",
              i % 2 ? 2 : 8);
    r->answers[0] = 1 + i % 4;
    r->answers[1] = 4;
    xs[i].done = &done;
    xs[i].lock = &lock;
    jobs[i] = (struct store_job) { .run = insert_run, .done = insert_done,
                                   .cls = &xs[i] };
    store_submit (s, &jobs[i]);
  }
  /* A job that breaks a constraint (a service that does not exist) fails
     alone, without taking its group down. */
  struct counter dup = xs[0];
  dup.rec.service_id = 999999;
  struct store_job dj = { .run = insert_run, .done = insert_done,
                          .cls = &dup };
  store_submit (s, &dj);
  store_close (s);   /* drains the queue */
  cr_assert_eq (done, N);

  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  struct survey_totals_row *rows;
  struct survey_dist_row *dist;
  size_t n, nd;
  cr_assert_eq (store_survey_aggregate (s, unit_id, "skm", "2025-01-01",
                                        "2025-06-30", &rows, &n, &dist,
                                        &nd), STORE_OK);
  free (dist);
  cr_assert_eq (n, 1);
  cr_assert_eq (rows[0].form_version, 1);
  cr_assert_eq (rows[0].respondents, N / 2);
  cr_assert_eq (rows[0].count[0], N / 2);
  cr_assert_eq (rows[0].count[1], N / 2);
  cr_assert_eq (rows[0].count[2], 0);
  /* odd i (February): answers 2 and 4 alternate at position 0 */
  cr_assert_eq (rows[0].sum[0], (2 + 4) * N / 4);
  cr_assert_eq (rows[0].sum[1], 4 * N / 2);
  free (rows);
  cr_assert_eq (store_survey_aggregate (s, unit_id, "skm", "2025-01-01",
                                        "2025-12-31", &rows, &n, &dist, &nd),
                STORE_OK);
  free (rows);
  cr_assert_eq (nd, 1);
  for (int v = 0; v < 4; v++)
    cr_assert_eq (dist[0].count[0][v], N / 4);
  cr_assert_eq (dist[0].count[1][3], N);
  free (dist);
  store_close (s);
}

/* ---- per-day survey aggregates (sql/0006-survey-days.sql) ---- */

struct many {
  int64_t unit_id, services[2];
  int n;
};

/* N responses over 40 days, two form versions and two services, with
   unanswered items, from a fixed generator. */
static enum store_status
insert_many (struct store_conn *c, void *cls)
{
  struct many *m = cls;
  uint32_t z = 12345;
  for (int i = 0; i < m->n; i++)
  {
    struct survey_record r;
    memset (&r, 0, sizeof r);
    snprintf (r.public_id, sizeof r.public_id, "m-%d", i);
    r.unit_id = m->unit_id;
    r.form_id = "skm";
    z = z * 1103515245u + 12345u;
    r.form_version = 1 + (int) ((z >> 8) % 2);
    r.service_id = m->services[(z >> 12) % 2];
    r.submitted_at = 1751304600 + i;
    snprintf (r.local_date, sizeof r.local_date, "2025-03-%02d",
              1 + (int) ((z >> 16) % 28));
    for (int k = 0; k < STORE_SURVEY_ITEMS; k++)
    {
      z = z * 1103515245u + 12345u;
      int v = (int) ((z >> 16) % 5);          /* 0: not answered */
      r.answers[k] = k < 9 || v < 2 ? v : 0;
    }
    enum store_status st = store_survey_insert (c, &r);
    if (STORE_OK != st)
      return st;
  }
  return STORE_OK;
}

/* The totals straight from the responses, as the aggregate must give
   them: per version and service respondents, sum and count per item. */
static void
check_against_scan (struct store *s, int64_t unit_id, const char *from,
                    const char *to)
{
  struct survey_totals_row *rows;
  struct survey_dist_row *dist;
  size_t n, nd;
  cr_assert_eq (store_survey_aggregate (s, unit_id, "skm", from, to, &rows,
                                        &n, &dist, &nd), STORE_OK);
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  char sql[1024];
  size_t groups = 0;
  for (int k = 0; k < STORE_SURVEY_ITEMS; k++)
  {
    sqlite3_stmt *st;
    snprintf (sql, sizeof sql,
              "SELECT form_version, service_id, count(*), sum(a%d),"
              " count(a%d), sum(a%d = 1), sum(a%d = 2), sum(a%d = 3),"
              " sum(a%d = 4) FROM survey_responses WHERE unit_id = %lld"
              " AND form_id = 'skm' AND local_date BETWEEN '%s' AND '%s'"
              " GROUP BY form_version, service_id", k + 1, k + 1, k + 1,
              k + 1, k + 1, k + 1, (long long) unit_id, from, to);
    cr_assert_eq (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), SQLITE_OK);
    int64_t dsum[3][4] = { { 0 } };
    size_t g = 0;
    while (SQLITE_ROW == sqlite3_step (st))
    {
      int ver = sqlite3_column_int (st, 0);
      int64_t svc = sqlite3_column_int64 (st, 1);
      const struct survey_totals_row *t = NULL;
      for (size_t i = 0; i < n; i++)
        if (rows[i].form_version == ver && rows[i].service_id == svc)
          t = &rows[i];
      cr_assert_not_null (t, "group %d/%lld missing", ver, (long long) svc);
      cr_assert_eq (t->respondents, sqlite3_column_int64 (st, 2));
      cr_assert_eq (t->sum[k], sqlite3_column_int64 (st, 3), "item %d", k);
      cr_assert_eq (t->count[k], sqlite3_column_int64 (st, 4), "item %d",
                    k);
      for (int v = 0; v < 4; v++)
        dsum[ver][v] += sqlite3_column_int64 (st, 5 + v);
      g++;
    }
    sqlite3_finalize (st);
    for (size_t i = 0; i < nd; i++)
      for (int v = 0; v < 4; v++)
        cr_assert_eq (dist[i].count[k][v], dsum[dist[i].form_version][v],
                      "version %d item %d value %d", dist[i].form_version,
                      k, v + 1);
    if (0 == k)
      groups = g;
  }
  cr_assert_eq (n, groups);
  sqlite3_close (db);
  free (rows);
  free (dist);
}

Test (store, survey_days_match_the_responses)
{
  struct store *s;
  struct many m = { .n = 3000 };
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  cr_assert_eq (store_write_sync (s, make_unit, &m.unit_id), STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 1, "aa", "{}"),
                STORE_OK);
  cr_assert_eq (store_form_version_register (s, "skm", 2, "bb", "{}"),
                STORE_OK);
  struct service sv;
  cr_assert_eq (store_service_by_code (s, m.unit_id, "KK", &sv), STORE_OK);
  m.services[0] = sv.id;
  cr_assert_eq (store_service_by_code (s, m.unit_id, "KTP-el", &sv),
                STORE_OK);
  m.services[1] = sv.id;
  cr_assert_eq (store_write_sync (s, insert_many, &m), STORE_OK);
  store_close (s);

  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  check_against_scan (s, m.unit_id, "2025-03-01", "2025-03-31");
  check_against_scan (s, m.unit_id, "2025-03-05", "2025-03-11");
  check_against_scan (s, m.unit_id, "2025-04-01", "2025-04-30");
  store_close (s);

  /* A delete takes its answers out; the answers of a response never
     change (a suggestion's flag may). */
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "DELETE FROM survey_responses WHERE id % 7"
                              " = 0", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "UPDATE survey_responses SET suggestion ="
                              " 'x' WHERE id = 1", NULL, NULL, NULL),
                SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "UPDATE survey_responses SET a1 = 1"
                               " WHERE id = 1", NULL, NULL, NULL),
                 SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "UPDATE survey_responses SET local_date"
                               " = '2025-04-01' WHERE id = 1", NULL, NULL,
                               NULL), SQLITE_OK);
  sqlite3_close (db);
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  check_against_scan (s, m.unit_id, "2025-03-01", "2025-03-31");
  check_against_scan (s, m.unit_id, "2025-03-10", "2025-03-20");
  store_close (s);
}

/* Issue 10, finding 7: the store makes its database, -wal and -shm files
   0600 whatever the umask of the process that opens it. */
Test (store, database_files_are_0600_whatever_the_umask)
{
  struct store *s;
  mode_t old = umask (022);
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  int64_t id;
  cr_assert_eq (store_write_sync (s, make_unit, &id), STORE_OK);
  static const char *const suffix[] = { "", "-wal", "-shm" };
  for (size_t i = 0; i < 3; i++)
  {
    char p[160];
    struct stat st;
    snprintf (p, sizeof p, "%s%s", path, suffix[i]);
    cr_assert_eq (stat (p, &st), 0, "%s", p);
    cr_assert_eq (st.st_mode & 077, 0, "%s is %03o", p,
                  (unsigned) (st.st_mode & 0777));
  }
  store_close (s);
  umask (old);
}

/* Issue 10, finding 4: who may decide a request to see a WBS reporter's
   identity.  Only a custodian granted with the recovery key (a row in
   custodians), enabled, not the requester, and never for the account that
   granted them the role. */
struct decide_case {
  int64_t request;
  const char *by;
  enum wbs_refusal why;
  enum store_status st;
};

static enum store_status
decide_run (struct store_conn *c, void *cls)
{
  struct decide_case *d = cls;
  char lookup[12];
  d->st = store_wbs_identity_decide (c, 1, d->request, "DISETUJUI", d->by,
                                     1, lookup, &d->why);
  return STORE_OK;       /* commit nothing that failed; keep the outcome */
}

struct grant_case {
  const char *user;
  const char *by;        /* NULL: the recovery key */
};

static enum store_status
grant_run (struct store_conn *c, void *cls)
{
  struct grant_case *g = cls;
  struct user_rec u, b;
  enum store_status st = store_conn_user_by_name (c, "demo", g->user, &u);
  if (STORE_OK == st && g->by)
    st = store_conn_user_by_name (c, "demo", g->by, &b);
  if (STORE_OK != st)
    return st;
  return store_custodian_grant (c, u.id, 1, g->by ? b.id : 0);
}

Test (store, who_decides_an_identity_request)
{
  struct store *s;
  sqlite3 *db;
  int64_t unit;
  cr_assert_eq (store_open (path, true, &s), STORE_OK);
  cr_assert_eq (store_write_sync (s, make_unit, &unit), STORE_OK);
  store_close (s);
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db,
    "INSERT INTO users (id, unit_id, username, pw_hash, created_at) VALUES"
    " (1, 1, 'ani', 'x', 0), (2, 1, 'kus', 'x', 0), (3, 1, 'lama', 'x', 0),"
    " (4, 1, 'mati', 'x', 0);"
    "UPDATE users SET disabled = 1 WHERE id = 4;"
    "INSERT INTO user_roles VALUES (1, 'admin'), (2, 'custodian'),"
    " (3, 'custodian'), (4, 'custodian');"
    "INSERT INTO wbs_reports (id, unit_id, lookup, secret_hash, reporter_salt,"
    " key_team, key_reporter, body_ct, status_at, received_at, received_date,"
    " last_activity_at) VALUES (1, 1, 'ABCD2345', 'x', x'00', x'00', x'00',"
    " x'00', 0, 0, '2026-01-01', 0);"
    "INSERT INTO wbs_identity_requests (id, report_id, requested_by,"
    " reason_ct, requested_at) VALUES (1, 1, 'ani', x'00', 0), (2, 1, 'kus',"
    " x'00', 0);", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  /* 'kus' holds the role, 'lama' too, as before migration 0008; only
     kus is granted it, by the admin 'ani'; 'mati' with the recovery key
     but disabled. */
  struct grant_case g1 = { "kus", "ani" }, g2 = { "mati", NULL };
  cr_assert_eq (store_write_sync (s, grant_run, &g1), STORE_OK);
  cr_assert_eq (store_write_sync (s, grant_run, &g2), STORE_OK);
  struct user_rec u;
  cr_assert_eq (store_user_by_name (s, "demo", "lama", &u), STORE_OK);
  cr_assert_eq (u.roles & ROLE_CUSTODIAN, 0, "ungranted role counted");
  cr_assert_eq (store_user_by_name (s, "demo", "kus", &u), STORE_OK);
  cr_assert_neq (u.roles & ROLE_CUSTODIAN, 0);
  struct decide_case c[] = {
    { 1, "lama", WBS_REFUSED_NOT_CUSTODIAN, STORE_NO_ROW },
    { 1, "mati", WBS_REFUSED_NOT_CUSTODIAN, STORE_NO_ROW },
    { 1, "kus", WBS_REFUSED_GRANTER, STORE_NO_ROW },
    { 2, "kus", WBS_REFUSED_OWN, STORE_NO_ROW },
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
  {
    struct decide_case d = { c[i].request, c[i].by, WBS_REFUSED_NONE, 0 };
    store_write_sync (s, decide_run, &d);
    cr_assert_eq (d.st, c[i].st, "case %zu", i);
    cr_assert_eq (d.why, c[i].why, "case %zu: %d", i, (int) d.why);
  }
  /* Granted again with the recovery key: kus decides ani's request. */
  struct grant_case g3 = { "kus", NULL };
  cr_assert_eq (store_write_sync (s, grant_run, &g3), STORE_OK);
  struct decide_case d = { 1, "kus", WBS_REFUSED_NONE, 0 };
  store_write_sync (s, decide_run, &d);
  cr_assert_eq (d.st, STORE_OK);
  cr_assert_eq (d.why, WBS_REFUSED_NONE);
  store_close (s);
}
