/* The report key and its uses, shared by the reporter's and the team's
   WBS handlers (h_wbs.c). */
#ifndef WADAH_WBS_KEYS_H
#define WADAH_WBS_KEYS_H
#include "session.h"
#include "store_wbs.h"
#include <jansson.h>

/* A new report key K for report LOOKUP: sealed to the unit's WBS public
   key into KEY_TEAM, and wrapped under Argon2id(SECRET, fresh SALT) into
   KEY_REPORTER (associated data: the lookup). */
bool wbs_report_key_new (const unsigned char unit_pk[32], const char *lookup,
                         const char *secret, unsigned char k[32],
                         unsigned char key_team[STORE_RECORD_KEY],
                         unsigned char salt[16],
                         unsigned char key_reporter[STORE_WRAPPED]);
/* The report key, opened with the receipt's secret; false for a wrong
   secret or an altered wrap. */
bool wbs_key_from_secret (const struct wbs_rec *w, const char *secret,
                          unsigned char k[32]);
/* The report key, opened with the session's unlocked WBS key. */
bool wbs_key_from_session (const struct session *se, const struct wbs_rec *w,
                           unsigned char k[32]);
/* Decrypt a JSON record WHAT ("body", "msg", "note", ...) of report
   LOOKUP; NULL when it does not open. */
json_t *wbs_decrypt_json (const unsigned char k[32], const char *what,
                          const char *lookup, const unsigned char *ct,
                          size_t len);
/* Encrypt the JSON value J (compact text) as record WHAT ("body", ...) of
   LOOKUP; *CT malloc'ed.  Shared by the reporter's intake and wadah
   import, so that an imported report is sealed exactly as a live one. */
bool wbs_encrypt_json (const unsigned char k[32], const char *what,
                       const char *lookup, const json_t *j,
                       unsigned char **ct, size_t *len);
/* Encrypt {"text": TEXT} as record WHAT of LOOKUP; *CT malloc'ed. */
bool wbs_encrypt_text (const unsigned char k[32], const char *what,
                       const char *lookup, const char *text,
                       unsigned char **ct, size_t *len);
/* The "text" of a record made by wbs_encrypt_text (malloc'ed; "" when it
   does not open). */
char *wbs_decrypt_text (const unsigned char k[32], const char *what,
                        const char *lookup, const unsigned char *ct,
                        size_t len);

/* Messages.  The associated data of a message sealed now (seal 2) binds,
   besides the report, who sent it ("team" or "reporter"), the team
   member (AUTHOR, NULL for none) and whether it is an internal note: a
   message re-attributed in the database does not open (issue 10, finding
   7).  Seal 1 is what came before (the report only), still read for the
   messages written then; the seal is a column, never guessed from the
   ciphertext, so a message of one kind is never opened as the other. */
#define WBS_MSG_SEAL 2
bool wbs_encrypt_message (const unsigned char k[32], const char *lookup,
                          const char *sender, const char *author,
                          bool internal, const char *text,
                          unsigned char **ct, size_t *len);
/* The text of a message as stored with SEAL, SENDER, AUTHOR, INTERNAL
   (malloc'ed), or NULL when it does not open (altered, re-attributed). */
char *wbs_decrypt_message (const unsigned char k[32], const char *lookup,
                           int seal, const char *sender, const char *author,
                           bool internal, const unsigned char *ct,
                           size_t len);
#endif
