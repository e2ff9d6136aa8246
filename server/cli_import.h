/*
 * `wadah import` (cli_import.c): the command that loads a wadah-import/1
 * file through import.h.
 */
#ifndef WADAH_CLI_IMPORT_H
#define WADAH_CLI_IMPORT_H

/* ARGV[0] is "import"; returns the exit status: 0 imported, 2 bad command
   line or refused file, 1 internal failure (nothing written then). */
int cli_import (int argc, char **argv);
/* Import ROOT (a parsed wadah-import/1 document; borrowed) into unit SLUG
   of data directory DATA, as `wadah import` does: SHA is its SHA-256 (hex)
   and BASE its name for the audit entry, FILE its name in messages.
   Returns the exit status (0, 1 internal, 2 refused). */
#include <jansson.h>
int cli_import_document (const char *data, const char *slug, json_t *root,
                         const char *sha, const char *base,
                         const char *file);
#endif
