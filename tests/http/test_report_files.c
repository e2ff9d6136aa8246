/*
 * Every document in every format, from the outside (issue "Reports I"):
 * the same data and parameters give the same bytes twice; no output
 * carries a reporter's identity, a complaint or WBS text or a staff user
 * name (REPORTS.md §2.9) — checked by searching the PDF's text, the XLSX's
 * and the CSV ZIP's unpacked XML and CSV, the HTML and the JSON for what
 * the example import file submitted; the PDF embeds its fonts and carries
 * the kop surat, the LKE lines and "Halaman X dari Y".
 */
#include "harness.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static struct server srv;

static void
setup (void)
{
  h_server_start (&srv);
}

static void
teardown (void)
{
  h_server_stop (&srv, false);
}

TestSuite (report_files, .init = setup, .fini = teardown, .timeout = 600);

/* Everything the import file says that no document may print. */
static const char *const secrets[] = {
  "Ratna", "Widyaningsih", "3577014512850001", "0812-7777-4141",
  "ratna.w@example.org", "Kenanga", "Petugas loket meminta biaya",
  "Mohon loket perekaman", "Akta kelahiran anak saya", "Dewi Lestari",
  "0813-2222-9090", "Bambang Sutejo", "uang pelicin", "bingkisan dari rekanan",
  "rfzi_ketua", NULL
};

/* The whole text of FILE as a document's reader sees it: pdftotext for a
   PDF, every entry of a ZIP (XLSX, CSV ZIP) unpacked, else the bytes. */
static char *
text_of (const char *file, const char *format)
{
  char cmd[1024];
  if (0 == strcmp (format, "pdf"))
    snprintf (cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", file);
  else
    snprintf (cmd, sizeof cmd, "python3 -c \"import sys,zipfile\n"
              "p=sys.argv[1]\n"
              "if zipfile.is_zipfile(p):\n"
              "  z=zipfile.ZipFile(p)\n"
              "  [sys.stdout.buffer.write(z.read(n)) for n in z.namelist()]\n"
              "else:\n"
              "  sys.stdout.buffer.write(open(p,'rb').read())\" '%s'", file);
  FILE *f = popen (cmd, "r");
  cr_assert_not_null (f);
  size_t cap = 1 << 20, n = 0;
  char *b = malloc (cap);
  size_t got;
  while ((got = fread (b + n, 1, cap - n - 1, f)) > 0)
  {
    n += got;
    if (cap - n < 4096)
      b = realloc (b, cap *= 2);
  }
  b[n] = '\0';
  pclose (f);
  return b;
}

static bool
same_file (const char *a, const char *b)
{
  char cmd[700];
  snprintf (cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
  return 0 == system (cmd);
}

static int
make_doc (const char *doc, const char *variant, const char *format,
          const char *out, const char *recovery_file)
{
  const char *args[24] = { "report", doc, "--data", srv.data, "--unit",
                           "demo", "--period", "2026-S1", "--date",
                           "2026-07-10", "--format", format, "--out", out };
  size_t n = 14;
  if (variant)
  {
    args[n++] = "--variant";
    args[n++] = variant;
  }
  if (recovery_file)
  {
    args[n++] = "--recovery-key-file";
    args[n++] = recovery_file;
  }
  args[n] = NULL;
  return h_cli (args, true);
}

Test (report_files, every_document_every_format_private_and_reproducible)
{
  /* The unit: sections the example uses, a signatory, a kop, then the
     example's records through the importer. */
  static const char *const sec[][2] = {
    { "CAPIL", "Bidang Pencatatan Sipil" },
    { "PENDAFTARAN", "Bidang Pendaftaran Penduduk" } };
  for (size_t i = 0; i < 2; i++)
  {
    const char *args[] = { "unit", "section", "add", "--data", srv.data,
                           "--unit", "demo", "--code", sec[i][0], "--name",
                           sec[i][1], NULL };
    cr_assert_eq (h_cli (args, false), 0);
  }
  const char *imp[] = { "import", "--data", srv.data, "--unit", "demo",
                        "tests/data/import-example.json", NULL };
  cr_assert_eq (h_cli (imp, true), 0, "the example imports");
  /* A staff user who writes a narrative: his name must not be printed. */
  char file[400];
  snprintf (file, sizeof file, "%s/temuan.txt", srv.dir);
  FILE *f = fopen (file, "w");
  fputs ("Tahap verifikasi di kanal kotak pengaduan sering terlambat.\n", f);
  fclose (f);
  const char *nar[] = { "report", "narrative", "--data", srv.data, "--unit",
                        "demo", "pengaduan-monev", "--period", "2026-S1",
                        "--slot", "temuan", "--text-file", file, "--user",
                        "rfzi_ketua", NULL };
  cr_assert_eq (h_cli (nar, true), 0, "a narrative slot is stored");
  /* The unit's document data from the command line. */
  snprintf (file, sizeof file, "%s/unitdoc.json", srv.dir);
  f = fopen (file, "w");
  fputs ("{\"kop\": [\"PEMERINTAH KOTA MADIUN\", \"DINAS KEPENDUDUKAN DAN"
         " PENCATATAN SIPIL\", \"Jalan Dr. Sutomo No. 83 Madiun\"],"
         " \"place\": \"Madiun\", \"signatories_add\": [{\"role\":"
         " \"kepala\", \"jabatan\": \"Kepala Dinas Kependudukan dan"
         " Pencatatan Sipil Kota Madiun\", \"name\": \"Drs. KEPALA UJI\","
         " \"pangkat\": \"Pembina Utama Muda, IV/c\", \"nip\":"
         " \"197303271993021002\", \"valid_from\": \"2024-01-01\"}]}", f);
  fclose (f);
  const char *set[] = { "report", "settings", "--data", srv.data, "--unit",
                        "demo", "--text-file", file, NULL };
  cr_assert_eq (h_cli (set, true), 0, "document data from the command line");
  const char *url[] = { "unit", "setting", "--data", srv.data, "--unit",
                        "demo", "--key", "public_url", "--value",
                        "https://layanan.contoh.go.id/", NULL };
  cr_assert_eq (h_cli (url, true), 0);
  char rk[400];
  snprintf (rk, sizeof rk, "%s/recovery.txt", srv.dir);
  f = fopen (rk, "w");
  fputs (srv.recovery, f);
  fputs ("\n", f);
  fclose (f);

  static const struct { const char *doc, *variant; } docs[] = {
    { "pengaduan-monev", NULL }, { "pengaduan-rekap-lapor", NULL },
    { "pengaduan-register", NULL }, { "pengaduan-tindak-lanjut", NULL },
    { "tl-rekomendasi", NULL }, { "wbs-monev", "publik" },
    { "wbs-monev", "terbatas" } };
  static const char *const formats[] = { "json", "html", "pdf", "xlsx",
                                         "csv" };
  for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++)
    for (size_t k = 0; k < 5; k++)
    {
      char a[500], b[500];
      snprintf (a, sizeof a, "%s/%s-%s-a.%s", srv.dir, docs[d].doc,
                docs[d].variant ? docs[d].variant : "", formats[k]);
      snprintf (b, sizeof b, "%s/%s-%s-b.%s", srv.dir, docs[d].doc,
                docs[d].variant ? docs[d].variant : "", formats[k]);
      const char *key = docs[d].variant ? rk : NULL;
      cr_assert_eq (make_doc (docs[d].doc, docs[d].variant, formats[k], a,
                              key), 0, "%s %s", docs[d].doc, formats[k]);
      sleep (formats[k][0] == 'p' ? 1 : 0);   /* a second apart: no clock */
      cr_assert_eq (make_doc (docs[d].doc, docs[d].variant, formats[k], b,
                              key), 0);
      cr_assert (same_file (a, b), "%s %s %s: two runs differ", docs[d].doc,
                 docs[d].variant ? docs[d].variant : "", formats[k]);
      char *t = text_of (a, formats[k]);
      cr_assert_gt (strlen (t), 100, "%s %s is empty", docs[d].doc,
                    formats[k]);
      for (size_t s = 0; secrets[s]; s++)
        cr_assert_null (strstr (t, secrets[s]), "%s %s %s prints '%s'",
                        docs[d].doc, docs[d].variant ? docs[d].variant : "",
                        formats[k], secrets[s]);
      if (0 == strcmp (formats[k], "xlsx"))
      {
        /* Every formula, recomputed from its cells, gives the value
           stored beside it (offices' spreadsheets show that value). */
        char cmd[700];
        snprintf (cmd, sizeof cmd, "python3 tests/unit/xlsx_formulas.py"
                  " '%s' >&2", a);
        cr_assert_eq (system (cmd), 0, "%s %s: formulas and values differ",
                      docs[d].doc, docs[d].variant ? docs[d].variant : "");
      }
      if (0 == strcmp (formats[k], "pdf"))
      {
        cr_assert_not_null (strstr (t, "Halaman 1 dari"), "%s: page numbers",
                            docs[d].doc);
        cr_assert_not_null (strstr (t, "Bukti dukung LKE Zona Integritas"),
                            "%s: evidence lines", docs[d].doc);
        cr_assert_not_null (strstr (t, "KETERANGAN KEASLIAN DOKUMEN"),
                            "%s: keterangan", docs[d].doc);
        cr_assert_not_null (strstr (t, "PEMERINTAH KOTA MADIUN"),
                            "%s: the kop surat", docs[d].doc);
        cr_assert_not_null (strstr (t, "Madiun, 10 Juli 2026"),
                            "%s: place and date of the signature",
                            docs[d].doc);
        char cmd[600];
        snprintf (cmd, sizeof cmd, "pdffonts '%s' | tail -n +3 | awk '{print"
                  " $(NF-4)}' | grep -qv yes", a);
        cr_assert_neq (system (cmd), 0, "%s: a font is not embedded",
                       docs[d].doc);
      }
      if ((0 == strcmp (docs[d].doc, "pengaduan-tindak-lanjut")
           || 0 == strcmp (docs[d].doc, "wbs-monev"))
          && 0 == strcmp (formats[k], "pdf"))
      {
        /* The QR code decodes to the public page (zbarimg reads it from
           the rendered pages). */
        char cmd[1200], got[4096] = "";
        snprintf (cmd, sizeof cmd, "cd '%s' && rm -f qr-*.png && pdftoppm"
                  " -r 150 -png '%s' qr && for f in qr-*.png; do zbarimg -q"
                  " --raw \"$f\" 2>/dev/null; done", srv.dir, a);
        FILE *z = popen (cmd, "r");
        size_t zn = fread (got, 1, sizeof got - 1, z);
        got[zn] = '\0';
        pclose (z);
        cr_assert_not_null (strstr (got, 0 == strcmp (docs[d].doc,
                                                      "wbs-monev")
                                    ? "https://layanan.contoh.go.id/u/demo/wbs"
                                    : "https://layanan.contoh.go.id/u/demo/"
                                      "tindak-lanjut"),
                            "%s: QR decodes to '%s'", docs[d].doc, got);
      }
      if (0 == strcmp (docs[d].doc, "pengaduan-tindak-lanjut")
          && 0 == strcmp (formats[k], "json"))
        cr_assert_not_null (strstr (t, "Pungutan dihentikan"),
                            "the approved publication is printed");
      free (t);
    }
  /* The WBS document is refused without the key, and says why. */
  char out[500];
  snprintf (out, sizeof out, "%s/x.json", srv.dir);
  cr_assert_eq (make_doc ("wbs-monev", NULL, "json", out, NULL), 2);
}

Test (report_files, bad_parameters_name_the_parameter)
{
  char out[400], err[2048];
  snprintf (out, sizeof out, "%s/x.json", srv.dir);
  static const struct { const char *k, *v, *field; } bad[] = {
    { "--period", "2026-S3", "--period" }, { "--period", "26-S1", "--period" },
    { "--cutoff", "2026-06-29", "--cutoff" },
    { "--cutoff", "2026-02-30", "--cutoff" },
    { "--date", "2025-12-31", "--date" }, { "--date", "10-07-2026", "--date" },
    { "--format", "docx", "--format" }, { "--variant", "publik", "--variant" } };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
  {
    const char *args[] = { "report", "pengaduan-monev", "--data", srv.data,
                           "--unit", "demo", "--period", "2026-S1",
                           "--format", "json", "--out", out, bad[i].k,
                           bad[i].v, NULL };
    char cmd[1500];
    snprintf (cmd, sizeof cmd, "'%s' report pengaduan-monev --data '%s'"
              " --unit demo --period 2026-S1 --format json --out '%s' %s %s"
              " 2>&1 >/dev/null", h_bin (), srv.data, out, bad[i].k,
              bad[i].v);
    (void) args;
    FILE *p = popen (cmd, "r");
    size_t n = fread (err, 1, sizeof err - 1, p);
    err[n] = '\0';
    int rc = pclose (p);
    cr_assert_eq (WEXITSTATUS (rc), 2, "%s %s: exit %d", bad[i].k, bad[i].v,
                  WEXITSTATUS (rc));
    cr_assert_not_null (strstr (err, bad[i].field), "%s %s: '%s'", bad[i].k,
                        bad[i].v, err);
  }
  /* --final without the required narratives is refused, naming them. */
  snprintf (err, sizeof err, "'%s' report pengaduan-monev --data '%s' --unit"
            " demo --period 2026-S1 --date 2026-07-10 --format pdf --out"
            " '%s' --final 2>&1", h_bin (), srv.data, out);
  FILE *p = popen (err, "r");
  char msg[1024];
  size_t n = fread (msg, 1, sizeof msg - 1, p);
  msg[n] = '\0';
  cr_assert_eq (WEXITSTATUS (pclose (p)), 2);
  cr_assert_not_null (strstr (msg, "temuan"), "%s", msg);
  cr_assert_not_null (strstr (msg, "rekomendasi"), "%s", msg);
}

/* The example's two recommendations of 2025-S2, classified at three
   cut-offs by hand (REPORTS.md §2.6, §3.9):
   - PENGADUAN: target 30 April, SELESAI on 22 April (93 days after the
     source date 19 January);
   - SKM: target 30 June, PROSES since 1 February. */
/* The example import file, with the sections it names. */
static void
import_example (void)
{
  static const char *const sec[] = { "CAPIL", "PENDAFTARAN" };
  for (size_t i = 0; i < 2; i++)
  {
    const char *args[] = { "unit", "section", "add", "--data", srv.data,
                           "--unit", "demo", "--code", sec[i], "--name",
                           sec[i], NULL };
    cr_assert_eq (h_cli (args, false), 0);
  }
  const char *imp[] = { "import", "--data", srv.data, "--unit", "demo",
                        "tests/data/import-example.json", NULL };
  cr_assert_eq (h_cli (imp, false), 0);
}

static json_t *
d4_json (const char *period)
{
  char out[500];
  snprintf (out, sizeof out, "%s/d4-%s.json", srv.dir, period);
  const char *args[] = { "report", "tl-rekomendasi", "--data", srv.data,
                         "--unit", "demo", "--period", period, "--format",
                         "json", "--out", out, NULL };
  cr_assert_eq (h_cli (args, true), 0);
  json_error_t e;
  json_t *j = json_load_file (out, 0, &e);
  cr_assert_not_null (j, "%s", e.text);
  return j;
}

static long long
sum_of (const json_t *m, const char *k)
{
  return json_integer_value (json_object_get (json_object_get (m, "summary"),
                                              k));
}

Test (report_files, recommendations_classified_at_the_cut_off)
{
  import_example ();

  json_t *m = d4_json ("2026-S1");
  cr_assert_eq (sum_of (m, "jumlah"), 2);
  cr_assert_eq (sum_of (m, "selesai_tepat"), 1);
  cr_assert_eq (sum_of (m, "lewat_target"), 1);
  cr_assert_eq (sum_of (m, "belum_jatuh_tempo"), 0);
  cr_assert_float_eq (json_number_value (json_object_get (
                        json_object_get (m, "summary"), "pct_selesai")),
                      50.0, 1e-9);
  const json_t *it = json_array_get (json_object_get (m, "items"), 0);
  cr_assert_str_eq (json_string_value (json_object_get (it, "kategori")),
                    "selesai_tepat");
  cr_assert_eq (json_integer_value (json_object_get (it, "lama_hari")), 93);
  cr_assert_str_eq (json_string_value (json_object_get (it, "bukti")),
                    "SK Kadis 800/123/2026");
  json_decref (m);

  /* At the end of March neither is due, and the first is not done yet. */
  m = d4_json ("2026-Q1");
  cr_assert_eq (sum_of (m, "jumlah"), 2);
  cr_assert_eq (sum_of (m, "belum_jatuh_tempo"), 2);
  cr_assert_float_eq (json_number_value (json_object_get (
                        json_object_get (m, "summary"), "pct_selesai")),
                      0.0, 1e-9);
  json_decref (m);

  /* In the second semester the first was closed before the period began:
     only the SKM item remains, overdue. */
  m = d4_json ("2026-S2");
  cr_assert_eq (sum_of (m, "jumlah"), 1);
  cr_assert_eq (sum_of (m, "lewat_target"), 1);
  json_decref (m);
}

/* D1 §II.C: the channels in use over the year up to the cut-off, from
   complaints received before, in and after the period (the period's own
   come from its cohort, the rest from the store). */
Test (report_files, channels_in_use_over_the_year_to_the_cut_off)
{
  import_example ();
  /* TELEPON in the year before the period, EMAIL more than a year before
     the cut-off, WHATSAPP after the period but by the cut-off. */
  char path[400];
  snprintf (path, sizeof path, "%s/channels.json", srv.dir);
  FILE *f = fopen (path, "w");
  cr_assert_not_null (f);
  static const char *const c[][3] = {
    { "ADU-2025-000901", "2025-09-01T09:00:00+07:00", "TELEPON" },
    { "ADU-2025-000902", "2025-06-01T09:00:00+07:00", "EMAIL" },
    { "ADU-2026-000903", "2026-07-06T09:00:00+07:00", "WHATSAPP" },
  };
  fputs ("{\"format\": \"wadah-import/1\", \"unit\": \"demo\","
         " \"complaints\": [", f);
  for (size_t i = 0; i < 3; i++)
    fprintf (f, "%s{\"tracking\": \"%s\", \"received_at\": \"%s\","
             " \"channel\": \"%s\", \"lapor_id\": null, \"class\":"
             " \"PENGADUAN\", \"category\": \"BIAYA\", \"privacy\": \"biasa\","
             " \"description\": \"Uji kanal pengaduan sepanjang tahun.\","
             " \"unsur\": [], \"events\": []}",
             i ? ", " : "", c[i][0], c[i][1], c[i][2]);
  fputs ("]}", f);
  fclose (f);
  const char *imp2[] = { "import", "--data", srv.data, "--unit", "demo",
                         path, NULL };
  cr_assert_eq (h_cli (imp2, false), 0);

  char out[500];
  snprintf (out, sizeof out, "%s/d1.json", srv.dir);
  const char *args[] = { "report", "pengaduan-monev", "--data", srv.data,
                         "--unit", "demo", "--period", "2026-S1", "--cutoff",
                         "2026-07-10", "--format", "json", "--out", out,
                         NULL };
  cr_assert_eq (h_cli (args, true), 0);
  json_error_t e;
  json_t *m = json_load_file (out, 0, &e);
  cr_assert_not_null (m, "%s", e.text);
  const json_t *ch = json_object_get (m, "channels");
  char *got = json_dumps (json_object_get (ch, "aktif"), JSON_COMPACT);
  cr_assert_str_eq (got, "[\"SP4N_LAPOR\",\"WEBSITE\",\"WHATSAPP\","
                         "\"KOTAK\",\"TELEPON\"]");
  free (got);
  cr_assert (json_is_true (json_object_get (ch, "lapor_terintegrasi")));
  cr_assert_str_eq (json_string_value (json_object_get (ch, "dari")),
                    "2025-07-11");
  json_decref (m);
}
