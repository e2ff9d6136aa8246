/*
 * Staff accounts, sessions, roles, CSRF, key custody and the audit log,
 * through the real binary.
 */
#include "harness.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define JSON "application/json"
#define FORM "application/x-www-form-urlencoded"
#define ADMIN_PW "correct-horse-battery"

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

TestSuite (auth, .init = start, .fini = stop, .timeout = 180);

static void
jar_path (const char *name, char *out, size_t cap)
{
  h_jar_path (&srv, name, out, cap);
}

static long
login (const char *user, const char *password, const char *totp,
       const char *jar, char csrf[65])
{
  return h_login (&srv, user, password, totp, jar, csrf);
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

Test (auth, login_me_logout)
{
  char jar[400], csrf[65];
  jar_path ("a", jar, sizeof jar);
  struct resp r = h_http2 (&srv, "POST", "/api/v1/login", JSON,
                           "{\"unit\":\"demo\",\"user\":\"admin\","
                           "\"password\":\"" ADMIN_PW "\"}", NULL, jar);
  cr_assert_eq (r.status, 200, "%s", r.body);
  cr_assert_not_null (strstr (r.headers, "Set-Cookie: wadah_session="));
  cr_assert_not_null (strstr (r.headers, "HttpOnly"));
  cr_assert_not_null (strstr (r.headers, "SameSite=Strict"));
  cr_assert_not_null (strstr (r.body, "\"roles\":[\"admin\"]"));
  cr_assert_not_null (strstr (r.body, "\"csrf\":\""));
  json_t *j = json_loads (r.body, 0, NULL);
  snprintf (csrf, sizeof csrf, "%s",
            json_string_value (json_object_get (j, "csrf")));
  json_decref (j);
  h_resp_free (&r);

  r = api ("GET", "/api/v1/me", NULL, jar, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "\"unit\":\"demo\",\"user\":\"admin\""));
  h_resp_free (&r);

  /* Logout needs the CSRF token too. */
  r = api ("POST", "/api/v1/logout", NULL, jar, "0000");
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  char saved[600];
  snprintf (saved, sizeof saved, "cp '%s' '%s.old'", jar, jar);
  cr_assert_eq (system (saved), 0);
  r = api ("POST", "/api/v1/logout", NULL, jar, csrf);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/me", NULL, jar, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
  /* The old cookie is dead on the server side too. */
  char old[420];
  snprintf (old, sizeof old, "%s.old", jar);
  r = api ("GET", "/api/v1/me", NULL, old, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
}

static double
timed_login (const char *user, const char *pw)
{
  struct timespec a, b;
  clock_gettime (CLOCK_MONOTONIC, &a);
  long st = login (user, pw, NULL, NULL, NULL);
  clock_gettime (CLOCK_MONOTONIC, &b);
  cr_assert_eq (st, 401);
  return (double) (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
}

Test (auth, unknown_user_and_wrong_password_look_the_same)
{
  char body1[200], body2[200];
  static const char wrong[] = "{\"unit\":\"demo\",\"user\":\"admin\","
                              "\"password\":\"not-the-password\"}";
  static const char ghost[] = "{\"unit\":\"demo\",\"user\":\"ghost\","
                              "\"password\":\"not-the-password\"}";
  struct resp r = h_http (&srv, "POST", "/api/v1/login", JSON, wrong,
                          strlen (wrong));
  struct resp q = h_http (&srv, "POST", "/api/v1/login", JSON, ghost,
                          strlen (ghost));
  cr_assert_eq (r.status, 401);
  cr_assert_eq (q.status, 401);
  snprintf (body1, sizeof body1, "%s", r.body);
  snprintf (body2, sizeof body2, "%s", q.body);
  cr_assert_str_eq (body1, body2);
  h_resp_free (&r);
  h_resp_free (&q);
  /* Both pay for one Argon2id run: timings are of the same order. */
  double w = timed_login ("admin", "still-not-the-password");
  double u = timed_login ("nobody", "still-not-the-password");
  cr_log_info ("wrong password %.3f s, unknown user %.3f s", w, u);
  cr_assert (u > w / 3 && u < w * 3, "wrong %.3f s vs unknown %.3f s", w, u);
}

Test (auth, repeated_failures_slow_down)
{
  /* The fifth failure buys a 1 s wait and the sixth 2 s, in whole seconds
     from the failure: after the fifth only a retry within the same second
     is refused (a slow request may miss it), after the sixth every retry
     in the next second is.  So fail six times, waiting out the first
     wait when it refuses a try, then check. */
  int failures = 0;
  for (int i = 0; i < 20 && failures < 6; i++)
  {
    int st = login ("admin", "wrong-password-123", NULL, NULL, NULL);
    cr_assert (401 == st || (429 == st && failures >= 5),
               "status %d after %d failures", st, failures);
    if (401 == st)
      failures++;
    else
      sleep (1);
  }
  cr_assert_eq (failures, 6);
  /* Now even the right password must wait. */
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, NULL, NULL), 429);
}

Test (auth, session_idle_timeout, .disabled = false)
{
  struct server s2;
  char jar[400];
  setenv ("WADAH_SESSION_IDLE_SECONDS", "2", 1);
  h_server_start (&s2);
  unsetenv ("WADAH_SESSION_IDLE_SECONDS");
  snprintf (jar, sizeof jar, "%s/jar", s2.dir);
  struct resp r = h_http2 (&s2, "POST", "/api/v1/login", JSON,
                           "{\"unit\":\"demo\",\"user\":\"admin\","
                           "\"password\":\"" ADMIN_PW "\"}", NULL, jar);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
  r = h_http2 (&s2, "GET", "/api/v1/me", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200);
  h_resp_free (&r);
  sleep (4);
  r = h_http2 (&s2, "GET", "/api/v1/me", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 401, "session outlived its idle timeout");
  h_resp_free (&r);
  h_server_stop (&s2, false);
}

Test (auth, route_access_by_role)
{
  char ja[400], jp[400], ca[65], cp[65];
  add_user ("petugas1", "petugas_pengaduan", "petugas-password-1");
  jar_path ("admin", ja, sizeof ja);
  jar_path ("pet", jp, sizeof jp);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  cr_assert_eq (login ("petugas1", "petugas-password-1", NULL, jp, cp), 200);
  static const struct {
    const char *method, *path, *body;
    long anon, petugas, admin;
  } t[] = {
    { "GET", "/api/v1/me", NULL, 401, 200, 200 },
    { "GET", "/api/v1/u/demo/users", NULL, 401, 403, 200 },
    { "POST", "/api/v1/u/demo/users", "{}", 401, 403, 400 },
    { "POST", "/api/v1/u/demo/users/petugas1/disable", "{}", 401, 403, 400 },
    { "POST", "/api/v1/u/demo/users/petugas1/password", "{}", 401, 403,
      400 },
    { "POST", "/api/v1/u/demo/keys/grant", "{}", 401, 400, 400 },
    { "POST", "/api/v1/u/demo/keys/revoke", "{}", 401, 403, 400 },
    { "GET", "/api/v1/u/demo/audit", NULL, 401, 403, 200 },
    { "POST", "/api/v1/me/password", "{}", 401, 400, 400 },
    { "GET", "/api/v1/u/other/users", NULL, 401, 403, 403 },
    { "GET", "/staff", NULL, 303, 200, 200 },
    { "GET", "/staff/pengguna", NULL, 303, 403, 200 },
    { "GET", "/staff/audit", NULL, 303, 403, 200 },
    { "GET", "/staff/sandi", NULL, 303, 200, 200 },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
  {
    struct resp r = api (t[i].method, t[i].path, t[i].body, NULL, "x");
    cr_assert_eq (r.status, t[i].anon, "anon %s %s: %ld", t[i].method,
                  t[i].path, r.status);
    h_resp_free (&r);
    r = api (t[i].method, t[i].path, t[i].body, jp, cp);
    cr_assert_eq (r.status, t[i].petugas, "petugas %s %s: %ld %s",
                  t[i].method, t[i].path, r.status, r.body);
    h_resp_free (&r);
    r = api (t[i].method, t[i].path, t[i].body, ja, ca);
    cr_assert_eq (r.status, t[i].admin, "admin %s %s: %ld %s", t[i].method,
                  t[i].path, r.status, r.body);
    h_resp_free (&r);
  }
}

Test (auth, csrf_is_required_for_staff_writes)
{
  char ja[400], ca[65];
  jar_path ("admin", ja, sizeof ja);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  const char *add = "{\"user\":\"zi1\",\"password\":\"tim-zi-password\","
                    "\"roles\":[\"tim_zi\"]}";
  struct resp r = h_http2 (&srv, "POST", "/api/v1/u/demo/users", JSON, add,
                           NULL, ja);
  cr_assert_eq (r.status, 403);
  cr_assert_not_null (strstr (r.body, "csrf_invalid"));
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/users", add, ja,
           "0000000000000000000000000000000000000000000000000000000000000000");
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  /* Pages: the form field. */
  r = h_http2 (&srv, "POST", "/staff/pengguna", FORM,
               "user=zi2&password=tim-zi-password&role=tim_zi", NULL, ja);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
  char form[300];
  snprintf (form, sizeof form,
            "csrf=%s&user=zi2&password=tim-zi-password&role=tim_zi", ca);
  r = h_http2 (&srv, "POST", "/staff/pengguna", FORM, form, NULL, ja);
  cr_assert_eq (r.status, 303, "%s", r.body);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/users", add, ja, ca);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/users", add, ja, ca);
  cr_assert_eq (r.status, 409);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/users",
           "{\"user\":\"zi3\",\"password\":\"password123\","
           "\"roles\":[\"tim_zi\"]}", ja, ca);
  cr_assert_eq (r.status, 400);
  cr_assert_not_null (strstr (r.body, "\"password\""), "%s", r.body);
  h_resp_free (&r);
}

static bool
has_key (const char *jar, const char *kind)
{
  struct resp r = api ("GET", "/api/v1/me", NULL, jar, NULL);
  char want[40];
  snprintf (want, sizeof want, "\"%s\"", kind);
  const char *keys = strstr (r.body, "\"keys\":[");
  bool yes = r.status == 200 && keys && strstr (keys, want)
             && strstr (keys, want) < strstr (keys, "]");
  h_resp_free (&r);
  return yes;
}

Test (auth, key_grant_revoke_and_password_change)
{
  char ja[400], jp[400], ca[65], cp[65];
  add_user ("petugas2", "petugas_pengaduan", "petugas-password-2");
  add_user ("wbs2", "pengelola_wbs", "pengelola-password-2");
  jar_path ("admin", ja, sizeof ja);
  jar_path ("pet2", jp, sizeof jp);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  /* An admin holds nothing until granted. */
  struct resp r = api ("POST", "/api/v1/u/demo/keys/grant",
                       "{\"user\":\"petugas2\",\"kind\":\"identity\"}", ja,
                       ca);
  cr_assert_eq (r.status, 403);
  cr_assert_not_null (strstr (r.body, "key_not_granted"));
  h_resp_free (&r);
  /* The recovery key grants the admin; a fresh login unlocks it. */
  grant_by_recovery ("admin", "identity");
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  cr_assert (has_key (ja, "identity"));
  cr_assert_not (has_key (ja, "wbs"));
  /* A WBS manager may not get the identity key. */
  r = api ("POST", "/api/v1/u/demo/keys/grant",
           "{\"user\":\"wbs2\",\"kind\":\"identity\"}", ja, ca);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/u/demo/keys/grant",
           "{\"user\":\"petugas2\",\"kind\":\"identity\"}", ja, ca);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (login ("petugas2", "petugas-password-2", NULL, jp, cp), 200);
  cr_assert (has_key (jp, "identity"));

  /* A password change keeps the key pair, so the grant still opens. */
  r = api ("POST", "/api/v1/me/password",
           "{\"old_password\":\"wrong-old-password\","
           "\"password\":\"petugas-password-3\"}", jp, cp);
  cr_assert_eq (r.status, 403, "%s", r.body);
  h_resp_free (&r);
  r = api ("POST", "/api/v1/me/password",
           "{\"old_password\":\"petugas-password-2\","
           "\"password\":\"petugas-password-3\"}", jp, cp);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  cr_assert_eq (login ("petugas2", "petugas-password-2", NULL, NULL, NULL),
                401);
  cr_assert_eq (login ("petugas2", "petugas-password-3", NULL, jp, cp), 200);
  cr_assert (has_key (jp, "identity"));

  /* Revoking ends the holder's sessions and the key is gone next time. */
  r = api ("POST", "/api/v1/u/demo/keys/revoke",
           "{\"user\":\"petugas2\",\"kind\":\"identity\"}", ja, ca);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/me", NULL, jp, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
  cr_assert_eq (login ("petugas2", "petugas-password-3", NULL, jp, cp), 200);
  cr_assert_not (has_key (jp, "identity"));

  /* Disabling ends sessions and refuses logins. */
  r = api ("POST", "/api/v1/u/demo/users/petugas2/disable",
           "{\"disabled\":true}", ja, ca);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/me", NULL, jp, NULL);
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
  cr_assert_eq (login ("petugas2", "petugas-password-3", NULL, NULL, NULL),
                401);
}

Test (auth, recovery_regrants_after_lost_passwords)
{
  char jw[400], cw[65];
  add_user ("wbs3", "pengelola_wbs", "pengelola-password-3");
  char rk[400];
  snprintf (rk, sizeof rk, "%s/rk", srv.dir);
  FILE *f = fopen (rk, "w");
  fprintf (f, "%s\n", srv.recovery);
  fclose (f);
  /* A wrong recovery key is refused. */
  char bad[400];
  snprintf (bad, sizeof bad, "%s/rk-bad", srv.dir);
  f = fopen (bad, "w");
  fprintf (f, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n");
  fclose (f);
  const char *no[] = { "keys", "recover", "--data", srv.data, "--unit",
                       "demo", "--user", "wbs3", "--recovery-key-file", bad,
                       NULL };
  cr_assert_neq (h_cli (no, false), 0);
  const char *yes[] = { "keys", "recover", "--data", srv.data, "--unit",
                        "demo", "--user", "wbs3", "--recovery-key-file", rk,
                        NULL };
  cr_assert_eq (h_cli (yes, false), 0);
  jar_path ("w3", jw, sizeof jw);
  cr_assert_eq (login ("wbs3", "pengelola-password-3", NULL, jw, cw), 200);
  cr_assert (has_key (jw, "wbs"));
  cr_assert_not (has_key (jw, "identity"));
}

Test (auth, totp_second_factor)
{
  char out[1024], secret_b32[64];
  const char *args[] = { "user", "totp", "--data", srv.data, "--unit", "demo",
                         "--user", "admin", NULL };
  cr_assert_eq (h_cli_out (args, out, sizeof out), 0);
  const char *p = strstr (out, "\n    ");
  cr_assert_not_null (p, "%s", out);
  sscanf (p + 5, "%63s", secret_b32);
  /* Decode base32 to the raw secret. */
  unsigned char secret[20];
  size_t o = 0;
  unsigned int acc = 0;
  int bits = 0;
  for (const char *c = secret_b32; *c && o < 20; c++)
  {
    const char *alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    acc = (acc << 5) | (unsigned int) (strchr (alpha, *c) - alpha);
    bits += 5;
    if (bits >= 8)
    {
      secret[o++] = (unsigned char) (acc >> (bits - 8));
      bits -= 8;
    }
  }
  cr_assert_eq (o, 20);
  char code[7];
  vault_totp_code (secret, 20, (uint64_t) time (NULL) / 30, code);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, NULL, NULL), 401,
                "a second factor is required now");
  cr_assert_eq (login ("admin", ADMIN_PW, "000000", NULL, NULL), 401);
  cr_assert_eq (login ("admin", ADMIN_PW, code, NULL, NULL), 200);
  cr_assert_eq (login ("admin", ADMIN_PW, code, NULL, NULL), 401,
                "a used code must not work twice");
}

/* ---- audit chain ---- */

static int
audit_verify (char *out, size_t cap)
{
  const char *args[] = { "audit", "verify", "--data", srv.data, NULL };
  return h_cli_out (args, out, cap);
}

Test (auth, audit_log_records_and_detects_tampering)
{
  char out[512], ja[400], ca[65];
  jar_path ("admin", ja, sizeof ja);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  cr_assert_eq (login ("admin", "wrong-password-x", NULL, NULL, NULL), 401);
  struct resp r = api ("GET", "/api/v1/u/demo/audit?action=login", NULL, ja,
                       NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "\"action\":\"login\""));
  h_resp_free (&r);
  r = api ("GET", "/api/v1/u/demo/audit?action=login_failed", NULL, ja, NULL);
  cr_assert_not_null (strstr (r.body, "\"action\":\"login_failed\""));
  cr_assert_null (strstr (r.body, "\"action\":\"login\""));
  h_resp_free (&r);
  r = api ("GET", "/api/v1/u/demo/audit?from=2020-13-01", NULL, ja, NULL);
  cr_assert_eq (r.status, 400);
  h_resp_free (&r);
  r = h_http2 (&srv, "GET", "/staff/audit?periksa=1", NULL, NULL, NULL, ja);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Rantai utuh"));
  h_resp_free (&r);

  cr_assert_eq (audit_verify (out, sizeof out), 0, "%s", out);
  cr_assert_not_null (strstr (out, "audit log intact"));
  /* Alter entry 2 behind the server's back (the triggers must be dropped
     first: they refuse edits). */
  char cmd[800];
  snprintf (cmd, sizeof cmd,
            "sqlite3 '%s/wadah.db' \"DROP TRIGGER audit_log_no_update;"
            " UPDATE audit_log SET actor = 'mallory' WHERE id = 2;\"",
            srv.data);
  cr_assert_eq (system (cmd), 0);
  cr_assert_eq (audit_verify (out, sizeof out), 1);
  cr_assert_not_null (strstr (out, "entry 2"), "%s", out);
}

/* ---- nothing secret on disk ---- */

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

/* Search every file under DIR; returns the first file containing it. */
static bool
tree_contains (const char *dir, const void *needle, size_t n, char *where,
               size_t cap)
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
      found = tree_contains (p, needle, n, where, cap);
    else if (file_contains (p, needle, n))
    {
      found = true;
      snprintf (where, cap, "%s", p);
    }
  }
  closedir (d);
  return found;
}

Test (auth, data_directory_holds_no_secret_in_plain_text)
{
  char ja[400], jp[400], ca[65], cp[65], where[1024] = "";
  add_user ("petugas9", "petugas_pengaduan", "Rahasia-Petugas-9");
  grant_by_recovery ("petugas9", "identity");
  jar_path ("admin", ja, sizeof ja);
  jar_path ("p9", jp, sizeof jp);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  cr_assert_eq (login ("petugas9", "Rahasia-Petugas-9", NULL, jp, cp), 200);
  cr_assert (has_key (jp, "identity"));
  /* The session tokens, as sent in the cookies. */
  char tokens[2][80];
  for (int i = 0; i < 2; i++)
  {
    FILE *f = fopen (i ? jp : ja, "r");
    char line[512];
    tokens[i][0] = '\0';
    while (fgets (line, sizeof line, f))
    {
      char *t = strstr (line, "wadah_session\t");
      if (t)
        sscanf (t + 14, "%79s", tokens[i]);
    }
    fclose (f);
    cr_assert_eq (strlen (tokens[i]), 64);
  }
  /* The unit's identity secret key, recovered the way only the holder of
     the recovery key can. */
  unsigned char rk[32], sk[32], wrapped[72];
  cr_assert (vault_init ());
  cr_assert (vault_recovery_parse (srv.recovery, rk));
  char cmd[600], hex[200] = "";
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"SELECT"
            " hex(recovery_wrapped) FROM unit_keys WHERE kind='identity'\"",
            srv.data);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (fgets (hex, sizeof hex, p));
  pclose (p);
  cr_assert_eq (sodium_hex2bin (wrapped, sizeof wrapped, hex, 144, NULL, NULL,
                                NULL), 0);
  cr_assert (vault_unwrap_key (rk, wrapped, "wadah unit key v1:1:identity",
                               sk));

  h_server_stop (&srv, true);   /* flush everything, keep the directory */
  struct { const char *what; const void *p; size_t n; } secrets[] = {
    { "admin password", ADMIN_PW, strlen (ADMIN_PW) },
    { "officer password", "Rahasia-Petugas-9", 17 },
    { "admin session token", tokens[0], 64 },
    { "officer session token", tokens[1], 64 },
    { "unit identity secret key", sk, 32 },
    { "recovery key", srv.recovery, strlen (srv.recovery) },
  };
  for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
    cr_assert_not (tree_contains (srv.data, secrets[i].p, secrets[i].n, where,
                                  sizeof where),
                   "%s found in %s", secrets[i].what, where);
  /* Nor in what the server printed. */
  for (size_t i = 0; i < 4; i++)
  {
    cr_assert_not (file_contains (srv.log, secrets[i].p, secrets[i].n),
                   "%s in the server log", secrets[i].what);
    cr_assert_not (file_contains (srv.out, secrets[i].p, secrets[i].n),
                   "%s in the server output", secrets[i].what);
  }
  /* The token's raw bytes are not there either. */
  unsigned char raw[32];
  cr_assert_eq (sodium_hex2bin (raw, 32, tokens[1], 64, NULL, NULL, NULL), 0);
  cr_assert_not (tree_contains (srv.data, raw, 32, where, sizeof where),
                 "raw session token in %s", where);
  h_server_launch (&srv);
}

Test (auth, staff_pages_login_flow)
{
  char jar[400];
  jar_path ("page", jar, sizeof jar);
  struct resp r = h_http2 (&srv, "GET", "/staff", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 303);
  cr_assert_not_null (strstr (r.headers, "Location: /staff/masuk"));
  h_resp_free (&r);
  r = h_http2 (&srv, "GET", "/staff/masuk", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "autocomplete=\"current-password\""));
  h_resp_free (&r);
  r = h_http2 (&srv, "POST", "/staff/masuk", FORM,
               "unit=demo&user=admin&password=wrong-password-1", NULL, jar);
  cr_assert_eq (r.status, 401);
  cr_assert_not_null (strstr (r.body, "tidak cocok"));
  cr_assert_not_null (strstr (r.body, "value=\"admin\""), "name kept");
  cr_assert_null (strstr (r.body, "wrong-password-1"), "password echoed");
  h_resp_free (&r);
  r = h_http2 (&srv, "POST", "/staff/masuk", FORM,
               "unit=demo&user=admin&password=" ADMIN_PW, NULL, jar);
  cr_assert_eq (r.status, 303, "%s", r.body);
  cr_assert_not_null (strstr (r.headers, "Location: /staff"));
  h_resp_free (&r);
  r = h_http2 (&srv, "GET", "/staff", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Selamat datang, admin"));
  const char *c = strstr (r.body, "name=\"csrf\" value=\"");
  cr_assert_not_null (c);
  char form[120];
  snprintf (form, sizeof form, "csrf=%.64s", c + 19);
  h_resp_free (&r);
  r = h_http2 (&srv, "GET", "/staff/pengguna", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200);
  cr_assert_not_null (strstr (r.body, "Tambah pengguna"));
  h_resp_free (&r);
  r = h_http2 (&srv, "POST", "/staff/keluar", FORM, form, NULL, jar);
  cr_assert_eq (r.status, 303);
  h_resp_free (&r);
  r = h_http2 (&srv, "GET", "/staff", NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 303);
  h_resp_free (&r);
}

/* Issue 10, finding 7: changing one's password ends one's other sessions
   (whoever else was in with the old password is out); the session that
   changed it stays. */
Test (auth, password_change_ends_the_other_sessions)
{
  char j1[400], j2[400], c1[65], c2[65];
  add_user ("ganti", "petugas_pengaduan", "ganti-password-1");
  jar_path ("g1", j1, sizeof j1);
  jar_path ("g2", j2, sizeof j2);
  cr_assert_eq (login ("ganti", "ganti-password-1", NULL, j1, c1), 200);
  cr_assert_eq (login ("ganti", "ganti-password-1", NULL, j2, c2), 200);
  struct resp r = api ("POST", "/api/v1/me/password",
                       "{\"old_password\":\"ganti-password-1\","
                       "\"password\":\"ganti-password-2\"}", j1, c1);
  cr_assert_eq (r.status, 200, "%s", r.body);
  h_resp_free (&r);
  r = api ("GET", "/api/v1/me", NULL, j2, NULL);
  cr_assert_eq (r.status, 401, "the other session outlived the change");
  h_resp_free (&r);
  r = api ("GET", "/api/v1/me", NULL, j1, NULL);
  cr_assert_eq (r.status, 200, "the session that changed it was ended");
  h_resp_free (&r);
}

/* Issue 10, finding 7: one account cannot fill the session table.  It
   holds at most 8 sessions (SESSION_PER_USER); a further login ends the
   one unused longest, and the others live on. */
Test (auth, one_account_holds_at_most_eight_sessions)
{
  enum { CAP = 8 };
  char jar[CAP + 1][400];
  for (int i = 0; i <= CAP; i++)
  {
    char name[16];
    snprintf (name, sizeof name, "s%d", i);
    jar_path (name, jar[i], sizeof jar[i]);
    cr_assert_eq (login ("admin", ADMIN_PW, NULL, jar[i], NULL), 200);
    if (i == 0)
      sleep (1);         /* s0 is the one unused longest */
    else
    {
      /* s1 was used after s0 was made: not the one to go. */
      struct resp r = api ("GET", "/api/v1/me", NULL, jar[1], NULL);
      cr_assert_eq (r.status, 200);
      h_resp_free (&r);
    }
  }
  for (int i = 0; i <= CAP; i++)
  {
    struct resp r = api ("GET", "/api/v1/me", NULL, jar[i], NULL);
    cr_assert_eq (r.status, i == 0 ? 401 : 200, "session %d: %ld", i,
                  r.status);
    h_resp_free (&r);
  }
}

/* Issue 10, finding 7: a failed login does not write the typed user name
   down in clear: a password typed into the user field would stay in the
   append-only audit log for ever.  A name that is an account of the unit
   is written (attempts against a real account must show); any other is
   written as a keyed hash whose key lives only in the server's memory. */
Test (auth, failed_login_does_not_store_an_unknown_typed_name)
{
  static const char typed[] = "Sandi-Tertukar-8812";
  char ja[400], ca[65], where[1024] = "";
  cr_assert_eq (login (typed, "whatever-password", NULL, NULL, NULL), 401);
  struct resp r = h_http (&srv, "POST", "/staff/masuk",
                          "application/x-www-form-urlencoded",
                          "unit=demo&user=Sandi-Tertukar-8812&password=x",
                          strlen ("unit=demo&user=Sandi-Tertukar-8812"
                                  "&password=x"));
  cr_assert_eq (r.status, 401);
  h_resp_free (&r);
  cr_assert_eq (login ("admin", "wrong-password-zz", NULL, NULL, NULL), 401);
  jar_path ("admin", ja, sizeof ja);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, ja, ca), 200);
  r = api ("GET", "/api/v1/u/demo/audit?action=login_failed", NULL, ja, NULL);
  cr_assert_eq (r.status, 200);
  cr_assert_null (strstr (r.body, typed), "%s", r.body);
  /* The failure against a real account names it. */
  cr_assert_not_null (strstr (r.body, "\"object\":\"admin\""), "%s", r.body);
  /* The two tries of one unknown name have the same tag. */
  json_t *j = json_loads (r.body, 0, NULL);
  json_t *e = json_object_get (j, "entries");
  const char *tags[2] = { NULL, NULL };
  size_t i, n = 0;
  json_t *v;
  json_array_foreach (e, i, v)
  {
    const char *o = json_string_value (json_object_get (v, "object"));
    if (o && o[0] == '?' && n < 2)
      tags[n++] = o;
  }
  cr_assert_eq (n, 2, "%s", r.body);
  cr_assert_str_eq (tags[0], tags[1]);
  json_decref (j);
  h_resp_free (&r);
  h_server_stop (&srv, true);
  cr_assert_not (tree_contains (srv.data, typed, strlen (typed), where,
                                sizeof where), "typed name in %s", where);
  cr_assert_not (file_contains (srv.log, typed, strlen (typed)));
  cr_assert_not (file_contains (srv.out, typed, strlen (typed)));
  h_server_launch (&srv);
}

/* Issue 10, finding 7: logins sent at once from one address cannot run
   more password checks than the throttle allows (5 failures free, then a
   wait).  Each check is reserved before its Argon2id runs: while one from
   an address (or for an account) is being checked, another is refused
   with 429.  Every check that ran left one login_failed entry. */
Test (auth, concurrent_logins_do_not_outrun_the_throttle)
{
  enum { N = 12 };
  pid_t kids[N];
  for (int i = 0; i < N; i++)
  {
    kids[i] = fork ();
    cr_assert_geq (kids[i], 0);
    if (0 == kids[i])
    {
      char user[24];
      snprintf (user, sizeof user, "spray%d", i);
      long st = login (i % 3 ? user : "admin", "wrong-password-burst", NULL,
                       NULL, NULL);
      _exit (st == 401 ? 1 : st == 429 ? 2 : 3);
    }
  }
  int checked = 0, refused = 0, other = 0;
  for (int i = 0; i < N; i++)
  {
    int ws;
    cr_assert_eq (waitpid (kids[i], &ws, 0), kids[i]);
    int code = WIFEXITED (ws) ? WEXITSTATUS (ws) : 3;
    checked += code == 1;
    refused += code == 2;
    other += code == 3;
  }
  cr_log_info ("%d checked (401), %d refused (429)", checked, refused);
  cr_assert_eq (other, 0);
  cr_assert_geq (checked, 1);
  cr_assert_leq (checked, 5, "%d password checks ran at once from one"
                 " address; the throttle allows 5", checked);
  /* Every check that ran is in the log, and no other. */
  char cmd[600], out[64] = "";
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"SELECT"
            " count(*) FROM audit_log WHERE action = 'login_failed'\"",
            srv.data);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (fgets (out, sizeof out, p));
  pclose (p);
  cr_assert_eq (atoi (out), checked, "%s entries for %d checks", out,
                checked);
}

/* Issue 10, finding 7: the database and its -wal and -shm files are
   0600 whatever the umask, and an older database left readable by others
   is made 0600 when the server opens it. */
static void
assert_private (const char *dir)
{
  static const char *const names[] = { "wadah.db", "wadah.db-wal",
                                       "wadah.db-shm", "wadah.conf" };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
  {
    char p[600];
    struct stat st;
    snprintf (p, sizeof p, "%s/%s", dir, names[i]);
    cr_assert_eq (stat (p, &st), 0, "%s is missing", names[i]);
    cr_assert_eq (st.st_mode & 077, 0, "%s is %03o", names[i],
                  (unsigned) (st.st_mode & 0777));
  }
}

Test (auth, database_files_are_0600)
{
  /* A server started with a permissive umask (init ran under the test's
     own).  A login writes, so the WAL is there. */
  mode_t old = umask (022);
  h_server_stop (&srv, false);
  h_server_start (&srv);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, NULL, NULL), 200);
  assert_private (srv.data);
  /* A database made readable by others (an older version, a careless
     copy) is closed up again on the next start. */
  h_server_stop (&srv, true);
  char p[600];
  snprintf (p, sizeof p, "%s/wadah.db", srv.data);
  cr_assert_eq (chmod (p, 0644), 0);
  h_server_launch (&srv);
  cr_assert_eq (login ("admin", ADMIN_PW, NULL, NULL, NULL), 200);
  assert_private (srv.data);
  umask (old);
}
