/* See pool.h. */
#include "pool.h"
#include <pthread.h>
#include <stdlib.h>

struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  struct pool_work *head, *tail;
  unsigned int queued, max_queued, n_threads;
  bool stopping;
  pthread_t threads[];
};

static void *
pool_main (void *cls)
{
  struct pool *p = cls;
  for (;;)
  {
    pthread_mutex_lock (&p->lock);
    while (NULL == p->head && ! p->stopping)
      pthread_cond_wait (&p->cond, &p->lock);
    struct pool_work *w = p->head;
    if (NULL == w)
    {
      pthread_mutex_unlock (&p->lock);
      return NULL;
    }
    p->head = w->next;
    if (NULL == p->head)
      p->tail = NULL;
    p->queued--;
    pthread_mutex_unlock (&p->lock);
    w->run (w->cls);
    w->done (w->cls);
  }
}

struct pool *
pool_new (unsigned int threads, unsigned int max_queued)
{
  struct pool *p = calloc (1, sizeof *p + threads * sizeof (pthread_t));
  if (NULL == p)
    return NULL;
  pthread_mutex_init (&p->lock, NULL);
  pthread_cond_init (&p->cond, NULL);
  p->max_queued = max_queued;
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
pool_submit (struct pool *p, struct pool_work *w)
{
  pthread_mutex_lock (&p->lock);
  if (p->queued >= p->max_queued || p->stopping)
  {
    pthread_mutex_unlock (&p->lock);
    return false;
  }
  w->next = NULL;
  if (p->tail)
    p->tail->next = w;
  else
    p->head = w;
  p->tail = w;
  p->queued++;
  pthread_cond_signal (&p->cond);
  pthread_mutex_unlock (&p->lock);
  return true;
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
