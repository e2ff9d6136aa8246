/*
 * The complaint documents (REPORTS.md §3.1-3.3): D1 pengaduan-monev, D1a
 * pengaduan-rekap-lapor, D1b pengaduan-register, D2
 * pengaduan-tindak-lanjut.  Each is a model built from the cohort folded
 * at the cut-off (cohort.h) and a layout of that model.
 */
#include "docs.h"
#include "cohort.h"
#include "complaint.h"
#include "complaint_status.h"
#include "ikm_model.h"
#include "roles.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUNSUR 9

/* ---- shared pieces ---- */

static const struct coded *
category_of (struct report_ctx *x, int64_t id)
{
  for (size_t i = 0; i < x->n_cats; i++)
    if (x->cats[i].id == id)
      return &x->cats[i];
  return NULL;
}

static const struct coded *
section_of (struct report_ctx *x, int64_t id)
{
  for (size_t i = 0; i < x->n_sections; i++)
    if (x->sections[i].id == id)
      return &x->sections[i];
  return NULL;
}

static json_t *
day_json (int32_t day)
{
  if (day < 0)
    return json_null ();
  char iso[11];
  cal_format (day, iso);
  return json_string (iso);
}

static json_t *
unsur_list (unsigned int mask)
{
  static const char *const codes[NUNSUR] = { "U1", "U2", "U3", "U4", "U5",
                                             "U6", "U7", "U8", "U9" };
  json_t *a = json_array ();
  for (int u = 0; u < NUNSUR; u++)
    if (mask & (1u << u))
      json_array_append_new (a, json_string_nocheck (codes[u]));
  return a;
}

/* One register row (T13, D1a, D1b).  Built with direct sets, not
   json_pack: a register has one row per complaint of the period (100,000
   in the bench) and the format string's parsing was a third of its cost. */
static json_t *
jstr_or_null (const char *s)
{
  return s && *s ? json_string_nocheck (s) : json_null ();
}

/* The values most register rows share (channel, class, category,
   section, status, dates, unsur lists, small durations), made once and
   referenced by every row that has them: a register of 100,000 rows made
   and freed two million values otherwise.  The values are exactly those
   register_row would make (a value that could not be made, NULL, leaves
   its key out of every row alike). */
#define REG_HK_MAX 1024
struct reg_pool {
  struct report_ctx *x;
  json_t *channel[CH__COUNT + 1], *klass[CL__COUNT + 1];
  json_t **cat_code, **cat_name;      /* n_cats + 1: the last for none */
  json_t **sec_code, **sec_name;      /* n_sections */
  json_t *sec_none_name;
  json_t *status[CS__COUNT];
  json_t *source[2];
  json_t *unsur[1u << NUNSUR];
  json_t *hk[REG_HK_MAX];
  json_t **day;                       /* from day0, n_day */
  int32_t day0;
  size_t n_day;
  char rdate[11];                     /* the last received_date */
  json_t *rdate_v;
  bool made[1u << NUNSUR];
};

static void
reg_pool_init (struct reg_pool *p, struct report_ctx *x)
{
  memset (p, 0, sizeof *p);
  p->x = x;
  for (int i = 0; i <= CH__COUNT; i++)
    p->channel[i] = json_string_nocheck (i < CH__COUNT ? cohort_channel_id[i]
                                                       : "");
  for (int i = 0; i <= CL__COUNT; i++)
    p->klass[i] = json_string_nocheck (i < CL__COUNT ? cohort_class_id[i]
                                                     : "");
  p->cat_code = calloc (x->n_cats + 1, sizeof *p->cat_code);
  p->cat_name = calloc (x->n_cats + 1, sizeof *p->cat_name);
  p->sec_code = calloc (x->n_sections + 1, sizeof *p->sec_code);
  p->sec_name = calloc (x->n_sections + 1, sizeof *p->sec_name);
  for (size_t i = 0; p->cat_code && p->cat_name && i <= x->n_cats; i++)
  {
    p->cat_code[i] = json_string (i < x->n_cats ? x->cats[i].code : "");
    p->cat_name[i] = json_string (i < x->n_cats ? x->cats[i].name : "");
  }
  for (size_t i = 0; p->sec_code && p->sec_name && i < x->n_sections; i++)
  {
    p->sec_code[i] = json_string (x->sections[i].code);
    p->sec_name[i] = json_string (x->sections[i].name);
  }
  p->sec_none_name = json_string ("");
  for (int i = 0; i < CS__COUNT; i++)
    p->status[i] = json_string_nocheck (cstatus_name (i));
  p->source[0] = json_string_nocheck ("live");
  p->source[1] = json_string_nocheck ("impor");
}

static void
reg_pool_free (struct reg_pool *p)
{
  struct report_ctx *x = p->x;
  for (int i = 0; i <= CH__COUNT; i++)
    json_decref (p->channel[i]);
  for (int i = 0; i <= CL__COUNT; i++)
    json_decref (p->klass[i]);
  for (size_t i = 0; p->cat_code && p->cat_name && i <= x->n_cats; i++)
  {
    json_decref (p->cat_code[i]);
    json_decref (p->cat_name[i]);
  }
  for (size_t i = 0; p->sec_code && p->sec_name && i < x->n_sections; i++)
  {
    json_decref (p->sec_code[i]);
    json_decref (p->sec_name[i]);
  }
  free (p->cat_code);
  free (p->cat_name);
  free (p->sec_code);
  free (p->sec_name);
  json_decref (p->sec_none_name);
  for (int i = 0; i < CS__COUNT; i++)
    json_decref (p->status[i]);
  json_decref (p->source[0]);
  json_decref (p->source[1]);
  for (size_t i = 0; i < sizeof p->unsur / sizeof *p->unsur; i++)
    json_decref (p->unsur[i]);
  for (size_t i = 0; i < REG_HK_MAX; i++)
    json_decref (p->hk[i]);
  for (size_t i = 0; i < p->n_day; i++)
    json_decref (p->day[i]);
  free (p->day);
  json_decref (p->rdate_v);
  memset (p, 0, sizeof *p);
}

/* day_json (DAY), shared: a new reference. */
static json_t *
reg_day (struct reg_pool *p, int32_t day)
{
  if (day < 0)
    return json_null ();
  if (0 == p->n_day || day < p->day0
      || (size_t) (day - p->day0) >= p->n_day)
  {
    /* Grow the window to hold DAY (a period and its cut-off: a few
       hundred days; anything far outside is made afresh). */
    int32_t lo = p->n_day ? (day < p->day0 ? day : p->day0) : day;
    int32_t hi = p->n_day ? (int32_t) (p->day0 + (int32_t) p->n_day - 1) : day;
    if (day > hi)
      hi = day;
    size_t n = (size_t) (hi - lo) + 1;
    if (n > 4096)
      return day_json (day);
    json_t **d = calloc (n, sizeof *d);
    if (NULL == d)
      return day_json (day);
    for (size_t i = 0; i < p->n_day; i++)
      d[(size_t) (p->day0 - lo) + i] = p->day[i];
    free (p->day);
    p->day = d;
    p->day0 = lo;
    p->n_day = n;
  }
  json_t **v = &p->day[day - p->day0];
  if (NULL == *v)
    *v = day_json (day);
  return json_incref (*v);
}

static json_t *
reg_ref (json_t *v)
{
  return json_incref (v);
}

/* Set K of R to V (stolen); false when V is NULL (out of memory) or the
   set failed, so that no row keeps a value of the row before. */
static bool
reg_set (json_t *r, const char *k, json_t *v)
{
  return NULL != v && 0 == json_object_set_new_nocheck (r, k, v);
}

/* Row NO of the register (T13), complaint C, into the object R (the same
   object for every row: its keys stay, their values are replaced). */
static bool
register_row (struct reg_pool *p, json_t *r, const struct cf *c, size_t no)
{
  struct report_ctx *x = p->x;
  const struct coded *k = category_of (x, c->category_id);
  const struct coded *s = section_of (x, c->section_id);
  size_t ki = k ? (size_t) (k - x->cats) : x->n_cats;
  size_t si = s ? (size_t) (s - x->sections) : 0;
  json_t *tepat = json_null ();
  if (c->o2 == OUT_TEPAT)
    tepat = json_true ();
  else if (c->o2 == OUT_TERLAMBAT_SELESAI || c->o2 == OUT_TERLAMBAT_BELUM)
    tepat = json_false ();
  bool ok = true;
  if (NULL == p->rdate_v || strcmp (p->rdate, c->received_date))
  {
    json_decref (p->rdate_v);
    snprintf (p->rdate, sizeof p->rdate, "%s", c->received_date);
    p->rdate_v = strlen (c->received_date) < sizeof p->rdate
                 ? json_string_nocheck (c->received_date) : NULL;
  }
  unsigned int um = c->unsur & ((1u << NUNSUR) - 1);
  if (um == c->unsur && ! p->made[um])
  {
    p->unsur[um] = unsur_list (um);
    p->made[um] = true;
  }
  ok &= reg_set (r, "no", json_integer ((json_int_t) no));
  ok &= reg_set (r, "tracking", json_string_nocheck (c->tracking));
  ok &= reg_set (r, "lapor_id", jstr_or_null (c->lapor_id));
  ok &= reg_set (r, "received_date", p->rdate_v
                 ? reg_ref (p->rdate_v)
                 : json_string_nocheck (c->received_date));
  ok &= reg_set (r, "channel", reg_ref (
                   p->channel[c->channel >= 0 && c->channel < CH__COUNT
                              ? c->channel : CH__COUNT]));
  ok &= reg_set (r, "class", reg_ref (
                   p->klass[c->klass >= 0 && c->klass < CL__COUNT
                            ? c->klass : CL__COUNT]));
  ok &= reg_set (r, "category", p->cat_code ? reg_ref (p->cat_code[ki])
                                            : json_string (k ? k->code : ""));
  ok &= reg_set (r, "category_name", p->cat_name
                 ? reg_ref (p->cat_name[ki])
                 : json_string (k ? k->name : ""));
  ok &= reg_set (r, "unsur", um == c->unsur ? reg_ref (p->unsur[um])
                                            : unsur_list (c->unsur));
  ok &= reg_set (r, "section", NULL == s ? json_null ()
                 : p->sec_code ? reg_ref (p->sec_code[si])
                 : json_string (s->code));
  ok &= reg_set (r, "section_name", NULL == s
                 ? reg_ref (p->sec_none_name)
                 : p->sec_name ? reg_ref (p->sec_name[si])
                 : json_string (s->name));
  ok &= reg_set (r, "status", c->status >= 0 && c->status < CS__COUNT
                 ? reg_ref (p->status[c->status])
                 : json_string_nocheck (cstatus_name (c->status)));
  ok &= reg_set (r, "tgl_disposisi", reg_day (p, c->st.s2));
  ok &= reg_set (r, "tgl_tindak_lanjut", reg_day (p, c->st.e2));
  json_t *hk = json_null ();
  if (c->hk_tl >= 0 && c->hk_tl < REG_HK_MAX)
  {
    if (NULL == p->hk[c->hk_tl])
      p->hk[c->hk_tl] = json_integer (c->hk_tl);
    hk = reg_ref (p->hk[c->hk_tl]);
  }
  else if (c->hk_tl >= 0)
    hk = json_integer (c->hk_tl);
  ok &= reg_set (r, "hk_sejak_berkas_lengkap", hk);
  ok &= reg_set (r, "tepat_waktu", tepat);
  ok &= reg_set (r, "ringkasan", c->pub ? json_string (c->pub)
                                        : json_null ());
  ok &= reg_set (r, "source", reg_ref (p->source[c->imported ? 1 : 0]));
  return ok;
}

/* The register of a document: its cohort, and the one row object every
   row is made in, for report_rows_add. */
struct reg_src {
  struct reg_pool pool;
  struct cohort co;
  json_t *row;
};

static const json_t *
reg_get (void *cls, size_t i)
{
  struct reg_src *s = cls;
  return register_row (&s->pool, s->row, &s->co.c[i], i + 1) ? s->row
                                                                : NULL;
}

static void
reg_src_free (void *cls)
{
  struct reg_src *s = cls;
  reg_pool_free (&s->pool);
  cohort_free (&s->co);
  json_decref (s->row);
  free (s);
}

/* M's "register": the rows of *CO in order, made when they are written
   (the JSON text) or laid out.  *CO moves into the register (left
   empty).  False when out of memory. */
static bool
register_rows (struct report_ctx *x, json_t *m, struct cohort *co)
{
  struct reg_src *s = calloc (1, sizeof *s);
  json_t *row = json_object ();
  if (NULL == s || NULL == row)
  {
    free (s);
    json_decref (row);
    return false;
  }
  reg_pool_init (&s->pool, x);
  s->co = *co;
  memset (co, 0, sizeof *co);
  s->row = row;
  return report_rows_add (x, m, "register", s->co.n, reg_get, s,
                          reg_src_free);
}

/* The period before P of the same kind. */
static bool
period_prev (const struct period *p, struct period *out)
{
  char key[12];
  if (p->kind == 'Y')
    snprintf (key, sizeof key, "%04d", p->year - 1);
  else if (p->n > 1)
    snprintf (key, sizeof key, "%04d-%c%d", p->year, p->kind, p->n - 1);
  else
    snprintf (key, sizeof key, "%04d-%c%d", p->year - 1, p->kind,
              p->kind == 'S' ? 2 : 4);
  return period_parse (key, out);
}

static int64_t
day_end_ts (struct report_ctx *x, int32_t day)
{
  return ((int64_t) day + 1) * 86400 - 1
         - (int64_t) x->unit.utc_offset_min * 60;
}

/* Counts of the whole cohort (T0 and the sentences). */
static void
summary_of (const struct cohort *co, struct cgroup *g)
{
  memset (g, 0, sizeof *g);
  for (size_t i = 0; i < co->n; i++)
    cgroup_add (g, &co->c[i]);
}

static const char *
str (const json_t *o, const char *k)
{
  const char *s = json_string_value (json_object_get (o, k));
  return s ? s : "";
}

static int64_t
num (const json_t *o, const char *k)
{
  return json_integer_value (json_object_get (o, k));
}

/* ---- D1: the model ---- */

static json_t *
stage_json (const struct cohort *co, int stage, int batas)
{
  int64_t o[OUT__COUNT] = { 0 };
  int64_t pop = 0;
  struct rstat hk = { 0 };
  for (size_t i = 0; i < co->n; i++)
  {
    const struct cf *c = &co->c[i];
    enum outcome out = stage == 1 ? c->o1 : c->o2;
    if (out == OUT_NONE)
      continue;
    pop++;
    o[out]++;
    int h = stage == 1 ? c->hk1 : c->hk2;
    if (h >= 0)
      rstat_add (&hk, h);
  }
  json_t *j = json_pack ("{s:i, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:o,"
                         " s:o, s:o}",
                         "batas_hk", batas, "populasi", (json_int_t) pop,
                         "tepat", (json_int_t) o[OUT_TEPAT],
                         "terlambat_selesai",
                         (json_int_t) o[OUT_TERLAMBAT_SELESAI],
                         "terlambat_belum_selesai",
                         (json_int_t) o[OUT_TERLAMBAT_BELUM],
                         "belum_jatuh_tempo",
                         (json_int_t) o[OUT_BELUM_JATUH_TEMPO],
                         "pct_tepat", rjson_pct (o[OUT_TEPAT],
                                                 o[OUT_TEPAT]
                                                 + o[OUT_TERLAMBAT_SELESAI]
                                                 + o[OUT_TERLAMBAT_BELUM]),
                         "n", (json_int_t) hk.n,
                         "median", rjson_real (rstat_median (&hk)),
                         "mean", rjson_real (rstat_mean (&hk)),
                         "max", hk.n ? json_integer (hk.max) : json_null ());
  rstat_free (&hk);
  return j;
}

/* Unsur names from the current SKM form; the code itself when the form
   gives none (a string that outlives the call, not a local buffer). */
static const char *
unsur_name (struct report_ctx *x, int u)
{
  static const char *const codes[] = { "U1", "U2", "U3", "U4", "U5", "U6",
                                       "U7", "U8", "U9" };
  const char *code = u >= 0 && u < (int) (sizeof codes / sizeof codes[0])
                     ? codes[u] : "U?";
  const struct form_field *f = form_field_find (x->app->survey, code);
  const char *n = f ? json_string_value (json_object_get (f->def, "unsur"))
                    : NULL;
  return n ? n : code;
}

/* T9: complaints per unsur beside the SKM of the same period. */
static json_t *
by_unsur_json (struct report_ctx *x, const struct cohort *co)
{
  enum store_status st;
  json_t *ikm = ikm_model (x->app, &x->unit, &x->prm.period, &st);
  int64_t cnt[NUNSUR + 1] = { 0 };
  for (size_t i = 0; i < co->n; i++)
  {
    if (0 == co->c[i].unsur)
      cnt[NUNSUR]++;
    for (int u = 0; u < NUNSUR; u++)
      if (co->c[i].unsur & (1u << u))
        cnt[u]++;
  }
  json_t *rows = json_array ();
  for (int u = 0; u <= NUNSUR; u++)
  {
    json_t *konv = json_null (), *mutu = json_null ();
    if (u < NUNSUR && ikm)
    {
      size_t k;
      json_t *e;
      char code[4];
      snprintf (code, sizeof code, "U%d", u + 1);
      json_array_foreach (json_object_get (ikm, "unsur"), k, e)
        if (0 == strcmp (str (e, "code"), code)
            && json_is_number (json_object_get (e, "nrr25")))
        {
          double v = json_number_value (json_object_get (e, "nrr25"));
          const struct ikm_grade *g = ikm_grade_of (
            (int) llround (v * 100), x->app->survey->grades,
            x->app->survey->n_grades);
          konv = json_real (v);
          mutu = g ? json_string (g->mutu) : json_null ();
        }
    }
    char id[20];
    if (u < NUNSUR)
      snprintf (id, sizeof id, "U%d", u + 1);
    else
      snprintf (id, sizeof id, "TIDAK_DIKAITKAN");
    json_array_append_new (rows, json_pack (
                             "{s:s, s:s, s:I, s:o, s:o, s:o}", "id", id,
                             "name", u < NUNSUR ? unsur_name (x, u)
                                                : "Tidak dikaitkan",
                             "pengaduan", (json_int_t) cnt[u], "pct_masuk",
                             rjson_pct (cnt[u], (int64_t) co->n),
                             "konversi", konv, "mutu", mutu));
  }
  json_decref (ikm);
  return rows;
}

/* G3: the last four periods of this kind, each at its own period end. */
static json_t *
trend_json (struct report_ctx *x, const struct cohort *current)
{
  struct period ps[4];
  ps[3] = x->prm.period;
  for (int i = 2; i >= 0; i--)
    if (! period_prev (&ps[i + 1], &ps[i]))
      return NULL;
  json_t *rows = json_array ();
  for (int i = 0; i < 4; i++)
  {
    struct cohort co, *use = &co;
    if (i == 3)
      use = (struct cohort *) current;
    else
    {
      int32_t end;
      cal_parse (ps[i].to, &end);
      if (! cohort_load (x, ps[i].from, ps[i].to, 0, day_end_ts (x, end),
                         end, &co))
      {
        json_decref (rows);
        return NULL;
      }
    }
    struct cgroup g;
    summary_of (use, &g);
    int64_t harus = g.masuk - g.diarsipkan - g.bukan_wewenang;
    int64_t due = g.o2[OUT_TEPAT] + g.o2[OUT_TERLAMBAT_SELESAI]
                  + g.o2[OUT_TERLAMBAT_BELUM];
    json_array_append_new (rows, json_pack (
                             "{s:s, s:I, s:o, s:o}", "id", ps[i].key,
                             "masuk", (json_int_t) g.masuk,
                             "pct_ditindaklanjuti",
                             rjson_pct (g.ditindaklanjuti, harus),
                             "pct_tepat_tindak_lanjut",
                             rjson_pct (g.o2[OUT_TEPAT], due)));
    cgroup_free (&g);
    if (i != 3)
      cohort_free (&co);
  }
  return rows;
}

/* II.C: channels used in the 12 months up to the cut-off. */
/* Counts per channel of the complaints received in [D0, D1] outside the
   period, added to N and LAPOR. */
static bool
channel_counts_add (struct report_ctx *x, int32_t d0, int32_t d1,
                    int64_t n[CH__COUNT], int64_t lapor[CH__COUNT])
{
  if (d0 > d1)
    return true;
  char from[11], to[11];
  cal_format (d0, from);
  cal_format (d1, to);
  struct rs_channel_count *rows = NULL;
  size_t nr = 0;
  if (STORE_OK != rs_channel_counts (x->app->store, x->unit.id, from, to,
                                     &rows, &nr))
    return false;
  for (int ch = 0; ch < CH__COUNT; ch++)
    for (size_t i = 0; i < nr; i++)
      if (0 == strcmp (rows[i].channel, cohort_channel_id[ch]))
      {
        n[ch] += rows[i].n;
        lapor[ch] += rows[i].with_lapor;
      }
  free (rows);
  return true;
}

static json_t *
channels_json (struct report_ctx *x, const struct cohort *co)
{
  /* The channels in use over the year up to the cut-off: the period's
     complaints are in CO already; only the days of the year outside the
     period are read. */
  int32_t w0 = x->cutoff_day - 364, w1 = x->cutoff_day;
  char from[11];
  cal_format (w0, from);
  int64_t n[CH__COUNT] = { 0 }, lap[CH__COUNT] = { 0 };
  for (size_t i = 0; i < co->n; i++)
  {
    const struct cf *c = &co->c[i];
    if (c->received_day < w0 || c->received_day > w1 || c->channel < 0
        || c->channel >= CH__COUNT)
      continue;
    n[c->channel]++;
    lap[c->channel] += '\0' != c->lapor_id[0];
  }
  if (! channel_counts_add (x, w0, x->from_day - 1 < w1 ? x->from_day - 1
                                                         : w1, n, lap)
      || ! channel_counts_add (x, x->to_day + 1 > w0 ? x->to_day + 1 : w0,
                               w1, n, lap))
    return NULL;
  json_t *active = json_array ();
  bool lapor = false;
  for (int ch = 0; ch < CH__COUNT; ch++)
    if (n[ch])
    {
      json_array_append_new (active, json_string (cohort_channel_id[ch]));
      lapor = lapor || lap[ch] > 0;
    }
  json_t *addr = json_loads (x->profile.channels, 0, NULL);
  if (! json_is_array (addr))
  {
    json_decref (addr);
    addr = json_array ();
  }
  return json_pack ("{s:s, s:s, s:o, s:b, s:o}", "dari", from, "sampai",
                    x->prm.cutoff, "aktif", active, "lapor_terintegrasi",
                    lapor, "alamat", addr);
}

/* The generated sentences of D1 (§1.4). */
static json_t *
d1_kalimat (struct report_ctx *x, const json_t *m)
{
  json_t *k = json_array ();
  char label[64], a[32], b[32];
  rm_period_label (&x->prm.period, label, sizeof label);
  const json_t *s = json_object_get (m, "summary");
  int64_t masuk = num (s, "masuk"), harus = num (s, "harus_ditindaklanjuti");
  if (0 == masuk)
  {
    json_array_append_new (k, json_sprintf (
                             "Selama %s tidak terdapat pengaduan masyarakat"
                             " yang diterima (nihil).", label));
    return k;
  }
  fmt_pct (num (s, "ditindaklanjuti"), harus, a, sizeof a);
  fmt_pct (num (s, "selesai"), harus, b, sizeof b);
  if (harus > 0)
    json_array_append_new (k, json_sprintf (
                             "Selama %s diterima %lld pengaduan, %lld di"
                             " antaranya wajib ditindaklanjuti; %lld (%s %%)"
                             " telah ditindaklanjuti dan %lld (%s %%) telah"
                             " selesai.", label, (long long) masuk,
                             (long long) harus,
                             (long long) num (s, "ditindaklanjuti"), a,
                             (long long) num (s, "selesai"), b));
  else
    json_array_append_new (k, json_sprintf (
                             "Selama %s diterima %lld pengaduan; tidak ada"
                             " pengaduan yang wajib ditindaklanjuti (seluruhnya"
                             " diarsipkan atau bukan wewenang unit).", label,
                             (long long) masuk));
  const json_t *t = json_object_get (m, "timeliness");
  const json_t *v = json_object_get (t, "verifikasi");
  const json_t *f = json_object_get (t, "tindak_lanjut");
  if (json_is_number (json_object_get (f, "pct_tepat")))
  {
    fmt_dec (json_number_value (json_object_get (f, "pct_tepat")), 2, a,
             sizeof a);
    char c[32] = "–";
    if (json_is_number (json_object_get (v, "pct_tepat")))
      fmt_dec (json_number_value (json_object_get (v, "pct_tepat")), 2, c,
               sizeof c);
    json_array_append_new (k, json_sprintf (
                             "Ketepatan waktu tahap verifikasi dan disposisi"
                             " %s %% (batas %d HK) dan tahap tindak lanjut %s"
                             " %% (batas %d HK).", c, x->hk_verify, a,
                             x->hk_followup));
  }
  /* The channel with the most overdue follow-ups. */
  const json_t *ch;
  size_t i;
  int64_t worst = 0;
  const char *worst_label = NULL;
  json_array_foreach (json_object_get (m, "by_channel"), i, ch)
  {
    int64_t late = num (ch, "terlambat_tindak_lanjut");
    if (late > worst)
    {
      worst = late;
      worst_label = str (ch, "label");
    }
  }
  if (worst_label)
    json_array_append_new (k, json_sprintf (
                             "Keterlambatan tindak lanjut terbanyak terjadi"
                             " pada kanal %s (%lld pengaduan).", worst_label,
                             (long long) worst));
  /* The unsur with the most complaints. */
  const json_t *u, *top = NULL;
  json_array_foreach (json_object_get (m, "by_unsur"), i, u)
    if (i < NUNSUR && num (u, "pengaduan") > 0
        && (NULL == top || num (u, "pengaduan") > num (top, "pengaduan")))
      top = u;
  if (top)
  {
    char kv[96] = "";
    if (json_is_number (json_object_get (top, "konversi")))
    {
      fmt_dec (json_number_value (json_object_get (top, "konversi")), 2, a,
               sizeof a);
      snprintf (kv, sizeof kv, "; nilai konversi SKM unsur ini %s", a);
    }
    json_array_append_new (k, json_sprintf (
                             "Unsur pelayanan yang paling banyak dikaitkan"
                             " dengan pengaduan adalah %s (%lld pengaduan%s).",
                             str (top, "name"),
                             (long long) num (top, "pengaduan"), kv));
  }
  const json_t *co = json_object_get (m, "carry_over");
  if (num (co, "jumlah") > 0)
    json_array_append_new (k, json_sprintf (
                             "Dari periode sebelumnya terbawa %lld pengaduan"
                             " yang belum selesai; %lld di antaranya telah"
                             " ditindaklanjuti per %s.",
                             (long long) num (co, "jumlah"),
                             (long long) num (co, "ditindaklanjuti"),
                             str (m, "cutoff")));
  return k;
}

/* The parts D1, D1a and D1b share: the cohort R and its summary. */
static json_t *
complaint_model (struct report_ctx *x, const char *const *lke_docs,
                 struct cohort *co, char *err, size_t errlen)
{
  if (! cohort_load (x, x->prm.period.from, x->prm.period.to, x->from_ts - 1,
                     x->cutoff_ts, x->cutoff_day, co))
  {
    snprintf (err, errlen, "cannot read the complaints");
    return NULL;
  }
  json_t *m = rm_frame (x, lke_docs);
  rm_set_records (m, (json_int_t) co->n);
  struct cgroup g;
  summary_of (co, &g);
  json_t *sum = cgroup_json (&g);
  json_object_del (sum, "pct_tepat_tindak_lanjut");
  json_object_del (sum, "median_hk");
  json_object_set_new (sum, "nihil", json_boolean (0 == co->n));
  json_object_set_new (m, "summary", sum);
  int64_t harus = g.masuk - g.diarsipkan - g.bukan_wewenang;
  json_object_set_new (m, "lke_reform", json_pack (
                         "{s:I, s:I, s:I, s:o}", "harus", (json_int_t) harus,
                         "diproses", (json_int_t) (harus - g.selesai),
                         "selesai", (json_int_t) g.selesai, "persen",
                         rjson_pct (g.selesai, harus)));
  cgroup_free (&g);
  return m;
}

static json_t *
d1_model (struct report_ctx *x, char *err, size_t errlen)
{
  static const char *const lke[] = { "pengaduan-monev", NULL };
  struct cohort co;
  json_t *m = complaint_model (x, lke, &co, err, errlen);
  if (NULL == m)
    return NULL;
  const struct period *p = &x->prm.period;
  int m0 = atoi (p->from + 5), m1 = atoi (p->to + 5);

  /* T1: categories x months. */
  json_t *months = json_array ();
  for (int mo = m0; mo <= m1; mo++)
    json_array_append_new (months, json_sprintf ("%04d-%02d", p->year, mo));
  json_t *rows = json_array ();
  int64_t tot[12] = { 0 }, all = 0;
  size_t n_known = x->n_cats;
  for (size_t k = 0; k <= n_known; k++)
  {
    int64_t cnt[12] = { 0 }, sum = 0;
    for (size_t i = 0; i < co.n; i++)
    {
      bool mine = k < n_known ? co.c[i].category_id == x->cats[k].id
                              : NULL == category_of (x, co.c[i].category_id);
      if (! mine)
        continue;
      int mo = atoi (co.c[i].received_date + 5);
      cnt[mo - m0]++;
      sum++;
    }
    if (k == n_known && 0 == sum)
      break;     /* complaints of a retired category get their own row */
    json_t *mm = json_object ();
    for (int mo = m0; mo <= m1; mo++)
    {
      json_object_set_new (mm, json_string_value (json_array_get (
                                                    months, mo - m0)),
                           json_integer (cnt[mo - m0]));
      tot[mo - m0] += cnt[mo - m0];
    }
    all += sum;
    json_array_append_new (rows, json_pack (
                             "{s:s, s:s, s:o, s:I}", "id",
                             k < n_known ? x->cats[k].code : "LAINNYA_NONAKTIF",
                             "name", k < n_known ? x->cats[k].name
                                     : "Kategori tidak aktif",
                             "months", mm, "jumlah", (json_int_t) sum));
  }
  json_t *tm = json_object ();
  for (int mo = m0; mo <= m1; mo++)
    json_object_set_new (tm, json_string_value (json_array_get (months,
                                                                mo - m0)),
                         json_integer (tot[mo - m0]));
  json_object_set_new (m, "by_month_category", json_pack (
                         "{s:o, s:o, s:{s:o, s:I}}", "months", months,
                         "rows", rows, "jumlah", "months", tm, "jumlah",
                         (json_int_t) all));

  /* G1: per month by status group. */
  json_t *g1 = json_array ();
  for (int mo = m0; mo <= m1; mo++)
  {
    int64_t sel = 0, tl = 0, proc = 0, out = 0;
    for (size_t i = 0; i < co.n; i++)
    {
      if (atoi (co.c[i].received_date + 5) != mo)
        continue;
      switch (co.c[i].status)
      {
      case CS_SELESAI: sel++; break;
      case CS_DITINDAKLANJUTI: tl++; break;
      case CS_BUKAN_WEWENANG:
      case CS_DIARSIPKAN: out++; break;
      default: proc++; break;
      }
    }
    json_array_append_new (g1, json_pack (
                             "{s:o, s:I, s:I, s:I, s:I}", "id",
                             json_sprintf ("%04d-%02d", p->year, mo),
                             "selesai", (json_int_t) sel,
                             "ditindaklanjuti_belum_selesai", (json_int_t) tl,
                             "dalam_proses", (json_int_t) proc,
                             "bukan_wewenang_diarsipkan", (json_int_t) out));
  }
  json_object_set_new (m, "by_month_status", g1);

  /* T2a/T2b: per channel; T3: LAPOR! against the rest. */
  json_t *chans = json_array ();
  struct cgroup lv[3];
  memset (lv, 0, sizeof lv);
  for (int ch = 0; ch < CH__COUNT; ch++)
  {
    struct cgroup g = { 0 };
    for (size_t i = 0; i < co.n; i++)
      if (co.c[i].channel == ch)
        cgroup_add (&g, &co.c[i]);
    json_t *r = cgroup_json (&g);
    json_object_set_new (r, "id", json_string (cohort_channel_id[ch]));
    json_object_set_new (r, "label", json_string (cohort_channel_label[ch]));
    json_object_set_new (r, "terlambat_tindak_lanjut", json_integer (
                           g.o2[OUT_TERLAMBAT_SELESAI]
                           + g.o2[OUT_TERLAMBAT_BELUM]));
    json_array_append_new (chans, r);
    cgroup_free (&g);
  }
  for (size_t i = 0; i < co.n; i++)
  {
    cgroup_add (&lv[co.c[i].channel == CH_SP4N_LAPOR ? 0 : 1], &co.c[i]);
    cgroup_add (&lv[2], &co.c[i]);
  }
  json_object_set_new (m, "by_channel", chans);
  static const char *const lv_id[] = { "lapor", "other", "jumlah" };
  static const char *const lv_label[] = { "Melalui SP4N-LAPOR!",
                                          "Di luar SP4N-LAPOR!", "Jumlah" };
  json_t *lvj = json_array ();
  for (int i = 0; i < 3; i++)
  {
    json_t *r = cgroup_json (&lv[i]);
    json_object_set_new (r, "id", json_string (lv_id[i]));
    json_object_set_new (r, "label", json_string (lv_label[i]));
    json_array_append_new (lvj, r);
    cgroup_free (&lv[i]);
  }
  json_object_set_new (m, "lapor_vs_other", lvj);

  /* T4: per category; T5: per class. */
  json_t *cats = json_array ();
  for (size_t k = 0; k < x->n_cats; k++)
  {
    struct cgroup g = { 0 };
    for (size_t i = 0; i < co.n; i++)
      if (co.c[i].category_id == x->cats[k].id)
        cgroup_add (&g, &co.c[i]);
    json_t *r = cgroup_json (&g);
    json_object_set_new (r, "id", json_string (x->cats[k].code));
    json_object_set_new (r, "name", json_string (x->cats[k].name));
    json_array_append_new (cats, r);
    cgroup_free (&g);
  }
  json_object_set_new (m, "by_category", cats);
  json_t *classes = json_array ();
  for (int k = 0; k < CL__COUNT; k++)
  {
    struct cgroup g = { 0 };
    for (size_t i = 0; i < co.n; i++)
      if (co.c[i].klass == k)
        cgroup_add (&g, &co.c[i]);
    json_t *r = cgroup_json (&g);
    json_object_set_new (r, "id", json_string (cohort_class_id[k]));
    json_object_set_new (r, "label", json_string (cohort_class_label[k]));
    json_array_append_new (classes, r);
    cgroup_free (&g);
  }
  json_object_set_new (m, "by_class", classes);

  /* T6: status at the cut-off. */
  json_t *sts = json_array ();
  for (int s = 0; s < CS__COUNT; s++)
  {
    int64_t n = 0;
    for (size_t i = 0; i < co.n; i++)
      n += co.c[i].status == s;
    json_array_append_new (sts, json_pack ("{s:s, s:s, s:I}", "id",
                                           cstatus_name (s), "label",
                                           cohort_status_label[s], "count",
                                           (json_int_t) n));
  }
  json_object_set_new (m, "by_status", sts);

  /* T7: timeliness per stage, and the handling time. */
  struct rstat tl = { 0 };
  for (size_t i = 0; i < co.n; i++)
    if (co.c[i].hk_tl >= 0)
      rstat_add (&tl, co.c[i].hk_tl);
  json_object_set_new (m, "timeliness", json_pack (
                         "{s:o, s:o}", "verifikasi",
                         stage_json (&co, 1, x->hk_verify), "tindak_lanjut",
                         stage_json (&co, 2, x->hk_followup)));
  json_object_set_new (m, "hk_tindak_lanjut", rstat_json (&tl));
  rstat_free (&tl);

  /* T8: per section (of the first disposition). */
  json_t *secs = json_array ();
  for (size_t k = 0; k <= x->n_sections; k++)
  {
    struct cgroup g = { 0 };
    for (size_t i = 0; i < co.n; i++)
    {
      bool mine = k < x->n_sections
                  ? co.c[i].section_id == x->sections[k].id
                  : co.c[i].st.s2 < 0 || NULL == section_of (x,
                                                             co.c[i]
                                                             .section_id);
      if (mine)
        cgroup_add (&g, &co.c[i]);
    }
    json_t *r = cgroup_json (&g);
    json_object_set_new (r, "id", json_string (k < x->n_sections
                                               ? x->sections[k].code
                                               : "BELUM_DIDISPOSISI"));
    json_object_set_new (r, "name", json_string (k < x->n_sections
                                                 ? x->sections[k].name
                                                 : "Belum didisposisi"));
    json_array_append_new (secs, r);
    cgroup_free (&g);
  }
  json_object_set_new (m, "by_section", secs);

  /* T9: per unsur. */
  json_object_set_new (m, "by_unsur", by_unsur_json (x, &co));

  /* T10: privacy, closure, verdicts.  T11: publications. */
  int64_t priv[3] = { 0 }, clo[3] = { 0 }, ns = 0, re = 0, pub = 0;
  for (size_t i = 0; i < co.n; i++)
  {
    const struct cf *c = &co.c[i];
    priv[c->privacy]++;
    if (c->status == CS_SELESAI)
      clo[c->closure == 'p' ? 0 : c->closure == 's' ? 1 : 2]++;
    ns += c->not_solved;
    re += c->reopened;
    pub += NULL != c->pub;
  }
  json_object_set_new (m, "by_privacy", json_pack (
                         "{s:I, s:I, s:I}", "biasa", (json_int_t) priv[0],
                         "rahasia", (json_int_t) priv[1], "anonim",
                         (json_int_t) priv[2]));
  json_object_set_new (m, "closure", json_pack (
                         "{s:I, s:I, s:I}", "pelapor", (json_int_t) clo[0],
                         "sistem", (json_int_t) clo[1], "petugas",
                         (json_int_t) clo[2]));
  json_object_set_new (m, "verdicts", json_pack (
                         "{s:I, s:I}", "dinyatakan_belum_selesai",
                         (json_int_t) ns, "dibuka_kembali", (json_int_t) re));
  json_object_set_new (m, "published", json_integer (pub));

  /* T12: carried over from earlier periods. */
  struct cohort prev;
  char before[11];
  cal_format (x->from_day - 1, before);
  if (! cohort_load (x, "0000-01-01", before, x->from_ts - 1, x->cutoff_ts,
                     x->cutoff_day, &prev))
  {
    snprintf (err, errlen, "cannot read earlier complaints");
    cohort_free (&co);
    json_decref (m);
    return NULL;
  }
  json_t *carry = json_array ();
  int64_t carried = 0, done = 0;
  for (size_t i = 0; i < prev.n; i++)
  {
    const struct cf *c = &prev.c[i];
    if (c->status_start == CS_SELESAI || c->status_start == CS_BUKAN_WEWENANG
        || c->status_start == CS_DIARSIPKAN)
      continue;
    carried++;
    done += c->status == CS_DITINDAKLANJUTI || c->status == CS_SELESAI;
    json_array_append_new (carry, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s, s:o}", "tracking",
                             c->tracking, "received_date", c->received_date,
                             "channel", c->channel >= 0
                             ? cohort_channel_id[c->channel] : "",
                             "status_awal", cstatus_name (c->status_start),
                             "status_cutoff", cstatus_name (c->status),
                             "tgl_tindak_lanjut", day_json (c->tl_day)));
  }
  cohort_free (&prev);
  json_object_set_new (m, "carry_over", json_pack (
                         "{s:I, s:I, s:o}", "jumlah", (json_int_t) carried,
                         "ditindaklanjuti", (json_int_t) done, "rows",
                         carry));

  json_t *trend = trend_json (x, &co);
  json_t *chs = channels_json (x, &co);
  /* T13: the register (the cohort moves into it). */
  bool reg = register_rows (x, m, &co);
  cohort_free (&co);
  if (NULL == trend || NULL == chs || ! reg)
  {
    json_decref (trend);
    json_decref (chs);
    json_decref (m);
    snprintf (err, errlen, "cannot read earlier periods or channels");
    return NULL;
  }
  json_object_set_new (m, "trend", trend);
  json_object_set_new (m, "channels", chs);
  json_object_set_new (m, "activities", rm_activities (x, "rapat_monev"));
  json_t *tlr = tl_json (x, "PENGADUAN");
  if (NULL == tlr)
  {
    json_decref (m);
    snprintf (err, errlen, "cannot read the recommendation tracker");
    return NULL;
  }
  json_object_set_new (m, "tl_rekomendasi", tlr);
  json_object_set_new (m, "kalimat", d1_kalimat (x, m));
  return m;
}

/* ---- D1: the layout ---- */

enum colk { C_INT, C_PCT, C_DEC1 };
struct gcol {
  const char *header;
  const char *key;
  enum colk kind;
  const char *num, *den;      /* C_PCT: the keys of its ratio (formula) */
};

/* A table of group rows (T2-T5, T8): a label column and COLS, with an
   optional total row; percentages carry their formula in the XLSX. */
static struct rd_table *
group_table (struct rd_doc *d, const char *key, const char *number,
             const char *title, const char *label_header,
             const char *label_key, const json_t *rows, const json_t *total,
             const struct gcol *cols, size_t nc)
{
  size_t nr = json_array_size (rows) + (total ? 1 : 0);
  const char **h = rd_alloc (&d->arena, (nc + 2) * sizeof *h);
  h[0] = label_header;
  for (size_t c = 0; c < nc; c++)
    h[c + 1] = cols[c].header;
  struct rd_table *t = rl_table (d, key, number, title, h, nr);
  if (NULL == t)
    return NULL;
  ((double *) t->widths)[0] = 3;
  for (size_t r = 0; r < nr; r++)
  {
    const json_t *row = r < json_array_size (rows) ? json_array_get (rows, r)
                                                   : total;
    rl_text (d, t, r, 0, r < json_array_size (rows) ? str (row, label_key)
                                                    : "Jumlah");
    for (size_t c = 0; c < nc; c++)
    {
      const json_t *v = json_object_get (row, cols[c].key);
      char f[96] = "";
      if (cols[c].kind == C_PCT && cols[c].num && cols[c].den)
      {
        size_t cn = 0, cd = 0;
        for (size_t k = 0; k < nc; k++)
        {
          if (0 == strcmp (cols[k].key, cols[c].num))
            cn = k + 1;
          if (0 == strcmp (cols[k].key, cols[c].den))
            cd = k + 1;
        }
        if (cn && cd)
          rl_pct_formula (r, cn, cd, f);
      }
      else if (cols[c].kind == C_INT && total
               && r == nr - 1 && json_array_size (rows) > 0)
        rl_sum_formula (c + 1, 0, nr - 2, f);
      if (cols[c].kind == C_INT)
        rl_int (d, t, r, c + 1, json_integer_value (v), f[0] ? f : NULL);
      else
        rl_num (d, t, r, c + 1, v, cols[c].kind == C_DEC1 ? 1 : 2,
                f[0] ? f : NULL);
    }
  }
  if (total)
    rl_totals (t, 1);
  return t;
}

static const struct gcol group_cols[] = {
  { "Masuk", "masuk", C_INT, NULL, NULL },
  { "Diarsipkan", "diarsipkan", C_INT, NULL, NULL },
  { "Bukan wewenang", "bukan_wewenang", C_INT, NULL, NULL },
  { "Harus ditindak-lanjuti", "harus_ditindaklanjuti", C_INT, NULL, NULL },
  { "Dalam proses", "dalam_proses", C_INT, NULL, NULL },
  { "Ditindak-lanjuti", "ditindaklanjuti", C_INT, NULL, NULL },
  { "Selesai", "selesai", C_INT, NULL, NULL },
  { "% ditindak-lanjuti", "pct_ditindaklanjuti", C_PCT, "ditindaklanjuti",
    "harus_ditindaklanjuti" },
  { "% selesai", "pct_selesai", C_PCT, "selesai", "harus_ditindaklanjuti" },
  { "% tepat waktu tindak lanjut", "pct_tepat_tindak_lanjut", C_PCT, NULL,
    NULL },
  { "Median HK", "median_hk", C_DEC1, NULL, NULL },
};

static const struct gcol cat_cols[] = {
  { "Masuk", "masuk", C_INT, NULL, NULL },
  { "Harus ditindak-lanjuti", "harus_ditindaklanjuti", C_INT, NULL, NULL },
  { "Dalam proses", "dalam_proses", C_INT, NULL, NULL },
  { "Ditindak-lanjuti", "ditindaklanjuti", C_INT, NULL, NULL },
  { "Selesai", "selesai", C_INT, NULL, NULL },
  { "% ditindak-lanjuti", "pct_ditindaklanjuti", C_PCT, "ditindaklanjuti",
    "harus_ditindaklanjuti" },
  { "% tepat waktu tindak lanjut", "pct_tepat_tindak_lanjut", C_PCT, NULL,
    NULL },
  { "Median HK", "median_hk", C_DEC1, NULL, NULL },
};

static const struct gcol sec_cols[] = {
  { "Masuk", "masuk", C_INT, NULL, NULL },
  { "Harus ditindak-lanjuti", "harus_ditindaklanjuti", C_INT, NULL, NULL },
  { "Ditindak-lanjuti", "ditindaklanjuti", C_INT, NULL, NULL },
  { "Selesai", "selesai", C_INT, NULL, NULL },
  { "% tepat waktu tindak lanjut", "pct_tepat_tindak_lanjut", C_PCT, NULL,
    NULL },
  { "Median HK", "median_hk", C_DEC1, NULL, NULL },
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

/* The register table (T13, D1a, D1b): LAPOR_FIRST puts the LAPOR! id
   first and drops the channel (D1a). */
static struct rd_table *
register_table (struct report_ctx *x, struct rd_doc *d, const json_t *reg,
                const char *number, const char *title, bool lapor_first,
                size_t pdf_rows)
{
  static const char *const h_all[] = {
    "No", "Nomor pengaduan", "ID SP4N-LAPOR!", "Tgl diterima", "Kanal",
    "Jenis", "Kategori", "Unsur SKM", "Bidang", "Status per posisi",
    "Tgl disposisi", "Tgl tindak lanjut", "HK sejak berkas lengkap",
    "Tepat waktu", "Ringkasan tindak lanjut", NULL };
  static const char *const h_lapor[] = {
    "No", "ID SP4N-LAPOR!", "Nomor pengaduan", "Tgl diterima", "Jenis",
    "Kategori", "Unsur SKM", "Bidang", "Status per posisi", "Tgl disposisi",
    "Tgl tindak lanjut", "HK sejak berkas lengkap", "Tepat waktu",
    "Ringkasan tindak lanjut", NULL };
  size_t total = report_rows_count (x, reg), nr = total;
  /* A PDF, and the HTML preview (a browser tab, and the staff page's
     embedded preview), show at most PDF_ROWS: the rest is not laid out at
     all (a register of 100,000 rows would otherwise cost more than the
     whole document, and no browser shows it).  XLSX and CSV have every
     row. */
  bool cut = (RF_PDF == x->prm.format || RF_HTML == x->prm.format)
             && pdf_rows && nr > pdf_rows;
  if (cut)
    nr = pdf_rows;
  struct rd_table *t = rl_table (d, "register", number, title,
                                 lapor_first ? h_lapor : h_all, nr);
  if (NULL == t)
    return NULL;
  static const double w_all[] = { 0.5, 1.6, 1.4, 1.2, 1, 1, 1.4, 0.8, 1.2,
                                  1.2, 1.2, 1.2, 0.8, 0.8, 3 };
  static const double w_lapor[] = { 0.5, 1.4, 1.6, 1.2, 1, 1.4, 0.8, 1.2,
                                    1.2, 1.2, 1.2, 0.8, 0.8, 3 };
  rl_widths (t, lapor_first ? w_lapor : w_all);
  t->landscape = true;
  if (pdf_rows && total > pdf_rows)
  {
    t->pdf_max_rows = pdf_rows;
    t->pdf_more_note = rd_printf (&d->arena, "Register ini memuat %zu baris;"
                                  " dokumen ini mencetak %zu baris pertama."
                                  " Seluruh baris terlampir dalam berkas XLSX"
                                  " dan CSV dengan parameter yang sama.",
                                  total, pdf_rows);
    if (cut && RF_HTML == x->prm.format)
      t->note = t->pdf_more_note;   /* the HTML prints notes, not limits */
  }
  for (size_t r = 0; r < nr; r++)
  {
    const json_t *row = report_row (x, reg, r);
    if (NULL == row)
      return NULL;
    char date[40], units[64] = "", a[40], b[40];
    size_t c = 0;
    rl_int (d, t, r, c++, (int64_t) r + 1, NULL);
    if (lapor_first)
    {
      rl_text (d, t, r, c++, str (row, "lapor_id"));
      rl_text (d, t, r, c++, str (row, "tracking"));
    }
    else
    {
      rl_text (d, t, r, c++, str (row, "tracking"));
      rl_text (d, t, r, c++, str (row, "lapor_id"));
    }
    fmt_date (str (row, "received_date"), date, sizeof date);
    rl_text (d, t, r, c++, date);
    if (! lapor_first)
    {
      const char *ch = str (row, "channel");
      const char *label = ch;
      for (int k = 0; k < CH__COUNT; k++)
        if (0 == strcmp (ch, cohort_channel_id[k]))
          label = cohort_channel_label[k];
      rl_text (d, t, r, c++, label);
    }
    const char *cl = str (row, "class");
    const char *cll = cl;
    for (int k = 0; k < CL__COUNT; k++)
      if (0 == strcmp (cl, cohort_class_id[k]))
        cll = cohort_class_label[k];
    rl_text (d, t, r, c++, cll);
    rl_text (d, t, r, c++, str (row, "category_name"));
    size_t k;
    json_t *u;
    json_array_foreach (json_object_get (row, "unsur"), k, u)
    {
      if (k)
        strncat (units, ", ", sizeof units - strlen (units) - 1);
      strncat (units, json_string_value (u), sizeof units - strlen (units)
               - 1);
    }
    rl_text (d, t, r, c++, units);
    rl_text (d, t, r, c++, str (row, "section_name"));
    int s = cstatus_from_name (str (row, "status"));
    rl_text (d, t, r, c++, s >= 0 ? cohort_status_label[s] : "");
    fmt_date (str (row, "tgl_disposisi"), a, sizeof a);
    rl_text (d, t, r, c++, a);
    fmt_date (str (row, "tgl_tindak_lanjut"), b, sizeof b);
    rl_text (d, t, r, c++, b);
    const json_t *hk = json_object_get (row, "hk_sejak_berkas_lengkap");
    if (json_is_integer (hk))
      rl_int (d, t, r, c++, json_integer_value (hk), NULL);
    else
      rl_text (d, t, r, c++, "–");
    const json_t *tw = json_object_get (row, "tepat_waktu");
    rl_text (d, t, r, c++, json_is_true (tw) ? "Ya" : json_is_false (tw)
                                              ? "Tidak" : "–");
    rl_text (d, t, r, c++, str (row, "ringkasan"));
  }
  return t;
}

/* A percentage of the model as printed: "81,25 %", or the dash with the
   reason when nothing was to be followed up. */
static const char *
pct_text (struct rd_doc *d, const json_t *v)
{
  if (! json_is_number (v))
    return "– (tidak ada pengaduan yang wajib ditindaklanjuti)";
  char n[40];
  fmt_dec (json_number_value (v), 2, n, sizeof n);
  return rd_printf (&d->arena, "%s %%", n);
}

/* The summary line of D1a / D1b. */
static void
summary_box (struct report_ctx *x, struct rd_doc *d, const json_t *m)
{
  const json_t *s = json_object_get (m, "summary");
  char v[4][40];
  fmt_int (num (s, "masuk"), v[0], sizeof v[0]);
  fmt_int (num (s, "harus_ditindaklanjuti"), v[1], sizeof v[1]);
  fmt_int (num (s, "ditindaklanjuti"), v[2], sizeof v[2]);
  fmt_int (num (s, "selesai"), v[3], sizeof v[3]);
  struct rd_block *b = rd_add (d, RD_KV);
  if (NULL == b)
    return;
  const char **it = rd_alloc (&d->arena, 10 * sizeof *it);
  static const char *const labels[] = { "Pengaduan masuk",
                                        "Harus ditindaklanjuti",
                                        "Ditindaklanjuti", "Selesai",
                                        "Persentase selesai" };
  for (int i = 0; i < 5; i++)
  {
    it[2 * i] = labels[i];
    it[2 * i + 1] = i < 4 ? rd_strdup (&d->arena, v[i])
                          : pct_text (d, json_object_get (s, "pct_selesai"));
  }
  b->items = it;
  b->n_items = 10;
}

static bool
d1_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  char label[64], up[200], posisi[40];
  rm_period_label (&x->prm.period, label, sizeof label);
  snprintf (up, sizeof up, "%s", x->unit.name);
  for (char *c = up; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  char lbl_up[64];
  snprintf (lbl_up, sizeof lbl_up, "%s", label);
  for (char *c = lbl_up; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  const char *title[] = {
    "LAPORAN MONITORING DAN EVALUASI PENANGANAN PENGADUAN MASYARAKAT", up,
    lbl_up, NULL };
  rl_frame (x, m, d, title);
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);

  rd_heading (d, 1, "I. PENDAHULUAN");
  rl_slot (x, m, d, "latar_belakang", "A. Latar Belakang");
  rd_heading (d, 2, "B. Dasar Hukum");
  {
    json_t *nar = json_loads ("[]", 0, NULL);
    (void) nar;
    json_decref (nar);
  }
  rl_slot (x, m, d, "dasar_hukum", NULL);
  rl_slot (x, m, d, "maksud_tujuan", "C. Maksud dan Tujuan");
  rd_heading (d, 2, "D. Ruang Lingkup");
  {
    char from[40], to[40];
    fmt_date (x->prm.period.from, from, sizeof from);
    fmt_date (x->prm.period.to, to, sizeof to);
    const char *kv[] = { "Periode", rd_printf (&d->arena, "%s (%s – %s)",
                                               label, from, to),
                         "Posisi data per", rd_printf (&d->arena,
                                                       "%s pukul 23.59",
                                                       posisi),
                         "Kanal pengaduan", "Seluruh kanal (SP4N-LAPOR!,"
                         " website, WhatsApp, e-mail, media sosial, kotak"
                         " pengaduan, datang langsung, telepon)",
                         "Kategori", rd_printf (&d->arena, "%zu kategori"
                                                " pengaduan unit", x->n_cats) };
    struct rd_block *b = rd_add (d, RD_KV);
    if (b)
    {
      b->items = rd_alloc (&d->arena, sizeof kv);
      memcpy (b->items, kv, sizeof kv);
      b->n_items = 8;
    }
  }

  rd_heading (d, 1, "II. PELAKSANAAN MONITORING DAN EVALUASI");
  rl_slot (x, m, d, "rapat_monev", "A. Waktu dan Tempat Rapat Monev");
  const json_t *acts = json_object_get (m, "activities");
  if (json_array_size (acts))
  {
    static const char *const h[] = { "No", "Tanggal", "Kegiatan", "Tempat",
                                     "Peserta", "Bukti (undangan, daftar"
                                     " hadir, notula)", NULL };
    struct rd_table *t = rl_table (d, "rapat_monev", NULL,
                                   "Rapat monitoring dan evaluasi", h,
                                   json_array_size (acts));
    for (size_t r = 0; t && r < json_array_size (acts); r++)
    {
      const json_t *a = json_array_get (acts, r);
      char date[40];
      fmt_date (str (a, "date"), date, sizeof date);
      rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
      rl_text (d, t, r, 1, date);
      rl_text (d, t, r, 2, str (a, "title"));
      rl_text (d, t, r, 3, str (a, "place"));
      if (json_is_integer (json_object_get (a, "participants")))
        rl_int (d, t, r, 4, num (a, "participants"), NULL);
      else
        rl_text (d, t, r, 4, "–");
      rl_text (d, t, r, 5, str (a, "evidence_ref"));
    }
    if (t)
      rl_add_table (d, t);
  }
  rl_slot (x, m, d, "metode", "B. Metode");
  rd_heading (d, 2, "C. Sarana Pengaduan");
  {
    const json_t *ch = json_object_get (m, "channels");
    struct buf b = { 0 };
    size_t i;
    json_t *id;
    json_array_foreach (json_object_get (ch, "aktif"), i, id)
    {
      for (int k = 0; k < CH__COUNT; k++)
        if (0 == strcmp (json_string_value (id), cohort_channel_id[k]))
          buf_printf (&b, "%s%s", i ? ", " : "", cohort_channel_label[k]);
    }
    char dari[40];
    fmt_date (str (ch, "dari"), dari, sizeof dari);
    rd_para (d, rd_printf (&d->arena, "Kanal yang menerima pengaduan dalam 12"
                           " bulan terakhir (%s – %s): %s. Terintegrasi"
                           " dengan SP4N-LAPOR!: %s.", dari, posisi,
                           b.p ? b.p : "belum ada",
                           json_is_true (json_object_get (
                                           ch, "lapor_terintegrasi"))
                           ? "ya" : "belum (tidak ada pengaduan bernomor"
                           " SP4N-LAPOR!)"));
    buf_free (&b);
    const json_t *addr = json_object_get (ch, "alamat");
    size_t na = json_array_size (addr);
    if (na)
    {
      struct rd_block *bl = rd_add (d, RD_KV);
      const char **it = rd_alloc (&d->arena, 2 * na * sizeof *it);
      for (size_t k = 0; bl && it && k < na; k++)
      {
        const json_t *a = json_array_get (addr, k);
        it[2 * k] = rd_strdup (&d->arena, str (a, "channel"));
        it[2 * k + 1] = rd_strdup (&d->arena, str (a, "address"));
      }
      if (bl)
      {
        bl->items = it;
        bl->n_items = 2 * na;
      }
    }
  }

  rd_heading (d, 1, "III. HASIL MONITORING");
  rl_kalimat (d, m);
  const json_t *s = json_object_get (m, "summary");
  /* T0 */
  {
    static const char *const h[] = { "Uraian", "Jumlah", NULL };
    static const char *const rows[][2] = {
      { "Pengaduan masuk", "masuk" }, { "Diarsipkan", "diarsipkan" },
      { "Bukan wewenang (dirujuk)", "bukan_wewenang" },
      { "Harus ditindaklanjuti", "harus_ditindaklanjuti" },
      { "Dalam proses", "dalam_proses" },
      { "Ditindaklanjuti", "ditindaklanjuti" }, { "Selesai", "selesai" } };
    struct rd_table *t = rl_table (d, "summary", "Tabel 1",
                                   "Ringkasan penanganan pengaduan", h, 9);
    if (t)
    {
      static const double w[] = { 4, 1 };
      rl_widths (t, w);
      for (size_t r = 0; r < 7; r++)
      {
        rl_text (d, t, r, 0, rows[r][0]);
        rl_int (d, t, r, 1, num (s, rows[r][1]), NULL);
      }
      char f[96];
      rl_text (d, t, 7, 0, "% ditindaklanjuti");
      rl_pct_formula (5, 1, 1, f);
      {
        char a[16], bb[16];
        rd_ref (5, 1, a);
        rd_ref (3, 1, bb);
        snprintf (f, sizeof f, "=IF(%s=0,\"\",ROUND(%s/%s*100,2))", bb, a,
                  bb);
      }
      rl_num (d, t, 7, 1, json_object_get (s, "pct_ditindaklanjuti"), 2, f);
      rl_text (d, t, 8, 0, "% selesai");
      {
        char a[16], bb[16];
        rd_ref (6, 1, a);
        rd_ref (3, 1, bb);
        snprintf (f, sizeof f, "=IF(%s=0,\"\",ROUND(%s/%s*100,2))", bb, a,
                  bb);
      }
      rl_num (d, t, 8, 1, json_object_get (s, "pct_selesai"), 2, f);
      if (0 == num (s, "masuk"))
        t->note = "Nihil: tidak ada pengaduan yang diterima pada periode ini.";
      else if (0 == num (s, "harus_ditindaklanjuti"))
        t->note = "–: tidak ada pengaduan yang wajib ditindaklanjuti.";
      rl_add_table (d, t);
    }
    const json_t *lr = json_object_get (m, "lke_reform");
    struct rd_block *b = rd_add (d, RD_BOX);
    if (b)
    {
      char v[3][48];
      fmt_int (num (lr, "harus"), v[0], sizeof v[0]);
      fmt_int (num (lr, "diproses"), v[1], sizeof v[1]);
      fmt_int (num (lr, "selesai"), v[2], sizeof v[2]);
      b->text = "Persentase penanganan pengaduan masyarakat (LKE A.2.V.ii.a)";
      const char **it = rd_alloc (&d->arena, 8 * sizeof *it);
      it[0] = "Jumlah pengaduan masyarakat yang harus ditindaklanjuti";
      it[1] = rd_strdup (&d->arena, v[0]);
      it[2] = "Jumlah pengaduan masyarakat yang sedang diproses";
      it[3] = rd_strdup (&d->arena, v[1]);
      it[4] = "Jumlah pengaduan masyarakat yang selesai ditindaklanjuti";
      it[5] = rd_strdup (&d->arena, v[2]);
      it[6] = "Persentase penanganan pengaduan masyarakat";
      it[7] = pct_text (d, json_object_get (lr, "persen"));
      b->items = it;
      b->n_items = 8;
    }
  }
  /* T1 */
  {
    const json_t *bmc = json_object_get (m, "by_month_category");
    const json_t *months = json_object_get (bmc, "months");
    const json_t *rows = json_object_get (bmc, "rows");
    size_t nm = json_array_size (months), nr = json_array_size (rows);
    const char **h = rd_alloc (&d->arena, (nm + 3) * sizeof *h);
    h[0] = "Kategori";
    for (size_t i = 0; i < nm; i++)
      h[i + 1] = fmt_month (atoi (json_string_value (json_array_get (months,
                                                                     i)) + 5));
    h[nm + 1] = "Jumlah";
    struct rd_table *t = rl_table (d, "by_month_category", "Tabel 2",
                                   "Rekapitulasi pengaduan per bulan menurut"
                                   " kategori", h, nr + 1);
    if (t)
    {
      ((double *) t->widths)[0] = 3;
      t->sheet = "Per bulan";
      for (size_t r = 0; r <= nr; r++)
      {
        const json_t *row = r < nr ? json_array_get (rows, r)
                                   : json_object_get (bmc, "jumlah");
        rl_text (d, t, r, 0, r < nr ? str (row, "name") : "Jumlah");
        for (size_t i = 0; i < nm; i++)
        {
          char f[48] = "";
          if (r == nr && nr > 0)
            rl_sum_formula (i + 1, 0, nr - 1, f);
          rl_int (d, t, r, i + 1, json_integer_value (json_object_get (
                                    json_object_get (row, "months"),
                                    json_string_value (json_array_get (months,
                                                                       i)))),
                  f[0] ? f : NULL);
        }
        char f[48], a[16], b[16];
        rd_ref (r, 1, a);
        rd_ref (r, nm, b);
        snprintf (f, sizeof f, "=SUM(%s:%s)", a, b);
        rl_int (d, t, r, nm + 1, num (row, "jumlah"), f);
      }
      rl_totals (t, 1);
      rl_add_table (d, t);
    }
    /* G1 */
    const json_t *g1 = json_object_get (m, "by_month_status");
    size_t ng = json_array_size (g1);
    const char **cats = rd_alloc (&d->arena, (ng ? ng : 1) * sizeof *cats);
    static const char *const keys[] = { "selesai",
                                        "ditindaklanjuti_belum_selesai",
                                        "dalam_proses",
                                        "bukan_wewenang_diarsipkan" };
    static const char *const names[] = { "Selesai",
                                         "Ditindaklanjuti, belum selesai",
                                         "Dalam proses sebelum tindak lanjut",
                                         "Bukan wewenang dan diarsipkan" };
    struct rd_series *ser = rd_alloc (&d->arena, 4 * sizeof *ser);
    for (int k = 0; k < 4 && ser; k++)
    {
      double *v = rd_alloc (&d->arena, (ng ? ng : 1) * sizeof *v);
      for (size_t i = 0; v && i < ng; i++)
        v[i] = (double) num (json_array_get (g1, i), keys[k]);
      ser[k].name = names[k];
      ser[k].values = v;
    }
    for (size_t i = 0; cats && i < ng; i++)
      cats[i] = fmt_month (atoi (str (json_array_get (g1, i), "id") + 5));
    rl_chart (d, "g1", "Grafik 1", "Pengaduan per bulan menurut status"
              " per posisi", RD_CHART_COLUMN, true, ng, cats, 4, ser, 0,
              NULL);
  }
  /* T2 + G2 */
  {
    const json_t *bc = json_object_get (m, "by_channel");
    size_t n = json_array_size (bc);
    const char **cats = rd_alloc (&d->arena, n * sizeof *cats);
    double *v = rd_alloc (&d->arena, n * sizeof *v);
    struct rd_series *ser = rd_alloc (&d->arena, sizeof *ser);
    for (size_t i = 0; cats && v && i < n; i++)
    {
      cats[i] = rd_strdup (&d->arena, str (json_array_get (bc, i), "label"));
      v[i] = (double) num (json_array_get (bc, i), "masuk");
    }
    if (ser)
    {
      ser->name = "Pengaduan masuk";
      ser->values = v;
    }
    rl_chart (d, "g2", "Grafik 2", "Pengaduan per kanal", RD_CHART_BAR,
              false, n, cats, 1, ser, 0, NULL);
    const json_t *lv = json_object_get (m, "lapor_vs_other");
    struct rd_table *t = group_table (d, "by_channel", "Tabel 3",
                                      "Pengaduan dan kinerja penanganan per"
                                      " kanal", "Kanal", "label",
                                      json_object_get (m, "by_channel"),
                                      json_array_get (lv, 2), group_cols,
                                      NCOLS (group_cols));
    if (t)
    {
      t->landscape = true;
      t->sheet = "Per kanal";
      t->note = "% tepat waktu tindak lanjut: pengaduan yang ditindaklanjuti"
                " dalam batas HK dibanding pengaduan yang sudah jatuh tempo;"
                " median HK dihitung sejak berkas lengkap sampai tindak"
                " lanjut.";
      rl_add_table (d, t);
    }
  }
  /* T3 */
  {
    const json_t *lv = json_object_get (m, "lapor_vs_other");
    json_t *two = json_array ();
    json_array_append (two, json_array_get (lv, 0));
    json_array_append (two, json_array_get (lv, 1));
    struct rd_table *t = group_table (d, "lapor_vs_other", "Tabel 4",
                                      "Pengaduan melalui SP4N-LAPOR! dan di"
                                      " luar SP4N-LAPOR!", "Saluran", "label",
                                      two, json_array_get (lv, 2), group_cols,
                                      NCOLS (group_cols));
    json_decref (two);
    if (t)
    {
      t->landscape = true;
      t->sheet = "LAPOR vs lainnya";
      rl_add_table (d, t);
    }
  }
  /* T4, T5 */
  {
    struct rd_table *t = group_table (d, "by_category", "Tabel 5",
                                      "Pengaduan per kategori", "Kategori",
                                      "name", json_object_get (m,
                                                               "by_category"),
                                      NULL, cat_cols, NCOLS (cat_cols));
    if (t)
    {
      t->sheet = "Per kategori";
      rl_add_table (d, t);
    }
    t = group_table (d, "by_class", "Tabel 6", "Pengaduan per jenis laporan",
                     "Jenis", "label", json_object_get (m, "by_class"), NULL,
                     cat_cols, NCOLS (cat_cols));
    if (t)
    {
      t->sheet = "Per jenis";
      rl_add_table (d, t);
    }
  }
  /* T6 */
  {
    const json_t *bs = json_object_get (m, "by_status");
    size_t n = json_array_size (bs);
    static const char *const h[] = { "Status", "Jumlah", NULL };
    struct rd_table *t = rl_table (d, "by_status", "Tabel 7",
                                   rd_printf (&d->arena, "Status pengaduan"
                                              " per %s", posisi), h, n + 1);
    if (t)
    {
      static const double w[] = { 4, 1 };
      rl_widths (t, w);
      t->sheet = "Status";
      for (size_t r = 0; r < n; r++)
      {
        rl_text (d, t, r, 0, str (json_array_get (bs, r), "label"));
        rl_int (d, t, r, 1, num (json_array_get (bs, r), "count"), NULL);
      }
      char f[48];
      rl_sum_formula (1, 0, n - 1, f);
      rl_text (d, t, n, 0, "Jumlah");
      rl_int (d, t, n, 1, num (s, "masuk"), f);
      rl_totals (t, 1);
      rl_add_table (d, t);
    }
  }
  /* T7 */
  {
    static const char *const h[] = { "Tahap", "Batas (HK)", "Tepat waktu",
                                     "Terlambat (selesai)",
                                     "Terlambat (belum selesai)",
                                     "Belum jatuh tempo", "% tepat waktu",
                                     "Median HK", "Rata-rata HK", "Maks HK",
                                     NULL };
    const json_t *tl = json_object_get (m, "timeliness");
    struct rd_table *t = rl_table (d, "timeliness", "Tabel 8",
                                   "Ketepatan waktu per tahap", h, 2);
    static const char *const stages[] = { "verifikasi", "tindak_lanjut" };
    static const char *const names[] = { "Verifikasi dan disposisi",
                                         "Tindak lanjut" };
    for (size_t r = 0; t && r < 2; r++)
    {
      const json_t *st = json_object_get (tl, stages[r]);
      rl_text (d, t, r, 0, names[r]);
      rl_int (d, t, r, 1, num (st, "batas_hk"), NULL);
      rl_int (d, t, r, 2, num (st, "tepat"), NULL);
      rl_int (d, t, r, 3, num (st, "terlambat_selesai"), NULL);
      rl_int (d, t, r, 4, num (st, "terlambat_belum_selesai"), NULL);
      rl_int (d, t, r, 5, num (st, "belum_jatuh_tempo"), NULL);
      char f[96], a[16], b[16], c[16], e[16];
      rd_ref (r, 2, a);
      rd_ref (r, 3, b);
      rd_ref (r, 4, c);
      rd_ref (r, 2, e);
      snprintf (f, sizeof f, "=IF(%s+%s+%s=0,\"\",ROUND(%s/(%s+%s+%s)*100,2))",
                a, b, c, e, a, b, c);
      rl_num (d, t, r, 6, json_object_get (st, "pct_tepat"), 2, f);
      rl_num (d, t, r, 7, json_object_get (st, "median"), 1, NULL);
      rl_num (d, t, r, 8, json_object_get (st, "mean"), 2, NULL);
      rl_num (d, t, r, 9, json_object_get (st, "max"), 0, NULL);
    }
    if (t)
    {
      ((double *) t->widths)[0] = 2.5;
      t->landscape = false;
      t->sheet = "Ketepatan waktu";
      const json_t *hk = json_object_get (m, "hk_tindak_lanjut");
      char med[16], mean[16];
      fmt_dec (json_is_number (json_object_get (hk, "median"))
               ? json_number_value (json_object_get (hk, "median")) : NAN, 1,
               med, sizeof med);
      fmt_dec (json_is_number (json_object_get (hk, "mean"))
               ? json_number_value (json_object_get (hk, "mean")) : NAN, 2,
               mean, sizeof mean);
      t->note = rd_printf (&d->arena, "Waktu tindak lanjut sejak berkas"
                           " lengkap: n = %lld, median %s HK, rata-rata %s HK,"
                           " maksimum %s HK. Pengaduan yang belum jatuh tempo"
                           " tidak dihitung dalam %% tepat waktu.",
                           (long long) num (hk, "n"), med, mean,
                           json_is_integer (json_object_get (hk, "max"))
                           ? rd_printf (&d->arena, "%lld",
                                        (long long) num (hk, "max")) : "–");
      rl_add_table (d, t);
    }
  }
  /* T8 */
  {
    struct rd_table *t = group_table (d, "by_section", "Tabel 9",
                                      "Pengaduan per bidang (disposisi"
                                      " pertama)", "Bidang", "name",
                                      json_object_get (m, "by_section"), NULL,
                                      sec_cols, NCOLS (sec_cols));
    if (t)
    {
      t->sheet = "Per bidang";
      rl_add_table (d, t);
    }
  }
  /* T9 */
  {
    const json_t *bu = json_object_get (m, "by_unsur");
    size_t n = json_array_size (bu);
    static const char *const h[] = { "Unsur pelayanan", "Jumlah pengaduan",
                                     "% dari pengaduan masuk",
                                     "Nilai konversi SKM (NRR × 25)", "Mutu",
                                     NULL };
    struct rd_table *t = rl_table (d, "by_unsur", "Tabel 10",
                                   "Pengaduan per unsur pelayanan SKM", h, n);
    for (size_t r = 0; t && r < n; r++)
    {
      const json_t *u = json_array_get (bu, r);
      rl_text (d, t, r, 0, r < NUNSUR
               ? rd_printf (&d->arena, "%s %s", str (u, "id"), str (u, "name"))
               : str (u, "name"));
      rl_int (d, t, r, 1, num (u, "pengaduan"), NULL);
      rl_num (d, t, r, 2, json_object_get (u, "pct_masuk"), 2, NULL);
      rl_num (d, t, r, 3, json_object_get (u, "konversi"), 2, NULL);
      rl_text (d, t, r, 4, str (u, "mutu"));
    }
    if (t)
    {
      ((double *) t->widths)[0] = 4;
      t->sheet = "Per unsur SKM";
      t->note = "Satu pengaduan dapat dikaitkan dengan lebih dari satu unsur,"
                " sehingga jumlah kolom dapat melebihi pengaduan masuk. Nilai"
                " konversi dari SKM periode yang sama; – bila belum ada data"
                " survei.";
      rl_add_table (d, t);
    }
  }
  /* T10, T11 */
  {
    static const char *const h[] = { "Uraian", "Jumlah", NULL };
    const json_t *p = json_object_get (m, "by_privacy");
    const json_t *c = json_object_get (m, "closure");
    const json_t *v = json_object_get (m, "verdicts");
    const struct { const char *label; const json_t *o; const char *k; } rows[]
      = {
      { "Identitas biasa", p, "biasa" },
      { "Identitas dirahasiakan", p, "rahasia" },
      { "Anonim", p, "anonim" },
      { "Selesai dikonfirmasi pelapor", c, "pelapor" },
      { "Selesai otomatis (tanpa balasan pelapor)", c, "sistem" },
      { "Selesai dinyatakan petugas", c, "petugas" },
      { "Dinyatakan belum selesai oleh pelapor", v,
        "dinyatakan_belum_selesai" },
      { "Dibuka kembali oleh pelapor", v, "dibuka_kembali" },
      { "Tanggapan dipublikasikan", m, "published" } };
    size_t n = sizeof rows / sizeof rows[0];
    struct rd_table *t = rl_table (d, "privacy_closure", "Tabel 11",
                                   "Sifat identitas, penyelesaian dan"
                                   " publikasi", h, n);
    for (size_t r = 0; t && r < n; r++)
    {
      rl_text (d, t, r, 0, rows[r].label);
      rl_int (d, t, r, 1, num (rows[r].o, rows[r].k), NULL);
    }
    if (t)
    {
      static const double w[] = { 4, 1 };
      rl_widths (t, w);
      t->sheet = "Identitas & penyelesaian";
      t->note = "Penutupan otomatis setelah batas hari kerja tanpa balasan"
                " pelapor bukan ukuran kinerja; dicatat sebagai jenis"
                " penyelesaian.";
      rl_add_table (d, t);
    }
  }
  /* T12 */
  {
    const json_t *co = json_object_get (m, "carry_over");
    const json_t *rows = json_object_get (co, "rows");
    size_t n = json_array_size (rows);
    rd_para (d, rd_printf (&d->arena, "Tunggakan periode sebelumnya: %lld"
                           " pengaduan belum selesai pada awal periode; %lld"
                           " telah ditindaklanjuti per %s.",
                           (long long) num (co, "jumlah"),
                           (long long) num (co, "ditindaklanjuti"), posisi));
    if (n)
    {
      static const char *const h[] = { "No", "Nomor pengaduan",
                                       "Tgl diterima", "Kanal",
                                       "Status akhir periode lalu",
                                       "Status per posisi",
                                       "Tgl tindak lanjut", NULL };
      struct rd_table *t = rl_table (d, "carry_over", "Tabel 12",
                                     "Tunggakan periode sebelumnya", h, n);
      for (size_t r = 0; t && r < n; r++)
      {
        const json_t *row = json_array_get (rows, r);
        char a[40], b[40];
        rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
        rl_text (d, t, r, 1, str (row, "tracking"));
        fmt_date (str (row, "received_date"), a, sizeof a);
        rl_text (d, t, r, 2, a);
        const char *ch = str (row, "channel");
        for (int k = 0; k < CH__COUNT; k++)
          if (0 == strcmp (ch, cohort_channel_id[k]))
            ch = cohort_channel_label[k];
        rl_text (d, t, r, 3, ch);
        int s0 = cstatus_from_name (str (row, "status_awal"));
        int s1 = cstatus_from_name (str (row, "status_cutoff"));
        rl_text (d, t, r, 4, s0 >= 0 ? cohort_status_label[s0] : "");
        rl_text (d, t, r, 5, s1 >= 0 ? cohort_status_label[s1] : "");
        fmt_date (str (row, "tgl_tindak_lanjut"), b, sizeof b);
        rl_text (d, t, r, 6, b);
      }
      if (t)
      {
        t->sheet = "Tunggakan";
        rl_add_table (d, t);
      }
    }
  }
  /* G3 */
  {
    const json_t *tr = json_object_get (m, "trend");
    size_t n = json_array_size (tr);
    const char **cats = rd_alloc (&d->arena, n * sizeof *cats);
    struct rd_series *ser = rd_alloc (&d->arena, 2 * sizeof *ser);
    double *a = rd_alloc (&d->arena, n * sizeof *a);
    double *b = rd_alloc (&d->arena, n * sizeof *b);
    for (size_t i = 0; cats && a && b && i < n; i++)
    {
      const json_t *r = json_array_get (tr, i);
      struct period pp;
      char l[64];
      period_parse (str (r, "id"), &pp);
      rm_period_label (&pp, l, sizeof l);
      cats[i] = rd_strdup (&d->arena, l);
      const json_t *x1 = json_object_get (r, "pct_ditindaklanjuti");
      const json_t *x2 = json_object_get (r, "pct_tepat_tindak_lanjut");
      a[i] = json_is_number (x1) ? json_number_value (x1) : NAN;
      b[i] = json_is_number (x2) ? json_number_value (x2) : NAN;
    }
    if (ser)
    {
      ser[0] = (struct rd_series) { "% ditindaklanjuti", a };
      ser[1] = (struct rd_series) { "% tepat waktu tindak lanjut", b };
    }
    rl_chart (d, "g3", "Grafik 3", "Kinerja empat periode terakhir (tiap"
              " periode per akhir periodenya)", RD_CHART_LINE, false, n,
              cats, 2, ser, 100, "%");
  }

  rd_heading (d, 1, "IV. EVALUASI");
  rl_slot (x, m, d, "temuan", "A. Temuan dan Permasalahan");
  rl_slot (x, m, d, "kendala", "B. Kendala dan Solusi");
  rd_heading (d, 2, "C. Analisis");
  rl_slot (x, m, d, "analisis", NULL);
  rd_heading (d, 1, "V. REKOMENDASI DAN RENCANA TINDAK LANJUT");
  rl_slot (x, m, d, "rekomendasi", NULL);
  rd_heading (d, 1, "VI. TINDAK LANJUT REKOMENDASI PERIODE SEBELUMNYA");
  rl_tl (x, json_object_get (m, "tl_rekomendasi"), d, "tl_rekomendasi");
  rd_heading (d, 1, "VII. PENUTUP");
  rl_slot (x, m, d, "penutup", NULL);
  rl_signature (x, m, d, false);

  struct rd_block *pb = rd_add (d, RD_PAGEBREAK);
  (void) pb;
  rd_heading (d, 1, "LAMPIRAN 1. REGISTER PENGADUAN");
  struct rd_table *t = register_table (x, d, json_object_get (m, "register"),
                                       "Tabel 13", "Register pengaduan"
                                       " periode ini", false, 2000);
  if (t)
  {
    t->sheet = "Register";
    rl_add_table (d, t);
  }
  rd_heading (d, 1, "LAMPIRAN 2. DEFINISI");
  rd_para (d, rd_printf (&d->arena,
    "Pengaduan periode ini adalah pengaduan yang tanggal diterimanya jatuh"
    " dalam periode, menurut tanggal setempat. Status setiap pengaduan"
    " dibaca dari riwayatnya sampai %s pukul 23.59 (posisi per); perubahan"
    " sesudahnya tidak mengubah dokumen ini.", posisi));
  rd_para (d, "Harus ditindaklanjuti = pengaduan masuk dikurangi yang"
              " diarsipkan dan yang bukan wewenang unit (rujukan ke instansi"
              " lain adalah jawabannya). Ditindaklanjuti = status"
              " ditindaklanjuti atau selesai. Dalam proses = harus"
              " ditindaklanjuti dikurangi selesai. Persentase dihitung dari"
              " nilai tak dibulatkan dan dibulatkan setengah menjauhi nol;"
              " \"–\" berarti penyebutnya nol.");
  rd_para (d, rd_printf (&d->arena,
    "Hari kerja (HK): Senin–Jumat dikurangi libur nasional, cuti bersama dan"
    " libur daerah unit; hitungan dimulai hari kerja sesudah tanggal mulai."
    " Tahap verifikasi dan disposisi dimulai pada tanggal diterima, atau pada"
    " tanggal berkas dilengkapi bila pengaduan pernah berstatus perlu"
    " dilengkapi, dengan batas %d HK; selama menunggu kelengkapan dari"
    " pelapor pengaduan tidak dihitung. Tahap tindak lanjut dimulai pada"
    " disposisi pertama dengan batas %d HK. Tepat waktu bila selesai paling"
    " lambat pada tanggal batas; pengaduan yang belum selesai dan telah"
    " melewati batas dihitung terlambat; yang belum jatuh tempo tidak"
    " dihitung. Penutupan otomatis setelah %d HK tanpa balasan pelapor"
    " bukan ukuran kinerja.", x->hk_verify, x->hk_followup,
    x->hk_autoclose));
  return true;
}

/* ---- D1a, D1b: the LAPOR! recap and the register of other channels ---- */

static json_t *
register_model (struct report_ctx *x, bool lapor, char *err, size_t errlen)
{
  const char *lke[] = { x->prm.def->id, NULL };
  struct cohort all;
  if (! cohort_load (x, x->prm.period.from, x->prm.period.to, x->from_ts - 1,
                     x->cutoff_ts, x->cutoff_day, &all))
  {
    snprintf (err, errlen, "cannot read the complaints");
    return NULL;
  }
  /* Keep only this document's channels; the counts follow. */
  struct cohort co = all;
  size_t k = 0;
  for (size_t i = 0; i < all.n; i++)
    if ((all.c[i].channel == CH_SP4N_LAPOR) == lapor)
      co.c[k++] = all.c[i];
    else
      free (all.c[i].pub);
  co.n = k;
  json_t *m = rm_frame (x, lke);
  rm_set_records (m, (json_int_t) co.n);
  struct cgroup g;
  summary_of (&co, &g);
  json_t *sum = cgroup_json (&g);
  json_object_del (sum, "pct_tepat_tindak_lanjut");
  json_object_del (sum, "median_hk");
  json_object_set_new (sum, "nihil", json_boolean (0 == co.n));
  json_object_set_new (m, "summary", sum);
  cgroup_free (&g);
  size_t n = co.n;
  if (! register_rows (x, m, &co))
  {
    cohort_free (&co);
    json_decref (m);
    snprintf (err, errlen, "out of memory");
    return NULL;
  }
  char label[64];
  rm_period_label (&x->prm.period, label, sizeof label);
  json_object_set_new (m, "kalimat", json_pack (
                         "[o]", n
                         ? json_sprintf ("Selama %s tercatat %zu pengaduan %s.",
                                         label, n, lapor
                                         ? "melalui SP4N-LAPOR!"
                                         : "di luar SP4N-LAPOR!")
                         : json_sprintf ("Selama %s tidak terdapat pengaduan"
                                         " %s (nihil).", label, lapor
                                         ? "melalui SP4N-LAPOR!"
                                         : "di luar SP4N-LAPOR!")));
  cohort_free (&co);
  return m;
}

static json_t *
d1a_model (struct report_ctx *x, char *err, size_t errlen)
{
  return register_model (x, true, err, errlen);
}

static json_t *
d1b_model (struct report_ctx *x, char *err, size_t errlen)
{
  return register_model (x, false, err, errlen);
}

static bool
register_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d,
                 bool lapor)
{
  char label[64], up[200];
  rm_period_label (&x->prm.period, label, sizeof label);
  snprintf (up, sizeof up, "%s", x->unit.name);
  for (char *c = up; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  for (char *c = label; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  const char *title[] = {
    lapor ? "REKAPITULASI PENGADUAN MASYARAKAT MELALUI SP4N-LAPOR!"
          : "REGISTER PENGADUAN MASYARAKAT DI LUAR SP4N-LAPOR!",
    up, label, NULL };
  rl_frame (x, m, d, title);
  d->landscape = true;
  rl_kalimat (d, m);
  summary_box (x, d, m);
  struct rd_table *t = register_table (x, d, json_object_get (m, "register"),
                                       "Tabel 1", lapor
                                       ? "Pengaduan melalui SP4N-LAPOR!"
                                       : "Pengaduan di luar SP4N-LAPOR!",
                                       lapor, 2000);
  if (t)
  {
    t->sheet = "Register";
    if (0 == t->n_rows)
      t->note = "Nihil.";
    rl_add_table (d, t);
  }
  rl_slot (x, m, d, "catatan", NULL);
  rl_signature (x, m, d, true);
  return true;
}

static bool
d1a_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  return register_layout (x, m, d, true);
}

static bool
d1b_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  return register_layout (x, m, d, false);
}

/* ---- D2: the follow-up publication ---- */

static json_t *
d2_model (struct report_ctx *x, char *err, size_t errlen)
{
  static const char *const lke[] = { "pengaduan-tindak-lanjut", NULL };
  struct cohort co;
  json_t *m = complaint_model (x, lke, &co, err, errlen);
  if (NULL == m)
    return NULL;
  json_t *rows = json_array ();
  for (size_t i = 0; i < co.n; i++)
  {
    const struct cf *c = &co.c[i];
    if (NULL == c->pub)
      continue;
    const struct coded *k = category_of (x, c->category_id);
    char day[11];
    int32_t pd = complaint_local_day (c->pub_at, x->unit.utc_offset_min);
    cal_format (pd, day);
    json_array_append_new (rows, json_pack (
                             "{s:s, s:s, s:s, s:s, s:s, s:s}", "tracking",
                             c->tracking, "received_date", c->received_date,
                             "category", k ? k->name : "", "status",
                             cstatus_name (c->status), "tanggapan", c->pub,
                             "published_date", day));
  }
  cohort_free (&co);
  json_object_set_new (m, "published", rows);
  json_object_set_new (m, "public_url", json_sprintf (
                         "/u/%s/tindak-lanjut", x->unit.slug));
  char label[64];
  rm_period_label (&x->prm.period, label, sizeof label);
  const json_t *s = json_object_get (m, "summary");
  char posisi[40];
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  json_object_set_new (m, "kalimat", json_pack (
                         "[o]", json_sprintf (
                           "Selama %s diterima %lld pengaduan; %zu tanggapan"
                           " tindak lanjut telah dipublikasikan dan berlaku"
                           " per %s.", label, (long long) num (s, "masuk"),
                           json_array_size (rows), posisi)));
  return m;
}

static bool
d2_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  char label[64], up[200];
  rm_period_label (&x->prm.period, label, sizeof label);
  snprintf (up, sizeof up, "%s", x->unit.name);
  for (char *c = up; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  for (char *c = label; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  const char *title[] = { "LAPORAN TINDAK LANJUT PENGADUAN MASYARAKAT", up,
                          label, NULL };
  rl_frame (x, m, d, title);
  rl_slot (x, m, d, "pengantar", NULL);
  rl_kalimat (d, m);
  summary_box (x, d, m);
  const json_t *rows = json_object_get (m, "published");
  size_t n = json_array_size (rows);
  static const char *const h[] = { "No", "Nomor pengaduan", "Tgl diterima",
                                   "Kategori", "Status per posisi",
                                   "Tanggapan yang dipublikasikan",
                                   "Tgl publikasi", NULL };
  struct rd_table *t = rl_table (d, "published", "Tabel 1",
                                 "Tanggapan tindak lanjut yang"
                                 " dipublikasikan", h, n);
  if (t)
  {
    static const double w[] = { 0.5, 1.6, 1.2, 1.6, 1.2, 4, 1.2 };
    rl_widths (t, w);
    t->landscape = true;
    t->sheet = "Publikasi";
    for (size_t r = 0; r < n; r++)
    {
      const json_t *row = json_array_get (rows, r);
      char a[40], b[40];
      rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
      rl_text (d, t, r, 1, str (row, "tracking"));
      fmt_date (str (row, "received_date"), a, sizeof a);
      rl_text (d, t, r, 2, a);
      rl_text (d, t, r, 3, str (row, "category"));
      int s = cstatus_from_name (str (row, "status"));
      rl_text (d, t, r, 4, s >= 0 ? cohort_status_label[s] : "");
      rl_text (d, t, r, 5, str (row, "tanggapan"));
      fmt_date (str (row, "published_date"), b, sizeof b);
      rl_text (d, t, r, 6, b);
    }
    if (0 == n)
      t->note = "Nihil: belum ada tanggapan yang dipublikasikan.";
    rl_add_table (d, t);
  }
  rl_public_link (x, d, str (m, "public_url"),
                  "Halaman publik tindak lanjut");
  rl_slot (x, m, d, "penutup", NULL);
  rl_signature (x, m, d, false);
  return true;
}

#define COMPLAINT_ROLES (ROLE_TIM_ZI | ROLE_PIMPINAN | ROLE_ADMIN \
                         | ROLE_PETUGAS_PENGADUAN)

const struct report_def rdef_pengaduan_monev = {
  "pengaduan-monev",
  "Laporan Monitoring dan Evaluasi Penanganan Pengaduan Masyarakat",
  "SQ", COMPLAINT_ROLES, false, &d1_model, &d1_layout
};
const struct report_def rdef_pengaduan_rekap_lapor = {
  "pengaduan-rekap-lapor",
  "Rekapitulasi Pengaduan Masyarakat melalui SP4N-LAPOR!",
  "SQ", COMPLAINT_ROLES, false, &d1a_model, &d1a_layout
};
const struct report_def rdef_pengaduan_register = {
  "pengaduan-register",
  "Register Pengaduan Masyarakat di luar SP4N-LAPOR!",
  "SQ", COMPLAINT_ROLES, false, &d1b_model, &d1b_layout
};
const struct report_def rdef_pengaduan_tindak_lanjut = {
  "pengaduan-tindak-lanjut",
  "Laporan Tindak Lanjut Pengaduan Masyarakat",
  "SQ", COMPLAINT_ROLES, false, &d2_model, &d2_layout
};
