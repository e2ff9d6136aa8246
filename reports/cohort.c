/* See cohort.h. */
#include "cohort.h"
#include "complaint.h"
#include "complaint_status.h"
#include <stdlib.h>
#include <string.h>

const char *const cohort_channel_id[CH__COUNT] = {
  "SP4N_LAPOR", "WEBSITE", "WHATSAPP", "EMAIL", "MEDSOS", "KOTAK",
  "LANGSUNG", "TELEPON"
};
const char *const cohort_channel_label[CH__COUNT] = {
  "SP4N-LAPOR!", "Website", "WhatsApp", "E-mail", "Media sosial",
  "Kotak pengaduan", "Datang langsung", "Telepon"
};
const char *const cohort_class_id[CL__COUNT] = {
  "PENGADUAN", "ASPIRASI", "PERMINTAAN_INFORMASI"
};
const char *const cohort_class_label[CL__COUNT] = {
  "Pengaduan", "Aspirasi", "Permintaan informasi"
};
const char *const cohort_status_label[] = {
  "Diterima", "Diverifikasi", "Perlu dilengkapi", "Bukan wewenang",
  "Diarsipkan", "Didisposisi", "Ditindaklanjuti", "Selesai"
};

static int
index_of (const char *const *tab, int n, const char *s)
{
  for (int i = 0; i < n; i++)
    if (0 == strcmp (tab[i], s))
      return i;
  return -1;
}

static unsigned int
unsur_mask (const char *v)
{
  unsigned int m = 0;
  for (const char *p = v; p && *p; p++)
    if (*p == 'U' && p[1] >= '1' && p[1] <= '9'
        && (p[2] == '\0' || p[2] == ',' || p[2] == ' '))
      m |= 1u << (p[1] - '1');
  return m;
}

static enum outcome
outcome_of (int32_t done, int32_t due, int32_t cutoff_day)
{
  if (done >= 0)
    return done <= due ? OUT_TEPAT : OUT_TERLAMBAT_SELESAI;
  return due <= cutoff_day ? OUT_TERLAMBAT_BELUM : OUT_BELUM_JATUH_TEMPO;
}

void
cohort_fold (const struct rs_complaint *c, const struct rs_event *ev,
             size_t n_ev, int utc_offset_min, int64_t start_ts,
             int64_t cutoff_ts, int32_t cutoff_day,
             const struct calendar *cal, int hk_verify, int hk_followup,
             struct cf *o)
{
  memset (o, 0, sizeof *o);
  o->id = c->id;
  snprintf (o->tracking, sizeof o->tracking, "%s", c->tracking);
  o->received_at = c->received_at;
  snprintf (o->received_date, sizeof o->received_date, "%s",
            c->received_date);
  cal_parse (c->received_date, &o->received_day);
  o->channel = index_of (cohort_channel_id, CH__COUNT, c->channel);
  o->klass = index_of (cohort_class_id, CL__COUNT, c->class_);
  o->privacy = 0 == strcmp (c->privacy, "rahasia") ? 1
               : 0 == strcmp (c->privacy, "anonim") ? 2 : 0;
  o->category_id = c->category_id;
  snprintf (o->lapor_id, sizeof o->lapor_id, "%s", c->lapor_id);
  o->imported = c->imported;
  o->status = CS_DITERIMA;
  o->status_start = CS_DITERIMA;
  o->tl_day = -1;
  cstage_init (&o->st, o->received_day);
  const char *pub = NULL;
  for (size_t i = 0; i < n_ev; i++)
  {
    const struct rs_event *e = &ev[i];
    int to = e->to[0] ? cstatus_from_name (e->to) : -1;
    if (e->at <= start_ts && to >= 0)
      o->status_start = to;
    if (e->at > cutoff_ts)
      continue;
    if (0 == strcmp (e->kind, "UNSUR"))
      o->unsur = unsur_mask (e->value);
    else if (0 == strcmp (e->kind, "PUBLICATION"))
    {
      pub = e->value && *e->value ? e->value : NULL;
      o->pub_at = pub ? e->at : 0;
    }
    if (0 == strcmp (e->kind, "VERDICT") && e->value
        && 0 == strcmp (e->value, "not_solved"))
      o->not_solved = true;
    if (to < 0)
      continue;
    int from = e->from[0] ? cstatus_from_name (e->from) : -1;
    int32_t day = complaint_local_day (e->at, utc_offset_min);
    if (to == CS_DIDISPOSISI && o->st.s2 < 0)
      o->section_id = e->section_id;
    if (to == CS_DITINDAKLANJUTI && o->tl_day < 0)
      o->tl_day = day;
    if (from == CS_SELESAI && to == CS_DITINDAKLANJUTI
        && 0 == strcmp (e->actor, "pelapor"))
      o->reopened = true;
    if (to == CS_SELESAI)
      o->closure = 0 == strcmp (e->actor, "pelapor") ? 'p'
                   : 0 == strcmp (e->actor, "sistem") ? 's' : 'o';
    cstage_step (&o->st, from, to, day);
    o->status = to;
  }
  if (pub)
    o->pub = strdup (pub);
  /* Stage 1: every complaint but those archived or waiting for the
     reporter at the cut-off (their clock is stopped). */
  o->d1 = cstage_deadline1 (&o->st, cal, hk_verify);
  o->o1 = OUT_NONE;
  o->hk1 = o->hk2 = o->hk_tl = -1;
  if (o->status != CS_DIARSIPKAN && o->status != CS_PERLU_DILENGKAPI)
  {
    o->o1 = outcome_of (o->st.e1, o->d1, cutoff_day);
    if (o->st.e1 >= 0)
      o->hk1 = cal_working_days_between (cal, o->st.s1, o->st.e1);
  }
  o->d2 = cstage_deadline2 (&o->st, cal, hk_followup);
  o->o2 = OUT_NONE;
  if (o->st.s2 >= 0)
  {
    o->o2 = outcome_of (o->st.e2, o->d2, cutoff_day);
    if (o->st.e2 >= 0)
    {
      o->hk2 = cal_working_days_between (cal, o->st.s2, o->st.e2);
      o->hk_tl = cal_working_days_between (cal, o->st.s1, o->st.e2);
    }
  }
}

struct load_cls {
  struct report_ctx *x;
  struct cohort *co;
  int64_t start_ts, cutoff_ts;
  int32_t cutoff_day;
  bool oom;
};

static bool
load_one (void *cls, const struct rs_complaint *c, const struct rs_event *ev,
          size_t n_ev)
{
  struct load_cls *l = cls;
  struct cohort *co = l->co;
  if (co->n == co->cap)
  {
    size_t cap = co->cap ? 2 * co->cap : 256;
    struct cf *p = realloc (co->c, cap * sizeof *p);
    if (NULL == p)
    {
      l->oom = true;
      return false;
    }
    co->c = p;
    co->cap = cap;
  }
  struct report_ctx *x = l->x;
  cohort_fold (c, ev, n_ev, x->unit.utc_offset_min, l->start_ts,
               l->cutoff_ts, l->cutoff_day, &x->cal, x->hk_verify,
               x->hk_followup, &co->c[co->n++]);
  return true;
}

static int
by_received (const void *a, const void *b)
{
  const struct cf *x = a, *y = b;
  if (x->received_at != y->received_at)
    return x->received_at < y->received_at ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

bool
cohort_load (struct report_ctx *x, const char *from, const char *to,
             int64_t start_ts, int64_t cutoff_ts, int32_t cutoff_day,
             struct cohort *out)
{
  memset (out, 0, sizeof *out);
  struct load_cls l = { .x = x, .co = out, .start_ts = start_ts,
                        .cutoff_ts = cutoff_ts, .cutoff_day = cutoff_day };
  enum store_status st = rs_complaints (x->app->store, x->unit.id, from, to,
                                        &load_one, &l);
  if (STORE_OK != st || l.oom)
  {
    cohort_free (out);
    return false;
  }
  /* Rows come in received_date and id order, which is received time
     order unless an offline complaint was entered after later ones: sort
     only then (moving 100,000 folds was a twentieth of D1). */
  bool sorted = true;
  for (size_t i = 1; i < out->n && sorted; i++)
    sorted = by_received (&out->c[i - 1], &out->c[i]) <= 0;
  if (! sorted)
    qsort (out->c, out->n, sizeof *out->c, &by_received);
  return true;
}

void
cohort_free (struct cohort *co)
{
  for (size_t i = 0; i < co->n; i++)
    free (co->c[i].pub);
  free (co->c);
  memset (co, 0, sizeof *co);
}

void
cgroup_add (struct cgroup *g, const struct cf *c)
{
  g->masuk++;
  if (c->status == CS_DIARSIPKAN)
    g->diarsipkan++;
  if (c->status == CS_BUKAN_WEWENANG)
    g->bukan_wewenang++;
  if (c->status == CS_DITINDAKLANJUTI || c->status == CS_SELESAI)
    g->ditindaklanjuti++;
  if (c->status == CS_SELESAI)
    g->selesai++;
  if (c->o2 != OUT_NONE)
    g->o2[c->o2]++;
  if (c->hk_tl >= 0)
    rstat_add (&g->hk_tl, c->hk_tl);
}

json_t *
cgroup_json (struct cgroup *g)
{
  int64_t harus = g->masuk - g->diarsipkan - g->bukan_wewenang;
  int64_t due = g->o2[OUT_TEPAT] + g->o2[OUT_TERLAMBAT_SELESAI]
                + g->o2[OUT_TERLAMBAT_BELUM];
  return json_pack ("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o,"
                    " s:o}",
                    "masuk", (json_int_t) g->masuk,
                    "diarsipkan", (json_int_t) g->diarsipkan,
                    "bukan_wewenang", (json_int_t) g->bukan_wewenang,
                    "harus_ditindaklanjuti", (json_int_t) harus,
                    "dalam_proses", (json_int_t) (harus - g->selesai),
                    "ditindaklanjuti", (json_int_t) g->ditindaklanjuti,
                    "selesai", (json_int_t) g->selesai,
                    "pct_ditindaklanjuti", rjson_pct (g->ditindaklanjuti,
                                                      harus),
                    "pct_selesai", rjson_pct (g->selesai, harus),
                    "pct_tepat_tindak_lanjut", rjson_pct (g->o2[OUT_TEPAT],
                                                          due),
                    "median_hk", rjson_real (rstat_median (&g->hk_tl)));
}

void
cgroup_free (struct cgroup *g)
{
  rstat_free (&g->hk_tl);
}
