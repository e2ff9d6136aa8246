/*
 * Staff login, logout and "who am I", as JSON (POST /api/v1/login,
 * POST /api/v1/logout, GET /api/v1/me) and as pages (/staff/masuk,
 * /staff/keluar, /staff).
 *
 * A login runs in the slow-work pool (login.c): the password verified, the
 * user's key pair unwrapped and the TOTP code checked, on every path the
 * same work (dummies for an unknown or disabled user), then the unit keys
 * sealed to the user opened into locked memory for the session.  The
 * outcome is audit-logged durably before the answer goes out.
 */
#include "audit.h"
#include "handlers.h"
#include "inflight.h"
#include "log.h"
#include "login.h"
#include "store.h"
#include "throttle.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct login_state {
  char unit[48];
  char user[48];
  char *password;            /* secret memory */
  char totp[8];
  char account[48];          /* the typed name when it names an account */
  bool html;
  bool ok;
  int64_t unit_id;           /* 0 when the unit is unknown */
  int64_t totp_step;         /* > 0: record it (replay guard) */
  struct session tmpl;       /* filled on success; owns unlocked keys */
  uint64_t acct_tag, addr_tag;
  bool holding;              /* the tags are held in flight (inflight.h) */
  char token[SESSION_TOKEN_HEX];
};

/* Let go of the in-flight reservation, once the outcome is counted. */
static void
login_release (struct login_state *s)
{
  if (s->holding)
    inflight_leave (s->acct_tag, s->addr_tag);
  s->holding = false;
}

static void
login_state_free (void *p)
{
  struct login_state *s = p;
  login_release (s);     /* a request that ended early (503, aborted) */
  for (int k = 0; k < KEY_KINDS; k++)
    vault_secret_free (s->tmpl.unit_sk[k]);
  vault_secret_free (s->password);
  vault_wipe (s, sizeof *s);
  free (s);
}

/* In a pool thread: everything slow (login.c). */
static void
login_run (struct req *r)
{
  struct login_state *s = r->state;
  struct login_attempt a = {
    .unit = s->unit, .user = s->user, .password = s->password,
    .totp = s->totp, .now = (uint64_t) time (NULL),
  };
  login_check (r->app->store, &a);
  s->ok = a.ok;
  s->unit_id = a.unit_id;
  s->totp_step = a.totp_step;
  snprintf (s->account, sizeof s->account, "%s", a.account);
  s->tmpl = a.tmpl;        /* the unlocked keys move into S */
  vault_wipe (&a, sizeof a);
}

/* In the writer: the audit entry (and the TOTP step), durably. */
static enum store_status
login_record (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct login_state *s = r->state;
  enum store_status st;
  if (s->ok && s->totp_step > 0)
  {
    st = store_user_totp_step (c, s->tmpl.user_id, s->totp_step);
    if (STORE_NO_ROW == st)   /* the same code was used meanwhile */
      s->ok = false;
    else if (STORE_OK != st)
      return st;
  }
  if (s->ok)
    return audit_append (c, s->unit_id, s->tmpl.username, "login",
                         s->tmpl.username, s->html ? "page" : "api");
  if (s->account[0])
    /* Against a real account: its name shows, as it should. */
    return audit_append (c, s->unit_id, s->account, "login_failed",
                         s->account, s->html ? "page" : "api");
  /* Any other typed name may be a password typed into the wrong field:
     only a keyed hash is written, under the per-process key of the
     address tags, so tries of one name can be told apart in a run but no
     one (not even with the database and a list of guesses) can tell what
     was typed once the server has restarted. */
  char tagged[200], object[24];
  int n = snprintf (tagged, sizeof tagged, "login name%c%s%c%s", '\0',
                    s->unit, '\0', s->user);
  snprintf (object, sizeof object, "?%016llx", (unsigned long long)
            vault_addr_tag (tagged, n > 0 ? (size_t) n : 0));
  vault_wipe (tagged, sizeof tagged);
  return audit_append (c, s->unit_id, "-", "login_failed", object,
                       s->html ? "page, unknown name" : "api, unknown name");
}

static json_t *
me_json (const struct session *se, bool with_csrf)
{
  json_t *roles = json_array ();
  json_t *keys = json_array ();
  const char *name;
  for (size_t i = 0; NULL != (name = role_nth (se->roles, i)); i++)
    json_array_append_new (roles, json_string (name));
  for (int k = 0; k < KEY_KINDS; k++)
    if (se->unit_sk[k])
      json_array_append_new (keys, json_string (key_kind_name (k)));
  json_t *j = json_pack ("{s:s, s:s, s:o, s:o, s:b}", "unit", se->unit_slug,
                         "user", se->username, "roles", roles, "keys", keys,
                         "totp", se->has_totp);
  if (with_csrf)
    json_object_set_new (j, "csrf", json_string (se->csrf));
  return j;
}

static enum hres
login_failed_answer (struct req *r)
{
  struct login_state *s = r->state;
  if (! s->html)
    return http_reply_error (r, ERR_LOGIN_FAILED, NULL);
  json_t *ctx = h_page_ctx ("Masuk petugas", NULL);
  json_object_set_new (ctx, "error", json_string (err_message (
                                                    ERR_LOGIN_FAILED)));
  json_object_set_new (ctx, "unit_value", json_string (s->unit));
  json_object_set_new (ctx, "user_value", json_string (s->user));
  return http_reply_html (r, 401, "staff-login.html", ctx);
}

static enum hres
login_recorded (struct req *r)
{
  struct login_state *s = r->state;
  int64_t now = (int64_t) time (NULL);
  /* Count the outcome, then let the next check of this account or
     address go: it sees this one's failure. */
  if (! s->ok)
  {
    throttle_fail (s->acct_tag, now);
    throttle_fail (s->addr_tag, now);
  }
  else if (STORE_OK == r->job_status)
    throttle_reset (s->acct_tag);
  login_release (s);
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  if (! s->ok)
    return login_failed_answer (r);
  struct session *se = session_create (&s->tmpl, s->token);
  /* The keys moved into the session (or were wiped with it). */
  memset (s->tmpl.unit_sk, 0, sizeof s->tmpl.unit_sk);
  if (NULL == se)
    return http_reply_error (r, ERR_UNAVAILABLE, NULL);
  http_set_cookie (r, s->token);
  http_set_device_cookie (r);
  vault_wipe (s->token, sizeof s->token);
  json_t *me = me_json (se, true);
  session_release (se);
  if (s->html)
  {
    json_decref (me);
    return http_redirect (r, "/staff");
  }
  return http_reply_json (r, 200, me);
}

static enum hres
login_checked (struct req *r)
{
  r->job.run = &login_record;
  r->job.cls = r;
  return http_suspend_for_job (r, &login_recorded);
}

/* Common start: throttle, then the slow part in the pool. */
static enum hres
login_start (struct req *r, const char *unit, const char *user,
             const char *password, const char *totp, bool html)
{
  struct login_state *s = calloc (1, sizeof *s);
  char acct[128];
  int64_t now = (int64_t) time (NULL);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &login_state_free;
  s->html = html;
  snprintf (s->unit, sizeof s->unit, "%s", unit);
  snprintf (s->user, sizeof s->user, "%s", user);
  snprintf (s->totp, sizeof s->totp, "%s", totp ? totp : "");
  size_t pl = strlen (password);
  s->password = (char *) vault_secret_new (pl + 1);
  if (NULL == s->password)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  memcpy (s->password, password, pl + 1);
  snprintf (acct, sizeof acct, "%s/%s", s->unit, s->user);
  s->acct_tag = vault_addr_tag (acct, strlen (acct));
  s->addr_tag = http_client_tag (r);
  unsigned int wait = throttle_wait (s->acct_tag, now);
  unsigned int wait2 = throttle_wait (s->addr_tag, now);
  if (wait2 > wait)
    wait = wait2;
  if (wait > 0)
  {
    LOG_I ("login throttled for %u s", wait);
    if (html)
    {
      json_t *ctx = h_page_ctx ("Masuk petugas", NULL);
      char msg[200];
      snprintf (msg, sizeof msg, "Terlalu banyak percobaan yang gagal. "
                "Coba lagi dalam %u detik.", wait);
      json_object_set_new (ctx, "error", json_string (msg));
      json_object_set_new (ctx, "unit_value", json_string (s->unit));
      json_object_set_new (ctx, "user_value", json_string (s->user));
      return http_reply_html (r, 429, "staff-login.html", ctx);
    }
    return http_reply_error (r, ERR_TOO_MANY, NULL);
  }
  /* Reserve before hashing: one check at a time per account and per
     address, each counted before the next may start (inflight.h). */
  if (! inflight_enter (s->acct_tag, s->addr_tag))
  {
    LOG_I ("login refused: another one of this account or address is"
           " being checked");
    if (html)
    {
      json_t *ctx = h_page_ctx ("Masuk petugas", NULL);
      json_object_set_new (ctx, "error", json_string (
                             "Ada percobaan masuk lain dari alamat atau akun"
                             " ini yang sedang diperiksa. Coba lagi sebentar"
                             " lagi."));
      json_object_set_new (ctx, "unit_value", json_string (s->unit));
      json_object_set_new (ctx, "user_value", json_string (s->user));
      return http_reply_html (r, 429, "staff-login.html", ctx);
    }
    return http_reply_error (r, ERR_TOO_MANY, NULL);
  }
  s->holding = true;
  /* A browser that logged in before waits with staff work, not behind a
     flood of anonymous logins (device.h). */
  return http_suspend_for_work (r, http_known_device (r) ? POOL_STAFF
                                                           : POOL_LOGIN,
                                &login_run, &login_checked);
}

static bool
short_text_ok (const char *s, size_t max)
{
  return s && *s && strlen (s) <= max;
}

enum hres
h_api_login (struct req *r)
{
  json_t *fields = json_object ();
  const char *key;
  json_t *v;
  if (! json_is_object (r->json))
  {
    json_object_set_new (fields, "$", json_pack ("{s:s, s:s}", "code",
                                                 "invalid_type", "message",
                                                 "Harus berupa objek JSON."));
    return http_reply_error (r, ERR_VALIDATION, fields);
  }
  json_object_foreach (r->json, key, v)
    if (strcmp (key, "unit") && strcmp (key, "user") && strcmp (key,
                                                               "password")
        && strcmp (key, "totp"))
      json_object_set_new (fields, key, json_pack ("{s:s, s:s}", "code",
                                                   "unknown_field", "message",
                                                   "Kolom tidak dikenal."));
  const char *unit = json_string_value (json_object_get (r->json, "unit"));
  const char *user = json_string_value (json_object_get (r->json, "user"));
  const char *pw = json_string_value (json_object_get (r->json, "password"));
  json_t *jt = json_object_get (r->json, "totp");
  const char *totp = json_string_value (jt);
  if (! short_text_ok (unit, 40))
    json_object_set_new (fields, "unit", json_pack ("{s:s, s:s}", "code",
                                                    "required", "message",
                                                    "Wajib diisi."));
  if (! short_text_ok (user, 40))
    json_object_set_new (fields, "user", json_pack ("{s:s, s:s}", "code",
                                                    "required", "message",
                                                    "Wajib diisi."));
  if (! short_text_ok (pw, 256))
    json_object_set_new (fields, "password",
                         json_pack ("{s:s, s:s}", "code", "required",
                                    "message", "Wajib diisi."));
  if (jt && ! json_is_null (jt) && (! totp || strlen (totp) > 6))
    json_object_set_new (fields, "totp",
                         json_pack ("{s:s, s:s}", "code", "invalid_type",
                                    "message", "Kode berupa 6 angka."));
  if (json_object_size (fields) > 0)
    return http_reply_error (r, ERR_VALIDATION, fields);
  json_decref (fields);
  enum hres h = login_start (r, unit, user, pw, totp, false);
  vault_wipe ((char *) pw, strlen (pw));   /* the body's copy */
  return h;
}

enum hres
h_staff_login_post (struct req *r)
{
  const char *unit = urlenc_get (&r->form, "unit");
  const char *user = urlenc_get (&r->form, "user");
  const char *pw = urlenc_get (&r->form, "password");
  const char *totp = urlenc_get (&r->form, "totp");
  if (! short_text_ok (unit, 40) || ! short_text_ok (user, 40)
      || ! short_text_ok (pw, 256) || (totp && strlen (totp) > 6))
  {
    json_t *ctx = h_page_ctx ("Masuk petugas", NULL);
    json_object_set_new (ctx, "error",
                         json_string ("Isi unit, nama pengguna dan kata sandi."));
    json_object_set_new (ctx, "unit_value", json_string (unit ? unit : ""));
    json_object_set_new (ctx, "user_value", json_string (user ? user : ""));
    return http_reply_html (r, 400, "staff-login.html", ctx);
  }
  enum hres h = login_start (r, unit, user, pw, totp, true);
  vault_wipe ((char *) pw, strlen (pw));
  return h;
}

enum hres
h_staff_login_page (struct req *r)
{
  if (r->session)
    return http_redirect (r, "/staff");
  json_t *ctx = h_page_ctx ("Masuk petugas", NULL);
  const char *unit = http_query (r, "unit");
  json_object_set_new (ctx, "unit_value", json_string (unit && strlen (unit)
                                                       < 48 ? unit : ""));
  return http_reply_html (r, 200, "staff-login.html", ctx);
}

/* ---- logout ---- */

static enum store_status
logout_record (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  return audit_append (c, r->session->unit_id, r->session->username,
                       "logout", r->session->username, "");
}

static enum hres
logout_done (struct req *r)
{
  session_destroy (r->session);
  http_set_cookie (r, NULL);
  if (r->route->fmt == FMT_HTML)
    return http_redirect (r, "/staff/masuk");
  return http_reply_json (r, 200, json_pack ("{s:s}", "status", "ok"));
}

enum hres
h_logout (struct req *r)
{
  r->job.run = &logout_record;
  r->job.cls = r;
  return http_suspend_for_job (r, &logout_done);
}

/* ---- me and the staff home ---- */

enum hres
h_api_me (struct req *r)
{
  return http_reply_json (r, 200, me_json (r->session, true));
}

/* The page context every staff page shares. */
json_t *
h_staff_ctx (struct req *r, const char *title)
{
  const struct session *se = r->session;
  json_t *ctx = json_pack ("{s:s, s:s, s:s, s:s}", "page_title", title,
                           "csrf", se->csrf, "staff_user", se->username,
                           "staff_unit", se->unit_slug);
  json_t *roles = json_array ();
  const char *name;
  for (size_t i = 0; NULL != (name = role_nth (se->roles, i)); i++)
    json_array_append_new (roles, json_pack ("{s:s, s:s}", "name", name,
                                             "label", role_label (
                                               role_from_name (name))));
  json_object_set_new (ctx, "roles", roles);
  json_object_set_new (ctx, "is_admin",
                       json_boolean (se->roles & ROLE_ADMIN));
  /* The menu offers only what the route table lets this user open. */
  static const struct { const char *key, *path; } menu[] = {
    { "may_complaints", "/staff/pengaduan" },
    { "may_wbs", "/staff/wbs" },
    { "may_wbs_identity", "/staff/wbs-identitas" },
    { "may_users", "/staff/pengguna" },
    { "may_audit", "/staff/audit" },
    { "may_reports", "/staff/laporan" },
    { "may_tracker", "/staff/tindak-lanjut" },
  };
  for (size_t i = 0; i < sizeof menu / sizeof menu[0]; i++)
    json_object_set_new (ctx, menu[i].key, json_boolean (
                           http_staff_may_get (menu[i].path, se->roles)));
  json_t *keys = json_array ();
  for (int k = 0; k < KEY_KINDS; k++)
    if (se->unit_sk[k])
      json_array_append_new (keys, json_string (k == KEY_WBS
                                                ? "kunci WBS"
                                                : "kunci identitas pelapor"));
  json_object_set_new (ctx, "keys", keys);
  /* The header names the officer's unit, linking to the staff home. */
  struct unit u;
  if (STORE_OK == store_unit_by_slug (r->app->store, se->unit_slug, &u))
    json_object_set_new (ctx, "staff_unit_name", json_string (u.name));
  return ctx;
}

enum hres
h_staff_home (struct req *r)
{
  return http_reply_html (r, 200, "staff-home.html",
                          h_staff_ctx (r, "Beranda petugas"));
}
