/*
 * Access codes prepared ahead: a child process (forked before any thread
 * exists) draws complaint access codes and hashes them with Argon2id, and a
 * reader thread keeps up to CODEGEN_RING ready (code, hash) pairs in locked
 * memory.  libsodium maps and unmaps Argon2id's memory on every call, and in
 * a many-threaded process each unmap interrupts every CPU running one of its
 * threads; in a one-threaded child it interrupts nobody.  Submissions take
 * a ready pair and never run Argon2id themselves, unless the ring is empty.
 */
#ifndef WADAH_CODEGEN_H
#define WADAH_CODEGEN_H
#include <stdbool.h>

#define CODEGEN_RING 1024

/* Fork the child; call before creating any thread.  False when it cannot
   (submissions then hash inline). */
bool codegen_start (void);
/* Start the reader thread (after codegen_start, once threads are fine). */
bool codegen_run (void);
/* Take a ready pair: CODE "XXXX-XXXX-XXXX", HASH its Argon2id string.
   False when none is ready. */
bool codegen_take (char code[15], char hash[128]);
/* Stop the reader and the child, wipe the ring. */
void codegen_stop (void);
#endif
