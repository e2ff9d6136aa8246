/*
 * Survey results: the IKM of a unit for a quarter, semester or year, per
 * unsur, per service type and overall, as JSON (GET /api/v1/u/{unit}/ikm)
 * and as the public results page with hand-written SVG bars.  Both come
 * from one model built by ikm_model().
 */
#include "handlers.h"
#include "ikm.h"
#include "ikm_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
  /* Room around the drawing for the glyphs' own overhang: Noto Sans (the
     fonts the documents embed) reaches further below the baseline and
     past the advance than DejaVu did. */
  int h = axis_y + 10;
  buf_printf (b, "<svg class=\"chart\" viewBox=\"-6 0 %d %d\" role=\"img\" "
                 "aria-labelledby=\"chart-title\" "
                 "xmlns=\"http://www.w3.org/2000/svg\">"
                 "<title id=\"chart-title\">Nilai per unsur pelayanan "
                 "(skala 25 sampai 100)</title>", width + 12, h);
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
