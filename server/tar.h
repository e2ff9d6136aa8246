/*
 * A small POSIX ustar writer and reader over file descriptors, for
 * backups (backup.c): entries stream through in pieces, so an archive of
 * any size needs no more memory than the caller's buffer.  What it writes
 * is plain ustar that `tar -tvf` lists and `tar -xf` extracts: regular
 * files only, names below 100 bytes (no prefix field), uid/gid 0, empty
 * user and group names, sizes in octal up to 8 GiB and GNU base-256 above,
 * and the end marker of two zero blocks.
 *
 * The reader is strict, because it reads what may have been damaged or
 * altered: every header checksum is checked, a size or time field that is
 * not a number is refused, data and padding must all be there, and the
 * archive must end with its zero block (a truncated one is an error, not
 * a shorter archive).  It returns entries of every type and leaves it to
 * the caller to refuse what it does not want.
 *
 * Errors are sticky per writer or reader and carry an English reason in
 * ERR; nothing here prints.  Not thread-safe per object.
 */
#ifndef WADAH_TAR_H
#define WADAH_TAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TAR_BLOCK 512
#define TAR_NAME_MAX 99          /* bytes of a name the writer accepts */

struct tar_writer {
  int fd;                        /* borrowed */
  uint64_t offset;               /* bytes written so far */
  uint64_t left;                 /* bytes the open entry still needs */
  uint64_t size;                 /* size of the open entry */
  bool open;                     /* inside an entry */
  bool failed;
  char err[200];
};

/* Start writing an archive to FD (left open by the writer). */
void tar_writer_init (struct tar_writer *w, int fd);
/* Start a regular-file entry NAME (relative, printable ASCII, at most
   TAR_NAME_MAX bytes, no "." or ".." part) of exactly SIZE bytes, with
   permission bits MODE and modification time MTIME (seconds since the
   epoch).  False on a bad name, an entry still open, or a write error. */
bool tar_begin (struct tar_writer *w, const char *name, uint64_t size,
                unsigned int mode, int64_t mtime);
/* Append LEN bytes of the open entry; refuses more than its SIZE. */
bool tar_write (struct tar_writer *w, const void *data, size_t len);
/* Close the open entry (it must have received exactly SIZE bytes) and
   pad it to the block size. */
bool tar_end (struct tar_writer *w);
/* Write the end marker.  The caller then fsyncs and closes FD. */
bool tar_finish (struct tar_writer *w);

struct tar_entry {
  char name[257];                /* prefix "/" name when a prefix is set */
  char type;                     /* '0' regular (also from '\0'), '5' dir,
                                    anything else as found */
  unsigned int mode;
  uint64_t size;
  int64_t mtime;
  uint64_t offset;               /* of its header in the archive */
};

struct tar_reader {
  int fd;                        /* borrowed */
  uint64_t offset;               /* bytes consumed so far */
  uint64_t left;                 /* data bytes of the current entry unread */
  uint64_t pad;                  /* padding after them */
  bool ended;
  bool failed;
  char err[200];
};

void tar_reader_init (struct tar_reader *r, int fd);
/* Skip what is left of the current entry and read the next header into
   *E.  Returns 1 for an entry, 0 at the end marker, -1 on an error (a
   damaged header, a short archive; see ERR). */
int tar_next (struct tar_reader *r, struct tar_entry *e);
/* Read up to CAP bytes of the current entry's data into BUF.  Returns
   the count, 0 once the entry's data is all read, -1 on an error (the
   archive ends inside the entry). */
ssize_t tar_read (struct tar_reader *r, void *buf, size_t cap);

/* The header fields, exposed for the unit tests: encode V into a
   numeric field of LEN bytes (octal, or GNU base-256 when it does not
   fit), and parse one back (false when it is not a number). */
void tar_num_put (char *field, size_t len, uint64_t v);
bool tar_num_get (const char *field, size_t len, uint64_t *v);
#endif
