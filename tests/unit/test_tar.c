/* The ustar writer and reader of backups (server/tar.c): numeric fields
   in octal and GNU base-256, a round trip of entries of awkward sizes,
   GNU tar listing what we write and us reading what GNU tar writes, the
   names and sizes the writer refuses, and the reader refusing a damaged
   header, a cut archive and a missing end marker. */
#include "tar.h"
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tt_dir[64];

static void
tt_setup (void)
{
  snprintf (tt_dir, sizeof tt_dir, "/tmp/wadah-tar-XXXXXX");
  cr_assert_not_null (mkdtemp (tt_dir));
}

static void
tt_teardown (void)
{
  char cmd[128];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", tt_dir);
  cr_assert_eq (system (cmd), 0);
}

TestSuite (tar, .init = tt_setup, .fini = tt_teardown);

static void
tt_fill (unsigned char *p, size_t n, unsigned seed)
{
  for (size_t i = 0; i < n; i++)
  {
    seed = seed * 1103515245u + 12345u;
    p[i] = (unsigned char) (seed >> 16);
  }
}

static int
tt_open (const char *name, int flags)
{
  char path[128];
  snprintf (path, sizeof path, "%s/%s", tt_dir, name);
  int fd = open (path, flags, 0600);
  cr_assert_geq (fd, 0, "%s", path);
  return fd;
}

Test (tar, numeric_fields)
{
  char f[12];
  uint64_t v;
  tar_num_put (f, 12, 0);
  cr_assert_eq (memcmp (f, "00000000000", 12), 0);
  tar_num_put (f, 12, 01234567);
  cr_assert_eq (memcmp (f, "00001234567", 12), 0);
  cr_assert (tar_num_get (f, 12, &v));
  cr_assert_eq (v, 01234567);
  /* The largest octal size, then base-256 from 8 GiB on. */
  tar_num_put (f, 12, 077777777777ull);
  cr_assert_eq (memcmp (f, "77777777777", 12), 0);
  tar_num_put (f, 12, 8ull << 30);
  cr_assert_eq ((unsigned char) f[0], 0x80);
  cr_assert (tar_num_get (f, 12, &v));
  cr_assert_eq (v, 8ull << 30);
  tar_num_put (f, 12, 0x123456789abcull);
  cr_assert (tar_num_get (f, 12, &v));
  cr_assert_eq (v, 0x123456789abcull);
  /* What other tars write: leading spaces, a space terminator. */
  memcpy (f, "   644 \0\0\0\0\0", 12);
  cr_assert (tar_num_get (f, 12, &v));
  cr_assert_eq (v, 0644);
  /* Not numbers. */
  memcpy (f, "0001238\0\0\0\0\0", 12);
  cr_assert_not (tar_num_get (f, 12, &v));
  memcpy (f, "00012a4\0\0\0\0\0", 12);
  cr_assert_not (tar_num_get (f, 12, &v));
  memset (f, 0, 12);
  cr_assert_not (tar_num_get (f, 12, &v));
  memset (f, 0xff, 12);                   /* negative base-256 */
  cr_assert_not (tar_num_get (f, 12, &v));
}

Test (tar, round_trip_of_awkward_sizes)
{
  static const size_t sizes[] = { 0, 1, 511, 512, 513, 3 * 1024 * 1024 + 7 };
  enum { N = sizeof sizes / sizeof sizes[0] };
  unsigned char *data = malloc (sizes[N - 1]), *back = malloc (sizes[N - 1]);
  struct tar_writer w;
  int fd = tt_open ("a.tar", O_WRONLY | O_CREAT | O_TRUNC);
  tar_writer_init (&w, fd);
  for (size_t i = 0; i < N; i++)
  {
    char name[64];
    snprintf (name, sizeof name, "attachments/f%zu.bin", i);
    tt_fill (data, sizes[i], (unsigned) i);
    cr_assert (tar_begin (&w, name, sizes[i], 0600, 1700000000 + (int) i),
               "%s", w.err);
    /* In pieces, as backups write. */
    for (size_t o = 0; o < sizes[i]; o += 100000)
      cr_assert (tar_write (&w, data + o, sizes[i] - o < 100000
                            ? sizes[i] - o : 100000));
    cr_assert (tar_end (&w), "%s", w.err);
  }
  cr_assert (tar_finish (&w));
  close (fd);
  cr_assert_eq (w.offset % TAR_BLOCK, 0);

  struct tar_reader r;
  struct tar_entry e;
  fd = tt_open ("a.tar", O_RDONLY);
  tar_reader_init (&r, fd);
  for (size_t i = 0; i < N; i++)
  {
    char name[64];
    snprintf (name, sizeof name, "attachments/f%zu.bin", i);
    cr_assert_eq (tar_next (&r, &e), 1, "%s", r.err);
    cr_assert_str_eq (e.name, name);
    cr_assert_eq (e.type, '0');
    cr_assert_eq (e.mode, 0600);
    cr_assert_eq (e.size, sizes[i]);
    cr_assert_eq (e.mtime, 1700000000 + (int64_t) i);
    /* The last entry is read in full; the one before only in part, which
       tar_next then skips. */
    size_t got = 0;
    ssize_t n;
    size_t want = i == N - 2 ? sizes[i] / 2 : sizes[i];
    while (got < want
           && (n = tar_read (&r, back + got, want - got < 65536
                             ? want - got : 65536)) > 0)
      got += (size_t) n;
    cr_assert_eq (got, want);
    tt_fill (data, sizes[i], (unsigned) i);
    cr_assert_eq (memcmp (data, back, got), 0, "entry %zu", i);
  }
  cr_assert_eq (tar_next (&r, &e), 0, "%s", r.err);
  cr_assert_eq (tar_next (&r, &e), 0);
  close (fd);

  /* GNU tar reads it, names, sizes and modes as written. */
  char cmd[256], line[256];
  snprintf (cmd, sizeof cmd, "tar -tvf '%s/a.tar'", tt_dir);
  FILE *p = popen (cmd, "r");
  size_t lines = 0;
  while (fgets (line, sizeof line, p))
  {
    cr_assert_eq (strncmp (line, "-rw------- 0/0", 14), 0, "%s", line);
    lines++;
  }
  cr_assert_eq (pclose (p), 0);
  cr_assert_eq (lines, N);
  free (data);
  free (back);
}

Test (tar, reads_what_gnu_tar_writes)
{
  char cmd[512];
  snprintf (cmd, sizeof cmd, "cd '%s' && mkdir d && printf 'isi berkas\\n'"
            " > d/satu.txt && : > d/kosong && tar --format=ustar -cf u.tar d"
            " && tar --format=gnu -cf g.tar d", tt_dir);
  cr_assert_eq (system (cmd), 0);
  static const char *const files[] = { "u.tar", "g.tar" };
  for (size_t k = 0; k < 2; k++)
  {
    struct tar_reader r;
    struct tar_entry e;
    int fd = tt_open (files[k], O_RDONLY);
    bool seen = false;
    int rc;
    tar_reader_init (&r, fd);
    while (1 == (rc = tar_next (&r, &e)))
      if (0 == strcmp (e.name, "d/satu.txt"))
      {
        char buf[32] = "";
        cr_assert_eq (tar_read (&r, buf, sizeof buf - 1), 11);
        cr_assert_str_eq (buf, "isi berkas\n");
        seen = true;
      }
      else if (0 == strcmp (e.name, "d/"))
        cr_assert_eq (e.type, '5');
    cr_assert_eq (rc, 0, "%s: %s", files[k], r.err);
    cr_assert (seen, "%s", files[k]);
    close (fd);
  }
}

Test (tar, writer_refusals)
{
  struct tar_writer w;
  int fd = tt_open ("w.tar", O_WRONLY | O_CREAT | O_TRUNC);
  static const char *const bad[] = {
    "", "/etc/passwd", "a/../b", "../a", "./a", "a//b", "a/", "dua kata",
    "a\\b", "tab\there",
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "012345678901234567890123456789",    /* 100 bytes */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
  {
    tar_writer_init (&w, fd);
    cr_assert_not (tar_begin (&w, bad[i], 0, 0600, 0), "'%s'", bad[i]);
    cr_assert (w.failed);
  }
  /* More bytes than the size, fewer, an entry still open. */
  tar_writer_init (&w, fd);
  cr_assert (tar_begin (&w, "a", 3, 0600, 0));
  cr_assert_not (tar_write (&w, "abcd", 4));
  tar_writer_init (&w, fd);
  cr_assert (tar_begin (&w, "a", 3, 0600, 0));
  cr_assert (tar_write (&w, "ab", 2));
  cr_assert_not (tar_end (&w));
  tar_writer_init (&w, fd);
  cr_assert (tar_begin (&w, "a", 3, 0600, 0));
  cr_assert_not (tar_begin (&w, "b", 0, 0600, 0));
  tar_writer_init (&w, fd);
  cr_assert (tar_begin (&w, "a", 3, 0600, 0));
  cr_assert_not (tar_finish (&w));
  close (fd);
}

/* Write a two-entry archive to NAME; its size in bytes. */
static off_t
tt_two (const char *name)
{
  struct tar_writer w;
  unsigned char data[1500];
  int fd = tt_open (name, O_WRONLY | O_CREAT | O_TRUNC);
  tt_fill (data, sizeof data, 7);
  tar_writer_init (&w, fd);
  cr_assert (tar_begin (&w, "satu", sizeof data, 0600, 0));
  cr_assert (tar_write (&w, data, sizeof data));
  cr_assert (tar_end (&w));
  cr_assert (tar_begin (&w, "dua", 10, 0600, 0));
  cr_assert (tar_write (&w, "0123456789", 10));
  cr_assert (tar_end (&w));
  cr_assert (tar_finish (&w));
  close (fd);
  return (off_t) w.offset;
}

/* Read every entry of NAME to the end; the reader's error ("" if none). */
static int
tt_read_all (const char *name, char err[200])
{
  struct tar_reader r;
  struct tar_entry e;
  unsigned char buf[4096];
  int rc;
  int fd = tt_open (name, O_RDONLY);
  tar_reader_init (&r, fd);
  while (1 == (rc = tar_next (&r, &e)))
    while (tar_read (&r, buf, sizeof buf) > 0)
      ;
  close (fd);
  snprintf (err, 200, "%s", r.err);
  return rc;
}

Test (tar, reader_refusals)
{
  char path[128], err[200];
  off_t size = tt_two ("t.tar");
  snprintf (path, sizeof path, "%s/t.tar", tt_dir);
  cr_assert_eq (tt_read_all ("t.tar", err), 0, "%s", err);

  /* A flipped byte in the second header. */
  int fd = tt_open ("t.tar", O_RDWR);
  off_t second = 512 + 1536;
  unsigned char c;
  cr_assert_eq (pread (fd, &c, 1, second + 2), 1);
  c ^= 1;
  cr_assert_eq (pwrite (fd, &c, 1, second + 2), 1);
  close (fd);
  cr_assert_eq (tt_read_all ("t.tar", err), -1);
  cr_assert_not_null (strstr (err, "byte 2048 is damaged"), "%s", err);

  /* Cut inside the data, at an entry's end, inside the end marker. */
  static const off_t cuts[] = { 1000, 2048, 3072 + 100 };
  for (size_t i = 0; i < 3; i++)
  {
    tt_two ("t.tar");
    cr_assert_eq (truncate (path, cuts[i]), 0);
    cr_assert_eq (tt_read_all ("t.tar", err), -1, "cut at %lld",
                  (long long) cuts[i]);
    cr_assert_not_null (strstr (err, "truncated"), "%s", err);
  }
  /* One zero block followed by data. */
  tt_two ("t.tar");
  fd = tt_open ("t.tar", O_RDWR);
  cr_assert_eq (pwrite (fd, "x", 1, size - 1), 1);
  close (fd);
  cr_assert_eq (tt_read_all ("t.tar", err), -1);
  cr_assert_not_null (strstr (err, "followed by data"), "%s", err);
}
