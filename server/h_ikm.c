/*
 * Survey results: the IKM of a unit for a quarter, semester or year, per
 * unsur, per service type and overall, as JSON (GET /api/v1/u/{unit}/ikm)
 * and as the public results page with hand-written SVG bars.  Both come
 * from one model built by ikm_model().
 */
#include "handlers.h"
#include "ikm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* The results model of API.md; NULL with *ST set on a store failure. */
static json_t *
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

  if (STORE_OK != (*st = store_survey_totals (app->store, unit->id, f->id,
                                              p->from, p->to, &rows,
                                              &n_rows))
      || STORE_OK != (*st = store_survey_distribution (app->store, unit->id,
                                                       f->id, p->from, p->to,
                                                       &dist, &n_dist))
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

enum hres
h_api_ikm (struct req *r)
{
  struct unit unit;
  struct period p;
  enum store_status st;
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  if (! period_parse (http_query (r, "period"), &p))
    return http_reply_error (r, ERR_INVALID_PERIOD,
                             json_pack ("{s:{s:s, s:s}}", "period", "code",
                                        "invalid_period", "message",
                                        err_message (ERR_INVALID_PERIOD)));
  json_t *m = ikm_model (r->app, &unit, &p, &st);
  if (NULL == m)
    return h_store_error (r, st);
  return http_reply_json (r, 200, m);
}

/* ---- the public page ---- */

static const char *const month_names[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
  "Agustus", "September", "Oktober", "November", "Desember"
};

static void
fmt_date_id (const char *iso, char *out, size_t cap)
{
  int y = atoi (iso), m = atoi (iso + 5), d = atoi (iso + 8);
  snprintf (out, cap, "%d %s %d", d, month_names[(m - 1) % 12], y);
}

static void
period_label (const struct period *p, char *out, size_t cap)
{
  static const char *roman[] = { "", "I", "II", "III", "IV" };
  switch (p->kind)
  {
  case 'S': snprintf (out, cap, "Semester %s %d", roman[p->n], p->year); break;
  case 'Q': snprintf (out, cap, "Triwulan %s %d", roman[p->n], p->year); break;
  default: snprintf (out, cap, "Tahun %d", p->year); break;
  }
}

/* Horizontal bars of NRR x 25 per unsur, on a 25-100 axis.  Built for a
   phone: each unsur gets its own line of text (code and full name on the
   left, the value on the right) above a full-width bar, so nothing has to be
   cut short.  The viewBox is 640 wide; at 360 px the text is ~11 CSS px. */
static void
svg_bars (struct buf *b, json_t *unsur)
{
  const int width = 640, row = 72, top = 4, font = 22, bar = 28;
  const int label_dy = 22, bar_dy = 32;   /* within a row */
  size_t n = json_array_size (unsur);
  int axis_y = top + (int) n * row + 22;
  int h = axis_y + 6;
  buf_printf (b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-labelledby=\"chart-title\" "
                 "xmlns=\"http://www.w3.org/2000/svg\">"
                 "<title id=\"chart-title\">Nilai per unsur pelayanan "
                 "(skala 25 sampai 100)</title>", width, h);
  size_t i;
  json_t *u;
  json_array_foreach (unsur, i, u)
  {
    int y = top + (int) i * row;
    json_t *v = json_object_get (u, "nrr25");
    const char *code = json_string_value (json_object_get (u, "code"));
    const char *name = json_string_value (json_object_get (u, "name"));
    /* The label line: "U1 Persyaratan" left, the value right. */
    buf_printf (b, "<text x=\"0\" y=\"%d\" font-size=\"%d\" "
                   "fill=\"#1b1b1b\">", y + label_dy, font);
    buf_html_escape (b, code ? code : "");
    buf_puts (b, " ");
    buf_html_escape (b, name ? name : "");
    buf_puts (b, "</text>");
    /* The track: light, full width, with the 50 and 75 grid marks. */
    buf_printf (b, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
                   "fill=\"#e9edf2\"/>", y + bar_dy, width, bar);
    if (json_is_real (v))
    {
      double val = json_real_value (v);
      int w = (int) ((val - 25.0) * width / 75.0 + 0.5);
      char shown[16];
      h_fmt_decimal (shown, sizeof shown, val, 2);
      buf_printf (b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
                     "font-weight=\"700\" text-anchor=\"end\" "
                     "fill=\"#1b1b1b\">%s</text>",
                  width, y + label_dy, font, shown);
      for (int t = 50; t <= 75; t += 25)
      {
        int x = (t - 25) * width / 75;
        buf_printf (b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                       "stroke=\"#aeb6bf\" stroke-width=\"1\"/>",
                    x, y + bar_dy, x, y + bar_dy + bar);
      }
      buf_printf (b, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
                     "fill=\"#1f5f99\"><title>", y + bar_dy, w < 1 ? 1 : w,
                  bar);
      buf_html_escape (b, code ? code : "");
      buf_printf (b, ": %s</title></rect>", shown);
    }
    else
      /* No grid marks on an empty track, so the note crosses no line. */
      buf_printf (b, "<text x=\"8\" y=\"%d\" font-size=\"%d\" "
                     "fill=\"#444\">belum ada jawaban</text>",
                  y + bar_dy + bar - 7, font);
  }
  /* The axis under the last bar. */
  for (int t = 25; t <= 100; t += 25)
  {
    int x = (t - 25) * width / 75;
    buf_printf (b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
                   "text-anchor=\"%s\" fill=\"#444\">%d</text>",
                x, axis_y, font,
                t == 25 ? "start" : t == 100 ? "end" : "middle", t);
  }
  buf_puts (b, "</svg>");
}

enum hres
h_ikm_page (struct req *r)
{
  struct unit unit;
  struct period p, cur;
  enum store_status st;
  char label[64], tmp[64], tmp2[64];
  enum hres h = h_unit (r, &unit);
  if (H_CONTINUE != h)
    return h;
  period_quarter_of ((int64_t) time (NULL), unit.utc_offset_min, &cur);
  const char *q = http_query (r, "period");
  bool bad_period = false;
  if (NULL == q || ! period_parse (q, &p))
  {
    bad_period = NULL != q && *q;
    char y[8];
    snprintf (y, sizeof y, "%d", cur.year);
    period_parse (y, &p);
  }
  json_t *m = ikm_model (r->app, &unit, &p, &st);
  if (NULL == m)
    return h_store_error (r, st);

  period_label (&p, label, sizeof label);
  json_t *ctx = h_page_ctx ("Hasil Survei Kepuasan Masyarakat", &unit);
  json_object_set_new (ctx, "m", m);
  json_object_set_new (ctx, "period_label", json_string (label));
  if (bad_period)
    json_object_set_new (ctx, "bad_period", json_true ());
  fmt_date_id (p.from, tmp, sizeof tmp);
  fmt_date_id (p.to, tmp2, sizeof tmp2);
  json_object_set_new (ctx, "from_label", json_string (tmp));
  json_object_set_new (ctx, "to_label", json_string (tmp2));
  h_fmt_int (tmp, sizeof tmp, json_integer_value (json_object_get (m,
                                                  "respondents")));
  json_object_set_new (ctx, "respondents_label", json_string (tmp));
  json_t *ikm25 = json_object_get (m, "ikm25");
  if (json_is_real (ikm25))
  {
    h_fmt_decimal (tmp, sizeof tmp, json_real_value (ikm25), 2);
    json_object_set_new (ctx, "ikm25_label", json_string (tmp));
    h_fmt_decimal (tmp, sizeof tmp,
                   json_real_value (json_object_get (m, "ikm")), 4);
    json_object_set_new (ctx, "ikm_label", json_string (tmp));
  }
  else
  {
    json_object_set_new (ctx, "ikm25_label", json_null ());
    json_object_set_new (ctx, "ikm_label", json_null ());
  }
  /* Display strings per unsur and service.  A missing label is set to an
     explicit null: a template lookup of a missing key walks up the context
     stack and would find the page-wide label (the overall IKM). */  size_t i;
  json_t *u;
  json_array_foreach (json_object_get (m, "unsur"), i, u)
  {
    json_t *v = json_object_get (u, "nrr25");
    if (json_is_real (v))
    {
      h_fmt_decimal (tmp, sizeof tmp, json_real_value (v), 2);
      json_object_set_new (u, "nrr25_label", json_string (tmp));
      h_fmt_decimal (tmp, sizeof tmp,
                     json_real_value (json_object_get (u, "nrr")), 4);
      json_object_set_new (u, "nrr_label", json_string (tmp));
    }
    else
    {
      json_object_set_new (u, "nrr25_label", json_null ());
      json_object_set_new (u, "nrr_label", json_null ());
    }
  }
  json_array_foreach (json_object_get (m, "services"), i, u)
  {
    json_t *v = json_object_get (u, "ikm25");
    if (json_is_real (v))
    {
      h_fmt_decimal (tmp, sizeof tmp, json_real_value (v), 2);
      json_object_set_new (u, "ikm25_label", json_string (tmp));
    }
    else
      json_object_set_new (u, "ikm25_label", json_null ());
  }
  json_t *ms = json_object_get (m, "min_sample");
  if (json_is_integer (json_object_get (ms, "required")))
  {
    h_fmt_int (tmp, sizeof tmp, json_integer_value (json_object_get (ms,
                                                    "population")));
    json_object_set_new (ctx, "population_label", json_string (tmp));
    h_fmt_int (tmp, sizeof tmp, json_integer_value (json_object_get (ms,
                                                    "required")));
    json_object_set_new (ctx, "required_label", json_string (tmp));
  }
  struct buf svg = { 0 };
  svg_bars (&svg, json_object_get (m, "unsur"));
  json_object_set_new (ctx, "chart", json_string (svg.p ? svg.p : ""));
  buf_free (&svg);

  /* The period selector: this year and last, year, semesters, quarters. */
  json_t *opts = json_array ();
  for (int y = cur.year; y >= cur.year - 1; y--)
  {
    const char *suffix[] = { "", "-S1", "-S2", "-Q1", "-Q2", "-Q3", "-Q4" };
    for (size_t k = 0; k < 7; k++)
    {
      struct period op;
      char key[16];
      snprintf (key, sizeof key, "%d%s", y, suffix[k]);
      period_parse (key, &op);
      period_label (&op, label, sizeof label);
      json_array_append_new (opts, json_pack ("{s:s, s:s, s:b}", "value",
                                              op.key, "label", label,
                                              "selected",
                                              0 == strcmp (op.key, p.key)));
    }
  }
  json_object_set_new (ctx, "periods", opts);
  return http_reply_html (r, 200, "results.html", ctx);
}
