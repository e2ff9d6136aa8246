/*
 * Operations (issue "Hardening"): /metrics in Prometheus text, only from
 * this machine and with nothing personal in it; behind a trusted reverse
 * proxy, cookies are Secure when the proxy got HTTPS and throttling counts
 * the client the proxy names, while the same headers from anyone else
 * change nothing.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADMIN_PW "correct-horse-battery"
#define JSON "application/json"

static struct server srv;

static void
start_trusting (void)
{
  setenv ("WADAH_TRUSTED_PROXIES", "127.0.0.1", 1);
  h_server_start (&srv);
  unsetenv ("WADAH_TRUSTED_PROXIES");
}

static void
start_plain (void)
{
  h_server_start (&srv);
}

static void
stop (void)
{
  h_server_stop (&srv, false);
}

TestSuite (ops, .init = start_plain, .fini = stop, .timeout = 120);
TestSuite (proxy, .init = start_trusting, .fini = stop, .timeout = 120);

static long
login_with (const char *user, const char *pw, const char *const *headers,
            char **set_cookie)
{
  char body[256];
  snprintf (body, sizeof body, "{\"unit\":\"demo\",\"user\":\"%s\","
            "\"password\":\"%s\"}", user, pw);
  struct resp r = h_http2 (&srv, "POST", "/api/v1/login", JSON, body,
                           headers, NULL);
  long st = r.status;
  if (set_cookie)
    *set_cookie = strdup (r.headers ? r.headers : "");
  h_resp_free (&r);
  return st;
}

Test (ops, metrics_from_loopback_and_nothing_personal)
{
  static const char complaint[] =
    "{\"category\":\"BIAYA\",\"class\":\"PENGADUAN\",\"privacy\":\"biasa\","
    "\"description\":\"Petugas Kusumawardhani meminta uang tambahan di"
    " loket.\",\"reporter\":{\"name\":\"Sulistyaningsih\",\"phone\":"
    "\"0812-3456-7890\"}}";
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/complaints", JSON,
                          complaint, strlen (complaint));
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
  r = h_http (&srv, "GET", "/metrics", NULL, NULL, 0);
  cr_assert_eq (r.status, 200);
  cr_assert (strstr (r.headers, "text/plain; version=0.0.4"));
  cr_assert (strstr (r.body, "wadah_http_requests_total{method=\"POST\","
                             "route=\"/api/v1/u/{unit}/complaints\"} 1"),
             "%s", r.body);
  cr_assert (strstr (r.body, "wadah_http_responses_total{status=\"201\"}"));
  cr_assert (strstr (r.body, "wadah_work_queued{kind=\"login\"} 0"));
  cr_assert (strstr (r.body, "wadah_store_group_size_count "));
  cr_assert (strstr (r.body, "wadah_upload_memory_budget_bytes 100663296"));
  static const char *const personal[] = { "demo", "Sulistyaningsih",
                                          "Kusumawardhani", "0812", "127.0",
                                          "ADU-", NULL };
  for (size_t i = 0; personal[i]; i++)
    cr_assert_null (strstr (r.body, personal[i]), "%s in /metrics",
                    personal[i]);
  h_resp_free (&r);
  /* Through a proxy it is not this machine's request. */
  const char *xff[] = { "X-Forwarded-For: 198.51.100.7", NULL };
  r = h_http2 (&srv, "GET", "/metrics", NULL, NULL, xff, NULL);
  cr_assert_eq (r.status, 403);
  h_resp_free (&r);
}

Test (ops, forwarded_headers_from_anyone_change_nothing)
{
  /* 127.0.0.1 is not a trusted proxy here: its X-Forwarded-Proto does not
     make cookies Secure, and failures count against the real address. */
  const char *h[] = { "X-Forwarded-Proto: https",
                      "X-Forwarded-For: 203.0.113.5", NULL };
  char *sc = NULL;
  cr_assert_eq (login_with ("admin", ADMIN_PW, h, &sc), 200);
  cr_assert (strstr (sc, "wadah_session="));
  cr_assert_null (strstr (sc, "Secure"), "%s", sc);
  free (sc);
  for (int i = 0; i < 6; i++)
  {
    char x[64];
    snprintf (x, sizeof x, "X-Forwarded-For: 203.0.113.%d", 10 + i);
    const char *hx[] = { x, NULL };
    login_with ("nobody", "salah-salah-salah", hx, NULL);
  }
  /* Failures from 127.0.0.1, whatever the header said: throttled. */
  cr_assert_eq (login_with ("admin", ADMIN_PW, NULL, NULL), 429);
}

Test (proxy, https_and_client_address_from_a_trusted_proxy)
{
  const char *tls[] = { "X-Forwarded-Proto: https",
                        "X-Forwarded-For: 203.0.113.5", NULL };
  char *sc = NULL;
  cr_assert_eq (login_with ("admin", ADMIN_PW, tls, &sc), 200);
  cr_assert (strstr (sc, "wadah_session="));
  cr_assert (strstr (sc, "; Secure"), "%s", sc);
  free (sc);
  const char *plain[] = { "X-Forwarded-For: 203.0.113.5", NULL };
  cr_assert_eq (login_with ("admin", ADMIN_PW, plain, &sc), 200);
  cr_assert_null (strstr (sc, "Secure"), "%s", sc);
  free (sc);
  /* One client behind the proxy fails five times (several accounts): it
     is throttled, another client of the same proxy is not.  The client is
     the address the proxy appended last. */
  for (int i = 0; i < 5; i++)
  {
    char user[32];
    snprintf (user, sizeof user, "nobody%d", i);
    const char *bad[] = { "X-Forwarded-For: 10.9.9.9, 198.51.100.20", NULL };
    cr_assert_eq (login_with (user, "salah-salah-salah", bad, NULL), 401);
  }
  const char *same[] = { "X-Forwarded-For: 198.51.100.20", NULL };
  cr_assert_eq (login_with ("admin", ADMIN_PW, same, NULL), 429);
  const char *other[] = { "X-Forwarded-For: 10.9.9.9, 198.51.100.21", NULL };
  cr_assert_eq (login_with ("admin", ADMIN_PW, other, NULL), 200);
}
