/*
 * Durability: every submission the server acknowledged (201) is still
 * there after kill -9 in the middle of a burst of concurrent submissions.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 8
#define PER_THREAD 2000

struct worker {
  struct server *srv;
  char ids[PER_THREAD][40];
  int acked;
};

static size_t
keep (char *p, size_t size, size_t n, void *ud)
{
  char *out = ud;
  size_t have = strlen (out), len = size * n;
  if (have + len < 255)
  {
    memcpy (out + have, p, len);
    out[have + len] = '\0';
  }
  return len;
}

static void *
submit_loop (void *cls)
{
  struct worker *w = cls;
  static const char body[] =
    "{\"service\":\"KK\",\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,\"U4\":4,"
    "\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}";
  char url[128];
  snprintf (url, sizeof url, "%s/api/v1/u/demo/survey", w->srv->base);
  CURL *c = curl_easy_init ();
  struct curl_slist *h = curl_slist_append (NULL,
                                            "Content-Type: application/json");
  for (int i = 0; i < PER_THREAD; i++)
  {
    char resp[256] = "";
    long status = 0;
    curl_easy_setopt (c, CURLOPT_URL, url);
    curl_easy_setopt (c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt (c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt (c, CURLOPT_WRITEDATA, resp);
    curl_easy_setopt (c, CURLOPT_TIMEOUT, 5L);
    if (CURLE_OK != curl_easy_perform (c))
      break;                       /* the server is gone */
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &status);
    if (201 == status
        && 1 == sscanf (resp, "{\"id\":\"%32[0-9a-f]\"}", w->ids[w->acked]))
      __atomic_add_fetch (&w->acked, 1, __ATOMIC_RELEASE);
  }
  curl_slist_free_all (h);
  curl_easy_cleanup (c);
  return NULL;
}

Test (crash, acknowledged_submissions_survive_kill_9, .timeout = 120)
{
  struct server srv;
  struct worker w[THREADS];
  pthread_t t[THREADS];

  h_server_start (&srv);
  memset (w, 0, sizeof w);
  for (int i = 0; i < THREADS; i++)
  {
    w[i].srv = &srv;
    pthread_create (&t[i], NULL, submit_loop, &w[i]);
  }
  /* Let some submissions through, then pull the plug mid-burst.  Wait
     for the first acknowledgement rather than a fixed time: a sanitizer
     build on a busy machine may take longer than that for its first. */
  for (int ms = 0; ms < 60000; ms += 20)
  {
    int seen = 0;
    for (int i = 0; i < THREADS; i++)
      seen += __atomic_load_n (&w[i].acked, __ATOMIC_ACQUIRE);
    if (seen > 0)
      break;
    usleep (20000);
  }
  usleep (400000);
  h_server_kill (&srv);
  int acked = 0;
  for (int i = 0; i < THREADS; i++)
  {
    pthread_join (t[i], NULL);
    acked += w[i].acked;
  }
  cr_log_info ("acknowledged before kill -9: %d", acked);
  cr_assert_gt (acked, 0, "nothing was acknowledged before the kill");

  /* Restart on the same data: recovery replays the WAL. */
  h_server_launch (&srv);
  long stored = h_count_rows (&srv, "survey_responses");
  cr_assert_geq (stored, acked, "stored %ld < acknowledged %d", stored,
                 acked);
  /* Every acknowledged id is there. */
  char path[512];
  snprintf (path, sizeof path, "%s/ids.sql", srv.dir);
  FILE *f = fopen (path, "w");
  cr_assert_not_null (f);
  fputs ("CREATE TEMP TABLE acked (id TEXT PRIMARY KEY);\n", f);
  for (int i = 0; i < THREADS; i++)
    for (int k = 0; k < w[i].acked; k++)
      fprintf (f, "INSERT INTO acked VALUES ('%s');\n", w[i].ids[k]);
  fputs ("SELECT COUNT(*) FROM acked WHERE id NOT IN "
         "(SELECT public_id FROM survey_responses);\n", f);
  fclose (f);
  char cmd[1200];
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' < '%s'",
            srv.data, path);
  FILE *p = popen (cmd, "r");
  long missing = -1;
  cr_assert_eq (fscanf (p, "%ld", &missing), 1);
  pclose (p);
  cr_assert_eq (missing, 0, "%ld acknowledged submissions lost", missing);
  /* And the server still takes new ones. */
  static const char body[] =
    "{\"service\":\"KK\",\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,\"U4\":4,"
    "\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}";
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey",
                          "application/json", body, strlen (body));
  cr_assert_eq (r.status, 201);
  h_resp_free (&r);
  h_server_stop (&srv, false);
}
