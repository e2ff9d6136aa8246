/*
 * Whistleblowing (DOMAIN.md §4, API.md "Whistleblowing") through the real
 * binary: the reporter's report, receipt, status and messages; the team's
 * list, report, messages, notes and lifecycle; input validation; receipts
 * that do not open look alike and are throttled; who may read; identity
 * reveal with and without a custodian; the audit trail; and, from the
 * outside, that nothing the reporter says and no client address is left
 * readable in the data directory or the server's output.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define JSON "application/json"
#define FORM "application/x-www-form-urlencoded"
#define ADMIN_PW "correct-horse-battery"
#define API "/api/v1/u/demo/wbs"

static struct server srv;

static void
start (void)
{
  h_server_start (&srv);
}

static void
stop (void)
{
  h_server_stop (&srv, false);
}

TestSuite (wbs, .init = start, .fini = stop, .timeout = 120);

/* A report naming someone, with the reporter's identity. */
static const char REPORT[] =
  "{\"category\":\"PUNGLI\","
  "\"reported\":{\"name\":\"Budi Santoso\",\"position\":\"Kepala Seksi"
  " Pelayanan\",\"unit\":\"Seksi KTP\"},"
  "\"what\":\"Meminta uang Rp 200.000 untuk mempercepat KTP-el.\","
  "\"where\":\"Loket 3\",\"when\":\"awal Maret 2026\","
  "\"why\":\"Tidak ada tarif resmi untuk itu.\","
  "\"how\":\"Diminta langsung di loket sebelum berkas diterima.\","
  "\"how_much\":\"Rp 200.000\","
  "\"reporter\":{\"name\":\"Siti Aminah\",\"contact\":\"0812-0000-1111\","
  "\"consent\":\"tidak\"}}";

/* An anonymous one. */
static const char ANON[] =
  "{\"category\":\"GRATIFIKASI_SUAP\","
  "\"reported\":{\"position\":\"Bendahara\"},"
  "\"what\":\"Menerima hadiah dari rekanan pengadaan setiap akhir bulan.\"}";

/* ---- helpers ---- */

static json_t *
body_json (const struct resp *r)
{
  json_error_t e;
  json_t *j = json_loads (r->body, 0, &e);
  cr_assert_not_null (j, "not JSON (%s): %s", e.text, r->body);
  return j;
}

static const char *
jstr (json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

/* The demo unit's local date (WIB, +07). */
static void
wib_today (char out[11])
{
  time_t t = time (NULL) + 7 * 3600;
  struct tm tm;
  gmtime_r (&t, &tm);
  snprintf (out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday);
}

static struct resp
post_json (const char *path, const char *body)
{
  return h_http (&srv, "POST", path, JSON, body, strlen (body));
}

/* Submit BODY, expect 201 and a receipt of six groups of four. */
static void
submit_ok (const char *body, char receipt[64])
{
  struct resp r = post_json (API, body);
  cr_assert_eq (r.status, 201, "submit: %ld %s\n  body: %s", r.status,
                r.body, body);
  json_t *j = body_json (&r);
  cr_assert_eq (json_object_size (j), 1, "only the receipt: %s", r.body);
  snprintf (receipt, 64, "%s", jstr (j, "receipt") ? jstr (j, "receipt")
                                                    : "");
  json_decref (j);
  h_resp_free (&r);
  cr_assert_eq (strlen (receipt), 29, "receipt '%s'", receipt);
  for (size_t i = 0; i < 29; i++)
    cr_assert (i % 5 == 4 ? receipt[i] == '-'
               : NULL != strchr ("23456789ABCDEFGHJKLMNPQRSTUVWXYZ",
                                 receipt[i]), "receipt '%s'", receipt);
}

/* The public lookup: the first two groups without the dash. */
static void
lookup_of (const char *receipt, char lookup[9])
{
  snprintf (lookup, 9, "%.4s%.4s", receipt, receipt + 5);
}

static struct resp
view (const char *receipt)
{
  char body[256];
  snprintf (body, sizeof body, "{\"receipt\":\"%s\"}", receipt);
  return post_json (API "/view", body);
}

static json_t *
view_ok (const char *receipt)
{
  struct resp r = view (receipt);
  cr_assert_eq (r.status, 200, "view with '%s': %ld %s", receipt, r.status,
                r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  return j;
}

static struct resp
reporter_says (const char *receipt, const char *text)
{
  char body[1024];
  snprintf (body, sizeof body, "{\"receipt\":\"%s\",\"text\":\"%s\"}",
            receipt, text);
  return post_json (API "/messages", body);
}

static void
jar_path (const char *name, char *out, size_t cap)
{
  h_jar_path (&srv, name, out, cap);
}

static long
login (const char *user, const char *password, const char *jar,
       char csrf[65])
{
  return h_login (&srv, user, password, NULL, jar, csrf);
}

static struct resp
api (const char *method, const char *path, const char *body, const char *jar,
     const char *csrf)
{
  return h_api (&srv, method, path, body, jar, csrf);
}

static void
add_user (const char *user, const char *role, const char *role2,
          const char *password)
{
  h_add_user (&srv, user, role, role2, password);
}

static void
grant_by_recovery (const char *user, const char *kind)
{
  h_grant_by_recovery (&srv, user, kind);
}

struct staff {
  char jar[400];
  char csrf[65];
};

/* Create USER with ROLE (and ROLE2; not for "admin"), grant the WBS key
   when WBS_KEY, and log in. */
static void
staff_login2 (struct staff *s, const char *user, const char *role,
              const char *role2, bool wbs_key)
{
  char pw[80];
  if (0 == strcmp (user, "admin"))
    snprintf (pw, sizeof pw, "%s", ADMIN_PW);
  else
  {
    snprintf (pw, sizeof pw, "Sandi-%s-panjang-1", user);
    add_user (user, role, role2, pw);
  }
  if (wbs_key)
    grant_by_recovery (user, "wbs");
  jar_path (user, s->jar, sizeof s->jar);
  cr_assert_eq (login (user, pw, s->jar, s->csrf), 200, "login %s", user);
}

static void
staff_login (struct staff *s, const char *user, const char *role,
             bool wbs_key)
{
  staff_login2 (s, user, role, NULL, wbs_key);
}

/* Log in again (e.g. after a grant or a restart) as an existing user. */
static void
relogin (struct staff *s, const char *user)
{
  char pw[80];
  if (0 == strcmp (user, "admin"))
    snprintf (pw, sizeof pw, "%s", ADMIN_PW);
  else
    snprintf (pw, sizeof pw, "Sandi-%s-panjang-1", user);
  jar_path (user, s->jar, sizeof s->jar);
  unlink (s->jar);
  cr_assert_eq (login (user, pw, s->jar, s->csrf), 200, "login %s", user);
}

/* GET a report as the team; 200 expected. QUERY may be "" or "?...". */
static json_t *
team_get (const struct staff *s, const char *lookup, const char *query)
{
  char path[160];
  snprintf (path, sizeof path, API "/%s%s", lookup, query);
  struct resp r = api ("GET", path, NULL, s->jar, NULL);
  cr_assert_eq (r.status, 200, "GET %s: %ld %s", path, r.status, r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  return j;
}

static struct resp
team_post (const struct staff *s, const char *lookup, const char *what,
           const char *body)
{
  char path[160];
  snprintf (path, sizeof path, API "/%s/%s", lookup, what);
  return api ("POST", path, body, s->jar, s->csrf);
}

static void
team_post_ok (const struct staff *s, const char *lookup, const char *what,
              const char *body, long want)
{
  struct resp r = team_post (s, lookup, what, body);
  cr_assert_eq (r.status, want, "POST %s/%s %s: %ld %s", lookup, what, body,
                r.status, r.body);
  h_resp_free (&r);
}

static void
set_status (const struct staff *s, const char *lookup, const char *status)
{
  char body[128];
  snprintf (body, sizeof body, "{\"status\":\"%s\"}", status);
  team_post_ok (s, lookup, "status", body, 200);
}

/* The report LOOKUP's entry in the team's list, or NULL (caller frees
   LIST). */
static json_t *
list_entry (const struct staff *s, const char *query, const char *lookup,
            json_t **list)
{
  char path[160];
  snprintf (path, sizeof path, API "%s", query);
  struct resp r = api ("GET", path, NULL, s->jar, NULL);
  cr_assert_eq (r.status, 200, "GET %s: %ld %s", path, r.status, r.body);
  *list = body_json (&r);
  h_resp_free (&r);
  json_t *a = json_object_get (*list, "reports");
  cr_assert (json_is_array (a));
  size_t i;
  json_t *e;
  json_array_foreach (a, i, e)
    if (jstr (e, "id") && 0 == strcmp (jstr (e, "id"), lookup))
      return e;
  return NULL;
}

/* Does the error answer R name field PATH? */
static bool
names_field (const struct resp *r, const char *path)
{
  json_t *j = json_loads (r->body, 0, NULL);
  json_t *f = json_object_get (json_object_get (json_object_get (j, "error"),
                                                "fields"), path);
  bool yes = NULL != f;
  json_decref (j);
  return yes;
}

static const char *
error_code (const struct resp *r, char out[64])
{
  json_t *j = json_loads (r->body, 0, NULL);
  const char *c = jstr (json_object_get (j, "error"), "code");
  snprintf (out, 64, "%s", c ? c : "");
  json_decref (j);
  return out;
}

/* Audit entries for ACTION on OBJECT (a lookup, or NULL for any) by USER
   (or NULL), read by the admin. */
static int
audit_count (const struct staff *admin, const char *action,
             const char *object, const char *user)
{
  char path[200];
  snprintf (path, sizeof path, "/api/v1/u/demo/audit?action=%s", action);
  struct resp r = api ("GET", path, NULL, admin->jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  int n = 0;
  size_t i;
  json_t *e;
  json_array_foreach (json_object_get (j, "entries"), i, e)
  {
    if (0 != strcmp (jstr (e, "action"), action))
      continue;
    if (object && 0 != strcmp (jstr (e, "object"), object))
      continue;
    if (user && 0 != strcmp (jstr (e, "user"), user))
      continue;
    n++;
  }
  json_decref (j);
  return n;
}

static void
assert_audit_verifies (void)
{
  char out[2048];
  const char *args[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (args, out, sizeof out), 0, "audit verify: %s",
                out);
  cr_assert_not_null (strstr (out, "audit log intact"), "%s", out);
}

/* One number from the database (read-only). */
static long long
sql_num (const char *query)
{
  char cmd[2048];
  long long n = -1;
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"%s\"",
            srv.data, query);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p);
  if (1 != fscanf (p, "%lld", &n))
    n = -1;
  pclose (p);
  return n;
}

static void
sql_exec (const char *query)
{
  char cmd[4096];
  snprintf (cmd, sizeof cmd, "sqlite3 '%s/wadah.db' \"PRAGMA busy_timeout ="
            " 5000; %s\" > /dev/null", srv.data, query);
  cr_assert_eq (system (cmd), 0, "sqlite3: %s", query);
}

/* Make showing an identity wait for a custodian. */
static void
require_custodian (void)
{
  const char *args[] = { "unit", "setting", "--data", srv.data, "--unit",
                         "demo", "--key", "wbs_identity_approval", "--value",
                         "custodian", NULL };
  if (0 != h_cli (args, false))
  {
    cr_log_warn ("the CLI refused wbs_identity_approval; set with sqlite3");
    sql_exec ("INSERT OR REPLACE INTO unit_settings VALUES (1,"
              " 'wbs_identity_approval', 'custodian');");
  }
}

static bool
array_has_text (json_t *a, const char *text)
{
  size_t i;
  json_t *e;
  json_array_foreach (a, i, e)
    if (jstr (e, "text") && 0 == strcmp (jstr (e, "text"), text))
      return true;
  return false;
}

/* ---- the whole flow ---- */

Test (wbs, report_view_messages_status_through_the_api)
{
  char receipt[64], lookup[9], today[11];
  wib_today (today);
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);

  /* The receipt as shown, in lower case, without dashes, with spaces. */
  char typed[4][96];
  snprintf (typed[0], 96, "%s", receipt);
  snprintf (typed[1], 96, "%s", receipt);
  for (char *c = typed[1]; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c - 'A' + 'a');
  size_t o = 0;
  for (const char *c = receipt; *c; c++)
    if (*c != '-')
      typed[2][o++] = *c;
  typed[2][o] = '\0';
  o = 0;
  o += (size_t) snprintf (typed[3], 96, "  ");
  for (const char *c = receipt; *c; c++)
    typed[3][o++] = *c == '-' ? ' ' : *c;
  snprintf (typed[3] + o, 96 - o, "  ");
  for (int i = 0; i < 4; i++)
  {
    json_t *v = view_ok (typed[i]);
    cr_assert_str_eq (jstr (v, "status"), "DITERIMA");
    cr_assert_str_eq (jstr (v, "status_label"), "Diterima");
    cr_assert_str_eq (jstr (v, "received_date"), today);
    cr_assert_eq (json_array_size (json_object_get (v, "messages")), 0);
    json_t *rep = json_object_get (v, "report");
    cr_assert (json_is_object (rep), "%s", json_dumps (v, 0));
    char *dump = json_dumps (rep, 0);
    cr_assert_not_null (strstr (dump, "Meminta uang Rp 200.000"), "%s",
                        dump);
    cr_assert_not_null (strstr (dump, "Budi Santoso"), "%s", dump);
    free (dump);
    json_decref (v);
  }

  /* The reporter writes. */
  struct resp r = reporter_says (typed[1], "Saya punya foto kuitansinya.");
  cr_assert_eq (r.status, 201, "%s", r.body);
  json_t *v = body_json (&r);
  h_resp_free (&r);
  json_t *m0 = json_array_get (json_object_get (v, "messages"), 0);
  cr_assert_str_eq (jstr (m0, "text"), "Saya punya foto kuitansinya.");
  cr_assert_str_eq (jstr (m0, "from"), "pelapor");
  cr_assert (json_is_false (json_object_get (m0, "from_team")));
  json_decref (v);

  /* The team. */
  struct staff t;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  json_t *list;
  json_t *e = list_entry (&t, "", lookup, &list);
  cr_assert_not_null (e, "%s not listed", lookup);
  cr_assert_str_eq (jstr (e, "status"), "DITERIMA");
  cr_assert (json_is_true (json_object_get (e, "has_identity")));
  cr_assert_not_null (jstr (e, "due_date"));
  cr_assert_gt (strcmp (jstr (e, "due_date"), today), 0, "due %s",
                jstr (e, "due_date"));
  char *ldump = json_dumps (list, 0);
  cr_assert_null (strstr (ldump, "Siti Aminah"), "identity in the list");
  cr_assert_null (strstr (ldump, receipt + 10), "secret in the list");
  free (ldump);
  json_decref (list);

  json_t *d = team_get (&t, lookup, "");
  cr_assert_str_eq (jstr (d, "id"), lookup);
  cr_assert_str_eq (jstr (d, "status"), "DITERIMA");
  json_t *rep = json_object_get (d, "report");
  cr_assert_str_eq (jstr (rep, "what"),
                    "Meminta uang Rp 200.000 untuk mempercepat KTP-el.");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  char *dump = json_dumps (d, 0);
  cr_assert_null (strstr (dump, "Siti Aminah"), "identity shown: %s", dump);
  cr_assert_null (strstr (dump, "0812-0000-1111"), "contact shown: %s",
                  dump);
  free (dump);
  json_t *msgs = json_object_get (d, "messages");
  cr_assert_eq (json_array_size (msgs), 1);
  cr_assert_str_eq (jstr (json_array_get (msgs, 0), "from"), "reporter");
  json_t *next = json_object_get (d, "next");
  cr_assert_eq (json_array_size (next), 1);
  cr_assert_str_eq (jstr (json_array_get (next, 0), "status"), "DITELAAH");
  json_decref (d);

  /* A question to the reporter, and a note only the team sees. */
  team_post_ok (&t, lookup, "messages",
                "{\"text\":\"Mohon kirim foto kuitansinya di sini.\"}", 200);
  team_post_ok (&t, lookup, "messages",
                "{\"text\":\"Catatan: cocokkan dengan jadwal loket 3.\","
                "\"internal\":true}", 200);

  /* Through the lifecycle; a skipped step is refused. */
  team_post_ok (&t, lookup, "status",
                "{\"status\":\"DITELAAH\",\"note\":\"Mulai ditelaah.\"}", 200);
  r = team_post (&t, lookup, "status", "{\"status\":\"TERBUKTI\"}");
  char code[64];
  cr_assert_eq (r.status, 409, "%s", r.body);
  cr_assert_str_eq (error_code (&r, code), "invalid_transition");
  h_resp_free (&r);
  set_status (&t, lookup, "DIINVESTIGASI");
  r = team_post (&t, lookup, "status", "{\"status\":\"SELESAI\"}");
  cr_assert_eq (r.status, 409, "%s", r.body);
  h_resp_free (&r);
  r = team_post (&t, lookup, "status", "{\"status\":\"DIBUANG\"}");
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  set_status (&t, lookup, "TERBUKTI");
  set_status (&t, lookup, "SELESAI");
  r = team_post (&t, lookup, "status", "{\"status\":\"DITELAAH\"}");
  cr_assert_eq (r.status, 409, "SELESAI is final: %s", r.body);
  h_resp_free (&r);

  d = team_get (&t, lookup, "");
  cr_assert_str_eq (jstr (d, "status"), "SELESAI");
  cr_assert_str_eq (jstr (d, "due_date"), "", "a closed report has a deadline");
  cr_assert_eq (json_array_size (json_object_get (d, "next")), 0);
  msgs = json_object_get (d, "messages");
  cr_assert_eq (json_array_size (msgs), 2, "%s", json_dumps (d, 0));
  cr_assert (array_has_text (msgs, "Mohon kirim foto kuitansinya di sini."));
  cr_assert_not (array_has_text (msgs,
                                 "Catatan: cocokkan dengan jadwal loket 3."));
  json_t *notes = json_object_get (d, "notes");
  cr_assert_eq (json_array_size (notes), 1);
  cr_assert (array_has_text (notes,
                             "Catatan: cocokkan dengan jadwal loket 3."));
  cr_assert_str_eq (jstr (json_array_get (notes, 0), "by"), "wbs1");
  json_t *ev = json_object_get (d, "events");
  static const char *const path[] = { "DITERIMA", "DITELAAH",
                                      "DIINVESTIGASI", "TERBUKTI",
                                      "SELESAI" };
  cr_assert_eq (json_array_size (ev), 5, "%s", json_dumps (ev, 0));
  for (size_t i = 0; i < 5; i++)
    cr_assert_str_eq (jstr (json_array_get (ev, i), "status"), path[i]);
  cr_assert_str_eq (jstr (json_array_get (ev, 1), "note"), "Mulai ditelaah.");
  cr_assert_str_eq (jstr (json_array_get (ev, 1), "by"), "wbs1");
  json_decref (d);

  /* The reporter sees the status and the team's question, not the note. */
  v = view_ok (typed[2]);
  cr_assert_str_eq (jstr (v, "status"), "SELESAI");
  cr_assert_str_eq (jstr (v, "status_label"), "Selesai");
  msgs = json_object_get (v, "messages");
  cr_assert_eq (json_array_size (msgs), 2, "%s", json_dumps (v, 0));
  cr_assert_str_eq (jstr (json_array_get (msgs, 0), "from"), "pelapor");
  json_t *m1 = json_array_get (msgs, 1);
  cr_assert_str_eq (jstr (m1, "from"), "tim");
  cr_assert (json_is_true (json_object_get (m1, "from_team")));
  cr_assert_str_eq (jstr (m1, "text"),
                    "Mohon kirim foto kuitansinya di sini.");
  dump = json_dumps (v, 0);
  cr_assert_null (strstr (dump, "cocokkan dengan jadwal"), "note leaked: %s",
                  dump);
  cr_assert_null (strstr (dump, "wbs1"), "team member named: %s", dump);
  free (dump);
  json_decref (v);

  /* The list filters by status. */
  e = list_entry (&t, "?status=SELESAI", lookup, &list);
  cr_assert_not_null (e);
  json_decref (list);
  e = list_entry (&t, "?status=DITERIMA", lookup, &list);
  cr_assert_null (e);
  json_decref (list);
  r = api ("GET", API "?status=NGAWUR", NULL, t.jar, NULL);
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", API "/ZZZZ2222", NULL, t.jar, NULL);
  cr_assert_eq (r.status, 404, "%s", r.body);
  h_resp_free (&r);

  /* Every read and change is in the audit log, and the chain holds. */
  struct staff a;
  staff_login (&a, "admin", NULL, false);
  cr_assert_geq (audit_count (&a, "wbs_view", lookup, "wbs1"), 2);
  cr_assert_eq (audit_count (&a, "wbs_message", lookup, "wbs1"), 1);
  cr_assert_eq (audit_count (&a, "wbs_note", lookup, "wbs1"), 1);
  cr_assert_eq (audit_count (&a, "wbs_status", lookup, "wbs1"), 4);
  assert_audit_verifies ();
}

Test (wbs, forwarding_is_recorded)
{
  char r1[64], r2[64], l1[9], l2[9];
  submit_ok (ANON, r1);
  submit_ok (ANON, r2);
  lookup_of (r1, l1);
  lookup_of (r2, l2);
  cr_assert_str_neq (l1, l2);
  struct staff t;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  set_status (&t, l1, "DITELAAH");
  /* Under review: a decision is due (hk_wbs_review working days). */
  json_t *rv = team_get (&t, l1, "");
  cr_assert_eq (strlen (jstr (rv, "due_date")), 10, "no review deadline");
  json_decref (rv);
  team_post_ok (&t, l1, "status", "{\"status\":\"DITERUSKAN_APIP\","
                "\"reference\":\"ITJEN/123/2026\"}", 200);
  set_status (&t, l1, "SELESAI");
  set_status (&t, l2, "DITELAAH");
  /* A reference too long is refused, not cut or dropped. */
  char longref[400];
  memset (longref, 'R', 200);
  longref[200] = '\0';
  char body[600];
  snprintf (body, sizeof body, "{\"status\":\"DITERUSKAN_APH_KPK\","
            "\"reference\":\"%s\"}", longref);
  team_post_ok (&t, l2, "status", body, 400);
  set_status (&t, l2, "DITERUSKAN_APH_KPK");
  cr_assert_eq (sql_num ("SELECT COUNT(*) FROM wbs_forwards WHERE target ="
                         " 'APIP' AND reference_ct IS NOT NULL"), 1);
  cr_assert_eq (sql_num ("SELECT COUNT(*) FROM wbs_forwards WHERE target ="
                         " 'APH_KPK'"), 1);
  json_t *v = view_ok (r2);
  cr_assert_str_eq (jstr (v, "status"), "DITERUSKAN_APH_KPK");
  cr_assert_not_null (strstr (jstr (v, "status_label"), "KPK"));
  json_decref (v);
  json_t *d = team_get (&t, l1, "");
  cr_assert_str_eq (jstr (d, "identity"), "none");
  cr_assert_str_eq (jstr (d, "status"), "SELESAI");
  /* The forwarding record, with the outside reference, is for the team to
     read back. */
  char *dump = json_dumps (d, 0);
  cr_expect_not_null (strstr (dump, "ITJEN/123/2026"),
                      "the forwarding reference is stored but never shown:"
                      " %s", dump);
  free (dump);
  json_decref (d);
}

/* ---- bad input ---- */

Test (wbs, bad_reports_are_refused_naming_the_field)
{
  char long_what[5200], body[6000];
  memset (long_what, 'x', 5001);
  long_what[5001] = '\0';
  static const struct {
    const char *body, *field;
  } t[] = {
    { "{\"reported\":{\"name\":\"Budi\"},\"what\":\"Meminta uang pelicin di"
      " loket pelayanan.\"}", "category" },
    { "{\"category\":\"SUAP\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\"}", "category" },
    { "{\"category\":\"korupsi\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\"}", "category" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"}}", "what" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Terlalu pendek.\"}", "what" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "42}", "what" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"unit\":\"Seksi KTP\"},"
      "\"what\":\"Meminta uang pelicin di loket pelayanan.\"}",
      "reported.name" },
    { "{\"category\":\"PUNGLI\",\"what\":\"Meminta uang pelicin di loket"
      " pelayanan.\"}", "reported.name" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\",\"nip\":"
      "\"1985\"},\"what\":\"Meminta uang pelicin di loket pelayanan.\"}",
      "reported.nip" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\",\"ip\":\"1.2.3.4\"}",
      "ip" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\",\"reporter\":"
      "{\"name\":\"Siti\",\"consent\":\"mungkin\"}}", "reporter.consent" },
    { "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"Budi\"},\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\",\"reporter\":"
      "{\"nik\":\"3201\"}}", "reporter.nik" },
    { "{\"category\":\"PUNGLI\",\"reported\":\"Budi\",\"what\":"
      "\"Meminta uang pelicin di loket pelayanan.\"}", "reported" },
    { "[1,2]", "$" },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
  {
    struct resp r = post_json (API, t[i].body);
    char code[64];
    cr_assert_eq (r.status, 400, "%s: %ld %s", t[i].body, r.status, r.body);
    cr_assert_str_eq (error_code (&r, code), "validation_failed", "%s",
                      r.body);
    cr_assert (names_field (&r, t[i].field), "%s does not name %s: %s",
               t[i].body, t[i].field, r.body);
    h_resp_free (&r);
  }
  /* Lengths: what over 5000, where over 300. */
  snprintf (body, sizeof body, "{\"category\":\"PUNGLI\",\"reported\":"
            "{\"name\":\"Budi\"},\"what\":\"%s\"}", long_what);
  struct resp r = post_json (API, body);
  cr_assert_eq (r.status, 400);
  cr_assert (names_field (&r, "what"), "%s", r.body);
  h_resp_free (&r);
  long_what[301] = '\0';
  snprintf (body, sizeof body, "{\"category\":\"PUNGLI\",\"reported\":"
            "{\"name\":\"Budi\"},\"what\":\"Meminta uang pelicin di loket"
            " pelayanan.\",\"where\":\"%s\"}", long_what);
  r = post_json (API, body);
  cr_assert_eq (r.status, 400);
  cr_assert (names_field (&r, "where"), "%s", r.body);
  h_resp_free (&r);
  /* Not JSON; unknown unit. */
  r = post_json (API, "{\"category\":");
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  r = post_json ("/api/v1/u/tidakada/wbs", ANON);
  cr_assert_eq (r.status, 404, "%s", r.body);
  h_resp_free (&r);
  /* Exactly 20 and exactly 5000 characters are fine; a position alone
     names who is reported. */
  r = post_json (API, "{\"category\":\"LAINNYA\",\"reported\":{\"position\":"
                 "\"Juru parkir\"},\"what\":\"12345678901234567890\"}");
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  long_what[5000] = '\0';
  memset (long_what, 'y', 5000);
  snprintf (body, sizeof body, "{\"category\":\"LAINNYA\",\"reported\":"
            "{\"name\":\"Budi\"},\"what\":\"%s\"}", long_what);
  r = post_json (API, body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "wbs_reports"), 2);
}

/* A report missing everything should name every missing field at once,
   including who is reported. */
Test (wbs, every_missing_field_named_at_once)
{
  struct resp r = post_json (API, "{}");
  cr_assert_eq (r.status, 400, "%s", r.body);
  cr_assert (names_field (&r, "category"), "%s", r.body);
  cr_assert (names_field (&r, "what"), "%s", r.body);
  cr_assert (names_field (&r, "reported.name"),
             "who is reported is not named with the other errors: %s",
             r.body);
  h_resp_free (&r);
}

Test (wbs, bad_reporter_and_team_requests)
{
  char receipt[64], lookup[9], text[4100], body[4300];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  static const struct {
    const char *path, *body, *field;
  } t[] = {
    { API "/view", "{}", "receipt" },
    { API "/view", "{\"receipt\":42}", "receipt" },
    { API "/view", "{\"receipt\":\"x\",\"ip\":\"1\"}", "ip" },
    { API "/messages", "{\"text\":\"Halo tim.\"}", "receipt" },
    { API "/messages", "{\"receipt\":\"x\"}", "text" },
    { API "/messages", "{\"receipt\":\"x\",\"text\":\"\"}", "text" },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
  {
    struct resp r = post_json (t[i].path, t[i].body);
    cr_assert_eq (r.status, 400, "%s %s: %ld %s", t[i].path, t[i].body,
                  r.status, r.body);
    cr_assert (names_field (&r, t[i].field), "%s %s does not name %s: %s",
               t[i].path, t[i].body, t[i].field, r.body);
    h_resp_free (&r);
  }
  memset (text, 'k', 4001);
  text[4001] = '\0';
  snprintf (body, sizeof body, "{\"receipt\":\"%s\",\"text\":\"%s\"}",
            receipt, text);
  struct resp r = post_json (API "/messages", body);
  cr_assert_eq (r.status, 400, "4001 characters: %s", r.body);
  cr_assert (names_field (&r, "text"), "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 0);

  struct staff s;
  staff_login (&s, "wbs1", "pengelola_wbs", true);
  static const struct {
    const char *what, *body;
  } b[] = {
    { "messages", "{}" },
    { "messages", "{\"text\":\"\"}" },
    { "messages", "{\"text\":\"Halo\",\"cc\":\"x\"}" },
    { "status", "{}" },
    { "status", "{\"status\":\"selesai\"}" },
    { "identity", "{}" },
    { "identity", "{\"reason\":\"perlu\"}" },
  };
  for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
  {
    r = team_post (&s, lookup, b[i].what, b[i].body);
    cr_assert_eq (r.status, 400, "%s %s: %ld %s", b[i].what, b[i].body,
                  r.status, r.body);
    h_resp_free (&r);
  }
  r = team_post (&s, "ZZZZ2222", "messages", "{\"text\":\"Halo\"}");
  cr_assert_eq (r.status, 404, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 0);
  cr_assert_eq (h_count_rows (&srv, "wbs_identity_requests"), 0);
  json_t *d = team_get (&s, lookup, "");
  cr_assert_str_eq (jstr (d, "status"), "DITERIMA");
  json_decref (d);
}

/* ---- receipts that do not open ---- */

/* RECEIPT with the character at POS replaced by another of the alphabet. */
static void
altered (const char *receipt, size_t pos, char out[64])
{
  snprintf (out, 64, "%s", receipt);
  out[pos] = out[pos] == 'A' ? 'B' : 'A';
}

Test (wbs, wrong_unknown_and_malformed_receipts_look_the_same)
{
  char receipt[64], lookup[9], other[64];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  char wrong_secret[64], unknown[64], unknown2[64];
  altered (receipt, 28, wrong_secret);
  altered (receipt, 0, unknown);
  altered (receipt, 6, unknown2);
  submit_ok (ANON, other);
  const char *tries[] = {
    wrong_secret,                       /* right lookup, wrong secret */
    unknown,                            /* no such lookup */
    unknown2,
    "hello",                            /* not a receipt at all */
    "",
    "ABCD-EFGH-JKLM-NPQR-STUV-WXY0",    /* 0 is not in the alphabet */
    "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345",
  };
  char first[512] = "";
  for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
  {
    struct resp r = view (tries[i]);
    cr_assert_eq (r.status, 403, "'%s': %ld %s", tries[i], r.status, r.body);
    char code[64];
    cr_assert_str_eq (error_code (&r, code), "access_denied", "%s", r.body);
    if (0 == i)
      snprintf (first, sizeof first, "%s", r.body);
    else
      cr_assert_str_eq (r.body, first, "'%s' answers differently",
                        tries[i]);
    h_resp_free (&r);
  }
  /* The same for writing: nothing is stored. */
  for (size_t i = 0; i < 3; i++)
  {
    struct resp r = reporter_says (tries[i], "Ini pesan dari orang lain.");
    cr_assert_eq (r.status, 403, "'%s': %ld %s", tries[i], r.status, r.body);
    cr_assert_str_eq (r.body, first);
    h_resp_free (&r);
  }
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 0);
  /* Another report's secret does not open this one. */
  char mixed[64];
  snprintf (mixed, sizeof mixed, "%.10s%s", receipt, other + 10);
  struct resp r = view (mixed);
  cr_assert_eq (r.status, 403);
  cr_assert_str_eq (r.body, first);
  h_resp_free (&r);
  /* The right receipt still works. */
  json_t *v = view_ok (receipt);
  json_decref (v);
}

Test (wbs, repeated_failures_on_one_receipt_are_throttled)
{
  char receipt[64], lookup[9], other[64], wrong[64];
  submit_ok (ANON, receipt);
  submit_ok (ANON, other);
  lookup_of (receipt, lookup);
  altered (receipt, 27, wrong);
  for (int i = 0; i < 5; i++)
  {
    struct resp r = view (wrong);
    cr_assert_eq (r.status, 403, "try %d: %ld %s", i + 1, r.status, r.body);
    h_resp_free (&r);
  }
  /* Now even the right receipt waits, for viewing and for writing. */
  struct resp r = view (receipt);
  cr_assert_eq (r.status, 429, "%s", r.body);
  char code[64];
  cr_assert_str_eq (error_code (&r, code), "too_many_requests");
  h_resp_free (&r);
  r = reporter_says (receipt, "Apakah laporan saya sudah dibaca?");
  cr_assert_eq (r.status, 429, "%s", r.body);
  h_resp_free (&r);
  /* typed differently, still the same lookup */
  char lower[64];
  snprintf (lower, sizeof lower, "%s", receipt);
  for (char *c = lower; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c - 'A' + 'a');
  r = view (lower);
  cr_assert_eq (r.status, 429, "%s", r.body);
  h_resp_free (&r);
  /* Another report is not affected. */
  json_t *v = view_ok (other);
  json_decref (v);
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 0);
}

Test (wbs, success_resets_the_failure_count)
{
  char receipt[64], wrong[64];
  submit_ok (ANON, receipt);
  altered (receipt, 20, wrong);
  for (int round = 0; round < 2; round++)
  {
    for (int i = 0; i < 4; i++)
    {
      struct resp r = view (wrong);
      cr_assert_eq (r.status, 403, "round %d try %d: %ld", round, i,
                    r.status);
      h_resp_free (&r);
    }
    json_t *v = view_ok (receipt);
    json_decref (v);
  }
}

/* ---- who may read ---- */

Test (wbs, only_holders_of_the_wbs_key_read_reports)
{
  char receipt[64], lookup[9];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  struct staff pet, adm, wbs, nokey, cus, zi;
  staff_login (&pet, "petugas1", "petugas_pengaduan", false);
  grant_by_recovery ("petugas1", "identity");
  relogin (&pet, "petugas1");
  staff_login (&adm, "admin", NULL, false);
  staff_login (&wbs, "wbs1", "pengelola_wbs", true);
  staff_login (&nokey, "wbs2", "pengelola_wbs", false);
  staff_login (&cus, "kustodian1", "custodian", false);
  staff_login (&zi, "zi1", "tim_zi", false);
  char p_get[80], p_msg[100], p_status[100], p_id[100];
  snprintf (p_get, sizeof p_get, API "/%s", lookup);
  snprintf (p_msg, sizeof p_msg, API "/%s/messages", lookup);
  snprintf (p_status, sizeof p_status, API "/%s/status", lookup);
  snprintf (p_id, sizeof p_id, API "/%s/identity", lookup);
  const struct {
    const char *method, *path, *body;
  } routes[] = {
    { "GET", API, NULL },
    { "GET", p_get, NULL },
    { "POST", p_msg, "{\"text\":\"Halo dari luar tim.\"}" },
    { "POST", p_status, "{\"status\":\"DITELAAH\"}" },
    { "POST", p_id, "{\"reason\":\"Ingin tahu siapa pelapornya.\"}" },
  };
  const struct {
    const char *who;
    struct staff *s;
    long want;
    const char *code;
  } who[] = {
    { "anonymous", NULL, 401, "unauthorized" },
    { "petugas_pengaduan (identity key)", &pet, 403, "forbidden" },
    { "custodian", &cus, 403, "forbidden" },
    { "tim_zi", &zi, 403, "forbidden" },
    { "admin without the WBS key", &adm, 403, "key_not_granted" },
    { "pengelola_wbs without the WBS key", &nokey, 403, "key_not_granted" },
  };
  for (size_t w = 0; w < sizeof who / sizeof who[0]; w++)
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    {
      struct resp r = who[w].s
                      ? api (routes[i].method, routes[i].path, routes[i].body,
                             who[w].s->jar, who[w].s->csrf)
                      : api (routes[i].method, routes[i].path, routes[i].body,
                             NULL, "x");
      char code[64];
      cr_assert_eq (r.status, who[w].want, "%s %s %s: %ld %s", who[w].who,
                    routes[i].method, routes[i].path, r.status, r.body);
      cr_assert_str_eq (error_code (&r, code), who[w].code, "%s %s %s: %s",
                        who[w].who, routes[i].method, routes[i].path,
                        r.body);
      cr_assert_null (strstr (r.body, "Budi Santoso"), "%s read it",
                      who[w].who);
      h_resp_free (&r);
    }
  /* Nothing was read or changed by them. */
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 0);
  cr_assert_eq (h_count_rows (&srv, "wbs_identity_requests"), 0);
  cr_assert_eq (h_count_rows (&srv, "wbs_events"), 1);
  /* Another unit's path, even for a key holder. */
  struct resp r = api ("GET", "/api/v1/u/lain/wbs", NULL, wbs.jar, NULL);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/u/lain/wbs/ABCDEFGH", NULL, wbs.jar, NULL);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  /* Writes need the CSRF token. */
  r = api ("POST", p_msg, "{\"text\":\"Tanpa token.\"}", wbs.jar, "0");
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  /* The custodian's queue is the custodian's only. */
  for (size_t k = 0; k < 3; k++)
  {
    struct staff *s = k == 0 ? &wbs : k == 1 ? &adm : &pet;
    r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, s->jar, NULL);
    cr_assert_eq (r.status, 403, "wbs-identity by %zu: %ld", k, r.status);
    h_resp_free (&r);
  }
  r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, NULL, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, cus.jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);

  /* The key holder reads; an admin granted the key reads too. */
  json_t *d = team_get (&wbs, lookup, "");
  json_decref (d);
  grant_by_recovery ("admin", "wbs");
  relogin (&adm, "admin");
  d = team_get (&adm, lookup, "");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  json_decref (d);
  team_post_ok (&adm, lookup, "messages",
                "{\"text\":\"Pesan dari admin yang memegang kunci.\"}", 200);
  json_t *list;
  cr_assert_not_null (list_entry (&adm, "", lookup, &list));
  json_decref (list);
  cr_assert_eq (audit_count (&adm, "wbs_view", lookup, "admin"), 1);
  cr_assert_eq (audit_count (&adm, "wbs_message", lookup, "admin"), 1);
  /* The refused calls left no WBS trace under their names. */
  cr_assert_eq (audit_count (&adm, "wbs_view", lookup, "petugas1"), 0);
  cr_assert_eq (audit_count (&adm, "wbs_view", lookup, "wbs2"), 0);
}

/* ---- the reporter's identity ---- */

Test (wbs, identity_shown_on_a_reasoned_request_without_approval)
{
  char receipt[64], lookup[9], anon[64], anon_lookup[9];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  submit_ok (ANON, anon);
  lookup_of (anon, anon_lookup);
  struct staff t, t2, a;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  staff_login (&t2, "wbs2", "pengelola_wbs", true);
  staff_login (&a, "admin", NULL, false);

  /* ?identitas=1 without a request shows nothing. */
  json_t *d = team_get (&t, lookup, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  json_decref (d);

  /* A reason is required. */
  struct resp r = team_post (&t, lookup, "identity",
                             "{\"reason\":\"perlu\"}");
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  r = team_post (&t, lookup, "identity",
                 "{\"reason\":\"Perlu menghubungi pelapor sebagai saksi.\"}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  d = body_json (&r);
  h_resp_free (&r);
  cr_assert_str_eq (jstr (d, "identity"), "shown");
  json_t *rep = json_object_get (d, "reporter");
  cr_assert_str_eq (jstr (rep, "name"), "Siti Aminah", "%s",
                    json_dumps (d, 0));
  cr_assert_str_eq (jstr (rep, "contact"), "0812-0000-1111");
  json_t *rq = json_object_get (d, "identity_requests");
  cr_assert_eq (json_array_size (rq), 1);
  cr_assert_str_eq (jstr (json_array_get (rq, 0), "by"), "wbs1");
  cr_assert_str_eq (jstr (json_array_get (rq, 0), "status"), "DISETUJUI");
  cr_assert_str_eq (jstr (json_array_get (rq, 0), "reason"),
                    "Perlu menghubungi pelapor sebagai saksi.");
  json_decref (d);

  /* Later views hide it again unless asked. */
  d = team_get (&t, lookup, "");
  cr_assert_str_eq (jstr (d, "identity"), "approved");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  json_decref (d);
  d = team_get (&t, lookup, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "shown");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "name"),
                    "Siti Aminah");
  json_decref (d);
  /* The approval is the requester's, not the whole team's. */
  d = team_get (&t2, lookup, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  char *dump = json_dumps (d, 0);
  cr_assert_null (strstr (dump, "Siti Aminah"), "%s", dump);
  free (dump);
  json_decref (d);

  /* An anonymous report has nothing to show. */
  d = team_get (&t, anon_lookup, "");
  cr_assert_str_eq (jstr (d, "identity"), "none");
  cr_assert (json_is_false (json_object_get (d, "has_identity")));
  json_decref (d);
  r = team_post (&t, anon_lookup, "identity",
                 "{\"reason\":\"Perlu menghubungi pelapor sebagai saksi.\"}");
  cr_assert_eq (r.status, 409, "%s", r.body);
  h_resp_free (&r);

  cr_assert_eq (audit_count (&a, "wbs_identity_reveal", lookup, "wbs1"), 1);
  cr_assert_geq (audit_count (&a, "wbs_identity_view", lookup, "wbs1"), 2);
  cr_assert_eq (audit_count (&a, "wbs_identity_request", NULL, NULL), 0);
  /* The reason stays out of the log. */
  r = api ("GET", "/api/v1/u/demo/audit", NULL, a.jar, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, "sebagai saksi"), "%s", r.body);
  cr_assert_null (strstr (r.body, "Siti Aminah"), "%s", r.body);
  h_resp_free (&r);
  assert_audit_verifies ();
}

/* The id of the pending request for LOOKUP in the custodian's queue; -1
   when there is none. */
static long long
pending_id (const struct staff *c, const char *lookup)
{
  struct resp r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, c->jar,
                       NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  long long id = -1;
  size_t i;
  json_t *e;
  json_array_foreach (json_object_get (j, "requests"), i, e)
    if (0 == strcmp (jstr (e, "report"), lookup))
    {
      id = json_integer_value (json_object_get (e, "id"));
      cr_assert_str_eq (jstr (e, "by"), "wbs1");
    }
  json_decref (j);
  return id;
}

static struct resp
decide (const struct staff *c, long long id, bool approve)
{
  char path[120];
  snprintf (path, sizeof path, "/api/v1/u/demo/wbs-identity/%lld", id);
  return api ("POST", path, approve ? "{\"approve\":true}"
                                    : "{\"approve\":false}", c->jar, c->csrf);
}

Test (wbs, identity_waits_for_a_custodian_when_required)
{
  char r1[64], l1[9], r2[64], l2[9];
  submit_ok (REPORT, r1);
  submit_ok (REPORT, r2);
  lookup_of (r1, l1);
  lookup_of (r2, l2);
  require_custodian ();
  struct staff t, c, a;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  staff_login (&c, "kustodian1", "custodian", false);
  staff_login (&a, "admin", NULL, false);

  const char *why = "{\"reason\":\"Pelapor perlu dipanggil sebagai saksi.\"}";
  struct resp r = team_post (&t, l1, "identity", why);
  cr_assert_eq (r.status, 202, "%s", r.body);
  json_t *d = body_json (&r);
  h_resp_free (&r);
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  cr_assert_str_eq (jstr (json_array_get (json_object_get (
                            d, "identity_requests"), 0), "status"),
                    "MENUNGGU");
  json_decref (d);
  /* Asking to see it before the decision shows nothing. */
  d = team_get (&t, l1, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  json_decref (d);

  r = team_post (&t, l2, "identity", why);
  cr_assert_eq (r.status, 202, "%s", r.body);
  h_resp_free (&r);

  /* The custodian sees both requests, without the reporter's identity or
     the report, and decides. */
  r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, c.jar, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, "Siti Aminah"), "%s", r.body);
  cr_assert_null (strstr (r.body, "Budi Santoso"), "%s", r.body);
  h_resp_free (&r);
  long long q1 = pending_id (&c, l1), q2 = pending_id (&c, l2);
  cr_assert_gt (q1, 0);
  cr_assert_gt (q2, 0);
  cr_assert_neq (q1, q2);

  /* A pengelola cannot decide (not even their own request). */
  r = decide (&t, q1, true);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  r = decide (&c, q1, true);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "DISETUJUI"), "%s", r.body);
  h_resp_free (&r);
  r = decide (&c, q2, false);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "DITOLAK"), "%s", r.body);
  h_resp_free (&r);
  /* Decided once. */
  r = decide (&c, q1, false);
  cr_assert_eq (r.status, 409, "%s", r.body);
  h_resp_free (&r);
  r = decide (&c, 99999, true);
  cr_assert_geq (r.status, 400, "%s", r.body);
  cr_assert_lt (r.status, 500, "%s", r.body);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/wbs-identity/1", "{\"approve\":\"ya\"}",
           c.jar, c.csrf);
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (pending_id (&c, l1), -1);
  cr_assert_eq (pending_id (&c, l2), -1);

  /* Approved: the requester sees it when asking. */
  d = team_get (&t, l1, "");
  cr_assert_str_eq (jstr (d, "identity"), "approved");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  json_decref (d);
  d = team_get (&t, l1, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "shown");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "name"),
                    "Siti Aminah");
  cr_assert_str_eq (jstr (json_array_get (json_object_get (
                            d, "identity_requests"), 0), "decided_by"),
                    "kustodian1");
  json_decref (d);
  /* Refused: nothing. */
  d = team_get (&t, l2, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "hidden");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  cr_assert_str_eq (jstr (json_array_get (json_object_get (
                            d, "identity_requests"), 0), "status"),
                    "DITOLAK");
  json_decref (d);
  /* The custodian cannot read reports. */
  r = api ("GET", API, NULL, c.jar, NULL);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);

  cr_assert_eq (audit_count (&a, "wbs_identity_request", l1, "wbs1"), 1);
  cr_assert_eq (audit_count (&a, "wbs_identity_request", l2, "wbs1"), 1);
  cr_assert_eq (audit_count (&a, "wbs_identity_decision", NULL,
                             "kustodian1"), 2);
  cr_assert_eq (audit_count (&a, "wbs_identity_reveal", NULL, NULL), 0);
  cr_assert_geq (audit_count (&a, "wbs_identity_view", l1, "wbs1"), 1);
  assert_audit_verifies ();
}

/* Four eyes: a user who is both pengelola_wbs and custodian must not
   approve their own request. */
Test (wbs, custodian_cannot_approve_own_request)
{
  char r1[64], l1[9];
  submit_ok (REPORT, r1);
  lookup_of (r1, l1);
  require_custodian ();
  struct staff both;
  staff_login2 (&both, "ganda", "pengelola_wbs", "custodian", true);
  struct resp r = team_post (&both, l1, "identity",
                             "{\"reason\":\"Pelapor perlu dipanggil.\"}");
  cr_assert_eq (r.status, 202, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, both.jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  long long id = json_integer_value (json_object_get (json_array_get (
                                       json_object_get (j, "requests"), 0),
                                       "id"));
  json_decref (j);
  cr_assert_gt (id, 0);
  r = decide (&both, id, true);
  cr_assert_geq (r.status, 400, "self-approval accepted: %ld %s", r.status,
                 r.body);
  h_resp_free (&r);
  json_t *d = team_get (&both, l1, "?identitas=1");
  cr_assert_str_neq (jstr (d, "identity"), "shown",
                     "identity shown on a self-approved request");
  json_decref (d);
}

/* A custodian decides for their own unit only. */
Test (wbs, custodian_cannot_decide_another_units_request)
{
  require_custodian ();
  /* Another unit with a report and a pending request, written directly
     (the ciphertexts are placeholders: only the decision is tested). */
  sql_exec ("INSERT INTO units (id, slug, name, created_at) VALUES (2,"
            " 'lain', 'Unit Lain', 0);"
            "INSERT INTO wbs_reports (id, unit_id, lookup, secret_hash,"
            " reporter_salt, key_team, key_reporter, body_ct, has_identity,"
            " status_at, received_at, received_date, last_activity_at)"
            " VALUES (900, 2, 'LAINLAIN', 'x', zeroblob(16), zeroblob(80),"
            " zeroblob(72), zeroblob(40), 1, 0, 0, '2026-01-01', 0);"
            "INSERT INTO wbs_identity_requests (id, report_id, requested_by,"
            " reason_ct, requested_at) VALUES (900, 900, 'orang_lain',"
            " zeroblob(40), 0);");
  struct staff c;
  staff_login (&c, "kustodian1", "custodian", false);
  struct resp r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, c.jar,
                       NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, "LAINLAIN"), "%s", r.body);
  h_resp_free (&r);
  r = decide (&c, 900, true);
  long st = r.status;
  h_resp_free (&r);
  cr_assert_eq (sql_num ("SELECT COUNT(*) FROM wbs_identity_requests WHERE"
                         " id = 900 AND status = 'MENUNGGU'"), 1,
                "demo's custodian decided unit 'lain''s request (HTTP %ld)",
                st);
  cr_assert_eq (st, 404, "HTTP %ld", st);
}

/* The receipt shown on the page answer R. */
static void
page_receipt (const struct resp *r, char receipt[64])
{
  const char *dd = strstr (r->body, "<dt>Tanda terima</dt><dd>");
  cr_assert_not_null (dd, "no receipt on the page: %s", r->body);
  dd += strlen ("<dt>Tanda terima</dt><dd>");
  size_t n = strcspn (dd, "<");
  cr_assert_eq (n, 29, "receipt '%.*s'", (int) n, dd);
  snprintf (receipt, 64, "%.*s", (int) n, dd);
}

/* The report's one piece of evidence opens for the team and holds
   CONTENT. */
static void
assert_evidence (const struct staff *t, const char *lookup,
                 const char *content)
{
  json_t *d = team_get (t, lookup, "");
  json_t *files = json_object_get (d, "attachments");
  cr_assert_eq (json_array_size (files), 1, "%s", json_dumps (d, 0));
  long long id = json_integer_value (json_object_get (json_array_get (files,
                                                                      0),
                                                      "id"));
  json_decref (d);
  char path[160];
  snprintf (path, sizeof path, "/staff/wbs/%s/lampiran/%lld", lookup, id);
  struct resp r = h_http2 (&srv, "GET", path, NULL, NULL, NULL, t->jar);
  cr_assert_eq (r.status, 200, "%s: %ld %s", path, r.status, r.body);
  cr_assert (memmem (r.body, r.len, content, strlen (content)),
             "evidence content lost");
  h_resp_free (&r);
}

/* ---- from the outside: nothing readable is kept ---- */

static bool
buf_has (const char *buf, size_t len, const char *needle)
{
  return memmem (buf, len, needle, strlen (needle)) != NULL;
}

/* Read PATH whole; blank out each of the BENIGN strings (e.g. the address
   the server listens on, which is not a client's). */
static char *
slurp (const char *path, size_t *len, const char *const *benign)
{
  FILE *f = fopen (path, "rb");
  if (NULL == f)
    return NULL;
  fseek (f, 0, SEEK_END);
  long n = ftell (f);
  fseek (f, 0, SEEK_SET);
  char *buf = malloc ((size_t) n + 1);
  *len = fread (buf, 1, (size_t) n, f);
  buf[*len] = '\0';
  fclose (f);
  for (size_t i = 0; benign && benign[i]; i++)
  {
    size_t bl = strlen (benign[i]);
    char *p = buf;
    while ((p = memmem (p, *len - (size_t) (p - buf), benign[i], bl)))
      memset (p, '#', bl);
  }
  return buf;
}

/* The first file under DIR holding NEEDLE, into WHERE. */
static bool
tree_has (const char *dir, const char *needle, const char *const *benign,
          char *where, size_t cap)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  bool found = false;
  if (NULL == d)
    return false;
  while (! found && NULL != (e = readdir (d)))
  {
    char p[1024];
    struct stat st;
    if (0 == strcmp (e->d_name, ".") || 0 == strcmp (e->d_name, ".."))
      continue;
    snprintf (p, sizeof p, "%s/%s", dir, e->d_name);
    if (0 != stat (p, &st))
      continue;
    if (S_ISDIR (st.st_mode))
      found = tree_has (p, needle, benign, where, cap);
    else
    {
      size_t len;
      char *buf = slurp (p, &len, benign);
      if (buf && buf_has (buf, len, needle))
      {
        found = true;
        snprintf (where, cap, "%s", p);
      }
      free (buf);
    }
  }
  closedir (d);
  return found;
}

static bool
file_has (const char *path, const char *needle, const char *const *benign)
{
  size_t len;
  char *buf = slurp (path, &len, benign);
  bool yes = buf && buf_has (buf, len, needle);
  free (buf);
  return yes;
}

/* Requests as a browser would send them, with headers that must not be
   kept either. */
static const char UA[] = "User-Agent: PerambanRahasia/7.7 (Kz0Qw)";
static const char XFF[] = "X-Forwarded-For: 203.0.113.77";

static struct resp
outside (const char *path, const char *type, const char *body)
{
  const char *headers[] = { UA, XFF, NULL };
  return h_http2 (&srv, "POST", path, type, body, headers, NULL);
}

Test (wbs, nothing_readable_kept_and_no_client_address)
{
  static const char *const values[] = {
    "Sutrisno Wibowokarto Xq7",            /* reported name */
    "Kepala Subbagian Arsip Zv2",          /* reported position */
    "Bidang Pendaftaran Lt4",              /* reported unit */
    "Pungutan tanpa kuitansi untuk berkas antrean Kv93Lm",   /* what */
    "Loket Tujuh Gedung Belakang Pw4",     /* where */
    "Selasa pagi pekan lalu Wd6",          /* when */
    "Tidak ada tarif resmi Yb1",           /* why */
    "Uang diselipkan dalam map biru Cx3",  /* how */
    "Rp 7.654.321 per berkas Hh2",         /* how much */
    "Ratna Kusumawardhani Jy5",            /* reporter name */
    "ratna.jy5@contoh.test",               /* reporter contact */
    "Saya punya foto kuitansi palsu Mn6",  /* reporter's message */
    "Mohon kirim foto kuitansinya Bt8",    /* team's message */
    "Catatan internal cek CCTV loket Rr1", /* internal note */
    "Mulai telaah awal Ue3",               /* status note */
    "ITJEN/2026/Rf5",                      /* forwarding reference */
    "Perlu konfirmasi saksi kunci Oo9",    /* identity request reason */
    "Saksi kedua bernama Gilang Ts4",      /* page report: what */
    "Hendrawan Pamungkas Ee8",             /* page report: reported name */
    "bukti-rahasia-Qz7.pdf",               /* evidence file name */
    "IsiBerkasRahasia-Nn5",                /* evidence content */
    "PerambanRahasia",                     /* the browser */
    "203.0.113.77",                        /* a forwarded address */
    "127.0.0.1",                           /* the client's address */
  };
  char receipt[64], lookup[9], body[4096];
  snprintf (body, sizeof body,
            "{\"category\":\"PUNGLI\",\"reported\":{\"name\":\"%s\","
            "\"position\":\"%s\",\"unit\":\"%s\"},\"what\":\"%s\","
            "\"where\":\"%s\",\"when\":\"%s\",\"why\":\"%s\",\"how\":\"%s\","
            "\"how_much\":\"%s\",\"reporter\":{\"name\":\"%s\","
            "\"contact\":\"%s\",\"consent\":\"ya\"}}", values[0], values[1],
            values[2], values[3], values[4], values[5], values[6], values[7],
            values[8], values[9], values[10]);
  struct resp r = outside (API, JSON, body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  json_t *j = body_json (&r);
  snprintf (receipt, sizeof receipt, "%s", jstr (j, "receipt"));
  json_decref (j);
  h_resp_free (&r);
  lookup_of (receipt, lookup);
  snprintf (body, sizeof body, "{\"receipt\":\"%s\",\"text\":\"%s\"}",
            receipt, values[11]);
  r = outside (API "/messages", JSON, body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);

  /* A second report through the page, with evidence. */
  char mp[4096];
  size_t o = 0;
  const char *fields[][2] = {
    { "category", "KORUPSI" }, { "reported_name", values[18] },
    { "what", values[17] },
  };
  for (size_t i = 0; i < 3; i++)
    o += (size_t) snprintf (mp + o, sizeof mp - o, "--XyZzYbOuNdArY\r\n"
                            "Content-Disposition: form-data; name=\"%s\""
                            "\r\n\r\n%s\r\n", fields[i][0], fields[i][1]);
  o += (size_t) snprintf (mp + o, sizeof mp - o, "--XyZzYbOuNdArY\r\n"
                          "Content-Disposition: form-data; name=\"lampiran\";"
                          " filename=\"%s\"\r\nContent-Type: application/pdf"
                          "\r\n\r\n%%PDF-1.4\n%s\n%%%%EOF\n\r\n"
                          "--XyZzYbOuNdArY--\r\n", values[19], values[20]);
  r = outside ("/u/demo/wbs", "multipart/form-data; boundary=XyZzYbOuNdArY",
               mp);
  cr_assert_eq (r.status, 201, "%s", r.body);
  char receipt2[64], lookup2[9];
  page_receipt (&r, receipt2);
  h_resp_free (&r);
  lookup_of (receipt2, lookup2);

  /* The team answers, notes, moves it on, forwards it, asks for the
     identity; downloads the evidence of the second. */
  struct staff t;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  snprintf (body, sizeof body, "{\"text\":\"%s\"}", values[12]);
  team_post_ok (&t, lookup, "messages", body, 200);
  snprintf (body, sizeof body, "{\"text\":\"%s\",\"internal\":true}",
            values[13]);
  team_post_ok (&t, lookup, "messages", body, 200);
  snprintf (body, sizeof body, "{\"status\":\"DITELAAH\",\"note\":\"%s\"}",
            values[14]);
  team_post_ok (&t, lookup, "status", body, 200);
  snprintf (body, sizeof body, "{\"status\":\"DITERUSKAN_APIP\","
            "\"reference\":\"%s\"}", values[15]);
  team_post_ok (&t, lookup, "status", body, 200);
  snprintf (body, sizeof body, "{\"reason\":\"%s\"}", values[16]);
  team_post_ok (&t, lookup, "identity", body, 200);
  assert_evidence (&t, lookup2, values[20]);
  /* The reporter reads the answer. */
  snprintf (body, sizeof body, "{\"receipt\":\"%s\"}", receipt);
  r = outside (API "/view", JSON, body);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, values[12]), "%s", r.body);
  cr_assert_null (strstr (r.body, values[13]), "%s", r.body);
  h_resp_free (&r);

  /* Stopped: search every file of the data directory and the output. */
  h_server_stop (&srv, true);
  char listening[80];
  snprintf (listening, sizeof listening, "listening on http://127.0.0.1:%d",
            srv.port);
  const char *const benign[] = { listening, "listen = 127.0.0.1:8080",
                                 NULL };
  char secret1[32], secret2[32], where[1024] = "";
  snprintf (secret1, sizeof secret1, "%s", receipt + 10);
  snprintf (secret2, sizeof secret2, "%.4s%.4s%.4s%.4s", receipt + 10,
            receipt + 15, receipt + 20, receipt + 25);
  const char *const receipts[] = { receipt, receipt2, secret1, secret2,
                                   receipt2 + 10 };
  /* The search itself works: the public lookup is kept in clear. */
  cr_assert (tree_has (srv.data, lookup, benign, where, sizeof where),
             "search control: lookup %s not found", lookup);
  cr_assert (file_has (srv.out, "listening on", NULL));
  size_t nv = sizeof values / sizeof values[0];
  size_t nr = sizeof receipts / sizeof receipts[0];
  for (size_t i = 0; i < nv + nr; i++)
  {
    const char *needle = i < nv ? values[i] : receipts[i - nv];
    cr_expect_not (tree_has (srv.data, needle, benign, where, sizeof where),
                   "'%s' found in %s", needle, where);
    cr_expect_not (file_has (srv.log, needle, benign),
                   "'%s' in the server's stderr", needle);
    cr_expect_not (file_has (srv.out, needle, benign),
                   "'%s' in the server's stdout", needle);
  }

  /* Started again, the team still reads it all, and so does the
     reporter. */
  h_server_launch (&srv);
  relogin (&t, "wbs1");
  json_t *d = team_get (&t, lookup, "?identitas=1");
  char *dump = json_dumps (d, 0);
  for (size_t i = 0; i <= 16; i++)
    if (i != 15)      /* the forwarding reference: see forwarding_is_recorded */
      cr_assert_not_null (strstr (dump, values[i]), "'%s' lost: %s", values[i],
                        dump);
  cr_assert_str_eq (jstr (d, "identity"), "shown");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "contact"),
                    values[10]);
  free (dump);
  json_decref (d);
  d = team_get (&t, lookup2, "");
  dump = json_dumps (d, 0);
  cr_assert_not_null (strstr (dump, values[17]), "%s", dump);
  cr_assert_not_null (strstr (dump, values[18]), "%s", dump);
  free (dump);
  json_decref (d);
  assert_evidence (&t, lookup2, values[20]);
  json_t *v = view_ok (receipt);
  dump = json_dumps (v, 0);
  cr_assert_not_null (strstr (dump, values[11]), "%s", dump);
  cr_assert_not_null (strstr (dump, values[12]), "%s", dump);
  free (dump);
  json_decref (v);
  v = view_ok (receipt2);
  cr_assert_str_eq (jstr (json_object_get (v, "report"), "what"), values[17]);
  json_decref (v);
}

/* Timing is identifying too: the page promises that no exact time beyond
   the report's date is kept ("Yang tidak disimpan: ... waktu pasti di luar
   tanggal laporan"), so what the reporter does is kept to the day. */
Test (wbs, reporter_times_kept_to_the_day)
{
  char receipt[64];
  submit_ok (REPORT, receipt);
  struct resp r = reporter_says (receipt, "Tambahan keterangan dari saya.");
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  /* Midnight in the unit's zone (+07:00) is a multiple of 86400 after
     shifting by 7 hours. */
  static const char *const q[][2] = {
    { "received_at", "SELECT COUNT(*) FROM wbs_reports WHERE"
      " (received_at + 25200) % 86400 <> 0" },
    { "last_activity_at", "SELECT COUNT(*) FROM wbs_reports WHERE"
      " (last_activity_at + 25200) % 86400 <> 0" },
    { "the DITERIMA event", "SELECT COUNT(*) FROM wbs_events WHERE"
      " actor = 'pelapor' AND (at + 25200) % 86400 <> 0" },
    { "the reporter's message", "SELECT COUNT(*) FROM wbs_messages WHERE"
      " sender = 'reporter' AND (at + 25200) % 86400 <> 0" },
  };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
    cr_expect_eq (sql_num (q[i][1]), 0,
                  "%s is kept to the second", q[i][0]);
}

/* ---- the pages ---- */

Test (wbs, report_through_the_pages)
{
  struct resp r = h_http (&srv, "GET", "/u/demo/wbs", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Kerahasiaan Anda"), "no privacy"
                      " notice");
  cr_assert_not_null (strstr (r.body, "alamat IP"));
  cr_assert_not_null (strstr (r.body, "Tanda terima"));
  cr_assert_not_null (strstr (r.body, "name=\"reported_name\""));
  cr_assert_not_null (strstr (r.body, "name=\"what\""));
  cr_assert_null (strstr (r.body, "src=\"http"), "loads from outside");
  cr_assert_null (strstr (r.body, "href=\"http"), "links outside");
  h_resp_free (&r);

  /* Missing what: the form again, 400, naming it, keeping what was typed. */
  static const char partial[] = "category=PUNGLI&reported_name=Budi+Santoso";
  r = h_http (&srv, "POST", "/u/demo/wbs", FORM, partial, strlen (partial));
  cr_assert_eq (r.status, 400, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "f-what-err"), "what not marked");
  cr_assert_not_null (strstr (r.body, "value=\"Budi Santoso\""), "lost");
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "wbs_reports"), 0);

  static const char form[] =
    "category=PENYALAHGUNAAN_WEWENANG&reported_name=Budi+Santoso"
    "&reported_position=Kepala+Seksi&what=Memakai+mobil+dinas+untuk+"
    "keperluan+keluarga+setiap+akhir+pekan.&where=Garasi+kantor"
    "&how_much=Rp+500.000+BBM&reporter_name=&reporter_contact=";
  r = h_http (&srv, "POST", "/u/demo/wbs", FORM, form, strlen (form));
  cr_assert_eq (r.status, 201, "%s", r.body);
  cr_assert_not_null (strstr (r.headers, "Cache-Control: no-store"),
                      "the receipt page may be cached: %s", r.headers);
  cr_assert_not_null (strstr (r.body, "hanya ditampilkan sekali"));
  char receipt[64], lookup[9];
  page_receipt (&r, receipt);
  h_resp_free (&r);
  lookup_of (receipt, lookup);
  json_t *v = view_ok (receipt);
  json_t *rep = json_object_get (v, "report");
  cr_assert_str_eq (jstr (rep, "what"), "Memakai mobil dinas untuk keperluan"
                    " keluarga setiap akhir pekan.");
  cr_assert_str_eq (jstr (rep, "how_much"), "Rp 500.000 BBM");
  json_decref (v);

  /* Following it on the tracking page. */
  r = h_http (&srv, "GET", "/u/demo/wbs/lacak", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
  char track[160];
  snprintf (track, sizeof track, "receipt=%s", receipt);
  for (char *c = track; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c - 'A' + 'a');
  memcpy (track, "receipt=", 8);
  r = h_http (&srv, "POST", "/u/demo/wbs/lacak", FORM, track,
              strlen (track));
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Diterima"), "%s", r.body);
  cr_assert_not_null (strstr (r.headers, "Cache-Control: no-store"));
  h_resp_free (&r);
  snprintf (track, sizeof track, "receipt=%s&action=reply&text=Saya+siap"
            "+memberi+keterangan.", receipt);
  r = h_http (&srv, "POST", "/u/demo/wbs/lacak", FORM, track,
              strlen (track));
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Saya siap memberi keterangan."));
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "wbs_messages"), 1);
  char wrong[64];
  altered (receipt, 28, wrong);
  snprintf (track, sizeof track, "receipt=%s", wrong);
  r = h_http (&srv, "POST", "/u/demo/wbs/lacak", FORM, track,
              strlen (track));
  cr_assert_eq (r.status, 403, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Tanda terima tidak cocok"));
  cr_assert_null (strstr (r.body, "Budi Santoso"));
  h_resp_free (&r);

  /* The team sees it, without an identity. */
  struct staff t;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  json_t *d = team_get (&t, lookup, "");
  cr_assert_str_eq (jstr (d, "identity"), "none");
  cr_assert_str_eq (jstr (json_object_get (d, "report"), "reported_name"),
                    "Budi Santoso");
  json_decref (d);
}

/* The message of MSGS (an array of {text, intact, ...}) whose text is
   TEXT, or NULL. */
static json_t *
message_with (json_t *msgs, const char *text)
{
  size_t i;
  json_t *e;
  json_array_foreach (msgs, i, e)
    if (jstr (e, "text") && 0 == strcmp (jstr (e, "text"), text))
      return e;
  return NULL;
}

/* Issue 10, finding 7: a WBS message's encryption binds who sent it (the
   sender, the team member, whether it is an internal note).  A message
   re-attributed in the database (the team's made to look like the
   reporter's, a note made visible to the reporter, another author) does
   not open: it shows as altered, never under the new name. */
Test (wbs, a_message_reattributed_in_the_database_does_not_open)
{
  static const char team_text[] = "Mohon kirim foto kuitansinya.";
  static const char note_text[] = "Catatan internal: cek CCTV loket 3.";
  static const char rep_text[] = "Baik, saya kirim besok.";
  char receipt[64], lookup[9], q[400];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  struct staff t;
  staff_login (&t, "wbs7", "pengelola_wbs", true);
  team_post_ok (&t, lookup, "messages", "{\"text\":\"Mohon kirim foto"
                " kuitansinya.\"}", 200);
  team_post_ok (&t, lookup, "messages", "{\"text\":\"Catatan internal: cek"
                " CCTV loket 3.\",\"internal\":true}", 200);
  struct resp r = reporter_says (receipt, rep_text);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  /* Untouched, all three open, attributed as sent. */
  json_t *d = team_get (&t, lookup, "");
  json_t *m = message_with (json_object_get (d, "messages"), team_text);
  cr_assert_not_null (m);
  cr_assert_str_eq (jstr (m, "from"), "team");
  cr_assert (json_is_true (json_object_get (m, "intact")));
  cr_assert_not_null (message_with (json_object_get (d, "notes"),
                                    note_text));
  cr_assert_not_null (message_with (json_object_get (d, "messages"),
                                    rep_text));
  json_decref (d);

  /* Someone with the database file re-attributes them. */
  snprintf (q, sizeof q, "UPDATE wbs_messages SET sender = 'reporter',"
            " author = NULL WHERE author = 'wbs7' AND internal = 0;"
            " UPDATE wbs_messages SET internal = 0 WHERE internal = 1;"
            " UPDATE wbs_messages SET sender = 'team', author = 'admin'"
            " WHERE sender = 'reporter' AND author IS NULL AND id = (SELECT"
            " max(id) FROM wbs_messages);");
  sql_exec (q);
  d = team_get (&t, lookup, "");
  char *dump = json_dumps (d, 0);
  cr_assert_null (strstr (dump, team_text), "re-attributed: %s", dump);
  cr_assert_null (strstr (dump, note_text), "note made public: %s", dump);
  cr_assert_null (strstr (dump, rep_text), "re-attributed: %s", dump);
  free (dump);
  size_t i;
  json_t *e;
  int altered = 0;
  json_array_foreach (json_object_get (d, "messages"), i, e)
    altered += json_is_false (json_object_get (e, "intact"));
  cr_assert_eq (altered, 3, "three messages shown as altered");
  json_decref (d);
  /* The reporter does not see them either, least of all the note. */
  json_t *v = view_ok (receipt);
  dump = json_dumps (v, 0);
  cr_assert_null (strstr (dump, note_text), "%s", dump);
  cr_assert_null (strstr (dump, team_text), "%s", dump);
  free (dump);
  json_decref (v);
}

/* The id of the pending request for LOOKUP in C's custodian queue (any
   requester), -1 when none or when C may not see the queue. */
static long long
any_pending_id (const struct staff *c, const char *lookup)
{
  struct resp r = api ("GET", "/api/v1/u/demo/wbs-identity", NULL, c->jar,
                       NULL);
  long long id = -1;
  if (200 == r.status)
  {
    json_t *j = body_json (&r);
    size_t i;
    json_t *e;
    json_array_foreach (json_object_get (j, "requests"), i, e)
      if (0 == strcmp (jstr (e, "report"), lookup))
        id = json_integer_value (json_object_get (e, "id"));
    json_decref (j);
  }
  h_resp_free (&r);
  return id;
}

/* Issue 10, finding 4: under wbs_identity_approval = custodian one
   administrator cannot see a reporter's identity alone.  The two ways an
   admin could make themselves a custodian are closed: giving a new account
   the custodian role (only the recovery key grants it, from the command
   line) and resetting a real custodian's password to log in as them (a
   reset takes the role away).  The admin holds the WBS key and asks. */
Test (wbs, one_administrator_cannot_reveal_an_identity_alone)
{
  char receipt[64], lookup[9];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  require_custodian ();
  grant_by_recovery ("admin", "wbs");
  struct staff a, c, k;
  relogin (&a, "admin");
  staff_login (&k, "kustodian2", "custodian", false);   /* a real one */
  struct resp r = team_post (&a, lookup, "identity",
                             "{\"reason\":\"Saya perlu tahu siapa"
                             " pelapornya.\"}");
  cr_assert_eq (r.status, 202, "%s", r.body);
  h_resp_free (&r);

  /* 1. A new account with the custodian role, through the API. */
  r = api ("POST", "/api/v1/u/demo/users",
           "{\"user\":\"boneka\",\"password\":\"Boneka-sandi-panjang-1\","
           "\"roles\":[\"custodian\"]}", a.jar, a.csrf);
  long created = r.status;
  cr_log_info ("custodian account through the API: %ld %s", r.status,
               r.body);
  h_resp_free (&r);
  jar_path ("boneka", c.jar, sizeof c.jar);
  if (200 == login ("boneka", "Boneka-sandi-panjang-1", c.jar, c.csrf))
  {
    long long id = any_pending_id (&c, lookup);
    if (id > 0)
    {
      r = decide (&c, id, true);
      cr_log_info ("approved by the admin's own custodian: %ld", r.status);
      h_resp_free (&r);
    }
  }
  /* The same through the page's form. */
  char form[300];
  snprintf (form, sizeof form, "csrf=%s&user=boneka2&password=Boneka-sandi-"
            "panjang-2&role=custodian", a.csrf);
  const char *fh[] = { NULL };
  r = h_http2 (&srv, "POST", "/staff/pengguna", FORM, form, fh, a.jar);
  cr_assert_neq (r.status, 303, "custodian account made through the page");
  h_resp_free (&r);

  /* 2. A real custodian's password reset by the admin. */
  r = api ("POST", "/api/v1/u/demo/users/kustodian2/password",
           "{\"password\":\"Diambil-alih-admin-1\"}", a.jar, a.csrf);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  jar_path ("k2", k.jar, sizeof k.jar);
  cr_assert_eq (login ("kustodian2", "Diambil-alih-admin-1", k.jar, k.csrf),
                200);
  long long id = any_pending_id (&k, lookup);
  if (id > 0)
  {
    r = decide (&k, id, true);
    cr_log_info ("approved through a reset custodian: %ld", r.status);
    h_resp_free (&r);
  }

  /* Whatever was tried, the identity stays hidden from the admin. */
  json_t *d = team_get (&a, lookup, "?identitas=1");
  cr_assert_str_neq (jstr (d, "identity"), "shown",
                     "one administrator saw the identity alone");
  cr_assert (json_is_null (json_object_get (d, "reporter")));
  json_decref (d);
  cr_assert_eq (created, 403, "a custodian account made through the API");
  cr_assert_eq (id, -1, "a reset custodian still sees the queue");
  /* The two-person rule still works with two persons: a custodian named
     with the recovery key decides. */
  struct staff k3;
  staff_login (&k3, "kustodian3", "custodian", false);
  id = any_pending_id (&k3, lookup);
  cr_assert_gt (id, 0);
  r = decide (&k3, id, true);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  d = team_get (&a, lookup, "?identitas=1");
  cr_assert_str_eq (jstr (d, "identity"), "shown");
  json_decref (d);
}

/* `wadah ARGS...` with the recovery key file (or a wrong one) and a
   password file; returns the exit status. */
static int
cli_custodian (const char *sub, const char *user, bool right_key,
               const char *password, bool revoke)
{
  char rk[400], pw[400];
  snprintf (rk, sizeof rk, "%s/rk-%s", srv.dir, right_key ? "ok" : "bad");
  FILE *f = fopen (rk, "w");
  fprintf (f, "%s\n", right_key ? srv.recovery
           : "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");
  fclose (f);
  snprintf (pw, sizeof pw, "%s/pw-cust", srv.dir);
  f = fopen (pw, "w");
  fprintf (f, "%s\n", password ? password : "x");
  fclose (f);
  const char *add[] = { "user", "add", "--data", srv.data, "--unit", "demo",
                        "--user", user, "--role", "custodian",
                        "--password-file", pw, "--recovery-key-file", rk,
                        NULL };
  const char *add_nokey[] = { "user", "add", "--data", srv.data, "--unit",
                              "demo", "--user", user, "--role", "custodian",
                              "--password-file", pw, NULL };
  const char *name[] = { "user", "custodian", "--data", srv.data, "--unit",
                         "demo", "--user", user, "--password-file", pw,
                         "--recovery-key-file", rk, NULL };
  const char *off[] = { "user", "custodian", "--data", srv.data, "--unit",
                        "demo", "--user", user, "--revoke", NULL };
  if (0 == strcmp (sub, "add"))
    return h_cli (add, false);
  if (0 == strcmp (sub, "add-without-key"))
    return h_cli (add_nokey, false);
  return h_cli (revoke ? off : name, false);
}

/* Issue 10, finding 4, the command line: the custodian role is granted
   only with the unit's recovery key, with a password set then; a custodian
   named before (a role without the recovery key's grant, as migration 0008
   leaves them) decides nothing until named again; a password reset and
   --revoke take the role away. */
Test (wbs, custodian_role_only_with_the_recovery_key)
{
  char receipt[64], lookup[9];
  submit_ok (REPORT, receipt);
  lookup_of (receipt, lookup);
  require_custodian ();
  struct staff t, k;
  staff_login (&t, "wbs1", "pengelola_wbs", true);
  struct resp r = team_post (&t, lookup, "identity",
                             "{\"reason\":\"Pelapor perlu dipanggil.\"}");
  cr_assert_eq (r.status, 202, "%s", r.body);
  h_resp_free (&r);

  cr_assert_neq (cli_custodian ("add-without-key", "kus", true,
                                "Kustodian-sandi-1", false), 0);
  cr_assert_neq (cli_custodian ("add", "kus", false, "Kustodian-sandi-1",
                                false), 0);
  cr_assert_eq (sql_num ("SELECT count(*) FROM users WHERE username ="
                         " 'kus'"), 0, "made with a wrong recovery key");
  cr_assert_eq (cli_custodian ("add", "kus", true, "Kustodian-sandi-1",
                               false), 0);
  jar_path ("kus", k.jar, sizeof k.jar);
  cr_assert_eq (login ("kus", "Kustodian-sandi-1", k.jar, k.csrf), 200);
  cr_assert_gt (any_pending_id (&k, lookup), 0);

  /* A custodian of old: the role without the recovery key's grant. */
  sql_exec ("DELETE FROM custodians WHERE user_id = (SELECT id FROM users"
            " WHERE username = 'kus');");
  long long id = any_pending_id (&k, lookup);   /* the session still has it */
  r = decide (&k, id, true);
  cr_assert_eq (r.status, 403, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "not_custodian"), "%s", r.body);
  h_resp_free (&r);
  unlink (k.jar);
  cr_assert_eq (login ("kus", "Kustodian-sandi-1", k.jar, k.csrf), 200);
  cr_assert_eq (any_pending_id (&k, lookup), -1, "role counted at login");
  /* Named again: a new password too, which the admin did not set. */
  cr_assert_neq (cli_custodian ("custodian", "kus", false,
                                "Kustodian-sandi-2", false), 0);
  cr_assert_eq (cli_custodian ("custodian", "kus", true, "Kustodian-sandi-2",
                               false), 0);
  unlink (k.jar);
  cr_assert_eq (login ("kus", "Kustodian-sandi-1", k.jar, k.csrf), 401);
  cr_assert_eq (login ("kus", "Kustodian-sandi-2", k.jar, k.csrf), 200);
  cr_assert_eq (any_pending_id (&k, lookup), id);

  /* A password reset from the command line takes the role away. */
  char pw[400];
  snprintf (pw, sizeof pw, "%s/pw-reset", srv.dir);
  FILE *f = fopen (pw, "w");
  fprintf (f, "Kustodian-sandi-3\n");
  fclose (f);
  const char *passwd[] = { "user", "passwd", "--data", srv.data, "--unit",
                           "demo", "--user", "kus", "--password-file", pw,
                           NULL };
  cr_assert_eq (h_cli (passwd, false), 0);
  r = decide (&k, id, true);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  unlink (k.jar);
  cr_assert_eq (login ("kus", "Kustodian-sandi-3", k.jar, k.csrf), 200);
  cr_assert_eq (any_pending_id (&k, lookup), -1);

  /* A pengelola holding the WBS key, named custodian: keeps the key. */
  cr_assert_eq (cli_custodian ("custodian", "wbs1", true, "Pengelola-sandi-9",
                               false), 0);
  jar_path ("wbs1b", t.jar, sizeof t.jar);
  cr_assert_eq (login ("wbs1", "Sandi-wbs1-panjang-1", t.jar, t.csrf), 401);
  cr_assert_eq (login ("wbs1", "Pengelola-sandi-9", t.jar, t.csrf), 200);
  json_t *d = team_get (&t, lookup, "");   /* the WBS key opens it */
  json_decref (d);
  /* ... but not for their own request. */
  r = decide (&t, id, true);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (cli_custodian ("custodian", "wbs1", true, NULL, true), 0);
  cr_assert_eq (sql_num ("SELECT count(*) FROM custodians"), 0);
}
