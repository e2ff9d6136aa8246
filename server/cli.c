/* See cli.h. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
cli_fail (const char *fmt, const char *arg)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  fputs ("wadah: ", stderr);
  fprintf (stderr, fmt, arg);
#pragma GCC diagnostic pop
  fputc ('\n', stderr);
  return 1;
}

bool
cli_ident_ok (const char *s, size_t min, size_t max, bool allow_dot)
{
  size_t n = s ? strlen (s) : 0;
  if (n < min || n > max)
    return false;
  for (; *s; s++)
    if (! ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'
           || (allow_dot && (*s == '.' || *s == '_'))))
      return false;
  return true;
}

/* Read the first line of PATH into a sodium-free buffer the caller wipes. */
bool
cli_read_password (const char *path, char *out, size_t cap)
{
  FILE *f = fopen (path, "r");
  if (NULL == f)
    return false;
  bool ok = NULL != fgets (out, (int) cap, f);
  fclose (f);
  if (! ok)
    return false;
  out[strcspn (out, "\r\n")] = '\0';
  return true;
}


char *
cli_db_path (const char *dir)
{
  size_t n = strlen (dir) + 16;
  char *p = malloc (n);
  if (p)
    snprintf (p, n, "%s/wadah.db", dir);
  return p;
}

struct store *
cli_open_store (const char *dir, bool create)
{
  struct store *s = NULL;
  char *p = cli_db_path (dir);
  if (NULL == p)
    return NULL;
  if (! create && 0 != access (p, F_OK))
  {
    fprintf (stderr, "wadah: %s is not a wadah data directory"
                     " (run 'wadah init')\n", dir);
    free (p);
    return NULL;
  }
  if (STORE_OK != store_open (p, create, &s))
    s = NULL;
  free (p);
  return s;
}

