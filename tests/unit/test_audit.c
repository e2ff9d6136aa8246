/* The audit chain on a temporary database: intact, altered, deleted and
   reordered entries; and the route table's access declarations. */
#include "audit.h"
#include "http.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[128];
static struct store *st;

static enum store_status
add_entries (struct store_conn *c, void *cls)
{
  (void) cls;
  static const char *actions[] = { "login", "user_add", "key_grant",
                                   "logout", "login_failed" };
  for (int i = 0; i < 5; i++)
  {
    enum store_status s = audit_append (c, 0, "admin", actions[i], "obj",
                                        "detail");
    if (STORE_OK != s)
      return s;
  }
  return STORE_OK;
}

static void
setup (void)
{
  cr_assert (vault_init ());
  snprintf (dir, sizeof dir, "/tmp/wadah-audit-XXXXXX");
  cr_assert_not_null (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/t.db", dir);
  cr_assert_eq (store_open (path, true, &st), STORE_OK);
  cr_assert_eq (store_write_sync (st, add_entries, NULL), STORE_OK);
  store_close (st);
  st = NULL;
}

static void
teardown (void)
{
  char cmd[128];
  if (st)
    store_close (st);
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq (system (cmd), 0);
}

/* Edit the database behind the store's back. */
static void
tamper (const char *sql)
{
  sqlite3 *db;
  char *err = NULL;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  int rc = sqlite3_exec (db, sql, NULL, NULL, &err);
  cr_assert_eq (rc, SQLITE_OK, "%s", err ? err : "");
  sqlite3_close (db);
}

static struct audit_verdict
verify (void)
{
  struct audit_verdict v;
  cr_assert_eq (store_open (path, false, &st), STORE_OK);
  cr_assert_eq (audit_verify (st, &v), STORE_OK);
  store_close (st);
  st = NULL;
  return v;
}

TestSuite (audit, .init = setup, .fini = teardown);

Test (audit, intact_chain)
{
  struct audit_verdict v = verify ();
  cr_assert (v.ok);
  cr_assert_eq (v.entries, 5);
  unsigned char zero[32] = { 0 };
  cr_assert_neq (memcmp (v.head, zero, 32), 0);
}

Test (audit, triggers_refuse_edits)
{
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "UPDATE audit_log SET actor='x'", NULL,
                               NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "DELETE FROM audit_log WHERE id=3", NULL,
                               NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  cr_assert (verify ().ok);
}

Test (audit, altered_entry_detected)
{
  tamper ("DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.bad_id, 3);
}

Test (audit, altered_and_rehashed_entry_detected_by_successor)
{
  /* Recomputing the altered entry's own hash is not enough: the next
     entry's prev_hash still names the original. */
  tamper ("DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET action = 'noop', hash = zeroblob(32)"
          " WHERE id = 2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.bad_id, 2);
}

Test (audit, deleted_entry_detected)
{
  tamper ("DROP TRIGGER audit_log_no_delete;"
          "DELETE FROM audit_log WHERE id = 2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.bad_id, 3);
}

Test (audit, reordered_entries_detected)
{
  /* Swap the contents of entries 2 and 4. */
  tamper ("DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET id = -2 WHERE id = 2;"
          "UPDATE audit_log SET id = 2 WHERE id = 4;"
          "UPDATE audit_log SET id = 4 WHERE id = -2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.bad_id, 2);
}

Test (routes, every_route_declares_who_may_call_it)
{
  size_t n = 0;
  for (const struct route *r = http_routes; r->pattern; r++, n++)
  {
    cr_assert_neq (r->access, 0, "%s %s declares no access", r->method,
                   r->pattern);
    cr_assert_not_null (r->handler, "%s", r->pattern);
    bool public = r->access & (ACCESS_PUBLIC | ACCESS_LOGIN);
    bool staff = r->access & (ACCESS_STAFF | ROLE_ALL);
    cr_assert (public != staff, "%s %s: public or staff, not both/neither",
               r->method, r->pattern);
    /* Staff API routes live under /api/v1/me, /api/v1/u/{unit}/ or are
       session routes; public API routes never touch personal data. */
    if (0 == strcmp (r->method, "POST"))
      cr_assert (r->body != BODY_NONE || r->body_limit <= 1024, "%s",
                 r->pattern);
  }
  cr_assert_gt (n, 10);
}

Test (routes, staff_menu_follows_the_route_table)
{
  cr_assert (http_staff_may_get ("/staff/pengaduan", ROLE_PETUGAS_PENGADUAN));
  cr_assert_not (http_staff_may_get ("/staff/wbs", ROLE_PETUGAS_PENGADUAN));
  cr_assert (http_staff_may_get ("/staff/wbs", ROLE_PENGELOLA_WBS));
  cr_assert_not (http_staff_may_get ("/staff/wbs", ROLE_CUSTODIAN));
  cr_assert (http_staff_may_get ("/staff/wbs-identitas", ROLE_CUSTODIAN));
  cr_assert_not (http_staff_may_get ("/staff/wbs-identitas",
                                     ROLE_PENGELOLA_WBS | ROLE_ADMIN));
  cr_assert (http_staff_may_get ("/staff/audit", ROLE_ADMIN));
  cr_assert_not (http_staff_may_get ("/staff/audit", ROLE_TIM_ZI));
  cr_assert (http_staff_may_get ("/staff/sandi", ROLE_TIM_ZI));
  cr_assert_not (http_staff_may_get ("/staff/tidak-ada", ROLE_ALL));
}
