/*
 * Test harness: a real wadah process on 127.0.0.1 port 0 with a fresh data
 * directory, and a small libcurl client.  Used by every HTTP-level suite.
 */
#ifndef WADAH_TEST_HARNESS_H
#define WADAH_TEST_HARNESS_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct server {
  char recovery[80];    /* the recovery key printed by init */
  char dir[256];        /* temp dir holding data/ and the password file */
  char data[300];       /* the data directory */
  char base[64];        /* http://127.0.0.1:PORT */
  int port;
  pid_t pid;
  char log[320];        /* server stderr */
  char out[320];        /* server stdout */
};

/* Path of the wadah binary (WADAH_BIN or ./wadah). */
const char *h_bin (void);
/* Run a wadah command (argv without the program), output to /dev/null
   unless SHOW; returns the exit status. */
int h_cli (const char *const *args, bool show);
/* Create a data dir with unit "demo" (services KTP-el, KK, AKTA-LAHIR) and
   start serving.  Aborts the test on failure. */
void h_server_start (struct server *s);
/* Start serving (again) on the existing data directory. */
void h_server_launch (struct server *s);
/* kill -9 and reap: a crash. */
void h_server_kill (struct server *s);
/* Stop (SIGTERM, wait) and remove the temp dir unless KEEP. */
void h_server_stop (struct server *s, bool keep);
/* Is the process still alive? */
bool h_server_alive (struct server *s);

struct resp {
  long status;
  char *body;           /* NUL-terminated, owned */
  size_t len;
  char *headers;        /* raw response headers, owned */
};

/* Like h_http, with extra request headers (NULL-terminated list) and a
   cookie jar file (NULL for none) that is read and updated. */
struct resp h_http2 (struct server *s, const char *method, const char *path,
                     const char *content_type, const char *body,
                     const char *const *headers, const char *jar);
/* Run a wadah command and capture its stdout into OUT (CAP bytes). */
int h_cli_out (const char *const *args, char *out, size_t cap);
/* Perform METHOD PATH with optional BODY and CONTENT_TYPE (NULL for none). */
struct resp h_http (struct server *s, const char *method, const char *path,
                    const char *content_type, const char *body,
                    size_t body_len);
void h_resp_free (struct resp *r);
/* Count rows of a table by opening the database read-only with the
   sqlite3 command line tool; -1 on failure. */
long h_count_rows (struct server *s, const char *table);

/* Staff helpers, for unit "demo" of S. */
/* OUT = a cookie jar path named NAME in S's temp dir. */
void h_jar_path (struct server *s, const char *name, char *out, size_t cap);
/* POST /api/v1/login (with TOTP unless NULL) into JAR; CSRF (may be NULL)
   gets the token.  Returns the HTTP status. */
long h_login (struct server *s, const char *user, const char *password,
              const char *totp, const char *jar, char csrf[65]);
/* A JSON call with the session in JAR and, unless NULL, the CSRF header. */
struct resp h_api (struct server *s, const char *method, const char *path,
                   const char *body, const char *jar, const char *csrf);
/* `wadah user add` with ROLE (and ROLE2 unless NULL); asserts success.
   With the custodian role it passes the recovery key, as it must. */
void h_add_user (struct server *s, const char *user, const char *role,
                 const char *role2, const char *password);
/* `wadah keys grant` of KIND to USER with the recovery key; asserts. */
void h_grant_by_recovery (struct server *s, const char *user,
                          const char *kind);
#endif
