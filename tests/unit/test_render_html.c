/* The HTML renderer (reports/render_html.c, chart_svg.c): the fixture as
   a whole page and as an embeddable article, checked by html_check.py
   (balanced tags, ids, aria references, headings, tables, SVG titles, no
   script or outside resource, scoped CSS), plus the content an office
   relies on: every table caption, all 120 register rows, one labelled
   SVG per chart with its values, the signature, the keterangan; and that
   no doc string reaches the page unescaped. */
#include "fixture_doc.h"
#include "render.h"
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static char *
th_render (const struct rd_doc *d, bool standalone)
{
  struct buf b = { 0 };
  char err[128] = "";
  cr_assert (rd_render_html (d, standalone, &b, err, sizeof err), "%s", err);
  cr_assert_not (b.oom);
  return buf_steal (&b, NULL);
}

static size_t
th_count (const char *hay, const char *needle)
{
  size_t n = 0;
  for (const char *p = hay; (p = strstr (p, needle)); p += strlen (needle))
    n++;
  return n;
}

/* Run tests/unit/html_check.py (found next to this file) on HTML. */
static int
th_check (const char *html, bool fragment)
{
  char path[] = "/tmp/wadah-html-XXXXXX.html";
  int fd = mkstemps (path, 5);
  cr_assert_geq (fd, 0);
  size_t len = strlen (html);
  cr_assert_eq (write (fd, html, len), (ssize_t) len);
  close (fd);
  char dir[512];
  snprintf (dir, sizeof dir, "%s", __FILE__);
  char *slash = strrchr (dir, '/');
  if (slash)
    *slash = '\0';
  else
    snprintf (dir, sizeof dir, ".");
  char cmd[1024];
  snprintf (cmd, sizeof cmd, "python3 %s/html_check.py %s %s >&2", dir,
            fragment ? "--fragment" : "", path);
  int rc = system (cmd);
  unlink (path);
  return rc;
}

/* The <style> block, for comparing pages. */
static char *
th_style (const char *html)
{
  const char *a = strstr (html, "<style>");
  const char *z = a ? strstr (a, "</style>") : NULL;
  cr_assert (a && z);
  return strndup (a, (size_t) (z - a));
}

Test (render_html, fixture_page)
{
  struct rd_doc d;
  fixture_doc (&d, true);
  char *h = th_render (&d, true);
  cr_assert_eq (th_check (h, false), 0, "html_check failed");
  cr_assert_eq (strncmp (h, "<!doctype html>\n<html lang=\"id\">", 32), 0);
  cr_assert_null (strcasestr (h, "<script"));
  cr_assert_null (strstr (h, " style=\""));
  /* Escaped, never raw. */
  cr_assert_not_null (strstr (h, "&lt;khusus&gt; &amp; &quot;kutip&quot; "
                                 "&#39;tunggal&#39;"));
  cr_assert_null (strstr (h, "<khusus>"));
  cr_assert_null (strstr (h, "<tidak resmi>"));
  cr_assert_eq (th_count (h, "Biaya&#47;tarif &lt;tidak resmi&gt;"), 120);
  /* Front matter. */
  cr_assert_not_null (strstr (h, "<p class=\"kop-pemda\">PEMERINTAH KOTA "
                                 "MADIUN</p>"));
  cr_assert_not_null (strstr (h, "<h1>LAPORAN MONITORING DAN EVALUASI "
                                 "PENANGANAN PENGADUAN MASYARAKAT</h1>"));
  cr_assert_not_null (strstr (h, "Nomor: 400.14&#47;123&#47;401.201&#47;"
                                 "2026"));
  cr_assert_not_null (strstr (h, "A.2.V.ii.a — Persentase penanganan"));
  cr_assert_not_null (strstr (h, "<article class=\"report draft\">"));
  cr_assert_not_null (strstr (h, "<span class=\"slot-tag\">Belum diisi"));
  /* Tables: captions, header cells, totals, all rows. */
  cr_assert_not_null (strstr (h, "<caption id=\"rd-t1\">Tabel 1. Pengaduan "
                                 "per kanal</caption>"));
  cr_assert_not_null (strstr (h, "<caption id=\"rd-t2\">Tabel 2. Register "
                                 "pengaduan</caption>"));
  cr_assert_eq (th_count (h, "<th scope=\"col\""), 4 + 12);
  cr_assert_not_null (strstr (h, "<tfoot>\n<tr><td class=\"b w\">Jumlah"
                                 "</td><td class=\"r b nw\">1.254</td>"));
  cr_assert_not_null (strstr (h, "<td class=\"w\">=cmd|&#39; &#47;C "
                                 "calc&#39;!A0</td>"));
  for (int r = 1; r <= 120; r++)
  {
    char id[64];
    snprintf (id, sizeof id, "<td class=\"nw\">ADU-2026-%06d</td>", r);
    cr_assert_eq (th_count (h, id), 1, "row %d", r);
  }
  cr_assert_not_null (strstr (h, "Persentase dihitung dari nilai tak "
                                 "dibulatkan."));
  /* The PDF's row limit does not apply here. */
  cr_assert_null (strstr (h, "Baris 101–120 terlampir"));
  /* Charts: one labelled SVG each, values in Indonesian format. */
  cr_assert_eq (th_count (h, "<svg "), 3);
  cr_assert_eq (th_count (h, "<svg class=\"chart-svg\" role=\"img\" "
                             "aria-labelledby=\""), 3);
  for (int g = 1; g <= 3; g++)
  {
    char t[128];
    snprintf (t, sizeof t, "xmlns=\"http://www.w3.org/2000/svg\">"
                           "<title id=\"rd-g%d-t\">Grafik %d. ", g, g);
    cr_assert_not_null (strstr (h, t), "chart %d", g);
  }
  cr_assert_eq (th_count (h, "<title"), 4);      /* the page's + 3 */
  cr_assert_not_null (strstr (h, ">90,50</text>"));
  cr_assert_not_null (strstr (h, ">100 %</text>"));
  cr_assert_not_null (strstr (h, ">A 88,31</text>"));
  cr_assert_not_null (strstr (h, "stroke-dasharray=\"6 4\""));
  cr_assert_not_null (strstr (h, "2025-S2: % ditindaklanjuti tidak ada "
                                 "data; % tepat waktu 65,50 %."));
  cr_assert_not_null (strstr (h, "Jan: Selesai 3; Ditindaklanjuti, belum "
                                 "selesai 1; Dalam proses 0; jumlah 4."));
  cr_assert_not_null (strstr (h, "SP4N-LAPOR!: 7."));
  /* The line with a gap is drawn in two pieces. */
  cr_assert_eq (th_count (h, "<path stroke=\"#2b5fad\""), 2);
  for (size_t i = 0; i < RD_PALETTE_N && i < 3; i++)
  {
    char fill[32];
    snprintf (fill, sizeof fill, "fill=\"#%06x\"", rd_palette[i]);
    cr_assert_not_null (strstr (h, fill));
  }
  /* Signature and keterangan. */
  cr_assert_not_null (strstr (h, "<section class=\"sig\""));
  cr_assert_not_null (strstr (h, "sig-left"));
  cr_assert_not_null (strstr (h, "<p class=\"sig-name\">Drs. BUDI SANTOSO, "
                                 "M.Si.</p>"));
  cr_assert_not_null (strstr (h, "NIP. 19730327 199302 1 002"));
  cr_assert_not_null (strstr (h, ">Keterangan keaslian dokumen</h2>"));
  cr_assert_not_null (strstr (h, "<dt>SHA-256 model (JSON kanonik)</dt>\n"
                                 "<dd>3f2a6c0e9b7d4e1a8c5b2f9e6d3a0c7b4e1f8a"
                                 "5d2c9b6e3f0a7d4c1b8e5f2a9c</dd>"));
  cr_assert_not_null (strstr (h, "<dd>#412 9c1e…</dd>"));
  /* Print rules. */
  cr_assert_not_null (strstr (h, "@page{size:A4;margin:2cm"));
  cr_assert_not_null (strstr (h, "size:A4 landscape"));
  cr_assert_not_null (strstr (h, "table-wrap landscape"));
  free (h);
  rd_doc_free (&d);
}

Test (render_html, embedded_article)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  char *h = th_render (&d, false);
  cr_assert_eq (th_check (h, true), 0, "html_check --fragment failed");
  cr_assert_eq (strncmp (h, "<style>\n.report{", 16), 0);
  cr_assert_null (strcasestr (h, "<!doctype"));
  cr_assert_null (strstr (h, "<html"));
  cr_assert_null (strstr (h, "<body"));
  cr_assert_not_null (strstr (h, "</style>\n<article class=\"report\">\n"));
  size_t n = strlen (h);
  cr_assert (n > 11 && 0 == strcmp (h + n - 11, "</article>\n"));
  cr_assert_null (strstr (h, "report draft"));
  free (h);
  rd_doc_free (&d);
}

Test (render_html, same_doc_same_bytes_and_style)
{
  struct rd_doc a, b;
  fixture_doc (&a, true);
  fixture_doc (&b, true);
  char *ha = th_render (&a, true), *hb = th_render (&b, true);
  cr_assert_str_eq (ha, hb);
  /* The <style> does not depend on the doc (a CSP hash can allow it). */
  rd_doc_free (&b);
  fixture_doc (&b, false);
  b.landscape = true;
  char *hc = th_render (&b, true);
  char *sa = th_style (ha), *sc = th_style (hc);
  cr_assert_str_eq (sa, sc);
  cr_assert_not_null (strstr (hc, "<article class=\"report landscape-doc\">"));
  free (sa);
  free (sc);
  free (ha);
  free (hb);
  free (hc);
  rd_doc_free (&a);
  rd_doc_free (&b);
}

#define TH_EVIL "<script>alert(1)</script>\"'/&<img src=x onerror=alert(2)>"

/* Every string field of a doc holds markup. */
static void
th_evil_doc (struct rd_doc *d)
{
  static const char *many[] = { TH_EVIL, TH_EVIL, TH_EVIL, TH_EVIL };
  static const double v1[] = { 1, NAN }, v2[] = { 2, 3 };
  static const double lines[] = { 1.5 };
  static const char *line_l[] = { TH_EVIL };
  static const enum rd_align al[] = { RD_RIGHT, RD_CENTER };
  rd_doc_init (d);
  d->title = many;
  d->n_title = 2;
  d->kop = many;
  d->n_kop = 3;
  d->number = TH_EVIL;
  d->evidence = many;
  d->n_evidence = 1;
  d->banner = TH_EVIL;
  d->footer_left = TH_EVIL;
  d->file_stem = TH_EVIL;
  d->info = many;
  d->n_info = 3;
  d->year = 2026;
  d->month = 7;
  d->day = 10;
  rd_heading (d, 3, TH_EVIL);     /* deeper than allowed: clamped */
  rd_para (d, TH_EVIL);
  struct rd_block *b = rd_add (d, RD_PARA);
  b->text = TH_EVIL;
  b->empty_slot = true;
  b = rd_add (d, RD_LIST);
  b->items = many;
  b->n_items = 2;
  b = rd_add (d, RD_KV);
  b->items = many;
  b->n_items = 3;
  b = rd_add (d, RD_BOX);
  b->text = TH_EVIL;
  b->items = many;
  b->n_items = 4;
  struct rd_table *t = rd_table_new (d, TH_EVIL, 2, 2);
  t->number = TH_EVIL;
  t->title = TH_EVIL;
  t->note = TH_EVIL;
  t->headers[0] = t->headers[1] = TH_EVIL;
  t->align = al;
  rd_cell_text (d, t, 0, 0, TH_EVIL);
  rd_cell_num (d, t, 0, 1, TH_EVIL, 1, 0, NULL);
  rd_cell_text (d, t, 1, 0, TH_EVIL);
  rd_cell_text (d, t, 1, 1, TH_EVIL);
  t->n_total_rows = 1;
  b = rd_add (d, RD_TABLE);
  b->table = t;
  struct rd_series *s = rd_alloc (&d->arena, 2 * sizeof *s);
  s[0] = (struct rd_series) { TH_EVIL, v1 };
  s[1] = (struct rd_series) { TH_EVIL, v2 };
  for (int k = RD_CHART_COLUMN; k <= RD_CHART_LINE; k++)
  {
    struct rd_chart *c = rd_alloc (&d->arena, sizeof *c);
    *c = (struct rd_chart) { .key = TH_EVIL, .number = TH_EVIL,
                             .title = TH_EVIL, .kind = k, .n_cats = 2,
                             .cats = many, .n_series = 2, .series = s,
                             .unit = TH_EVIL, .n_lines = 1, .lines = lines,
                             .line_labels = line_l };
    b = rd_add (d, RD_CHART);
    b->chart = c;
  }
  struct rd_signature *sg = rd_alloc (&d->arena, sizeof *sg);
  struct rd_signer e = { TH_EVIL, TH_EVIL, TH_EVIL, TH_EVIL, TH_EVIL };
  sg->place_date = TH_EVIL;
  sg->right = e;
  sg->left = e;
  sg->has_left = true;
  b = rd_add (d, RD_SIGNATURE);
  b->sig = sg;
  rd_add (d, RD_PAGEBREAK);
}

Test (render_html, no_raw_doc_strings)
{
  struct rd_doc d;
  th_evil_doc (&d);
  for (int standalone = 0; standalone < 2; standalone++)
  {
    char *h = th_render (&d, standalone);
    cr_assert_eq (th_check (h, ! standalone), 0, "html_check failed");
    cr_assert_null (strcasestr (h, "<script"));
    cr_assert_null (strcasestr (h, "<img"));
    cr_assert_null (strstr (h, "onerror=alert(2)>"));
    /* Every field shows up escaped: the title, 2 title lines, ... */
    cr_assert_geq (th_count (h, "&lt;script&gt;alert(1)&lt;&#47;script&gt;"
                                "&quot;&#39;&#47;&amp;&lt;img"), 40);
    free (h);
  }
  rd_doc_free (&d);
}

Test (render_html, logo_inlined_only_when_png)
{
  static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82 };
  struct rd_doc d;
  fixture_doc (&d, false);
  d.logo_png = png;
  d.logo_len = sizeof png;
  char *h = th_render (&d, true);
  cr_assert_eq (th_check (h, false), 0);
  cr_assert_not_null (strstr (h, "<img class=\"kop-logo\" alt=\"Logo "
                                 "PEMERINTAH KOTA MADIUN\" src=\"data:image/"
                                 "png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"
                                 "CAYAAAAfFcSJAAAACklEQVR4nGMAAQAABQABDQottAAA"
                                 "AABJRU5ErkJggg==\">"));
  free (h);
  static const unsigned char gif[] = "GIF89a not a png";
  d.logo_png = gif;
  d.logo_len = sizeof gif;
  h = th_render (&d, true);
  cr_assert_null (strstr (h, "<img"));
  free (h);
  rd_doc_free (&d);
}

Test (render_html, empty_parts)
{
  /* A doc with no title, an empty table and a chart without data still
     gives a valid page. */
  struct rd_doc d;
  rd_doc_init (&d);
  struct rd_table *t = rd_table_new (&d, "kosong", 2, 0);
  t->headers[0] = "A";
  t->headers[1] = "B";
  t->title = "Tabel tanpa baris";
  struct rd_block *b = rd_add (&d, RD_TABLE);
  b->table = t;
  struct rd_chart *c = rd_alloc (&d.arena, sizeof *c);
  c->title = "Tanpa data";
  c->kind = RD_CHART_BAR;
  b = rd_add (&d, RD_CHART);
  b->chart = c;
  char *h = th_render (&d, true);
  cr_assert_eq (th_check (h, false), 0);
  cr_assert_not_null (strstr (h, "Tidak ada data."));
  cr_assert_not_null (strstr (h, "<title id=\"rd-g1-t\">Tanpa data</title>"));
  free (h);
  rd_doc_free (&d);
}
