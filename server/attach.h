/*
 * Attachments (evidence files) on disk: encrypted before they are written,
 * under data/attachments/<random name>.bin, never the uploaded name.  The
 * plaintext is the original name (2-byte length, then the name) followed by
 * the content, sealed with a per-file key to a unit key (vault.h records,
 * associated data "attachment:<file>").  Types are checked by content.
 */
#ifndef WADAH_ATTACH_H
#define WADAH_ATTACH_H
#include "app.h"
#include "store_complaint.h"
#include <stdbool.h>
#include <stddef.h>

/* "image/jpeg", "image/png" or "application/pdf" by the first bytes of
   DATA; NULL for anything else. */
const char *attach_sniff (const void *data, size_t len);
/* Encrypt and durably write one file; fills ROW's file, mime, size and
   sealed_key.  False (nothing left on disk) on failure.  FILE_TIME, when
   not 0, becomes the file's access and modification time (WBS evidence
   carries only the day it came; the inode's change time still says more,
   see the README). */
bool attach_store (struct app *app, const unsigned char unit_pk[32],
                   const char *name, const void *data, size_t len,
                   const char *mime, int64_t file_time,
                   struct attachment_row *row);
/* Remove a stored file (when its database row could not be written). */
void attach_remove (struct app *app, const char *file);
/* Read and decrypt a file; *NAME and *DATA are malloc'ed (free *DATA
   after wiping it). */
bool attach_open (struct app *app, const unsigned char unit_pk[32],
                  const unsigned char *unit_sk,
                  const struct attachment_row *row, char **name,
                  unsigned char **data, size_t *len);
#endif
