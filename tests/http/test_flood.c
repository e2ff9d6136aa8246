/*
 * Floods without a login (issue "Hardening", findings 1 and 2), each
 * reproduced from the outside against the real server:
 *  - slow multipart uploads on many connections do not take the server's
 *    memory beyond the body budget (they held 3 x 4 MB each in memory: 40
 *    of them took an earlier build from 14 MB to 514 MB); the rest get 503
 *    and other work goes on;
 *  - a login flood from rotating addresses does not starve WBS submissions
 *    (7 of 7 failed with 503 when every kind of slow work shared one
 *    queue), and a staff member logging in from a browser that logged in
 *    before (device.h) still gets through.
 * The figures (peak RSS, share of WBS submissions that succeed, the staff
 * login's time) are printed for the README.
 */
#include "harness.h"
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define ADMIN_PW "correct-horse-battery"

static struct server srv;

static void
start (void)
{
  signal (SIGPIPE, SIG_IGN);
  h_server_start (&srv);
}

static void
stop (void)
{
  h_server_stop (&srv, false);
}

TestSuite (flood, .init = start, .fini = stop, .timeout = 240);

/* ---- helpers ---- */

/* KEY (e.g. "VmHWM:") of the server's /proc status, in KiB. */
static long
proc_kib (const char *key)
{
  char path[64], line[256];
  snprintf (path, sizeof path, "/proc/%d/status", (int) srv.pid);
  FILE *f = fopen (path, "r");
  cr_assert_not_null (f);
  long v = -1;
  while (fgets (line, sizeof line, f))
    if (0 == strncmp (line, key, strlen (key)))
      v = atol (line + strlen (key));
  fclose (f);
  return v;
}

/* A TCP connection to the server from SRC (an address of 127.0.0.0/8). */
static int
connect_from (const char *src)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  cr_assert_geq (fd, 0);
  struct sockaddr_in a = { .sin_family = AF_INET };
  inet_pton (AF_INET, src, &a.sin_addr);
  cr_assert_eq (bind (fd, (struct sockaddr *) &a, sizeof a), 0, "bind %s: %s",
                src, strerror (errno));
  struct sockaddr_in s = { .sin_family = AF_INET,
                           .sin_port = htons ((uint16_t) srv.port) };
  inet_pton (AF_INET, "127.0.0.1", &s.sin_addr);
  cr_assert_eq (connect (fd, (struct sockaddr *) &s, sizeof s), 0,
                "connect: %s", strerror (errno));
  return fd;
}

/* Send all of DATA; false when the server closed the connection. */
static bool
send_all (int fd, const char *data, size_t len)
{
  while (len)
  {
    ssize_t n = send (fd, data, len, MSG_NOSIGNAL);
    if (n <= 0)
      return false;
    data += n;
    len -= (size_t) n;
  }
  return true;
}

/* The status of the response waiting on FD within MS, or 0. */
static int
status_within (int fd, int ms)
{
  struct pollfd p = { .fd = fd, .events = POLLIN };
  char b[64];
  if (1 != poll (&p, 1, ms))
    return 0;
  ssize_t n = recv (fd, b, sizeof b - 1, 0);
  if (n < 12)
    return 0;
  b[n] = '\0';
  int st = 0;
  return 1 == sscanf (b, "HTTP/1.%*d %d", &st) ? st : 0;
}

static double
now_s (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- finding 1: slow uploads ---- */

#define SLOW 40
#define PART (4 * 1024 * 1024 - 4096)

Test (flood, slow_uploads_stay_within_the_body_budget)
{
  long base = proc_kib ("VmRSS:");
  static const char boundary[] = "wadahflood";
  char head[256];
  snprintf (head, sizeof head, "--%s\r\nContent-Disposition: form-data;"
            " name=\"lampiran\"; filename=\"bukti.pdf\"\r\nContent-Type:"
            " application/pdf\r\n\r\n", boundary);
  size_t body_len = 3 * (strlen (head) + PART + 2) + strlen (boundary) + 6;
  char *blob = malloc (PART);
  memset (blob, 'A', PART);
  int fd[SLOW], refused = 0, held = 0;
  for (int i = 0; i < SLOW; i++)
  {
    fd[i] = connect_from ("127.0.0.1");
    char req[400];
    int n = snprintf (req, sizeof req, "POST /u/demo/pengaduan HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\nContent-Type: multipart/form-data;"
                      " boundary=%s\r\nContent-Length: %zu\r\n\r\n", boundary,
                      body_len);
    bool open = send_all (fd[i], req, (size_t) n);
    /* Three files, all but the closing boundary: the server must hold
       them while it waits for the rest. */
    for (int k = 0; open && k < 3; k++)
      open = send_all (fd[i], head, strlen (head))
             && send_all (fd[i], blob, PART) && send_all (fd[i], "\r\n", 2);
    cr_assert (open, "connection %d closed while sending", i);
  }
  free (blob);
  long peak = proc_kib ("VmHWM:");
  /* While they hang, other work goes on: a survey response is stored. */
  static const char survey[] =
    "{\"service\":\"KK\",\"answers\":{\"U1\":4,\"U2\":3,\"U3\":4,\"U4\":4,"
    "\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,\"U9\":4}}";
  struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/survey",
                          "application/json", survey, strlen (survey));
  cr_assert_eq (r.status, 201, "survey during the flood: %ld", r.status);
  h_resp_free (&r);
  /* Now they end: those whose files did not fit are answered 503, the
     others reach the form (which wants its fields). */
  char tail[64];
  int tn = snprintf (tail, sizeof tail, "--%s--\r\n", boundary);
  for (int i = 0; i < SLOW; i++)
  {
    int st = send_all (fd[i], tail, (size_t) tn) ? status_within (fd[i], 20000)
                                                 : 0;
    cr_assert_neq (st, 0, "upload %d got no answer", i);
    if (503 == st)
      refused++;
    else
      held++;
    close (fd[i]);
  }
  printf ("flood: %d slow uploads of 3 x %d bytes: %d held, %d refused;"
          " server RSS %ld MiB before, peak %ld MiB\n", SLOW, PART, held,
          refused, base / 1024, peak / 1024);
  fflush (stdout);
  cr_assert_gt (refused, 0, "the budget never refused an upload");
  /* The stated bound (README): peak RSS under 200 MiB with the default
     upload budget of 96 MiB.  Not for the sanitizer build, whose
     allocator keeps freed memory in quarantine and pads every block. */
  if (NULL == strstr (h_bin (), "asan"))
    cr_assert_lt (peak, 200 * 1024, "peak RSS %ld KiB", peak);

  /* Once they are gone, their budget is back: a complaint with a file is
     taken (the form answers with its page, not 503). */
  usleep (300 * 1000);
  char form[1024];
  int n = snprintf (form, sizeof form,
                    "--%s\r\nContent-Disposition: form-data; name=\"x\"\r\n"
                    "\r\n1\r\n--%s\r\nContent-Disposition: form-data;"
                    " name=\"lampiran\"; filename=\"a.pdf\"\r\nContent-Type:"
                    " application/pdf\r\n\r\n%%PDF-1.4 kecil\r\n--%s--\r\n",
                    boundary, boundary, boundary);
  char ct[80];
  snprintf (ct, sizeof ct, "multipart/form-data; boundary=%s", boundary);
  r = h_http (&srv, "POST", "/u/demo/pengaduan", ct, form, (size_t) n);
  cr_assert_neq (r.status, 503, "after the flood: %ld", r.status);
  cr_assert_neq (r.status, 0);
  h_resp_free (&r);
}

/* ---- finding 2: a login flood ---- */

struct flooder {
  atomic_bool *stop;
  unsigned int seed;
  int sent, busy;
};

static void *
login_flood (void *cls)
{
  struct flooder *f = cls;
  while (! atomic_load (f->stop))
  {
    char src[32], body[200], req[512];
    /* A new address of 127.0.0.0/8 and a new user name every time. */
    snprintf (src, sizeof src, "127.0.%u.%u", 1 + rand_r (&f->seed) % 200,
              2 + rand_r (&f->seed) % 250);
    int bl = snprintf (body, sizeof body, "{\"unit\":\"demo\",\"user\":"
                       "\"u%u\",\"password\":\"salah-sekali-%u\"}",
                       rand_r (&f->seed), rand_r (&f->seed));
    int n = snprintf (req, sizeof req, "POST /api/v1/login HTTP/1.1\r\nHost:"
                      " 127.0.0.1\r\nContent-Type: application/json\r\n"
                      "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
                      bl, body);
    int fd = connect_from (src);
    if (send_all (fd, req, (size_t) n))
    {
      f->sent++;
      if (503 == status_within (fd, 10000))
        f->busy++;
    }
    close (fd);
  }
  return NULL;
}

#define FLOODERS 100
#define WBS_TRIES 7

Test (flood, login_flood_does_not_starve_wbs_or_staff)
{
  static const char wbs[] =
    "{\"category\":\"PUNGLI\",\"reported\":{\"position\":\"Petugas loket\"},"
    "\"what\":\"Meminta uang tambahan untuk mempercepat pencetakan KTP-el.\"}";
  /* The administrator logged in from this browser before (yesterday, say):
     it holds a device cookie. */
  char jar[400];
  h_jar_path (&srv, "admin", jar, sizeof jar);
  cr_assert_eq (h_login (&srv, "admin", ADMIN_PW, NULL, jar, NULL), 200);
  atomic_bool stop = false;
  struct flooder f[FLOODERS];
  pthread_t t[FLOODERS];
  for (int i = 0; i < FLOODERS; i++)
  {
    f[i] = (struct flooder) { .stop = &stop, .seed = 77u + (unsigned) i };
    pthread_create (&t[i], NULL, login_flood, &f[i]);
  }
  sleep (2);                     /* the queues are full by now */
  int ok = 0;
  double worst = 0;
  for (int i = 0; i < WBS_TRIES; i++)
  {
    double t0 = now_s ();
    struct resp r = h_http (&srv, "POST", "/api/v1/u/demo/wbs",
                            "application/json", wbs, strlen (wbs));
    double dt = now_s () - t0;
    worst = dt > worst ? dt : worst;
    ok += 201 == r.status;
    h_resp_free (&r);
    usleep (300 * 1000);
  }
  /* The real administrator logs in again, from that browser. */
  double t0 = now_s ();
  long login = h_login (&srv, "admin", ADMIN_PW, NULL, jar, NULL);
  double login_s = now_s () - t0;
  atomic_store (&stop, true);
  int sent = 0, busy = 0;
  for (int i = 0; i < FLOODERS; i++)
  {
    pthread_join (t[i], NULL);
    sent += f[i].sent;
    busy += f[i].busy;
  }
  printf ("flood: %d flood logins (%d answered 503); WBS submissions"
          " during it: %d of %d stored (slowest %.2f s); staff login %ld in"
          " %.2f s; peak RSS %ld MiB\n", sent, busy, ok, WBS_TRIES, worst,
          login, login_s, proc_kib ("VmHWM:") / 1024);
  fflush (stdout);
  cr_assert_gt (sent, 50, "the flood did not run");
  cr_assert_eq (ok, WBS_TRIES, "WBS submissions starved: %d of %d", ok,
                WBS_TRIES);
  /* Times are printed, not asserted (a shared machine): the login's queue
     is what the test holds, a fresh browser's login meanwhile gets 503. */
  cr_assert_eq (login, 200, "staff login during the flood: %ld", login);
}
