/*
 * The satisfaction survey (SKM): the public form page, its submission, the
 * thank-you page, and the same submission as JSON (POST
 * /api/v1/u/{unit}/survey).  Both submission paths validate against the
 * form definition and store through one job, so page and API cannot drift.
 */
#include "handlers.h"
#include "ikm.h"
#include "log.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert (FORM_MAX_SCALE == STORE_SURVEY_ITEMS, "answer columns");

struct survey_state {
  struct unit unit;
  json_t *values;                 /* normalised values (owned) */
  struct survey_record rec;       /* points into values */
};

static void
survey_state_free (void *p)
{
  struct survey_state *s = p;
  json_decref (s->values);
  free (s);
}

struct choice_ctx {
  struct app *app;
  const struct unit *unit;
  struct service service;   /* the service found, if any */
  bool found;
};

static bool
survey_choice_ok (void *cls, const char *source, const char *value)
{
  struct choice_ctx *c = cls;
  if (0 != strcmp (source, "services"))
    return false;
  c->found = STORE_OK == store_service_by_code (c->app->store, c->unit->id,
                                                value, &c->service);
  return c->found;
}

static const char *
val_str (json_t *values, const char *name)
{
  return json_string_value (json_object_get (values, name));
}

static enum store_status
survey_job_run (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct survey_state *s = r->state;
  return store_survey_insert (c, &s->rec);
}

/* Build the record from validated VALUES and queue it; RESUME answers. */
static enum hres
survey_submit (struct req *r, const struct unit *unit, json_t *values,
               const struct service *service, handler_fn resume)
{
  const struct form *f = r->app->survey;
  struct survey_state *s = calloc (1, sizeof *s);

  if (NULL == s)
  {
    json_decref (values);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  s->unit = *unit;
  s->values = values;
  r->state = s;
  r->state_free = &survey_state_free;

  struct survey_record *rec = &s->rec;
  vault_sortable_id (rec->public_id);
  rec->unit_id = unit->id;
  rec->form_id = f->id;
  rec->form_version = f->version;
  rec->service_id = service->id;
  rec->submitted_at = (int64_t) time (NULL);
  ikm_local_date (rec->submitted_at, unit->utc_offset_min, rec->local_date);
  rec->gender = val_str (values, "gender");
  rec->education = val_str (values, "education");
  rec->occupation = val_str (values, "occupation");
  rec->occupation_other = val_str (values, "occupation_other");
  rec->suggestion = val_str (values, "suggestion");
  rec->age = (int) json_integer_value (json_object_get (values, "age"));
  /* Answers by position: the n-th scale question is a<n>. */
  size_t pos = 0;
  for (size_t i = 0; i < f->n_fields && pos < STORE_SURVEY_ITEMS; i++)
  {
    const struct form_field *x = &f->fields[i];
    if (x->type != FT_SCALE)
      continue;
    json_t *v = json_object_get (values, x->name);
    rec->answers[pos++] = v ? (int) json_integer_value (v) : 0;
  }
  r->job.run = &survey_job_run;
  r->job.cls = r;
  return http_suspend_for_job (r, resume);
}

/* ---- API ---- */

static enum hres
api_survey_stored (struct req *r)
{
  struct survey_state *s = r->state;
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  return http_reply_json (r, 201, json_pack ("{s:s}", "id",
                                             s->rec.public_id));
}

enum hres
h_api_survey_post (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  struct choice_ctx cc = { .app = r->app, .unit = &unit };
  json_t *errors;
  json_t *values = form_validate_json (r->app->survey, r->json,
                                       &survey_choice_ok, &cc, &errors);
  if (NULL == values)
    return http_reply_error (r, ERR_VALIDATION, errors);
  return survey_submit (r, &unit, values, &cc.service, &api_survey_stored);
}

/* ---- pages ---- */

/* The form page context: sections with their fields, current values,
   and errors (NULL when none). */
static json_t *
survey_form_ctx (struct req *r, const struct unit *unit, json_t *raw,
                 json_t *errors)
{
  const struct form *f = r->app->survey;
  json_t *ctx = h_page_ctx ("Survei Kepuasan Masyarakat", unit);
  json_t *sections = json_array ();
  json_t *summary = json_array ();
  struct service *services = NULL;
  size_t n_services = 0;

  store_service_list (r->app->store, unit->id, &services, &n_services);
  json_object_set (ctx, "form", f->def);
  json_object_set_new (ctx, "sections", sections);

  size_t si;
  json_t *sec;
  json_array_foreach (json_object_get (f->def, "sections"), si, sec)
  {
    const char *sid = json_string_value (json_object_get (sec, "id"));
    json_t *fields = json_array ();
    const char *help = json_string_value (json_object_get (sec, "help"));
    const char *title = json_string_value (json_object_get (sec, "title"));
    json_array_append_new (sections, json_pack ("{s:s, s:s, s:o}",
                                                "title", title ? title : "",
                                                "help", help ? help : "",
                                                "fields", fields));
    for (size_t i = 0; i < f->n_fields; i++)
    {
      const struct form_field *x = &f->fields[i];
      const char *fsec = json_string_value (json_object_get (x->def,
                                                            "section"));
      if (! fsec || 0 != strcmp (fsec, sid))
        continue;
      const char *cur = json_string_value (json_object_get (raw, x->name));
      json_t *err = json_object_get (errors, x->name);
      char id[80];
      snprintf (id, sizeof id, "f-%s", x->name);
      json_t *fc = json_pack ("{s:s, s:s, s:b}", "name", x->name, "id", id,
                              "required", x->required);
      json_object_set (fc, "def", x->def);
      json_object_set_new (fc, "value", json_string (cur ? cur : ""));
      /* aria-describedby of the control (or of the fieldset of a radio
         group): its help note and its error message, when shown.  Explicit
         nulls, so that a template lookup does not walk up the context. */
      {
        const char *fhelp = json_string_value (json_object_get (x->def,
                                                               "help"));
        bool has_help = fhelp && *fhelp;
        char described[200];
        snprintf (described, sizeof described, "%s%s%s%s%s",
                  has_help ? id : "", has_help ? "-help" : "",
                  has_help && err ? " " : "", err ? id : "",
                  err ? "-err" : "");
        json_object_set_new (fc, "describedby", *described
                             ? json_string (described) : json_null ());
      }
      if (NULL == err)
        json_object_set_new (fc, "error", json_null ());
      if (err)
      {
        json_object_set (fc, "error", json_object_get (err, "message"));
        char anchor[96];
        snprintf (anchor, sizeof anchor, "#%s%s", id,
                  (x->type == FT_SCALE
                   || (x->type == FT_CHOICE && ! x->source
                       && json_array_size (x->choices) <= 3)) ? "-1" : "");
        const char *label = json_string_value (json_object_get (x->def,
                                                                "label"));
        char qlabel[160];
        if (x->type == FT_SCALE)
        {
          snprintf (qlabel, sizeof qlabel, "%s %s", x->name,
                    json_string_value (json_object_get (x->def, "unsur")));
          label = qlabel;
        }
        json_array_append_new (summary, json_pack (
                                 "{s:s, s:s, s:O}", "href", anchor, "label",
                                 label ? label : x->name,
                                 "message", json_object_get (err, "message")));
      }
      json_t *opts = json_array ();
      if (x->type == FT_SCALE)
      {
        size_t k;
        json_t *lab;
        json_object_set_new (fc, "is_scale", json_true ());
        json_array_foreach (x->choices, k, lab)
        {
          char v[8], oid[96];
          snprintf (v, sizeof v, "%lld", x->min + (long long) k);
          snprintf (oid, sizeof oid, "%s-%zu", id, k + 1);
          json_array_append_new (opts, json_pack (
                                   "{s:s, s:s, s:O, s:b}", "value", v, "id",
                                   oid, "label", lab, "checked",
                                   cur && 0 == strcmp (cur, v)));
        }
      }
      else if (x->type == FT_CHOICE)
      {
        if (x->source)
        {
          for (size_t k = 0; k < n_services; k++)
            json_array_append_new (opts, json_pack (
                                     "{s:s, s:s, s:b}", "value",
                                     services[k].code, "label",
                                     services[k].name, "checked",
                                     cur && 0 == strcmp (cur,
                                                         services[k].code)));
        }
        else
        {
          size_t k;
          json_t *c;
          json_array_foreach (x->choices, k, c)
          {
            const char *v = json_string_value (json_object_get (c, "value"));
            char oid[96];
            snprintf (oid, sizeof oid, "%s-%zu", id, k + 1);
            json_array_append_new (opts, json_pack (
                                     "{s:s, s:s, s:O, s:b}", "value", v, "id",
                                     oid, "label", json_object_get (c, "label"),
                                     "checked",
                                     cur && 0 == strcmp (cur, v)));
          }
        }
        bool radio = ! x->source && json_array_size (x->choices) <= 3;
        json_object_set_new (fc, radio ? "is_radio" : "is_select",
                             json_true ());
      }
      else if (x->type == FT_INTEGER)
        json_object_set_new (fc, "is_integer", json_true ());
      else if (json_is_true (json_object_get (x->def, "multiline")))
        json_object_set_new (fc, "is_textarea", json_true ());
      else
        json_object_set_new (fc, "is_text", json_true ());
      json_object_set_new (fc, "options", opts);
      json_array_append_new (fields, fc);
    }
  }
  free (services);
  /* Errors on names the form does not have (a stale or altered page). */
  const char *key;
  json_t *err;
  json_object_foreach (errors, key, err)
    if (NULL == form_field_find (f, key))
      json_array_append_new (summary, json_pack (
                               "{s:s, s:s, s:O}", "href", "#isi", "label",
                               key, "message",
                               json_object_get (err, "message")));
  if (json_array_size (summary) > 0)
  {
    json_object_set_new (ctx, "errors", summary);
    json_object_set_new (ctx, "has_errors", json_true ());
    json_object_set_new (ctx, "page_title",
                         json_string ("Periksa isian - Survei Kepuasan "
                                      "Masyarakat"));
  }
  else
    json_decref (summary);
  return ctx;
}

enum hres
h_survey_page (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "survey.html",
                          survey_form_ctx (r, &unit, NULL, NULL));
}

static enum hres
page_survey_stored (struct req *r)
{
  struct survey_state *s = r->state;
  char loc[160];
  if (STORE_OK != r->job_status)
    return h_store_error (r, r->job_status);
  snprintf (loc, sizeof loc, "/u/%s/survei/terima-kasih", s->unit.slug);
  return http_redirect (r, loc);
}

enum hres
h_survey_page_post (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  struct choice_ctx cc = { .app = r->app, .unit = &unit };
  json_t *errors, *raw;
  json_t *values = form_validate_pairs (r->app->survey, r->form.pairs,
                                        r->form.n, &survey_choice_ok, &cc,
                                        &errors, &raw);
  if (NULL == values)
  {
    json_t *ctx = survey_form_ctx (r, &unit, raw, errors);
    json_decref (raw);
    json_decref (errors);
    return http_reply_html (r, 400, "survey.html", ctx);
  }
  json_decref (raw);
  return survey_submit (r, &unit, values, &cc.service, &page_survey_stored);
}

enum hres
h_survey_thanks (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  return http_reply_html (r, 200, "survey-thanks.html",
                          h_page_ctx ("Terima kasih", &unit));
}
