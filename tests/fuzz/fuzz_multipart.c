/*
 * multipart/form-data bodies: libmicrohttpd's post processor with our
 * side of it (server/http.c through http_mp.h: the part callback with its
 * caps, the end of the body into url-encoded pairs) and the upload check
 * every evidence handler runs (h_uploads_problem: count, size, type by
 * content, the file name as UTF-8).  Each input is one request on a real
 * libmicrohttpd connection (a socket pair, the daemon run from this
 * thread): its first line is the Content-Type header, the rest the body.
 *
 * Beyond memory safety: at most HTTP_MAX_FIELDS fields of at most 16 KiB
 * with names under 64 bytes, at most HTTP_MAX_UPLOADS uploads of at most
 * HTTP_UPLOAD_MAX bytes, and the pairs handed to the forms engine are the
 * fields as received.
 */
#include "fuzz.h"
#include "handlers.h"
#include "http_mp.h"
#include "log.h"
#include "utf8.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static struct MHD_Daemon *daemon_;
static bool completed;

static void
check_request (struct req *r, bool finished)
{
  FUZZ_CHECK (r->n_fields <= HTTP_MAX_FIELDS, "%zu fields", r->n_fields);
  FUZZ_CHECK (r->n_uploads <= HTTP_MAX_UPLOADS, "%zu uploads", r->n_uploads);
  for (size_t i = 0; i < r->n_fields; i++)
  {
    FUZZ_CHECK (strlen (r->fields[i].key) < sizeof r->fields[i].key,
                "field name");
    FUZZ_CHECK (r->fields[i].value.len <= 16 * 1024, "field %zu: %zu bytes",
                i, r->fields[i].value.len);
  }
  for (size_t i = 0; i < r->n_uploads; i++)
  {
    FUZZ_CHECK (memchr (r->uploads[i].name, '\0', sizeof r->uploads[i].name),
                "upload name unterminated");
    FUZZ_CHECK (r->uploads[i].data.len <= HTTP_UPLOAD_MAX, "upload size");
  }
  if (! finished)
    return;
  FUZZ_CHECK (r->form.n == r->n_fields, "%zu pairs of %zu fields", r->form.n,
              r->n_fields);
  for (size_t i = 0; i < r->n_fields; i++)
  {
    const struct form_pair *p = &r->form.pairs[i];
    FUZZ_CHECK (0 == strcmp (p->key, r->fields[i].key), "pair %zu key", i);
    FUZZ_CHECK (p->key[0] && utf8_valid_text (p->key, strlen (p->key)),
                "pair %zu: key not text", i);
    FUZZ_CHECK (p->value_len == r->fields[i].value.len
                && 0 == memcmp (p->value, r->fields[i].value.p
                                ? r->fields[i].value.p : "", p->value_len),
                "pair %zu value", i);
  }
  if (NULL == h_uploads_problem (r))
    for (size_t i = 0; i < r->n_uploads; i++)
      FUZZ_CHECK (utf8_valid_text (r->uploads[i].name,
                                   strlen (r->uploads[i].name)),
                  "upload %zu: name not text", i);
}

/* The body side of http.c's http_access for a multipart route. */
static enum MHD_Result
access_cb (void *cls, struct MHD_Connection *conn, const char *url,
           const char *method, const char *version, const char *upload_data,
           size_t *upload_data_size, void **con_cls)
{
  struct req *r = *con_cls;
  if (NULL == r)
  {
    const char *ct = MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                                  "Content-Type");
    r = calloc (1, sizeof *r);
    FUZZ_CHECK (r != NULL, "out of memory");
    r->conn = conn;
    *con_cls = r;
    if (NULL == ct || 0 != strncasecmp (ct, "multipart/form-data", 19)
        || ! http_mp_begin (r))
      r->answered = true;     /* http.c answers 415 or 400 */
    return MHD_YES;
  }
  if (*upload_data_size > 0)
  {
    if (! r->answered && ! r->too_large)
      http_mp_feed (r, upload_data, *upload_data_size);
    check_request (r, false);
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (! r->answered && ! r->too_large && http_mp_finish (r))
    check_request (r, true);
  struct MHD_Response *resp =
    MHD_create_response_from_buffer (0, (void *) "", MHD_RESPMEM_PERSISTENT);
  enum MHD_Result ret = MHD_queue_response (conn, 204, resp);
  MHD_destroy_response (resp);
  return ret;
}

static void
completed_cb (void *cls, struct MHD_Connection *conn, void **con_cls,
              enum MHD_RequestTerminationCode toe)
{
  struct req *r = *con_cls;
  if (r)
  {
    urlenc_free (&r->form);
    http_mp_free (r);
    free (r);
    *con_cls = NULL;
  }
  completed = true;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  log_set_level ((enum log_level) (LOG_ERROR + 1));
  daemon_ = MHD_start_daemon (MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL,
                              &access_cb, NULL,
                              MHD_OPTION_NOTIFY_COMPLETED, &completed_cb,
                              NULL, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                              (size_t) 256 * 1024, MHD_OPTION_END);
  if (NULL == daemon_)
  {
    fprintf (stderr, "fuzz_multipart: cannot start libmicrohttpd\n");
    abort ();
  }
  return 0;
}

static void
write_all (int fd, const char *p, size_t n)
{
  while (n > 0)
  {
    ssize_t w = write (fd, p, n);
    FUZZ_CHECK (w > 0, "write to the socket pair");
    p += w;
    n -= (size_t) w;
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* Content-Type: the first line, without control characters. */
  const uint8_t *nl = memchr (data, '\n', size);
  size_t ctl = nl ? (size_t) (nl - data) : size;
  const char *body = nl ? (const char *) nl + 1 : "";
  size_t blen = nl ? size - ctl - 1 : 0;
  if (ctl > 1000 || blen > 150 * 1024)
    return 0;
  char head[1200];
  size_t h = 0;
  h += (size_t) snprintf (head, sizeof head, "POST /u/demo/pengaduan "
                          "HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Content-Type: ");
  for (size_t i = 0; i < ctl; i++)
    if (data[i] >= 0x20 && data[i] != 0x7f)
      head[h++] = (char) data[i];
  h += (size_t) snprintf (head + h, sizeof head - h,
                          "\r\nContent-Length: %zu\r\n\r\n", blen);

  int sv[2];
  FUZZ_CHECK (0 == socketpair (AF_UNIX, SOCK_STREAM, 0, sv), "socketpair");
  int bufsize = 512 * 1024;
  setsockopt (sv[1], SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof bufsize);
  setsockopt (sv[0], SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize);
  struct sockaddr_in peer = { .sin_family = AF_INET,
                              .sin_port = htons (40000) };
  peer.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  FUZZ_CHECK (MHD_YES == MHD_add_connection (daemon_, sv[0],
                                             (struct sockaddr *) &peer,
                                             sizeof peer), "add connection");
  write_all (sv[1], head, h);
  write_all (sv[1], body, blen);
  completed = false;
  for (int i = 0; i < 100000 && ! completed; i++)
    MHD_run (daemon_);
  FUZZ_CHECK (completed, "the request never completed");
  close (sv[1]);
  /* Let the daemon see the end of the connection and free it. */
  for (int i = 0; i < 100; i++)
  {
    const union MHD_DaemonInfo *inf =
      MHD_get_daemon_info (daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if (NULL == inf || 0 == inf->num_connections)
      break;
    MHD_run (daemon_);
  }
  return 0;
}
