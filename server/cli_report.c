/*
 * wadah report: documents from the command line (API.md "Reports"):
 *
 *   wadah report DOC --data DIR --unit SLUG --period P [--cutoff D]
 *                [--date D] [--variant V] [--domain D] --format F
 *                --out FILE [--final] [--sep semicolon]
 *                [--user U --password-file F | --recovery-key-file F]
 *   wadah report narrative --data DIR --unit SLUG DOC --period P
 *                --slot SLOT --text-file F [--domain D] [--user U]
 *   wadah report list --data DIR --unit SLUG [--period P]
 *   wadah report verify FILE --data DIR [--unit SLUG]
 *
 * Every document goes through the one engine (reports/report.h); this file
 * only reads flags, unlocks the WBS key when a document needs it, writes
 * the file and, with --final, stores the artefact.
 */
#include "app.h"
#include "audit.h"
#include "cli.h"
#include "custody.h"
#include "handlers.h"
#include "ikm.h"
#include "report.h"
#include "roles.h"
#include "store.h"
#include "vault.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
  "usage: wadah report DOC --data DIR --unit SLUG --period P [--cutoff YYYY-MM-DD]\n"
  "                    [--date YYYY-MM-DD] [--variant publik|terbatas]\n"
  "                    [--domain PENGADUAN|WBS|SKM|BK|GRATIFIKASI|ZI]\n"
  "                    --format json|html|pdf|xlsx|csv [--sep semicolon]\n"
  "                    --out FILE [--final] [--user USER]\n"
  "                    [--password-file FILE | --recovery-key-file FILE]\n"
  "       wadah report narrative --data DIR --unit SLUG DOC --period P\n"
  "                    --slot SLOT --text-file FILE [--domain D] [--user USER]\n"
  "       wadah report list --data DIR --unit SLUG [--period P]\n"
  "       wadah report settings --data DIR --unit SLUG --text-file FILE.json\n"
  "       wadah report verify FILE --data DIR [--unit SLUG]\n"
  "\n"
  "DOC: pengaduan-monev, pengaduan-rekap-lapor, pengaduan-register,\n"
  "pengaduan-tindak-lanjut, wbs-monev, tl-rekomendasi.  P: 2026-S1, 2026-S2,\n"
  "2026-Q1..Q4 or 2026.  The cut-off (posisi per) defaults to the period's\n"
  "last day; without --date the document is a draft (watermark DRAF).\n"
  "--final stores the file as an artefact with its SHA-256, the parameters\n"
  "and the narrative versions; it is refused while a required narrative\n"
  "slot is empty, or without --date.  wbs-monev reads sealed reports: give\n"
  "a pengelola_wbs user (--user, --password-file) or the unit's recovery\n"
  "key.  narrative stores a new version of a slot from FILE (text; a JSON\n"
  "array of row objects for table slots).  verify looks FILE's SHA-256 up\n"
  "among the finalised artefacts.  settings sets the unit's document data\n"
  "from a JSON object as the API takes it: kop (lines), place,\n"
  "lke_version, channels [{channel, address}], logo (PNG, base64),\n"
  "signatories_add [{role kepala|penyusun, jabatan, name, pangkat, nip,\n"
  "valid_from, valid_to}], signatories_end [{id, valid_to}],\n"
  "activities_add [{kind, date, title, place, participants,\n"
  "evidence_ref}]; a refused file changes nothing.\n";

struct ropts {
  const char *data, *unit, *period, *cutoff, *date, *variant, *domain;
  const char *format, *out, *user, *password_file, *recovery_file, *slot;
  const char *text_file, *sep;
  bool final, help;
  const char *args[4];
  size_t n_args;
};

static bool
ropts_parse (int argc, char **argv, struct ropts *o)
{
  enum { D = 1, U, P, C, DT, V, DM, F, O, US, PW, RK, SL, TF, SE, FI, H };
  static const struct option lo[] = {
    { "data", required_argument, NULL, D },
    { "unit", required_argument, NULL, U },
    { "period", required_argument, NULL, P },
    { "cutoff", required_argument, NULL, C },
    { "date", required_argument, NULL, DT },
    { "variant", required_argument, NULL, V },
    { "domain", required_argument, NULL, DM },
    { "format", required_argument, NULL, F },
    { "out", required_argument, NULL, O },
    { "user", required_argument, NULL, US },
    { "password-file", required_argument, NULL, PW },
    { "recovery-key-file", required_argument, NULL, RK },
    { "slot", required_argument, NULL, SL },
    { "text-file", required_argument, NULL, TF },
    { "sep", required_argument, NULL, SE },
    { "final", no_argument, NULL, FI },
    { "help", no_argument, NULL, H },
    { 0 }
  };
  memset (o, 0, sizeof *o);
  optind = 1;
  opterr = 1;
  int c;
  /* "+" is not used: positional words may come anywhere. */
  while (-1 != (c = getopt_long (argc, argv, "h", lo, NULL)))
    switch (c)
    {
    case D: o->data = optarg; break;
    case U: o->unit = optarg; break;
    case P: o->period = optarg; break;
    case C: o->cutoff = optarg; break;
    case DT: o->date = optarg; break;
    case V: o->variant = optarg; break;
    case DM: o->domain = optarg; break;
    case F: o->format = optarg; break;
    case O: o->out = optarg; break;
    case US: o->user = optarg; break;
    case PW: o->password_file = optarg; break;
    case RK: o->recovery_file = optarg; break;
    case SL: o->slot = optarg; break;
    case TF: o->text_file = optarg; break;
    case SE: o->sep = optarg; break;
    case FI: o->final = true; break;
    case 'h':
    case H: o->help = true; break;
    default: return false;
    }
  for (int i = optind; i < argc; i++)
  {
    if (o->n_args == 4)
      return false;
    o->args[o->n_args++] = argv[i];
  }
  return true;
}

/* Read all of PATH (malloc'ed, NUL-terminated). */
static char *
slurp (const char *path, size_t max, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (NULL == f)
    return NULL;
  struct buf b = { 0 };
  char chunk[8192];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0 && b.len <= max)
    buf_append (&b, chunk, n);
  fclose (f);
  if (b.oom || b.len > max)
  {
    buf_free (&b);
    return NULL;
  }
  if (NULL == b.p)
    buf_puts (&b, "");
  *len = b.len;
  return buf_steal (&b, len);
}

/* A file written through a temporary file and a rename. */
struct out_file {
  const char *path;
  char *tmp;
  FILE *f;
};

static bool
out_open (struct out_file *o, const char *path)
{
  size_t n = strlen (path) + 16;
  o->path = path;
  o->f = NULL;
  o->tmp = malloc (n);
  if (NULL == o->tmp)
    return false;
  snprintf (o->tmp, n, "%s.tmp%ld", path, (long) getpid ());
  o->f = fopen (o->tmp, "wb");
  if (NULL == o->f)
  {
    free (o->tmp);
    o->tmp = NULL;
  }
  return NULL != o->f;
}

static bool
out_write (void *cls, const char *data, size_t len)
{
  struct out_file *o = cls;
  return len == fwrite (data, 1, len, o->f);
}

/* Close, and rename into place when OK; false when anything failed. */
static bool
out_close (struct out_file *o, bool ok)
{
  if (NULL == o->tmp)
    return false;
  ok = (0 == fclose (o->f)) && ok;
  ok = ok && 0 == rename (o->tmp, o->path);
  if (! ok)
    unlink (o->tmp);
  free (o->tmp);
  o->tmp = NULL;
  return ok;
}

/* Write DATA to PATH through a temporary file and a rename. */
static bool
write_file (const char *path, const void *data, size_t len)
{
  struct out_file o;
  if (! out_open (&o, path))
    return false;
  return out_close (&o, out_write (&o, data, len));
}

static void
today_of (const struct unit *u, char out[11])
{
  ikm_local_date ((int64_t) time (NULL), u->utc_offset_min, out);
}

/* ---- the WBS key ---- */

struct recover_job {
  int64_t unit_id;
  const unsigned char *recovery;
  unsigned char *sk;
  bool ok;
};

static enum store_status
recover_run (struct store_conn *c, void *cls)
{
  struct recover_job *j = cls;
  enum store_status st = custody_unit_key_recover (c, j->unit_id, KEY_WBS,
                                                   j->recovery, j->sk);
  j->ok = STORE_OK == st;
  return STORE_NO_ROW == st ? STORE_OK : st;
}

/* Unlock the unit's WBS secret key into SK (secret memory) with a
   pengelola_wbs/admin user's password or the recovery key; ACTOR names
   who, for the audit log. */
static bool
unlock_wbs (struct store *s, const struct unit *u, const struct ropts *o,
            unsigned char *sk, char actor[48], unsigned int *roles)
{
  char text[256];
  *roles = 0;
  if (o->recovery_file)
  {
    if (! cli_read_password (o->recovery_file, text, sizeof text))
      return cli_fail ("cannot read %s", o->recovery_file), false;
    unsigned char *rk = vault_secret_new (32);
    bool parsed = rk && vault_recovery_parse (text, rk);
    vault_wipe (text, sizeof text);
    if (! parsed)
    {
      vault_secret_free (rk);
      return cli_fail ("%s does not hold a recovery key", o->recovery_file),
             false;
    }
    struct recover_job j = { u->id, rk, sk, false };
    enum store_status st = store_write_sync (s, &recover_run, &j);
    vault_secret_free (rk);
    if (STORE_OK != st || ! j.ok)
      return cli_fail ("the recovery key does not open unit '%s'", u->slug),
             false;
    snprintf (actor, 48, "kunci-pemulihan");
    *roles = ROLE_ADMIN;
    return true;
  }
  if (! o->user || ! o->password_file)
    return cli_fail ("%s", "this document reads sealed WBS reports: give"
                     " --user and --password-file of a pengelola_wbs user,"
                     " or --recovery-key-file"), false;
  struct user_rec usr;
  if (STORE_OK != store_user_by_name (s, u->slug, o->user, &usr)
      || usr.disabled || ! usr.has_keys)
    return cli_fail ("no active user '%s' with keys", o->user), false;
  if (! (usr.roles & (ROLE_PENGELOLA_WBS | ROLE_ADMIN)))
    return cli_fail ("user '%s' is not pengelola_wbs or admin", o->user),
           false;
  if (! cli_read_password (o->password_file, text, sizeof text))
    return cli_fail ("cannot read %s", o->password_file), false;
  unsigned char *usk = vault_secret_new (VAULT_SK_BYTES);
  bool ok = usk && vault_password_verify (usr.pw_hash, text)
            && vault_user_unlock (text, usr.public_key, usr.key_salt,
                                  usr.key_wrapped, usk);
  vault_wipe (text, sizeof text);
  if (! ok)
  {
    vault_secret_free (usk);
    return cli_fail ("wrong password for '%s'", o->user), false;
  }
  struct grant_row *g = NULL;
  size_t n = 0;
  unsigned char pk[32];
  bool have = false;
  if (STORE_OK == store_grants_of_user (s, u->id, usr.id, &g, &n)
      && STORE_OK == store_unit_key_get (s, u->id, "wbs", pk, NULL))
    for (size_t i = 0; i < n && ! have; i++)
      have = 0 == strcmp (g[i].kind, "wbs")
             && vault_open_key (g[i].sealed, usr.public_key, usk, sk)
             && vault_key_matches (pk, sk);
  free (g);
  vault_secret_free (usk);
  if (! have)
    return cli_fail ("user '%s' holds no WBS key grant", o->user), false;
  snprintf (actor, 48, "%s", usr.username);
  *roles = usr.roles;
  return true;
}

/* ---- commands ---- */

struct log_job {
  int64_t unit_id;
  const char *actor, *action, *object, *detail;
};

static enum store_status
log_run (struct store_conn *c, void *cls)
{
  struct log_job *j = cls;
  return audit_append (c, j->unit_id, j->actor, j->action, j->object,
                       j->detail);
}

static int
cmd_make (struct app *app, const struct unit *u, const struct ropts *o)
{
  char field[16], msg[200], err[200], today[11];
  struct report_params p;
  today_of (u, today);
  if (! o->out || ! o->format)
    return fputs (usage, stderr), 2;
  if (! report_params_parse (&p, o->args[0], o->period, o->cutoff, o->date,
                             o->variant, o->domain, o->format, today, field,
                             msg, sizeof msg))
  {
    fprintf (stderr, "wadah: --%s: %s\n", field, msg);
    return 2;
  }
  if (o->sep)
  {
    if (0 != strcmp (o->sep, "semicolon") && 0 != strcmp (o->sep, "comma"))
    {
      fputs ("wadah: --sep: semicolon atau comma.\n", stderr);
      return 2;
    }
    p.sep = o->sep[0] == 's' ? ';' : ',';
  }
  if (o->final && ! p.date[0])
  {
    fputs ("wadah: --date: tanggal surat wajib untuk dokumen final.\n",
           stderr);
    return 2;
  }
  unsigned char *sk = NULL;
  char actor[48] = "cli";
  unsigned int roles = ROLE_ALL;
  if (p.def->needs_wbs_key)
  {
    sk = vault_secret_new (32);
    if (NULL == sk || ! unlock_wbs (app->store, u, o, sk, actor, &roles))
    {
      vault_secret_free (sk);
      return 2;
    }
    if (0 == strcmp (p.variant, "terbatas")
        && ! (roles & (ROLE_PENGELOLA_WBS | ROLE_ADMIN)))
    {
      vault_secret_free (sk);
      fputs ("wadah: --variant: varian terbatas hanya untuk pengelola WBS"
             " atau admin.\n", stderr);
      return 2;
    }
  }
  else if (o->user)
    snprintf (actor, sizeof actor, "%s", o->user);
  struct report_ctx x;
  if (! report_ctx_open (&x, app, u, &p, today, err, sizeof err))
  {
    vault_secret_free (sk);
    report_ctx_close (&x);
    return cli_fail ("%s", err);
  }
  x.wbs.sk = sk;
  if (o->final)
  {
    json_t *missing = report_missing_slots (&x);
    if (json_array_size (missing))
    {
      fputs ("wadah: isian wajib belum diisi:", stderr);
      size_t i;
      json_t *s;
      json_array_foreach (missing, i, s)
        fprintf (stderr, " %s", json_string_value (s));
      fputs (" (wadah report narrative ... --slot SLOT)\n", stderr);
      json_decref (missing);
      report_ctx_close (&x);
      vault_secret_free (sk);
      return 2;
    }
    json_decref (missing);
  }
  /* A JSON file goes to disk as it is written (a final one is kept
     whole: it is stored as the artefact too). */
  struct report_out out = { 0 };
  struct out_file of = { 0 };
  bool stream = RF_JSON == p.format && ! o->final;
  struct report_sink to = { out_write, &of };
  bool opened = ! stream || out_open (&of, o->out);
  bool ok = opened && report_make_to (&x, &out, stream ? &to : NULL, err,
                                      sizeof err);
  vault_secret_free (sk);
  x.wbs.sk = NULL;
  int rc = 0;
  if (! opened)
    rc = cli_fail ("cannot write %s", o->out);
  else
  {
    bool written = stream ? out_close (&of, ok)
                   : ok && write_file (o->out, out.file.p ? out.file.p : "",
                                       out.file.len);
    if (! ok)
      rc = cli_fail ("%s", err);
    else if (! written)
      rc = cli_fail ("cannot write %s", o->out);
  }
  if (0 == rc && p.def->needs_wbs_key && ! o->final)
  {
    /* Reading sealed WBS reports is logged, whoever does it. */
    char obj[64];
    snprintf (obj, sizeof obj, "%s/%s", x.slot_doc, p.period.key);
    struct log_job j = { u->id, actor, "report_generate", obj, p.variant };
    if (STORE_OK != store_write_sync (app->store, &log_run, &j))
      rc = cli_fail ("%s", "cannot write the audit entry");
  }
  if (0 == rc && o->final)
  {
    struct report_final f = { .x = &x, .out = &out, .actor = actor };
    enum store_status st = store_write_sync (app->store,
                                             &report_finalise_run, &f);
    if (STORE_NO_ROW == st && f.error[0])
    {
      fprintf (stderr, "wadah: %s\n", f.error);
      rc = 2;
    }
    else if (STORE_OK != st)
      rc = cli_fail ("%s", "cannot store the artefact");
    else
      printf ("artefak %lld  sha256 %s  %s  (%zu butir tindak lanjut"
              " dibuat)\n", (long long) f.artifact_id, out.file_sha256,
              out.file_name, f.items_created);
  }
  report_out_free (&out);
  report_ctx_close (&x);
  return rc;
}

struct narr_job {
  int64_t unit_id;
  const char *doc, *period, *slot, *text, *author;
  int version;
};

static enum store_status
narr_run (struct store_conn *c, void *cls)
{
  struct narr_job *j = cls;
  enum store_status st = rs_narrative_add (c, j->unit_id, j->doc, j->period,
                                           j->slot, j->text, j->author,
                                           (int64_t) time (NULL),
                                           &j->version);
  if (STORE_OK != st)
    return st;
  char obj[96], detail[64];
  snprintf (obj, sizeof obj, "%s/%s/%s", j->doc, j->period, j->slot);
  snprintf (detail, sizeof detail, "versi %d", j->version);
  return audit_append (c, j->unit_id, j->author, "report_narrative", obj,
                       detail);
}

static int
cmd_narrative (struct app *app, const struct unit *u, const struct ropts *o)
{
  char field[16], msg[200], today[11], err[200];
  struct report_params p;
  today_of (u, today);
  if (o->n_args < 2 || ! o->slot || ! o->text_file)
    return fputs (usage, stderr), 2;
  if (! report_params_parse (&p, o->args[1], o->period, NULL, NULL, NULL,
                             o->domain, "json", today, field, msg,
                             sizeof msg))
  {
    fprintf (stderr, "wadah: --%s: %s\n", field, msg);
    return 2;
  }
  struct report_ctx x;
  if (! report_ctx_open (&x, app, u, &p, today, err, sizeof err))
  {
    report_ctx_close (&x);
    return cli_fail ("%s", err);
  }
  size_t len = 0;
  char *text = slurp (o->text_file, 64 * 1024, &len);
  int rc = 0;
  char why[200];
  if (NULL == text)
    rc = cli_fail ("cannot read %s (at most 64 KiB)", o->text_file);
  else if (! report_slot_check (&x, o->slot, text, why, sizeof why))
  {
    fprintf (stderr, "wadah: --slot %s: %s\n", o->slot, why);
    rc = 2;
  }
  else
  {
    struct narr_job j = { u->id, x.slot_doc, p.period.key, o->slot, text,
                          o->user ? o->user : "cli", 0 };
    if (STORE_OK != store_write_sync (app->store, &narr_run, &j))
      rc = cli_fail ("%s", "cannot store the narrative");
    else
      printf ("%s %s %s: versi %d\n", x.slot_doc, p.period.key, o->slot,
              j.version);
  }
  free (text);
  report_ctx_close (&x);
  return rc;
}

static int
cmd_settings (struct app *app, const struct unit *u, const struct ropts *o)
{
  if (! o->text_file)
    return fputs (usage, stderr), 2;
  size_t len = 0;
  char *text = slurp (o->text_file, 1024 * 1024, &len);
  if (NULL == text)
    return cli_fail ("cannot read %s (at most 1 MiB)", o->text_file);
  json_error_t e;
  json_t *body = json_loadb (text, len, JSON_REJECT_DUPLICATES, &e);
  free (text);
  if (NULL == body)
  {
    fprintf (stderr, "wadah: %s: not JSON (line %d)\n", o->text_file,
             e.line);
    return 2;
  }
  json_t *errors = NULL;
  enum store_status st = report_settings_apply (app->store, u, body,
                                                o->user ? o->user : "cli",
                                                &errors);
  json_decref (body);
  if (STORE_NO_ROW == st && errors)
  {
    const char *k;
    json_t *v;
    json_object_foreach (errors, k, v)
      fprintf (stderr, "wadah: %s: %s\n", k, json_string_value (
                 json_object_get (v, "message")));
    json_decref (errors);
    fputs ("wadah: nothing was changed\n", stderr);
    return 2;
  }
  json_decref (errors);
  if (STORE_OK != st)
    return cli_fail ("%s", "cannot store the document data");
  puts ("data dokumen disimpan");
  return 0;
}

static int
cmd_list (struct app *app, const struct unit *u, const struct ropts *o)
{
  struct rs_artifact *a = NULL;
  size_t n = 0;
  if (STORE_OK != rs_artifacts (app->store, u->id, o->period, &a, &n))
    return cli_fail ("%s", "cannot list the artefacts");
  for (size_t i = 0; i < n; i++)
    printf ("%lld\t%s\t%s\t%s\t%s\t%s\t%lld\n", (long long) a[i].id,
            a[i].doc, a[i].period, a[i].format, a[i].sha256, a[i].file_name,
            (long long) a[i].size);
  rs_artifacts_free (a, n);
  return 0;
}

struct verify_cls {
  struct app *app;
  const char *sha, *only;
  bool found;
};

static bool
verify_unit (void *cls, const struct unit *u)
{
  struct verify_cls *k = cls;
  if (k->only && strcmp (k->only, u->slug))
    return true;
  struct rs_artifact *a = NULL;
  size_t n = 0;
  if (STORE_OK != rs_artifacts (k->app->store, u->id, NULL, &a, &n))
    return true;
  for (size_t i = 0; i < n; i++)
    if (0 == strcmp (a[i].sha256, k->sha))
    {
      printf ("ASLI: artefak %lld unit %s %s %s %s, difinalkan oleh %s\n",
              (long long) a[i].id, u->slug, a[i].doc, a[i].period,
              a[i].file_name, a[i].created_by);
      k->found = true;
    }
  rs_artifacts_free (a, n);
  return true;
}

static int
cmd_verify (struct app *app, const struct ropts *o)
{
  if (o->n_args < 2)
    return fputs (usage, stderr), 2;
  size_t len = 0;
  char *data = slurp (o->args[1], (size_t) 1 << 30, &len);
  if (NULL == data)
    return cli_fail ("cannot read %s", o->args[1]);
  char sha[65];
  report_sha256_hex (data, len, sha);
  free (data);
  struct verify_cls cls = { app, sha, o->unit, false };
  if (STORE_OK != store_unit_list (app->store, &verify_unit, &cls))
    return cli_fail ("%s", "cannot read the units");
  if (! cls.found)
  {
    printf ("TIDAK DIKENAL: sha256 %s bukan artefak final di %s\n", sha,
            o->data);
    return 1;
  }
  return 0;
}

int
cli_report (int argc, char **argv)
{
  struct ropts o;
  if (! ropts_parse (argc, argv, &o))
    return fputs (usage, stderr), 2;
  if (o.help)
    return fputs (usage, stdout), 0;
  if (0 == o.n_args || ! o.data)
    return fputs (usage, stderr), 2;
  const char *sub = o.args[0];
  bool verify = 0 == strcmp (sub, "verify");
  if (! verify && ! o.unit)
    return fputs (usage, stderr), 2;
  struct app app;
  memset (&app, 0, sizeof app);
  pthread_mutex_init (&app.lock, NULL);
  pthread_cond_init (&app.idle, NULL);
  app.data_dir = o.data;
  app.store = cli_open_store (o.data, false);
  if (NULL == app.store)
    return 1;
  if (! app_forms_load (&app))
  {
    store_close (app.store);
    return 1;
  }
  int rc;
  struct unit u;
  if (verify)
    rc = cmd_verify (&app, &o);
  else if (STORE_OK != store_unit_by_slug (app.store, o.unit, &u))
    rc = cli_fail ("no unit '%s'", o.unit);
  else if (0 == strcmp (sub, "narrative"))
    rc = cmd_narrative (&app, &u, &o);
  else if (0 == strcmp (sub, "list"))
    rc = cmd_list (&app, &u, &o);
  else if (0 == strcmp (sub, "settings"))
    rc = cmd_settings (&app, &u, &o);
  else
    rc = cmd_make (&app, &u, &o);
  store_close (app.store);
  app_forms_free (&app);
  return rc;
}
