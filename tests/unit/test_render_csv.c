/* The CSV renderer (reports/render_csv.c): exact bytes of a one-table
   document (BOM, CRLF, RFC 4180 quoting, formula-injection guard, plain
   numeric values, "–" as empty) with ',' and ';', the fixture's several
   tables as a ZIP that Python's zipfile accepts, stable bytes, and the
   names of the files in the ZIP. */
#include "chart_svg.h"
#include "fixture_doc.h"
#include "render.h"
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct rd_table *
tc_table (struct rd_doc *d, const char *key, size_t cols, size_t rows)
{
  struct rd_table *t = rd_table_new (d, key, cols, rows);
  cr_assert_not_null (t);
  struct rd_block *b = rd_add (d, RD_TABLE);
  cr_assert_not_null (b);
  b->table = t;
  return t;
}

/* One table exercising every rule. */
static void
tc_small_doc (struct rd_doc *d)
{
  rd_doc_init (d);
  d->year = 2026;
  d->month = 7;
  d->day = 10;
  rd_heading (d, 1, "I. Satu tabel");
  struct rd_table *t = tc_table (d, "uji", 3, 6);
  static const char *const h[] = { "Nama, lengkap", "Nilai", "=Catatan" };
  for (size_t c = 0; c < 3; c++)
    t->headers[c] = h[c];
  rd_cell_text (d, t, 0, 0, "biasa");
  rd_cell_num (d, t, 0, 1, "1.234", 1234, 0, "=SUM(B3:B4)");
  rd_cell_text (d, t, 0, 2, "–");
  rd_cell_text (d, t, 1, 0, "a,b");
  rd_cell_num (d, t, 1, 1, "81,25", 81.25, 2, NULL);
  rd_cell_text (d, t, 1, 2, "say \"hi\"");
  rd_cell_text (d, t, 2, 0, "=1+1");
  rd_cell_num (d, t, 2, 1, "65,63", 65.625, 2, NULL);
  rd_cell_text (d, t, 2, 2, "baris\nkedua");
  rd_cell_text (d, t, 3, 0, "-5");
  rd_cell_num (d, t, 3, 1, "-3", -3, 0, NULL);
  rd_cell_text (d, t, 3, 2, "@SUM(A1)");
  rd_cell_text (d, t, 4, 0, "\tx");
  rd_cell_num (d, t, 4, 1, "–", 0, 2, NULL);
  rd_cell_text (d, t, 4, 2, "\r=x");
  rd_cell_text (d, t, 5, 0, "titik;koma");
  rd_cell_num (d, t, 5, 1, "3,1667", 3.16666666, 4, NULL);
  /* (5, 2) left unset: empty */
  t->pdf_max_rows = 2;              /* ignored by CSV */
}

static char *
tc_render (const struct rd_doc *d, char sep, size_t *len)
{
  struct buf b = { 0 };
  char err[128] = "";
  cr_assert (rd_render_csv (d, sep, &b, err, sizeof err), "%s", err);
  return buf_steal (&b, len);
}

Test (render_csv, one_table_comma)
{
  struct rd_doc d;
  tc_small_doc (&d);
  size_t len;
  char *s = tc_render (&d, ',', &len);
  static const char want[] =
    "\xef\xbb\xbf"
    "\"Nama, lengkap\",Nilai,'=Catatan\r\n"
    "biasa,1234,\r\n"
    "\"a,b\",81.25,\"say \"\"hi\"\"\"\r\n"
    "'=1+1,65.63,\"baris\nkedua\"\r\n"
    "'-5,-3,'@SUM(A1)\r\n"
    "'\tx,,\"'\r=x\"\r\n"
    "titik;koma,3.1667,\r\n";
  cr_assert_eq (len, strlen (want), "got [%s]", s);
  cr_assert_eq (memcmp (s, want, len), 0, "got [%s]", s);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, one_table_semicolon)
{
  struct rd_doc d;
  tc_small_doc (&d);
  size_t len;
  char *s = tc_render (&d, ';', &len);
  static const char want[] =
    "\xef\xbb\xbf"
    "Nama, lengkap;Nilai;'=Catatan\r\n"
    "biasa;1234;\r\n"
    "a,b;81,25;\"say \"\"hi\"\"\"\r\n"
    "'=1+1;65,63;\"baris\nkedua\"\r\n"
    "'-5;-3;'@SUM(A1)\r\n"
    "'\tx;;\"'\r=x\"\r\n"
    "\"titik;koma\";3,1667;\r\n";
  cr_assert_eq (len, strlen (want), "got [%s]", s);
  cr_assert_eq (memcmp (s, want, len), 0, "got [%s]", s);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, number_format)
{
  char n[64];
  static const struct {
    double v;
    int dec;
    const char *th;
    char mark;
    const char *want;
  } cases[] = {
    { 1234, 0, NULL, '.', "1234" },
    { 1234.5, 0, ".", ',', "1.235" },
    { 65.625, 2, ".", ',', "65,63" },       /* not 65,62 */
    { 1.005, 2, NULL, '.', "1.01" },        /* Excel ROUND, not printf */
    { 2.5, 0, NULL, '.', "3" },
    { 0.5, 0, NULL, '.', "1" },
    { -2.5, 0, NULL, '.', "-3" },
    { -0.004, 2, NULL, '.', "0.00" },
    { 0, 2, ".", ',', "0,00" },
    { 80.952380952381, 2, ".", ',', "80,95" },
    { 999.995, 2, ".", ',', "1.000,00" },
    { -1234567.891, 2, ".", ',', "-1.234.567,89" },
    { 3.16666666, 4, NULL, '.', "3.1667" },
    { 0.0001234, 4, NULL, '.', "0.0001" },
    { 123456789012, 0, ".", ',', "123.456.789.012" },
    { 1e20, 0, NULL, '.', "100000000000000000000" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
  {
    cr_assert (rd_fmt_number (n, sizeof n, cases[i].v, cases[i].dec,
                              cases[i].th, cases[i].mark));
    cr_assert_str_eq (n, cases[i].want, "%.17g", cases[i].v);
  }
  cr_assert_not (rd_fmt_number (n, sizeof n, NAN, 2, NULL, '.'));
  cr_assert_str_eq (n, "");
  cr_assert_not (rd_fmt_number (n, sizeof n, INFINITY, 2, NULL, '.'));
}

/* Write BYTES to a file and run a Python script on it (argv[1]). */
static int
tc_python (const char *bytes, size_t len, const char *script)
{
  char zpath[] = "/tmp/wadah-csv-XXXXXX.zip";
  char spath[] = "/tmp/wadah-csv-XXXXXX.py";
  int zfd = mkstemps (zpath, 4), sfd = mkstemps (spath, 3);
  cr_assert (zfd >= 0 && sfd >= 0);
  cr_assert_eq (write (zfd, bytes, len), (ssize_t) len);
  cr_assert_eq (write (sfd, script, strlen (script)),
                (ssize_t) strlen (script));
  close (zfd);
  close (sfd);
  char cmd[256];
  snprintf (cmd, sizeof cmd,
            "python3 -m zipfile -t %s >/dev/null && python3 %s %s", zpath,
            spath, zpath);
  int rc = system (cmd);
  unlink (zpath);
  unlink (spath);
  return rc;
}

static const char *
tc_find (const char *hay, size_t len, const char *needle)
{
  return memmem (hay, len, needle, strlen (needle));
}

Test (render_csv, fixture_zip)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  size_t len;
  char *s = tc_render (&d, ',', &len);
  cr_assert (len > 4 && 0 == memcmp (s, "PK\3\4", 4), "not a ZIP");
  /* Stored entries: the CSV text is in the archive as it is. */
  cr_assert_not_null (tc_find (s, len, "\r\n'=cmd|' /C calc'!A0,0,0,\r\n"));
  cr_assert_not_null (tc_find (s, len, "\r\n'+KOTAK,1234,1000,81.04\r\n"));
  cr_assert_not_null (tc_find (s, len, "\r\nJumlah,1254,1015,80.94\r\n"));
  cr_assert_not_null (tc_find (s, len, "\r\n120,ADU-2026-000120,"));
  cr_assert_null (tc_find (s, len, "\r\n=cmd"));
  cr_assert_eq (tc_python (s, len,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "names = [i.filename for i in z.infolist()]\n"
    "assert names == ['by_channel.csv', 'register.csv', 'keterangan.csv'], "
    "names\n"
    "for i in z.infolist():\n"
    "    assert i.date_time == (2026, 7, 10, 0, 0, 0), i.date_time\n"
    "    d = z.read(i)\n"
    "    assert d.startswith(b'\\xef\\xbb\\xbf'), i.filename\n"
    "    assert b'\\n' not in d.replace(b'\\r\\n', b''), i.filename\n"
    "import csv, io\n"
    "reg = list(csv.reader(io.StringIO(z.read('register.csv')"
    ".decode('utf-8-sig'), newline='')))\n"
    "assert len(reg) == 121, len(reg)\n"
    "assert reg[0][0] == 'No' and reg[120][1] == 'ADU-2026-000120'\n"
    "assert reg[2][2] == '' and reg[1][2] == 'LAPOR-123456'\n"
    "assert reg[1][6] == 'Biaya/tarif <tidak resmi>'\n"
    "ch = list(csv.reader(io.StringIO(z.read('by_channel.csv')"
    ".decode('utf-8-sig'), newline='')))\n"
    "assert ch[0] == ['Kanal', 'Masuk', 'Selesai', '% selesai'], ch[0]\n"
    "assert ch[4] == [\"'=cmd|' /C calc'!A0\", '0', '0', ''], ch[4]\n"
    "k = z.read('keterangan.csv').decode('utf-8-sig')\n"
    "for w in ['LAPORAN MONITORING DAN EVALUASI', 'A.1.V.iii.c', "
    "'SHA-256 model (JSON kanonik)', '3f2a6c0e9b7d4e1a8c5b2f9e6d3a0c7b', "
    "'Kepala rantai audit per cut-off', 'by_channel.csv,Tabel 1. "
    "Pengaduan per kanal', 'register.csv,Tabel 2. Register pengaduan']:\n"
    "    assert w in k, w\n"), 0);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, fixture_semicolon_zip)
{
  struct rd_doc d;
  fixture_doc (&d, true);
  size_t len;
  char *s = tc_render (&d, ';', &len);
  cr_assert_not_null (tc_find (s, len, "\r\n'=cmd|' /C calc'!A0;0;0;\r\n"));
  cr_assert_not_null (tc_find (s, len, "\r\nJumlah;1254;1015;80,94\r\n"));
  cr_assert_eq (tc_python (s, len,
    "import sys, zipfile, csv, io\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "r = list(csv.reader(io.StringIO(z.read('by_channel.csv')"
    ".decode('utf-8-sig'), newline=''), delimiter=';'))\n"
    "assert r[1] == ['SP4N_LAPOR', '7', '5', '71,43'], r[1]\n"
    "assert r[5] == [\"'+KOTAK\", '1234', '1000', '81,04'], r[5]\n"), 0);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, same_doc_same_bytes)
{
  struct rd_doc a, b;
  fixture_doc (&a, false);
  size_t la, lb;
  char *sa = tc_render (&a, ',', &la);
  rd_doc_free (&a);
  sleep (1);
  fixture_doc (&b, false);
  char *sb = tc_render (&b, ',', &lb);
  rd_doc_free (&b);
  cr_assert_eq (la, lb);
  cr_assert_eq (memcmp (sa, sb, la), 0);
  free (sa);
  free (sb);
}

Test (render_csv, file_names)
{
  struct rd_doc d;
  rd_doc_init (&d);
  d.year = 2026;
  d.month = 1;
  d.day = 31;
  static const char *const keys[] = { "t", "T", "keterangan", "../x y",
                                      "layout", "", "t-2" };
  for (size_t i = 0; i < 7; i++)
  {
    struct rd_table *t = tc_table (&d, keys[i], 1, 1);
    t->headers[0] = "Kolom";
    rd_cell_text (&d, t, 0, 0, keys[i]);
    t->no_csv = 0 == strcmp (keys[i], "layout");
  }
  size_t len;
  char *s = tc_render (&d, ',', &len);
  cr_assert_eq (tc_python (s, len,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "n = [i.filename for i in z.infolist()]\n"
    "assert n == ['t.csv', 'T-2.csv', 'keterangan-2.csv', '_._x_y.csv', "
    "'tabel-5.csv', 't-2-2.csv', 'keterangan.csv'], n\n"
    "assert z.read('T-2.csv') == b'\\xef\\xbb\\xbfKolom\\r\\nT\\r\\n'\n"
    "assert z.infolist()[0].date_time[:3] == (2026, 1, 31)\n"), 0);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, no_table_gives_keterangan_only)
{
  struct rd_doc d;
  fixture_doc (&d, false);
  for (size_t i = 0; i < d.n_blocks; i++)
    if (d.blocks[i].table)
      ((struct rd_table *) d.blocks[i].table)->no_csv = true;
  size_t len;
  char *s = tc_render (&d, ';', &len);
  cr_assert_eq (tc_python (s, len,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "assert z.namelist() == ['keterangan.csv'], z.namelist()\n"
    "k = z.read('keterangan.csv').decode('utf-8-sig')\n"
    "assert k.startswith('Keterangan;Isi\\r\\nJudul;LAPORAN'), k[:40]\n"
    "assert 'Jumlah catatan dibaca;23\\r\\n' in k\n"), 0);
  free (s);
  rd_doc_free (&d);
}

Test (render_csv, refusals)
{
  struct rd_doc d;
  struct buf b = { 0 };
  char err[128] = "";
  tc_small_doc (&d);
  cr_assert_not (rd_render_csv (&d, '\t', &b, err, sizeof err));
  cr_assert_not_null (strstr (err, "separator"));
  /* Several tables and no document date: no ZIP with a made-up date. */
  tc_table (&d, "dua", 1, 0)->headers[0] = "x";
  d.year = 0;
  cr_assert_not (rd_render_csv (&d, ',', &b, err, sizeof err));
  cr_assert_not_null (strstr (err, "date"), "%s", err);
  buf_free (&b);
  rd_doc_free (&d);
}
