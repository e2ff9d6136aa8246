/*
 * A small fixed pool of threads for slow, memory-hungry work (Argon2id:
 * 64 MiB and tens of milliseconds each) so that the HTTP threads never run
 * it and at most POOL threads run it at once.  A bounded queue turns a
 * flood into quick 503s instead of unbounded memory.
 */
#ifndef WADAH_POOL_H
#define WADAH_POOL_H
#include <stdbool.h>

struct pool_work {
  void (*run) (void *cls);     /* in a pool thread */
  void (*done) (void *cls);    /* in the pool thread, after run */
  void *cls;
  struct pool_work *next;      /* private */
};

struct pool;
struct pool *pool_new (unsigned int threads, unsigned int max_queued);
/* False when the queue is full (the caller answers 503). */
bool pool_submit (struct pool *p, struct pool_work *w);
/* Finish queued work, join the threads, free. */
void pool_free (struct pool *p);
#endif
