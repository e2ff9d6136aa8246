#include "fixture_doc.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *
s (struct rd_doc *d, const char *t)
{
  return rd_strdup (&d->arena, t);
}

static const char **
list (struct rd_doc *d, size_t n, const char *const *items)
{
  const char **l = rd_alloc (&d->arena, n * sizeof *l);
  for (size_t i = 0; i < n; i++)
    l[i] = s (d, items[i]);
  return l;
}

void
fixture_doc (struct rd_doc *d, bool draft)
{
  rd_doc_init (d);
  d->doc_id = "pengaduan-monev";
  d->file_stem = "pengaduan-monev-2026-S1";
  static const char *const title[] = {
    "LAPORAN MONITORING DAN EVALUASI PENANGANAN PENGADUAN MASYARAKAT",
    "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA MADIUN",
    "SEMESTER I TAHUN 2026" };
  d->n_title = 3;
  d->title = list (d, 3, title);
  d->number = "Nomor: 400.14/123/401.201/2026";
  static const char *const kop[] = {
    "PEMERINTAH KOTA MADIUN",
    "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "Jalan Dr. Sutomo No. 83 Madiun, Kode Pos : 63132 Jawa Timur",
    "Telepon (0351) 454301, 462792 Fax (0351) 454301",
    "Website: dispendukcapil.madiunkota.go.id" };
  d->n_kop = 5;
  d->kop = list (d, 5, kop);
  static const char *const ev[] = {
    "Bukti dukung LKE Zona Integritas: A.1.V.iii.c — Telah dilakukan "
    "monitoring dan evaluasi atas penanganan pengaduan masyarakat",
    "Bukti dukung LKE Zona Integritas: A.2.V.ii.a — Persentase penanganan "
    "pengaduan masyarakat" };
  d->n_evidence = 2;
  d->evidence = list (d, 2, ev);
  d->draft = draft;
  d->footer_left = "pengaduan-monev · disdukcapil · 2026-S1 · posisi per "
                   "30 Juni 2026";
  d->year = 2026;
  d->month = 7;
  d->day = 10;

  rd_heading (d, 1, "I. PENDAHULUAN");
  rd_heading (d, 2, "A. Latar Belakang");
  rd_para (d, "Pengaduan masyarakat adalah bagian dari pengawasan pelayanan "
              "publik. Teks dengan karakter <khusus> & \"kutip\" 'tunggal' "
              "serta kata sangat panjang "
              "Pertanggungjawabanpenyelenggaraanpelayananpublik.");
  struct rd_block *b = rd_add (d, RD_PARA);
  b->text = s (d, "Temuan belum diisi.");
  b->empty_slot = true;
  static const char *const items[] = { "UU 25/2009 tentang Pelayanan Publik",
                                       "Perpres 76/2013" };
  b = rd_add (d, RD_LIST);
  b->numbered = true;
  b->n_items = 2;
  b->items = list (d, 2, items);
  static const char *const kv[] = { "Periode", "1 Januari – 30 Juni 2026",
                                    "Posisi per", "30 Juni 2026" };
  b = rd_add (d, RD_KV);
  b->n_items = 4;
  b->items = list (d, 4, kv);
  static const char *const box[] = {
    "Jumlah pengaduan yang harus ditindaklanjuti", "21",
    "Jumlah pengaduan yang sedang diproses", "4",
    "Jumlah pengaduan yang selesai ditindaklanjuti", "17",
    "Persentase", "80,95 %" };
  b = rd_add (d, RD_BOX);
  b->text = s (d, "Persentase penanganan pengaduan masyarakat (LKE A.2.V.ii.a)");
  b->n_items = 8;
  b->items = list (d, 8, box);

  /* A small table with a total row and formulas. */
  static const char *const chan[] = { "SP4N_LAPOR", "WEBSITE", "WHATSAPP",
                                      "=cmd|' /C calc'!A0", "+KOTAK" };
  static const int masuk[] = { 7, 10, 3, 0, 1234 };
  static const int selesai[] = { 5, 9, 1, 0, 1000 };
  struct rd_table *t = rd_table_new (d, "by_channel", 4, 6);
  t->number = "Tabel 1";
  t->title = "Pengaduan per kanal";
  t->sheet = "Per kanal";
  static const char *const h[] = { "Kanal", "Masuk", "Selesai", "% selesai" };
  for (size_t c = 0; c < 4; c++)
    t->headers[c] = h[c];
  ((double *) t->widths)[0] = 3;
  ((enum rd_align *) t->align)[1] = RD_RIGHT;
  ((enum rd_align *) t->align)[2] = RD_RIGHT;
  ((enum rd_align *) t->align)[3] = RD_RIGHT;
  int sm = 0, ss = 0;
  for (size_t r = 0; r < 5; r++)
  {
    char txt[32], f[64], a[16], bb[16];
    rd_cell_text (d, t, r, 0, chan[r]);
    snprintf (txt, sizeof txt, "%s", r == 4 ? "1.234" : "");
    if (r != 4)
      snprintf (txt, sizeof txt, "%d", masuk[r]);
    rd_cell_num (d, t, r, 1, txt, masuk[r], 0, NULL);
    snprintf (txt, sizeof txt, "%s", r == 4 ? "1.000" : "");
    if (r != 4)
      snprintf (txt, sizeof txt, "%d", selesai[r]);
    rd_cell_num (d, t, r, 2, txt, selesai[r], 0, NULL);
    rd_ref (r, 1, a);
    rd_ref (r, 2, bb);
    snprintf (f, sizeof f, "=IF(%s=0,\"–\",ROUND(%s/%s*100,2))", a, bb, a);
    if (masuk[r])
    {
      double v = round (10000.0 * selesai[r] / masuk[r]) / 100;
      snprintf (txt, sizeof txt, "%.2f", v);
      for (char *p = txt; *p; p++)
        if (*p == '.')
          *p = ',';
      rd_cell_num (d, t, r, 3, txt, v, 2, f);
    }
    else
      rd_cell_text (d, t, r, 3, "–");
    sm += masuk[r];
    ss += selesai[r];
  }
  rd_cell_text (d, t, 5, 0, "Jumlah");
  char f[64], a[16], z[16], txt[32];
  rd_ref (0, 1, a);
  rd_ref (4, 1, z);
  snprintf (f, sizeof f, "=SUM(%s:%s)", a, z);
  rd_cell_num (d, t, 5, 1, "1.254", sm, 0, f);
  rd_ref (0, 2, a);
  rd_ref (4, 2, z);
  snprintf (f, sizeof f, "=SUM(%s:%s)", a, z);
  snprintf (txt, sizeof txt, "%d", ss);
  rd_cell_num (d, t, 5, 2, "1.015", ss, 0, f);
  rd_cell_num (d, t, 5, 3, "80,94", 80.94, 2, NULL);
  for (size_t c = 0; c < 4; c++)
    rd_table_cell (t, 5, c)->bold = true;
  t->n_total_rows = 1;
  t->note = "Persentase dihitung dari nilai tak dibulatkan.";
  b = rd_add (d, RD_TABLE);
  b->table = t;

  /* Charts. */
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "Mei",
                                        "Jun" };
  static const double s1[] = { 3, 4, 2, 5, 1, 0 };
  static const double s2[] = { 1, 0, 2, 1, 3, 2 };
  static const double s3[] = { 0, 1, 1, 0, 0, 4 };
  struct rd_series *ser = rd_alloc (&d->arena, 3 * sizeof *ser);
  ser[0] = (struct rd_series) { "Selesai", s1 };
  ser[1] = (struct rd_series) { "Ditindaklanjuti, belum selesai", s2 };
  ser[2] = (struct rd_series) { "Dalam proses", s3 };
  struct rd_chart *g = rd_alloc (&d->arena, sizeof *g);
  *g = (struct rd_chart) { .key = "g1", .number = "Grafik 1",
                           .title = "Pengaduan per bulan menurut status",
                           .kind = RD_CHART_COLUMN, .stacked = true,
                           .n_cats = 6, .cats = (const char **) months, .n_series = 3,
                           .series = ser };
  b = rd_add (d, RD_CHART);
  b->chart = g;
  static const char *const chs[] = { "SP4N-LAPOR!", "Website", "WhatsApp",
                                     "E-mail", "Media sosial",
                                     "Kotak pengaduan", "Langsung",
                                     "Telepon" };
  static const double cv[] = { 7, 10, 3, 0, 2, 1, 4, 0 };
  struct rd_series *s4 = rd_alloc (&d->arena, sizeof *s4);
  s4[0] = (struct rd_series) { "Masuk", cv };
  g = rd_alloc (&d->arena, sizeof *g);
  *g = (struct rd_chart) { .key = "g2", .number = "Grafik 2",
                           .title = "Pengaduan per kanal",
                           .kind = RD_CHART_BAR, .n_cats = 8, .cats = (const char **) chs,
                           .n_series = 1, .series = s4 };
  b = rd_add (d, RD_CHART);
  b->chart = g;
  static const char *const per[] = { "2025-S1", "2025-S2", "2026-S1",
                                     "2026-S2" };
  static const double l1[] = { 70, NAN, 85.71, 90.5 };
  static const double l2[] = { 60, 65.5, 80.95, 88.31 };
  static const double lines[] = { 88.31, 76.61, 65.00 };
  static const char *const lines_l[] = { "A 88,31", "B 76,61", "C 65,00" };
  struct rd_series *s5 = rd_alloc (&d->arena, 2 * sizeof *s5);
  s5[0] = (struct rd_series) { "% ditindaklanjuti", l1 };
  s5[1] = (struct rd_series) { "% tepat waktu", l2 };
  g = rd_alloc (&d->arena, sizeof *g);
  *g = (struct rd_chart) { .key = "g3", .number = "Grafik 3",
                           .title = "Kinerja empat periode terakhir",
                           .kind = RD_CHART_LINE, .n_cats = 4, .cats = (const char **) per,
                           .n_series = 2, .series = s5, .y_max = 100,
                           .unit = "%", .decimals = 2, .n_lines = 3,
                           .lines = lines, .line_labels = (const char **) lines_l };
  b = rd_add (d, RD_CHART);
  b->chart = g;

  /* A wide register of 120 rows on landscape pages, PDF limited to 100. */
  t = rd_table_new (d, "register", 12, 120);
  t->number = "Tabel 2";
  t->title = "Register pengaduan";
  t->landscape = true;
  t->pdf_max_rows = 100;
  t->pdf_more_note = "Baris 101–120 terlampir dalam berkas XLSX.";
  static const char *const rh[] = { "No", "Nomor pengaduan", "ID SP4N-LAPOR!",
                                    "Tgl diterima", "Kanal", "Jenis",
                                    "Kategori", "Unsur SKM", "Bidang",
                                    "Status per cut-off", "HK", "Ringkasan "
                                    "tindak lanjut" };
  for (size_t c = 0; c < 12; c++)
    t->headers[c] = rh[c];
  ((double *) t->widths)[11] = 4;
  for (size_t r = 0; r < 120; r++)
  {
    char n[16], tr[32];
    snprintf (n, sizeof n, "%zu", r + 1);
    rd_cell_num (d, t, r, 0, n, (double) (r + 1), 0, NULL);
    snprintf (tr, sizeof tr, "ADU-2026-%06zu", r + 1);
    rd_cell_text (d, t, r, 1, tr);
    rd_cell_text (d, t, r, 2, r % 3 ? "–" : "LAPOR-123456");
    rd_cell_text (d, t, r, 3, "11 Maret 2026");
    rd_cell_text (d, t, r, 4, "Website");
    rd_cell_text (d, t, r, 5, "Pengaduan");
    rd_cell_text (d, t, r, 6, "Biaya/tarif <tidak resmi>");
    rd_cell_text (d, t, r, 7, "U4, U7");
    rd_cell_text (d, t, r, 8, "Pencatatan Sipil");
    rd_cell_text (d, t, r, 9, "Selesai");
    rd_cell_num (d, t, r, 10, "3", 3, 0, NULL);
    rd_cell_text (d, t, r, 11, r % 7 ? "–" : "Berkas sudah kami proses dan "
                  "dokumen dapat diambil di loket 3 pada hari kerja.");
  }
  b = rd_add (d, RD_TABLE);
  b->table = t;

  rd_heading (d, 1, "VII. PENUTUP");
  rd_para (d, "Demikian laporan ini disusun.");
  struct rd_signature *sg = rd_alloc (&d->arena, sizeof *sg);
  sg->place_date = "Madiun, 10 Juli 2026";
  sg->right = (struct rd_signer) {
    .jabatan = "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA MADIUN,",
    .name = "Drs. BUDI SANTOSO, M.Si.", .pangkat = "Pembina Utama Muda, IV/c",
    .nip = "NIP. 19730327 199302 1 002" };
  sg->has_left = true;
  sg->left = (struct rd_signer) { .lead = "Mengetahui,",
                                  .jabatan = "KETUA TIM PENGELOLA PENGADUAN,",
                                  .name = "SITI AMINAH, S.Sos.",
                                  .pangkat = "Penata, III/c",
                                  .nip = "NIP. 19850101 201001 2 003" };
  b = rd_add (d, RD_SIGNATURE);
  b->sig = sg;
  static const char *const info[] = {
    "Pembuat", "wadah 0.9",
    "Parameter", "unit=disdukcapil period=2026-S1 cutoff=2026-06-30 "
                 "date=2026-07-10",
    "Jumlah catatan dibaca", "23",
    "SHA-256 model (JSON kanonik)",
    "3f2a6c0e9b7d4e1a8c5b2f9e6d3a0c7b4e1f8a5d2c9b6e3f0a7d4c1b8e5f2a9c",
    "Kepala rantai audit per cut-off", "#412 9c1e…" };
  d->n_info = 10;
  d->info = list (d, 10, info);
}
