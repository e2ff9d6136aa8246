/*
 * Checks in flight: at most one slow credential check (a staff login's
 * Argon2id runs) at a time per key, in memory only.  Keys are the 64-bit
 * tags the throttle counts failures under (an account, a client address).
 *
 * The throttle (throttle.h) decides from failures already recorded; a
 * check's failure is recorded only once it has run.  Without a
 * reservation, logins sent at once from one address all found the
 * throttle open and all ran their checks (issue 10, finding 7).  Holding
 * the account's and the address's key from before the check until its
 * outcome is recorded makes every check see the outcome of the one before,
 * so no burst runs more checks than the throttle allows one by one.  The
 * price: two officers behind one address logging in within the same
 * fraction of a second; the second is told to try again (429).
 *
 * Thread rules: safe from any thread.
 */
#ifndef WADAH_INFLIGHT_H
#define WADAH_INFLIGHT_H
#include <stdbool.h>
#include <stdint.h>

#define INFLIGHT_SLOTS 256

/* Hold both A and B, or neither: false when either is held already (or
   the table is full).  A and B may be equal. */
bool inflight_enter (uint64_t a, uint64_t b);
/* Let go of A and B (held by inflight_enter). */
void inflight_leave (uint64_t a, uint64_t b);
#endif
