/*
 * Whistleblowing rules (DOMAIN.md §4), free of I/O: the receipt and the
 * report lifecycle.
 *
 * Receipt: 24 characters of the alphabet 2-9, A-Z without I and O (no 0/O
 * or 1/I confusion; L stays, it is not mistaken for a digit), shown in
 * groups of four: the first 8 are the public lookup (40 bits), the last 16
 * the secret (80 bits).  Typed in any case, with or without dashes and
 * spaces.
 *
 * Lifecycle: DITERIMA -> DITELAAH -> TIDAK_MEMENUHI | DITERUSKAN_APIP |
 * DITERUSKAN_APH_KPK | DIINVESTIGASI; DIINVESTIGASI -> TERBUKTI |
 * TIDAK_TERBUKTI; each of TIDAK_MEMENUHI, DITERUSKAN_*, TERBUKTI and
 * TIDAK_TERBUKTI -> SELESAI.
 */
#ifndef WADAH_WBS_H
#define WADAH_WBS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WBS_LOOKUP_LEN 8
#define WBS_SECRET_LEN 16
#define WBS_RECEIPT_TEXT 32      /* 24 characters, 5 dashes, NUL */

/* A new receipt: LOOKUP (9 bytes), SECRET (17 bytes) and the grouped TEXT. */
void wbs_receipt_new (char lookup[WBS_LOOKUP_LEN + 1],
                      char secret[WBS_SECRET_LEN + 1],
                      char text[WBS_RECEIPT_TEXT]);
/* Split a typed receipt; false when it cannot be one. */
bool wbs_receipt_parse (const char *typed, char lookup[WBS_LOOKUP_LEN + 1],
                        char secret[WBS_SECRET_LEN + 1]);

enum wstatus {
  WS_DITERIMA, WS_DITELAAH, WS_TIDAK_MEMENUHI, WS_DITERUSKAN_APIP,
  WS_DITERUSKAN_APH_KPK, WS_DIINVESTIGASI, WS_TERBUKTI, WS_TIDAK_TERBUKTI,
  WS_SELESAI, WS__COUNT
};
int wstatus_from_name (const char *name);
const char *wstatus_name (enum wstatus s);
/* Bahasa Indonesia, for the reporter. */
const char *wstatus_label (enum wstatus s);
bool wstatus_allowed (enum wstatus from, enum wstatus to);

/* Midnight, in a zone OFFSET_MIN east of UTC, of the day holding T: what a
   reporter's acts are stamped with, so no exact time is kept. */
int64_t wbs_day_start (int64_t t, int offset_min);
#endif
