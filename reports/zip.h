/*
 * A small deterministic ZIP writer (stored entries, no compression) into a
 * struct buf.  It packs the CSV tables of a document (render_csv.c) and
 * the evidence pack (REPORTS.md §6): the same entries added in the same
 * order give the same bytes, because nothing in an entry comes from the
 * clock or the host.  Each entry carries the DOS time 00:00 of the date
 * the caller gives (the document's date), the UTF-8 name flag (bit 11),
 * no extra fields, and fixed "version made by" (Unix, 3.0) and external
 * attributes (a regular file, mode 0644; a directory, 0755).
 *
 * Limits (no ZIP64): at most 65,534 entries, and every entry, offset and
 * the whole archive below 4 GiB; past them zip_add / zip_finish refuse
 * with an error.  Data is copied into the buffer as it is added, so an
 * archive of a few thousand entries and several MB each is fine within
 * memory.
 *
 * Use:
 *   struct zip z;
 *   zip_init (&z, &out);
 *   zip_add (&z, "a.csv", data, len, 2026, 7, 10);   ... (any number)
 *   if (! zip_finish (&z)) log (zip_error (&z));
 *   zip_free (&z);
 *
 * Errors are sticky: after a failed zip_add every later call fails with
 * the first reason, so a caller may add everything and check once at
 * zip_finish.  Not thread-safe per struct zip; separate archives may be
 * written from separate threads.
 */
#ifndef WADAH_REPORTS_ZIP_H
#define WADAH_REPORTS_ZIP_H
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct zip_entry;

struct zip {
  struct buf *out;           /* borrowed; the archive is appended to it */
  size_t base;               /* OUT's length at zip_init: ZIP offsets are
                                counted from here */
  struct zip_entry *ent;     /* private: the central directory to come */
  size_t n, cap;
  size_t *slots;             /* private: name hash (entry index + 1) */
  size_t n_slots;
  bool failed;               /* sticky; ERR says why */
  bool finished;
  char err[160];
};

/* Start an archive at the end of OUT (borrowed; it must outlive Z). */
void zip_init (struct zip *z, struct buf *out);

/* Add a stored entry NAME (UTF-8, relative, '/' as separator; a name
   ending in '/' is a directory and must have LEN 0) holding LEN bytes of
   DATA (copied; may be NULL when LEN is 0), dated YEAR-MONTH-DAY 00:00
   (1980-01-01 to 2107-12-31).  Refuses an invalid or duplicate name, a bad
   date, or an archive that would reach 4 GiB or 65,535 entries.  Returns
   false on failure (see zip_error). */
bool zip_add (struct zip *z, const char *name, const void *data, size_t len,
              int year, int month, int day);

/* Append the central directory and the end record, then release Z's
   private state.  Returns false (see zip_error) when anything failed,
   including an earlier zip_add. */
bool zip_finish (struct zip *z);

/* The first failure's reason (English), or "" when none. */
const char *zip_error (const struct zip *z);

/* Release Z's private state (also after zip_finish; safe to repeat).
   OUT is not touched. */
void zip_free (struct zip *z);

/* CRC-32 (ISO-HDLC, the ZIP and PNG one) of LEN bytes of DATA, continuing
   from CRC (0 to start): zip_crc32 (0, "123456789", 9) == 0xCBF43926. */
uint32_t zip_crc32 (uint32_t crc, const void *data, size_t len);
#endif
