/* The XLSX renderer (render_xlsx.c): the fixture document written to a
   file and read back with tests/unit/xlsx_dump.py (run from the repository
   root), checking sheets, layout, numbers, formulas with their values,
   literal text, the Keterangan sheet, metadata and reproducible bytes. */
#include "buf.h"
#include "doc.h"
#include "fixture_doc.h"
#include "render.h"
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define XT_DUMP "python3 tests/unit/xlsx_dump.py"

/* Render D into OUT (caller frees); fails the test on error. */
static void
xt_render_buf (const struct rd_doc *d, struct buf *out)
{
  char err[256];
  bool ok = rd_render_xlsx (d, out, err, sizeof err);
  cr_assert (ok, "rd_render_xlsx: %s", err);
  cr_assert (out->len > 0 && ! out->oom);
}

/* Render D to a new temporary file whose name goes to PATH. */
static void
xt_render_file (const struct rd_doc *d, char path[64])
{
  struct buf b = { 0 };
  xt_render_buf (d, &b);
  snprintf (path, 64, "/tmp/wadah-test-xlsx-XXXXXX");
  int fd = mkstemp (path);
  cr_assert (fd >= 0, "mkstemp");
  cr_assert_eq (write (fd, b.p, b.len), (ssize_t) b.len);
  close (fd);
  buf_free (&b);
}

static void
xt_fixture_file (bool draft, char path[64])
{
  struct rd_doc d;
  fixture_doc (&d, draft);
  xt_render_file (&d, path);
  rd_doc_free (&d);
}

/* The output of the shell command CMD, after a "\n" so that every line
   can be found as "\nLINE\n"; its exit status in *STATUS. */
static char *
xt_run (const char *cmd, int *status)
{
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p, "popen %s", cmd);
  struct buf b = { 0 };
  buf_puts (&b, "\n");
  char chunk[4096];
  size_t n;
  while ((n = fread (chunk, 1, sizeof chunk, p)) > 0)
    buf_append (&b, chunk, n);
  int st = pclose (p);
  if (status)
    *status = WIFEXITED (st) ? WEXITSTATUS (st) : -1;
  return buf_steal (&b, NULL);
}

/* xlsx_dump.py PATH ARGS (ARGS already shell-quoted); must succeed. */
static char *
xt_dump (const char *path, const char *args)
{
  char cmd[512];
  int status;
  snprintf (cmd, sizeof cmd, XT_DUMP " '%s' %s", path, args);
  char *out = xt_run (cmd, &status);
  cr_assert_eq (status, 0, "%s failed:%s", cmd, out);
  return out;
}

static bool
xt_has_line (const char *out, const char *line)
{
  size_t n = strlen (line);
  for (const char *p = out; (p = strstr (p, line)); p++)
    if (p > out && p[-1] == '\n' && p[n] == '\n')
      return true;
  return false;
}

#define xt_assert_line(out, line) \
  cr_assert (xt_has_line ((out), (line)), "missing line \"%s\" in:%s", \
             (line), (out))

static size_t
xt_count_lines (const char *out)
{
  size_t n = 0;
  for (const char *p = out + 1; *p; p++)
    n += *p == '\n';
  return n;
}

Test (render_xlsx, sheets_title_and_headers)
{
  char path[64];
  xt_fixture_file (false, path);
  char *names = xt_dump (path, "");
  cr_assert_str_eq (names, "\nPer kanal\nregister\nKeterangan\n");
  char *s = xt_dump (path, "'Per kanal' --fmt");
  xt_assert_line (s, "A1\ts\tTabel 1. Pengaduan per kanal\t\tGeneral\tb");
  xt_assert_line (s, "A2\ts\tKanal\t\tGeneral\tbtw");
  xt_assert_line (s, "D2\ts\t% selesai\t\tGeneral\tbtw");
  xt_assert_line (s, "A3\ts\tSP4N_LAPOR\t\tGeneral\t-");
  /* The note two rows under the data (data ends in row 8). */
  xt_assert_line (s, "A10\ts\tPersentase dihitung dari nilai tak dibulatkan."
                     "\t\tGeneral\t-");
  char *l = xt_dump (path, "'Per kanal' --layout");
  xt_assert_line (l, "pane\tA3");
  char *r = xt_dump (path, "register --layout");
  xt_assert_line (r, "pane\tA3");
  /* Twelve widths within the limits; the long text column is widest. */
  cr_assert_eq (xt_count_lines (r), 13);
  double widest = 0;
  const char *p = r;
  for (int c = 1; c <= 12; c++)
  {
    char key[32];
    snprintf (key, sizeof key, "\ncol\t%d\t%d\t", c, c);
    p = strstr (r, key);
    cr_assert_not_null (p, "%s", key);
    double w = strtod (p + strlen (key), NULL);
    cr_assert (w >= 6 && w <= 61, "col %d width %g", c, w);
    if (w > widest)
      widest = w;
    if (12 == c)
      cr_assert_eq (w, widest);
  }
  free (names);
  free (s);
  free (l);
  free (r);
  unlink (path);
}

Test (render_xlsx, numbers_formulas_and_totals)
{
  char path[64];
  xt_fixture_file (false, path);
  char *s = xt_dump (path, "'Per kanal' --fmt");
  xt_assert_line (s, "B3\tn\t7\t\t#,##0\t-");
  xt_assert_line (s, "B7\tn\t1234\t\t#,##0\t-");
  xt_assert_line (s, "D4\tn\t90\tIF(B4=0,\"–\",ROUND(C4/B4*100,2))\t"
                     "#,##0.00\t-");
  /* A computed percentage is a formula with its cached value. */
  cr_assert (strstr (s, "\nD3\tn\t71.43"), "%s", s);
  /* The total row: formulas with values, bold, ruled above. */
  xt_assert_line (s, "A8\ts\tJumlah\t\tGeneral\tbt");
  xt_assert_line (s, "B8\tn\t1254\tSUM(B3:B7)\t#,##0\tbt");
  xt_assert_line (s, "C8\tn\t1015\tSUM(C3:C7)\t#,##0\tbt");
  xt_assert_line (s, "D8\tn\t80.94\t\t#,##0.00\tbt");
  /* A percentage with no value stays the printed text. */
  xt_assert_line (s, "D6\ts\t–\t\tGeneral\t-");
  free (s);
  unlink (path);
}

Test (render_xlsx, injection_stays_text)
{
  char path[64];
  xt_fixture_file (false, path);
  char *s = xt_dump (path, "'Per kanal'");
  xt_assert_line (s, "A6\ts\t=cmd|' /C calc'!A0\t");
  xt_assert_line (s, "A7\ts\t+KOTAK\t");
  free (s);
  unlink (path);
}

Test (render_xlsx, every_register_row)
{
  char path[64];
  xt_fixture_file (false, path);
  char *s = xt_dump (path, "register");
  /* Title cell, 12 headers, 120 rows of 12 cells: pdf_max_rows (100) is
     for the PDF only. */
  cr_assert_eq (xt_count_lines (s), 1 + 12 + 120 * 12);
  xt_assert_line (s, "A1\ts\tTabel 2. Register pengaduan\t");
  xt_assert_line (s, "L2\ts\tRingkasan tindak lanjut\t");
  xt_assert_line (s, "A3\tn\t1\t");
  xt_assert_line (s, "B3\ts\tADU-2026-000001\t");
  xt_assert_line (s, "A122\tn\t120\t");
  xt_assert_line (s, "B122\ts\tADU-2026-000120\t");
  xt_assert_line (s, "G122\ts\tBiaya/tarif <tidak resmi>\t");
  xt_assert_line (s, "K122\tn\t3\t");
  cr_assert_null (strstr (s, "\nA123\t"));
  free (s);
  unlink (path);
}

Test (render_xlsx, keterangan_sheet)
{
  char path[64];
  xt_fixture_file (false, path);
  char *s = xt_dump (path, "Keterangan");
  xt_assert_line (s, "A1\ts\tLAPORAN MONITORING DAN EVALUASI PENANGANAN "
                     "PENGADUAN MASYARAKAT\t");
  xt_assert_line (s, "A4\ts\tNomor: 400.14/123/401.201/2026\t");
  cr_assert (strstr (s, "\ts\tBukti dukung LKE Zona Integritas: "
                        "A.2.V.ii.a — Persentase penanganan pengaduan "
                        "masyarakat\t\n"), "%s", s);
  cr_assert (strstr (s, "\ts\tSHA-256 model (JSON kanonik)\t\n"));
  cr_assert (strstr (s, "\ts\t3f2a6c0e9b7d4e1a8c5b2f9e6d3a0c7b4e1f8a5d2c9b6e"
                        "3f0a7d4c1b8e5f2a9c\t\n"), "%s", s);
  cr_assert (strstr (s, "\ts\tPEMERINTAH KOTA MADIUN\t\n"));
  cr_assert (strstr (s, "\ts\tWebsite: dispendukcapil.madiunkota.go.id\t\n"));
  cr_assert_null (strstr (s, "\ts\tDRAF\t"));
  /* The kop lines come after the keterangan pairs. */
  cr_assert (strstr (s, "3f2a6c0e") < strstr (s, "PEMERINTAH KOTA"));
  free (s);
  unlink (path);

  xt_fixture_file (true, path);
  s = xt_dump (path, "Keterangan");
  cr_assert (strstr (s, "\ts\tDRAF\t\n"), "%s", s);
  free (s);
  unlink (path);
}

Test (render_xlsx, properties_and_zip)
{
  char path[64], cmd[256];
  xt_fixture_file (false, path);
  char *p = xt_dump (path, "--props");
  xt_assert_line (p, "title\tLAPORAN MONITORING DAN EVALUASI PENANGANAN "
                     "PENGADUAN MASYARAKAT");
  xt_assert_line (p, "creator\twadah");
  xt_assert_line (p, "created\t2026-07-10T00:00:00Z");
  xt_assert_line (p, "modified\t2026-07-10T00:00:00Z");
  /* Every ZIP entry carries the fixed date, none the wall clock. */
  char *z = xt_dump (path, "--zip");
  size_t n = 0;
  for (const char *q = z + 1; *q; q = strchr (q, '\n') + 1, n++)
  {
    const char *tab = strchr (q, '\t');
    cr_assert_not_null (tab);
    cr_assert_eq (0, strncmp (tab, "\t1980-01-01 00:00:00\n", 21), "%s", z);
  }
  cr_assert (n >= 8, "%s", z);
  int status;
  snprintf (cmd, sizeof cmd, "python3 -m zipfile -t '%s' 2>&1", path);
  char *t = xt_run (cmd, &status);
  cr_assert_eq (status, 0, "%s", t);
  cr_assert_not_null (strstr (t, "Done testing"), "%s", t);
  cr_assert_null (strstr (t, "corrupt"), "%s", t);
  free (p);
  free (z);
  free (t);
  unlink (path);
}

Test (render_xlsx, reproducible_bytes)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  struct buf a = { 0 }, b = { 0 }, c = { 0 };
  xt_render_buf (&d, &a);
  /* A second later, and in another time zone. */
  struct timespec ts = { 1, 100 * 1000 * 1000 };
  nanosleep (&ts, NULL);
  xt_render_buf (&d, &b);
  char *tz = getenv ("TZ") ? strdup (getenv ("TZ")) : NULL;
  setenv ("TZ", "America/Los_Angeles", 1);
  tzset ();
  xt_render_buf (&d, &c);
  if (tz)
    setenv ("TZ", tz, 1);
  else
    unsetenv ("TZ");
  tzset ();
  free (tz);
  cr_assert_eq (a.len, b.len);
  cr_assert_eq (0, memcmp (a.p, b.p, a.len), "bytes differ a second later");
  cr_assert_eq (a.len, c.len);
  cr_assert_eq (0, memcmp (a.p, c.p, a.len), "bytes differ with TZ");
  /* Appending: OUT keeps what it held. */
  struct buf e = { 0 };
  buf_puts (&e, "HEAD");
  xt_render_buf (&d, &e);
  cr_assert_eq (e.len, 4 + a.len);
  cr_assert_eq (0, memcmp (e.p + 4, a.p, a.len));
  buf_free (&a);
  buf_free (&b);
  buf_free (&c);
  buf_free (&e);
  rd_doc_free (&d);
}

/* A table of one column holding TEXT, with SHEET and KEY. */
static void
xt_named_table (struct rd_doc *d, const char *sheet, const char *key,
                bool no_csv)
{
  struct rd_table *t = rd_table_new (d, key, 1, 1);
  cr_assert_not_null (t);
  t->sheet = sheet;
  t->headers[0] = "H";
  rd_cell_text (d, t, 0, 0, "x");
  t->no_csv = no_csv;
  struct rd_block *b = rd_add (d, RD_TABLE);
  cr_assert_not_null (b);
  b->table = t;
}

Test (render_xlsx, sheet_names)
{
  struct rd_doc d;
  rd_doc_init (&d);
  d.year = 2026;
  d.month = 1;
  d.day = 2;
  rd_heading (&d, 1, "I. X");
  xt_named_table (&d, "Per kanal", "a", false);
  xt_named_table (&d, "per KANAL", "b", false);               /* case */
  xt_named_table (&d, "a/b:c*?[x]\\y", "c", false);
  xt_named_table (&d, "Rekapitulasi pengaduan per kanal dan bulan", "d",
                  false);                                     /* > 31 */
  xt_named_table (&d, "Rekapitulasi pengaduan per kanal dan tahun", "e",
                  false);                                     /* same 31 */
  xt_named_table (&d, "Keterangan", "f", false);              /* reserved */
  xt_named_table (&d, NULL, "by_unit", false);                /* the key */
  xt_named_table (&d, "layout", "g", true);                   /* no_csv */
  xt_named_table (&d, "'quoted'", "h", false);
  xt_named_table (&d, "", NULL, false);                       /* nothing */
  xt_named_table (&d, "Ringkasan \xe2\x80\x94 \xc3\xa9l\xc3\xa8ve "
                      "\xe2\x80\x94 persentase tindak", "i", false);
  char path[64];
  xt_render_file (&d, path);
  char *names = xt_dump (path, "");
  cr_assert_str_eq (names,
                    "\nPer kanal\n"
                    "per KANAL (2)\n"
                    "a-b-c---x--y\n"
                    "Rekapitulasi pengaduan per kana\n"
                    "Rekapitulasi pengaduan per (2)\n"
                    "Keterangan (2)\n"
                    "by_unit\n"
                    "quoted\n"
                    "Tabel 10\n"
                    "Ringkasan \xe2\x80\x94 \xc3\xa9l\xc3\xa8ve \xe2\x80\x94 "
                    "persentase\n"
                    "Keterangan\n");
  free (names);
  unlink (path);
  rd_doc_free (&d);
}

Test (render_xlsx, formats_and_odd_values)
{
  struct rd_doc d;
  rd_doc_init (&d);
  d.year = 2026;
  d.month = 12;
  d.day = 31;
  struct rd_table *t = rd_table_new (&d, "odd", 5, 2);
  cr_assert_not_null (t);
  t->title = "Tanpa nomor";                  /* no number, NULL headers */
  t->headers[0] = "A";
  rd_cell_num (&d, t, 0, 0, "3,1667", 3.16666666, 4, NULL);
  rd_cell_num (&d, t, 0, 1, "2,5", 2.5, 1, NULL);
  rd_cell_num (&d, t, 0, 2, "–", NAN, 2, "=B3/0");       /* no value */
  rd_cell_text (&d, t, 0, 3, "bad \xff utf-8 \x01 ctl");
  rd_cell_text (&d, t, 0, 4, "@SUM(1)");
  rd_cell_num (&d, t, 1, 0, "1.000.000", 1e6, 0, NULL);
  rd_cell_num (&d, t, 1, 1, "12,345", 12.345, 3, "=A3*1");
  rd_cell_text (&d, t, 1, 2, "");
  rd_cell_text (&d, t, 1, 3, "baris\nkedua");
  rd_cell_num (&d, t, 1, 4, "-0,5", -0.5, 2, NULL);
  struct rd_block *b = rd_add (&d, RD_TABLE);
  b->table = t;
  char path[64];
  xt_render_file (&d, path);
  char *s = xt_dump (path, "odd --fmt");
  xt_assert_line (s, "A1\ts\tTanpa nomor\t\tGeneral\tb");
  xt_assert_line (s, "A2\ts\tA\t\tGeneral\tbtw");
  cr_assert (strstr (s, "\nA3\tn\t3.166666"), "%s", s);
  cr_assert (strstr (s, "\t0.0000\t-\n"), "%s", s);
  cr_assert (strstr (s, "\nB3\tn\t2.5\t\t#,##0.0\t-\n"), "%s", s);
  xt_assert_line (s, "C3\ts\t–\t\tGeneral\t-");
  xt_assert_line (s, "D3\ts\tbad \xef\xbf\xbd utf-8 _x0001_ ctl\t\tGeneral\t-");
  xt_assert_line (s, "E3\ts\t@SUM(1)\t\tGeneral\t-");
  xt_assert_line (s, "A4\tn\t1000000\t\t#,##0\t-");
  xt_assert_line (s, "B4\tn\t12.345\tA3*1\t#,##0.000\t-");
  xt_assert_line (s, "D4\ts\tbaris\\nkedua\t\tGeneral\t-");
  xt_assert_line (s, "E4\tn\t-0.5\t\t#,##0.00\t-");
  free (s);
  char *p = xt_dump (path, "--props");
  xt_assert_line (p, "created\t2026-12-31T00:00:00Z");
  free (p);
  unlink (path);
  rd_doc_free (&d);
}

Test (render_xlsx, bad_date_fails)
{
  struct rd_doc d;
  rd_doc_init (&d);
  struct buf b = { 0 };
  char err[128];
  cr_assert_not (rd_render_xlsx (&d, &b, err, sizeof err));
  cr_assert_not_null (strstr (err, "date"), "%s", err);
  buf_free (&b);
  rd_doc_free (&d);
}

Test (render_xlsx, libreoffice_opens)
{
  int status;
  char *which = xt_run ("command -v soffice || command -v libreoffice",
                        &status);
  if (0 != status || strlen (which) < 2)
  {
    free (which);
    cr_skip_test ("libreoffice is not installed");
  }
  which[strcspn (which + 1, "\n") + 1] = '\0';
  char path[64], dir[64], cmd[512];
  xt_fixture_file (false, path);
  snprintf (dir, sizeof dir, "/tmp/wadah-test-lo-XXXXXX");
  cr_assert_not_null (mkdtemp (dir));
  snprintf (cmd, sizeof cmd, "cp '%s' '%s/f.xlsx' && cd '%s' && '%s' "
            "-env:UserInstallation=file://%s/profile --headless "
            "--convert-to csv f.xlsx >/dev/null 2>&1 && cat f.csv; "
            "rm -rf '%s'", path, dir, dir, which + 1, dir, dir);
  char *csv = xt_run (cmd, &status);
  /* The first sheet as LibreOffice computed it. */
  cr_assert (strstr (csv, "Jumlah,") && (strstr (csv, "1254")
                                          || strstr (csv, "1,254")
                                          || strstr (csv, "1.254")),
             "%s", csv);
  cr_assert (strstr (csv, "=cmd|' /C calc'!A0"), "%s", csv);
  free (csv);
  free (which);
  unlink (path);
}
