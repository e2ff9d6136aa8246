/*
 * Issue 10, finding 3: "The audit chain can be rewritten by whoever holds
 * the file."  Each test runs the real server on a fresh data directory
 * (its audit key beside it, as init makes it), appends entries, stops the
 * server (which signs the heads at shutdown) and then does what a holder
 * of the data directory without the key can do: cut the tail, delete an
 * entry and recompute every hash, delete the checkpoints, forge an
 * anchor.  `wadah audit verify` must name each case and exit 1; an
 * untouched log verifies.  The unit's audit page and API read only the
 * unit's chain.
 */
#include "audit.h"
#include "harness.h"
#include "tamper.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ADMIN_PW "correct-horse-battery"

static struct server srv;
static char db[400], anchor[400], out[8192];

static void
start (void)
{
  h_server_start (&srv);
  snprintf (db, sizeof db, "%s/wadah.db", srv.data);
  snprintf (anchor, sizeof anchor, "%s/anchor.json", srv.dir);
}

static void
stop (void)
{
  h_server_stop (&srv, false);
}

TestSuite (audit_anchor, .init = start, .fini = stop, .timeout = 180);

/* N audit entries through the command line (unit settings). */
static void
append (int n)
{
  static int v = 3;
  for (int i = 0; i < n; i++)
  {
    char val[16];
    snprintf (val, sizeof val, "%d", v++ % 20 + 1);
    const char *args[] = { "unit", "setting", "--data", srv.data, "--unit",
                           "demo", "--key", "hk_verify", "--value", val,
                           NULL };
    cr_assert_eq (h_cli (args, false), 0);
  }
}

/* `wadah audit verify` with extra arguments; its stdout in OUT. */
static int
verify (const char *a1, const char *a2, const char *a3, const char *a4)
{
  const char *args[] = { "audit", "verify", "--data", srv.data, a1, a2, a3,
                         a4, NULL };
  return h_cli_out (args, out, sizeof out);
}

static void
export_anchor (void)
{
  const char *args[] = { "audit", "anchor", "--data", srv.data, "--out",
                         anchor, NULL };
  cr_assert_eq (h_cli_out (args, out, sizeof out), 0, "%s", out);
}

static long
entries (void)
{
  return h_count_rows (&srv, "audit_log");
}

static void
has (const char *needle)
{
  cr_assert_not_null (strstr (out, needle), "no \"%s\" in:\n%s", needle, out);
}

static bool
log_has (const char *needle)
{
  FILE *log = fopen (srv.log, "r");
  char line[1024];
  bool yes = false;
  while (log && fgets (line, sizeof line, log))
    yes |= NULL != strstr (line, needle);
  if (log)
    fclose (log);
  return yes;
}

Test (audit_anchor, untouched_log_verifies)
{
  append (4);
  export_anchor ();
  h_server_stop (&srv, true);
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 0, "%s", out);
  has ("audit log intact");
  has ("signed by this key");
  cr_assert_null (strstr (out, "not signed yet"), "shutdown signs: %s", out);
  cr_assert_eq (verify ("--anchor", anchor, NULL, NULL), 0, "%s", out);
  has (": held");
  /* The anchor alone (no key file) is enough to check the signatures. */
  char moved[420];
  snprintf (moved, sizeof moved, "%s.audit-key", srv.data);
  char elsewhere[420];
  snprintf (elsewhere, sizeof elsewhere, "%s/key-elsewhere", srv.dir);
  cr_assert_eq (rename (moved, elsewhere), 0);
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 2, "%s", out);
  has ("signatures NOT checked");
  cr_assert_eq (verify ("--anchor", anchor, NULL, NULL), 0, "%s", out);
  has ("(from the anchor");
}

Test (audit_anchor, truncated_tail_is_named)
{
  append (5);
  h_server_stop (&srv, true);
  long n = entries ();
  char sql[120], want[160];
  snprintf (sql, sizeof sql, "DELETE FROM audit_log WHERE id > %ld;", n - 3);
  cr_assert (tamper_sql (db, sql));
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 1, "%s", out);
  has ("audit log TAMPERED");
  snprintf (want, sizeof want, "truncated: the chain has %ld entries, the"
            " checkpoint of ", n - 3);
  has (want);
  snprintf (want, sizeof want, " has %ld\n", n);
  has (want);
}

Test (audit_anchor, removed_entry_with_recomputed_hashes_is_detected)
{
  append (3);
  export_anchor ();               /* a checkpoint in the middle */
  append (3);
  h_server_stop (&srv, true);
  long n = entries ();
  cr_assert (tamper_rechain (db, 3));
  cr_assert_eq (entries (), n - 1);
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 1, "%s", out);
  has ("rewritten: entry ");
  char want[160];
  snprintf (want, sizeof want, "truncated: the chain has %ld entries", n - 1);
  has (want);
  /* Consistent in itself: without the checkpoints it would pass. */
  cr_assert (tamper_sql (db, "DELETE FROM audit_checkpoints;"));
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 0, "%s", out);
  /* The anchor kept elsewhere still tells. */
  cr_assert_eq (verify ("--anchor", anchor, NULL, NULL), 1, "%s", out);
  has ("rewritten: entry ");
  has ("checkpoints deleted: the anchor of ");
}

Test (audit_anchor, deleted_checkpoints_are_detected_with_an_anchor)
{
  append (5);
  export_anchor ();
  h_server_stop (&srv, true);
  long n = entries ();
  char sql[200], want[200];
  snprintf (sql, sizeof sql, "DELETE FROM audit_log WHERE id > %ld;"
            " DELETE FROM audit_checkpoints WHERE chain = 'g' AND count > %ld;"
            " DELETE FROM audit_checkpoints WHERE chain = 'u';", n - 3,
            n - 3);
  cr_assert (tamper_sql (db, sql));
  /* The limit, stated: with the checkpoints gone and no anchor, a cut tail
     looks like a shorter log. */
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 0, "%s", out);
  cr_assert_eq (verify ("--anchor", anchor, NULL, NULL), 1, "%s", out);
  snprintf (want, sizeof want, "truncated: the chain has %ld entries, the"
            " anchor of ", n - 3);
  has (want);
  has ("checkpoints deleted: the anchor of ");
}

/* Write a fresh audit key file at PATH; its public key into PK. */
static void
other_key (const char *path, unsigned char pk[32])
{
  cr_assert (vault_init ());
  cr_assert (audit_key_create (path, pk));
}

Test (audit_anchor, wrong_key_and_forged_anchor_are_reported)
{
  char key2[420], forged[420], hex[65];
  unsigned char pk2[32];
  append (3);
  export_anchor ();
  h_server_stop (&srv, true);
  snprintf (key2, sizeof key2, "%s/other.key", srv.dir);
  other_key (key2, pk2);
  /* Checked against another key: every checkpoint is foreign. */
  cr_assert_eq (verify ("--audit-key", key2, NULL, NULL), 1, "%s", out);
  has ("is signed by another key than the audit key");
  vault_hex (pk2, 32, hex);
  cr_assert_eq (verify ("--public-key", hex, NULL, NULL), 1, "%s", out);
  has ("is signed by another key");
  /* An anchor whose count was raised no longer verifies. */
  FILE *f = fopen (anchor, "r");
  char text[2048] = "";
  cr_assert_not_null (f);
  size_t len = fread (text, 1, sizeof text - 1, f);
  fclose (f);
  text[len] = '\0';
  char *c = strstr (text, "\"count\":");
  cr_assert_not_null (c);
  c[8] = c[8] == '9' ? '8' : (char) (c[8] + 1);
  snprintf (forged, sizeof forged, "%s/forged.json", srv.dir);
  f = fopen (forged, "w");
  fputs (text, f);
  fclose (f);
  cr_assert_eq (verify ("--anchor", forged, NULL, NULL), 1, "%s", out);
  has ("forged: the signature of the anchor of ");
  /* The attacker signs their rewritten log with their own key: the
     verifier trusts only its own. */
  cr_assert (tamper_rechain (db, 2));
  char why[200];
  struct audit_key *k = audit_key_load (key2, why, sizeof why);
  cr_assert_not_null (k, "%s", why);
  struct store *s;
  cr_assert_eq (store_open (db, false, &s), STORE_OK);
  cr_assert (tamper_sql (db, "DELETE FROM audit_checkpoints;"));
  struct audit_checkpoint_result res;
  cr_assert_eq (audit_checkpoint_now (s, k, &res), STORE_OK);
  cr_assert_gt (res.written, 0);
  store_close (s);
  audit_key_free (k);
  cr_assert_eq (verify (NULL, NULL, NULL, NULL), 1, "%s", out);
  has ("is signed by another key than the audit key");
  cr_assert_eq (verify ("--anchor", anchor, NULL, NULL), 1, "%s", out);
  has ("checkpoints deleted");
}

Test (audit_anchor, printed_head_is_checked)
{
  append (2);
  h_server_stop (&srv, true);
  const char *args[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (args, out, sizeof out), 0, "%s", out);
  char hex[65], head[120];
  cr_assert_eq (sscanf (out, "audit log intact: %*d entries, head %64s", hex),
                1);
  snprintf (head, sizeof head, "#%ld:%s", entries (), hex);
  cr_assert_eq (verify ("--head", head, NULL, NULL), 0, "%s", out);
  has ("held");
  cr_assert (tamper_rechain (db, 1));
  cr_assert (tamper_sql (db, "DELETE FROM audit_checkpoints;"));
  cr_assert_eq (verify ("--head", head, NULL, NULL), 1, "%s", out);
  has ("the printed head has ");
}

Test (audit_anchor, unit_page_shows_and_checks_the_unit_chain)
{
  char jar[400], csrf[65], path[420];
  h_jar_path (&srv, "admin", jar, sizeof jar);
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, csrf), 200);
  append (2);
  /* Signed when the server starts: restart it so the new entries are
     under a checkpoint. */
  h_server_stop (&srv, true);
  h_server_launch (&srv);
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, csrf), 200);
  struct resp r = h_http2 (&srv, "GET", "/staff/audit?periksa=1", NULL, NULL,
                           NULL, jar);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Kepala rantai audit unit ini"));
  cr_assert_not_null (strstr (r.body, "tanda tangan sah"), "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Rantai utuh"), "%s", r.body);
  h_resp_free (&r);
  r = h_api (&srv, "GET", "/api/v1/u/demo/audit/check", NULL, jar, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "\"ok\":true"), "%s", r.body);
  h_resp_free (&r);
  r = h_api (&srv, "GET", "/api/v1/u/demo/audit/anchor", NULL, jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "\"chain\":\"unit\""), "%s", r.body);
  snprintf (path, sizeof path, "%s/unit-anchor.json", srv.dir);
  FILE *f = fopen (path, "w");
  fputs (r.body, f);
  fclose (f);
  h_resp_free (&r);
  cr_assert_eq (verify ("--anchor", path, NULL, NULL), 0, "%s", out);

  /* Cut the unit's newest entries (both chains) behind the server's back;
     on its next start the server refuses to sign over it, and the page
     names the cut. */
  h_server_stop (&srv, true);
  long n = entries ();
  char sql[120];
  snprintf (sql, sizeof sql, "DELETE FROM audit_log WHERE id > %ld;", n - 2);
  cr_assert (tamper_sql (db, sql));
  h_server_launch (&srv);
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, csrf), 200);
  r = h_http2 (&srv, "GET", "/staff/audit?periksa=1", NULL, NULL, NULL, jar);
  cr_assert_not_null (strstr (r.body, "RANTAI RUSAK"), "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Rantai terpotong: rantai unit berisi"),
                      "%s", r.body);
  h_resp_free (&r);
  r = h_api (&srv, "GET", "/api/v1/u/demo/audit/check", NULL, jar, NULL);
  cr_assert_not_null (strstr (r.body, "\"ok\":false"), "%s", r.body);
  h_resp_free (&r);
  cr_assert (log_has ("not signing a chain"),
             "the server signed over a cut log");
}

/* The unit page reads only its unit: another unit's broken entry does not
   show there, and is found by the command line's full check. */
Test (audit_anchor, unit_check_reads_only_its_own_chain)
{
  h_server_stop (&srv, true);
  struct store *s;
  cr_assert_eq (store_open (db, false, &s), STORE_OK);
  struct unit u;
  cr_assert_eq (store_unit_by_slug (s, "demo", &u), STORE_OK);
  struct audit_verify_opts o = { .unit_only = true, .unit_id = u.id };
  struct audit_verdict v;
  /* An entry of no unit, altered. */
  store_close (s);
  cr_assert (tamper_sql (db, "INSERT INTO audit_log (id, at, unit_id, actor,"
                         " action, object, detail, prev_hash, hash, unit_seq,"
                         " unit_prev_hash, unit_hash) SELECT id + 1, at, NULL,"
                         " 'x', 'y', '', '', hash, zeroblob(32), 1,"
                         " zeroblob(32), zeroblob(32) FROM audit_log"
                         " ORDER BY id DESC LIMIT 1;"));
  cr_assert_eq (store_open (db, false, &s), STORE_OK);
  cr_assert_eq (audit_verify (s, &o, &v), STORE_OK);
  cr_assert (v.ok, "the unit's own chain is intact");
  cr_assert_eq (v.entries, entries () - 1);
  struct audit_verify_opts all = { 0 };
  cr_assert_eq (audit_verify (s, &all, &v), STORE_OK);
  cr_assert_not (v.ok);
  store_close (s);
}

/* REPORTS.md §1.2: every document prints the audit head at its cut-off;
   it is the signed global chain's, and the keterangan gives the command
   that checks it. */
Test (audit_anchor, report_head_is_the_checkable_one)
{
  char period[16], json[420], html[420], head[120], cmd[200];
  time_t now = time (NULL);
  struct tm tm;
  gmtime_r (&now, &tm);
  snprintf (period, sizeof period, "%d-S%d", tm.tm_year + 1900,
            tm.tm_mon < 6 ? 1 : 2);
  append (2);
  h_server_stop (&srv, true);
  snprintf (json, sizeof json, "%s/d1.json", srv.dir);
  snprintf (html, sizeof html, "%s/d1.html", srv.dir);
  const char *rj[] = { "report", "pengaduan-monev", "--data", srv.data,
                       "--unit", "demo", "--period", period, "--format",
                       "json", "--out", json, NULL };
  cr_assert_eq (h_cli_out (rj, out, sizeof out), 0, "%s", out);
  const char *rh[] = { "report", "pengaduan-monev", "--data", srv.data,
                       "--unit", "demo", "--period", period, "--format",
                       "html", "--out", html, NULL };
  cr_assert_eq (h_cli_out (rh, out, sizeof out), 0, "%s", out);
  json_error_t err;
  json_t *m = json_load_file (json, 0, &err);
  cr_assert_not_null (m, "%s", err.text);
  json_t *h = json_object_get (m, "audit_head");
  cr_assert (json_is_object (h));
  snprintf (head, sizeof head, "%lld:%s",
            (long long) json_integer_value (json_object_get (h, "id")),
            json_string_value (json_object_get (h, "hash")));
  json_decref (m);
  FILE *f = fopen (html, "r");
  static char page[1 << 20];
  size_t n = fread (page, 1, sizeof page - 1, f);
  fclose (f);
  page[n] = '\0';
  snprintf (cmd, sizeof cmd, "wadah audit verify --data DIR --head %s", head);
  cr_assert_not_null (strstr (page, cmd), "the keterangan names %s", cmd);
  cr_assert_eq (verify ("--head", head, NULL, NULL), 0, "%s", out);
  has ("held");
}

/* A moved key is not silently replaced by a new one: the server serves
   without signing, says so, and the page shows it. */
Test (audit_anchor, missing_key_of_a_signed_log_is_not_replaced)
{
  char key[420], moved[420], jar[400], csrf[65];
  const char *args[] = { "audit", "key", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (args, out, sizeof out), 0, "%s", out);
  char pk[65];
  cr_assert_eq (sscanf (strstr (out, "public key: "), "public key: %64s",
                        pk), 1);
  h_jar_path (&srv, "admin", jar, sizeof jar);
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, csrf), 200);
  struct resp r = h_http2 (&srv, "GET", "/staff/audit", NULL, NULL, NULL,
                           jar);
  cr_assert_not_null (strstr (r.body, pk), "the page shows the public key");
  h_resp_free (&r);
  h_server_stop (&srv, true);
  snprintf (key, sizeof key, "%s.audit-key", srv.data);
  snprintf (moved, sizeof moved, "%s/moved.key", srv.dir);
  cr_assert_eq (rename (key, moved), 0);
  h_server_launch (&srv);
  cr_assert (log_has ("serving WITHOUT signing the audit log"));
  cr_assert_neq (access (key, F_OK), 0, "no second key was made");
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, csrf), 200);
  r = h_http2 (&srv, "GET", "/staff/audit", NULL, NULL, NULL, jar);
  cr_assert_not_null (strstr (r.body, "server berjalan tanpa kunci audit"),
                      "%s", r.body);
  h_resp_free (&r);
  h_server_stop (&srv, true);
  cr_assert_eq (verify ("--audit-key", moved, NULL, NULL), 0, "%s", out);
  /* A key inside the data directory is not used (it would prove nothing);
     the server still serves citizens. */
  char inside[420];
  snprintf (inside, sizeof inside, "%s/audit.key", srv.data);
  setenv ("WADAH_AUDIT_KEY", inside, 1);
  h_server_launch (&srv);
  unsetenv ("WADAH_AUDIT_KEY");
  cr_assert (log_has ("must be outside the data directory"));
  cr_assert (log_has ("serving WITHOUT signing the audit log"));
  cr_assert_neq (access (inside, F_OK), 0);
  r = h_http (&srv, "GET", "/healthz", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
}
