/*
 * Reports over HTTP (REPORTS.md §1.1, §1.4, §4, §7.6) through the real
 * binary: who may preview, finalise and read which document (the
 * document's own roles, the WBS key, "terbatas"); parameters refused with
 * the parameter named; finalising refused while required narrative slots
 * are empty and accepted once the narratives API fills them; artefact
 * downloads that hash to the recorded SHA-256; tracker items made from
 * the rekomendasi slot and their events; the unit's document data
 * validated with field names, stored all or nothing, and printed in the
 * PDF (pdftotext); and the staff pages (Laporan, a document's page with
 * its narrative and finalising forms, the embedded preview's style sheet).
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORM "application/x-www-form-urlencoded"
#define API "/api/v1/u/demo"
#define PW "kata-sandi-laporan-42"

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

TestSuite (reports, .init = start, .fini = stop, .timeout = 180);

/* ---- helpers ---- */

struct staff {
  char jar[400];
  char csrf[65];
};

/* Create USER with ROLE (and ROLE2), grant the WBS key when WBS, log in. */
static void
staff (struct staff *s, const char *user, const char *role, const char *role2,
       bool wbs)
{
  h_add_user (&srv, user, role, role2, PW);
  if (wbs)
    h_grant_by_recovery (&srv, user, "wbs");
  h_jar_path (&srv, user, s->jar, sizeof s->jar);
  cr_assert_eq (h_login (&srv, user, PW, NULL, s->jar, s->csrf), 200,
                "login %s", user);
}

static struct resp
get (struct staff *s, const char *path)
{
  return h_api (&srv, "GET", path, NULL, s ? s->jar : NULL, NULL);
}

static struct resp
post (struct staff *s, const char *path, const char *body)
{
  return h_api (&srv, "POST", path, body, s->jar, s->csrf);
}

static json_t *
body_json (const struct resp *r)
{
  json_error_t e;
  json_t *j = json_loads (r->body, 0, &e);
  cr_assert_not_null (j, "not JSON (%s): %.300s", e.text, r->body);
  return j;
}

/* Expect STATUS; return the body as JSON (caller frees) or NULL for a
   non-JSON body. */
static json_t *
expect (struct resp r, long status, const char *what)
{
  cr_assert_eq (r.status, status, "%s: %ld %.400s", what, r.status, r.body);
  json_t *j = json_loads (r.body, 0, NULL);
  h_resp_free (&r);
  return j;
}

/* The error's code and that FIELD is named in "fields". */
static void
expect_field (struct resp r, long status, const char *code,
              const char *field, const char *what)
{
  cr_assert_eq (r.status, status, "%s: %ld %.400s", what, r.status, r.body);
  json_t *j = body_json (&r);
  json_t *e = json_object_get (j, "error");
  if (code)
    cr_assert_str_eq (json_string_value (json_object_get (e, "code")), code,
                      "%s: %s", what, r.body);
  if (field)
    cr_assert_not_null (json_object_get (json_object_get (e, "fields"),
                                         field),
                        "%s: field %s not named: %s", what, field, r.body);
  json_decref (j);
  h_resp_free (&r);
}

static const char *
jstr (const json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

/* SELECT COUNT(*) FROM audit_log WHERE action = ACTION. */
static long
audit_count (const char *action)
{
  char cmd[1024];
  long n = -1;
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"SELECT"
            " COUNT(*) FROM audit_log WHERE action = '%s';\"", srv.data,
            action);
  FILE *p = popen (cmd, "r");
  if (NULL == p)
    return -1;
  if (1 != fscanf (p, "%ld", &n))
    n = -1;
  pclose (p);
  return n;
}

static void
sha256_hex (const void *data, size_t len, char out[65])
{
  unsigned char h[32];
  crypto_hash_sha256 (h, data, len);
  for (int i = 0; i < 32; i++)
    snprintf (out + 2 * i, 3, "%02x", h[i]);
}

/* The text of a PDF (pdftotext), malloc'ed. */
static char *
pdf_text (const struct resp *r)
{
  char path[400], cmd[900];
  snprintf (path, sizeof path, "%s/preview.pdf", srv.dir);
  FILE *f = fopen (path, "wb");
  cr_assert_not_null (f);
  cr_assert_eq (fwrite (r->body, 1, r->len, f), r->len);
  fclose (f);
  snprintf (cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p, "pdftotext");
  size_t cap = 1 << 20, n = 0;
  char *text = malloc (cap);
  size_t got;
  while ((got = fread (text + n, 1, cap - 1 - n, p)) > 0)
    n += got;
  text[n] = '\0';
  cr_assert_eq (pclose (p), 0, "pdftotext failed (poppler-utils)");
  return text;
}

/* The two required slots of D1 filled through the API. */
static void
fill_d1 (struct staff *s)
{
  json_t *j = expect (post (s, API "/reports/pengaduan-monev/narratives",
                            "{\"period\":\"2026-S1\",\"slot\":\"temuan\","
                            "\"text\":\"Verifikasi pengaduan WhatsApp rata-"
                            "rata melewati 3 HK.\"}"), 201, "temuan");
  cr_assert (json_integer_value (json_object_get (j, "version")) >= 1);
  json_decref (j);
  j = expect (post (s, API "/reports/pengaduan-monev/narratives",
                    "{\"period\":\"2026-S1\",\"slot\":\"rekomendasi\","
                    "\"text\":[{\"temuan\":\"Verifikasi lambat\","
                    "\"rekomendasi\":\"Petugas piket WhatsApp setiap hari"
                    " kerja\",\"penanggung_jawab\":\"Kepala Seksi"
                    " Pelayanan\",\"target_waktu\":\"TW III 2026\"},"
                    "{\"temuan\":\"Balasan tanpa templat\",\"rekomendasi\":"
                    "\"Templat balasan per kategori\",\"penanggung_jawab\":"
                    "\"Sekretaris\",\"target_waktu\":\"2026-08-31\"}]}"),
              201, "rekomendasi");
  json_decref (j);
}

/* ---- who may do what ---- */

Test (reports, roles_keys_and_anonymous)
{
  struct staff zi, petugas, wbs, wbs_nokey, pimpinan;
  staff (&zi, "zi", "tim_zi", NULL, false);
  staff (&petugas, "petugas", "petugas_pengaduan", NULL, false);
  staff (&wbs, "wbs", "pengelola_wbs", NULL, true);
  staff (&wbs_nokey, "wbs2", "pengelola_wbs", NULL, false);
  staff (&pimpinan, "kepala", "pimpinan", NULL, false);

  /* Anonymous: 401 from the API, the login page for the pages. */
  json_decref (expect (get (NULL, API "/reports?period=2026-S1"), 401,
                       "anonymous list"));
  json_decref (expect (get (NULL, API "/reports/pengaduan-monev?period="
                            "2026-S1"), 401, "anonymous preview"));
  struct resp r = get (NULL, "/staff/laporan");
  cr_assert_eq (r.status, 303, "%ld", r.status);
  cr_assert_not_null (strstr (r.headers, "/staff/masuk"));
  h_resp_free (&r);

  /* A complaint officer previews D1 (the document names the role) but
     neither writes its narratives nor finalises it, and has no WBS
     document nor the tracker. */
  json_t *m = expect (get (&petugas, API "/reports/pengaduan-monev?period="
                           "2026-S1"), 200, "petugas preview D1");
  cr_assert_str_eq (jstr (m, "doc"), "pengaduan-monev");
  json_decref (m);
  expect_field (post (&petugas, API "/reports/pengaduan-monev/artefacts",
                      "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\"}"),
                403, "forbidden", NULL, "petugas finalise");
  expect_field (post (&petugas, API "/reports/pengaduan-monev/narratives",
                      "{\"period\":\"2026-S1\",\"slot\":\"temuan\","
                      "\"text\":\"x\"}"), 403, "forbidden", NULL,
                "petugas narrative");
  expect_field (get (&petugas, API "/reports/wbs-monev?period=2026-S1"), 403,
                "forbidden", NULL, "petugas D3");
  expect_field (get (&petugas, API "/recommendations"), 403, "forbidden",
                NULL, "petugas tracker");
  json_t *list = expect (get (&petugas, API "/reports?period=2026-S1"), 200,
                         "petugas list");
  size_t i;
  json_t *d;
  bool seen = false;
  json_array_foreach (json_object_get (list, "documents"), i, d)
    if (0 == strcmp (jstr (d, "key"), "pengaduan-monev"))
    {
      seen = true;
      cr_assert (json_is_true (json_object_get (d, "may_preview")));
      cr_assert (json_is_false (json_object_get (d, "may_finalise")));
    }
  cr_assert (seen);
  json_decref (list);

  /* A WBS manager without tim_zi: not D1 (its roles exclude the role);
     without the key, D3 is refused with a clear code. */
  expect_field (get (&wbs_nokey, API "/reports/pengaduan-monev?period="
                     "2026-S1"), 403, "forbidden", NULL, "wbs D1");
  expect_field (get (&wbs_nokey, API "/reports/wbs-monev?period=2026-S1"),
                403, "wbs_key_required", NULL, "wbs without key");
  expect_field (get (&zi, API "/reports/wbs-monev?period=2026-S1"), 403,
                "wbs_key_required", NULL, "tim_zi D3 (no key)");
  expect_field (get (&pimpinan, API "/reports/wbs-monev?period=2026-S1"),
                403, "wbs_key_required", NULL, "pimpinan D3 (no key)");

  /* With the key: publik and terbatas, each generation in the audit log;
     D4 of the WBS domain only. */
  long before = audit_count ("report_generate");
  m = expect (get (&wbs, API "/reports/wbs-monev?period=2026-S1"), 200,
              "wbs D3");
  cr_assert_str_eq (jstr (m, "doc"), "wbs-monev");
  cr_assert_str_eq (jstr (m, "variant"), "publik");
  json_decref (m);
  m = expect (get (&wbs, API "/reports/wbs-monev?period=2026-S1&variant="
                   "terbatas"), 200, "wbs D3 terbatas");
  json_decref (m);
  cr_assert_eq (audit_count ("report_generate"), before + 2);
  json_decref (expect (get (&wbs, API "/reports/tl-rekomendasi?period="
                            "2026-S1&domain=WBS"), 200, "wbs D4 WBS"));
  expect_field (get (&wbs, API "/reports/tl-rekomendasi?period=2026-S1"
                     "&domain=PENGADUAN"), 403, "forbidden", NULL,
                "wbs D4 PENGADUAN");
  /* The page says why the WBS document cannot be made. */
  r = get (&zi, "/staff/laporan?period=2026-S1");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Butuh kunci WBS"));
  cr_assert_not_null (strstr (r.body, "Laporan Monitoring dan Evaluasi"
                                      " Penanganan Pengaduan Masyarakat"));
  h_resp_free (&r);
  r = get (&wbs, "/staff/laporan?period=2026-S1");
  cr_assert_null (strstr (r.body, "Butuh kunci WBS"));
  h_resp_free (&r);

  /* The menu follows the route table. */
  r = get (&zi, "/staff");
  cr_assert_not_null (strstr (r.body, "href=\"/staff/laporan\""));
  cr_assert_not_null (strstr (r.body, "href=\"/staff/tindak-lanjut\""));
  h_resp_free (&r);
  r = get (&petugas, "/staff");
  cr_assert_not_null (strstr (r.body, "href=\"/staff/laporan\""));
  cr_assert_null (strstr (r.body, "href=\"/staff/tindak-lanjut\""));
  h_resp_free (&r);
}

/* ---- parameters ---- */

Test (reports, bad_parameters_name_the_parameter)
{
  struct staff zi;
  staff (&zi, "zi", "tim_zi", NULL, false);
  static const struct { const char *q, *field; } cases[] = {
    { "period=2026-S3", "period" },
    { "period=", "period" },
    { "format=pdf", "period" },
    { "period=2026-S1&cutoff=2026-06-29", "cutoff" },
    { "period=2026-S1&cutoff=30-06-2026", "cutoff" },
    { "period=2026-S1&date=2025-12-31", "date" },
    { "period=2026-S1&date=2026-13-01", "date" },
    { "period=2026-S1&format=docx", "format" },
    { "period=2026-S1&variant=terbatas", "variant" },
    { "period=2026-S1&domain=WBS", "domain" },
    { "period=2026-S1&format=csv&sep=tab", "sep" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
  {
    char path[200];
    snprintf (path, sizeof path, API "/reports/pengaduan-monev?%s",
              cases[i].q);
    expect_field (get (&zi, path), 400, "invalid_report_parameter",
                  cases[i].field, cases[i].q);
  }
  /* D4 takes a domain, and only a known one; D3 only semesters. */
  expect_field (get (&zi, API "/reports/tl-rekomendasi?period=2026-S1"
                     "&domain=KOPERASI"), 400, NULL, "domain", "domain");
  expect_field (get (&zi, API "/reports/wbs-monev?period=2026-Q1"), 400,
                NULL, "period", "D3 quarter");
  /* An unknown document is 404. */
  expect_field (get (&zi, API "/reports/laporan-rahasia?period=2026-S1"),
                404, "report_not_found", NULL, "unknown doc");
  /* The cut-off may be later than the period's end. */
  json_t *m = expect (get (&zi, API "/reports/pengaduan-monev?period=2026-S1"
                           "&cutoff=2026-07-15"), 200, "later cutoff");
  cr_assert_str_eq (jstr (m, "cutoff"), "2026-07-15");
  json_decref (m);
  /* Finalising names the missing date, and bad JSON keys. */
  expect_field (post (&zi, API "/reports/pengaduan-monev/artefacts",
                      "{\"period\":\"2026-S1\",\"format\":\"pdf\"}"), 400,
                "invalid_report_parameter", "date", "final without date");
  expect_field (post (&zi, API "/reports/pengaduan-monev/artefacts",
                      "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\","
                      "\"colour\":\"red\"}"), 400, NULL, "colour",
                "unknown key");
  expect_field (post (&zi, API "/reports/pengaduan-monev/artefacts",
                      "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\","
                      "\"cutoff\":\"2026-06-01\"}"), 400, NULL, "cutoff",
                "final cutoff before the end");
  /* Every format answers a file with its name. */
  static const struct { const char *f, *type, *name; } files[] = {
    { "pdf", "application/pdf", "pengaduan-monev-2026-s1.pdf" },
    { "xlsx", "application/vnd.openxmlformats", "pengaduan-monev-2026-s1"
                                                 ".xlsx" },
    { "html", "text/html", "pengaduan-monev-2026-s1.html" },
    { "csv", "application/zip", "pengaduan-monev-2026-s1.zip" },
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
  {
    char path[200], disp[200];
    snprintf (path, sizeof path, API "/reports/pengaduan-monev?period="
              "2026-S1&format=%s", files[i].f);
    struct resp r = get (&zi, path);
    cr_assert_eq (r.status, 200, "%s: %ld", files[i].f, r.status);
    cr_assert_not_null (strstr (r.headers, files[i].type), "%s: %s",
                        files[i].f, r.headers);
    snprintf (disp, sizeof disp, "attachment; filename=\"%s\"",
              files[i].name);
    cr_assert_not_null (strstr (r.headers, disp), "%s: %s", files[i].f,
                        r.headers);
    h_resp_free (&r);
  }
}

/* ---- narratives, finalising, artefacts, the tracker items ---- */

Test (reports, finalise_needs_slots_then_stores_hashes_and_tracks)
{
  struct staff zi;
  staff (&zi, "zi", "tim_zi", NULL, false);
  /* Refused while temuan and rekomendasi are empty, naming both. */
  struct resp r = post (&zi, API "/reports/pengaduan-monev/artefacts",
                        "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\","
                        "\"format\":\"pdf\"}");
  cr_assert_eq (r.status, 409, "%ld %s", r.status, r.body);
  json_t *j = body_json (&r);
  json_t *f = json_object_get (json_object_get (j, "error"), "fields");
  cr_assert_str_eq (jstr (json_object_get (j, "error"), "code"),
                    "narrative_required");
  cr_assert_not_null (json_object_get (f, "temuan"), "%s", r.body);
  cr_assert_not_null (json_object_get (f, "rekomendasi"), "%s", r.body);
  json_decref (j);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "report_artifacts"), 0);

  /* The narratives API: definitions, values, versions. */
  j = expect (get (&zi, API "/reports/pengaduan-monev/narratives?period="
                   "2026-S1"), 200, "narratives");
  cr_assert_eq (json_array_size (json_object_get (j, "missing")), 2);
  size_t i;
  json_t *s;
  bool table = false;
  json_array_foreach (json_object_get (j, "slots"), i, s)
    if (0 == strcmp (jstr (s, "slot"), "rekomendasi"))
    {
      table = 0 == strcmp (jstr (s, "kind"), "table")
              && json_is_true (json_object_get (s, "required"))
              && json_array_size (json_object_get (s, "columns")) == 4;
    }
  cr_assert (table, "rekomendasi is a required table slot");
  json_decref (j);
  /* Bad values name the slot; an unknown slot names "slot". */
  expect_field (post (&zi, API "/reports/pengaduan-monev/narratives",
                      "{\"period\":\"2026-S1\",\"slot\":\"rekomendasi\","
                      "\"text\":[{\"rekomendasi\":\"x\",\"target_waktu\":"
                      "\"kapan-kapan\"}]}"), 400, "validation_failed",
                "rekomendasi", "bad target");
  expect_field (post (&zi, API "/reports/pengaduan-monev/narratives",
                      "{\"period\":\"2026-S1\",\"slot\":\"rekomendasi\","
                      "\"text\":\"bukan daftar\"}"), 400, NULL,
                "rekomendasi", "table as text");
  expect_field (post (&zi, API "/reports/pengaduan-monev/narratives",
                      "{\"period\":\"2026-S1\",\"slot\":\"nomor\","
                      "\"text\":\"satu\\ndua\"}"), 400, NULL, "nomor",
                "line slot on two lines");
  expect_field (post (&zi, API "/reports/pengaduan-monev/narratives",
                      "{\"period\":\"2026-S1\",\"slot\":\"gosip\","
                      "\"text\":\"x\"}"), 400, NULL, "slot",
                "unknown slot");
  /* Only temuan filled: still refused, naming rekomendasi only. */
  j = expect (post (&zi, API "/reports/pengaduan-monev/narratives",
                    "{\"period\":\"2026-S1\",\"slot\":\"temuan\","
                    "\"text\":\"Draf pertama\"}"), 201, "temuan v1");
  json_decref (j);
  r = post (&zi, API "/reports/pengaduan-monev/artefacts",
            "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\"}");
  cr_assert_eq (r.status, 409);
  j = body_json (&r);
  f = json_object_get (json_object_get (j, "error"), "fields");
  cr_assert_null (json_object_get (f, "temuan"), "%s", r.body);
  cr_assert_not_null (json_object_get (f, "rekomendasi"), "%s", r.body);
  json_decref (j);
  h_resp_free (&r);
  long narr_before = audit_count ("report_narrative");
  fill_d1 (&zi);      /* temuan v2, rekomendasi v1 */
  cr_assert_eq (audit_count ("report_narrative"), narr_before + 2);

  /* The narratives appear in the model, with their versions. */
  j = expect (get (&zi, API "/reports/pengaduan-monev?period=2026-S1"), 200,
              "model");
  json_t *t = json_object_get (json_object_get (j, "narratives"), "temuan");
  cr_assert_eq (json_integer_value (json_object_get (t, "version")), 2);
  cr_assert_not_null (strstr (jstr (t, "value"), "melewati 3 HK"));
  json_decref (j);

  /* Finalised: stored, hashed, two tracker items, audited. */
  long fin_before = audit_count ("report_finalise");
  j = expect (post (&zi, API "/reports/pengaduan-monev/artefacts",
                    "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\","
                    "\"format\":\"pdf\"}"), 201, "finalise");
  json_int_t id = json_integer_value (json_object_get (j, "id"));
  char sha[65], model_sha[65];
  snprintf (sha, sizeof sha, "%s", jstr (j, "sha256"));
  snprintf (model_sha, sizeof model_sha, "%s", jstr (j, "model_sha256"));
  cr_assert_eq (strlen (sha), 64);
  cr_assert_eq (strlen (model_sha), 64);
  cr_assert_str_eq (jstr (j, "file_name"), "pengaduan-monev-2026-s1.pdf");
  cr_assert_eq (json_integer_value (json_object_get (j, "items_created")),
                2);
  json_decref (j);
  cr_assert_eq (audit_count ("report_finalise"), fin_before + 1);

  /* The download is the recorded file, and reading it is logged. */
  char path[120];
  snprintf (path, sizeof path, API "/reports/artefacts/%lld",
            (long long) id);
  long dl_before = audit_count ("report_download");
  r = get (&zi, path);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.headers, "application/pdf"));
  cr_assert_not_null (strstr (r.headers, "filename=\"pengaduan-monev-"
                                         "2026-s1.pdf\""));
  cr_assert (r.len > 1000 && 0 == memcmp (r.body, "%PDF", 4));
  char got[65];
  sha256_hex (r.body, r.len, got);
  cr_assert_str_eq (got, sha, "downloaded file hashes to the record");
  h_resp_free (&r);
  cr_assert_eq (audit_count ("report_download"), dl_before + 1);
  /* The page route serves the same bytes. */
  snprintf (path, sizeof path, "/staff/laporan/artefak/%lld",
            (long long) id);
  r = get (&zi, path);
  cr_assert_eq (r.status, 200);
  sha256_hex (r.body, r.len, got);
  cr_assert_str_eq (got, sha);
  h_resp_free (&r);
  expect_field (get (&zi, API "/reports/artefacts/999"), 404,
                "artefact_not_found", NULL, "unknown artefact");

  /* The list shows it final with its hash. */
  j = expect (get (&zi, API "/reports?period=2026-S1"), 200, "list");
  json_t *d;
  bool final = false;
  json_array_foreach (json_object_get (j, "documents"), i, d)
    if (0 == strcmp (jstr (d, "key"), "pengaduan-monev"))
    {
      final = 0 == strcmp (jstr (d, "status"), "final")
              && 0 == strcmp (jstr (json_object_get (d, "final"), "sha256"),
                              sha)
              && 0 == strcmp (jstr (json_object_get (d, "final"), "date"),
                              "2026-07-10");
      cr_assert (json_array_size (json_object_get (d, "lke")) >= 3);
    }
  cr_assert (final, "listed as final");
  cr_assert_eq (json_array_size (json_object_get (j, "artefacts")), 1);
  json_decref (j);

  /* The tracker items from the rekomendasi table. */
  j = expect (get (&zi, API "/recommendations?domain=PENGADUAN"), 200,
              "tracker");
  json_t *items = json_object_get (j, "items");
  cr_assert_eq (json_array_size (items), 2, "%s", json_dumps (j, 0));
  bool tw3 = false;
  json_array_foreach (items, i, d)
  {
    cr_assert_str_eq (jstr (d, "source_doc"), "pengaduan-monev");
    cr_assert_str_eq (jstr (d, "source_period"), "2026-S1");
    cr_assert_str_eq (jstr (d, "source_date"), "2026-07-10");
    cr_assert_str_eq (jstr (d, "status"), "RENCANA");
    tw3 = tw3 || 0 == strcmp (jstr (d, "target_date"), "2026-09-30");
  }
  cr_assert (tw3, "TW III 2026 stored as its last day");
  json_int_t rec = json_integer_value (json_object_get (
                                         json_array_get (items, 0), "id"));
  json_decref (j);

  /* Finalising again (another format) adds an artefact, no items. */
  j = expect (post (&zi, API "/reports/pengaduan-monev/artefacts",
                    "{\"period\":\"2026-S1\",\"date\":\"2026-07-10\","
                    "\"format\":\"xlsx\"}"), 201, "finalise xlsx");
  cr_assert_eq (json_integer_value (json_object_get (j, "items_created")),
                0);
  cr_assert_str_eq (jstr (j, "file_name"), "pengaduan-monev-2026-s1.xlsx");
  json_decref (j);
  cr_assert_eq (h_count_rows (&srv, "report_artifacts"), 2);
  cr_assert_eq (h_count_rows (&srv, "recommendations"), 2);

  /* Events on an item: validated, then stored and audited. */
  char ev[120];
  snprintf (ev, sizeof ev, API "/recommendations/%lld/events",
            (long long) rec);
  expect_field (post (&zi, ev, "{\"status\":\"BERES\",\"note\":\"x\"}"), 400,
                "validation_failed", "status", "bad status");
  expect_field (post (&zi, ev, "{\"status\":\"TIDAK_DILAKSANAKAN\","
                      "\"note\":\"\"}"), 400, NULL, "note", "no reason");
  expect_field (post (&zi, ev, "{\"status\":\"PROSES\",\"note\":\"x\","
                      "\"siapa\":\"y\"}"), 400, NULL, "siapa", "unknown");
  long ev_before = audit_count ("rec_event");
  json_decref (expect (post (&zi, ev, "{\"status\":\"PROSES\",\"note\":"
                             "\"Jadwal piket disusun\"}"), 201, "PROSES"));
  json_decref (expect (post (&zi, ev, "{\"status\":\"SELESAI\",\"note\":"
                             "\"Piket berjalan sejak Agustus\","
                             "\"evidence_ref\":\"SK Kadis 800/112/2026\"}"),
                       201, "SELESAI"));
  cr_assert_eq (audit_count ("rec_event"), ev_before + 2);
  expect_field (post (&zi, API "/recommendations/9999/events",
                      "{\"status\":\"PROSES\",\"note\":\"x\"}"), 404,
                "recommendation_not_found", NULL, "unknown item");
  j = expect (get (&zi, API "/recommendations"), 200, "tracker after");
  json_array_foreach (json_object_get (j, "items"), i, d)
    if (json_integer_value (json_object_get (d, "id")) == rec)
    {
      cr_assert_str_eq (jstr (d, "status"), "SELESAI");
      cr_assert_eq (json_array_size (json_object_get (d, "events")), 3);
      json_t *last = json_array_get (json_object_get (d, "events"), 2);
      cr_assert_str_eq (jstr (last, "evidence_ref"), "SK Kadis 800/112/2026");
    }
  json_decref (j);
}

Test (reports, tracker_manual_items_and_the_wbs_domain)
{
  struct staff zi, wbs;
  staff (&zi, "zi", "tim_zi", NULL, false);
  staff (&wbs, "wbs", "pengelola_wbs", NULL, true);
  expect_field (post (&zi, API "/recommendations",
                      "{\"domain\":\"KOPERASI\",\"source_period\":\"2026-S9\","
                      "\"source_date\":\"2026-02-30\",\"finding\":\"f\","
                      "\"pic_jabatan\":\"Sekretaris\",\"target_date\":"
                      "\"besok\"}"), 400, "validation_failed", "domain",
                "bad item");
  struct resp r = post (&zi, API "/recommendations",
                        "{\"domain\":\"KOPERASI\",\"source_period\":"
                        "\"2026-S9\",\"source_date\":\"2026-02-30\","
                        "\"finding\":\"f\",\"pic_jabatan\":\"Sekretaris\","
                        "\"target_date\":\"besok\"}");
  json_t *j = body_json (&r);
  json_t *f = json_object_get (json_object_get (j, "error"), "fields");
  static const char *const named[] = { "domain", "source_period",
                                       "source_date", "text", "target_date" };
  for (size_t i = 0; i < 5; i++)
    cr_assert_not_null (json_object_get (f, named[i]), "%s not named: %s",
                        named[i], r.body);
  json_decref (j);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "recommendations"), 0);
  j = expect (post (&zi, API "/recommendations",
                    "{\"domain\":\"SKM\",\"source_period\":\"2025-S2\","
                    "\"source_date\":\"2026-01-19\",\"finding\":\"U3 terendah"
                    "\",\"text\":\"Papan alur layanan\",\"pic_jabatan\":"
                    "\"Kepala Seksi\",\"target_date\":\"TW II 2026\","
                    "\"unsur\":\"U3\"}"), 201, "manual SKM item");
  json_int_t skm = json_integer_value (json_object_get (j, "id"));
  json_decref (j);
  /* The WBS manager: WBS items only. */
  expect_field (post (&wbs, API "/recommendations",
                      "{\"domain\":\"PENGADUAN\",\"source_period\":"
                      "\"2026-S1\",\"source_date\":\"2026-07-01\","
                      "\"finding\":\"f\",\"text\":\"t\",\"pic_jabatan\":"
                      "\"p\",\"target_date\":\"2026-12-31\"}"), 400, NULL,
                "domain", "wbs manager, PENGADUAN");
  j = expect (post (&wbs, API "/recommendations",
                    "{\"domain\":\"WBS\",\"source_period\":\"2026-S1\","
                    "\"source_date\":\"2026-07-01\",\"finding\":\"Sosialisasi"
                    " kurang\",\"text\":\"Sosialisasi WBS per triwulan\","
                    "\"pic_jabatan\":\"Ketua Tim WBS\",\"target_date\":"
                    "\"2026-12-31\",\"indicator\":\"4 kali setahun\"}"), 201,
              "wbs item");
  json_decref (j);
  j = expect (get (&wbs, API "/recommendations"), 200, "wbs list");
  cr_assert_eq (json_array_size (json_object_get (j, "items")), 1);
  cr_assert_str_eq (jstr (json_array_get (json_object_get (j, "items"), 0),
                          "domain"), "WBS");
  json_decref (j);
  char ev[120];
  snprintf (ev, sizeof ev, API "/recommendations/%lld/events",
            (long long) skm);
  expect_field (post (&wbs, ev, "{\"status\":\"PROSES\",\"note\":\"x\"}"),
                403, "forbidden", NULL, "wbs manager on an SKM item");
  expect_field (get (&wbs, API "/recommendations?domain=SKM"), 403,
                "forbidden", NULL, "wbs manager lists SKM");
  j = expect (get (&zi, API "/recommendations"), 200, "zi list");
  cr_assert_eq (json_array_size (json_object_get (j, "items")), 2);
  json_decref (j);
  cr_assert_eq (audit_count ("rec_add"), 2);
  /* The page lists them, with a form per item. */
  r = get (&zi, "/staff/tindak-lanjut");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Papan alur layanan"));
  cr_assert_not_null (strstr (r.body, "Simpan status"));
  h_resp_free (&r);
  /* An event through the page (form with CSRF), refused then accepted. */
  char form[400];
  snprintf (form, sizeof form, "csrf=%s&action=status&id=%lld&status="
            "TIDAK_DILAKSANAKAN&note=&evidence_ref=", zi.csrf,
            (long long) skm);
  r = h_http2 (&srv, "POST", "/staff/tindak-lanjut", FORM, form, NULL,
               zi.jar);
  cr_assert_eq (r.status, 400, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "aria-invalid=\"true\""));
  h_resp_free (&r);
  snprintf (form, sizeof form, "csrf=%s&action=status&id=%lld&status="
            "SELESAI&note=Papan+dipasang&evidence_ref=Foto+1", zi.csrf,
            (long long) skm);
  r = h_http2 (&srv, "POST", "/staff/tindak-lanjut", FORM, form, NULL,
               zi.jar);
  cr_assert_eq (r.status, 303, "%ld %s", r.status, r.body);
  h_resp_free (&r);
  j = expect (get (&zi, API "/recommendations?domain=SKM"), 200, "skm");
  cr_assert_str_eq (jstr (json_array_get (json_object_get (j, "items"), 0),
                          "status"), "SELESAI");
  json_decref (j);
}

/* ---- the unit's document data ---- */

/* A 1x1 PNG. */
#define PNG_B64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf" \
  "DwAChwGA60e6kgAAAABJRU5ErkJggg=="

Test (reports, settings_validated_all_or_nothing_and_printed)
{
  struct staff zi, petugas;
  staff (&zi, "zi", "tim_zi", NULL, false);
  staff (&petugas, "petugas", "petugas_pengaduan", NULL, false);
  expect_field (get (&petugas, API "/report-settings"), 403, "forbidden",
                NULL, "petugas settings");
  /* Nine kop lines. */
  expect_field (post (&zi, API "/report-settings",
                      "{\"kop\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\","
                      "\"8\",\"9\"]}"), 400, "validation_failed", "kop",
                "nine kop lines");
  /* A good kop with a bad NIP: nothing is stored. */
  expect_field (post (&zi, API "/report-settings",
                      "{\"kop\":[\"PEMERINTAH KOTA MADIUN\"],"
                      "\"signatories_add\":[{\"role\":\"kepala\",\"jabatan\":"
                      "\"Kepala Dinas\",\"name\":\"Budi\",\"nip\":\"1973 0327"
                      "\",\"valid_from\":\"2026-01-01\"}]}"), 400, NULL,
                "signatories_add[0].nip", "bad NIP");
  json_t *j = expect (get (&zi, API "/report-settings"), 200, "settings");
  cr_assert_eq (json_array_size (json_object_get (j, "kop")), 0,
                "kop stored half-way");
  cr_assert_eq (json_array_size (json_object_get (j, "signatories")), 0);
  json_decref (j);
  /* A GIF is not a PNG; a PNG over 256 KiB is refused. */
  expect_field (post (&zi, API "/report-settings",
                      "{\"logo\":\"R0lGODlhAQABAAAAACw=\"}"), 400, NULL,
                "logo", "GIF logo");
  expect_field (post (&zi, API "/report-settings", "{\"logo\":\"***\"}"),
                400, NULL, "logo", "not base64");
  {
    size_t raw = 300 * 1024, n = 4 * ((raw + 2) / 3);
    unsigned char *png = calloc (1, raw);
    memcpy (png, "\x89PNG\r\n\x1a\n", 8);
    char *b64 = malloc (n + 64);
    sodium_bin2base64 (b64, n + 1, png, raw,
                       sodium_base64_VARIANT_ORIGINAL);
    char *body = malloc (n + 64);
    snprintf (body, n + 64, "{\"logo\":\"%s\"}", b64);
    expect_field (post (&zi, API "/report-settings", body), 400, NULL,
                  "logo", "big logo");
    free (png);
    free (b64);
    free (body);
  }
  /* Other refusals, each named. */
  expect_field (post (&zi, API "/report-settings",
                      "{\"lke_version\":\"2030\"}"), 400, NULL,
                "lke_version", "lke");
  expect_field (post (&zi, API "/report-settings",
                      "{\"channels\":[{\"channel\":\"MERPATI\",\"address\":"
                      "\"x\"}]}"), 400, NULL, "channels[0].channel",
                "channel");
  expect_field (post (&zi, API "/report-settings",
                      "{\"activities_add\":[{\"kind\":\"arisan\",\"date\":"
                      "\"2026-03-01\",\"title\":\"t\"}]}"), 400, NULL,
                "activities_add[0].kind", "activity kind");
  expect_field (post (&zi, API "/report-settings",
                      "{\"signatories_add\":[{\"role\":\"wakil\",\"jabatan\":"
                      "\"j\",\"name\":\"n\",\"nip\":\"197303271993021002\","
                      "\"valid_from\":\"2026-01-01\",\"valid_to\":"
                      "\"2025-01-01\"}]}"), 400, NULL,
                "signatories_add[0].role", "role");
  expect_field (post (&zi, API "/report-settings",
                      "{\"signatories_end\":[{\"id\":77,\"valid_to\":"
                      "\"2026-01-01\"}]}"), 400, NULL,
                "signatories_end[0].id", "unknown signatory");
  expect_field (post (&zi, API "/report-settings", "{\"warna\":\"biru\"}"),
                400, NULL, "warna", "unknown key");
  long before = audit_count ("report_settings");
  /* All good: stored at once, audited once. */
  j = expect (post (&zi, API "/report-settings",
                    "{\"kop\":[\"PEMERINTAH KOTA MADIUN\",\"DINAS"
                    " KEPENDUDUKAN DAN PENCATATAN SIPIL\",\"Jalan Dr. Sutomo"
                    " No. 83 Madiun\"],\"place\":\"Madiun\",\"lke_version\":"
                    "\"2024\",\"channels\":[{\"channel\":\"WHATSAPP\","
                    "\"address\":\"0812-3456-7890\"}],\"logo\":\"" PNG_B64
                    "\",\"signatories_add\":[{\"role\":\"kepala\","
                    "\"jabatan\":\"Kepala Dinas Kependudukan dan Pencatatan"
                    " Sipil Kota Madiun\",\"name\":\"Drs. Sutrisno Wibowo,"
                    " M.Si.\",\"pangkat\":\"Pembina Utama Muda, IV/c\","
                    "\"nip\":\"197303271993021002\",\"valid_from\":"
                    "\"2026-01-01\"}],\"activities_add\":[{\"kind\":"
                    "\"rapat_monev\",\"date\":\"2026-06-20\",\"title\":"
                    "\"Rapat monev pengaduan semester I\",\"place\":\"Aula\","
                    "\"participants\":18,\"evidence_ref\":\"Notula 005/2026"
                    "\"}]}"), 200, "settings saved");
  cr_assert_eq (json_array_size (json_object_get (j, "kop")), 3);
  cr_assert_str_eq (jstr (j, "place"), "Madiun");
  cr_assert_not_null (json_object_get (json_object_get (j, "logo"), "size"));
  cr_assert_eq (json_array_size (json_object_get (j, "signatories")), 1);
  cr_assert_eq (json_array_size (json_object_get (j, "activities")), 1);
  json_int_t sig = json_integer_value (json_object_get (
                                         json_array_get (json_object_get (
                                                           j, "signatories"),
                                                         0), "id"));
  json_decref (j);
  cr_assert_eq (audit_count ("report_settings"), before + 1);
  /* Ending a signatory before it began is refused. */
  char body[200];
  snprintf (body, sizeof body, "{\"signatories_end\":[{\"id\":%lld,"
            "\"valid_to\":\"2025-12-31\"}]}", (long long) sig);
  expect_field (post (&zi, API "/report-settings", body), 400, NULL,
                "signatories_end[0].valid_to", "end before start");

  /* The PDF preview prints the kop and the signatory. */
  struct resp r = get (&zi, API "/reports/pengaduan-monev?period=2026-S1"
                       "&format=pdf&date=2026-07-10");
  cr_assert_eq (r.status, 200);
  char *text = pdf_text (&r);
  h_resp_free (&r);
  cr_assert_not_null (strstr (text, "PEMERINTAH KOTA MADIUN"), "kop line");
  cr_assert_not_null (strstr (text, "Jalan Dr. Sutomo No. 83 Madiun"),
                      "kop address");
  cr_assert_not_null (strcasestr (text, "Sutrisno Wibowo"), "signatory");
  cr_assert_not_null (strstr (text, "19730327 199302 1 002"), "NIP 8-6-1-3");
  cr_assert_not_null (strstr (text, "Madiun, 10 Juli 2026"), "place, date");
  free (text);

  /* The page shows the data and refuses a bad NIP in place. */
  r = get (&zi, "/staff/laporan/pengaturan");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "PEMERINTAH KOTA MADIUN"));
  cr_assert_not_null (strstr (r.body, "19730327 199302 1 002"));
  h_resp_free (&r);
  char form[600];
  snprintf (form, sizeof form, "csrf=%s&action=penandatangan&role=penyusun&"
            "jabatan=Ketua+Tim&name=Sri&nip=12345&valid_from=2026-01-01",
            zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaturan", FORM, form, NULL,
               zi.jar);
  cr_assert_eq (r.status, 400, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "id=\"s-nip-err\""), "%s", r.body);
  cr_assert_not_null (strstr (r.body, "value=\"Ketua Tim\""), "input kept");
  h_resp_free (&r);
  snprintf (form, sizeof form, "csrf=%s&action=kegiatan&kind=sosialisasi_wbs"
            "&date=2026-05-02&title=Sosialisasi+WBS&place=Aula&participants="
            "25&evidence_ref=Daftar+hadir", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaturan", FORM, form, NULL,
               zi.jar);
  cr_assert_eq (r.status, 303, "%ld %s", r.status, r.body);
  h_resp_free (&r);
  j = expect (get (&zi, API "/report-settings"), 200, "after page");
  cr_assert_eq (json_array_size (json_object_get (j, "activities")), 2);
  json_decref (j);
}

/* ---- the pages ---- */

Test (reports, pages_preview_narrative_and_finalise)
{
  struct staff zi;
  staff (&zi, "zi", "tim_zi", NULL, false);
  struct resp r = get (&zi, "/staff/laporan?period=2026-S1");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "A.1.V.iii.c"), "LKE codes listed");
  cr_assert_not_null (strstr (r.body, "Pratinjau"));
  cr_assert_not_null (strstr (r.body, "Finalkan"));
  h_resp_free (&r);
  r = get (&zi, "/staff/laporan/pengaduan-monev?period=2026-S1");
  cr_assert_eq (r.status, 200, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "<article class=\"report draft"));
  cr_assert_not_null (strstr (r.body, "laporan.css\">"), "its style sheet");
  cr_assert_null (strstr (r.body, "<style"), "no inline style (CSP)");
  cr_assert_not_null (strstr (r.body, ">wajib<"));
  h_resp_free (&r);
  r = get (NULL, "/static/laporan.css");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.headers, "text/css"));
  cr_assert_not_null (strstr (r.body, ".report"));
  cr_assert_null (strstr (r.body, "<style"));
  h_resp_free (&r);

  /* Finalising through the page while slots are empty: the page again,
     naming them. */
  char form[1200];
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&date=2026-07-10&"
            "format=pdf", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/finalkan", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 409, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "Belum dapat difinalkan"));
  cr_assert_not_null (strstr (r.body, "Temuan dan Permasalahan"));
  h_resp_free (&r);
  /* A bad date is named on the page. */
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&date=2020-01-01&"
            "format=pdf", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/finalkan", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 400, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "Tanggal surat"));
  h_resp_free (&r);

  /* Narratives through the page: text, and table rows. */
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&slot=temuan&text="
            "Temuan+dari+halaman+staf.&action=simpan", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/narasi", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 303, "%ld %s", r.status, r.body);
  cr_assert_not_null (strstr (r.headers, "ok=narasi"));
  h_resp_free (&r);
  /* A bad target date keeps what was typed and names the slot. */
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&slot=rekomendasi&"
            "r0.temuan=Lambat&r0.rekomendasi=Piket&r0.penanggung_jawab=Kasi&"
            "r0.target_waktu=nanti&action=simpan", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/narasi", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 400, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "value=\"nanti\""), "typed row kept");
  cr_assert_not_null (strstr (r.body, "Isian tidak disimpan"));
  h_resp_free (&r);
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&slot=rekomendasi&"
            "r0.temuan=Lambat&r0.rekomendasi=Piket+harian&"
            "r0.penanggung_jawab=Kasi&r0.target_waktu=TW+III+2026&"
            "r1.temuan=&r1.rekomendasi=&r1.penanggung_jawab=&"
            "r1.target_waktu=&action=tambah", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/narasi", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 303, "%ld", r.status);
  cr_assert_not_null (strstr (r.headers, "tambah=rekomendasi"));
  h_resp_free (&r);
  json_t *j = expect (get (&zi, API "/reports/pengaduan-monev/narratives"
                           "?period=2026-S1"), 200, "after page");
  cr_assert_eq (json_array_size (json_object_get (j, "missing")), 0);
  json_decref (j);
  r = get (&zi, "/staff/laporan/pengaduan-monev?period=2026-S1&ok=narasi&"
           "slot=temuan");
  cr_assert_not_null (strstr (r.body, "Temuan dari halaman staf."),
                      "the preview uses the new text");
  cr_assert_not_null (strstr (r.body, "disimpan"));
  h_resp_free (&r);
  /* Now it finalises and redirects to the list with the artefact. */
  snprintf (form, sizeof form, "csrf=%s&period=2026-S1&date=2026-07-10&"
            "format=pdf&back=list", zi.csrf);
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/finalkan", FORM,
               form, NULL, zi.jar);
  cr_assert_eq (r.status, 303, "%ld %s", r.status, r.body);
  cr_assert_not_null (strstr (r.headers, "ok=final"));
  h_resp_free (&r);
  r = get (&zi, "/staff/laporan?period=2026-S1&ok=final&artefak=1");
  cr_assert_not_null (strstr (r.body, "Dokumen difinalkan"));
  cr_assert_not_null (strstr (r.body, "/staff/laporan/artefak/1"));
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "recommendations"), 1);
  /* Without CSRF the page refuses. */
  r = h_http2 (&srv, "POST", "/staff/laporan/pengaduan-monev/narasi", FORM,
               "period=2026-S1&slot=temuan&text=x", NULL, zi.jar);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  /* A draft download from the page. */
  r = get (&zi, "/staff/laporan/pengaduan-monev/unduh?period=2026-S1&"
           "format=xlsx");
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.headers, "attachment; filename="));
  h_resp_free (&r);
}
