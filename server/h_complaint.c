/*
 * Public complaints: the form and POST /api/v1/u/{unit}/complaints (also
 * used by officers entering complaints from other channels), the
 * reporter's status page and POST .../{tracking}/view, the reporter's
 * reply and verdict, and the public follow-up page.
 *
 * Intake: validate against forms/pengaduan.json; seal the identity to the
 * unit's identity key (the server cannot read it back); hash a fresh
 * access code with Argon2id in the pool; then one write job takes the next
 * tracking number and stores everything.  The code is shown once.
 */
#include "attach.h"
#include "codegen.h"
#include "audit.h"
#include "complaint.h"
#include "handlers.h"
#include "rstore.h"
#include "ikm.h"
#include "log.h"
#include "throttle.h"
#include "utf8.h"
#include "vault.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const channels[] = {
  "WEBSITE", "SP4N_LAPOR", "WHATSAPP", "EMAIL", "MEDSOS", "KOTAK",
  "LANGSUNG", "TELEPON", NULL
};

struct intake {
  struct app *app;
  struct unit unit;
  bool html;
  json_t *values;
  struct complaint_new n;
  unsigned char *ct;
  size_t ct_len;
  unsigned char key[STORE_RECORD_KEY];
  char code[COMPLAINT_CODE_LEN];
  char hash[VAULT_PWHASH_LEN];
  bool hashed;
  char channel[16];
  char lapor_id[48];
  char entered_by[48];
  int32_t received_day;          /* an officer's earlier receipt date; 0 */
  int64_t category_id;
  char category_name[160];
  struct attachment_row *files;  /* HTTP_MAX_UPLOADS, only with uploads */
  size_t n_files;
  bool files_ok;
};

static void
intake_free (void *p)
{
  struct intake *s = p;
  /* Files written for a complaint that was not stored go again. */
  for (size_t i = 0; ! s->n.id && i < s->n_files; i++)
    if (s->files[i].file[0])
      attach_remove (s->app, s->files[i].file);
  free (s->files);
  json_decref (s->values);
  free (s->ct);
  vault_wipe (s->code, sizeof s->code);
  free (s);
}

struct cat_ctx {
  struct app *app;
  const struct unit *unit;
  struct coded cat;
};

static bool
category_ok (void *cls, const char *source, const char *value)
{
  struct cat_ctx *c = cls;
  return 0 == strcmp (source, "categories")
         && STORE_OK == store_category_by_code (c->app->store, c->unit->id,
                                                value, &c->cat);
}

/* Rules across fields that the form definition cannot say: identity by
   privacy choice, the incident date not in the future. */
static void
cross_check (const struct unit *u, json_t *values, json_t *errors,
             bool grouped)
{
  const char *privacy = json_string_value (json_object_get (values,
                                                            "privacy"));
  static const char *const idf[] = { "name", "nik", "phone", "email",
                                     "address" };
  char path[40];
#define P(n) (snprintf (path, sizeof path, "%s%s", grouped ? "reporter." : "", n), path)
  if (privacy && 0 == strcmp (privacy, "anonim"))
  {
    for (size_t i = 0; i < 5; i++)
      if (json_object_get (values, idf[i]))
        h_field_error (errors, P (idf[i]), "not_anonymous",
                     "Pengaduan anonim tidak memuat identitas. Kosongkan"
                     " isian ini atau pilih biasa/rahasia.");
  }
  else if (privacy)
  {
    if (! json_object_get (values, "name"))
      h_field_error (errors, P ("name"), "required",
                   "Wajib diisi untuk pengaduan biasa atau rahasia.");
    if (! json_object_get (values, "phone")
        && ! json_object_get (values, "email"))
      h_field_error (errors, P ("phone"), "required",
                   "Isi nomor telepon atau email agar petugas dapat"
                   " menghubungi Anda.");
  }
#undef P
  const char *d = json_string_value (json_object_get (values,
                                                      "incident_date"));
  int32_t day;
  if (d && cal_parse (d, &day) && day > complaint_today (u))
    h_field_error (errors, "incident_date", "in_future",
                 "Tanggal kejadian tidak boleh di masa depan.");
}

/* When some field failed its own check there are no clean values yet, but
   the cross-field rules should still be told in the same round trip: run
   them on what the reporter actually typed (non-blank strings, with the
   JSON "reporter" group flattened).  An unknown privacy choice is left to
   its own field error. */
static json_t *
present_values (const json_t *raw)
{
  json_t *out = json_object ();
  const char *k;
  json_t *v;
  json_object_foreach ((json_t *) raw, k, v)
  {
    if (json_is_object (v) && 0 == strcmp (k, "reporter"))
    {
      const char *k2;
      json_t *v2;
      json_object_foreach (v, k2, v2)
      if (json_is_string (v2) && strspn (json_string_value (v2), " \t\r\n")
          < json_string_length (v2))
        json_object_set (out, k2, v2);
    }
    else if (json_is_string (v) && strspn (json_string_value (v), " \t\r\n")
             < json_string_length (v))
      json_object_set (out, k, v);
  }
  const char *p = json_string_value (json_object_get (out, "privacy"));
  if (p && strcmp (p, "anonim") && strcmp (p, "biasa") && strcmp (p,
                                                                 "rahasia"))
    json_object_del (out, "privacy");
  return out;
}

static void
cross_check_any (const struct unit *u, json_t *values, const json_t *raw,
                 json_t *errors, bool grouped)
{
  if (values)
  {
    cross_check (u, values, errors, grouped);
    return;
  }
  if (NULL == raw)
    return;
  json_t *pv = present_values (raw);
  cross_check (u, pv, errors, grouped);
  json_decref (pv);
}

/* ---- the write ---- */

static enum store_status
intake_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct intake *s = r->state;
  enum store_status st = store_complaint_insert (c, &s->n);
  for (size_t i = 0; STORE_OK == st && i < s->n_files; i++)
  {
    s->files[i].at = s->n.received_at;
    snprintf (s->files[i].sender, sizeof s->files[i].sender, "reporter");
    st = store_attachment_insert (c, s->n.id, &s->files[i]);
  }
  if (STORE_OK != st)
    s->n.id = 0;      /* rolled back: intake_free removes the files */
  if (STORE_OK != st || ! s->n.entered_by)
    return st;
  char detail[64];
  snprintf (detail, sizeof detail, "%s%s%s", s->n.channel,
            s->received_day ? " diterima " : "",
            s->received_day ? s->n.received_date : "");
  return audit_append (c, s->unit.id, s->n.entered_by, "complaint_enter",
                       s->n.tracking, detail);
}

static enum hres
intake_stored (struct req *r)
{
  struct intake *s = r->state;
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  if (! s->html)
    return http_reply_json (r, 201, json_pack ("{s:s, s:s}",
                                               "tracking_number",
                                               s->n.tracking, "access_code",
                                               s->code));
  json_t *ctx = h_page_ctx ("Pengaduan diterima", &s->unit);
  json_object_set_new (ctx, "tracking", json_string (s->n.tracking));
  json_object_set_new (ctx, "code", json_string (s->code));
  json_object_set_new (ctx, "category", json_string (s->category_name));
  return http_reply_html (r, 201, "complaint-receipt.html", ctx);
}

/* The access code's hash (cheap: the code's 60 bits do the work, see
   vault_code_hash), then the write. */
static enum hres
intake_commit (struct req *r)
{
  struct intake *s = r->state;
  if (codegen_take (s->code, s->hash))
    s->hashed = true;
  else
  {
    char norm[13];
    static unsigned long inline_hashes;
    if (0 == (__atomic_add_fetch (&inline_hashes, 1, __ATOMIC_RELAXED) % 1000))
      LOG_D ("%lu access codes hashed inline (none ready)", inline_hashes);
    complaint_code_new (s->code);
    complaint_code_normalise (s->code, norm);
    s->hashed = vault_code_hash (norm, s->hash);
    vault_wipe (norm, sizeof norm);
  }
  if (! s->hashed)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  s->n.access_hash = s->hash;
  r->job.run = &intake_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &intake_stored);
}

/* Encrypt and durably write the request's uploads for UNIT_ID into FILES
   (*N of them); false (the written ones stay listed in FILES for removal)
   on the first failure.  Runs in the pool. */
static bool
uploads_store (struct req *r, int64_t unit_id, struct attachment_row *files,
               size_t *n)
{
  unsigned char pk[32];
  bool ok = complaint_identity_pk (r->app, unit_id, pk);
  for (size_t i = 0; ok && i < r->n_uploads; i++)
  {
    struct upload *u = &r->uploads[i];
    ok = attach_store (r->app, pk, u->name, u->data.p, u->data.len,
                       attach_sniff (u->data.p, u->data.len), 0, &files[i]);
    if (ok)
      (*n)++;
  }
  return ok;
}

static void
intake_files (struct req *r)
{
  struct intake *s = r->state;
  s->files_ok = uploads_store (r, s->unit.id, s->files, &s->n_files);
}

static enum hres
intake_files_done (struct req *r)
{
  struct intake *s = r->state;
  if (! s->files_ok)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return intake_commit (r);
}

/* Everything after validation: seal, deadline, code, then the write. */
static enum hres
intake_start (struct req *r, struct intake *s)
{
  const char *v;
  struct complaint_new *n = &s->n;
  int32_t today = complaint_today (&s->unit);

  vault_sortable_id (n->public_id);
  if (! complaint_seal_identity (r->app, s->unit.id, r->app->complaint,
                                 s->values, n->public_id, &s->ct, &s->ct_len,
                                 s->key))
  {
    LOG_E ("unit %s: cannot seal a complaint identity (no identity key?)",
           s->unit.slug);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  n->unit_id = s->unit.id;
  n->prefix = "ADU";
  n->received_at = (int64_t) time (NULL);
  n->entered_at = n->received_at;
  if (s->received_day)
  {
    /* Received days before it was typed in: the same time of day on the
       receipt date; deadlines and periods count from it. */
    n->received_at -= (int64_t) (today - s->received_day) * 86400;
    today = s->received_day;
  }
  ikm_local_date (n->received_at, s->unit.utc_offset_min, n->received_date);
  n->year = atoi (n->received_date);
  n->category_id = s->category_id;
  v = json_string_value (json_object_get (s->values, "class"));
  n->class_ = v ? v : "PENGADUAN";
  n->channel = s->channel[0] ? s->channel : "WEBSITE";
  n->lapor_id = s->lapor_id[0] ? s->lapor_id : NULL;
  n->privacy = json_string_value (json_object_get (s->values, "privacy"));
  n->description = json_string_value (json_object_get (s->values,
                                                       "description"));
  n->location = json_string_value (json_object_get (s->values, "location"));
  n->incident_date = json_string_value (json_object_get (s->values,
                                                         "incident_date"));
  n->requested = json_string_value (json_object_get (
                                      s->values, "requested_resolution"));
  n->identity_ct = s->ct;
  n->identity_ct_len = s->ct_len;
  n->identity_key = s->ct ? s->key : NULL;
  n->entered_by = s->entered_by[0] ? s->entered_by : NULL;
  struct cstage stage;
  cstage_init (&stage, today);
  complaint_due (r->app, s->unit.id, &stage, today, n->due_date);
  if (r->n_uploads > 0)
  {
    s->files = calloc (HTTP_MAX_UPLOADS, sizeof *s->files);
    if (NULL == s->files)
      return http_reply_error (r, ERR_INTERNAL, NULL);
    return http_suspend_for_work (r, POOL_INTAKE, &intake_files,
                                  &intake_files_done);
  }
  return intake_commit (r);
}

static bool
lapor_id_ok (const char *s)
{
  size_t n = strlen (s);
  if (n < 1 || n > 40)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')
           || (*s >= '0' && *s <= '9') || *s == '-' || *s == '/'))
      return false;
  return true;
}

/* How far back an officer may date a complaint's receipt (a letter from
   the box opened on Friday): unit setting received_max_days, default 30. */
#define RECEIVED_MAX_DAYS 30

/* An officer's "received_date" (YYYY-MM-DD, may be empty): not in the
   future, at most received_max_days back, and not in a period whose
   complaint documents are already final (their figures must not move).
   Sets S->received_day or adds a field error. */
static void
received_date_check (struct req *r, struct intake *s, const char *v,
                     json_t *errors)
{
  int32_t day, today = complaint_today (&s->unit);
  if (NULL == v || ! *v)
    return;
  if (strlen (v) != 10 || ! cal_parse (v, &day))
  {
    h_field_error (errors, "received_date", "invalid",
                   "Tanggal diterima ditulis YYYY-MM-DD.");
    return;
  }
  int max = complaint_setting_int (r->app, s->unit.id, "received_max_days",
                                   RECEIVED_MAX_DAYS);
  if (day > today)
  {
    h_field_error (errors, "received_date", "in_future",
                   "Tanggal diterima tidak boleh di masa depan.");
    return;
  }
  if (today - day > max)
  {
    char msg[120];
    snprintf (msg, sizeof msg, "Tanggal diterima paling lama %d hari yang"
              " lalu.", max);
    h_field_error (errors, "received_date", "too_old", msg);
    return;
  }
  struct rs_artifact *a = NULL;
  size_t n = 0;
  if (STORE_OK == rs_artifacts (r->app->store, s->unit.id, NULL, &a, &n))
    for (size_t i = 0; i < n; i++)
    {
      struct period p;
      int32_t from, to;
      if (0 != strncmp (a[i].doc, "pengaduan-", 10)
          || ! period_parse (a[i].period, &p))
        continue;
      cal_parse (p.from, &from);
      cal_parse (p.to, &to);
      if (day >= from && day <= to)
      {
        h_field_error (errors, "received_date", "closed_period",
                       "Periode tanggal ini sudah ditutup: laporannya telah"
                       " difinalkan.");
        rs_artifacts_free (a, n);
        return;
      }
    }
  rs_artifacts_free (a, n);
  if (day != today)
    s->received_day = day;
}

/* Officer-only intake fields: "channel" and "lapor_id".  Returns false
   (answered) when they are present without a complaint officer's session
   and CSRF token. */
static bool
staff_fields (struct req *r, struct intake *s, json_t *body, json_t *errors,
              enum hres *answered)
{
  json_t *ch = json_object_get (body, "channel");
  json_t *li = json_object_get (body, "lapor_id");
  json_t *rd = json_object_get (body, "received_date");
  if (! ch && ! li && ! rd)
    return true;
  const struct session *se = r->session;
  const char *tok = http_header (r, "X-CSRF-Token");
  if (NULL == se || 0 != strcmp (se->unit_slug, s->unit.slug)
      || ! (se->roles & (ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN))
      || NULL == tok || strlen (tok) != SESSION_TOKEN_HEX - 1
      || ! vault_equal (tok, se->csrf, SESSION_TOKEN_HEX - 1))
  {
    *answered = http_reply_error (r, ERR_FORBIDDEN,
                                  json_pack ("{s:{s:s, s:s}}",
                                             ch ? "channel" : li ? "lapor_id"
                                             : "received_date",
                                             "code", "staff_only", "message",
                                             "Hanya petugas pengaduan yang"
                                             " masuk dapat mengisi ini."));
    return false;
  }
  snprintf (s->entered_by, sizeof s->entered_by, "%s", se->username);
  const char *c = json_string_value (ch);
  bool known = false;
  for (size_t i = 0; c && channels[i]; i++)
    known = known || 0 == strcmp (c, channels[i]);
  if (! known)
    h_field_error (errors, "channel", "invalid_choice",
                 "Kanal: WEBSITE, SP4N_LAPOR, WHATSAPP, EMAIL, MEDSOS, KOTAK,"
                 " LANGSUNG atau TELEPON.");
  else
    snprintf (s->channel, sizeof s->channel, "%s", c);
  if (li)
  {
    const char *l = json_string_value (li);
    if (! l || ! lapor_id_ok (l))
      h_field_error (errors, "lapor_id", "invalid",
                   "Nomor LAPOR! berisi huruf, angka, - atau /.");
    else
      snprintf (s->lapor_id, sizeof s->lapor_id, "%s", l);
  }
  else if (known && 0 == strcmp (c, "SP4N_LAPOR"))
    h_field_error (errors, "lapor_id", "required",
                 "Isi nomor pelacakan SP4N-LAPOR!.");
  if (rd && ! json_is_string (rd))
    h_field_error (errors, "received_date", "invalid",
                   "Tanggal diterima ditulis YYYY-MM-DD.");
  else if (rd)
    received_date_check (r, s, json_string_value (rd), errors);
  json_object_del (body, "channel");
  json_object_del (body, "lapor_id");
  json_object_del (body, "received_date");
  return true;
}

enum hres
h_api_complaint_post (struct req *r)
{
  struct intake *s = calloc (1, sizeof *s);
  json_t *errors = json_object ();
  enum hres answered;
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &intake_free;
  s->app = r->app;
  enum hres h = h_unit (r, &s->unit);
  if (H_CONTINUE != h)
  {
    json_decref (errors);
    return h;
  }
  if (json_is_object (r->json)
      && ! staff_fields (r, s, r->json, errors, &answered))
  {
    json_decref (errors);
    return answered;
  }
  struct cat_ctx cc = { .app = r->app, .unit = &s->unit };
  json_t *ferr = NULL;
  s->values = form_validate_json (r->app->complaint, r->json, &category_ok,
                                  &cc, &ferr);
  if (ferr)
  {
    json_object_update (errors, ferr);
    json_decref (ferr);
  }
  cross_check_any (&s->unit, s->values, r->json, errors, true);
  if (json_object_size (errors) > 0)
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  s->category_id = cc.cat.id;
  snprintf (s->category_name, sizeof s->category_name, "%s", cc.cat.name);
  return intake_start (r, s);
}

/* ---- the form page ---- */

static json_t *
complaint_form_ctx (struct req *r, const struct unit *u, json_t *raw,
                    json_t *errors)
{
  json_t *ctx = h_page_ctx ("Pengaduan Masyarakat", u);
  json_t *cats = json_array ();
  struct coded *c = NULL;
  size_t n = 0;
  store_category_list (r->app->store, u->id, &c, &n);
  for (size_t i = 0; i < n; i++)
    json_array_append_new (cats, json_pack ("{s:s, s:s}", "value", c[i].code,
                                            "label", c[i].name));
  free (c);
  json_t *sources = json_pack ("{s:o}", "categories", cats);
  h_form_ctx (ctx, r->app->complaint, raw, errors, sources,
              "Pengaduan Masyarakat");
  json_decref (sources);
  return ctx;
}

enum hres
h_complaint_page (struct req *r)
{
  struct unit u;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "complaint.html",
                          complaint_form_ctx (r, &u, NULL, NULL));
}

enum hres
h_complaint_page_post (struct req *r)
{
  struct intake *s = calloc (1, sizeof *s);
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &intake_free;
  s->app = r->app;
  s->html = true;
  enum hres h = h_unit (r, &s->unit);
  if (H_CONTINUE != h)
    return h;
  struct cat_ctx cc = { .app = r->app, .unit = &s->unit };
  json_t *errors = NULL, *raw = NULL;
  s->values = form_validate_pairs (r->app->complaint, r->form.pairs,
                                   r->form.n, &category_ok, &cc, &errors,
                                   &raw);
  if (s->values)
    errors = json_object ();
  if (errors)
    cross_check_any (&s->unit, s->values, raw, errors, false);
  const char *up = h_uploads_problem (r);
  if (up)
  {
    if (NULL == errors)
      errors = json_object ();
    h_field_error (errors, "lampiran", "invalid_file", up);
  }
  if (errors && 0 == json_object_size (errors))
  {
    json_decref (errors);
    errors = NULL;
  }
  if (errors)
  {
    json_t *ctx = complaint_form_ctx (r, &s->unit, raw, errors);
    json_decref (raw);
    json_decref (errors);
    return http_reply_html (r, 400, "complaint.html", ctx);
  }
  json_decref (raw);
  s->category_id = cc.cat.id;
  snprintf (s->category_name, sizeof s->category_name, "%s", cc.cat.name);
  return intake_start (r, s);
}

/* ---- officers entering a complaint from another channel ---- */

static json_t *
entry_ctx (struct req *r, const struct unit *u, json_t *raw, json_t *errors,
           const char *channel, const char *lapor_id)
{
  json_t *ctx = complaint_form_ctx (r, u, raw, errors);
  json_t *staff = h_staff_ctx (r, "Catat pengaduan");
  json_object_update_missing (ctx, staff);
  json_object_set (ctx, "page_title", json_object_get (staff, "page_title"));
  json_decref (staff);
  json_t *chs = json_array ();
  for (size_t i = 1; channels[i]; i++)   /* WEBSITE is the public form */
    json_array_append_new (chs, json_pack ("{s:s, s:b}", "value",
                                           channels[i], "selected",
                                           channel && 0 == strcmp (
                                             channel, channels[i])));
  json_object_set_new (ctx, "channels", chs);
  json_object_set_new (ctx, "lapor_value", json_string (lapor_id ? lapor_id
                                                        : ""));
  return ctx;
}

enum hres
h_staff_complaint_new (struct req *r)
{
  struct unit u;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return http_reply_html (r, 200, "staff-complaint-new.html",
                          entry_ctx (r, &u, NULL, NULL, NULL, NULL));
}

enum hres
h_staff_complaint_new_post (struct req *r)
{
  struct intake *s = calloc (1, sizeof *s);
  struct form_pair pairs[64];
  size_t n = 0;
  if (NULL == s)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = s;
  r->state_free = &intake_free;
  s->app = r->app;
  s->html = true;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &s->unit))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  const char *channel = urlenc_get (&r->form, "channel");
  const char *lapor = urlenc_get (&r->form, "lapor_id");
  const char *received = urlenc_get (&r->form, "received_date");
  /* The officer's own fields are not the citizen form's. */
  for (size_t i = 0; i < r->form.n && n < 64; i++)
    if (strcmp (r->form.pairs[i].key, "csrf")
        && strcmp (r->form.pairs[i].key, "channel")
        && strcmp (r->form.pairs[i].key, "lapor_id")
        && strcmp (r->form.pairs[i].key, "received_date"))
      pairs[n++] = r->form.pairs[i];
  struct cat_ctx cc = { .app = r->app, .unit = &s->unit };
  json_t *errors = NULL, *raw = NULL;
  s->values = form_validate_pairs (r->app->complaint, pairs, n, &category_ok,
                                   &cc, &errors, &raw);
  if (NULL == errors)
    errors = json_object ();
  if (errors)
    cross_check_any (&s->unit, s->values, raw, errors, false);
  bool known = false;
  for (size_t i = 1; channel && channels[i]; i++)
    known = known || 0 == strcmp (channel, channels[i]);
  if (! known)
    h_field_error (errors, "channel", "invalid_choice", "Pilih kanal.");
  else
    snprintf (s->channel, sizeof s->channel, "%s", channel);
  if (lapor && *lapor)
  {
    if (! lapor_id_ok (lapor))
      h_field_error (errors, "lapor_id", "invalid",
                   "Nomor LAPOR! berisi huruf, angka, - atau /.");
    else
      snprintf (s->lapor_id, sizeof s->lapor_id, "%s", lapor);
  }
  else if (known && 0 == strcmp (channel, "SP4N_LAPOR"))
    h_field_error (errors, "lapor_id", "required",
                 "Isi nomor pelacakan SP4N-LAPOR!.");
  received_date_check (r, s, received, errors);
  const char *up = h_uploads_problem (r);
  if (up)
    h_field_error (errors, "lampiran", "invalid_file", up);
  if (json_object_size (errors) > 0)
  {
    json_t *ctx = entry_ctx (r, &s->unit, raw, errors, channel, lapor);
    json_object_set_new (ctx, "received_value", json_string (received
                                                             ? received
                                                             : ""));
    json_decref (raw);
    json_decref (errors);
    return http_reply_html (r, 400, "staff-complaint-new.html", ctx);
  }
  json_decref (raw);
  json_decref (errors);
  snprintf (s->entered_by, sizeof s->entered_by, "%s", r->session->username);
  s->category_id = cc.cat.id;
  snprintf (s->category_name, sizeof s->category_name, "%s", cc.cat.name);
  return intake_start (r, s);
}

/* ---- the reporter: status, reply, verdict ---- */

struct raccess {
  struct unit unit;
  char tracking[32];
  char norm[13];
  bool html;
  bool ok;
  struct complaint_rec c;
  int action;              /* 0 view, 1 reply, 2 solved, 3 not solved */
  char *text;
  uint64_t tag, addr_tag;
  enum store_status wst;
  bool refused;            /* the action does not apply now */
  struct app *app;
  struct attachment_row files[HTTP_MAX_UPLOADS];
  size_t n_files;
  bool files_ok;
  bool stored;             /* the reply (and its files) committed */
};

static void
access_free (void *p)
{
  struct raccess *a = p;
  for (size_t i = 0; ! a->stored && i < a->n_files; i++)
    attach_remove (a->app, a->files[i].file);
  store_complaint_rec_free (&a->c);
  free (a->text);
  vault_wipe (a->norm, sizeof a->norm);
  free (a);
}

static char dummy_hash[VAULT_PWHASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init (void)
{
  char x[40];
  vault_random_hex (x, 16);
  vault_code_hash (x, dummy_hash);
}

/* Find the complaint and check the code; an unknown number costs the same
   Argon2id run as a wrong code. */
static void
access_check (struct req *r)
{
  struct raccess *a = r->state;
  pthread_once (&dummy_once, &dummy_init);
  bool found = STORE_OK == store_complaint_get (r->app->store, a->unit.id,
                                                a->tracking, &a->c);
  a->ok = vault_password_verify (found ? a->c.access_hash : dummy_hash,
                                 a->norm) && found;
}

static json_t *
reporter_view (struct req *r, struct raccess *a)
{
  struct complaint_event *ev = NULL;
  struct complaint_message *m = NULL;
  size_t ne = 0, nm = 0;
  char t[40];
  store_complaint_events (r->app->store, a->c.id, &ev, &ne);
  store_complaint_messages (r->app->store, a->c.id, false, &m, &nm);
  json_t *events = json_array (), *msgs = json_array ();
  for (size_t i = 0; i < ne; i++)
  {
    int s = cstatus_from_name (ev[i].to);
    h_fmt_time (ev[i].at, a->unit.utc_offset_min, t, sizeof t);
    json_array_append_new (events, json_pack (
                             "{s:s, s:s, s:s, s:s}", "at", t, "status",
                             ev[i].to, "label",
                             s >= 0 ? cstatus_label (s) : ev[i].to, "note",
                             ev[i].note));
  }
  for (size_t i = 0; i < nm; i++)
  {
    h_fmt_time (m[i].at, a->unit.utc_offset_min, t, sizeof t);
    json_array_append_new (msgs, json_pack (
                             "{s:s, s:s, s:s, s:b}", "at", t, "from",
                             0 == strcmp (m[i].sender, "officer")
                             ? "petugas" : "pelapor", "text", m[i].body,
                             "from_officer",
                             0 == strcmp (m[i].sender, "officer")));
  }
  free (ev);
  free (m);
  int s = cstatus_from_name (a->c.status);
  return json_pack ("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:b}",
                    "tracking_number", a->c.tracking, "status", a->c.status,
                    "status_label", s >= 0 ? cstatus_label (s) : a->c.status,
                    "category", a->c.category_name, "received_date",
                    a->c.received_date, "events", events, "messages", msgs,
                    "can_confirm", 0 == strcmp (a->c.status,
                                                "DITINDAKLANJUTI")
                                   && a->c.followed_up_at > 0,
                    "can_reopen", 0 == strcmp (a->c.status, "SELESAI"));
}

static enum hres
access_denied (struct req *r, struct raccess *a)
{
  int64_t now = (int64_t) time (NULL);
  throttle_fail (a->tag, now);
  throttle_fail (a->addr_tag, now);
  if (! a->html)
    return http_reply_error (r, ERR_ACCESS_DENIED, NULL);
  json_t *ctx = h_page_ctx ("Lacak pengaduan", &a->unit);
  json_object_set_new (ctx, "error", json_string (err_message (
                                                    ERR_ACCESS_DENIED)));
  json_object_set_new (ctx, "tracking_value", json_string (a->tracking));
  return http_reply_html (r, 403, "complaint-track.html", ctx);
}

static enum hres
access_show (struct req *r, struct raccess *a, unsigned int status,
             const char *notice)
{
  json_t *v = reporter_view (r, a);
  if (! a->html)
    return http_reply_json (r, status, v);
  json_t *ctx = h_page_ctx ("Status pengaduan", &a->unit);
  json_object_set_new (ctx, "c", v);
  /* The code travels with the reporter's next action (this page is never
     cached). */
  char code[COMPLAINT_CODE_LEN];
  snprintf (code, sizeof code, "%.4s-%.4s-%.4s", a->norm, a->norm + 4,
            a->norm + 8);
  json_object_set_new (ctx, "code", json_string (code));
  vault_wipe (code, sizeof code);
  if (notice)
    json_object_set_new (ctx, "notice", json_string (notice));
  return http_reply_html (r, status, "complaint-status.html", ctx);
}

/* In the writer: the reporter's reply or verdict, with the status change
   it causes.  Re-reads the complaint so the change applies to its state
   at commit time. */
static enum store_status
reporter_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct raccess *a = r->state;
  struct complaint_rec now;
  int64_t at = (int64_t) time (NULL);
  enum store_status st = store_conn_complaint_get (c, a->unit.id, a->tracking,
                                                   &now);
  if (STORE_OK != st)
    return st;
  int from = cstatus_from_name (now.status);
  int to = -1;
  const char *note = "";
  a->refused = false;
  switch (a->action)
  {
  case 1:
    st = store_complaint_message (c, now.id, at, "reporter", NULL, a->text,
                                  false, false);
    for (size_t i = 0; STORE_OK == st && i < a->n_files; i++)
    {
      a->files[i].at = at;
      snprintf (a->files[i].sender, sizeof a->files[i].sender, "reporter");
      st = store_attachment_insert (c, now.id, &a->files[i]);
    }
    if (from == CS_SELESAI)
    {
      to = CS_DITINDAKLANJUTI;
      note = "Dibuka kembali oleh balasan pelapor.";
    }
    else if (from == CS_DITINDAKLANJUTI)
    {
      /* A reply restarts the working days before it may close. */
      to = CS_DITINDAKLANJUTI;
      note = "Balasan pelapor.";
    }
    else if (from == CS_PERLU_DILENGKAPI)
    {
      to = CS_DITERIMA;
      note = "Dilengkapi oleh pelapor.";
    }
    break;
  case 2:
  case 3:
    /* "Solved" answers an officer's follow-up: only once there is one
       (as the status page offers it). */
    if (! ((a->action == 2 && from == CS_DITINDAKLANJUTI
            && now.followed_up_at > 0)
           || (a->action == 3 && (from == CS_DITINDAKLANJUTI
                                  || from == CS_SELESAI))))
    {
      a->refused = true;
      store_complaint_rec_free (&now);
      return STORE_NO_ROW;
    }
    st = store_complaint_verdict (c, now.id, a->action == 2 ? "solved"
                                  : "not_solved", at);
    if (a->action == 2)
    {
      to = CS_SELESAI;
      note = "Pelapor menyatakan masalah sudah selesai.";
    }
    else
    {
      to = CS_DITINDAKLANJUTI;
      note = "Pelapor menyatakan masalah belum selesai.";
    }
    break;
  }
  if (STORE_OK == st && to >= 0 && cstatus_allowed (from, to, CA_REPORTER))
  {
    char due[11];
    int32_t today = complaint_today (&a->unit), received = today;
    cal_parse (now.received_date, &received);
    /* Every move a reporter can make is decided by the move itself
       (completion restarts the clock today; the others leave stage 1). */
    struct cstage stage;
    cstage_init (&stage, received);
    cstage_step (&stage, from, to, today);
    complaint_due (r->app, a->unit.id, &stage, today, due);
    struct complaint_event_new e = {
      .kind = (a->action == 2 || a->action == 3) ? "VERDICT" : "REPLY",
      .from = now.status, .to = cstatus_name (to), .at = at,
      .actor = "pelapor", .note = note,
      .value = a->action == 2 ? "solved" : a->action == 3 ? "not_solved"
               : NULL };
    st = store_complaint_set_status (c, now.id, due, &e);
    if (STORE_OK == st && to != from)
    {
      char detail[80];
      snprintf (detail, sizeof detail, "%s -> %s", now.status,
                cstatus_name (to));
      st = audit_append (c, a->unit.id, "pelapor", "complaint_status",
                         now.tracking, detail);
    }
  }
  store_complaint_rec_free (&now);
  a->stored = STORE_OK == st;
  return st;
}

static enum hres
reporter_written (struct req *r)
{
  struct raccess *a = r->state;
  if (a->refused)
  {
    if (! a->html)
      return http_reply_error (r, ERR_TRANSITION, json_pack (
                                 "{s:{s:s, s:s}}", "status", "code",
                                 "not_now", "message",
                                 "Tindakan ini tidak berlaku untuk status"
                                 " pengaduan saat ini."));
  }
  else if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  /* Show the complaint as it is now. */
  store_complaint_rec_free (&a->c);
  if (STORE_OK != store_complaint_get (r->app->store, a->unit.id, a->tracking,
                                       &a->c))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return access_show (r, a, a->refused ? 409 : (a->html ? 200 : 201),
                      a->refused ? "Tindakan ini tidak berlaku untuk status"
                                   " pengaduan saat ini."
                      : a->action == 1 ? "Balasan Anda sudah terkirim."
                      : "Terima kasih, tanggapan Anda sudah dicatat.");
}

static enum hres
reporter_commit (struct req *r)
{
  r->job.run = &reporter_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &reporter_written);
}

/* In the pool: the reporter's new evidence, encrypted and written. */
static void
reporter_files (struct req *r)
{
  struct raccess *a = r->state;
  a->files_ok = uploads_store (r, a->unit.id, a->files, &a->n_files);
}

static enum hres
reporter_files_done (struct req *r)
{
  struct raccess *a = r->state;
  if (! a->files_ok)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return reporter_commit (r);
}

static enum hres
access_checked (struct req *r)
{
  struct raccess *a = r->state;
  if (! a->ok)
    return access_denied (r, a);
  throttle_reset (a->tag);
  if (0 == a->action)
    return access_show (r, a, 200, NULL);
  if (1 == a->action && r->n_uploads > 0)
    return http_suspend_for_work (r, POOL_INTAKE, &reporter_files,
                                  &reporter_files_done);
  return reporter_commit (r);
}

/* Common start; TRACKING and CODE as typed. */
static enum hres
access_start (struct req *r, struct raccess *a, const char *tracking,
              const char *code)
{
  char key[96];
  int64_t now = (int64_t) time (NULL);
  r->state = a;
  r->state_free = &access_free;
  a->app = r->app;
  enum hres h = h_unit (r, &a->unit);
  if (H_CONTINUE != h)
    return h;
  snprintf (a->tracking, sizeof a->tracking, "%s", tracking ? tracking : "");
  for (char *p = a->tracking; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = (char) (*p - 'a' + 'A');
  snprintf (key, sizeof key, "%s/%s", a->unit.slug, a->tracking);
  a->tag = vault_addr_tag (key, strlen (key));
  a->addr_tag = http_client_tag (r);
  unsigned int w1 = throttle_wait (a->tag, now);
  unsigned int w2 = throttle_wait (a->addr_tag, now);
  if (w1 || w2)
  {
    if (! a->html)
      return http_reply_error (r, ERR_TOO_MANY, NULL);
    json_t *ctx = h_page_ctx ("Lacak pengaduan", &a->unit);
    json_object_set_new (ctx, "error", json_string (err_message (
                                                      ERR_TOO_MANY)));
    return http_reply_html (r, 429, "complaint-track.html", ctx);
  }
  if (! complaint_code_normalise (code, a->norm))
    a->norm[0] = '\0';    /* still pay for the check: same answer, same time */
  /* Argon2id in the pool, in the queue of access checks: never on an
     HTTP thread, and a flood of checks cannot starve submissions. */
  return http_suspend_for_work (r, POOL_ACCESS, &access_check,
                                &access_checked);
}

static const char *
jstr (json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

enum hres
h_api_complaint_view (struct req *r)
{
  static const char *const allowed[] = { "access_code", NULL };
  json_t *errors;
  if (! h_json_body (r, allowed, "access_code", &errors))
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  struct raccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return access_start (r, a, http_param (r, 1),
                       jstr (r->json, "access_code"));
}

static bool
reply_text_ok (const char *t, json_t *errors, const char *field)
{
  size_t n = t ? strlen (t) : 0;
  if (0 == n)
    h_field_error (errors, field, "required", "Wajib diisi.");
  else if (n > 4000 || ! utf8_valid_text (t, n))
    h_field_error (errors, field, "invalid_text",
                 "Paling banyak 4.000 karakter, teks biasa.");
  return 0 == json_object_size (errors);
}

enum hres
h_api_complaint_reply (struct req *r)
{
  static const char *const allowed[] = { "access_code", "text", NULL };
  json_t *errors;
  bool ok = h_json_body (r, allowed, "access_code", &errors);
  ok = reply_text_ok (jstr (r->json, "text"), errors, "text") && ok;
  if (! ok)
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  struct raccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  a->action = 1;
  a->text = strdup (jstr (r->json, "text"));
  return access_start (r, a, http_param (r, 1),
                       jstr (r->json, "access_code"));
}

enum hres
h_api_complaint_confirm (struct req *r)
{
  static const char *const allowed[] = { "access_code", "solved", NULL };
  json_t *errors;
  bool ok = h_json_body (r, allowed, "access_code", &errors);
  json_t *solved = json_object_get (r->json, "solved");
  if (! json_is_boolean (solved))
  {
    h_field_error (errors, "solved", "invalid_type", "Harus true atau false.");
    ok = false;
  }
  if (! ok)
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  struct raccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  a->action = json_is_true (solved) ? 2 : 3;
  return access_start (r, a, http_param (r, 1),
                       jstr (r->json, "access_code"));
}

enum hres
h_complaint_track_page (struct req *r)
{
  struct unit u;
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  json_t *ctx = h_page_ctx ("Lacak pengaduan", &u);
  const char *t = http_query (r, "nomor");
  json_object_set_new (ctx, "tracking_value",
                       json_string (t && strlen (t) < 32 ? t : ""));
  return http_reply_html (r, 200, "complaint-track.html", ctx);
}

/* POST /u/{unit}/pengaduan/lacak: view, reply or verdict from the page. */
enum hres
h_complaint_track_post (struct req *r)
{
  const char *tracking = urlenc_get (&r->form, "tracking");
  const char *code = urlenc_get (&r->form, "code");
  const char *action = urlenc_get (&r->form, "action");
  const char *text = urlenc_get (&r->form, "text");
  struct raccess *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  a->html = true;
  if (action && 0 == strcmp (action, "reply"))
  {
    a->action = 1;
    const char *up = h_uploads_problem (r);
    if (up || ! text || ! *text || strlen (text) > 4000
        || ! utf8_valid_text (text, strlen (text)))
    {
      struct unit u;
      free (a);
      enum hres h = h_unit (r, &u);
      if (H_CONTINUE != h)
        return h;
      json_t *ctx = h_page_ctx ("Lacak pengaduan", &u);
      char msg[300];
      snprintf (msg, sizeof msg, "%s Masukkan lagi nomor dan kode akses.",
                up ? up : "Tulis balasan Anda (paling banyak 4.000"
                          " karakter).");
      json_object_set_new (ctx, "error", json_string (msg));
      json_object_set_new (ctx, "tracking_value",
                           json_string (tracking && strlen (tracking) < 32
                                        ? tracking : ""));
      return http_reply_html (r, 400, "complaint-track.html", ctx);
    }
    a->text = strdup (text);
  }
  else if (action && 0 == strcmp (action, "solved"))
    a->action = 2;
  else if (action && 0 == strcmp (action, "not_solved"))
    a->action = 3;
  return access_start (r, a, tracking, code);
}

/* ---- the public follow-up page ---- */

enum hres
h_complaint_public_page (struct req *r)
{
  struct unit u;
  struct public_row *rows = NULL;
  size_t n = 0;
  char t[40];
  enum hres h = h_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  enum store_status st = store_complaint_public (r->app->store, u.id, &rows,
                                                 &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *items = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    int s = cstatus_from_name (rows[i].status);
    h_fmt_time (rows[i].published_at, u.utc_offset_min, t, sizeof t);
    t[10] = '\0';
    json_array_append_new (items, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s, s:s}", "tracking",
                             rows[i].tracking, "category", rows[i].category,
                             "received", rows[i].received_date, "status",
                             s >= 0 ? cstatus_label (s) : rows[i].status,
                             "response", rows[i].response, "published", t));
  }
  free (rows);
  json_t *ctx = h_page_ctx ("Tindak lanjut pengaduan", &u);
  json_object_set_new (ctx, "has_items", json_boolean (n > 0));
  json_object_set_new (ctx, "items", items);
  return http_reply_html (r, 200, "complaint-public.html", ctx);
}
