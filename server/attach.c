/* See attach.h. */
#include "attach.h"
#include "log.h"
#include "vault.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
attach_sniff (const void *data, size_t len)
{
  const unsigned char *p = data;
  if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
    return "image/jpeg";
  if (len >= 8 && 0 == memcmp (p, "\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (len >= 5 && 0 == memcmp (p, "%PDF-", 5))
    return "application/pdf";
  return NULL;
}

static void
file_path (struct app *app, const char *file, char *out, size_t cap)
{
  snprintf (out, cap, "%s/attachments/%s.bin", app->data_dir, file);
}

static bool
write_all (int fd, const unsigned char *p, size_t n)
{
  while (n > 0)
  {
    ssize_t w = write (fd, p, n);
    if (w < 0)
    {
      if (errno == EINTR)
        continue;
      return false;
    }
    p += w;
    n -= (size_t) w;
  }
  return true;
}

bool
attach_store (struct app *app, const unsigned char unit_pk[32],
              const char *name, const void *data, size_t len,
              const char *mime, int64_t file_time,
              struct attachment_row *row)
{
  char path[4096], ad[80], dir[4096];
  size_t nl = strlen (name);
  if (nl > 0xffff)
    nl = 0xffff;
  size_t plen = 2 + nl + len;
  unsigned char *plain = malloc (plen);
  unsigned char *ct = NULL;
  size_t ct_len;
  bool ok = false;
  int fd = -1;

  if (NULL == plain)
    return false;
  plain[0] = (unsigned char) (nl >> 8);
  plain[1] = (unsigned char) nl;
  memcpy (plain + 2, name, nl);
  memcpy (plain + 2 + nl, data, len);
  memset (row, 0, sizeof *row);
  vault_random_hex (row->file, 16);
  snprintf (row->mime, sizeof row->mime, "%s", mime);
  row->size = (int64_t) len;
  snprintf (ad, sizeof ad, "attachment:%s", row->file);
  if (! vault_record_seal (unit_pk, ad, plain, plen, &ct, &ct_len,
                           row->sealed_key))
    goto cleanup;
  file_path (app, row->file, path, sizeof path);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
  {
    LOG_E ("cannot create an attachment file: %s", strerror (errno));
    goto cleanup;
  }
  struct timespec ts[2] = { { .tv_sec = (time_t) file_time },
                            { .tv_sec = (time_t) file_time } };
  /* The day-only time is set before the fsync, so that it is what lasts. */
  if (! write_all (fd, ct, ct_len)
      || (file_time && 0 != futimens (fd, ts))
      || 0 != fsync (fd))
  {
    LOG_E ("cannot write an attachment file: %s", strerror (errno));
    close (fd);
    fd = -1;
    unlink (path);
    goto cleanup;
  }
  close (fd);
  fd = -1;
  /* The new name must survive a crash too. */
  snprintf (dir, sizeof dir, "%s/attachments", app->data_dir);
  int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
  {
    /* Creating the file stamped the directory with the exact second. */
    if (file_time)
      futimens (dfd, ts);
    fsync (dfd);
    close (dfd);
  }
  ok = true;
cleanup:
  vault_wipe (plain, plen);
  free (plain);
  free (ct);
  return ok;
}

void
attach_remove (struct app *app, const char *file)
{
  char path[4096];
  file_path (app, file, path, sizeof path);
  unlink (path);
}

bool
attach_open (struct app *app, const unsigned char unit_pk[32],
             const unsigned char *unit_sk, const struct attachment_row *row,
             char **name, unsigned char **data, size_t *len)
{
  char path[4096], ad[80];
  struct stat st;
  unsigned char *ct = NULL;
  char *plain = NULL;
  size_t plen = 0;
  bool ok = false;

  file_path (app, row->file, path, sizeof path);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || 0 != fstat (fd, &st) || st.st_size <= 0
      || st.st_size > 64 * 1024 * 1024)
    goto cleanup;
  ct = malloc ((size_t) st.st_size);
  if (NULL == ct
      || st.st_size != read (fd, ct, (size_t) st.st_size))
    goto cleanup;
  snprintf (ad, sizeof ad, "attachment:%s", row->file);
  if (! vault_record_open (unit_pk, unit_sk, row->sealed_key, ad, ct,
                           (size_t) st.st_size, &plain, &plen)
      || plen < 2)
    goto cleanup;
  size_t nl = ((size_t) (unsigned char) plain[0] << 8)
              | (unsigned char) plain[1];
  if (2 + nl > plen)
    goto cleanup;
  *name = strndup (plain + 2, nl);
  *len = plen - 2 - nl;
  *data = malloc (*len ? *len : 1);
  if (NULL == *name || NULL == *data)
  {
    free (*name);
    free (*data);
    goto cleanup;
  }
  memcpy (*data, plain + 2 + nl, *len);
  ok = true;
cleanup:
  if (fd >= 0)
    close (fd);
  free (ct);
  if (plain)
  {
    vault_wipe (plain, plen);
    free (plain);
  }
  return ok;
}
