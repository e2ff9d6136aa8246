/* See harness.h. */
#include "harness.h"
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <jansson.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *
h_bin (void)
{
  const char *b = getenv ("WADAH_BIN");
  return b ? b : "./wadah";
}

/* argv for execv: the binary, then ARGS (NULL-terminated, at most 30). */
static void
build_argv (const char *const *args, const char *argv[32])
{
  size_t n = 0;
  argv[n++] = h_bin ();
  for (; args[n - 1] && n < 31; n++)
    argv[n] = args[n - 1];
  argv[n] = NULL;
}

int
h_cli (const char *const *args, bool show)
{
  pid_t pid = fork ();
  if (pid == 0)
  {
    const char *argv[32];
    build_argv (args, argv);
    if (! show)
    {
      int fd = open ("/dev/null", O_WRONLY);
      dup2 (fd, 1);
      dup2 (fd, 2);
    }
    execv (argv[0], (char **) argv);
    _exit (127);
  }
  int st;
  waitpid (pid, &st, 0);
  return WIFEXITED (st) ? WEXITSTATUS (st) : -1;
}

int
h_cli_out (const char *const *args, char *out, size_t cap)
{
  int fds[2];
  cr_assert_eq (pipe (fds), 0);
  pid_t pid = fork ();
  if (pid == 0)
  {
    const char *argv[32];
    build_argv (args, argv);
    dup2 (fds[1], 1);
    int fd = open ("/dev/null", O_WRONLY);
    dup2 (fd, 2);
    close (fds[0]);
    execv (argv[0], (char **) argv);
    _exit (127);
  }
  close (fds[1]);
  size_t len = 0;
  ssize_t got;
  while (len + 1 < cap && (got = read (fds[0], out + len, cap - 1 - len)) > 0)
    len += (size_t) got;
  out[len] = '\0';
  close (fds[0]);
  int st;
  waitpid (pid, &st, 0);
  return WIFEXITED (st) ? WEXITSTATUS (st) : -1;
}

void
h_server_start (struct server *s)
{
  char pwfile[320];
  memset (s, 0, sizeof *s);
  snprintf (s->dir, sizeof s->dir, "/tmp/wadah-test-XXXXXX");
  cr_assert_not_null (mkdtemp (s->dir));
  snprintf (s->data, sizeof s->data, "%s/data", s->dir);
  snprintf (pwfile, sizeof pwfile, "%s/pw", s->dir);
  FILE *f = fopen (pwfile, "w");
  cr_assert_not_null (f);
  fputs ("correct-horse-battery\n", f);
  fclose (f);
  const char *init[] = { "init", "--data", s->data, "--unit", "demo",
                         "--unit-name", "Dinas Demo", "--admin", "admin",
                         "--password-file", pwfile, NULL };
  char out[2048];
  cr_assert_eq (h_cli_out (init, out, sizeof out), 0, "wadah init failed");
  const char *rk = strstr (out, "\n    ");
  cr_assert_not_null (rk, "init printed no recovery key: %s", out);
  sscanf (rk + 5, "%79s", s->recovery);
  const char *svc[][2] = { { "KTP-el", "KTP Elektronik" },
                           { "KK", "Kartu Keluarga" },
                           { "AKTA-LAHIR", "Akta Kelahiran" } };
  for (size_t i = 0; i < 3; i++)
  {
    const char *add[] = { "unit", "service", "add", "--data", s->data,
                          "--unit", "demo", "--code", svc[i][0], "--name",
                          svc[i][1], NULL };
    cr_assert_eq (h_cli (add, false), 0, "service add failed");
  }
  h_server_launch (s);
}

void
h_server_launch (struct server *s)
{
  FILE *f;
  s->port = 0;
  snprintf (s->out, sizeof s->out, "%s/stdout", s->dir);
  snprintf (s->log, sizeof s->log, "%s/stderr", s->dir);
  unlink (s->out);     /* never read a previous run's address */
  s->pid = fork ();
  if (s->pid == 0)
  {
    int o = open (s->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open (s->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2 (o, 1);
    dup2 (e, 2);
    execl (h_bin (), h_bin (), "serve", "--data", s->data, "--listen",
           "127.0.0.1:0", (char *) NULL);
    _exit (127);
  }
  /* Wait for "listening on http://127.0.0.1:PORT". */
  for (int i = 0; i < 200 && 0 == s->port; i++)
  {
    char line[256] = "";
    f = fopen (s->out, "r");
    if (f)
    {
      if (fgets (line, sizeof line, f))
        sscanf (line, "listening on http://127.0.0.1:%d", &s->port);
      fclose (f);
    }
    if (0 == s->port)
      usleep (25000);
  }
  cr_assert_gt (s->port, 0, "server did not report its address");
  snprintf (s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
}

void
h_server_kill (struct server *s)
{
  int st;
  if (s->pid > 0)
  {
    kill (s->pid, SIGKILL);
    waitpid (s->pid, &st, 0);
    s->pid = 0;
  }
}

bool
h_server_alive (struct server *s)
{
  int st;
  return 0 == waitpid (s->pid, &st, WNOHANG);
}

void
h_server_stop (struct server *s, bool keep)
{
  int st;
  if (s->pid > 0)
  {
    kill (s->pid, SIGTERM);
    for (int i = 0; i < 200; i++)
    {
      if (s->pid == waitpid (s->pid, &st, WNOHANG))
      {
        s->pid = 0;
        break;
      }
      usleep (20000);
    }
    if (s->pid > 0)
    {
      kill (s->pid, SIGKILL);
      waitpid (s->pid, &st, 0);
    }
  }
  if (! keep && s->dir[0])
  {
    char cmd[400];
    snprintf (cmd, sizeof cmd, "rm -rf '%s'", s->dir);
    if (0 != system (cmd))
      fprintf (stderr, "could not remove %s\n", s->dir);
  }
}

struct resp h_http_full (struct server *s, const char *method,
                         const char *path, const char *content_type,
                         const char *body, size_t body_len,
                         const char *const *headers, const char *jar);

static size_t
collect (char *ptr, size_t size, size_t nmemb, void *userdata)
{
  struct { char *p; size_t len; } *b = userdata;
  size_t n = size * nmemb;
  char *np = realloc (b->p, b->len + n + 1);
  if (NULL == np)
    return 0;
  memcpy (np + b->len, ptr, n);
  b->len += n;
  np[b->len] = '\0';
  b->p = np;
  return n;
}

struct resp
h_http2 (struct server *s, const char *method, const char *path,
         const char *content_type, const char *body,
         const char *const *headers, const char *jar)
{
  return h_http_full (s, method, path, content_type, body,
                      body ? strlen (body) : 0, headers, jar);
}

struct resp
h_http (struct server *s, const char *method, const char *path,
        const char *content_type, const char *body, size_t body_len)
{
  return h_http_full (s, method, path, content_type, body, body_len, NULL,
                      NULL);
}

struct resp
h_http_full (struct server *s, const char *method, const char *path,
             const char *content_type, const char *body, size_t body_len,
             const char *const *headers, const char *jar)
{
  struct resp r = { 0 };
  struct { char *p; size_t len; } b = { 0 }, h = { 0 };
  char url[1024];
  struct curl_slist *hdrs = NULL;
  CURL *c = curl_easy_init ();

  cr_assert_not_null (c);
  snprintf (url, sizeof url, "%s%s", s->base, path);
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, &b);
  curl_easy_setopt (c, CURLOPT_HEADERFUNCTION, collect);
  curl_easy_setopt (c, CURLOPT_HEADERDATA, &h);
  curl_easy_setopt (c, CURLOPT_TIMEOUT, 20L);
  if (0 == strcmp (method, "HEAD"))
    curl_easy_setopt (c, CURLOPT_NOBODY, 1L);
  hdrs = curl_slist_append (hdrs, "Expect:");
  for (size_t i = 0; headers && headers[i]; i++)
    hdrs = curl_slist_append (hdrs, headers[i]);
  if (jar)
  {
    curl_easy_setopt (c, CURLOPT_COOKIEFILE, jar);
    curl_easy_setopt (c, CURLOPT_COOKIEJAR, jar);
  }
  if (content_type)
  {
    char ct[256];
    snprintf (ct, sizeof ct, "Content-Type: %s", content_type);
    hdrs = curl_slist_append (hdrs, ct);
  }
  if (body)
  {
    curl_easy_setopt (c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE, (long) body_len);
  }
  curl_easy_setopt (c, CURLOPT_HTTPHEADER, hdrs);
  CURLcode rc = curl_easy_perform (c);
  cr_assert_eq (rc, CURLE_OK, "%s %s: %s", method, path,
                curl_easy_strerror (rc));
  curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all (hdrs);
  curl_easy_cleanup (c);
  r.body = b.p ? b.p : strdup ("");
  r.len = b.len;
  r.headers = h.p ? h.p : strdup ("");
  return r;
}

void
h_resp_free (struct resp *r)
{
  free (r->body);
  free (r->headers);
  memset (r, 0, sizeof *r);
}

long
h_count_rows (struct server *s, const char *table)
{
  char cmd[4096];
  long n = -1;
  snprintf (cmd, sizeof cmd,
            "sqlite3 -readonly '%s/wadah.db' 'SELECT COUNT(*) FROM %s;'",
            s->data, table);
  FILE *p = popen (cmd, "r");
  if (NULL == p)
    return -1;
  if (1 != fscanf (p, "%ld", &n))
    n = -1;
  pclose (p);
  return n;
}

void
h_jar_path (struct server *s, const char *name, char *out, size_t cap)
{
  snprintf (out, cap, "%s/jar-%s", s->dir, name);
}

long
h_login (struct server *s, const char *user, const char *password,
         const char *totp, const char *jar, char csrf[65])
{
  char body[512];
  if (totp)
    snprintf (body, sizeof body, "{\"unit\":\"demo\",\"user\":\"%s\","
              "\"password\":\"%s\",\"totp\":\"%s\"}", user, password, totp);
  else
    snprintf (body, sizeof body, "{\"unit\":\"demo\",\"user\":\"%s\","
              "\"password\":\"%s\"}", user, password);
  struct resp r = h_http2 (s, "POST", "/api/v1/login", "application/json",
                           body, NULL, jar);
  long status = r.status;
  if (csrf)
  {
    csrf[0] = '\0';
    json_t *j = json_loads (r.body, 0, NULL);
    const char *c = json_string_value (json_object_get (j, "csrf"));
    if (c)
      snprintf (csrf, 65, "%s", c);
    json_decref (j);
  }
  h_resp_free (&r);
  return status;
}

struct resp
h_api (struct server *s, const char *method, const char *path,
       const char *body, const char *jar, const char *csrf)
{
  char h[120];
  const char *headers[] = { h, NULL };
  snprintf (h, sizeof h, "X-CSRF-Token: %s", csrf ? csrf : "");
  return h_http2 (s, method, path, body ? "application/json" : NULL, body,
                  csrf ? headers : NULL, jar);
}

/* Write LINE to a file NAME in S's temp dir; OUT gets its path. */
static void
write_line_file (struct server *s, const char *name, const char *line,
                 char *out, size_t cap)
{
  snprintf (out, cap, "%s/%s", s->dir, name);
  FILE *f = fopen (out, "w");
  cr_assert_not_null (f, "%s", out);
  fprintf (f, "%s\n", line);
  fclose (f);
}

void
h_add_user (struct server *s, const char *user, const char *role,
            const char *role2, const char *password)
{
  char pw[400], name[80];
  snprintf (name, sizeof name, "pw-%s", user);
  write_line_file (s, name, password, pw, sizeof pw);
  const char *args[20] = { "user", "add", "--data", s->data, "--unit",
                           "demo", "--user", user, "--role", role,
                           "--password-file", pw };
  size_t n = 12;
  if (role2)
  {
    args[n++] = "--role";
    args[n++] = role2;
  }
  /* The custodian role is granted only with the recovery key. */
  char rk[400];
  if (0 == strcmp (role, "custodian")
      || (role2 && 0 == strcmp (role2, "custodian")))
  {
    write_line_file (s, "rk", s->recovery, rk, sizeof rk);
    args[n++] = "--recovery-key-file";
    args[n++] = rk;
  }
  args[n] = NULL;
  cr_assert_eq (h_cli (args, false), 0, "user add %s", user);
}

void
h_grant_by_recovery (struct server *s, const char *user, const char *kind)
{
  char rk[400];
  write_line_file (s, "rk", s->recovery, rk, sizeof rk);
  const char *args[] = { "keys", "grant", "--data", s->data, "--unit",
                         "demo", "--user", user, "--kind", kind,
                         "--recovery-key-file", rk, NULL };
  cr_assert_eq (h_cli (args, false), 0, "grant %s %s", kind, user);
}
