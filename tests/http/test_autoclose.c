/*
 * A complaint whose follow-up goes unanswered past its working-day
 * deadline is closed by the server (SELESAI, by "sistem"), and not before.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JSON "application/json"

static json_t *
post (struct server *s, const char *path, const char *body, const char *jar,
      const char *csrf, long want)
{
  char h[120];
  const char *headers[] = { h, NULL };
  snprintf (h, sizeof h, "X-CSRF-Token: %s", csrf ? csrf : "");
  struct resp r = h_http2 (s, "POST", path, JSON, body, csrf ? headers : NULL,
                           jar);
  cr_assert_eq (r.status, want, "%s: %ld %s", path, r.status, r.body);
  json_t *j = json_loads (r.body, 0, NULL);
  h_resp_free (&r);
  return j;
}

static void
sql (struct server *s, const char *q)
{
  char cmd[1024];
  snprintf (cmd, sizeof cmd, "sqlite3 '%s/wadah.db' \"%s\"", s->data, q);
  cr_assert_eq (system (cmd), 0, "%s", q);
}

Test (autoclose, unanswered_follow_up_is_closed_after_its_deadline,
      .timeout = 120)
{
  struct server srv;
  char jar[400], pw[400], path[200], body[300];
  setenv ("WADAH_MAINTENANCE_SECONDS", "1", 1);
  h_server_start (&srv);
  unsetenv ("WADAH_MAINTENANCE_SECONDS");

  snprintf (pw, sizeof pw, "%s/pw", srv.dir);
  const char *add[] = { "user", "add", "--data", srv.data, "--unit", "demo",
                        "--user", "petugas", "--role", "petugas_pengaduan",
                        "--password-file", pw, NULL };
  cr_assert_eq (h_cli (add, false), 0);
  const char *sec[] = { "unit", "section", "add", "--data", srv.data,
                        "--unit", "demo", "--code", "PDF", "--name",
                        "Pendaftaran", NULL };
  cr_assert_eq (h_cli (sec, false), 0);

  json_t *c = post (&srv, "/api/v1/u/demo/complaints",
                    "{\"category\":\"WAKTU\",\"description\":\"KTP-el saya"
                    " belum jadi setelah dua bulan menunggu.\","
                    "\"privacy\":\"anonim\"}", NULL, NULL, 201);
  char tn[32], code[20];
  snprintf (tn, sizeof tn, "%s",
            json_string_value (json_object_get (c, "tracking_number")));
  snprintf (code, sizeof code, "%s",
            json_string_value (json_object_get (c, "access_code")));
  json_decref (c);

  snprintf (jar, sizeof jar, "%s/jar", srv.dir);
  json_t *l = post (&srv, "/api/v1/login", "{\"unit\":\"demo\",\"user\":"
                    "\"petugas\",\"password\":\"correct-horse-battery\"}",
                    jar, NULL, 200);
  char csrf[65];
  snprintf (csrf, sizeof csrf, "%s", json_string_value (json_object_get (l,
                                                               "csrf")));
  json_decref (l);
  const char *steps[] = { "{\"status\":\"DIVERIFIKASI\"}",
                          "{\"status\":\"DIDISPOSISI\",\"section\":\"PDF\"}",
                          "{\"status\":\"DITINDAKLANJUTI\"}" };
  snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s/status", tn);
  for (size_t i = 0; i < 3; i++)
    json_decref (post (&srv, path, steps[i], jar, csrf, 200));

  /* Before any officer reply there is no follow-up: it must stay open
     even past the deadline. */
  snprintf (body, sizeof body, "UPDATE complaints SET due_date ="
            " '2020-01-01' WHERE tracking = '%s';", tn);
  sql (&srv, body);
  sleep (3);
  snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s/view", tn);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\"}", code);
  json_t *v = post (&srv, path, body, NULL, NULL, 200);
  cr_assert_str_eq (json_string_value (json_object_get (v, "status")),
                    "DITINDAKLANJUTI");
  json_decref (v);

  /* The follow-up: an officer's reply.  Its deadline is in the future. */
  snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s/messages", tn);
  json_decref (post (&srv, path, "{\"text\":\"Sudah kami cetak, silakan"
                     " diambil.\"}", jar, csrf, 200));
  sleep (3);
  snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s/view", tn);
  v = post (&srv, path, body, NULL, NULL, 200);
  cr_assert_str_eq (json_string_value (json_object_get (v, "status")),
                    "DITINDAKLANJUTI", "closed before its deadline");
  json_decref (v);

  /* Time passes: the deadline is behind us. */
  snprintf (body, sizeof body, "UPDATE complaints SET due_date ="
            " '2020-01-01' WHERE tracking = '%s';", tn);
  sql (&srv, body);
  snprintf (body, sizeof body, "{\"access_code\":\"%s\"}", code);
  json_t *last = NULL;
  for (int i = 0; i < 20; i++)
  {
    sleep (1);
    json_decref (last);
    last = post (&srv, path, body, NULL, NULL, 200);
    if (0 == strcmp (json_string_value (json_object_get (last, "status")),
                     "SELESAI"))
      break;
  }
  cr_assert_str_eq (json_string_value (json_object_get (last, "status")),
                    "SELESAI");
  json_t *events = json_object_get (last, "events");
  json_t *e = json_array_get (events, json_array_size (events) - 1);
  cr_assert_not_null (strstr (json_string_value (json_object_get (e, "note")),
                              "Ditutup otomatis"));
  json_decref (last);
  char out[512];
  const char *verify[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli_out (verify, out, sizeof out), 0, "%s", out);
  h_server_stop (&srv, false);
}
