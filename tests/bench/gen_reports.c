/*
 * gen_reports: fills a wadah data directory's database with the report
 * bench's data set (issue "Reports I", REPORTS.md §7.8): N complaints
 * received over 2026-S1 with their event histories through every stage,
 * and M survey responses; then times a bare SQLite aggregate over the same
 * rows (the baseline the report times are compared with).
 *
 *   gen_reports DB N_COMPLAINTS N_RESPONSES   -> prints "baseline_ms X"
 *   gen_reports DB --baseline                 -> only the baseline
 *
 * Direct SQL, one transaction: this is bench data, not a way in for real
 * records (those go through wadah import).  The unit is the first unit;
 * its categories, sections and services must exist.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rs = 42;
static uint64_t
rnd (void)
{
  uint64_t z = (rs += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double
now_ms (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void
die (sqlite3 *db, const char *what)
{
  fprintf (stderr, "gen_reports: %s: %s\n", what, sqlite3_errmsg (db));
  exit (1);
}

static void
ids (sqlite3 *db, const char *sql, int64_t *out, int *n)
{
  sqlite3_stmt *st;
  if (SQLITE_OK != sqlite3_prepare_v2 (db, sql, -1, &st, NULL))
    die (db, sql);
  *n = 0;
  while (SQLITE_ROW == sqlite3_step (st) && *n < 64)
    out[(*n)++] = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
}

static double
baseline (sqlite3 *db)
{
  static const char *const q[] = {
    "SELECT c.channel, COUNT(DISTINCT c.id), SUM(e.to_status = 'SELESAI'),"
    " MAX(e.at) FROM complaints c JOIN complaint_events e"
    " ON e.complaint_id = c.id WHERE c.unit_id = 1 AND c.received_date"
    " BETWEEN '2026-01-01' AND '2026-06-30' GROUP BY c.channel",
    "SELECT COUNT(*), SUM(a1), SUM(a2), SUM(a3), SUM(a4), SUM(a5), SUM(a6),"
    " SUM(a7), SUM(a8), SUM(a9) FROM survey_responses WHERE unit_id = 1"
    " AND form_id = 'skm' AND local_date BETWEEN '2026-01-01'"
    " AND '2026-06-30'"
  };
  double t0 = now_ms ();
  for (size_t i = 0; i < 2; i++)
  {
    sqlite3_stmt *st;
    if (SQLITE_OK != sqlite3_prepare_v2 (db, q[i], -1, &st, NULL))
      die (db, "baseline");
    while (SQLITE_ROW == sqlite3_step (st))
      ;
    sqlite3_finalize (st);
  }
  return now_ms () - t0;
}

int
main (int argc, char **argv)
{
  if (argc < 3)
  {
    fputs ("usage: gen_reports DB N_COMPLAINTS N_RESPONSES | DB --baseline\n",
           stderr);
    return 2;
  }
  sqlite3 *db;
  if (SQLITE_OK != sqlite3_open (argv[1], &db))
    die (db, "open");
  sqlite3_exec (db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
  if (0 == strcmp (argv[2], "--baseline"))
  {
    /* Median of three, warm. */
    double t[3];
    for (int i = 0; i < 3; i++)
      t[i] = baseline (db);
    double m = t[0] > t[1] ? (t[1] > t[2] ? t[1] : t[0] > t[2] ? t[2] : t[0])
                           : (t[0] > t[2] ? t[0] : t[1] > t[2] ? t[2] : t[1]);
    printf ("baseline_ms %.1f\n", m);
    sqlite3_close (db);
    return 0;
  }
  long nc = atol (argv[2]), nr = atol (argv[3]);
  int64_t cat[64], sec[64], svc[64];
  int ncat, nsec, nsvc;
  ids (db, "SELECT id FROM complaint_categories WHERE unit_id = 1", cat,
       &ncat);
  ids (db, "SELECT id FROM unit_sections WHERE unit_id = 1", sec, &nsec);
  ids (db, "SELECT id FROM services WHERE unit_id = 1", svc, &nsvc);
  if (! ncat || ! nsec || ! nsvc)
  {
    fputs ("gen_reports: the unit needs categories, sections, services\n",
           stderr);
    return 1;
  }
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_stmt *ci, *ei, *si;
  if (SQLITE_OK != sqlite3_prepare_v2 (db,
        "INSERT INTO complaints (unit_id, tracking, public_id, category_id,"
        " class, channel, lapor_id, privacy, description, access_hash,"
        " received_at, received_date, status, status_at, due_date,"
        " section_id, unsur, last_activity_at, entered_at, source)"
        " VALUES (1, ?1, ?2, ?3, 'PENGADUAN', ?4, ?5, 'anonim',"
        " 'Pengaduan bangku uji untuk laporan', 'x', ?6, ?7, ?8, ?9, NULL,"
        " ?10, ?11, ?9, ?6, 'import')", -1, &ci, NULL)
      || SQLITE_OK != sqlite3_prepare_v2 (db,
        "INSERT INTO complaint_events (complaint_id, at, actor, from_status,"
        " to_status, note, kind, section_id, value)"
        " VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?7, ?8)", -1, &ei, NULL)
      || SQLITE_OK != sqlite3_prepare_v2 (db,
        "INSERT INTO survey_responses (public_id, unit_id, form_id,"
        " form_version, service_id, submitted_at, local_date, gender, age,"
        " a1, a2, a3, a4, a5, a6, a7, a8, a9)"
        " VALUES (?1, 1, 'skm', 1, ?2, ?3, ?4, 'P', 30, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11, ?12, ?13)", -1, &si, NULL))
    die (db, "prepare");
  static const char *const chans[] = { "WEBSITE", "SP4N_LAPOR", "WHATSAPP",
                                       "EMAIL", "MEDSOS", "KOTAK",
                                       "LANGSUNG", "TELEPON" };
  static const char *const path[] = { "DITERIMA", "DIVERIFIKASI",
                                      "DIDISPOSISI", "DITINDAKLANJUTI",
                                      "SELESAI" };
  const int64_t t0 = 1767200400;   /* 2026-01-01 00:00 +07:00 */
  /* Rows in time order, as a live unit stores them (an index on the date
     then follows the table). */
  for (long i = 0; i < nc; i++)
  {
    int64_t at = t0 + (int64_t) (i * (181LL * 86400) / nc)
                 + (int64_t) (rnd () % 600);
    time_t lt = (time_t) (at + 7 * 3600);
    struct tm tm;
    gmtime_r (&lt, &tm);
    char tracking[32], pid[40], day[11], lapor[32];
    snprintf (tracking, sizeof tracking, "ADU-2026-%06ld", i + 1);
    snprintf (pid, sizeof pid, "bench-%ld", i);
    strftime (day, sizeof day, "%Y-%m-%d", &tm);
    int ch = (int) (rnd () % 8);
    int steps = (int) (rnd () % 5);          /* how far it went */
    int64_t s = sec[rnd () % (uint64_t) nsec];
    snprintf (lapor, sizeof lapor, "LAPOR-%ld", 900000 + i);
    sqlite3_reset (ci);
    sqlite3_bind_text (ci, 1, tracking, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (ci, 2, pid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (ci, 3, cat[rnd () % (uint64_t) ncat]);
    sqlite3_bind_text (ci, 4, chans[ch], -1, SQLITE_STATIC);
    if (ch == 1)
      sqlite3_bind_text (ci, 5, lapor, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (ci, 5);
    sqlite3_bind_int64 (ci, 6, at);
    sqlite3_bind_text (ci, 7, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (ci, 8, path[steps], -1, SQLITE_STATIC);
    sqlite3_bind_int64 (ci, 9, at + steps * 86400 * 2);
    if (steps >= 2)
      sqlite3_bind_int64 (ci, 10, s);
    else
      sqlite3_bind_null (ci, 10);
    sqlite3_bind_text (ci, 11, rnd () % 3 ? "" : "U3", -1, SQLITE_STATIC);
    if (SQLITE_DONE != sqlite3_step (ci))
      die (db, "complaint");
    int64_t id = sqlite3_last_insert_rowid (db);
    for (int k = 0; k <= steps; k++)
    {
      sqlite3_reset (ei);
      sqlite3_bind_int64 (ei, 1, id);
      sqlite3_bind_int64 (ei, 2, at + k * 86400 * (1 + (int) (rnd () % 3)));
      sqlite3_bind_text (ei, 3, k == 4 ? "pelapor" : "petugas", -1,
                         SQLITE_STATIC);
      if (k)
        sqlite3_bind_text (ei, 4, path[k - 1], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (ei, 4);
      sqlite3_bind_text (ei, 5, path[k], -1, SQLITE_STATIC);
      sqlite3_bind_text (ei, 6, k == 4 ? "VERDICT" : "STATUS", -1,
                         SQLITE_STATIC);
      if (k == 2)
        sqlite3_bind_int64 (ei, 7, s);
      else
        sqlite3_bind_null (ei, 7);
      if (k == 4)
        sqlite3_bind_text (ei, 8, "solved", -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (ei, 8);
      if (SQLITE_DONE != sqlite3_step (ei))
        die (db, "event");
    }
  }
  for (long i = 0; i < nr; i++)
  {
    int64_t at = t0 + (int64_t) (i * (181LL * 86400) / nr)
                 + (int64_t) (rnd () % 60);
    time_t lt = (time_t) (at + 7 * 3600);
    struct tm tm;
    gmtime_r (&lt, &tm);
    char pid[40], day[11];
    snprintf (pid, sizeof pid, "bench-r%ld", i);
    strftime (day, sizeof day, "%Y-%m-%d", &tm);
    sqlite3_reset (si);
    sqlite3_bind_text (si, 1, pid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (si, 2, svc[rnd () % (uint64_t) nsvc]);
    sqlite3_bind_int64 (si, 3, at);
    sqlite3_bind_text (si, 4, day, -1, SQLITE_TRANSIENT);
    uint64_t r = rnd ();
    for (int u = 0; u < 9; u++)
      sqlite3_bind_int (si, 5 + u, 2 + (int) ((r >> (u * 3)) % 3 ? 1 : 0)
                                   + (int) ((r >> (u * 5 + 1)) & 1));
    if (SQLITE_DONE != sqlite3_step (si))
      die (db, "response");
  }
  sqlite3_finalize (ci);
  sqlite3_finalize (ei);
  sqlite3_finalize (si);
  /* Live numbering continues after the generated tracking numbers, as
     after an import, so that a server on this data can take complaints
     (the backup bench submits some). */
  if (SQLITE_OK != sqlite3_exec (db,
        "INSERT INTO complaint_sequences (unit_id, year, last)"
        " SELECT 1, 2026, COUNT(*) FROM complaints WHERE unit_id = 1"
        " ON CONFLICT (unit_id, year) DO UPDATE SET"
        " last = max(last, excluded.last)", NULL, NULL, NULL))
    die (db, "complaint sequence");
  if (SQLITE_OK != sqlite3_exec (db, "COMMIT", NULL, NULL, NULL))
    die (db, "commit");
  sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}
