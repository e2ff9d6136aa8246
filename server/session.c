/* See session.h.  A fixed table scanned linearly: a unit has tens of staff,
   not thousands, and a constant-time compare per slot is cheap. */
#include "session.h"
#include "vault.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSION_MAX 4096

static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;
static struct session *session_table[SESSION_MAX];
static unsigned int session_idle = 30 * 60;
static unsigned int session_absolute = 12 * 3600;

void
session_configure (unsigned int idle_s, unsigned int absolute_s)
{
  session_idle = idle_s;
  session_absolute = absolute_s;
}

static void
session_wipe (struct session *s)
{
  for (int k = 0; k < KEY_KINDS; k++)
    vault_secret_free (s->unit_sk[k]);
  vault_wipe (s, sizeof *s);
  free (s);
}

/* Drop a reference; the caller holds session_lock. */
static void
unref_locked (struct session *s)
{
  if (0 == --s->refs && s->dead)
    session_wipe (s);
}

/* Remove slot I from the table; the caller holds session_lock. */
static void
kill_slot_locked (size_t i)
{
  struct session *s = session_table[i];
  session_table[i] = NULL;
  s->dead = true;
  unref_locked (s);     /* the table's reference */
}

static void
hex_of (const unsigned char *b, size_t n, char *out)
{
  static const char d[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++)
  {
    out[2 * i] = d[b[i] >> 4];
    out[2 * i + 1] = d[b[i] & 15];
  }
  out[2 * n] = '\0';
}

static bool
unhex (const char *s, unsigned char *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
  {
    int v = 0;
    for (int k = 0; k < 2; k++)
    {
      char c = s[2 * i + k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else return false;
    }
    out[i] = (unsigned char) v;
  }
  return s[2 * n] == '\0';
}

struct session *
session_create (const struct session *tmpl, char token[SESSION_TOKEN_HEX])
{
  unsigned char raw[VAULT_TOKEN_BYTES], csrf[32];
  struct session *s = calloc (1, sizeof *s);
  int64_t now = (int64_t) time (NULL);

  if (NULL == s)
    return NULL;
  *s = *tmpl;
  vault_random (raw, sizeof raw);
  vault_random (csrf, sizeof csrf);
  vault_token_hash (raw, s->token_hash);
  hex_of (raw, sizeof raw, token);
  hex_of (csrf, sizeof csrf, s->csrf);
  vault_wipe (raw, sizeof raw);
  s->created = s->last_seen = now;
  s->refs = 1;           /* the caller's */
  s->dead = false;
  pthread_mutex_lock (&session_lock);
  size_t free_slot = SESSION_MAX, stalest = SESSION_MAX;
  unsigned int own = 0;
  for (size_t i = 0; i < SESSION_MAX; i++)
  {
    struct session *o = session_table[i];
    if (o && (now - o->last_seen > session_idle
              || now - o->created > session_absolute))
      kill_slot_locked (i);
    else if (o && o->user_id == s->user_id)
    {
      own++;
      struct session *t = stalest < SESSION_MAX ? session_table[stalest]
                                                : NULL;
      if (NULL == t || o->last_seen < t->last_seen
          || (o->last_seen == t->last_seen && o->created < t->created))
        stalest = i;
    }
    if (NULL == session_table[i] && free_slot == SESSION_MAX)
      free_slot = i;
  }
  /* One account holds at most SESSION_PER_USER sessions: the one unused
     longest makes room (so one account, or whoever has its password,
     cannot fill the table and lock every other officer out). */
  if (own >= SESSION_PER_USER)
  {
    kill_slot_locked (stalest);
    if (free_slot == SESSION_MAX || stalest < free_slot)
      free_slot = stalest;
  }
  if (free_slot == SESSION_MAX)
  {
    pthread_mutex_unlock (&session_lock);
    /* Do not wipe the caller's keys twice: they were moved into S. */
    session_wipe (s);
    vault_wipe (token, SESSION_TOKEN_HEX);
    return NULL;
  }
  s->refs++;             /* the table's */
  session_table[free_slot] = s;
  pthread_mutex_unlock (&session_lock);
  return s;
}

struct session *
session_find (const char *token)
{
  unsigned char raw[VAULT_TOKEN_BYTES], h[32];
  struct session *found = NULL;
  int64_t now = (int64_t) time (NULL);

  if (NULL == token || strlen (token) != 2 * VAULT_TOKEN_BYTES
      || ! unhex (token, raw, sizeof raw))
    return NULL;
  vault_token_hash (raw, h);
  vault_wipe (raw, sizeof raw);
  pthread_mutex_lock (&session_lock);
  for (size_t i = 0; i < SESSION_MAX; i++)
  {
    struct session *s = session_table[i];
    if (NULL == s || ! vault_equal (s->token_hash, h, 32))
      continue;
    if (now - s->last_seen > session_idle
        || now - s->created > session_absolute)
    {
      kill_slot_locked (i);
      break;
    }
    s->last_seen = now;
    s->refs++;
    found = s;
    break;
  }
  pthread_mutex_unlock (&session_lock);
  return found;
}

void
session_release (struct session *s)
{
  if (NULL == s)
    return;
  pthread_mutex_lock (&session_lock);
  unref_locked (s);
  pthread_mutex_unlock (&session_lock);
}

void
session_destroy (struct session *s)
{
  pthread_mutex_lock (&session_lock);
  for (size_t i = 0; i < SESSION_MAX; i++)
    if (session_table[i] == s)
    {
      kill_slot_locked (i);
      break;
    }
  pthread_mutex_unlock (&session_lock);
}

void
session_destroy_user (int64_t user_id)
{
  session_destroy_user_except (user_id, NULL);
}

void
session_destroy_user_except (int64_t user_id, const struct session *keep)
{
  pthread_mutex_lock (&session_lock);
  for (size_t i = 0; i < SESSION_MAX; i++)
    if (session_table[i] && session_table[i]->user_id == user_id
        && session_table[i] != keep)
      kill_slot_locked (i);
  pthread_mutex_unlock (&session_lock);
}

const unsigned char *
session_unit_key (const struct session *s, enum key_kind kind)
{
  return s->unit_sk[kind];
}

void
session_sweep (void)
{
  int64_t now = (int64_t) time (NULL);
  pthread_mutex_lock (&session_lock);
  for (size_t i = 0; i < SESSION_MAX; i++)
  {
    struct session *s = session_table[i];
    if (s && (now - s->last_seen > session_idle
              || now - s->created > session_absolute))
      kill_slot_locked (i);
  }
  pthread_mutex_unlock (&session_lock);
}

void
session_clear_all (void)
{
  pthread_mutex_lock (&session_lock);
  for (size_t i = 0; i < SESSION_MAX; i++)
    if (session_table[i])
      kill_slot_locked (i);
  pthread_mutex_unlock (&session_lock);
}
