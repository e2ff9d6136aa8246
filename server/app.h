/*
 * The application state shared by every request: the store, the loaded
 * form definitions, and the bookkeeping for shutting down cleanly.
 */
#ifndef WADAH_APP_H
#define WADAH_APP_H
#include "forms.h"
#include "pool.h"
#include "store.h"
#include <pthread.h>
#include <stdbool.h>

struct audit_key;

struct app {
  struct store *store;
  const char *data_dir;         /* the data directory (attachments/ in it) */
  struct form *survey;          /* the default SKM definition */
  struct form *complaint;       /* the complaint form */
  struct form *wbs;             /* the whistleblowing form */
  struct pool *pool;            /* Argon2id runs */
  bool secure_cookies;          /* served behind TLS: cookies get Secure */
  char metrics[12];             /* who may GET /metrics (config.h) */
  struct audit_key *audit_key;  /* signs the audit checkpoints (audit.h) */
  /* Durable writes in flight (suspended requests); shutdown waits for 0. */
  pthread_mutex_t lock;
  pthread_cond_t idle;
  unsigned int inflight;
  bool draining;
};

/* Load and register the form definitions compiled in from forms/.  False
   (logged) when a definition is invalid or changed without a version bump. */
bool app_forms_load (struct app *app);
void app_forms_free (struct app *app);
/* Record the national holidays and cuti bersama of forms/holidays.json
   (days already recorded are left as they are). */
bool app_holidays_load (struct app *app);
#endif
