/*
 * wadah: the command line (API.md).  init, serve, user, unit; the others
 * (report, demo, import, backup, restore) are in cli_*.c.  Each command
 * parses its own flags and answers --help; nothing here speaks HTTP or SQL
 * directly: it calls the store, the vault and the HTTP layer.
 */
#include "app.h"
#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "settings.h"
#include "cli_import.h"
#include "codegen.h"
#include "complaint.h"
#include "custody.h"
#include "embed.h"
#include "store_complaint.h"
#include "pool.h"
#include "roles.h"
#include "session.h"
#include "config.h"
#include "http.h"
#include "ikm.h"
#include "log.h"
#include "store.h"
#include "vault.h"
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>


static const char usage_main[] =
  "usage: wadah COMMAND [OPTIONS]\n"
  "\n"
  "Complaint, whistleblowing and satisfaction-survey intake service.\n"
  "\n"
  "commands:\n"
  "  init     create a data directory, its database, unit and first admin\n"
  "  serve    serve the web pages and the API\n"
  "  user     add, list, disable staff users; reset passwords; TOTP\n"
  "  keys     grant, revoke and recover the unit keys\n"
  "  audit    verify the audit log, export its signed head (anchor)\n"
  "  unit     manage a unit's service types and survey populations\n"
  "  report   make, finalise and verify the ZI documents (monev, registers)\n"
  "  demo     load the synthetic demo semester into a unit (make run)\n"
  "  import   load a wadah-import/1 file (registers moving from Excel)\n"
  "  backup   archive a data directory while it is served (with a manifest)\n"
  "  restore  restore a backup into a new data directory, verifying it\n"
  "\n"
  "Run 'wadah COMMAND --help' for the options of a command.\n";

static const char usage_init[] =
  "usage: wadah init --data DIR --unit SLUG --unit-name \"NAME\" --admin USER\n"
  "                  --password-file FILE [--zone WIB|WITA|WIT]\n"
  "                  [--audit-key FILE]\n"
  "\n"
  "Creates DIR (which must not exist), the database, the unit and its first\n"
  "admin, whose password is read from the first line of FILE.\n"
  "  --zone       the unit's time zone (default WIB, +07:00)\n"
  "  --audit-key  the key that signs the audit log's checkpoints, kept\n"
  "               outside DIR (default: WADAH_AUDIT_KEY, else DIR.audit-key\n"
  "               beside DIR); created unless it exists, then used as it is\n";

static const char usage_serve[] =
  "usage: wadah serve --data DIR [--listen HOST:PORT] [--audit-key FILE]\n"
  "\n"
  "Serves on HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one) and\n"
  "prints \"listening on http://HOST:PORT\" once ready.  Settings come from\n"
  "DIR/wadah.conf, then WADAH_* environment variables, then the flags.\n"
  "The audit log's heads are signed with the key --audit-key FILE (default:\n"
  "WADAH_AUDIT_KEY, else DIR.audit-key beside DIR; created when missing),\n"
  "never a key inside DIR.\n";

static const char usage_user[] =
  "usage: wadah user add --data DIR --unit SLUG --user USER --role ROLE\n"
  "                      [--role ROLE ...] --password-file FILE\n"
  "                      [--recovery-key-file FILE]\n"
  "       wadah user list --data DIR --unit SLUG\n"
  "       wadah user disable --data DIR --unit SLUG --user USER [--enable]\n"
  "       wadah user passwd --data DIR --unit SLUG --user USER --password-file FILE\n"
  "       wadah user totp --data DIR --unit SLUG --user USER [--disable]\n"
  "       wadah user custodian --data DIR --unit SLUG --user USER\n"
  "                      --recovery-key-file FILE --password-file FILE\n"
  "       wadah user custodian --data DIR --unit SLUG --user USER --revoke\n"
  "\n"
  "roles: admin, petugas_pengaduan, pengelola_wbs, custodian, tim_zi,\n"
  "       pimpinan.  Passwords: at least 10 characters, not a common one.\n"
  "passwd resets a forgotten password: the user gets a new key pair and\n"
  "must be granted the unit keys again; a custodian loses that role.  totp\n"
  "enables a second factor and prints its secret once.\n"
  "The custodian role (approving requests to see a WBS reporter's\n"
  "identity) is granted only with the unit's recovery key: by add with\n"
  "--role custodian and --recovery-key-file, or by custodian for an\n"
  "existing user, which also sets the password from FILE (a new key pair;\n"
  "the unit keys the user held are granted again with the recovery key;\n"
  "TOTP must be enabled again), so that no administrator knows it.  The\n"
  "custodian writes that file.  --revoke takes the role away.\n";

static const char usage_keys[] =
  "usage: wadah keys grant --data DIR --unit SLUG --user USER --kind identity|wbs\n"
  "                        --recovery-key-file FILE\n"
  "       wadah keys recover --data DIR --unit SLUG --user USER --recovery-key-file FILE\n"
  "       wadah keys revoke --data DIR --unit SLUG --user USER --kind identity|wbs\n"
  "\n"
  "The identity key opens complaint reporters' identities (petugas_pengaduan,\n"
  "admin); the wbs key opens whistleblowing reports (pengelola_wbs, admin).\n"
  "recover grants every key the user's roles allow, using the recovery key\n"
  "printed by 'wadah init', for when every holder has lost their password.\n"
  "Staff who hold a key can also grant it from the staff pages.\n";

static const char usage_audit[] =
  "usage: wadah audit verify --data DIR [--anchor FILE ...] [--head N:HASH ...]\n"
  "                          [--audit-key FILE | --public-key HEX]\n"
  "       wadah audit anchor --data DIR [--out FILE] [--unit SLUG]\n"
  "                          [--audit-key FILE]\n"
  "       wadah audit key --data DIR [--audit-key FILE] [--create]\n"
  "\n"
  "verify checks every entry's hashes (the global chain and each unit's),\n"
  "the signature of every stored checkpoint with the audit key, that the\n"
  "log still holds the head each checkpoint, anchor and printed head names\n"
  "(a shorter log is a truncation; another entry there is a rewrite), and\n"
  "that no anchor is newer than the stored checkpoints.  It exits 0 when\n"
  "all holds, 1 naming each sign of tampering, 2 when it cannot check the\n"
  "signatures (no key, public key or anchor).  The public key comes from\n"
  "--public-key, else the key file, else the first anchor.\n"
  "  --anchor FILE  an anchor exported earlier by 'wadah audit anchor'\n"
  "  --head N:HASH  a head printed in a document (\"entri #N, hash HASH\")\n"
  "anchor signs the current heads now and writes the global chain's signed\n"
  "head (or the unit's, with --unit) as a small JSON file (stdout without\n"
  "--out) to keep somewhere the data directory's holders cannot reach.\n"
  "key prints the audit key's file and public key; --create makes the key\n"
  "when it does not exist yet (e.g. a key file the service may only read).\n"
  "The key: --audit-key FILE, else WADAH_AUDIT_KEY, else DIR.audit-key.\n";

static const char usage_unit[] =
  "usage: wadah unit service add --data DIR --unit SLUG --code CODE --name NAME\n"
  "       wadah unit service list --data DIR --unit SLUG\n"
  "       wadah unit service disable --data DIR --unit SLUG --code CODE\n"
  "       wadah unit population --data DIR --unit SLUG --period P --count N\n"
  "       wadah unit category add --data DIR --unit SLUG --code CODE --name NAME\n"
  "       wadah unit category list --data DIR --unit SLUG\n"
  "       wadah unit section add --data DIR --unit SLUG --code CODE --name NAME\n"
  "       wadah unit holiday add --data DIR --unit SLUG --date YYYY-MM-DD --name NAME\n"
  "       wadah unit holiday remove --data DIR --unit SLUG --date YYYY-MM-DD\n"
  "       wadah unit holiday list --data DIR --unit SLUG\n"
  "       wadah unit setting --data DIR --unit SLUG --key KEY --value VALUE\n"
  "       wadah unit template add --data DIR --unit SLUG --title T --body TEXT\n"
  "\n"
  "Service types are what respondents choose in the survey.  The population\n"
  "is the number of service users in a period (2025, 2025-S1, 2025-Q1),\n"
  "from which the Krejcie-Morgan minimum sample is computed.  Complaint\n"
  "categories, sections (bidang) for disposition and response templates\n"
  "belong to the unit.  Holidays: the national ones and cuti bersama are\n"
  "shipped (forms/holidays.json); add regional ones, or remove a day to\n"
  "make it a working day for this unit.  Settings: hk_verify (3),\n"
  "hk_followup (5), hk_autoclose (10), hk_wbs_ack (3), hk_wbs_review\n"
  "(10: DITELAAH to a decision), hk_wbs_investigation (30) working days;\n"
  "received_max_days (30), how far back an officer may date a complaint\n"
  "from an offline channel; wbs_report_names (no): names of the WBS team\n"
  "in the restricted WBS monev document;\n"
  "rahasia_roles (admin), the roles that may see a confidential complaint\n"
  "reporter's identity; wbs_identity_approval (none | custodian): whether\n"
  "showing a WBS reporter's identity waits for a custodian's approval.\n";

struct opts {
  const char *data, *unit, *unit_name, *admin, *password_file, *listen;
  const char *user, *code, *name, *period, *count, *zone, *kind;
  const char *recovery_file;
  const char *date, *key, *value, *title, *body;
  const char *audit_key, *out, *public_key;
  const char *anchors[8], *heads[8];
  size_t n_anchors, n_heads;
  bool enable, disable, create, revoke;
  const char *roles[8];
  size_t n_roles;
  bool help;
};

enum { O_DATA = 1, O_UNIT, O_UNIT_NAME, O_ADMIN, O_PWFILE, O_LISTEN, O_USER,
       O_ROLE, O_CODE, O_NAME, O_PERIOD, O_COUNT, O_ZONE, O_HELP, O_KIND,
       O_RECOVERY, O_ENABLE, O_DISABLE, O_DATE, O_KEY, O_VALUE, O_TITLE,
       O_BODY, O_AUDIT_KEY, O_ANCHOR, O_OUT, O_PUBLIC_KEY, O_HEAD,
       O_CREATE, O_REVOKE };

/* Parse the flags after the command words; false on an unknown flag. */
static bool
parse_opts (int argc, char **argv, struct opts *o)
{
  static const struct option longopts[] = {
    { "data", required_argument, NULL, O_DATA },
    { "unit", required_argument, NULL, O_UNIT },
    { "unit-name", required_argument, NULL, O_UNIT_NAME },
    { "admin", required_argument, NULL, O_ADMIN },
    { "password-file", required_argument, NULL, O_PWFILE },
    { "listen", required_argument, NULL, O_LISTEN },
    { "user", required_argument, NULL, O_USER },
    { "role", required_argument, NULL, O_ROLE },
    { "code", required_argument, NULL, O_CODE },
    { "name", required_argument, NULL, O_NAME },
    { "period", required_argument, NULL, O_PERIOD },
    { "count", required_argument, NULL, O_COUNT },
    { "zone", required_argument, NULL, O_ZONE },
    { "help", no_argument, NULL, O_HELP },
    { "kind", required_argument, NULL, O_KIND },
    { "recovery-key-file", required_argument, NULL, O_RECOVERY },
    { "enable", no_argument, NULL, O_ENABLE },
    { "disable", no_argument, NULL, O_DISABLE },
    { "date", required_argument, NULL, O_DATE },
    { "key", required_argument, NULL, O_KEY },
    { "value", required_argument, NULL, O_VALUE },
    { "title", required_argument, NULL, O_TITLE },
    { "body", required_argument, NULL, O_BODY },
    { "audit-key", required_argument, NULL, O_AUDIT_KEY },
    { "anchor", required_argument, NULL, O_ANCHOR },
    { "out", required_argument, NULL, O_OUT },
    { "public-key", required_argument, NULL, O_PUBLIC_KEY },
    { "head", required_argument, NULL, O_HEAD },
    { "create", no_argument, NULL, O_CREATE },
    { "revoke", no_argument, NULL, O_REVOKE },
    { 0 }
  };
  int c;
  memset (o, 0, sizeof *o);
  optind = 1;
  opterr = 1;
  while (-1 != (c = getopt_long (argc, argv, "h", longopts, NULL)))
  {
    switch (c)
    {
    case O_DATA: o->data = optarg; break;
    case O_UNIT: o->unit = optarg; break;
    case O_UNIT_NAME: o->unit_name = optarg; break;
    case O_ADMIN: o->admin = optarg; break;
    case O_PWFILE: o->password_file = optarg; break;
    case O_LISTEN: o->listen = optarg; break;
    case O_USER: o->user = optarg; break;
    case O_ROLE:
      if (o->n_roles == 8)
        return false;
      o->roles[o->n_roles++] = optarg;
      break;
    case O_CODE: o->code = optarg; break;
    case O_NAME: o->name = optarg; break;
    case O_PERIOD: o->period = optarg; break;
    case O_COUNT: o->count = optarg; break;
    case O_ZONE: o->zone = optarg; break;
    case O_KIND: o->kind = optarg; break;
    case O_RECOVERY: o->recovery_file = optarg; break;
    case O_ENABLE: o->enable = true; break;
    case O_CREATE: o->create = true; break;
    case O_DISABLE: o->disable = true; break;
    case O_DATE: o->date = optarg; break;
    case O_KEY: o->key = optarg; break;
    case O_VALUE: o->value = optarg; break;
    case O_TITLE: o->title = optarg; break;
    case O_BODY: o->body = optarg; break;
    case O_AUDIT_KEY: o->audit_key = optarg; break;
    case O_OUT: o->out = optarg; break;
    case O_PUBLIC_KEY: o->public_key = optarg; break;
    case O_ANCHOR:
      if (o->n_anchors == 8)
        return false;
      o->anchors[o->n_anchors++] = optarg;
      break;
    case O_HEAD:
      if (o->n_heads == 8)
        return false;
      o->heads[o->n_heads++] = optarg;
      break;
    case O_REVOKE: o->revoke = true; break;
    case 'h':
    case O_HELP: o->help = true; break;
    default: return false;
    }
  }
  return optind == argc;
}

/* ---- the audit signing key ---- */

/* --audit-key, else WADAH_AUDIT_KEY, else DATA.audit-key (malloc'ed).  Not
   a wadah.conf setting: that file is in the data directory, whose holder
   could point it at a key of their own. */
static char *
audit_key_path (const struct opts *o)
{
  const char *p = o->audit_key ? o->audit_key : getenv ("WADAH_AUDIT_KEY");
  return p && *p ? strdup (p) : audit_key_default_path (o->data);
}

/* Load the audit key at PATH, or create it when it does not exist
   (*CREATED).  NULL with a message when PATH is inside DATA or is not a
   key file. */
static struct audit_key *
audit_key_open (const char *path, const char *data, bool *created)
{
  char why[300];
  unsigned char pk[32];
  *created = false;
  if (! audit_key_outside (path, data))
  {
    fprintf (stderr, "wadah: the audit key %s must be outside the data"
             " directory %s, in a directory that exists (--audit-key"
             " FILE)\n", path, data);
    return NULL;
  }
  if (0 != access (path, F_OK))
  {
    if (! audit_key_create (path, pk))
    {
      fprintf (stderr, "wadah: cannot create the audit key %s: %s\n", path,
               strerror (errno));
      return NULL;
    }
    *created = true;
  }
  struct audit_key *k = audit_key_load (path, why, sizeof why);
  if (NULL == k)
    fprintf (stderr, "wadah: %s\n", why);
  return k;
}

/* Is the log of DATA already signed (by the key whose public half goes
   into PK)?  Then a missing key file was moved or is named wrongly, and a
   new key would split the signatures. */
static bool
audit_log_signed (const char *data, unsigned char pk[32])
{
  struct audit_checkpoint cp;
  struct store *s = cli_open_store (data, false);
  if (NULL == s)
    return false;
  bool yes = STORE_OK == store_audit_checkpoint_last (s, NULL,
                                                      AUDIT_CHAIN_GLOBAL, 0,
                                                      &cp);
  store_close (s);
  if (yes)
    memcpy (pk, cp.public_key, 32);
  return yes;
}

static void
audit_checkpoint_log (enum store_status st,
                      const struct audit_checkpoint_result *r)
{
  char t[400];
  if (STORE_OK != st)
    LOG_E ("cannot write the audit log's checkpoints");
  else if (r->refused)
  {
    audit_problem_text (&r->problem, false, 0, t, sizeof t);
    LOG_E ("audit log: not signing a chain that does not continue its last"
           " signed checkpoint: %s (run wadah audit verify)", t);
  }
  else if (r->written)
    LOG_D ("audit log: %d head(s) signed", r->written);
}

/* ---- init ---- */

struct init_job {
  const struct opts *o;
  const char *password;
  const unsigned char *recovery;
  int offset;
};

static enum store_status
init_run (struct store_conn *c, void *cls)
{
  struct init_job *j = cls;
  int64_t unit_id, user_id;
  enum store_status st = store_unit_insert (c, j->o->unit, j->o->unit_name,
                                            j->offset, &unit_id);
  if (STORE_OK != st)
    return st;
  if (STORE_OK != (st = custody_unit_keys_create (c, unit_id, j->recovery)))
    return st;
  if (STORE_OK != (st = custody_user_create (c, unit_id, j->o->admin,
                                             j->password, ROLE_ADMIN,
                                             &user_id)))
    return st;
  if (STORE_OK != (st = audit_append (c, unit_id, "cli", "unit_create",
                                      j->o->unit, "")))
    return st;
  /* Default complaint categories (forms/complaint-categories.txt, lines
     CODE|Name); the unit changes them with 'wadah unit category'. */
  const struct embed_file *cats = embed_find (embed_forms,
                                              "complaint-categories.txt");
  for (const char *p = cats ? cats->data : ""; *p;)
  {
    const char *e = strchr (p, '\n');
    size_t l = e ? (size_t) (e - p) : strlen (p);
    char line[200], *bar;
    snprintf (line, sizeof line, "%.*s", (int) l, p);
    if ((bar = strchr (line, '|')))
    {
      *bar = '\0';
      if (STORE_OK != (st = store_category_upsert (c, unit_id, line,
                                                   bar + 1)))
        return st;
    }
    p += l + (e ? 1 : 0);
  }
  return audit_append (c, unit_id, "cli", "user_add", j->o->admin,
                       "roles=admin");
}

static int
zone_offset (const char *zone)
{
  if (NULL == zone || 0 == strcmp (zone, "WIB"))
    return 7 * 60;
  if (0 == strcmp (zone, "WITA"))
    return 8 * 60;
  if (0 == strcmp (zone, "WIT"))
    return 9 * 60;
  return -1;
}

/* Read and check a new password; prints the reason and returns false when
   it is not acceptable.  PASSWORD must hold 512 bytes. */
static bool
new_password (const char *file, const char *user, char *password)
{
  if (! cli_read_password (file, password, 512))
  {
    fprintf (stderr, "wadah: cannot read the password file %s\n", file);
    return false;
  }
  const char *why = custody_password_problem (password, user);
  if (why)
  {
    vault_wipe (password, 512);
    fprintf (stderr, "wadah: password refused: %s\n", why);
    return false;
  }
  return true;
}

static int
cmd_init (int argc, char **argv)
{
  struct opts o;
  char password[512], path[4096], text[VAULT_RECOVERY_TEXT];

  if (! parse_opts (argc, argv, &o))
    return fputs (usage_init, stderr), 2;
  if (o.help)
    return fputs (usage_init, stdout), 0;
  if (! o.data || ! o.unit || ! o.unit_name || ! o.admin || ! o.password_file)
    return fputs (usage_init, stderr), 2;
  if (! cli_ident_ok (o.unit, 2, 40, false))
    return cli_fail ("unit slug '%s' must be 2-40 of a-z, 0-9 and '-'", o.unit);
  if (0 == strlen (o.unit_name) || strlen (o.unit_name) > 150)
    return cli_fail ("unit name must be 1-150 bytes%s", "");
  if (! cli_ident_ok (o.admin, 2, 40, true))
    return cli_fail ("user name '%s' must be 2-40 of a-z, 0-9, '.', '_', '-'",
                 o.admin);
  int offset = zone_offset (o.zone);
  if (offset < 0)
    return cli_fail ("zone '%s' must be WIB, WITA or WIT", o.zone);
  char *kpath = audit_key_path (&o);
  bool key_created;
  struct audit_key *akey = kpath ? audit_key_open (kpath, o.data,
                                                   &key_created) : NULL;
  if (NULL == akey)
  {
    free (kpath);
    return 1;
  }
  if (! new_password (o.password_file, o.admin, password))
  {
    audit_key_free (akey);
    free (kpath);
    return 1;
  }
  if (0 != mkdir (o.data, 0700))
  {
    vault_wipe (password, sizeof password);
    audit_key_free (akey);
    free (kpath);
    if (errno == EEXIST)
      return cli_fail ("%s already exists; refusing to overwrite it", o.data);
    return cli_fail ("cannot create %s", o.data);
  }
  snprintf (path, sizeof path, "%s/attachments", o.data);
  mkdir (path, 0700);
  snprintf (path, sizeof path, "%s/wadah.conf", o.data);
  config_write_default (path);
  struct store *s = cli_open_store (o.data, true);
  if (NULL == s)
  {
    vault_wipe (password, sizeof password);
    audit_key_free (akey);
    free (kpath);
    return cli_fail ("cannot create the database in %s", o.data);
  }
  unsigned char *recovery = vault_secret_new (32);
  vault_recovery_new (recovery, text);
  struct init_job j = { &o, password, recovery, offset };
  enum store_status st = store_write_sync (s, &init_run, &j);
  struct audit_checkpoint_result cr;
  if (STORE_OK == st)
    st = audit_checkpoint_now (s, akey, &cr);
  store_close (s);
  vault_wipe (password, sizeof password);
  vault_secret_free (recovery);
  char pkh[65];
  vault_hex (audit_key_public (akey), 32, pkh);
  audit_key_free (akey);
  if (STORE_OK != st)
  {
    vault_wipe (text, sizeof text);
    free (kpath);
    return cli_fail ("cannot create the unit and admin in %s", o.data);
  }
  printf ("created %s: unit '%s' (%s), admin '%s'\n\n", o.data, o.unit,
          o.unit_name, o.admin);
  printf ("RECOVERY KEY (shown only now; print it and give it to the head of"
          " office to keep offline):\n\n    %s\n\n"
          "It unlocks the unit's identity and WBS keys when every key holder"
          " has lost access\n(wadah keys recover).  wadah does not keep it.\n",
          text);
  printf ("\nAudit signing key: %s (%s)\n  public key %s\n"
          "It signs the audit log's checkpoints.  Keep it outside the data"
          " directory and its\nbackups; keep the public key with the"
          " anchors you export (wadah audit anchor).\n", kpath,
          key_created ? "new" : "existing, used as it is", pkh);
  fflush (stdout);
  vault_wipe (text, sizeof text);
  free (kpath);
  return 0;
}

/* ---- serve ---- */

static int
cmd_serve (int argc, char **argv)
{
  struct opts o;
  struct config cfg;
  struct app app;
  sigset_t sigs;
  int sig;

  if (! parse_opts (argc, argv, &o))
    return fputs (usage_serve, stderr), 2;
  if (o.help)
    return fputs (usage_serve, stdout), 0;
  if (! o.data)
    return fputs (usage_serve, stderr), 2;
  config_defaults (&cfg);
  if (! config_load_file (&cfg, o.data) || ! config_load_env (&cfg))
    return 1;
  if (o.listen)
    snprintf (cfg.listen, sizeof cfg.listen, "%s", o.listen);
  cfg.http.listen = cfg.listen;
  log_set_level (0 == strcmp (cfg.log_level, "debug") ? LOG_DEBUG
                 : 0 == strcmp (cfg.log_level, "warn") ? LOG_WARN
                 : 0 == strcmp (cfg.log_level, "error") ? LOG_ERROR
                 : LOG_INFO);

  /* The access-code child must be forked while this process has one
     thread (codegen.h). */
  bool codes = codegen_start ();
  if (! codes)
    LOG_W ("no access-code process: complaints hash their codes inline");

  /* Signals are taken by sigwait below; block them before any thread. */
  sigemptyset (&sigs);
  sigaddset (&sigs, SIGINT);
  sigaddset (&sigs, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &sigs, NULL);
  signal (SIGPIPE, SIG_IGN);

  /* The audit key: created when missing (a data directory from before
     signed checkpoints), unless the log is already signed: then the file
     was moved or its path is wrong, and the server serves without signing
     rather than start a second key. */
  char *kpath = audit_key_path (&o), pkh[65];
  unsigned char signer[32];
  bool key_created = false;
  struct audit_key *akey = NULL;
  if (NULL == kpath)
    return 1;
  if (! audit_key_outside (kpath, o.data))
    LOG_E ("the audit key %s must be outside the data directory %s: serving"
           " WITHOUT signing the audit log (--audit-key or WADAH_AUDIT_KEY)",
           kpath, o.data);
  else if (0 != access (kpath, F_OK) && audit_log_signed (o.data, signer))
  {
    vault_hex (signer, 32, pkh);
    LOG_E ("the audit key %s is missing, but the audit log is signed by the"
           " key %s: serving WITHOUT signing the audit log; give that key's"
           " file with --audit-key or WADAH_AUDIT_KEY", kpath, pkh);
  }
  else if (NULL == (akey = audit_key_open (kpath, o.data, &key_created)))
    /* Citizens are served all the same; the admin page says it too. */
    LOG_E ("serving WITHOUT signing the audit log: no usable audit key at"
           " %s (see above; wadah audit key --create makes one)", kpath);
  if (key_created)
  {
    vault_hex (audit_key_public (akey), 32, pkh);
    LOG_W ("created the audit signing key %s (public key %s): keep it"
           " outside the data directory and its backups", kpath, pkh);
  }
  free (kpath);

  memset (&app, 0, sizeof app);
  app.audit_key = akey;
  pthread_mutex_init (&app.lock, NULL);
  pthread_cond_init (&app.idle, NULL);
  app.data_dir = o.data;
  app.store = cli_open_store (o.data, false);
  if (NULL == app.store)
  {
    audit_key_free (akey);
    return 1;
  }
  app.secure_cookies = cfg.secure_cookies;
  snprintf (app.metrics, sizeof app.metrics, "%s", cfg.metrics);
  cfg.http.trusted_proxies = cfg.trusted_proxies;
  session_configure (cfg.session_idle_s, cfg.session_max_s);
  /* Queues per kind of work: a flood of one kind answers 503 quickly
     while the others go on (issue "Hardening" finding 2). */
  static const unsigned int queue_max[POOL__KINDS] = {
    [POOL_STAFF] = 64, [POOL_LOGIN] = 32, [POOL_ACCESS] = 32,
    [POOL_INTAKE] = 64
  };
  app.pool = pool_new (cfg.kdf_threads, queue_max);
  if (NULL == app.pool || ! app_forms_load (&app)
      || ! app_holidays_load (&app) || ! store_writer_start (app.store))
  {
    pool_free (app.pool);
    store_close (app.store);
    audit_key_free (akey);
    return 1;
  }
  /* Sign what was appended while the server was stopped (the command
     line, an older version), after checking it continues the last
     signed head. */
  struct audit_checkpoint_result cr;
  if (akey)
    audit_checkpoint_log (audit_checkpoint_now (app.store, akey, &cr), &cr);
  uint64_t audit_mark = audit_appended ();
  if (codes && ! codegen_run ())
    LOG_W ("access-code reader did not start");
  void *daemon = http_start (&app, &cfg.http);
  if (NULL == daemon)
  {
    store_close (app.store);
    app_forms_free (&app);
    audit_key_free (akey);
    return 1;
  }
  LOG_I ("serving %s", o.data);
  /* Wait for SIGINT/SIGTERM; meanwhile end expired sessions every second
     so their unlocked keys are wiped on time. */
  for (unsigned int ticks = 1;; ticks++)
  {
    struct timespec tick = { 1, 0 };
    sig = sigtimedwait (&sigs, NULL, &tick);
    if (sig == SIGINT || sig == SIGTERM)
      break;
    session_sweep ();
    /* Every maintenance_seconds: complaints whose follow-up went
       unanswered. */
    if (ticks % cfg.maintenance_s == 0)
    {
      unsigned int n = complaint_autoclose (&app);
      if (n)
        LOG_I ("closed %u complaint(s) without a reply", n);
    }
    /* The audit heads: after audit_checkpoint_entries new entries, and
       every audit_checkpoint_seconds (which also covers entries the
       command line appended meanwhile). */
    if (akey && (audit_appended () - audit_mark >= cfg.audit_cp_entries
                 || ticks % cfg.audit_cp_s == 0))
    {
      audit_mark = audit_appended ();
      audit_checkpoint_log (audit_checkpoint_now (app.store, akey, &cr),
                            &cr);
    }
  }
  LOG_I ("stopping");
  /* Refuse new writes, wait for the acknowledged ones, then stop. */
  pthread_mutex_lock (&app.lock);
  app.draining = true;
  while (app.inflight > 0)
    pthread_cond_wait (&app.idle, &app.lock);
  pthread_mutex_unlock (&app.lock);
  http_stop (daemon);
  /* The last heads, so that a cut tail is seen from the next start. */
  if (akey)
    audit_checkpoint_log (audit_checkpoint_now (app.store, akey, &cr), &cr);
  codegen_stop ();
  pool_free (app.pool);
  session_clear_all ();
  store_close (app.store);
  app_forms_free (&app);
  audit_key_free (akey);
  return 0;
}

/* ---- user ---- */

struct user_job {
  const struct opts *o;
  const char *password;
  const unsigned char *recovery;   /* U_ADD of a custodian, U_CUSTODIAN */
  unsigned int roles;
  unsigned int held;        /* U_CUSTODIAN: kinds of unit key held, bits */
  int what;                 /* enum user_what */
  bool no_unit, no_user, bad_recovery, was_custodian;
  struct user_rec user;
  char totp_text[40];
};

enum user_what { U_ADD, U_DISABLE, U_ENABLE, U_PASSWD, U_TOTP, U_TOTP_OFF,
                 U_CUSTODIAN, U_CUSTODIAN_OFF };

/* A new password hash and key pair for J's user (a reset): the grants
   sealed to the old pair, its TOTP secret and the custodian role go. */
static enum store_status
user_new_keys (struct store_conn *c, struct user_job *j)
{
  char hash[VAULT_PWHASH_LEN];
  unsigned char pk[VAULT_PK_BYTES], salt[VAULT_SALT_BYTES];
  unsigned char wrapped[VAULT_WRAPPED_BYTES];
  enum store_status st;
  if (! vault_password_hash (j->password, hash)
      || ! vault_user_keygen (j->password, pk, salt, wrapped))
    return STORE_HARD_ERROR;
  if (STORE_OK != (st = store_user_set_keys (c, j->user.id, hash, pk, salt,
                                             wrapped))
      || STORE_OK != (st = store_grant_delete_user (c, j->user.id))
      || STORE_OK != (st = store_user_set_totp (c, j->user.id, NULL)))
    return st;
  return store_custodian_revoke (c, j->user.id, &j->was_custodian);
}

static enum store_status
user_run (struct store_conn *c, void *cls)
{
  struct user_job *j = cls;
  struct unit u;
  enum store_status st = store_conn_unit_by_slug (c, j->o->unit, &u);
  if (STORE_NO_ROW == st)
    j->no_unit = true;
  if (STORE_OK != st)
    return st;
  if (j->what == U_ADD)
  {
    char detail[160] = "roles=";
    const char *r;
    for (size_t i = 0; NULL != (r = role_nth (j->roles, i)); i++)
      snprintf (detail + strlen (detail), sizeof detail - strlen (detail),
                "%s%s", i ? "," : "", r);
    int64_t id;
    st = custody_user_create (c, u.id, j->o->user, j->password, j->roles,
                              &id);
    if (STORE_OK != st)
      return st;
    if (j->roles & ROLE_CUSTODIAN)
    {
      st = custody_custodian_grant (c, u.id, id, j->recovery);
      if (STORE_NO_ROW == st)
        j->bad_recovery = true;
      if (STORE_OK != st
          || STORE_OK != (st = audit_append (c, u.id, "cli",
                                             "custodian_grant", j->o->user,
                                             "by recovery key")))
        return st;
    }
    return audit_append (c, u.id, "cli", "user_add", j->o->user, detail);
  }
  st = store_conn_user_by_name (c, j->o->unit, j->o->user, &j->user);
  if (STORE_NO_ROW == st)
    j->no_user = true;
  if (STORE_OK != st)
    return st;
  switch (j->what)
  {
  case U_DISABLE:
  case U_ENABLE:
    st = store_user_set_disabled (c, j->user.id, j->what == U_DISABLE);
    if (STORE_OK != st)
      return st;
    return audit_append (c, u.id, "cli", j->what == U_DISABLE
                         ? "user_disable" : "user_enable", j->o->user, "");
  case U_PASSWD:
    /* A reset without the old password cannot keep the old key pair:
       grants sealed to it are dropped and must be given again; so is the
       custodian role, which only the recovery key gives. */
    if (STORE_OK != (st = user_new_keys (c, j)))
      return st;
    return audit_append (c, u.id, "cli", "user_password_reset", j->o->user,
                         j->was_custodian ? "key grants dropped, custodian"
                         " role dropped" : "key grants dropped");
  case U_CUSTODIAN: {
    char detail[160] = "by recovery key; password set";
    st = custody_recovery_check (c, u.id, j->recovery);
    if (STORE_NO_ROW == st)
      j->bad_recovery = true;
    if (STORE_OK != st || STORE_OK != (st = user_new_keys (c, j)))
      return st;
    /* The keys the user held, sealed to the new key pair. */
    if (STORE_OK != (st = store_conn_user_by_name (c, j->o->unit, j->o->user,
                                                   &j->user)))
      return st;
    for (int k = 0; k < KEY_KINDS; k++)
    {
      if (! (j->held & (1u << k)))
        continue;
      unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
      st = sk ? custody_unit_key_recover (c, u.id, k, j->recovery, sk)
              : STORE_HARD_ERROR;
      if (STORE_OK == st)
        st = custody_grant (c, u.id, k, sk, &j->user, 0);
      vault_secret_free (sk);
      if (STORE_OK != st)
        return st;
      snprintf (detail + strlen (detail), sizeof detail - strlen (detail),
                "; %s key granted again", key_kind_name (k));
    }
    if (STORE_OK != (st = custody_custodian_grant (c, u.id, j->user.id,
                                                   j->recovery)))
      return st;
    return audit_append (c, u.id, "cli", "custodian_grant", j->o->user,
                         detail);
  }
  case U_CUSTODIAN_OFF:
    if (STORE_OK != (st = store_custodian_revoke (c, j->user.id,
                                                  &j->was_custodian)))
      return st;
    if (! j->was_custodian)
      return STORE_OK;
    return audit_append (c, u.id, "cli", "custodian_revoke", j->o->user,
                         "");
  case U_TOTP: {
    unsigned char secret[20], sealed[20 + VAULT_SEAL_OVERHEAD];
    if (! j->user.has_keys)
      return STORE_HARD_ERROR;
    vault_random (secret, sizeof secret);
    vault_seal (secret, sizeof secret, j->user.public_key, sealed);
    vault_base32 (secret, sizeof secret, j->totp_text);
    vault_wipe (secret, sizeof secret);
    if (STORE_OK != (st = store_user_set_totp (c, j->user.id, sealed)))
      return st;
    return audit_append (c, u.id, "cli", "totp_enable", j->o->user, "");
  }
  case U_TOTP_OFF:
    if (STORE_OK != (st = store_user_set_totp (c, j->user.id, NULL)))
      return st;
    return audit_append (c, u.id, "cli", "totp_disable", j->o->user, "");
  }
  return STORE_HARD_ERROR;
}

static int
user_list (const struct opts *o)
{
  struct store *s = cli_open_store (o->data, false);
  struct unit u;
  struct user_row *rows = NULL;
  struct grant_row *grants = NULL;
  size_t n = 0, ng = 0;
  int rc = 0;
  if (NULL == s)
    return 1;
  if (STORE_OK != store_unit_by_slug (s, o->unit, &u))
    rc = cli_fail ("no unit '%s'", o->unit);
  else if (STORE_OK != store_user_list (s, u.id, &rows, &n)
           || STORE_OK != store_grants_of_unit (s, u.id, &grants, &ng))
    rc = cli_fail ("cannot list users%s", "");
  else
    for (size_t i = 0; i < n; i++)
    {
      const char *r;
      printf ("%s\t", rows[i].username);
      for (size_t k = 0; NULL != (r = role_nth (rows[i].roles, k)); k++)
        printf ("%s%s", k ? "," : "", r);
      printf ("\t%s\t%s\tkeys:", rows[i].disabled ? "disabled" : "active",
              rows[i].has_totp ? "totp" : "-");
      bool any = false;
      for (size_t g = 0; g < ng; g++)
        if (0 == strcmp (grants[g].username, rows[i].username))
        {
          printf ("%s%s", any ? "," : "", grants[g].kind);
          any = true;
        }
      printf ("%s\n", any ? "" : "-");
    }
  free (rows);
  free (grants);
  store_close (s);
  return rc;
}

static int
cmd_user (int argc, char **argv)
{
  struct opts o;
  char password[512];
  struct user_job j;

  memset (&j, 0, sizeof j);
  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_user, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  const char *sub = argv[1];
  if (! parse_opts (argc - 1, argv + 1, &o))
    return fputs (usage_user, stderr), 2;
  if (o.help)
    return fputs (usage_user, stdout), 0;
  if (! o.data || ! o.unit)
    return fputs (usage_user, stderr), 2;
  if (0 == strcmp (sub, "list"))
    return user_list (&o);
  if (! o.user)
    return fputs (usage_user, stderr), 2;
  j.o = &o;
  if (0 == strcmp (sub, "add"))
  {
    j.what = U_ADD;
    if (! o.password_file || 0 == o.n_roles)
      return fputs (usage_user, stderr), 2;
    if (! cli_ident_ok (o.user, 2, 40, true))
      return cli_fail ("user name '%s' must be 2-40 of a-z, 0-9, '.', '_', '-'",
                   o.user);
    for (size_t i = 0; i < o.n_roles; i++)
    {
      unsigned int r = role_from_name (o.roles[i]);
      if (0 == r)
        return cli_fail ("unknown role '%s'", o.roles[i]);
      j.roles |= r;
    }
  }
  else if (0 == strcmp (sub, "disable"))
    j.what = o.enable ? U_ENABLE : U_DISABLE;
  else if (0 == strcmp (sub, "passwd"))
  {
    j.what = U_PASSWD;
    if (! o.password_file)
      return fputs (usage_user, stderr), 2;
  }
  else if (0 == strcmp (sub, "totp"))
    j.what = o.disable ? U_TOTP_OFF : U_TOTP;
  else if (0 == strcmp (sub, "custodian"))
  {
    j.what = o.revoke ? U_CUSTODIAN_OFF : U_CUSTODIAN;
    if (! o.revoke && (! o.password_file || ! o.recovery_file))
      return fputs (usage_user, stderr), 2;
  }
  else
    return fputs (usage_user, stderr), 2;
  if ((j.what == U_ADD && (j.roles & ROLE_CUSTODIAN))
      || j.what == U_CUSTODIAN)
  {
    /* Issue 10, finding 4: only the recovery key names a custodian. */
    char text[256];
    unsigned char *rk = vault_secret_new (32);
    if (! o.recovery_file)
      return cli_fail ("the custodian role is granted only with the unit's"
                       " recovery key: add --recovery-key-file FILE%s", "");
    bool read = cli_read_password (o.recovery_file, text, sizeof text);
    bool parsed = read && rk && vault_recovery_parse (text, rk);
    vault_wipe (text, sizeof text);
    if (! parsed)
    {
      vault_secret_free (rk);
      return read ? cli_fail ("%s does not hold a recovery key",
                              o.recovery_file)
                  : cli_fail ("cannot read %s", o.recovery_file);
    }
    j.recovery = rk;
  }
  if (j.what == U_ADD || j.what == U_PASSWD || j.what == U_CUSTODIAN)
  {
    if (! new_password (o.password_file, o.user, password))
    {
      vault_secret_free ((void *) j.recovery);
      return 1;
    }
    j.password = password;
  }
  struct store *s = cli_open_store (o.data, false);
  if (NULL == s)
  {
    vault_wipe (password, sizeof password);
    vault_secret_free ((void *) j.recovery);
    return 1;
  }
  if (j.what == U_CUSTODIAN)
  {
    /* The unit keys the user holds now, to grant again to the new key
       pair. */
    struct user_rec u;
    struct grant_row *g = NULL;
    size_t ng = 0;
    if (STORE_OK == store_user_by_name (s, o.unit, o.user, &u)
        && STORE_OK == store_grants_of_user (s, u.unit_id, u.id, &g, &ng))
      for (size_t i = 0; i < ng; i++)
        if (key_kind_from_name (g[i].kind) >= 0)
          j.held |= 1u << key_kind_from_name (g[i].kind);
    free (g);
    vault_wipe (&u, sizeof u);
  }
  enum store_status st = store_write_sync (s, &user_run, &j);
  store_close (s);
  vault_wipe (password, sizeof password);
  vault_secret_free ((void *) j.recovery);
  if (j.no_unit)
    return cli_fail ("no unit '%s'", o.unit);
  if (j.no_user)
    return cli_fail ("no user '%s' in that unit", o.user);
  if (j.bad_recovery)
    return cli_fail ("that is not this unit's recovery key%s", "");
  if (STORE_NO_ROW == st && j.what == U_ADD)
    return cli_fail ("user '%s' already exists in that unit", o.user);
  if (STORE_OK != st)
    return cli_fail ("cannot change user '%s'", o.user);
  switch (j.what)
  {
  case U_ADD: printf ("added user '%s' to unit '%s'\n", o.user, o.unit); break;
  case U_PASSWD:
    printf ("password of '%s' reset; its key grants were dropped: grant them"
            " again (wadah keys grant)%s\n", o.user, j.was_custodian
            ? "; it is no longer a custodian (wadah user custodian)" : "");
    break;
  case U_CUSTODIAN:
    printf ("'%s' is a custodian of unit '%s', with the password of %s; the"
            " unit keys it held were granted again; TOTP, if it was on, must"
            " be enabled again (wadah user totp)\n", o.user, o.unit,
            o.password_file);
    break;
  case U_CUSTODIAN_OFF:
    printf (j.was_custodian ? "'%s' is no longer a custodian\n"
                            : "'%s' was not a custodian\n", o.user);
    break;
  case U_TOTP:
    printf ("TOTP enabled for '%s'.  Enter this secret in an authenticator"
            " app:\n\n    %s\n\notpauth://totp/wadah:%s?secret=%s&issuer=wadah\n",
            o.user, j.totp_text, o.user, j.totp_text);
    vault_wipe (j.totp_text, sizeof j.totp_text);
    break;
  default: printf ("done\n"); break;
  }
  return 0;
}

/* ---- keys ---- */

struct keys_job {
  const struct opts *o;
  const unsigned char *recovery;
  int kind;                /* -1: every kind the user's roles allow */
  bool revoke;
  bool no_unit, no_user, bad_recovery, not_allowed;
  int granted;
};

static enum store_status
keys_run (struct store_conn *c, void *cls)
{
  struct keys_job *j = cls;
  struct unit u;
  struct user_rec user;
  enum store_status st = store_conn_unit_by_slug (c, j->o->unit, &u);
  if (STORE_NO_ROW == st)
    j->no_unit = true;
  if (STORE_OK != st)
    return st;
  st = store_conn_user_by_name (c, j->o->unit, j->o->user, &user);
  if (STORE_NO_ROW == st)
    j->no_user = true;
  if (STORE_OK != st)
    return st;
  if (j->revoke)
  {
    st = store_grant_delete (c, u.id, key_kind_name (j->kind), user.id);
    if (STORE_OK != st)
      return st;
    return audit_append (c, u.id, "cli", "key_revoke", j->o->user,
                         key_kind_name (j->kind));
  }
  for (int k = 0; k < KEY_KINDS; k++)
  {
    if (j->kind >= 0 && k != j->kind)
      continue;
    if (! (user.roles & key_kind_roles (k)))
    {
      if (j->kind >= 0)
      {
        j->not_allowed = true;
        return STORE_NO_ROW;
      }
      continue;
    }
    unsigned char *sk = vault_secret_new (VAULT_SK_BYTES);
    st = custody_unit_key_recover (c, u.id, k, j->recovery, sk);
    if (STORE_NO_ROW == st)
      j->bad_recovery = true;
    if (STORE_OK == st)
      st = custody_grant (c, u.id, k, sk, &user, 0);
    vault_secret_free (sk);
    if (STORE_OK != st)
      return st;
    if (STORE_OK != (st = audit_append (c, u.id, "cli", "key_grant",
                                        j->o->user, j->kind >= 0
                                        ? "by recovery key"
                                        : "recovery: by recovery key")))
      return st;
    j->granted++;
  }
  return STORE_OK;
}

static int
cmd_keys (int argc, char **argv)
{
  struct opts o;
  struct keys_job j;
  char text[256];

  memset (&j, 0, sizeof j);
  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_keys, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  const char *sub = argv[1];
  if (! parse_opts (argc - 1, argv + 1, &o))
    return fputs (usage_keys, stderr), 2;
  if (o.help)
    return fputs (usage_keys, stdout), 0;
  if (! o.data || ! o.unit || ! o.user)
    return fputs (usage_keys, stderr), 2;
  j.o = &o;
  j.kind = -1;
  if (o.kind && (j.kind = key_kind_from_name (o.kind)) < 0)
    return cli_fail ("key kind '%s' must be identity or wbs", o.kind);
  if (0 == strcmp (sub, "revoke"))
  {
    if (j.kind < 0)
      return fputs (usage_keys, stderr), 2;
    j.revoke = true;
  }
  else if (0 == strcmp (sub, "grant") || 0 == strcmp (sub, "recover"))
  {
    if (! o.recovery_file || (0 == strcmp (sub, "grant") && j.kind < 0))
      return fputs (usage_keys, stderr), 2;
    if (! cli_read_password (o.recovery_file, text, sizeof text))
      return cli_fail ("cannot read %s", o.recovery_file);
    unsigned char *rk = vault_secret_new (32);
    if (! vault_recovery_parse (text, rk))
    {
      vault_wipe (text, sizeof text);
      vault_secret_free (rk);
      return cli_fail ("%s does not hold a recovery key", o.recovery_file);
    }
    vault_wipe (text, sizeof text);
    j.recovery = rk;
  }
  else
    return fputs (usage_keys, stderr), 2;
  struct store *s = cli_open_store (o.data, false);
  enum store_status st = STORE_HARD_ERROR;
  if (s)
  {
    st = store_write_sync (s, &keys_run, &j);
    store_close (s);
  }
  vault_secret_free ((void *) j.recovery);
  if (NULL == s)
    return 1;
  if (j.no_unit)
    return cli_fail ("no unit '%s'", o.unit);
  if (j.no_user)
    return cli_fail ("no user '%s' in that unit", o.user);
  if (j.bad_recovery)
    return cli_fail ("that is not this unit's recovery key%s", "");
  if (j.not_allowed)
    return cli_fail ("'%s' has no role that may hold this key", o.user);
  if (j.revoke && STORE_NO_ROW == st)
    return cli_fail ("'%s' did not hold that key", o.user);
  if (STORE_OK != st)
    return cli_fail ("cannot change the keys of '%s'", o.user);
  if (j.revoke)
    printf ("revoked the %s key from '%s'\n", o.kind, o.user);
  else
    printf ("granted %d key(s) to '%s'\n", j.granted, o.user);
  return 0;
}

/* ---- audit ---- */

/* Read the anchor file PATH into A; false with a message. */
static bool
read_anchor (const char *path, struct audit_anchor *a)
{
  char buf[4096], why[200];
  FILE *f = fopen (path, "r");
  if (NULL == f)
  {
    fprintf (stderr, "wadah: cannot read the anchor %s: %s\n", path,
             strerror (errno));
    return false;
  }
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  if (! audit_anchor_parse (buf, a, why, sizeof why))
  {
    fprintf (stderr, "wadah: %s is not an audit anchor: %s\n", path, why);
    return false;
  }
  return true;
}

/* "N:HASH" (or "#N:HASH"), a head as documents print it. */
static bool
parse_head (const char *s, struct audit_checkpoint *cp)
{
  char *end;
  memset (cp, 0, sizeof *cp);
  if ('#' == *s)
    s++;
  errno = 0;
  long long n = strtoll (s, &end, 10);
  if (errno || end == s || ':' != *end || n < 1)
    return false;
  cp->chain = AUDIT_CHAIN_GLOBAL;
  cp->count = n;
  return vault_unhex (end + 1, cp->head, 32);
}

/* The audit key named by O, refused inside the data directory; NULL with a
   message. */
static struct audit_key *
audit_key_existing (const struct opts *o, char **path)
{
  char why[300];
  *path = audit_key_path (o);
  if (NULL == *path)
    return NULL;
  if (! audit_key_outside (*path, o->data))
  {
    fprintf (stderr, "wadah: the audit key %s is inside the data directory"
             " %s: it proves nothing\n", *path, o->data);
    return NULL;
  }
  struct audit_key *k = audit_key_load (*path, why, sizeof why);
  if (NULL == k)
    fprintf (stderr, "wadah: %s\n", why);
  return k;
}

static int
audit_verify_cmd (const struct opts *o)
{
  struct audit_anchor anchors[8];
  struct audit_checkpoint heads[8];
  struct audit_verdict v;
  unsigned char pk[32];
  char from[4200], hex[65], when[48], line[600];
  bool have_pk = false;

  for (size_t i = 0; i < o->n_anchors; i++)
    if (! read_anchor (o->anchors[i], &anchors[i]))
      return 2;
  for (size_t i = 0; i < o->n_heads; i++)
    if (! parse_head (o->heads[i], &heads[i]))
    {
      fprintf (stderr, "wadah: --head %s: give N:HASH (the entry number and"
               " its 64-digit hash)\n", o->heads[i]);
      return 2;
    }
  char *kpath = audit_key_path (o);
  if (NULL == kpath)
    return 1;
  if (o->public_key)
  {
    if (! vault_unhex (o->public_key, pk, 32))
    {
      free (kpath);
      return cli_fail ("--public-key must be 64 hex digits%s", ""), 2;
    }
    have_pk = true;
    snprintf (from, sizeof from, "--public-key");
  }
  else if (o->audit_key || getenv ("WADAH_AUDIT_KEY")
           || 0 == access (kpath, F_OK))
  {
    char *p;
    struct audit_key *k = audit_key_existing (o, &p);
    free (p);
    if (NULL == k)
    {
      free (kpath);
      return 2;
    }
    memcpy (pk, audit_key_public (k), 32);
    audit_key_free (k);
    have_pk = true;
    snprintf (from, sizeof from, "the key file %s", kpath);
  }
  else if (o->n_anchors > 0)
  {
    memcpy (pk, anchors[0].cp.public_key, 32);
    have_pk = true;
    snprintf (from, sizeof from, "the anchor %s", o->anchors[0]);
  }
  struct store *s = cli_open_store (o->data, false);
  if (NULL == s)
  {
    free (kpath);
    return 1;
  }
  struct audit_verify_opts vo = {
    .public_key = have_pk ? pk : NULL, .anchors = anchors,
    .n_anchors = o->n_anchors, .heads = heads, .n_heads = o->n_heads };
  enum store_status st = audit_verify (s, &vo, &v);
  store_close (s);
  if (STORE_OK != st)
  {
    free (kpath);
    return cli_fail ("cannot read the audit log%s", "");
  }
  vault_hex (v.head, 32, hex);
  if (v.ok)
    printf ("audit log intact: %lld entries, head %s\n",
            (long long) v.entries, hex);
  else
  {
    printf ("audit log TAMPERED: %zu problem(s) (%lld entries read)\n",
            v.n_problems + v.more_problems, (long long) v.entries);
    for (size_t i = 0; i < v.n_problems; i++)
    {
      audit_problem_text (&v.problems[i], false, 0, line, sizeof line);
      printf ("  %s\n", line);
    }
    if (v.more_problems)
      printf ("  ... and %zu more\n", v.more_problems);
  }
  if (have_pk)
  {
    vault_hex (pk, 32, hex);
    printf ("audit key: %s (from %s)\n", hex, from);
    printf ("checkpoints: %lld stored, %lld signed by this key\n",
            (long long) v.checkpoints, (long long) v.checkpoints_valid);
  }
  else
    printf ("signatures NOT checked: no audit key at %s; give --audit-key,"
            " --public-key or --anchor\n", kpath);
  free (kpath);
  if (v.has_newest)
  {
    audit_time_text (v.newest.at, 0, when, sizeof when);
    printf ("newest checkpoint: %lld entries, signed %s", (long long)
            v.newest.count, when);
    if (v.entries > v.newest.count)
      printf ("; %lld newer entries not signed yet",
              (long long) (v.entries - v.newest.count));
    putchar ('\n');
  }
  else if (v.entries > 0)
    printf ("newest checkpoint: none (nothing signed yet: serve or wadah"
            " audit anchor signs)\n");
  if (v.ok)
  {
    for (size_t i = 0; i < o->n_anchors; i++)
    {
      audit_time_text (anchors[i].cp.at, 0, when, sizeof when);
      printf ("anchor %s (%lld entries, signed %s): held\n", o->anchors[i],
              (long long) anchors[i].cp.count, when);
    }
    for (size_t i = 0; i < o->n_heads; i++)
      printf ("head %s: held\n", o->heads[i]);
  }
  return v.ok ? (have_pk ? 0 : 2) : 1;
}

static int
audit_anchor_cmd (const struct opts *o)
{
  char *kpath, pkh[65], head[65], when[48], line[600];
  unsigned char log_id[16];
  struct audit_checkpoint_result cr;
  struct audit_checkpoint *cps = NULL;
  size_t n = 0;
  struct unit u;
  int rc = 1;
  struct audit_key *k = audit_key_existing (o, &kpath);
  free (kpath);
  if (NULL == k)
    return 1;
  struct store *s = cli_open_store (o->data, false);
  if (NULL == s)
  {
    audit_key_free (k);
    return 1;
  }
  memset (&u, 0, sizeof u);
  if (o->unit && STORE_OK != store_unit_by_slug (s, o->unit, &u))
  {
    rc = cli_fail ("no unit '%s'", o->unit);
    goto cleanup;
  }
  enum store_status st = audit_checkpoint_now (s, k, &cr);
  if (STORE_OK != st)
  {
    rc = cli_fail ("cannot sign the audit log's heads%s", "");
    goto cleanup;
  }
  if (cr.refused)
  {
    audit_problem_text (&cr.problem, false, 0, line, sizeof line);
    fprintf (stderr, "wadah: not signing: the log no longer holds its last"
             " signed checkpoint: %s\n(run wadah audit verify)\n", line);
    goto cleanup;
  }
  if (STORE_OK != store_audit_log_id (s, NULL, log_id)
      || STORE_OK != store_audit_checkpoints (s, NULL, o->unit
                                              ? AUDIT_CHAIN_UNIT
                                              : AUDIT_CHAIN_GLOBAL, u.id,
                                              &cps, &n))
  {
    rc = cli_fail ("cannot read the audit checkpoints%s", "");
    goto cleanup;
  }
  if (0 == n)
  {
    rc = cli_fail ("the audit log%s has no entry yet: nothing to anchor",
                   o->unit ? " of that unit" : "");
    goto cleanup;
  }
  struct audit_anchor a;
  memset (&a, 0, sizeof a);
  a.cp = cps[n - 1];
  memcpy (a.log_id, log_id, 16);
  snprintf (a.unit_slug, sizeof a.unit_slug, "%s", o->unit ? u.slug : "");
  if (! audit_checkpoint_valid (&a.cp, log_id, audit_key_public (k)))
  {
    rc = cli_fail ("the newest checkpoint is not signed by this key: run"
                   " wadah audit verify%s", "");
    goto cleanup;
  }
  char *text = audit_anchor_text (&a);
  if (NULL == text)
    goto cleanup;
  if (o->out)
  {
    FILE *f = fopen (o->out, "w");
    bool ok = f && EOF != fputs (text, f) && 0 == fflush (f)
              && 0 == fsync (fileno (f));
    if (f && 0 != fclose (f))
      ok = false;
    if (! ok)
    {
      free (text);
      rc = cli_fail ("cannot write %s", o->out);
      goto cleanup;
    }
    vault_hex (a.cp.head, 32, head);
    vault_hex (a.cp.public_key, 32, pkh);
    audit_time_text (a.cp.at, 0, when, sizeof when);
    printf ("anchor written to %s: %lld entries, head %s, signed %s with"
            " the key %s\nKeep it where the data directory's holders cannot"
            " change it; check with\nwadah audit verify --data DIR --anchor"
            " FILE\n", o->out, (long long) a.cp.count, head, when, pkh);
  }
  else
    fputs (text, stdout);
  free (text);
  rc = 0;
cleanup:
  free (cps);
  store_close (s);
  audit_key_free (k);
  return rc;
}

static int
audit_key_cmd (const struct opts *o)
{
  char *kpath, pkh[65];
  struct audit_key *k;
  bool created = false;
  if (o->create)
  {
    if (NULL == (kpath = audit_key_path (o)))
      return 1;
    k = audit_key_open (kpath, o->data, &created);
  }
  else
    k = audit_key_existing (o, &kpath);
  if (NULL == k)
  {
    free (kpath);
    return 1;
  }
  vault_hex (audit_key_public (k), 32, pkh);
  printf ("audit key: %s%s\npublic key: %s\n", kpath,
          created ? " (new)" : "", pkh);
  audit_key_free (k);
  free (kpath);
  return 0;
}

static int
cmd_audit (int argc, char **argv)
{
  struct opts o;
  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_audit, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  const char *sub = argv[1];
  if (! parse_opts (argc - 1, argv + 1, &o))
    return fputs (usage_audit, stderr), 2;
  if (o.help)
    return fputs (usage_audit, stdout), 0;
  if (! o.data)
    return fputs (usage_audit, stderr), 2;
  if (0 == strcmp (sub, "verify"))
    return audit_verify_cmd (&o);
  if (0 == strcmp (sub, "anchor"))
    return audit_anchor_cmd (&o);
  if (0 == strcmp (sub, "key"))
    return audit_key_cmd (&o);
  return fputs (usage_audit, stderr), 2;
}

/* ---- unit ---- */

enum unit_what { U_SERVICE_ADD, U_SERVICE_DISABLE, U_POPULATION,
                 U_CATEGORY_ADD, U_SECTION_ADD, U_HOLIDAY_ADD,
                 U_HOLIDAY_REMOVE, U_SETTING, U_TEMPLATE_ADD };

struct unit_job {
  const struct opts *o;
  int what;     /* enum unit_what */
  int64_t count;
  bool no_unit;
};

static enum store_status
unit_run (struct store_conn *c, void *cls)
{
  struct unit_job *j = cls;
  struct unit u;
  enum store_status st = store_conn_unit_by_slug (c, j->o->unit, &u);
  if (STORE_NO_ROW == st)
    j->no_unit = true;
  if (STORE_OK != st)
    return st;
  switch (j->what)
  {
  case U_SERVICE_ADD:
    return store_service_upsert (c, u.id, j->o->code, j->o->name);
  case U_SERVICE_DISABLE:
    return store_service_disable (c, u.id, j->o->code);
  case U_POPULATION:
    return store_population_set (c, u.id, j->o->period, j->count);
  case U_CATEGORY_ADD:
    return store_category_upsert (c, u.id, j->o->code, j->o->name);
  case U_SECTION_ADD:
    return store_section_upsert (c, u.id, j->o->code, j->o->name);
  case U_HOLIDAY_ADD:
    st = store_holiday_upsert (c, u.id, j->o->date, j->o->name,
                               "libur_daerah");
    break;
  case U_HOLIDAY_REMOVE:
    /* A unit's own day goes; a national one is marked a working day. */
    st = store_holiday_delete (c, u.id, j->o->date);
    if (STORE_NO_ROW == st)
      st = store_holiday_upsert (c, u.id, j->o->date, "hari kerja",
                                 "dihapus");
    break;
  case U_SETTING:
    st = store_setting_set (c, u.id, j->o->key, j->o->value);
    break;
  case U_TEMPLATE_ADD:
    return store_template_insert (c, u.id, j->o->title, j->o->body);
  default:
    return STORE_HARD_ERROR;
  }
  if (STORE_OK != st)
    return st;
  char detail[200];
  snprintf (detail, sizeof detail, "%s=%s", j->o->key ? j->o->key
            : j->o->date, j->o->value ? j->o->value : j->o->name
            ? j->o->name : "");
  return audit_append (c, u.id, "cli", j->what == U_SETTING ? "unit_setting"
                       : "unit_holiday", j->o->unit, detail);
}

static bool
service_code_ok (const char *s)
{
  size_t n = s ? strlen (s) : 0;
  if (n < 1 || n > 40)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
           || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
      return false;
  return true;
}

static int
cmd_unit (int argc, char **argv)
{
  struct opts o;
  struct unit_job j = { &o, 0, 0, false };
  bool list = false;
  int skip;

  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_unit, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  static const struct { const char *a, *b; int what; bool list; } subs[] = {
    { "service", "add", U_SERVICE_ADD, false },
    { "service", "disable", U_SERVICE_DISABLE, false },
    { "service", "list", U_SERVICE_ADD, true },
    { "population", NULL, U_POPULATION, false },
    { "category", "add", U_CATEGORY_ADD, false },
    { "category", "list", U_CATEGORY_ADD, true },
    { "section", "add", U_SECTION_ADD, false },
    { "holiday", "add", U_HOLIDAY_ADD, false },
    { "holiday", "remove", U_HOLIDAY_REMOVE, false },
    { "holiday", "list", U_HOLIDAY_ADD, true },
    { "setting", NULL, U_SETTING, false },
    { "template", "add", U_TEMPLATE_ADD, false },
  };
  skip = -1;
  for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
    if (0 == strcmp (argv[1], subs[i].a)
        && (NULL == subs[i].b || (argc >= 3 && 0 == strcmp (argv[2],
                                                          subs[i].b))))
    {
      skip = subs[i].b ? 2 : 1;
      j.what = subs[i].what;
      list = subs[i].list;
      break;
    }
  if (skip < 0)
    return fputs (usage_unit, stderr), 2;
  if (! parse_opts (argc - skip, argv + skip, &o))
    return fputs (usage_unit, stderr), 2;
  if (o.help)
    return fputs (usage_unit, stdout), 0;
  if (! o.data || ! o.unit)
    return fputs (usage_unit, stderr), 2;
  bool coded = j.what == U_SERVICE_ADD || j.what == U_SERVICE_DISABLE
               || j.what == U_CATEGORY_ADD || j.what == U_SECTION_ADD;
  if (! list && coded && ! service_code_ok (o.code))
    return cli_fail ("code '%s' must be 1-40 of A-Z, a-z, 0-9, '-', '_'",
                 o.code ? o.code : "");
  if (! list && (j.what == U_SERVICE_ADD || j.what == U_CATEGORY_ADD
                 || j.what == U_SECTION_ADD || j.what == U_HOLIDAY_ADD)
      && (! o.name || 0 == strlen (o.name) || strlen (o.name) > 150))
    return cli_fail ("name must be 1-150 bytes%s", "");
  if (! list && (j.what == U_HOLIDAY_ADD || j.what == U_HOLIDAY_REMOVE))
  {
    int32_t day;
    if (! o.date || ! cal_parse (o.date, &day))
      return cli_fail ("date '%s' must be YYYY-MM-DD", o.date ? o.date : "");
  }
  if (j.what == U_SETTING)
  {
    char why[120];
    const char *bad = unit_setting_problem (o.key, o.value, why, sizeof why);
    if (bad && 0 == strcmp (bad, "unknown setting"))
    {
      fprintf (stderr, "wadah: setting '%s': the keys are %s\n",
               o.key ? o.key : "", unit_setting_help);
      return 1;
    }
    if (bad)
    {
      fprintf (stderr, "wadah: %s: %s\n", o.key, bad);
      return 1;
    }
  }
  if (j.what == U_TEMPLATE_ADD
      && (! o.title || ! *o.title || strlen (o.title) > 150 || ! o.body
          || ! *o.body || strlen (o.body) > 2000))
    return cli_fail ("a template needs --title (150) and --body (2000)%s", "");
  if (j.what == U_POPULATION)
  {
    struct period p;
    char *end;
    if (! o.period || ! period_parse (o.period, &p))
      return cli_fail ("period '%s' must look like 2025, 2025-S1 or 2025-Q1",
                   o.period ? o.period : "");
    j.count = o.count ? strtoll (o.count, &end, 10) : 0;
    if (! o.count || *end || j.count < 1 || j.count > 100000000)
      return cli_fail ("count must be a whole number from 1%s", "");
  }
  struct store *s = cli_open_store (o.data, false);
  if (NULL == s)
    return 1;
  int rc = 0;
  if (list)
  {
    struct unit u;
    if (STORE_OK != store_unit_by_slug (s, o.unit, &u))
      rc = cli_fail ("no unit '%s'", o.unit);
    else if (j.what == U_SERVICE_ADD)
    {
      struct service *sv = NULL;
      size_t n = 0;
      if (STORE_OK != store_service_list (s, u.id, &sv, &n))
        rc = cli_fail ("cannot list services%s", "");
      for (size_t i = 0; i < n; i++)
        printf ("%s\t%s\n", sv[i].code, sv[i].name);
      free (sv);
    }
    else if (j.what == U_CATEGORY_ADD)
    {
      struct coded *cs = NULL;
      size_t n = 0;
      if (STORE_OK != store_category_list (s, u.id, &cs, &n))
        rc = cli_fail ("cannot list categories%s", "");
      for (size_t i = 0; i < n; i++)
        printf ("%s\t%s\n", cs[i].code, cs[i].name);
      free (cs);
    }
    else
    {
      struct holiday_row *h = NULL;
      size_t n = 0;
      if (STORE_OK != store_holiday_list (s, u.id, &h, &n))
        rc = cli_fail ("cannot list holidays%s", "");
      for (size_t i = 0; i < n; i++)
        printf ("%s\t%s\t%s\n", h[i].day, h[i].kind, h[i].name);
      free (h);
    }
    store_close (s);
    return rc;
  }
  enum store_status st = store_write_sync (s, &unit_run, &j);
  store_close (s);
  if (j.no_unit)
    return cli_fail ("no unit '%s'", o.unit);
  if (STORE_NO_ROW == st && j.what == U_SERVICE_DISABLE)
    return cli_fail ("no service '%s'", o.code);
  if (STORE_OK != st)
    return cli_fail ("cannot change unit '%s'", o.unit);
  return 0;
}

int
main (int argc, char **argv)
{
  /* Passwords and keys pass through this process: never write a core
     dump of it (sodium_malloc'ed secrets are also excluded from dumps). */
  struct rlimit no_core = { 0, 0 };
  setrlimit (RLIMIT_CORE, &no_core);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  /* Everything this process creates (the data directory and what is in
     it, configuration, documents written with --out) is its owner's only;
     the store makes its files 0600 on its own too. */
  umask (077);
  if (! vault_init ())
  {
    fputs ("wadah: libsodium cannot initialise\n", stderr);
    return 1;
  }
  if (argc < 2)
    return fputs (usage_main, stderr), 2;
  const char *cmd = argv[1];
  if (0 == strcmp (cmd, "--help") || 0 == strcmp (cmd, "-h")
      || 0 == strcmp (cmd, "help"))
    return fputs (usage_main, stdout), 0;
  if (0 == strcmp (cmd, "init"))
    return cmd_init (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "serve"))
    return cmd_serve (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "user"))
    return cmd_user (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "unit"))
    return cmd_unit (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "keys"))
    return cmd_keys (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "audit"))
    return cmd_audit (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "report"))
    return cli_report (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "demo"))
    return cli_demo (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "import"))
    return cli_import (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "backup"))
    return cli_backup (argc - 1, argv + 1);
  if (0 == strcmp (cmd, "restore"))
    return cli_restore (argc - 1, argv + 1);
  fprintf (stderr, "wadah: unknown command '%s'\n\n%s", cmd, usage_main);
  return 2;
}
