/* See throttle.h.  A fixed open-addressed table; when full, the entry
   least recently failed is replaced. */
#include "throttle.h"
#include <pthread.h>
#include <string.h>

#define THROTTLE_SLOTS 8192
#define THROTTLE_MAX_WAIT 900
#define THROTTLE_FORGET 3600

struct slot {
  uint64_t key;
  int64_t last;
  unsigned int failures;
};

static struct slot throttle_table[THROTTLE_SLOTS];
static pthread_mutex_t throttle_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned int
delay_for (unsigned int failures)
{
  if (failures < THROTTLE_FREE)
    return 0;
  unsigned int shift = failures - THROTTLE_FREE;
  if (shift >= 10)
    return THROTTLE_MAX_WAIT;
  unsigned int d = 1u << shift;
  return d > THROTTLE_MAX_WAIT ? THROTTLE_MAX_WAIT : d;
}

static struct slot *
find (uint64_t key, int64_t now, int create)
{
  size_t start = (size_t) (key % THROTTLE_SLOTS);
  struct slot *empty = NULL, *oldest = NULL;
  for (size_t i = 0; i < 16; i++)
  {
    struct slot *s = &throttle_table[(start + i) % THROTTLE_SLOTS];
    if (s->failures && now > 0 && now - s->last > THROTTLE_FORGET)
      memset (s, 0, sizeof *s);
    if (! s->failures)
    {
      if (NULL == empty)
        empty = s;
      continue;
    }
    if (s->key == key)
      return s;
    if (NULL == oldest || s->last < oldest->last)
      oldest = s;
  }
  if (! create)
    return NULL;
  struct slot *use = empty ? empty : oldest;
  memset (use, 0, sizeof *use);
  use->key = key;
  return use;
}

unsigned int
throttle_wait (uint64_t key, int64_t now)
{
  unsigned int wait = 0;
  pthread_mutex_lock (&throttle_lock);
  struct slot *s = find (key, now, 0);
  if (s)
  {
    int64_t until = s->last + delay_for (s->failures);
    if (until > now)
      wait = (unsigned int) (until - now);
  }
  pthread_mutex_unlock (&throttle_lock);
  return wait;
}

void
throttle_fail (uint64_t key, int64_t now)
{
  pthread_mutex_lock (&throttle_lock);
  struct slot *s = find (key, now, 1);
  s->failures++;
  s->last = now;
  pthread_mutex_unlock (&throttle_lock);
}

void
throttle_reset (uint64_t key)
{
  pthread_mutex_lock (&throttle_lock);
  struct slot *s = find (key, 0, 0);
  if (s)
    memset (s, 0, sizeof *s);
  pthread_mutex_unlock (&throttle_lock);
}
