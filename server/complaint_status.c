/*
 * The complaint lifecycle of DOMAIN.md §3 as a table: which actor may move
 * a complaint from which status to which.  The complaint handlers ask
 * cstatus_allowed before they write a transition (and its audit record);
 * the public tracking page shows cstatus_label.
 */
#include "complaint_status.h"
#include <stddef.h>
#include <string.h>

static const struct {
  const char *name;    /* stored in the database and the audit log */
  const char *label;   /* shown to the citizen */
} cstatus_info[CS__COUNT] = {
  [CS_DITERIMA] = { "DITERIMA", "Diterima" },
  [CS_DIVERIFIKASI] = { "DIVERIFIKASI", "Diverifikasi" },
  [CS_PERLU_DILENGKAPI] = { "PERLU_DILENGKAPI", "Perlu dilengkapi" },
  [CS_BUKAN_WEWENANG] = { "BUKAN_WEWENANG", "Bukan wewenang unit ini" },
  [CS_DIARSIPKAN] = { "DIARSIPKAN", "Diarsipkan" },
  [CS_DIDISPOSISI] = { "DIDISPOSISI", "Diteruskan ke bidang terkait" },
  [CS_DITINDAKLANJUTI] = { "DITINDAKLANJUTI", "Sedang ditindaklanjuti" },
  [CS_SELESAI] = { "SELESAI", "Selesai" },
};

#define OFF (1u << CA_OFFICER)
#define REP (1u << CA_REPORTER)
#define SYS (1u << CA_SYSTEM)

/* cstatus_arrows[from][to]: the actors who may take the arrow.  Entries
   not listed are 0: nobody. */
static const unsigned char cstatus_arrows[CS__COUNT][CS__COUNT] = {
  [CS_DITERIMA] = {
    [CS_DIVERIFIKASI] = OFF,
    [CS_PERLU_DILENGKAPI] = OFF,
    [CS_BUKAN_WEWENANG] = OFF,
    [CS_DIARSIPKAN] = OFF,
  },
  /* The reporter completes the file; an officer may record a completion
     that arrived by another channel (phone, counter). */
  [CS_PERLU_DILENGKAPI] = {
    [CS_DITERIMA] = OFF | REP,
    [CS_DIARSIPKAN] = OFF,
  },
  [CS_DIVERIFIKASI] = { [CS_DIDISPOSISI] = OFF },
  [CS_DIDISPOSISI] = { [CS_DITINDAKLANJUTI] = OFF },
  /* The self-arrow: a further follow-up by the officer, or a reply by the
     reporter, keeps the complaint open (and restarts the 10 HK before the
     system may close it). */
  [CS_DITINDAKLANJUTI] = {
    [CS_DITINDAKLANJUTI] = OFF | REP,
    /* the reporter confirming the problem is solved closes it too */
    [CS_SELESAI] = OFF | REP | SYS,
  },
  /* Only the reporter reopens a finished complaint. */
  [CS_SELESAI] = { [CS_DITINDAKLANJUTI] = REP },
};

int
cstatus_from_name (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < CS__COUNT; i++)
    if (strcmp (name, cstatus_info[i].name) == 0)
      return i;
  return -1;
}

static bool
valid (enum cstatus s)
{
  return (unsigned) s < CS__COUNT;
}

const char *
cstatus_name (enum cstatus s)
{
  return valid (s) ? cstatus_info[s].name : NULL;
}

const char *
cstatus_label (enum cstatus s)
{
  return valid (s) ? cstatus_info[s].label : NULL;
}

bool
cstatus_allowed (enum cstatus from, enum cstatus to, enum cactor actor)
{
  if (!valid (from) || !valid (to) || (unsigned) actor > CA_SYSTEM)
    return false;
  return (cstatus_arrows[from][to] & (1u << actor)) != 0;
}

bool
cstatus_final (enum cstatus s)
{
  return s == CS_BUKAN_WEWENANG || s == CS_DIARSIPKAN || s == CS_SELESAI;
}
