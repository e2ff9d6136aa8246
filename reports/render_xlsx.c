/*
 * XLSX renderer (render.h): one worksheet per table of the document (not
 * NO_CSV), in document order, then a sheet "Keterangan" with the title,
 * evidence lines and the keterangan keaslian pairs.  Written with
 * libxlsxwriter 1.1.4.
 *
 * Layout of a table sheet (doc.h, RD_XLSX_*; the builders' formulas such
 * as "=SUM(B3:B8)" rely on it): row 1 "Tabel N. Title", row 2 the headers,
 * data from row 3, columns from A, the note two rows under the data.
 * Numbers are written as numbers, formulas together with their value
 * (LibreOffice and WPS do not recalculate on open), text always as a string
 * (so "=cmd|..." stays text).  Only explicit cell formats: no Excel table
 * objects, whose structured references LibreOffice shows as Err:507.
 *
 * Reproducible bytes (REPORTS.md §1.2): libxlsxwriter 1.1.4 stamps every
 * ZIP entry with the fixed date 1980-01-01 00:00 and writes docProps/
 * core.xml's created and modified dates from lxw_doc_properties.created
 * (through gmtime), which we set to the document date (left at 0 it would
 * be the wall clock).  Nothing else in the package depends on the clock or
 * the time zone, so the same doc gives the same bytes.  As a guard the ZIP
 * date and time fields are nevertheless rewritten to 1980-01-01 00:00 after
 * the fact (xl_zip_fix_times), so that a build of libxlsxwriter or minizip
 * that stamped entries with the wall clock would still give reproducible
 * files.
 *
 * libxlsxwriter 1.1.4 writes only to a named file (output_buffer came in
 * 1.1.5), so the package goes to a private temporary file (mkstemp in
 * $TMPDIR or /tmp) that is read back into OUT and removed.  constant_memory
 * mode keeps one row in memory instead of every cell (100,000 rows of 14
 * columns: 1.6 s and about 7 MB beyond the doc, against 3 s and 290 MB
 * without it); strings are then written inline instead of in the shared
 * string table, which Excel, LibreOffice and WPS all read.  Rows are
 * therefore written strictly in order.
 */
#include "render.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XL_NAME_MAX 31            /* Excel's sheet name limit (UTF-16) */
#define XL_NAME_CAP (4 * XL_NAME_MAX + 1)
#define XL_STR_MAX 32767          /* characters in one cell */
#define XL_DEC_MAX 15             /* decimals a number format can have */
#define XL_NF_N (XL_DEC_MAX + 2)  /* text, then 0 ... XL_DEC_MAX decimals */
#define XL_FMT_N (XL_NF_N * 2 * 2 * 3 * 2)
#define XL_WIDTH_MIN 6.0          /* column widths, in characters */
#define XL_WIDTH_MAX 60.0
#define XL_WIDTH_WRAP 20.0        /* longer text may always widen to this */
#define XL_PAGE_PORTRAIT 100.0    /* characters across an A4 page */
#define XL_PAGE_LANDSCAPE 150.0
#define XL_HEADER_FILL 0xD9E1F2
#define XL_PAPER_A4 9
#define XL_INFO_SHEET "Keterangan"

/* workbook_close formats core.xml's dates with gmtime, whose static result
   another thread's XLSX render could overwrite in between: one close at a
   time. */
static pthread_mutex_t xl_close_lock = PTHREAD_MUTEX_INITIALIZER;

struct xl {
  const struct rd_doc *d;
  lxw_workbook *wb;
  lxw_format *cell_fmt[XL_FMT_N];  /* data cells, made when first used */
  lxw_format *title, *header, *note, *bold;
  char (*names)[XL_NAME_CAP];      /* sheet names given so far */
  size_t n_names;
  char *scratch;                   /* xl_clean's copies */
  size_t scratch_cap;
  char *err;
  size_t errlen;
  bool failed;
};

static void xl_fail (struct xl *x, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Record the first failure in X's ERR. */
static void
xl_fail (struct xl *x, const char *fmt, ...)
{
  if (x->failed)
    return;
  x->failed = true;
  if (x->errlen > 0)
  {
    va_list ap;
    va_start (ap, fmt);
    vsnprintf (x->err, x->errlen, fmt, ap);
    va_end (ap);
  }
}

/* ---- UTF-8 ---- */

/* The code point of the UTF-8 sequence at S (N bytes available), its length
   in *LEN; -1 (and *LEN 1) for an invalid, overlong or surrogate
   sequence. */
static long
xl_utf8_next (const unsigned char *s, size_t n, size_t *len)
{
  unsigned char c = s[0];
  size_t need;
  long cp, min;
  *len = 1;
  if (c < 0x80)
    return c;
  if (c >= 0xc2 && c <= 0xdf)
  {
    need = 1;
    cp = c & 0x1f;
    min = 0x80;
  }
  else if (c >= 0xe0 && c <= 0xef)
  {
    need = 2;
    cp = c & 0x0f;
    min = 0x800;
  }
  else if (c >= 0xf0 && c <= 0xf4)
  {
    need = 3;
    cp = c & 0x07;
    min = 0x10000;
  }
  else
    return -1;
  if (n < need + 1)
    return -1;
  for (size_t i = 1; i <= need; i++)
  {
    if ((s[i] & 0xc0) != 0x80)
      return -1;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return -1;
  *len = need + 1;
  return cp;
}

/* Append code point CP to OUT (room checked by the caller). */
static size_t
xl_utf8_put (long cp, char *out)
{
  unsigned char *o = (unsigned char *) out;
  if (cp < 0x80)
  {
    o[0] = (unsigned char) cp;
    return 1;
  }
  if (cp < 0x800)
  {
    o[0] = (unsigned char) (0xc0 | (cp >> 6));
    o[1] = (unsigned char) (0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000)
  {
    o[0] = (unsigned char) (0xe0 | (cp >> 12));
    o[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
    o[2] = (unsigned char) (0x80 | (cp & 0x3f));
    return 3;
  }
  o[0] = (unsigned char) (0xf0 | (cp >> 18));
  o[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
  o[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
  o[3] = (unsigned char) (0x80 | (cp & 0x3f));
  return 4;
}

/* S made safe for a cell: invalid UTF-8 and U+FFFE/U+FFFF (not allowed in
   XML) become U+FFFD, and text beyond Excel's 32767 characters is cut
   (libxlsxwriter would refuse the cell).  Control characters are left to
   libxlsxwriter, which escapes them as _xHHHH_.  Returns S itself when it
   needs no change, else a copy in X's scratch buffer that lives until the
   next call; NULL when out of memory. */
static const char *
xl_clean (struct xl *x, const char *s)
{
  const unsigned char *p = (const unsigned char *) s;
  size_t n = strlen (s), i = 0, chars = 0;
  bool dirty = false;
  while (i < n)
  {
    size_t len;
    long cp = xl_utf8_next (p + i, n - i, &len);
    if (cp < 0 || cp == 0xfffe || cp == 0xffff || ++chars > XL_STR_MAX)
    {
      dirty = true;
      break;
    }
    i += len;
  }
  if (! dirty)
    return s;
  if (x->scratch_cap < 3 * n + 1)
  {
    char *q = realloc (x->scratch, 3 * n + 1);
    if (NULL == q)
      return NULL;
    x->scratch = q;
    x->scratch_cap = 3 * n + 1;
  }
  size_t o = 0;
  chars = 0;
  for (i = 0; i < n && chars < XL_STR_MAX; chars++)
  {
    size_t len;
    long cp = xl_utf8_next (p + i, n - i, &len);
    if (cp < 0 || cp == 0xfffe || cp == 0xffff)
      cp = 0xfffd;
    o += xl_utf8_put (cp, x->scratch + o);
    i += len;
  }
  x->scratch[o] = '\0';
  return x->scratch;
}

/* Whether S can go into an XML attribute or metadata field as it is:
   valid UTF-8 (per xl_clean) without control characters, which
   libxlsxwriter escapes in cells only. */
static bool
xl_plain (struct xl *x, const char *s)
{
  for (const char *p = s; *p; p++)
    if ((unsigned char) *p < 0x20 || 0x7f == *p)
      return false;
  return xl_clean (x, s) == s;
}

/* Display width of S in characters: its longest line (WORDS false) or its
   longest word (WORDS true, for headers, which wrap). */
static size_t
xl_text_width (const char *s, bool words)
{
  const unsigned char *p = (const unsigned char *) s;
  size_t best = 0, cur = 0;
  if (NULL == s)
    return 0;
  for (; *p; p++)
  {
    if (*p == '\n' || (words && (*p == ' ' || *p == '\t')))
    {
      cur = 0;
      continue;
    }
    if ((*p & 0xc0) != 0x80)
      cur++;
    if (cur > best)
      best = cur;
  }
  return best;
}

/* ---- sheet names ---- */

static bool
xl_name_eq (const char *a, const char *b)
{
  for (; *a && *b; a++, b++)
  {
    unsigned char ca = (unsigned char) *a, cb = (unsigned char) *b;
    if (ca >= 'A' && ca <= 'Z')
      ca = (unsigned char) (ca - 'A' + 'a');
    if (cb >= 'A' && cb <= 'Z')
      cb = (unsigned char) (cb - 'A' + 'a');
    if (ca != cb)
      return false;
  }
  return *a == *b;
}

static bool
xl_name_used (const struct xl *x, const char *name)
{
  if (xl_name_eq (name, "History"))   /* reserved by Excel */
    return true;
  for (size_t i = 0; i < x->n_names; i++)
    if (xl_name_eq (name, x->names[i]))
      return true;
  return false;
}

/* Copy WANT into OUT as a valid sheet name of at most MAX UTF-16 units:
   []:*?/\ become '-', control characters and invalid UTF-8 a space or
   U+FFFD, no leading or trailing apostrophe or space. */
static void
xl_name_copy (const char *want, size_t max, char out[XL_NAME_CAP])
{
  const unsigned char *p = (const unsigned char *) want;
  size_t n = strlen (want), i = 0, o = 0, units = 0;
  while (i < n && (p[i] == ' ' || p[i] == '\''))
    i++;
  while (i < n)
  {
    size_t len;
    long cp = xl_utf8_next (p + i, n - i, &len);
    if (cp < 0 || cp == 0xfffe || cp == 0xffff)
      cp = 0xfffd;
    else if (cp < 0x20 || cp == 0x7f)
      cp = ' ';
    else if (cp < 0x80 && strchr ("[]:*?/\\", (int) cp))
      cp = '-';
    size_t u = cp >= 0x10000 ? 2 : 1;
    if (units + u > max)
      break;
    units += u;
    o += xl_utf8_put (cp, out + o);
    i += len;
  }
  while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\''))
    o--;
  out[o] = '\0';
}

/* Record NAME as taken. */
static bool
xl_name_add (struct xl *x, const char *name)
{
  char (*names)[XL_NAME_CAP] = realloc (x->names, (x->n_names + 1)
                                        * sizeof *x->names);
  if (NULL == names)
  {
    xl_fail (x, "xlsx: out of memory");
    return false;
  }
  x->names = names;
  snprintf (x->names[x->n_names++], XL_NAME_CAP, "%s", name);
  return true;
}

/* A sheet name for WANT (or FALLBACK when WANT gives nothing), unique among
   X's sheets (ignoring ASCII case, as Excel does): "Name", "Name (2)", ...
   The name is recorded in X. */
static bool
xl_sheet_name (struct xl *x, const char *want, const char *fallback,
               char out[XL_NAME_CAP])
{
  char base[XL_NAME_CAP];
  xl_name_copy (want ? want : "", XL_NAME_MAX, base);
  if ('\0' == base[0])
    xl_name_copy (fallback, XL_NAME_MAX, base);
  snprintf (out, XL_NAME_CAP, "%s", base);
  for (unsigned k = 2; xl_name_used (x, out); k++)
  {
    char suffix[16], cut[XL_NAME_CAP];
    int sl = snprintf (suffix, sizeof suffix, " (%u)", k);
    xl_name_copy (base, XL_NAME_MAX - (size_t) sl, cut);
    /* At most 3 bytes a UTF-16 unit: CUT and SUFFIX fit in OUT. */
    size_t cl = strlen (cut);
    memcpy (out, cut, cl);
    memcpy (out + cl, suffix, (size_t) sl + 1);
  }
  return xl_name_add (x, out);
}

/* ---- formats ---- */

/* Excel number format for DECIMALS: 0 "#,##0", 2 "#,##0.00", 4 "0.0000"
   (up to three decimals with thousands separators, more without). */
static void
xl_num_format (int decimals, char out[32])
{
  if (decimals <= 0)
  {
    strcpy (out, "#,##0");
    return;
  }
  size_t o = 0;
  const char *head = decimals < 4 ? "#,##0." : "0.";
  o = strlen (head);
  memcpy (out, head, o);
  for (int i = 0; i < decimals && i < XL_DEC_MAX; i++)
    out[o++] = '0';
  out[o] = '\0';
}

/* The format of a data cell: NF -1 for text, else decimals (0 or more);
   made on first use so that styles.xml holds only what the document
   uses. */
static lxw_format *
xl_cell_format (struct xl *x, int nf, bool bold, bool total,
                enum rd_align align, bool wrap)
{
  if (nf > XL_DEC_MAX)
    nf = XL_DEC_MAX;
  unsigned al = align == RD_RIGHT ? 1 : align == RD_CENTER ? 2 : 0;
  size_t i = ((((size_t) (nf + 1) * 2 + bold) * 2 + total) * 3 + al) * 2
             + wrap;
  if (x->cell_fmt[i])
    return x->cell_fmt[i];
  lxw_format *f = workbook_add_format (x->wb);
  if (NULL == f)
  {
    xl_fail (x, "xlsx: out of memory");
    return NULL;
  }
  if (nf >= 0)
  {
    char code[32];
    xl_num_format (nf, code);
    format_set_num_format (f, code);
  }
  if (bold)
    format_set_bold (f);
  if (total)
    format_set_top (f, LXW_BORDER_THIN);
  if (1 == al)
    format_set_align (f, LXW_ALIGN_RIGHT);
  else if (2 == al)
    format_set_align (f, LXW_ALIGN_CENTER);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  if (wrap)
    format_set_text_wrap (f);
  x->cell_fmt[i] = f;
  return f;
}

static bool
xl_fixed_formats (struct xl *x)
{
  x->title = workbook_add_format (x->wb);
  x->header = workbook_add_format (x->wb);
  x->note = workbook_add_format (x->wb);
  x->bold = workbook_add_format (x->wb);
  if (NULL == x->title || NULL == x->header || NULL == x->note
      || NULL == x->bold)
  {
    xl_fail (x, "xlsx: out of memory");
    return false;
  }
  format_set_bold (x->title);
  format_set_bold (x->header);
  format_set_bg_color (x->header, XL_HEADER_FILL);
  format_set_border (x->header, LXW_BORDER_THIN);
  format_set_text_wrap (x->header);
  format_set_align (x->header, LXW_ALIGN_CENTER);
  format_set_align (x->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_italic (x->note);
  format_set_bold (x->bold);
  return true;
}

/* ---- writing ---- */

static bool
xl_check (struct xl *x, lxw_error e, const char *sheet, lxw_row_t row,
          lxw_col_t col)
{
  if (LXW_NO_ERROR == e)
    return true;
  char ref[16];
  lxw_rowcol_to_cell (ref, row, col);
  xl_fail (x, "xlsx: sheet \"%s\" cell %s: %s", sheet, ref,
           lxw_strerror (e));
  return false;
}

/* Write S (possibly NULL) as a string, never as a formula. */
static bool
xl_string (struct xl *x, lxw_worksheet *ws, const char *sheet, lxw_row_t row,
           lxw_col_t col, const char *s, lxw_format *f)
{
  if (NULL == s)
    s = "";
  const char *c = xl_clean (x, s);
  if (NULL == c)
  {
    xl_fail (x, "xlsx: out of memory");
    return false;
  }
  return xl_check (x, worksheet_write_string (ws, row, col, c, f), sheet,
                   row, col);
}

/* Width in characters of each column of T. */
static void
xl_widths (const struct xl *x, const struct rd_table *t, double *w,
           bool *wrap)
{
  double sum = 0;
  for (size_t c = 0; c < t->n_cols; c++)
    if (t->widths && t->widths[c] > 0)
      sum += t->widths[c];
  double page = t->landscape || x->d->landscape ? XL_PAGE_LANDSCAPE
                                                : XL_PAGE_PORTRAIT;
  for (size_t c = 0; c < t->n_cols; c++)
  {
    /* The column's share of the page caps long text (which then wraps);
       short content shrinks the column. */
    double rel = t->widths && t->widths[c] > 0 && sum > 0
                 ? t->widths[c] / sum : 1.0 / (double) t->n_cols;
    double cap = rel * page;
    if (cap < XL_WIDTH_WRAP)
      cap = XL_WIDTH_WRAP;
    if (cap > XL_WIDTH_MAX)
      cap = XL_WIDTH_MAX;
    size_t need = t->headers ? xl_text_width (t->headers[c], true) : 0;
    size_t text_need = 0;
    for (size_t r = 0; r < t->n_rows; r++)
    {
      const struct rd_cell *cell = rd_table_cell (t, r, c);
      size_t n = xl_text_width (cell->text, false);
      if (cell->numeric && isfinite (cell->value))
      {
        if (n > need)
          need = n;
      }
      else if (n > text_need)
        text_need = n;
    }
    if (text_need > need)
      need = text_need;
    double width = (double) need + 2;
    if (width > cap)
      width = cap;
    if (width < XL_WIDTH_MIN)
      width = XL_WIDTH_MIN;
    w[c] = width;
    wrap[c] = (double) text_need + 1 > width;
  }
}

/* Page setup of a sheet: A4, fitted to the page width, the "DRAF" mark in
   the page header, the document's footer line and page numbers. */
static void
xl_page_setup (struct xl *x, lxw_worksheet *ws, bool landscape)
{
  worksheet_set_paper (ws, XL_PAPER_A4);
  if (landscape)
    worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  if (x->d->draft)
    worksheet_set_header (ws, "&C&\"-,Bold\"DRAF");
  struct buf f = { 0 };
  if (x->d->footer_left && xl_plain (x, x->d->footer_left))
  {
    buf_puts (&f, "&L");
    for (const char *p = x->d->footer_left; *p; p++)
      buf_append (&f, '&' == *p ? "&&" : p, '&' == *p ? 2 : 1);
  }
  buf_puts (&f, "&RHalaman &P dari &N");
  /* Excel limits a footer to 255 characters: drop the left part if the
     line is longer. */
  if (! f.oom && xl_text_width (f.p, false) <= 255)
    worksheet_set_footer (ws, f.p);
  else
    worksheet_set_footer (ws, "&RHalaman &P dari &N");
  buf_free (&f);
}

static bool
xl_table (struct xl *x, const struct rd_table *t, size_t ordinal)
{
  char name[XL_NAME_CAP], fallback[32];
  snprintf (fallback, sizeof fallback, "Tabel %zu", ordinal);
  const char *want = t->sheet && t->sheet[0] ? t->sheet : t->key;
  if (! xl_sheet_name (x, want, fallback, name))
    return false;
  if (t->n_cols > LXW_COL_MAX)
  {
    xl_fail (x, "xlsx: table \"%s\" has %zu columns; a sheet holds %d",
             name, t->n_cols, LXW_COL_MAX);
    return false;
  }
  const lxw_row_t first = RD_XLSX_FIRST_ROW - 1;
  if (t->n_rows > (size_t) LXW_ROW_MAX - first - 2)
  {
    xl_fail (x, "xlsx: table \"%s\" has %zu rows; a sheet holds %lu",
             name, t->n_rows, (unsigned long) (LXW_ROW_MAX - first - 2));
    return false;
  }
  lxw_worksheet *ws = workbook_add_worksheet (x->wb, name);
  if (NULL == ws)
  {
    xl_fail (x, "xlsx: cannot add sheet \"%s\"", name);
    return false;
  }
  xl_page_setup (x, ws, t->landscape || x->d->landscape);

  double *w = calloc (t->n_cols ? t->n_cols : 1, sizeof *w);
  bool *wrap = calloc (t->n_cols ? t->n_cols : 1, sizeof *wrap);
  if (NULL == w || NULL == wrap)
  {
    free (w);
    free (wrap);
    xl_fail (x, "xlsx: out of memory");
    return false;
  }
  xl_widths (x, t, w, wrap);
  for (size_t c = 0; c < t->n_cols; c++)
    worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c, w[c], NULL);

  /* Row 1: "Tabel N. Title". */
  struct buf title = { 0 };
  if (t->number && t->number[0])
  {
    buf_puts (&title, t->number);
    if (t->title && t->title[0])
      buf_puts (&title, t->number[strlen (t->number) - 1] == '.' ? " "
                                                                 : ". ");
  }
  if (t->title)
    buf_puts (&title, t->title);
  bool ok = ! title.oom;
  if (! ok)
    xl_fail (x, "xlsx: out of memory");
  if (ok && title.len > 0)
    ok = xl_string (x, ws, name, RD_XLSX_TITLE_ROW - 1, 0, title.p,
                    x->title);
  buf_free (&title);

  /* Row 2: the headers. */
  for (size_t c = 0; ok && c < t->n_cols; c++)
    ok = xl_string (x, ws, name, RD_XLSX_HEADER_ROW - 1, (lxw_col_t) c,
                    t->headers ? t->headers[c] : "", x->header);

  /* Every data row (pdf_max_rows limits the PDF only). */
  size_t first_total = t->n_total_rows < t->n_rows
                       ? t->n_rows - t->n_total_rows : 0;
  for (size_t r = 0; ok && r < t->n_rows; r++)
  {
    lxw_row_t row = (lxw_row_t) (first + r);
    bool total = r >= first_total;
    for (size_t c = 0; ok && c < t->n_cols; c++)
    {
      const struct rd_cell *cell = rd_table_cell (t, r, c);
      enum rd_align al = t->align ? t->align[c] : RD_LEFT;
      bool bold = cell->bold || total;
      bool num = cell->numeric && isfinite (cell->value);
      int nf = ! num ? -1 : cell->decimals < 0 ? 0 : cell->decimals;
      lxw_format *f = xl_cell_format (x, nf, bold, total, al,
                                      ! num && wrap[c]);
      if (NULL == f)
        ok = false;
      else if (num && cell->formula && cell->formula[0])
        ok = xl_check (x, worksheet_write_formula_num (ws, row,
                                                       (lxw_col_t) c,
                                                       cell->formula, f,
                                                       cell->value),
                       name, row, (lxw_col_t) c);
      else if (num)
        ok = xl_check (x, worksheet_write_number (ws, row, (lxw_col_t) c,
                                                  cell->value, f),
                       name, row, (lxw_col_t) c);
      else
        /* Text, or a number with no finite value (written as printed). */
        ok = xl_string (x, ws, name, row, (lxw_col_t) c, cell->text, f);
    }
  }

  /* The note, two rows under the data. */
  if (ok && t->note && t->note[0])
    ok = xl_string (x, ws, name, (lxw_row_t) (first + t->n_rows + 1), 0,
                    t->note, x->note);

  if (ok)
  {
    worksheet_freeze_panes (ws, RD_XLSX_HEADER_ROW, 0);
    worksheet_repeat_rows (ws, RD_XLSX_HEADER_ROW - 1,
                           RD_XLSX_HEADER_ROW - 1);
  }
  free (w);
  free (wrap);
  return ok;
}

/* The last sheet: title lines, number, evidence lines, banner, draft
   note, the keterangan keaslian pairs, then the kop lines. */
static bool
xl_info_sheet (struct xl *x)
{
  const struct rd_doc *d = x->d;
  const char *name = XL_INFO_SHEET;     /* reserved before the tables */
  lxw_worksheet *ws = workbook_add_worksheet (x->wb, name);
  if (NULL == ws)
  {
    xl_fail (x, "xlsx: cannot add sheet \"%s\"", name);
    return false;
  }
  xl_page_setup (x, ws, false);
  lxw_format *value = xl_cell_format (x, -1, false, false, RD_LEFT, true);
  if (NULL == value)
    return false;
  worksheet_set_column (ws, 0, 0, 36, NULL);
  worksheet_set_column (ws, 1, 1, 72, NULL);

  lxw_row_t row = 0;
  bool ok = true;
  for (size_t i = 0; ok && i < d->n_title; i++)
    ok = xl_string (x, ws, name, row++, 0, d->title[i],
                    0 == i ? x->title : NULL);
  if (ok && d->number)
    ok = xl_string (x, ws, name, row++, 0, d->number, NULL);
  for (size_t i = 0; ok && i < d->n_evidence; i++)
    ok = xl_string (x, ws, name, row++, 0, d->evidence[i], NULL);
  if (ok && d->banner)
    ok = xl_string (x, ws, name, row++, 0, d->banner, x->bold);
  if (ok && d->draft)
    ok = xl_string (x, ws, name, row++, 0, "DRAF", x->bold);

  if (ok && d->n_info > 0)
  {
    row++;
    ok = xl_string (x, ws, name, row++, 0, "Keterangan keaslian dokumen",
                    x->title);
    for (size_t i = 0; ok && i + 1 < d->n_info; i += 2)
    {
      ok = xl_string (x, ws, name, row, 0, d->info[i], x->bold)
           && xl_string (x, ws, name, row, 1, d->info[i + 1], value);
      row++;
    }
  }

  if (ok && d->n_kop > 0)
  {
    row++;
    for (size_t i = 0; ok && i < d->n_kop; i++)
      ok = xl_string (x, ws, name, row++, 0, d->kop[i],
                      1 == i ? x->bold : NULL);
  }
  return ok;
}

/* ---- the ZIP container ---- */

static uint32_t
xl_le32 (const unsigned char *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16
         | (uint32_t) p[3] << 24;
}

static unsigned
xl_le16 (const unsigned char *p)
{
  return (unsigned) p[0] | (unsigned) p[1] << 8;
}

/* Set the DOS time and date of every entry of the ZIP in P (N bytes) to
   1980-01-01 00:00 (what libxlsxwriter 1.1.4 writes anyway), walking the
   central directory from its end record.  CRCs do not cover these fields.
   False, with the entries seen so far rewritten, if the container is not
   as expected. */
static bool
xl_zip_fix_times (unsigned char *p, size_t n)
{
  const unsigned char dos[4] = { 0x00, 0x00, 0x21, 0x00 };  /* time, date */
  if (n < 22)
    return false;
  size_t eocd = n - 22;
  for (;;)
  {
    if (0x06054b50 == xl_le32 (p + eocd))
      break;
    if (0 == eocd || n - eocd > 22 + 0xffff)
      return false;
    eocd--;
  }
  size_t entries = xl_le16 (p + eocd + 10);
  size_t cd = xl_le32 (p + eocd + 16);
  if (0xffff == entries || 0xffffffff == cd)
    return false;                       /* ZIP64: not written by us */
  for (size_t e = 0; e < entries; e++)
  {
    if (cd > eocd || eocd - cd < 46 || 0x02014b50 != xl_le32 (p + cd))
      return false;
    size_t local = xl_le32 (p + cd + 42);
    if (local > n || n - local < 30 || 0x04034b50 != xl_le32 (p + local))
      return false;
    memcpy (p + cd + 12, dos, 4);
    memcpy (p + local + 10, dos, 4);
    cd += 46 + xl_le16 (p + cd + 28) + xl_le16 (p + cd + 30)
          + xl_le16 (p + cd + 32);
  }
  return true;
}

/* Read the file at PATH onto OUT. */
static bool
xl_slurp (struct xl *x, const char *path, struct buf *out)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
  {
    xl_fail (x, "xlsx: cannot read %s: %s", path, strerror (errno));
    return false;
  }
  size_t start = out->len;
  char chunk[65536];
  for (;;)
  {
    ssize_t got = read (fd, chunk, sizeof chunk);
    if (got < 0 && EINTR == errno)
      continue;
    if (got < 0)
    {
      xl_fail (x, "xlsx: cannot read %s: %s", path, strerror (errno));
      close (fd);
      return false;
    }
    if (0 == got)
      break;
    buf_append (out, chunk, (size_t) got);
  }
  close (fd);
  if (out->oom)
  {
    xl_fail (x, "xlsx: out of memory");
    return false;
  }
  /* A container this walk does not understand (none is expected) is left
     as written: valid, if perhaps not reproducible. */
  (void) xl_zip_fix_times ((unsigned char *) out->p + start,
                           out->len - start);
  return true;
}

/* ---- entry point ---- */

bool
rd_render_xlsx (const struct rd_doc *d, struct buf *out, char *err,
                size_t errlen)
{
  struct xl x = { .d = d, .err = err, .errlen = errlen };
  if (errlen > 0)
    err[0] = '\0';

  /* The document date: file metadata (core.xml), never the clock. */
  if (d->year < 1980 || d->year > 9999 || d->month < 1 || d->month > 12
      || d->day < 1 || d->day > 31)
  {
    xl_fail (&x, "xlsx: invalid document date %04d-%02d-%02d", d->year,
             d->month, d->day);
    return false;
  }
  struct tm tm = { .tm_year = d->year - 1900, .tm_mon = d->month - 1,
                   .tm_mday = d->day };
  time_t created = timegm (&tm);

  /* A private file for the package, and libxlsxwriter's own temporary
     files, in $TMPDIR (if absolute and short enough) or /tmp. */
  char dir[512], path[600];
  const char *env = getenv ("TMPDIR");
  if (env && '/' == env[0] && strlen (env) < sizeof dir)
    snprintf (dir, sizeof dir, "%s", env);
  else
    snprintf (dir, sizeof dir, "/tmp");
  snprintf (path, sizeof path, "%s/wadah-xlsx-XXXXXX", dir);
  int fd = mkstemp (path);
  if (fd < 0)
  {
    xl_fail (&x, "xlsx: cannot create a temporary file in %s: %s", dir,
             strerror (errno));
    return false;
  }
  close (fd);

  lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = dir,
                               .use_zip64 = LXW_FALSE };
  x.wb = workbook_new_opt (path, &opt);
  if (NULL == x.wb)
  {
    unlink (path);
    xl_fail (&x, "xlsx: cannot start a workbook in %s", dir);
    return false;
  }
  lxw_doc_properties props = {
    .title = d->n_title > 0 && d->title[0] && xl_plain (&x, d->title[0])
             ? (char *) d->title[0] : NULL,
    .author = (char *) "wadah",
    .company = (char *) "wadah",
    .created = created
  };
  if (LXW_NO_ERROR != workbook_set_properties (x.wb, &props))
    xl_fail (&x, "xlsx: cannot set the document properties");

  bool ok = ! x.failed && xl_fixed_formats (&x)
            && xl_name_add (&x, XL_INFO_SHEET);
  size_t ordinal = 0;
  for (size_t i = 0; ok && i < d->n_blocks; i++)
  {
    const struct rd_block *b = &d->blocks[i];
    if (RD_TABLE != b->kind || NULL == b->table)
      continue;
    ordinal++;
    if (! b->table->no_csv)
      ok = xl_table (&x, b->table, ordinal);
  }
  if (ok)
    ok = xl_info_sheet (&x);

  /* workbook_close writes the package and frees the workbook (also after
     a failure, when the file is just removed). */
  pthread_mutex_lock (&xl_close_lock);
  lxw_error e = workbook_close (x.wb);
  pthread_mutex_unlock (&xl_close_lock);
  if (ok && LXW_NO_ERROR != e)
  {
    xl_fail (&x, "xlsx: cannot write the workbook: %s", lxw_strerror (e));
    ok = false;
  }
  if (ok)
    ok = xl_slurp (&x, path, out);
  unlink (path);
  free (x.names);
  free (x.scratch);
  return ok && ! x.failed;
}
