/*
 * wadah backup and wadah restore: the command line around backup.c.
 */
#include "backup.h"
#include "cli.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_backup[] =
  "usage: wadah backup --data DIR --out FILE\n"
  "\n"
  "Writes one archive FILE (tar, refused when FILE exists) while the server\n"
  "may keep serving: a consistent snapshot of the database, the settings\n"
  "file, then every attachment and evidence file the snapshot references,\n"
  "as stored (encrypted), and a MANIFEST of their sizes and SHA-256 sums.\n"
  "Nothing is decrypted; the archive is as private as DIR (mode 0600).\n"
  "Exits 1 naming the problem, leaving no FILE; also (FILE written, as\n"
  "evidence) when the audit log's chain is broken, which restore refuses.\n"
  "\n"
  "Not in a backup, keep them apart: the unit's recovery key (with the\n"
  "head of office), staff passwords, the signing key and exported anchors\n"
  "of the audit log when used, WADAH_* settings given by the environment,\n"
  "and the TLS proxy in front of wadah.\n";

static const char usage_restore[] =
  "usage: wadah restore --from FILE --data NEWDIR\n"
  "\n"
  "Restores a 'wadah backup' archive into NEWDIR, which must not exist or\n"
  "be empty.  Checks every file against the MANIFEST and the MANIFEST\n"
  "against itself, the database's soundness and schema, the audit log's\n"
  "hash chain, and that every attachment the database references is\n"
  "there; only then does NEWDIR appear.  Exits 1 naming the damaged or\n"
  "missing file, leaving NEWDIR as it was.  Then: wadah serve --data NEWDIR\n";

enum { B_DATA = 1, B_OUT, B_FROM, B_HELP };

/* Parse --data, --out, --from, --help; false on anything else. */
static bool
parse (int argc, char **argv, const char **data, const char **out,
       const char **from, bool *help)
{
  static const struct option longopts[] = {
    { "data", required_argument, NULL, B_DATA },
    { "out", required_argument, NULL, B_OUT },
    { "from", required_argument, NULL, B_FROM },
    { "help", no_argument, NULL, B_HELP },
    { 0 }
  };
  int c;
  *data = *out = *from = NULL;
  *help = false;
  optind = 1;
  opterr = 1;
  while (-1 != (c = getopt_long (argc, argv, "h", longopts, NULL)))
    switch (c)
    {
    case B_DATA: *data = optarg; break;
    case B_OUT: *out = optarg; break;
    case B_FROM: *from = optarg; break;
    case 'h':
    case B_HELP: *help = true; break;
    default: return false;
    }
  return optind == argc;
}

static void
print_size (const char *label, uint64_t bytes)
{
  printf ("%s%llu bytes (%.1f MiB)", label, (unsigned long long) bytes,
          (double) bytes / (1024.0 * 1024.0));
}

int
cli_backup (int argc, char **argv)
{
  const char *data, *out, *from;
  bool help;
  struct backup_report rep;
  char err[BACKUP_ERR];

  if (! parse (argc, argv, &data, &out, &from, &help))
    return fputs (usage_backup, stderr), 2;
  if (help)
    return fputs (usage_backup, stdout), 0;
  if (! data || ! out || from)
    return fputs (usage_backup, stderr), 2;
  if (! backup_write (data, out, &rep, err))
  {
    fprintf (stderr, "wadah: backup failed: %s\n", err);
    return 1;
  }
  printf ("backup written: %s\n", out);
  printf ("  database as of %s (schema %d): snapshot in %.2f s",
          rep.created, rep.schema, rep.snapshot_s);
  print_size (", ", rep.db_bytes);
  printf ("\n");
  if (rep.audit_ok)
    printf ("  audit log intact: %lld entries, head %s\n",
            (long long) rep.audit_entries, rep.audit_head);
  printf ("  attachments: %zu files referenced, all copied, ", rep.files);
  print_size ("", rep.file_bytes);
  printf ("\n");
  print_size ("  archive: ", rep.archive_bytes);
  printf (" in %.2f s", rep.total_s);
  if (rep.attempts > 1)
    printf (" (%d snapshots: referenced files vanished)", rep.attempts);
  printf ("\n");
  if (rep.unreferenced)
    printf ("  left out: %zu file(s) in attachments/ that the snapshot does"
            " not reference (written after it, or by a submission that"
            " failed)\n", rep.unreferenced);
  if (rep.others[0])
    printf ("  not in the backup (not wadah's): %s\n", rep.others);
  printf ("Keep apart from it: the recovery key, staff passwords, the audit"
          " log's signing key\nand anchors when used, WADAH_* environment"
          " settings.\n");
  if (! rep.audit_ok)
  {
    fprintf (stderr, "wadah: the audit log is BROKEN at entry %lld: %s.\n"
             "%s holds the database as it is, as evidence, but 'wadah"
             " restore' refuses it.\n", (long long) rep.audit_bad_id,
             rep.audit_reason, out);
    return 1;
  }
  return 0;
}

int
cli_restore (int argc, char **argv)
{
  const char *data, *out, *from;
  bool help;
  struct restore_report rep;
  char err[BACKUP_ERR];

  if (! parse (argc, argv, &data, &out, &from, &help))
    return fputs (usage_restore, stderr), 2;
  if (help)
    return fputs (usage_restore, stdout), 0;
  if (! data || ! from || out)
    return fputs (usage_restore, stderr), 2;
  if (! backup_restore (from, data, &rep, err))
  {
    fprintf (stderr, "wadah: restore refused: %s\nNothing was restored.\n",
             err);
    return 1;
  }
  printf ("restored %s into %s\n", from, data);
  printf ("  manifest: %zu entries, every SHA-256 matches, ", rep.entries);
  print_size ("", rep.bytes);
  printf ("\n");
  printf ("  database as of %s (schema %d); audit log intact: %lld entries,"
          " head %s\n", rep.created, rep.schema,
          (long long) rep.audit_entries, rep.audit_head);
  printf ("  attachments: %zu referenced, all present\n", rep.files);
  printf ("  in %.2f s\n", rep.total_s);
  printf ("Serve it with: wadah serve --data %s\n"
          "Staff log in with their own passwords; the recovery key is the"
          " one printed by 'wadah init'.\n", data);
  return 0;
}
