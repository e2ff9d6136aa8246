/*
 * Settings: DATA/wadah.conf (key = value lines), then WADAH_* environment
 * variables, then command-line flags.  Every setting has a safe default.
 */
#ifndef WADAH_CONFIG_H
#define WADAH_CONFIG_H
#include "http.h"
#include <stdbool.h>

struct config {
  char listen[128];
  struct http_config http;
  char log_level[16];
  unsigned int session_idle_s;     /* staff session idle timeout */
  unsigned int session_max_s;      /* absolute session lifetime */
  unsigned int kdf_threads;        /* Argon2id runs at once (64 MiB each) */
  bool secure_cookies;             /* behind TLS: mark cookies Secure */
  unsigned int maintenance_s;      /* period of the unanswered-complaint
                                      check */
  char trusted_proxies[256];       /* see http_config */
  char metrics[12];                /* who may GET /metrics: loopback, any,
                                      off */
  unsigned int audit_cp_entries;   /* sign the audit heads after this many
                                      new entries ... */
  unsigned int audit_cp_s;         /* ... or this many seconds */
};

void config_defaults (struct config *c);
/* Read DIR/wadah.conf if present; false on a malformed line (logged). */
bool config_load_file (struct config *c, const char *dir);
/* Apply WADAH_<KEY> for every key (WADAH_LISTEN, WADAH_THREADS, ...). */
bool config_load_env (struct config *c);
/* Write a commented default file to PATH (init). */
bool config_write_default (const char *path);
#endif
