/* See ikm_model.h. */
#include "ikm_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double
round_to (double x, int hundredths_or_more)
{
  (void) hundredths_or_more;
  return (double) ikm_round2 (x) / 100.0;
}

/* The item codes of each position for form version VERSION: the current
   definition's, or an older recorded one's.  Returns how many. */
static size_t
ikm_codes (struct app *app, int version, char codes[][8])
{
  const struct form *f = app->survey;
  struct form *old = NULL;
  size_t n = 0;
  if (version != f->version)
  {
    char *text = NULL, err[160];
    if (STORE_OK == store_form_version_definition (app->store, f->id,
                                                   version, &text))
      old = form_load (text, strlen (text), err, sizeof err);
    free (text);
    if (NULL == old)
      return 0;
    f = old;
  }
  for (size_t i = 0; i < f->n_fields && n < STORE_SURVEY_ITEMS; i++)
    if (f->fields[i].type == FT_SCALE)
      snprintf (codes[n++], 8, "%s", f->fields[i].name);
  form_free (old);
  return n;
}

/* ITEMS (one per scale field of the current form, in order) from totals
   ROWS restricted to SERVICE_ID (all services when 0), matched by code so
   that answers given on older form versions count under their unsur. */
static size_t
ikm_items (struct app *app, const struct survey_totals_row *rows,
           size_t n_rows, int64_t service_id, struct ikm_item *items,
           int64_t *respondents)
{
  const struct form *f = app->survey;
  size_t n = 0;
  char codes[STORE_SURVEY_ITEMS][8];
  for (size_t i = 0; i < f->n_fields && n < STORE_SURVEY_ITEMS; i++)
    if (f->fields[i].type == FT_SCALE)
      items[n++] = (struct ikm_item) { .code = f->fields[i].name };
  *respondents = 0;
  for (size_t k = 0; k < n_rows; k++)
  {
    if (0 != service_id && rows[k].service_id != service_id)
      continue;
    *respondents += rows[k].respondents;
    size_t nc = ikm_codes (app, rows[k].form_version, codes);
    for (size_t p = 0; p < nc; p++)
      for (size_t i = 0; i < n; i++)
        if (0 == strcmp (items[i].code, codes[p]))
        {
          items[i].sum += rows[k].sum[p];
          items[i].count += rows[k].count[p];
        }
  }
  return n;
}

static void
put_result (json_t *o, const struct ikm_result *res)
{
  if (res->valid)
  {
    json_object_set_new (o, "ikm", json_real (res->ikm));
    json_object_set_new (o, "ikm25",
                         json_real (res->ikm25_hundredths / 100.0));
    json_object_set_new (o, "mutu", res->grade ? json_string (res->grade->mutu)
                                               : json_null ());
    json_object_set_new (o, "kinerja", res->grade
                         ? json_string (res->grade->kinerja) : json_null ());
  }
  else
  {
    json_object_set_new (o, "ikm", json_null ());
    json_object_set_new (o, "ikm25", json_null ());
    json_object_set_new (o, "mutu", json_null ());
    json_object_set_new (o, "kinerja", json_null ());
  }
}

json_t *
ikm_model (struct app *app, const struct unit *unit, const struct period *p,
           enum store_status *st)
{
  const struct form *f = app->survey;
  struct survey_totals_row *rows = NULL;
  struct survey_dist_row *dist = NULL;
  struct service *services = NULL;
  size_t n_rows = 0, n_dist = 0, n_services = 0;
  struct ikm_item items[STORE_SURVEY_ITEMS];
  struct ikm_result res;
  json_t *model = NULL;
  int64_t respondents = 0, population = 0;

  if (STORE_OK != (*st = store_survey_aggregate (app->store, unit->id, f->id,
                                                 p->from, p->to, &rows,
                                                 &n_rows, &dist, &n_dist))
      || STORE_OK != (*st = store_service_list (app->store, unit->id,
                                                &services, &n_services)))
    goto cleanup;

  size_t n = ikm_items (app, rows, n_rows, 0, items, &respondents);
  ikm_compute (items, n, f->grades, f->n_grades, &res);

  model = json_pack ("{s:s, s:s, s:s, s:s, s:s, s:I}", "unit", unit->slug,
                     "unit_name", unit->name, "period", p->key, "from",
                     p->from, "to", p->to, "respondents",
                     (json_int_t) respondents);
  json_t *unsur = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    const struct form_field *x = form_field_find (f, items[i].code);
    json_int_t counts[4] = { 0, 0, 0, 0 };
    for (size_t k = 0; k < n_dist; k++)
    {
      char codes[STORE_SURVEY_ITEMS][8];
      size_t nc = ikm_codes (app, dist[k].form_version, codes);
      for (size_t pos = 0; pos < nc; pos++)
        if (0 == strcmp (codes[pos], items[i].code))
          for (int v = 0; v < 4; v++)
            counts[v] += dist[k].count[pos][v];
    }
    json_t *answers = json_array ();
    for (long long v = f->scale_min; v <= f->scale_max && v - f->scale_min < 4;
         v++)
      json_array_append_new (answers,
                             json_integer (counts[v - f->scale_min]));
    json_t *u = json_pack ("{s:s, s:O, s:I, s:o}", "code", items[i].code,
                           "name", json_object_get (x->def, "unsur"),
                           "answers_count", (json_int_t) items[i].count,
                           "distribution", answers);
    if (items[i].count > 0)
    {
      json_object_set_new (u, "nrr", json_real (items[i].nrr));
      json_object_set_new (u, "nrr25",
                           json_real (round_to (items[i].nrr * 25.0, 2)));
    }
    else
    {
      json_object_set_new (u, "nrr", json_null ());
      json_object_set_new (u, "nrr25", json_null ());
    }
    json_array_append_new (unsur, u);
  }
  json_object_set_new (model, "unsur", unsur);
  put_result (model, &res);

  json_t *per_service = json_array ();
  for (size_t s = 0; s < n_services; s++)
  {
    struct ikm_item si[STORE_SURVEY_ITEMS];
    struct ikm_result sres;
    int64_t sresp = 0;
    size_t sn = ikm_items (app, rows, n_rows, services[s].id, si, &sresp);
    ikm_compute (si, sn, f->grades, f->n_grades, &sres);
    json_t *o = json_pack ("{s:s, s:s, s:I}", "code", services[s].code,
                           "name", services[s].name, "respondents",
                           (json_int_t) sresp);
    put_result (o, &sres);
    json_array_append_new (per_service, o);
  }
  json_object_set_new (model, "services", per_service);

  switch (store_population_get (app->store, unit->id, p->key, &population))
  {
  case STORE_OK: {
    int64_t req = ikm_min_sample (population);
    json_object_set_new (model, "min_sample",
                         json_pack ("{s:I, s:I, s:b}", "population",
                                    (json_int_t) population, "required",
                                    (json_int_t) req, "met",
                                    respondents >= req));
    break;
  }
  case STORE_NO_ROW:
    json_object_set_new (model, "min_sample",
                         json_pack ("{s:n, s:n}", "population", "required"));
    break;
  case STORE_BUSY:
  case STORE_HARD_ERROR:
    *st = STORE_HARD_ERROR;
    json_decref (model);
    model = NULL;
    goto cleanup;
  }
  *st = STORE_OK;
cleanup:
  free (rows);
  free (dist);
  free (services);
  return model;
}

