/*
 * wadah import: the loader of a "wadah-import/1" file (REPORTS.md §7.5),
 * with which offices bring their Excel registers over and acceptance
 * checks load their data.  Strict: every key is known, every record is
 * checked as the live intake checks it, and a complaint's or WBS report's
 * history must be a path of the lifecycle.  All or nothing: the whole file
 * is written by one write job, and a bad file changes nothing.
 *
 * Two steps.  import_prepare reads and checks the file and prepares each
 * record outside any transaction: identities and WBS texts are sealed to
 * the unit's public keys by the same functions a live submission uses,
 * fresh access codes and receipts are drawn, hashed and forgotten.
 * import_run (a store job) then looks the unit's codes up (categories,
 * sections, services, existing tracking numbers) and writes everything,
 * with one audit entry.
 *
 * Errors name the record and field, e.g.
 *   complaints[3].events[1].from: expected DIVERIFIKASI, found DITERIMA
 * and never quote an identity or a free text.
 *
 * Threads: one import belongs to one thread (the CLI's).
 */
#ifndef WADAH_IMPORT_H
#define WADAH_IMPORT_H
#include "app.h"
#include "store.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define IMPORT_FORMAT "wadah-import/1"
/* At most this many errors are kept (the rest are only counted). */
#define IMPORT_MAX_ERRORS 25

/* What was written, per section of the file. */
struct import_counts {
  size_t complaints, complaint_events;
  size_t wbs, wbs_events, wbs_messages, wbs_identity_requests;
  size_t survey_responses, survey_history;
  size_t recommendations, recommendation_events;
  size_t populations, settings, holidays;
};

struct import;

/* A new import into unit U (borrowed; APP's store and forms are used and
   must outlive the import).  SHA256 is the file's hash (hex) and NAME its
   name, both for the audit entry.  NULL on out-of-memory. */
struct import *import_new (struct app *app, const struct unit *u,
                           const char *sha256, const char *name);
void import_free (struct import *im);

/* Check ROOT (the parsed file; a reference is kept) and prepare every
   record.  False when the file is refused (import_errors) or on an
   internal failure (import_internal). */
bool import_prepare (struct import *im, json_t *root);

/* The write job (store_write_sync): CLS is the prepared import.  Returns
   STORE_NO_ROW, with import_errors set, when a code the file names is
   unknown to the unit or a tracking number exists; a store failure
   otherwise.  Safe to run twice (store.h). */
enum store_status import_run (struct store_conn *c, void *cls);

/* The errors found ("path: message"), in file order; TOTAL gets how many
   there were (more than returned when over IMPORT_MAX_ERRORS). */
size_t import_errors (const struct import *im, const char *const **msgs,
                      size_t *total);
/* An internal failure (no unit key, out of memory, ...): its message, or
   NULL when there was none. */
const char *import_internal (const struct import *im);
/* What import_run wrote. */
const struct import_counts *import_counts (const struct import *im);
#endif
