/*
 * wadah demo: fill a unit with the synthetic demo semester (demo.h) and
 * the document data a newcomer needs to see real reports: a kop, a place,
 * signatories, a monev meeting.  Used once by `make run` on a new data
 * directory.  The records enter through the importer, like an office's.
 */
#include "app.h"
#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "cli_import.h"
#include "demo.h"
#include "ikm.h"
#include "rstore.h"
#include "store_complaint.h"
#include "vault.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
  "usage: wadah demo --data DIR --unit SLUG [--seed N]\n"
  "\n"
  "Loads a synthetic, clearly marked demo data set into unit SLUG: the last\n"
  "complete semester and the current one up to yesterday (survey responses,\n"
  "complaints through every channel and stage, a few WBS reports,\n"
  "recommendations with their follow-up), plus a kop surat, a place,\n"
  "signatories and a monev meeting, so the Laporan page shows real\n"
  "documents.  For demonstrations only: never on a unit's real data.\n";

struct demo_job {
  int64_t unit_id;
  char from[11];
};

static enum store_status
demo_profile (struct store_conn *c, void *cls)
{
  struct demo_job *j = cls;
  int64_t at = (int64_t) time (NULL);
  enum store_status st = rs_profile_set (
    c, j->unit_id,
    "[\"PEMERINTAH KOTA CONTOH\",\"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\","
    "\"Jalan Contoh Raya No. 1, Kota Contoh 12345\","
    "\"Telepon (021) 555-0100 · Pos-el: disdukcapil@kotacontoh.go.id\"]",
    "Kota Contoh", "2024",
    "[{\"channel\":\"SP4N-LAPOR!\",\"address\":\"lapor.go.id\"},"
    "{\"channel\":\"WhatsApp\",\"address\":\"0812-0000-0000 (contoh)\"},"
    "{\"channel\":\"Kotak pengaduan\",\"address\":\"Ruang tunggu lantai 1\"}]",
    NULL, 0, false, at);
  static const struct rs_signatory g[] = {
    { .role = "kepala", .jabatan = "Kepala Dinas Kependudukan dan Pencatatan"
      " Sipil Kota Contoh", .name = "Drs. BUDI SANTOSO, M.Si. (contoh)",
      .pangkat = "Pembina Utama Muda, IV/c", .nip = "197303271993021002",
      .valid_from = "2020-01-01" },
    { .role = "penyusun", .jabatan = "Ketua Tim Pengelola Pengaduan",
      .name = "SITI AMINAH, S.Sos. (contoh)", .pangkat = "Penata, III/c",
      .nip = "198501012010012003", .valid_from = "2020-01-01" } };
  for (size_t i = 0; STORE_OK == st && i < 2; i++)
    st = rs_signatory_add (c, j->unit_id, &g[i], at, NULL);
  struct rs_activity a = { .participants = 14 };
  snprintf (a.kind, sizeof a.kind, "rapat_monev");
  snprintf (a.day, sizeof a.day, "%s", j->from);
  snprintf (a.title, sizeof a.title, "Rapat monitoring dan evaluasi"
            " penanganan pengaduan (data demo)");
  snprintf (a.place, sizeof a.place, "Ruang rapat Dinas");
  snprintf (a.evidence_ref, sizeof a.evidence_ref, "Undangan, daftar hadir"
            " dan notula (contoh)");
  if (STORE_OK == st)
    st = rs_activity_add (c, j->unit_id, &a, "demo", at, NULL);
  if (STORE_OK == st)
    st = audit_append (c, j->unit_id, "cli", "demo_profile", "", "");
  return st;
}

static char **
codes (struct coded *rows, size_t n)
{
  char **l = calloc (n + 1, sizeof *l);
  for (size_t i = 0; l && i < n; i++)
    l[i] = rows[i].code;
  return l;
}

int
cli_demo (int argc, char **argv)
{
  static const struct option lo[] = {
    { "data", required_argument, NULL, 'd' },
    { "unit", required_argument, NULL, 'u' },
    { "seed", required_argument, NULL, 's' },
    { "help", no_argument, NULL, 'h' },
    { 0 }
  };
  const char *data = NULL, *slug = NULL;
  uint64_t seed = 2026;
  int c;
  optind = 1;
  opterr = 1;
  while (-1 != (c = getopt_long (argc, argv, "h", lo, NULL)))
    switch (c)
    {
    case 'd': data = optarg; break;
    case 'u': slug = optarg; break;
    case 's': seed = strtoull (optarg, NULL, 10); break;
    case 'h': return fputs (usage, stdout), 0;
    default: return fputs (usage, stderr), 2;
    }
  if (! data || ! slug || optind != argc)
    return fputs (usage, stderr), 2;
  struct store *s = cli_open_store (data, false);
  if (NULL == s)
    return 1;
  struct unit u;
  struct coded *cats = NULL, *secs = NULL;
  struct service *svc = NULL;
  size_t nc = 0, ns = 0, nv = 0;
  if (STORE_OK != store_unit_by_slug (s, slug, &u))
  {
    store_close (s);
    return cli_fail ("no unit '%s'", slug);
  }
  if (STORE_OK != store_category_list (s, u.id, &cats, &nc)
      || STORE_OK != store_section_list (s, u.id, &secs, &ns)
      || STORE_OK != store_service_list (s, u.id, &svc, &nv) || ! nc || ! nv)
  {
    store_close (s);
    free (cats);
    free (secs);
    free (svc);
    return cli_fail ("unit '%s' needs complaint categories and service types"
                     " first", slug);
  }
  char **sl = calloc (nv + 1, sizeof *sl);
  for (size_t i = 0; sl && i < nv; i++)
    sl[i] = svc[i].code;
  char **cl = codes (cats, nc), **xl = codes (secs, ns);
  char today[11];
  int32_t day;
  ikm_local_date ((int64_t) time (NULL), u.utc_offset_min, today);
  cal_parse (today, &day);
  json_t *doc = demo_document (slug, day, u.utc_offset_min, seed,
                               (const char *const *) cl,
                               (const char *const *) xl,
                               (const char *const *) sl);
  int rc = 1;
  struct demo_job j = { u.id, "" };
  /* The meeting: early in the current semester. */
  snprintf (j.from, sizeof j.from, "%.5s%s", today,
            atoi (today + 5) <= 6 ? "01-20" : "07-20");
  store_close (s);
  s = NULL;
  if (doc)
  {
    char *text = json_dumps (doc, JSON_SORT_KEYS | JSON_COMPACT);
    char sha[65];
    vault_sha256_hex (text, strlen (text), sha);
    free (text);
    rc = cli_import_document (data, slug, doc, sha, "demo (data sintetis)",
                              "demo");
  }
  /* The document data only once the records are in. */
  if (0 == rc && (NULL == (s = cli_open_store (data, false))
                  || STORE_OK != store_write_sync (s, &demo_profile, &j)))
    rc = cli_fail ("%s", "cannot write the demo's document data");
  if (s)
    store_close (s);
  json_decref (doc);
  free (sl);
  free (cl);
  free (xl);
  free (cats);
  free (secs);
  free (svc);
  return rc;
}
