/*
 * Complaint officers: the queue with filters and working-day deadlines,
 * one complaint with its history, messages and internal notes, the
 * reporter's identity (opened with the session's identity key, logged on
 * every view, "rahasia" only for the unit's designated roles), status
 * changes along the lifecycle, disposition to a section, replies and
 * notes, SKM unsur tags and the text approved for the public page.
 * JSON under /api/v1/u/{unit}/complaints, pages under /staff/pengaduan.
 */
#include "attach.h"
#include "audit.h"
#include "complaint.h"
#include "handlers.h"
#include "log.h"
#include "utf8.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *
jstr (json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

/* The unit of the session (the route's {unit} was checked against it). */
static enum hres
staff_unit (struct req *r, struct unit *u)
{
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug, u);
  return STORE_OK == st ? H_CONTINUE : h_store_error (r, st);
}

static json_t *
row_json (const struct complaint_row *c, const char *today, int offset)
{
  char t[40];
  int s = cstatus_from_name (c->status);
  h_fmt_time (c->received_at, offset, t, sizeof t);
  return json_pack ("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
                    " s:b}",
                    "tracking_number", c->tracking, "category",
                    c->category_code, "category_name", c->category_name,
                    "class", c->class_, "channel", c->channel, "privacy",
                    c->privacy, "received_at", t, "status", c->status,
                    "status_label", s >= 0 ? cstatus_label (s) : c->status,
                    "due_date", c->due_date, "excerpt", c->excerpt,
                    "overdue", c->due_date[0] && ! cstatus_final (s)
                               && strcmp (c->due_date, today) < 0);
}

/* Read the queue filters from the query string; false when one is not
   acceptable. */
static bool
queue_filter (struct req *r, struct complaint_filter *f, char today[11])
{
  const char *status = http_query (r, "status");
  const char *cat = http_query (r, "category");
  const char *ch = http_query (r, "channel");
  const char *over = http_query (r, "overdue");
  memset (f, 0, sizeof *f);
  if (status && *status)
  {
    if (cstatus_from_name (status) < 0)
      return false;
    f->status = status;
  }
  if (cat && *cat)
  {
    if (strlen (cat) > 40)
      return false;
    f->category = cat;
  }
  if (ch && *ch)
  {
    if (strlen (ch) > 15)
      return false;
    f->channel = ch;
  }
  if (over && 0 == strcmp (over, "1"))
    f->overdue_on = today;
  return true;
}

enum hres
h_api_complaints (struct req *r)
{
  struct unit u;
  struct complaint_filter f;
  struct complaint_row *rows;
  size_t n;
  char today[11];
  enum hres h = staff_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  cal_format (complaint_today (&u), today);
  if (! queue_filter (r, &f, today))
    return http_reply_error (r, ERR_VALIDATION,
                             json_pack ("{s:{s:s, s:s}}", "query", "code",
                                        "invalid", "message",
                                        "Filter: status, category, channel,"
                                        " overdue=1."));
  enum store_status st = store_complaint_list (r->app->store, u.id, &f, &rows,
                                               &n);
  if (STORE_OK != st)
    return h_store_error (r, st);
  json_t *a = json_array ();
  for (size_t i = 0; i < n; i++)
    json_array_append_new (a, row_json (&rows[i], today, u.utc_offset_min));
  free (rows);
  return http_reply_json (r, 200, json_pack ("{s:s, s:o}", "today", today,
                                             "complaints", a));
}

/* ---- one complaint ---- */

struct detail {
  struct unit unit;
  struct complaint_rec c;
  json_t *identity;          /* opened identity, or NULL */
  const char *identity_state;   /* "shown", "anonim", "locked", "rahasia" */
  bool html;
  /* a change */
  int action;
  int to;                    /* target status for action status */
  bool status_given;
  char note[2048];
  char section[48];
  int64_t section_id;
  bool internal;
  char unsur[64];
  char error[200];
  const char *notice;        /* after a change: what was saved */
};

static void
detail_free (void *p)
{
  struct detail *d = p;
  store_complaint_rec_free (&d->c);
  json_decref (d->identity);
  free (d);
}

/* The tracking number in the path: after {unit} in the API, first on the
   staff pages. */
static const char *
tracking_param (struct req *r)
{
  return http_param (r, r->route->fmt == FMT_JSON ? 1 : 0);
}

/* Load the complaint named in the path. */
static enum hres
detail_load (struct req *r, struct detail *d)
{
  r->state = d;
  r->state_free = &detail_free;
  enum hres h = staff_unit (r, &d->unit);
  if (H_CONTINUE != h)
    return h;
  switch (store_complaint_get (r->app->store, d->unit.id, tracking_param (r),
                               &d->c))
  {
  case STORE_OK:
    return H_CONTINUE;
  case STORE_NO_ROW:
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  case STORE_BUSY:
  case STORE_HARD_ERROR:
    break;
  }
  return http_reply_error (r, ERR_INTERNAL, NULL);
}

/* A detail state for the complaint in the path, owned by R. */
static enum hres
detail_begin (struct req *r, bool html, struct detail **out)
{
  struct detail *d = calloc (1, sizeof *d);
  if (NULL == d)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  d->html = html;
  *out = d;
  return detail_load (r, d);
}

/* Decide whether this officer may see the identity, and open it. */
static void
identity_open (struct req *r, struct detail *d)
{
  const struct session *se = r->session;
  if (0 == strcmp (d->c.privacy, "anonim") || ! d->c.has_identity)
  {
    d->identity_state = "anonim";
    return;
  }
  if (0 == strcmp (d->c.privacy, "rahasia")
      && ! (se->roles & complaint_rahasia_roles (r->app, d->unit.id)))
  {
    d->identity_state = "rahasia";
    return;
  }
  const unsigned char *sk = session_unit_key (se, KEY_IDENTITY);
  d->identity = sk ? complaint_open_identity (r->app, d->unit.id, sk, &d->c)
                   : NULL;
  d->identity_state = d->identity ? "shown" : "locked";
}

static json_t *
detail_json (struct req *r, struct detail *d)
{
  struct complaint_event *ev = NULL;
  struct complaint_message *m = NULL;
  struct attachment_row *att = NULL;
  size_t ne = 0, nm = 0, na = 0;
  char t[40], today[11];
  int off = d->unit.utc_offset_min;
  const struct complaint_rec *c = &d->c;

  cal_format (complaint_today (&d->unit), today);
  store_complaint_events (r->app->store, c->id, &ev, &ne);
  store_complaint_messages (r->app->store, c->id, true, &m, &nm);
  store_attachments (r->app->store, c->id, &att, &na);
  json_t *events = json_array (), *msgs = json_array (), *notes = json_array ();
  for (size_t i = 0; i < ne; i++)
  {
    h_fmt_time (ev[i].at, off, t, sizeof t);
    json_array_append_new (events, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s}", "at", t, "by",
                             ev[i].actor, "from", ev[i].from, "status",
                             ev[i].to, "note", ev[i].note));
  }
  for (size_t i = 0; i < nm; i++)
  {
    h_fmt_time (m[i].at, off, t, sizeof t);
    json_array_append_new (m[i].internal ? notes : msgs, json_pack (
                             "{s:s, s:s, s:s, s:s}", "at", t, "from",
                             m[i].sender, "by", m[i].author, "text",
                             m[i].body));
  }
  json_t *files = json_array ();
  for (size_t i = 0; i < na; i++)
    json_array_append_new (files, json_pack ("{s:I, s:s, s:I}", "id",
                                             (json_int_t) att[i].id, "type",
                                             att[i].mime, "size",
                                             (json_int_t) att[i].size));
  free (ev);
  free (m);
  free (att);
  int s = cstatus_from_name (c->status);
  h_fmt_time (c->received_at, off, t, sizeof t);
  json_t *next = json_array ();
  for (int k = 0; k < CS__COUNT; k++)
    if (s >= 0 && cstatus_allowed (s, k, CA_OFFICER) && k != s)
      json_array_append_new (next, json_pack ("{s:s, s:s}", "status",
                                              cstatus_name (k), "label",
                                              cstatus_label (k)));
  json_t *j = json_pack (
    "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
    " s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:o}",
    "tracking_number", c->tracking, "category", c->category_code,
    "category_name", c->category_name, "class", c->class_, "channel",
    c->channel, "lapor_id", c->lapor_id, "privacy", c->privacy,
    "description", c->description ? c->description : "", "location",
    c->location ? c->location : "", "incident_date",
    c->incident_date ? c->incident_date : "", "requested_resolution",
    c->requested ? c->requested : "", "received_at", t, "status", c->status,
    "status_label", s >= 0 ? cstatus_label (s) : c->status, "due_date",
    c->due_date, "section", c->section_code,
    "overdue", c->due_date[0] && s >= 0 && ! cstatus_final (s)
               && strcmp (c->due_date, today) < 0,
    "events", events, "messages", msgs, "notes", notes, "attachments",
    files, "next", next);
  json_t *uns = json_array ();
  char tmp[64];
  snprintf (tmp, sizeof tmp, "%s", c->unsur);
  for (char *save = NULL, *tok = strtok_r (tmp, ",", &save); tok;
       tok = strtok_r (NULL, ",", &save))
    json_array_append_new (uns, json_string (tok));
  json_object_set_new (j, "unsur", uns);
  json_object_set_new (j, "public_response", c->public_response
                       ? json_string (c->public_response) : json_null ());
  json_object_set_new (j, "reporter_verdict", c->verdict[0]
                       ? json_string (c->verdict) : json_null ());
  json_object_set_new (j, "entered_by", c->entered_by[0]
                       ? json_string (c->entered_by) : json_null ());
  json_object_set_new (j, "identity", json_string (d->identity_state
                                                   ? d->identity_state
                                                   : "hidden"));
  json_object_set (j, "reporter", d->identity ? d->identity : json_null ());
  return j;
}

static enum store_status
identity_logged (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct detail *d = r->state;
  return audit_append (c, d->unit.id, r->session->username, "identity_view",
                       d->c.tracking, d->c.privacy);
}

static enum hres detail_page (struct req *r, struct detail *d,
                              unsigned int status);

static enum hres
detail_answer (struct req *r)
{
  struct detail *d = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (d->html)
    return detail_page (r, d, 200);
  return http_reply_json (r, 200, detail_json (r, d));
}

/* Show a complaint; the identity only when asked (pages) or always (API),
   and then only after its view is in the audit log. */
static enum hres
detail_show (struct req *r, struct detail *d, bool want_identity)
{
  if (want_identity)
    identity_open (r, d);
  if (d->identity)
  {
    r->job.run = &identity_logged;
    r->job.cls = r;
    return http_suspend_for_job (r, &detail_answer);
  }
  r->job_status = STORE_OK;
  return detail_answer (r);
}

enum hres
h_api_complaint (struct req *r)
{
  struct detail *d;
  enum hres h = detail_begin (r, false, &d);
  if (H_CONTINUE != h)
    return h;
  return detail_show (r, d, true);
}

/* ---- changes ---- */

enum { ACT_STATUS = 1, ACT_MESSAGE, ACT_NOTE, ACT_UNSUR, ACT_PUBLISH };

static enum store_status
change_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct detail *d = r->state;
  const char *who = r->session->username;
  int64_t at = (int64_t) time (NULL);
  struct complaint_rec now;
  enum store_status st = store_conn_complaint_get (c, d->unit.id,
                                                  d->c.tracking, &now);
  if (STORE_OK != st)
    return st;
  int from = cstatus_from_name (now.status);
  char detail[160] = "";
  switch (d->action)
  {
  case ACT_STATUS: {
    if (from < 0 || ! cstatus_allowed (from, d->to, CA_OFFICER))
    {
      snprintf (d->error, sizeof d->error,
                "Status %s tidak dapat diubah menjadi %s.", now.status,
                cstatus_name (d->to));
      st = STORE_NO_ROW;
      break;
    }
    char due[11];
    int32_t today = complaint_today (&d->unit);
    struct cstage stage;
    if (! complaint_stage_of (c, &now, d->unit.utc_offset_min, &stage))
    {
      st = STORE_HARD_ERROR;
      break;
    }
    cstage_step (&stage, from, d->to, today);
    complaint_due (r->app, d->unit.id, &stage, today, due);
    struct complaint_event_new e = {
      .kind = "STATUS", .from = now.status, .to = cstatus_name (d->to),
      .at = at, .actor = who, .note = d->note,
      .section_id = d->section_id };
    st = store_complaint_set_status (c, now.id, due, &e);
    snprintf (detail, sizeof detail, "%s -> %s%s%s", now.status,
              cstatus_name (d->to), d->section[0] ? " bidang " : "",
              d->section);
    break;
  }
  case ACT_MESSAGE:
  case ACT_NOTE:
    st = store_complaint_message (c, now.id, at, "officer", who, d->note,
                                  d->action == ACT_NOTE,
                                  d->action == ACT_MESSAGE
                                  && (from == CS_DIDISPOSISI
                                      || from == CS_DITINDAKLANJUTI));
    /* A reply during the follow-up restarts the close-without-reply
       count. */
    if (STORE_OK == st && d->action == ACT_MESSAGE
        && from == CS_DITINDAKLANJUTI)
    {
      char due[11];
      int32_t today = complaint_today (&d->unit);
      struct cstage stage;
      cstage_init (&stage, today);
      stage.status = CS_DITINDAKLANJUTI;
      complaint_due (r->app, d->unit.id, &stage, today, due);
      struct complaint_event_new e = { .from = now.status,
                                       .to = now.status, .at = at,
                                       .actor = who, .note = NULL };
      st = store_complaint_set_status (c, now.id, due, &e);
    }
    snprintf (detail, sizeof detail, "%s",
              d->action == ACT_NOTE ? "internal" : "to reporter");
    break;
  case ACT_UNSUR:
    st = store_complaint_set_unsur (c, now.id, d->unsur, at, who);
    snprintf (detail, sizeof detail, "%s", d->unsur);
    break;
  case ACT_PUBLISH:
    st = store_complaint_publish (c, now.id, d->note[0] ? d->note : NULL,
                                  who, at);
    snprintf (detail, sizeof detail, "%s", d->note[0] ? "published"
              : "withdrawn");
    break;
  }
  store_complaint_rec_free (&now);
  if (STORE_OK != st)
    return st;
  static const char *const actions[] = { "", "complaint_status",
                                         "complaint_message",
                                         "complaint_note", "complaint_unsur",
                                         "complaint_publish" };
  return audit_append (c, d->unit.id, who, actions[d->action], d->c.tracking,
                       detail);
}

static enum hres
change_done (struct req *r)
{
  struct detail *d = r->state;
  if (d->error[0])
  {
    if (d->html)
    {
      store_complaint_rec_free (&d->c);
      store_complaint_get (r->app->store, d->unit.id, tracking_param (r),
                           &d->c);
      return detail_page (r, d, 409);
    }
    return http_reply_error (r, ERR_TRANSITION, json_pack (
                               "{s:{s:s, s:s}}", "status", "code",
                               "not_allowed", "message", d->error));
  }
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (d->html)
  {
    /* Post/redirect/get, telling the next page what was saved. */
    static const char *const ok[] = { [ACT_STATUS] = "status",
                                      [ACT_MESSAGE] = "pesan",
                                      [ACT_NOTE] = "catatan",
                                      [ACT_UNSUR] = "unsur",
                                      [ACT_PUBLISH] = "umum" };
    char loc[112];
    snprintf (loc, sizeof loc, "/staff/pengaduan/%s?ok=%s", d->c.tracking,
              ok[d->action]);
    return http_redirect (r, loc);
  }
  store_complaint_rec_free (&d->c);
  if (STORE_OK != store_complaint_get (r->app->store, d->unit.id,
                                       tracking_param (r), &d->c))
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return http_reply_json (r, 200, detail_json (r, d));
}

/* Check the inputs of a change (already in D); false with D->error set. */
static bool
change_check (struct req *r, struct detail *d)
{
  size_t n = strlen (d->note);
  switch (d->action)
  {
  case ACT_STATUS:
    if (d->to < 0)
    {
      snprintf (d->error, sizeof d->error, "%s",
                d->status_given ? "Status tidak dikenal."
                : "Pilih status baru.");
      return false;
    }
    if (d->to == CS_DIDISPOSISI)
    {
      struct coded *secs = NULL;
      size_t ns = 0;
      store_section_list (r->app->store, d->unit.id, &secs, &ns);
      for (size_t i = 0; i < ns; i++)
        if (0 == strcmp (secs[i].code, d->section))
          d->section_id = secs[i].id;
      free (secs);
      if (0 == d->section_id)
      {
        snprintf (d->error, sizeof d->error,
                  "Pilih bidang tujuan disposisi.");
        return false;
      }
    }
    break;
  case ACT_MESSAGE:
  case ACT_NOTE:
    if (0 == n)
    {
      snprintf (d->error, sizeof d->error, "Tulis pesannya.");
      return false;
    }
    break;
  case ACT_UNSUR: {
    /* "U1,U7": codes of the SKM definition, each once. */
    char tmp[64];
    snprintf (tmp, sizeof tmp, "%s", d->unsur);
    for (char *save = NULL, *tok = strtok_r (tmp, ",", &save); tok;
         tok = strtok_r (NULL, ",", &save))
    {
      const struct form_field *x = form_field_find (r->app->survey, tok);
      if (NULL == x || x->type != FT_SCALE)
      {
        snprintf (d->error, sizeof d->error, "Unsur tidak dikenal: %s.",
                  tok);
        return false;
      }
    }
    break;
  }
  default:
    break;
  }
  if (n > 0 && ! utf8_valid_text (d->note, n))
  {
    snprintf (d->error, sizeof d->error, "Teks tidak sah.");
    return false;
  }
  return true;
}

static enum hres
change_start (struct req *r, struct detail *d)
{
  if (! change_check (r, d))
  {
    if (d->html)
      return detail_page (r, d, 400);
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "$", "code", "invalid",
                               "message", d->error));
  }
  r->job.run = &change_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &change_done);
}

/* The JSON body of a change: only ALLOWED keys. */
static bool
body_only (struct req *r, const char *const *allowed)
{
  const char *key;
  json_t *v;
  if (! json_is_object (r->json))
    return false;
  json_object_foreach (r->json, key, v)
  {
    bool ok = false;
    for (size_t i = 0; allowed[i]; i++)
      ok = ok || 0 == strcmp (key, allowed[i]);
    if (! ok)
      return false;
  }
  return true;
}

static enum hres
api_change (struct req *r, int action, const char *const *allowed)
{
  struct detail *d;
  enum hres h = detail_begin (r, false, &d);
  if (H_CONTINUE != h)
    return h;
  if (! body_only (r, allowed))
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "$", "code", "unknown_field",
                               "message", "Kolom tidak dikenal."));
  d->action = action;
  const char *text = jstr (r->json, action == ACT_STATUS ? "note" : "text");
  if (text && strlen (text) >= sizeof d->note)
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "text", "code", "too_long",
                               "message", "Paling banyak 2.000 karakter."));
  snprintf (d->note, sizeof d->note, "%s", text ? text : "");
  switch (action)
  {
  case ACT_STATUS: {
    const char *st = jstr (r->json, "status");
    d->status_given = st && st[0];
    d->to = cstatus_from_name (st);
    snprintf (d->section, sizeof d->section, "%s",
              jstr (r->json, "section") ? jstr (r->json, "section") : "");
    break;
  }
  case ACT_MESSAGE:
    if (json_is_true (json_object_get (r->json, "internal")))
      d->action = ACT_NOTE;
    break;
  case ACT_UNSUR: {
    json_t *a = json_object_get (r->json, "unsur");
    size_t i;
    json_t *v;
    json_array_foreach (a, i, v)
    {
      const char *code = json_string_value (v);
      if (NULL == code || strlen (code) > 4
          || strlen (d->unsur) + strlen (code) + 2 > sizeof d->unsur
          || strstr (d->unsur, code))
        return http_reply_error (r, ERR_VALIDATION, json_pack (
                                   "{s:{s:s, s:s}}", "unsur", "code",
                                   "invalid", "message",
                                   "Daftar kode unsur U1-U9."));
      if (d->unsur[0])
        strcat (d->unsur, ",");
      strcat (d->unsur, code);
    }
    if (! json_is_array (a))
      return http_reply_error (r, ERR_VALIDATION, json_pack (
                                 "{s:{s:s, s:s}}", "unsur", "code",
                                 "invalid", "message",
                                 "Daftar kode unsur U1-U9."));
    break;
  }
  default:
    break;
  }
  return change_start (r, d);
}

enum hres
h_api_complaint_status (struct req *r)
{
  static const char *const k[] = { "status", "note", "section", NULL };
  return api_change (r, ACT_STATUS, k);
}

enum hres
h_api_complaint_message (struct req *r)
{
  static const char *const k[] = { "text", "internal", NULL };
  return api_change (r, ACT_MESSAGE, k);
}

enum hres
h_api_complaint_unsur (struct req *r)
{
  static const char *const k[] = { "unsur", NULL };
  return api_change (r, ACT_UNSUR, k);
}

enum hres
h_api_complaint_publish (struct req *r)
{
  static const char *const k[] = { "text", NULL };
  return api_change (r, ACT_PUBLISH, k);
}

/* ---- attachments ---- */

static enum store_status
attachment_logged (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct detail *d = r->state;
  return audit_append (c, d->unit.id, r->session->username,
                       "attachment_view", d->c.tracking, d->note);
}

static enum hres
attachment_send (struct req *r)
{
  struct detail *d = r->state;
  struct attachment_row *rows = NULL;
  size_t n = 0;
  unsigned char pk[32];
  char *name = NULL;
  unsigned char *data = NULL;
  size_t len = 0;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  long id = atol (d->section);
  store_attachments (r->app->store, d->c.id, &rows, &n);
  struct attachment_row a;
  bool found = false;
  for (size_t i = 0; i < n; i++)
    if (rows[i].id == id)
    {
      a = rows[i];
      found = true;
    }
  free (rows);
  const unsigned char *sk = session_unit_key (r->session, KEY_IDENTITY);
  if (! found || NULL == sk || ! complaint_identity_pk (r->app, d->unit.id,
                                                        pk)
      || ! attach_open (r->app, pk, sk, &a, &name, &data, &len))
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  /* The original name, reduced to safe characters for the header. */
  char safe[120], disp[200];
  size_t o = 0;
  for (const char *p = name; *p && o + 1 < sizeof safe; p++)
    safe[o++] = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                 || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'
                 || *p == '_') ? *p : '_';
  safe[o] = '\0';
  free (name);
  snprintf (disp, sizeof disp, "attachment; filename=\"%s\"",
            o ? safe : "lampiran");
  struct buf b = { 0 };
  buf_append (&b, data, len);
  vault_wipe (data, len);
  free (data);
  return http_reply_download (r, a.mime, &b, disp);
}

enum hres
h_staff_attachment (struct req *r)
{
  struct detail *d;
  enum hres h = detail_begin (r, true, &d);
  if (H_CONTINUE != h)
    return h;
  const char *id = http_param (r, 1);
  char *end;
  long v = strtol (id, &end, 10);
  if (*end || v <= 0)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  snprintf (d->section, sizeof d->section, "%ld", v);
  snprintf (d->note, sizeof d->note, "attachment %ld", v);
  /* Evidence follows the identity's rules: the key, and for "rahasia"
     the designated roles. */
  if (0 == strcmp (d->c.privacy, "rahasia")
      && ! (r->session->roles & complaint_rahasia_roles (r->app,
                                                         d->unit.id)))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  if (NULL == session_unit_key (r->session, KEY_IDENTITY))
    return http_reply_error (r, ERR_NO_KEY, NULL);
  /* Log only a file that exists. */
  struct attachment_row *rows = NULL;
  size_t n = 0;
  bool found = false;
  store_attachments (r->app->store, d->c.id, &rows, &n);
  for (size_t i = 0; i < n; i++)
    found = found || rows[i].id == v;
  free (rows);
  if (! found)
    return http_reply_error (r, ERR_NOT_FOUND, NULL);
  r->job.run = &attachment_logged;
  r->job.cls = r;
  return http_suspend_for_job (r, &attachment_send);
}

/* ---- pages ---- */

enum hres
h_staff_complaints (struct req *r)
{
  struct unit u;
  struct complaint_filter f;
  struct complaint_row *rows = NULL;
  size_t n = 0;
  char today[11];
  enum hres h = staff_unit (r, &u);
  if (H_CONTINUE != h)
    return h;
  cal_format (complaint_today (&u), today);
  json_t *ctx = h_staff_ctx (r, "Antrean pengaduan");
  if (! queue_filter (r, &f, today))
  {
    json_object_set_new (ctx, "error", json_string ("Filter tidak sah."));
    memset (&f, 0, sizeof f);
  }
  if (STORE_OK == store_complaint_list (r->app->store, u.id, &f, &rows, &n))
  {
    json_t *a = json_array ();
    for (size_t i = 0; i < n; i++)
      json_array_append_new (a, row_json (&rows[i], today,
                                          u.utc_offset_min));
    json_object_set_new (ctx, "complaints", a);
  }
  free (rows);
  json_object_set_new (ctx, "has_complaints", json_boolean (n > 0));
  json_object_set_new (ctx, "today", json_string (today));
  json_t *statuses = json_array ();
  const char *sel = http_query (r, "status");
  for (int k = 0; k < CS__COUNT; k++)
    json_array_append_new (statuses, json_pack (
                             "{s:s, s:s, s:b}", "value", cstatus_name (k),
                             "label", cstatus_label (k), "selected",
                             sel && 0 == strcmp (sel, cstatus_name (k))));
  json_object_set_new (ctx, "statuses", statuses);
  struct coded *cats = NULL;
  size_t nc = 0;
  const char *csel = http_query (r, "category");
  const char *chsel = http_query (r, "channel");
  store_category_list (r->app->store, u.id, &cats, &nc);
  json_t *cj = json_array ();
  for (size_t i = 0; i < nc; i++)
    json_array_append_new (cj, json_pack ("{s:s, s:s, s:b}", "value",
                                          cats[i].code, "label", cats[i].name,
                                          "selected", csel && 0 == strcmp (
                                            csel, cats[i].code)));
  free (cats);
  json_object_set_new (ctx, "categories", cj);
  static const char *const chans[] = { "WEBSITE", "SP4N_LAPOR", "WHATSAPP",
                                       "EMAIL", "MEDSOS", "KOTAK", "LANGSUNG",
                                       "TELEPON" };
  json_t *chj = json_array ();
  for (size_t i = 0; i < 8; i++)
    json_array_append_new (chj, json_pack ("{s:s, s:b}", "value", chans[i],
                                           "selected", chsel && 0 == strcmp (
                                             chsel, chans[i])));
  json_object_set_new (ctx, "channels", chj);
  json_object_set_new (ctx, "overdue_only",
                       json_boolean (f.overdue_on != NULL));
  return http_reply_html (r, 200, "staff-complaints.html", ctx);
}

static enum hres
detail_page (struct req *r, struct detail *d, unsigned int status)
{
  json_t *ctx = h_staff_ctx (r, "Pengaduan");
  json_object_set_new (ctx, "c", detail_json (r, d));
  json_object_set_new (ctx, "identity_shown", json_boolean (d->identity));
  json_object_set_new (ctx, "identity_locked", json_boolean (
                         d->identity_state
                         && 0 == strcmp (d->identity_state, "locked")));
  json_object_set_new (ctx, "identity_rahasia", json_boolean (
                         d->identity_state
                         && 0 == strcmp (d->identity_state, "rahasia")));
  json_object_set_new (ctx, "is_anonim",
                       json_boolean (0 == strcmp (d->c.privacy, "anonim")));
  if (d->error[0])
    json_object_set_new (ctx, "error", json_string (d->error));
  if (d->notice)
    json_object_set_new (ctx, "notice", json_string (d->notice));
  struct coded *secs = NULL;
  struct template_row *tpl = NULL;
  size_t ns = 0, nt = 0;
  store_section_list (r->app->store, d->unit.id, &secs, &ns);
  store_template_list (r->app->store, d->unit.id, &tpl, &nt);
  json_t *sj = json_array (), *tj = json_array ();
  for (size_t i = 0; i < ns; i++)
    json_array_append_new (sj, json_pack ("{s:s, s:s}", "code", secs[i].code,
                                          "name", secs[i].name));
  for (size_t i = 0; i < nt; i++)
    json_array_append_new (tj, json_pack ("{s:s, s:s}", "title",
                                          tpl[i].title, "body",
                                          tpl[i].body));
  free (secs);
  free (tpl);
  json_object_set_new (ctx, "sections", sj);
  json_object_set_new (ctx, "templates", tj);
  json_t *uns = json_array ();
  for (size_t i = 0; i < r->app->survey->n_fields; i++)
  {
    const struct form_field *x = &r->app->survey->fields[i];
    if (x->type != FT_SCALE)
      continue;
    json_array_append_new (uns, json_pack (
                             "{s:s, s:O, s:b}", "code", x->name, "name",
                             json_object_get (x->def, "unsur"), "checked",
                             NULL != strstr (d->c.unsur, x->name)));
  }
  json_object_set_new (ctx, "all_unsur", uns);
  return http_reply_html (r, status, "staff-complaint.html", ctx);
}

enum hres
h_staff_complaint (struct req *r)
{
  struct detail *d;
  enum hres h = detail_begin (r, true, &d);
  if (H_CONTINUE != h)
    return h;
  static const struct { const char *key, *text; } oks[] = {
    { "status", "Status disimpan." },
    { "pesan", "Pesan dikirim ke pelapor." },
    { "catatan", "Catatan internal disimpan." },
    { "unsur", "Unsur layanan disimpan." },
    { "umum", "Pilihan pengumuman disimpan." },
  };
  const char *ok = http_query (r, "ok");
  for (size_t i = 0; ok && i < sizeof oks / sizeof oks[0]; i++)
    if (0 == strcmp (ok, oks[i].key))
      d->notice = oks[i].text;
  const char *show = http_query (r, "identitas");
  return detail_show (r, d, show && 0 == strcmp (show, "1"));
}

enum hres
h_staff_complaint_post (struct req *r)
{
  static const struct { const char *name; int action; } acts[] = {
    { "status", ACT_STATUS }, { "message", ACT_MESSAGE },
    { "note", ACT_NOTE }, { "unsur", ACT_UNSUR }, { "publish", ACT_PUBLISH },
  };
  struct detail *d;
  enum hres h = detail_begin (r, true, &d);
  if (H_CONTINUE != h)
    return h;
  const char *action = urlenc_get (&r->form, "action");
  for (size_t i = 0; action && i < sizeof acts / sizeof acts[0]; i++)
    if (0 == strcmp (action, acts[i].name))
      d->action = acts[i].action;
  if (0 == d->action)
  {
    snprintf (d->error, sizeof d->error, "Tindakan tidak dikenal.");
    return detail_page (r, d, 400);
  }
  const char *text = urlenc_get (&r->form, "text");
  if (text && strlen (text) >= sizeof d->note)
  {
    snprintf (d->error, sizeof d->error, "Paling banyak 2.000 karakter.");
    return detail_page (r, d, 400);
  }
  snprintf (d->note, sizeof d->note, "%s", text ? text : "");
  if (d->action == ACT_STATUS)
  {
    const char *st = urlenc_get (&r->form, "status");
    d->status_given = st && st[0];
    d->to = cstatus_from_name (st);
    const char *sec = urlenc_get (&r->form, "section");
    snprintf (d->section, sizeof d->section, "%s", sec ? sec : "");
  }
  if (d->action == ACT_UNSUR)
    for (size_t i = 0; i < r->form.n; i++)
      if (0 == strcmp (r->form.pairs[i].key, "unsur")
          && strlen (r->form.pairs[i].value) <= 4
          && strlen (d->unsur) + 6 < sizeof d->unsur)
      {
        if (d->unsur[0])
          strcat (d->unsur, ",");
        strcat (d->unsur, r->form.pairs[i].value);
      }
  return change_start (r, d);
}
