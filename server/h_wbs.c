/*
 * Whistleblowing, the reporter's side: the form and POST
 * /api/v1/u/{unit}/wbs, the receipt, and with it the status, the messages,
 * replies and more evidence (POST .../wbs/view, .../wbs/messages, the
 * /u/{unit}/wbs/lacak page).
 *
 * Nothing about the request is kept: no address (not even the keyed tag
 * other routes throttle on), no browser data, no log line.  Everything the
 * reporter says is encrypted under a fresh report key before it is written;
 * the key is sealed to the unit's WBS key and wrapped under a key derived
 * from the receipt's secret, so the server cannot read a report it has just
 * stored.
 */
#include "attach.h"
#include "audit.h"
#include "complaint.h"
#include "handlers.h"
#include "stats.h"
#include "jsonout.h"
#include "ikm.h"
#include "log.h"
#include "store_wbs.h"
#include "throttle.h"
#include "utf8.h"
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the report key ---- */

static void
report_ad (char *out, size_t cap, const char *what, const char *lookup)
{
  snprintf (out, cap, "wbs-%s:%s", what, lookup);
}

bool
wbs_report_key_new (const unsigned char unit_pk[32], const char *lookup,
                    const char *secret, unsigned char k[32],
                    unsigned char key_team[STORE_RECORD_KEY],
                    unsigned char salt[16],
                    unsigned char key_reporter[STORE_WRAPPED])
{
  unsigned char rk[32];
  char ad[64];
  vault_key_new (k);
  if (! vault_key_seal (unit_pk, k, key_team))
    return false;
  vault_random (salt, 16);
  report_ad (ad, sizeof ad, "reporter", lookup);
  if (! vault_secret_key (secret, salt, rk))
    return false;
  vault_wrap_key (rk, k, ad, key_reporter);
  vault_wipe (rk, sizeof rk);
  return true;
}

bool
wbs_key_from_secret (const struct wbs_rec *w, const char *secret,
                     unsigned char k[32])
{
  unsigned char rk[32];
  char ad[64];
  report_ad (ad, sizeof ad, "reporter", w->lookup);
  bool ok = vault_secret_key (secret, w->reporter_salt, rk)
            && vault_unwrap_key (rk, w->key_reporter, ad, k);
  vault_wipe (rk, sizeof rk);
  return ok;
}

bool
wbs_key_from_session (const struct session *se, const struct wbs_rec *w,
                      unsigned char k[32])
{
  const unsigned char *sk = session_unit_key (se, KEY_WBS);
  return sk && vault_key_open (sk, w->key_team, k);
}

json_t *
wbs_decrypt_json (const unsigned char k[32], const char *what,
                  const char *lookup, const unsigned char *ct, size_t len)
{
  char ad[64], *plain = NULL;
  size_t pl;
  report_ad (ad, sizeof ad, what, lookup);
  if (! vault_decrypt (k, ad, ct, len, &plain, &pl))
    return NULL;
  json_t *j = json_loadb (plain, pl, 0, NULL);
  vault_wipe (plain, pl);
  free (plain);
  return j;
}

bool
wbs_encrypt_json (const unsigned char k[32], const char *what,
                  const char *lookup, const json_t *j, unsigned char **ct,
                  size_t *len)
{
  char ad[64];
  char *plain = j ? jsonout_dumps (j, 0) : NULL;
  report_ad (ad, sizeof ad, what, lookup);
  bool ok = plain && vault_encrypt (k, ad, plain, strlen (plain), ct, len);
  if (plain)
  {
    vault_wipe (plain, strlen (plain));
    free (plain);
  }
  return ok;
}

bool
wbs_encrypt_text (const unsigned char k[32], const char *what,
                  const char *lookup, const char *text, unsigned char **ct,
                  size_t *len)
{
  json_t *j = json_pack ("{s:s}", "text", text);
  bool ok = wbs_encrypt_json (k, what, lookup, j, ct, len);
  json_decref (j);
  return ok;
}

char *
wbs_decrypt_text (const unsigned char k[32], const char *what,
                  const char *lookup, const unsigned char *ct, size_t len)
{
  json_t *j = wbs_decrypt_json (k, what, lookup, ct, len);
  const char *t = json_string_value (json_object_get (j, "text"));
  char *out = strdup (t ? t : "");
  json_decref (j);
  return out;
}

static bool
message_ad (char *out, size_t cap, int seal, const char *lookup,
            const char *sender, const char *author, bool internal)
{
  if (1 == seal)
    snprintf (out, cap, "wbs-msg:%s", lookup);
  else if (WBS_MSG_SEAL == seal)
    snprintf (out, cap, "wbs-msg2:%s|from=%s|by=%s|internal=%d", lookup,
              sender, author ? author : "", internal ? 1 : 0);
  else
    return false;
  return true;
}

bool
wbs_encrypt_message (const unsigned char k[32], const char *lookup,
                     const char *sender, const char *author, bool internal,
                     const char *text, unsigned char **ct, size_t *len)
{
  char ad[160];
  message_ad (ad, sizeof ad, WBS_MSG_SEAL, lookup, sender, author, internal);
  json_t *j = json_pack ("{s:s}", "text", text);
  char *plain = j ? jsonout_dumps (j, 0) : NULL;
  json_decref (j);
  bool ok = plain && vault_encrypt (k, ad, plain, strlen (plain), ct, len);
  if (plain)
  {
    vault_wipe (plain, strlen (plain));
    free (plain);
  }
  return ok;
}

char *
wbs_decrypt_message (const unsigned char k[32], const char *lookup,
                     int seal, const char *sender, const char *author,
                     bool internal, const unsigned char *ct, size_t len)
{
  char ad[160], *plain = NULL;
  size_t pl;
  if (! message_ad (ad, sizeof ad, seal, lookup, sender, author, internal)
      || ! vault_decrypt (k, ad, ct, len, &plain, &pl))
    return NULL;
  json_t *j = json_loadb (plain, pl, 0, NULL);
  vault_wipe (plain, pl);
  free (plain);
  const char *t = json_string_value (json_object_get (j, "text"));
  char *out = t ? strdup (t) : NULL;
  json_decref (j);
  return out;
}

/* ---- intake ---- */

struct wintake {
  struct unit unit;
  bool html;
  json_t *values;
  struct wbs_new n;
  unsigned char k[32];
  unsigned char *ct;
  char secret[WBS_SECRET_LEN + 1];
  char receipt[WBS_RECEIPT_TEXT];
  char hash[VAULT_PWHASH_LEN];
  bool ready;
  struct attachment_row files[HTTP_MAX_UPLOADS];
  size_t n_files;
  bool stored;
  struct app *app;
};

static void
wintake_free (void *p)
{
  struct wintake *s = p;
  for (size_t i = 0; ! s->stored && i < s->n_files; i++)
    attach_remove (s->app, s->files[i].file);
  json_decref (s->values);
  free (s->ct);
  vault_wipe (s, sizeof *s);
  free (s);
}

static enum store_status
wintake_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct wintake *s = r->state;
  enum store_status st = store_wbs_insert (c, &s->n);
  for (size_t i = 0; STORE_OK == st && i < s->n_files; i++)
    st = store_wbs_attachment_insert (c, s->n.id, &s->files[i], "reporter",
                                s->n.at);
  s->stored = STORE_OK == st;
  return st;
}

static enum hres
wintake_stored (struct req *r)
{
  struct wintake *s = r->state;
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  if (! s->html)
    return http_reply_json (r, 201, json_pack ("{s:s}", "receipt",
                                               s->receipt));
  json_t *ctx = h_page_ctx ("Laporan WBS diterima", &s->unit);
  json_object_set_new (ctx, "receipt", json_string (s->receipt));
  return http_reply_html (r, 201, "wbs-receipt.html", ctx);
}

/* In the pool: everything cryptographic, and the files. */
static void
wintake_seal (struct req *r)
{
  struct wintake *s = r->state;
  unsigned char pk[32];
  s->ready = false;
  if (STORE_OK != store_unit_key_get (r->app->store, s->unit.id, "wbs", pk,
                                      NULL))
    goto cleanup;
  if (! wbs_report_key_new (pk, s->n.lookup, s->secret, s->k, s->n.key_team,
                           s->n.reporter_salt, s->n.key_reporter))
    goto cleanup;
  if (! wbs_encrypt_json (s->k, "body", s->n.lookup, s->values, &s->ct,
                          &s->n.body_len))
    goto cleanup;
  s->n.body_ct = s->ct;
  if (! vault_code_hash (s->secret, s->hash))
    goto cleanup;
  s->n.secret_hash = s->hash;
  /* Evidence: sealed to the unit's WBS key like the report. */
  for (size_t i = 0; i < r->n_uploads; i++)
  {
    struct upload *u = &r->uploads[i];
    if (! attach_store (r->app, pk, u->name, u->data.p, u->data.len,
                        attach_sniff (u->data.p, u->data.len), s->n.at,
                        &s->files[i]))
      goto cleanup;
    s->n_files++;
  }
  s->ready = true;
cleanup:
  vault_wipe (s->secret, sizeof s->secret);
}

static enum hres
wintake_sealed (struct req *r)
{
  struct wintake *s = r->state;
  if (! s->ready)
  {
    LOG_E ("unit %s: cannot seal a WBS report (no WBS key?)", s->unit.slug);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  r->job.run = &wintake_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &wintake_stored);
}

/* Who is reported must be named by name or position. */
static bool
nonblank (const json_t *v)
{
  return json_is_string (v)
         && strspn (json_string_value (v), " \t\r\n")
         < json_string_length (v);
}

/* VALUES are the checked values; without them (another field failed) the
   rule still runs on RAW, what was sent, so that every mistake is told in
   one round trip: JSON groups ("reported": {"name": …}) when GROUPED, the
   form's flat names otherwise. */
static void
wcross_check (json_t *values, const json_t *raw, json_t *errors,
              bool grouped)
{
  bool named;
  if (values)
    named = json_object_get (values, "reported_name")
            || json_object_get (values, "reported_position");
  else if (grouped)
  {
    const json_t *g = json_object_get (raw, "reported");
    named = nonblank (json_object_get (g, "name"))
            || nonblank (json_object_get (g, "position"));
  }
  else
    named = nonblank (json_object_get (raw, "reported_name"))
            || nonblank (json_object_get (raw, "reported_position"));
  if (! named)
    h_field_error (errors, grouped ? "reported.name" : "reported_name", "required",
            "Isi nama atau jabatan terlapor.");
}

static enum hres
wintake_start (struct req *r, struct wintake *s)
{
  s->n.unit_id = s->unit.id;
  /* Only the day: the privacy notice promises no exact time is kept. */
  s->n.at = wbs_day_start ((int64_t) time (NULL), s->unit.utc_offset_min);
  ikm_local_date (s->n.at, s->unit.utc_offset_min, s->n.received_date);
  s->n.has_identity = json_object_get (s->values, "reporter_name")
                      || json_object_get (s->values, "reporter_contact");
  if (s->n.has_identity && ! json_object_get (s->values, "consent"))
    json_object_set_new (s->values, "consent", json_string ("tidak"));
  /* Acknowledge within hk_wbs_ack working days (default 3). */
  struct calendar cal;
  int32_t today;
  cal_parse (s->n.received_date, &today);
  if (complaint_calendar (r->app, s->unit.id, &cal))
    cal_format (cal_add_working_days (&cal, today, complaint_setting_int (
                                        r->app, s->unit.id, "hk_wbs_ack", 3)),
                s->n.due_date);
  cal_free (&cal);
  wbs_receipt_new (s->n.lookup, s->secret, s->receipt);
  return http_suspend_for_work (r, POOL_INTAKE, &wintake_seal,
                                &wintake_sealed);
}

enum hres
h_api_wbs_post (struct req *r)
{
  struct wintake *s = calloc (1, sizeof *s);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &wintake_free;
  s->app = r->app;
  enum hres h = h_unit (r, &s->unit);
  if (H_CONTINUE != h)
    return h;
  json_t *errors = NULL;
  s->values = form_validate_json (r->app->wbs, r->json, NULL, NULL, &errors);
  if (NULL == errors)
    errors = json_object ();
  /* Only an object can be checked across fields ("[]" is told as such). */
  if (s->values || (json_is_object (r->json)
                    && ! json_object_get (errors, "$")))
    wcross_check (s->values, r->json, errors, true);
  if (0 == json_object_size (errors))
  {
    json_decref (errors);
    errors = NULL;
  }
  if (errors)
    return http_reply_error (r, ERR_VALIDATION, errors);
  return wintake_start (r, s);
}

static json_t *
wbs_form_ctx (struct req *r, const struct unit *u, json_t *raw, json_t *errors)
{
  json_t *ctx = h_page_ctx ("Whistle-Blowing System", u);
  h_form_ctx (ctx, r->app->wbs, raw, errors, NULL, "Whistle-Blowing System");
  return ctx;
}

enum hres
h_wbs_page (struct req *r)
{
  struct unit u;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "wbs.html",
                          wbs_form_ctx (r, &u, NULL, NULL));
}

enum hres
h_wbs_page_post (struct req *r)
{
  struct wintake *s = calloc (1, sizeof *s);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &wintake_free;
  s->app = r->app;
  s->html = true;
  enum hres h = h_unit (r, &s->unit);
  if (H_CONTINUE != h)
    return h;
  json_t *errors = NULL, *raw = NULL;
  s->values = form_validate_pairs (r->app->wbs, r->form.pairs, r->form.n,
                                   NULL, NULL, &errors, &raw);
  if (NULL == errors)
    errors = json_object ();
  wcross_check (s->values, raw, errors, false);
  const char *up = h_uploads_problem (r);
  if (up)
    h_field_error (errors, "lampiran", "invalid_file", up);
  if (json_object_size (errors) > 0)
  {
    json_t *ctx = wbs_form_ctx (r, &s->unit, raw, errors);
    json_decref (raw);
    json_decref (errors);
    return http_reply_html (r, 400, "wbs.html", ctx);
  }
  json_decref (raw);
  json_decref (errors);
  return wintake_start (r, s);
}

/* ---- the reporter with the receipt ---- */

struct waccess {
  struct unit unit;
  char receipt[WBS_RECEIPT_TEXT];     /* as typed, normalised */
  char lookup[WBS_LOOKUP_LEN + 1];
  char secret[WBS_SECRET_LEN + 1];
  bool html;
  bool ok;
  struct wbs_rec w;
  unsigned char k[32];
  int action;              /* 0 view, 1 reply */
  char *text;
  unsigned char *ct;
  size_t ct_len;
  uint64_t tag;
  struct attachment_row files[HTTP_MAX_UPLOADS];
  size_t n_files;
  bool stored;
  struct app *app;
};

static void
waccess_free (void *p)
{
  struct waccess *a = p;
  for (size_t i = 0; ! a->stored && i < a->n_files; i++)
    attach_remove (a->app, a->files[i].file);
  store_wbs_rec_free (&a->w);
  free (a->text);
  free (a->ct);
  vault_wipe (a, sizeof *a);
  free (a);
}

static char wdummy_hash[VAULT_PWHASH_LEN];
static pthread_once_t wdummy_once = PTHREAD_ONCE_INIT;

static void
wdummy_init (void)
{
  char x[40];
  vault_random_hex (x, 8);
  vault_code_hash (x, wdummy_hash);
}

/* In the pool: find the report, check the secret (an unknown receipt costs
   the same), open the report key, prepare a reply. */
static void
waccess_check (struct req *r)
{
  struct waccess *a = r->state;
  pthread_once (&wdummy_once, &wdummy_init);
  bool found = STORE_OK == store_wbs_get (r->app->store, a->unit.id,
                                          a->lookup, &a->w);
  a->ok = vault_password_verify (found ? a->w.secret_hash : wdummy_hash,
                                 a->secret) && found
          && wbs_key_from_secret (&a->w, a->secret, a->k);
  vault_wipe (a->secret, sizeof a->secret);
  if (! a->ok || 1 != a->action)
    return;
  a->ok = wbs_encrypt_message (a->k, a->lookup, "reporter", NULL, false,
                               a->text, &a->ct, &a->ct_len);
  unsigned char pk[32];
  if (a->ok && r->n_uploads
      && STORE_OK == store_unit_key_get (r->app->store, a->unit.id, "wbs", pk,
                                         NULL))
    for (size_t i = 0; a->ok && i < r->n_uploads; i++)
    {
      struct upload *u = &r->uploads[i];
      a->ok = attach_store (r->app, pk, u->name, u->data.p, u->data.len,
                            attach_sniff (u->data.p, u->data.len),
                            wbs_day_start ((int64_t) time (NULL),
                                           a->unit.utc_offset_min),
                            &a->files[i]);
      if (a->ok)
        a->n_files++;
    }
}

static json_t *
reporter_json (struct req *r, struct waccess *a)
{
  struct wbs_item *m = NULL;
  size_t n = 0;
  char t[40];
  store_wbs_messages (r->app->store, a->w.id, false, &m, &n);
  json_t *msgs = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    char *text = wbs_decrypt_message (a->k, a->lookup, m[i].seal,
                                      m[i].from, m[i].actor, m[i].internal,
                                      m[i].ct, m[i].ct_len);
    bool team = 0 == strcmp (m[i].from, "team");
    h_fmt_when (m[i].at, ! team, a->unit.utc_offset_min, t, sizeof t);
    json_array_append_new (msgs, json_pack ("{s:s, s:s, s:s, s:b, s:b}",
                                            "at", t, "from",
                                            team ? "tim" : "pelapor",
                                            "text", text ? text : "",
                                            "from_team", team, "intact",
                                            NULL != text));
    free (text);
  }
  store_wbs_items_free (m, n);
  int s = wstatus_from_name (a->w.status);
  json_t *j = json_pack ("{s:s, s:s, s:s, s:o}", "status", a->w.status,
                         "status_label", s >= 0 ? wstatus_label (s)
                                                : a->w.status,
                         "received_date", a->w.received_date, "messages",
                         msgs);
  json_t *body = wbs_decrypt_json (a->k, "body", a->lookup, a->w.body_ct,
                                   a->w.body_len);
  form_add_choice_labels (r->app->wbs, body);
  json_object_set_new (j, "report", body ? body : json_null ());
  return j;
}

static enum hres
waccess_show (struct req *r, struct waccess *a, unsigned int status,
              const char *notice)
{
  json_t *v = reporter_json (r, a);
  if (! a->html)
    return http_reply_json (r, status, v);
  json_t *ctx = h_page_ctx ("Status laporan WBS", &a->unit);
  json_object_set_new (ctx, "w", v);
  /* The receipt travels with the next action (the page is never cached). */
  json_object_set_new (ctx, "receipt", json_string (a->receipt));
  if (notice)
    json_object_set_new (ctx, "notice", json_string (notice));
  return http_reply_html (r, status, "wbs-status.html", ctx);
}

static enum store_status
wreply_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct waccess *a = r->state;
  int64_t at = wbs_day_start ((int64_t) time (NULL), a->unit.utc_offset_min);
  enum store_status st = store_wbs_message (c, a->w.id, at, "reporter", NULL,
                                            a->ct, a->ct_len, false,
                                            WBS_MSG_SEAL);
  for (size_t i = 0; STORE_OK == st && i < a->n_files; i++)
    st = store_wbs_attachment_insert (c, a->w.id, &a->files[i], "reporter", at);
  a->stored = STORE_OK == st;
  return st;
}

static enum hres
wreply_written (struct req *r)
{
  struct waccess *a = r->state;
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  return waccess_show (r, a, a->html ? 200 : 201,
                       "Pesan Anda sudah terkirim kepada tim WBS.");
}

static enum hres
waccess_denied (struct req *r, struct waccess *a)
{
  throttle_fail (a->tag, (int64_t) time (NULL));
  if (! a->html)
    return http_reply_error (r, ERR_RECEIPT_DENIED, NULL);
  json_t *ctx = h_page_ctx ("Lacak laporan WBS", &a->unit);
  json_object_set_new (ctx, "error",
                       json_string ("Tanda terima tidak cocok."));
  return http_reply_html (r, 403, "wbs-track.html", ctx);
}

static enum hres
waccess_checked (struct req *r)
{
  struct waccess *a = r->state;
  if (! a->ok)
    return waccess_denied (r, a);
  throttle_reset (a->tag);
  if (0 == a->action)
    return waccess_show (r, a, 200, NULL);
  r->job.run = &wreply_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &wreply_written);
}

static enum hres
waccess_start (struct req *r, struct waccess *a, const char *receipt)
{
  char key[64];
  r->state = a;
  r->state_free = &waccess_free;
  a->app = r->app;
  enum hres h = h_unit (r, &a->unit);
  if (H_CONTINUE != h)
    return h;
  if (! wbs_receipt_parse (receipt, a->lookup, a->secret))
  {
    /* Not a receipt at all: the same answer as a wrong one. */
    snprintf (a->lookup, sizeof a->lookup, "--------");
    a->secret[0] = '\0';
  }
  else
    snprintf (a->receipt, sizeof a->receipt, "%.4s-%.4s-%.4s-%.4s-%.4s-%.4s",
              a->lookup, a->lookup + 4, a->secret, a->secret + 4,
              a->secret + 8, a->secret + 12);
  /* Throttled by the receipt's public part only: no address is used. */
  snprintf (key, sizeof key, "wbs/%s/%s", a->unit.slug, a->lookup);
  a->tag = vault_addr_tag (key, strlen (key));
  if (throttle_wait (a->tag, (int64_t) time (NULL)))
  {
    if (! a->html)
      return http_reply_error (r, ERR_TOO_MANY, NULL);
    json_t *ctx = h_page_ctx ("Lacak laporan WBS", &a->unit);
    json_object_set_new (ctx, "error", json_string (err_message (
                                                      ERR_TOO_MANY)));
    return http_reply_html (r, 429, "wbs-track.html", ctx);
  }
  return http_suspend_for_work (r, POOL_ACCESS, &waccess_check,
                                &waccess_checked);
}

enum hres
h_api_wbs_view (struct req *r)
{
  static const char *const allowed[] = { "receipt", NULL };
  json_t *errors;
  if (! h_json_body (r, allowed, "receipt", &errors))
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  struct waccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return waccess_start (r, a, json_string_value (json_object_get (r->json,
                                                                  "receipt")));
}

static bool
wtext_ok (const char *t)
{
  size_t n = t ? strlen (t) : 0;
  return n > 0 && n <= 4000 && utf8_valid_text (t, n);
}

enum hres
h_api_wbs_message (struct req *r)
{
  static const char *const allowed[] = { "receipt", "text", NULL };
  json_t *errors;
  bool ok = h_json_body (r, allowed, "receipt", &errors);
  const char *text = json_string_value (json_object_get (r->json, "text"));
  if (! wtext_ok (text))
  {
    h_field_error (errors, "text", "invalid_text",
            "Wajib diisi, paling banyak 4.000 karakter.");
    ok = false;
  }
  if (! ok)
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  struct waccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  a->action = 1;
  a->text = strdup (text);
  return waccess_start (r, a, json_string_value (json_object_get (r->json,
                                                                  "receipt")));
}

enum hres
h_wbs_track_page (struct req *r)
{
  struct unit u;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "wbs-track.html",
                          h_page_ctx ("Lacak laporan WBS", &u));
}

enum hres
h_wbs_track_post (struct req *r)
{
  const char *receipt = urlenc_get (&r->form, "receipt");
  const char *action = urlenc_get (&r->form, "action");
  const char *text = urlenc_get (&r->form, "text");
  struct waccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  a->html = true;
  if (action && 0 == strcmp (action, "reply"))
  {
    const char *up = h_uploads_problem (r);
    if (up || ! wtext_ok (text))
    {
      struct unit u;
      free (a);
      enum hres h = h_unit (r, &u);
      if (H_CONTINUE != h)
        return h;
      json_t *ctx = h_page_ctx ("Lacak laporan WBS", &u);
      json_object_set_new (ctx, "error", json_string (
                             up ? up : "Tulis pesan Anda (paling banyak 4.000"
                                       " karakter), lalu masukkan lagi tanda"
                                       " terima."));
      return http_reply_html (r, 400, "wbs-track.html", ctx);
    }
    a->action = 1;
    a->text = strdup (text);
  }
  return waccess_start (r, a, receipt);
}

/* ---- published figures ---- */

/* Counts per status for a period under the small-count suppression of
   REPORTS.md §2.7 (the same function as the WBS monev document): 1-4 print
   "< 5", a cell that the total would give away is hidden too ("*"), and a
   total of 1-4 withholds the breakdown, so a reporter in a small office
   cannot be singled out by subtraction. */
static json_t *
wbs_stats (struct req *r, const struct unit *u, const struct period *p,
           enum store_status *st)
{
  struct wbs_count *c = NULL;
  size_t n = 0;
  char shown[16];
  int64_t k[WS__COUNT], total = 0;
  enum supp cell[WS__COUNT];
  struct supp_result res;
  *st = store_wbs_counts (r->app->store, u->id, p->from, p->to, &c, &n);
  if (STORE_OK != *st)
    return NULL;
  for (int s = 0; s < WS__COUNT; s++)
  {
    k[s] = 0;
    for (size_t i = 0; i < n; i++)
      if (0 == strcmp (c[i].status, wstatus_name (s)))
        k[s] = c[i].n;
    total += k[s];
  }
  free (c);
  supp_apply (k, WS__COUNT, cell, &res);
  json_t *rows = json_array ();
  for (int s = 0; s < WS__COUNT && ! res.withheld; s++)
    json_array_append_new (rows, json_pack ("{s:s, s:s, s:s}", "status",
                                            wstatus_name (s), "label",
                                            wstatus_label (s), "count",
                                            supp_text (cell[s], k[s], shown,
                                                       sizeof shown)));
  const char *note = res.nihil ? "Nihil: tidak ada laporan pada periode ini."
                     : res.withheld ? "Rincian tidak ditampilkan karena jumlah"
                                      " laporan kurang dari 5."
                     : NULL;
  return json_pack ("{s:s, s:s, s:s, s:s, s:o, s:b, s:b, s:s?}", "period",
                    p->key, "from", p->from, "to", p->to, "total",
                    supp_text (res.total, total, shown, sizeof shown),
                    "by_status", rows, "withheld", res.withheld,
                    "suppressed", res.any, "note", note);
}

enum hres
h_api_wbs_stats (struct req *r)
{
  struct unit u;
  struct period p;
  enum store_status st;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  if (! period_parse (http_query (r, "period"), &p))
    return http_reply_error (r, ERR_INVALID_PERIOD, NULL);
  json_t *j = wbs_stats (r, &u, &p, &st);
  if (NULL == j)
    return h_store_error (r, st);
  return http_reply_json (r, 200, j);
}

enum hres
h_wbs_stats_page (struct req *r)
{
  struct unit u;
  struct period p;
  enum store_status st;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  if (! period_parse (http_query (r, "period"), &p))
  {
    char today[11];
    ikm_local_date ((int64_t) time (NULL), u.utc_offset_min, today);
    today[4] = '\0';
    period_parse (today, &p);
  }
  json_t *j = wbs_stats (r, &u, &p, &st);
  if (NULL == j)
    return h_store_error (r, st);
  json_t *ctx = h_page_ctx ("Statistik WBS", &u);
  json_object_set_new (ctx, "s", j);
  return http_reply_html (r, 200, "wbs-stats.html", ctx);
}
