/* Migration 0005 carries a version-4 database's current values over as
   history (REPORTS.md §7.1): the section onto the first DIDISPOSISI
   event, reporter verdicts and replies recognised, tags and publications
   as events, entered_at filled. */
#include "audit.h"
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
                                   "0005-reports.sql",
                                   "0006-survey-days.sql" };
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

static enum store_status
append_one (struct store_conn *c, void *cls)
{
  (void) cls;
  return audit_append (c, 2, "admin", "after", "", "");
}

/* Migration 0007 chains a version-6 database's audit entries per unit
   exactly as audit_append chains new ones: the whole log then verifies,
   and appending carries on from the unit heads it made. */
Test (migration, version_6_audit_entries_get_unit_chains)
{
  char path[] = "/tmp/wadah-mig-XXXXXX";
  sqlite3 *db = db_at_version (path, 6);
  exec_ok (db, "INSERT INTO units VALUES (1, 'u', 'Unit', 420, 0),"
               " (2, 'v', 'Unit V', 420, 0);");
  /* Seven entries of units 1, 2 and none, chained the version-6 way. */
  sqlite3_stmt *ins;
  cr_assert_eq (sqlite3_prepare_v2 (db, "INSERT INTO audit_log VALUES (?1,"
                                    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1,
                                    &ins, NULL), SQLITE_OK);
  unsigned char prev[32] = { 0 };
  static const int64_t units[] = { 1, 2, 0, 1, 1, 2, 0 };
  for (int i = 0; i < 7; i++)
  {
    struct audit_row r;
    memset (&r, 0, sizeof r);
    r.id = i + 1;
    r.at = 1000 + i;
    r.unit_id = units[i];
    snprintf (r.actor, sizeof r.actor, "user%d", i);
    snprintf (r.action, sizeof r.action, "login");
    snprintf (r.object, sizeof r.object, "o%d", i);
    memcpy (r.prev_hash, prev, 32);
    audit_entry_hash (&r, r.hash);
    memcpy (prev, r.hash, 32);
    sqlite3_reset (ins);
    sqlite3_bind_int64 (ins, 1, r.id);
    sqlite3_bind_int64 (ins, 2, r.at);
    if (r.unit_id)
      sqlite3_bind_int64 (ins, 3, r.unit_id);
    else
      sqlite3_bind_null (ins, 3);
    sqlite3_bind_text (ins, 4, r.actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (ins, 5, r.action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (ins, 6, r.object, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (ins, 7, "", -1, SQLITE_STATIC);
    sqlite3_bind_blob (ins, 8, r.prev_hash, 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob (ins, 9, r.hash, 32, SQLITE_TRANSIENT);
    cr_assert_eq (sqlite3_step (ins), SQLITE_DONE);
  }
  sqlite3_finalize (ins);
  sqlite3_close (db);

  struct store *s;
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  int newest;
  cr_assert_geq (store_schema_version (s, &newest), 7);
  struct audit_verify_opts o = { 0 };
  struct audit_verdict v;
  cr_assert_eq (audit_verify (s, &o, &v), STORE_OK);
  cr_assert (v.ok, "the migrated unit chains match audit_unit_hash");
  cr_assert_eq (v.entries, 7);
  struct audit_verify_opts ou = { .unit_only = true, .unit_id = 1 };
  cr_assert_eq (audit_verify (s, &ou, &v), STORE_OK);
  cr_assert (v.ok);
  cr_assert_eq (v.entries, 3);
  cr_assert_eq (store_write_sync (s, &append_one, NULL), STORE_OK);
  cr_assert_eq (audit_verify (s, &o, &v), STORE_OK);
  cr_assert (v.ok);
  cr_assert_eq (v.entries, 8);
  store_close (s);

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  char t[200];
  one (db, "SELECT group_concat(coalesce(unit_id, 0) || ':' || unit_seq, ' ')"
           " FROM (SELECT * FROM audit_log ORDER BY id)", t, sizeof t);
  cr_assert_str_eq (t, "1:1 2:1 0:1 1:2 1:3 2:2 0:2 2:3");
  one (db, "SELECT count(*) FROM audit_meta WHERE length(log_id) = 16", t,
       sizeof t);
  cr_assert_str_eq (t, "1");
  /* The trigger is back. */
  cr_assert_neq (sqlite3_exec (db, "UPDATE audit_log SET actor = 'x'", NULL,
                               NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  remove_db (path);
}
