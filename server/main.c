/*
 * wadah: the command line (API.md).  init, serve, user, unit.  Each command
 * parses its own flags and answers --help; nothing here speaks HTTP or SQL
 * directly: it calls the store, the vault and the HTTP layer.
 */
#include "app.h"
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
#include <sys/stat.h>
#include <unistd.h>

#define PASSWORD_MIN 10

static const char *const all_roles[] = {
  "admin", "petugas_pengaduan", "pengelola_wbs", "custodian", "tim_zi",
  "pimpinan"
};

static const char usage_main[] =
  "usage: wadah COMMAND [OPTIONS]\n"
  "\n"
  "Complaint, whistleblowing and satisfaction-survey intake service.\n"
  "\n"
  "commands:\n"
  "  init     create a data directory, its database, unit and first admin\n"
  "  serve    serve the web pages and the API\n"
  "  user     add staff users\n"
  "  unit     manage a unit's service types and survey populations\n"
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
  "\n"
  "roles: admin, petugas_pengaduan, pengelola_wbs, custodian, tim_zi,\n"
  "       pimpinan\n";

static const char usage_unit[] =
  "usage: wadah unit service add --data DIR --unit SLUG --code CODE --name NAME\n"
  "       wadah unit service list --data DIR --unit SLUG\n"
  "       wadah unit service disable --data DIR --unit SLUG --code CODE\n"
  "       wadah unit population --data DIR --unit SLUG --period P --count N\n"
  "\n"
  "Service types are what respondents choose in the survey.  The population\n"
  "is the number of service users in a period (2025, 2025-S1, 2025-Q1),\n"
  "from which the Krejcie-Morgan minimum sample is computed.\n";

struct opts {
  const char *data, *unit, *unit_name, *admin, *password_file, *listen;
  const char *user, *code, *name, *period, *count, *zone;
  const char *roles[8];
  size_t n_roles;
  bool help;
};

enum { O_DATA = 1, O_UNIT, O_UNIT_NAME, O_ADMIN, O_PWFILE, O_LISTEN, O_USER,
       O_ROLE, O_CODE, O_NAME, O_PERIOD, O_COUNT, O_ZONE, O_HELP };

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
    case 'h':
    case O_HELP: o->help = true; break;
    default: return false;
    }
  }
  return optind == argc;
}

static int fail (const char *fmt, const char *arg)
  __attribute__ ((format (printf, 1, 0)));

static int
fail (const char *fmt, const char *arg)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  fputs ("wadah: ", stderr);
  fprintf (stderr, fmt, arg);
#pragma GCC diagnostic pop
  fputc ('\n', stderr);
  return 1;
}

static bool
ident_ok (const char *s, size_t min, size_t max, bool allow_dot)
{
  size_t n = s ? strlen (s) : 0;
  if (n < min || n > max)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'
           || (allow_dot && (*s == '.' || *s == '_'))))
      return false;
  return true;
}

/* Read the first line of PATH into a sodium-free buffer the caller wipes. */
static bool
read_password (const char *path, char *out, size_t cap)
{
  FILE *f = fopen (path, "r");
  if (NULL == f)
    return false;
  bool ok = NULL != fgets (out, (int) cap, f);
  fclose (f);
  if (! ok)
    return false;
  out[strcspn (out, "\r\n")] = '\0';
  return true;
}

static bool
role_ok (const char *r)
{
  for (size_t i = 0; i < sizeof all_roles / sizeof all_roles[0]; i++)
    if (0 == strcmp (r, all_roles[i]))
      return true;
  return false;
}

static char *
db_path (const char *dir)
{
  size_t n = strlen (dir) + 16;
  char *p = malloc (n);
  if (p)
    snprintf (p, n, "%s/wadah.db", dir);
  return p;
}

static struct store *
open_store (const char *dir, bool create)
{
  struct store *s = NULL;
  char *p = db_path (dir);
  if (NULL == p)
    return NULL;
  if (! create && 0 != access (p, F_OK))
  {
    fprintf (stderr, "wadah: %s is not a wadah data directory"
                     " (run 'wadah init')\n", dir);
    free (p);
    return NULL;
  }
  if (STORE_OK != store_open (p, create, &s))
    s = NULL;
  free (p);
  return s;
}

/* ---- init ---- */

struct init_job {
  const struct opts *o;
  const char *pw_hash;
  int offset;
};

static enum store_status
init_run (struct store_conn *c, void *cls)
{
  struct init_job *j = cls;
  int64_t unit_id;
  const char *role = "admin";
  enum store_status st = store_unit_insert (c, j->o->unit, j->o->unit_name,
                                            j->offset, &unit_id);
  if (STORE_OK != st)
    return st;
  return store_user_insert (c, unit_id, j->o->admin, j->pw_hash, &role, 1);
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

static int
cmd_init (int argc, char **argv)
{
  struct opts o;
  char password[512], hash[VAULT_PWHASH_LEN], path[4096];

  if (! parse_opts (argc, argv, &o))
    return fputs (usage_init, stderr), 2;
  if (o.help)
    return fputs (usage_init, stdout), 0;
  if (! o.data || ! o.unit || ! o.unit_name || ! o.admin || ! o.password_file)
    return fputs (usage_init, stderr), 2;
  if (! ident_ok (o.unit, 2, 40, false))
    return fail ("unit slug '%s' must be 2-40 of a-z, 0-9 and '-'", o.unit);
  if (0 == strlen (o.unit_name) || strlen (o.unit_name) > 150)
    return fail ("unit name must be 1-150 bytes%s", "");
  if (! ident_ok (o.admin, 2, 40, true))
    return fail ("user name '%s' must be 2-40 of a-z, 0-9, '.', '_', '-'",
                 o.admin);
  int offset = zone_offset (o.zone);
  if (offset < 0)
    return fail ("zone '%s' must be WIB, WITA or WIT", o.zone);
  if (! read_password (o.password_file, password, sizeof password))
    return fail ("cannot read the password file %s", o.password_file);
  if (strlen (password) < PASSWORD_MIN)
  {
    memset (password, 0, sizeof password);
    return fail ("the admin password must have at least 10 characters%s", "");
  }
  bool hashed = vault_password_hash (password, hash);
  memset (password, 0, sizeof password);
  if (! hashed)
    return fail ("cannot hash the password (out of memory)%s", "");
  if (0 != mkdir (o.data, 0700))
  {
    if (errno == EEXIST)
      return fail ("%s already exists; refusing to overwrite it", o.data);
    return fail ("cannot create %s", o.data);
  }
  snprintf (path, sizeof path, "%s/attachments", o.data);
  mkdir (path, 0700);
  snprintf (path, sizeof path, "%s/wadah.conf", o.data);
  config_write_default (path);
  struct store *s = open_store (o.data, true);
  if (NULL == s)
    return fail ("cannot create the database in %s", o.data);
  struct init_job j = { &o, hash, offset };
  enum store_status st = store_write_sync (s, &init_run, &j);
  store_close (s);
  if (STORE_OK != st)
    return fail ("cannot create the unit and admin in %s", o.data);
  printf ("created %s: unit '%s' (%s), admin '%s'\n", o.data, o.unit,
          o.unit_name, o.admin);
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

  /* Signals are taken by sigwait below; block them before any thread. */
  sigemptyset (&sigs);
  sigaddset (&sigs, SIGINT);
  sigaddset (&sigs, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &sigs, NULL);
  signal (SIGPIPE, SIG_IGN);

  memset (&app, 0, sizeof app);
  pthread_mutex_init (&app.lock, NULL);
  pthread_cond_init (&app.idle, NULL);
  app.store = open_store (o.data, false);
  if (NULL == app.store)
    return 1;
  if (! app_forms_load (&app) || ! store_writer_start (app.store))
  {
    store_close (app.store);
    return 1;
  }
  void *daemon = http_start (&app, &cfg.http);
  if (NULL == daemon)
  {
    store_close (app.store);
    app_forms_free (&app);
    return 1;
  }
  LOG_I ("serving %s", o.data);
  sigwait (&sigs, &sig);
  LOG_I ("stopping");
  /* Refuse new writes, wait for the acknowledged ones, then stop. */
  pthread_mutex_lock (&app.lock);
  app.draining = true;
  while (app.inflight > 0)
    pthread_cond_wait (&app.idle, &app.lock);
  pthread_mutex_unlock (&app.lock);
  http_stop (daemon);
  store_close (app.store);
  app_forms_free (&app);
  return 0;
}

/* ---- user ---- */

struct user_job {
  const struct opts *o;
  const char *pw_hash;
  bool no_unit;
};

static enum store_status
user_add_run (struct store_conn *c, void *cls)
{
  struct user_job *j = cls;
  struct unit u;
  enum store_status st = store_conn_unit_by_slug (c, j->o->unit, &u);
  if (STORE_NO_ROW == st)
    j->no_unit = true;
  if (STORE_OK != st)
    return st;
  return store_user_insert (c, u.id, j->o->user, j->pw_hash, j->o->roles,
                            j->o->n_roles);
}

static int
cmd_user (int argc, char **argv)
{
  struct opts o;
  char password[512], hash[VAULT_PWHASH_LEN];

  if (argc < 2 || 0 == strcmp (argv[1], "--help")
      || 0 == strcmp (argv[1], "-h"))
    return fputs (usage_user, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
  if (0 != strcmp (argv[1], "add"))
    return fputs (usage_user, stderr), 2;
  if (! parse_opts (argc - 1, argv + 1, &o))
    return fputs (usage_user, stderr), 2;
  if (o.help)
    return fputs (usage_user, stdout), 0;
  if (! o.data || ! o.unit || ! o.user || ! o.password_file || 0 == o.n_roles)
    return fputs (usage_user, stderr), 2;
  if (! ident_ok (o.user, 2, 40, true))
    return fail ("user name '%s' must be 2-40 of a-z, 0-9, '.', '_', '-'",
                 o.user);
  for (size_t i = 0; i < o.n_roles; i++)
    if (! role_ok (o.roles[i]))
      return fail ("unknown role '%s'", o.roles[i]);
  if (! read_password (o.password_file, password, sizeof password))
    return fail ("cannot read the password file %s", o.password_file);
  if (strlen (password) < PASSWORD_MIN)
  {
    memset (password, 0, sizeof password);
    return fail ("the password must have at least 10 characters%s", "");
  }
  bool hashed = vault_password_hash (password, hash);
  memset (password, 0, sizeof password);
  if (! hashed)
    return fail ("cannot hash the password%s", "");
  struct store *s = open_store (o.data, false);
  if (NULL == s)
    return 1;
  struct user_job j = { &o, hash, false };
  enum store_status st = store_write_sync (s, &user_add_run, &j);
  store_close (s);
  if (j.no_unit)
    return fail ("no unit '%s'", o.unit);
  if (STORE_NO_ROW == st)
    return fail ("user '%s' already exists in that unit", o.user);
  if (STORE_OK != st)
    return fail ("cannot add the user%s", "");
  printf ("added user '%s' to unit '%s'\n", o.user, o.unit);
  return 0;
}

/* ---- unit ---- */

struct unit_job {
  const struct opts *o;
  int what;     /* 0 add service, 1 disable service, 2 population */
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
  case 0: return store_service_upsert (c, u.id, j->o->code, j->o->name);
  case 1: return store_service_disable (c, u.id, j->o->code);
  default: return store_population_set (c, u.id, j->o->period, j->count);
  }
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
  if (0 == strcmp (argv[1], "service") && argc >= 3)
  {
    skip = 2;
    if (0 == strcmp (argv[2], "add"))
      j.what = 0;
    else if (0 == strcmp (argv[2], "disable"))
      j.what = 1;
    else if (0 == strcmp (argv[2], "list"))
      list = true;
    else
      return fputs (usage_unit, stderr), 2;
  }
  else if (0 == strcmp (argv[1], "population"))
  {
    skip = 1;
    j.what = 2;
  }
  else
    return fputs (usage_unit, stderr), 2;
  if (! parse_opts (argc - skip, argv + skip, &o))
    return fputs (usage_unit, stderr), 2;
  if (o.help)
    return fputs (usage_unit, stdout), 0;
  if (! o.data || ! o.unit)
    return fputs (usage_unit, stderr), 2;
  if (! list && j.what < 2 && ! service_code_ok (o.code))
    return fail ("service code '%s' must be 1-40 of A-Z, a-z, 0-9, '-', '_'",
                 o.code ? o.code : "");
  if (! list && j.what == 0
      && (! o.name || 0 == strlen (o.name) || strlen (o.name) > 150))
    return fail ("service name must be 1-150 bytes%s", "");
  if (j.what == 2)
  {
    struct period p;
    char *end;
    if (! o.period || ! period_parse (o.period, &p))
      return fail ("period '%s' must look like 2025, 2025-S1 or 2025-Q1",
                   o.period ? o.period : "");
    j.count = o.count ? strtoll (o.count, &end, 10) : 0;
    if (! o.count || *end || j.count < 1 || j.count > 100000000)
      return fail ("count must be a whole number from 1%s", "");
  }
  struct store *s = open_store (o.data, false);
  if (NULL == s)
    return 1;
  int rc = 0;
  if (list)
  {
    struct unit u;
    struct service *sv = NULL;
    size_t n = 0;
    if (STORE_OK != store_unit_by_slug (s, o.unit, &u))
      rc = fail ("no unit '%s'", o.unit);
    else if (STORE_OK != store_service_list (s, u.id, &sv, &n))
      rc = fail ("cannot list services%s", "");
    else
      for (size_t i = 0; i < n; i++)
        printf ("%s\t%s\n", sv[i].code, sv[i].name);
    free (sv);
    store_close (s);
    return rc;
  }
  enum store_status st = store_write_sync (s, &unit_run, &j);
  store_close (s);
  if (j.no_unit)
    return fail ("no unit '%s'", o.unit);
  if (STORE_NO_ROW == st && j.what == 1)
    return fail ("no service '%s'", o.code);
  if (STORE_OK != st)
    return fail ("cannot change unit '%s'", o.unit);
  return 0;
}

int
main (int argc, char **argv)
{
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
  fprintf (stderr, "wadah: unknown command '%s'\n\n%s", cmd, usage_main);
  return 2;
}
