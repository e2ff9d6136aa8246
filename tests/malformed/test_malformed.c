/*
 * The corpus of malformed requests (STYLE.md, "Tests"): each file in
 * tests/malformed/corpus (or $MALFORMED_CORPUS) is one request, sent
 * byte-for-byte over a plain TCP socket to a real wadah.  After every file
 * the server must still be alive, answer GET /healthz with 200 and have
 * stored nothing; at the end a valid survey (JSON and form) must still be
 * stored, which shows the row counting sees writes at all.
 *
 * The expected outcome is in the file name, NNN-what.EXPECT.req (see
 * gen_corpus.py, which writes the corpus): alternatives separated by
 * "-or-", each either a status sequence ("400", "200+400" for pipelined
 * requests), "close" (no response, connection closed or reset) or "silent"
 * (no response, connection left open until our receive timeout).  A
 * description ending in "-eof" half-closes our side after sending.
 * Neighbours: tests/http/harness.[ch] start the server and speak libcurl.
 */
#include "../http/harness.h"
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_STATUSES 8
#define FIRST_BYTE_MS 3000      /* wait this long for an answer */
#define MORE_MS 300             /* after a whole answer, wait for more */
#define TOTAL_MS 20000          /* never spend longer on one file */
#define MAX_RECV (1024 * 1024)
#define EOF_DELAY_MS 100        /* let the server read before our FIN */

struct outcome {
  int statuses[MAX_STATUSES];   /* final (non-1xx) statuses, in order */
  size_t n;
  char first_line[128];         /* first status line, for the summary */
  bool closed;                  /* EOF or reset from the server */
  bool timed_out;               /* we gave up waiting */
  bool send_failed;             /* EPIPE/ECONNRESET while sending */
};

static long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *
find_crlfcrlf (const char *p, size_t len)
{
  for (size_t i = 0; i + 4 <= len; i++)
    if (0 == memcmp (p + i, "\r\n\r\n", 4))
      return p + i;
  return NULL;
}

/* Parse complete responses from BUF[0..LEN) into O; returns true when the
   buffer ends exactly after a complete response (nothing pending).
   Responses of wadah always carry Content-Length (MHD buffer responses). */
static bool
parse_responses (const char *buf, size_t len, bool head, struct outcome *o)
{
  size_t off = 0;
  o->n = 0;
  o->first_line[0] = '\0';
  while (off < len)
  {
    const char *p = buf + off;
    size_t rest = len - off;
    const char *end = find_crlfcrlf (p, rest);
    if (NULL == end)
      return false;
    size_t hlen = (size_t) (end - p) + 4;
    int status = 0;
    if (rest < 12 || 0 != strncmp (p, "HTTP/1.", 7)
        || 1 != sscanf (p + 9, "%3d", &status))
      return false;   /* not HTTP: leave it, record what we have */
    unsigned long long cl = 0;
    for (const char *h = p; h < end; )
    {
      const char *eol = memchr (h, '\n', (size_t) (end - h));
      if (NULL == eol)
        eol = end;
      if (0 == strncasecmp (h, "Content-Length:", 15))
        cl = strtoull (h + 15, NULL, 10);
      h = eol + 1;
    }
    if (status >= 200 && head)
      cl = 0;
    if (status < 200)
      cl = 0;
    if (hlen + cl > rest)
      return false;
    if (status >= 200 && o->n < MAX_STATUSES)
    {
      if (0 == o->n)
      {
        size_t ll = strcspn (p, "\r\n");
        if (ll >= sizeof o->first_line)
          ll = sizeof o->first_line - 1;
        memcpy (o->first_line, p, ll);
        o->first_line[ll] = '\0';
      }
      o->statuses[o->n++] = status;
    }
    off += hlen + (size_t) cl;
  }
  return true;
}

/* Send DATA to 127.0.0.1:PORT, reading while sending so an early answer is
   not lost to a reset, then read until the server closes or goes quiet.
   With EOF, half-close EOF_DELAY_MS after the last byte: data and FIN in
   one segment can go unnoticed by libmicrohttpd's edge-triggered epoll
   until its connection timeout, which is not what these cases test.
   Returns false when the connection cannot be made. */
static bool
exchange (int port, const char *data, size_t len, bool eof, bool head,
          struct outcome *o)
{
  memset (o, 0, sizeof *o);
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  cr_assert_geq (fd, 0, "socket: %s", strerror (errno));
  struct sockaddr_in a = { .sin_family = AF_INET,
                           .sin_port = htons ((uint16_t) port),
                           .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  if (0 != connect (fd, (struct sockaddr *) &a, sizeof a))
  {
    close (fd);
    return false;
  }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);

  char *buf = malloc (MAX_RECV);
  cr_assert_not_null (buf);
  size_t got = 0, sent = 0;
  bool sending = len > 0, complete = false;
  long start = now_ms (), last = start;
  long eof_at = (eof && 0 == len) ? start : -1;

  for (;;)
  {
    long t = now_ms ();
    if (eof_at >= 0 && t >= eof_at)
    {
      shutdown (fd, SHUT_WR);
      eof_at = -1;
    }
    long idle_limit = (complete && ! sending) ? MORE_MS : FIRST_BYTE_MS;
    if (t - start > TOTAL_MS || (! sending && t - last > idle_limit))
    {
      o->timed_out = true;
      break;
    }
    struct pollfd pfd = { .fd = fd, .events = POLLIN
                                              | (sending ? POLLOUT : 0) };
    int pr = poll (&pfd, 1, 20);
    if (pr < 0 && errno != EINTR)
      break;
    if (pr <= 0)
      continue;
    if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
    {
      ssize_t r = recv (fd, buf + got, MAX_RECV - got, 0);
      if (r > 0)
      {
        got += (size_t) r;
        last = now_ms ();
        complete = parse_responses (buf, got, head, o) && o->n > 0;
        if (got == MAX_RECV)
          break;
      }
      else if (0 == r || (errno != EAGAIN && errno != EWOULDBLOCK
                          && errno != EINTR))
      {
        o->closed = true;
        break;
      }
    }
    if (sending && (pfd.revents & POLLOUT))
    {
      ssize_t w = send (fd, data + sent, len - sent, MSG_NOSIGNAL);
      if (w > 0)
      {
        sent += (size_t) w;
        last = now_ms ();
      }
      else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK
               && errno != EINTR)
      {
        o->send_failed = true;   /* EPIPE, ECONNRESET: the server hung up */
        sending = false;
      }
      if (sent == len)
      {
        sending = false;
        if (eof)
          eof_at = now_ms () + EOF_DELAY_MS;
      }
    }
  }
  parse_responses (buf, got, head, o);
  free (buf);
  close (fd);
  return true;
}

/* Does outcome O match one of the alternatives in EXPECT? */
static bool
outcome_matches (const char *expect, const struct outcome *o)
{
  char tmp[256];
  snprintf (tmp, sizeof tmp, "%s", expect);
  char *alt = tmp;
  while (alt)
  {
    char *next = strstr (alt, "-or-");
    if (next)
    {
      *next = '\0';
      next += 4;
    }
    if (0 == strcmp (alt, "close"))
    {
      if (0 == o->n && o->closed)
        return true;
    }
    else if (0 == strcmp (alt, "silent"))
    {
      if (0 == o->n && ! o->closed)
        return true;
    }
    else
    {
      size_t k = 0;
      bool ok = true;
      for (char *s = alt; *s && ok; k++)
      {
        char *end;
        long st = strtol (s, &end, 10);
        ok = end != s && k < o->n && o->statuses[k] == st;
        s = *end == '+' ? end + 1 : end;
        if (*end && *end != '+')
          ok = false;
      }
      if (ok && k == o->n)
        return true;
    }
    alt = next;
  }
  return false;
}

static void
outcome_str (const struct outcome *o, char *out, size_t cap)
{
  size_t w = 0;
  out[0] = '\0';
  for (size_t i = 0; i < o->n && w < cap; i++)
    w += (size_t) snprintf (out + w, cap - w, "%s%d", i ? "+" : "",
                            o->statuses[i]);
  if (w < cap)
    snprintf (out + w, cap - w, "%s%s", o->n ? " " : "",
              o->closed ? "closed" : o->n ? "open" : "silent");
}

static int
is_req (const struct dirent *d)
{
  size_t l = strlen (d->d_name);
  return l > 4 && 0 == strcmp (d->d_name + l - 4, ".req");
}

static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (NULL == f)
    return NULL;
  struct stat st;
  fstat (fileno (f), &st);
  char *p = malloc ((size_t) st.st_size + 1);
  *len = p ? fread (p, 1, (size_t) st.st_size, f) : 0;
  fclose (f);
  return p;
}

static void
counts (struct server *s, long *responses, long *answers)
{
  *responses = h_count_rows (s, "survey_responses");
  /* Answers are the non-NULL a1..a16 columns of the responses. */
  *answers = h_count_rows (s, "(SELECT a1 AS v FROM survey_responses UNION ALL SELECT a2 AS v FROM survey_responses UNION ALL SELECT a3 AS v FROM survey_responses UNION ALL SELECT a4 AS v FROM survey_responses UNION ALL SELECT a5 AS v FROM survey_responses UNION ALL SELECT a6 AS v FROM survey_responses UNION ALL SELECT a7 AS v FROM survey_responses UNION ALL SELECT a8 AS v FROM survey_responses UNION ALL SELECT a9 AS v FROM survey_responses UNION ALL SELECT a10 AS v FROM survey_responses UNION ALL SELECT a11 AS v FROM survey_responses UNION ALL SELECT a12 AS v FROM survey_responses UNION ALL SELECT a13 AS v FROM survey_responses UNION ALL SELECT a14 AS v FROM survey_responses UNION ALL SELECT a15 AS v FROM survey_responses UNION ALL SELECT a16 AS v FROM survey_responses) WHERE v IS NOT NULL");
}

/* GET /healthz on a fresh connection: the status, 0 for no answer, -1
   when nobody listens. */
static int
healthz (struct server *s)
{
  static const char get[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Connection: close\r\n\r\n";
  struct outcome o;
  if (! exchange (s->port, get, strlen (get), false, false, &o))
    return -1;
  return o.n ? o.statuses[0] : 0;
}

/* The server is gone or does not answer after file NAME: show its log and
   say whether it was stopped from outside (main.c logs "stopping" on
   SIGTERM/SIGINT, which this test never sends while the corpus runs) or
   crashed. */
static void
server_lost (struct server *s, const char *name, int health)
{
  char cmd[400], last[512] = "";
  snprintf (cmd, sizeof cmd, "tail -n 30 '%s' >&2", s->log);
  if (0 != system (cmd))
    fprintf (stderr, "(no server log)\n");
  FILE *f = fopen (s->log, "r");
  if (f)
  {
    char line[512];
    while (fgets (line, sizeof line, f))
      if (line[0] != '\0' && line[0] != '\n')
        snprintf (last, sizeof last, "%s", line);
    fclose (f);
  }
  bool alive = h_server_alive (s);
  if (strstr (last, " stopping"))
    cr_assert_fail ("after %s the server was stopped by a signal from "
                    "outside this test (its log ends in \"stopping\"): "
                    "is something else killing wadah processes?", name);
  cr_assert_fail ("after %s: server %s, GET /healthz %d", name,
                  alive ? "alive" : "DIED", health);
}

static const char VALID_JSON[]
  = "{\"service\":\"KTP-el\",\"profile\":{\"gender\":\"P\",\"age\":41,"
    "\"education\":\"D4_S1\",\"occupation\":\"PNS\"},\"answers\":{\"U1\":4,"
    "\"U2\":3,\"U3\":4,\"U4\":4,\"U5\":3,\"U6\":4,\"U7\":4,\"U8\":3,"
    "\"U9\":4},\"suggestion\":\"Terima kasih.\"}";
static const char VALID_FORM[]
  = "service=KK&U1=4&U2=3&U3=4&U4=4&U5=3&U6=4&U7=4&U8=3&U9=4";

Test (malformed, corpus, .timeout = 1200)
{
  struct server s;
  const char *dir = getenv ("MALFORMED_CORPUS");
  struct dirent **ents = NULL;
  long resp0, ans0;
  size_t failures = 0;
  static char unexpected[16384];

  signal (SIGPIPE, SIG_IGN);
  if (NULL == dir)
    dir = "tests/malformed/corpus";
  int n = scandir (dir, &ents, is_req, alphasort);
  cr_assert_gt (n, 0, "no *.req files in %s (run from the repo root or "
                "set MALFORMED_CORPUS)", dir);

  h_server_start (&s);
  counts (&s, &resp0, &ans0);
  cr_assert_geq (resp0, 0, "cannot count survey_responses");
  cr_assert_geq (ans0, 0, "cannot count the answers");
  const long resp_initial = resp0, ans_initial = ans0;

  for (int i = 0; i < n; i++)
  {
    const char *name = ents[i]->d_name;
    char stem[256], expect[256], path[1024], got[160];
    size_t len = 0;

    /* NNN-what[-eof].EXPECT.req */
    snprintf (stem, sizeof stem, "%.*s", (int) (strlen (name) - 4), name);
    char *dot = strrchr (stem, '.');
    cr_assert (dot && dot != stem && stem[0] >= '0' && stem[0] <= '9',
               "%s: name must be NNN-what.EXPECT.req", name);
    *dot = '\0';
    snprintf (expect, sizeof expect, "%s", dot + 1);
    size_t sl = strlen (stem);
    bool eof = sl > 4 && 0 == strcmp (stem + sl - 4, "-eof");

    snprintf (path, sizeof path, "%s/%s", dir, name);
    char *data = slurp (path, &len);
    cr_assert_not_null (data, "cannot read %s", path);
    bool head = len >= 5 && 0 == memcmp (data, "HEAD ", 5);

    struct outcome o;
    long t0 = now_ms ();
    cr_assert (exchange (s.port, data, len, eof, head, &o),
               "%s: cannot connect to the server", name);
    free (data);
    outcome_str (&o, got, sizeof got);
    bool match = outcome_matches (expect, &o);
    fprintf (stderr, "malformed: %-56s %-16s %s%s (%ld ms)%s%s\n", stem,
             got, match ? "ok" : "UNEXPECTED, want ", match ? "" : expect,
             now_ms () - t0, o.first_line[0] ? "  " : "", o.first_line);
    cr_expect (match, "%s: got %s, expected %s", name, got, expect);
    if (! match)
    {
      failures++;
      snprintf (unexpected + strlen (unexpected),
                sizeof unexpected - strlen (unexpected), "  %s: got %s\n",
                name, got);
    }

    int health = h_server_alive (&s) ? healthz (&s) : -1;
    if (200 != health)
      server_lost (&s, name, health);
    long r, a;
    counts (&s, &r, &a);
    cr_expect (r == resp0 && a == ans0,
               "%s stored something: survey_responses %ld -> %ld, "
               "survey_answers %ld -> %ld", name, resp0, r, ans0, a);
    if (r != resp0 || a != ans0)
    {
      failures++;
      snprintf (unexpected + strlen (unexpected),
                sizeof unexpected - strlen (unexpected),
                "  %s: STORED %ld response(s), %ld answer(s)\n", name,
                r - resp0, a - ans0);
      resp0 = r;   /* blame only the file that stored */
      ans0 = a;
    }
    free (ents[i]);
  }
  free (ents);
  fprintf (stderr, "malformed: %d files, %zu unexpected\n%s", n, failures,
           unexpected);

  /* The counting sees writes: one valid survey each way adds one response
     and nine answers. */
  long r, a;
  counts (&s, &r, &a);
  cr_expect (r == resp_initial && a == ans_initial,
             "the corpus stored rows: survey_responses %ld -> %ld, "
             "survey_answers %ld -> %ld", resp_initial, r, ans_initial, a);
  struct resp v = h_http (&s, "POST", "/api/v1/u/demo/survey",
                          "application/json", VALID_JSON,
                          strlen (VALID_JSON));
  cr_expect_eq (v.status, 201, "valid JSON survey: %ld %s", v.status, v.body);
  h_resp_free (&v);
  long r1, a1;
  counts (&s, &r1, &a1);
  cr_expect_eq (r1, r + 1, "survey_responses %ld -> %ld", r, r1);
  cr_expect_eq (a1, a + 9, "survey_answers %ld -> %ld", a, a1);

  v = h_http (&s, "POST", "/u/demo/survei",
              "application/x-www-form-urlencoded", VALID_FORM,
              strlen (VALID_FORM));
  cr_expect_eq (v.status, 303, "valid form survey: %ld", v.status);
  h_resp_free (&v);
  long r2, a2;
  counts (&s, &r2, &a2);
  cr_expect_eq (r2, r1 + 1, "survey_responses %ld -> %ld", r1, r2);
  cr_expect_eq (a2, a1 + 9, "survey_answers %ld -> %ld", a1, a2);

  cr_expect (h_server_alive (&s), "server died at the end");
  h_server_stop (&s, getenv ("KEEP") != NULL);
}
