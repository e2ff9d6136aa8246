/* See inflight.h.  A small array scanned under a lock: what is in flight
   is bounded by the slow-work pool's queue (kdf_threads plus 64), far
   below INFLIGHT_SLOTS, and a scan costs nothing beside an Argon2id run. */
#include "inflight.h"
#include <pthread.h>

static struct {
  uint64_t key;
  bool used;
} inflight_table[INFLIGHT_SLOTS];
static pthread_mutex_t inflight_lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot holding KEY, or -1; the caller holds the lock. */
static int
find_locked (uint64_t key)
{
  for (int i = 0; i < INFLIGHT_SLOTS; i++)
    if (inflight_table[i].used && inflight_table[i].key == key)
      return i;
  return -1;
}

static int
free_locked (void)
{
  for (int i = 0; i < INFLIGHT_SLOTS; i++)
    if (! inflight_table[i].used)
      return i;
  return -1;
}

bool
inflight_enter (uint64_t a, uint64_t b)
{
  bool ok = false;
  pthread_mutex_lock (&inflight_lock);
  if (find_locked (a) < 0 && find_locked (b) < 0)
  {
    int i = free_locked ();
    if (i >= 0)
    {
      inflight_table[i].used = true;
      inflight_table[i].key = a;
      int j = a == b ? i : free_locked ();
      if (j >= 0)
      {
        inflight_table[j].used = true;
        inflight_table[j].key = b;
        ok = true;
      }
      else
        inflight_table[i].used = false;
    }
  }
  pthread_mutex_unlock (&inflight_lock);
  return ok;
}

void
inflight_leave (uint64_t a, uint64_t b)
{
  pthread_mutex_lock (&inflight_lock);
  int i = find_locked (a);
  if (i >= 0)
    inflight_table[i].used = false;
  if (b != a && (i = find_locked (b)) >= 0)
    inflight_table[i].used = false;
  pthread_mutex_unlock (&inflight_lock);
}
