/*
 * Public complaints (pengaduan masyarakat) through the real binary:
 * intake and its validation, officer-only intake fields, the reporter's
 * view/reply/verdict and its throttle, the officers' queue and lifecycle,
 * working-day deadlines, the public follow-up page, identity access by key
 * and role with its audit trail, and no identity in clear on disk.
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

#define JSON "application/json"
#define FORM "application/x-www-form-urlencoded"
#define ADMIN_PW "correct-horse-battery"
#define API "/api/v1/u/demo/complaints"

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

TestSuite (complaint, .init = start, .fini = stop, .timeout = 120);

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

/* Local date in the demo unit's zone (WIB, +07), DAYS from today. */
static void
wib_date (int days, char out[11])
{
  time_t t = time (NULL) + 7 * 3600 + (time_t) days * 86400;
  struct tm tm;
  gmtime_r (&t, &tm);
  snprintf (out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday);
}

static void
this_year (char out[5])
{
  char d[11];
  wib_date (0, d);
  snprintf (out, 5, "%.4s", d);
}

/* Day number (days since 1970-01-01) of "YYYY-MM-DD"; -1 if malformed. */
static long
day_of (const char *s)
{
  int y, m, d;
  if (NULL == s || 3 != sscanf (s, "%4d-%2d-%2d", &y, &m, &d)
      || strlen (s) < 10)
    return -1;
  struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
  return (long) (timegm (&tm) / 86400);
}

static int
weekday (long day)            /* 0 Sunday .. 6 Saturday */
{
  return (int) ((day + 4) % 7);   /* 1970-01-01 was a Thursday */
}

static void
day_fmt (long day, char out[11])
{
  time_t t = (time_t) day * 86400;
  struct tm tm;
  gmtime_r (&t, &tm);
  snprintf (out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday);
}

/* Is DAY a holiday in the data directory's calendar? */
static bool
holiday (long day)
{
  char d[11], cmd[600];
  long n = 0;
  day_fmt (day, d);
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"SELECT"
            " COUNT(*) FROM holidays WHERE day = '%s' AND kind <> 'dihapus'"
            "\"", srv.data, d);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p);
  if (1 != fscanf (p, "%ld", &n))
    n = -1;
  pclose (p);
  cr_assert_geq (n, 0, "cannot read the holidays");
  return n > 0;
}

/* FROM plus N working days, counted from the day after FROM. */
static long
add_working_days (long from, int n)
{
  long d = from;
  while (n > 0)
  {
    d++;
    if (weekday (d) != 0 && weekday (d) != 6 && ! holiday (d))
      n--;
  }
  return d;
}

/* DUE must be the working day N working days after FROM. */
static void
assert_due (const char *due, const char *from, int n, const char *what)
{
  long f = day_of (from), d = day_of (due);
  cr_assert_geq (f, 0, "%s: bad base date '%s'", what, from);
  cr_assert_geq (d, 0, "%s: due_date '%s' is not a date", what,
                 due ? due : "(none)");
  cr_assert_gt (d, f, "%s: due %s not after %s", what, due, from);
  cr_assert (weekday (d) != 0 && weekday (d) != 6,
             "%s: due %s falls on a weekend", what, due);
  cr_assert_not (holiday (d), "%s: due %s is a holiday", what, due);
  char want[11];
  day_fmt (add_working_days (f, n), want);
  cr_assert_str_eq (due, want, "%s: due %s, want %d working days after %s"
                    " = %s", what, due, n, from, want);
}

static struct resp
post_json (const char *path, const char *body)
{
  return h_http (&srv, "POST", path, JSON, body, strlen (body));
}

/* Submit BODY and expect 201; fills TRACKING and CODE (may be NULL). */
static void
submit_ok (const char *body, char tracking[32], char code[32])
{
  struct resp r = post_json (API, body);
  cr_assert_eq (r.status, 201, "submit: %ld %s\n  body: %s", r.status,
                r.body, body);
  json_t *j = body_json (&r);
  if (tracking)
    snprintf (tracking, 32, "%s", jstr (j, "tracking_number")
              ? jstr (j, "tracking_number") : "");
  if (code)
    snprintf (code, 32, "%s", jstr (j, "access_code")
              ? jstr (j, "access_code") : "");
  json_decref (j);
  h_resp_free (&r);
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
add_user (const char *user, const char *role, const char *password)
{
  h_add_user (&srv, user, role, NULL, password);
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

/* Create USER with ROLE (unless it is "admin"), optionally grant the
   identity key, and log in. */
static void
staff_login (struct staff *s, const char *user, const char *role,
             bool identity_key)
{
  char pw[80];
  if (0 == strcmp (user, "admin"))
    snprintf (pw, sizeof pw, "%s", ADMIN_PW);
  else
  {
    snprintf (pw, sizeof pw, "Sandi-%s-panjang-1", user);
    add_user (user, role, pw);
  }
  if (identity_key)
    grant_by_recovery (user, "identity");
  jar_path (user, s->jar, sizeof s->jar);
  cr_assert_eq (login (user, pw, s->jar, s->csrf), 200, "login %s", user);
}

/* GET one complaint as an officer; 200 expected; returns its JSON. */
static json_t *
detail (const struct staff *s, const char *tracking)
{
  char path[128];
  snprintf (path, sizeof path, API "/%s", tracking);
  struct resp r = api ("GET", path, NULL, s->jar, NULL);
  cr_assert_eq (r.status, 200, "GET %s: %ld %s", path, r.status, r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  return j;
}

/* POST an officer change; returns the response. */
static struct resp
change (const struct staff *s, const char *tracking, const char *what,
        const char *body)
{
  char path[128];
  snprintf (path, sizeof path, API "/%s/%s", tracking, what);
  return api ("POST", path, body, s->jar, s->csrf);
}

static void
set_status (const struct staff *s, const char *tracking, const char *body,
            long want)
{
  struct resp r = change (s, tracking, "status", body);
  cr_assert_eq (r.status, want, "status %s %s: %ld %s", tracking, body,
                r.status, r.body);
  h_resp_free (&r);
}

/* The reporter's POST .../{tracking}/{what} with a raw JSON body. */
static struct resp
reporter (const char *tracking, const char *what, const char *body)
{
  char path[128];
  snprintf (path, sizeof path, API "/%s/%s", tracking, what);
  return post_json (path, body);
}

static struct resp
view (const char *tracking, const char *code)
{
  char body[128];
  snprintf (body, sizeof body, "{\"access_code\":\"%s\"}", code);
  return reporter (tracking, "view", body);
}

/* The reporter's view, 200 expected. */
static json_t *
view_ok (const char *tracking, const char *code)
{
  struct resp r = view (tracking, code);
  cr_assert_eq (r.status, 200, "view %s with '%s': %ld %s", tracking, code,
                r.status, r.body);
  json_t *j = body_json (&r);
  h_resp_free (&r);
  return j;
}

/* Does the array A hold an object whose K is V? */
static bool
has_item (json_t *a, const char *k, const char *v)
{
  size_t i;
  json_t *x;
  json_array_foreach (a, i, x)
  {
    const char *s = jstr (x, k);
    if (s && 0 == strcmp (s, v))
      return true;
  }
  return false;
}

/* Tracking numbers in the queue answer for QUERY ("" for none). */
static size_t
queue (const struct staff *s, const char *query, char found[][32],
       size_t cap)
{
  char path[200];
  snprintf (path, sizeof path, API "%s", query);
  struct resp r = api ("GET", path, NULL, s->jar, NULL);
  cr_assert_eq (r.status, 200, "GET %s: %ld %s", path, r.status, r.body);
  json_t *j = body_json (&r);
  json_t *a = json_object_get (j, "complaints");
  cr_assert (json_is_array (a), "%s", r.body);
  size_t n = json_array_size (a);
  for (size_t i = 0; i < n && i < cap; i++)
    snprintf (found[i], 32, "%s", jstr (json_array_get (a, i),
                                        "tracking_number"));
  json_decref (j);
  h_resp_free (&r);
  return n;
}

/* identity_view entries in the audit log for TRACKING by USER. */
static size_t
identity_views (const struct staff *admin, const char *tracking,
                const char *user)
{
  struct resp r = api ("GET", "/api/v1/u/demo/audit?action=identity_view",
                       NULL, admin->jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  size_t i, n = 0;
  json_t *e;
  json_array_foreach (json_object_get (j, "entries"), i, e)
  {
    cr_assert_str_eq (jstr (e, "action"), "identity_view");
    if (0 == strcmp (jstr (e, "object"), tracking)
        && 0 == strcmp (jstr (e, "user"), user))
      n++;
  }
  json_decref (j);
  h_resp_free (&r);
  return n;
}

static bool
code_shape_ok (const char *c)
{
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  if (NULL == c || strlen (c) != 14)
    return false;
  for (int i = 0; i < 14; i++)
  {
    if (i == 4 || i == 9)
    {
      if (c[i] != '-')
        return false;
    }
    else if (NULL == strchr (alphabet, c[i]))
      return false;
  }
  return true;
}

#define DESC_OK "Antrean di loket KTP-el sangat lama tanpa kejelasan."
#define REP_OK "\"reporter\":{\"name\":\"Budi Santoso\"," \
  "\"phone\":\"0812-3456-7890\"}"
#define BIASA "{\"category\":\"WAKTU\",\"description\":\"" DESC_OK "\"," \
  "\"privacy\":\"biasa\"," REP_OK "}"
#define ANONIM "{\"category\":\"BIAYA\",\"description\":\"Diminta uang" \
  " tambahan untuk mempercepat akta.\",\"privacy\":\"anonim\"}"

/* ---- 1. intake ---- */

Test (complaint, intake_good_cases_numbered_in_order)
{
  char year[5], today[11], want[32], desc20[64], desc5000[5001];
  this_year (year);
  wib_date (0, today);
  /* Exactly 20 characters, several of them two-byte: counted as
     characters, not bytes. */
  snprintf (desc20, sizeof desc20, "Pélayanan lambat éé!");
  memset (desc5000, 'x', 5000);
  desc5000[5000] = '\0';
  char full[512], edge[128], longest[5200];
  snprintf (full, sizeof full,
            "{\"category\":\"PELAYANAN\",\"class\":\"PENGADUAN\","
            "\"description\":\"" DESC_OK "\",\"location\":\"Loket 3\","
            "\"incident_date\":\"%s\",\"requested_resolution\":\"Tambah"
            " petugas loket.\",\"privacy\":\"biasa\",\"reporter\":{\"name\":"
            "\"Budi Santoso\",\"nik\":\"3174094108900001\",\"phone\":"
            "\"+62 812 3456 7890\",\"email\":\"budi@contoh.id\",\"address\":"
            "\"Jl. Melati 1\"}}", today);
  snprintf (edge, sizeof edge, "{\"category\":\"LAINNYA\",\"description\":"
            "\"%s\",\"privacy\":\"anonim\"}", desc20);
  snprintf (longest, sizeof longest, "{\"category\":\"DATA\",\"class\":"
            "\"PERMINTAAN_INFORMASI\",\"description\":\"%s\",\"privacy\":"
            "\"anonim\",\"reporter\":null}", desc5000);
  const char *cases[] = {
    full,
    BIASA,
    /* rahasia with only an e-mail address for contact */
    "{\"category\":\"PETUGAS\",\"class\":\"ASPIRASI\",\"description\":"
    "\"Petugas loket berbicara kasar kepada pemohon.\",\"privacy\":"
    "\"rahasia\",\"reporter\":{\"name\":\"Siti\",\"email\":"
    "\"siti@contoh.id\"}}",
    ANONIM,
    edge,
    longest,
    /* empty reporter fields count as not given */
    "{\"category\":\"SARANA\",\"description\":\"Kursi ruang tunggu banyak"
    " yang rusak.\",\"privacy\":\"anonim\",\"reporter\":{\"name\":\"  \"}}",
  };
  size_t n = sizeof cases / sizeof cases[0];
  char codes[8][32];
  for (size_t i = 0; i < n; i++)
  {
    char tracking[32];
    submit_ok (cases[i], tracking, codes[i]);
    snprintf (want, sizeof want, "ADU-%s-%06zu", year, i + 1);
    cr_assert_str_eq (tracking, want, "case %zu", i);
    cr_assert (code_shape_ok (codes[i]), "case %zu: code '%s'", i,
               codes[i]);
    for (size_t k = 0; k < i; k++)
      cr_assert_str_neq (codes[i], codes[k], "codes repeat");
  }
  cr_assert_eq (h_count_rows (&srv, "complaints"), (long) n);
  /* The first one reads back as sent, phone normalised; the reporter can
     open each with its own code only. */
  struct staff p;
  staff_login (&p, "petugas", "petugas_pengaduan", true);
  snprintf (want, sizeof want, "ADU-%s-000001", year);
  json_t *d = detail (&p, want);
  cr_assert_str_eq (jstr (d, "category"), "PELAYANAN");
  cr_assert_str_eq (jstr (d, "class"), "PENGADUAN");
  cr_assert_str_eq (jstr (d, "channel"), "WEBSITE");
  cr_assert_str_eq (jstr (d, "privacy"), "biasa");
  cr_assert_str_eq (jstr (d, "location"), "Loket 3");
  cr_assert_str_eq (jstr (d, "incident_date"), today);
  cr_assert_str_eq (jstr (d, "requested_resolution"), "Tambah petugas loket.");
  cr_assert_str_eq (jstr (d, "status"), "DITERIMA");
  json_t *rep = json_object_get (d, "reporter");
  cr_assert_str_eq (jstr (rep, "phone"), "+6281234567890");
  cr_assert_str_eq (jstr (rep, "nik"), "3174094108900001");
  cr_assert_str_eq (jstr (rep, "email"), "budi@contoh.id");
  cr_assert_str_eq (jstr (rep, "address"), "Jl. Melati 1");
  json_decref (d);
  snprintf (want, sizeof want, "ADU-%s-000006", year);
  d = detail (&p, want);
  cr_assert_str_eq (jstr (d, "class"), "PERMINTAAN_INFORMASI");
  cr_assert_eq (strlen (jstr (d, "description")), 5000);
  json_decref (d);
  snprintf (want, sizeof want, "ADU-%s-000002", year);
  d = view_ok (want, codes[1]);
  cr_assert_str_eq (jstr (d, "tracking_number"), want);
  json_decref (d);
  struct resp r = view (want, codes[0]);
  cr_assert_eq (r.status, 403, "another complaint's code opened it");
  h_resp_free (&r);
}

/* ---- 2. bad input ---- */

struct bad {
  const char *ctype, *body;
  long status;
  const char *field;       /* path in error.fields, or NULL */
  const char *code;        /* its code (or error.code when no field) */
};

#define BASE_HEAD "{\"category\":\"WAKTU\",\"description\":\"" DESC_OK "\","
#define WITH_REP(rep) BASE_HEAD "\"privacy\":\"biasa\",\"reporter\":" rep "}"
#define WITH_TOP(kv) BASE_HEAD kv ",\"privacy\":\"biasa\"," REP_OK "}"

static void
run_bad (const struct bad *c, size_t n)
{
  for (size_t i = 0; i < n; i++)
  {
    struct resp r = h_http (&srv, "POST", API, c[i].ctype, c[i].body,
                            c[i].body ? strlen (c[i].body) : 0);
    cr_assert_eq (r.status, c[i].status, "case %zu: %ld %s\n  body: %.300s",
                  i, r.status, r.body, c[i].body);
    json_t *j = body_json (&r);
    json_t *err = json_object_get (j, "error");
    cr_assert (json_is_object (err), "case %zu: %s", i, r.body);
    cr_assert_null (json_object_get (j, "tracking_number"));
    if (c[i].field)
    {
      cr_assert_str_eq (jstr (err, "code"), "validation_failed",
                        "case %zu: %s", i, r.body);
      json_t *f = json_object_get (json_object_get (err, "fields"),
                                   c[i].field);
      cr_assert_not_null (f, "case %zu: field '%s' not named in %s", i,
                          c[i].field, r.body);
      if (c[i].code)
        cr_assert_str_eq (jstr (f, "code"), c[i].code, "case %zu: %s", i,
                          r.body);
      cr_assert (jstr (f, "message") && *jstr (f, "message"),
                 "case %zu: no message", i);
    }
    else if (c[i].code)
      cr_assert_str_eq (jstr (err, "code"), c[i].code, "case %zu: %s", i,
                        r.body);
    json_decref (j);
    h_resp_free (&r);
  }
}

Test (complaint, bad_input_names_the_field_and_stores_nothing)
{
  char future[11], long_desc[5100], long_loc[400], long_req[2200],
       short_mb[128];
  wib_date (2, future);
  memset (long_desc, 'y', 5001);
  long_desc[5001] = '\0';
  memset (long_loc, 'z', 301);
  long_loc[301] = '\0';
  memset (long_req, 'r', 2001);
  long_req[2001] = '\0';
  /* 19 characters in 38 bytes: too short although 38 bytes long */
  short_mb[0] = '\0';
  for (int i = 0; i < 19; i++)
    strcat (short_mb, "\xc3\xa9");
  char b_future[512], b_long[5400], b_loc[800], b_req[2600], b_mb[256];
  snprintf (b_future, sizeof b_future,
            WITH_TOP ("\"incident_date\":\"%s\""), future);
  snprintf (b_long, sizeof b_long, "{\"category\":\"WAKTU\",\"description\":"
            "\"%s\",\"privacy\":\"anonim\"}", long_desc);
  snprintf (b_loc, sizeof b_loc, WITH_TOP ("\"location\":\"%s\""), long_loc);
  snprintf (b_req, sizeof b_req, WITH_TOP ("\"requested_resolution\":\"%s\""),
            long_req);
  snprintf (b_mb, sizeof b_mb, "{\"category\":\"WAKTU\",\"description\":"
            "\"%s\",\"privacy\":\"anonim\"}", short_mb);
  const struct bad cases[] = {
    /* category */
    { JSON, "{\"description\":\"" DESC_OK "\",\"privacy\":\"biasa\","
      REP_OK "}", 400, "category", "required" },
    { JSON, "{\"category\":\"NOPE\",\"description\":\"" DESC_OK "\","
      "\"privacy\":\"anonim\"}", 400, "category", "invalid_choice" },
    { JSON, "{\"category\":\"\",\"description\":\"" DESC_OK "\","
      "\"privacy\":\"anonim\"}", 400, "category", "required" },
    { JSON, "{\"category\":7,\"description\":\"" DESC_OK "\","
      "\"privacy\":\"anonim\"}", 400, "category", "invalid_type" },
    /* description */
    { JSON, "{\"category\":\"WAKTU\",\"privacy\":\"anonim\"}", 400,
      "description", "required" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Terlalu pendek.\","
      "\"privacy\":\"anonim\"}", 400, "description", "too_short" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"123456789012345678"
      "9\",\"privacy\":\"anonim\"}", 400, "description", "too_short" },
    { JSON, b_mb, 400, "description", "too_short" },
    { JSON, b_long, 400, "description", "too_long" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":[\"" DESC_OK "\"],"
      "\"privacy\":\"anonim\"}", 400, "description", "invalid_type" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Antrean lama sekali"
      " \\u0000 di loket.\",\"privacy\":\"anonim\"}", 400, NULL, NULL },
    /* class */
    { JSON, WITH_TOP ("\"class\":\"KELUHAN\""), 400, "class",
      "invalid_choice" },
    { JSON, WITH_TOP ("\"class\":\"pengaduan\""), 400, "class",
      "invalid_choice" },
    /* other text fields */
    { JSON, b_loc, 400, "location", "too_long" },
    { JSON, b_req, 400, "requested_resolution", "too_long" },
    /* incident date */
    { JSON, WITH_TOP ("\"incident_date\":\"2025-02-30\""), 400,
      "incident_date", "invalid_date" },
    { JSON, WITH_TOP ("\"incident_date\":\"02-03-2025\""), 400,
      "incident_date", "invalid_date" },
    { JSON, WITH_TOP ("\"incident_date\":\"kemarin\""), 400,
      "incident_date", "invalid_date" },
    { JSON, WITH_TOP ("\"incident_date\":20250302"), 400, "incident_date",
      "invalid_type" },
    { JSON, b_future, 400, "incident_date", "in_future" },
    /* privacy */
    { JSON, BASE_HEAD "\"privacy\":\"publik\"," REP_OK "}", 400, "privacy",
      "invalid_choice" },
    { JSON, BASE_HEAD REP_OK "}", 400, "privacy", "required" },
    { JSON, BASE_HEAD "\"privacy\":true," REP_OK "}", 400, "privacy",
      "invalid_type" },
    /* who: biasa/rahasia need a name and a contact, anonim none */
    { JSON, WITH_REP ("{\"phone\":\"081234567890\"}"), 400,
      "reporter.name", "required" },
    { JSON, WITH_REP ("{\"name\":\"   \",\"phone\":\"081234567890\"}"), 400,
      "reporter.name", "required" },
    { JSON, BASE_HEAD "\"privacy\":\"biasa\"}", 400, "reporter.name",
      "required" },
    { JSON, WITH_REP ("{\"name\":\"Budi\"}"), 400, "reporter.phone",
      "required" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"address\":\"Jl. Mawar 2\"}"), 400,
      "reporter.phone", "required" },
    { JSON, BASE_HEAD "\"privacy\":\"rahasia\",\"reporter\":{\"email\":"
      "\"a@contoh.id\"}}", 400, "reporter.name", "required" },
    { JSON, BASE_HEAD "\"privacy\":\"anonim\",\"reporter\":{\"name\":"
      "\"Budi\"}}", 400, "reporter.name", "not_anonymous" },
    { JSON, BASE_HEAD "\"privacy\":\"anonim\",\"reporter\":{\"email\":"
      "\"budi@contoh.id\"}}", 400, "reporter.email", "not_anonymous" },
    { JSON, BASE_HEAD "\"privacy\":\"anonim\",\"reporter\":{\"nik\":"
      "\"3174094108900001\"}}", 400, "reporter.nik", "not_anonymous" },
    /* Both mistakes in one round trip: the rule across fields is told even
       though another field failed its own check. */
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Pendek.\","
      "\"privacy\":\"anonim\",\"reporter\":{\"name\":\"Budi\"}}", 400,
      "description", "too_short" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Pendek.\","
      "\"privacy\":\"anonim\",\"reporter\":{\"name\":\"Budi\"}}", 400,
      "reporter.name", "not_anonymous" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Pendek.\","
      "\"privacy\":\"biasa\",\"reporter\":{\"phone\":\"0812\"}}", 400,
      "reporter.name", "required" },
    /* NIK */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"317409410890000\"}"), 400, "reporter.nik",
      "invalid_nik" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"31740941089000011\"}"), 400, "reporter.nik",
      "invalid_nik" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"31740941089000AB\"}"), 400, "reporter.nik",
      "invalid_nik" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"3174 0941 0890 01\"}"), 400, "reporter.nik",
      "invalid_nik" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"3174093208900001\"}"), 400, "reporter.nik",
      "invalid_nik" },   /* day 32 */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"3174091313900001\"}"), 400, "reporter.nik",
      "invalid_nik" },   /* month 13 */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":\"3174097202900001\"}"), 400, "reporter.nik",
      "invalid_nik" },   /* day 72 (32 + 40) */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"nik\":3174094108900001}"), 400, "reporter.nik",
      "invalid_type" },
    /* phone */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"12345\"}"), 400,
      "reporter.phone", "invalid_phone" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"0812-ABCD-7890\"}"), 400,
      "reporter.phone", "invalid_phone" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"+1 555 123 4567\"}"),
      400, "reporter.phone", "invalid_phone" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"81234567890\"}"), 400,
      "reporter.phone", "invalid_phone" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"0804-1234-5678\"}"), 400,
      "reporter.phone", "invalid_phone" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":812345678}"), 400,
      "reporter.phone", "invalid_type" },
    /* e-mail */
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"email\":\"budi@\"}"), 400,
      "reporter.email", "invalid_email" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"email\":\"budi at contoh.id\"}"),
      400, "reporter.email", "invalid_email" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"email\":\"budi@contoh\"}"), 400,
      "reporter.email", "invalid_email" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"email\":\"budi@@contoh.id\"}"),
      400, "reporter.email", "invalid_email" },
    /* unknown fields, wrong shapes */
    { JSON, WITH_TOP ("\"prioritas\":\"tinggi\""), 400, "prioritas",
      "unknown_field" },
    { JSON, WITH_TOP ("\"name\":\"Budi\""), 400, "name", "unknown_field" },
    { JSON, WITH_REP ("{\"name\":\"Budi\",\"phone\":\"081234567890\","
                      "\"umur\":30}"), 400, "reporter.umur",
      "unknown_field" },
    { JSON, WITH_REP ("\"Budi Santoso\""), 400, "reporter", "invalid_type" },
    { JSON, WITH_REP ("[\"Budi Santoso\"]"), 400, "reporter",
      "invalid_type" },
    { JSON, WITH_REP ("{\"name\":42,\"phone\":\"081234567890\"}"), 400,
      "reporter.name", "invalid_type" },
    { JSON, "[]", 400, "$", "invalid_type" },
    { JSON, "\"pengaduan\"", 400, NULL, "invalid_json" },
    /* not JSON at all */
    { JSON, "{\"category\":", 400, NULL, "invalid_json" },
    { JSON, "{\"category\":\"WAKTU\",\"category\":\"BIAYA\"}", 400, NULL,
      "invalid_json" },
    { JSON, "{'category':'WAKTU'}", 400, NULL, "invalid_json" },
    { JSON, "", 400, NULL, "invalid_json" },
    { JSON, "{\"category\":\"WAKTU\",\"description\":\"Antrean \xff\xfe"
      " sangat lama sekali.\",\"privacy\":\"anonim\"}", 400, NULL, NULL },
    /* not JSON by its type */
    { "text/plain", BIASA, 415, NULL, "unsupported_media_type" },
    { FORM, "category=WAKTU&privacy=anonim", 415, NULL,
      "unsupported_media_type" },
    { "application/json; charset=latin1", BIASA, 415, NULL,
      "unsupported_media_type" },
  };
  run_bad (cases, sizeof cases / sizeof cases[0]);
  cr_assert_eq (h_count_rows (&srv, "complaints"), 0);
  cr_assert_eq (h_count_rows (&srv, "complaint_events"), 0);
  cr_assert_eq (h_count_rows (&srv, "complaint_sequences"), 0,
                "a refused complaint used up a number");
  /* Unknown unit. */
  struct resp r = post_json ("/api/v1/u/ghost/complaints", BIASA);
  cr_assert_eq (r.status, 404, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "unit_not_found"));
  h_resp_free (&r);
  /* The next good one still gets number 1. */
  char tracking[32], year[5], want[32];
  this_year (year);
  submit_ok (BIASA, tracking, NULL);
  snprintf (want, sizeof want, "ADU-%s-000001", year);
  cr_assert_str_eq (tracking, want);
}

/* ---- 3. officer-only intake fields ---- */

Test (complaint, staff_only_fields)
{
  struct staff p, z, a;
  staff_login (&p, "petugas", "petugas_pengaduan", true);
  staff_login (&z, "zi", "tim_zi", false);
  staff_login (&a, "admin", NULL, false);
  static const char wa[] = "{\"category\":\"WAKTU\",\"description\":\""
    DESC_OK "\",\"privacy\":\"biasa\"," REP_OK ",\"channel\":\"WHATSAPP\"}";
  static const char lapor[] = "{\"category\":\"BIAYA\",\"description\":\""
    DESC_OK "\",\"privacy\":\"anonim\",\"channel\":\"SP4N_LAPOR\","
    "\"lapor_id\":\"LAPOR-2026/0123\"}";
  static const char lapor_only[] = "{\"category\":\"BIAYA\",\"description\":"
    "\"" DESC_OK "\",\"privacy\":\"anonim\",\"lapor_id\":\"12345\"}";
  static const char no_lapor[] = "{\"category\":\"BIAYA\",\"description\":"
    "\"" DESC_OK "\",\"privacy\":\"anonim\",\"channel\":\"SP4N_LAPOR\"}";
  static const char bad_ch[] = "{\"category\":\"BIAYA\",\"description\":"
    "\"" DESC_OK "\",\"privacy\":\"anonim\",\"channel\":\"FAX\"}";
  static const char bad_lapor[] = "{\"category\":\"BIAYA\",\"description\":"
    "\"" DESC_OK "\",\"privacy\":\"anonim\",\"channel\":\"SP4N_LAPOR\","
    "\"lapor_id\":\"12 34\"}";
  char other_jar[400];
  jar_path ("nobody", other_jar, sizeof other_jar);
  static const char *const fake = "0000000000000000000000000000000000000000"
                                  "000000000000000000000000";
  const struct {
    const char *body, *jar, *csrf;
    long status;
    const char *field;
  } t[] = {
    /* no session at all, with or without a token */
    { wa, NULL, NULL, 403, "channel" },
    { wa, other_jar, fake, 403, "channel" },
    { lapor, NULL, NULL, 403, "channel" },
    { lapor_only, NULL, NULL, 403, "lapor_id" },
    /* a session without its CSRF token, or a wrong one */
    { wa, p.jar, NULL, 403, "channel" },
    { wa, p.jar, fake, 403, "channel" },
    /* a role that does not take complaints */
    { wa, z.jar, z.csrf, 403, "channel" },
    /* an officer, but values that do not fit */
    { no_lapor, p.jar, p.csrf, 400, "lapor_id" },
    { bad_ch, p.jar, p.csrf, 400, "channel" },
    { bad_lapor, p.jar, p.csrf, 400, "lapor_id" },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
  {
    struct resp r = api ("POST", API, t[i].body, t[i].jar, t[i].csrf);
    cr_assert_eq (r.status, t[i].status, "case %zu: %ld %s", i, r.status,
                  r.body);
    json_t *j = body_json (&r);
    cr_assert_not_null (json_object_get (json_object_get (
                                           json_object_get (j, "error"),
                                           "fields"), t[i].field),
                        "case %zu: '%s' not named: %s", i, t[i].field,
                        r.body);
    json_decref (j);
    h_resp_free (&r);
  }
  cr_assert_eq (h_count_rows (&srv, "complaints"), 0);

  /* Entered by the officer: 201 and kept with the complaint. */
  char t1[32], t2[32], t3[32], code[32];
  const char *bodies[] = { wa, lapor };
  char *out[] = { t1, t2 };
  for (size_t i = 0; i < 2; i++)
  {
    struct resp r = api ("POST", API, bodies[i], p.jar, p.csrf);
    cr_assert_eq (r.status, 201, "%s", r.body);
    json_t *j = body_json (&r);
    snprintf (out[i], 32, "%s", jstr (j, "tracking_number"));
    cr_assert (code_shape_ok (jstr (j, "access_code")), "%s", r.body);
    json_decref (j);
    h_resp_free (&r);
  }
  /* An admin may enter one too. */
  struct resp r = api ("POST", API, "{\"category\":\"SARANA\",\"description\":"
                       "\"Laporan dari kotak saran di lobi kantor.\","
                       "\"privacy\":\"anonim\",\"channel\":\"KOTAK\"}",
                       a.jar, a.csrf);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  /* Without a channel an officer's session changes nothing: WEBSITE. */
  r = api ("POST", API, ANONIM, p.jar, p.csrf);
  cr_assert_eq (r.status, 201, "%s", r.body);
  json_t *j3 = body_json (&r);
  snprintf (t3, sizeof t3, "%s", jstr (j3, "tracking_number"));
  snprintf (code, sizeof code, "%s", jstr (j3, "access_code"));
  json_decref (j3);
  h_resp_free (&r);

  json_t *d = detail (&p, t1);
  cr_assert_str_eq (jstr (d, "channel"), "WHATSAPP");
  cr_assert_str_eq (jstr (d, "entered_by"), "petugas");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "name"),
                    "Budi Santoso");
  json_decref (d);
  d = detail (&p, t2);
  cr_assert_str_eq (jstr (d, "channel"), "SP4N_LAPOR");
  cr_assert_str_eq (jstr (d, "lapor_id"), "LAPOR-2026/0123");
  json_decref (d);
  d = detail (&p, t3);
  cr_assert_str_eq (jstr (d, "channel"), "WEBSITE");
  cr_assert (json_is_null (json_object_get (d, "entered_by")));
  json_decref (d);
  /* The queue filters by channel. */
  char found[8][32];
  size_t n = queue (&p, "?channel=SP4N_LAPOR", found, 8);
  cr_assert_eq (n, 1);
  cr_assert_str_eq (found[0], t2);
  /* The officer's entry is in the audit log. */
  r = api ("GET", "/api/v1/u/demo/audit?action=complaint_enter", NULL, a.jar,
           NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, t1), "%s", r.body);
  cr_assert_not_null (strstr (r.body, t2), "%s", r.body);
  cr_assert_null (strstr (r.body, t3), "a citizen's complaint logged as"
                  " entered by staff");
  h_resp_free (&r);
}

/* ---- 4. the reporter ---- */

Test (complaint, reporter_view_reply_and_same_denial)
{
  char tracking[32], code[32], year[5], ghost[32];
  this_year (year);
  submit_ok (BIASA, tracking, code);

  /* The code as typed: lower case, without dashes, with spaces. */
  char lower[32], bare[32], spaced[32], ltrack[32];
  size_t k = 0;
  for (size_t i = 0; code[i]; i++)
  {
    lower[i] = (char) (code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32
                                                         : code[i]);
    lower[i + 1] = '\0';
    if (code[i] != '-')
      bare[k++] = code[i];
  }
  bare[k] = '\0';
  snprintf (spaced, sizeof spaced, "%.4s %.4s %.4s", bare, bare + 4,
            bare + 8);
  for (size_t i = 0; tracking[i]; i++)
  {
    ltrack[i] = (char) (tracking[i] >= 'A' && tracking[i] <= 'Z'
                        ? tracking[i] + 32 : tracking[i]);
    ltrack[i + 1] = '\0';
  }
  const char *forms[] = { code, lower, bare, spaced };
  for (size_t i = 0; i < 4; i++)
  {
    json_t *v = view_ok (tracking, forms[i]);
    cr_assert_str_eq (jstr (v, "tracking_number"), tracking);
    cr_assert_str_eq (jstr (v, "status"), "DITERIMA");
    cr_assert (jstr (v, "status_label") && *jstr (v, "status_label"));
    cr_assert_str_eq (jstr (v, "category"), "Waktu penyelesaian layanan");
    char today[11];
    wib_date (0, today);
    cr_assert_str_eq (jstr (v, "received_date"), today);
    json_t *ev = json_object_get (v, "events");
    cr_assert_eq (json_array_size (ev), 1);
    cr_assert_str_eq (jstr (json_array_get (ev, 0), "status"), "DITERIMA");
    cr_assert_eq (json_array_size (json_object_get (v, "messages")), 0);
    cr_assert (json_is_false (json_object_get (v, "can_confirm")));
    cr_assert (json_is_false (json_object_get (v, "can_reopen")));
    /* No identity and no officer-only data in the reporter's view. */
    cr_assert_null (json_object_get (v, "reporter"));
    json_decref (v);
  }
  json_t *v = view_ok (ltrack, code);
  json_decref (v);

  /* A wrong code, an unknown number, a code that cannot be one: the same
     answer. */
  char wrong[32];
  snprintf (wrong, sizeof wrong, "%s", code);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  snprintf (ghost, sizeof ghost, "ADU-%s-000099", year);
  struct resp r1 = view (tracking, wrong);
  struct resp r2 = view (ghost, code);
  struct resp r3 = view (tracking, "1");
  cr_assert_eq (r1.status, 403, "%s", r1.body);
  cr_assert_eq (r2.status, 403, "%s", r2.body);
  cr_assert_eq (r3.status, 403, "%s", r3.body);
  cr_assert_not_null (strstr (r1.body, "\"access_denied\""), "%s", r1.body);
  cr_assert_str_eq (r1.body, r2.body);
  cr_assert_str_eq (r1.body, r3.body);
  cr_assert_null (strstr (r2.body, ghost), "the answer names the number");
  h_resp_free (&r1);
  h_resp_free (&r2);
  h_resp_free (&r3);

  /* Shape errors are 400 and cost nothing. */
  r1 = reporter (tracking, "view", "{}");
  cr_assert_eq (r1.status, 400, "%s", r1.body);
  cr_assert_not_null (strstr (r1.body, "\"access_code\""));
  h_resp_free (&r1);
  char body[300];
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"x\":1}", code);
  r1 = reporter (tracking, "view", body);
  cr_assert_eq (r1.status, 400, "%s", r1.body);
  h_resp_free (&r1);

  /* A reply: 201 with the view, and the officer reads it. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Sudah"
            " dua jam saya menunggu, mohon segera.\"}", code);
  r1 = reporter (tracking, "reply", body);
  cr_assert_eq (r1.status, 201, "%s", r1.body);
  v = body_json (&r1);
  json_t *m = json_object_get (v, "messages");
  cr_assert_eq (json_array_size (m), 1, "%s", r1.body);
  cr_assert_str_eq (jstr (json_array_get (m, 0), "text"),
                    "Sudah dua jam saya menunggu, mohon segera.");
  cr_assert_str_eq (jstr (json_array_get (m, 0), "from"), "pelapor");
  cr_assert_str_eq (jstr (v, "status"), "DITERIMA");
  json_decref (v);
  h_resp_free (&r1);
  /* Empty or missing text, or a wrong code: nothing is added. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"\"}",
            code);
  r1 = reporter (tracking, "reply", body);
  cr_assert_eq (r1.status, 400, "%s", r1.body);
  cr_assert_not_null (strstr (r1.body, "\"text\""));
  h_resp_free (&r1);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Halo"
            " petugas, ini bukan pelapor.\"}", wrong);
  r1 = reporter (tracking, "reply", body);
  cr_assert_eq (r1.status, 403, "%s", r1.body);
  h_resp_free (&r1);
  /* A verdict before any follow-up does not apply. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":true}",
            code);
  r1 = reporter (tracking, "confirm", body);
  cr_assert_eq (r1.status, 409, "%s", r1.body);
  cr_assert_not_null (strstr (r1.body, "invalid_transition"), "%s", r1.body);
  h_resp_free (&r1);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":\"ya\"}",
            code);
  r1 = reporter (tracking, "confirm", body);
  cr_assert_eq (r1.status, 400, "%s", r1.body);
  h_resp_free (&r1);

  struct staff p;
  staff_login (&p, "petugas", "petugas_pengaduan", false);
  json_t *d = detail (&p, tracking);
  m = json_object_get (d, "messages");
  cr_assert_eq (json_array_size (m), 1, "%s", json_dumps (d, 0));
  cr_assert_str_eq (jstr (json_array_get (m, 0), "from"), "reporter");
  cr_assert_str_eq (jstr (json_array_get (m, 0), "text"),
                    "Sudah dua jam saya menunggu, mohon segera.");
  cr_assert_str_eq (jstr (d, "status"), "DITERIMA");
  json_decref (d);
  cr_assert_eq (h_count_rows (&srv, "complaint_messages"), 1);
}

Test (complaint, reporter_throttled_after_five_failures)
{
  char t1[32], c1[32], t2[32], c2[32], wrong[32];
  submit_ok (BIASA, t1, c1);
  submit_ok (ANONIM, t2, c2);
  snprintf (wrong, sizeof wrong, "%s", c1);
  wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
  /* The right code works, and does not count. */
  json_t *v = view_ok (t1, c1);
  json_decref (v);
  for (int i = 0; i < 5; i++)
  {
    struct resp r = view (t1, wrong);
    cr_assert_eq (r.status, 403, "attempt %d: %ld %s", i + 1, r.status,
                  r.body);
    h_resp_free (&r);
  }
  /* Now even the right code waits, and so does this client for another
     number. */
  struct resp r = view (t1, c1);
  cr_assert_eq (r.status, 429, "%ld %s", r.status, r.body);
  cr_assert_not_null (strstr (r.body, "too_many_requests"), "%s", r.body);
  h_resp_free (&r);
  r = view (t2, c2);
  cr_assert_eq (r.status, 429, "%ld %s", r.status, r.body);
  h_resp_free (&r);
  char body[200];
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Apakah"
            " sudah diproses?\"}", c1);
  r = reporter (t1, "reply", body);
  cr_assert_eq (r.status, 429, "%ld %s", r.status, r.body);
  h_resp_free (&r);
  cr_assert_eq (h_count_rows (&srv, "complaint_messages"), 0);
}

/* ---- 5. officers ---- */

Test (complaint, officer_workflow)
{
  struct staff p;
  char a[32], ac[32], b[32], bc[32], c[32], cc[32], year[5], today[11];
  this_year (year);
  wib_date (0, today);
  const char *sec[] = { "unit", "section", "add", "--data", srv.data,
                        "--unit", "demo", "--code", "BID-PDFT", "--name",
                        "Bidang Pendaftaran Penduduk", NULL };
  cr_assert_eq (h_cli (sec, false), 0, "section add");
  staff_login (&p, "petugas", "petugas_pengaduan", true);
  submit_ok (BIASA, a, ac);
  submit_ok (ANONIM, b, bc);
  struct resp r = api ("POST", API, "{\"category\":\"SARANA\",\"description\":"
                       "\"Toilet umum di lantai dua tidak berfungsi.\","
                       "\"privacy\":\"anonim\",\"channel\":\"TELEPON\"}",
                       p.jar, p.csrf);
  cr_assert_eq (r.status, 201, "%s", r.body);
  json_t *j = body_json (&r);
  snprintf (c, sizeof c, "%s", jstr (j, "tracking_number"));
  snprintf (cc, sizeof cc, "%s", jstr (j, "access_code"));
  json_decref (j);
  h_resp_free (&r);

  /* The queue and its filters; no identity in it. */
  char found[16][32];
  json_t *d, *d0;
  r = api ("GET", API, NULL, p.jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_null (strstr (r.body, "Budi"), "identity in the queue");
  cr_assert_null (strstr (r.body, "0812"), "identity in the queue");
  j = body_json (&r);
  cr_assert_str_eq (jstr (j, "today"), today);
  json_t *rows = json_object_get (j, "complaints");
  cr_assert_eq (json_array_size (rows), 3);
  json_t *row = json_array_get (rows, 0);
  cr_assert_str_eq (jstr (row, "status"), "DITERIMA");
  cr_assert (json_is_false (json_object_get (row, "overdue")));
  assert_due (jstr (row, "due_date"), today, 3, "queue row");
  json_decref (j);
  h_resp_free (&r);
  const struct {
    const char *q;
    size_t n;
    const char *first;
  } filters[] = {
    { "", 3, NULL },
    { "?status=DITERIMA", 3, NULL },
    { "?status=SELESAI", 0, NULL },
    { "?category=BIAYA", 1, b },
    { "?category=WAKTU", 1, a },
    { "?category=DATA", 0, NULL },
    { "?channel=TELEPON", 1, c },
    { "?channel=WEBSITE", 2, NULL },
    { "?category=SARANA&channel=WEBSITE", 0, NULL },
    { "?overdue=1", 0, NULL },
  };
  for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
  {
    size_t n = queue (&p, filters[i].q, found, 16);
    cr_assert_eq (n, filters[i].n, "filter '%s': %zu", filters[i].q, n);
    if (filters[i].first)
      cr_assert_str_eq (found[0], filters[i].first, "filter '%s'",
                        filters[i].q);
  }
  /* Overdue: a deadline already passed (set behind the server's back). */
  char cmd[600];
  snprintf (cmd, sizeof cmd, "sqlite3 '%s/wadah.db' \"UPDATE complaints SET"
            " due_date = '2020-01-02' WHERE tracking = '%s'\"", srv.data, b);
  cr_assert_eq (system (cmd), 0);
  cr_assert_eq (queue (&p, "?overdue=1", found, 16), 1);
  cr_assert_str_eq (found[0], b);
  d0 = detail (&p, b);
  cr_assert (json_is_true (json_object_get (d0, "overdue")));
  json_decref (d0);
  r = api ("GET", API "?status=BOGUS", NULL, p.jar, NULL);
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);

  /* The deadline of a fresh complaint: 3 working days after receipt. */
  d = detail (&p, a);
  char received[11];
  snprintf (received, sizeof received, "%s", jstr (d, "received_at"));
  cr_assert_str_eq (received, today);
  assert_due (jstr (d, "due_date"), received, 3, "DITERIMA");
  cr_assert (has_item (json_object_get (d, "next"), "status",
                       "DIVERIFIKASI"));
  cr_assert_not (has_item (json_object_get (d, "next"), "status",
                           "SELESAI"));
  json_decref (d);

  /* A move the lifecycle does not allow, and bad requests. */
  r = change (&p, a, "status", "{\"status\":\"SELESAI\"}");
  cr_assert_eq (r.status, 409, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "invalid_transition"), "%s", r.body);
  h_resp_free (&r);
  set_status (&p, a, "{\"status\":\"DITINDAKLANJUTI\"}", 409);
  set_status (&p, a, "{\"status\":\"DIDISPOSISI\",\"section\":\"BID-PDFT\"}",
              409);
  set_status (&p, a, "{\"status\":\"DITERIMA\"}", 409);
  set_status (&p, a, "{\"status\":\"BERES\"}", 400);
  set_status (&p, a, "{\"status\":\"DIVERIFIKASI\",\"prioritas\":1}", 400);
  /* Without the CSRF token nothing changes. */
  r = api ("POST", API "/x/status", "{\"status\":\"DIVERIFIKASI\"}", p.jar,
           NULL);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  char path[128];
  snprintf (path, sizeof path, API "/%s/status", a);
  r = api ("POST", path, "{\"status\":\"DIVERIFIKASI\"}", p.jar, NULL);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  r = change (&p, "ADU-1999-000001", "status", "{\"status\":\"DIVERIFIKASI\"}");
  cr_assert_eq (r.status, 404, "%s", r.body);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "DITERIMA");
  cr_assert_eq (json_array_size (json_object_get (d, "events")), 1);
  json_decref (d);

  /* The lifecycle. */
  set_status (&p, a, "{\"status\":\"DIVERIFIKASI\",\"note\":\"Lengkap.\"}",
              200);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "DIVERIFIKASI");
  assert_due (jstr (d, "due_date"), received, 3, "DIVERIFIKASI");
  json_decref (d);
  set_status (&p, a, "{\"status\":\"DIDISPOSISI\"}", 400);
  set_status (&p, a, "{\"status\":\"DIDISPOSISI\",\"section\":\"BID-X\"}",
              400);
  set_status (&p, a, "{\"status\":\"DIDISPOSISI\",\"section\":\"BID-PDFT\","
              "\"note\":\"Ke bidang pendaftaran.\"}", 200);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "DIDISPOSISI");
  cr_assert_str_eq (jstr (d, "section"), "BID-PDFT");
  assert_due (jstr (d, "due_date"), today, 5, "DIDISPOSISI");
  json_decref (d);
  set_status (&p, a, "{\"status\":\"DITINDAKLANJUTI\"}", 200);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "DITINDAKLANJUTI");
  assert_due (jstr (d, "due_date"), today, 10, "DITINDAKLANJUTI");
  json_t *ev = json_object_get (d, "events");
  const char *order[] = { "DITERIMA", "DIVERIFIKASI", "DIDISPOSISI",
                          "DITINDAKLANJUTI" };
  cr_assert_eq (json_array_size (ev), 4);
  for (size_t i = 0; i < 4; i++)
    cr_assert_str_eq (jstr (json_array_get (ev, i), "status"), order[i]);
  cr_assert_str_eq (jstr (json_array_get (ev, 1), "by"), "petugas");
  cr_assert_str_eq (jstr (json_array_get (ev, 1), "note"), "Lengkap.");
  json_decref (d);
  cr_assert_eq (queue (&p, "?status=DITINDAKLANJUTI", found, 16), 1);
  cr_assert_str_eq (found[0], a);

  /* A reply to the reporter and an internal note. */
  static const char reply[] = "Loket tambahan dibuka mulai Senin.";
  static const char secret[] = "Catatan internal: petugas loket 3 ditegur.";
  char body[300];
  snprintf (body, sizeof body, "{\"text\":\"%s\"}", reply);
  r = change (&p, a, "messages", body);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  snprintf (body, sizeof body, "{\"text\":\"%s\",\"internal\":true}", secret);
  r = change (&p, a, "messages", body);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  r = change (&p, a, "messages", "{\"text\":\"\"}");
  cr_assert_eq (r.status, 400, "%s", r.body);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert (has_item (json_object_get (d, "messages"), "text", reply));
  cr_assert_not (has_item (json_object_get (d, "messages"), "text", secret));
  cr_assert (has_item (json_object_get (d, "notes"), "text", secret));
  json_decref (d);
  r = view (a, ac);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_null (strstr (r.body, "ditegur"), "internal note shown to the"
                  " reporter: %s", r.body);
  json_t *v = body_json (&r);
  cr_assert (has_item (json_object_get (v, "messages"), "text", reply));
  cr_assert_str_eq (jstr (json_array_get (json_object_get (v, "messages"), 0),
                          "from"), "petugas");
  cr_assert (json_is_true (json_object_get (v, "can_confirm")), "%s", r.body);
  cr_assert_str_eq (jstr (v, "status"), "DITINDAKLANJUTI");
  json_decref (v);
  h_resp_free (&r);

  /* The reporter: solved -> SELESAI; an officer cannot reopen it; not
     solved -> DITINDAKLANJUTI again. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":true}", ac);
  r = reporter (a, "confirm", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  v = body_json (&r);
  cr_assert_str_eq (jstr (v, "status"), "SELESAI");
  cr_assert (json_is_true (json_object_get (v, "can_reopen")));
  cr_assert (json_is_false (json_object_get (v, "can_confirm")));
  json_decref (v);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "SELESAI");
  cr_assert_str_eq (jstr (d, "reporter_verdict"), "solved");
  cr_assert_eq (json_array_size (json_object_get (d, "next")), 0);
  json_decref (d);
  set_status (&p, a, "{\"status\":\"DITINDAKLANJUTI\"}", 409);
  r = reporter (a, "confirm", body);
  cr_assert_eq (r.status, 409, "solved twice: %s", r.body);
  h_resp_free (&r);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":false}",
            ac);
  r = reporter (a, "confirm", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  v = body_json (&r);
  cr_assert_str_eq (jstr (v, "status"), "DITINDAKLANJUTI");
  cr_assert (json_is_false (json_object_get (v, "can_reopen")));
  json_decref (v);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "reporter_verdict"), "not_solved");
  cr_assert_str_eq (jstr (d, "status"), "DITINDAKLANJUTI");
  json_decref (d);
  /* Solved once more, then a reply reopens it. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":true}", ac);
  r = reporter (a, "confirm", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Ternyata"
            " antrean kembali panjang hari ini.\"}", ac);
  r = reporter (a, "reply", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  v = body_json (&r);
  cr_assert_str_eq (jstr (v, "status"), "DITINDAKLANJUTI", "%s", r.body);
  json_decref (v);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "status"), "DITINDAKLANJUTI");
  ev = json_object_get (d, "events");
  cr_assert_str_eq (jstr (json_array_get (ev, json_array_size (ev) - 1),
                          "by"), "pelapor");
  cr_assert_str_eq (jstr (json_array_get (ev, json_array_size (ev) - 1),
                          "from"), "SELESAI");
  assert_due (jstr (d, "due_date"), today, 10, "reopened");
  json_decref (d);
  /* A verdict on a complaint still waiting does not apply. */
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"solved\":true}", bc);
  r = reporter (b, "confirm", body);
  cr_assert_eq (r.status, 409, "%s", r.body);
  h_resp_free (&r);

  /* Other lifecycle ends for B and C. */
  set_status (&p, b, "{\"status\":\"BUKAN_WEWENANG\",\"note\":\"Wewenang"
              " kepolisian.\"}", 200);
  set_status (&p, b, "{\"status\":\"DIVERIFIKASI\"}", 409);
  set_status (&p, c, "{\"status\":\"PERLU_DILENGKAPI\",\"note\":\"Mohon"
              " sebutkan lantai dan waktunya.\"}", 200);
  r = view (c, cc);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.body, "Mohon sebutkan lantai"), "%s", r.body);
  h_resp_free (&r);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Lantai"
            " dua, setiap pagi.\"}", cc);
  r = reporter (c, "reply", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  v = body_json (&r);
  cr_assert_str_eq (jstr (v, "status"), "DITERIMA", "completion did not"
                    " return it: %s", r.body);
  json_decref (v);
  h_resp_free (&r);
  set_status (&p, c, "{\"status\":\"DIARSIPKAN\"}", 200);
  set_status (&p, c, "{\"status\":\"DITERIMA\"}", 409);

  /* SKM unsur tags. */
  r = change (&p, a, "unsur", "{\"unsur\":[\"U3\",\"U7\"]}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  const char *bad_unsur[] = { "{\"unsur\":[\"U99\"]}", "{\"unsur\":[\"X\"]}",
                              "{\"unsur\":[\"U3\",\"U3\"]}",
                              "{\"unsur\":\"U3\"}", "{\"unsur\":[3]}",
                              "{\"tags\":[\"U3\"]}" };
  for (size_t i = 0; i < sizeof bad_unsur / sizeof bad_unsur[0]; i++)
  {
    r = change (&p, a, "unsur", bad_unsur[i]);
    cr_assert_eq (r.status, 400, "%s: %ld %s", bad_unsur[i], r.status,
                  r.body);
    h_resp_free (&r);
  }
  d = detail (&p, a);
  json_t *u = json_object_get (d, "unsur");
  cr_assert_eq (json_array_size (u), 2, "%s", json_dumps (d, 0));
  cr_assert_str_eq (json_string_value (json_array_get (u, 0)), "U3");
  cr_assert_str_eq (json_string_value (json_array_get (u, 1)), "U7");
  json_decref (d);
  r = change (&p, a, "unsur", "{\"unsur\":[]}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_eq (json_array_size (json_object_get (d, "unsur")), 0);
  json_decref (d);

  /* Publication: only approved text, never the identity. */
  r = h_http (&srv, "GET", "/u/demo/tindak-lanjut", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, a));
  cr_assert_null (strstr (r.body, b));
  cr_assert_null (strstr (r.body, c));
  h_resp_free (&r);
  r = change (&p, a, "publish", "{\"text\":\"Loket ditambah menjadi <b>tiga"
              "</b> & antrean dipantau.\"}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  d = detail (&p, a);
  cr_assert_str_eq (jstr (d, "public_response"),
                    "Loket ditambah menjadi <b>tiga</b> & antrean dipantau.");
  json_decref (d);
  r = h_http (&srv, "GET", "/u/demo/tindak-lanjut", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, a), "published complaint missing");
  cr_assert_not_null (strstr (r.body, "Loket ditambah menjadi &lt;b&gt;tiga"),
                      "%s", r.body);
  cr_assert_not_null (strstr (r.body, "&amp; antrean dipantau."), "%s",
                      r.body);
  cr_assert_null (strstr (r.body, "<b>"), "published text not escaped");
  cr_assert_not_null (strstr (r.body, "Waktu penyelesaian layanan"));
  const char *never[] = { "Budi", "Santoso", "0812", "3456-7890",
                          "+62812", "6281234567890", DESC_OK, reply, secret,
                          "ditegur", b, c };
  for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
    cr_assert_null (strstr (r.body, never[i]), "'%s' on the public page",
                    never[i]);
  h_resp_free (&r);
  /* Withdrawn: gone again. */
  r = change (&p, a, "publish", "{\"text\":\"\"}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  r = h_http (&srv, "GET", "/u/demo/tindak-lanjut", NULL, NULL, 0);
  cr_assert_null (strstr (r.body, a), "withdrawn response still public");
  h_resp_free (&r);

  /* Every change is in the audit log and the chain holds. */
  struct staff ad;
  staff_login (&ad, "admin", NULL, false);
  const char *actions[] = { "complaint_status", "complaint_message",
                            "complaint_note", "complaint_unsur",
                            "complaint_publish" };
  for (size_t i = 0; i < 5; i++)
  {
    snprintf (path, sizeof path, "/api/v1/u/demo/audit?action=%s",
              actions[i]);
    r = api ("GET", path, NULL, ad.jar, NULL);
    cr_assert_eq (r.status, 200);
    cr_assert_not_null (strstr (r.body, a), "%s not logged: %s", actions[i],
                        r.body);
    h_resp_free (&r);
  }
  char out[512];
  const char *verify[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (verify, out, sizeof out), 0, "%s", out);
}

/* Audit entries about OBJECT (newest 50 of the unit). */
static size_t
audit_about (const struct staff *admin, const char *object)
{
  struct resp r = api ("GET", "/api/v1/u/demo/audit", NULL, admin->jar,
                       NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  size_t i, n = 0;
  json_t *e;
  json_array_foreach (json_object_get (j, "entries"), i, e)
    if (jstr (e, "object") && 0 == strcmp (jstr (e, "object"), object))
      n++;
  json_decref (j);
  h_resp_free (&r);
  return n;
}

/* DOMAIN.md §3: every transition is time-stamped and audit-logged, the
   reporter's too (the system's auto-close is). */
Test (complaint, reporter_transitions_are_audit_logged)
{
  struct staff p, ad;
  char t[32], code[32], body[200];
  const char *sec[] = { "unit", "section", "add", "--data", srv.data,
                        "--unit", "demo", "--code", "B1", "--name",
                        "Bidang Satu", NULL };
  cr_assert_eq (h_cli (sec, false), 0, "section add");
  staff_login (&p, "petugas", "petugas_pengaduan", false);
  staff_login (&ad, "admin", NULL, false);
  submit_ok (ANONIM, t, code);
  set_status (&p, t, "{\"status\":\"DIVERIFIKASI\"}", 200);
  set_status (&p, t, "{\"status\":\"DIDISPOSISI\",\"section\":\"B1\"}", 200);
  set_status (&p, t, "{\"status\":\"DITINDAKLANJUTI\"}", 200);
  struct resp r = change (&p, t, "messages", "{\"text\":\"Sudah kami"
                          " perbaiki.\"}");
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  const struct {
    const char *what, *rest, *status;
  } steps[] = {
    { "confirm", "\"solved\":true", "SELESAI" },
    { "confirm", "\"solved\":false", "DITINDAKLANJUTI" },
    { "confirm", "\"solved\":true", "SELESAI" },
    { "reply", "\"text\":\"Masalahnya muncul lagi.\"", "DITINDAKLANJUTI" },
  };
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
  {
    size_t before = audit_about (&ad, t);
    snprintf (body, sizeof body, "{\"access_code\":\"%s\",%s}", code,
              steps[i].rest);
    r = reporter (t, steps[i].what, body);
    cr_assert_eq (r.status, 201, "step %zu: %s", i, r.body);
    json_t *v = body_json (&r);
    cr_assert_str_eq (jstr (v, "status"), steps[i].status, "step %zu", i);
    json_decref (v);
    h_resp_free (&r);
    cr_assert_gt (audit_about (&ad, t), before, "step %zu: the reporter's"
                  " change to %s is not in the audit log", i,
                  steps[i].status);
  }
}

/* ---- 6. identity access ---- */

static void
assert_identity (json_t *d, const char *state, const char *name)
{
  cr_assert_str_eq (jstr (d, "identity"), state, "%s", json_dumps (d, 0));
  json_t *rep = json_object_get (d, "reporter");
  if (name)
    cr_assert_str_eq (jstr (rep, "name"), name);
  else
    cr_assert (NULL == rep || json_is_null (rep), "reporter data given: %s",
               json_dumps (d, 0));
}

Test (complaint, identity_by_key_role_and_privacy)
{
  struct staff pk, pn, ad, pim;
  char tb[32], tr[32], ta[32];
  staff_login (&pk, "petugas", "petugas_pengaduan", true);
  staff_login (&pn, "petugas2", "petugas_pengaduan", false);
  staff_login (&ad, "admin", NULL, true);
  staff_login (&pim, "kepala", "pimpinan", false);
  submit_ok ("{\"category\":\"PETUGAS\",\"description\":\"" DESC_OK "\","
             "\"privacy\":\"biasa\",\"reporter\":{\"name\":\"Rina Biasa\","
             "\"nik\":\"3174094108900001\",\"phone\":\"0812-1111-2222\","
             "\"email\":\"rina@contoh.id\",\"address\":\"Jl. Kenanga 5\"}}",
             tb, NULL);
  submit_ok ("{\"category\":\"PETUGAS\",\"description\":\"" DESC_OK "\","
             "\"privacy\":\"rahasia\",\"reporter\":{\"name\":\"Rudi Rahasia\","
             "\"phone\":\"0813-3333-4444\"}}", tr, NULL);
  submit_ok (ANONIM, ta, NULL);

  /* biasa: the officer with the key sees it all; without the key:
     locked. */
  json_t *d = detail (&pk, tb);
  assert_identity (d, "shown", "Rina Biasa");
  json_t *rep = json_object_get (d, "reporter");
  cr_assert_str_eq (jstr (rep, "nik"), "3174094108900001");
  cr_assert_str_eq (jstr (rep, "phone"), "+6281211112222");
  cr_assert_str_eq (jstr (rep, "email"), "rina@contoh.id");
  cr_assert_str_eq (jstr (rep, "address"), "Jl. Kenanga 5");
  json_decref (d);
  cr_assert_eq (identity_views (&ad, tb, "petugas"), 1);
  d = detail (&pk, tb);
  json_decref (d);
  cr_assert_eq (identity_views (&ad, tb, "petugas"), 2, "second view not"
                " logged");
  /* The staff page shows it only when asked, and logs that too. */
  char page[128];
  snprintf (page, sizeof page, "/staff/pengaduan/%s", tb);
  struct resp pr = h_http2 (&srv, "GET", page, NULL, NULL, NULL, pk.jar);
  cr_assert_eq (pr.status, 200, "%s", pr.body);
  cr_assert_null (strstr (pr.body, "Rina Biasa"), "identity shown unasked");
  h_resp_free (&pr);
  cr_assert_eq (identity_views (&ad, tb, "petugas"), 2);
  snprintf (page, sizeof page, "/staff/pengaduan/%s?identitas=1", tb);
  pr = h_http2 (&srv, "GET", page, NULL, NULL, NULL, pk.jar);
  cr_assert_eq (pr.status, 200, "%s", pr.body);
  cr_assert_not_null (strstr (pr.body, "Rina Biasa"));
  h_resp_free (&pr);
  cr_assert_eq (identity_views (&ad, tb, "petugas"), 3);
  const struct staff *nokey[] = { &pn, &pim };
  for (size_t i = 0; i < 2; i++)
  {
    char path[128];
    snprintf (path, sizeof path, API "/%s", tb);
    struct resp r = api ("GET", path, NULL, nokey[i]->jar, NULL);
    cr_assert_eq (r.status, 200, "%s", r.body);
    cr_assert_null (strstr (r.body, "Rina"), "%s", r.body);
    cr_assert_null (strstr (r.body, "1111"), "%s", r.body);
    cr_assert_null (strstr (r.body, "rina@"), "%s", r.body);
    d = body_json (&r);
    assert_identity (d, "locked", NULL);
    json_decref (d);
    h_resp_free (&r);
  }
  cr_assert_eq (identity_views (&ad, tb, "petugas2"), 0);

  /* rahasia: hidden from the officer even with the key; the admin (a
     designated role by default) with the key sees it. */
  char path[128];
  snprintf (path, sizeof path, API "/%s", tr);
  struct resp r = api ("GET", path, NULL, pk.jar, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, "Rudi"), "%s", r.body);
  cr_assert_null (strstr (r.body, "3333"), "%s", r.body);
  d = body_json (&r);
  assert_identity (d, "rahasia", NULL);
  json_decref (d);
  h_resp_free (&r);
  cr_assert_eq (identity_views (&ad, tr, "petugas"), 0);
  d = detail (&ad, tr);
  assert_identity (d, "shown", "Rudi Rahasia");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "phone"),
                    "+6281333334444");
  json_decref (d);
  cr_assert_eq (identity_views (&ad, tr, "admin"), 1);
  /* The unit may designate the officers too. */
  const char *set[] = { "unit", "setting", "--data", srv.data, "--unit",
                        "demo", "--key", "rahasia_roles", "--value",
                        "admin,petugas_pengaduan", NULL };
  cr_assert_eq (h_cli (set, false), 0);
  d = detail (&pk, tr);
  assert_identity (d, "shown", "Rudi Rahasia");
  json_decref (d);
  cr_assert_eq (identity_views (&ad, tr, "petugas"), 1);
  d = detail (&pn, tr);
  assert_identity (d, "locked", NULL);
  json_decref (d);

  /* anonim: nothing to show, for anyone. */
  const struct staff *all[] = { &pk, &pn, &ad, &pim };
  for (size_t i = 0; i < 4; i++)
  {
    d = detail (all[i], ta);
    assert_identity (d, "anonim", NULL);
    json_decref (d);
  }
  cr_assert_eq (h_count_rows (&srv, "complaints"), 3);

  char out[512];
  const char *verify[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (verify, out, sizeof out), 0, "%s", out);
}

/* ---- 7. roles ---- */

Test (complaint, staff_routes_by_role)
{
  struct staff p, z, pim, ad;
  char t[32], code[32];
  staff_login (&p, "petugas", "petugas_pengaduan", false);
  staff_login (&z, "zi", "tim_zi", false);
  staff_login (&pim, "kepala", "pimpinan", false);
  staff_login (&ad, "admin", NULL, false);
  submit_ok (BIASA, t, code);
  char one[96], st[96], msg[96], uns[96], pub[96], oth[96], oth1[96];
  snprintf (one, sizeof one, API "/%s", t);
  snprintf (st, sizeof st, API "/%s/status", t);
  snprintf (msg, sizeof msg, API "/%s/messages", t);
  snprintf (uns, sizeof uns, API "/%s/unsur", t);
  snprintf (pub, sizeof pub, API "/%s/publish", t);
  snprintf (oth, sizeof oth, "/api/v1/u/other/complaints");
  snprintf (oth1, sizeof oth1, "/api/v1/u/other/complaints/%s", t);
  const struct {
    const char *method, *path, *body;
    long anon, zi, pimpinan, petugas;
  } c[] = {
    { "GET", API, NULL, 401, 403, 200, 200 },
    { "GET", one, NULL, 401, 403, 200, 200 },
    { "GET", oth, NULL, 401, 403, 403, 403 },
    { "GET", oth1, NULL, 401, 403, 403, 403 },
    { "POST", st, "{\"status\":\"DIVERIFIKASI\"}", 401, 403, 403, 200 },
    { "POST", msg, "{\"text\":\"Sedang kami periksa.\"}", 401, 403, 403,
      200 },
    { "POST", uns, "{\"unsur\":[\"U5\"]}", 401, 403, 403, 200 },
    { "POST", pub, "{\"text\":\"Sedang diperiksa.\"}", 401, 403, 403, 200 },
    { "GET", "/staff/pengaduan", NULL, 303, 403, 200, 200 },
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
  {
    const struct staff *who[] = { NULL, &z, &pim, &p };
    long want[] = { c[i].anon, c[i].zi, c[i].pimpinan, c[i].petugas };
    for (size_t k = 0; k < 4; k++)
    {
      struct resp r = api (c[i].method, c[i].path, c[i].body,
                           who[k] ? who[k]->jar : NULL,
                           who[k] ? who[k]->csrf : "x");
      cr_assert_eq (r.status, want[k], "case %zu %s %s as %zu: %ld %s", i,
                    c[i].method, c[i].path, k, r.status, r.body);
      if (want[k] != 200 && want[k] != 303)
        cr_assert_null (strstr (r.body, "Budi"), "%s", r.body);
      h_resp_free (&r);
    }
  }
  /* An admin reads the queue. */
  struct resp r = api ("GET", API, NULL, ad.jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  /* Only the petugas' changes happened. */
  json_t *d = detail (&p, t);
  cr_assert_str_eq (jstr (d, "status"), "DIVERIFIKASI");
  cr_assert_eq (json_array_size (json_object_get (d, "events")), 2);
  cr_assert_eq (json_array_size (json_object_get (d, "messages")), 1);
  json_decref (d);
  /* A logged-out session is anonymous again. */
  r = api ("POST", "/api/v1/logout", NULL, p.jar, p.csrf);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
  r = api ("GET", API, NULL, p.jar, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
}

/* Submit the public page's form as multipart with FIELDS and one file;
   201 expected; fills TRACKING from the receipt page. */
struct kv {
  const char *k, *v;
};

static void
page_submit (const struct kv *fields, size_t n, const char *filename,
             const char *content, char tracking[32])
{
  char mp[8192];
  size_t o = 0;
  for (size_t i = 0; i < n; i++)
    o += (size_t) snprintf (mp + o, sizeof mp - o, "--XyZzYbOuNdArY\r\n"
                            "Content-Disposition: form-data; name=\"%s\""
                            "\r\n\r\n%s\r\n", fields[i].k, fields[i].v);
  o += (size_t) snprintf (mp + o, sizeof mp - o, "--XyZzYbOuNdArY\r\n"
                          "Content-Disposition: form-data; name=\"lampiran\";"
                          " filename=\"%s\"\r\nContent-Type: application/pdf"
                          "\r\n\r\n%s\r\n--XyZzYbOuNdArY--\r\n", filename,
                          content);
  cr_assert_lt (o, sizeof mp);
  struct resp r = h_http (&srv, "POST", "/u/demo/pengaduan",
                          "multipart/form-data; boundary=XyZzYbOuNdArY", mp,
                          o);
  cr_assert_eq (r.status, 201, "%s", r.body);
  const char *tn = strstr (r.body, "ADU-");
  cr_assert_not_null (tn, "%s", r.body);
  snprintf (tracking, 32, "%.15s", tn);
  cr_assert_eq (strlen (tracking), 15);
  h_resp_free (&r);
}

/* The first attachment's id in a detail answer. */
static long long
first_file (json_t *d)
{
  json_t *files = json_object_get (d, "attachments");
  cr_assert_eq (json_array_size (files), 1, "%s", json_dumps (d, 0));
  cr_assert_str_eq (jstr (json_array_get (files, 0), "type"),
                    "application/pdf");
  return json_integer_value (json_object_get (json_array_get (files, 0),
                                              "id"));
}

/* A rahasia complaint's evidence (its original name and content often
   identify the reporter: a photo of the KTP) is for the designated roles
   only, like the identity itself (DOMAIN.md §3). */
Test (complaint, rahasia_attachment_only_for_designated_roles)
{
  struct staff p, ad;
  char t[32], path[128];
  staff_login (&p, "petugas", "petugas_pengaduan", true);
  staff_login (&ad, "admin", NULL, true);
  static const struct kv f[] = {
    { "category", "PETUGAS" },
    { "description", "Petugas meminta imbalan di luar ketentuan." },
    { "privacy", "rahasia" }, { "name", "Rudi Rahasia" },
    { "phone", "081299998888" },
  };
  static const char pdf[] = "%PDF-1.4\n% KTP Rudi Rahasia\n%%EOF\n";
  page_submit (f, sizeof f / sizeof f[0], "KTP-Rudi-Rahasia.pdf", pdf, t);
  json_t *d = detail (&ad, t);
  long long id = first_file (d);
  json_decref (d);
  snprintf (path, sizeof path, "/staff/pengaduan/%s/lampiran/%lld", t, id);
  struct resp r = h_http2 (&srv, "GET", path, NULL, NULL, NULL, ad.jar);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_eq (r.len, strlen (pdf));
  cr_assert_eq (memcmp (r.body, pdf, r.len), 0);
  h_resp_free (&r);
  d = detail (&p, t);
  assert_identity (d, "rahasia", NULL);
  json_decref (d);
  r = h_http2 (&srv, "GET", path, NULL, NULL, NULL, p.jar);
  cr_assert_neq (r.status, 200, "an officer outside rahasia_roles got the"
                 " rahasia complaint's file: %s", r.headers);
  cr_assert_null (strstr (r.headers, "Rudi"), "%s", r.headers);
  cr_assert_null (strstr (r.body, "Rudi"), "%s", r.body);
  h_resp_free (&r);
}

/* ---- 8. from the outside ---- */

static bool
file_contains (const char *path, const void *needle, size_t n)
{
  FILE *f = fopen (path, "rb");
  if (NULL == f)
    return false;
  fseek (f, 0, SEEK_END);
  long len = ftell (f);
  fseek (f, 0, SEEK_SET);
  char *buf = malloc ((size_t) len + 1);
  size_t got = fread (buf, 1, (size_t) len, f);
  fclose (f);
  bool found = got > 0 && memmem (buf, got, needle, n) != NULL;
  free (buf);
  return found;
}

/* Search every file under DIR; WHERE gets the first holding NEEDLE. */
static bool
tree_contains (const char *dir, const void *needle, size_t n, char *where,
               size_t cap, size_t *files)
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
      found = tree_contains (p, needle, n, where, cap, files);
    else
    {
      (*files)++;
      if (file_contains (p, needle, n))
      {
        found = true;
        snprintf (where, cap, "%s", p);
      }
    }
  }
  closedir (d);
  return found;
}

static const char *const zulk[] = {
  "Zulkarnain Qwertyuiop", "Qwertyuiop", "Zulkarnain", "3174096512850007",
  "0813-9988-7766", "+6281399887766", "81399887766", "zulk.qwerty@contoh.id",
  "zulk.qwerty", "Jalan Kenari Unik 99", "Kenari Unik",
};
#define N_ZULK (sizeof zulk / sizeof zulk[0])

static void
assert_nowhere (const char *when, const char *const *extra, size_t n_extra)
{
  char where[1024] = "";
  size_t files = 0;
  for (size_t i = 0; i < N_ZULK + n_extra; i++)
  {
    const char *s = i < N_ZULK ? zulk[i] : extra[i - N_ZULK];
    cr_assert_not (tree_contains (srv.data, s, strlen (s), where,
                                  sizeof where, &files),
                   "%s: '%s' found in %s", when, s, where);
    cr_assert_not (file_contains (srv.log, s, strlen (s)),
                   "%s: '%s' in the server's stderr", when, s);
    cr_assert_not (file_contains (srv.out, s, strlen (s)),
                   "%s: '%s' in the server's stdout", when, s);
  }
  cr_assert_gt (files, 0, "no file searched");
}

Test (complaint, identity_never_on_disk_in_clear)
{
  char t1[32], c1[32], t2[32] = "";
  struct staff p;
  staff_login (&p, "petugas", "petugas_pengaduan", true);
  /* Through the API (biasa) ... */
  submit_ok ("{\"category\":\"PETUGAS\",\"description\":\"Petugas meminta"
             " imbalan di luar ketentuan.\",\"privacy\":\"biasa\",\"reporter\""
             ":{\"name\":\"Zulkarnain Qwertyuiop\",\"nik\":\"3174096512850007\""
             ",\"phone\":\"0813-9988-7766\",\"email\":\"zulk.qwerty@contoh.id"
             "\",\"address\":\"Jalan Kenari Unik 99\"}}", t1, c1);
  /* ... and through the page (rahasia), with an evidence file whose name
     and content carry the same values. */
  static const char pdf[] = "%PDF-1.4\n% Surat pernyataan Zulkarnain"
    " Qwertyuiop, Jalan Kenari Unik 99, NIK 3174096512850007, telepon"
    " +6281399887766, zulk.qwerty@contoh.id\n%%EOF\n";
  static const struct kv fields[] = {
    { "category", "PETUGAS" },
    { "description", "Petugas meminta imbalan di luar ketentuan." },
    { "privacy", "rahasia" }, { "name", "Zulkarnain Qwertyuiop" },
    { "nik", "3174096512850007" }, { "phone", "0813-9988-7766" },
    { "email", "zulk.qwerty@contoh.id" }, { "address", "Jalan Kenari Unik 99" },
  };
  page_submit (fields, sizeof fields / sizeof fields[0],
               "KTP-Zulkarnain-Qwertyuiop.pdf", pdf, t2);
  cr_assert_eq (h_count_rows (&srv, "complaint_attachments"), 1);
  cr_assert_eq (h_count_rows (&srv, "complaints"), 2);

  /* The officer opens it (the server decrypts it), the reporter replies. */
  json_t *d = detail (&p, t1);
  assert_identity (d, "shown", "Zulkarnain Qwertyuiop");
  json_decref (d);
  char body[200];
  snprintf (body, sizeof body, "{\"access_code\":\"%s\",\"text\":\"Mohon"
            " ditindaklanjuti segera.\"}", c1);
  struct resp r = reporter (t1, "reply", body);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);

  /* The access code is kept only as a hash, too. */
  char bare[16];
  snprintf (bare, sizeof bare, "%.4s%.4s%.4s", c1, c1 + 5, c1 + 10);
  const char *codes[] = { c1, bare };
  /* While running (database and WAL as they are) ... */
  assert_nowhere ("running", codes, 2);
  /* ... and after a clean stop. */
  h_server_stop (&srv, true);
  assert_nowhere ("stopped", codes, 2);

  /* Back up: an officer with the key reads them again. */
  h_server_launch (&srv);
  cr_assert_eq (login ("petugas", "Sandi-petugas-panjang-1", p.jar, p.csrf),
                200);
  d = detail (&p, t1);
  assert_identity (d, "shown", "Zulkarnain Qwertyuiop");
  json_t *rep = json_object_get (d, "reporter");
  cr_assert_str_eq (jstr (rep, "nik"), "3174096512850007");
  cr_assert_str_eq (jstr (rep, "phone"), "+6281399887766");
  cr_assert_str_eq (jstr (rep, "email"), "zulk.qwerty@contoh.id");
  cr_assert_str_eq (jstr (rep, "address"), "Jalan Kenari Unik 99");
  json_decref (d);
  /* The page's rahasia one: the officer may not, the admin with the key
     may, file included. */
  d = detail (&p, t2);
  assert_identity (d, "rahasia", NULL);
  json_decref (d);
  grant_by_recovery ("admin", "identity");
  struct staff ad;
  jar_path ("admin", ad.jar, sizeof ad.jar);
  cr_assert_eq (login ("admin", ADMIN_PW, ad.jar, ad.csrf), 200);
  d = detail (&ad, t2);
  assert_identity (d, "shown", "Zulkarnain Qwertyuiop");
  cr_assert_str_eq (jstr (json_object_get (d, "reporter"), "phone"),
                    "+6281399887766");
  long long fid = first_file (d);
  json_decref (d);
  char fpath[128];
  snprintf (fpath, sizeof fpath, "/staff/pengaduan/%s/lampiran/%lld", t2,
            fid);
  r = h_http2 (&srv, "GET", fpath, NULL, NULL, NULL, ad.jar);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_eq (r.len, strlen (pdf));
  cr_assert_eq (memcmp (r.body, pdf, r.len), 0, "file changed");
  h_resp_free (&r);
  /* The reporter's code still works. */
  json_t *v = view_ok (t1, c1);
  cr_assert_eq (json_array_size (json_object_get (v, "messages")), 1);
  json_decref (v);
}
