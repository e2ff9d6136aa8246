/* Helpers shared by the handlers: unit lookup, page context, formatting. */
#include "handlers.h"
#include "attach.h"
#include "utf8.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum hres
h_unit (struct req *r, struct unit *u)
{
  enum store_status st = store_unit_by_slug (r->app->store, http_param (r, 0),
                                             u);
  switch (st)
  {
  case STORE_OK:
    return H_CONTINUE;
  case STORE_NO_ROW:
    return http_reply_error (r, ERR_UNIT_NOT_FOUND, NULL);
  case STORE_BUSY:
  case STORE_HARD_ERROR:
    break;
  }
  return h_store_error (r, st);
}

json_t *
h_page_ctx (const char *title, const struct unit *u)
{
  json_t *ctx = json_pack ("{s:s}", "page_title", title);
  if (u)
    json_object_set_new (ctx, "unit", json_pack ("{s:s, s:s}", "slug",
                                                 u->slug, "name", u->name));
  return ctx;
}

enum hres
h_store_error (struct req *r, enum store_status st)
{
  return http_reply_error (r, st == STORE_BUSY ? ERR_UNAVAILABLE
                                               : ERR_INTERNAL, NULL);
}

void
h_fmt_int (char *out, size_t cap, long long n)
{
  char digits[32];
  size_t o = 0;
  int len = snprintf (digits, sizeof digits, "%lld", n < 0 ? -n : n);
  if (n < 0 && o + 1 < cap)
    out[o++] = '-';
  for (int i = 0; i < len && o + 2 < cap; i++)
  {
    if (i > 0 && (len - i) % 3 == 0)
      out[o++] = '.';
    out[o++] = digits[i];
  }
  out[o] = '\0';
}

void
h_fmt_decimal (char *out, size_t cap, double x, int decimals)
{
  double scale = pow (10, decimals);
  long long v = (long long) floor (fabs (x) * scale + 0.5 + 1e-9);
  char whole[32];
  h_fmt_int (whole, sizeof whole, v / (long long) scale);
  if (decimals > 0)
    snprintf (out, cap, "%s%s,%0*lld", x < 0 ? "-" : "", whole, decimals,
              v % (long long) scale);
  else
    snprintf (out, cap, "%s%s", x < 0 ? "-" : "", whole);
}

void
h_fmt_time (int64_t t, int offset_min, char *out, size_t cap)
{
  time_t lt = (time_t) (t + (int64_t) offset_min * 60);
  struct tm tm;
  gmtime_r (&lt, &tm);
  snprintf (out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%+03d:%02d",
            tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
            tm.tm_min, tm.tm_sec, offset_min / 60, abs (offset_min % 60));
}

void
h_field_error (json_t *errors, const char *path, const char *code,
               const char *msg)
{
  if (! json_object_get (errors, path))
    json_object_set_new (errors, path, json_pack ("{s:s, s:s}", "code", code,
                                                  "message", msg));
}

bool
h_json_body (struct req *r, const char *const *allowed,
             const char *required, json_t **errors)
{
  const char *key;
  json_t *v;
  *errors = json_object ();
  if (! json_is_object (r->json))
  {
    h_field_error (*errors, "$", "invalid_type", "Harus berupa objek JSON.");
    return false;
  }
  json_object_foreach (r->json, key, v)
  {
    bool ok = false;
    for (size_t i = 0; allowed[i]; i++)
      ok = ok || 0 == strcmp (key, allowed[i]);
    if (! ok)
      h_field_error (*errors, key, "unknown_field", "Kolom tidak dikenal.");
  }
  if (required && ! json_is_string (json_object_get (r->json, required)))
    h_field_error (*errors, required, "required", "Wajib diisi.");
  return 0 == json_object_size (*errors);
}

void
h_fmt_when (int64_t t, bool day_only, int offset_min, char *out, size_t cap)
{
  h_fmt_time (t, offset_min, out, cap);
  if (day_only && cap > 10)
    out[10] = '\0';
}

/* Check the uploads: how many, how large, what type (by content).
   Returns an error message or NULL. */
const char *
h_uploads_problem (struct req *r)
{
  if (r->too_many_uploads)
    return "Paling banyak 3 berkas.";
  for (size_t i = 0; i < r->n_uploads; i++)
  {
    struct upload *u = &r->uploads[i];
    if (u->too_large)
      return "Berkas terlalu besar: paling besar 4 MB.";
    if (0 == u->data.len)
      return "Berkas kosong.";
    if (NULL == attach_sniff (u->data.p, u->data.len))
      return "Hanya berkas JPEG, PNG atau PDF yang diterima.";
    /* Keep the name as UTF-8 text, whatever the browser sent. */
    if (! utf8_valid_text (u->name, strlen (u->name)))
      snprintf (u->name, sizeof u->name, "berkas-%zu", i + 1);
  }
  return NULL;
}

