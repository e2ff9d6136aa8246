/*
 * HTTP integration tests: the real binary on 127.0.0.1 port 0 with a fresh
 * data directory, driven by libcurl.  Table-driven where the shape allows.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

TestSuite (http, .init = start, .fini = stop, .timeout = 120);

static json_t *
body_json (struct resp *r)
{
  json_error_t e;
  json_t *j = json_loads (r->body, 0, &e);
  cr_assert_not_null (j, "not JSON (%s): %s", e.text, r->body);
  return j;
}

static void
this_year (char out[8])
{
  time_t t = time (NULL) + 7 * 3600;   /* the demo unit is WIB */
  struct tm tm;
  gmtime_r (&t, &tm);
  snprintf (out, 8, "%d", tm.tm_year + 1900);
}

#define JSON "application/json"
#define FORM "application/x-www-form-urlencoded"
#define ANSWERS "\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,\"U4\":4,\"U5\":3," \
  "\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}"
#define GOOD "{\"service\":\"KTP-el\",\"profile\":{\"gender\":\"L\"," \
  "\"age\":34,\"education\":\"SMA\",\"occupation\":\"SWASTA\"}," ANSWERS \
  ",\"suggestion\":\"Pelayanan cepat\"}"

Test (http, health_and_security_headers)
{
  struct resp r = h_http (&srv, "GET", "/healthz", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_str_eq (r.body, "{\"status\":\"ok\"}");
  const char *must[] = { "Content-Security-Policy: default-src 'none'",
                         "X-Content-Type-Options: nosniff",
                         "Referrer-Policy: no-referrer",
                         "X-Frame-Options: DENY",
                         "Cache-Control: no-store" };
  for (size_t i = 0; i < 5; i++)
    cr_assert_not_null (strstr (r.headers, must[i]), "missing %s", must[i]);
  h_resp_free (&r);
  /* Also on errors and on pages. */
  const char *paths[] = { "/nope", "/api/v1/nope", "/u/demo/survei",
                          "/u/ghost/survei" };
  for (size_t i = 0; i < 4; i++)
  {
    r = h_http (&srv, "GET", paths[i], NULL, NULL, 0);
    cr_assert_not_null (strstr (r.headers, "Content-Security-Policy:"),
                        "%s", paths[i]);
    cr_assert_not_null (strstr (r.headers, "X-Frame-Options: DENY"));
    h_resp_free (&r);
  }
}

struct case_ {
  const char *method, *path, *ctype, *body;
  long status;
  const char *expect;       /* substring of the body */
};

static void
run_cases (const struct case_ *c, size_t n)
{
  for (size_t i = 0; i < n; i++)
  {
    struct resp r = h_http (&srv, c[i].method, c[i].path, c[i].ctype,
                            c[i].body, c[i].body ? strlen (c[i].body) : 0);
    cr_assert_eq (r.status, c[i].status, "case %zu %s %s: %ld %s", i,
                  c[i].method, c[i].path, r.status, r.body);
    if (c[i].expect)
      cr_assert_not_null (strstr (r.body, c[i].expect),
                          "case %zu: '%s' not in %s", i, c[i].expect, r.body);
    h_resp_free (&r);
  }
}

Test (http, routing_errors)
{
  static const struct case_ cases[] = {
    { "GET", "/nope", NULL, NULL, 404, "Halaman tidak ditemukan" },
    { "GET", "/api/v1/nope", NULL, NULL, 404, "\"code\":\"not_found\"" },
    { "GET", "/api/v1/u/ghost/ikm?period=2025", NULL, NULL, 404,
      "\"code\":\"unit_not_found\"" },
    { "POST", "/api/v1/u/ghost/survey", JSON, GOOD, 404, "unit_not_found" },
    { "GET", "/u/ghost/survei", NULL, NULL, 404, "Unit layanan tidak" },
    { "DELETE", "/api/v1/u/demo/survey", NULL, NULL, 405,
      "method_not_allowed" },
    { "PUT", "/healthz", NULL, NULL, 405, NULL },
    { "GET", "/static/nope.css", NULL, NULL, 404, NULL },
    { "GET", "/static/style.css", NULL, NULL, 200, "box-sizing" },
    { "HEAD", "/healthz", NULL, NULL, 200, NULL },
    { "GET", "/api/v1/u/demo/services", NULL, NULL, 200,
      "\"code\":\"KTP-el\"" },
    { "GET", "/", NULL, NULL, 200, "Dinas Demo" },
    { "GET", "/u/demo", NULL, NULL, 200, "/u/demo/survei" },
  };
  run_cases (cases, sizeof cases / sizeof cases[0]);
}

Test (http, method_not_allowed_names_allowed_methods)
{
  struct resp r = h_http (&srv, "GET", "/api/v1/u/demo/survey", NULL, NULL,
                          0);
  cr_assert_eq (r.status, 405);
  cr_assert_not_null (strstr (r.headers, "Allow: POST"), "%s", r.headers);
  h_resp_free (&r);
  r = h_http (&srv, "DELETE", "/u/demo/survei", NULL, NULL, 0);
  cr_assert_eq (r.status, 405);
  cr_assert_not_null (strstr (r.headers, "Allow: GET, HEAD, POST"), "%s",
                      r.headers);
  h_resp_free (&r);
}

Test (http, survey_good_submission)
{
  long before = h_count_rows (&srv, "survey_responses");
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey", JSON, GOOD,
                          strlen (GOOD));
  cr_assert_eq (r.status, 201, "%s", r.body);
  json_t *j = body_json (&r);
  const char *id = json_string_value (json_object_get (j, "id"));
  cr_assert_not_null (id);
  cr_assert_eq (strlen (id), 32);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "survey_responses"), before + 1);
  /* All nine answers in their columns (a1..a9 = U1..U9), none beyond. */
  char cmd[600];
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"SELECT"
            " a1||a2||a3||a4||a5||a6||a7||a8||a9, a10 IS NULL FROM"
            " survey_responses WHERE public_id = '%s'\"", srv.data, id);
  json_decref (j);
  FILE *p = popen (cmd, "r");
  char line[64] = "";
  cr_assert_not_null (fgets (line, sizeof line, p));
  pclose (p);
  cr_assert_str_eq (line, "434434434|1\n");
  /* charset parameter accepted */
  r = h_http (&srv, "POST", "/api/v1/u/demo/survey",
              "application/json; charset=utf-8", GOOD, strlen (GOOD));
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
}

Test (http, survey_bad_submissions_store_nothing)
{
  static const struct { const char *body; const char *field; } bad[] = {
    { "{\"service\":\"KTP-el\",\"answers\":{\"U1\":5,\"U2\":3,\"U3\":4,"
      "\"U4\":4,\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}",
      "\"answers.U1\"" },
    { "{\"service\":\"KTP-el\",\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,"
      "\"U4\":4,\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3}}", "\"answers.U9\"" },
    { "{\"service\":\"PASPOR\"," ANSWERS "}", "\"service\"" },
    { "{\"service\":\"KTP-el\",\"extra\":1," ANSWERS "}", "\"extra\"" },
    { "{\"service\":\"KTP-el\",\"answers\":{\"U1\":\"4\",\"U2\":3,\"U3\":4,"
      "\"U4\":4,\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}",
      "\"answers.U1\"" },
    { "{\"service\":\"KTP-el\",\"profile\":{\"gender\":\"Z\"}," ANSWERS "}",
      "\"profile.gender\"" },
    { "{\"service\":\"KTP-el\",\"profile\":{\"age\":1000}," ANSWERS "}",
      "\"profile.age\"" },
    { "[1,2]", "\"$\"" },
  };
  long before = h_count_rows (&srv, "survey_responses");
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
  {
    struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey", JSON,
                            bad[i].body, strlen (bad[i].body));
    cr_assert_eq (r.status, 400, "case %zu: %ld %s", i, r.status, r.body);
    cr_assert_not_null (strstr (r.body, "\"fields\":{"), "%s", r.body);
    cr_assert_not_null (strstr (r.body, bad[i].field), "case %zu: %s", i,
                        r.body);
    json_t *j = body_json (&r);
    cr_assert_str_eq (json_string_value (json_object_get (
                        json_object_get (j, "error"), "code")),
                      i == 7 ? "validation_failed" : "validation_failed");
    json_decref (j);
    h_resp_free (&r);
  }
  /* Over-long suggestion. */
  char *big = malloc (8000);
  int n = snprintf (big, 8000, "{\"service\":\"KK\"," ANSWERS
                    ",\"suggestion\":\"");
  memset (big + n, 'a', 2001);
  strcpy (big + n + 2001, "\"}");
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey", JSON, big,
                          strlen (big));
  cr_assert_eq (r.status, 400);
  cr_assert_not_null (strstr (r.body, "\"suggestion\":{\"code\":\"too_long\""),
                      "%s", r.body);
  h_resp_free (&r);
  free (big);

  static const struct case_ framing[] = {
    { "POST", "/api/v1/u/demo/survey", JSON, "{\"service\":", 400,
      "\"code\":\"invalid_json\"" },
    { "POST", "/api/v1/u/demo/survey", JSON, "{\"a\":1,\"a\":2}", 400,
      "invalid_json" },
    { "POST", "/api/v1/u/demo/survey", JSON, "", 400, "invalid_json" },
    { "POST", "/api/v1/u/demo/survey", "text/plain", GOOD, 415,
      "unsupported_media_type" },
    { "POST", "/api/v1/u/demo/survey", FORM, GOOD, 415, NULL },
    { "POST", "/api/v1/u/demo/survey", "application/json; charset=latin1",
      GOOD, 415, NULL },
    { "POST", "/api/v1/u/demo/survey", NULL, GOOD, 415, NULL },
    { "POST", "/u/demo/survei", JSON, GOOD, 415, NULL },
    { "POST", "/api/v1/u/demo/survey", JSON,
      "{\"service\":\"KK\",\"suggestion\":\"\xff\xfe\"," ANSWERS "}", 400,
      "invalid_json" },
  };
  run_cases (framing, sizeof framing / sizeof framing[0]);
  cr_assert_eq (h_count_rows (&srv, "survey_responses"), before);
}

Test (http, body_limits)
{
  size_t n = 64 * 1024;
  char *big = malloc (n + 1);
  memset (big, ' ', n);
  big[n] = '\0';
  big[0] = '{';
  big[n - 1] = '}';
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey", JSON, big,
                          n);
  cr_assert_eq (r.status, 413, "%ld", r.status);
  cr_assert_not_null (strstr (r.body, "body_too_large"));
  h_resp_free (&r);
  /* A body on a GET route is refused too. */
  r = h_http (&srv, "GET", "/healthz", JSON, "{}", 2);
  cr_assert_eq (r.status, 413);
  h_resp_free (&r);
  free (big);
}

/* Post the DOMAIN.md worked example: 29 respondents whose per-unsur sums
   are 105/101/100/116/102/105/106/105/115. */
static void
post_worked_example (void)
{
  static const int sums[9] = { 105, 101, 100, 116, 102, 105, 106, 105, 115 };
  for (int i = 0; i < 29; i++)
  {
    char body[512];
    int o = snprintf (body, sizeof body,
                      "{\"service\":\"%s\",\"answers\":{",
                      i < 20 ? "KTP-el" : "KK");
    for (int u = 0; u < 9; u++)
    {
      int fours = sums[u] - 29 * 3;     /* respondents answering 4 */
      o += snprintf (body + o, sizeof body - (size_t) o, "%s\"U%d\":%d",
                     u ? "," : "", u + 1, i < fours ? 4 : 3);
    }
    snprintf (body + o, sizeof body - (size_t) o, "}}");
    struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey", JSON, body,
                            strlen (body));
    cr_assert_eq (r.status, 201, "%s -> %s", body, r.body);
    h_resp_free (&r);
  }
}

Test (http, ikm_of_the_worked_example)
{
  char year[8], path[128];
  post_worked_example ();
  this_year (year);
  snprintf (path, sizeof path, "/api/v1/u/demo/ikm?period=%s", year);
  struct resp r = h_http (&srv, "GET", path, NULL, NULL, 0);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  cr_assert_eq (json_integer_value (json_object_get (j, "respondents")), 29);
  cr_assert_float_eq (json_real_value (json_object_get (j, "ikm25")), 91.48,
                      1e-9, "%s", r.body);
  cr_assert_float_eq (json_real_value (json_object_get (j, "ikm")),
                      955.0 / 261.0, 1e-9);
  cr_assert_str_eq (json_string_value (json_object_get (j, "mutu")), "A");
  cr_assert_str_eq (json_string_value (json_object_get (j, "kinerja")),
                    "Sangat Baik");
  cr_assert_str_eq (json_string_value (json_object_get (j, "period")), year);
  json_t *unsur = json_object_get (j, "unsur");
  cr_assert_eq (json_array_size (unsur), 9);
  json_t *u1 = json_array_get (unsur, 0);
  cr_assert_str_eq (json_string_value (json_object_get (u1, "code")), "U1");
  cr_assert_str_eq (json_string_value (json_object_get (u1, "name")),
                    "Persyaratan");
  cr_assert_float_eq (json_real_value (json_object_get (u1, "nrr")),
                      105.0 / 29.0, 1e-9);
  cr_assert_float_eq (json_real_value (json_object_get (u1, "nrr25")), 90.52,
                      1e-9);
  json_t *u4 = json_array_get (unsur, 3);
  cr_assert_float_eq (json_real_value (json_object_get (u4, "nrr")), 4.0,
                      1e-9);
  json_t *ms = json_object_get (j, "min_sample");
  cr_assert (json_is_null (json_object_get (ms, "population")));
  cr_assert (json_is_null (json_object_get (ms, "required")));
  /* Per service: 20 on KTP-el, 9 on KK. */
  json_t *svc = json_object_get (j, "services");
  cr_assert_eq (json_integer_value (json_object_get (json_array_get (svc, 0),
                                                     "respondents")), 20);
  cr_assert_eq (json_integer_value (json_object_get (json_array_get (svc, 1),
                                                     "respondents")), 9);
  cr_assert (json_is_null (json_object_get (json_array_get (svc, 2), "ikm")));
  json_decref (j);
  h_resp_free (&r);

  /* Quarter and semester containing today agree; last year is empty. */
  time_t t = time (NULL) + 7 * 3600;
  struct tm tm;
  gmtime_r (&t, &tm);
  snprintf (path, sizeof path, "/api/v1/u/demo/ikm?period=%s-Q%d", year,
            tm.tm_mon / 3 + 1);
  r = h_http (&srv, "GET", path, NULL, NULL, 0);
  j = body_json (&r);
  cr_assert_eq (json_integer_value (json_object_get (j, "respondents")), 29);
  json_decref (j);
  h_resp_free (&r);
  snprintf (path, sizeof path, "/api/v1/u/demo/ikm?period=%s-S%d", year,
            tm.tm_mon < 6 ? 1 : 2);
  r = h_http (&srv, "GET", path, NULL, NULL, 0);
  j = body_json (&r);
  cr_assert_eq (json_integer_value (json_object_get (j, "respondents")), 29);
  json_decref (j);
  h_resp_free (&r);
  snprintf (path, sizeof path, "/api/v1/u/demo/ikm?period=%d",
            atoi (year) - 1);
  r = h_http (&srv, "GET", path, NULL, NULL, 0);
  j = body_json (&r);
  cr_assert_eq (json_integer_value (json_object_get (j, "respondents")), 0);
  cr_assert (json_is_null (json_object_get (j, "ikm25")));
  cr_assert (json_is_null (json_object_get (j, "mutu")));
  json_decref (j);
  h_resp_free (&r);

  /* The results page shows the same figures, Indonesian style. */
  snprintf (path, sizeof path, "/u/demo/hasil-survei?period=%s", year);
  r = h_http (&srv, "GET", path, NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "91,48"), "page lacks 91,48");
  cr_assert_not_null (strstr (r.body, "<svg"));
  cr_assert_not_null (strstr (r.body, "Jumlah responden: <strong>29"));
  cr_assert_not_null (strstr (r.body, "Sangat Baik"));
  h_resp_free (&r);
}

Test (http, ikm_period_errors_and_min_sample)
{
  static const struct case_ cases[] = {
    { "GET", "/api/v1/u/demo/ikm", NULL, NULL, 400, "invalid_period" },
    { "GET", "/api/v1/u/demo/ikm?period=2025-S3", NULL, NULL, 400,
      "\"period\"" },
    { "GET", "/api/v1/u/demo/ikm?period=2025-H1", NULL, NULL, 400, NULL },
    { "GET", "/api/v1/u/demo/ikm?period=2025-Q2", NULL, NULL, 200,
      "\"from\":\"2025-04-01\",\"to\":\"2025-06-30\"" },
    { "GET", "/u/demo/hasil-survei?period=junk", NULL, NULL, 200,
      "Periode tidak dikenal" },
  };
  run_cases (cases, sizeof cases / sizeof cases[0]);

  const char *pop[] = { "unit", "population", "--data", srv.data, "--unit",
                        "demo", "--period", "2025-S1", "--count", "500",
                        NULL };
  cr_assert_eq (h_cli (pop, false), 0);
  struct resp r = h_http (&srv, "GET", "/api/v1/u/demo/ikm?period=2025-S1",
                          NULL, NULL, 0);
  cr_assert_not_null (strstr (r.body, "\"min_sample\":{\"population\":500,"
                                      "\"required\":217,\"met\":false}"),
                      "%s", r.body);
  h_resp_free (&r);
  const char *badpop[] = { "unit", "population", "--data", srv.data,
                           "--unit", "demo", "--period", "2025-S9",
                           "--count", "500", NULL };
  cr_assert_neq (h_cli (badpop, false), 0);
}

Test (http, survey_page_form_flow)
{
  struct resp r = h_http (&srv, "GET", "/u/demo/survei", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.headers, "text/html; charset=utf-8"));
  /* All nine questions with their exact wording, and the services. */
  const char *q[] = {
    "kesesuaian persyaratan pelayanan dengan jenis pelayanannya",
    "kemudahan prosedur pelayanan di unit ini",
    "kecepatan waktu dalam memberikan pelayanan",
    "kewajaran biaya&#47;tarif dalam pelayanan",
    "kesesuaian produk pelayanan antara yang tercantum dalam standar",
    "kompetensi&#47;kemampuan petugas dalam pelayanan",
    "terkait kesopanan dan keramahan",
    "kualitas sarana dan prasarana",
    "penanganan pengaduan pengguna layanan",
    "Ada tetapi tidak berfungsi", "Dikelola dengan baik", "Sangat mahal",
    "value=\"KTP-el\"", "Kartu Keluarga", "<script" };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
    if (i + 1 < sizeof q / sizeof q[0])
      cr_assert_not_null (strstr (r.body, q[i]), "missing '%s'", q[i]);
    else
      cr_assert_null (strstr (r.body, q[i]), "pages carry no script");
  h_resp_free (&r);

  long before = h_count_rows (&srv, "survey_responses");
  /* Missing answers: 400, message per field, input kept, nothing stored. */
  const char *partial = "service=KK&U1=4&U2=2&suggestion=%3Cb%3Ehalo";
  r = h_http (&srv, "POST", "/u/demo/survei", FORM, partial,
              strlen (partial));
  cr_assert_eq (r.status, 400);
  cr_assert_not_null (strstr (r.body, "error-summary"));
  cr_assert_not_null (strstr (r.body, "Pertanyaan ini wajib dijawab"));
  cr_assert_not_null (strstr (r.body, "href=\"#f-U3-1\""));
  cr_assert_not_null (strstr (r.body, "id=\"f-U2-2\" name=\"U2\" value=\"2\""
                                      " checked"), "answer not kept");
  cr_assert_not_null (strstr (r.body, "&lt;b&gt;halo</textarea>"),
                      "suggestion not kept escaped");
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "survey_responses"), before);

  const char *full = "service=KK&gender=P&age=41&education=D4_S1&"
                     "occupation=LAINNYA&occupation_other=Petani&U1=4&U2=3&"
                     "U3=3&U4=4&U5=4&U6=4&U7=4&U8=3&U9=4&suggestion=Mantap";
  r = h_http (&srv, "POST", "/u/demo/survei", FORM, full, strlen (full));
  cr_assert_eq (r.status, 303, "%ld %s", r.status, r.body);
  cr_assert_not_null (strstr (r.headers,
                              "Location: /u/demo/survei/terima-kasih"));
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "survey_responses"), before + 1);
  r = h_http (&srv, "GET", "/u/demo/survei/terima-kasih", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Terima kasih"));
  h_resp_free (&r);

  /* Malformed form encoding. */
  r = h_http (&srv, "POST", "/u/demo/survei", FORM, "U1=%zz", 6);
  cr_assert_eq (r.status, 400);
  h_resp_free (&r);
}

/* The QR poster of a service counter links /u/{unit}/survei?layanan=CODE:
   that service is chosen already; an unknown or retired code is ignored. */
Test (http, survey_page_preselects_a_service)
{
  struct resp r = h_http (&srv, "GET", "/u/demo/survei?layanan=KK", NULL,
                          NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "<option value=\"KK\" selected>"),
                      "KK not preselected");
  cr_assert_null (strstr (r.body, "<option value=\"KTP-el\" selected>"));
  h_resp_free (&r);
  const char *rm[] = { "unit", "service", "disable", "--data", srv.data,
                       "--unit", "demo", "--code", "AKTA-LAHIR", NULL };
  cr_assert_eq (h_cli (rm, false), 0);
  static const char *const ignored[] = {
    "/u/demo/survei?layanan=TIDAK-ADA", "/u/demo/survei?layanan=AKTA-LAHIR",
    "/u/demo/survei?layanan=%3Cscript%3E", "/u/demo/survei?layanan=" };
  for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
  {
    r = h_http (&srv, "GET", ignored[i], NULL, NULL, 0);
    cr_assert_eq (r.status, 200, "%s", ignored[i]);
    cr_assert_null (strstr (r.body, " selected>"), "%s", ignored[i]);
    cr_assert_null (strstr (r.body, "<script"), "%s", ignored[i]);
    h_resp_free (&r);
  }
}

Test (http, service_names_are_escaped_on_pages)
{
  const char *add[] = { "unit", "service", "add", "--data", srv.data,
                        "--unit", "demo", "--code", "XSS", "--name",
                        "<img src=x onerror=alert(1)>", NULL };
  cr_assert_eq (h_cli (add, false), 0);
  struct resp r = h_http (&srv, "GET", "/u/demo/survei", NULL, NULL, 0);
  cr_assert_null (strstr (r.body, "<img src=x"));
  cr_assert_not_null (strstr (r.body, "&lt;img src=x onerror=alert(1)&gt;"));
  h_resp_free (&r);
}

Test (http, cli_contract)
{
  /* init refuses an existing directory; --help works on each command. */
  char pw[400];
  snprintf (pw, sizeof pw, "%s/pw", srv.dir);
  const char *again[] = { "init", "--data", srv.data, "--unit", "x",
                          "--unit-name", "X", "--admin", "admin",
                          "--password-file", pw, NULL };
  cr_assert_neq (h_cli (again, false), 0);
  const char *helps[][3] = { { "--help", NULL }, { "init", "--help", NULL },
                             { "serve", "--help", NULL },
                             { "user", "--help", NULL },
                             { "unit", "--help", NULL } };
  for (size_t i = 0; i < 5; i++)
    cr_assert_eq (h_cli (helps[i], false), 0, "help %zu", i);
  const char *unknown[] = { "frobnicate", NULL };
  cr_assert_eq (h_cli (unknown, false), 2);
  const char *user[] = { "user", "add", "--data", srv.data, "--unit", "demo",
                         "--user", "petugas1", "--role", "petugas_pengaduan",
                         "--role", "tim_zi", "--password-file", pw, NULL };
  cr_assert_eq (h_cli (user, false), 0);
  cr_assert_neq (h_cli (user, false), 0, "duplicate user accepted");
  const char *badrole[] = { "user", "add", "--data", srv.data, "--unit",
                            "demo", "--user", "x2", "--role", "root",
                            "--password-file", pw, NULL };
  cr_assert_neq (h_cli (badrole, false), 0);
}
