/* The slow-work pool's kinds (issue "Hardening", finding 2): each kind has
   its own bounded queue, the anonymous kinds take turns, staff work goes
   first and always has a thread of its own. */
#include "pool.h"
#include <criterion/criterion.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

struct job {
  struct pool_work w;
  sem_t *gate;                 /* waited on by run, when set */
  atomic_int *order;           /* a counter: the job's place when it ran */
  int ran_at;
  atomic_bool done;
};

static void
job_run (void *cls)
{
  struct job *j = cls;
  j->ran_at = atomic_fetch_add (j->order, 1);
  if (j->gate)
    sem_wait (j->gate);
}

static void
job_done (void *cls)
{
  struct job *j = cls;
  atomic_store (&j->done, true);
}

static void
init (struct job *j, sem_t *gate, atomic_int *order)
{
  memset (j, 0, sizeof *j);
  j->w = (struct pool_work) { .run = job_run, .done = job_done, .cls = j };
  j->gate = gate;
  j->order = order;
  j->ran_at = -1;
}

static void
wait_done (struct job *j)
{
  for (int i = 0; i < 2000 && ! atomic_load (&j->done); i++)
  {
    struct timespec ts = { 0, 1000000 };
    nanosleep (&ts, NULL);
  }
  cr_assert (atomic_load (&j->done), "a job never ran");
}

Test (pool, kinds_queues_turns_and_the_staff_thread)
{
  static const unsigned int max[POOL__KINDS] = {
    [POOL_STAFF] = 4, [POOL_LOGIN] = 2, [POOL_ACCESS] = 2, [POOL_INTAKE] = 2
  };
  struct pool *p = pool_new (1, max);
  cr_assert_not_null (p);
  sem_t gate;
  sem_init (&gate, 0, 0);
  atomic_int order = 0;

  /* A login holds the one anonymous thread. */
  struct job hold, l1, l2, l3, in1, st1;
  init (&hold, &gate, &order);
  cr_assert (pool_submit (p, POOL_LOGIN, &hold.w));
  while (hold.ran_at < 0)
    sched_yield ();
  /* Two more logins queue; the third is refused: its own queue is full. */
  init (&l1, NULL, &order);
  init (&l2, NULL, &order);
  init (&l3, NULL, &order);
  cr_assert (pool_submit (p, POOL_LOGIN, &l1.w));
  cr_assert (pool_submit (p, POOL_LOGIN, &l2.w));
  cr_assert_not (pool_submit (p, POOL_LOGIN, &l3.w));
  /* Another kind still has room. */
  init (&in1, NULL, &order);
  cr_assert (pool_submit (p, POOL_INTAKE, &in1.w));
  /* Staff work runs now, on the thread kept for it, while anonymous work
     waits. */
  init (&st1, NULL, &order);
  cr_assert (pool_submit (p, POOL_STAFF, &st1.w));
  wait_done (&st1);
  cr_assert_eq (l1.ran_at, -1);
  cr_assert_eq (in1.ran_at, -1);
  struct pool_stats s;
  pool_stats (p, &s);
  cr_assert_eq (s.queued[POOL_LOGIN], 2);
  cr_assert_eq (s.refused[POOL_LOGIN], 1);
  cr_assert_eq (s.running[POOL_LOGIN], 1);
  /* The held login ends: the intake goes before the queued logins (the
     kinds take turns), then the logins in order. */
  sem_post (&gate);
  wait_done (&l2);
  wait_done (&in1);
  cr_assert_lt (in1.ran_at, l1.ran_at, "intake %d, login %d", in1.ran_at,
                l1.ran_at);
  cr_assert_lt (l1.ran_at, l2.ran_at);
  pool_stats (p, &s);
  cr_assert_eq (s.done[POOL_LOGIN], 3);
  cr_assert_eq (s.done[POOL_STAFF], 1);
  pool_free (p);
  sem_destroy (&gate);
}
