/* The PDF renderer (render_pdf.c), checked from the outside with
   poppler-utils as a reader would see the file: text (pdftotext), fonts
   (pdffonts), page sizes (pdfinfo), images (pdfimages); plus identical
   bytes across renders and threads, and documents that push the layout
   (a 2,000-row table, a row taller than a page, many chart categories).
   With RPDF_OUT=DIR in the environment the tests also leave their PDFs in
   DIR, for looking at them. */
#include "buf.h"
#include "doc.h"
#include "fixture_doc.h"
#include "render.h"
#include <cairo.h>
#include <criterion/criterion.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---- */

struct rpdf_file {
  char path[64];
  size_t len;
};

static void
rpdf_render (const struct rd_doc *d, struct buf *out)
{
  char err[256] = "";
  bool ok = rd_render_pdf (d, out, err, sizeof err);
  cr_assert (ok, "rd_render_pdf failed: %s", err);
  cr_assert (out->len > 1000 && 0 == memcmp (out->p, "%PDF-", 5),
             "not a PDF");
}

/* Renders D into a temporary file (removed by rpdf_drop). */
static void
rpdf_to_file (const struct rd_doc *d, const char *name, struct rpdf_file *f)
{
  struct buf b = { 0 };
  rpdf_render (d, &b);
  snprintf (f->path, sizeof f->path, "/tmp/rpdf-XXXXXX");
  int fd = mkstemp (f->path);
  cr_assert (fd >= 0, "mkstemp");
  cr_assert_eq (write (fd, b.p, b.len), (ssize_t) b.len, "write");
  close (fd);
  f->len = b.len;
  const char *keep = getenv ("RPDF_OUT");
  if (keep && *keep)
  {
    char path[512];
    snprintf (path, sizeof path, "%s/%s.pdf", keep, name);
    FILE *o = fopen (path, "wb");
    if (o)
    {
      fwrite (b.p, 1, b.len, o);
      fclose (o);
    }
  }
  buf_free (&b);
}

static void
rpdf_drop (struct rpdf_file *f)
{
  unlink (f->path);
}

/* Output of the command "TOOL PATH" (TOOL with its options),
   NUL-terminated. */
static char *
rpdf_run (const char *tool, const char *path)
{
  char cmd[512];
  snprintf (cmd, sizeof cmd, "%s %s", tool, path);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p, "popen %s", cmd);
  struct buf b = { 0 };
  char chunk[4096];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, p)) > 0)
    buf_append (&b, chunk, n);
  int st = pclose (p);
  cr_assert_eq (st, 0, "command failed (%d): %s", st, cmd);
  buf_append (&b, "", 0);
  return buf_steal (&b, NULL);
}

/* S with every run of white space (line ends included) made one space:
   justified lines and -layout columns do not matter then. */
static char *
rpdf_squash (const char *s)
{
  char *o = malloc (strlen (s) + 1), *q = o;
  bool space = false;
  for (; *s; s++)
  {
    if (' ' == *s || '\n' == *s || '\t' == *s || '\f' == *s || '\r' == *s)
    {
      space = true;
      continue;
    }
    if (space && q > o)
      *q++ = ' ';
    space = false;
    *q++ = *s;
  }
  *q = '\0';
  return o;
}

static char *
rpdf_text (const char *path, int first, int last)
{
  char tool[128];
  if (first > 0)
    snprintf (tool, sizeof tool, "pdftotext -layout -f %d -l %d", first,
              last);
  else
    snprintf (tool, sizeof tool, "pdftotext -layout");
  char path_out[96];
  snprintf (path_out, sizeof path_out, "%s -", path);
  char *raw = rpdf_run (tool, path_out);
  char *s = rpdf_squash (raw);
  free (raw);
  return s;
}

static int
rpdf_pages (const char *path)
{
  char *info = rpdf_run ("pdfinfo", path);
  const char *p = strstr (info, "\nPages:");
  cr_assert_not_null (p, "no page count");
  int n = atoi (p + 7);
  free (info);
  return n;
}

/* Orientation of every page: LAND[i] for page i + 1. */
static void
rpdf_sizes (const char *path, int n, bool *land)
{
  char tool[64];
  snprintf (tool, sizeof tool, "pdfinfo -f 1 -l %d", n);
  char *info = rpdf_run (tool, path);
  for (int i = 0; i < n; i++)
  {
    char key[32];
    snprintf (key, sizeof key, "Page %4d size:", i + 1);
    const char *p = strstr (info, key);
    cr_assert_not_null (p, "no size for page %d", i + 1);
    double w = 0, h = 0;
    cr_assert_eq (sscanf (p + strlen (key), "%lf x %lf", &w, &h), 2);
    cr_assert (fabs (w * h - 595.28 * 841.89) < 5, "page %d not A4: %g x %g",
               i + 1, w, h);
    land[i] = w > h;
  }
  free (info);
}

static size_t
rpdf_count (const char *hay, const char *needle)
{
  size_t n = 0;
  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
rpdf_has (const char *text, const char *want)
{
  cr_expect_not_null (strstr (text, want), "missing in the text: \"%s\"",
                      want);
}

/* ---- the fixture ---- */

Test (render_pdf, fixture_text)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  struct rpdf_file f;
  rpdf_to_file (&d, "fixture", &f);
  int n = rpdf_pages (f.path);
  cr_assert (n >= 5, "only %d pages", n);
  char *t = rpdf_text (f.path, 0, 0);
  for (size_t i = 0; i < d.n_kop; i++)
    rpdf_has (t, d.kop[i]);
  for (size_t i = 0; i < d.n_title; i++)
    rpdf_has (t, d.title[i]);
  rpdf_has (t, d.number);
  for (size_t i = 0; i < d.n_evidence; i++)
    rpdf_has (t, d.evidence[i]);
  char want[64];
  snprintf (want, sizeof want, "Halaman 1 dari %d", n);
  rpdf_has (t, want);
  snprintf (want, sizeof want, "Halaman %d dari %d", n, n);
  rpdf_has (t, want);
  snprintf (want, sizeof want, "Halaman %d dari", n + 1);
  cr_expect_null (strstr (t, want), "a page beyond the count");
  cr_expect_null (strstr (t, "DRAF"), "watermark on a final document");
  rpdf_has (t, "KETERANGAN KEASLIAN DOKUMEN");
  rpdf_has (t, "NIP. 19730327 199302 1 002");
  rpdf_has (t, "NIP. 19850101 201001 2 003");
  rpdf_has (t, "Drs. BUDI SANTOSO, M.Si.");
  /* User text is never markup: it comes out literally. */
  rpdf_has (t, "<khusus> & \"kutip\" 'tunggal'");
  rpdf_has (t, "Biaya/tarif <tidak");
  rpdf_has (t, "=cmd|' /C calc'!A0");
  cr_expect_null (strstr (t, "&amp;"), "escaped twice");
  cr_expect_null (strstr (t, "&lt;"), "escaped twice");
  /* Tables, captions, totals, notes, keterangan values. */
  rpdf_has (t, "Tabel 1. Pengaduan per kanal");
  rpdf_has (t, "Jumlah 1.254 1.015 80,94");
  rpdf_has (t, "Persentase dihitung dari nilai tak dibulatkan.");
  rpdf_has (t, "Grafik 1. Pengaduan per bulan menurut status");
  rpdf_has (t, "Grafik 2. Pengaduan per kanal");
  rpdf_has (t, "Grafik 3. Kinerja empat periode terakhir");
  rpdf_has (t, "A 88,31");
  rpdf_has (t, "100 %");
  rpdf_has (t, "Ditindaklanjuti, belum selesai");
  rpdf_has (t, "3f2a6c0e9b7d4e1a8c5b2f9e6d3a0c7b4e1f8a5d2c9b6e3f0a7d4c1b8e5f2a9c");
  rpdf_has (t, "unit=disdukcapil period=2026-S1 cutoff=2026-06-30 "
               "date=2026-07-10");
  /* The keterangan is the last page. */
  char *last = rpdf_text (f.path, n, n);
  rpdf_has (last, "KETERANGAN KEASLIAN DOKUMEN");
  rpdf_has (last, "Kepala rantai audit per cut-off");
  free (last);
  free (t);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

Test (render_pdf, register_cut_and_landscape)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  struct rpdf_file f;
  rpdf_to_file (&d, "fixture", &f);
  int n = rpdf_pages (f.path);
  bool *land = calloc ((size_t) n, sizeof *land);
  rpdf_sizes (f.path, n, land);
  char *t = rpdf_text (f.path, 0, 0);
  /* 100 of the 120 rows, then the note. */
  rpdf_has (t, "ADU-2026-000001");
  rpdf_has (t, "ADU-2026-000100");
  cr_expect_null (strstr (t, "ADU-2026-000101"), "row 101 printed");
  cr_expect_null (strstr (t, "ADU-2026-000120"), "row 120 printed");
  rpdf_has (t, "Baris 101–120 terlampir dalam berkas XLSX.");
  const char *p100 = strstr (t, "ADU-2026-000100");
  const char *pnote = strstr (t, "Baris 101–120");
  cr_expect (p100 && pnote && p100 < pnote, "the note is not under the rows");
  /* Every page of the register is landscape and repeats the header; the
     others are portrait. */
  int reg = 0;
  for (int i = 1; i <= n; i++)
  {
    char *pg = rpdf_text (f.path, i, i);
    bool is_reg = NULL != strstr (pg, "ADU-2026-");
    if (is_reg)
    {
      reg++;
      cr_expect (land[i - 1], "register page %d is portrait", i);
      cr_expect_not_null (strstr (pg, "Ringkasan tindak lanjut"),
                          "no header on register page %d", i);
      cr_expect_not_null (strstr (pg, "Tabel 2. Register pengaduan"),
                          "no caption on register page %d", i);
    }
    else
      cr_expect (! land[i - 1], "page %d is landscape", i);
    free (pg);
  }
  cr_expect (reg >= 2, "the register fits on %d page(s)?", reg);
  rpdf_has (t, "Tabel 2. Register pengaduan (lanjutan)");
  cr_expect_eq (rpdf_count (t, "(lanjutan)"), (size_t) reg - 1);
  /* Each register row is printed once: no row split or repeated. */
  for (int r = 1; r <= 100; r++)
  {
    char id[32];
    snprintf (id, sizeof id, "ADU-2026-%06d", r);
    cr_expect_eq (rpdf_count (t, id), 1, "%s printed %zu times", id,
                  rpdf_count (t, id));
  }
  free (t);
  free (land);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

Test (render_pdf, draft_watermark)
{
  struct rd_doc d;
  fixture_doc (&d, true);
  struct rpdf_file f;
  rpdf_to_file (&d, "fixture-draft", &f);
  int n = rpdf_pages (f.path);
  for (int i = 1; i <= n; i++)
  {
    char *pg = rpdf_text (f.path, i, i);
    cr_expect_not_null (strstr (pg, "DRAF"), "no DRAF on page %d", i);
    free (pg);
  }
  rpdf_drop (&f);
  rd_doc_free (&d);
}

Test (render_pdf, fonts_embedded_noto)
{
  struct rd_doc d;
  fixture_doc (&d, true);
  struct rpdf_file f;
  rpdf_to_file (&d, "fixture-draft", &f);
  char *out = rpdf_run ("pdffonts", f.path);
  /* Skip the two heading lines; then one font a line. */
  char *line = strchr (out, '\n');
  cr_assert_not_null (line);
  line = strchr (line + 1, '\n');
  cr_assert_not_null (line);
  int fonts = 0;
  for (char *l = line + 1; *l; )
  {
    char *e = strchr (l, '\n');
    if (e)
      *e = '\0';
    if (*l)
    {
      fonts++;
      char name[128], emb[8];
      cr_assert_eq (sscanf (l, "%127s", name), 1);
      cr_expect_not_null (strstr (name, "+NotoSans-"), "font %s", name);
      /* The emb column: the first "yes"/"no" after the encoding. */
      const char *cols = strstr (l, " yes ") ? strstr (l, " yes ")
        : strstr (l, " no ");
      cr_assert_not_null (cols, "no emb column: %s", l);
      cr_assert_eq (sscanf (cols, "%7s", emb), 1);
      cr_expect_str_eq (emb, "yes", "font not embedded: %s", l);
    }
    if (NULL == e)
      break;
    l = e + 1;
  }
  cr_expect (fonts >= 2, "%d fonts", fonts);
  free (out);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

Test (render_pdf, reproducible_bytes)
{
  for (int draft = 0; draft < 2; draft++)
  {
    struct rd_doc d;
    fixture_doc (&d, draft);
    struct buf a = { 0 }, b = { 0 };
    rpdf_render (&d, &a);
    sleep (1);
    rpdf_render (&d, &b);
    cr_assert_eq (a.len, b.len, "lengths differ (draft %d)", draft);
    cr_assert (0 == memcmp (a.p, b.p, a.len), "bytes differ (draft %d)",
               draft);
    /* The document date, with the "D:" prefix, as the file dates. */
    cr_expect_not_null (memmem (a.p, a.len, "/CreationDate (D:20260710000000)",
                                32));
    cr_expect_not_null (memmem (a.p, a.len, "/ModDate (D:20260710000000)",
                                27));
    cr_expect_not_null (memmem (a.p, a.len, "/Creator (wadah)", 16));
    buf_free (&a);
    buf_free (&b);
    rd_doc_free (&d);
  }
}

Test (render_pdf, appends_to_out)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  struct buf a = { 0 }, b = { 0 };
  rpdf_render (&d, &a);
  buf_puts (&b, "prefix");
  char err[128];
  cr_assert (rd_render_pdf (&d, &b, err, sizeof err), "%s", err);
  cr_assert_eq (b.len, a.len + 6);
  cr_assert (0 == memcmp (b.p, "prefix", 6) && 0 == memcmp (b.p + 6, a.p,
                                                             a.len));
  buf_free (&a);
  buf_free (&b);
  rd_doc_free (&d);
}

/* Renders from several threads at once give the same bytes as one. */
struct rpdf_job {
  const struct rd_doc *d;
  struct buf out;
  bool ok;
};

static void *
rpdf_thread (void *cls)
{
  struct rpdf_job *j = cls;
  char err[128];
  j->ok = true;
  for (int i = 0; i < 2 && j->ok; i++)
  {
    buf_free (&j->out);
    memset (&j->out, 0, sizeof j->out);
    j->ok = rd_render_pdf (j->d, &j->out, err, sizeof err);
  }
  return NULL;
}

Test (render_pdf, threads)
{
  struct rd_doc d;
  fixture_doc (&d, true);
  struct buf ref = { 0 };
  rpdf_render (&d, &ref);
  struct rpdf_job jobs[3];
  pthread_t th[3];
  for (int i = 0; i < 3; i++)
  {
    jobs[i] = (struct rpdf_job) { .d = &d };
    cr_assert_eq (pthread_create (&th[i], NULL, rpdf_thread, &jobs[i]), 0);
  }
  for (int i = 0; i < 3; i++)
  {
    pthread_join (th[i], NULL);
    cr_expect (jobs[i].ok);
    cr_expect (jobs[i].out.len == ref.len
               && 0 == memcmp (jobs[i].out.p, ref.p, ref.len),
               "thread %d made other bytes", i);
    buf_free (&jobs[i].out);
  }
  buf_free (&ref);
  rd_doc_free (&d);
}

/* ---- documents that push the layout ---- */

static const char *
rpdf_s (struct rd_doc *d, const char *t)
{
  return rd_strdup (&d->arena, t);
}

/* A 2,000-row register (every row printed). */
static void
rpdf_big_doc (struct rd_doc *d, size_t rows)
{
  rd_doc_init (d);
  static const char *const title[] = { "REGISTER PENGADUAN MASYARAKAT" };
  d->n_title = 1;
  d->title = (const char **) title;
  d->footer_left = "pengaduan-register · disdukcapil · 2026";
  d->year = 2026;
  d->month = 12;
  d->day = 31;
  struct rd_table *t = rd_table_new (d, "register", 12, rows);
  cr_assert_not_null (t);
  t->number = "Tabel 1";
  t->title = "Register pengaduan";
  t->landscape = true;
  static const char *const rh[] = { "No", "Nomor pengaduan",
                                    "ID SP4N-LAPOR!", "Tgl diterima",
                                    "Kanal", "Jenis", "Kategori",
                                    "Unsur SKM", "Bidang",
                                    "Status per cut-off", "HK",
                                    "Ringkasan tindak lanjut" };
  static const char *const kanal[] = { "Website", "WhatsApp", "SP4N-LAPOR!",
                                       "Langsung", "Telepon" };
  for (size_t c = 0; c < 12; c++)
    t->headers[c] = rh[c];
  ((double *) t->widths)[11] = 4;
  ((enum rd_align *) t->align)[0] = RD_RIGHT;
  ((enum rd_align *) t->align)[10] = RD_RIGHT;
  for (size_t r = 0; r < rows; r++)
  {
    char n[16], id[32], day[32], hk[8];
    snprintf (n, sizeof n, "%zu", r + 1);
    rd_cell_num (d, t, r, 0, n, (double) (r + 1), 0, NULL);
    snprintf (id, sizeof id, "ADU-2026-%06zu", r + 1);
    rd_cell_text (d, t, r, 1, id);
    snprintf (id, sizeof id, "LAPOR-%06zu", 900000 + r);
    rd_cell_text (d, t, r, 2, r % 3 ? "–" : id);
    snprintf (day, sizeof day, "%zu Maret 2026", 1 + r % 28);
    rd_cell_text (d, t, r, 3, day);
    rd_cell_text (d, t, r, 4, kanal[r % 5]);
    rd_cell_text (d, t, r, 5, r % 4 ? "Pengaduan" : "Aspirasi");
    rd_cell_text (d, t, r, 6, "Biaya/tarif <tidak resmi>");
    rd_cell_text (d, t, r, 7, "U4, U7");
    rd_cell_text (d, t, r, 8, "Pencatatan Sipil");
    rd_cell_text (d, t, r, 9, r % 9 ? "Selesai" : "Dalam proses");
    snprintf (hk, sizeof hk, "%zu", r % 15);
    rd_cell_num (d, t, r, 10, hk, (double) (r % 15), 0, NULL);
    rd_cell_text (d, t, r, 11, r % 2 ? "–" : "Berkas sudah kami proses dan "
                  "dokumen dapat diambil di loket 3 pada hari kerja.");
  }
  struct rd_block *b = rd_add (d, RD_TABLE);
  b->table = t;
}

Test (render_pdf, table_2000_rows, .timeout = 60)
{
  struct rd_doc d;
  rpdf_big_doc (&d, 2000);
  struct rpdf_file f;
  rpdf_to_file (&d, "register-2000", &f);
  int n = rpdf_pages (f.path);
  cr_assert (n > 40, "%d pages for 2,000 rows", n);
  char *t = rpdf_text (f.path, 0, 0);
  for (int r = 1; r <= 2000; r += 37)
  {
    char id[32];
    snprintf (id, sizeof id, "ADU-2026-%06d", r);
    cr_expect_eq (rpdf_count (t, id), 1, "%s printed %zu times", id,
                  rpdf_count (t, id));
  }
  rpdf_has (t, "ADU-2026-002000");
  char want[64];
  snprintf (want, sizeof want, "Halaman %d dari %d", n, n);
  rpdf_has (t, want);
  /* Every table page repeats the header. */
  cr_expect_eq (rpdf_count (t, "Ringkasan tindak lanjut"), (size_t) n - 1);
  free (t);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

/* A small PNG (a shield) for the kop logo. */
static cairo_status_t
rpdf_png_write (void *cls, const unsigned char *data, unsigned int len)
{
  buf_append (cls, data, len);
  return CAIRO_STATUS_SUCCESS;
}

static void
rpdf_logo (struct rd_doc *d)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100,
                                                   120);
  cairo_t *cr = cairo_create (s);
  cairo_move_to (cr, 5, 5);
  cairo_line_to (cr, 95, 5);
  cairo_line_to (cr, 95, 70);
  cairo_curve_to (cr, 95, 95, 60, 110, 50, 115);
  cairo_curve_to (cr, 40, 110, 5, 95, 5, 70);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.1, 0.35, 0.2);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.85, 0.7, 0.1);
  cairo_set_line_width (cr, 5);
  cairo_stroke (cr);
  cairo_destroy (cr);
  struct buf b = { 0 };
  cr_assert_eq (cairo_surface_write_to_png_stream (s, rpdf_png_write, &b),
                CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  unsigned char *png = rd_alloc (&d->arena, b.len);
  memcpy (png, b.p, b.len);
  d->logo_png = png;
  d->logo_len = b.len;
  buf_free (&b);
}

/* Banner, logo, long paragraphs, a row taller than a page, a chart with
   many long categories, grouped columns, an empty chart, a page break, a
   one-column signature, a long unbroken keterangan value. */
static void
rpdf_edge_doc (struct rd_doc *d)
{
  rd_doc_init (d);
  static const char *const title[] = { "LAPORAN MONITORING DAN EVALUASI "
                                       "PENERAPAN WHISTLE-BLOWING SYSTEM",
                                       "TRIWULAN I TAHUN 2026" };
  d->n_title = 2;
  d->title = (const char **) title;
  static const char *const kop[] = { "PEMERINTAH KOTA TARAKAN",
                                     "MAL PELAYANAN PUBLIK",
                                     ("Mal Pelayanan Publik Lt.3 Jalan "
                                      "Mulawarman No. 55 Tarakan (77111)"),
                                     "Pos-el : mpp@tarakankota.go.id" };
  d->n_kop = 4;
  d->kop = (const char **) kop;
  rpdf_logo (d);
  d->banner = "TERBATAS — hanya untuk Tim WBS";
  d->footer_left = "wbs-monev · mpp · 2026-Q1 · posisi per 31 Maret 2026 · "
                   "dokumen terbatas, jangan digandakan tanpa izin Tim WBS "
                   "unit ini";
  d->year = 2026;
  d->month = 4;
  d->day = 2;

  rd_heading (d, 1, "I. PENDAHULUAN");
  struct buf long_text = { 0 };
  for (int i = 0; i < 40; i++)
    buf_printf (&long_text, "Kalimat ke-%d menerangkan bahwa pengaduan "
                "ditangani sesuai prosedur. ", i + 1);
  buf_puts (&long_text, "AKHIR-PARAGRAF.");
  rd_para (d, long_text.p);
  buf_free (&long_text);
  struct rd_block *b = rd_add (d, RD_LIST);
  static const char *const items[] = {
    ("Butir pertama yang cukup panjang sehingga harus dipatahkan menjadi "
     "beberapa baris dengan indentasi gantung yang rapi di bawah teksnya."),
    "Butir kedua.", "Butir ketiga." };
  b->n_items = 3;
  b->items = (const char **) items;
  b = rd_add (d, RD_PARA);
  b->text = rpdf_s (d, "Invalid UTF-8 here: \xff\xfe end.");

  /* A table whose one row is taller than a page. */
  struct rd_table *t = rd_table_new (d, "long", 3, 4);
  t->number = "Tabel 1";
  t->title = "Tindak lanjut dengan uraian sangat panjang";
  static const char *const h[] = { "No", "Uraian", "Status" };
  for (size_t c = 0; c < 3; c++)
    t->headers[c] = h[c];
  ((double *) t->widths)[1] = 6;
  struct buf huge = { 0 };
  for (int i = 0; i < 900; i++)
    buf_printf (&huge, "uraian%d ", i);
  buf_puts (&huge, "UJUNG-URAIAN");
  for (size_t r = 0; r < 4; r++)
  {
    char n[8];
    snprintf (n, sizeof n, "%zu", r + 1);
    rd_cell_text (d, t, r, 0, n);
    rd_cell_text (d, t, r, 1, 1 == r ? huge.p : "Uraian pendek.");
    rd_cell_text (d, t, r, 2, "Selesai");
  }
  buf_free (&huge);
  t->n_total_rows = 1;
  b = rd_add (d, RD_TABLE);
  b->table = t;

  /* Cut to 5 rows, with a totals row that still comes at the end. */
  struct rd_table *c = rd_table_new (d, "cut", 2, 30);
  c->number = "Tabel 2";
  c->title = "Dipotong";
  c->headers[0] = "Baris";
  c->headers[1] = "Nilai";
  ((enum rd_align *) c->align)[1] = RD_RIGHT;
  for (size_t r = 0; r < 29; r++)
  {
    char n[16];
    snprintf (n, sizeof n, "baris-%02zu", r + 1);
    rd_cell_text (d, c, r, 0, n);
    rd_cell_num (d, c, r, 1, "1", 1, 0, NULL);
  }
  rd_cell_text (d, c, 29, 0, "JUMLAH-TOTAL");
  rd_cell_num (d, c, 29, 1, "29", 29, 0, NULL);
  c->n_total_rows = 1;
  c->pdf_max_rows = 5;
  c->pdf_more_note = "Baris 6–29 ada di berkas XLSX.";
  c->note = "Catatan tabel.";
  b = rd_add (d, RD_TABLE);
  b->table = c;

  /* Grouped columns over many long categories (labels turn). */
  static const char *const cats[] = {
    "Administrasi Kependudukan", "Pelayanan Petugas", "Sarana dan Prasarana",
    "Waktu Tunggu", "Pungutan Liar <dugaan>", "Persyaratan", "Prosedur",
    "Biaya/Tarif", "Produk Layanan", "Kompetensi Pelaksana",
    "Perilaku Pelaksana", "Penanganan Pengaduan", "Sarana Prasarana Lain",
    "Lain-lain" };
  double *v1 = rd_alloc (&d->arena, 14 * sizeof *v1);
  double *v2 = rd_alloc (&d->arena, 14 * sizeof *v2);
  double *v3 = rd_alloc (&d->arena, 14 * sizeof *v3);
  for (int i = 0; i < 14; i++)
  {
    v1[i] = 1234.5 * (i % 5) + 10;
    v2[i] = 900.25 * ((i + 2) % 4);
    v3[i] = i == 6 ? NAN : 450.0 * (i % 3);
  }
  struct rd_series *ser = rd_alloc (&d->arena, 3 * sizeof *ser);
  ser[0] = (struct rd_series) { "Masuk", v1 };
  ser[1] = (struct rd_series) { "Selesai", v2 };
  ser[2] = (struct rd_series) { "Dalam proses", v3 };
  struct rd_chart *g = rd_alloc (&d->arena, sizeof *g);
  *g = (struct rd_chart) { .key = "g1", .number = "Grafik 1",
                           .title = "Pengaduan per kategori",
                           .kind = RD_CHART_COLUMN, .n_cats = 14,
                           .cats = (const char **) cats, .n_series = 3,
                           .series = ser, .decimals = 1 };
  b = rd_add (d, RD_CHART);
  b->chart = g;
  struct rd_chart *e = rd_alloc (&d->arena, sizeof *e);
  *e = (struct rd_chart) { .key = "g2", .number = "Grafik 2",
                           .title = "Grafik tanpa data",
                           .kind = RD_CHART_LINE };
  b = rd_add (d, RD_CHART);
  b->chart = e;
  rd_add (d, RD_PAGEBREAK);
  rd_heading (d, 1, "II. PENUTUP");
  rd_para (d, "Demikian.");
  struct rd_signature *sg = rd_alloc (&d->arena, sizeof *sg);
  sg->place_date = "Tarakan, 2 April 2026";
  sg->right = (struct rd_signer) { .lead = "a.n. Kepala",
                                   .jabatan = "KETUA TIM WBS,",
                                   .name = "ANDI PRATAMA, S.H.",
                                   .nip = "NIP. 19900101 201501 1 001" };
  b = rd_add (d, RD_SIGNATURE);
  b->sig = sg;
  static const char *const info[] = {
    "Pembuat", "wadah 0.9",
    "Tanda tangan", "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd"
                    "34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56"
                    "ab12cd34ef56-UJUNG" };
  d->n_info = 4;
  d->info = (const char **) info;
}

Test (render_pdf, edge_layouts, .timeout = 60)
{
  struct rd_doc d;
  rpdf_edge_doc (&d);
  struct rpdf_file f;
  rpdf_to_file (&d, "edge", &f);
  int n = rpdf_pages (f.path);
  char *t = rpdf_text (f.path, 0, 0);
  for (int i = 1; i <= n; i++)
  {
    char *pg = rpdf_text (f.path, i, i);
    cr_expect_not_null (strstr (pg, "TERBATAS — hanya untuk Tim WBS"),
                        "no banner on page %d", i);
    free (pg);
  }
  rpdf_has (t, "Kalimat ke-1 menerangkan");
  rpdf_has (t, "PARAGRAF.");     /* (a break after "AKHIR-") */
  rpdf_has (t, "uraian0 uraian1");
  rpdf_has (t, "uraian899 UJUNG-URAIAN");
  rpdf_has (t, "Tabel 1. Tindak lanjut dengan uraian sangat panjang "
               "(lanjutan)");
  rpdf_has (t, "Grafik 1. Pengaduan per kategori");
  rpdf_has (t, "baris-05 1 JUMLAH-TOTAL 29 Baris 6–29 ada di berkas XLSX. "
               "Catatan tabel.");
  cr_expect_null (strstr (t, "baris-06"), "row 6 printed");
  rpdf_has (t, "Grafik 2. Grafik tanpa data");
  rpdf_has (t, "ANDI PRATAMA, S.H.");
  rpdf_has (t, "NIP. 19900101 201501 1 001");
  rpdf_has (t, "-UJUNG");
  /* Long values wrap by character, never with an inserted hyphen. */
  cr_expect_null (strstr (t, "ab12cd34ef56- "), "hyphen inserted");
  char want[64];
  snprintf (want, sizeof want, "Halaman %d dari %d", n, n);
  rpdf_has (t, want);
  /* The page break: the closing heading starts a page. */
  for (int i = 1; i <= n; i++)
  {
    char *pg = rpdf_text (f.path, i, i);
    const char *h2 = strstr (pg, "II. PENUTUP");
    if (h2)
      cr_expect (NULL == strstr (pg, "Grafik 2"), "no page break");
    free (pg);
  }
  /* One image, the logo (with its alpha as a soft mask), on page 1. */
  char *img = rpdf_run ("pdfimages -list", f.path);
  int images = 0;
  for (const char *l = strchr (img, '\n'); l; l = strchr (l + 1, '\n'))
  {
    int page, num;
    char type[16];
    if (3 == sscanf (l + 1, "%d %d %15s", &page, &num, type)
        && 0 == strcmp (type, "image"))
    {
      images++;
      cr_expect_eq (page, 1, "an image on page %d", page);
    }
  }
  cr_expect_eq (images, 1, "images:\n%s", img);
  free (img);
  free (t);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

Test (render_pdf, landscape_doc_and_empty_doc)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  d.landscape = true;
  struct rpdf_file f;
  rpdf_to_file (&d, "fixture-landscape", &f);
  int n = rpdf_pages (f.path);
  bool *land = calloc ((size_t) n, sizeof *land);
  rpdf_sizes (f.path, n, land);
  for (int i = 0; i < n; i++)
    cr_expect (land[i], "page %d portrait in a landscape document", i + 1);
  free (land);
  rpdf_drop (&f);
  rd_doc_free (&d);

  rd_doc_init (&d);
  rpdf_to_file (&d, "empty", &f);
  cr_expect_eq (rpdf_pages (f.path), 1);
  char *t = rpdf_text (f.path, 0, 0);
  rpdf_has (t, "Halaman 1 dari 1");
  free (t);
  rpdf_drop (&f);
  rd_doc_free (&d);
}

/* A heading never stays alone at a page bottom: moved down line by line
   across the end of page 1, it always shares its page with the table
   after it. */
Test (render_pdf, heading_keeps_with_table, .timeout = 120)
{
  int on_first = 0, moved = 0;
  for (int k = 14; k <= 44; k++)
  {
    struct rd_doc d;
    rd_doc_init (&d);
    static const char *const title[] = { "UJI JUDUL BAGIAN" };
    d.n_title = 1;
    d.title = (const char **) title;
    d.year = 2026;
    d.month = 1;
    d.day = 2;
    for (int i = 0; i < k; i++)
      rd_para (&d, "Isi satu baris.");
    rd_heading (&d, 1, "ZZ-HEADING");
    rd_heading (&d, 2, "ZZ-SUBHEADING");
    struct rd_table *t = rd_table_new (&d, "uji", 2, 10);
    t->number = "Tabel 9";
    t->title = "Uji";
    t->headers[0] = "Kolom A";
    t->headers[1] = "Kolom B";
    for (size_t r = 0; r < 10; r++)
    {
      rd_cell_text (&d, t, r, 0, "a");
      rd_cell_text (&d, t, r, 1, "b");
    }
    struct rd_block *b = rd_add (&d, RD_TABLE);
    b->table = t;
    struct rpdf_file f;
    rpdf_to_file (&d, "heading-keep", &f);
    int n = rpdf_pages (f.path);
    int hp = 0, sp = 0, tp = 0;
    for (int i = 1; i <= n; i++)
    {
      char *pg = rpdf_text (f.path, i, i);
      if (strstr (pg, "ZZ-HEADING"))
        hp = i;
      if (strstr (pg, "ZZ-SUBHEADING"))
        sp = i;
      if (strstr (pg, "Tabel 9. Uji Kolom A"))
        tp = i;
      free (pg);
    }
    cr_expect (hp > 0 && hp == sp && sp == tp,
               "k=%d: heading on page %d, subheading %d, table %d", k, hp,
               sp, tp);
    on_first += 1 == hp;
    moved += 2 == hp;
    rpdf_drop (&f);
    rd_doc_free (&d);
  }
  cr_expect (on_first > 0 && moved > 0, "the sweep missed the page end "
             "(%d on page 1, %d on page 2)", on_first, moved);
}

/* A totals row never starts a page alone: moved line by line across the
   end of page 1, the table's end always keeps its last data row with
   the totals. */
Test (render_pdf, totals_keep_last_row, .timeout = 120)
{
  int split = 0;
  for (int k = 8; k <= 28; k++)
  {
    struct rd_doc d;
    rd_doc_init (&d);
    static const char *const title[] = { "UJI BARIS JUMLAH" };
    d.n_title = 1;
    d.title = (const char **) title;
    d.year = 2026;
    d.month = 1;
    d.day = 2;
    for (int i = 0; i < k; i++)
      rd_para (&d, "Isi satu baris.");
    struct rd_table *t = rd_table_new (&d, "uji", 2, 13);
    t->number = "Tabel 1";
    t->title = "Uji";
    t->headers[0] = "Baris";
    t->headers[1] = "Nilai";
    for (size_t r = 0; r < 12; r++)
    {
      char n[16];
      snprintf (n, sizeof n, "baris-%02zu", r + 1);
      rd_cell_text (&d, t, r, 0, n);
      rd_cell_num (&d, t, r, 1, "1", 1, 0, NULL);
    }
    rd_cell_text (&d, t, 12, 0, "JUMLAH-TOTAL");
    rd_cell_num (&d, t, 12, 1, "12", 12, 0, NULL);
    t->n_total_rows = 1;
    struct rd_block *b = rd_add (&d, RD_TABLE);
    b->table = t;
    struct rpdf_file f;
    rpdf_to_file (&d, "totals-keep", &f);
    int n = rpdf_pages (f.path);
    for (int i = 1; i <= n; i++)
    {
      char *pg = rpdf_text (f.path, i, i);
      if (strstr (pg, "JUMLAH-TOTAL"))
        cr_expect_not_null (strstr (pg, "baris-12"),
                            "k=%d: the totals row alone on page %d", k, i);
      split += NULL != strstr (pg, "(lanjutan)");
      free (pg);
    }
    rpdf_drop (&f);
    rd_doc_free (&d);
  }
  cr_expect (split > 0, "the sweep never broke the table");
}
