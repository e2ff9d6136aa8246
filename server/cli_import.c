/*
 * wadah import --data DIR --unit SLUG FILE.json: the command around
 * import.h.  Reads the file, checks and prepares it, writes it in one
 * transaction and prints what it wrote per section.  Exit 0 when
 * imported, 2 for a bad command line or a file that is refused (nothing
 * is written), 1 for an internal failure (nothing is written either).
 * Errors name the record and field and never quote an identity or a text.
 */
#include "app.h"
#include "cli.h"
#include "cli_import.h"
#include "embed.h"
#include "forms.h"
#include "import.h"
#include "log.h"
#include "store.h"
#include "vault.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_import[] =
  "usage: wadah import --data DIR --unit SLUG FILE.json\n"
  "\n"
  "Loads a \"wadah-import/1\" file (REPORTS.md 7.5) into unit SLUG:\n"
  "complaints with their history, WBS reports, survey responses, earlier\n"
  "IKM figures (survey_history), recommendations with their events,\n"
  "populations, settings and holidays.  Everything is checked first and\n"
  "written in one transaction: a refused file changes nothing (exit 2,\n"
  "naming each record and field).  Identities and WBS texts are sealed to\n"
  "the unit's keys as a live submission is; imported complaints and WBS\n"
  "reports get access codes and receipts that are not kept, so nobody can\n"
  "open them as their reporter.  Complaint categories, sections and\n"
  "service types must exist in the unit (wadah unit ... add) before.\n";

/* The file may be large (a unit's years of survey answers) but not
   unbounded. */
#define IMPORT_FILE_MAX (512L * 1024 * 1024)

/* Read PATH whole into *BUF (NUL-terminated, malloc'ed). */
static bool
read_file (const char *path, char **buf, size_t *len)
{
  FILE *f = fopen (path, "rb");
  char *b = NULL;
  size_t n = 0, cap = 0;
  if (NULL == f)
    return false;
  for (;;)
  {
    if (cap - n < 65536)
    {
      cap = cap ? cap * 2 : 1 << 20;
      char *nb = cap <= (size_t) IMPORT_FILE_MAX + 65536 ? realloc (b, cap)
                 : NULL;
      if (NULL == nb)
      {
        free (b);
        fclose (f);
        return false;
      }
      b = nb;
    }
    size_t got = fread (b + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  bool ok = ! ferror (f) && n <= (size_t) IMPORT_FILE_MAX;
  fclose (f);
  if (! ok)
  {
    free (b);
    return false;
  }
  b[n] = '\0';
  *buf = b;
  *len = n;
  return true;
}

/* The compiled-in form NAME, checked, without recording its version (the
   import records the SKM version it uses in its own transaction). */
static struct form *
load_form (const char *name)
{
  char err[256];
  const struct embed_file *f = embed_find (embed_forms, name);
  struct form *form = f ? form_load (f->data, f->len, err, sizeof err) : NULL;
  if (NULL == form)
    fprintf (stderr, "wadah: forms/%s cannot be loaded\n", name);
  return form;
}

/* The errors of a refused file, then exit status 2. */
static int
refused (const char *file, const struct import *im)
{
  const char *const *msgs;
  size_t total;
  size_t n = import_errors (im, &msgs, &total);
  for (size_t i = 0; i < n; i++)
    fprintf (stderr, "wadah: %s\n", msgs[i]);
  if (total > n)
    fprintf (stderr, "wadah: ... and %zu more error(s)\n", total - n);
  fprintf (stderr, "wadah: %s refused: nothing was imported\n", file);
  return 2;
}

/* Jansson's message without the "near '...'" that would quote the file. */
static void
parse_error (const char *file, const json_error_t *e)
{
  char text[JSON_ERROR_TEXT_LENGTH];
  snprintf (text, sizeof text, "%s", e->text);
  char *near = strstr (text, " near ");
  if (near)
    *near = '\0';
  fprintf (stderr, "wadah: %s: not JSON at line %d, column %d: %s\n", file,
           e->line, e->column, text);
}

static void
print_counts (const struct unit *u, const char *sha,
              const struct import_counts *n)
{
  printf ("imported %s into unit '%s' (sha256 %s)\n", IMPORT_FORMAT, u->slug,
          sha);
  printf ("complaints: %zu (events: %zu)\n", n->complaints,
          n->complaint_events);
  printf ("wbs: %zu (events: %zu, messages: %zu, identity requests: %zu)\n",
          n->wbs, n->wbs_events, n->wbs_messages, n->wbs_identity_requests);
  printf ("survey_responses: %zu\n", n->survey_responses);
  printf ("survey_history: %zu\n", n->survey_history);
  printf ("recommendations: %zu (events: %zu)\n", n->recommendations,
          n->recommendation_events);
  printf ("populations: %zu\n", n->populations);
  printf ("settings: %zu\n", n->settings);
  printf ("holidays: %zu\n", n->holidays);
  if (n->complaints || n->wbs)
    printf ("access codes and receipts of imported records were not kept:"
            " their reporters cannot open them\n");
}

int
cli_import_document (const char *data, const char *slug, json_t *root,
                     const char *sha, const char *base, const char *file)
{
  int rc = 1;
  struct app app;
  struct import *im = NULL;
  memset (&app, 0, sizeof app);
  app.data_dir = data;
  app.store = cli_open_store (data, false);
  if (NULL == app.store)
    goto cleanup;
  struct unit u;
  switch (store_unit_by_slug (app.store, slug, &u))
  {
  case STORE_OK:
    break;
  case STORE_NO_ROW:
    fprintf (stderr, "wadah: no unit '%s' in %s\n", slug, data);
    rc = 2;
    goto cleanup;
  default:
    fprintf (stderr, "wadah: cannot read the units of %s\n", data);
    goto cleanup;
  }
  app.survey = load_form ("skm.json");
  app.complaint = load_form ("pengaduan.json");
  app.wbs = load_form ("wbs.json");
  if (! app.survey || ! app.complaint || ! app.wbs)
    goto cleanup;
  im = import_new (&app, &u, sha, base);
  if (NULL == im)
    goto cleanup;
  if (! import_prepare (im, root))
  {
    if (import_internal (im))
      fprintf (stderr, "wadah: %s: %s; nothing was imported\n", file,
               import_internal (im));
    else
      rc = refused (file, im);
    goto cleanup;
  }
  enum store_status st = store_write_sync (app.store, &import_run, im);
  const char *const *msgs;
  if (STORE_OK != st && import_errors (im, &msgs, NULL) > 0)
  {
    rc = refused (file, im);
    goto cleanup;
  }
  if (STORE_OK != st)
  {
    fprintf (stderr, "wadah: %s: cannot write the import (%s); nothing was"
             " imported\n", file, import_internal (im)
             ? import_internal (im) : STORE_BUSY == st
             ? "the database stayed locked" : "database error");
    goto cleanup;
  }
  print_counts (&u, sha, import_counts (im));
  rc = 0;
cleanup:
  import_free (im);
  if (app.store)
    store_close (app.store);
  app_forms_free (&app);
  return rc;
}

int
cli_import (int argc, char **argv)
{
  static const struct option longopts[] = {
    { "data", required_argument, NULL, 'd' },
    { "unit", required_argument, NULL, 'u' },
    { "help", no_argument, NULL, 'h' },
    { 0 }
  };
  const char *data = NULL, *slug = NULL;
  int c;
  optind = 1;
  opterr = 1;
  while (-1 != (c = getopt_long (argc, argv, "h", longopts, NULL)))
    switch (c)
    {
    case 'd': data = optarg; break;
    case 'u': slug = optarg; break;
    case 'h': return fputs (usage_import, stdout), 0;
    default: return fputs (usage_import, stderr), 2;
    }
  if (! data || ! slug || optind + 1 != argc)
    return fputs (usage_import, stderr), 2;
  const char *file = argv[optind];
  const char *base = strrchr (file, '/') ? strrchr (file, '/') + 1 : file;

  char *buf = NULL, sha[65];
  size_t len = 0;
  if (! read_file (file, &buf, &len))
  {
    fprintf (stderr, "wadah: cannot read %s (or it is over %ld MiB)\n", file,
             IMPORT_FILE_MAX / (1024 * 1024));
    return 2;
  }
  vault_sha256_hex (buf, len, sha);
  json_error_t e;
  json_t *root = json_loadb (buf, len, JSON_REJECT_DUPLICATES, &e);
  vault_wipe (buf, len);
  free (buf);
  if (NULL == root)
  {
    parse_error (file, &e);
    fprintf (stderr, "wadah: %s refused: nothing was imported\n", file);
    return 2;
  }

  int rc = cli_import_document (data, slug, root, sha, base, file);
  json_decref (root);
  return rc;
}
