/* See pool.h. */
#include "pool.h"
#include <pthread.h>
#include <stdlib.h>

struct queue {
  struct pool_work *head, *tail;
  unsigned int queued, max_queued, running;
  unsigned long long done, refused;
};

struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  struct queue q[POOL__KINDS];
  unsigned int anon_threads;    /* anonymous work running at most */
  unsigned int anon_running;
  unsigned int next_anon;       /* where the turn of anonymous kinds is */
  unsigned int n_threads;
  bool stopping;
  pthread_t threads[];
};

static const char *const kind_names[POOL__KINDS] = {
  "staff", "login", "access", "intake"
};

const char *
pool_kind_name (enum pool_kind k)
{
  return k < POOL__KINDS ? kind_names[k] : "";
}

/* The next work a free thread may take (lock held): staff first, then
   the anonymous kinds in turn while fewer than ANON_THREADS run. */
static struct pool_work *
take (struct pool *p, enum pool_kind *kind)
{
  enum pool_kind k = POOL__KINDS;
  if (p->q[POOL_STAFF].head)
    k = POOL_STAFF;
  else if (p->anon_running < p->anon_threads)
    for (unsigned int i = 0; i < POOL__KINDS - 1 && k == POOL__KINDS; i++)
    {
      unsigned int c = 1 + (p->next_anon + i) % (POOL__KINDS - 1);
      if (p->q[c].head)
      {
        k = (enum pool_kind) c;
        p->next_anon = c % (POOL__KINDS - 1);  /* the kind after C next */
      }
    }
  if (k == POOL__KINDS)
    return NULL;
  struct queue *q = &p->q[k];
  struct pool_work *w = q->head;
  q->head = w->next;
  if (NULL == q->head)
    q->tail = NULL;
  q->queued--;
  q->running++;
  if (k != POOL_STAFF)
    p->anon_running++;
  *kind = k;
  return w;
}

static bool
anything_queued (const struct pool *p)
{
  for (int k = 0; k < POOL__KINDS; k++)
    if (p->q[k].head)
      return true;
  return false;
}

static void *
pool_main (void *cls)
{
  struct pool *p = cls;
  pthread_mutex_lock (&p->lock);
  for (;;)
  {
    enum pool_kind k;
    struct pool_work *w = take (p, &k);
    if (NULL == w)
    {
      if (p->stopping && ! anything_queued (p))
        break;
      pthread_cond_wait (&p->cond, &p->lock);
      continue;
    }
    pthread_mutex_unlock (&p->lock);
    w->run (w->cls);
    w->done (w->cls);
    pthread_mutex_lock (&p->lock);
    p->q[k].running--;
    p->q[k].done++;
    if (k != POOL_STAFF)
    {
      p->anon_running--;
      /* A thread waiting only because anonymous work was at its limit
         may go on now. */
      pthread_cond_broadcast (&p->cond);
    }
  }
  pthread_mutex_unlock (&p->lock);
  return NULL;
}

struct pool *
pool_new (unsigned int anon_threads,
          const unsigned int max_queued[POOL__KINDS])
{
  if (0 == anon_threads)
    anon_threads = 1;
  unsigned int threads = anon_threads + 1;
  struct pool *p = calloc (1, sizeof *p + threads * sizeof (pthread_t));
  if (NULL == p)
    return NULL;
  pthread_mutex_init (&p->lock, NULL);
  pthread_cond_init (&p->cond, NULL);
  p->anon_threads = anon_threads;
  for (int k = 0; k < POOL__KINDS; k++)
    p->q[k].max_queued = max_queued[k];
  for (unsigned int i = 0; i < threads; i++)
  {
    if (0 != pthread_create (&p->threads[i], NULL, pool_main, p))
      break;
    p->n_threads++;
  }
  if (0 == p->n_threads)
  {
    free (p);
    return NULL;
  }
  return p;
}

bool
pool_submit (struct pool *p, enum pool_kind kind, struct pool_work *w)
{
  if (kind >= POOL__KINDS)
    return false;
  struct queue *q = &p->q[kind];
  pthread_mutex_lock (&p->lock);
  if (q->queued >= q->max_queued || p->stopping)
  {
    q->refused++;
    pthread_mutex_unlock (&p->lock);
    return false;
  }
  w->next = NULL;
  if (q->tail)
    q->tail->next = w;
  else
    q->head = w;
  q->tail = w;
  q->queued++;
  /* Every waiting thread checks: the one that may take this kind goes. */
  pthread_cond_broadcast (&p->cond);
  pthread_mutex_unlock (&p->lock);
  return true;
}

void
pool_stats (struct pool *p, struct pool_stats *out)
{
  pthread_mutex_lock (&p->lock);
  for (int k = 0; k < POOL__KINDS; k++)
  {
    out->queued[k] = p->q[k].queued;
    out->running[k] = p->q[k].running;
    out->done[k] = p->q[k].done;
    out->refused[k] = p->q[k].refused;
  }
  pthread_mutex_unlock (&p->lock);
}

void
pool_free (struct pool *p)
{
  if (NULL == p)
    return;
  pthread_mutex_lock (&p->lock);
  p->stopping = true;
  pthread_cond_broadcast (&p->cond);
  pthread_mutex_unlock (&p->lock);
  for (unsigned int i = 0; i < p->n_threads; i++)
    pthread_join (p->threads[i], NULL);
  free (p);
}
