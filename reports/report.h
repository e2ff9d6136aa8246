/*
 * The report engine (REPORTS.md §1): parameters, the context a document
 * is built in, the table of documents, and the one path from parameters
 * to bytes: model (JSON, the contract) -> layout (doc.h) -> renderer.
 * Callers (the command line, the API, the staff page) never build a
 * document themselves.  Never includes microhttpd.h.
 */
#ifndef WADAH_REPORTS_REPORT_H
#define WADAH_REPORTS_REPORT_H
#include "app.h"
#include "buf.h"
#include "calendar.h"
#include "doc.h"
#include "ikm.h"
#include "jsonout.h"
#include "rstore.h"
#include "store_complaint.h"
#include <jansson.h>
#include <stdbool.h>

enum rformat { RF_JSON = 0, RF_HTML, RF_PDF, RF_XLSX, RF_CSV };

/* What a caller asks for; report_params_parse fills and checks it. */
struct report_params {
  const struct report_def *def;
  struct period period;
  char cutoff[11];        /* YYYY-MM-DD, >= period end */
  char date[11];          /* tanggal surat; "" for a draft preview */
  char variant[12];       /* wbs-monev: publik | terbatas; else "" */
  char domain[16];        /* tl-rekomendasi: PENGADUAN | WBS | SKM | ... */
  enum rformat format;
  char sep;               /* CSV: ',' or ';' */
};

/* Parse and check the raw parameters (any may be NULL or ""; DOC, PERIOD
   and FORMAT are required).  TODAY (local YYYY-MM-DD) bounds the date.
   False with the offending parameter's name in FIELD and a message in
   Bahasa Indonesia in MSG. */
bool report_params_parse (struct report_params *p, const char *doc,
                          const char *period, const char *cutoff,
                          const char *date, const char *variant,
                          const char *domain, const char *format,
                          const char *today, char field[16], char *msg,
                          size_t msg_cap);

/* The WBS key, unlocked by the caller (a pengelola_wbs session or the
   recovery key), for the documents that read sealed WBS reports. */
struct report_wbs_key {
  const unsigned char *sk;    /* 32 bytes in locked memory, or NULL */
};

struct report_ctx {
  struct app *app;
  struct unit unit;
  struct report_params prm;
  char today[11];             /* local date of generation (drafts) */
  int32_t from_day, to_day, cutoff_day;
  int64_t from_ts, cutoff_ts; /* period start 00:00 and cut-off 23:59:59 */
  struct calendar cal;
  int hk_verify, hk_followup, hk_autoclose;
  int hk_wbs_ack, hk_wbs_review, hk_wbs_investigation;
  char public_url[208];       /* unit setting public_url, no trailing / */
  struct coded *cats, *sections;
  size_t n_cats, n_sections;
  struct rs_profile profile;
  json_t *catalogue;          /* the unit's LKE version */
  json_t *slots;              /* the document's slot definitions */
  char slot_doc[48];          /* narratives key: the id, with the domain
                                 for tl-rekomendasi ("tl-rekomendasi-wbs") */
  struct rs_narrative *narr;
  size_t n_narr;
  int64_t records;            /* records of the period read */
  struct report_wbs_key wbs;
  /* The model's long tables (report_rows_add), with what frees each. */
  struct jsonout_rows rows[4];
  void (*rows_free[4]) (void *cls);
  size_t n_rows;
};

/* Open a context for UNIT and P (loads settings, calendar, categories,
   sections, profile, catalogue and narratives).  False with a reason in
   ERR (English, a store failure). */
bool report_ctx_open (struct report_ctx *x, struct app *app,
                      const struct unit *unit,
                      const struct report_params *p, const char *today,
                      char *err, size_t errlen);
void report_ctx_close (struct report_ctx *x);

/* A long table of the model (the complaint register: 100,000 rows): MODEL
   gets KEY = an empty array standing for the N rows GET (CLS, i) makes one
   at a time, each valid until the next call.  The canonical text
   (report_canonical, and so the JSON file and every SHA-256) writes the
   rows in its place, and layouts read them through report_rows_of, so the
   formats still render one model.  FREE (CLS) runs at report_ctx_close.
   False (CLS freed) when out of memory or out of slots. */
bool report_rows_add (struct report_ctx *x, json_t *model, const char *key,
                      size_t n, const json_t *(*get) (void *cls, size_t i),
                      void *cls, void (*free_cls) (void *cls));
/* The rows that V (a value of the model) stands for, or NULL when V is an
   ordinary array. */
const struct jsonout_rows *report_rows_of (const struct report_ctx *x,
                                           const json_t *v);
/* Row I of V: a virtual array's row, or V's element I. */
const json_t *report_row (const struct report_ctx *x, const json_t *v,
                          size_t i);
/* The number of rows of V (virtual or not). */
size_t report_rows_count (const struct report_ctx *x, const json_t *v);

struct report_def {
  const char *id;             /* "pengaduan-monev" */
  const char *name;           /* "Laporan Monitoring dan Evaluasi ..." */
  const char *periods;        /* allowed kinds: "S", "SQ", "SQY" */
  unsigned int roles;         /* roles that may make it (roles.h) */
  bool needs_wbs_key;
  json_t *(*model) (struct report_ctx *x, char *err, size_t errlen);
  bool (*layout) (struct report_ctx *x, const json_t *model,
                  struct rd_doc *d);
};

/* Every document, in the order the Laporan page lists them. */
extern const struct report_def *const report_defs[];
const struct report_def *report_def_find (const char *id);

/* ---- the one path to bytes ---- */

struct report_out {
  json_t *model;              /* owned */
  struct buf file;            /* the file in the asked format */
  char model_sha256[65];      /* of the canonical model */
  char file_sha256[65];
  const char *mime;           /* static */
  char file_name[160];        /* e.g. pengaduan-monev-2026-S1.pdf */
};

/* Build the model, lay it out and render it.  False with a reason in ERR
   (English; a store failure or a renderer failure). */
bool report_make (struct report_ctx *x, struct report_out *out, char *err,
                  size_t errlen);
/* Where a file may go as it is made: WRITE (CLS, data, len), false on a
   write error. */
struct report_sink {
  bool (*write) (void *cls, const char *data, size_t len);
  void *cls;
};
/* As report_make; a JSON file goes to SINK as it is written (OUT->file
   stays empty; the register of 100,000 rows never sits in memory whole),
   any other format is left in OUT->file.  SINK may be NULL. */
bool report_make_to (struct report_ctx *x, struct report_out *out,
                     const struct report_sink *sink, char *err,
                     size_t errlen);
void report_out_free (struct report_out *out);

/* The canonical text of a model of X (sorted keys, no spaces, reals with
   12 significant digits, X's long tables written out; X may be NULL for a
   model without them), malloc'ed; and its SHA-256 in hex. */
char *report_canonical (const struct report_ctx *x, const json_t *model);
void report_sha256_hex (const void *data, size_t len, char out[65]);

/* Required narrative slots still empty: a JSON array of slot names (empty
   when the document may be finalised). */
json_t *report_missing_slots (struct report_ctx *x);
/* Is TEXT a valid value for SLOT of X's document (a known slot; one line
   for "line"; a JSON array of strings for "list"; a JSON array of row
   objects with only the slot's column keys, string values and valid
   dates for "table")?  False with a reason in Bahasa Indonesia. */
bool report_slot_check (struct report_ctx *x, const char *slot,
                        const char *text, char *why, size_t cap);
/* The narrative versions a document used: {slot: version}. */
json_t *report_narrative_versions (struct report_ctx *x);
/* ---- finalising (an artefact) ---- */

/* A write job (store_write_sync or store_submit) that stores OUT as the
   artefact of X, appends the audit entry and turns the document's tracker
   slots (rekomendasi, rencana aksi, RTL) into recommendation items the
   first time the document of that period is finalised.  The caller has
   checked report_missing_slots and that a date is set. */
struct report_final {
  struct report_ctx *x;
  const struct report_out *out;
  const char *actor;
  int64_t artifact_id;          /* out */
  size_t items_created;         /* out */
  char error[160];              /* out: a refused tracker row, in Bahasa
                                   Indonesia (STORE_NO_ROW) */
};
enum store_status report_finalise_run (struct store_conn *c, void *cls);
/* ---- for the staff pages and the API ---- */

/* The ZI catalogue of LKE version LKE_VERSION ("2024" when NULL, empty or
   unknown).  New reference (NULL when the catalogue is missing). */
json_t *report_catalogue (const char *lke_version);
/* The LKE items of CATALOGUE that DOC_KEY evidences (a document id, or
   "tl-rekomendasi-wbs" for D4 of a domain): [{code, text}].  New
   reference. */
json_t *report_lke_items (const json_t *catalogue, const char *doc_key);
/* As report_make in HTML, but OUT->file holds only the <article> (for
   embedding in a staff page; its rules come from report_html_style). */
bool report_make_html_fragment (struct report_ctx *x, struct report_out *out,
                                char *err, size_t errlen);
/* The style sheet of the embedded article (the renderer's rules, all
   scoped under .report), appended to OUT.  False when out of memory. */
bool report_html_style (struct buf *out);
/* Every narrative slot of X's document with its definition and value:
   [{slot, title, kind, required, columns?, tracker?, value (stored, or
   the default), filled, version (0: none stored), at (null: none)}]. */
json_t *report_slots_json (struct report_ctx *x);
/* A target date written as YYYY-MM-DD or as a quarter ("TW III 2026",
   FALLBACK_YEAR when no year) -> the date (a quarter's last day). */
bool report_target_date (const char *s, int fallback_year, char out[11]);
#endif
