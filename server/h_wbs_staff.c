/*
 * Whistleblowing, the team's side.  Only a session that holds the unit's
 * WBS key (pengelola_wbs, or an admin explicitly granted it) lists and
 * reads reports; every read is audit-logged.  The reporter's identity stays
 * hidden in the report view: seeing it is a separate request with a reason,
 * logged, and approved by a custodian first when the unit requires it
 * (setting wbs_identity_approval = custodian).
 * JSON under /api/v1/u/{unit}/wbs, pages under /staff/wbs.
 */
#include "attach.h"
#include "audit.h"
#include "calendar.h"
#include "complaint.h"
#include "handlers.h"
#include "ikm.h"
#include "store_wbs.h"
#include "utf8.h"
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct wdetail {
  struct unit unit;
  struct wbs_rec w;
  unsigned char k[32];
  bool html;
  int action;
  int to;
  char text[4096];
  char reference[200];
  bool internal;
  bool approve;
  int64_t request_id;
  bool reveal;               /* show the identity (an approved request) */
  const char *audit_action;
  char error[200];
  unsigned int status_code;
  enum wbs_refusal refusal;  /* why a decision was refused */
  const char *error_field;   /* the JSON field an input error is about */
};

static void
wdetail_free (void *p)
{
  struct wdetail *d = p;
  store_wbs_rec_free (&d->w);
  vault_wipe (d, sizeof *d);
  free (d);
}

static const char *
id_param (struct req *r)
{
  return http_param (r, r->route->fmt == FMT_JSON ? 1 : 0);
}

/* The session's unit, its WBS key, and (when ID is set) the report with
   its key opened. */
static enum hres
wdetail_begin (struct req *r, bool html, bool load, struct wdetail **out)
{
  struct wdetail *d = calloc (1, sizeof *d);
  if (NULL == d)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  d->html = html;
  r->state = d;
  r->state_free = &wdetail_free;
  *out = d;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &d->unit))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  if (NULL == session_unit_key (r->session, KEY_WBS))
    return http_reply_error (r, ERR_NO_KEY, NULL);
  if (! load)
    return H_CONTINUE;
  switch (store_wbs_get (r->app->store, d->unit.id, id_param (r), &d->w))
  {
  case STORE_OK:
    break;
  case STORE_NO_ROW:
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  default:
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  if (! wbs_key_from_session (r->session, &d->w, d->k))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return H_CONTINUE;
}

enum hres
h_api_wbs_list (struct req *r)
{
  struct wdetail *d;
  struct wbs_row *rows = NULL;
  size_t n = 0;
  char t[40];
  enum hres h = wdetail_begin (r, r->route->fmt == FMT_HTML, false, &d);
  if (H_CONTINUE != h)
    return h;
  const char *status = http_query (r, "status");
  if (status && *status && wstatus_from_name (status) < 0)
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "status", "code", "invalid",
                               "message", "Status tidak dikenal."));
  enum store_status st = store_wbs_list (r->app->store, d->unit.id, status,
                                         &rows, &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    int s = wstatus_from_name (rows[i].status);
    h_fmt_when (rows[i].received_at, true, d->unit.utc_offset_min, t,
                sizeof t);
    json_array_append_new (a, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s, s:b}", "id",
                             rows[i].lookup, "status", rows[i].status,
                             "status_label", s >= 0 ? wstatus_label (s) : "",
                             "received_date", t, "due_date",
                             rows[i].due_date,
                             "has_identity", rows[i].has_identity));
  }
  free (rows);
  if (! d->html)
    return http_reply_json (r, 200, json_pack ("{s:o}", "reports", a));
  json_t *ctx = h_staff_ctx (r, "Laporan WBS");
  json_object_set_new (ctx, "reports", a);
  json_object_set_new (ctx, "has_reports", json_boolean (n > 0));
  return http_reply_html (r, 200, "staff-wbs.html", ctx);
}

/* The identity fields (never in the report view). */
static const char *const identity_keys[] = { "reporter_name",
                                             "reporter_contact" };

static json_t *
wdetail_json (struct req *r, struct wdetail *d)
{
  const char *lookup = d->w.lookup;
  char t[40];
  int off = d->unit.utc_offset_min;
  json_t *body = wbs_decrypt_json (d->k, "body", lookup, d->w.body_ct,
                                   d->w.body_len);
  form_add_choice_labels (r->app->wbs, body);
  json_t *identity = json_object ();
  for (size_t i = 0; i < 2; i++)
  {
    json_t *v = json_object_get (body, identity_keys[i]);
    if (v)
      json_object_set (identity, identity_keys[i] + 9, v);   /* "name" */
    json_object_del (body, identity_keys[i]);
  }
  struct wbs_item *m = NULL, *ev = NULL, *rq = NULL;
  size_t nm = 0, ne = 0, nr = 0;
  store_wbs_messages (r->app->store, d->w.id, true, &m, &nm);
  store_wbs_events (r->app->store, d->w.id, &ev, &ne);
  store_wbs_identity_requests (r->app->store, d->w.id, &rq, &nr);
  struct wbs_item *fw = NULL;
  size_t nf = 0;
  store_wbs_forwards (r->app->store, d->w.id, &fw, &nf);
  json_t *forwards = json_array ();
  for (size_t i = 0; i < nf; i++)
  {
    char *ref = fw[i].ct ? wbs_decrypt_text (d->k, "reference", lookup,
                                             fw[i].ct, fw[i].ct_len)
                : NULL;
    h_fmt_time (fw[i].at, off, t, sizeof t);
    json_array_append_new (forwards, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s}", "at", t, "by",
                             fw[i].actor, "target", fw[i].to,
                             "target_label", 0 == strcmp (fw[i].to, "APIP")
                             ? "APIP (Inspektorat)" : "APH/KPK",
                             "reference", ref ? ref : ""));
    free (ref);
  }
  store_wbs_items_free (fw, nf);
  json_t *msgs = json_array (), *notes = json_array (), *events = json_array ();
  json_t *requests = json_array ();
  for (size_t i = 0; i < nm; i++)
  {
    char *text = wbs_decrypt_message (d->k, lookup, m[i].seal, m[i].from,
                                      m[i].actor, m[i].internal, m[i].ct,
                                      m[i].ct_len);
    h_fmt_when (m[i].at, 0 == strcmp (m[i].from, "reporter"), off, t,
                sizeof t);
    json_array_append_new (m[i].internal ? notes : msgs, json_pack (
                             "{s:s, s:s, s:s, s:s, s:b}", "at", t, "from",
                             m[i].from, "by", m[i].actor, "text",
                             text ? text : "", "intact", NULL != text));
    free (text);
  }
  for (size_t i = 0; i < ne; i++)
  {
    char *note = ev[i].ct ? wbs_decrypt_text (d->k, "note", lookup, ev[i].ct,
                                              ev[i].ct_len) : strdup ("");
    h_fmt_when (ev[i].at, 0 == strcmp (ev[i].actor, "pelapor"), off, t,
                sizeof t);
    json_array_append_new (events, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s}", "at", t, "by",
                             ev[i].actor, "from", ev[i].from, "status",
                             ev[i].to, "note", note ? note : ""));
    free (note);
  }
  bool approved = false;
  for (size_t i = 0; i < nr; i++)
  {
    char *reason = wbs_decrypt_text (d->k, "reason", lookup, rq[i].ct,
                                     rq[i].ct_len);
    h_fmt_time (rq[i].at, off, t, sizeof t);
    json_array_append_new (requests, json_pack (
                             "{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
                             (json_int_t) rq[i].id, "by", rq[i].actor, "at",
                             t, "reason", reason, "status", rq[i].to,
                             "decided_by", rq[i].decided_by));
    free (reason);
    if (0 == strcmp (rq[i].to, "DISETUJUI")
        && 0 == strcmp (rq[i].actor, r->session->username))
      approved = true;
  }
  store_wbs_items_free (m, nm);
  store_wbs_items_free (ev, ne);
  store_wbs_items_free (rq, nr);
  struct attachment_row *att = NULL;
  size_t na = 0;
  store_wbs_attachments (r->app->store, d->w.id, &att, &na);
  json_t *files = json_array ();
  for (size_t i = 0; i < na; i++)
    json_array_append_new (files, json_pack ("{s:I, s:I, s:s}", "id",
                                             (json_int_t) att[i].id, "size",
                                             (json_int_t) att[i].size,
                                             "from", att[i].sender));
  free (att);
  int s = wstatus_from_name (d->w.status);
  json_t *next = json_array ();
  for (int k = 0; k < WS__COUNT; k++)
    if (s >= 0 && wstatus_allowed (s, k))
      json_array_append_new (next, json_pack ("{s:s, s:s}", "status",
                                              wstatus_name (k), "label",
                                              wstatus_label (k)));
  h_fmt_when (d->w.received_at, true, off, t, sizeof t);
  json_t *j = json_pack ("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o,"
                         " s:o, s:o, s:b}",
                         "id", lookup, "status", d->w.status, "status_label",
                         s >= 0 ? wstatus_label (s) : "", "received_date", t,
                         "due_date", d->w.due_date, "report",
                         body ? body : json_null (), "messages", msgs,
                         "notes", notes, "events", events,
                         "identity_requests", requests, "next", next,
                         "has_identity", d->w.has_identity);
  json_object_set_new (j, "forwards", forwards);
  /* The identity: only to a member whose request was approved, and only
     when asked (d->reveal); otherwise just whether there is one. */
  d->reveal = d->reveal && approved && d->w.has_identity;
  json_object_set_new (j, "attachments", files);
  json_object_set_new (j, "identity", json_string (
                         ! d->w.has_identity ? "none"
                         : d->reveal ? "shown"
                         : approved ? "approved" : "hidden"));
  json_object_set_new (j, "reporter", d->reveal ? identity : json_null ());
  if (! d->reveal)
    json_decref (identity);
  return j;
}

static enum store_status
wview_logged (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct wdetail *d = r->state;
  return audit_append (c, d->unit.id, r->session->username, d->audit_action,
                       d->w.lookup, "");
}

static enum hres wdetail_page (struct req *r, struct wdetail *d,
                               unsigned int status);

static enum hres
wview_answer (struct req *r)
{
  struct wdetail *d = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (d->html)
    return wdetail_page (r, d, d->status_code ? d->status_code : 200);
  return http_reply_json (r, d->status_code ? d->status_code : 200,
                          wdetail_json (r, d));
}

/* Every read is in the audit log before it is answered. */
static enum hres
wview (struct req *r, struct wdetail *d)
{
  const char *show = http_query (r, "identitas");
  d->reveal = show && 0 == strcmp (show, "1");
  d->audit_action = d->reveal ? "wbs_identity_view" : "wbs_view";
  r->job.run = &wview_logged;
  r->job.cls = r;
  return http_suspend_for_job (r, &wview_answer);
}

enum hres
h_api_wbs_get (struct req *r)
{
  struct wdetail *d;
  enum hres h = wdetail_begin (r, r->route->fmt == FMT_HTML, true, &d);
  if (H_CONTINUE != h)
    return h;
  return wview (r, d);
}

/* ---- changes ---- */

enum { WA_MESSAGE = 1, WA_STATUS, WA_IDENTITY, WA_DECIDE };

static enum store_status
wchange_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct wdetail *d = r->state;
  const char *who = r->session->username;
  int64_t at = (int64_t) time (NULL);
  unsigned char *ct = NULL;
  size_t len = 0;
  enum store_status st = STORE_OK;
  const char *action = "";
  char detail[120] = "";
  struct wbs_rec now;

  if (WA_DECIDE == d->action)
  {
    char lookup[12] = "";
    st = store_wbs_identity_decide (c, d->unit.id, d->request_id,
                                    d->approve ? "DISETUJUI" : "DITOLAK", who,
                                    at, lookup, &d->refusal);
    if (STORE_NO_ROW == st)
      snprintf (d->error, sizeof d->error, "%s",
                WBS_REFUSED_OWN == d->refusal
                ? "Permintaan Anda sendiri harus diputuskan kustodian lain."
                : WBS_REFUSED_GRANTER == d->refusal
                ? "Permintaan dari akun yang memberi Anda peran kustodian"
                  " harus diputuskan kustodian lain."
                : WBS_REFUSED_NOT_CUSTODIAN == d->refusal
                ? "Anda bukan kustodian yang ditetapkan dengan kunci"
                  " pemulihan."
                : WBS_REFUSED_DECIDED == d->refusal
                ? "Permintaan itu sudah diputuskan."
                : "Permintaan itu tidak ada.");
    if (STORE_OK != st)
      return st;
    snprintf (detail, sizeof detail, "request %lld %s",
              (long long) d->request_id, d->approve ? "approved"
                                                    : "refused");
    return audit_append (c, d->unit.id, who, "wbs_identity_decision", lookup,
                         detail);
  }
  st = store_conn_wbs_get (c, d->unit.id, d->w.lookup, &now);
  if (STORE_OK != st)
    return st;
  switch (d->action)
  {
  case WA_MESSAGE:
    if (! wbs_encrypt_message (d->k, now.lookup, "team", who, d->internal,
                               d->text, &ct, &len))
    {
      st = STORE_HARD_ERROR;
      break;
    }
    st = store_wbs_message (c, now.id, at, "team", who, ct, len,
                            d->internal, WBS_MSG_SEAL);
    action = d->internal ? "wbs_note" : "wbs_message";
    break;
  case WA_STATUS: {
    int from = wstatus_from_name (now.status);
    if (from < 0 || ! wstatus_allowed (from, d->to))
    {
      snprintf (d->error, sizeof d->error,
                "Status %s tidak dapat diubah menjadi %s.", now.status,
                wstatus_name (d->to));
      st = STORE_NO_ROW;
      break;
    }
    if (d->text[0] && ! wbs_encrypt_text (d->k, "note", now.lookup, d->text,
                                          &ct, &len))
    {
      st = STORE_HARD_ERROR;
      break;
    }
    /* The stage's deadline in working days (unit settings): a decision
       after DITELAAH, the outcome of DIINVESTIGASI; none otherwise. */
    char due[11] = "";
    const char *hk = d->to == WS_DITELAAH ? "hk_wbs_review"
                     : d->to == WS_DIINVESTIGASI ? "hk_wbs_investigation"
                     : NULL;
    if (hk)
    {
      struct calendar cal;
      bool have = complaint_calendar (r->app, d->unit.id, &cal);
      if (have)
      {
        char today_s[11];
        int32_t today;
        ikm_local_date (at, d->unit.utc_offset_min, today_s);
        cal_parse (today_s, &today);
        cal_format (cal_add_working_days (&cal, today, complaint_setting_int (
                                            r->app, d->unit.id, hk,
                                            d->to == WS_DITELAAH ? 10 : 30)),
                    due);
      }
      cal_free (&cal);
      if (! have)
      {
        /* No deadline is worse than no change: refuse, nothing written. */
        st = STORE_HARD_ERROR;
        break;
      }
    }
    st = store_wbs_set_status (c, now.id, now.status, wstatus_name (d->to),
                               at, due, who, ct, len);
    if (STORE_OK == st && (d->to == WS_DITERUSKAN_APIP
                           || d->to == WS_DITERUSKAN_APH_KPK))
    {
      unsigned char *rct = NULL;
      size_t rlen = 0;
      if (d->reference[0] && ! wbs_encrypt_text (d->k, "reference",
                                                  now.lookup, d->reference,
                                                  &rct, &rlen))
      {
        st = STORE_HARD_ERROR;
        break;
      }
      st = store_wbs_forward (c, now.id, at, d->to == WS_DITERUSKAN_APIP
                              ? "APIP" : "APH_KPK", who, rct, rlen);
      free (rct);
    }
    snprintf (detail, sizeof detail, "%s -> %s", now.status,
              wstatus_name (d->to));
    action = "wbs_status";
    break;
  }
  case WA_IDENTITY: {
    if (! now.has_identity)
    {
      snprintf (d->error, sizeof d->error,
                "Laporan ini tidak memuat identitas pelapor.");
      st = STORE_NO_ROW;
      break;
    }
    bool needs = false;
    char v[32];
    if (STORE_OK == store_setting_get (r->app->store, d->unit.id,
                                       "wbs_identity_approval", v, sizeof v))
      needs = 0 == strcmp (v, "custodian");
    if (! wbs_encrypt_text (d->k, "reason", now.lookup, d->text, &ct, &len))
    {
      st = STORE_HARD_ERROR;
      break;
    }
    st = store_wbs_identity_request (c, now.id, who, ct, len, at,
                                     needs ? "MENUNGGU" : "DISETUJUI");
    d->status_code = needs ? 202 : 200;
    action = needs ? "wbs_identity_request" : "wbs_identity_reveal";
    /* The reason itself stays encrypted; the log says that one was given. */
    snprintf (detail, sizeof detail, "reason given%s",
              needs ? ", awaiting a custodian" : "");
    break;
  }
  }
  free (ct);
  store_wbs_rec_free (&now);
  if (STORE_OK != st)
    return st;
  return audit_append (c, d->unit.id, who, action, d->w.lookup, detail);
}

static enum hres
wchange_done (struct req *r)
{
  struct wdetail *d = r->state;
  if (d->error[0] && WA_DECIDE == d->action)
  {
    if (d->html)
      return http_redirect (r, WBS_REFUSED_OWN == d->refusal
                            ? "/staff/wbs-identitas?galat=sendiri"
                            : WBS_REFUSED_GRANTER == d->refusal
                            ? "/staff/wbs-identitas?galat=pemberi"
                            : WBS_REFUSED_NOT_CUSTODIAN == d->refusal
                            ? "/staff/wbs-identitas?galat=bukan-kustodian"
                            : WBS_REFUSED_DECIDED == d->refusal
                            ? "/staff/wbs-identitas?galat=sudah"
                            : "/staff/wbs-identitas?galat=tidak-ada");
    if (WBS_REFUSED_NOT_FOUND == d->refusal)
      return http_reply_error (r, ERR_NOT_FOUND, NULL);
    if (WBS_REFUSED_OWN == d->refusal || WBS_REFUSED_GRANTER == d->refusal
        || WBS_REFUSED_NOT_CUSTODIAN == d->refusal)
      return http_reply_error (r, ERR_FORBIDDEN, json_pack (
                                 "{s:{s:s, s:s}}", "$", "code",
                                 WBS_REFUSED_OWN == d->refusal
                                 ? "own_request"
                                 : WBS_REFUSED_GRANTER == d->refusal
                                 ? "granted_by_requester" : "not_custodian",
                                 "message", d->error));
    return http_reply_error (r, ERR_TRANSITION, json_pack (
                               "{s:{s:s, s:s}}", "$", "code", "decided",
                               "message", d->error));
  }
  if (d->error[0])
  {
    if (d->html)
      return wdetail_page (r, d, 409);
    return http_reply_error (r, ERR_TRANSITION, json_pack (
                               "{s:{s:s, s:s}}", "$", "code", "not_allowed",
                               "message", d->error));
  }
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (WA_DECIDE == d->action)
  {
    if (d->html)
      return http_redirect (r, "/staff/wbs-identitas");
    return http_reply_json (r, 200, json_pack ("{s:s}", "status",
                                               d->approve ? "DISETUJUI"
                                                          : "DITOLAK"));
  }
  if (d->html)
  {
    char loc[96];
    snprintf (loc, sizeof loc, "/staff/wbs/%s%s", d->w.lookup,
              WA_IDENTITY == d->action && 200 == d->status_code
              ? "?identitas=1" : "");
    return http_redirect (r, loc);
  }
  /* Show the report as it is now; after an approved identity request,
     with the identity (that view is the logged reveal). */
  store_wbs_rec_free (&d->w);
  if (STORE_OK != store_wbs_get (r->app->store, d->unit.id, id_param (r),
                                 &d->w))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  d->reveal = WA_IDENTITY == d->action && 200 == d->status_code;
  return http_reply_json (r, d->status_code ? d->status_code : 200,
                          wdetail_json (r, d));
}

static bool
wtext_ok (const char *t, size_t max)
{
  size_t n = t ? strlen (t) : 0;
  return n > 0 && n <= max && utf8_valid_text (t, n);
}

static enum hres
wchange_start (struct req *r, struct wdetail *d)
{
  if (d->error[0])
  {
    if (d->html)
      return wdetail_page (r, d, 400);
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", d->error_field
                               ? d->error_field : "$", "code", "invalid",
                               "message", d->error));
  }
  r->job.run = &wchange_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &wchange_done);
}

static bool
keys_only (json_t *body, const char *const *allowed)
{
  const char *key;
  json_t *v;
  if (! json_is_object (body))
    return false;
  json_object_foreach (body, key, v)
  {
    bool ok = false;
    for (size_t i = 0; allowed[i]; i++)
      ok = ok || 0 == strcmp (key, allowed[i]);
    if (! ok)
      return false;
  }
  return true;
}

/* Read a change from JSON or the form into D. */
static void
wchange_read (struct req *r, struct wdetail *d, int action)
{
  const char *text, *status = NULL, *ref = NULL;
  bool json = r->route->fmt == FMT_JSON;
  d->action = action;
  if (json)
  {
    static const char *const k[] = { "text", "internal", "status", "note",
                                     "reference", "reason", NULL };
    if (! keys_only (r->json, k))
    {
      snprintf (d->error, sizeof d->error, "Kolom tidak dikenal.");
      return;
    }
    text = json_string_value (json_object_get (r->json,
                                               WA_STATUS == action ? "note"
                                               : WA_IDENTITY == action
                                               ? "reason" : "text"));
    status = json_string_value (json_object_get (r->json, "status"));
    ref = json_string_value (json_object_get (r->json, "reference"));
    d->internal = json_is_true (json_object_get (r->json, "internal"));
  }
  else
  {
    text = urlenc_get (&r->form, "text");
    status = urlenc_get (&r->form, "status");
    ref = urlenc_get (&r->form, "reference");
    const char *a = urlenc_get (&r->form, "action");
    d->internal = a && 0 == strcmp (a, "note");
  }
  if (text && strlen (text) >= sizeof d->text)
  {
    snprintf (d->error, sizeof d->error, "Teks terlalu panjang.");
    d->error_field = WA_STATUS == action ? "note" : WA_IDENTITY == action
                     ? "reason" : "text";
    return;
  }
  snprintf (d->text, sizeof d->text, "%s", text ? text : "");
  if (ref && strlen (ref) >= sizeof d->reference)
  {
    snprintf (d->error, sizeof d->error,
              "Nomor rujukan paling banyak %zu karakter.",
              sizeof d->reference - 1);
    d->error_field = "reference";
    return;
  }
  snprintf (d->reference, sizeof d->reference, "%s", ref ? ref : "");
  if (WA_STATUS == action)
  {
    d->to = wstatus_from_name (status);
    d->error_field = "status";
    if (d->to < 0)
      snprintf (d->error, sizeof d->error, "%s", status && status[0]
                ? "Status tidak dikenal." : "Pilih status baru.");
    else if (d->text[0] && ! wtext_ok (d->text, sizeof d->text - 1))
      snprintf (d->error, sizeof d->error, "Catatan tidak sah."),
      d->error_field = "note";
    else if (d->reference[0] && ! wtext_ok (d->reference,
                                            sizeof d->reference - 1))
      snprintf (d->error, sizeof d->error, "Nomor rujukan tidak sah."),
      d->error_field = "reference";
    else if (d->reference[0] && d->to != WS_DITERUSKAN_APIP
             && d->to != WS_DITERUSKAN_APH_KPK)
      snprintf (d->error, sizeof d->error,
                "Nomor rujukan hanya untuk laporan yang diteruskan."),
      d->error_field = "reference";
  }
  else if (WA_IDENTITY == action)
  {
    d->error_field = "reason";
    if (! wtext_ok (d->text, 1000) || strlen (d->text) < 10)
      snprintf (d->error, sizeof d->error,
                "Tuliskan alasan membuka identitas (10-1.000 karakter).");
  }
  else if (! wtext_ok (d->text, sizeof d->text - 1))
    snprintf (d->error, sizeof d->error, "Tulis pesannya."),
    d->error_field = "text";
}

static enum hres
wchange (struct req *r, int action)
{
  struct wdetail *d;
  enum hres h = wdetail_begin (r, r->route->fmt == FMT_HTML, true, &d);
  if (H_CONTINUE != h)
    return h;
  wchange_read (r, d, action);
  return wchange_start (r, d);
}

enum hres
h_api_wbs_team_message (struct req *r)
{
  return wchange (r, WA_MESSAGE);
}

enum hres
h_api_wbs_status (struct req *r)
{
  return wchange (r, WA_STATUS);
}

enum hres
h_api_wbs_identity (struct req *r)
{
  return wchange (r, WA_IDENTITY);
}

/* The page's one POST: action message | note | status | identity. */
enum hres
h_staff_wbs_post (struct req *r)
{
  const char *a = urlenc_get (&r->form, "action");
  int action = ! a ? 0 : 0 == strcmp (a, "status") ? WA_STATUS
               : 0 == strcmp (a, "identity") ? WA_IDENTITY
               : (0 == strcmp (a, "message") || 0 == strcmp (a, "note"))
               ? WA_MESSAGE : 0;
  if (0 == action)
    return http_reply_error (r, ERR_BAD_REQUEST, NULL);
  return wchange (r, action);
}

/* ---- custodians ---- */

enum hres
h_api_wbs_identity_pending (struct req *r)
{
  struct unit u;
  struct wbs_pending *p = NULL;
  size_t n = 0;
  char t[40];
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &u))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  enum store_status st = store_wbs_identity_pending (r->app->store, u.id, &p,
                                                     &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    h_fmt_time (p[i].requested_at, u.utc_offset_min, t, sizeof t);
    json_array_append_new (a, json_pack ("{s:I, s:s, s:s, s:s, s:b}", "id",
                                         (json_int_t) p[i].id, "report",
                                         p[i].lookup, "by", p[i].requested_by,
                                         "at", t, "own", 0 == strcmp (
                                           p[i].requested_by,
                                           r->session->username)));
  }
  free (p);
  if (r->route->fmt == FMT_JSON)
    return http_reply_json (r, 200, json_pack ("{s:o}", "requests", a));
  json_t *ctx = h_staff_ctx (r, "Permintaan membuka identitas WBS");
  /* After a refused decision (post/redirect/get): why. */
  static const struct { const char *key, *text; } why[] = {
    { "sendiri", "Permintaan Anda sendiri harus diputuskan kustodian lain." },
    { "pemberi", "Permintaan dari akun yang memberi Anda peran kustodian"
                 " harus diputuskan kustodian lain." },
    { "bukan-kustodian", "Anda bukan kustodian yang ditetapkan dengan kunci"
                         " pemulihan." },
    { "sudah", "Permintaan itu sudah diputuskan." },
    { "tidak-ada", "Permintaan itu tidak ada." },
  };
  const char *g = http_query (r, "galat");
  for (size_t i = 0; g && i < sizeof why / sizeof why[0]; i++)
    if (0 == strcmp (g, why[i].key))
      json_object_set_new (ctx, "error", json_string (why[i].text));
  json_object_set_new (ctx, "requests", a);
  json_object_set_new (ctx, "has_requests", json_boolean (n > 0));
  return http_reply_html (r, 200, "staff-wbs-identity.html", ctx);
}

enum hres
h_api_wbs_identity_decide (struct req *r)
{
  struct wdetail *d = calloc (1, sizeof *d);
  if (NULL == d)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = d;
  r->state_free = &wdetail_free;
  d->html = r->route->fmt == FMT_HTML;
  d->action = WA_DECIDE;
  if (STORE_OK != store_unit_by_slug (r->app->store, r->session->unit_slug,
                                      &d->unit))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  const char *id = http_param (r, d->html ? 0 : 1);
  char *end;
  d->request_id = strtoll (id, &end, 10);
  if (*end || d->request_id <= 0)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  if (d->html)
  {
    const char *a = urlenc_get (&r->form, "decision");
    d->approve = a && 0 == strcmp (a, "approve");
  }
  else
  {
    static const char *const k[] = { "approve", NULL };
    json_t *v = json_object_get (r->json, "approve");
    if (! keys_only (r->json, k) || ! json_is_boolean (v))
      return http_reply_error (r, ERR_VALIDATION, json_pack (
                                 "{s:{s:s, s:s}}", "approve", "code",
                                 "invalid", "message",
                                 "Harus true atau false."));
    d->approve = json_is_true (v);
  }
  r->job.run = &wchange_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &wchange_done);
}

/* ---- evidence ---- */

static enum store_status
wfile_logged (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct wdetail *d = r->state;
  return audit_append (c, d->unit.id, r->session->username,
                       "wbs_attachment_view", d->w.lookup, d->text);
}

static enum hres
wfile_send (struct req *r)
{
  struct wdetail *d = r->state;
  struct attachment_row *rows = NULL;
  size_t n = 0;
  unsigned char pk[32];
  char *name = NULL;
  unsigned char *data = NULL;
  size_t len = 0;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  store_wbs_attachments (r->app->store, d->w.id, &rows, &n);
  bool ok = false;
  for (size_t i = 0; i < n && ! ok; i++)
    if (rows[i].id == d->request_id)
      ok = STORE_OK == store_unit_key_get (r->app->store, d->unit.id, "wbs",
                                           pk, NULL)
           && attach_open (r->app, pk, session_unit_key (r->session,
                                                         KEY_WBS),
                           &rows[i], &name, &data, &len);
  free (rows);
  if (! ok)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  const char *mime = attach_sniff (data, len);
  char disp[160];
  snprintf (disp, sizeof disp, "attachment; filename=\"bukti-%lld%s\"",
            (long long) d->request_id, mime && strstr (mime, "pdf") ? ".pdf"
            : mime && strstr (mime, "png") ? ".png" : ".jpg");
  free (name);
  struct buf b = { 0 };
  buf_append (&b, data, len);
  vault_wipe (data, len);
  free (data);
  return http_reply_download (r, mime ? mime : "application/octet-stream",
                              &b, disp);
}

enum hres
h_staff_wbs_attachment (struct req *r)
{
  struct wdetail *d;
  enum hres h = wdetail_begin (r, true, true, &d);
  if (H_CONTINUE != h)
    return h;
  char *end;
  d->request_id = strtoll (http_param (r, 1), &end, 10);
  if (*end || d->request_id <= 0)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  snprintf (d->text, sizeof d->text, "attachment %lld",
            (long long) d->request_id);
  r->job.run = &wfile_logged;
  r->job.cls = r;
  return http_suspend_for_job (r, &wfile_send);
}

/* ---- the page ---- */

static enum hres
wdetail_page (struct req *r, struct wdetail *d, unsigned int status)
{
  json_t *ctx = h_staff_ctx (r, "Laporan WBS");
  json_t *w = wdetail_json (r, d);
  const char *idstate = json_string_value (json_object_get (w, "identity"));
  json_object_set_new (ctx, "identity_approved", json_boolean (
                         idstate && 0 == strcmp (idstate, "approved")));
  json_object_set_new (ctx, "w", w);
  if (d->error[0])
    json_object_set_new (ctx, "error", json_string (d->error));
  return http_reply_html (r, status, "staff-wbs-report.html", ctx);
}
