/* D3 wbs-monev (reports/d_wbs.c, REPORTS.md §3.4, §2.5, §2.7) on a
   temporary data directory: a unit with its keys, WBS reports sealed as
   the intake seals them, status events at chosen instants, messages and
   identity requests; the model built through the engine and checked
   against figures computed by hand, in both variants; every format
   rendered once. */
#include "app.h"
#include "custody.h"
#include "docs.h"
#include "render.h"
#include "roles.h"
#include "store_complaint.h"
#include "store_wbs.h"
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <criterion/criterion.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define D3_OFFSET 420          /* WIB */
#define D3_TODAY "2026-12-04"

static char d3_dir[64];
static char d3_path[128];
static struct store *d3_s;
static struct app d3_app;
static int64_t d3_unit;
static unsigned char *d3_sk;   /* the unit's WBS secret key */
static unsigned char *d3_recovery;

/* ---- fixture ---- */

static enum store_status
d3_make_unit (struct store_conn *c, void *cls)
{
  (void) cls;
  enum store_status st = store_unit_insert (c, "dinas", "Dinas Uji Coba",
                                            D3_OFFSET, &d3_unit);
  if (STORE_OK != st)
    return st;
  st = custody_unit_keys_create (c, d3_unit, d3_recovery);
  if (STORE_OK != st)
    return st;
  return custody_unit_key_recover (c, d3_unit, KEY_WBS, d3_recovery, d3_sk);
}

static void
d3_setup (void)
{
  cr_assert (vault_init ());
  snprintf (d3_dir, sizeof d3_dir, "/tmp/wadah-d3-XXXXXX");
  cr_assert_not_null (mkdtemp (d3_dir));
  snprintf (d3_path, sizeof d3_path, "%s/wadah.db", d3_dir);
  cr_assert_eq (store_open (d3_path, true, &d3_s), STORE_OK);
  memset (&d3_app, 0, sizeof d3_app);
  d3_app.store = d3_s;
  d3_app.data_dir = d3_dir;
  cr_assert (app_forms_load (&d3_app));
  d3_recovery = vault_secret_new (32);
  d3_sk = vault_secret_new (VAULT_SK_BYTES);
  cr_assert_not_null (d3_recovery);
  cr_assert_not_null (d3_sk);
  vault_random (d3_recovery, 32);
  cr_assert_eq (store_write_sync (d3_s, &d3_make_unit, NULL), STORE_OK);
}

static void
d3_teardown (void)
{
  app_forms_free (&d3_app);
  store_close (d3_s);
  vault_secret_free (d3_sk);
  vault_secret_free (d3_recovery);
  char cmd[160];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", d3_dir);
  cr_assert_eq (system (cmd), 0);
}

TestSuite (d3, .init = d3_setup, .fini = d3_teardown);

/* The instant HH:MM local time on DAY. */
static int64_t
d3_at (const char *day, int hh, int mm)
{
  int32_t d;
  cr_assert (cal_parse (day, &d), "%s", day);
  return (int64_t) d * 86400 + hh * 3600 + mm * 60 - D3_OFFSET * 60;
}

/* A report as the intake stores it: a fresh report key sealed to the
   unit's WBS key, the body sealed under it ("body" record). */
struct d3_report {
  struct wbs_new n;
  unsigned char *ct;
};

static enum store_status
d3_insert_run (struct store_conn *c, void *cls)
{
  return store_wbs_insert (c, &((struct d3_report *) cls)->n);
}

/* The lookups of every report made, to check none reaches a document. */
static char d3_lookups[16][12];
static size_t d3_n_lookups;

static int64_t
d3_report (const char *day, const char *category, bool identity)
{
  struct d3_report r;
  memset (&r, 0, sizeof r);
  unsigned char pk[VAULT_PK_BYTES], k[32];
  char secret[WBS_SECRET_LEN + 1], text[WBS_RECEIPT_TEXT];
  cr_assert_eq (store_unit_key_get (d3_s, d3_unit, "wbs", pk, NULL),
                STORE_OK);
  wbs_receipt_new (r.n.lookup, secret, text);
  cr_assert (wbs_report_key_new (pk, r.n.lookup, secret, k, r.n.key_team,
                                 r.n.reporter_salt, r.n.key_reporter));
  json_t *body = json_pack ("{s:s, s:s, s:{s:s}}", "category", category,
                            "what", "Uang pelicin Rp 2 juta untuk percepatan"
                            " izin.", "reported", "name", "Pejabat Terlapor");
  if (identity)
    json_object_set_new (body, "reporter", json_pack ("{s:s}", "name",
                                                      "Pelapor Rahasia"));
  cr_assert (wbs_encrypt_json (k, "body", r.n.lookup, body, &r.ct,
                               &r.n.body_len));
  json_decref (body);
  vault_wipe (k, sizeof k);
  vault_wipe (secret, sizeof secret);
  r.n.body_ct = r.ct;
  r.n.unit_id = d3_unit;
  r.n.secret_hash = "$argon2id$v=19$m=8,t=1,p=1$dW5pdA$dW5pdA";
  r.n.has_identity = identity;
  r.n.at = d3_at (day, 9, 30);
  snprintf (r.n.received_date, sizeof r.n.received_date, "%s", day);
  cr_assert_eq (store_write_sync (d3_s, &d3_insert_run, &r), STORE_OK);
  free (r.ct);
  cr_assert_lt (d3_n_lookups, 16);
  snprintf (d3_lookups[d3_n_lookups++], sizeof d3_lookups[0], "%s",
            r.n.lookup);
  return r.n.id;
}

struct d3_event {
  int64_t id;
  const char *from, *to;
  int64_t at;
};

static enum store_status
d3_event_run (struct store_conn *c, void *cls)
{
  struct d3_event *e = cls;
  return store_wbs_set_status (c, e->id, e->from, e->to, e->at, NULL,
                               "tim", NULL, 0);
}

static void
d3_event (int64_t id, const char *from, const char *to, const char *day)
{
  struct d3_event e = { id, from, to, d3_at (day, 10, 15) };
  cr_assert_eq (store_write_sync (d3_s, &d3_event_run, &e), STORE_OK);
}

struct d3_msg {
  int64_t id;
  const char *sender;
  bool internal;
  int64_t at;
};

static enum store_status
d3_msg_run (struct store_conn *c, void *cls)
{
  struct d3_msg *m = cls;
  static const unsigned char ct[] = { 1, 2, 3 };
  return store_wbs_message (c, m->id, m->at, m->sender,
                            0 == strcmp (m->sender, "team") ? "tim" : NULL,
                            ct, sizeof ct, m->internal, 2);
}

static void
d3_msg (int64_t id, const char *sender, bool internal, const char *day)
{
  struct d3_msg m = { id, sender, internal, d3_at (day, 11, 0) };
  cr_assert_eq (store_write_sync (d3_s, &d3_msg_run, &m), STORE_OK);
}

struct d3_req {
  int64_t id;
  const char *status;
  int64_t at;
  int64_t req_id;          /* decide: the request */
};

static enum store_status
d3_req_run (struct store_conn *c, void *cls)
{
  struct d3_req *q = cls;
  static const unsigned char ct[] = { 4, 5, 6 };
  return store_wbs_identity_request (c, q->id, "tim", ct, sizeof ct, q->at,
                                     q->status);
}

static enum store_status
d3_decide_run (struct store_conn *c, void *cls)
{
  struct d3_req *q = cls;
  char lookup[12];
  enum wbs_refusal why;
  struct user_rec u;
  /* The deciding custodian, named as only the recovery key names one
     (migration 0008): a role and its grant. */
  enum store_status st = store_conn_user_by_name (c, "dinas", "kustodian",
                                                  &u);
  if (STORE_NO_ROW == st)
  {
    unsigned char pk[STORE_KEY] = { 0 }, salt[16] = { 0 };
    unsigned char wrapped[STORE_WRAPPED] = { 0 };
    int64_t id;
    st = store_user_insert (c, d3_unit, "kustodian", "x", ROLE_CUSTODIAN, pk,
                            salt, wrapped, &id);
    if (STORE_OK == st)
      st = store_custodian_grant (c, id, q->at, 0);
  }
  if (STORE_OK != st)
    return st;
  return store_wbs_identity_decide (c, d3_unit, q->req_id, q->status,
                                    "kustodian", q->at, lookup, &why);
}

/* A request on report ID made on DAY with STATUS (DISETUJUI: approved at
   once, no custodian); with DECIDE_DAY a custodian decides it then. */
static void
d3_request (int64_t id, const char *day, const char *status,
            const char *decide_day, const char *decision)
{
  struct d3_req q = { id, status, d3_at (day, 13, 0), 0 };
  cr_assert_eq (store_write_sync (d3_s, &d3_req_run, &q), STORE_OK);
  if (NULL == decide_day)
    return;
  struct wbs_item *rows = NULL;
  size_t n = 0;
  cr_assert_eq (store_wbs_identity_requests (d3_s, id, &rows, &n), STORE_OK);
  cr_assert_gt (n, 0);
  q.req_id = rows[n - 1].id;
  store_wbs_items_free (rows, n);
  q.status = decision;
  q.at = d3_at (decide_day, 14, 0);
  cr_assert_eq (store_write_sync (d3_s, &d3_decide_run, &q), STORE_OK);
}

static enum store_status
d3_holiday_run (struct store_conn *c, void *cls)
{
  return store_holiday_upsert (c, d3_unit, (const char *) cls,
                               "Libur daerah uji", "libur_daerah");
}

struct d3_user {
  const char *name;
  unsigned int roles;
};

static enum store_status
d3_user_run (struct store_conn *c, void *cls)
{
  struct d3_user *u = cls;
  unsigned char pk[STORE_KEY] = { 0 }, salt[16] = { 0 };
  unsigned char wrapped[STORE_WRAPPED] = { 0 };
  return store_user_insert (c, d3_unit, u->name, "x", u->roles, pk, salt,
                            wrapped, NULL);
}

static enum store_status
d3_setting_run (struct store_conn *c, void *cls)
{
  const char *const *kv = cls;
  return store_setting_set (c, d3_unit, kv[0], kv[1]);
}

static enum store_status
d3_activity_run (struct store_conn *c, void *cls)
{
  return rs_activity_add (c, d3_unit, cls, "admin", d3_at ("2026-02-12",
                                                           15, 0), NULL);
}

/* Plain SQL on the database (what the store has no writer for). */
static void
d3_sql (const char *sql)
{
  sqlite3 *db;
  cr_assert_eq (sqlite3_open (d3_path, &db), SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  char *err = NULL;
  cr_assert_eq (sqlite3_exec (db, sql, NULL, NULL, &err), SQLITE_OK, "%s",
                err ? err : "");
  sqlite3_close (db);
}

/* The WBS team: two members by the cut-off, one disabled, one added after
   the cut-off, an admin; names printed on the unit's request. */
static void
d3_team (void)
{
  struct d3_user u[] = {
    { "wbs_satu", ROLE_PENGELOLA_WBS },
    { "wbs_dua", ROLE_PENGELOLA_WBS | ROLE_CUSTODIAN },
    { "wbs_nonaktif", ROLE_PENGELOLA_WBS },
    { "wbs_baru", ROLE_PENGELOLA_WBS },
    { "admin", ROLE_ADMIN } };
  for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
    cr_assert_eq (store_write_sync (d3_s, &d3_user_run, &u[i]), STORE_OK);
  char sql[400];
  snprintf (sql, sizeof sql,
            "UPDATE users SET created_at = %lld;"
            " UPDATE users SET created_at = %lld WHERE username = 'wbs_baru';"
            " UPDATE users SET disabled = 1 WHERE username = 'wbs_nonaktif';",
            (long long) d3_at ("2026-01-05", 8, 0),
            (long long) d3_at ("2026-07-01", 8, 0));
  d3_sql (sql);
  const char *names[] = { "wbs_report_names", "yes" };
  cr_assert_eq (store_write_sync (d3_s, &d3_setting_run, names), STORE_OK);
  const char *rule[] = { "wbs_identity_approval", "custodian" };
  cr_assert_eq (store_write_sync (d3_s, &d3_setting_run, rule), STORE_OK);
  struct rs_activity a = { .kind = "sosialisasi_wbs", .day = "2026-02-12",
                           .title = "Sosialisasi WBS kepada pegawai",
                           .place = "Aula", .participants = 40,
                           .evidence_ref = "Undangan 005/12/2026" };
  cr_assert_eq (store_write_sync (d3_s, &d3_activity_run, &a), STORE_OK);
}

/* The seven reports of the worked example (see the test below for the
   figures), with a regional holiday on Wednesday 25 March 2026 and events
   after the cut-off that must change nothing. */
static int64_t d3_ids[7];

static void
d3_seed_seven (void)
{
  const char *holiday = "2026-03-25";
  cr_assert_eq (store_write_sync (d3_s, &d3_holiday_run, (void *) holiday),
                STORE_OK);
  /* R1: on time, investigated, proven, then closed. */
  int64_t r1 = d3_ids[0] = d3_report ("2026-03-02", "KORUPSI", false);
  d3_event (r1, "DITERIMA", "DITELAAH", "2026-03-04");
  d3_event (r1, "DITELAAH", "DIINVESTIGASI", "2026-03-10");
  d3_event (r1, "DIINVESTIGASI", "TERBUKTI", "2026-04-14");
  d3_event (r1, "TERBUKTI", "SELESAI", "2026-04-20");
  /* R2: acknowledged late, rejected on time, closed. */
  int64_t r2 = d3_ids[1] = d3_report ("2026-03-16", "KORUPSI", false);
  d3_event (r2, "DITERIMA", "DITELAAH", "2026-03-23");
  d3_event (r2, "DITELAAH", "TIDAK_MEMENUHI", "2026-03-27");
  d3_event (r2, "TIDAK_MEMENUHI", "SELESAI", "2026-04-01");
  /* R3: forwarded to the APIP late. */
  int64_t r3 = d3_ids[2] = d3_report ("2026-04-06", "KORUPSI", true);
  d3_event (r3, "DITERIMA", "DITELAAH", "2026-04-08");
  d3_event (r3, "DITELAAH", "DITERUSKAN_APIP", "2026-04-30");
  /* R4: under investigation past its deadline; proven only after the
     cut-off. */
  int64_t r4 = d3_ids[3] = d3_report ("2026-05-04", "KORUPSI", false);
  d3_event (r4, "DITERIMA", "DITELAAH", "2026-05-06");
  d3_event (r4, "DITELAAH", "DIINVESTIGASI", "2026-05-11");
  d3_event (r4, "DIINVESTIGASI", "TERBUKTI", "2026-07-02");
  /* R5: received on the penultimate day, not yet due. */
  int64_t r5 = d3_ids[4] = d3_report ("2026-06-29", "KORUPSI", false);
  /* R6: investigated, not proven, late. */
  int64_t r6 = d3_ids[5] = d3_report ("2026-01-15", "PUNGLI", true);
  d3_event (r6, "DITERIMA", "DITELAAH", "2026-01-16");
  d3_event (r6, "DITELAAH", "DIINVESTIGASI", "2026-01-30");
  d3_event (r6, "DIINVESTIGASI", "TIDAK_TERBUKTI", "2026-03-31");
  /* R7: acknowledged late, review overdue; forwarded after the cut-off. */
  int64_t r7 = d3_ids[6] = d3_report ("2026-02-10", "PUNGLI", false);
  d3_event (r7, "DITERIMA", "DITELAAH", "2026-02-20");
  d3_event (r7, "DITELAAH", "DITERUSKAN_APH_KPK", "2026-07-01");
  /* Communication: R1 team + reporter, R2 an internal note only, R3 a
     reporter message, R5 a team message after the cut-off. */
  d3_msg (r1, "team", false, "2026-03-05");
  d3_msg (r1, "reporter", false, "2026-03-06");
  d3_msg (r2, "team", true, "2026-03-24");
  d3_msg (r3, "reporter", false, "2026-04-09");
  d3_msg (r5, "team", false, "2026-07-01");
  /* Identity: R3 approved at once; R6 refused by a custodian, then asked
     again on the cut-off day and approved the day after; R1 asked after
     the cut-off. */
  d3_request (r3, "2026-04-10", "DISETUJUI", NULL, NULL);
  d3_request (r6, "2026-03-01", "MENUNGGU", "2026-03-02", "DITOLAK");
  d3_request (r6, "2026-06-30", "MENUNGGU", "2026-07-01", "DISETUJUI");
  d3_request (r1, "2026-07-03", "MENUNGGU", NULL, NULL);
  /* A report of another period. */
  d3_report ("2025-12-31", "KORUPSI", false);
}

/* ---- the engine ---- */

static bool
d3_ctx (struct report_ctx *x, const char *variant, const char *cutoff,
        const char *format)
{
  struct report_params p;
  char field[16], msg[200], err[200];
  cr_assert (report_params_parse (&p, "wbs-monev", "2026-S1", cutoff,
                                  "2026-07-10", variant, NULL, format,
                                  D3_TODAY, field, msg, sizeof msg),
             "%s: %s", field, msg);
  struct unit u;
  cr_assert_eq (store_unit_by_slug (d3_s, "dinas", &u), STORE_OK);
  cr_assert (report_ctx_open (x, &d3_app, &u, &p, D3_TODAY, err,
                              sizeof err), "%s", err);
  x->wbs.sk = d3_sk;
  return true;
}

static json_t *
d3_model (const char *variant, const char *cutoff)
{
  struct report_ctx x;
  char err[200] = "";
  d3_ctx (&x, variant, cutoff, "json");
  json_t *m = x.prm.def->model (&x, err, sizeof err);
  report_ctx_close (&x);
  cr_assert_not_null (m, "%s", err);
  return m;
}

/* Render in FORMAT; the file's bytes (malloc'ed, NUL-terminated). */
static char *
d3_render (const char *variant, const char *format, size_t *len)
{
  struct report_ctx x;
  struct report_out out;
  char err[200] = "";
  d3_ctx (&x, variant, NULL, format);
  cr_assert (report_make (&x, &out, err, sizeof err), "%s %s: %s", variant,
             format, err);
  report_ctx_close (&x);
  cr_assert_gt (out.file.len, 0);
  buf_append (&out.file, "", 1);
  size_t n = out.file.len - 1;
  char *p = buf_steal (&out.file, NULL);
  report_out_free (&out);
  if (len)
    *len = n;
  return p;
}

/* The row ID of the table KEY of M. */
static const json_t *
d3_row (const json_t *m, const char *key, const char *id)
{
  size_t i;
  json_t *r;
  json_array_foreach (json_object_get (m, key), i, r)
    if (0 == strcmp (json_string_value (json_object_get (r, "id")), id))
      return r;
  cr_assert_fail ("no row %s in %s", id, key);
  return NULL;
}

static json_int_t
d3_int (const json_t *o, const char *k)
{
  const json_t *v = json_object_get (o, k);
  cr_assert (json_is_integer (v), "%s is not a number", k);
  return json_integer_value (v);
}

static json_int_t
d3_count (const json_t *m, const char *key, const char *id)
{
  return d3_int (d3_row (m, key, id), "count");
}

static const char *
d3_text (const json_t *o, const char *k)
{
  const json_t *v = json_object_get (o, k);
  cr_assert (json_is_string (v), "%s is not a string", k);
  return json_string_value (v);
}

static void
d3_real (const json_t *o, const char *k, double want)
{
  const json_t *v = json_object_get (o, k);
  cr_assert (json_is_number (v), "%s is not a number", k);
  cr_assert_float_eq (json_number_value (v), want, 1e-9, "%s: %f != %f", k,
                      json_number_value (v), want);
}

static void
d3_no_secret (const char *text, const char *what)
{
  for (size_t i = 0; i < d3_n_lookups; i++)
    cr_assert_null (strstr (text, d3_lookups[i]), "lookup %s in %s",
                    d3_lookups[i], what);
  cr_assert_null (strstr (text, "pelicin"), "report text in %s", what);
  cr_assert_null (strstr (text, "Terlapor"), "reported name in %s", what);
  cr_assert_null (strstr (text, "Pelapor Rahasia"), "identity in %s", what);
}

static void
d3_stage (const json_t *tl, const char *stage, json_int_t tepat,
          json_int_t ts, json_int_t tbs, json_int_t bjt, double pct,
          json_int_t n, double median, double mean, json_int_t max)
{
  const json_t *s = json_object_get (tl, stage);
  cr_assert_not_null (s, "%s", stage);
  cr_assert_eq (d3_int (s, "populasi"), tepat + ts + tbs + bjt, "%s", stage);
  cr_assert_eq (d3_int (s, "tepat"), tepat, "%s tepat", stage);
  cr_assert_eq (d3_int (s, "terlambat_selesai"), ts, "%s ts", stage);
  cr_assert_eq (d3_int (s, "terlambat_belum_selesai"), tbs, "%s tbs", stage);
  cr_assert_eq (d3_int (s, "belum_jatuh_tempo"), bjt, "%s bjt", stage);
  d3_real (s, "pct_tepat", pct);
  cr_assert_eq (d3_int (s, "n"), n, "%s n", stage);
  d3_real (s, "median", median);
  d3_real (s, "mean", mean);
  cr_assert_eq (d3_int (s, "max"), max, "%s max", stage);
}

/* ---- tests ---- */

Test (d3, needs_the_wbs_key)
{
  struct report_ctx x;
  char err[200] = "";
  d3_ctx (&x, "terbatas", NULL, "json");
  x.wbs.sk = NULL;
  json_t *m = x.prm.def->model (&x, err, sizeof err);
  report_ctx_close (&x);
  cr_assert_null (m);
  cr_assert_str_eq (err, "the WBS key is not unlocked");
  /* The document is listed, for semesters only. */
  cr_assert_not_null (report_def_find ("wbs-monev"));
  struct report_params p;
  char field[16], msg[200];
  cr_assert_not (report_params_parse (&p, "wbs-monev", "2026-Q1", NULL, NULL,
                                      NULL, NULL, "json", D3_TODAY, field,
                                      msg, sizeof msg));
  cr_assert_str_eq (field, "period");
  /* A wrong key opens nothing: the model refuses rather than miscount. */
  d3_report ("2026-02-02", "PUNGLI", false);
  unsigned char *other = vault_secret_new (32);
  unsigned char pk[VAULT_PK_BYTES];
  vault_keypair (pk, other);
  d3_ctx (&x, "publik", NULL, "json");
  x.wbs.sk = other;
  m = x.prm.def->model (&x, err, sizeof err);
  report_ctx_close (&x);
  vault_secret_free (other);
  cr_assert_null (m);
  cr_assert_str_eq (err, "a WBS report does not open with this unit's WBS"
                         " key");
}

Test (d3, zero_reports)
{
  d3_team ();
  d3_report ("2025-12-31", "KORUPSI", false);   /* another period */
  d3_report ("2026-07-01", "PUNGLI", false);
  static const char *const variants[] = { "publik", "terbatas" };
  for (size_t v = 0; v < 2; v++)
  {
    json_t *m = d3_model (variants[v], NULL);
    cr_assert_eq (d3_int (m, "total"), 0);
    cr_assert (json_is_true (json_object_get (m, "nihil")));
    cr_assert (json_is_false (json_object_get (m, "suppressed")));
    cr_assert_eq (d3_int (m, "records_read"), 0);
    static const char *const tables[] = { "by_month", "by_category",
                                          "by_status", "by_outcome" };
    static const size_t rows[] = { 6, 8, 9, 6 };
    for (size_t t = 0; t < 4; t++)
    {
      const json_t *a = json_object_get (m, tables[t]);
      cr_assert_eq (json_array_size (a), rows[t], "%s", tables[t]);
      for (size_t i = 0; i < rows[t]; i++)
        cr_assert_eq (d3_int (json_array_get (a, i), "count"), 0);
    }
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (m,
                                                                "by_month"),
                                               0), "id"), "2026-01");
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (m,
                                                                "by_month"),
                                               5), "label"), "Juni");
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (
                                                 m, "by_category"), 7),
                               "id"), "LAINNYA");
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (m,
                                                                "by_status"),
                                               8), "id"), "SELESAI");
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (
                                                 m, "by_outcome"), 5), "id"),
                      "dalam_proses");
    const json_t *tl = json_object_get (m, "timeliness");
    static const char *const stages[] = { "penerimaan", "telaah",
                                          "investigasi" };
    for (size_t s = 0; s < 3; s++)
    {
      const json_t *st = json_object_get (tl, stages[s]);
      cr_assert_eq (d3_int (st, "populasi"), 0);
      cr_assert_eq (d3_int (st, "tepat"), 0);
      cr_assert (json_is_null (json_object_get (st, "pct_tepat")));
    }
    cr_assert_eq (d3_int (json_object_get (tl, "penerimaan"), "batas_hk"), 3);
    cr_assert_eq (d3_int (json_object_get (tl, "telaah"), "batas_hk"), 10);
    cr_assert_eq (d3_int (json_object_get (tl, "investigasi"), "batas_hk"),
                  30);
    const json_t *hk = json_object_get (m, "hk_penanganan");
    cr_assert_eq (d3_int (hk, "n"), 0);
    cr_assert (json_is_null (json_object_get (hk, "median")));
    const json_t *c = json_object_get (m, "communication");
    static const char *const ck[] = { "pesan_tim", "pesan_pelapor",
                                      "identitas", "diajukan", "disetujui",
                                      "ditolak" };
    for (size_t i = 0; i < 6; i++)
      cr_assert_eq (d3_int (c, ck[i]), 0, "%s", ck[i]);
    const json_t *k = json_object_get (m, "kalimat");
    cr_assert_eq (json_array_size (k), 1);
    cr_assert_str_eq (json_string_value (json_array_get (k, 0)),
                      "Selama Semester I Tahun 2026 tidak terdapat laporan"
                      " WBS yang diterima.");
    /* Section II: the channel, the team at the cut-off, the rule. */
    cr_assert_str_eq (d3_text (json_object_get (m, "channel"), "url"),
                      "/u/dinas/wbs");
    cr_assert_str_eq (d3_text (json_object_get (m, "channel"), "keterangan"),
                      "laporan dapat disampaikan tanpa identitas; alamat IP"
                      " tidak disimpan");
    const json_t *tm = json_object_get (m, "team");
    cr_assert_eq (d3_int (tm, "jumlah"), 2);
    cr_assert_str_eq (d3_text (tm, "identity_approval"), "custodian");
    const json_t *names = json_object_get (tm, "names");
    if (v == 0)
      cr_assert_null (names, "names in the publik variant");
    else
    {
      cr_assert_eq (json_array_size (names), 2);
      cr_assert_str_eq (json_string_value (json_array_get (names, 0)),
                        "wbs_dua");
    }
    cr_assert_eq (json_array_size (json_object_get (json_object_get (
                                                      m, "activities"),
                                                    "sosialisasi_wbs")), 1);
    cr_assert_not_null (json_object_get (json_object_get (m,
                                                          "tl_rekomendasi"),
                                         "summary"));
    if (v == 1)
      cr_assert_eq (json_array_size (json_object_get (m, "register")), 0);
    else
      cr_assert_null (json_object_get (m, "register"));
    json_decref (m);
  }
  /* The document still renders, and says "Nihil". */
  char *html = d3_render ("publik", "html", NULL);
  cr_assert_not_null (strstr (html, "tidak terdapat laporan WBS yang"
                                    " diterima"));
  cr_assert_not_null (strstr (html, "Nihil"));
  cr_assert_not_null (strstr (html, "LAPORAN MONITORING DAN EVALUASI"
                                    " PENERAPAN WHISTLE-BLOWING SYSTEM"
                                    " (WBS)"));
  cr_assert_not_null (strstr (html, "DINAS UJI COBA"));
  cr_assert_not_null (strstr (html, "SEMESTER I TAHUN 2026"));
  cr_assert_null (strstr (html, "wbs_dua"), "a team name in publik");
  free (html);
}

Test (d3, publik_total_of_three_is_withheld)
{
  d3_report ("2026-01-20", "KORUPSI", true);
  int64_t b = d3_report ("2026-02-03", "PUNGLI", false);
  d3_report ("2026-06-30", "LAINNYA", false);
  d3_event (b, "DITERIMA", "DITELAAH", "2026-02-04");
  d3_msg (b, "team", false, "2026-02-05");
  json_t *m = d3_model ("publik", NULL);
  cr_assert_str_eq (d3_text (m, "total"), "< 5");
  cr_assert (json_is_true (json_object_get (m, "suppressed")));
  static const char *const withheld[] = { "by_month", "by_category",
                                          "by_status", "by_outcome",
                                          "timeliness", "communication",
                                          "hk_penanganan" };
  for (size_t i = 0; i < sizeof withheld / sizeof withheld[0]; i++)
  {
    const json_t *v = json_object_get (m, withheld[i]);
    cr_assert_not_null (v, "%s missing", withheld[i]);
    cr_assert (json_is_null (v), "%s not withheld", withheld[i]);
  }
  cr_assert_null (json_object_get (m, "register"));
  cr_assert_eq (d3_int (m, "records_read"), 3);
  char *text = report_canonical (NULL, m);
  cr_assert_null (strstr (text, "KORUPSI"), "a row label in a withheld"
                                            " model");
  cr_assert_null (strstr (text, "Januari"));
  d3_no_secret (text, "the publik model");
  free (text);
  const json_t *k = json_object_get (m, "kalimat");
  cr_assert_str_eq (json_string_value (json_array_get (k, 0)),
                    "Selama Semester I Tahun 2026 diterima kurang dari 5"
                    " laporan WBS; rincian tidak ditampilkan untuk menjaga"
                    " kerahasiaan pelapor.");
  json_decref (m);
  /* The same reports in terbatas: exact. */
  m = d3_model ("terbatas", NULL);
  cr_assert_eq (d3_int (m, "total"), 3);
  cr_assert (json_is_false (json_object_get (m, "suppressed")));
  cr_assert_eq (d3_count (m, "by_category", "PUNGLI"), 1);
  cr_assert_eq (d3_count (m, "by_status", "DITELAAH"), 1);
  cr_assert_eq (d3_int (json_object_get (m, "communication"), "pesan_tim"),
                1);
  cr_assert_eq (d3_int (json_object_get (m, "communication"), "identitas"),
                1);
  json_decref (m);
  char *html = d3_render ("publik", "html", NULL);
  cr_assert_not_null (strstr (html, "Rincian tidak ditampilkan karena jumlah"
                                    " laporan kurang dari 5."));
  cr_assert_null (strstr (html, "TERBATAS"));
  d3_no_secret (html, "the publik HTML");
  free (html);
}

/* The worked example by hand (HK: Monday-Friday without the regional
   holiday of 25 March; no national holiday is loaded).

   report  received  DITELAAH  review            verdict        hasil
   R1      Mon 02-03 04-03     DIINV 10-03       TERBUKTI 14-04 terbukti
   R2      Mon 16-03 23-03     TIDAK_MEM 27-03   -              tidak_memenuhi
   R3      Mon 06-04 08-04     APIP 30-04        -              diteruskan_apip
   R4      Mon 04-05 06-05     DIINV 11-05       (02-07 later)  dalam_proses
   R5      Mon 29-06 -         -                 -              dalam_proses
   R6      Thu 15-01 16-01     DIINV 30-01       TIDAK_T 31-03  tidak_terbukti
   R7      Tue 10-02 20-02     (APH 01-07 later) -              dalam_proses

   Penerimaan (3 HK): R1 2 tepat, R2 5 late (due 19-03), R3 2, R4 2, R6 1
   tepat, R7 8 late (due 13-02), R5 due 02-07 > 30-06: belum jatuh tempo.
   tepat 4, terlambat 2 -> 66,67 %; HK {1,2,2,2,5,8}: median 2, mean
   3,33, max 8.
   Telaah (10 HK): R1 4 (due 18-03), R2 3 (24, 26, 27; due 07-04), R3 16
   (due 22-04: late), R4 3, R6 10 (due 30-01: on the day), R7 open and due
   06-03: late.  tepat 4, terlambat selesai 1, belum selesai 1 -> 66,67 %;
   HK {3,3,4,10,16}: median 4, mean 7,2, max 16.
   Investigasi (30 HK): R1 24 (due 22-04), R6 41 (due 13-03: late), R4 due
   22-06 and open: late.  1 / 3 = 33,33 %; HK {24, 41}: median 32,5.
   HK penanganan: R1 30, R2 8, R3 18, R6 52 (each one less without the
   holiday, which falls in all of them but R3): median 24, mean 27,
   max 52. */
Test (d3, terbatas_exact_figures)
{
  d3_team ();
  d3_seed_seven ();
  json_t *m = d3_model ("terbatas", NULL);
  cr_assert_eq (d3_int (m, "total"), 7);
  cr_assert_eq (d3_int (m, "records_read"), 7);
  cr_assert (json_is_false (json_object_get (m, "suppressed")));
  cr_assert_str_eq (d3_text (m, "variant"), "terbatas");
  /* W1 */
  static const char *const months[] = { "2026-01", "2026-02", "2026-03",
                                        "2026-04", "2026-05", "2026-06" };
  static const json_int_t per_month[] = { 1, 1, 2, 1, 1, 1 };
  for (size_t i = 0; i < 6; i++)
    cr_assert_eq (d3_count (m, "by_month", months[i]), per_month[i], "%s",
                  months[i]);
  /* W2: the category comes from the sealed body. */
  cr_assert_eq (d3_count (m, "by_category", "KORUPSI"), 5);
  cr_assert_eq (d3_count (m, "by_category", "PUNGLI"), 2);
  cr_assert_eq (d3_count (m, "by_category", "GRATIFIKASI_SUAP"), 0);
  cr_assert_str_eq (d3_text (d3_row (m, "by_category", "PUNGLI"), "label"),
                    "Pungutan liar");
  /* W3 */
  static const struct { const char *id; json_int_t n; } st[] = {
    { "DITERIMA", 1 }, { "DITELAAH", 1 }, { "TIDAK_MEMENUHI", 0 },
    { "DITERUSKAN_APIP", 1 }, { "DITERUSKAN_APH_KPK", 0 },
    { "DIINVESTIGASI", 1 }, { "TERBUKTI", 0 }, { "TIDAK_TERBUKTI", 1 },
    { "SELESAI", 2 } };
  for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
  {
    cr_assert_str_eq (d3_text (json_array_get (json_object_get (m,
                                                                "by_status"),
                                               i), "id"), st[i].id);
    cr_assert_eq (d3_count (m, "by_status", st[i].id), st[i].n, "%s",
                  st[i].id);
  }
  /* W4: a later SELESAI keeps the outcome. */
  cr_assert_eq (d3_count (m, "by_outcome", "tidak_memenuhi"), 1);
  cr_assert_eq (d3_count (m, "by_outcome", "diteruskan_apip"), 1);
  cr_assert_eq (d3_count (m, "by_outcome", "diteruskan_aph_kpk"), 0);
  cr_assert_eq (d3_count (m, "by_outcome", "terbukti"), 1);
  cr_assert_eq (d3_count (m, "by_outcome", "tidak_terbukti"), 1);
  cr_assert_eq (d3_count (m, "by_outcome", "dalam_proses"), 3);
  /* W5 */
  const json_t *tl = json_object_get (m, "timeliness");
  d3_stage (tl, "penerimaan", 4, 2, 0, 1, 66.67, 6, 2, 3.33, 8);
  d3_stage (tl, "telaah", 4, 1, 1, 0, 66.67, 5, 4, 7.2, 16);
  d3_stage (tl, "investigasi", 1, 1, 1, 0, 33.33, 2, 32.5, 32.5, 41);
  const json_t *hk = json_object_get (m, "hk_penanganan");
  cr_assert_eq (d3_int (hk, "n"), 4);
  d3_real (hk, "median", 24);
  d3_real (hk, "mean", 27);
  cr_assert_eq (d3_int (hk, "max"), 52);
  /* W6 */
  const json_t *c = json_object_get (m, "communication");
  cr_assert_eq (d3_int (c, "pesan_tim"), 1);
  cr_assert_eq (d3_int (c, "pesan_pelapor"), 2);
  cr_assert_eq (d3_int (c, "identitas"), 2);
  cr_assert_eq (d3_int (c, "diajukan"), 3);
  cr_assert_eq (d3_int (c, "disetujui"), 1);
  cr_assert_eq (d3_int (c, "ditolak"), 1);
  /* W7: by received time, the internal id, never the lookup. */
  const json_t *reg = json_object_get (m, "register");
  cr_assert_eq (json_array_size (reg), 7);
  const json_t *r0 = json_array_get (reg, 0);
  cr_assert_eq (d3_int (r0, "no_register"), d3_ids[5]);      /* R6 */
  cr_assert_str_eq (d3_text (r0, "bulan"), "2026-01");
  cr_assert_str_eq (d3_text (r0, "kategori"), "PUNGLI");
  cr_assert_str_eq (d3_text (r0, "status"), "TIDAK_TERBUKTI");
  cr_assert_str_eq (d3_text (r0, "hasil"), "tidak_terbukti");
  cr_assert_str_eq (d3_text (r0, "tgl_keputusan"), "2026-03-31");
  cr_assert_eq (d3_int (r0, "hk_penanganan"), 52);
  const json_t *r2 = json_array_get (reg, 2);                /* R1 */
  cr_assert_eq (d3_int (r2, "no_register"), d3_ids[0]);
  cr_assert_str_eq (d3_text (r2, "status"), "SELESAI");
  cr_assert_str_eq (d3_text (r2, "hasil"), "terbukti");
  cr_assert_str_eq (d3_text (r2, "tgl_keputusan"), "2026-04-14");
  cr_assert_eq (d3_int (r2, "hk_penanganan"), 30);
  const json_t *r6 = json_array_get (reg, 6);                /* R5 */
  cr_assert_str_eq (d3_text (r6, "hasil"), "dalam_proses");
  cr_assert (json_is_null (json_object_get (r6, "tgl_keputusan")));
  cr_assert (json_is_null (json_object_get (r6, "hk_penanganan")));
  /* The sentences. */
  const json_t *k = json_object_get (m, "kalimat");
  cr_assert_str_eq (json_string_value (json_array_get (k, 0)),
                    "Selama Semester I Tahun 2026 diterima 7 laporan WBS;"
                    " per 30 Juni 2026, 4 telah memperoleh hasil penanganan"
                    " dan 3 masih dalam proses.");
  cr_assert_str_eq (json_string_value (json_array_get (k, 1)),
                    "Ketepatan waktu tahap penerimaan 66,67 % (batas 3 HK),"
                    " tahap telaah 66,67 % (batas 10 HK), dan tahap"
                    " investigasi 33,33 % (batas 30 HK).");
  char *text = report_canonical (NULL, m);
  d3_no_secret (text, "the terbatas model");
  free (text);
  json_decref (m);
  /* Banner, register and team names on the team's copy. */
  char *html = d3_render ("terbatas", "html", NULL);
  cr_assert_not_null (strstr (html, "TERBATAS — hanya untuk Tim WBS"));
  cr_assert_not_null (strstr (html, "Register laporan WBS"));
  cr_assert_not_null (strstr (html, "wbs_satu"));
  d3_no_secret (html, "the terbatas HTML");
  free (html);
}

Test (d3, events_after_the_cutoff_change_nothing)
{
  d3_seed_seven ();
  json_t *a = d3_model ("terbatas", NULL);
  char *ca = report_canonical (NULL, a);
  /* More history after 30 June 2026: a status, messages, a request, a
     decision. */
  d3_event (d3_ids[4], "DITERIMA", "DITELAAH", "2026-07-01");
  d3_event (d3_ids[2], "DITERUSKAN_APIP", "SELESAI", "2026-07-06");
  d3_msg (d3_ids[6], "reporter", false, "2026-07-02");
  d3_request (d3_ids[0], "2026-07-04", "MENUNGGU", "2026-07-05",
              "DITOLAK");
  json_t *b = d3_model ("terbatas", NULL);
  char *cb = report_canonical (NULL, b);
  cr_assert_str_eq (ca, cb);
  free (ca);
  free (cb);
  json_decref (a);
  json_decref (b);
  /* A later cut-off sees them. */
  json_t *m = d3_model ("terbatas", "2026-07-31");
  cr_assert_eq (d3_count (m, "by_outcome", "terbukti"), 2);
  cr_assert_eq (d3_count (m, "by_outcome", "diteruskan_aph_kpk"), 1);
  cr_assert_eq (d3_count (m, "by_outcome", "dalam_proses"), 1);
  cr_assert_eq (d3_int (json_object_get (m, "communication"), "pesan_tim"),
                2);
  cr_assert_eq (d3_int (json_object_get (m, "communication"), "disetujui"),
                2);
  cr_assert_eq (d3_int (json_object_get (m, "communication"), "ditolak"), 2);
  json_decref (m);
}

Test (d3, publik_seven_split_five_two)
{
  d3_seed_seven ();
  json_t *m = d3_model ("publik", NULL);
  cr_assert (json_is_true (json_object_get (m, "suppressed")));
  /* §2.7: the 2 is primary; alone it is recoverable from the total, so
     the smallest other non-zero cell, the 5, is hidden too. */
  cr_assert_eq (d3_int (m, "total"), 7);
  cr_assert_str_eq (d3_text (d3_row (m, "by_category", "KORUPSI"), "count"),
                    "*");
  cr_assert_str_eq (d3_text (d3_row (m, "by_category", "PUNGLI"), "count"),
                    "< 5");
  cr_assert_eq (d3_count (m, "by_category", "PENGADAAN"), 0);
  /* W1 1,1,2,1,1,1: six primaries summing to 7 (not all 1, not all 4). */
  static const char *const months[] = { "2026-01", "2026-02", "2026-03",
                                        "2026-04", "2026-05", "2026-06" };
  for (size_t i = 0; i < 6; i++)
    cr_assert_str_eq (d3_text (d3_row (m, "by_month", months[i]), "count"),
                      "< 5");
  /* W3, W4: small cells "< 5", zeros stay 0. */
  cr_assert_str_eq (d3_text (d3_row (m, "by_status", "SELESAI"), "count"),
                    "< 5");
  cr_assert_eq (d3_count (m, "by_status", "TERBUKTI"), 0);
  cr_assert_str_eq (d3_text (d3_row (m, "by_outcome", "dalam_proses"),
                             "count"), "< 5");
  cr_assert_eq (d3_count (m, "by_outcome", "diteruskan_aph_kpk"), 0);
  /* W5: only pct_tepat of stages with >= 5 reports. */
  const json_t *tl = json_object_get (m, "timeliness");
  const json_t *pen = json_object_get (tl, "penerimaan");
  d3_real (pen, "pct_tepat", 66.67);
  static const char *const nulls[] = { "populasi", "tepat",
                                       "terlambat_selesai",
                                       "terlambat_belum_selesai",
                                       "belum_jatuh_tempo", "n", "median",
                                       "mean", "max" };
  for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
    cr_assert (json_is_null (json_object_get (pen, nulls[i])), "%s",
               nulls[i]);
  cr_assert_eq (d3_int (pen, "batas_hk"), 3);
  d3_real (json_object_get (tl, "telaah"), "pct_tepat", 66.67);
  cr_assert (json_is_null (json_object_get (json_object_get (tl,
                                                             "investigasi"),
                                            "pct_tepat")));
  /* Handling time over 4 reports: withheld. */
  const json_t *hk = json_object_get (m, "hk_penanganan");
  cr_assert_str_eq (d3_text (hk, "n"), "< 5");
  cr_assert (json_is_null (json_object_get (hk, "median")));
  cr_assert (json_is_null (json_object_get (hk, "mean")));
  cr_assert (json_is_null (json_object_get (hk, "max")));
  /* W6: every count is 1-4. */
  const json_t *c = json_object_get (m, "communication");
  static const char *const ck[] = { "pesan_tim", "pesan_pelapor",
                                    "identitas", "diajukan", "disetujui",
                                    "ditolak" };
  for (size_t i = 0; i < 6; i++)
    cr_assert_str_eq (d3_text (c, ck[i]), "< 5", "%s", ck[i]);
  cr_assert_null (json_object_get (m, "register"));
  cr_assert_null (json_object_get (json_object_get (m, "team"), "names"));
  const json_t *k = json_object_get (m, "kalimat");
  cr_assert_str_eq (json_string_value (json_array_get (k, 0)),
                    "Selama Semester I Tahun 2026 diterima 7 laporan WBS.");
  cr_assert_str_eq (json_string_value (json_array_get (k, 1)),
                    "Ketepatan waktu tahap penerimaan 66,67 % (batas 3 HK),"
                    " tahap telaah 66,67 % (batas 10 HK), dan tahap"
                    " investigasi – (batas 30 HK).");
  cr_assert_eq (json_array_size (k), 2);
  char *text = report_canonical (NULL, m);
  d3_no_secret (text, "the publik model");
  free (text);
  json_decref (m);
  char *html = d3_render ("publik", "html", NULL);
  cr_assert_not_null (strstr (html, "&lt; 5"));
  cr_assert_null (strstr (html, "TERBATAS"));
  cr_assert_null (strstr (html, "Register laporan WBS"));
  d3_no_secret (html, "the publik HTML");
  free (html);
}

Test (d3, renders_json_html_csv)
{
  d3_team ();
  d3_seed_seven ();
  static const char *const variants[] = { "publik", "terbatas" };
  static const char *const formats[] = { "json", "html", "csv" };
  for (size_t v = 0; v < 2; v++)
    for (size_t f = 0; f < 3; f++)
    {
      size_t len;
      char *p = d3_render (variants[v], formats[f], &len);
      if (f != 2)
        d3_no_secret (p, formats[f]);
      else
      {
        /* A ZIP of stored entries: one CSV per table. */
        cr_assert_eq (memcmp (p, "PK", 2), 0);
        cr_assert_not_null (memmem (p, len, "by_category.csv", 15));
        cr_assert_not_null (memmem (p, len, "timeliness.csv", 14));
        for (size_t i = 0; i < d3_n_lookups; i++)
          cr_assert_null (memmem (p, len, d3_lookups[i],
                                  strlen (d3_lookups[i])));
        cr_assert_eq (NULL != memmem (p, len, "register.csv", 12), v == 1);
      }
      free (p);
    }
}

Test (d3, renders_pdf_xlsx)
{
  d3_seed_seven ();
  size_t len;
  char *p = d3_render ("terbatas", "pdf", &len);
  cr_assert_eq (memcmp (p, "%PDF", 4), 0);
  free (p);
  p = d3_render ("publik", "xlsx", &len);
  cr_assert_eq (memcmp (p, "PK", 2), 0);
  free (p);
}
