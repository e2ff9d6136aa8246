/*
 * The document tree (REPORTS.md §1): what a document says, in order, with
 * every display text already formatted (Indonesian numbers and dates).
 * Each document's model builder makes one JSON model (the contract, §1.5)
 * and lays it out as one rd_doc; every renderer (HTML, PDF, XLSX, CSV)
 * draws an rd_doc and nothing else, so the formats cannot disagree.
 *
 * Memory: everything an rd_doc points to lives in its arena (rd_arena);
 * rd_doc_free releases it all at once.  Renderers never modify a doc.
 * Strings are UTF-8 plain text (no markup): renderers escape them.
 */
#ifndef WADAH_REPORTS_DOC_H
#define WADAH_REPORTS_DOC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- arena ---- */

struct rd_arena_chunk;
struct rd_arena {
  struct rd_arena_chunk *head;
  bool oom;                  /* an allocation failed (results are NULL) */
};
/* Zeroed memory of SIZE bytes owned by A; NULL (and A->oom) on failure. */
void *rd_alloc (struct rd_arena *a, size_t size);
/* Copies owned by A.  rd_strdup (A, NULL) is NULL. */
char *rd_strdup (struct rd_arena *a, const char *s);
char *rd_printf (struct rd_arena *a, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
void rd_arena_free (struct rd_arena *a);

/* ---- tables ---- */

enum rd_align { RD_LEFT = 0, RD_RIGHT, RD_CENTER };

struct rd_cell {
  const char *text;          /* as printed: "1.234", "81,25", "–", "Ya" */
  bool numeric;              /* XLSX writes VALUE (with FORMULA when set) */
  double value;
  const char *formula;       /* XLSX, e.g. "=SUM(B3:B8)"; NULL: none */
  int decimals;              /* XLSX number format: 0 -> "#,##0", 2 ->
                                "#,##0.00", 4 -> "0.0000" */
  bool bold;
};

/* XLSX layout every builder's formulas rely on: each table is a sheet;
   row 1 holds "Tabel N. Title", row 2 the headers, data from row 3.
   Columns from A. */
#define RD_XLSX_TITLE_ROW 1
#define RD_XLSX_HEADER_ROW 2
#define RD_XLSX_FIRST_ROW 3

struct rd_table {
  const char *key;           /* JSON key ("by_channel"): the CSV file name
                                (KEY.csv) and, unless SHEET, the sheet name */
  const char *number;        /* "Tabel 3" (or NULL) */
  const char *title;         /* "Pengaduan per kanal" */
  const char *sheet;         /* XLSX sheet name (<= 31 chars, unique) */
  size_t n_cols;
  const char **headers;      /* n_cols */
  const double *widths;      /* n_cols relative widths (any scale) */
  const enum rd_align *align;/* n_cols */
  size_t n_rows;
  struct rd_cell *cells;     /* n_rows * n_cols, row-major */
  size_t n_total_rows;       /* the last rows are totals: bold, ruled above */
  const char *note;          /* footnote under the table, or NULL */
  bool landscape;            /* PDF: set on landscape pages */
  size_t pdf_max_rows;       /* 0: every row; else the PDF prints the first
                                PDF_MAX_ROWS and then PDF_MORE_NOTE */
  const char *pdf_more_note;
  bool no_csv;               /* not exported as CSV/XLSX (layout tables) */
};

static inline struct rd_cell *
rd_table_cell (const struct rd_table *t, size_t row, size_t col)
{
  return &t->cells[row * t->n_cols + col];
}

/* ---- charts: one model, two back ends (SVG and cairo) ---- */

enum rd_chart_kind {
  RD_CHART_COLUMN = 0,       /* vertical bars; several series are STACKED
                                when STACKED, else side by side */
  RD_CHART_BAR,              /* horizontal bars, one series */
  RD_CHART_LINE              /* one line per series over the categories */
};

struct rd_series {
  const char *name;
  const double *values;      /* n_cats; NAN: no value (gap) */
};

struct rd_chart {
  const char *key;           /* "g1" */
  const char *number;        /* "Grafik 1" */
  const char *title;
  enum rd_chart_kind kind;
  bool stacked;
  size_t n_cats;
  const char **cats;         /* category labels */
  size_t n_series;
  const struct rd_series *series;
  double y_max;              /* axis maximum; 0: from the data */
  const char *unit;          /* value suffix on the axis ("%"), or NULL */
  int decimals;              /* value labels */
  size_t n_lines;            /* horizontal reference lines */
  const double *lines;
  const char **line_labels;
};

/* ---- signature block ---- */

struct rd_signer {
  const char *lead;          /* "Mengetahui," (left column) or NULL */
  const char *jabatan;       /* printed in capitals, ending with "," */
  const char *name;          /* printed bold, capitals, underlined */
  const char *pangkat;       /* "Pembina Utama Muda, IV/c" or NULL */
  const char *nip;           /* "NIP. 19730327 199302 1 002" or NULL */
};

struct rd_signature {
  const char *place_date;    /* "Madiun, 10 Juli 2026" (right column) */
  struct rd_signer right;
  bool has_left;
  struct rd_signer left;
};

/* ---- blocks ---- */

enum rd_kind {
  RD_HEADING = 0,            /* LEVEL 1: "I. PENDAHULUAN"; 2: "A. ..." */
  RD_PARA,                   /* TEXT; EMPTY_SLOT: a slot nobody filled */
  RD_LIST,                   /* ITEMS, numbered when NUMBERED */
  RD_KV,                     /* ITEMS as pairs: label, value */
  RD_TABLE,
  RD_CHART,
  RD_SIGNATURE,
  RD_BOX,                    /* a framed box: TEXT as its title, ITEMS as
                                label/value pairs (the LKE A.2.V.ii box) */
  RD_PAGEBREAK,
  RD_QR                      /* a QR code of TEXT (a URL), with ITEMS[0]
                                as its caption beside it (qr.h) */
};

struct rd_block {
  enum rd_kind kind;
  int level;
  const char *text;
  bool empty_slot;
  bool numbered;
  size_t n_items;
  const char **items;
  const struct rd_table *table;
  const struct rd_chart *chart;
  const struct rd_signature *sig;
};

/* ---- the document ---- */

struct rd_doc {
  struct rd_arena arena;
  const char *doc_id;        /* "pengaduan-monev" */
  const char *file_stem;     /* "pengaduan-monev-2026-S1" */
  size_t n_title;
  const char **title;        /* title lines, centred, first one bold */
  const char *number;        /* "Nomor: ..." or NULL */
  size_t n_kop;              /* kop surat lines: [0] the Pemda line, [1] the
                                unit (bold, larger), then address lines */
  const char **kop;
  const unsigned char *logo_png;   /* or NULL */
  size_t logo_len;
  size_t n_evidence;
  const char **evidence;     /* "Bukti dukung LKE Zona Integritas: ..." */
  const char *banner;        /* e.g. "TERBATAS — hanya untuk Tim WBS" */
  bool draft;                /* "DRAF" watermark */
  bool landscape;            /* every page landscape (D1a, D1b) */
  const char *footer_left;   /* "{doc} · {unit} · {period} · posisi per ..." */
  int year, month, day;      /* the document date: file metadata */
  size_t n_blocks;
  struct rd_block *blocks;
  size_t cap_blocks;         /* private */
  size_t n_info;             /* keterangan keaslian: label/value pairs */
  const char **info;         /* (last PDF page, XLSX sheet, HTML section) */
};

void rd_doc_init (struct rd_doc *d);
void rd_doc_free (struct rd_doc *d);
/* Append a block (zeroed, KIND set); NULL on out-of-memory. */
struct rd_block *rd_add (struct rd_doc *d, enum rd_kind kind);
void rd_heading (struct rd_doc *d, int level, const char *text);
void rd_para (struct rd_doc *d, const char *text);
/* A table of N_COLS columns and N_ROWS rows, cells zeroed, in D's arena. */
struct rd_table *rd_table_new (struct rd_doc *d, const char *key,
                               size_t n_cols, size_t n_rows);
/* Set a text cell / a numeric cell (TEXT as printed, VALUE for XLSX). */
void rd_cell_text (struct rd_doc *d, struct rd_table *t, size_t row,
                   size_t col, const char *text);
void rd_cell_num (struct rd_doc *d, struct rd_table *t, size_t row,
                  size_t col, const char *text, double value, int decimals,
                  const char *formula);
/* "B3": the A1 reference of data row ROW (0-based) and column COL. */
void rd_ref (size_t row, size_t col, char out[16]);
#endif
