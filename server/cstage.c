/*
 * Complaint stage clocks (cstage.h).
 */
#include "cstage.h"
#include "complaint_status.h"

void
cstage_init (struct cstage *st, int32_t received_day)
{
  st->status = CS_DITERIMA;
  st->s1 = received_day;
  st->e1 = -1;
  st->s2 = -1;
  st->e2 = -1;
}

void
cstage_step (struct cstage *st, int from, int to, int32_t day)
{
  if (to < 0)
    return;
  if (st->e1 < 0)
  {
    /* "Berkas lengkap": the clock restarts on the last completion before
       stage 1 ends. */
    if (from == CS_PERLU_DILENGKAPI && to == CS_DITERIMA)
      st->s1 = day;
    if (to == CS_DIDISPOSISI || to == CS_BUKAN_WEWENANG
        || to == CS_DIARSIPKAN)
      st->e1 = day;
  }
  if (to == CS_DIDISPOSISI && st->s2 < 0)
    st->s2 = day;
  if (from == CS_DIDISPOSISI && to == CS_DITINDAKLANJUTI && st->e2 < 0)
    st->e2 = day;
  st->status = to;
}

int32_t
cstage_deadline1 (const struct cstage *st, const struct calendar *cal,
                  int hk_verify)
{
  return cal_add_working_days (cal, st->s1, hk_verify);
}

int32_t
cstage_deadline2 (const struct cstage *st, const struct calendar *cal,
                  int hk_followup)
{
  if (st->s2 < 0)
    return -1;
  return cal_add_working_days (cal, st->s2, hk_followup);
}

int32_t
cstage_due (const struct cstage *st, const struct calendar *cal,
            int32_t today, int hk_verify, int hk_followup, int hk_autoclose)
{
  switch (st->status)
  {
  case CS_DITERIMA:
  case CS_DIVERIFIKASI:
    return cstage_deadline1 (st, cal, hk_verify);
  case CS_DIDISPOSISI:
    return cal_add_working_days (cal, st->s2 >= 0 ? st->s2 : today,
                                 hk_followup);
  case CS_DITINDAKLANJUTI:
    return cal_add_working_days (cal, today, hk_autoclose);
  default:
    return -1;
  }
}
