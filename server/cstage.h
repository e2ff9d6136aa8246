/*
 * The two stages of a complaint and their clocks (REPORTS.md §2.4), free of
 * I/O, shared by the live queue (complaint_due) and the reports, so that a
 * deadline on an officer's screen and the timeliness in a monev document
 * cannot disagree.
 *
 *   Stage 1, verifikasi & disposisi: starts on the receipt day, or - when
 *   the complaint went through PERLU_DILENGKAPI - on the day of the LAST
 *   PERLU_DILENGKAPI -> DITERIMA before completion ("berkas lengkap"); ends
 *   on the first DIDISPOSISI, BUKAN_WEWENANG or DIARSIPKAN.
 *   Stage 2, tindak lanjut: starts on the first DIDISPOSISI; ends on the
 *   first DIDISPOSISI -> DITINDAKLANJUTI.
 *
 * Days are local day numbers (calendar.h); -1 means "not (yet)".
 */
#ifndef WADAH_CSTAGE_H
#define WADAH_CSTAGE_H
#include "calendar.h"
#include <stdbool.h>
#include <stdint.h>

struct cstage {
  int status;          /* enum cstatus after the events folded so far */
  int32_t s1, e1;      /* stage 1 start and completion */
  int32_t s2, e2;      /* stage 2 start and completion */
};

void cstage_init (struct cstage *st, int32_t received_day);
/* Fold one status-moving event FROM -> TO (enum cstatus; FROM may be -1)
   that happened on local day DAY.  Events must come in id order. */
void cstage_step (struct cstage *st, int from, int to, int32_t day);

/* The deadline of the stage a complaint is in once it has reached
   ST->status on local day TODAY, or -1 when that status has none
   (PERLU_DILENGKAPI stops the clock; final states have none):
   DITERIMA, DIVERIFIKASI -> S1 + HK_VERIFY working days;
   DIDISPOSISI -> S2 (or TODAY) + HK_FOLLOWUP;
   DITINDAKLANJUTI -> TODAY + HK_AUTOCLOSE (the reporter's time to answer,
   restarted by every reply; not a performance measure). */
int32_t cstage_due (const struct cstage *st, const struct calendar *cal,
                    int32_t today, int hk_verify, int hk_followup,
                    int hk_autoclose);
/* Stage deadlines for the reports: add_wd (S1, HK_VERIFY) and
   add_wd (S2, HK_FOLLOWUP); -1 when the stage has not started. */
int32_t cstage_deadline1 (const struct cstage *st, const struct calendar *cal,
                          int hk_verify);
int32_t cstage_deadline2 (const struct cstage *st, const struct calendar *cal,
                          int hk_followup);
#endif
