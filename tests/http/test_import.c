/*
 * wadah import (REPORTS.md §7.5) through the real binary: the example file
 * tests/data/import-example.json loads completely and is then visible
 * through the staff and public API (officer queue and complaint detail
 * with its history and sealed identity, the WBS team's view with its
 * sealed texts, the IKM with the population), no identity or WBS text is
 * left readable in the data directory or the command's output, the audit
 * log holds one entry with the file's SHA-256, and live numbering goes on
 * after the imported tracking numbers.  Bad files at every level (the
 * file, a record, an event; a code or tracking number the unit refuses)
 * change nothing and name the record and field.
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXAMPLE "tests/data/import-example.json"
#define ADMIN_PW "correct-horse-battery"
#define STAFF_PW "kata-sandi-petugas-2026"

static struct server srv;

static void
start (void)
{
  h_server_start (&srv);
}

static void
stop (void)
{
  h_server_stop (&srv, false);
}

TestSuite (import, .init = start, .fini = stop, .timeout = 180);

/* ---- helpers ---- */

/* Read PATH (at most CAP - 1 bytes) into OUT. */
static void
slurp (const char *path, char *out, size_t cap)
{
  size_t n = 0;
  FILE *f = fopen (path, "r");
  if (f)
  {
    n = fread (out, 1, cap - 1, f);
    fclose (f);
  }
  out[n] = '\0';
}

/* Run wadah ARGS with stdout into OUT and stderr into ERR (CAP bytes
   each); the exit status. */
static int
run (const char *const *args, char *out, char *err, size_t cap)
{
  char po[400], pe[400];
  snprintf (po, sizeof po, "%s/cli.out", srv.dir);
  snprintf (pe, sizeof pe, "%s/cli.err", srv.dir);
  pid_t pid = fork ();
  cr_assert_geq (pid, 0);
  if (pid == 0)
  {
    const char *argv[32];
    size_t n = 0;
    argv[n++] = h_bin ();
    for (; args[n - 1] && n < 31; n++)
      argv[n] = args[n - 1];
    argv[n] = NULL;
    int o = open (po, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open (pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2 (o, 1);
    dup2 (e, 2);
    execv (argv[0], (char **) argv);
    _exit (127);
  }
  int st;
  waitpid (pid, &st, 0);
  slurp (po, out, cap);
  slurp (pe, err, cap);
  return WIFEXITED (st) ? WEXITSTATUS (st) : -1;
}

/* wadah import of FILE into unit demo. */
static int
import (const char *file, char *out, char *err, size_t cap)
{
  const char *args[] = { "import", "--data", srv.data, "--unit", "demo",
                         file, NULL };
  return run (args, out, err, cap);
}

/* What the example needs besides the harness's services: its sections, a
   complaint officer with the identity key, a WBS team member with the WBS
   key. */
static void
prepare_unit (void)
{
  const char *sec[][2] = { { "CAPIL", "Bidang Pencatatan Sipil" },
                           { "PENDAFTARAN", "Bidang Pendaftaran Penduduk" } };
  for (size_t i = 0; i < 2; i++)
  {
    const char *args[] = { "unit", "section", "add", "--data", srv.data,
                           "--unit", "demo", "--code", sec[i][0], "--name",
                           sec[i][1], NULL };
    cr_assert_eq (h_cli (args, false), 0, "section add %s", sec[i][0]);
  }
  h_add_user (&srv, "petugas", "petugas_pengaduan", NULL, STAFF_PW);
  h_grant_by_recovery (&srv, "petugas", "identity");
  h_add_user (&srv, "tim", "pengelola_wbs", NULL, STAFF_PW);
  h_grant_by_recovery (&srv, "tim", "wbs");
}

/* One value of an SQL query on the data directory's database, as text
   into OUT ("" when none). */
static void
sql1 (const char *query, char *out, size_t cap)
{
  char cmd[2048];
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s/wadah.db' \"%s\"",
            srv.data, query);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p);
  size_t n = fread (out, 1, cap - 1, p);
  out[n] = '\0';
  pclose (p);
  out[strcspn (out, "\n")] = '\0';
}

static const char *const tables[] = {
  "complaints", "complaint_events", "complaint_sequences", "wbs_reports",
  "wbs_events", "wbs_messages", "wbs_forwards", "wbs_identity_requests",
  "survey_responses", "survey_history", "recommendations",
  "recommendation_events", "unit_populations", "unit_settings", "holidays",
  "audit_log", NULL
};

static void
count_rows (long counts[])
{
  for (size_t i = 0; tables[i]; i++)
  {
    counts[i] = h_count_rows (&srv, tables[i]);
    cr_assert_geq (counts[i], 0, "cannot count %s", tables[i]);
  }
}

static void
assert_unchanged (const long before[], const char *what)
{
  long after[32];
  count_rows (after);
  for (size_t i = 0; tables[i]; i++)
    cr_assert_eq (after[i], before[i], "%s: %s went from %ld to %ld rows",
                  what, tables[i], before[i], after[i]);
}

static json_t *
body_json (const struct resp *r)
{
  json_error_t e;
  json_t *j = json_loads (r->body, 0, &e);
  cr_assert_not_null (j, "not JSON (%s): %s", e.text, r->body);
  return j;
}

static const char *
jstr (const json_t *o, const char *k)
{
  return json_string_value (json_object_get (o, k));
}

/* The example, parsed, for a test to spoil. */
static json_t *
example (void)
{
  json_error_t e;
  json_t *j = json_load_file (EXAMPLE, JSON_REJECT_DUPLICATES, &e);
  cr_assert_not_null (j, "%s: %s", EXAMPLE, e.text);
  return j;
}

/* Write J (consumed) to NAME in the test's temp dir; OUT gets its path. */
static void
write_file (json_t *j, const char *name, char *out, size_t cap)
{
  snprintf (out, cap, "%s/%s", srv.dir, name);
  cr_assert_eq (json_dump_file (j, out, JSON_INDENT (1)), 0);
  json_decref (j);
}

static json_t *
at_path (json_t *root, const char *section, size_t i)
{
  json_t *a = json_object_get (root, section);
  cr_assert (json_is_array (a), "%s", section);
  return json_array_get (a, i);
}

/* Import SPOILT (consumed): exit 2, stderr names EXPECT, nothing
   changed. */
static void
assert_refused (json_t *spoilt, const char *expect)
{
  char file[400], out[8192], err[8192];
  long before[32];
  count_rows (before);
  write_file (spoilt, "bad.json", file, sizeof file);
  int rc = import (file, out, err, sizeof out);
  cr_assert_eq (rc, 2, "exit %d, expected 2; stderr: %s", rc, err);
  cr_assert_not_null (strstr (err, expect), "stderr does not name '%s':\n%s",
                      expect, err);
  cr_assert_not_null (strstr (err, "nothing was imported"), "%s", err);
  cr_assert_eq (out[0], '\0', "a refused import printed: %s", out);
  assert_unchanged (before, expect);
}

/* Does any file under DIR hold NEEDLE? */
static bool
dir_holds (const char *dir, const char *needle)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  bool found = false;
  if (NULL == d)
    return false;
  while (! found && NULL != (e = readdir (d)))
  {
    char path[1024];
    struct stat st;
    if (0 == strcmp (e->d_name, ".") || 0 == strcmp (e->d_name, ".."))
      continue;
    snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
    if (0 != stat (path, &st))
      continue;
    if (S_ISDIR (st.st_mode))
    {
      found = dir_holds (path, needle);
      continue;
    }
    FILE *f = fopen (path, "rb");
    if (NULL == f)
      continue;
    char *buf = malloc ((size_t) st.st_size + 1);
    size_t n = buf ? fread (buf, 1, (size_t) st.st_size, f) : 0;
    fclose (f);
    found = buf && NULL != memmem (buf, n, needle, strlen (needle));
    free (buf);
  }
  closedir (d);
  return found;
}

/* The identities and WBS texts of the example, as a live submission would
   store them (phones in E.164). */
static const char *const secrets[] = {
  "Ratna Widyaningsih", "3577014512850001", "+6281277774141",
  "ratna.w@example.org", "Kenanga Ungu", "Bambang Sutejo",
  "uang pelicin", "Ruang pelayanan lantai 2", "Dewi Lestari",
  "+6281322229090", "0813-2222-9090", "INSP-700/2026/17",
  "Diteruskan ke Inspektorat", "bingkisan dari rekanan", NULL
};

static void
import_example (char *out, char *err, size_t cap)
{
  int rc = import (EXAMPLE, out, err, cap);
  cr_assert_eq (rc, 0, "import exit %d: %s", rc, err);
}

/* ---- the example, loaded and seen ---- */

Test (import, example_loads_and_is_visible)
{
  char out[8192], err[8192], v[512];
  prepare_unit ();
  import_example (out, err, sizeof out);
  cr_assert_not_null (strstr (out, "complaints: 3 (events: 15)"), "%s", out);
  cr_assert_not_null (strstr (out, "wbs: 2 (events: 2, messages: 2,"
                              " identity requests: 1)"), "%s", out);
  cr_assert_not_null (strstr (out, "survey_responses: 3\n"), "%s", out);
  cr_assert_not_null (strstr (out, "survey_history: 2\n"), "%s", out);
  cr_assert_not_null (strstr (out, "recommendations: 2 (events: 3)"), "%s",
                      out);
  cr_assert_not_null (strstr (out, "populations: 2\n"), "%s", out);
  cr_assert_not_null (strstr (out, "settings: 3\n"), "%s", out);
  cr_assert_not_null (strstr (out, "holidays: 1\n"), "%s", out);

  /* The officers' queue, with the status each history ends in. */
  char jar[400], csrf[65];
  h_jar_path (&srv, "petugas", jar, sizeof jar);
  cr_assert_eq (h_login (&srv, "petugas", STAFF_PW, NULL, jar, csrf), 200);
  struct resp r = h_api (&srv, "GET", "/api/v1/u/demo/complaints", NULL,
                         jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  json_t *j = body_json (&r);
  json_t *list = json_object_get (j, "complaints");
  cr_assert_eq (json_array_size (list), 3, "%s", r.body);
  static const char *const want[][3] = {
    { "ADU-2026-000041", "SELESAI", "" },
    { "ADU-2026-000042", "DIDISPOSISI", "2026-04-13" },
    { "ADU-2026-000043", "BUKAN_WEWENANG", "" },
  };
  for (size_t k = 0; k < 3; k++)
  {
    bool seen = false;
    size_t i;
    json_t *c;
    json_array_foreach (list, i, c)
      if (0 == strcmp (jstr (c, "tracking_number"), want[k][0]))
      {
        seen = true;
        cr_assert_str_eq (jstr (c, "status"), want[k][1], "%s", want[k][0]);
        cr_assert_str_eq (jstr (c, "due_date"), want[k][2], "%s",
                          want[k][0]);
      }
    cr_assert (seen, "%s not in the queue: %s", want[k][0], r.body);
  }
  json_decref (j);
  h_resp_free (&r);

  /* One complaint in full: history, section, tags, verdict, publication,
     and the identity, which the officer's identity key opens. */
  r = h_api (&srv, "GET", "/api/v1/u/demo/complaints/ADU-2026-000041", NULL,
             jar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  j = body_json (&r);
  cr_assert_str_eq (jstr (j, "status"), "SELESAI");
  cr_assert_str_eq (jstr (j, "section"), "CAPIL");
  cr_assert_str_eq (jstr (j, "channel"), "WEBSITE");
  cr_assert_str_eq (jstr (j, "reporter_verdict"), "solved");
  cr_assert_str_eq (json_string_value (json_array_get (
                      json_object_get (j, "unsur"), 0)), "U4");
  cr_assert_not_null (strstr (jstr (j, "public_response"),
                              "Pungutan dihentikan"));
  /* The status history (tags and publications are the reports'). */
  cr_assert_eq (json_array_size (json_object_get (j, "events")), 5,
                "%s", r.body);
  cr_assert_str_eq (jstr (j, "identity"), "shown", "%s", r.body);
  json_t *rep = json_object_get (j, "reporter");
  cr_assert_str_eq (jstr (rep, "name"), "Ratna Widyaningsih");
  cr_assert_str_eq (jstr (rep, "phone"), "+6281277774141");
  json_decref (j);
  h_resp_free (&r);

  /* The history as the reports read it (kinds, sections, values). */
  sql1 ("SELECT group_concat(kind || ':' || coalesce(from_status, '-') ||"
        " '>' || to_status || ':' || coalesce(value, ''), ' ') FROM"
        " (SELECT e.* FROM complaint_events e JOIN complaints c ON c.id ="
        " e.complaint_id WHERE c.tracking = 'ADU-2026-000041' ORDER BY"
        " e.id)", v, sizeof v);
  cr_assert_str_eq (v, "STATUS:->DITERIMA: UNSUR:->:U4"
                    " STATUS:DITERIMA>DIVERIFIKASI:"
                    " STATUS:DIVERIFIKASI>DIDISPOSISI:"
                    " STATUS:DIDISPOSISI>DITINDAKLANJUTI:"
                    " VERDICT:DITINDAKLANJUTI>SELESAI:solved PUBLICATION:->:"
                    "Pungutan dihentikan, petugas ditegur dan biaya"
                    " dikembalikan kepada pelapor.");
  sql1 ("SELECT s.code FROM complaint_events e JOIN unit_sections s ON"
        " s.id = e.section_id WHERE e.to_status = 'DIDISPOSISI' ORDER BY"
        " e.id LIMIT 1", v, sizeof v);
  cr_assert_str_eq (v, "CAPIL");
  sql1 ("SELECT group_concat(source || '/' || received_date || '/' ||"
        " (entered_at = received_at), ' ') FROM complaints", v, sizeof v);
  cr_assert_str_eq (v, "import/2026-03-11/1 import/2026-04-02/1"
                    " import/2026-05-05/1");

  /* Live numbering continues after the imported numbers. */
  sql1 ("SELECT last FROM complaint_sequences WHERE year = 2026", v,
        sizeof v);
  cr_assert_str_eq (v, "43");

  /* The WBS team sees the report: status, sealed body, forwarding
     reference, messages, the decided identity request. */
  char wjar[400];
  h_jar_path (&srv, "tim", wjar, sizeof wjar);
  cr_assert_eq (h_login (&srv, "tim", STAFF_PW, NULL, wjar, NULL), 200);
  r = h_api (&srv, "GET", "/api/v1/u/demo/wbs", NULL, wjar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  j = body_json (&r);
  json_t *reports = json_object_get (j, "reports");
  cr_assert_eq (json_array_size (reports), 2, "%s", r.body);
  char lookup[32] = "";
  size_t i;
  json_t *w;
  json_array_foreach (reports, i, w)
    if (0 == strcmp (jstr (w, "status"), "DITERUSKAN_APIP"))
      snprintf (lookup, sizeof lookup, "%s", jstr (w, "id"));
    else
      cr_assert_str_eq (jstr (w, "status"), "DITERIMA");
  cr_assert (lookup[0], "no forwarded report: %s", r.body);
  json_decref (j);
  h_resp_free (&r);
  char path[160];
  snprintf (path, sizeof path, "/api/v1/u/demo/wbs/%s", lookup);
  r = h_api (&srv, "GET", path, NULL, wjar, NULL);
  cr_assert_eq (r.status, 200, "%s", r.body);
  j = body_json (&r);
  json_t *body = json_object_get (j, "report");
  cr_assert_str_eq (jstr (body, "category"), "PUNGLI", "%s", r.body);
  cr_assert_str_eq (jstr (body, "reported_name"), "Bambang Sutejo");
  cr_assert_not_null (strstr (jstr (body, "what"), "uang pelicin"));
  cr_assert (json_is_true (json_object_get (j, "has_identity")));
  cr_assert_str_eq (jstr (json_array_get (json_object_get (j, "forwards"), 0),
                          "reference"), "INSP-700/2026/17");
  cr_assert_eq (json_array_size (json_object_get (j, "messages")), 2);
  cr_assert_str_eq (jstr (json_array_get (json_object_get (j, "messages"), 0),
                          "text"), "(diimpor)");
  json_t *rq = json_array_get (json_object_get (j, "identity_requests"), 0);
  cr_assert_str_eq (jstr (rq, "status"), "DISETUJUI");
  /* An imported approval is nobody's: the identity stays hidden. */
  cr_assert_str_eq (jstr (j, "identity"), "hidden", "%s", r.body);
  json_decref (j);
  h_resp_free (&r);

  /* The survey counts in the public IKM, with the population. */
  r = h_http (&srv, "GET", "/api/v1/u/demo/ikm?period=2026-S1", NULL, NULL,
              0);
  cr_assert_eq (r.status, 200, "%s", r.body);
  j = body_json (&r);
  cr_assert_eq (json_integer_value (json_object_get (j, "respondents")), 3,
                "%s", r.body);
  cr_assert_eq (json_integer_value (json_object_get (
                  json_object_get (j, "min_sample"), "population")), 120,
                "%s", r.body);
  json_decref (j);
  h_resp_free (&r);
  sql1 ("SELECT group_concat(coalesce(education, '-') || '/' ||"
        " coalesce(channel, '-') || '/' || source || '/' || local_date, ' ')"
        " FROM survey_responses", v, sizeof v);
  cr_assert_str_eq (v, "D4_S1/kertas/import/2026-02-17"
                    " SMA/-/import/2026-03-02 -/-/import/2026-05-20");

  /* History, tracker, populations, settings, holidays. */
  sql1 ("SELECT respondents || '/' || ikm25 || '/' || nrr || '/' || source"
        " FROM survey_history WHERE period = '2025-S2'", v, sizeof v);
  cr_assert_str_eq (v, "212/81.06/{\"U1\":3.21,\"U2\":3.18,\"U3\":2.95,"
                    "\"U4\":3.9,\"U5\":3.2,\"U6\":3.3,\"U7\":3.4,\"U8\":2.99,"
                    "\"U9\":3.05}/Laporan SKM Sem II 2025");
  sql1 ("SELECT group_concat(domain || '/' || source_doc || '/' ||"
        " coalesce(unsur, '-') || '/' || target_date, ' ') FROM"
        " recommendations", v, sizeof v);
  cr_assert_str_eq (v, "PENGADUAN/impor/-/2026-04-30 SKM/skm/U3/2026-06-30");
  sql1 ("SELECT group_concat(status || '@' || date(at, 'unixepoch',"
        " '+7 hours'), ' ') FROM recommendation_events", v, sizeof v);
  cr_assert_str_eq (v, "RENCANA@2026-01-20 SELESAI@2026-04-22"
                    " PROSES@2026-02-01");
  sql1 ("SELECT group_concat(period || '=' || population, ' ') FROM"
        " unit_populations", v, sizeof v);
  cr_assert_str_eq (v, "2026-Q1=60 2026-S1=120");
  sql1 ("SELECT value FROM unit_settings WHERE key = 'hk_wbs_review'", v,
        sizeof v);
  cr_assert_str_eq (v, "10");
  sql1 ("SELECT kind || '/' || name FROM holidays WHERE day ="
        " '2026-08-24' AND unit_id <> 0", v, sizeof v);
  cr_assert_str_eq (v, "libur_daerah/Hari Jadi Kota (contoh)");
}

Test (import, identities_and_texts_are_sealed)
{
  char out[8192], err[8192];
  prepare_unit ();
  import_example (out, err, sizeof out);
  /* Written out of the WAL too, so both places are looked at. */
  h_server_stop (&srv, true);
  srv.pid = 0;
  /* The look works: a complaint's description is kept in clear, as a live
     one's is. */
  cr_assert (dir_holds (srv.data, "meminta biaya tambahan"));
  for (size_t i = 0; secrets[i]; i++)
  {
    cr_assert (! dir_holds (srv.data, secrets[i]),
               "'%s' is readable in the data directory", secrets[i]);
    cr_assert_null (strstr (out, secrets[i]), "printed: %s", secrets[i]);
    cr_assert_null (strstr (err, secrets[i]), "printed: %s", secrets[i]);
  }
  h_server_launch (&srv);
}

Test (import, audit_entry_with_sha256)
{
  char out[8192], err[8192], v[1024], sha[80] = "";
  prepare_unit ();
  import_example (out, err, sizeof out);
  FILE *p = popen ("sha256sum " EXAMPLE, "r");
  cr_assert_not_null (p);
  cr_assert_eq (fscanf (p, "%64s", sha), 1);
  pclose (p);
  cr_assert_not_null (strstr (out, sha), "%s", out);
  sql1 ("SELECT count(*) FROM audit_log WHERE action = 'import'", v,
        sizeof v);
  cr_assert_str_eq (v, "1");
  sql1 ("SELECT actor || '|' || object || '|' || detail FROM audit_log"
        " WHERE action = 'import'", v, sizeof v);
  char want[600];
  snprintf (want, sizeof want, "cli|import-example.json|sha256=%s"
            " complaints=3 complaint_events=15 wbs=2 survey_responses=3"
            " survey_history=2 recommendations=2 populations=2 settings=3"
            " holidays=1", sha);
  cr_assert_str_eq (v, want);
  /* The chain still verifies with the entry in it. */
  const char *args[] = { "audit", "verify", "--data", srv.data, NULL };
  cr_assert_eq (h_cli (args, false), 0);
}

/* ---- bad files change nothing ---- */

Test (import, bad_file_level)
{
  prepare_unit ();
  json_t *j = example ();
  json_object_set_new (j, "unit", json_string ("lain"));
  assert_refused (j, "unit: the file is for unit 'lain', not 'demo'");
  j = example ();
  json_object_set_new (j, "format", json_string ("wadah-import/2"));
  assert_refused (j, "format: expected \"wadah-import/1\"");
  j = example ();
  json_object_set_new (j, "complaint", json_array ());
  assert_refused (j, "complaint: unknown key");
  /* Not JSON, and a key given twice. */
  char file[400], out[4096], err[4096];
  snprintf (file, sizeof file, "%s/dup.json", srv.dir);
  FILE *f = fopen (file, "w");
  fputs ("{\"format\":\"wadah-import/1\",\"unit\":\"demo\",\"unit\":\"demo\"}",
         f);
  fclose (f);
  long before[32];
  count_rows (before);
  cr_assert_eq (import (file, out, err, sizeof out), 2, "%s", err);
  cr_assert_not_null (strstr (err, "duplicate object key"), "%s", err);
  assert_unchanged (before, "duplicate key");
}

Test (import, unknown_keys_at_every_level)
{
  prepare_unit ();
  json_t *j = example ();
  json_object_set_new (at_path (j, "complaints", 2), "warna",
                       json_string ("merah"));
  assert_refused (j, "complaints[2].warna: unknown key");
  j = example ();
  json_object_set_new (json_array_get (json_object_get (
                         at_path (j, "complaints", 0), "events"), 1),
                       "colour", json_true ());
  assert_refused (j, "complaints[0].events[1].colour: unknown key");
  j = example ();
  json_object_set_new (json_object_get (at_path (j, "complaints", 0),
                                        "reporter"), "hp", json_string ("1"));
  assert_refused (j, "complaints[0].reporter.hp: unknown key");
  j = example ();
  json_object_set_new (json_array_get (json_object_get (
                         at_path (j, "wbs", 0), "identity_requests"), 0),
                       "by", json_string ("x"));
  assert_refused (j, "wbs[0].identity_requests[0].by: unknown key");
  j = example ();
  json_object_set_new (json_object_get (at_path (j, "survey_responses", 0),
                                        "answers"), "U10", json_integer (3));
  assert_refused (j, "survey_responses[0].answers.U10: unknown key");
  j = example ();
  json_object_set_new (json_object_get (j, "settings"), "hk_lain",
                       json_integer (3));
  assert_refused (j, "settings.hk_lain: unknown setting");
}

Test (import, bad_status_chain)
{
  prepare_unit ();
  json_t *j = example ();
  json_t *ev = json_array_get (json_object_get (at_path (j, "complaints", 0),
                                                "events"), 1);
  json_object_set_new (ev, "from", json_string ("DITERIMA"));
  assert_refused (j, "complaints[0].events[1].from: expected DIVERIFIKASI,"
                  " found DITERIMA");
  /* A consistent chain that skips a step of the lifecycle. */
  j = example ();
  json_t *events = json_object_get (at_path (j, "complaints", 1), "events");
  json_array_remove (events, 0);
  json_object_set_new (json_array_get (events, 0), "from",
                       json_string ("DITERIMA"));
  assert_refused (j, "complaints[1].events[0].to: DITERIMA -> DIDISPOSISI"
                  " is not a step of the complaint lifecycle");
  j = example ();
  ev = json_array_get (json_object_get (at_path (j, "complaints", 0),
                                        "events"), 2);
  json_object_set_new (ev, "to", json_string ("DIPROSES"));
  assert_refused (j, "complaints[0].events[2].to: unknown status 'DIPROSES'");
  j = example ();
  ev = json_array_get (json_object_get (at_path (j, "complaints", 0),
                                        "events"), 3);
  json_object_set_new (ev, "verdict", json_string ("not_solved"));
  assert_refused (j, "complaints[0].events[3].verdict: 'not_solved' moves a"
                  " complaint to DITINDAKLANJUTI, not to SELESAI");
  j = example ();
  ev = json_array_get (json_object_get (at_path (j, "complaints", 0),
                                        "events"), 1);
  json_object_del (ev, "section");
  assert_refused (j, "complaints[0].events[1].section: required");
  j = example ();
  ev = json_array_get (json_object_get (at_path (j, "wbs", 0), "events"), 1);
  json_object_set_new (ev, "from", json_string ("DITERIMA"));
  assert_refused (j, "wbs[0].events[1].from: expected DITELAAH, found"
                  " DITERIMA");
}

Test (import, bad_dates)
{
  prepare_unit ();
  json_t *j = example ();
  json_object_set_new (at_path (j, "survey_responses", 0), "submitted_at",
                       json_string ("2026-02-30T10:00:00+07:00"));
  assert_refused (j, "survey_responses[0].submitted_at: not an RFC 3339"
                  " time");
  j = example ();
  json_object_set_new (at_path (j, "complaints", 2), "received_at",
                       json_string ("2026-05-05T15:20:00"));
  assert_refused (j, "complaints[2].received_at: not an RFC 3339 time");
  j = example ();
  json_object_set_new (json_array_get (json_object_get (
                         at_path (j, "complaints", 0), "events"), 0), "at",
                       json_string ("2026-03-11T10:00:00+07:00"));
  assert_refused (j, "complaints[0].events[0].at: before the complaint's"
                  " received_at");
  j = example ();
  json_object_set_new (at_path (j, "wbs", 1), "received_date",
                       json_string ("2026-13-01"));
  assert_refused (j, "wbs[1].received_date: not a date (YYYY-MM-DD)");
  j = example ();
  json_object_set_new (at_path (j, "holidays", 0), "date",
                       json_string ("24-08-2026"));
  assert_refused (j, "holidays[0].date: not a date");
}

Test (import, duplicate_tracking)
{
  char out[8192], err[8192];
  prepare_unit ();
  /* Twice in one file. */
  json_t *j = example ();
  json_object_set_new (at_path (j, "complaints", 2), "tracking",
                       json_string ("ADU-2026-000041"));
  assert_refused (j, "complaints[2].tracking: ADU-2026-000041 appears twice"
                  " in the file");
  /* Already in the unit: the second import of the example is refused
     whole, WBS and survey included. */
  import_example (out, err, sizeof out);
  j = example ();
  assert_refused (j, "complaints[0].tracking: ADU-2026-000041 already"
                  " exists in unit 'demo'");
  /* Malformed numbers, and a year that is not the receipt's. */
  j = example ();
  json_object_set_new (at_path (j, "complaints", 0), "tracking",
                       json_string ("ADU-26-41"));
  assert_refused (j, "complaints[0].tracking: not a tracking number");
  j = example ();
  json_object_set_new (at_path (j, "complaints", 0), "tracking",
                       json_string ("ADU-2025-000001"));
  assert_refused (j, "complaints[0].tracking: the year of ADU-2025-000001");
}

Test (import, codes_the_unit_does_not_have)
{
  /* Checked in the transaction, before anything is written; the sections
     are not added here. */
  json_t *j = example ();
  assert_refused (j, "complaints[0].events[1].section: unknown section code"
                  " 'CAPIL'");
  prepare_unit ();
  j = example ();
  json_object_set_new (at_path (j, "complaints", 1), "category",
                       json_string ("PARKIR"));
  assert_refused (j, "complaints[1].category: unknown category code"
                  " 'PARKIR'");
  j = example ();
  json_object_set_new (at_path (j, "survey_responses", 2), "service",
                       json_string ("PASPOR"));
  assert_refused (j, "survey_responses[2].service: unknown service code"
                  " 'PASPOR'");
}

Test (import, record_rules)
{
  prepare_unit ();
  /* The live complaint form's rules. */
  json_t *j = example ();
  json_object_set_new (at_path (j, "complaints", 0), "description",
                       json_string ("terlalu pendek"));
  assert_refused (j, "complaints[0].description: too short");
  j = example ();
  json_object_set_new (at_path (j, "complaints", 1), "reporter",
                       json_pack ("{s:s}", "name", "Seseorang"));
  assert_refused (j, "complaints[1].reporter: an anonim complaint carries"
                  " no identity");
  j = example ();
  json_object_del (at_path (j, "complaints", 1), "lapor_id");
  assert_refused (j, "complaints[1].lapor_id: required for channel"
                  " SP4N_LAPOR");
  j = example ();
  json_object_set_new (at_path (j, "complaints", 1), "channel",
                       json_string ("FAX"));
  assert_refused (j, "complaints[1].channel: unknown channel 'FAX'");
  j = example ();
  json_object_set_new (at_path (j, "complaints", 0), "unsur",
                       json_pack ("[s]", "U10"));
  assert_refused (j, "complaints[0].unsur[0]: not an unsur code");
  /* The survey's. */
  j = example ();
  json_object_del (json_object_get (at_path (j, "survey_responses", 1),
                                    "answers"), "U9");
  assert_refused (j, "survey_responses[1].answers.U9: required");
  /* WBS: a reference only on a forwarding; an identity that says none. */
  j = example ();
  json_object_set_new (json_array_get (json_object_get (
                         at_path (j, "wbs", 0), "events"), 0), "reference",
                       json_string ("X-1"));
  assert_refused (j, "wbs[0].events[0].reference: only on a forwarding");
  j = example ();
  json_object_set_new (at_path (j, "wbs", 0), "has_identity", json_false ());
  assert_refused (j, "wbs[0].has_identity: false, but the reporter gives");
  /* History and tracker. */
  j = example ();
  json_object_set_new (at_path (j, "survey_history", 1), "period",
                       json_string ("2025-S3"));
  assert_refused (j, "survey_history[1].period: not a period");
  j = example ();
  json_object_set_new (json_array_get (json_object_get (
                         at_path (j, "recommendations", 0), "events"), 1),
                       "status", json_string ("BATAL"));
  assert_refused (j, "recommendations[0].events[1].status: must be RENCANA");
  j = example ();
  json_object_set_new (at_path (j, "populations", 0), "population",
                       json_integer (0));
  assert_refused (j, "populations[0].population: must be from 1");
}

Test (import, settings_as_array_and_ref_anywhere)
{
  char file[400], out[8192], err[8192], v[256];
  prepare_unit ();
  json_t *j = json_pack ("{s:s, s:s, s:[{s:s, s:s, s:s}, {s:s, s:i}],"
                         " s:[{s:s, s:i, s:s}]}", "format", "wadah-import/1",
                         "unit", "demo", "settings", "key",
                         "wbs_identity_approval", "value", "custodian",
                         "ref", "SK 1", "key", "hk_autoclose", "value", 7,
                         "populations", "period", "2025", "population",
                         5000, "ref", "BPS");
  write_file (j, "settings.json", file, sizeof file);
  int rc = import (file, out, err, sizeof out);
  cr_assert_eq (rc, 0, "%s", err);
  cr_assert_not_null (strstr (out, "settings: 2\n"), "%s", out);
  cr_assert_not_null (strstr (out, "complaints: 0 (events: 0)"), "%s", out);
  sql1 ("SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM"
        " unit_settings ORDER BY key)", v, sizeof v);
  cr_assert_str_eq (v, "hk_autoclose=7 wbs_identity_approval=custodian");
  j = json_pack ("{s:s, s:s, s:[{s:s, s:s}]}", "format", "wadah-import/1",
                 "unit", "demo", "settings", "key", "rahasia_roles", "value",
                 "admin,juru_kunci");
  assert_refused (j, "settings[0].value: rahasia_roles: unknown role"
                  " 'juru_kunci'");
}

Test (import, command_line)
{
  char out[4096], err[4096];
  const char *help[] = { "import", "--help", NULL };
  cr_assert_eq (run (help, out, err, sizeof out), 0);
  cr_assert_not_null (strstr (out, "usage: wadah import"), "%s", out);
  const char *none[] = { "import", "--data", srv.data, "--unit", "demo",
                         NULL };
  cr_assert_eq (run (none, out, err, sizeof out), 2);
  const char *missing[] = { "import", "--data", srv.data, "--unit", "demo",
                            "/nonexistent/x.json", NULL };
  cr_assert_eq (run (missing, out, err, sizeof out), 2);
  const char *unit[] = { "import", "--data", srv.data, "--unit", "lain",
                         EXAMPLE, NULL };
  cr_assert_eq (run (unit, out, err, sizeof out), 2);
  cr_assert_not_null (strstr (err, "no unit 'lain'"), "%s", err);
}
