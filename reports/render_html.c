/*
 * HTML renderer (render.h): one rd_doc as a printable, accessible page.
 * Standalone, it is a whole HTML5 document an office can print and file
 * as it is (A4, 2 cm margins, landscape pages for wide tables, headers
 * repeated on every page, "Halaman X dari Y", a DRAF watermark on every
 * page of a draft).  Embedded, it is one <article class="report"> after a
 * <style> whose rules are all scoped under .report, for the staff page.
 *
 * Safety: every string of the doc goes through buf_html_escape, into
 * text or a quoted attribute; ids are made here from counters, never
 * from doc strings.  The page has no script and loads nothing: the only
 * image, the kop logo, is inlined as a data: URI.  No style="" attribute
 * is written and the <style> block is the same bytes for every doc of a
 * mode, so a Content-Security-Policy can allow it by its hash.
 *
 * Charts come from chart_svg.c.  The layout mirrors the PDF renderer's:
 * kop surat, banner, title, number, evidence lines, blocks, signature,
 * and "Keterangan keaslian dokumen" last (on its own page in print).
 */
#include "chart_svg.h"
#include "render.h"
#include "qr.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rules shared by both modes, scoped under .report.  Colours keep text
   at >= 4.5:1 on its background (most at > 9:1). */
static const char html_css_report[] =
  ".report{font-family:\"Noto Sans\",Arial,\"Liberation Sans\",system-ui,"
  "sans-serif;color:#1b1b1b;background:#fff;line-height:1.45;"
  "font-size:1rem;max-width:56rem;margin:0 auto;padding:1rem;"
  "position:relative;-webkit-print-color-adjust:exact;"
  "print-color-adjust:exact}\n"
  ".report *,.report *::before,.report *::after{box-sizing:border-box}\n"
  /* Kop surat: centred lines above a thick and a thin rule. */
  ".report .kop{display:flex;align-items:center;gap:1rem;"
  "border-bottom:3px solid #000;padding-bottom:.4rem}\n"
  ".report .kop-logo{width:4.5rem;height:auto;flex:none}\n"
  ".report .kop.has-logo::after{content:\"\";width:4.5rem;flex:none}\n"
  ".report .kop-text{flex:1;text-align:center;min-width:0}\n"
  ".report .kop p{margin:0;line-height:1.3}\n"
  ".report .kop-pemda{font-size:1.1rem;font-weight:700}\n"
  ".report .kop-unit{font-size:1.3rem;font-weight:700}\n"
  ".report .kop-addr{font-size:.88rem}\n"
  ".report .kop-rule{border-top:1px solid #000;margin:2px 0 1.25rem}\n"
  ".report .banner{border:2px solid #8a1c1c;color:#8a1c1c;font-weight:700;"
  "text-align:center;padding:.35rem .75rem;margin:0 0 1rem}\n"
  /* Title block. */
  ".report h1{font-size:1.2rem;line-height:1.3;text-align:center;"
  "margin:.75rem 0 .15rem}\n"
  ".report .subtitle{font-size:1.05rem;text-align:center;margin:0}\n"
  ".report .nomor{text-align:center;margin:.35rem 0 0}\n"
  ".report .evidence{border-left:4px solid #153e63;background:#f1f5f9;"
  "padding:.4rem .75rem;margin:1rem 0;font-size:.88rem}\n"
  ".report .evidence p{margin:.15rem 0}\n"
  /* Body text. */
  ".report h2{font-size:1.12rem;margin:1.5rem 0 .5rem}\n"
  ".report h3{font-size:1.02rem;margin:1.2rem 0 .4rem}\n"
  ".report h4,.report h5,.report h6{font-size:1rem;margin:1rem 0 .3rem}\n"
  ".report p,.report li,.report dd,.report td,.report th{"
  "white-space:pre-line;overflow-wrap:break-word}\n"
  ".report p{margin:.5rem 0}\n"
  ".report ol,.report ul{margin:.5rem 0;padding-left:1.75rem}\n"
  ".report .slot-empty{border:2px dashed #595959;padding:.5rem .75rem;"
  "margin:.75rem 0;color:#3d3d3d}\n"
  ".report .slot-empty p{margin:0}\n"
  ".report .slot-tag{display:inline-block;margin-right:.5rem;"
  "font-size:.78rem;font-weight:700;letter-spacing:.04em;"
  "text-transform:uppercase;color:#8a1c1c}\n"
  ".report dl.kv{display:grid;grid-template-columns:minmax(8rem,"
  "max-content) 1fr;gap:.2rem 1rem;margin:.5rem 0}\n"
  ".report dl.kv dt{font-weight:600;margin:0}\n"
  ".report dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}\n"
  ".report .box{border:2px solid #153e63;margin:1rem 0}\n"
  ".report .box-title{background:#e7eef6;font-weight:700;margin:0;"
  "padding:.4rem .75rem;border-bottom:1px solid #153e63}\n"
  ".report .box dl.kv{grid-template-columns:1fr auto;padding:.25rem .75rem;"
  "margin:0}\n"
  ".report .box dl.kv dt{font-weight:400}\n"
  ".report .box dl.kv dd{text-align:right;font-weight:700;"
  "font-variant-numeric:tabular-nums}\n"
  /* Tables: a grid, the header shaded and repeated on every printed
     page, totals ruled above, numbers right-aligned. */
  ".report .table-wrap{overflow-x:auto;margin:1.25rem 0 .25rem}\n"
  ".report .table-wrap:focus,.report figure.chart:focus{"
  "outline:3px solid #153e63;outline-offset:2px}\n"
  ".report table{border-collapse:collapse;width:100%;font-size:.86rem;"
  "margin:0}\n"
  ".report table.wide{min-width:62rem}\n"
  ".report caption{caption-side:top;text-align:left;font-weight:700;"
  "font-size:.95rem;padding:0 0 .35rem}\n"
  ".report th,.report td{border:1px solid #6b6b6b;padding:.28rem .45rem;"
  "text-align:left;vertical-align:top}\n"
  ".report thead th{background:#e7eef6;vertical-align:bottom}\n"
  ".report table.wide th.w{min-width:14rem}\n"
  ".report td.nw{white-space:nowrap}\n"
  ".report .r{text-align:right}\n"
  ".report .c{text-align:center}\n"
  ".report td.r{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
  ".report td.b{font-weight:700}\n"
  ".report thead{display:table-header-group}\n"
  ".report tfoot{display:table-row-group}\n"
  ".report tfoot td{font-weight:700;border-top:2px solid #1b1b1b}\n"
  ".report tr{break-inside:avoid;page-break-inside:avoid}\n"
  ".report .table-note{font-size:.84rem;color:#3d3d3d;margin:.3rem 0 1rem}\n"
  /* Charts. */
  ".report figure.chart{margin:1.25rem 0;overflow-x:auto}\n"
  ".report figure.chart figcaption{font-weight:700;font-size:.95rem;"
  "margin:0 0 .4rem}\n"
  /* Below 28rem the chart scrolls sideways rather than shrink its
     labels past reading. */
  ".report .chart-svg{display:block;width:100%;min-width:28rem;"
  "max-width:40rem;height:auto;margin:0 auto}\n"
  ".report .chart-svg text{font-family:\"Noto Sans\",Arial,"
  "\"Liberation Sans\",sans-serif}\n"
  /* Signature: two columns whose rows line up (subgrid), with room for
     the wet or electronic signature. */
  ".report .sig{display:grid;grid-template-columns:1fr 1fr;"
  "grid-template-rows:repeat(6,auto);column-gap:2rem;margin:2rem 0 1rem}\n"
  ".report .sig-col{display:grid;grid-row:1/span 6;"
  "grid-template-rows:subgrid;text-align:center;align-content:start}\n"
  ".report .sig-left{grid-column:1}\n"
  ".report .sig-right{grid-column:2}\n"
  ".report .sig p{margin:0}\n"
  ".report .sig-space{height:5.5rem}\n"
  ".report .sig-name{font-weight:700;text-decoration:underline}\n"
  ".report .keaslian{margin-top:2.5rem;border-top:2px solid #153e63;"
  "font-size:.9rem}\n"
  ".report .keaslian h2{margin-top:.75rem}\n"
  ".report .doc-foot{font-size:.8rem;color:#3d3d3d;margin:1.5rem 0 0;"
  "padding-top:.3rem;border-top:1px solid #8a8a8a}\n"
  /* DRAF: across the page, over the text but faint, never clickable. */
  ".report.draft::before{content:\"DRAF\";position:absolute;top:10rem;"
  "left:0;right:0;text-align:center;font-size:9rem;font-weight:700;"
  "letter-spacing:.2em;color:rgba(176,0,32,.14);transform:rotate(-30deg);"
  "pointer-events:none;z-index:5}\n"
  /* A phone: stack what sits side by side. */
  "@media (max-width:36rem){"
  ".report{padding:.75rem}"
  ".report .kop-logo,.report .kop.has-logo::after{width:3rem}"
  ".report .kop-unit{font-size:1.1rem}"
  ".report dl.kv{grid-template-columns:1fr}"
  ".report dl.kv dd{margin-bottom:.3rem}"
  ".report .box dl.kv{grid-template-columns:1fr auto}"
  ".report .sig{display:block}"
  ".report .sig-col{display:block;margin-bottom:1.5rem}"
  ".report.draft::before{font-size:5rem}}\n"
  /* Print: A4, 2 cm; landscape pages for wide tables; page numbers;
     headings kept with what follows; the keterangan on a page of its
     own, last. */
  "@page{size:A4;margin:2cm;"
  "@bottom-right{content:\"Halaman \" counter(page) \" dari \" "
  "counter(pages);font:8pt \"Noto Sans\",Arial,sans-serif;"
  "color:#3d3d3d}}\n"
  "@page rdland{size:A4 landscape;margin:2cm;"
  "@bottom-right{content:\"Halaman \" counter(page) \" dari \" "
  "counter(pages);font:8pt \"Noto Sans\",Arial,sans-serif;"
  "color:#3d3d3d}}\n"
  "@media print{"
  ".report{max-width:none;padding:0;font-size:10.5pt}"
  ".report .table-wrap{overflow:visible}"
  ".report table{font-size:9pt}"
  ".report table.wide{min-width:0;font-size:8pt}"
  ".report table.wide th.w{min-width:0}"
  ".report .table-wrap.short{break-inside:avoid;page-break-inside:avoid}"
  ".report .landscape,.report.landscape-doc{page:rdland}"
  ".report h2,.report h3,.report h4,.report h5,.report h6,.report caption,"
  ".report figcaption,.report .box-title,.report .evidence{"
  "break-after:avoid;page-break-after:avoid}"
  ".report figure.chart,.report .box,.report .sig,.report .slot-empty{"
  "break-inside:avoid;page-break-inside:avoid}"
  ".report figure.chart{overflow:visible}"
  ".report .chart-svg{max-width:15cm;min-width:0}"
  ".report .keaslian{break-before:page;page-break-before:always;"
  "border-top:0;margin-top:0}"
  ".report.draft::before{position:fixed;top:38%}}\n"
  ".report .pagebreak{break-after:page;page-break-after:always}\n";

/* The page around the article (standalone only). */
static const char html_css_page[] =
  "html{background:#fff}\n"
  "body{margin:0}\n"
  /* A landscape table may use the whole window, beyond the text column. */
  "@media screen and (min-width:60rem){.report .table-wrap.landscape{"
  "width:calc(100vw - 3rem);max-width:96rem;position:relative;left:50%;"
  "transform:translateX(-50%)}}\n"
  "@media screen{.report.draft::before{position:fixed;top:38%}}\n";

/* A table of at most this many rows is kept on one printed page. */
#define HTML_SHORT_TABLE 25

struct html_ctx {
  struct buf *b;
  int prev_h;                    /* level of the last heading written */
  unsigned n_table, n_chart, n_box;
};

static void
html_esc (struct buf *b, const char *s)
{
  buf_html_escape (b, s ? s : "");
}

/* <TAG class="CLS">text</TAG>, CLS may be NULL. */
static void
html_el (struct buf *b, const char *tag, const char *cls, const char *text)
{
  if (cls)
    buf_printf (b, "<%s class=\"%s\">", tag, cls);
  else
    buf_printf (b, "<%s>", tag);
  html_esc (b, text);
  buf_printf (b, "</%s>\n", tag);
}

static void
html_base64 (struct buf *b, const unsigned char *p, size_t n)
{
  static const char a[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char q[4];
  for (size_t i = 0; i < n; i += 3)
  {
    unsigned v = (unsigned) p[i] << 16;
    if (i + 1 < n)
      v |= (unsigned) p[i + 1] << 8;
    if (i + 2 < n)
      v |= p[i + 2];
    q[0] = a[(v >> 18) & 63];
    q[1] = a[(v >> 12) & 63];
    q[2] = i + 1 < n ? a[(v >> 6) & 63] : '=';
    q[3] = i + 2 < n ? a[v & 63] : '=';
    buf_append (b, q, 4);
  }
}

static bool
html_is_png (const unsigned char *p, size_t n)
{
  static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
                                        0x1a, '\n' };
  return p && n > 8 && 0 == memcmp (p, sig, 8);
}

static void
html_kop (struct html_ctx *x, const struct rd_doc *d)
{
  struct buf *b = x->b;
  bool logo = html_is_png (d->logo_png, d->logo_len);
  if (0 == d->n_kop && ! logo)
    return;
  buf_printf (b, "<header class=\"kop%s\">\n", logo ? " has-logo" : "");
  if (logo)
  {
    buf_puts (b, "<img class=\"kop-logo\" alt=\"");
    if (d->n_kop > 0)
    {
      buf_puts (b, "Logo ");
      html_esc (b, d->kop[0]);
    }
    else
      buf_puts (b, "Logo");
    buf_puts (b, "\" src=\"data:image/png;base64,");
    html_base64 (b, d->logo_png, d->logo_len);
    buf_puts (b, "\">\n");
  }
  buf_puts (b, "<div class=\"kop-text\">\n");
  for (size_t i = 0; i < d->n_kop; i++)
    html_el (b, "p", 0 == i ? "kop-pemda" : 1 == i ? "kop-unit" : "kop-addr",
             d->kop[i]);
  buf_puts (b, "</div>\n</header>\n<div class=\"kop-rule\"></div>\n");
}

static void
html_front (struct html_ctx *x, const struct rd_doc *d)
{
  struct buf *b = x->b;
  html_kop (x, d);
  if (d->banner && d->banner[0])
    html_el (b, "p", "banner", d->banner);
  for (size_t i = 0; i < d->n_title; i++)
    html_el (b, 0 == i ? "h1" : "p", 0 == i ? NULL : "subtitle",
             d->title[i]);
  if (d->number && d->number[0])
    html_el (b, "p", "nomor", d->number);
  if (d->n_evidence > 0)
  {
    buf_puts (b, "<div class=\"evidence\">\n");
    for (size_t i = 0; i < d->n_evidence; i++)
      html_el (b, "p", NULL, d->evidence[i]);
    buf_puts (b, "</div>\n");
  }
}

/* Doc level 1 is h2 (h1 is the title); never skip a level, so the
   outline stays valid whatever the builder asked for. */
static void
html_heading (struct html_ctx *x, const struct rd_block *k)
{
  int h = (k->level > 0 ? k->level : 1) + 1;
  if (h > x->prev_h + 1)
    h = x->prev_h + 1;
  if (h < 2)
    h = 2;
  if (h > 6)
    h = 6;
  x->prev_h = h;
  buf_printf (x->b, "<h%d>", h);
  html_esc (x->b, k->text);
  buf_printf (x->b, "</h%d>\n", h);
}

static void
html_para (struct html_ctx *x, const struct rd_block *k)
{
  struct buf *b = x->b;
  if (k->empty_slot)
  {
    buf_puts (b, "<div class=\"slot-empty\"><p><span class=\"slot-tag\">"
                 "Belum diisi</span>");
    html_esc (b, k->text);
    buf_puts (b, "</p></div>\n");
  }
  else
    html_el (b, "p", NULL, k->text);
}

static void
html_list (struct html_ctx *x, const struct rd_block *k)
{
  const char *tag = k->numbered ? "ol" : "ul";
  buf_printf (x->b, "<%s>\n", tag);
  for (size_t i = 0; i < k->n_items; i++)
    html_el (x->b, "li", NULL, k->items[i]);
  buf_printf (x->b, "</%s>\n", tag);
}

/* Label/value pairs; an odd last label gets an empty value. */
static void
html_pairs (struct buf *b, size_t n, const char **items)
{
  buf_puts (b, "<dl class=\"kv\">\n");
  for (size_t i = 0; i < n; i += 2)
  {
    html_el (b, "dt", NULL, items[i]);
    html_el (b, "dd", NULL, i + 1 < n ? items[i + 1] : "");
  }
  buf_puts (b, "</dl>\n");
}

static void
html_box (struct html_ctx *x, const struct rd_block *k)
{
  struct buf *b = x->b;
  unsigned id = ++x->n_box;
  buf_printf (b, "<section class=\"box\" aria-labelledby=\"rd-b%u\">\n"
                 "<p class=\"box-title\" id=\"rd-b%u\">", id, id);
  html_esc (b, k->text);
  buf_puts (b, "</p>\n");
  html_pairs (b, k->n_items, k->items);
  buf_puts (b, "</section>\n");
}

static const char *
html_align_class (const struct rd_table *t, size_t col)
{
  if (NULL == t->align)
    return NULL;
  switch (t->align[col])
  {
  case RD_RIGHT: return "r";
  case RD_CENTER: return "c";
  case RD_LEFT:
  default: return NULL;
  }
}

/* A short cell is kept on one line: a code without a space
   ("ADU-2026-000123", which a browser would break at its hyphens) or a
   short phrase ("11 Maret 2026", "U4, U7").  Longer text wraps. */
static bool
html_keep_whole (const char *s)
{
  size_t n = 0;
  bool space = false;
  if (NULL == s)
    return false;
  for (; *s; s++)
  {
    if ('\n' == *s)
      return false;
    space |= ' ' == *s;
    n += ((unsigned char) *s & 0xc0) != 0x80;
  }
  return n > 0 && n <= (space ? 16u : 24u);
}

static void
html_row (struct buf *b, const struct rd_table *t, size_t r,
          const bool *wide_col)
{
  buf_puts (b, "<tr>");
  for (size_t c = 0; c < t->n_cols; c++)
  {
    const struct rd_cell *cell = rd_table_cell (t, r, c);
    const char *cls[4];
    size_t n = 0;
    const char *al = html_align_class (t, c);
    if (al)
      cls[n++] = al;
    if (cell->bold)
      cls[n++] = "b";
    if (wide_col[c])
      cls[n++] = "w";
    else if (html_keep_whole (cell->text))
      cls[n++] = "nw";
    if (n > 0)
    {
      buf_puts (b, "<td class=\"");
      for (size_t i = 0; i < n; i++)
        buf_printf (b, "%s%s", i ? " " : "", cls[i]);
      buf_puts (b, "\">");
    }
    else
      buf_puts (b, "<td>");
    html_esc (b, cell->text);
    buf_puts (b, "</td>");
  }
  buf_puts (b, "</tr>\n");
}

static void
html_table (struct html_ctx *x, const struct rd_table *t)
{
  struct buf *b = x->b;
  unsigned id = ++x->n_table;
  bool wide = t->landscape || t->n_cols >= 8;
  bool cap = (t->number && t->number[0]) || (t->title && t->title[0]);
  /* A focusable, named region: it scrolls sideways on a small screen. */
  buf_printf (b, "<div class=\"table-wrap%s%s\" role=\"region\" "
                 "tabindex=\"0\"", t->landscape ? " landscape" : "",
              t->n_rows <= HTML_SHORT_TABLE ? " short" : "");
  if (cap)
    buf_printf (b, " aria-labelledby=\"rd-t%u\">\n", id);
  else
    buf_puts (b, " aria-label=\"Tabel\">\n");
  buf_printf (b, "<table%s>\n", wide ? " class=\"wide\"" : "");
  if (cap)
  {
    buf_printf (b, "<caption id=\"rd-t%u\">", id);
    if (t->number && t->number[0])
    {
      html_esc (b, t->number);
      if (t->title && t->title[0])
        buf_puts (b, ". ");
    }
    html_esc (b, t->title);
    buf_puts (b, "</caption>\n");
  }
  /* A column much wider than the others in the model (the PDF's
     widths) gets room to wrap its text here too. */
  double sum = 0;
  for (size_t c = 0; t->widths && c < t->n_cols; c++)
    sum += t->widths[c];
  double mean = t->n_cols ? sum / (double) t->n_cols : 0;
  bool *wide_col = calloc (t->n_cols ? t->n_cols : 1, sizeof *wide_col);
  if (NULL == wide_col)
  {
    b->oom = true;
    return;
  }
  buf_puts (b, "<thead><tr>");
  for (size_t c = 0; c < t->n_cols; c++)
  {
    const char *al = html_align_class (t, c);
    wide_col[c] = t->widths && mean > 0 && t->widths[c] >= 2 * mean;
    if (al || wide_col[c])
      buf_printf (b, "<th scope=\"col\" class=\"%s%s%s\">", al ? al : "",
                  al && wide_col[c] ? " " : "", wide_col[c] ? "w" : "");
    else
      buf_puts (b, "<th scope=\"col\">");
    html_esc (b, t->headers ? t->headers[c] : NULL);
    buf_puts (b, "</th>");
  }
  buf_puts (b, "</tr></thead>\n<tbody>\n");
  size_t tot = t->n_total_rows < t->n_rows ? t->n_total_rows : t->n_rows;
  size_t body = t->n_rows - tot;
  if (0 == t->n_rows)
    buf_printf (b, "<tr><td colspan=\"%zu\">Tidak ada data.</td></tr>\n",
                t->n_cols ? t->n_cols : 1);
  for (size_t r = 0; r < body; r++)
    html_row (b, t, r, wide_col);
  buf_puts (b, "</tbody>\n");
  if (tot > 0)
  {
    buf_puts (b, "<tfoot>\n");
    for (size_t r = body; r < t->n_rows; r++)
      html_row (b, t, r, wide_col);
    buf_puts (b, "</tfoot>\n");
  }
  buf_puts (b, "</table>\n</div>\n");
  free (wide_col);
  if (t->note && t->note[0])
    html_el (b, "p", "table-note", t->note);
}

static void
html_chart (struct html_ctx *x, const struct rd_chart *c)
{
  struct buf *b = x->b;
  unsigned id = ++x->n_chart;
  char sid[32];
  snprintf (sid, sizeof sid, "rd-g%u", id);
  /* Focusable: on a phone it scrolls sideways. */
  buf_puts (b, "<figure class=\"chart\" tabindex=\"0\">\n<figcaption>");
  if (c->number && c->number[0])
  {
    html_esc (b, c->number);
    if (c->title && c->title[0])
      buf_puts (b, ". ");
  }
  html_esc (b, c->title);
  buf_puts (b, "</figcaption>\n");
  chart_svg_write (b, c, sid);
  buf_puts (b, "\n</figure>\n");
}

/* One column of the signature block: always six rows (lead or place and
   date, jabatan, the signing space, name, pangkat, NIP) so that the two
   columns line up. */
static void
html_signer (struct buf *b, const char *cls, const char *top,
             const struct rd_signer *s)
{
  buf_printf (b, "<div class=\"sig-col %s\">\n", cls);
  html_el (b, "p", "sig-top", top);
  html_el (b, "p", "sig-jab", s->jabatan);
  buf_puts (b, "<div class=\"sig-space\"></div>\n");
  html_el (b, "p", "sig-name", s->name);
  html_el (b, "p", "sig-pangkat", s->pangkat);
  html_el (b, "p", "sig-nip", s->nip);
  buf_puts (b, "</div>\n");
}

static void
html_sig (struct html_ctx *x, const struct rd_signature *s)
{
  struct buf *b = x->b;
  buf_puts (b, "<section class=\"sig\" aria-label=\"Tanda tangan\">\n");
  if (s->has_left)
    html_signer (b, "sig-left", s->left.lead, &s->left);
  html_signer (b, "sig-right", s->place_date, &s->right);
  buf_puts (b, "</section>\n");
}

/* A QR code as SVG rectangles (one per dark run of a row) from the same
   module matrix as the PDF, with its caption and the URL as text. */
static void
html_qr (struct html_ctx *x, const struct rd_block *k)
{
  int n;
  unsigned char *m;
  if (! rd_qr (k->text, &n, &m))
    return;
  struct buf *b = x->b;
  int w = n + 2 * RD_QR_QUIET;
  buf_puts (b, "<figure class=\"qr\"><svg viewBox=\"0 0 ");
  buf_printf (b, "%d %d\" width=\"%d\" height=\"%d\" role=\"img\""
              " aria-label=\"Kode QR\" shape-rendering=\"crispEdges\">"
              "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", w, w,
              4 * w, 4 * w, w, w);
  for (int r = 0; r < n; r++)
    for (int c = 0; c < n;)
    {
      if (! m[r * n + c])
      {
        c++;
        continue;
      }
      int e = c;
      while (e < n && m[r * n + e])
        e++;
      buf_printf (b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"1\"/>",
                  RD_QR_QUIET + c, RD_QR_QUIET + r, e - c);
      c = e;
    }
  buf_puts (b, "</svg><figcaption>");
  if (k->n_items && k->items[0])
    buf_html_escape (b, k->items[0]);
  buf_puts (b, "</figcaption></figure>\n");
  free (m);
}

static void
html_blocks (struct html_ctx *x, const struct rd_doc *d)
{
  for (size_t i = 0; i < d->n_blocks; i++)
  {
    const struct rd_block *k = &d->blocks[i];
    switch (k->kind)
    {
    case RD_HEADING: html_heading (x, k); break;
    case RD_PARA: html_para (x, k); break;
    case RD_LIST: html_list (x, k); break;
    case RD_KV: html_pairs (x->b, k->n_items, k->items); break;
    case RD_BOX: html_box (x, k); break;
    case RD_QR: html_qr (x, k); break;
    case RD_TABLE:
      if (k->table)
        html_table (x, k->table);
      break;
    case RD_CHART:
      if (k->chart)
        html_chart (x, k->chart);
      break;
    case RD_SIGNATURE:
      if (k->sig)
        html_sig (x, k->sig);
      break;
    case RD_PAGEBREAK:
      /* The screen shows one flow; print honours the break. */
      buf_puts (x->b, "<div class=\"pagebreak\"></div>\n");
      break;
    }
  }
}

static void
html_info (struct html_ctx *x, const struct rd_doc *d)
{
  struct buf *b = x->b;
  if (d->footer_left && d->footer_left[0])
    html_el (b, "p", "doc-foot", d->footer_left);
  if (0 == d->n_info)
    return;
  buf_puts (b, "<section class=\"keaslian\" aria-labelledby=\"rd-ket\">\n"
               "<h2 id=\"rd-ket\">Keterangan keaslian dokumen</h2>\n");
  html_pairs (b, d->n_info, d->info);
  buf_puts (b, "</section>\n");
}

bool
rd_render_html (const struct rd_doc *d, bool standalone, struct buf *out,
                char *err, size_t errlen)
{
  struct html_ctx x = { .b = out, .prev_h = 1 };
  if (d->arena.oom)
  {
    snprintf (err, errlen, "document incomplete (out of memory while "
                           "building it)");
    return false;
  }
  if (standalone)
  {
    buf_puts (out, "<!doctype html>\n<html lang=\"id\">\n<head>\n"
                   "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                   "content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    if (d->n_title > 0)
      for (size_t i = 0; i < d->n_title; i++)
      {
        if (i > 0)
          buf_puts (out, " – ");
        html_esc (out, d->title[i]);
      }
    else
      html_esc (out, d->file_stem ? d->file_stem : "Laporan");
    buf_puts (out, "</title>\n");
  }
  buf_puts (out, "<style>\n");
  buf_puts (out, html_css_report);
  if (standalone)
    buf_puts (out, html_css_page);
  buf_puts (out, "</style>\n");
  if (standalone)
    buf_puts (out, "</head>\n<body>\n<main>\n");
  buf_printf (out, "<article class=\"report%s%s\">\n",
              d->draft ? " draft" : "", d->landscape ? " landscape-doc" : "");
  html_front (&x, d);
  html_blocks (&x, d);
  html_info (&x, d);
  buf_puts (out, "</article>\n");
  if (standalone)
    buf_puts (out, "</main>\n</body>\n</html>\n");
  if (out->oom)
  {
    snprintf (err, errlen, "out of memory");
    return false;
  }
  return true;
}
