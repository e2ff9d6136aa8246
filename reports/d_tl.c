/*
 * D4 tl-rekomendasi (REPORTS.md §3.9, §2.6): the follow-up of earlier
 * recommendations and action plans, per domain, classified at the
 * cut-off; and the same table inside D1 (VI) and D3 (VI).
 */
#include "docs.h"
#include "complaint.h"
#include "roles.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const classes[] = {
  "selesai_tepat", "selesai_terlambat", "lewat_target", "belum_jatuh_tempo",
  "tidak_dilaksanakan"
};
static const char *const class_labels[] = {
  "Selesai tepat waktu", "Selesai terlambat", "Lewat target, belum selesai",
  "Belum jatuh tempo", "Tidak dilaksanakan"
};
static const char *const status_labels[][2] = {
  { "RENCANA", "Rencana" }, { "PROSES", "Dalam proses" },
  { "SELESAI", "Selesai" }, { "TIDAK_DILAKSANAKAN", "Tidak dilaksanakan" }
};

static const char *
status_label (const char *s)
{
  for (size_t i = 0; i < 4; i++)
    if (0 == strcmp (status_labels[i][0], s))
      return status_labels[i][1];
  return s;
}

json_t *
tl_json (struct report_ctx *x, const char *domain)
{
  struct rs_rec *recs = NULL;
  size_t n = 0;
  if (STORE_OK != rs_recs (x->app->store, x->unit.id,
                           domain && *domain ? domain : NULL, &recs, &n))
    return NULL;
  int64_t cnt[5] = { 0 }, items = 0;
  json_t *rows = json_array ();
  for (size_t i = 0; i < n; i++)
  {
    const struct rs_rec *r = &recs[i];
    struct period sp;
    int32_t src_start = 0;
    if (period_parse (r->source_period, &sp))
      cal_parse (sp.from, &src_start);
    else
      cal_parse (r->source_date, &src_start);
    if (src_start >= x->from_day)
      continue;               /* not from an earlier period */
    const char *st_before = "RENCANA", *st = "RENCANA";
    const char *note = "";
    int64_t done_at = 0;
    struct buf ev = { 0 };
    for (size_t k = 0; k < r->n_events; k++)
    {
      const struct rs_rec_event *e = &r->events[k];
      if (e->at < x->from_ts)
        st_before = e->status;
      if (e->at > x->cutoff_ts)
        continue;
      st = e->status;
      if (e->note[0])
        note = e->note;
      if (0 == strcmp (e->status, "SELESAI"))
        done_at = e->at;
      if (e->evidence_ref[0])
        buf_printf (&ev, "%s%s", ev.len ? "; " : "", e->evidence_ref);
    }
    if (0 == strcmp (st_before, "SELESAI")
        || 0 == strcmp (st_before, "TIDAK_DILAKSANAKAN"))
    {
      buf_free (&ev);
      continue;               /* closed before this period began */
    }
    int32_t target = 0, src = 0;
    cal_parse (r->target_date, &target);
    cal_parse (r->source_date, &src);
    int cls;
    json_t *done = json_null (), *lama = json_null ();
    if (0 == strcmp (st, "SELESAI"))
    {
      int32_t dday = complaint_local_day (done_at, x->unit.utc_offset_min);
      char iso[11];
      cal_format (dday, iso);
      done = json_string (iso);
      lama = json_integer (dday - src);
      cls = dday <= target ? 0 : 1;
    }
    else if (0 == strcmp (st, "TIDAK_DILAKSANAKAN"))
      cls = 4;
    else
      cls = target <= x->cutoff_day ? 2 : 3;
    cnt[cls]++;
    items++;
    bool no_evidence = 0 == strcmp (st, "SELESAI") && 0 == ev.len;
    json_array_append_new (rows, json_pack (
      "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s,"
      " s:s, s:s, s:o, s:b, s:s?}",
      "no", (json_int_t) items, "id", (json_int_t) r->id,
      "domain", r->domain, "source_doc", r->source_doc,
      "source_period", r->source_period, "source_date", r->source_date,
      "finding", r->finding, "text", r->text, "pic_jabatan", r->pic_jabatan,
      "target_date", r->target_date, "status", st, "tgl_selesai", done,
      "keterangan", note, "bukti", ev.p ? ev.p : "",
      "kategori", classes[cls], "lama_hari", lama,
      "tanpa_bukti", no_evidence, "unsur", r->unsur[0] ? r->unsur : NULL));
    buf_free (&ev);
  }
  rs_recs_free (recs, n);
  json_t *sum = json_pack ("{s:I, s:I, s:I, s:I, s:I, s:I, s:o}",
                           "jumlah", (json_int_t) items,
                           "selesai_tepat", (json_int_t) cnt[0],
                           "selesai_terlambat", (json_int_t) cnt[1],
                           "lewat_target", (json_int_t) cnt[2],
                           "belum_jatuh_tempo", (json_int_t) cnt[3],
                           "tidak_dilaksanakan", (json_int_t) cnt[4],
                           "pct_selesai", rjson_pct (cnt[0] + cnt[1],
                                                     items));
  return json_pack ("{s:o, s:o}", "summary", sum, "items", rows);
}

void
rl_tl (struct report_ctx *x, const json_t *tl, struct rd_doc *d,
       const char *key)
{
  char posisi[40];
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  const json_t *s = json_object_get (tl, "summary");
  static const char *const h1[] = { "Jumlah rekomendasi",
                                    "Selesai tepat waktu",
                                    "Selesai terlambat",
                                    "Lewat target belum selesai",
                                    "Belum jatuh tempo",
                                    "Tidak dilaksanakan", "% selesai", NULL };
  static const char *const k1[] = { "jumlah", "selesai_tepat",
                                     "selesai_terlambat", "lewat_target",
                                     "belum_jatuh_tempo",
                                     "tidak_dilaksanakan" };
  struct rd_table *t = rl_table (d, rd_printf (&d->arena, "%s_summary", key),
                                 NULL, rd_printf (&d->arena,
                                                  "Rekapitulasi tindak lanjut"
                                                  " per %s", posisi), h1, 1);
  if (t)
  {
    for (size_t c = 0; c < 6; c++)
      rl_int (d, t, 0, c, json_integer_value (json_object_get (s, k1[c])),
              NULL);
    char f[96], a[16], b[16], z[16];
    rd_ref (0, 1, a);
    rd_ref (0, 2, b);
    rd_ref (0, 0, z);
    snprintf (f, sizeof f, "=IF(%s=0,\"\",ROUND((%s+%s)/%s*100,2))", z, a, b,
              z);
    rl_num (d, t, 0, 6, json_object_get (s, "pct_selesai"), 2, f);
    t->sheet = "Rekap tindak lanjut";
    rl_add_table (d, t);
  }
  const json_t *items = json_object_get (tl, "items");
  size_t n = json_array_size (items);
  if (0 == n)
  {
    rd_para (d, "Tidak ada rekomendasi atau rencana aksi periode sebelumnya"
                " yang masih terbuka pada awal periode ini.");
    return;
  }
  static const char *const h2[] = { "No", "Sumber", "Temuan",
                                    "Rekomendasi / rencana aksi",
                                    "Penanggung jawab", "Target",
                                    "Status per posisi", "Tgl selesai",
                                    "Realisasi / keterangan", "Bukti",
                                    "Kategori", "Lama (hari)", NULL };
  t = rl_table (d, key, NULL, "Rincian tindak lanjut rekomendasi", h2, n);
  if (NULL == t)
    return;
  static const double w[] = { 0.5, 1.3, 2, 2.5, 1.5, 1.1, 1, 1.1, 2, 1.5,
                              1.2, 0.7 };
  rl_widths (t, w);
  t->landscape = true;
  t->sheet = "Rincian tindak lanjut";
  for (size_t r = 0; r < n; r++)
  {
    const json_t *it = json_array_get (items, r);
    char a[40], b[40];
    rl_int (d, t, r, 0, (int64_t) r + 1, NULL);
    const char *sd = json_string_value (json_object_get (it, "source_doc"));
    const char *sp = json_string_value (json_object_get (it,
                                                        "source_period"));
    rl_text (d, t, r, 1, rd_printf (&d->arena, "%s %s",
                                    0 == strcmp (sd, "impor") ? "Impor" : sd,
                                    sp));
    rl_text (d, t, r, 2, json_string_value (json_object_get (it, "finding")));
    rl_text (d, t, r, 3, json_string_value (json_object_get (it, "text")));
    rl_text (d, t, r, 4, json_string_value (json_object_get (it,
                                                            "pic_jabatan")));
    fmt_date (json_string_value (json_object_get (it, "target_date")), a,
              sizeof a);
    rl_text (d, t, r, 5, a);
    rl_text (d, t, r, 6, status_label (json_string_value (
                                         json_object_get (it, "status"))));
    fmt_date (json_string_value (json_object_get (it, "tgl_selesai")), b,
              sizeof b);
    rl_text (d, t, r, 7, b);
    rl_text (d, t, r, 8, json_string_value (json_object_get (it,
                                                            "keterangan")));
    rl_text (d, t, r, 9, json_is_true (json_object_get (it, "tanpa_bukti"))
                         ? "tanpa bukti"
                         : json_string_value (json_object_get (it, "bukti")));
    const char *k = json_string_value (json_object_get (it, "kategori"));
    for (size_t c = 0; c < 5; c++)
      if (0 == strcmp (k, classes[c]))
        k = class_labels[c];
    rl_text (d, t, r, 10, k);
    const json_t *l = json_object_get (it, "lama_hari");
    if (json_is_integer (l))
      rl_int (d, t, r, 11, json_integer_value (l), NULL);
    else
      rl_text (d, t, r, 11, "–");
  }
  rl_add_table (d, t);
}

/* ---- D4 as a document ---- */

static const char *
domain_title (const char *domain)
{
  if (0 == strcmp (domain, "PENGADUAN"))
    return "PENANGANAN PENGADUAN MASYARAKAT";
  if (0 == strcmp (domain, "WBS"))
    return "PENERAPAN WHISTLE-BLOWING SYSTEM";
  if (0 == strcmp (domain, "SKM"))
    return "SURVEI KEPUASAN MASYARAKAT";
  if (0 == strcmp (domain, "BK"))
    return "PENANGANAN BENTURAN KEPENTINGAN";
  if (0 == strcmp (domain, "GRATIFIKASI"))
    return "PENGENDALIAN GRATIFIKASI";
  if (0 == strcmp (domain, "ZI"))
    return "PEMBANGUNAN ZONA INTEGRITAS";
  return "";
}

static json_t *
d4_model (struct report_ctx *x, char *err, size_t errlen)
{
  const char *dom = x->prm.domain;
  char id[48];
  snprintf (id, sizeof id, "tl-rekomendasi%s%s", dom[0] ? "-" : "", dom);
  for (char *c = id; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c + 32);
  const char *lke_one[] = { id, NULL };
  const char *lke_all[] = { "tl-rekomendasi-pengaduan", "tl-rekomendasi-wbs",
                            "tl-rekomendasi-skm", NULL };
  json_t *m = rm_frame (x, dom[0] ? lke_one : lke_all);
  json_t *tl = tl_json (x, dom);
  if (NULL == tl)
  {
    json_decref (m);
    snprintf (err, errlen, "cannot read the recommendation tracker");
    return NULL;
  }
  rm_set_records (m, (json_int_t) json_array_size (json_object_get (tl,
                                                                     "items")));
  json_object_set (m, "summary", json_object_get (tl, "summary"));
  json_object_set (m, "items", json_object_get (tl, "items"));
  json_decref (tl);
  const json_t *s = json_object_get (m, "summary");
  char pct[32];
  const json_t *p = json_object_get (s, "pct_selesai");
  if (json_is_number (p))
    fmt_dec (json_number_value (p), 2, pct, sizeof pct);
  json_int_t jumlah = json_integer_value (json_object_get (s, "jumlah"));
  char posisi[40];
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  json_object_set_new (m, "kalimat", json_pack (
                         "[o]", jumlah
                         ? json_sprintf ("Per %s terdapat %lld rekomendasi"
                                         " atau rencana aksi dari periode"
                                         " sebelumnya; %s %% telah selesai.",
                                         posisi, (long long) jumlah,
                                         json_is_number (p) ? pct : "–")
                         : json_sprintf ("Per %s tidak terdapat rekomendasi"
                                         " periode sebelumnya yang masih"
                                         " terbuka.", posisi)));
  return m;
}

static bool
d4_layout (struct report_ctx *x, const json_t *m, struct rd_doc *d)
{
  char posisi[40], l1[200], l2[80], up[200];
  fmt_date (x->prm.cutoff, posisi, sizeof posisi);
  for (char *c = posisi; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  snprintf (up, sizeof up, "%s", x->unit.name);
  for (char *c = up; *c; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char) (*c - 32);
  snprintf (l1, sizeof l1, "EVALUASI %s", x->prm.domain[0]
            ? domain_title (x->prm.domain) : "(SEMUA DOMAIN)");
  snprintf (l2, sizeof l2, "POSISI PER %s", posisi);
  const char *title[] = {
    "LAPORAN PEMANTAUAN TINDAK LANJUT REKOMENDASI HASIL MONITORING DAN", l1,
    up, l2, NULL };
  rl_frame (x, m, d, title);
  rd_heading (d, 1, "I. PENDAHULUAN");
  rl_slot (x, m, d, "pendahuluan", NULL);
  rl_kalimat (d, m);
  rd_heading (d, 1, "II. REKAPITULASI DAN III. RINCIAN");
  rl_tl (x, m, d, "items");
  rd_heading (d, 1, "IV. PENUTUP");
  rl_slot (x, m, d, "penutup", NULL);
  rl_signature (x, m, d, false);
  return true;
}

const struct report_def rdef_tl_rekomendasi = {
  "tl-rekomendasi",
  "Laporan Pemantauan Tindak Lanjut Rekomendasi Hasil Monev",
  "SQY", ROLE_TIM_ZI | ROLE_PIMPINAN | ROLE_ADMIN | ROLE_PENGELOLA_WBS,
  false, &d4_model, &d4_layout
};
