/* The audit chains on a temporary database: intact, altered, deleted and
   reordered entries; signed checkpoints, anchors and what they catch
   (issue 10, finding 3); and the route table's access declarations. */
#include "audit.h"
#include "http.h"
#include "tamper.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], path[128], keypath[128];
static struct store *st;
static struct audit_key *key;
static int64_t unit_a, unit_b;

/* Entries 1-8: units a, b and none, interleaved. */
static enum store_status
add_entries (struct store_conn *c, void *cls)
{
  (void) cls;
  static const char *actions[] = { "login", "user_add", "key_grant",
                                   "logout", "login_failed" };
  enum store_status s;
  if (STORE_OK != (s = store_unit_insert (c, "a", "Unit A", 420, &unit_a))
      || STORE_OK != (s = store_unit_insert (c, "b", "Unit B", 420, &unit_b)))
    return s;
  for (int i = 0; i < 8; i++)
  {
    int64_t u = i % 3 == 0 ? unit_a : i % 3 == 1 ? unit_b : 0;
    s = audit_append (c, u, "admin", actions[i % 5], "obj", "detail");
    if (STORE_OK != s)
      return s;
  }
  return STORE_OK;
}

static enum store_status
add_more (struct store_conn *c, void *cls)
{
  int n = *(int *) cls;
  for (int i = 0; i < n; i++)
  {
    enum store_status s = audit_append (c, i % 2 ? unit_a : unit_b, "admin",
                                        "more", "obj", "");
    if (STORE_OK != s)
      return s;
  }
  return STORE_OK;
}

static void
setup (void)
{
  unsigned char pk[32];
  char why[200];
  cr_assert (vault_init ());
  snprintf (dir, sizeof dir, "/tmp/wadah-audit-XXXXXX");
  cr_assert_not_null (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/t.db", dir);
  snprintf (keypath, sizeof keypath, "%s/audit.key", dir);
  cr_assert (audit_key_create (keypath, pk));
  key = audit_key_load (keypath, why, sizeof why);
  cr_assert_not_null (key, "%s", why);
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
  st = NULL;
  audit_key_free (key);
  key = NULL;
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq (system (cmd), 0);
}

/* Edit the database behind the store's back (triggers dropped). */
static void
tamper (const char *sql)
{
  cr_assert (tamper_sql (path, sql));
}

static struct audit_checkpoint_result
sign (void)
{
  struct audit_checkpoint_result r;
  cr_assert_eq (store_open (path, false, &st), STORE_OK);
  cr_assert_eq (audit_checkpoint_now (st, key, &r), STORE_OK);
  store_close (st);
  st = NULL;
  return r;
}

static void
more (int n)
{
  cr_assert_eq (store_open (path, false, &st), STORE_OK);
  cr_assert_eq (store_write_sync (st, add_more, &n), STORE_OK);
  store_close (st);
  st = NULL;
}

static struct audit_verdict
verify_with (const struct audit_verify_opts *o)
{
  struct audit_verdict v;
  cr_assert_eq (store_open (path, false, &st), STORE_OK);
  cr_assert_eq (audit_verify (st, o, &v), STORE_OK);
  store_close (st);
  st = NULL;
  return v;
}

/* The whole log, checked with the key. */
static struct audit_verdict
verify (void)
{
  struct audit_verify_opts o = { .public_key = audit_key_public (key) };
  return verify_with (&o);
}

/* The newest global checkpoint as an anchor. */
static struct audit_anchor
anchor_now (void)
{
  struct audit_anchor a;
  struct audit_checkpoint *cps;
  size_t n;
  memset (&a, 0, sizeof a);
  cr_assert_eq (store_open (path, false, &st), STORE_OK);
  cr_assert_eq (store_audit_checkpoints (st, NULL, AUDIT_CHAIN_GLOBAL, 0,
                                         &cps, &n), STORE_OK);
  cr_assert_gt (n, 0);
  a.cp = cps[n - 1];
  free (cps);
  cr_assert_eq (store_audit_log_id (st, NULL, a.log_id), STORE_OK);
  store_close (st);
  st = NULL;
  return a;
}

/* The first problem of KIND from SOURCE in V about CHAIN (0: any). */
static const struct audit_problem *
found_in (const struct audit_verdict *v, enum audit_problem_kind kind,
          enum audit_source source, char chain)
{
  for (size_t i = 0; i < v->n_problems; i++)
    if (v->problems[i].kind == kind
        && (kind == AUDIT_BROKEN || v->problems[i].source == source)
        && (0 == chain || v->problems[i].chain == chain))
      return &v->problems[i];
  return NULL;
}

static const struct audit_problem *
found (const struct audit_verdict *v, enum audit_problem_kind kind,
       enum audit_source source)
{
  return found_in (v, kind, source, 0);
}

TestSuite (audit, .init = setup, .fini = teardown);

Test (audit, intact_chain)
{
  struct audit_verdict v = verify ();
  cr_assert (v.ok);
  cr_assert_eq (v.entries, 8);
  unsigned char zero[32] = { 0 };
  cr_assert_neq (memcmp (v.head, zero, 32), 0);
  /* Signed: one checkpoint per chain (global, a, b, no unit). */
  struct audit_checkpoint_result r = sign ();
  cr_assert_not (r.refused);
  cr_assert_eq (r.written, 4);
  cr_assert_eq (sign ().written, 0, "nothing new, nothing signed");
  v = verify ();
  cr_assert (v.ok);
  cr_assert_eq (v.checkpoints, 4);
  cr_assert_eq (v.checkpoints_valid, 4);
  cr_assert (v.has_newest);
  cr_assert_eq (v.newest.count, 8);
  more (3);
  cr_assert_eq (sign ().written, 3, "global, a and b moved");
  cr_assert (verify ().ok);
}

Test (audit, triggers_refuse_edits)
{
  sqlite3 *db;
  sign ();
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "UPDATE audit_log SET actor='x'", NULL,
                               NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "DELETE FROM audit_log WHERE id=3", NULL,
                               NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "DELETE FROM audit_checkpoints", NULL,
                               NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  cr_assert (verify ().ok);
}

Test (audit, altered_entry_detected)
{
  tamper ("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].kind, AUDIT_BROKEN);
  cr_assert_eq (v.problems[0].entry, 3);
  cr_assert_eq (v.problems[0].reason, AUDIT_R_CONTENT);
}

Test (audit, altered_and_rehashed_entry_detected_by_successor)
{
  /* Recomputing the altered entry's own hash is not enough: the next
     entry's prev_hash still names the original. */
  tamper ("UPDATE audit_log SET action = 'noop', hash = zeroblob(32)"
          " WHERE id = 2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].entry, 2);
}

Test (audit, deleted_entry_detected)
{
  tamper ("DELETE FROM audit_log WHERE id = 2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].entry, 3);
  cr_assert_eq (v.problems[0].reason, AUDIT_R_GAP);
}

Test (audit, reordered_entries_detected)
{
  /* Swap the contents of entries 2 and 4. */
  tamper ("UPDATE audit_log SET id = -2 WHERE id = 2;"
          "UPDATE audit_log SET id = 2 WHERE id = 4;"
          "UPDATE audit_log SET id = 4 WHERE id = -2;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].entry, 2);
}

Test (audit, overlong_field_detected)
{
  /* A text cut to fit the row buffer must not hide what was added. */
  tamper ("UPDATE audit_log SET detail = detail || printf('%.600c', 'x')"
          " WHERE id = 5;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].entry, 5);
}

Test (audit, truncated_tail_is_named)
{
  sign ();
  tamper ("DELETE FROM audit_log WHERE id > 5;");
  struct audit_verify_opts none = { 0 };
  cr_assert_not (verify_with (&none).ok, "even unsigned checkpoints tell");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  const struct audit_problem *p = found_in (&v, AUDIT_TRUNCATED,
                                            AUDIT_FROM_CHECKPOINT,
                                            AUDIT_CHAIN_GLOBAL);
  cr_assert_not_null (p);
  cr_assert_eq (p->have, 5);
  cr_assert_eq (p->want, 8);
  char text[300];
  audit_problem_text (p, false, 0, text, sizeof text);
  cr_assert_not_null (strstr (text, "truncated: the chain has 5 entries, the"
                              " checkpoint of "), "%s", text);
  cr_assert_not_null (strstr (text, " has 8"), "%s", text);
  audit_problem_text (p, true, 420, text, sizeof text);
  cr_assert_not_null (strstr (text, "Rantai terpotong: rantai berisi 5"
                              " entri"), "%s", text);
  cr_assert_not_null (strstr (text, "+07:00 berisi 8."), "%s", text);
}

Test (audit, removed_entry_and_recomputed_hashes_detected)
{
  sign ();
  more (4);
  sign ();
  cr_assert (tamper_rechain (path, 4));
  struct audit_verify_opts none = { 0 };
  tamper ("CREATE TABLE keep AS SELECT * FROM audit_checkpoints;"
          "DELETE FROM audit_checkpoints;");
  cr_assert (verify_with (&none).ok, "the rewritten log is consistent");
  tamper ("INSERT INTO audit_checkpoints SELECT * FROM keep;"
          "DROP TABLE keep;");
  struct audit_verdict v = verify ();
  cr_assert_not (v.ok);
  const struct audit_problem *p = found_in (&v, AUDIT_REWRITTEN,
                                            AUDIT_FROM_CHECKPOINT,
                                            AUDIT_CHAIN_GLOBAL);
  cr_assert_not_null (p);
  cr_assert_eq (p->place, 8);
  p = found_in (&v, AUDIT_TRUNCATED, AUDIT_FROM_CHECKPOINT,
                AUDIT_CHAIN_GLOBAL);
  cr_assert_not_null (p);
  cr_assert_eq (p->have, 11);
  cr_assert_eq (p->want, 12);
}

Test (audit, server_refuses_to_sign_a_rewritten_log)
{
  sign ();
  cr_assert (tamper_rechain (path, 2));
  more (2);
  struct audit_checkpoint_result r = sign ();
  cr_assert (r.refused);
  cr_assert_eq (r.problem.chain, AUDIT_CHAIN_GLOBAL);
  cr_assert_eq (r.problem.kind, AUDIT_REWRITTEN);
  /* Nothing was signed over the rewrite: verify still sees it. */
  cr_assert_not (verify ().ok);
  /* A cut tail is refused too. */
  tamper ("DELETE FROM audit_log WHERE id > 3;");
  r = sign ();
  cr_assert (r.refused);
}

Test (audit, deleted_checkpoints_detected_with_an_anchor)
{
  sign ();
  struct audit_anchor a = anchor_now ();
  tamper ("DELETE FROM audit_log WHERE id > 6;"
          "DELETE FROM audit_checkpoints;");
  /* The limit: without the anchor this is a shorter, consistent log. */
  cr_assert (verify ().ok);
  struct audit_verify_opts o = { .public_key = audit_key_public (key),
                                 .anchors = &a, .n_anchors = 1 };
  struct audit_verdict v = verify_with (&o);
  cr_assert_not (v.ok);
  const struct audit_problem *p = found (&v, AUDIT_CHECKPOINTS_DELETED,
                                         AUDIT_FROM_ANCHOR);
  cr_assert_not_null (p);
  cr_assert_eq (p->have, 0);
  cr_assert_eq (p->want, 8);
  p = found_in (&v, AUDIT_TRUNCATED, AUDIT_FROM_ANCHOR, AUDIT_CHAIN_GLOBAL);
  cr_assert_not_null (p);
  cr_assert_eq (p->have, 6);
}

Test (audit, wrong_key_and_forged_anchor_are_reported)
{
  unsigned char pk2[32];
  char other[160], why[200];
  sign ();
  struct audit_anchor a = anchor_now ();
  snprintf (other, sizeof other, "%s/other.key", dir);
  cr_assert (audit_key_create (other, pk2));
  /* Another trusted key: every stored checkpoint is foreign. */
  struct audit_verify_opts o = { .public_key = pk2 };
  struct audit_verdict v = verify_with (&o);
  cr_assert_not (v.ok);
  cr_assert_eq (v.checkpoints_valid, 0);
  cr_assert_not_null (found (&v, AUDIT_OTHER_KEY, AUDIT_FROM_CHECKPOINT));
  /* An anchor with its count raised. */
  struct audit_anchor forged = a;
  forged.cp.count++;
  struct audit_verify_opts of = { .public_key = audit_key_public (key),
                                  .anchors = &forged, .n_anchors = 1 };
  v = verify_with (&of);
  cr_assert_not_null (found (&v, AUDIT_BAD_SIGNATURE, AUDIT_FROM_ANCHOR));
  /* An anchor of another installation's log. */
  struct audit_anchor alien = a;
  alien.log_id[0] ^= 1;
  struct audit_key *k2 = audit_key_load (other, why, sizeof why);
  cr_assert_not_null (k2);
  audit_checkpoint_sign (k2, alien.log_id, &alien.cp);
  struct audit_verify_opts oa = { .public_key = pk2, .anchors = &alien,
                                  .n_anchors = 1 };
  v = verify_with (&oa);
  cr_assert_not_null (found (&v, AUDIT_OTHER_LOG, AUDIT_FROM_ANCHOR));
  /* A checkpoint row whose head was changed. */
  tamper ("UPDATE audit_checkpoints SET head = zeroblob(32) WHERE id = 1;");
  v = verify ();
  cr_assert_not_null (found (&v, AUDIT_BAD_SIGNATURE, AUDIT_FROM_CHECKPOINT));
  audit_key_free (k2);
}

Test (audit, unit_check_reads_only_its_own_chain)
{
  sign ();
  /* Break an entry of unit b (no rehash). */
  char sql[160];
  snprintf (sql, sizeof sql, "UPDATE audit_log SET detail = 'x' WHERE id ="
            " (SELECT min(id) FROM audit_log WHERE unit_id = %lld);",
            (long long) unit_b);
  tamper (sql);
  struct audit_verify_opts oa = { .public_key = audit_key_public (key),
                                  .unit_only = true, .unit_id = unit_a };
  struct audit_verdict v = verify_with (&oa);
  cr_assert (v.ok);
  cr_assert_eq (v.entries, 3);      /* entries 1, 4, 7 */
  cr_assert_eq (v.checkpoints, 1);
  cr_assert_eq (v.checkpoints_valid, 1);
  struct audit_verify_opts ob = oa;
  ob.unit_id = unit_b;
  v = verify_with (&ob);
  cr_assert_not (v.ok);
  cr_assert_eq (v.problems[0].reason, AUDIT_R_CONTENT);
  cr_assert_not (verify ().ok);
  /* A cut of unit a's newest entry is named on unit a's check. */
  snprintf (sql, sizeof sql, "DELETE FROM audit_log WHERE id ="
            " (SELECT max(id) FROM audit_log WHERE unit_id = %lld);",
            (long long) unit_a);
  tamper (sql);
  v = verify_with (&oa);
  const struct audit_problem *p = found (&v, AUDIT_TRUNCATED,
                                         AUDIT_FROM_CHECKPOINT);
  cr_assert_not_null (p);
  cr_assert_eq (p->chain, AUDIT_CHAIN_UNIT);
  cr_assert_eq (p->have, 2);
  cr_assert_eq (p->want, 3);
}

Test (audit, printed_head_is_checked)
{
  struct audit_verdict v = verify ();
  struct audit_checkpoint h = { .chain = AUDIT_CHAIN_GLOBAL, .count = 8 };
  memcpy (h.head, v.head, 32);
  struct audit_verify_opts o = { .public_key = audit_key_public (key),
                                 .heads = &h, .n_heads = 1 };
  cr_assert (verify_with (&o).ok);
  h.head[0] ^= 1;
  v = verify_with (&o);
  cr_assert_not_null (found (&v, AUDIT_REWRITTEN, AUDIT_FROM_HEAD));
}

Test (audit, anchor_text_round_trip)
{
  sign ();
  struct audit_anchor a = anchor_now (), b;
  snprintf (a.unit_slug, sizeof a.unit_slug, "%s", "");
  char why[200];
  char *t = audit_anchor_text (&a);
  cr_assert_not_null (t);
  cr_assert (audit_anchor_parse (t, &b, why, sizeof why), "%s", why);
  cr_assert_eq (memcmp (&a.cp.head, &b.cp.head, 32), 0);
  cr_assert_eq (memcmp (&a.cp.signature, &b.cp.signature, 64), 0);
  cr_assert_eq (memcmp (a.log_id, b.log_id, 16), 0);
  cr_assert_eq (a.cp.count, b.cp.count);
  cr_assert_eq (a.cp.at, b.cp.at);
  cr_assert_eq (b.cp.chain, AUDIT_CHAIN_GLOBAL);
  cr_assert (audit_checkpoint_valid (&b.cp, b.log_id, audit_key_public (key)));
  free (t);
  cr_assert_not (audit_anchor_parse ("{\"format\":\"x\"}", &b, why,
                                     sizeof why));
  cr_assert_not (audit_anchor_parse ("{\"format\":\"wadah-audit-anchor/1\","
                                     "\"extra\":1}", &b, why, sizeof why));
  cr_assert_not_null (strstr (why, "extra"));
  cr_assert_not (audit_anchor_parse ("not json", &b, why, sizeof why));
}

Test (audit, key_file)
{
  unsigned char pk[32];
  char why[200], p2[160], bad[160];
  cr_assert_not (audit_key_create (keypath, pk), "never over a key");
  snprintf (p2, sizeof p2, "%s/k2", dir);
  cr_assert (audit_key_create (p2, pk));
  struct audit_key *k = audit_key_load (p2, why, sizeof why);
  cr_assert_not_null (k, "%s", why);
  cr_assert_eq (memcmp (audit_key_public (k), pk, 32), 0);
  audit_key_free (k);
  snprintf (bad, sizeof bad, "%s/t.db", dir);
  cr_assert_null (audit_key_load (bad, why, sizeof why));
  /* Outside the data directory, or not at all. */
  char data[160], inside[200], beside[200];
  snprintf (data, sizeof data, "%s/data", dir);
  cr_assert_eq (mkdir (data, 0700), 0);
  snprintf (inside, sizeof inside, "%s/data/audit.key", dir);
  snprintf (beside, sizeof beside, "%s/data.audit-key", dir);
  cr_assert_not (audit_key_outside (inside, data));
  char link[160], via[200];
  snprintf (link, sizeof link, "%s/link", dir);
  cr_assert_eq (symlink (data, link), 0);
  snprintf (via, sizeof via, "%s/link/audit.key", dir);
  cr_assert_not (audit_key_outside (via, data), "a link into the data dir");
  cr_assert (audit_key_outside (beside, data));
  char *d = audit_key_default_path ("/srv/wadah/data/");
  cr_assert_str_eq (d, "/srv/wadah/data.audit-key");
  free (d);
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
