/* The complaint fold at a cut-off (reports/cohort.c, REPORTS.md §2.3-2.4)
   on small hand-computed histories.  Dates in March 2026: the 2nd is a
   Monday; the unit is WIB (+07:00). */
#include "cohort.h"
#include "complaint_status.h"
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define WIB 420

/* Unix time of local day D of March 2026 at HH:00 WIB. */
static int64_t
mar (int d, int hh)
{
  int32_t day;
  char iso[11];
  snprintf (iso, sizeof iso, "2026-03-%02d", d);
  cal_parse (iso, &day);
  return (int64_t) day * 86400 + hh * 3600 - WIB * 60;
}

static int32_t
dayn (int d)
{
  int32_t day;
  char iso[11];
  snprintf (iso, sizeof iso, "2026-03-%02d", d);
  cal_parse (iso, &day);
  return day;
}

struct hist {
  struct rs_complaint c;
  struct rs_event ev[16];
  size_t n;
};

static void
h_init (struct hist *h, int received_day)
{
  memset (h, 0, sizeof *h);
  h->c.id = 1;
  snprintf (h->c.tracking, sizeof h->c.tracking, "ADU-2026-000001");
  h->c.received_at = mar (received_day, 9);
  snprintf (h->c.received_date, sizeof h->c.received_date, "2026-03-%02d",
            received_day);
  snprintf (h->c.channel, sizeof h->c.channel, "WEBSITE");
  snprintf (h->c.class_, sizeof h->c.class_, "PENGADUAN");
  snprintf (h->c.privacy, sizeof h->c.privacy, "biasa");
  struct rs_event *e = &h->ev[h->n++];
  e->id = 1;
  e->at = h->c.received_at;
  snprintf (e->kind, sizeof e->kind, "STATUS");
  snprintf (e->to, sizeof e->to, "DITERIMA");
  snprintf (e->actor, sizeof e->actor, "pelapor");
}

static void
h_ev (struct hist *h, int d, int hh, const char *kind, const char *from,
      const char *to, const char *actor, const char *value)
{
  struct rs_event *e = &h->ev[h->n];
  memset (e, 0, sizeof *e);
  e->id = (int64_t) ++h->n;
  e->at = mar (d, hh);
  snprintf (e->kind, sizeof e->kind, "%s", kind);
  snprintf (e->from, sizeof e->from, "%s", from ? from : "");
  snprintf (e->to, sizeof e->to, "%s", to ? to : "");
  snprintf (e->actor, sizeof e->actor, "%s", actor);
  e->value = value;
  if (to && 0 == strcmp (to, "DIDISPOSISI"))
    e->section_id = 7;
}

static void
fold (struct hist *h, int cutoff_day, const struct calendar *cal,
      struct cf *out)
{
  int64_t cutoff = mar (cutoff_day, 0) + 86400 - 1;
  cohort_fold (&h->c, h->ev, h->n, WIB, mar (1, 0) - 1, cutoff,
               dayn (cutoff_day), cal, 3, 5, out);
}

Test (cohort, on_time_verification_late_follow_up)
{
  struct calendar cal;
  cal_init (&cal);
  struct hist h;
  struct cf c;
  h_init (&h, 2);                                   /* Mon 2 March */
  h_ev (&h, 3, 10, "STATUS", "DITERIMA", "DIVERIFIKASI", "ani", NULL);
  h_ev (&h, 4, 10, "STATUS", "DIVERIFIKASI", "DIDISPOSISI", "ani", NULL);
  h_ev (&h, 12, 10, "STATUS", "DIDISPOSISI", "DITINDAKLANJUTI", "budi",
        NULL);
  fold (&h, 31, &cal, &c);
  cr_assert_eq (c.status, CS_DITINDAKLANJUTI);
  cr_assert_eq (c.d1, dayn (5));          /* 3 HK after Mon 2 = Thu 5 */
  cr_assert_eq (c.o1, OUT_TEPAT);
  cr_assert_eq (c.hk1, 2);
  cr_assert_eq (c.d2, dayn (11));         /* 5 HK after Wed 4 = Wed 11 */
  cr_assert_eq (c.o2, OUT_TERLAMBAT_SELESAI);
  cr_assert_eq (c.hk2, 6);
  cr_assert_eq (c.hk_tl, 8);              /* Tue 3 .. Thu 12 */
  cr_assert_eq (c.section_id, 7);
  cr_assert_eq (c.tl_day, dayn (12));
  free (c.pub);
  cal_free (&cal);
}

Test (cohort, clock_restarts_when_the_file_is_complete)
{
  struct calendar cal;
  cal_init (&cal);
  struct hist h;
  struct cf c;
  h_init (&h, 2);
  h_ev (&h, 3, 10, "STATUS", "DITERIMA", "PERLU_DILENGKAPI", "ani", NULL);
  h_ev (&h, 10, 8, "REPLY", "PERLU_DILENGKAPI", "DITERIMA", "pelapor", NULL);
  h_ev (&h, 11, 10, "STATUS", "DITERIMA", "DIVERIFIKASI", "ani", NULL);
  h_ev (&h, 13, 10, "STATUS", "DIVERIFIKASI", "DIDISPOSISI", "ani", NULL);
  fold (&h, 31, &cal, &c);
  cr_assert_eq (c.st.s1, dayn (10));
  cr_assert_eq (c.d1, dayn (13));
  cr_assert_eq (c.o1, OUT_TEPAT);         /* late if counted from the 2nd */
  cr_assert_eq (c.hk1, 3);
  cr_assert_eq (c.o2, OUT_TERLAMBAT_BELUM);   /* due 20th, open on 31st */
  /* Waiting for the reporter at the cut-off: out of stage 1. */
  fold (&h, 5, &cal, &c);
  cr_assert_eq (c.status, CS_PERLU_DILENGKAPI);
  cr_assert_eq (c.o1, OUT_NONE);
  cal_free (&cal);
}

Test (cohort, an_event_after_the_cut_off_changes_nothing)
{
  struct calendar cal;
  cal_init (&cal);
  struct hist h;
  struct cf a, b;
  h_init (&h, 2);
  h_ev (&h, 3, 10, "STATUS", "DITERIMA", "DIVERIFIKASI", "ani", NULL);
  fold (&h, 4, &cal, &a);
  h_ev (&h, 4, 23, "STATUS", "DIVERIFIKASI", "DIDISPOSISI", "ani", NULL);
  h_ev (&h, 5, 0, "UNSUR", NULL, NULL, "ani", "U3,U7");
  fold (&h, 4, &cal, &b);
  cr_assert_eq (b.status, CS_DIDISPOSISI);   /* 23:00 on the 4th counts */
  h.n--;                                     /* the 5th does not: */
  struct cf c;
  fold (&h, 4, &cal, &c);
  cr_assert_eq (c.unsur, 0);
  h.n--;
  fold (&h, 4, &cal, &c);
  cr_assert_eq (c.status, a.status);
  cr_assert_eq (c.o1, a.o1);
  cr_assert_eq (a.o1, OUT_BELUM_JATUH_TEMPO);   /* due the 5th */
  fold (&h, 6, &cal, &c);
  cr_assert_eq (c.o1, OUT_TERLAMBAT_BELUM);
  cal_free (&cal);
}

Test (cohort, a_holiday_moves_the_deadline)
{
  struct calendar cal;
  cal_init (&cal);
  cal_add_holiday (&cal, dayn (4));
  struct hist h;
  struct cf c;
  h_init (&h, 2);
  h_ev (&h, 6, 9, "STATUS", "DITERIMA", "DIVERIFIKASI", "ani", NULL);
  h_ev (&h, 6, 10, "STATUS", "DIVERIFIKASI", "DIDISPOSISI", "ani", NULL);
  fold (&h, 31, &cal, &c);
  cr_assert_eq (c.d1, dayn (6));          /* 3, (4 off), 5, 6 */
  cr_assert_eq (c.o1, OUT_TEPAT);
  cr_assert_eq (c.hk1, 3);
  cal_free (&cal);
}

Test (cohort, verdicts_reopening_closure_tags_publication)
{
  struct calendar cal;
  cal_init (&cal);
  struct hist h;
  struct cf c;
  h_init (&h, 2);
  h_ev (&h, 2, 10, "STATUS", "DITERIMA", "DIVERIFIKASI", "ani", NULL);
  h_ev (&h, 2, 11, "STATUS", "DIVERIFIKASI", "DIDISPOSISI", "ani", NULL);
  h_ev (&h, 3, 10, "STATUS", "DIDISPOSISI", "DITINDAKLANJUTI", "ani", NULL);
  h_ev (&h, 3, 11, "UNSUR", NULL, NULL, "ani", "U4");
  h_ev (&h, 3, 12, "PUBLICATION", NULL, NULL, "ani", "Sudah diproses.");
  h_ev (&h, 4, 10, "VERDICT", "DITINDAKLANJUTI", "SELESAI", "pelapor",
        "solved");
  h_ev (&h, 5, 10, "REPLY", "SELESAI", "DITINDAKLANJUTI", "pelapor", NULL);
  h_ev (&h, 6, 10, "VERDICT", "DITINDAKLANJUTI", "DITINDAKLANJUTI",
        "pelapor", "not_solved");
  h_ev (&h, 7, 10, "UNSUR", NULL, NULL, "ani", "U4,U9");
  h_ev (&h, 8, 10, "PUBLICATION", NULL, NULL, "ani", "");
  h_ev (&h, 20, 10, "STATUS", "DITINDAKLANJUTI", "SELESAI", "sistem", NULL);
  fold (&h, 31, &cal, &c);
  cr_assert_eq (c.status, CS_SELESAI);
  cr_assert_eq (c.closure, 's');
  cr_assert (c.reopened);
  cr_assert (c.not_solved);
  cr_assert_eq (c.unsur, (1u << 3) | (1u << 8));
  cr_assert_null (c.pub);                 /* withdrawn on the 8th */
  cr_assert_eq (c.st.e2, dayn (3));       /* the first follow-up counts */
  /* At the 4th: solved by the reporter, published, one tag. */
  fold (&h, 4, &cal, &c);
  cr_assert_eq (c.status, CS_SELESAI);
  cr_assert_eq (c.closure, 'p');
  cr_assert (! c.reopened);
  cr_assert (! c.not_solved);
  cr_assert_eq (c.unsur, 1u << 3);
  cr_assert_str_eq (c.pub, "Sudah diproses.");
  free (c.pub);
  cal_free (&cal);
}

Test (cohort, group_figures_and_rounding)
{
  /* 8 complaints: 1 archived, 1 referred, 6 to follow up of which 4 were
     followed up (3 solved): 4/6 = 66,67 %, 3/6 = 50 %. */
  struct cgroup g = { 0 };
  static const int st[] = { CS_DIARSIPKAN, CS_BUKAN_WEWENANG, CS_SELESAI,
                            CS_SELESAI, CS_SELESAI, CS_DITINDAKLANJUTI,
                            CS_DIDISPOSISI, CS_DITERIMA };
  for (size_t i = 0; i < 8; i++)
  {
    struct cf c = { .status = st[i], .o2 = OUT_NONE, .hk_tl = -1 };
    if (i >= 2 && i <= 5)
    {
      c.o2 = i == 5 ? OUT_TERLAMBAT_SELESAI : OUT_TEPAT;
      c.hk_tl = (int) i;                  /* 2 3 4 5 -> median 3,5 */
    }
    cgroup_add (&g, &c);
  }
  json_t *j = cgroup_json (&g);
  cr_assert_eq (json_integer_value (json_object_get (j,
                                                     "harus_ditindaklanjuti")),
                6);
  cr_assert_eq (json_integer_value (json_object_get (j, "dalam_proses")), 3);
  cr_assert_float_eq (json_real_value (json_object_get (
                                         j, "pct_ditindaklanjuti")), 66.67,
                      1e-9);
  cr_assert_float_eq (json_real_value (json_object_get (j, "pct_selesai")),
                      50.0, 1e-9);
  cr_assert_float_eq (json_real_value (json_object_get (
                                         j, "pct_tepat_tindak_lanjut")), 75.0,
                      1e-9);
  cr_assert_float_eq (json_real_value (json_object_get (j, "median_hk")),
                      3.5, 1e-9);
  json_decref (j);
  cgroup_free (&g);
  /* Nothing to follow up: percentages are null, counts are not. */
  struct cgroup z = { 0 };
  struct cf a = { .status = CS_DIARSIPKAN, .o2 = OUT_NONE, .hk_tl = -1 };
  cgroup_add (&z, &a);
  j = cgroup_json (&z);
  cr_assert (json_is_null (json_object_get (j, "pct_selesai")));
  cr_assert_eq (json_integer_value (json_object_get (j, "masuk")), 1);
  json_decref (j);
  cgroup_free (&z);
}
