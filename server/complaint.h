/*
 * Complaint rules shared by the public, reporter and officer handlers:
 * settings with their defaults, the unit's working-day calendar, stage
 * deadlines, access codes and the sealed identity.
 */
#ifndef WADAH_COMPLAINT_H
#define WADAH_COMPLAINT_H
#include "app.h"
#include "calendar.h"
#include "complaint_status.h"
#include "cstage.h"
#include "store_complaint.h"
#include <jansson.h>

/* Unit setting KEY as a number, DEF when unset or malformed.  Keys:
   hk_verify (3), hk_followup (5), hk_autoclose (10). */
int complaint_setting_int (struct app *app, int64_t unit_id, const char *key,
                           int def);
#define COMPLAINT_HK_VERIFY 3
#define COMPLAINT_HK_FOLLOWUP 5
#define COMPLAINT_HK_AUTOCLOSE 10
/* Roles that may see a "rahasia" identity (setting rahasia_roles, a comma
   list of role names; default admin). */
unsigned int complaint_rahasia_roles (struct app *app, int64_t unit_id);

/* The unit's calendar (national holidays, cuti bersama and its own). */
bool complaint_calendar (struct app *app, int64_t unit_id,
                         struct calendar *cal);
/* The deadline (local date) of the stage a complaint is in once it has
   reached ST->status on local day TODAY (cstage_due with the unit's
   settings), or "" when that status has none. */
void complaint_due (struct app *app, int64_t unit_id, const struct cstage *st,
                    int32_t today, char out[11]);
/* The stage clocks of complaint REC from its history (read on C, inside a
   write job); false on a store failure. */
bool complaint_stage_of (struct store_conn *c, const struct complaint_rec *rec,
                         int utc_offset_min, struct cstage *st);
/* Local day number of the instant AT in a zone UTC_OFFSET_MIN. */
int32_t complaint_local_day (int64_t at, int utc_offset_min);
/* The unit's working-day calendar from the store (national holidays, cuti
   bersama, its own; days it marked "dihapus" are working days). */
bool complaint_calendar_load (struct store *s, int64_t unit_id,
                              struct calendar *cal);
/* Unit setting KEY of UNIT_ID as a number 1..365, DEF when unset or
   malformed (complaint_setting_int without the app). */
int complaint_setting_int_of (struct store *s, int64_t unit_id,
                              const char *key, int def);

/* A new access code, "XXXX-XXXX-XXXX" (60 bits, no 0/O/1/I), into OUT;
   and the canonical form of a typed one (upper case, no separators) into
   NORM; false when it cannot be a code. */
#define COMPLAINT_CODE_LEN 15
void complaint_code_new (char out[COMPLAINT_CODE_LEN]);
/* The same from COMPLAINT_CODE_RANDOM random bytes the caller drew (5 bits
   of each are used), for drawing many codes' randomness at once. */
#define COMPLAINT_CODE_RANDOM 12
void complaint_code_format (const unsigned char r[COMPLAINT_CODE_RANDOM],
                            char out[COMPLAINT_CODE_LEN]);
bool complaint_code_normalise (const char *typed, char norm[13]);

/* Seal the identity fields of VALUES (those the form marks identity) for
   complaint PUBLIC_ID to the unit's identity key.  *CT is malloc'ed.
   False when the unit has no identity key or on out-of-memory; true with
   *CT NULL when there is no identity to seal. */
bool complaint_seal_identity (struct app *app, int64_t unit_id,
                              const struct form *f, json_t *values,
                              const char *public_id, unsigned char **ct,
                              size_t *ct_len, unsigned char key[STORE_RECORD_KEY]);
/* Open a complaint's identity with an unlocked identity key; NULL when it
   cannot be opened. */
json_t *complaint_open_identity (struct app *app, int64_t unit_id,
                                 const unsigned char *unit_sk,
                                 const struct complaint_rec *c);
/* Close (SELESAI, by "sistem") every complaint whose follow-up deadline
   passed without a reply from the reporter; returns how many.  Runs on the
   caller's thread with synchronous writes (the serve loop, once a minute). */
unsigned int complaint_autoclose (struct app *app);
/* The unit's identity public key (cached); false when it has none. */
bool complaint_identity_pk (struct app *app, int64_t unit_id,
                            unsigned char pk[32]);
/* Today's local date in the unit's zone as a day number. */
int32_t complaint_today (const struct unit *u);
#endif
