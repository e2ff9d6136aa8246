/* See tar.h. */
#include "tar.h"
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Offsets of the ustar header fields. */
enum { H_NAME = 0, H_MODE = 100, H_UID = 108, H_GID = 116, H_SIZE = 124,
       H_MTIME = 136, H_CHKSUM = 148, H_TYPE = 156, H_MAGIC = 257,
       H_VERSION = 263, H_PREFIX = 345 };

static const unsigned char zero_block[TAR_BLOCK];

static void __attribute__ ((format (printf, 3, 4)))
fail (bool *failed, char *err, const char *fmt, ...)
{
  va_list ap;
  if (*failed)
    return;
  *failed = true;
  va_start (ap, fmt);
  vsnprintf (err, 200, fmt, ap);
  va_end (ap);
}

void
tar_num_put (char *field, size_t len, uint64_t v)
{
  /* LEN - 1 octal digits and a NUL when they are enough. */
  if (len - 1 < 22 && v >> (3 * (len - 1)) == 0)
  {
    field[len - 1] = '\0';
    for (size_t i = len - 1; i-- > 0; v >>= 3)
      field[i] = (char) ('0' + (v & 7));
    return;
  }
  /* GNU base-256: the high bit of the first byte set, then big-endian. */
  for (size_t i = len; i-- > 1; v >>= 8)
    field[i] = (char) (v & 0xff);
  field[0] = (char) 0x80;
}

bool
tar_num_get (const char *field, size_t len, uint64_t *v)
{
  const unsigned char *f = (const unsigned char *) field;
  uint64_t n = 0;
  size_t i = 0;
  if (f[0] & 0x80)
  {
    if (f[0] != 0x80)
      return false;                /* negative, or more than 64 bits */
    for (i = 1; i < len; i++)
    {
      if (n >> 55)
        return false;
      n = (n << 8) | f[i];
    }
    *v = n;
    return true;
  }
  while (i < len && f[i] == ' ')
    i++;
  size_t digits = 0;
  for (; i < len && f[i] >= '0' && f[i] <= '7'; i++, digits++)
  {
    if (n >> 60)
      return false;
    n = (n << 3) | (uint64_t) (f[i] - '0');
  }
  /* Digits end at a NUL, a space or the field's end. */
  if (0 == digits || (i < len && f[i] != '\0' && f[i] != ' '))
    return false;
  *v = n;
  return true;
}

static unsigned int
header_sum (const unsigned char *h)
{
  unsigned int sum = 0;
  for (size_t i = 0; i < TAR_BLOCK; i++)
    sum += (i >= H_CHKSUM && i < H_CHKSUM + 8) ? ' ' : h[i];
  return sum;
}

/* A name the writer accepts: relative, printable ASCII, no empty, "." or
   ".." part. */
static bool
name_ok (const char *name)
{
  size_t n = strlen (name);
  if (0 == n || n > TAR_NAME_MAX || name[0] == '/' || name[n - 1] == '/')
    return false;
  for (const char *p = name; *p; p++)
    if (*p <= ' ' || *p > '~' || *p == '\\')
      return false;
  for (const char *p = name; p;)
  {
    const char *e = strchr (p, '/');
    size_t l = e ? (size_t) (e - p) : strlen (p);
    if (0 == l || (1 == l && p[0] == '.')
        || (2 == l && p[0] == '.' && p[1] == '.'))
      return false;
    p = e ? e + 1 : NULL;
  }
  return true;
}

static bool
w_raw (struct tar_writer *w, const void *data, size_t len)
{
  const unsigned char *p = data;
  while (len > 0)
  {
    ssize_t n = write (w->fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
    {
      fail (&w->failed, w->err, "cannot write the archive: %s",
            n < 0 ? strerror (errno) : "nothing written");
      return false;
    }
    p += n;
    len -= (size_t) n;
    w->offset += (uint64_t) n;
  }
  return true;
}

void
tar_writer_init (struct tar_writer *w, int fd)
{
  memset (w, 0, sizeof *w);
  w->fd = fd;
}

bool
tar_begin (struct tar_writer *w, const char *name, uint64_t size,
           unsigned int mode, int64_t mtime)
{
  unsigned char h[TAR_BLOCK];
  if (w->failed)
    return false;
  if (w->open)
  {
    fail (&w->failed, w->err, "%s: the previous entry is still open", name);
    return false;
  }
  if (! name_ok (name))
  {
    fail (&w->failed, w->err, "'%s' cannot be an archive entry name", name);
    return false;
  }
  memset (h, 0, sizeof h);
  memcpy (h + H_NAME, name, strlen (name));
  tar_num_put ((char *) h + H_MODE, 8, mode & 07777);
  tar_num_put ((char *) h + H_UID, 8, 0);
  tar_num_put ((char *) h + H_GID, 8, 0);
  tar_num_put ((char *) h + H_SIZE, 12, size);
  tar_num_put ((char *) h + H_MTIME, 12, mtime > 0 ? (uint64_t) mtime : 0);
  h[H_TYPE] = '0';
  memcpy (h + H_MAGIC, "ustar", 6);
  memcpy (h + H_VERSION, "00", 2);
  /* Six octal digits, a NUL and a space, as tar itself writes it. */
  snprintf ((char *) h + H_CHKSUM, 8, "%06o", header_sum (h));
  h[H_CHKSUM + 7] = ' ';
  if (! w_raw (w, h, sizeof h))
    return false;
  w->open = true;
  w->size = w->left = size;
  return true;
}

bool
tar_write (struct tar_writer *w, const void *data, size_t len)
{
  if (w->failed)
    return false;
  if (! w->open || len > w->left)
  {
    fail (&w->failed, w->err, "an entry got more bytes than its size");
    return false;
  }
  if (! w_raw (w, data, len))
    return false;
  w->left -= len;
  return true;
}

bool
tar_end (struct tar_writer *w)
{
  if (w->failed)
    return false;
  if (! w->open || w->left != 0)
  {
    fail (&w->failed, w->err, "an entry got %llu bytes fewer than its size",
          (unsigned long long) w->left);
    return false;
  }
  w->open = false;
  size_t rem = (size_t) (w->size % TAR_BLOCK);
  return 0 == rem || w_raw (w, zero_block, TAR_BLOCK - rem);
}

bool
tar_finish (struct tar_writer *w)
{
  if (w->failed)
    return false;
  if (w->open)
  {
    fail (&w->failed, w->err, "the last entry is still open");
    return false;
  }
  return w_raw (w, zero_block, TAR_BLOCK) && w_raw (w, zero_block, TAR_BLOCK);
}

/* ---- reader ---- */

void
tar_reader_init (struct tar_reader *r, int fd)
{
  memset (r, 0, sizeof *r);
  r->fd = fd;
}

/* Read exactly LEN bytes (WHAT names them in the error). */
static bool
r_raw (struct tar_reader *r, void *buf, size_t len, const char *what)
{
  unsigned char *p = buf;
  while (len > 0)
  {
    ssize_t n = read (r->fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
    {
      fail (&r->failed, r->err, "cannot read the archive: %s",
            strerror (errno));
      return false;
    }
    if (0 == n)
    {
      fail (&r->failed, r->err, "the archive ends at byte %llu inside %s"
            " (truncated)", (unsigned long long) r->offset, what);
      return false;
    }
    p += n;
    len -= (size_t) n;
    r->offset += (uint64_t) n;
  }
  return true;
}

/* Skip LEN bytes of the archive. */
static bool
r_skip (struct tar_reader *r, uint64_t len, const char *what)
{
  unsigned char buf[16 * TAR_BLOCK];
  while (len > 0)
  {
    size_t n = len < sizeof buf ? (size_t) len : sizeof buf;
    if (! r_raw (r, buf, n, what))
      return false;
    len -= n;
  }
  return true;
}

int
tar_next (struct tar_reader *r, struct tar_entry *e)
{
  unsigned char h[TAR_BLOCK];
  uint64_t v;

  if (r->failed)
    return -1;
  if (r->ended)
    return 0;
  if (! r_skip (r, r->left + r->pad, "an entry's data"))
    return -1;
  r->left = r->pad = 0;
  memset (e, 0, sizeof *e);
  e->offset = r->offset;
  if (! r_raw (r, h, sizeof h, "the end marker or a header"))
    return -1;
  if (0 == memcmp (h, zero_block, TAR_BLOCK))
  {
    /* The end marker is two zero blocks; what follows them (record
       padding) is not read. */
    if (! r_raw (r, h, sizeof h, "the end marker"))
      return -1;
    if (0 != memcmp (h, zero_block, TAR_BLOCK))
    {
      fail (&r->failed, r->err, "a zero block at byte %llu is followed by"
            " data (damaged archive)", (unsigned long long) e->offset);
      return -1;
    }
    r->ended = true;
    return 0;
  }
  unsigned int sum = header_sum (h);
  uint64_t stored;
  if (! tar_num_get ((const char *) h + H_CHKSUM, 8, &stored)
      || stored != sum)
  {
    fail (&r->failed, r->err, "the header at byte %llu is damaged (its"
          " checksum does not match)", (unsigned long long) e->offset);
    return -1;
  }
  if (0 != memcmp (h + H_MAGIC, "ustar", 5))
  {
    fail (&r->failed, r->err, "the header at byte %llu is not a ustar"
          " header", (unsigned long long) e->offset);
    return -1;
  }
  char name[101], prefix[156];
  memcpy (name, h + H_NAME, 100);
  name[100] = '\0';
  memcpy (prefix, h + H_PREFIX, 155);
  prefix[155] = '\0';
  if (prefix[0])
    snprintf (e->name, sizeof e->name, "%s/%s", prefix, name);
  else
    snprintf (e->name, sizeof e->name, "%s", name);
  e->type = h[H_TYPE] ? (char) h[H_TYPE] : '0';
  if (! tar_num_get ((const char *) h + H_MODE, 8, &v))
    goto bad;
  e->mode = (unsigned int) (v & 07777);
  if (! tar_num_get ((const char *) h + H_SIZE, 12, &e->size))
    goto bad;
  if (! tar_num_get ((const char *) h + H_MTIME, 12, &v) || v > INT64_MAX)
    goto bad;
  e->mtime = (int64_t) v;
  /* Only regular files carry data (links and directories have none,
     whatever their size field says, and this reader refuses to guess). */
  if (e->type != '0' && e->size != 0)
  {
    fail (&r->failed, r->err, "'%s' at byte %llu is not a regular file but"
          " has data", e->name, (unsigned long long) e->offset);
    return -1;
  }
  r->left = e->size;
  r->pad = (TAR_BLOCK - e->size % TAR_BLOCK) % TAR_BLOCK;
  return 1;
bad:
  fail (&r->failed, r->err, "the header of '%s' at byte %llu has a field"
        " that is not a number", e->name, (unsigned long long) e->offset);
  return -1;
}

ssize_t
tar_read (struct tar_reader *r, void *buf, size_t cap)
{
  if (r->failed)
    return -1;
  if (0 == r->left)
    return 0;
  size_t n = r->left < cap ? (size_t) r->left : cap;
  if (n > (size_t) SSIZE_MAX)
    n = (size_t) SSIZE_MAX;
  if (! r_raw (r, buf, n, "an entry's data"))
    return -1;
  r->left -= n;
  return (ssize_t) n;
}
