/*
 * Backup and restore (DESIGN.md "Storage", API.md): `wadah backup` taken
 * while a burst of surveys, complaints with evidence and WBS reports with
 * evidence is being written; restored into a new directory and served,
 * every submission acknowledged before the backup began is there, its
 * code or receipt opens it, and its evidence decrypts to the bytes sent.
 * Damaged archives (a flipped byte in a file, a missing file, a damaged
 * manifest, a cut archive, a broken audit chain) are refused naming the
 * problem, with nothing left behind; so is a restore into a directory
 * that is not empty.
 */
#include "harness.h"
#include "tar.h"
#include "vault.h"
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PW "Sandi-cadangan-panjang-1"
#define BOUNDARY "XyZzYbOuNdArY"

/* The servers of a test: stopped and removed by the suite's fini, which
   also runs when an assertion ends the test half-way. */
static struct server srv, back;

static void
stop_all (void)
{
  h_server_stop (&back, false);
  h_server_stop (&srv, false);
}

TestSuite (backup, .fini = stop_all, .timeout = 300);

static double
mono (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Run wadah ARGS with stdout and stderr together into OUT. */
static int
run (const char *const *args, char *out, size_t cap)
{
  int fds[2];
  cr_assert_eq (pipe (fds), 0);
  pid_t pid = fork ();
  if (pid == 0)
  {
    const char *argv[32];
    size_t n = 0;
    argv[n++] = h_bin ();
    for (; args[n - 1] && n < 31; n++)
      argv[n] = args[n - 1];
    argv[n] = NULL;
    dup2 (fds[1], 1);
    dup2 (fds[1], 2);
    close (fds[0]);
    execv (argv[0], (char **) argv);
    _exit (127);
  }
  close (fds[1]);
  size_t len = 0;
  ssize_t got;
  while (len + 1 < cap && (got = read (fds[0], out + len, cap - 1 - len)) > 0)
    len += (size_t) got;
  out[len] = '\0';
  close (fds[0]);
  int st;
  waitpid (pid, &st, 0);
  return WIFEXITED (st) ? WEXITSTATUS (st) : -1;
}

/* ---- the load: one kind of submission per thread ---- */

enum kind { K_SURVEY, K_COMPLAINT, K_WBS };

struct ack {
  double at;                 /* monotonic time the 201 came back */
  char id[40];               /* survey id, tracking number or receipt */
  char code[20];             /* complaint access code */
  char content[80];          /* what the evidence file says */
};

struct loader {
  struct server *srv;
  enum kind kind;
  int seq;
  volatile int *stop;
  struct ack *acks;
  size_t n, cap;
  int failures;
};

static size_t
collect (char *p, size_t size, size_t n, void *ud)
{
  struct { char *p; size_t len; } *b = ud;
  size_t len = size * n;
  char *np = realloc (b->p, b->len + len + 1);
  if (NULL == np)
    return 0;
  memcpy (np + b->len, p, len);
  b->len += len;
  np[b->len] = '\0';
  b->p = np;
  return len;
}

/* The text of <dt>LABEL</dt><dd>...</dd> in a receipt page. */
static bool
receipt_field (const char *html, const char *label, char *out, size_t cap)
{
  char dt[80];
  snprintf (dt, sizeof dt, "<dt>%s</dt><dd>", label);
  const char *p = strstr (html, dt);
  if (NULL == p)
    return false;
  p += strlen (dt);
  size_t n = strcspn (p, "<");
  if (n == 0 || n >= cap)
    return false;
  snprintf (out, cap, "%.*s", (int) n, p);
  return true;
}

/* A multipart body with FIELDS (name, value pairs, NULL-ended) and one
   PDF file whose text is CONTENT, padded to about 6 KB. */
static size_t
multipart (char *mp, size_t cap, const char *const *fields,
           const char *content)
{
  size_t o = 0;
  for (size_t i = 0; fields[i]; i += 2)
    o += (size_t) snprintf (mp + o, cap - o, "--" BOUNDARY "\r\n"
                            "Content-Disposition: form-data; name=\"%s\""
                            "\r\n\r\n%s\r\n", fields[i], fields[i + 1]);
  o += (size_t) snprintf (mp + o, cap - o, "--" BOUNDARY "\r\n"
                          "Content-Disposition: form-data; name=\"lampiran\";"
                          " filename=\"bukti.pdf\"\r\nContent-Type:"
                          " application/pdf\r\n\r\n%%PDF-1.4\n%% %s\n",
                          content);
  for (int i = 0; i < 80; i++)
    o += (size_t) snprintf (mp + o, cap - o, "%% isi %02d %s\n", i, content);
  o += (size_t) snprintf (mp + o, cap - o, "%%%%EOF\n\r\n--" BOUNDARY
                          "--\r\n");
  cr_assert_lt (o, cap);
  return o;
}

static void *
load_loop (void *cls)
{
  struct loader *l = cls;
  static const char survey[] =
    "{\"service\":\"KK\",\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,\"U4\":4,"
    "\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}";
  char url[160], mp[16384], ct[100];
  CURL *c = curl_easy_init ();
  struct curl_slist *h = NULL;

  h = curl_slist_append (h, "Expect:");
  if (l->kind == K_SURVEY)
  {
    snprintf (url, sizeof url, "%s/api/v1/u/demo/survey", l->srv->base);
    h = curl_slist_append (h, "Content-Type: application/json");
  }
  else
  {
    snprintf (url, sizeof url, "%s/u/demo/%s", l->srv->base,
              l->kind == K_COMPLAINT ? "pengaduan" : "wbs");
    snprintf (ct, sizeof ct, "Content-Type: multipart/form-data; boundary="
              BOUNDARY);
    h = curl_slist_append (h, ct);
  }
  while (! *l->stop)
  {
    struct { char *p; size_t len; } b = { NULL, 0 };
    struct ack a;
    long status = 0;
    size_t len;
    memset (&a, 0, sizeof a);
    l->seq++;
    if (l->kind == K_SURVEY)
    {
      curl_easy_setopt (c, CURLOPT_POSTFIELDS, survey);
      curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE, (long) strlen (survey));
    }
    else
    {
      snprintf (a.content, sizeof a.content, "bukti %s nomor %d-%ld",
                l->kind == K_COMPLAINT ? "pengaduan" : "wbs", l->seq,
                (long) random ());
      const char *complaint[] = {
        "category", "PETUGAS", "description",
        "Petugas loket meminta uang tambahan agar berkas cepat selesai.",
        "privacy", "anonim", NULL };
      const char *wbs[] = {
        "category", "KORUPSI", "reported_position", "Bendahara", "what",
        "Bendahara menerima hadiah dari rekanan setiap akhir bulan.",
        NULL };
      len = multipart (mp, sizeof mp, l->kind == K_COMPLAINT ? complaint
                       : wbs, a.content);
      curl_easy_setopt (c, CURLOPT_POSTFIELDS, mp);
      curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE, (long) len);
    }
    curl_easy_setopt (c, CURLOPT_URL, url);
    curl_easy_setopt (c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt (c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt (c, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform (c);
    a.at = mono ();
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &status);
    bool ok = CURLE_OK == rc && 201 == status && b.p;
    if (ok && l->kind == K_SURVEY)
      ok = 1 == sscanf (b.p, "{\"id\":\"%32[0-9a-f]\"}", a.id);
    else if (ok && l->kind == K_COMPLAINT)
      ok = receipt_field (b.p, "Nomor pengaduan", a.id, sizeof a.id)
           && receipt_field (b.p, "Kode akses", a.code, sizeof a.code);
    else if (ok)
      ok = receipt_field (b.p, "Tanda terima", a.id, sizeof a.id);
    free (b.p);
    if (! ok)
    {
      l->failures++;
      continue;
    }
    if (l->n == l->cap)
    {
      l->cap = l->cap ? 2 * l->cap : 1024;
      l->acks = realloc (l->acks, l->cap * sizeof *l->acks);
      cr_assert_not_null (l->acks);
    }
    l->acks[l->n++] = a;
  }
  curl_slist_free_all (h);
  curl_easy_cleanup (c);
  return NULL;
}

static size_t
acked_before (const struct loader *l, double t)
{
  size_t n = 0;
  for (size_t i = 0; i < l->n; i++)
    n += l->acks[i].at < t;
  return n;
}

/* ---- checks on the restored server ---- */

static json_t *
get_json (struct server *s, const char *path, const char *jar)
{
  struct resp r = h_http2 (s, "GET", path, NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200, "GET %s: %ld %s", path, r.status, r.body);
  json_t *j = json_loads (r.body, 0, NULL);
  cr_assert_not_null (j, "%s", r.body);
  h_resp_free (&r);
  return j;
}

/* The one attachment of detail D downloads from PREFIX/lampiran/ID and
   holds CONTENT. */
static void
assert_evidence (struct server *s, json_t *d, const char *prefix,
                 const char *jar, const char *content)
{
  char path[200];
  json_t *files = json_object_get (d, "attachments");
  cr_assert_eq (json_array_size (files), 1, "%s: %zu attachments", prefix,
                json_array_size (files));
  long long id = json_integer_value (json_object_get (json_array_get (files,
                                                                      0),
                                                      "id"));
  snprintf (path, sizeof path, "%s/lampiran/%lld", prefix, id);
  struct resp r = h_http2 (s, "GET", path, NULL, NULL, NULL, jar);
  cr_assert_eq (r.status, 200, "%s: %ld", path, r.status);
  cr_assert (memmem (r.body, r.len, content, strlen (content)),
             "%s: the evidence does not hold '%s'", path, content);
  cr_assert_eq (memcmp (r.body, "%PDF-1.4", 8), 0);
  h_resp_free (&r);
}

static long
sql_num (const char *db, const char *sql_file)
{
  char cmd[1200];
  long n = -1;
  snprintf (cmd, sizeof cmd, "sqlite3 -readonly '%s' < '%s'", db, sql_file);
  FILE *p = popen (cmd, "r");
  cr_assert_not_null (p);
  if (1 != fscanf (p, "%ld", &n))
    n = -1;
  pclose (p);
  return n;
}

static mode_t
mode_of (const char *path)
{
  struct stat st;
  cr_assert_eq (stat (path, &st), 0, "%s", path);
  return st.st_mode & 07777;
}

/* Entries of DIR; when PRIVATE, each must be 0600 (a directory 0700). */
static size_t
count_dir (const char *dir, bool private)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  size_t n = 0;
  cr_assert_not_null (d, "%s", dir);
  while (NULL != (e = readdir (d)))
    if (e->d_name[0] != '.')
    {
      char p[1024];
      struct stat st;
      snprintf (p, sizeof p, "%s/%s", dir, e->d_name);
      cr_assert_eq (stat (p, &st), 0);
      if (private)
        cr_assert_eq (st.st_mode & 07777, S_ISDIR (st.st_mode) ? 0700 : 0600,
                      "%s is not private", p);
      n++;
    }
  closedir (d);
  return n;
}

Test (backup, restores_every_acknowledged_submission_under_load)
{
  struct loader l[4];
  pthread_t t[4];
  volatile int stop = 0;
  char out[8192], archive[400];

  memset (&back, 0, sizeof back);
  h_server_start (&srv);
  h_add_user (&srv, "petugas", "petugas_pengaduan", NULL, PW);
  h_grant_by_recovery (&srv, "petugas", "identity");
  h_add_user (&srv, "wbs1", "pengelola_wbs", NULL, PW);
  h_grant_by_recovery (&srv, "wbs1", "wbs");

  static const enum kind kinds[4] = { K_SURVEY, K_SURVEY, K_COMPLAINT,
                                      K_WBS };
  memset (l, 0, sizeof l);
  for (int i = 0; i < 4; i++)
  {
    l[i].srv = &srv;
    l[i].kind = kinds[i];
    l[i].stop = &stop;
    pthread_create (&t[i], NULL, load_loop, &l[i]);
  }
  /* Some of each kind first (and at least 1.5 s of load), so that the
     backup has evidence to take. */
  double began = mono (), deadline = began + 60;
  while ((l[2].n < 10 || l[3].n < 6 || mono () < began + 1.5)
         && mono () < deadline)
    usleep (50000);
  cr_assert_geq (l[2].n, 10, "complaints acknowledged: %zu", l[2].n);
  cr_assert_geq (l[3].n, 6, "WBS reports acknowledged: %zu", l[3].n);

  /* The backup, while the four keep writing. */
  snprintf (archive, sizeof archive, "%s/cadangan.tar", srv.dir);
  const char *bk[] = { "backup", "--data", srv.data, "--out", archive,
                       NULL };
  double t0 = mono ();
  int rc = run (bk, out, sizeof out);
  double t1 = mono ();
  cr_log_info ("wadah backup under load: %.3f s\n%s", t1 - t0, out);
  cr_assert_eq (rc, 0, "backup failed: %s", out);
  usleep (300000);
  stop = 1;
  for (int i = 0; i < 4; i++)
    pthread_join (t[i], NULL);
  size_t during = 0;
  for (int i = 0; i < 4; i++)
    during += acked_before (&l[i], t1) - acked_before (&l[i], t0);
  cr_log_info ("acknowledged: %zu + %zu surveys, %zu complaints, %zu WBS;"
               " %zu while the backup ran", l[0].n, l[1].n, l[2].n, l[3].n,
               during);
  cr_assert_gt (during, 0, "nothing was written while the backup ran");
  cr_assert_eq (mode_of (archive), 0600);
  h_server_stop (&srv, true);

  /* Restore into a new directory and serve it. */
  memset (&back, 0, sizeof back);
  snprintf (back.dir, sizeof back.dir, "/tmp/wadah-restore-XXXXXX");
  cr_assert_not_null (mkdtemp (back.dir));
  snprintf (back.data, sizeof back.data, "%s/data", back.dir);
  snprintf (back.recovery, sizeof back.recovery, "%s", srv.recovery);
  const char *rs[] = { "restore", "--from", archive, "--data", back.data,
                       NULL };
  rc = run (rs, out, sizeof out);
  cr_log_info ("%s", out);
  cr_assert_eq (rc, 0, "restore failed: %s", out);
  cr_assert_eq (mode_of (back.data), 0700);
  char path[600];
  snprintf (path, sizeof path, "%s/attachments", back.data);
  cr_assert_eq (mode_of (path), 0700);
  size_t on_disk = count_dir (path, true);
  count_dir (back.data, true);
  h_server_launch (&back);

  /* Surveys: every id acknowledged before the backup began is stored,
     and the public IKM counts what is stored. */
  snprintf (path, sizeof path, "%s/acked.sql", back.dir);
  FILE *f = fopen (path, "w");
  cr_assert_not_null (f);
  fputs ("CREATE TEMP TABLE acked (id TEXT PRIMARY KEY);\n", f);
  size_t surveys = 0;
  for (int k = 0; k < 2; k++)
    for (size_t i = 0; i < l[k].n; i++)
      if (l[k].acks[i].at < t0)
      {
        fprintf (f, "INSERT INTO acked VALUES ('%s');\n", l[k].acks[i].id);
        surveys++;
      }
  fputs ("SELECT COUNT(*) FROM acked WHERE id NOT IN"
         " (SELECT public_id FROM survey_responses);\n", f);
  fclose (f);
  char db[400];
  snprintf (db, sizeof db, "%s/wadah.db", back.data);
  cr_assert_eq (sql_num (db, path), 0, "surveys acknowledged before the"
                " backup are missing from the restore");
  long stored = h_count_rows (&back, "survey_responses");
  cr_assert_geq (stored, (long) surveys);
  time_t now = time (NULL) + 7 * 3600;
  struct tm tm;
  gmtime_r (&now, &tm);
  snprintf (path, sizeof path, "/api/v1/u/demo/ikm?period=%d",
            tm.tm_year + 1900);
  json_t *ikm = get_json (&back, path, NULL);
  cr_assert_eq (json_integer_value (json_object_get (ikm, "respondents")),
                stored);
  json_decref (ikm);

  /* Complaints: the reporter's code opens each, the officer reads it and
     its evidence. */
  char jar[400], csrf[65];
  h_jar_path (&back, "petugas", jar, sizeof jar);
  cr_assert_eq (h_login (&back, "petugas", PW, NULL, jar, csrf), 200);
  size_t complaints = 0;
  for (size_t i = 0; i < l[2].n; i++)
  {
    struct ack *a = &l[2].acks[i];
    if (a->at >= t0)
      continue;
    char body[120];
    snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s/view", a->id);
    snprintf (body, sizeof body, "{\"access_code\":\"%s\"}", a->code);
    struct resp r = h_http (&back, "POST", path, "application/json", body,
                            strlen (body));
    cr_assert_eq (r.status, 200, "%s after restore: %ld %s", a->id,
                  r.status, r.body);
    h_resp_free (&r);
    snprintf (path, sizeof path, "/api/v1/u/demo/complaints/%s", a->id);
    json_t *d = get_json (&back, path, jar);
    snprintf (path, sizeof path, "/staff/pengaduan/%s", a->id);
    assert_evidence (&back, d, path, jar, a->content);
    json_decref (d);
    complaints++;
  }

  /* WBS reports: the receipt opens each, the team reads it and its
     evidence. */
  h_jar_path (&back, "wbs1", jar, sizeof jar);
  cr_assert_eq (h_login (&back, "wbs1", PW, NULL, jar, csrf), 200);
  size_t reports = 0;
  for (size_t i = 0; i < l[3].n; i++)
  {
    struct ack *a = &l[3].acks[i];
    if (a->at >= t0)
      continue;
    char body[120], lookup[9];
    snprintf (body, sizeof body, "{\"receipt\":\"%s\"}", a->id);
    struct resp r = h_http (&back, "POST", "/api/v1/u/demo/wbs/view",
                            "application/json", body, strlen (body));
    cr_assert_eq (r.status, 200, "%s after restore: %ld %s", a->id,
                  r.status, r.body);
    h_resp_free (&r);
    snprintf (lookup, sizeof lookup, "%.4s%.4s", a->id, a->id + 5);
    snprintf (path, sizeof path, "/api/v1/u/demo/wbs/%s", lookup);
    json_t *d = get_json (&back, path, jar);
    snprintf (path, sizeof path, "/staff/wbs/%s", lookup);
    assert_evidence (&back, d, path, jar, a->content);
    json_decref (d);
    reports++;
  }
  cr_log_info ("served after restore: %zu surveys, %zu complaints and %zu"
               " WBS reports acknowledged before the backup (of %ld, %ld"
               " and %ld stored)", surveys, complaints, reports, stored,
               h_count_rows (&back, "complaints"),
               h_count_rows (&back, "wbs_reports"));
  cr_assert_geq (complaints, 10);
  cr_assert_geq (reports, 6);
  /* Exactly the referenced files came back, each one present. */
  long referenced = h_count_rows (&back, "complaint_attachments")
                    + h_count_rows (&back, "wbs_attachments");
  cr_assert_eq ((long) on_disk, referenced, "%zu files, %ld referenced",
                on_disk, referenced);
  /* The audit signing key is not in a backup (it lives beside the data
     directory): the restored log verifies against the original's key. */
  char key[400];
  snprintf (key, sizeof key, "%s.audit-key", srv.data);
  const char *av[] = { "audit", "verify", "--data", back.data, "--audit-key",
                       key, NULL };
  cr_assert_eq (run (av, out, sizeof out), 0, "%s", out);

  for (int i = 0; i < 4; i++)
    free (l[i].acks);
}

/* ---- damaged archives ---- */

static char dir[300];        /* this test's temp dir */

/* Copy archive SRC to DST entry by entry; SKIP (unless NULL) is left
   out, and MANIFEST's text is replaced by NEW_MANIFEST unless NULL. */
static void
rewrite (const char *src, const char *dst, const char *skip,
         const char *new_manifest)
{
  int in = open (src, O_RDONLY);
  int out = open (dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  struct tar_reader r;
  struct tar_writer w;
  struct tar_entry e;
  char buf[65536];
  ssize_t n;
  cr_assert (in >= 0 && out >= 0);
  tar_reader_init (&r, in);
  tar_writer_init (&w, out);
  while (1 == tar_next (&r, &e))
  {
    if (skip && 0 == strcmp (e.name, skip))
      continue;
    if (new_manifest && 0 == strcmp (e.name, "MANIFEST"))
    {
      cr_assert (tar_begin (&w, e.name, strlen (new_manifest), e.mode,
                            e.mtime));
      cr_assert (tar_write (&w, new_manifest, strlen (new_manifest)));
      cr_assert (tar_end (&w));
      continue;
    }
    cr_assert (tar_begin (&w, e.name, e.size, e.mode, e.mtime), "%s",
               w.err);
    while ((n = tar_read (&r, buf, sizeof buf)) > 0)
      cr_assert (tar_write (&w, buf, (size_t) n));
    cr_assert_eq (n, 0, "%s", r.err);
    cr_assert (tar_end (&w), "%s", w.err);
  }
  cr_assert_not (r.failed, "%s", r.err);
  cr_assert (tar_finish (&w));
  close (in);
  close (out);
}

/* Where entry NAME's data starts in ARCHIVE; its size in *SIZE. */
static long
data_offset (const char *archive, const char *name, uint64_t *size)
{
  int fd = open (archive, O_RDONLY);
  struct tar_reader r;
  struct tar_entry e;
  long off = -1;
  tar_reader_init (&r, fd);
  while (1 == tar_next (&r, &e))
    if (0 == strcmp (e.name, name))
    {
      off = (long) e.offset + TAR_BLOCK;
      *size = e.size;
      break;
    }
  close (fd);
  cr_assert_geq (off, 0, "no %s in %s", name, archive);
  return off;
}

/* The first attachments/ entry of ARCHIVE. */
static void
first_attachment (const char *archive, char name[257])
{
  int fd = open (archive, O_RDONLY);
  struct tar_reader r;
  struct tar_entry e;
  name[0] = '\0';
  tar_reader_init (&r, fd);
  while (1 == tar_next (&r, &e))
    if (0 == strncmp (e.name, "attachments/", 12))
    {
      snprintf (name, 257, "%s", e.name);
      break;
    }
  close (fd);
  cr_assert (name[0], "no attachment in %s", archive);
}

static void
copy_file (const char *src, const char *dst)
{
  char cmd[1000];
  snprintf (cmd, sizeof cmd, "cp '%s' '%s'", src, dst);
  cr_assert_eq (system (cmd), 0);
}

static void
flip_byte (const char *path, long off)
{
  FILE *f = fopen (path, "r+b");
  cr_assert_not_null (f);
  fseek (f, off, SEEK_SET);
  int c = fgetc (f);
  fseek (f, off, SEEK_SET);
  fputc (c ^ 0x20, f);
  fclose (f);
}

/* Nothing named NAME* is left in the temp dir. */
static void
assert_nothing_left (const char *name)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  while (NULL != (e = readdir (d)))
    cr_assert_neq (strncmp (e->d_name, name, strlen (name)), 0,
                   "left behind: %s/%s", dir, e->d_name);
  closedir (d);
}

/* Restoring ARCHIVE is refused with a message holding WANT (and WANT2
   unless NULL), and no directory appears. */
static void
assert_refused (const char *archive, const char *want, const char *want2)
{
  char out[4096], target[400];
  snprintf (target, sizeof target, "%s/hasil", dir);
  const char *rs[] = { "restore", "--from", archive, "--data", target,
                       NULL };
  int rc = run (rs, out, sizeof out);
  cr_log_info ("%s", out);
  cr_assert_eq (rc, 1, "restore of %s: exit %d: %s", archive, rc, out);
  cr_assert_not_null (strstr (out, want), "no '%s' in: %s", want, out);
  if (want2)
    cr_assert_not_null (strstr (out, want2), "no '%s' in: %s", want2, out);
  assert_nothing_left ("hasil");
}

static void
submit_with_evidence (struct server *s, const char *what, const char *text)
{
  char mp[16384];
  const char *complaint[] = {
    "category", "PETUGAS", "description",
    "Petugas loket meminta uang tambahan agar berkas cepat selesai.",
    "privacy", "anonim", NULL };
  const char *wbs[] = {
    "category", "KORUPSI", "reported_position", "Bendahara", "what",
    "Bendahara menerima hadiah dari rekanan setiap akhir bulan.", NULL };
  bool is_wbs = 0 == strcmp (what, "wbs");
  size_t len = multipart (mp, sizeof mp, is_wbs ? wbs : complaint, text);
  char path[40];
  snprintf (path, sizeof path, "/u/demo/%s", is_wbs ? "wbs" : "pengaduan");
  struct resp r = h_http (s, "POST", path, "multipart/form-data; boundary="
                          BOUNDARY, mp, len);
  cr_assert_eq (r.status, 201, "%s", r.body);
  h_resp_free (&r);
}

Test (backup, damaged_archives_are_refused_naming_the_problem)
{
  char good[400], bad[400], out[4096], name[257], target[400];
  uint64_t size;

  memset (&back, 0, sizeof back);
  h_server_start (&srv);
  snprintf (dir, sizeof dir, "%s", srv.dir);
  submit_with_evidence (&srv, "pengaduan", "bukti pengaduan satu");
  submit_with_evidence (&srv, "wbs", "bukti wbs satu");
  snprintf (good, sizeof good, "%s/baik.tar", dir);
  snprintf (bad, sizeof bad, "%s/rusak.tar", dir);
  const char *bk[] = { "backup", "--data", srv.data, "--out", good, NULL };
  cr_assert_eq (run (bk, out, sizeof out), 0, "%s", out);
  cr_assert_not_null (strstr (out, "2 files referenced"), "%s", out);

  /* A second backup to the same name is refused, the first kept. */
  struct stat st0, st1;
  stat (good, &st0);
  cr_assert_eq (run (bk, out, sizeof out), 1, "%s", out);
  cr_assert_not_null (strstr (out, "already exists"), "%s", out);
  stat (good, &st1);
  cr_assert_eq (st0.st_size, st1.st_size);
  assert_nothing_left ("baik.tar.");

  /* The archive is ordinary ustar: tar lists it. */
  char cmd[1000];
  snprintf (cmd, sizeof cmd, "tar -tf '%s' > '%s/list'", good, dir);
  cr_assert_eq (system (cmd), 0);

  /* A flipped byte in one evidence file. */
  first_attachment (good, name);
  copy_file (good, bad);
  flip_byte (bad, data_offset (bad, name, &size) + 100);
  assert_refused (bad, name, "SHA-256 does not match");

  /* ... in the database. */
  copy_file (good, bad);
  flip_byte (bad, data_offset (bad, "wadah.db", &size) + 5000);
  assert_refused (bad, "wadah.db: damaged", NULL);

  /* A file missing from the archive. */
  rewrite (good, bad, name, NULL);
  assert_refused (bad, name, "listed in the manifest but missing");

  /* A damaged manifest. */
  copy_file (good, bad);
  long moff = data_offset (bad, "MANIFEST", &size);
  flip_byte (bad, moff + 80);
  assert_refused (bad, "MANIFEST is damaged", NULL);

  /* A manifest made consistent without the file: the database still
     references it. */
  int fd = open (good, O_RDONLY);
  char *text = calloc (1, (size_t) size + 1);
  cr_assert_eq (pread (fd, text, (size_t) size, moff), (ssize_t) size);
  close (fd);
  char *line = strstr (text, name);
  cr_assert_not_null (line);
  while (line > text && line[-1] != '\n')
    line--;
  memmove (line, strchr (line, '\n') + 1, strlen (strchr (line, '\n') + 1)
           + 1);
  char *end = strstr (text, "\nend ") + 1;
  char sha[65];
  vault_sha256_hex (text, (size_t) (end - text), sha);
  snprintf (end, 70, "end %s\n", sha);
  rewrite (good, bad, name, text);
  free (text);
  assert_refused (bad, name, "referenced by the database but missing");

  /* A cut archive. */
  copy_file (good, bad);
  cr_assert_eq (truncate (bad, moff - 1024), 0);
  assert_refused (bad, "truncated", NULL);

  /* Not an archive at all. */
  snprintf (cmd, sizeof cmd, "head -c 3000 /dev/urandom > '%s'", bad);
  cr_assert_eq (system (cmd), 0);
  assert_refused (bad, "damaged", NULL);

  /* A directory that is not empty is refused and left as it was. */
  snprintf (target, sizeof target, "%s/isi", dir);
  mkdir (target, 0700);
  snprintf (cmd, sizeof cmd, "echo catatan > '%s/catatan.txt'", target);
  cr_assert_eq (system (cmd), 0);
  const char *rs[] = { "restore", "--from", good, "--data", target, NULL };
  cr_assert_eq (run (rs, out, sizeof out), 1, "%s", out);
  cr_assert_not_null (strstr (out, "not an empty directory"), "%s", out);
  cr_assert_eq (count_dir (target, false), 1);
  /* An empty one is fine. */
  snprintf (target, sizeof target, "%s/kosong", dir);
  mkdir (target, 0700);
  rs[4] = target;
  cr_assert_eq (run (rs, out, sizeof out), 0, "%s", out);
  cr_assert_not_null (strstr (out, "attachments: 2 referenced, all present"),
                      "%s", out);

  /* A broken audit chain: the backup is written (evidence) but exits 1
     saying so, and restore refuses it naming the entry. */
  snprintf (cmd, sizeof cmd, "sqlite3 '%s/wadah.db' \"DROP TRIGGER"
            " audit_log_no_update; UPDATE audit_log SET detail = 'diubah'"
            " WHERE id = 1\"", srv.data);
  cr_assert_eq (system (cmd), 0);
  snprintf (bad, sizeof bad, "%s/audit.tar", dir);
  bk[4] = bad;
  cr_assert_eq (run (bk, out, sizeof out), 1, "%s", out);
  cr_assert_not_null (strstr (out, "BROKEN at entry 1"), "%s", out);
  assert_refused (bad, "audit log BROKEN: entry 1", NULL);

  /* An attachment lost from the data directory: the backup fails naming
     it and leaves nothing. */
  snprintf (cmd, sizeof cmd, "sqlite3 '%s/wadah.db' \"UPDATE audit_log SET"
            " detail = '' WHERE id = 1\"", srv.data);
  cr_assert_eq (system (cmd), 0);
  char lost[600];
  snprintf (lost, sizeof lost, "%s/%s", srv.data, name);
  cr_assert_eq (unlink (lost), 0, "%s", lost);
  snprintf (bad, sizeof bad, "%s/hilang.tar", dir);
  bk[4] = bad;
  cr_assert_eq (run (bk, out, sizeof out), 1, "%s", out);
  cr_assert_not_null (strstr (out, name), "%s", out);
  cr_assert_not_null (strstr (out, "missing"), "%s", out);
  assert_nothing_left ("hilang.tar");
}
