/*
 * A small fixed pool of threads for slow, memory-hungry work (Argon2id:
 * 64 MiB and tens of milliseconds each; reports) so that the HTTP threads
 * never run it and a few threads at most run it at once.
 *
 * Work comes in kinds, each with its own bounded queue, so that a flood of
 * one kind (logins from rotating addresses) cannot starve another (WBS
 * submissions): a full queue turns its own flood into quick 503s, and the
 * threads take the anonymous kinds in turn.  Staff work (a logged-in
 * session) is taken before any anonymous work, and one thread is kept for
 * it: anonymous work never occupies every thread.
 */
#ifndef WADAH_POOL_H
#define WADAH_POOL_H
#include <stdbool.h>

enum pool_kind {
  POOL_STAFF = 0,       /* a logged-in staff member's work */
  POOL_LOGIN,           /* password checks of logins */
  POOL_ACCESS,          /* a reporter's access code or receipt check */
  POOL_INTAKE,          /* sealing a public submission (WBS, attachments) */
  POOL__KINDS
};

struct pool_work {
  void (*run) (void *cls);     /* in a pool thread */
  void (*done) (void *cls);    /* in the pool thread, after run */
  void *cls;
  struct pool_work *next;      /* private */
};

struct pool;
/* ANON_THREADS threads may run anonymous work at once; one more thread is
   kept for staff work.  MAX_QUEUED[k] bounds the queue of kind k. */
struct pool *pool_new (unsigned int anon_threads,
                       const unsigned int max_queued[POOL__KINDS]);
/* False when KIND's queue is full (the caller answers 503). */
bool pool_submit (struct pool *p, enum pool_kind kind, struct pool_work *w);

struct pool_stats {
  unsigned int queued[POOL__KINDS];
  unsigned int running[POOL__KINDS];
  unsigned long long done[POOL__KINDS];
  unsigned long long refused[POOL__KINDS];
};
void pool_stats (struct pool *p, struct pool_stats *out);
/* The kind's name for metrics ("staff", "login", "access", "intake"). */
const char *pool_kind_name (enum pool_kind k);
/* Finish queued work, join the threads, free. */
void pool_free (struct pool *p);
#endif
