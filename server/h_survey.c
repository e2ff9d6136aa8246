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

/* The survey page context: the services are the dynamic choices. */
static json_t *
survey_form_ctx (struct req *r, const struct unit *unit, json_t *raw,
                 json_t *errors)
{
  json_t *ctx = h_page_ctx ("Survei Kepuasan Masyarakat", unit);
  json_t *services = json_array ();
  struct service *sv = NULL;
  size_t n = 0;
  store_service_list (r->app->store, unit->id, &sv, &n);
  for (size_t i = 0; i < n; i++)
    json_array_append_new (services, json_pack ("{s:s, s:s}", "value",
                                                sv[i].code, "label",
                                                sv[i].name));
  free (sv);
  json_t *sources = json_pack ("{s:o}", "services", services);
  h_form_ctx (ctx, r->app->survey, raw, errors, sources,
              "Survei Kepuasan Masyarakat");
  json_decref (sources);
  return ctx;
}

enum hres
h_survey_page (struct req *r)
{
  struct unit unit;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  /* ?layanan=CODE (the QR poster of a service counter) preselects that
     service when the unit offers it (active); anything else is ignored. */
  const char *code = http_query (r, "layanan");
  json_t *raw = NULL;
  struct service sv;
  if (code && *code && strlen (code) < 64
      && STORE_OK == store_service_by_code (r->app->store, unit.id, code,
                                            &sv))
    raw = json_pack ("{s:s}", "service", sv.code);
  json_t *ctx = survey_form_ctx (r, &unit, raw, NULL);
  json_decref (raw);
  return http_reply_html (r, 200, "survey.html", ctx);
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
