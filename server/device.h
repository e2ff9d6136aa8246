/*
 * Known devices: after a successful staff login the browser gets a device
 * cookie (a MAC over the time it was issued, under a key this process
 * drew at start).  A login that carries a valid one is a device that
 * logged in before: its password check is queued with staff work instead
 * of behind anonymous logins, so that a login flood from rotating
 * addresses does not lock the unit's own staff out (issue "Hardening",
 * finding 2).  The cookie grants nothing else: the password, the second
 * factor and the throttles apply as to any login.  After a restart the
 * old cookies no longer verify and a device earns its place again.
 */
#ifndef WADAH_DEVICE_H
#define WADAH_DEVICE_H
#include <stdbool.h>
#include <stdint.h>

#define DEVICE_COOKIE "wadah_device"
#define DEVICE_MAX_AGE (90 * 86400)
/* 16 hex digits of the issue time, 32 of the MAC, and the NUL. */
#define DEVICE_TOKEN_LEN 49

/* A token issued at NOW. */
void device_token_make (char out[DEVICE_TOKEN_LEN], int64_t now);
/* Was TOK issued by this process, at most DEVICE_MAX_AGE before NOW? */
bool device_token_valid (const char *tok, int64_t now);
#endif
