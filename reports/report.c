/*
 * The report engine (report.h): parameters, context, the document table
 * and the path model -> layout -> renderer.
 */
#include "report.h"
#include "complaint.h"
#include "audit.h"
#include "docs.h"
#include "embed.h"
#include "jsonout.h"
#include "render.h"
#include "roles.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sodium.h>

const struct report_def *const report_defs[] = {
  &rdef_pengaduan_monev,
  &rdef_pengaduan_rekap_lapor,
  &rdef_pengaduan_register,
  &rdef_pengaduan_tindak_lanjut,
  &rdef_wbs_monev,
  &rdef_tl_rekomendasi,
  NULL
};

const struct report_def *
report_def_find (const char *id)
{
  for (size_t i = 0; id && report_defs[i]; i++)
    if (0 == strcmp (report_defs[i]->id, id))
      return report_defs[i];
  return NULL;
}

/* ---- parameters ---- */

static bool
bad (char field[16], const char *name, char *msg, size_t cap,
     const char *text)
{
  snprintf (field, 16, "%s", name);
  snprintf (msg, cap, "%s", text);
  return false;
}

bool
report_params_parse (struct report_params *p, const char *doc,
                     const char *period, const char *cutoff,
                     const char *date, const char *variant,
                     const char *domain, const char *format,
                     const char *today, char field[16], char *msg,
                     size_t cap)
{
  memset (p, 0, sizeof *p);
  p->sep = ',';
  p->def = report_def_find (doc);
  if (NULL == p->def)
    return bad (field, "doc", msg, cap, "Dokumen tidak dikenal.");
  if (NULL == period || ! *period)
    return bad (field, "period", msg, cap, "Periode wajib diisi (contoh:"
                " 2026-S1, 2026-Q3 atau 2026).");
  if (! period_parse (period, &p->period))
    return bad (field, "period", msg, cap, "Periode tidak valid: tulis"
                " 2026-S1, 2026-S2, 2026-Q1 sampai 2026-Q4, atau 2026.");
  if (NULL == strchr (p->def->periods, p->period.kind))
    return bad (field, "period", msg, cap,
                0 == strcmp (p->def->periods, "S")
                ? "Dokumen ini disusun per semester (contoh: 2026-S1)."
                : "Jenis periode ini tidak berlaku untuk dokumen ini.");
  int32_t end, day;
  cal_parse (p->period.to, &end);
  if (cutoff && *cutoff)
  {
    if (! cal_parse (cutoff, &day) || strlen (cutoff) != 10)
      return bad (field, "cutoff", msg, cap, "Tanggal posisi per tidak"
                  " valid (format YYYY-MM-DD).");
    if (day < end)
      return bad (field, "cutoff", msg, cap, "Tanggal posisi per tidak"
                  " boleh sebelum akhir periode.");
    int32_t max;
    cal_parse ("2199-12-31", &max);
    if (day > max)
      return bad (field, "cutoff", msg, cap, "Tanggal posisi per di luar"
                  " rentang yang didukung.");
    snprintf (p->cutoff, sizeof p->cutoff, "%s", cutoff);
  }
  else
    snprintf (p->cutoff, sizeof p->cutoff, "%s", p->period.to);
  if (date && *date)
  {
    int32_t start, max;
    cal_parse (p->period.from, &start);
    cal_parse ("2199-12-31", &max);
    if (! cal_parse (date, &day) || strlen (date) != 10)
      return bad (field, "date", msg, cap, "Tanggal surat tidak valid"
                  " (format YYYY-MM-DD).");
    if (day < start || day > max)
      return bad (field, "date", msg, cap, "Tanggal surat tidak boleh"
                  " sebelum awal periode.");
    snprintf (p->date, sizeof p->date, "%s", date);
  }
  (void) today;
  bool is_wbs = 0 == strcmp (p->def->id, "wbs-monev");
  if (variant && *variant)
  {
    if (! is_wbs)
      return bad (field, "variant", msg, cap, "Varian hanya berlaku untuk"
                  " laporan WBS.");
    if (strcmp (variant, "publik") && strcmp (variant, "terbatas"))
      return bad (field, "variant", msg, cap, "Varian: publik atau"
                  " terbatas.");
    snprintf (p->variant, sizeof p->variant, "%s", variant);
  }
  else if (is_wbs)
    snprintf (p->variant, sizeof p->variant, "publik");
  if (domain && *domain)
  {
    static const char *const domains[] = { "PENGADUAN", "WBS", "SKM", "BK",
                                           "GRATIFIKASI", "ZI", NULL };
    bool ok = false;
    for (size_t i = 0; domains[i]; i++)
      ok = ok || 0 == strcasecmp (domain, domains[i]);
    if (0 != strcmp (p->def->id, "tl-rekomendasi"))
      return bad (field, "domain", msg, cap, "Domain hanya berlaku untuk"
                  " laporan tindak lanjut rekomendasi.");
    if (! ok)
      return bad (field, "domain", msg, cap, "Domain: PENGADUAN, WBS, SKM,"
                  " BK, GRATIFIKASI atau ZI.");
    for (size_t i = 0; domain[i] && i + 1 < sizeof p->domain; i++)
      p->domain[i] = (char) (domain[i] >= 'a' && domain[i] <= 'z'
                             ? domain[i] - 32 : domain[i]);
  }
  static const struct { const char *name; enum rformat f; } formats[] = {
    { "json", RF_JSON }, { "html", RF_HTML }, { "pdf", RF_PDF },
    { "xlsx", RF_XLSX }, { "csv", RF_CSV }
  };
  bool found = false;
  for (size_t i = 0; format && i < sizeof formats / sizeof formats[0]; i++)
    if (0 == strcmp (format, formats[i].name))
    {
      p->format = formats[i].f;
      found = true;
    }
  if (! found)
    return bad (field, "format", msg, cap, "Format: json, html, pdf, xlsx"
                " atau csv.");
  return true;
}

/* ---- context ---- */

static json_t *
load_embedded_json (const char *name)
{
  const struct embed_file *f = embed_find (embed_reports, name);
  if (NULL == f)
    return NULL;
  return json_loadb (f->data, f->len, JSON_REJECT_DUPLICATES, NULL);
}

/* The catalogue of LKE version VERSION (falling back to 2024). */
static json_t *
catalogue_for (const char *version)
{
  json_t *all = load_embedded_json ("zi-catalogue.json");
  json_t *pick = NULL, *v;
  size_t i;
  json_array_foreach (json_object_get (all, "versions"), i, v)
  {
    const char *lke = json_string_value (json_object_get (v, "lke"));
    if (lke && 0 == strcmp (lke, version))
      pick = v;
    else if (NULL == pick && lke && 0 == strcmp (lke, "2024"))
      pick = v;
  }
  json_incref (pick);
  json_decref (all);
  return pick;
}

bool
report_ctx_open (struct report_ctx *x, struct app *app,
                 const struct unit *unit, const struct report_params *p,
                 const char *today, char *err, size_t errlen)
{
  memset (x, 0, sizeof *x);
  x->app = app;
  x->unit = *unit;
  x->prm = *p;
  snprintf (x->today, sizeof x->today, "%s", today);
  cal_init (&x->cal);
  cal_parse (p->period.from, &x->from_day);
  cal_parse (p->period.to, &x->to_day);
  cal_parse (p->cutoff, &x->cutoff_day);
  int64_t off = (int64_t) unit->utc_offset_min * 60;
  x->from_ts = (int64_t) x->from_day * 86400 - off;
  x->cutoff_ts = ((int64_t) x->cutoff_day + 1) * 86400 - 1 - off;
  struct store *s = app->store;
  x->hk_verify = complaint_setting_int_of (s, unit->id, "hk_verify",
                                           COMPLAINT_HK_VERIFY);
  x->hk_followup = complaint_setting_int_of (s, unit->id, "hk_followup",
                                             COMPLAINT_HK_FOLLOWUP);
  x->hk_autoclose = complaint_setting_int_of (s, unit->id, "hk_autoclose",
                                              COMPLAINT_HK_AUTOCLOSE);
  x->hk_wbs_ack = complaint_setting_int_of (s, unit->id, "hk_wbs_ack", 3);
  x->hk_wbs_review = complaint_setting_int_of (s, unit->id, "hk_wbs_review",
                                               10);
  x->hk_wbs_investigation = complaint_setting_int_of (
    s, unit->id, "hk_wbs_investigation", 30);
  enum store_status st;
  if (STORE_OK == store_setting_get (s, unit->id, "public_url",
                                     x->public_url, sizeof x->public_url))
  {
    size_t n = strlen (x->public_url);
    while (n && x->public_url[n - 1] == '/')
      x->public_url[--n] = '\0';
  }
  if (! complaint_calendar_load (s, unit->id, &x->cal)
      || STORE_OK != store_category_list (s, unit->id, &x->cats, &x->n_cats)
      || STORE_OK != store_section_list (s, unit->id, &x->sections,
                                         &x->n_sections))
  {
    snprintf (err, errlen, "cannot read the unit's calendar, categories or"
              " sections");
    return false;
  }
  st = rs_profile_get (s, unit->id, &x->profile);
  if (STORE_OK != st && STORE_NO_ROW != st)
  {
    snprintf (err, errlen, "cannot read the unit's document data");
    return false;
  }
  x->catalogue = catalogue_for (x->profile.lke_version);
  snprintf (x->slot_doc, sizeof x->slot_doc, "%s%s%s", p->def->id,
            p->domain[0] ? "-" : "", p->domain);
  for (char *c = x->slot_doc; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c + 32);
  json_t *narr = load_embedded_json ("narratives.json");
  x->slots = json_incref (json_object_get (json_object_get (narr, "docs"),
                                           x->slot_doc));
  json_decref (narr);
  if (NULL == x->slots)
    x->slots = json_array ();
  /* Narratives as they stood at generation; a document made again later
     with the same parameters uses the same versions only if nobody edited
     them since (the artefact records which it used). */
  if (STORE_OK != rs_narratives (s, unit->id, x->slot_doc, p->period.key,
                                 INT64_MAX, &x->narr, &x->n_narr))
  {
    snprintf (err, errlen, "cannot read the narratives");
    return false;
  }
  return true;
}

void
report_ctx_close (struct report_ctx *x)
{
  /* The long tables first: their rows may point into the context. */
  for (size_t i = 0; i < x->n_rows; i++)
    if (x->rows_free[i])
      x->rows_free[i] (x->rows[i].cls);
  cal_free (&x->cal);
  free (x->cats);
  free (x->sections);
  rs_profile_free (&x->profile);
  json_decref (x->catalogue);
  json_decref (x->slots);
  rs_narratives_free (x->narr, x->n_narr);
  memset (x, 0, sizeof *x);
}

bool
report_rows_add (struct report_ctx *x, json_t *model, const char *key,
                 size_t n, const json_t *(*get) (void *cls, size_t i),
                 void *cls, void (*free_cls) (void *cls))
{
  json_t *at = x->n_rows < sizeof x->rows / sizeof *x->rows
               ? json_array () : NULL;
  if (NULL == at || 0 != json_object_set_new (model, key, at))
  {
    if (free_cls)
      free_cls (cls);
    return false;
  }
  x->rows[x->n_rows] = (struct jsonout_rows) { .at = at, .n = n,
                                               .get = get, .cls = cls };
  x->rows_free[x->n_rows++] = free_cls;
  return true;
}

const struct jsonout_rows *
report_rows_of (const struct report_ctx *x, const json_t *v)
{
  for (size_t i = 0; v && i < x->n_rows; i++)
    if (x->rows[i].at == v)
      return &x->rows[i];
  return NULL;
}

const json_t *
report_row (const struct report_ctx *x, const json_t *v, size_t i)
{
  const struct jsonout_rows *r = report_rows_of (x, v);
  if (r)
    return i < r->n ? r->get (r->cls, i) : NULL;
  return json_array_get (v, i);
}

size_t
report_rows_count (const struct report_ctx *x, const json_t *v)
{
  const struct jsonout_rows *r = report_rows_of (x, v);
  return r ? r->n : json_array_size (v);
}

static bool target_date (const char *s, int fallback_year, char out[11]);

/* ---- canonical model and hashes ---- */

/* The text of json_dumps (model, JSON_SORT_KEYS | JSON_COMPACT
   | JSON_REAL_PRECISION (12) | JSON_ENSURE_ASCII), byte for byte, written
   by jsonout (a register of 100,000 rows took json_dumps a second). */
static bool
canonical_append (struct buf *b, const struct report_ctx *x,
                  const json_t *model)
{
  return json_is_object (model) || json_is_array (model)
         ? jsonout_append_sorted_rows (b, model, 12, true,
                                       x ? x->rows : NULL,
                                       x ? x->n_rows : 0) : false;
}

char *
report_canonical (const struct report_ctx *x, const json_t *model)
{
  struct buf b = { 0 };
  if (! canonical_append (&b, x, model))
  {
    buf_free (&b);
    return NULL;
  }
  return buf_steal (&b, NULL);
}

void
report_sha256_hex (const void *data, size_t len, char out[65])
{
  vault_sha256_hex (data, len, out);
}

/* ---- narratives ---- */

json_t *
report_missing_slots (struct report_ctx *x)
{
  json_t *out = json_array ();
  size_t i;
  json_t *s;
  json_array_foreach (x->slots, i, s)
  {
    if (! json_is_true (json_object_get (s, "required")))
      continue;
    const char *slot = json_string_value (json_object_get (s, "slot"));
    if (! rn_filled (x, slot))
      json_array_append_new (out, json_string (slot));
  }
  return out;
}

bool
report_slot_check (struct report_ctx *x, const char *slot, const char *text,
                   char *why, size_t cap)
{
  const json_t *def = rn_def (x, slot);
  if (NULL == def)
  {
    snprintf (why, cap, "isian tidak dikenal untuk dokumen ini.");
    return false;
  }
  if (strlen (text) > 32000)
  {
    snprintf (why, cap, "teks terlalu panjang (paling banyak 32.000"
              " karakter).");
    return false;
  }
  const char *kind = json_string_value (json_object_get (def, "kind"));
  if (NULL == kind || 0 == strcmp (kind, "text"))
    return true;
  if (0 == strcmp (kind, "line"))
  {
    if (strchr (text, '\n') && strchr (text, '\n')[1])
    {
      snprintf (why, cap, "isian ini hanya satu baris.");
      return false;
    }
    return true;
  }
  json_error_t e;
  json_t *v = json_loads (text, JSON_REJECT_DUPLICATES, &e);
  bool ok = json_is_array (v);
  if (! ok)
    snprintf (why, cap, "isian ini berupa daftar JSON (%s).",
              0 == strcmp (kind, "list") ? "[\"baris\", ...]"
              : "[{\"kolom\": \"isi\"}, ...]");
  size_t i;
  json_t *row;
  json_array_foreach (v, i, row)
  {
    if (! ok)
      break;
    if (0 == strcmp (kind, "list"))
    {
      ok = json_is_string (row);
      if (! ok)
        snprintf (why, cap, "baris %zu bukan teks.", i + 1);
      continue;
    }
    if (! json_is_object (row))
    {
      snprintf (why, cap, "baris %zu bukan objek.", i + 1);
      ok = false;
      break;
    }
    const char *k;
    json_t *cell;
    json_object_foreach (row, k, cell)
    {
      const json_t *col = NULL, *c;
      size_t j;
      json_array_foreach (json_object_get (def, "columns"), j, c)
        if (0 == strcmp (json_string_value (json_object_get (c, "key")), k))
          col = c;
      if (NULL == col || ! json_is_string (cell))
      {
        snprintf (why, cap, "baris %zu: kolom \"%s\" %s.", i + 1, k,
                  col ? "harus berupa teks" : "tidak dikenal");
        ok = false;
        break;
      }
      const char *type = json_string_value (json_object_get (col, "type"));
      char d[11];
      if (type && 0 == strcmp (type, "date")
          && ! target_date (json_string_value (cell), x->prm.period.year, d))
      {
        snprintf (why, cap, "baris %zu: kolom \"%s\" harus tanggal"
                  " YYYY-MM-DD atau triwulan (TW I-IV TAHUN).", i + 1, k);
        ok = false;
        break;
      }
    }
  }
  json_decref (v);
  return ok;
}

json_t *
report_narrative_versions (struct report_ctx *x)
{
  json_t *o = json_object ();
  for (size_t i = 0; i < x->n_narr; i++)
    json_object_set_new (o, x->narr[i].slot,
                         json_integer (x->narr[i].version));
  return o;
}

/* ---- the path to bytes ---- */

static const char *const mimes[] = {
  "application/json", "text/html; charset=utf-8", "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "text/csv; charset=utf-8"
};
static const char *const exts[] = { "json", "html", "pdf", "xlsx", "csv" };

/* A streamed JSON file: each chunk of the canonical text is hashed, then
   handed to the caller's sink. */
struct hash_sink {
  crypto_hash_sha256_state *hs;
  const struct report_sink *next;
};

static bool
hash_sink_write (void *cls, const char *data, size_t len)
{
  struct hash_sink *h = cls;
  if (h->hs)
    crypto_hash_sha256_update (h->hs, (const unsigned char *) data, len);
  return h->next->write (h->next->cls, data, len);
}

bool
report_make (struct report_ctx *x, struct report_out *out, char *err,
             size_t errlen)
{
  return report_make_to (x, out, NULL, err, errlen);
}

bool
report_make_to (struct report_ctx *x, struct report_out *out,
                const struct report_sink *sink, char *err, size_t errlen)
{
  memset (out, 0, sizeof *out);
  const struct report_def *def = x->prm.def;
  out->model = def->model (x, err, errlen);
  if (NULL == out->model)
    return false;
  /* The canonical text: for JSON it is the file itself (and the file's
     hash that of the text and a newline, from the same hash state);
     with a sink it passes through a buffer of 1 MiB on its way there. */
  struct buf canon_buf = { 0 };
  struct buf *cb = RF_JSON == x->prm.format ? &out->file : &canon_buf;
  crypto_hash_sha256_state hs;
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_init (&hs);
  bool stream = sink && RF_JSON == x->prm.format;
  struct hash_sink hsink = { .hs = &hs, .next = sink };
  if (stream)
  {
    cb->sink = hash_sink_write;
    cb->sink_cls = &hsink;
    cb->p = malloc (1u << 20);
    cb->cap = cb->p ? 1u << 20 : 0;
  }
  if (! canonical_append (cb, x, out->model) || (stream && ! buf_flush (cb)))
  {
    buf_free (cb);
    snprintf (err, errlen, stream && ! cb->oom ? "cannot write the file"
                                               : "out of memory");
    return false;
  }
  if (! stream)
    crypto_hash_sha256_update (&hs, (const unsigned char *) (cb->p ? cb->p
                                                                   : ""),
                               cb->len);
  crypto_hash_sha256_state file_hs = hs;
  crypto_hash_sha256_final (&hs, h);
  sodium_bin2hex (out->model_sha256, sizeof out->model_sha256, h, sizeof h);
  char stem[120];
  snprintf (stem, sizeof stem, "%s%s%s%s%s-%s", def->id,
            x->prm.variant[0] ? "-" : "", x->prm.variant,
            x->prm.domain[0] ? "-" : "", x->prm.domain, x->prm.period.key);
  for (char *c = stem; *c; c++)
    if (*c >= 'A' && *c <= 'Z' && c > stem + strlen (def->id))
      *c = (char) (*c + 32);
  bool csv_zip = false;
  out->mime = mimes[x->prm.format];
  bool ok = true;
  if (RF_JSON == x->prm.format)
  {
    /* The file is the canonical text itself: what the SHA-256 in every
       other format's keterangan is computed over. */
    hsink.hs = NULL;      /* the newline is in the file's hash only */
    buf_puts (&out->file, "\n");
    if (stream && ! buf_flush (&out->file))
    {
      snprintf (err, errlen, "cannot write the file");
      ok = false;
    }
    out->file.sink = NULL;
    out->file.sink_cls = NULL;
  }
  else
  {
    struct rd_doc d;
    rd_doc_init (&d);
    d.file_stem = rd_strdup (&d.arena, stem);
    if (! def->layout (x, out->model, &d) || d.arena.oom)
    {
      snprintf (err, errlen, "cannot lay out the document");
      ok = false;
    }
    else
      rl_keterangan (x, out->model, out->model_sha256, &d);
    switch (ok ? x->prm.format : RF_JSON)
    {
    case RF_HTML:
      ok = rd_render_html (&d, true, &out->file, err, errlen);
      break;
    case RF_PDF:
      ok = rd_render_pdf (&d, &out->file, err, errlen);
      break;
    case RF_XLSX:
      ok = rd_render_xlsx (&d, &out->file, err, errlen);
      break;
    case RF_CSV: {
      size_t tables = 0;
      for (size_t i = 0; i < d.n_blocks; i++)
        if (RD_TABLE == d.blocks[i].kind && d.blocks[i].table
            && ! d.blocks[i].table->no_csv)
          tables++;
      csv_zip = tables != 1;
      ok = rd_render_csv (&d, x->prm.sep, &out->file, err, errlen);
      break;
    }
    default:
      break;
    }
    rd_doc_free (&d);
  }
  buf_free (&canon_buf);
  if (ok && out->file.oom)
  {
    snprintf (err, errlen, "out of memory");
    ok = false;
  }
  if (! ok)
    return false;
  if (csv_zip)
    out->mime = "application/zip";
  snprintf (out->file_name, sizeof out->file_name, "%s.%s", stem,
            csv_zip ? "zip" : exts[x->prm.format]);
  if (RF_JSON == x->prm.format)
  {
    crypto_hash_sha256_update (&file_hs, (const unsigned char *) "\n", 1);
    crypto_hash_sha256_final (&file_hs, h);
    sodium_bin2hex (out->file_sha256, sizeof out->file_sha256, h, sizeof h);
  }
  else
    report_sha256_hex (out->file.p ? out->file.p : "", out->file.len,
                       out->file_sha256);
  return true;
}

void
report_out_free (struct report_out *out)
{
  json_decref (out->model);
  buf_free (&out->file);
  memset (out, 0, sizeof *out);
}

/* ---- finalising ---- */

/* A target written as a date or as a quarter ("TW III 2026") -> the
   date (a quarter's last day); false when neither. */
static bool
target_date (const char *s, int fallback_year, char out[11])
{
  int32_t d;
  if (s && 10 == strlen (s) && cal_parse (s, &d))
  {
    snprintf (out, 11, "%s", s);
    return true;
  }
  if (NULL == s)
    return false;
  const char *p = s;
  while (*p == ' ')
    p++;
  if (strncasecmp (p, "TW", 2))
    return false;
  p += 2;
  while (*p == ' ')
    p++;
  int q = 0;
  static const char *const roman[] = { "IV", "III", "II", "I" };
  static const int val[] = { 4, 3, 2, 1 };
  for (int i = 0; i < 4 && ! q; i++)
    if (0 == strncasecmp (p, roman[i], strlen (roman[i])))
    {
      q = val[i];
      p += strlen (roman[i]);
    }
  if (! q)
    return false;
  int y = atoi (p);
  if (y < 2000 || y > 2199)
    y = fallback_year;
  static const char *const ends[] = { "", "03-31", "06-30", "09-30",
                                      "12-31" };
  snprintf (out, 11, "%04d-%s", y, ends[q]);
  return true;
}

enum store_status
report_finalise_run (struct store_conn *c, void *cls)
{
  struct report_final *f = cls;
  struct report_ctx *x = f->x;
  const struct report_out *o = f->out;
  const struct report_params *p = &x->prm;
  static const char *const fmts[] = { "json", "html", "pdf", "xlsx", "csv" };
  f->error[0] = '\0';
  f->items_created = 0;
  json_t *params = json_pack ("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "doc",
                              p->def->id, "period", p->period.key, "cutoff",
                              p->cutoff, "date", p->date, "variant",
                              p->variant, "domain", p->domain, "format",
                              fmts[p->format]);
  json_t *nv = report_narrative_versions (x);
  char *ptext = json_dumps (params, JSON_SORT_KEYS | JSON_COMPACT);
  char *nvtext = json_dumps (nv, JSON_SORT_KEYS | JSON_COMPACT);
  json_decref (params);
  json_decref (nv);
  enum store_status st = STORE_HARD_ERROR;
  if (ptext && nvtext)
  {
    struct rs_artifact_new a = {
      .doc = x->slot_doc, .period = p->period.key, .variant = p->variant,
      .format = fmts[p->format], .params = ptext, .narrative_versions = nvtext,
      .sha256 = o->file_sha256, .model_sha256 = o->model_sha256,
      .file_name = o->file_name, .created_by = f->actor,
      .content = (const unsigned char *) (o->file.p ? o->file.p : ""),
      .content_len = o->file.len, .created_at = (int64_t) time (NULL) };
    st = rs_artifact_add (c, x->unit.id, &a, &f->artifact_id);
  }
  if (STORE_OK == st)
  {
    char obj[64], detail[240];
    snprintf (obj, sizeof obj, "%s/%s", x->slot_doc, p->period.key);
    snprintf (detail, sizeof detail, "artefact %lld %s sha256=%s model=%s",
              (long long) f->artifact_id, fmts[p->format], o->file_sha256,
              o->model_sha256);
    st = audit_append (c, x->unit.id, f->actor, "report_finalise", obj,
                       detail);
  }
  free (ptext);
  free (nvtext);
  if (STORE_OK != st)
    return st;
  /* Tracker items from the slots that feed it, once per document and
     period (a document finalised again in another format adds none). */
  struct rs_rec *have = NULL;
  size_t n_have = 0;
  if (STORE_OK != rs_recs_conn (c, x->unit.id, NULL, &have, &n_have))
    return STORE_HARD_ERROR;
  bool exists = false;
  for (size_t i = 0; i < n_have; i++)
    exists = exists || (0 == strcmp (have[i].source_doc, x->slot_doc)
                        && 0 == strcmp (have[i].source_period,
                                        p->period.key));
  rs_recs_free (have, n_have);
  if (exists)
    return STORE_OK;
  size_t i;
  json_t *s;
  json_array_foreach (x->slots, i, s)
  {
    const char *domain = json_string_value (json_object_get (s, "tracker"));
    const char *slot = json_string_value (json_object_get (s, "slot"));
    if (NULL == domain || NULL == slot || ! rn_filled (x, slot))
      continue;
    json_t *rows = rn_value (x, slot);
    size_t r;
    json_t *row;
    json_array_foreach (rows, r, row)
    {
      const char *text = json_string_value (json_object_get (row,
                                                             "rekomendasi"));
      if (NULL == text)
        text = json_string_value (json_object_get (row, "rencana_aksi"));
      if (NULL == text)
        text = json_string_value (json_object_get (row, "program"));
      char target[11];
      if (NULL == text || ! *text
          || ! target_date (json_string_value (json_object_get (
                                                 row, "target_waktu")),
                            p->period.year, target))
      {
        snprintf (f->error, sizeof f->error, "Baris %zu isian %s belum"
                  " lengkap: isi rekomendasi/rencana aksi dan target waktu"
                  " (tanggal atau TW I-IV).", r + 1, slot);
        json_decref (rows);
        return STORE_NO_ROW;
      }
      struct rs_rec_new n = {
        .domain = domain, .source_doc = x->slot_doc,
        .source_period = p->period.key, .source_date = p->date,
        .unsur = json_string_value (json_object_get (row, "unsur")),
        .finding = json_string_value (json_object_get (row, "temuan")),
        .text = text,
        .pic_jabatan = json_string_value (json_object_get (
                                            row, "penanggung_jawab")),
        .target_date = target,
        .indicator = json_string_value (json_object_get (row, "indikator")),
        .created_by = f->actor, .artifact_id = f->artifact_id,
        .created_at = (int64_t) time (NULL) };
      int64_t id;
      enum store_status rs = rs_rec_add (c, x->unit.id, &n, &id);
      if (STORE_OK == rs)
        rs = rs_rec_event_add (c, x->unit.id, id, n.created_at, "RENCANA",
                               "", NULL, f->actor);
      if (STORE_OK != rs)
      {
        json_decref (rows);
        return rs;
      }
      f->items_created++;
    }
    json_decref (rows);
  }
  return STORE_OK;
}

/* ---- for the staff pages and the API ---- */

json_t *
report_catalogue (const char *lke_version)
{
  return catalogue_for (lke_version && *lke_version ? lke_version : "2024");
}

json_t *
report_lke_items (const json_t *catalogue, const char *doc_key)
{
  json_t *out = json_array ();
  const char *ids[] = { doc_key, NULL };
  size_t i;
  json_t *it;
  json_array_foreach (json_object_get (catalogue, "items"), i, it)
  {
    const json_t *docs = json_object_get (it, "documents");
    size_t k;
    json_t *d;
    bool hit = false;
    json_array_foreach (docs, k, d)
      hit = hit || (json_is_string (d)
                    && 0 == strcmp (json_string_value (d), ids[0]));
    if (hit)
      json_array_append_new (out, json_pack (
                               "{s:O, s:O}", "code",
                               json_object_get (it, "code"), "text",
                               json_object_get (it, "text")));
  }
  return out;
}

/* The part of TEXT from the first OPEN to the end of the first CLOSE after
   it (INCLUSIVE of both), or between them; false when absent. */
static bool
cut_between (const char *text, size_t len, const char *open,
             const char *close, bool inclusive, struct buf *out)
{
  const char *a = memmem (text, len, open, strlen (open));
  if (NULL == a)
    return false;
  const char *from = inclusive ? a : a + strlen (open);
  const char *b = memmem (from, len - (size_t) (from - text), close,
                          strlen (close));
  if (NULL == b)
    return false;
  const char *to = inclusive ? b + strlen (close) : b;
  buf_append (out, from, (size_t) (to - from));
  return ! out->oom;
}

bool
report_make_html_fragment (struct report_ctx *x, struct report_out *out,
                           char *err, size_t errlen)
{
  /* The same path as every other format; only the <article> of the
     standalone page is kept (its content does not depend on the mode). */
  enum rformat keep = x->prm.format;
  x->prm.format = RF_HTML;
  bool ok = report_make (x, out, err, errlen);
  x->prm.format = keep;
  if (! ok)
    return false;
  struct buf art = { 0 };
  if (! cut_between (out->file.p ? out->file.p : "", out->file.len,
                     "<article", "</article>\n", true, &art))
  {
    buf_free (&art);
    snprintf (err, errlen, "the HTML renderer gave no article");
    return false;
  }
  buf_free (&out->file);
  out->file = art;
  report_sha256_hex (out->file.p, out->file.len, out->file_sha256);
  return true;
}

bool
report_html_style (struct buf *out)
{
  /* The renderer writes the same <style> for every document of a mode:
     take it from an empty one. */
  struct rd_doc d;
  struct buf page = { 0 };
  char err[80];
  rd_doc_init (&d);
  bool ok = rd_render_html (&d, false, &page, err, sizeof err)
            && cut_between (page.p ? page.p : "", page.len, "<style>\n",
                            "</style>", false, out);
  rd_doc_free (&d);
  buf_free (&page);
  return ok;
}

json_t *
report_slots_json (struct report_ctx *x)
{
  json_t *out = json_array ();
  size_t i;
  json_t *s;
  json_array_foreach (x->slots, i, s)
  {
    const char *slot = json_string_value (json_object_get (s, "slot"));
    if (NULL == slot)
      continue;
    const struct rs_narrative *n = rn_get (x, slot);
    const char *kind = json_string_value (json_object_get (s, "kind"));
    json_t *o = json_pack ("{s:s, s:O?, s:s, s:b, s:o, s:b, s:i}",
                           "slot", slot, "title",
                           json_object_get (s, "title"), "kind",
                           kind ? kind : "text", "required",
                           json_is_true (json_object_get (s, "required")),
                           "value", rn_value (x, slot), "filled",
                           rn_filled (x, slot), "version",
                           n ? n->version : 0);
    if (NULL == o)
      continue;
    json_object_set_new (o, "at", n ? json_integer (n->at) : json_null ());
    if (json_object_get (s, "columns"))
      json_object_set (o, "columns", json_object_get (s, "columns"));
    if (json_object_get (s, "tracker"))
      json_object_set (o, "tracker", json_object_get (s, "tracker"));
    json_array_append_new (out, o);
  }
  return out;
}

bool
report_target_date (const char *s, int fallback_year, char out[11])
{
  return target_date (s, fallback_year, out);
}
