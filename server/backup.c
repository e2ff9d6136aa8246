/* See backup.h. */
#include "backup.h"
#include "audit.h"
#include "buf.h"
#include "store.h"
#include "tar.h"
#include "vault.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define COPY_BUF (1024 * 1024)
#define SNAPSHOT_ATTEMPTS 3
#define MANIFEST_MAX (256u * 1024 * 1024)
#define MANIFEST_VERSION 1

static void __attribute__ ((format (printf, 2, 3)))
say (char *err, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err, BACKUP_ERR, fmt, ap);
  va_end (ap);
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
utc_text (time_t t, char out[32])
{
  struct tm tm;
  gmtime_r (&t, &tm);
  strftime (out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* OUT = A "/" B; false when it does not fit. */
static bool
join (char *out, size_t cap, const char *a, const char *b)
{
  int n = snprintf (out, cap, "%s/%s", a, b);
  return n > 0 && (size_t) n < cap;
}

/* The directory part of PATH ("." when it has none). */
static void
dir_of (const char *path, char *out, size_t cap)
{
  const char *slash = strrchr (path, '/');
  if (NULL == slash)
    snprintf (out, cap, ".");
  else if (slash == path)
    snprintf (out, cap, "/");
  else
    snprintf (out, cap, "%.*s", (int) (slash - path), path);
}

static void
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
  {
    fsync (fd);
    close (fd);
  }
}

/* An attachment's stored name: what attach.c draws (32 hex digits), or
   any 1-64 of [0-9A-Za-z_-], never a path. */
static bool
attachment_name_ok (const char *f, size_t len)
{
  if (len < 1 || len > 64)
    return false;
  for (size_t i = 0; i < len; i++)
    if (! ((f[i] >= '0' && f[i] <= '9') || (f[i] >= 'a' && f[i] <= 'z')
           || (f[i] >= 'A' && f[i] <= 'Z') || f[i] == '_' || f[i] == '-'))
      return false;
  return true;
}

/* An entry name a backup holds. */
static bool
entry_name_ok (const char *name)
{
  if (0 == strcmp (name, "wadah.db") || 0 == strcmp (name, "wadah.conf")
      || 0 == strcmp (name, "MANIFEST"))
    return true;
  size_t n = strlen (name);
  return 0 == strncmp (name, "attachments/", 12) && n > 16
         && 0 == strcmp (name + n - 4, ".bin")
         && attachment_name_ok (name + 12, n - 16);
}

/* A growable list of strings. */
struct names {
  char **v;
  size_t n, cap;
  bool oom;
};

static bool
names_add (struct names *l, const char *s)
{
  if (l->n == l->cap)
  {
    size_t cap = l->cap ? 2 * l->cap : 256;
    char **v = realloc (l->v, cap * sizeof *v);
    if (NULL == v)
      return ! (l->oom = true);
    l->v = v;
    l->cap = cap;
  }
  if (NULL == (l->v[l->n] = strdup (s)))
    return ! (l->oom = true);
  l->n++;
  return true;
}

static void
names_clear (struct names *l)
{
  for (size_t i = 0; i < l->n; i++)
    free (l->v[i]);
  l->n = 0;
  l->oom = false;
}

static void
names_free (struct names *l)
{
  names_clear (l);
  free (l->v);
  memset (l, 0, sizeof *l);
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* ================================================================== */
/* backup                                                              */
/* ================================================================== */

struct bk {
  const char *data_dir;
  char db[4096], snap[4096], tmp[4096], out_dir[4096];
  int tmp_fd;
  bool have_snap, have_tmp;
  struct names files;            /* referenced by the snapshot, sorted */
  bool bad_name;
  char bad[80];
  struct buf manifest;
  struct tar_writer tw;
  unsigned char *copy;
  struct backup_report *rep;
  char *err;
};

static bool
collect_file (void *cls, const char *file)
{
  struct bk *b = cls;
  if (! attachment_name_ok (file, strlen (file)))
  {
    b->bad_name = true;
    snprintf (b->bad, sizeof b->bad, "%.60s", file);
    return false;
  }
  return names_add (&b->files, file);
}

/* Copy the open file FD (SIZE bytes) into the archive as NAME, hashing it
   on the way, and add its manifest line. */
static bool
archive_fd (struct bk *b, const char *name, int fd, uint64_t size,
            int64_t mtime)
{
  struct vault_sha256 h;
  char sha[65];
  uint64_t left = size;

  vault_sha256_init (&h);
  if (! tar_begin (&b->tw, name, size, 0600, mtime))
    goto tar_fail;
  while (left > 0)
  {
    size_t want = left < COPY_BUF ? (size_t) left : COPY_BUF;
    ssize_t n = read (fd, b->copy, want);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
    {
      say (b->err, "%s: %s while it was copied", name,
           n < 0 ? strerror (errno) : "the file got shorter");
      return false;
    }
    vault_sha256_update (&h, b->copy, (size_t) n);
    if (! tar_write (&b->tw, b->copy, (size_t) n))
      goto tar_fail;
    left -= (uint64_t) n;
  }
  if (! tar_end (&b->tw))
    goto tar_fail;
  vault_sha256_final (&h, sha);
  buf_printf (&b->manifest, "file %s %llu %s\n", sha,
              (unsigned long long) size, name);
  return true;
tar_fail:
  say (b->err, "%s: %s", name, b->tw.err);
  return false;
}

/* Open PATH for copying: 1 open (FD, ST filled), 0 absent, -1 error. */
static int
open_regular (const char *path, int *fd, struct stat *st, char *err)
{
  *fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (*fd < 0)
  {
    if (errno == ENOENT)
      return 0;
    say (err, "cannot read %s: %s", path, strerror (errno));
    return -1;
  }
  if (0 != fstat (*fd, st) || ! S_ISREG (st->st_mode))
  {
    say (err, "%s is not a regular file", path);
    close (*fd);
    *fd = -1;
    return -1;
  }
  return 1;
}

/* Write the whole archive from the current snapshot.  False with ERR
   set, or with *VANISHED naming a referenced file that was not there. */
static bool
archive_write (struct bk *b, time_t created, char vanished[96])
{
  char path[4096], name[96];
  struct stat st;
  int fd;

  vanished[0] = '\0';
  if (0 != ftruncate (b->tmp_fd, 0) || (off_t) -1 == lseek (b->tmp_fd, 0,
                                                            SEEK_SET))
  {
    say (b->err, "cannot write %s: %s", b->tmp, strerror (errno));
    return false;
  }
  tar_writer_init (&b->tw, b->tmp_fd);
  b->manifest.len = 0;
  buf_printf (&b->manifest, "wadah-backup %d\ncreated %s\nschema %d\n",
              MANIFEST_VERSION, b->rep->created, b->rep->schema);
  if (b->rep->audit_ok)
    buf_printf (&b->manifest, "audit %lld %s\n",
                (long long) b->rep->audit_entries, b->rep->audit_head);
  else
    buf_printf (&b->manifest, "audit-broken %lld\n",
                (long long) b->rep->audit_bad_id);

  /* The snapshot. */
  if (1 != open_regular (b->snap, &fd, &st, b->err))
  {
    if (! b->err[0])
      say (b->err, "the snapshot %s is gone", b->snap);
    return false;
  }
  b->rep->db_bytes = (uint64_t) st.st_size;
  bool ok = archive_fd (b, "wadah.db", fd, (uint64_t) st.st_size,
                        (int64_t) created);
  close (fd);
  if (! ok)
    return false;

  /* The settings file, when there is one. */
  if (! join (path, sizeof path, b->data_dir, "wadah.conf"))
    return say (b->err, "the data directory's path is too long"), false;
  switch (open_regular (path, &fd, &st, b->err))
  {
  case -1:
    return false;
  case 1:
    ok = archive_fd (b, "wadah.conf", fd, (uint64_t) st.st_size,
                     (int64_t) st.st_mtime);
    close (fd);
    if (! ok)
      return false;
    break;
  default:
    break;
  }

  /* Each referenced attachment, as stored. */
  b->rep->files = 0;
  b->rep->file_bytes = 0;
  for (size_t i = 0; i < b->files.n; i++)
  {
    snprintf (name, sizeof name, "attachments/%s.bin", b->files.v[i]);
    if (! join (path, sizeof path, b->data_dir, name))
      return say (b->err, "the data directory's path is too long"), false;
    switch (open_regular (path, &fd, &st, b->err))
    {
    case -1:
      return false;
    case 0:
      snprintf (vanished, 96, "%s", name);
      return false;
    default:
      break;
    }
    ok = archive_fd (b, name, fd, (uint64_t) st.st_size,
                     (int64_t) st.st_mtime);
    close (fd);
    if (! ok)
      return false;
    b->rep->files++;
    b->rep->file_bytes += (uint64_t) st.st_size;
  }

  /* The manifest closes with the hash of everything above its last
     line, so that a damaged manifest is told from a damaged file. */
  char sha[65];
  vault_sha256_hex (b->manifest.p, b->manifest.len, sha);
  buf_printf (&b->manifest, "end %s\n", sha);
  if (b->manifest.oom)
    return say (b->err, "out of memory for the manifest"), false;
  if (! tar_begin (&b->tw, "MANIFEST", b->manifest.len, 0600,
                   (int64_t) created)
      || ! tar_write (&b->tw, b->manifest.p, b->manifest.len)
      || ! tar_end (&b->tw) || ! tar_finish (&b->tw))
    return say (b->err, "MANIFEST: %s", b->tw.err), false;
  return true;
}

/* What else the data directory holds, and how many attachment files on
   disk the snapshot does not reference (written after it, or left by a
   submission that failed). */
static void
survey_dir (struct bk *b)
{
  char path[4096];
  DIR *d = opendir (b->data_dir);
  struct dirent *e;
  static const char *const known[] = { "wadah.db", "wadah.db-wal",
                                       "wadah.db-shm", "wadah.db-journal",
                                       "wadah.conf", "attachments" };
  size_t o = 0;
  b->rep->others[0] = '\0';
  while (d && NULL != (e = readdir (d)))
  {
    bool skip = 0 == strcmp (e->d_name, ".") || 0 == strcmp (e->d_name, "..");
    for (size_t i = 0; ! skip && i < sizeof known / sizeof known[0]; i++)
      skip = 0 == strcmp (e->d_name, known[i]);
    if (skip || o >= sizeof b->rep->others - 1)
      continue;
    int n = snprintf (b->rep->others + o, sizeof b->rep->others - o, "%s%s",
                      o ? ", " : "", e->d_name);
    if (n > 0)
      o += (size_t) n;
  }
  if (d)
    closedir (d);
  b->rep->unreferenced = 0;
  if (! join (path, sizeof path, b->data_dir, "attachments")
      || NULL == (d = opendir (path)))
    return;
  while (NULL != (e = readdir (d)))
  {
    size_t n = strlen (e->d_name);
    if (n <= 4 || 0 != strcmp (e->d_name + n - 4, ".bin"))
      continue;
    char stem[80];
    snprintf (stem, sizeof stem, "%.*s", (int) (n - 4), e->d_name);
    char *key = stem;
    if (NULL == bsearch (&key, b->files.v, b->files.n, sizeof (char *),
                         cmp_str))
      b->rep->unreferenced++;
  }
  closedir (d);
}

static void
hex32 (const unsigned char h[32], char out[65])
{
  for (int i = 0; i < 32; i++)
    snprintf (out + 2 * i, 3, "%02x", h[i]);
}

/* The files an interrupted backup must not leave behind: removed by the
   signal handler (unlink is async-signal-safe), cleared once gone. */
static char bk_tmp_path[4096], bk_snap_path[4096];

static void
bk_on_signal (int sig)
{
  if (bk_tmp_path[0])
    unlink (bk_tmp_path);
  if (bk_snap_path[0])
    unlink (bk_snap_path);
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
bk_track (char *slot, const char *path)
{
  sigset_t all, old;
  sigfillset (&all);
  sigprocmask (SIG_BLOCK, &all, &old);
  snprintf (slot, 4096, "%s", path ? path : "");
  sigprocmask (SIG_SETMASK, &old, NULL);
}

bool
backup_write (const char *data_dir, const char *out,
              struct backup_report *rep, char *err)
{
  struct bk b;
  struct stat st;
  char e[200], vanished[96] = "";
  bool ok = false;
  double t_start = now_s ();

  memset (&b, 0, sizeof b);
  memset (rep, 0, sizeof *rep);
  err[0] = '\0';
  b.data_dir = data_dir;
  b.rep = rep;
  b.err = err;
  b.tmp_fd = -1;
  /* Everything written here is as private as the data directory. */
  umask (077);
  if (! join (b.db, sizeof b.db, data_dir, "wadah.db")
      || 0 != stat (b.db, &st))
  {
    say (err, "%s is not a wadah data directory (no wadah.db)", data_dir);
    return false;
  }
  if (0 == lstat (out, &st))
  {
    say (err, "%s already exists; refusing to overwrite it", out);
    return false;
  }
  if (errno != ENOENT)
  {
    say (err, "%s: %s", out, strerror (errno));
    return false;
  }
  dir_of (out, b.out_dir, sizeof b.out_dir);
  if (NULL == (b.copy = malloc (COPY_BUF)))
  {
    say (err, "out of memory");
    return false;
  }
  int n = snprintf (b.tmp, sizeof b.tmp, "%s.partial-XXXXXX", out);
  if (n < 0 || (size_t) n >= sizeof b.tmp
      || (b.tmp_fd = mkstemp (b.tmp)) < 0)
  {
    say (err, "cannot create a file beside %s: %s", out, strerror (errno));
    goto cleanup;
  }
  b.have_tmp = true;
  bk_track (bk_tmp_path, b.tmp);
  signal (SIGINT, bk_on_signal);
  signal (SIGTERM, bk_on_signal);
  signal (SIGHUP, bk_on_signal);

  int newest = store_schema_newest ();
  for (rep->attempts = 1;; rep->attempts++)
  {
    /* A new snapshot each attempt: a file that vanished is then no
       longer referenced, unless it was lost. */
    if (b.have_snap)
      unlink (b.snap);
    b.have_snap = false;
    bk_track (bk_snap_path, NULL);
    names_clear (&b.files);
    n = snprintf (b.snap, sizeof b.snap, "%s.snapshot-XXXXXX", out);
    int sfd = n > 0 && (size_t) n < sizeof b.snap ? mkstemp (b.snap) : -1;
    if (sfd < 0)
    {
      say (err, "cannot create a file beside %s: %s", out, strerror (errno));
      goto cleanup;
    }
    close (sfd);
    b.have_snap = true;
    bk_track (bk_snap_path, b.snap);
    time_t created = time (NULL);
    double t0 = now_s ();
    if (STORE_OK != store_snapshot (b.db, b.snap, e))
    {
      say (err, "%s: %s", b.db, e);
      goto cleanup;
    }
    rep->snapshot_s = now_s () - t0;
    utc_text (created, rep->created);
    if (STORE_OK != store_file_schema (b.snap, &rep->schema, e))
    {
      say (err, "the snapshot of %s: %s", b.db, e);
      goto cleanup;
    }
    if (rep->schema > newest)
    {
      say (err, "the database has schema version %d, newer than this"
           " program's %d: back it up with the wadah that serves it",
           rep->schema, newest);
      goto cleanup;
    }
    struct audit_verdict v;
    char why[200];
    if (STORE_OK != audit_verify_file (b.snap, &v, e, why))
    {
      say (err, "the snapshot's audit log: %s", e);
      goto cleanup;
    }
    rep->audit_ok = v.ok;
    rep->audit_entries = v.entries;
    rep->audit_bad_id = v.n_problems ? v.problems[0].entry : 0;
    snprintf (rep->audit_reason, sizeof rep->audit_reason, "%s", why);
    hex32 (v.head, rep->audit_head);
    b.bad_name = false;
    if (STORE_OK != store_file_attachments (b.snap, &collect_file, &b, e)
        || b.files.oom)
    {
      say (err, "the snapshot's attachments: %s", b.files.oom
           ? "out of memory" : e);
      goto cleanup;
    }
    if (b.bad_name)
    {
      say (err, "the database references an attachment named '%s', which"
           " is not a stored file name", b.bad);
      goto cleanup;
    }
    /* The query sorts them; survey_dir looks names up. */
    qsort (b.files.v, b.files.n, sizeof (char *), cmp_str);
    if (archive_write (&b, created, vanished))
      break;
    if (! vanished[0])
      goto cleanup;
    if (rep->attempts == SNAPSHOT_ATTEMPTS)
    {
      say (err, "%s/%s is referenced by the database but missing (still"
           " after %d snapshots): the data directory has lost it",
           data_dir, vanished, SNAPSHOT_ATTEMPTS);
      goto cleanup;
    }
  }
  if (0 != fsync (b.tmp_fd))
  {
    say (err, "cannot write %s: %s", b.tmp, strerror (errno));
    goto cleanup;
  }
  rep->archive_bytes = b.tw.offset;
  close (b.tmp_fd);
  b.tmp_fd = -1;
  /* link() refuses an existing name, where rename() would replace it. */
  if (0 != link (b.tmp, out))
  {
    say (err, "cannot name the archive %s: %s", out, strerror (errno));
    goto cleanup;
  }
  bk_track (bk_tmp_path, NULL);
  unlink (b.tmp);
  b.have_tmp = false;
  fsync_dir (b.out_dir);
  survey_dir (&b);
  rep->total_s = now_s () - t_start;
  ok = true;
cleanup:
  if (b.tmp_fd >= 0)
    close (b.tmp_fd);
  if (b.have_tmp)
    unlink (b.tmp);
  if (b.have_snap)
    unlink (b.snap);
  bk_track (bk_tmp_path, NULL);
  bk_track (bk_snap_path, NULL);
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  names_free (&b.files);
  buf_free (&b.manifest);
  free (b.copy);
  return ok;
}

/* ================================================================== */
/* restore                                                             */
/* ================================================================== */

/* A restore stops at the next piece of data once a signal comes, and
   removes what it extracted: nothing half-restored, even interrupted. */
static volatile sig_atomic_t rs_interrupted;

static void
rs_on_signal (int sig)
{
  (void) sig;
  rs_interrupted = 1;
}

struct entry {
  char name[96];
  uint64_t size;
  int64_t mtime;
  char sha[65];
  bool listed;                   /* met in the manifest */
};

struct mf_file {
  char name[96];
  uint64_t size;
  char sha[65];
};

struct rs {
  char staging[4096];
  bool have_staging;
  struct entry *ent;
  size_t n_ent, cap_ent;
  char *manifest;
  size_t manifest_len;
  unsigned char *copy;
  /* From the manifest. */
  int version;
  char created[32];
  int schema;
  bool audit_ok;
  int64_t audit_entries, audit_bad_id;
  char audit_head[65];
  struct mf_file *mf;
  size_t n_mf, cap_mf;
  char *err;
};

static int
cmp_entry (const void *a, const void *b)
{
  return strcmp (((const struct entry *) a)->name,
                 ((const struct entry *) b)->name);
}

static struct entry *
find_entry (struct rs *r, const char *name)
{
  struct entry key;
  snprintf (key.name, sizeof key.name, "%s", name);
  return bsearch (&key, r->ent, r->n_ent, sizeof *r->ent, cmp_entry);
}

/* Remove the staging directory and everything in it (two levels, all
   made by this restore). */
static void
remove_tree (const char *dir)
{
  char path[4096];
  DIR *d = opendir (dir);
  struct dirent *e;
  if (NULL == d)
    return;
  while (NULL != (e = readdir (d)))
  {
    if (0 == strcmp (e->d_name, ".") || 0 == strcmp (e->d_name, ".."))
      continue;
    if (! join (path, sizeof path, dir, e->d_name))
      continue;
    if (0 != unlink (path) && (errno == EISDIR || errno == EPERM))
      remove_tree (path);
  }
  closedir (d);
  rmdir (dir);
}

/* Extract the current entry E of R into the staging directory. */
static bool
extract (struct rs *rs, struct tar_reader *tr, const struct tar_entry *e)
{
  char path[4096];
  struct vault_sha256 h;
  struct entry *x;
  ssize_t n;

  if (rs->n_ent == rs->cap_ent)
  {
    size_t cap = rs->cap_ent ? 2 * rs->cap_ent : 256;
    struct entry *v = realloc (rs->ent, cap * sizeof *v);
    if (NULL == v)
      return say (rs->err, "out of memory"), false;
    rs->ent = v;
    rs->cap_ent = cap;
  }
  x = &rs->ent[rs->n_ent++];
  memset (x, 0, sizeof *x);
  snprintf (x->name, sizeof x->name, "%s", e->name);
  x->size = e->size;
  x->mtime = e->mtime;
  if (! join (path, sizeof path, rs->staging, e->name))
    return say (rs->err, "the restore directory's path is too long"), false;
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                 0600);
  if (fd < 0)
  {
    say (rs->err, "%s: %s", e->name, errno == EEXIST
         ? "appears twice in the archive" : strerror (errno));
    return false;
  }
  vault_sha256_init (&h);
  while ((n = tar_read (tr, rs->copy, COPY_BUF)) > 0)
  {
    if (rs_interrupted)
    {
      say (rs->err, "interrupted");
      close (fd);
      return false;
    }
    vault_sha256_update (&h, rs->copy, (size_t) n);
    for (ssize_t done = 0; done < n;)
    {
      ssize_t w = write (fd, rs->copy + done, (size_t) (n - done));
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
      {
        say (rs->err, "cannot write %s: %s", path,
             w < 0 ? strerror (errno) : "nothing written");
        close (fd);
        return false;
      }
      done += w;
    }
  }
  if (n < 0)
  {
    say (rs->err, "%s: %s", e->name, tr->err);
    close (fd);
    return false;
  }
  vault_sha256_final (&h, x->sha);
  struct timespec ts[2] = { { .tv_sec = (time_t) e->mtime },
                            { .tv_sec = (time_t) e->mtime } };
  futimens (fd, ts);
  if (0 != close (fd))
    return say (rs->err, "cannot write %s: %s", path, strerror (errno)),
           false;
  return true;
}

static bool
read_manifest (struct rs *rs, struct tar_reader *tr,
               const struct tar_entry *e)
{
  ssize_t n;
  size_t len = 0;
  if (rs->manifest)
    return say (rs->err, "MANIFEST appears twice in the archive"), false;
  if (e->size > MANIFEST_MAX)
    return say (rs->err, "MANIFEST is %llu bytes: damaged",
                (unsigned long long) e->size), false;
  if (NULL == (rs->manifest = malloc ((size_t) e->size + 1)))
    return say (rs->err, "out of memory"), false;
  while ((n = tar_read (tr, rs->manifest + len, (size_t) e->size - len)) > 0)
    len += (size_t) n;
  if (n < 0)
    return say (rs->err, "MANIFEST: %s", tr->err), false;
  rs->manifest[len] = '\0';
  rs->manifest_len = len;
  return true;
}

static bool
hex64_ok (const char *s)
{
  if (strlen (s) != 64)
    return false;
  for (; *s; s++)
    if (! ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
      return false;
  return true;
}

/* Parse the manifest into RS; false with ERR on anything out of place. */
static bool
parse_manifest (struct rs *rs)
{
  char *m = rs->manifest;
  size_t len = rs->manifest_len;
  char sha[65];

  if (0 == len || m[len - 1] != '\n' || strlen (m) != len)
    return say (rs->err, "MANIFEST is damaged (it does not end with a"
                " line)"), false;
  /* The last line: "end <sha of everything before it>". */
  char *last = m + len - 1;
  while (last > m && last[-1] != '\n')
    last--;
  if (0 != strncmp (last, "end ", 4) || last + 4 + 64 + 1 != m + len)
    return say (rs->err, "MANIFEST is damaged or cut short (no end line)"),
           false;
  vault_sha256_hex (m, (size_t) (last - m), sha);
  if (0 != memcmp (sha, last + 4, 64))
    return say (rs->err, "MANIFEST is damaged (its own SHA-256 does not"
                " match its end line)"), false;
  *last = '\0';

  int line_no = 0;
  bool have_created = false, have_schema = false, have_audit = false;
  rs->version = 0;
  for (char *line = m, *next; *line; line = next)
  {
    char *nl = strchr (line, '\n');
    *nl = '\0';
    next = nl + 1;
    line_no++;
    char word[16], a[80], b[80], c[100], extra[2];
    int k = sscanf (line, "%15s %79s %79s %99s %1s", word, a, b, c, extra);
    if (1 == line_no)
    {
      if (2 != k || 0 != strcmp (word, "wadah-backup")
          || 1 != sscanf (a, "%d", &rs->version))
        return say (rs->err, "MANIFEST is not a wadah backup manifest"),
               false;
      if (rs->version != MANIFEST_VERSION)
        return say (rs->err, "MANIFEST is of format %d; this program"
                    " reads format %d (restore with a newer wadah)",
                    rs->version, MANIFEST_VERSION), false;
      continue;
    }
    if (2 == k && 0 == strcmp (word, "created"))
    {
      snprintf (rs->created, sizeof rs->created, "%s", a);
      have_created = true;
    }
    else if (2 == k && 0 == strcmp (word, "schema")
             && 1 == sscanf (a, "%d", &rs->schema))
      have_schema = true;
    else if (3 == k && 0 == strcmp (word, "audit") && hex64_ok (b)
             && 1 == sscanf (a, "%lld", (long long *) &rs->audit_entries))
    {
      rs->audit_ok = have_audit = true;
      snprintf (rs->audit_head, sizeof rs->audit_head, "%s", b);
    }
    else if (2 == k && 0 == strcmp (word, "audit-broken")
             && 1 == sscanf (a, "%lld", (long long *) &rs->audit_bad_id))
      have_audit = true;
    else if (4 == k && 0 == strcmp (word, "file") && hex64_ok (a)
             && entry_name_ok (c) && 0 != strcmp (c, "MANIFEST"))
    {
      char *end;
      errno = 0;
      unsigned long long size = strtoull (b, &end, 10);
      if (*end || errno || b[0] == '-')
        return say (rs->err, "MANIFEST is damaged (line %d)", line_no),
               false;
      if (rs->n_mf == rs->cap_mf)
      {
        size_t cap = rs->cap_mf ? 2 * rs->cap_mf : 256;
        struct mf_file *v = realloc (rs->mf, cap * sizeof *v);
        if (NULL == v)
          return say (rs->err, "out of memory"), false;
        rs->mf = v;
        rs->cap_mf = cap;
      }
      struct mf_file *f = &rs->mf[rs->n_mf++];
      snprintf (f->name, sizeof f->name, "%s", c);
      snprintf (f->sha, sizeof f->sha, "%s", a);
      f->size = size;
    }
    else
      return say (rs->err, "MANIFEST is damaged (line %d)", line_no), false;
  }
  if (0 == rs->version || ! have_created || ! have_schema || ! have_audit)
    return say (rs->err, "MANIFEST is incomplete"), false;
  return true;
}

/* Every manifest line matches an entry and every entry a line. */
static bool
check_entries (struct rs *rs)
{
  for (size_t i = 0; i < rs->n_mf; i++)
  {
    struct mf_file *f = &rs->mf[i];
    struct entry *x = find_entry (rs, f->name);
    if (NULL == x)
      return say (rs->err, "%s: listed in the manifest but missing from the"
                  " archive", f->name), false;
    if (x->listed)
      return say (rs->err, "MANIFEST is damaged (%s listed twice)",
                  f->name), false;
    x->listed = true;
    if (x->size != f->size)
      return say (rs->err, "%s: %llu bytes in the archive, %llu in the"
                  " manifest (damaged)", f->name,
                  (unsigned long long) x->size,
                  (unsigned long long) f->size), false;
    if (0 != strcmp (x->sha, f->sha))
      return say (rs->err, "%s: damaged (its SHA-256 does not match the"
                  " manifest)", f->name), false;
  }
  for (size_t i = 0; i < rs->n_ent; i++)
    if (! rs->ent[i].listed)
      return say (rs->err, "%s: in the archive but not in the manifest",
                  rs->ent[i].name), false;
  return true;
}

struct ref_check {
  struct rs *rs;
  size_t referenced;
  char missing[96];
};

static bool
ref_one (void *cls, const char *file)
{
  struct ref_check *c = cls;
  char name[96];
  if (! attachment_name_ok (file, strlen (file)))
  {
    snprintf (c->missing, sizeof c->missing, "%.60s", file);
    return false;
  }
  snprintf (name, sizeof name, "attachments/%s.bin", file);
  if (NULL == find_entry (c->rs, name))
  {
    snprintf (c->missing, sizeof c->missing, "%s", name);
    return false;
  }
  c->referenced++;
  return true;
}

/* The database of the staging directory: sound, not newer than this
   program, its audit chain intact and the one the manifest recorded,
   every attachment it references present. */
static bool
check_database (struct rs *rs, struct restore_report *rep)
{
  char db[4096], e[200];
  int schema;
  struct audit_verdict v;
  char head[65];

  if (NULL == find_entry (rs, "wadah.db"))
    return say (rs->err, "wadah.db: missing from the archive"), false;
  if (! join (db, sizeof db, rs->staging, "wadah.db"))
    return say (rs->err, "the restore directory's path is too long"), false;
  switch (store_file_check (db, e))
  {
  case STORE_OK:
    break;
  case STORE_NO_ROW:
    return say (rs->err, "wadah.db: %s", e), false;
  default:
    return say (rs->err, "wadah.db: not a readable database: %s", e), false;
  }
  if (STORE_OK != store_file_schema (db, &schema, e))
    return say (rs->err, "wadah.db: %s", e), false;
  if (schema != rs->schema)
    return say (rs->err, "wadah.db: schema version %d, the manifest says %d",
                schema, rs->schema), false;
  if (schema > store_schema_newest ())
    return say (rs->err, "wadah.db: schema version %d is newer than this"
                " program's %d: restore with a newer wadah", schema,
                store_schema_newest ()), false;
  char why[200];
  if (STORE_OK != audit_verify_file (db, &v, e, why))
    return say (rs->err, "wadah.db: cannot read the audit log: %s", e),
           false;
  if (! v.ok)
    return say (rs->err, "wadah.db: audit log BROKEN: %s", why), false;
  hex32 (v.head, head);
  if (! rs->audit_ok || v.entries != rs->audit_entries
      || 0 != strcmp (head, rs->audit_head))
    return say (rs->err, "wadah.db: its audit chain (%lld entries, head"
                " %.16s...) is not the one the manifest recorded",
                (long long) v.entries, head), false;
  rep->schema = schema;
  rep->audit_entries = v.entries;
  snprintf (rep->audit_head, sizeof rep->audit_head, "%s", head);

  struct ref_check c = { rs, 0, "" };
  if (STORE_OK != store_file_attachments (db, &ref_one, &c, e))
    return say (rs->err, "wadah.db: cannot list its attachments: %s", e),
           false;
  if (c.missing[0])
    return say (rs->err, "%s: referenced by the database but missing from"
                " the archive", c.missing), false;
  rep->files = c.referenced;
  return true;
}

bool
backup_restore (const char *from, const char *new_dir,
                struct restore_report *rep, char *err)
{
  struct rs rs;
  struct tar_reader tr;
  struct tar_entry e;
  struct stat st;
  char target[4096], parent[4096], path[4096], prev[96] = "";
  bool ok = false;
  int fd = -1, got;
  double t_start = now_s ();

  memset (&rs, 0, sizeof rs);
  memset (rep, 0, sizeof *rep);
  err[0] = '\0';
  rs.err = err;
  umask (077);
  rs_interrupted = 0;
  struct sigaction sa, old_int, old_term, old_hup;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = rs_on_signal;
  sigaction (SIGINT, &sa, &old_int);
  sigaction (SIGTERM, &sa, &old_term);
  sigaction (SIGHUP, &sa, &old_hup);
  /* NEW_DIR without trailing slashes: the staging directory is its
     sibling, renamed onto it at the end. */
  snprintf (target, sizeof target, "%s", new_dir);
  for (size_t l = strlen (target); l > 1 && target[l - 1] == '/'; l--)
    target[l - 1] = '\0';
  if (0 == lstat (target, &st))
  {
    DIR *d = S_ISDIR (st.st_mode) ? opendir (target) : NULL;
    struct dirent *de;
    bool empty = NULL != d;
    while (d && empty && NULL != (de = readdir (d)))
      empty = 0 == strcmp (de->d_name, ".") || 0 == strcmp (de->d_name, "..");
    if (d)
      closedir (d);
    if (! empty)
    {
      say (err, "%s exists and is not an empty directory; restore only into"
           " a new one", target);
      return false;
    }
  }
  else if (errno != ENOENT)
  {
    say (err, "%s: %s", target, strerror (errno));
    return false;
  }
  dir_of (target, parent, sizeof parent);
  if (0 != stat (parent, &st) || ! S_ISDIR (st.st_mode))
  {
    say (err, "%s does not exist", parent);
    return false;
  }
  if ((fd = open (from, O_RDONLY | O_CLOEXEC)) < 0)
  {
    say (err, "cannot read %s: %s", from, strerror (errno));
    return false;
  }
  if (NULL == (rs.copy = malloc (COPY_BUF)))
  {
    say (err, "out of memory");
    goto cleanup;
  }
  int n = snprintf (rs.staging, sizeof rs.staging, "%s.restore-XXXXXX",
                    target);
  if (n < 0 || (size_t) n >= sizeof rs.staging || NULL == mkdtemp (rs.staging))
  {
    say (err, "cannot create a directory beside %s: %s", target,
         strerror (errno));
    goto cleanup;
  }
  rs.have_staging = true;
  if (! join (path, sizeof path, rs.staging, "attachments")
      || 0 != mkdir (path, 0700))
  {
    say (err, "cannot create %s: %s", path, strerror (errno));
    goto cleanup;
  }

  /* Extract every entry, hashing it on the way. */
  tar_reader_init (&tr, fd);
  while (1 == (got = tar_next (&tr, &e)))
  {
    if (rs_interrupted)
    {
      say (err, "interrupted");
      goto cleanup;
    }
    if (e.type != '0')
    {
      say (err, "%s: the archive holds it as something other than a"
           " regular file", e.name);
      goto cleanup;
    }
    if (! entry_name_ok (e.name))
    {
      say (err, "'%.80s': not a file of a wadah backup", e.name);
      goto cleanup;
    }
    if (0 == strcmp (e.name, "MANIFEST") ? ! read_manifest (&rs, &tr, &e)
                                         : ! extract (&rs, &tr, &e))
      goto cleanup;
    rep->bytes += e.size;
    snprintf (prev, sizeof prev, "%s", e.name);
  }
  if (got < 0)
  {
    if (prev[0])
      say (err, "%s: %s (after %s)", from, tr.err, prev);
    else
      say (err, "%s: %s", from, tr.err);
    goto cleanup;
  }
  if (NULL == rs.manifest)
  {
    say (err, "%s has no MANIFEST: not a wadah backup, or cut short", from);
    goto cleanup;
  }
  qsort (rs.ent, rs.n_ent, sizeof *rs.ent, cmp_entry);
  if (! parse_manifest (&rs) || ! check_entries (&rs)
      || ! check_database (&rs, rep))
    goto cleanup;
  rep->entries = rs.n_ent + 1;
  snprintf (rep->created, sizeof rep->created, "%s", rs.created);

  /* The attachments directory carries the newest of its files' times,
     as it did in service (WBS evidence: the day only). */
  int64_t newest = 0;
  for (size_t i = 0; i < rs.n_ent; i++)
    if (0 == strncmp (rs.ent[i].name, "attachments/", 12)
        && rs.ent[i].mtime > newest)
      newest = rs.ent[i].mtime;
  int dfd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
  {
    struct timespec ts[2] = { { .tv_sec = (time_t) newest },
                              { .tv_sec = (time_t) newest } };
    if (newest)
      futimens (dfd, ts);
    /* Everything extracted reaches the disk before it gets its name. */
    syncfs (dfd);
    close (dfd);
  }
  fsync_dir (path);
  fsync_dir (rs.staging);
  if (rs_interrupted)
  {
    say (err, "interrupted");
    goto cleanup;
  }
  /* rename() replaces an empty directory, and only an empty one. */
  if (0 != rename (rs.staging, target))
  {
    say (err, "cannot rename %s to %s: %s", rs.staging, target,
         errno == ENOTEMPTY || errno == EEXIST
         ? "it is no longer empty" : strerror (errno));
    goto cleanup;
  }
  rs.have_staging = false;
  fsync_dir (parent);
  rep->total_s = now_s () - t_start;
  ok = true;
cleanup:
  if (fd >= 0)
    close (fd);
  if (rs.have_staging)
    remove_tree (rs.staging);
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  sigaction (SIGHUP, &old_hup, NULL);
  free (rs.ent);
  free (rs.mf);
  free (rs.manifest);
  free (rs.copy);
  return ok;
}
