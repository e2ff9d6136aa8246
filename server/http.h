/*
 * The HTTP layer on libmicrohttpd: the daemon, the request context, the
 * route dispatch, body reading with limits, and every way of answering.
 * Handlers (h_*.c) see a struct req and answer through http_reply_*; they
 * never queue MHD responses themselves.
 *
 * Request life: first call -> route lookup (404/405), access check, body
 * limit and content-type check (413/415/411) before any byte is read;
 * middle calls -> body accumulated up to the route's limit; last call ->
 * body parsed (JSON with duplicate keys refused, or url-encoded), handler
 * runs.  A handler that needs a durable write suspends the connection with
 * http_suspend_for_job; the writer resumes it after the group commit and
 * the handler's continuation answers.  The completion callback frees all.
 */
#ifndef WADAH_HTTP_H
#define WADAH_HTTP_H
#include "buf.h"
#include "pool.h"
#include "roles.h"
#include "session.h"
#include "errors.h"
#include "store.h"
#include "urlenc.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct sockaddr;

struct app;   /* app.h */
struct req;

/* BODY_FILES: url-encoded, or multipart/form-data with file uploads
   (req.uploads). */
enum body_kind { BODY_NONE, BODY_FORM, BODY_JSON, BODY_FILES };

#define HTTP_MAX_UPLOADS 3
#define HTTP_UPLOAD_MAX (4 * 1024 * 1024)

struct upload {
  char name[200];          /* as the browser gave it (UTF-8 checked later) */
  struct buf data;
  bool too_large;
};

/* A text part of a multipart body while it arrives. */
struct mp_field {
  char key[64];
  struct buf value;
};
#define HTTP_MAX_FIELDS 64
enum req_fmt { FMT_HTML, FMT_JSON, FMT_ASSET };

/* Who may call a route.  Every route declares it; ACCESS_PUBLIC is an
   explicit choice, not a default.  Otherwise the route needs a session
   and, when role bits (enum role) are given, one of those roles; a route
   whose path names a {unit} is open only to that unit's staff. */
enum access {
  ACCESS_PUBLIC = 1u << 8,     /* anyone, no session */
  ACCESS_STAFF = 1u << 9,      /* any logged-in staff member */
  ACCESS_LOGIN = 1u << 10,     /* anyone; a session is looked up if sent */
};

/* What a handler returns. */
enum hres {
  H_ANSWERED,     /* a response is queued */
  H_SUSPENDED,    /* waiting for a store job; the continuation will answer */
  H_FAIL,         /* hard failure: close the connection */
  H_CONTINUE      /* http.c only: go on reading the request */
};

typedef enum hres (*handler_fn) (struct req *r);

struct route {
  const char *method;      /* "GET" (also serves HEAD) or "POST" */
  const char *pattern;     /* "/u/{unit}/survei": {x} is one segment */
  handler_fn handler;
  unsigned int access;     /* enum access */
  enum body_kind body;
  size_t body_limit;       /* bytes; 0 refuses any body */
  enum req_fmt fmt;        /* how errors are answered */
};

#define HTTP_MAX_PARAMS 4

struct req {
  struct app *app;
  void *conn;                      /* struct MHD_Connection * */
  const struct route *route;
  const char *method;
  char *params[HTTP_MAX_PARAMS];   /* path parameters, in pattern order */
  size_t n_params;
  struct buf body;
  bool too_large;
  size_t received;                 /* body bytes seen, kept or not */
  bool started;                    /* first call done */
  bool answered;
  json_t *json;                    /* BODY_JSON: the parsed body */
  void *pp;                        /* multipart: MHD_PostProcessor */
  struct mp_field *fields;         /* multipart text parts (n_fields) */
  size_t n_fields;
  struct upload *uploads;          /* HTTP_MAX_UPLOADS, on the first file */
  size_t n_uploads;
  bool too_many_uploads;
  size_t upload_reserved;          /* of the upload budget (http.c) */
  size_t field_bytes;              /* multipart text parts, together */
  bool busy;                       /* the upload budget was spent: 503 */
  struct urlenc form;              /* BODY_FORM: the parsed pairs */
  /* Suspension for a durable write. */
  struct store_job job;
  enum store_status job_status;
  handler_fn resume;               /* continuation after the commit */
  bool suspended;
  char *set_cookie;                /* Set-Cookie for the next response */
  char *set_device;                /* and the device cookie (device.h) */
  /* The staff session (referenced), or NULL. */
  struct session *session;
  /* Slow work (Argon2id) in the pool. */
  struct pool_work work;
  void (*work_run) (struct req *r);
  /* Handler state, freed with the request. */
  void *state;
  void (*state_free) (void *state);
};

/* The route table (routes.c). */
extern const struct route http_routes[];
/* May a staff member with ROLES (a bit set) GET PATH?  The route table
   answers, so menus cannot offer what the route would refuse. */
bool http_staff_may_get (const char *path, unsigned int roles);

struct http_config {
  const char *listen;              /* "127.0.0.1:8080", "[::1]:0" */
  unsigned int threads;            /* 0: one per core */
  unsigned int connection_limit;
  unsigned int per_ip_limit;
  unsigned int timeout_s;
  size_t memory_limit;             /* per connection: bounds header size */
  size_t upload_memory;            /* uploaded files held in memory, all
                                      connections together (bytes) */
  /* Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are
     believed: a comma-separated list of IP addresses ("" none). */
  const char *trusted_proxies;
};

/* Uploaded bytes held in memory now, and the budget (for /metrics). */
void http_upload_memory (size_t *used, size_t *budget);
/* The HTTP part of /metrics (Prometheus text): requests per route
   pattern and method, answers per status. */
void http_metrics (struct buf *b);
/* Is the request from this machine, not through a proxy? */
bool http_from_loopback (struct req *r);
/* Did a trusted proxy receive the request over HTTPS? */
bool http_forwarded_https (struct req *r);

/* Start serving; prints "listening on http://HOST:PORT" on stdout.
   Returns an opaque daemon handle or NULL. */
void *http_start (struct app *app, const struct http_config *cfg);
/* Stop accepting, let suspended writes finish, stop the daemon. */
void http_stop (void *daemon);

/* A path parameter by position (0-based), or NULL. */
const char *http_param (struct req *r, size_t i);
/* A query-string argument (decoded), or NULL. */
const char *http_query (struct req *r, const char *key);
/* The request's header NAME, or NULL. */
const char *http_header (struct req *r, const char *name);

/* Answers.  Each queues exactly one response and returns H_ANSWERED (or
   H_FAIL when even that failed).  Security headers are added to all. */
enum hres http_reply (struct req *r, unsigned int status,
                      const char *content_type, struct buf *body);
enum hres http_reply_json (struct req *r, unsigned int status, json_t *j);
enum hres http_reply_html (struct req *r, unsigned int status,
                           const char *tmpl, json_t *ctx);
enum hres http_reply_static (struct req *r, const char *content_type,
                             const char *data, size_t len);
enum hres http_redirect (struct req *r, const char *location);
/* A file to save, not to display (Content-Disposition DISPOSITION). */
enum hres http_reply_download (struct req *r, const char *content_type,
                               struct buf *body, const char *disposition);
/* An error from the registry: JSON for API routes, a page otherwise.
   FIELDS (stolen, may be NULL) names the bad fields. */
enum hres http_reply_error (struct req *r, enum err_code e, json_t *fields);

/* Run RUN(r) in the slow-work pool, in the queue of KIND (POOL_STAFF
   whenever the request has a session: a logged-in staff member never
   waits behind anonymous work), with the connection suspended, then
   RESUME.  Answers 503 when that queue is full. */
enum hres http_suspend_for_work (struct req *r, enum pool_kind kind,
                                 void (*run) (struct req *r),
                                 handler_fn resume);
/* Set the session cookie (TOKEN hex) or clear it (NULL) on the response
   queued next: call just before http_reply_*. */
void http_set_cookie (struct req *r, const char *token);
/* Give the browser a device cookie (device.h) with the next response; and
   does the request carry a valid one? */
void http_set_device_cookie (struct req *r);
bool http_known_device (struct req *r);
/* A client address tag for rate limiting (keyed hash; never stored): of
   the IPv4 address, or of the IPv6 /64 (one subscriber's prefix: an
   attacker rotating addresses inside it stays one client).  An
   IPv4-mapped IPv6 address counts as its IPv4 address. */
uint64_t http_client_tag (struct req *r);
uint64_t http_addr_tag (const struct sockaddr *sa);

/* Suspend the request until JOB (run/cls set by the caller; done is set
   here) is committed, then call RESUME.  Returns H_SUSPENDED, or answers
   503 when the server is shutting down. */
enum hres http_suspend_for_job (struct req *r, handler_fn resume);
#endif
