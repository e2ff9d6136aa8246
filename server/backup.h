/*
 * Backup and restore of a data directory (wadah backup, wadah restore;
 * cli_backup.c is the command line around these).
 *
 * A backup is taken while the server runs.  First a consistent snapshot
 * of the database (store_snapshot: one read transaction, so it holds
 * every submission committed before it began and none half-written);
 * then the attachment files that snapshot references.  An attachment is
 * written and fsynced before the row that names it commits, and never
 * changes afterwards, so every file the snapshot references is on disk
 * whole; files written after the snapshot are not referenced and not
 * taken.  Nothing deletes a referenced file today; should one vanish
 * between the snapshot and its copy (a future retention rule), the whole
 * backup starts again from a new snapshot, up to three times, and then
 * fails naming the file.
 *
 * The archive is a POSIX ustar file (tar.h), entries in this order:
 *
 *   wadah.db                  the snapshot (rollback-journal mode)
 *   wadah.conf                the settings file, when the directory has one
 *   attachments/<file>.bin    each referenced file, as stored (encrypted),
 *                             with its modification time (the day only
 *                             for WBS evidence)
 *   MANIFEST                  text, one item per line:
 *     wadah-backup 1
 *     created <UTC time of the snapshot, RFC 3339>
 *     schema <the database's schema version>
 *     audit <entries> <chain head, 64 hex>   or   audit-broken <entry id>
 *     file <SHA-256, 64 hex> <size in bytes> <entry name>    (each entry)
 *     end <SHA-256 of every manifest byte before this line>
 *
 * Every file is private (0600, directories 0700) in the archive and when
 * restored.  Nothing is decrypted: the archive holds what the disk holds.
 *
 * A restore goes into a new directory: it extracts into a sibling
 * NEWDIR.restore-XXXXXX, checks everything (every entry against the
 * manifest and the manifest against itself, the database's soundness,
 * schema and audit chain, every referenced attachment present), and only
 * then renames the staging directory to NEWDIR.  On any failure, and on
 * SIGINT, SIGTERM or SIGHUP, the staging directory is removed: nothing is
 * left half-restored.  An interrupted backup likewise removes its
 * unfinished files.
 */
#ifndef WADAH_BACKUP_H
#define WADAH_BACKUP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BACKUP_ERR 512

struct backup_report {
  char created[32];              /* the snapshot's time, RFC 3339 UTC */
  int schema;
  bool audit_ok;
  int64_t audit_entries;
  int64_t audit_bad_id;          /* when not audit_ok */
  char audit_reason[120];
  char audit_head[65];
  size_t files;                  /* attachment files archived */
  uint64_t db_bytes;             /* the snapshot's size */
  uint64_t file_bytes;           /* the attachments' sizes together */
  uint64_t archive_bytes;
  int attempts;                  /* snapshots taken (1 unless files vanished) */
  double snapshot_s, total_s;    /* seconds */
  size_t unreferenced;           /* files in attachments/ left out */
  char others[400];              /* other entries of the data directory,
                                    not in the backup ("" when none) */
};

/* Back up DATA_DIR to the new file OUT (refused when it exists).  The
   archive is written to OUT.partial-XXXXXX beside it, fsynced and only
   then given its name.  True when OUT is complete; REP describes it.  A
   broken audit chain does not stop the backup (the archive is evidence):
   REP->audit_ok is false and the caller must say so.  False with ERR
   (BACKUP_ERR bytes) naming the problem, and nothing left behind. */
bool backup_write (const char *data_dir, const char *out,
                   struct backup_report *rep, char *err);

struct restore_report {
  size_t entries;                /* archive entries checked */
  size_t files;                  /* attachment files restored */
  uint64_t bytes;                /* data restored */
  char created[32];              /* from the manifest */
  int schema;
  int64_t audit_entries;
  char audit_head[65];
  double total_s;
};

/* Restore the archive FROM into NEW_DIR, which must not exist or be an
   empty directory.  True when NEW_DIR holds the verified data directory.
   False with ERR (BACKUP_ERR bytes) naming the damaged or missing file or
   the broken entry; NEW_DIR is then as it was. */
bool backup_restore (const char *from, const char *new_dir,
                     struct restore_report *rep, char *err);
#endif
