/*
 * `wadah import` (cli_import.c): the command that loads a wadah-import/1
 * file through import.h.
 */
#ifndef WADAH_CLI_IMPORT_H
#define WADAH_CLI_IMPORT_H

/* ARGV[0] is "import"; returns the exit status: 0 imported, 2 bad command
   line or refused file, 1 internal failure (nothing written then). */
int cli_import (int argc, char **argv);
#endif
