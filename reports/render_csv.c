/*
 * CSV renderer (render.h): the tables of one rd_doc as RFC 4180 CSV for
 * spreadsheets and scripts.  Each CSV is UTF-8 with a BOM (so Excel reads
 * it as UTF-8), CRLF line ends, a header line and then every row (the
 * PDF's row limit does not apply).  A field is quoted when it holds the
 * separator, a quote, CR or LF, quotes doubled inside.
 *
 * Formula injection (OWASP "CSV injection"): a text field that starts
 * with = + - @ TAB or CR is prefixed with an apostrophe, so a spreadsheet
 * shows it as text instead of evaluating "=cmd|' /C calc'!A0".  Numeric
 * cells are written as their value, never their display text, so they
 * need no guard (a negative number stays a number).
 *
 * One exported table gives its CSV alone; several (or none) give a ZIP
 * (zip.h) of KEY.csv per table in document order plus keterangan.csv (title,
 * evidence lines, the table files with their titles and notes, the
 * keterangan keaslian pairs), dated with the doc's date.
 */
#include "chart_svg.h"
#include "render.h"
#include "zip.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char csv_bom[] = "\xef\xbb\xbf";

/* U+2013, what the models print for "no value". */
static const char csv_no_value[] = "\xe2\x80\x93";

static void
csv_field (struct buf *b, const char *s, char sep, bool guard)
{
  if (NULL == s)
    s = "";
  bool prefix = guard && ('=' == s[0] || '+' == s[0] || '-' == s[0]
                          || '@' == s[0] || '\t' == s[0] || '\r' == s[0]);
  bool quote = strchr (s, sep) || strchr (s, '"') || strchr (s, '\r')
               || strchr (s, '\n');
  if (! quote)
  {
    if (prefix)
      buf_puts (b, "'");
    buf_puts (b, s);
    return;
  }
  buf_puts (b, "\"");
  if (prefix)
    buf_puts (b, "'");
  for (const char *run = s;; s++)
  {
    if ('"' == *s || '\0' == *s)
    {
      buf_append (b, run, (size_t) (s - run));
      if ('\0' == *s)
        break;
      buf_puts (b, "\"\"");
      run = s + 1;
    }
  }
  buf_puts (b, "\"");
}

/* A numeric cell as its value: integers with no separator, decimals with
   the cell's number of digits (rounded as the document rounds them).
   The decimal mark follows the separator: with ',' (the RFC 4180 default
   that scripts and most tools read) a '.' keeps the field unquoted and
   parseable; ';' is what Excel uses where ',' is the decimal mark (id-ID,
   REPORTS.md §1.3), and there a '.' would be read as a thousands
   separator or as text, so the mark is ',' there. */
static void
csv_number (struct buf *b, const struct rd_cell *c, char sep)
{
  char n[400];
  if (rd_fmt_number (n, sizeof n, c->value, c->decimals, NULL,
                     ';' == sep ? ',' : '.'))
    buf_puts (b, n);
}

static void
csv_cell (struct buf *b, const struct rd_cell *c, char sep)
{
  if (c->text && 0 == strcmp (c->text, csv_no_value))
    return;                         /* no value: an empty field */
  if (c->numeric)
    csv_number (b, c, sep);
  else
    csv_field (b, c->text, sep, true);
}

static void
csv_table (struct buf *b, const struct rd_table *t, char sep)
{
  buf_puts (b, csv_bom);
  for (size_t c = 0; c < t->n_cols; c++)
  {
    if (c)
      buf_append (b, &sep, 1);
    csv_field (b, t->headers ? t->headers[c] : NULL, sep, true);
  }
  buf_puts (b, "\r\n");
  for (size_t r = 0; r < t->n_rows; r++)
  {
    for (size_t c = 0; c < t->n_cols; c++)
    {
      if (c)
        buf_append (b, &sep, 1);
      csv_cell (b, rd_table_cell (t, r, c), sep);
    }
    buf_puts (b, "\r\n");
  }
}

static void
csv_pair (struct buf *b, const char *label, const char *value, char sep)
{
  csv_field (b, label, sep, true);
  buf_append (b, &sep, 1);
  csv_field (b, value, sep, true);
  buf_puts (b, "\r\n");
}

/* ---- file names ---- */

struct csv_file {
  const struct rd_table *t;
  char name[96];                    /* "by_channel.csv" */
};

/* KEY reduced to a safe file name stem: letters, digits, '_', '-' and
   inner '.' kept, anything else '_'; at most 64 bytes. */
static void
csv_stem (char *out, size_t cap, const char *key, size_t index)
{
  size_t n = 0;
  for (const char *p = key ? key : ""; *p && n + 1 < cap && n < 64; p++)
  {
    char ch = *p;
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9') || '_' == ch || '-' == ch
              || ('.' == ch && n > 0);
    out[n++] = ok ? ch : '_';
  }
  out[n] = '\0';
  if (0 == n)
    snprintf (out, cap, "tabel-%zu", index + 1);
}

/* Names compare case-blind: "A.csv" and "a.csv" are one file on the
   file systems offices use. */
static bool
csv_name_taken (const struct csv_file *f, size_t n, const char *name)
{
  if (0 == strcasecmp (name, "keterangan.csv"))
    return true;
  for (size_t i = 0; i < n; i++)
    if (0 == strcasecmp (f[i].name, name))
      return true;
  return false;
}

static void
csv_keterangan (struct buf *b, const struct rd_doc *d,
                const struct csv_file *f, size_t n, char sep)
{
  buf_puts (b, csv_bom);
  csv_pair (b, "Keterangan", "Isi", sep);
  for (size_t i = 0; i < d->n_title; i++)
    csv_pair (b, "Judul", d->title[i], sep);
  if (d->number && d->number[0])
    csv_pair (b, "Nomor", d->number, sep);
  for (size_t i = 0; i < d->n_evidence; i++)
    csv_pair (b, "Bukti dukung", d->evidence[i], sep);
  for (size_t i = 0; i < n; i++)
  {
    struct buf cap = { 0 };
    if (f[i].t->number && f[i].t->number[0])
    {
      buf_puts (&cap, f[i].t->number);
      if (f[i].t->title && f[i].t->title[0])
        buf_puts (&cap, ". ");
    }
    buf_puts (&cap, f[i].t->title ? f[i].t->title : "");
    csv_pair (b, f[i].name, cap.p ? cap.p : "", sep);
    if (cap.oom)
      b->oom = true;
    buf_free (&cap);
    if (f[i].t->note && f[i].t->note[0])
    {
      char l[128];
      snprintf (l, sizeof l, "Catatan %s", f[i].name);
      csv_pair (b, l, f[i].t->note, sep);
    }
  }
  for (size_t i = 0; i < d->n_info; i += 2)
    csv_pair (b, d->info[i], i + 1 < d->n_info ? d->info[i + 1] : "", sep);
}

bool
rd_render_csv (const struct rd_doc *d, char sep, struct buf *out,
               char *err, size_t errlen)
{
  if (',' != sep && ';' != sep)
  {
    snprintf (err, errlen, "CSV separator must be ',' or ';'");
    return false;
  }
  if (d->arena.oom)
  {
    snprintf (err, errlen, "document incomplete (out of memory while "
                           "building it)");
    return false;
  }
  size_t n = 0;
  for (size_t i = 0; i < d->n_blocks; i++)
    if (RD_TABLE == d->blocks[i].kind && d->blocks[i].table
        && ! d->blocks[i].table->no_csv)
      n++;
  if (1 == n)
  {
    for (size_t i = 0; i < d->n_blocks; i++)
      if (RD_TABLE == d->blocks[i].kind && d->blocks[i].table
          && ! d->blocks[i].table->no_csv)
        csv_table (out, d->blocks[i].table, sep);
    if (out->oom)
    {
      snprintf (err, errlen, "out of memory");
      return false;
    }
    return true;
  }

  /* Several tables, or none (then the ZIP holds keterangan.csv alone,
     as callers name the file .zip whenever the count is not one). */
  struct csv_file *f = calloc (n ? n : 1, sizeof *f);
  if (NULL == f)
  {
    snprintf (err, errlen, "out of memory");
    return false;
  }
  size_t k = 0;
  for (size_t i = 0; i < d->n_blocks; i++)
  {
    const struct rd_table *t = d->blocks[i].table;
    if (RD_TABLE != d->blocks[i].kind || NULL == t || t->no_csv)
      continue;
    char stem[72];
    csv_stem (stem, sizeof stem, t->key, k);
    snprintf (f[k].name, sizeof f[k].name, "%s.csv", stem);
    for (unsigned dup = 2; csv_name_taken (f, k, f[k].name); dup++)
      snprintf (f[k].name, sizeof f[k].name, "%s-%u.csv", stem, dup);
    f[k].t = t;
    k++;
  }
  struct zip z;
  struct buf one = { 0 };
  zip_init (&z, out);
  for (size_t i = 0; i < n; i++)
  {
    one.len = 0;
    csv_table (&one, f[i].t, sep);
    if (one.oom)
      break;
    zip_add (&z, f[i].name, one.p, one.len, d->year, d->month, d->day);
  }
  one.len = 0;
  csv_keterangan (&one, d, f, n, sep);
  if (! one.oom)
    zip_add (&z, "keterangan.csv", one.p, one.len, d->year, d->month,
             d->day);
  bool ok = zip_finish (&z);
  if (one.oom)
    snprintf (err, errlen, "out of memory");
  else if (! ok)
    snprintf (err, errlen, "CSV archive: %s", zip_error (&z));
  ok = ok && ! one.oom;
  zip_free (&z);
  buf_free (&one);
  free (f);
  return ok;
}
