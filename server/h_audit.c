/*
 * The audit log for admins: filter by user, action and dates, newest
 * first, paged; JSON (GET /api/v1/u/{unit}/audit) and a page (/staff/audit).
 * The page shows the head of the unit's own chain and its last signed
 * checkpoint, and can check the unit's chain; GET
 * /api/v1/u/{unit}/audit/check does the same check as JSON and
 * GET /api/v1/u/{unit}/audit/anchor exports the newest signed checkpoint of
 * the unit's chain as an anchor file.  Everything here reads only the
 * unit's own entries and checkpoints (the unit chain, audit.h); the whole
 * log is checked by `wadah audit verify`.
 */
#include "audit.h"
#include "handlers.h"
#include "vault.h"
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

static void
hex32 (const unsigned char *b, char out[65])
{
  vault_hex (b, 32, out);
}

/* Check the unit's own chain against its checkpoints, with the server's
   key. */
static enum store_status
unit_check (struct req *r, const struct unit *u, struct audit_verdict *v)
{
  struct audit_verify_opts o = {
    .public_key = r->app->audit_key ? audit_key_public (r->app->audit_key)
                  : NULL,
    .unit_only = true, .unit_id = u->id };
  return audit_verify (r->app->store, &o, v);
}

/* The head of the unit's chain and its newest checkpoint, for the page:
   has_head, head_count, head_hash, has_cp, cp_count, cp_time, cp_ok,
   cp_unsigned, public_key. */
static void
audit_head_ctx (struct req *r, const struct unit *u, json_t *ctx)
{
  int64_t seq;
  unsigned char hash[32], log_id[16];
  char hex[65], when[48];
  struct audit_checkpoint cp;
  struct store *s = r->app->store;
  if (r->app->audit_key)
  {
    hex32 (audit_key_public (r->app->audit_key), hex);
    json_object_set_new (ctx, "public_key", json_string (hex));
  }
  else
    json_object_set_new (ctx, "no_key", json_true ());
  if (STORE_OK != store_audit_unit_last (s, NULL, u->id, &seq, hash))
    return;
  hex32 (hash, hex);
  char url[120];
  snprintf (url, sizeof url, "/api/v1/u/%s/audit/anchor", u->slug);
  json_object_set_new (ctx, "anchor_url", json_string (url));
  json_object_set_new (ctx, "has_head", json_true ());
  json_object_set_new (ctx, "head_count", json_integer (seq));
  json_object_set_new (ctx, "head_hash", json_string (hex));
  if (STORE_OK != store_audit_checkpoint_last (s, NULL, AUDIT_CHAIN_UNIT,
                                               u->id, &cp)
      || STORE_OK != store_audit_log_id (s, NULL, log_id))
    return;
  audit_time_text (cp.at, u->utc_offset_min, when, sizeof when);
  json_object_set_new (ctx, "has_cp", json_true ());
  json_object_set_new (ctx, "cp_count", json_integer (cp.count));
  json_object_set_new (ctx, "cp_time", json_string (when));
  json_object_set_new (ctx, "cp_ok", json_boolean (
                         r->app->audit_key
                         && audit_checkpoint_valid (&cp, log_id,
                                                    audit_key_public (
                                                      r->app->audit_key))));
  json_object_set_new (ctx, "cp_unsigned",
                       json_integer (seq > cp.count ? seq - cp.count : 0));
}

/* GET /api/v1/u/{unit}/audit/check: the unit's chain checked. */
enum hres
h_api_audit_check (struct req *r)
{
  struct unit u;
  struct audit_verdict v;
  char hex[65], line[600];
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  enum store_status st = unit_check (r, &u, &v);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *problems = json_array ();
  for (size_t i = 0; i < v.n_problems; i++)
  {
    audit_problem_text (&v.problems[i], false, 0, line, sizeof line);
    json_array_append_new (problems, json_string (line));
  }
  hex32 (v.head, hex);
  json_t *j = json_pack ("{s:b, s:I, s:s, s:I, s:I, s:o, s:I}", "ok", v.ok,
                         "entries", (json_int_t) v.entries, "head", hex,
                         "checkpoints", (json_int_t) v.checkpoints,
                         "checkpoints_valid",
                         (json_int_t) v.checkpoints_valid, "problems",
                         problems, "more_problems",
                         (json_int_t) v.more_problems);
  if (0 == v.entries)
    json_object_set_new (j, "head", json_null ());
  if (v.has_newest)
  {
    hex32 (v.newest.head, hex);
    json_object_set_new (j, "newest_checkpoint",
                         json_pack ("{s:I, s:s, s:I}", "count",
                                    (json_int_t) v.newest.count, "head", hex,
                                    "at", (json_int_t) v.newest.at));
  }
  return http_reply_json (r, 200, j);
}

/* GET /api/v1/u/{unit}/audit/anchor: the newest signed checkpoint of the
   unit's chain as an anchor file (audit.h), to keep elsewhere. */
enum hres
h_api_audit_anchor (struct req *r)
{
  struct unit u;
  struct audit_anchor a;
  memset (&a, 0, sizeof a);
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  enum store_status st = store_audit_checkpoint_last (r->app->store, NULL,
                                                      AUDIT_CHAIN_UNIT, u.id,
                                                      &a.cp);
  if (STORE_OK == st)
    st = store_audit_log_id (r->app->store, NULL, a.log_id);
  if (STORE_NO_ROW == st
      || (STORE_OK == st
          && (NULL == r->app->audit_key
              || ! audit_checkpoint_valid (&a.cp, a.log_id,
                                           audit_key_public (
                                             r->app->audit_key)))))
    return http_reply_error (r, ERR_AUDIT_NO_ANCHOR, NULL);
  if (STORE_OK != st)
    return h_store_error (r, st);
  snprintf (a.unit_slug, sizeof a.unit_slug, "%s", u.slug);
  char *text = audit_anchor_text (&a);
  if (NULL == text)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  struct buf b = { 0 };
  buf_puts (&b, text);
  free (text);
  char disp[160];
  snprintf (disp, sizeof disp, "attachment; filename=\"jangkar-audit-%s-%lld"
            ".json\"", u.slug, (long long) a.cp.count);
  return http_reply_download (r, "application/json", &b, disp);
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
  audit_head_ctx (r, &u, ctx);
  if (http_query (r, "periksa"))
  {
    struct audit_verdict v;
    if (STORE_OK == unit_check (r, &u, &v))
    {
      char msg[300], line[600];
      if (v.ok)
        snprintf (msg, sizeof msg, "Rantai utuh: %lld entri unit ini"
                  " cocok dengan hash-nya dan dengan %lld titik periksa"
                  " bertanda tangan.", (long long) v.entries,
                  (long long) v.checkpoints_valid);
      else
        snprintf (msg, sizeof msg, "RANTAI RUSAK: %zu tanda perubahan"
                  " ditemukan.", v.n_problems + v.more_problems);
      json_t *list = json_array ();
      for (size_t i = 0; i < v.n_problems; i++)
      {
        audit_problem_text (&v.problems[i], true, u.utc_offset_min, line,
                            sizeof line);
        json_array_append_new (list, json_string (line));
      }
      json_object_set_new (ctx, "chain", json_string (msg));
      json_object_set_new (ctx, "chain_ok", json_boolean (v.ok));
      json_object_set_new (ctx, "chain_problems", list);
    }
  }
  return http_reply_html (r, 200, "staff-audit.html", ctx);
}
