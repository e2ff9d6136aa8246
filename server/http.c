/*
 * See http.h.  Everything libmicrohttpd-specific lives in this file.
 */
#include "http.h"
#include "device.h"
#include "http_mp.h"
#include "app.h"
#include "jsonin.h"
#include "jsonout.h"
#include "log.h"
#include "tmpl.h"
#include "vault.h"
#include <arpa/inet.h>
#include <errno.h>
#include <stdatomic.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define HTTP_COOKIE "wadah_session"

enum hres http_busy (struct req *r);

/* No inline script, no outside origin: pages must work with JS off. */
#define HTTP_CSP \
  "default-src 'none'; style-src 'self'; img-src 'self' data:; " \
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const char *
http_param (struct req *r, size_t i)
{
  return i < r->n_params ? r->params[i] : NULL;
}

const char *
http_query (struct req *r, const char *key)
{
  return MHD_lookup_connection_value (r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *
http_header (struct req *r, const char *name)
{
  return MHD_lookup_connection_value (r->conn, MHD_HEADER_KIND, name);
}

static void
add_security_headers (struct MHD_Response *resp, bool cacheable)
{
  MHD_add_response_header (resp, "Content-Security-Policy", HTTP_CSP);
  MHD_add_response_header (resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header (resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header (resp, "X-Frame-Options", "DENY");
  MHD_add_response_header (resp, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header (resp, "Cross-Origin-Resource-Policy",
                           "same-origin");
  MHD_add_response_header (resp, "Permissions-Policy",
                           "camera=(), microphone=(), geolocation=()");
  MHD_add_response_header (resp, "Cache-Control",
                           cacheable ? "public, max-age=3600" : "no-store");
}

/* ---- counters for /metrics: route patterns and statuses only ---- */

#define HTTP_METRIC_ROUTES 256
static atomic_ullong route_hits[HTTP_METRIC_ROUTES + 1];  /* +1: no route */
static atomic_ullong status_hits[600];

static enum hres
queue (struct req *r, unsigned int status, struct MHD_Response *resp)
{
  if (NULL == resp)
    return H_FAIL;
  if (status < 600)
    atomic_fetch_add_explicit (&status_hits[status], 1,
                               memory_order_relaxed);
  if (r->set_cookie)
    MHD_add_response_header (resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
  if (r->set_device)
    MHD_add_response_header (resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_device);
  enum MHD_Result ok = MHD_queue_response (r->conn, status, resp);
  MHD_destroy_response (resp);
  r->answered = true;
  return MHD_YES == ok ? H_ANSWERED : H_FAIL;
}

/* Queue BODY (taken) with CONTENT_TYPE and, when NAME is set, one more
   header NAME: VALUE. */
static enum hres
reply_buffer (struct req *r, unsigned int status, const char *content_type,
              struct buf *body, const char *name, const char *value)
{
  size_t len;
  if (body->oom)
  {
    buf_free (body);
    return H_FAIL;
  }
  char *data = buf_steal (body, &len);
  struct MHD_Response *resp
    = MHD_create_response_from_buffer (len, data, MHD_RESPMEM_MUST_FREE);
  if (NULL == resp)
  {
    free (data);
    return H_FAIL;
  }
  MHD_add_response_header (resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  if (name)
    MHD_add_response_header (resp, name, value);
  add_security_headers (resp, false);
  return queue (r, status, resp);
}

enum hres
http_reply (struct req *r, unsigned int status, const char *content_type,
            struct buf *body)
{
  return reply_buffer (r, status, content_type, body, NULL, NULL);
}

enum hres
http_reply_download (struct req *r, const char *content_type,
                     struct buf *body, const char *disposition)
{
  return reply_buffer (r, MHD_HTTP_OK, content_type, body,
                       MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
}

enum hres
http_reply_static (struct req *r, const char *content_type, const char *data,
                   size_t len)
{
  struct MHD_Response *resp
    = MHD_create_response_from_buffer (len, (void *) data,
                                       MHD_RESPMEM_PERSISTENT);
  if (NULL == resp)
    return H_FAIL;
  MHD_add_response_header (resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  add_security_headers (resp, true);
  return queue (r, MHD_HTTP_OK, resp);
}

enum hres
http_reply_json (struct req *r, unsigned int status, json_t *j)
{
  char *s = j ? jsonout_dumps (j, 15) : NULL;
  json_decref (j);
  if (NULL == s)
    return H_FAIL;
  struct MHD_Response *resp
    = MHD_create_response_from_buffer (strlen (s), s, MHD_RESPMEM_MUST_FREE);
  if (NULL == resp)
  {
    free (s);
    return H_FAIL;
  }
  MHD_add_response_header (resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                           "application/json");
  add_security_headers (resp, false);
  return queue (r, status, resp);
}

enum hres
http_reply_html (struct req *r, unsigned int status, const char *tmpl,
                 json_t *ctx)
{
  struct buf b = { 0 };
  bool ok = tmpl_render (tmpl, ctx, &b);
  json_decref (ctx);
  if (! ok)
  {
    buf_free (&b);
    b = (struct buf) { 0 };
    buf_puts (&b, "<!doctype html><html lang=\"id\"><title>Kesalahan</title>"
                  "<p>Terjadi kesalahan pada server.</p></html>");
    return http_reply (r, 500, "text/html; charset=utf-8", &b);
  }
  return http_reply (r, status, "text/html; charset=utf-8", &b);
}

enum hres
http_redirect (struct req *r, const char *location)
{
  struct MHD_Response *resp
    = MHD_create_response_from_buffer (0, "", MHD_RESPMEM_PERSISTENT);
  if (NULL == resp)
    return H_FAIL;
  MHD_add_response_header (resp, MHD_HTTP_HEADER_LOCATION, location);
  add_security_headers (resp, false);
  return queue (r, MHD_HTTP_SEE_OTHER, resp);
}

enum hres
http_reply_error (struct req *r, enum err_code e, json_t *fields)
{
  unsigned int status = err_status (e);
  if (status >= 500)
    LOG_E ("%s %s answered %u %s", r->method,
           r->route ? r->route->pattern : "?", status, err_code_str (e));
  if (NULL == r->route || r->route->fmt == FMT_JSON)
  {
    json_t *err = json_pack ("{s:s, s:s}", "code", err_code_str (e),
                             "message", err_message (e));
    if (fields)
      json_object_set_new (err, "fields", fields);
    return http_reply_json (r, status, json_pack ("{s:o}", "error", err));
  }
  json_t *ctx = json_pack ("{s:s, s:s, s:i}", "page_title", err_message (e),
                           "message", err_message (e), "status", status);
  if (fields)
  {
    /* The page lists what the fields say (a template cannot walk an
       object's keys). */
    json_t *details = json_array ();
    const char *k;
    json_t *v;
    json_object_foreach (fields, k, v)
      if (json_string_value (json_object_get (v, "message")))
        json_array_append_new (details, json_pack (
                                 "{s:s, s:O}", "field", k, "message",
                                 json_object_get (v, "message")));
    json_object_set_new (ctx, "details", details);
    json_object_set_new (ctx, "fields", fields);
  }
  return http_reply_html (r, status, "error.html", ctx);
}

/* ---- routing ---- */

static int
hexdig (char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool
segment_char_ok (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
         || c == '~';
}

/* Match URL against PATTERN; on success copy the parameters into R. */
static bool
route_match (const char *pattern, const char *url, struct req *r)
{
  const char *p = pattern, *u = url;
  size_t n = 0;
  char *params[HTTP_MAX_PARAMS];

  while (*p)
  {
    if (*p == '{')
    {
      const char *pe = strchr (p, '}');
      const char *start = u;
      while (*u && *u != '/')
      {
        if (! segment_char_ok (*u))
          goto nomatch;
        u++;
      }
      if (u == start || u - start > 64 || n == HTTP_MAX_PARAMS)
        goto nomatch;
      if (r)
        params[n] = strndup (start, (size_t) (u - start));
      n++;
      p = pe + 1;
      continue;
    }
    if (*p != *u)
      goto nomatch;
    p++;
    u++;
  }
  if (*u)
    goto nomatch;
  if (r)
  {
    for (size_t i = 0; i < n; i++)
      r->params[i] = params[i];
    r->n_params = n;
  }
  return true;
nomatch:
  if (r)
    for (size_t i = 0; i < n; i++)
      free (params[i]);
  return false;
}

static bool
method_is (const char *route_method, const char *method)
{
  if (0 == strcmp (route_method, method))
    return true;
  return 0 == strcmp (route_method, "GET") && 0 == strcmp (method, "HEAD");
}

static bool
is_api (const char *url)
{
  return 0 == strncmp (url, "/api/", 5);
}

/* Answer 404 or 405 for a URL no route takes with this method. */
static enum hres
route_miss (struct req *r, const char *url)
{
  char allow[64] = "";
  static const struct route api_fmt = { .fmt = FMT_JSON };
  static const struct route html_fmt = { .fmt = FMT_HTML };

  r->route = is_api (url) ? &api_fmt : &html_fmt;
  for (const struct route *rt = http_routes; rt->pattern; rt++)
    if (route_match (rt->pattern, url, NULL) && ! strstr (allow, rt->method))
    {
      if (*allow)
        strcat (allow, ", ");
      strcat (allow, rt->method);
      if (0 == strcmp (rt->method, "GET"))
        strcat (allow, ", HEAD");
    }
  if (! *allow)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  /* 405 needs the Allow header: build the error by hand. */
  json_t *err = json_pack ("{s:{s:s, s:s}}", "error", "code",
                           err_code_str (ERR_METHOD), "message",
                           err_message (ERR_METHOD));
  char *s = jsonout_dumps (err, 0);
  json_decref (err);
  if (NULL == s)
    return H_FAIL;
  struct MHD_Response *resp
    = MHD_create_response_from_buffer (strlen (s), s, MHD_RESPMEM_MUST_FREE);
  if (NULL == resp)
  {
    free (s);
    return H_FAIL;
  }
  MHD_add_response_header (resp, MHD_HTTP_HEADER_ALLOW, allow);
  MHD_add_response_header (resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                           "application/json");
  add_security_headers (resp, false);
  r->route = NULL;
  return queue (r, MHD_HTTP_METHOD_NOT_ALLOWED, resp);
}

static bool
content_type_is (struct req *r, const char *want)
{
  const char *ct = http_header (r, MHD_HTTP_HEADER_CONTENT_TYPE);
  size_t wl = strlen (want);
  if (NULL == ct || 0 != strncasecmp (ct, want, wl))
    return false;
  ct += wl;
  while (*ct == ' ')
    ct++;
  /* Only a charset parameter, and only UTF-8, is accepted. */
  if (*ct == '\0')
    return true;
  if (*ct != ';')
    return false;
  ct++;
  while (*ct == ' ')
    ct++;
  return 0 == strcasecmp (ct, "charset=utf-8")
         || 0 == strcasecmp (ct, "charset=\"utf-8\"");
}

/* Who may call this route: session, role, unit and (for API writes) the
   CSRF header.  Form routes check their CSRF field once the body is read. */
static enum hres
access_check (struct req *r)
{
  unsigned int access = r->route->access;
  if (access & ACCESS_PUBLIC)
    return H_CONTINUE;
  const char *cookie = MHD_lookup_connection_value (r->conn, MHD_COOKIE_KIND,
                                                    HTTP_COOKIE);
  if (cookie)
    r->session = session_find (cookie);
  if (access & ACCESS_LOGIN)
    return H_CONTINUE;
  if (NULL == r->session)
  {
    if (r->route->fmt == FMT_HTML)
      return http_redirect (r, "/staff/masuk");
    return http_reply_error (r, ERR_UNAUTHORIZED, NULL);
  }
  if ((access & ROLE_ALL) && ! (access & r->session->roles))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  if (strstr (r->route->pattern, "{unit}")
      && 0 != strcmp (http_param (r, 0), r->session->unit_slug))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  if (0 == strcmp (r->method, "POST") && r->route->body != BODY_FORM
      && r->route->body != BODY_FILES)
  {
    const char *tok = http_header (r, "X-CSRF-Token");
    if (NULL == tok || strlen (tok) != SESSION_TOKEN_HEX - 1
        || ! vault_equal (tok, r->session->csrf, SESSION_TOKEN_HEX - 1))
      return http_reply_error (r, ERR_CSRF, NULL);
  }
  return H_CONTINUE;
}

static enum MHD_Result
count_framing (void *cls, enum MHD_ValueKind kind, const char *key,
               const char *value)
{
  unsigned int *n = cls;
  (void) kind;
  (void) value;
  if (0 == strcasecmp (key, MHD_HTTP_HEADER_CONTENT_LENGTH))
    n[0]++;
  else if (0 == strcasecmp (key, MHD_HTTP_HEADER_TRANSFER_ENCODING))
    n[1]++;
  return MHD_YES;
}

/* ---- the upload budget ----

   Files of multipart bodies are held in memory until the handler seals
   them.  One budget bounds them for all connections together, so that
   slow uploads on many connections cannot exhaust memory (an outside
   review took the server to 514 MB with 40 of them): once a request's
   next bytes do not fit, its files are freed at once, the rest of its
   body is read and dropped, and it is answered 503.  Reservations follow
   each buffer's capacity as it grows and return when the files are freed.
   Other bodies are small (a route's limit, 16 KiB for public JSON; the
   text parts of a multipart body 64 KiB together) and bounded by the
   connection limit. */
static pthread_mutex_t upload_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t upload_used, upload_budget = (size_t) -1;

void
http_upload_memory (size_t *used, size_t *budget)
{
  pthread_mutex_lock (&upload_lock);
  *used = upload_used;
  *budget = upload_budget;
  pthread_mutex_unlock (&upload_lock);
}

/* Append N bytes of DATA to the upload buffer B of R within the budget;
   false (and R->busy) when they do not fit. */
static bool
upload_append (struct req *r, struct buf *b, const char *data, size_t n)
{
  size_t grow = buf_cap_for (b, n) - b->cap;
  if (grow)
  {
    pthread_mutex_lock (&upload_lock);
    bool fits = upload_used <= upload_budget
                && grow <= upload_budget - upload_used;
    if (fits)
      upload_used += grow;
    pthread_mutex_unlock (&upload_lock);
    if (! fits)
    {
      r->busy = true;
      return false;
    }
    r->upload_reserved += grow;
  }
  buf_append (b, data, n);
  return ! b->oom;
}

/* Free R's uploads (wiped: they may be evidence with personal data) and
   return their budget. */
static void
uploads_free (struct req *r)
{
  for (size_t i = 0; i < r->n_uploads; i++)
  {
    if (r->uploads[i].data.p)
      vault_wipe (r->uploads[i].data.p, r->uploads[i].data.len);
    buf_free (&r->uploads[i].data);
  }
  free (r->uploads);
  r->uploads = NULL;
  r->n_uploads = 0;
  if (r->upload_reserved)
  {
    pthread_mutex_lock (&upload_lock);
    upload_used -= r->upload_reserved;
    pthread_mutex_unlock (&upload_lock);
    r->upload_reserved = 0;
  }
}

/* Multipart parts as they arrive: text parts into fields, files into
   uploads, each capped.  Returning MHD_YES always: limits are recorded
   and answered once the body is in. */
enum MHD_Result
http_mp_part (void *cls, enum MHD_ValueKind kind, const char *key,
              const char *filename, const char *content_type,
              const char *transfer_encoding, const char *data, uint64_t off,
              size_t size)
{
  struct req *r = cls;
  (void) kind;
  (void) content_type;
  (void) transfer_encoding;
  if (NULL == key)
    return MHD_YES;
  if (filename)
  {
    if (r->busy)
      return MHD_YES;          /* the budget is spent: dropped, 503 */
    /* An empty file input sends a part with no name and no bytes. */
    if (0 == off && '\0' == filename[0] && 0 == size)
      return MHD_YES;
    struct upload *u = r->n_uploads ? &r->uploads[r->n_uploads - 1] : NULL;
    if (0 == off || NULL == u)
    {
      if (r->n_uploads == HTTP_MAX_UPLOADS)
      {
        r->too_many_uploads = true;
        return MHD_YES;
      }
      /* Allocated only here: a request struct over 1 KiB would make every
         request pay for a malloc_consolidate. */
      if (NULL == r->uploads
          && NULL == (r->uploads = calloc (HTTP_MAX_UPLOADS,
                                           sizeof *r->uploads)))
      {
        r->too_large = true;
        return MHD_YES;
      }
      u = &r->uploads[r->n_uploads++];
      snprintf (u->name, sizeof u->name, "%s", filename);
    }
    if (u->data.len + size > HTTP_UPLOAD_MAX)
      u->too_large = true;
    else
      upload_append (r, &u->data, data, size);
    return MHD_YES;
  }
  struct mp_field *f = r->n_fields ? &r->fields[r->n_fields - 1] : NULL;
  if (0 == off || NULL == f || 0 != strcmp (f->key, key))
  {
    if (NULL == r->fields)
      r->fields = calloc (HTTP_MAX_FIELDS, sizeof *r->fields);
    if (NULL == r->fields || r->n_fields == HTTP_MAX_FIELDS
        || strlen (key) >= sizeof f->key)
    {
      r->too_large = true;
      return MHD_YES;
    }
    f = &r->fields[r->n_fields++];
    snprintf (f->key, sizeof f->key, "%s", key);
  }
  r->field_bytes += size;
  if (f->value.len + size > 16 * 1024 || r->field_bytes > 64 * 1024)
    r->too_large = true;
  else
    buf_append (&f->value, data, size);
  return MHD_YES;
}

bool
http_mp_begin (struct req *r)
{
  r->pp = MHD_create_post_processor (r->conn, 16 * 1024, &http_mp_part, r);
  return NULL != r->pp;
}

void
http_mp_feed (struct req *r, const char *data, size_t size)
{
  if (MHD_YES != MHD_post_process (r->pp, data, size))
    r->too_large = true;   /* malformed: refused when the body is in */
}

/* The multipart text parts as url-encoded pairs (r->form). */
bool
http_mp_finish (struct req *r)
{
  const char *keys[HTTP_MAX_FIELDS], *vals[HTTP_MAX_FIELDS];
  size_t lens[HTTP_MAX_FIELDS];
  bool ok = MHD_YES == MHD_destroy_post_processor (r->pp);
  r->pp = NULL;
  if (! ok)
    return false;
  for (size_t i = 0; i < r->n_fields; i++)
  {
    keys[i] = r->fields[i].key;
    vals[i] = r->fields[i].value.p ? r->fields[i].value.p : "";
    lens[i] = r->fields[i].value.len;
  }
  return urlenc_from_pairs (&r->form, keys, vals, lens, r->n_fields);
}

void
http_mp_free (struct req *r)
{
  if (r->pp)
    MHD_destroy_post_processor (r->pp);
  r->pp = NULL;
  for (size_t i = 0; r->fields && i < r->n_fields; i++)
    buf_free (&r->fields[i].value);
  free (r->fields);
  r->fields = NULL;
  r->n_fields = 0;
  uploads_free (r);
}

bool
http_staff_may_get (const char *path, unsigned int roles)
{
  for (const struct route *rt = http_routes; rt->pattern; rt++)
    if (method_is (rt->method, "GET") && route_match (rt->pattern, path, NULL))
      return 0 != (rt->access & (ACCESS_PUBLIC | ACCESS_STAFF | roles));
  return false;
}

/* First call: everything that can be refused before the body is read. */
static enum hres
request_begin (struct req *r, const char *url)
{
  for (const struct route *rt = http_routes; rt->pattern; rt++)
    if (method_is (rt->method, r->method) && route_match (rt->pattern, url, r))
    {
      r->route = rt;
      break;
    }
  size_t ri = r->route ? (size_t) (r->route - http_routes)
                       : HTTP_METRIC_ROUTES;
  atomic_fetch_add_explicit (&route_hits[ri < HTTP_METRIC_ROUTES
                                         ? ri : HTTP_METRIC_ROUTES], 1,
                             memory_order_relaxed);
  if (NULL == r->route)
    return route_miss (r, url);
  enum hres h = access_check (r);
  if (H_CONTINUE != h)
    return h;

  /* Framing: one Content-Length or chunked, never both, never two
     lengths, no other transfer coding.  libmicrohttpd would take the first
     and read the rest as another request (request smuggling). */
  unsigned int n_cl = 0, n_te = 0;
  {
    unsigned int counters[2] = { 0, 0 };
    MHD_get_connection_values (r->conn, MHD_HEADER_KIND, &count_framing,
                               counters);
    n_cl = counters[0];
    n_te = counters[1];
  }
  const char *cl = http_header (r, MHD_HTTP_HEADER_CONTENT_LENGTH);
  const char *te = http_header (r, MHD_HTTP_HEADER_TRANSFER_ENCODING);
  if (n_cl > 1 || n_te > 1 || (n_cl && n_te)
      || (te && 0 != strcasecmp (te, "chunked")))
    return http_reply_error (r, ERR_BAD_REQUEST, NULL);
  bool has_body = (cl && strcmp (cl, "0")) || te;
  if (cl)
  {
    char *end;
    errno = 0;
    unsigned long long n = strtoull (cl, &end, 10);
    if (errno || *end || n > r->route->body_limit)
      return http_reply_error (r, ERR_TOO_LARGE, NULL);
  }
  if (r->route->body == BODY_NONE)
  {
    /* A body-less route with a limit takes (and ignores) a small body,
       e.g. "{}" on logout. */
    if (has_body && 0 == r->route->body_limit)
      return http_reply_error (r, ERR_TOO_LARGE, NULL);
    return H_CONTINUE;
  }
  if (r->route->body == BODY_JSON && ! content_type_is (r, "application/json"))
    return http_reply_error (r, ERR_MEDIA_TYPE, NULL);
  if (r->route->body == BODY_FORM
      && ! content_type_is (r, "application/x-www-form-urlencoded"))
    return http_reply_error (r, ERR_MEDIA_TYPE, NULL);
  if (r->route->body == BODY_FILES)
  {
    const char *ct = http_header (r, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (ct && 0 == strncasecmp (ct, "multipart/form-data", 19))
    {
      if (! http_mp_begin (r))
        return http_reply_error (r, ERR_INVALID_FORM, NULL);
    }
    else if (! content_type_is (r, "application/x-www-form-urlencoded"))
      return http_reply_error (r, ERR_MEDIA_TYPE, NULL);
  }
  return H_CONTINUE;
}

/* Last call: parse the body and run the handler. */
static enum hres
request_run (struct req *r)
{
  if (r->too_large)
    return http_reply_error (r, ERR_TOO_LARGE, NULL);
  if (r->busy)
  {
    /* The upload budget was spent while this body arrived. */
    uploads_free (r);
    return http_reply_error (r, ERR_UNAVAILABLE, NULL);
  }
  if (r->route->body == BODY_JSON)
  {
    char jerr[80];
    r->json = jsonin_parse (r->body.p, r->body.len, jerr);
    if (NULL == r->json)
    {
      json_t *f = json_pack ("{s:{s:s, s:s}}", "$", "code", "invalid_json",
                             "message", jerr);
      return http_reply_error (r, ERR_INVALID_JSON, f);
    }
  }
  else if (r->route->body == BODY_FORM || r->route->body == BODY_FILES)
  {
    if (r->pp ? ! http_mp_finish (r)
        : ! urlenc_parse (r->body.p ? r->body.p : "", r->body.len, 64,
                          &r->form))
      return http_reply_error (r, ERR_INVALID_FORM, NULL);
    if (r->session && ! (r->route->access & (ACCESS_PUBLIC | ACCESS_LOGIN)))
    {
      const char *tok = urlenc_get (&r->form, "csrf");
      if (NULL == tok || strlen (tok) != SESSION_TOKEN_HEX - 1
          || ! vault_equal (tok, r->session->csrf, SESSION_TOKEN_HEX - 1))
        return http_reply_error (r, ERR_CSRF, NULL);
    }
  }
  return r->route->handler (r);
}

static enum MHD_Result
to_mhd (enum hres h)
{
  return h == H_FAIL ? MHD_NO : MHD_YES;
}

static enum MHD_Result
http_access (void *cls, struct MHD_Connection *conn, const char *url,
             const char *method, const char *version,
             const char *upload_data, size_t *upload_data_size,
             void **con_cls)
{
  struct app *app = cls;
  struct req *r = *con_cls;
  (void) version;

  if (NULL == r)
  {
    r = calloc (1, sizeof *r);
    if (NULL == r)
      return MHD_NO;
    r->app = app;
    r->conn = conn;
    r->method = method;
    *con_cls = r;
    r->started = true;
    enum hres h = request_begin (r, url);
    if (r->answered || h == H_FAIL)
      return to_mhd (h);
    return MHD_YES;
  }
  if (r->answered)
  {
    /* Refused early: discard whatever body still arrives. */
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (r->suspended)
  {
    r->suspended = false;
    return to_mhd (r->resume (r));
  }
  if (*upload_data_size > 0 && r->pp)
  {
    r->received += *upload_data_size;
    if (r->received > r->route->body_limit)
      r->too_large = true;
    if (r->too_large)
    {
      if (r->received > 4 * (size_t) r->route->body_limit + 65536)
        return MHD_NO;
    }
    else
      http_mp_feed (r, upload_data, *upload_data_size);
    *upload_data_size = 0;
    if (r->busy && r->uploads)
      uploads_free (r);
    return MHD_YES;
  }
  if (*upload_data_size > 0)
  {
    r->received += *upload_data_size;
    if (r->received > r->route->body_limit)
      r->too_large = true;
    if (! r->too_large)
    {
      buf_append (&r->body, upload_data, *upload_data_size);
      if (r->body.oom)
        return MHD_NO;
    }
    else if (r->received > 4 * (size_t) r->route->body_limit + 65536)
      return MHD_NO;   /* a chunked flood: stop reading it, drop it */
    *upload_data_size = 0;
    return MHD_YES;
  }
  return to_mhd (request_run (r));
}

static void
http_completed (void *cls, struct MHD_Connection *conn, void **con_cls,
                enum MHD_RequestTerminationCode toe)
{
  struct req *r = *con_cls;
  (void) cls;
  (void) conn;
  (void) toe;
  if (NULL == r)
    return;
  for (size_t i = 0; i < r->n_params; i++)
    free (r->params[i]);
  buf_free (&r->body);
  json_decref (r->json);
  urlenc_free (&r->form);
  if (r->state_free)
    r->state_free (r->state);
  session_release (r->session);
  free (r->set_cookie);
  free (r->set_device);
  http_mp_free (r);
  free (r);
  *con_cls = NULL;
}

/* ---- durable writes ---- */

/* A suspended request's wait is over: resume it and let shutdown know. */
static void
inflight_done (struct req *r)
{
  struct app *app = r->app;
  MHD_resume_connection (r->conn);
  pthread_mutex_lock (&app->lock);
  if (0 == --app->inflight)
    pthread_cond_broadcast (&app->idle);
  pthread_mutex_unlock (&app->lock);
}

/* Count a request that is about to suspend; false (answered 503) while
   shutting down. */
static bool
inflight_begin (struct req *r)
{
  struct app *app = r->app;
  pthread_mutex_lock (&app->lock);
  bool ok = ! app->draining;
  if (ok)
    app->inflight++;
  pthread_mutex_unlock (&app->lock);
  return ok;
}

static void
job_done (void *cls, enum store_status status)
{
  struct req *r = cls;
  r->job_status = status;
  inflight_done (r);
}

enum hres
http_suspend_for_job (struct req *r, handler_fn resume)
{
  if (! inflight_begin (r))
    return http_reply_error (r, ERR_UNAVAILABLE, NULL);
  r->resume = resume;
  r->suspended = true;
  r->job.done = &job_done;
  MHD_suspend_connection (r->conn);
  store_submit (r->app->store, &r->job);
  return H_SUSPENDED;
}

static void
work_run (void *cls)
{
  struct req *r = cls;
  r->work_run (r);
}

static void
work_done (void *cls)
{
  inflight_done (cls);
}

enum hres
http_suspend_for_work (struct req *r, enum pool_kind kind,
                       void (*run) (struct req *r), handler_fn resume)
{
  struct app *app = r->app;
  if (! inflight_begin (r))
    return http_reply_error (r, ERR_UNAVAILABLE, NULL);
  r->work_run = run;
  r->work = (struct pool_work) { .run = &work_run, .done = &work_done,
                                 .cls = r };
  r->resume = resume;
  r->suspended = true;
  MHD_suspend_connection (r->conn);
  if (! pool_submit (app->pool, r->session ? POOL_STAFF : kind, &r->work))
  {
    /* Queue full: answer 503 from the resumed request. */
    r->work_run = NULL;
    r->resume = &http_busy;
    work_done (r);
  }
  return H_SUSPENDED;
}

enum hres
http_busy (struct req *r)
{
  return http_reply_error (r, ERR_UNAVAILABLE, NULL);
}

static bool secure_cookie (struct req *r);

void
http_set_cookie (struct req *r, const char *token)
{
  char v[256];
  if (token)
    snprintf (v, sizeof v, HTTP_COOKIE "=%s; Path=/; HttpOnly; "
              "SameSite=Strict%s", token, secure_cookie (r) ? "; Secure" : "");
  else
    snprintf (v, sizeof v, HTTP_COOKIE "=; Path=/; Max-Age=0; HttpOnly; "
              "SameSite=Strict%s", secure_cookie (r) ? "; Secure" : "");
  free (r->set_cookie);
  r->set_cookie = strdup (v);
}

void
http_metrics (struct buf *b)
{
  buf_puts (b, "# HELP wadah_http_requests_total Requests by route pattern"
            " and method.\n# TYPE wadah_http_requests_total counter\n");
  for (size_t i = 0; http_routes[i].pattern && i < HTTP_METRIC_ROUTES; i++)
  {
    unsigned long long n = atomic_load (&route_hits[i]);
    if (n)
      buf_printf (b, "wadah_http_requests_total{method=\"%s\",route=\"%s\"}"
                  " %llu\n", http_routes[i].method, http_routes[i].pattern,
                  n);
  }
  buf_printf (b, "wadah_http_requests_total{method=\"\",route=\"\"} %llu\n",
              (unsigned long long) atomic_load (
                &route_hits[HTTP_METRIC_ROUTES]));
  buf_puts (b, "# HELP wadah_http_responses_total Answers by status.\n"
            "# TYPE wadah_http_responses_total counter\n");
  for (unsigned int st = 100; st < 600; st++)
  {
    unsigned long long n = atomic_load (&status_hits[st]);
    if (n)
      buf_printf (b, "wadah_http_responses_total{status=\"%u\"} %llu\n", st,
                  n);
  }
  size_t used, budget;
  http_upload_memory (&used, &budget);
  buf_printf (b, "# HELP wadah_upload_memory_bytes Uploaded files held in"
              " memory.\n# TYPE wadah_upload_memory_bytes gauge\n"
              "wadah_upload_memory_bytes %zu\n"
              "# HELP wadah_upload_memory_budget_bytes Their budget.\n"
              "# TYPE wadah_upload_memory_budget_bytes gauge\n"
              "wadah_upload_memory_budget_bytes %zu\n", used, budget);
}

/* ---- reverse proxies ---- */

#define HTTP_MAX_PROXIES 8
static struct sockaddr_storage proxies[HTTP_MAX_PROXIES];
static size_t n_proxies;

/* Parse "1.2.3.4" or "::1" into SS; false when it is neither. */
static bool
parse_ip (const char *s, size_t len, struct sockaddr_storage *ss)
{
  char t[INET6_ADDRSTRLEN];
  while (len && (*s == ' ' || *s == '\t'))
  {
    s++;
    len--;
  }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  if (0 == len || len >= sizeof t)
    return false;
  memcpy (t, s, len);
  t[len] = '\0';
  memset (ss, 0, sizeof *ss);
  struct sockaddr_in *a4 = (struct sockaddr_in *) ss;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *) ss;
  if (1 == inet_pton (AF_INET, t, &a4->sin_addr))
  {
    a4->sin_family = AF_INET;
    return true;
  }
  if (1 == inet_pton (AF_INET6, t, &a6->sin6_addr))
  {
    a6->sin6_family = AF_INET6;
    return true;
  }
  return false;
}

static bool
http_proxies_parse (const char *list)
{
  n_proxies = 0;
  for (const char *p = list ? list : ""; *p;)
  {
    const char *e = strchr (p, ',');
    size_t len = e ? (size_t) (e - p) : strlen (p);
    if (n_proxies == HTTP_MAX_PROXIES || ! parse_ip (p, len,
                                                     &proxies[n_proxies++]))
      return false;
    p += len + (e ? 1 : 0);
  }
  return true;
}

static const struct sockaddr *
peer_of (struct req *r)
{
  const union MHD_ConnectionInfo *ci
    = MHD_get_connection_info (r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  return ci ? ci->client_addr : NULL;
}

static bool
same_ip (const struct sockaddr *a, const struct sockaddr_storage *b)
{
  if (a->sa_family != b->ss_family)
    return false;
  if (AF_INET == a->sa_family)
    return 0 == memcmp (&((const struct sockaddr_in *) a)->sin_addr,
                        &((const struct sockaddr_in *) b)->sin_addr, 4);
  return 0 == memcmp (&((const struct sockaddr_in6 *) a)->sin6_addr,
                      &((const struct sockaddr_in6 *) b)->sin6_addr, 16);
}

static bool
from_trusted_proxy (struct req *r)
{
  const struct sockaddr *sa = peer_of (r);
  for (size_t i = 0; sa && i < n_proxies; i++)
    if (same_ip (sa, &proxies[i]))
      return true;
  return false;
}

bool
http_forwarded_https (struct req *r)
{
  const char *p = http_header (r, "X-Forwarded-Proto");
  return p && 0 == strcasecmp (p, "https") && from_trusted_proxy (r);
}

bool
http_from_loopback (struct req *r)
{
  const struct sockaddr *sa = peer_of (r);
  if (NULL == sa || http_header (r, "X-Forwarded-For")
      || http_header (r, "Forwarded"))
    return false;
  if (AF_INET == sa->sa_family)
    return 127 == (ntohl (((const struct sockaddr_in *) sa)->sin_addr.s_addr)
                   >> 24);
  if (AF_INET6 == sa->sa_family)
    return IN6_IS_ADDR_LOOPBACK (&((const struct sockaddr_in6 *) sa)
                                 ->sin6_addr);
  return false;
}

static bool
secure_cookie (struct req *r)
{
  return r->app->secure_cookies || http_forwarded_https (r);
}

void
http_set_device_cookie (struct req *r)
{
  char tok[DEVICE_TOKEN_LEN], v[200];
  device_token_make (tok, (int64_t) time (NULL));
  snprintf (v, sizeof v, DEVICE_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly;"
            " SameSite=Strict%s", tok, DEVICE_MAX_AGE,
            secure_cookie (r) ? "; Secure" : "");
  free (r->set_device);
  r->set_device = strdup (v);
}

bool
http_known_device (struct req *r)
{
  return device_token_valid (MHD_lookup_connection_value (r->conn,
                                                          MHD_COOKIE_KIND,
                                                          DEVICE_COOKIE),
                             (int64_t) time (NULL));
}

uint64_t
http_addr_tag (const struct sockaddr *sa)
{
  if (NULL == sa)
    return 0;
  if (sa->sa_family == AF_INET)
    return vault_addr_tag (&((const struct sockaddr_in *) sa)->sin_addr, 4);
  if (sa->sa_family == AF_INET6)
  {
    const struct in6_addr *a = &((const struct sockaddr_in6 *) sa)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED (a))
      return vault_addr_tag (a->s6_addr + 12, 4);
    return vault_addr_tag (a->s6_addr, 8);
  }
  return 0;
}

uint64_t
http_client_tag (struct req *r)
{
  /* Behind a trusted proxy the client is the last address the proxy
     added to X-Forwarded-For (earlier ones are the client's own word). */
  const char *xff = from_trusted_proxy (r) ? http_header (r,
                                                          "X-Forwarded-For")
                                           : NULL;
  if (xff)
  {
    const char *last = strrchr (xff, ',');
    struct sockaddr_storage ss;
    last = last ? last + 1 : xff;
    if (parse_ip (last, strlen (last), &ss))
      return http_addr_tag ((const struct sockaddr *) &ss);
  }
  return http_addr_tag (peer_of (r));
}

/* URL and query unescaping as libmicrohttpd does it, except that "%00"
   stays as it is: a decoded NUL would cut the path or a value short
   ("/healthz%00.html" would be "/healthz"). */
static size_t
http_unescape (void *cls, struct MHD_Connection *c, char *s)
{
  char *w = s;
  (void) cls;
  (void) c;
  for (const char *p = s; *p; p++)
  {
    int h, l;
    if (p[0] == '%' && (h = hexdig (p[1])) >= 0 && (l = hexdig (p[2])) >= 0
        && (h | l) != 0)
    {
      *w++ = (char) (h * 16 + l);
      p += 2;
    }
    else
      *w++ = *p;
  }
  *w = '\0';
  return (size_t) (w - s);
}

/* ---- the daemon ---- */

static void http_log (void *cls, const char *fmt, va_list ap)
  __attribute__ ((format (printf, 2, 0)));

static void
http_log (void *cls, const char *fmt, va_list ap)
{
  char line[512];
  (void) cls;
  vsnprintf (line, sizeof line, fmt, ap);
  line[strcspn (line, "\n")] = '\0';
  LOG_W ("mhd: %s", line);
}

/* Parse "HOST:PORT" or "[V6]:PORT" and open a listening socket. */
static int
http_listen_socket (const char *spec, char *shown, size_t shown_len)
{
  char host[128];
  const char *colon = strrchr (spec, ':');
  struct sockaddr_storage ss;
  socklen_t sl;
  int fd, one = 1;

  memset (&ss, 0, sizeof ss);
  if (NULL == colon || (size_t) (colon - spec) >= sizeof host)
    return -1;
  memcpy (host, spec, (size_t) (colon - spec));
  host[colon - spec] = '\0';
  char *end;
  long port = strtol (colon + 1, &end, 10);
  if (*end || port < 0 || port > 65535)
    return -1;
  if (host[0] == '[')
  {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
    size_t hl = strlen (host);
    if (hl < 3 || host[hl - 1] != ']')
      return -1;
    host[hl - 1] = '\0';
    a->sin6_family = AF_INET6;
    a->sin6_port = htons ((uint16_t) port);
    if (1 != inet_pton (AF_INET6, host + 1, &a->sin6_addr))
      return -1;
    sl = sizeof *a;
  }
  else
  {
    struct sockaddr_in *a = (struct sockaddr_in *) &ss;
    a->sin_family = AF_INET;
    a->sin_port = htons ((uint16_t) port);
    if (1 != inet_pton (AF_INET, host, &a->sin_addr))
      return -1;
    sl = sizeof *a;
  }
  fd = socket (ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (0 != bind (fd, (struct sockaddr *) &ss, sl) || 0 != listen (fd, 1024)
      || 0 != getsockname (fd, (struct sockaddr *) &ss, &sl))
  {
    LOG_E ("cannot listen on %s: %s", spec, strerror (errno));
    close (fd);
    return -1;
  }
  char addr[INET6_ADDRSTRLEN];
  if (ss.ss_family == AF_INET6)
  {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
    inet_ntop (AF_INET6, &a->sin6_addr, addr, sizeof addr);
    snprintf (shown, shown_len, "[%s]:%u", addr, ntohs (a->sin6_port));
  }
  else
  {
    struct sockaddr_in *a = (struct sockaddr_in *) &ss;
    inet_ntop (AF_INET, &a->sin_addr, addr, sizeof addr);
    snprintf (shown, shown_len, "%s:%u", addr, ntohs (a->sin_port));
  }
  return fd;
}

void *
http_start (struct app *app, const struct http_config *cfg)
{
  char shown[160];
  int fd = http_listen_socket (cfg->listen, shown, sizeof shown);
  if (fd < 0)
  {
    LOG_E ("invalid or unusable listen address '%s'", cfg->listen);
    return NULL;
  }
  pthread_mutex_lock (&upload_lock);
  upload_budget = cfg->upload_memory ? cfg->upload_memory : (size_t) -1;
  pthread_mutex_unlock (&upload_lock);
  if (! http_proxies_parse (cfg->trusted_proxies))
  {
    LOG_E ("trusted_proxies: not a list of IP addresses: '%s'",
           cfg->trusted_proxies);
    return NULL;
  }
  unsigned int threads = cfg->threads;
  if (0 == threads)
  {
    long n = sysconf (_SC_NPROCESSORS_ONLN);
    threads = n > 0 ? (unsigned int) n : 1;
  }
  struct MHD_Daemon *d = MHD_start_daemon (
    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
    | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG,
    0, NULL, NULL, &http_access, app,
    MHD_OPTION_EXTERNAL_LOGGER, &http_log, NULL,
    MHD_OPTION_LISTEN_SOCKET, fd,
    MHD_OPTION_THREAD_POOL_SIZE, threads,
    MHD_OPTION_CONNECTION_LIMIT, cfg->connection_limit,
    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
    MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_s,
    MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->memory_limit,
    MHD_OPTION_NOTIFY_COMPLETED, &http_completed, app,
    MHD_OPTION_UNESCAPE_CALLBACK, &http_unescape, NULL,
    MHD_OPTION_STRICT_FOR_CLIENT, (int) 1,
    MHD_OPTION_END);
  if (NULL == d)
  {
    LOG_E ("libmicrohttpd refused to start");
    close (fd);
    return NULL;
  }
  printf ("listening on http://%s\n", shown);
  fflush (stdout);
  return d;
}

void
http_stop (void *daemon)
{
  struct MHD_Daemon *d = daemon;
  int fd = MHD_quiesce_daemon (d);
  if (fd >= 0)
    close (fd);
  MHD_stop_daemon (d);
}
