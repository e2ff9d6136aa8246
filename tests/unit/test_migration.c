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

Test (migration, version_4_history_becomes_events)
{
  char path[] = "/tmp/wadah-mig-XXXXXX";
  int fd = mkstemp (path);
  cr_assert_geq (fd, 0);
  close (fd);
  unlink (path);
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  exec_ok (db, embed_find (embed_sql, "schema_version_create.sql")->data);
  static const char *const m[] = { "0001-init.sql",
                                   "0002-staff-keys-audit.sql",
                                   "0003-complaints.sql", "0004-wbs.sql" };
  for (int i = 0; i < 4; i++)
  {
    exec_ok (db, embed_find (embed_sql, m[i])->data);
    char sql[160];
    snprintf (sql, sizeof sql, "INSERT INTO schema_version VALUES (%d, '%s',"
              " 0)", i + 1, m[i]);
    exec_ok (db, sql);
  }
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

  struct store *s;
  cr_assert_eq (store_open (path, false, &s), STORE_OK);
  int newest;
  cr_assert_geq (store_schema_version (s, &newest), 5);
  store_close (s);

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
  unlink (path);
  char wal[64];
  snprintf (wal, sizeof wal, "%s-wal", path);
  unlink (wal);
  snprintf (wal, sizeof wal, "%s-shm", path);
  unlink (wal);
}
