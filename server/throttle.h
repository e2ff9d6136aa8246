/*
 * Slowing down repeated failures (staff logins now; reporter access codes
 * later), in memory only.  Keys are 64-bit tags (keyed hashes of an
 * account name or a client address), never the values themselves.
 * After THROTTLE_FREE failures each further failure doubles the wait, up
 * to 15 minutes; a quiet hour forgets.
 */
#ifndef WADAH_THROTTLE_H
#define WADAH_THROTTLE_H
#include <stdint.h>

#define THROTTLE_FREE 5

/* Seconds the caller must still wait before trying KEY again (0: go). */
unsigned int throttle_wait (uint64_t key, int64_t now);
void throttle_fail (uint64_t key, int64_t now);
void throttle_reset (uint64_t key);
#endif
