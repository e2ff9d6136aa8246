/* See audit.h.  The chains: appending, checking one entry against a
   chain, signing checkpoints after checking what they cover, and the
   verification walk.  Keys, signatures and anchor files are in
   audit_sign.c. */
#include "audit.h"
#include <sqlite3.h>
#include "vault.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Atomic uint64_t audit_appended_n;

uint64_t
audit_appended (void)
{
  return atomic_load (&audit_appended_n);
}

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

void
audit_unit_hash (const struct audit_row *r, unsigned char out[32])
{
  static const char tag[] = "wadah-audit-unit/1";
  char unit[24], seq[24];
  snprintf (unit, sizeof unit, "%lld", (long long) r->unit_id);
  snprintf (seq, sizeof seq, "%lld", (long long) r->unit_seq);
  const void *parts[] = { tag, r->unit_prev_hash, unit, seq, r->hash };
  size_t lens[] = { sizeof tag - 1, 32, strlen (unit), strlen (seq), 32 };
  vault_hash_parts (out, 5, parts, lens);
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
  switch (store_audit_unit_last (NULL, c, unit_id, &r.unit_seq,
                                 r.unit_prev_hash))
  {
  case STORE_OK:
    break;
  case STORE_NO_ROW:
    r.unit_seq = 0;
    memset (r.unit_prev_hash, 0, sizeof r.unit_prev_hash);
    break;
  case STORE_BUSY:
    return STORE_BUSY;
  case STORE_HARD_ERROR:
    return STORE_HARD_ERROR;
  }
  r.id = last_id + 1;
  r.unit_seq++;
  r.at = (int64_t) time (NULL);
  r.unit_id = unit_id;
  snprintf (r.actor, sizeof r.actor, "%s", actor ? actor : "-");
  snprintf (r.action, sizeof r.action, "%s", action);
  snprintf (r.object, sizeof r.object, "%s", object ? object : "");
  snprintf (r.detail, sizeof r.detail, "%s", detail ? detail : "");
  audit_entry_hash (&r, r.hash);
  audit_unit_hash (&r, r.unit_hash);
  enum store_status st = store_audit_insert (c, &r);
  if (STORE_OK == st)
    atomic_fetch_add (&audit_appended_n, 1);
  return st;
}

/* ---- one chain, entry by entry ---- */

/* Where a chain stands while it is walked. */
struct chain {
  char chain;                  /* AUDIT_CHAIN_GLOBAL or AUDIT_CHAIN_UNIT */
  int64_t unit_id;
  int64_t len;                 /* the last place seen (id or unit_seq) */
  unsigned char head[32];      /* its stored hash */
  int64_t rows;                /* rows walked */
  size_t ci, ce;               /* its claims (struct verify), by count */
};

/* Check row R as the next entry of chain CH and advance CH over it (with
   the stored values, so that one bad entry is reported once).  FULL: the
   global chain's links can be checked (false on a unit's page, which reads
   only the unit's rows: there the entry hash is checked from the stored
   prev_hash).  Returns true when it fits, else the reason in *WHY. */
static bool
chain_step (struct chain *ch, const struct audit_row *r, bool full,
            enum audit_reason *why)
{
  unsigned char want[32];
  bool ok = true;
  if (AUDIT_CHAIN_GLOBAL == ch->chain)
  {
    if (r->id != ch->len + 1)
      *why = AUDIT_R_GAP, ok = false;
    else if (0 != memcmp (r->prev_hash, ch->head, 32))
      *why = AUDIT_R_PREV, ok = false;
    else if (r->malformed)
      *why = AUDIT_R_MALFORMED, ok = false;
    else
    {
      audit_entry_hash (r, want);
      if (0 != memcmp (want, r->hash, 32))
        *why = AUDIT_R_CONTENT, ok = false;
    }
    ch->len = r->id;
    memcpy (ch->head, r->hash, 32);
  }
  else
  {
    if (r->malformed)
      *why = AUDIT_R_MALFORMED, ok = false;
    else if (! full && (audit_entry_hash (r, want),
                        0 != memcmp (want, r->hash, 32)))
      *why = AUDIT_R_CONTENT, ok = false;
    else if (r->unit_seq != ch->len + 1)
      *why = AUDIT_R_UNIT_PLACE, ok = false;
    else if (0 != memcmp (r->unit_prev_hash, ch->head, 32))
      *why = AUDIT_R_UNIT_PREV, ok = false;
    else
    {
      audit_unit_hash (r, want);
      if (0 != memcmp (want, r->unit_hash, 32))
        *why = AUDIT_R_UNIT_HASH, ok = false;
    }
    ch->len = r->unit_seq;
    memcpy (ch->head, r->unit_hash, 32);
  }
  ch->rows++;
  return ok;
}

/* ---- signing checkpoints ---- */

struct cp_walk {
  struct chain ch;
  const struct audit_checkpoint *last;   /* the walk starts at its entry */
  bool first;
  bool bad;
  struct audit_problem p;
};

static bool
cp_walk_one (void *cls, const struct audit_row *r)
{
  struct cp_walk *w = cls;
  enum audit_reason why;
  if (w->first && w->last)
  {
    /* The entry the last checkpoint signed must still be there. */
    w->first = false;
    int64_t at = AUDIT_CHAIN_GLOBAL == w->ch.chain ? r->id : r->unit_seq;
    const unsigned char *h = AUDIT_CHAIN_GLOBAL == w->ch.chain
                             ? r->hash : r->unit_hash;
    if (at != w->last->count || 0 != memcmp (h, w->last->head, 32)
        || r->malformed)
    {
      w->bad = true;
      w->p.kind = AUDIT_REWRITTEN;
      w->p.entry = r->id;
      w->p.place = w->last->count;
      return false;
    }
    w->ch.len = at;
    memcpy (w->ch.head, h, 32);
    return true;
  }
  w->first = false;
  if (! chain_step (&w->ch, r, AUDIT_CHAIN_GLOBAL == w->ch.chain, &why))
  {
    w->bad = true;
    w->p.kind = AUDIT_BROKEN;
    w->p.reason = why;
    w->p.entry = r->id;
    w->p.place = r->unit_seq;
    return false;
  }
  return true;
}

/* Sign chain CHAIN/UNIT_ID, whose head is COUNT/HEAD, if it moved. */
static enum store_status
checkpoint_chain (struct store_conn *c, const struct audit_key *k,
                  const unsigned char log_id[16], char chain,
                  int64_t unit_id, int64_t count, const unsigned char head[32],
                  int64_t now, struct audit_checkpoint_result *r)
{
  struct audit_checkpoint last;
  struct cp_walk w;
  bool have_last = false;
  memset (&w, 0, sizeof w);
  w.p.chain = chain;
  w.p.unit_id = unit_id;
  w.p.source = AUDIT_FROM_CHECKPOINT;
  enum store_status st = store_audit_checkpoint_last (NULL, c, chain,
                                                      unit_id, &last);
  if (STORE_OK == st)
  {
    have_last = true;
    w.p.want = last.count;
    w.p.at = last.at;
    if (0 != memcmp (last.public_key, audit_key_public (k), 32))
    {
      w.p.kind = AUDIT_OTHER_KEY;
      goto refuse;
    }
    if (! audit_checkpoint_valid (&last, log_id, audit_key_public (k)))
    {
      w.p.kind = AUDIT_BAD_SIGNATURE;
      goto refuse;
    }
    if (last.count == count && 0 == memcmp (last.head, head, 32))
      return STORE_OK;                      /* nothing new */
    if (last.count >= count)
    {
      w.p.kind = last.count > count ? AUDIT_TRUNCATED : AUDIT_REWRITTEN;
      w.p.have = count;
      w.p.entry = count;
      w.p.place = count;
      goto refuse;
    }
  }
  else if (STORE_NO_ROW != st)
    return st;
  /* Walk from the last checkpoint's entry (or the start) to the head. */
  w.ch.chain = chain;
  w.ch.unit_id = unit_id;
  w.last = have_last ? &last : NULL;
  w.first = true;
  if (AUDIT_CHAIN_GLOBAL == chain)
    st = store_audit_walk (NULL, c, false, 0, have_last ? last.count : 1,
                           &cp_walk_one, &w);
  else
  {
    int64_t from = 0;
    if (have_last)
    {
      st = store_audit_unit_at (c, unit_id, last.count, &from);
      if (STORE_NO_ROW == st)
      {
        w.p.kind = AUDIT_REWRITTEN;
        w.p.place = last.count;
        goto refuse;
      }
      if (STORE_OK != st)
        return st;
    }
    st = store_audit_walk (NULL, c, true, unit_id, from, &cp_walk_one, &w);
  }
  if (STORE_OK != st)
    return st;
  if (w.bad)
    goto refuse;
  if (w.ch.len != count || 0 != memcmp (w.ch.head, head, 32))
  {
    /* The head read first is not where the walk ended. */
    w.p.kind = AUDIT_BROKEN;
    w.p.reason = AUDIT_CHAIN_GLOBAL == chain ? AUDIT_R_GAP
                 : AUDIT_R_UNIT_PLACE;
    w.p.entry = count;
    goto refuse;
  }
  struct audit_checkpoint cp;
  memset (&cp, 0, sizeof cp);
  cp.at = now;
  cp.chain = chain;
  cp.unit_id = unit_id;
  cp.count = count;
  memcpy (cp.head, head, 32);
  audit_checkpoint_sign (k, log_id, &cp);
  st = store_audit_checkpoint_insert (c, &cp);
  if (STORE_OK == st)
    r->written++;
  return st;
refuse:
  if (! r->refused)
    r->problem = w.p;
  r->refused = true;
  return STORE_OK;
}

enum store_status
audit_checkpoint_run (struct store_conn *c, const struct audit_key *k,
                      int64_t now, struct audit_checkpoint_result *r)
{
  unsigned char log_id[16], head[32];
  int64_t count, *units = NULL;
  size_t n = 0;
  memset (r, 0, sizeof *r);
  enum store_status st = store_audit_log_id (NULL, c, log_id);
  if (STORE_OK != st)
    return STORE_NO_ROW == st ? STORE_HARD_ERROR : st;
  st = store_audit_last (c, &count, head);
  if (STORE_OK == st)
    st = checkpoint_chain (c, k, log_id, AUDIT_CHAIN_GLOBAL, 0, count, head,
                           now, r);
  else if (STORE_NO_ROW == st)
    st = STORE_OK;
  if (STORE_OK != st)
    return st;
  if (STORE_OK != (st = store_audit_unit_ids (c, &units, &n)))
    return st;
  for (size_t i = 0; i < n && STORE_OK == st; i++)
  {
    st = store_audit_unit_last (NULL, c, units[i], &count, head);
    if (STORE_OK == st)
      st = checkpoint_chain (c, k, log_id, AUDIT_CHAIN_UNIT, units[i], count,
                             head, now, r);
    else if (STORE_NO_ROW == st)
      st = STORE_OK;
  }
  free (units);
  return st;
}

struct checkpoint_job {
  const struct audit_key *k;
  int64_t now;
  struct audit_checkpoint_result *r;
};

static enum store_status
checkpoint_job_run (struct store_conn *c, void *cls)
{
  struct checkpoint_job *j = cls;
  return audit_checkpoint_run (c, j->k, j->now, j->r);
}

enum store_status
audit_checkpoint_now (struct store *s, const struct audit_key *k,
                      struct audit_checkpoint_result *r)
{
  struct checkpoint_job j = { k, (int64_t) time (NULL), r };
  return store_write_sync (s, &checkpoint_job_run, &j);
}

/* ---- verification ---- */

struct claim {
  struct audit_checkpoint cp;
  enum audit_source source;
  bool matched;
};

struct verify {
  struct audit_verdict *v;
  const struct audit_verify_opts *o;
  struct claim *claims;           /* sorted by chain, unit, count */
  size_t n_claims;
  struct chain global;
  struct chain *units;            /* sorted by unit id */
  size_t n_units, cap_units;
  bool oom;
};

static void
problem_add (struct audit_verdict *v, const struct audit_problem *p)
{
  v->ok = false;
  if (v->n_problems < AUDIT_MAX_PROBLEMS)
    v->problems[v->n_problems++] = *p;
  else
    v->more_problems++;
}

static int
claim_cmp (const void *a, const void *b)
{
  const struct claim *x = a, *y = b;
  if (x->cp.chain != y->cp.chain)
    return x->cp.chain < y->cp.chain ? -1 : 1;
  if (x->cp.unit_id != y->cp.unit_id)
    return x->cp.unit_id < y->cp.unit_id ? -1 : 1;
  if (x->cp.count != y->cp.count)
    return x->cp.count < y->cp.count ? -1 : 1;
  return 0;
}

/* The claims of one chain: [*ci, *ce). */
static void
claims_of (const struct verify *w, char chain, int64_t unit_id, size_t *ci,
           size_t *ce)
{
  size_t lo = 0, hi = w->n_claims;
  while (lo < hi)
  {
    size_t mid = (lo + hi) / 2;
    const struct audit_checkpoint *c = &w->claims[mid].cp;
    if (c->chain < chain || (c->chain == chain && c->unit_id < unit_id))
      lo = mid + 1;
    else
      hi = mid;
  }
  *ci = lo;
  while (lo < w->n_claims && w->claims[lo].cp.chain == chain
         && w->claims[lo].cp.unit_id == unit_id)
    lo++;
  *ce = lo;
}

static struct chain *
unit_chain (struct verify *w, int64_t unit_id)
{
  size_t lo = 0, hi = w->n_units;
  while (lo < hi)
  {
    size_t mid = (lo + hi) / 2;
    if (w->units[mid].unit_id == unit_id)
      return &w->units[mid];
    if (w->units[mid].unit_id < unit_id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (w->n_units == w->cap_units)
  {
    size_t cap = w->cap_units ? 2 * w->cap_units : 16;
    struct chain *u = realloc (w->units, cap * sizeof *u);
    if (NULL == u)
      return NULL;
    w->units = u;
    w->cap_units = cap;
  }
  memmove (&w->units[lo + 1], &w->units[lo],
           (w->n_units - lo) * sizeof *w->units);
  w->n_units++;
  struct chain *ch = &w->units[lo];
  memset (ch, 0, sizeof *ch);
  ch->chain = AUDIT_CHAIN_UNIT;
  ch->unit_id = unit_id;
  claims_of (w, AUDIT_CHAIN_UNIT, unit_id, &ch->ci, &ch->ce);
  return ch;
}

/* After CH stepped onto entry R: compare the claims made at its place. */
static void
claims_at (struct verify *w, struct chain *ch, const struct audit_row *r)
{
  const unsigned char *h = AUDIT_CHAIN_GLOBAL == ch->chain ? r->hash
                           : r->unit_hash;
  while (ch->ci < ch->ce && w->claims[ch->ci].cp.count < ch->len)
    ch->ci++;          /* a place skipped (a gap, reported as such) */
  for (; ch->ci < ch->ce && w->claims[ch->ci].cp.count == ch->len; ch->ci++)
  {
    struct claim *cl = &w->claims[ch->ci];
    cl->matched = true;
    if (0 == memcmp (cl->cp.head, h, 32) && ! r->malformed)
      continue;
    struct audit_problem p = {
      .kind = AUDIT_REWRITTEN, .source = cl->source, .chain = ch->chain,
      .unit_id = ch->unit_id, .entry = r->id, .place = ch->len,
      .want = cl->cp.count, .at = cl->cp.at };
    problem_add (w->v, &p);
  }
}

static bool
verify_one (void *cls, const struct audit_row *r)
{
  struct verify *w = cls;
  enum audit_reason why;
  struct audit_problem p = { .kind = AUDIT_BROKEN, .entry = r->id,
                             .place = r->unit_seq };
  w->v->entries++;
  if (! w->o->unit_only)
  {
    if (! chain_step (&w->global, r, true, &why))
    {
      p.chain = AUDIT_CHAIN_GLOBAL;
      p.reason = why;
      problem_add (w->v, &p);
    }
    claims_at (w, &w->global, r);
    memcpy (w->v->head, r->hash, 32);
  }
  struct chain *u = unit_chain (w, r->unit_id);
  if (NULL == u)
  {
    w->oom = true;
    return false;
  }
  if (! chain_step (u, r, ! w->o->unit_only, &why))
  {
    p.chain = AUDIT_CHAIN_UNIT;
    p.unit_id = r->unit_id;
    p.reason = why;
    problem_add (w->v, &p);
  }
  claims_at (w, u, r);
  if (w->o->unit_only)
    memcpy (w->v->head, r->unit_hash, 32);
  return true;
}

/* Claims past the end of their chain: one TRUNCATED per chain and source
   (the largest count); claims inside it that met no entry (their place was
   skipped): REWRITTEN. */
static void
verify_ends (struct verify *w)
{
  for (size_t i = 0; i < w->n_claims;)
  {
    const struct audit_checkpoint *c0 = &w->claims[i].cp;
    size_t ci, ce;
    claims_of (w, c0->chain, c0->unit_id, &ci, &ce);
    int64_t len = 0;
    if (AUDIT_CHAIN_GLOBAL == c0->chain)
      len = w->global.len;
    else
      for (size_t u = 0; u < w->n_units; u++)
        if (w->units[u].unit_id == c0->unit_id)
          len = w->units[u].len;
    const struct claim *far[3] = { NULL, NULL, NULL };
    for (size_t j = ci; j < ce; j++)
    {
      const struct claim *cl = &w->claims[j];
      if (cl->cp.count > len)
        far[cl->source] = cl;       /* sorted: the last is the largest */
      else if (! cl->matched)
      {
        struct audit_problem p = {
          .kind = AUDIT_REWRITTEN, .source = cl->source,
          .chain = cl->cp.chain, .unit_id = cl->cp.unit_id,
          .entry = cl->cp.count, .place = cl->cp.count,
          .want = cl->cp.count, .at = cl->cp.at };
        problem_add (w->v, &p);
      }
    }
    for (int s = 0; s < 3; s++)
      if (far[s])
      {
        struct audit_problem p = {
          .kind = AUDIT_TRUNCATED, .source = far[s]->source,
          .chain = c0->chain, .unit_id = c0->unit_id, .have = len,
          .want = far[s]->cp.count, .at = far[s]->cp.at };
        problem_add (w->v, &p);
      }
    i = ce;
  }
}

static bool
claim_push (struct verify *w, const struct audit_checkpoint *cp,
            enum audit_source source, size_t cap)
{
  if (w->n_claims == cap)
    return false;
  w->claims[w->n_claims].cp = *cp;
  w->claims[w->n_claims].source = source;
  w->claims[w->n_claims].matched = false;
  w->n_claims++;
  return true;
}

enum store_status
audit_verify (struct store *s, const struct audit_verify_opts *o,
              struct audit_verdict *v)
{
  struct verify w;
  struct audit_checkpoint *cps = NULL;
  size_t n_cps = 0;
  const unsigned char *pk = o->public_key;
  memset (v, 0, sizeof *v);
  memset (&w, 0, sizeof w);
  v->ok = true;
  v->signatures_checked = NULL != pk;
  w.v = v;
  w.o = o;
  w.global.chain = AUDIT_CHAIN_GLOBAL;

  enum store_status st = store_audit_log_id (s, NULL, v->log_id);
  if (STORE_NO_ROW == st)
    memset (v->log_id, 0, 16);     /* deleted: no signature will verify */
  else if (STORE_OK != st)
    return st;
  st = o->unit_only
       ? store_audit_checkpoints (s, NULL, AUDIT_CHAIN_UNIT, o->unit_id, &cps,
                                  &n_cps)
       : store_audit_checkpoints (s, NULL, 0, 0, &cps, &n_cps);
  if (STORE_OK != st)
    return st;
  size_t cap = n_cps + o->n_anchors + o->n_heads;
  w.claims = calloc (cap ? cap : 1, sizeof *w.claims);
  if (NULL == w.claims)
  {
    free (cps);
    return STORE_HARD_ERROR;
  }

  /* Stored checkpoints: only those signed by the trusted key count. */
  char newest_chain = o->unit_only ? AUDIT_CHAIN_UNIT : AUDIT_CHAIN_GLOBAL;
  int64_t newest_unit = o->unit_only ? o->unit_id : 0;
  for (size_t i = 0; i < n_cps; i++)
  {
    const struct audit_checkpoint *cp = &cps[i];
    struct audit_problem p = { .source = AUDIT_FROM_CHECKPOINT,
                               .chain = cp->chain, .unit_id = cp->unit_id,
                               .want = cp->count, .at = cp->at };
    v->checkpoints++;
    if (pk && 0 != memcmp (cp->public_key, pk, 32))
    {
      p.kind = AUDIT_OTHER_KEY;
      problem_add (v, &p);
      continue;
    }
    if (pk && ! audit_checkpoint_valid (cp, v->log_id, pk))
    {
      p.kind = AUDIT_BAD_SIGNATURE;
      problem_add (v, &p);
      continue;
    }
    if (pk)
      v->checkpoints_valid++;
    claim_push (&w, cp, AUDIT_FROM_CHECKPOINT, cap);
    if (cp->chain == newest_chain && cp->unit_id == newest_unit
        && (! v->has_newest || cp->count > v->newest.count
            || (cp->count == v->newest.count && cp->at >= v->newest.at)))
    {
      v->newest = *cp;
      v->has_newest = true;
    }
  }

  /* Anchors: their own signature, their key, their log. */
  for (size_t i = 0; i < o->n_anchors; i++)
  {
    const struct audit_anchor *a = &o->anchors[i];
    struct audit_problem p = { .source = AUDIT_FROM_ANCHOR,
                               .chain = a->cp.chain, .unit_id = a->cp.unit_id,
                               .want = a->cp.count, .at = a->cp.at };
    if (o->unit_only && (a->cp.chain != AUDIT_CHAIN_UNIT
                         || a->cp.unit_id != o->unit_id))
      continue;
    if (! audit_checkpoint_valid (&a->cp, a->log_id, a->cp.public_key))
      p.kind = AUDIT_BAD_SIGNATURE;
    else if (pk && 0 != memcmp (a->cp.public_key, pk, 32))
      p.kind = AUDIT_OTHER_KEY;
    else if (0 != memcmp (a->log_id, v->log_id, 16))
      p.kind = AUDIT_OTHER_LOG;
    else
    {
      claim_push (&w, &a->cp, AUDIT_FROM_ANCHOR, cap);
      /* It was stored when it was made: a stored checkpoint at least as
         new must still be there. */
      int64_t stored = 0;
      for (size_t j = 0; j < n_cps; j++)
        if (cps[j].chain == a->cp.chain && cps[j].unit_id == a->cp.unit_id
            && cps[j].count > stored
            && (NULL == pk || (0 == memcmp (cps[j].public_key, pk, 32)
                               && audit_checkpoint_valid (&cps[j], v->log_id,
                                                          pk))))
          stored = cps[j].count;
      if (stored >= a->cp.count)
        continue;
      p.kind = AUDIT_CHECKPOINTS_DELETED;
      p.have = stored;
    }
    problem_add (v, &p);
  }
  for (size_t i = 0; i < o->n_heads; i++)
    claim_push (&w, &o->heads[i], AUDIT_FROM_HEAD, cap);
  free (cps);
  qsort (w.claims, w.n_claims, sizeof *w.claims, &claim_cmp);
  claims_of (&w, AUDIT_CHAIN_GLOBAL, 0, &w.global.ci, &w.global.ce);

  st = o->unit_only
       ? store_audit_walk (s, NULL, true, o->unit_id, 0, &verify_one, &w)
       : store_audit_walk (s, NULL, false, 0, 1, &verify_one, &w);
  if (STORE_OK == st && w.oom)
    st = STORE_HARD_ERROR;
  if (STORE_OK == st)
    verify_ends (&w);
  free (w.claims);
  free (w.units);
  return st;
}

/* ---- words ---- */

void
audit_time_text (int64_t t, int offset_min, char *out, size_t cap)
{
  time_t lt = (time_t) (t + (int64_t) offset_min * 60);
  struct tm tm;
  gmtime_r (&lt, &tm);
  char zone[16];
  if (0 == offset_min)
    snprintf (zone, sizeof zone, "UTC");
  else
    snprintf (zone, sizeof zone, "%+03d:%02d", offset_min / 60,
              abs (offset_min % 60));
  snprintf (out, cap, "%04d-%02d-%02d %02d:%02d:%02d %s", tm.tm_year + 1900,
            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
            zone);
}

static const char *const reason_en[] = {
  [AUDIT_R_GAP] = ("an entry is missing before this one (ids not"
                   " consecutive)"),
  [AUDIT_R_PREV] = "its previous-hash does not match the entry before it",
  [AUDIT_R_CONTENT] = "its content does not match its hash",
  [AUDIT_R_MALFORMED] = "its stored fields are malformed",
  [AUDIT_R_UNIT_PLACE] = "its place in the unit's chain is out of order",
  [AUDIT_R_UNIT_PREV] = "its previous unit hash does not match",
  [AUDIT_R_UNIT_HASH] = "its unit hash does not match",
};
static const char *const reason_id[] = {
  [AUDIT_R_GAP] = ("ada entri yang hilang sebelum entri ini (nomor tidak"
                   " berurutan)"),
  [AUDIT_R_PREV] = "hash sebelumnya tidak cocok dengan entri sebelumnya",
  [AUDIT_R_CONTENT] = "isinya tidak cocok dengan hash-nya",
  [AUDIT_R_MALFORMED] = "isian yang tersimpan rusak",
  [AUDIT_R_UNIT_PLACE] = "urutannya dalam rantai unit tidak berurutan",
  [AUDIT_R_UNIT_PREV] = "hash unit sebelumnya tidak cocok",
  [AUDIT_R_UNIT_HASH] = "hash unitnya tidak cocok",
};

/* "the checkpoint of DATE", "the anchor of DATE", "the printed head". */
static void
source_text (const struct audit_problem *p, bool indonesian, int offset_min,
             char *out, size_t cap)
{
  char when[48];
  audit_time_text (p->at, offset_min, when, sizeof when);
  switch (p->source)
  {
  case AUDIT_FROM_CHECKPOINT:
    snprintf (out, cap, indonesian ? "titik periksa bertanda tangan %s"
              : "the checkpoint of %s", when);
    break;
  case AUDIT_FROM_ANCHOR:
    snprintf (out, cap, indonesian ? "jangkar %s" : "the anchor of %s", when);
    break;
  case AUDIT_FROM_HEAD:
    snprintf (out, cap, "%s", indonesian ? "kepala yang tercetak"
              : "the printed head");
    break;
  }
}

void
audit_problem_text (const struct audit_problem *p, bool indonesian,
                    int offset_min, char *out, size_t cap)
{
  char src[80], chain[64];
  long long unit = (long long) p->unit_id;
  source_text (p, indonesian, offset_min, src, sizeof src);
  if (AUDIT_CHAIN_GLOBAL == p->chain)
    snprintf (chain, sizeof chain, "%s", indonesian ? "rantai" : "the chain");
  else if (indonesian)
    snprintf (chain, sizeof chain, "rantai unit");
  else
    snprintf (chain, sizeof chain, "unit %lld's chain", unit);
  switch (p->kind)
  {
  case AUDIT_BROKEN:
  {
    const char *why = (indonesian ? reason_id : reason_en)[p->reason];
    if (AUDIT_CHAIN_GLOBAL == p->chain)
      snprintf (out, cap, indonesian ? "Entri %lld rusak: %s."
                : "entry %lld: %s", (long long) p->entry, why);
    else if (indonesian)
      snprintf (out, cap, "Entri %lld (ke-%lld di rantai unit) rusak: %s.",
                (long long) p->entry, (long long) p->place, why);
    else
      snprintf (out, cap, "entry %lld (place %lld of unit %lld's chain): %s",
                (long long) p->entry, (long long) p->place, unit, why);
    break;
  }
  case AUDIT_TRUNCATED:
    snprintf (out, cap, indonesian
              ? "Rantai terpotong: %s berisi %lld entri, sedangkan %s"
                " berisi %lld."
              : "truncated: %s has %lld entries, %s has %lld",
              chain, (long long) p->have, src, (long long) p->want);
    break;
  case AUDIT_REWRITTEN:
    snprintf (out, cap, indonesian
              ? "Rantai ditulis ulang: entri ke-%lld di %s bukan entri yang"
                " tercatat pada %s (isi diubah lalu hash dihitung ulang)."
              : "rewritten: entry %lld of %s is not the one %s names"
                " (entries were changed and the hashes recomputed)",
              (long long) p->place, chain, src);
    break;
  case AUDIT_BAD_SIGNATURE:
    snprintf (out, cap, indonesian
              ? "Tanda tangan %s (%lld entri, %s) tidak sah."
              : "forged: the signature of %s (%lld entries of %s) does not"
                " verify", src, (long long) p->want,
              chain);
    break;
  case AUDIT_OTHER_KEY:
    snprintf (out, cap, indonesian
              ? "Kunci lain: %s (%lld entri, %s) ditandatangani dengan kunci"
                " lain, bukan kunci audit server ini."
              : "foreign key: %s (%lld entries of %s) is signed by another"
                " key than the audit key", src, (long long) p->want, chain);
    break;
  case AUDIT_OTHER_LOG:
    snprintf (out, cap, indonesian ? "Jangkar ini milik log audit lain (%s)."
              : "another log: %s belongs to another audit log", src);
    break;
  case AUDIT_CHECKPOINTS_DELETED:
    snprintf (out, cap, indonesian
              ? "Titik periksa dihapus: %s berisi %lld entri (%s), titik"
                " periksa tersimpan terbaru hanya %lld."
              : "checkpoints deleted: %s has %lld entries of %s, the newest"
                " stored checkpoint %lld", src, (long long) p->want, chain,
              (long long) p->have);
    break;
  }
}

enum store_status
audit_verify_file (const char *db_path, struct audit_verdict *v,
                   char err[200], char why[200])
{
  struct store *s;
  struct audit_verify_opts o;
  memset (&o, 0, sizeof o);
  memset (v, 0, sizeof *v);
  err[0] = why[0] = '\0';
  if (STORE_OK != store_open (db_path, false, &s))
  {
    snprintf (err, 200, "cannot open it as a wadah database");
    return STORE_HARD_ERROR;
  }
  enum store_status st = audit_verify (s, &o, v);
  store_close (s);
  /* The store opened it in WAL mode: a backup's file is kept in rollback
     mode, to be read alone (store_snapshot). */
  sqlite3 *db;
  if (SQLITE_OK == sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE,
                                    NULL))
    sqlite3_exec (db, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL);
  sqlite3_close (db);
  if (STORE_OK != st)
    snprintf (err, 200, "cannot read its audit log");
  else if (v->n_problems)
    audit_problem_text (&v->problems[0], false, 0, why, 200);
  return st;
}
