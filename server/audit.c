/* See audit.h. */
#include "audit.h"
#include "vault.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

void
audit_entry_hash (const struct audit_row *r, unsigned char out[32])
{
  char id[24], at[24], unit[24];
  snprintf (id, sizeof id, "%lld", (long long) r->id);
  snprintf (at, sizeof at, "%lld", (long long) r->at);
  snprintf (unit, sizeof unit, "%lld", (long long) r->unit_id);
  const void *parts[] = { r->prev_hash, id, at, unit, r->actor, r->action,
                          r->object, r->detail };
  size_t lens[] = { 32, strlen (id), strlen (at), strlen (unit),
                    strlen (r->actor), strlen (r->action), strlen (r->object),
                    strlen (r->detail) };
  vault_hash_parts (out, 8, parts, lens);
}

enum store_status
audit_append (struct store_conn *c, int64_t unit_id, const char *actor,
              const char *action, const char *object, const char *detail)
{
  struct audit_row r;
  int64_t last_id = 0;
  memset (&r, 0, sizeof r);
  switch (store_audit_last (c, &last_id, r.prev_hash))
  {
  case STORE_OK:
    break;
  case STORE_NO_ROW:
    memset (r.prev_hash, 0, sizeof r.prev_hash);
    last_id = 0;
    break;
  case STORE_BUSY:
    return STORE_BUSY;
  case STORE_HARD_ERROR:
    return STORE_HARD_ERROR;
  }
  r.id = last_id + 1;
  r.at = (int64_t) time (NULL);
  r.unit_id = unit_id;
  snprintf (r.actor, sizeof r.actor, "%s", actor ? actor : "-");
  snprintf (r.action, sizeof r.action, "%s", action);
  snprintf (r.object, sizeof r.object, "%s", object ? object : "");
  snprintf (r.detail, sizeof r.detail, "%s", detail ? detail : "");
  audit_entry_hash (&r, r.hash);
  return store_audit_insert (c, &r);
}

struct walk {
  struct audit_verdict *v;
  unsigned char prev[32];
  int64_t prev_id;
};

static bool
walk_one (void *cls, const struct audit_row *r)
{
  struct walk *w = cls;
  unsigned char want[32];
  w->v->entries++;
  if (r->id != w->prev_id + 1)
    w->v->reason = "an entry is missing before this one (ids not consecutive)";
  else if (0 != memcmp (r->prev_hash, w->prev, 32))
    w->v->reason = "its previous-hash does not match the entry before it";
  else
  {
    audit_entry_hash (r, want);
    if (0 != memcmp (want, r->hash, 32))
      w->v->reason = "its content does not match its hash";
  }
  if (w->v->reason)
  {
    w->v->ok = false;
    w->v->bad_id = r->id;
    return false;
  }
  memcpy (w->prev, r->hash, 32);
  w->prev_id = r->id;
  return true;
}

enum store_status
audit_verify (struct store *s, struct audit_verdict *v)
{
  struct walk w;
  memset (v, 0, sizeof *v);
  memset (&w, 0, sizeof w);
  v->ok = true;
  w.v = v;
  enum store_status st = store_audit_all (s, &walk_one, &w);
  memcpy (v->head, w.prev, 32);
  return st;
}

enum store_status
audit_verify_file (const char *db_path, struct audit_verdict *v,
                   char err[200])
{
  struct walk w;
  memset (v, 0, sizeof *v);
  memset (&w, 0, sizeof w);
  v->ok = true;
  w.v = v;
  enum store_status st = store_file_audit_all (db_path, &walk_one, &w, err);
  memcpy (v->head, w.prev, 32);
  return st;
}
