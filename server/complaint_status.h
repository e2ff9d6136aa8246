/*
 * The complaint lifecycle (DOMAIN.md §3), free of I/O:
 *
 *   DITERIMA -> DIVERIFIKASI | PERLU_DILENGKAPI | BUKAN_WEWENANG | DIARSIPKAN
 *   PERLU_DILENGKAPI -> DITERIMA (once the reporter completes it) |
 *                       DIARSIPKAN
 *   DIVERIFIKASI -> DIDISPOSISI -> DITINDAKLANJUTI -> SELESAI
 *   DITINDAKLANJUTI -> DITINDAKLANJUTI (a reporter's reply reopens it: it
 *                      stays/returns there)
 *   SELESAI -> DITINDAKLANJUTI (the reporter says it is not solved)
 *
 * BUKAN_WEWENANG, DIARSIPKAN and SELESAI are final for officers (SELESAI
 * only the reporter can reopen).
 */
#ifndef WADAH_COMPLAINT_STATUS_H
#define WADAH_COMPLAINT_STATUS_H
#include <stdbool.h>

enum cstatus {
  CS_DITERIMA,
  CS_DIVERIFIKASI,
  CS_PERLU_DILENGKAPI,
  CS_BUKAN_WEWENANG,
  CS_DIARSIPKAN,
  CS_DIDISPOSISI,
  CS_DITINDAKLANJUTI,
  CS_SELESAI,
  CS__COUNT
};

/* Who asks for the transition. */
enum cactor { CA_OFFICER, CA_REPORTER, CA_SYSTEM };

/* -1 when NAME is not a status (exact, upper-case names; NULL gives -1). */
int cstatus_from_name (const char *name);
/* "DITERIMA" ...: the stored name; NULL when S is out of range. */
const char *cstatus_name (enum cstatus s);
/* Bahasa Indonesia label for citizens, e.g. "Sedang ditindaklanjuti";
   NULL when S is out of range.  Static strings. */
const char *cstatus_label (enum cstatus s);
/* May ACTOR move a complaint FROM -> TO?  Officers follow every arrow
   above except SELESAI -> DITINDAKLANJUTI (so they may also record a
   completion, PERLU_DILENGKAPI -> DITERIMA, and a further follow-up,
   DITINDAKLANJUTI -> DITINDAKLANJUTI); the reporter may only reopen
   (SELESAI -> DITINDAKLANJUTI, or reply while DITINDAKLANJUTI, which keeps
   it there), confirm it solved (DITINDAKLANJUTI -> SELESAI) or complete
   (PERLU_DILENGKAPI -> DITERIMA); the system may
   only close (DITINDAKLANJUTI -> SELESAI).  Any other pair, including
   X -> X for any X but DITINDAKLANJUTI, is refused. */
bool cstatus_allowed (enum cstatus from, enum cstatus to, enum cactor actor);
/* Is S a final state for officers? */
bool cstatus_final (enum cstatus s);
#endif
