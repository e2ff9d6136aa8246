/* The deterministic ZIP writer (reports/zip.c): CRC-32 vectors, the exact
   bytes of an empty and a one-entry archive, and Python's zipfile reading
   back a one-file, a 3000-file and a 5 MB archive with the fixed date,
   UTF-8 flag and attributes; the limits it refuses. */
#include "zip.h"
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The bit-by-bit definition the table must agree with. */
static uint32_t
tz_crc_bitwise (const unsigned char *p, size_t n)
{
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; i++)
  {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}

static void
tz_fill (unsigned char *p, size_t n, uint32_t seed)
{
  uint32_t x = seed;
  for (size_t i = 0; i < n; i++)
  {
    x = x * 1664525u + 1013904223u;
    p[i] = (unsigned char) (x >> 24);
  }
}

static unsigned
tz_u16 (const char *p)
{
  return (unsigned) (unsigned char) p[0]
         | (unsigned) (unsigned char) p[1] << 8;
}

static uint32_t
tz_u32 (const char *p)
{
  return tz_u16 (p) | (uint32_t) tz_u16 (p + 2) << 16;
}

/* Write DATA to a temporary file; the caller unlinks PATH. */
static void
tz_write (char path[64], const char *suffix, const void *data, size_t len)
{
  snprintf (path, 64, "/tmp/wadah-zip-XXXXXX%s", suffix);
  int fd = mkstemps (path, (int) strlen (suffix));
  cr_assert_geq (fd, 0);
  FILE *f = fdopen (fd, "wb");
  cr_assert_not_null (f);
  cr_assert_eq (fwrite (data, 1, len, f), len);
  cr_assert_eq (fclose (f), 0);
}

/* Run a Python script (stdlib only) with the archive's path as argv[1];
   the script exits non-zero on any mismatch. */
static int
tz_python (const struct buf *zipbytes, const char *script)
{
  char zpath[64], spath[64], cmd[256];
  tz_write (zpath, ".zip", zipbytes->p, zipbytes->len);
  tz_write (spath, ".py", script, strlen (script));
  snprintf (cmd, sizeof cmd, "python3 %s %s", spath, zpath);
  int rc = system (cmd);
  if (0 == rc)
  {
    snprintf (cmd, sizeof cmd, "python3 -m zipfile -t %s >/dev/null", zpath);
    rc = system (cmd);
  }
  unlink (zpath);
  unlink (spath);
  return rc;
}

Test (zip, crc32_vectors)
{
  cr_assert_eq (zip_crc32 (0, "123456789", 9), 0xcbf43926u);
  cr_assert_eq (zip_crc32 (0, "", 0), 0);
  cr_assert_eq (zip_crc32 (0, "The quick brown fox jumps over the lazy dog",
                           43), 0x414fa339u);
  /* In pieces as in one go. */
  uint32_t c = zip_crc32 (0, "12345", 5);
  cr_assert_eq (zip_crc32 (c, "6789", 4), 0xcbf43926u);
  /* The table against the definition. */
  static unsigned char data[65536];
  tz_fill (data, sizeof data, 7);
  for (size_t n = 0; n < sizeof data; n = 2 * n + 1)
    cr_assert_eq (zip_crc32 (0, data, n), tz_crc_bitwise (data, n),
                  "length %zu", n);
  for (unsigned v = 0; v < 256; v++)
  {
    unsigned char one = (unsigned char) v;
    cr_assert_eq (zip_crc32 (0, &one, 1), tz_crc_bitwise (&one, 1));
  }
}

Test (zip, empty_archive)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  static const char eocd[22] = { 'P', 'K', 5, 6 };
  cr_assert_eq (b.len, 22);
  cr_assert_eq (memcmp (b.p, eocd, 22), 0);
  cr_assert_eq (tz_python (&b, "import sys, zipfile\n"
                               "z = zipfile.ZipFile(sys.argv[1])\n"
                               "sys.exit(len(z.infolist()) != 0)\n"), 0);
  zip_free (&z);
  buf_free (&b);
}

Test (zip, one_file_bytes)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_add (&z, "a.txt", "hello", 5, 2026, 7, 10));
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  /* local header 30 + 5 + 5, central 46 + 5, end 22 */
  cr_assert_eq (b.len, 40 + 51 + 22);
  const char *p = b.p;
  cr_assert_eq (tz_u32 (p), 0x04034b50u);
  cr_assert_eq (tz_u16 (p + 4), 10);            /* version needed */
  cr_assert_eq (tz_u16 (p + 6), 0x0800);        /* UTF-8 names */
  cr_assert_eq (tz_u16 (p + 8), 0);             /* stored */
  cr_assert_eq (tz_u16 (p + 10), 0);            /* 00:00:00 */
  cr_assert_eq (tz_u16 (p + 12), (46u << 9) | (7u << 5) | 10u);
  cr_assert_eq (tz_u32 (p + 14), zip_crc32 (0, "hello", 5));
  cr_assert_eq (tz_u32 (p + 18), 5);
  cr_assert_eq (tz_u32 (p + 22), 5);
  cr_assert_eq (tz_u16 (p + 26), 5);
  cr_assert_eq (tz_u16 (p + 28), 0);            /* no extra field */
  cr_assert_eq (memcmp (p + 30, "a.txthello", 10), 0);
  const char *c = p + 40;
  cr_assert_eq (tz_u32 (c), 0x02014b50u);
  cr_assert_eq (tz_u16 (c + 4), 0x031e);        /* made by Unix, 3.0 */
  cr_assert_eq (tz_u16 (c + 8), 0x0800);
  cr_assert_eq (tz_u16 (c + 30), 0);            /* extra */
  cr_assert_eq (tz_u16 (c + 32), 0);            /* comment */
  cr_assert_eq (tz_u32 (c + 38), 0x81a40000u);  /* regular file 0644 */
  cr_assert_eq (tz_u32 (c + 42), 0);            /* local header offset */
  const char *e = c + 51;
  cr_assert_eq (tz_u32 (e), 0x06054b50u);
  cr_assert_eq (tz_u16 (e + 8), 1);
  cr_assert_eq (tz_u16 (e + 10), 1);
  cr_assert_eq (tz_u32 (e + 12), 51);           /* directory size */
  cr_assert_eq (tz_u32 (e + 16), 40);           /* directory offset */
  cr_assert_eq (tz_python (&b,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "i = z.infolist()\n"
    "assert [x.filename for x in i] == ['a.txt'], i\n"
    "x = i[0]\n"
    "assert x.date_time == (2026, 7, 10, 0, 0, 0), x.date_time\n"
    "assert x.flag_bits & 0x800 and x.compress_type == 0\n"
    "assert x.create_system == 3 and x.external_attr >> 16 == 0o100644\n"
    "assert x.extra == b'' and z.read('a.txt') == b'hello'\n"), 0);
  zip_free (&z);
  buf_free (&b);
}

Test (zip, utf8_names_and_folders)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_add (&z, "V Penguatan Pengawasan/", NULL, 0, 2026, 7, 10));
  cr_assert (zip_add (&z, "V Penguatan Pengawasan/iii Pengaduan Masyarakat/"
                          "A.1.V.iii.c Laporan Monev – Semester I 2026.pdf",
                      "%PDF", 4, 2026, 7, 10));
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  cr_assert_eq (tz_python (&b,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "i = z.infolist()\n"
    "assert i[0].is_dir() and i[0].external_attr >> 16 == 0o40755\n"
    "assert i[1].filename.endswith('Monev \\u2013 Semester I 2026.pdf')\n"
    "assert z.read(i[1]) == b'%PDF'\n"), 0);
  zip_free (&z);
  buf_free (&b);
}

Test (zip, many_files_in_order)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  for (int i = 0; i < 3000; i++)
  {
    char name[64], data[64];
    snprintf (name, sizeof name, "d%02d/f%04d.txt", i % 17, i);
    int n = snprintf (data, sizeof data, "isi berkas %d\n", i);
    cr_assert (zip_add (&z, name, data, (size_t) n, 2025, 12, 31),
               "%s", zip_error (&z));
  }
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  cr_assert_eq (tz_python (&b,
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "i = z.infolist()\n"
    "assert len(i) == 3000\n"
    "for k, x in enumerate(i):\n"
    "    assert x.filename == 'd%02d/f%04d.txt' % (k % 17, k), x.filename\n"
    "    assert x.date_time == (2025, 12, 31, 0, 0, 0)\n"
    "    assert z.read(x) == b'isi berkas %d\\n' % k\n"), 0);
  zip_free (&z);
  buf_free (&b);
}

Test (zip, five_megabytes)
{
  size_t n = 5u * 1024 * 1024 + 3;
  unsigned char *data = malloc (n);
  cr_assert_not_null (data);
  tz_fill (data, n, 42);
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_add (&z, "kecil.txt", "x", 1, 2026, 1, 1));
  cr_assert (zip_add (&z, "besar.bin", data, n, 2026, 1, 1));
  cr_assert (zip_add (&z, "akhir.txt", "y", 1, 2026, 1, 1));
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  char script[512];
  snprintf (script, sizeof script,
    "import sys, zipfile, zlib\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "d = z.read('besar.bin')\n"
    "assert len(d) == %zu\n"
    "assert zlib.crc32(d) == %u\n"
    "assert z.read('akhir.txt') == b'y'\n", n,
    (unsigned) tz_crc_bitwise (data, n));
  cr_assert_eq (tz_python (&b, script), 0);
  zip_free (&z);
  buf_free (&b);
  free (data);
}

static void
tz_build (struct buf *b)
{
  struct zip z;
  zip_init (&z, b);
  zip_add (&z, "b.csv", "1,2\r\n", 5, 2026, 7, 10);
  zip_add (&z, "a.csv", "3,4\r\n", 5, 2026, 7, 10);
  zip_add (&z, "kosong.txt", "", 0, 2026, 7, 10);
  cr_assert (zip_finish (&z), "%s", zip_error (&z));
  zip_free (&z);
}

Test (zip, same_input_same_bytes)
{
  struct buf a = { 0 }, b = { 0 };
  tz_build (&a);
  sleep (1);                              /* a clock tick in between */
  tz_build (&b);
  cr_assert_eq (a.len, b.len);
  cr_assert_eq (memcmp (a.p, b.p, a.len), 0);
  buf_free (&a);
  buf_free (&b);
}

Test (zip, appended_after_other_bytes)
{
  /* Offsets count from where the archive starts in the buffer. */
  struct buf a = { 0 }, b = { 0 };
  tz_build (&a);
  buf_puts (&b, "prefix");
  tz_build (&b);
  cr_assert_eq (b.len, a.len + 6);
  cr_assert_eq (memcmp (b.p + 6, a.p, a.len), 0);
  buf_free (&a);
  buf_free (&b);
}

static void
tz_refused (const char *name, const void *data, size_t len, int y, int m,
            int d, const char *why)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert_not (zip_add (&z, name, data, len, y, m, d), "accepted %s", name);
  cr_assert_not_null (strstr (zip_error (&z), why), "%s: %s", name,
                      zip_error (&z));
  /* Sticky: the archive as a whole fails. */
  cr_assert_not (zip_add (&z, "ok.txt", "x", 1, 2026, 7, 10));
  cr_assert_not (zip_finish (&z));
  zip_free (&z);
  buf_free (&b);
}

Test (zip, refuses_bad_input)
{
  tz_refused ("../etc/passwd", "x", 1, 2026, 7, 10, "'..'");
  tz_refused ("a/./b", "x", 1, 2026, 7, 10, "'..'");
  tz_refused ("/abs", "x", 1, 2026, 7, 10, "empty path component");
  tz_refused ("a//b", "x", 1, 2026, 7, 10, "empty path component");
  tz_refused ("a\\b", "x", 1, 2026, 7, 10, "backslash");
  tz_refused ("tab\there", "x", 1, 2026, 7, 10, "control");
  tz_refused ("bad\xff.txt", "x", 1, 2026, 7, 10, "UTF-8");
  tz_refused ("over\xc0\xaflong", "x", 1, 2026, 7, 10, "UTF-8");
  tz_refused ("", "x", 1, 2026, 7, 10, "empty name");
  tz_refused ("dir/", "x", 1, 2026, 7, 10, "directory entry with data");
  tz_refused ("x.txt", "x", 1, 2026, 2, 29, "date");
  tz_refused ("x.txt", "x", 1, 1979, 12, 31, "date");
  tz_refused ("x.txt", "x", 1, 2026, 13, 1, "date");
  tz_refused ("x.txt", "x", 1, 0, 0, 0, "date");
  /* 4 GiB: refused from the length alone, before reading any data. */
  static const char small[1] = { 0 };
  tz_refused ("huge.bin", small, (size_t) 1 << 32, 2026, 7, 10, "4 GiB");
}

Test (zip, leap_day_ok)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_add (&z, "x.txt", "x", 1, 2028, 2, 29));
  cr_assert (zip_add (&z, "y.txt", "y", 1, 2000, 2, 29));
  cr_assert (zip_finish (&z));
  zip_free (&z);
  buf_free (&b);
}

Test (zip, duplicate_name)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_add (&z, "a.csv", "1", 1, 2026, 7, 10));
  cr_assert (zip_add (&z, "A.csv", "2", 1, 2026, 7, 10));
  cr_assert_not (zip_add (&z, "a.csv", "3", 1, 2026, 7, 10));
  cr_assert_not_null (strstr (zip_error (&z), "duplicate"));
  cr_assert_not (zip_finish (&z));
  zip_free (&z);
  buf_free (&b);
}

Test (zip, entry_limit)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  char name[16];
  for (unsigned i = 0; i < 0xfffe; i++)
  {
    snprintf (name, sizeof name, "%05x", i);
    cr_assert (zip_add (&z, name, NULL, 0, 2026, 7, 10), "%u: %s", i,
               zip_error (&z));
  }
  cr_assert_not (zip_add (&z, "one-more", NULL, 0, 2026, 7, 10));
  cr_assert_not_null (strstr (zip_error (&z), "entries"));
  zip_free (&z);
  buf_free (&b);
}

Test (zip, finish_twice)
{
  struct buf b = { 0 };
  struct zip z;
  zip_init (&z, &b);
  cr_assert (zip_finish (&z));
  size_t len = b.len;
  cr_assert_not (zip_finish (&z));
  cr_assert_not (zip_add (&z, "late.txt", "x", 1, 2026, 7, 10));
  cr_assert_eq (b.len, len);
  zip_free (&z);
  buf_free (&b);
}
