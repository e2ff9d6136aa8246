/*
 * The audit log for admins: filter by user, action and dates, newest
 * first, paged; JSON (GET /api/v1/u/{unit}/audit) and a page (/staff/audit)
 * that can also walk the hash chain.
 */
#include "audit.h"
#include "handlers.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* YYYY-MM-DD in the unit's zone to Unix seconds at local midnight; -1 when
   malformed.  END: the midnight after that day. */
static int64_t
day_start (const char *s, int offset_min, bool end)
{
  int y, m, d;
  char tail;
  if (NULL == s || 3 != sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail)
      || strlen (s) != 10 || m < 1 || m > 12 || d < 1 || d > 31 || y < 2000)
    return -1;
  struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
  int64_t t = (int64_t) timegm (&tm);
  return t - (int64_t) offset_min * 60 + (end ? 86400 : 0);
}

static bool
filter_text_ok (const char *s)
{
  if (NULL == s)
    return true;
  size_t n = strlen (s);
  if (n > 40)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'
           || *s == '-' || *s == '.'))
      return false;
  return true;
}

/* Read the filters from the query string; false when one is malformed. */
static bool
read_filter (struct req *r, struct audit_filter *f, int offset)
{
  const char *actor = http_query (r, "user");
  const char *action = http_query (r, "action");
  const char *from = http_query (r, "from");
  const char *to = http_query (r, "to");
  const char *before = http_query (r, "before");
  memset (f, 0, sizeof *f);
  f->limit = 50;
  if (actor && *actor)
    f->actor = actor;
  if (action && *action)
    f->action = action;
  if (! filter_text_ok (f->actor) || ! filter_text_ok (f->action))
    return false;
  if (from && *from && (f->from = day_start (from, offset, false)) < 0)
    return false;
  if (to && *to && (f->to = day_start (to, offset, true)) < 0)
    return false;
  if (before && *before)
  {
    char *end;
    f->before_id = strtoll (before, &end, 10);
    if (*end || f->before_id <= 0)
      return false;
  }
  return true;
}

static void
fmt_time (int64_t t, int offset_min, char *out, size_t cap)
{
  time_t lt = (time_t) (t + (int64_t) offset_min * 60);
  struct tm tm;
  gmtime_r (&lt, &tm);
  snprintf (out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%+03d:%02d",
            tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
            tm.tm_min, tm.tm_sec, offset_min / 60, abs (offset_min % 60));
}

/* Entries as JSON; times RFC 3339 in the unit's zone, or "YYYY-MM-DD
   HH:MM:SS" for pages. */
static json_t *
entries_json (const struct audit_row *rows, size_t n, int offset,
              bool for_page)
{
  char t[40];
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    fmt_time (rows[i].at, offset, t, sizeof t);
    if (for_page)
    {
      t[19] = '\0';
      t[10] = ' ';
    }
    json_array_append_new (a, json_pack ("{s:I, s:s, s:s, s:s, s:s, s:s}",
                                         "id", (json_int_t) rows[i].id,
                                         "at", t, "user", rows[i].actor,
                                         "action", rows[i].action, "object",
                                         rows[i].object, "detail",
                                         rows[i].detail));
  }
  return a;
}

static enum hres
audit_rows (struct req *r, struct unit *u, struct audit_filter *f,
            struct audit_row **rows, size_t *n)
{
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug, u);
  if (STORE_OK == st)
    st = store_audit_search (r->app->store, u->id, f, rows, n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  return H_CONTINUE;
}

enum hres
h_api_audit (struct req *r)
{
  struct unit u;
  struct audit_filter f;
  struct audit_row *rows;
  size_t n;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  if (! read_filter (r, &f, u.utc_offset_min))
    return http_reply_error (r, ERR_VALIDATION,
                             json_pack ("{s:{s:s, s:s}}", "query", "code",
                                        "invalid", "message",
                                        "Filter tidak sah: user, action,"
                                        " from/to (YYYY-MM-DD), before."));
  enum hres h = audit_rows (r, &u, &f, &rows, &n);
  if (H_CONTINUE != h)
    return h;
  json_t *a = entries_json (rows, n, u.utc_offset_min, false);
  free (rows);
  return http_reply_json (r, 200, json_pack ("{s:o}", "entries", a));
}

enum hres
h_staff_audit (struct req *r)
{
  struct unit u;
  struct audit_filter f;
  struct audit_row *rows;
  size_t n;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  json_t *ctx = h_staff_ctx (r, "Log audit");
  if (! read_filter (r, &f, u.utc_offset_min))
  {
    json_object_set_new (ctx, "error",
                         json_string ("Filter tidak sah. Tanggal ditulis"
                                      " TTTT-BB-HH."));
    memset (&f, 0, sizeof f);
    f.limit = 50;
  }
  enum hres h = audit_rows (r, &u, &f, &rows, &n);
  if (H_CONTINUE != h)
  {
    json_decref (ctx);
    return h;
  }
  json_object_set_new (ctx, "entries",
                       entries_json (rows, n, u.utc_offset_min, true));
  json_object_set_new (ctx, "has_entries", json_boolean (n > 0));
  if (n == (size_t) f.limit)
  {
    char more[32];
    snprintf (more, sizeof more, "%lld", (long long) rows[n - 1].id);
    json_object_set_new (ctx, "older", json_string (more));
  }
  free (rows);
  const char *keep[] = { "user", "action", "from", "to" };
  for (size_t i = 0; i < 4; i++)
  {
    const char *v = http_query (r, keep[i]);
    char k[16];
    snprintf (k, sizeof k, "q_%s", keep[i]);
    json_object_set_new (ctx, k, json_string (v && strlen (v) < 41 ? v : ""));
  }
  if (http_query (r, "periksa"))
  {
    struct audit_verdict v;
    if (STORE_OK == audit_verify (r->app->store, &v))
    {
      char msg[200], head[65];
      for (int i = 0; i < 32; i++)
        snprintf (head + 2 * i, 3, "%02x", v.head[i]);
      if (v.ok)
        snprintf (msg, sizeof msg, "Rantai utuh: %lld entri, kepala %s.",
                  (long long) v.entries, head);
      else
        snprintf (msg, sizeof msg, "RANTAI RUSAK pada entri %lld.",
                  (long long) v.bad_id);
      json_object_set_new (ctx, "chain", json_string (msg));
      json_object_set_new (ctx, "chain_ok", json_boolean (v.ok));
    }
  }
  return http_reply_html (r, 200, "staff-audit.html", ctx);
}
