/*
 * D3 wbs-monev (REPORTS.md §3.4): Laporan Monitoring dan Evaluasi
 * Penerapan Whistle-Blowing System.  The WBS reports received in the
 * period are folded at the cut-off (§2.1, §2.5); each report's category
 * is read from its sealed body with the unit's unlocked WBS key, kept only
 * as an index, and every key and opened text is wiped at once.  Only
 * aggregates leave the model (plus, in the terbatas variant, a register
 * without lookups or texts); in the publik variant the model itself is
 * suppressed (§2.7, §1.5).
 */
#include "docs.h"
#include "cohort.h"
#include "complaint.h"
#include "roles.h"
#include "store_complaint.h"
#include "vault.h"
#include "wbs.h"
#include "wbs_keys.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* W2: the categories of the WBS form, in the order of §3.4. */
#define W_NCAT 8
static const char *const w_cat_id[W_NCAT] = {
  "KORUPSI", "GRATIFIKASI_SUAP", "PUNGLI", "BENTURAN_KEPENTINGAN",
  "KODE_ETIK_DISIPLIN", "PENYALAHGUNAAN_WEWENANG", "PENGADAAN", "LAINNYA"
};
/* Used when the form is not loaded (the form's own labels otherwise). */
static const char *const w_cat_label[W_NCAT] = {
  "Korupsi", "Gratifikasi atau suap", "Pungutan liar",
  "Benturan kepentingan", "Pelanggaran kode etik atau disiplin",
  "Penyalahgunaan wewenang", "Pengadaan barang/jasa", "Lainnya"
};
#define W_CAT_LAINNYA 7

/* W4: the outcome (hasil) at the cut-off. */
enum { WO_TIDAK_MEMENUHI, WO_DITERUSKAN_APIP, WO_DITERUSKAN_APH_KPK,
       WO_TERBUKTI, WO_TIDAK_TERBUKTI, WO_DALAM_PROSES, WO__COUNT };
static const char *const w_out_id[WO__COUNT] = {
  "tidak_memenuhi", "diteruskan_apip", "diteruskan_aph_kpk", "terbukti",
  "tidak_terbukti", "dalam_proses"
};
static const char *const w_out_label[WO__COUNT] = {
  "Tidak memenuhi syarat", "Diteruskan ke APIP", "Diteruskan ke APH/KPK",
  "Terbukti", "Tidak terbukti", "Dalam proses"
};

/* W5: the stages of §2.5. */
enum { WST_PENERIMAAN, WST_TELAAH, WST_INVESTIGASI, WST__COUNT };
static const char *const w_stage_id[WST__COUNT] = {
  "penerimaan", "telaah", "investigasi"
};
static const char *const w_stage_label[WST__COUNT] = {
  "Penerimaan (diterima s.d. ditelaah)",
  "Telaah (ditelaah s.d. keputusan telaah)",
  "Investigasi (diinvestigasi s.d. terbukti/tidak terbukti)"
};

/* The decision a status is, or -1. */
static int
w_decision (int s)
{
  switch (s)
  {
  case WS_TIDAK_MEMENUHI: return WO_TIDAK_MEMENUHI;
  case WS_DITERUSKAN_APIP: return WO_DITERUSKAN_APIP;
  case WS_DITERUSKAN_APH_KPK: return WO_DITERUSKAN_APH_KPK;
  case WS_TERBUKTI: return WO_TERBUKTI;
  case WS_TIDAK_TERBUKTI: return WO_TIDAK_TERBUKTI;
  default: return -1;
  }
}

static const int w_decision_status[WO_DALAM_PROSES] = {
  WS_TIDAK_MEMENUHI, WS_DITERUSKAN_APIP, WS_DITERUSKAN_APH_KPK, WS_TERBUKTI,
  WS_TIDAK_TERBUKTI
};

/* One report at the cut-off: aggregates only (the category as an index). */
struct wf {
  int64_t id;
  int64_t received_at;
  int32_t received_day;
  int cat;
  int status;
  int hasil;                       /* WO_* */
  int32_t hasil_day;               /* the outcome first reached; -1 */
  bool in_stage[WST__COUNT];       /* in the stage's population */
  int32_t start[WST__COUNT], done[WST__COUNT];   /* -1: none */
  enum outcome out[WST__COUNT];
  int hk[WST__COUNT];              /* completed stages; -1 */
  int hk_penanganan;               /* -1 */
  bool team_msg, reporter_msg, identity;
  int64_t req_diajukan, req_disetujui, req_ditolak;
};

struct wload {
  struct report_ctx *x;
  unsigned char *k;                /* a report key, sodium memory */
  struct wf *w;
  size_t n, cap;
  bool oom, sealed_bad;
};

/* §2.4: the outcome of a stage with deadline DUE, completed on DONE (-1:
   not by the cut-off). */
static enum outcome
w_outcome (int32_t done, int32_t due, int32_t cutoff_day)
{
  if (done >= 0)
    return done <= due ? OUT_TEPAT : OUT_TERLAMBAT_SELESAI;
  return due <= cutoff_day ? OUT_TERLAMBAT_BELUM : OUT_BELUM_JATUH_TEMPO;
}

/* Overwrite every string of J (the opened body) before it is freed. */
static void
w_json_wipe (json_t *j)
{
  if (json_is_string (j))
    vault_wipe ((char *) json_string_value (j), json_string_length (j));
  else if (json_is_object (j))
  {
    const char *key;
    json_t *v;
    json_object_foreach (j, key, v)
      w_json_wipe (v);
  }
  else if (json_is_array (j))
  {
    size_t i;
    json_t *v;
    json_array_foreach (j, i, v)
      w_json_wipe (v);
  }
}

/* The category of report W (an index), from its sealed body; -1 when the
   body does not open with the unit's WBS key. */
static int
w_category (struct wload *l, const struct rs_wbs *w)
{
  json_t *body = NULL;
  if (vault_key_open (l->x->wbs.sk, w->key_team, l->k))
    body = wbs_decrypt_json (l->k, "body", w->lookup, w->body_ct,
                             w->body_len);
  vault_wipe (l->k, 32);
  if (NULL == body)
    return -1;
  /* Only the category leaves the opened body, as an index; a category
     the form does not know counts as LAINNYA. */
  const char *c = json_string_value (json_object_get (body, "category"));
  int cat = W_CAT_LAINNYA;
  for (int i = 0; c && i < W_NCAT; i++)
    if (0 == strcmp (c, w_cat_id[i]))
      cat = i;
  w_json_wipe (body);
  json_decref (body);
  return cat;
}

/* §2.5: fold one report's events up to the cut-off. */
static void
w_fold (struct report_ctx *x, const struct rs_wbs *w,
        const struct rs_wbs_event *ev, size_t n_ev, struct wf *o)
{
  int off = x->unit.utc_offset_min;
  int32_t first[WS__COUNT];
  int32_t review = -1, verdict = -1;
  for (int s = 0; s < WS__COUNT; s++)
    first[s] = -1;
  o->id = w->id;
  o->received_at = w->received_at;
  if (! cal_parse (w->received_date, &o->received_day))
    o->received_day = complaint_local_day (w->received_at, off);
  o->status = WS_DITERIMA;
  o->hasil = WO_DALAM_PROSES;
  for (size_t i = 0; i < n_ev; i++)
  {
    const struct rs_wbs_event *e = &ev[i];
    if (e->at > x->cutoff_ts)
      continue;
    int to = wstatus_from_name (e->to);
    if (to < 0)
      continue;
    int32_t day = complaint_local_day (e->at, off);
    if (first[to] < 0)
      first[to] = day;
    o->status = to;
    if (w_decision (to) >= 0)
      o->hasil = w_decision (to);
    if (review < 0 && (to == WS_TIDAK_MEMENUHI || to == WS_DITERUSKAN_APIP
                       || to == WS_DITERUSKAN_APH_KPK
                       || to == WS_DIINVESTIGASI))
      review = day;
    if (verdict < 0 && (to == WS_TERBUKTI || to == WS_TIDAK_TERBUKTI))
      verdict = day;
  }
  o->hasil_day = o->hasil == WO_DALAM_PROSES
                 ? -1 : first[w_decision_status[o->hasil]];
  o->hk_penanganan = o->hasil_day >= 0
                     ? cal_working_days_between (&x->cal, o->received_day,
                                                 o->hasil_day) : -1;
  /* The stages: penerimaan for every report, telaah from the first
     DITELAAH, investigasi from the first DIINVESTIGASI. */
  o->in_stage[WST_PENERIMAAN] = true;
  o->start[WST_PENERIMAAN] = o->received_day;
  o->done[WST_PENERIMAAN] = first[WS_DITELAAH];
  o->in_stage[WST_TELAAH] = first[WS_DITELAAH] >= 0;
  o->start[WST_TELAAH] = first[WS_DITELAAH];
  o->done[WST_TELAAH] = review;
  o->in_stage[WST_INVESTIGASI] = first[WS_DIINVESTIGASI] >= 0;
  o->start[WST_INVESTIGASI] = first[WS_DIINVESTIGASI];
  o->done[WST_INVESTIGASI] = verdict;
  const int batas[WST__COUNT] = { x->hk_wbs_ack, x->hk_wbs_review,
                                  x->hk_wbs_investigation };
  for (int s = 0; s < WST__COUNT; s++)
  {
    o->hk[s] = -1;
    o->out[s] = OUT_NONE;
    if (! o->in_stage[s])
      continue;
    int32_t due = cal_add_working_days (&x->cal, o->start[s], batas[s]);
    o->out[s] = w_outcome (o->done[s], due, x->cutoff_day);
    if (o->done[s] >= 0)
      o->hk[s] = cal_working_days_between (&x->cal, o->start[s], o->done[s]);
  }
  o->team_msg = w->team_msgs > 0;
  o->reporter_msg = w->reporter_msgs > 0;
  o->identity = w->has_identity;
  o->req_diajukan = w->req_diajukan;
  o->req_disetujui = w->req_disetujui;
  o->req_ditolak = w->req_ditolak;
}

static bool
w_load_one (void *cls, const struct rs_wbs *w, const struct rs_wbs_event *ev,
            size_t n_ev)
{
  struct wload *l = cls;
  if (l->n == l->cap)
  {
    size_t cap = l->cap ? 2 * l->cap : 64;
    struct wf *p = realloc (l->w, cap * sizeof *p);
    if (NULL == p)
    {
      l->oom = true;
      return false;
    }
    l->w = p;
    l->cap = cap;
  }
  struct wf *o = &l->w[l->n];
  memset (o, 0, sizeof *o);
  o->cat = w_category (l, w);
  if (o->cat < 0)
  {
    l->sealed_bad = true;
    return false;
  }
  w_fold (l->x, w, ev, n_ev, o);
  l->n++;
  return true;
}

static int
w_by_received (const void *a, const void *b)
{
  const struct wf *p = a, *q = b;
  if (p->received_at != q->received_at)
    return p->received_at < q->received_at ? -1 : 1;
  return (p->id > q->id) - (p->id < q->id);
}

/* ---- the model ---- */

/* How a count prints in the model: the number, or "< 5" / "*". */
static json_t *
w_cell (enum supp s, int64_t v)
{
  char buf[16];
  if (SUPP_SHOW == s)
    return json_integer (v);
  return json_string (supp_text (s, v, buf, sizeof buf));
}

struct wsupp {
  bool publik;          /* the publik variant */
  int64_t total;
  bool withheld;        /* publik, total 1-4 */
  bool reduce;          /* publik, total >= 5: §2.7 on every figure */
  bool hid;             /* something was hidden */
  bool total_star;      /* some table needs the total hidden */
};

/* A one-dimensional table W1-W4: rows {id, label, count} of COUNTS (their
   sum is the cohort's total), suppressed under S; null when withheld. */
static json_t *
w_table_json (struct wsupp *s, const int64_t *counts, size_t n,
              const char *const *ids, const char *const *labels)
{
  if (s->withheld)
    return json_null ();
  enum supp cell[16];
  struct supp_result res;
  for (size_t i = 0; i < n; i++)
    cell[i] = SUPP_SHOW;
  if (s->reduce)
  {
    supp_apply (counts, n, cell, &res);
    s->hid = s->hid || res.any;
    s->total_star = s->total_star || SUPP_STAR == res.total;
  }
  json_t *rows = json_array ();
  for (size_t i = 0; i < n; i++)
    json_array_append_new (rows, json_pack ("{s:s, s:s, s:o}", "id", ids[i],
                                            "label", labels[i], "count",
                                            w_cell (cell[i], counts[i])));
  return rows;
}

/* A count outside the partitions (W6, hk_penanganan's n): 1-4 print
   "< 5" in publik. */
static json_t *
w_small (struct wsupp *s, int64_t v)
{
  if (s->reduce && v >= 1 && v <= 4)
  {
    s->hid = true;
    return json_string ("< 5");
  }
  return json_integer (v);
}

/* W5: one stage, shaped as D1's stages; publik shows only pct_tepat, and
   only when the stage's population is >= 5 AND so is the percentage's own
   denominator (the reports already due): 5 reports of which 1 is due
   would otherwise print 0 % or 100 % and give that one away. */
static json_t *
w_stage_json (struct wsupp *s, const struct wf *w, size_t n, int stage,
              int batas)
{
  int64_t o[OUT__COUNT] = { 0 }, pop = 0;
  struct rstat hk = { 0 };
  for (size_t i = 0; i < n; i++)
  {
    if (w[i].out[stage] == OUT_NONE)
      continue;
    pop++;
    o[w[i].out[stage]]++;
    if (w[i].hk[stage] >= 0)
      rstat_add (&hk, w[i].hk[stage]);
  }
  json_t *pct = rjson_pct (o[OUT_TEPAT], o[OUT_TEPAT]
                           + o[OUT_TERLAMBAT_SELESAI]
                           + o[OUT_TERLAMBAT_BELUM]);
  json_t *j;
  if (s->reduce)
  {
    /* Every count and duration goes; so does the percentage of a small
       population. */
    s->hid = s->hid || pop > 0;
    int64_t due = o[OUT_TEPAT] + o[OUT_TERLAMBAT_SELESAI]
                  + o[OUT_TERLAMBAT_BELUM];
    if (pop < 5 || due < 5)
    {
      s->hid = s->hid || ! json_is_null (pct);
      json_decref (pct);
      pct = json_null ();
    }
    j = json_pack ("{s:i, s:n, s:n, s:n, s:n, s:n, s:o, s:n, s:n, s:n,"
                   " s:n}", "batas_hk", batas, "populasi", "tepat",
                   "terlambat_selesai", "terlambat_belum_selesai",
                   "belum_jatuh_tempo", "pct_tepat", pct, "n", "median",
                   "mean", "max");
  }
  else
    j = json_pack ("{s:i, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:o, s:o,"
                   " s:o}", "batas_hk", batas, "populasi", (json_int_t) pop,
                   "tepat", (json_int_t) o[OUT_TEPAT], "terlambat_selesai",
                   (json_int_t) o[OUT_TERLAMBAT_SELESAI],
                   "terlambat_belum_selesai",
                   (json_int_t) o[OUT_TERLAMBAT_BELUM], "belum_jatuh_tempo",
                   (json_int_t) o[OUT_BELUM_JATUH_TEMPO], "pct_tepat", pct,
                   "n", (json_int_t) hk.n, "median",
                   rjson_real (rstat_median (&hk)), "mean",
                   rjson_real (rstat_mean (&hk)), "max",
                   hk.n ? json_integer (hk.max) : json_null ());
  rstat_free (&hk);
  return j;
}

/* II.B: the team at the cut-off and the custodian rule. */
static json_t *
w_team (struct report_ctx *x, bool terbatas)
{
  struct store *s = x->app->store;
  const char *role = role_name (ROLE_PENGELOLA_WBS);
  int64_t size = 0;
  if (STORE_OK != rs_wbs_team_count (s, x->unit.id, role, x->cutoff_ts,
                                     &size))
    return NULL;
  char v[32] = "";
  bool custodian = STORE_OK == store_setting_get (s, x->unit.id,
                                                  "wbs_identity_approval", v,
                                                  sizeof v)
                   && 0 == strcmp (v, "custodian");
  json_t *t = json_pack ("{s:I, s:s}", "jumlah", (json_int_t) size,
                         "identity_approval", custodian ? "custodian"
                                                        : "none");
  char names[8] = "";
  if (terbatas
      && STORE_OK == store_setting_get (s, x->unit.id, "wbs_report_names",
                                        names, sizeof names)
      && 0 == strcmp (names, "yes"))
  {
    struct rs_user_name *u = NULL;
    size_t n = 0;
    if (STORE_OK != rs_wbs_team_names (s, x->unit.id, role, x->cutoff_ts,
                                       &u, &n))
    {
      json_decref (t);
      return NULL;
    }
    json_t *a = json_array ();
    for (size_t i = 0; i < n; i++)
      json_array_append_new (a, json_string (u[i].name));
    free (u);
    json_object_set_new (t, "names", a);
  }
  return t;
}

static const char *
w_pct_text (const json_t *v, char *buf, size_t cap)
{
  if (! json_is_number (v))
    return "–";
  char a[32];
  fmt_dec (json_number_value (v), 2, a, sizeof a);
  snprintf (buf, cap, "%s %%", a);
  return buf;
}

/* The generated sentences (§1.4, §3.4). */
static json_t *
w_kalimat (struct report_ctx *x, const json_t *m, const struct wsupp *s,
           int64_t decided)
{
  json_t *k = json_array ();
  char label[64], posisi[40];
  rm_period_label (&x->prm.period, label, sizeof label);
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  if (0 == s->total)
  {
    json_array_append_new (k, json_sprintf ("Selama %s tidak terdapat laporan"
                                            " WBS yang diterima.", label));
    return k;
  }
  if (s->withheld)
  {
    json_array_append_new (k, json_sprintf (
                             "Selama %s diterima kurang dari 5 laporan WBS;"
                             " rincian tidak ditampilkan untuk menjaga"
                             " kerahasiaan pelapor.", label));
    return k;
  }
  if (! s->publik)
    json_array_append_new (k, json_sprintf (
                             "Selama %s diterima %lld laporan WBS; per %s,"
                             " %lld telah memperoleh hasil penanganan dan"
                             " %lld masih dalam proses.", label,
                             (long long) s->total, posisi,
                             (long long) decided,
                             (long long) (s->total - decided)));
  else if (s->total_star)
    json_array_append_new (k, json_sprintf (
                             "Selama %s diterima 5 laporan WBS atau lebih;"
                             " jumlah pastinya disamarkan untuk menjaga"
                             " kerahasiaan pelapor.", label));
  else
    json_array_append_new (k, json_sprintf ("Selama %s diterima %lld laporan"
                                            " WBS.", label,
                                            (long long) s->total));
  const json_t *t = json_object_get (m, "timeliness");
  char a[3][40];
  const json_t *st[WST__COUNT];
  for (int i = 0; i < WST__COUNT; i++)
    st[i] = json_object_get (t, w_stage_id[i]);
  json_array_append_new (k, json_sprintf (
                           "Ketepatan waktu tahap penerimaan %s (batas %d HK),"
                           " tahap telaah %s (batas %d HK), dan tahap"
                           " investigasi %s (batas %d HK).",
                           w_pct_text (json_object_get (st[0], "pct_tepat"),
                                       a[0], sizeof a[0]), x->hk_wbs_ack,
                           w_pct_text (json_object_get (st[1], "pct_tepat"),
                                       a[1], sizeof a[1]), x->hk_wbs_review,
                           w_pct_text (json_object_get (st[2], "pct_tepat"),
                                       a[2], sizeof a[2]),
                           x->hk_wbs_investigation));
  const json_t *hk = json_object_get (m, "hk_penanganan");
  if (json_is_number (json_object_get (hk, "mean")))
  {
    char mean[32], med[32];
    fmt_dec (json_number_value (json_object_get (hk, "mean")), 2, mean,
             sizeof mean);
    fmt_dec (json_number_value (json_object_get (hk, "median")), 1, med,
             sizeof med);
    json_array_append_new (k, json_sprintf (
                             "Waktu penanganan sampai diperoleh hasil rata-rata"
                             " %s HK (median %s HK).", mean, med));
  }
  return k;
}

static json_t *
d3_model (struct report_ctx *x, char *err, size_t errlen)
{
  const char *variant = x->prm.variant;
  if (0 != strcmp (variant, "publik") && 0 != strcmp (variant, "terbatas"))
  {
    snprintf (err, errlen, "the variant must be publik or terbatas");
    return NULL;
  }
  if (NULL == x->wbs.sk)
  {
    snprintf (err, errlen, "the WBS key is not unlocked");
    return NULL;
  }
  bool terbatas = 0 == strcmp (variant, "terbatas");
  struct wload l = { .x = x };
  l.k = vault_secret_new (32);
  if (NULL == l.k)
  {
    snprintf (err, errlen, "out of memory");
    return NULL;
  }
  enum store_status st = rs_wbs_reports (x->app->store, x->unit.id,
                                         x->prm.period.from,
                                         x->prm.period.to, x->cutoff_ts,
                                         &w_load_one, &l);
  vault_secret_free (l.k);
  if (STORE_OK != st || l.oom || l.sealed_bad)
  {
    free (l.w);
    snprintf (err, errlen, "%s", l.sealed_bad
              ? "a WBS report does not open with this unit's WBS key"
              : "cannot read the WBS reports");
    return NULL;
  }
  if (l.n > 1)
    qsort (l.w, l.n, sizeof *l.w, &w_by_received);
  const struct wf *w = l.w;
  size_t n = l.n;

  json_t *m = rm_frame (x, NULL);
  rm_set_records (m, (json_int_t) n);
  json_t *settings = json_object_get (m, "settings");
  json_object_set_new (settings, "hk_wbs_ack", json_integer (x->hk_wbs_ack));
  json_object_set_new (settings, "hk_wbs_review",
                       json_integer (x->hk_wbs_review));
  json_object_set_new (settings, "hk_wbs_investigation",
                       json_integer (x->hk_wbs_investigation));

  struct wsupp s = { .publik = ! terbatas, .total = (int64_t) n };
  s.withheld = s.publik && n >= 1 && n <= 4;
  s.reduce = s.publik && n >= 5;
  s.hid = s.withheld;

  /* W1: every month of the period. */
  const struct period *p = &x->prm.period;
  int m0 = atoi (p->from + 5), m1 = atoi (p->to + 5);
  size_t nm = (size_t) (m1 - m0 + 1);
  int64_t by_month[12] = { 0 };
  char month_id[12][16];
  const char *month_ids[12], *month_labels[12];
  for (int mo = m0; mo <= m1; mo++)
  {
    snprintf (month_id[mo - m0], sizeof month_id[0], "%04d-%02d", p->year,
              mo);
    month_ids[mo - m0] = month_id[mo - m0];
    month_labels[mo - m0] = fmt_month (mo);
  }
  int64_t by_cat[W_NCAT] = { 0 }, by_status[WS__COUNT] = { 0 };
  int64_t by_out[WO__COUNT] = { 0 };
  int64_t team = 0, reporter = 0, identity = 0, diajukan = 0;
  int64_t disetujui = 0, ditolak = 0;
  struct rstat hk = { 0 };
  for (size_t i = 0; i < n; i++)
  {
    char iso[11];
    cal_format (w[i].received_day, iso);
    int mo = atoi (iso + 5);
    if (mo >= m0 && mo <= m1)
      by_month[mo - m0]++;
    by_cat[w[i].cat]++;
    by_status[w[i].status]++;
    by_out[w[i].hasil]++;
    team += w[i].team_msg;
    reporter += w[i].reporter_msg;
    identity += w[i].identity;
    diajukan += w[i].req_diajukan;
    disetujui += w[i].req_disetujui;
    ditolak += w[i].req_ditolak;
    if (w[i].hk_penanganan >= 0)
      rstat_add (&hk, w[i].hk_penanganan);
  }
  int64_t decided = (int64_t) n - by_out[WO_DALAM_PROSES];
  const char *cat_labels[W_NCAT], *status_ids[WS__COUNT];
  const char *status_labels[WS__COUNT];
  for (int c = 0; c < W_NCAT; c++)
  {
    const char *fl = x->app->wbs ? form_choice_label (x->app->wbs, "category",
                                                      w_cat_id[c]) : NULL;
    cat_labels[c] = fl ? fl : w_cat_label[c];
  }
  for (int c = 0; c < WS__COUNT; c++)
  {
    status_ids[c] = wstatus_name (c);
    status_labels[c] = wstatus_label (c);
  }
  json_object_set_new (m, "by_month", w_table_json (&s, by_month, nm,
                                                    month_ids, month_labels));
  json_object_set_new (m, "by_category", w_table_json (&s, by_cat, W_NCAT,
                                                       w_cat_id, cat_labels));
  json_object_set_new (m, "by_status", w_table_json (&s, by_status,
                                                     WS__COUNT, status_ids,
                                                     status_labels));
  json_object_set_new (m, "by_outcome", w_table_json (&s, by_out, WO__COUNT,
                                                      w_out_id, w_out_label));

  /* W5 and the handling time. */
  if (s.withheld)
  {
    json_object_set_new (m, "timeliness", json_null ());
    json_object_set_new (m, "hk_penanganan", json_null ());
  }
  else
  {
    const int batas[WST__COUNT] = { x->hk_wbs_ack, x->hk_wbs_review,
                                    x->hk_wbs_investigation };
    json_t *t = json_object ();
    for (int k = 0; k < WST__COUNT; k++)
      json_object_set_new (t, w_stage_id[k], w_stage_json (&s, w, n, k,
                                                           batas[k]));
    json_object_set_new (m, "timeliness", t);
    json_t *h;
    if (s.reduce && hk.n >= 1 && hk.n <= 4)
    {
      s.hid = true;
      h = json_pack ("{s:s, s:n, s:n, s:n}", "n", "< 5", "median", "mean",
                     "max");
    }
    else
      h = rstat_json (&hk);
    json_object_set_new (m, "hk_penanganan", h);
  }
  rstat_free (&hk);

  /* W6: counts only. */
  if (s.withheld)
    json_object_set_new (m, "communication", json_null ());
  else
    json_object_set_new (m, "communication", json_pack (
                           "{s:o, s:o, s:o, s:o, s:o, s:o}", "pesan_tim",
                           w_small (&s, team), "pesan_pelapor",
                           w_small (&s, reporter), "identitas",
                           w_small (&s, identity), "diajukan",
                           w_small (&s, diajukan), "disetujui",
                           w_small (&s, disetujui), "ditolak",
                           w_small (&s, ditolak)));

  /* W7: the register, for the WBS team only. */
  if (terbatas)
  {
    json_t *reg = json_array ();
    for (size_t i = 0; i < n; i++)
    {
      char iso[11], month[8], keputusan[11];
      cal_format (w[i].received_day, iso);
      snprintf (month, sizeof month, "%.7s", iso);
      if (w[i].hasil_day >= 0)
        cal_format (w[i].hasil_day, keputusan);
      json_array_append_new (reg, json_pack (
                               "{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o}",
                               "no", (json_int_t) (i + 1), "no_register",
                               (json_int_t) w[i].id, "bulan", month,
                               "kategori", w_cat_id[w[i].cat], "status",
                               wstatus_name (w[i].status), "hasil",
                               w_out_id[w[i].hasil], "tgl_keputusan",
                               w[i].hasil_day >= 0 ? json_string (keputusan)
                                                   : json_null (),
                               "hk_penanganan", w[i].hk_penanganan >= 0
                               ? json_integer (w[i].hk_penanganan)
                               : json_null ()));
    }
    json_object_set_new (m, "register", reg);
  }
  free (l.w);

  json_object_set_new (m, "total", s.withheld ? json_string ("< 5")
                                   : s.total_star ? json_string ("*")
                                   : json_integer ((json_int_t) n));
  s.hid = s.hid || s.total_star;
  json_object_set_new (m, "nihil", json_boolean (0 == n));
  json_object_set_new (m, "suppressed", json_boolean (s.hid));

  /* II: the channel, the team, the activities; I.B: the legal basis. */
  json_t *tm = w_team (x, terbatas);
  if (NULL == tm)
  {
    json_decref (m);
    snprintf (err, errlen, "cannot read the WBS team");
    return NULL;
  }
  const char *basis = x->app->wbs
                      ? json_string_value (json_object_get (x->app->wbs->def,
                                                            "basis"))
                      : NULL;
  json_object_set_new (m, "dasar_hukum", basis ? json_string (basis)
                                               : json_null ());
  json_object_set_new (m, "channel", json_pack (
                         "{s:o, s:s}", "url",
                         json_sprintf ("/u/%s/wbs", x->unit.slug),
                         "keterangan", "laporan dapat disampaikan tanpa"
                         " identitas; alamat IP tidak disimpan"));
  json_object_set_new (m, "team", tm);
  json_object_set_new (m, "activities", json_pack (
                         "{s:o, s:o}", "sosialisasi_wbs",
                         rm_activities (x, "sosialisasi_wbs"),
                         "rapat_monev_wbs",
                         rm_activities (x, "rapat_monev_wbs")));
  json_t *tlr = tl_json (x, "WBS");
  if (NULL == tlr)
  {
    json_decref (m);
    snprintf (err, errlen, "cannot read the recommendation tracker");
    return NULL;
  }
  json_object_set_new (m, "tl_rekomendasi", tlr);
  json_object_set_new (m, "kalimat", w_kalimat (x, m, &s, decided));
  return m;
}

/* ---- the layout ---- */

static const char *
w_str (const json_t *o, const char *k)
{
  const char *s = json_string_value (json_object_get (o, k));
  return s ? s : "";
}

static void
w_upper (char *s)
{
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z')
      *s = (char) (*s - 32);
}

/* A count cell as the model has it: a number, "< 5", "*" or "–". */
static void
w_count_cell (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
              const json_t *v, const char *formula)
{
  if (json_is_integer (v))
  {
    rl_int (d, t, r, c, json_integer_value (v), formula);
    return;
  }
  rl_text (d, t, r, c, json_string_value (v));
  ((enum rd_align *) t->align)[c] = RD_RIGHT;
}

static const char *const w_withheld_text =
  "Rincian tidak ditampilkan karena jumlah laporan kurang dari 5.";

/* W1-W4: a label column and a count column with the Jumlah row. */
static struct rd_table *
w_count_table (struct rd_doc *d, const json_t *m, const char *key,
               int *number, const char *title, const char *label_header,
               const char *sheet)
{
  const json_t *rows = json_object_get (m, key);
  if (! json_is_array (rows))
  {
    rd_para (d, w_withheld_text);
    return NULL;
  }
  size_t n = json_array_size (rows);
  const char *h[] = { label_header, "Jumlah laporan", NULL };
  struct rd_table *t = rl_table (d, key, rd_printf (&d->arena, "Tabel %d",
                                                    ++*number),
                                 title, h, n + 1);
  if (NULL == t)
    return NULL;
  static const double wd[] = { 4, 1.2 };
  rl_widths (t, wd);
  t->sheet = sheet;
  bool exact = json_is_integer (json_object_get (m, "total"));
  for (size_t r = 0; r < n; r++)
  {
    const json_t *row = json_array_get (rows, r);
    rl_text (d, t, r, 0, w_str (row, "label"));
    const json_t *v = json_object_get (row, "count");
    exact = exact && json_is_integer (v);
    w_count_cell (d, t, r, 1, v, NULL);
  }
  char f[48];
  rl_sum_formula (1, 0, n - 1, f);
  rl_text (d, t, n, 0, "Jumlah");
  w_count_cell (d, t, n, 1, json_object_get (m, "total"),
                exact && n ? f : NULL);
  rl_totals (t, 1);
  if (json_is_true (json_object_get (m, "nihil")))
    t->note = "Nihil.";
  else if (! exact)
    t->note = "\"< 5\": 1 sampai 4 laporan; \"*\": disamarkan agar angka"
              " \"< 5\" tidak dapat dihitung dari jumlah.";
  rl_add_table (d, t);
  return t;
}

/* G1: W1 as a column chart, only when no month is hidden (a bar left
   out would read as a zero). */
static void
w_month_chart (struct rd_doc *d, const json_t *m, int number)
{
  const json_t *rows = json_object_get (m, "by_month");
  size_t n = json_array_size (rows);
  if (! json_is_array (rows) || 0 == n)
    return;
  for (size_t i = 0; i < n; i++)
    if (! json_is_integer (json_object_get (json_array_get (rows, i),
                                            "count")))
    {
      rd_para (d, "Grafik laporan per bulan tidak ditampilkan karena"
                  " sebagian angka disamarkan.");
      return;
    }
  const char **cats = rd_alloc (&d->arena, n * sizeof *cats);
  double *v = rd_alloc (&d->arena, n * sizeof *v);
  struct rd_series *ser = rd_alloc (&d->arena, sizeof *ser);
  if (NULL == cats || NULL == v || NULL == ser)
    return;
  for (size_t i = 0; i < n; i++)
  {
    const json_t *row = json_array_get (rows, i);
    cats[i] = rd_strdup (&d->arena, w_str (row, "label"));
    v[i] = (double) json_integer_value (json_object_get (row, "count"));
  }
  ser->name = "Laporan WBS";
  ser->values = v;
  rl_chart (d, "g1", rd_printf (&d->arena, "Grafik %d", number),
            "Laporan WBS per bulan", RD_CHART_COLUMN, false, n, cats, 1, ser,
            0, NULL);
}

static void
w_activity_table (struct rd_doc *d, const json_t *acts, const char *key,
                  const char *sheet, const char *title, const char *none)
{
  size_t n = json_array_size (acts);
  if (0 == n)
  {
    rd_para (d, none);
    return;
  }
  static const char *const h[] = { "No", "Tanggal", "Kegiatan", "Tempat",
                                   "Peserta", "Bukti", NULL };
  struct rd_table *t = rl_table (d, key, NULL, title, h, n);
  if (NULL == t)
    return;
  static const double wd[] = { 0.5, 1.4, 3, 1.6, 0.8, 2 };
  rl_widths (t, wd);
  t->sheet = sheet;
  for (size_t r = 0; r < n; r++)
  {
    const json_t *a = json_array_get (acts, r);
    char date[40];
    fmt_date (w_str (a, "date"), date, sizeof date);
    rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
    rl_text (d, t, r, 1, date);
    rl_text (d, t, r, 2, w_str (a, "title"));
    rl_text (d, t, r, 3, w_str (a, "place"));
    const json_t *pp = json_object_get (a, "participants");
    if (json_is_integer (pp))
      rl_int (d, t, r, 4, json_integer_value (pp), NULL);
    else
      rl_text (d, t, r, 4, "–");
    rl_text (d, t, r, 5, w_str (a, "evidence_ref"));
  }
  rl_add_table (d, t);
}

static bool
d3_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  char label[64], up[200], lbl_up[64], posisi[40];
  rm_period_label (&x->prm.period, label, sizeof label);
  snprintf (up, sizeof up, "%s", x->unit.name);
  w_upper (up);
  snprintf (lbl_up, sizeof lbl_up, "%s", label);
  w_upper (lbl_up);
  const char *title[] = {
    "LAPORAN MONITORING DAN EVALUASI PENERAPAN WHISTLE-BLOWING SYSTEM (WBS)",
    up, lbl_up, NULL };
  rl_frame (x, m, d, title);
  bool terbatas = 0 == strcmp (x->prm.variant, "terbatas");
  if (terbatas)
    d->banner = "TERBATAS — hanya untuk Tim WBS";
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  int number = 0;

  rd_heading (d, 1, "I. PENDAHULUAN");
  rl_slot (x, m, d, "latar_belakang", "A. Latar Belakang");
  rd_heading (d, 2, "B. Dasar Hukum");
  const char *basis = w_str (m, "dasar_hukum");
  if (*basis)
    rd_para (d, rd_printf (&d->arena, "Dasar penerapan WBS: %s.", basis));
  rl_slot (x, m, d, "dasar_hukum", NULL);
  rl_slot (x, m, d, "maksud_tujuan", "C. Maksud dan Tujuan");

  rd_heading (d, 1, "II. PELAKSANAAN");
  rd_heading (d, 2, "A. Saluran WBS");
  {
    const json_t *ch = json_object_get (m, "channel");
    rd_para (d, rd_printf (&d->arena, "Laporan WBS disampaikan melalui"
                           " formulir daring pada alamat %s; %s.",
                           w_str (ch, "url"), w_str (ch, "keterangan")));
    rl_public_link (x, d, w_str (ch, "url"), "Formulir WBS");
  }
  rd_heading (d, 2, "B. Tim Pengelola WBS");
  {
    const json_t *tm = json_object_get (m, "team");
    char size[32];
    fmt_int (json_integer_value (json_object_get (tm, "jumlah")), size,
             sizeof size);
    bool custodian = 0 == strcmp (w_str (tm, "identity_approval"),
                                  "custodian");
    rd_para (d, rd_printf (&d->arena, "Per %s tim pengelola WBS beranggotakan"
                           " %s orang pengguna dengan peran pengelola WBS."
                           " %s", posisi, size, custodian
                           ? "Identitas pelapor hanya dapat dibuka atas"
                             " permintaan yang disertai alasan dan setelah"
                             " disetujui kustodian (orang kedua)."
                           : "Identitas pelapor dapat dibuka oleh pengelola"
                             " WBS atas permintaan yang disertai alasan dan"
                             " tercatat dalam log audit; persetujuan"
                             " kustodian tidak disyaratkan."));
    const json_t *names = json_object_get (tm, "names");
    size_t nn = json_array_size (names);
    if (terbatas && nn)
    {
      struct rd_block *b = rd_add (d, RD_LIST);
      const char **it = rd_alloc (&d->arena, nn * sizeof *it);
      for (size_t i = 0; b && it && i < nn; i++)
        it[i] = rd_strdup (&d->arena, json_string_value (json_array_get (names,
                                                                          i)));
      if (b && it)
      {
        b->items = it;
        b->n_items = nn;
      }
    }
  }
  const json_t *acts = json_object_get (m, "activities");
  rd_heading (d, 2, "C. Sosialisasi dan Internalisasi");
  w_activity_table (d, json_object_get (acts, "sosialisasi_wbs"),
                    "sosialisasi_wbs", "Sosialisasi",
                    "Kegiatan sosialisasi dan internalisasi WBS",
                    "Belum ada kegiatan sosialisasi WBS yang dicatat pada"
                    " periode ini.");
  rd_heading (d, 2, "D. Rapat Monitoring dan Evaluasi");
  w_activity_table (d, json_object_get (acts, "rapat_monev_wbs"),
                    "rapat_monev_wbs", "Rapat monev",
                    "Rapat monitoring dan evaluasi WBS",
                    "Belum ada rapat monitoring dan evaluasi WBS yang dicatat"
                    " pada periode ini.");

  rd_heading (d, 1, "III. HASIL MONITORING");
  rl_kalimat (d, m);
  bool withheld = json_is_string (json_object_get (m, "total"))
                  && 0 == strcmp (w_str (m, "total"), "< 5");
  if (json_is_true (json_object_get (m, "suppressed")) && ! withheld)
    rd_para (d, "Sesuai kaidah kerahasiaan pelapor, jumlah 1 sampai 4"
                " ditampilkan sebagai \"< 5\", angka yang dapat dihitung dari"
                " jumlah disamarkan dengan \"*\", dan rincian ketepatan waktu"
                " hanya disajikan sebagai persentase tahap yang memuat paling"
                " sedikit 5 laporan.");
  rd_heading (d, 2, "A. Laporan per Bulan");
  w_count_table (d, m, "by_month", &number, "Laporan WBS per bulan",
                 "Bulan", "Per bulan");
  if (! withheld)
    w_month_chart (d, m, 1);
  rd_heading (d, 2, "B. Laporan per Kategori Pelanggaran");
  w_count_table (d, m, "by_category", &number, "Laporan WBS per kategori"
                 " pelanggaran", "Kategori", "Per kategori");
  rd_heading (d, 2, "C. Status per Posisi");
  w_count_table (d, m, "by_status", &number, rd_printf (&d->arena,
                                                        "Status laporan WBS"
                                                        " per %s", posisi),
                 "Status", "Status");
  rd_heading (d, 2, "D. Hasil Penanganan");
  w_count_table (d, m, "by_outcome", &number, "Hasil penanganan laporan WBS",
                 "Hasil", "Hasil penanganan");

  rd_heading (d, 2, "E. Ketepatan Waktu");
  const json_t *tl = json_object_get (m, "timeliness");
  if (! json_is_object (tl))
    rd_para (d, w_withheld_text);
  else
  {
    static const char *const h[] = { "Tahap", "Batas (HK)", "Tepat waktu",
                                     "Terlambat (selesai)",
                                     "Terlambat (belum selesai)",
                                     "Belum jatuh tempo", "% tepat waktu",
                                     "Median HK", "Rata-rata HK", "Maks HK",
                                     NULL };
    struct rd_table *t = rl_table (d, "timeliness", rd_printf (&d->arena,
                                                               "Tabel %d",
                                                               ++number),
                                   "Ketepatan waktu per tahap", h,
                                   WST__COUNT);
    for (size_t r = 0; t && r < WST__COUNT; r++)
    {
      const json_t *st = json_object_get (tl, w_stage_id[r]);
      rl_text (d, t, r, 0, w_stage_label[r]);
      w_count_cell (d, t, r, 1, json_object_get (st, "batas_hk"), NULL);
      w_count_cell (d, t, r, 2, json_object_get (st, "tepat"), NULL);
      w_count_cell (d, t, r, 3, json_object_get (st, "terlambat_selesai"),
                    NULL);
      w_count_cell (d, t, r, 4, json_object_get (st,
                                                 "terlambat_belum_selesai"),
                    NULL);
      w_count_cell (d, t, r, 5, json_object_get (st, "belum_jatuh_tempo"),
                    NULL);
      char f[160] = "";
      if (terbatas)
      {
        char a[16], b[16], c[16];
        rd_ref (r, 2, a);
        rd_ref (r, 3, b);
        rd_ref (r, 4, c);
        snprintf (f, sizeof f, "=IF(%s+%s+%s=0,\"\",ROUND(%s/(%s+%s+%s)*100,"
                  "2))", a, b, c, a, a, b, c);
      }
      rl_num (d, t, r, 6, json_object_get (st, "pct_tepat"), 2,
              f[0] ? f : NULL);
      rl_num (d, t, r, 7, json_object_get (st, "median"), 1, NULL);
      rl_num (d, t, r, 8, json_object_get (st, "mean"), 2, NULL);
      rl_num (d, t, r, 9, json_object_get (st, "max"), 0, NULL);
    }
    if (t)
    {
      ((double *) t->widths)[0] = 3;
      t->sheet = "Ketepatan waktu";
      const json_t *hk = json_object_get (m, "hk_penanganan");
      char nn[16], med[16], mean[16], mx[16];
      const json_t *hn = json_object_get (hk, "n");
      if (json_is_integer (hn))
        fmt_int (json_integer_value (hn), nn, sizeof nn);
      else
        snprintf (nn, sizeof nn, "%s", json_is_string (hn)
                  ? json_string_value (hn) : "–");
      fmt_dec (json_is_number (json_object_get (hk, "median"))
               ? json_number_value (json_object_get (hk, "median")) : NAN, 1,
               med, sizeof med);
      fmt_dec (json_is_number (json_object_get (hk, "mean"))
               ? json_number_value (json_object_get (hk, "mean")) : NAN, 2,
               mean, sizeof mean);
      if (json_is_integer (json_object_get (hk, "max")))
        fmt_int (json_integer_value (json_object_get (hk, "max")), mx,
                 sizeof mx);
      else
        snprintf (mx, sizeof mx, "–");
      t->note = rd_printf (&d->arena, "Waktu penanganan sejak diterima sampai"
                           " diperoleh hasil (laporan yang telah memperoleh"
                           " hasil): n = %s, median %s HK, rata-rata %s HK,"
                           " maksimum %s HK. Laporan yang belum jatuh tempo"
                           " tidak dihitung dalam %% tepat waktu.%s", nn,
                           med, mean, mx, terbatas ? ""
                           : " Varian publik hanya menyajikan % tepat waktu"
                             " tahap yang memuat paling sedikit 5 laporan.");
      rl_add_table (d, t);
    }
  }

  rd_heading (d, 2, "F. Komunikasi dan Identitas Pelapor");
  const json_t *cm = json_object_get (m, "communication");
  if (! json_is_object (cm))
    rd_para (d, w_withheld_text);
  else
  {
    static const char *const h[] = { "Uraian", "Jumlah", NULL };
    static const char *const rows[][2] = {
      { "Laporan dengan sedikitnya satu pesan tim kepada pelapor",
        "pesan_tim" },
      { "Laporan dengan sedikitnya satu pesan dari pelapor",
        "pesan_pelapor" },
      { "Laporan yang mencantumkan identitas pelapor", "identitas" },
      { "Permintaan pembukaan identitas diajukan", "diajukan" },
      { "Permintaan pembukaan identitas disetujui", "disetujui" },
      { "Permintaan pembukaan identitas ditolak", "ditolak" } };
    size_t nr = sizeof rows / sizeof rows[0];
    struct rd_table *t = rl_table (d, "communication", rd_printf (&d->arena,
                                                                  "Tabel %d",
                                                                  ++number),
                                   "Komunikasi dan identitas pelapor", h,
                                   nr);
    for (size_t r = 0; t && r < nr; r++)
    {
      rl_text (d, t, r, 0, rows[r][0]);
      w_count_cell (d, t, r, 1, json_object_get (cm, rows[r][1]), NULL);
    }
    if (t)
    {
      static const double wd[] = { 4, 1.2 };
      rl_widths (t, wd);
      t->sheet = "Komunikasi";
      t->note = "Hanya jumlah; isi pesan dan identitas tidak pernah dimuat"
                " dalam laporan ini.";
      rl_add_table (d, t);
    }
  }

  if (terbatas)
  {
    rd_heading (d, 2, "G. Register Laporan WBS");
    const json_t *reg = json_object_get (m, "register");
    size_t nr = json_array_size (reg);
    static const char *const h[] = { "No", "No. register", "Bulan diterima",
                                     "Kategori", "Status per posisi",
                                     "Hasil", "Tgl keputusan",
                                     "HK penanganan", NULL };
    struct rd_table *t = rl_table (d, "register", rd_printf (&d->arena,
                                                             "Tabel %d",
                                                             ++number),
                                   "Register laporan WBS periode ini", h, nr);
    for (size_t r = 0; t && r < nr; r++)
    {
      const json_t *row = json_array_get (reg, r);
      rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
      rl_int (d, t, r, 1, json_integer_value (json_object_get (row,
                                                               "no_register")),
              NULL);
      const char *b = w_str (row, "bulan");
      rl_text (d, t, r, 2, rd_printf (&d->arena, "%s %.4s",
                                      fmt_month (atoi (b + 5)), b));
      const char *k = w_str (row, "kategori");
      const char *kl = k;
      for (int c = 0; c < W_NCAT; c++)
        if (0 == strcmp (k, w_cat_id[c]))
        {
          const char *fl = x->app->wbs
                           ? form_choice_label (x->app->wbs, "category", k)
                           : NULL;
          kl = fl ? fl : w_cat_label[c];
        }
      rl_text (d, t, r, 3, kl);
      int s = wstatus_from_name (w_str (row, "status"));
      rl_text (d, t, r, 4, s >= 0 ? wstatus_label (s) : "");
      const char *o = w_str (row, "hasil");
      const char *ol = o;
      for (int c = 0; c < WO__COUNT; c++)
        if (0 == strcmp (o, w_out_id[c]))
          ol = w_out_label[c];
      rl_text (d, t, r, 5, ol);
      char date[40];
      fmt_date (w_str (row, "tgl_keputusan"), date, sizeof date);
      rl_text (d, t, r, 6, date);
      const json_t *hk = json_object_get (row, "hk_penanganan");
      if (json_is_integer (hk))
        rl_int (d, t, r, 7, json_integer_value (hk), NULL);
      else
        rl_text (d, t, r, 7, "–");
    }
    if (t)
    {
      static const double wd[] = { 0.5, 1, 1.4, 2.2, 2.4, 2, 1.4, 1 };
      rl_widths (t, wd);
      t->landscape = true;
      t->sheet = "Register";
      t->note = 0 == nr ? "Nihil." : "No. register adalah nomor internal;"
                " nomor tanda terima pelapor, identitas, terlapor dan uraian"
                " laporan tidak dimuat.";
      rl_add_table (d, t);
    }
  }

  rd_heading (d, 1, "IV. EVALUASI");
  rl_slot (x, m, d, "temuan", "A. Temuan");
  rl_slot (x, m, d, "kendala", "B. Kendala dan Solusi");
  rd_heading (d, 1, "V. RENCANA AKSI PERBAIKAN");
  rl_slot (x, m, d, "rencana_aksi", NULL);
  rd_heading (d, 1, "VI. TINDAK LANJUT RENCANA AKSI PERIODE SEBELUMNYA");
  rl_tl (x, json_object_get (m, "tl_rekomendasi"), d, "tl_rekomendasi");
  rd_heading (d, 1, "VII. PENUTUP");
  rl_slot (x, m, d, "penutup", NULL);
  rl_signature (x, m, d, false);
  return true;
}

const struct report_def rdef_wbs_monev = {
  "wbs-monev",
  "Laporan Monitoring dan Evaluasi Penerapan Whistle-Blowing System",
  "S", ROLE_PENGELOLA_WBS | ROLE_ADMIN | ROLE_TIM_ZI | ROLE_PIMPINAN, true,
  &d3_model, &d3_layout
};
