/*
 * Reports over HTTP (REPORTS.md §1.1, §1.4): the documents of a period
 * with the LKE items they evidence and the period's artefacts, a
 * document's preview in any format, its narrative slots, finalising it
 * into an artefact, and downloading artefacts.  JSON under
 * /api/v1/u/{unit}/reports, pages under /staff/laporan.
 *
 * Every document comes from the engine (reports/report.h), exactly as the
 * command line drives it (server/cli_report.c): parameters ->
 * report_ctx_open -> report_missing_slots -> report_make ->
 * report_finalise_run as a write job.  This file reads the parameters,
 * decides who may do what, runs the engine in the slow-work pool (a big
 * period takes a second) and stores through write jobs with their audit
 * entries.  The unit's document data and the tracker are in
 * h_report_data.c.
 */
#include "audit.h"
#include "handlers.h"
#include "ikm.h"
#include "log.h"
#include "report.h"
#include "utf8.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Who writes the judgement and finalises (REPORTS.md §1.1); a WBS manager
   does it for the WBS documents. */
#define REPORT_EDITORS (ROLE_TIM_ZI | ROLE_PIMPINAN | ROLE_ADMIN)
/* Rows a table slot's form carries (a form holds at most 64 fields). */
#define FORM_MAX_ROWS 10

static const char *const formats[] = { "pdf", "xlsx", "csv", "json",
                                       "html" };
static const char *const format_labels[] = { "PDF", "XLSX", "CSV", "JSON",
                                             "HTML" };
#define N_FORMATS (sizeof formats / sizeof formats[0])

/* D4 is listed once per tracker domain, as the catalogue names it. */
static const char *const tl_domains[] = { "PENGADUAN", "WBS", "SKM", NULL };

/* ---- rights ---- */

static bool
wbs_doc (const struct report_def *def, const char *domain)
{
  return def->needs_wbs_key || (domain && 0 == strcasecmp (domain, "WBS"));
}

/* May ROLES preview DEF (for DOMAIN)?  The document's own roles; a WBS
   manager without another of them sees only the WBS documents. */
static bool
may_view (unsigned int roles, const struct report_def *def,
          const char *domain)
{
  unsigned int r = roles & def->roles;
  if (0 == r)
    return false;
  return 0 != (r & ~(unsigned int) ROLE_PENGELOLA_WBS)
         || wbs_doc (def, domain);
}

/* May ROLES write DEF's narratives and finalise it? */
static bool
may_edit (unsigned int roles, const struct report_def *def,
          const char *domain)
{
  if (! may_view (roles, def, domain))
    return false;
  unsigned int r = roles & def->roles;
  return 0 != (r & REPORT_EDITORS)
         || (0 != (r & ROLE_PENGELOLA_WBS) && wbs_doc (def, domain));
}

static bool
may_terbatas (unsigned int roles)
{
  return 0 != (roles & (ROLE_PENGELOLA_WBS | ROLE_ADMIN));
}

/* ERR__COUNT when SE may have P (EDIT: write and finalise), else the
   refusal; *FIELDS may name the parameter. */
static enum err_code
refusal (const struct session *se, const struct report_params *p, bool edit,
         json_t **fields)
{
  *fields = NULL;
  if (! (edit ? may_edit : may_view) (se->roles, p->def, p->domain))
    return ERR_FORBIDDEN;
  if (p->def->needs_wbs_key && NULL == session_unit_key (se, KEY_WBS))
    return ERR_REPORT_WBS_KEY;
  if (0 == strcmp (p->variant, "terbatas") && ! may_terbatas (se->roles))
  {
    *fields = json_pack ("{s:{s:s, s:s}}", "variant", "code", "forbidden",
                         "message", "Varian terbatas hanya untuk pengelola"
                         " WBS atau admin.");
    return ERR_FORBIDDEN;
  }
  return ERR__COUNT;
}

/* ---- small helpers ---- */

static const char *
jstr (const json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

/* The engine's narratives key: "pengaduan-monev", "tl-rekomendasi-wbs". */
static void
doc_key (const struct report_def *def, const char *domain, char out[48])
{
  snprintf (out, 48, "%s%s%s", def->id, domain && *domain ? "-" : "",
            domain ? domain : "");
  for (char *c = out; *c; c++)
    if (*c >= 'A' && *c <= 'Z')
      *c = (char) (*c + 32);
}

static const char *
domain_label (const char *domain)
{
  static const struct { const char *id, *label; } l[] = {
    { "PENGADUAN", "Pengaduan Masyarakat" },
    { "WBS", "Whistle-Blowing System" },
    { "SKM", "Survei Kepuasan Masyarakat" },
    { "BK", "Benturan Kepentingan" },
    { "GRATIFIKASI", "Gratifikasi" },
    { "ZI", "Zona Integritas" },
  };
  for (size_t i = 0; domain && i < sizeof l / sizeof l[0]; i++)
    if (0 == strcasecmp (domain, l[i].id))
      return l[i].label;
  return "semua domain";
}

static void
period_label (const struct period *p, char *out, size_t cap)
{
  static const char *const roman[] = { "", "I", "II", "III", "IV" };
  if ('S' == p->kind)
    snprintf (out, cap, "Semester %s Tahun %d", roman[p->n], p->year);
  else if ('Q' == p->kind)
    snprintf (out, cap, "Triwulan %s Tahun %d", roman[p->n], p->year);
  else
    snprintf (out, cap, "Tahun %d", p->year);
}

static json_t *
periods_json (const struct report_def *def)
{
  json_t *a = json_array ();
  if (strchr (def->periods, 'S'))
    json_array_append_new (a, json_string ("semester"));
  if (strchr (def->periods, 'Q'))
    json_array_append_new (a, json_string ("triwulan"));
  if (strchr (def->periods, 'Y'))
    json_array_append_new (a, json_string ("tahun"));
  return a;
}

static const char *
periods_text (const struct report_def *def)
{
  if (0 == strcmp (def->periods, "S"))
    return "per semester";
  if (0 == strcmp (def->periods, "SQ"))
    return "per semester atau triwulan";
  return "per semester, triwulan atau tahun";
}

/* The semester that ended last before TODAY: what a team reports on. */
static void
default_period (const char *today, char out[12])
{
  int y = atoi (today), m = atoi (today + 5);
  if (m <= 6)
    snprintf (out, 12, "%d-S2", y - 1);
  else
    snprintf (out, 12, "%d-S1", y);
}

/* The period chooser: this year and the two before, each with its
   semesters, quarters and the year. */
static json_t *
period_choices (const char *selected, const char *today)
{
  json_t *years = json_array ();
  int y0 = atoi (today);
  static const char *const parts[] = { "S1", "S2", "Q1", "Q2", "Q3", "Q4",
                                       NULL };
  for (int y = y0; y >= y0 - 2; y--)
  {
    json_t *opts = json_array ();
    for (size_t i = 0; i <= 6; i++)
    {
      char key[12], label[48];
      struct period p;
      if (parts[i])
        snprintf (key, sizeof key, "%d-%s", y, parts[i]);
      else
        snprintf (key, sizeof key, "%d", y);
      if (! period_parse (key, &p))
        continue;
      period_label (&p, label, sizeof label);
      json_array_append_new (opts, json_pack ("{s:s, s:s, s:b}", "key", key,
                                              "label", label, "selected",
                                              0 == strcmp (key, selected)));
    }
    json_array_append_new (years, json_pack ("{s:i, s:o}", "year", y,
                                             "options", opts));
  }
  return years;
}

/* "period=2026-S1&domain=WBS&variant=terbatas&cutoff=…" of P (no format). */
static void
link_query (const struct report_params *p, char *out, size_t cap)
{
  snprintf (out, cap, "period=%s%s%s%s%s%s%s", p->period.key,
            p->domain[0] ? "&domain=" : "", p->domain,
            p->variant[0] && strcmp (p->variant, "publik") ? "&variant=" : "",
            p->variant[0] && strcmp (p->variant, "publik") ? p->variant : "",
            strcmp (p->cutoff, p->period.to) ? "&cutoff=" : "",
            strcmp (p->cutoff, p->period.to) ? p->cutoff : "");
}

static void
today_of (const struct unit *u, char out[11])
{
  ikm_local_date ((int64_t) time (NULL), u->utc_offset_min, out);
}

static enum hres
param_error (struct req *r, const char *field, const char *msg)
{
  return http_reply_error (r, ERR_REPORT_PARAM,
                           json_pack ("{s:{s:s, s:s}}", field, "code",
                                      "invalid", "message", msg));
}

/* An artefact as JSON; DETAIL adds its parameters and narrative
   versions. */
static json_t *
artifact_json (const struct rs_artifact *a, int offset, bool detail)
{
  char t[40];
  h_fmt_time (a->created_at, offset, t, sizeof t);
  json_t *params = json_loads (a->params ? a->params : "{}", 0, NULL);
  const char *date = jstr (params, "date");
  json_t *o = json_pack ("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
                         " s:I, s:s, s:s}",
                         "id", (json_int_t) a->id, "doc", a->doc, "period",
                         a->period, "variant", a->variant, "format",
                         a->format, "sha256", a->sha256, "model_sha256",
                         a->model_sha256, "file_name", a->file_name,
                         "created_by", a->created_by, "created_at", t,
                         "size", (json_int_t) a->size, "date",
                         date ? date : "", "sha256_short", "");
  char shortsha[17];
  snprintf (shortsha, sizeof shortsha, "%.16s", a->sha256);
  json_object_set_new (o, "sha256_short", json_string (shortsha));
  if (detail)
  {
    json_object_set (o, "params", params ? params : json_null ());
    json_t *nv = json_loads (a->narrative_versions
                             ? a->narrative_versions : "{}", 0, NULL);
    json_object_set_new (o, "narrative_versions", nv ? nv : json_null ());
  }
  json_decref (params);
  return o;
}

/* ---- the request's state ---- */

enum rmode {
  RM_API,          /* GET …/reports/{doc}: the model or a file */
  RM_DOWNLOAD,     /* GET /staff/laporan/{doc}/unduh: always a file */
  RM_PAGE,         /* GET /staff/laporan/{doc}: the page */
  RM_FINAL_API,    /* POST …/reports/{doc}/artefacts */
  RM_FINAL_PAGE,   /* POST /staff/laporan/{doc}/finalkan */
};

struct rjob {
  enum rmode mode;
  struct unit unit;
  struct report_params p;
  char today[11];
  char key[48];              /* narratives key of the document */
  bool ctx_opened, ctx_ok;
  struct report_ctx x;
  bool made;
  struct report_out out;
  char err[200];
  json_t *missing;           /* required slots still empty */
  json_t *slots;             /* RM_PAGE: the slots with their values */
  struct report_final f;
  bool back_to_list;         /* RM_FINAL_PAGE from the list */
  /* the page: what to tell, and a refused narrative with its input */
  unsigned int status;
  char notice[300];
  char error[400];
  char error_slot[32];
  json_t *input;             /* the refused slot's input, as typed */
  char more_rows[32];        /* a table slot that asked for more rows */
  long long just_final;      /* the artefact just made (its notice) */
  /* a narrative being saved */
  char slot[32];
  char *text;
  int version;
};

static void
rjob_free (void *p)
{
  struct rjob *j = p;
  report_out_free (&j->out);
  if (j->ctx_opened)
    report_ctx_close (&j->x);
  json_decref (j->missing);
  json_decref (j->slots);
  json_decref (j->input);
  free (j->text);
  free (j);
}

static enum hres
rjob_begin (struct req *r, enum rmode mode, struct rjob **out)
{
  struct rjob *j = calloc (1, sizeof *j);
  if (NULL == j)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  j->mode = mode;
  j->status = 200;
  r->state = j;
  r->state_free = &rjob_free;
  *out = j;
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug,
                                             &j->unit);
  if (STORE_OK != st)
    return h_store_error (r, st);
  today_of (&j->unit, j->today);
  return H_CONTINUE;
}

/* Parse the parameters into J (404 for an unknown document, 400 naming
   the parameter otherwise); SEP may be NULL. */
static enum hres
rjob_params (struct req *r, struct rjob *j, const char *doc,
             const char *period, const char *cutoff, const char *date,
             const char *variant, const char *domain, const char *format,
             const char *sep)
{
  char field[16], msg[200];
  if (NULL == report_def_find (doc))
    return http_reply_error (r, ERR_REPORT_NOT_FOUND, NULL);
  if (! report_params_parse (&j->p, doc, period, cutoff, date, variant,
                             domain, format, j->today, field, msg,
                             sizeof msg))
    return param_error (r, field, msg);
  if (sep && *sep)
  {
    if (0 == strcmp (sep, "semicolon") || 0 == strcmp (sep, ";"))
      j->p.sep = ';';
    else if (0 == strcmp (sep, "comma") || 0 == strcmp (sep, ","))
      j->p.sep = ',';
    else
      return param_error (r, "sep", "Pemisah CSV: comma atau semicolon.");
  }
  doc_key (j->p.def, j->p.domain, j->key);
  return H_CONTINUE;
}

static enum hres
rjob_check (struct req *r, struct rjob *j, bool edit)
{
  json_t *fields;
  enum err_code e = refusal (r->session, &j->p, edit, &fields);
  if (ERR__COUNT != e)
    return http_reply_error (r, e, fields);
  return H_CONTINUE;
}

/* ---- the engine, in the pool ---- */

static bool
ctx_open (struct req *r, struct rjob *j)
{
  if (j->ctx_opened)
    return j->ctx_ok;
  /* Closed with the request even when the open fails half-way. */
  j->ctx_opened = true;
  j->ctx_ok = report_ctx_open (&j->x, r->app, &j->unit, &j->p, j->today,
                               j->err, sizeof j->err);
  return j->ctx_ok;
}

static void
make_run (struct req *r)
{
  struct rjob *j = r->state;
  if (! ctx_open (r, j))
    return;
  if (j->p.def->needs_wbs_key)
    j->x.wbs.sk = session_unit_key (r->session, KEY_WBS);
  json_decref (j->missing);
  j->missing = report_missing_slots (&j->x);
  bool final = RM_FINAL_API == j->mode || RM_FINAL_PAGE == j->mode;
  bool page = RM_PAGE == j->mode
              || (RM_FINAL_PAGE == j->mode
                  && (json_array_size (j->missing) || j->error[0]));
  report_out_free (&j->out);
  j->made = false;
  if (page)
  {
    /* The page previews the draft, whatever date a refused finalising
       carried. */
    j->x.prm.date[0] = '\0';
    json_decref (j->slots);
    j->slots = report_slots_json (&j->x);
    j->made = report_make_html_fragment (&j->x, &j->out, j->err,
                                         sizeof j->err);
  }
  else if (! final || 0 == json_array_size (j->missing))
    j->made = report_make (&j->x, &j->out, j->err, sizeof j->err);
  j->x.wbs.sk = NULL;
}

static enum hres make_done (struct req *r);

static enum hres
rjob_make (struct req *r)
{
  return http_suspend_for_work (r, POOL_STAFF, &make_run, &make_done);
}

/* Reading sealed WBS reports is logged, whoever does it (the command
   line does the same). */
static enum store_status
generated_log (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct rjob *j = r->state;
  char obj[64];
  snprintf (obj, sizeof obj, "%s/%s", j->key, j->p.period.key);
  return audit_append (c, j->unit.id, r->session->username,
                       "report_generate", obj, j->p.variant);
}

/* The engine's finalising job on the request's state (a job's CLS is the
   request: the HTTP layer resumes it with the same pointer). */
static enum store_status
final_run (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct rjob *j = r->state;
  return report_finalise_run (c, &j->f);
}

static enum hres answer (struct req *r);
static enum hres doc_page (struct req *r, struct rjob *j);
static enum hres final_stored (struct req *r);

static enum hres
make_done (struct req *r)
{
  struct rjob *j = r->state;
  bool final = RM_FINAL_API == j->mode || RM_FINAL_PAGE == j->mode;
  if (final && json_array_size (j->missing) && RM_FINAL_API == j->mode)
  {
    json_t *fields = json_object ();
    size_t i;
    json_t *s;
    json_array_foreach (j->missing, i, s)
      json_object_set_new (fields, json_string_value (s), json_pack (
                             "{s:s, s:s}", "code", "required", "message",
                             "Isian wajib ini belum diisi."));
    return http_reply_error (r, ERR_REPORT_SLOTS, fields);
  }
  if (! j->made)
  {
    LOG_E ("report %s %s: %s", j->key, j->p.period.key, j->err);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  if (RM_FINAL_PAGE == j->mode && json_array_size (j->missing)
      && ! j->error[0])
  {
    /* The page lists the empty required slots under this, by title. */
    snprintf (j->error, sizeof j->error, "Belum dapat difinalkan: isian"
              " wajib berikut belum diisi.");
    j->status = 409;
  }
  if (final && ! j->error[0] && 0 == json_array_size (j->missing))
  {
    j->f = (struct report_final) { .x = &j->x, .out = &j->out,
                                   .actor = r->session->username };
    r->job.run = &final_run;
    r->job.cls = r;
    return http_suspend_for_job (r, &final_stored);
  }
  if (j->p.def->needs_wbs_key)
  {
    r->job.run = &generated_log;
    r->job.cls = r;
    return http_suspend_for_job (r, &answer);
  }
  r->job_status = STORE_OK;
  return answer (r);
}

/* The made document: the model, a file, or the page. */
static enum hres
answer (struct req *r)
{
  struct rjob *j = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  if (RM_PAGE == j->mode || RM_FINAL_PAGE == j->mode)
    return doc_page (r, j);
  if (RM_API == j->mode && RF_JSON == j->p.format)
  {
    /* The canonical text: the model with its long tables written out,
       byte for byte the JSON file (and what model_sha256 hashes). */
    struct buf b = j->out.file;
    memset (&j->out.file, 0, sizeof j->out.file);
    return http_reply (r, 200, "application/json", &b);
  }
  char disp[220];
  snprintf (disp, sizeof disp, "attachment; filename=\"%s\"",
            j->out.file_name);
  struct buf b = j->out.file;
  memset (&j->out.file, 0, sizeof j->out.file);
  return http_reply_download (r, j->out.mime, &b, disp);
}

/* ---- previews ---- */

/* GET /api/v1/u/{unit}/reports/{doc} and /staff/laporan/{doc}/unduh. */
enum hres
h_api_report (struct req *r)
{
  bool api = FMT_JSON == r->route->fmt;
  struct rjob *j;
  enum hres h = rjob_begin (r, api ? RM_API : RM_DOWNLOAD, &j);
  if (H_CONTINUE != h)
    return h;
  const char *format = http_query (r, "format");
  h = rjob_params (r, j, http_param (r, api ? 1 : 0),
                   http_query (r, "period"), http_query (r, "cutoff"),
                   http_query (r, "date"), http_query (r, "variant"),
                   http_query (r, "domain"),
                   format && *format ? format : (api ? "json" : "pdf"),
                   http_query (r, "sep"));
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, false);
  if (H_CONTINUE != h)
    return h;
  return rjob_make (r);
}

/* ---- finalising ---- */

static enum hres
final_stored (struct req *r)
{
  struct rjob *j = r->state;
  if (STORE_NO_ROW == r->job_status && j->f.error[0])
  {
    /* A tracker row the slot table left incomplete: nothing was
       stored. */
    const char *slot = "narratives";
    size_t i;
    json_t *s;
    json_array_foreach (j->x.slots, i, s)
      if (jstr (s, "tracker") && jstr (s, "slot")
          && strstr (j->f.error, jstr (s, "slot")))
        slot = jstr (s, "slot");
    if (RM_FINAL_API == j->mode)
      return http_reply_error (r, ERR_VALIDATION, json_pack (
                                 "{s:{s:s, s:s}}", slot, "code", "incomplete",
                                 "message", j->f.error));
    snprintf (j->error, sizeof j->error, "%s", j->f.error);
    snprintf (j->error_slot, sizeof j->error_slot, "%s", slot);
    j->status = 400;
    return rjob_make (r);
  }
  if (r->job_status < 0 || STORE_OK != r->job_status)
    return h_store_error (r, r->job_status < 0 ? r->job_status
                                               : STORE_HARD_ERROR);
  if (RM_FINAL_PAGE == j->mode)
  {
    char q[160], loc[320];
    link_query (&j->p, q, sizeof q);
    if (j->back_to_list)
      snprintf (loc, sizeof loc, "/staff/laporan?period=%s&ok=final&artefak="
                "%lld#artefak", j->p.period.key,
                (long long) j->f.artifact_id);
    else
      snprintf (loc, sizeof loc, "/staff/laporan/%s?%s&ok=final&artefak=%lld",
                j->p.def->id, q, (long long) j->f.artifact_id);
    return http_redirect (r, loc);
  }
  return http_reply_json (r, 201, json_pack (
                            "{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "id",
                            (json_int_t) j->f.artifact_id, "sha256",
                            j->out.file_sha256, "model_sha256",
                            j->out.model_sha256, "file_name",
                            j->out.file_name, "mime", j->out.mime, "size",
                            (json_int_t) j->out.file.len, "items_created",
                            (json_int_t) j->f.items_created));
}

/* POST /api/v1/u/{unit}/reports/{doc}/artefacts
   {period, cutoff?, date, variant?, domain?, format?, sep?} */
enum hres
h_api_report_final (struct req *r)
{
  static const char *const allowed[] = { "period", "cutoff", "date",
                                         "variant", "domain", "format",
                                         "sep", NULL };
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_FINAL_API, &j);
  if (H_CONTINUE != h)
    return h;
  if (NULL == report_def_find (http_param (r, 1)))
    return http_reply_error (r, ERR_REPORT_NOT_FOUND, NULL);
  json_t *errors = NULL;
  bool ok = h_json_body (r, allowed, "period", &errors);
  const char *k;
  json_t *v;
  json_object_foreach (r->json, k, v)
    if (! json_is_string (v))
      h_field_error (errors, k, "invalid_type", "Harus berupa teks.");
  if (! ok || json_object_size (errors))
    return http_reply_error (r, ERR_REPORT_PARAM, errors);
  json_decref (errors);
  const char *date = jstr (r->json, "date");
  if (NULL == date || ! *date)
    return param_error (r, "date", "Tanggal surat wajib diisi untuk dokumen"
                        " final (YYYY-MM-DD).");
  const char *format = jstr (r->json, "format");
  h = rjob_params (r, j, http_param (r, 1), jstr (r->json, "period"),
                   jstr (r->json, "cutoff"), date, jstr (r->json, "variant"),
                   jstr (r->json, "domain"), format ? format : "pdf",
                   jstr (r->json, "sep"));
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, true);
  if (H_CONTINUE != h)
    return h;
  return rjob_make (r);
}

/* ---- narratives ---- */

/* GET /api/v1/u/{unit}/reports/{doc}/narratives?period=&domain= */
enum hres
h_api_report_narratives (struct req *r)
{
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_API, &j);
  if (H_CONTINUE != h)
    return h;
  h = rjob_params (r, j, http_param (r, 1), http_query (r, "period"), NULL,
                   NULL, NULL, http_query (r, "domain"), "json", NULL);
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, false);
  if (H_CONTINUE != h)
    return h;
  if (! ctx_open (r, j))
  {
    LOG_E ("narratives %s: %s", j->key, j->err);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  json_t *slots = report_slots_json (&j->x);
  size_t i;
  json_t *s;
  char t[40];
  json_array_foreach (slots, i, s)
    if (json_is_integer (json_object_get (s, "at")))
    {
      h_fmt_time (json_integer_value (json_object_get (s, "at")),
                  j->unit.utc_offset_min, t, sizeof t);
      json_object_set_new (s, "at", json_string (t));
    }
  return http_reply_json (r, 200, json_pack (
                            "{s:s, s:s, s:s, s:o, s:o, s:b}", "doc",
                            j->p.def->id, "key", j->key, "period",
                            j->p.period.key, "slots", slots, "missing",
                            report_missing_slots (&j->x), "may_edit",
                            may_edit (r->session->roles, j->p.def,
                                      j->p.domain)));
}

static enum store_status
narr_write (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct rjob *j = r->state;
  enum store_status st = rs_narrative_add (c, j->unit.id, j->key,
                                           j->p.period.key, j->slot, j->text,
                                           r->session->username,
                                           (int64_t) time (NULL),
                                           &j->version);
  if (STORE_OK != st)
    return st;
  char obj[100], detail[32];
  snprintf (obj, sizeof obj, "%s/%s/%s", j->key, j->p.period.key, j->slot);
  snprintf (detail, sizeof detail, "versi %d", j->version);
  return audit_append (c, j->unit.id, r->session->username,
                       "report_narrative", obj, detail);
}

/* The stored text of J's slot, or NULL. */
static const char *
stored_text (struct rjob *j)
{
  for (size_t i = 0; i < j->x.n_narr; i++)
    if (0 == strcmp (j->x.narr[i].slot, j->slot))
      return j->x.narr[i].text;
  return NULL;
}

/* Check J->text for J->slot; false with WHY. */
static bool
narr_check (struct rjob *j, char *why, size_t cap)
{
  if (! utf8_valid_text (j->text, strlen (j->text)))
  {
    snprintf (why, cap, "teks bukan UTF-8 yang sah.");
    return false;
  }
  return report_slot_check (&j->x, j->slot, j->text, why, cap);
}

static enum hres
narr_saved_api (struct req *r)
{
  struct rjob *j = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  return http_reply_json (r, 201, json_pack ("{s:s, s:s, s:s, s:i}", "doc",
                                             j->key, "period",
                                             j->p.period.key, "slot", j->slot,
                                             "version", j->version));
}

/* POST /api/v1/u/{unit}/reports/{doc}/narratives
   {period, slot, text, domain?}: a new version of the slot. */
enum hres
h_api_report_narrative_post (struct req *r)
{
  static const char *const allowed[] = { "period", "slot", "text", "domain",
                                         NULL };
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_API, &j);
  if (H_CONTINUE != h)
    return h;
  if (NULL == report_def_find (http_param (r, 1)))
    return http_reply_error (r, ERR_REPORT_NOT_FOUND, NULL);
  json_t *errors = NULL;
  bool ok = h_json_body (r, allowed, "slot", &errors);
  const json_t *text = json_object_get (r->json, "text");
  if (ok && ! json_is_string (text) && ! json_is_array (text))
    h_field_error (errors, "text", "required", "Wajib diisi: teks, atau"
                   " daftar JSON untuk isian berupa daftar/tabel.");
  if (! ok || json_object_size (errors))
    return http_reply_error (r, ERR_VALIDATION, errors);
  json_decref (errors);
  h = rjob_params (r, j, http_param (r, 1), jstr (r->json, "period"), NULL,
                   NULL, NULL, jstr (r->json, "domain"), "json", NULL);
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, true);
  if (H_CONTINUE != h)
    return h;
  snprintf (j->slot, sizeof j->slot, "%s", jstr (r->json, "slot"));
  j->text = json_is_string (text) ? strdup (json_string_value (text))
            : json_dumps (text, JSON_COMPACT | JSON_ENSURE_ASCII);
  if (NULL == j->text)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  if (strlen (jstr (r->json, "slot")) >= sizeof j->slot)
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "slot", "code", "unknown",
                               "message", "Isian tidak dikenal."));
  if (! ctx_open (r, j))
  {
    LOG_E ("narrative %s: %s", j->key, j->err);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  char why[240];
  if (! narr_check (j, why, sizeof why))
  {
    bool unknown = 0 == strncmp (why, "isian tidak dikenal", 19);
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", unknown ? "slot" : j->slot,
                               "code", unknown ? "unknown" : "invalid",
                               "message", why));
  }
  r->job.run = &narr_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &narr_saved_api);
}

/* ---- artefacts ---- */

struct afile {
  struct unit unit;
  struct rs_artifact meta;
  bool have_meta;
  unsigned char *content;
  size_t len;
};

static void
afile_free (void *p)
{
  struct afile *a = p;
  if (a->have_meta)
  {
    free (a->meta.params);
    free (a->meta.narrative_versions);
  }
  free (a->content);
  free (a);
}

/* The definition and domain of an artefact's document key. */
static const struct report_def *
def_of_key (const char *key, char domain[16])
{
  domain[0] = '\0';
  const struct report_def *def = report_def_find (key);
  if (def)
    return def;
  static const char tl[] = "tl-rekomendasi-";
  if (0 == strncmp (key, tl, sizeof tl - 1) && strlen (key + sizeof tl - 1)
      < 16)
  {
    snprintf (domain, 16, "%s", key + sizeof tl - 1);
    for (char *c = domain; *c; c++)
      if (*c >= 'a' && *c <= 'z')
        *c = (char) (*c - 32);
    return report_def_find ("tl-rekomendasi");
  }
  return NULL;
}

static enum store_status
download_log (struct store_conn *c, void *cls)
{
  struct req *r = cls;
  struct afile *a = r->state;
  char obj[64], detail[220];
  snprintf (obj, sizeof obj, "artefak %lld", (long long) a->meta.id);
  snprintf (detail, sizeof detail, "%s sha256=%s", a->meta.file_name,
            a->meta.sha256);
  return audit_append (c, a->unit.id, r->session->username,
                       "report_download", obj, detail);
}

static enum hres
download_send (struct req *r)
{
  struct afile *a = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  static const struct { const char *ext, *mime; } mimes[] = {
    { ".pdf", "application/pdf" },
    { ".xlsx", "application/vnd.openxmlformats-officedocument"
               ".spreadsheetml.sheet" },
    { ".csv", "text/csv; charset=utf-8" },
    { ".zip", "application/zip" },
    { ".json", "application/json" },
    { ".html", "text/html; charset=utf-8" },
  };
  const char *mime = "application/octet-stream";
  size_t n = strlen (a->meta.file_name);
  for (size_t i = 0; i < sizeof mimes / sizeof mimes[0]; i++)
  {
    size_t e = strlen (mimes[i].ext);
    if (n > e && 0 == strcmp (a->meta.file_name + n - e, mimes[i].ext))
      mime = mimes[i].mime;
  }
  char disp[220];
  snprintf (disp, sizeof disp, "attachment; filename=\"%s\"",
            a->meta.file_name);
  struct buf b = { 0 };
  buf_append (&b, a->content ? (const char *) a->content : "", a->len);
  return http_reply_download (r, mime, &b, disp);
}

/* GET /api/v1/u/{unit}/reports/artefacts/{id} and
   /staff/laporan/artefak/{id}: the stored file, logged. */
enum hres
h_api_report_artifact (struct req *r)
{
  struct afile *a = calloc (1, sizeof *a);
  if (NULL == a)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  r->state = a;
  r->state_free = &afile_free;
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug, &a->unit);
  if (STORE_OK != st)
    return h_store_error (r, st);
  const char *idp = http_param (r, FMT_JSON == r->route->fmt ? 1 : 0);
  char *end;
  long long id = strtoll (idp, &end, 10);
  if (*end || id <= 0)
    return http_reply_error (r, ERR_ARTIFACT_NOT_FOUND, NULL);
  st = rs_artifact_content (r->app->store, a->unit.id, id, &a->meta,
                            &a->content, &a->len);
  if (STORE_NO_ROW == st)
    return http_reply_error (r, ERR_ARTIFACT_NOT_FOUND, NULL);
  if (STORE_OK != st)
    return h_store_error (r, st);
  a->have_meta = true;
  char domain[16];
  const struct report_def *def = def_of_key (a->meta.doc, domain);
  if (NULL == def || ! may_view (r->session->roles, def, domain)
      || (0 == strcmp (a->meta.variant, "terbatas")
          && ! may_terbatas (r->session->roles)))
    return http_reply_error (r, ERR_FORBIDDEN, NULL);
  r->job.run = &download_log;
  r->job.cls = r;
  return http_suspend_for_job (r, &download_send);
}

/* ---- the list of documents ---- */

struct listing {
  const struct report_def *def;
  const char *domain;       /* D4: its tracker domain; else NULL */
};

/* The engine's documents as the Laporan page lists them. */
static size_t
listings (struct listing *out, size_t cap)
{
  size_t n = 0;
  for (size_t i = 0; report_defs[i] && n < cap; i++)
  {
    if (0 == strcmp (report_defs[i]->id, "tl-rekomendasi"))
      for (size_t k = 0; tl_domains[k] && n < cap; k++)
        out[n++] = (struct listing) { report_defs[i], tl_domains[k] };
    else
      out[n++] = (struct listing) { report_defs[i], NULL };
  }
  return n;
}

/* One document of the list, for the period P (its kind may not fit). */
static json_t *
listing_json (struct req *r, const struct listing *l, const char *period,
              const json_t *catalogue, const struct rs_artifact *arts,
              size_t n_arts, int offset)
{
  const struct session *se = r->session;
  char key[48], name[240];
  struct period p;
  period_parse (period, &p);
  doc_key (l->def, l->domain, key);
  if (l->domain)
    snprintf (name, sizeof name, "%s — %s", l->def->name,
              domain_label (l->domain));
  else
    snprintf (name, sizeof name, "%s", l->def->name);
  bool view = may_view (se->roles, l->def, l->domain);
  bool edit = may_edit (se->roles, l->def, l->domain);
  bool key_ok = ! l->def->needs_wbs_key
                || NULL != session_unit_key (se, KEY_WBS);
  bool fits = NULL != strchr (l->def->periods, p.kind);
  const struct rs_artifact *last = NULL;
  for (size_t i = 0; i < n_arts && ! last; i++)
    if (0 == strcmp (arts[i].doc, key))
      last = &arts[i];     /* newest first */
  json_t *o = json_pack (
    "{s:s, s:s, s:s, s:o, s:s, s:o, s:b, s:b, s:b, s:b, s:b, s:s}",
    "id", l->def->id, "key", key, "name", name, "periods",
    periods_json (l->def), "periods_text", periods_text (l->def), "lke",
    report_lke_items (catalogue, key), "period_ok", fits, "needs_wbs_key",
    l->def->needs_wbs_key, "wbs_key", key_ok, "may_preview",
    view && key_ok, "may_finalise", edit && key_ok, "status",
    last ? "final" : "draf");
  json_object_set_new (o, "domain", l->domain ? json_string (l->domain)
                                              : json_null ());
  json_object_set_new (o, "final", last ? artifact_json (last, offset, false)
                                        : json_null ());
  return o;
}

/* GET /api/v1/u/{unit}/reports?period= */
enum hres
h_api_reports (struct req *r)
{
  struct unit u;
  char today[11], dflt[12];
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug, &u);
  if (STORE_OK != st)
    return h_store_error (r, st);
  today_of (&u, today);
  default_period (today, dflt);
  const char *period = http_query (r, "period");
  struct period p;
  if (NULL == period || ! *period)
    period = dflt;
  if (! period_parse (period, &p))
    return param_error (r, "period", "Periode tidak valid: tulis 2026-S1,"
                        " 2026-S2, 2026-Q1 sampai 2026-Q4, atau 2026.");
  struct rs_profile prof;
  st = rs_profile_get (r->app->store, u.id, &prof);
  if (STORE_OK != st && STORE_NO_ROW != st)
    return h_store_error (r, st);
  json_t *cat = report_catalogue (prof.lke_version);
  rs_profile_free (&prof);
  struct rs_artifact *arts = NULL;
  size_t na = 0;
  st = rs_artifacts (r->app->store, u.id, p.key, &arts, &na);
  if (STORE_OK != st)
  {
    json_decref (cat);
    return h_store_error (r, st);
  }
  struct listing ls[32];
  size_t nl = listings (ls, 32);
  json_t *docs = json_array (), *aj = json_array ();
  for (size_t i = 0; i < nl; i++)
    json_array_append_new (docs, listing_json (r, &ls[i], p.key, cat, arts,
                                               na, u.utc_offset_min));
  for (size_t i = 0; i < na; i++)
  {
    char domain[16];
    const struct report_def *def = def_of_key (arts[i].doc, domain);
    if (def && may_view (r->session->roles, def, domain))
      json_array_append_new (aj, artifact_json (&arts[i], u.utc_offset_min,
                                                true));
  }
  rs_artifacts_free (arts, na);
  char label[48];
  period_label (&p, label, sizeof label);
  json_t *out = json_pack ("{s:s, s:{s:s, s:s, s:s, s:s}, s:O?, s:o, s:o}",
                           "unit", u.slug, "period", "id", p.key, "label",
                           label, "from", p.from, "to", p.to, "lke_version",
                           json_object_get (cat, "lke"), "documents", docs,
                           "artefacts", aj);
  json_decref (cat);
  return http_reply_json (r, 200, out);
}

/* ---- pages ---- */

static json_t *
formats_json (const char *selected)
{
  json_t *a = json_array ();
  for (size_t i = 0; i < N_FORMATS; i++)
    json_array_append_new (a, json_pack ("{s:s, s:s, s:b}", "value",
                                         formats[i], "label",
                                         format_labels[i], "selected",
                                         0 == strcmp (formats[i], selected)));
  return a;
}

static bool
may_settings (unsigned int roles)
{
  return http_staff_may_get ("/staff/laporan/pengaturan", roles);
}

/* GET /staff/laporan?period= */
enum hres
h_staff_reports (struct req *r)
{
  struct unit u;
  char today[11], dflt[12];
  enum store_status st = store_unit_by_slug (r->app->store,
                                             r->session->unit_slug, &u);
  if (STORE_OK != st)
    return h_store_error (r, st);
  today_of (&u, today);
  default_period (today, dflt);
  json_t *ctx = h_staff_ctx (r, "Laporan");
  const char *period = http_query (r, "period");
  struct period p;
  if (NULL == period || ! *period)
    period = dflt;
  if (! period_parse (period, &p))
  {
    json_object_set_new (ctx, "error", json_string (
                           "Periode tidak valid; ditampilkan periode"
                           " bawaan."));
    period_parse (dflt, &p);
  }
  struct rs_profile prof;
  rs_profile_get (r->app->store, u.id, &prof);
  json_t *cat = report_catalogue (prof.lke_version);
  rs_profile_free (&prof);
  struct rs_artifact *arts = NULL;
  size_t na = 0;
  rs_artifacts (r->app->store, u.id, p.key, &arts, &na);
  struct listing ls[32];
  size_t nl = listings (ls, 32);
  json_t *docs = json_array ();
  for (size_t i = 0; i < nl; i++)
  {
    json_t *d = listing_json (r, &ls[i], p.key, cat, arts, na,
                              u.utc_offset_min);
    char q[80], roles[200] = "";
    snprintf (q, sizeof q, "period=%s%s%s", p.key,
              ls[i].domain ? "&domain=" : "", ls[i].domain ? ls[i].domain
                                                           : "");
    json_object_set_new (d, "query", json_string (q));
    json_object_set_new (d, "formats", formats_json ("pdf"));
    const char *rn;
    for (size_t k = 0; NULL != (rn = role_nth (ls[i].def->roles, k)); k++)
      snprintf (roles + strlen (roles), sizeof roles - strlen (roles),
                "%s%s", k ? ", " : "", role_label (role_from_name (rn)));
    json_object_set_new (d, "may_role", json_boolean (
                           0 != (r->session->roles & ls[i].def->roles)));
    if (r->session->roles & ls[i].def->roles)
      /* Holds one of the document's roles, yet may not: a WBS manager and
         a document outside the WBS domain. */
      snprintf (roles, sizeof roles, "Pengelola WBS menyusun laporan domain"
                " WBS saja; dokumen ini disusun Tim ZI, Pimpinan atau"
                " Admin");
    json_object_set_new (d, "roles_text", json_string (roles));
    if (! json_is_true (json_object_get (d, "period_ok")))
      json_object_set_new (d, "wrong_period", json_string (
                             0 == strcmp (ls[i].def->periods, "S")
                             ? "Dokumen ini disusun per semester: pilih"
                               " Semester I atau II."
                             : "Dokumen ini tidak disusun per tahun: pilih"
                               " semester atau triwulan."));
    json_array_append_new (docs, d);
  }
  json_t *aj = json_array ();
  int64_t just = 0;
  const char *ok = http_query (r, "ok");
  const char *art = http_query (r, "artefak");
  if (ok && 0 == strcmp (ok, "final") && art)
    just = atoll (art);
  for (size_t i = 0; i < na; i++)
  {
    char domain[16];
    const struct report_def *def = def_of_key (arts[i].doc, domain);
    if (NULL == def || ! may_view (r->session->roles, def, domain))
      continue;
    json_t *a = artifact_json (&arts[i], u.utc_offset_min, false);
    json_object_set_new (a, "name", json_string (def->name));
    json_object_set_new (a, "just", json_boolean (arts[i].id == just));
    if (arts[i].id == just)
    {
      char msg[300];
      snprintf (msg, sizeof msg, "Dokumen difinalkan sebagai artefak %lld"
                " (%s, SHA-256 %.16s…).", (long long) arts[i].id,
                arts[i].file_name, arts[i].sha256);
      json_object_set_new (ctx, "notice", json_string (msg));
    }
    json_array_append_new (aj, a);
  }
  rs_artifacts_free (arts, na);
  json_decref (cat);
  char label[48];
  period_label (&p, label, sizeof label);
  json_object_set_new (ctx, "wide", json_true ());
  json_object_set_new (ctx, "period", json_string (p.key));
  json_object_set_new (ctx, "period_label", json_string (label));
  json_object_set_new (ctx, "years", period_choices (p.key, today));
  json_object_set_new (ctx, "today", json_string (today));
  json_object_set_new (ctx, "docs", docs);
  json_object_set_new (ctx, "artefacts", aj);
  json_object_set_new (ctx, "may_settings",
                       json_boolean (may_settings (r->session->roles)));
  json_object_set_new (ctx, "may_tracker", json_boolean (
                         http_staff_may_get ("/staff/tindak-lanjut",
                                             r->session->roles)));
  return http_reply_html (r, 200, "staff-reports.html", ctx);
}

/* One slot as the page's form draws it; INPUT (may be NULL) is what the
   officer typed when the save was refused. */
static json_t *
slot_form (struct rjob *j, const json_t *s, const json_t *input,
           const char *error)
{
  const char *slot = jstr (s, "slot");
  const char *kind = jstr (s, "kind");
  const json_t *value = input ? input : json_object_get (s, "value");
  json_t *o = json_pack ("{s:s, s:O, s:b, s:b, s:b, s:b, s:b, s:b, s:I}",
                         "slot", slot, "title", json_object_get (s, "title"),
                         "required",
                         json_is_true (json_object_get (s, "required")),
                         "filled", json_is_true (json_object_get (s,
                                                                  "filled")),
                         "is_text", 0 == strcmp (kind, "text"), "is_line",
                         0 == strcmp (kind, "line"), "is_list",
                         0 == strcmp (kind, "list"), "is_table",
                         0 == strcmp (kind, "table"), "version",
                         json_integer_value (json_object_get (s,
                                                              "version")));
  bool open = (json_is_true (json_object_get (s, "required"))
               && ! json_is_true (json_object_get (s, "filled")))
              || error || 0 == strcmp (j->more_rows, slot);
  json_object_set_new (o, "open", json_boolean (open));
  const json_t *cur = json_object_get (s, "value");
  json_object_set_new (o, "has_default", json_boolean (
                         ! json_is_true (json_object_get (s, "filled"))
                         && ((json_is_string (cur)
                              && json_string_length (cur) > 0)
                             || json_array_size (cur) > 0)));
  if (error)
    json_object_set_new (o, "serr", json_string (error));
  if (json_is_true (json_object_get (s, "tracker")) || jstr (s, "tracker"))
    json_object_set_new (o, "tracker", json_true ());
  if (0 == strcmp (kind, "list"))
  {
    struct buf b = { 0 };
    size_t i;
    json_t *v;
    json_array_foreach (value, i, v)
    {
      buf_puts (&b, json_string_value (v) ? json_string_value (v) : "");
      buf_puts (&b, "\n");
    }
    json_object_set_new (o, "text", json_string (b.p ? b.p : ""));
    buf_free (&b);
  }
  else if (0 == strcmp (kind, "table"))
  {
    const json_t *cols = json_object_get (s, "columns");
    json_t *rows = json_array ();
    size_t have = json_array_size (value);
    size_t blank = have ? 1 : 2;
    if (0 == strcmp (j->more_rows, slot))
      blank += 2;
    size_t total = have + blank;
    if (total > FORM_MAX_ROWS)
      total = have > FORM_MAX_ROWS ? have : FORM_MAX_ROWS;
    for (size_t i = 0; i < total; i++)
    {
      const json_t *row = json_array_get (value, i);
      json_t *cells = json_array ();
      size_t c;
      json_t *col;
      json_array_foreach (cols, c, col)
      {
        const char *k = jstr (col, "key");
        const char *type = jstr (col, "type");
        char name[48];
        snprintf (name, sizeof name, "r%zu.%s", i, k);
        const char *v = jstr (row, k);
        bool wide = 0 == strcmp (k, "temuan") || 0 == strcmp (k, "rekomendasi")
                    || 0 == strcmp (k, "rencana_aksi")
                    || 0 == strcmp (k, "kendala")
                    || 0 == strcmp (k, "solusi")
                    || 0 == strcmp (k, "program")
                    || 0 == strcmp (k, "usulan_perbaikan");
        json_array_append_new (cells, json_pack (
                                 "{s:s, s:O, s:s, s:s, s:b, s:b}", "name",
                                 name, "label", json_object_get (col,
                                                                 "label"),
                                 "id", name, "value", v ? v : "", "is_date",
                                 type && 0 == strcmp (type, "date"), "wide",
                                 wide));
      }
      json_array_append_new (rows, json_pack ("{s:I, s:I, s:o}", "n",
                                              (json_int_t) i + 1, "i",
                                              (json_int_t) i, "cells",
                                              cells));
    }
    json_object_set_new (o, "rows", rows);
    json_object_set_new (o, "n_rows", json_integer ((json_int_t) total));
    json_object_set_new (o, "can_add", json_boolean (total < FORM_MAX_ROWS));
  }
  else
    json_object_set_new (o, "text", json_string (json_string_value (value)
                                                 ? json_string_value (value)
                                                 : ""));
  return o;
}

/* The page of one document: its state, the narrative forms, the
   finalising form and the preview (J made the fragment). */
static enum hres
doc_page (struct req *r, struct rjob *j)
{
  const struct session *se = r->session;
  char name[240], label[48], q[160];
  if (j->p.domain[0])
    snprintf (name, sizeof name, "%s — %s", j->p.def->name,
              domain_label (j->p.domain));
  else
    snprintf (name, sizeof name, "%s", j->p.def->name);
  period_label (&j->p.period, label, sizeof label);
  link_query (&j->p, q, sizeof q);
  json_t *ctx = h_staff_ctx (r, name);
  json_object_set_new (ctx, "wide", json_true ());
  json_object_set_new (ctx, "extra_css", json_string ("/static/laporan.css"));
  json_object_set_new (ctx, "doc", json_pack (
                         "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                         j->p.def->id, "key", j->key, "name", name, "domain",
                         j->p.domain, "variant", j->p.variant, "cutoff",
                         strcmp (j->p.cutoff, j->p.period.to) ? j->p.cutoff
                                                              : "",
                         "period_to", j->p.period.to, "periods_text",
                         periods_text (j->p.def)));
  json_object_set_new (ctx, "period", json_string (j->p.period.key));
  json_object_set_new (ctx, "period_label", json_string (label));
  json_object_set_new (ctx, "query", json_string (q));
  json_object_set_new (ctx, "years", period_choices (j->p.period.key,
                                                     j->today));
  json_object_set_new (ctx, "today", json_string (j->today));
  char posisi[11];
  snprintf (posisi, sizeof posisi, "%s", j->p.cutoff);
  json_object_set_new (ctx, "cutoff_shown", json_string (posisi));
  bool edit = may_edit (se->roles, j->p.def, j->p.domain);
  json_object_set_new (ctx, "may_edit", json_boolean (edit));
  json_object_set_new (ctx, "formats", formats_json ("pdf"));
  bool wbs = 0 == strcmp (j->p.def->id, "wbs-monev");
  json_object_set_new (ctx, "is_wbs", json_boolean (wbs));
  json_object_set_new (ctx, "may_terbatas",
                       json_boolean (wbs && may_terbatas (se->roles)));
  json_object_set_new (ctx, "terbatas", json_boolean (
                         0 == strcmp (j->p.variant, "terbatas")));
  /* Slots, the missing ones first named in a summary. */
  json_t *forms = json_array (), *missing = json_array ();
  size_t i;
  json_t *s;
  json_array_foreach (j->slots, i, s)
  {
    const char *slot = jstr (s, "slot");
    bool mine = j->error_slot[0] && 0 == strcmp (j->error_slot, slot);
    json_array_append_new (forms, slot_form (j, s, mine ? j->input : NULL,
                                             mine ? j->error : NULL));
    size_t k;
    json_t *m;
    json_array_foreach (j->missing, k, m)
      if (0 == strcmp (json_string_value (m), slot))
        json_array_append_new (missing, json_pack ("{s:s, s:O}", "slot", slot,
                                                   "title",
                                                   json_object_get (s,
                                                                    "title")));
  }
  /* Set on every item: {{#missing.0}} pushes the first one, where an
     unset key of a later item would be looked up. */
  for (size_t k = 0; k < json_array_size (missing); k++)
    json_object_set_new (json_array_get (missing, k), "comma", json_boolean (
                           k + 1 < json_array_size (missing)));
  json_object_set_new (ctx, "slots", forms);
  json_object_set_new (ctx, "missing", missing);
  /* After a save (post/redirect/get): name the slot by its title. */
  json_array_foreach (j->slots, i, s)
    if (RM_PAGE == j->mode && j->slot[0] && ! j->error[0]
        && 0 == strcmp (j->slot, jstr (s, "slot")))
      snprintf (j->notice, sizeof j->notice, "Isian “%s” disimpan."
                " Pratinjau di bawah sudah memakai teks baru.",
                jstr (s, "title") ? jstr (s, "title") : j->slot);
  if (j->notice[0])
    json_object_set_new (ctx, "notice", json_string (j->notice));
  if (j->error[0] && ! j->error_slot[0])
    json_object_set_new (ctx, "error", json_string (j->error));
  if (j->error[0] && j->error_slot[0])
  {
    json_object_set_new (ctx, "slot_error", json_string (j->error));
    json_object_set_new (ctx, "slot_error_id", json_string (j->error_slot));
  }
  /* The final date typed (kept when refused), else today. */
  const char *typed = RM_FINAL_PAGE == j->mode
                      ? urlenc_get (&r->form, "date") : NULL;
  json_object_set_new (ctx, "final_date", json_string (
                         typed && *typed && strlen (typed) <= 10 ? typed
                         : j->today));
  /* This document's artefacts of the period. */
  struct rs_artifact *arts = NULL;
  size_t na = 0;
  json_t *aj = json_array ();
  rs_artifacts (r->app->store, j->unit.id, j->p.period.key, &arts, &na);
  for (size_t k = 0; k < na; k++)
    if (0 == strcmp (arts[k].doc, j->key))
    {
      json_t *a = artifact_json (&arts[k], j->unit.utc_offset_min, false);
      if (arts[k].id == j->just_final)
        json_object_set (ctx, "just_final", a);
      json_array_append_new (aj, a);
    }
  rs_artifacts_free (arts, na);
  json_object_set_new (ctx, "artefacts", aj);
  json_object_set_new (ctx, "preview", json_stringn (
                         j->out.file.p ? j->out.file.p : "",
                         j->out.file.len));
  return http_reply_html (r, j->status, "staff-report.html", ctx);
}

/* GET /staff/laporan/{doc}?period=&cutoff=&domain=&variant= */
enum hres
h_staff_report (struct req *r)
{
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_PAGE, &j);
  if (H_CONTINUE != h)
    return h;
  char dflt[12];
  default_period (j->today, dflt);
  const char *period = http_query (r, "period");
  h = rjob_params (r, j, http_param (r, 0), period && *period ? period : dflt,
                   http_query (r, "cutoff"), NULL, http_query (r, "variant"),
                   http_query (r, "domain"), "html", NULL);
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, false);
  if (H_CONTINUE != h)
    return h;
  const char *ok = http_query (r, "ok");
  const char *slot = http_query (r, "slot");
  const char *more = http_query (r, "tambah");
  if (ok && 0 == strcmp (ok, "narasi") && slot && strlen (slot) < 32)
    snprintf (j->slot, sizeof j->slot, "%s", slot);
  if (ok && 0 == strcmp (ok, "final") && http_query (r, "artefak"))
    j->just_final = atoll (http_query (r, "artefak"));
  if (more && strlen (more) < sizeof j->more_rows)
    snprintf (j->more_rows, sizeof j->more_rows, "%s", more);
  return rjob_make (r);
}

/* The page's parameters from the form (period, cutoff, domain, variant). */
static enum hres
form_params (struct req *r, struct rjob *j, const char *date,
             const char *format)
{
  const char *cutoff = urlenc_get (&r->form, "cutoff");
  return rjob_params (r, j, http_param (r, 0),
                      urlenc_get (&r->form, "period"), cutoff, date,
                      urlenc_get (&r->form, "variant"),
                      urlenc_get (&r->form, "domain"), format, NULL);
}

/* POST /staff/laporan/{doc}/finalkan: period, cutoff, date, format,
   domain, variant, back. */
enum hres
h_staff_report_final (struct req *r)
{
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_FINAL_PAGE, &j);
  if (H_CONTINUE != h)
    return h;
  const char *date = urlenc_get (&r->form, "date");
  const char *format = urlenc_get (&r->form, "format");
  const char *back = urlenc_get (&r->form, "back");
  j->back_to_list = back && 0 == strcmp (back, "list");
  char field[16] = "", msg[200] = "";
  /* A bad date or format is shown on the page with the draft preview;
     any other bad parameter did not come from the page's own form. */
  struct report_params probe;
  if (NULL == report_def_find (http_param (r, 0)))
    return http_reply_error (r, ERR_REPORT_NOT_FOUND, NULL);
  if (NULL == format || ! *format)
    format = "pdf";
  if (NULL == date || ! *date)
    snprintf (j->error, sizeof j->error, "Tanggal surat wajib diisi untuk"
              " dokumen final.");
  else if (! report_params_parse (&probe, http_param (r, 0),
                                  urlenc_get (&r->form, "period"),
                                  urlenc_get (&r->form, "cutoff"), date,
                                  urlenc_get (&r->form, "variant"),
                                  urlenc_get (&r->form, "domain"), format,
                                  j->today, field, msg, sizeof msg)
           && (0 == strcmp (field, "date") || 0 == strcmp (field, "format")))
  {
    snprintf (j->error, sizeof j->error, "%s: %s", 0 == strcmp (field,
                                                                 "date")
              ? "Tanggal surat" : "Format", msg);
    format = "pdf";
  }
  h = form_params (r, j, j->error[0] ? NULL : date, format);
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, true);
  if (H_CONTINUE != h)
    return h;
  if (j->error[0])
    j->status = 400;
  return rjob_make (r);
}

static enum hres
narr_saved_page (struct req *r)
{
  struct rjob *j = r->state;
  if (r->job_status < 0)
    return h_store_error (r, r->job_status);
  char q[160], loc[400];
  link_query (&j->p, q, sizeof q);
  snprintf (loc, sizeof loc, "/staff/laporan/%s?%s&ok=narasi&slot=%s%s%s"
            "#isian-%s", j->p.def->id, q, j->slot,
            j->more_rows[0] ? "&tambah=" : "", j->more_rows, j->slot);
  return http_redirect (r, loc);
}

/* The slot's value from the page's form: the text, one list item per
   line, or the table's rows (blank rows left out); INPUT gets it as the
   form showed it (for a refused save).  NULL on out of memory. */
static char *
slot_from_form (struct req *r, const json_t *def, json_t **input)
{
  const char *kind = jstr (def, "kind");
  const char *text = urlenc_get (&r->form, "text");
  *input = NULL;
  if (0 == strcmp (kind, "table"))
  {
    json_t *rows = json_array (), *typed = json_array ();
    for (size_t i = 0; i < FORM_MAX_ROWS + 1; i++)
    {
      json_t *row = json_object (), *as_typed = json_object ();
      size_t c;
      json_t *col;
      bool any = false;
      json_array_foreach (json_object_get (def, "columns"), c, col)
      {
        char name[48];
        snprintf (name, sizeof name, "r%zu.%s", i, jstr (col, "key"));
        const char *v = urlenc_get (&r->form, name);
        if (NULL == v)
          continue;
        /* Trim: a cell of spaces is empty. */
        while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
          v++;
        size_t n = strlen (v);
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'
                     || v[n - 1] == '\n'))
          n--;
        json_object_set_new (as_typed, jstr (col, "key"), json_stringn (v,
                                                                        n));
        if (n)
        {
          json_object_set_new (row, jstr (col, "key"), json_stringn (v, n));
          any = true;
        }
      }
      if (any)
        json_array_append_new (rows, row);
      else
        json_decref (row);
      if (json_object_size (as_typed) && any)
        json_array_append_new (typed, as_typed);
      else
        json_decref (as_typed);
    }
    char *s = json_dumps (rows, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref (rows);
    *input = typed;
    return s;
  }
  if (0 == strcmp (kind, "list"))
  {
    json_t *items = json_array ();
    const char *p = text ? text : "";
    while (*p)
    {
      const char *e = strchr (p, '\n');
      size_t n = e ? (size_t) (e - p) : strlen (p);
      size_t a = 0;
      while (a < n && (p[a] == ' ' || p[a] == '\t'))
        a++;
      size_t b = n;
      while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'
                       || p[b - 1] == '\r'))
        b--;
      if (b > a)
        json_array_append_new (items, json_stringn (p + a, b - a));
      p += n + (e ? 1 : 0);
    }
    char *s = json_dumps (items, JSON_COMPACT | JSON_ENSURE_ASCII);
    *input = items;
    return s;
  }
  /* Text: line ends as LF. */
  struct buf b = { 0 };
  for (const char *p = text ? text : ""; *p; p++)
    if (*p != '\r')
      buf_append (&b, p, 1);
  if (NULL == b.p)
    buf_puts (&b, "");
  *input = json_string (b.p);
  size_t len;
  return b.oom ? NULL : buf_steal (&b, &len);
}

/* POST /staff/laporan/{doc}/narasi: period, cutoff, domain, variant,
   slot, the value (text, or r{i}.{column}), action simpan|tambah. */
enum hres
h_staff_report_narrative (struct req *r)
{
  struct rjob *j;
  enum hres h = rjob_begin (r, RM_PAGE, &j);
  if (H_CONTINUE != h)
    return h;
  h = form_params (r, j, NULL, "html");
  if (H_CONTINUE != h)
    return h;
  h = rjob_check (r, j, true);
  if (H_CONTINUE != h)
    return h;
  const char *slot = urlenc_get (&r->form, "slot");
  if (NULL == slot || strlen (slot) >= sizeof j->slot)
    return http_reply_error (r, ERR_VALIDATION, NULL);
  snprintf (j->slot, sizeof j->slot, "%s", slot);
  const char *action = urlenc_get (&r->form, "action");
  if (action && 0 == strcmp (action, "tambah"))
    snprintf (j->more_rows, sizeof j->more_rows, "%s", j->slot);
  if (! ctx_open (r, j))
  {
    LOG_E ("narrative %s: %s", j->key, j->err);
    return http_reply_error (r, ERR_INTERNAL, NULL);
  }
  const json_t *def = NULL;
  size_t i;
  json_t *s;
  json_array_foreach (j->x.slots, i, s)
    if (0 == strcmp (jstr (s, "slot"), j->slot))
      def = s;
  if (NULL == def)
    return http_reply_error (r, ERR_VALIDATION, json_pack (
                               "{s:{s:s, s:s}}", "slot", "code", "unknown",
                               "message", "Isian tidak dikenal."));
  j->text = slot_from_form (r, def, &j->input);
  if (NULL == j->text)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  char why[240];
  if (! narr_check (j, why, sizeof why))
  {
    snprintf (j->error, sizeof j->error, "Isian tidak disimpan: %s", why);
    snprintf (j->error_slot, sizeof j->error_slot, "%s", j->slot);
    j->more_rows[0] = '\0';
    j->status = 400;
    return rjob_make (r);
  }
  /* Nothing changed (e.g. only "tambah baris"): no new version. */
  const char *old = stored_text (j);
  if (old && 0 == strcmp (old, j->text))
  {
    r->job_status = STORE_OK;
    return narr_saved_page (r);
  }
  r->job.run = &narr_write;
  r->job.cls = r;
  return http_suspend_for_job (r, &narr_saved_page);
}

/* ---- the embedded article's style sheet ---- */

static struct buf style;
static bool style_ok;
static pthread_once_t style_once = PTHREAD_ONCE_INIT;

static void
style_make (void)
{
  style_ok = report_html_style (&style);
}

/* GET /static/laporan.css: the report renderer's rules, so the staff page
   embeds its article without an inline <style> (the CSP allows none). */
enum hres
h_report_css (struct req *r)
{
  pthread_once (&style_once, &style_make);
  if (! style_ok)
    return http_reply_error (r, ERR_INTERNAL, NULL);
  return http_reply_static (r, "text/css; charset=utf-8", style.p,
                            style.len);
}
