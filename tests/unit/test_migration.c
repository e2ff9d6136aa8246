/* Migration 0005 carries a version-4 database's current values over as
   history (REPORTS.md §7.1): the section onto the first DIDISPOSISI
   event, reporter verdicts and replies recognised, tags and publications
   as events, entered_at filled. */
#include "embed.h"
#include "store.h"
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
exec_ok (sqlite3 *db, const char *sql)
{
  char *err = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &err);
  cr_assert_eq (rc, SQLITE_OK, "%s", err ? err : "");
}

static void
one (sqlite3 *db, const char *sql, char *out, size_t cap)
{
  sqlite3_stmt *st;
  cr_assert_eq (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), SQLITE_OK,
                "%s", sqlite3_errmsg (db));
  out[0] = '\0';
  if (SQLITE_ROW == sqlite3_step (st))
  {
    const unsigned char *t = sqlite3_column_text (st, 0);
    snprintf (out, cap, "%s", t ? (const char *) t : "NULL");
  }
  sqlite3_finalize (st);
}

/* A database at schema VERSION (migrations 1..VERSION applied and
   recorded) in a new temporary file PATH ("/tmp/wadah-mig-XXXXXX"). */
static sqlite3 *
db_at_version (char *path, int version)
{
  static const char *const m[] = { "0001-init.sql",
                                   "0002-staff-keys-audit.sql",
                                   "0003-complaints.sql", "0004-wbs.sql",
                                   "0005-reports.sql" };
  cr_assert_leq (version, (int) (sizeof m / sizeof *m));
  int fd = mkstemp (path);
  cr_assert_geq (fd, 0);
  close (fd);
  unlink (path);
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  exec_ok (db, embed_find (embed_sql, "schema_version_create.sql")->data);
  for (int i = 0; i < version; i++)
  {
    exec_ok (db, embed_find (embed_sql, m[i])->data);
    char sql[160];
    snprintf (sql, sizeof sql, "INSERT INTO schema_version VALUES (%d, '%s',"
              " 0)", i + 1, m[i]);
    exec_ok (db, sql);
  }
  return db;
}

/* Open PATH with the store (migrating it to the newest version), close. */
static void
migrate (const char *path, int at_least)
{
  struct store *s;
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  int newest;
  cr_assert_geq (store_schema_version (s, &newest), at_least);
  store_close (s);
}

static void
remove_db (const char *path)
{
  char f[64];
  unlink (path);
  snprintf (f, sizeof f, "%s-wal", path);
  unlink (f);
  snprintf (f, sizeof f, "%s-shm", path);
  unlink (f);
}

Test (migration, version_4_history_becomes_events)
{
  char path[] = "/tmp/wadah-mig-XXXXXX";
  sqlite3 *db = db_at_version (path, 4);
  exec_ok (db,
    "INSERT INTO units VALUES (1, 'u', 'Unit', 420, 0);"
    "INSERT INTO complaint_categories (id, unit_id, code, name)"
    "  VALUES (1, 1, 'BIAYA', 'Biaya');"
    "INSERT INTO unit_sections (id, unit_id, code, name)"
    "  VALUES (7, 1, 'CAPIL', 'Capil');"
    "INSERT INTO complaints (id, unit_id, tracking, public_id, category_id,"
    "  class, channel, privacy, description, access_hash, received_at,"
    "  received_date, status, status_at, section_id, unsur,"
    "  last_activity_at, reporter_verdict, public_response, published_by,"
    "  published_at) VALUES (1, 1, 'ADU-2026-000001', 'p1', 1, 'PENGADUAN',"
    "  'WEBSITE', 'biasa', 'x', 'h', 1000, '2026-03-02', 'SELESAI', 9000, 7,"
    "  'U3,U7', 9000, 'solved', 'Sudah selesai.', 'ani', 6000);"
    "INSERT INTO complaint_events (complaint_id, at, actor, from_status,"
    "  to_status, note) VALUES"
    "  (1, 1000, 'pelapor', NULL, 'DITERIMA', ''),"
    "  (1, 2000, 'ani', 'DITERIMA', 'DIVERIFIKASI', 'ok'),"
    "  (1, 3000, 'ani', 'DIVERIFIKASI', 'DIDISPOSISI', 'ke capil'),"
    "  (1, 4000, 'budi', 'DIDISPOSISI', 'DITINDAKLANJUTI', 'selesai'),"
    "  (1, 5000, 'pelapor', 'DITINDAKLANJUTI', 'DITINDAKLANJUTI',"
    "   'Balasan pelapor.'),"
    "  (1, 7000, 'pelapor', 'DITINDAKLANJUTI', 'DITINDAKLANJUTI',"
    "   'Pelapor menyatakan masalah belum selesai.'),"
    "  (1, 9000, 'pelapor', 'DITINDAKLANJUTI', 'SELESAI',"
    "   'Pelapor menyatakan masalah sudah selesai.');");
  sqlite3_close (db);
  migrate (path, 5);

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  char v[200];
  one (db, "SELECT group_concat(kind || ':' || COALESCE(section_id, '')"
           " || ':' || COALESCE(value, ''), '|') FROM (SELECT * FROM"
           " complaint_events WHERE complaint_id = 1 ORDER BY id)", v,
       sizeof v);
  cr_assert_str_eq (v, "STATUS::|STATUS::|STATUS:7:|STATUS::|REPLY::|"
                       "VERDICT::not_solved|VERDICT::solved|UNSUR::U3,U7|"
                       "PUBLICATION::Sudah selesai.");
  one (db, "SELECT at || ' ' || to_status FROM complaint_events WHERE kind ="
           " 'PUBLICATION'", v, sizeof v);
  cr_assert_str_eq (v, "6000 ");
  one (db, "SELECT at FROM complaint_events WHERE kind = 'UNSUR'", v,
       sizeof v);
  cr_assert_str_eq (v, "9000");
  one (db, "SELECT entered_at || source FROM complaints", v, sizeof v);
  cr_assert_str_eq (v, "1000live");
  sqlite3_close (db);
  remove_db (path);
}

/* Migration 0006 builds the per-day survey aggregates of the responses a
   version-5 database already holds. */
Test (migration, version_5_responses_become_survey_days)
{
  char path[] = "/tmp/wadah-mig-XXXXXX";
  sqlite3 *db = db_at_version (path, 5);
  exec_ok (db,
    "INSERT INTO units VALUES (1, 'u', 'Unit', 420, 0);"
    "INSERT INTO services (id, unit_id, code, name) VALUES (5, 1, 'KK', 'KK'),"
    "  (6, 1, 'KTP', 'KTP');"
    "INSERT INTO survey_responses (public_id, unit_id, form_id, form_version,"
    "  service_id, submitted_at, local_date, a1, a2, a3) VALUES"
    "  ('a', 1, 'skm', 1, 5, 1, '2026-02-01', 4, 3, NULL),"
    "  ('b', 1, 'skm', 1, 5, 2, '2026-02-01', 4, 1, 2),"
    "  ('c', 1, 'skm', 1, 6, 3, '2026-02-01', 2, NULL, NULL),"
    "  ('d', 1, 'skm', 2, 5, 4, '2026-02-02', 1, 1, 1);");
  sqlite3_close (db);
  migrate (path, 6);

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  char v[400];
  one (db, "SELECT group_concat(x, '|') FROM (SELECT local_date || ' v'"
           " || form_version || ' s' || service_id || ' n' || respondents"
           " || ' a1:' || a1_1 || a1_2 || a1_3 || a1_4 || ' a2:' || a2_1"
           " || a2_2 || a2_3 || a2_4 || ' a3:' || a3_1 || a3_2 || a3_3"
           " || a3_4 AS x FROM survey_days ORDER BY local_date, form_version,"
           " service_id)", v, sizeof v);
  cr_assert_str_eq (v, "2026-02-01 v1 s5 n2 a1:0002 a2:1010 a3:0100|"
                       "2026-02-01 v1 s6 n1 a1:0100 a2:0000 a3:0000|"
                       "2026-02-02 v2 s5 n1 a1:1000 a2:1000 a3:1000");
  /* And the trigger carries on from there. */
  exec_ok (db, "INSERT INTO survey_responses (public_id, unit_id, form_id,"
               " form_version, service_id, submitted_at, local_date, a1)"
               " VALUES ('e', 1, 'skm', 1, 6, 5, '2026-02-01', 3)");
  one (db, "SELECT respondents || ' ' || a1_2 || a1_3 FROM survey_days"
           " WHERE service_id = 6", v, sizeof v);
  cr_assert_str_eq (v, "2 11");
  sqlite3_close (db);
  remove_db (path);
}
