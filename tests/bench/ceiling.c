/*
 * ceiling.c — the "ceiling" for `make bench`: a bare libmicrohttpd server
 * with the same threading model as wadah (internal polling thread, epoll,
 * a thread pool of one worker per core) that reads the whole POST body into
 * a buffer, as a real handler would, and answers 201 {"id":"x"}. It does no
 * parsing, validation, storage or crypto, so its throughput is the most any
 * handler could reach on this machine with this HTTP stack; tests/bench/run.sh
 * reports wadah as a fraction of it.
 *
 * It binds 127.0.0.1 port 0 itself, hands the socket to MHD and prints
 * "listening on http://127.0.0.1:PORT" on stdout, as `wadah serve` does.
 * It runs until SIGTERM or SIGINT. Not part of the product; built by run.sh
 * into a temporary directory.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#define CEILING_BODY_MAX (64 * 1024)

static const char ceiling_answer[] = "{\"id\":\"x\"}";

/* Per-request state: the body accumulated so far. */
struct ceiling_request {
  char *buf;
  size_t len;
  size_t cap;
  int too_big;
};

/*
 * Append one chunk of body to the request buffer, growing it geometrically
 * up to CEILING_BODY_MAX. Returns 0, or -1 when the body exceeds the cap or
 * memory runs out (the caller then answers 413).
 */
static int
ceiling_request_append (struct ceiling_request *rq, const char *data,
                        size_t size)
{
  if (size > CEILING_BODY_MAX - rq->len)
    return -1;
  if (rq->len + size + 1 > rq->cap)
  {
    size_t cap = rq->cap ? rq->cap : 1024;
    while (cap < rq->len + size + 1)
      cap *= 2;
    char *nb = realloc (rq->buf, cap);
    if (NULL == nb)
      return -1;
    rq->buf = nb;
    rq->cap = cap;
  }
  memcpy (rq->buf + rq->len, data, size);
  rq->len += size;
  rq->buf[rq->len] = '\0';
  return 0;
}

static enum MHD_Result
ceiling_reply (struct MHD_Connection *con, unsigned int status,
               const char *body)
{
  struct MHD_Response *r = MHD_create_response_from_buffer (
    strlen (body), (void *) body, MHD_RESPMEM_PERSISTENT);
  if (NULL == r)
    return MHD_NO;
  MHD_add_response_header (r, MHD_HTTP_HEADER_CONTENT_TYPE,
                           "application/json");
  enum MHD_Result ret = MHD_queue_response (con, status, r);
  MHD_destroy_response (r);
  return ret;
}

static enum MHD_Result
ceiling_access (void *cls, struct MHD_Connection *con, const char *url,
                const char *method, const char *version,
                const char *upload_data, size_t *upload_data_size,
                void **req_cls)
{
  (void) cls; (void) url; (void) version;
  struct ceiling_request *rq = *req_cls;

  if (0 != strcmp (method, MHD_HTTP_METHOD_POST))
  {
    if (0 == strcmp (method, MHD_HTTP_METHOD_GET))
      return ceiling_reply (con, MHD_HTTP_OK, "{\"status\":\"ok\"}");
    return ceiling_reply (con, MHD_HTTP_METHOD_NOT_ALLOWED,
                          "{\"error\":{\"code\":\"method\"}}");
  }
  if (NULL == rq)
  {
    rq = calloc (1, sizeof (*rq));
    if (NULL == rq)
      return MHD_NO;
    *req_cls = rq;
    return MHD_YES;
  }
  if (0 != *upload_data_size)
  {
    if (! rq->too_big
        && 0 != ceiling_request_append (rq, upload_data, *upload_data_size))
      rq->too_big = 1;
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (rq->too_big)
    return ceiling_reply (con, MHD_HTTP_CONTENT_TOO_LARGE,
                          "{\"error\":{\"code\":\"too_large\"}}");
  /* Touch the body so the copy cannot be optimised away. */
  if (0 == rq->len || '{' != rq->buf[0])
    return ceiling_reply (con, MHD_HTTP_BAD_REQUEST,
                          "{\"error\":{\"code\":\"body\"}}");
  return ceiling_reply (con, MHD_HTTP_CREATED, ceiling_answer);
}

static void
ceiling_completed (void *cls, struct MHD_Connection *con, void **req_cls,
                   enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) con; (void) toe;
  struct ceiling_request *rq = *req_cls;
  if (NULL == rq)
    return;
  free (rq->buf);
  free (rq);
  *req_cls = NULL;
}

int
main (void)
{
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  if (ncpu < 1)
    ncpu = 1;

  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
  {
    perror ("ceiling: socket");
    return 1;
  }
  int one = 1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof (one));
  struct sockaddr_in sa;
  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  sa.sin_port = 0;
  socklen_t sl = sizeof (sa);
  if (0 != bind (fd, (struct sockaddr *) &sa, sizeof (sa))
      || 0 != listen (fd, 1024)
      || 0 != getsockname (fd, (struct sockaddr *) &sa, &sl))
  {
    perror ("ceiling: bind/listen");
    close (fd);
    return 1;
  }

  /* Block the stop signals before MHD starts its threads, so they inherit
     the mask and only sigwait() below sees them. */
  sigset_t stop;
  sigemptyset (&stop);
  sigaddset (&stop, SIGINT);
  sigaddset (&stop, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &stop, NULL);
  signal (SIGPIPE, SIG_IGN);

  struct MHD_Daemon *d = MHD_start_daemon (
    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
    | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG,
    0, NULL, NULL,
    &ceiling_access, NULL,
    MHD_OPTION_LISTEN_SOCKET, (MHD_socket) fd,
    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int) ncpu,
    /* The limits are wadah's defaults (server/config.c), so that both
       servers pay for the same bookkeeping. */
    MHD_OPTION_CONNECTION_LIMIT, (unsigned int) 1024,
    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int) 256,
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 30,
    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) (64 * 1024),
    MHD_OPTION_NOTIFY_COMPLETED, &ceiling_completed, NULL,
    MHD_OPTION_END);
  if (NULL == d)
  {
    fprintf (stderr, "ceiling: MHD_start_daemon failed\n");
    close (fd);
    return 1;
  }

  printf ("listening on http://127.0.0.1:%u\n",
          (unsigned int) ntohs (sa.sin_port));
  fflush (stdout);

  int sig;
  while (0 != sigwait (&stop, &sig))
    ;
  /* MHD closes the listen socket it was given. */
  MHD_stop_daemon (d);
  return 0;
}
