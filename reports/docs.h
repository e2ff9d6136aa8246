/*
 * What the document builders share (private to reports/): their
 * definitions, the narrative slots, the parts every model carries (unit,
 * period, LKE items, signatories, audit head) and the parts every layout
 * draws (kop, title, evidence lines, signature, keterangan keaslian).
 */
#ifndef WADAH_REPORTS_DOCS_H
#define WADAH_REPORTS_DOCS_H
#include "report.h"
#include "stats.h"
#include "fmt.h"

extern const struct report_def rdef_pengaduan_monev;
extern const struct report_def rdef_pengaduan_rekap_lapor;
extern const struct report_def rdef_pengaduan_register;
extern const struct report_def rdef_pengaduan_tindak_lanjut;
extern const struct report_def rdef_wbs_monev;
extern const struct report_def rdef_tl_rekomendasi;

#define GENERATOR "wadah 0.9"

/* ---- narrative slots (report_narratives, reports/narratives.json) ---- */

/* The slot definition of SLOT, or NULL. */
const json_t *rn_def (struct report_ctx *x, const char *slot);
/* The stored newest version of SLOT, or NULL. */
const struct rs_narrative *rn_get (struct report_ctx *x, const char *slot);
/* Has staff written SLOT (non-blank text, a non-empty list/table)? */
bool rn_filled (struct report_ctx *x, const char *slot);
/* The slot's value for the model: its stored text (or the default with
   {unit}, {periode}, {posisi_per} filled in): a string for line/text, an
   array for list/table.  New reference. */
json_t *rn_value (struct report_ctx *x, const char *slot);
/* {"slot": {"version": n, "value": …, "default": bool}} for every slot. */
json_t *rn_model (struct report_ctx *x);

/* ---- model parts ---- */

/* "Semester I Tahun 2026", "Triwulan III Tahun 2026", "Tahun 2026". */
void rm_period_label (const struct period *p, char *out, size_t cap);
/* The frame every model starts with: doc, name, generator, unit, period,
   cutoff, date, draft, lke (version, items evidenced, plan rows),
   settings, narratives, signatories, audit_head.  DOCS_FOR_LKE: the
   document ids whose catalogue items it evidences (NULL: its own id). */
json_t *rm_frame (struct report_ctx *x, const char *const *docs_for_lke);
/* Set "records_read" and add the period's earlier periods helper. */
void rm_set_records (json_t *model, int64_t n);

/* The activity log entries of KIND (rapat_monev, sosialisasi_wbs, ...)
   from the period's start to the cut-off: [{date, title, place,
   participants, evidence_ref}] (empty on a store failure). */
json_t *rm_activities (struct report_ctx *x, const char *kind);

/* ---- layout parts ---- */

/* Kop, title lines (NULL-terminated), number, evidence lines, footer,
   banner, draft flag and document date, from the model frame. */
void rl_frame (struct report_ctx *x, const json_t *model, struct rd_doc *d,
               const char *const *title);
/* Signature block: place and date, the head (kepala) on the right; with
   PREPARER the preparer (penyusun) on the left under "Mengetahui" turned
   round as REPORTS.md §1.2 describes. */
void rl_signature (struct report_ctx *x, const json_t *model,
                   struct rd_doc *d, bool preparer);
/* The "Keterangan keaslian dokumen" pairs (report_make calls it). */
void rl_keterangan (struct report_ctx *x, const json_t *model,
                    const char *model_sha256, struct rd_doc *d);
/* A narrative slot as blocks: its text paragraphs, list items, or table
   (HEADING printed above when not NULL). */
void rl_slot (struct report_ctx *x, const json_t *model, struct rd_doc *d,
              const char *slot, const char *heading);
/* The public page PATH ("/u/slug/wbs") as a QR code with CAPTION and the
   full address when the unit has set public_url; else a paragraph with
   the path. */
void rl_public_link (struct report_ctx *x, struct rd_doc *d,
                     const char *path, const char *caption);
/* Paragraphs of TEXT split at blank lines. */
void rl_paras (struct rd_doc *d, const char *text);
/* The generated sentences of the model ("kalimat") as paragraphs. */
void rl_kalimat (struct rd_doc *d, const json_t *model);

/* Table helpers: headers from a NULL-terminated list, widths, alignment
   (numeric columns right). */
struct rd_table *rl_table (struct rd_doc *d, const char *key,
                           const char *number, const char *title,
                           const char *const *headers, size_t n_rows);
void rl_widths (struct rd_table *t, const double *w);
/* Cells: an integer, a JSON number with DECIMALS ("–" for null), text. */
void rl_int (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
             int64_t v, const char *formula);
void rl_num (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
             const json_t *v, int decimals, const char *formula);
void rl_text (struct rd_doc *d, struct rd_table *t, size_t r, size_t c,
              const char *s);
/* "=SUM(B3:B10)" of column C over data rows [R0, R1]. */
void rl_sum_formula (size_t c, size_t r0, size_t r1, char out[48]);
/* "=IF(D=0,"",ROUND(N/D*100,2))" of two cells in row R. */
void rl_pct_formula (size_t r, size_t c_num, size_t c_den, char out[96]);
/* Mark the last N rows of T as totals (bold). */
void rl_totals (struct rd_table *t, size_t n);
struct rd_block *rl_add_table (struct rd_doc *d, struct rd_table *t);
/* A chart block (doc.h): N_CATS categories CATS, N_SERIES SERIES (all in
   D's arena), Y_MAX 0 for an axis from the data, UNIT the value suffix
   (with 2 decimals) or NULL (whole numbers). */
void rl_chart (struct rd_doc *d, const char *key, const char *number,
               const char *title, enum rd_chart_kind kind, bool stacked,
               size_t n_cats, const char **cats, size_t n_series,
               struct rd_series *series, double y_max, const char *unit);

/* ---- the recommendation tracker (§2.6, §3.9) ---- */

/* D4's table for DOMAIN (NULL or "": every domain) at X's cut-off:
   {"summary": {...}, "items": [...]}; NULL on a store failure. */
json_t *tl_json (struct report_ctx *x, const char *domain);
/* Its layout: the summary and the items table (KEY for the sheet). */
void rl_tl (struct report_ctx *x, const json_t *tl, struct rd_doc *d,
            const char *key);
#endif
