/*
 * Charts as inline SVG (chart_svg.h), for the HTML renderer.  One chart
 * model (doc.h) has two back ends: this one and cairo's in the PDF
 * renderer.  The SVG is written by hand so that labels stay real <text>
 * (searchable, selectable, read by nothing else: the <svg> is role="img"
 * and its <desc> lists every value for screen readers).
 *
 * Geometry is in a 640-unit-wide viewBox; the height follows the
 * content.  Text widths are estimated (no font metrics here) with a
 * generous average advance, so labels are wrapped or dropped before they
 * could collide.  Colours come from rd_palette; text drawn on a coloured
 * bar is black or white, whichever contrasts more (never below 4.5:1).
 */
#include "chart_svg.h"
#include "render.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SVG_W 640.0
#define SVG_FONT 15.0            /* labels, in viewBox units */
#define SVG_SMALL 13.0           /* value labels where space is short */
#define SVG_CHAR 0.6             /* estimated advance per character, em */
#define SVG_LINE 1.25            /* line height, em */
#define SVG_INK "#1b1b1b"        /* 16.8:1 on white */
#define SVG_MUTED "#3d3d3d"      /* 11.0:1 on white */
#define SVG_GRID "#d5d9de"
#define SVG_AXIS "#595959"
#define SVG_REF "#3d3d3d"
#define SVG_MAX_LINES 4

/* ---- numbers ---- */

bool
rd_fmt_number (char *out, size_t cap, double v, int decimals,
               const char *thousands, char dec)
{
  if (0 == cap)
    return false;
  out[0] = '\0';
  if (! isfinite (v))
    return false;
  if (decimals < 0)
    decimals = 0;
  if (decimals > 15)
    decimals = 15;
  /* 15 significant digits, as Excel keeps them: "d.dddddddddddddde+XX".
     The digits go after a leading 0 that takes a carry out of the top. */
  char e[40];
  snprintf (e, sizeof e, "%.14e", fabs (v));
  unsigned char dg[17];
  dg[0] = 0;
  dg[1] = (unsigned char) (e[0] - '0');
  for (int i = 0; i < 14; i++)
    dg[2 + i] = (unsigned char) (e[2 + i] - '0');
  int exp10 = atoi (e + 17);
  int point = exp10 + 2;          /* integer digits in dg[0 .. point-1] */
  int keep = point + decimals;    /* digits kept, from dg[0] */
  if (keep < 0)
    keep = 0;
  if (keep < 16)
  {
    bool up = dg[keep] >= 5;
    for (int i = keep; i < 16; i++)
      dg[i] = 0;
    for (int i = keep - 1; up && i >= 0; i--)
    {
      if (9 == dg[i])
        dg[i] = 0;
      else
      {
        dg[i]++;
        up = false;
      }
    }
  }
  /* dg[i] is the digit of weight 10^(point-1-i); outside 0..15 it is 0. */
  char tmp[512];                  /* DBL_MAX has 309 digits */
  size_t n = 0;
  bool nonzero = false;
  for (int i = 0; i < 16; i++)
    nonzero |= dg[i] != 0;
  if (v < 0 && nonzero)
    tmp[n++] = '-';
  size_t tlen = thousands ? strlen (thousands) : 0;
  int first = 0;                  /* first integer digit to print */
  while (first < point - 1 && (first >= 16 || 0 == dg[first]))
    first++;
  if (point <= 0)
    tmp[n++] = '0';
  for (int i = first; i < point && n + tlen + 2 < sizeof tmp - 40; i++)
  {
    tmp[n++] = (char) ('0' + (i < 16 ? dg[i] : 0));
    int left = point - 1 - i;     /* integer digits still to come */
    if (tlen && left > 0 && 0 == left % 3)
    {
      memcpy (tmp + n, thousands, tlen);
      n += tlen;
    }
  }
  if (decimals > 0)
  {
    tmp[n++] = dec;
    for (int k = 0; k < decimals; k++)
    {
      int i = point + k;
      tmp[n++] = (char) ('0' + (i >= 0 && i < 16 ? dg[i] : 0));
    }
  }
  tmp[n] = '\0';
  snprintf (out, cap, "%s", tmp);
  return true;
}

/* Indonesian display format: "1.234", "81,25". */
static void
svg_num (char *out, size_t cap, double v, int decimals)
{
  rd_fmt_number (out, cap, v, decimals, ".", ',');
}

/* ---- text ---- */

static size_t
svg_chars_n (const char *s, size_t len)
{
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char) s[i] & 0xc0) != 0x80;
  return n;
}

static double
svg_width_n (const char *s, size_t len, double font)
{
  return (double) svg_chars_n (s, len) * font * SVG_CHAR;
}

static double
svg_width (const char *s, double font)
{
  return s ? svg_width_n (s, strlen (s), font) : 0;
}

/* Escape LEN bytes of S (doc text) through buf_html_escape. */
static void
svg_esc_n (struct buf *b, const char *s, size_t len)
{
  struct buf t = { 0 };
  buf_append (&t, s, len);
  if (t.oom)
    b->oom = true;
  else
    buf_html_escape (b, t.p ? t.p : "");
  buf_free (&t);
}

static void
svg_esc (struct buf *b, const char *s)
{
  buf_html_escape (b, s ? s : "");
}

struct svg_lines {
  size_t n;
  const char *s[SVG_MAX_LINES];
  size_t len[SVG_MAX_LINES];
};

/* Break TEXT at spaces into lines no wider than MAXW (a word wider than
   that gets a line of its own); the last line takes what is left. */
static void
svg_wrap (const char *text, double maxw, double font, struct svg_lines *l)
{
  l->n = 0;
  const char *p = text ? text : "";
  while (*p == ' ')
    p++;
  while (*p && l->n < SVG_MAX_LINES)
  {
    size_t rest = strlen (p);
    size_t take = rest;
    if (l->n + 1 < SVG_MAX_LINES && svg_width_n (p, rest, font) > maxw)
    {
      size_t best = 0;
      for (size_t i = 1; i < rest; i++)
        if (' ' == p[i])
        {
          if (svg_width_n (p, i, font) <= maxw || 0 == best)
            best = i;
          if (svg_width_n (p, i, font) > maxw)
            break;
        }
      if (best)
        take = best;
    }
    l->s[l->n] = p;
    l->len[l->n] = take;
    l->n++;
    p += take;
    while (*p == ' ')
      p++;
  }
}

/* A <text> whose first baseline is at Y, one <tspan> per line. */
static void
svg_text_lines (struct buf *b, double x, double y, const char *anchor,
                double font, const char *fill, const struct svg_lines *l)
{
  buf_printf (b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" "
                 "text-anchor=\"%s\" fill=\"%s\">", x, y, font, anchor,
              fill);
  for (size_t i = 0; i < l->n; i++)
  {
    if (l->n > 1)
      buf_printf (b, "<tspan x=\"%.1f\" dy=\"%.1f\">", x,
                  i ? font * SVG_LINE : 0.0);
    svg_esc_n (b, l->s[i], l->len[i]);
    if (l->n > 1)
      buf_puts (b, "</tspan>");
  }
  buf_puts (b, "</text>");
}

/* A one-line <text> of text we made (numbers): nothing to escape, but it
   goes through the escaper all the same.  HALO draws a white outline
   under the glyphs, so that a label stays legible where it crosses a
   grid or reference line. */
static void
svg_text_x (struct buf *b, double x, double y, const char *anchor,
            double font, const char *fill, bool bold, bool halo,
            const char *s)
{
  buf_printf (b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" "
                 "text-anchor=\"%s\" fill=\"%s\"%s%s>", x, y, font, anchor,
              fill, bold ? " font-weight=\"700\"" : "",
              halo ? " stroke=\"#ffffff\" stroke-width=\"3\" "
                     "stroke-linejoin=\"round\" paint-order=\"stroke\"" : "");
  svg_esc (b, s);
  buf_puts (b, "</text>");
}

static void
svg_text (struct buf *b, double x, double y, const char *anchor,
          double font, const char *fill, bool bold, const char *s)
{
  svg_text_x (b, x, y, anchor, font, fill, bold, false, s);
}

/* ---- colours ---- */

static unsigned
svg_colour (size_t series)
{
  return rd_palette[series % RD_PALETTE_N];
}

static double
svg_channel (unsigned c)
{
  double s = c / 255.0;
  return s <= 0.04045 ? s / 12.92 : pow ((s + 0.055) / 1.055, 2.4);
}

/* Black or white text on RGB, whichever has the higher contrast ratio
   (the worse of the two best cases is 4.58:1). */
static const char *
svg_text_on (unsigned rgb)
{
  double l = 0.2126 * svg_channel ((rgb >> 16) & 0xff)
             + 0.7152 * svg_channel ((rgb >> 8) & 0xff)
             + 0.0722 * svg_channel (rgb & 0xff);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/* ---- value axis ---- */

struct svg_scale {
  double lo, hi, step;
  int dec;                        /* decimals of the tick labels */
};

/* The smallest of 1, 2, 2.5, 5 x 10^k that is >= X. */
static double
svg_nice (double x)
{
  if (! (x > 0))
    return 1;
  double p = pow (10, floor (log10 (x)));
  double f = x / p;
  double n = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5
             : f <= 5 + 1e-9 ? 5 : 10;
  return n * p;
}

/* Value range of C: stacked sums for a stacked column chart, the
   reference lines included. */
static void
svg_data_range (const struct rd_chart *c, double *lo, double *hi)
{
  *lo = 0;
  *hi = 0;
  bool stack = RD_CHART_COLUMN == c->kind && c->stacked;
  for (size_t i = 0; i < c->n_cats; i++)
  {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < c->n_series; s++)
    {
      double v = c->series[s].values ? c->series[s].values[i] : NAN;
      if (! isfinite (v))
        continue;
      if (stack)
      {
        if (v > 0)
          pos += v;
        else
          neg += v;
      }
      else
      {
        pos = v > pos ? v : pos;
        neg = v < neg ? v : neg;
      }
    }
    *hi = pos > *hi ? pos : *hi;
    *lo = neg < *lo ? neg : *lo;
  }
  for (size_t k = 0; k < c->n_lines; k++)
    if (c->lines && isfinite (c->lines[k]))
    {
      *hi = c->lines[k] > *hi ? c->lines[k] : *hi;
      *lo = c->lines[k] < *lo ? c->lines[k] : *lo;
    }
}

static bool
svg_integral_data (const struct rd_chart *c)
{
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->n_cats; i++)
    {
      double v = c->series[s].values ? c->series[s].values[i] : NAN;
      if (isfinite (v) && v != floor (v))
        return false;
    }
  return true;
}

static void
svg_scale_for (const struct rd_chart *c, struct svg_scale *sc)
{
  double lo, hi;
  svg_data_range (c, &lo, &hi);
  bool fixed = c->y_max > 0 && c->y_max >= hi;
  if (fixed)
    hi = c->y_max;
  double span = hi - lo;
  if (! (span > 0))
    span = hi = 1;
  double step = svg_nice (span / 5);
  if (svg_integral_data (c) && 0 == c->decimals && step < 1)
    step = 1;
  sc->step = step;
  sc->hi = fixed ? hi : ceil (hi / step - 1e-9) * step;
  sc->lo = lo < 0 ? -ceil (-lo / step - 1e-9) * step : 0;
  if (! (sc->hi > sc->lo))
    sc->hi = sc->lo + step;
  sc->dec = 0;
  while (sc->dec < 4)
  {
    double m = step * pow (10, sc->dec);
    if (fabs (m - round (m)) < 1e-6)
      break;
    sc->dec++;
  }
}

/* The number of steps from LO to the last tick at or below HI (at most
   100, whatever the floating point does), and tick K's value. */
static int
svg_ticks (const struct svg_scale *sc)
{
  double n = floor ((sc->hi - sc->lo) / sc->step + 1e-6);
  return n > 100 ? 100 : n < 0 ? 0 : (int) n;
}

static double
svg_tick (const struct svg_scale *sc, int k)
{
  return sc->lo + k * sc->step;
}

/* "80,95 %": the value with the chart's unit after a space. */
static void
svg_value_label (char *out, size_t cap, const struct rd_chart *c, double v,
                 int decimals)
{
  char n[64];
  svg_num (n, sizeof n, v, decimals);
  if (c->unit && c->unit[0])
    snprintf (out, cap, "%s %s", n, c->unit);
  else
    snprintf (out, cap, "%s", n);
}

/* ---- pieces shared by the kinds ---- */

struct svg_plot {
  double x0, x1;                  /* value axis (BAR) or category area */
  double y0, y1;                  /* top and bottom of the plot */
  struct svg_scale sc;
};

static double
svg_vy (const struct svg_plot *p, double v)
{
  return p->y1 - (v - p->sc.lo) / (p->sc.hi - p->sc.lo) * (p->y1 - p->y0);
}

static double
svg_vx (const struct svg_plot *p, double v)
{
  return p->x0 + (v - p->sc.lo) / (p->sc.hi - p->sc.lo) * (p->x1 - p->x0);
}

static double
svg_series_value (const struct rd_chart *c, size_t s, size_t i)
{
  return c->series[s].values ? c->series[s].values[i] : NAN;
}

/* The widest tick label of a value axis. */
static double
svg_ticks_width (const struct rd_chart *c, const struct svg_scale *sc)
{
  double w = 0;
  for (int k = 0; k <= svg_ticks (sc); k++)
  {
    char l[96];
    svg_value_label (l, sizeof l, c, svg_tick (sc, k), sc->dec);
    double x = svg_width (l, SVG_FONT);
    w = x > w ? x : w;
  }
  return w;
}

static double
svg_ref_labels_width (const struct rd_chart *c)
{
  double w = 0;
  for (size_t k = 0; k < c->n_lines; k++)
  {
    const char *l = c->line_labels ? c->line_labels[k] : NULL;
    double x = svg_width (l, SVG_FONT);
    w = x > w ? x : w;
  }
  return w;
}

/* Markers tell the lines apart without colour. */
static void
svg_marker (struct buf *b, size_t series, double x, double y, unsigned rgb)
{
  switch (series % 4)
  {
  case 0:
    buf_printf (b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
                   "fill=\"#%06x\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                x, y, rgb);
    break;
  case 1:
    buf_printf (b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" "
                   "fill=\"#%06x\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                x - 4.5, y - 4.5, rgb);
    break;
  case 2:
    buf_printf (b, "<path d=\"M%.1f %.1fl5.5 9.5h-11z\" fill=\"#%06x\" "
                   "stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                x, y - 6, rgb);
    break;
  default:
    buf_printf (b, "<path d=\"M%.1f %.1fl5.5 5.5-5.5 5.5-5.5-5.5z\" "
                   "fill=\"#%06x\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                x, y - 5.5, rgb);
    break;
  }
}

/* The legend, in rows that fit the width.  With B NULL it only measures.
   Returns its height. */
static double
svg_legend (struct buf *b, const struct rd_chart *c, double top, bool line)
{
  if (c->n_series < 2)
    return 0;
  const double row = SVG_FONT * 1.6, sw = line ? 26 : 14, gap = 22;
  double x = 0, y = top;
  for (size_t s = 0; s < c->n_series; s++)
  {
    const char *name = c->series[s].name ? c->series[s].name : "";
    double w = sw + 6 + svg_width (name, SVG_FONT);
    if (x > 0 && x + w > SVG_W)
    {
      x = 0;
      y += row;
    }
    if (b)
    {
      unsigned rgb = svg_colour (s);
      double cy = y + row / 2;
      if (line)
      {
        buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                       "y2=\"%.1f\" stroke=\"#%06x\" stroke-width=\"2.5\"/>",
                    x, cy, x + sw, cy, rgb);
        svg_marker (b, s, x + sw / 2, cy, rgb);
      }
      else
        buf_printf (b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
                       "height=\"14\" fill=\"#%06x\"/>", x, cy - 7, rgb);
      struct svg_lines l = { 1, { name }, { strlen (name) } };
      svg_text_lines (b, x + sw + 6, cy + SVG_FONT * 0.35, "start",
                      SVG_FONT, SVG_INK, &l);
    }
    x += w + gap;
  }
  return y + row - top;
}

/* Horizontal grid lines and tick labels of a vertical value axis. */
static void
svg_y_axis (struct buf *b, const struct rd_chart *c, const struct svg_plot *p)
{
  const struct svg_scale *sc = &p->sc;
  for (int k = 0; k <= svg_ticks (sc); k++)
  {
    double t = svg_tick (sc, k);
    double y = svg_vy (p, t);
    char l[96];
    svg_value_label (l, sizeof l, c, t, sc->dec);
    buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"%s\" stroke-width=\"1\"/>",
                p->x0, y, p->x1, y, SVG_GRID);
    svg_text (b, p->x0 - 6, y + SVG_FONT * 0.35, "end", SVG_FONT,
              SVG_MUTED, false, l);
  }
}

/* Dashed horizontal reference lines across the plot, their labels in the
   right margin, pushed apart so that they never overlap. */
static void
svg_ref_lines_h (struct buf *b, const struct rd_chart *c,
                 const struct svg_plot *p)
{
  if (0 == c->n_lines || NULL == c->lines)
    return;
  size_t n = c->n_lines;
  double *ys = calloc (n, sizeof *ys);
  size_t *ord = calloc (n, sizeof *ord);
  if (NULL == ys || NULL == ord)
  {
    free (ys);
    free (ord);
    b->oom = true;
    return;
  }
  for (size_t k = 0; k < n; k++)
  {
    ord[k] = k;
    ys[k] = isfinite (c->lines[k]) ? svg_vy (p, c->lines[k]) : NAN;
    if (isfinite (ys[k]))
      buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                     "stroke=\"%s\" stroke-width=\"1.5\" "
                     "stroke-dasharray=\"6 4\"/>",
                  p->x0, ys[k], p->x1, ys[k], SVG_REF);
  }
  /* Sort by position (insertion sort: a handful of lines), then keep a
     line's height between neighbouring labels. */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && ys[ord[j]] < ys[ord[j - 1]]; j--)
    {
      size_t t = ord[j];
      ord[j] = ord[j - 1];
      ord[j - 1] = t;
    }
  double last = -1e9;
  for (size_t i = 0; i < n; i++)
  {
    size_t k = ord[i];
    if (! isfinite (ys[k]))
      continue;
    double y = ys[k] + SVG_FONT * 0.35;
    if (y < last + SVG_FONT * 1.1)
      y = last + SVG_FONT * 1.1;
    last = y;
    const char *l = c->line_labels ? c->line_labels[k] : NULL;
    if (l)
    {
      struct svg_lines ll = { 1, { l }, { strlen (l) } };
      svg_text_lines (b, p->x1 + 6, y, "start", SVG_FONT, SVG_INK, &ll);
    }
  }
  free (ys);
  free (ord);
}

/* How the category labels under a plot are set: wrapped at the normal
   size when every word fits its slot, else wrapped smaller, else slanted
   (rotated 35 degrees, wrapped to SVG_SLANT_W) so that neighbours never
   overlap. */
#define SVG_SLANT_W 150.0
#define SVG_SLANT_SIN 0.5736
#define SVG_SLANT_COS 0.8192

struct svg_cats {
  double font;
  bool slant;
  double height;                  /* below the plot */
};

static double
svg_widest_word (const char *s)
{
  double w = 0;
  const char *p = s ? s : "";
  while (*p)
  {
    size_t n = strcspn (p, " ");
    double x = svg_width_n (p, n, 1);
    w = x > w ? x : w;
    p += n;
    p += strspn (p, " ");
  }
  return w;
}

/* Decide, and when slanting move P's left edge so that the first label
   fits; SLOT is updated. */
static void
svg_cats_plan (const struct rd_chart *c, struct svg_plot *p, double *slot,
               struct svg_cats *k)
{
  size_t n = c->n_cats ? c->n_cats : 1;
  double word = 0;
  for (size_t i = 0; i < c->n_cats; i++)
  {
    double w = svg_widest_word (c->cats ? c->cats[i] : NULL);
    word = w > word ? w : word;
  }
  k->font = SVG_FONT;
  k->slant = false;
  if (word * SVG_FONT > *slot - 4)
    k->font = SVG_SMALL;
  if (word * SVG_SMALL > *slot - 4)
    k->slant = true;
  size_t lines = 1;
  double reach = 0;               /* widest label, and its depth */
  for (size_t i = 0; i < c->n_cats; i++)
  {
    struct svg_lines l;
    svg_wrap (c->cats ? c->cats[i] : "", k->slant ? SVG_SLANT_W : *slot - 6,
              k->font, &l);
    lines = l.n > lines ? l.n : lines;
    for (size_t m = 0; m < l.n; m++)
    {
      double w = svg_width_n (l.s[m], l.len[m], k->font);
      reach = w > reach ? w : reach;
    }
  }
  double block = k->font * SVG_LINE * (double) lines;
  if (! k->slant)
  {
    k->height = block + 4;
    return;
  }
  k->height = reach * SVG_SLANT_SIN + block * SVG_SLANT_COS + 8;
  double need = reach * SVG_SLANT_COS + 4;
  if (p->x0 + *slot / 2 < need)
  {
    /* The slot depends on x0: solve x0 + (x1 - x0) / 2n = need. */
    double h = 1 / (2.0 * (double) n);
    double x0 = (need - p->x1 * h) / (1 - h);
    p->x0 = x0 > p->x0 ? x0 : p->x0;
    *slot = (p->x1 - p->x0) / (double) n;
  }
}

static void
svg_cat_labels (struct buf *b, const struct rd_chart *c, double x0,
                double slot, double top, const struct svg_cats *k)
{
  for (size_t i = 0; i < c->n_cats; i++)
  {
    struct svg_lines l;
    double x = x0 + (i + 0.5) * slot;
    svg_wrap (c->cats ? c->cats[i] : "", k->slant ? SVG_SLANT_W : slot - 6,
              k->font, &l);
    if (! k->slant)
    {
      svg_text_lines (b, x, top + k->font, "middle", k->font, SVG_INK, &l);
      continue;
    }
    double y = top + k->font * 0.8;
    buf_printf (b, "<g transform=\"rotate(-35 %.1f %.1f)\">", x, y);
    svg_text_lines (b, x, y, "end", k->font, SVG_INK, &l);
    buf_puts (b, "</g>");
  }
}

/* ---- the kinds ---- */

/* Vertical bars, grouped or stacked.  Returns the height used. */
static double
svg_column (struct buf *b, const struct rd_chart *c, double top)
{
  struct svg_plot p;
  svg_scale_for (c, &p.sc);
  double legend = svg_legend (b, c, top, false);
  double right = c->n_lines ? svg_ref_labels_width (c) + 12 : 8;
  p.x0 = svg_ticks_width (c, &p.sc) + 10;
  p.x1 = SVG_W - right;
  p.y0 = top + legend + (legend > 0 ? 6 : 0) + SVG_FONT + 8;
  p.y1 = p.y0 + 240;
  size_t n = c->n_cats ? c->n_cats : 1;
  double slot = (p.x1 - p.x0) / (double) n;
  struct svg_cats cats;
  svg_cats_plan (c, &p, &slot, &cats);
  bool stack = c->stacked && c->n_series > 1;
  size_t ns = c->n_series ? c->n_series : 1;
  double group = slot * (stack || 1 == ns ? 0.56 : 0.8);
  double bw = stack ? group : group / (double) ns;
  svg_y_axis (b, c, &p);

  /* One size for every value label: the largest that fits a bar. */
  double lw = 0;
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->n_cats; i++)
    {
      char l[64];
      svg_num (l, sizeof l, svg_series_value (c, s, i), c->decimals);
      double w = svg_width (l, 1);
      lw = w > lw ? w : lw;
    }
  double vfont = lw * SVG_FONT <= bw + 4 ? SVG_FONT
                 : lw * SVG_SMALL <= bw + 4 ? SVG_SMALL : 0;
  /* Two passes: the bars, then (over the axis and the reference lines)
     their labels. */
  double zero = svg_vy (&p, 0);
  for (int pass = 0; pass < 2; pass++)
  {
    if (1 == pass)
    {
      buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                     "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>",
                  p.x0, zero, p.x1, zero, SVG_AXIS);
      svg_ref_lines_h (b, c, &p);
      if (0 == vfont)
        break;
    }
    for (size_t i = 0; i < c->n_cats; i++)
    {
      double gx = p.x0 + (i + 0.5) * slot - group / 2;
      double pos = 0, neg = 0;
      bool any = false;
      for (size_t s = 0; s < c->n_series; s++)
      {
        double v = svg_series_value (c, s, i);
        if (! isfinite (v))
          continue;
        any = true;
        unsigned rgb = svg_colour (s);
        double x = stack ? gx : gx + (double) s * bw;
        double a = 0, z = v;      /* the value interval drawn */
        if (stack)
        {
          double *acc = v >= 0 ? &pos : &neg;
          a = *acc;
          z = *acc + v;
          *acc = z;
        }
        double ya = svg_vy (&p, a), yz = svg_vy (&p, z);
        double y = ya < yz ? ya : yz, h = fabs (ya - yz);
        double w = stack ? bw : bw - (ns > 1 ? 2 : 0);
        if (0 == pass)
        {
          if (h > 0)
            buf_printf (b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                           "height=\"%.1f\" fill=\"#%06x\"%s/>",
                        x, y, w, h, rgb, stack ? " stroke=\"#ffffff\" "
                                                 "stroke-width=\"1\"" : "");
          continue;
        }
        char l[64];
        svg_num (l, sizeof l, v, c->decimals);
        if (stack)
        {
          /* Inside the segment when it is tall enough; zeros unlabelled. */
          if (v != 0 && h >= vfont + 4)
            svg_text (b, x + w / 2, y + h / 2 + vfont * 0.35, "middle",
                      vfont, svg_text_on (rgb), false, l);
        }
        else if (v >= 0)
          svg_text_x (b, x + w / 2, yz - 5, "middle", vfont, SVG_INK, false,
                      true, l);
        else
          svg_text_x (b, x + w / 2, yz + vfont + 3, "middle", vfont,
                      SVG_INK, false, true, l);
      }
      if (1 == pass && stack && any)
      {
        /* The stack's total above it, bold. */
        char l[64];
        svg_num (l, sizeof l, pos + neg, c->decimals);
        svg_text_x (b, gx + group / 2, svg_vy (&p, pos) - 5, "middle",
                    vfont, SVG_INK, true, true, l);
      }
    }
  }
  svg_cat_labels (b, c, p.x0, slot, p.y1 + 4, &cats);
  return p.y1 + 4 + cats.height + 4 - top;
}

/* One line per series over the categories; NAN leaves a gap. */
static double
svg_line (struct buf *b, const struct rd_chart *c, double top)
{
  struct svg_plot p;
  svg_scale_for (c, &p.sc);
  double legend = svg_legend (b, c, top, true);
  double right = c->n_lines ? svg_ref_labels_width (c) + 12 : 8;
  p.x0 = svg_ticks_width (c, &p.sc) + 10;
  p.x1 = SVG_W - right;
  p.y0 = top + legend + (legend > 0 ? 6 : 0) + SVG_SMALL + 10;
  p.y1 = p.y0 + 240;
  size_t n = c->n_cats ? c->n_cats : 1;
  double slot = (p.x1 - p.x0) / (double) n;
  struct svg_cats cats;
  svg_cats_plan (c, &p, &slot, &cats);
  svg_y_axis (b, c, &p);
  buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"%s\" stroke-width=\"1.5\"/>",
              p.x0, svg_vy (&p, p.sc.lo), p.x1, svg_vy (&p, p.sc.lo),
              SVG_AXIS);
  svg_ref_lines_h (b, c, &p);
  for (size_t s = 0; s < c->n_series; s++)
  {
    unsigned rgb = svg_colour (s);
    bool open = false;
    for (size_t i = 0; i < c->n_cats; i++)
    {
      double v = svg_series_value (c, s, i);
      if (! isfinite (v))
      {
        if (open)
          buf_puts (b, "\" fill=\"none\" stroke-width=\"2.5\" "
                       "stroke-linejoin=\"round\"/>");
        open = false;
        continue;
      }
      double x = p.x0 + (i + 0.5) * slot, y = svg_vy (&p, v);
      if (! open)
        buf_printf (b, "<path stroke=\"#%06x\" d=\"M%.1f %.1f", rgb, x, y);
      else
        buf_printf (b, "L%.1f %.1f", x, y);
      open = true;
    }
    if (open)
      buf_puts (b, "\" fill=\"none\" stroke-width=\"2.5\" "
                   "stroke-linejoin=\"round\"/>");
  }
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->n_cats; i++)
    {
      double v = svg_series_value (c, s, i);
      if (isfinite (v))
        svg_marker (b, s, p.x0 + (i + 0.5) * slot, svg_vy (&p, v),
                    svg_colour (s));
    }
  /* Value labels, up to three lines: the highest point's above it, the
     others below theirs, pushed apart so that close lines keep their
     labels legible.  More lines would only stack labels: the <desc> and
     the document's tables carry the values then. */
  for (size_t i = 0; c->n_series <= 3 && i < c->n_cats; i++)
  {
    size_t ord[3], m = 0;
    double ly[3];
    for (size_t s = 0; s < c->n_series; s++)
      if (isfinite (svg_series_value (c, s, i)))
        ord[m++] = s;
    for (size_t a = 1; a < m; a++)  /* by height on the page, top first */
      for (size_t z = a; z > 0 && svg_series_value (c, ord[z], i)
                                  > svg_series_value (c, ord[z - 1], i); z--)
      {
        size_t t = ord[z];
        ord[z] = ord[z - 1];
        ord[z - 1] = t;
      }
    for (size_t a = 0; a < m; a++)
    {
      double y = svg_vy (&p, svg_series_value (c, ord[a], i));
      ly[a] = 0 == a ? y - 9 : y + SVG_SMALL + 8;
      if (a > 0 && ly[a] < ly[a - 1] + SVG_SMALL + 2)
        ly[a] = ly[a - 1] + SVG_SMALL + 2;
    }
    /* Not into the category labels. */
    double over = m > 0 ? ly[m - 1] - (p.y1 - 3) : 0;
    for (size_t a = 0; over > 0 && a < m; a++)
      ly[a] -= over;
    for (size_t a = 0; a < m; a++)
    {
      char l[64];
      svg_num (l, sizeof l, svg_series_value (c, ord[a], i), c->decimals);
      svg_text_x (b, p.x0 + (i + 0.5) * slot, ly[a], "middle", SVG_SMALL,
                  SVG_INK, 0 == a, true, l);
    }
  }
  svg_cat_labels (b, c, p.x0, slot, p.y1 + 4, &cats);
  return p.y1 + 4 + cats.height + 4 - top;
}

/* Horizontal bars, each category's label on its own line above its bar
   (as the IKM page does), so a long label never has to be cut. */
static double
svg_bar (struct buf *b, const struct rd_chart *c, double top)
{
  struct svg_plot p;
  svg_scale_for (c, &p.sc);
  double legend = svg_legend (b, c, top, false);
  double vw = 0;
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->n_cats; i++)
    {
      char l[64];
      svg_num (l, sizeof l, svg_series_value (c, s, i), c->decimals);
      double w = svg_width (l, SVG_FONT);
      vw = w > vw ? w : vw;
    }
  double lastw = 0;               /* the last tick label hangs right */
  {
    char l[96];
    svg_value_label (l, sizeof l, c, p.sc.hi, p.sc.dec);
    lastw = svg_width (l, SVG_FONT) / 2;
  }
  p.x0 = 0;
  p.x1 = SVG_W - (vw + 10 > lastw ? vw + 10 : lastw) - 2;
  size_t ns = c->n_series ? c->n_series : 1;
  double bh = ns > 1 ? 16 : 22;
  double y = top + legend + (legend > 0 ? 8 : 0);
  for (size_t i = 0; i < c->n_cats; i++)
  {
    struct svg_lines l;
    svg_wrap (c->cats ? c->cats[i] : "", SVG_W, SVG_FONT, &l);
    svg_text_lines (b, 0, y + SVG_FONT, "start", SVG_FONT, SVG_INK, &l);
    y += SVG_FONT * SVG_LINE * (double) l.n + 4;
    double band = (double) ns * bh + (double) (ns - 1) * 3;
    /* The track and its grid marks, then the bars. */
    buf_printf (b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                   "height=\"%.1f\" fill=\"#f0f2f5\"/>",
                p.x0, y, p.x1 - p.x0, band);
    for (int k = 1; k <= svg_ticks (&p.sc); k++)
    {
      double t = svg_tick (&p.sc, k);
      if (t < p.sc.hi - p.sc.step * 1e-6)   /* not on the track's end */
        buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                       "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>",
                    svg_vx (&p, t), y, svg_vx (&p, t), y + band, SVG_GRID);
    }
    for (size_t k = 0; c->lines && k < c->n_lines; k++)
      if (isfinite (c->lines[k]))
        buf_printf (b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                       "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"4 3\"/>",
                    svg_vx (&p, c->lines[k]), y - 2,
                    svg_vx (&p, c->lines[k]), y + band + 2, SVG_REF);
    for (size_t s = 0; s < c->n_series; s++)
    {
      double v = svg_series_value (c, s, i);
      double by = y + (double) s * (bh + 3);
      char lab[64];
      if (! isfinite (v))
      {
        svg_text (b, p.x0 + 6, by + bh / 2 + SVG_SMALL * 0.35, "start",
                  SVG_SMALL, SVG_MUTED, false, "tidak ada data");
        continue;
      }
      double xa = svg_vx (&p, v < 0 ? v : 0), xz = svg_vx (&p, v < 0 ? 0 : v);
      if (xz > xa)
        buf_printf (b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                       "height=\"%.1f\" fill=\"#%06x\"/>",
                    xa, by, xz - xa, bh, svg_colour (s));
      svg_num (lab, sizeof lab, v, c->decimals);
      svg_text_x (b, xz + 6, by + bh / 2 + SVG_FONT * 0.35, "start",
                  SVG_FONT, SVG_INK, true, true, lab);
    }
    y += band + 12;
  }
  /* The value axis under the last bar, then reference-line labels. */
  for (int k = 0; k <= svg_ticks (&p.sc); k++)
  {
    double t = svg_tick (&p.sc, k);
    char l[96];
    svg_value_label (l, sizeof l, c, t, p.sc.dec);
    double x = svg_vx (&p, t);
    svg_text (b, x, y + SVG_FONT * 0.5, t == p.sc.lo ? "start" : "middle",
              SVG_FONT, SVG_MUTED, false, l);
  }
  y += SVG_FONT * 0.5 + 6;
  for (size_t k = 0; c->lines && c->line_labels && k < c->n_lines; k++)
  {
    if (! c->line_labels[k])
      continue;
    struct svg_lines l = { 1, { c->line_labels[k] },
                           { strlen (c->line_labels[k]) } };
    char v[96];
    svg_value_label (v, sizeof v, c, c->lines[k], c->decimals);
    buf_printf (b, "<line x1=\"0\" y1=\"%.1f\" x2=\"18\" y2=\"%.1f\" "
                   "stroke=\"%s\" stroke-width=\"1.5\" "
                   "stroke-dasharray=\"4 3\"/>",
                y + SVG_FONT * 0.9, y + SVG_FONT * 0.9, SVG_REF);
    svg_text_lines (b, 24, y + SVG_FONT * 1.25, "start", SVG_FONT, SVG_INK,
                    &l);
    y += SVG_FONT * 1.4;
  }
  return y + 4 - top;
}

/* ---- the description for screen readers ---- */

static void
svg_desc (struct buf *t, const struct rd_chart *c)
{
  bool stack = RD_CHART_COLUMN == c->kind && c->stacked && c->n_series > 1;
  for (size_t i = 0; i < c->n_cats; i++)
  {
    buf_puts (t, c->cats && c->cats[i] ? c->cats[i] : "");
    buf_puts (t, ": ");
    double sum = 0;
    bool any = false;
    for (size_t s = 0; s < c->n_series; s++)
    {
      double v = svg_series_value (c, s, i);
      char l[96];
      if (c->n_series > 1)
      {
        buf_puts (t, c->series[s].name ? c->series[s].name : "");
        buf_puts (t, " ");
      }
      if (isfinite (v))
      {
        svg_value_label (l, sizeof l, c, v, c->decimals);
        buf_puts (t, l);
        sum += v;
        any = true;
      }
      else
        buf_puts (t, "tidak ada data");
      if (s + 1 < c->n_series)
        buf_puts (t, "; ");
    }
    if (stack && any)
    {
      char l[96];
      svg_value_label (l, sizeof l, c, sum, c->decimals);
      buf_printf (t, "; jumlah %s", l);
    }
    buf_puts (t, ". ");
  }
  for (size_t k = 0; c->lines && k < c->n_lines; k++)
  {
    char l[96];
    svg_value_label (l, sizeof l, c, c->lines[k], c->decimals);
    buf_puts (t, 0 == k ? "Garis acuan: " : "; ");
    if (c->line_labels && c->line_labels[k])
    {
      buf_puts (t, c->line_labels[k]);
      buf_puts (t, " pada ");
    }
    buf_puts (t, l);
    if (k + 1 == c->n_lines)
      buf_puts (t, ".");
  }
  /* No trailing blank. */
  while (t->len > 0 && ' ' == t->p[t->len - 1])
    t->p[--t->len] = '\0';
}

void
chart_svg_write (struct buf *b, const struct rd_chart *c, const char *id)
{
  struct buf body = { 0 };
  double h;
  switch (c->kind)
  {
  case RD_CHART_BAR:
    h = svg_bar (&body, c, 4);
    break;
  case RD_CHART_LINE:
    h = svg_line (&body, c, 4);
    break;
  case RD_CHART_COLUMN:
  default:
    h = svg_column (&body, c, 4);
    break;
  }
  buf_printf (b, "<svg class=\"chart-svg\" role=\"img\" "
                 "aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\" "
                 "viewBox=\"0 0 %.0f %.0f\" "
                 "xmlns=\"http://www.w3.org/2000/svg\">"
                 "<title id=\"%s-t\">", id, id, SVG_W, ceil (h + 8), id);
  struct buf t = { 0 };
  if (c->number && c->number[0])
  {
    buf_puts (&t, c->number);
    buf_puts (&t, ". ");
  }
  buf_puts (&t, c->title ? c->title : "");
  buf_html_escape (b, t.p ? t.p : "");
  buf_printf (b, "</title><desc id=\"%s-d\">", id);
  t.len = 0;
  if (t.p)
    t.p[0] = '\0';
  svg_desc (&t, c);
  buf_html_escape (b, t.p ? t.p : "");
  buf_puts (b, "</desc>");
  buf_append (b, body.p ? body.p : "", body.len);
  buf_puts (b, "</svg>");
  if (body.oom || t.oom)
    b->oom = true;
  buf_free (&t);
  buf_free (&body);
}
