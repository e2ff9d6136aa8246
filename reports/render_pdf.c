/*
 * The PDF renderer (render.h: rd_render_pdf).  Draws one rd_doc on A4
 * pages with cairo's PDF surface and Pango: the kop surat, title and
 * evidence lines on the first page, then the blocks in order (tables
 * broken across pages by hand with their header repeated, landscape pages
 * for landscape tables, charts drawn with cairo from the same chart model
 * the SVG back end draws), "Keterangan keaslian dokumen" as the last page,
 * and the banner, "DRAF" watermark and footer on every page.
 *
 * Cairo does not paginate, and "Halaman X dari Y" needs Y before page 1 is
 * drawn, so the same code lays the document out twice: a counting pass
 * with no cairo context (it measures with Pango and breaks pages, nothing
 * more) and the drawing pass.  Measuring never depends on the cairo
 * target: one PangoContext with a fixed resolution (1 unit = 1 pt), fixed
 * font options and unrounded glyph positions serves both passes, so both
 * break pages identically, and table cell layouts made in the first pass
 * are reused in the second (shaping is most of the cost).
 *
 * Page breaking: rows, chart, signature and framed boxes are never split
 * (only a row or box taller than a whole page is, between lines);
 * paragraphs break between lines; headings wait for the block after them
 * and go with it; a table's caption and header go with its first rows.
 *
 * Reproducible bytes: the PDF dates come from the doc's date (with the
 * "D:" prefix cairo 1.16 leaves out put back, see pdf_fix_dates), and
 * nothing depends on the clock, the locale or the environment.  There is
 * no global state: each call makes its own Pango context (from the calling
 * thread's default font map, which Pango keeps per thread), so several
 * threads may render at once.
 */
#include "chart_svg.h"
#include "render.h"
#include "qr.h"
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PDF_A4_W 595.28
#define PDF_A4_H 841.89
#define PDF_MARGIN 56.69        /* 2 cm */
#define PDF_FAMILY "Noto Sans"
#define PDF_BODY 10.0           /* body text, pt */
#define PDF_SMALL 8.5           /* evidence lines, notes */
#define PDF_TABLE 8.5           /* table cells */
#define PDF_FOOT 7.5            /* footer */
#define PDF_CHART_TEXT 7.5      /* chart labels */
#define PDF_CHART_SMALL 6.5     /* chart value labels where space is short */
#define PDF_SLANT (35 * M_PI / 180)     /* slanted category labels */
#define PDF_CHART_H 198.0       /* 7 cm: a chart's plot with its labels */
#define PDF_PADX 3.0            /* table cell padding */
#define PDF_PADY 2.2
#define PDF_SIGN_SPACE 60.0     /* room for the signature itself */
#define PDF_ADV_N 0x250         /* cached advances: Latin up to Ext-B */
#define PDF_CELL_CACHE 40000    /* table cell layouts kept per render */

#define PDF_INK 0x000000
#define PDF_GREY 0x555555
#define PDF_RULE 0x4d4d4d       /* table borders */
#define PDF_HEAD_FILL 0xdde4ee  /* table header, box title */
#define PDF_RED 0x8b0000        /* banner */

enum { PS_REG = 0, PS_BOLD = 1, PS_ITALIC = 2 };

struct pdf_adv_slot {
  gunichar cp;
  float w;
};

struct pdf {
  const struct rd_doc *d;
  PangoContext *pc;
  PangoFontDescription *fd;     /* scratch: size, weight, style per use */
  PangoAttrList *attrs;         /* every layout: no inserted hyphens */
  cairo_surface_t *surf;        /* drawing pass only */
  cairo_t *cr;                  /* NULL in the counting pass */
  int page;                     /* pages begun so far */
  int n_pages;                  /* drawing pass: the total */
  bool open;                    /* a page is begun and not yet shown */
  bool land;                    /* orientation of the current/next page */
  double pw, ph;                /* page size */
  double x0, x1, ytop, ybot;    /* content area */
  double y;                     /* the cursor */
  int outline_l1;               /* outline id of the last level-1 heading */
  /* Headings wait for the block after them, so that they never stay
     alone at the bottom of a page: that block's pdf_need draws them. */
  const struct rd_block *pend[4];
  size_t n_pend;
  /* Advances of single characters in the table font (regular, bold), for
     finding a column's longest word without laying out every cell. */
  float adv[2][PDF_ADV_N];
  struct pdf_adv_slot adv_hi[2][64];
  /* Table cell layouts by text, style, width and alignment, shared by
     both passes (layouts do not depend on the cairo target): registers
     repeat most of their values, and shaping is the expensive part. */
  GHashTable *cells;
};

struct pdf_lkey {
  const char *text;             /* the doc's string: lives as long as the
                                   render */
  int style, width, align;      /* width in 1/64 pt */
};

/* ---- small helpers ---- */

static double
pdf_u (int pango_units)
{
  return pango_units / (double) PANGO_SCALE;
}

static void
pdf_set_text (PangoLayout *l, const char *text)
{
  if (NULL == text)
    text = "";
  if (g_utf8_validate (text, -1, NULL))
  {
    pango_layout_set_text (l, text, -1);
    return;
  }
  gchar *ok = g_utf8_make_valid (text, -1);
  pango_layout_set_text (l, ok, -1);
  g_free (ok);
}

/* A layout of TEXT (plain text, never markup) in the document font: SIZE
   pt, STYLE (PS_*), wrapped at WIDTH pt (words, then characters) unless
   WIDTH <= 0. */
static PangoLayout *
pdf_layout (struct pdf *p, const char *text, double size, int style,
            double width, PangoAlignment align)
{
  PangoLayout *l = pango_layout_new (p->pc);
  pango_font_description_set_size (p->fd, (gint) lround (size * PANGO_SCALE));
  pango_font_description_set_weight (p->fd, (style & PS_BOLD)
                                     ? PANGO_WEIGHT_BOLD
                                     : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (p->fd, (style & PS_ITALIC)
                                    ? PANGO_STYLE_ITALIC
                                    : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (l, p->fd);
  pango_layout_set_attributes (l, p->attrs);
  if (width > 0)
  {
    pango_layout_set_width (l, (int) (width * PANGO_SCALE));
    pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment (l, align);
  pdf_set_text (l, text);
  return l;
}

/* Adds ATTR over bytes [START, END) of L's text. */
static void
pdf_attr (PangoLayout *l, PangoAttribute *attr, guint start, guint end)
{
  PangoAttrList *al = pango_attr_list_copy (pango_layout_get_attributes (l));
  if (NULL == al)
    al = pango_attr_list_new ();
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (al, attr);
  pango_layout_set_attributes (l, al);
  pango_attr_list_unref (al);
}

static double
pdf_h (PangoLayout *l)
{
  int w, h;
  pango_layout_get_size (l, &w, &h);
  return pdf_u (h);
}

/* Natural width of L's text (its longest line). */
static double
pdf_w (PangoLayout *l)
{
  PangoRectangle r;
  pango_layout_get_extents (l, NULL, &r);
  return pdf_u (r.width);
}

static void
pdf_rgb (struct pdf *p, unsigned int rgb)
{
  if (p->cr)
    cairo_set_source_rgb (p->cr, ((rgb >> 16) & 255) / 255.0,
                          ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

static void
pdf_show (struct pdf *p, PangoLayout *l, double x, double y)
{
  if (NULL == p->cr)
    return;
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, l);
}

/* L at (X, Y) over a white halo (its outline stroked wide), so that a
   chart label stays legible where it crosses a line or a bar; the text
   itself stays real text. */
static void
pdf_show_halo (struct pdf *p, PangoLayout *l, double x, double y,
               unsigned int rgb)
{
  if (NULL == p->cr)
    return;
  cairo_save (p->cr);
  cairo_move_to (p->cr, x, y);
  pango_cairo_layout_path (p->cr, l);
  cairo_set_source_rgb (p->cr, 1, 1, 1);
  cairo_set_line_width (p->cr, 2.2);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  pdf_rgb (p, rgb);
  pdf_show (p, l, x, y);
}

static void
pdf_hline (struct pdf *p, double xa, double xb, double y, double width,
           unsigned int rgb)
{
  if (NULL == p->cr)
    return;
  pdf_rgb (p, rgb);
  cairo_set_line_width (p->cr, width);
  cairo_move_to (p->cr, xa, y);
  cairo_line_to (p->cr, xb, y);
  cairo_stroke (p->cr);
}

static void
pdf_frame (struct pdf *p, double x, double y, double w, double h,
           double width, unsigned int rgb)
{
  if (NULL == p->cr)
    return;
  pdf_rgb (p, rgb);
  cairo_set_line_width (p->cr, width);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_stroke (p->cr);
}

static void
pdf_fill (struct pdf *p, double x, double y, double w, double h,
          unsigned int rgb)
{
  if (NULL == p->cr)
    return;
  pdf_rgb (p, rgb);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_fill (p->cr);
}

/* V in Indonesian format with DEC decimals ("1.234", "81,25"), rounded
   half away from zero like every other format (rd_fmt_number, shared with
   the SVG charts and the CSV writer), then " UNIT" when UNIT is set. */
static void
pdf_num (char *out, size_t n, double v, int dec, const char *unit)
{
  char num[40];                 /* at most 21 integer digits with dots,
                                   the comma and 15 decimals */
  if (! rd_fmt_number (num, sizeof num, v, dec < 0 ? 0 : dec, ".", ','))
  {
    snprintf (out, n, "–");
    return;
  }
  if (unit && *unit)
    snprintf (out, n, "%s %s", num, unit);
  else
    snprintf (out, n, "%s", num);
}

/* ---- pages ---- */

static void
pdf_geometry (struct pdf *p, bool land)
{
  p->land = land;
  p->pw = land ? PDF_A4_H : PDF_A4_W;
  p->ph = land ? PDF_A4_W : PDF_A4_H;
  p->x0 = PDF_MARGIN;
  p->x1 = p->pw - PDF_MARGIN;
  p->ytop = PDF_MARGIN;
  p->ybot = p->ph - PDF_MARGIN;
}

/* The top margin: the banner centred (dark red, framed) and, on a draft,
   a "DRAF" stamp at the right.  The stamp is also what text extraction
   finds: readers split the diagonal watermark into pieces. */
static void
pdf_top (struct pdf *p)
{
  double w = p->x1 - p->x0, y = 22, side = 12;
  if (p->d->draft)
  {
    PangoLayout *l = pdf_layout (p, "DRAF", 10, PS_BOLD, -1,
                                 PANGO_ALIGN_LEFT);
    double sw = pdf_w (l);
    pdf_rgb (p, 0x777777);
    pdf_show (p, l, p->x1 - sw - 6, y - 1);
    pdf_frame (p, p->x1 - sw - 12, y - 3, sw + 12, pdf_h (l) + 4, 0.8,
               0x777777);
    side = sw + 24;
    g_object_unref (l);
  }
  if (NULL == p->d->banner || ! *p->d->banner)
    return;
  PangoLayout *l = pdf_layout (p, p->d->banner, 9, PS_BOLD, w - 2 * side,
                               PANGO_ALIGN_CENTER);
  PangoRectangle r;
  pango_layout_get_extents (l, NULL, &r);
  pdf_rgb (p, PDF_RED);
  pdf_show (p, l, p->x0 + side, y);
  pdf_frame (p, p->x0 + side + pdf_u (r.x) - 8, y - 3, pdf_u (r.width) + 16,
             pdf_u (r.height) + 6, 0.8, PDF_RED);
  g_object_unref (l);
}

/* A big diagonal "DRAF", drawn over the page in translucent grey so that
   shaded areas do not hide it and the text under it stays readable. */
static void
pdf_watermark (struct pdf *p)
{
  PangoLayout *l = pdf_layout (p, "DRAF", 150, PS_BOLD, -1,
                               PANGO_ALIGN_LEFT);
  PangoRectangle r;
  pango_layout_get_extents (l, NULL, &r);
  cairo_save (p->cr);
  cairo_translate (p->cr, p->pw / 2, p->ph / 2);
  cairo_rotate (p->cr, -atan2 (p->ph, p->pw));
  cairo_set_source_rgba (p->cr, 0.5, 0.5, 0.5, 0.22);
  cairo_move_to (p->cr, -pdf_u (r.x + r.width / 2),
                 -pdf_u (r.y + r.height / 2));
  pango_cairo_show_layout (p->cr, l);
  cairo_restore (p->cr);
  g_object_unref (l);
}

static void
pdf_footer (struct pdf *p)
{
  char right[64];
  snprintf (right, sizeof right, "Halaman %d dari %d", p->page, p->n_pages);
  PangoLayout *r = pdf_layout (p, right, PDF_FOOT, PS_REG, -1,
                               PANGO_ALIGN_LEFT);
  double rw = pdf_w (r);
  double fy = p->ph - 40;
  pdf_hline (p, p->x0, p->x1, fy - 4, 0.4, 0x999999);
  pdf_rgb (p, PDF_GREY);
  pdf_show (p, r, p->x1 - rw, fy);
  if (p->d->footer_left && *p->d->footer_left)
  {
    PangoLayout *l = pdf_layout (p, p->d->footer_left, PDF_FOOT, PS_REG,
                                 p->x1 - p->x0 - rw - 18, PANGO_ALIGN_LEFT);
    pdf_show (p, l, p->x0, fy);
    g_object_unref (l);
  }
  g_object_unref (r);
}

/* Begins a page if none is open: size, banner and stamp, cursor at the
   top. */
static void
pdf_begin (struct pdf *p)
{
  if (p->open)
    return;
  p->open = true;
  p->page++;
  p->y = p->ytop;
  if (NULL == p->cr)
    return;
  cairo_pdf_surface_set_size (p->surf, p->pw, p->ph);
  pdf_top (p);
}

/* Finishes the open page: watermark, footer, out. */
static void
pdf_end_page (struct pdf *p)
{
  if (! p->open)
    return;
  if (p->cr)
  {
    if (p->d->draft)
      pdf_watermark (p);
    pdf_footer (p);
    cairo_show_page (p->cr);
  }
  p->open = false;
}

/* A new page in the same orientation. */
static void
pdf_break (struct pdf *p)
{
  pdf_end_page (p);
  pdf_begin (p);
}

static bool
pdf_page_empty (const struct pdf *p)
{
  return p->y <= p->ytop + 0.5;
}

/* The next content wants LAND (or the document is landscape): when the
   open page has the other orientation, it ends.  Then a page is open. */
static void
pdf_orient (struct pdf *p, bool land)
{
  land = land || p->d->landscape;
  if (p->open && land != p->land)
    pdf_end_page (p);
  if (! p->open)
    pdf_geometry (p, land);
  pdf_begin (p);
}

static PangoLayout *
pdf_heading_layout (struct pdf *p, const struct rd_block *b)
{
  return pdf_layout (p, b->text, b->level <= 1 ? 11 : PDF_BODY, PS_BOLD,
                     p->x1 - p->x0, PANGO_ALIGN_LEFT);
}

static double
pdf_heading_gap (const struct rd_block *b)
{
  return b->level <= 1 ? 14 : 9;
}

#define PDF_HEADING_AFTER 5.0

/* Height of the waiting headings with their spacing. */
static double
pdf_pend_h (struct pdf *p)
{
  double h = 0;
  for (size_t i = 0; i < p->n_pend; i++)
  {
    PangoLayout *l = pdf_heading_layout (p, p->pend[i]);
    h += pdf_heading_gap (p->pend[i]) + pdf_h (l) + PDF_HEADING_AFTER;
    g_object_unref (l);
  }
  return h;
}

/* Draws the waiting headings at the cursor (with outline entries). */
static void
pdf_pend_flush (struct pdf *p)
{
  for (size_t i = 0; i < p->n_pend; i++)
  {
    const struct rd_block *b = p->pend[i];
    bool top = b->level <= 1;
    if (! pdf_page_empty (p))
      p->y += pdf_heading_gap (b);
    PangoLayout *l = pdf_heading_layout (p, b);
    if (p->cr && b->text && *b->text && g_utf8_validate (b->text, -1, NULL))
    {
      char dest[64];
      snprintf (dest, sizeof dest, "page=%d pos=[%d %d]", p->page,
                (int) p->x0, (int) p->y);
      int id = cairo_pdf_surface_add_outline (p->surf, top
                                              ? CAIRO_PDF_OUTLINE_ROOT
                                              : p->outline_l1, b->text,
                                              dest, 0);
      if (top)
        p->outline_l1 = id;
    }
    pdf_rgb (p, PDF_INK);
    pdf_show (p, l, p->x0, p->y);
    p->y += pdf_h (l) + PDF_HEADING_AFTER;
    g_object_unref (l);
  }
  p->n_pend = 0;
}

/* Breaks the page unless H more points (and the waiting headings) fit
   under the cursor, or the page is still empty: then nothing would fit
   better on the next one.  Then draws the waiting headings. */
static void
pdf_need (struct pdf *p, double h)
{
  pdf_begin (p);
  double ph = p->n_pend ? pdf_pend_h (p) : 0;
  if (p->y + ph + h > p->ybot && ! pdf_page_empty (p))
    pdf_break (p);
  if (p->n_pend)
    pdf_pend_flush (p);
}

/* Vertical space before a block, dropped at the top of a page and after
   a heading (which brings its own). */
static void
pdf_gap (struct pdf *p, double g)
{
  if (! pdf_page_empty (p) && 0 == p->n_pend)
    p->y += g;
}

/* Draws L's lines at X from the cursor down, breaking the page between
   lines where needed; MARK (a one-line layout, or NULL) is drawn at
   MARK_X on the first line's baseline.  JUSTIFY: lines that fill at least
   4/5 of the width are stretched to it (L itself is laid out ragged), so a
   line before a very long word is never stretched into wide gaps.  Leaves
   the cursor under L. */
static void
pdf_flow (struct pdf *p, PangoLayout *l, double x, PangoLayout *mark,
          double mark_x, bool justify)
{
  PangoLayoutIter *it = pango_layout_get_iter (l);
  double origin = p->y;         /* page y of the layout's top */
  double bottom = 0;
  double width = pdf_u (pango_layout_get_width (l));
  const char *text = pango_layout_get_text (l);
  int i = 0;
  do
  {
    PangoRectangle r;
    pango_layout_iter_get_line_extents (it, NULL, &r);
    double top = pdf_u (r.y), h = pdf_u (r.height);
    if (origin + top + h > p->ybot && origin + top > p->ytop + 0.5)
    {
      pdf_break (p);
      origin = p->ytop - top;
    }
    double base = origin + pdf_u (pango_layout_iter_get_baseline (it));
    if (p->cr)
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (it);
      PangoLayoutLine *nx = pango_layout_get_line_readonly (l, i + 1);
      PangoLayout *j = NULL;
      if (justify && width > 0 && nx && ! nx->is_paragraph_start
          && pdf_u (r.width) >= 0.8 * width)
      {
        j = pango_layout_copy (l);
        pango_layout_set_text (j, text + line->start_index, line->length);
        pango_layout_set_justify (j, TRUE);
        pango_layout_set_justify_last_line (j, TRUE);
        line = pango_layout_get_line_readonly (j, 0);
      }
      cairo_move_to (p->cr, x + (j ? 0 : pdf_u (r.x)), base);
      pango_cairo_show_layout_line (p->cr, line);
      if (j)
        g_object_unref (j);
      if (0 == i && mark)
      {
        cairo_move_to (p->cr, mark_x, base);
        pango_cairo_show_layout_line (p->cr,
                                      pango_layout_get_line_readonly (mark,
                                                                      0));
      }
    }
    i++;
    bottom = top + h;
  }
  while (pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
  p->y = origin + bottom;
}

/* Height of L's first N lines (all when it has fewer). */
static double
pdf_lines_h (PangoLayout *l, int n)
{
  int count = pango_layout_get_line_count (l);
  if (n >= count)
    return pdf_h (l);
  PangoLayoutIter *it = pango_layout_get_iter (l);
  for (int i = 1; i < n; i++)
    pango_layout_iter_next_line (it);
  PangoRectangle r;
  pango_layout_iter_get_line_extents (it, NULL, &r);
  pango_layout_iter_free (it);
  return pdf_u (r.y + r.height);
}

/* A caption "NUMBER. TITLE TAIL" with "NUMBER." bold and TAIL italic. */
static PangoLayout *
pdf_caption (struct pdf *p, const char *number, const char *title,
             const char *tail, double size, double width,
             PangoAlignment align)
{
  GString *s = g_string_new (NULL);
  size_t nb = 0;
  if (number && *number)
  {
    g_string_append (s, number);
    if (title && *title)
      g_string_append (s, ".");
    nb = s->len;
    if (title && *title)
      g_string_append (s, " ");
  }
  if (title)
    g_string_append (s, title);
  size_t tail_at = s->len;
  if (tail)
    g_string_append (s, tail);
  PangoLayout *l = pdf_layout (p, s->str, size, PS_REG, width, align);
  if (nb > 0)
    pdf_attr (l, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, (guint) nb);
  if (tail)
    pdf_attr (l, pango_attr_style_new (PANGO_STYLE_ITALIC), (guint) tail_at,
              (guint) s->len);
  g_string_free (s, TRUE);
  return l;
}

/* ---- first page: kop surat, title, number, evidence ---- */

struct pdf_png {
  const unsigned char *p;
  size_t len, off;
};

static cairo_status_t
pdf_png_read (void *cls, unsigned char *data, unsigned int len)
{
  struct pdf_png *s = cls;
  if (s->len - s->off < len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, s->p + s->off, len);
  s->off += len;
  return CAIRO_STATUS_SUCCESS;
}

static void
pdf_front (struct pdf *p)
{
  const struct rd_doc *d = p->d;
  pdf_orient (p, false);
  double w = p->x1 - p->x0;

  /* Kop surat: the logo left, the lines centred on the page. */
  cairo_surface_t *logo = NULL;
  double lw = 0, lh = 0;
  if (d->logo_png && d->logo_len > 0)
  {
    struct pdf_png src = { d->logo_png, d->logo_len, 0 };
    logo = cairo_image_surface_create_from_png_stream (pdf_png_read, &src);
    int iw = cairo_image_surface_get_width (logo);
    int ih = cairo_image_surface_get_height (logo);
    if (CAIRO_STATUS_SUCCESS != cairo_surface_status (logo) || iw <= 0
        || ih <= 0)
    {
      cairo_surface_destroy (logo);
      logo = NULL;
    }
    else
    {
      lh = 64;
      lw = lh * iw / ih;
      if (lw > 90)
      {
        lw = 90;
        lh = lw * ih / iw;
      }
    }
  }
  if (d->n_kop > 0 || logo)
  {
    double reserve = logo ? lw + 10 : 0;
    double tw = w - 2 * reserve;
    PangoLayout **kl = g_new0 (PangoLayout *, d->n_kop + 1);
    double th = 0;
    for (size_t i = 0; i < d->n_kop; i++)
    {
      double size = 0 == i ? 12 : 1 == i ? 14 : PDF_SMALL;
      kl[i] = pdf_layout (p, d->kop[i], size, i < 2 ? PS_BOLD : PS_REG, tw,
                          PANGO_ALIGN_CENTER);
      th += pdf_h (kl[i]);
    }
    double bh = th > lh ? th : lh;
    double ty = p->y + (bh - th) / 2;
    pdf_rgb (p, PDF_INK);
    for (size_t i = 0; i < d->n_kop; i++)
    {
      pdf_show (p, kl[i], p->x0 + reserve, ty);
      ty += pdf_h (kl[i]);
      g_object_unref (kl[i]);
    }
    g_free (kl);
    if (logo && p->cr)
    {
      cairo_save (p->cr);
      cairo_translate (p->cr, p->x0, p->y + (bh - lh) / 2);
      cairo_scale (p->cr, lw / cairo_image_surface_get_width (logo),
                   lh / cairo_image_surface_get_height (logo));
      cairo_set_source_surface (p->cr, logo, 0, 0);
      cairo_paint (p->cr);
      cairo_restore (p->cr);
    }
    p->y += bh + 5;
    pdf_hline (p, p->x0, p->x1, p->y, 2.2, PDF_INK);
    pdf_hline (p, p->x0, p->x1, p->y + 3.4, 0.7, PDF_INK);
    p->y += 4;
  }
  if (logo)
    cairo_surface_destroy (logo);

  /* Title lines, number. */
  p->y += 16;
  pdf_rgb (p, PDF_INK);
  for (size_t i = 0; i < d->n_title; i++)
  {
    PangoLayout *l = pdf_layout (p, d->title[i], 0 == i ? 12 : 11, PS_BOLD,
                                 w, PANGO_ALIGN_CENTER);
    pdf_show (p, l, p->x0, p->y);
    p->y += pdf_h (l) + 1;
    g_object_unref (l);
  }
  if (d->number && *d->number)
  {
    PangoLayout *l = pdf_layout (p, d->number, PDF_BODY, PS_REG, w,
                                 PANGO_ALIGN_CENTER);
    p->y += 3;
    pdf_show (p, l, p->x0, p->y);
    p->y += pdf_h (l);
    g_object_unref (l);
  }

  /* Evidence lines in a light framed box. */
  if (d->n_evidence > 0)
  {
    double pad = 5;
    PangoLayout **el = g_new0 (PangoLayout *, d->n_evidence);
    double bh = pad;
    for (size_t i = 0; i < d->n_evidence; i++)
    {
      el[i] = pdf_layout (p, d->evidence[i], PDF_SMALL, PS_REG,
                          w - 2 * pad - 2, PANGO_ALIGN_LEFT);
      bh += pdf_h (el[i]) + (i > 0 ? 2 : 0);
    }
    bh += pad;
    p->y += 10;
    pdf_need (p, bh);
    pdf_fill (p, p->x0, p->y, w, bh, 0xf3f5f8);
    pdf_frame (p, p->x0, p->y, w, bh, 0.6, 0xa9b3c1);
    double ey = p->y + pad;
    pdf_rgb (p, 0x222222);
    for (size_t i = 0; i < d->n_evidence; i++)
    {
      if (i > 0)
        ey += 2;
      pdf_show (p, el[i], p->x0 + pad + 1, ey);
      ey += pdf_h (el[i]);
      g_object_unref (el[i]);
    }
    g_free (el);
    p->y += bh;
  }
  p->y += 8;
}

/* ---- text blocks ---- */

/* A heading waits for the block after it (pdf_need draws it). */
static void
pdf_heading (struct pdf *p, const struct rd_block *b)
{
  if (p->n_pend == sizeof p->pend / sizeof p->pend[0])
    pdf_need (p, 0);
  p->pend[p->n_pend++] = b;
}

static void
pdf_para (struct pdf *p, const struct rd_block *b)
{
  pdf_orient (p, false);
  pdf_gap (p, 6);
  PangoLayout *l = pdf_layout (p, b->text, PDF_BODY,
                               b->empty_slot ? PS_ITALIC : PS_REG,
                               p->x1 - p->x0, PANGO_ALIGN_LEFT);
  pdf_need (p, pdf_lines_h (l, 2));
  pdf_rgb (p, b->empty_slot ? 0x777777 : PDF_INK);
  pdf_flow (p, l, p->x0, NULL, 0, ! b->empty_slot);
  g_object_unref (l);
}

static void
pdf_list (struct pdf *p, const struct rd_block *b)
{
  pdf_orient (p, false);
  pdf_gap (p, 4);
  double indent = 16;
  if (b->numbered)
  {
    char widest[32];
    snprintf (widest, sizeof widest, "%zu.", b->n_items > 9 ? b->n_items
              : (size_t) 9);
    PangoLayout *m = pdf_layout (p, widest, PDF_BODY, PS_REG, -1,
                                 PANGO_ALIGN_LEFT);
    indent = pdf_w (m) + 8;
    g_object_unref (m);
  }
  double x = p->x0 + indent;
  for (size_t i = 0; i < b->n_items; i++)
  {
    char mark[32];
    if (b->numbered)
      snprintf (mark, sizeof mark, "%zu.", i + 1);
    else
      snprintf (mark, sizeof mark, "•");
    PangoLayout *m = pdf_layout (p, mark, PDF_BODY, PS_REG, -1,
                                 PANGO_ALIGN_LEFT);
    PangoLayout *l = pdf_layout (p, b->items[i], PDF_BODY, PS_REG,
                                 p->x1 - x, PANGO_ALIGN_LEFT);
    if (i > 0)
      p->y += 2;
    pdf_need (p, pdf_lines_h (l, 2));
    pdf_rgb (p, PDF_INK);
    pdf_flow (p, l, x, m, x - 5 - pdf_w (m), false);
    g_object_unref (l);
    g_object_unref (m);
  }
}

/* Label : value pairs in two columns. */
static void
pdf_kv (struct pdf *p, const struct rd_block *b)
{
  pdf_orient (p, false);
  pdf_gap (p, 6);
  double w = p->x1 - p->x0;
  size_t n = b->n_items / 2;
  double lw = 0;
  for (size_t i = 0; i < n; i++)
  {
    PangoLayout *l = pdf_layout (p, b->items[2 * i], PDF_BODY, PS_REG, -1,
                                 PANGO_ALIGN_LEFT);
    double lwi = pdf_w (l);
    if (lwi > lw)
      lw = lwi;
    g_object_unref (l);
  }
  if (lw > 0.38 * w)
    lw = 0.38 * w;
  lw = ceil (lw) + 1;
  double colon = p->x0 + lw + 6, vx = p->x0 + lw + 16;
  for (size_t i = 0; i < n; i++)
  {
    PangoLayout *l = pdf_layout (p, b->items[2 * i], PDF_BODY, PS_REG, lw,
                                 PANGO_ALIGN_LEFT);
    PangoLayout *v = pdf_layout (p, b->items[2 * i + 1], PDF_BODY, PS_REG,
                                 p->x1 - vx, PANGO_ALIGN_LEFT);
    PangoLayout *c = pdf_layout (p, ":", PDF_BODY, PS_REG, -1,
                                 PANGO_ALIGN_LEFT);
    double lh = pdf_h (l), vh = pdf_h (v);
    double h = lh > vh ? lh : vh;
    if (i > 0)
      p->y += 1;
    pdf_need (p, h);
    pdf_rgb (p, PDF_INK);
    pdf_show (p, l, p->x0, p->y);
    pdf_show (p, c, colon, p->y);
    pdf_show (p, v, vx, p->y);
    p->y += h;
    g_object_unref (l);
    g_object_unref (v);
    g_object_unref (c);
  }
}

/* A QR code of TEXT with its caption beside it: 2 pt modules with a
   quiet zone of RD_QR_QUIET, dark runs of a row merged into one rectangle
   and drawn without antialiasing, so no hairline seams. */
static void
pdf_qr (struct pdf *p, const struct rd_block *b)
{
  int n;
  unsigned char *m;
  if (! rd_qr (b->text, &n, &m))
    return;
  pdf_orient (p, false);
  pdf_gap (p, 8);
  const double mod = 2.0;
  double size = (n + 2 * RD_QR_QUIET) * mod;
  PangoLayout *cap = b->n_items && b->items[0]
                     ? pdf_layout (p, b->items[0], 9, PS_REG,
                                   p->x1 - p->x0 - size - 12,
                                   PANGO_ALIGN_LEFT) : NULL;
  double ch = cap ? pdf_h (cap) : 0;
  pdf_need (p, size > ch ? size : ch);
  double x = p->x0, y = p->y;
  if (p->cr)
  {
    cairo_save (p->cr);
    cairo_set_antialias (p->cr, CAIRO_ANTIALIAS_NONE);
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
        pdf_fill (p, x + (RD_QR_QUIET + c) * mod,
                  y + (RD_QR_QUIET + r) * mod, (e - c) * mod, mod, PDF_INK);
        c = e;
      }
    cairo_restore (p->cr);
  }
  if (cap)
  {
    pdf_rgb (p, PDF_INK);
    pdf_show (p, cap, x + size + 12, y + RD_QR_QUIET * mod);
    g_object_unref (cap);
  }
  p->y += size > ch ? size : ch;
  free (m);
}

/* A framed box: TEXT as a shaded title, then label / value rows. */
static void
pdf_box (struct pdf *p, const struct rd_block *b)
{
  pdf_orient (p, false);
  pdf_gap (p, 8);
  double w = p->x1 - p->x0, pad = 6, size = 9.5;
  double vw = 0.24 * (w - 2 * pad), lw = w - 2 * pad - vw - 8;
  size_t n = b->n_items / 2;
  PangoLayout *t = pdf_layout (p, b->text, size, PS_BOLD, w - 2 * pad,
                               PANGO_ALIGN_LEFT);
  PangoLayout **ls = g_new0 (PangoLayout *, 2 * n + 1);
  double th = pdf_h (t) + 2 * pad, total = th + pad;
  for (size_t i = 0; i < n; i++)
  {
    ls[2 * i] = pdf_layout (p, b->items[2 * i], size, PS_REG, lw,
                            PANGO_ALIGN_LEFT);
    ls[2 * i + 1] = pdf_layout (p, b->items[2 * i + 1], size, PS_BOLD, vw,
                                PANGO_ALIGN_RIGHT);
    double h0 = pdf_h (ls[2 * i]), h1 = pdf_h (ls[2 * i + 1]);
    total += (h0 > h1 ? h0 : h1) + 3;
  }
  total += pad;
  /* Together on one page when it fits on one. */
  if (total <= p->ybot - p->ytop)
    pdf_need (p, total);
  else
    pdf_need (p, th + 40);
  double seg = p->y;
  pdf_fill (p, p->x0, p->y, w, th, PDF_HEAD_FILL);
  pdf_hline (p, p->x0, p->x1, p->y + th, 0.6, PDF_RULE);
  pdf_rgb (p, PDF_INK);
  pdf_show (p, t, p->x0 + pad, p->y + pad);
  p->y += th + pad;
  for (size_t i = 0; i < n; i++)
  {
    double h0 = pdf_h (ls[2 * i]), h1 = pdf_h (ls[2 * i + 1]);
    double h = h0 > h1 ? h0 : h1;
    if (p->y + h + pad > p->ybot)
    {
      /* Only a box taller than a page gets here: close this part. */
      pdf_frame (p, p->x0, seg, w, p->y + pad - seg, 0.9, PDF_RULE);
      pdf_break (p);
      seg = p->y;
      p->y += pad;
    }
    pdf_rgb (p, PDF_INK);
    pdf_show (p, ls[2 * i], p->x0 + pad, p->y);
    pdf_show (p, ls[2 * i + 1], p->x1 - pad - vw, p->y);
    p->y += h + 3;
  }
  p->y += pad;
  pdf_frame (p, p->x0, seg, w, p->y - seg, 0.9, PDF_RULE);
  for (size_t i = 0; i < 2 * n; i++)
    g_object_unref (ls[i]);
  g_free (ls);
  g_object_unref (t);
}

/* ---- tables ---- */

static double
pdf_adv (struct pdf *p, gunichar cp, int bold)
{
  float *slot = NULL;
  if (cp < PDF_ADV_N)
  {
    if (p->adv[bold][cp] >= 0)
      return p->adv[bold][cp];
    slot = &p->adv[bold][cp];
  }
  else
  {
    struct pdf_adv_slot *s = &p->adv_hi[bold][cp % 64];
    if (s->cp == cp && s->w >= 0)
      return s->w;
    s->cp = cp;
    slot = &s->w;
  }
  char u[8];
  int n = g_unichar_to_utf8 (cp, u);
  u[n] = '\0';
  PangoLayout *l = pdf_layout (p, u, PDF_TABLE, bold ? PS_BOLD : PS_REG, -1,
                               PANGO_ALIGN_LEFT);
  *slot = (float) pdf_w (l);
  g_object_unref (l);
  return *slot;
}

/* Width of S's longest unbreakable run in the table font (a slight
   overestimate: kerning is ignored).  Breaks are taken at spaces and
   after a hyphen or dash that is not followed by a digit, as Pango
   does. */
static double
pdf_word_max (struct pdf *p, const char *s, int bold)
{
  double best = 0, cur = 0;
  if (NULL == s)
    return 0;
  for (const char *q = s; *q;)
  {
    gunichar cp = g_utf8_get_char_validated (q, -1);
    if (cp >= (gunichar) -2)
    {
      q++;
      continue;
    }
    const char *nx = g_utf8_next_char (q);
    if (g_unichar_isspace (cp))
      cur = 0;
    else
    {
      cur += pdf_adv (p, cp, bold);
      if (cur > best)
        best = cur;
      if ((cp == '-' || cp == 0x2013 || cp == 0x2014) && *nx
          && ! g_ascii_isdigit (*nx))
        cur = 0;
    }
    q = nx;
  }
  return best;
}

/* Width of S on one line (its longest line when it holds newlines) in
   the table font; an overestimate like pdf_word_max. */
static double
pdf_text_w (struct pdf *p, const char *s, int bold)
{
  double best = 0, cur = 0;
  if (NULL == s)
    return 0;
  for (const char *q = s; *q;)
  {
    gunichar cp = g_utf8_get_char_validated (q, -1);
    if (cp >= (gunichar) -2)
    {
      q++;
      continue;
    }
    if ('\n' == cp)
      cur = 0;
    else
    {
      cur += pdf_adv (p, cp, bold);
      if (cur > best)
        best = cur;
    }
    q = g_utf8_next_char (q);
  }
  return best;
}

struct pdf_tab {
  const struct rd_table *t;
  size_t nc, nd, show, ntot;    /* columns; data rows, printed, totals */
  bool label_bold;              /* first column bold (keterangan) */
  double x, w;
  double *cw;                   /* column widths */
  PangoLayout **head;           /* header cells, or NULL */
  double head_h;
  PangoLayout *cap2;            /* "(lanjutan)" caption, or NULL */
  bool top_edge;                /* the next row draws its top border */
};

static PangoAlignment
pdf_align (const struct rd_table *t, size_t c)
{
  if (NULL == t->align)
    return PANGO_ALIGN_LEFT;
  switch (t->align[c])
  {
  case RD_RIGHT:
    return PANGO_ALIGN_RIGHT;
  case RD_CENTER:
    return PANGO_ALIGN_CENTER;
  default:
    return PANGO_ALIGN_LEFT;
  }
}

/* Printed row I (0-based among the printed ones) -> table row. */
static size_t
pdf_tab_row (const struct pdf_tab *tb, size_t i)
{
  return i < tb->show ? i : tb->nd + (i - tb->show);
}

/* Column widths: proportional to the table's WIDTHS, then adjusted in
   two steps when the table has room for it.  A column whose longest word
   would not fit is widened, taking the room from the others in
   proportion, so that words are not broken inside.  Then columns wider
   than their widest cell give their spare width to columns whose cells
   wrap, the column closest to fitting on one line first (shorter rows).
   The table keeps its full width. */
static void
pdf_tab_widths (struct pdf *p, struct pdf_tab *tb)
{
  const struct rd_table *t = tb->t;
  size_t nc = tb->nc;
  double *r = g_new (double, nc), *m = g_new0 (double, nc);
  double *nat = g_new0 (double, nc);
  bool *fixed = g_new0 (bool, nc);
  double rs = 0;
  for (size_t c = 0; c < nc; c++)
  {
    r[c] = t->widths ? t->widths[c] : 1;
    if (! (r[c] > 0) || ! isfinite (r[c]))
      r[c] = 1;
    rs += r[c];
  }
  for (size_t c = 0; c < nc; c++)
  {
    if (t->headers)
      m[c] = pdf_word_max (p, t->headers[c], 1);
    for (size_t i = 0; i < tb->show + tb->ntot; i++)
    {
      size_t row = pdf_tab_row (tb, i);
      const struct rd_cell *cell = rd_table_cell (t, row, c);
      int bold = cell->bold || row >= tb->nd || (tb->label_bold && 0 == c);
      double wm = pdf_word_max (p, cell->text, bold);
      double wn = pdf_text_w (p, cell->text, bold);
      if (wm > m[c])
        m[c] = wm;
      if (wn > nat[c])
        nat[c] = wn;
    }
    m[c] += 2 * PDF_PADX + 1;
    nat[c] += 2 * PDF_PADX + 1;
    if (nc > 1 && m[c] > 0.45 * tb->w)
      m[c] = 0.45 * tb->w;
    if (nat[c] < m[c])
      nat[c] = m[c];
  }

  /* Step 1: room for the longest words. */
  bool ok = false;
  for (size_t iter = 0; iter <= nc; iter++)
  {
    double rest = tb->w, rr = 0;
    for (size_t c = 0; c < nc; c++)
      if (fixed[c])
        rest -= m[c];
      else
        rr += r[c];
    if (rest <= 0 || rr <= 0)
      break;
    bool changed = false;
    for (size_t c = 0; c < nc; c++)
    {
      if (fixed[c])
      {
        tb->cw[c] = m[c];
        continue;
      }
      tb->cw[c] = rest * r[c] / rr;
      if (tb->cw[c] < m[c])
      {
        fixed[c] = true;
        changed = true;
      }
    }
    if (! changed)
    {
      ok = true;
      break;
    }
  }
  if (! ok)
    for (size_t c = 0; c < nc; c++)
      tb->cw[c] = tb->w * r[c] / rs;

  /* Step 2: spare width to wrapping columns, smallest shortfall first. */
  double spare = 0;
  for (size_t c = 0; c < nc; c++)
    if (tb->cw[c] > nat[c] && tb->cw[c] >= m[c])
      spare += tb->cw[c] - nat[c];
  double given = 0;
  while (spare - given > 0.5)
  {
    size_t best = nc;
    for (size_t c = 0; c < nc; c++)
      if (nat[c] > tb->cw[c] + 0.01
          && (best == nc || nat[c] - tb->cw[c] < nat[best] - tb->cw[best]))
        best = c;
    if (best == nc)
      break;
    double add = nat[best] - tb->cw[best];
    if (add > spare - given)
      add = spare - given;
    tb->cw[best] += add;
    given += add;
    if (nat[best] > tb->cw[best] + 0.01)
      break;                    /* the spare width is used up */
  }
  if (given > 0)
  {
    /* Take GIVEN from the columns with spare width, in proportion. */
    double f = given / spare;
    for (size_t c = 0; c < nc; c++)
      if (tb->cw[c] > nat[c] && tb->cw[c] >= m[c]
          && ! (nat[c] > tb->cw[c] + 0.01))
        tb->cw[c] -= (tb->cw[c] - nat[c]) * f;
  }
  g_free (r);
  g_free (m);
  g_free (nat);
  g_free (fixed);
}

static guint
pdf_lkey_hash (gconstpointer k)
{
  const struct pdf_lkey *a = k;
  return g_str_hash (a->text) ^ ((guint) a->width * 2654435761u)
    ^ ((guint) a->style << 28) ^ ((guint) a->align << 24);
}

static gboolean
pdf_lkey_eq (gconstpointer ka, gconstpointer kb)
{
  const struct pdf_lkey *a = ka, *b = kb;
  return a->style == b->style && a->width == b->width
    && a->align == b->align && 0 == strcmp (a->text, b->text);
}

/* A table cell's layout (a new reference), from the cache when the same
   text was laid out the same way before. */
static PangoLayout *
pdf_cell_layout (struct pdf *p, const char *text, int style, double width,
                 PangoAlignment align)
{
  struct pdf_lkey k = { text ? text : "", style,
                        (int) lround (width * 64), (int) align };
  PangoLayout *l = g_hash_table_lookup (p->cells, &k);
  if (l)
    return g_object_ref (l);
  l = pdf_layout (p, k.text, PDF_TABLE, style, width, align);
  if (g_hash_table_size (p->cells) < PDF_CELL_CACHE)
  {
    struct pdf_lkey *nk = g_new (struct pdf_lkey, 1);
    *nk = k;
    g_hash_table_insert (p->cells, nk, g_object_ref (l));
  }
  return l;
}

/* Lays out table row ROW into LS (n_cols layouts); returns its height. */
static double
pdf_tab_make (struct pdf *p, const struct pdf_tab *tb, size_t row,
              PangoLayout **ls)
{
  double h = 0;
  for (size_t c = 0; c < tb->nc; c++)
  {
    const struct rd_cell *cell = rd_table_cell (tb->t, row, c);
    bool bold = cell->bold || row >= tb->nd || (tb->label_bold && 0 == c);
    ls[c] = pdf_cell_layout (p, cell->text, bold ? PS_BOLD : PS_REG,
                             tb->cw[c] - 2 * PDF_PADX, pdf_align (tb->t, c));
    double hc = pdf_h (ls[c]);
    if (hc > h)
      h = hc;
  }
  return h + 2 * PDF_PADY;
}

static void
pdf_tab_free (const struct pdf_tab *tb, PangoLayout **ls)
{
  for (size_t c = 0; c < tb->nc; c++)
    if (ls[c])
    {
      g_object_unref (ls[c]);
      ls[c] = NULL;
    }
}

/* Borders of a row band [Y, Y+H): verticals, bottom, and the top when
   TOP; a heavier rule on top when THICK (the first totals row). */
static void
pdf_tab_rules (struct pdf *p, const struct pdf_tab *tb, double y, double h,
               bool top, bool thick)
{
  if (NULL == p->cr)
    return;
  cairo_t *cr = p->cr;
  pdf_rgb (p, PDF_RULE);
  cairo_set_line_width (cr, 0.45);
  double x = tb->x;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x, y + h);
  for (size_t c = 0; c < tb->nc; c++)
  {
    x += tb->cw[c];
    cairo_move_to (cr, x, y);
    cairo_line_to (cr, x, y + h);
  }
  cairo_move_to (cr, tb->x, y + h);
  cairo_line_to (cr, tb->x + tb->w, y + h);
  if (top && ! thick)
  {
    cairo_move_to (cr, tb->x, y);
    cairo_line_to (cr, tb->x + tb->w, y);
  }
  cairo_stroke (cr);
  if (thick)
    pdf_hline (p, tb->x, tb->x + tb->w, y, 1.1, PDF_INK);
}

static void
pdf_tab_header (struct pdf *p, struct pdf_tab *tb)
{
  if (NULL == tb->head)
  {
    tb->top_edge = true;
    return;
  }
  pdf_fill (p, tb->x, p->y, tb->w, tb->head_h, PDF_HEAD_FILL);
  pdf_rgb (p, PDF_INK);
  double x = tb->x;
  for (size_t c = 0; c < tb->nc; c++)
  {
    double hc = pdf_h (tb->head[c]);
    pdf_show (p, tb->head[c], x + PDF_PADX, p->y + (tb->head_h - hc) / 2);
    x += tb->cw[c];
  }
  pdf_tab_rules (p, tb, p->y, tb->head_h, true, false);
  p->y += tb->head_h;
  tb->top_edge = false;
}

/* Next page for a table: the "(lanjutan)" caption and the header. */
static void
pdf_tab_continue (struct pdf *p, struct pdf_tab *tb)
{
  pdf_break (p);
  if (tb->cap2)
  {
    pdf_rgb (p, PDF_INK);
    pdf_show (p, tb->cap2, tb->x, p->y);
    p->y += pdf_h (tb->cap2) + 3;
  }
  pdf_tab_header (p, tb);
}

static double
pdf_tab_head_room (const struct pdf_tab *tb)
{
  return (tb->cap2 ? pdf_h (tb->cap2) + 3 : 0) + tb->head_h;
}

static void
pdf_tab_draw_row (struct pdf *p, struct pdf_tab *tb, PangoLayout **ls,
                  double h, bool thick)
{
  if (p->cr)
  {
    pdf_rgb (p, PDF_INK);
    double x = tb->x;
    for (size_t c = 0; c < tb->nc; c++)
    {
      pdf_show (p, ls[c], x + PDF_PADX, p->y + PDF_PADY);
      x += tb->cw[c];
    }
    pdf_tab_rules (p, tb, p->y, h, tb->top_edge, thick);
  }
  tb->top_edge = false;
  p->y += h;
}

/* Lines of one layout, for a row taller than a page. */
struct pdf_lines {
  int n;
  double *top, *bot, *base, *x;
};

static void
pdf_lines_get (PangoLayout *l, struct pdf_lines *ln)
{
  ln->n = pango_layout_get_line_count (l);
  ln->top = g_new (double, 4 * (size_t) ln->n);
  ln->bot = ln->top + ln->n;
  ln->base = ln->bot + ln->n;
  ln->x = ln->base + ln->n;
  PangoLayoutIter *it = pango_layout_get_iter (l);
  int i = 0;
  do
  {
    PangoRectangle r;
    pango_layout_iter_get_line_extents (it, NULL, &r);
    ln->top[i] = pdf_u (r.y);
    ln->bot[i] = pdf_u (r.y + r.height);
    ln->base[i] = pdf_u (pango_layout_iter_get_baseline (it));
    ln->x[i] = pdf_u (r.x);
    i++;
  }
  while (i < ln->n && pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
}

/* A row taller than a page (only with very long cell texts): split
   between lines, each cell continuing where it stopped. */
static void
pdf_tab_split_row (struct pdf *p, struct pdf_tab *tb, PangoLayout **ls,
                   bool thick)
{
  size_t nc = tb->nc;
  struct pdf_lines *ln = g_new0 (struct pdf_lines, nc);
  int *next = g_new0 (int, nc), *end = g_new0 (int, nc);
  for (size_t c = 0; c < nc; c++)
    pdf_lines_get (ls[c], &ln[c]);
  for (;;)
  {
    double avail = p->ybot - p->y - 2 * PDF_PADY, used = 0;
    bool any = false, done = true;
    for (size_t c = 0; c < nc; c++)
    {
      int e = next[c];
      double t0 = e < ln[c].n ? ln[c].top[e] : 0;
      while (e < ln[c].n && ln[c].bot[e] - t0 <= avail)
        e++;
      end[c] = e;
      if (e > next[c])
      {
        any = true;
        if (ln[c].bot[e - 1] - t0 > used)
          used = ln[c].bot[e - 1] - t0;
      }
    }
    if (! any)
    {
      if (p->y <= p->ytop + pdf_tab_head_room (tb) + 0.5)
      {
        /* Not even one line fits on a fresh page: force one each. */
        for (size_t c = 0; c < nc; c++)
          if (next[c] < ln[c].n)
          {
            end[c] = next[c] + 1;
            double hl = ln[c].bot[next[c]] - ln[c].top[next[c]];
            if (hl > used)
              used = hl;
          }
      }
      else
      {
        pdf_tab_continue (p, tb);
        continue;
      }
    }
    if (p->cr)
    {
      pdf_rgb (p, PDF_INK);
      double x = tb->x;
      for (size_t c = 0; c < nc; c++)
      {
        double t0 = next[c] < ln[c].n ? ln[c].top[next[c]] : 0;
        for (int i = next[c]; i < end[c]; i++)
        {
          cairo_move_to (p->cr, x + PDF_PADX + ln[c].x[i],
                         p->y + PDF_PADY + ln[c].base[i] - t0);
          pango_cairo_show_layout_line (p->cr,
                                        pango_layout_get_line_readonly (ls[c],
                                                                        i));
        }
        x += tb->cw[c];
      }
    }
    pdf_tab_rules (p, tb, p->y, used + 2 * PDF_PADY, tb->top_edge, thick);
    tb->top_edge = false;
    thick = false;
    p->y += used + 2 * PDF_PADY;
    for (size_t c = 0; c < nc; c++)
    {
      next[c] = end[c];
      if (next[c] < ln[c].n)
        done = false;
    }
    if (done)
      break;
    pdf_tab_continue (p, tb);
  }
  for (size_t c = 0; c < nc; c++)
    g_free (ln[c].top);
  g_free (ln);
  g_free (next);
  g_free (end);
}

/* Draws table T: caption, header repeated on every page, rows never split
   (unless one is taller than a page), totals, notes.  LABEL_BOLD: first
   column bold. */
static void
pdf_table (struct pdf *p, const struct rd_table *t, bool label_bold)
{
  if (0 == t->n_cols)
    return;
  pdf_orient (p, t->landscape);
  pdf_gap (p, 10);
  struct pdf_tab tb = { .t = t, .nc = t->n_cols, .label_bold = label_bold,
                        .x = p->x0, .w = p->x1 - p->x0 };
  tb.ntot = t->n_total_rows <= t->n_rows ? t->n_total_rows : t->n_rows;
  tb.nd = t->n_rows - tb.ntot;
  tb.show = tb.nd;
  bool cut = false;
  if (t->pdf_max_rows > 0 && t->pdf_max_rows < tb.nd)
  {
    tb.show = t->pdf_max_rows;
    cut = true;
  }
  size_t n_print = tb.show + tb.ntot;
  tb.cw = g_new0 (double, tb.nc);
  pdf_tab_widths (p, &tb);

  PangoLayout *cap = NULL;
  bool has_cap = (t->number && *t->number) || (t->title && *t->title);
  if (has_cap)
  {
    cap = pdf_caption (p, t->number, t->title, NULL, 9, tb.w,
                       PANGO_ALIGN_LEFT);
    tb.cap2 = pdf_caption (p, t->number, t->title, " (lanjutan)", 9, tb.w,
                           PANGO_ALIGN_LEFT);
  }
  if (t->headers)
  {
    tb.head = g_new0 (PangoLayout *, tb.nc);
    double hh = 0;
    for (size_t c = 0; c < tb.nc; c++)
    {
      tb.head[c] = pdf_layout (p, t->headers[c], PDF_TABLE, PS_BOLD,
                               tb.cw[c] - 2 * PDF_PADX, PANGO_ALIGN_CENTER);
      if (pdf_h (tb.head[c]) > hh)
        hh = pdf_h (tb.head[c]);
    }
    tb.head_h = hh + 2 * PDF_PADY + 1;
  }
  PangoLayout *notes[2] = { NULL, NULL };
  double notes_h = 0;
  if (cut && t->pdf_more_note && *t->pdf_more_note)
    notes[0] = pdf_layout (p, t->pdf_more_note, PDF_SMALL, PS_ITALIC, tb.w,
                           PANGO_ALIGN_LEFT);
  if (t->note && *t->note)
    notes[1] = pdf_layout (p, t->note, PDF_SMALL, PS_ITALIC, tb.w,
                           PANGO_ALIGN_LEFT);
  for (int i = 0; i < 2; i++)
    if (notes[i])
      notes_h += pdf_h (notes[i]) + 2;

  /* The caption and header never stay alone at a page bottom: they go with
     the first three rows (all of a short table, with its notes). */
  PangoLayout **ls = g_new0 (PangoLayout *, tb.nc);
  double need = (cap ? pdf_h (cap) + 3 : 0) + tb.head_h;
  size_t k = n_print < 3 ? n_print : 3;
  for (size_t i = 0; i < k; i++)
  {
    need += pdf_tab_make (p, &tb, pdf_tab_row (&tb, i), ls);
    pdf_tab_free (&tb, ls);
  }
  if (n_print <= 3)
    need += notes_h + 2;
  if (need <= p->ybot - p->ytop)
    pdf_need (p, need);
  else
    pdf_need (p, (cap ? pdf_h (cap) + 3 : 0) + tb.head_h + 40);

  if (cap)
  {
    pdf_rgb (p, PDF_INK);
    pdf_show (p, cap, tb.x, p->y);
    p->y += pdf_h (cap) + 3;
  }
  pdf_tab_header (p, &tb);
  /* The totals rows never start a page alone: they keep the last data
     row with them. */
  double tot_h = 0;
  for (size_t i = tb.show; i < n_print; i++)
  {
    tot_h += pdf_tab_make (p, &tb, pdf_tab_row (&tb, i), ls);
    pdf_tab_free (&tb, ls);
  }
  for (size_t i = 0; i < n_print; i++)
  {
    size_t row = pdf_tab_row (&tb, i);
    bool thick = tb.ntot > 0 && row == tb.nd;
    double h = pdf_tab_make (p, &tb, row, ls);
    double keep = tb.ntot > 0 && tb.show > 1 && i + 1 == tb.show ? tot_h : 0;
    if (keep > 0 && p->y + h <= p->ybot && p->y + h + keep > p->ybot
        && h + keep <= p->ybot - p->ytop - pdf_tab_head_room (&tb))
      pdf_tab_continue (p, &tb);
    else if (p->y + h > p->ybot)
    {
      if (h <= p->ybot - p->ytop - pdf_tab_head_room (&tb))
        pdf_tab_continue (p, &tb);
      else
      {
        pdf_tab_split_row (p, &tb, ls, thick);
        pdf_tab_free (&tb, ls);
        continue;
      }
    }
    pdf_tab_draw_row (p, &tb, ls, h, thick);
    pdf_tab_free (&tb, ls);
  }
  p->y += 2;
  for (int i = 0; i < 2; i++)
    if (notes[i])
    {
      pdf_rgb (p, 0x333333);
      pdf_flow (p, notes[i], tb.x, NULL, 0, false);
      p->y += 2;
      g_object_unref (notes[i]);
    }
  g_free (ls);
  if (tb.head)
  {
    for (size_t c = 0; c < tb.nc; c++)
      g_object_unref (tb.head[c]);
    g_free (tb.head);
  }
  if (cap)
    g_object_unref (cap);
  if (tb.cap2)
    g_object_unref (tb.cap2);
  g_free (tb.cw);
}

/* ---- charts ---- */

struct pdf_axis {
  double lo, hi, step;
  int n;                        /* ticks at lo + i * step, i = 0..n */
  int dec;                      /* decimals of the tick labels */
};

/* The smallest of 1, 2, 2.5, 5 x 10^k that is >= X. */
static double
pdf_nice (double x)
{
  if (! (x > 0) || ! isfinite (x))
    return 1;
  double m = pow (10, floor (log10 (x)));
  double f = x / m;
  double n = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5
    : f <= 5 + 1e-9 ? 5 : 10;
  return n * m;
}

static size_t
pdf_chart_series (const struct rd_chart *g)
{
  if (NULL == g->series)
    return 0;
  return RD_CHART_BAR == g->kind && g->n_series > 1 ? 1 : g->n_series;
}

static double
pdf_val (const struct rd_chart *g, size_t s, size_t c)
{
  return g->series[s].values ? g->series[s].values[c] : NAN;
}

/* The value axis, computed exactly as the SVG back end does (chart_svg.c)
   so that the HTML and PDF charts show the same ticks: from 0 (or below
   the lowest value) to Y_MAX when no value or reference line exceeds it,
   else to a nice value above them, in about five nice steps; whole steps
   for whole data shown without decimals. */
static void
pdf_axis (const struct rd_chart *g, struct pdf_axis *a)
{
  double lo = 0, hi = 0;
  size_t ns = g->series ? g->n_series : 0;
  bool stack = RD_CHART_COLUMN == g->kind && g->stacked, whole = true;
  for (size_t c = 0; c < g->n_cats; c++)
  {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < ns; s++)
    {
      double v = pdf_val (g, s, c);
      if (! isfinite (v))
        continue;
      if (v != floor (v))
        whole = false;
      if (stack)
      {
        if (v > 0)
          pos += v;
        else
          neg += v;
      }
      else
      {
        pos = fmax (pos, v);
        neg = fmin (neg, v);
      }
    }
    hi = fmax (hi, pos);
    lo = fmin (lo, neg);
  }
  for (size_t i = 0; g->lines && i < g->n_lines; i++)
    if (isfinite (g->lines[i]))
    {
      hi = fmax (hi, g->lines[i]);
      lo = fmin (lo, g->lines[i]);
    }
  bool fixed = g->y_max > 0 && isfinite (g->y_max) && g->y_max >= hi;
  if (fixed)
    hi = g->y_max;
  double span = hi - lo;
  if (! (span > 0))
    span = hi = 1;
  double step = pdf_nice (span / 5);
  if (whole && 0 == g->decimals && step < 1)
    step = 1;
  a->step = step;
  a->hi = fixed ? hi : ceil (hi / step - 1e-9) * step;
  a->lo = lo < 0 ? -ceil (-lo / step - 1e-9) * step : 0;
  if (! (a->hi > a->lo))
    a->hi = a->lo + step;
  double n = floor ((a->hi - a->lo) / step + 1e-6);
  a->n = n > 100 ? 100 : n < 0 ? 0 : (int) n;
  a->dec = 0;
  while (a->dec < 4)
  {
    double m = step * pow (10, a->dec);
    if (fabs (m - round (m)) < 1e-6)
      break;
    a->dec++;
  }
}

/* Black or white, whichever contrasts more with RGB (WCAG luminance). */
static unsigned int
pdf_text_on (unsigned int rgb)
{
  double ch[3];
  for (int i = 0; i < 3; i++)
  {
    double v = ((rgb >> (16 - 8 * i)) & 255) / 255.0;
    ch[i] = v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
  }
  double l = 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? 0xffffff : 0x000000;
}

static void
pdf_rgb_idx (struct pdf *p, size_t i)
{
  pdf_rgb (p, rd_palette[i % RD_PALETTE_N]);
}

static PangoLayout *
pdf_chart_text (struct pdf *p, const char *s, double width,
                PangoAlignment align)
{
  return pdf_layout (p, s, PDF_CHART_TEXT, PS_REG, width, align);
}

/* Reference lines across the plot [PX0, PX1] with their labels to the
   right of it, pushed apart where they would overlap. */
static void
pdf_chart_refs (struct pdf *p, const struct rd_chart *g,
                const struct pdf_axis *a, double px0, double px1,
                double py0, double py1)
{
  cairo_t *cr = p->cr;
  size_t n = g->lines ? g->n_lines : 0;
  if (0 == n)
    return;
  double *ys = g_new (double, n);
  size_t *ord = g_new (size_t, n);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
  {
    double v = g->lines[i];
    if (! isfinite (v) || v < a->lo || v > a->hi)
      continue;
    ys[i] = py1 - (v - a->lo) / (a->hi - a->lo) * (py1 - py0);
    ord[m++] = i;
    static const double dash[] = { 4, 2.5 };
    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, 0.8);
    pdf_rgb (p, 0x444444);
    cairo_move_to (cr, px0, ys[i]);
    cairo_line_to (cr, px1, ys[i]);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  /* Labels top to bottom, each at least a line below the previous. */
  for (size_t i = 1; i < m; i++)
    for (size_t j = i; j > 0 && ys[ord[j]] < ys[ord[j - 1]]; j--)
    {
      size_t tmp = ord[j];
      ord[j] = ord[j - 1];
      ord[j - 1] = tmp;
    }
  double last = -1e9;
  for (size_t k = 0; k < m; k++)
  {
    size_t i = ord[k];
    const char *lab = g->line_labels ? g->line_labels[i] : NULL;
    char buf[64];
    if (NULL == lab)
    {
      pdf_num (buf, sizeof buf, g->lines[i], g->decimals, NULL);
      lab = buf;
    }
    PangoLayout *l = pdf_chart_text (p, lab, -1, PANGO_ALIGN_LEFT);
    double h = pdf_h (l);
    double ty = ys[i] - h / 2;
    if (ty < last)
      ty = last;
    last = ty + h;
    pdf_rgb (p, 0x333333);
    pdf_show (p, l, px1 + 4, ty);
    g_object_unref (l);
  }
  g_free (ys);
  g_free (ord);
}

/* Width the reference-line labels need right of the plot. */
static double
pdf_chart_refs_w (struct pdf *p, const struct rd_chart *g)
{
  double w = 0;
  for (size_t i = 0; g->lines && i < g->n_lines; i++)
  {
    char buf[64];
    const char *lab = g->line_labels ? g->line_labels[i] : NULL;
    if (NULL == lab)
    {
      pdf_num (buf, sizeof buf, g->lines[i], g->decimals, NULL);
      lab = buf;
    }
    PangoLayout *l = pdf_chart_text (p, lab, -1, PANGO_ALIGN_LEFT);
    if (pdf_w (l) + 8 > w)
      w = pdf_w (l) + 8;
    g_object_unref (l);
  }
  return w;
}

/* Column and line charts in the box (X, Y, W, H). */
static void
pdf_chart_xy (struct pdf *p, const struct rd_chart *g, double x, double y,
              double w, double h)
{
  cairo_t *cr = p->cr;
  struct pdf_axis a;
  pdf_axis (g, &a);
  size_t ns = pdf_chart_series (g), n = g->n_cats;

  /* Tick labels on the left. */
  PangoLayout **tl = g_new0 (PangoLayout *, (size_t) a.n + 1);
  double aw = 0;
  for (int i = 0; i <= a.n; i++)
  {
    char buf[64];
    pdf_num (buf, sizeof buf, a.lo + i * a.step, a.dec, g->unit);
    tl[i] = pdf_chart_text (p, buf, -1, PANGO_ALIGN_LEFT);
    if (pdf_w (tl[i]) > aw)
      aw = pdf_w (tl[i]);
  }
  double rw = pdf_chart_refs_w (p, g);
  double px0 = x + aw + 6, px1 = x + w - (rw > 8 ? rw : 8);
  double slot = n ? (px1 - px0) / n : px1 - px0;

  /* Category labels: wrapped under their slot, or slanted (PDF_SLANT) when
     the slots are too narrow for their words (or would need more than
     three lines). */
  PangoLayout **cl = g_new0 (PangoLayout *, n + 1);
  bool rot = slot < 24;
  for (size_t c = 0; c < n && ! rot; c++)
  {
    double ww = pdf_word_max (p, g->cats ? g->cats[c] : "", 0)
      * PDF_CHART_TEXT / PDF_TABLE;
    if (ww > slot - 4)
      rot = true;
  }
  double ch = 0;
  for (size_t c = 0; c < n && ! rot; c++)
  {
    cl[c] = pdf_chart_text (p, g->cats ? g->cats[c] : "", slot - 4,
                            PANGO_ALIGN_CENTER);
    if (pango_layout_get_line_count (cl[c]) > 3)
      rot = true;
    ch = fmax (ch, pdf_h (cl[c]));
  }
  if (rot)
  {
    ch = 0;
    for (size_t c = 0; c < n; c++)
    {
      const char *s = g->cats ? g->cats[c] : "";
      if (cl[c])
        g_object_unref (cl[c]);
      cl[c] = pdf_chart_text (p, s, -1, PANGO_ALIGN_RIGHT);
      if (pdf_w (cl[c]) > 110)
      {
        g_object_unref (cl[c]);
        cl[c] = pdf_chart_text (p, s, 110, PANGO_ALIGN_RIGHT);
      }
      ch = fmax (ch, pdf_w (cl[c]) * sin (PDF_SLANT)
                 + pdf_h (cl[c]) * cos (PDF_SLANT) + 4);
    }
    /* The first label must not run left out of the chart. */
    double ext = n > 0 ? pdf_w (cl[0]) * cos (PDF_SLANT) + 2 : 0;
    if (n > 0 && px0 + slot / 2 - ext < x)
    {
      px0 = fmin (x + ext - slot / 2, x + w / 3);
      slot = (px1 - px0) / n;
    }
  }
  double py0 = y + 6, py1 = y + h - ch - 6;
#define PDF_VY(v) (py1 - ((v) - a.lo) / (a.hi - a.lo) * (py1 - py0))

  /* Grid and tick labels. */
  for (int i = 0; i <= a.n; i++)
  {
    double v = a.lo + i * a.step, yy = PDF_VY (v);
    pdf_hline (p, px0, px1, yy, 0.4, 0xd0d0d0);
    pdf_rgb (p, 0x333333);
    pdf_show (p, tl[i], px0 - 5 - pdf_w (tl[i]), yy - pdf_h (tl[i]) / 2);
  }
  if (a.lo + a.n * a.step < a.hi - 1e-9)
    pdf_hline (p, px0, px1, py0, 0.4, 0xd0d0d0);

  if (RD_CHART_LINE != g->kind)
  {
    bool stack = g->stacked && ns > 1;
    double group = slot * (stack || 1 == ns ? 0.56 : 0.8);
    double bw = stack ? group : group / (ns ? ns : 1);
    /* One size for every value label, the largest that fits a bar (none
       when even the small one does not), as the SVG charts do. */
    double lw = 0;
    for (size_t c = 0; c < n; c++)
      for (size_t s = 0; s < ns; s++)
      {
        char buf[64];
        pdf_num (buf, sizeof buf, pdf_val (g, s, c), g->decimals, NULL);
        PangoLayout *l = pdf_chart_text (p, buf, -1, PANGO_ALIGN_LEFT);
        lw = fmax (lw, pdf_w (l));
        g_object_unref (l);
      }
    double vsize = lw <= bw + 4 ? PDF_CHART_TEXT
      : lw * PDF_CHART_SMALL / PDF_CHART_TEXT <= bw + 4 ? PDF_CHART_SMALL : 0;
    /* The bars; then the base line and reference lines over them; then
       the labels over everything. */
    for (int pass = 0; pass < 2; pass++)
    {
      if (1 == pass)
      {
        double zero = PDF_VY (fmin (fmax (0, a.lo), a.hi));
        pdf_hline (p, px0, px1, zero, 0.8, 0x333333);
        pdf_chart_refs (p, g, &a, px0, px1, py0, py1);
        if (0 == vsize)
          break;
      }
      for (size_t c = 0; c < n; c++)
      {
        double gx = px0 + (c + 0.5) * slot - group / 2;
        double pos = 0, neg = 0;
        bool any = false;
        for (size_t s = 0; s < ns; s++)
        {
          double v = pdf_val (g, s, c);
          if (! isfinite (v))
            continue;
          any = true;
          double base = 0;
          if (stack)
          {
            double *acc = v >= 0 ? &pos : &neg;
            base = *acc;
            *acc += v;
          }
          double ya = PDF_VY (fmin (fmax (base, a.lo), a.hi));
          double yz = PDF_VY (fmin (fmax (base + v, a.lo), a.hi));
          double bx = stack ? gx : gx + s * bw;
          double bww = stack ? bw : bw - (ns > 1 ? 1 : 0);
          double top = fmin (ya, yz), bh = fabs (ya - yz);
          if (0 == pass)
          {
            if (bh > 0.01)
            {
              pdf_rgb_idx (p, s);
              cairo_rectangle (cr, bx, top, bww, bh);
              if (stack)
              {
                /* A thin white seam between the segments. */
                cairo_fill_preserve (cr);
                pdf_rgb (p, 0xffffff);
                cairo_set_line_width (cr, 0.5);
                cairo_stroke (cr);
              }
              else
                cairo_fill (cr);
            }
            continue;
          }
          char buf[64];
          pdf_num (buf, sizeof buf, v, g->decimals, NULL);
          PangoLayout *l = pdf_layout (p, buf, vsize, PS_REG, -1,
                                       PANGO_ALIGN_LEFT);
          double tw = pdf_w (l), th = pdf_h (l);
          if (stack)
          {
            /* Inside the segment when it is tall enough; zeros are not
               labelled. */
            if (v != 0 && bh >= th + 1)
            {
              pdf_rgb (p, pdf_text_on (rd_palette[s % RD_PALETTE_N]));
              pdf_show (p, l, bx + (bww - tw) / 2, top + (bh - th) / 2);
            }
          }
          else
            pdf_show_halo (p, l, bx + (bww - tw) / 2,
                           v >= 0 ? yz - th - 0.5 : yz + 0.5, 0x222222);
          g_object_unref (l);
        }
        if (1 == pass && stack && any)
        {
          /* The stack's total above it, bold. */
          char buf[64];
          pdf_num (buf, sizeof buf, pos + neg, g->decimals, NULL);
          PangoLayout *l = pdf_layout (p, buf, vsize, PS_BOLD, -1,
                                       PANGO_ALIGN_LEFT);
          pdf_show_halo (p, l, gx + (group - pdf_w (l)) / 2,
                         PDF_VY (fmin (pos, a.hi)) - pdf_h (l) - 0.5,
                         0x222222);
          g_object_unref (l);
        }
      }
    }
  }
  else
  {
    double zero = PDF_VY (fmin (fmax (0, a.lo), a.hi));
    pdf_hline (p, px0, px1, zero, 0.8, 0x333333);
    pdf_chart_refs (p, g, &a, px0, px1, py0, py1);
    for (size_t s = 0; s < ns; s++)
    {
      bool pen = false;
      cairo_set_line_width (cr, 1.6);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (size_t c = 0; c < n; c++)
      {
        double v = pdf_val (g, s, c);
        if (! isfinite (v))
        {
          pen = false;
          continue;
        }
        double xx = px0 + (c + 0.5) * slot;
        double yy = PDF_VY (fmin (fmax (v, a.lo), a.hi));
        if (pen)
          cairo_line_to (cr, xx, yy);
        else
          cairo_move_to (cr, xx, yy);
        pen = true;
      }
      pdf_rgb_idx (p, s);
      cairo_stroke (cr);
      for (size_t c = 0; c < n; c++)
      {
        double v = pdf_val (g, s, c);
        if (! isfinite (v))
          continue;
        double xx = px0 + (c + 0.5) * slot;
        double yy = PDF_VY (fmin (fmax (v, a.lo), a.hi));
        cairo_new_sub_path (cr);
        cairo_arc (cr, xx, yy, 2.6, 0, 2 * M_PI);
        pdf_rgb_idx (p, s);
        cairo_fill_preserve (cr);
        pdf_rgb (p, 0xffffff);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);
      }
    }
    /* Value labels for up to three lines, as the SVG charts set them: the
       highest point's above it (bold), the others below theirs, pushed
       apart, and kept out of the category labels.  With more lines the
       document's tables carry the values. */
    for (size_t c = 0; ns <= 3 && c < n; c++)
    {
      size_t ord[3], m = 0;
      double ly[3];
      PangoLayout *ll[3];
      for (size_t s = 0; s < ns; s++)
        if (isfinite (pdf_val (g, s, c)))
          ord[m++] = s;
      for (size_t i = 1; i < m; i++)
        for (size_t z = i; z > 0 && pdf_val (g, ord[z], c)
                                    > pdf_val (g, ord[z - 1], c); z--)
        {
          size_t t = ord[z];
          ord[z] = ord[z - 1];
          ord[z - 1] = t;
        }
      for (size_t i = 0; i < m; i++)
      {
        char buf[64];
        pdf_num (buf, sizeof buf, pdf_val (g, ord[i], c), g->decimals, NULL);
        ll[i] = pdf_layout (p, buf, PDF_CHART_SMALL, 0 == i ? PS_BOLD : PS_REG,
                            -1, PANGO_ALIGN_LEFT);
        double yv = PDF_VY (fmin (fmax (pdf_val (g, ord[i], c), a.lo), a.hi));
        ly[i] = 0 == i ? yv - 4 - pdf_h (ll[i]) : yv + 4;
        if (i > 0 && ly[i] < ly[i - 1] + pdf_h (ll[i - 1]))
          ly[i] = ly[i - 1] + pdf_h (ll[i - 1]);
      }
      double over = m > 0 ? ly[m - 1] + pdf_h (ll[m - 1]) - (py1 - 1) : 0;
      for (size_t i = 0; i < m; i++)
      {
        if (over > 0)
          ly[i] -= over;
        pdf_show_halo (p, ll[i], px0 + (c + 0.5) * slot - pdf_w (ll[i]) / 2,
                       ly[i], 0x222222);
        g_object_unref (ll[i]);
      }
    }
  }

  /* Category labels. */
  pdf_rgb (p, 0x222222);
  for (size_t c = 0; c < n; c++)
  {
    double cx = px0 + (c + 0.5) * slot;
    if (rot)
    {
      PangoRectangle r;
      pango_layout_get_extents (cl[c], NULL, &r);
      cairo_save (cr);
      cairo_translate (cr, cx, py1 + 4);
      cairo_rotate (cr, -PDF_SLANT);
      cairo_move_to (cr, -pdf_u (r.x + r.width), -pdf_h (cl[c]) / 2);
      pango_cairo_show_layout (cr, cl[c]);
      cairo_restore (cr);
    }
    else
      pdf_show (p, cl[c], cx - (slot - 4) / 2, py1 + 4);
  }
#undef PDF_VY
  for (int i = 0; i <= a.n; i++)
    g_object_unref (tl[i]);
  g_free (tl);
  for (size_t c = 0; c < n; c++)
    g_object_unref (cl[c]);
  g_free (cl);
}

/* Horizontal bar chart (one series) at (X, Y) in width W; draws only when
   DRAW.  Returns the height it takes. */
static double
pdf_chart_bar (struct pdf *p, const struct rd_chart *g, double x, double y,
               double w, bool draw)
{
  size_t n = g->n_cats;
  bool has = pdf_chart_series (g) > 0;
  struct pdf_axis a;
  pdf_axis (g, &a);
  /* Category labels on the left, right-aligned, wrapped. */
  double lw = 0;
  for (size_t c = 0; c < n; c++)
  {
    PangoLayout *l = pdf_chart_text (p, g->cats ? g->cats[c] : "", -1,
                                     PANGO_ALIGN_LEFT);
    if (pdf_w (l) > lw)
      lw = pdf_w (l);
    g_object_unref (l);
  }
  if (lw > 0.32 * w)
    lw = 0.32 * w;
  lw = ceil (lw) + 1;
  PangoLayout **cl = g_new0 (PangoLayout *, n + 1);
  double lh = 0;
  for (size_t c = 0; c < n; c++)
  {
    cl[c] = pdf_chart_text (p, g->cats ? g->cats[c] : "", lw,
                            PANGO_ALIGN_RIGHT);
    if (pdf_h (cl[c]) > lh)
      lh = pdf_h (cl[c]);
  }
  /* Value labels right of the bars. */
  PangoLayout **vl = g_new0 (PangoLayout *, n + 1);
  double vw = 0;
  for (size_t c = 0; c < n; c++)
  {
    double v = has ? pdf_val (g, 0, c) : NAN;
    char buf[64];
    pdf_num (buf, sizeof buf, v, g->decimals, g->unit);
    vl[c] = pdf_chart_text (p, isfinite (v) ? buf : "", -1,
                            PANGO_ALIGN_LEFT);
    if (pdf_w (vl[c]) > vw)
      vw = pdf_w (vl[c]);
  }
  PangoLayout **tl = g_new0 (PangoLayout *, (size_t) a.n + 1);
  double th = 0;
  for (int i = 0; i <= a.n; i++)
  {
    char buf[64];
    pdf_num (buf, sizeof buf, a.lo + i * a.step, a.dec, g->unit);
    tl[i] = pdf_chart_text (p, buf, -1, PANGO_ALIGN_LEFT);
    th = fmax (th, pdf_h (tl[i]));
  }
  double slot_min = fmax (lh + 5, 14);
  double ph = PDF_CHART_H - th - 10;
  if (n * slot_min > ph)
    ph = n * slot_min;
  double maxh = p->ybot - p->ytop - 80;
  if (ph > maxh)
    ph = maxh;
  double height = 4 + ph + 4 + th + 2;
  if (draw)
  {
    cairo_t *cr = p->cr;
    double px0 = x + lw + 8, px1 = x + w - vw - 8;
    double py0 = y + 4, py1 = py0 + ph;
    double slot = n ? ph / n : ph;
#define PDF_VX(v) (px0 + ((v) - a.lo) / (a.hi - a.lo) * (px1 - px0))
    for (int i = 0; i <= a.n; i++)
    {
      double xx = PDF_VX (a.lo + i * a.step);
      if (p->cr)
      {
        pdf_rgb (p, 0xd0d0d0);
        cairo_set_line_width (cr, 0.4);
        cairo_move_to (cr, xx, py0);
        cairo_line_to (cr, xx, py1);
        cairo_stroke (cr);
      }
      pdf_rgb (p, 0x333333);
      pdf_show (p, tl[i], xx - pdf_w (tl[i]) / 2, py1 + 4);
    }
    double bh = fmin (slot * 0.62, 18);
    for (size_t c = 0; c < n; c++)
    {
      double yc = py0 + (c + 0.5) * slot;
      double v = has ? pdf_val (g, 0, c) : NAN;
      pdf_rgb (p, 0x222222);
      pdf_show (p, cl[c], x, yc - pdf_h (cl[c]) / 2);
      if (! isfinite (v))
        continue;
      double xa = PDF_VX (fmin (fmax (0, a.lo), a.hi));
      double xb = PDF_VX (fmin (fmax (v, a.lo), a.hi));
      if (fabs (xb - xa) > 0.01)
      {
        pdf_rgb_idx (p, 0);
        cairo_rectangle (cr, fmin (xa, xb), yc - bh / 2, fabs (xb - xa), bh);
        cairo_fill (cr);
      }
      pdf_rgb (p, 0x222222);
      pdf_show (p, vl[c], fmax (xa, xb) + 3, yc - pdf_h (vl[c]) / 2);
    }
    double zx = PDF_VX (fmin (fmax (0, a.lo), a.hi));
    if (p->cr)
    {
      pdf_rgb (p, 0x333333);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, zx, py0);
      cairo_line_to (cr, zx, py1);
      cairo_stroke (cr);
    }
    /* Vertical reference lines would need another model: a bar chart's
       LINES are drawn as values on its axis. */
    for (size_t i = 0; g->lines && i < g->n_lines; i++)
    {
      double v = g->lines[i];
      if (! isfinite (v) || v < a.lo || v > a.hi || NULL == p->cr)
        continue;
      static const double dash[] = { 4, 2.5 };
      double xx = PDF_VX (v);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 0.8);
      pdf_rgb (p, 0x444444);
      cairo_move_to (cr, xx, py0);
      cairo_line_to (cr, xx, py1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (g->line_labels && g->line_labels[i])
      {
        PangoLayout *l = pdf_chart_text (p, g->line_labels[i], -1,
                                         PANGO_ALIGN_LEFT);
        pdf_show (p, l, xx + 2, py0 - 2);
        g_object_unref (l);
      }
    }
#undef PDF_VX
  }
  for (size_t c = 0; c < n; c++)
  {
    g_object_unref (cl[c]);
    g_object_unref (vl[c]);
  }
  for (int i = 0; i <= a.n; i++)
    g_object_unref (tl[i]);
  g_free (cl);
  g_free (vl);
  g_free (tl);
  return height;
}

/* The legend (several series): swatch and name per series, in centred
   rows.  Draws when DRAW; returns the height. */
static double
pdf_legend (struct pdf *p, const struct rd_chart *g, double x, double y,
            double w, bool draw)
{
  size_t ns = pdf_chart_series (g);
  if (ns < 2)
    return 0;
  PangoLayout **l = g_new0 (PangoLayout *, ns);
  double sw = RD_CHART_LINE == g->kind ? 16 : 9, gap = 14, lh = 0;
  for (size_t s = 0; s < ns; s++)
  {
    l[s] = pdf_chart_text (p, g->series[s].name ? g->series[s].name : "",
                           w - sw - 4, PANGO_ALIGN_LEFT);
    lh = fmax (lh, pdf_h (l[s]));
  }
  double h = 0;
  size_t s = 0;
  while (s < ns)
  {
    /* One row: as many items as fit. */
    size_t e = s;
    double rw = 0;
    while (e < ns)
    {
      double iw = sw + 4 + pdf_w (l[e]);
      if (e > s && rw + gap + iw > w)
        break;
      rw += (e > s ? gap : 0) + iw;
      e++;
    }
    if (draw)
    {
      double xx = x + (w - rw) / 2;
      for (size_t i = s; i < e; i++)
      {
        double cy = y + h + lh / 2;
        if (p->cr)
        {
          pdf_rgb_idx (p, i);
          if (RD_CHART_LINE == g->kind)
          {
            cairo_set_line_width (p->cr, 1.6);
            cairo_move_to (p->cr, xx, cy);
            cairo_line_to (p->cr, xx + sw, cy);
            cairo_stroke (p->cr);
            cairo_arc (p->cr, xx + sw / 2, cy, 2.6, 0, 2 * M_PI);
            cairo_fill (p->cr);
          }
          else
          {
            cairo_rectangle (p->cr, xx, cy - sw / 2, sw, sw);
            cairo_fill (p->cr);
          }
        }
        pdf_rgb (p, 0x222222);
        pdf_show (p, l[i], xx + sw + 4, y + h + (lh - pdf_h (l[i])) / 2);
        xx += sw + 4 + pdf_w (l[i]) + gap;
      }
    }
    h += lh + 2;
    s = e;
  }
  for (size_t i = 0; i < ns; i++)
    g_object_unref (l[i]);
  g_free (l);
  return h;
}

static void
pdf_chart (struct pdf *p, const struct rd_chart *g)
{
  pdf_orient (p, false);
  pdf_gap (p, 12);
  double w = p->x1 - p->x0, x = p->x0;
  PangoLayout *cap = pdf_caption (p, g->number, g->title, NULL, 9, w,
                                  PANGO_ALIGN_CENTER);
  double cap_h = pdf_h (cap) + 6;
  double body = RD_CHART_BAR == g->kind
    ? pdf_chart_bar (p, g, x, 0, w, false) : PDF_CHART_H;
  double leg = pdf_legend (p, g, x, 0, w, false);
  double total = cap_h + body + (leg > 0 ? 6 + leg : 0);
  pdf_need (p, total);
  pdf_rgb (p, PDF_INK);
  pdf_show (p, cap, x, p->y);
  double y = p->y + cap_h;
  if (p->cr)
  {
    cairo_save (p->cr);
    if (g->n_cats > 0 && pdf_chart_series (g) > 0)
    {
      if (RD_CHART_BAR == g->kind)
        pdf_chart_bar (p, g, x, y, w, true);
      else
        pdf_chart_xy (p, g, x, y, w, body);
    }
    else
    {
      PangoLayout *l = pdf_layout (p, "(tidak ada data)", PDF_SMALL,
                                   PS_ITALIC, w, PANGO_ALIGN_CENTER);
      pdf_frame (p, x, y, w, body, 0.4, 0xd0d0d0);
      pdf_rgb (p, PDF_GREY);
      pdf_show (p, l, x, y + (body - pdf_h (l)) / 2);
      g_object_unref (l);
    }
    if (leg > 0)
      pdf_legend (p, g, x, y + body + 6, w, true);
    cairo_restore (p->cr);
  }
  p->y = y + body + (leg > 0 ? 6 + leg : 0);
  g_object_unref (cap);
}

/* ---- signature ---- */

struct pdf_col {
  PangoLayout *l[8];
  size_t n;
  double h;
};

static void
pdf_col_add (struct pdf *p, struct pdf_col *col, const char *s, int style,
             double w)
{
  if (NULL == s || ! *s || col->n >= 8)
    return;
  PangoLayout *l = pdf_layout (p, s, PDF_BODY, style, w, PANGO_ALIGN_CENTER);
  col->l[col->n++] = l;
  col->h += pdf_h (l);
}

static void
pdf_col_draw (struct pdf *p, struct pdf_col *col, double x, double y)
{
  for (size_t i = 0; i < col->n; i++)
  {
    pdf_show (p, col->l[i], x, y);
    y += pdf_h (col->l[i]);
  }
}

static void
pdf_col_free (struct pdf_col *col)
{
  for (size_t i = 0; i < col->n; i++)
    g_object_unref (col->l[i]);
}

static void
pdf_signature (struct pdf *p, const struct rd_signature *sg)
{
  pdf_orient (p, false);
  pdf_gap (p, 22);
  double w = p->x1 - p->x0;
  double rw = 0.5 * w, rx = p->x1 - rw, lwid = 0.45 * w, lx = p->x0;
  struct pdf_col rh = { 0 }, rt = { 0 }, lh = { 0 }, lt = { 0 };
  pdf_col_add (p, &rh, sg->place_date, PS_REG, rw);
  pdf_col_add (p, &rh, sg->right.lead, PS_REG, rw);
  pdf_col_add (p, &rh, sg->right.jabatan, PS_REG, rw);
  pdf_col_add (p, &rt, sg->right.name, PS_BOLD, rw);
  if (rt.n > 0)
    pdf_attr (rt.l[0], pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), 0,
              G_MAXUINT);
  pdf_col_add (p, &rt, sg->right.pangkat, PS_REG, rw);
  pdf_col_add (p, &rt, sg->right.nip, PS_REG, rw);
  if (sg->has_left)
  {
    pdf_col_add (p, &lh, sg->left.lead, PS_REG, lwid);
    pdf_col_add (p, &lh, sg->left.jabatan, PS_REG, lwid);
    pdf_col_add (p, &lt, sg->left.name, PS_BOLD, lwid);
    if (lt.n > 0)
      pdf_attr (lt.l[0], pango_attr_underline_new (PANGO_UNDERLINE_SINGLE),
                0, G_MAXUINT);
    pdf_col_add (p, &lt, sg->left.pangkat, PS_REG, lwid);
    pdf_col_add (p, &lt, sg->left.nip, PS_REG, lwid);
  }
  /* The jabatan blocks end on one line and the names share a line. */
  double head = rh.h > lh.h ? rh.h : lh.h;
  double tail = rt.h > lt.h ? rt.h : lt.h;
  pdf_need (p, head + PDF_SIGN_SPACE + tail);
  pdf_rgb (p, PDF_INK);
  pdf_col_draw (p, &rh, rx, p->y + head - rh.h);
  pdf_col_draw (p, &lh, lx, p->y + head - lh.h);
  pdf_col_draw (p, &rt, rx, p->y + head + PDF_SIGN_SPACE);
  pdf_col_draw (p, &lt, lx, p->y + head + PDF_SIGN_SPACE);
  p->y += head + PDF_SIGN_SPACE + tail;
  pdf_col_free (&rh);
  pdf_col_free (&rt);
  pdf_col_free (&lh);
  pdf_col_free (&lt);
}

/* ---- last page: keterangan keaslian dokumen ---- */

static void
pdf_keterangan (struct pdf *p)
{
  const struct rd_doc *d = p->d;
  size_t n = d->n_info / 2;
  if (0 == n)
    return;
  pdf_orient (p, false);
  if (! pdf_page_empty (p))
    pdf_break (p);
  static const char title[] = "KETERANGAN KEASLIAN DOKUMEN";
  PangoLayout *l = pdf_layout (p, title, 11, PS_BOLD, p->x1 - p->x0,
                               PANGO_ALIGN_CENTER);
  if (p->cr)
  {
    char dest[64];
    snprintf (dest, sizeof dest, "page=%d pos=[%d %d]", p->page,
              (int) p->x0, (int) p->y);
    cairo_pdf_surface_add_outline (p->surf, CAIRO_PDF_OUTLINE_ROOT, title,
                                   dest, 0);
  }
  pdf_rgb (p, PDF_INK);
  pdf_show (p, l, p->x0, p->y);
  p->y += pdf_h (l) + 6;
  g_object_unref (l);

  struct rd_cell *cells = g_new0 (struct rd_cell, 2 * n);
  for (size_t i = 0; i < 2 * n; i++)
    cells[i].text = d->info[i];
  static const double widths[] = { 1, 2 };
  static const enum rd_align align[] = { RD_LEFT, RD_LEFT };
  struct rd_table t = { .key = "keterangan", .n_cols = 2, .widths = widths,
                        .align = align, .n_rows = n, .cells = cells };
  pdf_table (p, &t, true);
  g_free (cells);
}

/* ---- the document ---- */

static void
pdf_pass (struct pdf *p)
{
  const struct rd_doc *d = p->d;
  p->page = 0;
  p->open = false;
  p->outline_l1 = CAIRO_PDF_OUTLINE_ROOT;
  p->n_pend = 0;
  pdf_geometry (p, d->landscape);
  pdf_front (p);
  for (size_t i = 0; i < d->n_blocks; i++)
  {
    const struct rd_block *b = &d->blocks[i];
    switch (b->kind)
    {
    case RD_HEADING:
      pdf_heading (p, b);
      break;
    case RD_PARA:
      pdf_para (p, b);
      break;
    case RD_LIST:
      pdf_list (p, b);
      break;
    case RD_KV:
      pdf_kv (p, b);
      break;
    case RD_TABLE:
      if (b->table)
        pdf_table (p, b->table, false);
      break;
    case RD_CHART:
      if (b->chart)
        pdf_chart (p, b->chart);
      break;
    case RD_SIGNATURE:
      if (b->sig)
        pdf_signature (p, b->sig);
      break;
    case RD_BOX:
      pdf_box (p, b);
      break;
    case RD_QR:
      pdf_qr (p, b);
      break;
    case RD_PAGEBREAK:
      if (p->n_pend)
        pdf_need (p, 0);
      if (p->open && ! pdf_page_empty (p))
        pdf_end_page (p);
      break;
    }
  }
  if (p->n_pend)
    pdf_need (p, 0);
  pdf_keterangan (p);
  pdf_begin (p);
  pdf_end_page (p);
}

static cairo_status_t
pdf_write (void *cls, const unsigned char *data, unsigned int len)
{
  struct buf *b = cls;
  buf_append (b, data, len);
  return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static bool
pdf_init (struct pdf *p, const struct rd_doc *d)
{
  memset (p, 0, sizeof *p);
  p->d = d;
  for (int b = 0; b < 2; b++)
  {
    for (size_t i = 0; i < PDF_ADV_N; i++)
      p->adv[b][i] = -1;
    for (size_t i = 0; i < 64; i++)
      p->adv_hi[b][i].w = -1;
  }
  /* The calling thread's own default font map (Pango keeps one per
     thread); the context is this call's alone. */
  PangoFontMap *fm = pango_cairo_font_map_get_default ();
  if (NULL == fm)
    return false;
  p->pc = pango_font_map_create_context (fm);
  if (NULL == p->pc)
    return false;
  pango_cairo_context_set_resolution (p->pc, 72);
  cairo_font_options_t *fo = cairo_font_options_create ();
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (p->pc, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_round_glyph_positions (p->pc, FALSE);
  /* Not the process locale: layout must not depend on the environment. */
  pango_context_set_language (p->pc, pango_language_from_string ("id"));
  pango_context_set_base_dir (p->pc, PANGO_DIRECTION_LTR);
  p->fd = pango_font_description_new ();
  pango_font_description_set_family_static (p->fd, PDF_FAMILY);
  p->attrs = pango_attr_list_new ();
  pango_attr_list_insert (p->attrs, pango_attr_insert_hyphens_new (FALSE));
  p->cells = g_hash_table_new_full (pdf_lkey_hash, pdf_lkey_eq, g_free,
                                    g_object_unref);
  return true;
}

static void
pdf_fini (struct pdf *p)
{
  if (p->cr)
    cairo_destroy (p->cr);
  if (p->surf)
    cairo_surface_destroy (p->surf);
  if (p->cells)
    g_hash_table_destroy (p->cells);
  if (p->attrs)
    pango_attr_list_unref (p->attrs);
  if (p->fd)
    pango_font_description_free (p->fd);
  if (p->pc)
    g_object_unref (p->pc);
}

/* Cairo 1.16 writes the Info dictionary's dates without the "D:" prefix
   that ISO 32000-1 (7.9.4) requires: "/CreationDate (20260710000000)".
   This inserts the prefix into the Info object of the finished file at
   OUT + START and moves the cross-reference offsets behind it.  It does
   nothing unless the file has exactly the shape cairo writes (one classic
   xref section of 20-byte entries, an /Info entry in the trailer), so a
   cairo that writes "D:" itself is left alone. */
static void
pdf_fix_dates (struct buf *out, size_t start)
{
  if (out->oom || NULL == out->p || out->len < start + 128)
    return;
  const char *pdf = out->p + start;
  size_t len = out->len - start;
  const char *sx = memmem (pdf + len - 64, 64, "startxref\n", 10);
  if (NULL == sx)
    return;
  char *e;
  unsigned long xo = strtoul (sx + 10, &e, 10);
  if (e == sx + 10 || xo >= len || 0 != strncmp (pdf + xo, "xref\n0 ", 7))
    return;
  const char *after_num = e;
  unsigned long n = strtoul (pdf + xo + 7, &e, 10);
  if ('\n' != *e || n < 2)
    return;
  const char *ent = e + 1;
  if ((size_t) (ent - pdf) + n * 20 > (size_t) (sx - pdf))
    return;
  for (unsigned long j = 0; j < n; j++)
  {
    const char *en = ent + j * 20;
    for (int i = 0; i < 10; i++)
      if (! g_ascii_isdigit (en[i]))
        return;
    if (' ' != en[10] || ' ' != en[16] || ('n' != en[17] && 'f' != en[17])
        || ' ' != en[18] || '\n' != en[19])
      return;
  }
  const char *tr = ent + n * 20;
  const char *inf = memmem (tr, (size_t) (sx - tr), "/Info ", 6);
  if (NULL == inf)
    return;
  unsigned long io = strtoul (inf + 6, NULL, 10);
  if (io == 0 || io >= n || 'n' != ent[io * 20 + 17])
    return;
  unsigned long ioff = strtoul (ent + io * 20, NULL, 10);
  if (ioff >= xo)
    return;
  const char *iend = memmem (pdf + ioff, xo - ioff, "endobj", 6);
  if (NULL == iend)
    return;
  static const char *const keys[] = { "/CreationDate (", "/ModDate (" };
  size_t at[2];
  int k = 0;
  for (int i = 0; i < 2; i++)
  {
    size_t kl = strlen (keys[i]);
    const char *q = memmem (pdf + ioff, (size_t) (iend - (pdf + ioff)),
                            keys[i], kl);
    if (q && g_ascii_isdigit (q[kl]))
      at[k++] = (size_t) (q + kl - pdf);
  }
  if (0 == k)
    return;
  if (2 == k && at[0] > at[1])
  {
    size_t tmp = at[0];
    at[0] = at[1];
    at[1] = tmp;
  }
  struct buf nb = { 0 };
  size_t prev = 0;
  for (int i = 0; i < k; i++)
  {
    buf_append (&nb, pdf + prev, at[i] - prev);
    buf_append (&nb, "D:", 2);
    prev = at[i];
  }
  buf_append (&nb, pdf + prev, (size_t) (ent - pdf) - prev);
  for (unsigned long j = 0; j < n; j++)
  {
    const char *en = ent + j * 20;
    if ('n' == en[17])
    {
      unsigned long off = strtoul (en, NULL, 10);
      for (int i = 0; i < k; i++)
        if (at[i] < off)
          off += 2;
      buf_printf (&nb, "%010lu", off);
      buf_append (&nb, en + 10, 10);
    }
    else
      buf_append (&nb, en, 20);
  }
  buf_append (&nb, tr, (size_t) (sx - tr));
  buf_printf (&nb, "startxref\n%lu", xo + 2 * (unsigned long) k);
  buf_append (&nb, after_num, len - (size_t) (after_num - pdf));
  if (! nb.oom)
  {
    out->len = start;
    buf_append (out, nb.p, nb.len);
  }
  buf_free (&nb);
}

bool
rd_render_pdf (const struct rd_doc *d, struct buf *out, char *err,
               size_t errlen)
{
  struct pdf *p = malloc (sizeof *p);
  if (NULL == p)
  {
    snprintf (err, errlen, "pdf: out of memory");
    return false;
  }
  if (! pdf_init (p, d))
  {
    pdf_fini (p);
    free (p);
    snprintf (err, errlen, "pdf: no Pango font map");
    return false;
  }

  /* Pass 1: count the pages. */
  pdf_pass (p);
  int n_pages = p->page;

  /* Pass 2: draw. */
  p->n_pages = n_pages;
  pdf_geometry (p, d->landscape);
  size_t start = out->len;
  p->surf = cairo_pdf_surface_create_for_stream (pdf_write, out, p->pw,
                                                 p->ph);
  if (CAIRO_STATUS_SUCCESS != cairo_surface_status (p->surf))
  {
    snprintf (err, errlen, "pdf: cannot create surface: %s",
              cairo_status_to_string (cairo_surface_status (p->surf)));
    pdf_fini (p);
    free (p);
    return false;
  }
  char date[32];
  int yy = d->year, mm = d->month, dd = d->day;
  if (yy < 1 || yy > 9999 || mm < 1 || mm > 12 || dd < 1 || dd > 31)
  {
    /* No date: still a fixed one, never the clock. */
    yy = 1970;
    mm = 1;
    dd = 1;
  }
  snprintf (date, sizeof date, "%04d-%02d-%02dT00:00:00", yy, mm, dd);
  cairo_pdf_surface_set_metadata (p->surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                  date);
  cairo_pdf_surface_set_metadata (p->surf, CAIRO_PDF_METADATA_MOD_DATE,
                                  date);
  cairo_pdf_surface_set_metadata (p->surf, CAIRO_PDF_METADATA_CREATOR,
                                  "wadah");
  if (d->n_title > 0 && d->title[0] && g_utf8_validate (d->title[0], -1,
                                                        NULL))
    cairo_pdf_surface_set_metadata (p->surf, CAIRO_PDF_METADATA_TITLE,
                                    d->title[0]);
  p->cr = cairo_create (p->surf);
  pdf_pass (p);
  bool ok = true;
  cairo_status_t st = cairo_status (p->cr);
  cairo_destroy (p->cr);
  p->cr = NULL;
  cairo_surface_finish (p->surf);
  if (CAIRO_STATUS_SUCCESS == st)
    st = cairo_surface_status (p->surf);
  if (CAIRO_STATUS_SUCCESS != st)
  {
    snprintf (err, errlen, "pdf: cairo: %s", cairo_status_to_string (st));
    ok = false;
  }
  else if (out->oom)
  {
    snprintf (err, errlen, "pdf: out of memory");
    ok = false;
  }
  else if (p->page != n_pages)
  {
    snprintf (err, errlen, "pdf: page count changed between passes "
              "(%d, %d)", n_pages, p->page);
    ok = false;
  }
  else
    pdf_fix_dates (out, start);
  pdf_fini (p);
  free (p);
  return ok;
}
