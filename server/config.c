/* See config.h. */
#include "config.h"
#include "log.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
config_defaults (struct config *c)
{
  memset (c, 0, sizeof *c);
  snprintf (c->listen, sizeof c->listen, "127.0.0.1:8080");
  c->http.threads = 0;               /* one per core */
  c->http.connection_limit = 1024;
  c->http.per_ip_limit = 256;        /* citizens share carrier NAT addresses */
  c->http.timeout_s = 30;
  /* Per connection; bounds the request headers.  libmicrohttpd clears the
     whole pool after every request: at 64 KiB that memset was ~5% of the
     server's CPU under load. */
  c->http.memory_limit = 16 * 1024;
  /* Uploaded files held in memory, all connections together: eight
     submissions with three full 4 MiB files each. */
  c->http.upload_memory = 96u << 20;
  snprintf (c->log_level, sizeof c->log_level, "info");
  c->session_idle_s = 30 * 60;
  c->session_max_s = 12 * 3600;
  c->kdf_threads = 2;
  c->secure_cookies = false;
  c->maintenance_s = 60;
  snprintf (c->metrics, sizeof c->metrics, "loopback");
  c->audit_cp_entries = 100;
  c->audit_cp_s = 300;
}

static bool
set_uint (unsigned int *dst, const char *v, unsigned int lo, unsigned int hi)
{
  char *end;
  errno = 0;
  unsigned long n = strtoul (v, &end, 10);
  if (errno || end == v || *end || n < lo || n > hi)
    return false;
  *dst = (unsigned int) n;
  return true;
}

static bool
config_set (struct config *c, const char *k, const char *v)
{
  if (0 == strcmp (k, "listen"))
    return (size_t) snprintf (c->listen, sizeof c->listen, "%s", v)
           < sizeof c->listen;
  if (0 == strcmp (k, "threads"))
    return set_uint (&c->http.threads, v, 0, 256);
  if (0 == strcmp (k, "connection_limit"))
    return set_uint (&c->http.connection_limit, v, 1, 100000);
  if (0 == strcmp (k, "per_ip_limit"))
    return set_uint (&c->http.per_ip_limit, v, 1, 100000);
  if (0 == strcmp (k, "timeout"))
    return set_uint (&c->http.timeout_s, v, 1, 3600);
  if (0 == strcmp (k, "session_idle_seconds"))
    return set_uint (&c->session_idle_s, v, 1, 86400);
  if (0 == strcmp (k, "session_max_seconds"))
    return set_uint (&c->session_max_s, v, 1, 7 * 86400);
  if (0 == strcmp (k, "maintenance_seconds"))
    return set_uint (&c->maintenance_s, v, 1, 3600);
  if (0 == strcmp (k, "audit_checkpoint_entries"))
    return set_uint (&c->audit_cp_entries, v, 1, 100000);
  if (0 == strcmp (k, "audit_checkpoint_seconds"))
    return set_uint (&c->audit_cp_s, v, 1, 86400);
  if (0 == strcmp (k, "kdf_threads"))
    return set_uint (&c->kdf_threads, v, 1, 16);
  if (0 == strcmp (k, "upload_memory_mb"))
  {
    unsigned int mb;
    if (! set_uint (&mb, v, 16, 65536))
      return false;
    c->http.upload_memory = (size_t) mb << 20;
    return true;
  }
  if (0 == strcmp (k, "secure_cookies"))
  {
    if (strcmp (v, "true") && strcmp (v, "false"))
      return false;
    c->secure_cookies = 0 == strcmp (v, "true");
    return true;
  }
  if (0 == strcmp (k, "trusted_proxies"))
    return (size_t) snprintf (c->trusted_proxies, sizeof c->trusted_proxies,
                              "%s", v) < sizeof c->trusted_proxies;
  if (0 == strcmp (k, "metrics"))
  {
    if (strcmp (v, "loopback") && strcmp (v, "any") && strcmp (v, "off"))
      return false;
    snprintf (c->metrics, sizeof c->metrics, "%s", v);
    return true;
  }
  if (0 == strcmp (k, "log_level"))
  {
    if (strcmp (v, "debug") && strcmp (v, "info") && strcmp (v, "warn")
        && strcmp (v, "error"))
      return false;
    snprintf (c->log_level, sizeof c->log_level, "%s", v);
    return true;
  }
  return false;
}

bool
config_load_file (struct config *c, const char *dir)
{
  char path[4096], line[512];
  snprintf (path, sizeof path, "%s/wadah.conf", dir);
  FILE *f = fopen (path, "r");
  int ln = 0;
  if (NULL == f)
    return true;
  while (fgets (line, sizeof line, f))
  {
    ln++;
    char *s = line;
    s[strcspn (s, "\r\n")] = '\0';
    while (*s == ' ' || *s == '\t')
      s++;
    if (*s == '#' || *s == '\0')
      continue;
    char *eq = strchr (s, '=');
    if (NULL == eq)
      goto bad;
    char *k = s, *v = eq + 1, *ke = eq;
    while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
      ke--;
    *ke = '\0';
    while (*v == ' ' || *v == '\t')
      v++;
    size_t vl = strlen (v);
    while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
      v[--vl] = '\0';
    if (! config_set (c, k, v))
      goto bad;
  }
  fclose (f);
  return true;
bad:
  LOG_E ("%s:%d: unknown setting or bad value", path, ln);
  fclose (f);
  return false;
}

bool
config_load_env (struct config *c)
{
  static const struct { const char *env, *key; } map[] = {
    { "WADAH_LISTEN", "listen" }, { "WADAH_THREADS", "threads" },
    { "WADAH_CONNECTION_LIMIT", "connection_limit" },
    { "WADAH_PER_IP_LIMIT", "per_ip_limit" },
    { "WADAH_TIMEOUT", "timeout" }, { "WADAH_LOG_LEVEL", "log_level" },
    { "WADAH_SESSION_IDLE_SECONDS", "session_idle_seconds" },
    { "WADAH_SESSION_MAX_SECONDS", "session_max_seconds" },
    { "WADAH_KDF_THREADS", "kdf_threads" },
    { "WADAH_UPLOAD_MEMORY_MB", "upload_memory_mb" },
    { "WADAH_MAINTENANCE_SECONDS", "maintenance_seconds" },
    { "WADAH_SECURE_COOKIES", "secure_cookies" },
    { "WADAH_TRUSTED_PROXIES", "trusted_proxies" },
    { "WADAH_METRICS", "metrics" },
    { "WADAH_AUDIT_CHECKPOINT_ENTRIES", "audit_checkpoint_entries" },
    { "WADAH_AUDIT_CHECKPOINT_SECONDS", "audit_checkpoint_seconds" },
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
  {
    const char *v = getenv (map[i].env);
    if (v && ! config_set (c, map[i].key, v))
    {
      LOG_E ("environment %s has a bad value", map[i].env);
      return false;
    }
  }
  return true;
}

bool
config_write_default (const char *path)
{
  FILE *f = fopen (path, "wx");
  if (NULL == f)
    return false;
  fputs ("# wadah settings; WADAH_<KEY> environment variables override.\n"
         "# listen = 127.0.0.1:8080\n"
         "# threads = 0            # 0: one per core\n"
         "# connection_limit = 1024\n"
         "# per_ip_limit = 256\n"
         "# timeout = 30           # seconds of inactivity\n"
         "# log_level = info       # debug, info, warn, error\n"
         "# session_idle_seconds = 1800\n"
         "# session_max_seconds = 43200\n"
         "# kdf_threads = 2        # anonymous Argon2id runs at once, 64 MiB"
         " each\n"
         "#                        # (one more thread is kept for staff work)\n"
         "# upload_memory_mb = 96  # uploaded files held in memory, all"
         " connections\n"
         "#                        # together; beyond it uploads get 503\n"
         "# secure_cookies = false # true when served behind TLS (also on"
         " by itself\n"
         "#                        # for requests a trusted proxy got over"
         " HTTPS)\n"
         "# trusted_proxies =      # the reverse proxy's address(es), comma-"
         "separated:\n"
         "#                        # its X-Forwarded-For and X-Forwarded-Proto"
         " are believed\n"
         "# metrics = loopback     # who may GET /metrics: loopback, any,"
         " off\n"
         "# maintenance_seconds = 60  # how often unanswered complaints are"
         " closed\n"
         "# audit_checkpoint_entries = 100  # sign the audit log's heads"
         " after this many entries\n"
         "# audit_checkpoint_seconds = 300  # or this often (and at"
         " shutdown)\n"
         "# The audit signing key is not set here: this file is in the data"
         " directory.\n"
         "# It is --audit-key FILE or WADAH_AUDIT_KEY, by default"
         " DIR.audit-key beside DIR.\n", f);
  return 0 == fclose (f);
}
