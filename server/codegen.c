/* See codegen.h. */
#include "codegen.h"
#include "complaint.h"
#include "log.h"
#include "vault.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct pair {
  char code[15];
  char hash[128];
};

static int codegen_fd = -1;
static pid_t codegen_pid;
static pthread_t codegen_reader;
static bool codegen_reading;
static pthread_mutex_t codegen_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t codegen_space = PTHREAD_COND_INITIALIZER;
static struct pair *codegen_ring;   /* secret memory */
static size_t codegen_head, codegen_count;
static bool codegen_stopping;

static bool
read_full (int fd, void *p, size_t n)
{
  char *c = p;
  while (n > 0)
  {
    ssize_t r = read (fd, c, n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return false;
    c += r;
    n -= (size_t) r;
  }
  return true;
}

static bool
write_full (int fd, const void *p, size_t n)
{
  const char *c = p;
  while (n > 0)
  {
    ssize_t w = write (fd, c, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    c += w;
    n -= (size_t) w;
  }
  return true;
}

/* Refill in batches: the child sends BATCH pairs in one write; the reader
   sleeps until BATCH slots are free and then takes them at once, so a busy
   server wakes it once per BATCH complaints instead of once per complaint,
   and the child makes one write and one random draw per BATCH. */
#define CODEGEN_BATCH 64
_Static_assert (CODEGEN_RING >= 2 * CODEGEN_BATCH, "ring too small");

/* The child: draw, hash, send; a full socket makes it wait. */
static void
child_main (int fd)
{
  /* Codes in the clear: in locked memory, out of core dumps. */
  struct pair *batch = (struct pair *) vault_secret_new (
    CODEGEN_BATCH * sizeof (struct pair));
  unsigned char (*rnd)[COMPLAINT_CODE_RANDOM]
    = (unsigned char (*)[COMPLAINT_CODE_RANDOM]) vault_secret_new (
    CODEGEN_BATCH * COMPLAINT_CODE_RANDOM);
  char norm[13];
  bool ok = NULL != batch && NULL != rnd;
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  prctl (PR_SET_NAME, "wadah-codes");
  while (ok)
  {
    vault_random (rnd, CODEGEN_BATCH * COMPLAINT_CODE_RANDOM);
    for (size_t i = 0; ok && i < CODEGEN_BATCH; i++)
    {
      complaint_code_format (rnd[i], batch[i].code);
      complaint_code_normalise (batch[i].code, norm);
      ok = vault_code_hash (norm, batch[i].hash);
    }
    vault_wipe (norm, sizeof norm);
    vault_wipe (rnd, CODEGEN_BATCH * COMPLAINT_CODE_RANDOM);
    ok = ok && write_full (fd, batch, CODEGEN_BATCH * sizeof (struct pair));
    vault_wipe (batch, CODEGEN_BATCH * sizeof (struct pair));
  }
  vault_secret_free (batch);
  vault_secret_free (rnd);
  _exit (0);
}

bool
codegen_start (void)
{
  int sv[2];
  if (0 != socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
    return false;
  codegen_pid = fork ();
  if (codegen_pid < 0)
  {
    close (sv[0]);
    close (sv[1]);
    return false;
  }
  if (0 == codegen_pid)
  {
    close (sv[0]);
    child_main (sv[1]);
  }
  close (sv[1]);
  codegen_fd = sv[0];
  return true;
}

static void *
reader_main (void *cls)
{
  struct pair *batch = (struct pair *) vault_secret_new (
    CODEGEN_BATCH * sizeof (struct pair));
  (void) cls;
  if (NULL == batch)
    return NULL;
  for (;;)
  {
    pthread_mutex_lock (&codegen_lock);
    while (codegen_count > CODEGEN_RING - CODEGEN_BATCH && ! codegen_stopping)
      pthread_cond_wait (&codegen_space, &codegen_lock);
    bool stop = codegen_stopping;
    pthread_mutex_unlock (&codegen_lock);
    if (stop || ! read_full (codegen_fd, batch, sizeof *batch
                             * CODEGEN_BATCH))
      break;
    pthread_mutex_lock (&codegen_lock);
    for (size_t i = 0; i < CODEGEN_BATCH; i++)
      codegen_ring[(codegen_head + codegen_count + i) % CODEGEN_RING]
        = batch[i];
    codegen_count += CODEGEN_BATCH;
    pthread_mutex_unlock (&codegen_lock);
    vault_wipe (batch, sizeof *batch * CODEGEN_BATCH);
  }
  vault_secret_free (batch);
  return NULL;
}

bool
codegen_run (void)
{
  if (codegen_fd < 0)
    return false;
  codegen_ring = (struct pair *) vault_secret_new (CODEGEN_RING
                                                   * sizeof (struct pair));
  if (NULL == codegen_ring)
    return false;
  if (0 != pthread_create (&codegen_reader, NULL, &reader_main, NULL))
    return false;
  codegen_reading = true;
  return true;
}

bool
codegen_take (char code[15], char hash[128])
{
  bool ok = false;
  pthread_mutex_lock (&codegen_lock);
  if (codegen_count > 0)
  {
    struct pair *p = &codegen_ring[codegen_head];
    memcpy (code, p->code, sizeof p->code);
    memcpy (hash, p->hash, sizeof p->hash);
    vault_wipe (p, sizeof *p);
    codegen_head = (codegen_head + 1) % CODEGEN_RING;
    codegen_count--;
    if (codegen_count == CODEGEN_RING - CODEGEN_BATCH)
      pthread_cond_signal (&codegen_space);   /* room for a batch now */
    ok = true;
  }
  pthread_mutex_unlock (&codegen_lock);
  return ok;
}

void
codegen_stop (void)
{
  if (codegen_pid > 0)
  {
    kill (codegen_pid, SIGKILL);
    waitpid (codegen_pid, NULL, 0);
    codegen_pid = 0;
  }
  pthread_mutex_lock (&codegen_lock);
  codegen_stopping = true;
  pthread_cond_broadcast (&codegen_space);
  pthread_mutex_unlock (&codegen_lock);
  if (codegen_fd >= 0)
    shutdown (codegen_fd, SHUT_RDWR);
  if (codegen_reading)
    pthread_join (codegen_reader, NULL);
  if (codegen_fd >= 0)
    close (codegen_fd);
  codegen_fd = -1;
  vault_secret_free (codegen_ring);
  codegen_ring = NULL;
}
