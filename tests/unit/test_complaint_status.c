/* The complaint lifecycle (DOMAIN.md §3): every (from, to, actor) triple is
   checked against the arrows written out below, so an arrow added to or
   dropped from the table fails here. */
#include "complaint_status.h"
#include <criterion/criterion.h>
#include <string.h>

struct arrow {
  enum cstatus from, to;
  enum cactor actor;
};

/* The complete list of allowed transitions. */
static const struct arrow allowed[] = {
  /* officers: DOMAIN.md §3 arrows */
  { CS_DITERIMA, CS_DIVERIFIKASI, CA_OFFICER },
  { CS_DITERIMA, CS_PERLU_DILENGKAPI, CA_OFFICER },
  { CS_DITERIMA, CS_BUKAN_WEWENANG, CA_OFFICER },
  { CS_DITERIMA, CS_DIARSIPKAN, CA_OFFICER },
  { CS_PERLU_DILENGKAPI, CS_DITERIMA, CA_OFFICER },
  { CS_PERLU_DILENGKAPI, CS_DIARSIPKAN, CA_OFFICER },
  { CS_DIVERIFIKASI, CS_DIDISPOSISI, CA_OFFICER },
  { CS_DIDISPOSISI, CS_DITINDAKLANJUTI, CA_OFFICER },
  { CS_DITINDAKLANJUTI, CS_DITINDAKLANJUTI, CA_OFFICER },
  { CS_DITINDAKLANJUTI, CS_SELESAI, CA_OFFICER },
  /* the reporter: complete, reply, confirm solved, reopen */
  { CS_PERLU_DILENGKAPI, CS_DITERIMA, CA_REPORTER },
  { CS_DITINDAKLANJUTI, CS_SELESAI, CA_REPORTER },
  { CS_DITINDAKLANJUTI, CS_DITINDAKLANJUTI, CA_REPORTER },
  { CS_SELESAI, CS_DITINDAKLANJUTI, CA_REPORTER },
  /* the system: close after 10 HK without a reply */
  { CS_DITINDAKLANJUTI, CS_SELESAI, CA_SYSTEM },
};

static bool
listed (enum cstatus from, enum cstatus to, enum cactor actor)
{
  for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
    if (allowed[i].from == from && allowed[i].to == to
        && allowed[i].actor == actor)
      return true;
  return false;
}

Test (cstatus, every_triple_matches_the_list)
{
  int n = 0;
  for (int f = 0; f < CS__COUNT; f++)
    for (int t = 0; t < CS__COUNT; t++)
      for (int a = CA_OFFICER; a <= CA_SYSTEM; a++)
      {
        bool got = cstatus_allowed (f, t, a);
        cr_assert_eq (got, listed (f, t, a), "%s -> %s by actor %d: %s",
                      cstatus_name (f), cstatus_name (t), a,
                      got ? "allowed" : "refused");
        n += got;
      }
  cr_assert_eq (n, (int) (sizeof allowed / sizeof allowed[0]));
}

Test (cstatus, officer_samples)
{
  cr_assert (cstatus_allowed (CS_DITERIMA, CS_DIVERIFIKASI, CA_OFFICER));
  cr_assert (cstatus_allowed (CS_DIDISPOSISI, CS_DITINDAKLANJUTI,
                              CA_OFFICER));
  /* No skipping steps, no going back, no leaving a final state. */
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_DIDISPOSISI, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_SELESAI, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DIVERIFIKASI, CS_DITINDAKLANJUTI,
                               CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DIVERIFIKASI, CS_DITERIMA, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DIVERIFIKASI, CS_BUKAN_WEWENANG,
                               CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DIDISPOSISI, CS_SELESAI, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_SELESAI, CS_DITINDAKLANJUTI, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_BUKAN_WEWENANG, CS_DITERIMA, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DIARSIPKAN, CS_DITERIMA, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_DITERIMA, CA_OFFICER));
}

Test (cstatus, reporter_samples)
{
  cr_assert (cstatus_allowed (CS_SELESAI, CS_DITINDAKLANJUTI, CA_REPORTER));
  cr_assert (cstatus_allowed (CS_PERLU_DILENGKAPI, CS_DITERIMA,
                              CA_REPORTER));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_DIVERIFIKASI, CA_REPORTER));
  cr_assert (cstatus_allowed (CS_DITINDAKLANJUTI, CS_SELESAI, CA_REPORTER));
  cr_assert (!cstatus_allowed (CS_DIARSIPKAN, CS_DITERIMA, CA_REPORTER));
  cr_assert (!cstatus_allowed (CS_BUKAN_WEWENANG, CS_DITERIMA, CA_REPORTER));
  cr_assert (!cstatus_allowed (CS_PERLU_DILENGKAPI, CS_DIARSIPKAN,
                               CA_REPORTER));
  cr_assert (!cstatus_allowed (CS_SELESAI, CS_DITERIMA, CA_REPORTER));
}

Test (cstatus, system_only_closes)
{
  cr_assert (cstatus_allowed (CS_DITINDAKLANJUTI, CS_SELESAI, CA_SYSTEM));
  for (int f = 0; f < CS__COUNT; f++)
    for (int t = 0; t < CS__COUNT; t++)
      if (f != CS_DITINDAKLANJUTI || t != CS_SELESAI)
        cr_assert (!cstatus_allowed (f, t, CA_SYSTEM), "%s -> %s",
                   cstatus_name (f), cstatus_name (t));
}

Test (cstatus, final_states)
{
  for (int s = 0; s < CS__COUNT; s++)
  {
    bool want = s == CS_BUKAN_WEWENANG || s == CS_DIARSIPKAN
                || s == CS_SELESAI;
    cr_assert_eq (cstatus_final (s), want, "%s", cstatus_name (s));
    /* Invariant: an officer never leaves a final state, and every other
       state has a way forward for the officer. */
    bool out = false;
    for (int t = 0; t < CS__COUNT; t++)
      out |= cstatus_allowed (s, t, CA_OFFICER);
    cr_assert_eq (out, !want, "%s", cstatus_name (s));
  }
}

Test (cstatus, names_round_trip)
{
  static const char *names[CS__COUNT] = {
    "DITERIMA", "DIVERIFIKASI", "PERLU_DILENGKAPI", "BUKAN_WEWENANG",
    "DIARSIPKAN", "DIDISPOSISI", "DITINDAKLANJUTI", "SELESAI",
  };
  for (int s = 0; s < CS__COUNT; s++)
  {
    cr_assert_str_eq (cstatus_name (s), names[s]);
    cr_assert_eq (cstatus_from_name (names[s]), s);
  }
  cr_assert_eq (cstatus_from_name ("diterima"), -1);
  cr_assert_eq (cstatus_from_name ("SELESAI "), -1);
  cr_assert_eq (cstatus_from_name ("SELESA"), -1);
  cr_assert_eq (cstatus_from_name (""), -1);
  cr_assert_eq (cstatus_from_name (NULL), -1);
  cr_assert_null (cstatus_name (CS__COUNT));
  cr_assert_null (cstatus_name ((enum cstatus) -1));
}

Test (cstatus, labels)
{
  static const char *labels[CS__COUNT] = {
    "Diterima", "Diverifikasi", "Perlu dilengkapi",
    "Bukan wewenang unit ini", "Diarsipkan", "Diteruskan ke bidang terkait",
    "Sedang ditindaklanjuti", "Selesai",
  };
  for (int s = 0; s < CS__COUNT; s++)
    cr_assert_str_eq (cstatus_label (s), labels[s]);
  cr_assert_null (cstatus_label (CS__COUNT));
}

Test (cstatus, out_of_range_refused)
{
  cr_assert (!cstatus_allowed (CS__COUNT, CS_DITERIMA, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS__COUNT, CA_OFFICER));
  cr_assert (!cstatus_allowed ((enum cstatus) -1, CS_DITERIMA, CA_OFFICER));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_DIVERIFIKASI,
                               (enum cactor) 3));
  cr_assert (!cstatus_allowed (CS_DITERIMA, CS_DIVERIFIKASI,
                               (enum cactor) -1));
  cr_assert (!cstatus_final (CS__COUNT));
}
