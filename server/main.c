/*
 * wadah: the command line (API.md).  init, serve, user, unit.  Each command
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
  "  audit    verify the audit log's hash chain\n"
  "  unit     manage a unit's service types and survey populations\n"
  "  report   make, finalise and verify the ZI documents (monev, registers)\n"
  "  demo     load the synthetic demo semester into a unit (make run)\n"
  "  import   load a wadah-import/1 file (registers moving from Excel)\n"
  "\n"
  "Run 'wadah COMMAND --help' for the options of a command.\n";

static const char usage_init[] =
  "usage: wadah init --data DIR --unit SLUG --unit-name \"NAME\" --admin USER\n"
  "                  --password-file FILE [--zone WIB|WITA|WIT]\n"
  "\n"
  "Creates DIR (which must not exist), the database, the unit and its first\n"
  "admin, whose password is read from the first line of FILE.\n"
  "  --zone   the unit's time zone (default WIB, +07:00)\n";

static const char usage_serve[] =
  "usage: wadah serve --data DIR [--listen HOST:PORT]\n"
  "\n"
  "Serves on HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one) and\n"
  "prints \"listening on http://HOST:PORT\" once ready.  Settings come from\n"
  "DIR/wadah.conf, then WADAH_* environment variables, then the flags.\n";

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
  "usage: wadah audit verify --data DIR\n"
  "\n"
  "Walks the audit log's hash chain; exits 1 naming the first entry that\n"
  "does not match.\n";

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
  bool enable, disable, revoke;
  const char *roles[8];
  size_t n_roles;
  bool help;
};

enum { O_DATA = 1, O_UNIT, O_UNIT_NAME, O_ADMIN, O_PWFILE, O_LISTEN, O_USER,
       O_ROLE, O_CODE, O_NAME, O_PERIOD, O_COUNT, O_ZONE, O_HELP, O_KIND,
       O_RECOVERY, O_ENABLE, O_DISABLE, O_DATE, O_KEY, O_VALUE, O_TITLE,
       O_BODY, O_REVOKE };

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
    case O_DISABLE: o->disable = true; break;
    case O_DATE: o->date = optarg; break;
    case O_KEY: o->key = optarg; break;
    case O_VALUE: o->value = optarg; break;
    case O_TITLE: o->title = optarg; break;
    case O_BODY: o->body = optarg; break;
    case O_REVOKE: o->revoke = true; break;
    case 'h':
    case O_HELP: o->help = true; break;
    default: return false;
    }
  }
  return optind == argc;
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
  if (! new_password (o.password_file, o.admin, password))
    return 1;
  if (0 != mkdir (o.data, 0700))
  {
    vault_wipe (password, sizeof password);
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
    return cli_fail ("cannot create the database in %s", o.data);
  }
  unsigned char *recovery = vault_secret_new (32);
  vault_recovery_new (recovery, text);
  struct init_job j = { &o, password, recovery, offset };
  enum store_status st = store_write_sync (s, &init_run, &j);
  store_close (s);
  vault_wipe (password, sizeof password);
  vault_secret_free (recovery);
  if (STORE_OK != st)
  {
    vault_wipe (text, sizeof text);
    return cli_fail ("cannot create the unit and admin in %s", o.data);
  }
  printf ("created %s: unit '%s' (%s), admin '%s'\n\n", o.data, o.unit,
          o.unit_name, o.admin);
  printf ("RECOVERY KEY (shown only now; print it and give it to the head of"
          " office to keep offline):\n\n    %s\n\n"
          "It unlocks the unit's identity and WBS keys when every key holder"
          " has lost access\n(wadah keys recover).  wadah does not keep it.\n",
          text);
  fflush (stdout);
  vault_wipe (text, sizeof text);
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

  memset (&app, 0, sizeof app);
  pthread_mutex_init (&app.lock, NULL);
  pthread_cond_init (&app.idle, NULL);
  app.data_dir = o.data;
  app.store = cli_open_store (o.data, false);
  if (NULL == app.store)
    return 1;
  app.secure_cookies = cfg.secure_cookies;
  session_configure (cfg.session_idle_s, cfg.session_max_s);
  app.pool = pool_new (cfg.kdf_threads, 64);
  if (NULL == app.pool || ! app_forms_load (&app)
      || ! app_holidays_load (&app) || ! store_writer_start (app.store))
  {
    pool_free (app.pool);
    store_close (app.store);
    return 1;
  }
  if (codes && ! codegen_run ())
    LOG_W ("access-code reader did not start");
  void *daemon = http_start (&app, &cfg.http);
  if (NULL == daemon)
  {
    store_close (app.store);
    app_forms_free (&app);
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
  }
  LOG_I ("stopping");
  /* Refuse new writes, wait for the acknowledged ones, then stop. */
  pthread_mutex_lock (&app.lock);
  app.draining = true;
  while (app.inflight > 0)
    pthread_cond_wait (&app.idle, &app.lock);
  pthread_mutex_unlock (&app.lock);
  http_stop (daemon);
  codegen_stop ();
  pool_free (app.pool);
  session_clear_all ();
  store_close (app.store);
  app_forms_free (&app);
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

static int
cmd_audit (int argc, char **argv)
{
  struct opts o;
  struct audit_verdict v;
  char head[65];
  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_audit, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  if (0 != strcmp (argv[1], "verify")
      || ! parse_opts (argc - 1, argv + 1, &o))
    return fputs (usage_audit, stderr), 2;
  if (o.help)
    return fputs (usage_audit, stdout), 0;
  if (! o.data)
    return fputs (usage_audit, stderr), 2;
  struct store *s = cli_open_store (o.data, false);
  if (NULL == s)
    return 1;
  enum store_status st = audit_verify (s, &v);
  store_close (s);
  if (STORE_OK != st)
    return cli_fail ("cannot read the audit log%s", "");
  if (! v.ok)
  {
    printf ("audit log BROKEN at entry %lld: %s\n", (long long) v.bad_id,
            v.reason);
    return 1;
  }
  for (int i = 0; i < 32; i++)
    snprintf (head + 2 * i, 3, "%02x", v.head[i]);
  printf ("audit log intact: %lld entries, head %s\n",
          (long long) v.entries, head);
  return 0;
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
  fprintf (stderr, "wadah: unknown command '%s'\n\n%s", cmd, usage_main);
  return 2;
}
