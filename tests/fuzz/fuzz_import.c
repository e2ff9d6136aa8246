/*
 * server/import.c, the loader of "wadah-import/1" files: the text is
 * parsed as `wadah import` parses it (json_loadb, duplicate keys
 * refused), then checked and prepared (import_prepare, which seals
 * identities and WBS texts to the unit's keys and hashes fresh access
 * codes), and a file that passes is written by import_run in a
 * transaction that is then rolled back, so every input meets the same
 * database: one unit "demo" made as `wadah init` makes it (keys,
 * categories) with the example's services and sections.
 *
 * Beyond memory safety: a refused file has at least one error, at most
 * IMPORT_MAX_ERRORS of them kept, each "path: message"; an accepted one
 * has none and no internal failure.
 */
#include "fuzz.h"
#include "app.h"
#include "custody.h"
#include "embed.h"
#include "forms.h"
#include "import.h"
#include "log.h"
#include "store.h"
#include "store_complaint.h"
#include "vault.h"
#include <unistd.h>

static char dir[64];
static struct app app;
static struct unit unit;

static enum store_status
setup_run (struct store_conn *c, void *cls)
{
  int64_t id;
  unsigned char *recovery = cls;
  enum store_status st = store_unit_insert (c, "demo", "Dinas Demo", 7 * 60,
                                            &id);
  if (STORE_OK == st)
    st = custody_unit_keys_create (c, id, recovery);
  static const char *const cats[][2] = {
    { "PELAYANAN", "Pelayanan" }, { "BIAYA", "Biaya" }, { "WAKTU", "Waktu" },
    { "PUNGLI", "Pungutan liar" }, { "LAINNYA", "Lainnya" } };
  for (size_t i = 0; STORE_OK == st && i < 5; i++)
    st = store_category_upsert (c, id, cats[i][0], cats[i][1]);
  static const char *const svc[][2] = {
    { "KTP-el", "KTP Elektronik" }, { "KK", "Kartu Keluarga" },
    { "AKTA-LAHIR", "Akta Kelahiran" } };
  for (size_t i = 0; STORE_OK == st && i < 3; i++)
    st = store_service_upsert (c, id, svc[i][0], svc[i][1]);
  static const char *const sec[][2] = {
    { "CAPIL", "Bidang Pencatatan Sipil" },
    { "PENDAFTARAN", "Bidang Pendaftaran Penduduk" } };
  for (size_t i = 0; STORE_OK == st && i < 2; i++)
    st = store_section_upsert (c, id, sec[i][0], sec[i][1]);
  return st;
}

static struct form *
load_form (const char *name)
{
  char err[256];
  const struct embed_file *f = embed_find (embed_forms, name);
  struct form *form = f ? form_load (f->data, f->len, err, sizeof err) : NULL;
  if (NULL == form)
  {
    fprintf (stderr, "fuzz_import: forms/%s\n", name);
    abort ();
  }
  return form;
}

static void
cleanup (void)
{
  char cmd[128];
  store_close (app.store);
  app_forms_free (&app);
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (0 != system (cmd))
    fprintf (stderr, "fuzz_import: could not remove %s\n", dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  char path[128];
  log_set_level ((enum log_level) (LOG_ERROR + 1));
  if (! vault_init ())
    abort ();
  snprintf (dir, sizeof dir, "/tmp/wadah-fuzz-import-XXXXXX");
  if (NULL == mkdtemp (dir))
    abort ();
  snprintf (path, sizeof path, "%s/wadah.db", dir);
  if (STORE_OK != store_open (path, true, &app.store))
    abort ();
  app.data_dir = dir;
  unsigned char *recovery = vault_secret_new (32);
  char text[VAULT_RECOVERY_TEXT];
  vault_recovery_new (recovery, text);
  if (STORE_OK != store_write_sync (app.store, &setup_run, recovery)
      || STORE_OK != store_unit_by_slug (app.store, "demo", &unit))
  {
    fprintf (stderr, "fuzz_import: cannot set up the unit\n");
    abort ();
  }
  vault_secret_free (recovery);
  app.survey = load_form ("skm.json");
  app.complaint = load_form ("pengaduan.json");
  app.wbs = load_form ("wbs.json");
  atexit (&cleanup);
  return 0;
}

struct undo {
  struct import *im;
  enum store_status st;
};

/* import_run, then roll everything back (STORE_NO_ROW). */
static enum store_status
run_and_undo (struct store_conn *c, void *cls)
{
  struct undo *u = cls;
  u->st = import_run (c, u->im);
  return STORE_NO_ROW;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  json_error_t e;
  json_t *root = json_loadb ((const char *) data, size,
                             JSON_REJECT_DUPLICATES, &e);
  if (NULL == root)
    return 0;
  struct import *im = import_new (&app, &unit, "0123abcd", "fuzz.json");
  FUZZ_CHECK (im != NULL, "out of memory");
  bool ok = import_prepare (im, root);
  const char *const *msgs;
  size_t total = 0;
  size_t n = import_errors (im, &msgs, &total);
  FUZZ_CHECK (n <= IMPORT_MAX_ERRORS && n <= total, "%zu of %zu errors", n,
              total);
  for (size_t i = 0; i < n; i++)
    FUZZ_CHECK (msgs[i] && strstr (msgs[i], ": "), "error %zu: %s", i,
                msgs[i] ? msgs[i] : "(null)");
  if (ok)
  {
    FUZZ_CHECK (0 == total && NULL == import_internal (im),
                "accepted with errors");
    struct undo u = { im, STORE_HARD_ERROR };
    store_write_sync (app.store, &run_and_undo, &u);
    FUZZ_CHECK (STORE_OK == u.st || STORE_NO_ROW == u.st,
                "import_run: %d (%s)", (int) u.st, import_internal (im)
                ? import_internal (im) : "no reason");
    if (STORE_NO_ROW == u.st)
      FUZZ_CHECK (import_errors (im, &msgs, NULL) > 0, "refused silently");
  }
  else
    FUZZ_CHECK (total > 0 || import_internal (im), "refused without a reason");
  import_free (im);
  json_decref (root);
  return 0;
}
