/*
 * bench_audit: builds the audit bench's log and plays the attacker for
 * tests/bench/audit.sh (issue 10, finding 3).
 *
 *   bench_audit fill DIR N         append N entries to unit "bench" of
 *                                  DIR (audit_append, 100 a job) and sign
 *                                  the heads after each 100 with the key
 *                                  DIR.audit-key, as the server does with
 *                                  audit_checkpoint_entries = 100
 *   bench_audit sql DIR SQL        run SQL with the triggers dropped
 *   bench_audit rechain DIR ID     delete entry ID, recompute every hash
 *   bench_audit resign DIR KEY     replace the checkpoints by ones signed
 *                                  with the key file KEY (an attacker's)
 */
#include "audit.h"
#include "tamper.h"
#include "vault.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fill {
  int64_t unit;
  long from, n;
};

static enum store_status
fill_run (struct store_conn *c, void *cls)
{
  struct fill *f = cls;
  static const char *const actions[] = { "login", "complaint_status",
                                         "identity_view", "complaint_reply",
                                         "logout" };
  for (long i = 0; i < f->n; i++)
  {
    char obj[40], detail[80];
    long k = f->from + i;
    snprintf (obj, sizeof obj, "ADU-2026-%06ld", k % 100000);
    snprintf (detail, sizeof detail, "DITERIMA -> DIVERIFIKASI, catatan %ld",
              k);
    enum store_status s = audit_append (c, f->unit, k % 7 ? "petugas"
                                        : "admin", actions[k % 5], obj,
                                        detail);
    if (STORE_OK != s)
      return s;
  }
  return STORE_OK;
}

static struct store *
open_store (const char *dir, char *db, size_t cap)
{
  struct store *s;
  snprintf (db, cap, "%s/wadah.db", dir);
  if (STORE_OK != store_open (db, false, &s))
  {
    fprintf (stderr, "bench_audit: cannot open %s\n", db);
    exit (1);
  }
  return s;
}

int
main (int argc, char **argv)
{
  char db[4200];
  if (! vault_init () || argc != 4)
  {
    fputs ("usage: bench_audit fill|sql|rechain|resign DIR ARG\n", stderr);
    return 2;
  }
  if (0 == strcmp (argv[1], "fill"))
  {
    struct store *s = open_store (argv[2], db, sizeof db);
    struct unit u;
    if (STORE_OK != store_unit_by_slug (s, "bench", &u))
      return fputs ("bench_audit: no unit 'bench'\n", stderr), 1;
    char why[300], *kp = audit_key_default_path (argv[2]);
    struct audit_key *k = kp ? audit_key_load (kp, why, sizeof why) : NULL;
    free (kp);
    if (NULL == k)
      return fprintf (stderr, "bench_audit: %s\n", why), 1;
    long n = atol (argv[3]);
    for (long done = 0; done < n; done += 100)
    {
      struct fill f = { u.id, done, n - done < 100 ? n - done : 100 };
      struct audit_checkpoint_result r;
      if (STORE_OK != store_write_sync (s, &fill_run, &f)
          || STORE_OK != audit_checkpoint_now (s, k, &r) || r.refused)
        return fputs ("bench_audit: fill failed\n", stderr), 1;
    }
    audit_key_free (k);
    store_close (s);
    return 0;
  }
  snprintf (db, sizeof db, "%s/wadah.db", argv[2]);
  if (0 == strcmp (argv[1], "sql"))
    return tamper_sql (db, argv[3]) ? 0 : 1;
  if (0 == strcmp (argv[1], "rechain"))
    return tamper_rechain (db, atol (argv[3])) ? 0 : 1;
  if (0 == strcmp (argv[1], "resign"))
  {
    char why[300];
    struct audit_key *k = audit_key_load (argv[3], why, sizeof why);
    if (NULL == k || ! tamper_sql (db, "DELETE FROM audit_checkpoints;"))
      return fprintf (stderr, "bench_audit: %s\n", why), 1;
    struct store *s = open_store (argv[2], db, sizeof db);
    struct audit_checkpoint_result r;
    enum store_status st = audit_checkpoint_now (s, k, &r);
    store_close (s);
    audit_key_free (k);
    return STORE_OK == st && ! r.refused ? 0 : 1;
  }
  fputs ("usage: bench_audit fill|sql|rechain|resign DIR ARG\n", stderr);
  return 2;
}
