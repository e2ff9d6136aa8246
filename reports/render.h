/*
 * Renderers: each draws one rd_doc (doc.h) in one format.  None of them
 * reads the store, the clock or the environment: the same doc gives the
 * same bytes (REPORTS.md §1.2, "reproducible bytes"); file metadata dates
 * come from the doc's year/month/day.
 *
 * Each returns false on failure with a reason (English, for the log and
 * the command line) in ERR; OUT is then unspecified and the caller frees
 * it.  OUT is appended to.
 */
#ifndef WADAH_REPORTS_RENDER_H
#define WADAH_REPORTS_RENDER_H
#include "buf.h"
#include "doc.h"
#include <stdbool.h>
#include <stddef.h>

/* Series colours shared by the SVG and cairo chart back ends (RGB). */
static const unsigned int rd_palette[] = {
  0x2b5fad, 0x4ba55a, 0xe0a030, 0xc0504d, 0x7f63b8, 0x3aa3b5, 0x8c8c8c,
  0xd46fa8
};
#define RD_PALETTE_N (sizeof rd_palette / sizeof rd_palette[0])

/* PDF, A4 (render_pdf.c): cairo + Pango, kop surat on the first page,
   title, evidence lines, blocks, tables broken across pages with their
   header repeated (landscape pages for landscape tables), charts, the
   signature block, "Keterangan keaslian dokumen" as the last page, a
   footer "FOOTER_LEFT ... Halaman X dari Y" on every page, "DRAF"
   watermark when DRAFT; fonts embedded; creation date = the doc date. */
bool rd_render_pdf (const struct rd_doc *d, struct buf *out,
                    char *err, size_t errlen);

/* XLSX (render_xlsx.c): libxlsxwriter; one sheet per table (not NO_CSV)
   laid out as doc.h's RD_XLSX_* rows say, numeric cells as numbers,
   formulas written with their values, a sheet "Keterangan" with the
   title, evidence lines and the keterangan pairs; created = the doc date. */
bool rd_render_xlsx (const struct rd_doc *d, struct buf *out,
                     char *err, size_t errlen);

/* HTML (render_html.c): a complete printable page (inline CSS, SVG
   charts, no scripts, no outside resources).  STANDALONE false gives the
   <article> only, for embedding in the staff page. */
bool rd_render_html (const struct rd_doc *d, bool standalone,
                     struct buf *out, char *err, size_t errlen);

/* CSV (render_csv.c): RFC 4180, UTF-8 with BOM, CRLF, cells starting with
   = + - @ TAB CR prefixed with '; SEP ',' or ';'.  A doc with one table
   gives that table's CSV; with several, a ZIP (zip.h) of KEY.csv per
   table in document order. */
bool rd_render_csv (const struct rd_doc *d, char sep, struct buf *out,
                    char *err, size_t errlen);
#endif
