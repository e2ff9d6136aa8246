/*
 * Helpers shared by the command-line commands (main.c and the cli_*.c
 * files): messages, input files and opening a data directory's store.
 */
#ifndef WADAH_CLI_H
#define WADAH_CLI_H
#include "store.h"
#include <stdbool.h>
#include <stddef.h>

/* Print "wadah: " FMT (with ARG) to stderr; returns 1 (the exit code). */
int cli_fail (const char *fmt, const char *arg)
  __attribute__ ((format (printf, 1, 0)));
/* Is S MIN..MAX characters of a-z 0-9 '-' (and '.' '_' when ALLOW_DOT)? */
bool cli_ident_ok (const char *s, size_t min, size_t max, bool allow_dot);
/* Read the first line of PATH (without its line end) into OUT; the
   caller wipes it. */
bool cli_read_password (const char *path, char *out, size_t cap);
/* DIR/wadah.db (malloc'ed). */
char *cli_db_path (const char *dir);
/* Open the store of data directory DIR (creating it when CREATE); NULL
   with a message on stderr when DIR is not a data directory or the
   database cannot be opened. */
struct store *cli_open_store (const char *dir, bool create);
/* The commands kept in their own files. */
int cli_report (int argc, char **argv);
int cli_demo (int argc, char **argv);
int cli_backup (int argc, char **argv);
int cli_restore (int argc, char **argv);
#endif
